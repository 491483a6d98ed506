/* test-output.c - outputs never touch inputs, and are written whole or not at all
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "analysis-helpers.h"

static const char *
data (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", name, NULL);
}

static char *
put (const char *dir,
     const char *name,
     const char *contents)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
slurp (const char *path)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  return contents;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* The names in @dir, sorted, as one string: "a b c". */
static char *
listing (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, (char *) name);
  g_ptr_array_sort (names, compare_strings);
  {
    GString *s = g_string_new (NULL);

    for (guint i = 0; i < names->len; i++)
      g_string_append_printf (s, "%s%s", i ? " " : "", (const char *) g_ptr_array_index (names, i));
    return g_string_free (s, FALSE);
  }
}

static void
expect_refused (LdAnalysis *an,
                const char *out_path)
{
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;

  g_assert_false (ld_analysis_check_output (an, out, &error));
  g_test_message ("%s: %s", out_path, error->message);
  g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

static void
expect_allowed (LdAnalysis *an,
                const char *out_path)
{
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_check_output (an, out, &error));
  g_assert_no_error (error);
}

static void
add (LdAnalysis *an,
     const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ld_analysis_add_file (an, file, NULL, NULL);
}

/* Audit: "report good.uccapilog notes.md -o notes.md" said notes.md is not
 * a log, then replaced it. Every path named is guarded, read or not, by
 * identity: through a link, a hard link or another spelling. */
