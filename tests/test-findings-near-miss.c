/* test-findings-near-miss.c - each documented trigger next to the value just beside it
 *
 * Issue 20 listed triggers that could be broken without a test failing:
 * the meaning of ICEWarn 0x4000 against 0x2000, the explanations of codes
 * 22 and 24, ports-blocked on 0x10 alone, user-unknown on 4005,
 * tcp-media-blocked without 0x100, 172.16.0.0/12 counted as public.  Each
 * test here fires a trigger and then changes one thing (a bit, a code, a
 * status, an octet) and checks the meaning changes with it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "findings-helpers.h"
#include "ld-redact-private.h"

#define AUDIO_24(bits) \
  "audio:ICEWarn=" bits ",LocalSite=203.0.113.40:50020,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1," \
  "FederationType=0"
#define SHARE_24(bits) \
  "application-sharing:ICEWarn=" bits ",LocalSite=203.0.113.40:50040,RemoteSite=192.0.2.81:50045," \
  "PortRange=50040:50049,LocalLocation=1,RemoteLocation=1,FederationType=0"

/* One failed call: a 200 and a BYE with @code and @media. */
static LdAnalysis *
media_call (int         code,
            const char *reason,
            const char *what,
            const char *media)
{
  g_autofree char *bye = media_failure (code, reason, media);
  Call c = { "sip:dave@fabrikam.com", what, 200, NULL, bye, NULL };

  return analyse_call (&c);
}

static LdAnalysis *
refused_call (int         status,
              const char *headers)
{
  Call c = { "sip:dave@fabrikam.com", "audio", status, headers, NULL, NULL };

  return analyse_call (&c);
}

static const char *
reskit_meaning (guint32 bit)
{
  LdIceBit bits[32];

  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, bit, bits), ==, 1);
  g_assert_true (bits[0].known);
  return bits[0].meaning;
}

/* ---- ICE bits ------------------------------------------------------------------- */

