/* ld-input-zip.c - logs in zips, read in place with libzip, within a budget
 *
 * A zip is read where it is (through GIO, so on smb:// too) and never
 * extracted. What it makes us inflate is bounded: the real inflated size of
 * a member, never more than its entry declares, and all members of all the
 * zips of one analysis (nested ones included) within LD_MAX_ZIP_TOTAL. A
 * member that is not read is named with its reason (ld_analysis_get_skipped()).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-input"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <zip.h>

#include "ld-error.h"
#include "ld-input-private.h"

#define MB (1024 * 1024)
/* Ratios are judged on members past this size only: small logs compress
 * well too. */
#define RATIO_MIN_SIZE (G_GUINT64_CONSTANT (64) * MB)

static const char *
member_basename (const char *name)
{
  const char *slash = strrchr (name, '/');
  const char *bslash = strrchr (name, '\\');
  const char *b = MAX (slash, bslash);

  return b ? b + 1 : name;
}

/* A member's name as shown: made valid, control bytes escaped, and cut in
 * the middle past LD_MAX_MEMBER_NAME bytes so that its folder's start and
 * its file name stay readable. */
static char *
member_display_name (const char *name,
                     gboolean   *cut)
{
  g_autofree char *shown = ld_text_dup_display_name (name, strlen (name));
  gsize len = strlen (shown);
  const char *head_end, *tail;

  *cut = len > LD_MAX_MEMBER_NAME;
  if (!*cut)
    return g_steal_pointer (&shown);
  head_end = g_utf8_find_prev_char (shown, shown + LD_MAX_MEMBER_NAME / 2 + 1);
  tail = g_utf8_find_next_char (shown + len - LD_MAX_MEMBER_NAME / 2, NULL);
  return g_strdup_printf ("%.*s…%s", (int) (head_end - shown), shown, tail);
}

/* ---- libzip's errors in the user's words --------------------------------- */

/* What went wrong, as the end of a sentence that names the zip or member:
 * libzip's own strings ("File already exists" for two members of one name,
 * "No such file" for data past the end) mislead. */
static char *
zip_error_sentence (int ze,
                    int se)
{
  switch (ze)
    {
    case ZIP_ER_NOZIP:
      return g_strdup (_("it is not a zip file, or its table of contents is missing (it may have been cut off "
                         "while it was copied or mailed)"));
    case ZIP_ER_EOF:
      return g_strdup (_("it ends before its table of contents says it should (it was cut off while it was "
                         "copied or mailed)"));
    case ZIP_ER_INCONS:
      return g_strdup (_("its table of contents does not match its contents: the zip is damaged, was cut "
                         "off, or was made to mislead"));
    case ZIP_ER_EXISTS:
      return g_strdup (_("two of its members have the same name, so which one is meant cannot be told: "
                         "the zip is damaged or was made to mislead"));
    case ZIP_ER_MULTIDISK:
      return g_strdup (_("it is one part of a zip split over several files: join the parts into one zip "
                         "first"));
    case ZIP_ER_NOENT:
      return g_strdup (_("its entry points at data that is not in the file (a size or position that "
                         "lies, or a zip that was cut off)"));
    case ZIP_ER_COMPNOTSUPP:
      return g_strdup (_("it is compressed with a method LyncDiag cannot read (it reads stored and "
                         "deflated members, as Windows makes them)"));
    case ZIP_ER_ENCRNOTSUPP:
    case ZIP_ER_NOPASSWD:
    case ZIP_ER_WRONGPASSWD:
      return g_strdup (_("it is encrypted"));
    case ZIP_ER_CRC:
      return g_strdup (_("its data does not match its checksum: it was damaged after it was zipped"));
    case ZIP_ER_ZLIB:
    case ZIP_ER_COMPRESSED_DATA:
      return g_strdup (_("its compressed data is damaged"));
    case ZIP_ER_MEMORY:
      return g_strdup (_("there was not enough memory to read it"));
    case ZIP_ER_READ:
    case ZIP_ER_SEEK:
    case ZIP_ER_TELL:
    case ZIP_ER_OPEN:
      if (se != 0)
        /* TRANSLATORS: %s is the system's reason, e.g. "Input/output error" */
        return g_strdup_printf (_("the file could not be read (%s)"), g_strerror (se));
      return g_strdup (_("the file could not be read"));
    default:
      {
        zip_error_t e;
        char *s;

        zip_error_init_with_code (&e, ze);
        /* TRANSLATORS: %s is libzip's own description of an unusual error */
        s = g_strdup_printf (_("libzip reports “%s”"), zip_error_strerror (&e));
        zip_error_fini (&e);
        return s;
      }
    }
}

