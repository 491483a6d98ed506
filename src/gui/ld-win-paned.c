/* ld-win-paned.c - panes that share their space by proportion, and remember it
 *
 * A GtkPaned keeps its divider at a pixel position: the 760 px attempts
 * list of a 1280 px window left the detail a 30 px strip at 800 px, and
 * 204 px of timeline were a third of a small screen. A pane kept here
 * holds a fraction of the space instead: set again whenever the space
 * changes (its max-position), taken from the divider when the user drags
 * it, and saved in a GSettings key (type "d") when there is one.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-paned"

#include "config.h"

#include "ld-win-paned.h"

typedef struct
{
  GtkPaned  *paned;      /* unowned: the fraction is the paned's data */
  GSettings *settings;   /* nullable */
  char      *key;
  double     fraction;
  gboolean   applying;   /* the position being set from the fraction */
  int        max;        /* max-position the fraction was last applied to */
  guint      idle_id;
} Fraction;

static GQuark
fraction_quark (void)
{
  return g_quark_from_static_string ("ld-win-paned-fraction");
}

static void
fraction_free (Fraction *f)
{
  g_clear_handle_id (&f->idle_id, g_source_remove);
  g_clear_object (&f->settings);
  g_free (f->key);
  g_free (f);
}

static void
apply (GtkPaned *paned,
       Fraction *f)
{
  int max = 0;

  g_object_get (paned, "max-position", &max, NULL);
  if (max <= 0)
    return;
  f->max = max;
  f->applying = TRUE;
  gtk_paned_set_position (paned, (int) (f->fraction * max + 0.5));
  f->applying = FALSE;
}

static gboolean
apply_idle (gpointer data)
{
  Fraction *f = data;

  f->idle_id = 0;
  /* A paned that is not on screen (a page of a stack not shown) is
   * arranged when it is: a position set while it is hidden left it
   * waiting for an allocation GTK 4.8 never gave. */
  if (gtk_widget_get_mapped (GTK_WIDGET (f->paned)))
    {
      apply (f->paned, f);
      gtk_widget_queue_resize (GTK_WIDGET (f->paned));
    }
  return G_SOURCE_REMOVE;
}

/* The space changed in an allocation: the divider moves right after it,
 * not inside it (a position set while GTK allocates is not redrawn),
 * unless the window settles it first and allocates again
 * (ld_win_paned_settle()). */
static void
on_max_position (GtkPaned   *paned,
                 GParamSpec *pspec,
                 Fraction   *f)
{
  if (f->idle_id == 0)
    f->idle_id = g_idle_add_full (G_PRIORITY_HIGH, apply_idle, f, NULL);
}

static void
on_map (GtkWidget *paned,
        Fraction  *f)
{
  if (f->idle_id == 0)
    f->idle_id = g_idle_add_full (G_PRIORITY_HIGH, apply_idle, f, NULL);
}

static void
on_position (GtkPaned   *paned,
             GParamSpec *pspec,
             Fraction   *f)
{
  int max = 0;
  double fraction;

  g_object_get (paned, "max-position", &max, NULL);
  /* Not from the user: while the pane is being laid out, or set here. */
  if (f->applying || max <= 0 || max != f->max || !gtk_widget_get_mapped (GTK_WIDGET (paned)))
    return;
  fraction = CLAMP ((double) gtk_paned_get_position (paned) / max, 0.05, 0.95);
  if (fraction == f->fraction)
    return;
  f->fraction = fraction;
  if (f->settings != NULL)
    g_settings_set_double (f->settings, f->key, fraction);
}

/**
 * ld_win_paned_keep_fraction:
 * @paned: a paned
 * @settings: (nullable): where the fraction is kept
 * @key: its key in @settings (type "d")
 * @fallback: the fraction without @settings
 *
 * From now on @paned gives its start child this fraction of its space,
 * whatever its size, until the user drags the divider elsewhere. Called
 * again, the new key replaces the old.
 */
void
ld_win_paned_keep_fraction (GtkPaned   *paned,
                            GSettings  *settings,
                            const char *key,
                            double      fallback)
{
  Fraction *old = g_object_get_qdata (G_OBJECT (paned), fraction_quark ());
  Fraction *f = g_new0 (Fraction, 1);

  /* Called again (another layout, another key): the new key rules. */
  if (old != NULL)
    {
      g_signal_handlers_disconnect_by_data (paned, old);
      g_clear_handle_id (&old->idle_id, g_source_remove);
    }
  f->paned = paned;
  f->settings = settings != NULL ? g_object_ref (settings) : NULL;
  f->key = g_strdup (key);
  f->fraction = settings != NULL ? g_settings_get_double (settings, key) : fallback;
  g_object_set_qdata_full (G_OBJECT (paned), fraction_quark (), f, (GDestroyNotify) fraction_free);
  g_signal_connect (paned, "notify::max-position", G_CALLBACK (on_max_position), f);
  g_signal_connect (paned, "notify::position", G_CALLBACK (on_position), f);
  g_signal_connect (paned, "map", G_CALLBACK (on_map), f);
  if (gtk_widget_get_mapped (GTK_WIDGET (paned)))
    apply (paned, f);
}

/**
 * ld_win_paned_settle:
 * @paned: a paned kept by ld_win_paned_keep_fraction()
 *
 * Called by the window right after it allocated its children: a pane
 * just shown, or whose space changed, gets its fraction in this layout,
 * not in the next frame.
 *
 * Returns: %TRUE when the divider moved (the frame clock lays the window
 *   out again before it paints)
 */
gboolean
ld_win_paned_settle (GtkPaned *paned)
{
  Fraction *f = g_object_get_qdata (G_OBJECT (paned), fraction_quark ());
  int max = 0, before;

  if (f == NULL || !gtk_widget_get_mapped (GTK_WIDGET (paned)))
    return FALSE;
  g_object_get (paned, "max-position", &max, NULL);
  if (max <= 0 || max == f->max)
    return FALSE;
  before = gtk_paned_get_position (paned);
  apply (paned, f);
  g_clear_handle_id (&f->idle_id, g_source_remove);
  return gtk_paned_get_position (paned) != before;
}

double
ld_win_paned_get_fraction (GtkPaned *paned)
{
  Fraction *f = g_object_get_qdata (G_OBJECT (paned), fraction_quark ());

  return f != NULL ? f->fraction : -1;
}

/* Puts the divider at @fraction now, and keeps it there (not saved:
 * a new layout's own proportion, e.g. after the pane turned). */
void
ld_win_paned_set_fraction (GtkPaned *paned,
                           double    fraction)
{
  Fraction *f = g_object_get_qdata (G_OBJECT (paned), fraction_quark ());

  g_return_if_fail (f != NULL);
  f->fraction = CLAMP (fraction, 0.05, 0.95);
  f->max = 0;
  if (gtk_widget_get_mapped (GTK_WIDGET (paned)))
    apply (paned, f);
}
