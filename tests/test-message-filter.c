/* test-message-filter.c - the message browser's query language, on real logs
 *
 * Each query is run over every message of a fixture (the app keeps them
 * all; presence and registration messages stripped to their text, call
 * dialogs parsed) and the messages it selects are compared, by the line
 * their record starts on, with the ones the query means.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-message-filter"

#include "config.h"

#include <string.h>

#include "lyncdiag.h"

static LdAnalysis *
load (const char *name)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", name, NULL));
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish_attempts (analysis);
  ld_analysis_finish_messages (analysis);
  return analysis;
}

/* The lines of the messages @query selects, "2 19 …", or the error. */
static char *
select_lines (LdAnalysis *analysis,
              const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMessageFilter) filter = ld_message_filter_new (query, &error);
  GPtrArray *messages = ld_analysis_get_messages (analysis);
  GString *out = g_string_new (NULL);
  g_autoptr(LdMessageTexts) texts = ld_message_texts_new (analysis);

  if (filter == NULL)
    {
      g_string_printf (out, "error %d", error->code);
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      const char *text = ld_message_texts_get (texts, msg, NULL, &error);

      g_assert_no_error (error);
      if (ld_message_filter_match (filter, msg, text))
        g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, out->len > 0 ? " " : "", msg->line);
    }
  return g_string_free (out, FALSE);
}

#define assert_selects(analysis, query, expected) \
  G_STMT_START { \
    g_autofree char *got_ = select_lines ((analysis), (query)); \
    if (g_strcmp0 (got_, (expected)) != 0) \
      g_error ("%s: selected \"%s\", expected \"%s\"", (query), got_, (expected)); \
  } G_STMT_END

/* Lync-UccApi-0.UccApilog: REGISTER 2, 200 19, SUBSCRIBE 32, BENOTIFY 51
 * (stripped, presence and registration), then three conference joins:
 * focus INVITE 67, 200 93, ACK 110; chat INVITE 123, 200 146, ACK 165;
 * sharing INVITE 178, 200 215, ACK 240, BYE 253 (ms-client-diagnostics
 * 23), 200 266. */
#define ALL "2 19 32 51 67 93 110 123 146 165 178 215 240 253 266"

static void
test_fields (void)
{
  g_autoptr(LdAnalysis) log = load ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdAnalysis) fed = load ("findings-federation.uccapilog");

  /* The empty query lets everything through. */
  assert_selects (log, "", ALL);
  assert_selects (log, "   ", ALL);

  /* method: is the request's method or the CSeq method of a response. */
  assert_selects (log, "method:INVITE", "67 93 123 146 178 215");
  assert_selects (log, "method:invite", "67 93 123 146 178 215");
  assert_selects (log, "method:INV", "");

  assert_selects (log, "status:200", "19 93 146 215 266");
  assert_selects (log, "status:2xx", "19 93 146 215 266");
  assert_selects (log, "status:4xx", "");
  assert_selects (fed, "status:504", "27 77");
  assert_selects (fed, "status:500-599", "27 77");
  assert_selects (fed, "status:400-503", "");

  /* code: the number a diagnostic header starts with, not a prefix of it. */
  assert_selects (log, "code:23", "253");
  assert_selects (log, "code:2", "");
  assert_selects (fed, "code:1009", "27");
  assert_selects (fed, "code:1010", "77");
  assert_selects (fed, "code:100", "");

  /* A stripped message (the REGISTER) is searched in its text. */
  assert_selects (log, "callid:6f1e2d3c", "2 19");
  assert_selects (log, "callid:C4D5E6F7", "178 215 240 253 266");
  assert_selects (log, "call-id:c4d5e6f708194a2b3c4d5e6f7a8b9c0d", "178 215 240 253 266");

  /* ua: is User-Agent, or Server in a response. */
  assert_selects (log, "ua:\"Microsoft Lync\"", "2 32 67 110 123 165 178 240 253");
  assert_selects (log, "ua:Focus", "93");
  assert_selects (log, "ua:ASMCU", "215");

  /* ip: a whole address, or a prefix that ends in '.' or ':'. */
  assert_selects (log, "ip:52.112.1.10", ALL);
  assert_selects (log, "ip:192.168.1.20", ALL);
  assert_selects (log, "ip:52.112.1.1", "");
  assert_selects (log, "ip:52.112.1.", ALL);
  assert_selects (log, "ip:52.112.1.10:443", ALL);
  assert_selects (log, "ip:52.112.1.10:5061", "");

  assert_selects (log, "cseq:2", "51 253 266");
  assert_selects (log, "cseq:BYE", "253 266");
  assert_selects (log, "cseq:\"2 BYE\"", "253 266");
  assert_selects (log, "cseq:\"1 BYE\"", "");

  /* reason: the status phrase, a Reason header or a diagnostic's reason. */
  assert_selects (log, "reason:\"media connectivity\"", "253");
  assert_selects (fed, "reason:\"DNS SRV\"", "27");
  assert_selects (fed, "reason:time-out", "27 77");

  /* header: any header, by its long or compact name. */
  assert_selects (log, "header:Event=registration", "2");
  assert_selects (log, "header:o=registration", "2");
  assert_selects (log, "header:Proxy-Require", "32");
  assert_selects (log, "header:Supported=ms-benotify", "32");
  assert_selects (log, "header:Supported=ms-nothing", "");

  assert_selects (log, "dir:received", "19 51 93 146 215 266");
  assert_selects (log, "dir:sent", "2 32 67 110 123 165 178 240 253");

  /* An unknown prefix is text: a SIP URI is looked for as written (the
   * chat join's own messages spell it "opague", the focus's Contact in
   * its 200 "opaque"). */
  assert_selects (log, "sip:joe@contoso.com;gruu;opague=app:conf:chat", "123 146 165");
  assert_selects (log, "sip:joe@contoso.com;gruu;opaque=app:conf:chat", "146");
  assert_selects (log, "foo:bar", "");
}

