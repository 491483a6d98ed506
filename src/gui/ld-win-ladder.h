/* ld-win-ladder.h - the call flow widget: lanes that stay in view, rows that scroll
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_LADDER (ld_win_ladder_get_type ())
G_DECLARE_FINAL_TYPE (LdWinLadder, ld_win_ladder, LD_WIN, LADDER, GtkWidget)

GtkWidget *ld_win_ladder_new          (void);
void       ld_win_ladder_set_attempt  (LdWinLadder     *self,
                                       const LdAttempt *attempt);
void       ld_win_ladder_set_selected (LdWinLadder     *self,
                                       int              index);
int        ld_win_ladder_get_selected (LdWinLadder     *self);
const LdAttempt *ld_win_ladder_get_attempt (LdWinLadder *self);
gboolean   ld_win_ladder_row_is_visible (LdWinLadder   *self,
                                         int            index);

G_END_DECLS
