/* lyncdiag-cli-report.c - "lyncdiag-cli report": write the PDF, Markdown, CSV or JSON report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "lyncdiag.h"
#include "ld-report.h"
#include "lyncdiag-cli-common.h"
#include "lyncdiag-cli-report.h"

static int
report_usage_error (GOptionContext *ctx,
                    const char     *message)
{
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);

  fprintf (stderr, "lyncdiag-cli report: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

/* A redacted report refused by its check, an input that could not be
 * read again for it, or the output. */
static int
report_error_status (const GError *error)
{
  if (g_error_matches (error, LD_ERROR, LD_ERROR_REDACTION))
    return EXIT_REDACTION;
  if (g_error_matches (error, LD_ERROR, LD_ERROR_READ))
    return EXIT_UNREADABLE;
  return EXIT_WRITE;
}

int
ld_cli_report (int    argc,
               char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *paper_name = NULL;
  gboolean redact = FALSE;
  gboolean wizard = FALSE;
  gboolean full = FALSE;
  g_auto(GStrv) answers = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the report to OUT (- for standard output)"), N_("OUT") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("pdf, md, csv or json (default: from OUT's extension)"), N_("FORMAT") },
    { "redact", 'r', 0, G_OPTION_ARG_NONE, &redact, N_("Replace every name, address, number and id of the logs by a stable pseudonym, and check the report before it is written"), NULL },
    { "paper", 'p', 0, G_OPTION_ARG_STRING, &paper_name, N_("a4 (default) or letter, for PDF"), N_("PAPER") },
    { "wizard", 'w', 0, G_OPTION_ARG_NONE, &wizard, N_("Include the troubleshooting steps, answered from the logs"), NULL },
    { "answer", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &answers,
      N_("Answer a troubleshooting step, as in “lyncdiag-cli wizard” (implies --wizard)"), N_("KEY=VALUE") },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full,
      N_("Markdown: everything, not cut to fit a ticket field (32,767 characters)"), NULL },
    /* No arg_description: the parameter string places FILE… before -o OUT. */
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("FILE… -o OUT — write a report for a ticket"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) analysis = NULL;
  LdReportOptions options;
  int status = EXIT_ANALYSED;
  gboolean to_stdout;

  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_summary (ctx, _("Formats: PDF (to read and attach), Markdown (to paste into a ticket), "
                                       "CSV (the attempts, for a spreadsheet), JSON (as “analyze --json”)."));
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return report_usage_error (ctx, error->message);
  if (files == NULL || files[0] == NULL)
    return report_usage_error (ctx, _("report needs at least one FILE: a .uccapilog, a folder or a MOSDALREPORT.zip."));
  if (output == NULL)
    return report_usage_error (ctx, _("report needs the output file: -o OUT."));

  ld_report_options_init (&options);
  options.redact = redact;
  options.full = full;
  to_stdout = strcmp (output, "-") == 0;
  if (format_name != NULL)
    {
      if (!ld_report_format_from_string (format_name, &options.format))
        {
          g_autofree char *msg = g_strdup_printf (_("unknown format “%s”: use pdf, md, csv or json."), format_name);
          return report_usage_error (ctx, msg);
        }
    }
  else
    {
      options.format = ld_report_format_from_path (output);
      if (options.format == LD_REPORT_FORMAT_AUTO)
        {
          g_autofree char *msg = g_strdup_printf (_("cannot tell the format from “%s”: name it .pdf, .md, .csv or .json, "
                                                    "or give --format."), output);
          return report_usage_error (ctx, msg);
        }
    }
  if (paper_name != NULL && !ld_report_paper_from_string (paper_name, &options.paper))
    {
      g_autofree char *msg = g_strdup_printf (_("unknown paper “%s”: use a4 or letter."), paper_name);
      return report_usage_error (ctx, msg);
    }

  analysis = ld_cli_load (files, &status);
  if (analysis == NULL)
    return status;

  if (wizard || answers != NULL)
    {
      LdWizard *w = ld_wizard_ensure_for_analysis (analysis);

      for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
        if (!ld_wizard_parse_answer (w, answers[i], &error))
          return report_usage_error (ctx, error->message);
      options.wizard = w;
      options.wizard_func = ld_report_collect_wizard;
    }


  if (to_stdout)
    {
      g_autoptr(GBytes) bytes = NULL;
      gsize len = 0;
      const char *data;

      if (options.format == LD_REPORT_FORMAT_AUTO)
        return report_usage_error (ctx, _("writing to standard output needs --format."));
      bytes = ld_report_render (analysis, &options, NULL, &error);
      if (bytes == NULL)
        {
          fprintf (stderr, "lyncdiag-cli: %s\n", error->message);
          return report_error_status (error);
        }
      data = g_bytes_get_data (bytes, &len);
      if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
        return ld_cli_write_error (errno);
    }
  else
    {
      g_autoptr(GFile) out = g_file_new_for_commandline_arg (output);

      if (!ld_report_write (analysis, &options, out, NULL, &error))
        {
          fprintf (stderr, "lyncdiag-cli: %s\n", error->message);
          return report_error_status (error);
        }
    }

  status = ld_cli_check_empty (analysis, status);
  ld_cli_keep_until_exit (g_steal_pointer (&analysis));
  return status;
}
