/* ld-win-window.c - the main window: one document made of one or more inputs
 *
 * States: empty (what to open and where it lives), loading (progress and
 * Cancel), error (what went wrong and what to do) and the document
 * (timeline above; attempts, messages and findings below).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-attempt-view.h"
#include "ld-win-cell.h"
#include "ld-win-export.h"
#include "ld-win-findings.h"
#include "ld-win-messages.h"
#include "ld-win-row.h"
#include "ld-win-settings.h"
#include "ld-win-timeline.h"
#include "ld-win-window-private.h"
#include "ld-win-window.h"
#include "ld-win-wizard.h"

#define RECENT_APP_NAME "LyncDiag"
#define MAX_RECENT      6

struct _LdWinWindow
{
  GtkApplicationWindow parent_instance;

  /* Template widgets */
  GtkWidget         *view_switcher;
  GtkRevealer       *banner_revealer;
  GtkLabel          *banner_label;
  GtkStack          *main_stack;
  GtkGrid           *locations_grid;
  GtkWidget         *recent_heading;
  GtkListBox        *recent_list;
  GMenu             *recent_submenu;
  GtkLabel          *loading_label;
  GtkProgressBar    *progress_bar;
  GtkWidget         *early_box;
  GtkLabel          *early_label;
  LdWinTimeline     *early_timeline;
  GtkLabel          *error_title;
  GtkLabel          *error_message;
  GtkLabel          *error_hint;
  GtkPaned          *timeline_paned;
  GtkLabel          *summary_label;
  GtkBox            *legend_box;
  LdWinTimeline     *timeline;
  GtkStack          *doc_stack;
  GtkStackPage      *findings_page;
  GtkPaned          *detail_paned;
  GtkCheckButton    *failed_only_check;
  GtkLabel          *attempts_count;
  GtkColumnView     *attempts_view;
  LdWinAttemptView  *attempt_view;
  LdWinMessages     *messages;
  LdWinFindings     *findings;

  /* Attempts list: store → failed filter → column sorter → selection */
  GListStore        *attempt_store;
  GtkCustomFilter   *failed_filter;
  GtkFilterListModel *attempt_filtered;
  GtkSortListModel  *attempt_sorted;
  GtkSingleSelection *attempt_selection;
  /* Rows not listed yet: the list is filled a few rows a frame (see
   * fill_attempts_tick()) */
  GPtrArray         *pending_rows;    /* LdWinRow, in the list's order */
  gint64             fill_frame;      /* frame in which filling began */
  gint64             fill_last;       /* monotonic time of the last rows added, or 0 */
  guint              fill_rows;       /* rows to add next frame */
  guint              pending_next;    /* first of them not in the store */
  guint              fill_tick_id;
  guint              fill_select_id;  /* attempt to select once its row is listed */

  GSettings         *settings;
  LdAnalysis        *analysis;
  guint              small_log_messages; /* see load_thread() */
  gboolean           evidence_pending; /* then show the message at: */
  guint              evidence_input;
  guint64            evidence_line;
  GPtrArray         *files;           /* GFile: what the document was opened from */
  GCancellable      *cancellable;
  gpointer           job;             /* LoadJob being run, for progress */
  guint              progress_id;
  guint              early_shown;     /* attempts on the loading view's timeline */
  gint64             early_refreshed; /* monotonic time of its last refresh */
  gboolean           silent_load;     /* follow-mode reload: keep the document on screen */
  gboolean           recent_enabled;
  char              *initial_view;
  char              *initial_search;

  /* Follow mode */
  GPtrArray         *monitors;        /* GFileMonitor */
  guint              reload_id;
  gint64             follow_since;    /* real time, for telling a rotation from old .bak files */
  gboolean           reload_pending;
};

G_DEFINE_FINAL_TYPE (LdWinWindow, ld_win_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- Loading ----------------------------------------------------------- */

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

#define SMALL_LOG_MESSAGES 50000

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

static void set_state (LdWinWindow *self, LdWinState state);
static void set_analysis (LdWinWindow *self, LdAnalysis *analysis);
static void show_banner (LdWinWindow *self, const char *text);
static void update_follow (LdWinWindow *self);

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
        *title = _("No Lync log in what you opened");
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
          set_state (self, self->analysis ? LD_WIN_STATE_DOCUMENT : LD_WIN_STATE_EMPTY);
          if (!silent)
            show_banner (self, _("Loading was cancelled."));
        }
      else if (silent)
        {
          g_autofree char *text = g_strdup_printf (_("The log could not be read again: %s"), error->message);
          show_banner (self, text);
        }
      else
        {
          const char *title, *hint;

          describe_error (error, &title, &hint);
          gtk_label_set_text (self->error_title, title);
          gtk_label_set_text (self->error_message, error->message);
          gtk_label_set_text (self->error_hint, hint);
          set_state (self, LD_WIN_STATE_ERROR);
        }
      if (self->reload_pending)
        {
          self->reload_pending = FALSE;
          update_follow (self);
        }
      return;
    }

  g_ptr_array_unref (self->files);
  self->files = g_ptr_array_ref (job->files);
  set_analysis (self, job->analysis);

  if (job->partial != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Some of what you opened could not be read: %s"), job->partial->message);
      show_banner (self, text);
    }
  else if (!silent)
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);

  if (self->initial_search != NULL)
    ld_win_messages_set_query (self->messages, self->initial_search);
  if (g_strcmp0 (self->initial_view, "flow") == 0)
    ld_win_attempt_view_show_page (self->attempt_view, "flow");
  else if (self->initial_view != NULL)
    gtk_stack_set_visible_child_name (self->doc_stack, self->initial_view);
  g_clear_pointer (&self->initial_view, g_free);
  g_clear_pointer (&self->initial_search, g_free);

  if (self->recent_enabled && !silent)
    {
      GtkRecentManager *recent = gtk_recent_manager_get_default ();

      for (guint i = 0; i < job->files->len; i++)
        {
          g_autofree char *uri = g_file_get_uri (g_ptr_array_index (job->files, i));
          GtkRecentData data = {
            .display_name = NULL,
            .mime_type = (char *) "text/x-uccapilog",
            .app_name = (char *) RECENT_APP_NAME,
            .app_exec = (char *) "lyncdiag %u",
          };

          gtk_recent_manager_add_full (recent, uri, &data);
        }
    }
  update_follow (self);
}

