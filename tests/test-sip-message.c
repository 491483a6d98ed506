/* test-sip-message.c - SIP parsing: start lines, headers, folding, compact forms, bodies
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"
#include "ld-analysis-private.h"
#include "ld-sip-message-private.h"

static LdSipMessage *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  LdSipMessage *msg = ld_sip_message_parse (text, strlen (text), &error);

  g_assert_no_error (error);
  g_assert_nonnull (msg);
  return msg;
}

static void
test_request (void)
{
  g_autoptr(LdSipMessage) msg = parse (
    "INVITE sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37 SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 192.168.1.20:50123\r\n"
    "From: \"Alice\" <sip:alice@contoso.com>;tag=1f2e;epid=0a1b\r\n"
    "To: <sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37>\r\n"
    "Call-ID: abc123\r\n"
    "CSeq: 7 INVITE\r\n"
    "Content-Length: 4\r\n"
    "\r\n"
    "body");

  g_assert_true (msg->is_request);
  g_assert_cmpstr (msg->method, ==, "INVITE");
  g_assert_cmpstr (msg->request_uri, ==, "sip:joe@contoso.com;gruu;opaque=app:conf:focus:id:TF2497F37");
  g_assert_cmpstr (msg->call_id, ==, "abc123");
  g_assert_cmpuint (msg->cseq, ==, 7);
  g_assert_cmpstr (msg->from_tag, ==, "1f2e");
  g_assert_null (msg->to_tag);
  g_assert_cmpstr (msg->body, ==, "body");
  g_assert_cmpuint (msg->n_headers, ==, 6);
}

static void
test_response (void)
{
  g_autoptr(LdSipMessage) msg = parse (
    "SIP/2.0 504 Server time-out\n"
    "CSeq: 1 INVITE\n"
    "Call-ID: x\n"
    "To: <sip:b@c>;tag=98283FD4\n"
    "\n");

  g_assert_false (msg->is_request);
  g_assert_cmpint (msg->status, ==, 504);
  g_assert_cmpstr (msg->reason, ==, "Server time-out");
  g_assert_cmpstr (msg->method, ==, "INVITE");
  g_assert_cmpstr (msg->to_tag, ==, "98283FD4");
  g_assert_cmpstr (msg->body, ==, "");
}

static void
test_compact_and_case (void)
{
  g_autoptr(LdSipMessage) msg = parse (
    "BYE sip:a@b SIP/2.0\n"
    "i: compact-call-id\n"
    "f: <sip:a@b>;tag=one\n"
    "t: <sip:c@d>;tag=two\n"
    "l: 0\n"
    "cseq: 2 BYE\n"
    "MS-CLIENT-DIAGNOSTICS: 51004; reason=\"Action initiated by user\"\n"
    "\n");

  g_assert_cmpstr (msg->call_id, ==, "compact-call-id");
  g_assert_cmpstr (msg->from_tag, ==, "one");
  g_assert_cmpstr (msg->to_tag, ==, "two");
  g_assert_cmpuint (msg->cseq, ==, 2);
  g_assert_cmpstr (ld_sip_message_get_header (msg, "content-length"), ==, "0");
  g_assert_cmpstr (ld_sip_message_get_header (msg, "l"), ==, "0");
  g_assert_cmpuint (msg->diag_count, ==, 1);
}

static void
test_folded_and_repeated (void)
{
  g_autoptr(LdSipMessage) msg = parse (
    "INVITE sip:a@b SIP/2.0\r\n"
    "Call-ID: fold\r\n"
    "Supported: timer\r\n"
    "Subject: first part\r\n"
    "   second part\r\n"
    "\tthird part\r\n"
    "Supported: ms-sender\r\n"
    "\r\n");
  g_autoptr(GPtrArray) supported = ld_sip_message_dup_headers (msg, "Supported");

  g_assert_cmpstr (ld_sip_message_get_header (msg, "Subject"), ==, "first part second part third part");
  g_assert_cmpuint (supported->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (supported, 1), ==, "ms-sender");
}

static void
test_stray_cr_and_invalid_utf8 (void)
{
  const char text[] = "SIP/2.0 200 OK\r\r\nFrom: \"J\xe9r\xf4me\" <sip:j@x>;tag=1\rCall-ID: cr\n\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(LdSipMessage) msg = ld_sip_message_parse (text, sizeof text - 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (msg);
  g_assert_cmpstr (msg->call_id, ==, "cr");
  g_assert_true (g_utf8_validate (msg->from, -1, NULL));
  g_assert_true (g_utf8_validate (msg->raw, -1, NULL));
}

static void
test_not_sip (void)
{
  const char *bad[] = { "", "hello world", "HTTP/1.1 200 OK\r\n\r\n", "SIP/2.0 abc\r\n", "GET / HTTP/1.1\r\n" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdSipMessage) msg = ld_sip_message_parse (bad[i], strlen (bad[i]), &error);

      g_assert_null (msg);
      g_assert_error (error, LD_ERROR, LD_ERROR_PARSE);
    }
}

static void
test_many_headers (void)
{
  GString *s = g_string_new ("OPTIONS sip:a@b SIP/2.0\r\n");
  g_autoptr(LdSipMessage) msg = NULL;

  for (guint i = 0; i < 100000; i++)
    g_string_append_printf (s, "X-H%u: %u\r\n", i, i);
  g_string_append (s, "\r\n");
  msg = ld_sip_message_parse (s->str, s->len, NULL);
  g_assert_nonnull (msg);
  g_assert_cmpuint (msg->n_headers, ==, 100000);
  /* In order across the parser's move from its first few to a larger array. */
  for (guint i = 30; i < 34; i++)
    {
      g_autofree char *name = g_strdup_printf ("X-H%u", i);
      g_autofree char *value = g_strdup_printf ("%u", i);

      g_assert_cmpstr (msg->headers[i].name, ==, name);
      g_assert_cmpstr (msg->headers[i].value, ==, value);
    }
  g_assert_cmpstr (msg->headers[99999].name, ==, "X-H99999");
  g_assert_cmpstr (msg->headers[99999].value, ==, "99999");
  g_string_free (s, TRUE);
}

