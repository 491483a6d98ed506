/* test-ui.c - the desktop app in a real window: open, select, search, errors, cancel
 *
 * Runs under Xvfb in CI; without a display it reports a skip (exit 77).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "ld-win-cell.h"
#include "ld-win-paned.h"
#include "ld-win-row.h"
#include "ld-win-window-private.h"

#define WAIT_SECONDS 30

typedef gboolean (*Condition) (LdWinWindow *window);

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until @cond holds, so the worker thread's result
 * and the widgets' idle work are delivered as in the real app. */
static gboolean
wait_for (LdWinWindow *window,
          Condition    cond)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, on_tick, NULL);
  gboolean ok;

  while (!(ok = cond (window)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  /* Let the views settle (list items bound, layout done). */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ok;
}

/* Read, and every attempt listed: the list fills a few rows a frame. */
static gboolean
not_loading (LdWinWindow *window)
{
  return ld_win_window_get_state (window) != LD_WIN_STATE_LOADING && !ld_win_window_is_filling (window);
}

static LdWinWindow *
new_window (void)
{
  LdWinWindow *window = ld_win_window_new (NULL);

  ld_win_window_set_recent_enabled (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
open_path (LdWinWindow *window,
           const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  ld_win_window_open (window, &file, 1);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_LOADING);
}

/* Whether a list cell under @widget shows exactly @text */
static gboolean
shows_cell (GtkWidget  *widget,
            const char *text)
{
  if (LD_WIN_IS_CELL (widget) && g_strcmp0 (ld_win_cell_get_text (LD_WIN_CELL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (shows_cell (child, text))
      return TRUE;
  return FALSE;
}

static void
test_open_fixture (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdWinWindow *window = new_window ();
  LdWinMessages *messages;
  g_autofree char *text = NULL;
  guint n;

  open_path (window, path);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);

  /* The timeline and the list both show the three joins. */
  g_assert_cmpuint (ld_win_timeline_get_n_attempts (ld_win_window_get_timeline (window)), ==, 3);
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==, 3);
  g_assert_true (shows_cell (GTK_WIDGET (window), "application-sharing"));
  g_assert_true (shows_cell (GTK_WIDGET (window), "failed"));
  g_assert_true (shows_cell (GTK_WIDGET (window), "23"));

  /* The failed screen sharing join decodes to code 23 and its ICE bits. */
  g_assert_true (ld_win_window_select_attempt (window, 3));
  g_free (text);
  text = ld_win_attempt_view_dup_diagnostics_text (ld_win_window_get_attempt_view (window));
  g_assert_nonnull (strstr (text, "ms-client-diagnostics 23"));
  g_assert_nonnull (strstr (text, "0x4000000"));
  g_assert_nonnull (strstr (text, "TCP-TCP connectivity checks over the TURN server failed"));

  /* A successful join has no such thing. */
  g_assert_true (ld_win_window_select_attempt (window, 1));
  g_free (text);
  text = ld_win_attempt_view_dup_diagnostics_text (ld_win_window_get_attempt_view (window));
  g_assert_null (strstr (text, "0x4000000"));

  /* callid: finds the dialog of the failed join, and only it. */
  messages = ld_win_window_get_messages (window);
  ld_win_messages_set_query (messages, "callid:c4d5e6f7");
  n = ld_win_messages_get_n_visible (messages);
  g_assert_cmpuint (n, ==, 5);
  for (guint i = 0; i < n; i++)
    g_assert_true (g_str_has_prefix (ld_win_messages_get_visible (messages, i)->call_id, "c4d5e6f7"));

  ld_win_messages_set_query (messages, "method:BYE code:23");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 5);

  ld_win_messages_set_query (messages, "callid:0000nothing");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 0);

  ld_win_messages_set_query (messages, "");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), >, 5);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* "Only failed" lists the failures alone and keeps the failure selected;
 * unticked, every attempt is listed again, in the same order. */
