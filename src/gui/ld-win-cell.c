/* ld-win-cell.c - one line of text in a cell of a long list
 *
 * GTK 4.8's list views keep widgets for 200 rows, not only the visible
 * ones, and measure every one of them. A GtkInscription, the cheapest
 * text widget GTK has, makes a Pango context of its own to be measured
 * and asks it for the font's metrics: in the attempts list, with nine
 * cells a row, that was most of what filling the list cost.
 *
 * A cell is one line high whatever its text, so it measures itself from
 * the metrics of its window's font, worked out once per font, and lays
 * its text out only when it is drawn, that is when it is on screen. Its
 * CSS still gives it its colour, weight and font features (it is styled
 * as a label, as GtkInscription is), but not its size: the lists give
 * none of their cells another font size.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-win-cell"

#include "config.h"

#include <math.h>

#include "ld-win-cell.h"

struct _LdWinCell
{
  GtkWidget           parent_instance;
  char               *text;
  PangoLayout        *layout;     /* made when first drawn */
  float               xalign;
  PangoEllipsizeMode  ellipsize;
};

G_DEFINE_FINAL_TYPE (LdWinCell, ld_win_cell, GTK_TYPE_WIDGET)

/* The height of a line of @context's font, kept on the context for as
 * long as the context is unchanged (a font or scale setting changes its
 * serial). */
typedef struct
{
  guint serial;
  int   height;
} LineHeight;

static int
line_height (PangoContext *context)
{
  static GQuark quark;
  LineHeight *cached;
  PangoFontMetrics *metrics;
  int height;

  if (quark == 0)
    quark = g_quark_from_static_string ("ld-win-cell-line-height");
  cached = g_object_get_qdata (G_OBJECT (context), quark);
  if (cached != NULL && cached->serial == pango_context_get_serial (context))
    return cached->height;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  height = pango_font_metrics_get_height (metrics);
  if (height <= 0)
    height = pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics);
  pango_font_metrics_unref (metrics);

  if (cached == NULL)
    {
      cached = g_new0 (LineHeight, 1);
      g_object_set_qdata_full (G_OBJECT (context), quark, cached, g_free);
    }
  cached->serial = pango_context_get_serial (context);
  cached->height = PANGO_PIXELS_CEIL (height);
  return cached->height;
}

static void
ld_win_cell_measure (GtkWidget      *widget,
                     GtkOrientation  orientation,
                     int             for_size,
                     int            *minimum,
                     int            *natural,
                     int            *minimum_baseline,
                     int            *natural_baseline)
{
  GtkRoot *root;

  *minimum = *natural = 0;
  *minimum_baseline = *natural_baseline = -1;
  /* As wide as its column makes it: the lists give every column a width. */
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    return;
  root = gtk_widget_get_root (widget);
  *minimum = *natural = line_height (gtk_widget_get_pango_context (root != NULL ? GTK_WIDGET (root) : widget));
}

static void
ld_win_cell_snapshot (GtkWidget   *widget,
                      GtkSnapshot *snapshot)
{
  LdWinCell *self = LD_WIN_CELL (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  PangoRectangle logical;
  GdkRGBA color;
  gboolean clip;
  float xalign = self->xalign;

  if (self->text == NULL || *self->text == '\0' || width <= 0)
    return;

  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_ellipsize (self->layout, self->ellipsize);
    }
  pango_layout_set_width (self->layout, width * PANGO_SCALE);
  pango_layout_get_pixel_extents (self->layout, NULL, &logical);

  /* Start and end swap places in right-to-left text. */
  if (gtk_widget_get_direction (widget) == GTK_TEXT_DIR_RTL)
    xalign = 1.0f - xalign;

  /* gtk_widget_get_color() is GTK 4.10. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS

  /* Too narrow even for the ellipsis: what does not fit is cut. */
  clip = logical.width > width;
  if (clip)
    gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (floorf ((width - logical.width) * xalign) - logical.x,
                                                floorf ((height - logical.height) / 2.0f)));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
  if (clip)
    gtk_snapshot_pop (snapshot);
}

/* A new style may bring another weight or features; the widget's Pango
 * context has them already, the layout made from it not yet. */
