/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mc-store-private.h"

G_DEFINE_QUARK (mc-store-error-quark, mc_store_error)

G_DEFINE_FINAL_TYPE (McStore, mc_store, G_TYPE_OBJECT)

static void
mc_store_finalize (GObject *object)
{
  McStore *self = MC_STORE (object);

  mc_store_changes_detach (self);
  /* Statements first: sqlite3_close refuses to close a connection with live statements. */
  g_clear_pointer (&self->statements, g_hash_table_unref);
  g_clear_object (&self->calendar);
  if (self->db != NULL)
    sqlite3_close (self->db);
  g_free (self->path);
  g_free (self->real_path);
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
  self->autocheckpoint = 1000;  /* SQLite's default */
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
    {
      /* Corruption seen anywhere stops every later write to the profile (mc-store-check.c). */
      g_autofree char *message = g_strdup (sqlite3_errmsg (self->db));

      mc_store_note_damage (self);
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                   _("%s is damaged (%s): nothing more is written to it. Restore a backup, or run "
                     "“motcuactl doctor” to copy what can be saved into a new file"), self->path, message);
    }
  else if (primary == SQLITE_FULL || (primary == SQLITE_IOERR && sqlite3_system_errno (self->db) == ENOSPC))
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_DISK_FULL,
                 _("The disk is full: %s could not be written (%s). Free some space and try again"),
                 self->path, g_dgettext (GETTEXT_PACKAGE, what));
  else if (primary == SQLITE_READONLY)
    g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_READ_ONLY,
                 _("%s can only be read: %s is not possible"), self->path, g_dgettext (GETTEXT_PACKAGE, what));
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

/* Steps @stmt, a query of exactly one row. Returns: TRUE on that row, which the caller reads
 * and then resets @stmt; else FALSE with @stmt reset and @error set: MC_STORE_ERROR_NOT_FOUND
 * saying @not_found (a printf format) when no row matches, the store's error naming @what when
 * the query failed. */
gboolean
mc_store_step_row (McStore       *self,
                   sqlite3_stmt  *stmt,
                   const char    *what,
                   GError       **error,
                   const char    *not_found,
                   ...)
{
  int rc = sqlite3_step (stmt);
  va_list args;

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    {
      va_start (args, not_found);
      g_propagate_error (error, g_error_new_valist (MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, not_found, args));
      va_end (args);
    }
  else
    mc_store_set_error (self, error, what);
  sqlite3_reset (stmt);
  return FALSE;
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

/* Steps @stmt, a query of at most one dossier id, and resets it. Returns: the id, 0 when no
 * dossier matches, or -1 with @error set. */
gint64
mc_store_step_id (McStore       *self,
                  sqlite3_stmt  *stmt,
                  GError       **error)
{
  gint64 id = 0;
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("finding a dossier"));
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
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

/* @value, or NULL when it is not @known (a size of -1, a time or an id of 0…). */
void
mc_store_bind_number (sqlite3_stmt *stmt,
                      int           index,
                      gint64        value,
                      gboolean      known)
{
  if (known)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

void
mc_store_bind_time (sqlite3_stmt *stmt,
                    int           index,
                    gint64        unix_seconds)
{
  mc_store_bind_number (stmt, index, unix_seconds, unix_seconds != 0);
}

/* @what is "Cannot open", "Cannot create"…, said of @path with errno's reason. */
static gboolean
file_error (GError     **error,
            const char  *what,
            const char  *path)
{
  int saved = errno;

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), "%s %s: %s", what, path, g_strerror (saved));
  return FALSE;
}

/* The database and its WAL hold citizens' personal data: the file is created 0600 before
 * SQLite opens it (SQLite gives the -wal and -shm files the database file's mode), in a
 * directory only the official can enter. An existing path is used only if it is a regular
 * file, not a symbolic link, and not empty: anything else is left exactly as it was. */
static gboolean
prepare_file (const char        *path,
              McStoreOpenFlags   flags,
              GError           **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  struct stat st;
  int fd;

  if (lstat (path, &st) == 0)
    {
      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FOREIGN,
                       _("%s is a symbolic link: Một Cửa opens only a database file itself, never "
                         "through a link. Nothing was changed"), path);
          return FALSE;
        }
      if (!S_ISREG (st.st_mode) || st.st_size == 0)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FOREIGN,
                       _("%s is %s, not a Một Cửa database. Nothing was changed; move it away to "
                         "start a new profile there"), path,
                       S_ISREG (st.st_mode) ? _("an empty file") : _("not a regular file"));
          return FALSE;
        }
      return TRUE;
    }
  if (errno != ENOENT && errno != ENOTDIR)
    return file_error (error, _("Cannot open"), path);
  if (flags & (MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NO_PROFILE,
                   _("No profile database at %s (create one with “motcuactl init-sample” "
                   "or by starting Một Cửa)"), path);
      return FALSE;
    }
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return file_error (error, _("Cannot create the profile directory"), dir);
  /* Only a file that did not exist (O_EXCL) is created and closed here: closing any
   * descriptor of an open database would drop every POSIX lock this process holds on it. */
  fd = open (path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    return file_error (error, _("Cannot create"), path);
  fchmod (fd, 0600);
  close (fd);
  return TRUE;
}

/* A database of ours that a copy or an old version left readable by others: tightened on the
 * file itself, once it is known to be ours. fchmodat() never follows a link, and opens no
 * descriptor whose close would drop this process's SQLite locks on the file. */
