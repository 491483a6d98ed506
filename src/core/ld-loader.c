/* ld-loader.c - loading logs into an analysis: threads, progress, cancellation, inputs that fail
 *
 * Everything that loads logs (the app's window, the command line's
 * analyze, wizard and report) goes through here, so they read the same
 * inputs in the same order and treat an input that fails the same way:
 *
 * - the files named are read oldest rotated file first
 *   (ld_files_sort_rotated()), so that a message cut between two of them
 *   is read whole;
 * - an input that cannot be read, or holds no log, is skipped and
 *   recorded with its reason (ld_analysis_get_skipped()); the others are
 *   analysed. Only when no input at all held a log does the load fail,
 *   with the first input's error; the skipped inputs are still there to
 *   name (ld_loader_get_skipped()). What a front end makes of the skipped
 *   inputs (the command line's exit status 3, the window's banner) is its
 *   own wording of that one outcome.
 *
 * The shape is Sysprof's document loader: ld_loader_load_async() reads on
 * a worker thread and calls back on the caller's main context, where the
 * progress is also told (the "fraction" and "stage" properties, at most
 * every PROGRESS_INTERVAL_MS). Loading is staged for a window: the
 * callback gets the analysis once its attempts and findings are made; with
 * %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES the message browser's messages are
 * then parsed on another worker while the window shows the attempts (on
 * that worker alone while the window lists them, if it asked so:
 * ld_loader_hold_messages()), and "stage" becomes %LD_LOADER_STAGE_DONE
 * when they are ready. Meanwhile
 * ld_loader_dup_early_attempts() gives the attempts found so far, for the
 * first paint, and ld_loader_dup_early_attempts_from() those found since
 * the last refresh.
 *
 * A redacted report loads its logs here too (ld-redact-analysis.c): the
 * analysis reads every input through a redactor (_ld_loader_set_redactor()),
 * and a learning redactor's load only reads, since what it learns is all
 * that pass is for.
 *
 * Threads: the worker (a GTask's), and the pool of ld-parallel.c, sized to
 * the machine, which analyses what the worker reads (ld-record-queue.c),
 * or inflates a zip member ahead of it (ld-read-ahead.c), and shares out
 * the steps of finishing. Nothing else starts one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-loader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "ld-input-private.h"
#include "ld-loader-private.h"
#include "ld-redact-private.h"

/* Progress is told at most this often: a bar moves smoothly, and a window
 * is not woken a thousand times a second by a fast read. */
#define PROGRESS_INTERVAL_MS 40

struct _LdLoader
{
  GObject          parent_instance;

  LdAnalysisFlags  flags;
  GPtrArray       *files;         /* GFile, in reading order once loading began */
  guint            small_log;     /* see ld_loader_set_small_log() */
  gboolean         started;
  LdRedactor      *redactor;      /* until the load begins: see _ld_loader_set_redactor() */
  gboolean         learning;      /* through a learning redactor: read only, nothing analysed */
  LdProgressFunc   progress_func; /* see _ld_loader_set_progress_func() */
  gpointer         progress_data;
  GPtrArray       *file_errors;   /* GError or NULL, one per file, once loading began */

  /* Shared with the worker: under lock. */
  GMutex           lock;
  LdAnalysis      *analysis;      /* being loaded, then loaded; NULL once cancelled */
  LdLoaderStage    stage;
  double           fraction;
  guint64          bytes_read;
  guint64          bytes_total;
  guint            current;
  GMainContext    *context;       /* the caller's, where progress is told; NULL when synchronous */
  GSource         *notify_source; /* pending on it */

  /* The worker's own: how far each named input takes the fraction. */
  double          *weights;       /* one per file, summing to 1 */
  double           base;          /* the fraction where the current file began */
  guint64          file_done0;    /* the analysis's progress when it began */
  guint64          file_total0;

  /* The caller's: the analysis whose messages are parsed once the load's
   * callback has returned (see on_loaded()); held, the one whose parse
   * keeps to one thread until the caller lets it go
   * (ld_loader_hold_messages()). */
  LdAnalysis      *messages_next;
  gboolean         hold_messages;
  LdAnalysis      *messages_held;
  GSource         *hold_timeout;  /* lets go if the caller does not */

  /* The caller's, what was last told. */
  LdLoaderStage    told_stage;
  double           told_fraction;
  guint            told_current;
};

