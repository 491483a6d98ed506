/* ld-redact-pdf.c - the text a PDF shows, read back from its bytes for the redaction check
 *
 * A PDF does not hold its text as text: pages show glyphs of embedded
 * font subsets, and each font's ToUnicode map (or its encoding) says
 * which characters they are; that is how a viewer copies text, and how
 * pdftotext reads it. The redaction check reads the report the same way,
 * from the bytes that will be written, so it sees what a reader would:
 *
 *  - every object, also inside object streams; Flate streams inflated;
 *  - fonts: ToUnicode maps (bfchar, bfrange), WinAnsiEncoding for simple
 *    fonts without one; two-byte codes for Type0 fonts;
 *  - content streams (pages and forms): Tj, TJ, ' and " in the current
 *    font, /ActualText spans instead of their glyphs, a line break where
 *    the text moves down, a space where it moves across;
 *  - every string outside streams: bookmarks, metadata, link targets.
 *
 * A glyph no map explains makes the text unreadable: the caller refuses
 * the report rather than passing what it cannot check.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-redact"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "ld-redact-private.h"

#define MAX_INFLATED (1024u * 1024 * 1024)

typedef struct
{
  guint        num;
  const char  *dict;       /* the object's text (a dictionary, a number…) */
  gsize        dict_len;
  GBytes      *stream;     /* inflated, or NULL */
  gboolean     has_stream;
} PdfObject;

typedef struct
{
  GHashTable *map;         /* code -> UTF-8 */
  guint       code_bytes;  /* 1 or 2 */
  gboolean    win_ansi;    /* no map: WinAnsiEncoding */
} PdfFont;

typedef struct
{
  GArray       *objects;   /* PdfObject */
  GHashTable   *by_num;    /* num -> index + 1 */
  GPtrArray    *owned;     /* texts of objects out of object streams */
  GHashTable   *fonts;     /* font object num -> PdfFont */
  GHashTable   *names;     /* "/f-0-0" -> font object num */
  GString      *text;
  guint64       inflated;
  guint         unmapped;
  GCancellable *cancellable;
} Pdf;

static void
font_free (gpointer data)
{
  PdfFont *f = data;

  g_clear_pointer (&f->map, g_hash_table_unref);
  g_free (f);
}

/* ---- Tokens ---------------------------------------------------------------- */

