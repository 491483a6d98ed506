/* ld-rules.c - the rule table of the findings engine and what the rules share
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

/* The order matters in one place only: unexplained-failure is last, because
 * it reports the failed attempts that no row above explained.  The rules
 * across attempts (ids "fails-…" / "failures-…") describe patterns, not
 * causes, so unexplained-failure does not count them as explanations. */
static const LdRule rules[] = {
  { .id = "meet-lync-blocked", .func = ld_rule_meet_lync_blocked },
  { .id = "ports-blocked", .func = ld_rule_ports_blocked },
  { .id = "edge-to-edge", .func = ld_rule_edge_to_edge },
  { .id = "tcp-media-blocked", .func = ld_rule_tcp_media_blocked },
  { .id = "turn-unreachable", .func = ld_rule_turn_unreachable },
  { .id = "udp-blocked", .func = ld_rule_udp_blocked },
  { .id = "turn-credentials", .func = ld_rule_turn_credentials },
  { .id = "no-turn-server", .func = ld_rule_no_turn_server },
  { .id = "port-range-exhausted", .func = ld_rule_port_range_exhausted },
  { .id = "proxy-tls-inspection", .func = ld_rule_proxy_tls_inspection },
  { .id = "proxy-auth-failed", .func = ld_rule_proxy_auth_failed },
  { .id = "winsock-lsp", .func = ld_rule_winsock_lsp },
  { .id = "bandwidth-policy", .func = ld_rule_bandwidth_policy },
  { .id = "federated-media", .func = ld_rule_federated_media },
  { .id = "internal-media-blocked", .func = ld_rule_internal_media_blocked },
  { .id = "encryption-mismatch", .func = ld_rule_code_rows },
  { .id = "conference-refused", .func = ld_rule_code_rows },
  { .id = "user-unknown", .func = ld_rule_code_rows },
  { .id = "federation-dns", .func = ld_rule_code_rows },
  { .id = "federation-certificate", .func = ld_rule_code_rows },
  { .id = "external-access-policy", .func = ld_rule_code_rows },
  { .id = "exchange-um", .func = ld_rule_code_rows },
  { .id = "delegate-refused", .func = ld_rule_code_rows },
  { .id = "account-disabled", .func = ld_rule_code_rows },
  { .id = "sign-in-unauthorized", .func = ld_rule_code_rows },
  { .id = "sign-in-refused", .func = ld_rule_code_rows },
  { .id = "multipart-not-supported", .func = ld_rule_multipart_refused },
  { .id = "duplicate-conversation", .func = ld_rule_duplicate_conversation },
  { .id = "user-unavailable", .func = ld_rule_code_rows },
  { .id = "call-declined", .func = ld_rule_code_rows },
  { .id = "server-certificate-mismatch", .func = ld_rule_server_diagnostics },
  { .id = "server-srv-domain-mismatch", .func = ld_rule_server_diagnostics },
  { .id = "server-routing", .func = ld_rule_server_diagnostics },
  { .id = "server-tls-failure", .func = ld_rule_server_diagnostics },
  { .id = "server-diagnostic", .func = ld_rule_server_diagnostics },
  { .id = "no-response", .func = ld_rule_no_response },
  { .id = "fails-one-contact", .func = ld_rule_fails_one_contact },
  { .id = "fails-one-domain", .func = ld_rule_fails_one_domain },
  { .id = "fails-all-remote", .func = ld_rule_fails_all_remote },
  { .id = "fails-only-app-sharing", .func = ld_rule_fails_only_app_sharing },
  { .id = "fails-one-relay", .func = ld_rule_fails_one_relay },
  { .id = "fails-one-network", .func = ld_rule_fails_one_network },
  { .id = "fails-one-client-version", .func = ld_rule_fails_one_client_version },
  { .id = "failures-started-at", .func = ld_rule_failures_started_at },
  { .id = "unexplained-failure", .func = ld_rule_unexplained_failure },
};

