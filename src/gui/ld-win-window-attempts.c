/* ld-win-window-attempts.c - the attempts list: columns, sorting, the failed filter, filling it a few rows a frame
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "ld-win-window-private.h"
#include "ld-win-cell.h"
#include "ld-win-copy.h"
#include "ld-win-row.h"

guint
_ld_win_window_selected_attempt_id (LdWinWindow *self)
{
  LdWinRow *row = gtk_single_selection_get_selected_item (self->attempt_selection);

  return row ? ((const LdAttempt *) ld_win_row_get_data (row))->id : 0;
}

static void
update_attempts_count (LdWinWindow *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
  guint total = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_store));
  g_autofree char *text = g_strdup_printf (ngettext ("%u of %u attempt", "%u of %u attempts", total), shown, total);

  gtk_label_set_text (self->attempts_count, text);
}

/* GtkListView (GTK 4.8) keeps widgets for up to 200 rows around its first
 * visible one, however few fit on screen, and the attempts list has nine
 * cells a row. Creating, measuring and drawing them for 200 rows at once
 * froze the window for about a tenth of a second after a large log was
 * read. So rows go in a few a frame: a handful first (they are on screen),
 * then more each frame. While frames stay short the batch doubles; a
 * longer frame tells what a row costs on this machine, and the next batch
 * is what fits in FILL_FRAME_BUDGET at that cost.
 * Past FILL_REALIZED_ROWS no widget is made for the rest, which then go in
 * large batches: a frame that adds 17,000 rows takes no longer than one
 * that adds 4,096 (15 ms; what it costs is the list's layout, not the
 * rows), so one batch holds all of a large log's attempts. That is GTK's
 * 200 (GTK_LIST_VIEW_MAX_LIST_ITEMS, gtklistview.c) and the two it keeps
 * beside each of its two trackers, the anchor and the selection: with 256
 * here, as before, the last rows went in a paced frame of their own
 * though they get no widget (typical-500: one frame, 15-25 ms, less).
 * Larger first batches (32 first, 64 beside each card) put the rows in
 * with the cards, in five frames instead of nine, and loaded logs of up
 * to 100 MB 10-20 % sooner, with the same stalls on a quiet machine; with
 * another program keeping a processor busy, the longest stall of
 * typical-500 went from 31-45 to 44-54 ms (6 runs each), past the 50 ms
 * it must stay under. Not kept. */
#define FILL_REALIZED_ROWS   204
#define FILL_FIRST_ROWS      8
#define FILL_MAX_ROWS        128
#define FILL_BESIDE_CARDS    24
#define FILL_SHORT_FRAME     (20 * G_TIME_SPAN_MILLISECOND)
#define FILL_FRAME_BUDGET    (30 * G_TIME_SPAN_MILLISECOND)
#define FILL_BATCH           65536

static int
compare_rows_by_view (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  return gtk_sorter_compare (GTK_SORTER (user_data),
                             *(gpointer const *) a,
                             *(gpointer const *) b);
}

/* Usually so: the analysis lists attempts by time, as the view does until
 * another column is picked. One pass instead of a sort. */
static gboolean
in_view_order (GPtrArray *rows,
               GtkSorter *sorter)
{
  for (guint i = 1; i < rows->len; i++)
    if (gtk_sorter_compare (sorter, rows->pdata[i - 1], rows->pdata[i]) == GTK_ORDERING_LARGER)
      return FALSE;
  return TRUE;
}

static void
remove_fill_tick (LdWinWindow *self)
{
  if (self->fill_tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->fill_tick_id);
  self->fill_tick_id = 0;
}

void
_ld_win_window_stop_filling (LdWinWindow *self)
{
  remove_fill_tick (self);
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_next = 0;
  self->fill_select_id = 0;
  self->fill_scroll = FALSE;
}

static gboolean select_listed_attempt (LdWinWindow *self,
                                       guint        attempt_id,
                                       gboolean     scroll);
static void     scroll_attempts_to    (LdWinWindow *self,
                                       guint        position);

/* Moves up to @n pending rows into the store. Returns TRUE when the list
 * is complete. */
