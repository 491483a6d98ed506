/* ld-win-attempt-view.c - one attempt: facts, decoded diagnostics, findings, call flow, raw message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-attempt-view"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-attempt-view.h"
#include "ld-win-flow.h"
#include "ld-win-text.h"
#include "ld-win-verdict.h"

/* A call can carry thousands of diagnostic headers (a client that wrote
 * one per retry); the first ones say what there is to say, and each is
 * laid out on the main thread. */
#define MAX_DIAGNOSTICS_SHOWN 40
/* And as many findings, one card a frame: the Findings page lists all. */
#define MAX_CARDS_SHOWN 12

struct _LdWinAttemptView
{
  GtkWidget        parent_instance;

  GtkScrolledWindow *scroller;
  GtkBox          *sections;
  LdWinVerdict    *verdict;
  GtkLabel        *outcome_label;
  GtkLabel        *title_label;
  GtkLabel        *facts_label;
  GtkWidget       *findings_heading;
  GtkBox          *findings_box;
  GtkWidget       *diagnostics_heading;
  GtkLabel        *diagnostics_label;
  GtkWidget       *info_heading;
  GtkLabel        *info_label;
  LdWinFlow       *flow;
  GtkStack        *pages;

  LdAnalysis      *analysis;
  const LdAttempt *attempt;

  /* What set_attempt() leaves to the next frames (see add_pending()) */
  guint            pending_tick_id;
  guint            next_card;       /* first finding of the attempt without its card */
  int              pending_message; /* message to open once the cards are in, or -1 */
  gint64           pending_frame;   /* frame in which the attempt was set */
};

G_DEFINE_FINAL_TYPE (LdWinAttemptView, ld_win_attempt_view, GTK_TYPE_WIDGET)

static void
ld_win_attempt_view_dispose (GObject *object)
{
  LdWinAttemptView *self = LD_WIN_ATTEMPT_VIEW (object);

  if (self->pending_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
  self->pending_tick_id = 0;
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_ATTEMPT_VIEW);
  /* GTK 4.8 leaves the template's unnamed top child in place. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->analysis);
  G_OBJECT_CLASS (ld_win_attempt_view_parent_class)->dispose (object);
}

static void
ld_win_attempt_view_class_init (LdWinAttemptViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_attempt_view_dispose;

  g_type_ensure (LD_WIN_TYPE_FLOW);
  g_type_ensure (LD_WIN_TYPE_VERDICT);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-attempt-view.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, scroller);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, sections);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, verdict);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, title_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, facts_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, findings_heading);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, findings_box);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, diagnostics_heading);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, diagnostics_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, info_heading);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, info_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, flow);
  gtk_widget_class_bind_template_child (widget_class, LdWinAttemptView, pages);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "attemptview");
}

static void
ld_win_attempt_view_init (LdWinAttemptView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ld_win_label_set_quiet_selectable (self->facts_label);
  ld_win_label_set_quiet_selectable (self->diagnostics_label);
  ld_win_label_set_quiet_selectable (self->info_label);
  ld_win_label_set_paragraph (self->facts_label);
  ld_win_label_set_paragraph (self->diagnostics_label);
  ld_win_label_set_paragraph (self->info_label);
  ld_win_label_no_hyphens (self->title_label);
}

static void
clear_box (GtkBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_box_remove (box, child);
}

static GtkWidget *
make_label (const char *text,
            const char *css_class,
            gboolean    markup)
{
  GtkWidget *label = gtk_label_new (NULL);

  if (markup)
    gtk_label_set_markup (GTK_LABEL (label), text);
  else
    {
      g_autofree char *capped = ld_win_text_dup_capped (text, LD_WIN_TEXT_MAX_LINE, LD_WIN_TEXT_MAX_TOTAL, NULL);

      gtk_label_set_text (GTK_LABEL (label), capped);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  ld_win_label_set_quiet_selectable (GTK_LABEL (label));
  ld_win_label_no_hyphens (GTK_LABEL (label));
  ld_win_label_set_paragraph (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* A finding as a card: severity and title, what it means, what to do. */
GtkWidget *
ld_win_finding_card_new (LdAnalysis      *analysis,
                         const LdFinding *finding)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  g_autofree char *title = NULL;
  g_autofree char *esc = g_markup_escape_text (finding->title, -1);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "finding");
  gtk_widget_add_css_class (card, finding->severity == LD_SEVERITY_ERROR ? "error"
                                  : finding->severity == LD_SEVERITY_WARNING ? "warning" : "info");
  title = g_strdup_printf ("<b>%s</b>  <small>%s · %s</small>", esc,
                           ld_severity_get_label (finding->severity),
                           ld_confidence_get_label (finding->confidence));
  gtk_box_append (GTK_BOX (card), make_label (title, "finding-title", TRUE));
  if (finding->detail != NULL)
    gtk_box_append (GTK_BOX (card), make_label (finding->detail, NULL, FALSE));
  for (guint i = 0; finding->actions != NULL && i < finding->actions->len; i++)
    {
      g_autofree char *action = g_strdup_printf ("→ %s", (const char *) g_ptr_array_index (finding->actions, i));
      gtk_box_append (GTK_BOX (card), make_label (action, "finding-action", FALSE));
    }
  return card;
}

