/* ld-win-window-load.c - loading the logs of a document (LdLoader): progress, Cancel, errors in words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"


#include <glib/gi18n.h>

#include "ld-win-text.h"
#include "ld-win-window-private.h"

/* The box of the attempts found so far has its place on the loading page
 * from the start, unseen (see the window's template) until the first
 * refresh shows it: then it is drawn in its place, and the rest of the
 * page stays where it is. Made visible instead, it moved the page's middle
 * and had the whole page laid out and drawn again, the longest stall of
 * loading once the attempts list's were gone (typical-500: 11-13 ms of
 * work, 40-48 ms between frames while both reading threads ran). Unseen,
 * it takes neither focus nor clicks and is hidden from assistive
 * technologies. */
static void
show_early_box (LdWinWindow *self,
                gboolean     shown)
{
  gtk_widget_set_opacity (self->early_box, shown ? 1 : 0);
  gtk_widget_set_can_focus (self->early_box, shown);
  gtk_widget_set_can_target (self->early_box, shown);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->early_box), GTK_ACCESSIBLE_STATE_HIDDEN, !shown, -1);
}

/* Attempts found so far, while the log is still being read, at most four
 * times a second. The window keeps what it was given: each refresh copies
 * (under the lock the reading thread takes for each new one) and lays out
 * only those read since the last, not all of them again (tens of
 * thousands on a large log, 45 ms of a frame). Once the attempts are
 * made, the view shows what was read until the document replaces it. */
static void
update_early_attempts (LdWinWindow *self,
                       LdLoader    *loader)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autofree char *text = NULL;
  gint64 now = g_get_monotonic_time ();

  if (now - self->early_refreshed < 250 * G_TIME_SPAN_MILLISECOND ||
      ld_loader_get_n_early_attempts (loader) == self->early_shown)
    return;
  added = ld_loader_dup_early_attempts_from (loader, self->early != NULL ? self->early->len : 0);
  if (added == NULL)
    return;
  self->early_refreshed = now;
  if (self->early == NULL)
    self->early = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_early_attempt_free);
  g_ptr_array_extend_and_steal (self->early, g_steal_pointer (&added));
  self->early_shown = self->early->len;
  text = g_strdup_printf (ngettext ("%u attempt found so far…", "%u attempts found so far…", self->early->len),
                          self->early->len);
  gtk_label_set_text (self->early_label, text);
  ld_win_timeline_add_early (self->early_timeline, self->early);
  /* The first refresh shows the box; the timeline is drawn in the next
   * frame, which has little else to do. */
  if (!ld_win_window_shows_early_attempts (self))
    {
      ld_win_timeline_hold_a_frame (self->early_timeline);
      show_early_box (self, TRUE);
    }
}

/**
 * ld_win_window_shows_early_attempts:
 * @self: a window
 *
 * Returns: %TRUE when the loading page shows the attempts found so far
 */
gboolean
ld_win_window_shows_early_attempts (LdWinWindow *self)
{
  g_return_val_if_fail (LD_WIN_IS_WINDOW (self), FALSE);

  return gtk_widget_get_opacity (self->early_box) > 0;
}

/* The loader tells its progress on this thread (notify::fraction,
 * ::current-file, ::stage), a few times a second at most. */
