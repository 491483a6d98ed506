/* ld-input.c - find logs in the files and folders the user names
 *
 * Zips are read by ld-input-zip.c; the paths named are remembered by
 * ld-input-guard.c so that no output ever replaces one. Every file that
 * looks like a log and is not analysed is recorded with its reason
 * (ld_analysis_get_skipped()): nothing is dropped silently. A named pipe
 * (or /dev/stdin fed by one) is read in one pass; a device or a socket,
 * and a pipe met in a folder, are refused without being waited on.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-input"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#ifdef G_OS_UNIX
# include <fcntl.h>
# include <sys/stat.h>
# include <unistd.h>
# include <glib/gstdio.h>
# include <gio/gfiledescriptorbased.h>
# include <gio/gunixinputstream.h>
#endif

#include "ld-error.h"
#include "ld-input-private.h"
#include "ld-redact-private.h"

/* ---- Names ------------------------------------------------------------ */

gboolean
_ld_input_name_is_log (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);

  /* Communicator-uccapi-0.uccapilog, Lync-UccApi-0.UccApilog(.bak),
   * appName-UccApi-x.uccapilog: any letter case (MSDN bb878897). */
  return strstr (lower, "uccapilog") != NULL;
}

gboolean
_ld_input_name_may_be_log (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);

  /* Server SIPStack traces and renamed client logs. */
  return g_str_has_suffix (lower, ".log") || g_str_has_suffix (lower, ".txt");
}

/* Lync for Mac 2011 writes ~/Library/Logs/Microsoft-Lync.log and
 * Microsoft-Lync-x.log (the support article on removing Lync for Mac's
 * files, MicrosoftDocs/SupportArticles-docs); their lines are not the
 * Windows client's, and no public sample of them was found to read them by. */
gboolean
_ld_input_name_is_mac_log (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);
  const char *p;

  if (!g_str_has_prefix (lower, "microsoft-lync") || !g_str_has_suffix (lower, ".log"))
    return FALSE;
  p = lower + strlen ("microsoft-lync");
  if (*p == '.')
    return strcmp (p, ".log") == 0;
  if (*p++ != '-' || !g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  return strcmp (p, ".log") == 0;
}

/* The error of a Lync for Mac log that was not read as a log. */
void
_ld_input_set_mac_error (GError     **error,
                         const char  *what)
{
  g_set_error (error, LD_ERROR, LD_ERROR_NOT_A_LOG,
               _("%s is a Lync for Mac log: this client's log format (Lync for Mac) is not supported yet. Open "
                 "the log of a Windows client of the same user (Lync-UccApi-0.UccApilog, in "
                 "%%LOCALAPPDATA%%\\Microsoft\\Office\\<version>\\Lync\\Tracing) or the server's SIPStack "
                 "trace."), what);
}

gboolean
_ld_input_name_is_zip (const char *base)
{
  g_autofree char *lower = g_ascii_strdown (base, -1);

  return g_str_has_suffix (lower, ".zip");
}

/* Does this text start like a log? Used to pick .log/.txt files out of a
 * folder or report (ipconfig output and the like are skipped). */
gboolean
_ld_input_sniff_is_log (const char *data,
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

/* Logs are text: no control bytes but tab, CR and LF, and little outside
 * ASCII. Random or compressed data has about 10 % control bytes and half
 * its bytes above 0x7f in sequences that are not UTF-8; the thresholds
 * sit far from both. */
gboolean
_ld_input_looks_binary (const char *data,
                        gsize       len)
{
  gsize n, ctrl = 0, nul = 0, high = 0;

  /* A block of zeros where the log starts (a file a crash left padded) is
   * said by the reader, which reads what follows: judge that. */
  if (len >= 16 && data[0] == '\0' && data[1] == '\0')
    {
      while (len > 0 && *data == '\0')
        data++, len--;
      if (len == 0)
        return FALSE;
    }
  n = MIN (len, 4096);

  /* UTF-16 text has NULs in every other byte; it is handled by the reader. */
  if (n >= 2 && (((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE) ||
                 ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF)))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      guchar c = data[i];
      if (c == 0)
        nul++;
      else if (c < 0x09 || (c > 0x0d && c < 0x20) || c == 0x7f)
        ctrl++;
      else if (c >= 0x80)
        high++;
    }
  if (nul > n / 3 && nul < (n * 2) / 3 + 2)
    return FALSE; /* BOM-less UTF-16 */
  if (nul + ctrl > n / 20)
    return TRUE;
  if (high > n / 4)
    {
      const char *end = NULL;

      /* Valid UTF-8 up to a character the 4 KB cut in half is text. */
      g_utf8_validate_len (data, n, &end);
      return end < data + n - MIN (n, 3);
    }
  return FALSE;
}

