/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"
#include "mc-store-sync.h"
#include "mc-time.h"

/* What the sync engine writes: pulled pages and their cursors, one transaction each, so that a
 * cursor never moves past data that is not stored; tombstones; the reconciliation's sweep. A
 * dossier with actions still in the outbox is never overwritten or purged: the server's change
 * is recorded in sync_held for the outbox to settle. */

static gint64
now (void)
{
  return mc_time_now ();
}

/* SQLite's own durability is not needed for pulled data: a page lost by a power cut is lost
 * together with its cursor (same transaction) and pulled again. NORMAL on the engine's own
 * connection roughly halves the cost of a page; the window's connection keeps FULL for the
 * outbox. A page of new dossiers rewrites most leaves of the random-order indexes (applicant,
 * identity number, dates), so its WAL is several times its data: checkpoints every 256 MB
 * rather than 64 copy each page back fewer times (an initial sync ~20% faster). */
void
mc_store_sync_set_bulk (McStore  *self,
                        gboolean  bulk)
{
  mc_store_exec (self, bulk ? "PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536" : "PRAGMA synchronous = FULL",
                 NULL);
  if (bulk)
    mc_store_set_autocheckpoint (self, 65536);
}

static gboolean
has_pending_actions (McStore  *self,
                     gint64    dossier_id,
                     gboolean *out_pending,
                     GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT 1 FROM outbox WHERE dossier_id = ? AND state NOT IN ('done', 'discarded') LIMIT 1", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "reading the outbox");
      return FALSE;
    }
  *out_pending = rc == SQLITE_ROW;
  return TRUE;
}

static gboolean
hold (McStore     *self,
      gint64       dossier_id,
      const char  *server_version,
      gboolean     deleted,
      GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO sync_held (dossier_id, server_version, deleted, held_at) VALUES (?, ?, ?, ?)"
    " ON CONFLICT (dossier_id) DO UPDATE SET server_version = excluded.server_version,"
    " deleted = excluded.deleted, held_at = excluded.held_at", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text (stmt, 2, server_version);
  sqlite3_bind_int (stmt, 3, deleted);
  sqlite3_bind_int64 (stmt, 4, now ());
  return mc_store_step_done (self, stmt, error);
}

/* The outbox keeps rows of finished actions ('done', 'discarded') that point at the dossier;
 * they go with it (the audit log keeps their history). */
static gboolean
delete_dossier (McStore  *self,
                gint64    dossier_id,
                GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "DELETE FROM outbox WHERE dossier_id = ? AND state IN ('done', 'discarded')", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "DELETE FROM dossiers WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  return mc_store_step_done (self, stmt, error);
}

/* Children are replaced whole: the server's copy is the truth for a dossier without pending
 * local actions. */
