/* test-ui-views.c - the app as a user drives it: layout at 800×600 and 1920×1080, search, copy, marks
 *
 * A real window under Xvfb (77 without a display). Asserts what a user
 * would check: what is shown and where, what is selected, what lands on
 * the clipboard. test-ui-i18n.c runs the German side.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-views"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ld-win-application.h"
#include "ld-win-cell.h"
#include "ld-win-flow.h"
#include "ld-win-help.h"
#include "ld-win-ladder.h"
#include "ld-win-style.h"
#include "ld-win-ticket.h"
#include "ld-win-window-private.h"

#define WAIT_SECONDS 30

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition cond,
            gpointer  data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, on_tick, NULL);
  gboolean ok;

  while (!(ok = cond (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ok;
}

static gboolean
loaded (gpointer data)
{
  LdWinWindow *window = data;

  return ld_win_window_get_state (window) != LD_WIN_STATE_LOADING && !ld_win_window_is_filling (window);
}

/* A few frames, for allocations and idle layout changes to settle. */
static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, on_tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

static LdWinWindow *
open_at (const char *name,
         int         width,
         int         height)
{
  g_autoptr(GFile) file = NULL;
  LdWinWindow *window = ld_win_window_new (NULL);

  ld_win_window_set_recent_enabled (window, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  if (name != NULL)
    {
      file = g_file_new_for_path (g_path_is_absolute (name) ? name
                                  : g_test_get_filename (G_TEST_DIST, "data", name, NULL));
      ld_win_window_open (window, &file, 1);
      g_assert_true (wait_until (loaded, window));
    }
  settle ();
  return window;
}

/* Whether the screen holds a window of this size (else the test skips:
 * it runs again on a larger screen). */
static gboolean
screen_holds (int width,
              int height)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;

  gdk_monitor_get_geometry (monitor, &area);
  if (area.width >= width && area.height >= height)
    return TRUE;
  g_test_skip_printf ("a %d×%d screen cannot hold a %d×%d window", area.width, area.height, width, height);
  return FALSE;
}

static gboolean
shown (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

static GtkWidget *find_cell (GtkWidget  *widget,
                             const char *text);
static gboolean   cell_whole (GtkWidget *cell);

/* Clipboard ------------------------------------------------------------------ */

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static char *
clipboard_text (GtkWidget *widget)
{
  ClipboardRead read = { NULL, FALSE };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, on_text_read, &read);
  g_assert_true (wait_until (read_done, &read));
  return read.text;
}

/* Layout ------------------------------------------------------------------------ */

static void
test_layout_small (void)
{
  LdWinWindow *window;
  LdWinAttemptView *view;

  if (!screen_holds (800, 600))
    return;
  window = open_at ("Lync-UccApi-0.UccApilog", 800, 600);
  view = ld_win_window_get_attempt_view (window);

  /* The details go under the list and get room to read; the timeline
   * waits to be asked for. */
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (window->detail_paned)), ==, GTK_ORIENTATION_VERTICAL);
  g_assert_false (gtk_widget_get_visible (window->timeline_box));
  g_assert_true (shown (GTK_WIDGET (view)));
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (view)), >=, 250);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, 760);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (window->attempts_view)), >=, 70);

  /* The first failure is shown, its outcome first and in full; the
   * counts keep the failed one. */
  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, 3);
  g_assert_cmpstr (ld_win_attempt_view_get_outcome_text (view), ==, "failed");
  g_assert_cmpstr (gtk_label_get_text (window->counts_label), ==, "3 attempts, 1 failed · 15 SIP messages");
  g_assert_true (shown (GTK_WIDGET (window->counts_label)));
  g_assert_false (gtk_label_get_ellipsize (window->counts_label) != PANGO_ELLIPSIZE_NONE);

  /* Asked for, the timeline shows on a small window too. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-timeline", NULL);
  settle ();
  g_assert_true (gtk_widget_get_visible (window->timeline_box));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-timeline", NULL);
  settle ();
  g_assert_false (gtk_widget_get_visible (window->timeline_box));
  /* Hidden by the user: so it stays, in a larger window too. The next
   * test starts from the default. */
  if (window->settings != NULL)
    {
      g_assert_false (g_settings_get_boolean (window->settings, "show-timeline"));
      g_settings_reset (window->settings, "show-timeline");
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* At 1920 pixels the list has room for every column's text. */
static gboolean
list_cells_whole (gpointer data)
{
  LdWinWindow *window = data;
  const char *texts[] = { "application-sharing", "conference", "sip:joe@contoso.com", "10:05:14.310", "failed" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      GtkWidget *cell = find_cell (GTK_WIDGET (window->attempts_view), texts[i]);

      if (cell == NULL || !cell_whole (cell))
        return FALSE;
    }
  return TRUE;
}

static void
test_layout_large (void)
{
  LdWinWindow *window;
  LdWinAttemptView *view;
  int list_width;

  if (!screen_holds (1920, 1080))
    return;
  window = open_at ("Lync-UccApi-0.UccApilog", 1920, 1080);
  view = ld_win_window_get_attempt_view (window);

  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (window->detail_paned)), ==, GTK_ORIENTATION_HORIZONTAL);
  g_assert_true (shown (window->timeline_box));
  /* Panes by proportion: neither side a strip. */
  list_width = gtk_paned_get_position (window->detail_paned);
  g_assert_cmpint (list_width, >=, 700);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (view)), >=, 700);
  /* Room for the kinds and modalities whole, the target still whole. */
  g_assert_true (wait_until (list_cells_whole, window));
  /* The timeline a share of the page, not a fixed 204 pixels. */
  g_assert_cmpint (gtk_widget_get_height (window->timeline_box), >=, 150);
  g_assert_cmpint (gtk_widget_get_height (window->timeline_box), <=, 400);

  /* The timeline belongs to the attempts: its toggle goes with them. */
  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  settle ();
  g_assert_false (gtk_widget_get_visible (window->timeline_button));
  gtk_stack_set_visible_child_name (window->doc_stack, "attempts");
  settle ();
  g_assert_true (gtk_widget_get_visible (window->timeline_button));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Document controls are not shown without a document. */
