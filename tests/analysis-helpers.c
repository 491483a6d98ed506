/* analysis-helpers.c - what the core tests share: a fixture or a text analysed, failing the test if it cannot be
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

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

/* The files under @dir and its folders whose name @keep accepts (NULL:
 * all but the scripts and notes that made or describe them), added to
 * @out as paths. */
void
collect_fixture_files (const char *dir,
                       gboolean  (*keep) (const char *name),
                       GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_fixture_files (path, keep, out);
      else if (keep != NULL ? keep (name) : !g_str_has_suffix (name, ".py") && !g_str_has_suffix (name, ".md"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

/* What a message's start line and dialog fields say, and whether the
 * browser hides it: the same in @got as in @want. */
void
assert_same_summary (const LdSipMessage *got,
                     const LdSipMessage *want)
{
  g_assert_cmpint (got->is_request, ==, want->is_request);
  g_assert_cmpint (got->status, ==, want->status);
  g_assert_cmpstr (got->method, ==, want->method);
  g_assert_cmpstr (got->request_uri, ==, want->request_uri);
  g_assert_cmpstr (got->reason, ==, want->reason);
  g_assert_cmpstr (got->call_id, ==, want->call_id);
  g_assert_cmpstr (got->from, ==, want->from);
  g_assert_cmpstr (got->to, ==, want->to);
  g_assert_cmpstr (got->from_tag, ==, want->from_tag);
  g_assert_cmpstr (got->to_tag, ==, want->to_tag);
  g_assert_cmpuint (got->cseq, ==, want->cseq);
  g_assert_cmpuint (got->diag_count, ==, want->diag_count);
  g_assert_cmpuint (ld_sip_message_is_noise (got), ==, ld_sip_message_is_noise (want));
}

/* Removes @path, a folder a test made, and what is in it; links are
 * removed, never followed. */
void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}
