/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-action-payload.h"
#include "mc-store-audit.h"
#include "mc-store-blobs.h"
#include "mc-store-files.h"
#include "mc-store-outbox-private.h"
#include "mc-time.h"

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
    "   AND kind = 'result' AND removed_at IS NULL) THEN 1 ELSE e_result END,"
    " reused = CASE WHEN EXISTS (SELECT 1 FROM dossier_files WHERE dossier_id = ?1 AND origin = 'local'"
    "   AND reused_from IS NOT NULL AND removed_at IS NULL) THEN 1 ELSE reused END"
    " WHERE id = ?1 AND EXISTS (SELECT 1 FROM dossier_files WHERE dossier_id = ?1 AND origin = 'local'"
    "   AND removed_at IS NULL)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  return mc_store_step_done (self, stmt, error);
}

/* Records a file of this office (@file's origin is taken as local) for dossier @dossier_id,
 * in one transaction with the dossier's facts. Nothing is sent: an e-result issued on paper
 * elsewhere, a file the system has already. */
gboolean
mc_store_add_local_file (McStore       *self,
                         gint64         dossier_id,
                         const McFile  *file,
                         GError       **error)
{
  sqlite3_stmt *stmt;
  gboolean own;

  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  stmt = mc_store_prepare (self,
    "INSERT INTO dossier_files (dossier_id, origin, kind, name, component, size, hash, local_path, added_at,"
    " content_type, reused_from, action_uuid, doc_number, doc_date, signer)"
    " VALUES (?, 'local', ?, ?, ?, ?, ?, ?, strftime('%s', 'now'), ?, ?, ?, ?, ?, ?)", error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, dossier_id);
      mc_store_bind_text (stmt, 2, file->kind == MC_FILE_RESULT ? "result" : "component");
      mc_store_bind_text (stmt, 3, file->name);
      mc_store_bind_text (stmt, 4, file->component);
      mc_store_bind_number (stmt, 5, file->size, file->size >= 0);
      mc_store_bind_text (stmt, 6, file->hash);
      mc_store_bind_text (stmt, 7, file->local_path);
      mc_store_bind_text (stmt, 8, file->content_type);
      mc_store_bind_number (stmt, 9, file->reused_from, file->reused_from > 0);
      mc_store_bind_text (stmt, 10, file->action_uuid);
      mc_store_bind_text (stmt, 11, file->doc_number);
      mc_store_bind_time (stmt, 12, file->doc_date);
      mc_store_bind_text (stmt, 13, file->signer);
    }
  return mc_store_tx_end (self, own, stmt != NULL && mc_store_step_done (self, stmt, error)
                                     && mc_store_refresh_local_facts (self, dossier_id, error), error);
}

/* The largest file the dossier's system takes (its source's dialect; 10 MB if unknown). */
static gint64
limit_of (McStore    *self,
          const char *source_id)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT dialect FROM sources WHERE id = ?", NULL);
  const char *dialect = NULL;

  if (stmt != NULL)
    {
      mc_store_bind_text (stmt, 1, source_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        dialect = (const char *) sqlite3_column_text (stmt, 0);
    }
  {
    gint64 limit = mc_dialect_max_file_size (dialect);

    if (stmt != NULL)
      sqlite3_reset (stmt);
    return limit;
  }
}

/* The file of the dossier already holding the same content for the same document, or 0. */
static gint64
same_content (McStore      *self,
              gint64        dossier_id,
              const McFile *f,
              GError      **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT id FROM dossier_files WHERE dossier_id = ? AND origin = 'local' AND removed_at IS NULL"
    " AND kind = ? AND IFNULL(component, '') = IFNULL(?, '') AND hash = ?", error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text (stmt, 2, f->kind == MC_FILE_RESULT ? "result" : "component");
  mc_store_bind_text (stmt, 3, f->component);
  mc_store_bind_text (stmt, 4, f->hash);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
      return -1;
    }
  return id;
}

