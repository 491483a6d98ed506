/* test-ui-i18n.c - the desktop app speaks German when the user does
 *
 * Run with LANGUAGE=de, a non-C locale (C.UTF-8 is enough: glibc honours
 * LANGUAGE then) and LYNCDIAG_LOCALEDIR pointing at the build's po/
 * directory. Under Xvfb in CI; without a display it reports a skip (77).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-i18n"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "ld-win-application.h"
#include "ld-win-cell.h"
#include "ld-win-help.h"
#include "ld-win-style.h"
#include "ld-win-window-private.h"
#include "ld-win-wizard.h"
#include "lyncdiag.h"

#define WAIT_SECONDS 30

static gboolean
on_tick (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_loaded (LdWinWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;
  guint tick = g_timeout_add (20, on_tick, NULL);

  while ((ld_win_window_get_state (window) == LD_WIN_STATE_LOADING || ld_win_window_is_filling (window)) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return ld_win_window_get_state (window) == LD_WIN_STATE_DOCUMENT;
}

/* Every text the window shows as a label or a stack page title (the tab
 * names of the stack switcher), as the user would read them. */
static void
collect_texts (GtkWidget *widget,
               GPtrArray *texts)
{
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, g_strdup (gtk_label_get_label (GTK_LABEL (widget))));
  if (GTK_IS_STACK (widget))
    {
      g_autoptr(GtkSelectionModel) pages = gtk_stack_get_pages (GTK_STACK (widget));

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (pages)); i++)
        {
          g_autoptr(GObject) page = g_list_model_get_item (G_LIST_MODEL (pages), i);
          const char *title = gtk_stack_page_get_title (GTK_STACK_PAGE (page));

          if (title != NULL)
            g_ptr_array_add (texts, g_strdup (title));
        }
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_texts (child, texts);
}

static gboolean
has_text (GPtrArray  *texts,
          const char *prefix)
{
  for (guint i = 0; i < texts->len; i++)
    if (g_str_has_prefix (texts->pdata[i], prefix))
      return TRUE;
  g_test_message ("no label starts with “%s”; the window shows:", prefix);
  for (guint i = 0; i < texts->len; i++)
    if (*(const char *) texts->pdata[i] != '\0')
      g_test_message ("  %s", (const char *) texts->pdata[i]);
  return FALSE;
}

