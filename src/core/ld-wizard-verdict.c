/* ld-wizard-verdict.c - the article's causes judged from the findings, and the wizard's result
 *
 * One voice: a cause of Microsoft's article (KB 2386684, plus the field
 * report's) is "supported" exactly when a finding stands whose cause
 * counts for it (ld-causes.c: article_cause), at error or warning level;
 * the findings decide, this file does not read the log again.  It is
 * "contradicted" only when no finding stands and the evidence rules it
 * out: what the log shows (only peer-to-peer calls failed, one relay on
 * both sides), what the user answered, or what the network check
 * measured (with where and when).  Otherwise it is "unknown".  The words
 * are the cause table's, in findings, wizard and report alike.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-knowledge.h"
#include "ld-rules-private.h"
#include "ld-wizard-private.h"

void
_ld_wizard_cause_free (LdWizardCause *c)
{
  g_free (c->title);
  g_free (c->reason);
  g_array_unref (c->evidence);
  g_ptr_array_unref (c->actions);
  g_ptr_array_unref (c->findings);
  g_free (c);
}

/* Whether @f's cause counts for the article's @article cause. */
static gboolean
counts_for (const LdFinding *f,
            const LdCause   *article)
{
  const LdCause *c = ld_cause_lookup (f->cause);

  return c != NULL && g_strcmp0 (c->article_cause, article->id) == 0;
}

static gboolean
shares_attempts (const LdFinding *a,
                 const LdFinding *b)
{
  guint i = 0, j = 0;

  while (i < a->attempts->len && j < b->attempts->len)
    {
      guint x = g_array_index (a->attempts, guint, i), y = g_array_index (b->attempts, guint, j);

      if (x == y)
        return TRUE;
      if (x < y)
        i++;
      else
        j++;
    }
  return FALSE;
}

/* ---- What rules a cause out when no finding stands ------------------------ */

typedef struct
{
  GString *against;
  GString *notes;
  GArray  *evidence;
} Judgement;

static void
against (Judgement  *j,
         const char *why)
{
  g_string_append_printf (j->against, "%s%s", j->against->len > 0 ? " " : "", why);
}

static void
note (Judgement  *j,
      const char *why)
{
  g_string_append_printf (j->notes, "%s%s", j->notes->len > 0 ? " " : "", why);
}

static const char *
measured_where (LdWizard *self)
{
  return self->net_host != NULL ? self->net_host : "?";
}

static char *
dup_measured_when (LdWizard *self)
{
  return self->net_time != NULL ? g_date_time_format (self->net_time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* Whether @a's session carries media through the A/V Edge: a call, a
 * sharing session or a meeting's media, not an IM session, a meeting's
 * focus or a request (sign-in, subscription, SERVICE...). */
static gboolean
attempt_has_media (const LdAttempt *a)
{
  if (a->kind != LD_ATTEMPT_CONFERENCE && a->kind != LD_ATTEMPT_PEER_TO_PEER)
    return FALSE;
  return a->modality != LD_MODALITY_FOCUS && a->modality != LD_MODALITY_CHAT;
}

/* Against the media causes when every failure is of a session without
 * media: the A/V Edge's ports and relays took no part in it. */
static void
against_without_media (Judgement *j,
                       GPtrArray *failed)
{
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);

      /* A meeting's join may still be the network's doing (the article's
       * related symptom); say nothing then. */
      if (attempt_has_media (a) || a->kind == LD_ATTEMPT_CONFERENCE)
        return;
    }
  if (failed->len > 0)
    against (j, _("No session with media failed: the failures are of instant messages, sign-ins or requests, which "
                  "do not use the A/V Edge's media ports and relays."));
}

