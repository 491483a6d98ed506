/* test-redact-unit.c - the redactor's parts: records, trace lines, pseudonyms, the output check
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-redact"

#include "config.h"

#include <string.h>

#include "lyncdiag.h"
#include "ld-error.h"
#include "ld-redact-private.h"

/* One record through a fresh or given redactor. */
static char *
record (LdRedactor *r,
        const char *text)
{
  LdRecordInfo info = { .line = 1, .time = 0 };
  LdRecordInfo out;
  gsize len = 0;
  const char *s = _ld_redactor_filter_record (r, &info, text, strlen (text), &out, &len);

  return g_strndup (s, len);
}

static char *
trace (LdRedactor *r,
       const char *text)
{
  gsize len = 0;
  const char *s = _ld_redactor_filter_trace (r, text, strlen (text), &len);

  return g_strndup (s, len);
}

static guint
count_lines (const char *s)
{
  guint n = 0;

  for (; *s; s++)
    n += *s == '\n';
  return n;
}

static void
assert_absent (const char *text,
               const char *value)
{
  g_autofree char *ft = g_utf8_casefold (text, -1);
  g_autofree char *fv = g_utf8_casefold (value, -1);

  if (strstr (ft, fv) != NULL)
    g_error ("“%s” survived in:\n%s", value, text);
}

/* Every top-level domain, any case: the address, its user and its domain
 * go, the same address in another case gets the same pseudonym. */
