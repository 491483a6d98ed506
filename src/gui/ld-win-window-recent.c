/* ld-win-window-recent.c - recent files (menu and start page) and files dropped on the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"


#include <glib/gi18n.h>

#include "ld-win-window-private.h"

#define RECENT_APP_NAME "LyncDiag"
#define MAX_RECENT      6

static gboolean
on_drop (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         LdWinWindow   *self)
{
  GSList *list = g_value_get_boxed (value);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, g_object_ref (l->data));
  if (files->len == 0)
    return FALSE;
  _ld_win_window_start_load (self, files, FALSE);
  return TRUE;
}

static GList *
list_recent (void)
{
  GList *items = gtk_recent_manager_get_items (gtk_recent_manager_get_default ());
  GList *ours = NULL;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (gtk_recent_info_has_application (info, RECENT_APP_NAME) && gtk_recent_info_exists (info))
        ours = g_list_prepend (ours, gtk_recent_info_ref (info));
    }
  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
  return ours;
}

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GDateTime *ma = gtk_recent_info_get_modified ((GtkRecentInfo *) a);
  GDateTime *mb = gtk_recent_info_get_modified ((GtkRecentInfo *) b);

  return -g_date_time_compare (ma, mb);
}

void
_ld_win_window_on_recent_activated (GtkListBox    *box,
                                    GtkListBoxRow *row,
                                    LdWinWindow   *self)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");
  g_autoptr(GFile) file = NULL;

  if (uri == NULL)
    return;
  file = g_file_new_for_uri (uri);
  ld_win_window_open (self, &file, 1);
}

static void
update_recent (LdWinWindow *self)
{
  GList *recent = NULL;
  GtkWidget *child;
  guint n = 0;

  g_menu_remove_all (self->recent_submenu);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  if (self->recent_enabled)
    recent = g_list_sort (list_recent (), compare_recent);

  for (GList *l = recent; l != NULL && n < MAX_RECENT; l = l->next, n++)
    {
      GtkRecentInfo *info = l->data;
      const char *uri = gtk_recent_info_get_uri (info);
      g_autofree char *location = gtk_recent_info_get_uri_display (info);
      g_autofree char *escaped_uri = g_variant_print (g_variant_new_string (uri), FALSE);
      g_autofree char *detailed = g_strdup_printf ("win.open-recent(%s)", escaped_uri);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *name = gtk_label_new (gtk_recent_info_get_display_name (info));
      GtkWidget *where = gtk_label_new (location);

      g_menu_append (self->recent_submenu, gtk_recent_info_get_display_name (info), detailed);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_label_set_xalign (GTK_LABEL (where), 0);
      gtk_label_set_ellipsize (GTK_LABEL (where), PANGO_ELLIPSIZE_START);
      gtk_widget_add_css_class (where, "dim-label");
      gtk_widget_add_css_class (where, "caption");
      gtk_box_append (GTK_BOX (box), name);
      gtk_box_append (GTK_BOX (box), where);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_widget_set_margin_top (box, 8);
      gtk_widget_set_margin_bottom (box, 8);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (uri), g_free);
      gtk_list_box_append (self->recent_list, row);
    }
  g_list_free_full (recent, (GDestroyNotify) gtk_recent_info_unref);
  gtk_widget_set_visible (self->recent_heading, n > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->recent_list), n > 0);
}

void
ld_win_window_set_recent_enabled (LdWinWindow *self,
                                  gboolean     enabled)
{
  self->recent_enabled = enabled;
  update_recent (self);
}

/* What was opened goes at the top of the recent files, the app's own
 * list (the start page and Open Recent) and the desktop's. */
void
_ld_win_window_add_recent (LdWinWindow *self,
                           GPtrArray   *files)
{
  GtkRecentManager *recent = gtk_recent_manager_get_default ();

  if (!self->recent_enabled)
    return;
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *uri = g_file_get_uri (g_ptr_array_index (files, i));
      GtkRecentData data = {
        .display_name = NULL,
        .mime_type = (char *) "text/x-uccapilog",
        .app_name = (char *) RECENT_APP_NAME,
        .app_exec = (char *) "lyncdiag %u",
      };

      gtk_recent_manager_add_full (recent, uri, &data);
    }
}

void
_ld_win_window_setup_recent (LdWinWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  g_signal_connect_swapped (gtk_recent_manager_get_default (), "changed", G_CALLBACK (update_recent), self);
  update_recent (self);
}