static gboolean
is_ws (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

static gboolean
is_delim (char c)
{
  return strchr ("()<>[]{}/%", c) != NULL && c != '\0';
}

/* A literal string "(…)": escapes and balanced parentheses. Returns the
 * end, fills @out with the bytes. */
static gsize
read_literal (const char *s,
              gsize       len,
              gsize       i,
              GString    *out)
{
  int depth = 1;

  for (i++; i < len; i++)
    {
      char c = s[i];

      if (c == '\\' && i + 1 < len)
        {
          char n = s[++i];

          switch (n)
            {
            case 'n': g_string_append_c (out, '\n'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 't': g_string_append_c (out, '\t'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case '\r':
              if (i + 1 < len && s[i + 1] == '\n')
                i++;
              break;
            case '\n':
              break;
            default:
              if (n >= '0' && n <= '7')
                {
                  int v = n - '0';

                  for (int k = 0; k < 2 && i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '7'; k++)
                    v = v * 8 + (s[++i] - '0');
                  g_string_append_c (out, (char) v);
                }
              else
                g_string_append_c (out, n);
              break;
            }
          continue;
        }
      if (c == '(')
        depth++;
      else if (c == ')' && --depth == 0)
        return i + 1;
      g_string_append_c (out, c);
    }
  return len;
}

static gsize
read_hex (const char *s,
          gsize       len,
          gsize       i,
          GString    *out)
{
  int hi = -1;

  for (i++; i < len && s[i] != '>'; i++)
    {
      if (!g_ascii_isxdigit (s[i]))
        continue;
      if (hi < 0)
        hi = g_ascii_xdigit_value (s[i]);
      else
        {
          g_string_append_c (out, (char) ((hi << 4) | g_ascii_xdigit_value (s[i])));
          hi = -1;
        }
    }
  if (hi >= 0)
    g_string_append_c (out, (char) (hi << 4));
  return i < len ? i + 1 : len;
}

/* A string of a PDF outside a content stream, as UTF-8. */
static void
append_text_string (GString    *out,
                    const char *s,
                    gsize       len)
{
  if (len >= 2 && (guchar) s[0] == 0xFE && (guchar) s[1] == 0xFF)
    {
      g_autofree char *utf8 = g_convert (s + 2, len - 2, "UTF-8", "UTF-16BE", NULL, NULL, NULL);

      if (utf8 != NULL)
        g_string_append (out, utf8);
    }
  else
    {
      for (gsize i = 0; i < len; i++)
        g_string_append_unichar (out, (guchar) s[i]);
    }
}

/* ---- Objects ---------------------------------------------------------------- */

static gssize
find_bytes (const char *s,
            gsize       len,
            gsize       from,
            const char *needle)
{
  const char *p = from < len ? g_strstr_len (s + from, len - from, needle) : NULL;

  /* g_strstr_len() stops at a NUL; binary streams have those. */
  if (p == NULL && from < len)
    {
      gsize nl = strlen (needle);

      for (gsize i = from; i + nl <= len; i++)
        if (s[i] == needle[0] && memcmp (s + i, needle, nl) == 0)
          return i;
      return -1;
    }
  return p ? p - s : -1;
}

/* The integer value of "/Key 123" or, through "/Key 12 0 R", of object 12. */
static gboolean
dict_int (Pdf        *pdf,
          const char *dict,
          gsize       len,
          const char *key,
          guint64    *value)
{
  gssize k = find_bytes (dict, len, 0, key);
  const char *p, *end = dict + len;
  char *after = NULL;
  guint64 a;

  if (k < 0)
    return FALSE;
  p = dict + k + strlen (key);
  while (p < end && is_ws (*p))
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return FALSE;
  a = g_ascii_strtoull (p, &after, 10);
  p = after;
  while (p < end && is_ws (*p))
    p++;
  if (p + 1 < end && g_ascii_isdigit (*p))
    {
      const char *q = p;

      while (q < end && g_ascii_isdigit (*q))
        q++;
      while (q < end && is_ws (*q))
        q++;
      if (q < end && *q == 'R' && (q + 1 >= end || !g_ascii_isalnum (q[1])))
        {
          gpointer idx = g_hash_table_lookup (pdf->by_num, GUINT_TO_POINTER ((guint) a));
          const PdfObject *o;
          const char *v;

          if (idx == NULL)
            return FALSE;
          o = &g_array_index (pdf->objects, PdfObject, GPOINTER_TO_UINT (idx) - 1);
          v = o->dict;
          while (v < o->dict + o->dict_len && is_ws (*v))
            v++;
          if (v >= o->dict + o->dict_len || !g_ascii_isdigit (*v))
            return FALSE;
          *value = g_ascii_strtoull (v, NULL, 10);
          return TRUE;
        }
    }
  *value = a;
  return TRUE;
}

static gboolean
dict_has (const char *dict,
          gsize       len,
          const char *token)
{
  gsize tl = strlen (token);
  gssize k = 0;

  for (;;)
    {
      k = find_bytes (dict, len, k, token);
      if (k < 0)
        return FALSE;
      if ((gsize) k + tl >= len || is_ws (dict[k + tl]) || is_delim (dict[k + tl]))
        return TRUE;
      k++;
    }
}

static GBytes *
inflate (Pdf         *pdf,
         const char  *data,
         gsize        len,
         GError     **error)
{
  g_autoptr(GZlibDecompressor) z = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  GByteArray *out = g_byte_array_new ();
  gsize in_pos = 0;
  guint8 buf[65536];

  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult r = g_converter_convert (G_CONVERTER (z), data + in_pos, len - in_pos, buf, sizeof buf,
                                                G_CONVERTER_INPUT_AT_END, &read, &written, error);

      if (r == G_CONVERTER_ERROR)
        {
          g_byte_array_unref (out);
          return NULL;
        }
      in_pos += read;
      g_byte_array_append (out, buf, written);
      pdf->inflated += written;
      if (pdf->inflated > MAX_INFLATED)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "too much compressed data");
          g_byte_array_unref (out);
          return NULL;
        }
      if (r == G_CONVERTER_FINISHED || (read == 0 && written == 0))
        break;
    }
  return g_byte_array_free_to_bytes (out);
}