static void
test_any_domain (void)
{
  static const struct { const char *domain; const char *pseudonym; } cases[] = {
    { "acme.health", "domain1.example" }, { "corp.contoso.loc", "corp.domain1.example" },
    { "tenant.xyz", "domain1.example" }, { "firstnational.bank", "domain1.example" },
    { "acme.solutions", "domain1.example" }, { "louvre.museum", "domain1.example" },
    { "shop.app", "domain1.example" }, { "tools.dev", "domain1.example" }, { "smith.law", "domain1.example" },
    { "expert.pro", "domain1.example" }, { "ACME.EU", "domain1.example" },
    { "xn--bcher-kva.app", "domain1.example" }, { "bücher.law", "domain1.example" },
    { "contoso.co.uk", "domain1.example" }, { "sub.tenant.onmicrosoft.com", "host-1.domain1.example" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(LdRedactor) r = ld_redactor_new ();
      g_autofree char *upper = g_utf8_strup (cases[i].domain, -1);
      g_autofree char *msg = g_strdup_printf ("INVITE sip:jdoe@%s SIP/2.0\nFrom: <sip:JDoe@%s>;tag=1a2b3c4d5e\n"
                                              "To: <sip:jdoe@%s>\nContent-Length: 0\n\n", cases[i].domain,
                                              cases[i].domain, upper);
      g_autofree char *out = record (r, msg);
      g_autofree char *expected = g_strdup_printf ("INVITE sip:user1@%s SIP/2.0\n"
                                                   "From: <sip:user1@%s>;tag=1a2b3c4d5e\n"
                                                   "To: <sip:user1@%s>\n", cases[i].pseudonym, cases[i].pseudonym,
                                                   cases[i].pseudonym);

      assert_absent (out, cases[i].domain);
      assert_absent (out, "jdoe");
      if (!g_str_has_prefix (out, expected))
        g_error ("%s gave\n%s", cases[i].domain, out);
    }
}

/* Issue 22: "CORP\\jdoe" re-escaped its own output until memory ran out.
 * A quoted-pair is read once; a name of backslashes is bounded work. */
static void
test_display_name_backslash (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *out = record (r, "INVITE sip:a@b.c SIP/2.0\nFrom: \"CORP\\\\jdoe\" <sip:jdoe@corp.example.bank>\n\n");
  GString *hostile = g_string_new ("INVITE sip:a@b.c SIP/2.0\nFrom: \"");
  g_autofree char *hostile_out = NULL;
  gint64 start;

  g_assert_nonnull (strstr (out, "From: \"Person 1\" <sip:user2@corp.domain2.example>"));
  assert_absent (out, "jdoe");
  assert_absent (out, "CORP\\\\");

  for (guint i = 0; i < 200000; i++)
    g_string_append (hostile, "\\\\");
  g_string_append (hostile, "\" <sip:x@y.z>\n\n");
  start = g_get_monotonic_time ();
  hostile_out = record (r, hostile->str);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpuint (strlen (hostile_out), <, 1000);
  g_string_free (hostile, TRUE);
}

/* Display names, quoted or not, in any script; right-to-left overrides
 * cannot hide one from the check. */
static void
test_display_names (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = record (r, "SIP/2.0 200 OK\nFrom: Mary Major <sip:mary@fabrikam.bank>;tag=9a9a9a9a9a\n"
                                  "To: \"李伟\" <sip:li.wei@xn--bcher-kva.app>\n"
                                  "P-Asserted-Identity: \"\u202Eredro\u202C Ali\" <sip:ali@corp.contoso.loc>\n\n");

  g_assert_nonnull (strstr (a, "From: Person 1 <sip:user1@domain1.example>"));
  g_assert_nonnull (strstr (a, "To: \"Person 2\" <sip:user2@domain2.example>"));
  g_assert_nonnull (strstr (a, "P-Asserted-Identity: \"Person 3\" <sip:user3@corp.domain3.example>"));
  assert_absent (a, "Mary");
  assert_absent (a, "李伟");
  assert_absent (a, "redro");
  /* The same name later, in another case, is the same person. */
  {
    g_autofree char *b = record (r, "SIP/2.0 200 OK\nFrom: \"MARY MAJOR\" <sip:mary@FABRIKAM.BANK>\n\n");

    g_assert_nonnull (strstr (b, "From: \"Person 1\" <sip:user1@domain1.example>"));
  }
}

/* Phone numbers in every notation; tel URIs keep their parameters. */
static void
test_phones (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = record (r, "INVITE sip:+14255550199@acme.health;user=phone SIP/2.0\n"
                                  "To: <tel:+14255550199;phone-context=acme.health>\n"
                                  "P-Preferred-Identity: <tel:+1-425-555-0100;ext=4711>\n\n");
  g_autofree char *b = trace (r, "Dialing +1 (425) 555-0199, then (425) 555-0100 and +49 30 1234 56789");

  g_assert_nonnull (strstr (a, "INVITE sip:+99900000001@domain1.example;user=phone SIP/2.0"));
  g_assert_nonnull (strstr (a, "<tel:+99900000001;phone-context=domain1.example>"));
  assert_absent (a, "555");
  assert_absent (a, "4711");
  /* The same digits are the same number, however they are written. */
  g_assert_cmpstr (b, ==, "Dialing +99900000001, then +99900000002 and +99900000004");
  /* In a field: a number of the protocol stays, a phone number goes. */
  {
    g_autofree char *c = record (r, "SIP/2.0 200 OK\nContent-Type: application/xml\n\n"
                                    "<phone><displayString>425-555-0100</displayString><n>+49 30 1234 5678</n>"
                                    "<range>1025:65000</range><v>16.0.4849.1000</v></phone>\n");

    /* 425-555-0100 is +1-425-555-0100 above: the same number. */
    g_assert_nonnull (strstr (c, "<displayString>+99900000002</displayString><n>+999"));
    assert_absent (c, "1234 5678");
    g_assert_nonnull (strstr (c, "<range>1025:65000</range><v>16.0.4849.1000</v>"));
  }
}

/* GRUUs keep what they are, their ids go; meetings stay one meeting. */
static void
test_gruu_and_meeting (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = record (r,
    "INVITE sip:joe@acme.health;gruu;opaque=app:conf:focus:id:TF2497F37 SIP/2.0\n"
    "Contact: <sip:alice@acme.health;opaque=user:epid:Hs2bXq0u1FqC3Y7Y0c1b5AAA;gruu>;+sip.instance=\"<urn:uuid:5f2c3a1e-8a1b-5c2d-9e4f-0a1b2c3d4e5f>\"\n"
    "To: <sip:joe@acme.health;gruu;opaque=app:conf:applicationsharing:id:tf2497f37>\n"
    "From: <sip:alice@acme.health>;tag=a1b2c3d4;epid=0a1b2c3d4e\n\n");

  g_assert_nonnull (strstr (a, ";gruu;opaque=app:conf:focus:id:meeting-1 SIP/2.0"));
  g_assert_nonnull (strstr (a, ";gruu;opaque=app:conf:applicationsharing:id:meeting-1>"));
  g_assert_nonnull (strstr (a, "opaque=user:epid:epid-1;gruu>"));
  g_assert_nonnull (strstr (a, "<urn:uuid:00000000-0000-0000-0000-000000000001>"));
  g_assert_nonnull (strstr (a, ";tag=a1b2c3d4;epid=epid-2"));
  assert_absent (a, "TF2497F37");
  assert_absent (a, "Hs2bXq0u1FqC3Y7Y0c1b5AAA");
  assert_absent (a, "5f2c3a1e");
  assert_absent (a, "0a1b2c3d4e");
}

/* Call-IDs and tags that carry a host; the machine in a user agent. */
static void
test_machine_names (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = record (r,
    "REGISTER sip:acme.health SIP/2.0\n"
    "Call-ID: 7c1d2e3f8a9b4c0d@PC-JSMITH01.acme.health\n"
    "User-Agent: UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business) PC-JSMITH01\n"
    "Via: SIP/2.0/TLS pc-jsmith01.acme.health:51234;branch=z9hG4bK4F2A1.6E0C;received=203.0.113.250\n\n");
  g_autofree char *b = trace (r, "Resolved PC-JSMITH01 and pc-jsmith01.ACME.HEALTH");

  g_assert_nonnull (strstr (a, "Call-ID: 7c1d2e3f8a9b4c0d@host-1.domain1.example\n"));
  g_assert_nonnull (strstr (a, "User-Agent: UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business) host-1\n"));
  g_assert_nonnull (strstr (a, "Via: SIP/2.0/TLS host-1.domain1.example:51234;branch=z9hG4bK4F2A1.6E0C;received="));
  g_assert_cmpstr (b, ==, "Resolved host-1 and host-1.domain1.example");
  assert_absent (a, "jsmith");
}

/* The diagnostic headers: codes, ICEWarn and ports stay; addresses,
 * servers, MACs and the network name go; an unknown field goes whole. */
static void
test_diagnostics (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = record (r,
    "BYE sip:a@b.health SIP/2.0\n"
    "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
    "CalleeMediaDebug=\"audio:ICEWarn=0x0,LocalSite=192.168.100.1:50034,LocalMR=192.168.100.1::58503,"
    "RemoteSite=80.187.111.135:20726,PortRange=50020:50039,LocalLocation=2,NetworkName=msxfaq.net,"
    "MrDnsU=avedge01.corp.contoso.loc,MacAddress=00-15-5D-0A-0B-0C,Secret=Jane Doe\"\n"
    "ms-diagnostics: 1009;reason=\"No match for domain in DNS SRV results\";domain=\" partner.bank \";"
    "source=\"sip.acme.health\"\n"
    "X-Unknown: PC042 Jane\n\n");

  g_assert_nonnull (strstr (a, "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                               "CalleeMediaDebug=\"audio:ICEWarn=0x0,LocalSite=10.0.0.1:50034,LocalMR=10.0.0.1::58503,"
                               "RemoteSite=203.0.113.1:20726,PortRange=50020:50039,LocalLocation=2,"));
  g_assert_nonnull (strstr (a, "MacAddress=02-00-00-00-00-01,Secret=[redacted]\""));
  g_assert_nonnull (strstr (a, "source=\"sip.domain"));
  g_assert_nonnull (strstr (a, "X-Unknown: [redacted]\n"));
  assert_absent (a, "msxfaq");
  assert_absent (a, "avedge01");
  assert_absent (a, "contoso");
  assert_absent (a, "0A-0B-0C");
  assert_absent (a, "partner");
  assert_absent (a, "Jane");
  assert_absent (a, "PC042");
}

/* A rewritten body keeps the record's lines and its Content-Length is
 * the new body's: the parser splits two messages where it did. */
static void
test_bodies (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  const char *body = "<contactList><contact uri=\"sip:jane.doe@acme.health\" name=\"Jane Doe\"/>\n"
                     "<contact uri=\"tel:+14255550199\" name=\"Reception\"/></contactList>";
  /* Content-Length counts the wire's CRLF for the log's LF. */
  g_autofree char *in = g_strdup_printf ("BENOTIFY sip:a@acme.health SIP/2.0\nContent-Type: application/vnd-microsoft-roaming-contacts+xml\n"
                                         "Content-Length: %zu\n\n%sSIP/2.0 200 OK\nContent-Length: 0\n\n", strlen (body) + 1, body);
  g_autofree char *out = record (r, in);
  g_autoptr(LdSipMessage) first = ld_sip_message_parse (out, strlen (out), NULL);
  const char *cl;

  g_assert_cmpuint (count_lines (out), ==, count_lines (in));
  assert_absent (out, "jane");
  assert_absent (out, "acme");
  assert_absent (out, "5550199");
  assert_absent (out, "Reception");
  g_assert_nonnull (first);
  cl = ld_sip_message_get_header (first, "Content-Length");
  /* The new body's wire length, and the parser splits where it did. */
  g_assert_cmpuint (g_ascii_strtoull (cl, NULL, 10), ==, strlen (first->body) + 1);
  g_assert_true (g_str_has_prefix (out + first->consumed, "SIP/2.0 200 OK"));
}

/* Found by fuzzing: a header or body that breaks the usual shape still
 * keeps its lines and names nobody. */
static void
test_malformed_shapes (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  /* A Via whose first word is a URI, not "SIP/2.0/TLS". */
  g_autofree char *via = record (r, "INVITE sip:a@acme.health SIP/2.0\n"
                                    "Via:j.lee@smith.law;gruu;opaque=app:conf:focus:id:LAW2024X SIP/2.0\n"
                                    "Via: SIP/2.0/TLS 10.20.4.57:51234\nContent-Length: 0\n\n");
  /* A private namespace whose quoted value runs over two line breaks. */
  const char *body = "<request xmlns=\"u0.20.4.57:51234\nMax-Forwards: 70\nFrom: \"Sarah Jones\" cp/>";
  g_autofree char *xml_in = g_strdup_printf ("INFO sip:a@acme.health SIP/2.0\nContent-Type: application/cccp+xml\n"
                                             "Content-Length: %zu\n\n%s", strlen (body) + 2, body);
  g_autofree char *xml = record (r, xml_in);

  assert_absent (via, "j.lee");
  assert_absent (via, "smith.law");
  assert_absent (via, "10.20.4.57");
  g_assert_nonnull (strstr (via, "Via: SIP/2.0/TLS "));
  g_assert_cmpuint (count_lines (via), ==, 5);
  g_assert_cmpuint (count_lines (xml), ==, count_lines (xml_in));
  assert_absent (xml, "10.20.4.57");

  /* A record cut off in its last header keeps all of it (a last "Ç" was
   * once cut to half a character: tests/fuzz/regressions/redact/ keeps
   * that input). */
  {
    g_autofree char *cut = record (r, "SIP/2.0 200 OK\nContent-Length: 0\nExpires: 7200");
    g_autofree char *cut8 = record (r, "SIP/2.0 200 OK\nContent-Length: 0\nServer: RTC/6.0 \xc3\x87");

    g_assert_true (g_str_has_suffix (cut, "\nExpires: 7200"));
    g_assert_true (g_utf8_validate (cut8, -1, NULL));
  }
}

/* SDP: candidates and connection addresses, crypto keys. */
static void
test_sdp (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *out = record (r,
    "INVITE sip:a@acme.health SIP/2.0\nContent-Type: application/sdp\nContent-Length: 999\n\n"
    "v=0\no=jsmith 0 0 IN IP4 207.46.5.9\ns=session\nc=IN IP4 207.46.5.9\nm=audio 50034 RTP/SAVP 114 9\n"
    "a=candidate:1 1 UDP 2130706431 10.20.4.57 50034 typ host\n"
    "a=candidate:3 1 TCP-PASS 6556159 207.46.5.63 54829 typ relay raddr 207.46.5.9 rport 20702\n"
    "a=candidate:4 1 UDP 2130706431 2001:4898:a800:1012::57 20704 typ host\n"
    "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:bm9uZSBvZiB5b3VyIGJ1c2luZXNzIGF0IGFsbA==|2^31|1:1\n"
    "a=remote-candidates:1 10.20.4.57 50034\n");

  g_assert_nonnull (strstr (out, "m=audio 50034 RTP/SAVP 114 9\n"));
  g_assert_nonnull (strstr (out, "typ relay raddr "));
  g_assert_nonnull (strstr (out, "a=remote-candidates:1 10.0.0.1 50034\n"));
  g_assert_nonnull (strstr (out, "inline:[redacted]|2^31|1:1"));
  assert_absent (out, "207.46.5");
  assert_absent (out, "10.20.4.57");
  assert_absent (out, "jsmith");
  assert_absent (out, "2001:4898");
  assert_absent (out, "bm9uZSBvZiB5");
}

/* Trace lines: every identifier by its shape, the words around them stay. */
static void
test_trace_lines (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  struct { const char *in; const char *gone[4]; const char *kept; } cases[] = {
    { "OpenFile - C:\\Users\\jsmith\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync\\Tracing\\x.log",
      { "jsmith", NULL }, "\\AppData\\Local\\Microsoft\\Office\\16.0\\Lync\\Tracing\\" },
    { "signed in Windows user CONTOSO\\jsmith on PC-JSMITH01", { "CONTOSO", "jsmith", "PC-JSMITH01", NULL },
      "signed in Windows user " },
    { "adapter MacAddress=00-15-5D-0A-0B-0C and 3c:52:82:1a:2b:3c", { "0A-0B-0C", "1a:2b:3c", NULL }, "adapter MacAddress=" },
    { "joining https://meet.lync.com/acmehealth/jsmith/ABCD1234 (meet.acme.health/jane.doe/XY12)",
      { "acmehealth", "ABCD1234", "jane.doe", "XY12" }, "joining https://meet.lync.com/" },
    { "profile \\\\fs01.corp.contoso.loc\\profiles$\\jsmith", { "fs01", "contoso", "jsmith", NULL }, "profile \\\\" },
    { "ComputerName: WS0042, user=may, displayName='Zoë Lambert'", { "WS0042", "Zoë", NULL }, "ComputerName: " },
    { "connecting to [2001:db9:a800::57]:5061 and fe80::1c2d:3e4f:5a6b:7c8d%12", { "2001:db9", "1c2d", NULL }, "connecting to [" },
  };

  /* The machine's name is learnt from a record (the first pass of a
   * redacted analysis meets every record before any trace line). */
  g_autofree char *primer = record (r, "REGISTER sip:acme.health SIP/2.0\nCall-ID: 7c1d2e3f@PC-JSMITH01.acme.health\n\n");

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = trace (r, cases[i].in);

      for (guint k = 0; k < G_N_ELEMENTS (cases[i].gone) && cases[i].gone[k] != NULL; k++)
        assert_absent (out, cases[i].gone[k]);
      if (strstr (out, cases[i].kept) == NULL)
        g_error ("“%s” lost “%s”: %s", cases[i].in, cases[i].kept, out);
    }
}