static void
test_empty_controls (void)
{
  LdWinWindow *window = open_at (NULL, 800, 600);

  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_EMPTY);
  g_assert_false (gtk_widget_get_visible (window->follow_button));
  g_assert_false (gtk_widget_get_visible (window->export_button));
  g_assert_false (gtk_widget_get_visible (window->view_switcher));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "export"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "open-folder"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Messages ------------------------------------------------------------------------ */

static gboolean
matches_are_marked (LdWinMessages *messages)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (ld_win_messages_get_text_view (messages));
  GtkTextTag *match = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "match");
  GtkTextIter iter;

  if (match == NULL)
    return FALSE;
  gtk_text_buffer_get_start_iter (buffer, &iter);
  return gtk_text_iter_forward_to_tag_toggle (&iter, match);
}

static void
test_search (void)
{
  LdWinWindow *window = open_at ("Lync-UccApi-0.UccApilog", 1280, 800);
  LdWinMessages *messages = ld_win_window_get_messages (window);
  GtkSearchEntry *entry = ld_win_messages_get_search_entry (messages);
  const LdSipMessage *msg;

  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  settle ();

  /* Before any search: the list says why it holds fewer than all, and the
   * empty message pane says what to do. */
  g_assert_cmpstr (ld_win_messages_get_count_text (messages), ==,
                   "13 of 15 messages, presence and keep-alives hidden");
  g_assert_true (shown (ld_win_messages_get_raw_placeholder (messages)));

  /* Typed and Enter at once, before the entry's pause: the search runs
   * as typed and its first match (the BYE, not its dialog's INVITE) is
   * selected. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "code:23");
  g_signal_emit_by_name (entry, "activate");
  msg = ld_win_messages_get_shown (messages);
  g_assert_nonnull (msg);
  g_assert_cmpuint (msg->line, ==, 253);
  /* The dialog comes along, marked apart. */
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 5);
  g_assert_false (ld_win_messages_is_match (messages, 0));
  g_assert_true (ld_win_messages_is_match (messages, 3));
  /* And the match is marked in the text, which replaces the placeholder. */
  g_assert_true (matches_are_marked (messages));
  settle ();
  g_assert_false (gtk_widget_get_visible (ld_win_messages_get_raw_placeholder (messages)));

  /* Next and previous go round the matches. */
  ld_win_messages_set_query (messages, "callid:c4d5 status:200 OR method:BYE");
  g_assert_cmpuint (ld_win_messages_get_shown (messages)->line, ==, 215);
  gtk_widget_activate_action (GTK_WIDGET (messages), "messages.next-match", NULL);
  g_assert_cmpuint (ld_win_messages_get_shown (messages)->line, ==, 253);
  gtk_widget_activate_action (GTK_WIDGET (messages), "messages.next-match", NULL);
  g_assert_cmpuint (ld_win_messages_get_shown (messages)->line, ==, 266);
  gtk_widget_activate_action (GTK_WIDGET (messages), "messages.next-match", NULL);
  g_assert_cmpuint (ld_win_messages_get_shown (messages)->line, ==, 215);
  gtk_widget_activate_action (GTK_WIDGET (messages), "messages.previous-match", NULL);
  g_assert_cmpuint (ld_win_messages_get_shown (messages)->line, ==, 266);

  /* A query that does not parse says why, and does not empty the list. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "status:abc");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), >, 0);
  g_assert_true (g_str_has_prefix (ld_win_messages_get_search_note (messages), "status: takes a response code"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
has_second_window (gpointer data)
{
  return g_list_length (gtk_window_list_toplevels ()) > GPOINTER_TO_UINT (data);
}

static LdWinFlow *
find_flow_window (LdWinWindow *main)
{
  GList *toplevels = gtk_window_list_toplevels ();
  LdWinFlow *flow = NULL;

  for (GList *l = toplevels; l != NULL && flow == NULL; l = l->next)
    if (l->data != (gpointer) main && LD_WIN_IS_FLOW (gtk_window_get_child (l->data)))
      flow = LD_WIN_FLOW (gtk_window_get_child (l->data));
  g_list_free (toplevels);
  return flow;
}

/* A double-click opens the attempt of a call's message, and the flow of
 * a dialog that is no attempt (here the REGISTER). */