static void
judge_ports (LdWizard  *self,
             Judgement *j,
             GPtrArray *failed)
{
  GPtrArray *attempts = self->analysis != NULL ? ld_analysis_get_attempts (self->analysis) : NULL;
  const char *network = _ld_wizard_answer_of (self, LD_WIZARD_STEP_NETWORK);
  gboolean media_failed = FALSE;
  const LdAttempt *media_ok = NULL;

  for (guint i = 0; i < failed->len; i++)
    if (attempt_has_media (g_ptr_array_index (failed, i)))
      media_failed = TRUE;
  against_without_media (j, failed);
  for (guint i = 0; attempts != NULL && i < attempts->len && media_ok == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      if (a->outcome == LD_OUTCOME_SUCCEEDED && a->modality != LD_MODALITY_FOCUS && a->modality != LD_MODALITY_CHAT &&
          a->remote_candidates)
        media_ok = a;
    }
  if (!media_failed && media_ok != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("No media session failed in the logs, and attempt %u (%s) connected its "
                                                "media."), media_ok->id, ld_modality_get_label (media_ok->modality));
      against (j, why);
      _ld_wizard_evidence_add_message (j->evidence, media_ok->id, media_ok->final_response);
    }
  if (g_strcmp0 (network, "passed") == 0)
    against (j, _("Your answer: every address and port was reachable from the affected computer."));
  else if (g_strcmp0 (network, "failed") == 0)
    note (j, _("Your answer: some addresses or ports were blocked; no finding in the logs shows it."));
  if (self->net_results != NULL && self->net_results->len > 0)
    {
      g_autofree char *when = dup_measured_when (self);
      guint open = 0;
      g_autofree char *why = NULL;

      for (guint i = 0; i < self->net_results->len; i++)
        open += ld_netcheck_result_is_reachable (g_ptr_array_index (self->net_results, i));
      if (open == self->net_results->len)
        {
          why = g_strdup_printf (_("Measured from %s at %s: every relay address and port of the log was reachable."),
                                 measured_where (self), when);
          against (j, why);
        }
      else
        {
          why = g_strdup_printf (_("Measured from %s at %s: %u of %u addresses and ports could not be reached."),
                                 measured_where (self), when, self->net_results->len - open, self->net_results->len);
          note (j, why);
        }
    }
}

static void
judge_meet (LdWizard  *self,
            Judgement *j,
            GPtrArray *failed)
{
  const char *plan = _ld_wizard_answer_of (self, LD_WIZARD_STEP_PLAN);
  gboolean any_conference = FALSE;

  for (guint i = 0; i < failed->len; i++)
    if (((const LdAttempt *) g_ptr_array_index (failed, i))->kind == LD_ATTEMPT_CONFERENCE)
      any_conference = TRUE;
  if (failed->len > 0 && !any_conference)
    against (j, _("The failed sessions are peer-to-peer calls, not meetings; meet.lync.com serves Lync Online "
                  "meetings."));
  if (g_strcmp0 (plan, "on-premises") == 0)
    against (j, _("Your answer: the organisation runs its own Lync Server; meet.lync.com is used by Lync Online "
                  "only."));
  for (guint i = 0; self->net_results != NULL && i < self->net_results->len; i++)
    {
      const LdNetcheckResult *r = g_ptr_array_index (self->net_results, i);
      g_autofree char *when = NULL;
      g_autofree char *label = NULL;
      g_autofree char *why = NULL;

      if (strstr (r->target->host, "lync.com") == NULL || r->status == LD_NETCHECK_CANCELLED)
        continue;
      when = dup_measured_when (self);
      label = ld_netcheck_result_dup_text (r);
      why = g_strdup_printf (_("Measured from %s at %s: %s."), measured_where (self), when, label);
      if (r->status == LD_NETCHECK_OPEN)
        against (j, why);
      else
        note (j, why);
    }
}

