/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-files.h"
#include "mc-sync-engine-private.h"
#include "mc-sync-error.h"

/* A file a ministry system lists (its e-result, the citizen's online upload), downloaded when
 * the official asks for it and kept in the profile: off the main loop, with a copy of the
 * source's connector (a connector serves one thread at a time) and the connection to the store
 * the downloads keep between them. */

typedef struct
{
  McConnector *connector;
  gint64 file_id;
  guint stops;                  /* the engine's stops when it began */
} Download;

static void
download_free (Download *d)
{
  g_clear_object (&d->connector);
  g_free (d);
}

/* The downloads' connection, for one at a time: one that starts while another runs opens its
 * own. */
static McStore *
take_store (McSyncEngine  *engine,
            GError       **error)
{
  McStore *store;

  g_mutex_lock (&engine->download_lock);
  store = g_steal_pointer (&engine->download_store);
  g_mutex_unlock (&engine->download_lock);
  return store ? store : mc_store_open (engine->db_path, MC_STORE_OPEN_EXISTING, error);
}

/* Kept for the next download (one is enough), unless the engine stopped since @d began: the
 * training reset replaces the file under a stopped engine. */
static void
give_back_store (McSyncEngine    *engine,
                 McStore         *store,
                 const Download  *d)
{
  g_mutex_lock (&engine->download_lock);
  if (engine->download_store == NULL && d->stops == engine->stops)
    engine->download_store = g_steal_pointer (&store);
  g_mutex_unlock (&engine->download_lock);
  g_clear_object (&store);
}

static gboolean
download_keep (McSyncEngine  *engine,
               McStore       *store,
               Download      *d,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(McFile) file = NULL;
  g_autoptr(GBytes) content = NULL;
  gboolean kept;

  if (!(file = mc_store_get_file (store, d->file_id, error))
      || !(content = mc_connector_download (d->connector, file, cancellable, error)))
    return FALSE;
  /* One writer at a time with the engine's syncs (SQLite would busy-wait). */
  g_mutex_lock (&engine->write_lock);
  kept = mc_store_keep_download (store, file->id, content, error);
  g_mutex_unlock (&engine->write_lock);
  return kept;
}

static void
download_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  McSyncEngine *engine = source_object;
  Download *d = task_data;
  GError *error = NULL;
  McStore *store = take_store (engine, &error);
  gboolean kept = store != NULL && download_keep (engine, store, d, cancellable, &error);

  if (store != NULL)
    give_back_store (engine, store, d);
  if (kept)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Downloads file @file_id, listed by source @source_id, and keeps it (mc_store_keep_download()):
 * checked against the size and hash the system lists. Fails at once when the engine does not
 * sync that source (not set up, or not signed in). */
void
mc_sync_engine_download_async (McSyncEngine        *self,
                               const char          *source_id,
                               gint64               file_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Source *s;
  Download *d;

  g_return_if_fail (MC_IS_SYNC_ENGINE (self));
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sync_engine_download_async);
  s = source_id ? g_hash_table_lookup (self->sources, source_id) : NULL;
  if (s == NULL || s->connector == NULL)
    {
      g_task_return_new_error (task, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND,
                               _("Một Cửa is not connected to the ministry system of this file: check its sign-in in "
                                 "Preferences → Ministry systems"));
      return;
    }
  d = g_new0 (Download, 1);
  d->stops = self->stops;
  d->connector = mc_connector_dup (s->connector);
  d->file_id = file_id;
  if (d->connector != NULL && self->keyring != NULL)
    mc_connector_set_keyring (d->connector, self->keyring);
  g_task_set_task_data (task, d, (GDestroyNotify) download_free);
  if (d->connector == NULL)
    {
      g_task_return_new_error (task, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND, "%s",
                               _("The connection to the ministry system could not be set up"));
      return;
    }
  g_task_run_in_thread (task, download_thread);
}

gboolean
mc_sync_engine_download_finish (McSyncEngine  *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