static void
start_load (LdWinWindow *self,
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
  job->analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES | LD_ANALYSIS_FLAGS_BACKGROUND);
  self->job = job;
  self->silent_load = silent;

  task = g_task_new (self, self->cancellable, load_done, GINT_TO_POINTER (silent));
  g_task_set_source_tag (task, start_load);
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
      set_state (self, LD_WIN_STATE_LOADING);
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
  start_load (self, list, FALSE);
}

void
ld_win_window_cancel_load (LdWinWindow *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
on_cancel_clicked (GtkButton   *button,
                   LdWinWindow *self)
{
  ld_win_window_cancel_load (self);
}

/* ---- States ------------------------------------------------------------ */

static const char *state_names[] = { "empty", "loading", "error", "document" };

static void
set_state (LdWinWindow *self,
           LdWinState   state)
{
  gboolean doc = state == LD_WIN_STATE_DOCUMENT;

  gtk_stack_set_visible_child_name (self->main_stack, state_names[state]);
  gtk_widget_set_visible (self->view_switcher, doc);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "export")), doc);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "reload")), doc);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "follow")), doc);
  if (g_action_map_lookup_action (G_ACTION_MAP (self), "wizard") != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "wizard")), doc);
}

LdWinState
ld_win_window_get_state (LdWinWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->main_stack);

  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (name, state_names[i]) == 0)
      return i;
  return LD_WIN_STATE_EMPTY;
}

gboolean
ld_win_window_is_blank (LdWinWindow *self)
{
  return self->analysis == NULL && self->job == NULL;
}

LdWinTimeline *
ld_win_window_get_early_timeline (LdWinWindow *self)
{
  return self->early_timeline;
}

guint
ld_win_window_get_n_early_attempts (LdWinWindow *self)
{
  return self->early_shown;
}

LdAnalysis *
ld_win_window_get_analysis (LdWinWindow *self)
{
  return self->analysis;
}

static void
show_banner (LdWinWindow *self,
             const char  *text)
{
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner_revealer, TRUE);
}

void
ld_win_window_set_initial_view (LdWinWindow *self,
                                const char  *view,
                                const char  *search)
{
  g_free (self->initial_view);
  g_free (self->initial_search);
  self->initial_view = g_strdup (view);
  self->initial_search = g_strdup (search);
}

void
ld_win_window_show_message (LdWinWindow *self,
                            const char  *text)
{
  show_banner (self, text);
}

static void
on_banner_close (GtkButton   *button,
                 LdWinWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* ---- The document ------------------------------------------------------ */

static gboolean
is_failure (const LdAttempt *attempt)
{
  return attempt->outcome == LD_OUTCOME_FAILED || attempt->outcome == LD_OUTCOME_NO_RESPONSE;
}

static guint
selected_attempt_id (LdWinWindow *self)
{
  LdWinRow *row = gtk_single_selection_get_selected_item (self->attempt_selection);

  return row ? ((const LdAttempt *) ld_win_row_get_data (row))->id : 0;
}

static void
update_attempts_count (LdWinWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_store));
  g_autofree char *text = g_strdup_printf (ngettext ("%u of %u attempt", "%u of %u attempts", total), shown, total);

  gtk_label_set_text (self->attempts_count, text);
}

static void
add_legend (LdWinWindow *self,
            const char  *css,
            const char  *text)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *swatch = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

  gtk_widget_add_css_class (swatch, "swatch");
  gtk_widget_add_css_class (swatch, css);
  gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), swatch);
  gtk_box_append (GTK_BOX (box), gtk_label_new (text));
  gtk_widget_add_css_class (box, "caption");
  gtk_box_append (self->legend_box, box);
}

static void
update_summary (LdWinWindow *self)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self->analysis);
  GPtrArray *attempts = ld_analysis_get_attempts (self->analysis);
  guint failed = 0;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const LdInput *first = inputs->len > 0 ? g_ptr_array_index (inputs, 0) : NULL;

  for (guint i = 0; i < attempts->len; i++)
    failed += is_failure (g_ptr_array_index (attempts, i));

  name = g_path_get_basename (first ? ld_input_get_display_name (first) : "?");
  if (inputs->len > 1)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("%s and %u more", "%s and %u more", inputs->len - 1),
                                               name, inputs->len - 1);
      g_free (name);
      name = g_steal_pointer (&more);
    }
  title = g_strdup_printf ("%s — LyncDiag", name);
  gtk_window_set_title (GTK_WINDOW (self), title);

  text = g_strdup_printf (_("%s%s%s: %u attempts, %u failed, %'u SIP messages"),
                          name,
                          first && first->client ? " · " : "",
                          first && first->client ? first->client : "",
                          attempts->len, failed,
                          (guint) ld_analysis_get_total_sip_messages (self->analysis));
  gtk_label_set_text (self->summary_label, text);
}

/* GtkListView (GTK 4.8) keeps widgets for up to 200 rows around its first
 * visible one, however few fit on screen, and the attempts list has nine
 * cells a row. Creating, measuring and drawing them for 200 rows at once
 * froze the window for about a tenth of a second after a large log was
 * read. So rows go in a few a frame: a handful first (they are on screen),
 * then more each frame. While frames stay short the batch doubles; a
 * longer frame tells what a row costs on this machine, and the next batch
 * is what fits in FILL_FRAME_BUDGET at that cost.
 * Past FILL_REALIZED_ROWS no widget is made for the rest, which then go in
 * large batches: a frame that adds 17,000 rows takes no longer than one
 * that adds 4,096 (15 ms; what it costs is the list's layout, not the
 * rows), so one batch holds all of a large log's attempts. */
