/* ld-lines.c - text broken into lines in linear time, never inside an address or a URI
 *
 * Pango could wrap the text itself, but it shapes a paragraph as one run:
 * a 128 KB diagnostic reason or a 64 KB URI took minutes, and its breaks
 * fall inside addresses ("11.1.111.1 / 1:62198"), which also spoils the
 * text a reader copies out of the PDF. Here a line breaks only after a
 * space, ";" or ",", never inside a SIP/HTTP URI, an address or an
 * address:port; a token too long for the whole width gets a line of its
 * own, and only a token longer than a line is cut, with a drawn mark that
 * is not part of the text.
 *
 * Widths are sums of character advances measured once per face. Text is
 * drawn with kerning and ligatures off, so the sum is exactly what is
 * drawn, and one pass over the text lays it out.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include "ld-lines.h"

/* Widths are measured at this size and scaled: metrics are not hinted. */
#define REF_SIZE 100.0

typedef struct
{
  double      ascii[128];
  guint8      ascii_known[128];
  GHashTable *other;          /* gunichar -> double* */
  double      ascent, descent;
  gboolean    vertical_known;
} FaceMetrics;

struct _LdMetrics
{
  char         *sans;
  char         *mono;
  PangoContext *context;
  PangoLayout  *layout;
  FaceMetrics   faces[LD_N_FACES];
};

/**
 * ld_metrics_dup_font:
 *
 * Returns: (transfer full): the font description of @face at @size points.
 */
PangoFontDescription *
ld_metrics_dup_font (LdMetrics *metrics,
                     LdFace     face,
                     double     size)
{
  PangoFontDescription *desc = pango_font_description_new ();
  gboolean mono = face == LD_FACE_MONO || face == LD_FACE_MONO_BOLD;

  pango_font_description_set_family (desc, mono ? metrics->mono : metrics->sans);
  pango_font_description_set_weight (desc, face == LD_FACE_SANS_BOLD || face == LD_FACE_MONO_BOLD ?
                                     PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_style (desc, face == LD_FACE_SANS_ITALIC ? PANGO_STYLE_OBLIQUE : PANGO_STYLE_NORMAL);
  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE + 0.5));
  return desc;
}

/* Kerning and ligatures change a word's width with its neighbours; off,
 * the width of a line is the sum of its characters'. */
static PangoAttrList *
plain_attrs (void)
{
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_font_features_new ("kern 0, liga 0, clig 0"));
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  return attrs;
}

/**
 * ld_metrics_new:
 * @context: a Pango context for the target, with unhinted metrics
 * @sans: @mono: the font families of the faces
 *
 * Returns: (transfer full): a cache of character widths.
 */
LdMetrics *
ld_metrics_new (PangoContext *context,
                const char   *sans,
                const char   *mono)
{
  LdMetrics *metrics = g_new0 (LdMetrics, 1);
  PangoAttrList *attrs = plain_attrs ();

  metrics->sans = g_strdup (sans);
  metrics->mono = g_strdup (mono);
  metrics->context = g_object_ref (context);
  /* Glyphs where their advances put them: rounded to whole units, a line
   * of 9-point text drifts by several points from the sum of its widths. */
  pango_context_set_round_glyph_positions (context, FALSE);
  metrics->layout = pango_layout_new (context);
  pango_layout_set_attributes (metrics->layout, attrs);
  pango_attr_list_unref (attrs);
  for (guint f = 0; f < LD_N_FACES; f++)
    metrics->faces[f].other = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  return metrics;
}

void
ld_metrics_free (LdMetrics *metrics)
{
  if (metrics == NULL)
    return;
  for (guint f = 0; f < LD_N_FACES; f++)
    g_hash_table_unref (metrics->faces[f].other);
  g_object_unref (metrics->layout);
  g_object_unref (metrics->context);
  g_free (metrics->sans);
  g_free (metrics->mono);
  g_free (metrics);
}

static GPrivate screen_metrics = G_PRIVATE_INIT ((GDestroyNotify) ld_metrics_free);

/**
 * ld_metrics_get_for_screen:
 *
 * The desktop's "Sans" and "Monospace" at 96 dpi, as the app draws its
 * diagrams; one per thread, kept while the thread lives.
 *
 * Returns: (transfer none): the metrics.
 */
