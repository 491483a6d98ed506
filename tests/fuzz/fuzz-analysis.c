/* fuzz-analysis.c - libFuzzer harness: the whole analysis of one input, to text and JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "lyncdiag.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

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
  return 0;
}
