/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include "mc-sample.h"
#include "mc-store-private.h"

static char *
temp_profile_db (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-store-XXXXXX", NULL);

  return g_build_filename (dir, "profile", "motcua.db", NULL);
}

static McStore *
open_with_sources (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_profile_db ();
  McStore *store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) sources = mc_sample_sources ();

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    {
      g_assert_true (mc_store_add_source (store, g_ptr_array_index (sources, i), &error));
      g_assert_no_error (error);
    }
  if (out_path)
    *out_path = g_steal_pointer (&path);
  return store;
}

static void
test_migrate_empty_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_profile_db ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(McStore) store = NULL;
  GStatBuf st;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  /* An empty file that was there is not taken for a new profile (issue 16): refused, untouched. */
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FOREIGN);
  g_assert_null (store);
  g_clear_error (&error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);

  /* A new one is created 0600 and climbs the ladder from version 0. */
  store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_get_schema_version (store), ==, MC_STORE_SCHEMA_VERSION);
  g_assert_true (mc_store_integrity_check (store, &error));

  /* Private data: 0600 file in a 0700 directory, WAL on, procedures loaded. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (dir, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*), sum(duration_assumed) FROM procedures", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), >, 30);
  g_assert_cmpint (sqlite3_column_int (stmt, 1), >, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* Reopening is a no-op climb. */
  g_clear_object (&store);
  store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_get_schema_version (store), ==, MC_STORE_SCHEMA_VERSION);
}

/* Every older schema climbs the ladder with its data intact. Rows are written with the
 * version-1 columns, as the first released version wrote them. */
static void
test_migrate_every_version (void)
{
  for (int v = 0; v < MC_STORE_SCHEMA_VERSION; v++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = temp_profile_db ();
      g_autoptr(McStore) old = mc_store_open_at_version (path, v, &error);
      g_autoptr(McStore) store = NULL;
      g_autoptr(GArray) hits = NULL;
      g_autoptr(McDossier) d = NULL;
      gint64 id;

      g_test_message ("from schema %d", v);
      g_assert_no_error (error);
      g_assert_cmpint (mc_store_get_schema_version (old), ==, v);
      if (v >= 1)
        g_assert_true (mc_store_exec (old,
          "INSERT INTO sources (id, ministry, dialect, name, base_url, unit_code)"
          " VALUES ('g09', 'G09', 'lgsp', 'Nội vụ', 'http://127.0.0.1:1', '000.00.15.H38');"
          "INSERT INTO dossiers (source_id, number, procedure_code, procedure_name, applicant_name,"
          " applicant_kind, channel, return_method, status, received_at, search)"
          " VALUES ('g09', 'G09.01-20260101-0000001', '1.010833', 'Xác nhận thân nhân',"
          " 'Nguyễn Văn Cũ', 1, 1, 1, 4, 1767225600,"
          " 'g09.01-20260101-0000001 nguyen van cu 1.010833 xac nhan than nhan');", &error));
      g_assert_no_error (error);
      /* From schema 7 on the store indexes a new dossier itself (no insert trigger), as an
       * older Một Cửa of that schema did. */
      if (v >= 7)
        g_assert_true (mc_store_exec (old, "INSERT INTO dossier_fts (rowid, search)"
                                      " SELECT id, search FROM dossiers WHERE number = 'G09.01-20260101-0000001'",
                                      &error));
      g_assert_no_error (error);
      g_clear_object (&old);

      store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
      g_assert_no_error (error);
      g_assert_cmpint (mc_store_get_schema_version (store), ==, MC_STORE_SCHEMA_VERSION);
      g_assert_true (mc_store_integrity_check (store, &error));
      if (v == 0)
        continue;
      id = mc_store_find_number (store, "G09.01-20260101-0000001", &error);
      g_assert_cmpint (id, >, 0);
      d = mc_store_get_dossier (store, id, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (d->applicant_name, ==, "Nguyễn Văn Cũ");
      hits = mc_store_search (store, "nguyen cu", 0, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (hits->len, ==, 1);
    }
}

static void
test_missing_profile (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_profile_db ();
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);

  g_assert_null (store);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NO_PROFILE);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_corrupt_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_profile_db ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *junk = g_strnfill (8192, 'x');
  g_autoptr(McStore) store = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_newer_schema_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(McStore) store = open_with_sources (&path);
  sqlite3 *db;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_null (store);
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_TOO_NEW);
}

