/* ld-win-timeline.c - the timeline widget: every attempt on a zoomable time axis
 *
 * Layout and drawing live in the core (ld-timeline.c, ld-timeline-draw.c) so the PDF report
 * shows the same picture; this widget adds the mouse and the keyboard.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-timeline.h"
#include "ld-win-timeline.h"
#include "ld-win-style.h"

struct _LdWinTimeline
{
  GtkWidget   parent_instance;
  LdTimeline *timeline;
  guint       selected;
  guint       hover;
  double      drag_from;
  double      drag_to;
  double      pointer_x;
  gboolean    selected_shown; /* the timeline has @selected and shows it */
  GPtrArray  *early;          /* what an early timeline lays out (it holds the reference) */
  /* Draws nothing until the frame after the one that first shows it:
   * see ld_win_timeline_hold_a_frame(). */
  gboolean    held;
  GtkWidget  *hold_root;      /* whose frames are counted, while held (weak) */
  guint       hold_tick_id;
  gint64      hold_frame;     /* the root's frame when the hold began */
};

G_DEFINE_FINAL_TYPE (LdWinTimeline, ld_win_timeline, GTK_TYPE_WIDGET)

enum {
  ATTEMPT_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ld_win_timeline_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  LdWinTimeline *self = LD_WIN_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->timeline == NULL || self->held || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ld_timeline_draw (self->timeline, cr, width, height, ld_win_widget_is_dark (widget));
  cairo_destroy (cr);
}

static void
ld_win_timeline_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 320;
      *natural = 800;
    }
  else
    {
      *minimum = 120;
      *natural = (int) ld_timeline_get_natural_height ();
    }
}

