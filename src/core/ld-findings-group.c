/* ld-findings-group.c - one finding per cause: the rules' findings about single attempts, grouped as they are made
 *
 * The rules describe each attempt they explain; a reader wants one finding
 * per cause, with every attempt it explains, as Wireshark's Expert Info
 * groups by summary.  A cause gets one finding per distinguishing detail
 * (a relay, a domain) where that changes what to do, up to
 * LD_GROUP_MAX_KEYED of them; the rest of its attempts share one more.
 *
 * Each finding a rule emits (ld_rule_emit()) is folded into one
 * accumulator per cause and detail at once (LdFindingsFold), and freed:
 * an accumulator keeps only what the grouped finding is built from, so a
 * log with thousands of failed attempts holds a few dozen accumulators,
 * not thousands of findings with their excerpts and actions, while the
 * rules run.  Rules on the pool fold into a fold of their own, joined in
 * rule order when they have all run.  What an accumulator keeps, and why
 * that gives the finding that grouping every finding at the end would
 * give:
 *
 *  - the representative: the member that sorts first (compare_members(),
 *    the earliest of equals), kept whole: its words and all its excerpts;
 *  - every attempt id, the number of members and of attempts, the
 *    earliest time;
 *  - every distinct action, with the rank of the first member that said
 *    it (merge_address_actions() needs every address);
 *  - of the members' first excerpts, one per attempt (the best
 *    member's), the best LD_GROUP_MAX_EVIDENCE: the ones that can still
 *    be shown. Grouping shows the first excerpts in the members' order,
 *    one per attempt. Whatever groups are folded together later, each of
 *    the kept excerpts is shown, or an excerpt of its attempt that comes
 *    before it is: that is as many as are shown before any excerpt
 *    dropped here.
 *
 * A member's rank is its severity, confidence and time, then its place
 * in the order grouping sees the members (Rank.pos): rules in table order,
 * each rule's findings in the order it made them.
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

/* Where a member sorts in its group: the surer, then the more severe,
 * then the earlier, then the first seen comes first. */
typedef struct
{
  LdSeverity   severity;
  LdConfidence confidence;
  gint64       time;
  guint64      pos;
} Rank;

/* The first excerpt of a member. */
typedef struct
{
  Rank     rank;
  guint    attempt;
  guint    input;
  guint64  line;
  char    *excerpt;
} Candidate;

/* An action, and where the first member that said it sorts. */
typedef struct
{
  Rank  rank;
  guint index;        /* its place in that member's actions */
  char *text;
} Action;

typedef struct
{
  const char *cause;
  char       *key;          /* distinguishing detail, or NULL */
  guint       order;        /* first seen, for stable output */
  guint       n_members;
  guint       n_attempts;   /* for choosing the largest groups */
  guint64     pos_limit;    /* above every member's Rank.pos */
  gint64      time;         /* earliest member's, or -1 */
  LdFinding  *rep;          /* the representative, owned */
  Rank        rep_rank;
  GArray     *attempts;     /* guint: every member's, sorted and each once up to n_sorted */
  guint       n_sorted;
  GArray     *candidates;   /* Candidate */
  GHashTable *actions;      /* text -> Action */
} Group;

struct _LdFindingsFold
{
  GHashTable *by_key;       /* "cause\x1fdetail" -> Group */
  GPtrArray  *all;          /* Group, owned, first seen first */
  guint64     pos;          /* members seen */
  gboolean    keep_all;     /* every first excerpt: the tests' reference */
};

static int
compare_rank (const Rank *a,
              const Rank *b)
{
  if (a->severity != b->severity)
    return a->severity < b->severity ? -1 : 1;
  if (a->confidence != b->confidence)
    return a->confidence < b->confidence ? -1 : 1;
  if (a->time != b->time)
    return a->time < b->time ? -1 : 1;
  if (a->pos != b->pos)
    return a->pos < b->pos ? -1 : 1;
  return 0;
}

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;

  g_free (c->excerpt);
}

static void
action_free (gpointer data)
{
  Action *x = data;

  g_free (x->text);
  g_free (x);
}

