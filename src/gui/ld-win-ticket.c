/* ld-win-ticket.c - what an attempt's outcome means in a sentence, and text for a helpdesk ticket
 *
 * The verdict the app shows first, and the text "Copy for Ticket" puts on
 * the clipboard, come from the attempt's grouped findings (the same ones
 * the report and the wizard read) and its final response: nothing here
 * judges the evidence again. What the text adds is the order a ticket
 * wants: what failed, the likeliest cause, what to do, where it shows.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-ticket"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-ticket.h"

/* Evidence lines in a ticket: enough to find the place, not a dump. */
#define MAX_EVIDENCE 3
#define MAX_DIAGNOSTICS 4

static gboolean
has_media_debug (const LdAttempt *attempt)
{
  for (guint i = 0; attempt->diagnostics != NULL && i < attempt->diagnostics->len; i++)
    {
      const LdDiagnostic *diag = g_ptr_array_index (attempt->diagnostics, i);

      if (diag->media != NULL && diag->media->len > 0 && ld_diagnostic_get_verdict (diag) != LD_CODE_INFORMATIONAL)
        return TRUE;
    }
  return FALSE;
}

/* The outcome of an attempt opened by a request other than an INVITE (a
 * sign-in's REGISTER, a SUBSCRIBE, a SERVICE…), which has no media. */
static char *
dup_request_outcome (const LdAttempt *attempt,
                     const char      *method,
                     const char      *reason)
{
  switch (attempt->outcome)
    {
    case LD_OUTCOME_SUCCEEDED:
      if (attempt->status >= 300)
        /* An answer whose diagnostic says it is no failure (a SUBSCRIBE's
         * 488 with 2165: the contacts are kept in Exchange). TRANSLATORS:
         * a SIP method (REGISTER, SUBSCRIBE, SERVICE…), then the final
         * status and its reason phrase */
        return g_strdup_printf (_("It worked, although the %s was answered %d %s."), method,
                                attempt->status, reason);
      if (attempt->status > 0)
        /* TRANSLATORS: a SIP method (REGISTER, SUBSCRIBE, SERVICE…), then
         * the final status and its reason phrase */
        return g_strdup_printf (_("It worked: the %s was answered %d %s."), method, attempt->status, reason);
      return g_strdup (_("It worked."));
    case LD_OUTCOME_FAILED:
      if (attempt->status >= 200 && attempt->status < 300)
        /* TRANSLATORS: a SIP method, then the final status and its reason
         * phrase; a diagnostic in the answer reported the failure */
        return g_strdup_printf (_("The %s was answered %d %s, yet the attempt failed."), method,
                                attempt->status, reason);
      if (attempt->status >= 300)
        /* TRANSLATORS: a SIP method, then the final status and its reason phrase */
        return g_strdup_printf (_("The %s was refused: %d %s."), method, attempt->status, reason);
      /* TRANSLATORS: %s is a SIP method (REGISTER, SUBSCRIBE, SERVICE…) */
      return g_strdup_printf (_("It failed before any final response to the %s."), method);
    case LD_OUTCOME_NO_RESPONSE:
      /* TRANSLATORS: %s is a SIP method (REGISTER, SUBSCRIBE, SERVICE…) */
      return g_strdup_printf (_("The %s got no final response in the log."), method);
    case LD_OUTCOME_CANCELLED:
      return g_strdup (_("It was cancelled before it was answered."));
    default:
      return g_strdup ("");
    }
}

/**
 * ld_win_ticket_dup_outcome:
 * @attempt: an attempt
 *
 * Returns: (transfer full): what happened, in a sentence, naming the
 *   request that opened the attempt: of a call or join, a failure after a
 *   200 OK is said to be one of the media, not of the signalling, so
 *   "Status 200" beside "failed" reads right; the server's sign-out is
 *   said as the command line says it
 */
