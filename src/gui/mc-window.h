/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-store.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_WINDOW (mc_window_get_type ())
G_DECLARE_FINAL_TYPE (McWindow, mc_window, MC, WINDOW, AdwApplicationWindow)

McWindow  *mc_window_new               (GtkApplication *application,
                                        McStore        *store,
                                        GError        **error);
McStore   *mc_window_get_store         (McWindow       *self);
gint64     mc_window_get_shown_dossier (McWindow       *self);
void       mc_window_set_sync_engine   (McWindow       *self,
                                        McSyncEngine   *engine);
void       mc_window_set_training      (McWindow       *self,
                                        gboolean        training);
gboolean   mc_window_get_training      (McWindow       *self);
void       mc_window_set_side_panel    (McWindow       *self,
                                        GtkWidget      *panel);
GtkWidget *mc_window_get_side_panel    (McWindow       *self);
void       mc_window_show_side_panel   (McWindow       *self,
                                        gboolean        shown);

G_END_DECLS