static void
test_content_length (void)
{
  /* Shorter than what follows, and a second message follows: cut there.
   * "abc\n" is 5 bytes on the wire (CRLF). */
  const char two[] = "INFO sip:a@b SIP/2.0\nCall-ID: one\nContent-Length: 5\n\nabc\nSIP/2.0 200 OK\nCall-ID: one\n\n";
  /* Larger than the record: the record boundary wins. */
  const char big[] = "INFO sip:a@b SIP/2.0\nCall-ID: x\nContent-Length: 9999\n\n<xml/>\n";
  /* Smaller, with only white space after: the body ends at the count. */
  const char small[] = "INFO sip:a@b SIP/2.0\nCall-ID: y\nContent-Length: 3\n\nabc\n\n\n";
  g_autoptr(LdSipMessage) a = parse (two);
  g_autoptr(LdSipMessage) b = parse (big);
  g_autoptr(LdSipMessage) c = parse (small);

  g_assert_cmpstr (a->body, ==, "abc");
  g_assert_true (g_str_has_prefix (two + a->consumed, "SIP/2.0 200 OK"));
  g_assert_cmpstr (b->body, ==, "<xml/>");
  g_assert_cmpuint (b->consumed, ==, strlen (big));
  g_assert_cmpstr (c->body, ==, "abc");

  /* Where a record's first message ends, found without parsing it (the
   * analysis keeps such records to parse when reading is done). */
  g_assert_cmpuint (_ld_sip_message_peek_length (two, strlen (two)), ==, a->consumed);
  g_assert_cmpuint (_ld_sip_message_peek_length (big, strlen (big)), ==, b->consumed);
  g_assert_cmpuint (_ld_sip_message_peek_length (small, strlen (small)), ==, c->consumed);
  {
    const char compact[] = "INFO sip:a@b SIP/2.0\nl :3\ni: z\n\nabcdef";
    const char none[] = "\n\nNOTIFY sip:a@b SIP/2.0\nCall-ID: n\n\n<xml/>\n";
    const char folded[] = "INFO sip:a@b SIP/2.0\nFrom: <sip:x@y>\n ;tag=1\nContent-Length: 0\n\n";
    g_autoptr(LdSipMessage) d = parse (compact);
    g_autoptr(LdSipMessage) e = parse (none);

    g_assert_cmpuint (_ld_sip_message_peek_length (compact, strlen (compact)), ==, d->consumed);
    g_assert_cmpuint (d->consumed, ==, strlen (compact) - 3);
    g_assert_cmpuint (_ld_sip_message_peek_length (none, strlen (none)), ==, strlen (none));
    g_assert_cmpuint (e->consumed, ==, strlen (none));
    /* Only a parse can tell. */
    g_assert_cmpuint (_ld_sip_message_peek_length (folded, strlen (folded)), ==, 0);
    g_assert_cmpuint (_ld_sip_message_peek_length ("\n\n", 2), ==, 0);
  }
}

