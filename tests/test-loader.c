/* test-loader.c - LdLoader: progress, cancellation, inputs that fail, the app's load against the CLI's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "ld-zip-writer.h"

#define WAIT_SECONDS 60

static GFile *
data_file (const char *name)
{
  return g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", name, NULL));
}

/* What one asynchronous load told and gave. */
typedef struct
{
  GArray       *fractions;   /* double, as notified */
  GArray       *stages;      /* LdLoaderStage, as notified */
  GCancellable *cancel_at_progress; /* cancelled at the first notification */
  gboolean      returned;
  LdLoaderStage stage_returned;  /* at the callback */
  gboolean      messages_returned;
  gboolean      stage_done;
  LdAnalysis   *analysis;
  GError       *error;
} Load;

static void
on_fraction (LdLoader   *loader,
             GParamSpec *pspec,
             Load       *load)
{
  double f = ld_loader_get_fraction (loader);

  g_array_append_val (load->fractions, f);
  if (load->cancel_at_progress != NULL)
    g_cancellable_cancel (load->cancel_at_progress);
}

static void
on_stage (LdLoader   *loader,
          GParamSpec *pspec,
          Load       *load)
{
  LdLoaderStage stage = ld_loader_get_stage (loader);

  g_array_append_val (load->stages, stage);
  if (stage == LD_LOADER_STAGE_DONE)
    load->stage_done = TRUE;
}

static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Load *load = user_data;

  load->analysis = ld_loader_load_finish (LD_LOADER (source), result, &load->error);
  load->returned = TRUE;
  load->stage_returned = ld_loader_get_stage (LD_LOADER (source));
  load->messages_returned = load->analysis != NULL && ld_analysis_has_messages (load->analysis);
}

static void
load_clear (Load *load)
{
  g_clear_pointer (&load->fractions, g_array_unref);
  g_clear_pointer (&load->stages, g_array_unref);
  g_clear_object (&load->cancel_at_progress);
  g_clear_object (&load->analysis);
  g_clear_error (&load->error);
  memset (load, 0, sizeof *load);
}

/* Runs @loader's asynchronous load to its end (the messages too), on
 * this thread's main context, as the window does. */
static void
run_async (LdLoader     *loader,
           GCancellable *cancellable,
           Load         *load)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  load->fractions = g_array_new (FALSE, FALSE, sizeof (double));
  load->stages = g_array_new (FALSE, FALSE, sizeof (LdLoaderStage));
  g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_fraction), load);
  g_signal_connect (loader, "notify::stage", G_CALLBACK (on_stage), load);
  ld_loader_load_async (loader, cancellable, on_loaded, load);
  while ((!load->returned || !load->stage_done) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (load->returned);
  g_assert_true (load->stage_done);
  g_signal_handlers_disconnect_by_data (loader, load);
}

static char *
to_json (LdAnalysis *analysis)
{
  return ld_analysis_to_json (analysis, TRUE);
}

/* The fraction only grows, from 0 to 1; the stages come in order, the
 * messages last; the files are read oldest rotated file first. */