/* ---- What was skipped ------------------------------------------------- */

static void
ld_skipped_input_free (gpointer data)
{
  LdSkippedInput *s = data;

  g_free (s->path);
  g_free (s->member);
  g_free (s->reason);
  g_free (s);
}

LdInputState *
_ld_input_state_new (void)
{
  LdInputState *state = g_new0 (LdInputState, 1);

  state->skipped = g_ptr_array_new_with_free_func (ld_skipped_input_free);
  state->guarded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  state->named_dirs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  state->named_paths = g_ptr_array_new_with_free_func (g_free);
  state->zip_budget = LD_MAX_ZIP_TOTAL;
  state->zip_logs_left = LD_MAX_ZIP_LOGS;
  return state;
}

void
_ld_input_state_free (LdInputState *state)
{
  g_ptr_array_unref (state->skipped);
  g_hash_table_unref (state->guarded);
  g_hash_table_unref (state->named_dirs);
  g_ptr_array_unref (state->named_paths);
  g_free (state);
}

void
_ld_analysis_set_zip_budget (LdAnalysis *self,
                             guint64     bytes,
                             guint       logs)
{
  _ld_analysis_get_input_state (self)->zip_budget = bytes;
  _ld_analysis_get_input_state (self)->zip_logs_left = logs;
}

/* Takes @reason. */
void
_ld_input_skip (LdAnalysis *self,
                const char *path,
                const char *member,
                int         code,
                char       *reason)
{
  LdSkippedInput *s = g_new0 (LdSkippedInput, 1);

  s->path = g_strdup (path);
  s->member = g_strdup (member);
  s->code = code;
  s->reason = reason;
  /* A redacted analysis names them by their pseudonyms (ld-redact-record.c). */
  if (self->redactor != NULL)
    _ld_redactor_filter_skipped (self->redactor, &s->path, &s->member, &s->reason);
  g_ptr_array_add (_ld_analysis_get_input_state (self)->skipped, s);
}

static void
skip_error (LdAnalysis   *self,
            const char   *path,
            const GError *error)
{
  _ld_input_skip (self, path, NULL, error->domain == LD_ERROR ? error->code : LD_ERROR_READ,
                  g_strdup (error->message));
}

/**
 * ld_analysis_get_skipped:
 * @self: an analysis
 *
 * Every input that was not analysed, in the order met: each file named
 * that could not be read or holds no log, and each file of a named folder
 * and each zip member that looks like a log (by its name, or a .log/.txt
 * by its first lines) but was not read, with the reason in a sentence.
 *
 * Returns: (transfer none) (element-type LdSkippedInput): the skipped inputs
 */
GPtrArray *
ld_analysis_get_skipped (LdAnalysis *self)
{
  g_return_val_if_fail (LD_IS_ANALYSIS (self), NULL);

  return _ld_analysis_get_input_state (self)->skipped;
}

/**
 * ld_skipped_input_is_unread:
 * @skipped: a skipped input
 *
 * Returns: %TRUE when it could not be read (missing, no permission,
 *   damaged, encrypted, over a limit), so the analysis may miss a log;
 *   %FALSE when it was read and holds no log (empty, binary, not a log)
 */
gboolean
ld_skipped_input_is_unread (const LdSkippedInput *skipped)
{
  return skipped->code != LD_ERROR_NOT_A_LOG && skipped->code != LD_ERROR_NO_LOGS;
}

/* ---- Files and folders ---------------------------------------------- */

