/* ld-report-table.c - tables for the PDF report: columns sized from their content, rows across pages
 *
 * Columns are sized as a browser sizes an automatic table: each column
 * needs at least its widest token (a URI, an address:port, a three-digit
 * attempt number) and would like its longest line; the width left over
 * goes to the columns that would wrap, in proportion to what they would
 * like. Only when the tokens alone are wider than the page does the widest
 * column give way, and its tokens break at their ";" or are cut with a
 * mark (ld-report-lines.c).
 *
 * A row that does not fit goes to the next page under the header again;
 * a row taller than a page continues there, line by line, instead of being
 * cut off.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include "ld-report-typeset.h"

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 2.2

typedef struct
{
  LdText      *text;
  GArray      *lines;      /* at the column's width, set when laid out */
  const LdRgb *color;
  guint        done;       /* lines drawn so far, when a row spans pages */
} Cell;

typedef struct
{
  Cell *cells;
} Row;

struct _LdTable
{
  guint          n_columns;
  double         size;
  LdColumnFlags *flags;
  char         **header;    /* NULL: no header */
  GArray        *rows;      /* (element-type Row) */
  gboolean       zebra;
  gboolean       full_width;
};

LdTable *
ld_table_new (guint  n_columns,
              double size)
{
  LdTable *table = g_new0 (LdTable, 1);

  g_return_val_if_fail (n_columns > 0, NULL);
  table->n_columns = n_columns;
  table->size = size;
  table->flags = g_new0 (LdColumnFlags, n_columns);
  table->rows = g_array_new (FALSE, FALSE, sizeof (Row));
  table->zebra = TRUE;
  table->full_width = TRUE;
  return table;
}

static void
row_clear (LdTable *table,
           Row     *row)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      ld_text_free (row->cells[c].text);
      g_clear_pointer (&row->cells[c].lines, g_array_unref);
    }
  g_free (row->cells);
}

void
ld_table_free (LdTable *table)
{
  if (table == NULL)
    return;
  for (guint r = 0; r < table->rows->len; r++)
    row_clear (table, &g_array_index (table->rows, Row, r));
  g_array_unref (table->rows);
  g_strfreev (table->header);
  g_free (table->flags);
  g_free (table);
}

void
ld_table_set_column (LdTable       *table,
                     guint          column,
                     LdColumnFlags  flags)
{
  g_return_if_fail (column < table->n_columns);
  table->flags[column] = flags;
}

/* @cells: n_columns strings; the header repeats on every page. */
void
ld_table_set_header (LdTable            *table,
                     const char * const *cells)
{
  g_strfreev (table->header);
  table->header = g_new0 (char *, table->n_columns + 1);
  for (guint c = 0; c < table->n_columns; c++)
    table->header[c] = g_strdup (cells[c] ? cells[c] : "");
}

void
ld_table_set_zebra (LdTable  *table,
                    gboolean  zebra)
{
  table->zebra = zebra;
}

/* FALSE: the columns keep their natural widths when they all fit. */
void
ld_table_set_full_width (LdTable  *table,
                         gboolean  full_width)
{
  table->full_width = full_width;
}

static LdFace
column_face (LdTable  *table,
             guint     column,
             gboolean  header)
{
  gboolean mono = (table->flags[column] & LD_COLUMN_MONO) != 0 && !header;
  gboolean bold = header || (table->flags[column] & LD_COLUMN_BOLD) != 0;

  if (mono)
    return bold ? LD_FACE_MONO_BOLD : LD_FACE_MONO;
  return bold ? LD_FACE_SANS_BOLD : LD_FACE_SANS;
}

static const LdRgb *
column_color (LdTable *table,
              guint    column,
              gboolean header)
{
  if (header || (table->flags[column] & LD_COLUMN_MUTED) != 0)
    return &ld_rgb_muted;
  return &ld_rgb_text;
}

/**
 * ld_table_add_row:
 * @cells: n_columns strings (NULL for an empty cell)
 * @colors: (nullable): n_columns colours (NULL for the column's)
 */
void
ld_table_add_row (LdTable             *table,
                  const char * const  *cells,
                  const LdRgb * const *colors)
{
  Row row = { g_new0 (Cell, table->n_columns) };

  for (guint c = 0; c < table->n_columns; c++)
    {
      row.cells[c].text = ld_text_new (table->size);
      ld_text_append (row.cells[c].text, column_face (table, c, FALSE), NULL, cells[c] ? cells[c] : "");
      row.cells[c].color = colors && colors[c] ? colors[c] : column_color (table, c, FALSE);
    }
  g_array_append_val (table->rows, row);
}

guint
ld_table_get_n_rows (LdTable *table)
{
  return table->rows->len;
}

/* The widest a column may be made narrower to, so that the others keep
 * their tokens whole: the largest cap where the columns fit. */
