/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "mc-report-chart.h"

/* One indicator over the last periods: a bar per period, the oldest first, drawn with cairo in
 * the text colour of the theme (so it holds in high contrast and on paper: outlines and
 * hatching, not hues), the threshold as a dashed line, a period with nothing to count as a
 * short dash on the axis ("—"). */

#define MAX_BARS 12

struct _McReportChart
{
  GtkWidget parent_instance;

  guint n;
  double values[MAX_BARS];
  char *labels[MAX_BARS];
  double threshold;          /* 0: none */
  gboolean percent;          /* values are ratios 0–1; else any positive numbers */
};

G_DEFINE_FINAL_TYPE (McReportChart, mc_report_chart, GTK_TYPE_WIDGET)

static void
mc_report_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  McReportChart *self = MC_REPORT_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;
  double top = 4, bottom = height - 14, left = 2, slot, max = self->percent ? 1.0 : 0;
  static const double dash[] = { 3, 3 };
  PangoLayout *layout;

  if (self->n == 0 || width <= 0 || height <= 20)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint i = 0; i < self->n; i++)
    if (!isnan (self->values[i]))
      max = MAX (max, self->values[i]);
  if (max <= 0)
    max = 1;
  slot = (width - left) / (double) self->n;
  cairo_set_line_width (cr, 1);
  layout = gtk_widget_create_pango_layout (widget, NULL);
  {
    PangoAttrList *attrs = pango_attr_list_new ();

    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_X_SMALL));
    pango_layout_set_attributes (layout, attrs);
    pango_attr_list_unref (attrs);
  }
  for (guint i = 0; i < self->n; i++)
    {
      double x = left + i * slot + slot * 0.15, w = slot * 0.7;
      gboolean last = i + 1 == self->n;

      if (isnan (self->values[i]))
        {
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.6);
          cairo_move_to (cr, x + w * 0.3, bottom - 1.5);
          cairo_line_to (cr, x + w * 0.7, bottom - 1.5);
          cairo_stroke (cr);
        }
      else
        {
          double h = (bottom - top) * MIN (self->values[i] / max, 1.0);

          cairo_rectangle (cr, x + 0.5, bottom - h + 0.5, w - 1, h);
          /* The current period solid, the earlier ones lighter: told apart without colour. */
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * (last ? 0.85 : 0.35));
          cairo_fill_preserve (cr);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha);
          cairo_stroke (cr);
        }
      if (self->labels[i] != NULL && (self->n <= 6 || i % 2 == (self->n - 1) % 2))
        {
          int tw, th;

          pango_layout_set_text (layout, self->labels[i], -1);
          pango_layout_get_pixel_size (layout, &tw, &th);
          cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha * 0.8);
          /* Centred under its bar, but never cut by the edges. */
          cairo_move_to (cr, CLAMP (x + w / 2 - tw / 2.0, 0, MAX (width - tw, 0)), bottom + 1);
          pango_cairo_show_layout (cr, layout);
        }
    }
  cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, fg.alpha);
  cairo_move_to (cr, left, bottom + 0.5);
  cairo_line_to (cr, width, bottom + 0.5);
  cairo_stroke (cr);
  if (self->threshold > 0 && self->threshold <= max)
    {
      double y = bottom - (bottom - top) * self->threshold / max;

      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, left, round (y) + 0.5);
      cairo_line_to (cr, width, round (y) + 0.5);
      cairo_stroke (cr);
    }
  g_object_unref (layout);
  cairo_destroy (cr);
}

static void
mc_report_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 160 : 64;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 280 : 64;
}

static void
mc_report_chart_finalize (GObject *object)
{
  McReportChart *self = MC_REPORT_CHART (object);

  for (guint i = 0; i < MAX_BARS; i++)
    g_free (self->labels[i]);
  G_OBJECT_CLASS (mc_report_chart_parent_class)->finalize (object);
}

static void
mc_report_chart_class_init (McReportChartClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = mc_report_chart_finalize;
  widget_class->snapshot = mc_report_chart_snapshot;
  widget_class->measure = mc_report_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
mc_report_chart_init (McReportChart *self)
{
}

GtkWidget *
mc_report_chart_new (void)
{
  return g_object_new (MC_TYPE_REPORT_CHART, NULL);
}

/* @values: @n numbers (NAN: nothing to count), the oldest first; @threshold a ratio, 0 none. */
void
mc_report_chart_set_values (McReportChart *self,
                            guint          n,
                            const double  *values,
                            const char   **labels,
                            double         threshold,
                            gboolean       percent)
{
  g_autoptr(GString) description = g_string_new (NULL);

  g_return_if_fail (MC_IS_REPORT_CHART (self));
  self->n = MIN (n, MAX_BARS);
  self->threshold = threshold;
  self->percent = percent;
  for (guint i = 0; i < self->n; i++)
    {
      self->values[i] = values[i];
      g_free (self->labels[i]);
      self->labels[i] = g_strdup (labels[i]);
      if (isnan (values[i]))
        g_string_append_printf (description, "%s: —; ", labels[i]);
      else if (percent)
        g_string_append_printf (description, "%s: %.1f%%; ", labels[i], values[i] * 100);
      else
        g_string_append_printf (description, "%s: %.1f; ", labels[i], values[i]);
    }
  /* What a screen reader says instead of the bars. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description->str, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
