/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connector.h"
#include "mc-sign-in.h"

/* Signing in again: keep the new credentials (a worker thread: the Secret Service is D-Bus),
 * then give the engine a connector with them and sync that one source (the main context). */

typedef struct
{
  McSecrets *keyring;
  McSource *source;
  char *password;
  char *api_key;
} SignIn;

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

static void
sign_in_free (SignIn *data)
{
  g_clear_object (&data->keyring);
  g_clear_pointer (&data->source, mc_source_free);
  wipe (data->password);
  wipe (data->api_key);
  g_free (data);
}

gboolean
mc_sign_in_keep (McSecrets       *keyring,
                 const McSource  *source,
                 const char      *password,
                 const char      *api_key,
                 GCancellable    *cancellable,
                 GError         **error)
{
  g_return_val_if_fail (password != NULL && *password != '\0', FALSE);

  if (!mc_secrets_store_sync (keyring, source->id, mc_secret_kind_for_sign_in (source->dialect), password,
                              cancellable, error))
    return FALSE;
  if (api_key != NULL && *api_key != '\0'
      && !mc_secrets_store_sync (keyring, source->id, MC_SECRET_API_KEY, api_key, cancellable, error))
    return FALSE;
  /* The sessions belong to the old credentials: a new sign-in must really sign in. */
  return mc_secrets_clear_tokens_sync (keyring, source->id, cancellable, error);
}

static void
keep_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  SignIn *data = task_data;
  GError *error = NULL;
  GHashTable *secrets;

  if (!mc_sign_in_keep (data->keyring, data->source, data->password, data->api_key, cancellable, &error)
      || !(secrets = mc_secrets_load_source_sync (data->keyring, data->source, cancellable, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, secrets, (GDestroyNotify) g_hash_table_unref);
}

static void
synced (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SignIn *data = g_task_get_task_data (task);
  GError *error = NULL;
  McSyncProgress p;

  if (mc_sync_engine_sync_finish (MC_SYNC_ENGINE (object), result, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  /* The engine's batch error says "failed"; the dialog needs to know whether it was the
   * password (ask again) or the network (the new password is kept; it will be tried). */
  if (mc_sync_engine_get_progress (MC_SYNC_ENGINE (object), data->source->id, &p) && error->domain == MC_SYNC_ERROR)
    {
      if (p.state == MC_SYNC_STATE_SIGN_IN_NEEDED)
        error->code = MC_SYNC_ERROR_AUTH;
      else if (p.state == MC_SYNC_STATE_OFFLINE)
        error->code = MC_SYNC_ERROR_OFFLINE;
    }
  g_task_return_error (task, error);
}

static void
kept (GObject      *object,
      GAsyncResult *result,
      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  McSyncEngine *engine = g_task_get_source_object (task);
  SignIn *data = g_task_get_task_data (task);
  g_autoptr(GHashTable) secrets = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  if (!(secrets = g_task_propagate_pointer (G_TASK (result), &error))
      || !mc_sync_engine_set_secrets (engine, data->source->id, secrets, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  mc_sync_engine_sync_async (engine, data->source->id, FALSE, cancellable, synced, g_steal_pointer (&task));
}

void
mc_sign_in_async (McSyncEngine        *engine,
                  McSecrets           *keyring,
                  const char          *source_id,
                  const char          *password,
                  const char          *api_key,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (engine, cancellable, callback, user_data);
  g_autoptr(GTask) keep = NULL;
  const McSource *source = mc_sync_engine_get_source (engine, source_id);
  SignIn *data;

  g_task_set_source_tag (task, mc_sign_in_async);
  if (source == NULL)
    {
      g_task_return_new_error (task, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND, _("No source “%s”"), source_id);
      return;
    }
  if (password == NULL || *password == '\0')
    {
      g_autofree char *what = g_utf8_strdown (mc_secret_kind_label (mc_secret_kind_for_sign_in (source->dialect)), -1);

      g_task_return_new_error (task, MC_SECRETS_ERROR, MC_SECRETS_ERROR_MISSING, _("%s: the %s is empty"),
                               source->name, what);
      return;
    }
  data = g_new0 (SignIn, 1);
  data->keyring = g_object_ref (keyring);
  data->source = mc_source_copy (source);
  data->password = g_strdup (password);
  data->api_key = g_strdup (api_key);
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_free);

  keep = g_task_new (NULL, cancellable, kept, g_steal_pointer (&task));
  g_task_set_task_data (keep, data, NULL);
  g_task_run_in_thread (keep, keep_thread);
}

gboolean
mc_sign_in_finish (McSyncEngine  *engine,
                   GAsyncResult  *result,
                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, engine), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
