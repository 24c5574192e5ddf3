/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-secrets.h"
#include "mc-source.h"

G_BEGIN_DECLS

/* Where one ministry system stands, as the sync indicator shows it. */
typedef enum
{
  MC_SYNC_STATE_IDLE,
  MC_SYNC_STATE_SYNCING,
  MC_SYNC_STATE_OFFLINE,
  MC_SYNC_STATE_SIGN_IN_NEEDED,
  MC_SYNC_STATE_ERROR,
} McSyncState;

const char *mc_sync_state_label (McSyncState state);

typedef struct
{
  McSyncState state;
  guint pages;              /* of the running or last sync */
  guint dossiers;           /* received so far */
  guint inserted, updated, deleted, held;
  guint requests;           /* HTTP requests of the last sync */
  const char *message;      /* the error, in the official's language; NULL when none */
  gint64 last_success;      /* unix seconds; 0 never */
  gint64 retry_at;          /* unix seconds of the next automatic attempt; 0 none */
  gboolean full;            /* the running or last sync read everything (start, 410, reconciliation) */
  /* The push side (the outbox), in the last sync: */
  guint sent;               /* actions the system applied */
  guint conflicts;          /* actions parked for the official: the dossier changed on the system */
  guint rejected;           /* actions parked for the official: the system refused them */
  guint duplicated;         /* actions parked for the official: the system holds them twice */
  guint waiting;            /* actions still to send or to check (pending, in doubt) */
  gboolean push_skipped;    /* another process sends this profile's actions */
  gboolean stalled;         /* the watchdog: not drained for the set time while the system answers */
} McSyncProgress;

#define MC_TYPE_SYNC_ENGINE (mc_sync_engine_get_type ())
G_DECLARE_FINAL_TYPE (McSyncEngine, mc_sync_engine, MC, SYNC_ENGINE, GObject)

McSyncEngine *mc_sync_engine_new            (const char           *db_path);
gboolean      mc_sync_engine_add_source     (McSyncEngine         *self,
                                             const McSource       *source,
                                             GHashTable           *secrets,
                                             GError              **error);
void          mc_sync_engine_set_page_size  (McSyncEngine         *self,
                                             guint                 page_size);
/* Seconds a request to a ministry system may wait for its answer (60 unless set), for the
 * sources added afterwards. */
void          mc_sync_engine_set_request_timeout (McSyncEngine    *self,
                                             guint                 seconds);
/* Sessions (tokens, cookies) of the sources added afterwards are kept in @keyring, so that a
 * restart does not sign in again. */
void          mc_sync_engine_set_keyring    (McSyncEngine         *self,
                                             McSecrets            *keyring);
const McSource *mc_sync_engine_get_source   (McSyncEngine         *self,
                                             const char           *source_id);
/* New credentials for one source (after "sign-in needed"): its connector is replaced (a sync
 * running with the old one finishes with it) and the source may sync again. */
gboolean      mc_sync_engine_set_secrets    (McSyncEngine         *self,
                                             const char           *source_id,
                                             GHashTable           *secrets,
                                             GError              **error);
void          mc_sync_engine_set_interval   (McSyncEngine         *self,
                                             guint                 seconds);
void          mc_sync_engine_set_reconcile_interval (McSyncEngine *self,
                                             guint                 seconds);
void          mc_sync_engine_set_max_backoff (McSyncEngine        *self,
                                             guint                 seconds);
void          mc_sync_engine_set_watchdog   (McSyncEngine         *self,
                                             guint                 seconds);
gboolean      mc_sync_engine_get_outbox_stalled (McSyncEngine     *self);
GStrv         mc_sync_engine_list_sources   (McSyncEngine         *self);
gboolean      mc_sync_engine_get_progress   (McSyncEngine         *self,
                                             const char           *source_id,
                                             McSyncProgress       *out);

/* Automatic mode: syncs now, then on the timer, on network changes, and retries with backoff. */
void          mc_sync_engine_start          (McSyncEngine         *self);
void          mc_sync_engine_stop           (McSyncEngine         *self);
void          mc_sync_engine_sync_now       (McSyncEngine         *self,
                                             const char           *source_id);

/* One pass over @source_id (NULL: every source); completes when each has finished. FALSE
 * with an error naming every source that failed. @full reads everything (reconciliation). */
void          mc_sync_engine_sync_async     (McSyncEngine         *self,
                                             const char           *source_id,
                                             gboolean              full,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      mc_sync_engine_sync_finish    (McSyncEngine         *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* A listed file fetched on demand and kept (mc-sync-download.c). */
void          mc_sync_engine_download_async (McSyncEngine         *self,
                                             const char           *source_id,
                                             gint64                file_id,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      mc_sync_engine_download_finish (McSyncEngine        *self,
                                              GAsyncResult        *result,
                                              GError             **error);

G_END_DECLS