static gboolean
fill_attempts (LdWinWindow *self,
               guint        n)
{
  guint left = self->pending_rows->len - self->pending_next;

  n = MIN (n, left);
  g_list_store_splice (self->attempt_store, g_list_model_get_n_items (G_LIST_MODEL (self->attempt_store)), 0,
                       self->pending_rows->pdata + self->pending_next, n);
  self->pending_next += n;

  /* Selected as soon as its row is in, but scrolled to only once all are:
   * GTK 4.8's list view, asked to scroll while rows are still being
   * added, left rows above the selected one blank (rows 2 and 3 of a
   * conference log whose sixth attempt was shown first). */
  if (self->fill_select_id != 0 && select_listed_attempt (self, self->fill_select_id, FALSE))
    {
      self->fill_select_id = 0;
      self->fill_scroll = TRUE;
    }
  if (self->pending_next < self->pending_rows->len)
    return FALSE;

  /* In the view's order already: attaching its sorter moves nothing. */
  gtk_sort_list_model_set_sorter (self->attempt_sorted, gtk_column_view_get_sorter (self->attempts_view));
  g_clear_pointer (&self->pending_rows, g_ptr_array_unref);
  self->pending_next = 0;
  self->fill_select_id = 0;
  if (self->fill_scroll)
    {
      guint selected = gtk_single_selection_get_selected (self->attempt_selection);

      self->fill_scroll = FALSE;
      if (selected != GTK_INVALID_LIST_POSITION)
        scroll_attempts_to (self, selected);
    }
  update_attempts_count (self);
  return TRUE;
}

static gboolean
fill_attempts_tick (GtkWidget     *widget,
                    GdkFrameClock *clock,
                    gpointer       user_data)
{
  LdWinWindow *self = LD_WIN_WINDOW (widget);
  guint listed = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_store));
  gint64 now = g_get_monotonic_time ();

  /* The first frame lays out the whole new document: no more in that one.
   * Then the first rows, then the rows below the fold. */
  if (gdk_frame_clock_get_frame_counter (clock) <= self->fill_frame + 1)
    {
      self->fill_last = 0;
      return G_SOURCE_CONTINUE;
    }

  /* While the attempt view adds its finding cards, one a frame (see
   * add_pending_tick()), a fixed few rows go in beside each: such a frame
   * costs mostly what the card does, and would tell the rows' cost wrong.
   * Otherwise, the time since the last rows went in is the frame that
   * showed them. */
  if (listed >= FILL_FIRST_ROWS && ld_win_attempt_view_is_filling (self->attempt_view))
    {
      self->fill_rows = FILL_BESIDE_CARDS;
      self->fill_last = 0;
    }
  else
    {
      if (self->fill_last != 0)
        {
          gint64 frame = now - self->fill_last;
          gint64 fit = self->fill_rows * FILL_FRAME_BUDGET / MAX (frame, 1);

          if (frame <= FILL_SHORT_FRAME)
            fit = self->fill_rows * 2;
          self->fill_rows = (guint) CLAMP (fit, 1, MIN (self->fill_rows * 2, FILL_MAX_ROWS));
        }
      self->fill_last = now;
    }

  if (!fill_attempts (self, listed < FILL_REALIZED_ROWS ? self->fill_rows : FILL_BATCH))
    {
      update_attempts_count (self);
      return G_SOURCE_CONTINUE;
    }
  self->fill_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* Empties the list before its analysis goes: its rows point into it. */
void
_ld_win_window_clear_attempts (LdWinWindow *self)
{
  _ld_win_window_stop_filling (self);
  gtk_single_selection_set_selected (self->attempt_selection, GTK_INVALID_LIST_POSITION);
  g_list_store_remove_all (self->attempt_store);
}

/* Lists the attempts of the window's analysis, a few rows a frame (see
 * fill_attempts_tick()), and selects @shown once its row is in. */
