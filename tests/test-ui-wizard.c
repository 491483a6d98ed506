/* test-ui-wizard.c - the troubleshooting assistant in a real window: pages, pre-filled answers, Back
 *
 * Runs under Xvfb in CI; without a display it reports a skip (exit 77).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "test-ui-wizard"

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>

#include "ld-win-wizard.h"

static void
settle (void)
{
  /* Layout, popovers and idle work, as the user would see them. */
  for (int i = 0; i < 5; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

static LdAnalysis *
load_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, NULL));
  ld_analysis_finish (analysis);
  return analysis;
}

/* Everything under @root of @type, in order. */
static void
collect (GtkWidget *root,
         GType      type,
         GPtrArray *out)
{
  for (GtkWidget *w = gtk_widget_get_first_child (root); w != NULL; w = gtk_widget_get_next_sibling (w))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (w, type) && gtk_widget_get_mapped (w))
        g_ptr_array_add (out, w);
      collect (w, type, out);
    }
}

static GtkCheckButton *
find_choice (LdWinWizard *win,
             const char  *label_part)
{
  g_autoptr(GPtrArray) checks = g_ptr_array_new ();

  collect (GTK_WIDGET (win), GTK_TYPE_CHECK_BUTTON, checks);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      const char *label = gtk_check_button_get_label (check);
      GtkWidget *child = gtk_check_button_get_child (check);

      /* The answers are wrapping labels of their own. */
      if (label == NULL && GTK_IS_LABEL (child))
        label = gtk_label_get_text (GTK_LABEL (child));
      if (label != NULL && strstr (label, label_part) != NULL)
        return check;
    }
  return NULL;
}

static gboolean
shows_label (LdWinWizard *win,
             const char  *text_part)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  collect (GTK_WIDGET (win), GTK_TYPE_LABEL, labels);
  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));
      if (text != NULL && strstr (text, text_part) != NULL)
        return TRUE;
    }
  return FALSE;
}

static gboolean
shows_evidence (LdWinWizard *win,
                const char  *where)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (win), GTK_TYPE_MENU_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *child = gtk_menu_button_get_child (g_ptr_array_index (buttons, i));

      /* The location is the button's label, shortened in the middle when long. */
      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (child)), where) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
shows_button (LdWinWizard *win,
              const char  *label)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  collect (GTK_WIDGET (win), GTK_TYPE_BUTTON, buttons);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0)
      return TRUE;
  return FALSE;
}

static void
press (LdWinWizard *win,
       const char  *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), action, NULL));
  settle ();
}

static void
test_pages (void)
{
  g_autoptr(LdAnalysis) analysis = load_fixture ("Lync-UccApi-0.UccApilog");
  LdWinWizard *win = ld_win_wizard_new (NULL, analysis);
  GtkCheckButton *check;
  const LdWizardStep *plan;

  gtk_window_present (GTK_WINDOW (win));
  settle ();

  /* Page 1: the symptom, pre-filled from the log with its evidence. */
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "symptom");
  check = find_choice (win, "Cannot start Desktop/Application Sharing");
  g_assert_nonnull (check);
  g_assert_true (gtk_check_button_get_active (check));
  g_assert_true (shows_label (win, "From the log"));
  g_assert_true (shows_evidence (win, "Lync-UccApi-0.UccApilog:253"));
  g_assert_false (gtk_check_button_get_active (find_choice (win, "Joining the meeting")));

  /* Next follows the one-contact branch. */
  press (win, "wizard.next");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "contacts");
  g_assert_true (gtk_check_button_get_active (find_choice (win, "With one contact")));
  press (win, "wizard.next");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "same-contact");
  press (win, "wizard.next");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "plan");
  g_assert_true (shows_label (win, "Not answered yet"));

  /* The user answers; the dedicated plan skips the network page. */
  check = find_choice (win, "Office 365 dedicated");
  g_assert_nonnull (check);
  gtk_check_button_set_active (check, TRUE);
  settle ();
  plan = ld_wizard_get_step (ld_win_wizard_get_wizard (win), "plan");
  g_assert_cmpstr (plan->answer, ==, "dedicated");
  g_assert_cmpint (plan->source, ==, LD_WIZARD_SOURCE_USER);
  g_assert_true (shows_label (win, "Your answer"));
  press (win, "wizard.next");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "collect");

  /* Back: the answer is still there, shown as the user's. */
  press (win, "wizard.back");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "plan");
  g_assert_true (gtk_check_button_get_active (find_choice (win, "Office 365 dedicated")));
  g_assert_true (shows_label (win, "Your answer"));

  /* Changing an earlier answer changes the branch, not the later answers. */
  press (win, "wizard.back");
  press (win, "wizard.back");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "contacts");
  gtk_check_button_set_active (find_choice (win, "With several contacts"), TRUE);
  settle ();
  press (win, "wizard.next");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "common");
  press (win, "wizard.next");
  g_assert_cmpstr (ld_win_wizard_get_current_step (win), ==, "plan");
  g_assert_true (gtk_check_button_get_active (find_choice (win, "Office 365 dedicated")));

  /* Step 5 shows the decoded diagnostic with its line. */
  ld_win_wizard_show_step (win, "examine");
  settle ();
  g_assert_true (shows_label (win, "ms-client-diagnostics 23"));
  g_assert_true (shows_evidence (win, "Lync-UccApi-0.UccApilog:67"));

  /* The causes page marks each cause. */
  ld_win_wizard_show_step (win, "causes");
  settle ();
  g_assert_true (shows_label (win, "Supported"));
  g_assert_true (shows_label (win, "Port 443 or ports 50000–59999 to the A/V Edge media relay are blocked"));

  /* The last page is the summary, and Next becomes Close. */
  ld_win_wizard_show_step (win, "result");
  settle ();
  g_assert_true (shows_label (win, "Next steps"));
  g_assert_true (shows_button (win, "_Close"));
  g_assert_false (shows_button (win, "_Next"));

  gtk_window_destroy (GTK_WINDOW (win));
  settle ();

  /* The answers stay with the document: a new window shows them. */
  win = ld_win_wizard_new (NULL, analysis);
  gtk_window_present (GTK_WINDOW (win));
  settle ();
  ld_win_wizard_show_step (win, "plan");
  settle ();
  g_assert_true (gtk_check_button_get_active (find_choice (win, "Office 365 dedicated")));
  gtk_window_destroy (GTK_WINDOW (win));
  settle ();
}

static GtkDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);
      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_DIALOG (w);
    }
  return NULL;
}

/* The network check asks first, then shows a result per target. The
 * fixture's relays are on 127.0.0.1, so nothing leaves the machine. */
static void
test_network_check (void)
{
  g_autoptr(LdAnalysis) analysis = load_fixture ("wizard-loopback-relay.uccapilog");
  LdWinWizard *win = ld_win_wizard_new (NULL, analysis);
  LdWizard *wizard = ld_win_wizard_get_wizard (win);
  gint64 deadline;
  GtkDialog *dialog;
  const LdWizardStep *step;

  gtk_window_present (GTK_WINDOW (win));
  ld_win_wizard_show_step (win, "network");
  settle ();
  g_assert_true (shows_button (win, "Run _Network Check…"));

  /* Declining runs nothing. */
  press (win, "wizard.network-check");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  settle ();
  g_assert_null (ld_wizard_get_network_results (wizard));

  press (win, "wizard.network-check");
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (ld_wizard_get_network_results (wizard) == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  settle ();

  g_assert_nonnull (ld_wizard_get_network_results (wizard));
  g_assert_cmpuint (ld_wizard_get_network_results (wizard)->len, ==, 5);
  step = ld_wizard_get_step (wizard, "network");
  /* Measured, with where and when: evidence beside the question, never
   * the user's answer. */
  g_assert_cmpint (step->source, ==, LD_WIZARD_SOURCE_UNANSWERED);
  g_assert_true (g_str_has_prefix (step->measured, "Measured from "));
  g_assert_true (shows_label (win, "UDP 127.0.0.1:3478 (STUN): "));
  g_assert_true (shows_label (win, "TCP 127.0.0.1:50100: "));
  /* Where and when, and that it is this computer's network. */
  g_assert_true (shows_label (win, "This is a measurement from this computer's network"));
  {
    g_autofree char *origin = ld_netcheck_results_dup_origin (ld_wizard_get_network_results (wizard));

    g_assert_true (shows_label (win, origin));
  }
  /* 127.0.0.1 answers here, not at the user's: no row says it is open,
   * whatever it answered. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();
    guint inconclusive = 0;

    collect (GTK_WIDGET (win), GTK_TYPE_BOX, rows);
    for (guint i = 0; i < rows->len; i++)
      {
        const char *name = gtk_widget_get_name (g_ptr_array_index (rows, i));

        g_assert_cmpstr (name, !=, "open");
        inconclusive += g_strcmp0 (name, "inconclusive") == 0;
      }
    g_assert_cmpuint (inconclusive, ==, 5);
  }
  gtk_window_destroy (GTK_WINDOW (win));
  settle ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check ())
    {
      g_printerr ("test-ui-wizard: no display, skipping\n");
      return 77;
    }
  g_test_add_func ("/ui/wizard/pages", test_pages);
  g_test_add_func ("/ui/wizard/network-check", test_network_check);
  return g_test_run ();
}
