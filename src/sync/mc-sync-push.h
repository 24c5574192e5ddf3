/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-connector.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* The push side of the sync engine (mc-sync-engine-worker.c runs it in a source's worker
 * thread, before the pull): the outbox drained per source, in each dossier's order, several
 * dossiers at once. */

typedef struct
{
  guint sent;        /* applied by the system in this run */
  guint conflicts;   /* parked: the dossier changed on the system */
  guint rejected;    /* parked: the system refused the action */
  guint duplicated;  /* parked: the system holds the action twice */
  guint released;    /* held server copies stored once their dossier had nothing to send */
  guint retry_after; /* seconds the system asked to wait (429), when that stopped the run */
} McPushStats;

/* The one process that pushes a profile holds this lock (a file next to the database, with
 * flock(): the kernel drops it when the process dies). Returns: the lock's descriptor, or -1
 * if another process pushes. */
int      mc_sync_push_lock    (const char    *db_path);
void     mc_sync_push_unlock  (int            fd);

gboolean mc_sync_push_recover (McStore       *store,
                               GMutex        *write_lock,
                               GError       **error);
gboolean mc_sync_push_source  (McStore       *store,
                               const char    *source_id,
                               GPtrArray     *connectors,
                               GMutex        *write_lock,
                               GCancellable  *cancellable,
                               McPushStats   *stats,
                               GError       **error);
gboolean mc_sync_push_release (McStore       *store,
                               McConnector   *connector,
                               const char    *source_id,
                               GMutex        *write_lock,
                               GCancellable  *cancellable,
                               McPushStats   *stats,
                               GError       **error);

G_END_DECLS
