/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mc-change-set-private.h"
#include "mc-store-changes.h"
#include "mc-store-private.h"

/* The change stream: what each committed transaction changed, announced in the main context.
 *
 * Every connection McStore opens records, through SQLite's update hook, the rows its open
 * transaction writes (dossiers by id, outbox rows, and which other tables); a rollback drops
 * the record. SQLite calls the WAL hook after a commit has taken place and released the write
 * lock: there the connection resolves the outbox rows to their source and dossier (and sees
 * which are new work: pending, never tried) and hands the set over. The sets of all the
 * process's connections to one database file — the window's, the sync writer's, the push
 * side's, a worker's — meet in one McStoreChanges, which merges what arrives until the main
 * loop takes it, and emits "changed" there. So a listener never hears of a rolled-back
 * transaction, and never hears of a commit before it can read it.
 *
 * Other processes (motcuactl on the same profile) are seen through PRAGMA data_version on a
 * connection of the stream's own, polled every second while someone watches: a change that no
 * commit of this process explains, or new work that none announced, is announced as
 * "external" (anything may have changed). When this process committed too in the same
 * second, the data version cannot tell whose change it was: the stream waits for a quiet
 * second and announces it then, once. */

#define MAX_ROWS 512        /* outbox and child rows resolved after commit; more is "all" */
#define POLL_MS 1000

/* The stream of one database file */

struct _McStoreChanges
{
  GObject parent_instance;

  char *path;

  /* From any thread, under the lock: what waits for the main loop. */
  GMutex lock;
  McChangeSet *queued;
  GSource *idle;
  GHashTable *local_new_work;   /* gint64* set: outbox ids this process announced as new work */
  int local_commits;            /* atomic: commits of this process's connections */

  /* In the main context only: watching other processes. */
  guint watchers;
  sqlite3 *poll_db;
  dev_t poll_dev;               /* the file poll_db opened */
  ino_t poll_ino;
  sqlite3_stmt *version_stmt;
  sqlite3_stmt *work_stmt;
  guint poll_id;
  gint64 data_version;
  int seen_local;
  gboolean suspect;
};

G_DEFINE_FINAL_TYPE (McStoreChanges, mc_store_changes, G_TYPE_OBJECT)

