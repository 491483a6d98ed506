/* ld-win-wizard.c - the troubleshooting assistant: step list, one question per page, Back/Next
 *
 * A view of the core's LdWizard: the scenario, the answers taken from the
 * logs and the conclusion all come from there, so the window and
 * `lyncdiag-cli wizard` always agree. The wizard is attached to the
 * document's analysis, so answers survive closing and reopening this
 * window and can go into the exported report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-text.h"
#include "ld-win-wizard.h"

struct _LdWinWizard
{
  GtkWindow     parent_instance;

  GtkListBox   *step_list;
  GtkScrolledWindow *page_scroller;
  GtkBox       *page;
  GtkLabel     *progress_label;
  GtkButton    *back_button;
  GtkButton    *next_button;

  LdAnalysis   *analysis;
  LdWizard     *wizard;
  gulong        changed_id;
  char         *current;        /* step id shown */
  gboolean      updating;       /* rebuilding the list: ignore row-selected */
  gboolean      disposed;

  /* Widgets of the current page that follow the wizard's changes. */
  GtkLabel     *badge;
  GtkLabel     *text;

  /* The network check, when running. */
  GCancellable *net_cancellable;
  GtkBox       *net_results;
  GtkWidget    *net_button;
  GtkWidget    *net_spinner;
  GtkWidget    *net_cancel;
};

G_DEFINE_FINAL_TYPE (LdWinWizard, ld_win_wizard, GTK_TYPE_WINDOW)

static void show_page (LdWinWizard *self,
                       const char  *step_id);

/* Helpers ---------------------------------------------------------------- */

static GtkWidget *
label_new (const char *text,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  ld_win_label_no_hyphens (GTK_LABEL (label));
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static void
update_badge (LdWinWizard        *self,
              const LdWizardStep *step)
{
  g_autofree char *markup = NULL;
  const char *what, *colour;

  if (self->badge == NULL)
    return;
  /* Colours from the GNOME palette; markup keeps the badge readable in any
   * theme without extra CSS. */
  switch (step->source)
    {
    case LD_WIZARD_SOURCE_LOG:
      what = _("From the log");
      colour = "#1c71d8";
      break;
    case LD_WIZARD_SOURCE_USER:
      what = _("Your answer");
      colour = "#26a269";
      break;
    case LD_WIZARD_SOURCE_UNANSWERED:
    default:
      what = _("Not answered yet");
      colour = "#77767b";
      break;
    }
  markup = g_markup_printf_escaped ("<span background='%s' foreground='white' weight='bold'> %s </span>",
                                    colour, what);
  gtk_label_set_markup (self->badge, markup);
}

static const LdWizardStep *
current_step (LdWinWizard *self)
{
  return ld_wizard_get_step (self->wizard, self->current);
}

static int
visible_index (GPtrArray  *visible,
               const char *id)
{
  for (guint i = 0; i < visible->len; i++)
    if (g_strcmp0 (((LdWizardStep *) g_ptr_array_index (visible, i))->id, id) == 0)
      return (int) i;
  return -1;
}

/* Sidebar ---------------------------------------------------------------- */

static GtkWidget *
step_row_new (const LdWizardStep *step)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *number = gtk_label_new (step->number);
  GtkWidget *title = gtk_label_new (step->title);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_label_set_width_chars (GTK_LABEL (number), 3);
  gtk_label_set_xalign (GTK_LABEL (number), 0);
  gtk_widget_add_css_class (number, "dim-label");
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  /* Whole, on two lines if need be ("Netzwerkanforderungen", "Jemand
   * anderes, derselbe Kontakt"), within the sidebar's 220 pixels. */
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (title), 10);
  gtk_label_set_max_width_chars (GTK_LABEL (title), 16);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_set_valign (state, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (number, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (state, "caption");
  if (step->source == LD_WIZARD_SOURCE_LOG)
    gtk_label_set_text (GTK_LABEL (state), _("log"));
  else if (step->source == LD_WIZARD_SOURCE_USER)
    gtk_label_set_text (GTK_LABEL (state), "✓");
  gtk_widget_add_css_class (state, step->source == LD_WIZARD_SOURCE_LOG ? "accent" : "success");

  gtk_box_append (GTK_BOX (box), number);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), state);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, step->id);
  gtk_widget_set_tooltip_text (row, step->question ? step->question : step->title);
  return row;
}

