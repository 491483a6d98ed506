/* test-analysis-reading.c - how a large log is read: the pipeline's second thread, and the browser's
 * messages kept as text while reading and parsed after it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#ifdef G_OS_UNIX
#include <unistd.h>
#endif

#include "analysis-helpers.h"
#include "lyncdiag.h"
#include "ld-analysis-private.h"
#include "ld-record-queue.h"
/* A large input is analysed in a second thread while it is read
 * (ld-record-queue.c). Whether that starts at once, part-way through or
 * never, the analysis must be the same, record for record. Each fixture
 * is repeated to some megabytes so that many batches go round. */
static LdAnalysis *
analyse_noted (const char      *text,
               gsize            len,
               LdAnalysisFlags  flags,
               guint64          min_bytes,
               LdRecordNotes    notes)
{
  LdAnalysis *analysis = ld_analysis_new (flags);
  g_autoptr(GError) error = NULL;

  _ld_analysis_set_pipeline_min_bytes (analysis, min_bytes);
  _ld_analysis_set_pipeline_notes (analysis, notes);
  g_assert_true (ld_analysis_add_data (analysis, "big.uccapilog", text, len, &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

static LdAnalysis *
analyse_pipelined (const char      *text,
                   gsize            len,
                   LdAnalysisFlags  flags,
                   guint64          min_bytes)
{
  return analyse_noted (text, len, flags, min_bytes, LD_RECORD_NOTES_BALANCED);
}

/* The browser hides presence and keep-alives by default; the flags it
 * reads are worked out once, while loading. */
static void
test_noise_flags (void)
{
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL));
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  const guint8 *flags;
  guint n_noise = 0;

  g_assert_true (ld_analysis_add_file (an, file, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (ld_analysis_get_noise_flags (an));
  ld_analysis_finish (an);
  messages = ld_analysis_get_messages (an);
  flags = ld_analysis_get_noise_flags (an);
  g_assert_nonnull (flags);
  for (guint i = 0; i < messages->len; i++)
    {
      g_assert_cmpint (flags[i] != 0, ==, ld_sip_message_is_noise (g_ptr_array_index (messages, i)));
      n_noise += flags[i] != 0;
    }
  g_assert_cmpuint (n_noise, >, 0);
  g_assert_cmpuint (n_noise, <, messages->len);
}

/* A NOTIFY is presence traffic, hidden by default, unless the server says
 * why in it: the one that signs the user out with 4141 "User disabled" is
 * shown; the client's 200 OK to it, with no diagnostic, stays hidden. */
static void
test_noise_keeps_diagnostics (void)
{
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "real",
                                                                   "registration-deregistered-4141.uccapilog", NULL));
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  const guint8 *flags;
  guint seen_request = 0, seen_response = 0;

  g_assert_true (ld_analysis_add_file (an, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (an);
  messages = ld_analysis_get_messages (an);
  flags = ld_analysis_get_noise_flags (an);
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      if (g_strcmp0 (msg->method, "NOTIFY") != 0)
        continue;
      if (msg->is_request)
        {
          seen_request++;
          g_assert_cmpuint (msg->diag_count, >, 0);
          g_assert_false (ld_sip_message_is_noise (msg));
          g_assert_cmpuint (flags[i], ==, 0);
        }
      else
        {
          seen_response++;
          g_assert_cmpuint (msg->diag_count, ==, 0);
          g_assert_true (ld_sip_message_is_noise (msg));
          g_assert_cmpuint (flags[i], !=, 0);
        }
    }
  g_assert_cmpuint (seen_request, ==, 1);
  g_assert_cmpuint (seen_response, ==, 1);
}

/* A fixture repeated to 3 MB, each copy in another year, so that its
 * messages are new ones rather than repeats to drop. */
static void
build_big_log (const char *fixture,
               GString    *big)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", fixture, NULL);
  g_autofree char *one = NULL;
  gsize one_len = 0;
  guint copies = 0;

  g_assert_true (g_file_get_contents (path, &one, &one_len, NULL));
  while (big->len < 3 * 1024 * 1024)
    {
      gsize at = big->len;
      g_autofree char *year = g_strdup_printf ("%04u", 2000 + copies % 99);

      g_string_append_len (big, one, one_len);
      if (big->str[big->len - 1] != '\n')
        g_string_append_c (big, '\n');
      for (char *line = big->str + at; line != NULL && *line != '\0';)
        {
          char *nl = strchr (line, '\n');

          if (nl != NULL && nl - line > 11 && g_ascii_isdigit (line[0]) && line[2] == '/' && line[5] == '/' &&
              line[10] == '|')
            memcpy (line + 6, year, 4);
          line = nl ? nl + 1 : NULL;
        }
      copies++;
    }
}

/* The earliest and latest of @messages' times, by looking at each. */
static gboolean
scan_span (GPtrArray *messages,
           gint64    *first,
           gint64    *last)
{
  *first = G_MAXINT64;
  *last = G_MININT64;
  for (guint i = 0; i < messages->len; i++)
    {
      gint64 t = ((const LdSipMessage *) g_ptr_array_index (messages, i))->time;

      if (t >= 0)
        {
          *first = MIN (*first, t);
          *last = MAX (*last, t);
        }
    }
  return *first <= *last;
}

/* The browser's messages' span of time, which tells it whether to show
 * their dates, is worked out while they are parsed, piece by piece: the
 * same as looking at each, with or without the browser; none without a
 * message. */
static void
test_messages_span (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  static const char no_sip[] =
    "01/30/2014|10:04:59.870 1A2C:1B3C INFO  :: CUccLogger::Initialize - tracing started, UCCAPI 15.0.4569.1503\n"
    "01/31/2014|10:05:00.250 1A2C:1B3C INFO  :: CUccLogger::Shutdown - tracing stopped\n";

  /* Copies of a fixture, each in another month of another year, so that
   * every message is a new one: three pieces of the parse. */
  {
    g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
    g_autofree char *one = NULL;
    gsize one_len = 0;

    g_assert_true (g_file_get_contents (path, &one, &one_len, NULL));
    for (guint copy = 0; copy < 600; copy++)
      {
        gsize at = big->len;
        g_autofree char *date = g_strdup_printf ("%02u/28/%04u", 1 + copy / 99 % 12, 2000 + copy % 99);

        g_string_append_len (big, one, one_len);
        for (char *line = big->str + at; line != NULL && *line != '\0';)
          {
            char *nl = strchr (line, '\n');

            if (nl != NULL && nl - line > 11 && g_ascii_isdigit (line[0]) && line[2] == '/' && line[5] == '/' &&
                line[10] == '|')
              memcpy (line, date, 10);
            line = nl ? nl + 1 : NULL;
          }
      }
  }
  for (guint k = 0; k < 2; k++)
    {
      LdAnalysisFlags flags = k == 0 ? LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES : 0;
      g_autoptr(LdAnalysis) analysis = analyse_pipelined (big->str, big->len, flags, 0);
      GPtrArray *messages = ld_analysis_get_messages (analysis);
      gint64 first = 0, last = 0, want_first, want_last;
      g_autoptr(GDateTime) first_date = NULL;
      g_autoptr(GDateTime) last_date = NULL;

      g_assert_true (scan_span (messages, &want_first, &want_last));
      g_assert_true (ld_analysis_get_messages_span (analysis, &first, &last));
      g_assert_cmpint (first, ==, want_first);
      g_assert_cmpint (last, ==, want_last);
      /* The copies are years apart: the span is the first copy's to the
       * last's, in several pieces of the parse. */
      first_date = g_date_time_new_from_unix_utc (first / 1000);
      last_date = g_date_time_new_from_unix_utc (last / 1000);
      g_assert_cmpint (g_date_time_get_year (first_date), ==, 2000);
      g_assert_cmpint (g_date_time_get_year (last_date), >, 2000);
      if (k == 0)
        g_assert_cmpuint (messages->len, >, 2 * 4096);
    }

  /* Lines but no message: no span. */
  {
    g_autoptr(LdAnalysis) analysis = analyse_pipelined (no_sip, strlen (no_sip), LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES,
                                                        G_MAXUINT64);
    gint64 first, last;

    g_assert_cmpuint (ld_analysis_get_messages (analysis)->len, ==, 0);
    g_assert_false (ld_analysis_get_messages_span (analysis, &first, &last));
  }
}

static void
cancel_after_two_mb (guint64  done,
                     guint64  total,
                     gpointer data)
{
  if (done >= 2 * 1024 * 1024)
    g_cancellable_cancel (data);
}

/* Cancelled while the second thread is busy: it is stopped before the
 * input it works on is dropped. */
static void
test_pipeline_cancel (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.uccapilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  build_big_log ("Lync-UccApi-0.UccApilog", big);
  g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));
  _ld_analysis_set_pipeline_min_bytes (analysis, 0);
  ld_analysis_set_progress_func (analysis, cancel_after_two_mb, cancellable);
  g_assert_false (ld_analysis_add_file (analysis, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (ld_analysis_get_inputs (analysis)->len, ==, 0);
  g_unlink (path);
  g_rmdir (dir);
}

/* Megabytes of JSON: say where they differ rather than print both. */
static void
assert_same_text (const char *got,
                  const char *want)
{
  gsize i = 0;

  while (got[i] != '\0' && got[i] == want[i])
    i++;
  if (got[i] == want[i])
    return;
  g_test_message ("first difference at byte %" G_GSIZE_FORMAT ":\n  got  …%.160s\n  want …%.160s", i,
                  got + (i > 80 ? i - 80 : 0), want + (i > 80 ? i - 80 : 0));
  g_test_fail ();
}

static void
test_pipeline_same_result (void)
{
  const char *fixtures[] = {
    "Lync-UccApi-0.UccApilog", "Communicator-uccapi-0.uccapilog", "findings-contacts.uccapilog",
    "wizard-several-contacts.uccapilog", "sipstack-edge.log",
  };
  const LdAnalysisFlags flags[] = { LD_ANALYSIS_FLAGS_NONE, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES };

  for (gsize f = 0; f < G_N_ELEMENTS (fixtures); f++)
    for (gsize k = 0; k < G_N_ELEMENTS (flags); k++)
      {
        g_autoptr(GString) big = g_string_new (NULL);
        g_autoptr(LdAnalysis) direct = NULL;
        g_autofree char *want = NULL;
        const guint64 starts[] = { 0, 1536 * 1024 };

        build_big_log (fixtures[f], big);
        direct = analyse_pipelined (big->str, big->len, flags[k], G_MAXUINT64);
        want = ld_analysis_to_json (direct, TRUE);
        /* From the start, each thread making the records' notes (see
         * ld-record-queue.c), or the two sharing them as it comes. */
        for (gsize s = 0; s < G_N_ELEMENTS (starts) + 2; s++)
          {
            guint64 start = s < G_N_ELEMENTS (starts) ? starts[s] : 0;
            LdRecordNotes notes = s < G_N_ELEMENTS (starts) ? LD_RECORD_NOTES_BALANCED :
                                  s == G_N_ELEMENTS (starts) ? LD_RECORD_NOTES_READER : LD_RECORD_NOTES_ANALYSER;
            g_autoptr(LdAnalysis) piped = analyse_noted (big->str, big->len, flags[k], start, notes);
            g_autofree char *got = ld_analysis_to_json (piped, TRUE);
            GPtrArray *a = ld_analysis_get_messages (direct);
            GPtrArray *b = ld_analysis_get_messages (piped);

            g_test_message ("%s, flags %d, from byte %" G_GUINT64_FORMAT ", notes %d: %u messages",
                            fixtures[f], flags[k], start, notes, a->len);
            assert_same_text (got, want);
            g_assert_cmpuint (a->len, ==, b->len);
            for (guint i = 0; i < a->len; i++)
              {
                const LdSipMessage *x = g_ptr_array_index (a, i);
                const LdSipMessage *y = g_ptr_array_index (b, i);

                g_assert_cmpuint (x->line, ==, y->line);
                g_assert_cmpint (x->fingerprint, ==, y->fingerprint);
                g_assert_cmpstr (x->remote, ==, y->remote);
                g_assert_cmpstr (x->raw, ==, y->raw);
              }
            g_assert_cmpuint (ld_analysis_get_trace_events (direct)->len, ==,
                              ld_analysis_get_trace_events (piped)->len);
          }
      }
}

/* The queue's idle function: called in the reading thread's waits, in
 * steps, while every record still goes to the analysing thread in the
 * order pushed. The analysing thread is kept slow here, so that the
 * reading one waits. */
typedef struct
{
  guint64  next_line;   /* analysing thread */
  gboolean in_order;
  guint    idle_calls;  /* reading thread */
} QueueRun;

static void
on_slow_record (const LdRecordInfo *info,
                const char         *text,
                gsize               len,
                gconstpointer       note,
                gpointer            user_data)
{
  QueueRun *run = user_data;

  run->in_order = run->in_order && info->line == run->next_line && len == 4000 &&
                  text[0] == (char) ('a' + info->line % 26);
  run->next_line++;
  g_usleep (20);
}

static void
note_nothing (const LdRecordInfo *info,
              const char         *text,
              gsize               len,
              gpointer            note,
              gpointer            user_data)
{
}

static void
on_no_trace (guint64     line,
             gint64      time,
             const char *level,
             const char *text,
             gsize       len,
             gpointer    user_data)
{
  g_assert_not_reached ();
}

static gboolean
count_idle_step (gpointer data)
{
  QueueRun *run = data;

  /* Some work, then none for now, then some again. */
  return ++run->idle_calls % 3 != 0;
}

static void
test_queue_idle_func (void)
{
  QueueRun run = { 1, TRUE, 0 };
  LdRecordQueue *queue = ld_record_queue_new (on_slow_record, note_nothing, on_no_trace, 8, &run);
  char text[4000];

  ld_record_queue_set_reader_idle_func (queue, count_idle_step, &run);
  for (guint64 line = 1; line <= 3000; line++)
    {
      LdRecordInfo info = { .line = line, .time = -1 };

      memset (text, 'a' + line % 26, sizeof text);
      ld_record_queue_push_record (queue, &info, text, sizeof text);
    }
  ld_record_queue_finish (queue);
  g_assert_true (run.in_order);
  g_assert_cmpuint (run.next_line, ==, 3001);
  g_assert_cmpuint (run.idle_calls, >, 0);
}

/* The note of a record made by the analysing thread has the record's
 * place in the file as the reading thread's has: the browser's texts stay
 * in the file whichever thread noted them (ld-message-text.c). */
static void
test_pipeline_notes_place_texts (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("ld-notes-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.uccapilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  const LdRecordNotes notes[] = { LD_RECORD_NOTES_READER, LD_RECORD_NOTES_ANALYSER };
  g_autoptr(LdAnalysis) direct = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GError) error = NULL;
  g_autofree char *want = NULL;
  GPtrArray *a;
  guint in_file = 0;

  /* A real client log, CRLF: its records' texts can stay in the file. */
  build_big_log ("Lync-UccApi-0.UccApilog", big);
  g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));
  _ld_analysis_set_pipeline_min_bytes (direct, G_MAXUINT64);
  g_assert_true (ld_analysis_add_file (direct, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (direct);
  want = ld_analysis_to_json (direct, TRUE);
  a = ld_analysis_get_messages (direct);
  for (guint i = 0; i < a->len; i++)
    in_file += _ld_message_text_is_in_file (g_ptr_array_index (a, i));
  g_assert_cmpuint (in_file, >, a->len / 2);

  for (gsize n = 0; n < G_N_ELEMENTS (notes); n++)
    {
      g_autoptr(LdAnalysis) piped = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autofree char *got = NULL;
      GPtrArray *b;

      _ld_analysis_set_pipeline_min_bytes (piped, 0);
      _ld_analysis_set_pipeline_notes (piped, notes[n]);
      g_assert_true (ld_analysis_add_file (piped, file, NULL, &error));
      g_assert_no_error (error);
      ld_analysis_finish (piped);
      got = ld_analysis_to_json (piped, TRUE);
      assert_same_text (got, want);
      b = ld_analysis_get_messages (piped);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        {
          const LdSipMessage *x = g_ptr_array_index (a, i);
          const LdSipMessage *y = g_ptr_array_index (b, i);
          g_autofree char *tx = ld_analysis_dup_message_text (direct, x, NULL, NULL);
          g_autofree char *ty = ld_analysis_dup_message_text (piped, y, NULL, NULL);

          g_assert_cmpint (_ld_message_text_is_in_file (x), ==, _ld_message_text_is_in_file (y));
          g_assert_cmpstr (tx, ==, ty);
        }
    }
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The fields of a message as the browser shows them. */
static void
assert_same_fields (const LdSipMessage *x,
                    const LdSipMessage *y)
{
  g_assert_cmpuint (x->line, ==, y->line);
  g_assert_cmpint (x->is_request, ==, y->is_request);
  g_assert_cmpuint (x->status, ==, y->status);
  g_assert_cmpstr (x->method, ==, y->method);
  g_assert_cmpstr (x->request_uri, ==, y->request_uri);
  g_assert_cmpstr (x->reason, ==, y->reason);
  g_assert_cmpstr (x->call_id, ==, y->call_id);
  g_assert_cmpstr (x->from, ==, y->from);
  g_assert_cmpstr (x->to, ==, y->to);
  g_assert_cmpstr (x->from_tag, ==, y->from_tag);
  g_assert_cmpstr (x->to_tag, ==, y->to_tag);
  g_assert_cmpuint (x->cseq, ==, y->cseq);
  g_assert_cmpuint (x->diag_count, ==, y->diag_count);
  g_assert_cmpint (x->deferred, ==, y->deferred);
}

/* The analysing thread's waits parse the browser's messages kept as text
 * (_ld_analysis_parse_kept(), called here as the queue would): all of them
 * once it has run out of work, into the fields the parse after reading
 * gives, texts in the file or not. */
static void
test_parse_kept (void)
{
  /* Client logs whose presence and registration the browser keeps as text. */
  const char *fixtures[] = { "Lync-UccApi-0.UccApilog", "Communicator-uccapi-0.uccapilog", "healthy-audio.uccapilog" };

  for (gsize f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GString) big = g_string_new (NULL);
      g_autofree char *dir = g_dir_make_tmp ("ld-kept-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "big.uccapilog", NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(LdAnalysis) direct = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(LdAnalysis) early = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(GError) error = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;
      GPtrArray *a, *b;
      guint kept = 0, steps = 0;

      build_big_log (fixtures[f], big);
      g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));
      g_assert_true (ld_analysis_add_file (direct, file, NULL, &error));
      g_assert_no_error (error);
      ld_analysis_finish (direct);
      want = ld_analysis_to_json (direct, TRUE);

      g_assert_true (ld_analysis_add_file (early, file, NULL, &error));
      g_assert_no_error (error);
      b = early->messages;
      for (guint i = 0; i < b->len; i++)
        kept += ((LdSipMessage *) g_ptr_array_index (b, i))->deferred;
      g_test_message ("%s: %u of %u messages kept as text", fixtures[f], kept, b->len);
      g_assert_cmpuint (kept, >, 100);
      while (_ld_analysis_parse_kept (early))
        steps++;
      g_assert_cmpuint (steps, >, 0);
      for (guint i = 0; i < b->len; i++)
        g_assert_false (((LdSipMessage *) g_ptr_array_index (b, i))->deferred);

      ld_analysis_finish (early);
      got = ld_analysis_to_json (early, TRUE);
      assert_same_text (got, want);
      a = ld_analysis_get_messages (direct);
      b = ld_analysis_get_messages (early);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint i = 0; i < a->len; i++)
        assert_same_fields (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
      g_assert_cmpint (g_unlink (path), ==, 0);
      g_assert_cmpint (g_rmdir (dir), ==, 0);
    }
}