void
_ld_win_window_list_attempts (LdWinWindow     *self,
                              const LdAttempt *shown)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  GPtrArray *attempts = ld_analysis_get_attempts (self->analysis);
  GtkSorter *sorter = gtk_column_view_get_sorter (self->attempts_view);

  for (guint i = 0; i < attempts->len; i++)
    g_ptr_array_add (rows, ld_win_row_new (g_ptr_array_index (attempts, i), i));
  _ld_win_window_fit_attempt_columns (self);
  /* The rows go in already in the view's order, and its sorter is only
   * attached once all are in: a GtkSortListModel (GTK 4.8) would place
   * each added row on its own. */
  if (gtk_sorter_get_order (sorter) != GTK_SORTER_ORDER_NONE && !in_view_order (rows, sorter))
    g_ptr_array_sort_with_data (rows, compare_rows_by_view, sorter);
  gtk_sort_list_model_set_sorter (self->attempt_sorted, NULL);

  self->pending_rows = g_steal_pointer (&rows);
  self->pending_next = 0;
  self->fill_select_id = shown ? shown->id : 0;
  /* Without frames (a window not shown yet) there is nothing to pace.
   * Else the document's first frame goes out without rows: it is the
   * costliest already. */
  if (!gtk_widget_get_realized (GTK_WIDGET (self)) || self->pending_rows->len == 0)
    fill_attempts (self, G_MAXUINT);
  else
    {
      self->fill_frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
      self->fill_last = 0;
      self->fill_rows = FILL_FIRST_ROWS;
      self->fill_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), fill_attempts_tick, NULL, NULL);
    }
  update_attempts_count (self);
}

/**
 * ld_win_window_is_filling:
 * @self: a window
 *
 * Returns: %TRUE while the attempts of a just loaded document are still
 *   being added to the list, a few each frame, the attempt shown is still
 *   getting its finding cards, the timeline is not drawn yet, or the
 *   messages are still being parsed
 */
gboolean
ld_win_window_is_filling (LdWinWindow *self)
{
  return self->pending_rows != NULL || ld_win_attempt_view_is_filling (self->attempt_view) ||
         ld_win_messages_is_waiting (self->messages) || ld_win_timeline_is_held (self->timeline);
}

static void
scroll_attempts_to (LdWinWindow *self,
                    guint        position)
{
  /* GTK 4.8 has no gtk_column_view_scroll_to(). */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->attempts_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
}

