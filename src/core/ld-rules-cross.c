/* ld-rules-cross.c - findings across attempts: what the failures have in common
 *
 * KB 2386684's first step: "Try to reproduce the issue by using one contact
 * or multiple contacts. If the issue occurs for only one contact, determine
 * whether anyone else can reproduce the issue with the same contact. If the
 * issue occurs for multiple contacts, check for commonalities."  The log
 * already holds those experiments: calls that failed and calls that worked,
 * with whom, which modality, from which network, through which relay.
 *
 * Only media calls count (audio/video, sharing, file transfer), and only
 * failures that say something about the network: a declined, busy or
 * unknown contact is left out.
 *
 * Whose calls: the logs of several users opened together are compared
 * within each user (a contact, a network, a relay are one user's
 * experiments); a pattern found in several users' logs is one finding
 * that says so ("The same holds in the logs of 2 users: …"), one found in
 * one user's log says whose. Only the client version is compared across
 * users: each log has one, and another user's working client is the
 * comparison.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-parallel.h"
#include "ld-rules-private.h"

#define MAX_FAILURE_EVIDENCE 20
#define MAX_SUCCESS_EVIDENCE 3

typedef enum
{
  CLASS_AV,
  CLASS_SHARING,
} MediaClass;

typedef enum
{
  WHERE_UNKNOWN,
  WHERE_INTERNAL,
  WHERE_EDGE,
} Where;

typedef struct
{
  const LdAttempt *a;
  gboolean         failed;
  MediaClass       mclass;
  Where            where;
  gboolean         self_outside;  /* this client was outside the company network */
  /* Strings kept once each in Cross.strings (or, for the contact, the
   * attempt's own remote_party when that is in lower case already): */
  const char      *contact;       /* in lower case */
  const char      *domain;        /* the end of contact */
  const char      *relay;         /* this client's media relay host */
  const char      *network;       /* this client's /24, "10.10.4.0/24" */
  const char      *client;        /* borrowed from the input */
  const char      *user;          /* borrowed from the attempt; NULL when unknown */
} Row;

/* Some of Cross.rows, in attempt order: every row, or one user's.  The
 * rules read them through rows_get(). */
typedef struct
{
  const Row   *all;     /* Cross.rows */
  const guint *index;   /* where these rows are in it, or NULL for every row */
  guint        len;
} Rows;

static inline const Row *
rows_get (const Rows *rows,
          guint       i)
{
  return &rows->all[rows->index != NULL ? rows->index[i] : i];
}

/* One user's rows. */
typedef struct
{
  const char *user;
  GArray     *index;   /* guint: where its rows are in Cross.rows */
  Rows        rows;
} UserRows;

/* A large log has tens of thousands of rows: each is kept once, and its
 * strings once for all the rows that share them. */
typedef struct
{
  GArray       *rows;           /* (element-type Row) every row */
  GStringChunk *strings;        /* the rows' strings */
  Rows          every;          /* every row */
  GArray       *users;          /* (element-type UserRows) in order of their first row */
  gboolean      several_users;  /* the analysis has more than one user: findings say whose */
} Cross;

static gboolean
media_class (LdModality  modality,
             MediaClass *out)
{
  switch (modality)
    {
    case LD_MODALITY_AUDIO_VIDEO:
    case LD_MODALITY_AUDIO:
    case LD_MODALITY_VIDEO:
      *out = CLASS_AV;
      return TRUE;
    case LD_MODALITY_APPLICATION_SHARING:
    case LD_MODALITY_DATA:
      *out = CLASS_SHARING;
      return TRUE;
    case LD_MODALITY_FOCUS:
    case LD_MODALITY_CHAT:
    case LD_MODALITY_OTHER:
    default:
      return FALSE;
    }
}

/* Failures that are about people or addresses, not the network. */
static gboolean
failure_is_personal (const LdAttempt *a)
{
  switch (a->status)
    {
    case 404:
    case 480:
    case 486:
    case 600:
    case 603:
      return TRUE;
    default:
      return ld_rule_find_code (a, FALSE, 1003, 1003) != NULL || ld_rule_find_code (a, FALSE, 4005, 4005) != NULL;
    }
}

/* The rows are made on every thread of the pool (ld-parallel.c): each
 * attempt's row from it alone, the strings kept once in the rows' string
 * chunk under a lock. */
typedef struct
{
  GPtrArray          *attempts;
  GPtrArray          *inputs;
  const LdMediaIndex *media;
  GStringChunk       *strings;
  GMutex              lock;       /* for strings */
  guint8             *is;         /* per attempt: 1 + its MediaClass when a row, else 0 */
  guint              *place;      /* per attempt: its row's place among the rows */
  Row                *rows;
} Collecting;

