/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mc-store-audit.h"
#include "mc-store-private.h"
#include "mc-time.h"

/* The audit log is a hash chain: each row stores the hash of the row before it and its own
 * hash, SHA-256 over that previous hash and the row's fields. The triggers of the schema stop
 * UPDATE and DELETE through SQLite; an edit made behind SQLite's back (or a row removed from
 * the middle) breaks the chain, and mc_store_audit_verify() finds where. Rows cut off the end
 * leave a whole but shorter chain: audit_head, written with every row, records where it ends. */

/* The previous hash of the first row. */
#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

/* Fields are length-prefixed and NULL has its own marker, so that no two different rows
 * serialize to the same bytes ("ab" + "c" versus "a" + "bc", NULL versus ""). */
static void
feed_text (GChecksum  *sum,
           const char *text)
{
  g_autofree char *prefix = NULL;

  if (text == NULL)
    {
      g_checksum_update (sum, (const guchar *) "N;", 2);
      return;
    }
  prefix = g_strdup_printf ("S%zu:", strlen (text));
  g_checksum_update (sum, (const guchar *) prefix, -1);
  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_update (sum, (const guchar *) ";", 1);
}

static void
feed_int (GChecksum *sum,
          gboolean   present,
          gint64     value)
{
  g_autofree char *text = present ? g_strdup_printf ("I%" G_GINT64_FORMAT ";", value) : g_strdup ("N;");

  g_checksum_update (sum, (const guchar *) text, -1);
}

static char *
entry_hash (const char         *prev_hash,
            const McAuditEntry *e)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  feed_text (sum, prev_hash);
  feed_int (sum, TRUE, e->at);
  feed_text (sum, e->actor);
  feed_int (sum, e->dossier_id != 0, e->dossier_id);
  feed_text (sum, e->dossier_number);
  feed_text (sum, e->action);
  feed_int (sum, e->status_before != 0, e->status_before);
  feed_int (sum, e->status_after != 0, e->status_after);
  feed_text (sum, e->outcome);
  feed_text (sum, e->detail);
  return g_strdup (g_checksum_get_string (sum));
}

/* Appends @entry to the log. It must run inside the caller's transaction (mc_store_begin),
 * the one that makes the change being audited: the change and its audit row commit together
 * or not at all, and the write lock taken at BEGIN IMMEDIATE keeps the chain's last hash from
 * changing under us. */
gboolean
mc_store_audit_append (McStore             *self,
                       const McAuditEntry  *entry,
                       GError             **error)
{
  McAuditEntry e = *entry;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (entry->actor != NULL && entry->action != NULL && entry->outcome != NULL, FALSE);
  g_return_val_if_fail (!sqlite3_get_autocommit (self->db), FALSE);

  if (e.at == 0)
    e.at = mc_time_now ();

  stmt = mc_store_prepare (self, "SELECT hash FROM audit ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    prev_hash = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "reading the audit log");
      return FALSE;
    }
  if (prev_hash == NULL)
    prev_hash = g_strdup (GENESIS_HASH);
  hash = entry_hash (prev_hash, &e);

  stmt = mc_store_prepare (self,
    "INSERT INTO audit (at, actor, dossier_id, dossier_number, action, status_before,"
    " status_after, outcome, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, e.at);
  mc_store_bind_text (stmt, 2, e.actor);
  if (e.dossier_id != 0)
    sqlite3_bind_int64 (stmt, 3, e.dossier_id);
  mc_store_bind_text (stmt, 4, e.dossier_number);
  mc_store_bind_text (stmt, 5, e.action);
  if (e.status_before != 0)
    sqlite3_bind_int (stmt, 6, e.status_before);
  if (e.status_after != 0)
    sqlite3_bind_int (stmt, 7, e.status_after);
  mc_store_bind_text (stmt, 8, e.outcome);
  mc_store_bind_text (stmt, 9, e.detail);
  mc_store_bind_text (stmt, 10, prev_hash);
  mc_store_bind_text (stmt, 11, hash);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;

  stmt = mc_store_prepare (self,
    "UPDATE audit_head SET entries = entries + 1, last_hash = ? WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, hash);
  return mc_store_step_done (self, stmt, error);
}

/* The chain walked by mc_store_audit_verify() must end where the head says it does. */
static gboolean
check_head (McStore     *self,
            guint        n,
            const char  *last_hash,
            GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT entries, last_hash FROM audit_head WHERE id = 1", error);
  gboolean ok;
  gint64 recorded;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s: the record of the audit log's end was removed"), self->path);
      return FALSE;
    }
  recorded = sqlite3_column_int64 (stmt, 0);
  ok = recorded == n && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), last_hash) == 0;
  sqlite3_reset (stmt);
  if (!ok)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                 _("%s: the audit log was cut after entry %u (%lld entries were written)"),
                 self->path, n, (long long) recorded);
  return ok;
}

/* Walks the whole chain. Returns FALSE with MC_STORE_ERROR_CORRUPT at the first row whose
 * links or hash do not match its content. */
gboolean
mc_store_audit_verify (McStore  *self,
                       guint    *out_n_entries,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *expected_prev = g_strdup (GENESIS_HASH);
  guint n = 0;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  stmt = mc_store_prepare (self,
    "SELECT id, at, actor, dossier_id, dossier_number, action, status_before, status_after,"
    " outcome, detail, prev_hash, hash FROM audit ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McAuditEntry e = {
        .at = sqlite3_column_int64 (stmt, 1),
        .actor = (const char *) sqlite3_column_text (stmt, 2),
        .dossier_id = sqlite3_column_int64 (stmt, 3),
        .dossier_number = (const char *) sqlite3_column_text (stmt, 4),
        .action = (const char *) sqlite3_column_text (stmt, 5),
        .status_before = sqlite3_column_int (stmt, 6),
        .status_after = sqlite3_column_int (stmt, 7),
        .outcome = (const char *) sqlite3_column_text (stmt, 8),
        .detail = (const char *) sqlite3_column_text (stmt, 9),
      };
      const char *prev_hash = (const char *) sqlite3_column_text (stmt, 10);
      const char *hash = (const char *) sqlite3_column_text (stmt, 11);
      g_autofree char *computed = entry_hash (prev_hash, &e);

      if (g_strcmp0 (prev_hash, expected_prev) != 0 || g_strcmp0 (hash, computed) != 0)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                       "%s: the audit log was altered at entry %" G_GINT64_FORMAT,
                       self->path, (gint64) sqlite3_column_int64 (stmt, 0));
          sqlite3_reset (stmt);
          return FALSE;
        }
      g_free (expected_prev);
      expected_prev = g_strdup (hash);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "reading the audit log");
      return FALSE;
    }
  if (!check_head (self, n, expected_prev, error))
    return FALSE;
  if (out_n_entries != NULL)
    *out_n_entries = n;
  return TRUE;
}
