/* ld-ladder.h - the call flow (ladder) of one attempt, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ld-analysis.h"
#include "ld-lines.h"

G_BEGIN_DECLS

/* An attempt's ladder laid out at one width: rows grow with their labels,
 * which wrap inside the lane between two lifelines and are never cut. */
typedef struct _LdLadder LdLadder;

LdLadder     *ld_ladder_new             (const LdAttempt *attempt,
                                         double           width,
                                         LdMetrics       *metrics);
void          ld_ladder_free            (LdLadder        *self);
double        ld_ladder_get_height      (LdLadder        *self);
double        ld_ladder_get_header_height (LdLadder      *self);
guint         ld_ladder_get_n_rows      (LdLadder        *self);
const double *ld_ladder_get_row_tops    (LdLadder        *self);
void          ld_ladder_paint           (LdLadder        *self,
                                         cairo_t         *cr,
                                         int              selected,
                                         gboolean         dark);
int           ld_ladder_row_at          (LdLadder        *self,
                                         double           y);
void          ld_ladder_get_lifelines   (LdLadder        *self,
                                         double           out_x[3]);
void          ld_ladder_get_label_extents (LdLadder      *self,
                                         guint            row,
                                         double          *out_x0,
                                         double          *out_x1,
                                         gboolean        *out_cut);

/* The app's view, in the desktop's fonts (ld_metrics_get_for_screen()). */
double        ld_ladder_measure         (const LdAttempt *attempt,
                                         double           width);
void          ld_ladder_draw            (cairo_t         *cr,
                                         const LdAttempt *attempt,
                                         double           width,
                                         int              selected,
                                         gboolean         dark);
int           ld_ladder_hit             (const LdAttempt *attempt,
                                         double           width,
                                         double           x,
                                         double           y);
double        ld_ladder_get_row_y       (const LdAttempt *attempt,
                                         double           width,
                                         int              index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdLadder, ld_ladder_free)

G_END_DECLS