static void
tighten_mode (McStore *self)
{
  struct stat st;

  if (!self->read_only && lstat (self->path, &st) == 0 && S_ISREG (st.st_mode) && (st.st_mode & 0077) != 0
      && st.st_uid == geteuid ())
    fchmodat (AT_FDCWD, self->path, 0600, AT_SYMLINK_NOFOLLOW);
}

/* Read-only when asked, or when the file cannot be written (a profile copied from a backup,
 * a read-only mount): reading must work all the same. SQLite reads a WAL database through
 * its -shm file; where that cannot be created and no WAL is left over, the file is opened
 * as immutable — nobody can be writing it. */
static char *
read_only_uri (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);
  struct stat st;
  gboolean immutable = access (dir, W_OK) != 0 && (stat (wal, &st) != 0 || st.st_size == 0);

  return g_strdup_printf ("file:%s?mode=ro%s", escaped, immutable ? "&immutable=1" : "");
}

/* What is in the file, before anything is written to it: a database of this application (or
 * of an older version, before it had an application id), or an SQLite database with nothing
 * in it at all (one whose first migration never ran: nothing to lose). */
static gboolean
check_identity (McStore   *self,
                GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 app_id = 0, version = 0, objects = 0, dossiers = 0;
  int rc;

  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT (SELECT application_id FROM pragma_application_id),"
                           " (SELECT user_version FROM pragma_user_version),"
                           " (SELECT count(*) FROM sqlite_master),"
                           " (SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'dossiers')",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      app_id = sqlite3_column_int64 (stmt, 0);
      version = sqlite3_column_int64 (stmt, 1);
      objects = sqlite3_column_int64 (stmt, 2);
      dossiers = sqlite3_column_int64 (stmt, 3);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      if ((sqlite3_errcode (self->db) & 0xff) == SQLITE_NOTADB)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                       _("%s is not a Một Cửa database, or is damaged beyond reading. Nothing was changed"),
                       self->path);
          return FALSE;
        }
      mc_store_set_error (self, error, N_("opening the database"));
      return FALSE;
    }
  if (app_id == MC_STORE_APPLICATION_ID || (app_id == 0 && version > 0 && dossiers == 1)
      || (version == 0 && objects == 0))
    return TRUE;
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_FOREIGN,
               _("%s is a database of another program, not of Một Cửa. Nothing was changed"), self->path);
  return FALSE;
}

static McStore *
open_at_version (const char        *path,
                 McStoreOpenFlags   flags,
                 int                version,
                 GError           **error)
{
  g_autoptr(McStore) self = NULL;
  g_autoptr(McStore) upgrader = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *dir = NULL;
  gboolean writable;
  char *real;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  if (!prepare_file (path, flags, error))
    return NULL;

  self = g_object_new (MC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  dir = g_path_get_dirname (path);
  real = realpath (path, NULL);
  self->real_path = real ? g_strdup (real) : g_canonicalize_filename (path, NULL);
  free (real);
  /* WAL needs the directory too, for its -wal and -shm files. */
  writable = access (path, W_OK) == 0 && access (dir, W_OK) == 0;
  self->read_only = (flags & MC_STORE_OPEN_READ_ONLY) || !writable;
  if (self->read_only)
    uri = read_only_uri (self->real_path);
  rc = sqlite3_open_v2 (uri ? uri : path, &self->db,
                        (self->read_only ? SQLITE_OPEN_READONLY | SQLITE_OPEN_URI : SQLITE_OPEN_READWRITE)
                        | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW, NULL);
  if (rc != SQLITE_OK)
    {
      mc_store_set_error (self, error, N_("opening the database"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  if (!check_identity (self, error))
    return NULL;
  tighten_mode (self);
  if (!self->read_only && !mc_store_refuse_damaged (self, error))
    return NULL;

  /* WAL lets the window read while the sync engine writes; synchronous=FULL makes a committed
   * action durable across a power cut (the outbox must never lose one). */
  if (!mc_store_exec (self,
                      self->read_only ? "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;"
                      : "PRAGMA journal_mode = WAL;"
                        "PRAGMA synchronous = FULL;"
                        "PRAGMA foreign_keys = ON;"
                        "PRAGMA temp_store = MEMORY;", error))
    return NULL;
  if ((flags & MC_STORE_OPEN_CHECK) && !mc_store_check (self, FALSE, error))
    return NULL;
  mc_store_changes_attach (self);

  if (!mc_store_migrate (self, version, &local))
    {
      /* A profile an older version wrote, opened only to read by this one: upgraded once, by a
       * connection of its own, as any write would. */
      if (!writable || !g_error_matches (local, MC_STORE_ERROR, MC_STORE_ERROR_READ_ONLY))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      g_clear_error (&local);
      if (!(upgrader = open_at_version (path, flags & ~MC_STORE_OPEN_READ_ONLY, version, error))
          || !mc_store_migrate (self, version, error))
        return NULL;
    }
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
  mc_store_set_autocheckpoint (self, 0);
}

/* What PRAGMA wal_autocheckpoint does, which must not be used: SQLite implements it as the
 * connection's WAL hook, and the change stream's WAL hook (mc-store-changes.c) does it
 * instead. */
void
mc_store_set_autocheckpoint (McStore *self,
                             int      pages)
{
  self->autocheckpoint = MAX (pages, 0);
}

gboolean
mc_store_is_read_only (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), TRUE);
  return self->read_only;
}
