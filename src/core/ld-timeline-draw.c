/* ld-timeline-draw.c - drawing the timeline with cairo: lanes, axis, hatched breaks, attempts
 *
 * The GUI's timeline widget and the PDF report both draw through
 * ld_timeline_draw(), so that both show the same picture; where things
 * are (ld-timeline.c) is worked out before.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "ld-format.h"
#include "ld-timeline-private.h"

typedef struct
{
  double r, g, b;
} Rgb;

static Rgb
item_color (const Item *item,
            gboolean    dark)
{
  /* Not known yet: a neutral blue that none of the outcomes uses. */
  if (item->pending)
    return dark ? (Rgb) { 0.47, 0.68, 0.93 } : (Rgb) { 0.21, 0.52, 0.89 };
  /* The GNOME palette: green/red/grey/yellow read the same in both styles. */
  switch (item->outcome)
    {
    case LD_OUTCOME_SUCCEEDED:
      return dark ? (Rgb) { 0.34, 0.89, 0.54 } : (Rgb) { 0.15, 0.64, 0.41 };
    case LD_OUTCOME_FAILED:
      return dark ? (Rgb) { 1.00, 0.48, 0.39 } : (Rgb) { 0.88, 0.11, 0.14 };
    case LD_OUTCOME_NO_RESPONSE:
      return dark ? (Rgb) { 0.97, 0.78, 0.25 } : (Rgb) { 0.90, 0.65, 0.04 };
    case LD_OUTCOME_CANCELLED:
    default:
      return dark ? (Rgb) { 0.75, 0.75, 0.74 } : (Rgb) { 0.60, 0.60, 0.59 };
    }
}

static void
set_font (PangoLayout *layout,
          const char  *family,
          gboolean     bold)
{
  PangoFontDescription *desc = pango_font_description_new ();

  pango_font_description_set_family (desc, family);
  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_font_description_set_size (desc, 9 * PANGO_SCALE);
  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
}

static void
draw_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y,
           double       max_width,
           gboolean     bold)
{
  PangoFontDescription *desc = pango_font_description_copy (pango_layout_get_font_description (layout));

  pango_font_description_set_weight (desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text, -1);
  pango_layout_set_width (layout, max_width > 0 ? (int) (max_width * PANGO_SCALE) : -1);
  pango_layout_set_ellipsize (layout, max_width > 0 ? PANGO_ELLIPSIZE_END : PANGO_ELLIPSIZE_NONE);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
text_width (PangoLayout *layout,
            const char  *text)
{
  int w, h;

  pango_layout_set_width (layout, -1);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  return w;
}

/* Clock time normally; the date where a tick falls on midnight or the
 * ticks are days apart, so a week-long log does not read "00:00:00". */
static char *
format_tick (gint64   t,
             double   step,
             gboolean with_date)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (t / 1000);

  if (dt == NULL)
    return g_strdup ("");
  if (step >= 86400000 || t % 86400000 == 0)
    return g_date_time_format (dt, "%Y-%m-%d");
  if (with_date)
    return g_date_time_format (dt, step >= 60000 ? "%Y-%m-%d %H:%M" : "%Y-%m-%d %H:%M:%S");
  if (step >= 60000)
    return g_date_time_format (dt, "%H:%M");
  if (step < 1000)
    {
      g_autofree char *hms = g_date_time_format (dt, "%H:%M:%S");
      return g_strdup_printf ("%s.%03d", hms, (int) (((t % 1000) + 1000) % 1000));
    }
  return g_date_time_format (dt, "%H:%M:%S");
}

static double
pick_step (double px_per_ms)
{
  static const double steps[] = {
    1, 2, 5, 10, 20, 50, 100, 200, 500,
    1000, 2000, 5000, 10000, 15000, 30000,
    60000, 120000, 300000, 600000, 900000, 1800000,
    3600000, 7200000, 21600000, 43200000, 86400000,
  };

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * px_per_ms >= 90)
      return steps[i];
  return steps[G_N_ELEMENTS (steps) - 1];
}