static char *
zip_error_sentence_from (zip_error_t *e)
{
  return zip_error_sentence (zip_error_code_zip (e),
                             zip_error_system_type (e) == ZIP_ET_SYS ? zip_error_code_system (e) : 0);
}

/* ---- libzip over GIO ---------------------------------------------------- */

/* A zip_source backed by a GFile, so a report on smb:// or sftp:// (GVfs)
 * is read in place like a local one and never extracted. Its size is the
 * size the zip had when opened: a zip still being written is read as it
 * was then. */
typedef struct
{
  GFile          *file;
  GInputStream   *stream;
  GCancellable   *cancellable;
  zip_int64_t     size;
  zip_int64_t     pos;
  zip_error_t     error;
} GioSource;

static void
gio_source_set_error (GioSource *src,
                      int        ze,
                      GError    *error)
{
  int errsv = 0;

  if (error != NULL && error->domain == G_IO_ERROR)
    errsv = error->code == G_IO_ERROR_PERMISSION_DENIED ? EACCES :
            error->code == G_IO_ERROR_NOT_FOUND ? ENOENT : EIO;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    ze = ZIP_ER_CANCELLED;
  zip_error_set (&src->error, ze, errsv);
}

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
          gio_source_set_error (src, ZIP_ER_OPEN, error);
          return -1;
        }
      src->pos = 0;
      return 0;

    case ZIP_SOURCE_READ:
      {
        gsize got = 0;

        /* Never past the size when opened. */
        len = MIN (len, (zip_uint64_t) MAX (src->size - src->pos, 0));
        if (!g_input_stream_read_all (src->stream, data, len, &got, src->cancellable, &error))
          {
            gio_source_set_error (src, ZIP_ER_READ, error);
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
            gio_source_set_error (src, ZIP_ER_SEEK, error);
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

/* ---- One zip ------------------------------------------------------------- */

typedef struct
{
  LdAnalysis   *self;
  LdInputState *state;
  const char   *path;        /* the zip the user named or that was found in a folder */
  GCancellable *cancellable;
  guint         found;       /* logs read */
  GError       *first_error; /* the first member not read, for when none was */
  gboolean      cancelled;
} ZipRead;

/* A member of one zip, in the order it is read. */
typedef struct
{
  zip_uint64_t index;
  zip_stat_t   st;
  char        *display;     /* as shown, with the outer zips' names before it */
  gboolean     name_cut;
  gboolean     is_zip;
  gboolean     is_log;       /* by its name; otherwise a .log or .txt that may be one */
  guint64      reserved;     /* bytes of the budget set aside for it */
  gboolean     over_budget;
} Member;

static void
member_clear (Member *m)
{
  g_free (m->display);
}

static void
skip_member (ZipRead    *zr,
             const char *display,
             int         code,
             char       *reason)
{
  if (zr->first_error == NULL)
    zr->first_error = g_error_new_literal (LD_ERROR, code, reason);
  _ld_input_skip (zr->self, zr->path, display, code, reason);
}

/* Reads a member, never more than its entry declares: the declared size
 * is what the budget set aside, and a member that inflates past it lies. */
typedef struct
{
  zip_file_t *zf;
  guint64     declared;
  guint64     inflated;
} MemberReader;

static gsize
member_read (gpointer  data,
             char     *buf,
             gsize     len,
             GError  **error)
{
  MemberReader *r = data;
  zip_int64_t n;

  /* One byte past the declared size is enough to catch a lie. */
  if (r->declared - r->inflated < len)
    len = (gsize) (r->declared - r->inflated) + 1;
  n = zip_fread (r->zf, buf, len);
  if (n < 0)
    {
      g_autofree char *why = zip_error_sentence_from (zip_file_get_error (r->zf));

      g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                   /* TRANSLATORS: %s says why, e.g. "its compressed data is damaged" */
                   _("this zip member could not be read: %s. Ask for a fresh copy of the report, or "
                     "extract the log with another tool and open it directly."), why);
      return 0;
    }
  r->inflated += n;
  if (r->inflated > r->declared)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                   _("this zip member holds more data than its entry declares (%llu bytes): the zip "
                     "is damaged or was made to mislead, and it was not read further. Ask for a "
                     "fresh copy of the report."),
                   (unsigned long long) r->declared);
      return 0;
    }
  return (gsize) n;
}