static gboolean
replace_children (McStore    *self,
                  McDossier  *d,
                  GError    **error)
{
  static const char *deletes[] = {
    /* A server's file downloaded already keeps its content across the pull, while the
     * server lists it the same (path, size and hash). */
    "DELETE FROM temp.kept_downloads",
    "INSERT INTO temp.kept_downloads SELECT remote_path, size, IFNULL(hash, ''), local_path FROM dossier_files"
    " WHERE dossier_id = ?1 AND origin = 'remote' AND local_path IS NOT NULL AND remote_path IS NOT NULL",
    "DELETE FROM documents WHERE dossier_id = ?", "DELETE FROM fees WHERE dossier_id = ?",
    "DELETE FROM supplements WHERE dossier_id = ?", "DELETE FROM results WHERE dossier_id = ?",
    "DELETE FROM history WHERE dossier_id = ?",
    /* The office's own files (scanned at the counter) are not the server's to replace. */
    "DELETE FROM dossier_files WHERE dossier_id = ? AND origin = 'remote'",
  };
  sqlite3_stmt *stmt;

  if (!mc_store_exec (self, "CREATE TEMP TABLE IF NOT EXISTS kept_downloads"
                      " (remote_path TEXT, size INTEGER, hash TEXT, local_path TEXT)", error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      if (!(stmt = mc_store_prepare (self, deletes[i], error)))
        return FALSE;
      if (sqlite3_bind_parameter_count (stmt) > 0)
        sqlite3_bind_int64 (stmt, 1, d->id);
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
    }
  if (!mc_store_insert_children (self, d, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self,
    "UPDATE dossier_files SET local_path = (SELECT k.local_path FROM temp.kept_downloads k"
    "  WHERE k.remote_path = dossier_files.remote_path AND k.size IS dossier_files.size"
    "  AND k.hash = IFNULL(dossier_files.hash, ''))"
    " WHERE dossier_id = ? AND origin = 'remote' AND local_path IS NULL", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, d->id);
  return mc_store_step_done (self, stmt, error) && mc_store_refresh_local_facts (self, d->id, error);
}

/* A dossier new to this profile, in one statement: the unique (source, number) index answers
 * "is it new?" by itself, so an initial sync makes no look-up first. */
static gboolean
insert_new (McStore     *self,
            const char  *source_id,
            McDossier   *d,
            const char  *remote_id,
            const char  *search,
            gboolean    *out_inserted,
            GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO dossiers (source_id, number, provisional, remote_id, " MC_STORE_DOSSIER_COLUMNS ")"
    " VALUES (?, ?, 0, ?, " MC_STORE_DOSSIER_VALUES ")"
    " ON CONFLICT (source_id, number) DO NOTHING", error);

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text_static (stmt, 1, source_id);
  mc_store_bind_text_static (stmt, 2, d->number);
  mc_store_bind_text_static (stmt, 3, remote_id);
  mc_store_bind_dossier (stmt, 4, d, search);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  *out_inserted = sqlite3_changes (self->db) > 0;
  if (!*out_inserted)
    return TRUE;
  d->id = sqlite3_last_insert_rowid (self->db);
  return mc_store_index_dossier (self, d->id, search, error) && mc_store_insert_children (self, d, error);
}

static gboolean
update_dossier (McStore     *self,
                McDossier   *d,
                const char  *remote_id,
                const char  *search,
                GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "UPDATE dossiers SET remote_id = coalesce(?, remote_id), provisional = 0, " MC_STORE_DOSSIER_SET
    " WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text_static (stmt, 1, remote_id);
  mc_store_bind_dossier (stmt, 2, d, search);
  sqlite3_bind_int64 (stmt, 2 + MC_STORE_DOSSIER_N_COLUMNS, d->id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  return replace_children (self, d, error);
}

static gboolean
upsert (McStore           *self,
        const char        *source_id,
        McDossier         *d,
        const char        *remote_id,
        const char        *search,
        McStoreSyncStats  *stats,
        GError           **error)
{
  g_autofree char *computed = NULL;
  g_autofree char *version = NULL;
  sqlite3_stmt *stmt;
  gboolean pending = FALSE, inserted = FALSE;
  gint64 id = 0;
  int rc;

  if (!mc_status_is_valid (d->status) || d->number == NULL || d->applicant_name == NULL || d->procedure_code == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, "Dossier %s is incomplete",
                   d->number ? d->number : "?");
      return FALSE;
    }
  if (search == NULL)
    search = computed = mc_dossier_search_text (d);
  g_free (d->source_id);
  d->source_id = g_strdup (source_id);
  if (!insert_new (self, source_id, d, remote_id, search, &inserted, error))
    return FALSE;
  if (inserted)
    {
      stats->inserted++;
      return TRUE;
    }

  if (!(stmt = mc_store_prepare (self, "SELECT id, server_version FROM dossiers WHERE source_id = ? AND number = ?", error)))
    return FALSE;
  mc_store_bind_text_static (stmt, 1, source_id);
  mc_store_bind_text_static (stmt, 2, d->number);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      version = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      mc_store_set_error (self, error, "reading a dossier");
      return FALSE;
    }
  if (g_strcmp0 (version, d->server_version) == 0)
    {
      stats->unchanged++;
      return TRUE;
    }
  if (!has_pending_actions (self, id, &pending, error))
    return FALSE;
  if (pending)
    {
      stats->held++;
      return hold (self, id, d->server_version, FALSE, error);
    }
  d->id = id;
  stats->updated++;
  return update_dossier (self, d, remote_id, search, error);
}

