/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-secrets.h"
#include "mc-sync-setup.h"

/* Making the application's one sync engine for the open profile, and taking it down. The
 * engine gets the profile's enabled sources with their credentials from the Secret Service
 * (read without blocking the main loop); training sources ("sim:…") point at the embedded
 * simulator and sign in with its known sample accounts, which are not secrets. */

typedef struct
{
  McSim *sim;
  McSecrets *secrets;
  GPtrArray *sources;   /* McSource: still to add */
  McSyncEngine *engine;
} Setup;

static void
setup_free (Setup *setup)
{
  g_clear_object (&setup->sim);
  g_clear_object (&setup->secrets);
  g_clear_pointer (&setup->sources, g_ptr_array_unref);
  g_clear_object (&setup->engine);
  g_free (setup);
}

static void add_next (GTask *task);

/* Returns: (transfer full) (nullable): training source @source pointed at @sim (the training
 * simulator, which serves all five dialects: an outage only closes a port), with its sample
 * account's credentials in @out_secrets; NULL for another source, or without a simulator. */
McSource *
mc_sync_setup_training_source (McSim           *sim,
                               const McSource  *source,
                               GHashTable     **out_secrets)
{
  McSimDialect dialect;
  McSource *resolved;

  if (sim == NULL || !g_str_has_prefix (source->base_url, MC_SYNC_SIM_PREFIX) ||
      !mc_sim_dialect_from_name (source->base_url + strlen (MC_SYNC_SIM_PREFIX), &dialect))
    return NULL;
  resolved = mc_source_copy (source);
  g_free (resolved->base_url);
  resolved->base_url = mc_sim_get_base_url (sim, dialect);
  *out_secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (*out_secrets, (gpointer) "password", (gpointer) MC_SIM_DEFAULT_PASSWORD);
  g_hash_table_insert (*out_secrets, (gpointer) "api-key", (gpointer) MC_SIM_DEFAULT_API_KEY);
  return resolved;
}

static void
add_source (GTask      *task,
            McSource   *source,
            GHashTable *secrets)
{
  Setup *setup = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (!mc_sync_engine_add_source (setup->engine, source, secrets, &error))
    g_warning ("Cannot sync %s: %s", source->id, error->message);
}

static void
secrets_loaded (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Setup *setup = g_task_get_task_data (task);
  g_autoptr(McSource) source = g_ptr_array_steal_index (setup->sources, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) secrets = mc_secrets_load_source_finish (MC_SECRETS (object), result, &error);

  /* A source without its password waits for the official to sign in (Preferences); the
   * others sync meanwhile. */
  if (secrets == NULL)
    g_message ("Not syncing %s: %s", source->id, error->message);
  else
    add_source (task, source, secrets);
  add_next (g_steal_pointer (&task));
}

static void
add_next (GTask *task)
{
  Setup *setup = g_task_get_task_data (task);

  while (setup->sources->len > 0)
    {
      McSource *source = g_ptr_array_index (setup->sources, 0);
      g_autoptr(McSource) resolved = NULL;
      g_autoptr(GHashTable) secrets = NULL;

      if (!g_str_has_prefix (source->base_url, MC_SYNC_SIM_PREFIX))
        {
          /* Real systems' sessions outlive a restart, in the Secret Service beside the
           * password (the training accounts' need not). */
          mc_sync_engine_set_keyring (setup->engine, setup->secrets);
          mc_secrets_load_source_async (setup->secrets, source, g_task_get_cancellable (task), secrets_loaded, task);
          return;
        }
      if ((resolved = mc_sync_setup_training_source (setup->sim, source, &secrets)) != NULL)
        add_source (task, resolved, secrets);
      else
        /* A sample profile opened outside training: nothing serves it. */
        g_message ("Not syncing %s: it belongs to training mode (%s)", source->id, source->base_url);
      g_ptr_array_remove_index (setup->sources, 0);
    }
  g_task_return_pointer (task, g_steal_pointer (&setup->engine), g_object_unref);
  g_object_unref (task);
}

/* Makes an engine (not started) for @store's enabled sources. */
void
mc_sync_setup_engine_async (McStore             *store,
                            McSim               *sim,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Setup *setup = g_new0 (Setup, 1);
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;

  g_task_set_source_tag (task, mc_sync_setup_engine_async);
  g_task_set_task_data (task, setup, (GDestroyNotify) setup_free);
  if (!(sources = mc_store_list_sources (store, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  setup->sim = sim ? g_object_ref (sim) : NULL;
  setup->secrets = mc_secrets_new (mc_store_get_path (store));
  setup->engine = mc_sync_engine_new (mc_store_get_path (store));
  setup->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_source_free);
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);

      if (s->enabled)
        g_ptr_array_add (setup->sources, mc_source_copy (s));
    }
  add_next (task);
}

McSyncEngine *
mc_sync_setup_engine_finish (GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Taking the engine down */

static gboolean
any_running (McSyncEngine *engine)
{
  g_auto(GStrv) ids = mc_sync_engine_list_sources (engine);

  for (guint i = 0; ids[i]; i++)
    {
      McSyncProgress p;

      if (mc_sync_engine_get_progress (engine, ids[i], &p) && p.state == MC_SYNC_STATE_SYNCING)
        return TRUE;
    }
  return FALSE;
}

static void
check_stopped (GTask *task)
{
  McSyncEngine *engine = g_task_get_source_object (task);

  if (any_running (engine))
    return;
  g_signal_handlers_disconnect_by_data (engine, task);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

/* Stops @engine and completes once no worker thread is syncing any more (cancelled ones end
 * at their next request or page), so that the profile can be replaced under it. */
void
mc_sync_setup_stop_async (McSyncEngine        *engine,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  GTask *task = g_task_new (engine, NULL, callback, user_data);

  g_task_set_source_tag (task, mc_sync_setup_stop_async);
  mc_sync_engine_stop (engine);
  g_signal_connect_swapped (engine, "source-changed", G_CALLBACK (check_stopped), task);
  check_stopped (task);
}

gboolean
mc_sync_setup_stop_finish (GAsyncResult  *result,
                           GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}
