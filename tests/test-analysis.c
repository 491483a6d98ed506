/* test-analysis.c - attempts, outcomes and diagnostics rebuilt from whole logs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "analysis-helpers.h"
#include "lyncdiag.h"
#include "ld-analysis-private.h"

static const LdAttempt *
attempt (LdAnalysis *analysis,
         guint       id)
{
  const LdAttempt *a = ld_analysis_get_attempt_by_id (analysis, id);

  g_assert_nonnull (a);
  return a;
}

static void
assert_time (gint64      time,
             const char *expected)
{
  g_autofree char *iso = ld_time_format_iso (time);

  g_assert_cmpstr (iso, ==, expected);
}

static void
test_kb_article (void)
{
  g_autoptr(LdAnalysis) an = analyse ("Lync-UccApi-0.UccApilog", NULL);
  GPtrArray *inputs = ld_analysis_get_inputs (an);
  const LdInput *in;
  const LdAttempt *focus, *chat, *share;
  const LdDiagnostic *d;
  const LdMediaDebug *m;
  LdIceBit bits[32];
  guint n;

  g_assert_cmpuint (inputs->len, ==, 1);
  in = g_ptr_array_index (inputs, 0);
  g_assert_cmpstr (in->client, ==, "Lync 2013 (15.0.4569.1503)");
  g_assert_cmpuint (in->sip_messages, ==, 15);
  g_assert_cmpuint (in->lines, ==, 276);
  assert_time (in->first_time, "2014-01-30T10:04:59.870");
  assert_time (in->last_time, "2014-01-30T10:05:25.600");

  /* Focus join, chat join (with the article's "opague" typo), app sharing. */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 3);
  focus = attempt (an, 1);
  chat = attempt (an, 2);
  share = attempt (an, 3);

  g_assert_cmpint (focus->kind, ==, LD_ATTEMPT_CONFERENCE);
  g_assert_cmpint (focus->modality, ==, LD_MODALITY_FOCUS);
  g_assert_cmpint (focus->outcome, ==, LD_OUTCOME_SUCCEEDED);
  g_assert_cmpint (focus->status, ==, 200);
  g_assert_cmpuint (focus->messages->len, ==, 3);

  g_assert_cmpint (chat->modality, ==, LD_MODALITY_CHAT);
  g_assert_cmpint (chat->outcome, ==, LD_OUTCOME_SUCCEEDED);
  assert_time (chat->start, "2014-01-30T10:05:08.772");

  g_assert_cmpint (share->kind, ==, LD_ATTEMPT_CONFERENCE);
  g_assert_cmpint (share->modality, ==, LD_MODALITY_APPLICATION_SHARING);
  g_assert_cmpstr (share->target, ==, "sip:joe@contoso.com;gruu;opaque=app:conf:applicationsharing:id:TF2497F37");
  g_assert_cmpint (share->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (share->status, ==, 200);
  assert_time (share->start, "2014-01-30T10:05:14.310");
  assert_time (share->end, "2014-01-30T10:05:25.210");
  g_assert_cmpuint (share->messages->len, ==, 5);
  g_assert_false (share->remote_candidates);

  g_assert_cmpuint (share->diagnostics->len, ==, 1);
  d = g_ptr_array_index (share->diagnostics, 0);
  g_assert_cmpint (d->header, ==, LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS);
  g_assert_cmpint (d->code, ==, 23);
  g_assert_cmpstr (d->reason, ==, "Call failed to establish due to a media connectivity failure when one "
                                  "endpoint is internal and the other is remote");
  g_assert_nonnull (d->message);
  g_assert_cmpstr (d->message->method, ==, "BYE");
  g_assert_cmpuint (d->message->line, ==, 253);
  /* The raw text is the message's header value itself, not a copy. */
  g_assert_true (d->raw == ld_sip_message_get_header (d->message, "ms-client-diagnostics"));
  g_assert_true (share->call_id == share->invite->call_id);
  g_assert_cmpuint (d->media->len, ==, 1);
  m = g_ptr_array_index (d->media, 0);
  g_assert_cmpint (m->role, ==, LD_MEDIA_ROLE_CALLER);
  g_assert_cmpstr (m->modality, ==, "application-sharing");
  g_assert_true (m->has_ice_warn);
  g_assert_cmphex (m->ice_warn, ==, 0x4000320);
  n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmphex (bits[0].bit, ==, 0x4000000);
  g_assert_cmphex (bits[1].bit, ==, 0x200);
  g_assert_cmphex (bits[2].bit, ==, 0x100);
  g_assert_cmphex (bits[3].bit, ==, 0x20);
  g_assert_cmpint (m->local_location, ==, LD_LOCATION_REMOTE);
  g_assert_cmpint (m->remote_location, ==, LD_LOCATION_INTERNAL);
  g_assert_cmpint (m->federation_type, ==, 0);
  g_assert_cmpstr (ld_media_debug_get_field (m, "LocalMR"), ==, "207.46.5.63:54829");
  g_assert_cmpstr (ld_media_debug_get_field (m, "RemoteMR"), ==, "65.55.127.64:51184");
  g_assert_cmpstr (ld_media_debug_get_field (m, "PortRange"), ==, "1025:65000");
}

static void
test_field_report (void)
{
  g_autoptr(LdAnalysis) an = analyse ("Communicator-uccapi-0.uccapilog", NULL);
  const LdInput *in = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  const LdAttempt *audio, *share;
  const LdDiagnostic *d;
  const LdMediaDebug *m;
  LdIceBit bits[32];

  g_assert_cmpstr (in->client, ==, "Lync 2010 (4.0.7577.4356)");
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 2);
  audio = attempt (an, 1);
  share = attempt (an, 2);

  g_assert_cmpint (audio->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
  g_assert_cmpint (audio->modality, ==, LD_MODALITY_AUDIO);
  g_assert_cmpstr (audio->remote_party, ==, "sip:dave@fabrikam.com");
  /* 51007 in the 200 OK and 51004 in the BYE are informational. */
  g_assert_cmpint (audio->outcome, ==, LD_OUTCOME_SUCCEEDED);
  g_assert_cmpuint (audio->diagnostics->len, ==, 2);
  g_assert_true (audio->remote_candidates);

  g_assert_cmpint (share->modality, ==, LD_MODALITY_APPLICATION_SHARING);
  g_assert_cmpint (share->outcome, ==, LD_OUTCOME_FAILED);
  d = ld_attempt_get_primary_diagnostic (share);
  g_assert_cmpint (d->code, ==, 24);
  g_assert_cmpstr (d->reason, ==, "Call failed to establish due to a media connectivity failure when both "
                                  "endpoints are remote");
  m = g_ptr_array_index (d->media, 0);
  g_assert_cmphex (m->ice_warn, ==, 0x320);
  g_assert_cmpuint (ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits), ==, 3);
  g_assert_cmphex (bits[0].bit, ==, 0x200);
  g_assert_cmphex (bits[1].bit, ==, 0x100);
  g_assert_cmphex (bits[2].bit, ==, 0x20);
  g_assert_cmpstr (ld_media_debug_get_field (m, "LocalSite"), ==, "xx.xx.xxx.x:xxx");
  g_assert_cmpstr (ld_media_debug_get_field (m, "PortRange"), ==, "50040:50049");
  g_assert_cmpint (m->local_location, ==, LD_LOCATION_REMOTE);
  g_assert_cmpint (m->remote_location, ==, LD_LOCATION_REMOTE);
}

