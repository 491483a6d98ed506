/* ld-win-export.h - File > Export: write the open analysis to a file the user picks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-win-window.h"

G_BEGIN_DECLS

void ld_win_export_dialog_run (LdWinWindow *window);

G_END_DECLS
