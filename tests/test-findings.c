/* test-findings.c - every finding rule: a log that triggers it and one that must not
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"

/* ---- Building client logs in memory ------------------------------------------ */

/* Framing as Lync 2010 writes it (tests/data/Communicator-uccapi-0.uccapilog):
 * a prefixed "Sending Packet" / "Data Received" line, the prefixed start
 * line, unprefixed headers and body, a prefixed "End of ..." line. */
typedef struct
{
  GString    *text;
  guint       ms;       /* clock: milliseconds since 14:00:00.000 */
  const char *local;    /* this client's SIP connection address */
  const char *server;
  const char *self;
  const char *ua;
  guint       serial;
} Log;

static void
append_prefix (Log        *l,
               const char *level)
{
  guint t = l->ms;

  g_string_append_printf (l->text, "03/12/2013|%02u:%02u:%02u.%03u F20:1A0 %s :: ",
                          14 + t / 3600000, t / 60000 % 60, t / 1000 % 60, t % 1000, level);
}

static void
log_trace (Log        *l,
           const char *level,
           const char *text)
{
  append_prefix (l, level);
  g_string_append_printf (l->text, "%s\n", text);
  l->ms += 7;
}

static void
log_init (Log *l)
{
  memset (l, 0, sizeof *l);
  l->text = g_string_new (NULL);
  l->local = "10.10.4.22:51876";
  l->server = "198.51.100.7:443";
  l->self = "carol@fabrikam.com";
  l->ua = "UCCAPI/4.0.7577.4356 OC/4.0.7577.4356 (Microsoft Lync 2010)";
  log_trace (l, "INFO", "UCCP Tracing started for Microsoft Lync 2010");
}

static void
log_clear (Log *l)
{
  g_string_free (l->text, TRUE);
}

/* @headers: one header per line, each ending in "\n". */
static void
log_sip (Log        *l,
         gboolean    sent,
         const char *start,
         const char *headers,
         const char *body)
{
  g_autofree char *msg = NULL;
  gsize n;

  body = body != NULL ? body : "";
  msg = g_strdup_printf ("%s\n%sContent-Length: %zu\n\n%s", start, headers, strlen (body), body);
  n = strlen (msg);
  append_prefix (l, "INFO");
  if (sent)
    g_string_append_printf (l->text, "Sending Packet - %s (From Local Address: %s) %zu bytes:\n",
                            l->server, l->local, n);
  else
    g_string_append_printf (l->text, "Data Received -%s (To Local Address: %s) %zu bytes:\n",
                            l->server, l->local, n);
  append_prefix (l, "INFO");
  g_string_append (l->text, msg);
  if (msg[n - 1] != '\n')
    g_string_append_c (l->text, '\n');
  l->ms += 1;
  append_prefix (l, "INFO");
  if (sent)
    g_string_append_printf (l->text, "End of Sending Packet - %s (From Local Address: %s) %zu bytes\n",
                            l->server, l->local, n);
  else
    g_string_append_printf (l->text, "End of Data Received -%s (To Local Address: %s) %zu bytes\n",
                            l->server, l->local, n);
  l->ms += 250;
}

typedef struct
{
  const char *to;             /* request URI: a user or a conference URI */
  const char *media;          /* "audio", "applicationsharing", or NULL */
  int         status;         /* final response; 0 for none */
  const char *final_headers;  /* extra headers of the final response */
  const char *bye_headers;    /* a BYE with these headers after a 200; NULL for none */
  const char *invite_type;    /* Content-Type of the INVITE; application/sdp when NULL */
} Call;

static const char *
reason_for (int status)
{
  switch (status)
    {
    case 200: return "OK";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 415: return "Unsupported Media Type";
    case 480: return "Temporarily Unavailable";
    case 486: return "Busy Here";
    case 488: return "Not Acceptable Here";
    case 500: return "Server Internal Error";
    case 503: return "Service Unavailable";
    case 504: return "Server time-out";
    case 603: return "Decline";
    default: return "Failed";
    }
}

static void
log_call (Log        *l,
          const Call *c)
{
  g_autofree char *call_id = g_strdup_printf ("5e%02u9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c", ++l->serial);
  g_autofree char *from = g_strdup_printf ("<sip:%s>;tag=a%uf1;epid=5e6f7a8b9c", l->self, l->serial);
  g_autofree char *to_tag = g_strdup_printf ("b%uc2", l->serial);
  g_autofree char *local_ip = g_strndup (l->local, strcspn (l->local, ":"));
  g_autofree char *body = NULL;
  g_autofree char *start = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *dialog = NULL;

  if (g_strcmp0 (c->media, "message") == 0)
    body = g_strdup_printf ("v=0\no=- 0 0 IN IP4 %s\ns=session\nc=IN IP4 %s\nt=0 0\nm=message 5060 sip null\n"
                            "a=accept-types:text/plain multipart/alternative\n", local_ip, local_ip);
  else if (c->media != NULL)
    {
      gboolean tcp = strcmp (c->media, "applicationsharing") == 0;

      body = g_strdup_printf ("v=0\no=- 0 0 IN IP4 %s\ns=session\nc=IN IP4 %s\nt=0 0\n"
                              "m=%s 50020 %s\n"
                              "a=candidate:1 1 %s 2130706431 %s 50020 typ host\n"
                              "a=candidate:3 1 %s 16648703 198.51.100.20 57040 typ relay raddr 203.0.113.40 rport 50020\n",
                              local_ip, local_ip, c->media, tcp ? "TCP/RTP/AVP 127" : "RTP/SAVP 114 0",
                              tcp ? "TCP-PASS" : "UDP", local_ip, tcp ? "TCP-PASS" : "UDP");
    }
  start = g_strdup_printf ("INVITE %s SIP/2.0", c->to);
  headers = g_strdup_printf ("Via: SIP/2.0/TLS %s\nMax-Forwards: 70\nFrom: %s\nTo: <%s>\nCall-ID: %s\n"
                             "CSeq: 1 INVITE\nContact: <sip:%s;opaque=user:epid:Ab12Cd34Ef56Gh78Ij90KlAAA;gruu>\n"
                             "User-Agent: %s\nContent-Type: %s\n",
                             l->local, from, c->to, call_id, l->self, l->ua,
                             c->invite_type != NULL ? c->invite_type
                               : c->media != NULL ? "application/sdp" : "application/cccp+xml");
  log_sip (l, TRUE, start, headers, body);
  if (c->status == 0)
    return;

  g_clear_pointer (&start, g_free);
  g_clear_pointer (&headers, g_free);
  start = g_strdup_printf ("SIP/2.0 %d %s", c->status, reason_for (c->status));
  headers = g_strdup_printf ("Via: SIP/2.0/TLS %s;ms-received-port=51876\nFrom: %s\nTo: <%s>;tag=%s\n"
                             "Call-ID: %s\nCSeq: 1 INVITE\n%s",
                             l->local, from, c->to, to_tag, call_id,
                             c->final_headers != NULL ? c->final_headers : "");
  log_sip (l, FALSE, start, headers, NULL);

  dialog = g_strdup_printf ("Via: SIP/2.0/TLS %s\nFrom: %s\nTo: <%s>;tag=%s\nCall-ID: %s\n",
                            l->local, from, c->to, to_tag, call_id);
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&headers, g_free);
  start = g_strdup_printf ("ACK %s SIP/2.0", c->to);
  headers = g_strdup_printf ("%sCSeq: 1 ACK\n", dialog);
  log_sip (l, TRUE, start, headers, NULL);

  if (c->status == 200 && c->bye_headers != NULL)
    {
      l->ms += 9000;
      g_clear_pointer (&start, g_free);
      g_clear_pointer (&headers, g_free);
      start = g_strdup_printf ("BYE %s SIP/2.0", c->to);
      headers = g_strdup_printf ("%sCSeq: 2 BYE\nUser-Agent: %s\n%s", dialog, l->ua, c->bye_headers);
      log_sip (l, TRUE, start, headers, NULL);
      g_clear_pointer (&headers, g_free);
      headers = g_strdup_printf ("%sCSeq: 2 BYE\n", dialog);
      log_sip (l, FALSE, "SIP/2.0 200 OK", headers, NULL);
    }
  l->ms += 60000;
}

/* ms-client-diagnostics in a BYE, as the caller writes it. */
static char *
media_failure (int         code,
               const char *reason,
               const char *media)
{
  return g_strdup_printf ("ms-client-diagnostics: %d; reason=\"%s\";CallerMediaDebug=\"%s\"\n", code, reason, media);
}

