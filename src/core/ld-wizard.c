/* ld-wizard.c - the troubleshooting procedure as steps, answered from the logs where possible
 *
 * The steps follow Microsoft's article "Cannot start Desktop/Application
 * Sharing due to network issues" (Lync Online, KB 2386684) in its order,
 * plus the security-software step of a field report (desktop sharing code
 * 24, ICEWarn 0x320, fixed by an antivirus exception). Every answer the
 * analysis can give is filled in with its evidence; the user can override
 * any of them and the conclusion is recomputed.  This file holds the
 * object, its steps and the user's answers; ld-wizard-private.h lists the
 * files that answer from the logs, judge the causes (from the findings
 * only) and write the output.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-wizard"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-rules-private.h"
#include "ld-wizard-private.h"

G_DEFINE_FINAL_TYPE (LdWizard, ld_wizard, G_TYPE_OBJECT)
G_DEFINE_QUARK (ld-wizard-error-quark, ld_wizard_error)

enum
{
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Choices ---------------------------------------------------------------- */

static const LdWizardChoice symptom_choices[] = {
  { "app-sharing", N_("“Cannot start Desktop/Application Sharing due to network issues”") },
  { "meeting-join", N_("Joining the meeting fails") },
  { "audio-video", N_("Audio or video calls fail") },
  { "other", N_("Something else") },
};

static const LdWizardChoice contacts_choices[] = {
  { "one", N_("With one contact") },
  { "several", N_("With several contacts") },
};

static const LdWizardChoice same_contact_choices[] = {
  { "yes", N_("Yes, it fails for them too") },
  { "no", N_("No, it works for them") },
  { "not-tried", N_("Not tried yet") },
};

static const LdWizardChoice common_choices[] = {
  { "all-remote", N_("They are all outside the company network (remote)") },
  { "all-federated", N_("They are all in other companies (federated)") },
  { "same-edge", N_("They all connect through the same Edge server") },
  { "only-app-sharing", N_("Only application or desktop sharing fails with them") },
  { "nothing", N_("Nothing in common") },
};

static const LdWizardChoice plan_choices[] = {
  { "multi-tenant", N_("Office 365 for enterprises, or for professionals and small businesses") },
  { "dedicated", N_("Office 365 dedicated") },
  { "on-premises", N_("Our own Lync Server (not Office 365)") },
  { "unknown", N_("I don't know") },
};

static const LdWizardChoice network_choices[] = {
  { "passed", N_("Yes, every address and port was reachable") },
  { "failed", N_("No, some were blocked") },
  { "not-run", N_("Not checked") },
};

static const LdWizardChoice collect_choices[] = {
  { "open-logs", N_("Use the logs already open in LyncDiag") },
  { "mosdal", N_("Collect new logs with MOSDAL first") },
};

static const LdWizardChoice security_choices[] = {
  { "yes", N_("Yes") },
  { "no", N_("No") },
  { "unknown", N_("I don't know") },
};

static const LdWizardChoice result_choices[] = {
  { "cause-found", N_("At least one cause is supported by the evidence") },
  { "no-cause-found", N_("No cause is supported yet") },
  { "no-failure", N_("The logs show no failure to explain") },
};

typedef struct
{
  const char           *id;
  const char           *number;
  const char           *title;
  const char           *question;
  const LdWizardChoice *choices;
  guint                 n_choices;
  gboolean              free_text;
} StepDef;

#define CHOICES(x) x, G_N_ELEMENTS (x)