/* @s (taken) kept once in the rows' strings, or NULL. */
static const char *
take_string (Collecting *c,
             char       *s)
{
  const char *kept;

  if (s == NULL)
    return NULL;
  g_mutex_lock (&c->lock);
  kept = g_string_chunk_insert_const (c->strings, s);
  g_mutex_unlock (&c->lock);
  g_free (s);
  return kept;
}

/* "10.10.4.23:50000" -> "10.10.4.0/24"; NULL for what is not IPv4. */
static char *
network_of (const char *address)
{
  g_autofree char *host = ld_rule_dup_address_host (address);
  char *last_dot;

  /* An IPv4 address is four numbers (GLib takes no shorter forms). */
  if (host == NULL || !g_hostname_is_ip_address (host) || strchr (host, ':') != NULL ||
      (last_dot = strrchr (host, '.')) == NULL)
    return NULL;
  *last_dot = '\0';
  return g_strconcat (host, ".0/24", NULL);
}

static void
row_fill_media (Collecting *c,
                Row        *row)
{
  const LdAttempt *a = row->a;
  LdMediaRefs refs = ld_rule_get_media (c->media, a);
  gboolean internal = FALSE, edge = FALSE;

  for (guint i = 0; i < refs.len; i++)
    {
      const LdMediaRef *ref = &refs.v[i];
      const LdMediaDebug *m = ref->media;
      /* Local* is the writer's side: ours when this client sent it. */
      gboolean ours = ref->diag->message != NULL && ref->diag->message->direction == LD_DIRECTION_SENT;
      gboolean theirs = ref->diag->message != NULL && ref->diag->message->direction == LD_DIRECTION_RECEIVED;
      const char *relay = NULL;

      if (m->local_location == LD_LOCATION_REMOTE || m->remote_location == LD_LOCATION_REMOTE ||
          m->federation_type >= 1)
        edge = TRUE;
      else if (m->local_location == LD_LOCATION_INTERNAL && m->remote_location == LD_LOCATION_INTERNAL)
        internal = TRUE;
      if ((ours && m->local_location == LD_LOCATION_REMOTE) || (theirs && m->remote_location == LD_LOCATION_REMOTE))
        row->self_outside = TRUE;
      if (ours)
        relay = ld_media_debug_get_field (m, "LocalMR");
      else if (theirs)
        relay = ld_media_debug_get_field (m, "RemoteMR");
      if (row->relay == NULL && ld_rule_address_usable (relay))
        row->relay = take_string (c, ld_rule_dup_address_host (relay));
    }
  if (!edge && ld_rule_find_code (a, TRUE, 23, 25) != NULL)
    edge = TRUE;
  if (!edge && !internal && ld_rule_find_code (a, TRUE, 22, 22) != NULL)
    internal = TRUE;
  row->where = edge ? WHERE_EDGE : internal ? WHERE_INTERNAL : WHERE_UNKNOWN;
}

/* Whether @a is a row: a media call that worked, or failed for a reason
 * that says something about the network. */
static gboolean
is_row (const LdAttempt *a,
        MediaClass      *mclass)
{
  if (!media_class (a->modality, mclass))
    return FALSE;
  if (a->outcome == LD_OUTCOME_FAILED && failure_is_personal (a))
    return FALSE;
  return a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_SUCCEEDED;
}

/* Whether @s has an upper-case ASCII letter. */
static gboolean
has_ascii_upper (const char *s)
{
  for (; *s != '\0'; s++)
    if (g_ascii_isupper (*s))
      return TRUE;
  return FALSE;
}

static void
mark_row (guint    i,
          gpointer data)
{
  Collecting *c = data;
  MediaClass mclass;

  c->is[i] = is_row (g_ptr_array_index (c->attempts, i), &mclass) ? 1 + mclass : 0;
}

static void
fill_row (guint    i,
          gpointer data)
{
  Collecting *c = data;
  const LdAttempt *a = g_ptr_array_index (c->attempts, i);
  Row *row;
  const char *at;

  if (c->is[i] == 0)
    return;
  row = &c->rows[c->place[i]];
  row->mclass = (MediaClass) (c->is[i] - 1);
  row->a = a;
  row->failed = a->outcome == LD_OUTCOME_FAILED;
  /* The other end's address is lower case already, as
   * ld_sip_uri_dup_address() makes it: then it is the contact. */
  if (a->remote_party != NULL)
    row->contact = has_ascii_upper (a->remote_party) ? take_string (c, g_ascii_strdown (a->remote_party, -1))
                                                     : a->remote_party;
  at = row->contact != NULL ? strchr (row->contact, '@') : NULL;
  row->domain = at != NULL && at[1] != '\0' ? at + 1 : NULL;
  row->network = take_string (c, network_of (a->invite->local));
  row->user = a->user;
  if (a->invite->input < c->inputs->len)
    row->client = ((const LdInput *) g_ptr_array_index (c->inputs, a->invite->input))->client;
  row_fill_media (c, row);
}

