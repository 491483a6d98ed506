/* ld-win-findings.h - the grouped findings: one card per cause, with the attempts it covers
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
guint ld_win_findings_get_n_shown  (LdWinFindings *self);
GtkToggleButton *ld_win_findings_get_severity_button (LdWinFindings *self,
                                                      LdSeverity     severity);

G_END_DECLS