/* A text that cannot be read back while reading (the file cut short
 * meanwhile) is not parsed then: it is left for the parse after reading,
 * which says what happened, as it did before there was a parse while
 * reading. */
static void
test_parse_kept_unreadable (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autofree char *dir = g_dir_make_tmp ("ld-kept-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "big.uccapilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(LdAnalysis) early = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GError) error = NULL;
  GPtrArray *messages;
  guint kept_in_file = 0, left_in_file = 0, left_in_memory = 0;

  build_big_log ("Lync-UccApi-0.UccApilog", big);
  g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));
  g_assert_true (ld_analysis_add_file (early, file, NULL, &error));
  g_assert_no_error (error);
  messages = early->messages;
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      kept_in_file += msg->deferred && _ld_message_text_is_in_file (msg);
    }
  g_assert_cmpuint (kept_in_file, >, 100);
  g_assert_cmpint (truncate (path, 0), ==, 0);
  while (_ld_analysis_parse_kept (early))
    ;
  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      left_in_file += msg->deferred && _ld_message_text_is_in_file (msg);
      left_in_memory += msg->deferred && !_ld_message_text_is_in_file (msg);
    }
  g_assert_cmpuint (left_in_file, ==, kept_in_file);
  g_assert_cmpuint (left_in_memory, ==, 0);
  /* After reading, the parse takes them as it always did: listed by
   * where they are, their text said to have changed. */
  ld_analysis_finish (early);
  messages = ld_analysis_get_messages (early);
  for (guint i = 0; i < messages->len; i++)
    g_assert_false (((LdSipMessage *) g_ptr_array_index (messages, i))->deferred);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* With the message browser, messages outside call dialogs are parsed
 * straight into their stripped form: each must read as a full parse of its
 * text, stripped, would. */