enum
{
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
close_poll (McStoreChanges *self)
{
  g_clear_handle_id (&self->poll_id, g_source_remove);
  g_clear_pointer (&self->version_stmt, sqlite3_finalize);
  g_clear_pointer (&self->work_stmt, sqlite3_finalize);
  g_clear_pointer (&self->poll_db, sqlite3_close);
}

static void
mc_store_changes_finalize (GObject *object)
{
  McStoreChanges *self = MC_STORE_CHANGES (object);

  close_poll (self);
  if (self->idle != NULL)
    {
      g_source_destroy (self->idle);
      g_source_unref (self->idle);
    }
  g_clear_pointer (&self->queued, mc_change_set_unref);
  g_hash_table_unref (self->local_new_work);
  g_mutex_clear (&self->lock);
  g_free (self->path);
  G_OBJECT_CLASS (mc_store_changes_parent_class)->finalize (object);
}

static void
mc_store_changes_class_init (McStoreChangesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_store_changes_finalize;

  /* McStoreChanges::changed: (McChangeSet) what the transactions committed since the last
   * emission changed; in the main context. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                                   NULL, G_TYPE_NONE, 1, MC_TYPE_CHANGE_SET | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
mc_store_changes_init (McStoreChanges *self)
{
  g_mutex_init (&self->lock);
  self->local_new_work = mc_id_set_new ();
}

/* One stream per database file for the life of the process: every connection to the file,
 * in any thread, announces through it. */
McStoreChanges *
mc_store_changes_get (const char *db_path)
{
  static GMutex lock;
  static GHashTable *streams;   /* path → McStoreChanges (owned) */
  /* "profile/../profile/motcua.db" is the same file as "profile/motcua.db". */
  g_autofree char *path = NULL;
  McStoreChanges *self;

  g_return_val_if_fail (db_path != NULL, NULL);

  path = g_canonicalize_filename (db_path, NULL);
  g_mutex_lock (&lock);
  if (streams == NULL)
    streams = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self = g_hash_table_lookup (streams, path);
  if (self == NULL)
    {
      self = g_object_new (MC_TYPE_STORE_CHANGES, NULL);
      self->path = g_strdup (path);
      g_hash_table_insert (streams, g_steal_pointer (&path), self);
    }
  g_object_ref (self);
  g_mutex_unlock (&lock);
  return self;
}

/* Returns: (transfer none): the stream of @store's database file. */
McStoreChanges *
mc_store_get_changes (McStore *store)
{
  g_return_val_if_fail (MC_IS_STORE (store), NULL);
  return store->changes;
}

static gboolean
dispatch (gpointer data)
{
  McStoreChanges *self = data;
  g_autoptr(McChangeSet) set = NULL;

  g_mutex_lock (&self->lock);
  set = g_steal_pointer (&self->queued);
  g_clear_pointer (&self->idle, g_source_unref);
  g_mutex_unlock (&self->lock);
  if (set != NULL)
    g_signal_emit (self, signals[CHANGED], 0, set);
  return G_SOURCE_REMOVE;
}

/* From any thread: @set (taken) joins what waits for the main loop. Always through an idle
 * callback, even from the main thread: a commit's own statement is still running. */
static void
publish (McStoreChanges *self,
         McChangeSet    *set)
{
  g_mutex_lock (&self->lock);
  if (self->queued == NULL)
    self->queued = set;
  else
    {
      mc_change_set_merge (self->queued, set);
      mc_change_set_unref (set);
    }
  if (self->idle == NULL)
    {
      self->idle = g_idle_source_new ();
      g_source_set_priority (self->idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (self->idle, dispatch, g_object_ref (self), g_object_unref);
      g_source_set_static_name (self->idle, "[motcua] store changes");
      g_source_attach (self->idle, g_main_context_default ());
    }
  g_mutex_unlock (&self->lock);
}

/* A connection's record of its open transaction */

typedef enum
{
  CHILD_DOCUMENTS,
  CHILD_FEES,
  CHILD_SUPPLEMENTS,
  CHILD_RESULTS,
  CHILD_HISTORY,
  N_CHILDREN
} Child;

/* The tables the update hook names, and what a write to each changes. A child row is read
 * back after the commit for its dossier; one deleted by then is covered by its dossier's own
 * row, which every writer also touches. */
static const struct {
  const char *table;
  McChangeFlags flag;
  int child;
  const char *dossier_sql;
} tables[] = {
  { "dossiers", MC_CHANGE_DOSSIERS, -1, NULL },
  { "outbox", MC_CHANGE_OUTBOX, -1, NULL },
  { "documents", MC_CHANGE_DOSSIERS, CHILD_DOCUMENTS, "SELECT dossier_id FROM documents WHERE rowid = ?" },
  { "fees", MC_CHANGE_DOSSIERS, CHILD_FEES, "SELECT dossier_id FROM fees WHERE rowid = ?" },
  { "supplements", MC_CHANGE_DOSSIERS, CHILD_SUPPLEMENTS, "SELECT dossier_id FROM supplements WHERE rowid = ?" },
  { "results", MC_CHANGE_DOSSIERS, CHILD_RESULTS, "SELECT dossier_id FROM results WHERE rowid = ?" },
  { "history", MC_CHANGE_DOSSIERS, CHILD_HISTORY, "SELECT dossier_id FROM history WHERE rowid = ?" },
  { "settings", MC_CHANGE_SETTINGS, -1, NULL },
  { "calendar_days", MC_CHANGE_CALENDAR, -1, NULL },
  { "sources", MC_CHANGE_SOURCES, -1, NULL },
  { "sync_cursors", MC_CHANGE_SYNC, -1, NULL },
  { "sync_held", MC_CHANGE_SYNC, -1, NULL },
};

/* An outbox row that is new work: the sync engine has something to send that it never
 * tried. The push side's own writes (sending, a failed try, in doubt, done) leave rows tried,
 * so they never look new; a row the official queues again starts from no attempt. */
#define OUTBOX_ROW_SQL \
  "SELECT source_id, dossier_id, state = 'pending' AND attempts = 0 FROM outbox WHERE id = ?"
#define NEW_WORK_SQL \
  "SELECT id, source_id FROM outbox WHERE state = 'pending' AND attempts = 0"

typedef struct
{
  int child;
  gint64 rowid;
} ChildRow;

struct _McPendingChanges
{
  McChangeSet *set;          /* what is known already; NULL when nothing was written */
  GArray *children;          /* ChildRow */
  GArray *outbox_rows;       /* gint64 */
};

static McChangeSet *
pending_set (McPendingChanges *p)
{
  if (p->set == NULL)
    p->set = mc_change_set_new ();
  return p->set;
}

static void
pending_clear (McPendingChanges *p)
{
  g_clear_pointer (&p->set, mc_change_set_unref);
  g_array_set_size (p->children, 0);
  g_array_set_size (p->outbox_rows, 0);
}

static void
update_hook (void          *data,
             int            op,
             const char    *db_name,
             const char    *table,
             sqlite3_int64  rowid)
{
  McPendingChanges *p = ((McStore *) data)->pending;
  McChangeSet *set;

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      if (strcmp (table, tables[i].table) != 0)
        continue;
      set = pending_set (p);
      set->flags |= tables[i].flag;
      if (tables[i].flag == MC_CHANGE_DOSSIERS && tables[i].child < 0)
        mc_change_set_add_dossier (set, rowid);
      else if (tables[i].child >= 0 && !set->all_dossiers)
        {
          ChildRow row = { tables[i].child, rowid };

          if (p->children->len >= MAX_ROWS)
            mc_change_set_set_all_dossiers (set);
          else
            g_array_append_val (p->children, row);
        }
      else if (tables[i].flag == MC_CHANGE_OUTBOX && !set->all_outbox)
        {
          if (p->outbox_rows->len >= MAX_ROWS)
            mc_change_set_set_all_outbox (set);
          else
            g_array_append_val (p->outbox_rows, rowid);
        }
      return;
    }
}

static void
rollback_hook (void *data)
{
  pending_clear (((McStore *) data)->pending);
}

static void
resolve_children (McStore          *store,
                  McPendingChanges *p)
{
  McChangeSet *set = p->set;

  for (guint i = 0; i < p->children->len && !set->all_dossiers; i++)
    {
      ChildRow *row = &g_array_index (p->children, ChildRow, i);
      sqlite3_stmt *stmt = NULL;

      for (guint t = 0; t < G_N_ELEMENTS (tables) && stmt == NULL; t++)
        if (tables[t].child == row->child)
          stmt = mc_store_prepare (store, tables[t].dossier_sql, NULL);
      if (stmt == NULL)
        {
          mc_change_set_set_all_dossiers (set);
          break;
        }
      sqlite3_bind_int64 (stmt, 1, row->rowid);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        mc_change_set_add_dossier (set, sqlite3_column_int64 (stmt, 0));
      sqlite3_reset (stmt);
    }
}

/* The sources with new work, when the rows written are too many to read one by one. */
static void
add_all_new_work (McStore        *store,
                  McStoreChanges *changes,
                  McChangeSet    *set)
{
  sqlite3_stmt *stmt = mc_store_prepare (store, NEW_WORK_SQL, NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      mc_change_set_add_new_work (set, (const char *) sqlite3_column_text (stmt, 1));
      mc_id_set_add (changes->local_new_work, id);
    }
  if (stmt != NULL)
    sqlite3_reset (stmt);
}

static void
resolve_outbox (McStore          *store,
                McPendingChanges *p)
{
  McStoreChanges *changes = store->changes;
  McChangeSet *set = p->set;
  sqlite3_stmt *stmt = mc_store_prepare (store, OUTBOX_ROW_SQL, NULL);

  g_mutex_lock (&changes->lock);
  if (stmt == NULL)
    mc_change_set_set_all_outbox (set);
  for (guint i = 0; i < p->outbox_rows->len && !set->all_outbox; i++)
    {
      gint64 id = g_array_index (p->outbox_rows, gint64, i);

      sqlite3_bind_int64 (stmt, 1, id);
      if (sqlite3_step (stmt) != SQLITE_ROW)
        mc_change_set_set_all_outbox (set);   /* gone (a source removed with its outbox) */
      else
        {
          const char *source_id = (const char *) sqlite3_column_text (stmt, 0);

          mc_change_set_add_outbox (set, source_id, sqlite3_column_int64 (stmt, 1));
          if (sqlite3_column_int (stmt, 2))
            {
              mc_change_set_add_new_work (set, source_id);
              mc_id_set_add (changes->local_new_work, id);
            }
        }
      sqlite3_reset (stmt);
    }
  if (set->all_outbox)
    add_all_new_work (store, changes, set);
  g_mutex_unlock (&changes->lock);
}

/* Called by SQLite after a commit has taken place and released the write lock, so the
 * connection may read again; it also does what the WAL hook this replaces did (SQLite's
 * wal_autocheckpoint is a WAL hook too, see mc_store_set_autocheckpoint()). */
static int
wal_hook (void       *data,
          sqlite3    *db,
          const char *db_name,
          int         n_frames)
{
  McStore *store = data;
  McPendingChanges *p = store->pending;

  g_atomic_int_inc (&store->changes->local_commits);
  if (p->set != NULL)
    {
      resolve_children (store, p);
      if (p->set->flags & MC_CHANGE_OUTBOX)
        resolve_outbox (store, p);
      publish (store->changes, g_steal_pointer (&p->set));
    }
  pending_clear (p);
  if (store->autocheckpoint > 0 && n_frames >= store->autocheckpoint)
    sqlite3_wal_checkpoint (db, db_name);
  return SQLITE_OK;
}

/* Makes @store's connection announce its commits. Before the migrations, so that the commit
 * of opening is counted as this process's own. */
void
mc_store_changes_attach (McStore *store)
{
  store->changes = mc_store_changes_get (store->path);
  store->pending = g_new0 (McPendingChanges, 1);
  store->pending->children = g_array_new (FALSE, FALSE, sizeof (ChildRow));
  store->pending->outbox_rows = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_update_hook (store->db, update_hook, store);
  sqlite3_rollback_hook (store->db, rollback_hook, store);
  sqlite3_wal_hook (store->db, wal_hook, store);
}

void
mc_store_changes_detach (McStore *store)
{
  if (store->pending == NULL)
    return;
  if (store->db != NULL)
    {
      sqlite3_update_hook (store->db, NULL, NULL);
      sqlite3_rollback_hook (store->db, NULL, NULL);
      sqlite3_wal_hook (store->db, NULL, NULL);
    }
  pending_clear (store->pending);
  g_array_unref (store->pending->children);
  g_array_unref (store->pending->outbox_rows);
  g_clear_pointer (&store->pending, g_free);
  g_clear_object (&store->changes);
}

/* Other processes */

static gint64
read_data_version (McStoreChanges *self)
{
  gint64 version = -1;

  if (sqlite3_step (self->version_stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (self->version_stmt, 0);
  sqlite3_reset (self->version_stmt);
  return version;
}

/* Returns: the sources with new work that no commit of this process announced, sorted into
 * @set; forgets the announced rows that are no longer new. */
static gboolean
read_foreign_work (McStoreChanges *self,
                   McChangeSet    *set)
{
  g_autoptr(GHashTable) still = mc_id_set_new ();
  gboolean found = FALSE;

  g_mutex_lock (&self->lock);
  while (sqlite3_step (self->work_stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (self->work_stmt, 0);

      if (g_hash_table_contains (self->local_new_work, &id))
        mc_id_set_add (still, id);
      else
        {
          mc_change_set_add_new_work (set, (const char *) sqlite3_column_text (self->work_stmt, 1));
          found = TRUE;
        }
    }
  sqlite3_reset (self->work_stmt);
  g_hash_table_unref (self->local_new_work);
  self->local_new_work = g_steal_pointer (&still);
  g_mutex_unlock (&self->lock);
  return found;
}

static gboolean
poll_cb (gpointer data)
{
  McStoreChanges *self = data;
  int local = g_atomic_int_get (&self->local_commits);
  gboolean quiet = local == self->seen_local;
  gint64 version = read_data_version (self);
  McChangeSet *set = mc_change_set_new ();
  gboolean external = FALSE;

  if (version >= 0 && version != self->data_version)
    {
      self->data_version = version;
      /* New work that this process did not announce is another's, whatever else it wrote. */
      if (read_foreign_work (self, set) || quiet)
        external = TRUE;
      else
        self->suspect = TRUE;
    }
  else if (self->suspect && quiet)
    external = TRUE;
  self->seen_local = local;
  if (external)
    {
      self->suspect = FALSE;
      mc_change_set_set_external (set);
      publish (self, set);
    }
  else
    mc_change_set_unref (set);
  return G_SOURCE_CONTINUE;
}

/* The poll's connection on the file now at the path. A connection keeps reading the file it
 * opened: when the file is replaced (a training sandbox reset), it would watch the removed one,
 * and keep it open with every descriptor SQLite defers closing while another connection of the
 * process holds its locks. */
static void
open_poll (McStoreChanges *self)
{
  GStatBuf st;

  /* A connection of its own, never writing: the ones McStore opens write at open. */
  if (sqlite3_open_v2 (self->path, &self->poll_db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK
      || sqlite3_busy_timeout (self->poll_db, 200) != SQLITE_OK
      || sqlite3_prepare_v2 (self->poll_db, "PRAGMA data_version", -1, &self->version_stmt, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (self->poll_db, NEW_WORK_SQL, -1, &self->work_stmt, NULL) != SQLITE_OK)
    {
      g_warning ("Cannot watch %s for other programs' changes: %s", self->path, sqlite3_errmsg (self->poll_db));
      close_poll (self);
      return;
    }
  if (g_stat (self->path, &st) == 0)
    {
      self->poll_dev = st.st_dev;
      self->poll_ino = st.st_ino;
    }
  self->data_version = read_data_version (self);
  self->seen_local = g_atomic_int_get (&self->local_commits);
  self->suspect = FALSE;
  self->poll_id = g_timeout_add (POLL_MS, poll_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->poll_id), "[motcua] data_version");
}

static gboolean
poll_on_current_file (McStoreChanges *self)
{
  GStatBuf st;

  return self->poll_db != NULL && g_stat (self->path, &st) == 0
         && st.st_dev == self->poll_dev && st.st_ino == self->poll_ino;
}

/* Starts (or joins) watching the database for other processes' commits; in the main context,
 * one call of mc_store_changes_unwatch_others() each. A watcher joining after the file was
 * replaced moves the poll to the new file. */
void
mc_store_changes_watch_others (McStoreChanges *self)
{
  g_return_if_fail (MC_IS_STORE_CHANGES (self));

  if (self->watchers++ > 0 && poll_on_current_file (self))
    return;
  close_poll (self);
  open_poll (self);
}

void
mc_store_changes_unwatch_others (McStoreChanges *self)
{
  g_return_if_fail (MC_IS_STORE_CHANGES (self));
  g_return_if_fail (self->watchers > 0);

  if (--self->watchers == 0)
    close_poll (self);
}
