/* ld-report-pdf.c - the report as a PDF: cairo's PDF surface and pango, no GTK
 *
 * A small flow layout: text, monospace excerpts, tables and pictures go
 * down the page and break between lines or rows, never through them, so
 * nothing is cut off. The pictures (timeline, ladder) are the app's own
 * renderers (ld-timeline.c, ld-ladder.c) scaled to the page, so the reader
 * sees what the user saw.
 *
 * Pages are laid out twice: the first pass counts pages and notes where
 * each section starts, the second writes "Page N of M" and the contents
 * with page numbers. Both passes make the same decisions, so the numbers
 * hold.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ld-error.h"
#include "ld-format.h"
#include "ld-ladder.h"
#include "ld-report-private.h"
#include "ld-timeline.h"

#define SANS       "DejaVu Sans,Sans"
#define MONO       "DejaVu Sans Mono,Monospace"
#define BODY_SIZE  9.5
#define SMALL_SIZE 8.0
#define MONO_SIZE  7.5
#define CODE_PAD   5.0
/* The app's renderers are designed in pixels for a window about this
 * wide; scaling that to the text width keeps their proportions. */
#define PICTURE_DESIGN_WIDTH 760.0
/* Beyond this many failures, the decoded detail of each stops helping
 * the reader; the table and the CSV/JSON still hold all of them. */
#define MAX_DETAILED_FAILURES 25

typedef struct
{
  double r, g, b;
} Rgb;

static const Rgb C_TEXT   = { 0.11, 0.11, 0.13 };
static const Rgb C_MUTED  = { 0.36, 0.36, 0.40 };
static const Rgb C_RULE   = { 0.80, 0.80, 0.83 };
static const Rgb C_CODEBG = { 0.95, 0.95, 0.96 };
static const Rgb C_ZEBRA  = { 0.97, 0.97, 0.98 };
static const Rgb C_ERROR  = { 0.75, 0.11, 0.16 };
static const Rgb C_WARN   = { 0.66, 0.42, 0.00 };
static const Rgb C_INFO   = { 0.11, 0.40, 0.80 };
static const Rgb C_OK     = { 0.13, 0.53, 0.30 };
static const Rgb C_WHITE  = { 1.0, 1.0, 1.0 };

typedef struct
{
  char  *title;
  int    level;      /* 1 or 2 */
  int    page;
  double y;
} Section;

typedef struct
{
  LdReportContext *ctx;
  cairo_surface_t *surface;
  cairo_t         *cr;
  PangoContext    *pango;
  double           pw, ph;     /* page size, points */
  double           ml, mr, mt, mb;
  double           y;
  int              page;       /* 1-based; 0 before the first */
  int              total;      /* pages of the first pass; 0 in the first pass */
  GArray          *sections;   /* (element-type Section) found in this pass */
  GArray          *known;      /* (element-type Section) of the first pass, or NULL */
  int              outline_l1;
  gboolean         final;      /* the pass that is kept */
} Pdf;

/* cairo 1.16 takes an internal link as "page=N pos=[X Y]" and parses the
 * numbers in the C notation; under a German locale "%.1f" would write
 * "72,0" and break every link, so the numbers go through g_ascii_formatd. */
static char *
pdf_link_attrs (int    page,
                double x,
                double y)
{
  char bx[G_ASCII_DTOSTR_BUF_SIZE];
  char by[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("page=%d pos=[%s %s]", page, g_ascii_formatd (bx, sizeof bx, "%.1f", x),
                          g_ascii_formatd (by, sizeof by, "%.1f", y));
}

static void
section_clear (gpointer data)
{
  g_free (((Section *) data)->title);
}

static double
body_width (Pdf *pdf)
{
  return pdf->pw - pdf->ml - pdf->mr;
}

static double
body_bottom (Pdf *pdf)
{
  return pdf->ph - pdf->mb;
}

static void
set_color (Pdf       *pdf,
           const Rgb *c)
{
  cairo_set_source_rgb (pdf->cr, c->r, c->g, c->b);
}

static PangoLayout *
make_layout (Pdf           *pdf,
             const char    *family,
             double         size,
             PangoWeight    weight,
             double         width,
             PangoWrapMode  wrap,
             const char    *text)
{
  PangoLayout *layout = pango_layout_new (pdf->pango);
  PangoFontDescription *desc = pango_font_description_from_string (family);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_font_description_set_size (desc, (int) (size * PANGO_SCALE));
  pango_font_description_set_weight (desc, weight);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  if (width > 0)
    pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, wrap);
  /* A hyphen inserted into a wrapped SIP header would change what the
   * reader copies out of the excerpt. */
  pango_attr_list_insert (attrs, pango_attr_insert_hyphens_new (FALSE));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.height / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  return (double) logical.width / PANGO_SCALE;
}

static void
show_layout (Pdf         *pdf,
             PangoLayout *layout,
             double       x,
             double       y,
             const Rgb   *color)
{
  set_color (pdf, color);
  cairo_move_to (pdf->cr, x, y);
  pango_cairo_show_layout (pdf->cr, layout);
}

static void
show_text (Pdf        *pdf,
           const char *family,
           double      size,
           PangoWeight weight,
           const char *text,
           double      x,
           double      y,
           double      width,
           PangoAlignment align,
           const Rgb  *color)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, family, size, weight, width, PANGO_WRAP_WORD_CHAR, text);

  pango_layout_set_alignment (layout, align);
  show_layout (pdf, layout, x, y, color);
}

static void
draw_page_furniture (Pdf *pdf)
{
  g_autofree char *title = _ld_report_dup_title (pdf->ctx);
  g_autofree char *footer_left = g_strdup_printf (_("LyncDiag %s · analysed %s"), PACKAGE_VERSION,
                                                  pdf->ctx->analysed_at);
  g_autofree char *page = pdf->total > 0 ? g_strdup_printf (_("Page %d of %d"), pdf->page, pdf->total)
                                         : g_strdup_printf (_("Page %d of %d"), pdf->page, 99);
  double w = body_width (pdf);

  if (pdf->page > 1)
    {
      show_text (pdf, SANS, SMALL_SIZE, PANGO_WEIGHT_NORMAL, title, pdf->ml, pdf->mt - 30, w,
                 PANGO_ALIGN_LEFT, &C_MUTED);
      set_color (pdf, &C_RULE);
      cairo_rectangle (pdf->cr, pdf->ml, pdf->mt - 14, w, 0.6);
      cairo_fill (pdf->cr);
    }
  set_color (pdf, &C_RULE);
  cairo_rectangle (pdf->cr, pdf->ml, pdf->ph - pdf->mb + 14, w, 0.6);
  cairo_fill (pdf->cr);
  show_text (pdf, SANS, SMALL_SIZE, PANGO_WEIGHT_NORMAL, footer_left, pdf->ml, pdf->ph - pdf->mb + 20,
             w * 0.7, PANGO_ALIGN_LEFT, &C_MUTED);
  show_text (pdf, SANS, SMALL_SIZE, PANGO_WEIGHT_NORMAL, page, pdf->ml, pdf->ph - pdf->mb + 20, w,
             PANGO_ALIGN_RIGHT, &C_MUTED);
}

static void
new_page (Pdf *pdf)
{
  if (pdf->page > 0)
    cairo_show_page (pdf->cr);
  pdf->page++;
  draw_page_furniture (pdf);
  pdf->y = pdf->mt;
}

static gboolean
at_page_top (Pdf *pdf)
{
  return pdf->y <= pdf->mt + 0.5;
}

static void
ensure_space (Pdf    *pdf,
              double  height)
{
  if (pdf->y + height > body_bottom (pdf) && !at_page_top (pdf))
    new_page (pdf);
}

typedef struct
{
  double top, bottom, baseline, x;
} LineBox;

/* Draws @layout from pdf->y at @x, continuing on new pages between lines;
 * with @bg, each part sits on a box padded by @pad. Keeps at least two
 * lines together at the bottom of a page and at the top of the next. */
