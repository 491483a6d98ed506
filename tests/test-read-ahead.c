/* test-read-ahead.c - a read function run ahead on the pool: every byte once,
 * in order, one call at a time; errors passed on; stopping early; and the
 * reader reading itself when the pool has no thread for it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "ld-parallel.h"
#include "ld-read-ahead.h"

#define CHUNK 4096

/* A source of bytes whose value is their position (mod 251), handed out in
 * calls of varying length. */
typedef struct
{
  gsize    total;
  gsize    pos;
  guint    calls;
  int      in_call;    /* callers inside at once (atomic) */
  guint    fail_at;    /* the call that fails (1-based), or 0 */
  GThread *reader_thread;
  gboolean other_thread;  /* a call was on another thread than the reader's */
  gulong   sleep_us;
} Source;

static gsize
source_read (gpointer  data,
             char     *buf,
             gsize     len,
             GError  **error)
{
  Source *src = data;
  gsize n;

  g_assert_cmpint (g_atomic_int_add (&src->in_call, 1), ==, 0);
  src->calls++;
  if (g_thread_self () != src->reader_thread)
    src->other_thread = TRUE;
  if (src->sleep_us > 0)
    g_usleep (src->sleep_us);
  if (src->fail_at != 0 && src->calls == src->fail_at)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "damaged");
      g_atomic_int_add (&src->in_call, -1);
      return 0;
    }
  /* 1 to len bytes, varying with the call */
  n = MIN (src->total - src->pos, 1 + (src->calls * 7919) % len);
  for (gsize i = 0; i < n; i++)
    buf[i] = (char) ((src->pos + i) % 251);
  src->pos += n;
  g_atomic_int_add (&src->in_call, -1);
  return n;
}

static void
source_init (Source *src,
             gsize   total)
{
  memset (src, 0, sizeof *src);
  src->total = total;
  src->reader_thread = g_thread_self ();
}

/* Waits until a thread of the pool has taken the job (or, on one
 * processor, the reader reads). */
static void
wait_taken (LdReadAhead *ahead)
{
  gint64 end = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (ld_read_ahead_get_state (ahead) == LD_READ_AHEAD_PENDING && g_get_monotonic_time () < end)
    g_usleep (1000);
  g_assert_cmpint (ld_read_ahead_get_state (ahead), !=, LD_READ_AHEAD_PENDING);
}

/* Reads everything, checking each byte; returns how many. */
static gsize
read_all (LdReadAhead *ahead,
          GError     **error)
{
  const char *bytes;
  gsize n, got = 0;

  while ((n = ld_read_ahead_next (ahead, &bytes, error)) > 0)
    {
      g_assert_nonnull (bytes);
      g_assert_cmpuint (n, <=, CHUNK);
      for (gsize i = 0; i < n; i++)
        g_assert_cmpint ((guchar) bytes[i], ==, (got + i) % 251);
      got += n;
    }
  return got;
}

/* Every byte, once and in order, for any length; one call at a time. */
static void
test_every_byte (void)
{
  static const gsize totals[] = { 0, 1, CHUNK - 1, CHUNK, 3 * CHUNK + 17, 1000 * CHUNK + 5 };

  for (guint t = 0; t < G_N_ELEMENTS (totals); t++)
    {
      Source src;
      LdReadAhead *ahead;
      g_autoptr(GError) error = NULL;

      source_init (&src, totals[t]);
      ahead = ld_read_ahead_new (source_read, &src, CHUNK);
      wait_taken (ahead);
      g_assert_cmpuint (read_all (ahead, &error), ==, totals[t]);
      g_assert_no_error (error);
      /* And nothing more after the end. */
      {
        const char *bytes = (const char *) 1;

        g_assert_cmpuint (ld_read_ahead_next (ahead, &bytes, &error), ==, 0);
        g_assert_null (bytes);
        g_assert_no_error (error);
      }
      /* With a second processor, the reading was done ahead, on the pool. */
      if (_ld_parallel_get_n_threads () > 1)
        {
          g_assert_cmpint (ld_read_ahead_get_state (ahead), ==, LD_READ_AHEAD_POOL);
          g_assert_true (src.other_thread);
        }
      ld_read_ahead_free (ahead);
    }
}

