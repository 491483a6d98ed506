/* ld-gen-log.c - write a realistic client log of a given size, its ground truth and a pcap
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Used by build-aux/bench (and by hand) to measure LyncDiag on logs of
 * hundreds of megabytes that look like the real thing: mostly presence
 * and registration traffic, non-SIP trace lines, CRLF line ends, XML and
 * SDP bodies, conference joins and peer-to-peer calls, a sign-in with its
 * NTLM challenge and its refreshes, SERVICE requests, and a share of
 * failures carrying the diagnostic headers seen in the field. The same
 * seed always writes the same bytes. The ground truth counts the
 * attempts (every call and join, every other exchange that failed) and
 * every exchange by kind.
 *
 * Two mixes (--mix). "typical" is the one above: about 6,900 calls and
 * joins and 930 failed attempts per 200 MB. "conference" is conference-
 * and failure-heavy (issue 25): about three in ten picks are a session,
 * four in five sessions are conference joins, and a third of the joins
 * that get their 200 OK end in a media failure whose header is copied
 * verbatim from a real excerpt: code 22 (audio; no ICEWarn in the only
 * real excerpt), 23 with ICEWarn=0x4000320 and 24 with ICEWarn=0x320
 * (application sharing). Its ground truth also counts the joins, the
 * failed joins by code and the failing ICEWarn values, so a fast run
 * that misreads a failure shows as a mismatch.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

typedef struct
{
  FILE     *out;
  FILE     *pcap;
  GRand    *rand;
  gint64    now;      /* ms since 1970, log-local */
  guint64   bytes;
  guint     seq;
  guint     tid;      /* the thread writing the current lines */
  /* ground truth */
  guint     attempts;
  guint     failed;
  guint     succeeded;
  guint     cancelled;
  guint     no_response;
  guint     messages;
  guint     exchanges[4];  /* sign-in, subscription, service, calls and joins */
  GHashTable *codes;  /* code -> count */
  gboolean  conference_mix;
  guint     joins;         /* conference joins (kind "conference") */
  guint     failed_joins;
  GHashTable *join_fail_codes;  /* code -> failed joins it decided */
  GHashTable *ice_warn;         /* ICEWarn value of a failure -> count */
  GString  *buf;
} Gen;

/* The kinds of exchange the ground truth counts. */
enum { EX_SIGN_IN, EX_SUBSCRIPTION, EX_SERVICE, EX_CALL };

static const char *users[] = { "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy" };
static const char *domains[] = { "contoso.com", "fabrikam.com", "litwareinc.com" };

static void
stamp (Gen *g, GString *s)
{
  GDateTime *dt = g_date_time_new_from_unix_utc (g->now / 1000);
  g_string_append_printf (s, "%02d/%02d/%04d|%02d:%02d:%02d.%03d 1A2C:%X INFO  :: ",
                          g_date_time_get_month (dt), g_date_time_get_day_of_month (dt),
                          g_date_time_get_year (dt), g_date_time_get_hour (dt),
                          g_date_time_get_minute (dt), g_date_time_get_second (dt),
                          (int) (g->now % 1000), g->tid);
  g_date_time_unref (dt);
}

static void
flush (Gen *g)
{
  fwrite (g->buf->str, 1, g->buf->len, g->out);
  g->bytes += g->buf->len;
  g_string_truncate (g->buf, 0);
}

static void
pcap_write_u32 (FILE *f, guint32 v) { fwrite (&v, 4, 1, f); }

static void
pcap_header (FILE *f)
{
  guint16 major = 2, minor = 4;

  pcap_write_u32 (f, 0xa1b2c3d4);
  fwrite (&major, 2, 1, f);
  fwrite (&minor, 2, 1, f);
  pcap_write_u32 (f, 0);
  pcap_write_u32 (f, 0);
  pcap_write_u32 (f, 65535);
  pcap_write_u32 (f, 1); /* Ethernet */
}

static guint16
ip_checksum (const guint8 *h, gsize len)
{
  guint32 sum = 0;

  for (gsize i = 0; i + 1 < len; i += 2)
    sum += (h[i] << 8) | h[i + 1];
  while (sum >> 16)
    sum = (sum & 0xffff) + (sum >> 16);
  return (guint16) ~sum;
}

