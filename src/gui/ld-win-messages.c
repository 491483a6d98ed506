/* ld-win-messages.c - every SIP message, a field search, and the selected message as logged
 *
 * The search understands the fields a support engineer filters on in
 * sngrep and Snooper (from:, to:, callid:, method:, status:, code:) plus
 * free text, taken as a regular expression (GRegex, which is PCRE2) when it
 * compiles. A match pulls in its whole dialog (same Call-ID), because the
 * answer to "why did this INVITE fail" is in the other messages.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-messages"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-cell.h"
#include "ld-win-index-model.h"
#include "ld-win-messages.h"
#include "ld-win-raw.h"
#include "ld-win-row.h"
#include "ld-win-settings.h"

struct _LdWinMessages
{
  GtkWidget          parent_instance;

  GtkSearchEntry    *search_entry;
  GtkCheckButton    *noise_check;
  GtkLabel          *count_label;
  GtkLabel          *search_error;
  GtkPaned          *paned;
  GtkStack          *list_stack;
  GtkSpinner        *reading_spinner;
  GtkColumnView     *column_view;
  GtkWidget         *copy_button;
  GtkTextView       *raw_view;
  GtkMenuButton     *history_button;

  GSettings         *settings;
  GMenu             *history;

  LdAnalysis        *analysis;
  LdWinIndexModel   *model;        /* the messages shown */
  GtkSingleSelection *selection;
  guint              n_messages;
  gboolean           waiting;      /* the analysis's messages are being parsed */
  gboolean           select_first; /* once they are: ld_win_messages_set_query() */
};

G_DEFINE_FINAL_TYPE (LdWinMessages, ld_win_messages, GTK_TYPE_WIDGET)

typedef enum
{
  COL_TIME,
  COL_INPUT,
  COL_DIRECTION,
  COL_MESSAGE,
  COL_FROM,
  COL_TO,
  COL_CALL_ID,
} Column;

typedef enum
{
  TERM_FROM,
  TERM_TO,
  TERM_CALL_ID,
  TERM_METHOD,
  TERM_STATUS,
  TERM_CODE,
} TermKind;

typedef struct
{
  TermKind kind;
  char    *value;   /* case-folded */
} Term;

static void
term_clear (gpointer data)
{
  Term *term = data;

  g_free (term->value);
}

static gboolean
contains_nocase (const char *haystack,
                 const char *folded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, folded_needle) != NULL;
}

/* code:23 matches the number at the start of any diagnostic header, the
 * way these headers are written ("23;reason=…", "52001; reason=…"). */
static gboolean
value_has_code (const char *v,
                const char *code)
{
  gsize n = strlen (code);

  while (*v == ' ')
    v++;
  return strncmp (v, code, n) == 0 && !g_ascii_isdigit (v[n]);
}

/* A stripped message (see ld_sip_message_strip()) has its headers only in
 * its raw text: read them from there, up to the blank line. */
static gboolean
raw_has_diag_code (const char *raw,
                   const char *code)
{
  for (const char *line = raw; *line != '\0' && *line != '\r' && *line != '\n';)
    {
      const char *eol = line + strcspn (line, "\r\n");
      const char *colon = memchr (line, ':', eol - line);

      if (colon != NULL && colon - line < 64)
        {
          g_autofree char *name = g_strstrip (g_strndup (line, colon - line));
          g_autofree char *value = g_strndup (colon + 1, eol - colon - 1);
          LdDiagHeader which;

          if (ld_diag_header_from_name (name, &which) && value_has_code (value, code))
            return TRUE;
        }
      line = eol;
      if (*line == '\r')
        line++;
      if (*line == '\n')
        line++;
    }
  return FALSE;
}

static gboolean
has_diag_code (const LdSipMessage *msg,
               const char         *code)
{
  if (msg->diag_count == 0)
    return FALSE;
  if (msg->stripped)
    return raw_has_diag_code (msg->raw, code);
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const LdHeader *h = &msg->headers[i];
      LdDiagHeader which;

      if (ld_diag_header_from_name (h->name, &which) && value_has_code (h->value, code))
        return TRUE;
    }
  return FALSE;
}

static gboolean
term_matches (const Term         *term,
              const LdSipMessage *msg)
{
  switch (term->kind)
    {
    case TERM_FROM:
      return contains_nocase (msg->from, term->value);
    case TERM_TO:
      return contains_nocase (msg->to, term->value);
    case TERM_CALL_ID:
      return contains_nocase (msg->call_id, term->value);
    case TERM_METHOD:
      return msg->method != NULL && g_ascii_strcasecmp (msg->method, term->value) == 0;
    case TERM_STATUS:
      return !msg->is_request && msg->status == atoi (term->value);
    case TERM_CODE:
      return has_diag_code (msg, term->value);
    default:
      return FALSE;
    }
}