static gint64
find_tombstone (McStore     *self,
                const char  *source_id,
                const char  *key,
                gboolean     by_remote_id,
                GError     **error)
{
  sqlite3_stmt *stmt = by_remote_id
    ? mc_store_prepare (self, "SELECT id FROM dossiers WHERE source_id = ? AND remote_id = ?", error)
    : mc_store_prepare (self, "SELECT id FROM dossiers WHERE source_id = ? AND number = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, source_id);
  mc_store_bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "finding a dossier");
      return -1;
    }
  return id;
}

static gboolean
remove_dossier (McStore           *self,
                gint64             id,
                McStoreSyncStats  *stats,
                GError           **error)
{
  gboolean pending = FALSE;

  if (!has_pending_actions (self, id, &pending, error))
    return FALSE;
  if (pending)
    {
      stats->held++;
      return hold (self, id, NULL, TRUE, error);
    }
  stats->deleted++;
  return delete_dossier (self, id, error);
}

static gboolean
write_cursor (McStore     *self,
              const char  *source_id,
              const char  *cursor,
              GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO sync_cursors (source_id, cursor, updated_at) VALUES (?, ?, ?)"
    " ON CONFLICT (source_id) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at", error);

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, source_id);
  mc_store_bind_text (stmt, 2, cursor);
  sqlite3_bind_int64 (stmt, 3, now ());
  return mc_store_step_done (self, stmt, error);
}

/* Stores @page and @new_cursor in one transaction (the caller's, if one is open): all of it or
 * nothing. @seen (nullable) collects the numbers pulled, for the reconciliation's sweep. */
gboolean
mc_store_sync_apply_page (McStore                *self,
                          const char             *source_id,
                          const McStoreSyncPage  *page,
                          const char             *new_cursor,
                          GHashTable             *seen,
                          McStoreSyncStats       *stats,
                          GError                **error)
{
  McStoreSyncStats local = { 0 };
  gboolean own;

  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  for (guint i = 0; page->dossiers && i < page->dossiers->len; i++)
    {
      McDossier *d = g_ptr_array_index (page->dossiers, i);
      const char *remote_id = page->remote_ids && i < page->remote_ids->len
        ? g_ptr_array_index (page->remote_ids, i) : NULL;
      const char *search = page->search && i < page->search->len ? g_ptr_array_index (page->search, i) : NULL;

      if (!upsert (self, source_id, d, remote_id, search, &local, error))
        goto fail;
      if (seen != NULL)
        g_hash_table_add (seen, g_strdup (d->number));
    }
  for (guint i = 0; page->tombstones && i < page->tombstones->len; i++)
    {
      gint64 id = find_tombstone (self, source_id, g_ptr_array_index (page->tombstones, i),
                                  page->tombstones_by_remote_id, error);

      if (id < 0)
        goto fail;
      if (id > 0 && !remove_dossier (self, id, &local, error))
        goto fail;
    }
  if (!write_cursor (self, source_id, new_cursor, error) || !mc_store_tx_end (self, own, TRUE, error))
    goto fail;
  if (stats != NULL)
    {
      stats->inserted += local.inserted;
      stats->updated += local.updated;
      stats->unchanged += local.unchanged;
      stats->held += local.held;
      stats->deleted += local.deleted;
    }
  return TRUE;

fail:
  mc_store_tx_end (self, own, FALSE, NULL);
  for (guint i = 0; page->dossiers && i < page->dossiers->len; i++)
    ((McDossier *) g_ptr_array_index (page->dossiers, i))->id = 0;
  return FALSE;
}

/* *@out_cursor is NULL when the source was never pulled (or must be pulled from the start). */
gboolean
mc_store_sync_get_cursor (McStore     *self,
                          const char  *source_id,
                          char       **out_cursor,
                          GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT cursor FROM sync_cursors WHERE source_id = ?", error);
  int rc;

  *out_cursor = NULL;
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_cursor = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "reading a sync cursor");
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_store_sync_set_cursor (McStore     *self,
                          const char  *source_id,
                          const char  *cursor,
                          GError     **error)
{
  return write_cursor (self, source_id, cursor, error);
}

gboolean
mc_store_sync_mark_success (McStore     *self,
                            const char  *source_id,
                            gint64       when,
                            GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO sync_cursors (source_id, cursor, updated_at, last_success) VALUES (?, NULL, ?, ?)"
    " ON CONFLICT (source_id) DO UPDATE SET last_success = excluded.last_success", error);

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, when);
  sqlite3_bind_int64 (stmt, 3, when);
  return mc_store_step_done (self, stmt, error);
}

