/* ld-report-typeset.h - a small typesetter for the PDF report: lines, pages, paragraphs, lists, tables, pictures
 *
 * Knows nothing of Lync: the report's content (ld-report-pdf*.c) says what
 * to set, this decides where it goes. ld-lines.c breaks text into lines,
 * ld-report-typeset.c places blocks on pages, ld-report-table.c sizes and
 * places tables.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-lines.h"

G_BEGIN_DECLS

/* ---- pages and blocks (ld-report-typeset.c) ------------------------------ */

typedef struct _LdTypeset LdTypeset;

/* Draws the running head and foot of @page (1-based) of @total (0 while
 * the total is not known yet). */
typedef void (*LdTypesetFurnitureFunc) (LdTypeset *ts,
                                        int        page,
                                        int        total,
                                        gpointer   user_data);

/* Draws a picture at the origin of @cr, in the picture's own units. */
typedef void (*LdTypesetDrawFunc) (cairo_t *cr,
                                   gpointer user_data);

typedef struct
{
  double        indent;          /* from the left margin, points */
  double        space_before;
  double        space_after;
  const LdRgb  *color;           /* default colour; NULL: text colour */
  const LdRgb  *background;      /* a tinted box behind the lines (code) */
  const LdRgb  *accent;          /* a bar down the box's left edge */
  double        pad;             /* inside the box */
  double        leading;         /* extra points between lines */
  gboolean      keep_with_next;  /* never the last thing on a page */
  const char   *marker;          /* list marker set in the gutter left of @indent */
  const char   *link;            /* an anchor the lines link to */
} LdBlockStyle;

LdTypeset  *ld_typeset_new            (cairo_surface_t        *surface,
                                       LdMetrics              *metrics,
                                       double                  page_width,
                                       double                  page_height,
                                       double                  margin_left,
                                       double                  margin_right,
                                       double                  margin_top,
                                       double                  margin_bottom);
void        ld_typeset_free           (LdTypeset              *ts);
void        ld_typeset_set_furniture  (LdTypeset              *ts,
                                       LdTypesetFurnitureFunc  func,
                                       gpointer                user_data);
void        ld_typeset_set_known      (LdTypeset              *ts,
                                       GHashTable             *anchors,
                                       int                     total_pages);
void        ld_typeset_set_final      (LdTypeset              *ts,
                                       gboolean                final);
gboolean    ld_typeset_is_final       (LdTypeset              *ts);
GHashTable *ld_typeset_get_anchors    (LdTypeset              *ts);
int         ld_typeset_lookup_anchor  (LdTypeset              *ts,
                                       const char             *name);
void        ld_typeset_anchor         (LdTypeset              *ts,
                                       const char             *name);
void        ld_typeset_finish         (LdTypeset              *ts);

cairo_t    *ld_typeset_get_cairo      (LdTypeset              *ts);
LdMetrics  *ld_typeset_get_metrics    (LdTypeset              *ts);
int         ld_typeset_get_page       (LdTypeset              *ts);
double      ld_typeset_get_y          (LdTypeset              *ts);
void        ld_typeset_set_y          (LdTypeset              *ts,
                                       double                  y);
double      ld_typeset_get_left       (LdTypeset              *ts);
double      ld_typeset_get_width      (LdTypeset              *ts);
double      ld_typeset_get_bottom     (LdTypeset              *ts);
double      ld_typeset_get_page_width (LdTypeset              *ts);
double      ld_typeset_get_page_height (LdTypeset             *ts);
double      ld_typeset_get_space_left (LdTypeset              *ts);
double      ld_typeset_get_body_height (LdTypeset             *ts);
gboolean    ld_typeset_at_page_top    (LdTypeset              *ts);

void        ld_typeset_new_page       (LdTypeset              *ts);
void        ld_typeset_space          (LdTypeset              *ts,
                                       double                  points);
void        ld_typeset_ensure         (LdTypeset              *ts,
                                       double                  height);
void        ld_typeset_flush          (LdTypeset              *ts);

void        ld_typeset_heading        (LdTypeset              *ts,
                                       int                     level,
                                       const char             *text,
                                       const char             *anchor);
void        ld_typeset_text           (LdTypeset              *ts,
                                       LdText                 *text,
                                       const LdBlockStyle     *style);
void        ld_typeset_paragraph      (LdTypeset              *ts,
                                       const char             *str,
                                       LdFace                  face,
                                       double                  size,
                                       const LdBlockStyle     *style);
double      ld_typeset_measure        (LdTypeset              *ts,
                                       LdText                 *text,
                                       const LdBlockStyle     *style);
void        ld_typeset_rule           (LdTypeset              *ts,
                                       const LdRgb            *color,
                                       double                  thickness);
void        ld_typeset_picture        (LdTypeset              *ts,
                                       double                  width,
                                       double                  height,
                                       double                  scale,
                                       LdTypesetDrawFunc       draw,
                                       gpointer                user_data);
void        ld_typeset_sliced_picture (LdTypeset              *ts,
                                       double                  width,
                                       double                  scale,
                                       double                  header_height,
                                       const double           *row_tops,
                                       guint                   n_rows,
                                       double                  total_height,
                                       LdTypesetDrawFunc       draw,
                                       gpointer                user_data);
void        ld_typeset_begin_block    (LdTypeset              *ts,
                                       double                  first_height);

/* ---- tables (ld-report-table.c) ------------------------------------------ */

typedef struct _LdTable LdTable;

typedef enum
{
  LD_COLUMN_WRAP = 0,
  LD_COLUMN_RIGHT = 1 << 0,     /* numbers */
  LD_COLUMN_MONO = 1 << 1,
  LD_COLUMN_MUTED = 1 << 2,     /* labels of a key/value table */
  LD_COLUMN_BOLD = 1 << 3,
  LD_COLUMN_NOWRAP = 1 << 4,    /* short labels: as wide as their longest line */
} LdColumnFlags;

LdTable    *ld_table_new              (guint                   n_columns,
                                       double                  size);
void        ld_table_free             (LdTable                *table);
void        ld_table_set_column       (LdTable                *table,
                                       guint                   column,
                                       LdColumnFlags           flags);
void        ld_table_set_header       (LdTable                *table,
                                       const char * const     *cells);
void        ld_table_set_zebra        (LdTable                *table,
                                       gboolean                zebra);
void        ld_table_set_full_width   (LdTable                *table,
                                       gboolean                full_width);
void        ld_table_add_row          (LdTable                *table,
                                       const char * const     *cells,
                                       const LdRgb * const    *colors);
guint       ld_table_get_n_rows       (LdTable                *table);
void        ld_typeset_table          (LdTypeset              *ts,
                                       LdTable                *table);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdTable, ld_table_free)

/* Colours of the report. */
extern const LdRgb ld_rgb_text;
extern const LdRgb ld_rgb_muted;
extern const LdRgb ld_rgb_rule;
extern const LdRgb ld_rgb_code_bg;
extern const LdRgb ld_rgb_zebra;
extern const LdRgb ld_rgb_error;
extern const LdRgb ld_rgb_warning;
extern const LdRgb ld_rgb_info;
extern const LdRgb ld_rgb_ok;
extern const LdRgb ld_rgb_white;

G_END_DECLS