/* One SIP message as a UDP datagram on port 5060, so tshark dissects it as SIP. */
static void
pcap_packet (Gen *g, const char *sip, gsize len, gboolean sent)
{
  guint8 hdr[42] = { 0 };
  guint32 cap = (guint32) MIN (len, 65000) + 42;
  guint16 iplen = (guint16) (cap - 14), udplen = (guint16) (cap - 34);
  guint8 a[4] = { 192, 168, 1, 20 }, b[4] = { 52, 112, 1, 10 };
  guint16 cs;

  if (g->pcap == NULL)
    return;
  pcap_write_u32 (g->pcap, (guint32) (g->now / 1000));
  pcap_write_u32 (g->pcap, (guint32) (g->now % 1000) * 1000);
  pcap_write_u32 (g->pcap, cap);
  pcap_write_u32 (g->pcap, cap);
  memcpy (hdr, "\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\x08\x00", 14);
  hdr[14] = 0x45;
  hdr[16] = iplen >> 8;
  hdr[17] = iplen & 0xff;
  hdr[22] = 64;
  hdr[23] = 17;
  memcpy (hdr + 26, sent ? a : b, 4);
  memcpy (hdr + 30, sent ? b : a, 4);
  cs = ip_checksum (hdr + 14, 20);
  hdr[24] = cs >> 8;
  hdr[25] = cs & 0xff;
  hdr[34] = 5060 >> 8; hdr[35] = 5060 & 0xff;
  hdr[36] = 5060 >> 8; hdr[37] = 5060 & 0xff;
  hdr[38] = udplen >> 8;
  hdr[39] = udplen & 0xff;
  fwrite (hdr, 1, 42, g->pcap);
  fwrite (sip, 1, cap - 42, g->pcap);
}

/* Writes one SIP message framed as the client logs it. @sip uses LF; the
 * log gets CRLF like the real files. */
static void
emit (Gen *g, gboolean sent, const char *sip)
{
  g_autoptr(GString) crlf = g_string_new (NULL);
  const char *peer = "52.112.1.10:443", *local = "192.168.1.20:50123";
  const char *nl;

  for (const char *p = sip; *p; p++)
    {
      if (*p == '\n')
        g_string_append_c (crlf, '\r');
      g_string_append_c (crlf, *p);
    }

  g->now += g_rand_int_range (g->rand, 1, 40);
  g->tid = 0x1B3C + g_rand_int_range (g->rand, 0, 4);
  stamp (g, g->buf);
  g_string_append_printf (g->buf, sent ? "Sending Packet - %s (From Local Address: %s) %u bytes:\r\n"
                                       : "Data Received -%s (To Local Address: %s) %u bytes:\r\n",
                          peer, local, (guint) crlf->len);
  stamp (g, g->buf);
  nl = strchr (sip, '\n');
  g_string_append_len (g->buf, crlf->str, crlf->len);
  if (crlf->len > 0 && crlf->str[crlf->len - 1] != '\n')
    g_string_append (g->buf, "\r\n");
  stamp (g, g->buf);
  g_string_append_printf (g->buf, sent ? "End of Sending Packet - %s (From Local Address: %s) %u bytes\r\n"
                                       : "End of Data Received -%s (To Local Address: %s) %u bytes\r\n",
                          peer, local, (guint) crlf->len);
  (void) nl;
  pcap_packet (g, crlf->str, crlf->len, sent);
  g->messages++;
  flush (g);
}

static void
trace_lines (Gen *g)
{
  static const char *lines[] = {
    "CUccLogger::Trace - heartbeat ok",
    "CPresenceManager::OnCategoryChanged - category=state instance=0 version=12",
    "CMediaManager::Initialize - devices enumerated: 2 capture, 3 render",
    "CRegistrationManager::Refresh - next refresh in 540 s",
    "<VQReportEvent xmlns=\"ms-rtcp-metrics\"><CallId>none</CallId></VQReportEvent>",
    "CUccWebServices::GetLocation - https://webdir.online.lync.com/Autodiscover ok (200)",
  };
  guint n = g_rand_int_range (g->rand, 1, 6);

  g->tid = 0x1D40;

  for (guint i = 0; i < n; i++)
    {
      g->now += g_rand_int_range (g->rand, 1, 200);
      stamp (g, g->buf);
      g_string_append_printf (g->buf, "%s\r\n", lines[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (lines))]);
    }
  flush (g);
}

static char *
uri (Gen *g, guint u, guint d)
{
  return g_strdup_printf ("sip:%s@%s", users[u % G_N_ELEMENTS (users)], domains[d % G_N_ELEMENTS (domains)]);
}

