/* ld-win-window-load.c - reading the logs of a document in a thread: progress, Cancel, errors in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"


#include <glib/gi18n.h>

#include "ld-win-text.h"
#include "ld-win-window-private.h"

typedef struct
{
  GPtrArray  *files;       /* GFile */
  LdAnalysis *analysis;
  guint       small_log;   /* fewer messages than this are parsed here */
  GError     *partial;     /* first error of an input when others loaded */
  GMutex      lock;
  guint64     done;
  guint64     total;
  guint       current;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_ptr_array_unref (job->files);
  g_clear_object (&job->analysis);
  g_clear_error (&job->partial);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* Called from the loading thread: only store the numbers; the window
 * polls them on its own thread. */
static void
on_load_progress (guint64  done,
                  guint64  total,
                  gpointer user_data)
{
  LoadJob *job = user_data;

  g_mutex_lock (&job->lock);
  job->done = done;
  job->total = total;
  g_mutex_unlock (&job->lock);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(GError) first_error = NULL;
  guint loaded = 0;

  ld_analysis_set_progress_func (job->analysis, on_load_progress, job);
  for (guint i = 0; i < job->files->len; i++)
    {
      g_autoptr(GError) error = NULL;

      g_mutex_lock (&job->lock);
      job->current = i;
      g_mutex_unlock (&job->lock);

      if (ld_analysis_add_file (job->analysis, g_ptr_array_index (job->files, i), cancellable, &error))
        loaded++;
      else if (g_cancellable_is_cancelled (cancellable))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
          return;
        }
      else if (first_error == NULL)
        first_error = g_steal_pointer (&error);
    }
  ld_analysis_set_progress_func (job->analysis, NULL, NULL);

  if (loaded == 0 && first_error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&first_error));
      return;
    }
  /* The messages outside the call dialogs are parsed while the window
   * shows the attempts (see finish_messages()); a small log's take a
   * moment, and are parsed here to show with the rest. */
  ld_analysis_finish_attempts (job->analysis);
  if (ld_analysis_get_total_sip_messages (job->analysis) < job->small_log)
    ld_analysis_finish_messages (job->analysis);

  if (ld_analysis_get_inputs (job->analysis)->len == 0)
    {
      g_task_return_new_error (task, LD_ERROR, LD_ERROR_NO_LOGS, "%s",
                               _("No Lync or Skype for Business log was found in what you opened."));
      return;
    }
  if (ld_analysis_is_empty (job->analysis))
    {
      g_task_return_new_error (task, LD_ERROR, LD_ERROR_NOT_A_LOG, "%s",
                               _("The log holds no SIP message."));
      return;
    }
  job->partial = g_steal_pointer (&first_error);
  g_task_return_boolean (task, TRUE);
}

/* Attempts found so far, while the log is still being read. The copy is
 * taken under the analysis's lock and laid out here, outside it; at most
 * four times a second, since each refresh lays out every attempt again. */
static void
update_early_attempts (LdWinWindow *self,
                       LoadJob     *job)
{
  g_autoptr(GPtrArray) early = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_monotonic_time ();

  if (now - self->early_refreshed < 250 * G_TIME_SPAN_MILLISECOND ||
      ld_analysis_get_n_early_attempts (job->analysis) == self->early_shown)
    return;
  self->early_refreshed = now;
  early = ld_analysis_dup_early_attempts (job->analysis);
  self->early_shown = early->len;
  text = g_strdup_printf (ngettext ("%u attempt found so far…", "%u attempts found so far…", early->len),
                          early->len);
  gtk_label_set_text (self->early_label, text);
  ld_win_timeline_set_early (self->early_timeline, early);
  gtk_widget_set_visible (self->early_box, TRUE);
}

