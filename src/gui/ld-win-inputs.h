/* ld-win-inputs.h - the inputs panel: what was read, and what was skipped and why
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_INPUTS (ld_win_inputs_get_type ())
G_DECLARE_FINAL_TYPE (LdWinInputs, ld_win_inputs, LD_WIN, INPUTS, GtkWidget)

void     ld_win_inputs_set_analysis  (LdWinInputs *self,
                                      LdAnalysis  *analysis);
guint    ld_win_inputs_get_n_skipped (LdWinInputs *self);
char    *ld_win_inputs_dup_text      (LdWinInputs *self);

G_END_DECLS
