/* ld-win-window-follow.c - follow mode: read the log again as Lync writes it, across rotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-window"

#include "config.h"


#include <glib/gi18n.h>

#include "ld-win-window-private.h"

static GPtrArray *
files_for_reload (LdWinWindow *self)
{
  GPtrArray *files = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < self->files->len; i++)
    {
      GFile *file = g_ptr_array_index (self->files, i);
      g_autofree char *path = g_file_get_path (file);

      /* Lync rotates by renaming the full log to ….bak and starting a new
       * one under the old name: read the .bak first so nothing written
       * while following is lost. */
      if (path != NULL && !g_str_has_suffix (path, ".bak"))
        {
          g_autofree char *bak = g_strconcat (path, ".bak", NULL);
          g_autoptr(GFile) bak_file = g_file_new_for_path (bak);
          g_autoptr(GFileInfo) info = g_file_query_info (bak_file, G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                                         G_FILE_QUERY_INFO_NONE, NULL, NULL);
          gboolean listed = FALSE;

          for (guint j = 0; j < self->files->len; j++)
            listed |= g_file_equal (g_ptr_array_index (self->files, j), bak_file);
          if (info != NULL && !listed &&
              (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC
                >= self->follow_since - 2 * G_USEC_PER_SEC)
            g_ptr_array_add (files, g_steal_pointer (&bak_file));
        }
      g_ptr_array_add (files, g_object_ref (file));
    }
  return files;
}

static gboolean
reload_now (gpointer user_data)
{
  LdWinWindow *self = user_data;
  g_autoptr(GPtrArray) files = NULL;

  self->reload_id = 0;
  if (self->job != NULL)
    {
      /* Still reading the last change: read again once it is done. */
      self->reload_pending = TRUE;
      return G_SOURCE_REMOVE;
    }
  files = files_for_reload (self);
  _ld_win_window_start_load (self, files, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_file_changed (GFileMonitor      *monitor,
                 GFile             *file,
                 GFile             *other,
                 GFileMonitorEvent  event,
                 LdWinWindow       *self)
{
  g_autofree char *name = g_file_get_basename (file);
  gboolean ours = FALSE;

  for (guint i = 0; i < self->files->len && !ours; i++)
    {
      g_autofree char *opened = g_file_get_basename (g_ptr_array_index (self->files, i));
      g_autofree char *bak = g_strconcat (opened, ".bak", NULL);

      ours = g_ascii_strcasecmp (name, opened) == 0 || g_ascii_strcasecmp (name, bak) == 0;
    }
  if (!ours)
    return;
  /* Lync writes in bursts; read once the burst is over. */
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload_id = g_timeout_add (700, reload_now, self);
}

void
_ld_win_window_stop_monitors (LdWinWindow *self)
{
  for (guint i = 0; i < self->monitors->len; i++)
    {
      GFileMonitor *monitor = g_ptr_array_index (self->monitors, i);

      g_signal_handlers_disconnect_by_func (monitor, on_file_changed, self);
      g_file_monitor_cancel (monitor);
    }
  g_ptr_array_set_size (self->monitors, 0);
  g_clear_handle_id (&self->reload_id, g_source_remove);
}

static gboolean
following (LdWinWindow *self)
{
  g_autoptr(GVariant) state = g_action_get_state (g_action_map_lookup_action (G_ACTION_MAP (self), "follow"));

  return g_variant_get_boolean (state);
}

void
_ld_win_window_update_follow (LdWinWindow *self)
{
  g_autoptr(GHashTable) dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (!following (self) || self->analysis == NULL)
    {
      _ld_win_window_stop_monitors (self);
      return;
    }
  if (self->monitors->len > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *when = g_date_time_format (now, "%X");
      g_autofree char *text = g_strdup_printf (_("Following the log: new messages appear as Lync writes them. "
                                                 "Last read at %s."), when);
      _ld_win_window_show_banner (self, text);
      return;
    }

  /* Watch the folders, not the files: a rotation replaces the file. */
  for (guint i = 0; i < self->files->len; i++)
    {
      g_autoptr(GFile) parent = g_file_get_parent (g_ptr_array_index (self->files, i));
      g_autofree char *uri = parent ? g_file_get_uri (parent) : NULL;
      GFileMonitor *monitor;

      if (parent == NULL || g_hash_table_contains (dirs, uri))
        continue;
      g_hash_table_add (dirs, g_steal_pointer (&uri));
      monitor = g_file_monitor_directory (parent, G_FILE_MONITOR_WATCH_MOVES, NULL, NULL);
      if (monitor == NULL)
        continue;
      g_signal_connect (monitor, "changed", G_CALLBACK (on_file_changed), self);
      g_ptr_array_add (self->monitors, monitor);
    }
  if (self->monitors->len == 0)
    {
      _ld_win_window_show_banner (self, _("These files cannot be followed: they are not in a folder LyncDiag can watch, "
                           "for example inside a zip."));
      g_simple_action_set_state (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "follow")),
                                 g_variant_new_boolean (FALSE));
      return;
    }
  _ld_win_window_show_banner (self, _("Following the log: new messages appear as Lync writes them. Restart Lync, then reproduce the problem."));
}

void
_ld_win_window_follow_change_state (GSimpleAction *action,
                                    GVariant      *value,
                                    gpointer       user_data)
{
  LdWinWindow *self = user_data;

  g_simple_action_set_state (action, value);
  if (g_variant_get_boolean (value))
    self->follow_since = g_get_real_time ();
  else
    gtk_revealer_set_reveal_child (self->banner_revealer, FALSE);
  _ld_win_window_stop_monitors (self);
  _ld_win_window_update_follow (self);
}

