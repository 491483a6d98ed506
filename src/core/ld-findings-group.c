/* ld-findings-group.c - one finding per cause: the rules' findings about single attempts, grouped
 *
 * The rules describe each attempt they explain; a reader wants one finding
 * per cause, with every attempt it explains, as Wireshark's Expert Info
 * groups by summary.  A cause gets one finding per distinguishing detail
 * (a relay, a domain) where that changes what to do, up to
 * LD_GROUP_MAX_KEYED of them; the rest of its attempts share one more.
 * Grouping is linear in the rules' findings (a hash table by cause and
 * detail), so a log with thousands of failures costs what it did before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-findings"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-findings-private.h"
#include "ld-format.h"
#include "ld-knowledge.h"
#include "ld-rules-private.h"

/* A cause's findings by detail: the largest three keep their own. */
#define LD_GROUP_MAX_KEYED 3
/* The whole analysis reads as tens of findings, not thousands. */
#define LD_GROUP_MAX_FINDINGS 60
/* Excerpts kept: the strongest first, one per attempt while they last. */
#define LD_GROUP_MAX_EVIDENCE 6
#define LD_GROUP_MAX_ACTIONS 8
/* Attempt ids listed in a finding's text; the JSON lists them all. */
#define LD_GROUP_MAX_LISTED_IDS 12

typedef struct
{
  const char *cause;
  char       *key;          /* distinguishing detail, or NULL */
  GPtrArray  *members;      /* LdFinding, owned by the caller's array */
  guint       n_attempts;   /* for choosing the largest groups */
  guint       order;        /* first seen, for stable output */
} Group;

static void
group_free (Group *g)
{
  g_free (g->key);
  g_ptr_array_unref (g->members);
  g_free (g);
}

/* The surer, then the more severe, then the earlier comes first. */
static int
compare_members (gconstpointer pa,
                 gconstpointer pb)
{
  const LdFinding *a = *(const LdFinding **) pa;
  const LdFinding *b = *(const LdFinding **) pb;

  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if (a->confidence != b->confidence)
    return a->confidence < b->confidence ? -1 : 1;
  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  return 0;
}

static int
compare_groups_by_size (gconstpointer pa,
                        gconstpointer pb)
{
  const Group *a = *(const Group **) pa;
  const Group *b = *(const Group **) pb;

  if (a->n_attempts != b->n_attempts)
    return a->n_attempts > b->n_attempts ? -1 : 1;
  return (int) a->order - (int) b->order;
}

static int
compare_groups_by_order (gconstpointer pa,
                         gconstpointer pb)
{
  const Group *a = *(const Group **) pa;
  const Group *b = *(const Group **) pb;

  return (int) a->order - (int) b->order;
}

static gboolean
has_string (GPtrArray  *list,
            const char *s)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (g_ptr_array_index (list, i), s) == 0)
      return TRUE;
  return FALSE;
}

/* ---- Actions that differ only in the address they name --------------- */

/* At most this many addresses are written out in one merged action. */
#define MERGED_ADDRESSES_SHOWN 4

/* Whether @word (a token, its trailing punctuation cut) is an address: a
 * SIP or tel URI, or user@domain. */
static gboolean
is_address_word (const char *word)
{
  return g_str_has_prefix (word, "sip:") || g_str_has_prefix (word, "sips:") ||
         g_str_has_prefix (word, "tel:") || strchr (word, '@') != NULL;
}

/* The length of @word without the punctuation that ends a clause. */
static gsize
word_core_len (const char *word)
{
  gsize n = strlen (word);

  while (n > 0 && strchr (";,.:)", word[n - 1]) != NULL)
    n--;
  return n;
}

/* The index of the one word of @words that is an address, or -1 when
 * none or several are. */
static int
address_slot (char **words)
{
  int slot = -1;

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autofree char *core = g_strndup (words[i], word_core_len (words[i]));

      if (!is_address_word (core))
        continue;
      if (slot >= 0)
        return -1;
      slot = (int) i;
    }
  return slot;
}

typedef struct
{
  char      **words;      /* the first action's words */
  int         slot;       /* where its address is */
  GPtrArray  *addresses;  /* every address it was said of, in order */
} AddressAction;

static void
address_action_free (gpointer data)
{
  AddressAction *x = data;

  g_strfreev (x->words);
  g_ptr_array_unref (x->addresses);
  g_free (x);
}

