/* ld-report-typeset.c - placing the report's blocks on pages
 *
 * Blocks go down the page and break between lines, never through them.
 * A heading, a list's introduction or a sum that a decode follows is
 * kept with the next block: it waits until that block is placed, and
 * both move to the next page when the first lines of the block would not
 * fit under it. A paragraph leaves at least two lines at the foot of a
 * page and carries at least two to the next.
 *
 * The report is laid out in passes (see ld-report-pdf.c); each pass
 * records where its anchors fell, and the next reads them to write page
 * numbers and links.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <cairo-pdf.h>
#include <string.h>

#include "ld-report-typeset.h"

const LdRgb ld_rgb_text     = { 0.11, 0.11, 0.13 };
const LdRgb ld_rgb_muted    = { 0.36, 0.36, 0.40 };
const LdRgb ld_rgb_rule     = { 0.80, 0.80, 0.83 };
const LdRgb ld_rgb_code_bg  = { 0.95, 0.95, 0.96 };
const LdRgb ld_rgb_zebra    = { 0.97, 0.97, 0.98 };
const LdRgb ld_rgb_error    = { 0.75, 0.11, 0.16 };
const LdRgb ld_rgb_warning  = { 0.60, 0.38, 0.00 };
const LdRgb ld_rgb_info     = { 0.11, 0.40, 0.80 };
const LdRgb ld_rgb_ok       = { 0.13, 0.53, 0.30 };
const LdRgb ld_rgb_white    = { 1.0, 1.0, 1.0 };

/* Where an anchor fell. */
typedef struct
{
  int    page;
  double y;
} Anchor;

/* A block that waits for the next one (keep with next). */
typedef struct
{
  LdText       *text;
  GArray       *lines;
  LdBlockStyle  style;
  char         *marker;
  char         *link;
  int           level;      /* a heading's level, 0 for text */
  char         *anchor;
  char         *title;      /* for the outline */
} Pending;

struct _LdTypeset
{
  cairo_surface_t       *surface;
  cairo_t               *cr;
  LdMetrics             *metrics;
  double                 pw, ph, ml, mr, mt, mb;
  double                 y;
  int                    page;
  int                    total;
  gboolean               final;
  GHashTable            *anchors;   /* name -> Anchor, this pass */
  GHashTable            *known;     /* name -> Anchor, of the pass before; or NULL */
  GPtrArray             *pending;   /* (element-type Pending) */
  int                    outline[3];
  LdTypesetFurnitureFunc furniture;
  gpointer               furniture_data;
};

static void
pending_free (gpointer data)
{
  Pending *p = data;

  ld_text_free (p->text);
  g_array_unref (p->lines);
  g_free (p->marker);
  g_free (p->link);
  g_free (p->anchor);
  g_free (p->title);
  g_free (p);
}

LdTypeset *
ld_typeset_new (cairo_surface_t *surface,
                LdMetrics       *metrics,
                double           page_width,
                double           page_height,
                double           margin_left,
                double           margin_right,
                double           margin_top,
                double           margin_bottom)
{
  LdTypeset *ts = g_new0 (LdTypeset, 1);

  ts->surface = cairo_surface_reference (surface);
  ts->cr = cairo_create (surface);
  ts->metrics = metrics;
  ts->pw = page_width;
  ts->ph = page_height;
  ts->ml = margin_left;
  ts->mr = margin_right;
  ts->mt = margin_top;
  ts->mb = margin_bottom;
  ts->y = margin_top;
  ts->anchors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  ts->pending = g_ptr_array_new_with_free_func (pending_free);
  return ts;
}

void
ld_typeset_free (LdTypeset *ts)
{
  if (ts == NULL)
    return;
  g_ptr_array_unref (ts->pending);
  g_hash_table_unref (ts->anchors);
  g_clear_pointer (&ts->known, g_hash_table_unref);
  cairo_destroy (ts->cr);
  cairo_surface_destroy (ts->surface);
  g_free (ts);
}

void
ld_typeset_set_furniture (LdTypeset              *ts,
                          LdTypesetFurnitureFunc  func,
                          gpointer                user_data)
{
  ts->furniture = func;
  ts->furniture_data = user_data;
}

/**
 * ld_typeset_set_known:
 * @anchors: (nullable): from ld_typeset_get_anchors() of the pass before
 * @total_pages: pages of the pass before, 0 when unknown
 */
void
ld_typeset_set_known (LdTypeset  *ts,
                      GHashTable *anchors,
                      int         total_pages)
{
  g_clear_pointer (&ts->known, g_hash_table_unref);
  ts->known = anchors ? g_hash_table_ref (anchors) : NULL;
  ts->total = total_pages;
}