static GArray *
collect_rows (LdAnalysis   *analysis,
              GStringChunk *strings)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  Collecting c = { attempts, ld_analysis_get_inputs (analysis), ld_rule_media_index (analysis), strings };
  guint n = 0;
  GArray *rows;

  g_mutex_init (&c.lock);
  c.is = g_new (guint8, MAX (attempts->len, 1));
  c.place = g_new (guint, MAX (attempts->len, 1));
  _ld_parallel_for (attempts->len, 256, mark_row, &c);
  for (guint i = 0; i < attempts->len; i++)
    {
      c.place[i] = n;
      n += c.is[i] != 0;
    }
  rows = g_array_sized_new (FALSE, TRUE, sizeof (Row), n);
  g_array_set_size (rows, n);
  c.rows = (Row *) rows->data;
  _ld_parallel_for (attempts->len, 64, fill_row, &c);
  g_free (c.is);
  g_free (c.place);
  g_mutex_clear (&c.lock);
  return rows;
}

static void
cross_free (Cross *x)
{
  for (guint i = 0; i < x->users->len; i++)
    g_array_unref (g_array_index (x->users, UserRows, i).index);
  g_array_unref (x->users);
  g_array_unref (x->rows);
  g_string_chunk_free (x->strings);
  g_free (x);
}

static Cross *
cross_new (LdAnalysis *analysis)
{
  Cross *x = g_new0 (Cross, 1);

  x->strings = g_string_chunk_new (4096);
  x->rows = collect_rows (analysis, x->strings);
  x->every = (Rows) { (const Row *) x->rows->data, NULL, x->rows->len };
  x->users = g_array_new (FALSE, TRUE, sizeof (UserRows));
  x->several_users = ld_analysis_get_n_users (analysis) > 1;
  for (guint i = 0; i < x->rows->len; i++)
    {
      const Row *r = &g_array_index (x->rows, Row, i);
      UserRows *u = NULL;

      for (guint k = 0; k < x->users->len && u == NULL; k++)
        if (g_strcmp0 (g_array_index (x->users, UserRows, k).user, r->user) == 0)
          u = &g_array_index (x->users, UserRows, k);
      if (u == NULL)
        {
          UserRows add = { r->user, g_array_new (FALSE, FALSE, sizeof (guint)), { NULL, NULL, 0 } };

          g_array_append_val (x->users, add);
          u = &g_array_index (x->users, UserRows, x->users->len - 1);
        }
      g_array_append_val (u->index, i);
    }
  /* The indexes are complete: their rows can point into them. */
  for (guint k = 0; k < x->users->len; k++)
    {
      UserRows *u = &g_array_index (x->users, UserRows, k);

      u->rows = (Rows) { x->every.all, (const guint *) u->index->data, u->index->len };
    }
  return x;
}

/* The eight rules below compare the same rows; build them once per run of
 * the findings (ld_findings_run() forgets them at its end). */
static GQuark
rows_quark (void)
{
  return g_quark_from_static_string ("ld-rules-cross-rows");
}

static Cross *
cross_get (LdAnalysis *analysis)
{
  Cross *x = g_object_get_qdata (G_OBJECT (analysis), rows_quark ());

  if (x == NULL)
    {
      x = cross_new (analysis);
      g_object_set_qdata_full (G_OBJECT (analysis), rows_quark (), x, (GDestroyNotify) cross_free);
    }
  return x;
}

/* Builds the rows now, so the rules running on several threads only read
 * them. */
void
ld_rules_cross_prepare (LdAnalysis *analysis)
{
  (void) cross_get (analysis);
}

void
ld_rules_cross_forget (LdAnalysis *analysis)
{
  g_object_set_qdata (G_OBJECT (analysis), rows_quark (), NULL);
}

static const char *
user_label (const char *user)
{
  return user != NULL ? user : _("a user whose address the log does not give");
}

/* Whose logs show the pattern, when several users' logs are open:
 * " This is in the log of sip:a@x." or " The same holds in the logs of 2
 * users: sip:a@x, sip:b@y." */
static void
append_users (GString     *s,
              const Cross *x,
              GPtrArray   *users)
{
  g_autoptr(GString) list = NULL;

  if (!x->several_users || users->len == 0)
    return;
  if (users->len == 1)
    {
      g_string_append_printf (s, _(" This is in the log of %s."), user_label (g_ptr_array_index (users, 0)));
      return;
    }
  list = g_string_new (NULL);
  for (guint i = 0; i < users->len; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? ", " : "", user_label (g_ptr_array_index (users, i)));
  g_string_append_printf (s, g_dngettext (GETTEXT_PACKAGE, " The same holds in the log of %u user: %s.",
                                          " The same holds in the logs of %u users: %s.", users->len),
                          users->len, list->str);
}

/* A finding's detail with whose logs it is in. */
static char *
with_users (char        *detail,
            const Cross *x,
            GPtrArray   *users)
{
  GString *s = g_string_new (detail);

  g_free (detail);
  append_users (s, x, users);
  return g_string_free (s, FALSE);
}