LdMetrics *
ld_metrics_get_for_screen (void)
{
  LdMetrics *metrics = g_private_get (&screen_metrics);

  if (metrics == NULL)
    {
      PangoContext *context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
      cairo_font_options_t *fo = cairo_font_options_create ();

      pango_cairo_context_set_resolution (context, 96.0);
      cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
      pango_cairo_context_set_font_options (context, fo);
      cairo_font_options_destroy (fo);
      metrics = ld_metrics_new (context, "Sans", "Monospace");
      g_object_unref (context);
      g_private_set (&screen_metrics, metrics);
    }
  return metrics;
}

PangoContext *
ld_metrics_get_context (LdMetrics *metrics)
{
  return metrics->context;
}

static double
measure_ref (LdMetrics *metrics,
             LdFace     face,
             gunichar   c)
{
  PangoFontDescription *desc = ld_metrics_dup_font (metrics, face, REF_SIZE);
  char buf[8];
  int n = g_unichar_to_utf8 (c, buf);
  PangoRectangle logical;

  pango_layout_set_font_description (metrics->layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (metrics->layout, buf, n);
  pango_layout_get_extents (metrics->layout, NULL, &logical);
  return MAX ((double) logical.width / PANGO_SCALE, 0.0);
}

double
ld_metrics_char_width (LdMetrics *metrics,
                       LdFace     face,
                       double     size,
                       gunichar   c)
{
  FaceMetrics *fm = &metrics->faces[face];
  double w;

  if (c < 128)
    {
      if (!fm->ascii_known[c])
        {
          fm->ascii[c] = measure_ref (metrics, face, c);
          fm->ascii_known[c] = TRUE;
        }
      w = fm->ascii[c];
    }
  else
    {
      double *cached = g_hash_table_lookup (fm->other, GUINT_TO_POINTER (c));

      if (cached == NULL)
        {
          cached = g_new (double, 1);
          *cached = measure_ref (metrics, face, c);
          g_hash_table_insert (fm->other, GUINT_TO_POINTER (c), cached);
        }
      w = *cached;
    }
  return w * size / REF_SIZE;
}

double
ld_metrics_text_width (LdMetrics  *metrics,
                       LdFace      face,
                       double      size,
                       const char *text,
                       gssize      len)
{
  const char *end = text + (len < 0 ? (gssize) strlen (text) : len);
  double w = 0;

  for (const char *p = text; p < end; p = g_utf8_next_char (p))
    w += ld_metrics_char_width (metrics, face, size, g_utf8_get_char (p));
  return w;
}

static FaceMetrics *
vertical (LdMetrics *metrics,
          LdFace     face)
{
  FaceMetrics *fm = &metrics->faces[face];

  if (!fm->vertical_known)
    {
      PangoFontDescription *desc = ld_metrics_dup_font (metrics, face, REF_SIZE);
      PangoFontMetrics *pm = pango_context_get_metrics (metrics->context, desc, NULL);

      fm->ascent = (double) pango_font_metrics_get_ascent (pm) / PANGO_SCALE;
      fm->descent = (double) pango_font_metrics_get_descent (pm) / PANGO_SCALE;
      pango_font_metrics_unref (pm);
      pango_font_description_free (desc);
      fm->vertical_known = TRUE;
    }
  return fm;
}

double
ld_metrics_ascent (LdMetrics *metrics,
                   LdFace     face,
                   double     size)
{
  return vertical (metrics, face)->ascent * size / REF_SIZE;
}

double
ld_metrics_line_height (LdMetrics *metrics,
                        LdFace     face,
                        double     size)
{
  FaceMetrics *fm = vertical (metrics, face);

  return (fm->ascent + fm->descent) * size / REF_SIZE;
}

/* ---- text ---------------------------------------------------------------- */

LdText *
ld_text_new (double size)
{
  LdText *text = g_new0 (LdText, 1);

  text->text = g_string_new (NULL);
  text->spans = g_array_new (FALSE, FALSE, sizeof (LdSpan));
  text->size = size;
  return text;
}

void
ld_text_free (LdText *text)
{
  if (text == NULL)
    return;
  g_string_free (text->text, TRUE);
  g_array_unref (text->spans);
  g_free (text);
}

/* Appends @str as valid UTF-8: tabs and carriage returns become spaces,
 * other control characters U+FFFD, so that every character has a width. */
void
ld_text_append_len (LdText      *text,
                    LdFace       face,
                    const LdRgb *color,
                    const char  *str,
                    gssize       len)
{
  LdSpan span = { text->text->len, 0, face, color };
  const char *end;
  const char *p;

  if (str == NULL)
    return;
  if (len < 0)
    len = (gssize) strlen (str);
  end = str + len;
  p = str;
  while (p < end)
    {
      const char *bad = NULL;
      const char *q;

      g_utf8_validate (p, end - p, &bad);
      for (q = p; q < bad; q++)
        {
          guchar c = (guchar) *q;

          if (c == '\t' || c == '\r')
            g_string_append_c (text->text, ' ');
          else if ((c < 0x20 && c != '\n') || c == 0x7f)
            g_string_append (text->text, "\xef\xbf\xbd");
          else
            g_string_append_c (text->text, (char) c);
        }
      if (bad < end)
        {
          g_string_append (text->text, "\xef\xbf\xbd");
          bad++;
        }
      p = bad;
    }
  span.end = text->text->len;
  if (span.end > span.start)
    {
      /* Runs of one face and colour stay one span. */
      if (text->spans->len > 0)
        {
          LdSpan *last = &g_array_index (text->spans, LdSpan, text->spans->len - 1);

          if (last->face == face && last->color == color && last->end == span.start)
            {
              last->end = span.end;
              return;
            }
        }
      g_array_append_val (text->spans, span);
    }
}

void
ld_text_append (LdText      *text,
                LdFace       face,
                const LdRgb *color,
                const char  *str)
{
  ld_text_append_len (text, face, color, str, -1);
}

double
ld_text_line_height (LdText    *text,
                     LdMetrics *metrics)
{
  double h = 0;

  for (guint i = 0; i < text->spans->len; i++)
    h = MAX (h, ld_metrics_line_height (metrics, g_array_index (text->spans, LdSpan, i).face, text->size));
  if (h == 0)
    h = ld_metrics_line_height (metrics, LD_FACE_SANS, text->size);
  return h;
}

/* ---- breaking ------------------------------------------------------------ */

/* Walks the text character by character, with the face of each. */
typedef struct
{
  LdText    *text;
  LdMetrics *metrics;
  guint      span;
} Cursor;

static double
width_at (Cursor *cur,
          guint   pos,
          gunichar c)
{
  GArray *spans = cur->text->spans;

  while (cur->span + 1 < spans->len && g_array_index (spans, LdSpan, cur->span).end <= pos)
    cur->span++;
  while (cur->span > 0 && g_array_index (spans, LdSpan, cur->span).start > pos)
    cur->span--;
  return ld_metrics_char_width (cur->metrics,
                                spans->len ? g_array_index (spans, LdSpan, cur->span).face : LD_FACE_SANS,
                                cur->text->size, c);
}

/* Does a URI start at @p? Its ";" and "," are not places to break. */
static gsize
uri_prefix (const char *p,
            const char *end)
{
  static const char * const schemes[] = { "sip:", "sips:", "tel:", "http://", "https://", "urn:", "mailto:" };

  for (gsize i = 0; i < G_N_ELEMENTS (schemes); i++)
    {
      gsize n = strlen (schemes[i]);

      if ((gsize) (end - p) >= n && g_ascii_strncasecmp (p, schemes[i], n) == 0)
        return n;
    }
  return 0;
}

static gboolean
ends_uri (const char *p,
          const char *end)
{
  switch (*p)
    {
    case ' ': case '\n': case '<': case '>': case '"': case '\'': case '(': case ')':
      return TRUE;
    case ',':
      /* "sip:a@b, sip:c@d": a comma before a space ends a list item. */
      return p + 1 >= end || p[1] == ' ' || p[1] == '\n';
    default:
      return FALSE;
    }
}

typedef struct
{
  guint  start, content_end, end;   /* bytes: word, its trailing spaces */
  double width, space_width;
  gboolean forced;                  /* a newline follows */
} Word;

typedef struct
{
  Cursor  cur;
  double  width;          /* of the lines */
  GArray *lines;
  /* the line being filled */
  gboolean open;
  guint    start, end;
  double   w, pending_space;
} Breaker;

static void
emit (Breaker *b,
      guint    start,
      guint    end,
      double   w,
      gboolean cut)
{
  LdLine line = { start, end, w, cut };

  g_array_append_val (b->lines, line);
}

static void
close_line (Breaker *b)
{
  if (b->open)
    emit (b, b->start, b->end, b->w, FALSE);
  b->open = FALSE;
}

/* A token wider than a line: cut at its ";" and "," first (a long URI's
 * parameters), then between characters, marking each cut. */
static void
split_long (Breaker    *b,
            const Word *word)
{
  const char *s = b->cur.text->text->str;
  guint piece_start = word->start;
  double piece_w = 0;
  guint last_soft = 0;          /* after a ";" or ",", 0 for none */
  double w_at_soft = 0;
  guint pos = word->start;

  while (pos < word->content_end)
    {
      gunichar c = g_utf8_get_char (s + pos);
      guint next = (guint) (g_utf8_next_char (s + pos) - s);
      double cw = width_at (&b->cur, pos, c);

      if (piece_w + cw > b->width && pos > piece_start)
        {
          if (last_soft > piece_start)
            {
              emit (b, piece_start, last_soft, w_at_soft, FALSE);
              piece_w -= w_at_soft;
              piece_start = last_soft;
              last_soft = 0;
              continue;
            }
          emit (b, piece_start, pos, piece_w, TRUE);
          piece_start = pos;
          piece_w = 0;
          last_soft = 0;
        }
      piece_w += cw;
      if (c == ';' || c == ',')
        {
          last_soft = next;
          w_at_soft = piece_w;
        }
      pos = next;
    }
  /* The rest starts the next line. */
  b->open = TRUE;
  b->start = piece_start;
  b->end = word->content_end;
  b->w = piece_w;
}

static void
place_word (Breaker    *b,
            const Word *word)
{
  if (b->open && word->content_end == word->start)
    {
      /* Only spaces: they count if a word follows on this line. */
      b->pending_space += word->space_width;
      if (word->forced)
        close_line (b);
      return;
    }
  if (b->open && b->w + b->pending_space + word->width <= b->width)
    {
      b->end = word->content_end;
      b->w += b->pending_space + word->width;
    }
  else
    {
      close_line (b);
      if (word->width <= b->width)
        {
          b->open = TRUE;
          b->start = word->start;
          b->end = word->content_end;
          b->w = word->width;
        }
      else
        split_long (b, word);
    }
  b->pending_space = word->space_width;
  if (word->forced)
    {
      if (!b->open)
        {
          b->open = TRUE;
          b->start = b->end = word->end;
          b->w = 0;
        }
      close_line (b);
    }
}

/* Calls @func for each word: the unit between two places a line may
 * break. */
static void
each_word (Cursor  *cur,
           void   (*func) (const Word *word, gpointer data),
           gpointer data)
{
  const char *s = cur->text->text->str;
  guint len = (guint) cur->text->text->len;
  guint pos = 0;

  while (pos < len)
    {
      Word word = { pos, pos, pos, 0, 0, FALSE };
      gboolean in_uri = FALSE;

      /* The word: up to a space, newline, or a ";" / "," outside a URI. */
      while (pos < len && s[pos] != ' ' && s[pos] != '\n')
        {
          gunichar c;
          guint next;

          if (!in_uri)
            {
              gsize n = uri_prefix (s + pos, s + len);

              /* A scheme counts at the start of a token, or after < " ( =. */
              if (n > 0 && (pos == word.start || strchr ("<\"(='", s[pos - 1]) != NULL))
                in_uri = TRUE;
            }
          else if (ends_uri (s + pos, s + len))
            in_uri = FALSE;

          c = g_utf8_get_char (s + pos);
          next = (guint) (g_utf8_next_char (s + pos) - s);
          word.width += width_at (cur, pos, c);
          pos = next;
          if ((c == ';' || c == ',') && !in_uri)
            break;
        }
      word.content_end = pos;
      while (pos < len && s[pos] == ' ')
        {
          word.space_width += width_at (cur, pos, ' ');
          pos++;
        }
      word.end = pos;
      if (pos < len && s[pos] == '\n')
        {
          word.forced = TRUE;
          pos++;
          word.end = pos;
        }
      func (&word, data);
    }
}

static void
break_word (const Word *word,
            gpointer    data)
{
  place_word (data, word);
}

/**
 * ld_text_break:
 * @width: of the lines, points
 *
 * Returns: (transfer full) (element-type LdLine): at least one line.
 */
GArray *
ld_text_break (LdText    *text,
               LdMetrics *metrics,
               double     width)
{
  Breaker b = { { text, metrics, 0 }, MAX (width, 1.0), g_array_new (FALSE, FALSE, sizeof (LdLine)) };

  each_word (&b.cur, break_word, &b);
  close_line (&b);
  if (b.lines->len == 0)
    emit (&b, 0, 0, 0, FALSE);
  return b.lines;
}

typedef struct
{
  double min, max, run;
  gboolean run_open;
} Measure;

static void
measure_word (const Word *word,
              gpointer    data)
{
  Measure *m = data;

  m->min = MAX (m->min, word->width);
  m->run += word->width;
  m->max = MAX (m->max, m->run);
  m->run += word->space_width;
  if (word->forced)
    m->run = 0;
}

/**
 * ld_text_measure:
 * @out_min: (out): the widest token: narrower, a token would be cut
 * @out_max: (out): the widest line when nothing needs to break
 */
void
ld_text_measure (LdText    *text,
                 LdMetrics *metrics,
                 double    *out_min,
                 double    *out_max)
{
  Cursor cur = { text, metrics, 0 };
  Measure m = { 0 };

  each_word (&cur, measure_word, &m);
  *out_min = m.min;
  *out_max = m.max;
}

/* ---- drawing ------------------------------------------------------------- */

/* A hooked arrow after a line whose token continues on the next: drawn,
 * not written, so the text copied out of the PDF is the value itself. */
static void
draw_cut_mark (cairo_t *cr,
               double   x,
               double   baseline,
               double   size)
{
  double s = size * 0.45;

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0.36, 0.36, 0.40);
  cairo_set_line_width (cr, MAX (size * 0.06, 0.4));
  cairo_move_to (cr, x + s, baseline - s * 1.4);
  cairo_line_to (cr, x + s, baseline - s * 0.4);
  cairo_line_to (cr, x, baseline - s * 0.4);
  cairo_stroke (cr);
  cairo_move_to (cr, x, baseline - s * 0.4);
  cairo_line_to (cr, x + s * 0.35, baseline - s * 0.75);
  cairo_line_to (cr, x + s * 0.35, baseline - s * 0.05);
  cairo_close_path (cr);
  cairo_fill (cr);
  cairo_restore (cr);
}

