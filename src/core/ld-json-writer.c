/* ld-json-writer.c - a small streaming JSON writer (RFC 8259)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-json"

#include "config.h"

#include <string.h>

#if defined(__GNUC__) && defined(__SSE2__)
#include <emmintrin.h>
#define LD_JSON_SSE2 1
#endif

#include "ld-json-writer.h"


struct _LdJsonWriter
{
  GOutputStream *stream;   /* when set, output is flushed to it in pieces */
  GError   *stream_error;
  GString  *out;
  gboolean  pretty;
  guint     depth;
  gboolean  need_comma;
  gboolean  after_key;
};

LdJsonWriter *
ld_json_writer_new (gboolean pretty)
{
  LdJsonWriter *self = g_new0 (LdJsonWriter, 1);

  self->out = g_string_new (NULL);
  self->pretty = pretty;
  return self;
}

/**
 * ld_json_writer_new_for_stream:
 * @stream: where to write
 * @pretty: indent the output
 *
 * A writer that hands its output to @stream every 64 KB, so a large
 * analysis is never held in memory twice. Finish with
 * ld_json_writer_finish_stream().
 *
 * Returns: (transfer full): a writer
 */
LdJsonWriter *
ld_json_writer_new_for_stream (GOutputStream *stream,
                               gboolean       pretty)
{
  LdJsonWriter *self = ld_json_writer_new (pretty);

  self->stream = g_object_ref (stream);
  return self;
}

static void
maybe_flush (LdJsonWriter *self,
             gboolean      force)
{
  if (self->stream == NULL || self->stream_error != NULL)
    return;
  if (!force && self->out->len < 65536)
    return;
  if (self->out->len > 0 &&
      !g_output_stream_write_all (self->stream, self->out->str, self->out->len, NULL, NULL,
                                  &self->stream_error))
    return;
  g_string_truncate (self->out, 0);
}

gboolean
ld_json_writer_finish_stream (LdJsonWriter  *self,
                              GError       **error)
{
  if (self->pretty)
    g_string_append_c (self->out, '\n');
  maybe_flush (self, TRUE);
  if (self->stream_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->stream_error));
      return FALSE;
    }
  return g_output_stream_flush (self->stream, NULL, error);
}

void
ld_json_writer_free (LdJsonWriter *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_clear_error (&self->stream_error);
  if (self->out != NULL)
    g_string_free (self->out, TRUE);
  g_free (self);
}

char *
ld_json_writer_steal (LdJsonWriter *self)
{
  char *ret;

  if (self->pretty)
    g_string_append_c (self->out, '\n');
  ret = g_string_free (self->out, FALSE);
  self->out = NULL;
  return ret;
}

/**
 * ld_json_writer_new_fragment:
 * @parent: a writer inside an array
 * @continues: values are written in @parent's array before this fragment's
 *
 * A writer for a run of values of @parent's current array, to be written
 * on another thread and then added with ld_json_writer_append_fragment().
 * The result is the same as writing the values to @parent.
 *
 * Returns: (transfer full): a writer
 */
LdJsonWriter *
ld_json_writer_new_fragment (LdJsonWriter *parent,
                             gboolean      continues)
{
  LdJsonWriter *self = ld_json_writer_new (parent->pretty);

  self->depth = parent->depth;
  self->need_comma = continues;
  return self;
}

/**
 * ld_json_writer_reuse_fragment:
 * @self: a fragment of @parent, added with ld_json_writer_append_fragment()
 * @parent: the writer @self was made for
 * @continues: as for ld_json_writer_new_fragment()
 *
 * Empties @self for another run of @parent's values, as
 * ld_json_writer_new_fragment() would make it, but keeps its buffer: the
 * memory a large piece grew to is written again without being faulted in
 * afresh (on a virtual machine a tenth of writing a large analysis).
 */
void
ld_json_writer_reuse_fragment (LdJsonWriter *self,
                               LdJsonWriter *parent,
                               gboolean      continues)
{
  g_return_if_fail (self->stream == NULL && self->out != NULL);

  g_string_truncate (self->out, 0);
  self->pretty = parent->pretty;
  self->depth = parent->depth;
  self->need_comma = continues;
  self->after_key = FALSE;
}

/* Appends @n bytes. A GString append is a library call that re-checks
 * its arguments; at some twenty million small pieces per large analysis
 * that is a third of the writer's time, so the common case (the bytes
 * fit) is a copy here. */
static inline void
put (GString    *out,
     const char *p,
     gsize       n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      g_string_append_len (out, p, (gssize) n);
      return;
    }
  memcpy (out->str + out->len, p, n);
  out->len += n;
  out->str[out->len] = '\0';
}

static inline void
put_c (GString *out,
       char     c)
{
  put (out, &c, 1);
}