static void
test_failed_only (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdWinWindow *window = new_window ();
  GPtrArray *attempts;
  guint n_failed = 0, failed_id = 0;

  open_path (window, path);
  g_assert_true (wait_for (window, not_loading));
  attempts = ld_analysis_get_attempts (ld_win_window_get_analysis (window));
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      if (a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE)
        {
          n_failed++;
          failed_id = failed_id != 0 ? failed_id : a->id;
        }
    }
  g_assert_cmpuint (n_failed, >, 0);
  g_assert_cmpuint (n_failed, <, attempts->len);
  g_assert_true (ld_win_window_select_attempt (window, failed_id));

  gtk_check_button_set_active (window->failed_only_check, TRUE);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==, n_failed);
  for (guint i = 0; i < n_failed; i++)
    {
      g_autoptr(LdWinRow) row = g_list_model_get_item (G_LIST_MODEL (window->attempt_sorted), i);
      const LdAttempt *a = ld_win_row_get_data (row);

      g_assert_true (a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE);
    }
  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, failed_id);

  gtk_check_button_set_active (window->failed_only_check, FALSE);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==, attempts->len);
  for (guint i = 0; i < attempts->len; i++)
    {
      g_autoptr(LdWinRow) row = g_list_model_get_item (G_LIST_MODEL (window->attempt_sorted), i);

      g_assert_true (ld_win_row_get_data (row) == g_ptr_array_index (attempts, i));
    }
  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, failed_id);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
not_reading (LdWinWindow *window)
{
  return ld_win_window_get_state (window) != LD_WIN_STATE_LOADING;
}

/* A large log's document is shown while its messages are still being
 * parsed: the message list says so, and a search typed meanwhile is run
 * once they are there. */
static void
test_messages_after_document (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdWinWindow *window = new_window ();
  LdWinMessages *messages = ld_win_window_get_messages (window);

  ld_win_window_set_small_log_messages (window, 0);
  open_path (window, path);
  /* Checked in the main loop iteration that shows the document: the
   * messages cannot be delivered before the next one. */
  while (!not_reading (window))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  g_assert_true (ld_win_messages_is_waiting (messages));
  g_assert_true (ld_win_window_is_filling (window));
  ld_win_messages_set_query (messages, "callid:c4d5e6f7");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 0);

  g_assert_true (wait_for (window, not_loading));
  g_assert_false (ld_win_messages_is_waiting (messages));
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 5);
  g_assert_true (g_str_has_prefix (ld_win_messages_get_visible (messages, 0)->call_id, "c4d5e6f7"));
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* code: finds the diagnostic header of a presence subscription refused.
 * (Outside call dialogs a message that worked keeps only its raw text; one
 * carrying a diagnostic makes its exchange an attempt and is kept whole:
 * ld-exchanges.c.) */
