/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-dossier-view.h"
#include "mc-queue-counter.h"
#include "mc-queue-model.h"
#include "mc-queue-list.h"
#include "mc-sidebar.h"

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

G_END_DECLS
