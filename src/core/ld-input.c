/* ld-input.c - find logs in files, folders and zips (read in place with libzip)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-input"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <zip.h>

#include "ld-analysis-private.h"
#include "ld-error.h"

/* ---- Names ------------------------------------------------------------ */

static gboolean
name_is_log (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);

  /* Communicator-uccapi-0.uccapilog, Lync-UccApi-0.UccApilog(.bak),
   * appName-UccApi-x.uccapilog: any letter case (MSDN bb878897). */
  return strstr (lower, "uccapilog") != NULL;
}

static gboolean
name_may_be_log (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);

  /* Server SIPStack traces and renamed client logs. */
  return g_str_has_suffix (lower, ".log") || g_str_has_suffix (lower, ".txt");
}

static gboolean
name_is_zip (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);

  return g_str_has_suffix (lower, ".zip");
}

static const char *
member_basename (const char *name)
{
  const char *slash = strrchr (name, '/');
  const char *bslash = strrchr (name, '\\');
  const char *b = MAX (slash, bslash);

  return b ? b + 1 : name;
}

/* Does this text start like a log? Used to pick .log/.txt files out of a
 * folder or report (ipconfig output and the like are skipped). */
static gboolean
sniff_is_log (const char *data,
              gsize       len)
{
  gsize n = MIN (len, 65536);
  const char *p = data;
  const char *end = data + n;

  if (memmem (data, n, "$$begin_record", 14) != NULL)
    return TRUE;
  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      gint64 t;
      guint32 tid;
      const char *lvl;
      gsize lvl_len, off;

      if (ld_log_line_parse_prefix (p, (nl ? nl : end) - p, &t, &tid, &lvl, &lvl_len, &off))
        return TRUE;
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  /* UTF-16 logs: look for the prefix with NULs interleaved "0?/". */
  return n >= 8 && ((data[1] == 0 && data[3] == 0) || (data[0] == 0 && data[2] == 0) ||
                    ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                    ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF));
}

/* ---- libzip over GIO ---------------------------------------------------- */

/* A zip_source backed by a GFile, so a report on smb:// or sftp:// (GVfs)
 * is read in place like a local one and never extracted. */
typedef struct
{
  GFile          *file;
  GInputStream   *stream;
  GCancellable   *cancellable;
  zip_int64_t     size;
  zip_int64_t     pos;
  zip_error_t     error;
} GioSource;

static zip_int64_t
gio_source_cb (void             *userdata,
               void             *data,
               zip_uint64_t      len,
               zip_source_cmd_t  cmd)
{
  GioSource *src = userdata;
  g_autoptr(GError) error = NULL;

  switch (cmd)
    {
    case ZIP_SOURCE_OPEN:
      src->stream = G_INPUT_STREAM (g_file_read (src->file, src->cancellable, &error));
      if (src->stream == NULL)
        {
          zip_error_set (&src->error, ZIP_ER_OPEN, 0);
          return -1;
        }
      src->pos = 0;
      return 0;

    case ZIP_SOURCE_READ:
      {
        gsize got = 0;

        if (!g_input_stream_read_all (src->stream, data, len, &got, src->cancellable, &error))
          {
            zip_error_set (&src->error, ZIP_ER_READ, 0);
            return -1;
          }
        src->pos += got;
        return (zip_int64_t) got;
      }

    case ZIP_SOURCE_CLOSE:
      if (src->stream != NULL)
        g_input_stream_close (src->stream, NULL, NULL);
      g_clear_object (&src->stream);
      return 0;

    case ZIP_SOURCE_STAT:
      {
        zip_stat_t *st = data;

        if (len < sizeof (*st))
          {
            zip_error_set (&src->error, ZIP_ER_INVAL, 0);
            return -1;
          }
        zip_stat_init (st);
        st->size = (zip_uint64_t) src->size;
        st->valid |= ZIP_STAT_SIZE;
        return sizeof (*st);
      }

    case ZIP_SOURCE_ERROR:
      return zip_error_to_data (&src->error, data, len);

    case ZIP_SOURCE_SEEK:
      {
        zip_int64_t off = zip_source_seek_compute_offset ((zip_uint64_t) src->pos, (zip_uint64_t) src->size,
                                                          data, len, &src->error);
        if (off < 0)
          return -1;
        if (!g_seekable_seek (G_SEEKABLE (src->stream), off, G_SEEK_SET, src->cancellable, &error))
          {
            zip_error_set (&src->error, ZIP_ER_SEEK, 0);
            return -1;
          }
        src->pos = off;
        return 0;
      }

    case ZIP_SOURCE_TELL:
      return src->pos;

    case ZIP_SOURCE_FREE:
      g_clear_object (&src->stream);
      g_clear_object (&src->file);
      g_clear_object (&src->cancellable);
      zip_error_fini (&src->error);
      g_free (src);
      return 0;

    case ZIP_SOURCE_SUPPORTS:
      return zip_source_make_command_bitmap (ZIP_SOURCE_OPEN, ZIP_SOURCE_READ, ZIP_SOURCE_CLOSE,
                                             ZIP_SOURCE_STAT, ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE,
                                             ZIP_SOURCE_SEEK, ZIP_SOURCE_TELL, ZIP_SOURCE_SUPPORTS, -1);

    default:
      zip_error_set (&src->error, ZIP_ER_OPNOTSUPP, 0);
      return -1;
    }
}