static void
test_uri_helpers (void)
{
  g_autofree char *a = ld_sip_uri_dup_address ("\"Joe Bloggs\" <sip:Joe@Contoso.com;gruu;opaque=x>;tag=1");
  g_autofree char *b = ld_sip_uri_dup_address ("sip:bob@fabrikam.com;user=phone");
  g_autofree char *tag = ld_sip_header_dup_param ("<sip:a@b;tag=not-this>;epid=5;tag=this", "tag");

  g_assert_cmpstr (a, ==, "sip:joe@contoso.com");
  g_assert_cmpstr (b, ==, "sip:bob@fabrikam.com");
  g_assert_cmpstr (tag, ==, "this");
}

/* Every field of two messages, compared. */
static void
assert_same_fields (const LdSipMessage *a,
                    const LdSipMessage *b)
{
  const char *const fa[] = { a->remote, a->local, a->method, a->request_uri, a->reason, a->call_id,
                             a->from, a->to, a->from_tag, a->to_tag, a->body, a->raw };
  const char *const fb[] = { b->remote, b->local, b->method, b->request_uri, b->reason, b->call_id,
                             b->from, b->to, b->from_tag, b->to_tag, b->body, b->raw };

  for (guint i = 0; i < G_N_ELEMENTS (fa); i++)
    g_assert_cmpstr (fa[i], ==, fb[i]);
  g_assert_cmpint (a->is_request, ==, b->is_request);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpuint (a->cseq, ==, b->cseq);
  g_assert_cmpuint (a->diag_count, ==, b->diag_count);
  g_assert_cmpuint (a->consumed, ==, b->consumed);
}

/* Compacting moves the headers, fields, body and raw text into a string
 * chunk and changes nothing else: same names (compact forms expanded),
 * values (folded lines joined), order, lookups and fields. Repeated text
 * is stored once. */
static void
test_compact (void)
{
  const char *text =
    "INVITE sip:bob@example.com SIP/2.0\r\n"
    "Via: SIP/2.0/TLS 10.0.0.1:5061\r\n"
    "i: abc123\r\n"
    "ms-client-diagnostics: 23; reason=\"Call failed\";\r\n"
    " CallerMediaDebug=\"audio:ICEWarn=0x4000320\"\r\n"
    "Empty:\r\n"
    "CSeq: 1 INVITE\r\n"
    "f: <sip:alice@example.com>;tag=one\r\n"
    "To: <sip:bob@example.com>\r\n"
    "\r\n"
    "v=0\r\n";
  g_autoptr(LdSipMessage) loose = ld_sip_message_parse (text, strlen (text), NULL);
  g_autoptr(LdSipMessage) packed = ld_sip_message_parse (text, strlen (text), NULL);

  g_assert_nonnull (loose);
  loose->remote = g_strdup ("10.0.0.2:5061");
  packed->remote = g_strdup ("10.0.0.2:5061");
  GStringChunk *strings = g_string_chunk_new (64);
  LdSipMessage *again = ld_sip_message_parse (text, strlen (text), NULL);

  _ld_sip_message_compact (packed, strings);
  g_assert_true (packed->compacted);
  g_assert_cmpuint (packed->n_headers, ==, loose->n_headers);
  g_assert_cmpuint (packed->n_headers, ==, 7);
  for (guint i = 0; i < loose->n_headers; i++)
    {
      g_assert_cmpstr (loose->headers[i].name, ==, packed->headers[i].name);
      g_assert_cmpstr (loose->headers[i].value, ==, packed->headers[i].value);
    }
  assert_same_fields (loose, packed);
  g_assert_cmpstr (packed->body, ==, "v=0");
  g_assert_cmpstr (packed->remote, ==, "10.0.0.2:5061");
  g_assert_null (packed->local);
  g_assert_null (packed->to_tag);
  g_assert_cmpstr (packed->from_tag, ==, "one");
  g_assert_cmpstr (ld_sip_message_get_header (packed, "Call-ID"), ==, "abc123");
  g_assert_cmpstr (ld_sip_message_get_header (packed, "Empty"), ==, "");
  g_assert_nonnull (strstr (ld_sip_message_get_header (packed, "ms-client-diagnostics"),
                            "\"Call failed\"; CallerMediaDebug="));
  g_assert_cmpstr (packed->call_id, ==, "abc123");

  /* Same dialog, same From: one copy, and Call-ID read from its header. */
  _ld_sip_message_compact (again, strings);
  g_assert_true (again->from == packed->from);
  g_assert_true (again->call_id == ld_sip_message_get_header (again, "Call-ID"));
  g_assert_true (again->headers[0].name == packed->headers[0].name);
  ld_sip_message_free (again);
  g_clear_pointer (&packed, ld_sip_message_free);
  g_string_chunk_free (strings);
}

