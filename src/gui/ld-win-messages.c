/* ld-win-messages.c - every SIP message, a search, and the selected message as logged
 *
 * The search is the core's query language (ld-message-filter.c): what a
 * support engineer filters on in sngrep and Snooper, with NOT, OR and time
 * ranges. A match pulls in its whole dialog (same Call-ID), because the
 * answer to "why did this INVITE fail" is in the other messages; the
 * messages that only came with their dialog are dimmed, and what matched
 * is marked in the message's text. Several dialogs of any kind can be
 * selected and drawn as one call flow.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-messages"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-cell.h"
#include "ld-win-copy.h"
#include "ld-win-index-model.h"
#include "ld-win-messages.h"
#include "ld-win-raw.h"
#include "ld-win-row.h"
#include "ld-win-settings.h"
#include "ld-win-text.h"

#define MAX_RECENT_FILTERS 10
#define MS_PER_DAY ((gint64) 24 * 60 * 60 * 1000)

typedef enum
{
  COL_DATE,
  COL_TIME,
  COL_DELTA,
  COL_INPUT,
  COL_DIRECTION,
  COL_MESSAGE,
  COL_FROM,
  COL_TO,
  COL_CALL_ID,
  N_COLUMNS
} Column;

struct _LdWinMessages
{
  GtkWidget          parent_instance;

  GtkSearchEntry    *search_entry;
  GtkLabel          *count_label;
  GtkLabel          *search_error;
  GtkPaned          *paned;
  GtkStack          *list_stack;
  GtkSpinner        *reading_spinner;
  GtkColumnView     *column_view;
  GtkTextView       *raw_view;
  GtkLabel          *raw_empty;
  GtkLabel          *syntax_label;
  GMenu             *history;

  GtkColumnViewColumn *columns[N_COLUMNS];
  GSettings         *settings;

  LdAnalysis        *analysis;
  LdWinIndexModel   *model;        /* the messages shown */
  GtkMultiSelection *selection;
  guint              n_messages;
  guint              n_noise_hidden; /* presence and keep-alives left out */
  gboolean           waiting;      /* the analysis's messages are being parsed */
  gboolean           select_first; /* once they are: the first match */
  gboolean           show_noise;
  LdMessageFilter   *filter;       /* the search in force, NULL for none */
  char              *searched;     /* its text, to tell a new search from the same */
  guint8            *matched;      /* per message: a match, not only of its dialog */
  const LdSipMessage *shown;       /* in the text view */
};

G_DEFINE_FINAL_TYPE (LdWinMessages, ld_win_messages, GTK_TYPE_WIDGET)

enum {
  MESSAGE_ACTIVATED,
  FLOW_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

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
  /* Say why a list with no search holds fewer than all. */
  if (self->n_noise_hidden > 0)
    text = g_strdup_printf (ngettext ("%'u of %'u message, presence and keep-alives hidden",
                                      "%'u of %'u messages, presence and keep-alives hidden", self->n_messages),
                            n, self->n_messages);
  else
    text = g_strdup_printf (ngettext ("%'u of %'u message", "%'u of %'u messages", self->n_messages),
                            n, self->n_messages);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 || self->n_messages == 0 ? "list" : "nothing");
}

static void
show_search_note (LdWinMessages *self,
                  const char    *text,
                  gboolean       error)
{
  gtk_label_set_text (self->search_error, text != NULL ? text : "");
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->search_error), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->search_error), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->search_error), text != NULL && *text != '\0');
}

