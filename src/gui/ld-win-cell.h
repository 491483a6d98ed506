/* ld-win-cell.h - one line of text in a cell of a long list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LD_WIN_TYPE_CELL (ld_win_cell_get_type ())
G_DECLARE_FINAL_TYPE (LdWinCell, ld_win_cell, LD_WIN, CELL, GtkWidget)

GtkWidget  *ld_win_cell_new           (float               xalign,
                                       PangoEllipsizeMode  ellipsize);
void        ld_win_cell_set_text      (LdWinCell          *self,
                                       const char         *text);
const char *ld_win_cell_get_text      (LdWinCell          *self);
int         ld_win_cell_column_width  (GtkWidget          *widget,
                                       const char * const *texts,
                                       gboolean            bold,
                                       int                 minimum);

G_END_DECLS
