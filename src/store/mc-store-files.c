/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-store-files.h"
#include "mc-store-private.h"

/* A file of this office's makes the dossier's facts yes whatever its ministry system listed:
 * run after the dossier's row was written from a pull, and after a local file was added. */
gboolean
mc_store_refresh_local_facts (McStore  *self,
                              gint64    dossier_id,
                              GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "UPDATE dossiers SET"
    " digitised = CASE WHEN EXISTS (SELECT 1 FROM dossier_files WHERE dossier_id = ?1 AND origin = 'local'"
    "   AND kind = 'component' AND removed_at IS NULL) THEN 1 ELSE digitised END,"
    " e_result = CASE WHEN EXISTS (SELECT 1 FROM dossier_files WHERE dossier_id = ?1 AND origin = 'local'"
    "   AND kind = 'result' AND removed_at IS NULL) THEN 1 ELSE e_result END"
    " WHERE id = ?1 AND EXISTS (SELECT 1 FROM dossier_files WHERE dossier_id = ?1 AND origin = 'local'"
    "   AND removed_at IS NULL)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  return mc_store_step_done (self, stmt, error);
}

/* Records a file of this office (@file's origin is taken as local) for dossier @dossier_id,
 * in one transaction with the dossier's facts. */
gboolean
mc_store_add_local_file (McStore       *self,
                         gint64         dossier_id,
                         const McFile  *file,
                         GError       **error)
{
  sqlite3_stmt *stmt;

  if (!mc_store_begin (self, error))
    return FALSE;
  stmt = mc_store_prepare (self,
    "INSERT INTO dossier_files (dossier_id, origin, kind, name, component, size, hash, local_path, added_at)"
    " VALUES (?, 'local', ?, ?, ?, ?, ?, ?, strftime('%s', 'now'))", error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text (stmt, 2, file->kind == MC_FILE_RESULT ? "result" : "component");
  mc_store_bind_text (stmt, 3, file->name);
  mc_store_bind_text (stmt, 4, file->component);
  if (file->size >= 0)
    sqlite3_bind_int64 (stmt, 5, file->size);
  else
    sqlite3_bind_null (stmt, 5);
  mc_store_bind_text (stmt, 6, file->hash);
  mc_store_bind_text (stmt, 7, file->local_path);
  if (!mc_store_step_done (self, stmt, error) || !mc_store_refresh_local_facts (self, dossier_id, error) ||
      !mc_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  mc_store_rollback (self);
  return FALSE;
}
