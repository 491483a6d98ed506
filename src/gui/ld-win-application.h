/* ld-win-application.h - the LyncDiag GtkApplication: windows, files to open, app actions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define LD_WIN_TYPE_APPLICATION (ld_win_application_get_type ())
G_DECLARE_FINAL_TYPE (LdWinApplication, ld_win_application, LD_WIN, APPLICATION, GtkApplication)

LdWinApplication *ld_win_application_new        (void);
int               ld_win_application_get_status (LdWinApplication *self);
char             *ld_win_application_dup_help_uri (void);

G_END_DECLS
