/* ld-win-window.h - the main window: one document made of one or more inputs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_WINDOW (ld_win_window_get_type ())
G_DECLARE_FINAL_TYPE (LdWinWindow, ld_win_window, LD_WIN, WINDOW, GtkApplicationWindow)

LdWinWindow *ld_win_window_new           (GtkApplication *application);
void         ld_win_window_open          (LdWinWindow    *self,
                                          GFile         **files,
                                          guint           n_files);
gboolean     ld_win_window_is_blank      (LdWinWindow    *self);
LdAnalysis  *ld_win_window_get_analysis  (LdWinWindow    *self);
void         ld_win_window_set_initial_view (LdWinWindow *self,
                                             const char  *view,
                                             const char  *search);
void         ld_win_window_show_message  (LdWinWindow    *self,
                                          const char     *text);

G_END_DECLS
