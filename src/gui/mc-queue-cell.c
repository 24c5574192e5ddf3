/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-queue-cell.h"

/* One line of text in a queue cell. GtkListView on GTK 4.8 keeps about 200 rows bound around
 * the visible ones and measures every cell of them after each change of the list; with
 * GtkLabel that is 1,800 text layouts per view switch, most for rows nobody sees. This cell has
 * a constant height (one line of its font), asks no width of its own (the columns have fixed
 * widths), and lays its text out only when it is drawn, ellipsized to its width. */

struct _McQueueCell
{
  GtkWidget parent_instance;

  char *text;
  PangoLayout *layout;   /* made on the first snapshot after a change */
  int line_height;       /* pixels; 0 until measured */
};

G_DEFINE_FINAL_TYPE (McQueueCell, mc_queue_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mc_queue_cell_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  McQueueCell *self = MC_QUEUE_CELL (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = *natural = 0;
      return;
    }
  if (self->line_height == 0)
    {
      PangoContext *context = gtk_widget_get_pango_context (widget);
      PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);

      self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
      if (self->line_height == 0)
        self->line_height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) +
                                               pango_font_metrics_get_descent (metrics));
      pango_font_metrics_unref (metrics);
    }
  *minimum = *natural = self->line_height;
}

static void
mc_queue_cell_size_allocate (GtkWidget *widget,
                             int        width,
                             int        height,
                             int        baseline)
{
  McQueueCell *self = MC_QUEUE_CELL (widget);

  if (self->layout != NULL)
    pango_layout_set_width (self->layout, width * PANGO_SCALE);
}

static void
mc_queue_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  McQueueCell *self = MC_QUEUE_CELL (widget);
  GdkRGBA color;
  int height;

  if (self->text == NULL || *self->text == '\0')
    return;
  if (self->layout == NULL)
    {
      self->layout = gtk_widget_create_pango_layout (widget, self->text);
      pango_layout_set_ellipsize (self->layout, PANGO_ELLIPSIZE_END);
      pango_layout_set_single_paragraph_mode (self->layout, TRUE);
      pango_layout_set_width (self->layout, gtk_widget_get_width (widget) * PANGO_SCALE);
    }
  pango_layout_get_pixel_size (self->layout, NULL, &height);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, (gtk_widget_get_height (widget) - height) / 2));
  gtk_snapshot_append_layout (snapshot, self->layout, &color);
  gtk_snapshot_restore (snapshot);
}

/* A new font (size, family) invalidates the line height and the layout. */
static void
mc_queue_cell_css_changed (GtkWidget         *widget,
                           GtkCssStyleChange *change)
{
  McQueueCell *self = MC_QUEUE_CELL (widget);

  GTK_WIDGET_CLASS (mc_queue_cell_parent_class)->css_changed (widget, change);
  g_clear_object (&self->layout);
  self->line_height = 0;
  gtk_widget_queue_resize (widget);
}

static void
mc_queue_cell_finalize (GObject *object)
{
  McQueueCell *self = MC_QUEUE_CELL (object);

  g_clear_object (&self->layout);
  g_free (self->text);
  G_OBJECT_CLASS (mc_queue_cell_parent_class)->finalize (object);
}

static void
mc_queue_cell_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  McQueueCell *self = MC_QUEUE_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_queue_cell_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  McQueueCell *self = MC_QUEUE_CELL (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mc_queue_cell_set_text (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_queue_cell_class_init (McQueueCellClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mc_queue_cell_finalize;
  object_class->get_property = mc_queue_cell_get_property;
  object_class->set_property = mc_queue_cell_set_property;
  widget_class->measure = mc_queue_cell_measure;
  widget_class->size_allocate = mc_queue_cell_size_allocate;
  widget_class->snapshot = mc_queue_cell_snapshot;
  widget_class->css_changed = mc_queue_cell_css_changed;

  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "queuecell");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
mc_queue_cell_init (McQueueCell *self)
{
}

GtkWidget *
mc_queue_cell_new (void)
{
  return g_object_new (MC_TYPE_QUEUE_CELL, NULL);
}

const char *
mc_queue_cell_get_text (McQueueCell *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_CELL (self), NULL);
  return self->text;
}

void
mc_queue_cell_set_text (McQueueCell *self,
                        const char  *text)
{
  g_return_if_fail (MC_IS_QUEUE_CELL (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_object (&self->layout);
  /* The accessible name is the text, as for a GtkLabel. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  self->text ? self->text : "", -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Sets @css_class as the cell's only style class (NULL: none); a no-op when it already is,
 * since a class change restyles the widget. */
void
mc_queue_cell_set_style (McQueueCell *self,
                         const char  *css_class)
{
  g_return_if_fail (MC_IS_QUEUE_CELL (self));

  if (css_class != NULL && gtk_widget_has_css_class (GTK_WIDGET (self), css_class))
    return;
  gtk_widget_set_css_classes (GTK_WIDGET (self), css_class ? (const char *[]) { css_class, NULL } : (const char *[]) { NULL });
}