/* The tool's own words and a log's plain sentences stay, whoever is
 * called may, will or port; public Microsoft names stay too. */
static void
test_words_stay (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autofree char *a = record (r, "INVITE sip:may@acme.health SIP/2.0\nFrom: \"Will Port\" <sip:will@acme.health>\n\n");
  g_autofree char *b = trace (r, "The two Edge servers may not be able to reach each other; the call will fail on port 443 of meet.lync.com");

  g_assert_nonnull (strstr (a, "INVITE sip:user1@domain1.example"));
  g_assert_cmpstr (b, ==, "The two Edge servers may not be able to reach each other; the call will fail on port 443 of meet.lync.com");
  g_assert_true (_ld_redact_is_vocabulary ("may"));
  g_assert_true (_ld_redact_is_vocabulary ("will"));
  g_assert_true (_ld_redact_is_vocabulary ("port"));
  g_assert_false (_ld_redact_is_vocabulary ("jsmith"));
}

/* One /24 stays one /24, private stays private, loopback stays, and a
 * pseudonym is never a real value met in the first pass. */
static void
test_addresses (void)
{
  g_autoptr(LdRedactor) learner = ld_redactor_new ();
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  const char *text = "a 10.0.0.1 b 10.20.4.57 c 10.20.4.58 d 192.168.1.7 e 8.8.8.8 f 8.8.4.4 g 8.8.8.9 h 127.0.0.1 i 203.0.113.1";
  g_autofree char *ignored = trace (learner, text);
  g_autofree char *out = NULL;
  g_auto(GStrv) w = NULL;

  _ld_redactor_seed_from (r, learner);
  out = trace (r, text);
  w = g_strsplit (out, " ", -1);
  g_assert_cmpuint (g_strv_length (w), ==, 18);
  /* No pseudonym equals an address of the log. */
  for (guint i = 1; i < 18; i += 2)
    if (g_strcmp0 (w[i], "127.0.0.1") != 0)
      g_assert_null (strstr (text, w[i]));
  g_assert_true (g_str_has_prefix (w[1], "10."));
  g_assert_true (g_str_has_prefix (w[3], "10.") && g_str_has_prefix (w[5], "10."));
  g_assert_cmpint (strrchr (w[3], '.') - w[3], ==, strrchr (w[5], '.') - w[5]);
  g_assert_cmpint (strncmp (w[3], w[5], strrchr (w[3], '.') - w[3]), ==, 0);   /* same /24 */
  g_assert_true (g_str_has_prefix (w[9], "203.0.113.") || g_str_has_prefix (w[9], "198."));
  g_assert_cmpint (strncmp (w[9], w[13], strrchr (w[9], '.') - w[9]), ==, 0);  /* 8.8.8.x */
  g_assert_cmpint (strncmp (w[9], w[11], strrchr (w[9], '.') - w[9]), !=, 0);  /* 8.8.4.x */
  g_assert_cmpstr (w[15], ==, "127.0.0.1");
}