const LdRule *
ld_rules_get_table (guint *n_rules)
{
  *n_rules = G_N_ELEMENTS (rules);
  return rules;
}

gboolean
ld_rule_is_cross_attempt (const char *id)
{
  return g_str_has_prefix (id, "fails-") || g_str_has_prefix (id, "failures-");
}

/* ---- Attempts ----------------------------------------------------------- */

gboolean
ld_rule_attempt_failed (const LdAttempt *a)
{
  return a->outcome == LD_OUTCOME_FAILED;
}

const char *
ld_rule_modality_label (LdModality modality)
{
  switch (modality)
    {
    case LD_MODALITY_FOCUS:
      return _("meeting join");
    case LD_MODALITY_CHAT:
      return _("instant messaging");
    case LD_MODALITY_AUDIO_VIDEO:
      return _("audio/video");
    case LD_MODALITY_APPLICATION_SHARING:
      return _("application sharing");
    case LD_MODALITY_AUDIO:
      return _("audio call");
    case LD_MODALITY_VIDEO:
      return _("video call");
    case LD_MODALITY_DATA:
      return _("file transfer / data collaboration");
    case LD_MODALITY_OTHER:
    default:
      return _("call");
    }
}

/* "attempt 3 (application sharing in the meeting of sip:joe@contoso.com,
 * 2014-01-30 10:05:14.310)": what a reader needs to find it in the list. */
char *
ld_rule_dup_attempt_label (const LdAttempt *a)
{
  g_autofree char *when = ld_format_time (a->start);
  const char *who = a->remote_party != NULL ? a->remote_party : a->target;

  if (a->kind == LD_ATTEMPT_SIGN_IN)
    {
      if (a->sign_out && a->incoming)
        return g_strdup_printf (_("attempt %u (the server signing %s out, %s)"), a->id, who, when);
      return g_strdup_printf (_("attempt %u (signing in as %s, %s)"), a->id, who, when);
    }
  if (ld_attempt_kind_is_routine (a->kind))
    {
      const char *method = a->invite != NULL && a->invite->method != NULL ? a->invite->method : "SIP";

      if (a->incoming)
        return g_strdup_printf (_("attempt %u (%s request from %s, %s)"), a->id, method, who, when);
      return g_strdup_printf (_("attempt %u (%s request to %s, %s)"), a->id, method, who, when);
    }
  if (a->kind == LD_ATTEMPT_CONFERENCE)
    {
      if (a->modality == LD_MODALITY_FOCUS)
        return g_strdup_printf (_("attempt %u (joining the meeting of %s, %s)"), a->id, who, when);
      return g_strdup_printf (_("attempt %u (%s in the meeting of %s, %s)"), a->id,
                              ld_rule_modality_label (a->modality), who, when);
    }
  if (a->incoming)
    return g_strdup_printf (_("attempt %u (%s from %s, %s)"), a->id,
                            ld_rule_modality_label (a->modality), who, when);
  return g_strdup_printf (_("attempt %u (%s with %s, %s)"), a->id,
                          ld_rule_modality_label (a->modality), who, when);
}

static const LdDiagnostic *
primary_failure (const LdAttempt *a)
{
  const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);

  return d != NULL && ld_attempt_diagnostic_is_failure (a, d) ? d : NULL;
}

/* The outcome of a sign-in, subscription, SERVICE… in words: who answered
 * what, and which side sent the message that failed it. */
/* "ms-diagnostics 4268" or "ms-diagnostics 1003 (“User does not exist”)":
 * no empty quotes for a code written without a reason. */
static char *
dup_code_words (const LdDiagnostic *d)
{
  if (d->reason != NULL && *d->reason != '\0')
    return g_strdup_printf ("%s %d (“%s”)", ld_diag_header_to_string (d->header), d->code, d->reason);
  return g_strdup_printf ("%s %d", ld_diag_header_to_string (d->header), d->code);
}

