/* test-parallel.c - steps shared over the pool: every piece once, and a
 * narrow step kept to its thread until widened
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib.h>

#include "ld-parallel.h"

typedef struct
{
  guint     n;
  int      *count;   /* times each piece ran (atomic) */
  GThread **thread;  /* the thread that ran each piece */
  int       done;    /* pieces done (atomic) */
  gulong    sleep_us;
} Pieces;

static void
do_piece (guint    index,
          gpointer data)
{
  Pieces *p = data;

  g_assert_cmpuint (index, <, p->n);
  p->thread[index] = g_thread_self ();
  if (p->sleep_us > 0)
    g_usleep (p->sleep_us);
  g_atomic_int_inc (&p->count[index]);
  g_atomic_int_inc (&p->done);
}

static void
pieces_init (Pieces *p,
             guint   n,
             gulong  sleep_us)
{
  p->n = n;
  p->count = g_new0 (int, MAX (n, 1));
  p->thread = g_new0 (GThread *, MAX (n, 1));
  p->done = 0;
  p->sleep_us = sleep_us;
}

static void
pieces_clear (Pieces *p)
{
  g_free (p->count);
  g_free (p->thread);
}

/* Every piece runs once, whatever the number of pieces and the batch. */
static void
test_for_every_piece (void)
{
  static const guint ns[] = { 0, 1, 2, 7, 64, 1000, 4097 };
  static const guint batches[] = { 0, 1, 3, 64, 5000 };

  for (gsize i = 0; i < G_N_ELEMENTS (ns); i++)
    for (gsize b = 0; b < G_N_ELEMENTS (batches); b++)
      {
        Pieces p;

        pieces_init (&p, ns[i], 0);
        _ld_parallel_for (ns[i], batches[b], do_piece, &p);
        g_assert_cmpint (p.done, ==, (int) ns[i]);
        for (guint k = 0; k < ns[i]; k++)
          g_assert_cmpint (p.count[k], ==, 1);
        pieces_clear (&p);
      }
}

typedef struct
{
  LdParallelStep *step;
  GThread        *runner;
} Run;

static gpointer
run_step (gpointer data)
{
  Run *run = data;

  run->runner = g_thread_self ();
  _ld_parallel_step_run (run->step);
  return NULL;
}

/* A step not widened runs on its caller's thread alone; widened while it
 * runs, the pool's threads join in (with more than one processor), and
 * every piece still runs once. */
static void
test_narrow_then_widen (void)
{
  for (guint widen = 0; widen < 2; widen++)
    {
      Pieces p;
      Run run = { 0 };
      GThread *thread;
      guint before, others = 0;
      gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

      /* 1 ms a piece: asleep, a piece leaves the processors to the pool
       * however busy the machine is. */
      pieces_init (&p, widen ? 400 : 60, 1000);
      run.step = _ld_parallel_step_new (p.n, 1, do_piece, &p);
      thread = g_thread_new ("test-narrow", run_step, &run);

      while (g_atomic_int_get (&p.done) < 20 && g_get_monotonic_time () < deadline)
        g_usleep (1000);
      before = (guint) g_atomic_int_get (&p.done);
      g_assert_cmpuint (before, >=, 20);
      if (widen)
        {
          _ld_parallel_step_widen (run.step);
          /* Twice does nothing more. */
          _ld_parallel_step_widen (run.step);
        }
      g_thread_join (thread);
      _ld_parallel_step_unref (run.step);

      g_assert_cmpint (p.done, ==, (int) p.n);
      for (guint k = 0; k < p.n; k++)
        {
          g_assert_cmpint (p.count[k], ==, 1);
          /* Before it was widened: the runner's thread only. */
          if (k < before)
            g_assert_true (p.thread[k] == run.runner);
          others += p.thread[k] != run.runner;
        }
      if (!widen)
        g_assert_cmpuint (others, ==, 0);
      else if (_ld_parallel_get_n_threads () > 1)
        g_assert_cmpuint (others, >, 0);
      pieces_clear (&p);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/parallel/for/every-piece", test_for_every_piece);
  g_test_add_func ("/parallel/step/narrow-then-widen", test_narrow_then_widen);
  return g_test_run ();
}