static gboolean
attach_locked (McStore       *self,
               gint64         dossier_id,
               McFile        *f,
               const char    *actor,
               gint64        *out_id,
               GError       **error)
{
  g_autoptr(McDossier) d = mc_store_get_dossier (self, dossier_id, error);
  g_autoptr(McActionPayload) p = mc_action_payload_new ();
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *payload = NULL;
  McAuditEntry audit = { 0 };
  gint64 existing;

  if (d == NULL)
    return FALSE;
  if (f->size > limit_of (self, d->source_id))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” is %.1f MB: the ministry system of dossier %s takes files of at most %.0f MB"), f->name,
                   f->size / 1048576.0, d->number, limit_of (self, d->source_id) / 1048576.0);
      return FALSE;
    }
  /* The same content for the same document: kept and sent once. */
  if ((existing = same_content (self, dossier_id, f, error)) != 0)
    {
      *out_id = existing;
      return existing > 0;
    }
  f->action_uuid = g_strdup (uuid);
  if (!mc_store_add_local_file (self, dossier_id, f, error))
    return FALSE;
  f->id = sqlite3_last_insert_rowid (self->db);
  *out_id = f->id;

  p->uuid = g_strdup (uuid);
  p->action = MC_ACTION_ATTACH;
  p->number = g_strdup (d->number);
  p->source_id = g_strdup (d->source_id);
  p->status_before = p->target = d->status;
  p->at = mc_time_now ();
  p->actor = g_strdup (actor);
  p->file = g_new0 (McFile, 1);
  p->file->id = f->id;
  p->file->kind = f->kind;
  p->file->name = g_strdup (f->name);
  p->file->component = g_strdup (f->component);
  p->file->size = f->size;
  p->file->hash = g_strdup (f->hash);
  p->file->content_type = g_strdup (f->content_type);
  payload = mc_action_payload_to_json (p);
  audit.actor = actor;
  audit.dossier_id = d->id;
  audit.dossier_number = d->number;
  audit.action = mc_action_id (MC_ACTION_ATTACH);
  audit.status_before = audit.status_after = d->status;
  audit.outcome = "queued";
  audit.detail = payload;
  return mc_store_outbox_insert (self, d->id, d->source_id, mc_action_id (MC_ACTION_ATTACH), uuid, payload,
                                 d->server_version, error)
         && mc_store_audit_append (self, &audit, error);
}

/* Attaches a file to a document of dossier @dossier_id, as @actor: its content is kept in the
 * profile (mc_store_put_blob()), and the row, the outbox action that sends it and the audit
 * entry are written in one transaction. A file over the limit of the dossier's system, or
 * not a PDF, JPEG or PNG, is refused before anything is queued; the same content attached
 * again to the same document is kept and sent once (*@out_id: the file's row either way). */
gboolean
mc_store_attach_file (McStore              *self,
                      gint64                dossier_id,
                      const McAttachInput  *in,
                      const char           *actor,
                      gint64               *out_id,
                      GError              **error)
{
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McFile) f = g_new0 (McFile, 1);
  g_auto(McBlobInfo) blob = { 0 };
  gint64 id = 0;
  gboolean own;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  g_return_val_if_fail ((in->path != NULL) != (in->reuse_from > 0), FALSE);

  if (!(d = mc_store_get_dossier (self, dossier_id, error)))
    return FALSE;
  f->origin = MC_FILE_LOCAL;
  f->kind = in->kind;
  f->component = g_strdup (in->component);
  f->doc_number = g_strdup (in->doc_number);
  f->doc_date = in->doc_date;
  f->signer = g_strdup (in->signer);
  if (in->reuse_from > 0)
    {
      g_autoptr(McFile) from = mc_store_get_file (self, in->reuse_from, error);

      if (from == NULL)
        return FALSE;
      if (!mc_store_file_is_reusable (self, from, d, error))
        return FALSE;
      f->name = g_strdup (in->name ? in->name : from->name);
      f->size = from->size;
      f->hash = g_strdup (from->hash);
      f->content_type = g_strdup (from->content_type);
      f->reused_from = from->id;
    }
  else
    {
      g_autofree char *kept = in->kept ? mc_store_blob_path (self, in->kept->hash) : NULL;
      const McBlobInfo *info = &blob;

      /* Kept when it came in, and still there: the size limit is checked with the row. */
      if (kept != NULL && g_file_test (kept, G_FILE_TEST_IS_REGULAR))
        info = in->kept;
      else if (!mc_store_put_blob (self, in->path, limit_of (self, d->source_id), &blob, error))
        return FALSE;
      f->name = in->name ? g_strdup (in->name) : g_path_get_basename (in->path);
      f->size = info->size;
      f->hash = g_strdup (info->hash);
      f->content_type = g_strdup (info->content_type);
    }
  f->local_path = mc_store_blob_relative_path (f->hash);

  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!mc_store_tx_end (self, own, attach_locked (self, dossier_id, f, actor, &id, error), error))
    return FALSE;
  if (out_id != NULL)
    *out_id = id;
  return TRUE;
}