#define FILL_REALIZED_ROWS   256
#define FILL_FIRST_ROWS      8
#define FILL_MAX_ROWS        128
#define FILL_BESIDE_CARDS    24
#define FILL_SHORT_FRAME     (20 * G_TIME_SPAN_MILLISECOND)
#define FILL_FRAME_BUDGET    (30 * G_TIME_SPAN_MILLISECOND)
#define FILL_BATCH           65536

static int
compare_rows_by_view (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return gtk_sorter_compare (GTK_SORTER (user_data),
                             *(gpointer const *) a,
                             *(gpointer const *) b);
}

/* Usually so: the analysis lists attempts by time, as the view does until
 * another column is picked. One pass instead of a sort. */
static gboolean
in_view_order (GPtrArray *rows,
               GtkSorter *sorter)
{
  for (guint i = 1; i < rows->len; i++)
    if (gtk_sorter_compare (sorter, rows->pdata[i - 1], rows->pdata[i]) == GTK_ORDERING_LARGER)
      return FALSE;
  return TRUE;
}

static void
remove_fill_tick (LdWinWindow *self)
{
  if (self->fill_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick_id);
  self->fill_tick_id = 0;
}

static void
stop_filling (LdWinWindow *self)
{
  remove_fill_tick (self);
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_next = 0;
  self->fill_select_id = 0;
}

static gboolean select_listed_attempt (LdWinWindow *self,
                                       guint        attempt_id);

/* Moves up to @n pending rows into the store. Returns TRUE when the list
 * is complete. */
static gboolean
fill_attempts (LdWinWindow *self,
               guint        n)
{
  guint left = self->pending_rows->len - self->pending_next;

  n = MIN (n, left);
  g_list_store_splice (self->attempt_store, g_list_model_get_n_items (G_LIST_MODEL (self->attempt_store)), 0,
                       self->pending_rows->pdata + self->pending_next, n);
  self->pending_next += n;

  if (self->fill_select_id != 0 && select_listed_attempt (self, self->fill_select_id))
    self->fill_select_id = 0;
  if (self->pending_next < self->pending_rows->len)
    return FALSE;

  /* In the view's order already: attaching its sorter moves nothing. */
  gtk_sort_list_model_set_sorter (self->attempt_sorted, gtk_column_view_get_sorter (self->attempts_view));
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_next = 0;
  self->fill_select_id = 0;
  update_attempts_count (self);
  return TRUE;
}

static gboolean
fill_attempts_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  LdWinWindow *self = LD_WIN_WINDOW (widget);
  guint listed = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_store));
  gint64 now = g_get_monotonic_time ();

  /* The first frame lays out the whole new document: no more in that one.
   * Then the first rows, then the rows below the fold. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->fill_frame + 1)
    {
      self->fill_last = 0;
      return G_SOURCE_CONTINUE;
    }

  /* While the attempt view adds its finding cards, one a frame (see
   * add_pending_tick()), a fixed few rows go in beside each: such a frame
   * costs mostly what the card does, and would tell the rows' cost wrong.
   * Otherwise, the time since the last rows went in is the frame that
   * showed them. */
  if (listed >= FILL_FIRST_ROWS && ld_win_attempt_view_is_filling (self->attempt_view))
    {
      self->fill_rows = FILL_BESIDE_CARDS;
      self->fill_last = 0;
    }
  else
    {
      if (self->fill_last != 0)
        {
          gint64 frame = now - self->fill_last;
          gint64 fit = self->fill_rows * FILL_FRAME_BUDGET / MAX (frame, 1);

          if (frame <= FILL_SHORT_FRAME)
            fit = self->fill_rows * 2;
          self->fill_rows = (guint) CLAMP (fit, 1, MIN (self->fill_rows * 2, FILL_MAX_ROWS));
        }
      self->fill_last = now;
    }

  if (!fill_attempts (self, listed < FILL_REALIZED_ROWS ? self->fill_rows : FILL_BATCH))
    {
      update_attempts_count (self);
      return G_SOURCE_CONTINUE;
    }
  self->fill_tick_id = 0;
  return G_SOURCE_REMOVE;
}

static void show_message_at (LdWinWindow *self, guint input, guint64 line);

static void
finish_messages_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  ld_analysis_finish_messages (task_data);
  g_task_return_boolean (task, TRUE);
}

static void
messages_finished (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  LdWinWindow *self = LD_WIN_WINDOW (source);
  LdAnalysis *analysis = g_task_get_task_data (G_TASK (result));

  /* Another document replaced this one, or the window is gone. */
  if (analysis != self->analysis)
    return;
  ld_win_messages_set_analysis (self->messages, analysis);
  if (self->evidence_pending)
    {
      self->evidence_pending = FALSE;
      show_message_at (self, self->evidence_input, self->evidence_line);
    }
}

/* With the message browser, parsing the messages outside the call dialogs
 * is the last part of loading a large log. It runs on another thread
 * while this one lists the attempts: on two cores, listing them keeps one
 * busy and parsing the other. */
static void
finish_messages (LdWinWindow *self,
                 LdAnalysis  *analysis)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, messages_finished, NULL);

  g_task_set_task_data (task, g_object_ref (analysis), g_object_unref);
  g_task_run_in_thread (task, finish_messages_thread);
}