/* One tile of the hatching of skipped time: a line at 45 degrees every
 * HATCH_STEP units, and the corners of its neighbours, so that tiles side
 * by side draw unbroken lines. A recording, not an image: in a PDF the
 * hatching stays vector; on screen it is made once a frame and repeated. */
#define HATCH_STEP 6.0

static cairo_pattern_t *
hatch_pattern_new (double plot_x,
                   double fg_r,
                   double fg_g,
                   double fg_b)
{
  cairo_surface_t *tile = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                                          &(cairo_rectangle_t) { 0, 0, HATCH_STEP, HATCH_STEP });
  cairo_t *tcr = cairo_create (tile);
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;

  cairo_set_source_rgba (tcr, fg_r, fg_g, fg_b, 0.10);
  cairo_set_line_width (tcr, 1);
  for (int k = 0; k <= 2; k++)
    {
      /* The line x + y = k * HATCH_STEP, a little past the tile. */
      cairo_move_to (tcr, k * HATCH_STEP - HATCH_STEP - 1, HATCH_STEP + 1);
      cairo_line_to (tcr, k * HATCH_STEP + 1, -1);
    }
  cairo_stroke (tcr);
  cairo_destroy (tcr);

  pattern = cairo_pattern_create_for_surface (tile);
  cairo_surface_destroy (tile);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_REPEAT);
  /* Lines where x + y - plot_x is a multiple of the step, wherever the
   * bands are. */
  cairo_matrix_init_translate (&matrix, -plot_x, 0);
  cairo_pattern_set_matrix (pattern, &matrix);
  return pattern;
}

/* Skipped time is a hatched band. All the breaks are filled at once with
 * a repeated tile of hatching, and breaks closer than a pixel merge: a
 * day-long busy log has thousands of them, and the cost must follow the
 * pixels drawn, not the breaks. (Stroked across the plot and clipped to
 * the breaks, the hatching's lines were most of a frame that drew the
 * loading page's timeline of a 500 MB log: 12-23 ms of painting, 4-10 ms
 * with the tile; the picture is the same to within a few edge pixels.) */
static void
draw_gaps (LdTimeline *self,
           cairo_t    *cr,
           double      plot_x,
           double      plot_w,
           double      height,
           double      fg_r,
           double      fg_g,
           double      fg_b)
{
  double run0 = 0, run1 = -1;
  gboolean any = FALSE;

  cairo_save (cr);
  cairo_new_path (cr);
  for (guint i = 0; i <= self->segments->len; i++)
    {
      const Segment *s = i < self->segments->len ? &g_array_index (self->segments, Segment, i) : NULL;
      double x0 = 0, x1 = 0;

      if (s != NULL)
        {
          if (!s->gap)
            continue;
          x0 = MAX (_ld_timeline_axis_to_x (self, s->a0, plot_x, plot_w), plot_x);
          x1 = MIN (_ld_timeline_axis_to_x (self, s->a1, plot_x, plot_w), plot_x + plot_w);
          if (x1 <= x0)
            continue;
          if (run1 >= run0 && x0 <= run1 + 1)
            {
              run1 = MAX (run1, x1);
              continue;
            }
        }
      if (run1 >= run0)
        {
          cairo_rectangle (cr, run0, HEADER_HEIGHT, MAX (run1 - run0, 1), height - HEADER_HEIGHT);
          any = TRUE;
        }
      run0 = x0;
      run1 = x1;
      if (s == NULL)
        break;
    }
  if (any)
    {
      cairo_pattern_t *hatch = hatch_pattern_new (plot_x, fg_r, fg_g, fg_b);

      cairo_set_source (cr, hatch);
      cairo_fill (cr);
      cairo_pattern_destroy (hatch);
    }
  cairo_new_path (cr);
  cairo_restore (cr);
}

