/* ld-win-ladder.c - the call flow widget: lanes that stay in view, rows that scroll
 *
 * Drawing is the core's (ld-ladder.c), shared with the PDF report; the
 * widget adds clicks and arrow keys to pick a message. It scrolls itself
 * (GtkScrollable): the lane header (who is who) stays at the top while the
 * rows move under it, and only the rows in view are drawn, so a dialog of
 * thousands of messages costs what a screenful does.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-ladder"

#include "config.h"

#include <glib/gi18n.h>

#include "ld-ladder.h"
#include "ld-win-ladder.h"
#include "ld-win-style.h"

struct _LdWinLadder
{
  GtkWidget        parent_instance;
  const LdAttempt *attempt;
  int              selected;
  GtkAdjustment   *hadjustment;
  GtkAdjustment   *vadjustment;
  guint            hscroll_policy : 1;
  guint            vscroll_policy : 1;
  guint            scroll_pending : 1;  /* the selected row, once there is room */
  int              last_height;         /* the height the rows were last fitted to */
};

enum {
  PROP_0,
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE_WITH_CODE (LdWinLadder, ld_win_ladder, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

enum {
  MESSAGE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The lane header's height: where the first row starts. */
static double
header_height (LdWinLadder *self)
{
  return self->attempt ? ld_ladder_get_row_y (self->attempt, gtk_widget_get_width (GTK_WIDGET (self)), 0) : 0;
}

static double
scroll_offset (LdWinLadder *self)
{
  return self->vadjustment ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
ld_win_ladder_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LdWinLadder *self = LD_WIN_LADDER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double head = header_height (self);
  gboolean dark = ld_win_widget_is_dark (widget);
  cairo_t *cr;

  if (self->attempt == NULL || width <= 0 || height <= 0)
    return;

  /* The rows in view, under the header: the cairo node's bounds are the
   * clip ld_ladder_draw() lays out rows for. */
  if (height > head)
    {
      cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, head, width, height - head));
      cairo_translate (cr, 0, -scroll_offset (self));
      ld_ladder_draw (cr, self->attempt, width, self->selected, dark);
      cairo_destroy (cr);
    }

  /* The lanes' names, always at the top. */
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, MIN (head, height)));
  ld_ladder_draw (cr, self->attempt, width, -1, dark);
  cairo_destroy (cr);
}

static void
ld_win_ladder_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  LdWinLadder *self = LD_WIN_LADDER (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 360;
      *natural = 640;
    }
  else
    {
      /* The header and a row or two; it scrolls the rest. */
      *minimum = (int) header_height (self) + 40;
      *natural = MAX (*minimum, self->attempt ? (int) ld_ladder_measure (self->attempt, for_size) : 0);
    }
}

static void
configure_adjustments (LdWinLadder *self)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double head = header_height (self);
  double rows = self->attempt ? ld_ladder_measure (self->attempt, width) - head : 0;
  double page = MAX (height - head, 0);

  if (self->vadjustment != NULL)
    gtk_adjustment_configure (self->vadjustment,
                              CLAMP (gtk_adjustment_get_value (self->vadjustment), 0, MAX (rows - page, 0)),
                              0, MAX (rows, page), 38, page * 0.9, page);
  if (self->hadjustment != NULL)
    gtk_adjustment_configure (self->hadjustment, 0, 0, width, width * 0.1, width * 0.9, width);
}

static void scroll_to_row (LdWinLadder *self,
                           int          index);

static void
ld_win_ladder_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  LdWinLadder *self = LD_WIN_LADDER (widget);

  configure_adjustments (self);
  /* A message picked while the flow was not on screen (a double-click in
   * Messages, a finding's button) is scrolled to when it shows, and kept
   * in view while the ladder's height changes (the panes settling, the
   * window resized). */
  if ((self->scroll_pending || height != self->last_height) && width > 0 && self->vadjustment != NULL &&
      gtk_adjustment_get_page_size (self->vadjustment) > 0)
    {
      self->scroll_pending = FALSE;
      self->last_height = height;
      scroll_to_row (self, self->selected);
    }
}

/* Scrolls so that message @index shows below the header. */
static void
scroll_to_row (LdWinLadder *self,
               int          index)
{
  double head = header_height (self);
  double top, bottom, value, page;

  if (self->attempt == NULL || self->vadjustment == NULL || index < 0)
    return;
  top = ld_ladder_get_row_y (self->attempt, gtk_widget_get_width (GTK_WIDGET (self)), index) - head;
  bottom = ld_ladder_get_row_y (self->attempt, gtk_widget_get_width (GTK_WIDGET (self)), index + 1) - head;
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  /* A row taller than the view shows from its top (its message's name). */
  if (top < value || bottom - top > page)
    gtk_adjustment_set_value (self->vadjustment, top);
  else if (bottom > value + page)
    gtk_adjustment_set_value (self->vadjustment, bottom - page);
}