/* Selects the attempt's row if it is in the list already. */
static gboolean
select_listed_attempt (LdWinWindow *self,
                       guint        attempt_id,
                       gboolean     scroll)
{
  const LdAttempt *attempt;
  guint n;

  if (self->analysis == NULL)
    return FALSE;
  attempt = ld_analysis_get_attempt_by_id (self->analysis, attempt_id);
  if (attempt == NULL)
    return FALSE;
  /* Asked for a successful attempt while only failures are listed. */
  if (!_ld_win_attempt_is_failure (attempt) && gtk_check_button_get_active (self->failed_only_check))
    gtk_check_button_set_active (self->failed_only_check, FALSE);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(LdWinRow) row = g_list_model_get_item (G_LIST_MODEL (self->attempt_sorted), i);

      if (ld_win_row_get_data (row) == attempt)
        {
          gtk_single_selection_set_selected (self->attempt_selection, i);
          if (scroll)
            scroll_attempts_to (self, i);
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
ld_win_window_select_attempt (LdWinWindow *self,
                              guint        attempt_id)
{
  /* The user asked for this one: list the rest at once. */
  if (self->pending_rows != NULL)
    {
      self->fill_select_id = 0;
      self->fill_scroll = FALSE;
      remove_fill_tick (self);
      fill_attempts (self, G_MAXUINT);
    }
  return select_listed_attempt (self, attempt_id, TRUE);
}

void
_ld_win_window_on_attempt_selected (GtkSingleSelection *selection,
                                    GParamSpec         *pspec,
                                    LdWinWindow        *self)
{
  LdWinRow *row = gtk_single_selection_get_selected_item (selection);
  const LdAttempt *attempt = row ? ld_win_row_get_data (row) : NULL;

  if (self->analysis == NULL)
    return;
  /* Whatever was picked, the list's filling must not pick another. */
  self->fill_select_id = 0;
  /* Shown already while the list was being filled. */
  if (attempt == NULL || attempt != ld_win_attempt_view_get_attempt (self->attempt_view))
    ld_win_attempt_view_set_attempt (self->attempt_view, self->analysis, attempt);
  ld_win_timeline_set_selected (self->timeline, attempt ? attempt->id : 0);
}

/* Without "Only failed" the list has no filter at all, not one that
 * passes everything: a GtkFilterListModel (GTK 4.8) with a filter finds
 * its n-th row by counting through a bitset, and the sort model reads
 * every row that way when its sorter is attached, which took 36 ms for
 * the 47,000 attempts of a conference log. */
static void
apply_failed_filter (LdWinWindow *self)
{
  gboolean active = gtk_check_button_get_active (self->failed_only_check);

  gtk_filter_list_model_set_filter (self->attempt_filtered, active ? GTK_FILTER (self->failed_filter) : NULL);
}

void
_ld_win_window_on_failed_only_toggled (GtkCheckButton *check,
                                       LdWinWindow    *self)
{
  if (self->attempt_filtered == NULL)
    return;
  apply_failed_filter (self);
  update_attempts_count (self);
}

static gboolean
failed_filter_func (gpointer item,
                    gpointer user_data)
{
  LdWinWindow *self = user_data;

  return !gtk_check_button_get_active (self->failed_only_check) || _ld_win_attempt_is_failure (ld_win_row_get_data (item));
}

/* Columns ---------------------------------------------------------------- */

typedef enum
{
  ACOL_ID,
  ACOL_TIME,
  ACOL_KIND,
  ACOL_MODALITY,
  ACOL_TARGET,
  ACOL_OUTCOME,
  ACOL_STATUS,
  ACOL_CODE,
  ACOL_DURATION,
} AttemptColumn;

/* The code the Code column shows: one that reports a failure; on a
 * failed attempt the one that explains it. Informational codes (51004,
 * 51007 …) are not shown: a call that worked has no code to look at. */
static int
primary_code (const LdAttempt *attempt)
{
  const LdDiagnostic *diag;

  for (guint i = 0; attempt->diagnostics != NULL && i < attempt->diagnostics->len; i++)
    {
      diag = g_ptr_array_index (attempt->diagnostics, i);
      if (diag->code >= 0 && ld_diagnostic_is_failure (diag))
        return diag->code;
    }
  if (!_ld_win_attempt_is_failure (attempt))
    return -1;
  diag = ld_attempt_get_primary_diagnostic (attempt);
  return diag != NULL && ld_diagnostic_get_verdict (diag) != LD_CODE_INFORMATIONAL ? diag->code : -1;
}

static char *
attempt_text (const LdAttempt *attempt,
              AttemptColumn    column)
{
  switch (column)
    {
    case ACOL_ID:
      return g_strdup_printf ("%u", attempt->id);
    case ACOL_TIME:
      {
        g_autofree char *t = ld_format_time (attempt->start);
        return g_strdup (strlen (t) > 11 ? t + 11 : t);
      }
    case ACOL_KIND:
      return g_strdup (ld_attempt_kind_get_label (attempt->kind));
    case ACOL_MODALITY:
      return g_strdup (ld_modality_get_label (attempt->modality));
    case ACOL_TARGET:
      return ld_sip_uri_dup_address (attempt->target);
    case ACOL_OUTCOME:
      return g_strdup (ld_outcome_get_label (attempt->outcome));
    case ACOL_STATUS:
      return attempt->status > 0 ? g_strdup_printf ("%d", attempt->status) : g_strdup ("—");
    case ACOL_CODE:
      {
        int code = primary_code (attempt);
        return code >= 0 ? g_strdup_printf ("%d", code) : g_strdup ("");
      }
    case ACOL_DURATION:
      return ld_format_duration (attempt->end >= attempt->start ? attempt->end - attempt->start : -1);
    default:
      return NULL;
    }
}

static int
compare_attempts (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  const LdAttempt *x = ld_win_row_get_data ((gpointer) a);
  const LdAttempt *y = ld_win_row_get_data ((gpointer) b);
  AttemptColumn column = GPOINTER_TO_UINT (user_data);
  gint64 vx = 0, vy = 0;

  switch (column)
    {
    case ACOL_ID:
    case ACOL_TIME:
      vx = x->start; vy = y->start;
      break;
    case ACOL_KIND:
      vx = x->kind; vy = y->kind;
      break;
    case ACOL_MODALITY:
      vx = x->modality; vy = y->modality;
      break;
    case ACOL_TARGET:
      return g_strcmp0 (x->target, y->target);
    case ACOL_OUTCOME:
      vx = x->outcome; vy = y->outcome;
      break;
    case ACOL_STATUS:
      vx = x->status; vy = y->status;
      break;
    case ACOL_CODE:
      vx = primary_code (x); vy = primary_code (y);
      break;
    case ACOL_DURATION:
      vx = x->end - x->start; vy = y->end - y->start;
      break;
    default:
      break;
    }
  if (vx != vy)
    return vx < vy ? GTK_ORDERING_SMALLER : GTK_ORDERING_LARGER;
  return x->id < y->id ? GTK_ORDERING_SMALLER : x->id > y->id ? GTK_ORDERING_LARGER : GTK_ORDERING_EQUAL;
}

static gboolean
on_target_query_tooltip (GtkWidget  *cell,
                         int         x,
                         int         y,
                         gboolean    keyboard_mode,
                         GtkTooltip *tooltip,
                         gpointer    user_data)
{
  const char *text = g_object_get_data (G_OBJECT (cell), "ld-target");

  if (text == NULL || *text == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* An LdWinCell: the list keeps 200 rows of nine cells (see
 * FILL_REALIZED_ROWS), and a cell's size does not depend on its text. */
static void
setup_attempt_cell (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  AttemptColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  gboolean numeric = column == ACOL_ID || column == ACOL_STATUS || column == ACOL_CODE;
  GtkWidget *cell = ld_win_cell_new (numeric || column == ACOL_DURATION ? 1 : 0,
                                     column == ACOL_TARGET ? PANGO_ELLIPSIZE_MIDDLE : PANGO_ELLIPSIZE_END);

  if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  g_object_set_data (G_OBJECT (cell), "ld-cell", GUINT_TO_POINTER (column + 1));
  /* The whole target, which the cell may shorten in the middle. Asked
   * for when shown: setting a tooltip's text on each bind made GTK ask
   * the display where the pointer is, a round trip per row. */
  if (column == ACOL_TARGET)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect (cell, "query-tooltip", G_CALLBACK (on_target_query_tooltip), NULL);
    }
  gtk_list_item_set_child (item, cell);
}

static void
bind_attempt_cell (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  AttemptColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (factory), "column"));
  const LdAttempt *attempt = ld_win_row_get_data (gtk_list_item_get_item (item));
  GtkWidget *cell = gtk_list_item_get_child (item);
  g_autofree char *text = attempt_text (attempt, column);
  static const char *outcome_classes[] = { "outcome-succeeded", "outcome-failed",
                                           "outcome-cancelled", "outcome-no-response" };

  ld_win_cell_set_text (LD_WIN_CELL (cell), text);
  g_object_set_data (G_OBJECT (cell), "ld-attempt", (gpointer) attempt);
  if (column == ACOL_TARGET)
    g_object_set_data_full (G_OBJECT (cell), "ld-target", g_strdup (attempt->target), g_free);
  if (column == ACOL_OUTCOME)
    {
      for (guint i = 0; i < G_N_ELEMENTS (outcome_classes); i++)
        gtk_widget_remove_css_class (cell, outcome_classes[i]);
      if ((guint) attempt->outcome < G_N_ELEMENTS (outcome_classes))
        gtk_widget_add_css_class (cell, outcome_classes[attempt->outcome]);
    }
}

static GtkColumnViewColumn *
add_attempt_column (LdWinWindow   *self,
                    const char    *title,
                    AttemptColumn  column,
                    int            width,
                    gboolean       expand)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *col;
  g_autoptr(GtkSorter) sorter = NULL;

  g_object_set_data (G_OBJECT (factory), "column", GUINT_TO_POINTER (column));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_attempt_cell), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_attempt_cell), self);
  col = gtk_column_view_column_new (title, factory);
  sorter = GTK_SORTER (gtk_custom_sorter_new (compare_attempts, GUINT_TO_POINTER (column), NULL));
  gtk_column_view_column_set_sorter (col, sorter);
  gtk_column_view_column_set_resizable (col, TRUE);
  gtk_column_view_column_set_expand (col, expand);
  if (width > 0)
    gtk_column_view_column_set_fixed_width (col, width);
  gtk_column_view_append_column (self->attempts_view, col);
  g_object_unref (col);
  return col;
}