static double
anchor_for_x (LdWinTimeline *self,
              double         x)
{
  double plot_x = ld_timeline_get_label_width ();
  double plot_w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - plot_x - 8, 10);

  return CLAMP ((x - plot_x) / plot_w, 0.0, 1.0);
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           LdWinTimeline            *self)
{
  guint hit;

  self->pointer_x = x;
  if (self->timeline == NULL)
    return;
  hit = ld_timeline_hit (self->timeline, x, y,
                         gtk_widget_get_width (GTK_WIDGET (self)),
                         gtk_widget_get_height (GTK_WIDGET (self)));
  if (hit != self->hover)
    {
      self->hover = hit;
      ld_timeline_set_hover (self->timeline, hit);
      gtk_widget_set_cursor_from_name (GTK_WIDGET (self), hit ? "pointer" : NULL);
      gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
on_leave (GtkEventControllerMotion *motion,
          LdWinTimeline            *self)
{
  if (self->hover != 0 && self->timeline != NULL)
    {
      self->hover = 0;
      ld_timeline_set_hover (self->timeline, 0);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static gboolean
on_query_tooltip (GtkWidget     *widget,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  LdWinTimeline *self)
{
  g_autofree char *text = NULL;
  guint hit;

  if (self->timeline == NULL)
    return FALSE;
  hit = keyboard ? self->selected
                 : ld_timeline_hit (self->timeline, x, y, gtk_widget_get_width (widget),
                                    gtk_widget_get_height (widget));
  if (hit == 0)
    return FALSE;
  text = ld_timeline_dup_summary (self->timeline, hit);
  if (text == NULL)
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_released (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   LdWinTimeline   *self)
{
  guint hit;

  if (self->timeline == NULL)
    return;
  /* A drag that moved the view is not a click. */
  if (ABS (self->drag_to - self->drag_from) > 3)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  hit = ld_timeline_hit (self->timeline, x, y,
                         gtk_widget_get_width (GTK_WIDGET (self)),
                         gtk_widget_get_height (GTK_WIDGET (self)));
  if (hit != 0)
    g_signal_emit (self, signals[ATTEMPT_ACTIVATED], 0, hit);
}

static void
on_drag_begin (GtkGestureDrag *gesture,
               double          x,
               double          y,
               LdWinTimeline  *self)
{
  self->drag_from = 0;
  self->drag_to = 0;
}

static void
on_drag_update (GtkGestureDrag *gesture,
                double          dx,
                double          dy,
                LdWinTimeline  *self)
{
  double plot_w = MAX (gtk_widget_get_width (GTK_WIDGET (self)) - ld_timeline_get_label_width () - 8, 10);

  if (self->timeline == NULL)
    return;
  ld_timeline_pan (self->timeline, -(dx - self->drag_to) / plot_w);
  self->drag_to = dx;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
on_scroll (GtkEventControllerScroll *scroll,
           double                    dx,
           double                    dy,
           LdWinTimeline            *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (scroll));

  if (self->timeline == NULL)
    return FALSE;

  /* Wheel zooms around the pointer, as in maps and profilers; Shift or a
   * horizontal scroll pans. */
  if ((state & GDK_SHIFT_MASK) != 0 || dx != 0)
    ld_timeline_pan (self->timeline, (dx != 0 ? dx : dy) * 0.1);
  else
    ld_timeline_zoom (self->timeline, dy < 0 ? 1.25 : 0.8, anchor_for_x (self, self->pointer_x));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LdWinTimeline         *self)
{
  switch (keyval)
    {
    case GDK_KEY_Left:
      ld_win_timeline_pan (self, -0.2);
      return TRUE;
    case GDK_KEY_Right:
      ld_win_timeline_pan (self, 0.2);
      return TRUE;
    case GDK_KEY_plus:
    case GDK_KEY_equal:
    case GDK_KEY_KP_Add:
      ld_win_timeline_zoom (self, 1.5);
      return TRUE;
    case GDK_KEY_minus:
    case GDK_KEY_KP_Subtract:
      ld_win_timeline_zoom (self, 1 / 1.5);
      return TRUE;
    case GDK_KEY_Home:
      ld_win_timeline_reset_zoom (self);
      return TRUE;
    default:
      return FALSE;
    }
}

static void let_go (LdWinTimeline *self);

static void
ld_win_timeline_dispose (GObject *object)
{
  let_go (LD_WIN_TIMELINE (object));
  G_OBJECT_CLASS (ld_win_timeline_parent_class)->dispose (object);
}

static void
ld_win_timeline_finalize (GObject *object)
{
  LdWinTimeline *self = LD_WIN_TIMELINE (object);

  g_clear_pointer (&self->timeline, ld_timeline_free);
  self->early = NULL;
  G_OBJECT_CLASS (ld_win_timeline_parent_class)->finalize (object);
}

static void
ld_win_timeline_class_init (LdWinTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = ld_win_timeline_dispose;
  object_class->finalize = ld_win_timeline_finalize;
  widget_class->snapshot = ld_win_timeline_snapshot;
  widget_class->measure = ld_win_timeline_measure;

  signals[ATTEMPT_ACTIVATED] =
    g_signal_new ("attempt-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ld_win_timeline_init (LdWinTimeline *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (controller, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_drag_new ();
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (on_drag_update), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Timeline of join attempts"),
                                  -1);
}

GtkWidget *
ld_win_timeline_new (void)
{
  return g_object_new (LD_WIN_TYPE_TIMELINE, NULL);
}

void
ld_win_timeline_set_analysis (LdWinTimeline *self,
                              LdAnalysis    *analysis)
{
  double from = 0, to = 1;
  gboolean keep_view = FALSE;

  g_return_if_fail (LD_WIN_IS_TIMELINE (self));

  /* A reload in follow mode keeps the user's zoom. */
  if (self->timeline != NULL && analysis != NULL)
    {
      ld_timeline_get_view (self->timeline, &from, &to);
      keep_view = to - from < 1.0;
    }
  g_clear_pointer (&self->timeline, ld_timeline_free);
  self->early = NULL;
  self->hover = 0;
  self->selected_shown = FALSE;
  if (analysis != NULL)
    {
      self->timeline = ld_timeline_new (analysis);
      ld_timeline_set_selected (self->timeline, self->selected);
      if (keep_view)
        ld_timeline_set_view (self->timeline, from, to);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ld_win_timeline_set_early:
 * @early: (element-type LdEarlyAttempt) (transfer none): attempts seen
 *   so far while a log is read
 *
 * Shows attempts before their outcome is known, drawn as pending.
 */
void
ld_win_timeline_set_early (LdWinTimeline *self,
                           GPtrArray     *early)
{
  g_return_if_fail (LD_WIN_IS_TIMELINE (self));
  g_return_if_fail (early != NULL);

  g_clear_pointer (&self->timeline, ld_timeline_free);
  self->early = NULL;
  self->hover = 0;
  self->selected_shown = FALSE;
  self->timeline = ld_timeline_new_early (early);
  self->early = early;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ld_win_timeline_add_early:
 * @early: (element-type LdEarlyAttempt) (transfer none): the attempts seen
 *   so far, those given to ld_win_timeline_set_early() or this before and
 *   more after them
 *
 * Shows the attempts added to @early since it was last given: laid out
 * with the others, without laying those out again. An array it was not
 * given before is shown as ld_win_timeline_set_early() shows it.
 */
void
ld_win_timeline_add_early (LdWinTimeline *self,
                           GPtrArray     *early)
{
  g_return_if_fail (LD_WIN_IS_TIMELINE (self));
  g_return_if_fail (early != NULL);

  if (self->timeline == NULL || self->early != early)
    {
      ld_win_timeline_set_early (self, early);
      return;
    }
  ld_timeline_add_early (self->timeline);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ld_win_timeline_set_selected (LdWinTimeline *self,
                              guint          attempt_id)
{
  g_return_if_fail (LD_WIN_IS_TIMELINE (self));

  /* The same attempt again (the list selects the row of the attempt the
   * window showed first, once it is listed): nothing to draw anew, and a
   * large log's timeline takes a good part of a frame to draw. */
  if (attempt_id == self->selected && self->selected_shown)
    return;
  self->selected = attempt_id;
  self->selected_shown = self->timeline != NULL;
  if (self->timeline != NULL)
    {
      ld_timeline_set_selected (self->timeline, attempt_id);
      ld_timeline_show_attempt (self->timeline, attempt_id);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Ends a hold: the timeline draws again. */
static void
let_go (LdWinTimeline *self)
{
  if (self->hold_tick_id != 0 && self->hold_root != NULL)
    gtk_widget_remove_tick_callback (self->hold_root, self->hold_tick_id);
  self->hold_tick_id = 0;
  g_clear_weak_pointer (&self->hold_root);
  if (!self->held)
    return;
  self->held = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static gboolean
let_go_tick (GtkWidget     *root,
             GdkFrameClock *clock,
             gpointer       user_data)
{
  LdWinTimeline *self = user_data;

  if (gdk_frame_clock_get_frame_counter (clock) <= self->hold_frame + 1)
    return G_SOURCE_CONTINUE;
  /* Removed by returning: let_go() must not remove it again. */
  self->hold_tick_id = 0;
  let_go (self);
  return G_SOURCE_REMOVE;
}

/**
 * ld_win_timeline_hold_a_frame:
 *
 * The frame that first shows a new document, or the loading page's list
 * of attempts, lays out and draws all of the window anew, the costliest
 * of a load, and a large log's timeline (tens of thousands of attempts)
 * took a fifth of it. Held, the timeline keeps its attempts, view and
 * selection and answers as usual, but draws nothing in the next frame;
 * it draws in the one after. Nothing is held when the timeline is not on
 * a realized window yet.
 */
void
ld_win_timeline_hold_a_frame (LdWinTimeline *self)
{
  GtkWidget *root;

  g_return_if_fail (LD_WIN_IS_TIMELINE (self));

  let_go (self);
  root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  if (root == NULL || !gtk_widget_get_realized (root))
    return;
  /* Counted on the window, which draws whether or not this page is shown
   * yet: a timeline that is not mapped gets no ticks of its own. */
  g_set_weak_pointer (&self->hold_root, root);
  self->hold_frame = gdk_frame_clock_get_frame_counter (gtk_widget_get_frame_clock (root));
  self->held = TRUE;
  self->hold_tick_id = gtk_widget_add_tick_callback (root, let_go_tick, self, NULL);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gboolean
ld_win_timeline_is_held (LdWinTimeline *self)
{
  g_return_val_if_fail (LD_WIN_IS_TIMELINE (self), FALSE);
  return self->held;
}

guint
ld_win_timeline_get_n_attempts (LdWinTimeline *self)
{
  g_return_val_if_fail (LD_WIN_IS_TIMELINE (self), 0);
  return self->timeline ? ld_timeline_get_n_attempts (self->timeline) : 0;
}

void
ld_win_timeline_zoom (LdWinTimeline *self,
                      double         factor)
{
  if (self->timeline == NULL)
    return;
  ld_timeline_zoom (self->timeline, factor, 0.5);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ld_win_timeline_reset_zoom (LdWinTimeline *self)
{
  if (self->timeline == NULL)
    return;
  ld_timeline_set_view (self->timeline, 0, 1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
ld_win_timeline_pan (LdWinTimeline *self,
                     double         fraction)
{
  if (self->timeline == NULL)
    return;
  ld_timeline_pan (self->timeline, fraction);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
