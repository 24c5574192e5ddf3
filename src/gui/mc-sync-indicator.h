/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-sync-source-row.h"
#include "mc-sync-status.h"

G_BEGIN_DECLS

#define MC_TYPE_SYNC_INDICATOR (mc_sync_indicator_get_type ())
G_DECLARE_FINAL_TYPE (McSyncIndicator, mc_sync_indicator, MC, SYNC_INDICATOR, AdwBin)

void             mc_sync_indicator_set_status  (McSyncIndicator *self,
                                                McSyncStatus    *status);
McSyncEngine    *mc_sync_indicator_get_engine  (McSyncIndicator *self);
gboolean         mc_sync_indicator_get_offline (McSyncIndicator *self);
GtkMenuButton   *mc_sync_indicator_get_button  (McSyncIndicator *self);
McSyncSourceRow *mc_sync_indicator_get_row     (McSyncIndicator *self,
                                                const char      *source_id);
const char      *mc_sync_indicator_get_summary (McSyncIndicator *self);
const char      *mc_sync_indicator_get_label   (McSyncIndicator *self);

G_END_DECLS
