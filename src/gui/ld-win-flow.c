/* ld-win-flow.c - a call flow and the message picked in it, as logged
 *
 * The flow of an attempt (its Call Flow tab) or of any dialogs picked in
 * the message list (REGISTER, SUBSCRIBE, IM as well as calls): the ladder
 * above, the message as logged below. The ladder can be copied as a
 * picture or saved as PNG or SVG, for a ticket or a slide.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-flow"

#include "config.h"

#include <cairo-svg.h>
#include <glib/gi18n.h>

#include "ld-ladder.h"
#include "ld-win-flow.h"
#include "ld-win-ladder.h"
#include "ld-win-paned.h"
#include "ld-win-raw.h"
#include "ld-win-settings.h"

/* The picture's width: the ladder's three lanes and its time column read
 * well at this size on a page or a slide. */
#define PICTURE_WIDTH 900
/* Cairo's image surfaces stop at 32767 pixels. */
#define PICTURE_MAX_HEIGHT 32000

struct _LdWinFlow
{
  GtkWidget        parent_instance;

  GtkPaned        *paned;
  LdWinLadder     *ladder;
  GtkLabel        *message_heading;
  GtkWidget       *picture_button;
  GtkWidget       *copy_button;
  GtkTextView     *raw_view;

  LdAnalysis      *analysis;
  const LdAttempt *attempt;      /* shown: borrowed, or own_attempt */
  LdAttempt       *own_attempt;  /* made for messages that are no attempt */
  int              message;
  gboolean         raw_shown;    /* the message's text is shown (Copy Message) */
};

G_DEFINE_FINAL_TYPE (LdWinFlow, ld_win_flow, GTK_TYPE_WIDGET)

static void
free_own_attempt (LdWinFlow *self)
{
  if (self->own_attempt == NULL)
    return;
  g_ptr_array_unref (self->own_attempt->messages);
  g_ptr_array_unref (self->own_attempt->diagnostics);
  g_ptr_array_unref (self->own_attempt->findings);
  g_free (self->own_attempt->target);
  g_free (self->own_attempt->remote_party);
  g_clear_pointer (&self->own_attempt, g_free);
}

static void
update_actions (LdWinFlow *self)
{
  const LdSipMessage *msg = NULL;

  if (self->attempt != NULL && self->message >= 0)
    msg = g_ptr_array_index (self->attempt->messages, self->message);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.copy-message", msg != NULL && self->raw_shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.copy-picture", self->attempt != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.save-png", self->attempt != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "flow.save-svg", self->attempt != NULL);
}

static void
show (LdWinFlow       *self,
      LdAnalysis      *analysis,
      const LdAttempt *attempt)
{
  g_set_object (&self->analysis, analysis);
  self->attempt = attempt;
  self->message = -1;
  ld_win_ladder_set_attempt (self->ladder, attempt);
  self->raw_shown = ld_win_raw_show (gtk_text_view_get_buffer (self->raw_view), analysis, NULL);
  gtk_label_set_text (self->message_heading, attempt != NULL && attempt->messages->len > 0
                                             ? _("Click a message in the call flow to read it as logged.")
                                             : _("No messages."));
  update_actions (self);
}

/**
 * ld_win_flow_set_attempt:
 * @self: a flow
 * @analysis: (nullable): the attempt's analysis
 * @attempt: (nullable): the attempt, borrowed for as long as it is shown
 */
void
ld_win_flow_set_attempt (LdWinFlow       *self,
                         LdAnalysis      *analysis,
                         const LdAttempt *attempt)
{
  g_return_if_fail (LD_WIN_IS_FLOW (self));

  show (self, analysis, attempt);
  free_own_attempt (self);
}

/**
 * ld_win_flow_set_messages:
 * @self: a flow
 * @analysis: their analysis
 * @messages: (element-type LdSipMessage): the messages of one or more
 *   dialogs, in the order to draw them; borrowed from @analysis
 *
 * Shows the flow of messages that are no attempt: a registration, a
 * subscription, an instant message, or several dialogs together.
 */
