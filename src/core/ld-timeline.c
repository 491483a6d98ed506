/* ld-timeline.c - join attempts on a time axis: layout, drawing and hit-testing with cairo
 *
 * The GUI's timeline widget and the PDF report draw through this file so
 * that both show the same picture. Quiet stretches are left out and drawn
 * as hatched bands marked with their length; when the attempts span
 * midnight, the axis says the date where each day starts.
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
#include "ld-timeline.h"

/* A day-long log holds minutes of activity separated by hours of quiet;
 * quiet stretches longer than this are drawn as a narrow break. */
#define GAP_THRESHOLD_MS 30000
/* Context kept around every busy stretch, so a 400 ms attempt is not
 * glued to the edge of its break. */
#define BUSY_PADDING_MS  1500
#define LABEL_WIDTH      150.0
#define HEADER_HEIGHT    26.0
#define MIN_LANE_HEIGHT  20.0
#define MAX_LANE_HEIGHT  40.0
#define MIN_VIEW_MS      50.0

typedef struct
{
  gint64   t0, t1;     /* log time */
  double   a0, a1;     /* axis units */
  gboolean gap;
} Segment;

/* What is drawn of an attempt, copied so that a final attempt and an
 * early one (still being read, no outcome yet) lay out alike. */
typedef struct
{
  guint           id;
  gint64          start, end;
  LdOutcome       outcome;
  gboolean        pending;
  LdTimelineLane  lane;
  double          a0, a1;
} Item;

struct _LdTimeline
{
  char       *font;        /* family of the labels */
  guint       max_gaps;    /* 0: every quiet stretch longer than GAP_THRESHOLD_MS */
  gboolean    many_days;   /* the attempts span midnight */
  LdAnalysis *analysis;    /* NULL for early attempts */
  GPtrArray  *early;       /* LdEarlyAttempt, for summaries; or NULL */
  guint       n_early;     /* how many of them are laid out */
  GArray     *items;       /* Item, in order of start */
  GArray     *segments;    /* Segment, contiguous */
  double      total;       /* axis length */
  double      from, to;    /* view, fractions of total */
  guint       selected;
  guint       hover;
  guint       lanes_used;  /* bit per LdTimelineLane */
  gboolean    used_only;   /* draw only the lanes that hold attempts */
};

static LdTimelineLane
lane_for (LdAttemptKind kind,
          LdModality    modality)
{
  switch (kind)
    {
    case LD_ATTEMPT_PEER_TO_PEER: return LD_TIMELINE_LANE_PEER_TO_PEER;
    case LD_ATTEMPT_SIGN_IN: return LD_TIMELINE_LANE_SIGN_IN;
    case LD_ATTEMPT_SUBSCRIPTION: return LD_TIMELINE_LANE_SUBSCRIPTION;
    case LD_ATTEMPT_SERVICE: return LD_TIMELINE_LANE_SERVICE;
    case LD_ATTEMPT_MESSAGE: return LD_TIMELINE_LANE_MESSAGE;
    case LD_ATTEMPT_INFO: return LD_TIMELINE_LANE_INFO;
    case LD_ATTEMPT_REFER: return LD_TIMELINE_LANE_REFER;
    case LD_ATTEMPT_OPTIONS: return LD_TIMELINE_LANE_OPTIONS;
    case LD_ATTEMPT_PUBLISH: return LD_TIMELINE_LANE_PUBLISH;
    case LD_ATTEMPT_OTHER:
    case LD_ATTEMPT_N_KINDS: return LD_TIMELINE_LANE_OTHER;
    case LD_ATTEMPT_CONFERENCE:
    default: break;
    }
  switch (modality)
    {
    case LD_MODALITY_FOCUS:
      return LD_TIMELINE_LANE_FOCUS;
    case LD_MODALITY_CHAT:
      return LD_TIMELINE_LANE_CHAT;
    case LD_MODALITY_AUDIO_VIDEO:
    case LD_MODALITY_AUDIO:
    case LD_MODALITY_VIDEO:
      return LD_TIMELINE_LANE_AUDIO_VIDEO;
    case LD_MODALITY_APPLICATION_SHARING:
      return LD_TIMELINE_LANE_SHARING;
    case LD_MODALITY_DATA:
    case LD_MODALITY_OTHER:
    default:
      return LD_TIMELINE_LANE_OTHER;
    }
}

