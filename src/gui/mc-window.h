/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-dossier-view.h"
#include "mc-due-notifier.h"
#include "mc-sign-in-prompt.h"
#include "mc-queue-counter.h"
#include "mc-queue-model.h"
#include "mc-queue-list.h"
#include "mc-sidebar.h"
#include "mc-sync-indicator.h"

G_BEGIN_DECLS

#define MC_TYPE_WINDOW (mc_window_get_type ())
G_DECLARE_FINAL_TYPE (McWindow, mc_window, MC, WINDOW, AdwApplicationWindow)

McWindow       *mc_window_new              (GtkApplication *application,
                                            McStore        *store);
McStore        *mc_window_get_store        (McWindow       *self);
McQueueModel   *mc_window_get_model        (McWindow       *self);
McQueueCounter *mc_window_get_counter      (McWindow       *self);
McSidebar      *mc_window_get_sidebar      (McWindow       *self);
McQueueList    *mc_window_get_queue_view   (McWindow       *self);
McDossierView  *mc_window_get_dossier_view (McWindow       *self);
GtkSearchEntry *mc_window_get_search_entry (McWindow       *self);
void            mc_window_set_sync_engine  (McWindow       *self,
                                            McSyncEngine   *engine);
McSyncIndicator *mc_window_get_sync_indicator (McWindow    *self);
void            mc_window_set_training     (McWindow       *self,
                                            gboolean        training);
gboolean        mc_window_get_training     (McWindow       *self);
void            mc_window_reload_office    (McWindow       *self);
McDueNotifier  *mc_window_get_due_notifier (McWindow       *self);
McSignInPrompt *mc_window_get_sign_in_prompt (McWindow     *self);
void            mc_window_set_side_panel   (McWindow       *self,
                                            GtkWidget      *panel);
GtkWidget      *mc_window_get_side_panel   (McWindow       *self);
void            mc_window_show_side_panel  (McWindow       *self,
                                            gboolean        shown);

G_END_DECLS
