/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-store-blobs.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_FILE_STRIP (mc_file_strip_get_type ())
G_DECLARE_FINAL_TYPE (McFileStrip, mc_file_strip, MC, FILE_STRIP, GtkWidget)

GtkWidget  *mc_file_strip_new             (const char    *document);
const char *mc_file_strip_get_document    (McFileStrip   *self);
void        mc_file_strip_set_dossier     (McFileStrip   *self,
                                           McStore       *store,
                                           gint64         dossier_id);
void        mc_file_strip_show_stored     (McFileStrip   *self,
                                           McStore       *store,
                                           const McFile  *file);
gboolean    mc_file_strip_add_file        (McFileStrip   *self,
                                           GFile         *file,
                                           GError       **error);
gboolean    mc_file_strip_reuse           (McFileStrip   *self,
                                           gint64         file_id,
                                           GError       **error);
gboolean    mc_file_strip_remove          (McFileStrip   *self,
                                           gint64         file_id,
                                           GError       **error);
void        mc_file_strip_set_reusable    (McFileStrip   *self,
                                           GPtrArray     *files);
void        mc_file_strip_set_sync_engine (McFileStrip   *self,
                                           McSyncEngine  *engine);
void        mc_file_strip_download        (McFileStrip   *self,
                                           gint64         file_id);
GPtrArray  *mc_file_strip_get_pending     (McFileStrip   *self);
const McBlobInfo *mc_file_strip_get_pending_kept (McFileStrip *self,
                                                 guint        i);
GArray     *mc_file_strip_get_pending_reuse (McFileStrip *self);
gboolean    mc_file_strip_is_busy         (McFileStrip   *self);
guint       mc_file_strip_get_n_files     (McFileStrip   *self);
guint       mc_file_strip_get_n_thumbnails (McFileStrip  *self);
GtkWidget  *mc_file_strip_get_picture     (McFileStrip   *self,
                                           gint64         file_id);
GtkWidget  *mc_file_strip_get_scan_button (McFileStrip   *self);

G_END_DECLS
