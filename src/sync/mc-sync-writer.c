/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-sync-writer.h"
#include "mc-thread.h"

/* Where the pulled pages of every running sync are written: one connection, so that its page
 * cache stays warm from one source's page to the next (with a connection per worker, each
 * page's transaction began by dropping the cache another connection's commit had made stale,
 * and read the indexes back), and one thread, at a higher priority than the workers that
 * fetch and parse. Writing is the part of a sync that cannot run in parallel: on two cores,
 * when it waited for a core behind the parsers and the embedded simulator, an initial sync
 * went that much slower. The workers hand it a page and wait for the answer; a page and its
 * cursor stay one transaction. */

typedef struct
{
  const char *source_id;
  const McStoreSyncPage *page;
  const char *new_cursor;
  GHashTable *seen;
  McStoreSyncStats *stats;
  GError *error;
  gboolean ok;
  gboolean done;
} Write;

struct _McSyncWriter
{
  McStore *store;
  GMutex *write_lock;           /* the engine's: other writers of the profile take it too */
  GThread *thread;
  GAsyncQueue *queue;           /* Write*, then the writer itself to stop */
  GMutex done_lock;
  GCond done_cond;
};

static gpointer
writer_main (gpointer data)
{
  McSyncWriter *self = data;
  Write *w;

  mc_thread_set_priority (MC_THREAD_WRITER);
  while ((w = g_async_queue_pop (self->queue)) != (gpointer) self)
    {
      g_mutex_lock (self->write_lock);
      w->ok = mc_store_sync_apply_page (self->store, w->source_id, w->page, w->new_cursor, w->seen, w->stats,
                                        &w->error);
      g_mutex_unlock (self->write_lock);
      g_mutex_lock (&self->done_lock);
      w->done = TRUE;
      g_cond_broadcast (&self->done_cond);
      g_mutex_unlock (&self->done_lock);
    }
  return NULL;
}

McSyncWriter *
mc_sync_writer_new (const char  *db_path,
                    GMutex      *write_lock,
                    GError     **error)
{
  McStore *store = mc_store_open (db_path, MC_STORE_OPEN_EXISTING, error);
  McSyncWriter *self;

  if (store == NULL)
    return NULL;
  mc_store_sync_set_bulk (store, TRUE);
  self = g_new0 (McSyncWriter, 1);
  self->store = store;
  self->write_lock = write_lock;
  self->queue = g_async_queue_new ();
  g_mutex_init (&self->done_lock);
  g_cond_init (&self->done_cond);
  self->thread = g_thread_new ("mc-sync-writer", writer_main, self);
  return self;
}

/* mc_store_sync_apply_page() in the writer's thread; returns when it is committed or failed. */
gboolean
mc_sync_writer_apply (McSyncWriter           *self,
                      const char             *source_id,
                      const McStoreSyncPage  *page,
                      const char             *new_cursor,
                      GHashTable             *seen,
                      McStoreSyncStats       *stats,
                      GError                **error)
{
  Write w = { source_id, page, new_cursor, seen, stats, NULL, FALSE, FALSE };

  g_async_queue_push (self->queue, &w);
  g_mutex_lock (&self->done_lock);
  while (!w.done)
    g_cond_wait (&self->done_cond, &self->done_lock);
  g_mutex_unlock (&self->done_lock);
  if (!w.ok)
    g_propagate_error (error, w.error);
  return w.ok;
}

/* The writer's connection, for other writes of a sync (under the write lock). */
McStore *
mc_sync_writer_get_store (McSyncWriter *self)
{
  return self->store;
}

/* Once no write is waiting. */
void
mc_sync_writer_free (McSyncWriter *self)
{
  g_async_queue_push (self->queue, self);
  g_thread_join (self->thread);
  g_async_queue_unref (self->queue);
  g_mutex_clear (&self->done_lock);
  g_cond_clear (&self->done_cond);
  g_object_unref (self->store);
  g_free (self);
}
