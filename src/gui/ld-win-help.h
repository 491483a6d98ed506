/* ld-win-help.h - the help page F1 opens, shown in a window of the app
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean     ld_win_help_read          (GtkTextBuffer  *buffer,
                                        const char     *path,
                                        char          **title,
                                        GError        **error);
GtkWindow   *ld_win_help_new           (GtkWindow      *parent,
                                        const char     *path,
                                        GError        **error);
GtkTextView *ld_win_help_get_text_view (GtkWindow      *help);

G_END_DECLS
