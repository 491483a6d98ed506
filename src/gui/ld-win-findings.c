/* ld-win-findings.c - the grouped findings: one card per cause, with the attempts it covers
 *
 * Each finding is one cause (and, where it changes what to do, one
 * detail: a relay, a domain) with every attempt it explains, as the
 * findings engine grouped them. A card says how sure it is, which
 * attempts (each a link), what it means, what to do and where it shows;
 * its text is selectable, Copy for Ticket copies it as text, and the
 * severity buttons above hide what the reader does not need now.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-findings"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n.h>

#include "ld-win-copy.h"
#include "ld-win-findings.h"
#include "ld-win-row.h"
#include "ld-win-text.h"
#include "ld-win-ticket.h"

/* Links to the attempts a card covers; the count says the rest. */
#define MAX_ATTEMPT_LINKS 30
#define MAX_EVIDENCE      3

struct _LdWinFindings
{
  GtkWidget          parent_instance;

  GtkStack          *stack;
  GtkListView       *list_view;
  GtkToggleButton   *severity_buttons[3];   /* by LdSeverity */
  GtkLabel          *count_label;

  LdAnalysis        *analysis;
  GListStore        *store;
  GtkCustomFilter   *filter;
  GtkFilterListModel *filtered;
  GtkSelectionModel *selection;
};

G_DEFINE_FINAL_TYPE (LdWinFindings, ld_win_findings, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  ATTEMPT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_activate (GtkListView   *view,
             guint          position,
             LdWinFindings *self)
{
  g_autoptr(LdWinRow) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, ld_win_row_get_data (item));
}

static void
on_show_clicked (GtkButton     *button,
                 LdWinFindings *self)
{
  const LdFinding *finding = g_object_get_data (G_OBJECT (button), "ld-finding");

  if (finding != NULL)
    g_signal_emit (self, signals[FINDING_ACTIVATED], 0, finding);
}

static void
on_copy_clicked (GtkButton     *button,
                 LdWinFindings *self)
{
  const LdFinding *finding = g_object_get_data (G_OBJECT (button), "ld-finding");
  g_autofree char *text = NULL;

  if (finding == NULL)
    return;
  text = ld_win_ticket_dup_finding (self->analysis, finding);
  ld_win_copy_text (GTK_WIDGET (self), text);
}

/* "attempt:3" in a card's list of attempts. */
static gboolean
on_activate_link (GtkLabel      *label,
                  const char    *uri,
                  LdWinFindings *self)
{
  guint64 id = 0;

  if (!g_str_has_prefix (uri, "attempt:") ||
      !g_ascii_string_to_unsigned (uri + strlen ("attempt:"), 10, 1, G_MAXUINT, &id, NULL))
    return FALSE;
  g_signal_emit (self, signals[ATTEMPT_ACTIVATED], 0, (guint) id);
  return TRUE;
}

static GtkWidget *
card_label (GtkWidget  *card,
            const char *name,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  ld_win_label_set_quiet_selectable (GTK_LABEL (label));
  ld_win_label_no_hyphens (GTK_LABEL (label));
  ld_win_label_set_paragraph (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (card), name, label);
  gtk_box_append (GTK_BOX (card), label);
  return label;
}

static GtkWidget *
card_button (GtkWidget     *row,
             GtkWidget     *card,
             const char    *name,
             const char    *label,
             GCallback      callback,
             LdWinFindings *self)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  g_signal_connect (button, "clicked", callback, self);
  g_object_set_data (G_OBJECT (card), name, button);
  gtk_box_append (GTK_BOX (row), button);
  return button;
}

/* A list view, not a list box: a week of logs holds hundreds of findings
 * and only the visible cards are built. */
static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            LdWinFindings            *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *attempts;

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "finding");
  gtk_widget_set_margin_start (card, 12);
  gtk_widget_set_margin_end (card, 12);
  gtk_widget_set_margin_top (card, 6);
  gtk_widget_set_margin_bottom (card, 6);
  card_label (card, "title", "finding-title");
  attempts = card_label (card, "attempts", NULL);
  g_signal_connect (attempts, "activate-link", G_CALLBACK (on_activate_link), self);
  /* What to do right under the cause and where it was seen, before the
   * explanation, which can be long: at 800x600 it is on screen. */
  card_label (card, "actions", "finding-action");
  card_label (card, "detail", NULL);
  card_label (card, "evidence", "monospace");
  gtk_widget_set_margin_top (buttons, 4);
  card_button (buttons, card, "show", "", G_CALLBACK (on_show_clicked), self);
  card_button (buttons, card, "copy", _("Copy for _Ticket"), G_CALLBACK (on_copy_clicked), self);
  gtk_box_append (GTK_BOX (card), buttons);
  gtk_list_item_set_child (item, card);
}