#define put_literal(out, s) put ((out), "" s, sizeof (s) - 1)

/* A line break and the indentation of a pretty writer, at most this
 * deep. */
#define NEWLINE_SPACES "\n                                                                "
#define MAX_NEWLINE (sizeof NEWLINE_SPACES - 1)
/* Room for a separator's line break copied sixteen bytes at a time. */
#define NEWLINE_ROOM ((MAX_NEWLINE + 15) / 16 * 16)
static const char newline_spaces[NEWLINE_ROOM] = NEWLINE_SPACES;

static gsize
newline_len (LdJsonWriter *self)
{
  return self->pretty ? MIN (1 + 2 * (gsize) self->depth, MAX_NEWLINE) : 0;
}

static void
newline (LdJsonWriter *self)
{
  put (self->out, newline_spaces, newline_len (self));
}

static void
before_value (LdJsonWriter *self)
{
  if (self->after_key)
    {
      self->after_key = FALSE;
      return;
    }
  if (self->need_comma)
    put_c (self->out, ',');
  if (self->depth > 0)
    newline (self);
}

/* The members of an object (a key and a plain value) are most of the
 * writer's output: each is written in one piece. reserve() makes room for
 * at most @n bytes and returns where they go; commit() ends the piece at
 * @end. */
static inline char *
reserve (GString *out,
         gsize    n)
{
  if (G_UNLIKELY (out->len + n >= out->allocated_len))
    {
      gsize len = out->len;

      g_string_set_size (out, len + n);
      g_string_truncate (out, len);
    }
  return out->str + out->len;
}

static inline void
commit (GString *out,
        char    *end)
{
  out->len = (gsize) (end - out->str);
  *end = '\0';
}

/* Room needed for what write_separator() writes. */
#define SEPARATOR_MAX (1 + NEWLINE_ROOM)

/* What before_value() writes, at @p; returns its end. */
static inline char *
write_separator (LdJsonWriter *self,
                 char         *p)
{
  gsize n;

  if (self->after_key)
    {
      self->after_key = FALSE;
      return p;
    }
  if (self->need_comma)
    *p++ = ',';
  if (self->depth > 0 && (n = newline_len (self)) > 0)
    {
      /* Sixteen bytes at a time, a few spaces past the line break's end
       * into the room reserved for what follows, which writes over them:
       * a copy of a length known only here is a library call. */
      for (gsize i = 0; i < n; i += 16)
        memcpy (p + i, newline_spaces + i, 16);
      p += n;
    }
  return p;
}

/* Bytes that are copied as they are: printable ASCII but the quote and
 * the backslash. */
static const guint8 plain_byte[256] = {
  [0x20 ... 0x21] = 1,  /* 0x22 is the quote */
  [0x23 ... 0x5b] = 1,  /* 0x5c is the backslash */
  [0x5d ... 0x7f] = 1,
};

#define ONES 0x0101010101010101ull
#define HIGHS 0x8080808080808080ull

/* Whether the eight bytes of @w are all plain, all at once: none is below
 * a space or from 0x80 up, none is a quote or a backslash (a byte of
 * zero in w ^ c·ONES is one equal to c). Each test is exact for "some
 * byte is": a borrow only reaches bytes above the one that caused it. */
static inline gboolean
word_plain (guint64 w)
{
  guint64 quote = w ^ (ONES * '"');
  guint64 backslash = w ^ (ONES * '\\');
  guint64 bad = ((w - ONES * 0x20) & ~w) | w | ((quote - ONES) & ~quote) | ((backslash - ONES) & ~backslash);

  return (bad & HIGHS) == 0;
}

/* Whether the @n bytes at @p, fewer than sixteen, are all plain: keys and
 * short values, most of what is written. From eight bytes on, as two
 * words that may overlap. */
static inline gboolean
bytes_plain (const guchar *p,
             gsize         n)
{
  if (n >= 8)
    {
      guint64 a, b;

      memcpy (&a, p, 8);
      memcpy (&b, p + n - 8, 8);
      return word_plain (a) && word_plain (b);
    }
  for (gsize i = 0; i < n; i++)
    if (!plain_byte[p[i]])
      return FALSE;
  return TRUE;
}

#ifdef LD_JSON_SSE2
/* Whether the 16 bytes at @p are all plain: none below a space (the
 * signed comparison takes every byte from 0x80 up as below it too), no
 * quote, no backslash. */
static inline gboolean
block_plain (const guchar *p)
{
  const __m128i v = _mm_loadu_si128 ((const __m128i *) p);
  const __m128i bad = _mm_or_si128 (_mm_cmplt_epi8 (v, _mm_set1_epi8 (0x20)),
                                    _mm_or_si128 (_mm_cmpeq_epi8 (v, _mm_set1_epi8 ('"')),
                                                  _mm_cmpeq_epi8 (v, _mm_set1_epi8 ('\\'))));

  return _mm_movemask_epi8 (bad) == 0;
}
#endif