static void
add_row_evidence (LdFinding  *f,
                  const Rows *rows,
                  gboolean    failed,
                  guint       max)
{
  guint n = 0;

  for (guint i = 0; i < rows->len && n < max; i++)
    {
      const Row *r = rows_get (rows, i);

      if (r->failed != failed)
        continue;
      ld_rule_add_attempt_evidence (f, r->a);
      n++;
    }
}

/* ---- One value shared by every failure ---------------------------------------- */

typedef const char *(*KeyFunc) (const Row *row);

static const char *key_contact (const Row *r) { return r->contact; }
static const char *key_domain  (const Row *r) { return r->domain; }
static const char *key_relay   (const Row *r) { return r->relay; }
static const char *key_network (const Row *r) { return r->network; }
static const char *key_client  (const Row *r) { return r->client; }

typedef struct
{
  const char *value;          /* shared by every failure */
  guint       failures;
  guint       other_successes; /* comparable calls with another value that worked */
  guint       other_values;    /* how many other values worked */
  guint       failed_contacts; /* distinct contacts among the failures */
  GHashTable *others;          /* borrowed strings, case-insensitive: the other values that worked */
  GHashTable *contacts;        /* borrowed strings, case-insensitive: the contacts of the failures */
} Common;

static void
common_clear (Common *c)
{
  g_clear_pointer (&c->others, g_hash_table_unref);
  g_clear_pointer (&c->contacts, g_hash_table_unref);
}

static gboolean
same_value (const char *a,
            const char *b)
{
  return a != NULL && b != NULL && g_ascii_strcasecmp (a, b) == 0;
}

/* Case-insensitive sets: a log with thousands of contacts must not cost
 * thousands squared. */
static guint
ascii_case_hash (gconstpointer v)
{
  guint h = 5381;

  for (const char *p = v; *p != '\0'; p++)
    h = (h << 5) + h + (guint) g_ascii_tolower (*p);
  return h;
}

static gboolean
ascii_case_equal (gconstpointer a,
                  gconstpointer b)
{
  return g_ascii_strcasecmp (a, b) == 0;
}

static GHashTable *
case_set_new (void)
{
  return g_hash_table_new (ascii_case_hash, ascii_case_equal);
}

/* TRUE when every failure has the same known value, calls with another
 * value worked, and no call with that value worked.  With @same_class,
 * only successes of a modality that also failed are compared (a working
 * audio call says nothing about sharing with the same person). */
static gboolean
find_common (const Rows *rows,
             KeyFunc     key,
             gboolean    same_class,
             Common     *c)
{
  gboolean failed_class[2] = { FALSE, FALSE };
  GHashTable *others, *contacts;

  memset (c, 0, sizeof *c);
  others = c->others = case_set_new ();
  contacts = c->contacts = case_set_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = rows_get (rows, i);
      const char *v = key (r);

      if (!r->failed)
        continue;
      if (v == NULL)
        return FALSE;
      if (c->value == NULL)
        c->value = v;
      else if (!same_value (c->value, v))
        return FALSE;
      c->failures++;
      failed_class[r->mclass] = TRUE;
      if (r->contact != NULL)
        g_hash_table_add (contacts, (gpointer) r->contact);
    }
  if (c->failures == 0)
    return FALSE;
  c->failed_contacts = g_hash_table_size (contacts);

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = rows_get (rows, i);
      const char *v = key (r);

      if (r->failed || v == NULL || (same_class && !failed_class[r->mclass]))
        continue;
      if (same_value (v, c->value))
        return FALSE;
      c->other_successes++;
      g_hash_table_add (others, (gpointer) v);
    }
  c->other_values = g_hash_table_size (others);
  return c->other_successes > 0;
}

static void
add_common_evidence (LdFinding  *f,
                     const Rows *rows,
                     KeyFunc     key,
                     const char *value)
{
  guint ok = 0;

  add_row_evidence (f, rows, TRUE, MAX_FAILURE_EVIDENCE);
  for (guint i = 0; i < rows->len && ok < MAX_SUCCESS_EVIDENCE; i++)
    {
      const Row *r = rows_get (rows, i);

      if (r->failed || key (r) == NULL || same_value (key (r), value))
        continue;
      ld_rule_add_attempt_evidence (f, r->a);
      ok++;
    }
}

/* A value every failure of one or more users shares (their logs looked
 * at one by one), with the users whose logs show it and their rows. */
typedef struct
{
  Common     c;          /* the counts of every user below, distinct values counted once */
  GPtrArray *users;      /* (element-type utf8) borrowed, NULL for an unknown user */
  GPtrArray *groups;     /* (element-type UserRows) borrowed */
} Match;

static void
match_free (Match *m)
{
  common_clear (&m->c);
  g_ptr_array_unref (m->users);
  g_ptr_array_unref (m->groups);
  g_free (m);
}