enum
{
  PROP_0,
  PROP_STAGE,
  PROP_FRACTION,
  PROP_CURRENT_FILE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (LdLoader, ld_loader, G_TYPE_OBJECT)

/* ---- Progress, told on the caller's main context ------------------------- */

static gboolean
tell_progress (gpointer data)
{
  LdLoader *self = data;
  LdLoaderStage stage;
  double fraction;
  guint current;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->notify_source, g_source_unref);
  stage = self->stage;
  fraction = self->fraction;
  current = self->current;
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));
  if (current != self->told_current)
    {
      self->told_current = current;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_FILE]);
    }
  if (fraction != self->told_fraction)
    {
      self->told_fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
  if (stage != self->told_stage)
    {
      self->told_stage = stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
    }
  g_object_thaw_notify (G_OBJECT (self));
  return G_SOURCE_REMOVE;
}

/* Under lock: progress will be told soon (at once when @now). */
static void
schedule_tell_locked (LdLoader *self,
                      gboolean  now)
{
  if (self->context == NULL)
    return;
  if (self->notify_source != NULL)
    {
      if (!now)
        return;
      g_source_destroy (self->notify_source);
      g_clear_pointer (&self->notify_source, g_source_unref);
    }
  self->notify_source = now ? g_idle_source_new () : g_timeout_source_new (PROGRESS_INTERVAL_MS);
  /* Not idle priority: a window drawing frames would starve it until the
   * load ends, and its first paint of the attempts found with it. */
  g_source_set_priority (self->notify_source, G_PRIORITY_DEFAULT);
  g_source_set_callback (self->notify_source, tell_progress, g_object_ref (self), g_object_unref);
  g_source_set_static_name (self->notify_source, "[ld-loader] progress");
  g_source_attach (self->notify_source, self->context);
}

static void
set_stage (LdLoader      *self,
           LdLoaderStage  stage)
{
  g_mutex_lock (&self->lock);
  self->stage = stage;
  if (stage == LD_LOADER_STAGE_ANALYSING)
    self->fraction = 1.0;
  schedule_tell_locked (self, TRUE);
  g_mutex_unlock (&self->lock);
}

/* From the reading thread, after each chunk: @done and @total are the
 * analysis's, across every input, and @total grows as folders and zips
 * are opened. Each named file moves the fraction across its own share
 * (its size against the others'), so it never goes back. */
static void
on_analysis_progress (guint64  done,
                      guint64  total,
                      gpointer user_data)
{
  LdLoader *self = user_data;
  guint64 file_done = done - self->file_done0;
  guint64 file_total = total - self->file_total0;
  double within = file_total > 0 ? MIN ((double) file_done / (double) file_total, 1.0) : 0.0;
  double fraction = MIN (self->base + self->weights[self->current] * within, 1.0);

  g_mutex_lock (&self->lock);
  self->bytes_read = done;
  self->bytes_total = MAX (total, done);
  self->fraction = MAX (self->fraction, fraction);
  schedule_tell_locked (self, FALSE);
  g_mutex_unlock (&self->lock);
  if (self->progress_func != NULL)
    self->progress_func (done, MAX (total, done), self->progress_data);
}

/* The share of the fraction each named file takes: its size, a folder's
 * (unknown without walking it) that of an average file. */
static void
weigh_files (LdLoader     *self,
             GCancellable *cancellable)
{
  guint n = self->files->len;
  g_autofree guint64 *sizes = g_new0 (guint64, n);
  guint64 sum = 0;
  guint known = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GFileInfo) info = g_file_query_info (g_ptr_array_index (self->files, i),
                                                     G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                                                     G_FILE_QUERY_INFO_NONE, cancellable, NULL);

      if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
        {
          sizes[i] = MAX (g_file_info_get_size (info), 1);
          sum += sizes[i];
          known++;
        }
    }
  for (guint i = 0; i < n; i++)
    if (sizes[i] == 0)
      sizes[i] = known > 0 ? MAX (sum / known, 1) : 1;
  sum = 0;
  for (guint i = 0; i < n; i++)
    sum += sizes[i];
  self->weights = g_new (double, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    self->weights[i] = (double) sizes[i] / (double) sum;
}

/* ---- Loading ------------------------------------------------------------ */

/* Reads every file into @analysis and makes its attempts and findings: the
 * one policy for inputs that fail. Returns FALSE when cancelled, or when
 * no input held a log. */
