/* test-decode.c - `lyncdiag-cli decode`: a pasted header, value, media debug or ICEWarn explained
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-decode"

#include "config.h"

#include <string.h>
#include <locale.h>
#include <glib.h>

#include "ld-diagnostic.h"
#include "ld-analysis-private.h"
#include "diagnostic-excerpts.h"

static char *
decode_ok (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_decode_pasted (text, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (out->str, out->len, NULL));

  return g_strdup (out->str);
}

static void
assert_contains (const char *haystack,
                 const char *needle)
{
  if (strstr (haystack, needle) == NULL)
    g_error ("expected to find [%s] in:\n%s", needle, haystack);
}

static void
assert_before (const char *haystack,
               const char *first,
               const char *second)
{
  const char *a = strstr (haystack, first);
  const char *b = strstr (haystack, second);

  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_true (a < b);
}

/* decode says what the tables say: unknown codes are "unknown", notes are
 * "no", and the header's component= is named. */
static void
test_decode_verdicts (void)
{
  g_autofree char *routing = decode_ok ("ms-diagnostics: 25008;reason=\"Attempting to route to Primary Pool\"");
  g_autofree char *housekeeping = decode_ok ("ms-diagnostics-public: 2139;reason=\"Terminating old subscription since new "
                                             "subscription dialog took over the previous one\"");
  g_autofree char *unknown = decode_ok ("ms-diagnostics: 24033;reason=\"Whatever\";source=\"pool.contoso.com\"");
  g_autofree char *asmcu = decode_ok ("ms-diagnostics-public: 21000;reason=\"New sharer joined conference.\";component=\"ASMCU\"");
  g_autofree char *signout = decode_ok ("ms-diagnostics-public: 4141;reason=\"User disabled\"");

  assert_contains (routing, "Failure: no");
  assert_contains (housekeeping, "Failure: no");
  assert_contains (unknown, "Failure: unknown");
  g_assert_null (strstr (unknown, "Failure: yes"));
  g_assert_null (strstr (unknown, "Unknown server component"));
  assert_contains (unknown, "Component: Lync / Skype for Business server (ErrorIds 24000–24999) at pool.contoso.com");
  assert_contains (asmcu, "Component: Application sharing MCU (ASMCU) (component=\"ASMCU\")");
  assert_contains (asmcu, "Failure: no");
  assert_contains (signout, "Failure: yes");
}

static void
assert_kb23_text (const char *text)
{
  assert_contains (text, "ms-client-diagnostics: 23\n");
  assert_contains (text, "Component: Lync client (media)\n");
  assert_contains (text, "Reason: " KB23_REASON "\n");
  assert_contains (text, "Failure: yes");
  assert_contains (text, "Role: caller");
  assert_contains (text, "Modality: application-sharing (desktop or application sharing)\n");
  assert_contains (text, "  = 0x4000000 + 0x200 + 0x100 + 0x20");
  assert_contains (text, "\n  0x4000000  TCP-TCP connectivity checks over the TURN server failed\n");
  assert_contains (text, "\n  0x200      TCP TURN server connectivity failed\n");
  assert_contains (text, "\n  0x100      TCP NAT connectivity failed\n");
  assert_contains (text, "\n  0x20       Local connectivity failed");
  assert_before (text, "  0x4000000  ", "  0x200  ");
  assert_before (text, "  0x200  ", "  0x100  ");
  assert_before (text, "  0x100  ", "  0x20  ");
  /* Advice is printed under its bit. */
  assert_contains (text, "\n             TCP port 443 to the Edge is not open.");
  assert_contains (text, "LocalLocation=1 -> remote (outside the company network)\n");
  assert_contains (text, "RemoteLocation=2 -> internal (inside the company network)\n");
  assert_contains (text, "FederationType=0 -> not federated");
  assert_contains (text, "LocalMR=207.46.5.63:54829 -> this side's media relay");
  assert_contains (text, "RemoteMR=65.55.127.64:51184 -> the other side's media relay");
  assert_contains (text, "PortRange=1025:65000 -> the client's media ports are not restricted");
  assert_contains (text, "LocalSite=207.46.5.9:20702 -> ");
  assert_contains (text, "RemoteSite=11.1.111.11:62198 -> ");
  assert_contains (text, "LocalMRTCPPort=54829 -> ");
  assert_contains (text, "RemoteMRTCPPort=51184 -> ");
}

