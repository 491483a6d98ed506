/* ld-win-copy.h - rows and cells to the clipboard, as text or CSV, and the lists' context menus
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

char       *ld_win_copy_format_rows    (const char * const *titles,
                                        GPtrArray   *rows,
                                        gboolean     csv);
void        ld_win_copy_text           (GtkWidget   *widget,
                                        const char  *text);

/* Right-click (or the Menu key, or Shift+F10) on a cell of @view: @func
 * is told which cell (its widget, or NULL from the keyboard) and returns
 * the menu to show, or NULL for none. */
typedef GMenuModel *(*LdWinContextFunc) (GtkColumnView *view,
                                         GtkWidget     *cell,
                                         gpointer       user_data);

void        ld_win_column_view_add_context_menu (GtkColumnView   *view,
                                                 LdWinContextFunc func,
                                                 gpointer         user_data);

G_END_DECLS