static void
test_summary_parse (void)
{
  const char *fixtures[] = {
    "Lync-UccApi-0.UccApilog", "Communicator-uccapi-0.uccapilog", "findings-contacts.uccapilog",
    "wizard-several-contacts.uccapilog", "sipstack-edge.log",
  };
  guint summarised = 0;

  for (gsize f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GString) big = g_string_new (NULL);
      g_autoptr(LdAnalysis) analysis = NULL;
      GPtrArray *messages;

      build_big_log (fixtures[f], big);
      analysis = analyse_pipelined (big->str, big->len, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, G_MAXUINT64);
      messages = ld_analysis_get_messages (analysis);
      for (guint i = 0; i < messages->len; i++)
        {
          const LdSipMessage *got = g_ptr_array_index (messages, i);
          g_autoptr(LdSipMessage) want = NULL;

          if (!got->stripped)
            continue;
          summarised++;
          want = _ld_sip_message_parse_valid (got->raw, strlen (got->raw), NULL);
          g_assert_nonnull (want);
          assert_same_summary (got, want);
        }
    }
  g_test_message ("%u stripped messages compared", summarised);
  g_assert_cmpuint (summarised, >, 500);
}

/* One record of a generated log, at @ms milliseconds past 14:00. */
static void
append_record (GString    *log,
               guint       ms,
               gboolean    sent,
               const char *message)
{
  g_autofree char *stamp = g_strdup_printf ("03/12/2013|%02u:%02u:%02u.%03u", 14 + ms / 3600000,
                                            ms / 60000 % 60, ms / 1000 % 60, ms % 1000);
  const char *what = sent ? "Sending Packet - 198.51.100.7:443 (From Local Address: 10.10.4.22:51876)"
                          : "Data Received -198.51.100.7:443 (To Local Address: 10.10.4.22:51876)";

  g_string_append_printf (log, "%s F20:E3C INFO :: %s 512 bytes:\n%s F20:E3C INFO :: %s\n%s F20:E3C INFO :: End of %s 512 bytes\n",
                          stamp, what, stamp, message, stamp, what);
}