void
ld_win_flow_set_messages (LdWinFlow  *self,
                          LdAnalysis *analysis,
                          GPtrArray  *messages)
{
  LdAttempt *attempt = g_new0 (LdAttempt, 1);
  const LdSipMessage *first_request = NULL;

  g_return_if_fail (LD_WIN_IS_FLOW (self));

  attempt->kind = LD_ATTEMPT_PEER_TO_PEER;
  attempt->messages = g_ptr_array_ref (messages);
  attempt->diagnostics = g_ptr_array_new ();
  attempt->findings = g_ptr_array_new ();
  attempt->start = attempt->end = -1;
  for (guint i = 0; i < messages->len && first_request == NULL; i++)
    if (((const LdSipMessage *) g_ptr_array_index (messages, i))->is_request)
      first_request = g_ptr_array_index (messages, i);
  if (first_request != NULL)
    {
      attempt->target = g_strdup (first_request->request_uri);
      /* The other end: whom this client wrote to, or who wrote to it. */
      attempt->remote_party = g_strdup (first_request->direction == LD_DIRECTION_RECEIVED ? first_request->from
                                                                                          : first_request->to);
      attempt->incoming = first_request->direction == LD_DIRECTION_RECEIVED;
    }
  show (self, analysis, attempt);
  free_own_attempt (self);
  self->own_attempt = attempt;
}

const LdAttempt *
ld_win_flow_get_attempt (LdWinFlow *self)
{
  return self->attempt;
}

void
ld_win_flow_select_message (LdWinFlow *self,
                            int        index)
{
  const LdSipMessage *msg;
  g_autofree char *summary = NULL;
  g_autofree char *heading = NULL;

  g_return_if_fail (LD_WIN_IS_FLOW (self));

  if (self->attempt == NULL || index < 0 || (guint) index >= self->attempt->messages->len)
    return;
  self->message = index;
  msg = g_ptr_array_index (self->attempt->messages, index);
  ld_win_ladder_set_selected (self->ladder, index);
  self->raw_shown = ld_win_raw_show (gtk_text_view_get_buffer (self->raw_view), self->analysis, msg);
  summary = ld_sip_message_dup_summary (msg);
  heading = g_strdup_printf (_("Message %d of %u: %s"), index + 1, self->attempt->messages->len, summary);
  gtk_label_set_text (self->message_heading, heading);
  update_actions (self);
}

/* Evidence points at a file line; selects the message whose record
 * covers it. */
gboolean
ld_win_flow_select_line (LdWinFlow *self,
                         guint      input,
                         guint64    line)
{
  int best = -1;

  if (self->attempt == NULL)
    return FALSE;
  for (guint i = 0; i < self->attempt->messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (self->attempt->messages, i);

      if (msg->input == input && msg->line <= line)
        best = i;
    }
  if (best < 0)
    return FALSE;
  ld_win_flow_select_message (self, best);
  return TRUE;
}

int
ld_win_flow_get_selected (LdWinFlow *self)
{
  return self->message;
}

/**
 * ld_win_flow_get_ladder:
 *
 * Returns: (transfer none): the ladder (an #LdWinLadder)
 */
GtkWidget *
ld_win_flow_get_ladder (LdWinFlow *self)
{
  return GTK_WIDGET (self->ladder);
}

GtkPaned *
ld_win_flow_get_paned (LdWinFlow *self)
{
  return self->paned;
}

/* The whole text of the message shown, for Copy Message, or NULL. */
char *
ld_win_flow_dup_raw_text (LdWinFlow *self)
{
  const LdSipMessage *msg;

  if (self->attempt == NULL || self->message < 0 || self->analysis == NULL)
    return NULL;
  msg = g_ptr_array_index (self->attempt->messages, self->message);
  return ld_analysis_dup_message_text (self->analysis, msg, NULL, NULL);
}

static void
on_message_activated (LdWinLadder *ladder,
                      int          index,
                      LdWinFlow   *self)
{
  ld_win_flow_select_message (self, index);
}

/* Pictures --------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The ladder on white, as on paper, whatever the window's theme. */
static void
draw_picture (cairo_t         *cr,
              const LdAttempt *attempt,
              double           height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, 0, 0, PICTURE_WIDTH, height);
  cairo_fill (cr);
  ld_ladder_draw (cr, attempt, PICTURE_WIDTH, -1, FALSE);
}

/**
 * ld_win_flow_render_png:
 * @self: a flow
 * @error: %G_IO_ERROR_NOT_SUPPORTED when the flow is too long for one
 *   picture (then SVG does it)
 *
 * Returns: (transfer full) (nullable): the ladder as PNG
 */