static gboolean
read_and_analyse (LdLoader      *self,
                  LdAnalysis    *analysis,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GPtrArray *skipped = ld_analysis_get_skipped (analysis);
  g_autoptr(GError) first_error = NULL;

  weigh_files (self, cancellable);
  for (guint i = 0; i < self->files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->files, i);
      g_autoptr(GError) local_error = NULL;
      guint before = skipped->len;

      g_mutex_lock (&self->lock);
      self->current = i;
      self->file_done0 = self->bytes_read;
      self->file_total0 = self->bytes_total;
      g_mutex_unlock (&self->lock);
      self->base = 0;
      for (guint k = 0; k < i; k++)
        self->base += self->weights[k];

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* The last file, when it is a file and not a folder, holds the run's
       * last input (or a zip's, which name their members): its messages
       * need no fingerprints for inputs that follow (ld-analysis-read.c). */
      if (i + 1 == self->files->len &&
          g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_REGULAR)
        _ld_analysis_set_last_file (analysis);
      ld_analysis_set_progress_func (analysis, on_analysis_progress, self);
      if (ld_analysis_add_file (analysis, file, cancellable, &local_error))
        {
          ld_analysis_set_progress_func (analysis, NULL, NULL);
          continue;
        }
      ld_analysis_set_progress_func (analysis, NULL, NULL);
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      /* ld_analysis_add_file() records what it skips; an error it did not
       * record (none is known) is recorded here, so that every input that
       * failed is named, with its reason, wherever it is shown. */
      if (skipped->len == before)
        {
          g_autofree char *path = g_file_get_parse_name (file);

          _ld_input_skip (analysis, path, NULL,
                          local_error->domain == LD_ERROR ? local_error->code : LD_ERROR_READ,
                          g_strdup (local_error->message));
        }
      g_ptr_array_index (self->file_errors, i) = g_error_copy (local_error);
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (ld_analysis_get_inputs (analysis)->len == 0)
    {
      if (first_error != NULL)
        g_propagate_error (error, g_steal_pointer (&first_error));
      else
        g_set_error_literal (error, LD_ERROR, LD_ERROR_NO_LOGS,
                             _("No Lync or Skype for Business log was found in what you opened."));
      return FALSE;
    }

  set_stage (self, LD_LOADER_STAGE_ANALYSING);
  if (!self->learning)
    ld_analysis_finish_attempts (analysis);
  return TRUE;
}

static void
free_file_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

/* Sorts the files and makes the analysis: what both ways of loading do
 * first, on the caller's thread. */
static LdAnalysis *
begin_load (LdLoader     *self,
            GMainContext *context)   /* (transfer full) (nullable) */
{
  LdAnalysis *analysis = ld_analysis_new (self->flags);

  self->started = TRUE;
  if (self->redactor != NULL)
    _ld_analysis_set_redactor (analysis, g_steal_pointer (&self->redactor));
  /* A log's rotated files oldest first, so that a message cut between two
   * of them is read whole. */
  ld_files_sort_rotated (self->files);
  self->file_errors = g_ptr_array_new_full (self->files->len, free_file_error);
  g_ptr_array_set_size (self->file_errors, self->files->len);
  g_mutex_lock (&self->lock);
  self->analysis = g_object_ref (analysis);
  self->context = context;
  g_mutex_unlock (&self->lock);
  return analysis;
}

/* After a load that failed: the analysis stays for its skipped inputs,
 * unless the load was cancelled, which leaves nothing behind. */
static void
end_failed_load (LdLoader     *self,
                 const GError *error)
{
  g_autoptr(LdAnalysis) dropped = NULL;

  g_mutex_lock (&self->lock);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    dropped = g_steal_pointer (&self->analysis);
  g_mutex_unlock (&self->lock);
  set_stage (self, LD_LOADER_STAGE_DONE);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LdLoader *self = source_object;
  LdAnalysis *analysis = task_data;
  GError *error = NULL;

  if (!read_and_analyse (self, analysis, cancellable, &error))
    {
      end_failed_load (self, error);
      g_task_return_error (task, error);
      return;
    }
  /* A small log's messages take a moment: parsed here, to be shown with
   * the rest. */
  if (!self->learning && ld_analysis_get_total_sip_messages (analysis) < self->small_log)
    ld_analysis_finish_messages (analysis);
  g_task_return_pointer (task, g_object_ref (analysis), g_object_unref);
}

static void
messages_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  /* Not ld_analysis_finish_messages(), which would widen a held parse. */
  _ld_analysis_parse_messages (task_data);
  set_stage (source_object, LD_LOADER_STAGE_DONE);
  g_task_return_boolean (task, TRUE);
}