static void
draw_axis (LdTimeline  *self,
           cairo_t     *cr,
           PangoLayout *layout,
           double       plot_x,
           double       plot_w,
           double       height,
           double       fg_r,
           double       fg_g,
           double       fg_b)
{
  double px_per_ms = plot_w / ((self->to - self->from) * self->total);
  double step = pick_step (px_per_ms);
  /* Labels never overlap: one starts only right of where the last ended,
   * however many segments share the pixels. */
  double label_end = -G_MAXDOUBLE;
  /* The day of the last label: the next label on another day gets the date. */
  gint64 label_day = G_MININT64, day;

  draw_gaps (self, cr, plot_x, plot_w, height, fg_r, fg_g, fg_b);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *s = &g_array_index (self->segments, Segment, i);
      double x0 = _ld_timeline_axis_to_x (self, s->a0, plot_x, plot_w);
      double x1 = _ld_timeline_axis_to_x (self, s->a1, plot_x, plot_w);

      if (x1 < plot_x || x0 > plot_x + plot_w)
        continue;

      if (s->gap)
        continue;

      /* A stretch on another day that no tick falls in (a few minutes
       * between two breaks) says its date where it starts. */
      day = _ld_timeline_floor_day (s->t0);
      /* Where the label would start at the most: a label that cannot
       * start right of the last one is not made, nor measured (a week-long
       * log has thousands of stretches between breaks, most of them
       * under the last label). */
      if (self->many_days && day != label_day && ceil (s->t0 / step) * step > s->t1 &&
          MAX (x0, plot_x) + 1 > label_end)
        {
          g_autofree char *label = format_tick (s->t0 - s->t0 % 60000, 60000, TRUE);
          double w = text_width (layout, label);
          double lx = MAX (x0, plot_x) + 1;

          if (lx + w + 4 >= plot_x + plot_w)
            lx = plot_x + plot_w - w - 4;
          if (lx > label_end)
            {
              cairo_set_source_rgba (cr, fg_r, fg_g, fg_b, 0.7);
              draw_text (cr, layout, label, lx, 5, -1, FALSE);
              label_end = lx + w + 8;
              label_day = day;
            }
        }

      for (double t = ceil (s->t0 / step) * step; t <= s->t1; t += step)
        {
          double x = _ld_timeline_axis_to_x (self, _ld_timeline_time_to_axis (self, (gint64) t), plot_x, plot_w);
          g_autofree char *label = NULL;
          double w, lx;

          if (x < plot_x || x > plot_x + plot_w)
            continue;
          cairo_set_source_rgba (cr, fg_r, fg_g, fg_b, 0.12);
          cairo_rectangle (cr, floor (x), HEADER_HEIGHT - 4, 1, height - HEADER_HEIGHT + 4);
          cairo_fill (cr);
          if (x + 3 <= label_end)
            continue;
          day = _ld_timeline_floor_day ((gint64) t);
          label = format_tick ((gint64) t, step, self->many_days && step < 86400000 && day != label_day);
          w = text_width (layout, label);
          lx = x + 3;
          /* Near the right edge a label ends at its tick instead. */
          if (lx + w + 4 >= plot_x + plot_w)
            lx = x - 3 - w;
          if (lx + w + 4 < plot_x + plot_w && lx > label_end && lx >= plot_x)
            {
              cairo_set_source_rgba (cr, fg_r, fg_g, fg_b, 0.7);
              draw_text (cr, layout, label, lx, 5, -1, FALSE);
              label_end = lx + w + 8;
              label_day = day;
            }
        }
    }
}

/* Each left-out stretch says how long it was: a label on top of its
 * band, under the axis, as long as it does not cover the label before. */
static int
compare_gap_length_desc (gconstpointer a,
                         gconstpointer b,
                         gpointer      data)
{
  LdTimeline *self = data;
  const Segment *x = &g_array_index (self->segments, Segment, *(const guint *) a);
  const Segment *y = &g_array_index (self->segments, Segment, *(const guint *) b);
  gint64 lx = x->t1 - x->t0, ly = y->t1 - y->t0;

  return lx > ly ? -1 : lx < ly;
}

/* The longest stretches are labelled first, where labels would overlap:
 * a year between two logs matters more than a minute. Labels never
 * overlap, so at most a few dozen are placed and each candidate is
 * checked against those. */