/* The length of @s when every byte of it is plain, else -1 (it has
 * something to escape, or bytes that may not be UTF-8). This scan is
 * most of the writer's work per byte: the length comes from strlen(),
 * then the bytes are checked sixteen at a time where the processor can
 * (the last sixteen overlapping the ones before, never past the end). */
static inline gssize
plain_len (const char *s)
{
  const guchar *p = (const guchar *) s;
  gsize n = strlen (s);

  if (n >= 16)
    {
#ifdef LD_JSON_SSE2
      for (gsize i = 0; i + 16 < n; i += 16)
        if (!block_plain (p + i))
          return -1;
      return block_plain (p + n - 16) ? (gssize) n : -1;
#else
      for (gsize i = 0; i + 8 < n; i += 8)
        if (!bytes_plain (p + i, 8))
          return -1;
      return bytes_plain (p + n - 8, 8) ? (gssize) n : -1;
#endif
    }
  return bytes_plain (p, n) ? (gssize) n : -1;
}

/* Writes a quoted plain string of @n bytes at @p; returns its end. */
static inline char *
write_plain (char       *p,
             const char *s,
             gsize       n)
{
  *p++ = '"';
  memcpy (p, s, n);
  p += n;
  *p++ = '"';
  return p;
}

/* Writes @key, quoted, and the colon at @p; returns the end. */
static inline char *
write_plain_key (LdJsonWriter *self,
                 char         *p,
                 const char   *key,
                 gsize         n)
{
  p = write_plain (p, key, n);
  *p++ = ':';
  if (self->pretty)
    *p++ = ' ';
  return p;
}

/* Writes @s as a JSON string. Checking UTF-8 and escaping are one pass
 * over the text. Returns %FALSE, having written nothing, when @s is not
 * valid UTF-8. */
static gboolean
try_write_escaped (GString    *out,
                   const char *s)
{
  gsize start = out->len;
  const guchar *p = (const guchar *) s;

  put_c (out, '"');
  for (;;)
    {
      const guchar *run = p;
      char buf[8];

      while (plain_byte[*p])
        p++;
      put (out, (const char *) run, (gsize) (p - run));
      if (*p == '\0')
        break;
      if (*p >= 0x80)
        {
          gunichar c = g_utf8_get_char_validated ((const char *) p, -1);
          const guchar *next;

          if (c == (gunichar) -1 || c == (gunichar) -2)
            {
              g_string_truncate (out, start);
              return FALSE;
            }
          next = (const guchar *) g_utf8_next_char (p);
          put (out, (const char *) p, (gsize) (next - p));
          p = next;
          continue;
        }
      switch (*p)
        {
        case '"': put_literal (out, "\\\""); break;
        case '\\': put_literal (out, "\\\\"); break;
        case '\n': put_literal (out, "\\n"); break;
        case '\r': put_literal (out, "\\r"); break;
        case '\t': put_literal (out, "\\t"); break;
        default:
          put (out, buf, (gsize) g_snprintf (buf, sizeof buf, "\\u%04x", *p));
        }
      p++;
    }
  put_c (out, '"');
  return TRUE;
}

/* Text from a log may be in any encoding: what is not UTF-8 is written
 * with U+FFFD in its place, so the output stays valid JSON. */
static void
write_escaped (GString    *out,
               const char *s)
{
  g_autofree char *valid = NULL;

  if (try_write_escaped (out, s))
    return;
  valid = g_utf8_make_valid (s, -1);
  try_write_escaped (out, valid);
}

void
ld_json_begin_object (LdJsonWriter *self)
{
  before_value (self);
  put_c (self->out, '{');
  self->depth++;
  self->need_comma = FALSE;
}

void
ld_json_end_object (LdJsonWriter *self)
{
  gboolean empty = !self->need_comma;

  self->depth--;
  if (!empty)
    newline (self);
  put_c (self->out, '}');
  self->need_comma = TRUE;
  maybe_flush (self, FALSE);
}

void
ld_json_begin_array (LdJsonWriter *self)
{
  before_value (self);
  put_c (self->out, '[');
  self->depth++;
  self->need_comma = FALSE;
}

void
ld_json_end_array (LdJsonWriter *self)
{
  gboolean empty = !self->need_comma;

  self->depth--;
  if (!empty)
    newline (self);
  put_c (self->out, ']');
  self->need_comma = TRUE;
}

