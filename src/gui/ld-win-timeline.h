/* ld-win-timeline.h - the timeline widget: every attempt on a zoomable time axis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_TIMELINE (ld_win_timeline_get_type ())
G_DECLARE_FINAL_TYPE (LdWinTimeline, ld_win_timeline, LD_WIN, TIMELINE, GtkWidget)

GtkWidget *ld_win_timeline_new            (void);
void       ld_win_timeline_set_analysis   (LdWinTimeline *self,
                                           LdAnalysis    *analysis);
void       ld_win_timeline_set_early      (LdWinTimeline *self,
                                           GPtrArray     *early);
void       ld_win_timeline_add_early      (LdWinTimeline *self,
                                           GPtrArray     *early);
void       ld_win_timeline_hold_a_frame   (LdWinTimeline *self);
gboolean   ld_win_timeline_is_held        (LdWinTimeline *self);
void       ld_win_timeline_set_selected   (LdWinTimeline *self,
                                           guint          attempt_id);
guint      ld_win_timeline_get_n_attempts (LdWinTimeline *self);
void       ld_win_timeline_zoom           (LdWinTimeline *self,
                                           double         factor);
void       ld_win_timeline_reset_zoom     (LdWinTimeline *self);
void       ld_win_timeline_pan            (LdWinTimeline *self,
                                           double         fraction);

G_END_DECLS
