/* ld-win-export.c - File > Export: the report as PDF, Markdown, CSV or JSON, written in the background
 *
 * Three steps: a small dialog for what to write (format, paper, redaction,
 * the troubleshooting steps), the platform's file chooser for where, then
 * a progress window while a GTask thread writes it. The core writes the
 * file (ld_report_write), so the app and lyncdiag-cli produce the same
 * report.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-export.h"

typedef struct
{
  LdWinWindow      *window;       /* owned */
  LdAnalysis       *analysis;     /* owned; read-only while the thread runs */
  GtkWidget        *dialog;
  GtkDropDown      *format;
  GtkDropDown      *paper;
  GtkCheckButton   *redact;
  GtkCheckButton   *wizard;
  GtkWindow        *progress_window;
  GtkProgressBar   *progress_bar;
  GCancellable     *cancellable;
  GFile            *file;
  LdReportOptions   options;
  GPtrArray        *steps;        /* (element-type LdReportStep) snapshot of the wizard */
  GPtrArray        *causes;       /* (element-type LdReportCause) */
} Export;

/* Indexes of the format drop-down. */
static const LdReportFormat formats[] = {
  LD_REPORT_FORMAT_PDF, LD_REPORT_FORMAT_MARKDOWN, LD_REPORT_FORMAT_CSV, LD_REPORT_FORMAT_JSON,
};

static void
export_free (Export *self)
{
  g_clear_object (&self->window);
  g_clear_object (&self->analysis);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->file);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->causes, g_ptr_array_unref);
  g_free (self);
}

static LdReportStep *
step_copy (const LdReportStep *s)
{
  LdReportStep *c = g_new0 (LdReportStep, 1);

  c->id = g_strdup (s->id);
  c->title = g_strdup (s->title);
  c->question = g_strdup (s->question);
  c->answer = g_strdup (s->answer);
  c->source = s->source;
  c->evidence = g_strdup (s->evidence);
  c->text = g_strdup (s->text);
  return c;
}

/* Runs in the writing thread: hands over copies of the snapshot taken on
 * the main thread, so the user may keep answering in the wizard window. */
static void
snapshot_wizard_func (gpointer   data,
                      GPtrArray *steps,
                      GPtrArray *causes)
{
  Export *self = data;

  for (guint i = 0; i < self->steps->len; i++)
    g_ptr_array_add (steps, step_copy (self->steps->pdata[i]));
  for (guint i = 0; i < self->causes->len; i++)
    {
      const LdReportCause *c = self->causes->pdata[i];
      LdReportCause *copy = g_new0 (LdReportCause, 1);

      copy->title = g_strdup (c->title);
      copy->status = c->status;
      copy->text = g_strdup (c->text);
      g_ptr_array_add (causes, copy);
    }
}

static void
show_error (GtkWindow    *parent,
            const char   *primary,
            const GError *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (parent, GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog),
                                            _("%s\nChoose another folder or name, or free some disk space, and export again."),
                                            error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  LdWinWindow *window;
  char        *uri;
} OpenData;

static void
on_done_response (GtkDialog *dialog,
                  int        response,
                  OpenData  *data)
{
  if (response == GTK_RESPONSE_ACCEPT)
    gtk_show_uri (GTK_WINDOW (data->window), data->uri, GDK_CURRENT_TIME);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (data->window);
  g_free (data->uri);
  g_free (data);
}

static void
offer_to_open (Export *self)
{
  g_autofree char *name = g_file_get_parse_name (self->file);
  OpenData *data = g_new0 (OpenData, 1);
  GtkWidget *dialog;

  dialog = gtk_message_dialog_new (GTK_WINDOW (self->window), GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_INFO, GTK_BUTTONS_NONE, "%s", _("The report is saved"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", name);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Close"), GTK_RESPONSE_CLOSE);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Open"), GTK_RESPONSE_ACCEPT);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  data->window = g_object_ref (self->window);
  data->uri = g_file_get_uri (self->file);
  g_signal_connect (dialog, "response", G_CALLBACK (on_done_response), data);
  gtk_window_present (GTK_WINDOW (dialog));
}

typedef struct
{
  GtkProgressBar *bar;   /* owned */
  double          fraction;
} ProgressUpdate;

static gboolean
apply_progress (gpointer data)
{
  ProgressUpdate *update = data;

  gtk_progress_bar_set_fraction (update->bar, update->fraction);
  g_object_unref (update->bar);
  g_free (update);
  return G_SOURCE_REMOVE;
}

/* Called in the writing thread; the bar lives on the main thread. */
static void
on_progress (double   fraction,
             gpointer user_data)
{
  Export *self = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->bar = g_object_ref (self->progress_bar);
  update->fraction = fraction;
  g_main_context_invoke (NULL, apply_progress, update);
}

