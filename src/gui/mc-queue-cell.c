/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <pango/pangocairo.h>

#include "mc-queue-cell.h"

/* The text of a queue cell: a line, and a second one under it, dimmer. GtkListView on GTK 4.8
 * keeps about 200 rows bound around the visible ones and measures every cell of them after
 * each change of the list; with GtkLabel that is over a thousand text layouts per view switch,
 * most for rows nobody sees. This cell has a constant height (two lines of its font, whatever
 * the text: every row of the queue is as high as the others, since variable heights scroll
 * badly on 4.8), asks no width of its own (the columns have fixed widths), and lays its text
 * out only when it is drawn, ellipsized to its width. */

struct _McQueueCell
{
  GtkWidget parent_instance;

  char *text;
  char *secondary;
  PangoLayout *layout;            /* made on the first snapshot after a change */
  PangoLayout *secondary_layout;
  int line_height;                /* pixels; 0 until measured */
  const char *style;              /* interned: the class of mc_queue_cell_set_style() */
};

G_DEFINE_FINAL_TYPE (McQueueCell, mc_queue_cell, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The height of a line of @context's font, remembered for the next cell: every one of the
 * ~1200 cells a view binds asked Pango, which shapes a sample text each time (about 10 ms of
 * CPU in the first frame). Keyed by all the metrics depend on: the font, the resolution, the
 * font options (hinting rounds them), the language and the font map. Main thread only, like every widget. */
static int
line_height_of (PangoContext *context)
{
  static PangoFontDescription *font;
  static cairo_font_options_t *options;
  static double resolution;
  static PangoLanguage *language;
  static PangoFontMap *font_map;   /* compared, never dereferenced */
  static int height;
  const PangoFontDescription *new_font = pango_context_get_font_description (context);
  const cairo_font_options_t *new_options = pango_cairo_context_get_font_options (context);
  PangoFontMetrics *metrics;

  if (font != NULL && pango_font_description_equal (font, new_font) &&
      resolution == pango_cairo_context_get_resolution (context) &&
      language == pango_context_get_language (context) &&
      font_map == pango_context_get_font_map (context) &&
      (options == NULL) == (new_options == NULL) &&
      (options == NULL || cairo_font_options_equal (options, new_options)))
    return height;

  metrics = pango_context_get_metrics (context, NULL, NULL);
  height = PANGO_PIXELS_CEIL (pango_font_metrics_get_height (metrics));
  if (height == 0)
    height = PANGO_PIXELS_CEIL (pango_font_metrics_get_ascent (metrics) + pango_font_metrics_get_descent (metrics));
  pango_font_metrics_unref (metrics);

  g_clear_pointer (&font, pango_font_description_free);
  font = pango_font_description_copy (new_font);
  g_clear_pointer (&options, cairo_font_options_destroy);
  options = new_options != NULL ? cairo_font_options_copy (new_options) : NULL;
  resolution = pango_cairo_context_get_resolution (context);
  language = pango_context_get_language (context);
  font_map = pango_context_get_font_map (context);
  return height;
}

/* The height of every cell of the queue drawn in @widget's font: a row is at least this high. */
int
mc_queue_cell_height_for (GtkWidget *widget)
{
  return 2 * line_height_of (gtk_widget_get_pango_context (widget));
}

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
    self->line_height = line_height_of (gtk_widget_get_pango_context (widget));
  *minimum = *natural = 2 * self->line_height;
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
  if (self->secondary_layout != NULL)
    pango_layout_set_width (self->secondary_layout, width * PANGO_SCALE);
}

static PangoLayout *
make_layout (McQueueCell *self,
             const char  *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  pango_layout_set_width (layout, gtk_widget_get_width (GTK_WIDGET (self)) * PANGO_SCALE);
  return layout;
}