static void
show_raw (LdWinMessages      *self,
          const LdSipMessage *msg)
{
  gboolean shown;

  self->shown = msg;
  gtk_widget_set_visible (GTK_WIDGET (self->raw_empty), msg == NULL);
  shown = ld_win_raw_show_marked (gtk_text_view_get_buffer (self->raw_view), self->analysis, msg,
                                  msg != NULL && self->matched != NULL && self->filter != NULL ? self->filter : NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.copy-message", shown);
}

/* Runs the search in the entry, unless it is the one in force. A query
 * that does not parse keeps the last list and says what is wrong. */
static void
run_search (LdWinMessages *self,
            gboolean       force)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GError) error = NULL;
  g_autoptr(LdMessageFilter) filter = NULL;
  g_autoptr(GHashTable) dialogs = NULL;
  g_autoptr(GArray) shown = NULL;
  g_autofree guint8 *matched = NULL;
  gboolean searching;
  GPtrArray *messages;
  const guint8 *noise_flags;

  /* Searched once the messages are ready, as then typed. */
  if (self->analysis == NULL || self->waiting)
    return;
  if (!force && g_strcmp0 (query, self->searched) == 0)
    return;

  filter = ld_message_filter_new (query, &error);
  if (filter == NULL)
    {
      show_search_note (self, error->message, TRUE);
      return;
    }
  show_search_note (self, ld_message_filter_get_note (filter), FALSE);
  g_free (self->searched);
  self->searched = g_strdup (query);

  messages = ld_analysis_get_messages (self->analysis);
  searching = !ld_message_filter_is_empty (filter);
  if (searching)
    {
      /* The texts are read in the list's order, which is mostly the
       * file's, a megabyte at a time (ld-message-text.c); only when the
       * query reads them. */
      g_autoptr(LdMessageTexts) texts = ld_message_filter_needs_text (filter) ? ld_message_texts_new (self->analysis)
                                                                              : NULL;
      g_autoptr(GError) text_error = NULL;

      dialogs = g_hash_table_new (g_str_hash, g_str_equal);
      matched = g_new0 (guint8, MAX (self->n_messages, 1));
      for (guint i = 0; i < self->n_messages; i++)
        {
          const LdSipMessage *msg = g_ptr_array_index (messages, i);
          const char *text = NULL;

          if (texts != NULL)
            {
              g_autoptr(GError) local_error = NULL;

              text = ld_message_texts_get (texts, msg, NULL, &local_error);
              if (local_error != NULL && text_error == NULL)
                text_error = g_steal_pointer (&local_error);
            }
          if (ld_message_filter_match (filter, msg, text))
            {
              matched[i] = 1;
              if (msg->call_id != NULL)
                g_hash_table_add (dialogs, msg->call_id);
            }
        }
      /* Searched by what was parsed of them instead: said. */
      if (text_error != NULL)
        show_search_note (self, text_error->message, TRUE);
    }

  /* Flags worked out while loading: the plain list is then a walk over
   * one byte a message, not over the messages themselves. */
  noise_flags = ld_analysis_get_noise_flags (self->analysis);
  shown = g_array_sized_new (FALSE, FALSE, sizeof (guint), searching ? 64 : self->n_messages);
  self->n_noise_hidden = 0;
  for (guint i = 0; i < self->n_messages; i++)
    {
      gboolean noise = !self->show_noise && (noise_flags != NULL ? noise_flags[i] != 0
                                                                 : ld_sip_message_is_noise (g_ptr_array_index (messages, i)));
      gboolean visible;

      if (noise && (!searching || !matched[i]))
        self->n_noise_hidden++;

      if (!searching)
        visible = !noise;
      else if (matched[i])
        visible = TRUE;
      else
        {
          const LdSipMessage *msg = g_ptr_array_index (messages, i);

          visible = !noise && msg->call_id != NULL && g_hash_table_contains (dialogs, msg->call_id);
        }
      if (visible)
        g_array_append_val (shown, i);
    }

  g_clear_pointer (&self->filter, ld_message_filter_free);
  self->filter = g_steal_pointer (&filter);
  g_free (self->matched);
  self->matched = g_steal_pointer (&matched);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  ld_win_index_model_set (self->model, G_OBJECT (self->analysis), messages, g_steal_pointer (&shown));
  show_raw (self, NULL);
  update_count (self);
}

static void
on_search_changed (GtkSearchEntry *entry,
                   LdWinMessages  *self)
{
  run_search (self, FALSE);
}