static void
write_thread (GTask        *task,
              gpointer      source,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *self = task_data;
  GError *error = NULL;

  if (ld_report_write (self->analysis, &self->options, self->file, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Export *self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_window_destroy (self->progress_window);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (GTK_WINDOW (self->window), _("The report could not be saved"), error);
      else
        ld_win_window_show_message (self->window, _("Export cancelled; no file was written."));
    }
  else
    offer_to_open (self);
  export_free (self);
}

static void
on_progress_cancel (GtkButton *button,
                    Export    *self)
{
  g_cancellable_cancel (self->cancellable);
  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
}

static void
start_writing (Export *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_file_get_basename (self->file);
  g_autofree char *label_text = g_strdup_printf (_("Writing %s…"), name);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *label = gtk_label_new (label_text);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->progress_window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_title (self->progress_window, _("Exporting Report"));
  gtk_window_set_transient_for (self->progress_window, GTK_WINDOW (self->window));
  gtk_window_set_modal (self->progress_window, TRUE);
  gtk_window_set_resizable (self->progress_window, FALSE);
  gtk_window_set_deletable (self->progress_window, FALSE);
  gtk_widget_set_margin_top (box, 18);
  gtk_widget_set_margin_bottom (box, 18);
  gtk_widget_set_margin_start (box, 18);
  gtk_widget_set_margin_end (box, 18);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  self->progress_bar = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_widget_set_size_request (GTK_WIDGET (self->progress_bar), 320, -1);
  gtk_widget_set_halign (cancel, GTK_ALIGN_END);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->progress_bar));
  gtk_box_append (GTK_BOX (box), cancel);
  gtk_window_set_child (self->progress_window, box);
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_progress_cancel), self);
  gtk_window_present (self->progress_window);

  self->cancellable = g_cancellable_new ();
  self->options.progress = on_progress;
  self->options.progress_data = self;
  task = g_task_new (NULL, self->cancellable, on_written, self);
  g_task_set_task_data (task, self, NULL);
  g_task_set_name (task, "ld-win-export");
  g_task_run_in_thread (task, write_thread);
}

static void
on_file_response (GtkNativeDialog *chooser,
                  int              response,
                  Export          *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    self->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);
  if (self->file == NULL)
    {
      export_free (self);
      return;
    }
  start_writing (self);
}

static GtkFileFilter *
filter_for (LdReportFormat format)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  switch (format)
    {
    case LD_REPORT_FORMAT_MARKDOWN:
      gtk_file_filter_set_name (filter, _("Markdown"));
      gtk_file_filter_add_suffix (filter, "md");
      break;
    case LD_REPORT_FORMAT_CSV:
      gtk_file_filter_set_name (filter, _("CSV"));
      gtk_file_filter_add_suffix (filter, "csv");
      break;
    case LD_REPORT_FORMAT_JSON:
      gtk_file_filter_set_name (filter, _("JSON"));
      gtk_file_filter_add_suffix (filter, "json");
      break;
    case LD_REPORT_FORMAT_PDF:
    case LD_REPORT_FORMAT_AUTO:
    default:
      gtk_file_filter_set_name (filter, _("PDF"));
      gtk_file_filter_add_suffix (filter, "pdf");
      break;
    }
  return filter;
}

/* The chosen name, keeping the extension of the format. */
static char *
suggested_name (Export *self)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self->analysis);
  const char *ext = ld_report_format_get_extension (self->options.format);
  g_autofree char *stem = NULL;

  if (!self->options.redact && inputs->len == 1)
    {
      const LdInput *in = inputs->pdata[0];
      g_autofree char *base = g_path_get_basename (in->member ? in->member : in->path);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      stem = g_strdup_printf ("%s-report", base);
    }
  else
    stem = g_strdup (self->options.redact ? "lyncdiag-report-redacted" : "lyncdiag-report");
  return g_strdup_printf ("%s.%s", stem, ext);
}

static void
on_options_response (GtkDialog *dialog,
                     int        response,
                     Export    *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = NULL;
  g_autofree char *name = NULL;
  guint fmt = gtk_drop_down_get_selected (self->format);

  if (response != GTK_RESPONSE_ACCEPT)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      export_free (self);
      return;
    }

  ld_report_options_init (&self->options);
  self->options.format = formats[MIN (fmt, G_N_ELEMENTS (formats) - 1)];
  self->options.paper = gtk_drop_down_get_selected (self->paper) == 1 ? LD_REPORT_PAPER_LETTER : LD_REPORT_PAPER_A4;
  self->options.redact = gtk_check_button_get_active (self->redact);
  if (self->wizard != NULL && gtk_check_button_get_active (self->wizard))
    {
      LdWizard *wizard = ld_wizard_peek_for_analysis (self->analysis);

      self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_report_step_free);
      self->causes = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_report_cause_free);
      if (wizard != NULL)
        ld_report_collect_wizard (wizard, self->steps, self->causes);
      self->options.wizard = self;
      self->options.wizard_func = snapshot_wizard_func;
    }
  gtk_window_destroy (GTK_WINDOW (dialog));

  chooser = gtk_file_chooser_native_new (_("Export Report"), GTK_WINDOW (self->window),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  name = suggested_name (self);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = filter_for (self->options.format);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_file_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Paper only matters for PDF. */
static void
on_format_changed (GtkDropDown *format,
                   GParamSpec  *pspec,
                   Export      *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->paper), gtk_drop_down_get_selected (format) == 0);
}