LdTimelineLane
ld_timeline_lane_for_attempt (const LdAttempt *attempt)
{
  return lane_for (attempt->kind, attempt->modality);
}

const char *
ld_timeline_lane_to_string (LdTimelineLane lane)
{
  switch (lane)
    {
    case LD_TIMELINE_LANE_FOCUS:        return _("Conference focus");
    case LD_TIMELINE_LANE_CHAT:         return _("Chat");
    case LD_TIMELINE_LANE_AUDIO_VIDEO:  return _("Audio / video");
    case LD_TIMELINE_LANE_SHARING:      return _("Screen sharing");
    case LD_TIMELINE_LANE_PEER_TO_PEER: return _("Peer-to-peer");
    case LD_TIMELINE_LANE_SIGN_IN:      return _("Sign-in");
    case LD_TIMELINE_LANE_SUBSCRIPTION: return _("Subscriptions");
    case LD_TIMELINE_LANE_SERVICE:      return _("SERVICE requests");
    case LD_TIMELINE_LANE_MESSAGE:      return _("MESSAGE");
    case LD_TIMELINE_LANE_INFO:         return _("INFO");
    case LD_TIMELINE_LANE_REFER:        return _("REFER");
    case LD_TIMELINE_LANE_OPTIONS:      return _("OPTIONS");
    case LD_TIMELINE_LANE_PUBLISH:      return _("PUBLISH");
    case LD_TIMELINE_LANE_OTHER:
    case LD_TIMELINE_N_LANES:
    default:                            return _("Other");
    }
}

static gint64
item_end (const Item *item)
{
  return MAX (item->end, item->start);
}

/* Log times are wall-clock milliseconds counted as if UTC. */
static gint64
floor_day (gint64 t)
{
  return t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
}

static double
time_to_axis (LdTimeline *self,
              gint64      t)
{
  guint lo = 0, hi = self->segments->len;

  if (hi == 0)
    return 0;
  while (lo + 1 < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (self->segments, Segment, mid).t0 <= t)
        lo = mid;
      else
        hi = mid;
    }
  {
    const Segment *s = &g_array_index (self->segments, Segment, lo);

    if (s->t1 == s->t0)
      return s->a0;
    return s->a0 + (double) (CLAMP (t, s->t0, s->t1) - s->t0) * (s->a1 - s->a0) / (double) (s->t1 - s->t0);
  }
}

static int
compare_gint64_desc (gconstpointer a,
                     gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x > y ? -1 : x < y;
}

