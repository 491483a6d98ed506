/* fuzz-zip.c - libFuzzer harness: zips read in place (libzip over GIO)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "ld-input-private.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  static char *path;
  g_autoptr(GFile) file = NULL;
  g_autoptr(LdAnalysis) analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  /* The reader only takes files (through GIO), so each input is written
   * to one scratch file; the input must look like a zip to be opened as one. */
  if (path == NULL)
    path = g_build_filename (g_get_tmp_dir (), "lyncdiag-fuzz-zip-XXXXXX", NULL),
    g_close (g_mkstemp (path), NULL);
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;
  file = g_file_new_for_path (path);
  /* A small budget: the fuzzer explores the zip's structure, not how fast
   * a megabyte inflates (the real budget is tested in test-input.c). */
  _ld_analysis_set_zip_budget (analysis, 4 * 1024 * 1024, 64);
  ld_analysis_add_file (analysis, file, NULL, &error);
  ld_analysis_finish (analysis);
  if (error != NULL)
    g_assert (g_utf8_validate (error->message, -1, NULL));
  /* Whatever was skipped is named, in words; and the zip, read or not,
   * is never a place to write an output. */
  {
    GPtrArray *skipped = ld_analysis_get_skipped (analysis);
    g_autofree char *name = g_file_get_parse_name (file);

    g_assert (error == NULL || skipped->len > 0);
    for (guint i = 0; i < skipped->len; i++)
      {
        const LdSkippedInput *s = g_ptr_array_index (skipped, i);

        g_assert (g_strcmp0 (s->path, name) == 0);
        g_assert (s->reason != NULL && *s->reason != '\0' && g_utf8_validate (s->reason, -1, NULL));
        g_assert (s->member == NULL || g_utf8_validate (s->member, -1, NULL));
        g_assert (s->member == NULL || strlen (s->member) <= (LD_MAX_ZIP_DEPTH + 1) * (LD_MAX_MEMBER_NAME + 8));
      }
    g_assert (!ld_analysis_check_output (analysis, file, NULL));
  }
  return 0;
}