static void
add_object (Pdf         *pdf,
            guint        num,
            const char  *body,
            gsize        body_len,
            GBytes      *stream,
            gboolean     has_stream)
{
  PdfObject o = { num, body, body_len, stream, has_stream };

  g_array_append_val (pdf->objects, o);
  g_hash_table_insert (pdf->by_num, GUINT_TO_POINTER (num), GUINT_TO_POINTER (pdf->objects->len));
}

/* "N G obj … endobj" at line starts; streams inflated. */
static gboolean
read_objects (Pdf         *pdf,
              const char  *s,
              gsize        len,
              GError     **error)
{
  gsize i = 0;

  while (i < len)
    {
      gssize at = find_bytes (s, len, i, " obj");
      gsize start, num_start, body;
      guint num;
      gssize endobj, stream_kw;

      if (at < 0)
        break;
      /* Back over "N G". */
      start = at;
      while (start > 0 && (g_ascii_isdigit (s[start - 1]) || s[start - 1] == ' '))
        start--;
      num_start = start;
      if (!(start == 0 || s[start - 1] == '\n' || s[start - 1] == '\r') || !g_ascii_isdigit (s[num_start]))
        {
          i = at + 4;
          continue;
        }
      num = (guint) g_ascii_strtoull (s + num_start, NULL, 10);
      body = at + 4;
      endobj = find_bytes (s, len, body, "endobj");
      stream_kw = find_bytes (s, len, body, "stream");
      if (stream_kw >= 0 && (endobj < 0 || stream_kw < endobj) &&
          !(stream_kw >= 3 && memcmp (s + stream_kw - 3, "end", 3) == 0))
        {
          /* The stream's data starts after "stream" and its line end. */
          gsize data = stream_kw + 6;
          guint64 length = 0;
          gboolean known;
          gssize data_end;
          GBytes *bytes = NULL;
          const char *dict = s + body;
          gsize dict_len = stream_kw - body;

          if (data < len && s[data] == '\r')
            data++;
          if (data < len && s[data] == '\n')
            data++;
          known = dict_int (pdf, dict, dict_len, "/Length", &length) && data + length <= len;
          data_end = known ? (gssize) (data + length) : find_bytes (s, len, data, "endstream");
          if (data_end < 0)
            data_end = len;
          if (dict_has (dict, dict_len, "/FlateDecode"))
            {
              g_autoptr(GError) local_error = NULL;

              bytes = inflate (pdf, s + data, data_end - data, &local_error);
              if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NO_SPACE))
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
            }
          else if (!dict_has (dict, dict_len, "/Filter"))
            bytes = g_bytes_new (s + data, data_end - data);
          add_object (pdf, num, dict, dict_len, bytes, TRUE);
          endobj = find_bytes (s, len, data_end, "endobj");
          i = endobj >= 0 ? (gsize) endobj + 6 : len;
        }
      else
        {
          gsize end = endobj >= 0 ? (gsize) endobj : len;

          add_object (pdf, num, s + body, end - body, NULL, FALSE);
          i = end + 6;
        }
      if (g_cancellable_set_error_if_cancelled (pdf->cancellable, error))
        return FALSE;
    }
  return TRUE;
}