static void
flow_layout (Pdf         *pdf,
             PangoLayout *layout,
             double       x,
             const Rgb   *fg,
             const Rgb   *bg,
             double       bg_width,
             double       pad)
{
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (LineBox));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint i = 0;

  do
    {
      PangoRectangle logical;
      LineBox box;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      box.top = (double) logical.y / PANGO_SCALE;
      box.bottom = (double) (logical.y + logical.height) / PANGO_SCALE;
      box.baseline = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      box.x = (double) logical.x / PANGO_SCALE;
      g_array_append_val (lines, box);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  while (i < lines->len)
    {
      double avail = body_bottom (pdf) - pdf->y - 2 * pad;
      const LineBox *first = &g_array_index (lines, LineBox, i);
      guint j = i;
      double chunk_h;

      while (j < lines->len && g_array_index (lines, LineBox, j).bottom - first->top <= avail)
        j++;
      if (!at_page_top (pdf))
        {
          /* Orphan: fewer than two lines would stay here (unless that is all). */
          if (j == i || (j - i < 2 && j < lines->len))
            {
              new_page (pdf);
              continue;
            }
          /* Widow: one line alone on the next page. */
          if (j + 1 == lines->len && j - i > 2)
            j--;
        }
      if (j == i)
        j = i + 1;

      chunk_h = g_array_index (lines, LineBox, j - 1).bottom - first->top;
      if (bg != NULL)
        {
          set_color (pdf, bg);
          cairo_rectangle (pdf->cr, x - pad, pdf->y, bg_width, chunk_h + 2 * pad);
          cairo_fill (pdf->cr);
        }
      set_color (pdf, fg);
      for (guint k = i; k < j; k++)
        {
          const LineBox *box = &g_array_index (lines, LineBox, k);
          PangoLayoutLine *line = pango_layout_get_line_readonly (layout, (int) k);

          cairo_move_to (pdf->cr, x + box->x, pdf->y + pad + box->baseline - first->top);
          pango_cairo_show_layout_line (pdf->cr, line);
        }
      pdf->y += chunk_h + 2 * pad;
      i = j;
      if (i < lines->len)
        new_page (pdf);
    }
}

static void
paragraph (Pdf        *pdf,
           const char *text,
           double      size,
           PangoWeight weight,
           const Rgb  *color,
           double      indent,
           double      space_after)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, SANS, size, weight, body_width (pdf) - indent,
                                               PANGO_WRAP_WORD_CHAR, text);

  pango_layout_set_spacing (layout, (int) (size * 0.25 * PANGO_SCALE));
  flow_layout (pdf, layout, pdf->ml + indent, color, NULL, 0, 0);
  pdf->y += space_after;
}

/* A paragraph with a label in bold, as "Reason: …". */
static void
labelled (Pdf        *pdf,
          const char *label,
          const char *value,
          double      indent)
{
  g_autofree char *esc_label = g_markup_escape_text (label, -1);
  g_autofree char *esc_value = g_markup_escape_text (value ? value : "", -1);
  g_autofree char *markup = g_strdup_printf ("<b>%s</b>  %s", esc_label, esc_value);
  g_autoptr(PangoLayout) layout = make_layout (pdf, SANS, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                               body_width (pdf) - indent, PANGO_WRAP_WORD_CHAR, NULL);

  pango_layout_set_markup (layout, markup, -1);
  pango_layout_set_spacing (layout, (int) (BODY_SIZE * 0.2 * PANGO_SCALE));
  flow_layout (pdf, layout, pdf->ml + indent, &C_TEXT, NULL, 0, 0);
  pdf->y += 3;
}

static void
code_block (Pdf        *pdf,
            const char *text,
            double      indent)
{
  double w = body_width (pdf) - indent;
  g_autoptr(PangoLayout) layout = make_layout (pdf, MONO, MONO_SIZE, PANGO_WEIGHT_NORMAL,
                                               w - 2 * CODE_PAD, PANGO_WRAP_CHAR, text);

  pdf->y += 2;
  flow_layout (pdf, layout, pdf->ml + indent + CODE_PAD, &C_TEXT, &C_CODEBG, w, CODE_PAD);
  pdf->y += 6;
}

/* Text from the rules may hold lines indented with spaces (a decoded
 * ICEWarn value, one bit per line): those keep their columns in
 * monospace, the rest flows as paragraphs. */
static void
rich_text (Pdf        *pdf,
           const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  g_autoptr(GString) block = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean indented = lines[i][0] == ' ' || lines[i][0] == '\t';

      if (indented)
        {
          if (block->len > 0)
            g_string_append_c (block, '\n');
          g_string_append (block, lines[i] + strspn (lines[i], " \t"));
          continue;
        }
      if (block->len > 0)
        {
          g_autoptr(PangoLayout) layout = make_layout (pdf, MONO, MONO_SIZE + 0.5, PANGO_WEIGHT_NORMAL,
                                                       body_width (pdf) - 16, PANGO_WRAP_WORD_CHAR, block->str);

          /* Wrapped meanings continue under the meaning, not under the hex
           * value: a hanging indent of the 11-character hex column. */
          pango_layout_set_indent (layout, (int) (-11 * 0.602 * (MONO_SIZE + 0.5) * PANGO_SCALE));
          flow_layout (pdf, layout, pdf->ml + 12, &C_TEXT, NULL, 0, 0);
          pdf->y += 3;
          g_string_truncate (block, 0);
        }
      if (*lines[i] != '\0')
        paragraph (pdf, lines[i], BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_TEXT, 0, 3);
    }
  if (block->len > 0)
    {
      g_autoptr(PangoLayout) layout = make_layout (pdf, MONO, MONO_SIZE + 0.5, PANGO_WEIGHT_NORMAL,
                                                   body_width (pdf) - 16, PANGO_WRAP_WORD_CHAR, block->str);

      pango_layout_set_indent (layout, (int) (-11 * 0.602 * (MONO_SIZE + 0.5) * PANGO_SCALE));
      flow_layout (pdf, layout, pdf->ml + 12, &C_TEXT, NULL, 0, 0);
      pdf->y += 3;
    }
}

static void
bullet (Pdf        *pdf,
        const char *text,
        double      indent)
{
  g_autoptr(PangoLayout) layout = make_layout (pdf, SANS, BODY_SIZE, PANGO_WEIGHT_NORMAL,
                                               body_width (pdf) - indent - 12, PANGO_WRAP_WORD_CHAR, text);
  g_autoptr(PangoLayout) dot = make_layout (pdf, SANS, BODY_SIZE, PANGO_WEIGHT_NORMAL, -1,
                                            PANGO_WRAP_WORD_CHAR, "•");
  double first_line = layout_height (dot);

  ensure_space (pdf, MIN (layout_height (layout), first_line * 2));
  show_layout (pdf, dot, pdf->ml + indent + 2, pdf->y, &C_TEXT);
  flow_layout (pdf, layout, pdf->ml + indent + 12, &C_TEXT, NULL, 0, 0);
  pdf->y += 2;
}

static const Section *
known_section (Pdf        *pdf,
               const char *title)
{
  for (guint i = 0; pdf->known != NULL && i < pdf->known->len; i++)
    {
      const Section *s = &g_array_index (pdf->known, Section, i);

      if (strcmp (s->title, title) == 0)
        return s;
    }
  return NULL;
}

/* A heading; it never ends a page alone: @keep points of what follows
 * must fit under it. Level 1 and 2 headings become bookmarks. */
