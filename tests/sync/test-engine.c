/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-store-private.h"
#include "mc-time.h"
#include "sync-test-util.h"

/* The sync engine's pull side against the simulator: sources independent of each other,
 * states, full resync after 410 keeping local work, backoff and Retry-After. */

static McSyncState
state_of (McSyncEngine *engine,
          const char   *source_id)
{
  McSyncProgress p;

  g_assert_true (mc_sync_engine_get_progress (engine, source_id, &p));
  return p.state;
}

static void
test_all_sources (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) ids = NULL;

  /* Enough for two pages of 50 in the quietest queues (culture and religion receive about
   * one dossier in twenty of a commune's). */
  sync_fixture_setup (&f, 2000, MC_SIM_ALL_DIALECTS);
  engine = sync_fixture_engine (&f, MC_SIM_ALL_DIALECTS);
  ids = mc_sync_engine_list_sources (engine);
  g_assert_cmpuint (g_strv_length (ids), ==, 5);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSyncProgress p;

      sync_assert_matches (&f, i);
      g_assert_true (mc_sync_engine_get_progress (engine, mc_sim_dialect_source_id (i), &p));
      g_assert_cmpint (p.state, ==, MC_SYNC_STATE_IDLE);
      g_assert_cmpuint (p.pages, >=, 2);
      g_assert_cmpuint (p.inserted, ==, p.dossiers);
      g_assert_cmpint (p.last_success, >, 0);
      g_assert_null (p.message);
    }
  /* Again with nothing new: one request per source. */
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSyncProgress p;

      g_assert_true (mc_sync_engine_get_progress (engine, mc_sim_dialect_source_id (i), &p));
      g_assert_cmpuint (p.requests, ==, 1);
      g_assert_cmpuint (p.inserted + p.updated, ==, 0);
    }
  g_assert_true (mc_store_integrity_check (f.store, &error));
  sync_fixture_teardown (&f);
}

/* A source added to a new engine (the next start) shows when it last synced, as stored,
 * before its first sync runs: the window says "synced at …", not "first sync". */