static void
judge_edges (LdWizard  *self,
             Judgement *j,
             GPtrArray *failed)
{
  guint same = 0, with_relays = 0;

  against_without_media (j, failed);
  /* One relay address on both sides of every failure that names two: no
   * second Edge server took part. */
  for (guint i = 0; i < failed->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);

      for (guint k = 0; k < a->diagnostics->len; k++)
        {
          const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, k);

          for (guint m = 0; d->media != NULL && m < d->media->len; m++)
            {
              const LdMediaDebug *md = g_ptr_array_index (d->media, m);
              const char *l = ld_media_debug_get_field (md, "LocalMR");
              const char *r = ld_media_debug_get_field (md, "RemoteMR");
              g_autofree char *lh = NULL;
              g_autofree char *rh = NULL;

              if (!ld_rule_address_usable (l) || !ld_rule_address_usable (r))
                continue;
              lh = ld_rule_dup_address_host (l);
              rh = ld_rule_dup_address_host (r);
              with_relays++;
              if (g_ascii_strcasecmp (lh, rh) == 0)
                {
                  same++;
                  _ld_wizard_evidence_add_diag (j->evidence, a->id, d);
                }
            }
        }
    }
  if (with_relays > 0 && same == with_relays)
    against (j, _("Every failure that names both media relays used the same relay address on both sides: one Edge "
                  "server, not two that cannot reach each other."));
}

static void
judge_inspection (LdWizard  *self,
                  Judgement *j,
                  GPtrArray *failed)
{
  const char *security = _ld_wizard_answer_of (self, LD_WIZARD_STEP_SECURITY);
  const LdAttempt *udp_fail = NULL;

  against_without_media (j, failed);
  for (guint i = 0; i < failed->len && udp_fail == NULL; i++)
    {
      const LdAttempt *a = g_ptr_array_index (failed, i);
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);

      if ((a->modality == LD_MODALITY_AUDIO || a->modality == LD_MODALITY_VIDEO ||
           a->modality == LD_MODALITY_AUDIO_VIDEO) && d != NULL &&
          d->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS && d->code >= 21 && d->code <= 25)
        udp_fail = a;
    }
  if (udp_fail != NULL)
    {
      g_autofree char *why = g_strdup_printf (_("Audio/video (UDP) failed too (attempt %u), so the problem is not limited "
                                                "to TCP."), udp_fail->id);
      against (j, why);
      _ld_wizard_evidence_add_diag (j->evidence, udp_fail->id, ld_attempt_get_primary_diagnostic (udp_fail));
    }
  if (g_strcmp0 (security, "no") == 0)
    against (j, _("Your answer: no firewall or antivirus on the way scans or filters network traffic."));
  else if (g_strcmp0 (security, "yes") == 0)
    note (j, _("Your answer: a firewall or antivirus on the way scans or filters network traffic; no finding in the "
               "logs shows it blocking the media."));
}

typedef void (*JudgeFunc) (LdWizard *self, Judgement *j, GPtrArray *failed);

static const struct
{
  const char *cause;
  JudgeFunc   judge;
} judges[] = {
  { "ports-blocked", judge_ports },
  { "meet-lync-blocked", judge_meet },
  { "edge-to-edge", judge_edges },
  { "tcp-media-blocked", judge_inspection },
};

/* ---- One cause ------------------------------------------------------------- */