/* The article's order. */
static const StepDef step_defs[] = {
  { LD_WIZARD_STEP_SYMPTOM, "1", N_("The symptom"),
    N_("What happens when the problem occurs?"), CHOICES (symptom_choices), FALSE },
  { LD_WIZARD_STEP_CONTACTS, "2", N_("Reproduce the issue"),
    N_("Does the issue occur with one contact or with several?"), CHOICES (contacts_choices), FALSE },
  { LD_WIZARD_STEP_SAME_CONTACT, "2a", N_("Someone else, same contact"),
    N_("Can someone else reproduce the issue with the same contact?"), CHOICES (same_contact_choices), FALSE },
  { LD_WIZARD_STEP_COMMON, "2b", N_("What the contacts have in common"),
    N_("What do the contacts it fails with have in common?"), CHOICES (common_choices), TRUE },
  { LD_WIZARD_STEP_PLAN, "3", N_("Your plan"),
    N_("Which Office 365 plan (or server) does your organisation use?"), CHOICES (plan_choices), FALSE },
  { LD_WIZARD_STEP_NETWORK, "3a", N_("Network requirements"),
    N_("Does this computer reach the addresses and ports Lync media needs?"), CHOICES (network_choices), FALSE },
  { LD_WIZARD_STEP_COLLECT, "4", N_("Collect the evidence"),
    N_("Which logs do you want to examine?"), CHOICES (collect_choices), FALSE },
  { LD_WIZARD_STEP_EXAMINE, "5", N_("Examine the log"),
    N_("What does the log record for the failed attempt?"), NULL, 0, TRUE },
  { LD_WIZARD_STEP_SECURITY, "6a", N_("Security software"),
    N_("Does a firewall or antivirus on this computer or network scan or filter network traffic?"),
    CHOICES (security_choices), FALSE },
  { LD_WIZARD_STEP_CAUSES, "6b", N_("The causes"),
    N_("Which of the known causes does the evidence support?"), NULL, 0, FALSE },
  { LD_WIZARD_STEP_RESULT, "7", N_("The result"),
    NULL, CHOICES (result_choices), FALSE },
};

/* Helpers shared by the wizard's files ------------------------------------- */

static void
evidence_clear (gpointer data)
{
  LdEvidence *e = data;

  g_clear_pointer (&e->excerpt, g_free);
}

GArray *
_ld_wizard_evidence_new (void)
{
  GArray *a = g_array_new (FALSE, TRUE, sizeof (LdEvidence));

  g_array_set_clear_func (a, evidence_clear);
  return a;
}

void
_ld_wizard_evidence_add (GArray     *array,
              guint       attempt,
              guint       input,
              guint64     line,
              const char *excerpt)
{
  LdEvidence e = { attempt, input, line, NULL };

  /* A log with thousands of failures would bury the page; the first ones
   * show where to look. */
  if (array->len >= LD_WIZARD_MAX_EVIDENCE)
    return;
  for (guint i = 0; i < array->len; i++)
    {
      const LdEvidence *o = &g_array_index (array, LdEvidence, i);
      if (o->input == input && o->line == line)
        return;
    }
  if (excerpt != NULL)
    {
      /* One header can be kilobytes long; the evidence shows its start. */
      g_autofree char *valid = g_utf8_make_valid (excerpt, -1);
      if (g_utf8_strlen (valid, -1) > 300)
        {
          char *end = g_utf8_offset_to_pointer (valid, 300);
          e.excerpt = g_strdup_printf ("%.*s…", (int) (end - valid), valid);
        }
      else
        e.excerpt = g_steal_pointer (&valid);
    }
  g_array_append_val (array, e);
}

void
_ld_wizard_evidence_add_message (GArray             *array,
                      guint               attempt,
                      const LdSipMessage *msg)
{
  g_autofree char *summary = NULL;

  if (msg == NULL)
    return;
  summary = ld_sip_message_dup_summary (msg);
  _ld_wizard_evidence_add (array, attempt, msg->input, msg->line, summary);
}

void
_ld_wizard_evidence_add_diag (GArray             *array,
                   guint               attempt,
                   const LdDiagnostic *diag)
{
  g_autofree char *excerpt = NULL;

  if (diag == NULL || diag->message == NULL)
    return;
  excerpt = g_strdup_printf ("%s: %s", ld_diag_header_to_string (diag->header), diag->raw ? diag->raw : "");
  _ld_wizard_evidence_add (array, attempt, diag->message->input, diag->message->line, excerpt);
}

