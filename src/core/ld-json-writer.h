/* ld-json-writer.h - a small streaming JSON writer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LdJsonWriter LdJsonWriter;

LdJsonWriter *ld_json_writer_new          (gboolean      pretty);
LdJsonWriter *ld_json_writer_new_for_stream (GOutputStream *stream,
                                            gboolean       pretty);
gboolean      ld_json_writer_finish_stream (LdJsonWriter  *self,
                                            GError       **error);
void          ld_json_writer_free         (LdJsonWriter *self);
char         *ld_json_writer_steal        (LdJsonWriter *self);
LdJsonWriter *ld_json_writer_new_fragment (LdJsonWriter *parent,
                                           gboolean      continues);
void          ld_json_writer_append_fragment (LdJsonWriter *self,
                                              LdJsonWriter *fragment);
void          ld_json_writer_reuse_fragment (LdJsonWriter *self,
                                             LdJsonWriter *parent,
                                             gboolean      continues);
void          ld_json_begin_object        (LdJsonWriter *self);
void          ld_json_end_object          (LdJsonWriter *self);
void          ld_json_begin_array         (LdJsonWriter *self);
void          ld_json_end_array           (LdJsonWriter *self);
void          ld_json_key                 (LdJsonWriter *self,
                                           const char   *key);
void          ld_json_string              (LdJsonWriter *self,
                                           const char   *value);
void          ld_json_int                 (LdJsonWriter *self,
                                           gint64        value);
void          ld_json_bool                (LdJsonWriter *self,
                                           gboolean      value);
void          ld_json_null                (LdJsonWriter *self);
void          ld_json_member_string       (LdJsonWriter *self,
                                           const char   *key,
                                           const char   *value);
void          ld_json_member_int          (LdJsonWriter *self,
                                           const char   *key,
                                           gint64        value);
void          ld_json_member_bool         (LdJsonWriter *self,
                                           const char   *key,
                                           gboolean      value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdJsonWriter, ld_json_writer_free)

G_END_DECLS
