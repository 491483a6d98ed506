/* fuzz-zip.c - libFuzzer harness: zips read in place (libzip over GIO)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"

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
  ld_analysis_add_file (analysis, file, NULL, &error);
  ld_analysis_finish (analysis);
  if (error != NULL)
    g_assert (g_utf8_validate (error->message, -1, NULL));
  return 0;
}
