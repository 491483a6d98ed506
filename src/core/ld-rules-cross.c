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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
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
  char            *contact;
  char            *domain;
  char            *relay;         /* this client's media relay host */
  char            *network;       /* this client's /24, "10.10.4.0/24" */
  const char      *client;        /* borrowed from the input */
} Row;

static void
row_clear (gpointer data)
{
  Row *r = data;

  g_free (r->contact);
  g_free (r->domain);
  g_free (r->relay);
  g_free (r->network);
}

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

static char *
network_of (const char *address)
{
  g_autofree char *host = ld_rule_dup_address_host (address);
  g_auto(GStrv) octets = NULL;

  if (host == NULL || !g_hostname_is_ip_address (host) || strchr (host, ':') != NULL)
    return NULL;
  octets = g_strsplit (host, ".", 4);
  if (g_strv_length (octets) != 4)
    return NULL;
  return g_strdup_printf ("%s.%s.%s.0/24", octets[0], octets[1], octets[2]);
}

static void
row_fill_media (LdAnalysis *analysis,
                Row        *row)
{
  const LdAttempt *a = row->a;
  g_autoptr(GArray) refs = ld_rule_collect_media (analysis, a);
  gboolean internal = FALSE, edge = FALSE;

  for (guint i = 0; i < refs->len; i++)
    {
      const LdMediaRef *ref = &g_array_index (refs, LdMediaRef, i);
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
        row->relay = ld_rule_dup_address_host (relay);
    }
  if (!edge && ld_rule_find_code (a, TRUE, 23, 25) != NULL)
    edge = TRUE;
  if (!edge && !internal && ld_rule_find_code (a, TRUE, 22, 22) != NULL)
    internal = TRUE;
  row->where = edge ? WHERE_EDGE : internal ? WHERE_INTERNAL : WHERE_UNKNOWN;
}

static GArray *
collect_rows (LdAnalysis *analysis)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  GPtrArray *inputs = ld_analysis_get_inputs (analysis);
  GArray *rows = g_array_new (FALSE, TRUE, sizeof (Row));

  g_array_set_clear_func (rows, row_clear);
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      Row row = { 0 };
      const char *at;

      if (!media_class (a->modality, &row.mclass))
        continue;
      if (a->outcome == LD_OUTCOME_FAILED && failure_is_personal (a))
        continue;
      if (a->outcome != LD_OUTCOME_FAILED && a->outcome != LD_OUTCOME_SUCCEEDED)
        continue;
      row.a = a;
      row.failed = a->outcome == LD_OUTCOME_FAILED;
      row.contact = a->remote_party != NULL ? g_ascii_strdown (a->remote_party, -1) : NULL;
      at = row.contact != NULL ? strchr (row.contact, '@') : NULL;
      row.domain = at != NULL && at[1] != '\0' ? g_strdup (at + 1) : NULL;
      row.network = network_of (a->invite->local);
      if (a->invite->input < inputs->len)
        row.client = ((const LdInput *) g_ptr_array_index (inputs, a->invite->input))->client;
      row_fill_media (analysis, &row);
      g_array_append_val (rows, row);
    }
  return rows;
}

/* The eight rules below compare the same rows; build them once per run of
 * the findings (ld_findings_run() forgets them at its end). */
static GQuark
rows_quark (void)
{
  return g_quark_from_static_string ("ld-rules-cross-rows");
}

static GArray *
cross_rows (LdAnalysis *analysis)
{
  GArray *rows = g_object_get_qdata (G_OBJECT (analysis), rows_quark ());

  if (rows == NULL)
    {
      rows = collect_rows (analysis);
      g_object_set_qdata_full (G_OBJECT (analysis), rows_quark (), rows, (GDestroyNotify) g_array_unref);
    }
  return rows;
}

/* Builds the rows now, so the rules running on several threads only read
 * them. */
void
ld_rules_cross_prepare (LdAnalysis *analysis)
{
  (void) cross_rows (analysis);
}

void
ld_rules_cross_forget (LdAnalysis *analysis)
{
  g_object_set_qdata (G_OBJECT (analysis), rows_quark (), NULL);
}

