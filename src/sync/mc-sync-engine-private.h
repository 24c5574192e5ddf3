/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-connector.h"
#include "mc-store-changes.h"
#include "mc-store-push.h"
#include "mc-store-sync.h"
#include "mc-sync-engine.h"
#include "mc-sync-push.h"
#include "mc-sync-writer.h"

G_BEGIN_DECLS

/* McSyncEngine spans two files: the scheduling in the main context (mc-sync-engine.c) and
 * the worker that one sync of one source runs in a thread (mc-sync-engine-worker.c). */

typedef struct _Batch Batch;

typedef struct
{
  McSyncEngine *engine;          /* unowned: the engine owns the sources */
  McSource *source;
  McConnector *connector;
  McSyncProgress progress;
  char *message;
  gboolean running;
  gboolean again;                /* asked while running: run once more */
  gboolean again_full;
  guint attempts;                /* failures in a row, for the backoff */
  guint retry_id;
  gint64 last_full_mono;         /* when everything was last read (0 never, this run) */
  GCancellable *cancellable;
  GPtrArray *batches;            /* Batch* waiting for the running sync */
  GPtrArray *push_connectors;    /* McConnector: the source's own first, then copies of it */
  gint64 stall_since_mono;       /* the watchdog: since when the outbox waits while the system answers */
  gboolean push_wanted;          /* new work committed: starts with the next push timer */
  McStore *store;                /* the connection its syncs use, one at a time: opened when
                                  * the source is added (or by the first sync after a stop),
                                  * kept until the engine stops */
} Source;

struct _McSyncEngine
{
  GObject parent_instance;

  char *db_path;
  McSecrets *keyring;            /* optional: where connectors keep their sessions */
  GMainContext *context;
  GHashTable *sources;           /* id → Source* */
  GMutex write_lock;             /* one writer at a time: SQLite would otherwise busy-wait */
  McSyncWriter *writer;          /* under write_lock: while syncs run (worker.c) */
  guint writer_users;            /* under write_lock: the syncs running */
  guint page_size;
  guint request_timeout;         /* seconds, 0: the connectors' default */
  guint interval;
  guint reconcile_interval;
  guint max_backoff;
  guint watchdog;
  gboolean stalled;              /* some source's outbox has not drained for the watchdog's time */
  GMutex push_mutex;             /* guards push_lock */
  int push_lock;                 /* this process pushes the profile (mc_sync_push_lock); -1 not yet */
  gboolean started;
  guint stops;                   /* mc_sync_engine_stop() calls: a sync or download begun
                                  * before one drops its connection; written under
                                  * download_lock, which the downloads read it under */
  GMutex download_lock;          /* guards download_store */
  McStore *download_store;       /* the connection downloads keep between them (mc-sync-download.c) */
  guint timer_id;
  gulong network_handler;
  McStoreChanges *changes;       /* while started: the profile's change stream (new work) */
  guint push_timer;              /* gathers a burst of new work into one run per source */
  gint64 push_first_mono;        /* when the burst began */
};

typedef struct
{
  McSyncEngine *engine;          /* owned until sync_done () */
  char *source_id;
  McConnector *connector;        /* owned; used by this worker only while it runs */
  gboolean full;
  guint pages, dossiers, requests;
  McStoreSyncStats stats;
  gboolean did_full;
  guint retry_after;
  GPtrArray *push_connectors;    /* owned */
  McStore *store;                /* owned until sync_done (): the source's connection, or the
                                  * one this sync opened */
  guint stops;                   /* the engine's stops when it began */
  McPushStats push;
  gboolean push_skipped;         /* another process pushes this profile */
  gboolean reached;              /* the system answered (the pull went through) */
  gint64 waiting;                /* outbox rows still to send or check at the end; -1 unknown */
} Job;

void mc_sync_engine_notify_source (McSyncEngine *self,
                                   Source       *s);
void mc_sync_job_free             (Job          *job);
void mc_sync_job_run              (GTask        *task,
                                   gpointer      source_object,
                                   gpointer      task_data,
                                   GCancellable *cancellable);

G_END_DECLS