static void
append_routine_outcome (GString         *s,
                        const LdAttempt *a,
                        const char      *label)
{
  const LdDiagnostic *d = primary_failure (a);

  switch (a->outcome)
    {
    case LD_OUTCOME_FAILED:
      if (a->sign_out && a->incoming)
        g_string_append_printf (s, _("In %s the server signed this user out."), label);
      else if (a->status >= 300 && a->failure_side == LD_DIRECTION_SENT)
        g_string_append_printf (s, _("In %s this client refused the request: it answered %d %s."), label,
                                a->status, a->status_reason != NULL ? a->status_reason : "");
      else if (a->status >= 300)
        g_string_append_printf (s, _("In %s the request was answered %d %s."), label, a->status,
                                a->status_reason != NULL ? a->status_reason : "");
      else
        g_string_append_printf (s, _("In %s the request failed."), label);
      if (d != NULL)
        {
          g_autofree char *code = dup_code_words (d);
          g_string_append_printf (s, _(" %s%s%s."), code, d->source != NULL ? _(" from ") : "",
                                  d->source != NULL ? d->source : "");
        }
      break;
    case LD_OUTCOME_SUCCEEDED:
      g_string_append_printf (s, _("In %s the request succeeded (answered %d %s)."), label, a->status,
                              a->status_reason != NULL ? a->status_reason : "");
      break;
    case LD_OUTCOME_CANCELLED:
      g_string_append_printf (s, _("In %s the request was cancelled before it was answered."), label);
      break;
    case LD_OUTCOME_NO_RESPONSE:
    default:
      g_string_append_printf (s, _("In %s the request got no final response in the log."), label);
      break;
    }
}