static void
update_progress (LdWinWindow *self)
{
  LdLoader *loader = self->job;
  GPtrArray *files = ld_loader_get_files (loader);
  guint current = MIN (ld_loader_get_current_file (loader), files->len - 1);
  guint64 done, total;
  g_autofree char *done_s = NULL;
  g_autofree char *total_s = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = g_file_get_basename (g_ptr_array_index (files, current));

  if (files->len > 1)
    {
      g_autofree char *label = g_strdup_printf (_("%s (%u of %u)"), name, current + 1, files->len);
      gtk_label_set_text (self->loading_label, label);
    }
  else
    gtk_label_set_text (self->loading_label, name);
  update_early_attempts (self, loader);

  ld_loader_get_bytes (loader, &done, &total);
  if (total == 0)
    {
      gtk_progress_bar_pulse (self->progress_bar);
      return;
    }
  done_s = g_format_size (done);
  total_s = g_format_size (total);
  /* After the last byte the attempts and findings are worked out. */
  if (ld_loader_get_stage (loader) >= LD_LOADER_STAGE_ANALYSING)
    text = g_strdup_printf (_("%s read, finding the attempts…"), total_s);
  else
    text = g_strdup_printf (_("%s of %s"), done_s, total_s);
  gtk_progress_bar_set_fraction (self->progress_bar, ld_loader_get_fraction (loader));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_loader_progress (LdLoader    *loader,
                    GParamSpec  *pspec,
                    LdWinWindow *self)
{
  /* A load that was let go (Cancel, a newer load) tells nothing more. */
  if (self->job == loader)
    update_progress (self);
}

/* A large log's message browser messages are parsed after the document is
 * shown (the loader's last stage); the message list says so meanwhile. */
typedef struct
{
  GWeakRef    window;
  LdAnalysis *analysis;
} MessagesWatch;

static void
messages_watch_free (gpointer data,
                     GClosure *closure)
{
  MessagesWatch *watch = data;

  g_weak_ref_clear (&watch->window);
  g_clear_object (&watch->analysis);
  g_free (watch);
}

static void
on_loader_stage (LdLoader      *loader,
                 GParamSpec    *pspec,
                 MessagesWatch *watch)
{
  g_autoptr(LdWinWindow) self = NULL;

  if (ld_loader_get_stage (loader) != LD_LOADER_STAGE_DONE)
    return;
  self = g_weak_ref_get (&watch->window);
  /* Another document replaced this one, or the window is gone. */
  if (self != NULL && self->analysis == watch->analysis)
    _ld_win_window_messages_ready (self);
  g_signal_handlers_disconnect_by_func (loader, on_loader_stage, watch);
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

/* Lets the parse of the last load's messages use every processor. */
void
_ld_win_window_release_messages (LdWinWindow *self)
{
  /* A clock whose surface went (the window closed) dropped its handlers. */
  if (self->held_clock != NULL && g_signal_handler_is_connected (self->held_clock, self->held_paint_id))
    g_signal_handler_disconnect (self->held_clock, self->held_paint_id);
  self->held_paint_id = 0;
  g_clear_object (&self->held_clock);
  if (self->held_loader != NULL)
    ld_loader_release_messages (self->held_loader);
  g_clear_object (&self->held_loader);
}

static void
on_document_painted (GdkFrameClock *clock,
                     LdWinWindow   *self)
{
  if (self->pending_rows == NULL && !ld_win_attempt_view_is_filling (self->attempt_view))
    _ld_win_window_release_messages (self);
}

/* The loader's last stage, parsing the message browser's messages, keeps
 * to one processor until the document's first frames have put the
 * attempts list's rows and the shown attempt's cards in. On two
 * processors, the parse on both made each of those frames wait for one as
 * long as it worked (typical-500: 15-20 ms of work, 30-50 ms between
 * frames); kept to one, the frames have the other, and no processor sits
 * idle meanwhile. The parse gets both once the rows are in. */
static void
hold_messages_while_listing (LdWinWindow *self,
                             LdLoader    *loader)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  _ld_win_window_release_messages (self);
  if (clock == NULL)
    {
      ld_loader_release_messages (loader);
      return;
    }
  self->held_loader = g_object_ref (loader);
  self->held_clock = g_object_ref (clock);
  self->held_paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_document_painted), self);
}

/* The document replaces the loading page: its copies of the attempts read
 * (tens of thousands on a large log, megabytes) go before the document's
 * first frame draws all of the window. The memory they free is where that
 * frame's image is made (see main.c): fresh memory is what made that frame
 * the longest of a load. */
static void
drop_early_attempts (LdWinWindow *self)
{
  if (self->early == NULL)
    return;
  ld_win_timeline_set_analysis (self->early_timeline, NULL);
  g_clear_pointer (&self->early, g_ptr_array_unref);
  self->early_shown = 0;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  LdLoader *loader = LD_LOADER (source);
  g_autoptr(LdWinWindow) self = user_data;
  g_autoptr(LdAnalysis) analysis = NULL;
  g_autoptr(GError) error = NULL;
  gboolean silent = self->silent_load;
  GPtrArray *skipped;
  const LdSkippedInput *unread = NULL;
  guint n_skipped;

  analysis = ld_loader_load_finish (loader, result, &error);
  /* A newer load replaced this one, or Cancel let it go: its result is of
   * no interest. */
  if (self->job != loader)
    {
      ld_loader_release_messages (loader);
      return;
    }
  g_signal_handlers_disconnect_by_func (loader, on_loader_progress, self);
  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);

  if (analysis == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
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
  if (ld_analysis_is_empty (analysis))
    {
      const char *title, *hint;

      ld_loader_release_messages (loader);
      g_autoptr(GError) empty = g_error_new_literal (LD_ERROR, LD_ERROR_NOT_A_LOG,
                                                     _("The log holds no SIP message."));

      if (silent)
        {
          g_autofree char *text = g_strdup_printf (_("The log could not be read again: %s"), empty->message);
          _ld_win_window_show_banner (self, text);
        }
      else
        {
          describe_error (empty, &title, &hint);
          gtk_label_set_text (self->error_title, title);
          ld_win_label_set_log_text (self->error_message, empty->message);
          gtk_label_set_text (self->error_hint, hint);
          _ld_win_window_set_state (self, LD_WIN_STATE_ERROR);
        }
      return;
    }

  drop_early_attempts (self);
  g_ptr_array_unref (self->files);
  self->files = g_ptr_array_ref (ld_loader_get_files (loader));
  if (ld_loader_get_stage (loader) != LD_LOADER_STAGE_DONE)
    {
      MessagesWatch *watch = g_new0 (MessagesWatch, 1);

      g_weak_ref_init (&watch->window, self);
      watch->analysis = g_object_ref (analysis);
      g_signal_connect_data (loader, "notify::stage", G_CALLBACK (on_loader_stage), watch,
                             messages_watch_free, 0);
    }
  _ld_win_window_set_analysis (self, analysis);
  hold_messages_while_listing (self, loader);

  /* The loader's one outcome for inputs that failed: the others are shown,
   * each failure is among the skipped inputs with its reason. */
  skipped = ld_analysis_get_skipped (analysis);
  for (guint i = 0; i < skipped->len && unread == NULL; i++)
    if (ld_skipped_input_is_unread (g_ptr_array_index (skipped, i)))
      unread = g_ptr_array_index (skipped, i);
  n_skipped = ld_win_inputs_get_n_skipped (self->inputs);
  if (unread != NULL || n_skipped > 0)
    {
      g_autofree char *text = NULL;

      if (unread != NULL)
        text = g_strdup_printf (_("Some of what you opened could not be read: %s The Inputs button lists "
                                  "everything that was skipped, and why."), unread->reason);
      else
        text = g_strdup_printf (ngettext ("%u file that looks like a log was skipped; the Inputs button says why.",
                                          "%u files that look like logs were skipped; the Inputs button says why.",
                                          n_skipped),
                                n_skipped);
      if (!silent || unread != NULL)
        _ld_win_window_show_banner (self, text);
    }
  else if (!silent)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

  _ld_win_window_apply_initial_view (self);
  if (!silent)
    _ld_win_window_add_recent (self, self->files);
  _ld_win_window_update_follow (self);
}