void
_ld_wizard_evidence_append_all (GArray       *to,
                     const GArray *from)
{
  for (guint i = 0; from != NULL && i < from->len; i++)
    {
      const LdEvidence *e = &g_array_index (from, LdEvidence, i);
      _ld_wizard_evidence_add (to, e->attempt, e->input, e->line, e->excerpt);
    }
}

gboolean
_ld_wizard_attempt_failed (const LdAttempt *a)
{
  return a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE;
}

/* A finding stands for the verdict when it explains a failure or points
 * at one (error or warning); notes about calls that worked do not. */
gboolean
_ld_wizard_finding_stands (const LdFinding *f)
{
  return f->severity == LD_SEVERITY_ERROR || f->severity == LD_SEVERITY_WARNING;
}

char *
_ld_wizard_dup_attempt_label (const LdAttempt *a)
{
  /* The findings' words for it: one voice. */
  return ld_rule_dup_attempt_label (a);
}

GPtrArray *
_ld_wizard_dup_failed_attempts (LdAnalysis *analysis)
{
  GPtrArray *out = g_ptr_array_new ();
  GPtrArray *attempts = analysis ? ld_analysis_get_attempts (analysis) : NULL;

  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      LdAttempt *a = g_ptr_array_index (attempts, i);
      if (_ld_wizard_attempt_failed (a))
        g_ptr_array_add (out, a);
    }
  return out;
}

static const char *
choice_label (const LdWizardStep *step,
              const char         *key)
{
  for (guint i = 0; i < step->n_choices; i++)
    if (g_strcmp0 (step->choices[i].key, key) == 0)
      return _(step->choices[i].label);
  return NULL;
}

LdWizardStep *
_ld_wizard_step_by_id (LdWizard   *self,
            const char *id)
{
  for (guint i = 0; i < self->steps->len; i++)
    {
      LdWizardStep *s = g_ptr_array_index (self->steps, i);
      if (g_strcmp0 (s->id, id) == 0)
        return s;
    }
  return NULL;
}

const char *
_ld_wizard_answer_of (LdWizard   *self,
           const char *id)
{
  LdWizardStep *s = _ld_wizard_step_by_id (self, id);

  return s && s->visible ? s->answer : NULL;
}

static void
step_reset (LdWizardStep *s)
{
  g_clear_pointer (&s->answer, g_free);
  g_clear_pointer (&s->answer_label, g_free);
  g_clear_pointer (&s->log_answer, g_free);
  g_clear_pointer (&s->text, g_free);
  g_clear_pointer (&s->measured, g_free);
  g_array_set_size (s->evidence, 0);
  s->source = LD_WIZARD_SOURCE_UNANSWERED;
}

static void
step_free (LdWizardStep *s)
{
  step_reset (s);
  g_free (s->title);
  g_free (s->question);
  g_array_unref (s->evidence);
  g_free (s);
}


/* Sets what the log says; the user's answer, if any, is applied later. */
void
_ld_wizard_step_set_log_answer (LdWizardStep *s,
                     const char   *key)
{
  g_free (s->log_answer);
  s->log_answer = g_strdup (key);
}


static void
step_apply_answer (LdWizard     *self,
                   LdWizardStep *s)
{
  const char *user = g_hash_table_lookup (self->user_answers, s->id);
  const char *label;

  g_clear_pointer (&s->answer, g_free);
  if (user != NULL)
    {
      s->answer = g_strdup (user);
      s->source = LD_WIZARD_SOURCE_USER;
    }
  else if (s->log_answer != NULL)
    {
      s->answer = g_strdup (s->log_answer);
      s->source = LD_WIZARD_SOURCE_LOG;
    }
  else
    s->source = LD_WIZARD_SOURCE_UNANSWERED;
  g_clear_pointer (&s->answer_label, g_free);
  label = s->answer ? choice_label (s, s->answer) : NULL;
  s->answer_label = g_strdup (label ? label : s->answer);
}

