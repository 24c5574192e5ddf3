/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"
#include "mc-store-report.h"
#include "mc-time.h"

/* The rows the reports count (mc-report.h), read in two passes: the supplements grouped by
 * dossier (a small share of the dossiers), then the dossiers, whose rows hold every fact a 766
 * indicator or Biểu 06 needs (schema step 10): a year of a million dossiers is read without
 * touching their documents, results or files. A covering index of those columns would make
 * the read a third faster but every write of a dossier twice as slow (the initial sync's
 * raw limit fell from ~10,000 to ~4,500 dossiers/s): the table is read in id order instead,
 * in two halves at once on a big profile. */

/* A dossier's supplements, found by its id (the key, a pointer-sized integer). */
typedef struct
{
  guint8 n;
  gboolean open;
  gint64 first;
  gint64 paused;
} Supplements;

static gint8
column_flag (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : (gint8) sqlite3_column_int (stmt, column);
}

/* The dossiers whose ids are in [first, end), read on their own connection. (The two parts
 * are two read transactions a moment apart: a report, not a ledger.) */
typedef struct
{
  McStore *store;
  GHashTable *supplements;
  gint64 from, to;
  gint64 first, end;
  McReportData *data;
  GError *error;
} Part;

static gpointer
read_part (gpointer user_data)
{
  Part *part = user_data;
  sqlite3_stmt *stmt = mc_store_prepare (part->store,
    "SELECT id, source_id, procedure_code, field_code, status, channel, received_at, due_at,"
    " coalesce(finished_at, returned_at), payment_state, satisfaction, citizen_data, reused, from_store,"
    " digitised, e_result FROM dossiers"
    " WHERE id >= ?3 AND id < ?4 AND +received_at < ?2"
    " AND (status NOT IN (7, 8, 9, 10) OR coalesce(finished_at, returned_at, ?1) >= ?1)",
    &part->error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, part->from);
  sqlite3_bind_int64 (stmt, 2, part->to);
  sqlite3_bind_int64 (stmt, 3, part->first);
  sqlite3_bind_int64 (stmt, 4, part->end);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McReportRow *row = mc_report_data_add (part->data, (const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2),
                                             (const char *) sqlite3_column_text (stmt, 3));
      const Supplements *entry;

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
      if ((entry = g_hash_table_lookup (part->supplements, GSIZE_TO_POINTER ((gsize) row->id))) != NULL)
        {
          row->n_supplements = entry->n;
          row->supplement_at = entry->first;
          row->paused = entry->paused;
          row->supplement_open = entry->open;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    mc_store_set_error (part->store, &part->error, N_("reading the dossiers of a report"));
  return NULL;
}

/* Below this many dossiers one connection reads them all: a second one costs more than it saves. */
static gint64 split_threshold = 200000;

/* For the tests: the two-part read on a small profile. */
void
mc_store_report_set_split_threshold (gint64 n)
{
  split_threshold = n;
}

/* The dossiers' ids, [*out_first, *out_end), and where to cut them in two halves (0 when too
 * few to bother): the table is read in id order, its own order, a range of ids at a time. */
static gboolean
id_range (McStore  *self,
          gint64   *out_first,
          gint64   *out_end,
          gint64   *out_mid,
          GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT coalesce(min(id), 0), coalesce(max(id), 0) FROM dossiers", error);

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      mc_store_set_error (self, error, N_("counting the dossiers of a report"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  *out_first = sqlite3_column_int64 (stmt, 0);
  *out_end = sqlite3_column_int64 (stmt, 1) + 1;
  sqlite3_reset (stmt);
  *out_mid = *out_end - *out_first >= split_threshold ? *out_first + (*out_end - *out_first) / 2 : 0;
  return TRUE;
}

/* Returns: (transfer full): every dossier a report of [@from, @to) may count: received before
 * @to and not finished before @from. A report over several periods (a chart of twelve) reads
 * once, from the first period's start to the last one's end. A big profile is read in two
 * halves of its ids at once, the second on a connection of its own: the reading is SQLite's
 * work, and the machine has two cores. */
McReportData *
mc_store_report_load (McStore  *self,
                      gint64    from,
                      gint64    to,
                      GError  **error)
{
  g_autoptr(GHashTable) supplements = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(McStore) second = NULL;
  Part parts[2] = { { 0 } };
  GThread *thread = NULL;
  sqlite3_stmt *stmt;
  gint64 first, end, mid;
  int rc;

  /* The pause counts only completed requests (received back). */
  stmt = mc_store_prepare (self,
    "SELECT dossier_id, count(*), min(requested_at),"
    " total(CASE WHEN received_at IS NOT NULL AND requested_at IS NOT NULL"
    "   THEN received_at - requested_at END), max(received_at IS NULL)"
    " FROM supplements GROUP BY dossier_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Supplements *entry = g_new0 (Supplements, 1);

      entry->n = MIN (sqlite3_column_int (stmt, 1), 255);
      entry->first = sqlite3_column_int64 (stmt, 2);
      entry->paused = (gint64) sqlite3_column_double (stmt, 3);
      entry->open = sqlite3_column_int (stmt, 4);
      g_hash_table_insert (supplements, GSIZE_TO_POINTER ((gsize) sqlite3_column_int64 (stmt, 0)), entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the supplements of a report"));
      return NULL;
    }

  if (!id_range (self, &first, &end, &mid, error))
    return NULL;
  for (int i = 0; i < 2; i++)
    {
      parts[i].store = self;
      parts[i].supplements = supplements;
      parts[i].from = from;
      parts[i].to = to;
      parts[i].first = i == 0 ? first : mid;
      parts[i].end = i == 0 && mid > 0 ? mid : end;
      parts[i].data = mc_report_data_new (mc_time_now ());
    }
  if (mid > 0 && (second = mc_store_open (self->path, MC_STORE_OPEN_EXISTING, NULL)) != NULL)
    {
      parts[1].store = second;
      thread = g_thread_new ("motcua-report", read_part, &parts[1]);
    }
  else
    parts[0].end = end;
  read_part (&parts[0]);
  if (thread != NULL)
    {
      g_thread_join (thread);
      if (parts[0].error == NULL && parts[1].error == NULL)
        mc_report_data_append (parts[0].data, parts[1].data);
    }
  mc_report_data_free (parts[1].data);
  if (parts[0].error != NULL || parts[1].error != NULL)
    {
      g_propagate_error (error, parts[0].error ? parts[0].error : parts[1].error);
      g_clear_error (parts[0].error ? &parts[1].error : &parts[0].error);
      mc_report_data_free (parts[0].data);
      return NULL;
    }
  mc_report_data_complete (parts[0].data);
  return parts[0].data;
}