static gboolean add_path (LdAnalysis *self, GFile *file, gboolean explicit_file, int depth,
                          GCancellable *cancellable, guint *found, GError **error);

/* ---- Rotation order ----------------------------------------------------- */

/* Where a name stands among its log's rotated files: "Lync-UccApi-1.UccApilog"
 * is the stem "lync-uccapi", number 1; "Lync-UccApi-0.UccApilog.bak" number
 * 0 and .bak; a name without a number is the live file. Any letter case. */
typedef struct
{
  gsize       dir_len;   /* the folder part, "a/b/" */
  char       *stem;      /* lower case */
  gint64      number;    /* -1: none */
  gboolean    bak;
} RotationKey;

static void
rotation_key (const char  *name,
              gsize        len,
              RotationKey *k)
{
  const char *base = name;
  g_autofree char *lower = NULL;
  char *dot;
  gsize n;

  for (gsize i = 0; i < len; i++)
    if (name[i] == '/' || name[i] == '\\')
      base = name + i + 1;
  k->dir_len = base - name;
  lower = g_ascii_strdown (base, len - k->dir_len);
  n = strlen (lower);
  k->bak = n > 4 && strcmp (lower + n - 4, ".bak") == 0;
  if (k->bak)
    lower[n - 4] = '\0';
  if ((dot = strrchr (lower, '.')) != NULL && dot != lower)
    *dot = '\0';
  n = strlen (lower);
  k->number = -1;
  {
    gsize d = n;

    while (d > 0 && g_ascii_isdigit (lower[d - 1]))
      d--;
    if (d < n && d > 0 && n - d <= 9 && (lower[d - 1] == '-' || lower[d - 1] == '_'))
      {
        k->number = g_ascii_strtoll (lower + d, NULL, 10);
        lower[d - 1] = '\0';
      }
  }
  k->stem = g_steal_pointer (&lower);
}

/**
 * _ld_input_compare_rotation:
 * @a: a file or zip member name (with its folders)
 * @b: another
 *
 * Orders names so that each log's rotated files are read oldest first:
 * "-2" before "-1" before "-0" (by number, "-10" before "-9"), ".bak"
 * before the same file without it, any letter case; folders, and logs of
 * other names, in descending name order. A name may end at a \x01 (the
 * zip reader appends the member's index after one).
 *
 * Returns: < 0 when @a is read before @b
 */
int
_ld_input_compare_rotation (const char *a,
                            const char *b)
{
  gsize la = strcspn (a, "\x01"), lb = strcspn (b, "\x01");
  RotationKey ka, kb;
  int c;

  rotation_key (a, la, &ka);
  rotation_key (b, lb, &kb);
  /* Folders and logs of other names in descending name order, as the
   * readers always read them (a zip's newest members first when its
   * budget runs short). */
  c = ka.dir_len != kb.dir_len || strncmp (a, b, ka.dir_len) != 0
        ? strncmp (b, a, MIN (ka.dir_len, kb.dir_len) + 1)
        : strcmp (kb.stem, ka.stem);
  if (c == 0 && ka.number != kb.number)
    c = ka.number > kb.number ? -1 : 1;
  if (c == 0 && ka.bak != kb.bak)
    c = ka.bak ? -1 : 1;
  if (c == 0)
    c = strncmp (a, b, MAX (la, lb));
  g_free (ka.stem);
  g_free (kb.stem);
  return c;
}

static int
compare_files_rotation (gconstpointer a,
                        gconstpointer b)
{
  g_autofree char *na = g_file_get_basename (*(GFile **) a);
  g_autofree char *nb = g_file_get_basename (*(GFile **) b);

  return _ld_input_compare_rotation (na, nb);
}

typedef struct
{
  GFile  *file;
  char   *group;    /* folder and stem: the files of one log */
  guint   first;    /* where the group's first file was named */
  guint   index;
} Named;