static void
test_activate_and_flow (void)
{
  LdWinWindow *window = open_at ("Lync-UccApi-0.UccApilog", 1280, 800);
  LdWinMessages *messages = ld_win_window_get_messages (window);
  guint toplevels;
  LdWinFlow *flow;

  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  ld_win_messages_set_query (messages, "method:BYE");
  g_signal_emit_by_name (messages, "message-activated", ld_win_messages_get_shown (messages));
  settle ();
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->doc_stack), ==, "attempts");
  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, 3);
  flow = ld_win_attempt_view_get_flow (ld_win_window_get_attempt_view (window));
  g_assert_cmpint (ld_win_flow_get_selected (flow), ==, 3);

  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  ld_win_messages_set_query (messages, "method:REGISTER");
  toplevels = g_list_length (gtk_window_list_toplevels ());
  g_signal_emit_by_name (messages, "message-activated", ld_win_messages_get_shown (messages));
  g_assert_true (wait_until (has_second_window, GUINT_TO_POINTER (toplevels)));
  flow = find_flow_window (window);
  g_assert_nonnull (flow);
  /* REGISTER and its 200 OK, the REGISTER open. */
  g_assert_cmpuint (ld_win_flow_get_attempt (flow)->messages->len, ==, 2);
  g_assert_cmpint (ld_win_flow_get_selected (flow), ==, 0);
  {
    g_autoptr(GBytes) png = ld_win_flow_render_png (flow, NULL);
    g_autoptr(GBytes) svg = ld_win_flow_render_svg (flow);

    g_assert_cmpmem (g_bytes_get_data (png, NULL), 8, "\x89PNG\r\n\x1a\n", 8);
    g_assert_nonnull (g_strstr_len (g_bytes_get_data (svg, NULL), g_bytes_get_size (svg), "<svg"));
  }
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (flow))));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The flow on screen, its panes settled to the short ladder, the BYE in view. */
static gboolean
bye_in_view (gpointer data)
{
  GtkWidget *ladder = ld_win_flow_get_ladder (data);

  return gtk_widget_get_mapped (ladder) && gtk_widget_get_height (ladder) < 150 &&
         ld_win_ladder_row_is_visible (LD_WIN_LADDER (ladder), 3);
}

/* At 800x600 the ladder shows a few rows: a double-click on the BYE in
 * Messages opens the call flow scrolled to the BYE, under the lanes. */
static void
test_flow_scrolls_to_message (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("org.lyncdiag.LyncDiag");
  LdWinWindow *window;
  LdWinMessages *messages;
  LdWinFlow *flow;

  if (!screen_holds (800, 600))
    return;
  /* A short ladder, as a user who gave the message more room has it. */
  g_settings_set_double (settings, "flow-pane-fraction", 0.2);
  window = open_at ("Lync-UccApi-0.UccApilog", 800, 600);
  messages = ld_win_window_get_messages (window);
  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  ld_win_messages_set_query (messages, "method:BYE");
  g_assert_cmpstr (ld_win_messages_get_shown (messages)->method, ==, "BYE");
  flow = ld_win_attempt_view_get_flow (ld_win_window_get_attempt_view (window));
  g_signal_emit_by_name (messages, "message-activated", ld_win_messages_get_shown (messages));
  g_assert_cmpint (ld_win_flow_get_selected (flow), ==, 3);
  g_assert_true (wait_until (bye_in_view, flow));
  /* The ladder is short here: the point is that it had to scroll. */
  g_assert_false (ld_win_ladder_row_is_visible (LD_WIN_LADDER (ld_win_flow_get_ladder (flow)), 0));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "flow-pane-fraction");
}

/* Copy --------------------------------------------------------------------------- */