/* A read that fails ends the bytes, with its error, after every byte
 * before it. */
static void
test_error (void)
{
  Source src;
  LdReadAhead *ahead;
  g_autoptr(GError) error = NULL;
  gsize got;

  source_init (&src, 100 * CHUNK);
  src.fail_at = 5;
  ahead = ld_read_ahead_new (source_read, &src, CHUNK);
  got = read_all (ahead, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  /* the four calls before it */
  g_assert_cmpuint (got, ==, src.pos);
  g_assert_cmpuint (src.calls, ==, 5);
  ld_read_ahead_free (ahead);
}

/* Stopped early, before or after the job began: once freed, the read
 * function is not called again. */
static void
test_stop_early (void)
{
  for (guint after = 0; after < 3; after++)
    {
      Source src;
      LdReadAhead *ahead;
      guint calls;

      source_init (&src, 1000 * CHUNK);
      src.sleep_us = 2000;
      ahead = ld_read_ahead_new (source_read, &src, CHUNK);
      for (guint i = 0; i < after; i++)
        {
          const char *bytes;

          g_assert_cmpuint (ld_read_ahead_next (ahead, &bytes, NULL), >, 0);
        }
      ld_read_ahead_free (ahead);
      calls = src.calls;
      g_usleep (20 * 1000);
      g_assert_cmpuint (src.calls, ==, calls);
      /* the chunks read ahead, and the one being read when stopped */
      g_assert_cmpuint (src.calls, <=, after + 5);
      g_assert_cmpint (g_atomic_int_get (&src.in_call), ==, 0);
    }
}

/* The pool's threads all busy with work that waits for the test: the
 * reader does not wait for them, it reads on its own thread. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean released;
  guint    started;
} Blocker;

static gpointer
block_job (gpointer data)
{
  Blocker *b = data;

  g_mutex_lock (&b->lock);
  b->started++;
  g_cond_broadcast (&b->cond);
  while (!b->released)
    g_cond_wait (&b->cond, &b->lock);
  g_mutex_unlock (&b->lock);
  return NULL;
}

static void
test_pool_busy (void)
{
  guint n_pool = MAX (_ld_parallel_get_n_threads (), 2) - 1;
  Blocker b = { 0 };
  Source src;
  LdReadAhead *ahead;
  g_autoptr(GError) error = NULL;

  g_mutex_init (&b.lock);
  g_cond_init (&b.cond);
  for (guint i = 0; i < n_pool; i++)
    _ld_parallel_run (block_job, &b);
  g_mutex_lock (&b.lock);
  while (b.started < n_pool)
    g_cond_wait (&b.cond, &b.lock);
  g_mutex_unlock (&b.lock);

  source_init (&src, 50 * CHUNK);
  ahead = ld_read_ahead_new (source_read, &src, CHUNK);
  g_assert_cmpuint (read_all (ahead, &error), ==, 50 * CHUNK);
  g_assert_no_error (error);
  g_assert_cmpint (ld_read_ahead_get_state (ahead), ==, LD_READ_AHEAD_READER);
  g_assert_false (src.other_thread);

  /* Let the pool go: the job it then gets to does nothing. */
  g_mutex_lock (&b.lock);
  b.released = TRUE;
  g_cond_broadcast (&b.cond);
  g_mutex_unlock (&b.lock);
  ld_read_ahead_free (ahead);

  /* The pool is usable again: a new read-ahead runs on it. */
  source_init (&src, 50 * CHUNK);
  ahead = ld_read_ahead_new (source_read, &src, CHUNK);
  wait_taken (ahead);
  g_assert_cmpuint (read_all (ahead, NULL), ==, 50 * CHUNK);
  if (_ld_parallel_get_n_threads () > 1)
    g_assert_cmpint (ld_read_ahead_get_state (ahead), ==, LD_READ_AHEAD_POOL);
  ld_read_ahead_free (ahead);
  g_mutex_clear (&b.lock);
  g_cond_clear (&b.cond);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/read-ahead/every-byte", test_every_byte);
  g_test_add_func ("/core/read-ahead/error", test_error);
  g_test_add_func ("/core/read-ahead/stop-early", test_stop_early);
  g_test_add_func ("/core/read-ahead/pool-busy", test_pool_busy);
  return g_test_run ();
}