static LdWizardCause *
judge_cause (LdWizard      *self,
             const LdCause *article,
             GPtrArray     *failed)
{
  GPtrArray *findings = self->analysis != NULL ? ld_analysis_get_findings (self->analysis) : NULL;
  LdWizardCause *c = g_new0 (LdWizardCause, 1);
  GString *reason = g_string_new (NULL);
  Judgement j = { g_string_new (NULL), g_string_new (NULL), _ld_wizard_evidence_new () };
  const LdFinding *first = NULL;

  c->id = article->id;
  c->title = g_strdup (_(article->title));
  c->actions = g_ptr_array_new_with_free_func (g_free);
  c->findings = g_ptr_array_new ();
  c->evidence = _ld_wizard_evidence_new ();

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (!counts_for (f, article) || !_ld_wizard_finding_stands (f))
        continue;
      g_ptr_array_add (c->findings, (gpointer) f);
      if (first == NULL)
        first = f;
    }

  for (guint i = 0; i < G_N_ELEMENTS (judges); i++)
    if (g_strcmp0 (judges[i].cause, article->id) == 0)
      judges[i].judge (self, &j, failed);

  if (c->findings->len > 0)
    {
      g_autofree char *rivals = NULL;

      c->status = LD_CAUSE_SUPPORTED;
      for (guint i = 0; i < c->findings->len; i++)
        {
          const LdFinding *f = g_ptr_array_index (c->findings, i);

          g_string_append_printf (reason, "%s", reason->len > 0 ? "\n" : "");
          g_string_append_printf (reason, g_dngettext (GETTEXT_PACKAGE,
                                                       "Finding “%s” (%s, %s confidence), %u attempt: %s.",
                                                       "Finding “%s” (%s, %s confidence), %u attempts: %s.",
                                                       MAX (f->attempts->len, 1)),
                                  f->id, ld_severity_get_label (f->severity), ld_confidence_get_label (f->confidence),
                                  MAX (f->attempts->len, 1), f->title);
          _ld_wizard_evidence_append_all (c->evidence, f->evidence);
          for (guint k = 0; k < f->actions->len; k++)
            if (!g_ptr_array_find_with_equal_func (c->actions, g_ptr_array_index (f->actions, k), g_str_equal, NULL))
              g_ptr_array_add (c->actions, g_strdup (g_ptr_array_index (f->actions, k)));
        }
      /* Patterns across the same attempts agree or say more. */
      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          const LdFinding *p = g_ptr_array_index (findings, i);
          const LdCause *pc = ld_cause_lookup (p->cause);

          if (pc == NULL || !pc->pattern || !shares_attempts (p, first))
            continue;
          g_string_append_printf (reason, _("\nAcross attempts: %s. %s"), p->title, p->detail);
        }
      /* Which of the rival causes is likelier, as the findings say it. */
      rivals = ld_finding_dup_rivalry_text (findings, first);
      if (rivals != NULL)
        g_string_append_printf (reason, "\n%s", rivals);
      if (j.against->len > 0)
        g_string_append_printf (reason, _("\nAgainst, but not enough to rule it out while the finding stands: %s"),
                                j.against->str);
    }
  else
    {
      c->status = j.against->len > 0 ? LD_CAUSE_CONTRADICTED : LD_CAUSE_UNKNOWN;
      if (j.against->len > 0)
        g_string_append_printf (reason, _("Ruled out: %s"), j.against->str);
      else
        g_string_append (reason, _("No finding supports it and nothing rules it out."));
      /* What to do to settle it: the cause's own advice. */
      for (guint k = 0; k < G_N_ELEMENTS (article->actions) && article->actions[k] != NULL; k++)
        g_ptr_array_add (c->actions, g_strdup (_(article->actions[k])));
    }
  if (j.notes->len > 0)
    g_string_append_printf (reason, _("\nNote: %s"), j.notes->str);

  _ld_wizard_evidence_append_all (c->evidence, j.evidence);
  c->reason = g_string_free (reason, FALSE);
  g_string_free (j.against, TRUE);
  g_string_free (j.notes, TRUE);
  g_array_unref (j.evidence);
  return c;
}

