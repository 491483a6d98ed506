/* ld-win-verdict.c - an attempt's verdict first: what failed, the likeliest cause, what to do
 *
 * What a helpdesk engineer opens an attempt for, above the decode: what
 * happened in a sentence ("Signalling worked; the media connection
 * failed"), the likeliest cause and what to do about it, the other causes
 * that fit, and a button that copies it all for a ticket. It reads the
 * attempt's grouped findings, in the findings engine's order
 * (ld-win-ticket.c); the decode and every finding's full card follow it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-verdict"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-copy.h"
#include "ld-win-text.h"
#include "ld-win-ticket.h"
#include "ld-win-verdict.h"

/* The actions of the likeliest cause shown here; its card has them all. */
#define MAX_ACTIONS 3

struct _LdWinVerdict
{
  GtkWidget        parent_instance;

  GtkWidget       *card;
  GtkLabel        *outcome_label;
  GtkLabel        *likely_label;
  GtkLabel        *actions_label;
  GtkLabel        *others_label;
  GtkWidget       *copy_button;

  LdAnalysis      *analysis;
  const LdAttempt *attempt;
};

G_DEFINE_FINAL_TYPE (LdWinVerdict, ld_win_verdict, GTK_TYPE_WIDGET)

static void
set_label (GtkLabel   *label,
           const char *text)
{
  ld_win_label_set_log_text (label, text);
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL && *text != '\0');
}

static void
set_state_class (LdWinVerdict *self,
                 const char   *state)
{
  static const char *states[] = { "error", "warning", "success", "neutral" };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    gtk_widget_remove_css_class (self->card, states[i]);
  gtk_widget_add_css_class (self->card, state);
}

void
ld_win_verdict_set_attempt (LdWinVerdict    *self,
                            LdAnalysis      *analysis,
                            const LdAttempt *attempt)
{
  const LdFinding *likeliest;
  g_autofree char *outcome = NULL;
  g_autoptr(GString) actions = g_string_new (NULL);
  g_autoptr(GString) others = g_string_new (NULL);
  gboolean failed;

  g_return_if_fail (LD_WIN_IS_VERDICT (self));

  g_set_object (&self->analysis, analysis);
  self->attempt = attempt;
  gtk_widget_set_visible (GTK_WIDGET (self), attempt != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "verdict.copy", attempt != NULL);
  if (attempt == NULL)
    return;

  failed = attempt->outcome == LD_OUTCOME_FAILED || attempt->outcome == LD_OUTCOME_NO_RESPONSE;
  outcome = ld_win_ticket_dup_outcome (attempt);
  set_label (self->outcome_label, outcome);

  likeliest = ld_win_ticket_get_likeliest (attempt);
  if (likeliest != NULL)
    {
      g_autofree char *title = ld_win_text_dup_capped (likeliest->title, LD_WIN_TEXT_MAX_LINE, LD_WIN_TEXT_MAX_LINE, NULL);
      g_autofree char *escaped = g_markup_escape_text (title, -1);
      g_autofree char *markup = g_strdup_printf (failed ? _("<b>Most likely:</b> %s  <small>%s · %s confidence</small>")
                                                        : _("<b>Worth a look:</b> %s  <small>%s · %s confidence</small>"),
                                                 escaped, ld_severity_get_label (likeliest->severity),
                                                 ld_confidence_get_label (likeliest->confidence));

      ld_win_label_set_log_markup (self->likely_label, markup);
      gtk_widget_set_visible (GTK_WIDGET (self->likely_label), TRUE);
      for (guint i = 0; likeliest->actions != NULL && i < likeliest->actions->len && i < MAX_ACTIONS; i++)
        g_string_append_printf (actions, "%s→ %s", i > 0 ? "\n" : "",
                                (const char *) g_ptr_array_index (likeliest->actions, i));
    }
  else if (failed)
    {
      ld_win_label_set_log_markup (self->likely_label,
                                   _("<b>No rule explains this failure.</b> Its decoded diagnostics and its call flow "
                                     "below show what the log holds."));
      gtk_widget_set_visible (GTK_WIDGET (self->likely_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->likely_label), FALSE);
  set_label (self->actions_label, actions->str);

  /* The other causes that fit, by name: their cards are further down. */
  for (guint i = 0; attempt->findings != NULL && i < attempt->findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (attempt->findings, i);

      if (f == likeliest)
        continue;
      if (others->len > 0)
        g_string_append (others, "\n");
      g_string_append_printf (others, f->severity == LD_SEVERITY_INFO ? _("Note: %s") : _("Also possible: %s (%s confidence)"),
                              f->title, ld_confidence_get_label (f->confidence));
    }
  set_label (self->others_label, others->str);

  set_state_class (self, !failed ? (attempt->outcome == LD_OUTCOME_SUCCEEDED && likeliest == NULL ? "success" : "neutral")
                         : likeliest != NULL && likeliest->severity == LD_SEVERITY_WARNING ? "warning" : "error");
}

/* What the verdict says, line by line (the tests read it). */
char *
ld_win_verdict_dup_text (LdWinVerdict *self)
{
  GString *out = g_string_new (NULL);
  GtkLabel *labels[] = { self->outcome_label, self->likely_label, self->actions_label, self->others_label };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (gtk_widget_get_visible (GTK_WIDGET (labels[i])))
      g_string_append_printf (out, "%s\n", gtk_label_get_text (labels[i]));
  return g_string_free (out, FALSE);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *param)
{
  LdWinVerdict *self = LD_WIN_VERDICT (widget);
  g_autofree char *text = NULL;

  if (self->attempt == NULL)
    return;
  text = ld_win_ticket_dup_attempt (self->analysis, self->attempt);
  ld_win_copy_text (widget, text);
}

static void
ld_win_verdict_dispose (GObject *object)
{
  LdWinVerdict *self = LD_WIN_VERDICT (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_VERDICT);
  g_clear_object (&self->analysis);
  self->attempt = NULL;
  G_OBJECT_CLASS (ld_win_verdict_parent_class)->dispose (object);
}

static void
ld_win_verdict_class_init (LdWinVerdictClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_verdict_dispose;
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-verdict.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinVerdict, card);
  gtk_widget_class_bind_template_child (widget_class, LdWinVerdict, outcome_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinVerdict, likely_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinVerdict, actions_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinVerdict, others_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinVerdict, copy_button);
  gtk_widget_class_install_action (widget_class, "verdict.copy", NULL, copy_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "verdict");
}

static void
ld_win_verdict_init (LdWinVerdict *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  ld_win_label_set_quiet_selectable (self->outcome_label);
  ld_win_label_set_quiet_selectable (self->likely_label);
  ld_win_label_set_quiet_selectable (self->actions_label);
  ld_win_label_set_quiet_selectable (self->others_label);
  ld_win_label_set_paragraph (self->outcome_label);
  ld_win_label_set_paragraph (self->likely_label);
  ld_win_label_set_paragraph (self->actions_label);
  ld_win_label_set_paragraph (self->others_label);
}