void
ld_rule_append_outcome (GString         *s,
                        const LdAttempt *a)
{
  const LdDiagnostic *d = primary_failure (a);
  g_autofree char *label = ld_rule_dup_attempt_label (a);
  g_autofree char *code = d != NULL ? dup_code_words (d) : NULL;

  if (ld_attempt_kind_is_routine (a->kind))
    {
      append_routine_outcome (s, a, label);
      return;
    }
  switch (a->outcome)
    {
    case LD_OUTCOME_FAILED:
      if (d != NULL && d->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS && d->message != NULL &&
          d->message->direction == LD_DIRECTION_SENT)
        g_string_append_printf (s, _("In %s this client reported %s."), label, code);
      else if (d != NULL && d->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS && d->message != NULL &&
               d->message->direction == LD_DIRECTION_RECEIVED)
        g_string_append_printf (s, _("In %s the other client reported %s."), label, code);
      else if (d != NULL && d->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
        g_string_append_printf (s, _("In %s the client reported %s."), label, code);
      else if (d != NULL && d->source != NULL)
        g_string_append_printf (s, _("In %s the server %s answered %s."), label, d->source, code);
      else if (d != NULL)
        g_string_append_printf (s, _("In %s a server answered %s."), label, code);
      else
        g_string_append_printf (s, _("In %s the call failed."), label);
      if (a->status >= 300 && a->failure_side == LD_DIRECTION_SENT)
        g_string_append_printf (s, _(" This client answered the INVITE %d %s."), a->status,
                                a->status_reason != NULL ? a->status_reason : "");
      else if (a->status >= 300)
        g_string_append_printf (s, _(" The INVITE was answered %d %s."), a->status,
                                a->status_reason != NULL ? a->status_reason : "");
      else if (a->status >= 200)
        g_string_append_printf (s, _(" Signalling worked (the INVITE was answered %d %s); the media "
                                     "connection is what failed."), a->status,
                                a->status_reason != NULL ? a->status_reason : "");
      break;
    case LD_OUTCOME_SUCCEEDED:
      g_string_append_printf (s, _("In %s the call connected (answered %d %s)."), label, a->status,
                              a->status_reason != NULL ? a->status_reason : "");
      break;
    case LD_OUTCOME_CANCELLED:
      g_string_append_printf (s, _("In %s the call was cancelled before it was answered."), label);
      break;
    case LD_OUTCOME_NO_RESPONSE:
    default:
      g_string_append_printf (s, _("In %s the INVITE got no final response in the log."), label);
      break;
    }
}

/* Which side sent the message that failed: this client, or the other side
 * (a server or the other client). */
void
ld_rule_append_side (GString            *s,
                     const LdSipMessage *m)
{
  if (m == NULL)
    return;
  if (m->direction == LD_DIRECTION_SENT)
    g_string_append (s, m->is_request ? _(" This client sent that request.")
                                      : _(" This client sent that response: it refused the request itself."));
  else if (m->direction == LD_DIRECTION_RECEIVED && m->is_request &&
           (g_strcmp0 (m->method, "NOTIFY") == 0 || g_strcmp0 (m->method, "BENOTIFY") == 0))
    /* Notifications come from the server the client subscribed (or
     * registered) with. */
    g_string_append (s, _(" The server sent that request to this client."));
  else if (m->direction == LD_DIRECTION_RECEIVED)
    g_string_append (s, m->is_request ? _(" The other side sent that request.")
                                      : _(" This client received that response."));
}

/* ---- Media debug ---------------------------------------------------------- */

static const char *
media_attribute_name (const LdMediaDebug *m)
{
  return m->role == LD_MEDIA_ROLE_CALLEE ? "CalleeMediaDebug" : "CallerMediaDebug";
}

/* Local/Remote in a media debug attribute are seen from the client that
 * wrote it: say whose view it is, or "this side" would mislead. */
static const char *
media_writer (const LdDiagnostic *d)
{
  if (d->message != NULL && d->message->direction == LD_DIRECTION_SENT)
    return _("written by this client");
  if (d->message != NULL && d->message->direction == LD_DIRECTION_RECEIVED)
    return _("written by the other side");
  return _("writer unknown");
}

void
ld_rule_append_ice_bits (GString          *s,
                         const LdMediaRef *ref)
{
  const LdMediaDebug *m = ref->media;
  LdIceBit bits[32];
  guint n;
  g_autofree char *sum = NULL;

  if (!m->has_ice_warn)
    return;
  sum = ld_ice_warn_dup_sum (m->ice_warn);
  n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);
  g_string_append_printf (s, _("%s (%s, %s) ICEWarn=0x%x = %s:"),
                          media_attribute_name (m), m->modality != NULL ? m->modality : "?",
                          media_writer (ref->diag), (unsigned int) m->ice_warn, sum);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *hex = g_strdup_printf ("0x%x", (unsigned int) bits[i].bit);

      g_string_append_printf (s, "\n  %-9s  %s", hex, _(bits[i].meaning));
      if (bits[i].expected)
        g_string_append (s, _(" (often expected)"));
    }
  if (n == 0)
    g_string_append (s, _(" no warning"));
}

static const char *
location_words (LdLocation location)
{
  switch (location)
    {
    case LD_LOCATION_REMOTE:
      return _("outside the company network");
    case LD_LOCATION_INTERNAL:
      return _("inside the company network");
    case LD_LOCATION_UNKNOWN:
    default:
      return _("not known");
    }
}

/* "PortRange=50040:50049" -> 10; 0 when absent, masked or not a range. */
guint
ld_rule_port_range_width (const char *value)
{
  g_auto(GStrv) parts = NULL;
  guint64 first, last;

  if (value == NULL)
    return 0;
  parts = g_strsplit (value, ":", 3);
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[0]), 10, 0, 65535, &first, NULL) ||
      !g_ascii_string_to_unsigned (g_strstrip (parts[1]), 10, 0, 65535, &last, NULL) || last < first)
    return 0;
  return (guint) (last - first + 1);
}

