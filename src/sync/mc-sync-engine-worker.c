/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mc-sync-engine-private.h"
#include "mc-thread.h"
#include "mc-time.h"

/* The worker: one sync of one source, in a GTask thread, with the source's store connection
 * (opened with the source and reused by each sync: one sync runs per source at a time) and
 * the engine's shared writer for the pages. It pushes the source's outbox, then pulls page by
 * page (a page and its cursor in one transaction), and reports progress to the engine's main
 * context. */

void
mc_sync_job_free (Job *job)
{
  g_clear_object (&job->engine);
  g_free (job->source_id);
  g_object_unref (job->connector);
  g_clear_pointer (&job->push_connectors, g_ptr_array_unref);
  g_clear_object (&job->store);
  g_free (job);
}

typedef struct
{
  McSyncEngine *engine;
  char *source_id;
  guint pages, dossiers;
  gboolean full;
} Progress;

static void
progress_free (gpointer data)
{
  Progress *p = data;

  g_object_unref (p->engine);
  g_free (p->source_id);
  g_free (p);
}

static gboolean
progress_cb (gpointer data)
{
  Progress *p = data;
  Source *s = g_hash_table_lookup (p->engine->sources, p->source_id);

  if (s != NULL && s->running)
    {
      s->progress.pages = p->pages;
      s->progress.dossiers = p->dossiers;
      s->progress.full = p->full;
      mc_sync_engine_notify_source (p->engine, s);
    }
  return G_SOURCE_REMOVE;
}