/* Matches ------------------------------------------------------------------- */

static gboolean
is_match (LdWinMessages *self,
          guint          position)
{
  guint index = ld_win_index_model_get_index (self->model, position);

  return self->matched != NULL && index < self->n_messages && self->matched[index];
}

/* GTK 4.8 has no gtk_column_view_scroll_to(); the list inside the column
 * view answers the "list.scroll-to-item" action. */
static void
scroll_to (LdWinMessages *self,
           guint          position)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

static void
select_position (LdWinMessages *self,
                 guint          position)
{
  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  scroll_to (self, position);
}

static guint
first_selected (LdWinMessages *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));

  return gtk_bitset_is_empty (set) ? GTK_INVALID_LIST_POSITION : gtk_bitset_get_minimum (set);
}

/* The next match after the selection (or before it), going round. */
static gboolean
step_match (LdWinMessages *self,
            int            step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  guint current = first_selected (self);
  guint pos;

  if (n == 0 || self->matched == NULL)
    return FALSE;
  if (current == GTK_INVALID_LIST_POSITION)
    current = step > 0 ? n - 1 : 0;
  pos = current;
  for (guint k = 0; k < n; k++)
    {
      pos = (pos + n + step) % n;
      if (is_match (self, pos))
        {
          select_position (self, pos);
          return TRUE;
        }
    }
  return FALSE;
}

static void
next_match_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  if (!step_match (LD_WIN_MESSAGES (widget), +1))
    gtk_widget_error_bell (widget);
}

static void
previous_match_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *param)
{
  if (!step_match (LD_WIN_MESSAGES (widget), -1))
    gtk_widget_error_bell (widget);
}

/* The first match, not the first message of its dialog; the first row
 * when nothing is searched. */
static gboolean
select_first_match (LdWinMessages *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));

  for (guint pos = 0; pos < n; pos++)
    if (self->matched == NULL || is_match (self, pos))
      {
        select_position (self, pos);
        return TRUE;
      }
  return FALSE;
}

/* Recent searches ------------------------------------------------------------ */

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
  ld_win_messages_set_query (LD_WIN_MESSAGES (widget), g_variant_get_string (param, NULL));
}

/* Enter: the search as typed now, not as it was when the entry last
 * paused (its "search-changed" comes a moment after the typing), then the
 * first match. */