static void
test_last_success_at_start (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = mc_sim_dialect_source_id (MC_SIM_REST);
  McSyncProgress p;

  sync_fixture_setup (&f, 20, 1u << MC_SIM_REST);
  g_assert_true (mc_store_sync_mark_success (f.store, id, 1690000000, &error));
  g_assert_no_error (error);
  engine = sync_fixture_engine (&f, 1u << MC_SIM_REST);
  g_assert_true (mc_sync_engine_get_progress (engine, id, &p));
  g_assert_cmpint (p.state, ==, MC_SYNC_STATE_IDLE);
  g_assert_cmpint (p.last_success, ==, 1690000000);
  /* Its first sync then replaces it. */
  g_assert_true (sync_engine_run (engine, id, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (mc_sync_engine_get_progress (engine, id, &p));
  g_assert_cmpint (p.last_success, ==, mc_time_now ());
  sync_assert_matches (&f, MC_SIM_REST);
  sync_fixture_teardown (&f);
}

/* One ministry down, another failing, a third refusing the password: the others sync, and
 * each failure is reported as its own, naming its ministry by its name: no source id, no HTTP
 * status (the official reads it). */
static void
test_one_source_down (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSource) bad = NULL;
  g_autoptr(GHashTable) wrong = sync_test_secrets ("sai-mat-khau");

  sync_fixture_setup (&f, 400, MC_SIM_ALL_DIALECTS);
  engine = sync_fixture_engine (&f, MC_SIM_ALL_DIALECTS & ~(1u << MC_SIM_FEED));
  bad = sync_fixture_source (&f, MC_SIM_FEED);
  g_assert_true (mc_sync_engine_add_source (engine, bad, wrong, &error));
  sync_fixture_control (&f, "faults", "{\"dialect\":\"lgsp\",\"outage\":true}");
  sync_fixture_control (&f, "faults", "{\"dialect\":\"legacy\",\"endpoint_errors\":{\"/HoSo/\":1}}");

  g_assert_false (sync_engine_run (engine, NULL, FALSE, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Nội vụ: "));
  g_assert_nonnull (strstr (error->message, "Dân tộc và Tôn giáo: "));
  g_assert_nonnull (strstr (error->message, "Y tế: "));
  g_assert_null (strstr (error->message, "Giáo dục và Đào tạo"));
  g_assert_null (strstr (error->message, "sai-mat-khau"));
  g_assert_null (strstr (error->message, "HTTP"));
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSyncProgress p;

      g_assert_null (strstr (error->message, mc_sim_dialect_source_id (i)));
      g_assert_null (strstr (error->message, mc_sim_dialect_name (i)));
      /* Each source's own message, read under its name, does not repeat it. */
      if (mc_sync_engine_get_progress (engine, mc_sim_dialect_source_id (i), &p) && p.message != NULL)
        {
          g_assert_null (strstr (p.message, mc_sim_dialect_source_id (i)));
          g_assert_null (strstr (p.message, "HTTP"));
        }
    }
  g_clear_error (&error);

  g_assert_cmpint (state_of (engine, "g09"), ==, MC_SYNC_STATE_OFFLINE);
  g_assert_cmpint (state_of (engine, "g21"), ==, MC_SYNC_STATE_ERROR);
  g_assert_cmpint (state_of (engine, "g18"), ==, MC_SYNC_STATE_SIGN_IN_NEEDED);
  g_assert_cmpint (state_of (engine, "g03"), ==, MC_SYNC_STATE_IDLE);
  g_assert_cmpint (state_of (engine, "g16"), ==, MC_SYNC_STATE_IDLE);
  sync_assert_matches (&f, MC_SIM_DVCQG);
  sync_assert_matches (&f, MC_SIM_REST);
  g_assert_cmpint (sync_count (&f, "g09"), ==, 0);

  /* Back up: the next pass catches up. */
  sync_fixture_control (&f, "faults", "{\"dialect\":\"lgsp\",\"outage\":false}");
  sync_fixture_control (&f, "faults", "{\"dialect\":\"legacy\",\"endpoint_errors\":{}}");
  g_assert_true (sync_engine_run (engine, "g09", FALSE, &error));
  g_assert_true (sync_engine_run (engine, "g21", FALSE, &error));
  g_assert_no_error (error);
  sync_assert_matches (&f, MC_SIM_LGSP);
  sync_assert_matches (&f, MC_SIM_LEGACY);
  sync_fixture_teardown (&f);
}

static gint64
dossier_id (SyncFixture *f,
            const char  *source_id,
            const char  *number)
{
  g_autoptr(McDossier) d = sync_stored (f, source_id, number);

  g_assert_nonnull (d);
  return d->id;
}

static void
add_pending_action (SyncFixture *f,
                    const char  *source_id,
                    gint64       id)
{
  g_autofree char *sql = g_strdup_printf (
    "INSERT INTO outbox (uuid, source_id, dossier_id, action, payload, state, created_at, updated_at)"
    " VALUES ('%s-local', '%s', %" G_GINT64_FORMAT ", 'forward', '{}', 'pending', 1, 1)",
    source_id, source_id, id);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_exec (f->store, sql, &error));
  g_assert_no_error (error);
}

static gint64
count_rows (SyncFixture *f,
            const char  *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (f->store->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* 410: everything is read again; local work (the outbox, and the dossier it acts on) stays. */
static void
test_cursor_expired (gconstpointer data)
{
  McSimDialect dialect = GPOINTER_TO_UINT (data);
  const char *source_id = mc_sim_dialect_source_id (dialect);
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autoptr(McDossier) local = NULL;
  McDossier *mine = NULL, *theirs = NULL;
  McSyncProgress p;
  gint64 id;

  sync_fixture_setup (&f, 400, 1u << dialect);
  engine = sync_fixture_engine (&f, 1u << dialect);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);

  served = mc_sim_list_dossiers (f.sim, dialect);
  for (guint i = 0; i < served->len && (mine == NULL || theirs == NULL); i++)
    {
      McDossier *d = g_ptr_array_index (served, i);

      if (d->status == MC_STATUS_PROCESSING && mine == NULL)
        mine = d;
      else if (d->status == MC_STATUS_PROCESSING && theirs == NULL)
        theirs = d;
    }
  g_assert_nonnull (mine);
  g_assert_nonnull (theirs);
  id = dossier_id (&f, source_id, mine->number);
  add_pending_action (&f, source_id, id);

  /* Another official changes both; new submissions arrive; then every cursor expires. */
  sync_fixture_control (&f, "change", "{\"dialect\":\"%s\",\"number\":\"%s\",\"status\":9}", mc_sim_dialect_name (dialect), mine->number);
  sync_fixture_control (&f, "change", "{\"dialect\":\"%s\",\"number\":\"%s\",\"status\":9}", mc_sim_dialect_name (dialect), theirs->number);
  sync_fixture_control (&f, "tick", "{\"submissions\":4,\"advance\":60}");
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"expire_cursors\":true}", mc_sim_dialect_name (dialect));

  /* Dialects without cursor expiry: the periodic reconciliation does the same full walk. */
  g_assert_true (sync_engine_run (engine, NULL, dialect != MC_SIM_REST && dialect != MC_SIM_FEED, &error));
  g_assert_no_error (error);
  g_assert_true (mc_sync_engine_get_progress (engine, source_id, &p));
  g_assert_true (p.full);
  g_assert_cmpuint (p.held, ==, 1);

  /* The outbox row (pushed first: stale now, so parked for the official) and the dossier's
   * local state are intact; the server's change is held. */
  g_assert_cmpint (count_rows (&f, "SELECT count(*) FROM outbox WHERE state NOT IN ('done', 'discarded')"), ==, 1);
  local = mc_store_get_dossier (f.store, id, &error);
  g_assert_cmpint (local->status, ==, MC_STATUS_PROCESSING);
  g_assert_cmpint (count_rows (&f, "SELECT count(*) FROM sync_held"), ==, 1);
  {
    g_autoptr(McDossier) other = sync_stored (&f, source_id, theirs->number);

    g_assert_cmpint (other->status, ==, MC_STATUS_RESOLVED);
  }
  g_assert_cmpint (sync_count (&f, source_id), ==, served->len + 4);
  g_assert_true (mc_store_integrity_check (f.store, &error));
  sync_fixture_teardown (&f);
}

typedef struct
{
  McSyncEngine *engine;
  const char *source_id;
  guint failures;
  gint64 first_failure;
  gint64 succeeded;
  guint retry_after_seen;
} Watch;

static void
source_changed (McSyncEngine *engine,
                const char   *source_id,
                Watch        *w)
{
  McSyncProgress p;

  if (!g_str_equal (source_id, w->source_id))
    return;
  g_assert_true (mc_sync_engine_get_progress (engine, source_id, &p));
  if (p.state == MC_SYNC_STATE_OFFLINE || p.state == MC_SYNC_STATE_ERROR)
    {
      if (w->failures++ == 0)
        w->first_failure = g_get_monotonic_time ();
      g_assert_cmpint (p.retry_at, >, 0);
      g_assert_nonnull (p.message);
    }
  else if (p.state == MC_SYNC_STATE_IDLE && p.dossiers > 0)
    w->succeeded = g_get_monotonic_time ();
}

/* Automatic mode: a 429 is retried, and not before its Retry-After. */
static void
test_retry_after (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  Watch w = { .source_id = "g16" };

  sync_fixture_setup (&f, 200, 1u << MC_SIM_REST);
  engine = sync_fixture_engine (&f, 1u << MC_SIM_REST);
  mc_sync_engine_set_max_backoff (engine, 1);
  g_signal_connect (engine, "source-changed", G_CALLBACK (source_changed), &w);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"rest\",\"rate_limit\":1,\"retry_after\":2}");
  mc_sync_engine_start (engine);
  while (w.succeeded == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (w.failures, ==, 1);
  /* The backoff alone would be 1 s: the server's 2 s win. */
  g_assert_cmpint (w.succeeded - w.first_failure, >=, 2 * G_USEC_PER_SEC - 100000);
  sync_assert_matches (&f, MC_SIM_REST);
  mc_sync_engine_stop (engine);
  sync_fixture_teardown (&f);
}

/* Automatic mode: an outage is retried with backoff until the system is back. */
static void
test_backoff_until_back (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  Watch w = { .source_id = "g09" };

  sync_fixture_setup (&f, 200, (1u << MC_SIM_LGSP) | (1u << MC_SIM_FEED));
  engine = sync_fixture_engine (&f, (1u << MC_SIM_LGSP) | (1u << MC_SIM_FEED));
  mc_sync_engine_set_max_backoff (engine, 1);
  g_signal_connect (engine, "source-changed", G_CALLBACK (source_changed), &w);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"lgsp\",\"outage\":true}");
  mc_sync_engine_start (engine);
  while (w.failures < 3)
    g_main_context_iteration (NULL, TRUE);
  /* The other source never waited for this one. */
  g_assert_cmpint (state_of (engine, "g18"), ==, MC_SYNC_STATE_IDLE);
  sync_assert_matches (&f, MC_SIM_FEED);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"lgsp\",\"outage\":false}");
  while (w.succeeded == 0)
    g_main_context_iteration (NULL, TRUE);
  sync_assert_matches (&f, MC_SIM_LGSP);
  mc_sync_engine_stop (engine);
  sync_fixture_teardown (&f);
}

