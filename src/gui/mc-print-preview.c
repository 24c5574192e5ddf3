/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-print-preview.h"

/* A form's pages as they will print, in the app itself: GTK's print dialog hands its preview
 * to an external viewer (Evince on Debian), which a counter's computer may not have. The pages
 * are drawn by the same code that prints them (mc_print_layout_draw_page), on white paper, and
 * the window offers what comes next: print, or save as PDF. */

/* Pixels per point: an A4 page about 900 pixels wide. */
#define SCALE 1.5

struct _McPrintPreview
{
  AdwWindow parent_instance;

  AdwWindowTitle *title;
  GtkBox *pages;

  guint n_pages;
};

G_DEFINE_FINAL_TYPE (McPrintPreview, mc_print_preview, ADW_TYPE_WINDOW)

enum { PRINT, SAVE, N_SIGNALS };
static guint signals[N_SIGNALS];

static GdkTexture *
render_page (McPrintLayout *layout,
             guint          page)
{
  double width_pt, height_pt;
  int width, height, stride;
  cairo_surface_t *surface;
  cairo_t *cr;
  g_autoptr(GBytes) bytes = NULL;

  mc_print_layout_get_page_size (layout, &width_pt, &height_pt);
  width = (int) (width_pt * SCALE);
  height = (int) (height_pt * SCALE);
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, SCALE, SCALE);
  mc_print_layout_draw_page (layout, cr, page);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  bytes = g_bytes_new (cairo_image_surface_get_data (surface), (gsize) stride * height);
  cairo_surface_destroy (surface);
  /* Cairo's ARGB32 is premultiplied, in native order: BGRA on little-endian machines. */
  return gdk_memory_texture_new (width, height,
                                 G_BYTE_ORDER == G_LITTLE_ENDIAN ? GDK_MEMORY_B8G8R8A8_PREMULTIPLIED
                                                                 : GDK_MEMORY_A8R8G8B8_PREMULTIPLIED,
                                 bytes, stride);
}

static void
print_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  McPrintPreview *self = MC_PRINT_PREVIEW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[PRINT], 0, parent);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McPrintPreview *self = MC_PRINT_PREVIEW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));

  gtk_window_close (GTK_WINDOW (self));
  g_signal_emit (self, signals[SAVE], 0, parent);
}

static void
mc_print_preview_dispose (GObject *object)
{
  McPrintPreview *self = MC_PRINT_PREVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_PRINT_PREVIEW);
  G_OBJECT_CLASS (mc_print_preview_parent_class)->dispose (object);
}

static void
mc_print_preview_class_init (McPrintPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_print_preview_dispose;

  /* What the official chose: the one who made the preview prints or saves, over @parent. */
  signals[PRINT] = g_signal_new ("print", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, GTK_TYPE_WINDOW);
  signals[SAVE] = g_signal_new ("save", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 1, GTK_TYPE_WINDOW);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-print-preview.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McPrintPreview, title);
  gtk_widget_class_bind_template_child (widget_class, McPrintPreview, pages);
  gtk_widget_class_install_action (widget_class, "preview.print", NULL, print_action);
  gtk_widget_class_install_action (widget_class, "preview.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_print_preview_init (McPrintPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}

/* The pages of @layout, named @name; "print" and "save" say what the official chose. */
McPrintPreview *
mc_print_preview_new (GtkWindow     *parent,
                      const char    *name,
                      McPrintLayout *layout)
{
  McPrintPreview *self = g_object_new (MC_TYPE_PRINT_PREVIEW, "transient-for", parent, NULL);

  self->n_pages = mc_print_layout_get_n_pages (layout);
  adw_window_title_set_subtitle (self->title, name);
  for (guint i = 0; i < self->n_pages; i++)
    {
      g_autoptr(GdkTexture) texture = render_page (layout, i);
      GtkWidget *picture = gtk_picture_new_for_paintable (GDK_PAINTABLE (texture));
      /* TRANSLATORS: a page of the preview, for a screen reader: its number and the count */
      g_autofree char *page_name = g_strdup_printf (_("Page %u of %u"), i + 1, self->n_pages);

      gtk_picture_set_can_shrink (GTK_PICTURE (picture), TRUE);
      gtk_widget_add_css_class (picture, "card");
      gtk_accessible_update_property (GTK_ACCESSIBLE (picture), GTK_ACCESSIBLE_PROPERTY_LABEL, page_name, -1);
      gtk_box_append (self->pages, picture);
    }
  return self;
}

guint
mc_print_preview_get_n_pages (McPrintPreview *self)
{
  g_return_val_if_fail (MC_IS_PRINT_PREVIEW (self), 0);
  return self->n_pages;
}
