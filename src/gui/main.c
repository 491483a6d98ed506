/* main.c - starts the LyncDiag desktop application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "ld-win-application.h"
#include "lyncdiag.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(LdWinApplication) app = NULL;
  int status;

  setlocale (LC_ALL, "");
  ld_i18n_init ();

  g_set_application_name ("LyncDiag");
  app = ld_win_application_new ();
  status = g_application_run (G_APPLICATION (app), argc, argv);
  return status != 0 ? status : ld_win_application_get_status (app);
}