/* The second stage: the message browser's messages, parsed while the
 * caller shows the attempts. */
static void
finish_messages_async (LdLoader   *self,
                       LdAnalysis *analysis)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, NULL, NULL);

  g_task_set_source_tag (task, finish_messages_async);
  g_task_set_name (task, "[ld-loader] messages");
  g_task_set_task_data (task, g_object_ref (analysis), g_object_unref);
  g_task_run_in_thread (task, messages_thread);
}

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} LoadCall;

/* A caller that held the messages and did not let them go in time: the
 * parse gets every processor all the same. */
#define HOLD_MESSAGES_MS 1000

static gboolean
on_hold_timeout (gpointer user_data)
{
  ld_loader_release_messages (user_data);
  return G_SOURCE_REMOVE;
}

/* The caller's callback, then the last stage: the caller shows the
 * attempts first, whatever the messages take. */
static void
on_loaded (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LdLoader *self = LD_LOADER (source);
  LoadCall *call = user_data;
  g_autoptr(LdAnalysis) analysis = NULL;

  if (call->callback != NULL)
    call->callback (source, result, call->user_data);
  g_free (call);
  if (self->messages_next == NULL)
    return;
  analysis = g_steal_pointer (&self->messages_next);
  if (self->hold_messages)
    {
      /* On one thread until the caller lets go, else this does; the
       * loader stays until then. */
      _ld_analysis_narrow_messages (analysis);
      g_set_object (&self->messages_held, analysis);
      self->hold_timeout = g_timeout_source_new (HOLD_MESSAGES_MS);
      g_source_set_name (self->hold_timeout, "[ld-loader] messages held");
      g_source_set_callback (self->hold_timeout, on_hold_timeout, g_object_ref (self), g_object_unref);
      g_source_attach (self->hold_timeout, g_main_context_get_thread_default ());
    }
  finish_messages_async (self, analysis);
}

/**
 * ld_loader_hold_messages:
 * @self: a loader, before ld_loader_load_async()
 *
 * Asks the loader to parse the message browser's messages, its last stage
 * (see ld_loader_load_async()), on one thread only until
 * ld_loader_release_messages() is called, and on every processor after:
 * a window calls it once it has drawn the attempts list's first rows, so
 * that the frames that lay them out have a processor of their own. If it
 * is not called within a second, the parse gets every processor all the
 * same, as it does when ld_analysis_get_messages() is called.
 */
void
ld_loader_hold_messages (LdLoader *self)
{
  g_return_if_fail (LD_IS_LOADER (self));
  g_return_if_fail (!self->started);

  self->hold_messages = TRUE;
}

/**
 * ld_loader_release_messages:
 * @self: a loader
 *
 * Lets the parse ld_loader_hold_messages() held to one thread use every
 * processor, if it is held; does nothing otherwise. Call it on the main
 * context of ld_loader_load_async().
 */
void
ld_loader_release_messages (LdLoader *self)
{
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(LdLoader) keep = NULL;

  g_return_if_fail (LD_IS_LOADER (self));

  /* The timeout's reference may be the last but the caller's. */
  keep = g_object_ref (self);
  if (self->hold_timeout != NULL)
    {
      g_source_destroy (self->hold_timeout);
      g_clear_pointer (&self->hold_timeout, g_source_unref);
    }
  analysis = g_steal_pointer (&self->messages_held);
  if (analysis != NULL)
    _ld_analysis_widen_messages (analysis);
}

/**
 * ld_loader_load_async:
 * @self: a loader with its files added, not loaded before
 * @cancellable: (nullable): to stop loading: nothing of it is kept then
 * @callback: called on the thread-default main context of the caller
 * @user_data: for @callback
 *
 * Loads the files on a worker thread. Progress is told by notifications
 * of "fraction", "current-file" and "stage" on the caller's main context.
 * @callback calls ld_loader_load_finish(); when it runs, the attempts and
 * findings are made. With %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, a log
 * larger than ld_loader_set_small_log() has its messages parsed once
 * @callback has returned, on a worker, until "stage" is
 * %LD_LOADER_STAGE_DONE (ld_analysis_get_messages() waits for them).
 */
