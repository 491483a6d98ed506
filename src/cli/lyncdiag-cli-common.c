/* lyncdiag-cli-common.c - what the commands of lyncdiag-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "lyncdiag-cli-common.h"

/**
 * ld_cli_load:
 * @files: the FILE arguments
 * @status: (out): EXIT_UNREADABLE when an input could not be read,
 *   EXIT_NOTHING when none held a log, else EXIT_ANALYSED
 *
 * Reads every FILE into one analysis, printing each error as it comes,
 * and finishes it.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL when no input held a log
 */
LdAnalysis *
ld_cli_load (char **files,
             int   *status)
{
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  *status = EXIT_ANALYSED;
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);
      g_autoptr(GError) error = NULL;

      if (!ld_analysis_add_file (analysis, file, NULL, &error))
        {
          fprintf (stderr, "lyncdiag-cli: %s\n", error->message);
          if (g_error_matches (error, LD_ERROR, LD_ERROR_READ) ||
              g_error_matches (error, LD_ERROR, LD_ERROR_ZIP))
            *status = EXIT_UNREADABLE;
        }
    }
  ld_analysis_finish (analysis);

  if (ld_analysis_get_inputs (analysis)->len == 0)
    {
      if (*status == EXIT_ANALYSED)
        {
          fprintf (stderr, "lyncdiag-cli: %s\n",
                   _("Nothing to analyse: no input held a Lync or Skype for Business log."));
          *status = EXIT_NOTHING;
        }
      return NULL;
    }
  return g_steal_pointer (&analysis);
}

/**
 * ld_cli_check_empty:
 * @analysis: a finished analysis
 * @status: the status so far
 *
 * Returns: EXIT_NOTHING, with a message, when the logs held no SIP
 *   message at all; else @status
 */
int
ld_cli_check_empty (LdAnalysis *analysis,
                    int         status)
{
  if (ld_analysis_is_empty (analysis) && status == EXIT_ANALYSED)
    {
      fprintf (stderr, "lyncdiag-cli: %s\n",
               _("Nothing to analyse: the logs hold no SIP message. Turn on logging in the client, "
                 "reproduce the problem, then open the new log."));
      return EXIT_NOTHING;
    }
  return status;
}

/* What ld_cli_keep_until_exit() keeps. */
static LdAnalysis *kept_until_exit;

/**
 * ld_cli_keep_until_exit:
 * @analysis: (transfer full): the analysis of a command that has written
 *   its output and is about to return from main()
 *
 * Keeps @analysis instead of freeing it. When the process ends, the
 * system takes its memory back at once; freeing it piece by piece (every
 * kept message, attempt, diagnostic and finding) took 20 ms of the 310 ms
 * a 200 MB log needs. It stays reachable from here, so leak checkers do
 * not count it as lost.
 */
void
ld_cli_keep_until_exit (LdAnalysis *analysis)
{
  g_clear_object (&kept_until_exit);
  kept_until_exit = analysis;
}
