/* lyncdiag-cli-common.c - what the commands of lyncdiag-cli share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>
#ifdef G_OS_UNIX
# include <sys/stat.h>
# include <unistd.h>
#else
# include <io.h>
#endif

#include "lyncdiag-cli-common.h"

/* When standard output is a file holding something already (">>"), it
 * must not be one of the inputs: the analysis would be appended to a log. */
static gboolean
check_stdout (LdAnalysis *analysis)
{
#ifdef G_OS_UNIX
  struct stat st;
  g_autoptr(GFile) out = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *target = NULL;

  if (fstat (STDOUT_FILENO, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size == 0)
    return TRUE;
  out = g_file_new_for_path ("/proc/self/fd/1");
  if (ld_analysis_check_output (analysis, out, &error))
    return TRUE;
  target = g_file_read_link ("/proc/self/fd/1", NULL);
  fprintf (stderr, "lyncdiag-cli: ");
  fprintf (stderr, _("Standard output goes to “%s”, which is one of the inputs or a file in a folder you "
                     "named: nothing was written. Redirect the output to another file."),
           target != NULL ? target : "?");
  fputc ('\n', stderr);
  return FALSE;
#else
  return TRUE;
#endif
}

/* Names every input skipped, with its reason; past MAX_NOTES_PER_INPUT
 * for one input (a zip of thousands of empty logs), says how many more. */
#define MAX_NOTES_PER_INPUT 20

static void
print_skipped (GPtrArray *skipped,
               int       *status)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();

  for (guint i = 0; i < skipped->len; i++)
    {
      const LdSkippedInput *s = g_ptr_array_index (skipped, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, s->path)) + 1;

      if (n == 1)
        g_ptr_array_add (order, s->path);
      g_hash_table_insert (counts, s->path, GUINT_TO_POINTER (n));
      if (n <= MAX_NOTES_PER_INPUT)
        fprintf (stderr, "lyncdiag-cli: %s\n", s->reason);
      if (ld_skipped_input_is_unread (s))
        *status = EXIT_UNREADABLE;
    }
  for (guint i = 0; i < order->len; i++)
    {
      const char *path = g_ptr_array_index (order, i);
      guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, path));

      if (n <= MAX_NOTES_PER_INPUT)
        continue;
      fprintf (stderr, "lyncdiag-cli: ");
      fprintf (stderr, g_dngettext (GETTEXT_PACKAGE,
                                    "… and %u more file skipped in %s (“analyze --json” lists every one).",
                                    "… and %u more files skipped in %s (“analyze --json” lists every one).",
                                    n - MAX_NOTES_PER_INPUT),
               n - MAX_NOTES_PER_INPUT, path);
      fputc ('\n', stderr);
    }
}

/**
 * ld_cli_load:
 * @files: the FILE arguments
 * @status: (out): EXIT_UNREADABLE when an input, or a log in a folder or
 *   zip, could not be read; else EXIT_NOTHING when no input held a log;
 *   else EXIT_ANALYSED. EXIT_WRITE when standard output is an input.
 *
 * Loads every FILE into one analysis (LdLoader: the app's way, the same
 * inputs skipped for the same reasons), then names every input that was
 * skipped, with its reason, on standard error.
 *
 * Returns: (transfer full) (nullable): the analysis, or %NULL when no input
 *   held a log (or standard output may not be written)
 */
LdAnalysis *
ld_cli_load (char **files,
             int   *status)
{
  g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *skipped;

  *status = EXIT_ANALYSED;
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (files[i]);

      ld_loader_add_file (loader, file);
    }
  analysis = ld_loader_load (loader, NULL, &error);

  skipped = ld_loader_get_skipped (loader);
  print_skipped (skipped, status);

  if (analysis == NULL)
    {
      if (*status == EXIT_ANALYSED)
        {
          fprintf (stderr, "lyncdiag-cli: %s\n",
                   _("Nothing to analyse: no input held a Lync or Skype for Business log."));
          *status = EXIT_NOTHING;
        }
      return NULL;
    }
  if (!check_stdout (analysis))
    {
      *status = EXIT_WRITE;
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

/**
 * ld_cli_write_error:
 * @errsv: the errno of a failed write to standard output
 *
 * Says why standard output could not be written, except when its reader
 * went away (EPIPE: "| head"), which is no news to anyone.
 *
 * Returns: EXIT_WRITE
 */
int
ld_cli_write_error (int errsv)
{
  if (errsv == EPIPE)
    return EXIT_WRITE;
  fprintf (stderr, "lyncdiag-cli: ");
  if (errsv == ENOSPC)
    fprintf (stderr, "%s", _("Cannot write to standard output: the disk is full. The output is incomplete."));
  else if (errsv != 0)
    /* TRANSLATORS: %s is the system's reason, e.g. "Input/output error" */
    fprintf (stderr, _("Cannot write to standard output: %s. The output is incomplete."), g_strerror (errsv));
  else
    fprintf (stderr, "%s", _("Cannot write to standard output. The output is incomplete."));
  fputc ('\n', stderr);
  return EXIT_WRITE;
}

/**
 * ld_cli_close_stdout:
 * @status: what the command returned
 * @errsv: errno when it returned
 *
 * Flushes and closes standard output: a command whose output did not all
 * get written ends with EXIT_WRITE, whatever it found.
 *
 * Returns: the exit status
 */
static gboolean stdout_closed;

/* For the paths that end the program with exit() (GOption's --help):
 * standard output is checked all the same. */
static void
close_stdout_at_exit (void)
{
  int status;

  if (stdout_closed)
    return;
  status = ld_cli_close_stdout (EXIT_ANALYSED, 0);
  if (status != EXIT_ANALYSED)
    _exit (status);
}

/**
 * ld_cli_watch_stdout:
 *
 * Makes a program that ends through exit() fail (EXIT_WRITE) when its
 * standard output was not all written, as ld_cli_close_stdout() does.
 */
void
ld_cli_watch_stdout (void)
{
  atexit (close_stdout_at_exit);
}

int
ld_cli_close_stdout (int status,
                     int errsv)
{
  gboolean failed = ferror (stdout) != 0;

  stdout_closed = TRUE;

  if (fflush (stdout) != 0)
    {
      failed = TRUE;
      errsv = errno;
    }
  if (fclose (stdout) != 0 && !failed)
    {
      failed = TRUE;
      errsv = errno;
    }
  if (!failed || status == EXIT_WRITE)
    return status;
  return ld_cli_write_error (errsv);
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
