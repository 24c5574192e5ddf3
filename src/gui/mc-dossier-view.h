/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-store.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_DOSSIER_VIEW (mc_dossier_view_get_type ())
G_DECLARE_FINAL_TYPE (McDossierView, mc_dossier_view, MC, DOSSIER_VIEW, GtkWidget)

GtkWidget *mc_dossier_view_new            (void);
gboolean   mc_dossier_view_show           (McDossierView  *self,
                                           McStore        *store,
                                           gint64          id,
                                           GError        **error);
gboolean   mc_dossier_view_reload         (McDossierView  *self,
                                           McStore        *store,
                                           GError        **error);
gint64     mc_dossier_view_get_dossier_id (McDossierView  *self);
McDossier *mc_dossier_view_get_dossier    (McDossierView  *self);
void       mc_dossier_view_set_sync_engine (McDossierView *self,
                                            McSyncEngine  *engine);

G_END_DECLS
