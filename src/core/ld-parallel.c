/* ld-parallel.c - independent pieces of work shared between two threads
 *
 * Finishing an analysis has steps whose pieces touch nothing but their
 * own results: each attempt's diagnostics and outcome, each rule's
 * findings. On the two-core machines LyncDiag is measured on, the second
 * core is idle once reading is done, so such a step is shared with one
 * helper thread. Which thread takes a piece varies; its result does not,
 * because every piece writes only its own slot.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-parallel"

#include "config.h"

#include <errno.h>
#if defined(__linux__)
#include <sched.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#elif defined(_WIN32)
#include <windows.h>
#endif

#include "ld-parallel.h"

typedef struct
{
  LdParallelFunc func;
  gpointer       data;
  guint          n;
  guint          batch;
  gint           next;   /* the first index not yet taken (atomic) */
} Share;

static gpointer
run_share (gpointer user_data)
{
  Share *share = user_data;
  guint first;

  while ((first = (guint) g_atomic_int_add (&share->next, (gint) share->batch)) < share->n)
    {
      guint end = MIN (first + share->batch, share->n);

      for (guint i = first; i < end; i++)
        share->func (i, share->data);
    }
  return NULL;
}

/**
 * _ld_parallel_for:
 * @thread_name: the helper thread's name, for debuggers and profilers
 * @n: how many pieces
 * @batch: how many consecutive pieces a thread takes at a time: more for
 *   small pieces, so the threads do not contend for the counter
 * @func: does piece @index; must touch nothing another piece touches
 * @data: for @func
 *
 * Calls @func for every index below @n, on this thread and, when there
 * is more than one processor and more than one batch, on one helper
 * thread. Returns when every piece is done.
 */
void
_ld_parallel_for (const char     *thread_name,
                  guint           n,
                  guint           batch,
                  LdParallelFunc  func,
                  gpointer        data)
{
  Share share = { func, data, n, MAX (batch, 1), 0 };
  GThread *helper = NULL;

  /* The shared counter may run past @n by a batch per thread. */
  g_return_if_fail (n <= G_MAXINT / 2 && share.batch <= G_MAXINT / 4);

  if (n > share.batch && g_get_num_processors () > 1)
    /* Without a thread (out of resources), this one does it all. */
    helper = g_thread_try_new (thread_name, run_share, &share, NULL);
  run_share (&share);
  if (helper != NULL)
    g_thread_join (helper);
}

/**
 * _ld_lower_thread_priority:
 *
 * Lowers the calling thread's priority below the window's, for the
 * threads of an analysis that runs behind a window
 * (%LD_ANALYSIS_FLAGS_BACKGROUND). Best effort: where the system does not
 * allow it, the thread runs as it is.
 */
void
_ld_lower_thread_priority (void)
{
#if defined(__linux__)
  /* On Linux the nice value is per thread. */
  if (setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 10) != 0)
    g_debug ("Could not lower a thread's priority: %s", g_strerror (errno));
#elif defined(_WIN32)
  SetThreadPriority (GetCurrentThread (), THREAD_PRIORITY_BELOW_NORMAL);
#endif
}

/**
 * _ld_idle_thread_priority:
 *
 * Lets the calling thread run only on a processor that has nothing else
 * to do: for work that can wait, done alongside threads that cannot.
 * Best effort, as _ld_lower_thread_priority().
 */
void
_ld_idle_thread_priority (void)
{
#if defined(__linux__) && defined(SCHED_IDLE)
  struct sched_param param = { 0 };

  if (sched_setscheduler ((pid_t) syscall (SYS_gettid), SCHED_IDLE, &param) != 0)
    g_debug ("Could not make a thread idle: %s", g_strerror (errno));
#elif defined(_WIN32)
  SetThreadPriority (GetCurrentThread (), THREAD_PRIORITY_IDLE);
#else
  _ld_lower_thread_priority ();
#endif
}