static gboolean
parse_term (const char *word,
            Term       *term)
{
  static const struct { const char *prefix; TermKind kind; } prefixes[] = {
    { "from:", TERM_FROM }, { "to:", TERM_TO }, { "callid:", TERM_CALL_ID },
    { "call-id:", TERM_CALL_ID }, { "method:", TERM_METHOD },
    { "status:", TERM_STATUS }, { "code:", TERM_CODE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      gsize n = strlen (prefixes[i].prefix);

      if (g_ascii_strncasecmp (word, prefixes[i].prefix, n) == 0 && word[n] != '\0')
        {
          term->kind = prefixes[i].kind;
          term->value = g_utf8_casefold (word + n, -1);
          return TRUE;
        }
    }
  return FALSE;
}

static void
update_count (LdWinMessages *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autofree char *text = NULL;

  gtk_spinner_set_spinning (self->reading_spinner, self->waiting);
  if (self->waiting)
    {
      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->list_stack, "reading");
      return;
    }
  text = g_strdup_printf (_("%'u of %'u messages"), n, self->n_messages);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || self->n_messages == 0 ? "list" : "nothing");
}

static void
run_search (LdWinMessages *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  gboolean show_noise = gtk_check_button_get_active (self->noise_check);
  g_autoptr(GArray) terms = g_array_new (FALSE, TRUE, sizeof (Term));
  g_autoptr(GString) free_text = g_string_new (NULL);
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GHashTable) dialogs = g_hash_table_new (g_str_hash, g_str_equal);
  g_auto(GStrv) words = NULL;
  g_autofree char *folded_text = NULL;
  g_autofree guint8 *direct = NULL;
  g_autoptr(GArray) shown = NULL;
  gboolean searching;
  GPtrArray *messages;
  const guint8 *noise_flags;

  /* Searched once the messages are ready, as then typed. */
  if (self->analysis == NULL || self->waiting)
    return;
  messages = ld_analysis_get_messages (self->analysis);
  g_array_set_clear_func (terms, term_clear);

  /* Plain whitespace split: shell-style quoting would eat the
   * backslashes of a regular expression. */
  words = g_strsplit_set (query, " \t", -1);
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    {
      Term term;

      if (words[i][0] == '\0')
        continue;
      if (parse_term (words[i], &term))
        g_array_append_val (terms, term);
      else
        {
          if (free_text->len > 0)
            g_string_append_c (free_text, ' ');
          g_string_append (free_text, words[i]);
        }
    }

  gtk_widget_set_visible (GTK_WIDGET (self->search_error), FALSE);
  if (free_text->len > 0)
    {
      g_autoptr(GError) error = NULL;

      regex = g_regex_new (free_text->str, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, &error);
      if (regex == NULL)
        {
          /* Not a valid pattern: search for the text as typed, and say so
           * in case a pattern was meant. */
          g_autofree char *msg = g_strdup_printf (_("Searching for the plain text: %s"), error->message);
          gtk_label_set_text (self->search_error, msg);
          gtk_widget_set_visible (GTK_WIDGET (self->search_error), TRUE);
          folded_text = g_utf8_casefold (free_text->str, -1);
        }
    }
  searching = terms->len > 0 || free_text->len > 0;

  direct = g_new0 (guint8, MAX (self->n_messages, 1));
  for (guint i = 0; searching && i < self->n_messages; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);
      gboolean match = TRUE;

      for (guint t = 0; match && t < terms->len; t++)
        match = term_matches (&g_array_index (terms, Term, t), msg);
      if (match && regex != NULL)
        match = msg->raw ? g_regex_match (regex, msg->raw, 0, NULL)
                         : g_regex_match (regex, msg->method ? msg->method : "", 0, NULL);
      if (match && folded_text != NULL)
        match = contains_nocase (msg->raw, folded_text);
      direct[i] = match;
      if (match && msg->call_id != NULL)
        g_hash_table_add (dialogs, msg->call_id);
    }

  /* Flags worked out while loading: the plain list is then a walk over
   * one byte a message, not over the messages themselves. */
  noise_flags = ld_analysis_get_noise_flags (self->analysis);
  shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), searching ? 64 : self->n_messages);
  for (guint i = 0; i < self->n_messages; i++)
    {
      gboolean noise = !show_noise && (noise_flags != NULL ? noise_flags[i] != 0
                                                           : ld_sip_message_is_noise (g_ptr_array_index (messages, i)));
      gboolean visible;

      if (!searching)
        visible = !noise;
      else if (direct[i])
        visible = TRUE;
      else
        {
          const LdSipMessage *msg = g_ptr_array_index (messages, i);

          visible = !noise && msg->call_id != NULL && g_hash_table_contains (dialogs, msg->call_id);
        }
      if (visible)
        g_array_append_val (shown, i);
    }
  ld_win_index_model_set (self->model, G_OBJECT (self->analysis), messages, g_steal_pointer (&shown));
  update_count (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   LdWinMessages  *self)
{
  run_search (self);
}

