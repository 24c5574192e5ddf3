/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-page-viewer.h"
#include "mc-thumbnail.h"

/* One file's pages, one at a time, large enough to read (a PDF page by poppler, an image as
 * it is); Page Up/Down, the arrows or the header's buttons turn them. Each page is opened and
 * drawn in a thread (mc_page_render_async()): a large PDF does not freeze the window. */

#define PAGE_SIZE 1100

struct _McPageViewer
{
  AdwWindow parent_instance;

  AdwWindowTitle *title;
  GtkPicture *picture;
  GtkWidget *remove_button;

  char *path;
  char *name;
  int page;
  int n_pages;               /* 0 until the file is opened */
  GCancellable *cancellable; /* the page being drawn; NULL once it is */
};

G_DEFINE_FINAL_TYPE (McPageViewer, mc_page_viewer, ADW_TYPE_WINDOW)

enum {
  REMOVE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_actions (McPageViewer *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", self->page + 1 < self->n_pages);
}

static void
page_drawn (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(McPageViewer) self = user_data;
  g_autoptr(GError) error = NULL;
  int n_pages = 0;
  g_autoptr(GdkTexture) texture = mc_page_render_finish (result, &n_pages, &error);
  g_autofree char *subtitle = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  self->n_pages = MAX (n_pages, 1);
  gtk_picture_set_paintable (self->picture, texture ? GDK_PAINTABLE (texture) : NULL);
  /* TRANSLATORS: the page shown, of how many */
  subtitle = error ? g_strdup (error->message) : g_strdup_printf (_("Page %d of %d"), self->page + 1, self->n_pages);
  adw_window_title_set_subtitle (self->title, subtitle);
  update_actions (self);
}

static void
show_page (McPageViewer *self,
           int           page)
{
  if (page < 0 || (self->n_pages > 0 && page >= self->n_pages))
    return;
  self->page = page;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  adw_window_title_set_subtitle (self->title, _("Opening…"));
  /* One page at a time: the next is asked for once this one is drawn. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next", FALSE);
  mc_page_render_async (self->path, page, PAGE_SIZE, self->cancellable, page_drawn, g_object_ref (self));
}

static void
turn_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  McPageViewer *self = MC_PAGE_VIEWER (widget);

  show_page (self, self->page + (g_str_equal (action_name, "viewer.next") ? 1 : -1));
}

/* Asks whoever offered it (mc_page_viewer_set_removable()) to remove the file. */
static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  g_signal_emit (widget, signals[REMOVE], 0);
}

static void
mc_page_viewer_dispose (GObject *object)
{
  McPageViewer *self = MC_PAGE_VIEWER (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (mc_page_viewer_parent_class)->dispose (object);
}

static void
mc_page_viewer_finalize (GObject *object)
{
  McPageViewer *self = MC_PAGE_VIEWER (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->name);
  G_OBJECT_CLASS (mc_page_viewer_parent_class)->finalize (object);
}

static void
mc_page_viewer_class_init (McPageViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_page_viewer_dispose;
  object_class->finalize = mc_page_viewer_finalize;
  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-page-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, McPageViewer, title);
  gtk_widget_class_bind_template_child (widget_class, McPageViewer, picture);
  gtk_widget_class_bind_template_child (widget_class, McPageViewer, remove_button);
  /* The official asked to remove the file shown (only when it is removable). */
  signals[REMOVE] = g_signal_new ("remove", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);
  gtk_widget_class_install_action (widget_class, "viewer.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous", NULL, turn_action);
  gtk_widget_class_install_action (widget_class, "viewer.next", NULL, turn_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "viewer.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "viewer.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_page_viewer_init (McPageViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mc_page_viewer_new (GtkWindow  *parent,
                    const char *path,
                    const char *name)
{
  McPageViewer *self = g_object_new (MC_TYPE_PAGE_VIEWER, "transient-for", parent, NULL);

  self->path = g_strdup (path);
  self->name = g_strdup (name);
  adw_window_title_set_title (self->title, name);
  gtk_window_set_title (GTK_WINDOW (self), name);
  show_page (self, 0);
  return GTK_WIDGET (self);
}

int
mc_page_viewer_get_page (McPageViewer *self)
{
  g_return_val_if_fail (MC_IS_PAGE_VIEWER (self), -1);
  return self->page;
}

/* Returns: the file's pages, 0 until it is opened (in a thread). */
int
mc_page_viewer_get_n_pages (McPageViewer *self)
{
  g_return_val_if_fail (MC_IS_PAGE_VIEWER (self), 0);
  return self->n_pages;
}

/* Whether a page is being opened and drawn. */
gboolean
mc_page_viewer_is_loading (McPageViewer *self)
{
  g_return_val_if_fail (MC_IS_PAGE_VIEWER (self), FALSE);
  return self->cancellable != NULL;
}

/* Offers "Remove from the dossier" (signal "remove") for a file of this office's. */
void
mc_page_viewer_set_removable (McPageViewer *self,
                              gboolean      removable)
{
  g_return_if_fail (MC_IS_PAGE_VIEWER (self));
  gtk_widget_set_visible (self->remove_button, removable);
}