static void
set_analysis (LdWinWindow *self,
              LdAnalysis  *analysis)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  guint keep_id = selected_attempt_id (self);
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  GtkSorter *sorter = gtk_column_view_get_sorter (self->attempts_view);
  g_autofree char *findings_title = NULL;
  const LdAttempt *shown = NULL;

  /* Views point into the old analysis: detach them before it goes. */
  stop_filling (self);
  ld_win_attempt_view_set_attempt (self->attempt_view, analysis, NULL);
  gtk_single_selection_set_selected (self->attempt_selection, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->attempt_store);

  g_set_object (&self->analysis, analysis);

  for (guint i = 0; i < attempts->len; i++)
    g_ptr_array_add (rows, ld_win_row_new (g_ptr_array_index (attempts, i), i));
  /* The rows go in already in the view's order, and its sorter is only
   * attached once all are in: a GtkSortListModel (GTK 4.8) would place
   * each added row on its own. */
  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE && !in_view_order (rows, sorter))
    g_ptr_array_sort_with_data (rows, compare_rows_by_view, sorter);
  gtk_sort_list_model_set_sorter (self->attempt_sorted, NULL);

  ld_win_timeline_set_analysis (self->timeline, analysis);
  ld_win_messages_set_analysis (self->messages, analysis);
  self->evidence_pending = FALSE;
  /* A large log's messages are parsed on another thread; the message
   * list says so meanwhile. */
  if (ld_win_messages_is_waiting (self->messages))
    finish_messages (self, analysis);
  ld_win_findings_set_analysis (self->findings, analysis);
  findings_title = findings->len > 0 ? g_strdup_printf (_("_Findings (%u)"), findings->len) : g_strdup (_("_Findings"));
  gtk_stack_page_set_title (self->findings_page, findings_title);

  update_summary (self);
  set_state (self, LD_WIN_STATE_DOCUMENT);

  /* Open on the attempt shown before a reload, else on the first failure:
   * that is what the user came for. */
  if (keep_id != 0)
    shown = ld_analysis_get_attempt_by_id (analysis, keep_id);
  for (guint i = 0; i < attempts->len && shown == NULL; i++)
    if (is_failure (g_ptr_array_index (attempts, i)))
      shown = g_ptr_array_index (attempts, i);
  if (shown == NULL && attempts->len > 0)
    shown = g_ptr_array_index (attempts, 0);
  /* Shown at once, selected in the list when its row is in. */
  ld_win_attempt_view_set_attempt (self->attempt_view, analysis, shown);
  ld_win_timeline_set_selected (self->timeline, shown ? shown->id : 0);

  self->pending_rows = g_steal_pointer (&rows);
  self->pending_next = 0;
  self->fill_select_id = shown ? shown->id : 0;
  /* Without frames (a window not shown yet) there is nothing to pace.
   * Else the document's first frame goes out without rows: it is the
   * costliest already. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self)) || self->pending_rows->len == 0)
    fill_attempts (self, G_MAXUINT);
  else
    {
      self->fill_frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->fill_last = 0;
      self->fill_rows = FILL_FIRST_ROWS;
      self->fill_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_attempts_tick, NULL, NULL);
    }
  update_attempts_count (self);
}

/**
 * ld_win_window_is_filling:
 * @self: a window
 *
 * Returns: %TRUE while the attempts of a just loaded document are still
 *   being added to the list, a few each frame, the attempt shown is still
 *   getting its finding cards, or the messages are still being parsed
 */
gboolean
ld_win_window_is_filling (LdWinWindow *self)
{
  return self->pending_rows != NULL || ld_win_attempt_view_is_filling (self->attempt_view) ||
         ld_win_messages_is_waiting (self->messages);
}

static void
scroll_attempts_to (LdWinWindow *self,
                    guint        position)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->attempts_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* Selects the attempt's row if it is in the list already. */
