/* ld-findings-private.h - what rules share with the findings engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"

G_BEGIN_DECLS

typedef struct _LdRule LdRule;

typedef void (*LdRuleFunc) (LdAnalysis   *analysis,
                            const LdRule *rule,
                            GPtrArray    *out_findings);

/* One row of the rule table: adding a rule is adding a row and a test. */
struct _LdRule
{
  const char  *id;        /* stable, listed in README.md */
  LdSeverity   severity;  /* default severity */
  const char  *summary;   /* what triggers it, for the README and --list-rules */
  LdRuleFunc   func;
};

const LdRule *ld_rules_get_table          (guint              *n_rules);

LdFinding    *ld_finding_new              (const char         *id,
                                           LdSeverity          severity,
                                           LdConfidence        confidence,
                                           char               *title,
                                           char               *detail);
void          ld_finding_add_action       (LdFinding          *finding,
                                           const char         *action);
void          ld_finding_add_evidence     (LdFinding          *finding,
                                           guint               attempt,
                                           guint               input,
                                           guint64             line,
                                           gint64              time,
                                           const char         *excerpt);
void          ld_finding_add_attempt      (LdFinding          *finding,
                                           guint               attempt);
void          ld_finding_sort_attempts    (LdFinding          *finding);
char         *ld_finding_dup_diag_excerpt (const LdDiagnostic *diag);

G_END_DECLS