/* A finding card is a few wrapped paragraphs, and laying one out for the
 * first time takes GTK a good part of a frame: an attempt with four
 * findings, shown at once, held the window for a tenth of a second. So
 * one card goes in per frame, then the message of the call flow. Returns
 * TRUE while more is left. */
static gboolean
add_pending (LdWinAttemptView *self)
{
  if (self->attempt == NULL)
    return FALSE;
  if (self->next_card < MIN (self->attempt->findings->len, MAX_CARDS_SHOWN))
    {
      gtk_box_append (self->findings_box,
                      ld_win_finding_card_new (self->analysis,
                                               g_ptr_array_index (self->attempt->findings, self->next_card++)));
      return TRUE;
    }
  if (self->next_card == MAX_CARDS_SHOWN && self->attempt->findings->len > MAX_CARDS_SHOWN)
    {
      guint more = self->attempt->findings->len - MAX_CARDS_SHOWN;
      g_autofree char *text = g_strdup_printf (ngettext ("… and %u more finding about this attempt on the Findings page.",
                                                         "… and %u more findings about this attempt on the Findings page.",
                                                         more), more);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (self->findings_box, label);
      self->next_card++;
      return TRUE;
    }
  if (self->pending_message >= 0)
    ld_win_attempt_view_select_message (self, self->pending_message);
  return FALSE;
}

static gboolean
add_pending_tick (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  LdWinAttemptView *self = LD_WIN_ATTEMPT_VIEW (widget);

  /* The next frame lays out the attempt's facts and diagnostics; the one
   * after is left to what changed with them (the attempts list's first
   * rows, after loading). */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->pending_frame + 2)
    return G_SOURCE_CONTINUE;
  if (add_pending (self))
    return G_SOURCE_CONTINUE;
  self->pending_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/**
 * ld_win_attempt_view_is_filling:
 * @self: an attempt view
 *
 * Returns: %TRUE while the cards and message of the attempt just set are
 *   still being added, one a frame
 */
gboolean
ld_win_attempt_view_is_filling (LdWinAttemptView *self)
{
  g_return_val_if_fail (LD_WIN_IS_ATTEMPT_VIEW (self), FALSE);
  return self->pending_tick_id != 0;
}

/* Decoded diagnostics, those that report a failure first: the
 * informational ones (51004 "action initiated by user", 51007 "callee
 * media connectivity diagnosis info") say what happened, not what failed. */