static void
test_window_german (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  LdWinWindow *window = ld_win_window_new (NULL);
  g_autofree char *diag = NULL;

  ld_win_window_set_recent_enabled (window, FALSE);
  gtk_window_present (GTK_WINDOW (window));

  /* The empty window: its template (.ui) text comes from the catalogue. */
  collect_texts (GTK_WIDGET (window), texts);
  g_assert_true (has_text (texts, "Ein Lync- oder Skype for Business-Protokoll öffnen"));
  g_assert_true (has_text (texts, "Protokolle _öffnen…"));

  ld_win_window_open (window, &file, 1);
  g_assert_true (wait_loaded (window));

  /* The tabs (stack pages), one set in the template, one in code with a count. */
  g_ptr_array_set_size (texts, 0);
  collect_texts (GTK_WIDGET (window), texts);
  g_assert_true (has_text (texts, "_Versuche"));
  g_assert_true (has_text (texts, "_Nachrichten"));
  g_assert_true (has_text (texts, "_Befunde (3)"));

  /* A failed attempt: its title from the core labels, its diagnosis from
   * the code tables and the ICEWarn bits. The log's time stays ISO 8601. */
  g_assert_true (ld_win_window_select_attempt (window, 3));
  g_ptr_array_set_size (texts, 0);
  collect_texts (GTK_WIDGET (window), texts);
  g_assert_true (has_text (texts, "Versuch 3: Konferenz/Anwendungsfreigabe"));
  g_assert_cmpstr (ld_win_attempt_view_get_outcome_text (ld_win_window_get_attempt_view (window)), ==, "fehlgeschlagen");
  /* The counts in German plural forms, the failed count first. */
  g_assert_true (has_text (texts, "3 Versuche, 1 fehlgeschlagen · 15 SIP-Nachrichten"));
  /* The verdict first, in German. */
  {
    g_autofree char *verdict = ld_win_verdict_dup_text (ld_win_attempt_view_get_verdict (ld_win_window_get_attempt_view (window)));

    g_assert_true (g_str_has_prefix (verdict, "Die Signalisierung hat funktioniert (das INVITE wurde mit 200 OK "
                                              "beantwortet); die Medienverbindung ist fehlgeschlagen.\n"
                                              "Am wahrscheinlichsten: "));
  }
  /* "Decoded" is spelled out, not "decrypted". */
  g_assert_true (has_text (texts, "Diagnose im Klartext"));
  g_assert_true (has_text (texts, "<b>Ziel</b>"));
  diag = ld_win_attempt_view_dup_diagnostics_text (ld_win_window_get_attempt_view (window));
  g_assert_nonnull (strstr (diag, "TCP-TCP-Konnektivitätsprüfungen über den TURN-Server fehlgeschlagen"));
  g_assert_nonnull (strstr (diag, "Der Anruf konnte keine Medienverbindung herstellen"));
  g_assert_null (strstr (diag, "TCP-TCP connectivity checks over the TURN server failed"));

  /* Messages: typed and Enter at once selects the match; the count says
   * in German what is hidden. */
  {
    LdWinMessages *messages = ld_win_window_get_messages (window);
    GtkSearchEntry *entry = ld_win_messages_get_search_entry (messages);

    gtk_stack_set_visible_child_name (window->doc_stack, "messages");
    gtk_editable_set_text (GTK_EDITABLE (entry), "code:23");
    g_signal_emit_by_name (entry, "activate");
    g_assert_nonnull (ld_win_messages_get_shown (messages));
    g_assert_cmpuint (ld_win_messages_get_shown (messages)->line, ==, 253);
    g_assert_cmpstr (ld_win_messages_get_count_text (messages), ==,
                     "5 von 15 Nachrichten, Präsenz und Keep-Alives ausgeblendet");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
settle (void)
{
  gint64 until = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  guint tick = g_timeout_add (20, on_tick, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (tick);
}

/* The screen's size: the test runs on an 800x600 and a 1920x1080 one. */
static GdkRectangle
screen_area (void)
{
  GListModel *monitors = gdk_display_get_monitors (gdk_display_get_default ());
  g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
  GdkRectangle area;

  gdk_monitor_get_geometry (monitor, &area);
  return area;
}

/* The list cell showing @text, or NULL. */
static LdWinCell *
find_cell (GtkWidget  *widget,
           const char *text)
{
  if (LD_WIN_IS_CELL (widget) && g_strcmp0 (ld_win_cell_get_text (LD_WIN_CELL (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return LD_WIN_CELL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      LdWinCell *cell = find_cell (child, text);

      if (cell != NULL)
        return cell;
    }
  return NULL;
}

/* German words are longer: at 800x600 the counts are whole, the list and
 * the details have room, and the assistant fits 1024x768 on every page. */
static void
test_german_layout (void)
{
  const char *path = g_test_get_filename (G_TEST_DIST, "data", "Lync-UccApi-0.UccApilog", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GdkRectangle area = screen_area ();
  int width = MIN (area.width, 800), height = MIN (area.height, 600);
  LdWinWindow *window = ld_win_window_new (NULL);
  LdWinWizard *wizard;
  g_autoptr(GPtrArray) steps = NULL;
  PangoLayout *layout;
  int text_width;

  ld_win_window_set_recent_enabled (window, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  ld_win_window_open (window, &file, 1);
  g_assert_true (wait_loaded (window));
  settle ();

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 800);
  g_assert_cmpstr (gtk_label_get_text (window->counts_label), ==, "3 Versuche, 1 fehlgeschlagen · 15 SIP-Nachrichten");
  /* Whole: the label got the width its text needs. */
  layout = gtk_widget_create_pango_layout (GTK_WIDGET (window->counts_label), gtk_label_get_text (window->counts_label));
  pango_layout_get_pixel_size (layout, &text_width, NULL);
  g_object_unref (layout);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window->counts_label)), >=, text_width);
  g_assert_cmpint (gtk_widget_get_height (GTK_WIDGET (ld_win_window_get_attempt_view (window))), >=, 200);

  /* The verdict and its first action on screen without scrolling, in
   * German too. */
  {
    LdWinAttemptView *view = ld_win_window_get_attempt_view (window);
    LdWinVerdict *verdict = ld_win_attempt_view_get_verdict (view);
    g_autofree char *text = ld_win_verdict_dup_text (verdict);
    graphene_rect_t bounds;

    g_assert_nonnull (strstr (text, "\n→ Erlauben Sie ausgehend TCP 443"));
    g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (verdict)));
    g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (verdict), GTK_WIDGET (view), &bounds));
    g_assert_cmpfloat (bounds.origin.y, >=, 0);
    g_assert_cmpfloat (bounds.origin.y + 110, <=, gtk_widget_get_height (GTK_WIDGET (view)));
  }

  /* The list's columns fit the window: no sideways scrolling. */
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (window->attempts_view), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (GTK_SCROLLED_WINDOW (scroller));

    g_assert_cmpfloat (gtk_adjustment_get_upper (h), <=, gtk_adjustment_get_page_size (h) + 1);
  }

  /* The failed row's outcome, in bold, is never shortened in the list. */
  {
    LdWinCell *cell = find_cell (GTK_WIDGET (window->attempts_view), "fehlgeschlagen");
    g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

    g_assert_nonnull (cell);
    layout = gtk_widget_create_pango_layout (GTK_WIDGET (cell), "fehlgeschlagen");
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
    pango_layout_set_attributes (layout, attrs);
    pango_layout_get_pixel_size (layout, &text_width, NULL);
    g_object_unref (layout);
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (cell)), >=, text_width);
  }

  /* Every page of the assistant, in German, within 1024x768. */
  wizard = ld_win_wizard_new (GTK_WINDOW (window), ld_win_window_get_analysis (window));
  gtk_window_present (GTK_WINDOW (wizard));
  steps = ld_wizard_dup_visible_steps (ld_win_wizard_get_wizard (wizard));
  for (guint i = 0; i < steps->len; i++)
    {
      const LdWizardStep *step = g_ptr_array_index (steps, i);
      int min_width = 0, min_height = 0;

      ld_win_wizard_show_step (wizard, step->id);
      settle ();
      gtk_widget_measure (GTK_WIDGET (wizard), GTK_ORIENTATION_HORIZONTAL, -1, &min_width, NULL, NULL, NULL);
      gtk_widget_measure (GTK_WIDGET (wizard), GTK_ORIENTATION_VERTICAL, MIN (area.width, 1024), &min_height,
                          NULL, NULL, NULL);
      if (min_width > 1024 || gtk_widget_get_width (GTK_WIDGET (wizard)) > 1024 || min_height > 768)
        g_error ("step %s needs %d×%d, shows %d pixels wide", step->id, min_width, min_height,
                 gtk_widget_get_width (GTK_WIDGET (wizard)));
    }
  gtk_window_destroy (GTK_WINDOW (wizard));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* F1 shows the German help page. */