static Group *
group_new (const char *cause,
           const char *key,
           guint       order)
{
  Group *g = g_new0 (Group, 1);

  g->cause = cause;
  g->key = g_strdup (key);
  g->order = order;
  g->time = -1;
  g->attempts = g_array_new (FALSE, FALSE, sizeof (guint));
  g->candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_array_set_clear_func (g->candidates, candidate_clear);
  g->actions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, action_free);
  return g;
}

static void
group_free (Group *g)
{
  g_free (g->key);
  ld_finding_free (g->rep);
  g_array_unref (g->attempts);
  g_array_unref (g->candidates);
  g_hash_table_unref (g->actions);
  g_free (g);
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


/* ---- Accumulating ---------------------------------------------------- */

/* Keeps @c (its excerpt taken) if it can still be shown: one excerpt per
 * attempt, the best member's; and, when @prune, only the best
 * LD_GROUP_MAX_EVIDENCE of them (see the top of this file). */
static void
group_offer_candidate (Group     *g,
                       Candidate *c,
                       gboolean   prune)
{
  guint worst = G_MAXUINT;

  if (c->attempt > 0)
    for (guint i = 0; i < g->candidates->len; i++)
      {
        Candidate *o = &g_array_index (g->candidates, Candidate, i);

        if (o->attempt != c->attempt)
          continue;
        if (compare_rank (&c->rank, &o->rank) < 0)
          {
            g_free (o->excerpt);
            *o = *c;
          }
        else
          g_free (c->excerpt);
        return;
      }
  g_array_append_val (g->candidates, *c);
  if (!prune || g->candidates->len <= LD_GROUP_MAX_EVIDENCE)
    return;
  for (guint i = 0; i < g->candidates->len; i++)
    {
      const Candidate *o = &g_array_index (g->candidates, Candidate, i);

      if (worst == G_MAXUINT || compare_rank (&o->rank, &g_array_index (g->candidates, Candidate, worst).rank) > 0)
        worst = i;
    }
  g_array_remove_index (g->candidates, worst);
}

/* Remembers @text said by a member of @rank at @index of its actions,
 * unless a member that sorts earlier said it first. */
static void
group_offer_action (Group      *g,
                    const char *text,
                    const Rank *rank,
                    guint       index)
{
  Action *x = g_hash_table_lookup (g->actions, text);
  int cmp;

  if (x == NULL)
    {
      x = g_new0 (Action, 1);
      x->text = g_strdup (text);
      x->rank = *rank;
      x->index = index;
      g_hash_table_insert (g->actions, x->text, x);
      return;
    }
  cmp = compare_rank (rank, &x->rank);
  if (cmp < 0 || (cmp == 0 && index < x->index))
    {
      x->rank = *rank;
      x->index = index;
    }
}

/* Sorts @g's attempt ids, each once. */
static void
group_sort_attempts (Group *g)
{
  ld_ids_sort_unique (g->attempts);
  g->n_sorted = g->attempts->len;
}

/* Adds @n attempt ids to @g's; sorted again once they have doubled, so a
 * group of many members that repeat attempts stays as small as its
 * attempts, at a sort's cost spread over the members. */
static void
group_add_attempts (Group       *g,
                    const guint *ids,
                    guint        n)
{
  g_array_append_vals (g->attempts, ids, n);
  if (g->attempts->len > 2 * g->n_sorted + 64)
    group_sort_attempts (g);
}

/* Folds @f (taken) into @g as its member at @pos; writes its detail with
 * @detail, if given, when it becomes the representative. */
static void
group_add_member (Group         *g,
                  LdFinding     *f,
                  LdDetailFunc   detail,
                  gconstpointer  data,
                  guint64        pos,
                  gboolean       prune)
{
  Rank rank = { f->severity, f->confidence, f->time, pos };

  g->n_members++;
  g->n_attempts += MAX (f->attempts->len, 1);
  g->pos_limit = MAX (g->pos_limit, pos + 1);
  if (f->time >= 0 && (g->time < 0 || f->time < g->time))
    g->time = f->time;
  group_add_attempts (g, (const guint *) f->attempts->data, f->attempts->len);
  for (guint j = 0; j < f->actions->len; j++)
    group_offer_action (g, g_ptr_array_index (f->actions, j), &rank, j);
  if (f->evidence->len > 0)
    {
      const LdEvidence *e = &g_array_index (f->evidence, LdEvidence, 0);
      Candidate c = { rank, e->attempt, e->input, e->line, g_strdup (e->excerpt) };

      group_offer_candidate (g, &c, prune);
    }
  if (g->rep == NULL || compare_rank (&rank, &g->rep_rank) < 0)
    {
      if (detail != NULL)
        ld_finding_take_detail (f, detail (data));
      ld_finding_free (g->rep);
      g->rep = f;
      g->rep_rank = rank;
    }
  else
    ld_finding_free (f);
}

/* Folds @src into @dst, its members after @dst's; frees @src. */
static void
group_merge (Group *dst,
             Group *src)
{
  guint64 shift = dst->pos_limit;
  GHashTableIter it;
  gpointer value;

  dst->n_members += src->n_members;
  dst->n_attempts += src->n_attempts;
  dst->pos_limit = shift + src->pos_limit;
  dst->order = MIN (dst->order, src->order);
  if (src->time >= 0 && (dst->time < 0 || src->time < dst->time))
    dst->time = src->time;
  g_array_append_vals (dst->attempts, src->attempts->data, src->attempts->len);
  group_sort_attempts (dst);

  g_hash_table_iter_init (&it, src->actions);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Action *x = value;
      Rank rank = x->rank;

      rank.pos += shift;
      group_offer_action (dst, x->text, &rank, x->index);
    }
  for (guint i = 0; i < src->candidates->len; i++)
    {
      Candidate c = g_array_index (src->candidates, Candidate, i);

      c.rank.pos += shift;
      c.excerpt = g_strdup (c.excerpt);
      group_offer_candidate (dst, &c, FALSE);
    }
  src->rep_rank.pos += shift;
  if (src->rep != NULL && (dst->rep == NULL || compare_rank (&src->rep_rank, &dst->rep_rank) < 0))
    {
      ld_finding_free (dst->rep);
      dst->rep = g_steal_pointer (&src->rep);
      dst->rep_rank = src->rep_rank;
    }
  group_free (src);
}

