/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mc-store-private.h"

/* A damaged database is never written. Damage is found three ways: SQLite reports corruption
 * on any connection (mc_store_set_error ()), a check before the first write of a command
 * (MC_STORE_OPEN_CHECK), or "motcuactl doctor". Whichever finds it leaves a marker file beside
 * the database, "motcua.db.damaged", so that every later writer — another connection, another
 * process, the next start — refuses too, until doctor finds the file whole again. Recovery
 * copies what SQLite can still read into a new file and never touches the damaged one. */

/* Up to this size the check before a write is SQLite's full integrity_check (which also finds
 * an index that disagrees with its table: ~0.35 s at 32 MB here); above it, quick_check. */
#define DEEP_CHECK_MAX_BYTES (32 * 1024 * 1024)

static char *
marker_path (McStore *self)
{
  return g_strconcat (self->real_path, ".damaged", NULL);
}

void
mc_store_note_damage (McStore *self)
{
  g_autofree char *marker = marker_path (self);
  int fd;

  self->damaged = TRUE;
  fd = open (marker, O_WRONLY | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd >= 0)
    close (fd);
}

gboolean
mc_store_refuse_damaged (McStore  *self,
                         GError  **error)
{
  g_autofree char *marker = marker_path (self);

  if (!self->damaged && !g_file_test (marker, G_FILE_TEST_EXISTS))
    return TRUE;
  self->damaged = TRUE;
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
               _("%s is damaged: nothing more is written to it. Restore a backup, or run “motcuactl "
                 "doctor” to copy what can be saved into a new file"), self->path);
  return FALSE;
}

gboolean
mc_store_is_marked_damaged (McStore *self)
{
  g_autofree char *marker = marker_path (self);

  return self->damaged || g_file_test (marker, G_FILE_TEST_EXISTS);
}

/* After a full check found the file whole again (motcuactl doctor). */
void
mc_store_forget_damage (McStore *self)
{
  g_autofree char *marker = marker_path (self);

  unlink (marker);
  self->damaged = FALSE;
}

static gboolean
run_check (McStore     *self,
           const char  *pragma,
           GError     **error)
{
  g_autoptr(GString) problems = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc, lines = 0;

  if (sqlite3_prepare_v2 (self->db, pragma, -1, &stmt, NULL) != SQLITE_OK)
    {
      mc_store_set_error (self, error, N_("checking the database"));
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0 && lines++ < 5)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("checking the database"));
      return FALSE;
    }
  if (lines == 0)
    return TRUE;
  mc_store_note_damage (self);
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
               _("%s is damaged (%s): nothing more is written to it. Restore a backup, or run "
                 "“motcuactl doctor” to copy what can be saved into a new file"), self->path, problems->str);
  return FALSE;
}

gboolean
mc_store_integrity_check (McStore  *self,
                          GError  **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  return run_check (self, "PRAGMA integrity_check", error);
}

/* The check before writing: all of SQLite's checks on a database of a commune's size, the
 * pages' own structure (quick_check) on a bigger one. @deep: always the full check. */
gboolean
mc_store_check (McStore   *self,
                gboolean   deep,
                GError   **error)
{
  struct stat st;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  if (!deep && stat (self->real_path, &st) == 0 && st.st_size > DEEP_CHECK_MAX_BYTES)
    return run_check (self, "PRAGMA quick_check", error);
  return run_check (self, "PRAGMA integrity_check", error);
}

/* Salvage, for a database SQLite can open but not read whole: the new file gets this
 * version's schema (the damaged file's own may be what is damaged), then every table's rows
 * are copied one by one — the columns both have — a row on a damaged page skipped and the next
 * one tried; the full-text index is rebuilt from its table. */