/* The legend's examples use N: never a pseudonym. */
static void
test_legend (void)
{
  g_autofree char *legend = ld_redact_dup_legend ();

  g_assert_nonnull (strstr (legend, "userN@domainN.example"));
  g_assert_null (strstr (legend, "user1"));
  g_assert_null (strstr (legend, "domain1"));
  g_assert_null (strstr (legend, "Person 1"));
  g_assert_null (strstr (legend, "203.0.113.1"));
}

/* The check finds a value in every spelling and names its kind only. */
static void
test_check_finds (void)
{
  static const char * const reports[] = {
    "{\"target\": \"sip:JSmith@Acme.Health\"}",
    "{\"name\": \"Zo\\u00eb Lambert\"}",
    "| sip:jsmith\\@acme.health |",
    "\"https://meet.lync.com/x?u=jsmith%40acme.health\"",
    "Call +1 (425) 555-0199 now",
    "host-1 on pc-jsmith01.acme.\nhealth",
    "see PC-JSMITH01\n",
    "Zo\u00eb\u202E Lambert",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (reports); i++)
    {
      g_autoptr(LdRedactor) r = ld_redactor_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *ignored = record (r, "INVITE sip:jsmith@acme.health SIP/2.0\n"
                                            "From: \"Zoë Lambert\" <sip:zoe@acme.health>\n"
                                            "Call-ID: 1234abcd5678ef90@PC-JSMITH01.acme.health\n"
                                            "To: <tel:+14255550199>\n\n");
      /* As a PDF's text: a line break may split a wrapped value. */
      g_assert_false (_ld_redactor_check (r, reports[i], strlen (reports[i]), TRUE, NULL, &error));
      g_assert_error (error, LD_ERROR, LD_ERROR_REDACTION);
      g_assert_null (strstr (error->message, "jsmith"));
      g_assert_null (strstr (error->message, "Lambert"));
    }
}

