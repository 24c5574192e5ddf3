/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Pictures of a file's pages (PDF through poppler-glib, JPEG and PNG through GdkPixbuf),
 * drawn off the main loop. */

int         mc_page_count         (const char           *path,
                                   GError              **error);
GdkTexture *mc_page_render        (const char           *path,
                                   int                   page,
                                   int                   size,
                                   GError              **error);
void        mc_thumbnail_async    (const char           *path,
                                   int                   size,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
GdkTexture *mc_thumbnail_finish   (GAsyncResult         *result,
                                   GError              **error);
void        mc_page_render_async  (const char           *path,
                                   int                   page,
                                   int                   size,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data);
GdkTexture *mc_page_render_finish (GAsyncResult         *result,
                                   int                  *out_n_pages,
                                   GError              **error);

G_END_DECLS