/* Copy and the context menu --------------------------------------------- */

static const char *
column_title (AttemptColumn column)
{
  static const char *titles[] = { N_("#"), N_("Time"), N_("Kind"), N_("Modality"), N_("Target"),
                                  N_("Outcome"), N_("Status"), N_("Code"), N_("Duration") };

  return _(titles[column]);
}

/* The selected attempt's row, every column, as text or CSV (the whole
 * target, not as shortened on screen). */
void
_ld_win_window_copy_attempts_action (GSimpleAction *action,
                                     GVariant      *param,
                                     gpointer       user_data)
{
  LdWinWindow *self = user_data;
  LdWinRow *row = gtk_single_selection_get_selected_item (self->attempt_selection);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GStrvBuilder) titles = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) cells = g_strv_builder_new ();
  g_auto(GStrv) title_strv = NULL;
  g_autofree char *text = NULL;
  const LdAttempt *attempt;

  if (row == NULL)
    return;
  attempt = ld_win_row_get_data (row);
  for (AttemptColumn c = ACOL_ID; c <= ACOL_DURATION; c++)
    {
      g_autofree char *value = c == ACOL_TARGET ? g_strdup (attempt->target) : attempt_text (attempt, c);

      g_strv_builder_add (titles, column_title (c));
      g_strv_builder_add (cells, value != NULL ? value : "");
    }
  g_strv_builder_add (titles, _("Call-ID"));
  g_strv_builder_add (cells, attempt->call_id != NULL ? attempt->call_id : "");
  title_strv = g_strv_builder_end (titles);
  g_ptr_array_add (rows, g_strv_builder_end (cells));
  text = ld_win_copy_format_rows ((const char * const *) title_strv, rows,
                                  g_str_equal (g_action_get_name (G_ACTION (action)), "copy-attempts-csv"));
  ld_win_copy_text (GTK_WIDGET (self), text);
}