static int
compare_named (gconstpointer pa,
               gconstpointer pb)
{
  const Named *a = pa, *b = pb;

  if (a->first != b->first)
    return a->first < b->first ? -1 : 1;
  if (a->index != b->index)
    {
      g_autofree char *na = g_file_get_basename (a->file);
      g_autofree char *nb = g_file_get_basename (b->file);
      int c = _ld_input_compare_rotation (na, nb);

      if (c != 0)
        return c;
    }
  return a->index < b->index ? -1 : a->index > b->index;
}

/**
 * ld_files_sort_rotated:
 * @files: (element-type GFile): files as the user named them
 *
 * Puts the rotated files of each log that were named oldest first
 * (Lync-UccApi-1.UccApilog before Lync-UccApi-0.UccApilog, .bak before
 * the live file), where the first of them was named; every other file
 * keeps its place. A record cut by the rotation is joined only when its
 * two halves are read in that order.
 */
void
ld_files_sort_rotated (GPtrArray *files)
{
  g_autoptr(GArray) named = g_array_sized_new (FALSE, TRUE, sizeof (Named), files->len);

  for (guint i = 0; i < files->len; i++)
    {
      GFile *f = g_ptr_array_index (files, i);
      g_autofree char *base = g_file_get_basename (f);
      g_autoptr(GFile) parent = g_file_get_parent (f);
      g_autofree char *dir = parent != NULL ? g_file_get_uri (parent) : g_strdup ("");
      Named n = { f, NULL, i, i };
      RotationKey k;

      rotation_key (base, strlen (base), &k);
      /* Only logs named like logs are grouped: folders and zips stay put. */
      n.group = _ld_input_name_is_log (base) || _ld_input_name_may_be_log (base)
                  ? g_strconcat (dir, "\n", k.stem, NULL) : NULL;
      g_free (k.stem);
      for (guint j = 0; n.group != NULL && j < named->len; j++)
        {
          const Named *m = &g_array_index (named, Named, j);

          if (m->group != NULL && strcmp (m->group, n.group) == 0)
            {
              n.first = m->first;
              break;
            }
        }
      g_array_append_val (named, n);
    }
  g_array_sort (named, compare_named);
  for (guint i = 0; i < named->len; i++)
    {
      Named *n = &g_array_index (named, Named, i);

      files->pdata[i] = n->file;
      g_free (n->group);
    }
}

static gboolean
looks_like_input (const char *base)
{
  return _ld_input_name_is_log (base) || _ld_input_name_is_zip (base) || _ld_input_name_may_be_log (base);
}

#define FOLDER_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
                          G_FILE_ATTRIBUTE_ID_FILE

static gboolean
add_folder (LdAnalysis    *self,
            GFile         *dir,
            int            depth,
            GCancellable  *cancellable,
            guint         *found,
            GError       **error)
{
  LdInputState *state = _ld_analysis_get_input_state (self);
  g_autoptr(GFileEnumerator) en = NULL;
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (dir);

  if (depth > LD_MAX_FOLDER_DEPTH)
    {
      _ld_input_skip (self, name, NULL, LD_ERROR_LIMIT,
                      g_strdup_printf (_("The folder %s was not searched: it is more than %d folders deep. "
                                         "Open it directly if it holds logs."), name, LD_MAX_FOLDER_DEPTH));
      return TRUE;
    }
  /* Symbolic links are not followed: a link loop must not hang us. */
  en = g_file_enumerate_children (dir, FOLDER_ATTRIBUTES, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                  cancellable, &local_error);
  if (en == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (depth == 0)
        {
          g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read the folder %s: %s."),
                       name, local_error->message);
          return FALSE;
        }
      _ld_input_skip (self, name, NULL, LD_ERROR_READ,
                      g_strdup_printf (_("Could not read the folder %s: %s."), name, local_error->message));
      return TRUE;
    }
  for (;;)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;

      if (!g_file_enumerator_iterate (en, &info, &child, cancellable, &local_error))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          _ld_input_skip (self, name, NULL, LD_ERROR_READ,
                          g_strdup_printf (_("The folder %s could not be read to the end (%s); the files "
                                             "listed before that were searched."), name, local_error->message));
          break;
        }
      if (info == NULL)
        break;
      _ld_input_guard_add_entry (state, child, info);
      g_ptr_array_add (children, g_object_ref (child));
    }
  /* Each log's rotated files oldest first. */
  g_ptr_array_sort (children, compare_files_rotation);

  for (guint i = 0; i < children->len; i++)
    {
      GFile *child = g_ptr_array_index (children, i);
      g_autoptr(GError) child_error = NULL;
      guint skipped_before = state->skipped->len;
      g_autofree char *child_name = NULL;

      if (add_path (self, child, FALSE, depth + 1, cancellable, found, &child_error))
        continue;
      if (g_error_matches (child_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&child_error));
          return FALSE;
        }
      /* A zip's members were recorded one by one; anything else here. */
      if (state->skipped->len > skipped_before)
        continue;
      child_name = g_file_get_parse_name (child);
      skip_error (self, child_name, child_error);
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
                 guint64       holes,
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
  if (input->bytes + holes == size_at_open && size_now == size_at_open)
    return;
  g_ptr_array_add (input->problems,
                   g_strdup_printf (_("The file changed while it was read: %llu bytes when opened, %llu "
                                      "read, %llu now. The analysis covers what was read; open the "
                                      "file again once the client has stopped writing it."),
                                    (unsigned long long) size_at_open, (unsigned long long) (input->bytes + holes),
                                    (unsigned long long) size_now));
}