static void
heading (Pdf        *pdf,
         int         level,
         const char *text,
         double      keep)
{
  double size = level == 1 ? 15.0 : level == 2 ? 12.0 : 10.0;
  double before = level == 1 ? 14 : level == 2 ? 10 : 6;
  g_autoptr(PangoLayout) layout = make_layout (pdf, SANS, size, PANGO_WEIGHT_BOLD, body_width (pdf),
                                               PANGO_WRAP_WORD_CHAR, text);
  double h = layout_height (layout);

  if (!at_page_top (pdf))
    pdf->y += before;
  ensure_space (pdf, h + keep);

  if (level <= 2)
    {
      Section s = { g_strdup (text), level, pdf->page, pdf->y };
      g_autofree char *dest = pdf_link_attrs (pdf->page, pdf->ml, MAX (pdf->y - 8, 0));
      int id;

      g_array_append_val (pdf->sections, s);
      if (pdf->final)
        {
          id = cairo_pdf_surface_add_outline (pdf->surface,
                                              level == 1 ? CAIRO_PDF_OUTLINE_ROOT : pdf->outline_l1,
                                              text, dest,
                                              level == 1 ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
          if (level == 1)
            pdf->outline_l1 = id;
        }
    }

  show_layout (pdf, layout, pdf->ml, pdf->y, &C_TEXT);
  pdf->y += h + (level == 1 ? 4 : 3);
  if (level == 1)
    {
      set_color (pdf, &C_RULE);
      cairo_rectangle (pdf->cr, pdf->ml, pdf->y, body_width (pdf), 0.8);
      cairo_fill (pdf->cr);
      pdf->y += 8;
    }
}

/* Tables: cells wrap, rows never split, the header repeats on every page. */
typedef struct
{
  guint         n_cols;
  const double *widths;      /* fractions of the body width */
  const char  **header;
  gboolean      mono_first;  /* first column in monospace (hex values) */
  double        size;
} TableSpec;

static double
row_height (Pdf              *pdf,
            const TableSpec  *spec,
            PangoLayout     **cells)
{
  double h = 0;

  for (guint c = 0; c < spec->n_cols; c++)
    h = MAX (h, layout_height (cells[c]));
  return h + 6;
}

static void
table_row (Pdf              *pdf,
           const TableSpec  *spec,
           const char      **values,
           const Rgb       **colors,
           gboolean          bold,
           gboolean          header,
           gboolean          zebra)
{
  PangoLayout *cells[16];
  double w = body_width (pdf);
  double x = pdf->ml;
  double h;

  g_assert (spec->n_cols <= G_N_ELEMENTS (cells));
  for (guint c = 0; c < spec->n_cols; c++)
    {
      gboolean mono = spec->mono_first && c == 0 && !header;

      cells[c] = make_layout (pdf, mono ? MONO : SANS, spec->size,
                              header || bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                              w * spec->widths[c] - 8, PANGO_WRAP_WORD_CHAR, values[c]);
    }
  h = row_height (pdf, spec, cells);

  if (header || zebra)
    {
      set_color (pdf, header ? &C_CODEBG : &C_ZEBRA);
      cairo_rectangle (pdf->cr, pdf->ml, pdf->y, w, h);
      cairo_fill (pdf->cr);
    }
  for (guint c = 0; c < spec->n_cols; c++)
    {
      const Rgb *color = colors && colors[c] ? colors[c] : header ? &C_MUTED : &C_TEXT;

      show_layout (pdf, cells[c], x + 4, pdf->y + 3, color);
      x += w * spec->widths[c];
      g_object_unref (cells[c]);
    }
  set_color (pdf, &C_RULE);
  cairo_rectangle (pdf->cr, pdf->ml, pdf->y + h - 0.4, w, 0.4);
  cairo_fill (pdf->cr);
  pdf->y += h;
}

static double
measure_row (Pdf             *pdf,
             const TableSpec *spec,
             const char     **values)
{
  PangoLayout *cells[16];
  double w = body_width (pdf);
  double h;

  for (guint c = 0; c < spec->n_cols; c++)
    cells[c] = make_layout (pdf, spec->mono_first && c == 0 ? MONO : SANS, spec->size, PANGO_WEIGHT_NORMAL,
                            w * spec->widths[c] - 8, PANGO_WRAP_WORD_CHAR, values[c]);
  h = row_height (pdf, spec, cells);
  for (guint c = 0; c < spec->n_cols; c++)
    g_object_unref (cells[c]);
  return h;
}

/* Starts a row: a new page (with the header again) when it does not fit. */
static void
table_begin_row (Pdf             *pdf,
                 const TableSpec *spec,
                 const char     **values,
                 gboolean         first,
                 guint            n_rows)
{
  double h = measure_row (pdf, spec, values);
  double hh = spec->header ? measure_row (pdf, spec, spec->header) : 0;

  if (first)
    {
      /* The header with up to three rows, so no row is left alone under it. */
      ensure_space (pdf, hh + h * MIN (MAX (n_rows, 1), 3));
      if (spec->header)
        table_row (pdf, spec, spec->header, NULL, FALSE, TRUE, FALSE);
      return;
    }
  if (pdf->y + h > body_bottom (pdf))
    {
      new_page (pdf);
      if (spec->header)
        table_row (pdf, spec, spec->header, NULL, FALSE, TRUE, FALSE);
    }
}

static const Rgb *
severity_color (LdSeverity severity)
{
  return severity == LD_SEVERITY_ERROR ? &C_ERROR : severity == LD_SEVERITY_WARNING ? &C_WARN : &C_INFO;
}

static const Rgb *
outcome_color (LdOutcome outcome)
{
  return outcome == LD_OUTCOME_SUCCEEDED ? &C_OK :
         outcome == LD_OUTCOME_FAILED ? &C_ERROR :
         outcome == LD_OUTCOME_NO_RESPONSE ? &C_WARN : &C_MUTED;
}

static gboolean
cancelled (Pdf *pdf)
{
  return g_cancellable_is_cancelled (pdf->ctx->cancellable);
}

/* ---- the cover ------------------------------------------------------- */

static void
section_titles (LdReportContext *ctx,
                GPtrArray       *out)
{
  g_ptr_array_add (out, g_strdup (_("Findings")));
  g_ptr_array_add (out, g_strdup (_("Timeline of attempts")));
  g_ptr_array_add (out, g_strdup (_("Call attempts")));
  if (ctx->failed->len > 0)
    g_ptr_array_add (out, g_strdup (_("Failed attempts")));
  if (ctx->steps->len > 0 || ctx->causes->len > 0)
    g_ptr_array_add (out, g_strdup (_("Troubleshooting steps")));
}

static void
draw_verdict (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  gboolean problem = ctx->failed->len > 0 || ctx->n_errors > 0;
  const Rgb *accent = problem ? &C_ERROR : ctx->n_warnings > 0 ? &C_WARN : &C_OK;
  Rgb tint = { 1 - (1 - accent->r) * 0.08, 1 - (1 - accent->g) * 0.08, 1 - (1 - accent->b) * 0.08 };
  double w = body_width (pdf);
  g_autoptr(PangoLayout) label = make_layout (pdf, SANS, SMALL_SIZE, PANGO_WEIGHT_BOLD, w - 30,
                                              PANGO_WRAP_WORD_CHAR, _("VERDICT"));
  g_autoptr(PangoLayout) text = make_layout (pdf, SANS, 12.5, PANGO_WEIGHT_NORMAL, w - 30,
                                             PANGO_WRAP_WORD_CHAR, ctx->verdict);
  double h;

  pango_layout_set_spacing (text, 3 * PANGO_SCALE);
  h = layout_height (label) + 6 + layout_height (text) + 28;
  ensure_space (pdf, h);
  cairo_set_source_rgb (pdf->cr, tint.r, tint.g, tint.b);
  cairo_rectangle (pdf->cr, pdf->ml, pdf->y, w, h);
  cairo_fill (pdf->cr);
  set_color (pdf, accent);
  cairo_rectangle (pdf->cr, pdf->ml, pdf->y, 5, h);
  cairo_fill (pdf->cr);
  show_layout (pdf, label, pdf->ml + 18, pdf->y + 14, accent);
  show_layout (pdf, text, pdf->ml + 18, pdf->y + 14 + layout_height (label) + 6, &C_TEXT);
  pdf->y += h + 12;
}

static void
draw_summary_counts (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);
  g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u call attempt", "%u call attempts",
                                                     attempts->len), attempts->len);
  g_autofree char *f = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u failed", "%u failed",
                                                     ctx->failed->len), ctx->failed->len);
  g_autofree char *e = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors",
                                                     ctx->n_errors), ctx->n_errors);
  g_autofree char *wn = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings",
                                                      ctx->n_warnings), ctx->n_warnings);
  g_autofree char *i = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes",
                                                     ctx->n_infos), ctx->n_infos);
  g_autofree char *line = g_strdup_printf ("%s  ·  %s  ·  %s, %s, %s", a, f, e, wn, i);

  paragraph (pdf, line, BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 10);
}

