/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"

/* The store's transactions. Writers take the write lock at BEGIN (IMMEDIATE), so that two
 * writers queue on busy_timeout instead of one failing halfway through with SQLITE_BUSY on its
 * first write. A function that writes several rows either runs in the caller's transaction
 * (through a savepoint, so that its failure undoes only its own writes) or in one of its own:
 * mc_store_tx_begin() and mc_store_tx_end() decide which. */

gboolean
mc_store_begin (McStore  *self,
                GError  **error)
{
  /* A damaged database is never written, whichever connection saw the damage first. */
  if (!mc_store_refuse_damaged (self, error))
    return FALSE;
  if (self->read_only)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_READ_ONLY,
                   _("%s is opened read-only (it cannot be written, or only reading was asked for)"), self->path);
      return FALSE;
    }
  return mc_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
mc_store_commit (McStore  *self,
                 GError  **error)
{
  if (!mc_store_exec (self, "COMMIT", error))
    return FALSE;
  mc_store_audit_anchor_if_due (self);
  return TRUE;
}

/* A read transaction: the statements until mc_store_rollback() see one snapshot (in WAL mode
 * it waits for no writer, and a read-only connection may take it). */
gboolean
mc_store_begin_read (McStore  *self,
                     GError  **error)
{
  return mc_store_exec (self, "BEGIN", error);
}

void
mc_store_rollback (McStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Joins the caller's transaction through a savepoint; with no transaction open, takes the
 * write lock at once. *@out_own says which, for mc_store_tx_end(). */
gboolean
mc_store_tx_begin (McStore   *self,
                   gboolean  *out_own,
                   GError   **error)
{
  *out_own = sqlite3_get_autocommit (self->db);
  if (*out_own)
    return mc_store_begin (self, error);
  return mc_store_exec (self, "SAVEPOINT mc_store_tx", error);
}

/* Commits (or releases the savepoint) when @ok, else undoes everything since the begin.
 * Returns: whether the writes are kept; FALSE with @error set only when ending failed (on
 * !@ok the caller's error stands). */
gboolean
mc_store_tx_end (McStore   *self,
                 gboolean   own,
                 gboolean   ok,
                 GError   **error)
{
  if (own)
    {
      if (ok && mc_store_commit (self, error))
        return TRUE;
      mc_store_rollback (self);
      return FALSE;
    }
  if (ok)
    return mc_store_exec (self, "RELEASE mc_store_tx", error);
  sqlite3_exec (self->db, "ROLLBACK TO mc_store_tx; RELEASE mc_store_tx", NULL, NULL, NULL);
  return FALSE;
}