static void
set_diagnostics (LdWinAttemptView *self,
                 const LdAttempt  *attempt)
{
  g_autoptr(GString) failures = g_string_new (NULL);
  g_autoptr(GString) info = g_string_new (NULL);
  guint n_failures = 0, n_info = 0;

  for (guint i = 0; i < attempt->diagnostics->len; i++)
    {
      const LdDiagnostic *diag = g_ptr_array_index (attempt->diagnostics, i);
      /* Unknown codes stay with the failures: nothing says they are not. */
      gboolean failure = ld_diagnostic_get_verdict (diag) != LD_CODE_INFORMATIONAL;
      GString *out = failure ? failures : info;
      guint *n = failure ? &n_failures : &n_info;

      if ((*n)++ >= MAX_DIAGNOSTICS_SHOWN)
        continue;
      if (out->len > 0)
        g_string_append_c (out, '\n');
      ld_format_diagnostic_text (out, diag, "");
    }
  for (guint k = 0; k < 2; k++)
    {
      GString *out = k == 0 ? failures : info;
      guint n = k == 0 ? n_failures : n_info;

      while (out->len > 0 && out->str[out->len - 1] == '\n')
        g_string_truncate (out, out->len - 1);
      if (n > MAX_DIAGNOSTICS_SHOWN)
        {
          g_string_append_c (out, '\n');
          g_string_append_printf (out, ngettext ("… and %u more diagnostic header, in the message list and the report.",
                                                 "… and %u more diagnostic headers, in the message list and the report.",
                                                 n - MAX_DIAGNOSTICS_SHOWN),
                                  n - MAX_DIAGNOSTICS_SHOWN);
        }
    }

  if (n_failures == 0)
    g_string_assign (failures, n_info > 0 ? _("The only diagnostic headers in this attempt's messages are information, "
                                              "not failures.")
                                          : _("No diagnostic headers in this attempt's messages."));
  ld_win_label_set_log_text (self->diagnostics_label, failures->str);
  ld_win_label_set_log_text (self->info_label, info->str);
  gtk_widget_set_visible (self->diagnostics_heading, TRUE);
  gtk_widget_set_visible (self->info_heading, n_info > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->info_label), n_info > 0);
}

static void
set_outcome (LdWinAttemptView *self,
             const LdAttempt  *attempt)
{
  static const char *classes[] = { "outcome-succeeded", "outcome-failed", "outcome-cancelled", "outcome-no-response" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->outcome_label), classes[i]);
  gtk_widget_set_visible (GTK_WIDGET (self->outcome_label), attempt != NULL);
  if (attempt == NULL)
    return;
  gtk_label_set_text (self->outcome_label, ld_outcome_get_label (attempt->outcome));
  if ((guint) attempt->outcome < G_N_ELEMENTS (classes))
    gtk_widget_add_css_class (GTK_WIDGET (self->outcome_label), classes[attempt->outcome]);
}

void
ld_win_attempt_view_set_attempt (LdWinAttemptView *self,
                                 LdAnalysis       *analysis,
                                 const LdAttempt  *attempt)
{
  g_autoptr(GString) facts = g_string_new (NULL);
  g_autofree char *title = NULL;
  g_autofree char *start = NULL;
  g_autofree char *duration = NULL;

  g_return_if_fail (LD_WIN_IS_ATTEMPT_VIEW (self));

  if (self->pending_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->pending_tick_id);
  self->pending_tick_id = 0;
  g_set_object (&self->analysis, analysis);
  self->attempt = attempt;
  self->next_card = 0;
  self->pending_message = -1;
  ld_win_flow_set_attempt (self->flow, analysis, attempt);
  ld_win_verdict_set_attempt (self->verdict, analysis, attempt);
  clear_box (self->findings_box);
  set_outcome (self, attempt);

  if (attempt == NULL)
    {
      gtk_label_set_text (self->title_label, _("No attempt selected"));
      gtk_label_set_text (self->facts_label, _("Pick an attempt in the timeline or the list to see what happened."));
      gtk_label_set_text (self->diagnostics_label, "");
      gtk_widget_set_visible (self->findings_heading, FALSE);
      gtk_widget_set_visible (self->diagnostics_heading, FALSE);
      gtk_widget_set_visible (self->info_heading, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->info_label), FALSE);
      return;
    }

  title = g_strdup_printf (_("Attempt %u: %s %s"), attempt->id,
                           ld_attempt_kind_get_label (attempt->kind),
                           ld_modality_get_label (attempt->modality));
  gtk_label_set_text (self->title_label, title);

  start = ld_format_time (attempt->start);
  duration = ld_format_duration (attempt->end >= attempt->start ? attempt->end - attempt->start : -1);
  {
    g_autofree char *target_capped = ld_win_text_dup_capped (attempt->target ? attempt->target : "—",
                                                             LD_WIN_TEXT_MAX_LINE, LD_WIN_TEXT_MAX_LINE, NULL);
    g_autofree char *reason_capped = ld_win_text_dup_capped (attempt->status_reason ? attempt->status_reason : "",
                                                             LD_WIN_TEXT_MAX_LINE, LD_WIN_TEXT_MAX_LINE, NULL);
    g_autofree char *callid_capped = ld_win_text_dup_capped (attempt->call_id ? attempt->call_id : "—",
                                                             LD_WIN_TEXT_MAX_LINE, LD_WIN_TEXT_MAX_LINE, NULL);
    g_autofree char *target = g_markup_escape_text (target_capped, -1);
    g_autofree char *callid = g_markup_escape_text (callid_capped, -1);
    g_autofree char *reason = g_markup_escape_text (reason_capped, -1);

    g_string_append_printf (facts, _("<b>Target</b>  %s\n"), target);
    g_string_append_printf (facts, _("<b>Started</b>  %s    <b>Lasted</b>  %s\n"), start, duration);
    if (attempt->status > 0)
      g_string_append_printf (facts, _("<b>Final status</b>  %d %s    "), attempt->status, reason);
    else
      g_string_append (facts, _("<b>Final status</b>  none    "));
    g_string_append_printf (facts, _("<b>Direction</b>  %s\n"), attempt->incoming ? _("incoming") : _("outgoing"));
    g_string_append_printf (facts, _("<b>Call-ID</b>  %s"), callid);
  }
  ld_win_label_set_log_markup (self->facts_label, facts->str);

  set_diagnostics (self, attempt);
  gtk_widget_set_visible (self->findings_heading, attempt->findings->len > 0);

  /* Start on the message that explains the outcome, when there is one. */
  for (guint i = 0; i < attempt->messages->len && self->pending_message < 0; i++)
    if (((const LdSipMessage *) g_ptr_array_index (attempt->messages, i))->diag_count > 0)
      self->pending_message = i;

  if (!gtk_widget_get_realized (GTK_WIDGET (self)))
    while (add_pending (self))
      ;
  else
    {
      self->pending_frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->pending_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), add_pending_tick, NULL, NULL);
    }
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scroller), 0);
}