static gboolean
select_listed_attempt (LdWinWindow *self,
                       guint        attempt_id)
{
  const LdAttempt *attempt;
  guint n;

  if (self->analysis == NULL)
    return FALSE;
  attempt = ld_analysis_get_attempt_by_id (self->analysis, attempt_id);
  if (attempt == NULL)
    return FALSE;
  /* Asked for a successful attempt while only failures are listed. */
  if (!is_failure (attempt) && gtk_check_button_get_active (self->failed_only_check))
    gtk_check_button_set_active (self->failed_only_check, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdWinRow) row = g_list_model_get_item (G_LIST_MODEL (self->attempt_sorted), i);

      if (ld_win_row_get_data (row) == attempt)
        {
          gtk_single_selection_set_selected (self->attempt_selection, i);
          scroll_attempts_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
ld_win_window_select_attempt (LdWinWindow *self,
                              guint        attempt_id)
{
  /* The user asked for this one: list the rest at once. */
  if (self->pending_rows != NULL)
    {
      self->fill_select_id = 0;
      remove_fill_tick (self);
      fill_attempts (self, G_MAXUINT);
    }
  return select_listed_attempt (self, attempt_id);
}

static void
on_attempt_selected (GtkSingleSelection *selection,
                     GParamSpec         *pspec,
                     LdWinWindow        *self)
{
  LdWinRow *row = gtk_single_selection_get_selected_item (selection);
  const LdAttempt *attempt = row ? ld_win_row_get_data (row) : NULL;

  if (self->analysis == NULL)
    return;
  /* Whatever was picked, the list's filling must not pick another. */
  self->fill_select_id = 0;
  /* Shown already while the list was being filled. */
  if (attempt == NULL || attempt != ld_win_attempt_view_get_attempt (self->attempt_view))
    ld_win_attempt_view_set_attempt (self->attempt_view, self->analysis, attempt);
  ld_win_timeline_set_selected (self->timeline, attempt ? attempt->id : 0);
}

static void
on_timeline_activated (LdWinTimeline *timeline,
                       guint          attempt_id,
                       LdWinWindow   *self)
{
  gtk_stack_set_visible_child_name (self->doc_stack, "attempts");
  ld_win_window_select_attempt (self, attempt_id);
}

/* Selects the message logged at @line of input @input, or the last one
 * before it. */
static void
show_message_at (LdWinWindow *self,
                 guint        input,
                 guint64      line)
{
  GPtrArray *messages = ld_analysis_get_messages (self->analysis);
  const LdSipMessage *best = NULL;

  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      if (msg->input == input && msg->line <= line)
        best = msg;
    }
  if (best != NULL)
    {
      gtk_stack_set_visible_child_name (self->doc_stack, "messages");
      ld_win_messages_select_message (self->messages, best);
    }
}

static void
on_finding_activated (LdWinFindings   *findings,
                      const LdFinding *finding,
                      LdWinWindow     *self)
{
  const LdEvidence *ev = NULL;

  for (guint i = 0; finding->evidence != NULL && i < finding->evidence->len; i++)
    if (g_array_index (finding->evidence, LdEvidence, i).attempt != 0)
      {
        ev = &g_array_index (finding->evidence, LdEvidence, i);
        break;
      }
  if (ev != NULL && ld_win_window_select_attempt (self, ev->attempt))
    {
      gtk_stack_set_visible_child_name (self->doc_stack, "attempts");
      ld_win_attempt_view_show_line (self->attempt_view, ev->input, ev->line);
      return;
    }

  /* Evidence outside any attempt: show the message in the message list. */
  if (finding->evidence != NULL && finding->evidence->len > 0)
    {
      const LdEvidence *first = &g_array_index (finding->evidence, LdEvidence, 0);

      if (!ld_win_messages_is_waiting (self->messages))
        show_message_at (self, first->input, first->line);
      else
        {
          /* Shown once the messages are parsed; meanwhile the list says
           * it is reading them. */
          self->evidence_pending = TRUE;
          self->evidence_input = first->input;
          self->evidence_line = first->line;
          gtk_stack_set_visible_child_name (self->doc_stack, "messages");
        }
    }
}

static void
on_failed_only_toggled (GtkCheckButton *check,
                        LdWinWindow    *self)
{
  gtk_filter_changed (GTK_FILTER (self->failed_filter),
                      gtk_check_button_get_active (check) ? GTK_FILTER_CHANGE_MORE_STRICT
                                                          : GTK_FILTER_CHANGE_LESS_STRICT);
  update_attempts_count (self);
}

static gboolean
failed_filter_func (gpointer item,
                    gpointer user_data)
{
  LdWinWindow *self = user_data;

  return !gtk_check_button_get_active (self->failed_only_check) || is_failure (ld_win_row_get_data (item));
}

/* ---- Attempts columns --------------------------------------------------- */

typedef enum
{
  ACOL_ID,
  ACOL_TIME,
  ACOL_KIND,
  ACOL_MODALITY,
  ACOL_TARGET,
  ACOL_OUTCOME,
  ACOL_STATUS,
  ACOL_CODE,
  ACOL_DURATION,
} AttemptColumn;

static int
primary_code (const LdAttempt *attempt)
{
  const LdDiagnostic *diag = ld_attempt_get_primary_diagnostic (attempt);

  return diag ? diag->code : -1;
}

static char *
attempt_text (const LdAttempt *attempt,
              AttemptColumn    column)
{
  switch (column)
    {
    case ACOL_ID:
      return g_strdup_printf ("%u", attempt->id);
    case ACOL_TIME:
      {
        g_autofree char *t = ld_format_time (attempt->start);
        return g_strdup (strlen (t) > 11 ? t + 11 : t);
      }
    case ACOL_KIND:
      return g_strdup (attempt->kind == LD_ATTEMPT_CONFERENCE ? _("conference") : _("peer-to-peer"));
    case ACOL_MODALITY:
      return g_strdup (ld_modality_get_label (attempt->modality));
    case ACOL_TARGET:
      return ld_sip_uri_dup_address (attempt->target);
    case ACOL_OUTCOME:
      return g_strdup (ld_outcome_get_label (attempt->outcome));
    case ACOL_STATUS:
      return attempt->status > 0 ? g_strdup_printf ("%d", attempt->status) : g_strdup ("—");
    case ACOL_CODE:
      {
        int code = primary_code (attempt);
        return code >= 0 ? g_strdup_printf ("%d", code) : g_strdup ("");
      }
    case ACOL_DURATION:
      return ld_format_duration (attempt->end >= attempt->start ? attempt->end - attempt->start : -1);
    default:
      return NULL;
    }
}

static int
compare_attempts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LdAttempt *x = ld_win_row_get_data ((gpointer) a);
  const LdAttempt *y = ld_win_row_get_data ((gpointer) b);
  AttemptColumn column = GPOINTER_TO_UINT (user_data);
  gint64 vx = 0, vy = 0;

  switch (column)
    {
    case ACOL_ID:
    case ACOL_TIME:
      vx = x->start; vy = y->start;
      break;
    case ACOL_KIND:
      vx = x->kind; vy = y->kind;
      break;
    case ACOL_MODALITY:
      vx = x->modality; vy = y->modality;
      break;
    case ACOL_TARGET:
      return g_strcmp0 (x->target, y->target);
    case ACOL_OUTCOME:
      vx = x->outcome; vy = y->outcome;
      break;
    case ACOL_STATUS:
      vx = x->status; vy = y->status;
      break;
    case ACOL_CODE:
      vx = primary_code (x); vy = primary_code (y);
      break;
    case ACOL_DURATION:
      vx = x->end - x->start; vy = y->end - y->start;
      break;
    default:
      break;
    }
  if (vx != vy)
    return vx < vy ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return x->id < y->id ? GTK_ORDERING_SMALLER : x->id > y->id ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
on_target_query_tooltip (GtkWidget  *cell,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (cell), "ld-target");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* An LdWinCell: the list keeps 200 rows of nine cells (see
 * FILL_REALIZED_ROWS), and a cell's size does not depend on its text. */
static void
setup_attempt_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  AttemptColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  gboolean numeric = column == ACOL_ID || column == ACOL_STATUS || column == ACOL_CODE;
  GtkWidget *cell = ld_win_cell_new (numeric || column == ACOL_DURATION ? 1 : 0,
                                     column == ACOL_TARGET ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);

  if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  /* The whole target, which the cell may shorten in the middle. Asked
   * for when shown: setting a tooltip's text on each bind made GTK ask
   * the display where the pointer is, a round trip per row. */
  if (column == ACOL_TARGET)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_target_query_tooltip), NULL);
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_attempt_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  AttemptColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  const LdAttempt *attempt = ld_win_row_get_data (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = attempt_text (attempt, column);
  static const char *outcome_classes[] = { "outcome-succeeded", "outcome-failed",
                                           "outcome-cancelled", "outcome-no-response" };

  ld_win_cell_set_text (LD_WIN_CELL (cell), text);
  if (column == ACOL_TARGET)
    g_object_set_data_full (G_OBJECT (cell), "ld-target", g_strdup (attempt->target), g_free);
  if (column == ACOL_OUTCOME)
    {
      for (guint i = 0; i < G_N_ELEMENTS (outcome_classes); i++)
        gtk_widget_remove_css_class (cell, outcome_classes[i]);
      if ((guint) attempt->outcome < G_N_ELEMENTS (outcome_classes))
        gtk_widget_add_css_class (cell, outcome_classes[attempt->outcome]);
    }
}

