/* ld-analysis-private.h - what the input readers share with the analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"

G_BEGIN_DECLS

gboolean _ld_analysis_read_stream        (LdAnalysis    *self,
                                          GInputStream  *in,
                                          const char    *path,
                                          const char    *member,
                                          guint64        declared_size,
                                          GCancellable  *cancellable,
                                          GError       **error);
gboolean _ld_analysis_read_func          (LdAnalysis    *self,
                                          gsize        (*read_func) (gpointer, char *, gsize, GError **),
                                          gpointer       read_data,
                                          const char    *path,
                                          const char    *member,
                                          guint64        declared_size,
                                          GCancellable  *cancellable,
                                          GError       **error);
gboolean _ld_analysis_is_finished       (LdAnalysis    *self);
GPtrArray *_ld_analysis_get_dialog_messages (LdAnalysis *self);
void     _ld_analysis_add_progress_total (LdAnalysis    *self,
                                          guint64        bytes);
void     _ld_analysis_set_pipeline_min_bytes (LdAnalysis *self,
                                              guint64     bytes);

char    *ld_text_dup_utf8                (const char    *text,
                                          gsize          len);
char    *ld_text_dup_display_name        (const char    *name,
                                          gsize          len);
char    *ld_client_from_user_agent       (const char    *ua);
gboolean ld_text_is_plain_ascii          (const char    *text,
                                          gsize          len);

char         *_ld_string_chunk_take      (GStringChunk *strings,
                                          char         *owned,
                                          gboolean      shared);
LdDiagnostic *_ld_diagnostic_parse_borrowing (LdDiagHeader  header,
                                              const char   *value);
void          _ld_sip_message_compact    (LdSipMessage *msg,
                                          GStringChunk *strings);
LdSipMessage *_ld_sip_message_parse_valid (const char   *text,
                                           gsize         len,
                                           GError      **error);
LdSipMessage *_ld_sip_message_parse_stripped (const char   *text,
                                              gsize         len,
                                              GStringChunk *strings);
LdSipMessage *_ld_sip_message_parse_stripped_kept (const char   *text,
                                                   gsize         len,
                                                   GStringChunk *strings);
gsize         _ld_sip_message_peek_length (const char   *text,
                                           gsize         len);

G_END_DECLS
