/* ld-findings-rivals.c - where two causes fit the same attempts: which is likelier, and what tells them apart
 *
 * The rivalries are rows of ld-causes.c.  Which of two standing findings is
 * the likelier is decided by the evidence first (the surer finding), by
 * the row when both are as sure; the finding says which and why, and what
 * check tells them apart (the network check, a colleague reproducing, the
 * other side's log).  The wizard and the report read the same sentences.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-findings"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-findings-private.h"
#include "ld-knowledge.h"

/* How many attempts two findings share; both lists are ascending. */
static guint
count_shared (const GArray *a,
              const GArray *b)
{
  guint i = 0, j = 0, n = 0;

  while (i < a->len && j < b->len)
    {
      guint x = g_array_index (a, guint, i), y = g_array_index (b, guint, j);

      if (x == y)
        {
          n++;
          i++;
          j++;
        }
      else if (x < y)
        i++;
      else
        j++;
    }
  return n;
}

static const char *
cause_title (const LdFinding *f)
{
  const LdCause *c = ld_cause_lookup (f->cause);

  return c != NULL ? _(c->title) : f->title;
}

/**
 * ld_finding_get_likelier:
 * @a: a finding
 * @b: a finding whose cause competes with @a's
 * @rivalry: (out) (optional): the row for the two causes
 *
 * Returns: (transfer none): the likelier of the two, or %NULL when their
 *   causes do not compete
 */
const LdFinding *
ld_finding_get_likelier (const LdFinding       *a,
                         const LdFinding       *b,
                         const LdCauseRivalry **rivalry)
{
  const LdCauseRivalry *row = ld_cause_rivalry_lookup (a->cause, b->cause);

  if (rivalry != NULL)
    *rivalry = row;
  if (row == NULL || g_strcmp0 (a->cause, b->cause) == 0)
    return NULL;
  /* The surer finding is the likelier; the severer when as sure. */
  if (a->confidence != b->confidence)
    return a->confidence < b->confidence ? a : b;
  if (a->severity != b->severity)
    return a->severity < b->severity ? a : b;
  return g_strcmp0 (row->likely, a->cause) == 0 ? a : b;
}

/**
 * ld_finding_dup_rivalry_text:
 * @findings: (element-type LdFinding): every finding of the analysis
 * @f: one of them
 *
 * Returns: (transfer full) (nullable): a paragraph on each other finding
 *   whose cause fits the same attempts, or %NULL when there is none
 */
char *
ld_finding_dup_rivalry_text (GPtrArray       *findings,
                             const LdFinding *f)
{
  GString *s = NULL;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const LdFinding *o = g_ptr_array_index (findings, i);
      const LdCauseRivalry *row = NULL;
      const LdFinding *likely;
      guint shared;

      if (o == f || (likely = ld_finding_get_likelier (f, o, &row)) == NULL)
        continue;
      shared = count_shared (f->attempts, o->attempts);
      if (shared == 0)
        continue;
      if (s == NULL)
        s = g_string_new (NULL);
      else
        g_string_append_c (s, '\n');
      if (shared == 1)
        g_string_append_printf (s, _("Another explanation fits the same attempt: %s."), cause_title (o));
      else
        g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE,
                                                "Another explanation fits %u of the same attempts: %s.",
                                                "Another explanation fits %u of the same attempts: %s.", shared),
                                shared, cause_title (o));
      g_string_append_c (s, ' ');
      if (likely->confidence != (likely == f ? o : f)->confidence)
        g_string_append_printf (s, _("More likely: %s, because its evidence is surer here (%s confidence against "
                                     "%s)."),
                                cause_title (likely), ld_confidence_get_label (likely->confidence),
                                ld_confidence_get_label ((likely == f ? o : f)->confidence));
      else
        g_string_append_printf (s, _("More likely: %s, because %s."), cause_title (likely), _(row->why));
      g_string_append_printf (s, _(" To tell them apart: %s."), _(row->check));
    }
  return s != NULL ? g_string_free (s, FALSE) : NULL;
}

/**
 * _ld_findings_explain_rivals:
 * @findings: (element-type LdFinding): the grouped findings
 *
 * Adds the rivalry paragraph to the detail of every finding that has one.
 */
void
_ld_findings_explain_rivals (GPtrArray *findings)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  /* Worked out on the findings as they are, then added. */
  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (texts, ld_finding_dup_rivalry_text (findings, g_ptr_array_index (findings, i)));
  for (guint i = 0; i < findings->len; i++)
    {
      LdFinding *f = g_ptr_array_index (findings, i);
      const char *text = g_ptr_array_index (texts, i);
      char *detail;

      if (text == NULL)
        continue;
      detail = g_strdup_printf ("%s\n%s", f->detail != NULL ? f->detail : "", text);
      g_free (f->detail);
      f->detail = detail;
    }
}
