/* ld-win-inputs.c - the inputs panel: what was read, and what was skipped and why
 *
 * Every input of the document (each file, each log inside a zip, each file
 * of a folder): the client that wrote it, the time it covers, how many
 * lines, SIP messages and attempts it holds, and what the reader had to
 * say about it. A helpdesk engineer checks here that the logs are the
 * user's, from the day of the problem, and that nothing was left out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-inputs"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-inputs.h"
#include "ld-win-text.h"

/* A zip of thousands of logs, or of damaged members, would make
 * thousands of labels, laid out on the main thread: the first ones, and
 * how many more. */
#define MAX_SKIPPED_SHOWN 100

struct _LdWinInputs
{
  GtkWidget    parent_instance;

  GtkWidget   *scroller;
  GtkBox      *box;
  guint        n_skipped;
  GString     *text;      /* what the panel says, for Copy and the tests */
};

G_DEFINE_FINAL_TYPE (LdWinInputs, ld_win_inputs, GTK_TYPE_WIDGET)

static GtkWidget *
add_label (LdWinInputs *self,
           GtkBox      *box,
           const char  *text,
           const char  *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  ld_win_label_set_log_text (GTK_LABEL (label), text);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
  ld_win_label_set_quiet_selectable (GTK_LABEL (label));
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);
  g_string_append_printf (self->text, "%s\n", text);
  return label;
}

static char *
time_span (const LdInput *input)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_autofree char *length = NULL;

  if (input->first_time < 0 || input->last_time < 0)
    return g_strdup (_("No time stamps"));
  first = ld_format_time (input->first_time);
  last = ld_format_time (input->last_time);
  length = ld_format_duration (input->last_time - input->first_time);
  /* The day once when the span stays within it. */
  if (strncmp (first, last, 10) == 0)
    return g_strdup_printf (_("%s – %s (%s)"), first, last + 11, length);
  return g_strdup_printf (_("%s – %s (%s)"), first, last, length);
}

static void
add_input (LdWinInputs   *self,
           LdAnalysis    *analysis,
           guint          index,
           const LdInput *input)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = g_path_get_basename (ld_input_get_display_name (input));
  g_autofree char *where = NULL;
  g_autofree char *who = NULL;
  g_autofree char *when = time_span (input);
  g_autofree char *lines = NULL;
  g_autofree char *messages = NULL;
  g_autofree char *tried = NULL;
  g_autofree char *counts = NULL;
  guint n_attempts = 0, n_failed = 0;

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      if (a->invite != NULL && a->invite->input == index)
        {
          n_attempts++;
          n_failed += a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE;
        }
    }

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "input-card");
  add_label (self, GTK_BOX (card), name, "heading");
  if (input->member != NULL)
    where = g_strdup_printf (_("in %s: %s"), input->path, input->member);
  else
    where = g_strdup (input->path);
  add_label (self, GTK_BOX (card), where, "dim-label");

  who = g_strdup_printf (_("Written by %s"), input->client != NULL ? input->client
                                             : input->user_agent != NULL ? input->user_agent
                                             : _("an unknown client"));
  add_label (self, GTK_BOX (card), who, NULL);
  if (input->user != NULL)
    {
      /* Whose log it is: the logs of two users are often sent together. */
      g_autofree char *user = g_strdup_printf (_("Signed in as %s"), input->user);

      add_label (self, GTK_BOX (card), user, NULL);
    }
  add_label (self, GTK_BOX (card), when, "numeric");

  {
    g_autofree char *n = g_strdup_printf ("%'" G_GUINT64_FORMAT, input->lines);

    lines = g_strdup_printf (ngettext ("%s line", "%s lines", (gulong) MIN (input->lines, G_MAXULONG)), n);
  }
  messages = g_strdup_printf (ngettext ("%'u SIP message", "%'u SIP messages", input->sip_messages),
                              input->sip_messages);
  if (n_failed > 0)
    tried = g_strdup_printf (ngettext ("%u attempt, %u failed", "%u attempts, %u failed", n_attempts),
                             n_attempts, n_failed);
  else
    tried = g_strdup_printf (ngettext ("%u attempt", "%u attempts", n_attempts), n_attempts);
  /* TRANSLATORS: lines, SIP messages and attempts of one input */
  counts = g_strdup_printf (_("%s, %s, %s"), lines, messages, tried);
  add_label (self, GTK_BOX (card), counts, NULL);

  for (guint i = 0; input->problems != NULL && i < input->problems->len; i++)
    {
      g_autofree char *note = g_strdup_printf (_("Note: %s"), (const char *) g_ptr_array_index (input->problems, i));

      add_label (self, GTK_BOX (card), note, "warning");
    }
  gtk_box_append (self->box, card);
  g_string_append_c (self->text, '\n');
}

