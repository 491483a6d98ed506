/* test-findings-media.c - the media rules: the source documents and every ICE and media-code rule
 *
 * Every documented trigger gets a log that fires it and a near-miss that
 * must not; the assertions compare meanings (severity, confidence, the
 * code and its side, the attempts covered), not only presence.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "findings-helpers.h"

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
    "RemoteMR=198.51.100.21:58503,PortRange=50020:50039,LocalLocation=2,RemoteLocation=1,FederationType=0");
  Call c = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  g_autoptr(LdAnalysis) an = analyse_call (&c);
  const LdFinding *f;

  /* UDP and TCP relay checks failed (0x80 + 0x200) between two relays:
   * the relay-to-relay path, without 0x4000000. */
  f = expect (an, "edge-to-edge", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  assert_diag_evidence (an, f, 1, 23);
  g_assert_nonnull (strstr (f->detail, "two different Edge relays"));
  g_assert_true (actions_mention (f, "198.51.100.20 and 198.51.100.21"));
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
  /* One relay address on both sides is one Edge server: no pair either. */
  {
    g_autofree char *same_bye = media_failure (23, REASON_23,
      "audio:ICEWarn=0x2a0,LocalSite=10.10.4.22:50020,LocalMR=198.51.100.20:57040,RemoteSite=203.0.113.9:50040,"
      "RemoteMR=198.51.100.20:58503,PortRange=50020:50039,LocalLocation=2,RemoteLocation=1,FederationType=0");
    Call same = { "sip:dave@fabrikam.com", "audio", 200, NULL, same_bye, NULL };
    g_autoptr(LdAnalysis) one_relay = analyse_call (&same);

    assert_absent (one_relay, "edge-to-edge");
  }
  /* Code 24 (both remote) with two relays: not the article's code. */
  {
    g_autofree char *bye24 = media_failure (24, REASON_24,
      "audio:ICEWarn=0x40002a0,LocalSite=10.10.4.22:50020,LocalMR=198.51.100.20:57040,RemoteSite=203.0.113.9:50040,"
      "RemoteMR=198.51.100.21:58503,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1,FederationType=0");
    Call c24 = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye24, NULL };
    g_autoptr(LdAnalysis) remote = analyse_call (&c24);

    assert_absent (remote, "edge-to-edge");
  }
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

/* The lab sample: a Lync 2013 pool without an Edge answers 51007 with 0x80000. */
#define LAB_NO_EDGE_51007 \
  "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";" \
  "CalleeMediaDebug=\"audio:ICEWarn=0x80000,LocalSite=192.168.56.1:14832,RemoteSite=192.168.66.57:6002," \
  "PortRange=1025:65000,LocalLocation=2,RemoteLocation=0,FederationType=0,Interfaces=0x12\"\n"

static void
test_no_turn_server_triggers (void)
{
  g_autofree char *bye = media_failure (23, REASON_23,
    "audio:ICEWarn=0x800a0,LocalSite=10.10.4.22:50020,RemoteSite=203.0.113.9:50040,PortRange=50020:50039,"
    "LocalLocation=2,RemoteLocation=1,FederationType=0");
  Call failed = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  Call worked = { "sip:test2@lync.loc", "audio", 200,
                  LAB_NO_EDGE_51007,
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
                  LAB_NO_EDGE_51007,
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

/* A rule gathers its notes about calls that worked into one finding and
 * emits it when it has walked every attempt, after the failures it
 * emitted on the way: whether the note's call came before or after the
 * failure, they make the same one finding, the failure's (an error, its
 * excerpt first), covering both calls. */
static void
test_no_turn_server_note_and_failure (void)
{
  g_autofree char *bye = media_failure (23, REASON_23,
    "audio:ICEWarn=0x800a0,LocalSite=10.10.4.22:50020,RemoteSite=203.0.113.9:50040,PortRange=50020:50039,"
    "LocalLocation=2,RemoteLocation=1,FederationType=0");
  Call failed = { "sip:dave@fabrikam.com", "audio", 200, NULL, bye, NULL };
  Call worked = { "sip:test2@lync.loc", "audio", 200,
                  LAB_NO_EDGE_51007,
                  NULL, NULL };
  g_autofree char *title = NULL;

  for (guint order = 0; order < 2; order++)
    {
      Log l;
      g_autoptr(LdAnalysis) an = NULL;
      guint failed_id = order == 0 ? 2 : 1;
      guint worked_id = order == 0 ? 1 : 2;
      const LdFinding *f;

      log_init (&l);
      log_call (&l, order == 0 ? &worked : &failed);
      log_call (&l, order == 0 ? &failed : &worked);
      an = analyse_log (&l);
      log_clear (&l);
      g_assert_cmpuint (count (an, "no-turn-server"), ==, 1);
      f = expect (an, "no-turn-server", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
      g_assert_cmpuint (evidence (f, 0)->attempt, ==, failed_id);
      assert_diag_evidence (an, f, failed_id, 23);
      assert_diag_evidence (an, f, worked_id, 51007);
      g_assert_true (attached (an, failed_id, f));
      g_assert_true (attached (an, worked_id, f));
      g_assert_nonnull (strstr (f->detail, "Seen in 2 attempts, 1 of them failed"));
      if (order == 0)
        title = g_strdup (f->title);
      else
        g_assert_cmpstr (f->title, ==, title);
    }
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

int
main (int    argc,
      char **argv)
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
  g_test_add_func ("/core/findings/no-turn-server/note-and-failure", test_no_turn_server_note_and_failure);
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

  return g_test_run ();
}
