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
#include "ld-win-flow.h"
#include "ld-win-messages.h"
#include "ld-win-paned.h"
#include "ld-win-settings.h"
#include "ld-win-text.h"
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
  /* What acts on a document is not there without one: hidden, not greyed
   * out, on the start, loading and error pages. */
  gtk_widget_set_visible (self->view_switcher, doc);
  gtk_widget_set_visible (self->follow_button, doc);
  gtk_widget_set_visible (self->export_button, doc);
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
  ld_win_label_set_log_text (self->banner_label, text);
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
  guint64 n_messages = ld_analysis_get_total_sip_messages (self->analysis);
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  g_autofree char *source = NULL;
  g_autofree char *tried = NULL;
  g_autofree char *failures = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *inputs_label = NULL;
  guint n_skipped;
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

  /* The counts, never shortened; then where they come from, shortened
   * at its end when the window is narrow. */
  tried = g_strdup_printf (ngettext ("%u attempt", "%u attempts", attempts->len), attempts->len);
  failures = g_strdup_printf (ngettext ("%u failed", "%u failed", failed), failed);
  messages = g_strdup_printf (ngettext ("%'u SIP message", "%'u SIP messages", (gulong) MIN (n_messages, G_MAXULONG)),
                              (guint) MIN (n_messages, G_MAXUINT));
  /* TRANSLATORS: "3 attempts, 1 failed · 15 SIP messages" */
  counts = g_strdup_printf (_("%s, %s · %s"), tried, failures, messages);
  gtk_label_set_text (self->counts_label, counts);
  if (failed > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->counts_label), "has-failures");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->counts_label), "has-failures");

  /* Which log, which client, whose: the counts first, this after. */
  {
    GString *s = g_string_new (name);

    if (first != NULL && first->client != NULL)
      g_string_append_printf (s, " · %s", first->client);
    if (first != NULL && first->user != NULL)
      g_string_append_printf (s, " · %s", first->user);
    source = g_string_free (s, FALSE);
  }
  gtk_label_set_text (self->source_label, source);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), source);

  ld_win_inputs_set_analysis (self->inputs, self->analysis);
  n_skipped = ld_win_inputs_get_n_skipped (self->inputs);
  if (n_skipped > 0)
    inputs_label = g_strdup_printf (ngettext ("%u _Input, %u skipped", "%u _Inputs, %u skipped", inputs->len),
                                    inputs->len, n_skipped);
  else
    inputs_label = g_strdup_printf (ngettext ("%u _Input", "%u _Inputs", inputs->len), inputs->len);
  gtk_menu_button_set_label (self->inputs_button, inputs_label);
  gtk_menu_button_set_use_underline (self->inputs_button, TRUE);
  if (n_skipped > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->inputs_button), "warning");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->inputs_button), "warning");
}

static void show_message_at (LdWinWindow *self, guint input, guint64 line);

/* With the message browser, parsing the messages outside the call dialogs
 * is the last stage of loading a large log (LdLoader): it runs while this
 * thread lists the attempts, and ends here. */
void
_ld_win_window_messages_ready (LdWinWindow *self)
{
  ld_win_messages_set_analysis (self->messages, self->analysis);
  if (self->evidence_pending)
    {
      self->evidence_pending = FALSE;
      show_message_at (self, self->evidence_input, self->evidence_line);
    }
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
  gboolean shown_before = ld_win_window_get_state (self) == LD_WIN_STATE_DOCUMENT;

  /* Views point into the old analysis: detach them before it goes. */
  _ld_win_window_clear_attempts (self);
  ld_win_attempt_view_set_attempt (self->attempt_view, analysis, NULL);

  g_set_object (&self->analysis, analysis);

  ld_win_timeline_set_analysis (self->timeline, analysis);
  /* The frame that first shows the document draws all of the window anew:
   * the timeline is drawn in the next one, with the attempts list's first
   * rows. Not on a reload: the timeline on screen would blink. */
  if (!shown_before)
    ld_win_timeline_hold_a_frame (self->timeline);
  ld_win_messages_set_analysis (self->messages, analysis);
  self->evidence_pending = FALSE;
  /* A large log's messages are still being parsed by its loader, which
   * calls _ld_win_window_messages_ready(); the message list says so
   * meanwhile. */
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

/* A link to one of the attempts a finding covers. */
static void
on_findings_attempt_activated (LdWinFindings *findings,
                               guint          attempt_id,
                               LdWinWindow   *self)
{
  if (ld_win_window_select_attempt (self, attempt_id))
    {
      gtk_stack_set_visible_child_name (self->doc_stack, "attempts");
      ld_win_attempt_view_show_page (self->attempt_view, "diagnosis");
    }
}

/* A double-click in the message list: the attempt the message belongs
 * to, on its call flow; or, for a message of no attempt (a registration,
 * a subscription, an IM), the flow of its dialog. */
static void
on_message_activated (LdWinMessages      *messages,
                      const LdSipMessage *msg,
                      LdWinWindow        *self)
{
  GPtrArray *attempts = ld_analysis_get_attempts (self->analysis);
  g_autoptr(GPtrArray) dialog = g_ptr_array_new ();
  GPtrArray *all;

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *attempt = g_ptr_array_index (attempts, i);

      if (msg->call_id == NULL || g_strcmp0 (attempt->call_id, msg->call_id) != 0)
        continue;
      for (guint m = 0; m < attempt->messages->len; m++)
        if (g_ptr_array_index (attempt->messages, m) == msg && ld_win_window_select_attempt (self, attempt->id))
          {
            gtk_stack_set_visible_child_name (self->doc_stack, "attempts");
            ld_win_attempt_view_show_page (self->attempt_view, "flow");
            ld_win_attempt_view_select_message (self->attempt_view, (int) m);
            return;
          }
    }

  all = ld_analysis_get_messages (self->analysis);
  for (guint i = 0; i < all->len; i++)
    {
      const LdSipMessage *other = g_ptr_array_index (all, i);

      if (other == msg || (msg->call_id != NULL && g_strcmp0 (other->call_id, msg->call_id) == 0))
        g_ptr_array_add (dialog, (gpointer) other);
    }
  ld_win_flow_present_window (GTK_WINDOW (self), self->analysis, dialog, msg);
}

