/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_ACTION_BAR (mc_action_bar_get_type ())
G_DECLARE_FINAL_TYPE (McActionBar, mc_action_bar, MC, ACTION_BAR, GtkWidget)

void       mc_action_bar_set_dossier   (McActionBar     *self,
                                        McStore         *store,
                                        const McDossier *dossier);
GStrv      mc_action_bar_list_actions  (McActionBar     *self);
GStrv      mc_action_bar_list_forms    (McActionBar     *self);
GtkWidget *mc_action_bar_get_button    (McActionBar     *self,
                                        McAction         action);

G_END_DECLS