static void
on_search_activate (GtkSearchEntry *entry,
                    LdWinMessages  *self)
{
  remember_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  if (self->waiting)
    {
      self->select_first = TRUE;
      return;
    }
  run_search (self, FALSE);
  if (select_first_match (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
show_noise_change_state (GSimpleAction *action,
                         GVariant      *value,
                         gpointer       user_data)
{
  LdWinMessages *self = user_data;

  g_simple_action_set_state (action, value);
  self->show_noise = g_variant_get_boolean (value);
  run_search (self, TRUE);
}

/* Selection --------------------------------------------------------------------- */

static const LdSipMessage *
message_at (LdWinMessages *self,
            guint          position)
{
  return position < g_list_model_get_n_items (G_LIST_MODEL (self->model))
         ? ld_win_index_model_get_data (self->model, position) : NULL;
}

/* With several rows selected, the text view shows the one just added. */
static void
on_selection_changed (GtkSelectionModel *selection,
                      guint              position,
                      guint              n_items,
                      LdWinMessages     *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (selection);
  const LdSipMessage *msg = NULL;
  guint n = gtk_bitset_get_size (set);

  if (self->analysis == NULL)
    return;
  for (guint i = position; i < position + n_items && msg == NULL; i++)
    if (gtk_bitset_contains (set, i))
      msg = message_at (self, i);
  if (msg == NULL && n > 0)
    msg = message_at (self, gtk_bitset_get_minimum (set));
  if (msg != self->shown)
    show_raw (self, msg);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.show-flow", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.copy-rows", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.copy-csv", n > 0);
}

static void
on_row_activated (GtkColumnView *view,
                  guint          position,
                  LdWinMessages *self)
{
  const LdSipMessage *msg = message_at (self, position);

  if (msg != NULL)
    g_signal_emit (self, signals[MESSAGE_ACTIVATED], 0, msg);
}

/* Columns ------------------------------------------------------------------------ */

static char *
column_text (LdWinMessages      *self,
             Column              column,
             const LdSipMessage *msg,
             guint               position)
{
  switch (column)
    {
    case COL_DATE:
      {
        g_autofree char *t = ld_format_time (msg->time);
        return g_strndup (t, 10);
      }
    case COL_TIME:
      {
        g_autofree char *t = ld_format_time (msg->time);
        return g_strdup (strlen (t) > 11 ? t + 11 : t);
      }
    case COL_DELTA:
      {
        const LdSipMessage *prev = position > 0 ? message_at (self, position - 1) : NULL;
        g_autofree char *d = NULL;

        if (prev == NULL || prev->time < 0 || msg->time < 0)
          return g_strdup ("");
        d = ld_format_duration (msg->time - prev->time);
        return g_strdup_printf ("+%s", d);
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
    case N_COLUMNS:
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
  Column column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  GtkWidget *cell = ld_win_cell_new (column == COL_DELTA ? 1 : 0, PANGO_ELLIPSIZE_END);

  if (column == COL_TIME || column == COL_DELTA || column == COL_DATE)
    gtk_widget_add_css_class (cell, "numeric");
  g_object_set_data (G_OBJECT (cell), "ld-cell", GUINT_TO_POINTER (column + 1));
  gtk_list_item_set_child (item, cell);
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
  guint position = gtk_list_item_get_position (item);
  g_autofree char *text = column_text (self, column, msg, position);
  gboolean context = self->matched != NULL && !self->matched[ld_win_row_get_index (row)];

  ld_win_cell_set_text (LD_WIN_CELL (cell), text);
  g_object_set_data (G_OBJECT (cell), "ld-message", (gpointer) msg);
  /* Messages that only came with their dialog read as its context. */
  if (context)
    gtk_widget_add_css_class (cell, "search-context");
  else
    gtk_widget_remove_css_class (cell, "search-context");
  if (column == COL_MESSAGE)
    {
      LdCodeVerdict verdict = ld_sip_message_get_diagnostics_verdict (msg);

      /* Red for a failure only; an informational code reads as
       * information, an unknown one as neither. */
      gtk_widget_remove_css_class (cell, "diagnostic");
      gtk_widget_remove_css_class (cell, "informational");
      if (msg->diag_count > 0 && verdict == LD_CODE_FAILURE)
        gtk_widget_add_css_class (cell, "diagnostic");
      else if (msg->diag_count > 0 && verdict == LD_CODE_INFORMATIONAL)
        gtk_widget_add_css_class (cell, "informational");
    }
}

static GtkColumnViewColumn *
add_column (LdWinMessages *self,
            const char    *title,
            Column         column,
            int            fixed_width,
            gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), self);
  col = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  if (fixed_width > 0)
    gtk_column_view_column_set_fixed_width (col, fixed_width);
  gtk_column_view_append_column (self->column_view, col);
  /* Kept while out of the view (see show_column()). */
  self->columns[column] = col;
  return col;
}

/* Copy, filters, flows --------------------------------------------------------- */

static GPtrArray *
selected_messages (LdWinMessages *self)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  GPtrArray *out = g_ptr_array_new ();
  GtkBitsetIter iter;
  guint pos;

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok; ok = gtk_bitset_iter_next (&iter, &pos))
    g_ptr_array_add (out, (gpointer) message_at (self, pos));
  return out;
}

/* The visible columns' titles, and each selected row's cells. */
static char *
format_selection (LdWinMessages *self,
                  gboolean       csv)
{
  g_autoptr(GtkBitset) set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_auto(GStrv) title_strv = NULL;
  GtkBitsetIter iter;
  guint pos;

  for (guint c = 0; c < N_COLUMNS; c++)
    if (gtk_column_view_column_get_column_view (self->columns[c]) != NULL)
      g_strv_builder_add (titles, gtk_column_view_column_get_title (self->columns[c]));
  title_strv = g_strv_builder_end (titles);

  for (gboolean ok = gtk_bitset_iter_init_first (&iter, set, &pos); ok; ok = gtk_bitset_iter_next (&iter, &pos))
    {
      const LdSipMessage *msg = message_at (self, pos);
      g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();

      for (guint c = 0; c < N_COLUMNS; c++)
        if (gtk_column_view_column_get_column_view (self->columns[c]) != NULL)
          {
            g_autofree char *text = column_text (self, c, msg, pos);

            g_strv_builder_add (cells, text != NULL ? text : "");
          }
      g_ptr_array_add (rows, g_strv_builder_end (cells));
    }
  return ld_win_copy_format_rows ((const char * const *) title_strv, rows, csv);
}

static void
copy_rows_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LdWinMessages *self = LD_WIN_MESSAGES (widget);
  g_autofree char *text = format_selection (self, g_str_equal (action_name, "messages.copy-csv"));

  ld_win_copy_text (widget, text);
}