static void
draw_inputs (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  GPtrArray *inputs = ld_analysis_get_inputs (ctx->analysis);
  static const double widths[] = { 0.40, 0.24, 0.24, 0.12 };
  const char *header[] = { _("Log"), _("Client"), _("Time span (log time)"), _("SIP messages") };
  TableSpec spec = { 4, widths, header, FALSE, SMALL_SIZE + 0.5 };

  heading (pdf, 3, _("Logs analysed"), 40);
  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = inputs->pdata[i];
      g_autofree char *name = _ld_report_dup_input_name (ctx, i);
      g_autofree char *client = _ld_report_str (ctx, in->client ? in->client : _("unknown client"));
      g_autofree char *span = _ld_report_dup_input_span (in);
      g_autofree char *count = g_strdup_printf ("%'u", in->sip_messages);
      const char *values[] = { name, client, span, count };

      table_begin_row (pdf, &spec, values, i == 0, inputs->len);
      table_row (pdf, &spec, values, NULL, FALSE, FALSE, i % 2 == 1);
      for (guint p = 0; in->problems != NULL && p < in->problems->len; p++)
        {
          g_autofree char *problem = _ld_report_str (ctx, in->problems->pdata[p]);

          paragraph (pdf, problem, SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_WARN, 8, 2);
        }
    }
  pdf->y += 10;
}

static void
draw_contents (Pdf *pdf)
{
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  double w = body_width (pdf);

  section_titles (pdf->ctx, titles);
  heading (pdf, 3, _("Contents"), 16 * titles->len);
  for (guint i = 0; i < titles->len; i++)
    {
      const Section *s = known_section (pdf, titles->pdata[i]);
      g_autofree char *num = s ? g_strdup_printf ("%d", s->page) : g_strdup ("—");
      g_autoptr(PangoLayout) t = make_layout (pdf, SANS, BODY_SIZE, PANGO_WEIGHT_NORMAL, w - 40,
                                              PANGO_WRAP_WORD_CHAR, titles->pdata[i]);
      g_autoptr(PangoLayout) n = make_layout (pdf, SANS, BODY_SIZE, PANGO_WEIGHT_NORMAL, 40,
                                              PANGO_WRAP_WORD_CHAR, num);
      double h = layout_height (t);

      pango_layout_set_alignment (n, PANGO_ALIGN_RIGHT);
      ensure_space (pdf, h + 4);
      if (s != NULL && pdf->final)
        {
          /* cairo 1.16 takes an internal link as page and position. */
          g_autofree char *attrs = pdf_link_attrs (s->page, pdf->ml, MAX (s->y - 8, 0));

          cairo_tag_begin (pdf->cr, CAIRO_TAG_LINK, attrs);
        }
      show_layout (pdf, t, pdf->ml + 8, pdf->y, &C_INFO);
      show_layout (pdf, n, pdf->ml + w - 40, pdf->y, &C_MUTED);
      if (s != NULL && pdf->final)
        cairo_tag_end (pdf->cr, CAIRO_TAG_LINK);
      set_color (pdf, &C_RULE);
      cairo_set_line_width (pdf->cr, 0.5);
      {
        double dash[] = { 1, 2.5 };

        cairo_set_dash (pdf->cr, dash, 2, 0);
        cairo_move_to (pdf->cr, pdf->ml + 12 + layout_width (t), pdf->y + h - 3);
        cairo_line_to (pdf->cr, pdf->ml + w - 8 - layout_width (n), pdf->y + h - 3);
        cairo_stroke (pdf->cr);
        cairo_set_dash (pdf->cr, NULL, 0, 0);
      }
      pdf->y += h + 3;
    }
  pdf->y += 8;
}

#define GLANCE_ROWS 8

/* The failures on the first page, so a reader who stops there still has
 * the attempt, the code and the ICE warning to search for. */
static void
draw_failures_at_a_glance (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  static const double widths[] = { 0.07, 0.22, 0.25, 0.24, 0.10, 0.12 };
  const char *header[] = { "#", _("Time"), _("What"), _("Other party"), _("Code"), _("ICEWarn") };
  TableSpec spec = { 6, widths, header, FALSE, SMALL_SIZE };
  guint n = MIN (ctx->failed->len, GLANCE_ROWS);

  if (ctx->failed->len == 0)
    return;
  heading (pdf, 3, _("Failures at a glance"), 60);
  for (guint i = 0; i < n; i++)
    {
      const LdAttempt *a = ctx->failed->pdata[i];
      const LdDiagnostic *d = ld_attempt_get_primary_diagnostic (a);
      g_autofree char *id = g_strdup_printf ("%u", a->id);
      g_autofree char *time = ld_format_time (a->start);
      g_autofree char *what = g_strdup_printf ("%s %s", ld_modality_get_label (a->modality),
                                               ld_attempt_kind_get_label (a->kind));
      g_autofree char *party = _ld_report_str (ctx, a->remote_party ? a->remote_party : a->target);
      g_autofree char *code = _ld_report_dup_attempt_code (a);
      g_autoptr(GString) ice = g_string_new (NULL);
      const char *values[] = { id, time, what, party, NULL, NULL };
      static const Rgb *colors[] = { NULL, NULL, NULL, NULL, &C_ERROR, NULL };

      for (guint m = 0; d != NULL && m < d->media->len; m++)
        {
          const LdMediaDebug *md = d->media->pdata[m];

          if (md->has_ice_warn)
            g_string_append_printf (ice, "%s0x%x", ice->len ? " " : "", md->ice_warn);
        }
      if (*code == '\0' && a->status > 0)
        {
          g_free (code);
          code = g_strdup_printf ("SIP %d", a->status);
        }
      values[4] = *code ? code : "—";
      values[5] = ice->len ? ice->str : "—";
      table_begin_row (pdf, &spec, values, i == 0, n);
      table_row (pdf, &spec, values, colors, FALSE, FALSE, i % 2 == 1);
    }
  if (ctx->failed->len > n)
    {
      g_autofree char *more = g_strdup_printf (_("… and %u more, listed under “Call attempts”."), ctx->failed->len - n);

      paragraph (pdf, more, SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 0);
    }
  pdf->y += 10;
}

static void
draw_cover (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *title = _ld_report_dup_title (ctx);
  g_autofree char *sub = g_strdup_printf (_("Analysed on %s with LyncDiag %s"), ctx->analysed_at, PACKAGE_VERSION);

  pdf->y = pdf->mt - 8;
  paragraph (pdf, title, 20, PANGO_WEIGHT_BOLD, &C_TEXT, 0, 4);
  paragraph (pdf, sub, BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 16);
  draw_verdict (pdf);
  draw_summary_counts (pdf);
  if (ctx->redactor != NULL)
    {
      g_autofree char *legend = ld_redact_dup_legend ();

      paragraph (pdf, legend, SMALL_SIZE + 0.5, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 10);
    }
  draw_inputs (pdf);
  draw_failures_at_a_glance (pdf);
  if (ctx->failed->len > 0 || ctx->findings->len > 0)
    draw_contents (pdf);
}

/* ---- findings ---------------------------------------------------------- */

static void
draw_badge (Pdf        *pdf,
            const char *text,
            const Rgb  *color,
            double      x,
            double      y,
            double     *out_width)
{
  g_autofree char *upper = g_utf8_strup (text, -1);
  g_autoptr(PangoLayout) layout = make_layout (pdf, SANS, 7.0, PANGO_WEIGHT_BOLD, -1, PANGO_WRAP_WORD_CHAR, upper);
  double w = layout_width (layout) + 10, h = layout_height (layout) + 4;

  set_color (pdf, color);
  cairo_rectangle (pdf->cr, x, y, w, h);
  cairo_fill (pdf->cr);
  show_layout (pdf, layout, x + 5, y + 2, &C_WHITE);
  if (out_width)
    *out_width = w;
}