static void
presence (Gen *g)
{
  g_autofree char *cid = g_strdup_printf ("pres%08x%08x", g_rand_int (g->rand), g->seq++);
  g_autoptr(GString) body = g_string_new ("<categories xmlns=\"http://schemas.microsoft.com/2006/09/sip/categories\">");
  guint n = g_rand_int_range (g->rand, 2, 12);
  g_autofree char *sub = NULL, *ok = NULL, *note = NULL;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (body, "\n<category name=\"state\" instance=\"%u\" publishTime=\"2024-03-04T08:00:00Z\">"
                                  "<state xmlns=\"http://schemas.microsoft.com/2006/09/sip/state\" type=\"aggregateState\">"
                                  "<availability>%u</availability></state></category>",
                            g_rand_int (g->rand), 3500 + 100 * g_rand_int_range (g->rand, 0, 60));
  g_string_append (body, "\n</categories>");

  sub = g_strdup_printf ("SUBSCRIBE sip:alice@contoso.com SIP/2.0\nVia: SIP/2.0/TLS 192.168.1.20:50123\n"
                         "Max-Forwards: 70\nFrom: <sip:alice@contoso.com>;tag=%x;epid=0a1b2c3d4e\n"
                         "To: <sip:alice@contoso.com>\nCall-ID: %s\nCSeq: 1 SUBSCRIBE\n"
                         "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\n"
                         "Event: presence\nAccept: application/msrtc-event-categories+xml\nContent-Length: 0\n\n",
                         g_rand_int (g->rand), cid);
  ok = g_strdup_printf ("SIP/2.0 200 OK\nVia: SIP/2.0/TLS 192.168.1.20:50123\nFrom: <sip:alice@contoso.com>;tag=1\n"
                        "To: <sip:alice@contoso.com>;tag=2\nCall-ID: %s\nCSeq: 1 SUBSCRIBE\nExpires: 36000\n"
                        "Content-Length: 0\n\n", cid);
  note = g_strdup_printf ("BENOTIFY sip:alice@contoso.com;opaque=user:epid:Hs2b;gruu SIP/2.0\n"
                          "Via: SIP/2.0/TLS 52.112.1.10:443;branch=z9hG4bK%x\nMax-Forwards: 69\n"
                          "From: <sip:alice@contoso.com>;tag=2\nTo: <sip:alice@contoso.com>;tag=1\nCall-ID: %s\n"
                          "CSeq: 2 BENOTIFY\nEvent: presence\nSubscription-State: active;expires=36000\n"
                          "Content-Type: application/msrtc-event-categories+xml\nContent-Length: %u\n\n%s\n",
                          g_rand_int (g->rand), cid, (guint) body->len, body->str);
  emit (g, TRUE, sub);
  emit (g, FALSE, ok);
  emit (g, FALSE, note);
  g->exchanges[EX_SUBSCRIPTION]++;
}

static void
count_code (Gen *g, int code)
{
  gpointer key = GINT_TO_POINTER (code);

  g_hash_table_insert (g->codes, key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (g->codes, key)) + 1));
}

/* A REGISTER, its 401 challenge (the first sign-in only), and its 200 OK:
 * a sign-in exchange that worked, never an attempt. */
static void
sign_in (Gen *g, gboolean first)
{
  static guint cseq = 1;
  static char cid[40];
  g_autofree char *reg = NULL, *challenge = NULL, *ok = NULL;

  if (first)
    g_snprintf (cid, sizeof cid, "reg%08x", g_rand_int (g->rand));
  reg = g_strdup_printf ("REGISTER sip:contoso.com SIP/2.0\nVia: SIP/2.0/TLS 192.168.1.20:50123\nMax-Forwards: 70\n"
                         "From: <sip:alice@contoso.com>;tag=7f3a;epid=0a1b2c3d4e\nTo: <sip:alice@contoso.com>\n"
                         "Call-ID: %s\nCSeq: %u REGISTER\n"
                         "Contact: <sip:192.168.1.20:50123;transport=tls;ms-opaque=d3470f2e1d>;methods=\"INVITE, MESSAGE, "
                         "INFO, SUBSCRIBE, OPTIONS, BYE, CANCEL, NOTIFY, ACK, REFER, BENOTIFY\";proxy=replace\n"
                         "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\n"
                         "Supported: gruu-10, adhoclist, msrtc-event-categories\nEvent: registration\n"
                         "Content-Length: 0\n\n", cid, cseq);
  emit (g, TRUE, reg);
  if (first)
    {
      challenge = g_strdup_printf ("SIP/2.0 401 Unauthorized\nDate: Mon, 04 Mar 2024 08:00:00 GMT\n"
                                   "WWW-Authenticate: NTLM realm=\"SIP Communications Service\", "
                                   "targetname=\"pool01.contoso.com\", version=4\n"
                                   "WWW-Authenticate: Kerberos realm=\"SIP Communications Service\", "
                                   "targetname=\"sip/pool01.contoso.com\", version=4\n"
                                   "From: <sip:alice@contoso.com>;tag=7f3a;epid=0a1b2c3d4e\n"
                                   "To: <sip:alice@contoso.com>;tag=C0FFEE\nCall-ID: %s\nCSeq: %u REGISTER\n"
                                   "Via: SIP/2.0/TLS 192.168.1.20:50123;ms-received-port=50123\nContent-Length: 0\n\n",
                                   cid, cseq);
      emit (g, FALSE, challenge);
      cseq++;
      g_free (reg);
      reg = g_strdup_printf ("REGISTER sip:contoso.com SIP/2.0\nVia: SIP/2.0/TLS 192.168.1.20:50123\nMax-Forwards: 70\n"
                             "From: <sip:alice@contoso.com>;tag=7f3a;epid=0a1b2c3d4e\nTo: <sip:alice@contoso.com>\n"
                             "Call-ID: %s\nCSeq: %u REGISTER\n"
                             "Authorization: NTLM qop=\"auth\", realm=\"SIP Communications Service\", "
                             "targetname=\"pool01.contoso.com\", gssapi-data=\"\", version=4\n"
                             "Event: registration\nContent-Length: 0\n\n", cid, cseq);
      emit (g, TRUE, reg);
    }
  ok = g_strdup_printf ("SIP/2.0 200 OK\nFrom: <sip:alice@contoso.com>;tag=7f3a;epid=0a1b2c3d4e\n"
                        "To: <sip:alice@contoso.com>;tag=C0FFEE\nCall-ID: %s\nCSeq: %u REGISTER\n"
                        "Via: SIP/2.0/TLS 192.168.1.20:50123;ms-received-port=50123\nExpires: 7200\n"
                        "Content-Length: 0\n\n", cid, cseq);
  emit (g, FALSE, ok);
  cseq++;
  /* A refresh is a sign-in exchange of its own (a new transaction of the
   * same Call-ID); the first one's challenge is a round of it. */
  g->exchanges[EX_SIGN_IN]++;
}

