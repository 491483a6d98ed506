/* ld-parallel.c - independent pieces of work shared out over one pool of threads
 *
 * Finishing an analysis has steps whose pieces touch nothing but their
 * own results: each attempt's diagnostics and outcome, each rule's
 * findings, each block of the browser's messages, each block of the JSON.
 * Such a step is shared between the calling thread and the threads of one
 * pool for the whole process, one for each processor besides the caller's.
 * The caller takes pieces too, so a step never waits for a pool thread to
 * be free: a pool busy with another analysis only means the caller does
 * more of it. (A thread more would only sit idle, keeping a malloc arena
 * of its own: 2 MB more peak memory for the command line on 500 MB.)
 * Which thread takes a piece varies; the result does not, because every
 * piece writes only its own slot.
 *
 * A step may also begin on its caller's thread alone and be shared later
 * (_ld_parallel_step_new(), _ld_parallel_step_widen()): the window keeps
 * a processor for its frames that way while the browser's messages are
 * parsed and it lists the attempts (ld-loader.c).
 *
 * The same pool runs whatever else is long and must not hold up its
 * caller (_ld_parallel_run(): the analysing half of reading a large
 * input, ld-record-queue.c; a zip member's inflating, ld-read-ahead.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-parallel"

#include "config.h"

#include "ld-parallel.h"

/* A step being shared. It lives until the caller and every pool thread
 * that was handed it are done with it: a pool thread that gets to it after
 * the caller took the last piece finds nothing left and lets go. */
struct _LdParallelStep
{
  gatomicrefcount ref;
  LdParallelFunc  func;
  gpointer        data;
  guint           n;
  guint           batch;
  gint            next;     /* the first index not yet taken (atomic) */
  GMutex          lock;
  GCond           cond;
  guint           done;     /* pieces finished, under lock */
  gboolean        widened;  /* the pool's threads were handed it, under lock */
};

/* A job of the pool: a share of a step, or a function of its own. */
typedef struct
{
  LdParallelStep *step;
  GThreadFunc     func;
  gpointer        data;
} Job;

static GThreadPool *pool;

LdParallelStep *
_ld_parallel_step_ref (LdParallelStep *step)
{
  g_atomic_ref_count_inc (&step->ref);
  return step;
}

void
_ld_parallel_step_unref (LdParallelStep *step)
{
  if (!g_atomic_ref_count_dec (&step->ref))
    return;
  g_mutex_clear (&step->lock);
  g_cond_clear (&step->cond);
  g_free (step);
}

static void
run_share (LdParallelStep *step)
{
  guint first;

  while ((first = (guint) g_atomic_int_add (&step->next, (gint) step->batch)) < step->n)
    {
      guint end = MIN (first + step->batch, step->n);

      for (guint i = first; i < end; i++)
        step->func (i, step->data);
      g_mutex_lock (&step->lock);
      step->done += end - first;
      if (step->done == step->n)
        g_cond_broadcast (&step->cond);
      g_mutex_unlock (&step->lock);
    }
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  if (job->step != NULL)
    {
      run_share (job->step);
      _ld_parallel_step_unref (job->step);
    }
  else
    job->func (job->data);
  g_free (job);
}

static GThreadPool *
get_pool (void)
{
  static gsize once;

  if (g_once_init_enter (&once))
    {
      /* Shared by every analysis of the process; its threads are made when
       * first needed and kept, idle, for the next step. */
      pool = g_thread_pool_new (run_job, NULL, (int) MAX (_ld_parallel_get_n_threads () - 1, 1), FALSE, NULL);
      g_once_init_leave (&once, 1);
    }
  return pool;
}

/**
 * _ld_parallel_get_n_threads:
 *
 * Returns: how many threads may work on one step at a time: the caller
 *   and the pool's, one per processor in all
 */
guint
_ld_parallel_get_n_threads (void)
{
  return MAX (g_get_num_processors (), 1);
}