static double
water_level (const double *min,
             guint         n,
             double        avail)
{
  double lo = 0, hi = 0;

  for (guint c = 0; c < n; c++)
    hi = MAX (hi, min[c]);
  for (int iter = 0; iter < 40; iter++)
    {
      double mid = (lo + hi) / 2, sum = 0;

      for (guint c = 0; c < n; c++)
        sum += MIN (min[c], mid);
      if (sum <= avail)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

static void
column_widths (LdTable   *table,
               LdMetrics *metrics,
               Row       *header,
               double     avail,
               double    *widths)
{
  guint n = table->n_columns;
  g_autofree double *min = g_new0 (double, n);
  g_autofree double *max = g_new0 (double, n);
  double sum_min = 0, sum_max = 0;

  for (guint r = 0; r <= table->rows->len; r++)
    {
      Row *row = r < table->rows->len ? &g_array_index (table->rows, Row, r) : header;

      if (row == NULL)
        continue;
      for (guint c = 0; c < n; c++)
        {
          double lo, hi;

          ld_text_measure (row->cells[c].text, metrics, &lo, &hi);
          /* A label column keeps its lines whole, up to a third of the page. */
          if ((table->flags[c] & LD_COLUMN_NOWRAP) != 0 && row != header)
            lo = MAX (lo, MIN (hi, avail / 3));
          min[c] = MAX (min[c], lo + 2 * CELL_PAD_X + 0.5);
          max[c] = MAX (max[c], hi + 2 * CELL_PAD_X + 0.5);
        }
    }
  for (guint c = 0; c < n; c++)
    {
      max[c] = MAX (max[c], min[c]);
      sum_min += min[c];
      sum_max += max[c];
    }

  if (sum_max <= avail)
    {
      for (guint c = 0; c < n; c++)
        widths[c] = table->full_width ? max[c] * avail / sum_max : max[c];
    }
  else if (sum_min <= avail)
    {
      g_autofree gboolean *whole = g_new0 (gboolean, n);
      double left = avail - sum_min, want = 0;

      /* Columns that need little more than their tokens ("ICEWarn bit",
       * a time, a code) get all of it, narrowest need first, so that only
       * the columns of sentences wrap. */
      for (;;)
        {
          int best = -1;

          for (guint c = 0; c < n; c++)
            if (!whole[c] && (best < 0 || max[c] - min[c] < max[best] - min[best]))
              best = (int) c;
          if (best < 0 || max[best] - min[best] > left * 0.25)
            break;
          whole[best] = TRUE;
          left -= max[best] - min[best];
        }
      for (guint c = 0; c < n; c++)
        if (!whole[c])
          want += max[c] - min[c];
      for (guint c = 0; c < n; c++)
        widths[c] = whole[c] ? max[c] : min[c] + (want > 0 ? (max[c] - min[c]) * left / want : 0);
    }
  else
    {
      double cap = water_level (min, n, avail);

      for (guint c = 0; c < n; c++)
        widths[c] = MIN (min[c], cap);
    }
}

static double
cell_line_height (LdTable   *table,
                  LdMetrics *metrics,
                  Cell      *cell)
{
  return ld_text_line_height (cell->text, metrics);
}

/* Height of the lines of @row still to draw, at most @max_lines each. */
static double
row_height (LdTable   *table,
            LdMetrics *metrics,
            Row       *row,
            guint      max_lines)
{
  double h = 0;

  for (guint c = 0; c < table->n_columns; c++)
    {
      Cell *cell = &row->cells[c];
      guint left = cell->lines->len - cell->done;

      h = MAX (h, MIN (left, max_lines) * cell_line_height (table, metrics, cell));
    }
  return h + 2 * CELL_PAD_Y;
}

/* Draws the lines of @row that fit in @height and returns TRUE when the
 * row is complete. */
static gboolean
draw_row (LdTypeset    *ts,
          LdTable      *table,
          Row          *row,
          const double *widths,
          double        height,
          const LdRgb  *background)
{
  LdMetrics *metrics = ld_typeset_get_metrics (ts);
  cairo_t *cr = ld_typeset_get_cairo (ts);
  double x = ld_typeset_get_left (ts);
  double y = ld_typeset_get_y (ts);
  double total = 0, drawn_h = 0;
  gboolean complete = TRUE;

  for (guint c = 0; c < table->n_columns; c++)
    total += widths[c];

  /* How many lines of each cell fit, and the height they take. */
  for (guint c = 0; c < table->n_columns; c++)
    {
      Cell *cell = &row->cells[c];
      double lh = cell_line_height (table, metrics, cell);
      guint fit = (guint) MAX ((height - 2 * CELL_PAD_Y + 0.01) / lh, 0);
      guint take = MIN (fit, cell->lines->len - cell->done);

      drawn_h = MAX (drawn_h, take * lh);
    }
  drawn_h += 2 * CELL_PAD_Y;

  if (background != NULL)
    {
      cairo_set_source_rgb (cr, background->r, background->g, background->b);
      cairo_rectangle (cr, x, y, total, drawn_h);
      cairo_fill (cr);
    }
  for (guint c = 0; c < table->n_columns; c++)
    {
      Cell *cell = &row->cells[c];
      double lh = cell_line_height (table, metrics, cell);
      guint fit = (guint) MAX ((height - 2 * CELL_PAD_Y + 0.01) / lh, 0);
      guint take = MIN (fit, cell->lines->len - cell->done);

      for (guint i = 0; i < take; i++)
        {
          const LdLine *line = &g_array_index (cell->lines, LdLine, cell->done + i);
          double lx = (table->flags[c] & LD_COLUMN_RIGHT) ? x + widths[c] - CELL_PAD_X - line->width
                                                          : x + CELL_PAD_X;

          ld_text_draw_line (cell->text, metrics, cr, line, lx, y + CELL_PAD_Y + i * lh, cell->color);
        }
      cell->done += take;
      if (cell->done < cell->lines->len)
        complete = FALSE;
      x += widths[c];
    }
  cairo_set_source_rgb (cr, ld_rgb_rule.r, ld_rgb_rule.g, ld_rgb_rule.b);
  cairo_rectangle (cr, ld_typeset_get_left (ts), y + drawn_h - 0.4, total, 0.4);
  cairo_fill (cr);
  ld_typeset_set_y (ts, y + drawn_h);
  return complete;
}

static void
break_row (LdTable   *table,
           LdMetrics *metrics,
           Row       *row,
           const double *widths)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_clear_pointer (&row->cells[c].lines, g_array_unref);
      row->cells[c].lines = ld_text_break (row->cells[c].text, metrics, widths[c] - 2 * CELL_PAD_X);
      row->cells[c].done = 0;
    }
}

