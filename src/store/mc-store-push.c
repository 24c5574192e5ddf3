/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-actions.h"
#include "mc-store-outbox-private.h"
#include "mc-store-push.h"
#include "mc-time.h"

/* The store's side of pushing the outbox: the key generation of an action the official sent
 * again, recovery after a crash, parking an action for the official together with a note that
 * the dossier's copy must be read again, the intake that became a ministry dossier, and the
 * held server changes released once a dossier has nothing left to send. */

void
mc_push_held_free (McPushHeld *held)
{
  if (held == NULL)
    return;
  g_free (held->number);
  g_free (held);
}

/* Returns: how many times the official sent the action again (retried after a refusal,
 * re-applied after a conflict), -1 on error. A system that remembers the first answer to a
 * key would answer a re-sent action with its old refusal: each generation has its own key. */
gint64
mc_store_push_generation (McStore              *self,
                          const McOutboxEntry  *entry,
                          GError              **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM audit WHERE dossier_id = ? AND outcome IN ('retried', 'reapplied')"
    " AND json_extract(detail, '$.uuid') = ?", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, entry->dossier_id);
  mc_store_bind_text (stmt, 2, entry->uuid);
  n = mc_store_step_int64 (self, stmt, N_("reading the audit log"), error);
  return n;
}

/* Rows left "sending" by a process that stopped (a crash, a kill, a power cut): whether the
 * system applied them is unknown, so they become in doubt. Called by the one process that
 * pushes the profile, before it pushes. */
gboolean
mc_store_push_recover (McStore  *self,
                       guint    *out_n,
                       GError  **error)
{
  McOutboxFilter filter = { .state = MC_OUTBOX_SENDING };
  g_autoptr(GPtrArray) rows = mc_store_outbox_list (self, &filter, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!mc_store_outbox_mark_in_doubt (self, ((McOutboxEntry *) g_ptr_array_index (rows, i))->id,
                                        _("Interrupted while sending: the ministry system is checked first"), error))
      return FALSE;
  if (out_n)
    *out_n = rows->len;
  return TRUE;
}

/* The dossier's copy is to be read from the system again once nothing is left to send. */
static gboolean
hold (McStore     *self,
      gint64       dossier_id,
      const char  *server_version,
      GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO sync_held (dossier_id, server_version, deleted, held_at) VALUES (?, ?, 0, ?)"
    " ON CONFLICT (dossier_id) DO UPDATE SET server_version = coalesce(excluded.server_version, server_version)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text (stmt, 2, server_version);
  sqlite3_bind_int64 (stmt, 3, mc_time_now ());
  return mc_store_step_done (self, stmt, error);
}

/* A conflict or a refusal, parked for the official, in one transaction with a hold on the
 * dossier: whatever the official decides (re-apply, retry, discard), the local copy, which
 * shows the action's effect, is replaced by the system's once the dossier is settled. */
