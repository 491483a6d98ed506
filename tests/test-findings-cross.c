/* test-findings-cross.c - the patterns across attempts (fails-…, failures-started-at)
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

/* ---- Whose calls: several users' logs opened together ---------------------------------- */

/* Carol's sharing fails only with dave; erin's worked with dave. The
 * pattern is carol's: erin's call says nothing about carol's path, and
 * the finding says whose log it is in. */
static void
test_fails_one_contact_per_user (void)
{
  Log carol, erin;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *fail = sharing_24 ();
  Call dave_fails = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };
  Call dave_ok = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, sharing_ok, NULL };
  Call frank_ok = { "sip:frank@fabrikam.com", "applicationsharing", 200, NULL, sharing_ok, NULL };
  const LdFinding *f;

  log_init (&carol);
  log_call (&carol, &dave_fails);
  log_call (&carol, &frank_ok);
  log_call (&carol, &dave_fails);
  log_init (&erin);
  erin.self = "erin@fabrikam.com";
  log_call (&erin, &dave_ok);
  log_call (&erin, &frank_ok);
  an = analyse_logs (&carol, &erin, NULL);
  log_clear (&carol);
  log_clear (&erin);
  g_assert_cmpuint (ld_analysis_get_n_users (an), ==, 2);
  f = expect (an, "fails-one-contact", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);
  g_assert_nonnull (strstr (f->title, "sip:dave@fabrikam.com"));
  /* carol's calls only: 2 failures, 1 success with 1 other contact. */
  g_assert_nonnull (strstr (f->detail, "(2)"));
  g_assert_nonnull (strstr (f->detail, "worked 1 times with 1 other contacts"));
  g_assert_nonnull (strstr (f->detail, "This is in the log of sip:carol@fabrikam.com."));
  g_assert_null (strstr (f->detail, "erin"));
  g_assert_cmpuint (count (an, "fails-one-contact"), ==, 1);
}

/* Both users' sharing fails only with dave: one finding that says the
 * pattern holds across their logs. */
static void
test_fails_one_contact_across_users (void)
{
  Log carol, erin;
  g_autoptr(LdAnalysis) an = NULL;
  g_autofree char *fail = sharing_24 ();
  Call dave_fails = { "sip:dave@fabrikam.com", "applicationsharing", 200, NULL, fail, NULL };
  Call frank_ok = { "sip:frank@fabrikam.com", "applicationsharing", 200, NULL, sharing_ok, NULL };
  Call joe_ok = { "sip:joe@contoso.com", "applicationsharing", 200, NULL, sharing_ok, NULL };
  const LdFinding *f;

  log_init (&carol);
  log_call (&carol, &dave_fails);
  log_call (&carol, &frank_ok);
  log_init (&erin);
  erin.self = "erin@fabrikam.com";
  log_call (&erin, &joe_ok);
  log_call (&erin, &dave_fails);
  an = analyse_logs (&carol, &erin, NULL);
  log_clear (&carol);
  log_clear (&erin);
  /* Both logs use the same Call-IDs (the helper numbers them): each
   * user's calls stay that user's. */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 4);
  g_assert_cmpuint (count (an, "fails-one-contact"), ==, 1);
  f = find (an, "fails-one-contact");
  g_assert_nonnull (strstr (f->detail, "(2)"));
  g_assert_nonnull (strstr (f->detail, "worked 2 times with 2 other contacts"));
  g_assert_nonnull (strstr (f->detail, "The same holds in the logs of 2 users: sip:carol@fabrikam.com, "
                                       "sip:erin@fabrikam.com."));
  g_assert_cmpint (f->confidence, ==, LD_CONFIDENCE_MEDIUM);
  g_assert_cmpuint (f->attempts->len, >=, 2);
}

/* Near miss: one user's log says nothing about users. */
static void
test_fails_one_contact_one_user_says_no_user (void)
{
  g_autoptr(LdAnalysis) an = analyse_file ("findings-contacts.uccapilog");
  const LdFinding *f = expect (an, "fails-one-contact", LD_SEVERITY_WARNING, LD_CONFIDENCE_MEDIUM);

  g_assert_null (strstr (f->detail, "log of"));
  g_assert_null (strstr (f->detail, "logs of"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

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
  g_test_add_func ("/core/findings/cross/per-user", test_fails_one_contact_per_user);
  g_test_add_func ("/core/findings/cross/across-users", test_fails_one_contact_across_users);
  g_test_add_func ("/core/findings/cross/one-user", test_fails_one_contact_one_user_says_no_user);

  return g_test_run ();
}