static void
copy_message_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  LdWinMessages *self = LD_WIN_MESSAGES (widget);

  g_autofree char *text = NULL;

  if (self->shown != NULL && self->analysis != NULL)
    text = ld_analysis_dup_message_text (self->analysis, self->shown, NULL, NULL);
  if (text != NULL)
    ld_win_copy_text (widget, text);
}

static void
copy_value_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *param)
{
  ld_win_copy_text (widget, g_variant_get_string (param, NULL));
}

static void
show_flow_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *param)
{
  LdWinMessages *self = LD_WIN_MESSAGES (widget);
  g_autoptr(GPtrArray) picked = selected_messages (self);
  g_autoptr(GPtrArray) flow = NULL;
  g_autoptr(GHashTable) dialogs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) alone = g_hash_table_new (NULL, NULL);
  GPtrArray *messages;

  if (self->analysis == NULL || picked->len == 0)
    return;
  /* Every message of the picked messages' dialogs, in the log's order. */
  for (guint i = 0; i < picked->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (picked, i);

      if (msg->call_id != NULL)
        g_hash_table_add (dialogs, msg->call_id);
      else
        g_hash_table_add (alone, (gpointer) msg);
    }
  messages = ld_analysis_get_messages (self->analysis);
  flow = g_ptr_array_new ();
  for (guint i = 0; i < self->n_messages; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (messages, i);

      if ((msg->call_id != NULL && g_hash_table_contains (dialogs, msg->call_id)) ||
          g_hash_table_contains (alone, msg))
        g_ptr_array_add (flow, (gpointer) msg);
    }
  g_signal_emit (self, signals[FLOW_REQUESTED], 0, flow, self->shown);
}

/* A right-click selects the row under it unless it is selected already,
 * as in a file manager, then offers what can be done with it. */