static const char call_template[] =
  "01/01/2015|09:00:00.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:00.000 10:20 INFO :: INVITE sip:bob@example.com SIP/2.0\n"
  "From: <sip:ann@example.com>;tag=a\n"
  "To: <sip:bob@example.com>\n"
  "Call-ID: c1\n"
  "CSeq: 1 INVITE\n"
  "Content-Type: application/sdp\n"
  "\n"
  "v=0\n"
  "m=audio 5000 RTP/AVP 0\n"
  "m=video 5002 RTP/AVP 121\n"
  "01/01/2015|09:00:00.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n"
  "%s";

static char *
response (const char *time,
          const char *start,
          const char *method,
          const char *extra)
{
  return g_strdup_printf (
    "01/01/2015|%s 10:20 INFO :: Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|%s 10:20 INFO :: %s\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:bob@example.com>;tag=b\n"
    "Call-ID: c1\n"
    "CSeq: 1 %s\n"
    "%s"
    "\n"
    "01/01/2015|%s 10:20 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n",
    time, time, start, method, extra ? extra : "", time);
}

static LdAnalysis *
analyse_call (const char *tail)
{
  g_autofree char *text = g_strdup_printf (call_template, tail);

  return analyse_text ("memory.uccapilog", text);
}

static void
test_outcomes (void)
{
  struct {
    const char *start;
    const char *method;
    const char *extra;
    LdOutcome outcome;
    int status;
  } cases[] = {
    { "SIP/2.0 200 OK", "INVITE", NULL, LD_OUTCOME_SUCCEEDED, 200 },
    { "SIP/2.0 486 Busy Here", "INVITE", NULL, LD_OUTCOME_FAILED, 486 },
    { "SIP/2.0 487 Request Terminated", "INVITE", NULL, LD_OUTCOME_CANCELLED, 487 },
    { "SIP/2.0 180 Ringing", "INVITE", NULL, LD_OUTCOME_NO_RESPONSE, 0 },
    { "SIP/2.0 488 Not Acceptable Here", "INVITE", "ms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n",
      LD_OUTCOME_FAILED, 488 },
    { "SIP/2.0 200 OK", "INVITE", "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\"\n",
      LD_OUTCOME_SUCCEEDED, 200 },
    /* A response to something else in the dialog is not the INVITE's answer. */
    { "SIP/2.0 500 Server Error", "INFO", NULL, LD_OUTCOME_NO_RESPONSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *r = response ("09:00:01.000", cases[i].start, cases[i].method, cases[i].extra);
      g_autoptr(LdAnalysis) an = analyse_call (r);
      const LdAttempt *a = attempt (an, 1);

      g_test_message ("case %u: %s", i, cases[i].start);
      g_assert_cmpint (a->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
      g_assert_cmpint (a->modality, ==, LD_MODALITY_VIDEO);
      g_assert_cmpint (a->outcome, ==, cases[i].outcome);
      g_assert_cmpint (a->status, ==, cases[i].status);
    }
}

static void
test_failure_in_bye (void)
{
  g_autofree char *ok = response ("09:00:01.000", "SIP/2.0 200 OK", "INVITE", NULL);
  g_autofree char *bye = g_strdup (
    "01/01/2015|09:00:20.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:20.000 10:20 INFO :: BYE sip:bob@example.com SIP/2.0\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:bob@example.com>;tag=b\n"
    "Call-ID: c1\n"
    "CSeq: 2 BYE\n"
    "ms-client-diagnostics: 22; reason=\"Call failed to establish due to a media connectivity failure when both endpoints are internal\"\n"
    "\n"
    "01/01/2015|09:00:20.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n");
  g_autofree char *tail = g_strconcat (ok, bye, NULL);
  g_autoptr(LdAnalysis) an = analyse_call (tail);
  const LdAttempt *a = attempt (an, 1);

  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 200);
  g_assert_cmpint (ld_attempt_get_primary_diagnostic (a)->code, ==, 22);
  assert_time (a->end, "2015-01-01T09:00:20.000");
}

static void
test_cancel (void)
{
  g_autofree char *tail = g_strdup (
    "01/01/2015|09:00:02.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:02.000 10:20 INFO :: CANCEL sip:bob@example.com SIP/2.0\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: c1\n"
    "CSeq: 1 CANCEL\n"
    "\n"
    "01/01/2015|09:00:02.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n");
  g_autoptr(LdAnalysis) an = analyse_call (tail);

  g_assert_cmpint (attempt (an, 1)->outcome, ==, LD_OUTCOME_CANCELLED);
}

/* An IM session (INVITE with m=message) is a peer-to-peer attempt with
 * modality chat, as a conference's chat join is conference/chat. */
static void
test_im_is_a_session (void)
{
  const char *text =
    "01/01/2015|09:00:00.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:00.000 10:20 INFO :: INVITE sip:bob@example.com SIP/2.0\n"
    "Call-ID: im\n"
    "CSeq: 1 INVITE\n"
    "\n"
    "m=message 5060 sip null\n"
    "01/01/2015|09:00:00.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n";
  g_autoptr(LdAnalysis) an = analyse_text ("memory.uccapilog", text);

  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 1);
  g_assert_cmpint (attempt (an, 1)->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
  g_assert_cmpint (attempt (an, 1)->modality, ==, LD_MODALITY_CHAT);
  g_assert_cmpint (attempt (an, 1)->outcome, ==, LD_OUTCOME_NO_RESPONSE);
  g_assert_null (attempt (an, 1)->failure);
  g_assert_false (ld_analysis_is_empty (an));
}

/* A call whose log begins after its first INVITE: the first message kept
 * of its exchange is the proxy's challenge, which opens no attempt (it is
 * no initial INVITE); the INVITE sent again with credentials opens it.
 * The challenge is still one of the attempt's messages, before the
 * INVITE, and the attempt starts at the INVITE. (Written for the test:
 * the framing of every record is the log's, the SIP is minimal.) */
static void
test_attempt_opened_later (void)
{
  const char *text =
    "01/01/2015|09:00:00.000 10:20 INFO :: Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:00.000 10:20 INFO :: SIP/2.0 407 Proxy Authentication Required\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:bob@example.com>;tag=p\n"
    "Call-ID: c1\n"
    "CSeq: 1 INVITE\n"
    "\n"
    "01/01/2015|09:00:00.001 10:20 INFO :: End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n"
    "01/01/2015|09:00:01.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:01.000 10:20 INFO :: INVITE sip:bob@example.com SIP/2.0\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:bob@example.com>\n"
    "Call-ID: c1\n"
    "CSeq: 2 INVITE\n"
    "\n"
    "m=audio 5000 RTP/AVP 0\n"
    "01/01/2015|09:00:01.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n"
    "01/01/2015|09:00:02.000 10:20 INFO :: Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:02.000 10:20 INFO :: SIP/2.0 486 Busy Here\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:bob@example.com>;tag=b\n"
    "Call-ID: c1\n"
    "CSeq: 2 INVITE\n"
    "\n"
    "01/01/2015|09:00:02.001 10:20 INFO :: End of Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n";
  g_autoptr(LdAnalysis) an = analyse_text ("memory.uccapilog", text);
  const LdAttempt *a;

  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 1);
  a = attempt (an, 1);
  g_assert_cmpint (a->kind, ==, LD_ATTEMPT_PEER_TO_PEER);
  g_assert_cmpint (a->modality, ==, LD_MODALITY_AUDIO);
  g_assert_true (a->invite->is_request);
  g_assert_cmpuint (a->invite->cseq, ==, 2);
  assert_time (a->start, "2015-01-01T09:00:01.000");
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 486);
  g_assert_cmpuint (a->messages->len, ==, 3);
  g_assert_cmpint (((const LdSipMessage *) g_ptr_array_index (a->messages, 0))->status, ==, 407);
  g_assert_true (g_ptr_array_index (a->messages, 1) == a->invite);
  g_assert_cmpint (((const LdSipMessage *) g_ptr_array_index (a->messages, 2))->status, ==, 486);
}

