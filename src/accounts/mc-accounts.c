/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-accounts.h"
#include "mc-store-audit.h"
#include "mc-store-sync.h"

gboolean
mc_accounts_remove_source (McStore     *store,
                           const char  *source_id,
                           GError     **error)
{
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (MC_IS_STORE (store), FALSE);

  if (!mc_store_sync_remove_source (store, source_id, error))
    return FALSE;
  keyring = mc_secrets_new (mc_store_get_path (store));
  if (!mc_secrets_clear_source_sync (keyring, source_id, NULL, &local))
    g_debug ("%s", local->message);
  return TRUE;
}

static void
cleared (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!mc_secrets_clear_source_finish (MC_SECRETS (object), result, &error))
    g_debug ("%s", error->message);
  g_task_return_boolean (task, TRUE);
}

void
mc_accounts_remove_source_async (McStore             *store,
                                 const char          *source_id,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (store, cancellable, callback, user_data);
  g_autoptr(McSecrets) keyring = NULL;
  GError *error = NULL;

  g_return_if_fail (MC_IS_STORE (store));
  g_task_set_source_tag (task, mc_accounts_remove_source_async);

  if (!mc_store_sync_remove_source (store, source_id, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  keyring = mc_secrets_new (mc_store_get_path (store));
  mc_secrets_clear_source_async (keyring, source_id, cancellable, cleared, g_steal_pointer (&task));
}

gboolean
mc_accounts_remove_source_finish (McStore       *store,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
mc_accounts_load_audit_key (McStore  *store,
                            GError  **error)
{
  g_autoptr(McSecrets) keyring = mc_secrets_new (mc_store_get_path (store));
  g_autoptr(GBytes) key = NULL;
  GError *local = NULL;

  if (!(key = mc_secrets_audit_key_sync (keyring, FALSE, NULL, &local)) && local == NULL)
    {
      /* A new key only for a log that no key has sealed yet: one made for a sealed log
       * would not verify it, and would hide that the right one was lost. */
      if (mc_store_audit_is_sealed (store, &local))
        g_set_error (&local, MC_SECRETS_ERROR, MC_SECRETS_ERROR_MISSING,
                     _("The audit key of %s is missing from the keyring"), mc_store_get_path (store));
      else if (local == NULL)
        key = mc_secrets_audit_key_sync (keyring, TRUE, NULL, &local);
    }
  if (key == NULL)
    {
      g_propagate_error (error, local);
      return FALSE;
    }
  mc_store_set_audit_key (store, key);
  return TRUE;
}

static void
load_audit_key_thread (GTask        *task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  g_autoptr(McStore) store = mc_store_open (task_data, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, NULL);
  g_autoptr(GError) error = NULL;

  /* The key is registered for the profile's file: every connection of this process to it
   * seals with it from now on. Without it, entries wait unsealed (mc-store-audit.c). */
  if (store != NULL && !mc_accounts_load_audit_key (store, &error))
    g_info ("Audit entries stay unsealed for now: %s", error->message);
  g_task_return_boolean (task, TRUE);
}

/* The same for the window: in a thread of its own, on a connection of its own. */
void
mc_accounts_load_audit_key_async (const char *db_path)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_task_data (task, g_strdup (db_path), g_free);
  g_task_run_in_thread (task, load_audit_key_thread);
}