static GMenuModel *
context_menu (GtkColumnView *view,
              GtkWidget     *cell,
              gpointer       user_data)
{
  LdWinMessages *self = user_data;
  const LdSipMessage *msg = cell ? g_object_get_data (G_OBJECT (cell), "ld-message") : NULL;
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) filters = g_menu_new ();
  g_autoptr(GMenu) flow = g_menu_new ();
  g_autoptr(GtkBitset) set = NULL;

  if (msg != NULL)
    {
      guint position = ld_win_index_model_find (self->model, msg);

      set = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
      if (position != GTK_INVALID_LIST_POSITION && !gtk_bitset_contains (set, position))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
    }
  else if (self->shown != NULL)
    msg = self->shown;
  if (msg == NULL)
    {
      g_object_unref (menu);
      return NULL;
    }

  g_menu_append (copy, _("_Copy Rows"), "messages.copy-rows");
  g_menu_append (copy, _("Copy Rows as CS_V"), "messages.copy-csv");
  if (cell != NULL)
    {
      guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "ld-cell")) - 1;
      const char *text = ld_win_cell_get_text (LD_WIN_CELL (cell));

      if (column < N_COLUMNS && text != NULL && *text != '\0')
        {
          g_autofree char *label = g_strdup_printf (_("Copy “%s”"), gtk_column_view_column_get_title (self->columns[column]));
          g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

          g_menu_item_set_action_and_target_value (item, "messages.copy-value", g_variant_new_string (text));
          g_menu_append_item (copy, item);
        }
    }
  g_menu_append (copy, _("Copy _Message"), "messages.copy-message");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));

  if (msg->call_id != NULL)
    {
      g_autofree char *query = g_strdup_printf ("callid:%s", msg->call_id);
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Filter on This _Call-ID"), NULL);

      g_menu_item_set_action_and_target_value (item, "messages.use-filter", g_variant_new_string (query));
      g_menu_append_item (filters, item);
    }
  {
    g_autofree char *from = ld_sip_uri_dup_address (msg->from);

    if (from != NULL && *from != '\0' && strchr (from, ' ') == NULL)
      {
        g_autofree char *query = g_strdup_printf ("from:%s", from);
        g_autoptr(GMenuItem) item = g_menu_item_new (_("Filter on This _From"), NULL);

        g_menu_item_set_action_and_target_value (item, "messages.use-filter", g_variant_new_string (query));
        g_menu_append_item (filters, item);
      }
  }
  if (!msg->is_request)
    {
      g_autofree char *query = g_strdup_printf ("status:%d", msg->status);
      g_autoptr(GMenuItem) item = g_menu_item_new (_("Filter on This _Status"), NULL);

      g_menu_item_set_action_and_target_value (item, "messages.use-filter", g_variant_new_string (query));
      g_menu_append_item (filters, item);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (filters));

  g_menu_append (flow, _("Show _Flow"), "messages.show-flow");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (flow));
  /* The popover holds the menu from now on. */
  g_object_set_data_full (G_OBJECT (view), "ld-menu", menu, g_object_unref);
  return G_MENU_MODEL (menu);
}

/* GObject ------------------------------------------------------------------------ */

static void
ld_win_messages_dispose (GObject *object)
{
  LdWinMessages *self = LD_WIN_MESSAGES (object);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), LD_WIN_TYPE_MESSAGES);
  /* GTK 4.8 leaves the template's unnamed top child in place. */
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL;)
    gtk_widget_unparent (child);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  for (guint c = 0; c < N_COLUMNS; c++)
    g_clear_object (&self->columns[c]);
  g_clear_object (&self->settings);
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->filter, ld_message_filter_free);
  g_clear_pointer (&self->searched, g_free);
  g_clear_pointer (&self->matched, g_free);
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

  /* (const LdSipMessage *): a row was double-clicked or Enter pressed on it */
  signals[MESSAGE_ACTIVATED] =
    g_signal_new ("message-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_POINTER);
  /* (GPtrArray *messages, const LdSipMessage *selected): draw these */
  signals[FLOW_REQUESTED] =
    g_signal_new ("flow-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_POINTER, G_TYPE_POINTER);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/lyncdiag/LyncDiag/ld-win-messages.ui");
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, search_entry);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, count_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, search_error);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, paned);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, list_stack);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, reading_spinner);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, column_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, raw_view);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, raw_empty);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, syntax_label);
  gtk_widget_class_bind_template_child (widget_class, LdWinMessages, history);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated);

  gtk_widget_class_install_action (widget_class, "messages.use-filter", "s", use_filter_action);
  gtk_widget_class_install_action (widget_class, "messages.next-match", NULL, next_match_action);
  gtk_widget_class_install_action (widget_class, "messages.previous-match", NULL, previous_match_action);
  gtk_widget_class_install_action (widget_class, "messages.copy-rows", NULL, copy_rows_action);
  gtk_widget_class_install_action (widget_class, "messages.copy-csv", NULL, copy_rows_action);
  gtk_widget_class_install_action (widget_class, "messages.copy-message", NULL, copy_message_action);
  gtk_widget_class_install_action (widget_class, "messages.copy-value", "s", copy_value_action);
  gtk_widget_class_install_action (widget_class, "messages.show-flow", NULL, show_flow_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "messages.next-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "messages.next-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "messages.previous-match", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "messages.previous-match", NULL);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