typedef enum
{
  CHALLENGE,
  INVITE,
  BUSY,
  OK,
} Step;

/* One record of a call @call_id, stamped @seconds after 09:00. */
static void
append_call_record (GString    *text,
                    guint       seconds,
                    guint       call_id,
                    Step        step)
{
  g_autofree char *prefix = g_strdup_printf ("01/01/2015|%02u:%02u:%02u.000 10:20 INFO ::", 9 + seconds / 3600,
                                             seconds / 60 % 60, seconds % 60);
  const char *received = "Data Received - 10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes";
  const char *sent = "Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes";

  g_string_append_printf (text, "%s %s:\n", prefix, step == INVITE ? sent : received);
  switch (step)
    {
    case CHALLENGE:
      g_string_append_printf (text, "%s SIP/2.0 407 Proxy Authentication Required\n"
                              "From: <sip:ann@example.com>;tag=a\nTo: <sip:bob@example.com>;tag=p\n"
                              "Call-ID: c%u\nCSeq: 1 INVITE\n\n", prefix, call_id);
      break;
    case INVITE:
      g_string_append_printf (text, "%s INVITE sip:bob@example.com SIP/2.0\n"
                              "From: <sip:ann@example.com>;tag=a\nTo: <sip:bob@example.com>\n"
                              "Call-ID: c%u\nCSeq: 2 INVITE\n\nm=audio 5000 RTP/AVP 0\n", prefix, call_id);
      break;
    case BUSY:
    case OK:
      g_string_append_printf (text, "%s SIP/2.0 %s\n"
                              "From: <sip:ann@example.com>;tag=a\nTo: <sip:bob@example.com>;tag=b\n"
                              "Call-ID: c%u\nCSeq: 2 INVITE\n\n", prefix, step == OK ? "200 OK" : "486 Busy Here",
                              call_id);
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_append_printf (text, "%s End of %s\n", prefix, step == INVITE ? sent : received);
}

/* The attempts of a large log are gathered on every thread of the pool,
 * each taking blocks of 64 exchanges (ld-attempts.c): 300 calls of
 * test_attempt_opened_later()'s kind, their messages interleaved (every
 * challenge, then every INVITE, then every answer), so that each block
 * has calls opened by a later message than their first, and each call's
 * attempt must come out whole, once, whichever thread gathered it, in the
 * order of the INVITEs. Every sixth call is answered 200 instead; every
 * seventh has its INVITE logged just after its answer, stamped before it,
 * so that attempt's messages are sorted back into order. (Written for
 * the test, as above.) */
static void
test_attempts_gathered_in_pieces (void)
{
  const guint n = 300;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(LdAnalysis) an = NULL;

  for (guint i = 0; i < n; i++)
    append_call_record (text, i, i, CHALLENGE);
  for (guint i = 0; i < n; i++)
    if (i % 7 != 3)
      append_call_record (text, 1000 + i, i, INVITE);
  for (guint i = 0; i < n; i++)
    {
      append_call_record (text, 2000 + i, i, i % 6 == 0 ? OK : BUSY);
      if (i % 7 == 3)
        append_call_record (text, 1000 + i, i, INVITE);
    }
  an = analyse_text ("memory.uccapilog", text->str);

  /* Enough exchanges for several blocks. */
  g_assert_cmpuint (ld_analysis_get_n_exchanges (an), >=, n);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      const LdAttempt *a = attempt (an, i + 1);
      g_autofree char *call_id = g_strdup_printf ("c%u", i);
      gboolean ok = i % 6 == 0;

      g_assert_cmpstr (a->call_id, ==, call_id);
      g_assert_true (a->invite->is_request);
      g_assert_cmpuint (a->invite->cseq, ==, 2);
      g_assert_cmpint (a->outcome, ==, ok ? LD_OUTCOME_SUCCEEDED : LD_OUTCOME_FAILED);
      g_assert_cmpint (a->status, ==, ok ? 200 : 486);
      g_assert_cmpuint (a->messages->len, ==, 3);
      g_assert_cmpint (((const LdSipMessage *) g_ptr_array_index (a->messages, 0))->status, ==, 407);
      g_assert_true (g_ptr_array_index (a->messages, 1) == a->invite);
      g_assert_cmpint (((const LdSipMessage *) g_ptr_array_index (a->messages, 2))->status, ==, ok ? 200 : 486);
    }
}