/**
 * _ld_findings_fold_new:
 *
 * Returns: (transfer full): an empty fold, for one thread at a time
 */
LdFindingsFold *
_ld_findings_fold_new (void)
{
  LdFindingsFold *fold = g_new0 (LdFindingsFold, 1);

  fold->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fold->all = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  return fold;
}

/**
 * _ld_findings_fold_new_keeping_all:
 *
 * Returns: (transfer full): an empty fold that keeps the first excerpt of
 *   every member, as grouping every finding at the end did: what the
 *   tests compare a fold with
 */
LdFindingsFold *
_ld_findings_fold_new_keeping_all (void)
{
  LdFindingsFold *fold = _ld_findings_fold_new ();

  fold->keep_all = TRUE;
  return fold;
}

void
_ld_findings_fold_free (LdFindingsFold *fold)
{
  if (fold == NULL)
    return;
  g_hash_table_unref (fold->by_key);
  g_ptr_array_unref (fold->all);
  g_free (fold);
}

static char *
dup_group_key (const char *cause,
               const char *detail)
{
  return g_strconcat (cause, "\x1f", detail != NULL ? detail : "", NULL);
}

/**
 * _ld_findings_fold_add_one:
 * @fold: a fold
 * @finding: (transfer full): a rule's finding, made after those added
 *   before; freed, or kept as its group's representative
 * @detail: (nullable): writes @finding's detail from @data, called only
 *   if it is kept
 * @data: what @detail reads
 *
 * Folds @finding into its group of @fold (what ld_rule_emit() and
 * ld_rule_emit_with_detail() do).
 */
void
_ld_findings_fold_add_one (LdFindingsFold *fold,
                           LdFinding      *f,
                           LdDetailFunc    detail,
                           gconstpointer   data)
{
  char *key = dup_group_key (f->cause, f->group);
  Group *g = g_hash_table_lookup (fold->by_key, key);

  if (g == NULL)
    {
      g = group_new (f->cause, f->group, fold->all->len);
      g_ptr_array_add (fold->all, g);
      g_hash_table_insert (fold->by_key, key, g);
    }
  else
    g_free (key);
  ld_finding_sort_attempts (f);
  group_add_member (g, f, detail, data, fold->pos++, !fold->keep_all);
}

