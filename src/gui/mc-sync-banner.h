/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-sync-status.h"

G_BEGIN_DECLS

#define MC_TYPE_SYNC_BANNER (mc_sync_banner_get_type ())
G_DECLARE_FINAL_TYPE (McSyncBanner, mc_sync_banner, MC, SYNC_BANNER, AdwBin)

void        mc_sync_banner_set_status    (McSyncBanner *self,
                                          McSyncStatus *status);
void        mc_sync_banner_set_ministry  (McSyncBanner *self,
                                          const char   *ministry);
void        mc_sync_banner_set_source_id (McSyncBanner *self,
                                          const char   *source_id);
gboolean    mc_sync_banner_get_revealed  (McSyncBanner *self);
const char *mc_sync_banner_get_text      (McSyncBanner *self);

G_END_DECLS