static void
test_code_search_stripped (void)
{
  const char *fixture = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  const char *refused =
    "01/01/2015|09:00:02.000 10:20 INFO :: Data Received - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes:\n"
    "01/01/2015|09:00:02.000 10:20 INFO :: SIP/2.0 404 Not Found\n"
    "From: <sip:ann@example.com>;tag=a\n"
    "To: <sip:nobody@example.com>;tag=b\n"
    "Call-ID: sub4005\n"
    "CSeq: 1 SUBSCRIBE\n"
    "ms-diagnostics: 4005;reason=\"Destination URI either not enabled for SIP or does not exist\"\n"
    "\n"
    "01/01/2015|09:00:02.001 10:20 INFO :: End of Data Received - 10.0.0.1:5061 (From Local Address: 10.0.0.2:1000) 1 bytes\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *log = NULL;
  LdWinWindow *window;
  LdWinMessages *messages;
  const LdSipMessage *msg;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture, &contents, NULL, NULL));
  log = g_strconcat (contents, refused, NULL);
  path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_assert_true (g_file_set_contents (path, log, -1, NULL));

  window = new_window ();
  open_path (window, path);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  messages = ld_win_window_get_messages (window);

  ld_win_messages_set_query (messages, "code:4005");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 1);
  msg = ld_win_messages_get_visible (messages, 0);
  g_assert_false (msg->stripped);
  g_assert_cmpstr (msg->call_id, ==, "sub4005");

  ld_win_messages_set_query (messages, "code:4006");
  g_assert_cmpuint (ld_win_messages_get_n_visible (messages), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_invalid_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  LdWinWindow *window;

  g_assert_no_error (error);
  path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));

  window = new_window ();
  open_path (window, path);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_ERROR);
  g_assert_cmpstr (ld_win_window_get_error_title (window), !=, "");
  g_assert_null (ld_win_window_get_analysis (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_cancel (void)
{
  const char *fixture = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) big = g_string_new (NULL);
  gsize len;
  LdWinWindow *window;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  /* Big enough that reading it takes longer than cancelling does. */
  while (big->len < 40 * 1024 * 1024)
    g_string_append_len (big, contents, len);
  path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_assert_true (g_file_set_contents (path, big->str, big->len, NULL));

  window = new_window ();
  open_path (window, path);
  ld_win_window_cancel_load (window);
  g_assert_true (wait_for (window, not_loading));
  /* Back where the user was, with no half-read document. */
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_EMPTY);
  g_assert_null (ld_win_window_get_analysis (window));

  /* The Cancel button answers at once, before the reading thread has
   * noticed; what that thread finishes later is dropped. */
  open_path (window, path);
  _ld_win_window_on_cancel_clicked (NULL, window);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_EMPTY);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_EMPTY);
  g_assert_null (ld_win_window_get_analysis (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
has_more_messages (LdWinWindow *window)
{
  LdAnalysis *analysis = ld_win_window_get_analysis (window);

  return analysis != NULL && ld_analysis_get_total_sip_messages (analysis) >= 15;
}

static gboolean
has_two_inputs (LdWinWindow *window)
{
  LdAnalysis *analysis = ld_win_window_get_analysis (window);

  return analysis != NULL && ld_analysis_get_inputs (analysis)->len == 2;
}

/* Follow mode: what Lync appends to the open log shows up by itself. */
static void
test_follow (void)
{
  const char *fixture = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-ui-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *half = NULL;
  g_autofree char *bak = NULL;
  const char *cut;
  gsize len;
  LdWinWindow *window;
  FILE *f;

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (fixture, &contents, &len, NULL));
  /* Start with the log up to the failed screen-sharing join. */
  cut = strstr (contents, "Sending Packet - 52.112.1.10:443 (From Local Address: 192.168.1.20:50123) 1003 bytes:");
  g_assert_nonnull (cut);
  while (cut > contents && cut[-1] != '\n')
    cut--;
  half = g_strndup (contents, cut - contents);
  path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  g_assert_true (g_file_set_contents (path, half, -1, NULL));

  window = new_window ();
  open_path (window, path);
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  g_assert_cmpuint (ld_analysis_get_total_sip_messages (ld_win_window_get_analysis (window)), <, 15);

  g_action_group_change_action_state (G_ACTION_GROUP (window), "follow", g_variant_new_boolean (TRUE));

  f = fopen (path, "ab");
  g_assert_nonnull (f);
  fputs (cut, f);
  fclose (f);

  g_assert_true (wait_for (window, has_more_messages));
  g_assert_cmpuint (ld_analysis_get_total_sip_messages (ld_win_window_get_analysis (window)), ==, 15);

  /* Rotation: Lync renames the full log to .bak and starts a new one;
   * nothing already seen may disappear. */
  bak = g_strconcat (path, ".bak", NULL);
  g_assert_cmpint (g_rename (path, bak), ==, 0);
  g_assert_true (g_file_set_contents (path, "01/30/2014|10:05:26.000 1A2C:1D40 INFO  :: Tracing started\r\n", -1, NULL));
  g_assert_true (wait_for (window, has_two_inputs));
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  g_assert_cmpuint (ld_analysis_get_total_sip_messages (ld_win_window_get_analysis (window)), ==, 15);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (bak);
  g_rmdir (dir);
}

static gboolean
has_early_attempts (LdWinWindow *window)
{
  return ld_win_window_get_n_early_attempts (window) > 0 || not_loading (window);
}

/* Writes a generated log of @size_mb MB of @mix (NULL: the default one)
 * into a new folder; returns its path. */
static char *
generate_log_of (const char *size_mb,
                 const char *seed,
                 const char *mix)
{
  const char *gen = g_test_get_filename (G_TEST_BUILT, "ld-gen-log", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("lyncdiag-ui-XXXXXX", &error);
  char *path;
  int status = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "Lync-UccApi-0.UccApilog", NULL);
  {
    const char *argv[] = { gen, "--size", size_mb, "--seed", seed, "-o", path,
                           mix != NULL ? "--mix" : NULL, mix, NULL };

    g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                                 NULL, NULL, &status, &error));
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  return path;
}