static void
test_help_german (void)
{
  g_autofree char *uri = ld_win_application_dup_help_uri ();
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *help;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_assert_nonnull (uri);
  g_assert_true (g_str_has_suffix (uri, "/de/index.html"));
  path = g_filename_from_uri (uri, NULL, NULL);
  help = ld_win_help_new (NULL, path, &error);
  g_assert_no_error (error);
  gtk_window_present (help);
  g_assert_cmpstr (gtk_window_get_title (help), ==, "LyncDiag-Hilfe");
  buffer = gtk_text_view_get_buffer (ld_win_help_get_text_view (help));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_true (g_str_has_prefix (text, "LyncDiag-Hilfe\n\nLyncDiag liest die Protokolle"));
  g_assert_nonnull (strstr (text, "\nProtokolle öffnen\n"));
  g_assert_nonnull (strstr (text, "\nF1 — Diese Hilfe\n"));
  gtk_window_destroy (help);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("lyncdiag-ui-home-XXXXXX", NULL);

  if (data_home != NULL)
    g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);
  ld_i18n_init ();
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui-i18n: no display, skipping\n");
      return 77;
    }
  /* As the app does at startup: its CSS sizes what is measured here. */
  ld_win_style_load ();

  g_test_add_func ("/ui/i18n/window-german", test_window_german);
  g_test_add_func ("/ui/i18n/german-layout", test_german_layout);
  g_test_add_func ("/ui/i18n/help-german", test_help_german);
  return g_test_run ();
}