typedef struct
{
  zip_file_t *zf;
} MemberReader;

static gsize
member_read (gpointer  data,
             char     *buf,
             gsize     len,
             GError  **error)
{
  MemberReader *r = data;
  zip_int64_t n = zip_fread (r->zf, buf, len);

  if (n < 0)
    {
      zip_error_t *ze = zip_file_get_error (r->zf);

      g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                   _("the zip member is damaged (%s). Ask for a fresh copy of the report, or "
                     "extract the log with another tool and open it directly."),
                   zip_error_strerror (ze));
      return 0;
    }
  return (gsize) n;
}

typedef struct
{
  guint found;       /* logs read */
  guint failed;      /* logs that could not be read */
  GError *first_error;
} ZipResult;

static void read_zip (LdAnalysis *self, zip_t *za, const char *path, const char *prefix,
                      int depth, GCancellable *cancellable, ZipResult *res);

static char *
zip_error_message (int code)
{
  zip_error_t ze;
  char *ret;

  zip_error_init_with_code (&ze, code);
  ret = g_strdup (zip_error_strerror (&ze));
  zip_error_fini (&ze);
  return ret;
}

static void
note_member_error (ZipResult *res,
                   GError    *error)
{
  res->failed++;
  if (res->first_error == NULL)
    res->first_error = error;
  else
    g_error_free (error);
}

static void
add_zip_problem (LdAnalysis *self,
                 char       *text)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self);

  /* Attached to the last input read from this zip; reported by the
   * caller when the zip held no log at all. */
  if (inputs->len > 0)
    g_ptr_array_add (((LdInput *) g_ptr_array_index (inputs, inputs->len - 1))->problems, text);
  else
    g_free (text);
}