static void
ld_win_cell_css_changed (GtkWidget         *widget,
                         GtkCssStyleChange *change)
{
  LdWinCell *self = LD_WIN_CELL (widget);

  GTK_WIDGET_CLASS (ld_win_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
  gtk_widget_queue_draw (widget);
}

static void
ld_win_cell_direction_changed (GtkWidget        *widget,
                               GtkTextDirection  previous)
{
  LdWinCell *self = LD_WIN_CELL (widget);

  g_clear_object (&self->layout);
  GTK_WIDGET_CLASS (ld_win_cell_parent_class)->direction_changed (widget, previous);
}

/* GTK resizes only the widgets that have a Pango context of their own
 * when the font settings change; a cell that was never drawn has none,
 * and its height comes from its window's font. */
static void
ld_win_cell_system_setting_changed (GtkWidget        *widget,
                                    GtkSystemSetting  setting)
{
  LdWinCell *self = LD_WIN_CELL (widget);

  GTK_WIDGET_CLASS (ld_win_cell_parent_class)->system_setting_changed (widget, setting);
  if (setting == GTK_SYSTEM_SETTING_DPI || setting == GTK_SYSTEM_SETTING_FONT_NAME ||
      setting == GTK_SYSTEM_SETTING_FONT_CONFIG)
    {
      g_clear_object (&self->layout);
      gtk_widget_queue_resize (widget);
    }
}

static void
ld_win_cell_finalize (GObject *object)
{
  LdWinCell *self = LD_WIN_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (ld_win_cell_parent_class)->finalize (object);
}

static void
ld_win_cell_class_init (LdWinCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = ld_win_cell_finalize;
  widget_class->measure = ld_win_cell_measure;
  widget_class->snapshot = ld_win_cell_snapshot;
  widget_class->css_changed = ld_win_cell_css_changed;
  widget_class->direction_changed = ld_win_cell_direction_changed;
  widget_class->system_setting_changed = ld_win_cell_system_setting_changed;
  gtk_widget_class_set_css_name (widget_class, "label");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
ld_win_cell_init (LdWinCell *self)
{
}

/**
 * ld_win_cell_new:
 * @xalign: where a short text sits, 0 at the start to 1 at the end
 * @ellipsize: where a long text is shortened
 *
 * Returns: (transfer floating): a new cell with no text
 */
GtkWidget *
ld_win_cell_new (float              xalign,
                 PangoEllipsizeMode ellipsize)
{
  LdWinCell *self = g_object_new (LD_WIN_TYPE_CELL, NULL);

  self->xalign = xalign;
  self->ellipsize = ellipsize;
  return GTK_WIDGET (self);
}

/**
 * ld_win_cell_set_text:
 * @self: a cell
 * @text: (nullable): the text it shows, one line
 *
 * Sets what the cell shows. The cell keeps its size.
 */
void
ld_win_cell_set_text (LdWinCell  *self,
                      const char *text)
{
  g_return_if_fail (LD_WIN_IS_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  if (self->layout != NULL)
    pango_layout_set_text (self->layout, text ? text : "", -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text ? text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * ld_win_cell_get_text:
 * @self: a cell
 *
 * Returns: (nullable): what the cell shows
 */
const char *
ld_win_cell_get_text (LdWinCell *self)
{
  g_return_val_if_fail (LD_WIN_IS_CELL (self), NULL);

  return self->text;
}

/**
 * ld_win_cell_column_width:
 * @widget: a widget with the list's font
 * @texts: (array zero-terminated=1): the texts the column shows
 * @bold: whether they may be shown in bold
 * @minimum: the narrowest the column may be
 *
 * A column's width that shows the widest of @texts whole, in the user's
 * language: the cells' padding and the column's border added.
 *
 * Returns: the width in pixels
 */
int
ld_win_cell_column_width (GtkWidget          *widget,
                          const char * const *texts,
                          gboolean            bold,
                          int                 minimum)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  int widest = 0;

  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  for (guint i = 0; texts[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, texts[i]);
      int width = 0;

      pango_layout_set_attributes (layout, attrs);
      pango_layout_get_pixel_size (layout, &width, NULL);
      widest = MAX (widest, width);
    }
  /* 12 pixels of cell padding, a few for the column's border and rounding. */
  return MAX (minimum, widest + 20);
}