static void
draw_finding (Pdf             *pdf,
              guint            index,
              const LdFinding *f)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *title = _ld_report_str (ctx, f->title);
  g_autofree char *numbered = g_strdup_printf ("%u. %s", index + 1, title);
  g_autoptr(PangoLayout) tl = make_layout (pdf, SANS, 11.5, PANGO_WEIGHT_BOLD, body_width (pdf),
                                           PANGO_WRAP_WORD_CHAR, numbered);
  g_autofree char *meta = g_strdup_printf ("%s · %s · %s", _ld_report_severity_label (f->severity),
                                           _ld_report_confidence_label (f->confidence), f->id);
  double bw = 0;

  pdf->y += at_page_top (pdf) ? 0 : 10;
  ensure_space (pdf, 16 + layout_height (tl) + 40);
  draw_badge (pdf, _ld_report_severity_label (f->severity), severity_color (f->severity), pdf->ml, pdf->y, &bw);
  {
    g_autoptr(PangoLayout) ml = make_layout (pdf, SANS, SMALL_SIZE, PANGO_WEIGHT_NORMAL, body_width (pdf) - bw - 8,
                                             PANGO_WRAP_WORD_CHAR, meta);

    show_layout (pdf, ml, pdf->ml + bw + 8, pdf->y + 1, &C_MUTED);
  }
  pdf->y += 16;
  flow_layout (pdf, tl, pdf->ml, &C_TEXT, NULL, 0, 0);
  pdf->y += 5;

  if (f->detail != NULL && *f->detail)
    {
      g_autofree char *detail = _ld_report_str (ctx, f->detail);

      rich_text (pdf, detail);
      pdf->y += 3;
    }
  if (f->actions != NULL && f->actions->len > 0)
    {
      heading (pdf, 4, _("What to do"), 24);
      for (guint a = 0; a < f->actions->len; a++)
        {
          g_autofree char *action = _ld_report_str (ctx, f->actions->pdata[a]);

          bullet (pdf, action, 0);
        }
      pdf->y += 4;
    }
  if (f->evidence != NULL && f->evidence->len > 0)
    {
      heading (pdf, 4, _("Evidence"), 30);
      for (guint e = 0; e < f->evidence->len; e++)
        {
          const LdEvidence *ev = &g_array_index (f->evidence, LdEvidence, e);
          g_autofree char *name = _ld_report_dup_input_name (ctx, ev->input);
          g_autofree char *where = ev->attempt > 0 ?
            g_strdup_printf (_("Attempt %u · %s, line %llu"), ev->attempt, name, (unsigned long long) ev->line) :
            g_strdup_printf (_("%s, line %llu"), name, (unsigned long long) ev->line);

          ensure_space (pdf, 40);
          paragraph (pdf, where, SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 1);
          if (ev->excerpt != NULL)
            {
              g_autofree char *ex = _ld_report_str (ctx, ev->excerpt);

              code_block (pdf, ex, 0);
            }
        }
    }
}

static void
draw_finding_repeats (Pdf       *pdf,
                      GPtrArray *group)
{
  LdReportContext *ctx = pdf->ctx;
  static const double widths[] = { 0.12, 0.24, 0.64 };
  const char *header[] = { _("Attempt"), _("Time"), _("Finding") };
  TableSpec spec = { 3, widths, header, FALSE, SMALL_SIZE };
  g_autofree char *intro = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                         "The same finding for %u more attempt:",
                                                         "The same finding for %u more attempts:",
                                                         group->len - 1),
                                            group->len - 1);

  heading (pdf, 4, _("Seen again"), 80);
  paragraph (pdf, intro, BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_TEXT, 0, 3);
  for (guint i = 1; i < group->len; i++)
    {
      const LdFinding *f = group->pdata[i];
      const LdEvidence *ev = f->evidence && f->evidence->len > 0 ? &g_array_index (f->evidence, LdEvidence, 0) : NULL;
      g_autofree char *attempt = ev && ev->attempt > 0 ? g_strdup_printf ("%u", ev->attempt) : g_strdup ("—");
      g_autofree char *time = ld_format_time (f->time);
      g_autofree char *title = _ld_report_str (ctx, f->title);
      const char *values[] = { attempt, time, title };

      table_begin_row (pdf, &spec, values, i == 1, group->len - 1);
      table_row (pdf, &spec, values, NULL, FALSE, FALSE, i % 2 == 0);
    }
  pdf->y += 6;
}

static void
draw_findings (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  heading (pdf, 1, _("Findings"), 60);
  if (ctx->findings->len == 0)
    {
      paragraph (pdf, _("None. Nothing in the logs points to a problem: no failure, no error "
                        "response, no diagnostic header that signals a fault."),
                 BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_TEXT, 0, 6);
      return;
    }
  paragraph (pdf, _("Most severe first. Each finding says what was seen, what it means and what to do; "
                    "the evidence is quoted exactly as logged."),
             SMALL_SIZE + 0.5, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 2);
  for (guint i = 0; i < ctx->groups->len; i++)
    {
      GPtrArray *group = ctx->groups->pdata[i];

      draw_finding (pdf, i, group->pdata[0]);
      if (group->len > 1)
        draw_finding_repeats (pdf, group);
      if (cancelled (pdf))
        return;
    }
}

/* ---- timeline ---------------------------------------------------------- */

static void
draw_legend (Pdf *pdf)
{
  static const LdOutcome outcomes[] = {
    LD_OUTCOME_SUCCEEDED, LD_OUTCOME_FAILED, LD_OUTCOME_NO_RESPONSE, LD_OUTCOME_CANCELLED,
  };
  double x = pdf->ml;

  for (gsize i = 0; i < G_N_ELEMENTS (outcomes); i++)
    {
      g_autoptr(PangoLayout) l = make_layout (pdf, SANS, SMALL_SIZE, PANGO_WEIGHT_NORMAL, -1,
                                              PANGO_WRAP_WORD_CHAR, _ld_report_outcome_label (outcomes[i]));
      /* The same colours as the timeline (GNOME palette). */
      static const Rgb swatch[] = {
        { 0.15, 0.64, 0.41 }, { 0.88, 0.11, 0.14 }, { 0.90, 0.65, 0.04 }, { 0.60, 0.60, 0.59 },
      };

      set_color (pdf, &swatch[i]);
      cairo_rectangle (pdf->cr, x, pdf->y + 2.5, 9, 7);
      cairo_fill (pdf->cr);
      show_layout (pdf, l, x + 13, pdf->y, &C_MUTED);
      x += 13 + layout_width (l) + 16;
    }
  pdf->y += 14;
}

static void
draw_timeline (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  g_autoptr(LdTimeline) timeline = ld_timeline_new (ctx->analysis);
  double scale = body_width (pdf) / PICTURE_DESIGN_WIDTH;
  double design_h = ld_timeline_get_natural_height ();
  double h = design_h * scale;

  heading (pdf, 1, _("Timeline of attempts"), h + 30);
  paragraph (pdf, _("Each bar is one call or conference join, in the lane of its modality, from the "
                    "INVITE to its end; quiet gaps in the log are shortened."),
             SMALL_SIZE + 0.5, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 6);
  ensure_space (pdf, h + 20);
  cairo_save (pdf->cr);
  cairo_translate (pdf->cr, pdf->ml, pdf->y);
  cairo_scale (pdf->cr, scale, scale);
  cairo_rectangle (pdf->cr, 0, 0, PICTURE_DESIGN_WIDTH, design_h);
  cairo_clip (pdf->cr);
  ld_timeline_draw (timeline, pdf->cr, PICTURE_DESIGN_WIDTH, design_h, FALSE);
  cairo_restore (pdf->cr);
  pdf->y += h + 6;
  draw_legend (pdf);
}

/* ---- attempts table ---------------------------------------------------- */

