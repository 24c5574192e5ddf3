/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-training.h"
#include "mc-window.h"

G_BEGIN_DECLS

#define MC_TYPE_APPLICATION (mc_application_get_type ())
G_DECLARE_FINAL_TYPE (McApplication, mc_application, MC, APPLICATION, AdwApplication)

McApplication *mc_application_new          (void);
McWindow      *mc_application_open_profile (McApplication  *self,
                                            const char     *profile_dir,
                                            GError        **error);
McWindow      *mc_application_open_training (McApplication *self,
                                             GError       **error);
McSyncEngine  *mc_application_get_sync_engine (McApplication *self);
void           mc_application_reload_sync  (McApplication *self);
McTraining    *mc_application_get_training  (McApplication *self);

G_END_DECLS
