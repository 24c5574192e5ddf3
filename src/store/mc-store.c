/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "mc-store-private.h"

G_DEFINE_QUARK (mc-store-error-quark, mc_store_error)

G_DEFINE_FINAL_TYPE (McStore, mc_store, G_TYPE_OBJECT)

static void
mc_store_finalize (GObject *object)
{
  McStore *self = MC_STORE (object);

  /* Statements first: sqlite3_close refuses to close a connection with live statements. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->calendar);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  G_OBJECT_CLASS (mc_store_parent_class)->finalize (object);
}

static void
mc_store_class_init (McStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_store_finalize;
}

static void
statement_free (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
mc_store_init (McStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, statement_free);
  self->office_version = -1;
}

void
mc_store_set_error (McStore     *self,
                    GError     **error,
                    const char  *what)
{
  int code = sqlite3_extended_errcode (self->db);
  int primary = code & 0xff;

  if (primary == SQLITE_NOTADB || primary == SQLITE_CORRUPT)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                 _("%s is not a Một Cửa database or is damaged (%s)"), self->path,
                 sqlite3_errmsg (self->db));
  else if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, "%s: %s", g_dgettext (GETTEXT_PACKAGE, what),
                 sqlite3_errmsg (self->db));
  else
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FAILED, "%s: %s", g_dgettext (GETTEXT_PACKAGE, what),
                 sqlite3_errmsg (self->db));
}

/* Statements are prepared once per connection and reused: @sql must be a string that lives as
 * long as the process (a literal), since its address is the cache key's content. */
sqlite3_stmt *
mc_store_prepare (McStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      mc_store_set_error (self, error, N_("preparing a query"));
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
mc_store_exec (McStore     *self,
               const char  *sql,
               GError     **error)
{
  if (sqlite3_exec (self->db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      mc_store_set_error (self, error, N_("updating the database"));
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_store_step_done (McStore      *self,
                    sqlite3_stmt *stmt,
                    GError      **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      mc_store_set_error (self, error, N_("writing to the database"));
      return FALSE;
    }
  return TRUE;
}

/* Steps @stmt, a query of one integer (a count, a maximum), and resets it. Returns: the value,
 * or -1 with @error set after naming @what. */
gint64
mc_store_step_int64 (McStore       *self,
                     sqlite3_stmt  *stmt,
                     const char    *what,
                     GError       **error)
{
  gint64 value = -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else
    mc_store_set_error (self, error, what);
  sqlite3_reset (stmt);
  return value;
}

void
mc_store_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

/* The same without a copy, for hot paths: @text must stay alive until the statement has been
 * stepped, which is always the case when the step follows the binds at once. */
void
mc_store_bind_text_static (sqlite3_stmt *stmt,
                           int           index,
                           const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_STATIC);
}

void
mc_store_bind_time (sqlite3_stmt *stmt,
                    int           index,
                    gint64        unix_seconds)
{
  if (unix_seconds == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, unix_seconds);
}

/* The database and its WAL hold citizens' personal data: the file is created 0600 before
 * SQLite opens it (SQLite gives the -wal and -shm files the database file's mode), in a
 * directory only the official can enter. */
static gboolean
prepare_file (const char        *path,
              McStoreOpenFlags   flags,
              GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd;

  if ((flags & MC_STORE_OPEN_EXISTING) && !g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NO_PROFILE,
                   _("No profile database at %s (create one with “motcuactl init-sample” "
                   "or by starting Một Cửa)"), path);
      return FALSE;
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot create the profile directory %s: %s", dir, g_strerror (saved));
      return FALSE;
    }
  /* Never open and close an existing database here: closing any descriptor of a file drops
   * every POSIX lock this process holds on it, so a connection already open (the window's,
   * while the sync engine opens its own) would lose the lock that tells another process
   * (motcuactl) it is not the last one — which then checkpoints and deletes the WAL under it.
   * Only a file that did not exist (O_EXCL) is created and closed. */
  fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      g_close (fd, NULL);
      return TRUE;
    }
  if (errno != EEXIST)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   "Cannot open %s: %s", path, g_strerror (saved));
      return FALSE;
    }
  /* An existing file keeps whatever mode it had (a copy, an old version): tighten it. */
  g_chmod (path, 0600);
  return TRUE;
}

static McStore *
open_at_version (const char        *path,
                 McStoreOpenFlags   flags,
                 int                version,
                 GError           **error)
{
  g_autoptr(McStore) self = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!prepare_file (path, flags, error))
    return NULL;

  self = g_object_new (MC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK)
    {
      mc_store_set_error (self, error, N_("opening the database"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  /* WAL lets the window read while the sync engine writes; synchronous=FULL makes a committed
   * action durable across a power cut (the outbox must never lose one). */
  if (!mc_store_exec (self,
                      "PRAGMA journal_mode = WAL;"
                      "PRAGMA synchronous = FULL;"
                      "PRAGMA foreign_keys = ON;"
                      "PRAGMA temp_store = MEMORY;", error))
    return NULL;

  if (!mc_store_migrate (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

McStore *
mc_store_open (const char        *path,
               McStoreOpenFlags   flags,
               GError           **error)
{
  return open_at_version (path, flags, MC_STORE_SCHEMA_VERSION, error);
}

/* A database left at an older schema version, as an older Một Cửa wrote it: for the tests of
 * the migration ladder. */
McStore *
mc_store_open_at_version (const char  *path,
                          int          version,
                          GError     **error)
{
  return open_at_version (path, MC_STORE_OPEN_CREATE, version, error);
}

/* The database file of a profile directory. */
char *
mc_store_profile_path (const char *profile_dir)
{
  return g_build_filename (profile_dir, "motcua.db", NULL);
}

/* One directory per profile under the XDG data directory; training is a profile of its own. */
char *
mc_store_default_profile_dir (const char *profile_name)
{
  return g_build_filename (g_get_user_data_dir (), "motcua", "profiles",
                           profile_name ? profile_name : "default", NULL);
}

const char *
mc_store_get_path (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return self->path;
}

int
mc_store_get_schema_version (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), 0);
  return self->schema_version;
}

/* For the connection that commits on the window's main thread: its commits never copy the WAL
 * back into the database. While a sync writes, the WAL grows to 256 MB between checkpoints
 * (mc_store_sync_set_bulk()), and a checkpoint run after an official's action would freeze the
 * window for seconds; the sync's writer, the outbox's connections and the last connection to
 * close do it instead. */
void
mc_store_leave_checkpoints (McStore *self)
{
  g_return_if_fail (MC_IS_STORE (self));
  mc_store_exec (self, "PRAGMA wal_autocheckpoint = 0", NULL);
}

gboolean
mc_store_integrity_check (McStore  *self,
                          GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "PRAGMA integrity_check", error);
  g_autoptr(GString) problems = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);

      if (g_strcmp0 (line, "ok") != 0)
        g_string_append_printf (problems, "%s%s", problems->len ? "; " : "", line);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("checking the database"));
      return FALSE;
    }
  if (problems->len > 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s is damaged: %s"), self->path, problems->str);
      return FALSE;
    }
  return TRUE;
}