static void read_zip (ZipRead *zr, zip_t *za, const char *prefix, int depth);

/* Gives back what a member did not use of what was set aside for it. */
static void
refund (ZipRead *zr,
        Member  *m,
        guint64  used)
{
  if (used < m->reserved)
    zr->state->zip_budget += m->reserved - used;
  m->reserved = 0;
}

static char *
over_budget_reason (const ZipRead *zr,
                    const Member  *m)
{
  return g_strdup_printf (_("%s in %s was not read: it inflates to %llu MB, more than what is left of the "
                            "%llu MB LyncDiag inflates from zips in one analysis. The newest logs were read "
                            "first; extract this one and open it on its own."),
                          m->display, zr->path, (unsigned long long) (m->st.size / MB),
                          (unsigned long long) (LD_MAX_ZIP_TOTAL / MB));
}

static void
read_nested_zip (ZipRead    *zr,
                 zip_t      *za,
                 Member     *m,
                 int         depth)
{
  g_autofree char *buf = NULL;
  g_autofree char *prefix = g_strconcat (m->display, "/", NULL);
  zip_file_t *zf;
  zip_int64_t n;
  zip_source_t *src;
  zip_t *inner;
  zip_error_t ze;
  char extra;

  if (depth >= LD_MAX_ZIP_DEPTH)
    {
      refund (zr, m, 0);
      skip_member (zr, m->display, LD_ERROR_LIMIT,
                   g_strdup_printf (_("%s in %s is a zip inside a zip inside a zip: LyncDiag reads zips %d "
                                      "levels deep. Extract it and open it directly."),
                                    m->display, zr->path, LD_MAX_ZIP_DEPTH));
      return;
    }
  if (m->st.size > LD_MAX_NESTED_ZIP_SIZE)
    {
      refund (zr, m, 0);
      skip_member (zr, m->display, LD_ERROR_LIMIT,
                   g_strdup_printf (_("%s in %s is a zip inside a zip of %llu MB; LyncDiag reads such zips up "
                                      "to %u MB in place. Extract it and open it directly."),
                                    m->display, zr->path, (unsigned long long) (m->st.size / MB),
                                    LD_MAX_NESTED_ZIP_SIZE / MB));
      return;
    }

  zf = zip_fopen_index (za, m->index, 0);
  if (zf == NULL)
    {
      g_autofree char *why = zip_error_sentence_from (zip_get_error (za));

      refund (zr, m, 0);
      skip_member (zr, m->display, LD_ERROR_ZIP,
                   g_strdup_printf (_("%s in %s could not be opened: %s."), m->display, zr->path, why));
      return;
    }
  /* The inner zip is read from memory: exactly the size its entry
   * declares, which the budget set aside. */
  buf = g_malloc (MAX (m->st.size, 1));
  n = zip_fread (zf, buf, m->st.size);
  if (n >= 0 && (zip_uint64_t) n == m->st.size && zip_fread (zf, &extra, 1) > 0)
    n = -2;
  if (n < 0 || (zip_uint64_t) n != m->st.size)
    {
      g_autofree char *why = n == -1 ? zip_error_sentence_from (zip_file_get_error (zf))
                                     : g_strdup (_("its size does not match its entry"));

      zip_fclose (zf);
      refund (zr, m, MAX (n, 0));
      skip_member (zr, m->display, LD_ERROR_ZIP,
                   g_strdup_printf (_("%s in %s could not be read: %s. Ask for a fresh copy of the "
                                      "report."), m->display, zr->path, why));
      return;
    }
  zip_fclose (zf);
  m->reserved = 0;   /* inflated in full: nothing to give back */

  zip_error_init (&ze);
  src = zip_source_buffer_create (buf, m->st.size, 0, &ze);
  inner = src ? zip_open_from_source (src, ZIP_RDONLY | ZIP_CHECKCONS, &ze) : NULL;
  if (inner == NULL)
    {
      g_autofree char *why = zip_error_sentence_from (&ze);

      if (src != NULL)
        zip_source_free (src);
      zip_error_fini (&ze);
      skip_member (zr, m->display, LD_ERROR_ZIP,
                   g_strdup_printf (_("%s in %s is not a readable zip: %s."), m->display, zr->path, why));
      return;
    }
  zip_error_fini (&ze);
  read_zip (zr, inner, prefix, depth + 1);
  zip_discard (inner);
}