static char *
generate_log (const char *size_mb,
              const char *seed)
{
  return generate_log_of (size_mb, seed, NULL);
}

static void
remove_log (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

typedef struct
{
  LdWinWindow *window;
  guint        early_frames;  /* painted while loading, the early attempts shown */
  gboolean     first_held;    /* the first without their timeline drawn */
  gboolean     drawn_later;   /* a later one with it */
} EarlyFrames;

static void
on_early_frame (GdkFrameClock *clock,
                EarlyFrames   *frames)
{
  gboolean held = ld_win_timeline_is_held (ld_win_window_get_early_timeline (frames->window));

  if (ld_win_window_get_state (frames->window) != LD_WIN_STATE_LOADING ||
      !ld_win_window_shows_early_attempts (frames->window))
    return;
  if (frames->early_frames++ == 0)
    frames->first_held = held;
  else if (!held)
    frames->drawn_later = TRUE;
}

typedef struct
{
  LdWinWindow *window;
  guint        held;    /* frames with attempts yet to list, the parse held to one thread */
  guint        unheld;  /* such frames with the parse let go: none */
} ListingFrames;

static void
on_listing_frame (GdkFrameClock *clock,
                  ListingFrames *frames)
{
  if (ld_win_window_get_state (frames->window) != LD_WIN_STATE_DOCUMENT || frames->window->pending_rows == NULL)
    return;
  if (frames->window->held_loader != NULL)
    frames->held++;
  else
    frames->unheld++;
}

/* A big log: its first attempts are on screen while the rest is read. The
 * frame that shows them leaves their timeline to the next one. Their box
 * had its place on the page before, unseen, out of the focus chain and of
 * the pointer's reach. */
static void
test_early_attempts (void)
{
  g_autofree char *path = generate_log ("96", "3");
  EarlyFrames frames = { 0 };
  ListingFrames listing = { 0 };
  GdkFrameClock *clock;
  gulong frame_id;
  guint early, final, refreshes;
  LdWinWindow *window;
  gint64 t0;

  window = new_window ();
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  frames.window = window;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  frame_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_early_frame), &frames);
  t0 = g_get_monotonic_time ();
  open_path (window, path);
  g_assert_false (ld_win_window_shows_early_attempts (window));
  g_assert_false (gtk_widget_get_can_focus (window->early_box));
  g_assert_false (gtk_widget_get_can_target (window->early_box));
  /* Not wait_for(): letting the views settle afterwards would run on
   * until the load is over. */
  while (!has_early_attempts (window) && g_get_monotonic_time () < t0 + WAIT_SECONDS * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  early = ld_win_window_get_n_early_attempts (window);
  g_test_message ("%u early attempts after %" G_GINT64_FORMAT " ms", early,
                  (g_get_monotonic_time () - t0) / 1000);
  /* Still reading, and already something to look at. */
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_LOADING);
  g_assert_cmpuint (early, >, 0);
  g_assert_true (ld_win_window_shows_early_attempts (window));
  g_assert_true (gtk_widget_get_can_focus (window->early_box));
  g_assert_true (gtk_widget_get_can_target (window->early_box));
  g_assert_cmpuint (ld_win_timeline_get_n_attempts (ld_win_window_get_early_timeline (window)), ==, early);

  /* Each later refresh adds what was read since to those on the timeline:
   * it shows all of them, each once. */
  refreshes = 0;
  while (refreshes < 3 && ld_win_window_get_state (window) == LD_WIN_STATE_LOADING)
    {
      guint shown = ld_win_window_get_n_early_attempts (window);

      g_main_context_iteration (NULL, TRUE);
      if (ld_win_window_get_n_early_attempts (window) == shown ||
          ld_win_window_get_state (window) != LD_WIN_STATE_LOADING)
        continue;
      refreshes++;
      g_assert_cmpuint (ld_win_window_get_n_early_attempts (window), >, shown);
      g_assert_cmpuint (ld_win_timeline_get_n_attempts (ld_win_window_get_early_timeline (window)), ==,
                        ld_win_window_get_n_early_attempts (window));
    }
  g_test_message ("%u later refreshes checked", refreshes);
  g_assert_cmpuint (frames.early_frames, >=, 2);
  g_assert_true (frames.first_held);
  g_assert_true (frames.drawn_later);
  g_signal_handler_disconnect (clock, frame_id);

  /* The messages' parse keeps to one thread while the attempts are
   * listed, and gets every processor once they are in. */
  listing.window = window;
  frame_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_listing_frame), &listing);
  g_assert_true (wait_for (window, not_loading));
  g_signal_handler_disconnect (clock, frame_id);
  g_test_message ("%u frames listing with the parse held, %u without", listing.held, listing.unheld);
  g_assert_cmpuint (listing.held, >, 0);
  g_assert_cmpuint (listing.unheld, ==, 0);
  g_assert_null (window->held_loader);
  g_test_message ("loaded after %" G_GINT64_FORMAT " ms", (g_get_monotonic_time () - t0) / 1000);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  final = ld_analysis_get_attempts (ld_win_window_get_analysis (window))->len;
  g_assert_cmpuint (early, <=, final);
  g_assert_cmpuint (ld_win_timeline_get_n_attempts (ld_win_window_get_timeline (window)), ==, final);
  g_assert_cmpuint (ld_analysis_get_n_early_attempts (ld_win_window_get_analysis (window)), ==, final);
  /* The loading page's copies went with it, before the document's first
   * frame. */
  g_assert_cmpuint (ld_win_window_get_n_early_attempts (window), ==, 0);
  g_assert_cmpuint (ld_win_timeline_get_n_attempts (ld_win_window_get_early_timeline (window)), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_log (path);
}