/* A SERVICE request (the roaming and delegate traffic): mostly answered
 * 200; a few refused as in the support article on delegate scheduling
 * (403 with ms-diagnostics 4268), each a failed attempt. */
static void
service (Gen *g)
{
  g_autofree char *cid = g_strdup_printf ("svc%08x%08x", g_rand_int (g->rand), g->seq++);
  g_autofree char *req = NULL, *resp = NULL;
  gboolean refused = g_rand_int_range (g->rand, 0, 20) == 0;

  req = g_strdup_printf ("SERVICE sip:alice@contoso.com SIP/2.0\nVia: SIP/2.0/TLS 192.168.1.20:50123\n"
                         "Max-Forwards: 70\nFrom: <sip:alice@contoso.com>;tag=%x;epid=0a1b2c3d4e\n"
                         "To: <sip:alice@contoso.com>\nCall-ID: %s\nCSeq: 1 SERVICE\n"
                         "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\n"
                         "Content-Type: application/SOAP+xml\nContent-Length: 0\n\n", g_rand_int (g->rand), cid);
  if (refused)
    resp = g_strdup_printf ("SIP/2.0 403 Forbidden\nFrom: <sip:alice@contoso.com>;tag=1\n"
                            "To: <sip:alice@contoso.com>;tag=2\nCall-ID: %s\nCSeq: 1 SERVICE\n"
                            "Via: SIP/2.0/TLS 192.168.1.20:50123\n"
                            "ms-diagnostics: 4268;reason=\"Delegate operation not allowed as delegate and delegator "
                            "are in different deployments.\";source=\"pool01.contoso.com\"\n"
                            "Content-Type: application/msrtc-fault+xml\nContent-Length: 0\n\n", cid);
  else
    resp = g_strdup_printf ("SIP/2.0 200 OK\nFrom: <sip:alice@contoso.com>;tag=1\n"
                            "To: <sip:alice@contoso.com>;tag=2\nCall-ID: %s\nCSeq: 1 SERVICE\n"
                            "Via: SIP/2.0/TLS 192.168.1.20:50123\nContent-Length: 0\n\n", cid);
  emit (g, TRUE, req);
  emit (g, FALSE, resp);
  g->exchanges[EX_SERVICE]++;
  if (refused)
    {
      g->attempts++;
      g->failed++;
      count_code (g, 4268);
    }
}

/* The media failures of the conference mix, each header VERBATIM from a
 * real excerpt (only the line end is the generator's):
 * - 22: domain.md 4.3 "blog sample 09" (a 2017 Skype4B blog post on a
 *   Fortigate NAT option; Exchange Online UM call), MediaType="audio";
 * - 23: Microsoft KB 2386684 as kept in
 *   /work/shared/reference/samples/04_ms_kb_desktop_sharing_23_0x4000320.txt
 *   (application sharing, ICEWarn=0x4000320, its spaces after commas kept);
 * - 24: the field report /work/shared/seeds/003_9e9bcd1175f41fb8.txt
 *   (pareshj MSDN blog, addresses masked with x by its author;
 *   application sharing, ICEWarn=0x320). */