gboolean
mc_store_push_park (McStore              *self,
                    const McOutboxEntry  *entry,
                    McOutboxState         state,
                    McStatus              server_status,
                    const char           *server_version,
                    const char           *message,
                    GError              **error)
{
  gboolean own, ok;

  g_return_val_if_fail (state == MC_OUTBOX_CONFLICT || state == MC_OUTBOX_REJECTED, FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  ok = (state == MC_OUTBOX_CONFLICT
        ? mc_store_outbox_mark_conflict (self, entry->id, server_status, server_version, message, error)
        : mc_store_outbox_mark_rejected (self, entry->id, message, error))
       && hold (self, entry->dossier_id, server_version, error);
  return mc_store_tx_end (self, own, ok, error);
}

/* A copy the pull stored under the new number while the intake's answer was lost: it goes,
 * and the intake's dossier (renumbered next) is read again instead. One with actions of its
 * own cannot be merged without the official. */
static gboolean
merge_pulled_copy (McStore              *self,
                   const McOutboxEntry  *entry,
                   const char           *number,
                   GError              **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT id, server_version, (SELECT count(*) FROM outbox o WHERE o.dossier_id = d.id"
    "  AND o.state NOT IN ('done', 'discarded'))"
    " FROM dossiers d WHERE source_id = ? AND number = ? AND id != ?", error);
  g_autofree char *version = NULL;
  gint64 copy = 0, waiting = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, entry->source_id);
  mc_store_bind_text (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, entry->dossier_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      copy = sqlite3_column_int64 (stmt, 0);
      version = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      waiting = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading a dossier"));
      return FALSE;
    }
  if (copy == 0)
    return TRUE;
  if (waiting > 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The ministry system gave dossier %s the number %s, which another dossier here already has "
                     "with actions of its own: resolve them first"), entry->dossier_number, number);
      return FALSE;
    }
  if (!(stmt = mc_store_prepare (self, "DELETE FROM outbox WHERE dossier_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "DELETE FROM dossiers WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy);
  return mc_store_step_done (self, stmt, error) && hold (self, entry->dossier_id, version, error);
}

/* The system created the counter intake under @number: in one transaction the outbox row is
 * done and the provisional number is replaced everywhere (mc_store_renumber_dossier()). */
gboolean
mc_store_push_created (McStore              *self,
                       const McOutboxEntry  *entry,
                       const char           *number,
                       const char           *server_version,
                       gint64                server_at,
                       GError              **error)
{
  g_autofree char *actor = g_strdup_printf ("sync/%s", entry->source_id);
  g_autoptr(McDossier) d = NULL;
  gboolean ok;

  if (!mc_store_begin (self, error))
    return FALSE;
  ok = (d = mc_store_get_dossier (self, entry->dossier_id, error)) != NULL
       && (!d->provisional || merge_pulled_copy (self, entry, number, error))
       && mc_store_outbox_mark_done (self, entry->id, server_version, server_at, error)
       && (!d->provisional || mc_store_renumber_dossier (self, entry->dossier_id, number, actor, error));
  if (ok && mc_store_commit (self, error))
    return TRUE;
  mc_store_rollback (self);
  return FALSE;
}

/* Returns: (transfer full): McPushHeld of @source_id whose dossiers have nothing left to send.
 * Provisional dossiers are not among them: the system does not know their number. */
GPtrArray *
mc_store_push_releasable (McStore     *self,
                          const char  *source_id,
                          GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT h.dossier_id, d.number, h.deleted FROM sync_held h JOIN dossiers d ON d.id = h.dossier_id"
    " WHERE d.source_id = ? AND d.provisional = 0 AND NOT EXISTS (SELECT 1 FROM outbox o"
    "  WHERE o.dossier_id = h.dossier_id AND o.state NOT IN ('done', 'discarded'))"
    " ORDER BY h.dossier_id", error);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_push_held_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McPushHeld *h = g_new0 (McPushHeld, 1);

      h->dossier_id = sqlite3_column_int64 (stmt, 0);
      h->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      h->deleted = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (held, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading held changes"));
      return NULL;
    }
  return g_steal_pointer (&held);
}

/* The local copy no longer claims to be any server version, so that storing the system's
 * copy (mc_store_sync_apply_page()) replaces it even where the version did not move (an
 * action refused, then discarded). Only while nothing is left to send. */
gboolean
mc_store_push_forget_version (McStore  *self,
                              gint64    dossier_id,
                              GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "UPDATE dossiers SET server_version = NULL WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox"
    " WHERE dossier_id = ?1 AND state NOT IN ('done', 'discarded'))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  return mc_store_step_done (self, stmt, error);
}

gboolean
mc_store_push_release (McStore  *self,
                       gint64    dossier_id,
                       GError  **error)
{
  /* An action taken meanwhile keeps the hold (the pull's, or this one). */
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "DELETE FROM sync_held WHERE dossier_id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox"
    " WHERE dossier_id = ?1 AND state NOT IN ('done', 'discarded'))", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  return mc_store_step_done (self, stmt, error);
}

/* Returns: (transfer full) (nullable): the dialect's own id of the dossier, when it has one. */
char *
mc_store_push_remote_id (McStore  *self,
                         gint64    dossier_id)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT remote_id FROM dossiers WHERE id = ?", NULL);
  char *id = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return id;
}

/* Returns: how many actions of @source_id wait to be sent or checked (pending, sending, in
 * doubt: not those waiting for the official), -1 on error. */
gint64
mc_store_push_waiting (McStore     *self,
                       const char  *source_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE source_id = ? AND state IN ('pending', 'sending', 'in_doubt')", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, source_id);
  n = mc_store_step_int64 (self, stmt, N_("reading the outbox"), error);
  return n;
}