void
_ld_win_window_copy_value_action (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  ld_win_copy_text (GTK_WIDGET (user_data), g_variant_get_string (param, NULL));
}

/* "Show the messages of this call" and the like: the message list, with
 * this search. */
void
_ld_win_window_search_messages_action (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis == NULL)
    return;
  gtk_stack_set_visible_child_name (self->doc_stack, "messages");
  ld_win_messages_set_query (self->messages, g_variant_get_string (param, NULL));
}

static void
append_item (GMenu      *menu,
             const char *label,
             const char *action,
             const char *target)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (target));
  g_menu_append_item (menu, item);
}

static GMenuModel *
attempts_context_menu (GtkColumnView *view,
                       GtkWidget     *cell,
                       gpointer       user_data)
{
  LdWinWindow *self = user_data;
  const LdAttempt *attempt = cell ? g_object_get_data (G_OBJECT (cell), "ld-attempt") : NULL;
  LdWinRow *row;
  GMenu *menu;
  g_autoptr(GMenu) copy = g_menu_new ();
  g_autoptr(GMenu) search = g_menu_new ();
  int code;

  if (attempt != NULL)
    ld_win_window_select_attempt (self, attempt->id);
  row = gtk_single_selection_get_selected_item (self->attempt_selection);
  if (row == NULL)
    return NULL;
  attempt = ld_win_row_get_data (row);
  menu = g_menu_new ();

  g_menu_append (copy, _("_Copy Row"), "win.copy-attempts");
  g_menu_append (copy, _("Copy Row as CS_V"), "win.copy-attempts-csv");
  if (cell != NULL)
    {
      AttemptColumn column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (cell), "ld-cell")) - 1;
      g_autofree char *value = column == ACOL_TARGET ? g_strdup (attempt->target) : attempt_text (attempt, column);

      if (column <= ACOL_DURATION && value != NULL && *value != '\0')
        {
          g_autofree char *label = g_strdup_printf (_("Copy “%s”"), column_title (column));

          append_item (copy, label, "win.copy-value", value);
        }
    }
  if (attempt->call_id != NULL)
    append_item (copy, _("Copy Call-_ID"), "win.copy-value", attempt->call_id);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (copy));

  if (attempt->call_id != NULL)
    {
      g_autofree char *query = g_strdup_printf ("callid:%s", attempt->call_id);

      append_item (search, _("Show the _Messages of This Call"), "win.search-messages", query);
    }
  {
    g_autofree char *address = ld_sip_uri_dup_address (attempt->remote_party ? attempt->remote_party
                                                                             : attempt->target);

    if (address != NULL && *address != '\0' && strchr (address, ' ') == NULL)
      {
        g_autofree char *query = g_strdup_printf ("to:%s OR from:%s", address, address);

        append_item (search, _("Show All Messages _With This Party"), "win.search-messages", query);
      }
  }
  code = primary_code (attempt);
  if (code >= 0)
    {
      g_autofree char *query = g_strdup_printf ("code:%d", code);
      g_autofree char *label = g_strdup_printf (_("Show All Messages with Code %d"), code);

      append_item (search, label, "win.search-messages", query);
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (search));
  g_object_set_data_full (G_OBJECT (view), "ld-menu", menu, g_object_unref);
  return G_MENU_MODEL (menu);
}

