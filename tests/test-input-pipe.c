/* test-input-pipe.c - named pipes, /dev/stdin, devices and sockets: read in one pass, or refused at once
 *
 * A log that comes through a pipe (mkfifo, or /dev/stdin with a program's
 * output piped in) is read once, from its start, and gives the very
 * analysis its file gives: the same JSON, the same message texts for the
 * browser (copied, since a pipe cannot be read again by offset). A zip
 * through a pipe, a device that never ends (/dev/zero), a socket, and a
 * pipe met in a folder are refused by what they are, without waiting on
 * them; /dev/null is an empty file. Nothing here may hang: every writer
 * gives up by itself, and waiting for a writer can be cancelled.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-input-pipe"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "lyncdiag.h"
#include "analysis-helpers.h"
#include "ld-analysis-private.h"
#include "ld-error.h"

/* How long anything may take before it counts as a hang. */
#define PATIENCE (10 * G_USEC_PER_SEC)

static const char *
data (const char *name)
{
  return g_test_get_filename (G_TEST_DIST, "data", name, NULL);
}

/* ---- A writer that cannot hang the test -------------------------------- */

typedef struct
{
  char    *path;
  GBytes  *bytes;
  gsize    piece;       /* written in pieces of this many bytes, pausing between some */
  gulong   delay_us;    /* before it opens the pipe */
  gboolean opened;      /* a reader was there */
  gsize    written;
} Writer;

/* Opens without blocking, so that a reader that never comes makes it give
 * up (ENXIO) instead of waiting for ever. */
static gpointer
writer_run (gpointer user_data)
{
  Writer *w = user_data;
  gint64 deadline = g_get_monotonic_time () + PATIENCE;
  const char *p = g_bytes_get_data (w->bytes, NULL);
  gsize left = g_bytes_get_size (w->bytes);
  int fd = -1;

  g_usleep (w->delay_us);
  while (fd < 0 && g_get_monotonic_time () < deadline)
    {
      fd = g_open (w->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC, 0);
      if (fd < 0)
        g_usleep (10000);
    }
  if (fd < 0)
    return NULL;
  w->opened = TRUE;
  g_assert_cmpint (fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK), ==, 0);
  for (guint i = 0; left > 0; i++)
    {
      gssize n = write (fd, p, MIN (left, w->piece));

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;   /* EPIPE: the reader closed it */
      p += n;
      left -= n;
      w->written += n;
      if (i % 16 == 0)
        g_usleep (1000);
    }
  close (fd);
  return NULL;
}

static GThread *
writer_start (Writer     *w,
              const char *path,
              GBytes     *bytes,
              gsize       piece,
              gulong      delay_us)
{
  w->path = g_strdup (path);
  w->bytes = g_bytes_ref (bytes);
  w->piece = piece;
  w->delay_us = delay_us;
  return g_thread_new ("writer", writer_run, w);
}

static void
writer_clear (Writer *w)
{
  g_free (w->path);
  g_bytes_unref (w->bytes);
}

/* ---- Analyses ------------------------------------------------------------ */

/* As the app loads: every message kept, texts left in the file where they
 * can be. */
static LdAnalysis *
load (const char  *path,
      guint64      pipeline_min,
      GError     **error)
{
  LdAnalysis *an = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  _ld_analysis_set_file_texts (an, TRUE);
  _ld_analysis_set_pipeline_min_bytes (an, pipeline_min);
  ld_analysis_add_file (an, file, NULL, error);
  ld_analysis_finish (an);
  return an;
}

static char *
json_of (LdAnalysis *an,
         const char *path)
{
  g_autofree char *json = ld_analysis_to_json (an, TRUE);
  GString *s = g_string_new (json);

  g_string_replace (s, path, "LOG", 0);
  return g_string_free (s, FALSE);
}