static void
assert_same_dossier (const McDossier *a,
                     const McDossier *b)
{
  g_assert_cmpstr (a->source_id, ==, b->source_id);
  g_assert_cmpstr (a->number, ==, b->number);
  g_assert_cmpint (a->provisional, ==, b->provisional);
  g_assert_cmpstr (a->procedure_code, ==, b->procedure_code);
  g_assert_cmpstr (a->procedure_name, ==, b->procedure_name);
  g_assert_cmpstr (a->field_code, ==, b->field_code);
  g_assert_cmpstr (a->applicant_name, ==, b->applicant_name);
  g_assert_cmpint (a->applicant_kind, ==, b->applicant_kind);
  g_assert_cmpstr (a->id_number, ==, b->id_number);
  g_assert_cmpstr (a->phone, ==, b->phone);
  g_assert_cmpstr (a->address, ==, b->address);
  g_assert_cmpint (a->channel, ==, b->channel);
  g_assert_cmpint (a->return_method, ==, b->return_method);
  g_assert_cmpint (a->status, ==, b->status);
  g_assert_cmpint (a->submitted_at, ==, b->submitted_at);
  g_assert_cmpint (a->received_at, ==, b->received_at);
  g_assert_cmpint (a->due_at, ==, b->due_at);
  g_assert_cmpint (a->finished_at, ==, b->finished_at);
  g_assert_cmpint (a->returned_at, ==, b->returned_at);
  g_assert_cmpstr (a->server_version, ==, b->server_version);

  g_assert_cmpuint (a->documents->len, ==, b->documents->len);
  for (guint i = 0; i < a->documents->len; i++)
    {
      McDocument *x = g_ptr_array_index (a->documents, i), *y = g_ptr_array_index (b->documents, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->is_copy, ==, y->is_copy);
      g_assert_cmpint (x->count, ==, y->count);
    }
  g_assert_cmpuint (a->fees->len, ==, b->fees->len);
  for (guint i = 0; i < a->fees->len; i++)
    {
      McFee *x = g_ptr_array_index (a->fees, i), *y = g_ptr_array_index (b->fees, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpint (x->amount_vnd, ==, y->amount_vnd);
      g_assert_cmpint (x->paid, ==, y->paid);
    }
  g_assert_cmpuint (a->supplements->len, ==, b->supplements->len);
  for (guint i = 0; i < a->supplements->len; i++)
    {
      McSupplement *x = g_ptr_array_index (a->supplements, i), *y = g_ptr_array_index (b->supplements, i);
      g_assert_cmpint (x->requested_at, ==, y->requested_at);
      g_assert_cmpstr (x->items, ==, y->items);
      g_assert_cmpint (x->received_at, ==, y->received_at);
    }
  g_assert_cmpuint (a->results->len, ==, b->results->len);
  for (guint i = 0; i < a->results->len; i++)
    {
      McResult *x = g_ptr_array_index (a->results, i), *y = g_ptr_array_index (b->results, i);
      g_assert_cmpstr (x->name, ==, y->name);
      g_assert_cmpstr (x->number, ==, y->number);
      g_assert_cmpint (x->issued_at, ==, y->issued_at);
    }
  g_assert_cmpuint (a->history->len, ==, b->history->len);
  for (guint i = 0; i < a->history->len; i++)
    {
      McStep *x = g_ptr_array_index (a->history, i), *y = g_ptr_array_index (b->history, i);
      g_assert_cmpint (x->at, ==, y->at);
      g_assert_cmpstr (x->actor, ==, y->actor);
      g_assert_cmpstr (x->unit, ==, y->unit);
      g_assert_cmpstr (x->action, ==, y->action);
      g_assert_cmpint (x->status, ==, y->status);
      g_assert_cmpstr (x->note, ==, y->note);
    }
}

static void
test_dossier_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = open_with_sources (NULL);
  gint64 now = 1795000000;
  guint statuses_seen = 0;

  /* Sample dossiers cover every kind of child row; the statuses a realistic sample rarely
   * shows (waiting, a financial obligation) are given to some of them, so that every status
   * makes the round trip too. */
  for (guint64 i = 0; i < 300; i++)
    {
      g_autoptr(McDossier) d = mc_sample_dossier (7, i, now);
      g_autoptr(McDossier) back = NULL;

      if (i <= MC_STATUS_LAST && !(statuses_seen & (1u << i)) && mc_status_is_valid (i))
        d->status = i;

      g_assert_true (mc_store_insert_dossier (store, d, &error));
      g_assert_no_error (error);
      g_assert_cmpint (d->id, >, 0);
      back = mc_store_get_dossier (store, d->id, &error);
      g_assert_no_error (error);
      assert_same_dossier (d, back);
      g_assert_cmpint (mc_store_find_number (store, d->number, &error), ==, d->id);
      statuses_seen |= 1u << d->status;
    }
  g_assert_cmpuint (statuses_seen, ==, 0x7fe);

  /* A hand-made dossier with the awkward values: NULLs, a supplement waiting, a result. */
  {
    g_autoptr(McDossier) d = mc_dossier_new ();
    g_autoptr(McDossier) back = NULL;

    d->source_id = g_strdup ("g21");
    d->number = g_strdup ("TAM-0001");
    d->provisional = TRUE;
    d->procedure_code = g_strdup ("1.012590");
    d->procedure_name = g_strdup ("Đăng ký sinh hoạt tôn giáo tập trung");
    d->applicant_name = g_strdup ("Đỗ Thị Ỷ Lan");
    d->status = MC_STATUS_SUPPLEMENT_REQUESTED;
    d->received_at = now;
    mc_dossier_add_supplement (d, now + 60, "Bản sao giấy khai sinh\nẢnh 4x6", 0);
    mc_dossier_add_result (d, "Quyết định", NULL, 0);
    g_assert_true (mc_store_insert_dossier (store, d, &error));
    back = mc_store_get_dossier (store, d->id, &error);
    g_assert_no_error (error);
    assert_same_dossier (d, back);
  }
}

