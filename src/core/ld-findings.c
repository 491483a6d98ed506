/* ld-findings.c - the findings engine: a table of rules run after parsing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-findings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-analysis.h"
#include "ld-findings-private.h"
#include "ld-knowledge.h"
#include "ld-parallel.h"
#include "ld-rules-private.h"

static void
evidence_clear (gpointer data)
{
  LdEvidence *e = data;

  g_free (e->excerpt);
}

/* How many findings are alive, and the most that were while the rules
 * ran: a test's guard that the rules' findings are folded as they are
 * made, not held until a rule ends. */
static gint n_alive;
static gint most_alive;
static gint most_alive_in_rules;

guint
_ld_findings_get_most_alive_in_rules (void)
{
  return (guint) g_atomic_int_get (&most_alive_in_rules);
}

static void
count_alive (gint change)
{
  gint now = g_atomic_int_add (&n_alive, change) + change;
  gint most = g_atomic_int_get (&most_alive);

  while (now > most && !g_atomic_int_compare_and_exchange (&most_alive, most, now))
    most = g_atomic_int_get (&most_alive);
}

void
ld_finding_free (LdFinding *f)
{
  if (f == NULL)
    return;
  count_alive (-1);
  g_free (f->title);
  g_free (f->detail);
  g_free (f->group);
  g_ptr_array_unref (f->actions);
  g_array_unref (f->evidence);
  g_array_unref (f->attempts);
  g_free (f);
}

LdFinding *
ld_finding_new (const char   *id,
                LdSeverity    severity,
                LdConfidence  confidence,
                char         *title,
                char         *detail)
{
  LdFinding *f = g_new0 (LdFinding, 1);

  f->id = id;
  f->severity = severity;
  f->confidence = confidence;
  f->title = title;
  ld_finding_take_detail (f, detail);
  f->actions = g_ptr_array_new_with_free_func (g_free);
  f->evidence = g_array_new (FALSE, TRUE, sizeof (LdEvidence));
  g_array_set_clear_func (f->evidence, evidence_clear);
  f->attempts = g_array_new (FALSE, FALSE, sizeof (guint));
  f->cause = id;
  f->time = -1;
  count_alive (1);
  return f;
}

/* Sets @f's detail to @detail (taken). */
void
ld_finding_take_detail (LdFinding *f,
                        char      *detail)
{
  g_free (f->detail);
  /* Details are built in a GString, which keeps up to twice their length;
   * a large log has thousands of findings. */
  f->detail = detail != NULL ? g_realloc (detail, strlen (detail) + 1) : NULL;
}

void
ld_finding_add_action (LdFinding  *f,
                       const char *action)
{
  g_ptr_array_add (f->actions, g_strdup (action));
}

/* What distinguishes this finding from others of its cause where that
 * changes what to do (a relay, a domain): findings are grouped by it. */
void
ld_finding_set_group (LdFinding  *f,
                      const char *group)
{
  g_free (f->group);
  f->group = g_strdup (group);
}

/* The attempt is covered by the finding whether or not an excerpt of it
 * is kept as evidence. */
