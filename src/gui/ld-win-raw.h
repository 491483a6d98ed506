/* ld-win-raw.h - a SIP message as logged, in a text buffer with its file line numbers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

gboolean ld_win_raw_show (GtkTextBuffer      *buffer,
                          LdAnalysis         *analysis,
                          const LdSipMessage *msg);
gboolean ld_win_raw_show_marked (GtkTextBuffer         *buffer,
                                 LdAnalysis            *analysis,
                                 const LdSipMessage    *msg,
                                 const LdMessageFilter *filter);
void ld_win_raw_setup_view (GtkTextView *view);
char *ld_win_raw_dup_origin (LdAnalysis         *analysis,
                             const LdSipMessage *msg);

G_END_DECLS