static void
test_progress (void)
{
  g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) live = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "rotation",
                                                                     "Lync-UccApi-0.UccApilog", NULL));
  g_autoptr(GFile) older = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", "rotation",
                                                                      "Lync-UccApi-1.UccApilog", NULL));
  g_autoptr(GFile) other = data_file ("Lync-UccApi-0.UccApilog");
  Load load = { 0 };
  GPtrArray *files;

  ld_loader_add_file (loader, live);
  ld_loader_add_file (loader, older);
  ld_loader_add_file (loader, other);
  g_assert_cmpint (ld_loader_get_stage (loader), ==, LD_LOADER_STAGE_READING);
  g_assert_cmpfloat (ld_loader_get_fraction (loader), ==, 0.0);
  run_async (loader, NULL, &load);
  g_assert_no_error (load.error);
  g_assert_nonnull (load.analysis);

  g_assert_cmpuint (load.fractions->len, >, 0);
  for (guint i = 0; i < load.fractions->len; i++)
    {
      double f = g_array_index (load.fractions, double, i);

      g_assert_cmpfloat (f, >=, 0.0);
      g_assert_cmpfloat (f, <=, 1.0);
      if (i > 0)
        g_assert_cmpfloat (f, >=, g_array_index (load.fractions, double, i - 1));
    }
  g_assert_cmpfloat (ld_loader_get_fraction (loader), ==, 1.0);

  /* The stages come in order (told at most once each; two that follow
   * each other fast may be told as one); the messages are parsed after the
   * attempts are handed over. */
  g_assert_cmpuint (load.stages->len, >=, 2);
  for (guint i = 1; i < load.stages->len; i++)
    g_assert_cmpint (g_array_index (load.stages, LdLoaderStage, i), >, g_array_index (load.stages, LdLoaderStage, i - 1));
  g_assert_cmpint (load.stage_returned, ==, LD_LOADER_STAGE_MESSAGES);
  g_assert_false (load.messages_returned);
  g_assert_cmpint (ld_loader_get_stage (loader), ==, LD_LOADER_STAGE_DONE);
  g_assert_true (ld_analysis_has_messages (load.analysis));

  files = ld_loader_get_files (loader);
  g_assert_cmpuint (files->len, ==, 3);
  g_assert_true (g_file_equal (g_ptr_array_index (files, 0), older));
  g_assert_true (g_file_equal (g_ptr_array_index (files, 1), live));
  g_assert_cmpuint (ld_analysis_get_inputs (load.analysis)->len, ==, 3);
  g_assert_cmpuint (ld_loader_get_skipped (loader)->len, ==, 0);
  load_clear (&load);
}

/* A small log's messages are parsed before the callback: nothing is
 * left for later. */
static void
test_small_log_in_one_step (void)
{
  g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) file = data_file ("Lync-UccApi-0.UccApilog");
  Load load = { 0 };

  ld_loader_add_file (loader, file);
  ld_loader_set_small_log (loader, 50000);
  run_async (loader, NULL, &load);
  g_assert_no_error (load.error);
  g_assert_cmpint (load.stage_returned, ==, LD_LOADER_STAGE_DONE);
  g_assert_true (load.messages_returned);
  load_clear (&load);
}

/* A log of some 10 MB (the fixture again and again), long enough to read
 * that progress is told while it is read, and past the size from which
 * records are analysed on a thread of their own. */
static char *
write_large_log (const char *dir)
{
  g_autofree char *text = NULL;
  gsize len;
  g_autoptr(GString) big = g_string_new (NULL);
  char *path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL),
                                      &text, &len, NULL));
  while (big->len < 10 * 1024 * 1024)
    g_string_append_len (big, text, len);
  g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));
  return path;
}

/* Cancelled before it starts, or while it reads (from the first progress
 * told, which comes before the load's callback can): the load returns
 * G_IO_ERROR_CANCELLED and keeps nothing, whichever stage the worker was
 * in (the sanitizer build checks that nothing leaks). */
