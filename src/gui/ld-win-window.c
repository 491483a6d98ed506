/* ld-win-window.c - the main window: one document made of one or more inputs
 *
 * States: empty (what to open and where it lives), loading (progress and
 * Cancel), error (what went wrong and what to do) and the document
 * (timeline above; attempts, messages and findings below). Loading, the
 * attempts list, follow mode, the actions and recent files have files of
 * their own (see ld-win-window-private.h).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-attempt-view.h"
#include "ld-win-findings.h"
#include "ld-win-messages.h"
#include "ld-win-settings.h"
#include "ld-win-timeline.h"
#include "ld-win-window-private.h"

G_DEFINE_FINAL_TYPE (LdWinWindow, ld_win_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- States ------------------------------------------------------------ */

static const char *state_names[] = { "empty", "loading", "error", "document" };

void
_ld_win_window_set_state (LdWinWindow *self,
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

void
_ld_win_window_show_banner (LdWinWindow *self,
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
  _ld_win_window_show_banner (self, text);
}

static void
on_banner_close (GtkButton   *button,
                 LdWinWindow *self)
{
  gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
}

/* ---- The document ------------------------------------------------------ */

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
    failed += _ld_win_attempt_is_failure (g_ptr_array_index (attempts, i));

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

void
_ld_win_window_set_analysis (LdWinWindow *self,
                             LdAnalysis  *analysis)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  guint keep_id = _ld_win_window_selected_attempt_id (self);
  GPtrArray *findings = ld_analysis_get_findings (analysis);
  g_autofree char *findings_title = NULL;
  const LdAttempt *shown = NULL;

  /* Views point into the old analysis: detach them before it goes. */
  _ld_win_window_clear_attempts (self);
  ld_win_attempt_view_set_attempt (self->attempt_view, analysis, NULL);

  g_set_object (&self->analysis, analysis);

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
  _ld_win_window_set_state (self, LD_WIN_STATE_DOCUMENT);

  /* Open on the attempt shown before a reload, else on the first failure:
   * that is what the user came for. */
  if (keep_id != 0)
    shown = ld_analysis_get_attempt_by_id (analysis, keep_id);
  for (guint i = 0; i < attempts->len && shown == NULL; i++)
    if (_ld_win_attempt_is_failure (g_ptr_array_index (attempts, i)))
      shown = g_ptr_array_index (attempts, i);
  if (shown == NULL && attempts->len > 0)
    shown = g_ptr_array_index (attempts, 0);
  /* Shown at once, selected in the list when its row is in. */
  ld_win_attempt_view_set_attempt (self->attempt_view, analysis, shown);
  ld_win_timeline_set_selected (self->timeline, shown ? shown->id : 0);
  _ld_win_window_list_attempts (self, shown);
}

void
_ld_win_window_apply_initial_view (LdWinWindow *self)
{
  if (self->initial_search != NULL)
    ld_win_messages_set_query (self->messages, self->initial_search);
  if (g_strcmp0 (self->initial_view, "flow") == 0)
    ld_win_attempt_view_show_page (self->attempt_view, "flow");
  else if (self->initial_view != NULL)
    gtk_stack_set_visible_child_name (self->doc_stack, self->initial_view);
  g_clear_pointer (&self->initial_view, g_free);
  g_clear_pointer (&self->initial_search, g_free);
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
  _ld_win_window_stop_filling (self);
  self->job = NULL;
  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->monitors != NULL)
    _ld_win_window_stop_monitors (self);
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
  gtk_widget_class_bind_template_callback_full (widget_class, "on_cancel_clicked",
                                                G_CALLBACK (_ld_win_window_on_cancel_clicked));
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_finding_activated);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_failed_only_toggled",
                                                G_CALLBACK (_ld_win_window_on_failed_only_toggled));
  gtk_widget_class_bind_template_callback_full (widget_class, "on_recent_activated",
                                                G_CALLBACK (_ld_win_window_on_recent_activated));
}

static void
ld_win_window_init (LdWinWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->small_log_messages = SMALL_LOG_MESSAGES;

  self->files = g_ptr_array_new_with_free_func (g_object_unref);
  self->monitors = g_ptr_array_new_with_free_func (g_object_unref);
  self->recent_enabled = TRUE;

  _ld_win_window_add_actions (self);

  _ld_win_window_setup_attempts (self);
  fill_locations (self);
  add_legend (self, "outcome-succeeded", _("succeeded"));
  add_legend (self, "outcome-failed", _("failed"));
  add_legend (self, "outcome-no-response", _("no answer"));
  add_legend (self, "outcome-cancelled", _("cancelled"));

  _ld_win_window_setup_recent (self);

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

  _ld_win_window_set_state (self, LD_WIN_STATE_EMPTY);
}

LdWinWindow *
ld_win_window_new (GtkApplication *application)
{
  return g_object_new (LD_WIN_TYPE_WINDOW, "application", application, NULL);
}