static void
rebuild_sidebar (LdWinWizard *self)
{
  g_autoptr(GPtrArray) visible = ld_wizard_dup_visible_steps (self->wizard);
  GtkWidget *child;

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->step_list))) != NULL)
    gtk_list_box_remove (self->step_list, child);
  for (guint i = 0; i < visible->len; i++)
    {
      const LdWizardStep *s = g_ptr_array_index (visible, i);
      GtkWidget *row = step_row_new (s);

      gtk_list_box_append (self->step_list, row);
      if (g_strcmp0 (s->id, self->current) == 0)
        gtk_list_box_select_row (self->step_list, GTK_LIST_BOX_ROW (row));
    }
  self->updating = FALSE;
}

static void
on_step_selected (GtkListBox    *box,
                  GtkListBoxRow *row,
                  LdWinWizard   *self)
{
  if (self->updating || row == NULL)
    return;
  if (g_strcmp0 (gtk_widget_get_name (GTK_WIDGET (row)), self->current) != 0)
    show_page (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

/* Evidence --------------------------------------------------------------- */

static GtkWidget *
evidence_button_new (LdWinWizard      *self,
                     const LdEvidence *e)
{
  g_autofree char *where = ld_evidence_dup_location (self->analysis, e);
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *head = label_new (where, "heading");
  GtkWidget *body;

  /* The line itself, as the log has it; selectable so it can be copied
   * into a ticket. */
  body = label_new (NULL, "monospace");
  ld_win_label_set_log_text (GTK_LABEL (body), e->excerpt ? e->excerpt : _("(the whole line or file)"));
  ld_win_label_set_quiet_selectable (GTK_LABEL (body));
  gtk_label_set_max_width_chars (GTK_LABEL (body), 80);
  gtk_box_append (GTK_BOX (box), head);
  gtk_box_append (GTK_BOX (box), body);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  {
    GtkWidget *label = gtk_label_new (where);

    /* Long file names shortened in the middle: the line number shows. */
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
    gtk_label_set_max_width_chars (GTK_LABEL (label), 32);
    gtk_menu_button_set_child (GTK_MENU_BUTTON (button), label);
  }
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_tooltip_text (button, e->excerpt ? e->excerpt : where);
  return button;
}

static GtkWidget *
evidence_box_new (LdWinWizard  *self,
                  const GArray *evidence,
                  guint         max)
{
  GtkWidget *flow = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 4);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), FALSE);
  for (guint i = 0; i < evidence->len && i < max; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), evidence_button_new (self, &g_array_index (evidence, LdEvidence, i)));
  return flow;
}

/* Answers ---------------------------------------------------------------- */

static void
on_choice_toggled (GtkCheckButton *button,
                   LdWinWizard    *self)
{
  const char *key = g_object_get_data (G_OBJECT (button), "choice-key");
  const LdWizardStep *step = current_step (self);
  g_autoptr(GError) error = NULL;

  if (!gtk_check_button_get_active (button) || step == NULL || g_strcmp0 (step->answer, key) == 0)
    return;
  if (!ld_wizard_set_answer (self->wizard, step->id, key, &error))
    g_warning ("%s", error->message);
}

static void
on_text_changed (GtkEditable *editable,
                 LdWinWizard *self)
{
  const LdWizardStep *step = current_step (self);
  const char *text = gtk_editable_get_text (editable);

  if (step == NULL || g_strcmp0 (step->answer, text) == 0)
    return;
  /* Empty means "no answer of mine": the log's answer comes back. */
  ld_wizard_set_answer (self->wizard, step->id, *text ? text : NULL, NULL);
}

static void
on_use_log_answer (GtkButton   *button,
                   LdWinWizard *self)
{
  const LdWizardStep *step = current_step (self);

  if (step == NULL)
    return;
  ld_wizard_set_answer (self->wizard, step->id, NULL, NULL);
  show_page (self, step->id);
}