static gboolean
shows_document (LdWinWindow *window)
{
  return ld_win_window_get_state (window) != LD_WIN_STATE_LOADING;
}

/* Opens @path and runs the main loop until the document is on screen, and
 * no further: not wait_for(), which would run on until the list is full. */
static void
open_until_shown (LdWinWindow *window,
                  const char  *path)
{
  gint64 deadline;

  open_path (window, path);
  deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  while (!shows_document (window) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
}

static const LdAttempt *
first_failure (LdAnalysis *analysis)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      if (a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE)
        return a;
    }
  return NULL;
}

/* Once the window is done: every attempt listed, @attempt selected in the
 * list and shown in the attempt view. */
static void
assert_settled_on (LdWinWindow     *window,
                   const LdAttempt *attempt)
{
  g_assert_true (wait_for (window, not_loading));
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==,
                    ld_analysis_get_attempts (ld_win_window_get_analysis (window))->len);
  g_assert_cmpuint (ld_win_window_get_selected_attempt_id (window), ==, attempt->id);
  g_assert_true (ld_win_attempt_view_get_attempt (ld_win_window_get_attempt_view (window)) == attempt);
}

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* The divider of @paned is where its kept fraction puts it. */
static void
assert_at_fraction (GtkPaned *paned)
{
  int max = 0;

  g_object_get (paned, "max-position", &max, NULL);
  g_assert_cmpint (max, >, 0);
  g_assert_cmpint (ABS (gtk_paned_get_position (paned) - (int) (ld_win_paned_get_fraction (paned) * max + 0.5)), <=, 1);
}

/* The document's first frame is laid out as it stays: the timeline and
 * the details pane at their proportions, not the timeline over the whole
 * window first and the list without its details next. */
static void
test_first_frame_layout (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdWinWindow *window = new_window ();
  GdkFrameClock *clock;
  gboolean painted = FALSE;
  gulong id;
  gint64 deadline;

  open_until_shown (window, path);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  while (!painted && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
  g_assert_true (painted);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window->timeline)));
  assert_at_fraction (window->timeline_paned);
  assert_at_fraction (window->detail_paned);

  g_assert_true (wait_for (window, not_loading));
  gtk_window_destroy (GTK_WINDOW (window));
}

