/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-sim.h"
#include "mc-store.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

/* The prefix of a training source's stored address: "sim:g09" is resolved to the embedded
 * simulator's loopback address at each start. */
#define MC_SYNC_SIM_PREFIX "sim:"

void          mc_sync_setup_engine_async  (McStore             *store,
                                           McSim               *sim,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
McSyncEngine *mc_sync_setup_engine_finish (GAsyncResult        *result,
                                           GError             **error);
McSource     *mc_sync_setup_training_source (McSim             *sim,
                                           const McSource      *source,
                                           GHashTable         **out_secrets);

void          mc_sync_setup_stop_async    (McSyncEngine        *engine,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean      mc_sync_setup_stop_finish   (GAsyncResult        *result,
                                           GError             **error);

G_END_DECLS
