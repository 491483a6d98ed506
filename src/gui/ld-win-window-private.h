/* ld-win-window-private.h - the main window's parts, shared by its files, and what tests reach
 *
 * The window is split by job, as GNOME Text Editor splits its own:
 * ld-win-window.c (the widget, its states and the document),
 * ld-win-window-load.c (reading the logs in a thread), ld-win-window-attempts.c
 * (the attempts list), ld-win-window-follow.c (follow mode),
 * ld-win-window-actions.c (the win.* actions) and ld-win-window-recent.c
 * (recent files and drag and drop).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-win-attempt-view.h"
#include "ld-win-findings.h"
#include "ld-win-inputs.h"
#include "ld-win-messages.h"
#include "ld-win-timeline.h"
#include "ld-win-window.h"

G_BEGIN_DECLS

typedef enum
{
  LD_WIN_STATE_EMPTY,
  LD_WIN_STATE_LOADING,
  LD_WIN_STATE_ERROR,
  LD_WIN_STATE_DOCUMENT,
} LdWinState;

/* A log of fewer messages has them all parsed before it is shown (see
 * load_thread()) */
#define SMALL_LOG_MESSAGES 50000

struct _LdWinWindow
{
  GtkApplicationWindow parent_instance;

  /* Template widgets */
  GtkWidget         *view_switcher;
  GtkRevealer       *banner_revealer;
  GtkLabel          *banner_label;
  GtkStack          *main_stack;
  GtkGrid           *locations_grid;
  GtkWidget         *recent_heading;
  GtkListBox        *recent_list;
  GMenu             *recent_submenu;
  GtkLabel          *loading_label;
  GtkProgressBar    *progress_bar;
  GtkWidget         *early_box;
  GtkLabel          *early_label;
  LdWinTimeline     *early_timeline;
  GtkLabel          *error_title;
  GtkLabel          *error_message;
  GtkLabel          *error_hint;
  GtkWidget         *follow_button;
  GtkWidget         *export_button;
  GtkPaned          *timeline_paned;
  GtkWidget         *timeline_box;
  GtkWidget         *timeline_button;
  GtkLabel          *counts_label;
  GtkLabel          *source_label;
  GtkMenuButton     *inputs_button;
  LdWinInputs       *inputs;
  GtkBox            *legend_box;
  LdWinTimeline     *timeline;
  GtkStack          *doc_stack;
  GtkStackPage      *findings_page;
  GtkPaned          *detail_paned;
  GtkCheckButton    *failed_only_check;
  GtkLabel          *attempts_count;
  GtkColumnView     *attempts_view;
  LdWinAttemptView  *attempt_view;
  LdWinMessages     *messages;
  LdWinFindings     *findings;

  /* Attempts list: store → failed filter → column sorter → selection */
  GListStore        *attempt_store;
  GtkCustomFilter   *failed_filter;
  GtkFilterListModel *attempt_filtered;
  GtkSortListModel  *attempt_sorted;
  GtkSingleSelection *attempt_selection;
  /* Rows not listed yet: the list is filled a few rows a frame (see
   * fill_attempts_tick()) */
  GPtrArray         *pending_rows;    /* LdWinRow, in the list's order */
  gint64             fill_frame;      /* frame in which filling began */
  gint64             fill_last;       /* monotonic time of the last rows added, or 0 */
  guint              fill_rows;       /* rows to add next frame */
  guint              pending_next;    /* first of them not in the store */
  guint              fill_tick_id;
  guint              fill_select_id;  /* attempt to select once its row is listed */
  gboolean           fill_scroll;     /* scroll to the selected row once all are listed */

  GSettings         *settings;
  LdAnalysis        *analysis;
  guint              small_log_messages; /* see ld_loader_set_small_log() */
  gboolean           evidence_pending; /* then show the message at: */
  guint              evidence_input;
  guint64            evidence_line;
  GPtrArray         *files;           /* GFile: what the document was opened from */
  GCancellable      *cancellable;
  LdLoader          *job;             /* the load being run (ld-win-window-load.c) */
  LdLoader          *held_loader;     /* the last load's, its messages' parse on one
                                       * processor while the list fills */
  GdkFrameClock     *held_clock;      /* whose after-paint lets it go */
  gulong             held_paint_id;
  gboolean           load_waiting;    /* job begins once the loading page is drawn */
  GPtrArray         *early;           /* LdEarlyAttempt: those on the loading view's timeline */
  guint              early_shown;     /* how many */
  gint64             early_refreshed; /* monotonic time of its last refresh */
  gboolean           silent_load;     /* follow-mode reload: keep the document on screen */
  gboolean           recent_enabled;
  char              *initial_view;
  char              *initial_search;

  /* Layout (see ld-win-window.c: update_layout()) */
  gboolean           stacked;         /* the detail under the list, not beside it */
  gboolean           short_window;    /* too short for the timeline unless asked for */
  gboolean           wide_list;       /* the attempts list has room for whole kinds and modalities */
  gboolean           timeline_wanted; /* the user's choice (settings) */
  gboolean           timeline_forced; /* asked for on a short window */
  guint              layout_idle_id;