static void
draw_gap_labels (LdTimeline  *self,
                 cairo_t     *cr,
                 PangoLayout *layout,
                 double       plot_x,
                 double       plot_w,
                 gboolean     dark,
                 double       fg)
{
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) placed = g_array_new (FALSE, FALSE, sizeof (double) * 2);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *s = &g_array_index (self->segments, Segment, i);
      double x0, x1;

      if (!s->gap)
        continue;
      x0 = MAX (_ld_timeline_axis_to_x (self, s->a0, plot_x, plot_w), plot_x);
      x1 = MIN (_ld_timeline_axis_to_x (self, s->a1, plot_x, plot_w), plot_x + plot_w);
      /* Thousands of breaks are a pixel wide each when a busy log is seen
       * whole: a label only where its band can be seen. */
      if (x1 - x0 >= 3)
        g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_gap_length_desc, self);
  for (guint k = 0; k < order->len; k++)
    {
      const Segment *s = &g_array_index (self->segments, Segment, g_array_index (order, guint, k));
      double x0 = MAX (_ld_timeline_axis_to_x (self, s->a0, plot_x, plot_w), plot_x);
      double x1 = MIN (_ld_timeline_axis_to_x (self, s->a1, plot_x, plot_w), plot_x + plot_w);
      g_autofree char *dur = _ld_timeline_dup_gap_length (s->t1 - s->t0);
      double w = text_width (layout, dur);
      double lx = CLAMP ((x0 + x1) / 2 - w / 2, plot_x, plot_x + plot_w - w);
      gboolean free = TRUE;
      int tw, th;

      for (guint p = 0; p < placed->len && free; p++)
        {
          const double *iv = &g_array_index (placed, double, p * 2);

          free = lx + w + 6 <= iv[0] || lx >= iv[1];
        }
      if (!free)
        continue;
      {
        double iv[2] = { lx, lx + w + 6 };

        g_array_append_vals (placed, iv, 1);
      }
      pango_layout_get_pixel_size (layout, &tw, &th);
      cairo_set_source_rgba (cr, dark ? 0.15 : 1.0, dark ? 0.15 : 1.0, dark ? 0.15 : 1.0, 0.85);
      cairo_rectangle (cr, lx - 2, HEADER_HEIGHT + 1, w + 4, th);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg, fg, fg, 0.8);
      draw_text (cr, layout, dur, lx, HEADER_HEIGHT + 1, -1, FALSE);
      if (placed->len > 200)
        break;
    }
}

/* A bar's ends on screen; a short attempt is at least a 4 px mark. */
static void
item_extent (LdTimeline *self,
             const Item *item,
             double      plot_x,
             double      plot_w,
             double     *x0,
             double     *x1)
{
  *x0 = _ld_timeline_axis_to_x (self, item->a0, plot_x, plot_w);
  *x1 = _ld_timeline_axis_to_x (self, item->a1, plot_x, plot_w);
  if (*x1 - *x0 < 4)
    {
      double mid = (*x0 + *x1) / 2;

      *x0 = mid - 2;
      *x1 = mid + 2;
    }
}

static int
item_color_key (const Item *item)
{
  return item->pending ? -1 : (int) item->outcome;
}

static void
draw_item (LdTimeline  *self,
           cairo_t     *cr,
           PangoLayout *layout,
           const Item  *item,
           double       x0,
           double       x1,
           double       lane_h,
           gboolean     dark,
           double       fg)
{
  double y = HEADER_HEIGHT + _ld_timeline_lane_row (self, item->lane) * lane_h + lane_h * 0.2;
  double h = lane_h * 0.6;
  Rgb c = item_color (item, dark);

  cairo_set_source_rgba (cr, c.r, c.g, c.b, item->id == self->hover ? 1.0 : 0.85);
  cairo_rectangle (cr, x0, y, x1 - x0, h);
  cairo_fill (cr);

  if (item->id == self->selected)
    {
      cairo_set_source_rgb (cr, fg, fg, fg);
      cairo_set_line_width (cr, 2);
      cairo_rectangle (cr, x0 - 2, y - 2, x1 - x0 + 4, h + 4);
      cairo_stroke (cr);
    }

  if (x1 - x0 > 28)
    {
      g_autofree char *label = g_strdup_printf ("%u", item->id);

      cairo_set_source_rgb (cr, dark ? 0.1 : 1.0, dark ? 0.1 : 1.0, dark ? 0.1 : 1.0);
      draw_text (cr, layout, label, x0 + 4, y + h / 2 - 8, x1 - x0 - 6, TRUE);
    }
}