static void
test_guard_every_named_path (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-out-XXXXXX", NULL);
  g_autofree char *log = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *notes = put (dir, "notes.md", "# my notes\n");
  g_autofree char *empty = put (dir, "empty.uccapilog", "");
  g_autofree char *zip = put (dir, "broken.zip", "PK\003\004 and nothing else");
  g_autofree char *missing = g_build_filename (dir, "missing.uccapilog", NULL);
  g_autofree char *symlink_path = g_build_filename (dir, "link.md", NULL);
  g_autofree char *hardlink_path = g_build_filename (dir, "hard.md", NULL);
  g_autofree char *spelled = g_build_filename (dir, "sub", "..", "notes.md", NULL);
  g_autofree char *sub = g_build_filename (dir, "sub", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *other = put (dir, "other.md", "unrelated\n");
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  gsize len;

  g_assert_true (g_file_get_contents (data ("healthy-audio.uccapilog"), &contents, &len, NULL));
  g_assert_true (g_file_set_contents (log, contents, len, NULL));
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  g_assert_cmpint (symlink (notes, symlink_path), ==, 0);
  g_assert_cmpint (link (notes, hardlink_path), ==, 0);

  add (an, log);
  add (an, notes);
  add (an, empty);
  add (an, zip);
  add (an, missing);
  ld_analysis_finish (an);
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
  /* Four failed inputs, each said once. */
  g_assert_cmpuint (ld_analysis_get_skipped (an)->len, ==, 4);

  expect_refused (an, log);
  expect_refused (an, notes);
  expect_refused (an, empty);
  expect_refused (an, zip);
  expect_refused (an, missing);
  expect_refused (an, symlink_path);
  expect_refused (an, hardlink_path);
  expect_refused (an, spelled);
  expect_allowed (an, other);
  {
    g_autofree char *fresh = g_build_filename (dir, "report.pdf", NULL);

    expect_allowed (an, fresh);
  }

  /* And the report refuses before anything is written. */
  {
    g_autoptr(GFile) out = g_file_new_for_path (notes);
    g_autoptr(GError) error = NULL;
    g_autofree char *after = NULL;
    g_autofree char *before_listing = listing (dir);
    g_autofree char *after_listing = NULL;
    LdReportOptions options;

    ld_report_options_init (&options);
    options.format = LD_REPORT_FORMAT_MARKDOWN;
    g_assert_false (ld_report_write (an, &options, out, NULL, &error));
    g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
    after = slurp (notes);
    g_assert_cmpstr (after, ==, "# my notes\n");
    after_listing = listing (dir);
    g_assert_cmpstr (after_listing, ==, before_listing);
  }
  remove_tree (dir);
}

/* Everything inside a named folder is an input too, read or not, with
 * the same file reached through a link from outside; a new file there
 * replaces nothing and is allowed. */
static void
test_guard_named_folder (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-out-XXXXXX", NULL);
  g_autofree char *logs = g_build_filename (dir, "logs", NULL);
  g_autofree char *deep = g_build_filename (logs, "a", "b", NULL);
  g_autofree char *log = g_build_filename (logs, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *readme = NULL;
  g_autofree char *deep_file = NULL;
  g_autofree char *outside_link = g_build_filename (dir, "outside.md", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *fresh = NULL;
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  gsize len;

  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  g_assert_true (g_file_get_contents (data ("healthy-audio.uccapilog"), &contents, &len, NULL));
  g_assert_true (g_file_set_contents (log, contents, len, NULL));
  readme = put (logs, "readme.md", "not a log\n");
  deep_file = put (deep, "report.pdf", "an old report\n");
  g_assert_cmpint (symlink (readme, outside_link), ==, 0);

  add (an, logs);
  ld_analysis_finish (an);
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);

  expect_refused (an, log);
  expect_refused (an, readme);
  expect_refused (an, deep_file);
  expect_refused (an, outside_link);
  expect_refused (an, logs);
  fresh = g_build_filename (logs, "new-report.pdf", NULL);
  expect_allowed (an, fresh);
  remove_tree (dir);
}

static void
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ld_atomic_file_replace_contents (file, contents, strlen (contents), NULL, error);
}

/* Written whole, in place of the old file, keeping its permissions, with
 * no temporary file left beside it. */
static void
test_atomic_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-out-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "report.md", NULL);
  g_autofree char *link_path = g_build_filename (dir, "latest.md", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.md", NULL);
  g_autofree char *nowhere = g_build_filename (dir, "no", "such", "dir", "r.md", NULL);
  g_autofree char *got = NULL;
  g_autofree char *names = NULL;
  struct stat st;

  {
    g_autoptr(GError) error = NULL;

    write_file (path, "first\n", &error);
    g_assert_no_error (error);
    got = slurp (path);
    g_assert_cmpstr (got, ==, "first\n");
    g_clear_pointer (&got, g_free);
  }
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  {
    g_autoptr(GError) error = NULL;

    write_file (path, "second\n", &error);
    g_assert_no_error (error);
    got = slurp (path);
    g_assert_cmpstr (got, ==, "second\n");
    g_clear_pointer (&got, g_free);
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0640);
  }
  /* Through a link: the file it names is replaced, the link stays. */
  g_assert_cmpint (symlink ("report.md", link_path), ==, 0);
  {
    g_autoptr(GError) error = NULL;

    write_file (link_path, "third\n", &error);
    g_assert_no_error (error);
    got = slurp (path);
    g_assert_cmpstr (got, ==, "third\n");
    g_clear_pointer (&got, g_free);
    g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  }
  /* Never through a dangling link, nor into a folder, nor a missing one. */
  g_assert_cmpint (symlink ("nothing-there.md", dangling), ==, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *target = g_build_filename (dir, "nothing-there.md", NULL);

    write_file (dangling, "x", &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "symbolic link"));
    g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr(GError) error = NULL;

    write_file (dir, "x", &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "is a folder"));
  }
  {
    g_autoptr(GError) error = NULL;

    write_file (nowhere, "x", &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, nowhere));
    g_assert_nonnull (strstr (error->message, "folder does not exist"));
  }
  {
    g_autoptr(GError) error = NULL;

    write_file ("/dev/null", "x", &error);
    g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
    g_assert_nonnull (strstr (error->message, "not a regular file"));
  }
  /* A file made read-only by its owner is not replaced (root writes anything). */
  if (getuid () != 0)
    {
      g_autoptr(GError) error = NULL;

      g_assert_cmpint (g_chmod (path, 0444), ==, 0);
      write_file (path, "fourth\n", &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, "read-only"));
      got = slurp (path);
      g_assert_cmpstr (got, ==, "third\n");
      g_clear_pointer (&got, g_free);
      g_chmod (path, 0644);
    }
  names = listing (dir);
  g_assert_cmpstr (names, ==, "dangling.md latest.md report.md");
  remove_tree (dir);
}