/* What the CLI keeps of a call's message, parsed straight into its analysis's
 * store: the message and the headers its filter keeps in one allocation
 * (freed with the store, not by ld_sip_message_free()), the fields as the
 * full parse reads them, and a tag that ends its From or To not copied but
 * the end of that value. */
static gboolean
keep_diagnostics (const char *name,
                  const char *value,
                  gsize       value_len)
{
  return g_ascii_strncasecmp (name, "ms-", 3) == 0;
}

static void
keep_no_body (const char *body,
              gsize       len,
              GString    *out)
{
}

static void
test_compact_stored (void)
{
  static const LdSipKeepFilter filter = { keep_diagnostics, keep_no_body };
  const char *text =
    "SIP/2.0 699 Whatever\r\n"
    "Via: SIP/2.0/TLS 10.0.0.1:5061\r\n"
    "From: \"Alice\" <sip:alice@example.com>;tag=1f2e;epid=0a1b\r\n"
    "To: <sip:bob@example.com>;tag=98283FD4\r\n"
    "Call-ID: abc123\r\n"
    "CSeq: 7 INVITE\r\n"
    "ms-diagnostics: 1003;reason=\"x\"\r\n"
    "ms-client-diagnostics: 52017\r\n"
    "Content-Length: 0\r\n"
    "\r\n";
  const char *reply =
    "BYE sip:alice@example.com SIP/2.0\r\n"
    "From: <sip:bob@example.com>;tag=98283FD4\r\n"
    "To: \"Alice\" <sip:alice@example.com>;tag=1f2e;epid=0a1b\r\n"
    "Call-ID: abc123\r\n"
    "CSeq: 1 BYE\r\n"
    "\r\n";
  gsize len = strlen (text);
  GStringChunk *strings = g_string_chunk_new (64);
  LdTextStore *store = _ld_text_store_new ();
  g_autoptr(LdSipMessage) full = _ld_sip_message_parse_valid (text, len, NULL);
  LdSipMessage *msg = _ld_sip_message_parse_compact (text, len, strings, store, &filter, NULL);
  LdSipMessage *bye;

  g_assert_nonnull (msg);
  g_assert_true (msg->stored && msg->compacted);
  g_assert_null (msg->raw);
  g_assert_cmpstr (msg->body, ==, "");
  msg->raw = full->raw;
  assert_same_fields (full, msg);
  msg->raw = NULL;
  g_assert_cmpuint (msg->status, ==, 699);
  g_assert_cmpuint (msg->diag_count, ==, 2);
  g_assert_cmpuint (msg->consumed, ==, len);
  /* Its two diagnostics, right after it. */
  g_assert_cmpuint (msg->n_headers, ==, 2);
  g_assert_true (msg->headers == (LdHeader *) (msg + 1));
  g_assert_cmpstr (msg->headers[0].name, ==, "ms-diagnostics");
  g_assert_cmpstr (msg->headers[0].value, ==, "1003;reason=\"x\"");
  g_assert_cmpstr (msg->headers[1].name, ==, "ms-client-diagnostics");
  g_assert_cmpstr (msg->headers[1].value, ==, "52017");
  /* The To's tag ends it: the same bytes. The From's does not: a copy. */
  g_assert_cmpstr (msg->to_tag, ==, "98283FD4");
  g_assert_true (msg->to_tag == msg->to + strlen (msg->to) - strlen ("98283FD4"));
  g_assert_cmpstr (msg->from_tag, ==, "1f2e");
  g_assert_false (msg->from_tag >= msg->from && msg->from_tag <= msg->from + strlen (msg->from));
  /* Left to the store. */
  ld_sip_message_free (msg);
  g_assert_cmpstr (msg->call_id, ==, "abc123");

  /* The dialog's next message takes its values, swapped with the direction. */
  bye = _ld_sip_message_parse_compact (reply, strlen (reply), strings, store, &filter, msg);
  g_assert_nonnull (bye);
  g_assert_true (bye->stored);
  g_assert_null (bye->headers);
  g_assert_cmpuint (bye->n_headers, ==, 0);
  g_assert_true (bye->call_id == msg->call_id);
  g_assert_true (bye->from == msg->to && bye->from_tag == msg->to_tag);
  g_assert_true (bye->to == msg->from && bye->to_tag == msg->from_tag);
  g_assert_true (bye->is_request);
  g_assert_cmpuint (bye->status, ==, 0);

  /* Declined (a kept header folded over lines): nothing stored, nothing leaked. */
  {
    const char *folded = "SIP/2.0 100 Trying\r\nCall-ID: q\r\nms-diagnostics: 1003;\r\n reason=\"x\"\r\n\r\n";

    g_assert_null (_ld_sip_message_parse_compact (folded, strlen (folded), strings, store, &filter, NULL));
  }
  _ld_text_store_free (store);
  g_string_chunk_free (strings);
}