char *
ld_win_ticket_dup_outcome (const LdAttempt *attempt)
{
  const char *reason = attempt->status_reason != NULL ? attempt->status_reason : "";
  const char *method = attempt->invite != NULL ? attempt->invite->method : NULL;

  /* Its status is this client's answer to the server's NOTIFY, not what
   * became of the attempt. */
  if (attempt->sign_out)
    return g_strdup (_("The server ended this client's registration."));
  if (method != NULL && g_ascii_strcasecmp (method, "INVITE") != 0)
    return dup_request_outcome (attempt, method, reason);

  switch (attempt->outcome)
    {
    case LD_OUTCOME_SUCCEEDED:
      if (attempt->status > 0)
        return g_strdup_printf (_("It worked: the INVITE was answered %d %s."), attempt->status, reason);
      return g_strdup (_("It worked."));
    case LD_OUTCOME_FAILED:
      if (attempt->status >= 200 && attempt->status < 300)
        {
          /* Answered, then failed: the media (ICE never completed, or a
           * media diagnostic), or something after the answer. */
          if (has_media_debug (attempt) || !attempt->remote_candidates)
            return g_strdup_printf (_("Signalling worked (the INVITE was answered %d %s); the media connection "
                                      "failed."), attempt->status, reason);
          return g_strdup_printf (_("Signalling worked (the INVITE was answered %d %s); the session failed "
                                    "afterwards."), attempt->status, reason);
        }
      if (attempt->status >= 300)
        return g_strdup_printf (_("The INVITE was refused: %d %s."), attempt->status, reason);
      return g_strdup (_("It failed before any final response to the INVITE."));
    case LD_OUTCOME_NO_RESPONSE:
      return g_strdup (_("The INVITE got no final response in the log."));
    case LD_OUTCOME_CANCELLED:
      return g_strdup (_("It was cancelled before it was answered."));
    default:
      return g_strdup ("");
    }
}

/**
 * ld_win_ticket_get_likeliest:
 * @attempt: an attempt
 *
 * Returns: (nullable): the first of the attempt's findings that explains a
 *   failure or points at a problem (an error, else a warning), as the
 *   findings engine ranked them; %NULL when it has none
 */
const LdFinding *
ld_win_ticket_get_likeliest (const LdAttempt *attempt)
{
  for (guint i = 0; attempt->findings != NULL && i < attempt->findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (attempt->findings, i);

      if (f->severity != LD_SEVERITY_INFO)
        return f;
    }
  return NULL;
}

/**
 * ld_win_ticket_dup_attempt_ids:
 * @finding: a finding
 * @max: ids listed at most
 *
 * Returns: (transfer full): "3, 5, 7" or "3, 5, 7 … (12 in all)"
 */
char *
ld_win_ticket_dup_attempt_ids (const LdFinding *finding,
                               guint            max)
{
  GString *out = g_string_new (NULL);
  guint n = finding->attempts != NULL ? finding->attempts->len : 0;

  for (guint i = 0; i < n && i < max; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? ", " : "", g_array_index (finding->attempts, guint, i));
  if (n > max)
    g_string_append_printf (out, _(" … (%u in all)"), n);
  return g_string_free (out, FALSE);
}

static void
append_evidence (GString         *out,
                 LdAnalysis      *analysis,
                 const LdFinding *finding)
{
  guint n = finding->evidence != NULL ? finding->evidence->len : 0;

  if (n == 0)
    return;
  g_string_append_printf (out, "%s\n", _("Evidence:"));
  for (guint i = 0; i < n && i < MAX_EVIDENCE; i++)
    {
      const LdEvidence *ev = &g_array_index (finding->evidence, LdEvidence, i);
      g_autofree char *where = ld_evidence_dup_location (analysis, ev);

      if (ev->excerpt != NULL)
        g_string_append_printf (out, "  %s: %s\n", where, ev->excerpt);
      else
        g_string_append_printf (out, "  %s\n", where);
    }
}

static void
append_actions (GString         *out,
                const LdFinding *finding)
{
  if (finding->actions == NULL || finding->actions->len == 0)
    return;
  g_string_append_printf (out, "%s\n", _("What to do:"));
  for (guint i = 0; i < finding->actions->len; i++)
    g_string_append_printf (out, "- %s\n", (const char *) g_ptr_array_index (finding->actions, i));
}

