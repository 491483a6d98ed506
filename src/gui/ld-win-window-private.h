/* ld-win-window-private.h - what tests/test-ui.c reaches inside the window
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-win-attempt-view.h"
#include "ld-win-messages.h"
#include "ld-win-timeline.h"
#include "ld-win-window.h"

G_BEGIN_DECLS

typedef enum
{
  LD_WIN_STATE_EMPTY,
  LD_WIN_STATE_LOADING,
  LD_WIN_STATE_ERROR,
  LD_WIN_STATE_DOCUMENT,
} LdWinState;

LdWinState        ld_win_window_get_state          (LdWinWindow *self);
void              ld_win_window_cancel_load        (LdWinWindow *self);
gboolean          ld_win_window_select_attempt     (LdWinWindow *self,
                                                    guint        attempt_id);
guint             ld_win_window_get_n_listed_attempts (LdWinWindow *self);
gboolean          ld_win_window_is_filling         (LdWinWindow *self);
guint             ld_win_window_get_selected_attempt_id (LdWinWindow *self);
guint             ld_win_window_get_n_early_attempts (LdWinWindow *self);
LdWinTimeline    *ld_win_window_get_timeline       (LdWinWindow *self);
LdWinTimeline    *ld_win_window_get_early_timeline (LdWinWindow *self);
LdWinAttemptView *ld_win_window_get_attempt_view   (LdWinWindow *self);
LdWinMessages    *ld_win_window_get_messages       (LdWinWindow *self);
void              ld_win_window_set_small_log_messages (LdWinWindow *self,
                                                    guint        n);
const char       *ld_win_window_get_error_title    (LdWinWindow *self);
void              ld_win_window_set_recent_enabled (LdWinWindow *self,
                                                    gboolean     enabled);

G_END_DECLS
