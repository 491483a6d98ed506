/* ld-win-bench.c - lyncdiag --bench: how fast a log opens, as the user sees it
 *
 * Opens one input in a real window and prints, one "name: value" line
 * each, what build-aux/bench compares against the targets: the
 * time until the first attempt is drawn, until the document is drawn, the
 * longest stall of the main loop in between, resident memory and the
 * size of the input.
 *
 * Also the most processor time the main thread used within one stall
 * (max-stall-cpu-ms): on a machine shared with other work a stall's length
 * is mostly waiting for a processor, its processor time is the window's
 * own work. Of the longest stall, when it ended (max-stall-at-ms, after
 * opening) and how much of it the main thread spent ready to run but
 * waiting for a processor (max-stall-wait-ms, Linux only).
 *
 * And when each stage of "fully loaded" was first seen, in ms after
 * opening, to tell which one a load waited for last: every byte read
 * (read-ms), the document drawn (document-ms), the attempts list's rows,
 * the shown attempt's cards and the timeline in (listed-ms), the message
 * browser's messages parsed (messages-ms).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <glib/gi18n.h>

#include "ld-win-bench.h"
#include "ld-win-window-private.h"

/* A stall is the gap between two ticks of a high-priority 10 ms timer:
 * nothing the main loop does can delay the next tick by more than the
 * work that blocks it. */
#define TICK_MS 10

typedef struct
{
  LdWinWindow    *window;
  GFile          *file;
  LdWinBenchDone  done;
  gpointer        user_data;
  GdkFrameClock  *clock;
  gulong          paint_id;
  guint           tick_id;
  gint64          opened;        /* monotonic, µs */
  gint64          last_tick;
  gint64          max_gap;
  gint64          last_cpu;      /* the main thread's processor time, µs, -1 where unknown */
  gint64          max_cpu;
  gint64          last_wait;     /* the main thread's time waiting for a processor, µs, -1 where unknown */
  gint64          max_gap_at;    /* µs after opening */
  gint64          max_gap_wait;
  gint64          first_attempt; /* µs after opening, -1 until drawn */
  gint64          loaded;
  gint64          read;          /* µs after opening when each stage was first seen, -1 before */
  gint64          document;
  gint64          listed;
  gint64          messages;
} Bench;

/* The processor time of the calling thread in µs, or -1 */
static gint64
thread_cpu_time (void)
{
#ifdef CLOCK_THREAD_CPUTIME_ID
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) == 0)
    return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
#endif
  return -1;
}

/* How long the calling thread has been ready to run but waiting for a
 * processor, in µs, or -1 (the scheduler's statistics, Linux only) */
static gint64
thread_wait_time (void)
{
  char buf[128];
  FILE *f = fopen ("/proc/thread-self/schedstat", "r");
  unsigned long long run_ns, wait_ns;
  gboolean ok;

  if (f == NULL)
    return -1;
  ok = fgets (buf, sizeof buf, f) != NULL && sscanf (buf, "%llu %llu", &run_ns, &wait_ns) == 2;
  fclose (f);
  return ok ? (gint64) (wait_ns / 1000) : -1;
}

static void
note_stage (gint64   *stage,
            gboolean  reached,
            gint64    since_opened)
{
  if (*stage < 0 && reached)
    *stage = since_opened;
}

/* Which stages of loading the window has reached (see above): the
 * document's only once a frame has drawn them. */
static void
note_stages (Bench    *bench,
             gint64    now,
             gboolean  painted)
{
  LdWinWindow *window = bench->window;
  gint64 since = now - bench->opened;
  gboolean document = ld_win_window_get_state (window) == LD_WIN_STATE_DOCUMENT;

  note_stage (&bench->read, document || (window->job != NULL && ld_loader_get_stage (window->job) >= LD_LOADER_STAGE_ANALYSING),
              since);
  if (!document || !painted)
    return;
  note_stage (&bench->document, TRUE, since);
  note_stage (&bench->listed, window->pending_rows == NULL && !ld_win_attempt_view_is_filling (window->attempt_view) &&
                              !ld_win_timeline_is_held (window->timeline), since);
  note_stage (&bench->messages, !ld_win_messages_is_waiting (window->messages), since);
}