void
_ld_wizard_derive_causes (LdWizard     *self,
                          LdWizardStep *s,
                          GPtrArray    *failed)
{
  g_autoptr(GPtrArray) article = ld_causes_dup_article_causes ();
  g_autoptr(GPtrArray) supported = g_ptr_array_new ();
  GString *text = g_string_new (NULL);
  GString *labels = g_string_new (NULL);

  g_ptr_array_set_size (self->conclusion.causes, 0);
  for (guint i = 0; i < article->len; i++)
    g_ptr_array_add (self->conclusion.causes, judge_cause (self, g_ptr_array_index (article, i), failed));

  g_string_append (text, _("This issue usually occurs because one or more of these are true. Each is marked "
                           "supported when a finding stands for it, contradicted when the evidence rules it out, "
                           "unknown otherwise:"));
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

      g_string_append_printf (text, "\n\n• %s — %s\n  %s", c->title, ld_cause_status_get_label (c->status), c->reason);
      if (c->status == LD_CAUSE_SUPPORTED)
        {
          g_ptr_array_add (supported, (gpointer) c->id);
          g_string_append_printf (labels, "%s%s", labels->len ? "; " : "", c->title);
          _ld_wizard_evidence_append_all (s->evidence, c->evidence);
        }
    }
  s->text = g_string_free (text, FALSE);
  /* Computed from the findings: the log's answer. */
  if (supported->len > 0)
    {
      g_ptr_array_add (supported, NULL);
      g_free (s->answer);
      s->answer = g_strjoinv (",", (char **) supported->pdata);
      s->source = LD_WIZARD_SOURCE_LOG;
      g_free (s->answer_label);
      s->answer_label = g_string_free (g_steal_pointer (&labels), FALSE);
    }
  if (labels != NULL)
    g_string_free (labels, TRUE);
}

/* ---- The result -------------------------------------------------------------- */


/* Whether @f stands (an error or a warning), or covers an attempt that
 * failed: a note that explains a failure still says where to look. */
static gboolean
explains_failure (LdAnalysis      *analysis,
                  const LdFinding *f)
{
  if (_ld_wizard_finding_stands (f))
    return TRUE;
  for (guint i = 0; f->attempts != NULL && i < f->attempts->len; i++)
    {
      const LdAttempt *a = ld_analysis_get_attempt_by_id (analysis, g_array_index (f->attempts, guint, i));

      if (a != NULL && _ld_wizard_attempt_failed (a))
        return TRUE;
    }
  return FALSE;
}

