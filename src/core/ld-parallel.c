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
 * of its own: 2 MB more peak memory for the command line on 500 MB.) Which thread takes a piece varies; the result does not, because
 * every piece writes only its own slot.
 *
 * The same pool runs whatever else is long and must not hold up its
 * caller (_ld_parallel_run(): the analysing half of reading a large
 * input, ld-record-queue.c).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-parallel"

#include "config.h"

#include "ld-parallel.h"

/* A step being shared. It lives until the caller and every pool thread
 * that was handed it are done with it: a pool thread that gets to it after
 * the caller took the last piece finds nothing left and lets go. */
typedef struct
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
} Share;

/* A job of the pool: a share of a step, or a function of its own. */
typedef struct
{
  Share     *share;
  GThreadFunc func;
  gpointer    data;
} Job;

static GThreadPool *pool;

static void
share_unref (Share *share)
{
  if (!g_atomic_ref_count_dec (&share->ref))
    return;
  g_mutex_clear (&share->lock);
  g_cond_clear (&share->cond);
  g_free (share);
}

static void
run_share (Share *share)
{
  guint first;

  while ((first = (guint) g_atomic_int_add (&share->next, (gint) share->batch)) < share->n)
    {
      guint end = MIN (first + share->batch, share->n);

      for (guint i = first; i < end; i++)
        share->func (i, share->data);
      g_mutex_lock (&share->lock);
      share->done += end - first;
      if (share->done == share->n)
        g_cond_broadcast (&share->cond);
      g_mutex_unlock (&share->lock);
    }
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  if (job->share != NULL)
    {
      run_share (job->share);
      share_unref (job->share);
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
 * _ld_parallel_for:
 * @n: how many pieces
 * @batch: how many consecutive pieces a thread takes at a time: more for
 *   small pieces, so the threads do not contend for the counter
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
  Share *share;
  guint n_batches, helpers;

  batch = MAX (batch, 1);
  /* The shared counter may run past @n by a batch per thread. */
  g_return_if_fail (n <= G_MAXINT / 2 && batch <= G_MAXINT / 4);

  n_batches = (n + batch - 1) / batch;
  helpers = MIN (n_batches, _ld_parallel_get_n_threads ()) - (n_batches > 0 ? 1 : 0);
  if (helpers == 0)
    {
      for (guint i = 0; i < n; i++)
        func (i, data);
      return;
    }

  share = g_new0 (Share, 1);
  g_atomic_ref_count_init (&share->ref);
  share->func = func;
  share->data = data;
  share->n = n;
  share->batch = batch;
  g_mutex_init (&share->lock);
  g_cond_init (&share->cond);
  for (guint i = 0; i < helpers; i++)
    {
      Job *job = g_new0 (Job, 1);

      g_atomic_ref_count_inc (&share->ref);
      job->share = share;
      /* When no new thread can be had (out of resources), the job waits
       * for one of the pool's, and this thread does the pieces meanwhile. */
      g_thread_pool_push (get_pool (), job, NULL);
    }
  run_share (share);
  g_mutex_lock (&share->lock);
  while (share->done < share->n)
    g_cond_wait (&share->cond, &share->lock);
  g_mutex_unlock (&share->lock);
  share_unref (share);
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