/* The pass that is kept: bookmarks and links are written only there. */
void
ld_typeset_set_final (LdTypeset *ts,
                      gboolean   final)
{
  ts->final = final;
}

gboolean
ld_typeset_is_final (LdTypeset *ts)
{
  return ts->final;
}

GHashTable *
ld_typeset_get_anchors (LdTypeset *ts)
{
  return ts->anchors;
}

/* Returns: the page @name fell on in the pass before, or 0. */
int
ld_typeset_lookup_anchor (LdTypeset  *ts,
                          const char *name)
{
  const Anchor *a = ts->known && name ? g_hash_table_lookup (ts->known, name) : NULL;

  return a ? a->page : 0;
}

cairo_t *
ld_typeset_get_cairo (LdTypeset *ts)
{
  return ts->cr;
}

LdMetrics *
ld_typeset_get_metrics (LdTypeset *ts)
{
  return ts->metrics;
}

int
ld_typeset_get_page (LdTypeset *ts)
{
  return ts->page;
}

double
ld_typeset_get_y (LdTypeset *ts)
{
  return ts->y;
}

void
ld_typeset_set_y (LdTypeset *ts,
                  double     y)
{
  ts->y = y;
}

double
ld_typeset_get_left (LdTypeset *ts)
{
  return ts->ml;
}

double
ld_typeset_get_width (LdTypeset *ts)
{
  return ts->pw - ts->ml - ts->mr;
}

double
ld_typeset_get_bottom (LdTypeset *ts)
{
  return ts->ph - ts->mb;
}

double
ld_typeset_get_page_width (LdTypeset *ts)
{
  return ts->pw;
}

double
ld_typeset_get_page_height (LdTypeset *ts)
{
  return ts->ph;
}

double
ld_typeset_get_space_left (LdTypeset *ts)
{
  return ld_typeset_get_bottom (ts) - ts->y;
}

double
ld_typeset_get_body_height (LdTypeset *ts)
{
  return ld_typeset_get_bottom (ts) - ts->mt;
}

gboolean
ld_typeset_at_page_top (LdTypeset *ts)
{
  return ts->y <= ts->mt + 0.5;
}

static void
set_color (LdTypeset   *ts,
           const LdRgb *c)
{
  cairo_set_source_rgb (ts->cr, c->r, c->g, c->b);
}

/* cairo 1.16 takes an internal link as "page=N pos=[X Y]" and parses the
 * numbers in the C notation; under a German locale "%.1f" would write
 * "72,0" and break every link, so the numbers go through g_ascii_formatd. */