/* The number of a message's diagnostic headers stops at what the field
 * holds; the headers are all kept. */
static void
test_diagnostic_count_limit (void)
{
  GString *s = g_string_new ("SIP/2.0 488 Not Acceptable Here\r\nCall-ID: x\r\n");
  g_autoptr(LdSipMessage) msg = NULL;
  guint n = LD_SIP_MAX_DIAG_COUNT + 2;

  for (guint i = 0; i < n; i++)
    g_string_append (s, "ms-diagnostics: 1\r\n");
  g_string_append (s, "\r\n");
  msg = ld_sip_message_parse (s->str, s->len, NULL);
  g_assert_nonnull (msg);
  g_assert_cmpuint (msg->n_headers, ==, n + 1);
  g_assert_cmpuint (msg->diag_count, ==, LD_SIP_MAX_DIAG_COUNT);
  g_assert_cmpuint (msg->status, ==, 488);
  g_string_free (s, TRUE);
}

/* What stripping keeps, compared field by field. */
static void
assert_same_summary (const LdSipMessage *a,
                     const LdSipMessage *b)
{
  g_assert_cmpint (a->is_request, ==, b->is_request);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpstr (a->method, ==, b->method);
  g_assert_cmpstr (a->request_uri, ==, b->request_uri);
  g_assert_cmpstr (a->reason, ==, b->reason);
  g_assert_cmpstr (a->call_id, ==, b->call_id);
  g_assert_cmpstr (a->from, ==, b->from);
  g_assert_cmpstr (a->to, ==, b->to);
  g_assert_cmpstr (a->from_tag, ==, b->from_tag);
  g_assert_cmpstr (a->to_tag, ==, b->to_tag);
  g_assert_cmpuint (a->cseq, ==, b->cseq);
  g_assert_cmpuint (a->diag_count, ==, b->diag_count);
  g_assert_cmpuint (a->consumed, ==, b->consumed);
  g_assert_cmpstr (a->raw, ==, b->raw);
}

/* Parsed straight into its stripped form, a message has the fields a full
 * parse and a strip give it; a field folded over lines is left to the
 * other parsers. */
/* A message's diagnostics judged by their codes, as the message list and
 * the call flow show them (headers from reference samples 02, 04 and 13). */
static void
test_diagnostics_verdict (void)
{
  static const struct { const char *text; LdCodeVerdict verdict; } cases[] = {
    { "SIP/2.0 200 OK\r\nCall-ID: v1\r\nCSeq: 1 BYE\r\n"
      "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\"\r\n\r\n",
      LD_CODE_INFORMATIONAL },
    { "BYE sip:bob@example.com SIP/2.0\r\nCall-ID: v2\r\nCSeq: 2 BYE\r\n"
      "ms-client-diagnostics: 51004; reason=\"Action initiated by user\"\r\n\r\n",
      LD_CODE_INFORMATIONAL },
    { "BYE sip:bob@example.com SIP/2.0\r\nCall-ID: v3\r\nCSeq: 3 BYE\r\n"
      "ms-client-diagnostics: 23; reason=\"Call failed to establish due to a media connectivity failure when one "
      "endpoint is internal and the other is remote\"\r\n\r\n",
      LD_CODE_FAILURE },
    /* A failure beside an informational code is a failure. */
    { "SIP/2.0 504 Server time-out\r\nCall-ID: v4\r\nCSeq: 1 INVITE\r\n"
      "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\"\r\n"
      "ms-diagnostics: 1009; reason =\"No match for domain in DNS SRV results\"\r\n\r\n",
      LD_CODE_FAILURE },
    /* Near miss: no diagnostic at all has no verdict. */
    { "SIP/2.0 200 OK\r\nCall-ID: v5\r\nCSeq: 1 BYE\r\n\r\n", LD_CODE_UNKNOWN },
  };
  GStringChunk *strings = g_string_chunk_new (1024);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdSipMessage) msg = ld_sip_message_parse (cases[i].text, strlen (cases[i].text), &error);

      g_assert_no_error (error);
      g_assert_cmpint (ld_sip_message_get_diagnostics_verdict (msg), ==, cases[i].verdict);
      /* The same once only its text is kept. */
      ld_sip_message_strip (msg, strings);
      g_assert_cmpint (ld_sip_message_get_diagnostics_verdict (msg), ==, cases[i].verdict);
    }
  g_string_chunk_free (strings);
}