static gboolean
read_member (LdAnalysis   *self,
             zip_t        *za,
             zip_uint64_t  index,
             const zip_stat_t *st,
             const char   *path,
             const char   *display,
             int           depth,
             GCancellable *cancellable,
             ZipResult    *res,
             GPtrArray    *deferred)
{
  const char *base = member_basename (st->name);
  gboolean is_zip = name_is_zip (base);
  gboolean is_log = name_is_log (base);
  gboolean maybe = !is_log && !is_zip && name_may_be_log (base);
  zip_file_t *zf;
  GError *error = NULL;

  if (!is_zip && !is_log && !maybe)
    return TRUE;

  if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
    {
      if (is_log || is_zip)
        g_ptr_array_add (deferred, g_strdup_printf (_("%s is encrypted and was not read. Extract it with its "
                                                      "password and open the log directly."), display));
      return TRUE;
    }

  /* Refuse a bomb before inflating a byte: by declared size and ratio. */
  if ((st->valid & ZIP_STAT_SIZE) && st->size > LD_MAX_MEMBER_SIZE)
    {
      g_ptr_array_add (deferred, g_strdup_printf (_("%s declares %llu MB, more than the %llu MB LyncDiag "
                                                    "reads from one zip member; it was not read."),
                                                  display, (unsigned long long) (st->size / (1024 * 1024)),
                                                  (unsigned long long) (LD_MAX_MEMBER_SIZE / (1024 * 1024))));
      return TRUE;
    }
  if ((st->valid & ZIP_STAT_SIZE) && (st->valid & ZIP_STAT_COMP_SIZE) &&
      st->size > 64u * 1024 * 1024 && st->size / MAX (st->comp_size, 1) > LD_MAX_ZIP_RATIO)
    {
      g_ptr_array_add (deferred, g_strdup_printf (_("%s would expand %llu times (to %llu MB): that is a "
                                                    "zip bomb, "
                                                    "not a log. It was not read."),
                                                  display, (unsigned long long) (st->size / MAX (st->comp_size, 1)),
                                                  (unsigned long long) (st->size / (1024 * 1024))));
      return TRUE;
    }

  zf = zip_fopen_index (za, index, 0);
  if (zf == NULL)
    {
      zip_error_t *ze = zip_get_error (za);

      note_member_error (res, g_error_new (LD_ERROR, LD_ERROR_ZIP,
                                           _("%s in %s could not be opened (%s). Ask for a fresh "
                                             "copy of the report."),
                                           display, path, zip_error_strerror (ze)));
      return TRUE;
    }

  if (is_zip)
    {
      g_autofree char *buf = NULL;
      zip_int64_t n;
      zip_source_t *src;
      zip_t *inner;
      zip_error_t ze;
      g_autofree char *prefix = g_strconcat (display, "/", NULL);

      if (depth >= LD_MAX_ZIP_DEPTH || !(st->valid & ZIP_STAT_SIZE) || st->size > LD_MAX_NESTED_ZIP_SIZE)
        {
          g_ptr_array_add (deferred, g_strdup_printf (_("%s is a zip inside a zip that is too deep or too "
                                                        "large to read in place; extract it and open it "
                                                        "directly."), display));
          zip_fclose (zf);
          return TRUE;
        }
      buf = g_malloc (MAX (st->size, 1));
      n = zip_fread (zf, buf, st->size);
      zip_fclose (zf);
      if (n < 0 || (zip_uint64_t) n != st->size)
        {
          note_member_error (res, g_error_new (LD_ERROR, LD_ERROR_ZIP,
                                               _("%s in %s is damaged and could not be read."),
                                               display, path));
          return TRUE;
        }
      zip_error_init (&ze);
      src = zip_source_buffer_create (buf, st->size, 0, &ze);
      inner = src ? zip_open_from_source (src, ZIP_RDONLY, &ze) : NULL;
      if (inner == NULL)
        {
          if (src != NULL)
            zip_source_free (src);
          g_ptr_array_add (deferred, g_strdup_printf (_("%s is not a readable zip (%s)."),
                                                      display, zip_error_strerror (&ze)));
          zip_error_fini (&ze);
          return TRUE;
        }
      zip_error_fini (&ze);
      read_zip (self, inner, path, prefix, depth + 1, cancellable, res);
      zip_discard (inner);
      return TRUE;
    }

  if (maybe)
    {
      char head[4096];
      zip_int64_t n = zip_fread (zf, head, sizeof head);

      zip_fclose (zf);
      if (n <= 0 || !sniff_is_log (head, n))
        return TRUE;
      zf = zip_fopen_index (za, index, 0);
      if (zf == NULL)
        return TRUE;
    }

  {
    MemberReader r = { zf };

    if (_ld_analysis_read_func (self, member_read, &r, path, display,
                                (st->valid & ZIP_STAT_SIZE) ? st->size : 0,
                                cancellable, &error))
      res->found++;
    else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
      {
        zip_fclose (zf);
        res->first_error = res->first_error ? res->first_error : error;
        return FALSE;
      }
    else if (maybe && g_error_matches (error, LD_ERROR, LD_ERROR_NOT_A_LOG))
      g_clear_error (&error);
    else
      note_member_error (res, error);
  }
  zip_fclose (zf);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char **) a, *(const char **) b);
}

static void
read_zip (LdAnalysis   *self,
          zip_t        *za,
          const char   *path,
          const char   *prefix,
          int           depth,
          GCancellable *cancellable,
          ZipResult    *res)
{
  zip_int64_t n = zip_get_num_entries (za, 0);
  g_autoptr(GPtrArray) deferred = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (zip_uint64_t));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  /* Read rotated files oldest first: "-1" before "-0", ".bak" before the
   * live file, so the timeline reads forward. Names sort well enough:
   * sort descending so that "-1" precedes "-0". */
  for (zip_int64_t i = 0; i < n; i++)
    {
      const char *name = zip_get_name (za, i, 0);
      g_ptr_array_add (names, g_strdup_printf ("%s\x01%" G_GINT64_FORMAT, name ? name : "", (gint64) i));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint i = names->len; i > 0; i--)
    {
      const char *s = g_ptr_array_index (names, i - 1);
      zip_uint64_t idx = g_ascii_strtoull (strrchr (s, '\x01') + 1, NULL, 10);
      g_array_append_val (order, idx);
    }

  for (guint k = 0; k < order->len; k++)
    {
      zip_uint64_t i = g_array_index (order, zip_uint64_t, k);
      zip_stat_t st;
      g_autofree char *display = NULL;
      g_autofree char *shown = NULL;

      zip_stat_init (&st);
      if (zip_stat_index (za, i, 0, &st) != 0 || !(st.valid & ZIP_STAT_NAME))
        continue;
      shown = ld_text_dup_display_name (st.name, strlen (st.name));
      display = prefix ? g_strconcat (prefix, shown, NULL) : g_steal_pointer (&shown);
      if (!read_member (self, za, i, &st, path, display, depth, cancellable, res, deferred))
        break;
    }

  for (guint i = 0; i < deferred->len; i++)
    add_zip_problem (self, g_strdup (g_ptr_array_index (deferred, i)));
  if (res->found == 0 && deferred->len > 0 && res->first_error == NULL)
    res->first_error = g_error_new (LD_ERROR, LD_ERROR_NO_LOGS, "%s: %s", path,
                                    (const char *) g_ptr_array_index (deferred, 0));
}