static void
add_skipped (LdWinInputs          *self,
             const LdSkippedInput *skipped)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *name = g_path_get_basename (skipped->member != NULL ? skipped->member : skipped->path);
  g_autofree char *where = skipped->member != NULL ? g_strdup_printf (_("in %s: %s"), skipped->path, skipped->member)
                                                   : g_strdup (skipped->path);

  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "input-card");
  gtk_widget_add_css_class (card, "skipped");
  add_label (self, GTK_BOX (card), name, "heading");
  add_label (self, GTK_BOX (card), where, "dim-label");
  add_label (self, GTK_BOX (card), skipped->reason, NULL);
  gtk_box_append (self->box, card);
  g_string_append_c (self->text, '\n');
}

static void
clear (LdWinInputs *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
  g_string_truncate (self->text, 0);
  self->n_skipped = 0;
}

void
ld_win_inputs_set_analysis (LdWinInputs *self,
                            LdAnalysis  *analysis)
{
  GPtrArray *inputs;
  GPtrArray *skipped;
  g_autofree char *heading = NULL;

  g_return_if_fail (LD_WIN_IS_INPUTS (self));

  clear (self);
  if (analysis == NULL)
    return;
  inputs = ld_analysis_get_inputs (analysis);
  heading = g_strdup_printf (ngettext ("%u input read", "%u inputs read", inputs->len), inputs->len);
  add_label (self, self->box, heading, "title-4");
  for (guint i = 0; i < inputs->len && i < MAX_SKIPPED_SHOWN; i++)
    add_input (self, analysis, i, g_ptr_array_index (inputs, i));
  if (inputs->len > MAX_SKIPPED_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("… and %u more input; the report lists them all.",
                                                         "… and %u more inputs; the report lists them all.",
                                                         inputs->len - MAX_SKIPPED_SHOWN),
                                               inputs->len - MAX_SKIPPED_SHOWN);

      add_label (self, self->box, more, "dim-label");
    }

  /* What was named, or found in a named folder or zip, and not read:
   * never dropped without a word. */
  skipped = ld_analysis_get_skipped (analysis);
  self->n_skipped = skipped != NULL ? skipped->len : 0;
  if (self->n_skipped > 0)
    {
      g_autofree char *title = g_strdup_printf (ngettext ("%u skipped, and why", "%u skipped, and why", self->n_skipped),
                                                self->n_skipped);

      add_label (self, self->box, title, "title-4");
      for (guint i = 0; i < skipped->len && i < MAX_SKIPPED_SHOWN; i++)
        add_skipped (self, g_ptr_array_index (skipped, i));
      if (skipped->len > MAX_SKIPPED_SHOWN)
        {
          g_autofree char *more = g_strdup_printf (ngettext ("… and %u more skipped; the command line's notes "
                                                             "(lyncdiag-cli analyze) list them all.",
                                                             "… and %u more skipped; the command line's notes "
                                                             "(lyncdiag-cli analyze) list them all.",
                                                             skipped->len - MAX_SKIPPED_SHOWN),
                                                   skipped->len - MAX_SKIPPED_SHOWN);

          add_label (self, self->box, more, "dim-label");
        }
    }
}

guint
ld_win_inputs_get_n_skipped (LdWinInputs *self)
{
  return self->n_skipped;
}

/* What the panel says, one line a label */
char *
ld_win_inputs_dup_text (LdWinInputs *self)
{
  return g_strdup (self->text->str);
}

static void
ld_win_inputs_dispose (GObject *object)
{
  LdWinInputs *self = LD_WIN_INPUTS (object);

  g_clear_pointer (&self->scroller, gtk_widget_unparent);
  G_OBJECT_CLASS (ld_win_inputs_parent_class)->dispose (object);
}

static void
ld_win_inputs_finalize (GObject *object)
{
  LdWinInputs *self = LD_WIN_INPUTS (object);

  g_string_free (self->text, TRUE);
  G_OBJECT_CLASS (ld_win_inputs_parent_class)->finalize (object);
}

static void
ld_win_inputs_class_init (LdWinInputsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_inputs_dispose;
  object_class->finalize = ld_win_inputs_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "inputs");
}

static void
ld_win_inputs_init (LdWinInputs *self)
{
  self->text = g_string_new (NULL);
  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (self->scroller), TRUE);
  /* Room for a path and a sentence a line, on an 800 pixel screen too. */
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (self->scroller), 360);
  gtk_scrolled_window_set_max_content_width (GTK_SCROLLED_WINDOW (self->scroller), 560);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (self->scroller), 420);
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_VERTICAL, 8));
  gtk_widget_set_margin_start (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (self->box), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->box), 6);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->box));
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));
}
