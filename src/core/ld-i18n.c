/* ld-i18n.c - where the translations are found, for the app, the CLI and the tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-i18n"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-i18n.h"

/**
 * ld_i18n_get_localedir:
 *
 * The directory the message catalogues are read from: `LYNCDIAG_LOCALEDIR`
 * when set (a build tree's `po/` directory is one, which is how the tests
 * read translations before anything is installed), else the installed
 * `LOCALEDIR`.
 *
 * Returns: (transfer none): a directory name
 */
const char *
ld_i18n_get_localedir (void)
{
  const char *dir = g_getenv ("LYNCDIAG_LOCALEDIR");

  return dir != NULL && *dir != '\0' ? dir : LOCALEDIR;
}

/**
 * ld_i18n_init:
 *
 * Binds the `lyncdiag` text domain to ld_i18n_get_localedir(), always in
 * UTF-8 (labels, the PDF and JSON are UTF-8 whatever the locale's
 * charset), and makes it the default domain, so that GtkBuilder templates
 * and GOption help without an explicit domain find it too. Call it after
 * setlocale().
 */
void
ld_i18n_init (void)
{
  bindtextdomain (GETTEXT_PACKAGE, ld_i18n_get_localedir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
