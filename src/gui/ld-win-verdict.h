/* ld-win-verdict.h - an attempt's verdict first: what failed, the likeliest cause, what to do
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_VERDICT (ld_win_verdict_get_type ())
G_DECLARE_FINAL_TYPE (LdWinVerdict, ld_win_verdict, LD_WIN, VERDICT, GtkWidget)

void   ld_win_verdict_set_attempt (LdWinVerdict    *self,
                                   LdAnalysis      *analysis,
                                   const LdAttempt *attempt);
char  *ld_win_verdict_dup_text    (LdWinVerdict    *self);

G_END_DECLS
