/* test-browser-calls.c - the app's call messages: every header and the whole body, as the full parse gives them
 *
 * With the message browser, a call's messages are parsed straight into
 * what is kept of them (_ld_sip_message_parse_compact() with every header
 * and the whole body), not fully parsed and then compacted. What the app
 * shows of them (the attempt view, the call flow, the findings' evidence)
 * must be what the full parse of their text gives: for every message of
 * every attempt of every log fixture under tests/data, its fields,
 * headers (names, values, order) and body are compared with the full
 * parse of its own text, compacted as the analysis compacts one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-browser-calls"

#include "config.h"

#include <string.h>

#include "analysis-helpers.h"
#include "lyncdiag.h"
#include "ld-analysis-private.h"

static void
assert_same_message (LdAnalysis         *analysis,
                     const LdSipMessage *kept,
                     GStringChunk       *strings)
{
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  g_autofree char *text = ld_analysis_dup_message_text (analysis, kept, &len, &error);
  g_autoptr(LdSipMessage) full = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (text);
  full = ld_sip_message_parse (text, len, &error);
  g_assert_no_error (error);
  _ld_sip_message_compact (full, strings);

  assert_same_summary (kept, full);
  g_assert_cmpuint (kept->consumed, ==, full->consumed);
  g_assert_cmpuint (kept->n_headers, ==, full->n_headers);
  for (guint h = 0; h < full->n_headers; h++)
    {
      g_assert_cmpstr (kept->headers[h].name, ==, full->headers[h].name);
      g_assert_cmpstr (kept->headers[h].value, ==, full->headers[h].value);
    }
  g_assert_cmpstr (kept->body, ==, full->body);
}

/* Returns how many messages were compared; @n_direct counts those parsed
 * straight into the analysis's store (the rest, a folded header or more
 * than 32, were parsed fully and compacted). */
static guint
compare_fixture (const char *path,
                 guint      *n_direct)
{
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GStringChunk *strings;
  GPtrArray *attempts;
  guint n = 0;

  /* Not every fixture is a log (hostile zips). */
  if (!ld_analysis_add_file (analysis, file, NULL, &error))
    return 0;
  ld_analysis_finish (analysis);
  strings = g_string_chunk_new (4096);
  attempts = ld_analysis_get_attempts (analysis);
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *attempt = g_ptr_array_index (attempts, i);

      for (guint j = 0; j < attempt->messages->len; j++)
        {
          const LdSipMessage *msg = g_ptr_array_index (attempt->messages, j);

          /* A request held back and parsed once its exchange mattered
           * keeps no text: the browser lists the copy it kept of it
           * (_ld_analysis_keep_recovered()). */
          if (!ld_sip_message_has_text (msg))
            continue;
          assert_same_message (analysis, msg, strings);
          *n_direct += msg->stored;
          n++;
        }
    }
  g_string_chunk_free (strings);
  return n;
}

static void
test_every_fixture (void)
{
  g_autoptr(GPtrArray) fixtures = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *data = g_test_build_filename (G_TEST_DIST, "data", NULL);
  guint total = 0, with_calls = 0, direct = 0;

  collect_fixture_files (data, NULL, fixtures);
  g_assert_cmpuint (fixtures->len, >=, 40);
  for (guint i = 0; i < fixtures->len; i++)
    {
      guint n = compare_fixture (g_ptr_array_index (fixtures, i), &direct);

      total += n;
      with_calls += n > 0;
    }
  g_test_message ("%u messages of attempts in %u fixtures compared, %u parsed straight", total, with_calls,
                  direct);
  /* The fixtures hold calls, joins, sign-ins and subscriptions of real
   * excerpts: most of them have attempts. */
  g_assert_cmpuint (with_calls, >=, 25);
  g_assert_cmpuint (total, >=, 150);
  /* Most are parsed straight, the way this compares. */
  g_assert_cmpuint (direct, >=, total / 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/browser-calls/every-fixture", test_every_fixture);
  return g_test_run ();
}