static void
test_copy (void)
{
  LdWinWindow *window = open_at ("Lync-UccApi-0.UccApilog", 1280, 800);
  LdWinMessages *messages = ld_win_window_get_messages (window);
  g_autofree char *row = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *rows = NULL;

  g_assert_true (ld_win_window_select_attempt (window, 3));
  g_action_group_activate_action (G_ACTION_GROUP (window), "copy-attempts", NULL);
  row = clipboard_text (GTK_WIDGET (window));
  /* Every column, the whole target, the Call-ID, tab separated. */
  g_assert_cmpstr (row, ==, "3\t10:05:14.310\tconference\tapplication-sharing\t"
                            "sip:joe@contoso.com;gruu;opaque=app:conf:applicationsharing:id:TF2497F37\t"
                            "failed\t200\t23\t10.9 s\tc4d5e6f708194a2b3c4d5e6f7a8b9c0d");

  g_action_group_activate_action (G_ACTION_GROUP (window), "copy-attempts-csv", NULL);
  csv = clipboard_text (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (csv, "#,Time,Kind,Modality,Target,Outcome,Status,Code,Duration,Call-ID\r\n3,"));

  g_action_group_activate_action (G_ACTION_GROUP (window), "copy-value", g_variant_new_string ("c4d5e6f7"));
  g_free (row);
  row = clipboard_text (GTK_WIDGET (window));
  g_assert_cmpstr (row, ==, "c4d5e6f7");

  /* Rows of the message list. */
  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  ld_win_messages_set_query (messages, "method:BYE");
  gtk_widget_activate_action (GTK_WIDGET (messages), "messages.copy-rows", NULL);
  rows = clipboard_text (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (rows, "10:05:24.962\t+10.1 s\tsent →\tBYE sip:joe@contoso.com"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Marks ------------------------------------------------------------------------- */

static GtkWidget *
find_cell (GtkWidget  *widget,
           const char *text)
{
  if (LD_WIN_IS_CELL (widget) && g_strcmp0 (ld_win_cell_get_text (LD_WIN_CELL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_cell (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether a list cell shows its text whole (not cut with "…"). */
static gboolean
cell_whole (GtkWidget *cell)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (cell, ld_win_cell_get_text (LD_WIN_CELL (cell)));
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  g_object_unref (layout);
  return gtk_widget_get_width (cell) >= width;
}

/* 51007 in a call that worked is information: not red, not in the
 * attempts list's Code column. */
static void
test_informational (void)
{
  LdWinWindow *window = open_at ("healthy-audio.uccapilog", 1280, 800);
  LdWinMessages *messages = ld_win_window_get_messages (window);
  GtkWidget *cell;
  g_autofree char *decoded = NULL;

  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==, 1);
  g_assert_null (find_cell (GTK_WIDGET (window->attempts_view), "51007"));
  g_assert_nonnull (find_cell (GTK_WIDGET (window->attempts_view), "succeeded"));
  /* A ten-minute call's duration is shown whole, as the time between messages. */
  cell = find_cell (GTK_WIDGET (window->attempts_view), "10 min 52 s");
  g_assert_nonnull (cell);
  g_assert_true (cell_whole (cell));
  decoded = ld_win_attempt_view_dup_diagnostics_text (ld_win_window_get_attempt_view (window));
  g_assert_true (g_str_has_prefix (decoded, "The only diagnostic headers in this attempt's messages are information"));

  gtk_stack_set_visible_child_name (window->doc_stack, "messages");
  ld_win_messages_set_query (messages, "code:51007");
  settle ();
  cell = find_cell (GTK_WIDGET (messages), "+10 min 48 s");
  g_assert_nonnull (cell);
  g_assert_true (cell_whole (cell));
  cell = find_cell (GTK_WIDGET (messages), "200 OK (INVITE)");
  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_has_css_class (cell, "informational"));
  g_assert_false (gtk_widget_has_css_class (cell, "diagnostic"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Selectable text is no Tab stop, and log text is never hyphenated. */
static void
test_labels (void)
{
  LdWinWindow *window = open_at ("Lync-UccApi-0.UccApilog", 1280, 800);
  GtkWidget *facts = GTK_WIDGET (ld_win_attempt_view_get_facts_label (ld_win_window_get_attempt_view (window)));
  PangoAttrList *attrs;
  g_autoptr(GSList) list = NULL;
  gboolean no_hyphens = FALSE;

  g_assert_nonnull (facts);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (facts)));
  g_assert_false (gtk_widget_get_focusable (facts));
  attrs = gtk_label_get_attributes (GTK_LABEL (facts));
  g_assert_nonnull (attrs);
  list = pango_attr_list_get_attributes (attrs);
  for (GSList *l = list; l != NULL; l = l->next)
    {
      PangoAttribute *a = l->data;

      if (a->klass->type == PANGO_ATTR_INSERT_HYPHENS && !((PangoAttrInt *) a)->value)
        no_hyphens = TRUE;
    }
  g_slist_free_full (g_steal_pointer (&list), (GDestroyNotify) pango_attribute_destroy);
  g_assert_true (no_hyphens);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Verdict first ------------------------------------------------------------------ */

/* What failed and what to do open the attempt, within the window at
 * 800x600 as at 1920x1080, and go to the clipboard for a ticket. */
static void
test_verdict (void)
{
  GdkRectangle area = { 0, 0, 0, 0 };
  LdWinWindow *window;
  LdWinAttemptView *view;
  LdWinVerdict *verdict;
  g_autofree char *text = NULL;
  g_autofree char *ticket = NULL;
  g_autofree char *worked = NULL;
  graphene_rect_t bounds;

  {
    GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
    g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);

    gdk_monitor_get_geometry (monitor, &area);
  }
  window = open_at ("Lync-UccApi-0.UccApilog", MIN (area.width, 1920), MIN (area.height, 1080));
  view = ld_win_window_get_attempt_view (window);
  verdict = ld_win_attempt_view_get_verdict (view);

  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, 3);
  text = ld_win_verdict_dup_text (verdict);
  g_assert_true (g_str_has_prefix (text, "Signalling worked (the INVITE was answered 200 OK); the media connection "
                                         "failed.\nMost likely: Port 443 or ports 50000–59999 to the A/V Edge media "
                                         "relay are blocked"));
  g_assert_nonnull (strstr (text, "\n→ Allow outbound TCP 443 and TCP 50000–59999"));
  g_assert_nonnull (strstr (text, "Also possible: A firewall or security software blocks or inspects the TCP media"));

  /* On screen without scrolling: the verdict's first lines lie inside the
   * attempt view. */
  g_assert_true (shown (GTK_WIDGET (verdict)));
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (verdict), GTK_WIDGET (view), &bounds));
  g_assert_cmpfloat (bounds.origin.y, >=, 0);
  g_assert_cmpfloat (bounds.origin.y + 110, <=, gtk_widget_get_height (GTK_WIDGET (view)));

  gtk_widget_activate_action (GTK_WIDGET (verdict), "verdict.copy", NULL);
  ticket = clipboard_text (GTK_WIDGET (window));
  g_assert_true (g_str_has_prefix (ticket, "Attempt 3: conference application-sharing — failed\n"));
  g_assert_nonnull (strstr (ticket, "Call-ID: c4d5e6f708194a2b3c4d5e6f7a8b9c0d\n"));
  g_assert_nonnull (strstr (ticket, "\nMost likely: Port 443"));
  g_assert_nonnull (strstr (ticket, "\nWhat to do:\n- Allow outbound TCP 443"));
  g_assert_nonnull (strstr (ticket, "Lync-UccApi-0.UccApilog:253: ms-client-diagnostics: 23;"));

  /* A join that worked says so, and names no cause. */
  g_assert_true (ld_win_window_select_attempt (window, 1));
  worked = ld_win_verdict_dup_text (verdict);
  g_assert_cmpstr (worked, ==, "It worked: the INVITE was answered 200 OK.\n");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An attempt that no INVITE opened names its own request, and the
 * server's sign-out is said as the command line says it: none of them
 * "Signalling worked (the INVITE was answered 200 OK)". Real excerpts
 * (tests/data/real/). */
static void
test_verdict_requests (void)
{
  static const struct
  {
    const char *log;
    const char *outcome;
  } cases[] = {
    /* The client's 200 OK to the server's NOTIFY is no outcome. */
    { "real/registration-deregistered-4141.uccapilog", "The server ended this client's registration.\n" },
    { "real/service-delegate-4268.uccapilog", "The SERVICE was refused: 403 Forbidden.\n" },
    /* Near miss: a refusal its diagnostic calls no failure (2165). */
    { "real/subscribe-488-2165-contacts-in-exchange.uccapilog",
      "It worked, although the SUBSCRIBE was answered 488 Not acceptable here.\n" },
    /* And a call still speaks of its INVITE. */
    { "real/im-refused-52035-by-this-client.uccapilog", "The INVITE was refused: 488 Not Acceptable Here.\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      LdWinWindow *window = open_at (cases[i].log, 1024, 700);
      LdWinVerdict *verdict = ld_win_attempt_view_get_verdict (ld_win_window_get_attempt_view (window));
      g_autofree char *text = NULL;

      if (!ld_win_window_select_attempt (window, 1))
        g_error ("%s: attempt 1 is not listed", cases[i].log);
      text = ld_win_verdict_dup_text (verdict);
      if (!g_str_has_prefix (text, cases[i].outcome))
        g_error ("%s: the verdict begins \"%s\"", cases[i].log, text);
      if (i < 3)
        g_assert_null (strstr (text, "INVITE"));
      gtk_window_destroy (GTK_WINDOW (window));
    }
}

/* One card per cause, filtered by severity, its attempts as links. */
static GtkWidget *
find_css (GtkWidget  *widget,
          const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_css (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The findings page laid out (under load a few frames may not do). */
static gboolean
findings_laid_out (gpointer data)
{
  LdWinWindow *window = data;
  GtkWidget *action = find_css (GTK_WIDGET (window->findings), "finding-action");

  return action != NULL && gtk_widget_get_height (GTK_WIDGET (window->findings)) > 0 &&
         gtk_widget_get_height (action) > 0;
}

static void
test_grouped_findings (void)
{
  LdWinWindow *window = open_at ("Lync-UccApi-0.UccApilog", 800, 600);
  GPtrArray *findings = ld_analysis_get_findings (ld_win_window_get_analysis (window));
  g_autofree char *ticket = NULL;
  GtkWidget *action;
  graphene_rect_t bounds;

  gtk_stack_set_visible_child_name (window->doc_stack, "findings");
  g_assert_true (wait_until (findings_laid_out, window));
  /* The first card's first action is on screen at 800x600: what to do
   * comes before the long explanation. */
  action = find_css (GTK_WIDGET (window->findings), "finding-action");
  g_assert_nonnull (action);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (action)), "→ Allow outbound TCP 443"));
  g_assert_true (gtk_widget_compute_bounds (action, GTK_WIDGET (window->findings), &bounds));
  g_assert_cmpfloat (bounds.origin.y + 40, <=, gtk_widget_get_height (GTK_WIDGET (window->findings)));
  g_assert_cmpuint (ld_win_findings_get_n_items (window->findings), ==, findings->len);
  g_assert_cmpuint (ld_win_findings_get_n_shown (window->findings), ==, findings->len);
  /* Errors hidden: the warning stays. */
  gtk_toggle_button_set_active (ld_win_findings_get_severity_button (window->findings, LD_SEVERITY_ERROR), FALSE);
  g_assert_cmpuint (ld_win_findings_get_n_shown (window->findings), ==, 1);
  gtk_toggle_button_set_active (ld_win_findings_get_severity_button (window->findings, LD_SEVERITY_ERROR), TRUE);
  g_assert_cmpuint (ld_win_findings_get_n_shown (window->findings), ==, findings->len);

  /* A card's attempt link shows that attempt. */
  ld_win_window_select_attempt (window, 1);
  g_signal_emit_by_name (window->findings, "attempt-activated", 3u);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (window->doc_stack), ==, "attempts");
  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, 3);

  ticket = ld_win_ticket_dup_finding (ld_win_window_get_analysis (window), g_ptr_array_index (findings, 0));
  g_assert_true (g_str_has_prefix (ticket, "Port 443 or ports 50000–59999 to the A/V Edge media relay are blocked"));
  g_assert_nonnull (strstr (ticket, "(error, high confidence)\nSeen in 1 attempt: 3\n"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Severity stripes ------------------------------------------------------------------ */

typedef struct
{
  guint n_mixed_borders; /* border nodes whose sides are not all one colour */
  guint n_stripes;       /* 4-pixel inset shadows in the colour looked for */
  GdkRGBA stripe;
} NodeCount;

static void
count_nodes (GskRenderNode *node,
             NodeCount     *count)
{
  switch (gsk_render_node_get_node_type (node))
    {
    case GSK_CONTAINER_NODE:
      for (guint i = 0; i < gsk_container_node_get_n_children (node); i++)
        count_nodes (gsk_container_node_get_child (node, i), count);
      break;
    case GSK_TRANSFORM_NODE:
      count_nodes (gsk_transform_node_get_child (node), count);
      break;
    case GSK_CLIP_NODE:
      count_nodes (gsk_clip_node_get_child (node), count);
      break;
    case GSK_ROUNDED_CLIP_NODE:
      count_nodes (gsk_rounded_clip_node_get_child (node), count);
      break;
    case GSK_OPACITY_NODE:
      count_nodes (gsk_opacity_node_get_child (node), count);
      break;
    case GSK_DEBUG_NODE:
      count_nodes (gsk_debug_node_get_child (node), count);
      break;
    case GSK_COLOR_MATRIX_NODE:
      count_nodes (gsk_color_matrix_node_get_child (node), count);
      break;
    case GSK_SHADOW_NODE:
      count_nodes (gsk_shadow_node_get_child (node), count);
      break;
    case GSK_BORDER_NODE:
      {
        const GdkRGBA *colors = gsk_border_node_get_colors (node);
        const float *widths = gsk_border_node_get_widths (node);
        gboolean mixed = FALSE;

        /* A side of no width is not drawn, whatever its colour. */
        for (guint i = 0; i < 4; i++)
          for (guint j = i + 1; j < 4; j++)
            if (widths[i] > 0 && widths[j] > 0 && !gdk_rgba_equal (&colors[i], &colors[j]))
              mixed = TRUE;
        count->n_mixed_borders += mixed;
      }
      break;
    case GSK_INSET_SHADOW_NODE:
      if (gsk_inset_shadow_node_get_dx (node) == 4 && gsk_inset_shadow_node_get_dy (node) == 0 &&
          gsk_inset_shadow_node_get_blur_radius (node) == 0 &&
          gdk_rgba_equal (gsk_inset_shadow_node_get_color (node), &count->stripe))
        count->n_stripes++;
      break;
    default:
      break;
    }
}

/* What @widget draws (the theme's own buttons have borders of two colours
 * elsewhere in the window). */
static NodeCount
count_drawn_nodes (GtkWidget  *widget,
                   const char *stripe)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  NodeCount count = { 0, };

  g_assert_true (gdk_rgba_parse (&count.stripe, stripe));
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget), gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  count_nodes (node, &count);
  return count;
}

/* The verdict's and the finding cards' coloured stripe is an inset shadow
 * over a border of one colour: GTK 4.8's Cairo renderer draws a border of
 * several colours as a mesh gradient over all of the card (see
 * ld-win-style.css). The text stays where the 4-pixel border put it. */
static void
test_severity_stripes (void)
{
  LdWinWindow *window;
  LdWinAttemptView *view;
  GtkWidget *card;
  GtkWidget *text;
  NodeCount count;
  graphene_rect_t bounds, card_bounds;

  if (!screen_holds (1280, 800))
    return;
  window = open_at ("Lync-UccApi-0.UccApilog", 1280, 800);
  view = ld_win_window_get_attempt_view (window);
  card = find_css (GTK_WIDGET (ld_win_attempt_view_get_verdict (view)), "verdict");

  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, 3);
  g_assert_nonnull (card);
  g_assert_true (gtk_widget_has_css_class (card, "error"));
  count = count_drawn_nodes (GTK_WIDGET (view), "#e01b24");
  g_assert_cmpuint (count.n_mixed_borders, ==, 0);
  /* The verdict's, and the attempt's finding cards' (error). */
  g_assert_cmpuint (count.n_stripes, >=, 1);
  text = gtk_widget_get_first_child (card);
  g_assert_nonnull (text);
  g_assert_true (gtk_widget_compute_bounds (card, GTK_WIDGET (view), &card_bounds));
  g_assert_true (gtk_widget_compute_bounds (text, GTK_WIDGET (view), &bounds));
  g_assert_cmpfloat (bounds.origin.x - card_bounds.origin.x, ==, 4 + 12);

  /* A join that worked: a green stripe. */
  g_assert_true (ld_win_window_select_attempt (window, 1));
  settle ();
  g_assert_true (gtk_widget_has_css_class (card, "success"));
  count = count_drawn_nodes (GTK_WIDGET (view), "#26a269");
  g_assert_cmpuint (count.n_mixed_borders, ==, 0);
  g_assert_cmpuint (count.n_stripes, ==, 1);

  /* The findings page: error cards, then with errors hidden the warning. */
  gtk_stack_set_visible_child_name (window->doc_stack, "findings");
  g_assert_true (wait_until (findings_laid_out, window));
  count = count_drawn_nodes (GTK_WIDGET (window->findings), "#e01b24");
  g_assert_cmpuint (count.n_mixed_borders, ==, 0);
  g_assert_cmpuint (count.n_stripes, >=, 1);
  gtk_toggle_button_set_active (ld_win_findings_get_severity_button (window->findings, LD_SEVERITY_ERROR), FALSE);
  settle ();
  count = count_drawn_nodes (GTK_WIDGET (window->findings), "#e5a50a");
  g_assert_cmpuint (count.n_mixed_borders, ==, 0);
  g_assert_cmpuint (count.n_stripes, ==, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Inputs --------------------------------------------------------------------------- */

static void
copy_fixture (const char *name,
              const char *dir,
              const char *as)
{
  g_autofree char *data = NULL;
  g_autofree char *target = g_build_filename (dir, as, NULL);
  gsize len;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", name, NULL), &data, &len, NULL));
  g_assert_true (g_file_set_contents (target, data, len, NULL));
}

/* A folder with a log, a zip bomb and an empty "log": the two not read
 * are named, with why. */
static void
test_inputs (void)
{
  g_autofree char *dir = g_dir_make_tmp ("ld-ui-inputs-XXXXXX", NULL);
  g_autofree char *empty = g_build_filename (dir, "Lync-UccApi-1.UccApilog", NULL);
  g_autofree char *text = NULL;
  LdWinWindow *window;

  copy_fixture ("Lync-UccApi-0.UccApilog", dir, "Lync-UccApi-0.UccApilog");
  copy_fixture ("bomb.zip", dir, "bomb.zip");
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));

  window = open_at (dir, 1280, 800);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  g_assert_cmpuint (ld_win_inputs_get_n_skipped (window->inputs), ==, 2);
  g_assert_nonnull (strstr (gtk_menu_button_get_label (window->inputs_button), "2 skipped"));
  text = ld_win_inputs_dup_text (window->inputs);
  g_assert_nonnull (strstr (text, "Written by Lync 2013"));
  g_assert_nonnull (strstr (text, "Signed in as sip:alice@contoso.com"));
  g_assert_nonnull (strstr (text, "276 lines, 15 SIP messages, 3 attempts, 1 failed"));
  g_assert_nonnull (strstr (text, "zip bomb"));
  g_assert_nonnull (strstr (text, "Lync-UccApi-1.UccApilog is empty"));
  gtk_window_destroy (GTK_WINDOW (window));

  g_remove (empty);
  {
    g_autofree char *a = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
    g_autofree char *b = g_build_filename (dir, "bomb.zip", NULL);

    g_remove (a);
    g_remove (b);
  }
  g_rmdir (dir);
}

/* F1 opens a help page that is there. */
static void
test_help (void)
{
  g_autofree char *uri = ld_win_application_dup_help_uri ();
  g_autofree char *path = NULL;

  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autofree char *text = NULL;
  const char *lang;
  GtkWindow *help;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (uri);
  path = g_filename_from_uri (uri, NULL, NULL);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_str_has_suffix (path, "/C/index.html"));

  /* Shown in a window of the app, whatever browser the PC has. */
  help = ld_win_help_new (NULL, path, &error);
  g_assert_no_error (error);
  gtk_window_present (help);
  settle ();
  g_assert_cmpstr (gtk_window_get_title (help), ==, "LyncDiag Help");
  buffer = gtk_text_view_get_buffer (ld_win_help_get_text_view (help));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_true (g_str_has_prefix (text, "LyncDiag Help\n\nLyncDiag reads the logs"));
  g_assert_nonnull (strstr (text, "\nOpening logs\n"));
  g_assert_nonnull (strstr (text, "\nCtrl+O — Open logs\n"));
  g_assert_nonnull (strstr (text, "\nF1 — This help\n"));
  /* Nothing of the page's head (its style sheet) shows. */
  g_assert_null (strstr (text, "font-family"));
  g_assert_true (shown (GTK_WIDGET (ld_win_help_get_text_view (help))));
  gtk_window_destroy (help);

  /* Every language's page reads (the pages are kept XHTML-clean for it). */
  dir = g_dir_open (g_getenv ("LYNCDIAG_HELPDIR"), 0, &error);
  g_assert_no_error (error);
  while ((lang = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *page = g_build_filename (g_getenv ("LYNCDIAG_HELPDIR"), lang, "index.html", NULL);
      GtkTextBuffer *b = gtk_text_buffer_new (NULL);
      g_autofree char *title = NULL;

      g_assert_true (ld_win_help_read (b, page, &title, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (gtk_text_buffer_get_char_count (b), >, 4000);
      g_assert_cmpstr (title, !=, "");
      g_object_unref (b);
    }
}

/* A reason of 300 KB in one header is cut with a mark in the window
 * (the report and the message keep all of it), and the window stays
 * responsive: the document is shown. */
static void
test_huge_text (void)
{
  g_autofree char *data = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ld-ui-huge-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_autofree char *decoded = NULL;
  g_autoptr(GString) log = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  const char *needle = "reason=\"Call failed to establish";
  char *at;
  LdWinWindow *window;

  g_assert_true (g_file_get_contents (g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL),
                                      &data, NULL, NULL));
  at = strstr (data, needle);
  g_assert_nonnull (at);
  /* An unbreakable word, as a hostile or broken log has. */
  for (guint i = 0; i < 300 * 1024 / 8; i++)
    g_string_append (huge, "AbCdEfGh");
  log = g_string_new_len (data, at - data + strlen ("reason=\""));
  g_string_append (log, huge->str);
  g_string_append (log, at + strlen ("reason=\""));
  g_assert_true (g_file_set_contents (path, log->str, log->len, NULL));

  window = open_at (path, 1280, 800);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  g_assert_true (ld_win_window_select_attempt (window, 3));
  decoded = ld_win_attempt_view_dup_diagnostics_text (ld_win_window_get_attempt_view (window));
  g_assert_cmpuint (strlen (decoded), <, 60000);
  g_assert_nonnull (strstr (decoded, "more characters of this line not shown here"));
  gtk_window_destroy (GTK_WINDOW (window));
  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("lyncdiag-ui-home-XXXXXX", NULL);

  /* Recent files and settings stay out of the user's home. */
  if (data_home != NULL)
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui-views: no display, skipping\n");
      return 77;
    }
  /* As the app does at startup: its CSS sizes what is measured here. */
  ld_win_style_load ();
  g_test_add_func ("/ui/views/layout-800x600", test_layout_small);
  g_test_add_func ("/ui/views/layout-1920x1080", test_layout_large);
  g_test_add_func ("/ui/views/empty-controls", test_empty_controls);
  g_test_add_func ("/ui/views/search", test_search);
  g_test_add_func ("/ui/views/activate-and-flow", test_activate_and_flow);
  g_test_add_func ("/ui/views/flow-scrolls-to-message", test_flow_scrolls_to_message);
  g_test_add_func ("/ui/views/copy", test_copy);
  g_test_add_func ("/ui/views/informational", test_informational);
  g_test_add_func ("/ui/views/labels", test_labels);
  g_test_add_func ("/ui/views/inputs", test_inputs);
  g_test_add_func ("/ui/views/verdict", test_verdict);
  g_test_add_func ("/ui/views/verdict-requests", test_verdict_requests);
  g_test_add_func ("/ui/views/grouped-findings", test_grouped_findings);
  g_test_add_func ("/ui/views/severity-stripes", test_severity_stripes);
  g_test_add_func ("/ui/views/help", test_help);
  g_test_add_func ("/ui/views/huge-text", test_huge_text);
  return g_test_run ();
}