static gint64
copy_rows (sqlite3    *db,
           const char *table,
           const char *columns,
           gint64     *out_lost)
{
  g_autofree char *scan_sql = g_strdup_printf ("SELECT rowid FROM old.\"%s\" WHERE rowid > ? ORDER BY rowid", table);
  g_autofree char *copy_sql = g_strdup_printf ("INSERT OR REPLACE INTO main.\"%s\" (%s) SELECT %s FROM old.\"%s\""
                                               " WHERE rowid = ?", table, columns, columns, table);
  sqlite3_stmt *scan = NULL, *copy = NULL;
  gint64 last = G_MININT64, copied = 0;
  guint failures = 0;

  *out_lost = 0;
  if (sqlite3_prepare_v2 (db, scan_sql, -1, &scan, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, copy_sql, -1, &copy, NULL) != SQLITE_OK)
    {
      sqlite3_finalize (scan);
      *out_lost = -1;
      return 0;
    }
  /* A scan stopped by a damaged page starts again just after the last row it read. */
  while (failures < 1000)
    {
      int rc;

      sqlite3_reset (scan);
      sqlite3_bind_int64 (scan, 1, last);
      while ((rc = sqlite3_step (scan)) == SQLITE_ROW)
        {
          last = sqlite3_column_int64 (scan, 0);
          sqlite3_reset (copy);
          sqlite3_bind_int64 (copy, 1, last);
          if (sqlite3_step (copy) == SQLITE_DONE)
            copied++;
          else
            (*out_lost)++;
        }
      if (rc == SQLITE_DONE)
        break;
      failures++;
      (*out_lost)++;
      if (last == G_MININT64)
        break;
      last++;
    }
  sqlite3_finalize (scan);
  sqlite3_finalize (copy);
  return copied;
}

/* The columns of @table in both files, quoted and comma-separated; NULL when the damaged
 * file has no readable table of that name. */
static char *
common_columns (sqlite3    *db,
                const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM main.pragma_table_info('%s') WHERE name IN"
                                          " (SELECT name FROM old.pragma_table_info('%s'))", table, table);
  g_autoptr(GString) columns = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (columns, "%s\"%s\"", columns->len ? ", " : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return columns->len ? g_string_free (g_steal_pointer (&columns), FALSE) : NULL;
}

static void
salvage (sqlite3  *db,
         GString  *report)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM main.sqlite_master WHERE type = 'table' AND sql NOT LIKE"
                          " 'CREATE VIRTUAL%' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'dossier_fts_%'"
                          " ORDER BY rowid", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *columns = common_columns (db, table);
      gint64 lost = 0, copied = columns ? copy_rows (db, table, columns, &lost) : 0;

      if (columns == NULL)
        g_string_append_printf (report, _("%s: not readable, nothing copied\n"), table);
      else if (lost != 0)
        g_string_append_printf (report, _("%s: %lld rows copied, some lost on damaged pages\n"),
                                table, (long long) copied);
      else
        g_string_append_printf (report, _("%s: %lld rows copied\n"), table, (long long) copied);
    }
  sqlite3_exec (db, "INSERT INTO dossier_fts(dossier_fts) VALUES ('rebuild')", NULL, NULL, NULL);
}

/* Copies what SQLite can read of the database at @path into @destination, a new file with
 * this version's schema; @path is opened read-only and never changed. Returns: a report, one
 * line a table, or NULL with @error set. */
char *
mc_store_recover (const char  *path,
                  const char  *destination,
                  GError     **error)
{
  g_autoptr(GString) report = g_string_new (NULL);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *attach = NULL;
  g_autoptr(McStore) fresh = NULL;
  struct stat st;
  gboolean has_wal = stat (wal, &st) == 0 && st.st_size > 0;
  sqlite3 *db;

  g_return_val_if_fail (path != NULL && destination != NULL, NULL);

  if (lstat (destination, &st) == 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, _("%s exists already: give the name of a new file"),
                   destination);
      return NULL;
    }
  if (!(fresh = mc_store_open (destination, MC_STORE_OPEN_CREATE, error)))
    return NULL;
  db = fresh->db;
  /* Read-only, and immutable unless a WAL holds the last commits: then SQLite reads it through
   * a -shm file beside it, but the database file itself is still never written. A schema
   * that does not parse any more is tolerated (writable_schema), so that the tables whose own
   * entries are whole can still be read. */
  attach = g_strdup_printf ("ATTACH 'file:%s?mode=ro%s' AS old", escaped, has_wal ? "" : "&immutable=1");
  if (sqlite3_exec (db, "PRAGMA foreign_keys = OFF; PRAGMA writable_schema = ON", NULL, NULL, NULL) != SQLITE_OK
      || sqlite3_exec (db, attach, NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED, "%s: %s", path, sqlite3_errmsg (db));
      goto fail;
    }
  if (!mc_store_begin (fresh, error))
    goto fail;
  salvage (db, report);
  if (!mc_store_commit (fresh, error))
    goto fail;
  sqlite3_exec (db, "DETACH old; PRAGMA writable_schema = OFF; PRAGMA foreign_keys = ON", NULL, NULL, NULL);
  return g_string_free (g_steal_pointer (&report), FALSE);

fail:
  /* No half copy left to be taken for the recovered database. */
  mc_store_rollback (fresh);
  g_clear_object (&fresh);
  unlink (destination);
  return NULL;
}
