/* ld-ladder.h - the call flow (ladder) of one attempt, drawn with cairo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

double  ld_ladder_measure (const LdAttempt *attempt,
                           double           width);
void    ld_ladder_draw    (cairo_t         *cr,
                           const LdAttempt *attempt,
                           double           width,
                           int              selected,
                           gboolean         dark);
int     ld_ladder_hit     (const LdAttempt *attempt,
                           double           width,
                           double           x,
                           double           y);
double  ld_ladder_get_row_y (const LdAttempt *attempt,
                             int              index);

G_END_DECLS
