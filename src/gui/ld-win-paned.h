/* ld-win-paned.h - panes that share their space by proportion, and remember it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void    ld_win_paned_keep_fraction (GtkPaned   *paned,
                                    GSettings  *settings,
                                    const char *key,
                                    double      fallback);
double  ld_win_paned_get_fraction  (GtkPaned   *paned);
void    ld_win_paned_set_fraction  (GtkPaned   *paned,
                                    double      fraction);
gboolean ld_win_paned_settle       (GtkPaned   *paned);

G_END_DECLS