static void
test_stripped (void)
{
  const char *texts[] = {
    "SUBSCRIBE sip:bob@example.com SIP/2.0\n"
    "Via: SIP/2.0/TLS 10.0.0.1:5061\n"
    " ;branch=z9hG4bK1\n"
    "f: \"Alice\" <sip:alice@example.com>;tag=a1\n"
    "t: <sip:bob@example.com>\n"
    "I: presence-77\n"
    "cseq: 12 subscribe\n"
    "ms-diagnostics: 1003;reason=\"x\"\n"
    "MS-Client-Diagnostics: 52017\n"
    "l: 11\n"
    "\n"
    "<presence/>trailing text that is not this message's",
    "SIP/2.0 200  OK \r\n"
    "Call-ID: c1\r\n"
    "From: <sip:a@example.com>;tag=x\r\n"
    "To: <sip:b@example.com>;tag=y\r\n"
    "CSeq: 0 register\r\n"
    "CSeq: 7 notify\r\n"
    "\r\n",
    /* A tag that does not end its value; a reason with spaces around. */
    "SIP/2.0 481  Call Leg/Transaction Does Not Exist \n"
    "From: <sip:a@example.com>;tag=x;epid=01\n"
    "To: <sip:b@example.com>;tag=y\n"
    "Call-ID: c2\n"
    "CSeq: 9 BENOTIFY\n"
    "\n",
  };
  GStringChunk *strings = g_string_chunk_new (1024);
  /* The parse after reading: its values in a set of its own. */
  GStringChunk *deferred_strings = g_string_chunk_new (1024);
  g_autoptr(LdStringSet) set = _ld_string_set_new (deferred_strings);

  for (gsize t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      gsize len = strlen (texts[t]);
      g_autoptr(LdSipMessage) full = _ld_sip_message_parse_valid (texts[t], len, NULL);
      g_autoptr(LdSipMessage) stripped = _ld_sip_message_parse_stripped (texts[t], len, strings);

      gsize peeked = _ld_sip_message_peek_length (texts[t], len);

      g_assert_nonnull (full);
      g_assert_nonnull (stripped);
      g_assert_true (peeked == 0 || peeked == full->consumed);
      if (peeked > 0)
        {
          g_autofree char *kept = g_strndup (texts[t], peeked);
          LdSipMessage *later = _ld_sip_message_parse_stripped_kept (kept, peeked, strings);

          /* The same parse, its raw text the kept one. */
          g_assert_nonnull (later);
          g_assert_true (later->raw == kept);
          assert_same_summary (stripped, later);
          /* And as the message browser parses it when reading is done,
           * twice: the second time its values and tags are found stored. */
          for (guint again = 0; again < 2; again++)
            {
              LdSipMessage deferred;
              gboolean no_cr = memchr (kept, '\r', peeked) == NULL;

              g_assert_true (_ld_sip_message_parse_deferred (kept, peeked, no_cr, set, &deferred));
              g_assert_true (deferred.raw == kept);
              assert_same_summary (&deferred, later);
              g_assert_true (deferred.stripped);
            }
          ld_sip_message_free (later);
        }
      g_assert_true (stripped->stripped);
      g_assert_cmpuint (stripped->n_headers, ==, 0);
      g_assert_null (stripped->headers);
      ld_sip_message_strip (full, strings);
      assert_same_summary (full, stripped);
    }
  {
    const char *folded = "NOTIFY sip:a@example.com SIP/2.0\nFrom: <sip:b@example.com>\n ;tag=z\nCall-ID: q\n\n";

    LdSipMessage deferred;

    g_assert_null (_ld_sip_message_parse_stripped (folded, strlen (folded), strings));
    g_assert_null (_ld_sip_message_parse_stripped ("not sip\n", 8, strings));
    g_assert_false (_ld_sip_message_parse_deferred (folded, strlen (folded), TRUE, set, &deferred));
    g_assert_false (_ld_sip_message_parse_deferred ("not sip\n", 8, TRUE, set, &deferred));
  }
  /* Near miss of a stored tag: the same To but for its tag has its own. */
  {
    const char *a = "NOTIFY sip:a@example.com SIP/2.0\nTo: <sip:b@example.com>;tag=1;x=y\nCSeq: 1 NOTIFY\n\n";
    const char *b = "NOTIFY sip:a@example.com SIP/2.0\nTo: <sip:b@example.com>;tag=2;x=y\nCSeq: 1 NOTIFY\n\n";
    LdSipMessage first, second;

    g_assert_true (_ld_sip_message_parse_deferred (a, strlen (a), TRUE, set, &first));
    g_assert_true (_ld_sip_message_parse_deferred (b, strlen (b), TRUE, set, &second));
    g_assert_cmpstr (first.to_tag, ==, "1");
    g_assert_cmpstr (second.to_tag, ==, "2");
    g_assert_null (first.from);
    g_assert_null (first.from_tag);
    g_assert_cmpstr (first.method, ==, "NOTIFY");
    g_assert_null (first.reason);
  }
  g_string_chunk_free (strings);
  g_clear_pointer (&set, _ld_string_set_free);
  g_string_chunk_free (deferred_strings);
}