static char *
link_attrs (int    page,
            double x,
            double y)
{
  char bx[G_ASCII_DTOSTR_BUF_SIZE];
  char by[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("page=%d pos=[%s %s]", page, g_ascii_formatd (bx, sizeof bx, "%.1f", x),
                          g_ascii_formatd (by, sizeof by, "%.1f", MAX (y, 0)));
}

static void
start_page (LdTypeset *ts)
{
  ts->page++;
  ts->y = ts->mt;
  if (ts->furniture != NULL)
    {
      cairo_save (ts->cr);
      ts->furniture (ts, ts->page, ts->total, ts->furniture_data);
      cairo_restore (ts->cr);
    }
}

static void
ensure_started (LdTypeset *ts)
{
  if (ts->page == 0)
    start_page (ts);
}

/* A page break; what waits to be kept with the next block moves along. */
void
ld_typeset_new_page (LdTypeset *ts)
{
  ensure_started (ts);
  cairo_show_page (ts->cr);
  start_page (ts);
}

void
ld_typeset_space (LdTypeset *ts,
                  double     points)
{
  ensure_started (ts);
  if (!ld_typeset_at_page_top (ts))
    ts->y = MIN (ts->y + points, ld_typeset_get_bottom (ts));
}

/* A new page unless @height fits below. */
void
ld_typeset_ensure (LdTypeset *ts,
                   double     height)
{
  ensure_started (ts);
  if (ts->y + height > ld_typeset_get_bottom (ts) + 0.01 && !ld_typeset_at_page_top (ts))
    ld_typeset_new_page (ts);
}

void
ld_typeset_anchor (LdTypeset  *ts,
                   const char *name)
{
  Anchor *a;

  ensure_started (ts);
  if (name == NULL || g_hash_table_contains (ts->anchors, name))
    return;
  a = g_new (Anchor, 1);
  a->page = ts->page;
  a->y = ts->y;
  g_hash_table_insert (ts->anchors, g_strdup (name), a);
}

static double
line_step (LdTypeset    *ts,
           LdText       *text,
           const LdBlockStyle *style)
{
  return ld_text_line_height (text, ts->metrics) + style->leading;
}

static double
text_width (LdTypeset          *ts,
            const LdBlockStyle *style)
{
  double w = ld_typeset_get_width (ts) - style->indent;

  if (style->background != NULL)
    w -= 2 * style->pad;
  return MAX (w, 20);
}

static void
draw_lines (LdTypeset          *ts,
            LdText             *text,
            GArray             *lines,
            guint               from,
            guint               to,
            const LdBlockStyle *style,
            gboolean            with_marker)
{
  double step = line_step (ts, text, style);
  double x = ts->ml + style->indent + (style->background ? style->pad : 0);
  double top = ts->y + (style->background ? style->pad : 0);
  const LdRgb *color = style->color ? style->color : &ld_rgb_text;
  g_autofree char *link = NULL;

  if (style->background != NULL)
    {
      set_color (ts, style->background);
      cairo_rectangle (ts->cr, ts->ml + style->indent, ts->y, ld_typeset_get_width (ts) - style->indent,
                       (to - from) * step - style->leading + 2 * style->pad);
      cairo_fill (ts->cr);
      if (style->accent != NULL)
        {
          set_color (ts, style->accent);
          cairo_rectangle (ts->cr, ts->ml + style->indent, ts->y, 4,
                           (to - from) * step - style->leading + 2 * style->pad);
          cairo_fill (ts->cr);
        }
    }
  if (style->link != NULL && ts->final && ts->known != NULL)
    {
      const Anchor *a = g_hash_table_lookup (ts->known, style->link);

      if (a != NULL)
        link = link_attrs (a->page, ts->ml, a->y - 8);
    }
  if (link != NULL)
    cairo_tag_begin (ts->cr, CAIRO_TAG_LINK, link);
  if (with_marker && style->marker != NULL)
    {
      g_autoptr(LdText) m = ld_text_new (text->size);
      LdLine line = { 0, 0, 0, FALSE };

      ld_text_append (m, LD_FACE_SANS, NULL, style->marker);
      line.end = (guint) m->text->len;
      line.width = ld_metrics_text_width (ts->metrics, LD_FACE_SANS, text->size, m->text->str, -1);
      ld_text_draw_line (m, ts->metrics, ts->cr, &line, x - line.width - 4, top, color);
    }
  for (guint i = from; i < to; i++)
    ld_text_draw_line (text, ts->metrics, ts->cr, &g_array_index (lines, LdLine, i), x,
                       top + (i - from) * step, color);
  if (link != NULL)
    cairo_tag_end (ts->cr, CAIRO_TAG_LINK);
  ts->y += (to - from) * step - style->leading + (style->background ? 2 * style->pad : 0);
}

/* Lines flow down the page and continue on the next, two at least on each
 * side of a break. */
static void
flow (LdTypeset          *ts,
      LdText             *text,
      GArray             *lines,
      const LdBlockStyle *style)
{
  double step = line_step (ts, text, style);
  double pad = style->background ? 2 * style->pad : 0;
  guint i = 0;

  while (i < lines->len)
    {
      double avail = ld_typeset_get_bottom (ts) - ts->y - pad + style->leading;
      guint fit = avail > 0 ? (guint) ((avail + 0.01) / step) : 0;
      guint j = MIN (i + fit, lines->len);

      if (!ld_typeset_at_page_top (ts))
        {
          /* Orphan: fewer than two lines would stay here (unless that is all). */
          if (j == i || (j - i < 2 && j < lines->len))
            {
              ld_typeset_new_page (ts);
              continue;
            }
          /* Widow: one line alone on the next page. */
          if (j + 1 == lines->len && j - i > 2)
            j--;
        }
      if (j == i)
        j = i + 1;
      draw_lines (ts, text, lines, i, j, style, i == 0);
      i = j;
      if (i < lines->len)
        ld_typeset_new_page (ts);
    }
}

static double
pending_height (LdTypeset *ts,
                Pending   *p)
{
  double step = line_step (ts, p->text, &p->style);
  double h = p->lines->len * step - p->style.leading + p->style.space_after;

  if (p->style.background)
    h += 2 * p->style.pad;
  if (p->level == 1)
    h += 9.8;   /* the rule, see place_pending() */
  return h + p->style.space_before;
}

static void
draw_heading_extras (LdTypeset *ts,
                     Pending   *p)
{
  if (p->anchor != NULL)
    ld_typeset_anchor (ts, p->anchor);
  if (p->level >= 1 && p->level <= 2 && ts->final)
    {
      g_autofree char *dest = link_attrs (ts->page, ts->ml, ts->y - 8);
      int parent = p->level == 1 ? CAIRO_PDF_OUTLINE_ROOT : ts->outline[1];
      int id = cairo_pdf_surface_add_outline (ts->surface, parent, p->title, dest,
                                              p->level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);

      ts->outline[p->level] = id;
    }
}

static void
place_pending (LdTypeset *ts,
               Pending   *p)
{
  if (!ld_typeset_at_page_top (ts))
    ts->y += p->style.space_before;
  if (p->level > 0)
    draw_heading_extras (ts, p);
  flow (ts, p->text, p->lines, &p->style);
  if (p->level == 1)
    {
      ts->y += 3;
      set_color (ts, &ld_rgb_rule);
      cairo_rectangle (ts->cr, ts->ml, ts->y, ld_typeset_get_width (ts), 0.8);
      cairo_fill (ts->cr);
      ts->y += 6;
    }
  ts->y += p->style.space_after;
}

/**
 * ld_typeset_begin_block:
 * @first_height: what of the next block must share a page with what is
 *   kept with it (its first lines, a table's header and first row)
 *
 * Places what waits to be kept with the next block, on a new page when it
 * and @first_height do not fit on this one.
 */
void
ld_typeset_begin_block (LdTypeset *ts,
                        double     first_height)
{
  double need = first_height;

  ensure_started (ts);
  for (guint i = 0; i < ts->pending->len; i++)
    need += pending_height (ts, ts->pending->pdata[i]);
  if (ts->y + need > ld_typeset_get_bottom (ts) + 0.01 && !ld_typeset_at_page_top (ts))
    ld_typeset_new_page (ts);
  for (guint i = 0; i < ts->pending->len; i++)
    place_pending (ts, ts->pending->pdata[i]);
  g_ptr_array_set_size (ts->pending, 0);
}

/* What waits is placed even when nothing follows. */
void
ld_typeset_flush (LdTypeset *ts)
{
  ld_typeset_begin_block (ts, 0);
}

static Pending *
make_pending (LdTypeset          *ts,
              LdText             *text,
              const LdBlockStyle *style)
{
  Pending *p = g_new0 (Pending, 1);

  p->text = text;
  p->style = *style;
  p->marker = g_strdup (style->marker);
  p->link = g_strdup (style->link);
  p->style.marker = p->marker;
  p->style.link = p->link;
  p->lines = ld_text_break (text, ts->metrics, text_width (ts, style));
  return p;
}

/**
 * ld_typeset_text:
 * @text: (transfer full): what to set
 */
void
ld_typeset_text (LdTypeset          *ts,
                 LdText             *text,
                 const LdBlockStyle *style)
{
  static const LdBlockStyle plain = { 0 };
  Pending *p;
  double step;

  if (style == NULL)
    style = &plain;
  p = make_pending (ts, text, style);
  if (style->keep_with_next)
    {
      g_ptr_array_add (ts->pending, p);
      return;
    }
  step = line_step (ts, text, style);
  ld_typeset_begin_block (ts, MIN (p->lines->len, 2) * step + style->space_before +
                              (style->background ? 2 * style->pad : 0));
  place_pending (ts, p);
  pending_free (p);
}

/* The height @text would take, spaces around it included. */
double
ld_typeset_measure (LdTypeset          *ts,
                    LdText             *text,
                    const LdBlockStyle *style)
{
  static const LdBlockStyle plain = { 0 };
  g_autoptr(GArray) lines = ld_text_break (text, ts->metrics, text_width (ts, style ? style : &plain));

  if (style == NULL)
    style = &plain;
  return style->space_before + lines->len * line_step (ts, text, style) - style->leading + style->space_after +
         (style->background ? 2 * style->pad : 0);
}

void
ld_typeset_paragraph (LdTypeset          *ts,
                      const char         *str,
                      LdFace              face,
                      double              size,
                      const LdBlockStyle *style)
{
  LdText *text = ld_text_new (size);

  ld_text_append (text, face, NULL, str);
  ld_typeset_text (ts, text, style);
}

/**
 * ld_typeset_heading:
 * @level: 1 (a part, with a rule under it), 2 (bookmarked under it), 3 or 4
 * @anchor: (nullable): a name other pages can look up and link to
 *
 * A heading is kept with what follows it.
 */
void
ld_typeset_heading (LdTypeset  *ts,
                    int         level,
                    const char *str,
                    const char *anchor)
{
  static const double sizes[] = { 15.0, 12.0, 10.0, 9.5 };
  static const double before[] = { 14.0, 10.0, 7.0, 5.0 };
  static const double after[] = { 2.0, 2.0, 2.0, 1.5 };
  LdBlockStyle style = { 0 };
  LdText *text;
  Pending *p;

  level = CLAMP (level, 1, 4);
  text = ld_text_new (sizes[level - 1]);
  ld_text_append (text, LD_FACE_SANS_BOLD, NULL, str);
  style.space_before = before[level - 1];
  style.space_after = after[level - 1];
  style.keep_with_next = TRUE;
  p = make_pending (ts, text, &style);
  p->level = level;
  p->anchor = g_strdup (anchor);
  p->title = g_strdup (str);
  g_ptr_array_add (ts->pending, p);
}

void
ld_typeset_rule (LdTypeset   *ts,
                 const LdRgb *color,
                 double       thickness)
{
  ld_typeset_begin_block (ts, thickness);
  set_color (ts, color);
  cairo_rectangle (ts->cr, ts->ml, ts->y, ld_typeset_get_width (ts), thickness);
  cairo_fill (ts->cr);
  ts->y += thickness;
}

/**
 * ld_typeset_picture:
 * @width: @height: the picture's own units
 * @scale: points per unit
 *
 * A picture that is not split: on the next page when it does not fit.
 */
void
ld_typeset_picture (LdTypeset         *ts,
                    double             width,
                    double             height,
                    double             scale,
                    LdTypesetDrawFunc  draw,
                    gpointer           user_data)
{
  ld_typeset_begin_block (ts, height * scale);
  cairo_save (ts->cr);
  cairo_translate (ts->cr, ts->ml, ts->y);
  cairo_scale (ts->cr, scale, scale);
  cairo_rectangle (ts->cr, 0, 0, width, height);
  cairo_clip (ts->cr);
  draw (ts->cr, user_data);
  cairo_restore (ts->cr);
  ts->y += height * scale;
}

/**
 * ld_typeset_sliced_picture:
 * @header_height: the top of the picture, repeated above every slice
 * @row_tops: (array length=n_rows): where each row starts, increasing
 * @total_height: the bottom of the last row
 *
 * A picture of rows (a call flow) cut between rows across pages, at
 * least two rows on each page.
 */
void
ld_typeset_sliced_picture (LdTypeset         *ts,
                           double             width,
                           double             scale,
                           double             header_height,
                           const double      *row_tops,
                           guint              n_rows,
                           double             total_height,
                           LdTypesetDrawFunc  draw,
                           gpointer           user_data)
{
  guint row = 0;

  if (n_rows == 0)
    return;
  ld_typeset_begin_block (ts, (header_height + (n_rows > 1 ? row_tops[MIN (n_rows, 3) - 1] - row_tops[0] : 0) +
                               (n_rows <= 2 ? total_height - row_tops[n_rows - 1] : 0)) * scale);
  while (row < n_rows)
    {
      double avail = (ld_typeset_get_bottom (ts) - ts->y) / scale - header_height;
      guint last = row;
      double slice_top, slice_bottom;

      while (last < n_rows)
        {
          double bottom = last + 1 < n_rows ? row_tops[last + 1] : total_height;

          if (bottom - row_tops[row] > avail)
            break;
          last++;
        }
      if (last == row || (last - row < 2 && last < n_rows && !ld_typeset_at_page_top (ts)))
        {
          if (!ld_typeset_at_page_top (ts))
            {
              ld_typeset_new_page (ts);
              continue;
            }
          last = row + 1;
        }
      /* Widow: one row alone on the next page. */
      if (last + 1 == n_rows && last - row > 2)
        last--;
      slice_top = row_tops[row];
      slice_bottom = last < n_rows ? row_tops[last] : total_height;

      cairo_save (ts->cr);
      cairo_translate (ts->cr, ts->ml, ts->y);
      cairo_scale (ts->cr, scale, scale);
      cairo_save (ts->cr);
      cairo_rectangle (ts->cr, 0, 0, width, header_height);
      cairo_clip (ts->cr);
      draw (ts->cr, user_data);
      cairo_restore (ts->cr);
      cairo_rectangle (ts->cr, 0, header_height, width, slice_bottom - slice_top);
      cairo_clip (ts->cr);
      cairo_translate (ts->cr, 0, header_height - slice_top);
      draw (ts->cr, user_data);
      cairo_restore (ts->cr);

      ts->y += (header_height + slice_bottom - slice_top) * scale;
      row = last;
      if (row < n_rows)
        ld_typeset_new_page (ts);
    }
}

/* Ends the last page. */
void
ld_typeset_finish (LdTypeset *ts)
{
  ld_typeset_flush (ts);
  cairo_show_page (ts->cr);
}
