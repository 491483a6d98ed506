/* ld-timeline.h - join attempts on a time axis: layout, drawing and hit-testing with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

/* Lanes, top to bottom: one per kind/modality a user thinks in. The
 * first five are always drawn; the others (one per kind of exchange
 * besides calls and joins, and "Other") only when an attempt landed there. */
typedef enum
{
  LD_TIMELINE_LANE_FOCUS,
  LD_TIMELINE_LANE_CHAT,
  LD_TIMELINE_LANE_AUDIO_VIDEO,
  LD_TIMELINE_LANE_SHARING,
  LD_TIMELINE_LANE_PEER_TO_PEER,
  LD_TIMELINE_LANE_SIGN_IN,
  LD_TIMELINE_LANE_SUBSCRIPTION,
  LD_TIMELINE_LANE_SERVICE,
  LD_TIMELINE_LANE_MESSAGE,
  LD_TIMELINE_LANE_INFO,
  LD_TIMELINE_LANE_REFER,
  LD_TIMELINE_LANE_OPTIONS,
  LD_TIMELINE_LANE_PUBLISH,
  LD_TIMELINE_LANE_OTHER,
  LD_TIMELINE_N_LANES,
} LdTimelineLane;

#define LD_TIMELINE_N_CORE_LANES (LD_TIMELINE_LANE_PEER_TO_PEER + 1)

typedef struct _LdTimeline LdTimeline;

LdTimeline   *ld_timeline_new             (LdAnalysis  *analysis);
LdTimeline   *ld_timeline_new_early       (GPtrArray   *early);
void          ld_timeline_add_early       (LdTimeline  *self);
void          ld_timeline_free            (LdTimeline  *self);

guint         ld_timeline_get_n_attempts  (LdTimeline  *self);
LdTimelineLane ld_timeline_lane_for_attempt (const LdAttempt *attempt);
const char   *ld_timeline_lane_to_string  (LdTimelineLane lane);

void          ld_timeline_set_view        (LdTimeline  *self,
                                           double       from,
                                           double       to);
void          ld_timeline_get_view        (LdTimeline  *self,
                                           double      *from,
                                           double      *to);
void          ld_timeline_zoom            (LdTimeline  *self,
                                           double       factor,
                                           double       anchor);
void          ld_timeline_pan             (LdTimeline  *self,
                                           double       fraction);
void          ld_timeline_show_attempt    (LdTimeline  *self,
                                           guint        attempt_id);

void          ld_timeline_set_font_family (LdTimeline  *self,
                                           const char  *family);
char         *ld_timeline_dup_gaps_text   (LdTimeline  *self);
void          ld_timeline_set_max_gaps    (LdTimeline  *self,
                                           guint        max_gaps);
void          ld_timeline_set_used_lanes_only (LdTimeline *self,
                                           gboolean     used_only);
double        ld_timeline_get_height      (LdTimeline  *self,
                                           double       lane_height);

void          ld_timeline_set_selected    (LdTimeline  *self,
                                           guint        attempt_id);
void          ld_timeline_set_hover       (LdTimeline  *self,
                                           guint        attempt_id);

void          ld_timeline_draw            (LdTimeline  *self,
                                           cairo_t     *cr,
                                           double       width,
                                           double       height,
                                           gboolean     dark);
guint         ld_timeline_hit             (LdTimeline  *self,
                                           double       x,
                                           double       y,
                                           double       width,
                                           double       height);
double        ld_timeline_get_label_width (void);
double        ld_timeline_get_natural_height (void);
char         *ld_timeline_dup_summary     (LdTimeline  *self,
                                           guint        attempt_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdTimeline, ld_timeline_free)

G_END_DECLS