/* A value longer than a needle is found by its start, wherever a report
 * would cut it. */
static void
test_check_long_value (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autoptr(GError) error = NULL;
  GString *name = g_string_new (NULL);
  g_autofree char *msg = NULL;
  g_autofree char *ignored = NULL;
  g_autofree char *report = NULL;

  /* One word of 440 letters: only the whole can find it. */
  for (guint i = 0; i < 40; i++)
    g_string_append_printf (name, "Wolkenstein");
  msg = g_strdup_printf ("INVITE sip:a@b.health SIP/2.0\nFrom: \"%s\" <sip:x@b.health>\n\n", name->str);
  ignored = record (r, msg);
  g_assert_cmpuint (ld_redactor_get_n_values (r), >, 0);
  /* The name's first 300 characters, cut inside a word and run on. */
  report = g_strdup_printf ("Caller: %.300sxyz", name->str);
  g_assert_false (ld_redactor_check_text (r, report, strlen (report), NULL, &error));
  g_assert_error (error, LD_ERROR, LD_ERROR_REDACTION);
  g_string_free (name, TRUE);
}

/* The check does not mistake the report's English, pseudonyms or a
 * longer number for a value. */
static void
test_check_passes (void)
{
  g_autoptr(LdRedactor) learner = ld_redactor_new ();
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autoptr(GError) error = NULL;
  const char *log = "INVITE sip:may@acme.health SIP/2.0\nFrom: \"Will\" <sip:will@acme.health>\n"
                    "Via: SIP/2.0/TLS 10.0.0.1:5061\n\n";
  g_autofree char *a = record (learner, log);
  g_autofree char *b = NULL;
  const char *report = "The two Edge servers may not be able to reach each other; it will fail on port 443. "
                       "10.0.0.12 and 110.0.0.1 are other addresses; sip:user1@domain1.example.";

  _ld_redactor_seed_from (r, learner);
  b = record (r, log);
  g_assert_true (ld_redactor_check_text (r, report, strlen (report), NULL, &error));
  g_assert_no_error (error);
}