/**
 * _ld_findings_fold_add:
 * @fold: a fold
 * @findings: (element-type LdFinding): every finding of one or more
 *   rules, in the order they made them; emptied (they are freed or kept)
 *
 * Folds @findings into @fold's groups, after the findings added before.
 */
void
_ld_findings_fold_add (LdFindingsFold *fold,
                       GPtrArray      *findings)
{
  for (guint i = 0; i < findings->len; i++)
    _ld_findings_fold_add_one (fold, g_ptr_array_index (findings, i), NULL, NULL);
  g_ptr_array_set_free_func (findings, NULL);
  g_ptr_array_set_size (findings, 0);
}

/**
 * _ld_findings_fold_absorb:
 * @fold: a fold
 * @later: (transfer full): a fold of findings made after @fold's
 *
 * Folds @later's groups into @fold, as if its findings had been added to
 * @fold after its own, and frees it.
 */
void
_ld_findings_fold_absorb (LdFindingsFold *fold,
                          LdFindingsFold *later)
{
  for (guint i = 0; i < later->all->len; i++)
    {
      Group *g = g_ptr_array_index (later->all, i);
      char *key = dup_group_key (g->cause, g->key);
      Group *have = g_hash_table_lookup (fold->by_key, key);

      if (have != NULL)
        {
          group_merge (have, g);
          g_free (key);
          continue;
        }
      g->order = fold->all->len;
      g_ptr_array_add (fold->all, g);
      g_hash_table_insert (fold->by_key, key, g);
    }
  fold->pos += later->pos;
  g_ptr_array_set_free_func (later->all, NULL);
  _ld_findings_fold_free (later);
}

/**
 * _ld_findings_fold_dup_explained:
 * @fold: a fold
 * @n_attempts: the analysis's number of attempts
 *
 * What the unexplained-failure rule reads of the findings made before
 * it: the attempts they cover, the rules across attempts aside (they
 * describe patterns, not causes).
 *
 * Returns: (transfer full) (array length=n_attempts + 1): by attempt id
 *   (ids run from 1), TRUE where a finding folded into @fold covers it
 */
guint8 *
_ld_findings_fold_dup_explained (LdFindingsFold *fold,
                                 guint           n_attempts)
{
  guint8 *explained = g_new0 (guint8, n_attempts + 1);

  for (guint i = 0; i < fold->all->len; i++)
    {
      const Group *g = g_ptr_array_index (fold->all, i);

      if (ld_rule_is_cross_attempt (g->rep->id))
        continue;
      for (guint j = 0; j < g->attempts->len; j++)
        {
          guint id = g_array_index (g->attempts, guint, j);

          if (id <= n_attempts)
            explained[id] = TRUE;
        }
    }
  return explained;
}

/* ---- Building -------------------------------------------------------- */

static int
compare_candidates (gconstpointer pa,
                    gconstpointer pb)
{
  return compare_rank (&((const Candidate *) pa)->rank, &((const Candidate *) pb)->rank);
}

static int
compare_actions (gconstpointer pa,
                 gconstpointer pb)
{
  const Action *a = *(const Action **) pa;
  const Action *b = *(const Action **) pb;
  int cmp = compare_rank (&a->rank, &b->rank);

  if (cmp != 0)
    return cmp;
  return (a->index > b->index) - (a->index < b->index);
}