static void
test_boolean (void)
{
  g_autoptr(LdAnalysis) log = load ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdAnalysis) fed = load ("findings-federation.uccapilog");

  /* Terms all hold; OR joins the two beside it. */
  assert_selects (log, "method:INVITE status:200", "93 146 215");
  assert_selects (log, "cseq:2 OR code:23", "51 253 266");
  assert_selects (log, "callid:c4d5 status:200 OR method:BYE", "215 253 266");
  assert_selects (log, "callid:c4d5 status:200 | method:BYE", "215 253 266");
  assert_selects (fed, "code:1009 OR code:1010", "27 77");

  /* NOT and a leading '-' turn a term round. */
  assert_selects (log, "method:INVITE NOT status:200", "67 123 178");
  assert_selects (log, "method:INVITE -status:200", "67 123 178");
  assert_selects (log, "-ip:52.112.1.10", "");
  assert_selects (log, "NOT NOT code:23", "253");
  assert_selects (log, "NOT code:23 OR dir:sent", "2 19 32 51 67 93 110 123 146 165 178 215 240 253 266");

  /* Quoted, OR and NOT are text. */
  assert_selects (log, "\"OR\" code:23", "253");
  assert_selects (log, "\"NOT\" code:23", "");
  assert_selects (log, "\"media connectivity failure\"", "253");

  /* Free text, regular expressions, and text that is not one. */
  assert_selects (log, "applicationsharing", "178 215 240 253 266");
  assert_selects (log, "APPLICATIONSHARING ACK", "240");
  assert_selects (log, "opa[gq]ue=app:conf:chat:id", "123 146 165");
  assert_selects (log, "^ACK.*opaque=app:conf:chat", "165");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LdMessageFilter) filter = ld_message_filter_new ("(unclosed", &error);

    g_assert_no_error (error);
    g_assert_nonnull (ld_message_filter_get_note (filter));
    assert_selects (log, "(unclosed", "");
  }
  {
    g_autoptr(LdMessageFilter) filter = ld_message_filter_new ("method:INVITE", NULL);

    g_assert_null (ld_message_filter_get_note (filter));
    g_assert_false (ld_message_filter_is_empty (filter));
  }
}

static void
test_time (void)
{
  g_autoptr(LdAnalysis) log = load ("Lync-UccApi-0.UccApilog");

  /* Times of day; after: from the value, before: strictly before it. */
  assert_selects (log, "after:10:05:14", "178 215 240 253 266");
  assert_selects (log, "after:10:05:14.310", "178 215 240 253 266");
  assert_selects (log, "after:10:05:14.311", "215 240 253 266");
  assert_selects (log, "before:10:05:14.310", "2 19 32 51 67 93 110 123 146 165");
  assert_selects (log, "before:00:00", "");

  /* A single value is all of it as written: a second, a millisecond. */
  assert_selects (log, "time:10:05:14", "178 215 240");
  assert_selects (log, "time:10:05:08.012", "67");
  assert_selects (log, "time:10:05:08.013", "");
  assert_selects (log, "time:10:05:08..10:05:09", "67 93 110 123 146 165");
  assert_selects (log, "time:10:05:08-10:05:09", "67 93 110 123 146 165");
  /* Round midnight. */
  assert_selects (log, "time:23:00..10:05:01", "2 19 32 51");

  /* Dates. */
  assert_selects (log, "time:2014-01-30", ALL);
  assert_selects (log, "time:2014-01-31", "");
  assert_selects (log, "time:2014-01-30T10:05:25", "266");
  assert_selects (log, "after:2014-01-30T10:05:25", "266");
  assert_selects (log, "before:2014-01-30T10:05:00.403", "2 19");
  assert_selects (log, "time:2014-01-30T10:05:24..2014-01-30T10:05:25", "253 266");
  assert_selects (log, "after:2014-01-31", "");
}