/* Touching bars of one lane and colour, one rectangle. */
typedef struct
{
  double x0, x1;
  int    key;     /* item_color_key() */
} Run;

/* The colours in the order they are filled: a failure is drawn last, on
 * top of any bar it shares a pixel with. */
static const int fill_order[] = { -1, LD_OUTCOME_SUCCEEDED, LD_OUTCOME_CANCELLED, LD_OUTCOME_NO_RESPONSE,
                                  LD_OUTCOME_FAILED };

static guint
fill_slot (int key)
{
  for (guint i = 0; i < G_N_ELEMENTS (fill_order); i++)
    if (fill_order[i] == key)
      return i;
  return 0;
}

typedef struct
{
  double x, y, w, h;
} Box;

/* Adds @run's rectangle to those of its colour, filled together later:
 * one fill a colour instead of one a run, which on a busy log of
 * alternating outcomes was one a bar. */
static void
flush_run (LdTimeline *self,
           GArray    **boxes,
           Run        *run,
           guint       lane,
           double      lane_h)
{
  Box b;

  if (run->x1 == -G_MAXDOUBLE)
    return;
  b.x = run->x0;
  b.y = HEADER_HEIGHT + _ld_timeline_lane_row (self, lane) * lane_h + lane_h * 0.2;
  b.w = run->x1 - run->x0;
  b.h = lane_h * 0.6;
  g_array_append_val (boxes[fill_slot (run->key)], b);
  run->x1 = -G_MAXDOUBLE;
}

static void
fill_boxes (cairo_t  *cr,
            GArray  **boxes,
            gboolean  dark)
{
  for (guint k = 0; k < G_N_ELEMENTS (fill_order); k++)
    {
      Item colour = { 0 };
      Rgb c;

      if (boxes[k]->len == 0)
        continue;
      colour.pending = fill_order[k] < 0;
      colour.outcome = fill_order[k] < 0 ? LD_OUTCOME_SUCCEEDED : (LdOutcome) fill_order[k];
      c = item_color (&colour, dark);
      cairo_set_source_rgba (cr, c.r, c.g, c.b, 0.85);
      for (guint i = 0; i < boxes[k]->len; i++)
        {
          const Box *b = &g_array_index (boxes[k], Box, i);

          cairo_rectangle (cr, b->x, b->y, b->w, b->h);
        }
      cairo_fill (cr);
    }
}

/**
 * ld_timeline_draw:
 * @cr: where to draw; the caller paints the background
 * @dark: use colours for a dark background
 *
 * Draws the lanes, the time axis and every attempt in the current view.
 */
