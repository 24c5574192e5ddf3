/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-store-outbox.h"
#include "model-test-util.h"
#include "sync-test-util.h"

/* An action leaves at once: the sync engine, started with no timer, pushes on the change
 * stream's new work alone — within a second of the commit, a burst in one run, an action
 * taken while the system is cut once it is back (applied once), and an action another
 * process (motcuactl) commits within three seconds. The simulator's counters say what was
 * applied; every wait is bounded by a condition. */

#define DIALECT MC_SIM_REST

typedef struct
{
  SyncFixture f;
  const char *source_id;
  McSyncEngine *engine;
  McSyncState state;
  guint runs;            /* syncs started since the counter was last reset */
  gint64 started_at;     /* monotonic, of the last start */
} Fixture;

static void
on_source_changed (McSyncEngine *engine,
                   const char   *id,
                   Fixture      *fx)
{
  McSyncProgress p;

  g_assert_true (mc_sync_engine_get_progress (engine, id, &p));
  if (p.state == MC_SYNC_STATE_SYNCING && fx->state != MC_SYNC_STATE_SYNCING)
    {
      fx->runs++;
      fx->started_at = g_get_monotonic_time ();
    }
  fx->state = p.state;
}

static gboolean
idle_after_success (gpointer data)
{
  Fixture *fx = data;
  McSyncProgress p;

  return mc_sync_engine_get_progress (fx->engine, fx->source_id, &p) && p.state == MC_SYNC_STATE_IDLE
         && p.last_success > 0 && fx->runs > 0;
}

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  sync_fixture_setup (&fx->f, 300, 1u << DIALECT);
  fx->source_id = mc_sim_dialect_source_id (DIALECT);
  fx->engine = sync_fixture_engine (&fx->f, 1u << DIALECT);
  /* No timer: only the start, the change stream and the backoff's retries sync. */
  mc_sync_engine_set_interval (fx->engine, 0);
  mc_sync_engine_set_max_backoff (fx->engine, 2);
  g_signal_connect (fx->engine, "source-changed", G_CALLBACK (on_source_changed), fx);
  mc_sync_engine_start (fx->engine);
  g_assert_true (model_test_wait (idle_after_success, fx, 30000));
  fx->runs = 0;
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  mc_sync_engine_stop (fx->engine);
  g_clear_object (&fx->engine);
  model_test_drain ();
  sync_fixture_teardown (&fx->f);
}

static McOutboxEntry *
entry_of (Fixture *fx,
          gint64   dossier_id)
{
  McOutboxFilter filter = { .dossier_id = dossier_id, .state = -1 };
  g_autoptr(GPtrArray) entries = mc_store_outbox_list (fx->f.store, &filter, NULL);

  g_assert_cmpuint (entries->len, ==, 1);
  return g_ptr_array_steal_index (entries, 0);
}

typedef struct
{
  Fixture *fx;
  GArray *ids;
} Applied;

static gboolean
all_applied (gpointer data)
{
  Applied *a = data;

  for (guint i = 0; i < a->ids->len; i++)
    {
      g_autoptr(McOutboxEntry) e = entry_of (a->fx, g_array_index (a->ids, gint64, i));
      g_autoptr(McDossier) d = mc_store_get_dossier (a->fx->f.store, e->dossier_id, NULL);

      if (sync_applied_count (&a->fx->f, DIALECT, e, d->number) == 0)
        return FALSE;
    }
  return TRUE;
}

static void
assert_applied_once (Fixture *fx,
                     GArray  *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McOutboxEntry) e = entry_of (fx, g_array_index (ids, gint64, i));
      g_autoptr(McDossier) d = mc_store_get_dossier (fx->f.store, e->dossier_id, NULL);

      g_assert_cmpuint (sync_applied_count (&fx->f, DIALECT, e, d->number), ==, 1);
    }
}

static gboolean
run_started (gpointer data)
{
  return ((Fixture *) data)->runs > 0;
}

