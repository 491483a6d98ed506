/* test-json-stream.c - the analysis' JSON goes out in pieces, and what an analysis keeps per attempt is bounded
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `lyncdiag-cli analyze --json` writes 150 MB for a 500 MB conference-heavy
 * log (build-aux/bench). It must hand that to its stream as it goes, never
 * hold it whole: these tests fail if ld_analysis_write_json() ever builds
 * the document (or one large part of it) in memory before writing, and if
 * what an analysis keeps for each attempt grows past its measured size.
 */
#include "config.h"

#include <malloc.h>
#include <string.h>

#include "findings-helpers.h"
#include "ld-findings-private.h"
#include "lyncdiag.h"

/* An output stream that keeps nothing but what it was handed: how many
 * bytes in all, in how many writes, the largest write, and a checksum of
 * the bytes, to compare with the document built in memory. */
#define COUNTING_TYPE_STREAM (counting_stream_get_type ())
G_DECLARE_FINAL_TYPE (CountingStream, counting_stream, COUNTING, STREAM, GOutputStream)

struct _CountingStream
{
  GOutputStream parent;
  gsize         total;
  guint         writes;
  gsize         largest;
  GChecksum    *sum;
};

G_DEFINE_TYPE (CountingStream, counting_stream, G_TYPE_OUTPUT_STREAM)

static gssize
counting_stream_write (GOutputStream  *stream,
                       const void     *buffer,
                       gsize           count,
                       GCancellable   *cancellable,
                       GError        **error)
{
  CountingStream *self = (CountingStream *) stream;

  self->total += count;
  self->writes++;
  self->largest = MAX (self->largest, count);
  g_checksum_update (self->sum, buffer, count);
  return count;
}

static void
counting_stream_finalize (GObject *object)
{
  g_checksum_free (((CountingStream *) object)->sum);
  G_OBJECT_CLASS (counting_stream_parent_class)->finalize (object);
}

static void
counting_stream_class_init (CountingStreamClass *klass)
{
  G_OUTPUT_STREAM_CLASS (klass)->write_fn = counting_stream_write;
  G_OBJECT_CLASS (klass)->finalize = counting_stream_finalize;
}

static void
counting_stream_init (CountingStream *self)
{
  self->sum = g_checksum_new (G_CHECKSUM_SHA256);
}

/* @n conference joins, as in the conference mix of tests/ld-gen-log.c: a
 * third end in a media failure (23, the support article's header), the
 * rest with the 51004 a user's hang-up carries. */
static LdAnalysis *
analyse_joins (guint n)
{
  static const char sharing_23[] =
    "ms-client-diagnostics: 23; reason=\"" REASON_23 "\";CallerMediaDebug=\"application-sharing:ICEWarn=0x4000320,"
    "LocalSite=207.46.5.9:20702, LocalMR=207.46.5.63:54829,RemoteSite=11.1.111.11:62198, "
    "RemoteMR=65.55.127.64:51184, PortRange=1025:65000,LocalMRTCPPort=54829, RemoteMRTCPPort=51184,"
    "LocalLocation=1, RemoteLocation=2,FederationType=0\"\n";
  Log l;
  LdAnalysis *an;

  log_init (&l);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *to = g_strdup_printf ("sip:bob@contoso.com;gruu;opaque=app:conf:applicationsharing:id:%08X", i);
      Call c = {
        .to = to,
        .media = "applicationsharing",
        .status = 200,
        .bye_headers = i % 3 == 0 ? sharing_23 : "ms-client-diagnostics: 51004; reason=\"Action initiated by user\"\n",
      };

      log_call (&l, &c);
    }
  an = analyse_log (&l);
  log_clear (&l);
  return an;
}

/* The whole document reaches the stream, byte for byte what
 * ld_analysis_to_json() builds, with every attempt in order, in writes of
 * at most 256 KB: the writer
 * flushes every 64 KB, and a piece of attempts written on another thread
 * is 64 attempts. One write of the whole document, or of all the attempts,
 * would be megabytes. */