/* A log of @n presence messages after the client's REGISTER; every 97th
 * has a folded field, every 101st a start line no parser accepts.
 * Returns how many of them are messages. */
static guint
build_presence_log (GString *log,
                    guint    n)
{
  guint good = 1;

  append_record (log, 0, TRUE,
                 "REGISTER sip:fabrikam.com SIP/2.0\nFrom: <sip:carol@fabrikam.com>;tag=1\n"
                 "To: <sip:carol@fabrikam.com>\nCall-ID: reg-1\nCSeq: 1 REGISTER\n"
                 "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\nContent-Length: 0\n");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *msg = NULL;

      if (i % 101 == 100)
        msg = g_strdup_printf ("SIP/2.0 abc Not a status\nCall-ID: bad-%u\nContent-Length: 0\n", i);
      else if (i % 2 == 0)
        msg = g_strdup_printf ("NOTIFY sip:carol@fabrikam.com SIP/2.0\r\nFrom: <sip:user%u@fabrikam.com>;tag=f%u\r\n"
                               "%sTo: <sip:carol@fabrikam.com>;tag=t%u\r\nCall-ID: pres-%u\r\nCSeq: %u NOTIFY\r\n"
                               "Event: presence\r\nContent-Length: 22\r\n\r\n<presence>%06u</presence>",
                               i % 50, i, i % 97 == 0 ? " ;epid=folded\r\n" : "", i, i / 20, i, i);
      else
        msg = g_strdup_printf ("SIP/2.0 200 OK\nFrom: <sip:carol@fabrikam.com>;tag=t%u\nTo: <sip:user%u@fabrikam.com>;tag=f%u\n"
                               "Call-ID: pres-%u\nCSeq: %u SUBSCRIBE\nms-diagnostics: 2;reason=\"See response code\"\n"
                               "Content-Length: 0\n", i, i % 50, i, i / 20, i);
      if (i % 101 != 100)
        good++;
      append_record (log, 1000 + i * 3, i % 2 == 1, msg);
    }
  return good;
}