void
ld_rule_append_media_facts (GString          *s,
                            const LdMediaRef *ref)
{
  const LdMediaDebug *m = ref->media;
  const char *lloc = ld_media_debug_get_field (m, "LocalLocation");
  const char *rloc = ld_media_debug_get_field (m, "RemoteLocation");
  const char *fed = ld_media_debug_get_field (m, "FederationType");
  const char *lmr = ld_media_debug_get_field (m, "LocalMR");
  const char *rmr = ld_media_debug_get_field (m, "RemoteMR");
  const char *ltcp = ld_media_debug_get_field (m, "LocalMRTCPPort");
  const char *rtcp = ld_media_debug_get_field (m, "RemoteMRTCPPort");
  const char *lsite = ld_media_debug_get_field (m, "LocalSite");
  const char *rsite = ld_media_debug_get_field (m, "RemoteSite");
  const char *range = ld_media_debug_get_field (m, "PortRange");
  guint width = ld_rule_port_range_width (range);

  if (lloc != NULL || rloc != NULL)
    {
      g_string_append_printf (s, _("Locations, as seen by the writer of %s: LocalLocation=%s (%s), "
                                   "RemoteLocation=%s (%s)"),
                              media_attribute_name (m), lloc ? lloc : "-", location_words (m->local_location),
                              rloc ? rloc : "-", location_words (m->remote_location));
      if (fed != NULL)
        g_string_append_printf (s, _(", FederationType=%s (%s)"), fed,
                                m->federation_type >= 1 ? _("federated") : _("not federated"));
      g_string_append (s, ".\n");
    }
  if (ld_rule_address_usable (lmr) || ld_rule_address_usable (rmr))
    {
      g_autofree char *local = NULL;
      g_autofree char *remote = NULL;

      local = ltcp != NULL ? g_strdup_printf (_("%s (TCP port %s)"), lmr && *lmr ? lmr : _("none"), ltcp)
                           : g_strdup (lmr && *lmr ? lmr : _("none"));
      remote = rtcp != NULL ? g_strdup_printf (_("%s (TCP port %s)"), rmr && *rmr ? rmr : _("none"), rtcp)
                            : g_strdup (rmr && *rmr ? rmr : _("none"));
      g_string_append_printf (s, _("Media relays (TURN on the A/V Edge): LocalMR=%s, RemoteMR=%s.\n"),
                              local, remote);
    }
  else if (lmr != NULL || rmr != NULL)
    g_string_append (s, _("No usable media relay address was reported (LocalMR/RemoteMR empty or masked).\n"));
  else
    g_string_append (s, _("No media relay address (LocalMR/RemoteMR) was reported: no relay was allocated.\n"));
  if (lsite != NULL || rsite != NULL)
    g_string_append_printf (s, _("Candidate sites: LocalSite=%s, RemoteSite=%s.\n"),
                            lsite ? lsite : "-", rsite ? rsite : "-");
  /* 1025:65000 is what clients report when no range is enforced. */
  if (width >= 64000)
    g_string_append_printf (s, _("PortRange=%s: the client's media ports are not restricted.\n"), range);
  else if (width > 0)
    g_string_append_printf (s, _("PortRange=%s: the client may use %u media ports.\n"), range, width);
  /* Paragraphs end without a trailing line break. */
  if (s->len > 0 && s->str[s->len - 1] == '\n')
    g_string_truncate (s, s->len - 1);
}

/* Asked for each attempt by a dozen rules: the name is looked up once, not
 * under the quark table's lock every time. */
static GQuark
media_quark (void)
{
  static gsize quark;

  if (g_once_init_enter (&quark))
    g_once_init_leave (&quark, g_quark_from_static_string ("ld-rules-media-refs"));
  return (GQuark) quark;
}

/* Every attempt's media debug attributes in one block, worked out once
 * per run of the rules: a dozen rules ask for each attempt in turn.  The
 * attempt with id n has refs[start[n - 1]] up to refs[start[n]]. */
