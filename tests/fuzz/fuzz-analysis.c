/* fuzz-analysis.c - libFuzzer harness: the whole analysis of one input, to text and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"
#include "ld-analysis-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static void
assert_same_message (const LdSipMessage *a,
                     const LdSipMessage *b)
{
  const char *const fa[] = { a->method, a->request_uri, a->reason, a->call_id, a->from, a->to, a->from_tag, a->to_tag };
  const char *const fb[] = { b->method, b->request_uri, b->reason, b->call_id, b->from, b->to, b->from_tag, b->to_tag };

  g_assert (a->line == b->line && a->status == b->status && a->is_request == b->is_request);
  g_assert (a->cseq == b->cseq && a->diag_count == b->diag_count && a->deferred == b->deferred);
  for (guint i = 0; i < G_N_ELEMENTS (fa); i++)
    g_assert (g_strcmp0 (fa[i], fb[i]) == 0);
}

/* The browser's messages kept as text, parsed while reading as the
 * analysing thread does in its waits (ld-analysis-messages.c): the same
 * analysis and the same messages as parsed after reading. */
static void
check_parse_kept (const guint8 *data,
                  size_t        size,
                  LdAnalysis   *after,
                  const char   *after_json)
{
  g_autoptr(LdAnalysis) early = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autofree char *json = NULL;
  GPtrArray *a, *b;

  ld_analysis_add_data (early, "fuzz.uccapilog", (const char *) data, size, NULL);
  while (_ld_analysis_parse_kept (early))
    ;
  ld_analysis_finish (early);
  json = ld_analysis_to_json (early, FALSE);
  g_assert (strcmp (json, after_json) == 0);
  a = ld_analysis_get_messages (after);
  b = ld_analysis_get_messages (early);
  g_assert (a->len == b->len);
  for (guint i = 0; i < a->len; i++)
    assert_same_message (g_ptr_array_index (a, i), g_ptr_array_index (b, i));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  /* The app's analysis (every message kept) and the CLI's (what is read of
   * the calls' messages, parsed straight into that), by turns. */
  g_autoptr(LdAnalysis) analysis = ld_analysis_new ((size & 1) ? LD_ANALYSIS_FLAGS_NONE
                                                               : LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autofree char *json = NULL;
  g_autofree char *text = NULL;

  ld_analysis_add_data (analysis, "fuzz.uccapilog", (const char *) data, size, NULL);
  ld_analysis_finish (analysis);
  json = ld_analysis_to_json (analysis, FALSE);
  text = ld_analysis_to_text (analysis);
  g_assert (g_utf8_validate (json, -1, NULL));
  g_assert (g_utf8_validate (text, -1, NULL));
  if ((size & 3) == 2)
    check_parse_kept (data, size, analysis, json);
  return 0;
}