/* A cancelled check stops. */
static void
test_check_cancelled (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *ignored = record (r, "INVITE sip:jsmith@acme.health SIP/2.0\n\n");

  g_cancellable_cancel (cancellable);
  g_assert_false (ld_redactor_check_text (r, "text", 4, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* Hostile records finish in bounded time and stay valid UTF-8. */
static void
test_bounded (void)
{
  g_autoptr(LdRedactor) r = ld_redactor_new ();
  GString *s = g_string_new ("INVITE sip:a@b.health SIP/2.0\nReason: ");
  g_autofree char *out = NULL;
  gint64 start;

  for (guint i = 0; i < 400000; i++)
    g_string_append (s, "a.a-");
  g_string_append (s, "\nX: ");
  for (guint i = 0; i < 100000; i++)
    g_string_append (s, "1.2.3.");
  g_string_append (s, "\n\n");
  start = g_get_monotonic_time ();
  out = record (r, s->str);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 20 * G_USEC_PER_SEC);
  g_assert_true (g_utf8_validate (out, -1, NULL));
  g_assert_cmpuint (count_lines (out), ==, count_lines (s->str));
  g_string_free (s, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/redact/record/any-domain", test_any_domain);
  g_test_add_func ("/core/redact/record/display-name-backslash", test_display_name_backslash);
  g_test_add_func ("/core/redact/record/display-names", test_display_names);
  g_test_add_func ("/core/redact/record/phones", test_phones);
  g_test_add_func ("/core/redact/record/gruu-and-meeting", test_gruu_and_meeting);
  g_test_add_func ("/core/redact/record/machine-names", test_machine_names);
  g_test_add_func ("/core/redact/record/diagnostics", test_diagnostics);
  g_test_add_func ("/core/redact/record/bodies", test_bodies);
  g_test_add_func ("/core/redact/record/sdp", test_sdp);
  g_test_add_func ("/core/redact/record/malformed-shapes", test_malformed_shapes);
  g_test_add_func ("/core/redact/record/bounded", test_bounded);
  g_test_add_func ("/core/redact/trace/shapes", test_trace_lines);
  g_test_add_func ("/core/redact/words-stay", test_words_stay);
  g_test_add_func ("/core/redact/pseudonym/addresses", test_addresses);
  g_test_add_func ("/core/redact/pseudonym/legend", test_legend);
  g_test_add_func ("/core/redact/check/finds", test_check_finds);
  g_test_add_func ("/core/redact/check/passes", test_check_passes);
  g_test_add_func ("/core/redact/check/long-value", test_check_long_value);
  g_test_add_func ("/core/redact/check/cancelled", test_check_cancelled);

  return g_test_run ();
}