static void
draw_header (LdTypeset    *ts,
             LdTable      *table,
             Row          *header,
             const double *widths)
{
  LdMetrics *metrics = ld_typeset_get_metrics (ts);

  for (guint c = 0; c < table->n_columns; c++)
    header->cells[c].done = 0;
  draw_row (ts, table, header, widths, row_height (table, metrics, header, G_MAXUINT), &ld_rgb_code_bg);
}

/**
 * ld_typeset_table:
 *
 * Sets @table at the current position: its header with at least its
 * first row (or two lines of it) on one page.
 */
void
ld_typeset_table (LdTypeset *ts,
                  LdTable   *table)
{
  LdMetrics *metrics = ld_typeset_get_metrics (ts);
  g_autofree double *widths = g_new0 (double, table->n_columns);
  Row header_row = { NULL };
  Row *header = NULL;
  double header_h = 0;

  if (table->header != NULL)
    {
      header_row.cells = g_new0 (Cell, table->n_columns);
      for (guint c = 0; c < table->n_columns; c++)
        {
          header_row.cells[c].text = ld_text_new (table->size);
          ld_text_append (header_row.cells[c].text, column_face (table, c, TRUE), NULL, table->header[c]);
          header_row.cells[c].color = column_color (table, c, TRUE);
        }
      header = &header_row;
    }

  column_widths (table, metrics, header, ld_typeset_get_width (ts), widths);
  if (header != NULL)
    {
      break_row (table, metrics, header, widths);
      header_h = row_height (table, metrics, header, G_MAXUINT);
    }
  for (guint r = 0; r < table->rows->len; r++)
    break_row (table, metrics, &g_array_index (table->rows, Row, r), widths);

  ld_typeset_begin_block (ts, header_h + (table->rows->len > 0 ?
                                          row_height (table, metrics, &g_array_index (table->rows, Row, 0), 2) : 0));
  if (header != NULL)
    draw_header (ts, table, header, widths);

  for (guint r = 0; r < table->rows->len; r++)
    {
      Row *row = &g_array_index (table->rows, Row, r);
      const LdRgb *bg = table->zebra && r % 2 == 1 ? &ld_rgb_zebra : NULL;
      double whole = row_height (table, metrics, row, G_MAXUINT);

      if (whole > ld_typeset_get_space_left (ts))
        {
          gboolean fits_a_page = whole <= ld_typeset_get_body_height (ts) - header_h;
          double two_lines = row_height (table, metrics, row, 2);

          /* Whole on the next page; a row taller than a page starts here
           * if two of its lines fit, and continues. */
          if (fits_a_page || two_lines > ld_typeset_get_space_left (ts))
            {
              ld_typeset_new_page (ts);
              if (header != NULL)
                draw_header (ts, table, header, widths);
            }
        }
      while (!draw_row (ts, table, row, widths, ld_typeset_get_space_left (ts), bg))
        {
          ld_typeset_new_page (ts);
          if (header != NULL)
            draw_header (ts, table, header, widths);
        }
    }
  if (header != NULL)
    row_clear (table, header);
}