#define FILE_SELECT \
  "SELECT id, dossier_id, origin, kind, remote_id, name, component, size, hash, remote_path, local_path," \
  " content_type, reused_from, action_uuid, doc_number, doc_date, signer FROM dossier_files"

static McFile *
file_from_row (sqlite3_stmt *stmt,
               gint64       *out_dossier)
{
  McFile *f = g_new0 (McFile, 1);

#define TEXT(i) (sqlite3_column_type (stmt, (i)) == SQLITE_NULL ? NULL : g_strdup ((const char *) sqlite3_column_text (stmt, (i))))
  f->id = sqlite3_column_int64 (stmt, 0);
  if (out_dossier)
    *out_dossier = sqlite3_column_int64 (stmt, 1);
  f->origin = g_str_equal ((const char *) sqlite3_column_text (stmt, 2), "local") ? MC_FILE_LOCAL : MC_FILE_REMOTE;
  f->kind = g_str_equal ((const char *) sqlite3_column_text (stmt, 3), "result") ? MC_FILE_RESULT : MC_FILE_COMPONENT;
  f->remote_id = TEXT (4);
  f->name = TEXT (5);
  f->component = TEXT (6);
  f->size = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 7);
  f->hash = TEXT (8);
  f->remote_path = TEXT (9);
  f->local_path = TEXT (10);
  f->content_type = TEXT (11);
  f->reused_from = sqlite3_column_int64 (stmt, 12);
  f->action_uuid = TEXT (13);
  f->doc_number = TEXT (14);
  f->doc_date = sqlite3_column_int64 (stmt, 15);
  f->signer = TEXT (16);
#undef TEXT
  return f;
}

/* Returns: (transfer full): the file @id (removed or not), its dossier in *@out_dossier. */
McFile *
mc_store_get_file_full (McStore  *self,
                        gint64    id,
                        gint64   *out_dossier,
                        GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, FILE_SELECT " WHERE id = ?", error);
  McFile *f = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    f = file_from_row (stmt, out_dossier);
  sqlite3_reset (stmt);
  if (f == NULL)
    {
      if (rc == SQLITE_DONE)
        g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("No file %lld"), (long long) id);
      else
        g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
    }
  return f;
}

McFile *
mc_store_get_file (McStore  *self,
                   gint64    id,
                   GError  **error)
{
  return mc_store_get_file_full (self, id, NULL, error);
}

/* A file can be reused for dossier @d when its content is here and it belongs to an earlier
 * dossier of the same citizen (the same identity number). */
gboolean
mc_store_file_is_reusable (McStore          *self,
                           const McFile     *from,
                           const McDossier  *d,
                           GError          **error)
{
  gint64 owner = 0;
  g_autoptr(McFile) again = mc_store_get_file_full (self, from->id, &owner, error);
  g_autoptr(McDossier) source = NULL;

  if (again == NULL || !(source = mc_store_get_dossier (self, owner, error)))
    return FALSE;
  if (owner == d->id || d->id_number == NULL || *d->id_number == '\0'
      || g_strcmp0 (source->id_number, d->id_number) != 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("File %lld is not of another dossier of the same citizen"), (long long) from->id);
      return FALSE;
    }
  if (from->hash == NULL || !g_str_has_prefix (from->hash, "sha256:") || from->local_path == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("File %lld is not on this computer: download it first"), (long long) from->id);
      return FALSE;
    }
  return mc_store_check_blob (self, from->hash, error);
}

/* Returns: (transfer full): the files of the dossiers of the citizen with @id_number other
 * than @except_dossier whose content is on this computer, newest first. */
GPtrArray *
mc_store_reusable_files (McStore     *self,
                         const char  *id_number,
                         gint64       except_dossier,
                         GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, FILE_SELECT
    " WHERE removed_at IS NULL AND local_path IS NOT NULL AND hash LIKE 'sha256:%' AND dossier_id <> ?"
    " AND dossier_id IN (SELECT id FROM dossiers WHERE id_number = ?) ORDER BY id DESC LIMIT 200", error);
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_file_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, except_dossier);
  mc_store_bind_text (stmt, 2, id_number);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (files, file_from_row (stmt, NULL));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
      return NULL;
    }
  return g_steal_pointer (&files);
}

/* A file downloaded from the ministry system is kept, content-addressed like the office's:
 * its row gets the content's place. */