GBytes *
ld_win_flow_render_png (LdWinFlow  *self,
                        GError    **error)
{
  double height;
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png;

  g_return_val_if_fail (self->attempt != NULL, NULL);
  height = ld_ladder_measure (self->attempt, PICTURE_WIDTH);
  if (height > PICTURE_MAX_HEIGHT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   ngettext ("This call flow has %u message, too many for one PNG picture: save it as SVG.",
                             "This call flow has %u messages, too many for one PNG picture: save it as SVG.",
                             self->attempt->messages->len),
                   self->attempt->messages->len);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, PICTURE_WIDTH, (int) height);
  cr = cairo_create (surface);
  draw_picture (cr, self->attempt, height);
  cairo_destroy (cr);
  png = g_byte_array_new ();
  cairo_surface_write_to_png_stream (surface, append_bytes, png);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (png);
}

/**
 * ld_win_flow_render_svg:
 * @self: a flow
 *
 * Returns: (transfer full): the ladder as SVG, text as text
 */
GBytes *
ld_win_flow_render_svg (LdWinFlow *self)
{
  GByteArray *svg = g_byte_array_new ();
  double height;
  cairo_surface_t *surface;
  cairo_t *cr;

  g_return_val_if_fail (self->attempt != NULL, NULL);
  height = ld_ladder_measure (self->attempt, PICTURE_WIDTH);
  surface = cairo_svg_surface_create_for_stream (append_bytes, svg, PICTURE_WIDTH, height);
  cr = cairo_create (surface);
  draw_picture (cr, self->attempt, height);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (svg);
}

static void
show_error (LdWinFlow    *self,
            const char   *primary,
            const GError *error)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = gtk_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE, "%s", primary);

  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
copy_picture_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdWinFlow *self = LD_WIN_FLOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = ld_win_flow_render_png (self, &error);
  g_autoptr(GdkTexture) texture = NULL;

  if (png != NULL)
    texture = gdk_texture_new_from_bytes (png, &error);
  if (texture == NULL)
    {
      show_error (self, _("The call flow could not be copied"), error);
      return;
    }
  gdk_clipboard_set_texture (gtk_widget_get_clipboard (widget), texture);
}

static void
copy_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  g_autofree char *raw = ld_win_flow_dup_raw_text (LD_WIN_FLOW (widget));

  if (raw != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), raw);
}

typedef struct
{
  LdWinFlow *flow;
  GBytes    *bytes;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_object_unref (data->flow);
  g_bytes_unref (data->bytes);
  g_free (data);
}

static void
on_save_response (GtkNativeDialog *chooser,
                  int              response,
                  SaveData        *data)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  /* Never over one of the logs (or anything else the user opened), and
   * whole or not at all: an existing picture of that name is replaced by
   * a complete one, or left as it was (ld-atomic-file.c). */
  if (file != NULL &&
      ((data->flow->analysis != NULL && !ld_analysis_check_output (data->flow->analysis, file, &error)) ||
       !ld_atomic_file_replace_contents (file, g_bytes_get_data (data->bytes, NULL), g_bytes_get_size (data->bytes),
                                         NULL, &error)))
    show_error (data->flow, _("The picture could not be saved"), error);
  g_object_unref (chooser);
  save_data_free (data);
}

