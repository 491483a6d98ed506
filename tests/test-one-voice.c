/* test-one-voice.c - every fixture through analysis, wizard and report: they never disagree about a cause
 *
 * Runs every log under tests/data (and any folder of real excerpts others
 * add there) and checks, for each:
 *  - the findings: at most 60, each a row of the cause table, together
 *    naming every failed attempt (no false all-clear);
 *  - the wizard: a cause of the article is "supported" exactly when a
 *    finding for it stands, and "contradicted" never while one stands;
 *  - the report: the causes it shows (the data ld_report_collect_wizard()
 *    gives it) have the wizard's statuses and the cause table's words, its
 *    Markdown says "supported" next to exactly the supported causes, and its
 *    verdict names the first finding when one explains a failure.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "analysis-helpers.h"
#include "lyncdiag.h"

static gboolean
is_log_name (const char *name)
{
  g_autofree char *lower = g_ascii_strdown (name, -1);

  return g_str_has_suffix (lower, ".uccapilog") || g_str_has_suffix (lower, ".log") ||
         g_str_has_suffix (lower, ".uccapilog.bak") || strcmp (lower, "mosdalreport.zip") == 0;
}

static gboolean
stands (const LdFinding *f)
{
  return f->severity == LD_SEVERITY_ERROR || f->severity == LD_SEVERITY_WARNING;
}

static gboolean
finding_counts_for (const LdFinding *f,
                    const char      *article_cause)
{
  const LdCause *c = ld_cause_lookup (f->cause);

  return c != NULL && g_strcmp0 (c->article_cause, article_cause) == 0;
}

static const char *
report_status_word (LdReportCauseStatus status)
{
  return status == LD_REPORT_CAUSE_SUPPORTED ? "supported"
         : status == LD_REPORT_CAUSE_CONTRADICTED ? "contradicted" : "unknown";
}

static void
check_findings (const char *path,
                LdAnalysis *an)
{
  GPtrArray *findings = ld_analysis_get_findings (an);
  GPtrArray *attempts = ld_analysis_get_attempts (an);
  g_autoptr(GHashTable) named = g_hash_table_new (NULL, NULL);

  g_assert_cmpuint (findings->len, <=, 60);
  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (ld_cause_lookup (f->cause) == NULL)
        g_error ("%s: finding %s has no row in the cause table", path, f->id);
      for (guint j = 0; j < f->attempts->len; j++)
        {
          if (j > 0)
            g_assert_cmpuint (g_array_index (f->attempts, guint, j - 1), <, g_array_index (f->attempts, guint, j));
          g_hash_table_add (named, GUINT_TO_POINTER (g_array_index (f->attempts, guint, j)));
        }
    }
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      if (a->outcome == LD_OUTCOME_FAILED && !g_hash_table_contains (named, GUINT_TO_POINTER (a->id)))
        g_error ("%s: failed attempt %u is in no finding", path, a->id);
    }
}

static void
check_wizard_and_report (const char *path,
                         LdAnalysis *an)
{
  g_autoptr(LdWizard) wizard = ld_wizard_new (an);
  const LdWizardConclusion *conclusion = ld_wizard_get_conclusion (wizard);
  GPtrArray *findings = ld_analysis_get_findings (an);
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_report_step_free);
  g_autoptr(GPtrArray) causes = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_report_cause_free);
  g_autoptr(GPtrArray) article = ld_causes_dup_article_causes ();
  LdReportOptions options;
  g_autoptr(GBytes) md = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = NULL;
  g_autofree char *md_text = NULL;
  g_auto(GStrv) md_lines = NULL;

  g_assert_cmpuint (conclusion->causes->len, ==, article->len);
  for (guint i = 0; i < conclusion->causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (conclusion->causes, i);
      const LdCause *row = g_ptr_array_index (article, i);
      gboolean standing = FALSE;

      g_assert_cmpstr (c->id, ==, row->id);
      g_assert_cmpstr (c->title, ==, row->title);
      for (guint k = 0; k < findings->len; k++)
        if (stands (g_ptr_array_index (findings, k)) && finding_counts_for (g_ptr_array_index (findings, k), row->id))
          standing = TRUE;
      if (standing != (c->status == LD_CAUSE_SUPPORTED))
        g_error ("%s: cause %s is %s in the wizard but a finding for it %s", path, c->id,
                 ld_cause_status_to_string (c->status), standing ? "stands" : "does not stand");
      g_assert_cmpuint (c->findings->len > 0, ==, standing);
    }

  /* What the report shows of the wizard: the same causes, statuses, words. */
  ld_report_collect_wizard (wizard, steps, causes);
  g_assert_cmpuint (causes->len, ==, conclusion->causes->len);
  for (guint i = 0; i < causes->len; i++)
    {
      const LdReportCause *rc = g_ptr_array_index (causes, i);
      const LdWizardCause *wc = g_ptr_array_index (conclusion->causes, i);

      g_assert_cmpstr (rc->title, ==, wc->title);
      if (g_strcmp0 (report_status_word (rc->status), ld_cause_status_to_string (wc->status)) != 0)
        g_error ("%s: cause %s is %s in the report, %s in the wizard", path, wc->id,
                 report_status_word (rc->status), ld_cause_status_to_string (wc->status));
    }

  /* The report's text: "supported" beside exactly the supported causes. */
  ld_report_options_init (&options);
  options.format = LD_REPORT_FORMAT_MARKDOWN;
  options.wizard = wizard;
  options.wizard_func = ld_report_collect_wizard;
  md = ld_report_render (an, &options, NULL, &error);
  g_assert_no_error (error);
  md_text = g_strndup (g_bytes_get_data (md, NULL), g_bytes_get_size (md));
  md_lines = g_strsplit (md_text, "\n", -1);
  for (guint i = 0; i < conclusion->causes->len; i++)
    {
      const LdWizardCause *c = g_ptr_array_index (conclusion->causes, i);
      gboolean said_supported = FALSE;

      g_assert_nonnull (strstr (md_text, c->title));
      for (guint l = 0; md_lines[l] != NULL; l++)
        if (strstr (md_lines[l], c->title) != NULL && strstr (md_lines[l], "supported") != NULL &&
            strstr (md_lines[l], "unsupported") == NULL)
          said_supported = TRUE;
      if (said_supported != (c->status == LD_CAUSE_SUPPORTED))
        g_error ("%s: the report %s %s supported, the wizard says %s", path, said_supported ? "calls" : "does not call",
                 c->id, ld_cause_status_to_string (c->status));
    }

  /* The verdict starts from the same first finding. */
  verdict = ld_report_dup_verdict (an);
  if (findings->len > 0 && ((const LdFinding *) g_ptr_array_index (findings, 0))->severity == LD_SEVERITY_ERROR)
    {
      const LdFinding *top = g_ptr_array_index (findings, 0);
      g_autofree char *title = g_strdup (top->title);

      if (strstr (verdict, title) == NULL)
        g_error ("%s: the verdict \"%s\" does not name the first finding \"%s\"", path, verdict, title);
    }
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

static void
test_fixture (gconstpointer data)
{
  const char *path = data;
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  if (!ld_analysis_add_file (an, file, NULL, &error))
    {
      g_test_skip (error->message);
      return;
    }
  ld_analysis_finish (an);
  check_findings (path, an);
  check_wizard_and_report (path, an);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GPtrArray) fixtures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = NULL;

  g_test_init (&argc, &argv, NULL);
  data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  collect_fixture_files (data, is_log_name, fixtures);
  g_ptr_array_sort (fixtures, compare_paths);
  g_assert_cmpuint (fixtures->len, >=, 10);
  for (guint i = 0; i < fixtures->len; i++)
    {
      const char *path = g_ptr_array_index (fixtures, i);
      g_autofree char *rel = g_strdup (path + strlen (data) + 1);
      g_autofree char *test_path = NULL;

      g_strdelimit (rel, ".", '_');
      test_path = g_strdup_printf ("/core/one-voice/%s", rel);
      g_test_add_data_func (test_path, path, test_fixture);
    }
  return g_test_run ();
}