static void
recompute (LdWizard *self)
{
  g_autoptr(GPtrArray) failed = _ld_wizard_dup_failed_attempts (self->analysis);
  LdWizardStep *s;
  const char *contacts, *plan;

  for (guint i = 0; i < self->steps->len; i++)
    {
      s = g_ptr_array_index (self->steps, i);
      step_reset (s);
      s->visible = TRUE;
    }

  /* Steps in order; each branch reads the answers before it. */
  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_SYMPTOM);
  _ld_wizard_derive_symptom (self, s, failed);
  step_apply_answer (self, s);

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_CONTACTS);
  _ld_wizard_derive_contacts (self, s, failed);
  step_apply_answer (self, s);
  contacts = s->answer;

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_SAME_CONTACT);
  _ld_wizard_derive_same_contact (self, s, failed);
  step_apply_answer (self, s);
  s->visible = g_strcmp0 (contacts, "one") == 0;

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_COMMON);
  _ld_wizard_derive_common (self, s, failed);
  step_apply_answer (self, s);
  s->visible = g_strcmp0 (contacts, "several") == 0;

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_PLAN);
  _ld_wizard_derive_plan (self, s);
  step_apply_answer (self, s);
  plan = s->answer;

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_NETWORK);
  _ld_wizard_derive_network (self, s);
  step_apply_answer (self, s);
  s->visible = g_strcmp0 (plan, "dedicated") != 0;

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_COLLECT);
  _ld_wizard_derive_collect (self, s);
  step_apply_answer (self, s);

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_EXAMINE);
  _ld_wizard_derive_examine (self, s, failed);
  step_apply_answer (self, s);

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_SECURITY);
  _ld_wizard_derive_security (self, s, failed);
  step_apply_answer (self, s);

  /* Causes and result are computed, never typed in. */
  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_CAUSES);
  _ld_wizard_derive_causes (self, s, failed);

  s = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_RESULT);
  _ld_wizard_derive_result (self, s, failed);
  step_apply_answer (self, s);
  s->source = _ld_wizard_step_by_id (self, LD_WIZARD_STEP_CAUSES)->source == LD_WIZARD_SOURCE_USER
              ? LD_WIZARD_SOURCE_USER : LD_WIZARD_SOURCE_LOG;
  if (failed->len == 0 && self->analysis == NULL)
    s->source = LD_WIZARD_SOURCE_UNANSWERED;
}

/* GObject ---------------------------------------------------------------- */

static void
ld_wizard_finalize (GObject *object)
{
  LdWizard *self = LD_WIZARD (object);

  if (self->weak_analysis)
    self->analysis = NULL;
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->user_answers, g_hash_table_unref);
  g_clear_pointer (&self->net_results, g_ptr_array_unref);
  g_clear_pointer (&self->net_host, g_free);
  g_clear_pointer (&self->net_time, g_date_time_unref);
  g_clear_pointer (&self->conclusion.causes, g_ptr_array_unref);
  g_clear_pointer (&self->conclusion.summary, g_free);
  G_OBJECT_CLASS (ld_wizard_parent_class)->finalize (object);
}

