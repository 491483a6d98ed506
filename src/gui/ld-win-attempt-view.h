/* ld-win-attempt-view.h - one attempt: facts, decoded diagnostics, findings, call flow, raw message
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ld-win-flow.h"
#include "ld-win-verdict.h"
#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_ATTEMPT_VIEW (ld_win_attempt_view_get_type ())
G_DECLARE_FINAL_TYPE (LdWinAttemptView, ld_win_attempt_view, LD_WIN, ATTEMPT_VIEW, GtkWidget)

void        ld_win_attempt_view_set_attempt     (LdWinAttemptView *self,
                                                 LdAnalysis       *analysis,
                                                 const LdAttempt  *attempt);
gboolean    ld_win_attempt_view_show_line       (LdWinAttemptView *self,
                                                 guint             input,
                                                 guint64           line);
void        ld_win_attempt_view_select_message  (LdWinAttemptView *self,
                                                 int               index);
void        ld_win_attempt_view_show_page       (LdWinAttemptView *self,
                                                 const char       *name);
char       *ld_win_attempt_view_dup_diagnostics_text (LdWinAttemptView *self);
LdWinFlow  *ld_win_attempt_view_get_flow        (LdWinAttemptView *self);
const char *ld_win_attempt_view_get_title       (LdWinAttemptView *self);
GtkLabel   *ld_win_attempt_view_get_facts_label (LdWinAttemptView *self);
LdWinVerdict *ld_win_attempt_view_get_verdict   (LdWinAttemptView *self);
const char *ld_win_attempt_view_get_outcome_text (LdWinAttemptView *self);
const LdAttempt *ld_win_attempt_view_get_attempt (LdWinAttemptView *self);
gboolean    ld_win_attempt_view_is_filling      (LdWinAttemptView *self);
GtkWidget  *ld_win_finding_card_new             (LdAnalysis       *analysis,
                                                 const LdFinding  *finding);

G_END_DECLS