/**
 * _ld_parallel_step_new:
 * @n: how many pieces
 * @batch: how many consecutive pieces a thread takes at a time: more for
 *   small pieces, so the threads do not contend for the counter
 * @func: does piece @index; must touch nothing another piece touches
 * @data: for @func
 *
 * A step that _ld_parallel_step_run() does on its caller's thread alone
 * until _ld_parallel_step_widen() shares it with the pool: a window that
 * is drawing keeps a processor for itself that way (ld-loader.c).
 * _ld_parallel_for() widens it at once.
 *
 * Returns: (transfer full): the step
 */
LdParallelStep *
_ld_parallel_step_new (guint           n,
                       guint           batch,
                       LdParallelFunc  func,
                       gpointer        data)
{
  LdParallelStep *step;

  batch = MAX (batch, 1);
  /* The shared counter may run past @n by a batch per thread. */
  g_return_val_if_fail (n <= G_MAXINT / 2 && batch <= G_MAXINT / 4, NULL);

  step = g_new0 (LdParallelStep, 1);
  g_atomic_ref_count_init (&step->ref);
  step->func = func;
  step->data = data;
  step->n = n;
  step->batch = batch;
  g_mutex_init (&step->lock);
  g_cond_init (&step->cond);
  return step;
}

/**
 * _ld_parallel_step_widen:
 * @step: a step
 *
 * Hands @step to as many of the pool's threads as there are processors
 * besides the caller's of _ld_parallel_step_run() and batches to share.
 * Any thread may call it, before the step is run or while it runs; it
 * does nothing the second time, or once every piece is taken.
 */
void
_ld_parallel_step_widen (LdParallelStep *step)
{
  guint n_batches = (step->n + step->batch - 1) / step->batch;
  guint helpers = n_batches > 0 ? MIN (n_batches, _ld_parallel_get_n_threads ()) - 1 : 0;

  g_mutex_lock (&step->lock);
  if (step->widened || (guint) g_atomic_int_get (&step->next) >= step->n)
    helpers = 0;
  step->widened = TRUE;
  g_mutex_unlock (&step->lock);

  for (guint i = 0; i < helpers; i++)
    {
      Job *job = g_new0 (Job, 1);

      job->step = _ld_parallel_step_ref (step);
      /* When no new thread can be had (out of resources), the job waits
       * for one of the pool's, and the caller does the pieces meanwhile. */
      g_thread_pool_push (get_pool (), job, NULL);
    }
}

/**
 * _ld_parallel_step_run:
 * @step: a step, run once
 *
 * Does pieces of @step on this thread, with those of the pool it was
 * handed to, and returns when every piece is done.
 */
void
_ld_parallel_step_run (LdParallelStep *step)
{
  run_share (step);
  g_mutex_lock (&step->lock);
  while (step->done < step->n)
    g_cond_wait (&step->cond, &step->lock);
  g_mutex_unlock (&step->lock);
}

/**
 * _ld_parallel_for:
 * @n: how many pieces
 * @batch: see _ld_parallel_step_new()
 * @func: does piece @index; must touch nothing another piece touches
 * @data: for @func
 *
 * Calls @func for every index below @n, on this thread and on as many of
 * the pool's threads as there are processors besides this one's and
 * batches to share. Returns when every piece is done.
 */
void
_ld_parallel_for (guint           n,
                  guint           batch,
                  LdParallelFunc  func,
                  gpointer        data)
{
  LdParallelStep *step;

  /* One batch, or one processor: nothing to share. */
  if (n <= MAX (batch, 1) || _ld_parallel_get_n_threads () == 1)
    {
      for (guint i = 0; i < n; i++)
        func (i, data);
      return;
    }
  step = _ld_parallel_step_new (n, batch, func, data);
  g_return_if_fail (step != NULL);
  _ld_parallel_step_widen (step);
  _ld_parallel_step_run (step);
  _ld_parallel_step_unref (step);
}

/**
 * _ld_parallel_run:
 * @func: the work
 * @data: for @func
 *
 * Runs @func on one of the pool's threads, as soon as one is free. It
 * must end by itself, without waiting for anything the pool would have to
 * run; the caller learns that it did by a means of its own
 * (ld-record-queue.c: the last batch).
 */
void
_ld_parallel_run (GThreadFunc func,
                  gpointer    data)
{
  Job *job = g_new0 (Job, 1);

  job->func = func;
  job->data = data;
  g_thread_pool_push (get_pool (), job, NULL);
}