typedef struct
{
  guint runs;
  SyncFixture *f;
} Timer;

static void
count_runs (McSyncEngine *engine,
            const char   *source_id,
            Timer        *t)
{
  McSyncProgress p;

  mc_sync_engine_get_progress (engine, source_id, &p);
  if (p.state == MC_SYNC_STATE_IDLE && p.last_success > 0)
    t->runs++;
}

/* Automatic mode: start-up syncs at once, then the timer again and again; what arrived on the
 * server in between is pulled. */
static void
test_timer (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  Timer t = { 0, &f };

  sync_fixture_setup (&f, 200, 1u << MC_SIM_DVCQG);
  engine = sync_fixture_engine (&f, 1u << MC_SIM_DVCQG);
  mc_sync_engine_set_interval (engine, 1);
  g_signal_connect (engine, "source-changed", G_CALLBACK (count_runs), &t);
  mc_sync_engine_start (engine);
  while (t.runs < 1)
    g_main_context_iteration (NULL, TRUE);
  sync_fixture_control (&f, "tick", "{\"submissions\":3,\"actions\":3,\"advance\":30}");
  while (t.runs < 3)
    g_main_context_iteration (NULL, TRUE);
  sync_assert_matches (&f, MC_SIM_DVCQG);
  mc_sync_engine_stop (engine);
  sync_fixture_teardown (&f);
}