static void
draw_attempts (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;
  GPtrArray *attempts = ld_analysis_get_attempts (ctx->analysis);
  static const double widths[] = { 0.04, 0.15, 0.11, 0.14, 0.26, 0.11, 0.09, 0.10 };
  const char *header[] = { "#", _("Time"), _("Kind"), _("Modality"), _("Target"), _("Outcome"),
                           _("Status"), _("Code") };
  TableSpec spec = { 8, widths, header, FALSE, 7.5 };

  double keep = 80;

  /* A short table stays in one piece with its heading. */
  if (attempts->len <= 15)
    {
      keep = measure_row (pdf, &spec, header);
      for (guint i = 0; i < attempts->len; i++)
        {
          const LdAttempt *a = attempts->pdata[i];
          g_autofree char *target = _ld_report_str (ctx, a->target);
          const char *values[] = { "#", "2000-01-01 00:00:00.000", ld_attempt_kind_get_label (a->kind),
                                   ld_modality_get_label (a->modality), target, _ld_report_outcome_label (LD_OUTCOME_SUCCEEDED), "000", "00000" };

          keep += measure_row (pdf, &spec, values);
        }
      keep = MIN (keep + 30, body_bottom (pdf) - pdf->mt - 40);
    }
  heading (pdf, 1, _("Call attempts"), keep);
  if (attempts->len == 0)
    {
      paragraph (pdf, _("The logs hold no call or conference join."), BODY_SIZE, PANGO_WEIGHT_NORMAL,
                 &C_TEXT, 0, 6);
      return;
    }
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = attempts->pdata[i];
      g_autofree char *id = g_strdup_printf ("%u", a->id);
      g_autofree char *time = ld_format_time (a->start);
      g_autofree char *target = _ld_report_str (ctx, a->target);
      g_autofree char *status = a->status > 0 ? g_strdup_printf ("%d", a->status) : g_strdup ("—");
      g_autofree char *code = _ld_report_dup_attempt_code (a);
      const char *values[] = { id, time, ld_attempt_kind_get_label (a->kind),
                               ld_modality_get_label (a->modality), target,
                               _ld_report_outcome_label (a->outcome), status, code };
      const Rgb *colors[] = { NULL, NULL, NULL, NULL, NULL, outcome_color (a->outcome), NULL,
                              *code && _ld_report_attempt_failed (a) ? &C_ERROR : NULL };

      if (i % 16 == 0 && cancelled (pdf))
        return;
      table_begin_row (pdf, &spec, values, i == 0, attempts->len);
      table_row (pdf, &spec, values, colors, FALSE, FALSE, i % 2 == 1);
    }
  paragraph (pdf, ctx->failed->len > 0 ?
                  _("Status: the final SIP response to the INVITE. Code: the ms-diagnostics or "
                    "ms-client-diagnostics code the attempt ended with; decoded below for each failure.") :
                  _("Status: the final SIP response to the INVITE. Code: the ms-diagnostics or "
                    "ms-client-diagnostics code the attempt reported (51004 and 51007 are information, not errors)."),
             SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 0);
  pdf->y += 4;
}

/* ---- failed attempts ----------------------------------------------------- */

static void
key_values (Pdf         *pdf,
            const char **pairs,
            guint        n)
{
  static const double widths[] = { 0.22, 0.78 };
  TableSpec spec = { 2, widths, NULL, FALSE, SMALL_SIZE + 0.5 };
  static const Rgb *colors[] = { &C_MUTED, NULL };

  for (guint i = 0; i + 1 < n * 2; i += 2)
    {
      const char *values[] = { pairs[i], pairs[i + 1] };

      if (pairs[i + 1] == NULL || *pairs[i + 1] == '\0')
        continue;
      table_begin_row (pdf, &spec, values, FALSE, 0);
      table_row (pdf, &spec, values, colors, FALSE, FALSE, FALSE);
    }
  pdf->y += 6;
}

static char *
location_text (const LdMediaDebug *m)
{
  return g_strdup_printf (_("this side %s, other side %s%s"),
                          ld_location_describe (m->local_location),
                          ld_location_describe (m->remote_location),
                          m->federation_type < 0 ? "" :
                          m->federation_type > 0 ? _("; federated") : _("; not federated"));
}

static void
draw_media (Pdf                *pdf,
            const LdMediaDebug *m)
{
  LdReportContext *ctx = pdf->ctx;
  LdIceBit bits[32];
  g_autofree char *title = NULL;
  const char *lmr = ld_media_debug_get_field (m, "LocalMR");
  const char *rmr = ld_media_debug_get_field (m, "RemoteMR");
  const char *range = ld_media_debug_get_field (m, "PortRange");
  const char *lsite = ld_media_debug_get_field (m, "LocalSite");
  const char *rsite = ld_media_debug_get_field (m, "RemoteSite");
  g_autofree char *loc = location_text (m);
  g_autofree char *relays = NULL;
  g_autofree char *sites = NULL;
  g_autofree char *relays_red = NULL;
  g_autofree char *sites_red = NULL;

  g_autofree char *modality = _ld_report_str (ctx, m->modality ? m->modality : _("no modality given"));
  g_autofree char *range_red = range ? _ld_report_str (ctx, range) : NULL;

  if (m->has_ice_warn)
    title = g_strdup_printf ("%s (%s): ICEWarn=0x%x",
                             m->role == LD_MEDIA_ROLE_CALLER ? _("Caller media") : _("Callee media"),
                             modality, m->ice_warn);
  else
    title = g_strdup_printf ("%s (%s)", m->role == LD_MEDIA_ROLE_CALLER ? _("Caller media") : _("Callee media"),
                             modality);
  heading (pdf, 4, title, m->has_ice_warn ? 110 : 60);

  if (m->has_ice_warn)
    {
      guint n = ld_ice_warn_decode (LD_ICE_TABLE_RESKIT, m->ice_warn, bits);
      static const double widths[] = { 0.16, 0.84 };
      const char *header[] = { _("ICEWarn bit"), _("Meaning (Lync Server 2010 Resource Kit, chapter 9)") };
      TableSpec spec = { 2, widths, header, TRUE, SMALL_SIZE + 0.5 };

      if (n == 0)
        paragraph (pdf, _("No ICE warning (0x0): connectivity checks reported no problem."),
                   BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_TEXT, 0, 4);
      for (guint i = 0; i < n; i++)
        {
          g_autofree char *hex = g_strdup_printf ("0x%x", bits[i].bit);
          g_autofree char *meaning = g_strdup_printf ("%s%s%s%s", _(bits[i].meaning),
                                                      bits[i].expected ? _(" (often expected)") : "",
                                                      bits[i].advice ? ". " : "",
                                                      bits[i].advice ? _(bits[i].advice) : "");
          const char *values[] = { hex, meaning };

          table_begin_row (pdf, &spec, values, i == 0, n);
          table_row (pdf, &spec, values, NULL, FALSE, FALSE, i % 2 == 1);
        }
      pdf->y += 6;
    }

  relays = ((lmr && *lmr) || (rmr && *rmr)) ?
           g_strdup_printf (_("this side %s, other side %s"), lmr && *lmr ? lmr : _("none"),
                            rmr && *rmr ? rmr : _("none")) : NULL;
  sites = ((lsite && *lsite) || (rsite && *rsite)) ?
          g_strdup_printf (_("this side %s, other side %s"), lsite && *lsite ? lsite : _("none"),
                           rsite && *rsite ? rsite : _("none")) : NULL;
  relays_red = relays ? _ld_report_str (ctx, relays) : NULL;
  sites_red = sites ? _ld_report_str (ctx, sites) : NULL;
  {
    const char *pairs[] = {
      _("Locations"), loc,
      _("Media relays (A/V Edge)"), relays_red,
      _("Media addresses"), sites_red,
      _("Port range"), range_red,
    };

    key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }

  if (m->fields->len > 0)
    {
      g_autoptr(GString) fields = g_string_new (NULL);
      g_autofree char *red = NULL;

      for (guint i = 0; i < m->fields->len; i++)
        {
          const LdField *fld = m->fields->pdata[i];

          g_string_append_printf (fields, "%s%s=%s", i ? ", " : "", fld->key, fld->value);
        }
      red = _ld_report_str (ctx, fields->str);
      ensure_space (pdf, 36);
      paragraph (pdf, _("All fields as logged:"), SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 1);
      code_block (pdf, red, 0);
    }
}