static void
ld_wizard_class_init (LdWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ld_wizard_finalize;

  /**
   * LdWizard::changed:
   *
   * An answer or a network result changed; every step's answer, text and
   * visibility and the conclusion may have changed with it.
   */
  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
ld_wizard_init (LdWizard *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->user_answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->conclusion.causes = g_ptr_array_new_with_free_func ((GDestroyNotify) _ld_wizard_cause_free);
  for (guint i = 0; i < G_N_ELEMENTS (step_defs); i++)
    {
      const StepDef *d = &step_defs[i];
      LdWizardStep *s = g_new0 (LdWizardStep, 1);

      s->id = d->id;
      s->number = d->number;
      s->title = g_strdup (_(d->title));
      s->question = d->question ? g_strdup (_(d->question)) : NULL;
      s->choices = d->choices;
      s->n_choices = d->n_choices;
      s->free_text = d->free_text;
      s->visible = TRUE;
      s->evidence = _ld_wizard_evidence_new ();
      g_ptr_array_add (self->steps, s);
    }
}

/**
 * ld_wizard_new:
 * @analysis: (nullable): a finished analysis, or %NULL to walk the
 *   procedure without logs
 *
 * Returns: (transfer full): a wizard with every answer the logs give filled in.
 */
LdWizard *
ld_wizard_new (LdAnalysis *analysis)
{
  LdWizard *self = g_object_new (LD_TYPE_WIZARD, NULL);

  self->analysis = analysis ? g_object_ref (analysis) : NULL;
  recompute (self);
  return self;
}

/* The wizard of a document lives as long as its analysis, so answers are
 * kept for the session (reopening the window, exporting the report). The
 * analysis holds the wizard; the wizard's reference back is weak. */
static const char wizard_key[] = "ld-wizard";

/**
 * ld_wizard_ensure_for_analysis:
 * @analysis: a finished analysis
 *
 * Returns: (transfer none): the wizard attached to @analysis, created on
 *   first use.
 */
LdWizard *
ld_wizard_ensure_for_analysis (LdAnalysis *analysis)
{
  LdWizard *self;

  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);

  self = g_object_get_data (G_OBJECT (analysis), wizard_key);
  if (self != NULL)
    return self;
  self = g_object_new (LD_TYPE_WIZARD, NULL);
  self->analysis = analysis;
  self->weak_analysis = TRUE;
  recompute (self);
  g_object_set_data_full (G_OBJECT (analysis), wizard_key, self, g_object_unref);
  return self;
}

/**
 * ld_wizard_peek_for_analysis:
 *
 * For exporters: the wizard of @analysis if one was opened.
 *
 * Returns: (transfer none) (nullable):
 */
LdWizard *
ld_wizard_peek_for_analysis (LdAnalysis *analysis)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);
  return g_object_get_data (G_OBJECT (analysis), wizard_key);
}

/**
 * ld_wizard_has_user_answers:
 *
 * Returns: %TRUE once the user answered a question or ran the network check.
 */
gboolean
ld_wizard_has_user_answers (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), FALSE);
  return g_hash_table_size (self->user_answers) > 0 || self->net_results != NULL;
}

LdAnalysis *
ld_wizard_get_analysis (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return self->analysis;
}

/**
 * ld_wizard_get_steps:
 *
 * Returns: (transfer none) (element-type LdWizardStep): every step in the
 *   article's order, visible or not.
 */
GPtrArray *
ld_wizard_get_steps (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return self->steps;
}

/**
 * ld_wizard_dup_visible_steps:
 *
 * Returns: (transfer container) (element-type LdWizardStep): the steps the
 *   current answers lead through; the steps stay owned by the wizard and
 *   are valid until it is finalized.
 */
GPtrArray *
ld_wizard_dup_visible_steps (LdWizard *self)
{
  GPtrArray *out;

  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  out = g_ptr_array_new ();
  for (guint i = 0; i < self->steps->len; i++)
    {
      LdWizardStep *s = g_ptr_array_index (self->steps, i);
      if (s->visible)
        g_ptr_array_add (out, s);
    }
  return out;
}

/**
 * ld_wizard_get_step:
 *
 * Returns: (transfer none) (nullable): the step, or %NULL for an unknown id.
 */
const LdWizardStep *
ld_wizard_get_step (LdWizard   *self,
                    const char *step_id)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return _ld_wizard_step_by_id (self, step_id);
}

/**
 * ld_wizard_set_answer:
 * @step_id: a LD_WIZARD_STEP_… id
 * @value: (nullable): a choice key, free text where the step takes it, or
 *   %NULL (or "") to drop the user's answer and go back to the log's
 *
 * The user's answers are kept across every later change, whichever page
 * is shown, until replaced.
 *
 * Returns: %FALSE with @error for an unknown step or an invalid value.
 */