static gboolean
add_zip (LdAnalysis    *self,
         GFile         *file,
         const char    *path,
         guint64        size,
         GCancellable  *cancellable,
         GError       **error)
{
  GioSource *gs = g_new0 (GioSource, 1);
  zip_source_t *src;
  zip_t *za;
  zip_error_t ze;
  ZipResult res = { 0 };

  gs->file = g_object_ref (file);
  gs->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  gs->size = (zip_int64_t) size;
  zip_error_init (&gs->error);
  zip_error_init (&ze);

  src = zip_source_function_create (gio_source_cb, gs, &ze);
  if (src == NULL)
    {
      gio_source_cb (gs, NULL, 0, ZIP_SOURCE_FREE);
      g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                   zip_error_strerror (&ze));
      zip_error_fini (&ze);
      return FALSE;
    }
  za = zip_open_from_source (src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (za == NULL)
    {
      g_autofree char *why = zip_error_message (zip_error_code_zip (&ze));

      zip_source_free (src);
      g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                   _("%s is not a readable zip: %s. It may have been cut off while it was copied "
                     "or mailed; ask for the report again, or extract the log with another tool "
                     "and open the log itself."), path, why);
      zip_error_fini (&ze);
      return FALSE;
    }
  zip_error_fini (&ze);
  _ld_analysis_add_progress_total (self, size);

  read_zip (self, za, path, NULL, 0, cancellable, &res);
  zip_discard (za);

  if (res.first_error != NULL &&
      g_error_matches (res.first_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, res.first_error);
      return FALSE;
    }
  if (res.found == 0)
    {
      if (res.first_error != NULL)
        {
          g_propagate_error (error, res.first_error);
          return FALSE;
        }
      g_set_error (error, LD_ERROR, LD_ERROR_NO_LOGS,
                   _("%s holds no Lync or Skype for Business log. A MOSDAL report keeps them under "
                     "User_Applications/Lync; make sure logging was on when the report was made."),
                   path);
      return FALSE;
    }
  if (res.first_error != NULL)
    {
      /* Some logs were read; tell about the one that was not. */
      add_zip_problem (self, g_strdup (res.first_error->message));
      g_error_free (res.first_error);
    }
  return TRUE;
}

/* ---- Files and folders ---------------------------------------------- */

static gboolean add_path (LdAnalysis *self, GFile *file, gboolean explicit_file, int depth,
                          GCancellable *cancellable, guint *found, GError **error);

static int
compare_files_descending (gconstpointer a,
                          gconstpointer b)
{
  g_autofree char *na = g_file_get_basename (*(GFile **) a);
  g_autofree char *nb = g_file_get_basename (*(GFile **) b);

  return g_strcmp0 (nb, na);
}

static gboolean
add_folder (LdAnalysis    *self,
            GFile         *dir,
            int            depth,
            GCancellable  *cancellable,
            guint         *found,
            GError       **error)
{
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;

  if (depth > LD_MAX_FOLDER_DEPTH)
    return TRUE;
  /* Symbolic links are not followed: a link loop must not hang us. */
  en = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                  G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (en == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (dir);

      if (depth == 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read the folder %s: %s."),
                       name, local_error->message);
          return FALSE;
        }
      return TRUE;
    }
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (en, &info, &child, cancellable, NULL) || info == NULL)
        break;
      g_ptr_array_add (children, g_object_ref (child));
    }
  /* Oldest rotated file first (see read_zip). */
  g_ptr_array_sort (children, compare_files_descending);

  for (guint i = 0; i < children->len; i++)
    {
      GFile *child = g_ptr_array_index (children, i);
      g_autoptr(GError) child_error = NULL;

      if (!add_path (self, child, FALSE, depth + 1, cancellable, found, &child_error))
        {
          if (g_error_matches (child_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&child_error));
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* A log the client is still writing, or one cut short or rotated while
 * it was read: the analysis covers the bytes that were read, and says so
 * rather than passing them off as the file. */
static void
note_if_changed (LdAnalysis   *self,
                 GFile        *file,
                 guint64       size_at_open,
                 GCancellable *cancellable)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self);
  g_autoptr(GFileInfo) info = NULL;
  LdInput *input;
  guint64 size_now;

  if (inputs->len == 0)
    return;
  input = g_ptr_array_index (inputs, inputs->len - 1);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  size_now = info != NULL ? (guint64) g_file_info_get_size (info) : input->bytes;
  if (input->bytes == size_at_open && size_now == size_at_open)
    return;
  g_ptr_array_add (input->problems,
                   g_strdup_printf (_("The file changed while it was read: %llu bytes when opened, %llu "
                                      "read, %llu now. The analysis covers what was read; open the "
                                      "file again once the client has stopped writing it."),
                                    (unsigned long long) size_at_open, (unsigned long long) input->bytes,
                                    (unsigned long long) size_now));
}