static gboolean
update_progress (gpointer user_data)
{
  LdWinWindow *self = user_data;
  LoadJob *job = self->job;
  guint64 done, total;
  guint current;
  g_autofree char *done_s = NULL;
  g_autofree char *total_s = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  if (job == NULL)
    return G_SOURCE_CONTINUE;
  g_mutex_lock (&job->lock);
  done = job->done;
  total = job->total;
  current = job->current;
  g_mutex_unlock (&job->lock);

  name = g_file_get_basename (g_ptr_array_index (job->files, current));
  if (job->files->len > 1)
    {
      g_autofree char *label = g_strdup_printf (_("%s (%u of %u)"), name, current + 1, job->files->len);
      gtk_label_set_text (self->loading_label, label);
    }
  else
    gtk_label_set_text (self->loading_label, name);
  update_early_attempts (self, job);

  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return G_SOURCE_CONTINUE;
    }
  done_s = g_format_size (done);
  total_s = g_format_size (total);
  /* After the last byte the attempts and findings are worked out. */
  if (done >= total)
    text = g_strdup_printf (_("%s read, finding the attempts…"), total_s);
  else
    text = g_strdup_printf (_("%s of %s"), done_s, total_s);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / (double) total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  return G_SOURCE_CONTINUE;
}

static void
describe_error (const GError *error,
                const char  **title,
                const char  **hint)
{
  *title = _("The logs could not be opened");
  *hint = _("Open a file named like Lync-UccApi-0.UccApilog, a folder of such files, or a MOSDALREPORT.zip.");

  if (error->domain == LD_ERROR)
    switch (error->code)
      {
      case LD_ERROR_READ:
        *title = _("The file could not be read");
        *hint = _("Check that the file still exists and that you may read it. A file on a network share or in a mail "
                  "attachment is best copied to this computer first.");
        break;
      case LD_ERROR_NOT_A_LOG:
      case LD_ERROR_PARSE:
        *title = _("This is not a Lync log LyncDiag can read");
        *hint = _("Open the client's log: Lync-UccApi-0.UccApilog in %LOCALAPPDATA%\\Microsoft\\Office\\<version>\\Lync\\Tracing "
                  "(Communicator-uccapi-0.uccapilog in %USERPROFILE%\\Tracing for Lync 2010). If it is empty, turn on "
                  "logging in the client, restart it, reproduce the problem and open the new log.");
        break;
      case LD_ERROR_NO_LOGS:
        /* Also when a log was found and refused (a zip bomb): the title
         * must hold for both, the message above says which. */
        *title = _("No Lync log could be read from what you opened");
        *hint = _("A MOSDAL report keeps the client logs in its Lync or Skype for Business folder; collect the report "
                  "again with the client logs selected, or open the .uccapilog file itself.");
        break;
      case LD_ERROR_ZIP:
        *title = _("The zip file is damaged or protected");
        *hint = _("Unpack it with your file manager and open the .uccapilog inside, or ask for the report to be "
                  "collected and sent again.");
        break;
      case LD_ERROR_LIMIT:
        *title = _("The file is too big to open safely");
        *hint = _("Unpack the zip yourself and open only the .uccapilog files you need.");
        break;
      default:
        break;
      }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      *title = _("The file does not exist");
      *hint = _("It may have been moved or deleted; Lync deletes old logs from its Tracing folder by itself.");
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
    {
      *title = _("You may not read this file");
      *hint = _("Copy the file to a folder of yours, or ask its owner to share it with you.");
    }
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LdWinWindow *self = LD_WIN_WINDOW (source);
  GTask *task = G_TASK (result);
  LoadJob *job = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  gboolean silent = GPOINTER_TO_INT (user_data);
  gboolean cancelled = g_cancellable_is_cancelled (g_task_get_cancellable (task));
  guint n_skipped;

  /* A newer load replaced this one: its result is of no interest. */
  if (self->job != job)
    return;
  self->job = NULL;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);

  if (!g_task_propagate_boolean (task, &error) || cancelled)
    {
      if (cancelled || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          _ld_win_window_set_state (self, self->analysis ? LD_WIN_STATE_DOCUMENT : LD_WIN_STATE_EMPTY);
          if (!silent)
            _ld_win_window_show_banner (self, _("Loading was cancelled."));
        }
      else if (silent)
        {
          g_autofree char *text = g_strdup_printf (_("The log could not be read again: %s"), error->message);
          _ld_win_window_show_banner (self, text);
        }
      else
        {
          const char *title, *hint;

          describe_error (error, &title, &hint);
          gtk_label_set_text (self->error_title, title);
          /* A message can quote a member name of 65,000 characters. */
          ld_win_label_set_log_text (self->error_message, error->message);
          gtk_label_set_text (self->error_hint, hint);
          _ld_win_window_set_state (self, LD_WIN_STATE_ERROR);
        }
      if (self->reload_pending)
        {
          self->reload_pending = FALSE;
          _ld_win_window_update_follow (self);
        }
      return;
    }

  g_ptr_array_unref (self->files);
  self->files = g_ptr_array_ref (job->files);
  _ld_win_window_set_analysis (self, job->analysis);

  n_skipped = ld_win_inputs_get_n_skipped (self->inputs);
  if (job->partial != NULL || n_skipped > 0)
    {
      g_autofree char *text = NULL;

      if (job->partial != NULL)
        text = g_strdup_printf (_("Some of what you opened could not be read: %s The Inputs button lists "
                                  "everything that was skipped, and why."), job->partial->message);
      else
        text = g_strdup_printf (ngettext ("%u file that looks like a log was skipped; the Inputs button says why.",
                                          "%u files that look like logs were skipped; the Inputs button says why.",
                                          n_skipped),
                                n_skipped);
      if (!silent || job->partial != NULL)
        _ld_win_window_show_banner (self, text);
    }
  else if (!silent)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

  _ld_win_window_apply_initial_view (self);
  if (!silent)
    _ld_win_window_add_recent (self, job->files);
  _ld_win_window_update_follow (self);
}