/* Lets the load being run go: its result, when it comes, is of no interest
 * (see load_done()). */
static void on_loading_page_painted (GdkFrameClock *clock,
                                     LdWinWindow   *self);

static void
drop_load (LdWinWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (self->load_waiting && clock != NULL)
    g_signal_handlers_disconnect_by_func (clock, on_loading_page_painted, self);
  self->load_waiting = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_func (self->job, on_loader_progress, self);
  g_clear_object (&self->job);
}

static void
begin_loading (LdWinWindow *self)
{
  self->load_waiting = FALSE;
  ld_loader_load_async (self->job, self->cancellable, load_done, g_object_ref (self));
}

/* The loading page is drawn before the reading threads start: begun
 * together, on two processors, the threads made that frame wait for one,
 * and on opening a log it is the window's first frame, the costliest of
 * all (33 ms of the main thread's time took 47-70 ms, the longest stall
 * of a load). Reading begins a frame later. */
static void
on_loading_page_painted (GdkFrameClock *clock,
                         LdWinWindow   *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_loading_page_painted, self);
  if (self->load_waiting && self->job != NULL)
    begin_loading (self);
}

void
_ld_win_window_start_load (LdWinWindow *self,
                           GPtrArray   *files,
                           gboolean     silent)
{
  LdLoader *loader;

  drop_load (self);

  self->cancellable = g_cancellable_new ();
  loader = ld_loader_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES | LD_ANALYSIS_FLAGS_EARLY_ATTEMPTS);
  /* Let go once the attempts are listed: see hold_messages_while_listing(). */
  ld_loader_hold_messages (loader);
  for (guint i = 0; i < files->len; i++)
    ld_loader_add_file (loader, g_ptr_array_index (files, i));
  ld_loader_set_small_log (loader, self->small_log_messages);
  self->job = loader;
  self->silent_load = silent;

  if (!silent)
    {
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
      show_early_box (self, FALSE);
      /* The timeline holds the last load's until this one's replaces it. */
      g_clear_pointer (&self->early, g_ptr_array_unref);
      self->early_shown = 0;
      self->early_refreshed = 0;
      _ld_win_window_set_state (self, LD_WIN_STATE_LOADING);
      g_signal_connect (loader, "notify::fraction", G_CALLBACK (on_loader_progress), self);
      g_signal_connect (loader, "notify::current-file", G_CALLBACK (on_loader_progress), self);
      g_signal_connect (loader, "notify::stage", G_CALLBACK (on_loader_progress), self);
    }
  /* A window not on screen draws no frame to wait for. */
  if (!silent && gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->load_waiting = TRUE;
      g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                               G_CALLBACK (on_loading_page_painted), self, 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
  else
    begin_loading (self);
  if (!silent)
    update_progress (self);
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
  drop_load (self);
  _ld_win_window_set_state (self, self->analysis ? LD_WIN_STATE_DOCUMENT : LD_WIN_STATE_EMPTY);
  _ld_win_window_show_banner (self, _("Loading was cancelled."));
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      _ld_win_window_update_follow (self);
    }
}

