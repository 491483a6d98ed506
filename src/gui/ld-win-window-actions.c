/* ld-win-window-actions.c - the window's win.* actions: open, find, failures, export, wizard, zoom, follow, views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-win-window-private.h"
#include "ld-win-export.h"
#include "ld-win-wizard.h"

static void
on_chooser_response (GtkNativeDialog *dialog,
                     int              response,
                     LdWinWindow     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (dialog));
      g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      if (list->len > 0)
        _ld_win_window_start_load (self, list, FALSE);
    }
  g_object_unref (dialog);
}

static void
open_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LdWinWindow *self = user_data;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  chooser = gtk_file_chooser_native_new (_("Open Logs"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Lync logs and MOSDAL reports"));
  gtk_file_filter_add_mime_type (filter, "text/x-uccapilog");
  gtk_file_filter_add_suffix (filter, "uccapilog");
  gtk_file_filter_add_suffix (filter, "bak");
  gtk_file_filter_add_suffix (filter, "log");
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Lync logs (*.uccapilog)"));
  gtk_file_filter_add_mime_type (filter, "text/x-uccapilog");
  gtk_file_filter_add_suffix (filter, "uccapilog");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("Zip reports (MOSDALREPORT.zip)"));
  gtk_file_filter_add_mime_type (filter, "application/zip");
  gtk_file_filter_add_suffix (filter, "zip");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("All files"));
  gtk_file_filter_add_pattern (filter, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);

  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The start page promises a folder can be opened: every log in it (and
 * in the folders inside it) makes one document. */
static void
open_folder_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LdWinWindow *self = user_data;
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Open a Folder of Logs"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *param,
                    gpointer       user_data)
{
  LdWinWindow *self = user_data;
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (param, NULL));

  ld_win_window_open (self, &file, 1);
}

static void
find_action (GSimpleAction *action,
             GVariant      *param,
             gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis == NULL)
    return;
  gtk_stack_set_visible_child_name (self->doc_stack, "messages");
  ld_win_messages_focus_search (self->messages);
}

static void
next_failure_action (GSimpleAction *action,
                     GVariant      *param,
                     gpointer       user_data)
{
  _ld_win_window_step_failure (user_data, 1);
}

static void
previous_failure_action (GSimpleAction *action,
                         GVariant      *param,
                         gpointer       user_data)
{
  _ld_win_window_step_failure (user_data, -1);
}

static void
export_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis != NULL)
    ld_win_export_dialog_run (self);
}

static void
wizard_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LdWinWindow *self = user_data;

  ld_win_wizard_open (GTK_WINDOW (self), self->analysis);
}

static void
zoom_in_action (GSimpleAction *action,
                GVariant      *param,
                gpointer       user_data)
{
  ld_win_timeline_zoom (LD_WIN_WINDOW (user_data)->timeline, 1.5);
}

static void
zoom_out_action (GSimpleAction *action,
                 GVariant      *param,
                 gpointer       user_data)
{
  ld_win_timeline_zoom (LD_WIN_WINDOW (user_data)->timeline, 1 / 1.5);
}

static void
zoom_reset_action (GSimpleAction *action,
                   GVariant      *param,
                   gpointer       user_data)
{
  ld_win_timeline_reset_zoom (LD_WIN_WINDOW (user_data)->timeline);
}

static void
reload_action (GSimpleAction *action,
               GVariant      *param,
               gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->files->len > 0 && self->job == NULL)
    _ld_win_window_start_load (self, self->files, TRUE);
}

static void
show_view_action (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  LdWinWindow *self = user_data;

  if (self->analysis != NULL)
    gtk_stack_set_visible_child_name (self->doc_stack, g_variant_get_string (param, NULL));
}

static void
close_action (GSimpleAction *action,
              GVariant      *param,
              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry win_actions[] = {
  { "open", open_action },
  { "open-folder", open_folder_action },
  { "open-recent", open_recent_action, "s" },
  { "find", find_action },
  { "next-failure", next_failure_action },
  { "previous-failure", previous_failure_action },
  { "export", export_action },
  { "wizard", wizard_action },
  { "zoom-in", zoom_in_action },
  { "zoom-out", zoom_out_action },
  { "zoom-reset", zoom_reset_action },
  { "reload", reload_action },
  { "follow", NULL, NULL, "false", _ld_win_window_follow_change_state },
  { "show-view", show_view_action, "s" },
  { "show-timeline", NULL, NULL, "true", _ld_win_window_show_timeline_change_state },
  { "copy-attempts", _ld_win_window_copy_attempts_action },
  { "copy-attempts-csv", _ld_win_window_copy_attempts_action },
  { "copy-value", _ld_win_window_copy_value_action, "s" },
  { "search-messages", _ld_win_window_search_messages_action, "s" },
  { "close", close_action },
};

void
_ld_win_window_add_actions (LdWinWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions, G_N_ELEMENTS (win_actions), self);
}