/* One finding for the group's members. */
static LdFinding *
group_build (LdAnalysis *analysis,
             Group      *g,
             gboolean    folded)
{
  const LdCause *cause = ld_cause_lookup (g->cause);
  const LdFinding *rep = g->rep;
  LdFinding *f;
  g_autoptr(GString) title = NULL;
  g_autoptr(GString) detail = NULL;
  g_autoptr(GHashTable) seen_attempt = NULL;

  f = ld_finding_new (rep->id, rep->severity, rep->confidence, NULL, NULL);
  f->cause = rep->cause;
  g_array_append_vals (f->attempts, g->attempts->data, g->attempts->len);
  f->time = g->time;
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
  if (f->attempts->len > 1 && g->n_members > 1)
    {
      append_summary (detail, analysis, f->attempts, first_attempt (rep));
      g_string_append_c (detail, '\n');
    }
  if (rep->detail != NULL)
    g_string_append (detail, rep->detail);
  f->detail = g_string_free (g_steal_pointer (&detail), FALSE);

  /* What the findings saw (addresses, domains) first, in the order of the
   * members that said them, then the cause's own advice. */
  {
    g_autoptr(GPtrArray) seen = g_ptr_array_sized_new (g_hash_table_size (g->actions));
    g_autoptr(GPtrArray) merged = NULL;
    GHashTableIter it;
    gpointer value;

    g_hash_table_iter_init (&it, g->actions);
    while (g_hash_table_iter_next (&it, NULL, &value))
      g_ptr_array_add (seen, value);
    g_ptr_array_sort (seen, compare_actions);
    for (guint j = 0; j < seen->len; j++)
      seen->pdata[j] = ((Action *) g_ptr_array_index (seen, j))->text;
    merged = merge_address_actions (seen);
    for (guint j = 0; j < merged->len && f->actions->len < LD_GROUP_MAX_ACTIONS; j++)
      ld_finding_add_action (f, g_ptr_array_index (merged, j));
  }
  for (guint j = 0; cause != NULL && j < G_N_ELEMENTS (cause->actions) && cause->actions[j] != NULL; j++)
    if (!has_string (f->actions, _(cause->actions[j])))
      ld_finding_add_action (f, _(cause->actions[j]));

  /* The strongest evidence first: the first excerpt of each member, in
   * the members' order, then the representative's others. */
  g_array_sort (g->candidates, compare_candidates);
  seen_attempt = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < g->candidates->len && f->evidence->len < LD_GROUP_MAX_EVIDENCE; i++)
    {
      const Candidate *c = &g_array_index (g->candidates, Candidate, i);

      if (c->attempt > 0 && g_hash_table_contains (seen_attempt, GUINT_TO_POINTER (c->attempt)))
        continue;
      g_hash_table_add (seen_attempt, GUINT_TO_POINTER (c->attempt));
      ld_finding_add_evidence (f, c->attempt, c->input, c->line, -1, c->excerpt);
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
      group_merge (rest, g_ptr_array_steal_index (groups, i));
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
 * _ld_findings_fold_finish:
 * @analysis: the analysis the findings are about
 * @fold: (transfer full): the rules' findings, folded; freed
 * @out: (element-type LdFinding): where the grouped findings go
 *
 * One finding per cause and distinguishing detail (LdFinding.group), at
 * most %LD_GROUP_MAX_FINDINGS in all, that together cover every attempt
 * the rules' findings covered.
 */
void
_ld_findings_fold_finish (LdAnalysis     *analysis,
                          LdFindingsFold *fold,
                          GPtrArray      *out)
{
  g_autoptr(GHashTable) by_cause = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) causes_seen = g_ptr_array_new ();
  guint keep = LD_GROUP_MAX_KEYED;

  /* The groups change hands: by cause, each list owning its own. */
  for (guint i = 0; i < fold->all->len; i++)
    {
      Group *g = g_ptr_array_index (fold->all, i);
      GPtrArray *list = g_hash_table_lookup (by_cause, g->cause);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
          g_hash_table_insert (by_cause, (gpointer) g->cause, list);
          g_ptr_array_add (causes_seen, (gpointer) g->cause);
        }
      g_ptr_array_add (list, g);
    }
  g_ptr_array_set_free_func (fold->all, NULL);
  _ld_findings_fold_free (fold);

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
}

/**
 * _ld_findings_group:
 * @analysis: the analysis the findings are about
 * @raw: (element-type LdFinding): the rules' findings; emptied
 * @out: (element-type LdFinding): where the grouped findings go
 *
 * Folds @raw and builds the grouped findings: what ld_findings_run() does
 * rule by rule, in one step.
 */
void
_ld_findings_group (LdAnalysis *analysis,
                    GPtrArray  *raw,
                    GPtrArray  *out)
{
  LdFindingsFold *fold = _ld_findings_fold_new ();

  _ld_findings_fold_add (fold, raw);
  _ld_findings_fold_finish (analysis, fold, out);
}