/* The browser's presence messages are kept as text while reading and
 * parsed in finishing, on two threads. Each must read as a full parse
 * does, and a record that is no message is not counted. */
static void
test_deferred_messages (void)
{
  const guint sizes[] = { 300, 20000 };

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(GString) log = g_string_new (NULL);
      guint good = build_presence_log (log, sizes[s]);
      g_autoptr(LdAnalysis) lean = analyse_pipelined (log->str, log->len, LD_ANALYSIS_FLAGS_NONE, 0);

      for (guint pipelined = 0; pipelined < 2; pipelined++)
        {
          g_autoptr(LdAnalysis) all = analyse_pipelined (log->str, log->len, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES,
                                                         pipelined ? 0 : G_MAXUINT64);
          GPtrArray *messages = ld_analysis_get_messages (all);
          const guint8 *noise = ld_analysis_get_noise_flags (all);
          guint n_diag = 0, n_folded = 0;

          g_assert_cmpuint (messages->len, ==, good);
          g_assert_cmpuint (ld_analysis_get_total_sip_messages (all), ==, good);
          g_assert_cmpuint (((LdInput *) g_ptr_array_index (ld_analysis_get_inputs (all), 0))->sip_messages, ==, good);
          for (guint i = 0; i < messages->len; i++)
            {
              const LdSipMessage *got = g_ptr_array_index (messages, i);
              g_autoptr(LdSipMessage) want = _ld_sip_message_parse_valid (got->raw, strlen (got->raw), NULL);

              g_assert_false (got->deferred);
              g_assert_nonnull (want);
              g_assert_cmpuint (strlen (got->raw), ==, want->consumed);
              assert_same_summary (got, want);
              g_assert_cmpint (got->time, >=, 0);
              g_assert_cmpuint (noise[i], ==, ld_sip_message_is_noise (want));
              n_diag += got->diag_count;
              n_folded += strstr (got->from ? got->from : "", "epid=folded") != NULL;
            }
          for (guint i = 0; i < sizes[s]; i++)
            if (i % 101 != 100)
              {
                /* As build_presence_log() made them. */
                n_diag -= i % 2 == 1;
                n_folded -= i % 2 == 0 && i % 97 == 0;
              }
          g_assert_cmpuint (n_diag, ==, 0);
          g_assert_cmpuint (n_folded, ==, 0);
          /* Whatever was kept, the analysis is the CLI's. */
          g_assert_cmpuint (ld_analysis_get_attempts (all)->len, ==, ld_analysis_get_attempts (lean)->len);
        }
    }
}

