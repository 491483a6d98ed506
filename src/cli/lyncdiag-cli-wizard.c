/* lyncdiag-cli-wizard.c - the troubleshooting wizard on the command line
 *
 * Runs the same scenario as the app's wizard window: the logs answer what
 * they can, --answer gives the rest, and the network check runs only when
 * --network-check asks for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "lyncdiag-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "lyncdiag.h"
#include "lyncdiag-cli-common.h"
#include "lyncdiag-cli-wizard.h"

static int
wizard_usage_error (GOptionContext *ctx,
                    const char     *message)
{
  g_autofree char *help = g_option_context_get_help (ctx, TRUE, NULL);

  fprintf (stderr, "lyncdiag-cli wizard: %s\n\n%s", message, help);
  return EXIT_USAGE;
}

static void
print_net_result (const LdNetcheckResult *result,
                  gpointer                user_data)
{
  g_autofree char *line = ld_netcheck_result_dup_text (result);

  fprintf (stderr, "  %s\n", line);
}

int
ld_cli_wizard (int    argc,
               char **argv)
{
  gboolean json = FALSE;
  gboolean network_check = FALSE;
  int timeout_ms = LD_NETCHECK_DEFAULT_TIMEOUT_MS;
  g_auto(GStrv) answers = NULL;
  g_auto(GStrv) files = NULL;
  GOptionEntry entries[] = {
    { "answer", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &answers,
      N_("Answer a question the logs do not answer (or override theirs); repeatable"), N_("KEY=VALUE") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print JSON instead of text"), NULL },
    { "network-check", 0, 0, G_OPTION_ARG_NONE, &network_check,
      N_("Test from this computer the relays and ports named in the logs (TCP connects, STUN over UDP)"), NULL },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_ms, N_("Network check timeout per target (default 3000)"),
      N_("MS") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &files, NULL, N_("FILE…") },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new (_("— walk the troubleshooting steps for a sharing, "
                                                          "meeting or media failure"));
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(LdWizard) wizard = NULL;
  g_autofree char *keys = ld_wizard_dup_answer_keys_help ();
  g_autofree char *description = NULL;
  g_autofree char *out = NULL;
  int status = EXIT_ANALYSED;

  description = g_strdup_printf (_("Every step of Microsoft's procedure is printed with its answer and where the "
                                   "answer came from: [from the log] with the evidence (file:line), [your answer] "
                                   "from --answer, or [unanswered]. What the network check measured is shown beside "
                                   "its question, with where and when; it is never taken as your answer.\n\n"
                                   "Answer KEYs and VALUEs:\n%s\n"
                                   "The network check connects to addresses taken from the logs; it runs only "
                                   "with --network-check."), keys);
  g_option_context_add_main_entries (ctx, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (ctx, GETTEXT_PACKAGE);
  g_option_context_set_description (ctx, description);
  if (!g_option_context_parse (ctx, &argc, &argv, &error))
    return wizard_usage_error (ctx, error->message);
  if (files == NULL || files[0] == NULL)
    return wizard_usage_error (ctx, _("wizard needs at least one FILE: a .uccapilog, a folder or a MOSDALREPORT.zip."));
  if (timeout_ms < 100 || timeout_ms > 60000)
    return wizard_usage_error (ctx, _("--timeout must be between 100 and 60000 milliseconds."));

  analysis = ld_cli_load (files, &status);
  if (analysis == NULL)
    return status;

  wizard = ld_wizard_new (analysis);
  for (guint i = 0; answers != NULL && answers[i] != NULL; i++)
    if (!ld_wizard_parse_answer (wizard, answers[i], &error))
      return wizard_usage_error (ctx, error->message);

  if (network_check)
    {
      g_autoptr(GPtrArray) targets = ld_wizard_dup_network_targets (wizard);

      if (targets->len == 0)
        fprintf (stderr, "lyncdiag-cli: %s\n", _("Network check: the logs name no address to test."));
      else
        {
          g_autoptr(GPtrArray) results = NULL;

          fprintf (stderr, g_dngettext (GETTEXT_PACKAGE, "Network check: testing %u address (timeout %d ms)…\n",
                                        "Network check: testing %u addresses (timeout %d ms)…\n", targets->len),
                   targets->len, timeout_ms);
          results = ld_netcheck_run (targets, (guint) timeout_ms, NULL);
          for (guint i = 0; i < results->len; i++)
            print_net_result (g_ptr_array_index (results, i), NULL);
          /* Evidence beside the question ("measured from HOST at TIME"),
           * never the user's answer: --answer network=… stays as given. */
          ld_wizard_set_network_results (wizard, results);
        }
    }

  out = json ? ld_wizard_to_json (wizard, TRUE) : ld_wizard_to_text (wizard);
  fputs (out, stdout);
  fflush (stdout);
  /* The same status as analyze and report for the same inputs. */
  return ld_cli_check_empty (analysis, status);
}