void
_ld_wizard_derive_result (LdWizard     *self,
                          LdWizardStep *s,
                          GPtrArray    *failed)
{
  GString *sum = g_string_new (NULL);
  GString *next = g_string_new (NULL);
  guint n_next = 0;
  gboolean any_supported = FALSE;
  LdWizardStep *causes = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_CAUSES);

  g_string_append (sum, _("Answers:"));
  for (guint i = 0; i < self->steps->len; i++)
    {
      const LdWizardStep *st = g_ptr_array_index (self->steps, i);

      if (!st->visible || st == s || st->question == NULL || g_strcmp0 (st->id, LD_WIZARD_STEP_CAUSES) == 0)
        continue;
      g_string_append_printf (sum, "\n  %s. %s: %s (%s)", st->number, st->title,
                              st->answer_label ? st->answer_label : _("not answered"),
                              st->source == LD_WIZARD_SOURCE_LOG ? _("from the log")
                              : st->source == LD_WIZARD_SOURCE_USER ? _("your answer") : _("open"));
      if (st->measured != NULL)
        {
          g_autofree char *first_line = g_strndup (st->measured, strcspn (st->measured, "\n"));
          g_string_append_printf (sum, "; %s", first_line);
        }
    }

  g_string_append (sum, _("\n\nCauses:"));
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

      g_string_append_printf (sum, "\n  [%s] %s", ld_cause_status_get_label (c->status), c->title);
      if (c->status == LD_CAUSE_SUPPORTED)
        any_supported = TRUE;
    }

  /* Next steps: what the supported causes call for; when none of the
   * article's causes stands but a finding does (an Exchange UM fault, a
   * disabled account), what that finding says to do comes first, as in
   * the report and the app; then what would settle the unknown ones. */
  if (!any_supported && failed->len > 0)
    {
      GPtrArray *findings = ld_analysis_get_findings (self->analysis);
      const LdFinding *top = findings != NULL && findings->len > 0 ? g_ptr_array_index (findings, 0) : NULL;

      if (top != NULL && explains_failure (self->analysis, top))
        for (guint k = 0; k < top->actions->len && k < 2; k++)
          g_string_append_printf (next, "\n  %u. %s", ++n_next, (char *) g_ptr_array_index (top->actions, k));
    }
  for (int pass = 0; pass < 2 && failed->len > 0; pass++)
    for (guint i = 0; i < self->conclusion.causes->len; i++)
      {
        const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

        if (c->status != (pass == 0 ? LD_CAUSE_SUPPORTED : LD_CAUSE_UNKNOWN) || c->actions->len == 0)
          continue;
        g_string_append_printf (next, "\n  %u. %s", ++n_next, (char *) g_ptr_array_index (c->actions, 0));
      }
  if (self->net_results == NULL && _ld_wizard_step_by_id (self, LD_WIZARD_STEP_NETWORK)->visible && failed->len > 0)
    g_string_append_printf (next, _("\n  %u. Run the network check from the affected computer."), ++n_next);
  if (g_strcmp0 (_ld_wizard_answer_of (self, LD_WIZARD_STEP_SAME_CONTACT), "not-tried") == 0 ||
      (_ld_wizard_step_by_id (self, LD_WIZARD_STEP_SAME_CONTACT)->visible &&
       _ld_wizard_answer_of (self, LD_WIZARD_STEP_SAME_CONTACT) == NULL && failed->len > 0))
    g_string_append_printf (next, _("\n  %u. Ask a colleague to reproduce the issue with the same contact."), ++n_next);
  if (any_supported)
    g_string_append_printf (next, _("\n  %u. If the issue stays, send MOSDALREPORT.zip and this result to Office 365 "
                                    "technical support (or your Lync administrators)."), ++n_next);
  if (n_next > 0)
    g_string_append_printf (sum, _("\n\nNext steps:%s"), next->str);
  g_string_free (next, TRUE);

  g_free (self->conclusion.summary);
  if (failed->len == 0)
    self->conclusion.summary = g_strdup (_("The logs show no failed attempt, so there is no failure to explain. "
                                           "Reproduce the problem with logging turned on and open the new log."));
  else if (any_supported)
    {
      GString *v = g_string_new (_("Supported by the findings: "));
      gboolean first = TRUE;

      for (guint i = 0; i < self->conclusion.causes->len; i++)
        {
          const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);

          if (c->status != LD_CAUSE_SUPPORTED)
            continue;
          g_string_append_printf (v, "%s%s", first ? "" : "; ", c->title);
          first = FALSE;
        }
      g_string_append (v, ".");
      self->conclusion.summary = g_string_free (v, FALSE);
    }
  else
    {
      GPtrArray *findings = ld_analysis_get_findings (self->analysis);
      const LdFinding *top = findings != NULL && findings->len > 0 ? g_ptr_array_index (findings, 0) : NULL;

      /* The same findings the report and the app show first: one that
       * explains a failed attempt, even as a note (a conversation already
       * open, a decline), says where to look instead of the network. */
      if (top != NULL && explains_failure (self->analysis, top))
        self->conclusion.summary = g_strdup_printf (_("No finding supports one of the article's causes; the findings "
                                                      "point elsewhere, first: %s."), top->title);
      else
        self->conclusion.summary = g_strdup (_("No finding supports one of the article's causes. Answer the open "
                                               "questions and run the network check to narrow it down."));
    }
  g_string_prepend (sum, "\n\n");
  g_string_prepend (sum, self->conclusion.summary);
  s->text = g_string_free (sum, FALSE);

  _ld_wizard_step_set_log_answer (s, failed->len == 0 ? "no-failure" : any_supported ? "cause-found" : "no-cause-found");
  _ld_wizard_evidence_append_all (s->evidence, causes->evidence);
}