/* The main loop keeps running while a large page is parsed and written in a worker. */
static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

static void
test_main_loop_free (void)
{
  SyncFixture f;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  guint ticks = 0;
  guint id;
  gint64 start;

  sync_fixture_setup (&f, 5000, 1u << MC_SIM_FEED);
  engine = sync_fixture_engine (&f, 1u << MC_SIM_FEED);
  mc_sync_engine_set_page_size (engine, 1000);
  id = g_timeout_add (10, tick_cb, &ticks);
  start = g_get_monotonic_time ();
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_source_remove (id);
  /* 10 ms ticks: at least a third of them ran while the sync went on. */
  g_assert_cmpuint (ticks, >=, (g_get_monotonic_time () - start) / 10000 / 3);
  sync_assert_matches (&f, MC_SIM_FEED);
  sync_fixture_teardown (&f);
}

/* How many descriptors this process holds on @path. SQLite keeps those of a closed connection
 * open while another connection of the process uses the file, so only none is telling. */
static guint
count_open (const char *path)
{
  g_autofree char *real = realpath (path, NULL);
  g_autoptr(GDir) fds = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (real);
  g_assert_nonnull (fds);
  while ((name = g_dir_read_name (fds)) != NULL)
    {
      g_autofree char *fd = g_build_filename ("/proc/self/fd", name, NULL);
      g_autofree char *target = g_file_read_link (fd, NULL);

      n += g_strcmp0 (target, real) == 0;
    }
  return n;
}

/* The engine's connections end with it: once a sync of every source has been reported, the
 * owner's last reference finalizes the engine at once, in the owner's thread, and closes
 * every connection the syncs opened. None is left to a worker thread, which a process that
 * exits next never lets finish: what the sync wrote then stayed in the WAL, beside a database
 * file that a copy of the file alone showed damaged. */
static void
test_released (void)
{
  SyncFixture f;
  McSyncEngine *engine;
  gpointer alive;
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;

  sync_fixture_setup (&f, 400, MC_SIM_ALL_DIALECTS);
  wal = g_strconcat (f.db_path, "-wal", NULL);
  alive = engine = sync_fixture_engine (&f, MC_SIM_ALL_DIALECTS);
  g_object_add_weak_pointer (G_OBJECT (engine), &alive);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_object_unref (engine);
  g_assert_null (alive);
  /* The test's own connection, the last one: closing it checkpoints the WAL and removes it. */
  g_clear_object (&f.store);
  g_assert_cmpuint (count_open (f.db_path), ==, 0);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  sync_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MC_NOW", "1700000000", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sync/engine/all-sources", test_all_sources);
  g_test_add_func ("/sync/engine/one-source-down", test_one_source_down);
  g_test_add_func ("/sync/engine/last-success-at-start", test_last_success_at_start);
  g_test_add_data_func ("/sync/engine/cursor-expired/rest", GUINT_TO_POINTER (MC_SIM_REST), test_cursor_expired);
  g_test_add_data_func ("/sync/engine/cursor-expired/feed", GUINT_TO_POINTER (MC_SIM_FEED), test_cursor_expired);
  g_test_add_data_func ("/sync/engine/full-resync/lgsp", GUINT_TO_POINTER (MC_SIM_LGSP), test_cursor_expired);
  g_test_add_func ("/sync/engine/retry-after", test_retry_after);
  g_test_add_func ("/sync/engine/backoff", test_backoff_until_back);
  g_test_add_func ("/sync/engine/main-loop-free", test_main_loop_free);
  g_test_add_func ("/sync/engine/timer", test_timer);
  g_test_add_func ("/sync/engine/released", test_released);
  return g_test_run ();
}