/* The pipe's analysis is the file's, message for message. */
static void
assert_same_analysis (LdAnalysis *file_an,
                      const char *file_path,
                      LdAnalysis *pipe_an,
                      const char *pipe_path)
{
  g_autofree char *want = json_of (file_an, file_path);
  g_autofree char *got = json_of (pipe_an, pipe_path);
  g_autoptr(LdMessageTexts) texts = ld_message_texts_new (pipe_an);
  g_autoptr(LdMessageTexts) file_texts = ld_message_texts_new (file_an);
  GPtrArray *a = ld_analysis_get_messages (file_an);
  GPtrArray *b = ld_analysis_get_messages (pipe_an);

  g_assert_cmpuint (ld_analysis_get_inputs (pipe_an)->len, ==, 1);
  g_assert_cmpuint (ld_analysis_get_attempts (pipe_an)->len, >, 0);
  g_assert_cmpuint (ld_analysis_get_attempts (pipe_an)->len, ==, ld_analysis_get_attempts (file_an)->len);
  g_assert_cmpstr (got, ==, want);
  g_assert_cmpuint (b->len, >, 0);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      const LdSipMessage *y = g_ptr_array_index (b, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) file_error = NULL;
      const char *text = ld_message_texts_get (texts, y, NULL, &error);
      const char *file_text = ld_message_texts_get (file_texts, g_ptr_array_index (a, i), NULL, &file_error);

      g_assert_no_error (error);
      g_assert_no_error (file_error);
      /* A pipe cannot be read again: every text is a copy. */
      g_assert_false (_ld_message_text_is_in_file (y));
      g_assert_cmpstr (text, ==, file_text);
    }
}

static char *
make_fifo (const char *dir,
           const char *name)
{
  char *path = g_build_filename (dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

/* A log fixture repeated to @size bytes or more, in a file: more than one
 * of the reader's chunks (1 MB) and more than a pipe holds (64 KB). */
static char *
write_big_log (const char *dir,
               gsize       size)
{
  g_autofree char *one = NULL;
  gsize len;
  GString *s = g_string_new (NULL);
  char *path = g_build_filename (dir, "big.uccapilog", NULL);

  g_assert_true (g_file_get_contents (data ("Lync-UccApi-0.UccApilog"), &one, &len, NULL));
  while (s->len < size)
    g_string_append_len (s, one, len);
  g_assert_true (g_file_set_contents (path, s->str, s->len, NULL));
  g_string_free (s, TRUE);
  return path;
}

static void
check_fifo_like_file (const char *log,
                      gsize       piece,
                      gulong      delay_us,
                      guint64     pipeline_min)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-pipe-XXXXXX", NULL);
  g_autofree char *fifo = make_fifo (dir, "Lync-UccApi-0.UccApilog");
  g_autoptr(GError) file_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) file_an = load (log, pipeline_min, &file_error);
  g_autoptr(LdAnalysis) pipe_an = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Writer w = { 0 };
  GThread *t;
  gsize len;
  gint64 t0;

  g_assert_no_error (file_error);
  g_assert_true (g_file_get_contents (log, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  t = writer_start (&w, fifo, bytes, piece, delay_us);
  t0 = g_get_monotonic_time ();
  pipe_an = load (fifo, pipeline_min, &error);
  g_thread_join (t);
  g_assert_no_error (error);
  g_assert_true (w.opened);
  g_assert_cmpuint (w.written, ==, len);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, PATIENCE);
  g_assert_cmpuint (((LdInput *) g_ptr_array_index (ld_analysis_get_inputs (pipe_an), 0))->bytes, ==, len);
  assert_same_analysis (file_an, log, pipe_an, fifo);
  writer_clear (&w);
  remove_tree (dir);
}

/* ---- Read in one pass ------------------------------------------------------ */

static void
test_fifo_small (void)
{
  /* All at once: it fits in the pipe. */
  check_fifo_like_file (data ("findings-federation.uccapilog"), 1 << 20, 0, G_MAXUINT64);
  /* In pieces smaller than the 4 bytes that tell a zip from a log. */
  check_fifo_like_file (data ("findings-federation.uccapilog"), 3, 0, G_MAXUINT64);
}

static void
test_fifo_big (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-big-XXXXXX", NULL);
  g_autofree char *log = write_big_log (dir, 3 * 1024 * 1024);

  /* Odd pieces across the reader's chunks, the records analysed in the
   * second thread from the start. */
  check_fifo_like_file (log, 4093, 0, 0);
  remove_tree (dir);
}

/* The writer comes after the pipe was opened (the user's
 * "(unzip -p … > f.log &); lyncdiag-cli analyze f.log", the other way
 * round): the reader waits for it, it does not take the pipe for empty. */
static void
test_fifo_late_writer (void)
{
  check_fifo_like_file (data ("Lync-UccApi-0.UccApilog"), 1000, 300000, G_MAXUINT64);
}

/* An explicitly named link to a pipe is the pipe. */
static void
test_fifo_through_link (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-link-XXXXXX", NULL);
  g_autofree char *fifo = make_fifo (dir, "pipe");
  g_autofree char *link = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  Writer w = { 0 };
  GThread *t;
  gsize len;

  g_assert_cmpint (symlink (fifo, link), ==, 0);
  g_assert_true (g_file_get_contents (data ("findings-federation.uccapilog"), &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  t = writer_start (&w, fifo, bytes, 512, 0);
  an = load (link, G_MAXUINT64, &error);
  g_thread_join (t);
  g_assert_no_error (error);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 2);
  writer_clear (&w);
  remove_tree (dir);
}

/* Waiting for a writer that never comes ends with the app's Cancel. */
static gpointer
cancel_later (gpointer cancellable)
{
  g_usleep (200000);
  g_cancellable_cancel (cancellable);
  return NULL;
}

static void
test_fifo_cancel (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-cancel-XXXXXX", NULL);
  g_autofree char *fifo = make_fifo (dir, "Lync-UccApi-0.UccApilog");
  g_autoptr(GFile) file = g_file_new_for_path (fifo);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(LdAnalysis) an = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;
  GThread *t = g_thread_new ("cancel", cancel_later, cancellable);
  gint64 t0 = g_get_monotonic_time ();

  g_assert_false (ld_analysis_add_file (an, file, cancellable, &error));
  g_thread_join (t);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* Waited for a writer until then: not taken for an empty file at once. */
  g_assert_cmpint (g_get_monotonic_time () - t0, >=, 150000);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, PATIENCE);
  remove_tree (dir);
}

/* ---- Refused, by what they are ------------------------------------------ */

static void
expect_refused (const char *path,
                int         code,
                const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  GPtrArray *skipped;
  const LdSkippedInput *s;
  gint64 t0 = g_get_monotonic_time ();

  an = load (path, G_MAXUINT64, &error);
  g_test_message ("%s: %s", path, error != NULL ? error->message : "(no error)");
  g_assert_error (error, LD_ERROR, code);
  g_assert_nonnull (strstr (error->message, needle));
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 0);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, PATIENCE);
  skipped = ld_analysis_get_skipped (an);
  g_assert_cmpuint (skipped->len, ==, 1);
  s = g_ptr_array_index (skipped, 0);
  g_assert_cmpstr (s->path, ==, path);
  g_assert_cmpstr (s->reason, ==, error->message);
}