static void
report_progress (Job *job)
{
  Progress *p = g_new0 (Progress, 1);
  GSource *source = g_idle_source_new ();

  p->engine = g_object_ref (job->engine);
  p->source_id = g_strdup (job->source_id);
  p->pages = job->pages;
  p->dossiers = job->dossiers;
  p->full = job->full;
  /* Always through the engine's context, never here: g_main_context_invoke() would run it in
   * this worker whenever no thread holds the context at that moment (a test between two
   * iterations), and the listeners would read the window's connection from two threads. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, progress_cb, p, progress_free);
  g_source_set_static_name (source, "[motcua] sync progress");
  g_source_attach (source, job->engine->context);
  g_source_unref (source);
}

static gboolean push (Job *job, GCancellable *cancellable, gboolean *out_reachable, GError **error);

/* The syncs that run share one writer (mc-sync-writer.c), made by the first and freed by the
 * last to end, so that no connection outlives them (the training reset replaces the file). */
static McSyncWriter *
writer_hold (McSyncEngine  *self,
             GError       **error)
{
  McSyncWriter *writer;

  g_mutex_lock (&self->write_lock);
  if (self->writer == NULL)
    self->writer = mc_sync_writer_new (self->db_path, &self->write_lock, error);
  if ((writer = self->writer) != NULL)
    self->writer_users++;
  g_mutex_unlock (&self->write_lock);
  return writer;
}

static void
writer_release (McSyncEngine *self)
{
  McSyncWriter *writer = NULL;

  g_mutex_lock (&self->write_lock);
  if (--self->writer_users == 0)
    writer = g_steal_pointer (&self->writer);
  g_mutex_unlock (&self->write_lock);
  /* Outside the lock, which its thread may be waiting for. */
  g_clear_pointer (&writer, mc_sync_writer_free);
}

void
mc_sync_job_run (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  Job *job = task_data;
  McSyncEngine *self = job->engine;
  McStore *store;
  McSyncWriter *writer;
  g_autoptr(GHashTable) seen = NULL;
  g_autofree char *cursor = NULL;
  g_autoptr(GPtrArray) search = NULL;
  GError *error = NULL;
  GError *push_error = NULL;
  gboolean restarted = FALSE, reachable = TRUE, unverified = FALSE;

  mc_thread_set_priority (MC_THREAD_WORKER);
  if (job->store == NULL && !(job->store = mc_store_open (self->db_path, MC_STORE_OPEN_EXISTING, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  store = job->store;
  mc_store_sync_set_bulk (store, TRUE);
  if (!push (job, cancellable, &reachable, &push_error) && !reachable)
    {
      job->waiting = mc_store_push_waiting (store, job->source_id, NULL);
      g_task_return_error (task, push_error);
      return;
    }
  if (!mc_store_sync_get_cursor (store, job->source_id, &cursor, &error) || !(writer = writer_hold (self, &error)))
    {
      g_clear_error (&push_error);
      g_task_return_error (task, error);
      return;
    }
  if (cursor == NULL)
    job->full = TRUE;
  if (job->full)
    {
      /* Reading everything: start from the beginning without touching the stored cursor,
       * which the first page replaces; what the walk does not see is swept at the end. */
      g_clear_pointer (&cursor, g_free);
      seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  for (;;)
    {
      g_autoptr(McPullPage) page = NULL;
      McStoreSyncPage store_page = { 0 };
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      page = mc_connector_pull (job->connector, cursor, cancellable, &error);
      if (page == NULL)
        {
          if (g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_CURSOR_EXPIRED) && !restarted)
            {
              /* 410: read everything again. The outbox and local state stay untouched: the
               * store holds back changes to dossiers with pending actions. */
              g_clear_error (&error);
              restarted = TRUE;
              job->full = TRUE;
              g_clear_pointer (&cursor, g_free);
              g_clear_pointer (&seen, g_hash_table_unref);
              seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
              report_progress (job);
              continue;
            }
          break;
        }
      job->requests += page->n_requests;
      unverified |= page->unverified;
      /* Folding the search text is CPU work: done here, in parallel with the other sources,
       * not under the write lock. */
      g_clear_pointer (&search, g_ptr_array_unref);
      search = g_ptr_array_new_full (page->dossiers->len, g_free);
      for (guint i = 0; i < page->dossiers->len; i++)
        g_ptr_array_add (search, mc_dossier_search_text (g_ptr_array_index (page->dossiers, i)));
      store_page.search = search;
      store_page.dossiers = page->dossiers;
      store_page.remote_ids = page->remote_ids;
      store_page.tombstones = page->tombstones;
      store_page.tombstones_by_remote_id = page->tombstones_by_remote_id;

      ok = mc_sync_writer_apply (writer, job->source_id, &store_page, page->cursor, seen, &job->stats, &error);
      if (!ok)
        break;
      job->pages++;
      job->dossiers += page->dossiers->len;
      report_progress (job);
      g_free (cursor);
      cursor = g_steal_pointer (&page->cursor);
      if (!page->more)
        break;
    }

  /* A walk that may have missed an item proves nothing about what the system lists. */
  if (error == NULL && seen != NULL && !unverified)
    {
      g_mutex_lock (&self->write_lock);
      mc_store_sync_sweep (mc_sync_writer_get_store (writer), job->source_id, seen, &job->stats, &error);
      g_mutex_unlock (&self->write_lock);
      job->did_full = error == NULL;
    }
  writer_release (self);
  if (error == NULL)
    mc_store_sync_mark_success (store, job->source_id, mc_time_now (), &error);
  job->reached = error == NULL;
  /* Server changes held back while their dossier had actions to send, now settled. */
  if (error == NULL && !job->push_skipped)
    mc_sync_push_release (store, job->connector, job->source_id, &self->write_lock, cancellable, &job->push, &error);
  job->waiting = mc_store_push_waiting (store, job->source_id, NULL);
  job->retry_after = MAX (job->retry_after, mc_connector_get_retry_after (job->connector));
  if (error == NULL && push_error != NULL)
    error = g_steal_pointer (&push_error);
  g_clear_error (&push_error);
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* The push side (mc-sync-push.c), run first in the same worker: the pull after it brings the
 * systems' state after the official's actions. One process pushes a profile at a time. */

/* Returns: whether this process pushes the profile. Taking the lock the first time settles
 * the rows a dead process left "sending" (in doubt): no one else can be sending them. */
static gboolean
hold_push_lock (McSyncEngine  *self,
                McStore       *store,
                GError       **error)
{
  gboolean held;

  g_mutex_lock (&self->push_mutex);
  if (self->push_lock < 0 && (self->push_lock = mc_sync_push_lock (self->db_path)) >= 0
      && !mc_sync_push_recover (store, &self->write_lock, error))
    {
      mc_sync_push_unlock (self->push_lock);
      self->push_lock = -1;
    }
  held = self->push_lock >= 0;
  g_mutex_unlock (&self->push_mutex);
  return held;
}

/* Returns: FALSE with @error when the push failed; *@out_reachable then says whether the pull
 * may still go (not when the system cannot be reached or refuses the credentials: the pull
 * would fail the same way). Not pushing (another process does) is not a failure. */
static gboolean
push (Job           *job,
      GCancellable  *cancellable,
      gboolean      *out_reachable,
      GError       **error)
{
  McSyncEngine *self = job->engine;
  g_autoptr(GError) local = NULL;

  *out_reachable = TRUE;
  job->push_skipped = !hold_push_lock (self, job->store, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (job->push_skipped)
    return TRUE;
  if (mc_sync_push_source (job->store, job->source_id, job->push_connectors, &self->write_lock, cancellable,
                           &job->push, &local))
    return TRUE;
  job->retry_after = MAX (job->retry_after, job->push.retry_after);
  *out_reachable = !(local->domain == MC_SYNC_ERROR && (local->code == MC_SYNC_ERROR_OFFLINE
                                                        || local->code == MC_SYNC_ERROR_AUTH))
                   && !g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_propagate_error (error, g_steal_pointer (&local));
  return FALSE;
}