struct _LdMediaIndex
{
  LdMediaRef *refs;
  guint      *start;
  guint       n_attempts;
};
typedef LdMediaIndex MediaIndex;

static void
media_index_free (MediaIndex *index)
{
  g_free (index->refs);
  g_free (index->start);
  g_free (index);
}

/* Those carried by a failure diagnostic come first, so evidence names the
 * failure header.  Counts them when @to is NULL. */
static guint
collect_media (const LdAttempt *a,
               LdMediaRef      *to)
{
  guint n = 0;

  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < a->diagnostics->len; i++)
      {
        const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);

        if (ld_diagnostic_is_failure (d) != (pass == 0) || d->media == NULL)
          continue;
        for (guint j = 0; j < d->media->len; j++, n++)
          if (to != NULL)
            to[n] = (LdMediaRef) { d, g_ptr_array_index (d->media, j) };
      }
  return n;
}

typedef struct
{
  GPtrArray  *attempts;
  MediaIndex *index;
} Indexing;

/* How many refs attempt @i has, into its start for now. */
static void
count_media (guint    i,
             gpointer data)
{
  Indexing *ix = data;

  ix->index->start[i] = collect_media (g_ptr_array_index (ix->attempts, i), NULL);
}

static void
fill_media (guint    i,
            gpointer data)
{
  Indexing *ix = data;

  collect_media (g_ptr_array_index (ix->attempts, i), ix->index->refs + ix->index->start[i]);
}

/* Works out every attempt's list before the rules run, so the rules
 * running on several threads only read them. Each attempt's count and
 * then its list are made on every thread of the pool (ld-parallel.c):
 * reading each attempt's diagnostics, far more than the cache holds, is
 * most of the work. */
void
ld_rules_media_prepare (LdAnalysis *analysis)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  MediaIndex *index = g_new0 (MediaIndex, 1);
  Indexing ix = { attempts, index };
  guint total = 0;

  index->n_attempts = attempts->len;
  index->start = g_new (guint, attempts->len + 1);
  _ld_parallel_for (attempts->len, 256, count_media, &ix);
  for (guint i = 0; i < attempts->len; i++)
    {
      guint n = index->start[i];

      index->start[i] = total;
      total += n;
    }
  index->start[attempts->len] = total;
  index->refs = g_new (LdMediaRef, MAX (total, 1));
  _ld_parallel_for (attempts->len, 256, fill_media, &ix);
  g_object_set_qdata_full (G_OBJECT (analysis), media_quark (), index, (GDestroyNotify) media_index_free);
}

/* Drops what ld_rules_media_prepare() worked out, at the end of a run. */
void
ld_rules_media_forget (LdAnalysis *analysis)
{
  g_object_set_qdata (G_OBJECT (analysis), media_quark (), NULL);
}

/* Every attempt's media debug attributes, for ld_rule_get_media(); valid
 * while the rules run (ld_rules_media_prepare()). A rule looks it up once:
 * the object's data is behind a lock, and a lookup per attempt made the
 * rules on the pool's threads wait on each other in futex calls. */
const LdMediaIndex *
ld_rule_media_index (LdAnalysis *analysis)
{
  const MediaIndex *index = g_object_get_qdata (G_OBJECT (analysis), media_quark ());

  g_return_val_if_fail (index != NULL, NULL);
  return index;
}

/* Every media debug attribute of @a, those of failure diagnostics first. */
LdMediaRefs
ld_rule_get_media (const LdMediaIndex *index,
                   const LdAttempt    *a)
{
  LdMediaRefs refs = { NULL, 0 };

  /* Attempt ids are their places in the analysis's list, from 1. */
  g_return_val_if_fail (index != NULL, refs);
  g_return_val_if_fail (a->id >= 1 && a->id <= index->n_attempts, refs);
  refs.v = index->refs + index->start[a->id - 1];
  refs.len = index->start[a->id] - index->start[a->id - 1];
  return refs;
}

