/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-audit.h"
#include "mc-store-private.h"

/* Reading the audit log back, line by line: what the training exercises check the trainee
 * did (each action of the official is one line, each resolution of a conflict another). The
 * log is append-only; this only reads it. */

void
mc_audit_record_free (McAuditRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->actor);
  g_free (record->dossier_number);
  g_free (record->action);
  g_free (record->outcome);
  g_free (record);
}

/* Returns: (transfer full) (element-type McAuditRecord): the lines of the log whose action is
 * @action and outcome @outcome (NULL: any), oldest first. */
GPtrArray *
mc_store_audit_list (McStore     *self,
                     const char  *action,
                     const char  *outcome,
                     GError     **error)
{
  g_autoptr(GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_audit_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self,
    "SELECT id, at, actor, dossier_id, dossier_number, action, status_before, status_after, outcome"
    " FROM audit WHERE (?1 IS NULL OR action = ?1) AND (?2 IS NULL OR outcome = ?2) ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, action);
  mc_store_bind_text (stmt, 2, outcome);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McAuditRecord *r = g_new0 (McAuditRecord, 1);

      r->id = sqlite3_column_int64 (stmt, 0);
      r->at = sqlite3_column_int64 (stmt, 1);
      r->actor = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      r->dossier_id = sqlite3_column_int64 (stmt, 3);
      r->dossier_number = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      r->action = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      r->status_before = sqlite3_column_int (stmt, 6);
      r->status_after = sqlite3_column_int (stmt, 7);
      r->outcome = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (records, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the audit log"));
      return NULL;
    }
  return g_steal_pointer (&records);
}