static void
build_segments (LdTimeline *self)
{
  GArray *busy = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  double busy_total = 0, gap_width, a = 0;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      gint64 s = item->start - BUSY_PADDING_MS;
      gint64 e = item_end (item) + BUSY_PADDING_MS;

      if (busy->len > 0)
        {
          gint64 *last = &g_array_index (busy, gint64, (busy->len - 1) * 2);

          if (s <= last[1] + GAP_THRESHOLD_MS)
            {
              last[1] = MAX (last[1], e);
              continue;
            }
        }
      {
        gint64 pair[2] = { s, e };
        g_array_append_vals (busy, pair, 1);
      }
    }

  /* At most max_gaps breaks, the longest: the shorter quiet stretches
   * are drawn to scale, and each break keeps room for its length. */
  if (self->max_gaps > 0 && busy->len > self->max_gaps + 1)
    {
      g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gint64));
      gint64 keep_from;
      guint n = 0;

      for (guint i = 1; i < busy->len; i++)
        {
          gint64 len = g_array_index (busy, gint64, i * 2) - g_array_index (busy, gint64, (i - 1) * 2 + 1);

          g_array_append_val (lengths, len);
        }
      g_array_sort (lengths, compare_gint64_desc);
      keep_from = g_array_index (lengths, gint64, self->max_gaps - 1);
      for (guint i = 0; i < busy->len; i++)
        {
          gint64 *pair = &g_array_index (busy, gint64, i * 2);

          if (n > 0)
            {
              gint64 *last = &g_array_index (busy, gint64, (n - 1) * 2);

              if (pair[0] - last[1] < keep_from || (pair[0] - last[1] == keep_from && n > self->max_gaps))
                {
                  last[1] = MAX (last[1], pair[1]);
                  continue;
                }
            }
          g_array_index (busy, gint64, n * 2) = pair[0];
          g_array_index (busy, gint64, n * 2 + 1) = pair[1];
          n++;
        }
      g_array_set_size (busy, n);
    }

  for (guint i = 0; i < busy->len; i++)
    {
      gint64 *pair = &g_array_index (busy, gint64, i * 2);
      busy_total += (double) (pair[1] - pair[0]);
    }
  /* Breaks get a width that reads as "something was skipped" at any zoom
   * level without eating the picture. */
  if (self->max_gaps > 0 && busy->len > 1)
    {
      double share = MIN (0.06 * (busy->len - 1), 0.25);

      gap_width = busy_total * share / (1 - share) / (busy->len - 1);
    }
  else
    gap_width = CLAMP (busy_total * 0.04, 400.0, 20000.0);

  for (guint i = 0; i < busy->len; i++)
    {
      gint64 *pair = &g_array_index (busy, gint64, i * 2);
      Segment seg;

      if (i > 0)
        {
          gint64 *prev = &g_array_index (busy, gint64, (i - 1) * 2);

          seg.t0 = prev[1];
          seg.t1 = pair[0];
          seg.a0 = a;
          seg.a1 = a + gap_width;
          seg.gap = TRUE;
          g_array_append_val (self->segments, seg);
          a = seg.a1;
        }
      seg.t0 = pair[0];
      seg.t1 = pair[1];
      seg.a0 = a;
      seg.a1 = a + (double) (pair[1] - pair[0]);
      seg.gap = FALSE;
      g_array_append_val (self->segments, seg);
      a = seg.a1;
    }
  self->total = MAX (a, 1.0);
  g_array_unref (busy);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *ia = a, *ib = b;

  if (ia->start != ib->start)
    return ia->start < ib->start ? -1 : 1;
  return (int) ia->id - (int) ib->id;
}

/* Whether the items are in the order compare_items() sorts them in: an
 * analysis lists its attempts by start already, and a window lays out
 * tens of thousands as it shows a large log. */
static gboolean
items_in_order (LdTimeline *self)
{
  for (guint i = 1; i < self->items->len; i++)
    if (compare_items (&g_array_index (self->items, Item, i - 1), &g_array_index (self->items, Item, i)) > 0)
      return FALSE;
  return TRUE;
}

static LdTimeline *
timeline_alloc (void)
{
  LdTimeline *self = g_new0 (LdTimeline, 1);

  self->items = g_array_new (FALSE, FALSE, sizeof (Item));
  self->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  self->from = 0;
  self->to = 1;
  self->font = g_strdup ("Sans");
  return self;
}

static void
add_item (LdTimeline *self,
          const Item *item)
{
  if (item->start < 0)
    return;
  self->lanes_used |= 1u << item->lane;
  g_array_append_val (self->items, *item);
}

/* @sort: FALSE when the items are in order of start already. */
static void
layout_items (LdTimeline *self,
              gboolean    sort)
{
  if (sort)
    g_array_sort (self->items, compare_items);
  g_array_set_size (self->segments, 0);
  build_segments (self);
  if (self->items->len > 0)
    {
      gint64 first = g_array_index (self->items, Item, 0).start;
      gint64 last = first;

      for (guint i = 0; i < self->items->len; i++)
        last = MAX (last, item_end (&g_array_index (self->items, Item, i)));
      self->many_days = floor_day (first) != floor_day (last);
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      item->a0 = time_to_axis (self, item->start);
      item->a1 = time_to_axis (self, item_end (item));
    }
}

/**
 * ld_timeline_new:
 * @analysis: a finished analysis
 *
 * Lays out every attempt of @analysis. The view starts on the whole log.
 *
 * Returns: (transfer full): a new timeline, free with ld_timeline_free()
 */
