/* ld-findings-private.h - what rules share with the findings engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"

G_BEGIN_DECLS

typedef struct _LdRule LdRule;

/* Where a rule puts what it finds.  A rule makes each finding whole, then
 * hands it to ld_rule_emit(), which takes it: the engine folds it at once
 * into one accumulator per cause and detail (LdFindingsFold,
 * ld-findings-group.c) and frees what grouping does not read, so a log with
 * thousands of failed attempts never holds a finding per attempt.  Hence:
 *
 *  - emit a finding only when it is complete: it cannot be read back or
 *    changed (a rule that gathers several attempts into one finding keeps
 *    it itself and emits it when it has seen them all);
 *  - the order of emitting is the order grouping sees the members (the
 *    earliest of equals represents its group): emit in the order the
 *    attempts are walked, as the rules always have;
 *  - a rule reads the analysis, never another rule's findings; only the
 *    last rule, unexplained-failure, asks which attempts the findings
 *    before it cover (ld_rule_out_dup_explained()).
 *
 * Grouping shows the detail of one finding per group, its representative.
 * A detail that costs more than the rest of the finding (the media rules
 * write a dozen lines of decoded bits and addresses for every failed call)
 * can be left to the fold: ld_rule_emit_with_detail() takes a function
 * that writes it, called during the emit and only when the finding
 * becomes its group's representative. */
typedef struct _LdRuleOut LdRuleOut;

/* Writes a finding's detail from @data, what the rule gathered for it;
 * @data is the rule's and valid only while the finding is emitted. */
typedef char *(*LdDetailFunc) (gconstpointer data);

typedef void (*LdRuleFunc) (LdAnalysis   *analysis,
                            const LdRule *rule,
                            LdRuleOut    *out);

/* One row of the engine's table: the rule with this id (a row of the
 * cause table, ld-causes.c, which holds its words) and the code that finds
 * it.  Rules that are "code or status -> finding" are rows of
 * ld-rules-codes.c and share one function. */
struct _LdRule
{
  const char  *id;        /* a cause id (ld-causes.c) */
  LdRuleFunc   func;
};

LdSeverity    ld_rule_get_severity        (const LdRule       *rule);

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
void          ld_finding_set_group        (LdFinding          *finding,
                                           const char         *group);
void          ld_finding_add_attempt      (LdFinding          *finding,
                                           guint               attempt);
void          ld_finding_sort_attempts    (LdFinding          *finding);
char         *ld_finding_dup_diag_excerpt (const LdDiagnostic *diag);

void          ld_ids_sort_unique          (GArray             *ids);

void          ld_rule_emit                (LdRuleOut          *out,
                                           LdFinding          *finding);
void          ld_rule_emit_with_detail    (LdRuleOut          *out,
                                           LdFinding          *finding,
                                           LdDetailFunc        detail,
                                           gconstpointer       data);
void          ld_finding_take_detail      (LdFinding          *finding,
                                           char               *detail);
guint8       *ld_rule_out_dup_explained   (LdRuleOut          *out,
                                           guint               n_attempts);

/* The rules' findings grouped as they are made (ld-findings-group.c). */
typedef struct _LdFindingsFold LdFindingsFold;

LdFindingsFold *_ld_findings_fold_new           (void);
LdFindingsFold *_ld_findings_fold_new_keeping_all (void);
void            _ld_findings_fold_free          (LdFindingsFold *fold);
void            _ld_findings_fold_add_one       (LdFindingsFold *fold,
                                                 LdFinding      *finding,
                                                 LdDetailFunc    detail,
                                                 gconstpointer   data);
void            _ld_findings_fold_add           (LdFindingsFold *fold,
                                                 GPtrArray      *findings);
void            _ld_findings_fold_absorb        (LdFindingsFold *fold,
                                                 LdFindingsFold *later);
guint8         *_ld_findings_fold_dup_explained (LdFindingsFold *fold,
                                                 guint           n_attempts);
void            _ld_findings_fold_finish        (LdAnalysis     *analysis,
                                                 LdFindingsFold *fold,
                                                 GPtrArray      *out);
void          _ld_findings_group          (LdAnalysis         *analysis,
                                           GPtrArray          *raw,
                                           GPtrArray          *out);
/* The most findings alive at once while the rules of the last
 * ld_findings_run() ran, beyond those alive before it (for tests). */
guint         _ld_findings_get_most_alive_in_rules (void);
void          _ld_findings_explain_rivals (GPtrArray          *findings);

G_END_DECLS