static void
test_rotated_overlap (void)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-rot-XXXXXX", NULL);
  g_autofree char *bak = g_build_filename (dir, "Lync-UccApi-0.UccApilog.bak", NULL);
  g_autofree char *live = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  const char *cut1, *cut2;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL),
                                      &contents, &len, NULL));
  /* The older file ends after the chat INVITE, the newer one starts at the
   * focus INVITE: the focus and chat INVITEs are in both. */
  cut1 = strstr (contents, "01/30/2014|10:05:09.102");
  cut2 = strstr (contents, "01/30/2014|10:05:08.012");
  g_assert_nonnull (cut1);
  g_assert_nonnull (cut2);
  g_assert_true (g_file_set_contents (bak, contents, cut1 - contents, NULL));
  g_assert_true (g_file_set_contents (live, cut2, len - (cut2 - contents), NULL));

  /* The CLI keeps the call dialogs' messages, the browser all of them. */
  for (guint keep_all = 0; keep_all < 2; keep_all++)
    {
      LdAnalysisFlags flags = keep_all ? LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES : LD_ANALYSIS_FLAGS_NONE;
      g_autoptr(LdAnalysis) whole = ld_analysis_new (flags);
      g_autoptr(LdAnalysis) split = ld_analysis_new (flags);
      g_autoptr(GFile) one = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL));
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_analysis_add_file (whole, one, NULL, &error));
      ld_analysis_finish (whole);
      g_assert_true (ld_analysis_add_file (split, folder, NULL, &error));
      g_assert_no_error (error);
      ld_analysis_finish (split);

      g_assert_cmpuint (ld_analysis_get_inputs (split)->len, ==, 2);
      g_assert_cmpuint (ld_analysis_get_messages (split)->len, ==, ld_analysis_get_messages (whole)->len);
      g_assert_cmpuint (ld_analysis_get_attempts (split)->len, ==, 3);
      for (guint id = 1; id <= 3; id++)
        {
          g_assert_cmpint (attempt (split, id)->outcome, ==, attempt (whole, id)->outcome);
          g_assert_cmpuint (attempt (split, id)->messages->len, ==, attempt (whole, id)->messages->len);
        }
    }

  g_unlink (bak);
  g_unlink (live);
  g_rmdir (dir);
}

static void
test_two_messages_in_one_record (void)
{
  /* One TCP read logged as one record holding the 180 and the 200. */
  const char *text =
    "01/01/2015|09:00:00.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:00.000 10:20 INFO :: INVITE sip:bob@example.com SIP/2.0\n"
    "From: <sip:ann@example.com>;tag=a\nTo: <sip:bob@example.com>\nCall-ID: two\nCSeq: 1 INVITE\n"
    "Content-Length: 23\n\nm=audio 5000 RTP/AVP 0\n"
    "01/01/2015|09:00:00.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n"
    "01/01/2015|09:00:01.000 10:20 INFO :: Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:01.000 10:20 INFO :: SIP/2.0 180 Ringing\n"
    "From: <sip:ann@example.com>;tag=a\nTo: <sip:bob@example.com>;tag=b\nCall-ID: two\nCSeq: 1 INVITE\n"
    "Content-Length: 0\n\n"
    "SIP/2.0 200 OK\n"
    "From: <sip:ann@example.com>;tag=a\nTo: <sip:bob@example.com>;tag=b\nCall-ID: two\nCSeq: 1 INVITE\n"
    "Content-Length: 0\n\n"
    "01/01/2015|09:00:01.001 10:20 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n";
  g_autoptr(LdAnalysis) an = analyse_text ("memory.uccapilog", text);
  const LdAttempt *a = attempt (an, 1);

  g_assert_cmpuint (a->messages->len, ==, 3);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_SUCCEEDED);
  g_assert_cmpint (a->status, ==, 200);
}

static void
test_server_trace (void)
{
  g_autoptr(LdAnalysis) an = analyse ("sipstack-edge.log", NULL);
  const LdInput *in = g_ptr_array_index (ld_analysis_get_inputs (an), 0);
  const LdAttempt *a;
  const LdDiagnostic *d;

  g_assert_cmpint (in->format, ==, LD_LOG_FORMAT_SERVER);
  g_assert_cmpuint (in->sip_messages, ==, 3);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 1);
  a = attempt (an, 1);
  g_assert_cmpint (a->modality, ==, LD_MODALITY_AUDIO);
  g_assert_true (a->incoming);
  g_assert_cmpint (a->outcome, ==, LD_OUTCOME_FAILED);
  g_assert_cmpint (a->status, ==, 504);
  d = ld_attempt_get_primary_diagnostic (a);
  g_assert_cmpint (d->header, ==, LD_DIAG_HEADER_MS_DIAGNOSTICS);
  g_assert_cmpint (d->code, ==, 1009);
  g_assert_cmpstr (d->source, ==, "edge.contoso.com");
}

static void
test_json_shape (void)
{
  g_autoptr(LdAnalysis) an = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *json = ld_analysis_to_json (an, FALSE);

  g_assert_true (g_str_has_prefix (json, "{\"schema\":\"lyncdiag.analysis/1\",\"inputs\":[{\"path\":"));
  g_assert_nonnull (strstr (json, "\"kind\":\"conference\",\"modality\":\"application-sharing\""));
  g_assert_nonnull (strstr (json, "\"outcome\":\"failed\",\"status\":200"));
  g_assert_nonnull (strstr (json, "\"ice_warn\":\"0x4000320\""));
  g_assert_nonnull (strstr (json, "\"bit\":\"0x4000000\""));
  g_assert_nonnull (strstr (json, "\"local_location\":\"remote\",\"remote_location\":\"internal\",\"federated\":false"));
  g_assert_nonnull (strstr (json, "\"LocalMR\":\"207.46.5.63:54829\""));
  g_assert_nonnull (strstr (json, "\"message\":{\"input\":0,\"line\":253}"));
  g_assert_nonnull (strstr (json, "\"start\":\"2014-01-30T10:05:14.310\""));
  g_assert_nonnull (strstr (json, "\"findings\":["));
}

