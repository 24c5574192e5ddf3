/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-source-store.h"
#include "mc-store-private.h"

/* Editing a source must not go through remove and add: removing deletes its credentials and
 * would orphan its dossiers. */

static gboolean
check_changed (McStore     *self,
               const char  *id,
               GError     **error)
{
  if (sqlite3_changes (self->db) > 0)
    return TRUE;
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("No source “%s”"), id);
  return FALSE;
}

/* Writes every field of @source (found by its id) but the pinned certificate, which only the
 * official's explicit trust changes (mc_store_set_source_pin()). */
gboolean
mc_store_update_source (McStore         *self,
                        const McSource  *source,
                        GError         **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (source != NULL && source->id != NULL, FALSE);

  if (!mc_store_check_source_url (source, error))
    return FALSE;
  stmt = mc_store_prepare (self,
    "UPDATE sources SET ministry = ?, dialect = ?, name = ?, base_url = ?, unit_code = ?, account = ?,"
    " enabled = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, source->ministry);
  mc_store_bind_text (stmt, 2, source->dialect);
  mc_store_bind_text (stmt, 3, source->name);
  mc_store_bind_text (stmt, 4, source->base_url);
  mc_store_bind_text (stmt, 5, source->unit_code);
  mc_store_bind_text (stmt, 6, source->account ? source->account : "");
  sqlite3_bind_int (stmt, 7, source->enabled);
  mc_store_bind_text (stmt, 8, source->id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  return check_changed (self, source->id, error);
}

gboolean
mc_store_set_source_enabled (McStore     *self,
                             const char  *id,
                             gboolean     enabled,
                             GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  stmt = mc_store_prepare (self, "UPDATE sources SET enabled = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, enabled ? 1 : 0);
  mc_store_bind_text (stmt, 2, id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  return check_changed (self, id, error);
}