static GtkColumnViewColumn *
add_attempt_column (LdWinWindow   *self,
                    const char    *title,
                    AttemptColumn  column,
                    int            width,
                    gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  g_autoptr(GtkSorter) sorter = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_attempt_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_attempt_cell), self);
  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_attempts, GUINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_append_column (self->attempts_view, col);
  g_object_unref (col);
  return col;
}

static void
setup_attempts_view (LdWinWindow *self)
{
  GtkColumnViewColumn *time_col;

  self->attempt_store = g_list_store_new (LD_WIN_TYPE_ROW);
  self->failed_filter = gtk_custom_filter_new (failed_filter_func, self, NULL);
  self->attempt_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->attempt_store)),
                                                      GTK_FILTER (self->failed_filter));
  add_attempt_column (self, _("#"), ACOL_ID, 36, FALSE);
  time_col = add_attempt_column (self, _("Time"), ACOL_TIME, 104, FALSE);
  add_attempt_column (self, _("Kind"), ACOL_KIND, 96, FALSE);
  add_attempt_column (self, _("Modality"), ACOL_MODALITY, 104, FALSE);
  add_attempt_column (self, _("Target"), ACOL_TARGET, 110, TRUE);
  add_attempt_column (self, _("Outcome"), ACOL_OUTCOME, 90, FALSE);
  add_attempt_column (self, _("Status"), ACOL_STATUS, 56, FALSE);
  add_attempt_column (self, _("Code"), ACOL_CODE, 54, FALSE);
  add_attempt_column (self, _("Duration"), ACOL_DURATION, 92, FALSE);

  self->attempt_sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->attempt_filtered)),
                                                  g_object_ref (gtk_column_view_get_sorter (self->attempts_view)));
  self->attempt_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->attempt_sorted)));
  gtk_single_selection_set_autoselect (self->attempt_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->attempt_selection, TRUE);
  g_signal_connect (self->attempt_selection, "notify::selected", G_CALLBACK (on_attempt_selected), self);
  gtk_column_view_set_model (self->attempts_view, GTK_SELECTION_MODEL (self->attempt_selection));
  gtk_column_view_sort_by_column (self->attempts_view, time_col, GTK_SORT_ASCENDING);
}

/* For tests: the id of the attempt selected in the list, or 0 */
guint
ld_win_window_get_selected_attempt_id (LdWinWindow *self)
{
  return selected_attempt_id (self);
}

guint
ld_win_window_get_n_listed_attempts (LdWinWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
}

LdWinTimeline *
ld_win_window_get_timeline (LdWinWindow *self)
{
  return self->timeline;
}

LdWinAttemptView *
ld_win_window_get_attempt_view (LdWinWindow *self)
{
  return self->attempt_view;
}

LdWinMessages *
ld_win_window_get_messages (LdWinWindow *self)
{
  return self->messages;
}

/* For tests: logs of fewer messages have them parsed before the document
 * is shown (see load_thread()); 0 shows every document first. */
void
ld_win_window_set_small_log_messages (LdWinWindow *self,
                                      guint        n)
{
  self->small_log_messages = n;
}

const char *
ld_win_window_get_error_title (LdWinWindow *self)
{
  return gtk_label_get_text (self->error_title);
}

/* ---- Follow mode ---------------------------------------------------------- */

static GPtrArray *
files_for_reload (LdWinWindow *self)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->files, i);
      g_autofree char *path = g_file_get_path (file);

      /* Lync rotates by renaming the full log to ….bak and starting a new
       * one under the old name: read the .bak first so nothing written
       * while following is lost. */
      if (path != NULL && !g_str_has_suffix (path, ".bak"))
        {
          g_autofree char *bak = g_strconcat (path, ".bak", NULL);
          g_autoptr(GFile) bak_file = g_file_new_for_path (bak);
          g_autoptr(GFileInfo) info = g_file_query_info (bak_file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                         G_FILE_QUERY_INFO_NONE, NULL, NULL);
          gboolean listed = FALSE;

          for (guint j = 0; j < self->files->len; j++)
            listed |= g_file_equal (g_ptr_array_index (self->files, j), bak_file);
          if (info != NULL && !listed &&
              (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
                >= self->follow_since - 2 * G_USEC_PER_SEC)
            g_ptr_array_add (files, g_steal_pointer (&bak_file));
        }
      g_ptr_array_add (files, g_object_ref (file));
    }
  return files;
}

