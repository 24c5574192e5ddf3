/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"
#include "mc-store-register.h"

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