static void
add_copy_shortcuts (LdWinWindow *self)
{
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK),
                                                          gtk_named_action_new ("win.copy-attempts")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK),
                                                          gtk_named_action_new ("win.copy-attempts-csv")));
  gtk_widget_add_controller (GTK_WIDGET (self->attempts_view), shortcuts);
}

/* The Kind and Modality columns: where the list has room (a wide window,
 * the details beside it), as wide as the kinds and modalities the document
 * has ("peer-to-peer", "Anwendungsfreigabe"); where it has not, the
 * target keeps the room and they are shortened. */
void
_ld_win_window_fit_attempt_columns (LdWinWindow *self)
{
  gboolean has_kind[LD_ATTEMPT_N_KINDS] = { FALSE, };
  gboolean has_modality[LD_MODALITY_OTHER + 1] = { FALSE, };
  const char *kinds[LD_ATTEMPT_N_KINDS + 1];
  const char *modalities[LD_MODALITY_OTHER + 2];
  GListModel *columns = gtk_column_view_get_columns (self->attempts_view);
  g_autoptr(GtkColumnViewColumn) kind_col = g_list_model_get_item (columns, ACOL_KIND);
  g_autoptr(GtkColumnViewColumn) modality_col = g_list_model_get_item (columns, ACOL_MODALITY);
  GPtrArray *attempts = self->analysis != NULL ? ld_analysis_get_attempts (self->analysis) : NULL;
  guint n_kinds = 0, n_modalities = 0;

  if (kind_col == NULL || modality_col == NULL)
    return;
  for (guint i = 0; self->wide_list && attempts != NULL && i < attempts->len; i++)
    {
      const LdAttempt *attempt = g_ptr_array_index (attempts, i);

      if ((guint) attempt->kind < G_N_ELEMENTS (has_kind))
        has_kind[attempt->kind] = TRUE;
      if ((guint) attempt->modality < G_N_ELEMENTS (has_modality))
        has_modality[attempt->modality] = TRUE;
    }
  for (guint k = 0; k < G_N_ELEMENTS (has_kind); k++)
    if (has_kind[k])
      kinds[n_kinds++] = ld_attempt_kind_get_label (k);
  kinds[n_kinds] = NULL;
  for (guint m = 0; m < G_N_ELEMENTS (has_modality); m++)
    if (has_modality[m])
      modalities[n_modalities++] = ld_modality_get_label (m);
  modalities[n_modalities] = NULL;
  gtk_column_view_column_set_fixed_width (kind_col,
                                          MIN (200, ld_win_cell_column_width (GTK_WIDGET (self->attempts_view),
                                                                              kinds, FALSE, 88)));
  gtk_column_view_column_set_fixed_width (modality_col,
                                          MIN (200, ld_win_cell_column_width (GTK_WIDGET (self->attempts_view),
                                                                              modalities, FALSE, 96)));
}

/* The outcome is never shortened: the column is as wide as the longest
 * outcome in the user's language, in bold as a failure is shown
 * ("fehlgeschlagen", "keine Antwort"). */
static int
outcome_column_width (LdWinWindow *self)
{
  const char *labels[] = { ld_outcome_get_label (LD_OUTCOME_SUCCEEDED), ld_outcome_get_label (LD_OUTCOME_FAILED),
                           ld_outcome_get_label (LD_OUTCOME_CANCELLED), ld_outcome_get_label (LD_OUTCOME_NO_RESPONSE),
                           NULL };

  return ld_win_cell_column_width (GTK_WIDGET (self->attempts_view), labels, TRUE, 96);
}