/* @x's sentence with its addresses listed. */
static char *
dup_merged_action (AddressAction *x)
{
  GString *list = g_string_new (NULL);
  const char *tail = x->words[x->slot] + word_core_len (x->words[x->slot]);
  guint shown = MIN (x->addresses->len, MERGED_ADDRESSES_SHOWN);
  g_autofree char *listed = NULL;
  char *saved = x->words[x->slot];
  char *joined;

  for (guint k = 0; k < shown; k++)
    {
      if (k > 0)
        g_string_append (list, k + 1 == shown && shown == x->addresses->len ? _(" and ") : ", ");
      g_string_append (list, g_ptr_array_index (x->addresses, k));
    }
  listed = g_string_free (list, FALSE);
  if (x->addresses->len > shown)
    {
      guint more = x->addresses->len - shown;
      g_autofree char *with_more = NULL;

      /* TRANSLATORS: a list of addresses, then how many were left out of it */
      with_more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u more", "%s and %u more", more),
                                   listed, more);
      g_free (listed);
      listed = g_steal_pointer (&with_more);
    }
  x->words[x->slot] = g_strconcat (listed, tail, NULL);
  joined = g_strjoinv (" ", x->words);
  g_free (x->words[x->slot]);
  x->words[x->slot] = saved;
  return joined;
}

/* @actions (strings, in order) with the ones that say the same about
 * several addresses said once, naming them: "Check the address sip:a@x,
 * sip:b@x and 3 more; …". A helpdesk then checks every contact, not only
 * the first one a finding happened to name. An action is merged with
 * another when both have exactly one address and the same words around
 * it. */
static GPtrArray *
merge_address_actions (GPtrArray *actions)
{
  GPtrArray *out = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_template = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) merged = g_ptr_array_new_with_free_func (address_action_free);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint));   /* >= 0: merged index; < 0: -1 - action */

  for (guint i = 0; i < actions->len; i++)
    {
      char **words = g_strsplit (g_ptr_array_index (actions, i), " ", -1);
      int slot = address_slot (words);
      AddressAction *x;
      char *address;
      char *template;
      char *saved;
      gint where;

      if (slot < 0)
        {
          where = -1 - (gint) i;
          g_array_append_val (order, where);
          g_strfreev (words);
          continue;
        }
      address = g_strndup (words[slot], word_core_len (words[slot]));
      saved = words[slot];
      words[slot] = g_strconcat ("\x01", saved + word_core_len (saved), NULL);
      template = g_strjoinv (" ", words);
      g_free (words[slot]);
      words[slot] = saved;
      x = g_hash_table_lookup (by_template, template);
      if (x == NULL)
        {
          x = g_new0 (AddressAction, 1);
          x->words = words;
          x->slot = slot;
          x->addresses = g_ptr_array_new_with_free_func (g_free);
          where = (gint) merged->len;
          g_ptr_array_add (merged, x);
          g_array_append_val (order, where);
          g_hash_table_insert (by_template, template, x);
        }
      else
        {
          g_free (template);
          g_strfreev (words);
        }
      g_ptr_array_add (x->addresses, address);
    }
  for (guint k = 0; k < order->len; k++)
    {
      gint where = g_array_index (order, gint, k);

      if (where < 0)
        g_ptr_array_add (out, g_strdup (g_ptr_array_index (actions, -1 - where)));
      else
        {
          AddressAction *x = g_ptr_array_index (merged, where);

          g_ptr_array_add (out, x->addresses->len == 1 ? g_strjoinv (" ", x->words) : dup_merged_action (x));
        }
    }
  return out;
}

/* "(application sharing, audio call)" for media causes. */
static void
append_modalities (GString    *title,
                   LdAnalysis *analysis,
                   GArray     *ids)
{
  gboolean seen[LD_MODALITY_OTHER + 1] = { FALSE };
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      const LdAttempt *a = ld_analysis_get_attempt_by_id (analysis, g_array_index (ids, guint, i));

      if (a != NULL && (guint) a->modality <= LD_MODALITY_OTHER && !seen[a->modality])
        {
          seen[a->modality] = TRUE;
          n++;
        }
    }
  if (n == 0)
    return;
  g_string_append (title, " (");
  n = 0;
  for (guint m = 0; m <= LD_MODALITY_OTHER; m++)
    if (seen[m])
      g_string_append_printf (title, "%s%s", n++ > 0 ? ", " : "", ld_rule_modality_label ((LdModality) m));
  g_string_append_c (title, ')');
}