void
ld_win_attempt_view_select_message (LdWinAttemptView *self,
                                    int               index)
{
  g_return_if_fail (LD_WIN_IS_ATTEMPT_VIEW (self));

  self->pending_message = -1;
  ld_win_flow_select_message (self->flow, index);
}

void
ld_win_attempt_view_show_page (LdWinAttemptView *self,
                               const char       *name)
{
  gtk_stack_set_visible_child_name (self->pages, name);
}

/* Evidence points at a file line: the call flow, on the message whose
 * record covers it. */
gboolean
ld_win_attempt_view_show_line (LdWinAttemptView *self,
                               guint             input,
                               guint64           line)
{
  if (self->attempt == NULL || !ld_win_flow_select_line (self->flow, input, line))
    return FALSE;
  self->pending_message = -1;
  gtk_stack_set_visible_child_name (self->pages, "flow");
  return TRUE;
}

/**
 * ld_win_attempt_view_get_attempt:
 * @self: an attempt view
 *
 * Returns: (nullable): the attempt shown
 */
const LdAttempt *
ld_win_attempt_view_get_attempt (LdWinAttemptView *self)
{
  g_return_val_if_fail (LD_WIN_IS_ATTEMPT_VIEW (self), NULL);
  return self->attempt;
}

/* For tests: the decoded diagnostics shown, failures then information */
char *
ld_win_attempt_view_dup_diagnostics_text (LdWinAttemptView *self)
{
  if (!gtk_widget_get_visible (GTK_WIDGET (self->info_label)))
    return g_strdup (gtk_label_get_text (self->diagnostics_label));
  return g_strconcat (gtk_label_get_text (self->diagnostics_label), "\n",
                      gtk_label_get_text (self->info_label), NULL);
}

LdWinFlow *
ld_win_attempt_view_get_flow (LdWinAttemptView *self)
{
  return self->flow;
}

LdWinVerdict *
ld_win_attempt_view_get_verdict (LdWinAttemptView *self)
{
  return self->verdict;
}

GtkLabel *
ld_win_attempt_view_get_facts_label (LdWinAttemptView *self)
{
  return self->facts_label;
}

const char *
ld_win_attempt_view_get_title (LdWinAttemptView *self)
{
  return gtk_label_get_text (self->title_label);
}

const char *
ld_win_attempt_view_get_outcome_text (LdWinAttemptView *self)
{
  return gtk_label_get_text (self->outcome_label);
}