static void
test_client_names (void)
{
  struct { const char *ua, *client; } cases[] = {
    { "UCCP/2.0.6362.0 OC/2.0.6362.0 (Microsoft Office Communicator)", "Office Communicator 2007 (2.0.6362.0)" },
    { "UCCAPI/3.5.6907.0 OC/3.5.6907.0 (Microsoft Office Communicator 2007 R2)", "Office Communicator 2007 R2 (3.5.6907.0)" },
    { "UCCAPI/4.0.7577.4356 OC/4.0.7577.4356 (Microsoft Lync 2010)", "Lync 2010 (4.0.7577.4356)" },
    { "UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)", "Lync 2013 (15.0.4569.1503)" },
    { "UCCAPI/15.0.4849.1000 OC/15.0.4849.1000 (Skype for Business)", "Skype for Business 2015 (15.0.4849.1000)" },
    { "UCCAPI/16.0.4849.1000 OC/16.0.4849.1000 (Skype for Business)", "Skype for Business 2016 (16.0.4849.1000)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *line = g_strdup_printf (
        "01/01/2015|09:00:00.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
        "01/01/2015|09:00:00.000 10:20 INFO :: REGISTER sip:example.com SIP/2.0\n"
        "Call-ID: r\n"
        "User-Agent: %s\n"
        "\n"
        "01/01/2015|09:00:00.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n",
        cases[i].ua);
      g_autoptr(LdAnalysis) an = analyse_text ("memory.uccapilog", line);
      const LdInput *in = g_ptr_array_index (ld_analysis_get_inputs (an), 0);

      g_assert_cmpstr (in->client, ==, cases[i].client);
    }
}

/* A window shows attempts while a log is still being read: each appears
 * once its INVITE is read, classified as the final one will be. */
static void
test_early_attempts (void)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_EARLY_ATTEMPTS);
  g_autoptr(LdAnalysis) cli = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) early = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *attempts;
  const LdEarlyAttempt *e;
  const char *cut;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL),
                                      &contents, &len, NULL));
  /* The first piece ends after the focus and chat INVITEs, before the
   * screen sharing one. */
  cut = strstr (contents, "01/30/2014|10:05:09.102");
  g_assert_nonnull (cut);

  before = ld_analysis_dup_early_attempts (an);
  g_assert_cmpuint (before->len, ==, 0);
  g_clear_pointer (&before, g_ptr_array_unref);

  g_assert_true (ld_analysis_add_data (an, "first.uccapilog", contents, cut - contents, &error));
  g_assert_no_error (error);
  before = ld_analysis_dup_early_attempts (an);
  g_assert_cmpuint (before->len, ==, 2);
  g_assert_cmpuint (ld_analysis_get_n_early_attempts (an), ==, 2);
  /* A command line, which never shows them, keeps none. */
  g_assert_true (ld_analysis_add_data (cli, "first.uccapilog", contents, cut - contents, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ld_analysis_get_n_early_attempts (cli), ==, 0);
  e = g_ptr_array_index (before, 0);
  g_assert_cmpint (e->kind, ==, LD_ATTEMPT_CONFERENCE);
  g_assert_cmpint (e->modality, ==, LD_MODALITY_FOCUS);
  g_assert_false (e->incoming);
  g_assert_true (e->target != NULL && strstr (e->target, "app:conf:focus:") != NULL);
  e = g_ptr_array_index (before, 1);
  g_assert_cmpint (e->modality, ==, LD_MODALITY_CHAT);
  /* A window that has some copies only those after them. */
  {
    g_autoptr(GPtrArray) rest = ld_analysis_dup_early_attempts_from (an, 1);
    g_autoptr(GPtrArray) none = ld_analysis_dup_early_attempts_from (an, 2);

    g_assert_cmpuint (rest->len, ==, 1);
    e = g_ptr_array_index (rest, 0);
    g_assert_cmpint (e->modality, ==, LD_MODALITY_CHAT);
    g_assert_cmpint (e->start, ==, ((LdEarlyAttempt *) g_ptr_array_index (before, 1))->start);
    g_assert_cmpuint (none->len, ==, 0);
  }
  /* Nothing is final before ld_analysis_finish(). */
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 0);

  g_assert_true (ld_analysis_add_data (an, "second.uccapilog", cut, len - (cut - contents), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GPtrArray) rest = ld_analysis_dup_early_attempts_from (an, 2);

    g_assert_cmpuint (rest->len, ==, 1);
    e = g_ptr_array_index (rest, 0);
    g_assert_cmpint (e->modality, ==, LD_MODALITY_APPLICATION_SHARING);
  }
  ld_analysis_finish (an);
  /* The made attempts replaced the early ones: a list of these does not
   * go on with them. */
  g_assert_null (ld_analysis_dup_early_attempts_from (an, 2));

  /* The copy taken earlier is a snapshot, not a view; what it held was
   * classified as the final attempts are. */
  g_assert_cmpuint (before->len, ==, 2);
  attempts = ld_analysis_get_attempts (an);
  g_assert_cmpuint (attempts->len, ==, 3);
  for (guint i = 0; i < before->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      e = g_ptr_array_index (before, i);
      g_assert_cmpint (e->kind, ==, a->kind);
      g_assert_cmpint (e->modality, ==, a->modality);
      g_assert_cmpint (e->incoming, ==, a->incoming);
      g_assert_cmpint (e->start, ==, a->start);
      g_assert_cmpstr (e->target, ==, a->target);
    }
  /* Once finished, the early attempts are the final ones. */
  early = ld_analysis_dup_early_attempts (an);
  g_assert_cmpuint (early->len, ==, attempts->len);
  g_assert_cmpuint (ld_analysis_get_n_early_attempts (an), ==, attempts->len);
  for (guint i = 0; i < early->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      e = g_ptr_array_index (early, i);
      g_assert_cmpint (e->kind, ==, a->kind);
      g_assert_cmpstr (e->target, ==, a->target);
    }
}

/* The window keeps every message for its browser; those outside an INVITE
 * dialog keep only their raw text and summary, and the analysis comes out
 * the same as without them. */