static const struct {
  int         code;
  gboolean    sharing;     /* an application-sharing join, else audio */
  const char *ice_warn;    /* as the truth writes it, NULL: none */
  const char *header;
} media_failures[] = {
  { 22, FALSE, NULL,
    "ms-client-diagnostics: 22; reason=\"Call failed to establish due to a media connectivity failure when both "
    "endpoints are internal\";UserType=\"Callee\";MediaType=\"audio\";MediaChanBlob=\"NetworkErr=no error,ErrTime=0,"
    "RTPSeq=0,SeqDelta=0,RTPTime=0,RTCPTime=0,TransptRecvErr=0x0,RecvErrTime=0,TransptSendErr=0x0,SendErrTime=0,"
    "InterfacesStall=0x0,InterfacesConnCheck=0x0,MediaTimeout=0,RtcpByeSent=0,RtcpByeRcvd=0,BlobVer=1\";" },
  { 23, TRUE, "0x4000320",
    "ms-client-diagnostics: 23; reason=\"Call failed to establish due to a media connectivity failure when one "
    "endpoint is internal and the other is remote\";CallerMediaDebug=\"application-sharing:ICEWarn=0x4000320,"
    "LocalSite=207.46.5.9:20702, LocalMR=207.46.5.63:54829,RemoteSite=11.1.111.11:62198, "
    "RemoteMR=65.55.127.64:51184, PortRange=1025:65000,LocalMRTCPPort=54829, RemoteMRTCPPort=51184,"
    "LocalLocation=1, RemoteLocation=2,FederationType=0\"" },
  { 24, TRUE, "0x320",
    "ms-client-diagnostics: 24; reason=\"Call failed to establish due to a media connectivity failure when both "
    "endpoints are remote\";CallerMediaDebug=\"application-sharing:ICEWarn=0x320,LocalSite=xx.xx.xxx.x:xxx,"
    "LocalMR=xx.xx.xxx.xx:xx,RemoteSite=192.168.20.203:50045,PortRange=50040:50049,LocalMRTCPPort=57498,"
    "LocalLocation=1,RemoteLocation=1,FederationType=0\"" },
};

static void
count_in (GHashTable *table,
          gconstpointer key)
{
  g_hash_table_insert (table, (gpointer) key, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (table, key)) + 1));
}

/* Which session kind: 0-3 conference joins (focus, audio-video,
 * application sharing, chat), 4-6 peer-to-peer (audio, video, sharing).
 * The conference mix weights the joins with media 8 to 2. */
static guint
session_kind (Gen *g)
{
  static const guint conference_weights[] = { 0, 0, 1, 1, 2, 2, 2, 2, 3, 4, 5, 6 };

  if (!g->conference_mix)
    return g_rand_int_range (g->rand, 0, 7);
  return conference_weights[g_rand_int_range (g->rand, 0, G_N_ELEMENTS (conference_weights))];
}

static void
session (Gen *g)
{
  static const char *conf_kinds[] = { "focus", "audio-video", "applicationsharing", "chat" };
  guint kind = session_kind (g);
  guint peer = g_rand_int_range (g->rand, 1, G_N_ELEMENTS (users));
  guint dom = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (domains));
  g_autofree char *cid = g_strdup_printf ("call%08x%08x", g_rand_int (g->rand), g->seq++);
  g_autofree char *target = NULL, *to = NULL, *invite = NULL, *sdp = NULL;
  gboolean conference = kind < 4;
  const char *media;
  guint fate = g_rand_int_range (g->rand, 0, 100);
  gboolean sharing;

  if (conference)
    {
      g_autofree char *org = uri (g, peer, 0);
      target = g_strdup_printf ("%s;gruu;opaque=app:conf:%s:id:%08X", org, conf_kinds[kind], g_rand_int (g->rand));
      media = kind == 2 ? "applicationsharing" : kind == 3 ? "message" : "audio";
    }
  else
    {
      target = uri (g, peer, dom);
      media = kind == 4 ? "audio" : kind == 5 ? "video" : "applicationsharing";
    }
  sharing = g_str_equal (media, "applicationsharing");
  /* Chat joins carry m=message: still a conference join (by URI). */
  sdp = g_strdup_printf ("v=0\no=- 0 0 IN IP4 192.168.1.20\ns=session\nc=IN IP4 192.168.1.20\nt=0 0\n"
                         "m=%s %u %s 127\na=ice-ufrag:Dk9E\na=ice-pwd:4kQ8tUO1ZZy3b9y0P+uQ2hmu\n"
                         "a=candidate:1 1 %s 2120613887 192.168.1.20 %u typ host\n"
                         "a=candidate:3 1 %s 6556159 52.112.3.63 54829 typ relay raddr 207.46.5.9 rport 20702\n",
                         media, 50000 + g_rand_int_range (g->rand, 0, 60), sharing ? "TCP/RTP/AVP" : "RTP/SAVP",
                         sharing ? "TCP-PASS" : "UDP", 50000 + g_rand_int_range (g->rand, 0, 60),
                         sharing ? "TCP-PASS" : "UDP");
  to = g_strdup_printf ("<%s>", target);
  invite = g_strdup_printf ("INVITE %s SIP/2.0\nVia: SIP/2.0/TLS 192.168.1.20:50123\nMax-Forwards: 70\n"
                            "From: <sip:alice@contoso.com>;tag=%x;epid=0a1b2c3d4e\nTo: %s\nCall-ID: %s\n"
                            "CSeq: 1 INVITE\nContact: <sip:alice@contoso.com;opaque=user:epid:Hs2b;gruu>\n"
                            "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\n"
                            "Supported: ms-dialog-route-set-update\nSupported: timer\n"
                            "Content-Type: application/sdp\nContent-Length: %u\n\n%s",
                            target, g_rand_int (g->rand), to, cid, (guint) strlen (sdp), sdp);

  g->attempts++;
  g->exchanges[EX_CALL]++;
  if (conference)
    g->joins++;
  emit (g, TRUE, invite);