static gboolean
on_tick (gpointer user_data)
{
  Bench *bench = user_data;
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_time ();
  gint64 wait = thread_wait_time ();

  if (now - bench->last_tick > bench->max_gap)
    {
      bench->max_gap = now - bench->last_tick;
      bench->max_gap_at = now - bench->opened;
      bench->max_gap_wait = wait >= 0 && bench->last_wait >= 0 ? wait - bench->last_wait : -1;
    }
  bench->last_tick = now;
  bench->last_wait = wait;
  note_stages (bench, now, FALSE);
  if (cpu >= 0 && bench->last_cpu >= 0)
    bench->max_cpu = MAX (bench->max_cpu, cpu - bench->last_cpu);
  bench->last_cpu = cpu;
  return G_SOURCE_CONTINUE;
}

/* VmHWM and VmRSS in kB from /proc/self/status, or -1 where there is no
 * such file (not Linux). */
static void
read_memory (gint64 *peak_kb,
             gint64 *current_kb)
{
  g_autofree char *status = NULL;
  const char *p;

  *peak_kb = -1;
  *current_kb = -1;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  if ((p = strstr (status, "VmHWM:")) != NULL)
    *peak_kb = g_ascii_strtoll (p + 6, NULL, 10);
  if ((p = strstr (status, "VmRSS:")) != NULL)
    *current_kb = g_ascii_strtoll (p + 6, NULL, 10);
}

static void
print_mb (const char *name,
          gint64      kb)
{
  if (kb < 0)
    printf ("%s: n/a\n", name);
  else
    printf ("%s: %.1f\n", name, kb / 1024.0);
}

static void
print_stage (const char *name,
             gint64      us)
{
  if (us < 0)
    printf ("%s: n/a\n", name);
  else
    printf ("%s: %" G_GINT64_FORMAT "\n", name, us / 1000);
}