static void
add_choices (LdWinWizard        *self,
             const LdWizardStep *step)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkCheckButton *group = NULL;
  gboolean answer_is_choice = FALSE;

  for (guint i = 0; i < step->n_choices; i++)
    {
      GtkWidget *check = gtk_check_button_new ();
      g_autofree char *label = NULL;

      /* Mark the log's choice even when the user picked another. */
      if (g_strcmp0 (step->log_answer, step->choices[i].key) == 0)
        label = g_strdup_printf (_("%s  (the log's answer)"), ld_wizard_step_get_choice_label (step, i));
      else
        label = g_strdup (ld_wizard_step_get_choice_label (step, i));
      /* A label that wraps: a long answer, in German above all, widened
       * the window past the screen. */
      gtk_check_button_set_child (GTK_CHECK_BUTTON (check), label_new (label, NULL));
      g_object_set_data_full (G_OBJECT (check), "choice-key", g_strdup (step->choices[i].key), g_free);
      if (group != NULL)
        gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
      else
        group = GTK_CHECK_BUTTON (check);
      if (g_strcmp0 (step->answer, step->choices[i].key) == 0)
        {
          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), TRUE);
          answer_is_choice = TRUE;
        }
      g_signal_connect (check, "toggled", G_CALLBACK (on_choice_toggled), self);
      gtk_box_append (GTK_BOX (box), check);
    }
  if (step->n_choices > 0)
    gtk_box_append (self->page, box);

  /* Step 5 shows what the log says; a field to type in only when the
   * logs found nothing (or the user already wrote something). */
  if (step->free_text && (step->n_choices > 0 || step->log_answer == NULL || step->source == LD_WIZARD_SOURCE_USER))
    {
      GtkWidget *entry = gtk_entry_new ();

      gtk_entry_set_placeholder_text (GTK_ENTRY (entry),
                                      step->n_choices > 0 ? _("Or describe it in your own words")
                                                          : _("What you found, in your own words"));
      if (step->answer != NULL && !answer_is_choice)
        gtk_editable_set_text (GTK_EDITABLE (entry), step->answer);
      gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
      g_signal_connect (entry, "changed", G_CALLBACK (on_text_changed), self);
      gtk_box_append (self->page, entry);
    }

  if (step->source == LD_WIZARD_SOURCE_USER && step->log_answer != NULL &&
      g_strcmp0 (step->log_answer, step->answer) != 0)
    {
      GtkWidget *revert = gtk_button_new_with_mnemonic (_("_Use the log's answer"));

      gtk_widget_set_halign (revert, GTK_ALIGN_START);
      g_signal_connect (revert, "clicked", G_CALLBACK (on_use_log_answer), self);
      gtk_box_append (self->page, revert);
    }
}

/* Network check ---------------------------------------------------------- */

/* One row a result: a ✓ only for a path found open, a warning for one
 * that looks blocked, a question for what says neither (a refusal on a
 * relay port, a private address, an error). */
static void
on_net_result (const LdNetcheckResult *result,
               gpointer                user_data)
{
  LdWinWizard *self = user_data;
  g_autofree char *text = NULL;
  GtkWidget *row, *icon;
  LdNetcheckVerdict verdict;

  if (self->net_results == NULL)
    return;
  text = ld_netcheck_result_dup_text (result);
  verdict = ld_netcheck_result_get_verdict (result);
  row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  icon = gtk_image_new_from_icon_name (verdict == LD_NETCHECK_VERDICT_OPEN ? "emblem-ok-symbolic"
                                       : verdict == LD_NETCHECK_VERDICT_BLOCKED ? "dialog-warning-symbolic"
                                       : "dialog-question-symbolic");
  gtk_widget_add_css_class (icon, verdict == LD_NETCHECK_VERDICT_OPEN ? "success"
                                  : verdict == LD_NETCHECK_VERDICT_BLOCKED ? "error" : "dim-label");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_name (row, ld_netcheck_verdict_to_string (verdict));
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), label_new (text, NULL));
  gtk_box_append (self->net_results, row);
}

static void
on_net_done (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(LdWinWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) results = ld_netcheck_run_finish (res, &error);

  g_clear_object (&self->net_cancellable);
  if (results == NULL)
    {
      /* Cancelled: the window may be closing; nothing to record. */
      if (self->net_spinner != NULL)
        {
          gtk_spinner_stop (GTK_SPINNER (self->net_spinner));
          gtk_widget_set_visible (self->net_cancel, FALSE);
          gtk_widget_set_sensitive (self->net_button, TRUE);
        }
      return;
    }
  ld_wizard_set_network_results (self->wizard, results);
  if (!self->disposed && g_strcmp0 (self->current, LD_WIZARD_STEP_NETWORK) == 0)
    show_page (self, LD_WIZARD_STEP_NETWORK);
}