const LdMediaRef *
ld_rule_find_media (LdMediaRefs refs,
                    guint32     any,
                    guint32     all)
{
  for (guint i = 0; i < refs.len; i++)
    {
      const LdMediaRef *ref = &refs.v[i];
      guint32 v = ref->media->ice_warn;

      if (!ref->media->has_ice_warn)
        continue;
      if ((v & all) != all)
        continue;
      if (any != 0 && (v & any) == 0)
        continue;
      return ref;
    }
  return NULL;
}

/* Sharing and file transfer use TCP media only (Resource Kit ch. 9, 0x20:
 * "local TCP for app sharing and file transfer"). */
gboolean
ld_rule_media_is_tcp_only (const LdAttempt    *a,
                           const LdMediaDebug *m)
{
  if (m != NULL && m->modality != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (m->modality, -1);

      if (strstr (lower, "sharing") != NULL || strstr (lower, "data") != NULL ||
          strstr (lower, "file") != NULL)
        return TRUE;
      if (strstr (lower, "audio") != NULL || strstr (lower, "video") != NULL)
        return FALSE;
    }
  return a->modality == LD_MODALITY_APPLICATION_SHARING || a->modality == LD_MODALITY_DATA;
}

/* Whether the media had to pass an Edge relay: a side outside the company
 * network, a federated call, or a failure code that says so (23-25). */
gboolean
ld_rule_media_needs_edge (const LdAttempt    *a,
                          const LdMediaDebug *m)
{
  if (m != NULL && (m->local_location == LD_LOCATION_REMOTE || m->remote_location == LD_LOCATION_REMOTE ||
                    m->federation_type >= 1))
    return TRUE;
  return ld_rule_find_code (a, TRUE, 23, 25) != NULL;
}

const LdDiagnostic *
ld_rule_find_code (const LdAttempt *a,
                   gboolean         client,
                   int              first,
                   int              last)
{
  for (guint i = 0; i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);

      if ((d->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS) != client)
        continue;
      if (d->code >= first && d->code <= last)
        return d;
    }
  return NULL;
}

/* ---- Addresses ------------------------------------------------------------ */

/* "192.168.100.1:58503", "192.168.100.1::58503" (as some clients write it),
 * "[2001:db8::1]:50000" -> the host part. */
char *
ld_rule_dup_address_host (const char *value)
{
  const char *colon;

  if (value == NULL)
    return NULL;
  while (g_ascii_isspace (*value))
    value++;
  if (*value == '[')
    {
      const char *close = strchr (value, ']');
      return close != NULL ? g_strndup (value + 1, close - value - 1) : g_strdup (value + 1);
    }
  colon = strchr (value, ':');
  if (colon != NULL && strchr (colon + 1, ':') != NULL && colon[1] != ':')
    return g_strdup (value); /* bare IPv6 without a port */
  return colon != NULL ? g_strndup (value, colon - value) : g_strdup (value);
}

/* Masked copies ("xx.xx.xxx.xx:xx") and empty fields are not addresses. */
gboolean
ld_rule_address_usable (const char *value)
{
  g_autofree char *host = ld_rule_dup_address_host (value);
  gboolean letters = FALSE;

  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  for (const char *p = host; *p; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '-')
        return FALSE;
      if (g_ascii_isalpha (*p) && *p != 'x' && *p != 'X')
        letters = TRUE;
    }
  return letters && strchr (host, '.') != NULL;
}

static void
add_unique (GPtrArray  *list,
            const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (g_ptr_array_index (list, i), value) == 0)
      return;
  g_ptr_array_add (list, g_strdup (value));
}

/* Relay candidates in the SDP: "a=candidate:3 1 TCP-PASS 6556159
 * 207.46.5.63 54829 typ relay raddr ..." ([MS-ICE2]: address is the fifth
 * field, port the sixth, the type follows "typ"). */