#define RESP(code, reason, extra) \
  g_strdup_printf ("SIP/2.0 " code " " reason "\nVia: SIP/2.0/TLS 192.168.1.20:50123\n" \
                   "From: <sip:alice@contoso.com>;tag=1\nTo: %s;tag=%x\nCall-ID: %s\nCSeq: 1 INVITE\n" \
                   "%sContent-Length: 0\n\n", to, g_rand_int (g->rand), cid, extra)

  if (fate < 3)
    {
      g->no_response++;
      return;
    }
  if (fate < 6)
    {
      g_autofree char *cancel = g_strdup_printf ("CANCEL %s SIP/2.0\nFrom: <sip:alice@contoso.com>;tag=1\nTo: %s\n"
                                                 "Call-ID: %s\nCSeq: 1 CANCEL\nContent-Length: 0\n\n",
                                                 target, to, cid);
      g_autofree char *terminated = RESP ("487", "Request Terminated", "");
      emit (g, TRUE, cancel);
      emit (g, FALSE, terminated);
      g->cancelled++;
      return;
    }
  if (fate < 11)
    {
      static const struct { const char *line; const char *diag; int code; } errs[] = {
        { "SIP/2.0 504 Server time-out", "ms-diagnostics: 1009; reason=\"No match for domain in DNS SRV results\";source=\"sip.contoso.com\"\n", 1009 },
        { "SIP/2.0 404 Not Found", "ms-diagnostics: 1003;reason=\"User does not exist\";source=\"sip.contoso.com\"\n", 1003 },
        { "SIP/2.0 488 Not Acceptable Here", "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n", 52017 },
        { "SIP/2.0 480 Temporarily Unavailable", "", 0 },
      };
      guint e = g_rand_int_range (g->rand, 0, G_N_ELEMENTS (errs));
      g_autofree char *r = g_strdup_printf ("%s\nVia: SIP/2.0/TLS 192.168.1.20:50123\nFrom: <sip:alice@contoso.com>;tag=1\n"
                                            "To: %s;tag=9\nCall-ID: %s\nCSeq: 1 INVITE\n%sContent-Length: 0\n\n",
                                            errs[e].line, to, cid, errs[e].diag);
      emit (g, FALSE, r);
      g->failed++;
      if (errs[e].code)
        count_code (g, errs[e].code);
      if (conference)
        {
          g->failed_joins++;
          count_in (g->join_fail_codes, GINT_TO_POINTER (errs[e].code));
        }
      return;
    }

  {
    g_autofree char *ok = RESP ("200", "OK", "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";"
                                "CalleeMediaDebug=\"audio:ICEWarn=0x0,LocalSite=10.0.0.9:50034,LocalLocation=2,RemoteLocation=1,FederationType=0\"\n");
    g_autofree char *ack = g_strdup_printf ("ACK %s SIP/2.0\nFrom: <sip:alice@contoso.com>;tag=1\nTo: %s;tag=9\n"
                                            "Call-ID: %s\nCSeq: 1 ACK\nContent-Length: 0\n\n", target, to, cid);
    gboolean media_fails = fate < 21 && !g_str_equal (media, "message");
    gboolean heavy_fails = g->conference_mix && conference && !g_str_equal (media, "message")
                           && g_rand_int_range (g->rand, 0, 3) == 0;
    g_autofree char *bye = NULL;

    emit (g, FALSE, ok);
    count_code (g, 51007);
    emit (g, TRUE, ack);
    g->now += g_rand_int_range (g->rand, 2000, 600000);
    if (heavy_fails)
      {
        /* Audio joins end with 22 sent by the conference (its UserType is
         * the callee); sharing joins with 23 or 24 sent by this client. */
        guint f = sharing ? 1 + g_rand_int_range (g->rand, 0, 2) : 0;

        if (media_failures[f].sharing)
          bye = g_strdup_printf ("BYE %s SIP/2.0\nFrom: <sip:alice@contoso.com>;tag=1\nTo: %s;tag=9\nCall-ID: %s\n"
                                 "CSeq: 2 BYE\n%s\nContent-Length: 0\n\n", target, to, cid, media_failures[f].header);
        else
          {
            g_autofree char *theirs = g_strdup_printf ("BYE sip:alice@contoso.com;opaque=user:epid:Hs2b;gruu SIP/2.0\n"
                                                       "From: %s;tag=9\nTo: <sip:alice@contoso.com>;tag=1\n"
                                                       "Call-ID: %s\nCSeq: 1 BYE\n%s\nContent-Length: 0\n\n",
                                                       to, cid, media_failures[f].header);
            emit (g, FALSE, theirs);
          }
        g->failed++;
        g->failed_joins++;
        count_code (g, media_failures[f].code);
        count_in (g->join_fail_codes, GINT_TO_POINTER (media_failures[f].code));
        if (media_failures[f].ice_warn != NULL)
          count_in (g->ice_warn, media_failures[f].ice_warn);
      }
    else if (media_fails && !(g->conference_mix && conference))
      {
        bye = g_strdup_printf ("BYE %s SIP/2.0\nFrom: <sip:alice@contoso.com>;tag=1\nTo: %s;tag=9\nCall-ID: %s\n"
                               "CSeq: 2 BYE\nms-client-diagnostics: 23; reason=\"Call failed to establish due to a media "
                               "connectivity failure when one endpoint is internal and the other is remote\";"
                               "CallerMediaDebug=\"%s:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702,"
                               "LocalMR=207.46.5.63:54829,RemoteSite=11.1.111.11:62198,RemoteMR=65.55.127.64:51184,"
                               "PortRange=1025:65000,LocalMRTCPPort=54829,RemoteMRTCPPort=51184,LocalLocation=1,"
                               "RemoteLocation=2,FederationType=0\"\nContent-Length: 0\n\n",
                               target, to, cid, sharing ? "application-sharing" : "audio");
        g->failed++;
        count_code (g, 23);
        count_in (g->ice_warn, "0x4000320");
        if (conference)
          {
            g->failed_joins++;
            count_in (g->join_fail_codes, GINT_TO_POINTER (23));
          }
      }
    else
      {
        bye = g_strdup_printf ("BYE %s SIP/2.0\nFrom: <sip:alice@contoso.com>;tag=1\nTo: %s;tag=9\nCall-ID: %s\n"
                               "CSeq: 2 BYE\nms-client-diagnostics: 51004; reason=\"Action initiated by user\"\n"
                               "Content-Length: 0\n\n", target, to, cid);
        g->succeeded++;
        count_code (g, 51004);
      }
    if (bye != NULL)
      emit (g, TRUE, bye);
  }