/* "This explains 12 failed attempts (3, 5, 8, … and 4 more), from … to …." */
static void
append_summary (GString    *s,
                LdAnalysis *analysis,
                GArray     *ids,
                guint       representative)
{
  guint failed = 0;
  gint64 first = -1, last = -1;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      const LdAttempt *a = ld_analysis_get_attempt_by_id (analysis, g_array_index (ids, guint, i));

      if (a == NULL)
        continue;
      if (a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE)
        failed++;
      if (a->start >= 0 && (first < 0 || a->start < first))
        first = a->start;
      if (a->start > last)
        last = a->start;
    }
  if (failed == ids->len)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "This explains %u failed attempt",
                                            "This explains %u failed attempts", ids->len), ids->len);
  else if (failed == 0)
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "Seen in %u attempt that worked",
                                            "Seen in %u attempts that worked", ids->len), ids->len);
  else
    g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, "Seen in %u attempt, %u of them failed",
                                            "Seen in %u attempts, %u of them failed", ids->len), ids->len, failed);
  g_string_append (s, " (");
  for (guint i = 0; i < ids->len && i < LD_GROUP_MAX_LISTED_IDS; i++)
    g_string_append_printf (s, "%s%u", i > 0 ? ", " : "", g_array_index (ids, guint, i));
  if (ids->len > LD_GROUP_MAX_LISTED_IDS)
    g_string_append_printf (s, _(" and %u more"), ids->len - LD_GROUP_MAX_LISTED_IDS);
  g_string_append_c (s, ')');
  if (first >= 0 && last > first)
    {
      from = ld_format_time (first);
      to = ld_format_time (last);
      g_string_append_printf (s, _(", from %s to %s"), from, to);
    }
  g_string_append_printf (s, _(". The details below are from attempt %u."), representative);
}

static guint
first_attempt (const LdFinding *f)
{
  return f->attempts->len > 0 ? g_array_index (f->attempts, guint, 0) : 0;
}

