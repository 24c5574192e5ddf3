/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"
#include "mc-store-register.h"
#include "mc-time.h"

/* What the register of dossiers received (Sổ theo dõi hồ sơ) lists: one line per dossier the
 * office received in a period, in the order it received them. The receipt time is indexed
 * (dossiers_received), so a month of a busy office is read without a scan. */

/* Returns: (transfer full) (element-type gint64): the ids of the dossiers received at or after
 * @from and before @to (unix seconds), oldest receipt first. */
GArray *
mc_store_list_received (McStore  *self,
                        gint64    from,
                        gint64    to,
                        GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  stmt = mc_store_prepare (self,
    "SELECT id FROM dossiers WHERE received_at >= ? AND received_at < ? ORDER BY received_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the register"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* Where dossier @dossier_id stands in the register: the book is kept per field and year
 * ("G16-LV03/2026", the "Quyển số" of the receipt) and the row is its place in that book, in
 * the order of receipt (the "Số thứ tự"). Returns FALSE with @error on a read failure; a
 * dossier not received has no place (*out_book NULL, *out_row 0). */
gboolean
mc_store_register_position (McStore  *self,
                            gint64    dossier_id,
                            char    **out_book,
                            gint64   *out_row,
                            GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *field = NULL;
  g_autoptr(GDateTime) received = NULL;
  g_autoptr(GDateTime) year_start = NULL;
  g_autoptr(GDateTime) year_end = NULL;
  gint64 received_at;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  *out_book = NULL;
  *out_row = 0;
  if (!(stmt = mc_store_prepare (self, "SELECT received_at, coalesce(field_code, '') FROM dossiers WHERE id = ?",
                                 error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  rc = sqlite3_step (stmt);
  received_at = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  field = rc == SQLITE_ROW ? g_strdup ((const char *) sqlite3_column_text (stmt, 1)) : NULL;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the register"));
      return FALSE;
    }
  if (received_at == 0)
    return TRUE;

  received = mc_time_to_local (received_at);
  year_start = g_date_time_new (g_date_time_get_timezone (received), g_date_time_get_year (received), 1, 1, 0, 0, 0);
  year_end = g_date_time_add_years (year_start, 1);
  if (!(stmt = mc_store_prepare (self, "SELECT count(*) FROM dossiers WHERE received_at >= ? AND received_at < ?"
                                       " AND coalesce(field_code, '') = ? AND (received_at < ? OR (received_at = ? AND id <= ?))",
                                 error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (year_start));
  sqlite3_bind_int64 (stmt, 2, g_date_time_to_unix (year_end));
  mc_store_bind_text (stmt, 3, field);
  sqlite3_bind_int64 (stmt, 4, received_at);
  sqlite3_bind_int64 (stmt, 5, received_at);
  sqlite3_bind_int64 (stmt, 6, dossier_id);
  rc = sqlite3_step (stmt);
  *out_row = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      mc_store_set_error (self, error, N_("reading the register"));
      return FALSE;
    }
  *out_book = g_strdup_printf ("%s%s%d", field, *field ? "/" : "", g_date_time_get_year (received));
  return TRUE;
}