/* Objects kept in object streams (/Type /ObjStm). */
static void
read_object_streams (Pdf *pdf)
{
  guint n = pdf->objects->len;

  for (guint k = 0; k < n; k++)
    {
      PdfObject o = g_array_index (pdf->objects, PdfObject, k);
      guint64 count = 0, first = 0;
      gsize len;
      const char *s;
      char *p;

      if (o.stream == NULL || !dict_has (o.dict, o.dict_len, "/ObjStm") ||
          !dict_int (pdf, o.dict, o.dict_len, "/N", &count) || !dict_int (pdf, o.dict, o.dict_len, "/First", &first))
        continue;
      s = g_bytes_get_data (o.stream, &len);
      p = (char *) s;
      for (guint64 i = 0; i < count && p < s + len; i++)
        {
          guint64 num = g_ascii_strtoull (p, &p, 10);
          guint64 off = g_ascii_strtoull (p, &p, 10);
          guint64 next_off = len;
          char *q = p;

          if (i + 1 < count)
            {
              g_ascii_strtoull (q, &q, 10);
              next_off = g_ascii_strtoull (q, &q, 10);
            }
          if (first + off < len && first + next_off <= len && next_off >= off)
            {
              char *copy = g_strndup (s + first + off, next_off - off);

              g_ptr_array_add (pdf->owned, copy);
              add_object (pdf, (guint) num, copy, next_off - off, NULL, FALSE);
            }
        }
    }
}

/* ---- Fonts --------------------------------------------------------------- */

static gunichar
win_ansi (guchar c)
{
  static const gunichar high[32] = {
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
    0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
  };

  if (c >= 0x80 && c < 0xA0)
    return high[c - 0x80] ? high[c - 0x80] : 0xFFFD;
  return c;
}

static guint
hex_value (const GString *bytes)
{
  guint v = 0;

  for (gsize i = 0; i < bytes->len && i < 4; i++)
    v = (v << 8) | (guchar) bytes->str[i];
  return v;
}

static char *
utf16_to_utf8 (const GString *bytes)
{
  char *s = g_convert (bytes->str, bytes->len, "UTF-8", "UTF-16BE", NULL, NULL, NULL);

  return s ? s : g_strdup ("\xEF\xBF\xBD");
}

/* A ToUnicode CMap: "<src> <dst>" pairs and "<lo> <hi> <dst>" ranges. */
static void
parse_cmap (PdfFont    *font,
            const char *s,
            gsize       len)
{
  gsize i = 0;
  enum { NONE, CHAR, RANGE } mode = NONE;
  GString *tok[3] = { g_string_new (NULL), g_string_new (NULL), g_string_new (NULL) };
  guint n_tok = 0;
  gboolean array = FALSE;
  guint array_code = 0;

  while (i < len)
    {
      if (is_ws (s[i]))
        {
          i++;
          continue;
        }
      if (s[i] == '<' && i + 1 < len && s[i + 1] != '<')
        {
          GString *t = tok[MIN (n_tok, 2)];

          g_string_truncate (t, 0);
          i = read_hex (s, len, i, t);
          if (array)
            {
              g_hash_table_insert (font->map, GUINT_TO_POINTER (array_code++), utf16_to_utf8 (t));
              continue;
            }
          if (n_tok == 0 && tok[0]->len == 2)
            font->code_bytes = 2;
          n_tok++;
          if (mode == CHAR && n_tok == 2)
            {
              g_hash_table_insert (font->map, GUINT_TO_POINTER (hex_value (tok[0])), utf16_to_utf8 (tok[1]));
              n_tok = 0;
            }
          else if (mode == RANGE && n_tok == 3)
            {
              guint lo = hex_value (tok[0]), hi = hex_value (tok[1]);
              g_autofree char *base = NULL;

              for (guint c = lo; c <= hi && c - lo < 65536; c++)
                {
                  GString *dst = g_string_new_len (tok[2]->str, tok[2]->len);

                  /* The last byte of the destination counts up. */
                  if (dst->len > 0)
                    dst->str[dst->len - 1] = (char) ((guchar) dst->str[dst->len - 1] + (c - lo));
                  g_hash_table_insert (font->map, GUINT_TO_POINTER (c), utf16_to_utf8 (dst));
                  g_string_free (dst, TRUE);
                }
              n_tok = 0;
            }
          continue;
        }
      if (s[i] == '[' && mode == RANGE && n_tok == 2)
        {
          array = TRUE;
          array_code = hex_value (tok[0]);
          i++;
          continue;
        }
      if (s[i] == ']' && array)
        {
          array = FALSE;
          n_tok = 0;
          i++;
          continue;
        }
      {
        gsize j = i;

        while (j < len && !is_ws (s[j]) && !(s[j] == '<' && j > i))
          j++;
        if (j - i == 11 && memcmp (s + i, "beginbfchar", 11) == 0)
          mode = CHAR, n_tok = 0;
        else if (j - i == 12 && memcmp (s + i, "beginbfrange", 12) == 0)
          mode = RANGE, n_tok = 0;
        else if (j - i >= 5 && memcmp (s + i, "endbf", 5) == 0)
          mode = NONE, n_tok = 0;
        else if (j - i == 22 && memcmp (s + i, "begincodespacerange", 19) == 0)
          mode = NONE;
        i = MAX (j, i + 1);
      }
    }
  for (guint k = 0; k < 3; k++)
    g_string_free (tok[k], TRUE);
}