static void
select_and_emit (LdWinLadder *self,
                 int          index)
{
  if (self->attempt == NULL || index < 0 || (guint) index >= self->attempt->messages->len)
    return;
  ld_win_ladder_set_selected (self, index);
  scroll_to_row (self, index);
  g_signal_emit (self, signals[MESSAGE_ACTIVATED], 0, index);
}

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            LdWinLadder     *self)
{
  if (self->attempt == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  /* The header names the lanes; it is not a message. */
  if (y < header_height (self))
    return;
  select_and_emit (self, ld_ladder_hit (self->attempt, gtk_widget_get_width (GTK_WIDGET (self)),
                                        x, y + scroll_offset (self)));
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LdWinLadder           *self)
{
  if (self->attempt == NULL)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      select_and_emit (self, self->selected + 1);
      return TRUE;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      select_and_emit (self, MAX (self->selected - 1, 0));
      return TRUE;
    case GDK_KEY_Home:
      select_and_emit (self, 0);
      return TRUE;
    case GDK_KEY_End:
      select_and_emit (self, (int) self->attempt->messages->len - 1);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
on_adjustment_changed (GtkAdjustment *adjustment,
                       LdWinLadder   *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (LdWinLadder    *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  configure_adjustments (self);
}

static void
ld_win_ladder_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  LdWinLadder *self = LD_WIN_LADDER (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_win_ladder_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  LdWinLadder *self = LD_WIN_LADDER (object);

  switch (prop_id)
    {
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;
    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
ld_win_ladder_dispose (GObject *object)
{
  LdWinLadder *self = LD_WIN_LADDER (object);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  G_OBJECT_CLASS (ld_win_ladder_parent_class)->dispose (object);
}

static void
ld_win_ladder_class_init (LdWinLadderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = ld_win_ladder_get_property;
  object_class->set_property = ld_win_ladder_set_property;
  object_class->dispose = ld_win_ladder_dispose;
  widget_class->snapshot = ld_win_ladder_snapshot;
  widget_class->measure = ld_win_ladder_measure;
  widget_class->size_allocate = ld_win_ladder_size_allocate;

  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[MESSAGE_ACTIVATED] =
    g_signal_new ("message-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_set_css_name (widget_class, "ladder");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
ld_win_ladder_init (LdWinLadder *self)
{
  GtkGesture *gesture;
  GtkEventController *controller;

  self->selected = -1;
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gesture = gtk_gesture_click_new ();
  g_signal_connect (gesture, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Call flow"),
                                  -1);
}

GtkWidget *
ld_win_ladder_new (void)
{
  return g_object_new (LD_WIN_TYPE_LADDER, NULL);
}

void
ld_win_ladder_set_attempt (LdWinLadder     *self,
                           const LdAttempt *attempt)
{
  g_return_if_fail (LD_WIN_IS_LADDER (self));

  self->attempt = attempt;
  self->selected = -1;
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ld_win_ladder_set_selected (LdWinLadder *self,
                            int          index)
{
  g_return_if_fail (LD_WIN_IS_LADDER (self));

  self->selected = index;
  if (gtk_widget_get_width (GTK_WIDGET (self)) > 0 && self->vadjustment != NULL &&
      gtk_adjustment_get_page_size (self->vadjustment) > 0)
    scroll_to_row (self, index);
  else
    self->scroll_pending = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
ld_win_ladder_get_selected (LdWinLadder *self)
{
  return self->selected;
}

const LdAttempt *
ld_win_ladder_get_attempt (LdWinLadder *self)
{
  g_return_val_if_fail (LD_WIN_IS_LADDER (self), NULL);
  return self->attempt;
}

/**
 * ld_win_ladder_row_is_visible:
 * @self: a ladder
 * @index: a message of its attempt
 *
 * Returns: whether message @index's row lies whole in the part of the
 *   ladder on screen, below the lane header (from its top, when it is
 *   taller than that part)
 */
gboolean
ld_win_ladder_row_is_visible (LdWinLadder *self,
                              int          index)
{
  double head, top, bottom, value, page;
  int width;

  g_return_val_if_fail (LD_WIN_IS_LADDER (self), FALSE);

  width = gtk_widget_get_width (GTK_WIDGET (self));
  if (self->attempt == NULL || self->vadjustment == NULL || index < 0 || width <= 0)
    return FALSE;
  head = header_height (self);
  top = ld_ladder_get_row_y (self->attempt, width, index) - head;
  bottom = ld_ladder_get_row_y (self->attempt, width, index + 1) - head;
  value = gtk_adjustment_get_value (self->vadjustment);
  page = gtk_adjustment_get_page_size (self->vadjustment);
  /* Whole, or from its top when it is taller than the view. */
  return page > 0 && top >= value - 0.5 && MIN (bottom, top + page) <= value + page + 0.5;
}
