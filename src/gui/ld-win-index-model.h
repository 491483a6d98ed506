/* ld-win-index-model.h - a list model over chosen items of an array, made on demand
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define LD_WIN_TYPE_INDEX_MODEL (ld_win_index_model_get_type ())
G_DECLARE_FINAL_TYPE (LdWinIndexModel, ld_win_index_model, LD_WIN, INDEX_MODEL, GObject)

LdWinIndexModel *ld_win_index_model_new       (void);
void             ld_win_index_model_set       (LdWinIndexModel *self,
                                               GObject         *owner,
                                               GPtrArray       *items,
                                               GArray          *indices);
guint            ld_win_index_model_get_index (LdWinIndexModel *self,
                                               guint            position);
gpointer         ld_win_index_model_get_data  (LdWinIndexModel *self,
                                               guint            position);
guint            ld_win_index_model_find      (LdWinIndexModel *self,
                                               gconstpointer    data);

G_END_DECLS
