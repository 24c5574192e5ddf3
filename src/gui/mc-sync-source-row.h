/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-sync-status.h"

G_BEGIN_DECLS

#define MC_TYPE_SYNC_SOURCE_ROW (mc_sync_source_row_get_type ())
G_DECLARE_FINAL_TYPE (McSyncSourceRow, mc_sync_source_row, MC, SYNC_SOURCE_ROW, AdwActionRow)

McSyncSourceRow *mc_sync_source_row_new         (const char           *source_id,
                                                 const char           *name);
const char      *mc_sync_source_row_get_source_id (McSyncSourceRow    *self);
void             mc_sync_source_row_update      (McSyncSourceRow      *self,
                                                 const McSourceStatus *status);
McSyncState      mc_sync_source_row_get_state   (McSyncSourceRow      *self);
McSyncState      mc_sync_source_row_get_settled_state (McSyncSourceRow *self);

G_END_DECLS
