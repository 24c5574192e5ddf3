/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "sync-test-util.h"

/* Crash safety of the push side. Actions are committed locally, then a child process (this
 * program, "--child") pushes them to the five dialects and is killed with SIGKILL at a random
 * moment: before, while or after it marks a row "sending", sends it, gets (or loses) the
 * answer, marks it done, renumbers an intake. After each kill the store passes
 * integrity_check and the audit chain verifies; after a last, uninterrupted sync every action
 * committed locally was applied on the simulator exactly once (its counters), and each touched
 * dossier is, locally, what its system has. The simulator runs in this process, so its state
 * outlives every child. 30 runs by default, 150 in the slow suite (-m slow). */

static void
test_kill_during_push (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  guint killed_runs = g_test_slow () ? 150 : 30;
  guint runs = 0, kills = 0;
  gint64 span = 100000;                              /* µs, until measured */

  sync_fixture_setup (&f, 500, MC_SIM_ALL_DIALECTS);
  {
    /* The initial pull, here; the engine goes before any child (it would hold the push lock). */
    g_autoptr(McSyncEngine) engine = sync_fixture_engine (&f, MC_SIM_ALL_DIALECTS);

    g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"latency_ms\":2}", mc_sim_dialect_name (i));

  /* Until that many children were killed (some finish before their kill). */
  for (guint run = 0; kills < killed_runs; run++, runs++)
    {
      g_autoptr(GSubprocess) child = NULL;
      /* Every fifth run is not killed: it measures how long a push takes now, so that the
       * kills of the next ones land anywhere inside one. */
      gboolean calibrate = run % 5 == 0;
      guint n = 2 + g_test_rand_int_range (0, 4);
      gint64 started = 0;

      g_assert_cmpuint (run, <, killed_runs * 4);

      for (guint k = 0; k < n; k++)
        {
          McSimDialect dialect = g_test_rand_int_range (0, MC_SIM_N_DIALECTS);

          if (g_test_rand_int_range (0, 8) == 0)
            sync_intake (&f, dialect);
          else
            sync_random_action (&f, dialect);
        }
      if (g_test_rand_int_range (0, 4) == 0)
        sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":1}",
                              mc_sim_dialect_name (g_test_rand_int_range (0, MC_SIM_N_DIALECTS)));

      child = sync_spawn_child (&f, MC_SIM_ALL_DIALECTS, 0);
      started = g_get_monotonic_time ();
      if (calibrate)
        {
          g_assert_true (g_subprocess_wait_check (child, NULL, &error));
          g_assert_no_error (error);
          span = MAX (g_get_monotonic_time () - started, 5000);
        }
      else
        {
          /* The push comes first, then the pull: most kills within the first part. */
          g_usleep (g_test_rand_int_range (0, span * 3 / 4));
          g_subprocess_send_signal (child, SIGKILL);
          g_subprocess_wait (child, NULL, NULL);
          kills += g_subprocess_get_if_signaled (child);
        }
      sync_assert_consistent (&f);
      {
        g_autoptr(GPtrArray) all = mc_store_outbox_list (f.store, NULL, NULL);
        guint by_state[MC_OUTBOX_N_STATES] = { 0 };

        for (guint i = 0; i < all->len; i++)
          by_state[((McOutboxEntry *) g_ptr_array_index (all, i))->state]++;
        g_test_message ("run %u%s: %u pending, %u sending, %u in doubt, %u done (a push takes %lld ms)", run,
                        calibrate ? " (not killed)" : "", by_state[MC_OUTBOX_PENDING], by_state[MC_OUTBOX_SENDING],
                        by_state[MC_OUTBOX_IN_DOUBT], by_state[MC_OUTBOX_DONE], (long long) span / 1000);
      }
    }
  g_test_message ("%u runs, %u killed", runs, kills);

  /* Restart, uninterrupted: what was in doubt is settled, the rest sent. */
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":0}", mc_sim_dialect_name (i));
  {
    g_autoptr(GSubprocess) child = sync_spawn_child (&f, MC_SIM_ALL_DIALECTS, 0);

    g_assert_true (g_subprocess_wait_check (child, NULL, &error));
    g_assert_no_error (error);
  }
  sync_assert_consistent (&f);

  rows = mc_store_outbox_list (f.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, >=, runs * 2);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);
      g_autoptr(McDossier) mine = mc_store_get_dossier (f.store, e->dossier_id, NULL);
      g_autoptr(McDossier) theirs = NULL;
      McSimDialect dialect;

      g_assert_true (mc_sim_dialect_from_name (e->source_id, &dialect));
      g_test_message ("%s %s %s: %s, %d attempts", e->source_id, e->dossier_number, e->action,
                      mc_outbox_state_id (e->state), e->attempts);
      g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "done");
      g_assert_cmpuint (sync_applied_count (&f, dialect, e, mine->number), ==, 1);
      theirs = mc_sim_get_dossier (f.sim, dialect, mine->number);
      g_assert_nonnull (theirs);
      g_assert_cmpint (mine->status, ==, theirs->status);
    }
  sync_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int child = sync_test_init (&argc, &argv);

  if (child >= 0)
    return child;
  g_test_add_func ("/sync/push/kill", test_kill_during_push);
  return g_test_run ();
}