void
_ld_win_window_start_load (LdWinWindow *self,
            GPtrArray   *files,
            gboolean     silent)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->progress_id, g_source_remove);

  self->cancellable = g_cancellable_new ();
  job = g_new0 (LoadJob, 1);
  g_mutex_init (&job->lock);
  job->files = g_ptr_array_ref (files);
  job->small_log = self->small_log_messages;
  job->analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES);
  self->job = job;
  self->silent_load = silent;

  task = g_task_new (self, self->cancellable, load_done, GINT_TO_POINTER (silent));
  g_task_set_source_tag (task, _ld_win_window_start_load);
  g_task_set_task_data (task, job, (GDestroyNotify) load_job_free);
  /* The result is checked in load_done even when cancelled, so a stale
   * load can be told from the current one. */
  g_task_set_return_on_cancel (task, FALSE);

  if (!silent)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
      gtk_widget_set_visible (self->early_box, FALSE);
      self->early_shown = 0;
      self->early_refreshed = 0;
      _ld_win_window_set_state (self, LD_WIN_STATE_LOADING);
      self->progress_id = g_timeout_add (100, update_progress, self);
      update_progress (self);
    }
  g_task_run_in_thread (task, load_thread);
}

void
ld_win_window_open (LdWinWindow *self,
                    GFile      **files,
                    guint        n_files)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (LD_WIN_IS_WINDOW (self));

  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (list, g_object_ref (files[i]));
  if (list->len == 0)
    return;
  _ld_win_window_start_load (self, list, FALSE);
}

void
ld_win_window_cancel_load (LdWinWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/* Cancel answers at once: the load is let go (its result will be of no
 * interest, see load_done()) and the window goes back to what it showed,
 * whatever the reading thread is in the middle of. */
void
_ld_win_window_on_cancel_clicked (GtkButton   *button,
                                  LdWinWindow *self)
{
  if (self->job == NULL)
    return;
  ld_win_window_cancel_load (self);
  self->job = NULL;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  g_clear_object (&self->cancellable);
  _ld_win_window_set_state (self, self->analysis ? LD_WIN_STATE_DOCUMENT : LD_WIN_STATE_EMPTY);
  _ld_win_window_show_banner (self, _("Loading was cancelled."));
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      _ld_win_window_update_follow (self);
    }
}