  /* Follow mode */
  GPtrArray         *monitors;        /* GFileMonitor */
  guint              reload_id;
  gint64             follow_since;    /* real time, for telling a rotation from old .bak files */
  gboolean           reload_pending;
};

static inline gboolean
_ld_win_attempt_is_failure (const LdAttempt *attempt)
{
  return attempt->outcome == LD_OUTCOME_FAILED || attempt->outcome == LD_OUTCOME_NO_RESPONSE;
}

/* ld-win-window.c */
void              _ld_win_window_set_state         (LdWinWindow *self,
                                                    LdWinState   state);
void              _ld_win_window_set_analysis      (LdWinWindow *self,
                                                    LdAnalysis  *analysis);
void              _ld_win_window_show_banner       (LdWinWindow *self,
                                                    const char  *text);
void              _ld_win_window_apply_initial_view (LdWinWindow *self);
void              _ld_win_window_show_timeline_change_state (GSimpleAction *action,
                                                             GVariant      *value,
                                                             gpointer       user_data);

/* ld-win-window-load.c */
void              _ld_win_window_release_messages  (LdWinWindow *self);
void              _ld_win_window_start_load        (LdWinWindow *self,
                                                    GPtrArray   *files,
                                                    gboolean     silent);
void              _ld_win_window_on_cancel_clicked (GtkButton   *button,
                                                    LdWinWindow *self);
void              _ld_win_window_messages_ready    (LdWinWindow *self);

/* ld-win-window-attempts.c */
void              _ld_win_window_setup_attempts    (LdWinWindow *self);
void              _ld_win_window_fit_attempt_columns (LdWinWindow *self);
void              _ld_win_window_clear_attempts    (LdWinWindow *self);
void              _ld_win_window_list_attempts     (LdWinWindow *self,
                                                    const LdAttempt *shown);
void              _ld_win_window_stop_filling      (LdWinWindow *self);
guint             _ld_win_window_selected_attempt_id (LdWinWindow *self);
void              _ld_win_window_step_failure      (LdWinWindow *self,
                                                    int          step);
void              _ld_win_window_on_attempt_selected (GtkSingleSelection *selection,
                                                      GParamSpec         *pspec,
                                                      LdWinWindow        *self);
void              _ld_win_window_on_failed_only_toggled (GtkCheckButton *check,
                                                         LdWinWindow    *self);

void              _ld_win_window_copy_attempts_action (GSimpleAction *action,
                                                       GVariant      *param,
                                                       gpointer       user_data);
void              _ld_win_window_copy_value_action (GSimpleAction *action,
                                                    GVariant      *param,
                                                    gpointer       user_data);
void              _ld_win_window_search_messages_action (GSimpleAction *action,
                                                         GVariant      *param,
                                                         gpointer       user_data);

/* ld-win-window-follow.c */
void              _ld_win_window_update_follow     (LdWinWindow *self);
void              _ld_win_window_stop_monitors     (LdWinWindow *self);
void              _ld_win_window_follow_change_state (GSimpleAction *action,
                                                      GVariant      *value,
                                                      gpointer       user_data);

/* ld-win-window-actions.c */
void              _ld_win_window_add_actions       (LdWinWindow *self);

/* ld-win-window-recent.c */
void              _ld_win_window_setup_recent      (LdWinWindow *self);
void              _ld_win_window_add_recent        (LdWinWindow *self,
                                                    GPtrArray   *files);
void              _ld_win_window_on_recent_activated (GtkListBox    *box,
                                                      GtkListBoxRow *row,
                                                      LdWinWindow   *self);

/* For tests */
LdWinState        ld_win_window_get_state          (LdWinWindow *self);
void              ld_win_window_cancel_load        (LdWinWindow *self);
gboolean          ld_win_window_select_attempt     (LdWinWindow *self,
                                                    guint        attempt_id);
guint             ld_win_window_get_n_listed_attempts (LdWinWindow *self);
gboolean          ld_win_window_is_filling         (LdWinWindow *self);
guint             ld_win_window_get_selected_attempt_id (LdWinWindow *self);
guint             ld_win_window_get_n_early_attempts (LdWinWindow *self);
gboolean          ld_win_window_shows_early_attempts (LdWinWindow *self);
LdWinTimeline    *ld_win_window_get_timeline       (LdWinWindow *self);
LdWinTimeline    *ld_win_window_get_early_timeline (LdWinWindow *self);
LdWinAttemptView *ld_win_window_get_attempt_view   (LdWinWindow *self);
LdWinMessages    *ld_win_window_get_messages       (LdWinWindow *self);
void              ld_win_window_set_small_log_messages (LdWinWindow *self,
                                                    guint        n);
const char       *ld_win_window_get_error_title    (LdWinWindow *self);
void              ld_win_window_set_recent_enabled (LdWinWindow *self,
                                                    gboolean     enabled);

G_END_DECLS