static void
on_net_cancel (GtkButton   *button,
               LdWinWizard *self)
{
  if (self->net_cancellable != NULL)
    g_cancellable_cancel (self->net_cancellable);
}

static void
on_net_confirmed (GtkDialog   *dialog,
                  int          response,
                  LdWinWizard *self)
{
  g_autoptr(GPtrArray) targets = NULL;
  GtkWidget *child;

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response != GTK_RESPONSE_ACCEPT || self->net_cancellable != NULL || self->net_results == NULL)
    return;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->net_results))) != NULL)
    gtk_box_remove (self->net_results, child);
  targets = ld_wizard_dup_network_targets (self->wizard);
  self->net_cancellable = g_cancellable_new ();
  gtk_widget_set_sensitive (self->net_button, FALSE);
  gtk_widget_set_visible (self->net_cancel, TRUE);
  gtk_spinner_start (GTK_SPINNER (self->net_spinner));
  ld_netcheck_run_async (targets, LD_NETCHECK_DEFAULT_TIMEOUT_MS, on_net_result, self,
                         self->net_cancellable, on_net_done, g_object_ref (self));
}

static void
network_check_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  LdWinWizard *self = LD_WIN_WIZARD (widget);
  g_autoptr(GPtrArray) targets = ld_wizard_dup_network_targets (self->wizard);
  g_autoptr(GString) list = g_string_new (NULL);
  GtkWidget *dialog;

  if (self->net_cancellable != NULL)
    return;
  for (guint i = 0; i < targets->len; i++)
    {
      g_autofree char *label = ld_netcheck_target_dup_label (g_ptr_array_index (targets, i));
      g_string_append_printf (list, "\n• %s", label);
    }
  /* Nothing leaves this computer without the user saying so: the list
   * shows exactly what will be contacted. */
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE, "%s",
                                   _("Run the network check from this computer?"));
  gtk_message_dialog_format_secondary_text (
    GTK_MESSAGE_DIALOG (dialog),
    g_dngettext (GETTEXT_PACKAGE,
                 "LyncDiag will try to connect to %u address taken from the log, waiting at most %u seconds:%s\n\n"
                 "It sends TCP connection attempts and STUN binding requests, nothing else.",
                 "LyncDiag will try to connect to %u addresses taken from the log, waiting at most %u seconds "
                 "each, all at once:%s\n\nIt sends TCP connection attempts and STUN binding requests, nothing else.",
                 targets->len),
    targets->len, LD_NETCHECK_DEFAULT_TIMEOUT_MS / 1000, list->str);
  gtk_dialog_add_buttons (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Run Check"), GTK_RESPONSE_ACCEPT, NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_signal_connect (dialog, "response", G_CALLBACK (on_net_confirmed), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_network_check (LdWinWizard *self)
{
  g_autoptr(GPtrArray) targets = ld_wizard_dup_network_targets (self->wizard);
  GPtrArray *results = ld_wizard_get_network_results (self->wizard);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *results_box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  self->net_button = gtk_button_new_with_mnemonic (_("Run _Network Check…"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->net_button), "wizard.network-check");
  gtk_widget_set_sensitive (self->net_button, targets->len > 0);
  self->net_spinner = gtk_spinner_new ();
  self->net_cancel = gtk_button_new_with_mnemonic (_("_Stop"));
  gtk_widget_set_visible (self->net_cancel, FALSE);
  g_signal_connect (self->net_cancel, "clicked", G_CALLBACK (on_net_cancel), self);
  gtk_box_append (GTK_BOX (bar), self->net_button);
  gtk_box_append (GTK_BOX (bar), self->net_spinner);
  gtk_box_append (GTK_BOX (bar), self->net_cancel);
  if (targets->len == 0)
    gtk_box_append (GTK_BOX (bar), label_new (_("The logs name no address to test."), "dim-label"));
  gtk_box_append (self->page, bar);

  /* A measurement from this computer, said as such: evidence beside the
   * question, never the user's answer. */
  if (results != NULL && results->len > 0)
    {
      g_autofree char *origin = ld_netcheck_results_dup_origin (results);
      g_autofree char *said = g_strdup_printf (_("%s. This is a measurement from this computer's network, not the "
                                                 "answer for the affected user's: answer the question above for "
                                                 "their computer."),
                                               origin);

      gtk_box_append (self->page, label_new (said, "heading"));
    }
  self->net_results = GTK_BOX (results_box);
  gtk_box_append (self->page, results_box);
  for (guint i = 0; results != NULL && i < results->len; i++)
    on_net_result (g_ptr_array_index (results, i), self);
  if (self->net_cancellable != NULL)
    {
      gtk_widget_set_sensitive (self->net_button, FALSE);
      gtk_widget_set_visible (self->net_cancel, TRUE);
      gtk_spinner_start (GTK_SPINNER (self->net_spinner));
    }
}

/* Causes ----------------------------------------------------------------- */

static void
add_causes (LdWinWizard *self)
{
  const LdWizardConclusion *c = ld_wizard_get_conclusion (self->wizard);

  for (guint i = 0; i < c->causes->len; i++)
    {
      const LdWizardCause *cause = g_ptr_array_index (c->causes, i);
      GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *status = gtk_label_new (NULL);
      GtkWidget *frame;
      g_autofree char *markup = NULL;
      const char *colour = cause->status == LD_CAUSE_SUPPORTED ? "#c01c28"
                           : cause->status == LD_CAUSE_CONTRADICTED ? "#26a269" : "#77767b";
      const char *word = cause->status == LD_CAUSE_SUPPORTED ? _("Supported")
                         : cause->status == LD_CAUSE_CONTRADICTED ? _("Contradicted") : _("Unknown");

      markup = g_markup_printf_escaped ("<span background='%s' foreground='white' weight='bold'> %s </span>",
                                        colour, word);
      gtk_label_set_markup (GTK_LABEL (status), markup);
      gtk_box_append (GTK_BOX (head), status);
      gtk_box_append (GTK_BOX (head), label_new (cause->title, "heading"));
      gtk_box_append (GTK_BOX (card), head);
      gtk_box_append (GTK_BOX (card), label_new (cause->reason, NULL));
      if (cause->evidence->len > 0)
        gtk_box_append (GTK_BOX (card), evidence_box_new (self, cause->evidence, 8));
      if (cause->status != LD_CAUSE_CONTRADICTED)
        for (guint k = 0; k < cause->actions->len; k++)
          {
            g_autofree char *line = g_strdup_printf ("→ %s", (char *) g_ptr_array_index (cause->actions, k));
            gtk_box_append (GTK_BOX (card), label_new (line, NULL));
          }
      gtk_widget_set_margin_top (card, 10);
      gtk_widget_set_margin_bottom (card, 10);
      gtk_widget_set_margin_start (card, 12);
      gtk_widget_set_margin_end (card, 12);
      frame = gtk_frame_new (NULL);
      gtk_frame_set_child (GTK_FRAME (frame), card);
      gtk_box_append (self->page, frame);
    }
}

/* Pages ------------------------------------------------------------------ */

static void
update_buttons (LdWinWizard *self)
{
  g_autoptr(GPtrArray) visible = ld_wizard_dup_visible_steps (self->wizard);
  int index = visible_index (visible, self->current);
  g_autofree char *progress = g_strdup_printf (_("Page %d of %u"), index + 1, visible->len);

  gtk_label_set_text (self->progress_label, progress);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", index > 0);
  gtk_button_set_label (self->next_button, index + 1 >= (int) visible->len ? _("_Close") : _("_Next"));
}

static void
show_page (LdWinWizard *self,
           const char  *step_id)
{
  const LdWizardStep *step = ld_wizard_get_step (self->wizard, step_id);
  GtkWidget *child;
  g_autofree char *heading = NULL;
  GtkWidget *w;

  if (step == NULL)
    return;
  g_free (self->current);
  self->current = g_strdup (step->id);
  self->badge = NULL;
  self->text = NULL;
  self->net_results = NULL;
  self->net_button = self->net_spinner = self->net_cancel = NULL;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->page))) != NULL)
    gtk_box_remove (self->page, child);

  heading = g_strdup_printf (_("Step %s · %s"), step->number, step->title);
  gtk_box_append (self->page, label_new (heading, "title-2"));

  if (step->question != NULL)
    {
      GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *question = label_new (step->question, "title-4");

      gtk_widget_set_hexpand (question, TRUE);
      gtk_box_append (GTK_BOX (row), question);
      w = gtk_label_new (NULL);
      gtk_widget_set_valign (w, GTK_ALIGN_START);
      self->badge = GTK_LABEL (w);
      update_badge (self, step);
      gtk_box_append (GTK_BOX (row), w);
      gtk_box_append (self->page, row);
    }

  if (g_strcmp0 (step->id, LD_WIZARD_STEP_CAUSES) != 0 && g_strcmp0 (step->id, LD_WIZARD_STEP_RESULT) != 0)
    add_choices (self, step);
  if (g_strcmp0 (step->id, LD_WIZARD_STEP_EXAMINE) == 0 && step->answer != NULL &&
      step->source == LD_WIZARD_SOURCE_LOG)
    {
      g_autofree char *found = g_strdup_printf (_("Found in the log: %s"), step->answer);
      gtk_box_append (self->page, label_new (found, "heading"));
    }

  /* The causes carry their own evidence on their cards. */
  if (step->evidence->len > 0 && g_strcmp0 (step->id, LD_WIZARD_STEP_CAUSES) != 0 &&
      g_strcmp0 (step->id, LD_WIZARD_STEP_RESULT) != 0)
    {
      gtk_box_append (self->page, label_new (_("Evidence (click to see the line)"), "heading"));
      gtk_box_append (self->page, evidence_box_new (self, step->evidence, 12));
    }

  if (g_strcmp0 (step->id, LD_WIZARD_STEP_NETWORK) == 0)
    add_network_check (self);

  if (g_strcmp0 (step->id, LD_WIZARD_STEP_CAUSES) == 0)
    {
      gtk_box_append (self->page, label_new (_("This issue usually occurs because one or more of these are true. "
                                               "Each is marked by what the logs and your answers show."), NULL));
      add_causes (self);
    }
  else
    {
      w = label_new (NULL, NULL);
      ld_win_label_set_log_text (GTK_LABEL (w), step->text);
      ld_win_label_set_quiet_selectable (GTK_LABEL (w));
      self->text = GTK_LABEL (w);
      /* The decoded headers are indented columns: keep them aligned. */
      if (g_strcmp0 (step->id, LD_WIZARD_STEP_EXAMINE) == 0)
        gtk_widget_add_css_class (w, "monospace");
      gtk_box_append (self->page, w);
    }

  /* Each page starts at its top, whatever the previous one scrolled to. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->page_scroller), 0);
  rebuild_sidebar (self);
  update_buttons (self);
  /* A selectable label grabs the focus and selects its text; keep the
   * focus on the first answer, or on Next. */
  gtk_widget_grab_focus (GTK_WIDGET (self->next_button));
}

