/* ld-input-guard.c - no output is ever written over an input
 *
 * Every path the user names is remembered, read or not (a file that is not
 * a log, an empty or damaged one, a zip that failed), with every file found
 * in a named folder, by identity: the same file through a symbolic link, a
 * hard link or another spelling of its path is the same input. An output
 * is checked against all of them before anything is written.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-input"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-error.h"
#include "ld-input-private.h"

/* The path as written, made absolute and without "." and "..", or the URI
 * of a file that has no local path. */
static char *
spelled_path (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);

  if (path != NULL)
    return g_canonicalize_filename (path, NULL);
  return g_file_get_uri (file);
}

static char *
dup_identity (GFile               *file,
              GFileQueryInfoFlags  flags,
              GFileType           *type)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_ID_FILE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 flags, NULL, NULL);
  const char *id;

  if (info == NULL)
    return NULL;
  id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);
  if (type != NULL)
    *type = g_file_info_get_file_type (info);
  return id != NULL && *id != '\0' ? g_strdup (id) : NULL;
}

static void
guard_id (LdInputState *state,
          char         *id)
{
  if (id != NULL)
    g_hash_table_add (state->guarded, id);
}

/* A path the user named: the name itself, what it points to, and the
 * link when it is one. Whatever it turns out to be. */
void
_ld_input_guard_add_named (LdInputState *state,
                           GFile        *file)
{
  GFileType type = G_FILE_TYPE_UNKNOWN;
  char *id;

  g_ptr_array_add (state->named_paths, spelled_path (file));
  id = dup_identity (file, G_FILE_QUERY_INFO_NONE, &type);
  if (id != NULL && type == G_FILE_TYPE_DIRECTORY)
    g_hash_table_replace (state->named_dirs, g_strdup (id), g_file_get_parse_name (file));
  guard_id (state, id);
  guard_id (state, dup_identity (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL));
}

/* A file of a named folder, from the folder's listing (which does not
 * follow links): the entry, and the file a link points to. */
void
_ld_input_guard_add_entry (LdInputState *state,
                           GFile        *file,
                           GFileInfo    *info)
{
  const char *id = g_file_info_get_attribute_string (info, G_FILE_ATTRIBUTE_ID_FILE);

  if (id != NULL && *id != '\0')
    guard_id (state, g_strdup (id));
  else
    guard_id (state, dup_identity (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL));
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK)
    guard_id (state, dup_identity (file, G_FILE_QUERY_INFO_NONE, NULL));
}

/* The folder a named folder that holds @out through the names it really
 * has (links resolved), or NULL. */
static const char *
named_folder_holding (LdInputState *state,
                      GFile        *out)
{
  g_autoptr(GFile) real = NULL;
  g_autoptr(GFile) dir = NULL;

  if (g_hash_table_size (state->named_dirs) == 0)
    return NULL;
#ifdef G_OS_UNIX
  {
    g_autofree char *path = g_file_get_path (out);
    g_autofree char *resolved = path != NULL ? realpath (path, NULL) : NULL;

    if (resolved != NULL)
      real = g_file_new_for_path (resolved);
  }
#endif
  if (real == NULL)
    real = g_object_ref (out);
  for (dir = g_file_get_parent (real); dir != NULL; )
    {
      g_autofree char *id = dup_identity (dir, G_FILE_QUERY_INFO_NONE, NULL);
      const char *name = id != NULL ? g_hash_table_lookup (state->named_dirs, id) : NULL;
      GFile *parent;

      if (name != NULL)
        return name;
      parent = g_file_get_parent (dir);
      g_object_unref (dir);
      dir = parent;
    }
  return NULL;
}

/**
 * ld_analysis_check_output:
 * @self: an analysis
 * @out: where an output (a report) is about to be written
 * @error: %LD_ERROR_WRITE saying which input @out would replace
 *
 * Refuses an output that would replace, or write into, anything the user
 * named as an input: a file named (read or not: missing, empty, not a log,
 * damaged, encrypted), a file found in a named folder, or any existing file
 * under a named folder — through whatever name (symbolic or hard links
 * included). A new file inside a named folder is allowed: nothing is lost.
 * Call it before writing anything.
 *
 * Returns: %TRUE when @out may be written
 */
gboolean
ld_analysis_check_output (LdAnalysis  *self,
                          GFile       *out,
                          GError     **error)
{
  LdInputState *state;
  g_autofree char *spelled = NULL;
  g_autofree char *name = NULL;
  g_autofree char *id = NULL;
  g_autofree char *link_id = NULL;
  GFileType type = G_FILE_TYPE_UNKNOWN;
  const char *folder;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (out), FALSE);

  state = _ld_analysis_get_input_state (self);
  spelled = spelled_path (out);
  name = g_file_get_parse_name (out);
  for (guint i = 0; i < state->named_paths->len; i++)
    if (strcmp (spelled, g_ptr_array_index (state->named_paths, i)) == 0)
      {
        g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                     _("Will not write to “%s”: it is one of the inputs you named. Choose another "
                       "name for the output."), name);
        return FALSE;
      }

  id = dup_identity (out, G_FILE_QUERY_INFO_NONE, &type);
  link_id = dup_identity (out, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
  if (id == NULL && link_id == NULL)
    return TRUE;   /* a new file: it replaces nothing */
  if ((id != NULL && g_hash_table_contains (state->guarded, id)) ||
      (link_id != NULL && g_hash_table_contains (state->guarded, link_id)))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Will not write to “%s”: it is one of the inputs (or the same file under another "
                     "name, or a file in a folder you named). Choose another name for the output."), name);
      return FALSE;
    }
  if (type == G_FILE_TYPE_DIRECTORY && g_hash_table_contains (state->named_dirs, id))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Will not write to “%s”: it is a folder you named as an input."), name);
      return FALSE;
    }
  folder = named_folder_holding (state, out);
  if (folder != NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE,
                   _("Will not replace “%s”: it is inside the folder %s, which you named as an input. "
                     "Write the output somewhere else, or under a name that does not exist yet."),
                   name, folder);
      return FALSE;
    }
  return TRUE;
}