static void
test_decode_header_line (void)
{
  g_autofree char *text = decode_ok ("ms-client-diagnostics: " KB23_VALUE);

  assert_kb23_text (text);
  g_assert_null (strstr (text, "header name was not pasted"));
}

static void
test_decode_value_only (void)
{
  g_autofree char *text = decode_ok ("  " KB23_VALUE "\n");
  g_autofree char *server = decode_ok ("1009; reason=\"No match for domain in DNS SRV results\"");
  g_autofree char *bare_code = decode_ok ("51004");
  g_autofree char *next_line = decode_ok ("ms-diagnostics-public:\n  1003;reason=\"User does not exist.\"\n\nmore text");

  assert_kb23_text (text);
  assert_contains (text, "read as ms-client-diagnostics");
  assert_contains (server, "read as ms-diagnostics");
  assert_contains (server, "ms-diagnostics: 1009\n");
  assert_contains (server, "Component: SIP stack (Front End and Access Edge)\n");
  assert_contains (bare_code, "ms-client-diagnostics: 51004\n");
  assert_contains (bare_code, "Failure: no");
  assert_contains (next_line, "ms-diagnostics-public: 1003\n");
  assert_contains (next_line, "Reason: User does not exist.\n");
  g_assert_null (strstr (next_line, "more text"));
}

static void
test_decode_media_only (void)
{
  g_autofree char *text =
    decode_ok ("application-sharing:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702, LocalMR=207.46.5.63:54829,"
               "LocalLocation=1, RemoteLocation=2,FederationType=0");
  g_autofree char *attr = decode_ok ("CalleeMediaDebug=\"audio:ICEWarn=0x80000,RemoteLocation=0\"");

  assert_contains (text, "Role: not given");
  assert_contains (text, "Modality: application-sharing");
  assert_contains (text, "\n  0x4000000  TCP-TCP connectivity checks over the TURN server failed\n");
  assert_contains (text, "LocalLocation=1 -> remote (outside the company network)\n");
  assert_contains (text, "RemoteLocation=2 -> internal (inside the company network)\n");
  g_assert_null (strstr (text, "ms-client-diagnostics"));

  assert_contains (attr, "Role: callee");
  assert_contains (attr, "  0x80000  No TURN server (media relay) is configured\n");
  assert_contains (attr, "RemoteLocation=0 -> unknown");
}

static void
test_decode_ice_only (void)
{
  g_autofree char *a = decode_ok ("ICEWarn=0x4000320");
  g_autofree char *b = decode_ok ("0x4000320");
  g_autofree char *c = decode_ok ("0x0");
  g_autofree char *d = decode_ok ("0x10000020");

  assert_contains (a, "\n  0x4000000  TCP-TCP connectivity checks over the TURN server failed\n");
  assert_contains (a, "\n  0x20       Local connectivity failed");
  g_assert_cmpstr (a, ==, b);
  g_assert_null (strstr (a, "ms-client-diagnostics"));
  assert_contains (c, "No ICE warnings");
  assert_contains (d, "\n  0x10000000  Unknown flag (not in the Resource Kit table)\n");
  assert_contains (d, "\n  0x20        Local connectivity failed");
}

static void
test_decode_seed_folded (void)
{
  g_autofree char *text = decode_ok (SEED_FOLDED);

  assert_contains (text, "ms-client-diagnostics: 23\n");
  assert_contains (text, "Reason: Call failedto establish due to a media connectivity failure when one endpoint is internal and the other is remote\n");
  assert_contains (text, "\n  0x4000000  TCP-TCP connectivity checks over the TURN server failed\n");
  assert_contains (text, "LocalLocation=1 -> remote (outside the company network)\n");
  assert_contains (text, "FederationType=0 -> not federated");
  /* The prose after the header is not part of it. */
  g_assert_null (strstr (text, "This issue usually occurs"));
  g_assert_null (strstr (text, "join attempt"));
}