static void
on_wizard_changed (LdWizard    *wizard,
                   LdWinWizard *self)
{
  const LdWizardStep *step = current_step (self);

  /* The page is not rebuilt while the user types; only what depends on
   * the answer follows it. */
  if (step == NULL)
    return;
  update_badge (self, step);
  if (self->text != NULL && g_strcmp0 (gtk_label_get_text (self->text), step->text) != 0)
    ld_win_label_set_log_text (self->text, step->text);
  rebuild_sidebar (self);
  update_buttons (self);
}

static void
go (LdWinWizard *self,
    int          delta)
{
  g_autoptr(GPtrArray) visible = ld_wizard_dup_visible_steps (self->wizard);
  int index = visible_index (visible, self->current);
  int next = index + delta;

  if (index < 0)
    next = 0;
  if (next >= (int) visible->len)
    {
      if (delta > 0)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (next < 0)
    return;
  show_page (self, ((LdWizardStep *) g_ptr_array_index (visible, next))->id);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go (LD_WIN_WIZARD (widget), +1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  go (LD_WIN_WIZARD (widget), -1);
}

/* GObject ---------------------------------------------------------------- */

static void
ld_win_wizard_dispose (GObject *object)
{
  LdWinWizard *self = LD_WIN_WIZARD (object);

  /* A check still running reports into nothing from now on. */
  self->disposed = TRUE;
  self->badge = self->text = NULL;
  self->net_results = NULL;
  self->net_button = self->net_spinner = self->net_cancel = NULL;
  if (self->net_cancellable != NULL)
    g_cancellable_cancel (self->net_cancellable);
  if (self->wizard != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, self->wizard);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_TYPE_WIN_WIZARD);
  G_OBJECT_CLASS (ld_win_wizard_parent_class)->dispose (object);
}

static void
ld_win_wizard_finalize (GObject *object)
{
  LdWinWizard *self = LD_WIN_WIZARD (object);

  g_clear_object (&self->wizard);
  g_clear_object (&self->analysis);
  g_clear_object (&self->net_cancellable);
  g_free (self->current);
  G_OBJECT_CLASS (ld_win_wizard_parent_class)->finalize (object);
}

static void
ld_win_wizard_class_init (LdWinWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_wizard_dispose;
  object_class->finalize = ld_win_wizard_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinWizard, step_list);
  gtk_widget_class_bind_template_child (widget_class, LdWinWizard, page_scroller);
  gtk_widget_class_bind_template_child (widget_class, LdWinWizard, page);
  gtk_widget_class_bind_template_child (widget_class, LdWinWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinWizard, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_step_selected);

  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.network-check", NULL, network_check_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "wizard.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "wizard.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
ld_win_wizard_init (LdWinWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Enter goes to the next page unless the focused widget uses it. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->next_button));
}