add_copy_shortcuts (LdWinMessages *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* On the list: the entry keeps Ctrl+C for its own text. */
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("messages.copy-rows")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("messages.copy-csv")));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
}

/* A column that is not wanted is taken out of the view, not hidden: GTK
 * 4.8 left the width of hidden columns unused instead of giving it to the
 * Message column. */
static void
show_column (LdWinMessages *self,
             Column         column,
             gboolean       show)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  gboolean in = FALSE;
  guint position = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);

      in |= col == self->columns[column];
    }
  if (show == in)
    return;
  if (!show)
    {
      gtk_column_view_remove_column (self->column_view, self->columns[column]);
      return;
    }
  /* Back in its place: after the columns before it that are in. */
  for (Column c = 0; c < column; c++)
    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) col = g_list_model_get_item (columns, i);

        if (col == self->columns[c])
          position = i + 1;
      }
  gtk_column_view_insert_column (self->column_view, position, self->columns[column]);
}

static void
ld_win_messages_init (LdWinMessages *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  static const GActionEntry entries[] = {
    { "show-noise", NULL, NULL, "false", show_noise_change_state },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->model = ld_win_index_model_new ();
  self->selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);

  {
    /* Whole in any font: the widest digits, as the cells show them. */
    const char *dates[] = { "2088-08-28", NULL };
    const char *times[] = { "08:08:08.888", "20:48:58.000", NULL };

    add_column (self, _("Date"), COL_DATE, ld_win_cell_column_width (GTK_WIDGET (self->column_view), dates, FALSE, 92),
                FALSE);
    add_column (self, _("Time"), COL_TIME, ld_win_cell_column_width (GTK_WIDGET (self->column_view), times, FALSE, 96),
                FALSE);
  }
  {
    /* "+10 min 52 s" whole, as the attempts' durations. */
    g_autofree char *d = ld_format_duration (59 * 60 * 1000 + 59 * 1000);
    g_autofree char *minutes = g_strdup_printf ("+%s", d);
    const char *deltas[] = { minutes, NULL };

    add_column (self, _("Δ"), COL_DELTA, ld_win_cell_column_width (GTK_WIDGET (self->column_view), deltas, FALSE, 72),
                FALSE);
  }
  add_column (self, _("Input"), COL_INPUT, 150, FALSE);
  {
    /* Never "← empfa…": as wide as the directions in the user's language. */
    const char *directions[] = { _("sent →"), _("← received"), NULL };

    add_column (self, _("Direction"), COL_DIRECTION,
                ld_win_cell_column_width (GTK_WIDGET (self->column_view), directions, FALSE, 90), FALSE);
  }
  add_column (self, _("Message"), COL_MESSAGE, 240, TRUE);
  add_column (self, _("From"), COL_FROM, 170, FALSE);
  add_column (self, _("To"), COL_TO, 170, FALSE);
  add_column (self, _("Call-ID"), COL_CALL_ID, 150, FALSE);
  show_column (self, COL_DATE, FALSE);
  show_column (self, COL_INPUT, FALSE);

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "msgview", G_ACTION_GROUP (group));

  ld_win_column_view_add_context_menu (self->column_view, context_menu, self);
  ld_win_raw_setup_view (self->raw_view);
  add_copy_shortcuts (self);
  ld_win_label_set_quiet_selectable (self->syntax_label);
  gtk_widget_set_visible (GTK_WIDGET (self->search_error), FALSE);

  self->settings = ld_win_settings_new ();
  update_history_menu (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.copy-message", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.show-flow", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.copy-rows", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "messages.copy-csv", FALSE);
}