static void
test_zip_through_pipe (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-zip-XXXXXX", NULL);
  g_autofree char *fifo = make_fifo (dir, "MOSDALREPORT.zip");
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  Writer w = { 0 };
  GThread *t;
  gsize len;

  g_assert_true (g_file_get_contents (data ("MOSDALREPORT.zip"), &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  t = writer_start (&w, fifo, bytes, 4096, 0);
  expect_refused (fifo, LD_ERROR_READ, "Save the zip to a file first");
  /* The writer is let go (its pipe closed), not left waiting. */
  g_thread_join (t);
  g_assert_true (w.opened);
  writer_clear (&w);

  /* Near miss: the same zip as a file is read. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(LdAnalysis) an = load (data ("MOSDALREPORT.zip"), G_MAXUINT64, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 3);
  }
  remove_tree (dir);
}

static void
test_devices (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-dev-XXXXXX", NULL);
  g_autofree char *sock_path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *empty = g_build_filename (dir, "empty.uccapilog", NULL);
  g_autoptr(GError) empty_error = NULL;
  g_autoptr(GError) null_error = NULL;
  g_autoptr(LdAnalysis) empty_an = NULL;
  g_autoptr(LdAnalysis) null_an = NULL;
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int sock;

  expect_refused ("/dev/zero", LD_ERROR_READ, "is a device");
  /* The old words stay: a device is not a regular file. */
  expect_refused ("/dev/zero", LD_ERROR_READ, "not a regular file");

  sock = socket (AF_UNIX, SOCK_STREAM, 0);
  g_assert_cmpint (sock, >=, 0);
  g_assert_cmpuint (strlen (sock_path), <, sizeof addr.sun_path);
  strcpy (addr.sun_path, sock_path);
  g_assert_cmpint (bind (sock, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  g_assert_cmpint (listen (sock, 1), ==, 0);
  expect_refused (sock_path, LD_ERROR_READ, "is a socket");
  close (sock);

  /* /dev/null is an empty file: the same error, the same words. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  empty_an = load (empty, G_MAXUINT64, &empty_error);
  null_an = load ("/dev/null", G_MAXUINT64, &null_error);
  g_assert_error (empty_error, LD_ERROR, LD_ERROR_NOT_A_LOG);
  g_assert_error (null_error, LD_ERROR, empty_error->code);
  g_assert_true (g_str_has_prefix (empty_error->message, empty));
  g_assert_true (g_str_has_prefix (null_error->message, "/dev/null"));
  g_assert_cmpstr (null_error->message + strlen ("/dev/null"), ==, empty_error->message + strlen (empty));
  g_assert_cmpuint (ld_analysis_get_skipped (null_an)->len, ==, ld_analysis_get_skipped (empty_an)->len);
  remove_tree (dir);
}

/* A pipe in a folder is named and passed over at once, writer or not;
 * the folder's logs are read. */
static void
test_folder_with_fifo (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-fdir-XXXXXX", NULL);
  g_autofree char *log = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *fifo = make_fifo (dir, "Lync-UccApi-1.UccApilog");
  g_autofree char *other = make_fifo (dir, "notes.fifo");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(LdAnalysis) an = NULL;
  const LdSkippedInput *s;
  gsize len;
  gint64 t0;

  g_assert_true (g_file_get_contents (data ("findings-federation.uccapilog"), &contents, &len, NULL));
  g_assert_true (g_file_set_contents (log, contents, len, NULL));
  t0 = g_get_monotonic_time ();
  an = load (dir, G_MAXUINT64, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - t0, <, PATIENCE);
  g_assert_cmpuint (ld_analysis_get_inputs (an)->len, ==, 1);
  g_assert_cmpuint (ld_analysis_get_attempts (an)->len, ==, 2);
  /* Only the one named like a log is worth a word. */
  g_assert_cmpuint (ld_analysis_get_skipped (an)->len, ==, 1);
  s = g_ptr_array_index (ld_analysis_get_skipped (an), 0);
  g_assert_cmpstr (s->path, ==, fifo);
  g_assert_nonnull (strstr (s->reason, fifo));
  g_assert_nonnull (strstr (s->reason, "named pipe"));
  g_assert_true (ld_skipped_input_is_unread (s));
  remove_tree (dir);
}

/* Near misses: a file, and a link to one, named directly, are read as
 * files: their texts left in the file for the browser. */
static void
test_regular_files_unchanged (void)
{
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-reg-XXXXXX", NULL);
  g_autofree char *link = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  const char *log = data ("Lync-UccApi-0.UccApilog");
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) link_error = NULL;
  g_autoptr(LdAnalysis) an = load (log, G_MAXUINT64, &error);
  g_autoptr(LdAnalysis) link_an = NULL;
  g_autofree char *want = NULL;
  g_autofree char *got = NULL;
  guint in_file = 0;
  GPtrArray *msgs;

  g_assert_no_error (error);
  g_assert_cmpint (symlink (log, link), ==, 0);
  link_an = load (link, G_MAXUINT64, &link_error);
  g_assert_no_error (link_error);
  want = json_of (an, log);
  got = json_of (link_an, link);
  g_assert_cmpstr (got, ==, want);
  msgs = ld_analysis_get_messages (link_an);
  for (guint i = 0; i < msgs->len; i++)
    in_file += _ld_message_text_is_in_file (g_ptr_array_index (msgs, i));
  g_assert_cmpuint (in_file, >, 0);
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* A writer whose reader closed the pipe gets EPIPE, not a signal. */
  signal (SIGPIPE, SIG_IGN);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/input-pipe/fifo-small", test_fifo_small);
  g_test_add_func ("/core/input-pipe/fifo-big", test_fifo_big);
  g_test_add_func ("/core/input-pipe/fifo-late-writer", test_fifo_late_writer);
  g_test_add_func ("/core/input-pipe/fifo-through-link", test_fifo_through_link);
  g_test_add_func ("/core/input-pipe/fifo-cancel", test_fifo_cancel);
  g_test_add_func ("/core/input-pipe/zip-through-pipe", test_zip_through_pipe);
  g_test_add_func ("/core/input-pipe/devices", test_devices);
  g_test_add_func ("/core/input-pipe/folder-with-fifo", test_folder_with_fifo);
  g_test_add_func ("/core/input-pipe/regular-files-unchanged", test_regular_files_unchanged);
  return g_test_run ();
}