static gboolean
ref_after (const char *dict,
           gsize       len,
           const char *key,
           guint      *num)
{
  gssize k = find_bytes (dict, len, 0, key);
  const char *p;

  if (k < 0)
    return FALSE;
  p = dict + k + strlen (key);
  while (p < dict + len && (is_ws (*p) || *p == '['))
    p++;
  if (p >= dict + len || !g_ascii_isdigit (*p))
    return FALSE;
  *num = (guint) g_ascii_strtoull (p, NULL, 10);
  return TRUE;
}

static const PdfObject *
object (Pdf  *pdf,
        guint num)
{
  gpointer idx = g_hash_table_lookup (pdf->by_num, GUINT_TO_POINTER (num));

  return idx ? &g_array_index (pdf->objects, PdfObject, GPOINTER_TO_UINT (idx) - 1) : NULL;
}

static void
read_fonts (Pdf *pdf)
{
  for (guint k = 0; k < pdf->objects->len; k++)
    {
      const PdfObject *o = &g_array_index (pdf->objects, PdfObject, k);
      PdfFont *font;
      guint cmap = 0;

      if (o->has_stream || !dict_has (o->dict, o->dict_len, "/Font") ||
          find_bytes (o->dict, o->dict_len, 0, "/Type") < 0 ||
          (find_bytes (o->dict, o->dict_len, 0, "/Subtype") < 0))
        continue;
      /* Only font dictionaries, not resource dictionaries naming fonts. */
      if (find_bytes (o->dict, o->dict_len, 0, "/BaseFont") < 0 && !dict_has (o->dict, o->dict_len, "/Type3"))
        continue;
      font = g_new0 (PdfFont, 1);
      font->map = g_hash_table_new_full (NULL, NULL, NULL, g_free);
      font->code_bytes = dict_has (o->dict, o->dict_len, "/Type0") ? 2 : 1;
      if (ref_after (o->dict, o->dict_len, "/ToUnicode", &cmap) && object (pdf, cmap) != NULL &&
          object (pdf, cmap)->stream != NULL)
        {
          gsize len;
          const char *s = g_bytes_get_data (object (pdf, cmap)->stream, &len);

          parse_cmap (font, s, len);
          if (dict_has (o->dict, o->dict_len, "/Type0"))
            font->code_bytes = 2;
        }
      else
        font->win_ansi = font->code_bytes == 1;
      g_hash_table_insert (pdf->fonts, GUINT_TO_POINTER (o->num), font);
    }
}

/* "/Font << /f-0-0 7 0 R … >>" in any resource dictionary. */
static void
read_font_names (Pdf *pdf)
{
  for (guint k = 0; k < pdf->objects->len; k++)
    {
      const PdfObject *o = &g_array_index (pdf->objects, PdfObject, k);
      gssize at = 0;

      while ((at = find_bytes (o->dict, o->dict_len, at, "/Font")) >= 0)
        {
          const char *p = o->dict + at + 5;
          const char *end = o->dict + o->dict_len;

          at += 5;
          while (p < end && is_ws (*p))
            p++;
          if (p + 1 >= end || p[0] != '<' || p[1] != '<')
            continue;
          p += 2;
          while (p < end && !(p[0] == '>' && p + 1 < end && p[1] == '>'))
            {
              if (*p == '/')
                {
                  const char *n = p;
                  const char *n_end;
                  guint num;

                  p++;
                  while (p < end && !is_ws (*p) && !is_delim (*p))
                    p++;
                  n_end = p;
                  while (p < end && is_ws (*p))
                    p++;
                  if (p < end && g_ascii_isdigit (*p))
                    {
                      num = (guint) g_ascii_strtoull (p, (char **) &p, 10);
                      g_hash_table_insert (pdf->names, g_strndup (n, n_end - n), GUINT_TO_POINTER (num));
                    }
                }
              else
                p++;
            }
        }
    }
}