/**
 * ld_win_ticket_dup_finding:
 * @analysis: the finding's analysis
 * @finding: a finding
 *
 * Returns: (transfer full): the finding for a ticket: its title, how sure
 *   it is, the attempts it covers, what it means, what to do, where
 */
char *
ld_win_ticket_dup_finding (LdAnalysis      *analysis,
                           const LdFinding *finding)
{
  GString *out = g_string_new (NULL);
  guint n = finding->attempts != NULL ? finding->attempts->len : 0;

  /* TRANSLATORS: a finding's title, then its severity and confidence */
  g_string_append_printf (out, _("%s (%s, %s confidence)\n"), finding->title,
                          ld_severity_get_label (finding->severity), ld_confidence_get_label (finding->confidence));
  if (n > 0)
    {
      g_autofree char *ids = ld_win_ticket_dup_attempt_ids (finding, 20);

      g_string_append_printf (out, ngettext ("Seen in %u attempt: %s\n", "Seen in %u attempts: %s\n", n), n, ids);
    }
  if (finding->detail != NULL)
    g_string_append_printf (out, "%s\n", finding->detail);
  append_actions (out, finding);
  append_evidence (out, analysis, finding);
  return g_string_free (out, FALSE);
}

/**
 * ld_win_ticket_dup_attempt:
 * @analysis: the attempt's analysis
 * @attempt: an attempt
 *
 * Returns: (transfer full): the attempt for a ticket: what it was, what
 *   happened, the likeliest cause and what to do, the other findings, the
 *   diagnostics that report a failure
 */
char *
ld_win_ticket_dup_attempt (LdAnalysis      *analysis,
                           const LdAttempt *attempt)
{
  GString *out = g_string_new (NULL);
  g_autofree char *start = ld_format_time (attempt->start);
  g_autofree char *lasted = ld_format_duration (attempt->end >= attempt->start ? attempt->end - attempt->start : -1);
  g_autofree char *outcome = ld_win_ticket_dup_outcome (attempt);
  const LdFinding *likeliest = ld_win_ticket_get_likeliest (attempt);
  guint shown = 0;

  /* TRANSLATORS: "Attempt 3: conference application-sharing — failed" */
  g_string_append_printf (out, _("Attempt %u: %s %s — %s\n"), attempt->id,
                          ld_attempt_kind_get_label (attempt->kind), ld_modality_get_label (attempt->modality),
                          ld_outcome_get_label (attempt->outcome));
  g_string_append_printf (out, _("Started %s, lasted %s, %s, to %s\n"), start, lasted,
                          attempt->incoming ? _("incoming") : _("outgoing"),
                          attempt->target != NULL ? attempt->target : "—");
  if (attempt->call_id != NULL)
    g_string_append_printf (out, "Call-ID: %s\n", attempt->call_id);
  g_string_append_printf (out, "%s\n", outcome);

  if (likeliest != NULL)
    {
      g_string_append_printf (out, _("Most likely: %s (%s, %s confidence)\n"), likeliest->title,
                              ld_severity_get_label (likeliest->severity),
                              ld_confidence_get_label (likeliest->confidence));
      append_actions (out, likeliest);
      append_evidence (out, analysis, likeliest);
    }
  for (guint i = 0; attempt->findings != NULL && i < attempt->findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (attempt->findings, i);

      if (f == likeliest)
        continue;
      g_string_append_printf (out, f->severity == LD_SEVERITY_INFO ? _("Note: %s (%s confidence)\n")
                                                                   : _("Also possible: %s (%s confidence)\n"),
                              f->title, ld_confidence_get_label (f->confidence));
    }

  for (guint i = 0; attempt->diagnostics != NULL && i < attempt->diagnostics->len; i++)
    {
      const LdDiagnostic *diag = g_ptr_array_index (attempt->diagnostics, i);

      if (ld_diagnostic_get_verdict (diag) == LD_CODE_INFORMATIONAL || shown >= MAX_DIAGNOSTICS)
        continue;
      if (shown++ == 0)
        g_string_append_printf (out, "%s\n", _("Diagnostics:"));
      ld_format_diagnostic_text (out, diag, "  ");
    }
  return g_string_free (out, FALSE);
}