gboolean
ld_wizard_set_answer (LdWizard    *self,
                      const char  *step_id,
                      const char  *value,
                      GError     **error)
{
  LdWizardStep *s;

  g_return_val_if_fail (LD_IS_WIZARD (self), FALSE);

  s = _ld_wizard_step_by_id (self, step_id);
  if (s == NULL || (s->question == NULL) || (s->choices == NULL && !s->free_text))
    {
      g_set_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_UNKNOWN_STEP,
                   _("“%s” is not a question of the wizard; see lyncdiag-cli wizard --help for the keys."),
                   step_id ? step_id : "");
      return FALSE;
    }
  if (value != NULL && *value != '\0' && !s->free_text && choice_label (s, value) == NULL)
    {
      GString *keys = g_string_new (NULL);
      for (guint i = 0; i < s->n_choices; i++)
        g_string_append_printf (keys, "%s%s", i ? ", " : "", s->choices[i].key);
      g_set_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_INVALID_ANSWER,
                   _("“%s” is not an answer to “%s”; use one of: %s."), value, step_id, keys->str);
      g_string_free (keys, TRUE);
      return FALSE;
    }
  if (value == NULL || *value == '\0')
    g_hash_table_remove (self->user_answers, step_id);
  else
    {
      g_autofree char *valid = g_utf8_make_valid (value, -1);
      g_hash_table_insert (self->user_answers, g_strdup (step_id), g_steal_pointer (&valid));
    }
  recompute (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
  return TRUE;
}

/**
 * ld_wizard_parse_answer:
 * @key_equals_value: "plan=dedicated", as given to --answer
 */
gboolean
ld_wizard_parse_answer (LdWizard    *self,
                        const char  *key_equals_value,
                        GError     **error)
{
  const char *eq = strchr (key_equals_value, '=');
  g_autofree char *key = NULL;

  if (eq == NULL || eq == key_equals_value)
    {
      g_set_error (error, LD_WIZARD_ERROR, LD_WIZARD_ERROR_INVALID_ANSWER,
                   _("“%s” is not KEY=VALUE, e.g. plan=multi-tenant."), key_equals_value);
      return FALSE;
    }
  key = g_strndup (key_equals_value, eq - key_equals_value);
  return ld_wizard_set_answer (self, g_strstrip (key), eq + 1, error);
}

/**
 * ld_wizard_dup_network_targets:
 *
 * Returns: (transfer full) (element-type LdNetcheckTarget): what the
 *   network check would test, taken from the logs.
 */
GPtrArray *
ld_wizard_dup_network_targets (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return ld_netcheck_targets_from_analysis (self->analysis);
}

/**
 * ld_wizard_set_network_results:
 * @results: (element-type LdNetcheckResult) (nullable): from
 *   ld_netcheck_run_finish(); the wizard keeps a reference
 *
 * The results are evidence shown beside the network question ("measured
 * from HOST at TIME"), never the user's answer to it.
 */
void
ld_wizard_set_network_results (LdWizard  *self,
                               GPtrArray *results)
{
  g_return_if_fail (LD_IS_WIZARD (self));

  g_clear_pointer (&self->net_results, g_ptr_array_unref);
  g_clear_pointer (&self->net_host, g_free);
  g_clear_pointer (&self->net_time, g_date_time_unref);
  /* A measurement, kept with where and when it was taken; it never
   * becomes the user's answer to the network question. */
  if (results != NULL)
    {
      self->net_results = g_ptr_array_ref (results);
      self->net_host = g_strdup (g_get_host_name ());
      self->net_time = g_date_time_new_now_local ();
    }
  recompute (self);
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/**
 * ld_wizard_get_network_results:
 *
 * Returns: (transfer none) (nullable) (element-type LdNetcheckResult):
 */
GPtrArray *
ld_wizard_get_network_results (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return self->net_results;
}

/**
 * ld_wizard_get_conclusion:
 *
 * Returns: (transfer none): the causes in the article's order and the summary.
 */
const LdWizardConclusion *
ld_wizard_get_conclusion (LdWizard *self)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  return &self->conclusion;
}