/* One finding for the group's members, which stay owned by the caller. */
static LdFinding *
group_build (LdAnalysis *analysis,
             Group      *g,
             gboolean    folded)
{
  const LdCause *cause = ld_cause_lookup (g->cause);
  const LdFinding *rep;
  LdFinding *f;
  g_autoptr(GString) title = NULL;
  g_autoptr(GString) detail = NULL;
  g_autoptr(GHashTable) seen_attempt = NULL;

  g_ptr_array_sort (g->members, compare_members);
  rep = g_ptr_array_index (g->members, 0);

  f = ld_finding_new (rep->id, rep->severity, rep->confidence, NULL, NULL);
  f->cause = rep->cause;
  for (guint i = 0; i < g->members->len; i++)
    {
      const LdFinding *m = g_ptr_array_index (g->members, i);

      for (guint j = 0; j < m->attempts->len; j++)
        g_array_append_val (f->attempts, g_array_index (m->attempts, guint, j));
      if (m->time >= 0 && (f->time < 0 || m->time < f->time))
        f->time = m->time;
    }
  ld_finding_sort_attempts (f);
  if (g->key != NULL)
    f->group = g_strdup (g->key);

  /* The cause's words, with what distinguishes this finding.  A pattern
   * across attempts is its own sentence ("Every failure was with …"). */
  title = g_string_new (cause != NULL && !cause->pattern ? _(cause->title) : rep->title);
  if (cause != NULL && cause->media && !cause->pattern)
    append_modalities (title, analysis, f->attempts);
  if (cause != NULL && cause->pattern)
    ;
  else if (g->key != NULL)
    g_string_append_printf (title, ": %s", g->key);
  else if (folded)
    g_string_append (title, _(": other cases"));
  f->title = g_string_free (g_steal_pointer (&title), FALSE);

  detail = g_string_new (NULL);
  if (f->attempts->len > 1 && g->members->len > 1)
    {
      append_summary (detail, analysis, f->attempts, first_attempt (rep));
      g_string_append_c (detail, '\n');
    }
  if (rep->detail != NULL)
    g_string_append (detail, rep->detail);
  f->detail = g_string_free (g_steal_pointer (&detail), FALSE);

  /* What the findings saw (addresses, domains) first, then the cause's
   * own advice. */
  {
    g_autoptr(GPtrArray) seen = g_ptr_array_new ();
    g_autoptr(GPtrArray) merged = NULL;

    for (guint i = 0; i < g->members->len; i++)
      {
        const LdFinding *m = g_ptr_array_index (g->members, i);

        for (guint j = 0; j < m->actions->len; j++)
          if (!has_string (seen, g_ptr_array_index (m->actions, j)))
            g_ptr_array_add (seen, g_ptr_array_index (m->actions, j));
      }
    merged = merge_address_actions (seen);
    for (guint j = 0; j < merged->len && f->actions->len < LD_GROUP_MAX_ACTIONS; j++)
      ld_finding_add_action (f, g_ptr_array_index (merged, j));
  }
  for (guint j = 0; cause != NULL && j < G_N_ELEMENTS (cause->actions) && cause->actions[j] != NULL; j++)
    if (!has_string (f->actions, _(cause->actions[j])))
      ld_finding_add_action (f, _(cause->actions[j]));

  /* The strongest evidence first: the first excerpt of each member, in
   * the members' order, then the representative's others. */
  seen_attempt = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < g->members->len && f->evidence->len < LD_GROUP_MAX_EVIDENCE; i++)
    {
      const LdFinding *m = g_ptr_array_index (g->members, i);
      const LdEvidence *e;

      if (m->evidence->len == 0)
        continue;
      e = &g_array_index (m->evidence, LdEvidence, 0);
      if (e->attempt > 0 && g_hash_table_contains (seen_attempt, GUINT_TO_POINTER (e->attempt)))
        continue;
      g_hash_table_add (seen_attempt, GUINT_TO_POINTER (e->attempt));
      ld_finding_add_evidence (f, e->attempt, e->input, e->line, -1, e->excerpt);
    }
  for (guint j = 1; j < rep->evidence->len && f->evidence->len < LD_GROUP_MAX_EVIDENCE; j++)
    {
      const LdEvidence *e = &g_array_index (rep->evidence, LdEvidence, j);
      gboolean dup = FALSE;

      for (guint k = 0; k < f->evidence->len && !dup; k++)
        {
          const LdEvidence *o = &g_array_index (f->evidence, LdEvidence, k);
          dup = o->input == e->input && o->line == e->line;
        }
      if (!dup)
        ld_finding_add_evidence (f, e->attempt, e->input, e->line, -1, e->excerpt);
    }
  /* Adding evidence adds its attempt again. */
  ld_finding_sort_attempts (f);
  return f;
}

/* What grouping never reads of a finding that does not come first in its
 * group: its words and its evidence past the first excerpt. */
static void
shed (LdFinding *f)
{
  g_clear_pointer (&f->title, g_free);
  g_clear_pointer (&f->detail, g_free);
  if (f->evidence->len > 1)
    g_array_set_size (f->evidence, 1);
}

/**
 * _ld_findings_shed:
 * @findings: (element-type LdFinding): findings of the rules, in the order
 *   they will be grouped
 *
 * Frees, while the other rules still run, the text that grouping will not
 * read. group_build() reads the title, the detail and the excerpts past
 * the first only of its representative: the member compare_members() puts
 * first, the earliest of equals (the sort is stable). Whatever groups are
 * folded together, that is the earliest best of one cause and detail
 * (LdFinding.group), and so the earliest best of them in @findings: the
 * others' text goes. A conference-heavy log has thousands of findings of
 * a few causes, each with a paragraph; grouped, a few paragraphs are read.
 * The attempts, the times, the actions and the first excerpt stay.
 */
void
_ld_findings_shed (GPtrArray *findings)
{
  g_autoptr(GHashTable) best = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      LdFinding *f = g_ptr_array_index (findings, i);
      char *key = g_strconcat (f->cause, "\x1f", f->group != NULL ? f->group : "", NULL);
      LdFinding *b = g_hash_table_lookup (best, key);

      if (b == NULL)
        g_hash_table_insert (best, key, f);
      else if (compare_members (&f, &b) < 0)
        {
          shed (b);
          g_hash_table_insert (best, key, f);
        }
      else
        {
          shed (f);
          g_free (key);
        }
    }
}

