/* ld-rules.c - the rule table of the findings engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-findings-private.h"

static void
rule_no_response (LdAnalysis   *analysis,
                  const LdRule *rule,
                  GPtrArray    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      LdFinding *f;

      if (a->outcome != LD_OUTCOME_NO_RESPONSE)
        continue;
      f = ld_finding_new (rule->id, rule->severity, LD_CONFIDENCE_MEDIUM,
                          g_strdup_printf (_("No answer to the INVITE of attempt %u"), a->id),
                          g_strdup (_("The client sent an INVITE and the log holds no final response to it. "
                                      "Either the server never answered (network or server trouble), or the "
                                      "log ends before the answer was written.")));
      ld_finding_add_action (f, _("Check whether the log goes on past this point (a later rotated file)."));
      ld_finding_add_action (f, _("If it does, check the connection to the Front End or Edge server the INVITE was sent to."));
      ld_finding_add_evidence (f, a->id, a->invite->input, a->invite->line, a->start, NULL);
      g_ptr_array_add (out, f);
    }
}

static void
rule_unexplained_failure (LdAnalysis   *analysis,
                          const LdRule *rule,
                          GPtrArray    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      const LdDiagnostic *d;
      LdFinding *f;
      g_autofree char *meaning = NULL;

      if (a->outcome != LD_OUTCOME_FAILED || a->findings->len > 0)
        continue;
      d = ld_attempt_get_primary_diagnostic (a);
      if (d != NULL)
        meaning = ld_code_dup_meaning (d->header, d->code, d->reason);
      f = ld_finding_new (rule->id, rule->severity, LD_CONFIDENCE_LOW,
                          g_strdup_printf (_("Attempt %u failed (%s %d)"), a->id,
                                           d ? ld_diag_header_to_string (d->header) : "SIP",
                                           d ? d->code : a->status),
                          meaning ? g_steal_pointer (&meaning)
                                  : g_strdup_printf (_("The INVITE was answered with %d %s and no diagnostic header "
                                                       "explains why."), a->status,
                                                     a->status_reason ? a->status_reason : ""));
      ld_finding_add_action (f, _("Read the decoded diagnostics of this attempt and the call flow around it."));
      if (d != NULL && d->message != NULL)
        {
          g_autofree char *excerpt = ld_finding_dup_diag_excerpt (d);
          ld_finding_add_evidence (f, a->id, d->message->input, d->message->line, d->message->time, excerpt);
        }
      else if (a->final_response != NULL)
        ld_finding_add_evidence (f, a->id, a->final_response->input, a->final_response->line,
                                 a->final_response->time, NULL);
      g_ptr_array_add (out, f);
    }
}

static const LdRule rules[] = {
  { "no-response", LD_SEVERITY_WARNING,
    N_("An INVITE has no final response in the log"), rule_no_response },
  { "unexplained-failure", LD_SEVERITY_ERROR,
    N_("A failed attempt that no other rule explains; its decoded code and reason are shown"),
    rule_unexplained_failure },
};

const LdRule *
ld_rules_get_table (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}