const LdWizardCause *
ld_wizard_get_cause (LdWizard   *self,
                     const char *cause_id)
{
  g_return_val_if_fail (LD_IS_WIZARD (self), NULL);
  for (guint i = 0; i < self->conclusion.causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (self->conclusion.causes, i);
      if (g_strcmp0 (c->id, cause_id) == 0)
        return c;
    }
  return NULL;
}

/**
 * ld_wizard_step_get_choice_label:
 * @index: below @step->n_choices
 *
 * Returns: (transfer none): the choice in words, translated.
 */
const char *
ld_wizard_step_get_choice_label (const LdWizardStep *step,
                                 guint               index)
{
  g_return_val_if_fail (step != NULL && index < step->n_choices, NULL);
  return _(step->choices[index].label);
}

const char *
ld_wizard_source_to_string (LdWizardSource source)
{
  switch (source)
    {
    case LD_WIZARD_SOURCE_LOG: return "log";
    case LD_WIZARD_SOURCE_USER: return "user";
    case LD_WIZARD_SOURCE_UNANSWERED:
    default: return "unanswered";
    }
}

/**
 * ld_cause_status_get_label:
 *
 * Returns: (transfer none): "supported", "contradicted" or "unknown" in
 *   the user's language: the words the wizard and the report use
 */
const char *
ld_cause_status_get_label (LdCauseStatus status)
{
  switch (status)
    {
    case LD_CAUSE_SUPPORTED: return _("supported");
    case LD_CAUSE_CONTRADICTED: return _("contradicted");
    case LD_CAUSE_UNKNOWN:
    default: return _("unknown");
    }
}

const char *
ld_cause_status_to_string (LdCauseStatus status)
{
  switch (status)
    {
    case LD_CAUSE_SUPPORTED: return "supported";
    case LD_CAUSE_CONTRADICTED: return "contradicted";
    case LD_CAUSE_UNKNOWN:
    default: return "unknown";
    }
}

/**
 * ld_evidence_dup_location:
 *
 * Returns: (transfer full): "Lync-UccApi-0.UccApilog:253", or the file
 *   name alone for whole-file evidence.
 */
char *
ld_evidence_dup_location (LdAnalysis       *analysis,
                          const LdEvidence *evidence)
{
  GPtrArray *inputs = analysis ? ld_analysis_get_inputs (analysis) : NULL;
  const LdInput *in = inputs && evidence->input < inputs->len ? g_ptr_array_index (inputs, evidence->input) : NULL;
  g_autofree char *base = in ? g_path_get_basename (ld_input_get_display_name (in)) : g_strdup ("?");

  if (evidence->line == 0)
    return g_steal_pointer (&base);
  return g_strdup_printf ("%s:%" G_GUINT64_FORMAT, base, evidence->line);
}

/**
 * ld_wizard_dup_answer_keys_help:
 *
 * Returns: (transfer full): every KEY=VALUE the wizard takes, for --help.
 */
char *
ld_wizard_dup_answer_keys_help (void)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (step_defs); i++)
    {
      const StepDef *d = &step_defs[i];

      if (d->question == NULL || (d->choices == NULL && !d->free_text) ||
          g_strcmp0 (d->id, LD_WIZARD_STEP_CAUSES) == 0 || g_strcmp0 (d->id, LD_WIZARD_STEP_RESULT) == 0)
        continue;
      g_string_append_printf (out, "  %s (step %s) — %s\n", d->id, d->number, _(d->question));
      for (guint k = 0; k < d->n_choices; k++)
        {
          g_autofree char *kv = g_strdup_printf ("%s=%s", d->id, d->choices[k].key);
          g_string_append_printf (out, "      %-34s %s\n", kv, _(d->choices[k].label));
        }
      if (d->free_text)
        {
          g_autofree char *kv = g_strdup_printf ("%s=TEXT", d->id);
          g_string_append_printf (out, "      %-34s %s\n", kv, _("your own words"));
        }
    }
  return g_string_free (out, FALSE);
}