static void
test_stripped_messages (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(LdAnalysis) all = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(LdAnalysis) lean = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  guint n_stripped = 0, n_full = 0, n_register = 0;
  gboolean ok;

  ok = ld_analysis_add_file (all, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ld_analysis_finish (all);
  ok = ld_analysis_add_file (lean, file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ok);
  ld_analysis_finish (lean);

  messages = ld_analysis_get_messages (all);
  /* The message browser's noise flags, worked out while loading. */
  g_assert_null (ld_analysis_get_noise_flags (lean));
  g_assert_nonnull (ld_analysis_get_noise_flags (all));
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      g_autofree char *text = ld_analysis_dup_message_text (all, msg, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (ld_analysis_get_noise_flags (all)[i] != 0, ==, ld_sip_message_is_noise (msg));
      g_assert_nonnull (text);
      /* Presence that worked: kept as text for the browser only. */
      if (g_strcmp0 (msg->method, "SUBSCRIBE") == 0 || g_strcmp0 (msg->method, "BENOTIFY") == 0)
        {
          g_assert_true (msg->stripped);
          g_assert_cmpuint (msg->n_headers, ==, 0);
          g_assert_null (ld_sip_message_get_header (msg, "Event"));
          g_assert_nonnull (strstr (text, "Event: vnd-microsoft-roaming-contacts"));
          g_assert_nonnull (strstr (msg->from, "sip:alice@contoso.com"));
          g_assert_cmpstr (msg->call_id, ==, "0c9b8a7f6e5d4c3b2a19f8e7d6c5b4a3");
          g_assert_cmpuint (msg->exchange, !=, 0);
          n_stripped++;
        }
      /* A sign-in is always kept whole, as a call is. */
      else if (g_strcmp0 (msg->method, "REGISTER") == 0)
        {
          g_assert_false (msg->stripped);
          g_assert_nonnull (ld_sip_message_get_header (msg, "CSeq"));
          n_register++;
        }
      else if (g_strcmp0 (msg->method, "INVITE") == 0)
        {
          g_assert_false (msg->stripped);
          g_assert_nonnull (ld_sip_message_get_header (msg, "CSeq"));
          n_full++;
        }
    }
  g_assert_cmpuint (n_stripped, ==, 2);
  g_assert_cmpuint (n_register, ==, 2);
  g_assert_cmpuint (n_full, >, 0);

  /* Without the browser a kept message keeps only the headers something
   * reads by name (the client's User-Agent, the diagnostics...), its
   * fields all: Via and CSeq are gone, the CSeq number stays. */
  messages = ld_analysis_get_messages (lean);
  n_full = 0;
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      g_assert_null (ld_sip_message_get_header (msg, "Via"));
      g_assert_null (ld_sip_message_get_header (msg, "CSeq"));
      g_assert_null (ld_sip_message_get_header (msg, "Contact"));
      g_assert_cmpuint (msg->cseq, >, 0);
      g_assert_nonnull (msg->call_id);
      if (g_strcmp0 (msg->method, "INVITE") == 0 && msg->is_request && msg->direction == LD_DIRECTION_SENT)
        {
          g_assert_nonnull (strstr (ld_sip_message_get_header (msg, "User-Agent"), "UCCAPI"));
          g_assert_cmpstr (ld_sip_message_get_header (msg, "Content-Type"), !=, NULL);
          n_full++;
        }
      if (msg->diag_count > 0)
        g_assert_nonnull (ld_sip_message_get_header (msg, "ms-client-diagnostics") != NULL
                            ? ld_sip_message_get_header (msg, "ms-client-diagnostics")
                            : ld_sip_message_get_header (msg, "ms-diagnostics"));
    }
  g_assert_cmpuint (n_full, >, 0);

  /* ...and of a body the lines something reads: the application sharing
   * offer keeps its start, media line and relay candidate, not its host
   * candidate, crypto key or codecs. */
  n_full = 0;
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      if (msg->body == NULL || strstr (msg->body, "m=applicationsharing") == NULL)
        continue;
      g_assert_true (g_str_has_prefix (msg->body, "v=0"));
      if (strstr (msg->body, "m=applicationsharing 20702 TCP/RTP/AVP 127") != NULL)
        g_assert_nonnull (strstr (msg->body, "a=candidate:3 1 TCP-PASS 6556159 207.46.5.63 54829 typ relay raddr "
                                            "207.46.5.9 rport 20702"));
      else
        g_assert_nonnull (strstr (msg->body, "a=candidate:3 1 TCP-PASS 6556159 65.55.127.64 51184 typ relay raddr "
                                            "11.1.111.11 rport 62198"));
      g_assert_null (strstr (msg->body, "typ host"));
      g_assert_null (strstr (msg->body, "typ srflx"));
      g_assert_null (strstr (msg->body, "a=cryptoscale"));
      g_assert_null (strstr (msg->body, "a=rtpmap"));
      n_full++;
    }
  /* The offer and the answer. */
  g_assert_cmpuint (n_full, ==, 2);
  /* The browser's copy keeps the whole body. */
  messages = ld_analysis_get_messages (all);
  n_full = 0;
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      if (msg->body != NULL && strstr (msg->body, "m=applicationsharing") != NULL)
        {
          g_assert_nonnull (strstr (msg->body, "typ host"));
          g_assert_nonnull (strstr (msg->body, "a=rtpmap"));
          n_full++;
        }
    }
  g_assert_cmpuint (n_full, >, 0);

  g_assert_cmpuint (ld_analysis_get_attempts (all)->len, ==, ld_analysis_get_attempts (lean)->len);
  for (guint i = 0; i < ld_analysis_get_attempts (all)->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (ld_analysis_get_attempts (all), i);
      const LdAttempt *b = g_ptr_array_index (ld_analysis_get_attempts (lean), i);

      g_assert_cmpint (a->outcome, ==, b->outcome);
      g_assert_cmpint (a->status, ==, b->status);
      g_assert_cmpuint (a->diagnostics->len, ==, b->diagnostics->len);
    }
  g_assert_cmpuint (ld_analysis_get_findings (all)->len, ==, ld_analysis_get_findings (lean)->len);
  /* The same exchanges with and without the browser. */
  g_assert_cmpuint (ld_analysis_get_n_exchanges (all), ==, ld_analysis_get_n_exchanges (lean));
  for (guint i = 0; i < ld_analysis_get_n_exchanges (all); i++)
    g_assert_cmpmem (ld_analysis_get_exchange (all, i), sizeof (LdExchange),
                     ld_analysis_get_exchange (lean, i), sizeof (LdExchange));
}

