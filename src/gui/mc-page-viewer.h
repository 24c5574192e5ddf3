/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MC_TYPE_PAGE_VIEWER (mc_page_viewer_get_type ())
G_DECLARE_FINAL_TYPE (McPageViewer, mc_page_viewer, MC, PAGE_VIEWER, AdwWindow)

GtkWidget *mc_page_viewer_new      (GtkWindow    *parent,
                                    const char   *path,
                                    const char   *name);
int        mc_page_viewer_get_page (McPageViewer *self);
int        mc_page_viewer_get_n_pages (McPageViewer *self);
gboolean   mc_page_viewer_is_loading (McPageViewer *self);
void       mc_page_viewer_set_removable (McPageViewer *self,
                                         gboolean      removable);

G_END_DECLS