/* Merges the groups of one cause past the first @keep into one. */
static void
fold_cause (GPtrArray *groups,
            guint      keep)
{
  Group *rest = NULL;

  g_ptr_array_sort (groups, compare_groups_by_size);
  for (guint i = 0; i < groups->len;)
    {
      Group *g = g_ptr_array_index (groups, i);

      if (g->key == NULL || i < keep)
        {
          i++;
          continue;
        }
      if (rest == NULL)
        for (guint k = 0; k < groups->len && rest == NULL; k++)
          if (((Group *) g_ptr_array_index (groups, k))->key == NULL)
            rest = g_ptr_array_index (groups, k);
      if (rest == NULL)
        {
          /* The first folded group becomes the one for the rest. */
          g_clear_pointer (&g->key, g_free);
          rest = g;
          i++;
          continue;
        }
      g_ptr_array_extend (rest->members, g->members, NULL, NULL);
      rest->n_attempts += g->n_attempts;
      rest->order = MIN (rest->order, g->order);
      g_ptr_array_remove_index (groups, i);
    }
}

static guint
count_groups (GHashTable *by_cause)
{
  GHashTableIter it;
  gpointer value;
  guint n = 0;

  g_hash_table_iter_init (&it, by_cause);
  while (g_hash_table_iter_next (&it, NULL, &value))
    n += ((GPtrArray *) value)->len;
  return n;
}

/**
 * _ld_findings_group:
 * @analysis: the analysis the findings are about
 * @raw: (element-type LdFinding): the rules' findings; emptied
 * @out: (element-type LdFinding): where the grouped findings go
 *
 * One finding per cause and distinguishing detail (LdFinding.group), at
 * most %LD_GROUP_MAX_FINDINGS in all, that together cover every attempt
 * the rules' findings covered.
 */
void
_ld_findings_group (LdAnalysis *analysis,
                    GPtrArray  *raw,
                    GPtrArray  *out)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) by_cause = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GPtrArray) causes_seen = g_ptr_array_new ();
  guint keep = LD_GROUP_MAX_KEYED;

  for (guint i = 0; i < raw->len; i++)
    {
      LdFinding *f = g_ptr_array_index (raw, i);
      g_autofree char *key = g_strconcat (f->cause, "\x1f", f->group != NULL ? f->group : "", NULL);
      Group *g = g_hash_table_lookup (by_key, key);

      if (g == NULL)
        {
          GPtrArray *list;

          g = g_new0 (Group, 1);
          g->cause = f->cause;
          g->key = g_strdup (f->group);
          g->members = g_ptr_array_new ();
          g->order = all->len;
          g_ptr_array_add (all, g);
          g_hash_table_insert (by_key, g_steal_pointer (&key), g);
          list = g_hash_table_lookup (by_cause, f->cause);
          if (list == NULL)
            {
              list = g_ptr_array_new ();
              g_hash_table_insert (by_cause, (gpointer) f->cause, list);
              g_ptr_array_add (causes_seen, (gpointer) f->cause);
            }
          g_ptr_array_add (list, g);
        }
      g_ptr_array_add (g->members, f);
      g->n_attempts += MAX (f->attempts->len, 1);
    }

  /* Each cause keeps its largest details; if the whole is still too many,
   * fewer, down to one finding per cause. */
  for (;;)
    {
      for (guint c = 0; c < causes_seen->len; c++)
        fold_cause (g_hash_table_lookup (by_cause, g_ptr_array_index (causes_seen, c)), keep);
      if (count_groups (by_cause) <= LD_GROUP_MAX_FINDINGS || keep == 0)
        break;
      keep--;
    }

  for (guint c = 0; c < causes_seen->len; c++)
    {
      GPtrArray *list = g_hash_table_lookup (by_cause, g_ptr_array_index (causes_seen, c));
      gboolean folded = FALSE;

      g_ptr_array_sort (list, compare_groups_by_order);
      for (guint i = 0; i < list->len; i++)
        if (((Group *) g_ptr_array_index (list, i))->key != NULL)
          folded = TRUE;
      for (guint i = 0; i < list->len; i++)
        {
          Group *g = g_ptr_array_index (list, i);
          g_ptr_array_add (out, group_build (analysis, g, folded && g->key == NULL));
        }
    }

  /* The members were the rules' findings: they are done with. */
  g_ptr_array_set_free_func (raw, (GDestroyNotify) ld_finding_free);
  g_ptr_array_set_size (raw, 0);
}
