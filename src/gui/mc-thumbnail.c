/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <poppler.h>

#include "mc-store-blobs.h"
#include "mc-thumbnail.h"

/* poppler-glib 22.12 declares no cleanup functions of its own. */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

/* A file is a PDF when it says so in its first bytes (kept contents have no extension). */
static gboolean
is_pdf (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) in = g_file_read (file, NULL, NULL);
  guint8 head[8] = { 0 };
  gsize n = 0;

  return in != NULL && g_input_stream_read_all (G_INPUT_STREAM (in), head, sizeof head, &n, NULL, NULL)
         && g_strcmp0 (mc_file_type_sniff (head, n), "application/pdf") == 0;
}

static PopplerDocument *
open_pdf (const char  *path,
          GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return poppler_document_new_from_gfile (file, NULL, NULL, error);
}

/* Returns: how many pages the file has (an image has one), -1 on error. */
int
mc_page_count (const char  *path,
               GError     **error)
{
  g_autoptr(PopplerDocument) doc = NULL;

  if (!is_pdf (path))
    return 1;
  if (!(doc = open_pdf (path, error)))
    return -1;
  return poppler_document_get_n_pages (doc);
}

/* Page @page (from 0) of the file at @path, fitting a @size × @size square, on white. */
GdkTexture *
mc_page_render (const char  *path,
                int          page,
                int          size,
                GError     **error)
{
  g_autoptr(PopplerDocument) doc = NULL;
  g_autoptr(PopplerPage) p = NULL;
  cairo_surface_t *surface;
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;
  double w, h, scale;
  int width, height;
  cairo_t *cr;

  if (!is_pdf (path))
    {
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, size, size, TRUE, error);

      return pixbuf ? gdk_texture_new_for_pixbuf (pixbuf) : NULL;
    }
  if (!(doc = open_pdf (path, error)))
    return NULL;
  if (!(p = poppler_document_get_page (doc, page)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("The file has no page %d"), page + 1);
      return NULL;
    }
  poppler_page_get_size (p, &w, &h);
  scale = size / MAX (MAX (w, h), 1.0);
  width = MAX (1, (int) (w * scale));
  height = MAX (1, (int) (h * scale));
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, scale, scale);
  poppler_page_render (p, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  /* Cairo's ARGB32 is GDK's default memory format (premultiplied, native order). */
  bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                       (gsize) cairo_image_surface_get_stride (surface) * height);
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes,
                                    cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  return texture;
}

typedef struct
{
  char *path;
  int page;
  int size;
  gboolean count;            /* the viewer's: how many pages, as well */
  int n_pages;
} Render;

static void
render_free (Render *r)
{
  g_free (r->path);
  g_free (r);
}

static void
render_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Render *r = task_data;
  GError *error = NULL;
  GdkTexture *texture = NULL;

  if (r->count && (r->n_pages = mc_page_count (r->path, &error)) < 0)
    {
      g_task_return_error (task, error);
      return;
    }
  if (!(texture = mc_page_render (r->path, r->page, r->size, &error)))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, texture, g_object_unref);
}

static void
render_async (const char          *path,
              int                  page,
              int                  size,
              gboolean             count,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Render *r = g_new0 (Render, 1);

  r->path = g_strdup (path);
  r->page = page;
  r->size = size;
  r->count = count;
  g_task_set_source_tag (task, render_async);
  g_task_set_task_data (task, r, (GDestroyNotify) render_free);
  g_task_run_in_thread (task, render_thread);
}

/* The first page of @path in a @size square, drawn in a thread. */
void
mc_thumbnail_async (const char          *path,
                    int                  size,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  render_async (path, 0, size, FALSE, cancellable, callback, user_data);
}

GdkTexture *
mc_thumbnail_finish (GAsyncResult  *result,
                     GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Page @page of @path in a @size square, and how many pages it has, found in a thread: a
 * large PDF is opened and drawn without freezing the window. */
void
mc_page_render_async (const char          *path,
                      int                  page,
                      int                  size,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  render_async (path, page, size, TRUE, cancellable, callback, user_data);
}

GdkTexture *
mc_page_render_finish (GAsyncResult  *result,
                       int           *out_n_pages,
                       GError       **error)
{
  Render *r = g_task_get_task_data (G_TASK (result));

  if (out_n_pages != NULL)
    *out_n_pages = r->n_pages;
  return g_task_propagate_pointer (G_TASK (result), error);
}