/* 960×680, or less on a smaller screen: the pages wrap to what they get. */
static void
fit_to_screen (LdWinWizard *self)
{
  GListModel *monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  g_autoptr(GdkMonitor) monitor = g_list_model_get_n_items (monitors) > 0 ? g_list_model_get_item (monitors, 0) : NULL;
  GdkRectangle area = { 0, 0, 960, 680 };

  if (monitor != NULL)
    gdk_monitor_get_geometry (monitor, &area);
  gtk_window_set_default_size (GTK_WINDOW (self), MIN (960, area.width), MIN (680, area.height));
}

/**
 * ld_win_wizard_new:
 * @parent: (nullable): the document window
 * @analysis: (nullable): the document's analysis; %NULL walks the steps
 *   without logs
 *
 * Returns: (transfer none): a new wizard window, not yet shown.
 */
LdWinWizard *
ld_win_wizard_new (GtkWindow  *parent,
                   LdAnalysis *analysis)
{
  LdWinWizard *self = g_object_new (LD_TYPE_WIN_WIZARD, NULL);

  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (self), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (self), TRUE);
      if (gtk_window_get_application (parent) != NULL)
        gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));
    }
  fit_to_screen (self);
  self->analysis = analysis ? g_object_ref (analysis) : NULL;
  self->wizard = analysis ? g_object_ref (ld_wizard_ensure_for_analysis (analysis)) : ld_wizard_new (NULL);
  self->changed_id = g_signal_connect (self->wizard, "changed", G_CALLBACK (on_wizard_changed), self);
  show_page (self, LD_WIZARD_STEP_SYMPTOM);
  return self;
}