void
ld_finding_add_attempt (LdFinding *f,
                        guint      attempt)
{
  if (attempt == 0)
    return;
  /* Rules add attempts in order; a repeat is the common case. */
  if (f->attempts->len > 0 && g_array_index (f->attempts, guint, f->attempts->len - 1) == attempt)
    return;
  g_array_append_val (f->attempts, attempt);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* @ids (guint) ascending, each once. */
void
ld_ids_sort_unique (GArray *ids)
{
  guint n = 0;

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    if (n == 0 || g_array_index (ids, guint, n - 1) != g_array_index (ids, guint, i))
      g_array_index (ids, guint, n++) = g_array_index (ids, guint, i);
  g_array_set_size (ids, n);
}

void
ld_finding_sort_attempts (LdFinding *f)
{
  ld_ids_sort_unique (f->attempts);
}

void
ld_finding_add_evidence (LdFinding  *f,
                         guint       attempt,
                         guint       input,
                         guint64     line,
                         gint64      time,
                         const char *excerpt)
{
  LdEvidence e = { attempt, input, line, g_strdup (excerpt) };

  g_array_append_val (f->evidence, e);
  ld_finding_add_attempt (f, attempt);
  if (time >= 0 && (f->time < 0 || time < f->time))
    f->time = time;
}

/* The diagnostic header line as written, for evidence excerpts. */
char *
ld_finding_dup_diag_excerpt (const LdDiagnostic *d)
{
  return g_strdup_printf ("%s: %s", ld_diag_header_to_string (d->header), d->raw);
}

static double
confidence_weight (LdConfidence confidence)
{
  switch (confidence)
    {
    case LD_CONFIDENCE_HIGH: return 3.0;
    case LD_CONFIDENCE_MEDIUM: return 2.0;
    case LD_CONFIDENCE_LOW:
    default: return 1.0;
    }
}

static guint
cause_rank (const LdFinding *f)
{
  guint n;
  const LdCause *rows = ld_causes_list (&n);
  const LdCause *c = ld_cause_lookup (f->cause);

  return c != NULL ? (guint) (c - rows) : n;
}

/* Severity first (what failed before what is worth a look); within it,
 * how much of the failure a finding explains and how sure it is
 * (attempts x 3 / 2 / 1 for high / medium / low); then the cause table's
 * order, where the likelier of two rival causes comes first; then time. */
static int
compare_findings (gconstpointer pa,
                  gconstpointer pb)
{
  const LdFinding *a = *(const LdFinding **) pa;
  const LdFinding *b = *(const LdFinding **) pb;
  double wa, wb;
  guint ra, rb;

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  wa = MAX (a->attempts->len, 1) * confidence_weight (a->confidence);
  wb = MAX (b->attempts->len, 1) * confidence_weight (b->confidence);
  if (wa != wb)
    return wa > wb ? -1 : 1;
  if (a->confidence != b->confidence)
    return a->confidence < b->confidence ? -1 : 1;
  ra = cause_rank (a);
  rb = cause_rank (b);
  if (ra != rb)
    return ra < rb ? -1 : 1;
  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  return g_strcmp0 (a->group, b->group);
}

/* What a rule writes to: the fold its findings go into. */
struct _LdRuleOut
{
  LdFindingsFold *fold;
};

/**
 * ld_rule_emit:
 * @out: where the running rule puts its findings
 * @finding: (transfer full): a finding, complete
 *
 * Folds @finding into its cause's accumulator now (see LdRuleOut in
 * ld-findings-private.h); the rule must not use it after.
 */
void
ld_rule_emit (LdRuleOut *out,
              LdFinding *finding)
{
  _ld_findings_fold_add_one (out->fold, finding, NULL, NULL);
}

/**
 * ld_rule_emit_with_detail:
 * @out: where the running rule puts its findings
 * @finding: (transfer full): a finding, complete but for its detail
 * @detail: writes the detail from @data
 * @data: what @detail reads, valid during this call
 *
 * As ld_rule_emit(), but @finding's detail is written only if it becomes
 * its group's representative: the only member whose detail is shown.
 */
void
ld_rule_emit_with_detail (LdRuleOut     *out,
                          LdFinding     *finding,
                          LdDetailFunc   detail,
                          gconstpointer  data)
{
  _ld_findings_fold_add_one (out->fold, finding, detail, data);
}

/**
 * ld_rule_out_dup_explained:
 * @out: where the running rule puts its findings
 * @n_attempts: the analysis's number of attempts
 *
 * For the last rule only, which is given the fold of every rule before
 * it: which attempts their findings cover, the rules across attempts
 * aside.
 *
 * Returns: (transfer full): by attempt id (from 1), TRUE where covered
 */
guint8 *
ld_rule_out_dup_explained (LdRuleOut *out,
                           guint      n_attempts)
{
  return _ld_findings_fold_dup_explained (out->fold, n_attempts);
}

/* The rules of ld_findings_run() that can run on the pool: each folds
 * its own findings into its own fold, on the thread that ran it. */
typedef struct
{
  LdAnalysis      *analysis;
  const LdRule    *rules;
  LdFindingsFold **folds;    /* per rule */
} RuleRun;

static void
run_rule (guint    i,
          gpointer data)
{
  RuleRun *run = data;
  LdRuleOut out = { _ld_findings_fold_new () };

  run->rules[i].func (run->analysis, &run->rules[i], &out);
  run->folds[i] = out.fold;
}

/**
 * ld_findings_run:
 * @self: an analysis whose attempts are built
 * @out_findings: (element-type LdFinding): where findings are added
 *
 * Runs every rule of the table, groups their findings by cause (one
 * finding per cause and distinguishing detail, with every attempt it
 * covers) as the rules make them, says which of two rival causes is the
 * likelier, orders them and attaches each to the attempts it covers.
 */
void
ld_findings_run (LdAnalysis *self,
                 GPtrArray  *out_findings)
{
  RuleRun run = { self, NULL, NULL };
  LdRuleOut last = { _ld_findings_fold_new () };
  guint n_rules;
  guint first = out_findings->len;
  gint alive_before = g_atomic_int_get (&n_alive);

  g_atomic_int_set (&most_alive, alive_before);
  run.rules = ld_rules_get_table (&n_rules);
  /* Every rule but the last only reads the analysis and writes its own
   * findings, so they share out over the pool (each rule's folded apart,
   * then joined in rule order: the same result as one after the other).
   * The last, unexplained-failure, reads which attempts the others
   * explained: it is given their fold, and adds its own after theirs. */
  run.folds = g_new0 (LdFindingsFold *, n_rules);
  ld_rules_media_prepare (self);
  ld_rules_cross_prepare (self);
  _ld_parallel_for (n_rules - 1, 1, run_rule, &run);
  for (guint i = 0; i + 1 < n_rules; i++)
    _ld_findings_fold_absorb (last.fold, g_steal_pointer (&run.folds[i]));
  g_free (run.folds);
  run.rules[n_rules - 1].func (self, &run.rules[n_rules - 1], &last);
  ld_rules_cross_forget (self);
  ld_rules_media_forget (self);
  g_atomic_int_set (&most_alive_in_rules, g_atomic_int_get (&most_alive) - alive_before);

  _ld_findings_fold_finish (self, last.fold, out_findings);
  g_ptr_array_sort (out_findings, compare_findings);
  _ld_findings_explain_rivals (out_findings);

  for (guint i = first; i < out_findings->len; i++)
    {
      LdFinding *f = g_ptr_array_index (out_findings, i);

      for (guint j = 0; j < f->attempts->len; j++)
        {
          LdAttempt *a = ld_analysis_get_attempt_by_id (self, g_array_index (f->attempts, guint, j));

          if (a != NULL)
            g_ptr_array_add (a->findings, f);
        }
    }
}

/**
 * ld_rules_list:
 * @n_rules: (out): the number of rules
 *
 * Returns: (transfer none) (array length=n_rules): every rule, in the
 *   order they run, with the words of its row in the cause table, for
 *   documentation and `lyncdiag-cli rules`
 */
const LdRuleInfo *
ld_rules_list (guint *n_rules)
{
  static LdRuleInfo *infos;
  static guint n;

  if (g_once_init_enter (&infos))
    {
      const LdRule *rules = ld_rules_get_table (&n);
      LdRuleInfo *tmp = g_new0 (LdRuleInfo, n + 1);

      for (guint i = 0; i < n; i++)
        {
          const LdCause *cause = ld_cause_lookup (rules[i].id);

          g_assert (cause != NULL);
          tmp[i].id = rules[i].id;
          tmp[i].severity = cause->severity;
          tmp[i].summary = cause->triggers;
          {
            g_autofree char *severities = ld_cause_dup_severities (cause);
            tmp[i].severities = g_intern_string (severities);
          }
          tmp[i].title = cause->title;
        }
      g_once_init_leave (&infos, tmp);
    }
  *n_rules = n;
  return infos;
}

LdSeverity
ld_rule_get_severity (const LdRule *rule)
{
  const LdCause *cause = ld_cause_lookup (rule->id);

  return cause != NULL ? cause->severity : LD_SEVERITY_ERROR;
}