/* Whether a record belongs to a call is decided from a peek at its
 * Call-ID before it is parsed: a value ended by a stray CR or followed by
 * a tab must still be found, with or without the message browser. */
static void
test_call_id_peek (void)
{
  g_autoptr(GString) log = g_string_new (NULL);

  append_record (log, 0, TRUE,
                 "REGISTER sip:fabrikam.com SIP/2.0\nFrom: <sip:carol@fabrikam.com>;tag=1\n"
                 "To: <sip:carol@fabrikam.com>\nCall-ID: reg-1\nCSeq: 1 REGISTER\n"
                 "User-Agent: UCCAPI/15.0.4569.1503 OC/15.0.4569.1503 (Microsoft Lync)\nContent-Length: 0\n");
  append_record (log, 1000, TRUE,
                 "INVITE sip:bob@fabrikam.com SIP/2.0\nFrom: <sip:carol@fabrikam.com>;tag=a\n"
                 "To: <sip:bob@fabrikam.com>\nCall-ID: call-7\nCSeq: 1 INVITE\nContent-Type: application/sdp\n"
                 "Content-Length: 200\n\nv=0\nc=IN IP4 10.0.0.1\nm=audio 50000 RTP/AVP 0\n");
  append_record (log, 1500, FALSE,
                 "SIP/2.0 200 OK\nFrom: <sip:carol@fabrikam.com>;tag=a\nTo: <sip:bob@fabrikam.com>;tag=b\n"
                 "Call-ID:\tcall-7\t\nCSeq: 1 INVITE\nContent-Length: 0\n");
  append_record (log, 2000, TRUE,
                 "BYE sip:bob@fabrikam.com SIP/2.0\nFrom: <sip:carol@fabrikam.com>;tag=a\nTo: <sip:bob@fabrikam.com>;tag=b\n"
                 "Call-ID: call-7\rX-Stray: after a CR\nCSeq: 2 BYE\nContent-Length: 0\n");

  for (guint keep_all = 0; keep_all < 2; keep_all++)
    for (guint pipelined = 0; pipelined < 2; pipelined++)
      {
        g_autoptr(LdAnalysis) analysis =
          analyse_pipelined (log->str, log->len,
                             keep_all ? LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES : LD_ANALYSIS_FLAGS_NONE,
                             pipelined ? 0 : G_MAXUINT64);
        GPtrArray *attempts = ld_analysis_get_attempts (analysis);
        const LdAttempt *a;

        g_assert_cmpuint (attempts->len, ==, 1);
        a = g_ptr_array_index (attempts, 0);
        g_assert_cmpuint (a->messages->len, ==, 3);
        g_assert_cmpint (a->status, ==, 200);
        g_assert_cmpuint (ld_analysis_get_total_sip_messages (analysis), ==, 4);
      }
}

