/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"
#include "mc-store-report.h"
#include "mc-time.h"

/* The rows the reports count (mc-report.h), read in two passes over two tables: the dossiers
 * in id order, and the supplements grouped by dossier, merged by id. The dossier's row holds
 * every fact a 766 indicator needs (schema step 10), so a year of a million dossiers is read
 * without touching their documents, results or files. */

static gint8
column_flag (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : (gint8) sqlite3_column_int (stmt, column);
}

static McReportRow *
find_row (GArray *rows,
          gint64  id)
{
  guint lo = 0, hi = rows->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      McReportRow *row = &g_array_index (rows, McReportRow, mid);

      if (row->id == id)
        return row;
      if (row->id < id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

/* Returns: (transfer full): every dossier a report of [@from, @to) may count: received before
 * @to and not finished before @from. A report over several periods (a chart of twelve) reads
 * once, from the first period's start to the last one's end. */
McReportData *
mc_store_report_load (McStore  *self,
                      gint64    from,
                      gint64    to,
                      GError  **error)
{
  /* "+received_at": a scan of the table in id order, which the merge below needs, rather
   * than the receipt index, which would read a year of rows in a random order. */
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT id, source_id, procedure_code, field_code, status, channel, received_at, due_at,"
    " coalesce(finished_at, returned_at), payment_state, satisfaction, citizen_data, reused, from_store,"
    " digitised, e_result FROM dossiers"
    " WHERE +received_at < ?2 AND (status NOT IN (7, 8, 9, 10)"
    "   OR coalesce(finished_at, returned_at, ?1) >= ?1)"
    " ORDER BY id", error);
  g_autoptr(McReportData) data = mc_report_data_new (mc_time_now ());
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McReportRow *row = mc_report_data_add (data, (const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             (const char *) sqlite3_column_text (stmt, 3));

      row->id = sqlite3_column_int64 (stmt, 0);
      row->status = sqlite3_column_int (stmt, 4);
      row->channel = sqlite3_column_int (stmt, 5);
      row->received_at = sqlite3_column_int64 (stmt, 6);
      row->due_at = sqlite3_column_int64 (stmt, 7);
      row->end_at = sqlite3_column_int64 (stmt, 8);
      row->payment = column_flag (stmt, 9);
      row->satisfaction = column_flag (stmt, 10);
      row->citizen_data = column_flag (stmt, 11);
      row->reused = column_flag (stmt, 12);
      row->from_store = column_flag (stmt, 13);
      row->digitised = column_flag (stmt, 14);
      row->e_result = column_flag (stmt, 15);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the dossiers of a report"));
      return NULL;
    }

  /* Supplements are a small share of the dossiers: all of them, grouped, beat a look-up per
   * dossier. The pause counts only completed requests (received back). */
  stmt = mc_store_prepare (self,
    "SELECT dossier_id, count(*), min(requested_at),"
    " total(CASE WHEN received_at IS NOT NULL AND requested_at IS NOT NULL"
    "   THEN received_at - requested_at END), max(received_at IS NULL)"
    " FROM supplements GROUP BY dossier_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McReportRow *row = find_row (data->rows, sqlite3_column_int64 (stmt, 0));

      if (row == NULL)
        continue;
      row->n_supplements = MIN (sqlite3_column_int (stmt, 1), 255);
      row->supplement_at = sqlite3_column_int64 (stmt, 2);
      row->paused = (gint64) sqlite3_column_double (stmt, 3);
      row->supplement_open = sqlite3_column_int (stmt, 4);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the supplements of a report"));
      return NULL;
    }
  mc_report_data_complete (data);
  return g_steal_pointer (&data);
}