static void
test_ice_0x4000_vs_0x2000 (void)
{
  g_autoptr(LdAnalysis) credentials = media_call (24, REASON_24, "audio", AUDIO_24 ("0x4020"));
  g_autoptr(LdAnalysis) send_failed = media_call (24, REASON_24, "audio", AUDIO_24 ("0x2020"));
  LdIceBit qoe[32];
  const LdFinding *f;

  /* The Resource Kit: 0x4000 is the TURN credentials, 0x2000 a check that
   * could not be sent; in [MS-QoE] 0x4000 is UDP local connectivity. */
  g_assert_nonnull (strstr (reskit_meaning (0x4000), "credentials"));
  g_assert_nonnull (strstr (reskit_meaning (0x2000), "could not be sent"));
  g_assert_null (strstr (reskit_meaning (0x2000), "credentials"));
  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_QOE, 0x4000, qoe), ==, 1);
  g_assert_nonnull (strstr (qoe[0].meaning, "UDP local connectivity"));

  /* decode names the finding a failed call with it gets; 0x2000 none. */
  {
    g_autoptr(GString) a = g_string_new (NULL);
    g_autoptr(GString) b = g_string_new (NULL);

    g_assert_true (ld_decode_pasted ("ICEWarn=0x4000", a, NULL));
    g_assert_true (ld_decode_pasted ("ICEWarn=0x2000", b, NULL));
    g_assert_nonnull (strstr (a->str, "LyncDiag's finding: The A/V Edge media relay refused the client's credentials "
                                      "(turn-credentials)"));
    g_assert_null (strstr (b->str, "LyncDiag's finding"));
  }

  f = expect (credentials, "turn-credentials", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  g_assert_nonnull (strstr (f->detail, "TURN server credentials expired or unknown"));
  assert_absent (send_failed, "turn-credentials");
  expect (send_failed, "unexplained-failure", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
}

/* Every bit a rule names, against the table's meaning of it. */
static void
test_ice_rule_bits (void)
{
  static const struct { guint32 bit; const char *words; } rows[] = {
    { LD_ICE_TURN_UNREACHABLE, "could not be reached" },
    { LD_ICE_TURN_TCP_ALLOCATE, "Reserving a TCP relay port" },
    { LD_ICE_TURN_TCP_SEND, "Sending over TCP" },
    { LD_ICE_LOCAL_FAILED, "Local connectivity failed" },
    { LD_ICE_UDP_RELAY_FAILED, "UDP TURN server connectivity failed" },
    { LD_ICE_TCP_NAT_FAILED, "TCP NAT connectivity failed" },
    { LD_ICE_TCP_RELAY_FAILED, "TCP TURN server connectivity failed" },
    { LD_ICE_NO_TURN_SERVER, "No TURN server" },
    { LD_ICE_PORT_RANGE_EXHAUSTED, "port range" },
    { LD_ICE_PSEUDO_TLS_FAILED, "pseudo-TLS" },
    { LD_ICE_PROXY_AUTH_FAILED, "proxy rejected" },
    { LD_ICE_TURN_TCP_TCP_FAILED, "TCP-TCP connectivity checks" },
    { LD_ICE_USE_CANDIDATE_FAILED, "Use-candidate checks failed" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (strstr (reskit_meaning (rows[i].bit), rows[i].words) == NULL)
      g_error ("0x%x means \"%s\", not \"%s\"", rows[i].bit, reskit_meaning (rows[i].bit), rows[i].words);
  /* The rules take their bits from the table's rows. */
  g_assert_cmphex (ld_ice_warn_get_cause_bits (LD_ICE_TABLE_RESKIT, "ports-blocked"), ==,
                   LD_ICE_TURN_TCP_TCP_FAILED | LD_ICE_TURN_TCP_ALLOCATE | LD_ICE_TURN_TCP_SEND);
  g_assert_cmphex (ld_ice_warn_get_cause_bits (LD_ICE_TABLE_RESKIT, "udp-blocked"), ==,
                   LD_ICE_TURN_UDP_ALLOCATE | LD_ICE_TURN_UDP_SEND | LD_ICE_UDP_RELAY_FAILED);
  g_assert_cmphex (ld_ice_warn_get_cause_bits (LD_ICE_TABLE_RESKIT, "turn-credentials"), ==, LD_ICE_TURN_CREDENTIALS);
  g_assert_cmphex (ld_ice_warn_get_cause_bits (LD_ICE_TABLE_QOE, "turn-credentials"), ==, 0);
  for (guint32 bit = 1; bit != 0; bit <<= 1)
    {
      LdIceBit bits[32];

      if (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, bit, bits) == 1 && bits[0].cause != NULL)
        g_assert_nonnull (ld_cause_lookup (bits[0].cause));
    }
  /* The expected ones are the Resource Kit's: 0x100 and 0x200, not 0x20. */
  {
    LdIceBit bits[32];
    guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, 0x320, bits);

    g_assert_cmpuint (n, ==, 3);
    g_assert_true (bits[0].expected);   /* 0x200 */
    g_assert_true (bits[1].expected);   /* 0x100 */
    g_assert_false (bits[2].expected);  /* 0x20 */
  }
}

static void
test_ports_blocked_single_bits (void)
{
  static const char *fire[] = { "0x10", "0x8", "0x4000000" };
  static const char *quiet[] = { "0x20", "0x200", "0x2", "0x4" };

  /* Each of 0x10, 0x8, 0x4000000 on its own. */
  for (guint i = 0; i < G_N_ELEMENTS (fire); i++)
    {
      g_autofree char *media = g_strdup_printf (AUDIO_24 ("%s"), fire[i]);
      g_autoptr(LdAnalysis) an = media_call (24, REASON_24, "audio", media);
      const LdFinding *f = find (an, "ports-blocked");

      if (f == NULL)
        g_error ("ICEWarn=%s alone must raise ports-blocked", fire[i]);
      /* 0x4000000 with a media failure code is high, the others medium. */
      g_assert_cmpint (f->confidence, ==, i == 2 ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM);
    }
  for (guint i = 0; i < G_N_ELEMENTS (quiet); i++)
    {
      g_autofree char *media = g_strdup_printf (AUDIO_24 ("%s"), quiet[i]);
      g_autoptr(LdAnalysis) an = media_call (24, REASON_24, "audio", media);

      if (find (an, "ports-blocked") != NULL)
        g_error ("ICEWarn=%s must not raise ports-blocked", quiet[i]);
    }
  /* 0x4000000 on a call that worked is not a block. */
  {
    Call ok = { "sip:dave@fabrikam.com", "audio", 200,
                "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                "CalleeMediaDebug=\"audio:ICEWarn=0x4000000,LocalSite=192.0.2.81:50034,LocalLocation=1,"
                "RemoteLocation=1,FederationType=0\"\n", NULL, NULL };
    g_autoptr(LdAnalysis) an = analyse_call (&ok);

    assert_absent (an, "ports-blocked");
  }
}

static void
test_tcp_media_needs_all_three (void)
{
  static const char *quiet[] = { "0x220", "0x120", "0x300", "0x20" };
  g_autoptr(LdAnalysis) all = media_call (24, REASON_24, "applicationsharing", SHARE_24 ("0x320"));

  expect (all, "tcp-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  for (guint i = 0; i < G_N_ELEMENTS (quiet); i++)
    {
      g_autofree char *media = g_strdup_printf (SHARE_24 ("%s"), quiet[i]);
      g_autoptr(LdAnalysis) an = media_call (24, REASON_24, "applicationsharing", media);

      if (find (an, "tcp-media-blocked") != NULL)
        g_error ("ICEWarn=%s on sharing must not raise tcp-media-blocked", quiet[i]);
    }
}

static void
test_bit_rules_neighbours (void)
{
  static const struct { const char *fires; const char *quiet; const char *id; } rows[] = {
    { "0x1", "0x2000", "turn-unreachable" },
    { "0x80000", "0x100000", "no-turn-server" },
    { "0x800000", "0x400000", "proxy-tls-inspection" },
    { "0x2000000", "0x1000000", "proxy-auth-failed" },
    { "0x8000000", "0x4000", "winsock-lsp" },
    { "0x200000", "0x100000", "port-range-exhausted" },
    { "0x80", "0x40", "udp-blocked" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *on = g_strdup_printf (AUDIO_24 ("%s"), rows[i].fires);
      g_autofree char *off = g_strdup_printf (AUDIO_24 ("%s"), rows[i].quiet);
      g_autoptr(LdAnalysis) a = media_call (24, REASON_24, "audio", on);
      g_autoptr(LdAnalysis) b = media_call (24, REASON_24, "audio", off);

      if (find (a, rows[i].id) == NULL)
        g_error ("%s must raise %s", rows[i].fires, rows[i].id);
      if (find (b, rows[i].id) != NULL)
        g_error ("%s must not raise %s", rows[i].quiet, rows[i].id);
    }
  /* UDP rules say nothing about sharing, which is TCP only. */
  {
    g_autoptr(LdAnalysis) share = media_call (24, REASON_24, "applicationsharing", SHARE_24 ("0x80"));
    assert_absent (share, "udp-blocked");
  }
}

static void
test_port_range_widths (void)
{
  static const struct { const char *what; const char *media; gboolean fires; } rows[] = {
    { "audio", "audio:ICEWarn=0x0,PortRange=50020:50039,LocalLocation=1,RemoteLocation=1", FALSE }, /* 20 */
    { "audio", "audio:ICEWarn=0x0,PortRange=50020:50038,LocalLocation=1,RemoteLocation=1", TRUE },  /* 19 */
    { "applicationsharing", "application-sharing:ICEWarn=0x0,PortRange=50040:50042,LocalLocation=1,RemoteLocation=1", FALSE }, /* 3 */
    { "applicationsharing", "application-sharing:ICEWarn=0x0,PortRange=50040:50041,LocalLocation=1,RemoteLocation=1", TRUE },  /* 2 */
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(LdAnalysis) an = media_call (24, REASON_24, rows[i].what, rows[i].media);

      if ((find (an, "port-range-exhausted") != NULL) != rows[i].fires)
        g_error ("%s: port-range-exhausted should %s", rows[i].media, rows[i].fires ? "fire" : "not fire");
    }
}

/* ---- Codes -------------------------------------------------------------------- */

static void
test_codes_22_vs_24 (void)
{
  const LdCodeInfo *c22 = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 22);
  const LdCodeInfo *c24 = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 24);
  const LdCodeInfo *c23 = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 23);
  const LdCodeInfo *c25 = ld_code_lookup (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, 25);
  g_autoptr(LdAnalysis) internal = media_call (22, REASON_22, "audio", AUDIO_24 ("0x20"));
  g_autoptr(LdAnalysis) remote = media_call (24, REASON_24, "audio", AUDIO_24 ("0x20"));
  g_autoptr(LdAnalysis) share = media_call (24, REASON_24, "applicationsharing", SHARE_24 ("0x320"));

  /* The reasons as the client writes them, and meanings that say so. */
  g_assert_cmpstr (c22->reason, ==, REASON_22);
  g_assert_cmpstr (c24->reason, ==, REASON_24);
  g_assert_cmpstr (c25->reason, ==, REASON_25);
  g_assert_nonnull (strstr (c22->meaning, "both computers were inside"));
  g_assert_nonnull (strstr (c24->meaning, "both computers were outside"));
  g_assert_nonnull (strstr (c23->meaning, "one computer was inside"));
  g_assert_nonnull (strstr (c25->meaning, "another organisation"));
  g_assert_null (strstr (c22->meaning, "outside"));

  expect (internal, "internal-media-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
  assert_absent (remote, "internal-media-blocked");
  /* Code 24 in a TCP block's explanation: both sides remote. */
  g_assert_nonnull (strstr (find (share, "tcp-media-blocked")->detail, "outside the company network (code 24)"));
}

static void
test_user_unknown_codes (void)
{
  g_autoptr(LdAnalysis) c4005 = refused_call (503, "ms-diagnostics: 4005;reason=\"Destination URI either not enabled "
                                                   "for SIP or does not exist.\"\n");
  g_autoptr(LdAnalysis) c1003 = refused_call (503, "ms-diagnostics: 1003;reason=\"User does not exist.\"\n");
  g_autoptr(LdAnalysis) c4006 = refused_call (503, "ms-diagnostics: 4006;reason=\"User not found in pool.\"\n");
  const LdFinding *f;

  /* 4005 on its own, without a 404. */
  f = expect (c4005, "user-unknown", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_diag_evidence (c4005, f, 1, 4005);
  g_assert_nonnull (strstr (f->detail, "does not exist or is not enabled"));
  expect (c1003, "user-unknown", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  assert_absent (c4006, "user-unknown");
  expect (c4006, "unexplained-failure", LD_SEVERITY_ERROR, LD_CONFIDENCE_LOW);
}

static void
test_code_rows_neighbours (void)
{
  static const struct { int status; const char *hdr; const char *id; gboolean fires; } rows[] = {
    { 504, "ms-diagnostics: 1009;reason=\"Conflicting SRV and host domains in DNS.\"\n", "federation-dns", TRUE },
    { 504, "ms-diagnostics: 1008;reason=\"Unable to resolve DNS SRV record.\"\n", "federation-dns", TRUE },
    { 504, "ms-diagnostics: 1007;reason=\"Temporarily cannot route.\"\n", "federation-dns", FALSE },
    { 504, "ms-diagnostics: 1010;reason=\"Certificate trust with next-hop server could not be established.\"\n",
      "federation-certificate", TRUE },
    { 504, "ms-diagnostics: 1011;reason=\"ms-diagnostics header not provided by previous hop.\"\n",
      "federation-certificate", FALSE },
    { 403, "ms-diagnostics: 1001;reason=\"From URI not authorized to communicate with public IM providers.\"\n",
      "external-access-policy", TRUE },
    { 403, "ms-diagnostics: 1002;reason=\"From URI not authorized to communicate with federated partners.\"\n",
      "external-access-policy", TRUE },
    { 403, "ms-diagnostics: 1012;reason=\"From URI is not authorized to communicate with users outside the "
           "enterprise.\"\n", "external-access-policy", TRUE },
    { 403, "ms-diagnostics: 4003;reason=\"From URI not enabled for remote access.\"\n", "external-access-policy", TRUE },
    { 403, "ms-diagnostics: 4004;reason=\"Credentials provided are not authorized to act as specified from URI.\"\n",
      "external-access-policy", FALSE },
    { 503, "ms-diagnostics: 15030;reason=\"Failed to route to Exchange Server\"\n", "exchange-um", TRUE },
    { 403, "ms-diagnostics: 4268\n", "delegate-refused", TRUE },
    { 403, "ms-diagnostics: 4268\n", "user-unknown", FALSE },
    { 403, "ms-diagnostics-public: 4141;reason=\"User disabled\"\n", "account-disabled", TRUE },
    { 403, "ms-diagnostics-public: 4140\n", "account-disabled", FALSE },
    { 488, "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n", "encryption-mismatch", TRUE },
    { 486, NULL, "call-declined", TRUE },
    { 603, NULL, "call-declined", TRUE },
    { 480, NULL, "call-declined", FALSE },
    { 480, NULL, "user-unavailable", TRUE },
    { 408, NULL, "user-unavailable", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(LdAnalysis) an = refused_call (rows[i].status, rows[i].hdr);

      if ((find (an, rows[i].id) != NULL) != rows[i].fires)
        g_error ("%d %s: %s should %s", rows[i].status, rows[i].hdr ? rows[i].hdr : "", rows[i].id,
                 rows[i].fires ? "fire" : "not fire");
    }
  /* 52017 is sure with the 488 it comes with, less so alone. */
  {
    g_autoptr(LdAnalysis) a = refused_call (488, "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n");
    g_autoptr(LdAnalysis) b = refused_call (415, "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n");

    g_assert_cmpint (find (a, "encryption-mismatch")->confidence, ==, LD_CONFIDENCE_HIGH);
    g_assert_cmpint (find (b, "encryption-mismatch")->confidence, ==, LD_CONFIDENCE_MEDIUM);
  }
  /* 1009 is sure, 1008 a DNS failure that fits less exactly. */
  {
    g_autoptr(LdAnalysis) a = refused_call (504, "ms-diagnostics: 1009;reason=\"x\"\n");
    g_autoptr(LdAnalysis) b = refused_call (504, "ms-diagnostics: 1008;reason=\"x\"\n");

    g_assert_cmpint (find (a, "federation-dns")->confidence, ==, LD_CONFIDENCE_HIGH);
    g_assert_cmpint (find (b, "federation-dns")->confidence, ==, LD_CONFIDENCE_MEDIUM);
  }
}

/* A meeting refusal is a meeting's: the same code on a call is not. */
static void
test_conference_refused_only_meetings (void)
{
  Call join = { "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37", NULL, 404,
                "ms-diagnostics: 3012;reason=\"Invalid conference URI.\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) meeting = analyse_call (&join);
  g_autoptr(LdAnalysis) call = refused_call (404, "ms-diagnostics: 3012;reason=\"Invalid conference URI.\"\n");
  const LdFinding *f = expect (meeting, "conference-refused", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);

  g_assert_cmpstr (f->group, ==, "code 3012");
  g_assert_true (actions_mention (f, "fresh meeting link"));
  /* The address is not what was wrong: no user-unknown for the 404. */
  assert_absent (meeting, "user-unknown");
  assert_absent (call, "conference-refused");
}

/* RFC 3261 Timer B: an INVITE gives up after 32 s; a log that ends sooner
 * may just have been copied too early. */
static void
test_no_response_timer (void)
{
  static const struct { guint after_ms; LdConfidence confidence; } rows[] = {
    { 10000, LD_CONFIDENCE_LOW }, { 31000, LD_CONFIDENCE_LOW }, { 33000, LD_CONFIDENCE_MEDIUM },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      Log l;
      g_autoptr(LdAnalysis) an = NULL;
      Call c = { "sip:dave@fabrikam.com", "audio", 0, NULL, NULL, NULL };

      log_init (&l);
      log_call (&l, &c);
      l.ms += rows[i].after_ms;
      log_trace (&l, "INFO", "CUccLogger::Trace - heartbeat ok");
      an = analyse_log (&l);
      log_clear (&l);
      if (find (an, "no-response")->confidence != rows[i].confidence)
        g_error ("the log ends %u ms after the INVITE: wrong confidence", rows[i].after_ms);
    }
}

/* ports-blocked is sure with 0x4000000 and a media failure code; the same
 * bit with another client code is less sure. */
static void
test_ports_blocked_needs_media_code (void)
{
  g_autoptr(LdAnalysis) coded = media_call (24, REASON_24, "audio", AUDIO_24 ("0x4000000"));
  g_autoptr(LdAnalysis) other = refused_call (488, "ms-client-diagnostics: 52017;reason=\"Encryption levels dont "
                                                   "match\";CalleeMediaDebug=\"" AUDIO_24 ("0x4000000") "\"\n");

  g_assert_cmpint (find (coded, "ports-blocked")->confidence, ==, LD_CONFIDENCE_HIGH);
  g_assert_cmpint (find (other, "ports-blocked")->confidence, ==, LD_CONFIDENCE_MEDIUM);
}

/* ---- meet.lync.com ------------------------------------------------------------------ */

static void
test_meet_lync_needs_a_connection (void)
{
  Log l;
  g_autoptr(LdAnalysis) named = NULL;
  g_autoptr(LdAnalysis) failed = NULL;

  /* Named with a failure word, but nothing connected to it. */
  log_init (&l);
  log_trace (&l, "INFO", "CConferenceManager::OnJoinFailed - conference hosted on meet.lync.com failed, error 12");
  named = analyse_log (&l);
  log_clear (&l);
  assert_absent (named, "meet-lync-blocked");

  log_init (&l);
  log_trace (&l, "INFO", "DNS lookup for meet.lync.com failed, error 11001");
  failed = analyse_log (&l);
  log_clear (&l);
  expect (failed, "meet-lync-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);

  /* Around such a line, a join with no answer is covered; a join the focus
   * refused (3012) has its own explanation and is not. */
  {
    g_autoptr(LdAnalysis) an = NULL;
    Call silent = { "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37", NULL, 0, NULL, NULL, NULL };
    Call refused = { "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:AB12CD34", NULL, 404,
                     "ms-diagnostics: 3012;reason=\"Invalid conference URI.\"\n", NULL, NULL };
    const LdFinding *f;

    log_init (&l);
    log_trace (&l, "INFO", "DNS lookup for meet.lync.com failed, error 11001");
    log_call (&l, &refused);
    log_call (&l, &silent);
    l.ms += 60000;
    log_trace (&l, "INFO", "CUccLogger::Trace - heartbeat ok");
    an = analyse_log (&l);
    log_clear (&l);
    f = expect (an, "meet-lync-blocked", LD_SEVERITY_ERROR, LD_CONFIDENCE_MEDIUM);
    g_assert_cmpuint (f->attempts->len, ==, 1);
    g_assert_cmpuint (g_array_index (f->attempts, guint, 0), ==, 2);
    expect (an, "conference-refused", LD_SEVERITY_ERROR, LD_CONFIDENCE_HIGH);
  }
}

/* ---- The wizard: what stands ------------------------------------------------------ */

/* A note about a call that worked (info) is a finding for a cause, but it
 * does not stand for the verdict: the cause stays unsupported; the same
 * bit on a failed call supports it. */
static void
test_wizard_info_does_not_stand (void)
{
  Call ok = { "sip:dave@fabrikam.com", "audio", 200,
              "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
              "CalleeMediaDebug=\"audio:ICEWarn=0x1,LocalSite=192.0.2.81:50034,LocalLocation=1,"
              "RemoteLocation=1,FederationType=0\"\n", NULL, NULL };
  g_autoptr(LdAnalysis) worked = analyse_call (&ok);
  g_autoptr(LdAnalysis) failed = media_call (24, REASON_24, "audio", AUDIO_24 ("0x1"));
  g_autoptr(LdWizard) w1 = ld_wizard_new (worked);
  g_autoptr(LdWizard) w2 = ld_wizard_new (failed);

  g_assert_cmpint (find (worked, "turn-unreachable")->severity, ==, LD_SEVERITY_INFO);
  g_assert_cmpint (ld_wizard_get_cause (w1, LD_WIZARD_CAUSE_PORTS)->status, !=, LD_CAUSE_SUPPORTED);
  g_assert_cmpuint (ld_wizard_get_cause (w1, LD_WIZARD_CAUSE_PORTS)->findings->len, ==, 0);
  g_assert_cmpint (find (failed, "turn-unreachable")->severity, ==, LD_SEVERITY_ERROR);
  g_assert_cmpint (ld_wizard_get_cause (w2, LD_WIZARD_CAUSE_PORTS)->status, ==, LD_CAUSE_SUPPORTED);
}

/* ---- Redaction: which addresses are private ----------------------------------------- */

static void
test_redact_private_ranges (void)
{
  static const struct { const char *ip; gboolean private; } rows[] = {
    { "172.16.0.1", TRUE }, { "172.31.255.254", TRUE }, { "172.15.255.254", FALSE }, { "172.32.0.1", FALSE },
    { "10.1.2.3", TRUE }, { "192.168.100.1", TRUE }, { "192.169.0.1", FALSE }, { "11.1.111.11", FALSE },
    { "100.64.0.1", TRUE }, { "100.128.0.1", FALSE },
  };

  /* Private addresses get private pseudonyms (10.x), public ones public. */
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(LdRedactor) r = ld_redactor_new ();
      const char *p = _ld_redactor_ipv4 (r, rows[i].ip, strlen (rows[i].ip));

      g_assert_nonnull (p);
      if (g_str_has_prefix (p, "10.") != rows[i].private)
        g_error ("%s became %s: it is %s", rows[i].ip, p, rows[i].private ? "private" : "public");
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/near-miss/ice/0x4000-vs-0x2000", test_ice_0x4000_vs_0x2000);
  g_test_add_func ("/core/near-miss/ice/rule-bits", test_ice_rule_bits);
  g_test_add_func ("/core/near-miss/ports-blocked/single-bits", test_ports_blocked_single_bits);
  g_test_add_func ("/core/near-miss/tcp-media-blocked/all-three", test_tcp_media_needs_all_three);
  g_test_add_func ("/core/near-miss/bit-rules", test_bit_rules_neighbours);
  g_test_add_func ("/core/near-miss/port-range-widths", test_port_range_widths);
  g_test_add_func ("/core/near-miss/codes/22-vs-24", test_codes_22_vs_24);
  g_test_add_func ("/core/near-miss/codes/user-unknown", test_user_unknown_codes);
  g_test_add_func ("/core/near-miss/codes/rows", test_code_rows_neighbours);
  g_test_add_func ("/core/near-miss/codes/conference-refused", test_conference_refused_only_meetings);
  g_test_add_func ("/core/near-miss/meet-lync/connection", test_meet_lync_needs_a_connection);
  g_test_add_func ("/core/near-miss/no-response/timer", test_no_response_timer);
  g_test_add_func ("/core/near-miss/ports-blocked/media-code", test_ports_blocked_needs_media_code);
  g_test_add_func ("/core/near-miss/wizard/info-does-not-stand", test_wizard_info_does_not_stand);
  g_test_add_func ("/core/near-miss/redact/private-ranges", test_redact_private_ranges);

  return g_test_run ();
}
