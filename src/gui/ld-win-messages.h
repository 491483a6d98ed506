/* ld-win-messages.h - every SIP message, a search, and the selected message as logged
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

#include "lyncdiag.h"

G_BEGIN_DECLS

#define LD_WIN_TYPE_MESSAGES (ld_win_messages_get_type ())
G_DECLARE_FINAL_TYPE (LdWinMessages, ld_win_messages, LD_WIN, MESSAGES, GtkWidget)

void                ld_win_messages_set_analysis   (LdWinMessages      *self,
                                                    LdAnalysis         *analysis);
void                ld_win_messages_set_query      (LdWinMessages      *self,
                                                    const char         *query);
void                ld_win_messages_focus_search   (LdWinMessages      *self);
guint               ld_win_messages_get_n_visible  (LdWinMessages      *self);
const LdSipMessage *ld_win_messages_get_visible    (LdWinMessages      *self,
                                                    guint               position);
gboolean            ld_win_messages_is_waiting     (LdWinMessages      *self);
void                ld_win_messages_select_message (LdWinMessages      *self,
                                                    const LdSipMessage *msg);
GtkPaned           *ld_win_messages_get_paned      (LdWinMessages      *self);
gboolean            ld_win_messages_is_match       (LdWinMessages      *self,
                                                    guint               position);
const LdSipMessage *ld_win_messages_get_shown      (LdWinMessages      *self);
GtkTextView        *ld_win_messages_get_text_view  (LdWinMessages      *self);
const char         *ld_win_messages_get_search_note (LdWinMessages     *self);
GtkSearchEntry     *ld_win_messages_get_search_entry (LdWinMessages    *self);
const char         *ld_win_messages_get_count_text (LdWinMessages      *self);
GtkWidget          *ld_win_messages_get_raw_placeholder (LdWinMessages *self);

G_END_DECLS