static void
add_distinct (GHashTable *to,
              GHashTable *from)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (to, key);
}

/* find_common() in each user's log; users whose failures share the same
 * value make one match. */
static GPtrArray *
common_by_user (const Cross *x,
                KeyFunc      key,
                gboolean     same_class)
{
  GPtrArray *matches = g_ptr_array_new_with_free_func ((GDestroyNotify) match_free);

  for (guint u = 0; u < x->users->len; u++)
    {
      UserRows *g = &g_array_index (x->users, UserRows, u);
      Common c;
      Match *m = NULL;

      if (!find_common (&g->rows, key, same_class, &c))
        {
          common_clear (&c);
          continue;
        }
      for (guint k = 0; k < matches->len && m == NULL; k++)
        if (same_value (((Match *) g_ptr_array_index (matches, k))->c.value, c.value))
          m = g_ptr_array_index (matches, k);
      if (m == NULL)
        {
          m = g_new0 (Match, 1);
          m->c = c;
          m->users = g_ptr_array_new ();
          m->groups = g_ptr_array_new ();
          g_ptr_array_add (matches, m);
        }
      else
        {
          m->c.failures += c.failures;
          m->c.other_successes += c.other_successes;
          add_distinct (m->c.others, c.others);
          add_distinct (m->c.contacts, c.contacts);
          m->c.other_values = g_hash_table_size (m->c.others);
          m->c.failed_contacts = g_hash_table_size (m->c.contacts);
          common_clear (&c);
        }
      g_ptr_array_add (m->users, (gpointer) g->user);
      g_ptr_array_add (m->groups, g);
    }
  return matches;
}

static void
add_match_evidence (LdFinding   *f,
                    const Match *m,
                    KeyFunc      key)
{
  for (guint i = 0; i < m->groups->len; i++)
    add_common_evidence (f, &((UserRows *) g_ptr_array_index (m->groups, i))->rows, key, m->c.value);
}

/* Several findings of one rule (different contacts of different users)
 * stay apart: the grouping of findings keeps one per value. */
static void
add_match_finding (LdRuleOut   *out,
                   LdFinding   *f,
                   GPtrArray   *matches,
                   const Match *m)
{
  if (matches->len > 1)
    ld_finding_set_group (f, m->c.value);
  ld_rule_emit (out, f);
}

void
ld_rule_fails_one_contact (LdAnalysis   *analysis,
                           const LdRule *rule,
                           LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GPtrArray) matches = common_by_user (x, key_contact, TRUE);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = g_ptr_array_index (matches, i);
      const Common *c = &m->c;
      g_autofree char *action = NULL;
      LdFinding *f;

      f = ld_finding_new (rule->id, ld_rule_get_severity (rule),
                          c->failures >= 2 ? LD_CONFIDENCE_MEDIUM : LD_CONFIDENCE_LOW,
                          g_strdup_printf (_("Calls fail only with %s"), c->value),
                          with_users (g_strdup_printf (_("Every failed call in the log (%u) was with %s (the contact, "
                                                         "or the organiser of the meeting). The same kind of call "
                                                         "worked %u times with %u other contacts, and never with "
                                                         "%s. The problem is likely on the path to that contact: "
                                                         "their network, firewall, security software or Edge "
                                                         "server."),
                                                       c->failures, c->value, c->other_successes, c->other_values,
                                                       c->value),
                                      x, m->users));
      action = g_strdup_printf (_("Ask whether someone else can reproduce the failure with %s (KB 2386684): if "
                                  "they can, the cause is on the contact's side."), c->value);
      ld_finding_add_action (f, action);
      ld_finding_add_action (f, _("Collect the contact's client log as well and open both logs together."));
      add_match_evidence (f, m, key_contact);
      add_match_finding (out, f, matches, m);
    }
}

void
ld_rule_fails_one_domain (LdAnalysis   *analysis,
                          const LdRule *rule,
                          LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GPtrArray) matches = common_by_user (x, key_domain, TRUE);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = g_ptr_array_index (matches, i);
      const Common *c = &m->c;
      g_autofree char *action = NULL;
      LdFinding *f;

      /* With one contact it is fails-one-contact. */
      if (c->failed_contacts < 2)
        continue;
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                          g_strdup_printf (_("Calls fail with everyone at %s"), c->value),
                          with_users (g_strdup_printf (_("All %u failed calls were with %u different contacts at "
                                                         "%s, while the same kind of call worked %u times with %u "
                                                         "other domains and never with %s. The path to that "
                                                         "organisation is the suspect: federation and its A/V "
                                                         "Edge, or that organisation's network."),
                                                       c->failures, c->failed_contacts, c->value, c->other_successes,
                                                       c->other_values, c->value),
                                      x, m->users));
      action = g_strdup_printf (_("Check federation with %s and ask its administrator to check their A/V Edge "
                                  "(external firewall, TCP/UDP 50000–59999, public NAT address)."), c->value);
      ld_finding_add_action (f, action);
      add_match_evidence (f, m, key_domain);
      add_match_finding (out, f, matches, m);
    }
}