gboolean
mc_store_keep_download (McStore   *self,
                        gint64     file_id,
                        GBytes    *content,
                        GError   **error)
{
  g_autofree char *hash = mc_store_put_blob_bytes (self, content, error);
  g_autofree char *relative = NULL;
  const char *type = mc_file_type_sniff (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  sqlite3_stmt *stmt;

  if (hash == NULL)
    return FALSE;
  relative = mc_store_blob_relative_path (hash);
  if (!(stmt = mc_store_prepare (self,
          "UPDATE dossier_files SET local_path = ?, content_type = IFNULL(?, content_type) WHERE id = ?", error)))
    return FALSE;
  mc_store_bind_text (stmt, 1, relative);
  mc_store_bind_text (stmt, 2, type);
  sqlite3_bind_int64 (stmt, 3, file_id);
  return mc_store_step_done (self, stmt, error);
}

/* Returns: (transfer full) (nullable): where the content of @file is on this computer. */
char *
mc_store_file_content_path (McStore       *self,
                            const McFile  *file)
{
  g_autofree char *profile = NULL;

  if (file->local_path == NULL)
    return NULL;
  if (g_path_is_absolute (file->local_path))
    return g_strdup (file->local_path);
  profile = g_path_get_dirname (mc_store_get_path (self));
  return g_build_filename (profile, file->local_path, NULL);
}

/* Removing a file of this office is an audited action; one still to be sent cannot be
 * removed (it may be on its way), one sent stays on the ministry system (the dialects have no
 * removal): only this office's record of it goes, and the audit says so. */
gboolean
mc_store_remove_file (McStore     *self,
                      gint64       file_id,
                      const char  *actor,
                      GError     **error)
{
  gint64 dossier_id = 0;
  g_autoptr(McFile) f = mc_store_get_file_full (self, file_id, &dossier_id, error);
  g_autoptr(McDossier) d = NULL;
  g_autofree char *detail = NULL;
  McAuditEntry audit = { 0 };
  sqlite3_stmt *stmt;
  gboolean own, ok = FALSE, waiting = FALSE;

  if (f == NULL || !(d = mc_store_get_dossier (self, dossier_id, error)))
    return FALSE;
  if (f->origin != MC_FILE_LOCAL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” was attached on the ministry system: it can only be removed there"), f->name);
      return FALSE;
    }
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "SELECT 1 FROM outbox WHERE uuid = ? AND state IN ('pending', 'sending', 'in_doubt')",
                                 error)))
    goto out;
  mc_store_bind_text (stmt, 1, f->action_uuid);
  waiting = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (waiting)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” is being sent to the ministry system: remove it once it is sent"), f->name);
      goto out;
    }
  if (!(stmt = mc_store_prepare (self, "UPDATE dossier_files SET removed_at = ? WHERE id = ? AND removed_at IS NULL",
                                 error)))
    goto out;
  sqlite3_bind_int64 (stmt, 1, mc_time_now ());
  sqlite3_bind_int64 (stmt, 2, file_id);
  if (!mc_store_step_done (self, stmt, error))
    goto out;
  detail = mc_store_json_detail ("file", f->name, "hash", f->hash, "uuid", f->action_uuid, NULL);
  audit.actor = actor;
  audit.dossier_id = d->id;
  audit.dossier_number = d->number;
  audit.action = "remove-file";
  audit.status_before = audit.status_after = d->status;
  audit.outcome = "done";
  audit.detail = detail;
  ok = mc_store_audit_append (self, &audit, error);
out:
  return mc_store_tx_end (self, own, ok, error);
}

/* Where the sending of a file of this office stands (its attach action's state): FALSE in
 * *@out_known for a file with no action (pulled, or recorded without sending). */
gboolean
mc_store_file_send_state (McStore        *self,
                          const McFile   *file,
                          McOutboxState  *out_state,
                          gboolean       *out_known,
                          GError        **error)
{
  sqlite3_stmt *stmt;
  int rc;

  *out_known = FALSE;
  if (file->action_uuid == NULL)
    return TRUE;
  if (!(stmt = mc_store_prepare (self, "SELECT state FROM outbox WHERE uuid = ?", error)))
    return FALSE;
  mc_store_bind_text (stmt, 1, file->action_uuid);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_known = mc_outbox_state_from_id ((const char *) sqlite3_column_text (stmt, 0), out_state);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED, "%s", sqlite3_errmsg (self->db));
      return FALSE;
    }
  return TRUE;
}