static gboolean
add_path (LdAnalysis    *self,
          GFile         *file,
          gboolean       explicit_file,
          int            depth,
          GCancellable  *cancellable,
          guint         *found,
          GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autoptr(GFileInputStream) in = NULL;
  const char *base;
  char head[4];
  gsize got = 0;
  guint64 size;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_NAME,
                            explicit_file ? G_FILE_QUERY_INFO_NONE : G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("%s does not exist. Check the name and the folder."), path);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                     local_error->message);
      return FALSE;
    }

  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      guint before = *found;

      if (!add_folder (self, file, depth, cancellable, found, error))
        return FALSE;
      if (explicit_file && *found == before)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_NO_LOGS,
                       _("No Lync or Skype for Business log was found in the folder %s. Logs are "
                         "named like Lync-UccApi-0.UccApilog and live in "
                         "%%LOCALAPPDATA%%\\Microsoft\\Office\\<version>\\Lync\\Tracing."), path);
          return FALSE;
        }
      return TRUE;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR &&
      g_file_info_get_file_type (info) != G_FILE_TYPE_UNKNOWN)
    {
      if (explicit_file)
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("%s is not a regular file and was not read."), path);
      return !explicit_file;
    }

  base = g_file_info_get_name (info);
  if (!explicit_file && !name_is_log (base) && !name_is_zip (base) && !name_may_be_log (base))
    return TRUE;

  size = g_file_info_get_size (info);
  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("%s cannot be read: permission denied. Copy the file somewhere you can "
                       "read it, or ask its owner to share it."), path);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                     local_error->message);
      return FALSE;
    }

  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, cancellable, &local_error))
    {
      g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                   local_error->message);
      return FALSE;
    }

  if (got >= 4 && head[0] == 'P' && head[1] == 'K' &&
      ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6)))
    {
      g_input_stream_close (G_INPUT_STREAM (in), NULL, NULL);
      if (!add_zip (self, file, path, size, cancellable, error))
        return FALSE;
      (*found)++;
      return TRUE;
    }

  if (!g_seekable_seek (G_SEEKABLE (in), 0, G_SEEK_SET, cancellable, NULL))
    {
      g_clear_object (&in);
      in = g_file_read (file, cancellable, &local_error);
      if (in == NULL)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                       local_error->message);
          return FALSE;
        }
    }

  if (!explicit_file && !name_is_log (base))
    {
      /* A .log/.txt in a folder: read it only when it starts like a log. */
      char sniff[4096];
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (in), sniff, sizeof sniff, &n, cancellable, NULL) ||
          !sniff_is_log (sniff, n) ||
          !g_seekable_seek (G_SEEKABLE (in), 0, G_SEEK_SET, cancellable, NULL))
        return TRUE;
    }

  _ld_analysis_add_progress_total (self, size);
  if (!_ld_analysis_read_stream (self, G_INPUT_STREAM (in), path, NULL, 0, cancellable, error))
    return FALSE;
  note_if_changed (self, file, size, cancellable);
  (*found)++;
  return TRUE;
}

/**
 * ld_analysis_add_file:
 * @self: an analysis
 * @file: a log, a folder (searched recursively) or a zip such as MOSDALREPORT.zip
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads every log in @file into the analysis. Zips are read in place;
 * nothing is extracted or written.
 *
 * Returns: %TRUE if at least one log was read from @file
 */
gboolean
ld_analysis_add_file (LdAnalysis    *self,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  guint found = 0;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!_ld_analysis_is_finished (self), FALSE);

  return add_path (self, file, TRUE, 0, cancellable, &found, error);
}