void
ld_rule_fails_one_relay (LdAnalysis   *analysis,
                         const LdRule *rule,
                         LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GPtrArray) matches = common_by_user (x, key_relay, FALSE);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = g_ptr_array_index (matches, i);
      const Common *c = &m->c;
      g_autofree char *action = NULL;
      LdFinding *f;

      if (c->failures < 2)
        continue;
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                          g_strdup_printf (_("Calls fail whenever the media relay %s is used"), c->value),
                          with_users (g_strdup_printf (_("All %u failed calls used the media relay (A/V Edge) %s on "
                                                         "this client's side, while %u calls through %u other "
                                                         "relays worked and none through %s. One Edge server of "
                                                         "the pool, or the firewall in front of it, is the "
                                                         "suspect."),
                                                       c->failures, c->value, c->other_successes, c->other_values,
                                                       c->value),
                                      x, m->users));
      action = g_strdup_printf (_("Check the A/V Edge server that owns %s: its services, its external firewall "
                                  "rules (TCP 443, UDP 3478, TCP/UDP 50000–59999) and its public (NAT) address."),
                                c->value);
      ld_finding_add_action (f, action);
      add_match_evidence (f, m, key_relay);
      add_match_finding (out, f, matches, m);
    }
}

void
ld_rule_fails_one_network (LdAnalysis   *analysis,
                           const LdRule *rule,
                           LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GPtrArray) matches = common_by_user (x, key_network, FALSE);

  for (guint i = 0; i < matches->len; i++)
    {
      const Match *m = g_ptr_array_index (matches, i);
      const Common *c = &m->c;
      LdFinding *f;

      if (c->failures < 2)
        continue;
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                          g_strdup_printf (_("Calls fail only from the network %s"), c->value),
                          with_users (g_strdup_printf (_("All %u failed calls were made while this computer had an "
                                                         "address in %s, while %u calls from %u other networks "
                                                         "worked and none from %s. That network (home, hotel, a "
                                                         "branch office, a VPN) blocks or inspects the media."),
                                                       c->failures, c->value, c->other_successes, c->other_values,
                                                       c->value),
                                      x, m->users));
      ld_finding_add_action (f, _("Find out which network that address range belongs to and check its firewall, "
                                  "proxy and VPN settings for TCP 443, UDP 3478 and TCP/UDP 50000–59999 to the A/V "
                                  "Edge."));
      add_match_evidence (f, m, key_network);
      add_match_finding (out, f, matches, m);
    }
}

/* Across users: each log has one client version, and another user's
 * working client is the comparison. */
void
ld_rule_fails_one_client_version (LdAnalysis   *analysis,
                                  const LdRule *rule,
                                  LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  const Rows *rows = &x->every;
  Common c;
  LdFinding *f;

  if (!find_common (rows, key_client, FALSE, &c) || c.failures < 2)
    {
      common_clear (&c);
      return;
    }
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_LOW,
                      g_strdup_printf (_("Calls fail only with the client %s"), c.value),
                      g_strdup_printf (_("All %u failed calls came from %s, while %u calls from %u other client "
                                         "versions worked and none from %s."),
                                       c.failures, c.value, c.other_successes, c.other_values, c.value));
  ld_finding_add_action (f, _("Update that client to the current cumulative update and retry."));
  add_common_evidence (f, rows, key_client, c.value);
  ld_rule_emit (out, f);
  common_clear (&c);
}

/* ---- Location, modality, time ------------------------------------------------------------------ */

typedef struct
{
  guint failed_edge, ok_edge, ok_internal, self_outside;
} RemoteCounts;

static void
count_remote (const Rows   *rows,
              RemoteCounts *n,
              GHashTable   *contacts)
{
  memset (n, 0, sizeof *n);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = rows_get (rows, i);

      if (r->where == WHERE_INTERNAL && !r->failed)
        n->ok_internal++;
      if (r->where != WHERE_EDGE)
        continue;
      if (!r->failed)
        {
          n->ok_edge++;
          continue;
        }
      n->failed_edge++;
      n->self_outside += r->self_outside;
      if (r->contact != NULL)
        g_hash_table_add (contacts, (gpointer) r->contact);
    }
}