/* The store's blocks: a small first one, then large ones; a text or
 * struct of any size the store takes comes back whole, ended, aligned,
 * and unmoved by what is added after it. */
static void
test_text_store_sizes (void)
{
  static const gsize sizes[] = { 10, 65535, 1, 70000, 200, 1024 * 1024 - 1, 3 * 1024 * 1024, 0, 64 * 1024 };
  LdTextStore *store = _ld_text_store_new ();
  char *copies[G_N_ELEMENTS (sizes)];
  char *texts[G_N_ELEMENTS (sizes)];
  gint64 *numbers[G_N_ELEMENTS (sizes)];

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      texts[i] = g_malloc (sizes[i] + 1);
      memset (texts[i], 'a' + i, sizes[i]);
      texts[i][sizes[i]] = '\0';
      copies[i] = _ld_text_store_add (store, texts[i], sizes[i]);
      numbers[i] = _ld_text_store_alloc0 (store, 3 * sizeof (gint64));
      g_assert_cmpuint (GPOINTER_TO_SIZE (numbers[i]) % G_ALIGNOF (gint64), ==, 0);
      g_assert_cmpint (numbers[i][0] | numbers[i][1] | numbers[i][2], ==, 0);
      numbers[i][2] = (gint64) i;
    }
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_assert_cmpuint (strlen (copies[i]), ==, sizes[i]);
      g_assert_true (memcmp (copies[i], texts[i], sizes[i] + 1) == 0);
      g_assert_cmpint (numbers[i][2], ==, (gint64) i);
      g_free (texts[i]);
    }
  _ld_text_store_free (store);
}

/* Another thread may write to the pages of the store's next big block
 * while one fills it (ld-text-store.c): only once the store has a big
 * block, one block at most, handed over when the store needs it; and the
 * texts come back whole either way. */
static void
test_text_store_prepared (void)
{
  LdTextStore *store = _ld_text_store_new ();
  g_autofree char *text = g_malloc (100 * 1024);
  GPtrArray *copies = g_ptr_array_new ();
  guint steps = 0;

  memset (text, 'x', 100 * 1024);
  /* A small log's store: nothing to prepare. */
  g_ptr_array_add (copies, _ld_text_store_add (store, text, 1000));
  g_assert_false (_ld_text_store_prepare (store));

  /* The first big block: the next one is prepared, then nothing more. */
  g_ptr_array_add (copies, _ld_text_store_add (store, text, 99 * 1024));
  while (_ld_text_store_prepare (store))
    g_assert_cmpuint (++steps, <=, 64);
  g_assert_cmpuint (steps, >, 0);
  g_assert_false (_ld_text_store_prepare (store));

  /* Filling the first big block and taking the next one (the prepared
   * one) leaves room to prepare another. */
  for (guint i = 0; i < 41; i++)
    g_ptr_array_add (copies, _ld_text_store_add (store, text, 99 * 1024 + i));
  g_assert_true (_ld_text_store_prepare (store));
  for (guint i = 0; i < copies->len; i++)
    {
      const char *copy = g_ptr_array_index (copies, i);
      gsize len = i == 0 ? 1000 : i == 1 ? 99 * 1024 : 99 * 1024 + (i - 2);

      g_assert_cmpuint (strlen (copy), ==, len);
      g_assert_true (memcmp (copy, text, len) == 0);
    }
  g_ptr_array_unref (copies);
  /* What was prepared and not used goes with the store. */
  _ld_text_store_free (store);
}

typedef struct
{
  LdTextStore *store;
  gint         done;  /* atomic */
} PrepareJob;

static gpointer
prepare_thread (gpointer data)
{
  PrepareJob *job = data;

  while (!g_atomic_int_get (&job->done))
    if (!_ld_text_store_prepare (job->store))
      g_thread_yield ();
  return NULL;
}

/* One thread filling, another preparing all the while: every text and
 * struct comes back as stored. */