LdTimeline *
ld_timeline_new (LdAnalysis *analysis)
{
  LdTimeline *self;
  GPtrArray *attempts;

  g_return_val_if_fail (LD_IS_ANALYSIS (analysis), NULL);

  self = timeline_alloc ();
  self->analysis = g_object_ref (analysis);
  attempts = ld_analysis_get_attempts (analysis);
  for (guint i = 0; attempts != NULL && i < attempts->len; i++)
    {
      const LdAttempt *attempt = g_ptr_array_index (attempts, i);
      Item item = {
        .id = attempt->id,
        .start = attempt->start,
        .end = attempt->end,
        .outcome = attempt->outcome,
        .lane = ld_timeline_lane_for_attempt (attempt),
      };

      add_item (self, &item);
    }
  layout_items (self, !items_in_order (self));
  return self;
}

/**
 * ld_timeline_new_early:
 * @early: (element-type LdEarlyAttempt) (transfer none): from
 *   ld_analysis_dup_early_attempts()
 *
 * Lays out attempts seen while a log is still being read. They have no
 * outcome yet and are drawn as pending; their ids are their 1-based
 * positions in @early, which the timeline keeps a reference to.
 *
 * Returns: (transfer full): a new timeline, free with ld_timeline_free()
 */
LdTimeline *
ld_timeline_new_early (GPtrArray *early)
{
  LdTimeline *self;

  g_return_val_if_fail (early != NULL, NULL);

  self = timeline_alloc ();
  self->early = g_ptr_array_ref (early);
  ld_timeline_add_early (self);
  return self;
}

/**
 * ld_timeline_add_early:
 * @self: a timeline of early attempts (ld_timeline_new_early())
 *
 * Lays out the attempts added to its array of early attempts since it
 * was made or last told, with the others: a window adds those read since
 * its last refresh to the array it keeps, rather than making a timeline
 * of all of them again. The picture is the one ld_timeline_new_early()
 * makes of the whole array.
 */
void
ld_timeline_add_early (LdTimeline *self)
{
  gboolean in_order = TRUE;
  gint64 last;

  g_return_if_fail (self != NULL && self->early != NULL);

  if (self->n_early == self->early->len && self->n_early > 0)
    return;
  last = self->items->len > 0 ? g_array_index (self->items, Item, self->items->len - 1).start : G_MININT64;
  for (guint i = self->n_early; i < self->early->len; i++)
    {
      const LdEarlyAttempt *e = g_ptr_array_index (self->early, i);
      Item item = {
        .id = i + 1,
        .start = e->start,
        .end = e->start,
        .pending = TRUE,
        .lane = lane_for (e->kind, e->modality),
      };

      if (item.start < 0)
        continue;
      /* Read in order of time, as they mostly are: no sort needed. */
      in_order = in_order && item.start >= last;
      last = item.start;
      add_item (self, &item);
    }
  self->n_early = self->early->len;
  layout_items (self, !in_order);
}

void
ld_timeline_free (LdTimeline *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->analysis);
  g_clear_pointer (&self->early, g_ptr_array_unref);
  g_free (self->font);
  g_array_unref (self->items);
  g_array_unref (self->segments);
  g_free (self);
}

/* The family the labels are set in ("Sans" unless told): the PDF names
 * its font exactly so that it embeds one. */
void
ld_timeline_set_font_family (LdTimeline *self,
                             const char *family)
{
  g_return_if_fail (self != NULL);
  g_free (self->font);
  self->font = g_strdup (family ? family : "Sans");
}

/**
 * ld_timeline_set_max_gaps:
 * @max_gaps: how many quiet stretches may be left out, the longest; 0 for
 *   every one longer than 30 s (the default)
 *
 * For a picture that cannot be zoomed (the PDF): a few breaks, each wide
 * enough to carry its length.
 */
void
ld_timeline_set_max_gaps (LdTimeline *self,
                          guint       max_gaps)
{
  g_return_if_fail (self != NULL);
  self->max_gaps = max_gaps;
  layout_items (self, TRUE);
  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      item->a0 = time_to_axis (self, item->start);
      item->a1 = time_to_axis (self, item_end (item));
    }
}

guint
ld_timeline_get_n_attempts (LdTimeline *self)
{
  return self->items->len;
}

double
ld_timeline_get_label_width (void)
{
  return LABEL_WIDTH;
}

double
ld_timeline_get_natural_height (void)
{
  return HEADER_HEIGHT + 6 * 28.0 + 6;
}