void
ld_rule_fails_all_remote (LdAnalysis   *analysis,
                          const LdRule *rule,
                          LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GHashTable) contacts = case_set_new ();
  g_autoptr(GPtrArray) users = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  RemoteCounts all = { 0 };
  g_autoptr(GString) s = NULL;
  LdFinding *f;

  /* Each user's calls through the Edge all failed: those users' together. */
  for (guint u = 0; u < x->users->len; u++)
    {
      UserRows *g = &g_array_index (x->users, UserRows, u);
      g_autoptr(GHashTable) mine = case_set_new ();
      RemoteCounts n;

      count_remote (&g->rows, &n, mine);
      if (n.failed_edge < 2 || n.ok_edge > 0)
        continue;
      all.failed_edge += n.failed_edge;
      all.ok_internal += n.ok_internal;
      all.self_outside += n.self_outside;
      add_distinct (contacts, mine);
      g_ptr_array_add (users, (gpointer) g->user);
      g_ptr_array_add (groups, g);
    }
  if (groups->len == 0)
    return;

  s = g_string_new (NULL);
  g_string_append_printf (s, _("All %u calls whose media had to pass the Edge server (one side outside the "
                               "company network, or federated) failed, with %u different contacts; none of them "
                               "worked. "), all.failed_edge, g_hash_table_size (contacts));
  if (all.ok_internal > 0)
    g_string_append_printf (s, _("%u calls between computers inside the company network worked. "), all.ok_internal);
  if (all.self_outside > 0)
    g_string_append_printf (s, _("This computer itself was outside the company network in %u of the failed calls: "
                                 "its own connection to the Edge (home or hotel network, VPN, proxy) is the first "
                                 "suspect."), all.self_outside);
  else
    g_string_append (s, _("The A/V Edge, or the company firewall in front of it, is the first suspect."));
  append_users (s, x, users);
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule),
                      all.ok_internal > 0 && g_hash_table_size (contacts) >= 2 ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM,
                      g_strdup (_("Every call that had to go through the Edge server failed")),
                      g_string_free (g_steal_pointer (&s), FALSE));
  ld_finding_add_action (f, _("Check the path from this client to the A/V Edge: TCP 443, UDP 3478 and TCP/UDP "
                              "50000–59999 outbound, no HTTP proxy or SSL inspection in between."));
  ld_finding_add_action (f, _("Check the A/V Edge itself: its services, its external firewall and its public "
                              "(NAT) address."));
  for (guint k = 0; k < groups->len; k++)
    {
      const Rows *rows = &((UserRows *) g_ptr_array_index (groups, k))->rows;

      for (guint i = 0, n = 0; i < rows->len && n < MAX_FAILURE_EVIDENCE; i++)
        {
          const Row *r = rows_get (rows, i);

          if (r->where == WHERE_EDGE && r->failed)
            {
              ld_rule_add_attempt_evidence (f, r->a);
              n++;
            }
        }
    }
  ld_rule_emit (out, f);
}

typedef struct
{
  guint       failed_share, ok_share, failed_av, ok_av;
  const char *same_contact;
} SharingCounts;

/* Sharing failed and audio/video worked in @rows, and never failed. */
static gboolean
count_sharing (const Rows    *rows,
               SharingCounts *n)
{
  memset (n, 0, sizeof *n);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = rows_get (rows, i);

      if (r->mclass == CLASS_SHARING && r->failed)
        n->failed_share++;
      else if (r->mclass == CLASS_SHARING)
        n->ok_share++;
      else if (r->failed)
        n->failed_av++;
      else
        n->ok_av++;
    }
  if (n->failed_share == 0 || n->failed_av > 0 || n->ok_av == 0)
    return FALSE;

  /* Audio with the very contact sharing failed with is the strongest
   * comparison: same people, same day, only the modality differs. */
  for (guint i = 0; i < rows->len && n->same_contact == NULL; i++)
    {
      const Row *r = rows_get (rows, i);

      if (r->mclass != CLASS_SHARING || !r->failed)
        continue;
      for (guint j = 0; j < rows->len; j++)
        {
          const Row *o = rows_get (rows, j);

          if (o->mclass == CLASS_AV && !o->failed && same_value (o->contact, r->contact))
            {
              n->same_contact = r->contact;
              break;
            }
        }
    }
  return TRUE;
}

