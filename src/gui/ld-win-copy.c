/* ld-win-copy.c - rows and cells to the clipboard, as text or CSV, and the lists' context menus
 *
 * A helpdesk ticket is made of what is copied out of here: a row of the
 * attempts list, a Call-ID, the messages of a dialog. Rows go out as tab
 * separated text (pasted into a mail or a spreadsheet, they stay columns)
 * or as CSV, with the same quoting as the report's CSV.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-copy"

#include "config.h"

#include <string.h>

#include "ld-format.h"
#include "ld-win-copy.h"

/* A cell in tab separated text: tabs and line breaks would start another
 * cell or row. */
static void
append_tsv_field (GString    *out,
                  const char *value)
{
  for (const char *p = value ? value : ""; *p; p++)
    g_string_append_c (out, *p == '\t' || *p == '\n' || *p == '\r' ? ' ' : *p);
}

/**
 * ld_win_copy_format_rows:
 * @titles: (nullable): the column titles, a first row in CSV
 * @rows: (element-type GStrv): the rows' cells, all as many as @titles
 * @csv: CSV with a header row, else tab separated text without one
 *
 * Returns: (transfer full): the rows as text
 */
char *
ld_win_copy_format_rows (const char * const *titles,
                         GPtrArray          *rows,
                         gboolean            csv)
{
  GString *out = g_string_new (NULL);

  if (csv && titles != NULL)
    for (guint i = 0; titles[i] != NULL; i++)
      ld_format_csv_field (out, titles[i], titles[i + 1] == NULL);
  for (guint r = 0; r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      for (guint i = 0; cells[i] != NULL; i++)
        {
          if (csv)
            ld_format_csv_field (out, cells[i], cells[i + 1] == NULL);
          else
            {
              if (i > 0)
                g_string_append_c (out, '\t');
              append_tsv_field (out, cells[i]);
            }
        }
      if (!csv && r + 1 < rows->len)
        g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

void
ld_win_copy_text (GtkWidget  *widget,
                  const char *text)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text != NULL ? text : "");
}

/* Context menus ------------------------------------------------------------ */

typedef struct
{
  LdWinContextFunc func;
  gpointer         data;
  GtkWidget       *popover;
} ContextMenu;

/* Before the view goes: GTK 4.8 wants its children gone first. */
static void
on_view_destroy (GtkWidget   *view,
                 ContextMenu *menu)
{
  g_clear_pointer (&menu->popover, gtk_widget_unparent);
}

static void
popup (GtkColumnView *view,
       ContextMenu   *menu,
       GtkWidget     *cell,
       double         x,
       double         y)
{
  GMenuModel *model = menu->func (view, cell, menu->data);

  if (model == NULL)
    return;
  if (menu->popover == NULL)
    {
      menu->popover = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (menu->popover, GTK_WIDGET (view));
      gtk_popover_set_has_arrow (GTK_POPOVER (menu->popover), FALSE);
      gtk_widget_set_halign (menu->popover, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (menu->popover), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (menu->popover), &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (menu->popover));
}

static void
on_secondary_pressed (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      ContextMenu     *menu)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture)));
  GtkWidget *cell = gtk_widget_pick (GTK_WIDGET (view), x, y, GTK_PICK_DEFAULT);

  /* The cell is the child a list item got in "setup": the widget picked,
   * or one of its ancestors under the row. */
  while (cell != NULL && g_object_get_data (G_OBJECT (cell), "ld-cell") == NULL)
    cell = gtk_widget_get_parent (cell);
  if (cell == NULL)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup (view, menu, cell, x, y);
}

static gboolean
on_menu_key (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  ContextMenu *menu = user_data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));
  graphene_point_t p = GRAPHENE_POINT_INIT (24, 24);

  if (focus != NULL && gtk_widget_is_ancestor (focus, widget))
    {
      graphene_point_t origin = GRAPHENE_POINT_INIT (12, 12);

      if (!gtk_widget_compute_point (focus, widget, &origin, &p))
        p = GRAPHENE_POINT_INIT (24, 24);
    }
  popup (GTK_COLUMN_VIEW (widget), menu, NULL, p.x, p.y);
  return TRUE;
}

/**
 * ld_win_column_view_add_context_menu:
 * @view: a column view whose cells have the data "ld-cell" set
 * @func: makes the menu for a cell
 * @user_data: for @func
 *
 * A right-click on a cell, the Menu key or Shift+F10 open the menu @func
 * gives; its actions are looked up from @view up.
 */
void
ld_win_column_view_add_context_menu (GtkColumnView   *view,
                                     LdWinContextFunc func,
                                     gpointer         user_data)
{
  ContextMenu *menu = g_new0 (ContextMenu, 1);
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();
  GtkShortcutAction *action = gtk_callback_action_new (on_menu_key, menu, NULL);

  menu->func = func;
  menu->data = user_data;
  g_object_set_data_full (G_OBJECT (view), "ld-context-menu", menu, g_free);
  g_signal_connect (view, "destroy", G_CALLBACK (on_view_destroy), menu);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), menu);
  gtk_widget_add_controller (GTK_WIDGET (view), GTK_EVENT_CONTROLLER (click));

  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_alternative_trigger_new (
                                                            gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                            gtk_keyval_trigger_new (GDK_KEY_F10, GDK_SHIFT_MASK)),
                                                          action));
  gtk_widget_add_controller (GTK_WIDGET (view), shortcuts);
}