/* Reads a file no further than the size it had when it was opened: a log
 * the client keeps writing (or anything else growing) is read as it was
 * then, in bounded time. The holes of a sparse file (never written, they
 * read as zero bytes: a 100 GB file may hold a few KB) are skipped rather
 * than read, and counted. */
typedef struct
{
  GInputStream *in;
  GCancellable *cancellable;
  guint64       left;
  guint64       pos;
  guint64       holes;
  int           fd;          /* for SEEK_DATA, or -1 */
  LdAnalysis   *analysis;    /* told of the holes skipped */
} FileReader;

static gsize
file_read (gpointer  data,
           char     *buf,
           gsize     len,
           GError  **error)
{
  FileReader *r = data;
  gssize n;

#if defined(G_OS_UNIX) && defined(SEEK_DATA)
  if (r->fd >= 0 && r->left > 0)
    {
      off_t next = lseek (r->fd, (off_t) r->pos, SEEK_DATA);

      if (next < 0 && errno == ENXIO)
        next = (off_t) (r->pos + r->left);   /* a hole to the end */
      if (next > (off_t) r->pos)
        {
          guint64 skip = MIN ((guint64) next - r->pos, r->left);

          r->holes += skip;
          _ld_analysis_note_skipped (r->analysis, skip);
          r->pos += skip;
          r->left -= skip;
          if (r->left > 0 && lseek (r->fd, (off_t) r->pos, SEEK_SET) < 0)
            r->fd = -1;
        }
      else if (next < 0)
        r->fd = -1;                          /* not supported here: read it all */
    }
#endif
  if (r->left == 0)
    return 0;
  n = g_input_stream_read (r->in, buf, MIN (len, r->left), r->cancellable, error);
  if (n < 0)
    return 0;
  r->left -= n;
  r->pos += n;
  return (gsize) n;
}

static void
note_holes (LdAnalysis *self,
            guint64     holes)
{
  GPtrArray *inputs = ld_analysis_get_inputs (self);
  LdInput *input;

  if (holes == 0 || inputs->len == 0)
    return;
  input = g_ptr_array_index (inputs, inputs->len - 1);
  g_ptr_array_add (input->problems,
                   g_strdup_printf (_("%llu bytes of this file were never written (holes of a sparse file, "
                                      "which read as zero bytes) and were skipped."),
                                    (unsigned long long) holes));
}

/* The first bytes of a zip: a local file header, or the end of the
 * central directory of an empty one (APPNOTE.TXT 4.3.7, 4.3.16). */