static void
ensure_layouts (McQueueCell *self)
{
  if (self->layout == NULL && self->text != NULL && *self->text != '\0')
    self->layout = make_layout (self, self->text);
  if (self->secondary_layout == NULL && self->secondary != NULL && *self->secondary != '\0')
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->secondary_layout = make_layout (self, self->secondary);
      pango_attr_list_insert (attrs, pango_attr_scale_new (MC_QUEUE_CELL_SECONDARY_SCALE));
      pango_layout_set_attributes (self->secondary_layout, attrs);
      pango_attr_list_unref (attrs);
    }
}

static void
mc_queue_cell_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  McQueueCell *self = MC_QUEUE_CELL (widget);
  int top = (gtk_widget_get_height (widget) - 2 * self->line_height) / 2;
  GdkRGBA color;

  ensure_layouts (self);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, MAX (top, 0)));
  if (self->layout != NULL)
    gtk_snapshot_append_layout (snapshot, self->layout, &color);
  if (self->secondary_layout != NULL)
    {
      /* The second line says more about the first: smaller and dimmer, as GNOME's subtitles. */
      color.alpha *= 0.7;
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (0, self->line_height));
      gtk_snapshot_append_layout (snapshot, self->secondary_layout, &color);
    }
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
  g_clear_object (&self->secondary_layout);
  self->line_height = 0;
  gtk_widget_queue_resize (widget);
}

static void
mc_queue_cell_finalize (GObject *object)
{
  McQueueCell *self = MC_QUEUE_CELL (object);

  g_clear_object (&self->layout);
  g_clear_object (&self->secondary_layout);
  g_free (self->text);
  g_free (self->secondary);
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
  mc_queue_cell_set_lines (self, text, self->secondary);
}

const char *
mc_queue_cell_get_secondary (McQueueCell *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_CELL (self), NULL);
  return self->secondary;
}

/* Sets both lines (each nullable). */
void
mc_queue_cell_set_lines (McQueueCell *self,
                         const char  *text,
                         const char  *secondary)
{
  gboolean text_changed, secondary_changed;
  g_autofree char *accessible = NULL;

  g_return_if_fail (MC_IS_QUEUE_CELL (self));

  text_changed = g_strcmp0 (self->text, text) != 0;
  secondary_changed = g_strcmp0 (self->secondary, secondary) != 0;
  if (!text_changed && !secondary_changed)
    return;
  if (text_changed)
    {
      g_free (self->text);
      self->text = g_strdup (text);
      g_clear_object (&self->layout);
    }
  if (secondary_changed)
    {
      g_free (self->secondary);
      self->secondary = g_strdup (secondary);
      g_clear_object (&self->secondary_layout);
    }
  /* The accessible name is what it shows, as for a GtkLabel. */
  if (self->text != NULL && self->secondary != NULL)
    accessible = g_strdup_printf ("%s, %s", self->text, self->secondary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible ? accessible : self->text ? self->text : self->secondary ? self->secondary : "",
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (text_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

/* Whether line @line (0: the first, 1: the second) does not fit the cell's width. */
gboolean
mc_queue_cell_is_line_ellipsized (McQueueCell *self,
                                  guint        line)
{
  PangoLayout *layout;

  g_return_val_if_fail (MC_IS_QUEUE_CELL (self), FALSE);

  ensure_layouts (self);
  layout = line == 0 ? self->layout : self->secondary_layout;
  return layout != NULL && pango_layout_is_ellipsized (layout);
}

/* Whether a line of its text does not fit its width (the tests' check that what an official
 * must read is never cut). */
gboolean
mc_queue_cell_is_ellipsized (McQueueCell *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_CELL (self), FALSE);

  return mc_queue_cell_is_line_ellipsized (self, 0) || mc_queue_cell_is_line_ellipsized (self, 1);
}

/* Sets @css_class (NULL: none) in place of the one set before, keeping the cell's other classes
 * ("numeric"); a no-op when it is the same, since a class change restyles the widget. */
void
mc_queue_cell_set_style (McQueueCell *self,
                         const char  *css_class)
{
  g_return_if_fail (MC_IS_QUEUE_CELL (self));

  css_class = g_intern_string (css_class);
  if (css_class == self->style)
    return;
  if (self->style != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self), self->style);
  if (css_class != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self), css_class);
  self->style = css_class;
}