static void
test_errors (void)
{
  static const struct { const char *query; int code; } cases[] = {
    { "OR status:200", LD_MESSAGE_FILTER_ERROR_SYNTAX },
    { "status:200 OR", LD_MESSAGE_FILTER_ERROR_SYNTAX },
    { "status:200 OR OR status:486", LD_MESSAGE_FILTER_ERROR_SYNTAX },
    { "NOT", LD_MESSAGE_FILTER_ERROR_SYNTAX },
    { "status:abc", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "status:99", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "status:499-400", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "after:25:00", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "after:10:61", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "after:10", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "time:2014-02-30", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "time:2014-01-30T10:05..10:06", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "time:2014-01-31..2014-01-30", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "from:", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "dir:sideways", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "code:2x", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "cseq:\"1 2\"", LD_MESSAGE_FILTER_ERROR_VALUE },
    { "header:=x", LD_MESSAGE_FILTER_ERROR_VALUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(LdMessageFilter) filter = ld_message_filter_new (cases[i].query, &error);

      if (filter != NULL)
        g_error ("%s: no error", cases[i].query);
      g_assert_error (error, LD_MESSAGE_FILTER_ERROR, cases[i].code);
      /* A sentence for the user, not an empty string. */
      g_assert_cmpuint (strlen (error->message), >, 10);
    }

  /* Near misses: a quote still open, a URI, a lone dash. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LdMessageFilter) a = ld_message_filter_new ("reason:\"media conn", &error);
    g_autoptr(LdMessageFilter) b = ld_message_filter_new ("sip:alice@contoso.com", &error);
    g_autoptr(LdMessageFilter) c = ld_message_filter_new ("- OR x", &error);

    g_assert_no_error (error);
    g_assert_nonnull (a);
    g_assert_nonnull (b);
    g_assert_nonnull (c);
  }
}

/* The text between the marks find_highlight() gives, in order. */
static char *
highlights (const char *query,
            const char *text)
{
  g_autoptr(LdMessageFilter) filter = ld_message_filter_new (query, NULL);
  GString *out = g_string_new (NULL);
  gsize from = 0, start, end;

  while (ld_message_filter_find_highlight (filter, text, from, &start, &end))
    {
      g_assert_cmpuint (end, >, start);
      g_string_append_printf (out, "[%.*s]", (int) (end - start), text + start);
      from = end;
    }
  return g_string_free (out, FALSE);
}

static void
test_highlight (void)
{
  g_autoptr(LdAnalysis) log = load ("Lync-UccApi-0.UccApilog");
  GPtrArray *messages = ld_analysis_get_messages (log);
  const LdSipMessage *bye = NULL;

  for (guint i = 0; i < messages->len; i++)
    if (((const LdSipMessage *) g_ptr_array_index (messages, i))->line == 253)
      bye = g_ptr_array_index (messages, i);
  g_assert_nonnull (bye);
  g_assert_nonnull (bye->raw);

  {
    g_autofree char *h = highlights ("code:23", bye->raw);

    g_assert_true (g_str_has_prefix (h, "[ms-client-diagnostics: 23; reason=\"Call failed"));
    g_assert_true (g_str_has_suffix (h, "]"));
    g_assert_null (strstr (h, "]["));
  }
  {
    /* Twice in c4d5e6f708194a2b3c4d5e6f7a8b9c0d, whatever the case typed. */
    g_autofree char *h = highlights ("callid:C4D5E6F7", bye->raw);

    g_assert_cmpstr (h, ==, "[c4d5e6f7][c4d5e6f7]");
  }
  {
    g_autofree char *h = highlights ("applicationsharing", bye->raw);

    /* Request-URI, To and the header that names the modality. */
    g_assert_nonnull (strstr (h, "[applicationsharing][applicationsharing]"));
  }
  {
    /* A term turned round marks nothing; a time has nothing to mark. */
    g_autofree char *h1 = highlights ("NOT callid:c4d5e6f7", bye->raw);
    g_autofree char *h2 = highlights ("-code:23 after:10:00", bye->raw);

    g_assert_cmpstr (h1, ==, "");
    g_assert_cmpstr (h2, ==, "");
  }
  {
    g_autofree char *h = highlights ("cseq:BYE", bye->raw);

    g_assert_cmpstr (h, ==, "[CSeq: 2 BYE]");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/message-filter/fields", test_fields);
  g_test_add_func ("/core/message-filter/boolean", test_boolean);
  g_test_add_func ("/core/message-filter/time", test_time);
  g_test_add_func ("/core/message-filter/errors", test_errors);
  g_test_add_func ("/core/message-filter/highlight", test_highlight);
  return g_test_run ();
}