static gboolean
settled (gpointer data)
{
  Fixture *fx = data;

  return fx->state == MC_SYNC_STATE_IDLE && fx->runs > 0;
}

static gint64
act (Fixture *fx)
{
  McAction action;
  gint64 id = model_test_pick (fx->f.store, fx->source_id, &action, NULL);

  model_test_act (fx->f.store, id, action);
  return id;
}

/* One action on a reachable system: the push starts within a second, with no timer or
 * button; afterwards the engine rests (its own writes are not new work). */
static void
test_at_once (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Applied applied = { fx, ids };
  gint64 committed;
  gint64 id = act (fx);

  committed = g_get_monotonic_time ();
  g_array_append_val (ids, id);
  g_assert_true (model_test_wait (run_started, fx, 1000));
  g_test_message ("push started %" G_GINT64_FORMAT " ms after the commit", (fx->started_at - committed) / 1000);
  g_assert_true (model_test_wait (all_applied, &applied, 10000));
  g_test_message ("applied %" G_GINT64_FORMAT " ms after the commit", (g_get_monotonic_time () - committed) / 1000);
  g_assert_true (model_test_wait (settled, fx, 10000));
  assert_applied_once (fx, ids);

  fx->runs = 0;
  g_assert_false (model_test_wait (run_started, fx, 2500));
}

/* Five actions in a burst go in one run. */
static void
test_burst (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Applied applied = { fx, ids };
  McSyncProgress p;

  for (guint i = 0; i < 5; i++)
    {
      gint64 id = act (fx);

      g_array_append_val (ids, id);
    }
  g_assert_true (model_test_wait (all_applied, &applied, 10000));
  g_assert_true (model_test_wait (settled, fx, 10000));
  g_assert_cmpuint (fx->runs, ==, 1);
  g_assert_true (mc_sync_engine_get_progress (fx->engine, fx->source_id, &p));
  g_assert_cmpuint (p.sent, ==, 5);
  assert_applied_once (fx, ids);
}

static void
set_outage (Fixture  *fx,
            gboolean  outage)
{
  sync_fixture_control (&fx->f, "faults", "{\"dialect\":\"%s\",\"outage\":%d}", mc_sim_dialect_name (DIALECT), outage);
}

static gboolean
settled_offline (gpointer data)
{
  return ((Fixture *) data)->state == MC_SYNC_STATE_OFFLINE;
}

/* Taken while the system is cut: it tries, fails, and goes once the system answers again
 * (here the backoff's retry is the request that succeeds); applied exactly once. */
static void
test_offline (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Applied applied = { fx, ids };
  gint64 id;

  set_outage (fx, TRUE);
  id = act (fx);
  g_array_append_val (ids, id);
  g_assert_true (model_test_wait (settled_offline, fx, 10000));
  g_assert_false (all_applied (&applied));
  set_outage (fx, FALSE);
  g_assert_true (model_test_wait (all_applied, &applied, 20000));
  g_assert_true (model_test_wait (settled, fx, 10000));
  assert_applied_once (fx, ids);
}

/* Another process commits the action (motcuactl act while this engine runs): sent within
 * three seconds. */
static void
test_other_process (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  Applied applied = { fx, ids };
  g_autofree char *number = NULL;
  McAction action;
  gint64 id = model_test_pick (fx->f.store, fx->source_id, &action, &number);
  gint64 committed;

  g_array_append_val (ids, id);
  model_test_motcuactl_act (fx->f.dir, number, action);
  committed = g_get_monotonic_time ();
  g_assert_true (model_test_wait (all_applied, &applied, 3000));
  g_test_message ("another process's action applied %" G_GINT64_FORMAT " ms after it returned",
                  (g_get_monotonic_time () - committed) / 1000);
  g_assert_true (model_test_wait (settled, fx, 10000));
  assert_applied_once (fx, ids);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/push-soon/at-once", test_at_once);
  ADD ("/push-soon/burst", test_burst);
  ADD ("/push-soon/offline", test_offline);
  ADD ("/push-soon/other-process", test_other_process);
#undef ADD
  return g_test_run ();
}