void
_ld_win_window_setup_attempts (LdWinWindow *self)
{
  GtkColumnViewColumn *time_col;

  self->attempt_store = g_list_store_new (LD_WIN_TYPE_ROW);
  self->failed_filter = gtk_custom_filter_new (failed_filter_func, self, NULL);
  self->attempt_filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->attempt_store)), NULL);
  apply_failed_filter (self);
  /* 700 pixels in all: the list beside the details on a 1280 pixel
   * window, or over them at 800. */
  add_attempt_column (self, column_title (ACOL_ID), ACOL_ID, 36, FALSE);
  {
    const char *times[] = { "08:08:08.888", "20:48:58.000", NULL };

    time_col = add_attempt_column (self, column_title (ACOL_TIME), ACOL_TIME,
                                   ld_win_cell_column_width (GTK_WIDGET (self->attempts_view), times, FALSE, 98), FALSE);
  }
  /* Kind and modality are fitted to the document's where the list has
   * room (_ld_win_window_fit_attempt_columns()); the target takes the rest. */
  add_attempt_column (self, column_title (ACOL_KIND), ACOL_KIND, 88, FALSE);
  add_attempt_column (self, column_title (ACOL_MODALITY), ACOL_MODALITY, 96, FALSE);
  add_attempt_column (self, column_title (ACOL_TARGET), ACOL_TARGET, 96, TRUE);
  add_attempt_column (self, column_title (ACOL_OUTCOME), ACOL_OUTCOME, outcome_column_width (self), FALSE);
  add_attempt_column (self, column_title (ACOL_STATUS), ACOL_STATUS, 52, FALSE);
  add_attempt_column (self, column_title (ACOL_CODE), ACOL_CODE, 50, FALSE);
  {
    /* "10 min 52 s" whole: as wide as the longest durations read. */
    g_autofree char *minutes = ld_format_duration (59 * 60 * 1000 + 59 * 1000);
    g_autofree char *hours = ld_format_duration (23 * 3600 * 1000 + 59 * 60 * 1000);
    const char *durations[] = { minutes, hours, NULL };

    add_attempt_column (self, column_title (ACOL_DURATION), ACOL_DURATION,
                        ld_win_cell_column_width (GTK_WIDGET (self->attempts_view), durations, FALSE, 76), FALSE);
  }

  self->attempt_sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->attempt_filtered)),
                                                  g_object_ref (gtk_column_view_get_sorter (self->attempts_view)));
  self->attempt_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->attempt_sorted)));
  gtk_single_selection_set_autoselect (self->attempt_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->attempt_selection, TRUE);
  g_signal_connect (self->attempt_selection, "notify::selected", G_CALLBACK (_ld_win_window_on_attempt_selected), self);
  gtk_column_view_set_model (self->attempts_view, GTK_SELECTION_MODEL (self->attempt_selection));
  gtk_column_view_sort_by_column (self->attempts_view, time_col, GTK_SORT_ASCENDING);
  ld_win_column_view_add_context_menu (self->attempts_view, attempts_context_menu, self);
  add_copy_shortcuts (self);
}

/* For tests: the id of the attempt selected in the list, or 0 */
guint
ld_win_window_get_selected_attempt_id (LdWinWindow *self)
{
  return _ld_win_window_selected_attempt_id (self);
}

guint
ld_win_window_get_n_listed_attempts (LdWinWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
}

void
_ld_win_window_step_failure (LdWinWindow *self,
                             int          step)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->attempt_sorted));
  guint current = gtk_single_selection_get_selected (self->attempt_selection);
  int pos;

  if (n == 0)
    return;
  gtk_stack_set_visible_child_name (self->doc_stack, "attempts");
  pos = current == GTK_INVALID_LIST_POSITION ? (step > 0 ? -1 : (int) n) : (int) current;
  for (guint k = 0; k < n; k++)
    {
      g_autoptr(LdWinRow) row = NULL;

      pos += step;
      if (pos < 0 || pos >= (int) n)
        break;
      row = g_list_model_get_item (G_LIST_MODEL (self->attempt_sorted), pos);
      if (_ld_win_attempt_is_failure (ld_win_row_get_data (row)))
        {
          gtk_single_selection_set_selected (self->attempt_selection, pos);
          scroll_attempts_to (self, pos);
          return;
        }
    }
  gtk_widget_error_bell (GTK_WIDGET (self));
}