static void
on_flow_requested (LdWinMessages      *messages,
                   GPtrArray          *flow,
                   const LdSipMessage *selected,
                   LdWinWindow        *self)
{
  ld_win_flow_present_window (GTK_WINDOW (self), self->analysis, flow, selected);
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

/* ---- Layout ------------------------------------------------------------------- */

/* Narrower than this, the attempt's details go under the list; shorter,
 * the timeline waits to be asked for. A window of 800×600 then shows the
 * list and the details, each with room to read. */
#define STACKED_BELOW 1100
#define SHORT_BELOW   720
/* Not flipping back and forth at the edge. */
#define HYSTERESIS    24
/* From this width the attempts list shows kinds and modalities whole and
 * still has room for the target. */
#define WIDE_LIST     1000

static gboolean
timeline_shown (LdWinWindow *self)
{
  return self->timeline_wanted && (!self->short_window || self->timeline_forced);
}

static void
update_timeline (LdWinWindow *self)
{
  gboolean shown = timeline_shown (self);
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), "show-timeline");

  gtk_widget_set_visible (self->timeline_box, shown);
  g_simple_action_set_state (G_SIMPLE_ACTION (action), g_variant_new_boolean (shown));
}

static void
apply_layout (LdWinWindow *self)
{
  GtkOrientation orientation = self->stacked ? GTK_ORIENTATION_VERTICAL : GTK_ORIENTATION_HORIZONTAL;

  if (gtk_orientable_get_orientation (GTK_ORIENTABLE (self->detail_paned)) != orientation)
    {
      gtk_orientable_set_orientation (GTK_ORIENTABLE (self->detail_paned), orientation);
      /* Each arrangement keeps its own proportion. */
      ld_win_paned_keep_fraction (self->detail_paned, self->settings,
                                  self->stacked ? "detail-stacked-fraction" : "detail-pane-fraction",
                                  self->stacked ? 0.3 : 0.55);
    }
  update_timeline (self);
  _ld_win_window_fit_attempt_columns (self);
}

static gboolean
layout_idle (gpointer user_data)
{
  LdWinWindow *self = user_data;

  self->layout_idle_id = 0;
  apply_layout (self);
  return G_SOURCE_REMOVE;
}

/* Decides the arrangement from the size the window got; it changes in
 * the next main loop turn, outside this allocation. */
static void
decide_layout (LdWinWindow *self,
               int          width,
               int          height,
               gboolean     now)
{
  gboolean stacked = self->stacked ? width < STACKED_BELOW + HYSTERESIS : width < STACKED_BELOW;
  gboolean short_window = self->short_window ? height < SHORT_BELOW + HYSTERESIS : height < SHORT_BELOW;
  /* The list's share of the width: all of it stacked, about half beside
   * the details. */
  int list_width = stacked ? width : width * 55 / 100;
  gboolean wide_list = self->wide_list ? list_width >= WIDE_LIST - HYSTERESIS : list_width >= WIDE_LIST;

  if (stacked == self->stacked && short_window == self->short_window && wide_list == self->wide_list)
    return;
  self->wide_list = wide_list;
  self->stacked = stacked;
  if (short_window != self->short_window)
    self->timeline_forced = FALSE;
  self->short_window = short_window;
  if (now)
    apply_layout (self);
  else if (self->layout_idle_id == 0)
    self->layout_idle_id = g_idle_add_full (G_PRIORITY_HIGH, layout_idle, self, NULL);
}

