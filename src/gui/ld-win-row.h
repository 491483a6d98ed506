/* ld-win-row.h - one attempt, message or finding as an item of a GListModel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LD_WIN_TYPE_ROW (ld_win_row_get_type ())
G_DECLARE_FINAL_TYPE (LdWinRow, ld_win_row, LD_WIN, ROW, GObject)

LdWinRow *ld_win_row_new       (gpointer  data,
                                guint     index);
gpointer  ld_win_row_get_data  (LdWinRow *self);
guint     ld_win_row_get_index (LdWinRow *self);

G_END_DECLS