/* Dropped before its messages are parsed, unfinished or with only its
 * attempts made: nothing leaks (the sanitizer build checks). */
static void
test_deferred_dropped_early (void)
{
  g_autoptr(GString) log = g_string_new (NULL);

  build_presence_log (log, 30000);
  for (guint attempts_made = 0; attempts_made < 2; attempts_made++)
    {
      LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(GError) error = NULL;

      _ld_analysis_set_pipeline_min_bytes (analysis, 0);
      g_assert_true (ld_analysis_add_data (analysis, "big.uccapilog", log->str, log->len, &error));
      g_assert_no_error (error);
      if (attempts_made)
        {
          ld_analysis_finish_attempts (analysis);
          g_assert_false (ld_analysis_has_messages (analysis));
        }
      g_object_unref (analysis);
    }
}

static gpointer
finish_messages_thread (gpointer data)
{
  ld_analysis_finish_messages (data);
  return NULL;
}

/* The window shows the attempts while another thread parses the
 * browser's messages: the attempts and findings are made without them,
 * and the messages come out as in one step, whichever thread asks first. */
static void
test_finish_in_two_steps (void)
{
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(LdAnalysis) one_step = NULL;
  g_autofree char *want_json = NULL;
  guint good = build_presence_log (log, 20000);

  append_record (log, 70000, TRUE,
                 "INVITE sip:bob@fabrikam.com SIP/2.0\nFrom: <sip:carol@fabrikam.com>;tag=a\n"
                 "To: <sip:bob@fabrikam.com>\nCall-ID: call-7\nCSeq: 1 INVITE\nContent-Type: application/sdp\n"
                 "Content-Length: 200\n\nv=0\nc=IN IP4 10.0.0.1\nm=audio 50000 RTP/AVP 0\n");
  append_record (log, 70500, FALSE,
                 "SIP/2.0 488 Not Acceptable Here\nFrom: <sip:carol@fabrikam.com>;tag=a\nTo: <sip:bob@fabrikam.com>;tag=b\n"
                 "Call-ID: call-7\nCSeq: 1 INVITE\nms-client-diagnostics: 52017;reason=\"Encryption levels dont match\"\n"
                 "Content-Length: 0\n");
  good += 2;
  one_step = analyse_pipelined (log->str, log->len, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, 0);
  want_json = ld_analysis_to_json (one_step, TRUE);

  for (guint asker = 0; asker < 2; asker++)
    {
      g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(GError) error = NULL;
      g_autofree char *got_json = NULL;
      GPtrArray *want, *got;
      GThread *thread;

      _ld_analysis_set_pipeline_min_bytes (analysis, 0);
      g_assert_true (ld_analysis_add_data (analysis, "big.uccapilog", log->str, log->len, &error));
      g_assert_no_error (error);
      ld_analysis_finish_attempts (analysis);
      g_assert_false (ld_analysis_has_messages (analysis));
      g_assert_cmpuint (ld_analysis_get_attempts (analysis)->len, ==, 1);
      g_assert_cmpuint (ld_analysis_get_findings (analysis)->len, >, 0);
      g_assert_cmpuint (ld_analysis_get_total_sip_messages (analysis), ==, good);

      /* Another thread finishes them; this one asks for them at once
       * (waits), or after that thread is done. */
      thread = g_thread_new ("finish-messages", finish_messages_thread, analysis);
      if (asker == 1)
        g_thread_join (thread);
      got = ld_analysis_get_messages (analysis);
      if (asker == 0)
        g_thread_join (thread);
      g_assert_true (ld_analysis_has_messages (analysis));
      ld_analysis_finish_messages (analysis);

      want = ld_analysis_get_messages (one_step);
      g_assert_cmpuint (got->len, ==, good);
      g_assert_cmpuint (got->len, ==, want->len);
      for (guint i = 0; i < got->len; i++)
        {
          const LdSipMessage *g = g_ptr_array_index (got, i);
          const LdSipMessage *w = g_ptr_array_index (want, i);

          g_assert_false (g->deferred);
          g_assert_cmpstr (g->raw, ==, w->raw);
          assert_same_summary (g, w);
          g_assert_cmpuint (ld_analysis_get_noise_flags (analysis)[i], ==, ld_analysis_get_noise_flags (one_step)[i]);
        }
      got_json = ld_analysis_to_json (analysis, TRUE);
      assert_same_text (got_json, want_json);
    }
}