void
ld_timeline_draw (LdTimeline *self,
                  cairo_t    *cr,
                  double      width,
                  double      height,
                  gboolean    dark)
{
  g_autoptr(PangoLayout) layout = NULL;
  double fg = dark ? 0.93 : 0.13;
  double lane_h = _ld_timeline_lane_height (self, height);
  double plot_x = LABEL_WIDTH, plot_w = MAX (width - LABEL_WIDTH - 8, 10);
  guint n_lanes = _ld_timeline_n_visible_lanes (self);

  g_return_if_fail (self != NULL);

  cairo_save (cr);
  layout = pango_cairo_create_layout (cr);
  set_font (layout, self->font, FALSE);

  for (guint lane = 0, row = 0; lane < LD_TIMELINE_N_LANES; lane++)
    {
      double y = HEADER_HEIGHT + row * lane_h;

      if (!_ld_timeline_lane_is_drawn (self, lane))
        continue;
      if (row++ % 2 == 0)
        {
          cairo_set_source_rgba (cr, fg, fg, fg, 0.05);
          cairo_rectangle (cr, 0, y, width, lane_h);
          cairo_fill (cr);
        }
      cairo_set_source_rgba (cr, fg, fg, fg, (self->lanes_used & (1u << lane)) ? 0.85 : 0.45);
      draw_text (cr, layout, ld_timeline_lane_to_string (lane), 8, y + lane_h / 2 - 8, LABEL_WIDTH - 14, FALSE);
    }

  cairo_save (cr);
  cairo_rectangle (cr, plot_x, 0, plot_w, height);
  cairo_clip (cr);
  draw_axis (self, cr, layout, plot_x, plot_w, HEADER_HEIGHT + n_lanes * lane_h, fg, fg, fg);

  /* Bars of one lane and colour that touch are one rectangle, and the
   * rectangles of a colour are filled at once: seen whole, thousands of
   * attempts share a few hundred pixels. Bars wide enough for a label go
   * on top of those, and the hovered and the selected attempt on top of
   * everything, on their own. */
  {
    Run runs[LD_TIMELINE_N_LANES];
    GArray *boxes[G_N_ELEMENTS (fill_order)];
    g_autoptr(GArray) wide = g_array_new (FALSE, FALSE, sizeof (guint));

    for (guint k = 0; k < G_N_ELEMENTS (fill_order); k++)
      boxes[k] = g_array_new (FALSE, FALSE, sizeof (Box));
    for (guint lane = 0; lane < LD_TIMELINE_N_LANES; lane++)
      runs[lane].x1 = -G_MAXDOUBLE;
    for (guint i = 0; i < self->items->len; i++)
      {
        const Item *item = &g_array_index (self->items, Item, i);
        Run *run = &runs[item->lane];
        double x0, x1;
        int key = item_color_key (item);

        if (item->id == self->hover || item->id == self->selected)
          continue;
        item_extent (self, item, plot_x, plot_w, &x0, &x1);
        if (x1 < plot_x - 4 || x0 > plot_x + plot_w + 4)
          continue;
        if (x1 - x0 > 28)
          {
            g_array_append_val (wide, i);
            continue;
          }
        if (run->x1 > -G_MAXDOUBLE && run->key == key && x0 <= run->x1 + 0.5)
          {
            run->x1 = MAX (run->x1, x1);
            continue;
          }
        flush_run (self, boxes, run, item->lane, lane_h);
        run->x0 = x0;
        run->x1 = x1;
        run->key = key;
      }
    for (guint lane = 0; lane < LD_TIMELINE_N_LANES; lane++)
      flush_run (self, boxes, &runs[lane], lane, lane_h);
    fill_boxes (cr, boxes, dark);
    for (guint k = 0; k < G_N_ELEMENTS (fill_order); k++)
      g_array_unref (boxes[k]);
    for (guint w = 0; w < wide->len; w++)
      {
        const Item *item = &g_array_index (self->items, Item, g_array_index (wide, guint, w));
        double x0, x1;

        item_extent (self, item, plot_x, plot_w, &x0, &x1);
        draw_item (self, cr, layout, item, x0, x1, lane_h, dark, fg);
      }
  }
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double x0, x1;

      if (item->id != self->hover && item->id != self->selected)
        continue;
      item_extent (self, item, plot_x, plot_w, &x0, &x1);
      if (x1 < plot_x - 4 || x0 > plot_x + plot_w + 4)
        continue;
      draw_item (self, cr, layout, item, x0, x1, lane_h, dark, fg);
    }
  draw_gap_labels (self, cr, layout, plot_x, plot_w, dark, fg);
  cairo_restore (cr);

  if (self->items->len == 0)
    {
      const char *text = _("No conference joins or calls in this log");

      cairo_set_source_rgba (cr, fg, fg, fg, 0.6);
      draw_text (cr, layout, text, plot_x + plot_w / 2 - text_width (layout, text) / 2,
                 HEADER_HEIGHT + n_lanes * lane_h / 2 - 8, -1, FALSE);
    }

  cairo_set_source_rgba (cr, fg, fg, fg, 0.25);
  cairo_rectangle (cr, 0, HEADER_HEIGHT - 1, width, 1);
  cairo_fill (cr);
  cairo_restore (cr);
}