#define REASON_22 "Call failed to establish due to a media connectivity failure when both endpoints are internal"
#define REASON_23 "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote"
#define REASON_24 "Call failed to establish due to a media connectivity failure when both endpoints are remote"
#define REASON_25 "A federated call failed to establish due to a media connectivity failure where both endpoints are internal"

static LdAnalysis *
analyse_logs (Log *first,
              ...)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  guint n = 0;
  va_list ap;

  va_start (ap, first);
  for (Log *l = first; l != NULL; l = va_arg (ap, Log *))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("memory-%u.uccapilog", n++);

      g_assert_true (ld_analysis_add_data (analysis, name, l->text->str, l->text->len, &error));
      g_assert_no_error (error);
    }
  va_end (ap);
  ld_analysis_finish (analysis);
  return analysis;
}

static LdAnalysis *
analyse_log (Log *l)
{
  return analyse_logs (l, NULL);
}

static LdAnalysis *
analyse_file (const char *name)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", name, NULL));
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

/* One call in an otherwise empty log. */
static LdAnalysis *
analyse_call (const Call *c)
{
  Log l;
  LdAnalysis *an;

  log_init (&l);
  log_call (&l, c);
  an = analyse_log (&l);
  log_clear (&l);
  return an;
}

/* ---- Asserting on findings ------------------------------------------------------ */

static const LdFinding *
find (LdAnalysis *an,
      const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (an);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (f->id, id) == 0)
        return f;
    }
  return NULL;
}

static guint
count (LdAnalysis *an,
       const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (an);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += strcmp (((const LdFinding *) g_ptr_array_index (findings, i))->id, id) == 0;
  return n;
}

static const LdFinding *
expect (LdAnalysis   *an,
        const char   *id,
        LdSeverity    severity,
        LdConfidence  confidence)
{
  const LdFinding *f = find (an, id);

  if (f == NULL)
    g_error ("expected a %s finding", id);
  g_assert_cmpstr (ld_severity_to_string (f->severity), ==, ld_severity_to_string (severity));
  g_assert_cmpstr (ld_confidence_to_string (f->confidence), ==, ld_confidence_to_string (confidence));
  g_assert_nonnull (f->title);
  g_assert_nonnull (f->detail);
  g_assert_cmpuint (strlen (f->title), >, 10);
  g_assert_cmpuint (strlen (f->detail), >, 40);
  g_assert_cmpuint (f->actions->len, >, 0);
  g_assert_cmpuint (f->evidence->len, >, 0);
  return f;
}

static void
assert_absent (LdAnalysis *an,
               const char *id)
{
  const LdFinding *f = find (an, id);

  if (f != NULL)
    g_error ("unexpected %s finding: %s", id, f->title);
}

/* A healthy situation: nothing at error or warning level. */
static void
assert_no_alarm (LdAnalysis *an)
{
  GPtrArray *findings = ld_analysis_get_findings (an);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (f->severity != LD_SEVERITY_INFO)
        g_error ("unexpected %s %s finding: %s", ld_severity_to_string (f->severity), f->id, f->title);
    }
}

static const LdEvidence *
evidence (const LdFinding *f,
          guint            i)
{
  g_assert_cmpuint (i, <, f->evidence->len);
  return &g_array_index (f->evidence, LdEvidence, i);
}