/* The lanes drawn: the five a user thinks in, then each other lane (a
 * kind of exchange, "Other") only when something landed there; on a
 * page (used_only), only the lanes that hold an attempt. */
static gboolean
lane_is_drawn (LdTimeline *self,
               guint       lane)
{
  if (self->used_only && self->lanes_used != 0)
    return (self->lanes_used & (1u << lane)) != 0;
  return lane < LD_TIMELINE_N_CORE_LANES || (self->lanes_used & (1u << lane)) != 0;
}

static guint
n_visible_lanes (LdTimeline *self)
{
  guint n = 0;

  for (guint lane = 0; lane < LD_TIMELINE_N_LANES; lane++)
    n += lane_is_drawn (self, lane);
  return n;
}

/* The row a lane is drawn in, counted from the top. */
static guint
lane_row (LdTimeline *self,
          guint       lane)
{
  guint row = 0;

  for (guint l = 0; l < lane; l++)
    row += lane_is_drawn (self, l);
  return row;
}

static double
lane_height (LdTimeline *self,
             double      height)
{
  return CLAMP ((height - HEADER_HEIGHT - 4) / n_visible_lanes (self), MIN_LANE_HEIGHT, MAX_LANE_HEIGHT);
}

/**
 * ld_timeline_set_used_lanes_only:
 *
 * Draws only the lanes that hold an attempt (a printed page has no room
 * for empty ones); see ld_timeline_get_height() for the height they take.
 */
void
ld_timeline_set_used_lanes_only (LdTimeline *self,
                                 gboolean    used_only)
{
  g_return_if_fail (self != NULL);
  self->used_only = used_only;
}

/* The height that gives each drawn lane @lane_height. */
double
ld_timeline_get_height (LdTimeline *self,
                        double      lane_height)
{
  return HEADER_HEIGHT + 4 + n_visible_lanes (self) * CLAMP (lane_height, MIN_LANE_HEIGHT, MAX_LANE_HEIGHT);
}

void
ld_timeline_set_view (LdTimeline *self,
                      double      from,
                      double      to)
{
  double min_span = MIN (1.0, MIN_VIEW_MS / self->total);
  double span;

  g_return_if_fail (self != NULL);

  span = CLAMP (to - from, min_span, 1.0);
  from = CLAMP (from, 0.0, 1.0 - span);
  self->from = from;
  self->to = from + span;
}

void
ld_timeline_get_view (LdTimeline *self,
                      double     *from,
                      double     *to)
{
  if (from != NULL)
    *from = self->from;
  if (to != NULL)
    *to = self->to;
}

/**
 * ld_timeline_zoom:
 * @factor: above 1 zooms in
 * @anchor: the point that stays put, as a fraction of the plot width (0..1)
 */
void
ld_timeline_zoom (LdTimeline *self,
                  double      factor,
                  double      anchor)
{
  double span = self->to - self->from;
  double pivot = self->from + span * CLAMP (anchor, 0.0, 1.0);
  double new_span = span / factor;

  ld_timeline_set_view (self, pivot - new_span * anchor, pivot - new_span * anchor + new_span);
}

/* @fraction of the current view width; negative moves left. */
void
ld_timeline_pan (LdTimeline *self,
                 double      fraction)
{
  double span = self->to - self->from;

  ld_timeline_set_view (self, self->from + span * fraction, self->to + span * fraction);
}

void
ld_timeline_show_attempt (LdTimeline *self,
                          guint       attempt_id)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double a0, a1, span;

      if (item->id != attempt_id)
        continue;
      a0 = item->a0 / self->total;
      a1 = item->a1 / self->total;
      span = self->to - self->from;
      if (a0 >= self->from && a1 <= self->to)
        return;
      if (a1 - a0 > span * 0.8)
        ld_timeline_set_view (self, a0 - (a1 - a0) * 0.1, a1 + (a1 - a0) * 0.1);
      else
        ld_timeline_set_view (self, (a0 + a1) / 2 - span / 2, (a0 + a1) / 2 + span / 2);
      return;
    }
}

void
ld_timeline_set_selected (LdTimeline *self,
                          guint       attempt_id)
{
  self->selected = attempt_id;
}