static void
add_sdp_relays (GPtrArray  *list,
                const char *body,
                gboolean    hosts_only)
{
  g_auto(GStrv) lines = NULL;

  if (body == NULL || strstr (body, "typ relay") == NULL)
    return;
  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) tok = NULL;

      if (!g_str_has_prefix (lines[i], "a=candidate:"))
        continue;
      tok = g_strsplit_set (g_strstrip (lines[i]), " \t", -1);
      if (g_strv_length (tok) < 8 || g_strcmp0 (tok[6], "typ") != 0 || g_strcmp0 (tok[7], "relay") != 0)
        continue;
      if (!g_hostname_is_ip_address (tok[4]))
        continue;
      if (hosts_only)
        add_unique (list, tok[4]);
      else
        {
          g_autofree char *addr = g_strdup_printf ("%s:%s", tok[4], tok[5]);
          add_unique (list, addr);
        }
    }
}

/* The media relay (A/V Edge) addresses the call used or offered: from
 * LocalMR/RemoteMR and from relay candidates.  NULL when there are none. */
char *
ld_rule_dup_relays (const LdAttempt *a,
                    gboolean         hosts_only)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);
  static const char *keys[] = { "LocalMR", "RemoteMR" };

  for (guint i = 0; i < a->diagnostics->len; i++)
    {
      const LdDiagnostic *d = g_ptr_array_index (a->diagnostics, i);

      for (guint j = 0; d->media != NULL && j < d->media->len; j++)
        for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
          {
            const char *v = ld_media_debug_get_field (g_ptr_array_index (d->media, j), keys[k]);

            if (!ld_rule_address_usable (v))
              continue;
            if (hosts_only)
              {
                g_autofree char *host = ld_rule_dup_address_host (v);
                add_unique (list, host);
              }
            else
              add_unique (list, v);
          }
    }
  for (guint i = 0; i < a->messages->len; i++)
    add_sdp_relays (list, ((const LdSipMessage *) g_ptr_array_index (a->messages, i))->body, hosts_only);

  if (list->len == 0)
    return NULL;
  g_ptr_array_add (list, NULL);
  return g_strjoinv (", ", (char **) list->pdata);
}

/* ---- Evidence ------------------------------------------------------------- */

char *
ld_rule_dup_status_line (const LdSipMessage *m)
{
  if (m->is_request)
    return g_strdup_printf ("%s %s SIP/2.0", m->method, m->request_uri ? m->request_uri : "");
  return g_strdup_printf ("SIP/2.0 %d %s", m->status, m->reason ? m->reason : "");
}

void
ld_rule_add_message_evidence (LdFinding          *f,
                              const LdAttempt    *a,
                              const LdSipMessage *m,
                              const char         *excerpt)
{
  g_autofree char *line = NULL;

  if (excerpt == NULL)
    excerpt = line = ld_rule_dup_status_line (m);
  ld_finding_add_evidence (f, a != NULL ? a->id : 0, m->input, m->line, m->time, excerpt);
}

void
ld_rule_add_diag_evidence (LdFinding          *f,
                           const LdAttempt    *a,
                           const LdDiagnostic *d)
{
  g_autofree char *excerpt = ld_finding_dup_diag_excerpt (d);
  const LdSipMessage *m = d->message != NULL ? d->message : a->invite;

  ld_finding_add_evidence (f, a->id, m->input, m->line, m->time, excerpt);
}

/* The best single line for an attempt: its failure header, else the final
 * response, else the INVITE. */
void
ld_rule_add_attempt_evidence (LdFinding       *f,
                              const LdAttempt *a)
{
  const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);

  if (d != NULL && d->message != NULL && (ld_diagnostic_is_failure (d) || a->outcome != LD_OUTCOME_FAILED))
    ld_rule_add_diag_evidence (f, a, d);
  else if (a->final_response != NULL)
    ld_rule_add_message_evidence (f, a, a->final_response, NULL);
  else
    ld_rule_add_message_evidence (f, a, a->invite, NULL);
}
