/* ld-timeline.c - join attempts on a time axis: lanes, the axis with its breaks, the view, hit-testing
 *
 * The GUI's timeline widget and the PDF report lay the attempts out here
 * and draw them with ld-timeline-draw.c, so that both show the same
 * picture. Quiet stretches are left out and drawn as hatched bands marked
 * with their length; when the attempts span midnight, the axis says the
 * date where each day starts.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-timeline"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-format.h"
#include "ld-timeline-private.h"

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
gint64
_ld_timeline_floor_day (gint64 t)
{
  return t >= 0 ? t / 86400000 : (t - 86399999) / 86400000;
}

double
_ld_timeline_time_to_axis (LdTimeline *self,
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
      self->many_days = _ld_timeline_floor_day (first) != _ld_timeline_floor_day (last);
    }

  for (guint i = 0; i < self->items->len; i++)
    {
      Item *item = &g_array_index (self->items, Item, i);

      item->a0 = _ld_timeline_time_to_axis (self, item->start);
      item->a1 = _ld_timeline_time_to_axis (self, item_end (item));
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

      item->a0 = _ld_timeline_time_to_axis (self, item->start);
      item->a1 = _ld_timeline_time_to_axis (self, item_end (item));
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
gboolean
_ld_timeline_lane_is_drawn (LdTimeline *self,
                            guint       lane)
{
  if (self->used_only && self->lanes_used != 0)
    return (self->lanes_used & (1u << lane)) != 0;
  return lane < LD_TIMELINE_N_CORE_LANES || (self->lanes_used & (1u << lane)) != 0;
}

guint
_ld_timeline_n_visible_lanes (LdTimeline *self)
{
  guint n = 0;

  for (guint lane = 0; lane < LD_TIMELINE_N_LANES; lane++)
    n += _ld_timeline_lane_is_drawn (self, lane);
  return n;
}

/* The row a lane is drawn in, counted from the top. */
guint
_ld_timeline_lane_row (LdTimeline *self,
                       guint       lane)
{
  guint row = 0;

  for (guint l = 0; l < lane; l++)
    row += _ld_timeline_lane_is_drawn (self, l);
  return row;
}

double
_ld_timeline_lane_height (LdTimeline *self,
                          double      height)
{
  return CLAMP ((height - HEADER_HEIGHT - 4) / _ld_timeline_n_visible_lanes (self), MIN_LANE_HEIGHT, MAX_LANE_HEIGHT);
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
  return HEADER_HEIGHT + 4 + _ld_timeline_n_visible_lanes (self) * CLAMP (lane_height, MIN_LANE_HEIGHT, MAX_LANE_HEIGHT);
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

double
_ld_timeline_axis_to_x (LdTimeline *self,
                        double      a,
                        double      plot_x,
                        double      plot_w)
{
  double f = a / self->total;

  return plot_x + (f - self->from) / (self->to - self->from) * plot_w;
}

/* A left-out stretch's length: days past two days ("36000 h" says little). */
char *
_ld_timeline_dup_gap_length (gint64 ms)
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
      len = _ld_timeline_dup_gap_length (seg->t1 - seg->t0);
      from = ld_format_time (seg->t0);
      to = ld_format_time (seg->t1);
      g_string_append_printf (s, "%s%s (%s – %s)", s->len ? "; " : "", len, from,
                              strncmp (from, to, 10) == 0 && strlen (to) > 11 ? to + 11 : to);
    }
  return g_string_free (s, s->len == 0);
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
  double lane_h = _ld_timeline_lane_height (self, height);
  double plot_x = LABEL_WIDTH, plot_w = MAX (width - LABEL_WIDTH - 8, 10);
  double best = G_MAXDOUBLE;
  guint best_id = 0;
  int lane, row;

  g_return_val_if_fail (self != NULL, 0);

  if (y < HEADER_HEIGHT || x < plot_x)
    return 0;
  row = (int) ((y - HEADER_HEIGHT) / lane_h);
  if (row < 0 || (guint) row >= _ld_timeline_n_visible_lanes (self))
    return 0;
  for (lane = 0; lane < (int) LD_TIMELINE_N_LANES; lane++)
    if (_ld_timeline_lane_is_drawn (self, lane) && (int) _ld_timeline_lane_row (self, lane) == row)
      break;

  for (guint i = 0; i < self->items->len; i++)
    {
      const Item *item = &g_array_index (self->items, Item, i);
      double x0, x1, d;

      if ((int) item->lane != lane)
        continue;
      x0 = _ld_timeline_axis_to_x (self, item->a0, plot_x, plot_w) - 3;
      x1 = _ld_timeline_axis_to_x (self, item->a1, plot_x, plot_w) + 3;
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