static void
test_constraints (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = open_with_sources (NULL);
  g_autoptr(McDossier) d = mc_sample_dossier (1, 0, 1795000000);
  g_autoptr(McDossier) twin = mc_sample_dossier (1, 0, 1795000000);
  g_autoptr(McDossier) orphan = mc_sample_dossier (1, 1, 1795000000);
  g_autoptr(McSource) dup = mc_source_new ("g09", "G09", "lgsp", "x", "http://127.0.0.1:1", "u", "a");
  g_autoptr(McSource) bad = mc_source_new ("zz", "G09", "soap", "x", "http://127.0.0.1:1", "u", "a");

  g_assert_true (mc_store_insert_dossier (store, d, &error));
  g_assert_no_error (error);

  /* The same (source, number) twice is refused and leaves nothing half stored. */
  g_assert_false (mc_store_insert_dossier (store, twin, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (twin->id, ==, 0);
  g_assert_cmpint (mc_store_count (store, NULL, NULL), ==, 1);

  /* A dossier of an unknown source and an invalid status are refused. */
  g_free (orphan->source_id);
  orphan->source_id = g_strdup ("nowhere");
  g_assert_false (mc_store_insert_dossier (store, orphan, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (orphan->source_id);
  orphan->source_id = g_strdup ("g03");
  orphan->status = 11;
  g_assert_false (mc_store_insert_dossier (store, orphan, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (mc_store_add_source (store, dup, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_store_add_source (store, bad, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (mc_store_count (store, NULL, NULL), ==, 1);
}

static void
test_audit_append_only (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(McStore) store = open_with_sources (&path);
  sqlite3 *db;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO audit (at, actor, action, outcome)"
                                     " VALUES (1, 'a', 'test', 'ok')", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'b'", NULL, NULL, &message), !=, SQLITE_OK);
  g_assert_nonnull (strstr (message, "append-only"));
  sqlite3_free (message);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_sources (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = open_with_sources (NULL);
  g_autoptr(GPtrArray) list = mc_store_list_sources (store, &error);
  g_autoptr(McSource) g16 = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 5);
  g_assert_cmpstr (((McSource *) g_ptr_array_index (list, 0))->id, ==, "g03");
  g16 = mc_store_get_source (store, "g16", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g16->dialect, ==, "rest");
  g_assert_true (mc_store_remove_source (store, "g16", &error));
  g_assert_false (mc_store_remove_source (store, "g16", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (mc_store_get_source (store, "g16", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND);
}

static void
test_list_and_count (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = open_with_sources (NULL);
  guint per_status[11] = { 0 };
  guint g09 = 0;

  g_assert_true (mc_store_begin (store, &error));
  for (guint64 i = 0; i < 500; i++)
    {
      g_autoptr(McDossier) d = mc_sample_dossier (3, i, 1795000000);

      g_assert_true (mc_store_insert_dossier (store, d, &error));
      per_status[d->status]++;
      g09 += g_str_equal (d->source_id, "g09");
    }
  g_assert_true (mc_store_commit (store, &error));

  for (int s = 1; s <= 10; s++)
    {
      McStoreFilter f = { .status = s };
      g_autoptr(GArray) ids = mc_store_list (store, &f, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (ids->len, ==, per_status[s]);
      g_assert_cmpint (mc_store_count (store, &f, &error), ==, per_status[s]);
      for (guint i = 0; i < ids->len; i++)
        {
          g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);
          g_assert_cmpint (d->status, ==, s);
        }
    }
  {
    McStoreFilter f = { .source_id = "g09", .limit = 7 };
    g_autoptr(GArray) ids = mc_store_list (store, &f, &error);

    g_assert_cmpuint (ids->len, ==, MIN (7, g09));
    f.limit = 0;
    g_assert_cmpint (mc_store_count (store, &f, &error), ==, g09);
  }
}

static gint64
file_size (const char *path)
{
  GStatBuf st;

  return g_stat (path, &st) == 0 ? (gint64) st.st_size : -1;
}

/* Writes @n sample dossiers in one transaction: some 5 MB, past SQLite's automatic
 * checkpoint (1,000 pages). */
static void
write_dossiers (McStore *store,
                guint    n)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_begin (store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(McDossier) d = mc_sample_dossier (7, i, 1780968600);

      g_assert_true (mc_store_insert_dossier (store, d, &error));
      g_assert_no_error (error);
    }
  g_assert_true (mc_store_commit (store, &error));
}

static void
remove_profile_db (const char *path)
{
  g_autofree char *profile = g_path_get_dirname (path);
  g_autofree char *dir = g_path_get_dirname (profile);
  const char *suffixes[] = { "", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_unlink (file);
    }
  g_rmdir (profile);
  g_rmdir (dir);
}

/* The window's connection leaves checkpoints to others: its commit leaves the pages in the
 * WAL (the database file does not grow), where a connection that checkpoints copies them. */
static void
test_leave_checkpoints (void)
{
  g_autofree char *path = NULL, *other_path = NULL;
  g_autoptr(McStore) store = open_with_sources (&path);
  g_autoptr(McStore) other = open_with_sources (&other_path);
  gint64 before = file_size (path), other_before = file_size (other_path);

  mc_store_leave_checkpoints (store);
  write_dossiers (store, 3000);
  write_dossiers (other, 3000);
  g_assert_cmpint (file_size (path), ==, before);
  g_assert_cmpint (file_size (other_path), >, other_before + 1000 * 4096);
  g_clear_object (&store);
  g_clear_object (&other);
  remove_profile_db (path);
  remove_profile_db (other_path);
}

/* mc_store_step_row(): on the one row, left for the caller to read; no row is NOT_FOUND in
 * the caller's words; a query that fails is the store's error, naming what was being read. */
static void
test_step_row (void)
{
  g_autoptr(McStore) store = open_with_sources (NULL);
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = mc_store_prepare (store, "SELECT ?1, abs(?1)", &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, -7);
  g_assert_true (mc_store_step_row (store, stmt, "reading a number", &error, "No number %d", 7));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 1), ==, 7);
  sqlite3_reset (stmt);

  stmt = mc_store_prepare (store, "SELECT id FROM sources WHERE id = ?", &error);
  sqlite3_bind_text (stmt, 1, "g99", -1, SQLITE_STATIC);
  g_assert_false (mc_store_step_row (store, stmt, "reading a source", &error, "No source “%s”", "g99"));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "No source “g99”");
  g_clear_error (&error);
  /* Reset: it runs again, and finds what is there. */
  sqlite3_bind_text (stmt, 1, "g09", -1, SQLITE_STATIC);
  g_assert_true (mc_store_step_row (store, stmt, "reading a source", NULL, "No source “%s”", "g09"));
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "g09");
  sqlite3_reset (stmt);

  /* abs() of the smallest integer overflows: the step fails. */
  stmt = mc_store_prepare (store, "SELECT ?1, abs(?1)", &error);
  sqlite3_bind_int64 (stmt, 1, G_MININT64);
  g_assert_false (mc_store_step_row (store, stmt, "reading a number", &error, "No number %d", 7));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED);
  g_assert_true (g_str_has_prefix (error->message, "reading a number: "));
  g_assert_false (mc_store_step_row (store, stmt, "reading a number", NULL, "No number %d", 7));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/store/migrate/empty-file", test_migrate_empty_file);
  g_test_add_func ("/store/migrate/every-version", test_migrate_every_version);
  g_test_add_func ("/store/open/missing-profile", test_missing_profile);
  g_test_add_func ("/store/open/corrupt", test_corrupt_file);
  g_test_add_func ("/store/open/newer-schema", test_newer_schema_refused);
  g_test_add_func ("/store/dossier/round-trip", test_dossier_round_trip);
  g_test_add_func ("/store/dossier/constraints", test_constraints);
  g_test_add_func ("/store/audit/append-only", test_audit_append_only);
  g_test_add_func ("/store/sources", test_sources);
  g_test_add_func ("/store/step-row", test_step_row);
  g_test_add_func ("/store/leave-checkpoints", test_leave_checkpoints);
  g_test_add_func ("/store/list-and-count", test_list_and_count);
  return g_test_run ();
}