static void
add_row_evidence (LdFinding *f,
                  GArray    *rows,
                  gboolean   failed,
                  guint      max)
{
  guint n = 0;

  for (guint i = 0; i < rows->len && n < max; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

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
} Common;

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

/* TRUE when every failure has the same known value, calls with another
 * value worked, and no call with that value worked.  With @same_class,
 * only successes of a modality that also failed are compared (a working
 * audio call says nothing about sharing with the same person). */
static gboolean
find_common (GArray   *rows,
             KeyFunc   key,
             gboolean  same_class,
             Common   *c)
{
  gboolean failed_class[2] = { FALSE, FALSE };
  g_autoptr(GHashTable) others = g_hash_table_new (ascii_case_hash, ascii_case_equal);
  g_autoptr(GHashTable) contacts = g_hash_table_new (ascii_case_hash, ascii_case_equal);

  memset (c, 0, sizeof *c);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);
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
      const Row *r = &g_array_index (rows, Row, i);
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
add_common_evidence (LdFinding *f,
                     GArray    *rows,
                     KeyFunc    key,
                     const char *value)
{
  guint ok = 0;

  add_row_evidence (f, rows, TRUE, MAX_FAILURE_EVIDENCE);
  for (guint i = 0; i < rows->len && ok < MAX_SUCCESS_EVIDENCE; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      if (r->failed || key (r) == NULL || same_value (key (r), value))
        continue;
      ld_rule_add_attempt_evidence (f, r->a);
      ok++;
    }
}

void
ld_rule_fails_one_contact (LdAnalysis   *analysis,
                           const LdRule *rule,
                           GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  g_autofree char *action = NULL;
  Common c;
  LdFinding *f;

  if (!find_common (rows, key_contact, TRUE, &c))
    return;
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), c.failures >= 2 ? LD_CONFIDENCE_MEDIUM : LD_CONFIDENCE_LOW,
                      g_strdup_printf (_("Calls fail only with %s"), c.value),
                      g_strdup_printf (_("Every failed call in the log (%u) was with %s (the contact, or the "
                                         "organiser of the meeting). The same kind of call worked %u times with "
                                         "%u other contacts, and never with %s. The problem is likely on the "
                                         "path to that contact: their network, firewall, security software or "
                                         "Edge server."),
                                       c.failures, c.value, c.other_successes, c.other_values, c.value));
  action = g_strdup_printf (_("Ask whether someone else can reproduce the failure with %s (KB 2386684): if they "
                              "can, the cause is on the contact's side."), c.value);
  ld_finding_add_action (f, action);
  ld_finding_add_action (f, _("Collect the contact's client log as well and open both logs together."));
  add_common_evidence (f, rows, key_contact, c.value);
  g_ptr_array_add (out, f);
}

void
ld_rule_fails_one_domain (LdAnalysis   *analysis,
                          const LdRule *rule,
                          GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  g_autofree char *action = NULL;
  Common c;
  LdFinding *f;

  /* With one contact it is fails-one-contact. */
  if (!find_common (rows, key_domain, TRUE, &c) || c.failed_contacts < 2)
    return;
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                      g_strdup_printf (_("Calls fail with everyone at %s"), c.value),
                      g_strdup_printf (_("All %u failed calls were with %u different contacts at %s, while the same "
                                         "kind of call worked %u times with %u other domains and never with %s. "
                                         "The path to that organisation is the suspect: federation and its "
                                         "A/V Edge, or that organisation's network."),
                                       c.failures, c.failed_contacts, c.value, c.other_successes, c.other_values,
                                       c.value));
  action = g_strdup_printf (_("Check federation with %s and ask its administrator to check their A/V Edge "
                              "(external firewall, TCP/UDP 50000–59999, public NAT address)."), c.value);
  ld_finding_add_action (f, action);
  add_common_evidence (f, rows, key_domain, c.value);
  g_ptr_array_add (out, f);
}

void
ld_rule_fails_one_relay (LdAnalysis   *analysis,
                         const LdRule *rule,
                         GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  g_autofree char *action = NULL;
  Common c;
  LdFinding *f;

  if (!find_common (rows, key_relay, FALSE, &c) || c.failures < 2)
    return;
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                      g_strdup_printf (_("Calls fail whenever the media relay %s is used"), c.value),
                      g_strdup_printf (_("All %u failed calls used the media relay (A/V Edge) %s on this client's "
                                         "side, while %u calls through %u other relays worked and none through "
                                         "%s. One Edge server of the pool, or the firewall in front of it, is "
                                         "the suspect."),
                                       c.failures, c.value, c.other_successes, c.other_values, c.value));
  action = g_strdup_printf (_("Check the A/V Edge server that owns %s: its services, its external firewall rules "
                              "(TCP 443, UDP 3478, TCP/UDP 50000–59999) and its public (NAT) address."), c.value);
  ld_finding_add_action (f, action);
  add_common_evidence (f, rows, key_relay, c.value);
  g_ptr_array_add (out, f);
}