static char *
attempts_markup (const LdFinding *finding)
{
  GString *links = g_string_new (NULL);
  guint n = finding->attempts != NULL ? finding->attempts->len : 0;
  g_autofree char *list = NULL;

  for (guint i = 0; i < n && i < MAX_ATTEMPT_LINKS; i++)
    {
      guint id = g_array_index (finding->attempts, guint, i);

      g_string_append_printf (links, "%s<a href=\"attempt:%u\">%u</a>", i > 0 ? ", " : "", id, id);
    }
  if (n > MAX_ATTEMPT_LINKS)
    g_string_append_printf (links, " …");
  list = g_string_free (links, FALSE);
  return g_strdup_printf (ngettext ("<b>Seen in %u attempt:</b> %s", "<b>Seen in %u attempts:</b> %s", n), n, list);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           LdWinFindings            *self)
{
  const LdFinding *finding = ld_win_row_get_data (gtk_list_item_get_item (item));
  GtkWidget *card = gtk_list_item_get_child (item);
  g_autoptr(GString) evidence = g_string_new (NULL);
  g_autoptr(GString) actions = g_string_new (NULL);
  g_autofree char *esc = g_markup_escape_text (finding->title, -1);
  g_autofree char *title = NULL;
  static const char *classes[] = { "error", "warning", "info" };
  GtkWidget *show = g_object_get_data (G_OBJECT (card), "show");
  gboolean in_attempt;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (card, classes[i]);
  gtk_widget_add_css_class (card, finding->severity == LD_SEVERITY_ERROR ? "error"
                                  : finding->severity == LD_SEVERITY_WARNING ? "warning" : "info");

  title = g_strdup_printf (_("<b>%s</b>  <small>%s · %s confidence</small>"), esc,
                           ld_severity_get_label (finding->severity),
                           ld_confidence_get_label (finding->confidence));
  ld_win_label_set_log_markup (g_object_get_data (G_OBJECT (card), "title"), title);

  if (finding->attempts != NULL && finding->attempts->len > 0)
    {
      g_autofree char *markup = attempts_markup (finding);

      ld_win_label_set_log_markup (g_object_get_data (G_OBJECT (card), "attempts"), markup);
    }
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "attempts"),
                          finding->attempts != NULL && finding->attempts->len > 0);

  ld_win_label_set_log_text (g_object_get_data (G_OBJECT (card), "detail"), finding->detail ? finding->detail : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "detail"), finding->detail != NULL);

  for (guint i = 0; finding->actions != NULL && i < finding->actions->len; i++)
    g_string_append_printf (actions, "%s→ %s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (finding->actions, i));
  ld_win_label_set_log_text (g_object_get_data (G_OBJECT (card), "actions"), actions->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "actions"), actions->len > 0);

  for (guint i = 0; finding->evidence != NULL && i < finding->evidence->len && i < MAX_EVIDENCE; i++)
    {
      const LdEvidence *ev = &g_array_index (finding->evidence, LdEvidence, i);
      g_autofree char *where = ld_evidence_dup_location (self->analysis, ev);

      if (evidence->len > 0)
        g_string_append_c (evidence, '\n');
      if (ev->excerpt != NULL)
        g_string_append_printf (evidence, "%s: %s", where, ev->excerpt);
      else
        g_string_append (evidence, where);
    }
  ld_win_label_set_log_text (g_object_get_data (G_OBJECT (card), "evidence"), evidence->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "evidence"), evidence->len > 0);

  in_attempt = finding->evidence != NULL && finding->evidence->len > 0 &&
               g_array_index (finding->evidence, LdEvidence, 0).attempt != 0;
  g_object_set_data (G_OBJECT (show), "ld-finding", (gpointer) finding);
  gtk_button_set_label (GTK_BUTTON (show), in_attempt ? _("_Show the Attempt and Its Message") : _("_Show the Message"));
  gtk_button_set_use_underline (GTK_BUTTON (show), TRUE);
  gtk_widget_set_visible (show, finding->evidence != NULL && finding->evidence->len > 0);
  g_object_set_data (G_OBJECT (g_object_get_data (G_OBJECT (card), "copy")), "ld-finding", (gpointer) finding);
}

/* Severity filter ------------------------------------------------------------ */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  LdWinFindings *self = user_data;
  const LdFinding *finding = ld_win_row_get_data (item);

  return (guint) finding->severity < G_N_ELEMENTS (self->severity_buttons) &&
         gtk_toggle_button_get_active (self->severity_buttons[finding->severity]);
}

static void
update_count (LdWinFindings *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  g_autofree char *text = g_strdup_printf (ngettext ("%u of %u finding", "%u of %u findings", total), shown, total);

  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->stack, total == 0 ? "empty" : shown == 0 ? "filtered" : "list");
}

