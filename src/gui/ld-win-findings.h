/* ld-win-findings.h - all findings by severity; activating one shows its attempt and evidence
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_FINDINGS (ld_win_findings_get_type ())
G_DECLARE_FINAL_TYPE (LdWinFindings, ld_win_findings, LD_WIN, FINDINGS, GtkWidget)

void  ld_win_findings_set_analysis (LdWinFindings *self,
                                    LdAnalysis    *analysis);
guint ld_win_findings_get_n_items  (LdWinFindings *self);

G_END_DECLS