void
ld_rule_fails_one_network (LdAnalysis   *analysis,
                           const LdRule *rule,
                           GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  Common c;
  LdFinding *f;

  if (!find_common (rows, key_network, FALSE, &c) || c.failures < 2)
    return;
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                      g_strdup_printf (_("Calls fail only from the network %s"), c.value),
                      g_strdup_printf (_("All %u failed calls were made while this computer had an address in "
                                         "%s, while %u calls from %u other networks worked and none from %s. "
                                         "That network (home, hotel, a branch office, a VPN) blocks or inspects "
                                         "the media."),
                                       c.failures, c.value, c.other_successes, c.other_values, c.value));
  ld_finding_add_action (f, _("Find out which network that address range belongs to and check its firewall, proxy "
                              "and VPN settings for TCP 443, UDP 3478 and TCP/UDP 50000–59999 to the A/V Edge."));
  add_common_evidence (f, rows, key_network, c.value);
  g_ptr_array_add (out, f);
}

void
ld_rule_fails_one_client_version (LdAnalysis   *analysis,
                                  const LdRule *rule,
                                  GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  Common c;
  LdFinding *f;

  if (!find_common (rows, key_client, FALSE, &c) || c.failures < 2)
    return;
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_LOW,
                      g_strdup_printf (_("Calls fail only with the client %s"), c.value),
                      g_strdup_printf (_("All %u failed calls came from %s, while %u calls from %u other client "
                                         "versions worked and none from %s."),
                                       c.failures, c.value, c.other_successes, c.other_values, c.value));
  ld_finding_add_action (f, _("Update that client to the current cumulative update and retry."));
  add_common_evidence (f, rows, key_client, c.value);
  g_ptr_array_add (out, f);
}

/* ---- Location, modality, time ------------------------------------------------------------------ */

void
ld_rule_fails_all_remote (LdAnalysis   *analysis,
                          const LdRule *rule,
                          GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  g_autoptr(GHashTable) contacts = g_hash_table_new (ascii_case_hash, ascii_case_equal);
  guint failed_edge = 0, ok_edge = 0, ok_internal = 0, self_outside = 0;
  g_autoptr(GString) s = NULL;
  LdFinding *f;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      if (r->where == WHERE_INTERNAL && !r->failed)
        ok_internal++;
      if (r->where != WHERE_EDGE)
        continue;
      if (!r->failed)
        {
          ok_edge++;
          continue;
        }
      failed_edge++;
      self_outside += r->self_outside;
      if (r->contact != NULL)
        g_hash_table_add (contacts, (gpointer) r->contact);
    }
  if (failed_edge < 2 || ok_edge > 0)
    return;

  s = g_string_new (NULL);
  g_string_append_printf (s, _("All %u calls whose media had to pass the Edge server (one side outside the "
                               "company network, or federated) failed, with %u different contacts; none of them "
                               "worked. "), failed_edge, g_hash_table_size (contacts));
  if (ok_internal > 0)
    g_string_append_printf (s, _("%u calls between computers inside the company network worked. "), ok_internal);
  if (self_outside > 0)
    g_string_append_printf (s, _("This computer itself was outside the company network in %u of the failed calls: "
                                 "its own connection to the Edge (home or hotel network, VPN, proxy) is the first "
                                 "suspect."), self_outside);
  else
    g_string_append (s, _("The A/V Edge, or the company firewall in front of it, is the first suspect."));
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule),
                      ok_internal > 0 && g_hash_table_size (contacts) >= 2 ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM,
                      g_strdup (_("Every call that had to go through the Edge server failed")),
                      g_string_free (g_steal_pointer (&s), FALSE));
  ld_finding_add_action (f, _("Check the path from this client to the A/V Edge: TCP 443, UDP 3478 and TCP/UDP "
                              "50000–59999 outbound, no HTTP proxy or SSL inspection in between."));
  ld_finding_add_action (f, _("Check the A/V Edge itself: its services, its external firewall and its public "
                              "(NAT) address."));
  for (guint i = 0, n = 0; i < rows->len && n < MAX_FAILURE_EVIDENCE; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      if (r->where == WHERE_EDGE && r->failed)
        {
          ld_rule_add_attempt_evidence (f, r->a);
          n++;
        }
    }
  g_ptr_array_add (out, f);
}