static void
ld_win_window_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LdWinWindow *self = LD_WIN_WINDOW (widget);

  GTK_WIDGET_CLASS (ld_win_window_parent_class)->size_allocate (widget, width, height, baseline);
  /* A pane just shown gets its proportion in this layout, not in the
   * next frame: the document's first frame showed the timeline over the
   * whole window, the next the attempts list without the details, and
   * only the third the document as it is meant to be. The details pane
   * is inside the timeline's, so it knows its space once that one is
   * settled: each settled pane lays the window out again. */
  for (guint i = 0; i < 2; i++)
    {
      gboolean moved = ld_win_paned_settle (self->timeline_paned);

      moved |= ld_win_paned_settle (self->detail_paned);
      if (!moved)
        break;
      GTK_WIDGET_CLASS (ld_win_window_parent_class)->size_allocate (widget, width, height, baseline);
    }
  decide_layout (self, width, height, FALSE);
}

void
_ld_win_window_show_timeline_change_state (GSimpleAction *action,
                                           GVariant      *value,
                                           gpointer       user_data)
{
  LdWinWindow *self = user_data;
  gboolean show = g_variant_get_boolean (value);

  self->timeline_wanted = show;
  self->timeline_forced = show && self->short_window;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "show-timeline", show);
  update_timeline (self);
}

/* The timeline and its toggle belong to the attempts. */
static void
on_page_changed (GtkStack    *stack,
                 GParamSpec  *pspec,
                 LdWinWindow *self)
{
  gtk_widget_set_visible (self->timeline_button,
                          g_strcmp0 (gtk_stack_get_visible_child_name (stack), "attempts") == 0);
}

/* A window that fits the screen it opens on: the saved size, or the
 * default 1280×800, is cut to the monitor's. */
static void
fit_default_size (LdWinWindow *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0) : NULL;
  GdkRectangle area;
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (monitor == NULL)
    return;
  gdk_monitor_get_geometry (monitor, &area);
  if (area.width <= 0 || area.height <= 0)
    return;
  width = MIN (width, area.width);
  height = MIN (height, area.height);
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  decide_layout (self, width, height, TRUE);
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
  _ld_win_window_release_messages (self);
  g_clear_handle_id (&self->layout_idle_id, g_source_remove);
  if (self->job != NULL)
    g_signal_handlers_disconnect_by_data (self->job, self);
  g_clear_object (&self->job);
  g_clear_object (&self->cancellable);
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
  g_clear_object (&self->failed_filter);
  g_clear_object (&self->attempt_store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->files, g_ptr_array_unref);
  g_clear_pointer (&self->early, g_ptr_array_unref);
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
  widget_class->size_allocate = ld_win_window_size_allocate;

  g_type_ensure (LD_WIN_TYPE_TIMELINE);
  g_type_ensure (LD_WIN_TYPE_ATTEMPT_VIEW);
  g_type_ensure (LD_WIN_TYPE_MESSAGES);
  g_type_ensure (LD_WIN_TYPE_FINDINGS);
  g_type_ensure (LD_WIN_TYPE_INPUTS);

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
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, follow_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, timeline_box);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, timeline_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, source_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, inputs_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinWindow, inputs);
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
  gtk_widget_class_bind_template_callback (widget_class, on_message_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_findings_attempt_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_flow_requested);
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
  self->timeline_wanted = TRUE;

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
      g_settings_bind (self->settings, "failed-only", self->failed_only_check, "active", G_SETTINGS_BIND_DEFAULT);
      self->timeline_wanted = g_settings_get_boolean (self->settings, "show-timeline");
    }
  g_signal_connect (self, "close-request", G_CALLBACK (on_close_request), self);

  /* Panes share the space by proportion, and remember it. */
  ld_win_paned_keep_fraction (self->timeline_paned, self->settings, "timeline-pane-fraction", 0.25);
  ld_win_paned_keep_fraction (self->detail_paned, self->settings, "detail-pane-fraction", 0.55);
  ld_win_paned_keep_fraction (ld_win_messages_get_paned (self->messages), self->settings,
                              "messages-pane-fraction", 0.5);
  fit_default_size (self);
  apply_layout (self);

  _ld_win_window_set_state (self, LD_WIN_STATE_EMPTY);
}

LdWinWindow *
ld_win_window_new (GtkApplication *application)
{
  return g_object_new (LD_WIN_TYPE_WINDOW, "application", application, NULL);
}