static void
read_log_member (ZipRead *zr,
                 zip_t   *za,
                 Member  *m)
{
  MemberReader r = { NULL, m->st.size, 0 };
  g_autoptr(GError) error = NULL;
  GPtrArray *inputs = ld_analysis_get_inputs (zr->self);
  guint before = inputs->len;

  r.zf = zip_fopen_index (za, m->index, 0);
  if (r.zf == NULL)
    {
      g_autofree char *why = zip_error_sentence_from (zip_get_error (za));

      refund (zr, m, 0);
      zip_error_clear (za);
      skip_member (zr, m->display, LD_ERROR_ZIP,
                   g_strdup_printf (_("%s in %s could not be opened: %s. Ask for a fresh copy of the "
                                      "report, or extract the log with another tool and open it "
                                      "directly."), m->display, zr->path, why));
      return;
    }

  if (!m->is_log)
    {
      /* A .log or .txt: read only when it starts like a log. */
      char head[4096];
      zip_int64_t n = zip_fread (r.zf, head, sizeof head);

      zip_fclose (r.zf);
      if (n <= 0 || !_ld_input_sniff_is_log (head, n))
        {
          refund (zr, m, 0);
          if (_ld_input_name_is_mac_log (member_basename (m->st.name)))
            {
              g_autoptr(GError) mac = NULL;

              _ld_input_set_mac_error (&mac, m->display);
              skip_member (zr, m->display, mac->code, g_strdup (mac->message));
            }
          return;
        }
      if (m->over_budget)
        {
          skip_member (zr, m->display, LD_ERROR_LIMIT, over_budget_reason (zr, m));
          return;
        }
      r.zf = zip_fopen_index (za, m->index, 0);
      if (r.zf == NULL)
        {
          refund (zr, m, 0);
          return;
        }
    }

  if (_ld_analysis_read_func (zr->self, member_read, &r, zr->path, m->display, 0, TRUE, zr->cancellable, &error))
    {
      zr->found++;
      if (m->name_cut && inputs->len > before)
        g_ptr_array_add (((LdInput *) g_ptr_array_index (inputs, inputs->len - 1))->problems,
                         g_strdup_printf (_("The name of this zip member is %zu bytes long; it is shown "
                                            "cut in the middle (…)."), strlen (m->st.name)));
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    zr->cancelled = TRUE;
  else if (g_error_matches (error, LD_ERROR, LD_ERROR_NOT_A_LOG) && _ld_input_name_is_mac_log (member_basename (m->st.name)))
    {
      g_autoptr(GError) mac = NULL;

      _ld_input_set_mac_error (&mac, m->display);
      skip_member (zr, m->display, mac->code, g_strdup (mac->message));
    }
  else
    skip_member (zr, m->display, error->code, g_strdup (error->message));
  zip_fclose (r.zf);
  refund (zr, m, r.inflated);
}

/* Newest first: the list below is read from its end (see list_members()). */
static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return _ld_input_compare_rotation (*(const char **) b, *(const char **) a);
}

/* The members that may hold logs (named like logs or zips), oldest first.
 * Past LD_MAX_ZIP_LOGS of them in one analysis, the oldest are left out. */