static void
on_severity_toggled (GtkToggleButton *button,
                     LdWinFindings   *self)
{
  gtk_filter_changed (GTK_FILTER (self->filter), gtk_toggle_button_get_active (button)
                                                 ? GTK_FILTER_CHANGE_LESS_STRICT : GTK_FILTER_CHANGE_MORE_STRICT);
  update_count (self);
}

static void
update_severity_buttons (LdWinFindings *self)
{
  guint counts[3] = { 0, 0, 0 };
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdWinRow) row = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const LdFinding *finding = ld_win_row_get_data (row);

      if ((guint) finding->severity < G_N_ELEMENTS (counts))
        counts[finding->severity]++;
    }
  for (guint s = 0; s < G_N_ELEMENTS (counts); s++)
    {
      g_autofree char *label = NULL;

      switch (s)
        {
        case LD_SEVERITY_ERROR:
          label = g_strdup_printf (_("_Errors (%u)"), counts[s]);
          break;
        case LD_SEVERITY_WARNING:
          label = g_strdup_printf (_("_Warnings (%u)"), counts[s]);
          break;
        default:
          label = g_strdup_printf (_("_Information (%u)"), counts[s]);
          break;
        }
      gtk_button_set_label (GTK_BUTTON (self->severity_buttons[s]), label);
      gtk_button_set_use_underline (GTK_BUTTON (self->severity_buttons[s]), TRUE);
    }
}

/* GObject ----------------------------------------------------------------------- */

static void
ld_win_findings_dispose (GObject *object)
{
  LdWinFindings *self = LD_WIN_FINDINGS (object);

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_FINDINGS);
  /* GTK 4.8 leaves the template's unnamed top child in place. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->store);
  g_clear_object (&self->analysis);
  G_OBJECT_CLASS (ld_win_findings_parent_class)->dispose (object);
}

/* The list gets its model once it is on screen: GtkListView (GTK 4.8)
 * makes up to 200 cards as soon as its model has items, shown or not, and
 * a large log has hundreds of findings. */
static void
ld_win_findings_map (GtkWidget *widget)
{
  LdWinFindings *self = LD_WIN_FINDINGS (widget);

  if (gtk_list_view_get_model (self->list_view) == NULL)
    gtk_list_view_set_model (self->list_view, self->selection);
  GTK_WIDGET_CLASS (ld_win_findings_parent_class)->map (widget);
}

static void
ld_win_findings_class_init (LdWinFindingsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_findings_dispose;
  widget_class->map = ld_win_findings_map;

  /* (const LdFinding *): show its first evidence */
  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* (guint id): a link to one of the attempts a card covers */
  signals[ATTEMPT_ACTIVATED] =
    g_signal_new ("attempt-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-findings.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinFindings, stack);
  gtk_widget_class_bind_template_child (widget_class, LdWinFindings, list_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinFindings, count_label);
  gtk_widget_class_bind_template_child_full (widget_class, "errors_button", FALSE,
                                             G_STRUCT_OFFSET (LdWinFindings, severity_buttons[LD_SEVERITY_ERROR]));
  gtk_widget_class_bind_template_child_full (widget_class, "warnings_button", FALSE,
                                             G_STRUCT_OFFSET (LdWinFindings, severity_buttons[LD_SEVERITY_WARNING]));
  gtk_widget_class_bind_template_child_full (widget_class, "info_button", FALSE,
                                             G_STRUCT_OFFSET (LdWinFindings, severity_buttons[LD_SEVERITY_INFO]));
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_severity_toggled);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ld_win_findings_init (LdWinFindings *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->store = g_list_store_new (LD_WIN_TYPE_ROW);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)), GTK_FILTER (self->filter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->filtered))));
}

void
ld_win_findings_set_analysis (LdWinFindings *self,
                              LdAnalysis    *analysis)
{
  GPtrArray *findings;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (LD_WIN_IS_FINDINGS (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_list_view_set_model (self->list_view, NULL);
  g_list_store_remove_all (self->store);
  g_set_object (&self->analysis, analysis);
  findings = analysis ? ld_analysis_get_findings (analysis) : NULL;
  /* In the findings engine's order: by severity, then confidence, then
   * how many attempts each explains. */
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    g_ptr_array_add (rows, ld_win_row_new (g_ptr_array_index (findings, i), i));
  g_list_store_splice (self->store, 0, 0, rows->pdata, rows->len);
  update_severity_buttons (self);
  update_count (self);
}

guint
ld_win_findings_get_n_items (LdWinFindings *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}

/* For tests: the findings shown, after the severity filter */
guint
ld_win_findings_get_n_shown (LdWinFindings *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
}

/* For tests: a severity button (by LdSeverity) */
GtkToggleButton *
ld_win_findings_get_severity_button (LdWinFindings *self,
                                     LdSeverity     severity)
{
  g_return_val_if_fail ((guint) severity < G_N_ELEMENTS (self->severity_buttons), NULL);
  return self->severity_buttons[severity];
}