static void
test_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-loader-XXXXXX", NULL);
  g_autofree char *large = write_large_log (dir);

  for (guint when = 0; when < 2; when++)
    {
      g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(GFile) a = g_file_new_for_path (large);
      g_autoptr(GFile) b = data_file ("MOSDALREPORT.zip");
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      Load load = { 0 };

      ld_loader_add_file (loader, a);
      ld_loader_add_file (loader, b);
      if (when == 0)
        g_cancellable_cancel (cancellable);
      else
        load.cancel_at_progress = g_object_ref (cancellable);
      run_async (loader, cancellable, &load);
      g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (load.analysis);
      if (when == 1)
        g_assert_cmpuint (load.fractions->len, >, 0);
      g_assert_cmpint (ld_loader_get_stage (loader), ==, LD_LOADER_STAGE_DONE);
      g_assert_null (ld_loader_get_skipped (loader));
      g_assert_cmpuint (ld_loader_get_n_early_attempts (loader), ==, 0);
      load_clear (&load);
    }
  g_assert_cmpint (g_remove (large), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A zip member is inflated ahead of its reader, on the pool, in chunks
 * (ld-read-ahead.c): a 10 MB member, in forty of them, says what the same
 * log says as a file, with the window's flags and the command line's; a
 * load of it cancelled as it reads keeps nothing. */
static void
test_large_zip_member (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-loader-XXXXXX", NULL);
  g_autofree char *large = write_large_log (dir);
  g_autofree char *zip_path = g_build_filename (dir, "MOSDALREPORT.zip", NULL);
  g_autofree char *text = NULL;
  g_autofree guint8 *compressed = NULL;
  g_autoptr(GByteArray) zip = NULL;
  gsize len;
  ZwMember member;

  g_assert_true (g_file_get_contents (large, &text, &len, NULL));
  member = zw_member_deflated ("Tracing/Lync-UccApi-0.UccApilog", text, len, &compressed);
  zip = zw_build (&member, 1);
  g_assert_true (g_file_set_contents (zip_path, (const char *) zip->data, zip->len, NULL));

  for (guint keep_all = 0; keep_all < 2; keep_all++)
    {
      LdAnalysisFlags flags = keep_all ? LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES : LD_ANALYSIS_FLAGS_NONE;
      g_autoptr(LdLoader) plain_loader = ld_loader_new (flags);
      g_autoptr(LdLoader) zip_loader = ld_loader_new (flags);
      g_autoptr(GFile) plain_file = g_file_new_for_path (large);
      g_autoptr(GFile) zip_file = g_file_new_for_path (zip_path);
      g_autoptr(LdAnalysis) plain = NULL;
      g_autoptr(LdAnalysis) zipped = NULL;
      g_autoptr(GError) error = NULL;
      GPtrArray *messages;
      const LdInput *a, *b;

      ld_loader_add_file (plain_loader, plain_file);
      ld_loader_add_file (zip_loader, zip_file);
      plain = ld_loader_load (plain_loader, NULL, &error);
      g_assert_no_error (error);
      zipped = ld_loader_load (zip_loader, NULL, &error);
      g_assert_no_error (error);

      a = g_ptr_array_index (ld_analysis_get_inputs (plain), 0);
      b = g_ptr_array_index (ld_analysis_get_inputs (zipped), 0);
      g_assert_cmpuint (b->bytes, ==, len);
      g_assert_cmpuint (b->lines, ==, a->lines);
      g_assert_cmpuint (b->sip_messages, ==, a->sip_messages);
      messages = ld_analysis_get_messages (zipped);
      g_assert_cmpuint (messages->len, ==, ld_analysis_get_messages (plain)->len);
      for (guint i = 0; i < messages->len; i++)
        {
          const LdSipMessage *m = g_ptr_array_index (messages, i);
          const LdSipMessage *p = g_ptr_array_index (ld_analysis_get_messages (plain), i);

          g_assert_cmpint (m->time, ==, p->time);
          g_assert_cmpuint (m->line, ==, p->line);
          g_assert_cmpstr (m->call_id, ==, p->call_id);
        }
      g_assert_cmpuint (ld_analysis_get_attempts (zipped)->len, ==, ld_analysis_get_attempts (plain)->len);
      g_assert_cmpuint (ld_analysis_get_findings (zipped)->len, ==, ld_analysis_get_findings (plain)->len);
    }

  {
    g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
    g_autoptr(GFile) zip_file = g_file_new_for_path (zip_path);
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    Load load = { 0 };

    ld_loader_add_file (loader, zip_file);
    load.cancel_at_progress = g_object_ref (cancellable);
    run_async (loader, cancellable, &load);
    g_assert_error (load.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (load.analysis);
    g_assert_null (ld_loader_get_skipped (loader));
    load_clear (&load);
  }
  g_assert_cmpint (g_remove (zip_path), ==, 0);
  g_assert_cmpint (g_remove (large), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A window holds the last stage to one thread while it lists the
 * attempts: the messages are parsed all the same, whether it lets go or
 * not, and letting go (again, or once done) is harmless. */
static void
test_hold_messages (void)
{
  for (guint released = 0; released < 2; released++)
    {
      g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(GFile) file = data_file ("Lync-UccApi-0.UccApilog");
      gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
      Load load = { 0 };

      ld_loader_add_file (loader, file);
      /* Every log's messages are left for the last stage. */
      ld_loader_set_small_log (loader, 0);
      ld_loader_hold_messages (loader);
      load.fractions = g_array_new (FALSE, FALSE, sizeof (double));
      load.stages = g_array_new (FALSE, FALSE, sizeof (LdLoaderStage));
      g_signal_connect (loader, "notify::stage", G_CALLBACK (on_stage), &load);
      ld_loader_load_async (loader, NULL, on_loaded, &load);
      while (!load.returned && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (load.returned);
      g_assert_no_error (load.error);
      g_assert_cmpint (load.stage_returned, ==, LD_LOADER_STAGE_MESSAGES);

      if (released)
        {
          ld_loader_release_messages (loader);
          ld_loader_release_messages (loader);
        }
      /* Held or not, the parse goes on: well before the second after which
       * the loader lets go by itself, on this log. */
      while (!load.stage_done && g_get_monotonic_time () < deadline)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (load.stage_done);
      g_assert_true (ld_analysis_has_messages (load.analysis));
      g_assert_cmpuint (ld_analysis_get_messages (load.analysis)->len, >, 0);
      /* Once done, letting go again does nothing. */
      ld_loader_release_messages (loader);
      g_signal_handlers_disconnect_by_data (loader, &load);
      load_clear (&load);
    }
}

static const LdSkippedInput *
find_skipped (GPtrArray  *skipped,
              const char *path)
{
  for (guint i = 0; i < skipped->len; i++)
    {
      const LdSkippedInput *s = g_ptr_array_index (skipped, i);

      if (g_strcmp0 (s->path, path) == 0)
        return s;
    }
  return NULL;
}

/* One policy, whichever way it loads: an input that fails is recorded
 * with its reason and the others are analysed; only when none held a log
 * does the load fail, its skipped inputs still named. */
static void
test_failing_input (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-loader-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "Lync-UccApi-9.UccApilog", NULL);
  g_autofree char *binary = g_build_filename (dir, "Lync-UccApi-8.UccApilog", NULL);
  static const char noise[] = "\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14\x15";

  g_assert_true (g_file_set_contents (binary, noise, sizeof noise - 1, NULL));
  for (guint async = 0; async < 2; async++)
    {
      g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_NONE);
      g_autoptr(LdLoader) none = ld_loader_new (LD_ANALYSIS_FLAGS_NONE);
      g_autoptr(GFile) good = data_file ("Lync-UccApi-0.UccApilog");
      g_autoptr(GFile) gone = g_file_new_for_path (missing);
      g_autoptr(GFile) junk = g_file_new_for_path (binary);
      g_autoptr(LdAnalysis) analysis = NULL;
      g_autoptr(GError) error = NULL;
      const LdSkippedInput *s;
      GPtrArray *skipped;
      Load load = { 0 };

      ld_loader_add_file (loader, gone);
      ld_loader_add_file (loader, good);
      ld_loader_add_file (loader, junk);
      if (async)
        {
          run_async (loader, NULL, &load);
          analysis = g_steal_pointer (&load.analysis);
          g_assert_no_error (load.error);
          load_clear (&load);
        }
      else
        analysis = ld_loader_load (loader, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (analysis);
      g_assert_cmpuint (ld_analysis_get_inputs (analysis)->len, ==, 1);
      g_assert_cmpuint (ld_analysis_get_attempts (analysis)->len, >, 0);

      skipped = ld_loader_get_skipped (loader);
      g_assert_true (skipped == ld_analysis_get_skipped (analysis));
      g_assert_cmpuint (skipped->len, ==, 2);
      s = find_skipped (skipped, missing);
      g_assert_nonnull (s);
      g_assert_true (ld_skipped_input_is_unread (s));
      g_assert_nonnull (strstr (s->reason, "Lync-UccApi-9.UccApilog"));
      s = find_skipped (skipped, binary);
      g_assert_nonnull (s);
      /* Read, and no log: not an input that could not be read. */
      g_assert_false (ld_skipped_input_is_unread (s));
      g_assert_cmpint (s->code, ==, LD_ERROR_NOT_A_LOG);
      g_assert_nonnull (strstr (s->reason, "binary"));

      /* Nothing analysable: the load fails with the first input's error,
       * and every input is still named. */
      ld_loader_add_file (none, gone);
      ld_loader_add_file (none, junk);
      if (async)
        {
          run_async (none, NULL, &load);
          g_assert_null (load.analysis);
          g_assert_nonnull (load.error);
          g_assert_true (g_error_matches (load.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) ||
                         g_error_matches (load.error, LD_ERROR, LD_ERROR_READ));
          load_clear (&load);
        }
      else
        {
          g_autoptr(LdAnalysis) nothing = ld_loader_load (none, NULL, &error);

          g_assert_null (nothing);
          g_assert_nonnull (error);
          g_clear_error (&error);
        }
      g_assert_cmpuint (ld_loader_get_skipped (none)->len, ==, 2);
      g_assert_nonnull (find_skipped (ld_loader_get_skipped (none), missing));
      g_assert_nonnull (find_skipped (ld_loader_get_skipped (none), binary));
    }
  g_assert_cmpint (g_remove (binary), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The app's load (asynchronous, every message kept, in two stages) and
 * the command line's (this thread, the call dialogs only) say the same. */
static void
test_same_as_cli (void)
{
  const char *names[] = { "MOSDALREPORT.zip", "Lync-UccApi-0.UccApilog", "findings-meet-lync.uccapilog" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(LdLoader) app = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
      g_autoptr(LdLoader) cli = ld_loader_new (LD_ANALYSIS_FLAGS_NONE);
      g_autoptr(GFile) file = data_file (names[i]);
      g_autoptr(LdAnalysis) cli_analysis = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *app_json = NULL;
      g_autofree char *cli_json = NULL;
      g_autofree char *app_text = NULL;
      g_autofree char *cli_text = NULL;
      Load load = { 0 };

      ld_loader_add_file (app, file);
      ld_loader_add_file (cli, file);
      run_async (app, NULL, &load);
      g_assert_no_error (load.error);
      cli_analysis = ld_loader_load (cli, NULL, &error);
      g_assert_no_error (error);

      app_json = to_json (load.analysis);
      cli_json = to_json (cli_analysis);
      g_assert_cmpstr (app_json, ==, cli_json);
      app_text = ld_analysis_to_text (load.analysis);
      cli_text = ld_analysis_to_text (cli_analysis);
      g_assert_cmpstr (app_text, ==, cli_text);
      load_clear (&load);
    }
}

/* Loads @files (NULL-terminated) as the command line, or as the window
 * with @keep_all, and checks that it kept what one whole log gives. */
static void
assert_loads_as_whole (gboolean     keep_all,
                       const char **files,
                       guint        n_inputs)
{
  LdAnalysisFlags flags = keep_all ? LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES : LD_ANALYSIS_FLAGS_NONE;
  g_autoptr(LdLoader) whole_loader = ld_loader_new (flags);
  g_autoptr(LdLoader) loader = ld_loader_new (flags);
  g_autoptr(GFile) one = data_file ("Lync-UccApi-0.UccApilog");
  g_autoptr(LdAnalysis) whole = NULL;
  g_autoptr(LdAnalysis) split = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *attempts;

  ld_loader_add_file (whole_loader, one);
  whole = ld_loader_load (whole_loader, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; files[i] != NULL; i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (files[i]);

      ld_loader_add_file (loader, file);
    }
  split = ld_loader_load (loader, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (ld_analysis_get_inputs (split)->len, ==, n_inputs);
  g_assert_cmpuint (ld_analysis_get_messages (split)->len, ==, ld_analysis_get_messages (whole)->len);
  attempts = ld_analysis_get_attempts (split);
  g_assert_cmpuint (attempts->len, ==, ld_analysis_get_attempts (whole)->len);
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      const LdAttempt *w = g_ptr_array_index (ld_analysis_get_attempts (whole), i);

      g_assert_cmpint (a->outcome, ==, w->outcome);
      g_assert_cmpint (a->status, ==, w->status);
      g_assert_cmpuint (a->messages->len, ==, w->messages->len);
    }
}

/* Two rotated files that overlap (the focus and chat INVITEs are in both)
 * read as the one log they were cut from, however the loader is given
 * them: the messages of the last input need no fingerprints only when no
 * input follows and none came before (ld-analysis-read.c, add_message()).
 * A last file that is two files, as a folder or a zip, still compares its
 * second log with its first; a last log still compares with the files
 * before it. */
static void
test_overlap_last_input (void)
{
  g_autofree char *contents = NULL;
  gsize len = 0;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-loader-XXXXXX", NULL);
  g_autofree char *folder = g_build_filename (dir, "Tracing", NULL);
  g_autofree char *bak = g_build_filename (folder, "Lync-UccApi-0.UccApilog.bak", NULL);
  g_autofree char *live = g_build_filename (folder, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *zip = g_build_filename (dir, "MOSDALREPORT.zip", NULL);
  g_autofree guint8 *bak_z = NULL;
  g_autofree guint8 *live_z = NULL;
  g_autoptr(GByteArray) zip_bytes = NULL;
  ZwMember members[2];
  const char *cut1, *cut2;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL),
                                      &contents, &len, NULL));
  cut1 = strstr (contents, "01/30/2014|10:05:09.102");
  cut2 = strstr (contents, "01/30/2014|10:05:08.012");
  g_assert_nonnull (cut1);
  g_assert_nonnull (cut2);
  g_assert_cmpint (g_mkdir (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (bak, contents, cut1 - contents, NULL));
  g_assert_true (g_file_set_contents (live, cut2, len - (cut2 - contents), NULL));
  members[0] = zw_member_deflated ("Lync-UccApi-0.UccApilog.bak", contents, cut1 - contents, &bak_z);
  members[1] = zw_member_deflated ("Lync-UccApi-0.UccApilog", cut2, len - (cut2 - contents), &live_z);
  zip_bytes = zw_build (members, 2);
  g_assert_true (g_file_set_contents (zip, (const char *) zip_bytes->data, zip_bytes->len, NULL));

  for (guint keep_all = 0; keep_all < 2; keep_all++)
    {
      const char *two_files[] = { bak, live, NULL };
      const char *a_folder[] = { folder, NULL };
      const char *a_zip[] = { zip, NULL };

      assert_loads_as_whole (keep_all, two_files, 2);
      assert_loads_as_whole (keep_all, a_folder, 2);
      assert_loads_as_whole (keep_all, a_zip, 2);
    }

  g_assert_cmpint (g_unlink (bak), ==, 0);
  g_assert_cmpint (g_unlink (live), ==, 0);
  g_assert_cmpint (g_unlink (zip), ==, 0);
  g_assert_cmpint (g_rmdir (folder), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* The early attempts a window draws while reading are the attempts made
 * in the end. */
static void
test_early_attempts (void)
{
  g_autoptr(LdLoader) loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES | LD_ANALYSIS_FLAGS_EARLY_ATTEMPTS);
  g_autoptr(GFile) file = data_file ("Lync-UccApi-0.UccApilog");
  g_autoptr(GPtrArray) early = NULL;
  Load load = { 0 };
  GPtrArray *attempts;

  g_assert_cmpuint (ld_loader_get_n_early_attempts (loader), ==, 0);
  early = ld_loader_dup_early_attempts (loader);
  g_assert_cmpuint (early->len, ==, 0);
  g_clear_pointer (&early, g_ptr_array_unref);

  ld_loader_add_file (loader, file);
  run_async (loader, NULL, &load);
  g_assert_no_error (load.error);
  attempts = ld_analysis_get_attempts (load.analysis);
  early = ld_loader_dup_early_attempts (loader);
  g_assert_cmpuint (early->len, ==, attempts->len);
  g_assert_cmpuint (ld_loader_get_n_early_attempts (loader), ==, attempts->len);
  for (guint i = 0; i < early->len; i++)
    {
      const LdEarlyAttempt *e = g_ptr_array_index (early, i);
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      g_assert_cmpint (e->kind, ==, a->kind);
      g_assert_cmpint (e->start, ==, a->start);
      g_assert_cmpstr (e->target, ==, a->target);
    }
  load_clear (&load);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  ld_i18n_init ();

  g_test_add_func ("/loader/progress", test_progress);
  g_test_add_func ("/loader/small-log-in-one-step", test_small_log_in_one_step);
  g_test_add_func ("/loader/cancel", test_cancel);
  g_test_add_func ("/loader/large-zip-member", test_large_zip_member);
  g_test_add_func ("/loader/hold-messages", test_hold_messages);
  g_test_add_func ("/loader/failing-input", test_failing_input);
  g_test_add_func ("/loader/same-as-cli", test_same_as_cli);
  g_test_add_func ("/loader/overlap-last-input", test_overlap_last_input);
  g_test_add_func ("/loader/early-attempts", test_early_attempts);
  return g_test_run ();
}