static gboolean
actions_mention (const LdFinding *f,
                 const char      *text)
{
  for (guint i = 0; i < f->actions->len; i++)
    if (strstr (g_ptr_array_index (f->actions, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The evidence names the message that carries the diagnostic, quoting the
 * header exactly as ld_finding_dup_diag_excerpt() writes it. */
static void
assert_diag_evidence (LdAnalysis      *an,
                      const LdFinding *f,
                      guint            attempt_id,
                      int              code)
{
  const LdAttempt *a = ld_analysis_get_attempt_by_id (an, attempt_id);
  const LdDiagnostic *d = NULL;
  g_autofree char *excerpt = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (a);
  for (guint i = 0; i < a->diagnostics->len && d == NULL; i++)
    if (((const LdDiagnostic *) g_ptr_array_index (a->diagnostics, i))->code == code)
      d = g_ptr_array_index (a->diagnostics, i);
  g_assert_nonnull (d);
  excerpt = g_strdup_printf ("%s: %s", ld_diag_header_to_string (d->header), d->raw);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LdEvidence *e = evidence (f, i);

      if (e->attempt == attempt_id && e->line == d->message->line && e->input == d->message->input &&
          g_strcmp0 (e->excerpt, excerpt) == 0)
        found = TRUE;
    }
  g_assert_true (found);
}

static gboolean
attached (LdAnalysis      *an,
          guint            attempt_id,
          const LdFinding *f)
{
  const LdAttempt *a = ld_analysis_get_attempt_by_id (an, attempt_id);

  for (guint i = 0; a != NULL && i < a->findings->len; i++)
    if (g_ptr_array_index (a->findings, i) == f)
      return TRUE;
  return FALSE;
}

/* ---- The two source documents and the healthy log --------------------------------- */

static void
test_seed_kb_article (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("Lync-UccApi-0.UccApilog");
  const LdFinding *ports, *tcp, *edge;
  GPtrArray *findings = ld_analysis_get_findings (an);

  ports = expect (an, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  tcp = expect (an, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  /* Code 23, LocalMR and RemoteMR on different Edges, 0x4000000: KB 2386684's
   * "two Edge servers that cannot communicate", the weaker hypothesis. */
  edge = expect (an, "edge-to-edge", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);

  for (guint i = 0; i < 3; i++)
    {
      const LdFinding *f = i == 0 ? ports : i == 1 ? tcp : edge;

      assert_diag_evidence (an, f, 3, 23);
      g_assert_true (g_str_has_prefix (evidence (f, 0)->excerpt, "ms-client-diagnostics: 23; reason="));
      g_assert_nonnull (strstr (evidence (f, 0)->excerpt, "ICEWarn=0x4000320"));
      g_assert_true (attached (an, 3, f));
      g_assert_nonnull (strstr (f->detail, "0x4000000 + 0x200 + 0x100 + 0x20"));
      /* Each finding names the attempts it covers and its cause. */
      g_assert_cmpuint (f->attempts->len, ==, 1);
      g_assert_cmpuint (g_array_index (f->attempts, guint, 0), ==, 3);
      g_assert_cmpstr (f->cause, ==, f->id);
    }

  g_assert_true (actions_mention (ports, "from this client"));
  g_assert_true (actions_mention (ports, "TCP 443"));
  g_assert_true (actions_mention (ports, "50000–59999"));
  g_assert_true (actions_mention (ports, "207.46.5.63"));
  g_assert_true (actions_mention (ports, "65.55.127.64"));
  g_assert_nonnull (strstr (ports->detail, "KB 2386684"));
  g_assert_nonnull (strstr (tcp->detail, "Kaspersky"));
  g_assert_true (actions_mention (tcp, "antivirus"));
  g_assert_nonnull (strstr (edge->detail, "LocalMR=207.46.5.63:54829"));
  g_assert_nonnull (strstr (edge->detail, "RemoteMR=65.55.127.64:51184"));

  /* The two errors come before the warning. */
  g_assert_true (g_ptr_array_index (findings, findings->len - 1) == (gpointer) edge);
  assert_absent (an, "unexplained-failure");
  assert_absent (an, "fails-only-app-sharing");
  assert_absent (an, "udp-blocked");
  assert_absent (an, "no-turn-server");
  assert_absent (an, "port-range-exhausted");
  assert_absent (an, "meet-lync-blocked");
  /* The focus join and the chat worked: nothing attached to them. */
  g_assert_cmpuint (ld_analysis_get_attempt_by_id (an, 1)->findings->len, ==, 0);
  g_assert_cmpuint (ld_analysis_get_attempt_by_id (an, 2)->findings->len, ==, 0);
}

static void
test_seed_field_report (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("Communicator-uccapi-0.uccapilog");
  const LdFinding *tcp, *only;

  tcp = expect (an, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (an, tcp, 2, 24);
  g_assert_nonnull (strstr (evidence (tcp, 0)->excerpt, "ICEWarn=0x320"));
  g_assert_nonnull (strstr (tcp->detail, "0x200 + 0x100 + 0x20"));
  g_assert_nonnull (strstr (tcp->detail, "code 24"));
  g_assert_true (actions_mention (tcp, "Kaspersky"));
  g_assert_true (actions_mention (tcp, "50040:50049"));

  /* Audio with dave worked a quarter of an hour earlier. */
  only = expect (an, "fails-only-app-sharing", LD_SEVERITY_WARNING, LD_CONFIDENCE_HIGH);
  g_assert_nonnull (strstr (only->detail, "1 of 1"));
  g_assert_nonnull (strstr (only->detail, "sip:dave@fabrikam.com"));
  g_assert_cmpuint (evidence (only, 0)->attempt, ==, 2);
  g_assert_cmpuint (evidence (only, 1)->attempt, ==, 1);

  /* Code 24: both remote, no relay on the other side. */
  assert_absent (an, "edge-to-edge");
  /* No 0x4000000 / 0x8 / 0x10. */
  assert_absent (an, "ports-blocked");
  /* The audio call's 0x40003a0 is what a healthy call carries. */
  assert_absent (an, "udp-blocked");
  assert_absent (an, "unexplained-failure");
  /* 10 ports are plenty for sharing. */
  assert_absent (an, "port-range-exhausted");
  g_assert_cmpuint (ld_analysis_get_attempt_by_id (an, 1)->findings->len, ==, 1);
}

static void
test_seed_healthy (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("healthy-audio.uccapilog");

  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 1);
  assert_no_alarm (an);
  g_assert_cmpuint (ld_analysis_get_findings (an)->len, ==, 0);
}

static void
test_rule_table (void)
{
  static const char *required[] = {
    "ports-blocked", "meet-lync-blocked", "edge-to-edge", "tcp-media-blocked", "turn-unreachable",
    "udp-blocked", "turn-credentials", "no-turn-server", "port-range-exhausted", "proxy-tls-inspection",
    "proxy-auth-failed", "winsock-lsp", "bandwidth-policy", "federated-media", "encryption-mismatch",
    "conference-refused", "user-unknown", "federation-dns", "federation-certificate", "no-response",
    "unexplained-failure", "fails-one-contact", "fails-all-remote", "fails-only-app-sharing",
    "failures-started-at",
  };
  guint n = 0;
  const LdRuleInfo *rules = ld_rules_list (&n);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, >=, G_N_ELEMENTS (required));
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (g_hash_table_add (ids, (gpointer) rules[i].id));
      g_assert_nonnull (rules[i].summary);
      g_assert_cmpuint (strlen (rules[i].summary), >, 20);
    }
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!g_hash_table_contains (ids, required[i]))
      g_error ("rule %s is missing", required[i]);
  /* It reports what nothing else explained, so it must run last. */
  g_assert_cmpstr (rules[n - 1].id, ==, "unexplained-failure");
}

/* ---- ICE rules ------------------------------------------------------------------ */

static void
test_ports_blocked_triggers (void)
{
  g_autofree char *bye = media_failure (24, REASON_24,
    "audio:ICEWarn=0x18,LocalSite=203.0.113.40:50020,LocalMR=198.51.100.20:57040,RemoteSite=192.0.2.81:50034,"
    "RemoteMR=198.51.100.21:58503,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f;

  /* TCP allocate + send on the relay failed, without 0x4000000: medium. */
  f = expect (an, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
  assert_diag_evidence (an, f, 1, 24);
  g_assert_true (actions_mention (f, "198.51.100.20"));
  g_assert_true (actions_mention (f, "198.51.100.21"));
  g_assert_nonnull (strstr (f->detail, "0x8 / 0x10"));
}

static void
test_ports_blocked_quiet (void)
{
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  assert_absent (field, "ports-blocked");
  /* 0x4000000 on a call that worked is not a problem. */
  assert_absent (healthy, "ports-blocked");
}

static void
test_edge_to_edge_triggers (void)
{
  g_autofree char *bye = media_failure (23, REASON_23,
    "audio:ICEWarn=0x2a0,LocalSite=10.10.4.22:50020,LocalMR=198.51.100.20:57040,RemoteSite=203.0.113.9:50040,"
    "RemoteMR=198.51.100.20:58503,PortRange=50020:50039,LocalLocation=2,RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f;

  /* UDP and TCP relay checks failed (0x80 + 0x200) between two relays on
   * the same address: weakly an Edge problem. */
  f = expect (an, "edge-to-edge", LD_SEVERITY_WARNING, LD_CONFIDENCE_LOW);
  assert_diag_evidence (an, f, 1, 23);
  g_assert_nonnull (strstr (f->detail, "same relay address"));
}

static void
test_edge_to_edge_quiet (void)
{
  g_autofree char *bye = media_failure (23, REASON_23,
    "application-sharing:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702,LocalMR=207.46.5.63:54829,"
    "RemoteSite=11.1.111.11:62198,RemoteMR=,PortRange=1025:65000,LocalLocation=1,RemoteLocation=2,FederationType=0");
  Call c = { "sip:joe@contoso.com;gruu;opaque=app:conf:applicationsharing:id:TF2497F37", NULL, 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) no_remote_relay = analyse_call (&c);
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");

  /* Without a relay on the other side there is no relay pair to blame. */
  assert_absent (no_remote_relay, "edge-to-edge");
  expect (no_remote_relay, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_absent (field, "edge-to-edge");
}

static void
test_tcp_media_blocked_triggers (void)
{
  /* The bits come from the other side's 51007 in the 200 OK, the failure
   * code from this client's BYE. */
  Call share = { "sip:dave@fabrikam.com", "applicationsharing", 200,
                 "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                 "CalleeMediaDebug=\"application-sharing:ICEWarn=0x320,LocalSite=192.168.20.203:50045,"
                 "PortRange=50040:50059,LocalLocation=1,RemoteLocation=1,FederationType=0\"\n",
                 "ms-client-diagnostics: 24; reason=\"" REASON_24 "\"\n", NULL };
  g_autofree char *audio_bye = media_failure (24, REASON_24,
    "audio:ICEWarn=0x3a0,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call audio = { "sip:dave@fabrikam.com", "audio", 200, NULL, audio_bye, NULL };
  /* The other side's BYE says its own relay checks failed. */
  Call theirs = { "sip:dave@fabrikam.com", "applicationsharing", 488,
                  "ms-client-diagnostics: 24; reason=\"" REASON_24 "\";CalleeMediaDebug=\"application-sharing:"
                  "ICEWarn=0x4000320,LocalSite=192.168.20.203:50045,LocalMR=198.51.100.30:53110,"
                  "PortRange=50040:50059,LocalLocation=1,RemoteLocation=1,FederationType=0\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) a1 = analyse_call (&share);
  g_autoptr(LdAnalysis) a2 = analyse_call (&audio);
  g_autoptr(LdAnalysis) a3 = analyse_call (&theirs);
  const LdFinding *f;

  f = expect (a1, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (a1, f, 1, 51007);
  g_assert_nonnull (strstr (f->detail, "written by the other side"));
  f = expect (a3, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  g_assert_true (actions_mention (f, "from the other party's computer"));
  /* Audio with every path failed, UDP included: a weak hint only. */
  expect (a2, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
  expect (a2, "udp-blocked", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
}

static void
test_tcp_media_blocked_quiet (void)
{
  g_autofree char *bye = media_failure (24, REASON_24,
    "audio:ICEWarn=0x320,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) audio = analyse_call (&c);
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  /* Audio had UDP left (no 0x80): TCP failing says nothing on its own. */
  assert_absent (audio, "tcp-media-blocked");
  expect (audio, "unexplained-failure", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
  assert_absent (healthy, "tcp-media-blocked");
}

/* ucprimer: code 23 with 0x80012b, fixed by opening UDP 3478. */
static void
test_turn_unreachable_triggers (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-udp-3478.uccapilog");
  const LdFinding *f;

  f = expect (an, "turn-unreachable", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (an, f, 1, 23);
  g_assert_true (actions_mention (f, "UDP 3478"));
  /* The same value holds 0x2, 0x8 and 0x800000. */
  expect (an, "udp-blocked", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  expect (an, "ports-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
  expect (an, "proxy-tls-inspection", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_absent (an, "unexplained-failure");
}

static void
test_turn_unreachable_quiet (void)
{
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL,
             "ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug=\"audio:ICEWarn=0x1,"
             "LocalSite=10.10.4.22:50020,RemoteSite=10.10.9.7:50026,LocalLocation=2,RemoteLocation=2,FederationType=0\"\n",
             NULL };
  g_autoptr(LdAnalysis) ok = analyse_call (&c);

  assert_absent (healthy, "turn-unreachable");
  assert_absent (kb, "turn-unreachable");
  /* A call that worked only gets a note. */
  expect (ok, "turn-unreachable", LD_SEVERITY_INFO, LD_CONFIDENCE_MEDIUM);
  assert_no_alarm (ok);
}

static void
test_udp_blocked_triggers (void)
{
  g_autofree char *bye = media_failure (24, REASON_24,
    "video:ICEWarn=0x3a4,LocalSite=203.0.113.40:50020,LocalMR=198.51.100.20:57040,PortRange=50020:50039,"
    "LocalLocation=1,RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "video", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f;

  f = expect (an, "udp-blocked", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  assert_diag_evidence (an, f, 1, 24);
  g_assert_true (actions_mention (f, "198.51.100.20"));
}

static void
test_udp_blocked_quiet (void)
{
  g_autofree char *bye = media_failure (24, REASON_24,
    "application-sharing:ICEWarn=0x3a2,LocalSite=203.0.113.40:50045,PortRange=50040:50059,LocalLocation=1,"
    "RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) sharing = analyse_call (&c);
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  /* Sharing does not use UDP, so UDP bits do not explain its failure. */
  assert_absent (sharing, "udp-blocked");
  expect (sharing, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_absent (healthy, "udp-blocked");
}

static void
test_turn_credentials_triggers (void)
{
  g_autofree char *bye = media_failure (24, REASON_24,
    "audio:ICEWarn=0x4020,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "turn-credentials", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  g_assert_nonnull (strstr (f->detail, "0x4000"));
  assert_diag_evidence (an, f, 1, 24);
}

static void
test_turn_credentials_quiet (void)
{
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");

  assert_absent (healthy, "turn-credentials");
  assert_absent (field, "turn-credentials");
}

static void
test_no_turn_server_triggers (void)
{
  g_autofree char *bye = media_failure (23, REASON_23,
    "audio:ICEWarn=0x800a0,LocalSite=10.10.4.22:50020,RemoteSite=203.0.113.9:50040,PortRange=50020:50039,"
    "LocalLocation=2,RemoteLocation=1,FederationType=0");
  Call failed = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  /* The lab sample: a Lync 2013 pool without an Edge answers 51007 with 0x80000. */
  Call worked = { "sip:test2@lync.loc", "audio", 200,
                  "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                  "CalleeMediaDebug=\"audio:ICEWarn=0x80000,LocalSite=192.168.56.1:14832,RemoteSite=192.168.66.57:6002,"
                  "PortRange=1025:65000,LocalLocation=2,RemoteLocation=0,FederationType=0,Interfaces=0x12\"\n",
                  NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&failed);
  g_autoptr(LdAnalysis) lab = analyse_call (&worked);
  const LdFinding *f;

  f = expect (an, "no-turn-server", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (an, f, 1, 23);
  f = expect (lab, "no-turn-server", LD_SEVERITY_INFO, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (lab, f, 1, 51007);
  assert_no_alarm (lab);
}

/* A pool without an Edge puts 0x80000 on every call: one note, not one per call. */
static void
test_no_turn_server_grouped (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  Call worked = { "sip:test2@lync.loc", "audio", 200,
                  "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                  "CalleeMediaDebug=\"audio:ICEWarn=0x80000,LocalSite=192.168.56.1:14832,RemoteSite=192.168.66.57:6002,"
                  "PortRange=1025:65000,LocalLocation=2,RemoteLocation=0,FederationType=0,Interfaces=0x12\"\n",
                  NULL, NULL };
  const LdFinding *f;

  log_init (&l);
  for (guint i = 0; i < 3; i++)
    log_call (&l, &worked);
  an = analyse_log (&l);
  log_clear (&l);
  g_assert_cmpuint (count (an, "no-turn-server"), ==, 1);
  f = expect (an, "no-turn-server", LD_SEVERITY_INFO, LD_CONFIDENCE_HIGH);
  g_assert_cmpuint (f->evidence->len, ==, 3);
  g_assert_nonnull (strstr (f->detail, "seen in 3 calls"));
  for (guint i = 1; i <= 3; i++)
    g_assert_true (attached (an, i, f));
}

static void
test_no_turn_server_quiet (void)
{
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");

  assert_absent (healthy, "no-turn-server");
  assert_absent (kb, "no-turn-server");
}

static void
test_port_range_triggers (void)
{
  g_autofree char *exhausted = media_failure (24, REASON_24,
    "audio:ICEWarn=0x200020,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  g_autofree char *narrow = media_failure (24, REASON_24,
    "audio:ICEWarn=0x20,LocalSite=203.0.113.40:50020,PortRange=50020:50029,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call c1 = { "sip:dave@fabrikam.com", "audio", 200, NULL, exhausted, NULL };
  Call c2 = { "sip:dave@fabrikam.com", "audio", 200, NULL, narrow, NULL };
  g_autoptr(LdAnalysis) a1 = analyse_call (&c1);
  g_autoptr(LdAnalysis) a2 = analyse_call (&c2);
  const LdFinding *f;

  f = expect (a1, "port-range-exhausted", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (a1, f, 1, 24);
  g_assert_true (actions_mention (f, "20 ports"));
  /* 10 ports for audio, the Resource Kit wants 20. */
  f = expect (a2, "port-range-exhausted", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_nonnull (strstr (f->detail, "allows 10 ports"));
}

static void
test_port_range_quiet (void)
{
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  /* 50040:50049 is 10 ports: enough for sharing (3); 50020:50039 is 20 for audio. */
  assert_absent (field, "port-range-exhausted");
  assert_absent (healthy, "port-range-exhausted");
}

static void
test_proxy_tls_triggers (void)
{
  g_autofree char *bye = media_failure (23, REASON_23,
    "application-sharing:ICEWarn=0x800328,LocalSite=10.10.4.22:50045,PortRange=50040:50059,LocalLocation=2,"
    "RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "proxy-tls-inspection", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  g_assert_true (actions_mention (f, "inspection"));
  assert_diag_evidence (an, f, 1, 23);
}

static void
test_proxy_tls_quiet (void)
{
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  assert_absent (kb, "proxy-tls-inspection");
  assert_absent (healthy, "proxy-tls-inspection");
}

static void
test_proxy_auth_triggers (void)
{
  g_autofree char *bye = media_failure (24, REASON_24,
    "audio:ICEWarn=0x3000008,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "proxy-auth-failed", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  g_assert_true (actions_mention (f, "proxy"));
}

static void
test_proxy_auth_quiet (void)
{
  /* 0x1000000 alone: a proxy is configured, nothing failed at it. */
  g_autofree char *bye = media_failure (24, REASON_24,
    "audio:ICEWarn=0x1000020,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "proxy-auth-failed");
}

static void
test_winsock_lsp_triggers (void)
{
  /* The Palo Alto case: 0x8000100. */
  g_autofree char *bye = media_failure (23, REASON_23,
    "application-sharing:ICEWarn=0x8000100,LocalSite=10.10.4.22:50045,PortRange=50040:50059,LocalLocation=2,"
    "RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "winsock-lsp", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);

  g_assert_true (actions_mention (f, "netsh winsock show catalog"));
  assert_absent (an, "tcp-media-blocked");
}

static void
test_winsock_lsp_quiet (void)
{
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  assert_absent (kb, "winsock-lsp");
  assert_absent (healthy, "winsock-lsp");
}

static void
test_bandwidth_policy_triggers (void)
{
  Call cac = { "sip:joe@contoso.com;gruu;opaque=app:conf:audio-video:id:TF2497F37", "audio", 488,
               "ms-diagnostics: 4;reason=\"Insufficient bandwidth to establish session. Do not attempt re-route.\";"
               "source=\"poolfe01.contoso.com\"\n", NULL, NULL };
  g_autofree char *removed = media_failure (22, REASON_22,
    "audio:ICEWarn=0x9020,LocalSite=10.10.4.22:50020,RemoteSite=10.20.1.5:50026,PortRange=50020:50039,"
    "LocalLocation=2,RemoteLocation=2,FederationType=0");
  Call c2 = { "sip:dave@fabrikam.com", "audio", 200, NULL, removed, NULL };
  Call lowered = { "sip:dave@fabrikam.com", "audio", 200, NULL,
                   "ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug=\"audio:"
                   "ICEWarn=0x11000,LocalSite=10.10.4.22:50020,RemoteSite=10.20.1.5:50026,PortRange=50020:50039,"
                   "LocalLocation=2,RemoteLocation=2,FederationType=0\"\n", NULL };
  g_autoptr(LdAnalysis) a1 = analyse_call (&cac);
  g_autoptr(LdAnalysis) a2 = analyse_call (&c2);
  g_autoptr(LdAnalysis) a3 = analyse_call (&lowered);
  const LdFinding *f;

  f = expect (a1, "bandwidth-policy", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (a1, f, 1, 4);
  g_assert_nonnull (strstr (f->detail, "The network is busy"));
  assert_absent (a1, "unexplained-failure");
  expect (a2, "bandwidth-policy", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
  expect (a3, "bandwidth-policy", LD_SEVERITY_INFO, LD_CONFIDENCE_MEDIUM);
  assert_no_alarm (a3);
}

static void
test_bandwidth_policy_quiet (void)
{
  Call configured = { "sip:dave@fabrikam.com", "audio", 200, NULL,
                      "ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug=\"audio:"
                      "ICEWarn=0x1000,LocalSite=10.10.4.22:50020,PortRange=50020:50039,LocalLocation=2,"
                      "RemoteLocation=2,FederationType=0\"\n", NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&configured);
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  /* A policy server that is merely configured on a working call. */
  assert_absent (an, "bandwidth-policy");
  assert_absent (healthy, "bandwidth-policy");
}

/* ucsorted 2015: code 25 with 0x40003a0 between two federated organisations. */
static void
test_federated_media_triggers (void)
{
  g_autofree char *bye = media_failure (25, REASON_25,
    "audio:ICEWarn=0x40003a0,LocalSite=10.10.4.22:50020,LocalMR=198.51.100.20:57040,RemoteSite=172.16.4.9:26746,"
    "RemoteMR=131.107.2.15:55112,PortRange=50020:50039,LocalLocation=2,RemoteLocation=2,FederationType=1");
  Call c = { "sip:erik@ucsorted.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "federated-media", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 1, 25);
  g_assert_true (actions_mention (f, "131.107.2.15"));
}

static void
test_federated_media_quiet (void)
{
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");

  assert_absent (field, "federated-media");
  assert_absent (kb, "federated-media");
}

static void
test_internal_media_triggers (void)
{
  g_autofree char *bye = media_failure (22, REASON_22,
    "audio:ICEWarn=0x40,LocalSite=10.10.4.22:50020,RemoteSite=10.30.2.14:50032,PortRange=50020:50039,"
    "LocalLocation=2,RemoteLocation=2,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "internal-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);

  g_assert_nonnull (strstr (f->detail, "a=remote-candidates"));
  assert_absent (an, "unexplained-failure");
}

static void
test_internal_media_quiet (void)
{
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");

  assert_absent (kb, "internal-media-blocked");
}

/* ---- SIP and server codes --------------------------------------------------------- */

static void
test_meet_lync_triggers (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-meet-lync.uccapilog");
  const LdFinding *f = expect (an, "meet-lync-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  guint trace_lines = 0;

  g_assert_nonnull (strstr (f->title, "meet.lync.com"));
  g_assert_true (actions_mention (f, "KB 2409256"));
  g_assert_true (actions_mention (f, "*.lync.com"));
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LdEvidence *e = evidence (f, i);

      if (e->attempt != 0)
        continue;
      trace_lines++;
      g_assert_nonnull (strstr (e->excerpt, "lync.com"));
    }
  /* The lookup, the connection and the web request; not the success line. */
  g_assert_cmpuint (trace_lines, ==, 3);
  g_assert_cmpuint (evidence (f, 0)->line, ==, 3);
  g_assert_true (g_str_has_prefix (evidence (f, 0)->excerpt, "DNS lookup for meet.lync.com failed"));
  /* The meeting join that failed then is tied to it. */
  g_assert_true (attached (an, 1, f));
}

static void
test_meet_lync_sip_response (void)
{
  Call c = { "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37", NULL, 504,
             "ms-diagnostics: 1007;reason=\"Temporarily cannot route\";source=\"sipfed.online.lync.com\"\n",
             NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "meet-lync-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);

  assert_diag_evidence (an, f, 1, 1007);
}

static void
test_meet_lync_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");
  Call c = { "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37", NULL, 200, NULL, NULL, NULL };

  log_init (&l);
  log_trace (&l, "INFO", "DNS lookup for meet.lync.com succeeded: 52.112.1.30");
  log_trace (&l, "INFO", "CWebServiceConnection::Connect - connected to https://meet.lync.com/contoso/joe/TF2497F37, no error");
  log_trace (&l, "INFO", "CMeetingJoin::Resolve - meeting URL https://meet.lync.com/contoso/joe/TF2497F37 resolved, error=0");
  log_trace (&l, "INFO", "CWebTicketProvider::GetTicket - webdir.online.lync.com: ticket received, errors: 0");
  log_call (&l, &c);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "meet-lync-blocked");
  assert_no_alarm (an);
  assert_absent (kb, "meet-lync-blocked");
}

static void
test_encryption_mismatch_triggers (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 488,
             "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "encryption-mismatch", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 1, 52017);
  g_assert_true (actions_mention (f, "EncryptionLevel"));
  assert_absent (an, "unexplained-failure");
}

static void
test_encryption_mismatch_quiet (void)
{
  Call c = { "sip:dave@fabrikam.com", NULL, 488,
             "ms-client-diagnostics: 52035;reason=\"This client has an IM session with the same conversation ID\"\n",
             NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "encryption-mismatch");
}

static void
test_conference_refused_triggers (void)
{
  Call c = { "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37", NULL, 404,
             "ms-diagnostics: 3012;reason=\"Invalid conference URI.\";source=\"poolfe01.contoso.com\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "conference-refused", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 1, 3012);
  g_assert_true (actions_mention (f, "fresh meeting link"));
  /* The 404 is the meeting's, not an unknown user. */
  assert_absent (an, "user-unknown");
  assert_absent (an, "unexplained-failure");
}

static void
test_conference_refused_quiet (void)
{
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");

  /* The focus join of the article worked. */
  assert_absent (kb, "conference-refused");
}

static void
test_user_unknown_triggers (void)
{
  Call c1 = { "sip:dvae@fabrikam.com", "audio", 404,
              "ms-diagnostics: 1003;reason=\"User does not exist\";source=\"poolfe01.fabrikam.com\"\n", NULL, NULL };
  Call c2 = { "sip:old.user@fabrikam.com", "audio", 404, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) a1 = analyse_call (&c1);
  g_autoptr(LdAnalysis) a2 = analyse_call (&c2);
  const LdFinding *f;

  f = expect (a1, "user-unknown", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (a1, f, 1, 1003);
  g_assert_true (actions_mention (f, "sip:dvae@fabrikam.com"));
  f = expect (a2, "user-unknown", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
  g_assert_cmpstr (evidence (f, 0)->excerpt, ==, "SIP/2.0 404 Not Found");
}

static void
test_user_unknown_quiet (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 480, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "user-unknown");
}

static void
test_federation_dns_triggers (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-federation.uccapilog");
  const LdFinding *f = expect (an, "federation-dns", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 1, 1009);
  g_assert_true (g_str_has_prefix (evidence (f, 0)->excerpt, "ms-diagnostics: 1009; reason ="));
  g_assert_true (actions_mention (f, "_sipfederationtls._tcp.cms.steven.lab"));
  g_assert_true (actions_mention (f, "New-CsAllowedDomain"));
  g_assert_nonnull (strstr (f->detail, "fqdn1=vcse.sub.cms.steven.lab"));
  g_assert_cmpuint (count (an, "federation-dns"), ==, 1);
}

static void
test_federation_dns_quiet (void)
{
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");
  Call c = { "sip:stejanss.space@cms.steven.lab", "audio", 504,
             "ms-diagnostics: 1010; reason =\"Certificate trust with another server could not be established\";"
             "source=\"sip.skype.lab\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) cert = analyse_call (&c);

  assert_absent (healthy, "federation-dns");
  assert_absent (cert, "federation-dns");
}

static void
test_federation_certificate_triggers (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-federation.uccapilog");
  const LdFinding *f = expect (an, "federation-certificate", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 2, 1010);
  g_assert_nonnull (strstr (f->detail, "SEC_E_WRONG_PRINCIPAL"));
  g_assert_true (actions_mention (f, "vcse.cms.steven.lab"));
  g_assert_true (actions_mention (f, "vcse.steven.lab"));
  assert_absent (an, "unexplained-failure");
}

static void
test_federation_certificate_quiet (void)
{
  Call c = { "sip:stejanss.space@cms.steven.lab", "audio", 504,
             "ms-diagnostics: 1009; reason =\"No match for domain in DNS SRV results\"; domain =\" cms.steven.lab \";"
             "source=\"sip.skype.lab\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "federation-certificate");
}

static void
test_external_access_triggers (void)
{
  Call c = { "sip:user@partner.example", "audio", 403,
             "ms-diagnostics: 1002;reason=\"From URI not authorized to communicate with federated partners\";"
             "source=\"edge.fabrikam.com\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "external-access-policy", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 1, 1002);
  g_assert_true (actions_mention (f, "EnableFederationAccess"));
}

static void
test_external_access_quiet (void)
{
  Call c = { "sip:user@partner.example", "audio", 404,
             "ms-diagnostics: 1003;reason=\"User does not exist\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "external-access-policy");
}

static void
test_exchange_um_triggers (void)
{
  Call c = { "sip:carol@fabrikam.com;opaque=app:voicemail", "audio", 504,
             "ms-diagnostics: 15030;reason=\"Failed to route to Exchange Server\";source=\"poolfe01.fabrikam.com\"\n",
             NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "exchange-um", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  assert_diag_evidence (an, f, 1, 15030);
}

static void
test_exchange_um_quiet (void)
{
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");

  assert_absent (healthy, "exchange-um");
}

static void
test_multipart_triggers (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 415,
             "Warning: 399 poolfe01.fabrikam.com \"Mutipart mime in content type not supported by Archiving CDR "
             "service\"\n", NULL, "multipart/alternative;boundary=5e6f7a8b" };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "multipart-not-supported", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);

  g_assert_cmpstr (evidence (f, 0)->excerpt, ==, "SIP/2.0 415 Unsupported Media Type");
  assert_absent (an, "unexplained-failure");
}

static void
test_multipart_quiet (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 415, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  /* A 415 for a single SDP offer is something else. */
  assert_absent (an, "multipart-not-supported");
  expect (an, "unexplained-failure", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
}

static void
test_duplicate_conversation_triggers (void)
{
  Call c = { "sip:dave@fabrikam.com", "message", 488,
             "ms-client-diagnostics: 52035;reason=\"This client has an IM session with the same conversation ID\"\n",
             NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f;

  /* An IM session is not a call attempt; the finding stands on its own. */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 0);
  f = expect (an, "duplicate-conversation", LD_SEVERITY_INFO, LD_CONFIDENCE_MEDIUM);
  g_assert_cmpuint (evidence (f, 0)->attempt, ==, 0);
  g_assert_true (g_str_has_prefix (evidence (f, 0)->excerpt, "ms-client-diagnostics: 52035;reason="));
  assert_no_alarm (an);
}

static void
test_duplicate_conversation_quiet (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 488,
             "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "duplicate-conversation");
}

static void
test_user_unavailable_triggers (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 480, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f = expect (an, "user-unavailable", LD_SEVERITY_INFO, LD_CONFIDENCE_MEDIUM);

  g_assert_cmpstr (evidence (f, 0)->excerpt, ==, "SIP/2.0 480 Temporarily Unavailable");
  assert_no_alarm (an);
}

static void
test_user_unavailable_quiet (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 486, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "user-unavailable");
}

static void
test_call_declined_triggers (void)
{
  Call c = { "sip:dave@fabrikam.com", "video", 603, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  expect (an, "call-declined", LD_SEVERITY_INFO, LD_CONFIDENCE_HIGH);
  /* A person saying no is not a fault. */
  assert_no_alarm (an);
}

static void
test_call_declined_quiet (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 480, NULL, NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);

  assert_absent (an, "call-declined");
}

static void
test_no_response_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) long_log = NULL;
  g_autoptr(LdAnalysis) cut = NULL;
  Call c = { "sip:dave@fabrikam.com", "audio", 0, NULL, NULL, NULL };
  const LdFinding *f;

  log_init (&l);
  log_call (&l, &c);
  l.ms += 120000;
  log_trace (&l, "INFO", "CUccSession::OnTimeout - INVITE transaction timed out");
  long_log = analyse_log (&l);
  log_clear (&l);
  f = expect (long_log, "no-response", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_true (g_str_has_prefix (evidence (f, 0)->excerpt, "INVITE sip:dave@fabrikam.com"));
  g_assert_cmpuint (evidence (f, 0)->line, ==, ld_analysis_get_attempt_by_id (long_log, 1)->invite->line);

  /* The log stops a moment after the INVITE: maybe copied too early. */
  log_init (&l);
  log_call (&l, &c);
  cut = analyse_log (&l);
  log_clear (&l);
  expect (cut, "no-response", LD_SEVERITY_WARNING, LD_CONFIDENCE_LOW);
}

static void
test_no_response_quiet (void)
{
  g_autoptr(LdAnalysis) healthy = analyse_file ("healthy-audio.uccapilog");
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");

  assert_absent (healthy, "no-response");
  assert_absent (kb, "no-response");
}

static void
test_unexplained_triggers (void)
{
  Call c = { "sip:dave@fabrikam.com", "audio", 500, NULL, NULL, NULL };
  Call coded = { "sip:dave@fabrikam.com", "audio", 503,
                 "ms-diagnostics: 5000;reason=\"One or more critical applications are not running.\";"
                 "source=\"poolfe01.fabrikam.com\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  g_autoptr(LdAnalysis) a2 = analyse_call (&coded);
  const LdFinding *f;

  f = expect (an, "unexplained-failure", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
  g_assert_nonnull (strstr (f->detail, "500 Server Internal Error"));
  g_assert_cmpstr (evidence (f, 0)->excerpt, ==, "SIP/2.0 500 Server Internal Error");
  /* It still gets the decoded code and reason. */
  f = expect (a2, "unexplained-failure", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
  assert_diag_evidence (a2, f, 1, 5000);
  g_assert_nonnull (strstr (f->title, "5000"));
  g_assert_nonnull (strstr (f->detail, "Front End services"));
}

static void
test_unexplained_pattern_only (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  Call ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };
  Call fail = { "sip:dave@fabrikam.com", "audio", 500, NULL, NULL, NULL };

  log_init (&l);
  log_call (&l, &ok);
  log_call (&l, &ok);
  log_call (&l, &fail);
  log_call (&l, &fail);
  an = analyse_log (&l);
  log_clear (&l);
  /* A pattern across attempts says when, not why: both failures stay
   * unexplained. */
  expect (an, "failures-started-at", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_cmpuint (count (an, "unexplained-failure"), ==, 2);
}

static void
test_unexplained_quiet (void)
{
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");

  assert_absent (kb, "unexplained-failure");
  /* A cross-attempt pattern (fails-only-app-sharing) is not an explanation,
   * but tcp-media-blocked is. */
  assert_absent (field, "unexplained-failure");
}

/* ---- Across attempts -------------------------------------------------------------------- */

static char *
sharing_24 (void)
{
  return media_failure (24, REASON_24,
    "application-sharing:ICEWarn=0x320,LocalSite=203.0.113.40:50045,PortRange=50040:50059,LocalLocation=1,"
    "RemoteLocation=1,FederationType=0");
}

static const char *sharing_ok =
  "ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug=\"application-sharing:"
  "ICEWarn=0x0,LocalSite=203.0.113.40:50045,PortRange=50040:50059,LocalLocation=1,RemoteLocation=1,"
  "FederationType=0\"\n";

static void
test_fails_one_contact_triggers (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-contacts.uccapilog");
  const LdFinding *f = expect (an, "fails-one-contact", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);

  g_assert_nonnull (strstr (f->title, "sip:dave@fabrikam.com"));
  /* The counts behind it: 2 failures, 2 successes with 2 other contacts. */
  g_assert_nonnull (strstr (f->detail, "(2)"));
  g_assert_nonnull (strstr (f->detail, "worked 2 times with 2 other contacts"));
  g_assert_cmpuint (f->evidence->len, ==, 4);
  g_assert_true (attached (an, 1, f));
  g_assert_true (attached (an, 3, f));
  assert_absent (an, "fails-one-domain");
  assert_absent (an, "failures-started-at");
}

static void
test_fails_one_contact_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *fail = sharing_24 ();
  Call dave = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };
  Call erin = { "sip:erin@contoso.com", "applicationsharing", 200, NULL, fail, NULL };
  Call frank = { "sip:frank@fabrikam.com", "applicationsharing", 200, NULL, sharing_ok, NULL };
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");

  /* Failures with two contacts in two domains: no single contact. */
  log_init (&l);
  log_call (&l, &dave);
  log_call (&l, &erin);
  log_call (&l, &frank);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "fails-one-contact");
  assert_absent (an, "fails-one-domain");
  /* Sharing failed with dave, and nobody else was tried for sharing. */
  assert_absent (field, "fails-one-contact");
}

static void
test_fails_one_domain_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *fail = sharing_24 ();
  Call dave = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };
  Call erin = { "sip:erin@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };
  Call joe = { "sip:joe@contoso.com", "applicationsharing", 200, NULL, sharing_ok, NULL };
  const LdFinding *f;

  log_init (&l);
  l.self = "alice@northwind.example";
  log_call (&l, &dave);
  log_call (&l, &joe);
  log_call (&l, &erin);
  an = analyse_log (&l);
  log_clear (&l);
  f = expect (an, "fails-one-domain", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_nonnull (strstr (f->title, "fabrikam.com"));
  g_assert_nonnull (strstr (f->detail, "All 2 failed calls were with 2 different contacts"));
  assert_absent (an, "fails-one-contact");
}

static void
test_fails_one_domain_quiet (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-contacts.uccapilog");

  /* One contact only: that is fails-one-contact. */
  assert_absent (an, "fails-one-domain");
}

static void
test_fails_all_remote_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *remote = media_failure (23, REASON_23,
    "audio:ICEWarn=0x4000320,LocalSite=10.10.4.22:50020,LocalMR=198.51.100.20:57040,PortRange=50020:50039,"
    "LocalLocation=2,RemoteLocation=1,FederationType=0");
  const char *internal_ok =
    "ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug=\"audio:ICEWarn=0x0,"
    "LocalSite=10.10.4.22:50020,RemoteSite=10.10.7.3:50031,PortRange=50020:50039,LocalLocation=2,"
    "RemoteLocation=2,FederationType=0\"\n";
  Call c1 = { "sip:dave@fabrikam.com", "audio", 200, NULL, remote, NULL };
  Call c2 = { "sip:gina@fabrikam.com", "audio", 200, NULL, internal_ok, NULL };
  Call c3 = { "sip:hugo@fabrikam.com", "audio", 200, NULL, remote, NULL };
  Call c4 = { "sip:ivan@fabrikam.com", "audio", 200, NULL, remote, NULL };
  const LdFinding *f;

  log_init (&l);
  log_call (&l, &c1);
  log_call (&l, &c2);
  log_call (&l, &c3);
  log_call (&l, &c4);
  an = analyse_log (&l);
  log_clear (&l);
  f = expect (an, "fails-all-remote", LD_SEVERITY_WARNING, LD_CONFIDENCE_HIGH);
  g_assert_nonnull (strstr (f->detail, "All 3 calls"));
  g_assert_nonnull (strstr (f->detail, "3 different contacts"));
  g_assert_nonnull (strstr (f->detail, "1 calls between computers inside"));
  g_assert_cmpuint (f->evidence->len, ==, 3);
  g_assert_false (attached (an, 2, f));
}

static void
test_fails_all_remote_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *remote = media_failure (23, REASON_23,
    "audio:ICEWarn=0x4000320,LocalSite=10.10.4.22:50020,PortRange=50020:50039,LocalLocation=2,RemoteLocation=1,"
    "FederationType=0");
  const char *remote_ok =
    "ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug=\"audio:ICEWarn=0x0,"
    "LocalSite=10.10.4.22:50020,PortRange=50020:50039,LocalLocation=2,RemoteLocation=1,FederationType=0\"\n";
  Call c1 = { "sip:dave@fabrikam.com", "audio", 200, NULL, remote, NULL };
  Call c2 = { "sip:gina@fabrikam.com", "audio", 200, NULL, remote_ok, NULL };
  Call c3 = { "sip:hugo@fabrikam.com", "audio", 200, NULL, remote, NULL };

  /* One call with a remote user worked: the Edge path is not dead. */
  log_init (&l);
  log_call (&l, &c1);
  log_call (&l, &c2);
  log_call (&l, &c3);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "fails-all-remote");
}

static void
test_fails_only_app_sharing_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *fail = sharing_24 ();
  Call audio = { "sip:erin@contoso.com", "audio", 200, NULL, NULL, NULL };
  Call share = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };

  /* Audio worked with someone else: medium, not high. */
  log_init (&l);
  log_call (&l, &audio);
  log_call (&l, &share);
  an = analyse_log (&l);
  log_clear (&l);
  expect (an, "fails-only-app-sharing", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
}

static void
test_fails_only_app_sharing_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autoptr(LdAnalysis) kb = analyse_file ("Lync-UccApi-0.UccApilog");
  g_autofree char *fail = sharing_24 ();
  g_autofree char *audio_fail = media_failure (24, REASON_24,
    "audio:ICEWarn=0x3a0,LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,"
    "FederationType=0");
  Call audio_ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };
  Call audio_bad = { "sip:dave@fabrikam.com", "audio", 200, NULL, audio_fail, NULL };
  Call share = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };

  /* Audio failed too: it is not sharing alone. */
  log_init (&l);
  log_call (&l, &audio_ok);
  log_call (&l, &audio_bad);
  log_call (&l, &share);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "fails-only-app-sharing");
  /* Chat and the focus join are not media: no audio call to compare with. */
  assert_absent (kb, "fails-only-app-sharing");
}

static char *
audio_with_relay (int         code,
                  const char *relay)
{
  if (code == 0)
    return g_strdup_printf ("ms-client-diagnostics: 51004; reason=\"Action initiated by user\";CallerMediaDebug="
                            "\"audio:ICEWarn=0x0,LocalSite=203.0.113.40:50020,LocalMR=%s,PortRange=50020:50039,"
                            "LocalLocation=1,RemoteLocation=1,FederationType=0\"\n", relay);
  return g_strdup_printf ("ms-client-diagnostics: 24; reason=\"%s\";CallerMediaDebug=\"audio:ICEWarn=0x3a0,"
                          "LocalSite=203.0.113.40:50020,LocalMR=%s,PortRange=50020:50039,LocalLocation=1,"
                          "RemoteLocation=1,FederationType=0\"\n", REASON_24, relay);
}

static void
test_fails_one_relay_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  g_autofree char *good = audio_with_relay (0, "198.51.100.21:57040");
  Call c1 = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call c2 = { "sip:erin@fabrikam.com", "audio", 200, NULL, good, NULL };
  Call c3 = { "sip:dave@fabrikam.com", "audio", 200, NULL, good, NULL };
  Call c4 = { "sip:frank@fabrikam.com", "audio", 200, NULL, bad, NULL };
  const LdFinding *f;

  log_init (&l);
  log_call (&l, &c1);
  log_call (&l, &c2);
  log_call (&l, &c3);
  log_call (&l, &c4);
  an = analyse_log (&l);
  log_clear (&l);
  f = expect (an, "fails-one-relay", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_nonnull (strstr (f->title, "198.51.100.20"));
  g_assert_nonnull (strstr (f->detail, "All 2 failed calls"));
  g_assert_nonnull (strstr (f->detail, "2 calls through 1 other relays"));
}

static void
test_fails_one_relay_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  g_autofree char *good = audio_with_relay (0, "198.51.100.20:57044");
  Call c1 = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call c2 = { "sip:erin@fabrikam.com", "audio", 200, NULL, good, NULL };
  Call c3 = { "sip:frank@fabrikam.com", "audio", 200, NULL, bad, NULL };

  /* The same relay also carried a call that worked. */
  log_init (&l);
  log_call (&l, &c1);
  log_call (&l, &c2);
  log_call (&l, &c3);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "fails-one-relay");
}

static void
test_fails_one_network_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  Call fail = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };
  const LdFinding *f;

  log_init (&l);
  log_call (&l, &ok);
  l.local = "192.168.1.34:50611";
  log_call (&l, &fail);
  log_call (&l, &fail);
  l.local = "10.10.4.22:51876";
  log_call (&l, &ok);
  an = analyse_log (&l);
  log_clear (&l);
  f = expect (an, "fails-one-network", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_nonnull (strstr (f->title, "192.168.1.0/24"));
  assert_absent (an, "failures-started-at");
}

static void
test_fails_one_network_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  Call fail = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };

  log_init (&l);
  log_call (&l, &ok);
  log_call (&l, &fail);
  log_call (&l, &fail);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "fails-one-network");
}

static void
test_fails_one_client_triggers (void)
{
  Log old, upgraded;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  Call fail = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };
  const LdFinding *f;

  log_init (&old);
  log_call (&old, &ok);
  log_init (&upgraded);
  upgraded.ua = "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)";
  upgraded.ms = 3600000;
  upgraded.serial = 50;
  log_call (&upgraded, &fail);
  log_call (&upgraded, &fail);
  an = analyse_logs (&old, &upgraded, NULL);
  log_clear (&old);
  log_clear (&upgraded);
  f = expect (an, "fails-one-client-version", LD_SEVERITY_WARNING, LD_CONFIDENCE_LOW);
  g_assert_nonnull (strstr (f->title, "Lync 2013"));
}

static void
test_fails_one_client_quiet (void)
{
  g_autoptr(LdAnalysis) field = analyse_file ("Communicator-uccapi-0.uccapilog");

  assert_absent (field, "fails-one-client-version");
}

static void
test_failures_started_at_triggers (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  Call fail = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };
  const LdFinding *f;

  log_init (&l);
  log_call (&l, &ok);
  log_call (&l, &ok);
  log_call (&l, &fail);
  log_call (&l, &fail);
  an = analyse_log (&l);
  log_clear (&l);
  f = expect (an, "failures-started-at", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  /* The third call starts at 14:02:20.something. */
  g_assert_nonnull (strstr (f->title, "2013-03-12 14:02:"));
  g_assert_nonnull (strstr (f->detail, "The first 2 calls worked"));
  g_assert_cmpuint (evidence (f, 0)->attempt, ==, 2);
}

static void
test_failures_started_at_quiet (void)
{
  Log l;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *bad = audio_with_relay (24, "198.51.100.20:57040");
  Call fail = { "sip:dave@fabrikam.com", "audio", 200, NULL, bad, NULL };
  Call ok = { "sip:dave@fabrikam.com", "audio", 200, NULL, NULL, NULL };

  log_init (&l);
  log_call (&l, &ok);
  log_call (&l, &fail);
  log_call (&l, &ok);
  log_call (&l, &fail);
  an = analyse_log (&l);
  log_clear (&l);
  assert_absent (an, "failures-started-at");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/findings/seed/kb-article-23", test_seed_kb_article);
  g_test_add_func ("/core/findings/seed/field-report-24", test_seed_field_report);
  g_test_add_func ("/core/findings/seed/healthy-audio", test_seed_healthy);
  g_test_add_func ("/core/findings/rule-table", test_rule_table);

  g_test_add_func ("/core/findings/ports-blocked/triggers", test_ports_blocked_triggers);
  g_test_add_func ("/core/findings/ports-blocked/quiet", test_ports_blocked_quiet);
  g_test_add_func ("/core/findings/edge-to-edge/triggers", test_edge_to_edge_triggers);
  g_test_add_func ("/core/findings/edge-to-edge/quiet", test_edge_to_edge_quiet);
  g_test_add_func ("/core/findings/tcp-media-blocked/triggers", test_tcp_media_blocked_triggers);
  g_test_add_func ("/core/findings/tcp-media-blocked/quiet", test_tcp_media_blocked_quiet);
  g_test_add_func ("/core/findings/turn-unreachable/triggers", test_turn_unreachable_triggers);
  g_test_add_func ("/core/findings/turn-unreachable/quiet", test_turn_unreachable_quiet);
  g_test_add_func ("/core/findings/udp-blocked/triggers", test_udp_blocked_triggers);
  g_test_add_func ("/core/findings/udp-blocked/quiet", test_udp_blocked_quiet);
  g_test_add_func ("/core/findings/turn-credentials/triggers", test_turn_credentials_triggers);
  g_test_add_func ("/core/findings/turn-credentials/quiet", test_turn_credentials_quiet);
  g_test_add_func ("/core/findings/no-turn-server/triggers", test_no_turn_server_triggers);
  g_test_add_func ("/core/findings/no-turn-server/grouped", test_no_turn_server_grouped);
  g_test_add_func ("/core/findings/no-turn-server/quiet", test_no_turn_server_quiet);
  g_test_add_func ("/core/findings/port-range-exhausted/triggers", test_port_range_triggers);
  g_test_add_func ("/core/findings/port-range-exhausted/quiet", test_port_range_quiet);
  g_test_add_func ("/core/findings/proxy-tls-inspection/triggers", test_proxy_tls_triggers);
  g_test_add_func ("/core/findings/proxy-tls-inspection/quiet", test_proxy_tls_quiet);
  g_test_add_func ("/core/findings/proxy-auth-failed/triggers", test_proxy_auth_triggers);
  g_test_add_func ("/core/findings/proxy-auth-failed/quiet", test_proxy_auth_quiet);
  g_test_add_func ("/core/findings/winsock-lsp/triggers", test_winsock_lsp_triggers);
  g_test_add_func ("/core/findings/winsock-lsp/quiet", test_winsock_lsp_quiet);
  g_test_add_func ("/core/findings/bandwidth-policy/triggers", test_bandwidth_policy_triggers);
  g_test_add_func ("/core/findings/bandwidth-policy/quiet", test_bandwidth_policy_quiet);
  g_test_add_func ("/core/findings/federated-media/triggers", test_federated_media_triggers);
  g_test_add_func ("/core/findings/federated-media/quiet", test_federated_media_quiet);
  g_test_add_func ("/core/findings/internal-media-blocked/triggers", test_internal_media_triggers);
  g_test_add_func ("/core/findings/internal-media-blocked/quiet", test_internal_media_quiet);

  g_test_add_func ("/core/findings/meet-lync-blocked/triggers", test_meet_lync_triggers);
  g_test_add_func ("/core/findings/meet-lync-blocked/sip-response", test_meet_lync_sip_response);
  g_test_add_func ("/core/findings/meet-lync-blocked/quiet", test_meet_lync_quiet);
  g_test_add_func ("/core/findings/encryption-mismatch/triggers", test_encryption_mismatch_triggers);
  g_test_add_func ("/core/findings/encryption-mismatch/quiet", test_encryption_mismatch_quiet);
  g_test_add_func ("/core/findings/conference-refused/triggers", test_conference_refused_triggers);
  g_test_add_func ("/core/findings/conference-refused/quiet", test_conference_refused_quiet);
  g_test_add_func ("/core/findings/user-unknown/triggers", test_user_unknown_triggers);
  g_test_add_func ("/core/findings/user-unknown/quiet", test_user_unknown_quiet);
  g_test_add_func ("/core/findings/federation-dns/triggers", test_federation_dns_triggers);
  g_test_add_func ("/core/findings/federation-dns/quiet", test_federation_dns_quiet);
  g_test_add_func ("/core/findings/federation-certificate/triggers", test_federation_certificate_triggers);
  g_test_add_func ("/core/findings/federation-certificate/quiet", test_federation_certificate_quiet);
  g_test_add_func ("/core/findings/external-access-policy/triggers", test_external_access_triggers);
  g_test_add_func ("/core/findings/external-access-policy/quiet", test_external_access_quiet);
  g_test_add_func ("/core/findings/exchange-um/triggers", test_exchange_um_triggers);
  g_test_add_func ("/core/findings/exchange-um/quiet", test_exchange_um_quiet);
  g_test_add_func ("/core/findings/multipart-not-supported/triggers", test_multipart_triggers);
  g_test_add_func ("/core/findings/multipart-not-supported/quiet", test_multipart_quiet);
  g_test_add_func ("/core/findings/duplicate-conversation/triggers", test_duplicate_conversation_triggers);
  g_test_add_func ("/core/findings/duplicate-conversation/quiet", test_duplicate_conversation_quiet);
  g_test_add_func ("/core/findings/user-unavailable/triggers", test_user_unavailable_triggers);
  g_test_add_func ("/core/findings/user-unavailable/quiet", test_user_unavailable_quiet);
  g_test_add_func ("/core/findings/call-declined/triggers", test_call_declined_triggers);
  g_test_add_func ("/core/findings/call-declined/quiet", test_call_declined_quiet);
  g_test_add_func ("/core/findings/no-response/triggers", test_no_response_triggers);
  g_test_add_func ("/core/findings/no-response/quiet", test_no_response_quiet);
  g_test_add_func ("/core/findings/unexplained-failure/triggers", test_unexplained_triggers);
  g_test_add_func ("/core/findings/unexplained-failure/quiet", test_unexplained_quiet);
  g_test_add_func ("/core/findings/unexplained-failure/pattern-only", test_unexplained_pattern_only);

  g_test_add_func ("/core/findings/fails-one-contact/triggers", test_fails_one_contact_triggers);
  g_test_add_func ("/core/findings/fails-one-contact/quiet", test_fails_one_contact_quiet);
  g_test_add_func ("/core/findings/fails-one-domain/triggers", test_fails_one_domain_triggers);
  g_test_add_func ("/core/findings/fails-one-domain/quiet", test_fails_one_domain_quiet);
  g_test_add_func ("/core/findings/fails-all-remote/triggers", test_fails_all_remote_triggers);
  g_test_add_func ("/core/findings/fails-all-remote/quiet", test_fails_all_remote_quiet);
  g_test_add_func ("/core/findings/fails-only-app-sharing/triggers", test_fails_only_app_sharing_triggers);
  g_test_add_func ("/core/findings/fails-only-app-sharing/quiet", test_fails_only_app_sharing_quiet);
  g_test_add_func ("/core/findings/fails-one-relay/triggers", test_fails_one_relay_triggers);
  g_test_add_func ("/core/findings/fails-one-relay/quiet", test_fails_one_relay_quiet);
  g_test_add_func ("/core/findings/fails-one-network/triggers", test_fails_one_network_triggers);
  g_test_add_func ("/core/findings/fails-one-network/quiet", test_fails_one_network_quiet);
  g_test_add_func ("/core/findings/fails-one-client-version/triggers", test_fails_one_client_triggers);
  g_test_add_func ("/core/findings/fails-one-client-version/quiet", test_fails_one_client_quiet);
  g_test_add_func ("/core/findings/failures-started-at/triggers", test_failures_started_at_triggers);
  g_test_add_func ("/core/findings/failures-started-at/quiet", test_failures_started_at_quiet);

  return g_test_run ();
}