void
ld_rule_fails_only_app_sharing (LdAnalysis   *analysis,
                                const LdRule *rule,
                                GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  guint failed_share = 0, ok_share = 0, failed_av = 0, ok_av = 0;
  const char *same_contact = NULL;
  g_autoptr(GString) s = NULL;
  LdFinding *f;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      if (r->mclass == CLASS_SHARING && r->failed)
        failed_share++;
      else if (r->mclass == CLASS_SHARING)
        ok_share++;
      else if (r->failed)
        failed_av++;
      else
        ok_av++;
    }
  if (failed_share == 0 || failed_av > 0 || ok_av == 0)
    return;

  /* Audio with the very contact sharing failed with is the strongest
   * comparison: same people, same day, only the modality differs. */
  for (guint i = 0; i < rows->len && same_contact == NULL; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      if (r->mclass != CLASS_SHARING || !r->failed)
        continue;
      for (guint j = 0; j < rows->len; j++)
        {
          const Row *o = &g_array_index (rows, Row, j);

          if (o->mclass == CLASS_AV && !o->failed && same_value (o->contact, r->contact))
            {
              same_contact = r->contact;
              break;
            }
        }
    }

  s = g_string_new (NULL);
  g_string_append_printf (s, _("Application sharing failed %u of %u times, while audio/video worked %u of %u "
                               "times"), failed_share, failed_share + ok_share, ok_av, ok_av);
  if (same_contact != NULL)
    g_string_append_printf (s, _(", including with the same contact (%s)"), same_contact);
  g_string_append (s, _(". Audio and video prefer UDP; sharing and file transfer use TCP only (Resource Kit ch. 9). "
                        "A network or computer that lets UDP media through but blocks or inspects TCP media breaks "
                        "sharing alone — the pattern of the field report where the antivirus inspected the "
                        "traffic."));
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), same_contact != NULL ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM,
                      g_strdup (_("Only application sharing fails; audio works")),
                      g_string_free (g_steal_pointer (&s), FALSE));
  ld_finding_add_action (f, _("Look at the TCP media path: TCP 443 and TCP 50000–59999 to the A/V Edge, firewall "
                              "application inspection, and antivirus software that inspects network traffic."));
  add_row_evidence (f, rows, TRUE, MAX_FAILURE_EVIDENCE);
  for (guint i = 0, n = 0; i < rows->len && n < MAX_SUCCESS_EVIDENCE; i++)
    {
      const Row *r = &g_array_index (rows, Row, i);

      if (r->mclass == CLASS_AV && !r->failed)
        {
          ld_rule_add_attempt_evidence (f, r->a);
          n++;
        }
    }
  g_ptr_array_add (out, f);
}

void
ld_rule_failures_started_at (LdAnalysis   *analysis,
                             const LdRule *rule,
                             GPtrArray    *out)
{
  GArray *rows = cross_rows (analysis);
  guint first_failure = G_MAXUINT;
  const Row *before, *after;
  g_autofree char *when = NULL;
  g_autofree char *last_ok = NULL;
  g_autoptr(GString) s = NULL;
  LdFinding *f;

  for (guint i = 0; i < rows->len; i++)
    if (g_array_index (rows, Row, i).failed)
      {
        first_failure = i;
        break;
      }
  /* Attempts are in time order; at least two of each side make a change,
   * not a single bad call. */
  if (first_failure == G_MAXUINT || first_failure < 2 || rows->len - first_failure < 2)
    return;
  for (guint i = first_failure; i < rows->len; i++)
    if (!g_array_index (rows, Row, i).failed)
      return;

  before = &g_array_index (rows, Row, first_failure - 1);
  after = &g_array_index (rows, Row, first_failure);
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
  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                      g_strdup_printf (_("Calls have failed since %s"), when),
                      g_string_free (g_steal_pointer (&s), FALSE));
  ld_finding_add_action (f, _("Ask what changed at that time: network (VPN, Wi-Fi, working from home), firewall or "
                              "antivirus updates, proxy settings, or maintenance on the Edge servers."));
  ld_rule_add_attempt_evidence (f, before->a);
  add_row_evidence (f, rows, TRUE, MAX_FAILURE_EVIDENCE);
  g_ptr_array_add (out, f);
}