void
ld_timeline_set_hover (LdTimeline *self,
                       guint       attempt_id)
{
  self->hover = attempt_id;
}

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

static double
axis_to_x (LdTimeline *self,
           double      a,
           double      plot_x,
           double      plot_w)
{
  double f = a / self->total;

  return plot_x + (f - self->from) / (self->to - self->from) * plot_w;
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
          x0 = MAX (axis_to_x (self, s->a0, plot_x, plot_w), plot_x);
          x1 = MIN (axis_to_x (self, s->a1, plot_x, plot_w), plot_x + plot_w);
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
      double x0 = axis_to_x (self, s->a0, plot_x, plot_w);
      double x1 = axis_to_x (self, s->a1, plot_x, plot_w);

      if (x1 < plot_x || x0 > plot_x + plot_w)
        continue;

      if (s->gap)
        continue;

      /* A stretch on another day that no tick falls in (a few minutes
       * between two breaks) says its date where it starts. */
      day = floor_day (s->t0);
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
          double x = axis_to_x (self, time_to_axis (self, (gint64) t), plot_x, plot_w);
          g_autofree char *label = NULL;
          double w, lx;

          if (x < plot_x || x > plot_x + plot_w)
            continue;
          cairo_set_source_rgba (cr, fg_r, fg_g, fg_b, 0.12);
          cairo_rectangle (cr, floor (x), HEADER_HEIGHT - 4, 1, height - HEADER_HEIGHT + 4);
          cairo_fill (cr);
          if (x + 3 <= label_end)
            continue;
          day = floor_day ((gint64) t);
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

/* A left-out stretch's length: days past two days ("36000 h" says little). */
static char *
dup_gap_length (gint64 ms)
{
  if (ms >= 2 * (gint64) 86400000)
    {
      guint days = (guint) (ms / 86400000), hours = (guint) (ms / 3600000 % 24);

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u days %u h", "%u days %u h", days), days, hours);
    }
  return ld_format_duration (ms);
}

/**
 * ld_timeline_dup_gaps_text:
 *
 * The quiet stretches the picture leaves out, in order, each with its
 * length and its ends ("4 min 24 s, 2013-03-12 14:36:01 – 14:40:25"),
 * joined by "; ": what the hatched bands stand for, in words, for a
 * page that cannot be zoomed.
 *
 * Returns: (transfer full) (nullable): %NULL when nothing is left out
 */
char *
ld_timeline_dup_gaps_text (LdTimeline *self)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < self->segments->len; i++)
    {
      const Segment *seg = &g_array_index (self->segments, Segment, i);
      g_autofree char *len = NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (!seg->gap)
        continue;
      len = dup_gap_length (seg->t1 - seg->t0);
      from = ld_format_time (seg->t0);
      to = ld_format_time (seg->t1);
      g_string_append_printf (s, "%s%s (%s – %s)", s->len ? "; " : "", len, from,
                              strncmp (from, to, 10) == 0 && strlen (to) > 11 ? to + 11 : to);
    }
  return g_string_free (s, s->len == 0);
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
      x0 = MAX (axis_to_x (self, s->a0, plot_x, plot_w), plot_x);
      x1 = MIN (axis_to_x (self, s->a1, plot_x, plot_w), plot_x + plot_w);
      /* Thousands of breaks are a pixel wide each when a busy log is seen
       * whole: a label only where its band can be seen. */
      if (x1 - x0 >= 3)
        g_array_append_val (order, i);
    }
  g_array_sort_with_data (order, compare_gap_length_desc, self);
  for (guint k = 0; k < order->len; k++)
    {
      const Segment *s = &g_array_index (self->segments, Segment, g_array_index (order, guint, k));
      double x0 = MAX (axis_to_x (self, s->a0, plot_x, plot_w), plot_x);
      double x1 = MIN (axis_to_x (self, s->a1, plot_x, plot_w), plot_x + plot_w);
      g_autofree char *dur = dup_gap_length (s->t1 - s->t0);
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
  *x0 = axis_to_x (self, item->a0, plot_x, plot_w);
  *x1 = axis_to_x (self, item->a1, plot_x, plot_w);
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
  double y = HEADER_HEIGHT + lane_row (self, item->lane) * lane_h + lane_h * 0.2;
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
  b.y = HEADER_HEIGHT + lane_row (self, lane) * lane_h + lane_h * 0.2;
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
  double lane_h = lane_height (self, height);
  double plot_x = LABEL_WIDTH, plot_w = MAX (width - LABEL_WIDTH - 8, 10);
  guint n_lanes = n_visible_lanes (self);

  g_return_if_fail (self != NULL);

  cairo_save (cr);
  layout = pango_cairo_create_layout (cr);
  set_font (layout, self->font, FALSE);

  for (guint lane = 0, row = 0; lane < LD_TIMELINE_N_LANES; lane++)
    {
      double y = HEADER_HEIGHT + row * lane_h;

      if (!lane_is_drawn (self, lane))
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

/**
 * ld_timeline_hit:
 *
 * Returns: the id of the attempt drawn at @x, @y, or 0 for none
 */
guint
ld_timeline_hit (LdTimeline *self,
                 double      x,
                 double      y,
                 double      width,
                 double      height)
{
  double lane_h = lane_height (self, height);
  double plot_x = LABEL_WIDTH, plot_w = MAX (width - LABEL_WIDTH - 8, 10);
  double best = G_MAXDOUBLE;
  guint best_id = 0;
  int lane, row;

  g_return_val_if_fail (self != NULL, 0);

  if (y < HEADER_HEIGHT || x < plot_x)
    return 0;
  row = (int) ((y - HEADER_HEIGHT) / lane_h);
  if (row < 0 || (guint) row >= n_visible_lanes (self))
    return 0;
  for (lane = 0; lane < (int) LD_TIMELINE_N_LANES; lane++)
    if (lane_is_drawn (self, lane) && (int) lane_row (self, lane) == row)
      break;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double x0, x1, d;

      if ((int) item->lane != lane)
        continue;
      x0 = axis_to_x (self, item->a0, plot_x, plot_w) - 3;
      x1 = axis_to_x (self, item->a1, plot_x, plot_w) + 3;
      if (x < x0 || x > x1)
        continue;
      /* Overlapping attempts: the one whose start is nearest wins. */
      d = fabs (x - x0);
      if (d <= best)
        {
          best = d;
          best_id = item->id;
        }
    }
  return best_id;
}

/**
 * ld_timeline_dup_summary:
 *
 * Returns: (transfer full) (nullable): one or two lines about the attempt,
 *   for a tooltip
 */
char *
ld_timeline_dup_summary (LdTimeline *self,
                         guint       attempt_id)
{
  const LdAttempt *attempt;
  g_autofree char *time = NULL;
  g_autofree char *dur = NULL;
  const LdDiagnostic *diag;
  GString *out;

  if (self->early != NULL)
    {
      const LdEarlyAttempt *e;

      if (attempt_id == 0 || attempt_id > self->early->len)
        return NULL;
      e = g_ptr_array_index (self->early, attempt_id - 1);
      time = ld_format_time (e->start);
      return g_strdup_printf (_("Attempt %u: %s %s, still being read\n%s, %s"), attempt_id,
                              ld_attempt_kind_get_label (e->kind),
                              ld_modality_get_label (e->modality), time, e->target);
    }
  attempt = ld_analysis_get_attempt_by_id (self->analysis, attempt_id);
  if (attempt == NULL)
    return NULL;
  time = ld_format_time (attempt->start);
  dur = ld_format_duration (attempt->end >= attempt->start ? attempt->end - attempt->start : -1);
  out = g_string_new (NULL);
  g_string_append_printf (out, _("Attempt %u: %s %s, %s"), attempt->id,
                          ld_attempt_kind_get_label (attempt->kind),
                          ld_modality_get_label (attempt->modality),
                          ld_outcome_get_label (attempt->outcome));
  g_string_append_printf (out, "\n%s, %s", time, dur);
  if (attempt->status > 0)
    g_string_append_printf (out, _("\nStatus %d %s"), attempt->status,
                            attempt->status_reason ? attempt->status_reason : "");
  diag = ld_attempt_get_primary_diagnostic (attempt);
  if (diag != NULL && diag->code >= 0)
    g_string_append_printf (out, _("\n%s %d"), ld_diag_header_to_string (diag->header), diag->code);
  return g_string_free (out, FALSE);
}
