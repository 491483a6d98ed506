/* ld-win-style.h - what the custom-drawn widgets need to know of the theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

gboolean ld_win_widget_is_dark (GtkWidget *widget);

void     ld_win_style_load     (void);

G_END_DECLS