static void
save_picture (LdWinFlow  *self,
              gboolean    svg)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GError) error = NULL;
  GBytes *bytes = svg ? ld_win_flow_render_svg (self) : ld_win_flow_render_png (self, &error);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  SaveData *data;

  if (bytes == NULL)
    {
      show_error (self, _("The call flow could not be saved as a picture"), error);
      return;
    }
  data = g_new0 (SaveData, 1);
  data->flow = g_object_ref (self);
  data->bytes = bytes;
  chooser = gtk_file_chooser_native_new (svg ? _("Save the Call Flow as SVG") : _("Save the Call Flow as PNG"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (self->attempt->id != 0)
    name = g_strdup_printf ("call-flow-attempt-%u.%s", self->attempt->id, svg ? "svg" : "png");
  else
    name = g_strdup_printf ("call-flow.%s", svg ? "svg" : "png");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_filter_set_name (filter, svg ? _("SVG pictures") : _("PNG pictures"));
  gtk_file_filter_add_suffix (filter, svg ? "svg" : "png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (on_save_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save_png_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  save_picture (LD_WIN_FLOW (widget), FALSE);
}

static void
save_svg_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  save_picture (LD_WIN_FLOW (widget), TRUE);
}

/* GObject ---------------------------------------------------------------- */

static void
ld_win_flow_dispose (GObject *object)
{
  LdWinFlow *self = LD_WIN_FLOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_FLOW);
  /* GTK 4.8 leaves the template's unnamed top child in place. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  self->attempt = NULL;
  free_own_attempt (self);
  g_clear_object (&self->analysis);
  G_OBJECT_CLASS (ld_win_flow_parent_class)->dispose (object);
}

static void
ld_win_flow_class_init (LdWinFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_flow_dispose;

  g_type_ensure (LD_WIN_TYPE_LADDER);
  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-flow.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinFlow, paned);
  gtk_widget_class_bind_template_child (widget_class, LdWinFlow, ladder);
  gtk_widget_class_bind_template_child (widget_class, LdWinFlow, message_heading);
  gtk_widget_class_bind_template_child (widget_class, LdWinFlow, picture_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinFlow, copy_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinFlow, raw_view);
  gtk_widget_class_bind_template_callback (widget_class, on_message_activated);
  gtk_widget_class_install_action (widget_class, "flow.copy-picture", NULL, copy_picture_action);
  gtk_widget_class_install_action (widget_class, "flow.save-png", NULL, save_png_action);
  gtk_widget_class_install_action (widget_class, "flow.save-svg", NULL, save_svg_action);
  gtk_widget_class_install_action (widget_class, "flow.copy-message", NULL, copy_message_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "flow");
}

static void
ld_win_flow_init (LdWinFlow *self)
{
  g_autoptr(GSettings) settings = ld_win_settings_new ();

  self->message = -1;
  gtk_widget_init_template (GTK_WIDGET (self));
  ld_win_paned_keep_fraction (self->paned, settings, "flow-pane-fraction", 0.5);
  ld_win_raw_setup_view (self->raw_view);
  update_actions (self);
}

/* A window of its own ----------------------------------------------------- */

/**
 * ld_win_flow_present_window:
 * @parent: the document window
 * @analysis: the messages' analysis
 * @messages: (element-type LdSipMessage): what to draw, in order
 * @select: (nullable): the message to open, one of @messages
 *
 * Shows the flow of @messages in a window beside the document: the
 * dialogs picked in the message list, of any kind.
 */
void
ld_win_flow_present_window (GtkWindow          *parent,
                            LdAnalysis         *analysis,
                            GPtrArray          *messages,
                            const LdSipMessage *select)
{
  GtkWidget *window = gtk_window_new ();
  LdWinFlow *flow = g_object_new (LD_WIN_TYPE_FLOW, NULL);
  g_autoptr(GHashTable) dialogs = g_hash_table_new (g_str_hash, g_str_equal);
  const LdSipMessage *first = NULL;
  g_autofree char *title = NULL;
  int width = 960, height = 720;

  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      if (msg->call_id != NULL)
        g_hash_table_add (dialogs, msg->call_id);
      if (first == NULL && msg->is_request)
        first = msg;
    }
  if (g_hash_table_size (dialogs) > 1)
    title = g_strdup_printf (ngettext ("Call Flow of %u Dialog", "Call Flow of %u Dialogs", g_hash_table_size (dialogs)),
                             g_hash_table_size (dialogs));
  else if (first != NULL)
    {
      g_autofree char *summary = ld_sip_message_dup_summary (first);

      title = g_strdup_printf (_("Call Flow: %s"), summary);
    }
  else
    title = g_strdup (_("Call Flow"));

  gtk_window_set_title (GTK_WINDOW (window), title);
  if (parent != NULL)
    {
      gtk_window_set_transient_for (GTK_WINDOW (window), parent);
      gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
      /* Never larger than the document's window on a small screen. */
      width = MIN (width, MAX (gtk_widget_get_width (GTK_WIDGET (parent)) - 40, 480));
      height = MIN (height, MAX (gtk_widget_get_height (GTK_WIDGET (parent)) - 40, 360));
    }
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (flow));
  ld_win_flow_set_messages (flow, analysis, messages);
  for (guint i = 0; select != NULL && i < messages->len; i++)
    if (g_ptr_array_index (messages, i) == select)
      ld_win_flow_select_message (flow, (int) i);
  gtk_window_present (GTK_WINDOW (window));
}