static gboolean
reload_now (gpointer user_data)
{
  LdWinWindow *self = user_data;
  g_autoptr(GPtrArray) files = NULL;

  self->reload_id = 0;
  if (self->job != NULL)
    {
      /* Still reading the last change: read again once it is done. */
      self->reload_pending = TRUE;
      return G_SOURCE_REMOVE;
    }
  files = files_for_reload (self);
  start_load (self, files, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 LdWinWindow       *self)
{
  g_autofree char *name = g_file_get_basename (file);
  gboolean ours = FALSE;

  for (guint i = 0; i < self->files->len && !ours; i++)
    {
      g_autofree char *opened = g_file_get_basename (g_ptr_array_index (self->files, i));
      g_autofree char *bak = g_strconcat (opened, ".bak", NULL);

      ours = g_ascii_strcasecmp (name, opened) == 0 || g_ascii_strcasecmp (name, bak) == 0;
    }
  if (!ours)
    return;
  /* Lync writes in bursts; read once the burst is over. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (700, reload_now, self);
}

static void
stop_monitors (LdWinWindow *self)
{
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFileMonitor *monitor = g_ptr_array_index (self->monitors, i);

      g_signal_handlers_disconnect_by_func (monitor, on_file_changed, self);
      g_file_monitor_cancel (monitor);
    }
  g_ptr_array_set_size (self->monitors, 0);
  g_clear_handle_id (&self->reload_id, g_source_remove);
}

static gboolean
following (LdWinWindow *self)
{
  g_autoptr(GVariant) state = g_action_get_state (g_action_map_lookup_action (G_ACTION_MAP (self), "follow"));

  return g_variant_get_boolean (state);
}

static void
update_follow (LdWinWindow *self)
{
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!following (self) || self->analysis == NULL)
    {
      stop_monitors (self);
      return;
    }
  if (self->monitors->len > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = g_date_time_format (now, "%X");
      g_autofree char *text = g_strdup_printf (_("Following the log: new messages appear as Lync writes them. "
                                                 "Last read at %s."), when);
      show_banner (self, text);
      return;
    }

  /* Watch the folders, not the files: a rotation replaces the file. */
  for (guint i = 0; i < self->files->len; i++)
    {
      g_autoptr(GFile) parent = g_file_get_parent (g_ptr_array_index (self->files, i));
      g_autofree char *uri = parent ? g_file_get_uri (parent) : NULL;
      GFileMonitor *monitor;

      if (parent == NULL || g_hash_table_contains (dirs, uri))
        continue;
      g_hash_table_add (dirs, g_steal_pointer (&uri));
      monitor = g_file_monitor_directory (parent, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor == NULL)
        continue;
      g_signal_connect (monitor, "changed", G_CALLBACK (on_file_changed), self);
      g_ptr_array_add (self->monitors, monitor);
    }
  if (self->monitors->len == 0)
    {
      show_banner (self, _("These files cannot be followed: they are not in a folder LyncDiag can watch, "
                           "for example inside a zip."));
      g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "follow")),
                                 g_variant_new_boolean (FALSE));
      return;
    }
  show_banner (self, _("Following the log: new messages appear as Lync writes them. Restart Lync, then reproduce the problem."));
}

static void
follow_change_state (GSimpleAction *action,
                     GVariant      *value,
                     gpointer       user_data)
{
  LdWinWindow *self = user_data;

  g_simple_action_set_state (action, value);
  if (g_variant_get_boolean (value))
    self->follow_since = g_get_real_time ();
  else
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  stop_monitors (self);
  update_follow (self);
}

/* ---- Actions ---------------------------------------------------------------- */

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     LdWinWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      if (list->len > 0)
        start_load (self, list, FALSE);
    }
  g_object_unref (dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LdWinWindow *self = user_data;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Open Logs"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Lync logs and MOSDAL reports"));
  gtk_file_filter_add_mime_type (filter, "text/x-uccapilog");
  gtk_file_filter_add_suffix (filter, "uccapilog");
  gtk_file_filter_add_suffix (filter, "bak");
  gtk_file_filter_add_suffix (filter, "log");
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Lync logs (*.uccapilog)"));
  gtk_file_filter_add_mime_type (filter, "text/x-uccapilog");
  gtk_file_filter_add_suffix (filter, "uccapilog");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Zip reports (MOSDALREPORT.zip)"));
  gtk_file_filter_add_mime_type (filter, "application/zip");
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LdWinWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  ld_win_window_open (self, &file, 1);
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis == NULL)
    return;
  gtk_stack_set_visible_child_name (self->doc_stack, "messages");
  ld_win_messages_focus_search (self->messages);
}

static void
step_failure (LdWinWindow *self,
              int          step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
  guint current = gtk_single_selection_get_selected (self->attempt_selection);
  int pos;

  if (n == 0)
    return;
  gtk_stack_set_visible_child_name (self->doc_stack, "attempts");
  pos = current == GTK_INVALID_LIST_POSITION ? (step > 0 ? -1 : (int) n) : (int) current;
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(LdWinRow) row = NULL;

      pos += step;
      if (pos < 0 || pos >= (int) n)
        break;
      row = g_list_model_get_item (G_LIST_MODEL (self->attempt_sorted), pos);
      if (is_failure (ld_win_row_get_data (row)))
        {
          gtk_single_selection_set_selected (self->attempt_selection, pos);
          scroll_attempts_to (self, pos);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
}

static void
next_failure_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  step_failure (user_data, 1);
}

static void
previous_failure_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  step_failure (user_data, -1);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis != NULL)
    ld_win_export_dialog_run (self);
}

static void
wizard_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LdWinWindow *self = user_data;

  ld_win_wizard_open (GTK_WINDOW (self), self->analysis);
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ld_win_timeline_zoom (LD_WIN_WINDOW (user_data)->timeline, 1.5);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  ld_win_timeline_zoom (LD_WIN_WINDOW (user_data)->timeline, 1 / 1.5);
}

static void
zoom_reset_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  ld_win_timeline_reset_zoom (LD_WIN_WINDOW (user_data)->timeline);
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->files->len > 0 && self->job == NULL)
    start_load (self, self->files, TRUE);
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis != NULL)
    gtk_stack_set_visible_child_name (self->doc_stack, g_variant_get_string (param, NULL));
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry win_actions[] = {
  { "open", open_action },
  { "open-recent", open_recent_action, "s" },
  { "find", find_action },
  { "next-failure", next_failure_action },
  { "previous-failure", previous_failure_action },
  { "export", export_action },
  { "wizard", wizard_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-reset", zoom_reset_action },
  { "reload", reload_action },
  { "follow", NULL, NULL, "false", follow_change_state },
  { "show-view", show_view_action, "s" },
  { "close", close_action },
};

/* ---- Drag and drop, recent files ------------------------------------------ */

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LdWinWindow   *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;
  start_load (self, files, FALSE);
  return TRUE;
}

static GList *
list_recent (void)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GList *ours = NULL;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, RECENT_APP_NAME) && gtk_recent_info_exists (info))
        ours = g_list_prepend (ours, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return ours;
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *mb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return -g_date_time_compare (ma, mb);
}

static void
on_recent_activated (GtkListBox    *box,
                     GtkListBoxRow *row,
                     LdWinWindow   *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL)
    return;
  file = g_file_new_for_uri (uri);
  ld_win_window_open (self, &file, 1);
}