/* ---- Content ------------------------------------------------------------- */

typedef struct
{
  enum { T_NUM, T_STR, T_NAME, T_OTHER } type;
  GString *str;
  double   num;
} Operand;

static void
show (Pdf        *pdf,
      PdfFont    *font,
      const GString *bytes)
{
  if (font == NULL)
    {
      /* Text in no known font: cannot be read back. */
      pdf->unmapped += bytes->len;
      return;
    }
  for (gsize i = 0; i + font->code_bytes <= bytes->len; i += font->code_bytes)
    {
      guint code = font->code_bytes == 2 ? (((guchar) bytes->str[i]) << 8) | (guchar) bytes->str[i + 1]
                                         : (guchar) bytes->str[i];
      const char *u = g_hash_table_lookup (font->map, GUINT_TO_POINTER (code));

      if (u != NULL)
        g_string_append (pdf->text, u);
      else if (font->win_ansi || font->code_bytes == 1)
        g_string_append_unichar (pdf->text, win_ansi ((guchar) code));
      else
        pdf->unmapped++;
    }
}

static void
read_content (Pdf        *pdf,
              const char *s,
              gsize       len)
{
  GPtrArray *ops = g_ptr_array_new ();
  Operand stack[8];
  guint n = 0;
  PdfFont *font = NULL;
  guint actual_depth = 0;     /* inside an /ActualText span: its glyphs are not read */
  guint marked_depth = 0;
  gsize i = 0;
  GString *scratch = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (stack); k++)
    stack[k].str = g_string_new (NULL);

  while (i < len)
    {
      char c = s[i];

      if (is_ws (c))
        {
          i++;
          continue;
        }
      if (c == '%')
        {
          while (i < len && s[i] != '\n' && s[i] != '\r')
            i++;
          continue;
        }
      if (n == G_N_ELEMENTS (stack))
        {
          /* Keep the last operands only. */
          GString *first = stack[0].str;

          memmove (stack, stack + 1, sizeof stack[0] * (G_N_ELEMENTS (stack) - 1));
          stack[G_N_ELEMENTS (stack) - 1].str = first;
          n--;
        }
      if (c == '(' || (c == '<' && i + 1 < len && s[i + 1] != '<'))
        {
          g_string_truncate (stack[n].str, 0);
          i = c == '(' ? read_literal (s, len, i, stack[n].str) : read_hex (s, len, i, stack[n].str);
          stack[n++].type = T_STR;
          continue;
        }
      if (c == '[')
        {
          /* TJ's array: its strings, in order, as one string operand;
           * other arrays are skipped. */
          GString *all = stack[n].str;
          gboolean strings = FALSE;

          g_string_truncate (all, 0);
          for (i++; i < len && s[i] != ']';)
            {
              if (s[i] == '(' || s[i] == '<')
                {
                  g_string_truncate (scratch, 0);
                  i = s[i] == '(' ? read_literal (s, len, i, scratch) : read_hex (s, len, i, scratch);
                  g_string_append_len (all, scratch->str, scratch->len);
                  strings = TRUE;
                }
              else
                i++;
            }
          i++;
          stack[n++].type = strings ? T_STR : T_OTHER;
          continue;
        }
      if (c == '<' && i + 1 < len && s[i + 1] == '<')
        {
          /* A dictionary operand (a marked-content span's properties). */
          gsize start = i;
          int depth = 0;

          while (i < len)
            {
              if (s[i] == '<' && i + 1 < len && s[i + 1] == '<')
                depth++, i += 2;
              else if (s[i] == '>' && i + 1 < len && s[i + 1] == '>')
                {
                  depth--, i += 2;
                  if (depth == 0)
                    break;
                }
              else if (s[i] == '(')
                {
                  g_string_truncate (scratch, 0);
                  i = read_literal (s, len, i, scratch);
                }
              else
                i++;
            }
          g_string_truncate (stack[n].str, 0);
          g_string_append_len (stack[n].str, s + start, i - start);
          stack[n++].type = T_OTHER;
          continue;
        }
      if (c == '/')
        {
          gsize j = i + 1;

          while (j < len && !is_ws (s[j]) && !is_delim (s[j]))
            j++;
          g_string_truncate (stack[n].str, 0);
          g_string_append_len (stack[n].str, s + i, j - i);
          stack[n++].type = T_NAME;
          i = j;
          continue;
        }
      if (g_ascii_isdigit (c) || c == '-' || c == '+' || c == '.')
        {
          char *end = NULL;

          stack[n].num = g_ascii_strtod (s + i, &end);
          stack[n++].type = T_NUM;
          i = end > s + i ? (gsize) (end - s) : i + 1;
          continue;
        }
      {
        gsize j = i;
        gsize op_len;

        while (j < len && !is_ws (s[j]) && !is_delim (s[j]))
          j++;
        if (j == i)
          j = i + 1;
        op_len = j - i;
#define OP(x) (op_len == strlen (x) && memcmp (s + i, x, op_len) == 0)
        if (OP ("Tf") && n >= 2 && stack[n - 2].type == T_NAME)
          {
            gpointer num = g_hash_table_lookup (pdf->names, stack[n - 2].str->str);

            font = num ? g_hash_table_lookup (pdf->fonts, num) : NULL;
          }
        else if ((OP ("Tj") || OP ("TJ") || OP ("'") || OP ("\"")) && n >= 1 && stack[n - 1].type == T_STR)
          {
            if (OP ("'") || OP ("\""))
              g_string_append_c (pdf->text, '\n');
            if (actual_depth == 0)
              show (pdf, font, stack[n - 1].str);
          }
        else if (OP ("Td") || OP ("TD"))
          g_string_append_c (pdf->text, n >= 1 && stack[n - 1].type == T_NUM && stack[n - 1].num != 0 ? '\n' : ' ');
        else if (OP ("T*") || OP ("Tm") || OP ("BT") || OP ("ET"))
          g_string_append_c (pdf->text, '\n');
        else if (OP ("BDC") || OP ("BMC"))
          {
            marked_depth++;
            if (OP ("BDC") && n >= 1 && stack[n - 1].type == T_OTHER &&
                find_bytes (stack[n - 1].str->str, stack[n - 1].str->len, 0, "/ActualText") >= 0)
              {
                /* The span's text stands for its glyphs. */
                const char *d = stack[n - 1].str->str;
                gsize dl = stack[n - 1].str->len;
                gssize at = find_bytes (d, dl, 0, "/ActualText");
                gsize p = at + 11;

                while (p < dl && is_ws (d[p]))
                  p++;
                g_string_truncate (scratch, 0);
                if (p < dl && d[p] == '(')
                  read_literal (d, dl, p, scratch);
                else if (p < dl && d[p] == '<')
                  read_hex (d, dl, p, scratch);
                append_text_string (pdf->text, scratch->str, scratch->len);
                if (actual_depth == 0)
                  actual_depth = marked_depth;
              }
          }
        else if (OP ("EMC"))
          {
            if (actual_depth == marked_depth)
              actual_depth = 0;
            if (marked_depth > 0)
              marked_depth--;
          }
#undef OP
        n = 0;
        i = j;
      }
    }
  for (guint k = 0; k < G_N_ELEMENTS (stack); k++)
    g_string_free (stack[k].str, TRUE);
  g_string_free (scratch, TRUE);
  g_ptr_array_unref (ops);
  g_string_append_c (pdf->text, '\n');
}