static guint64
input_bytes (Bench *bench)
{
  g_autoptr(GFileInfo) info = g_file_query_info (bench->file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  LdAnalysis *analysis;
  guint64 sum = 0;

  if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    return g_file_info_get_size (info);
  /* A folder: what was read of it. */
  analysis = ld_win_window_get_analysis (bench->window);
  for (guint i = 0; analysis != NULL && i < ld_analysis_get_inputs (analysis)->len; i++)
    sum += ((LdInput *) g_ptr_array_index (ld_analysis_get_inputs (analysis), i))->bytes;
  return sum;
}

static void
bench_finish (Bench *bench,
              int    status)
{
  LdWinBenchDone done = bench->done;
  gpointer user_data = bench->user_data;

  g_clear_handle_id (&bench->tick_id, g_source_remove);
  g_clear_signal_handler (&bench->paint_id, bench->clock);
  g_clear_object (&bench->clock);
  g_clear_object (&bench->file);
  g_clear_object (&bench->window);
  g_free (bench);
  done (status, user_data);
}

static void
report (Bench *bench)
{
  LdAnalysis *analysis = ld_win_window_get_analysis (bench->window);
  guint64 bytes = input_bytes (bench);
  gint64 peak_kb, current_kb;

  read_memory (&peak_kb, &current_kb);
  printf ("input-bytes: %" G_GUINT64_FORMAT "\n", bytes);
  printf ("input-mb: %.1f\n", bytes / (1024.0 * 1024.0));
  printf ("attempts: %u\n", analysis != NULL ? ld_analysis_get_attempts (analysis)->len : 0);
  if (bench->first_attempt >= 0)
    printf ("first-attempt-ms: %" G_GINT64_FORMAT "\n", bench->first_attempt / 1000);
  else
    printf ("first-attempt-ms: n/a\n");
  printf ("loaded-ms: %" G_GINT64_FORMAT "\n", bench->loaded / 1000);
  printf ("max-stall-ms: %" G_GINT64_FORMAT "\n", bench->max_gap / 1000);
  if (bench->last_cpu >= 0)
    printf ("max-stall-cpu-ms: %" G_GINT64_FORMAT "\n", bench->max_cpu / 1000);
  else
    printf ("max-stall-cpu-ms: n/a\n");
  printf ("max-stall-at-ms: %" G_GINT64_FORMAT "\n", bench->max_gap_at / 1000);
  if (bench->max_gap_wait >= 0)
    printf ("max-stall-wait-ms: %" G_GINT64_FORMAT "\n", bench->max_gap_wait / 1000);
  else
    printf ("max-stall-wait-ms: n/a\n");
  print_stage ("read-ms", bench->read);
  print_stage ("document-ms", bench->document);
  print_stage ("listed-ms", bench->listed);
  print_stage ("messages-ms", bench->messages);
  print_mb ("peak-rss-mb", peak_kb);
  print_mb ("rss-mb", current_kb);
  if (peak_kb >= 0 && bytes > 0)
    printf ("peak-rss-per-input: %.2f\n", peak_kb * 1024.0 / (double) bytes);
  fflush (stdout);
}

/* After each frame: what the user sees is what was just painted. */
static void
on_after_paint (GdkFrameClock *clock,
                Bench         *bench)
{
  gint64 now = g_get_monotonic_time ();
  LdWinState state = ld_win_window_get_state (bench->window);

  note_stages (bench, now, TRUE);
  /* Loading, or the document is shown and its attempts list still filling. */
  if (state == LD_WIN_STATE_LOADING ||
      (state == LD_WIN_STATE_DOCUMENT && ld_win_window_is_filling (bench->window)))
    {
      if (bench->first_attempt < 0 && ld_win_window_get_n_early_attempts (bench->window) > 0 &&
          !ld_win_timeline_is_held (ld_win_window_get_early_timeline (bench->window)))
        bench->first_attempt = now - bench->opened;
      return;
    }

  /* The gap that ends with this frame counts too. */
  on_tick (bench);
  if (state == LD_WIN_STATE_DOCUMENT)
    {
      LdAnalysis *analysis = ld_win_window_get_analysis (bench->window);

      bench->loaded = now - bench->opened;
      /* Read too fast for an early one: the document shows the first. */
      if (bench->first_attempt < 0 && analysis != NULL && ld_analysis_get_attempts (analysis)->len > 0)
        bench->first_attempt = bench->loaded;
      report (bench);
      bench_finish (bench, 0);
    }
  else
    {
      fprintf (stderr, "lyncdiag --bench: %s\n", ld_win_window_get_error_title (bench->window));
      bench_finish (bench, 1);
    }
}

/**
 * ld_win_bench_run:
 * @window: a blank, presented window
 * @file: what to open
 * @done: called once the numbers are printed (status 0) or the file could
 *   not be opened (status 1)
 *
 * Opens @file in @window and prints the timings to stdout.
 */
void
ld_win_bench_run (LdWinWindow    *window,
                  GFile          *file,
                  LdWinBenchDone  done,
                  gpointer        user_data)
{
  Bench *bench = g_new0 (Bench, 1);

  g_return_if_fail (LD_WIN_IS_WINDOW (window));
  g_return_if_fail (gtk_widget_get_realized (GTK_WIDGET (window)));

  bench->window = g_object_ref (window);
  bench->file = g_object_ref (file);
  bench->done = done;
  bench->user_data = user_data;
  bench->first_attempt = -1;
  bench->read = bench->document = bench->listed = bench->messages = -1;
  bench->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (window)));
  bench->paint_id = g_signal_connect (bench->clock, "after-paint", G_CALLBACK (on_after_paint), bench);

  bench->opened = g_get_monotonic_time ();
  bench->last_tick = bench->opened;
  bench->last_cpu = thread_cpu_time ();
  bench->last_wait = thread_wait_time ();
  bench->max_gap_wait = -1;
  bench->tick_id = g_timeout_add_full (G_PRIORITY_HIGH, TICK_MS, on_tick, bench, NULL);
  ld_win_window_open (window, &file, 1);
}
