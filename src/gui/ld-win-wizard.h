/* ld-win-wizard.h - the troubleshooting assistant, opened from the main window (win.wizard)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_TYPE_WIN_WIZARD (ld_win_wizard_get_type ())
G_DECLARE_FINAL_TYPE (LdWinWizard, ld_win_wizard, LD, WIN_WIZARD, GtkWindow)

void        ld_win_wizard_open             (GtkWindow   *parent,
                                            LdAnalysis  *analysis);
LdWinWizard *ld_win_wizard_new             (GtkWindow   *parent,
                                            LdAnalysis  *analysis);
LdWizard   *ld_win_wizard_get_wizard       (LdWinWizard *self);
const char *ld_win_wizard_get_current_step (LdWinWizard *self);
void        ld_win_wizard_show_step        (LdWinWizard *self,
                                            const char  *step_id);

G_END_DECLS