void
ld_json_key (LdJsonWriter *self,
             const char   *key)
{
  gssize n = plain_len (key);

  if (n >= 0)
    {
      char *p = reserve (self->out, SEPARATOR_MAX + (gsize) n + 4);

      p = write_separator (self, p);
      commit (self->out, write_plain_key (self, p, key, (gsize) n));
      self->after_key = TRUE;
      return;
    }
  before_value (self);
  write_escaped (self->out, key);
  if (self->pretty)
    put_literal (self->out, ": ");
  else
    put_c (self->out, ':');
  self->after_key = TRUE;
}

void
ld_json_string (LdJsonWriter *self,
                const char   *value)
{
  gssize n;

  if (value == NULL)
    {
      ld_json_null (self);
      return;
    }
  n = plain_len (value);
  if (n >= 0)
    {
      char *p = reserve (self->out, SEPARATOR_MAX + (gsize) n + 2);

      p = write_separator (self, p);
      commit (self->out, write_plain (p, value, (gsize) n));
    }
  else
    {
      before_value (self);
      write_escaped (self->out, value);
    }
  self->need_comma = TRUE;
}

/* @value in decimal, ending at the end of @buf; returns its start.
 * printf costs more than the rest of the writer for the line numbers and
 * ids of a large analysis. */
static inline char *
format_int (char   buf[24],
            gint64 value)
{
  char *p = buf + 24;
  guint64 v = value < 0 ? -(guint64) value : (guint64) value;

  do
    *--p = (char) ('0' + v % 10);
  while ((v /= 10) != 0);
  if (value < 0)
    *--p = '-';
  return p;
}

void
ld_json_int (LdJsonWriter *self,
             gint64        value)
{
  char buf[24];
  char *p = format_int (buf, value);

  before_value (self);
  put (self->out, p, (gsize) (buf + sizeof buf - p));
  self->need_comma = TRUE;
}

void
ld_json_bool (LdJsonWriter *self,
              gboolean      value)
{
  before_value (self);
  if (value)
    put_literal (self->out, "true");
  else
    put_literal (self->out, "false");
  self->need_comma = TRUE;
}

void
ld_json_null (LdJsonWriter *self)
{
  before_value (self);
  put_literal (self->out, "null");
  self->need_comma = TRUE;
}

void
ld_json_member_string (LdJsonWriter *self,
                       const char   *key,
                       const char   *value)
{
  gssize k = plain_len (key);
  gssize n = value != NULL ? plain_len (value) : -1;

  if (k >= 0 && n >= 0)
    {
      char *p = reserve (self->out, SEPARATOR_MAX + (gsize) k + 4 + (gsize) n + 2);

      p = write_separator (self, p);
      p = write_plain_key (self, p, key, (gsize) k);
      commit (self->out, write_plain (p, value, (gsize) n));
      self->need_comma = TRUE;
      return;
    }
  ld_json_key (self, key);
  ld_json_string (self, value);
}

void
ld_json_member_int (LdJsonWriter *self,
                    const char   *key,
                    gint64        value)
{
  gssize k = plain_len (key);
  char buf[24];
  char *p, *q;
  gsize n;

  if (k < 0)
    {
      ld_json_key (self, key);
      ld_json_int (self, value);
      return;
    }
  /* The key and the number in one piece, as for a string. */
  p = format_int (buf, value);
  n = (gsize) (buf + sizeof buf - p);
  q = reserve (self->out, SEPARATOR_MAX + (gsize) k + 4 + n);
  q = write_separator (self, q);
  q = write_plain_key (self, q, key, (gsize) k);
  memcpy (q, p, n);
  commit (self->out, q + n);
  self->need_comma = TRUE;
}

void
ld_json_member_bool (LdJsonWriter *self,
                     const char   *key,
                     gboolean      value)
{
  ld_json_key (self, key);
  ld_json_bool (self, value);
}

/**
 * ld_json_writer_append_fragment:
 * @self: the writer ld_json_writer_new_fragment() was given
 * @fragment: what was written to the fragment
 *
 * Adds the values written to @fragment, in the order fragments are added.
 */
void
ld_json_writer_append_fragment (LdJsonWriter *self,
                                LdJsonWriter *fragment)
{
  g_return_if_fail (fragment->depth == self->depth && !self->after_key);

  if (fragment->out->len == 0)
    return;
  self->need_comma = TRUE;
  if (self->stream != NULL)
    {
      /* Handed to the stream as it is, after what was written before it,
       * rather than copied: the attempts are most of a large analysis's
       * JSON, and the copy was the one part not shared out. */
      maybe_flush (self, TRUE);
      if (self->stream_error == NULL)
        g_output_stream_write_all (self->stream, fragment->out->str, fragment->out->len, NULL, NULL,
                                   &self->stream_error);
      return;
    }
  g_string_append_len (self->out, fragment->out->str, (gssize) fragment->out->len);
}