static void
test_decode_msxfaq_wrapped (void)
{
  g_autofree char *text = decode_ok (MSXFAQ_WRAPPED);

  assert_contains (text, "ms-client-diagnostics: 51007\n");
  assert_contains (text, "ms-client-diagnostics: 51004\n");
  assert_before (text, "ms-client-diagnostics: 51007", "ms-client-diagnostics: 51004");
  assert_contains (text, "Reason: Action initiated by User\n");
  assert_contains (text, "Failure: no");
  assert_contains (text, "Role: callee");
  assert_contains (text, "Modality: audio");
  assert_contains (text, "  0x0  No ICE warnings");
  assert_contains (text, "\n  0x80       UDP TURN server connectivity failed");
  assert_contains (text, "LocalMR=192.168.100.1::58503 -> ");
  assert_contains (text, "BaseAddress=192.168.100.1:50020 -> ");
  assert_contains (text, "NetworkName=msxfaq.net -> ");
  assert_contains (text, "PortRange=50020:50039 -> the client may use ports 50020 to 50039 (20 ports)");
  g_assert_null (strstr (text, "BYE sip:"));
}

static void
test_decode_cisco (void)
{
  g_autofree char *text =
    decode_ok ("CSeq: 1 INVITE\n"
               "ms-diagnostics: " CISCO_1009 "\n"
               "Server: RTC/6.0\n"
               "SIP/2.0 504 Server time-out\n"
               "ms-diagnostics: " CISCO_1010 "\n");

  assert_contains (text, "ms-diagnostics: 1009\n");
  assert_contains (text, "ms-diagnostics: 1010\n");
  assert_contains (text, "Reason: No match for domain in DNS SRV results\n");
  assert_contains (text, "Source: sip.skype.lab");
  assert_contains (text, "  domain=cms.steven.lab\n");
  assert_contains (text, "  fqdn1=vcse.sub.cms.steven.lab :5061\n");
  assert_contains (text, "  tls-target=vcse.cms.steven.lab\n");
  assert_contains (text, "  PeerServer=vcse.steven.lab\n");
  assert_contains (text, "  HRESULT=0x80090322(SEC_E_WRONG_PRINCIPAL)\n");
  assert_contains (text, "Component: SIP stack (Front End and Access Edge)\n");
  g_assert_null (strstr (text, "RTC/6.0"));
}

static void
test_decode_pareshj_same (void)
{
  g_autofree char *a = decode_ok ("ms-client-diagnostics: " PARESHJ_A);
  g_autofree char *b = decode_ok ("ms-client-diagnostics: " PARESHJ_B);
  const char *bits_a = strstr (a, "ICEWarn: ");
  const char *bits_b = strstr (b, "ICEWarn: ");
  const char *end_a = strstr (a, "Fields:");
  const char *end_b = strstr (b, "Fields:");

  assert_contains (a, "Reason: " REASON24 "\n");
  assert_contains (b, "Reason: " REASON24 "\n");
  g_assert_nonnull (bits_a);
  g_assert_nonnull (bits_b);
  g_assert_nonnull (end_a);
  g_assert_nonnull (end_b);
  /* The ICE part reads the same for both copies. */
  g_assert_cmpint (end_a - bits_a, ==, end_b - bits_b);
  g_assert_cmpint (strncmp (bits_a, bits_b, end_a - bits_a), ==, 0);
  assert_contains (a, "\n  0x200  TCP TURN server connectivity failed\n");
  assert_contains (a, "RemoteSite= -> empty");
  assert_contains (b, "LocalSite=xx.xx.xxx.x:xxx -> ");
}

static void
test_decode_qoe (void)
{
  g_autofree char *hex = decode_ok ("<IceWarningFlags>0x40000</IceWarningFlags>");
  g_autofree char *dec = decode_ok ("<IceWarningFlags>262144</IceWarningFlags>");

  assert_contains (hex, "[MS-QoE]");
  assert_contains (hex, "  0x40000  TCP NAT connectivity failed\n");
  assert_contains (dec, "  0x40000  TCP NAT connectivity failed\n");
  g_assert_null (strstr (hex, "Bandwidth policy"));
}