static gboolean
head_is_zip (const char *head,
             gsize       got)
{
  return got >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

/* Reads a file or a pipe named @path (@base its name) into the analysis
 * through @read_func. @fd, where not -1, is offered to the message
 * browser to read its messages' texts again from (ld-message-text.c);
 * @size is what progress counts to, 0 when unknown. A Lync for Mac log
 * is named as such rather than "not a log". */
static gboolean
read_local (LdAnalysis    *self,
            gsize        (*read_func) (gpointer, char *, gsize, GError **),
            gpointer       read_data,
            const char    *path,
            const char    *base,
            int            fd,
            guint64        size,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  _ld_message_texts_offer_fd (self, fd);
  _ld_analysis_add_progress_total (self, size);
  if (_ld_analysis_read_func (self, read_func, read_data, path, NULL, 0, FALSE, cancellable, &local_error))
    return TRUE;
  if (g_error_matches (local_error, LD_ERROR, LD_ERROR_NOT_A_LOG) && _ld_input_name_is_mac_log (base))
    _ld_input_set_mac_error (error, path);
  else
    g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* ---- Pipes and devices ------------------------------------------------ */

#ifdef G_OS_UNIX
/* A named pipe, or /dev/stdin with a program's output piped into it, is
 * read in one pass, from its start, as the bytes come: that is all a log
 * needs. Nothing may need a second pass: the head that tells a zip from a
 * log is handed to the reader instead of sought back to (a pipe cannot
 * seek, and opening it again would wait for another writer or lose those
 * bytes), and the message browser copies the texts instead of reading
 * them again by offset (ld-message-text.c). A zip needs its end first
 * (its directory) and is refused. */
typedef struct
{
  GInputStream *in;
  GCancellable *cancellable;
  char          head[4];
  gsize         head_len;
  gsize         head_pos;
} PipeReader;

static gsize
pipe_read (gpointer  data,
           char     *buf,
           gsize     len,
           GError  **error)
{
  PipeReader *r = data;
  gsize n = MIN (len, r->head_len - r->head_pos);
  gsize got = 0;

  memcpy (buf, r->head + r->head_pos, n);
  r->head_pos += n;
  /* Whole chunks, as a file gives them: what the reader judges by the
   * first chunk (binary or text) must not depend on how the writer's
   * bytes happened to arrive. */
  if (n < len && !g_input_stream_read_all (r->in, buf + n, len - n, &got, r->cancellable, error))
    return 0;
  return n + got;
}

/* /dev/null under any name (/dev/stdin redirected from it): read, it is
 * an empty file. */
static gboolean
is_null_device (guint32 mode,
                guint64 rdev)
{
  GStatBuf st;

  return S_ISCHR (mode) && g_stat ("/dev/null", &st) == 0 && S_ISCHR (st.st_mode) &&
         (guint64) st.st_rdev == rdev;
}

/* Refuses what is not read without opening it: a pipe in a folder, a
 * device, a socket. */
static gboolean
special_may_be_read (guint32      mode,
                     guint64      rdev,
                     const char  *path,
                     gboolean     explicit_file,
                     GError     **error)
{
  if (S_ISFIFO (mode) && explicit_file)
    return TRUE;
  if (S_ISFIFO (mode))
    /* Opening a pipe for reading waits until a program opens it for
     * writing: one met in a folder would stop the search. */
    g_set_error (error, LD_ERROR, LD_ERROR_READ,
                 _("%s is a named pipe (FIFO), not a regular file, and was not read: a pipe found in a "
                   "folder is not opened, because opening it waits for a program to write to it. To "
                   "read what a program writes to it, open the pipe itself."), path);
  else if (S_ISSOCK (mode))
    g_set_error (error, LD_ERROR, LD_ERROR_READ,
                 _("%s is a socket, not a regular file, and was not read: a socket is a connection "
                   "between programs, not a log. Save the log to a file and open that file."), path);
  else if (is_null_device (mode, rdev))
    return TRUE;
  else
    /* /dev/zero never ends; a terminal (/dev/stdin with nothing
     * redirected into it) waits for typing; a disk is not a log. */
    g_set_error (error, LD_ERROR, LD_ERROR_READ,
                 _("%s is a device, not a regular file, and was not read: a device such as /dev/zero "
                   "never ends, and a terminal (what /dev/stdin is when nothing is piped into it) "
                   "waits for typing. Save the log to a file and open that file, or pipe it into "
                   "/dev/stdin."), path);
  return FALSE;
}

static gboolean
add_special (LdAnalysis    *self,
             GFile         *file,
             GFileInfo     *info,
             const char    *path,
             gboolean       explicit_file,
             GCancellable  *cancellable,
             guint         *found,
             GError       **error)
{
  guint32 mode = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE);
  guint64 rdev = g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_RDEV);
  const char *base = g_file_info_get_name (info);
  g_autofree char *local = g_file_get_path (file);
  g_autoptr(GInputStream) in = NULL;
  g_autoptr(GError) local_error = NULL;
  PipeReader reader = { 0 };
  GStatBuf st;
  int fd;

  if (!special_may_be_read (mode, rdev, path, explicit_file, error))
    return FALSE;
  if (local == NULL)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_READ,
                   _("%s is not a regular file and was not read."), path);
      return FALSE;
    }
  /* Not blocking: open returns at once even before a writer has come, and
   * the stream then waits for the bytes where it can be cancelled (the
   * app's Cancel), never in open(). Linux reports no end of a named pipe
   * until a writer has come (fs/pipe.c, fifo_open). */
  fd = g_open (local, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      int errsv = errno;

      if (errsv == EACCES || errsv == EPERM)
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("%s cannot be read: permission denied. Copy the file somewhere you can "
                       "read it, or ask its owner to share it."), path);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path, g_strerror (errsv));
      return FALSE;
    }
  in = g_unix_input_stream_new (fd, TRUE);
  /* What was opened decides, not the name a moment before. */
  if (fstat (fd, &st) != 0 ||
      (!S_ISREG (st.st_mode) && !special_may_be_read (st.st_mode, st.st_rdev, path, explicit_file, error)))
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path, g_strerror (errno));
      return FALSE;
    }

  reader.in = in;
  reader.cancellable = cancellable;
  if (!g_input_stream_read_all (in, reader.head, sizeof reader.head, &reader.head_len, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                     local_error->message);
      return FALSE;
    }
  if (head_is_zip (reader.head, reader.head_len))
    {
      /* Closing it ends the writer (SIGPIPE) rather than leaving it waiting. */
      g_set_error (error, LD_ERROR, LD_ERROR_READ,
                   _("%s is a zip coming through a pipe, and a zip cannot be read that way: its list of "
                     "files is at its end, and a pipe gives its bytes only once, from the start. Save "
                     "the zip to a file first and open that file."), path);
      return FALSE;
    }

  /* Its texts cannot be read again from it: they are copied. */
  if (!read_local (self, pipe_read, &reader, path, base, -1, 0, cancellable, error))
    return FALSE;
  (*found)++;
  return TRUE;
}
#endif

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
  g_autoptr(GFileInfo) open_info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = g_file_get_parse_name (file);
  g_autoptr(GFileInputStream) in = NULL;
  const char *base;
  GFileType type;
  char head[4];
  gsize got = 0;
  guint64 size;
  FileReader reader;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                            G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_UNIX_MODE ","
                            G_FILE_ATTRIBUTE_UNIX_RDEV,
                            explicit_file ? G_FILE_QUERY_INFO_NONE : G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("%s does not exist. Check the name and the folder."), path);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                     local_error->message);
      return FALSE;
    }

  type = g_file_info_get_file_type (info);
  base = g_file_info_get_name (info);
  if (type == G_FILE_TYPE_DIRECTORY)
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
  /* In a folder, only what is named like a log or a zip is a candidate;
   * a candidate that cannot be read is said, never dropped. */
  if (!explicit_file && !looks_like_input (base))
    return TRUE;
  if (type == G_FILE_TYPE_SYMBOLIC_LINK)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_READ,
                   _("%s is a symbolic link and was not followed: links inside a folder are not "
                     "followed, so that a loop cannot hang the analysis. Open the file it points to "
                     "directly."), path);
      return FALSE;
    }