static LdAnalysis *analysis_before;

/* A silent load (following the log) replaced the document and is done. */
static gboolean
reloaded (LdWinWindow *window)
{
  return window->job == NULL && ld_win_window_get_analysis (window) != analysis_before && not_loading (window);
}

typedef struct
{
  LdWinWindow *window;
  guint        document_frames; /* painted with the document shown */
  gboolean     first_held;      /* the first of them without the timeline drawn */
  guint        first_attempts;  /* and its attempts laid out all the same */
  guint        held_after;      /* later ones without it */
} TimelineFrames;

static void
on_timeline_frame (GdkFrameClock  *clock,
                   TimelineFrames *frames)
{
  gboolean held = ld_win_timeline_is_held (frames->window->timeline);

  if (ld_win_window_get_state (frames->window) != LD_WIN_STATE_DOCUMENT)
    return;
  if (frames->document_frames++ == 0)
    {
      frames->first_held = held;
      frames->first_attempts = ld_win_timeline_get_n_attempts (frames->window->timeline);
    }
  else if (held)
    frames->held_after++;
}

/* The frame that first shows a document does not draw its timeline (a
 * large log's is a fifth of that frame): the next one does, with every
 * attempt. A reload keeps the timeline drawn throughout. */
static void
test_timeline_next_frame (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdWinWindow *window = new_window ();
  TimelineFrames frames = { .window = window };
  GdkFrameClock *clock;
  gulong id;
  guint n;

  /* Realized, with a frame clock, before the document comes. */
  while (!gtk_widget_get_realized (GTK_WIDGET (window)))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_timeline_frame), &frames);
  open_path (window, path);
  g_assert_true (wait_for (window, not_loading));
  n = ld_analysis_get_attempts (ld_win_window_get_analysis (window))->len;
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (frames.document_frames, >=, 2);
  g_assert_true (frames.first_held);
  g_assert_cmpuint (frames.first_attempts, ==, n);
  g_assert_cmpuint (frames.held_after, ==, 0);
  g_assert_false (ld_win_timeline_is_held (window->timeline));
  g_assert_cmpuint (ld_win_timeline_get_n_attempts (window->timeline), ==, n);

  /* Read again in place, as following the log does. */
  analysis_before = ld_win_window_get_analysis (window);
  frames = (TimelineFrames) { .window = window };
  _ld_win_window_start_load (window, window->files, TRUE);
  g_assert_true (wait_for (window, reloaded));
  analysis_before = NULL;
  g_assert_cmpuint (frames.document_frames, >, 0);
  g_assert_false (frames.first_held);
  g_assert_cmpuint (frames.held_after, ==, 0);
  g_assert_cmpuint (ld_win_timeline_get_n_attempts (window->timeline), ==, n);

  g_signal_handler_disconnect (clock, id);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A long attempts list fills a few rows a frame: the document is on screen
 * with its first failure open before every row is in, that failure's row
 * is selected once listed, and in the end every attempt is listed. */
static void
test_fill_list (void)
{
  g_autofree char *path = generate_log ("12", "5");
  LdWinWindow *window = new_window ();
  LdAnalysis *analysis;
  const LdAttempt *failure;
  guint total;

  open_until_shown (window, path);
  analysis = ld_win_window_get_analysis (window);
  total = ld_analysis_get_attempts (analysis)->len;
  g_assert_cmpuint (total, >, 256);
  g_assert_true (ld_win_window_is_filling (window));
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), <, total);
  failure = first_failure (analysis);
  g_assert_nonnull (failure);
  g_assert_true (ld_win_attempt_view_get_attempt (ld_win_window_get_attempt_view (window)) == failure);

  assert_settled_on (window, failure);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_log (path);
}