#undef RESP
}

int
main (int    argc,
      char **argv)
{
  gint64 size_mb = 100;
  gint seed = 1;
  g_autofree char *out_path = NULL, *truth_path = NULL, *pcap_path = NULL, *mix = NULL;
  GOptionEntry entries[] = {
    { "size", 's', 0, G_OPTION_ARG_INT64, &size_mb, "Size of the log in MB (default 100)", "MB" },
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, "Random seed (default 1)", "N" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &out_path, "Where to write the log", "FILE" },
    { "truth", 't', 0, G_OPTION_ARG_FILENAME, &truth_path, "Where to write the ground truth (JSON)", "FILE" },
    { "pcap", 'p', 0, G_OPTION_ARG_FILENAME, &pcap_path, "Also write the SIP messages as a UDP pcap", "FILE" },
    { "mix", 'm', 0, G_OPTION_ARG_STRING, &mix,
      "What the log holds: typical (default) or conference (conference joins, a third failing)", "MIX" },
    { NULL }
  };
  g_autoptr(GOptionContext) ctx = g_option_context_new ("- write a realistic Lync client log");
  g_autoptr(GError) error = NULL;
  Gen g = { 0 };
  guint64 target;

  g_option_context_add_main_entries (ctx, entries, NULL);
  if (!g_option_context_parse (ctx, &argc, &argv, &error) || out_path == NULL || size_mb <= 0)
    {
      fprintf (stderr, "ld-gen-log: %s\nUsage: ld-gen-log --size MB --output FILE [--truth FILE] [--pcap FILE] [--seed N] "
                       "[--mix typical|conference]\n",
               error ? error->message : "--output is required");
      return 2;
    }
  if (mix != NULL && !g_str_equal (mix, "typical") && !g_str_equal (mix, "conference"))
    {
      fprintf (stderr, "ld-gen-log: unknown mix \"%s\": use typical or conference\n", mix);
      return 2;
    }
  g.conference_mix = mix != NULL && g_str_equal (mix, "conference");

  g.out = fopen (out_path, "wb");
  if (g.out == NULL)
    {
      fprintf (stderr, "ld-gen-log: cannot write %s\n", out_path);
      return 1;
    }
  if (pcap_path != NULL)
    {
      g.pcap = fopen (pcap_path, "wb");
      if (g.pcap == NULL)
        {
          fprintf (stderr, "ld-gen-log: cannot write %s\n", pcap_path);
          return 1;
        }
      pcap_header (g.pcap);
    }
  g.rand = g_rand_new_with_seed ((guint32) seed);
  g.now = G_GINT64_CONSTANT (1709539200000); /* 2024-03-04 08:00:00 */
  g.codes = g_hash_table_new (NULL, NULL);
  g.join_fail_codes = g_hash_table_new (NULL, NULL);
  g.ice_warn = g_hash_table_new (g_str_hash, g_str_equal);
  g.buf = g_string_sized_new (65536);
  target = (guint64) size_mb * 1024 * 1024;

  sign_in (&g, TRUE);
  while (g.bytes < target)
    {
      guint r = g_rand_int_range (g.rand, 0, 100);

      /* The conference mix adds sessions (about one pick in six); the
       * rest keeps the typical proportions. */
      if (r >= 93 || (g.conference_mix && g_rand_int_range (g.rand, 0, 100) < 14))
        session (&g);
      else if (r < 40)
        trace_lines (&g);
      else if (r < 92)
        presence (&g);
      else if (g_rand_int_range (g.rand, 0, 4) == 0)
        sign_in (&g, FALSE);  /* a refresh: the same sign-in's next round */
      else
        service (&g);
    }
  fclose (g.out);
  if (g.pcap)
    fclose (g.pcap);

  if (truth_path != NULL)
    {
      FILE *t = fopen (truth_path, "w");
      GHashTableIter it;
      gpointer k, v;
      gboolean first = TRUE;

      if (t == NULL)
        {
          fprintf (stderr, "ld-gen-log: cannot write %s\n", truth_path);
          return 1;
        }
      fprintf (t, "{\"bytes\": %" G_GUINT64_FORMAT ", \"sip_messages\": %u, \"attempts\": %u, \"succeeded\": %u, "
                  "\"failed\": %u, \"cancelled\": %u, \"no_response\": %u, \"codes\": {",
               g.bytes, g.messages, g.attempts, g.succeeded, g.failed, g.cancelled, g.no_response);
      g_hash_table_iter_init (&it, g.codes);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          fprintf (t, "%s\"%d\": %u", first ? "" : ", ", GPOINTER_TO_INT (k), GPOINTER_TO_UINT (v));
          first = FALSE;
        }
      fprintf (t, "}, \"exchanges\": {\"sign-in\": %u, \"subscription\": %u, \"service\": %u, "
                  "\"calls and joins\": %u}, \"joins\": %u, \"failed_joins\": %u, \"failed_joins_by_code\": {",
               g.exchanges[EX_SIGN_IN], g.exchanges[EX_SUBSCRIPTION], g.exchanges[EX_SERVICE],
               g.exchanges[EX_CALL], g.joins, g.failed_joins);
      first = TRUE;
      g_hash_table_iter_init (&it, g.join_fail_codes);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          if (GPOINTER_TO_INT (k) == 0)  /* a failure without a diagnostic code */
            fprintf (t, "%s\"none\": %u", first ? "" : ", ", GPOINTER_TO_UINT (v));
          else
            fprintf (t, "%s\"%d\": %u", first ? "" : ", ", GPOINTER_TO_INT (k), GPOINTER_TO_UINT (v));
          first = FALSE;
        }
      fprintf (t, "}, \"failure_ice_warn\": {");
      first = TRUE;
      g_hash_table_iter_init (&it, g.ice_warn);
      while (g_hash_table_iter_next (&it, &k, &v))
        {
          fprintf (t, "%s\"%s\": %u", first ? "" : ", ", (const char *) k, GPOINTER_TO_UINT (v));
          first = FALSE;
        }
      fprintf (t, "}, \"mix\": \"%s\"}\n", g.conference_mix ? "conference" : "typical");
      fclose (t);
    }
  g_rand_free (g.rand);
  g_hash_table_unref (g.codes);
  g_hash_table_unref (g.join_fail_codes);
  g_hash_table_unref (g.ice_warn);
  g_string_free (g.buf, TRUE);
  return 0;
}