static void
draw_diagnostic (Pdf                *pdf,
                 const LdDiagnostic *d)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);
  g_autofree char *title = NULL;
  g_autofree char *where = NULL;
  g_autofree char *reason = d->reason ? _ld_report_str (ctx, d->reason) : NULL;
  g_autofree char *meaning_red = meaning ? _ld_report_str (ctx, meaning) : NULL;
  g_autofree char *source = d->source ? _ld_report_str (ctx, d->source) : NULL;
  g_autofree char *raw = d->raw ? _ld_report_str (ctx, d->raw) : NULL;

  if (d->subcode >= 0)
    title = g_strdup_printf ("%s %d.%d", ld_diag_header_to_string (d->header), d->code, d->subcode);
  else if (d->code >= 0)
    title = g_strdup_printf ("%s %d", ld_diag_header_to_string (d->header), d->code);
  else
    title = g_strdup (ld_diag_header_to_string (d->header));
  heading (pdf, 3, title, 60);

  if (d->message != NULL)
    {
      g_autofree char *summary = ld_sip_message_dup_summary (d->message);
      g_autofree char *name = _ld_report_dup_input_name (ctx, d->message->input);
      g_autofree char *w = g_strdup_printf (_("%s in %s (%s, line %llu)"),
                                            d->message->direction == LD_DIRECTION_RECEIVED ? _("received") :
                                            _("sent"), summary, name, (unsigned long long) d->message->line);

      where = _ld_report_str (ctx, w);
    }
  {
    const char *pairs[] = {
      _("Carried"), where,
      _("Reason"), reason,
      _("Meaning"), meaning_red,
      _("Reported by"), d->code >= 0 ? _(ld_code_get_component (d->header, d->code)) : NULL,
      _("Source"), source,
    };

    key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }
  if (raw != NULL)
    {
      ensure_space (pdf, 36);
      paragraph (pdf, _("The header as logged:"), SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 1);
      code_block (pdf, raw, 0);
    }
  for (guint i = 0; i < d->media->len; i++)
    draw_media (pdf, d->media->pdata[i]);
}

/* Draws the ladder, slicing it between message rows across pages; the
 * column headings repeat on each page. */
static void
draw_ladder (Pdf             *pdf,
             const LdAttempt *a)
{
  double scale = body_width (pdf) / PICTURE_DESIGN_WIDTH;
  double full_h = ld_ladder_measure (a, PICTURE_DESIGN_WIDTH);
  double header_h = ld_ladder_get_row_y (a, 0);
  guint n = a->messages ? a->messages->len : 0;
  guint row = 0;

  if (n == 0)
    return;
  while (row < n)
    {
      double avail = (body_bottom (pdf) - pdf->y) / scale - header_h;
      guint last = row;
      double slice_top, slice_bottom;

      while (last < n)
        {
          double bottom = last + 1 < n ? ld_ladder_get_row_y (a, (int) last + 1) : full_h;

          if (bottom - ld_ladder_get_row_y (a, (int) row) > avail)
            break;
          last++;
        }
      if (last == row || (last - row < 2 && last < n && !at_page_top (pdf)))
        {
          if (!at_page_top (pdf))
            {
              new_page (pdf);
              continue;
            }
          last = row + 1;
        }
      slice_top = ld_ladder_get_row_y (a, (int) row);
      slice_bottom = last < n ? ld_ladder_get_row_y (a, (int) last) : full_h;

      cairo_save (pdf->cr);
      cairo_translate (pdf->cr, pdf->ml, pdf->y);
      cairo_scale (pdf->cr, scale, scale);
      /* Column headings. */
      cairo_save (pdf->cr);
      cairo_rectangle (pdf->cr, 0, 0, PICTURE_DESIGN_WIDTH, header_h);
      cairo_clip (pdf->cr);
      ld_ladder_draw (pdf->cr, a, PICTURE_DESIGN_WIDTH, -1, FALSE);
      cairo_restore (pdf->cr);
      /* The rows of this slice, moved up under the headings. */
      cairo_rectangle (pdf->cr, 0, header_h, PICTURE_DESIGN_WIDTH, slice_bottom - slice_top);
      cairo_clip (pdf->cr);
      cairo_translate (pdf->cr, 0, header_h - slice_top);
      ld_ladder_draw (pdf->cr, a, PICTURE_DESIGN_WIDTH, -1, FALSE);
      cairo_restore (pdf->cr);

      pdf->y += (header_h + slice_bottom - slice_top) * scale;
      row = last;
      if (row < n)
        new_page (pdf);
    }
  pdf->y += 6;
}

static void
draw_failed_attempt (Pdf             *pdf,
                     const LdAttempt *a)
{
  LdReportContext *ctx = pdf->ctx;
  g_autofree char *title = g_strdup_printf (_("Attempt %u: %s %s, %s"), a->id, ld_modality_get_label (a->modality),
                                            ld_attempt_kind_get_label (a->kind), _ld_report_outcome_label (a->outcome));
  g_autofree char *target = _ld_report_str (ctx, a->target);
  g_autofree char *party = a->remote_party ? _ld_report_str (ctx, a->remote_party) : NULL;
  g_autofree char *call_id = _ld_report_str (ctx, a->call_id);
  g_autofree char *start = ld_format_time (a->start);
  g_autofree char *lasted = ld_format_duration (a->end >= 0 && a->start >= 0 ? a->end - a->start : -1);
  g_autofree char *when = g_strdup_printf (_("%s, lasted %s"), start, lasted);
  g_autofree char *reason = a->status_reason ? _ld_report_str (ctx, a->status_reason) : NULL;
  g_autofree char *status = a->status > 0 ? g_strdup_printf ("%d %s", a->status, reason ? reason : "")
                                          : g_strdup (_("none (no final response logged)"));

  heading (pdf, 2, title, 80);
  {
    const char *pairs[] = {
      _("Target"), target,
      _("Other party"), party,
      _("Direction"), a->incoming ? _("incoming") : _("outgoing"),
      _("Started"), when,
      _("Final response"), status,
      _("Call-ID"), call_id,
    };

    key_values (pdf, pairs, G_N_ELEMENTS (pairs) / 2);
  }

  if (a->diagnostics == NULL || a->diagnostics->len == 0)
    paragraph (pdf, _("No diagnostic header (ms-diagnostics, ms-client-diagnostics) was logged for this attempt."),
               BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_TEXT, 0, 6);
  for (guint d = 0; a->diagnostics != NULL && d < a->diagnostics->len; d++)
    draw_diagnostic (pdf, a->diagnostics->pdata[d]);

  heading (pdf, 3, _("Call flow"), MIN (ld_ladder_measure (a, PICTURE_DESIGN_WIDTH), 200) *
           body_width (pdf) / PICTURE_DESIGN_WIDTH + 24);
  paragraph (pdf, _("The SIP messages of this attempt as logged; red rows carry the diagnostic header."),
             SMALL_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 4);
  draw_ladder (pdf, a);
}

static void
draw_failed (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  if (ctx->failed->len == 0)
    return;
  /* Each failure starts a page, unless most of this one is still free. */
  if (body_bottom (pdf) - pdf->y < (body_bottom (pdf) - pdf->mt) * 0.6)
    new_page (pdf);
  heading (pdf, 1, _("Failed attempts"), 60);
  for (guint i = 0; i < ctx->failed->len && i < MAX_DETAILED_FAILURES; i++)
    {
      if (cancelled (pdf))
        return;
      if (i > 0)
        new_page (pdf);
      draw_failed_attempt (pdf, ctx->failed->pdata[i]);
      if (pdf->final)
        _ld_report_progress (ctx, 0.5 + 0.5 * (i + 1) / MIN (ctx->failed->len, MAX_DETAILED_FAILURES));
    }
  if (ctx->failed->len > MAX_DETAILED_FAILURES)
    {
      g_autofree char *more = g_strdup_printf (_("%u more failed attempts are not decoded here to keep the report "
                                                 "readable; they are in the table of call attempts, and every one "
                                                 "is in the CSV and JSON exports."),
                                               ctx->failed->len - MAX_DETAILED_FAILURES);

      pdf->y += 12;
      paragraph (pdf, more, BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 4);
    }
}