static void
test_text_store_prepared_threads (void)
{
  PrepareJob job = { _ld_text_store_new (), 0 };
  GThread *thread = g_thread_new ("prepare", prepare_thread, &job);
  const guint n = 60000;
  char **copies = g_new (char *, n);
  gint64 **numbers = g_new (gint64 *, n);

  for (guint i = 0; i < n; i++)
    {
      char text[2048];
      gsize len = 100 + (i * 7919) % 1900;

      memset (text, 'a' + i % 26, len);
      copies[i] = _ld_text_store_add (job.store, text, len);
      numbers[i] = _ld_text_store_alloc0 (job.store, 2 * sizeof (gint64));
      numbers[i][1] = i;
    }
  g_atomic_int_set (&job.done, 1);
  g_thread_join (thread);
  for (guint i = 0; i < n; i++)
    {
      gsize len = 100 + (i * 7919) % 1900;

      g_assert_cmpuint (strlen (copies[i]), ==, len);
      g_assert_cmpint (copies[i][0], ==, 'a' + i % 26);
      g_assert_cmpint (copies[i][len - 1], ==, 'a' + i % 26);
      g_assert_cmpint (numbers[i][0], ==, 0);
      g_assert_cmpint (numbers[i][1], ==, i);
    }
  g_free (copies);
  g_free (numbers);
  _ld_text_store_free (job.store);
}

/* The parsers' inline case-blind compare answers as g_ascii_strncasecmp()
 * does, for every pair of bytes in every position of a name, and for a
 * subject that ends (NUL) before the name does. */
static void
test_ascii_equal_n (void)
{
  static const char *const names[] = { "Call-ID", "SIP/2.0 ", "ms-client-diagnostics", "app:conf:", "a" };

  for (guint k = 0; k < G_N_ELEMENTS (names); k++)
    {
      const char *lit = names[k];
      gsize n = strlen (lit);

      for (gsize at = 0; at < n; at++)
        for (guint c = 0; c < 256; c++)
          {
            char s[32];

            memcpy (s, lit, n + 1);
            s[at] = (char) c;
            g_assert_cmpint (_ld_ascii_equal_n (s, lit, n), ==, g_ascii_strncasecmp (s, lit, n) == 0);
            /* The same in the other case. */
            for (gsize i = 0; i < n; i++)
              if (i != at)
                s[i] = g_ascii_isupper (lit[i]) ? g_ascii_tolower (lit[i]) : g_ascii_toupper (lit[i]);
            g_assert_cmpint (_ld_ascii_equal_n (s, lit, n), ==, g_ascii_strncasecmp (s, lit, n) == 0);
          }
      for (gsize len = 0; len < n; len++)
        {
          g_autofree char *shorter = g_strndup (lit, len);

          g_assert_false (_ld_ascii_equal_n (shorter, lit, n));
          g_assert_true (_ld_ascii_equal_n (shorter, lit, len));
        }
    }
  /* Letters only: '@' and '`', '[' and '{' differ in the case bit too. */
  g_assert_false (_ld_ascii_equal_n ("@", "`", 1));
  g_assert_false (_ld_ascii_equal_n ("[", "{", 1));
  g_assert_true (_ld_ascii_equal_n ("cALL-id", "Call-ID", 7));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/sip/request", test_request);
  g_test_add_func ("/core/sip/response", test_response);
  g_test_add_func ("/core/sip/compact-forms", test_compact_and_case);
  g_test_add_func ("/core/sip/folded-repeated", test_folded_and_repeated);
  g_test_add_func ("/core/sip/stray-cr-invalid-utf8", test_stray_cr_and_invalid_utf8);
  g_test_add_func ("/core/sip/not-sip", test_not_sip);
  g_test_add_func ("/core/sip/100000-headers", test_many_headers);
  g_test_add_func ("/core/sip/uri-helpers", test_uri_helpers);
  g_test_add_func ("/core/sip/ascii-equal-n", test_ascii_equal_n);
  g_test_add_func ("/core/sip/content-length", test_content_length);
  g_test_add_func ("/core/sip/compact", test_compact);
  g_test_add_func ("/core/sip/compact-stored", test_compact_stored);
  g_test_add_func ("/core/sip/text-store-sizes", test_text_store_sizes);
  g_test_add_func ("/core/sip/text-store-prepared", test_text_store_prepared);
  g_test_add_func ("/core/sip/text-store-prepared-threads", test_text_store_prepared_threads);
  g_test_add_func ("/core/sip/diagnostic-count-limit", test_diagnostic_count_limit);
  g_test_add_func ("/core/sip/stripped", test_stripped);
  g_test_add_func ("/core/sip/diagnostics-verdict", test_diagnostics_verdict);
  return g_test_run ();
}