/* A date column when the messages span more than one day, an input
 * column when they come from more than one file. */
static void
update_columns (LdWinMessages *self)
{
  gint64 first, last;
  /* Worked out while the messages were parsed: looking at each of them
   * here, scattered in memory, took 5 ms of the frame that shows them
   * (the 500 MB typical log's 456,000). */
  gboolean timed = self->n_messages > 0 && ld_analysis_get_messages_span (self->analysis, &first, &last);

  show_column (self, COL_DATE, timed && first / MS_PER_DAY != last / MS_PER_DAY);
  show_column (self, COL_INPUT, self->analysis != NULL && ld_analysis_get_inputs (self->analysis)->len > 1);
}

void
ld_win_messages_set_analysis (LdWinMessages *self,
                              LdAnalysis    *analysis)
{
  g_return_if_fail (LD_WIN_IS_MESSAGES (self));

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    gtk_column_view_set_model (self->column_view, NULL);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  ld_win_index_model_set (self->model, NULL, NULL, NULL);
  g_clear_pointer (&self->matched, g_free);
  g_clear_pointer (&self->filter, ld_message_filter_free);
  show_raw (self, NULL);
  g_set_object (&self->analysis, analysis);
  /* The window calls again once they are parsed. */
  self->waiting = analysis != NULL && !ld_analysis_has_messages (analysis);
  self->n_messages = analysis != NULL && !self->waiting ? ld_analysis_get_messages (analysis)->len : 0;
  update_columns (self);
  run_search (self, TRUE);
  update_count (self);
  if (!self->waiting)
    {
      if (self->select_first)
        select_first_match (self);
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

/* Searches for @query and selects its first match (once the messages
 * are parsed, when they are not yet). */
void
ld_win_messages_set_query (LdWinMessages *self,
                           const char    *query)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query);
  run_search (self, FALSE);
  self->select_first = self->waiting;
  if (!self->waiting)
    select_first_match (self);
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

/* For tests: whether the row matched the search itself, not only came
 * with its dialog */
gboolean
ld_win_messages_is_match (LdWinMessages *self,
                          guint          position)
{
  return is_match (self, position);
}

/* For tests: the message in the text view */
const LdSipMessage *
ld_win_messages_get_shown (LdWinMessages *self)
{
  return self->shown;
}

/* For tests: what the search says of the query, or "" */
const char *
ld_win_messages_get_search_note (LdWinMessages *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->search_error)) ? gtk_label_get_text (self->search_error) : "";
}

/**
 * ld_win_messages_get_count_text:
 *
 * Returns: the line over the list: how many messages are shown of how many
 */
const char *
ld_win_messages_get_count_text (LdWinMessages *self)
{
  return gtk_label_get_text (self->count_label);
}

/**
 * ld_win_messages_get_raw_placeholder:
 *
 * Returns: (transfer none): what the message pane says while no message
 *   is selected (shown only then)
 */
GtkWidget *
ld_win_messages_get_raw_placeholder (LdWinMessages *self)
{
  return GTK_WIDGET (self->raw_empty);
}

GtkTextView *
ld_win_messages_get_text_view (LdWinMessages *self)
{
  return self->raw_view;
}

GtkSearchEntry *
ld_win_messages_get_search_entry (LdWinMessages *self)
{
  return self->search_entry;
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

void
ld_win_messages_select_message (LdWinMessages      *self,
                                const LdSipMessage *msg)
{
  guint position = ld_win_index_model_find (self->model, msg);

  if (position == GTK_INVALID_LIST_POSITION)
    return;
  attach_model (self);
  select_position (self, position);
}

GtkPaned *
ld_win_messages_get_paned (LdWinMessages *self)
{
  return self->paned;
}
