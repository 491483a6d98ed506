/* ld-win-text.h - text from a log in labels and text views: capped, never hyphenated
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A line longer than this is cut with a mark; so is a text longer than
 * LD_WIN_TEXT_MAX_TOTAL. Pango lays out a label's text at once, on the
 * main thread: a 64 KB URI or a reason of a megabyte held the window for
 * seconds (issue 22). */
#define LD_WIN_TEXT_MAX_LINE   2000
#define LD_WIN_TEXT_MAX_TOTAL  40000

char     *ld_win_text_dup_capped        (const char    *text,
                                         gsize          max_line,
                                         gsize          max_total,
                                         gboolean      *out_capped);
void      ld_win_label_set_log_text     (GtkLabel      *label,
                                         const char    *text);
void      ld_win_label_set_log_markup   (GtkLabel      *label,
                                         const char    *markup);
void      ld_win_label_no_hyphens       (GtkLabel      *label);
void      ld_win_text_buffer_no_hyphens (GtkTextBuffer *buffer);
void      ld_win_label_set_quiet_selectable (GtkLabel  *label);
void      ld_win_label_set_paragraph    (GtkLabel      *label);

G_END_DECLS
