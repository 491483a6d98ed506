/* ld-win-flow.h - a call flow and the message picked in it, as logged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_FLOW (ld_win_flow_get_type ())
G_DECLARE_FINAL_TYPE (LdWinFlow, ld_win_flow, LD_WIN, FLOW, GtkWidget)

void              ld_win_flow_set_attempt     (LdWinFlow          *self,
                                               LdAnalysis         *analysis,
                                               const LdAttempt    *attempt);
void              ld_win_flow_set_messages    (LdWinFlow          *self,
                                               LdAnalysis         *analysis,
                                               GPtrArray          *messages);
const LdAttempt  *ld_win_flow_get_attempt     (LdWinFlow          *self);
void              ld_win_flow_select_message  (LdWinFlow          *self,
                                               int                 index);
gboolean          ld_win_flow_select_line     (LdWinFlow          *self,
                                               guint               input,
                                               guint64             line);
int               ld_win_flow_get_selected    (LdWinFlow          *self);
GtkPaned         *ld_win_flow_get_paned       (LdWinFlow          *self);
GtkWidget        *ld_win_flow_get_ladder      (LdWinFlow          *self);
GBytes           *ld_win_flow_render_png      (LdWinFlow          *self,
                                               GError            **error);
GBytes           *ld_win_flow_render_svg      (LdWinFlow          *self);
char             *ld_win_flow_dup_raw_text    (LdWinFlow          *self);
void              ld_win_flow_present_window  (GtkWindow          *parent,
                                               LdAnalysis         *analysis,
                                               GPtrArray          *messages,
                                               const LdSipMessage *select);

G_END_DECLS