/* A diagnostic that is a bare code has no attribute, no media and its raw
 * text borrowed from the message: freeing it must free nothing of that. */
static void
test_bare_diagnostic (void)
{
  g_autofree char *bye = response ("09:00:01.000", "SIP/2.0 487 Request Terminated", "INVITE",
                                   "ms-client-diagnostics: 51004\nms-diagnostics:\n");
  g_autoptr(LdAnalysis) an = analyse_call (bye);
  const LdAttempt *a = g_ptr_array_index (ld_analysis_get_attempts (an), 0);
  const LdDiagnostic *d;

  g_assert_cmpuint (a->diagnostics->len, ==, 2);
  d = g_ptr_array_index (a->diagnostics, 0);
  g_assert_cmpint (d->code, ==, 51004);
  g_assert_cmpuint (d->attributes->len, ==, 0);
  g_assert_cmpuint (d->media->len, ==, 0);
  g_assert_null (d->reason);
  g_assert_cmpstr (d->raw, ==, "51004");
  d = g_ptr_array_index (a->diagnostics, 1);
  g_assert_cmpint (d->code, ==, -1);
  g_assert_cmpstr (d->raw, ==, "");
}

/* A log whose call messages take every path the CLI's compact parse
 * (_ld_sip_message_parse_compact()) and the full parse share: compact
 * header names, a value naming a Lync Online host, a diagnostic, CRLF line
 * ends, an SDP body, a folded header (the full parse's alone) and a record
 * holding two messages. The values are the format's, not a real call's. */
static const char compact_parse_log[] =
  "01/01/2015|09:00:00.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:00.000 10:20 INFO :: REGISTER sip:example.com SIP/2.0\n"
  "From: <sip:ann@example.com>;tag=r1;epid=e1\n"
  "To: <sip:ann@example.com>\n"
  "Call-ID: reg1\n"
  "CSeq: 1 REGISTER\n"
  "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\n"
  "Content-Length: 0\n"
  "\n"
  "01/01/2015|09:00:00.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n"
  "01/01/2015|09:00:00.100 10:20 INFO :: Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:00.100 10:20 INFO :: SIP/2.0 200 OK\n"
  "From: <sip:ann@example.com>;tag=r1;epid=e1\n"
  "To: <sip:ann@example.com>;tag=r2\n"
  "Call-ID: reg1\n"
  "CSeq: 1 REGISTER\n"
  "Expires: 3600\n"
  "Content-Length: 0\n"
  "\n"
  "01/01/2015|09:00:00.101 10:20 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n"
  "01/01/2015|09:00:01.000 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:01.000 10:20 INFO :: INVITE   sip:bob@example.com   SIP/2.0\r\n"
  "v: SIP/2.0/TLS 10.0.0.2:1000;branch=z9hG4bK1\r\n"
  "f:  <sip:ann@example.com>;tag=a1;epid=e1 \r\n"
  "t: <sip:bob@example.com>\r\n"
  "i: call-compact-1\r\n"
  "CSeq: 1 INVITE\r\n"
  "Record-Route: <sip:sipfed.online.lync.com:5061;transport=tls;lr>\r\n"
  "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\r\n"
  "c: application/sdp\r\n"
  "l: 226\r\n"
  "\r\n"
  "v=0\r\n"
  "o=- 0 0 IN IP4 10.0.0.2\r\n"
  "s=session\r\n"
  "c=IN IP4 10.0.0.2\r\n"
  "t=0 0\r\n"
  "m=audio 50009 RTP/SAVP 127\r\n"
  "a=candidate:1 1 UDP 2120613887 10.0.0.2 50022 typ host\r\n"
  "a=candidate:3 1 UDP 6556159 52.112.3.63 54829 typ relay raddr 10.0.0.9 rport 20702\r\n"
  "01/01/2015|09:00:01.001 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n"
  "01/01/2015|09:00:01.100 10:20 INFO :: Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:01.100 10:20 INFO :: SIP/2.0 183 Session Progress\n"
  "From: <sip:ann@example.com>;tag=a1;epid=e1\n"
  "To: <sip:bob@example.com>;tag=b1\n"
  "Call-ID: call-compact-1\n"
  "CSeq: 1 INVITE\n"
  "Warning: 399 lcs.microsoft.com \"first line\n"
  "  and its folded rest\"\n"
  "Content-Length: 0\n"
  "\n"
  "01/01/2015|09:00:01.101 10:20 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n"
  "01/01/2015|09:00:02.000 10:20 INFO :: Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:02.000 10:20 INFO :: SIP/2.0 480 Temporarily Unavailable\n"
  "From: <sip:ann@example.com>;tag=a1;epid=e1\n"
  "To: <sip:bob@example.com>;tag=b1\n"
  "Call-ID: call-compact-1\n"
  "CSeq: 1 INVITE\n"
  "ms-client-diagnostics: 51004; reason=\"Action initiated by user\"\n"
  "Server: RTCC/6.0.0.0 MediationServer\n"
  "Content-Length: 0\n"
  "\n"
  "SIP/2.0 480 Temporarily Unavailable\n"
  "From: <sip:ann@example.com>;tag=a1;epid=e1\n"
  "To: <sip:bob@example.com>;tag=b1\n"
  "Call-ID: call-compact-1\n"
  "CSeq: 1 INVITE\n"
  "ms-client-diagnostics: 51004; reason=\"Action initiated by user\"\n"
  "Content-Length: 0\n"
  "\n"
  "01/01/2015|09:00:02.001 10:20 INFO :: End of Data Received -10.0.0.1:5061 (To Local Address: 10.0.0.2:1000) 1 bytes\n"
  "01/01/2015|09:00:02.100 10:20 INFO :: Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
  "01/01/2015|09:00:02.100 10:20 INFO :: ACK sip:bob@example.com SIP/2.0\n"
  "From: <sip:ann@example.com>;tag=a1;epid=e1\n"
  "To: <sip:bob@example.com>;tag=b1\n"
  "Call-ID: call-compact-1\n"
  "CSeq: 1 ACK\n"
  "Content-Length: 0\n"
  "\n"
  "01/01/2015|09:00:02.101 10:20 INFO :: End of Sending Packet - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n";