static void
test_written_in_pieces (void)
{
  g_autoptr(LdAnalysis) an = analyse_joins (3000);
  g_autoptr(CountingStream) stream = g_object_new (COUNTING_TYPE_STREAM, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *want = NULL;

  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 3000);
  g_assert_true (ld_analysis_write_json (an, G_OUTPUT_STREAM (stream), TRUE, &error));
  g_assert_no_error (error);

  whole = ld_analysis_to_json (an, TRUE);
  want = g_compute_checksum_for_string (G_CHECKSUM_SHA256, whole, -1);
  g_assert_cmpuint (stream->total, ==, strlen (whole));
  g_assert_cmpstr (g_checksum_get_string (stream->sum), ==, want);

  /* The attempts' pieces, written on several threads, go out in order:
   * every attempt once, by its id. (A finding's id is a string.) */
  {
    g_autoptr(GRegex) id = g_regex_new ("\"id\": ([0-9]+),", 0, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;
    guint next = 1;

    for (g_regex_match (id, whole, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *number = g_match_info_fetch (match, 1);

        g_assert_cmpuint ((guint) g_ascii_strtoull (number, NULL, 10), ==, next);
        next++;
      }
    g_assert_cmpuint (next, ==, 3001);
  }

  /* Large enough for the bound to mean something. */
  g_test_message ("%" G_GSIZE_FORMAT " bytes in %u writes, the largest %" G_GSIZE_FORMAT,
                  stream->total, stream->writes, stream->largest);
  g_assert_cmpuint (stream->total, >, 4 * 1024 * 1024);
  g_assert_cmpuint (stream->largest, <=, 256 * 1024);
  g_assert_cmpuint (stream->writes, >=, stream->total / (256 * 1024));
}

/* What an analysis keeps grows with its attempts, by a bounded amount for
 * each: measured with glibc's own count of the bytes in use (mallinfo2),
 * skipped where another allocator answers (sanitizers). 3,000 joins with
 * their five messages, diagnostics and findings took 3,580 bytes each when
 * this was written (2026-12-05), 3,150 once attempts shared the parsed
 * diagnostics they repeat, 2,250 once messages kept only the headers
 * and body lines something reads, 2,100 once diagnostic header values
 * were stored once; the bound leaves about a fifth more, so a change that
 * adds a copy of each message, of each diagnostic or of each finding's
 * text, or keeps every header again, fails. */
static void
test_kept_per_attempt (void)
{
  struct mallinfo2 before, after;
  LdAnalysis *an;
  gsize per;

  before = mallinfo2 ();
  if (before.uordblks == 0)
    {
      g_test_skip ("the allocator does not count its bytes (a sanitizer?)");
      return;
    }
  an = analyse_joins (3000);
  after = mallinfo2 ();
  per = (after.uordblks - before.uordblks) / 3000;
  g_test_message ("kept per attempt: %" G_GSIZE_FORMAT " bytes", per);
  g_assert_cmpuint (per, <=, 2500);
  g_object_unref (an);
}

/* The rules' findings are folded as each is made, not held until its
 * rule ends: 1,000 failed joins get a finding from each of three rules
 * (the media failure, the Edge, the TCP relay), so holding a rule's
 * findings would keep at least 1,000 alive at once (holding them until
 * every rule had run, 3,000); folded, what is alive is one per cause and
 * detail, and the one each rule on the pool is making. */
static void
test_findings_folded_as_made (void)
{
  g_autoptr(LdAnalysis) an = analyse_joins (3000);
  guint failed = 0;

  for (guint i = 0; i < ld_analysis_get_attempts (an)->len; i++)
    failed += ((const LdAttempt *) g_ptr_array_index (ld_analysis_get_attempts (an), i))->outcome == LD_OUTCOME_FAILED;
  g_test_message ("%u failed attempts, %u findings, at most %u findings alive while the rules ran", failed,
                  ld_analysis_get_findings (an)->len, _ld_findings_get_most_alive_in_rules ());
  g_assert_cmpuint (failed, ==, 1000);
  g_assert_cmpuint (_ld_findings_get_most_alive_in_rules (), <=, 50);
}

/* Attempts whose messages carry the same diagnostic header value share
 * one parsed copy of it: the same attribute and media records, each with
 * its own struct and message; its raw text is its message's header value,
 * which the messages share too. What each says is what a diagnostic
 * parsed on its own says. */
static void
test_diagnostics_shared (void)
{
  g_autoptr(LdAnalysis) an = analyse_joins (6);
  GPtrArray *attempts = ld_analysis_get_attempts (an);
  const LdDiagnostic *first[2] = { NULL, NULL };

  g_assert_cmpuint (attempts->len, ==, 6);
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      const LdDiagnostic *d;
      g_autoptr(LdDiagnostic) alone = NULL;
      gboolean failed;

      g_assert_cmpuint (a->diagnostics->len, ==, 1);
      d = g_ptr_array_index (a->diagnostics, 0);
      g_assert_nonnull (d->message);
      g_assert_true (g_ptr_array_find (a->messages, d->message, NULL));
      g_assert_true (d->raw == ld_sip_message_get_header (d->message, "ms-client-diagnostics"));
      failed = d->code == 23;
      g_assert_cmpint (a->outcome, ==, failed ? LD_OUTCOME_FAILED : LD_OUTCOME_SUCCEEDED);

      alone = ld_diagnostic_parse (d->header, d->raw);
      g_assert_cmpint (d->code, ==, alone->code);
      g_assert_cmpstr (d->reason, ==, alone->reason);
      g_assert_cmpuint (d->attributes->len, ==, alone->attributes->len);
      g_assert_cmpuint (d->media->len, ==, alone->media->len);
      if (d->media->len > 0)
        g_assert_cmphex (((const LdMediaDebug *) d->media->pdata[0])->ice_warn, ==,
                         ((const LdMediaDebug *) alone->media->pdata[0])->ice_warn);

      if (first[failed] == NULL)
        first[failed] = d;
      else
        {
          g_assert_true (d != first[failed]);
          g_assert_true (d->message != first[failed]->message);
          g_assert_true (d->attributes == first[failed]->attributes);
          g_assert_true (d->media == first[failed]->media);
          /* The header value itself is stored once. */
          g_assert_true (d->raw == first[failed]->raw);
        }
    }
  g_assert_nonnull (first[0]);
  g_assert_nonnull (first[1]);
  g_assert_true (first[0]->attributes != first[1]->attributes);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ld_i18n_init ();
  g_test_add_func ("/core/json-stream/written-in-pieces", test_written_in_pieces);
  g_test_add_func ("/core/json-stream/kept-per-attempt", test_kept_per_attempt);
  g_test_add_func ("/core/json-stream/diagnostics-shared", test_diagnostics_shared);
  g_test_add_func ("/core/json-stream/findings-folded-as-made", test_findings_folded_as_made);
  return g_test_run ();
}
