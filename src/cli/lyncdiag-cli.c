/* lyncdiag-cli.c - the LyncDiag analysis on the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag-cli"

#include "config.h"

#include <errno.h>
#include <locale.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#ifdef G_OS_UNIX
# include <gio/gunixoutputstream.h>
# include <unistd.h>
#else
# include <gio/gwin32outputstream.h>
# include <io.h>
#endif

#include "lyncdiag.h"
#include "lyncdiag-cli-common.h"
#include "lyncdiag-cli-wizard.h"
#include "lyncdiag-cli-report.h"

static void
print_usage (FILE *out)
{
  fprintf (out, "%s",
           _("Usage:\n"
             "  lyncdiag-cli analyze [--json] FILE…   Analyse logs, folders or MOSDALREPORT.zip files\n"
             "  lyncdiag-cli decode TEXT               Decode a pasted ms-diagnostics header,\n"
             "                                         CallerMediaDebug value or ICEWarn=0x…\n"
             "  lyncdiag-cli rules                     List the rules behind the findings\n"
             "  lyncdiag-cli wizard [--answer KEY=VALUE]… [--json] [--network-check] FILE…\n"
             "                                         Walk the troubleshooting steps, answered\n"
             "                                         from the logs (see wizard --help)\n"
             "  lyncdiag-cli report FILE… -o OUT [--format pdf|md|csv|json] [--redact]\n"
             "                      [--paper a4|letter] [--wizard] [--answer KEY=VALUE]…\n"
             "                                         Write a report for a ticket (format from\n"
             "                                         OUT's extension when not given)\n"
             "  lyncdiag-cli --version\n"
             "\n"
             "Exit status: 0 analysed, 1 nothing analysable, 2 usage error,\n"
             "3 an input (or a log in a folder or zip) could not be read: the rest is\n"
             "analysed and each is named, 4 the output could not be written,\n"
             "5 a redacted report was refused: a value of the logs would have survived.\n"));
}

static int
usage_error (const char *message)
{
  fprintf (stderr, "lyncdiag-cli: %s\n\n", message);
  print_usage (stderr);
  return EXIT_USAGE;
}

/* The longest text "decode" takes: a header or two pasted, with room to
 * spare; reading "-" stops there (not at the end of /dev/zero). */
#define MAX_DECODE_TEXT (1024 * 1024)

/* Returns EXIT_WRITE, said, when standard output cannot take @text. */
static int
write_stdout (const char *text,
              int         status)
{
  if (fputs (text, stdout) == EOF || fflush (stdout) != 0)
    return ld_cli_write_error (errno);
  return status;
}

/* Standard output as a GOutputStream, so large JSON is streamed. */
static GOutputStream *
stdout_stream_new (void)
{
  fflush (stdout);
#ifdef G_OS_UNIX
  return g_unix_output_stream_new (STDOUT_FILENO, FALSE);
#else
  return g_win32_output_stream_new ((void *) _get_osfhandle (_fileno (stdout)), FALSE);
#endif
}

