/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_SYNC_BANNER (mc_sync_banner_get_type ())
G_DECLARE_FINAL_TYPE (McSyncBanner, mc_sync_banner, MC, SYNC_BANNER, AdwBin)

gboolean mc_sync_banner_get_revealed (McSyncBanner *self);
void     mc_sync_banner_set_revealed (McSyncBanner *self,
                                      gboolean      revealed);

G_END_DECLS