/* Returns: the time of the last complete sync, 0 if never, -1 on error. */
gint64
mc_store_sync_last_success (McStore     *self,
                            const char  *source_id,
                            GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT last_success FROM sync_cursors WHERE source_id = ?", error);
  gint64 when = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, source_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    when = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "reading a sync time");
      return -1;
    }
  return when;
}

/* After a full walk of the server's list: dossiers of @source_id it did not list are gone
 * there (deleted or reassigned). Provisional ones (received offline, not yet sent) stay; those
 * with pending actions are held. One transaction. */
gboolean
mc_store_sync_sweep (McStore           *self,
                     const char        *source_id,
                     GHashTable        *seen,
                     McStoreSyncStats  *stats,
                     GError           **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GArray) gone = g_array_new (FALSE, FALSE, sizeof (gint64));
  McStoreSyncStats local = { 0 };
  int rc;

  if (!mc_store_begin (self, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "SELECT id, number FROM dossiers WHERE source_id = ? AND provisional = 0", error)))
    goto fail;
  mc_store_bind_text (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!g_hash_table_contains (seen, sqlite3_column_text (stmt, 1)))
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (gone, id);
      }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "listing dossiers");
      goto fail;
    }
  for (guint i = 0; i < gone->len; i++)
    if (!remove_dossier (self, g_array_index (gone, gint64, i), &local, error))
      goto fail;
  if (!mc_store_commit (self, error))
    goto fail;
  if (stats)
    {
      stats->deleted += local.deleted;
      stats->held += local.held;
    }
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}

/* Returns: (transfer full): number → server version of every dossier of @source_id. */
GHashTable *
mc_store_sync_versions (McStore     *self,
                        const char  *source_id,
                        GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT number, server_version FROM dossiers WHERE source_id = ?", error);
  g_autoptr(GHashTable) versions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_insert (versions, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "listing versions");
      return NULL;
    }
  return g_steal_pointer (&versions);
}

gint64
mc_store_sync_count_held (McStore     *self,
                          const char  *source_id,
                          GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM sync_held JOIN dossiers ON dossiers.id = sync_held.dossier_id WHERE source_id = ?", error);
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, source_id);
  n = mc_store_step_int64 (self, stmt, "counting held changes", error);
  return n;
}

/* Removes a source with its dossiers (their children, cursor and held changes go by cascade),
 * unless actions are still waiting to be sent to it: those must not be lost. Its credentials
 * are the accounts layer's to clear, once this has committed (mc_accounts_remove_source). */
gboolean
mc_store_sync_remove_source (McStore     *self,
                             const char  *source_id,
                             GError     **error)
{
  static const char *deletes[] = {
    "DELETE FROM outbox WHERE source_id = ?1 AND state IN ('done', 'discarded')",
    "DELETE FROM dossiers WHERE source_id = ?1",
    "DELETE FROM sync_cursors WHERE source_id = ?1",
  };
  sqlite3_stmt *stmt;
  gint64 waiting = 0;

  if (!mc_store_begin (self, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "SELECT count(*) FROM outbox WHERE source_id = ? AND state NOT IN ('done', 'discarded')", error)))
    goto fail;
  mc_store_bind_text (stmt, 1, source_id);
  /* A failed count is a failure, not "nothing waiting": the deletion must not go ahead. */
  if ((waiting = mc_store_step_int64 (self, stmt, N_("counting actions waiting"), error)) < 0)
    goto fail;
  if (waiting > 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE, "%s has %lld action waiting to be sent; send or discard it first",
                                "%s has %lld actions waiting to be sent; send or discard them first",
                                waiting), source_id, (long long) waiting);
      goto fail;
    }
  for (guint i = 0; i < G_N_ELEMENTS (deletes); i++)
    {
      if (!(stmt = mc_store_prepare (self, deletes[i], error)))
        goto fail;
      mc_store_bind_text (stmt, 1, source_id);
      if (!mc_store_step_done (self, stmt, error))
        goto fail;
    }
  if (!mc_store_remove_source (self, source_id, error) || !mc_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}