static GArray *
list_members (ZipRead    *zr,
              zip_t      *za,
              const char *prefix)
{
  zip_int64_t n = zip_get_num_entries (za, 0);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (zip_uint64_t));
  GArray *members = g_array_new (FALSE, TRUE, sizeof (Member));
  guint first;

  g_array_set_clear_func (members, (GDestroyNotify) member_clear);

  /* Read rotated files oldest first: "-1" before "-0", ".bak" before the
   * live file (_ld_input_compare_rotation()), so the timeline reads
   * forward and a record cut by the rotation is joined; sorted newest
   * first, taken from the end. */
  for (zip_int64_t i = 0; i < n; i++)
    {
      const char *name = zip_get_name (za, i, 0);
      const char *base;

      if (name == NULL)
        continue;
      base = member_basename (name);
      if (!_ld_input_name_is_zip (base) && !_ld_input_name_is_log (base) && !_ld_input_name_may_be_log (base))
        continue;
      g_ptr_array_add (names, g_strdup_printf ("%s\x01%" G_GINT64_FORMAT, name, (gint64) i));
    }
  g_ptr_array_sort (names, compare_names);
  for (guint k = names->len; k > 0; k--)
    {
      const char *s = g_ptr_array_index (names, k - 1);
      zip_uint64_t idx = g_ascii_strtoull (strrchr (s, '\x01') + 1, NULL, 10);

      g_array_append_val (candidates, idx);
    }

  first = candidates->len > zr->state->zip_logs_left ? candidates->len - zr->state->zip_logs_left : 0;
  zr->state->zip_logs_left -= candidates->len - first;
  if (first > 0)
    {
      g_autofree char *what = prefix != NULL ? g_strndup (prefix, strlen (prefix) - 1) : NULL;
      /* TRANSLATORS: a zip inside the zip the user opened */
      g_autofree char *where = what != NULL ? g_strdup_printf (_("%s in %s"), what, zr->path) : g_strdup (zr->path);

      skip_member (zr, what, LD_ERROR_LIMIT,
                   g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                 "%u file named like a log in %s was not read: LyncDiag reads "
                                                 "%u such files from the zips of one analysis, the newest first.",
                                                 "%u files named like logs in %s were not read: LyncDiag reads "
                                                 "%u such files from the zips of one analysis, the newest first.",
                                                 first),
                                    first, where, LD_MAX_ZIP_LOGS));
    }

  for (guint k = first; k < candidates->len; k++)
    {
      zip_uint64_t idx = g_array_index (candidates, zip_uint64_t, k);
      Member m = { idx, };
      const char *base;
      g_autofree char *shown = NULL;

      zip_stat_init (&m.st);
      if (zip_stat_index (za, idx, 0, &m.st) != 0 || !(m.st.valid & ZIP_STAT_NAME))
        continue;
      base = member_basename (m.st.name);
      m.is_zip = _ld_input_name_is_zip (base);
      m.is_log = !m.is_zip && _ld_input_name_is_log (base);
      shown = member_display_name (m.st.name, &m.name_cut);
      m.display = prefix ? g_strconcat (prefix, shown, NULL) : g_steal_pointer (&shown);
      g_array_append_val (members, m);
    }
  return members;
}

/* Refuses what cannot be read before a byte is inflated, and sets the
 * budget aside for the rest, newest first: when it runs short, the oldest
 * rotated logs are the ones left out. */
static void
plan_members (ZipRead *zr,
              GArray  *members)
{
  for (guint k = members->len; k > 0; k--)
    {
      Member *m = &g_array_index (members, Member, k - 1);

      if ((m->st.valid & ZIP_STAT_ENCRYPTION_METHOD) && m->st.encryption_method != ZIP_EM_NONE)
        continue;
      if (!(m->st.valid & ZIP_STAT_SIZE))
        continue;
      if ((m->st.valid & ZIP_STAT_COMP_SIZE) && m->st.size > RATIO_MIN_SIZE &&
          m->st.size / MAX (m->st.comp_size, 1) > LD_MAX_ZIP_RATIO)
        continue;
      if (m->st.size > zr->state->zip_budget)
        {
          m->over_budget = TRUE;
          continue;
        }
      m->reserved = m->st.size;
      zr->state->zip_budget -= m->st.size;
    }
}