static void
update_recent (LdWinWindow *self)
{
  GList *recent = NULL;
  GtkWidget *child;
  guint n = 0;

  g_menu_remove_all (self->recent_submenu);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (self->recent_enabled)
    recent = g_list_sort (list_recent (), compare_recent);

  for (GList *l = recent; l != NULL && n < MAX_RECENT; l = l->next, n++)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *location = gtk_recent_info_get_uri_display (info);
      g_autofree char *escaped_uri = g_variant_print (g_variant_new_string (uri), FALSE);
      g_autofree char *detailed = g_strdup_printf ("win.open-recent(%s)", escaped_uri);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (gtk_recent_info_get_display_name (info));
      GtkWidget *where = gtk_label_new (location);

      g_menu_append (self->recent_submenu, gtk_recent_info_get_display_name (info), detailed);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (where), 0);
      gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (where, "dim-label");
      gtk_widget_add_css_class (where, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), where);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
    }
  g_list_free_full (recent, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n > 0);
}

void
ld_win_window_set_recent_enabled (LdWinWindow *self,
                                  gboolean     enabled)
{
  self->recent_enabled = enabled;
  update_recent (self);
}

/* ---- Empty state ------------------------------------------------------------- */

static void
fill_locations (LdWinWindow *self)
{
  static const struct { const char *client; const char *where; } rows[] = {
    { N_("Lync 2013, Skype for Business"),
      "%LOCALAPPDATA%\\Microsoft\\Office\\<version>\\Lync\\Tracing\\Lync-UccApi-0.UccApilog" },
    { N_("Lync 2010, Office Communicator"), "%USERPROFILE%\\Tracing\\Communicator-uccapi-0.uccapilog" },
    { N_("MOSDAL Support Toolkit"), "Documents\\MOSDAL\\MOSDALREPORT.zip" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *client = gtk_label_new (_(rows[i].client));
      GtkWidget *where = gtk_label_new (rows[i].where);

      gtk_label_set_xalign (GTK_LABEL (client), 0);
      gtk_label_set_xalign (GTK_LABEL (where), 0);
      gtk_label_set_selectable (GTK_LABEL (where), TRUE);
      gtk_label_set_wrap (GTK_LABEL (where), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (where), PANGO_WRAP_WORD_CHAR);
      gtk_widget_set_hexpand (where, TRUE);
      gtk_widget_add_css_class (client, "heading");
      gtk_widget_add_css_class (where, "monospace");
      gtk_grid_attach (self->locations_grid, client, 0, i, 1, 1);
      gtk_grid_attach (self->locations_grid, where, 1, i, 1, 1);
    }
}

/* ---- Settings ----------------------------------------------------------------- */

static gboolean
on_close_request (GtkWindow   *window,
                  LdWinWindow *self)
{
  ld_win_window_cancel_load (self);
  if (self->settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set (self->settings, "window-size", "(ii)", width, height);
      g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return FALSE;
}

/* ---- GObject ---------------------------------------------------------------- */

static void
ld_win_window_dispose (GObject *object)
{
  LdWinWindow *self = LD_WIN_WINDOW (object);

  ld_win_window_cancel_load (self);
  stop_filling (self);
  self->job = NULL;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->monitors != NULL)
    stop_monitors (self);
  g_signal_handlers_disconnect_by_data (gtk_recent_manager_get_default (), self);
  if (self->attempt_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->attempt_selection, self);
  if (self->attempts_view != NULL)
    gtk_column_view_set_model (self->attempts_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_WINDOW);
  g_clear_object (&self->attempt_selection);
  g_clear_object (&self->attempt_sorted);
  g_clear_object (&self->attempt_filtered);
  g_clear_object (&self->attempt_store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->monitors, g_ptr_array_unref);
  g_clear_pointer (&self->initial_view, g_free);
  g_clear_pointer (&self->initial_search, g_free);
  G_OBJECT_CLASS (ld_win_window_parent_class)->dispose (object);
}

static void
ld_win_window_class_init (LdWinWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_window_dispose;

  g_type_ensure (LD_WIN_TYPE_TIMELINE);
  g_type_ensure (LD_WIN_TYPE_ATTEMPT_VIEW);
  g_type_ensure (LD_WIN_TYPE_MESSAGES);
  g_type_ensure (LD_WIN_TYPE_FINDINGS);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-window.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, view_switcher);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, banner_revealer);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, banner_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, locations_grid);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, recent_heading);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, recent_submenu);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, early_box);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, early_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, early_timeline);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, error_title);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, error_message);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, error_hint);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, timeline_paned);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, legend_box);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, doc_stack);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, findings_page);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, detail_paned);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, failed_only_check);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, attempts_count);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, attempts_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, attempt_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, messages);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, findings);
  gtk_widget_class_bind_template_callback (widget_class, on_banner_close);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_finding_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_failed_only_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_activated);
}

static void
ld_win_window_init (LdWinWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->small_log_messages = SMALL_LOG_MESSAGES;

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->recent_enabled = TRUE;

  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);

  setup_attempts_view (self);
  fill_locations (self);
  add_legend (self, "outcome-succeeded", _("succeeded"));
  add_legend (self, "outcome-failed", _("failed"));
  add_legend (self, "outcome-no-response", _("no answer"));
  add_legend (self, "outcome-cancelled", _("cancelled"));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed", G_CALLBACK (update_recent), self);
  update_recent (self);

  self->settings = ld_win_settings_new ();
  if (self->settings != NULL)
    {
      int width, height;

      g_settings_get (self->settings, "window-size", "(ii)", &width, &height);
      gtk_window_set_default_size (GTK_WINDOW (self), width, height);
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      g_settings_bind (self->settings, "timeline-pane-position", self->timeline_paned, "position", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "detail-pane-position", self->detail_paned, "position", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "messages-pane-position", ld_win_messages_get_paned (self->messages),
                       "position", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "failed-only", self->failed_only_check, "active", G_SETTINGS_BIND_DEFAULT);
    }
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), self);

  set_state (self, LD_WIN_STATE_EMPTY);
}

LdWinWindow *
ld_win_window_new (GtkApplication *application)
{
  return g_object_new (LD_WIN_TYPE_WINDOW, "application", application, NULL);
}