/**
 * ld_text_draw_line:
 * @top: of the line box; the baseline is the tallest face's ascent below
 *
 * Draws one line of @text, each span with its own layout at the position
 * the measured widths give.
 */
void
ld_text_draw_line (LdText       *text,
                   LdMetrics    *metrics,
                   cairo_t      *cr,
                   const LdLine *line,
                   double        x,
                   double        top,
                   const LdRgb  *color)
{
  g_autoptr(PangoLayout) layout = pango_layout_new (metrics->context);
  PangoAttrList *attrs = plain_attrs ();
  double ascent = 0;
  double cx = x;

  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  for (guint i = 0; i < text->spans->len; i++)
    ascent = MAX (ascent, ld_metrics_ascent (metrics, g_array_index (text->spans, LdSpan, i).face, text->size));

  for (guint i = 0; i < text->spans->len; i++)
    {
      const LdSpan *span = &g_array_index (text->spans, LdSpan, i);
      guint s = MAX (span->start, line->start);
      guint e = MIN (span->end, line->end);
      const LdRgb *c = span->color ? span->color : color;
      PangoFontDescription *desc;

      if (s >= e)
        continue;
      desc = ld_metrics_dup_font (metrics, span->face, text->size);
      pango_layout_set_font_description (layout, desc);
      pango_font_description_free (desc);
      pango_layout_set_text (layout, text->text->str + s, (int) (e - s));
      cairo_set_source_rgb (cr, c->r, c->g, c->b);
      cairo_move_to (cr, cx, top + ascent - (double) pango_layout_get_baseline (layout) / PANGO_SCALE);
      pango_cairo_show_layout (cr, layout);
      cx += ld_metrics_text_width (metrics, span->face, text->size, text->text->str + s, e - s);
    }
  if (line->cut)
    draw_cut_mark (cr, x + line->width + 1.5, top + ascent, text->size);
}
