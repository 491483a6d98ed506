/* ld-win-style.c - what the custom-drawn widgets need to know of the theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-style"

#include "config.h"

#include "ld-win-style.h"

/**
 * ld_win_widget_is_dark:
 *
 * Returns: %TRUE when @widget is drawn on a dark background, judged from
 *   its foreground colour (a light foreground means a dark style), so the
 *   timeline and ladder pick the palette that reads on it
 */
gboolean
ld_win_widget_is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  return 0.3 * fg.red + 0.59 * fg.green + 0.11 * fg.blue > 0.5;
}

/**
 * ld_win_style_load:
 *
 * Adds the app's CSS (ld-win-style.css) to the default display, once:
 * the app at startup, the UI tests before their first window.
 */
void
ld_win_style_load (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) css = NULL;

  if (loaded)
    return;
  loaded = TRUE;
  css = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (css, "/org/lyncdiag/LyncDiag/ld-win-style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}
