/* ld-win-ladder.c - the call flow widget of one attempt
 *
 * Drawing is the core's (ld-ladder.c), shared with the PDF report; the
 * widget adds clicks and arrow keys to pick a message.
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
};

G_DEFINE_FINAL_TYPE (LdWinLadder, ld_win_ladder, GTK_TYPE_WIDGET)

enum {
  MESSAGE_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
ld_win_ladder_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  LdWinLadder *self = LD_WIN_LADDER (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (self->attempt == NULL || width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  ld_ladder_draw (cr, self->attempt, width, self->selected, ld_win_widget_is_dark (widget));
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
      *minimum = 420;
      *natural = 640;
    }
  else
    *minimum = *natural = self->attempt ? (int) ld_ladder_measure (self->attempt, for_size) : 0;
}

static void
select_and_emit (LdWinLadder *self,
                 int          index)
{
  if (self->attempt == NULL || index < 0 || (guint) index >= self->attempt->messages->len)
    return;
  ld_win_ladder_set_selected (self, index);
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
  select_and_emit (self, ld_ladder_hit (self->attempt, gtk_widget_get_width (GTK_WIDGET (self)), x, y));
}

static gboolean
on_key_pressed (GtkEventControllerKey *key,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                LdWinLadder           *self)
{
  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    {
      select_and_emit (self, self->selected + 1);
      return TRUE;
    }
  if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    {
      select_and_emit (self, MAX (self->selected - 1, 0));
      return TRUE;
    }
  return FALSE;
}

static void
ld_win_ladder_class_init (LdWinLadderClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = ld_win_ladder_snapshot;
  widget_class->measure = ld_win_ladder_measure;

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
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
ld_win_ladder_set_selected (LdWinLadder *self,
                            int          index)
{
  g_return_if_fail (LD_WIN_IS_LADDER (self));

  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

int
ld_win_ladder_get_selected (LdWinLadder *self)
{
  return self->selected;
}