void
ld_rule_fails_only_app_sharing (LdAnalysis   *analysis,
                                const LdRule *rule,
                                LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GPtrArray) users = g_ptr_array_new ();
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  SharingCounts all = { 0 };
  g_autoptr(GString) s = NULL;
  LdFinding *f;

  for (guint u = 0; u < x->users->len; u++)
    {
      UserRows *g = &g_array_index (x->users, UserRows, u);
      SharingCounts n;

      if (!count_sharing (&g->rows, &n))
        continue;
      all.failed_share += n.failed_share;
      all.ok_share += n.ok_share;
      all.ok_av += n.ok_av;
      if (all.same_contact == NULL)
        all.same_contact = n.same_contact;
      g_ptr_array_add (users, (gpointer) g->user);
      g_ptr_array_add (groups, g);
    }
  if (groups->len == 0)
    return;

  s = g_string_new (NULL);
  g_string_append_printf (s, _("Application sharing failed %u of %u times, while audio/video worked %u of %u "
                               "times"), all.failed_share, all.failed_share + all.ok_share, all.ok_av, all.ok_av);
  if (all.same_contact != NULL)
    g_string_append_printf (s, _(", including with the same contact (%s)"), all.same_contact);
  g_string_append (s, _(". Audio and video prefer UDP; sharing and file transfer use TCP only (Resource Kit ch. 9). "
                        "A network or computer that lets UDP media through but blocks or inspects TCP media breaks "
                        "sharing alone — the pattern of the field report where the antivirus inspected the "
                        "traffic."));
  append_users (s, x, users);
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule),
                      all.same_contact != NULL ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM,
                      g_strdup (_("Only application sharing fails; audio works")),
                      g_string_free (g_steal_pointer (&s), FALSE));
  ld_finding_add_action (f, _("Look at the TCP media path: TCP 443 and TCP 50000–59999 to the A/V Edge, firewall "
                              "application inspection, and antivirus software that inspects network traffic."));
  for (guint k = 0; k < groups->len; k++)
    {
      const Rows *rows = &((UserRows *) g_ptr_array_index (groups, k))->rows;

      add_row_evidence (f, rows, TRUE, MAX_FAILURE_EVIDENCE);
      for (guint i = 0, n = 0; i < rows->len && n < MAX_SUCCESS_EVIDENCE; i++)
        {
          const Row *r = rows_get (rows, i);

          if (r->mclass == CLASS_AV && !r->failed)
            {
              ld_rule_add_attempt_evidence (f, r->a);
              n++;
            }
        }
    }
  ld_rule_emit (out, f);
}

/* One user's calls worked, then all failed from some time on: a finding
 * of its own for each user it happened to (at their own time). */
static LdFinding *
started_at (const Cross  *x,
            const LdRule *rule,
            const char   *user,
            const Rows   *rows)
{
  guint first_failure = G_MAXUINT;
  const Row *before, *after;
  g_autofree char *when = NULL;
  g_autofree char *last_ok = NULL;
  g_autoptr(GString) s = NULL;
  g_autoptr(GPtrArray) users = g_ptr_array_new ();
  LdFinding *f;

  for (guint i = 0; i < rows->len; i++)
    if (rows_get (rows, i)->failed)
      {
        first_failure = i;
        break;
      }
  /* Attempts are in time order; at least two of each side make a change,
   * not a single bad call. */
  if (first_failure == G_MAXUINT || first_failure < 2 || rows->len - first_failure < 2)
    return NULL;
  for (guint i = first_failure; i < rows->len; i++)
    if (!rows_get (rows, i)->failed)
      return NULL;

  before = rows_get (rows, first_failure - 1);
  after = rows_get (rows, first_failure);
  when = ld_format_time (after->a->start);
  last_ok = ld_format_time (before->a->start);
  s = g_string_new (NULL);
  g_string_append_printf (s, _("The first %u calls worked (the last one at %s); all %u calls from %s on failed. "
                               "Something changed in between."),
                          first_failure, last_ok, rows->len - first_failure, when);
  if (before->network != NULL && after->network != NULL && !same_value (before->network, after->network))
    g_string_append_printf (s, _(" This computer's network changed at that point: %s before, %s after."),
                            before->network, after->network);
  if (before->client != NULL && after->client != NULL && !same_value (before->client, after->client))
    g_string_append_printf (s, _(" The client version changed at that point: %s before, %s after."),
                            before->client, after->client);
  g_ptr_array_add (users, (gpointer) user);
  append_users (s, x, users);
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                      g_strdup_printf (_("Calls have failed since %s"), when),
                      g_string_free (g_steal_pointer (&s), FALSE));
  ld_finding_add_action (f, _("Ask what changed at that time: network (VPN, Wi-Fi, working from home), firewall or "
                              "antivirus updates, proxy settings, or maintenance on the Edge servers."));
  ld_rule_add_attempt_evidence (f, before->a);
  add_row_evidence (f, rows, TRUE, MAX_FAILURE_EVIDENCE);
  return f;
}

void
ld_rule_failures_started_at (LdAnalysis   *analysis,
                             const LdRule *rule,
                             LdRuleOut    *out)
{
  Cross *x = cross_get (analysis);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GPtrArray) whose = g_ptr_array_new ();

  for (guint u = 0; u < x->users->len; u++)
    {
      UserRows *g = &g_array_index (x->users, UserRows, u);
      LdFinding *f = started_at (x, rule, g->user, &g->rows);

      if (f == NULL)
        continue;
      g_ptr_array_add (found, f);
      g_ptr_array_add (whose, (gpointer) g->user);
    }
  for (guint i = 0; i < found->len; i++)
    {
      LdFinding *f = g_ptr_array_index (found, i);

      /* Each user's change at its own time stays its own finding. */
      if (found->len > 1)
        ld_finding_set_group (f, user_label (g_ptr_array_index (whose, i)));
      ld_rule_emit (out, f);
    }
}