/* The texts of the list cells under @widget that are on screen. */
static void
collect_mapped_cells (GtkWidget  *widget,
                      GHashTable *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (LD_WIN_IS_CELL (widget) && ld_win_cell_get_text (LD_WIN_CELL (widget)) != NULL)
    g_hash_table_add (texts, g_strdup (ld_win_cell_get_text (LD_WIN_CELL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_mapped_cells (child, texts);
}

/* A conference log whose sixth attempt is shown first: once the list is
 * full, its first rows are all on screen with their numbers. GTK 4.8's
 * list view, asked to scroll to the selected row while rows were still
 * being added, left rows 2 and 3 blank. */
static void
test_fill_list_rows_drawn (void)
{
  g_autofree char *path = generate_log_of ("3", "1", "conference");
  LdWinWindow *window = new_window ();
  g_autoptr(GHashTable) texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const LdAttempt *failure;
  guint shown_at = 0;

  open_until_shown (window, path);
  g_assert_true (ld_win_window_is_filling (window));
  failure = first_failure (ld_win_window_get_analysis (window));
  g_assert_nonnull (failure);
  assert_settled_on (window, failure);

  /* Shown first, and below the first batch's first row. */
  for (guint i = 0; i < ld_win_window_get_n_listed_attempts (window); i++)
    if (g_ptr_array_index (ld_analysis_get_attempts (ld_win_window_get_analysis (window)), i) == failure)
      shown_at = i + 1;
  g_assert_cmpuint (shown_at, >, 1);
  g_assert_cmpuint (shown_at, <, 10);

  collect_mapped_cells (GTK_WIDGET (window->attempts_view), texts);
  for (guint n = 1; n <= 10; n++)
    {
      g_autofree char *number = g_strdup_printf ("%u", n);

      if (!g_hash_table_contains (texts, number))
        g_error ("row %u of the attempts list is blank", n);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  remove_log (path);
}

static gboolean
is_mapped (LdWinWindow *window)
{
  return gtk_widget_get_mapped (GTK_WIDGET (window));
}

/* Reading begins once the loading page is drawn, so that the window's
 * frame does not wait for a processor the reading threads hold; a window
 * not on screen draws no frame, and begins at once. */
static void
test_load_after_loading_page (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  LdWinWindow *window = new_window ();
  LdWinWindow *hidden = ld_win_window_new (NULL);

  g_assert_true (wait_for (window, is_mapped));
  open_path (window, path);
  g_assert_true (window->load_waiting);
  g_assert_true (wait_for (window, not_loading));
  g_assert_false (window->load_waiting);
  g_assert_cmpint (ld_win_window_get_state (window), ==, LD_WIN_STATE_DOCUMENT);
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), >, 0);

  ld_win_window_set_recent_enabled (hidden, FALSE);
  open_path (hidden, path);
  g_assert_false (hidden->load_waiting);
  g_assert_true (wait_for (hidden, shows_document));
  g_assert_cmpint (ld_win_window_get_state (hidden), ==, LD_WIN_STATE_DOCUMENT);

  gtk_window_destroy (GTK_WINDOW (hidden));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Asked for an attempt not listed yet (from the timeline or a finding), the
 * window lists the rest at once and selects it; the filling does not
 * select its own pick afterwards. */
static void
test_select_while_filling (void)
{
  g_autofree char *path = generate_log ("12", "5");
  LdWinWindow *window = new_window ();
  GPtrArray *attempts;
  const LdAttempt *last;

  open_until_shown (window, path);
  g_assert_true (ld_win_window_is_filling (window));
  attempts = ld_analysis_get_attempts (ld_win_window_get_analysis (window));
  last = g_ptr_array_index (attempts, attempts->len - 1);

  g_assert_true (ld_win_window_select_attempt (window, last->id));
  g_assert_cmpuint (ld_win_window_get_n_listed_attempts (window), ==, attempts->len);
  assert_settled_on (window, last);

  gtk_window_destroy (GTK_WINDOW (window));
  remove_log (path);
}

static int
measure (GtkWidget      *widget,
         GtkOrientation  orientation)
{
  int minimum, natural;

  gtk_widget_measure (widget, orientation, -1, &minimum, &natural, NULL, NULL);
  g_assert_cmpint (minimum, ==, natural);
  return minimum;
}

/* A list cell is one line of its window's font high, whatever its text,
 * and as wide as its column makes it. It draws a text too long for it
 * shortened, and one too long even for the ellipsis cut, without a
 * warning. */
static void
test_cell (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *empty = ld_win_cell_new (0, PANGO_ELLIPSIZE_END);
  GtkWidget *longer = ld_win_cell_new (1, PANGO_ELLIPSIZE_MIDDLE);
  GtkWidget *tiny = ld_win_cell_new (0.5, PANGO_ELLIPSIZE_END);
  g_autofree char *text = g_strnfill (500, 'x');
  int height;

  gtk_box_append (GTK_BOX (box), empty);
  gtk_box_append (GTK_BOX (box), longer);
  gtk_box_append (GTK_BOX (box), tiny);
  gtk_widget_set_size_request (longer, 120, -1);
  gtk_widget_set_size_request (tiny, 2, -1);
  gtk_window_set_child (GTK_WINDOW (window), box);

  g_assert_null (ld_win_cell_get_text (LD_WIN_CELL (empty)));
  ld_win_cell_set_text (LD_WIN_CELL (longer), text);
  ld_win_cell_set_text (LD_WIN_CELL (tiny), "sip:alice@contoso.com");
  g_assert_cmpstr (ld_win_cell_get_text (LD_WIN_CELL (longer)), ==, text);

  height = measure (empty, GTK_ORIENTATION_VERTICAL);
  g_assert_cmpint (height, >, 4);
  g_assert_cmpint (height, <, 100);
  g_assert_cmpint (measure (longer, GTK_ORIENTATION_VERTICAL), ==, height);
  g_assert_cmpint (measure (tiny, GTK_ORIENTATION_VERTICAL), ==, height);
  g_assert_cmpint (measure (empty, GTK_ORIENTATION_HORIZONTAL), ==, 0);

  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (tiny) || gtk_widget_get_width (tiny) == 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (gtk_widget_get_height (longer), >=, height);

  /* A new text is drawn; the same one again changes nothing. */
  ld_win_cell_set_text (LD_WIN_CELL (longer), "200");
  ld_win_cell_set_text (LD_WIN_CELL (longer), "200");
  ld_win_cell_set_text (LD_WIN_CELL (tiny), NULL);
  g_assert_null (ld_win_cell_get_text (LD_WIN_CELL (tiny)));
  gtk_widget_set_direction (longer, GTK_TEXT_DIR_RTL);
  gtk_widget_add_css_class (longer, "numeric");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (ld_win_cell_get_text (LD_WIN_CELL (longer)), ==, "200");

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = NULL;

  /* Recent files and settings stay out of the user's home. */
  data_home = g_dir_make_tmp ("lyncdiag-ui-home-XXXXXX", NULL);
  if (data_home != NULL)
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui: no display, skipping\n");
      return 77;
    }

  g_test_add_func ("/ui/cell", test_cell);
  g_test_add_func ("/ui/window/open-fixture", test_open_fixture);
  g_test_add_func ("/ui/window/failed-only", test_failed_only);
  g_test_add_func ("/ui/window/code-search-stripped", test_code_search_stripped);
  g_test_add_func ("/ui/window/messages-after-document", test_messages_after_document);
  g_test_add_func ("/ui/window/invalid-file", test_invalid_file);
  g_test_add_func ("/ui/window/cancel", test_cancel);
  g_test_add_func ("/ui/window/follow", test_follow);
  g_test_add_func ("/ui/window/early-attempts", test_early_attempts);
  g_test_add_func ("/ui/window/first-frame-layout", test_first_frame_layout);
  g_test_add_func ("/ui/window/timeline-next-frame", test_timeline_next_frame);
  g_test_add_func ("/ui/window/fill-list", test_fill_list);
  g_test_add_func ("/ui/window/fill-list-rows-drawn", test_fill_list_rows_drawn);
  g_test_add_func ("/ui/window/load-after-loading-page", test_load_after_loading_page);
  g_test_add_func ("/ui/window/select-while-filling", test_select_while_filling);
  return g_test_run ();
}