static GtkWidget *
row_label (const char *mnemonic,
           GtkWidget  *target)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), target);
  gtk_widget_add_css_class (label, "dim-label");
  return label;
}

/* Letter where the locale's paper is Letter (US, Canada), else A4. */
static guint
default_paper (void)
{
  const char *names[] = { "LC_PAPER", "LC_ALL", "LANG", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *v = g_getenv (names[i]);

      if (v != NULL && *v != '\0')
        return (g_str_has_prefix (v, "en_US") || g_str_has_prefix (v, "en_CA") ||
                g_str_has_prefix (v, "fr_CA") || g_str_has_prefix (v, "es_MX")) ? 1 : 0;
    }
  return 0;
}

void
ld_win_export_dialog_run (LdWinWindow *window)
{
  static const char * const format_names[] = { N_("PDF report"), N_("Markdown, for a ticket"),
                                               N_("CSV of the call attempts"), N_("JSON (as lyncdiag-cli --json)"),
                                               NULL };
  static const char * const paper_names[] = { N_("A4"), N_("Letter"), NULL };
  const char *formats_tr[G_N_ELEMENTS (format_names)];
  const char *papers_tr[G_N_ELEMENTS (paper_names)];
  LdAnalysis *analysis;
  Export *self;
  GtkWidget *grid, *content, *hint;
  LdWizard *wizard;

  g_return_if_fail (LD_WIN_IS_WINDOW (window));

  analysis = ld_win_window_get_analysis (window);
  if (analysis == NULL)
    return;

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    formats_tr[i] = format_names[i] ? _(format_names[i]) : NULL;
  for (guint i = 0; i < G_N_ELEMENTS (paper_names); i++)
    papers_tr[i] = paper_names[i] ? _(paper_names[i]) : NULL;

  self = g_new0 (Export, 1);
  self->window = g_object_ref (window);
  self->analysis = g_object_ref (analysis);

  self->dialog = gtk_dialog_new_with_buttons (_("Export Report"), GTK_WINDOW (window),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT |
                                              GTK_DIALOG_USE_HEADER_BAR,
                                              _("_Cancel"), GTK_RESPONSE_CANCEL,
                                              _("_Choose File…"), GTK_RESPONSE_ACCEPT,
                                              NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (self->dialog), GTK_RESPONSE_ACCEPT);
  gtk_widget_add_css_class (gtk_dialog_get_widget_for_response (GTK_DIALOG (self->dialog), GTK_RESPONSE_ACCEPT),
                            "suggested-action");
  gtk_window_set_resizable (GTK_WINDOW (self->dialog), FALSE);

  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_widget_set_margin_top (grid, 18);
  gtk_widget_set_margin_bottom (grid, 18);
  gtk_widget_set_margin_start (grid, 18);
  gtk_widget_set_margin_end (grid, 18);

  self->format = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (formats_tr));
  self->paper = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (papers_tr));
  gtk_drop_down_set_selected (self->paper, default_paper ());
  self->redact = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
    _("_Replace names and addresses with pseudonyms")));
  hint = gtk_label_new (_("SIP addresses, display names, phone numbers, host names and IP addresses become "
                          "user1@domain1.example, host-1, 10.0.0.1 …; the same value always gets the same "
                          "pseudonym, so the report still reads right."));
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 52);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");

  gtk_grid_attach (GTK_GRID (grid), row_label (_("_Format"), GTK_WIDGET (self->format)), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->format), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), row_label (_("_Paper"), GTK_WIDGET (self->paper)), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->paper), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->redact), 1, 2, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), hint, 1, 3, 1, 1);

  /* Only when the user opened the troubleshooting steps for this document. */
  wizard = ld_wizard_peek_for_analysis (analysis);
  if (wizard != NULL)
    {
      self->wizard = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (
        _("Include the _troubleshooting steps and answers")));
      gtk_check_button_set_active (self->wizard, TRUE);
      gtk_grid_attach (GTK_GRID (grid), GTK_WIDGET (self->wizard), 1, 4, 1, 1);
    }

  content = gtk_dialog_get_content_area (GTK_DIALOG (self->dialog));
  gtk_box_append (GTK_BOX (content), grid);
  g_signal_connect (self->format, "notify::selected", G_CALLBACK (on_format_changed), self);
  g_signal_connect (self->dialog, "response", G_CALLBACK (on_options_response), self);
  gtk_window_present (GTK_WINDOW (self->dialog));
}