#define MAX_RECENT_FILTERS 10

static void
update_history_menu (LdWinMessages *self)
{
  g_auto(GStrv) recent = NULL;

  g_menu_remove_all (self->history);
  if (self->settings != NULL)
    recent = g_settings_get_strv (self->settings, "recent-filters");
  for (guint i = 0; recent != NULL && recent[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (recent[i], NULL);

      g_menu_item_set_action_and_target_value (item, "messages.use-filter", g_variant_new_string (recent[i]));
      g_menu_append_item (self->history, item);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->history_button), recent != NULL && recent[0] != NULL);
}

/* Enter keeps the search for next time: the same Call-ID or code is
 * looked for again in the next log of the same user. */
static void
remember_query (LdWinMessages *self,
                const char    *query)
{
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  if (self->settings == NULL || query[0] == '\0')
    return;
  old = g_settings_get_strv (self->settings, "recent-filters");
  builder = g_strv_builder_new ();
  g_strv_builder_add (builder, query);
  for (guint i = 0; old[i] != NULL && n < MAX_RECENT_FILTERS; i++)
    if (g_strcmp0 (old[i], query) != 0)
      {
        g_strv_builder_add (builder, old[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-filters", (const char * const *) updated);
  update_history_menu (self);
}

static void
use_filter_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  LdWinMessages *self = LD_WIN_MESSAGES (widget);

  ld_win_messages_set_query (self, g_variant_get_string (param, NULL));
}

static void
on_search_activate (GtkSearchEntry *entry,
                    LdWinMessages  *self)
{
  remember_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));

  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    {
      gtk_single_selection_set_selected (self->selection, 0);
      gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
    }
}

static void
on_noise_toggled (GtkCheckButton *check,
                  LdWinMessages  *self)
{
  run_search (self);
}

static const LdSipMessage *
selected_message (LdWinMessages *self)
{
  LdWinRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row ? ld_win_row_get_data (row) : NULL;
}

static void
on_copy_clicked (GtkButton     *button,
                 LdWinMessages *self)
{
  const LdSipMessage *msg = selected_message (self);

  if (msg != NULL && msg->raw != NULL)
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), msg->raw);
}

static void
on_selection_changed (GtkSingleSelection *selection,
                      GParamSpec         *pspec,
                      LdWinMessages      *self)
{
  const LdSipMessage *msg = selected_message (self);

  if (self->analysis == NULL)
    return;
  ld_win_raw_show (gtk_text_view_get_buffer (self->raw_view), self->analysis, msg);
  gtk_widget_set_sensitive (self->copy_button, msg != NULL && msg->raw != NULL);
}

static char *
column_text (LdWinMessages      *self,
             Column              column,
             const LdSipMessage *msg)
{
  switch (column)
    {
    case COL_TIME:
      {
        g_autofree char *t = ld_format_time (msg->time);
        return g_strdup (strlen (t) > 11 ? t + 11 : t);
      }
    case COL_INPUT:
      {
        GPtrArray *inputs = ld_analysis_get_inputs (self->analysis);
        const LdInput *input = msg->input < inputs->len ? g_ptr_array_index (inputs, msg->input) : NULL;
        return g_path_get_basename (input ? ld_input_get_display_name (input) : "?");
      }
    case COL_DIRECTION:
      return g_strdup (msg->direction == LD_DIRECTION_SENT ? _("sent →")
                       : msg->direction == LD_DIRECTION_RECEIVED ? _("← received") : "");
    case COL_MESSAGE:
      return ld_sip_message_dup_summary (msg);
    case COL_FROM:
      return ld_sip_uri_dup_address (msg->from);
    case COL_TO:
      return ld_sip_uri_dup_address (msg->to);
    case COL_CALL_ID:
      return g_strdup (msg->call_id);
    default:
      return NULL;
    }
}

/* An LdWinCell, as in the attempts list: its size does not depend on its
 * text, so the 200 rows the list keeps are not laid out to be measured,
 * only the visible ones to be drawn. */
static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  gtk_list_item_set_child (item, ld_win_cell_new (0, PANGO_ELLIPSIZE_END));
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           LdWinMessages            *self)
{
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  LdWinRow *row = gtk_list_item_get_item (item);
  const LdSipMessage *msg = ld_win_row_get_data (row);
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = column_text (self, column, msg);

  ld_win_cell_set_text (LD_WIN_CELL (cell), text);
  if (column == COL_MESSAGE)
    {
      if (msg->diag_count > 0)
        gtk_widget_add_css_class (cell, "diagnostic");
      else
        gtk_widget_remove_css_class (cell, "diagnostic");
    }
}