/* ---- wizard ------------------------------------------------------------- */

static void
draw_wizard (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  if (ctx->steps->len == 0 && ctx->causes->len == 0)
    return;
  heading (pdf, 1, _("Troubleshooting steps"), 60);
  for (guint i = 0; i < ctx->steps->len; i++)
    {
      const LdReportStep *s = ctx->steps->pdata[i];
      g_autofree char *numbered = _ld_report_str (ctx, s->title);
      g_autofree char *question = s->question ? _ld_report_str (ctx, s->question) : NULL;
      g_autofree char *answer = s->answer ? _ld_report_str (ctx, s->answer) : g_strdup ("—");
      g_autofree char *answer_line = g_strdup_printf ("%s (%s)", answer, _ld_report_answer_label (s->source));

      heading (pdf, 4, numbered, 30);
      if (question != NULL)
        paragraph (pdf, question, BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_MUTED, 0, 2);
      labelled (pdf, _("Answer:"), answer_line, 0);
      if (s->evidence != NULL)
        {
          g_autofree char *ev = _ld_report_str (ctx, s->evidence);

          code_block (pdf, ev, 0);
        }
      if (s->text != NULL)
        {
          g_autofree char *text = _ld_report_str (ctx, s->text);

          rich_text (pdf, text);
          pdf->y += 4;
        }
    }
  if (ctx->causes->len > 0)
    {
      heading (pdf, 3, _("Possible causes"), 40);
      for (guint i = 0; i < ctx->causes->len; i++)
        {
          const LdReportCause *c = ctx->causes->pdata[i];
          g_autofree char *title = _ld_report_str (ctx, c->title);
          g_autofree char *text = c->text ? _ld_report_str (ctx, c->text) : NULL;
          const Rgb *color = c->status == LD_REPORT_CAUSE_SUPPORTED ? &C_ERROR :
                             c->status == LD_REPORT_CAUSE_CONTRADICTED ? &C_OK : &C_MUTED;
          double bw = 0;

          ensure_space (pdf, 40);
          draw_badge (pdf, _ld_report_cause_label (c->status), color, pdf->ml, pdf->y, &bw);
          pdf->y += 15;
          paragraph (pdf, title, BODY_SIZE, PANGO_WEIGHT_BOLD, &C_TEXT, 0, 2);
          if (text != NULL)
            paragraph (pdf, text, BODY_SIZE, PANGO_WEIGHT_NORMAL, &C_TEXT, 0, 8);
        }
    }
}

/* ---- about --------------------------------------------------------------- */

/* Where the meanings come from, so support can check them. */
static void
draw_about (Pdf *pdf)
{
  g_autofree char *text = _ld_report_dup_about ();
  g_autoptr(PangoLayout) layout = make_layout (pdf, SANS, SMALL_SIZE - 0.5, PANGO_WEIGHT_NORMAL, body_width (pdf),
                                               PANGO_WRAP_WORD_CHAR, text);

  /* A closing note, not worth a page of its own. */
  if (pdf->y + 20 + layout_height (layout) > body_bottom (pdf))
    return;
  pdf->y += 14;
  set_color (pdf, &C_RULE);
  cairo_rectangle (pdf->cr, pdf->ml, pdf->y, body_width (pdf), 0.5);
  cairo_fill (pdf->cr);
  pdf->y += 6;
  show_layout (pdf, layout, pdf->ml, pdf->y, &C_MUTED);
  pdf->y += layout_height (layout);
}

/* ---- passes ------------------------------------------------------------- */

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  if (closure != NULL)
    g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
render_pass (Pdf *pdf)
{
  LdReportContext *ctx = pdf->ctx;

  new_page (pdf);
  draw_cover (pdf);
  if (cancelled (pdf))
    return;
  /* A report with nothing wrong stays short: no page break after the cover. */
  if (ctx->findings->len > 0 || ctx->failed->len > 0)
    new_page (pdf);
  draw_findings (pdf);
  draw_timeline (pdf);
  draw_attempts (pdf);
  if (cancelled (pdf))
    return;
  draw_failed (pdf);
  draw_wizard (pdf);
  draw_about (pdf);
}

static void
pdf_setup (Pdf             *pdf,
           LdReportContext *ctx,
           GByteArray      *sink)
{
  cairo_font_options_t *fo;

  memset (pdf, 0, sizeof *pdf);
  pdf->ctx = ctx;
  if (ctx->options->paper == LD_REPORT_PAPER_LETTER)
    {
      pdf->pw = 612.0;
      pdf->ph = 792.0;
    }
  else
    {
      /* 210 x 297 mm in points, as pdfinfo names it "A4". */
      pdf->pw = 595.276;
      pdf->ph = 841.89;
    }
  pdf->ml = pdf->mr = 56.0;
  pdf->mt = 64.0;
  pdf->mb = 56.0;
  pdf->surface = cairo_pdf_surface_create_for_stream (append_bytes, sink, pdf->pw, pdf->ph);
  cairo_pdf_surface_restrict_to_version (pdf->surface, CAIRO_PDF_VERSION_1_5);
  pdf->cr = cairo_create (pdf->surface);
  pdf->pango = pango_cairo_create_context (pdf->cr);
  /* One PDF unit is one point: font sizes in points, not 96 dpi pixels. */
  pango_cairo_context_set_resolution (pdf->pango, 72.0);
  fo = cairo_font_options_create ();
  /* Hinted metrics would make line breaks depend on a screen grid. */
  cairo_font_options_set_hint_metrics (fo, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (fo, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (pdf->pango, fo);
  cairo_font_options_destroy (fo);
  pdf->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  g_array_set_clear_func (pdf->sections, section_clear);
}

static void
pdf_teardown (Pdf *pdf)
{
  g_clear_object (&pdf->pango);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  if (pdf->surface != NULL)
    {
      cairo_surface_finish (pdf->surface);
      cairo_surface_destroy (pdf->surface);
      pdf->surface = NULL;
    }
  g_clear_pointer (&pdf->sections, g_array_unref);
}

GBytes *
_ld_report_render_pdf (LdReportContext *ctx,
                       GError         **error)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GArray) known = NULL;
  g_autofree char *title = _ld_report_dup_title (ctx);
  g_autoptr(GDateTime) now = ctx->options->analysed_at ? g_date_time_ref (ctx->options->analysed_at)
                                                       : g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *creator = g_strdup_printf ("LyncDiag %s", PACKAGE_VERSION);
  cairo_status_t status;
  int pages;
  Pdf pdf;

  /* Pass 1: count pages and find the sections. */
  pdf_setup (&pdf, ctx, NULL);
  render_pass (&pdf);
  pages = pdf.page;
  known = g_array_ref (pdf.sections);
  pdf_teardown (&pdf);
  _ld_report_progress (ctx, 0.5);
  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return NULL;

  /* Pass 2: the same layout, with page numbers known. */
  pdf_setup (&pdf, ctx, bytes);
  pdf.total = pages;
  pdf.known = known;
  pdf.final = TRUE;
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_SUBJECT, ctx->verdict);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATOR, creator);
  cairo_pdf_surface_set_metadata (pdf.surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  render_pass (&pdf);
  status = cairo_surface_status (pdf.surface);
  pdf_teardown (&pdf);

  if (g_cancellable_set_error_if_cancelled (ctx->cancellable, error))
    return NULL;
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, LD_ERROR, LD_ERROR_WRITE, _("Cannot draw the PDF report: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
}