/* The message browser keeps every message; the attempts, diagnostics and
 * findings must still be exactly those of the CLI, which keeps dialogs only. */
static void
test_keep_all_same_result (void)
{
  const char *fixtures[] = {
    "Lync-UccApi-0.UccApilog", "Communicator-uccapi-0.uccapilog", "findings-contacts.uccapilog",
    "wizard-several-contacts.uccapilog", "sipstack-edge.log",
  };
  guint n_dialogs = 0, n_all = 0;

  for (gsize f = 0; f < G_N_ELEMENTS (fixtures); f++)
    {
      g_autoptr(GString) big = g_string_new (NULL);
      g_autoptr(LdAnalysis) dialogs = NULL;
      g_autoptr(LdAnalysis) all = NULL;
      g_autofree char *want = NULL;
      g_autofree char *got = NULL;

      build_big_log (fixtures[f], big);
      dialogs = analyse_pipelined (big->str, big->len, LD_ANALYSIS_FLAGS_NONE, G_MAXUINT64);
      all = analyse_pipelined (big->str, big->len, LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, G_MAXUINT64);
      want = ld_analysis_to_json (dialogs, TRUE);
      got = ld_analysis_to_json (all, TRUE);
      g_test_message ("%s: %u attempts", fixtures[f], ld_analysis_get_attempts (all)->len);
      n_dialogs += ld_analysis_get_messages (dialogs)->len;
      n_all += ld_analysis_get_messages (all)->len;
      assert_same_text (got, want);
    }
  /* Messages outside dialogs were there to be told apart. */
  g_assert_cmpuint (n_all, >, n_dialogs);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/analysis/noise-flags", test_noise_flags);
  g_test_add_func ("/core/analysis/noise-keeps-diagnostics", test_noise_keeps_diagnostics);
  g_test_add_func ("/core/analysis/messages-span", test_messages_span);
  g_test_add_func ("/core/analysis/deferred-messages", test_deferred_messages);
  g_test_add_func ("/core/analysis/call-id-peek", test_call_id_peek);
  g_test_add_func ("/core/analysis/deferred-dropped-early", test_deferred_dropped_early);
  g_test_add_func ("/core/analysis/finish-in-two-steps", test_finish_in_two_steps);
  g_test_add_func ("/core/analysis/pipeline-same-result", test_pipeline_same_result);
  g_test_add_func ("/core/analysis/pipeline-notes-place-texts", test_pipeline_notes_place_texts);
  g_test_add_func ("/core/analysis/queue-idle-func", test_queue_idle_func);
  g_test_add_func ("/core/analysis/parse-kept", test_parse_kept);
  g_test_add_func ("/core/analysis/parse-kept-unreadable", test_parse_kept_unreadable);
  g_test_add_func ("/core/analysis/summary-parse", test_summary_parse);
  g_test_add_func ("/core/analysis/keep-all-same-result", test_keep_all_same_result);
  g_test_add_func ("/core/analysis/pipeline-cancel", test_pipeline_cancel);
  return g_test_run ();
}