/* Strings outside streams: bookmarks, metadata, link targets. */
static void
read_strings (Pdf             *pdf,
              const PdfObject *o)
{
  const char *s = o->dict;
  gsize len = o->dict_len;
  GString *str = g_string_new (NULL);

  for (gsize i = 0; i < len;)
    {
      if (s[i] == '(')
        {
          g_string_truncate (str, 0);
          i = read_literal (s, len, i, str);
          append_text_string (pdf->text, str->str, str->len);
          g_string_append_c (pdf->text, '\n');
        }
      else if (s[i] == '<' && i + 1 < len && s[i + 1] != '<')
        {
          g_string_truncate (str, 0);
          i = read_hex (s, len, i, str);
          append_text_string (pdf->text, str->str, str->len);
          g_string_append_c (pdf->text, '\n');
        }
      else if (s[i] == '<' || s[i] == '>')
        i += (i + 1 < len && s[i + 1] == s[i]) ? 2 : 1;
      else
        i++;
    }
  g_string_free (str, TRUE);
}

/**
 * _ld_redact_pdf_dup_text:
 * @pdf: a PDF document (as cairo writes them)
 *
 * Returns: (transfer full) (nullable): every text the document shows or
 *   holds, as UTF-8, lines in drawing order; %NULL with @error when some
 *   glyphs cannot be mapped back to characters.
 */
