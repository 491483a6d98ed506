/* analysis-helpers.c - what the core tests share: a fixture or a text analysed, failing the test if it cannot be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "analysis-helpers.h"

/* The files of tests/data named, NULL-terminated, analysed together. */
LdAnalysis *
analyse (const char *first,
         ...)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  va_list ap;

  va_start (ap, first);
  for (const char *name = first; name != NULL; name = va_arg (ap, const char *))
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) error = NULL;

      g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
      g_assert_no_error (error);
    }
  va_end (ap);
  ld_analysis_finish (analysis);
  return analysis;
}

/* @text analysed as a log named @name. */
LdAnalysis *
analyse_text (const char *name,
              const char *text)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_data (analysis, name, text, strlen (text), &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}
