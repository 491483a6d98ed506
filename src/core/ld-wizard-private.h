/* ld-wizard-private.h - what the wizard's answers, verdict and output share
 *
 * ld-wizard.c          the object, its steps and their order, the user's answers
 * ld-wizard-answers.c  what the logs answer, step by step (symptom … security software)
 * ld-wizard-verdict.c  the article's causes, from the findings only, and the result
 * ld-wizard-output.c   the wizard as text and as JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-wizard.h"

G_BEGIN_DECLS

#define LD_WIZARD_MAX_EVIDENCE 24
#define LD_WIZARD_MAX_LISTED   10

struct _LdWizard
{
  GObject             parent_instance;

  LdAnalysis         *analysis;
  gboolean            weak_analysis; /* owned by the analysis: no reference back */
  GPtrArray          *steps;         /* LdWizardStep, fixed order */
  GHashTable         *user_answers;  /* step id -> value, only what the user gave */
  GPtrArray          *net_results;   /* LdNetcheckResult, or NULL when not run */
  char               *net_host;      /* where and when they were measured */
  GDateTime          *net_time;
  LdWizardConclusion  conclusion;
};

/* Evidence lists of steps and causes. */
GArray       *_ld_wizard_evidence_new          (void);
void          _ld_wizard_evidence_add          (GArray             *array,
                                                guint               attempt,
                                                guint               input,
                                                guint64             line,
                                                const char         *excerpt);
void          _ld_wizard_evidence_add_message  (GArray             *array,
                                                guint               attempt,
                                                const LdSipMessage *msg);
void          _ld_wizard_evidence_add_diag     (GArray             *array,
                                                guint               attempt,
                                                const LdDiagnostic *diag);
void          _ld_wizard_evidence_append_all   (GArray             *to,
                                                const GArray       *from);

LdWizardStep *_ld_wizard_step_by_id            (LdWizard           *self,
                                                const char         *id);
const char   *_ld_wizard_answer_of             (LdWizard           *self,
                                                const char         *id);
void          _ld_wizard_step_set_log_answer   (LdWizardStep       *step,
                                                const char         *key);
gboolean      _ld_wizard_attempt_failed        (const LdAttempt    *attempt);
GPtrArray    *_ld_wizard_dup_failed_attempts   (LdAnalysis         *analysis);
char         *_ld_wizard_dup_attempt_label     (const LdAttempt    *attempt);
gboolean      _ld_wizard_finding_stands        (const LdFinding    *finding);

/* ld-wizard-answers.c: each fills its step's log answer, evidence and text. */
void          _ld_wizard_derive_symptom        (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_derive_contacts       (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_derive_same_contact   (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_derive_common         (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_derive_plan           (LdWizard *self, LdWizardStep *step);
void          _ld_wizard_derive_network        (LdWizard *self, LdWizardStep *step);
void          _ld_wizard_derive_collect        (LdWizard *self, LdWizardStep *step);
void          _ld_wizard_derive_examine        (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_derive_security       (LdWizard *self, LdWizardStep *step, GPtrArray *failed);

/* ld-wizard-verdict.c */
void          _ld_wizard_derive_causes         (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_derive_result         (LdWizard *self, LdWizardStep *step, GPtrArray *failed);
void          _ld_wizard_cause_free            (LdWizardCause *cause);

G_END_DECLS