char *
_ld_redact_pdf_dup_text (GBytes        *bytes,
                         GCancellable  *cancellable,
                         GError       **error)
{
  Pdf pdf = { 0 };
  gsize len;
  const char *s = g_bytes_get_data (bytes, &len);
  char *result = NULL;

  pdf.objects = g_array_new (FALSE, TRUE, sizeof (PdfObject));
  pdf.by_num = g_hash_table_new (NULL, NULL);
  pdf.owned = g_ptr_array_new_with_free_func (g_free);
  pdf.fonts = g_hash_table_new_full (NULL, NULL, NULL, font_free);
  pdf.names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  pdf.text = g_string_new (NULL);
  pdf.cancellable = cancellable;

  if (len < 8 || memcmp (s, "%PDF-", 5) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("not a PDF document"));
      goto out;
    }
  if (!read_objects (&pdf, s, len, error))
    goto out;
  read_object_streams (&pdf);
  read_fonts (&pdf);
  read_font_names (&pdf);
  for (guint k = 0; k < pdf.objects->len; k++)
    {
      const PdfObject *o = &g_array_index (pdf.objects, PdfObject, k);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (!o->has_stream)
        {
          read_strings (&pdf, o);
          continue;
        }
      read_strings (&pdf, o);   /* the stream's dictionary */
      if (o->stream == NULL)
        continue;
      /* Font programs, images, maps and cross-reference data are not text. */
      if (dict_has (o->dict, o->dict_len, "/Image") || find_bytes (o->dict, o->dict_len, 0, "/Length1") >= 0 ||
          dict_has (o->dict, o->dict_len, "/FontFile") || dict_has (o->dict, o->dict_len, "/XRef") ||
          dict_has (o->dict, o->dict_len, "/ObjStm") || dict_has (o->dict, o->dict_len, "/CIDFontType0C") ||
          dict_has (o->dict, o->dict_len, "/Type1C") || dict_has (o->dict, o->dict_len, "/OpenType"))
        continue;
      {
        gsize slen;
        const char *data = g_bytes_get_data (o->stream, &slen);

        if (find_bytes (data, MIN (slen, 512), 0, "begincmap") >= 0 ||
            find_bytes (data, MIN (slen, 64), 0, "/CIDInit") >= 0)
          continue;
        read_content (&pdf, data, slen);
      }
    }
  if (pdf.unmapped > 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   g_dngettext (GETTEXT_PACKAGE, "%u glyph without a character", "%u glyphs without a character",
                                pdf.unmapped),
                   pdf.unmapped);
      goto out;
    }
  result = g_string_free (g_steal_pointer (&pdf.text), FALSE);

out:
  for (guint k = 0; k < pdf.objects->len; k++)
    g_clear_pointer (&g_array_index (pdf.objects, PdfObject, k).stream, g_bytes_unref);
  g_array_unref (pdf.objects);
  g_hash_table_unref (pdf.by_num);
  g_ptr_array_unref (pdf.owned);
  g_hash_table_unref (pdf.fonts);
  g_hash_table_unref (pdf.names);
  if (pdf.text != NULL)
    g_string_free (pdf.text, TRUE);
  return result;
}