static int
cmd_analyze (int    argc,
             char **argv)
{
  gboolean json = FALSE;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON (schema lyncdiag.analysis/1)"), NULL },
    /* No arg_description: the context's parameter string already says FILE…. */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("FILE… — analyse Lync / Skype for Business logs"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autofree char *out = NULL;
  int status;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error (error->message);
  if (files == NULL || files[0] == NULL)
    return usage_error (_("analyze needs at least one FILE: a .uccapilog, a folder or a MOSDALREPORT.zip."));

  analysis = ld_cli_load (files, &status);
  if (analysis == NULL)
    return status;

  if (json)
    {
      g_autoptr(GOutputStream) stdout_stream = stdout_stream_new ();
      g_autoptr(GError) write_error = NULL;

      if (!ld_analysis_write_json (analysis, stdout_stream, TRUE, &write_error))
        {
          if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
            return ld_cli_write_error (EPIPE);
          if (g_error_matches (write_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
            return ld_cli_write_error (ENOSPC);
          fprintf (stderr, "lyncdiag-cli: %s: %s\n", _("could not write the output"), write_error->message);
          return EXIT_WRITE;
        }
    }
  else
    {
      out = ld_analysis_to_text (analysis);
      if (write_stdout (out, EXIT_ANALYSED) != EXIT_ANALYSED)
        return EXIT_WRITE;
    }

  status = ld_cli_check_empty (analysis, status);
  ld_cli_keep_until_exit (g_steal_pointer (&analysis));
  return status;
}

static int
cmd_decode (int    argc,
            char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("TEXT — decode a pasted ms-diagnostics or ms-client-diagnostics header, "
                                                          "CallerMediaDebug value or ICEWarn=0x…"));
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_description (ctx, _("With TEXT “-”, the text is read from standard input."));
  /* Pasted text may itself start with a dash; only --help is ours. */
  g_option_context_set_ignore_unknown_options (ctx, TRUE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error (error->message);
  if (argc < 2)
    return usage_error (_("decode needs the text to decode, e.g. lyncdiag-cli decode 'ICEWarn=0x4000320'; "
                          "use - to read it from standard input."));
  if (argc == 2 && strcmp (argv[1], "-") == 0)
    {
      char buf[4096];
      size_t n;

      while (text->len <= MAX_DECODE_TEXT && (n = fread (buf, 1, sizeof buf, stdin)) > 0)
        g_string_append_len (text, buf, n);
      if (ferror (stdin))
        {
          fprintf (stderr, "lyncdiag-cli: ");
          fprintf (stderr, _("Cannot read standard input: %s."), g_strerror (errno));
          fputc ('\n', stderr);
          return EXIT_UNREADABLE;
        }
    }
  else
    for (int i = 1; i < argc; i++)
      {
        if (i > 1)
          g_string_append_c (text, ' ');
        g_string_append (text, argv[i]);
      }
  if (text->len > MAX_DECODE_TEXT)
    {
      fprintf (stderr, "lyncdiag-cli: ");
      fprintf (stderr, _("The text to decode is longer than %d MB: paste only the header or the value to "
                         "decode (an ms-diagnostics header, a CallerMediaDebug value, ICEWarn=0x…)."),
               MAX_DECODE_TEXT / (1024 * 1024));
      fputc ('\n', stderr);
      return EXIT_NOTHING;
    }

  if (!ld_decode_pasted (text->str, out, &error))
    {
      fprintf (stderr, "lyncdiag-cli: %s\n", error->message);
      return EXIT_NOTHING;
    }
  return write_stdout (out->str, EXIT_ANALYSED);
}

static int
cmd_rules (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— list the rules behind the findings: id, severity, what triggers it"));
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const LdRuleInfo *rules = ld_rules_list (&n);

  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return usage_error (error->message);
  if (argc > 1)
    return usage_error (_("rules takes no arguments."));

  for (guint i = 0; i < n; i++)
    printf ("%-24s %-8s %s\n", rules[i].id, ld_severity_get_label (rules[i].severity),
            _(rules[i].summary));
  return EXIT_ANALYSED;
}

static int
run_command (int    argc,
             char **argv)
{
  const char *cmd;

  setlocale (LC_ALL, "");
  ld_i18n_init ();

  if (argc < 2)
    return usage_error (_("no command given."));
  cmd = argv[1];

  if (strcmp (cmd, "--help") == 0 || strcmp (cmd, "-h") == 0 || strcmp (cmd, "help") == 0)
    {
      print_usage (stdout);
      return EXIT_ANALYSED;
    }
  if (strcmp (cmd, "--version") == 0)
    {
      printf ("lyncdiag-cli %s\n", PACKAGE_VERSION);
      return EXIT_ANALYSED;
    }
  if (strcmp (cmd, "analyze") == 0 || strcmp (cmd, "analyse") == 0)
    return cmd_analyze (argc - 1, argv + 1);
  if (strcmp (cmd, "decode") == 0)
    return cmd_decode (argc - 1, argv + 1);
  if (strcmp (cmd, "rules") == 0)
    return cmd_rules (argc - 1, argv + 1);
  if (strcmp (cmd, "wizard") == 0)
    return ld_cli_wizard (argc - 1, argv + 1);
  if (strcmp (cmd, "report") == 0)
    return ld_cli_report (argc - 1, argv + 1);

  {
    g_autofree char *msg = g_strdup_printf (_("unknown command “%s”."), cmd);
    return usage_error (msg);
  }
}

int
main (int    argc,
      char **argv)
{
  int status, errsv;

#ifdef __GLIBC__
  /* Blocks under 32 MB come from the heap, so memory freed while reading
   * is used again after it. Left to itself, glibc maps each block of a few
   * hundred kilobytes afresh and gives it back when it is freed: once the
   * log was read, the attempts and the JSON were made in fresh memory, and
   * its page faults were a third of making the attempts. Measured on
   * conference-200 (median of 5, the busier thread's processor time from
   * the end of reading to the end of the JSON): 84.9 -> 71.1 ms; page
   * faults while making the attempts 1,460 -> 240; peak resident memory on
   * conference-500 98.1-98.3 -> 97.7-98.0 MB. (The window, main.c, also
   * keeps free memory at the heap's end; here that only raised the peak.) */
  mallopt (M_MMAP_THRESHOLD, 32 * 1024 * 1024);
#endif
  /* Reports being written are removed, not left half-written, when
   * Ctrl-C, SIGTERM or SIGHUP ends the program. */
  ld_atomic_file_install_signal_cleanup ();
  ld_cli_watch_stdout ();
  errno = 0;
  status = run_command (argc, argv);
  errsv = errno;
  /* Output that did not all reach standard output (a full disk, a closed
   * pipe) is a failure, whatever the command found. */
  return ld_cli_close_stdout (status, errsv);
}
