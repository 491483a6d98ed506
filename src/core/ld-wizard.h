/* ld-wizard.h - the troubleshooting procedure as steps, answered from the logs where possible
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-analysis.h"
#include "ld-netcheck.h"

G_BEGIN_DECLS

/* Where an answer came from. */
typedef enum
{
  LD_WIZARD_SOURCE_UNANSWERED,
  LD_WIZARD_SOURCE_LOG,   /* derived from the analysis, with evidence */
  LD_WIZARD_SOURCE_USER,  /* given by the user (or measured at the user's request) */
} LdWizardSource;

typedef enum
{
  LD_CAUSE_UNKNOWN,
  LD_CAUSE_SUPPORTED,
  LD_CAUSE_CONTRADICTED,
} LdCauseStatus;

/* Stable step ids: also the KEYs of `lyncdiag-cli wizard --answer KEY=VALUE`. */
#define LD_WIZARD_STEP_SYMPTOM      "symptom"
#define LD_WIZARD_STEP_CONTACTS     "contacts"
#define LD_WIZARD_STEP_SAME_CONTACT "same-contact"
#define LD_WIZARD_STEP_COMMON       "common"
#define LD_WIZARD_STEP_PLAN         "plan"
#define LD_WIZARD_STEP_NETWORK      "network"
#define LD_WIZARD_STEP_COLLECT      "collect"
#define LD_WIZARD_STEP_EXAMINE      "examine"
#define LD_WIZARD_STEP_SECURITY     "security-software"
#define LD_WIZARD_STEP_CAUSES       "causes"
#define LD_WIZARD_STEP_RESULT       "result"

/* Stable cause ids, in the order the article and the field report give
 * them: rows of the cause table (ld-causes.c), the same ids as findings. */
#define LD_WIZARD_CAUSE_PORTS       "ports-blocked"
#define LD_WIZARD_CAUSE_MEET        "meet-lync-blocked"
#define LD_WIZARD_CAUSE_EDGES       "edge-to-edge"
#define LD_WIZARD_CAUSE_INSPECTION  "tcp-media-blocked"

typedef struct
{
  const char *key;     /* stable, what --answer takes */
  const char *label;   /* untranslated (N_); ld_wizard_step_get_choice_label() translates */
} LdWizardChoice;

/* One page of the wizard. Everything a renderer needs is here; the char*
 * strings are translated, valid UTF-8 and owned by the wizard. */
typedef struct
{
  const char           *id;          /* LD_WIZARD_STEP_… */
  const char           *number;      /* as in the article: "1", "2", "2a", "3b" … */
  char                 *title;
  char                 *question;    /* NULL for pages that only inform (the result) */
  const LdWizardChoice *choices;     /* n_choices entries; NULL when the answer is computed */
  guint                 n_choices;
  gboolean              free_text;   /* accepts an answer that is not a choice key */
  gboolean              visible;     /* FALSE when a branch skips it */
  char                 *answer;      /* a choice key or free text; NULL when unanswered */
  char                 *answer_label;/* the answer in words */
  LdWizardSource        source;
  char                 *log_answer;  /* what the logs said, kept when the user overrides it */
  GArray               *evidence;    /* (element-type LdEvidence) */
  char                 *text;        /* the explanation: what to do, what was found */
  char                 *measured;    /* what the network check measured, "Measured from HOST at TIME: …",
                                        shown beside the question; never the answer. NULL when not run */
} LdWizardStep;

/* A cause of the article, judged from the findings: supported exactly
 * when a finding for it stands (findings lists them), contradicted only
 * when the evidence rules it out. */
typedef struct
{
  const char    *id;                 /* LD_WIZARD_CAUSE_…, a cause table id */
  char          *title;              /* the cause table's words */
  LdCauseStatus  status;
  char          *reason;             /* why this status, in words, with the likelier rival */
  GArray        *evidence;           /* (element-type LdEvidence) */
  GPtrArray     *actions;            /* (element-type utf8): the standing findings' actions, else the cause's */
  GPtrArray     *findings;           /* (element-type LdFinding) borrowed: the findings it rests on */
} LdWizardCause;

typedef struct
{
  GPtrArray *causes;                 /* (element-type LdWizardCause) */
  char      *summary;
} LdWizardConclusion;

#define LD_TYPE_WIZARD (ld_wizard_get_type ())
G_DECLARE_FINAL_TYPE (LdWizard, ld_wizard, LD, WIZARD, GObject)

#define LD_WIZARD_ERROR (ld_wizard_error_quark ())

typedef enum
{
  LD_WIZARD_ERROR_UNKNOWN_STEP,
  LD_WIZARD_ERROR_INVALID_ANSWER,
} LdWizardError;

GQuark              ld_wizard_error_quark          (void);

LdWizard           *ld_wizard_new                  (LdAnalysis        *analysis);
LdWizard           *ld_wizard_ensure_for_analysis  (LdAnalysis        *analysis);
LdWizard           *ld_wizard_peek_for_analysis    (LdAnalysis        *analysis);
gboolean            ld_wizard_has_user_answers     (LdWizard          *self);
LdAnalysis         *ld_wizard_get_analysis         (LdWizard          *self);
GPtrArray          *ld_wizard_get_steps            (LdWizard          *self);
GPtrArray          *ld_wizard_dup_visible_steps    (LdWizard          *self);
const LdWizardStep *ld_wizard_get_step             (LdWizard          *self,
                                                    const char        *step_id);
gboolean            ld_wizard_set_answer           (LdWizard          *self,
                                                    const char        *step_id,
                                                    const char        *value,
                                                    GError           **error);
gboolean            ld_wizard_parse_answer         (LdWizard          *self,
                                                    const char        *key_equals_value,
                                                    GError           **error);
GPtrArray          *ld_wizard_dup_network_targets  (LdWizard          *self);
void                ld_wizard_set_network_results  (LdWizard          *self,
                                                    GPtrArray         *results);
GPtrArray          *ld_wizard_get_network_results  (LdWizard          *self);
const LdWizardConclusion *ld_wizard_get_conclusion (LdWizard          *self);
const LdWizardCause *ld_wizard_get_cause           (LdWizard          *self,
                                                    const char        *cause_id);

char               *ld_wizard_to_json              (LdWizard          *self,
                                                    gboolean           pretty);
char               *ld_wizard_to_text              (LdWizard          *self);
char               *ld_wizard_dup_answer_keys_help (void);

const char         *ld_wizard_step_get_choice_label (const LdWizardStep *step,
                                                    guint              index);
const char         *ld_wizard_source_to_string     (LdWizardSource     source);
const char         *ld_cause_status_to_string      (LdCauseStatus      status);
const char         *ld_cause_status_get_label      (LdCauseStatus      status);
char               *ld_evidence_dup_location       (LdAnalysis        *analysis,
                                                    const LdEvidence  *evidence);

G_END_DECLS