/* Given up before the commit: the old file as it was, nothing left. */
static void
test_atomic_abandon (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-out-XXXXXX", NULL);
  g_autofree char *path = put (dir, "report.md", "old\n");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autofree char *names = NULL;
  LdAtomicFile *out = ld_atomic_file_new (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (ld_atomic_file_get_stream (out), "half a rep", 10, NULL, NULL, NULL));
  names = listing (dir);
  g_assert_cmpuint (strlen (names), >, strlen ("report.md"));   /* the temporary is there meanwhile */
  g_clear_pointer (&names, g_free);
  ld_atomic_file_free (out);
  got = slurp (path);
  g_assert_cmpstr (got, ==, "old\n");
  names = listing (dir);
  g_assert_cmpstr (names, ==, "report.md");

  /* Cancelled: the same. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autoptr(GError) cancel_error = NULL;
    g_autofree char *again = NULL;
    g_autofree char *names2 = NULL;

    g_cancellable_cancel (cancellable);
    g_assert_false (ld_atomic_file_replace_contents (file, "new\n", 4, cancellable, &cancel_error));
    g_assert_error (cancel_error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    again = slurp (path);
    g_assert_cmpstr (again, ==, "old\n");
    names2 = listing (dir);
    g_assert_cmpstr (names2, ==, "report.md");
  }
  remove_tree (dir);
}

/* A write that fails half-way (a full disk; here the file size limit, the
 * same failure for the writer) leaves the old file and no temporary. */
static void
test_atomic_full_disk (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (g_test_subprocess ())
    {
      g_autofree char *big = g_strnfill (256 * 1024, 'x');
      g_autoptr(GError) error = NULL;
      const char *target = g_getenv ("LD_TEST_TARGET");
      struct rlimit rl = { 64 * 1024, 64 * 1024 };

      signal (SIGXFSZ, SIG_IGN);
      g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &rl), ==, 0);
      write_file (target, big, &error);
      g_assert_error (error, LD_ERROR, LD_ERROR_WRITE);
      g_assert_nonnull (strstr (error->message, target));
      return;
    }
  dir = g_dir_make_tmp ("lyncdiag-out-XXXXXX", NULL);
  path = put (dir, "report.md", "the previous report\n");
  g_setenv ("LD_TEST_TARGET", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  {
    g_autofree char *got = slurp (path);
    g_autofree char *names = listing (dir);

    g_assert_cmpstr (got, ==, "the previous report\n");
    g_assert_cmpstr (names, ==, "report.md");
  }
  remove_tree (dir);
}

/* Ctrl-C, SIGTERM or SIGHUP while a report is written: the process ends
 * as the signal says, the temporary file is gone, the old file intact. */
static void
test_atomic_signals (void)
{
  int sigs[] = { SIGINT, SIGTERM, SIGHUP };

  for (guint i = 0; i < G_N_ELEMENTS (sigs); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("lyncdiag-out-XXXXXX", NULL);
      g_autofree char *path = put (dir, "report.pdf", "the previous report\n");
      int status = 0;
      pid_t pid = fork ();

      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          g_autoptr(GFile) file = g_file_new_for_path (path);
          LdAtomicFile *out = ld_atomic_file_new (file, NULL, NULL);

          if (out == NULL)
            _exit (10);
          g_output_stream_write_all (ld_atomic_file_get_stream (out), "%PDF-1.5 half", 13, NULL, NULL, NULL);
          kill (getpid (), sigs[i]);
          _exit (11);   /* not reached: the signal ends the process */
        }
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, sigs[i]);
      {
        g_autofree char *got = slurp (path);
        g_autofree char *names = listing (dir);

        g_assert_cmpstr (got, ==, "the previous report\n");
        g_assert_cmpstr (names, ==, "report.pdf");
      }
      remove_tree (dir);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* As a process started from a terminal has them: the suite may run in
   * the background (SIGINT ignored) or under nohup (SIGHUP ignored), and
   * the atomic file leaves a signal ignored from the start alone
   * (ld-atomic-file.c), which test_atomic_signals() would take for a
   * failure. */
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  g_test_add_func ("/core/output/guard-every-named-path", test_guard_every_named_path);
  g_test_add_func ("/core/output/guard-named-folder", test_guard_named_folder);
  g_test_add_func ("/core/output/atomic-write", test_atomic_write);
  g_test_add_func ("/core/output/atomic-abandon", test_atomic_abandon);
  g_test_add_func ("/core/output/atomic-full-disk", test_atomic_full_disk);
  g_test_add_func ("/core/output/atomic-signals", test_atomic_signals);
  return g_test_run ();
}