static void
test_decode_nothing (void)
{
  static const char *const inputs[] = { "", "   \n\t\n", "hello world", "Server: RTC/6.0", "23 apples" };

  for (gsize i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autoptr(GString) out = g_string_new ("kept");
      g_autoptr(GError) error = NULL;

      g_assert_false (ld_decode_pasted (inputs[i], out, &error));
      g_assert_error (error, LD_DECODE_ERROR, LD_DECODE_ERROR_NOTHING);
      assert_contains (error->message, "ms-client-diagnostics");
      assert_contains (error->message, "CallerMediaDebug");
      assert_contains (error->message, "ICEWarn");
      g_assert_cmpstr (out->str, ==, "kept");
    }

  {
    g_autoptr(GString) out = g_string_new (NULL);
    g_autoptr(GError) error = NULL;

    g_assert_false (ld_decode_pasted (NULL, out, &error));
    g_assert_error (error, LD_DECODE_ERROR, LD_DECODE_ERROR_NOTHING);
  }

  g_assert_cmpstr (g_quark_to_string (LD_DECODE_ERROR), ==, "ld-decode-error-quark");
}

static void
test_describe_appends (void)
{
  g_autoptr(LdDiagnostic) diag = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, KB23_VALUE);
  g_autoptr(GString) out = g_string_new ("before\n");

  ld_diagnostic_describe (diag, out);
  g_assert_true (g_str_has_prefix (out->str, "before\nms-client-diagnostics: 23\n"));
  assert_kb23_text (out->str);
}

/* Header lines quoted by real sources, decoded as an expert reads them:
 * the meaning, whether it is a failure, and who wrote it. Each value is
 * verbatim from its source (spaces after ';' included). */
static void
test_decode_real_header_lines (void)
{
  static const struct {
    const char   *line;       /* verbatim */
    const char   *source;     /* where it is quoted */
    const char   *meaning;    /* words the meaning must hold */
    const char   *failure;    /* the decoder's "Failure:" line starts so */
    const char   *component;  /* the "Component:" line */
  } rows[] = {
    { "ms-diagnostics: 4005;reason=\"Destination URI either not enabled for SIP or does not exist\";source=\"Lyncpool.domainname.com\"",
      "Microsoft support: Newly created users can't sign in to a Lync client",
      "in a sign-in the user's own address", "Failure: yes", "User services: other" },
    { "ms-diagnostics: 1017; reason=\"Cannot route From and To domains in this combination\"; summary=\"Domain type analysis indicates that the ms-split-domain-info header in the message is the wrong type\"",
      "Microsoft support: split domain, Skype for Business Online users can't IM on-premises users",
      "split domain", "Failure: yes", "SIP stack (Front End and Access Edge)" },
    { "ms-diagnostics: 1027;reason=\"Cannot route this type of SIP request to or from federated partners\";source=\"nxac.pdiaz.com\"",
      "Peter Diaz, MS community article (Snooper)",
      "federated organisation", "Failure: yes", "SIP stack (Front End and Access Edge)" },
    { "ms-diagnostics-public: 21002;reason=\"Attendees cannot share in this conference\";component=\"ASMCU\"",
      "Cisco TAC, Cisco Meeting Server with Skype for Business meetings",
      "only presenters may share", "Failure: yes", "Application sharing MCU (ASMCU) (component=\"ASMCU\")" },
    { "ms-diagnostics: 2165;reason=\"Contact subscription is not allowed as the user's contact list has migrated to Exchange.\";source=\"SERVER.contoso.com\"",
      "[MS-PRES] 4.14.3.1",
      "by design, not an error", "Failure: no", "User services: presence" },
    { "ms-diagnostics: 15000;reason=\"Unable to read the user properties publication for the user or contact object.\";source=\"NASEAPOOLFE01.CONTOSO.COM\";appName=\"ExumRouting\"",
      "Microsoft support: calls to Subscriber Access or Auto Attendant fail (SfB Server 2019)",
      "Exchange UM routing application", "Failure: yes", "Exchange Unified Messaging (appName=\"ExumRouting\")" },
    { "ms-diagnostics: 10003;source=\"babababa.xaca.das.aaa\";reason=\"Proxy returned a SIP failure code\";component=\"CoreServer\";SipResponseCode=\"404\";SipResponseText=\"Not Found\"",
      "bbk-pj colmat/ordererlib_sip.t",
      "passed on a failure", "Failure: yes", "Server component CoreServer (the code is one of Mediation Server's, ErrorIds 10000–10999)" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autofree char *text = decode_ok (rows[i].line);
      g_autofree char *failure = g_strdup_printf ("\n%s", rows[i].failure);
      g_autofree char *component = g_strdup_printf ("Component: %s\n", rows[i].component);

      g_test_message ("%s", rows[i].source);
      assert_contains (text, rows[i].meaning);
      assert_contains (text, failure);
      assert_contains (text, component);
    }
}

/* Near misses of the component rule: a component= that names the block's
 * own component keeps the block's name (MediationServer for 10003), and
 * an appName= outside a documented block is named as an application. */
static void
test_codes_component_near_miss (void)
{
  g_autoptr(LdDiagnostic) mediation = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS,
                                                            "10003;source=\"AMS0S00MED02.infra.lync.com\";reason=\"Proxy returned a SIP failure code\";component=\"MediationServer\"");
  g_autoptr(LdDiagnostic) app = ld_diagnostic_parse (LD_DIAG_HEADER_MS_DIAGNOSTICS,
                                                      "26001;reason=\"x\";appName=\"SomeApp\"");
  g_autofree char *a = ld_diagnostic_dup_component (mediation);
  g_autofree char *b = ld_diagnostic_dup_component (app);

  g_assert_cmpstr (a, ==, "Mediation Server (component=\"MediationServer\")");
  g_assert_cmpstr (b, ==, "Server application SomeApp");
}

