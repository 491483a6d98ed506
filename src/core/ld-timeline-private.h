/* ld-timeline-private.h - what the timeline's layout (ld-timeline.c) and its drawing
 * (ld-timeline-draw.c) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-timeline.h"

G_BEGIN_DECLS

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

/* ld-timeline.c */
double   _ld_timeline_time_to_axis    (LdTimeline *self,
                                       gint64      t);
gint64   _ld_timeline_floor_day       (gint64      t);
gboolean _ld_timeline_lane_is_drawn   (LdTimeline *self,
                                       guint       lane);
guint    _ld_timeline_n_visible_lanes (LdTimeline *self);
guint    _ld_timeline_lane_row        (LdTimeline *self,
                                       guint       lane);
double   _ld_timeline_lane_height     (LdTimeline *self,
                                       double      height);
double   _ld_timeline_axis_to_x       (LdTimeline *self,
                                       double      a,
                                       double      plot_x,
                                       double      plot_w);
char    *_ld_timeline_dup_gap_length  (gint64      ms);

G_END_DECLS