static gboolean
header_is_read_by_name (const LdHeader *h)
{
  static const char *const names[] = {
    "Content-Type", "Event", "Expires", "Server", "User-Agent", "Warning",
    "ms-diagnostics", "ms-diagnostics-public", "ms-client-diagnostics",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_ascii_strcasecmp (h->name, names[i]) == 0)
      return TRUE;
  return strstr (h->value, ".lync.com") != NULL;
}

/* Without the browser, a call's messages are parsed straight into what is
 * kept of them. What they keep must be what the browser's copy has, less
 * what nothing reads; the browser's copy has every header and the whole
 * body of the full parse (test-browser-calls checks that). */
static void
test_compact_parse (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-compact-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "compact.uccapilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LdAnalysis) all = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(LdAnalysis) lean = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GPtrArray *all_attempts, *lean_attempts;
  guint n_messages = 0, n_lync_host = 0, n_folded = 0, n_relay = 0;

  g_assert_true (g_file_set_contents (path, compact_parse_log, -1, &error));
  g_assert_true (ld_analysis_add_file (all, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (all);
  g_assert_true (ld_analysis_add_file (lean, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (lean);
  g_unlink (path);
  g_rmdir (dir);

  all_attempts = ld_analysis_get_attempts (all);
  lean_attempts = ld_analysis_get_attempts (lean);
  g_assert_cmpuint (all_attempts->len, ==, lean_attempts->len);
  for (guint i = 0; i < lean_attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (all_attempts, i);
      const LdAttempt *b = g_ptr_array_index (lean_attempts, i);

      g_assert_cmpuint (a->messages->len, ==, b->messages->len);
      for (guint j = 0; j < b->messages->len; j++)
        {
          const LdSipMessage *full = g_ptr_array_index (a->messages, j);
          const LdSipMessage *kept = g_ptr_array_index (b->messages, j);
          guint at = 0;

          g_assert_true (kept->compacted);
          g_assert_null (kept->raw);
          assert_same_summary (kept, full);
          g_assert_cmpstr (kept->remote, ==, full->remote);
          g_assert_cmpstr (kept->local, ==, full->local);
          g_assert_cmpuint (kept->line, ==, full->line);
          g_assert_cmpint (kept->time, ==, full->time);
          g_assert_cmpint (kept->direction, ==, full->direction);
          g_assert_cmpuint (kept->consumed, ==, full->consumed);
          /* Every header read by name, as the full parse has it, in order;
           * no other. */
          for (guint h = 0; h < full->n_headers; h++)
            {
              if (!header_is_read_by_name (&full->headers[h]))
                continue;
              g_assert_cmpuint (at, <, kept->n_headers);
              g_assert_cmpstr (kept->headers[at].name, ==, full->headers[h].name);
              g_assert_cmpstr (kept->headers[at].value, ==, full->headers[h].value);
              if (strstr (full->headers[h].value, "sipfed.online.lync.com") != NULL)
                n_lync_host++;
              if (strstr (full->headers[h].value, "and its folded rest") != NULL)
                n_folded++;
              at++;
            }
          g_assert_cmpuint (at, ==, kept->n_headers);
          /* The body: its start, then only the lines something reads. */
          if (*full->body == '\0')
            g_assert_cmpstr (kept->body, ==, "");
          else
            {
              g_auto(GStrv) lines = g_strsplit (full->body, "\n", -1);

              g_assert_true (g_str_has_prefix (full->body, kept->body) ||
                             g_str_has_prefix (kept->body, lines[0]));
              for (guint l = 1; lines[l] != NULL; l++)
                {
                  gboolean read = g_str_has_prefix (lines[l], "m=") || strstr (lines[l], "typ relay") != NULL;
                  g_assert_cmpint (strstr (kept->body, lines[l]) != NULL, ==, read);
                  if (read && strstr (lines[l], "typ relay") != NULL)
                    n_relay++;
                }
            }
          n_messages++;
        }
    }
  /* The call's INVITE, 183, two 480s and ACK (a sign-in that worked is no
   * attempt): every one compared. */
  g_assert_cmpuint (n_messages, ==, 5);
  g_assert_cmpuint (n_lync_host, ==, 1);
  g_assert_cmpuint (n_folded, ==, 1);
  g_assert_cmpuint (n_relay, ==, 1);
}

/* Finishing drops what only reading needs: reading afterwards is a
 * programming error, refused without adding an input. */
static void
test_read_after_finish (void)
{
  g_autoptr(LdAnalysis) an = analyse ("Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL));
  g_autoptr(GError) error = NULL;

  g_test_expect_message ("ld-input", G_LOG_LEVEL_CRITICAL, "*_ld_analysis_is_finished*");
  g_assert_false (ld_analysis_add_file (an, file, NULL, &error));
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_test_expect_message ("ld-analysis", G_LOG_LEVEL_CRITICAL, "*finished*");
  g_assert_false (ld_analysis_add_data (an, "pasted", "x\n", 2, &error));
  g_test_assert_expected_messages ();
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/analysis/kb-article-23", test_kb_article);
  g_test_add_func ("/core/analysis/field-report-24", test_field_report);
  g_test_add_func ("/core/analysis/outcomes", test_outcomes);
  g_test_add_func ("/core/analysis/failure-in-bye", test_failure_in_bye);
  g_test_add_func ("/core/analysis/cancel", test_cancel);
  g_test_add_func ("/core/analysis/im-is-a-session", test_im_is_a_session);
  g_test_add_func ("/core/analysis/rotated-overlap", test_rotated_overlap);
  g_test_add_func ("/core/analysis/attempt-opened-later", test_attempt_opened_later);
  g_test_add_func ("/core/analysis/attempts-gathered-in-pieces", test_attempts_gathered_in_pieces);
  g_test_add_func ("/core/analysis/server-trace", test_server_trace);
  g_test_add_func ("/core/analysis/two-messages-in-one-record", test_two_messages_in_one_record);
  g_test_add_func ("/core/analysis/json-shape", test_json_shape);
  g_test_add_func ("/core/analysis/client-names", test_client_names);
  g_test_add_func ("/core/analysis/early-attempts", test_early_attempts);
  g_test_add_func ("/core/analysis/stripped-messages", test_stripped_messages);
  g_test_add_func ("/core/analysis/compact-parse", test_compact_parse);
  g_test_add_func ("/core/analysis/read-after-finish", test_read_after_finish);
  g_test_add_func ("/core/analysis/bare-diagnostic", test_bare_diagnostic);
  return g_test_run ();
}