/* Copies of diagnostics as people paste them: the HTTP form of the web
 * services (UCWA 2.0 documentation), a blog's transcription of a
 * screenshot with '=' and an unnamed reason (Victor Silva, "Lync Server
 * 2013 - SIP/2.0 504 Server time-out", 2015), two spaces after the colon
 * (jon.netdork.net 2012). Near misses: another word ending in
 * "-ms-diagnostics", and '=' followed by prose, decode nothing. */
static void
test_decode_pasted_copies (void)
{
  g_autofree char *http = decode_ok ("X-Ms-diagnostics: 28020;source=\"server.contoso.com\";reason=\"No valid security token.\"");
  g_autofree char *blog = decode_ok ("ms-diagnostics=1008;\"Unable to resolve DNS SRV Record\"");
  g_autofree char *two = decode_ok ("ms-diagnostics:  1034;reason=\"Previous hop federated peer did not report diagnostic information\";");
  static const char *nothing[] = { "the text says mx-ms-diagnostics: 5", "ms-diagnostics=see below" };

  assert_contains (http, "ms-diagnostics: 28020\n");
  assert_contains (http, "Component: Lync / Skype for Business web services (ErrorIds 28000–28999) at server.contoso.com\n");
  assert_contains (http, "Reason: No valid security token.\n");
  g_assert_null (strstr (http, "Unknown server component"));
  assert_contains (blog, "ms-diagnostics: 1008\n");
  assert_contains (blog, "Reason: Unable to resolve DNS SRV Record\n");
  assert_contains (blog, "Failure: yes");
  assert_contains (two, "ms-diagnostics: 1034\n");
  assert_contains (two, "federated partner");

  for (gsize i = 0; i < G_N_ELEMENTS (nothing); i++)
    {
      g_autoptr(GString) out = g_string_new (NULL);
      g_autoptr(GError) error = NULL;

      g_assert_false (ld_decode_pasted (nothing[i], out, &error));
      g_assert_nonnull (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/decode/verdicts", test_decode_verdicts);
  g_test_add_func ("/core/decode/real-header-lines", test_decode_real_header_lines);
  g_test_add_func ("/core/decode/pasted-copies", test_decode_pasted_copies);
  g_test_add_func ("/core/decode/header-line", test_decode_header_line);
  g_test_add_func ("/core/decode/value-only", test_decode_value_only);
  g_test_add_func ("/core/decode/media-only", test_decode_media_only);
  g_test_add_func ("/core/decode/icewarn-only", test_decode_ice_only);
  g_test_add_func ("/core/decode/seed-folded", test_decode_seed_folded);
  g_test_add_func ("/core/decode/msxfaq-wrapped", test_decode_msxfaq_wrapped);
  g_test_add_func ("/core/decode/cisco", test_decode_cisco);
  g_test_add_func ("/core/decode/pareshj-same", test_decode_pareshj_same);
  g_test_add_func ("/core/decode/qoe", test_decode_qoe);
  g_test_add_func ("/core/decode/nothing", test_decode_nothing);
  g_test_add_func ("/core/decode/describe-appends", test_describe_appends);
  g_test_add_func ("/core/codes/component-near-miss", test_codes_component_near_miss);
  return g_test_run ();
}