void
ld_loader_load_async (LdLoader            *self,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadCall *call;

  g_return_if_fail (LD_IS_LOADER (self));
  g_return_if_fail (!self->started);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  call = g_new0 (LoadCall, 1);
  call->callback = callback;
  call->user_data = user_data;
  task = g_task_new (self, cancellable, on_loaded, call);
  g_task_set_source_tag (task, ld_loader_load_async);
  g_task_set_name (task, "[ld-loader] load");
  g_task_set_task_data (task, begin_load (self, g_main_context_ref_thread_default ()), g_object_unref);
  /* A cancelled load returns once its worker has let go of everything. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, load_thread);
}

/**
 * ld_loader_load_finish:
 * @self: a loader
 * @result: the result given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the analysis, its attempts and findings made;
 *   %NULL when the load was cancelled (%G_IO_ERROR_CANCELLED) or no input
 *   held a log (the first input's error; ld_loader_get_skipped() names
 *   them all)
 */
LdAnalysis *
ld_loader_load_finish (LdLoader      *self,
                       GAsyncResult  *result,
                       GError       **error)
{
  LdAnalysis *analysis;

  g_return_val_if_fail (LD_IS_LOADER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  analysis = g_task_propagate_pointer (G_TASK (result), error);
  if (analysis == NULL)
    {
      /* Cancelled after the worker made the analysis: it is not kept. */
      g_autoptr(LdAnalysis) dropped = NULL;

      g_mutex_lock (&self->lock);
      if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
        dropped = g_steal_pointer (&self->analysis);
      g_mutex_unlock (&self->lock);
      set_stage (self, LD_LOADER_STAGE_DONE);
      return NULL;
    }
  if (!ld_analysis_has_messages (analysis))
    {
      g_set_object (&self->messages_next, analysis);
      set_stage (self, LD_LOADER_STAGE_MESSAGES);
    }
  else
    set_stage (self, LD_LOADER_STAGE_DONE);
  return analysis;
}

/**
 * ld_loader_load:
 * @self: a loader with its files added, not loaded before
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads the files on this thread, every stage, as ld_loader_load_async()
 * does: the same inputs, the same analysis, the same skipped inputs.
 * Nothing is told of the progress.
 *
 * Returns: (transfer full): as ld_loader_load_finish(), with the messages
 *   ready
 */
LdAnalysis *
ld_loader_load (LdLoader      *self,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(LdAnalysis) analysis = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (LD_IS_LOADER (self), NULL);
  g_return_val_if_fail (!self->started, NULL);

  analysis = begin_load (self, NULL);
  if (!read_and_analyse (self, analysis, cancellable, &local_error))
    {
      end_failed_load (self, local_error);
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (!self->learning)
    ld_analysis_finish_messages (analysis);
  set_stage (self, LD_LOADER_STAGE_DONE);
  return g_steal_pointer (&analysis);
}

/* ---- The loader --------------------------------------------------------- */

/**
 * ld_loader_new:
 * @flags: what the analysis keeps
 *
 * Returns: (transfer full): a loader for one analysis
 */
LdLoader *
ld_loader_new (LdAnalysisFlags flags)
{
  LdLoader *self = g_object_new (LD_TYPE_LOADER, NULL);

  self->flags = flags;
  return self;
}

/**
 * ld_loader_add_file:
 * @self: a loader, not started
 * @file: a log, a folder or a zip, as ld_analysis_add_file() reads
 */
void
ld_loader_add_file (LdLoader *self,
                    GFile    *file)
{
  g_return_if_fail (LD_IS_LOADER (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (!self->started);

  g_ptr_array_add (self->files, g_object_ref (file));
}

/**
 * _ld_loader_set_redactor:
 * @self: a loader, not started
 * @redactor: (transfer full): what every input is read through
 *
 * The analysis reads every record and trace line through @redactor, so it
 * holds pseudonyms only (ld-redact-analysis.c). With a learning redactor
 * the load reads and stops there: no attempts, findings or messages.
 */
void
_ld_loader_set_redactor (LdLoader   *self,
                         LdRedactor *redactor)
{
  g_return_if_fail (LD_IS_LOADER (self));
  g_return_if_fail (!self->started);

  g_clear_pointer (&self->redactor, ld_redactor_free);
  self->redactor = redactor;
  self->learning = redactor != NULL && redactor->learning;
}

/**
 * _ld_loader_set_progress_func:
 * @self: a loader, not started
 * @func: (nullable): called on the reading thread as bytes are read, with
 *   the bytes read and the bytes known so far
 *
 * For a caller that loads on its own worker (ld_loader_load()) and tells
 * its progress its own way.
 */
void
_ld_loader_set_progress_func (LdLoader       *self,
                              LdProgressFunc  func,
                              gpointer        user_data)
{
  g_return_if_fail (LD_IS_LOADER (self));
  g_return_if_fail (!self->started);

  self->progress_func = func;
  self->progress_data = user_data;
}

/**
 * _ld_loader_get_file_error:
 * @self: a loader that has loaded
 * @i: a file's index in ld_loader_get_files()
 *
 * Returns: (transfer none) (nullable): why that file could not be read,
 *   in the words the user saw (real names: a redacted load's skipped
 *   inputs hold pseudonyms), or %NULL when it was read
 */
const GError *
_ld_loader_get_file_error (LdLoader *self,
                           guint     i)
{
  g_return_val_if_fail (LD_IS_LOADER (self), NULL);

  if (self->file_errors == NULL || i >= self->file_errors->len)
    return NULL;
  return g_ptr_array_index (self->file_errors, i);
}

/**
 * ld_loader_get_files:
 * @self: a loader
 *
 * Returns: (transfer none) (element-type GFile): the files added; in the
 *   order they are read once loading has begun
 */
GPtrArray *
ld_loader_get_files (LdLoader *self)
{
  g_return_val_if_fail (LD_IS_LOADER (self), NULL);

  return self->files;
}

/**
 * ld_loader_set_small_log:
 * @self: a loader, not started
 * @n_messages: with %LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES, a log of fewer
 *   SIP messages than this has its messages parsed before the load's
 *   callback, not after (0, the default: always after)
 */
void
ld_loader_set_small_log (LdLoader *self,
                         guint     n_messages)
{
  g_return_if_fail (LD_IS_LOADER (self));

  self->small_log = n_messages;
}

LdLoaderStage
ld_loader_get_stage (LdLoader *self)
{
  LdLoaderStage stage;

  g_return_val_if_fail (LD_IS_LOADER (self), LD_LOADER_STAGE_DONE);

  g_mutex_lock (&self->lock);
  stage = self->stage;
  g_mutex_unlock (&self->lock);
  return stage;
}

/**
 * ld_loader_get_fraction:
 * @self: a loader
 *
 * Returns: how much of the files is read, from 0 to 1; it never goes
 *   back, and is 1 from %LD_LOADER_STAGE_ANALYSING on
 */
double
ld_loader_get_fraction (LdLoader *self)
{
  double fraction;

  g_return_val_if_fail (LD_IS_LOADER (self), 0.0);

  g_mutex_lock (&self->lock);
  fraction = self->fraction;
  g_mutex_unlock (&self->lock);
  return fraction;
}

/**
 * ld_loader_get_bytes:
 * @self: a loader
 * @read: (out) (optional): bytes read so far
 * @total: (out) (optional): bytes known to be read: it grows as folders
 *   and zips are opened (0 while unknown)
 */
void
ld_loader_get_bytes (LdLoader *self,
                     guint64  *read,
                     guint64  *total)
{
  g_return_if_fail (LD_IS_LOADER (self));

  g_mutex_lock (&self->lock);
  if (read != NULL)
    *read = self->bytes_read;
  if (total != NULL)
    *total = self->bytes_total;
  g_mutex_unlock (&self->lock);
}

/**
 * ld_loader_get_current_file:
 * @self: a loader
 *
 * Returns: the index in ld_loader_get_files() of the file being read
 */
guint
ld_loader_get_current_file (LdLoader *self)
{
  guint current;

  g_return_val_if_fail (LD_IS_LOADER (self), 0);

  g_mutex_lock (&self->lock);
  current = self->current;
  g_mutex_unlock (&self->lock);
  return current;
}

static LdAnalysis *
dup_analysis (LdLoader *self)
{
  LdAnalysis *analysis;

  g_mutex_lock (&self->lock);
  analysis = self->analysis != NULL ? g_object_ref (self->analysis) : NULL;
  g_mutex_unlock (&self->lock);
  return analysis;
}

/**
 * ld_loader_get_n_early_attempts:
 * @self: a loader
 *
 * Returns: how many attempts ld_loader_dup_early_attempts() would return:
 *   cheap, to decide whether a copy is worth making
 */
guint
ld_loader_get_n_early_attempts (LdLoader *self)
{
  g_autoptr(LdAnalysis) analysis = NULL;

  g_return_val_if_fail (LD_IS_LOADER (self), 0);

  analysis = dup_analysis (self);
  return analysis != NULL ? ld_analysis_get_n_early_attempts (analysis) : 0;
}

/**
 * ld_loader_dup_early_attempts:
 * @self: a loader
 *
 * The attempts found so far, while loading (see
 * ld_analysis_dup_early_attempts()): what a window draws before the
 * analysis is ready.
 *
 * Returns: (transfer full) (element-type LdEarlyAttempt): a copy
 */
GPtrArray *
ld_loader_dup_early_attempts (LdLoader *self)
{
  g_return_val_if_fail (LD_IS_LOADER (self), NULL);

  return ld_loader_dup_early_attempts_from (self, 0);
}

/**
 * ld_loader_dup_early_attempts_from:
 * @self: a loader
 * @first: how many early attempts the caller has from earlier calls
 *
 * The attempts found so far from position @first on (see
 * ld_analysis_dup_early_attempts_from()): what a window adds to those it
 * draws already.
 *
 * Returns: (transfer full) (nullable) (element-type LdEarlyAttempt): a
 *   copy; %NULL when @first is above 0 and the attempts were made since
 */
GPtrArray *
ld_loader_dup_early_attempts_from (LdLoader *self,
                                   guint     first)
{
  g_autoptr(LdAnalysis) analysis = NULL;

  g_return_val_if_fail (LD_IS_LOADER (self), NULL);

  analysis = dup_analysis (self);
  /* Not begun, or cancelled: none yet, or none that continue. */
  if (analysis == NULL)
    return first == 0 ? g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free) : NULL;
  return ld_analysis_dup_early_attempts_from (analysis, first);
}

/**
 * ld_loader_get_skipped:
 * @self: a loader whose load has returned, whether it loaded or not
 *
 * Returns: (transfer none) (nullable) (element-type LdSkippedInput): the
 *   inputs that were not analysed, with their reasons
 *   (ld_analysis_get_skipped()); %NULL before loading and after a load
 *   that was cancelled
 */
GPtrArray *
ld_loader_get_skipped (LdLoader *self)
{
  g_autoptr(LdAnalysis) analysis = NULL;

  g_return_val_if_fail (LD_IS_LOADER (self), NULL);
  g_return_val_if_fail (ld_loader_get_stage (self) >= LD_LOADER_STAGE_MESSAGES, NULL);

  analysis = dup_analysis (self);
  /* The loader keeps its reference until it goes: the array outlives this. */
  return analysis != NULL ? ld_analysis_get_skipped (analysis) : NULL;
}

static void
ld_loader_finalize (GObject *object)
{
  LdLoader *self = LD_LOADER (object);

  /* A pending notification holds a reference: none is left here. */
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->analysis);
  g_clear_object (&self->messages_next);
  if (self->messages_held != NULL)
    _ld_analysis_widen_messages (self->messages_held);
  g_clear_object (&self->messages_held);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->weights, g_free);
  g_clear_pointer (&self->redactor, ld_redactor_free);
  g_clear_pointer (&self->file_errors, g_ptr_array_unref);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (ld_loader_parent_class)->finalize (object);
}

static void
ld_loader_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  LdLoader *self = LD_LOADER (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_uint (value, ld_loader_get_stage (self));
      break;
    case PROP_FRACTION:
      g_value_set_double (value, ld_loader_get_fraction (self));
      break;
    case PROP_CURRENT_FILE:
      g_value_set_uint (value, ld_loader_get_current_file (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_loader_class_init (LdLoaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = ld_loader_finalize;
  object_class->get_property = ld_loader_get_property;

  /* An LdLoaderStage. */
  properties[PROP_STAGE] =
    g_param_spec_uint ("stage", NULL, NULL, LD_LOADER_STAGE_READING, LD_LOADER_STAGE_DONE,
                       LD_LOADER_STAGE_READING, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_CURRENT_FILE] =
    g_param_spec_uint ("current-file", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
ld_loader_init (LdLoader *self)
{
  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  g_mutex_init (&self->lock);
}