static void
forget_window (GObject   *parent,
               GtkWidget *window)
{
  if (g_object_get_data (parent, "ld-win-wizard") == window)
    g_object_set_data (parent, "ld-win-wizard", NULL);
}

/**
 * ld_win_wizard_open:
 * @parent: the document window (win.wizard)
 * @analysis: (nullable): its analysis
 *
 * Shows the wizard of this document, reusing its window when one is open.
 */
void
ld_win_wizard_open (GtkWindow  *parent,
                    LdAnalysis *analysis)
{
  LdWinWizard *self = parent ? g_object_get_data (G_OBJECT (parent), "ld-win-wizard") : NULL;

  if (self != NULL && self->analysis == analysis)
    {
      gtk_window_present (GTK_WINDOW (self));
      return;
    }
  if (self != NULL)
    gtk_window_destroy (GTK_WINDOW (self));
  self = ld_win_wizard_new (parent, analysis);
  if (parent != NULL)
    {
      g_object_set_data (G_OBJECT (parent), "ld-win-wizard", self);
      g_signal_connect_object (self, "destroy", G_CALLBACK (forget_window), parent, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self));
}

LdWizard *
ld_win_wizard_get_wizard (LdWinWizard *self)
{
  g_return_val_if_fail (LD_IS_WIN_WIZARD (self), NULL);
  return self->wizard;
}

const char *
ld_win_wizard_get_current_step (LdWinWizard *self)
{
  g_return_val_if_fail (LD_IS_WIN_WIZARD (self), NULL);
  return self->current;
}

void
ld_win_wizard_show_step (LdWinWizard *self,
                         const char  *step_id)
{
  g_return_if_fail (LD_IS_WIN_WIZARD (self));
  show_page (self, step_id);
}