static void
add_column (LdWinMessages *self,
            const char    *title,
            Column         column,
            int            fixed_width,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkColumnViewColumn) col = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (self->column_view, col);
}

static void
ld_win_messages_dispose (GObject *object)
{
  LdWinMessages *self = LD_WIN_MESSAGES (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_MESSAGES);
  /* GTK 4.8 leaves the template's unnamed top child in place. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->settings);
  g_clear_object (&self->history);
  g_clear_object (&self->analysis);
  G_OBJECT_CLASS (ld_win_messages_parent_class)->dispose (object);
}

static void ld_win_messages_map (GtkWidget *widget);

static void
ld_win_messages_class_init (LdWinMessagesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_messages_dispose;
  widget_class->map = ld_win_messages_map;

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-messages.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, noise_check);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, search_error);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, paned);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, copy_button);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, raw_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, history_button);
  gtk_widget_class_install_action (widget_class, "messages.use-filter", "s", use_filter_action);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_noise_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_copy_clicked);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
ld_win_messages_init (LdWinMessages *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = ld_win_index_model_new ();
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect (self->selection, "notify::selected", G_CALLBACK (on_selection_changed), self);

  add_column (self, _("Time"), COL_TIME, 100, FALSE);
  add_column (self, _("Input"), COL_INPUT, 150, FALSE);
  add_column (self, _("Direction"), COL_DIRECTION, 90, FALSE);
  add_column (self, _("Message"), COL_MESSAGE, -1, TRUE);
  add_column (self, _("From"), COL_FROM, 170, FALSE);
  add_column (self, _("To"), COL_TO, 170, FALSE);
  add_column (self, _("Call-ID"), COL_CALL_ID, 150, FALSE);

  self->history = g_menu_new ();
  gtk_menu_button_set_menu_model (self->history_button, G_MENU_MODEL (self->history));
  self->settings = ld_win_settings_new ();
  update_history_menu (self);
}

void
ld_win_messages_set_analysis (LdWinMessages *self,
                              LdAnalysis    *analysis)
{
  g_return_if_fail (LD_WIN_IS_MESSAGES (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  ld_win_index_model_set (self->model, NULL, NULL, NULL);
  g_set_object (&self->analysis, analysis);
  /* The window calls again once they are parsed. */
  self->waiting = analysis != NULL && !ld_analysis_has_messages (analysis);
  self->n_messages = analysis != NULL && !self->waiting ? ld_analysis_get_messages (analysis)->len : 0;
  run_search (self);
  update_count (self);
  if (!self->waiting)
    {
      if (self->select_first && g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
        gtk_single_selection_set_selected (self->selection, 0);
      self->select_first = FALSE;
    }
}

/**
 * ld_win_messages_is_waiting:
 * @self: the message browser
 *
 * Returns: %TRUE while its analysis's messages are still being parsed:
 *   it says so instead of listing them
 */
gboolean
ld_win_messages_is_waiting (LdWinMessages *self)
{
  return self->waiting;
}

void
ld_win_messages_set_query (LdWinMessages *self,
                           const char    *query)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  run_search (self);
  self->select_first = self->waiting;
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0)
    gtk_single_selection_set_selected (self->selection, 0);
}

void
ld_win_messages_focus_search (LdWinMessages *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

guint
ld_win_messages_get_n_visible (LdWinMessages *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->model));
}

const LdSipMessage *
ld_win_messages_get_visible (LdWinMessages *self,
                             guint          position)
{
  return ld_win_index_model_get_data (self->model, position);
}

/* The list gets its model once it is on screen: GtkListView (GTK 4.8)
 * makes widgets for 200 rows as soon as its model has items, shown or
 * not, and a document loaded behind another page would pay for them. */
static void
attach_model (LdWinMessages *self)
{
  if (gtk_column_view_get_model (self->column_view) == NULL)
    gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
}

static void
ld_win_messages_map (GtkWidget *widget)
{
  attach_model (LD_WIN_MESSAGES (widget));
  GTK_WIDGET_CLASS (ld_win_messages_parent_class)->map (widget);
}

/* GTK 4.8 has no gtk_column_view_scroll_to(); the list inside the column
 * view answers the "list.scroll-to-item" action. */
static void
scroll_to (LdWinMessages *self,
           guint          position)
{
  attach_model (self);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

void
ld_win_messages_select_message (LdWinMessages      *self,
                                const LdSipMessage *msg)
{
  guint position = ld_win_index_model_find (self->model, msg);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to (self, position);
}

GtkPaned *
ld_win_messages_get_paned (LdWinMessages *self)
{
  return self->paned;
}