static void
read_member (ZipRead *zr,
             zip_t   *za,
             Member  *m,
             int      depth)
{
  const zip_stat_t *st = &m->st;

  if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) && st->encryption_method != ZIP_EM_NONE)
    {
      if (m->is_log || m->is_zip)
        skip_member (zr, m->display, LD_ERROR_ZIP,
                     g_strdup_printf (_("%s in %s is encrypted and was not read. Extract it with its "
                                        "password and open the log directly."), m->display, zr->path));
      return;
    }
  if (!(st->valid & ZIP_STAT_SIZE))
    {
      skip_member (zr, m->display, LD_ERROR_ZIP,
                   g_strdup_printf (_("%s in %s does not say how large it is and was not read. Ask for a "
                                      "fresh copy of the report."), m->display, zr->path));
      return;
    }
  if ((st->valid & ZIP_STAT_COMP_SIZE) && st->size > RATIO_MIN_SIZE &&
      st->size / MAX (st->comp_size, 1) > LD_MAX_ZIP_RATIO)
    {
      skip_member (zr, m->display, LD_ERROR_LIMIT,
                   g_strdup_printf (_("%s in %s would expand %llu times (to %llu MB): that is a zip bomb, "
                                      "not a log. It was not read."),
                                    m->display, zr->path, (unsigned long long) (st->size / MAX (st->comp_size, 1)),
                                    (unsigned long long) (st->size / MB)));
      return;
    }
  /* What earlier members gave back may make room now. */
  if (m->over_budget && st->size <= zr->state->zip_budget)
    {
      m->over_budget = FALSE;
      m->reserved = st->size;
      zr->state->zip_budget -= st->size;
    }
  if (m->over_budget && (m->is_log || m->is_zip))
    {
      skip_member (zr, m->display, LD_ERROR_LIMIT, over_budget_reason (zr, m));
      return;
    }

  if (m->is_zip)
    read_nested_zip (zr, za, m, depth);
  else
    read_log_member (zr, za, m);
}

static void
read_zip (ZipRead    *zr,
          zip_t      *za,
          const char *prefix,
          int         depth)
{
  g_autoptr(GArray) members = list_members (zr, za, prefix);

  plan_members (zr, members);
  for (guint k = 0; k < members->len; k++)
    {
      Member *m = &g_array_index (members, Member, k);

      if (zr->cancelled || g_cancellable_is_cancelled (zr->cancellable))
        {
          zr->cancelled = TRUE;
          refund (zr, m, 0);
          continue;
        }
      read_member (zr, za, m, depth);
    }
}

/* Reads every log in the zip @file. Each member that looks like a log and
 * is not read is in the analysis's skipped inputs; the zip fails (with the
 * first such reason) only when it gave no log at all. */
gboolean
_ld_input_add_zip (LdAnalysis    *self,
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
  ZipRead zr = { self, _ld_analysis_get_input_state (self), path, cancellable, };

  gs->file = g_object_ref (file);
  gs->cancellable = cancellable ? g_object_ref (cancellable) : NULL;
  gs->size = (zip_int64_t) size;
  zip_error_init (&gs->error);
  zip_error_init (&ze);

  src = zip_source_function_create (gio_source_cb, gs, &ze);
  if (src == NULL)
    {
      g_autofree char *why = zip_error_sentence_from (&ze);

      gio_source_cb (gs, NULL, 0, ZIP_SOURCE_FREE);
      g_set_error (error, LD_ERROR, LD_ERROR_READ, _("Could not read %s: %s."), path, why);
      zip_error_fini (&ze);
      return FALSE;
    }
  za = zip_open_from_source (src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
  if (za == NULL)
    {
      g_autofree char *why = zip_error_sentence_from (&ze);

      zip_source_free (src);
      if (zip_error_code_zip (&ze) == ZIP_ER_CANCELLED)
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      else
        g_set_error (error, LD_ERROR, LD_ERROR_ZIP,
                     _("%s is not a readable zip: %s. Ask for the report again, or extract the log with "
                       "another tool and open the log itself."), path, why);
      zip_error_fini (&ze);
      return FALSE;
    }
  zip_error_fini (&ze);
  _ld_analysis_add_progress_total (self, size);

  read_zip (&zr, za, NULL, 0);
  zip_discard (za);

  if (zr.cancelled)
    {
      g_clear_error (&zr.first_error);
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
      return FALSE;
    }
  if (zr.found == 0)
    {
      if (zr.first_error != NULL)
        {
          /* Each member's reason names the zip already. */
          g_propagate_error (error, zr.first_error);
          return FALSE;
        }
      g_set_error (error, LD_ERROR, LD_ERROR_NO_LOGS,
                   _("%s holds no Lync or Skype for Business log. A MOSDAL report keeps them under "
                     "User_Applications/Lync; make sure logging was on when the report was made."),
                   path);
      return FALSE;
    }
  g_clear_error (&zr.first_error);
  return TRUE;
}