#ifdef G_OS_UNIX
  /* A pipe, a device or a socket: decided by what it is, never by
   * opening it and waiting. */
  if (type == G_FILE_TYPE_SPECIAL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    return add_special (self, file, info, path, explicit_file, cancellable, found, error);
#endif
  if (type != G_FILE_TYPE_REGULAR && type != G_FILE_TYPE_UNKNOWN)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_READ,
                   _("%s is not a regular file and was not read."), path);
      return FALSE;
    }

  in = g_file_read (file, cancellable, &local_error);
  if (in == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        g_set_error (error, LD_ERROR, LD_ERROR_READ,
                     _("%s cannot be read: permission denied. Copy the file somewhere you can "
                       "read it, or ask its owner to share it."), path);
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                     local_error->message);
      return FALSE;
    }
  /* The size of what was opened, not of the name a moment before. */
  open_info = g_file_input_stream_query_info (in, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (open_info != NULL && g_file_info_has_attribute (open_info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (open_info);
  else if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    size = g_file_info_get_size (info);
  else
    size = G_MAXUINT64;

  if (!g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &got, cancellable, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path,
                     local_error->message);
      return FALSE;
    }

  if (head_is_zip (head, got))
    {
      g_input_stream_close (G_INPUT_STREAM (in), NULL, NULL);
      if (!_ld_input_add_zip (self, file, path, size == G_MAXUINT64 ? 0 : size, cancellable, error))
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

  if (!explicit_file && !_ld_input_name_is_log (base))
    {
      /* A .log/.txt in a folder: read it only when it starts like a log. */
      char sniff[4096];
      gsize n = 0;

      if (!g_input_stream_read_all (G_INPUT_STREAM (in), sniff, sizeof sniff, &n, cancellable, NULL) ||
          !_ld_input_sniff_is_log (sniff, n) ||
          !g_seekable_seek (G_SEEKABLE (in), 0, G_SEEK_SET, cancellable, NULL))
        {
          /* Named for what it is, not passed over as any .log. */
          if (_ld_input_name_is_mac_log (base))
            {
              _ld_input_set_mac_error (error, path);
              return FALSE;
            }
          return TRUE;
        }
    }

  reader.in = G_INPUT_STREAM (in);
  reader.cancellable = cancellable;
  reader.left = size;
  reader.pos = 0;
  reader.holes = 0;
  reader.fd = -1;
  reader.analysis = self;
#ifdef G_OS_UNIX
  if (G_IS_FILE_DESCRIPTOR_BASED (in) && g_seekable_tell (G_SEEKABLE (in)) == 0)
    reader.fd = g_file_descriptor_based_get_fd (G_FILE_DESCRIPTOR_BASED (in));
#endif
  /* The message browser may leave its messages' texts in the file, read
   * again from it when shown (ld-message-text.c). Elsewhere than on
   * Unix, they are copied. */
  if (!read_local (self, file_read, &reader, path, base, reader.fd, size == G_MAXUINT64 ? 0 : size,
                   cancellable, error))
    return FALSE;
  note_if_changed (self, file, size, reader.holes, cancellable);
  note_holes (self, reader.holes);
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
 * nothing is extracted or written. @file is remembered, read or not, so
 * that ld_analysis_check_output() refuses to write over it; whatever in it
 * was not analysed is in ld_analysis_get_skipped().
 *
 * Returns: %TRUE if at least one log was read from @file
 */
gboolean
ld_analysis_add_file (LdAnalysis    *self,
                      GFile         *file,
                      GCancellable  *cancellable,
                      GError       **error)
{
  LdInputState *state;
  g_autoptr(GError) local_error = NULL;
  guint found = 0;
  guint skipped_before;

  g_return_val_if_fail (LD_IS_ANALYSIS (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (!_ld_analysis_is_finished (self), FALSE);

  state = _ld_analysis_get_input_state (self);
  _ld_input_guard_add_named (state, file);
  skipped_before = state->skipped->len;
  if (add_path (self, file, TRUE, 0, cancellable, &found, &local_error))
    return TRUE;

  /* Said once: by what it held (a zip's members, a folder's files) when
   * those were recorded, else by itself. */
  if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      state->skipped->len == skipped_before)
    {
      g_autofree char *path = g_file_get_parse_name (file);

      skip_error (self, path, local_error);
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
