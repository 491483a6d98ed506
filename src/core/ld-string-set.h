/* ld-string-set.h - strings stored once each in a string chunk, looked up by a hash of eight bytes at a time
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdStringSet LdStringSet;

LdStringSet *_ld_string_set_new  (GStringChunk *chunk);
const char  *_ld_string_set_add  (LdStringSet  *self,
                                  const char   *s,
                                  gsize         len,
                                  gpointer    **data);
guint        _ld_string_set_size (LdStringSet  *self);
void         _ld_string_set_free (LdStringSet  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdStringSet, _ld_string_set_free)

G_END_DECLS
