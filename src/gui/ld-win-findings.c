/* ld-win-findings.c - all findings by severity; activating one shows its attempt and evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-findings"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-attempt-view.h"
#include "ld-win-findings.h"
#include "ld-win-row.h"
#include "ld-win-text.h"

struct _LdWinFindings
{
  GtkWidget   parent_instance;

  GtkStack    *stack;
  GtkListView *list_view;

  LdAnalysis  *analysis;
  GListStore  *store;
  GtkSelectionModel *selection;
};

G_DEFINE_FINAL_TYPE (LdWinFindings, ld_win_findings, GTK_TYPE_WIDGET)

enum {
  FINDING_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
on_activate (GtkListView   *view,
             guint          position,
             LdWinFindings *self)
{
  g_autoptr(LdWinRow) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

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
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  g_object_set_data (G_OBJECT (card), name, label);
  gtk_box_append (GTK_BOX (card), label);
  return label;
}

/* A list view, not a list box: a week of logs holds hundreds of findings
 * and only the visible cards are built. */
static void
setup_item (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            LdWinFindings            *self)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "finding");
  gtk_widget_set_margin_start (card, 18);
  gtk_widget_set_margin_end (card, 18);
  gtk_widget_set_margin_top (card, 6);
  gtk_widget_set_margin_bottom (card, 6);
  card_label (card, "title", "finding-title");
  card_label (card, "detail", NULL);
  card_label (card, "actions", "finding-action");
  card_label (card, "where", "dim-label");
  {
    GtkWidget *show = gtk_button_new ();

    gtk_widget_add_css_class (show, "flat");
    gtk_widget_set_halign (show, GTK_ALIGN_START);
    g_signal_connect (show, "clicked", G_CALLBACK (on_show_clicked), self);
    g_object_set_data (G_OBJECT (card), "show", show);
    gtk_box_append (GTK_BOX (card), show);
  }
  gtk_list_item_set_child (item, card);
}

static void
bind_item (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           LdWinFindings            *self)
{
  const LdFinding *finding = ld_win_row_get_data (gtk_list_item_get_item (item));
  GtkWidget *card = gtk_list_item_get_child (item);
  GPtrArray *inputs = ld_analysis_get_inputs (self->analysis);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) actions = g_string_new (NULL);
  g_autofree char *esc = g_markup_escape_text (finding->title, -1);
  g_autofree char *title = NULL;
  static const char *classes[] = { "error", "warning", "info" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (card, classes[i]);
  gtk_widget_add_css_class (card, finding->severity == LD_SEVERITY_ERROR ? "error"
                                  : finding->severity == LD_SEVERITY_WARNING ? "warning" : "info");

  title = g_strdup_printf ("<b>%s</b>  <small>%s · %s</small>", esc,
                           ld_severity_get_label (finding->severity),
                           ld_confidence_get_label (finding->confidence));
  gtk_label_set_markup (g_object_get_data (G_OBJECT (card), "title"), title);
  ld_win_label_set_log_text (g_object_get_data (G_OBJECT (card), "detail"), finding->detail ? finding->detail : "");
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "detail"), finding->detail != NULL);

  for (guint i = 0; finding->actions != NULL && i < finding->actions->len; i++)
    g_string_append_printf (actions, "%s→ %s", i > 0 ? "\n" : "",
                            (const char *) g_ptr_array_index (finding->actions, i));
  ld_win_label_set_log_text (g_object_get_data (G_OBJECT (card), "actions"), actions->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "actions"), actions->len > 0);

  for (guint i = 0; finding->evidence != NULL && i < finding->evidence->len && i < 3; i++)
    {
      const LdEvidence *ev = &g_array_index (finding->evidence, LdEvidence, i);
      const LdInput *input = ev->input < inputs->len ? g_ptr_array_index (inputs, ev->input) : NULL;
      g_autofree char *name = g_path_get_basename (input ? ld_input_get_display_name (input) : "?");

      if (where->len > 0)
        g_string_append (where, "   ");
      if (ev->attempt != 0)
        g_string_append_printf (where, _("Attempt %u, %s line %llu"), ev->attempt, name, (unsigned long long) ev->line);
      else
        g_string_append_printf (where, _("%s line %llu"), name, (unsigned long long) ev->line);
    }
  gtk_label_set_text (g_object_get_data (G_OBJECT (card), "where"), where->str);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (card), "where"), where->len > 0);
  {
    GtkWidget *show = g_object_get_data (G_OBJECT (card), "show");
    gboolean in_attempt = finding->evidence != NULL && finding->evidence->len > 0 &&
                          g_array_index (finding->evidence, LdEvidence, 0).attempt != 0;

    g_object_set_data (G_OBJECT (show), "ld-finding", (gpointer) finding);
    gtk_button_set_label (GTK_BUTTON (show), in_attempt ? _("Show the Attempt and Its Message") : _("Show the Message"));
    gtk_widget_set_visible (show, finding->evidence != NULL && finding->evidence->len > 0);
  }
}

static void
ld_win_findings_dispose (GObject *object)
{
  LdWinFindings *self = LD_WIN_FINDINGS (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_FINDINGS);
  /* GTK 4.8 leaves the template's unnamed top child in place. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
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

  signals[FINDING_ACTIVATED] =
    g_signal_new ("finding-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-findings.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinFindings, stack);
  gtk_widget_class_bind_template_child (widget_class, LdWinFindings, list_view);
  gtk_widget_class_bind_template_callback (widget_class, on_activate);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ld_win_findings_init (LdWinFindings *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  self->store = g_list_store_new (LD_WIN_TYPE_ROW);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  self->selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->store))));
}

/* g_ptr_array_sort_with_data() hands pointers to the elements. */
static int
compare_findings (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LdFinding *fa = ld_win_row_get_data (*(LdWinRow **) a);
  const LdFinding *fb = ld_win_row_get_data (*(LdWinRow **) b);

  if (fa->severity != fb->severity)
    return (int) fa->severity - (int) fb->severity;
  if (fa->time != fb->time)
    return fa->time < fb->time ? -1 : 1;
  return 0;
}

void
ld_win_findings_set_analysis (LdWinFindings *self,
                              LdAnalysis    *analysis)
{
  GPtrArray *findings;

  g_return_if_fail (LD_WIN_IS_FINDINGS (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_list_view_set_model (self->list_view, NULL);
  g_list_store_remove_all (self->store);
  g_set_object (&self->analysis, analysis);
  findings = analysis ? ld_analysis_get_findings (analysis) : NULL;
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; findings != NULL && i < findings->len; i++)
      g_ptr_array_add (rows, ld_win_row_new (g_ptr_array_index (findings, i), i));
    g_ptr_array_sort_with_data (rows, compare_findings, NULL);
    g_list_store_splice (self->store, 0, 0, rows->pdata, rows->len);
  }
  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->store)) > 0 ? "list" : "empty");
}

guint
ld_win_findings_get_n_items (LdWinFindings *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->store));
}
