/* ld-win-bench.h - lyncdiag --bench: how fast a log opens, as the user sees it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "ld-win-window.h"

G_BEGIN_DECLS

typedef void (*LdWinBenchDone) (int      status,
                                gpointer user_data);

void ld_win_bench_run (LdWinWindow    *window,
                       GFile          *file,
                       LdWinBenchDone  done,
                       gpointer        user_data);

G_END_DECLS
