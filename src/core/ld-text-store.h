/* ld-text-store.h - the text of the browser's messages, in large blocks of memory
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _LdTextStore LdTextStore;

LdTextStore *_ld_text_store_new  (void);
char        *_ld_text_store_add  (LdTextStore *self,
                                  const char  *text,
                                  gsize        len);
gpointer     _ld_text_store_alloc  (LdTextStore *self,
                                    gsize        size);
gpointer     _ld_text_store_alloc0 (LdTextStore *self,
                                    gsize        size);
gboolean     _ld_text_store_prepare       (LdTextStore *self);
void         _ld_text_store_drop_prepared (LdTextStore *self);
void         _ld_text_store_free (LdTextStore *self);

G_END_DECLS
