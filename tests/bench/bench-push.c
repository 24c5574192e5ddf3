/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "gui-test-util.h"
#include "mc-sample.h"
#include "mc-sim.h"
#include "mc-store-outbox.h"
#include "mc-store-sync.h"
#include "mc-window-private.h"
#include "model-test-util.h"
#include "sync-test-util.h"

/* An action leaves at once: the time from an action's commit, taken in the real window as the
 * official takes it (its dialog applied), to the simulator over loopback counting it applied,
 * with nothing but the change stream to start the push (the engine has no timer here).
 * Fifty actions, one after another, each once the engine has settled from the last; the
 * median and the longest against 300 ms and one second.
 *
 *   bench-push --profile DIR [--actions N]
 *
 *   bench-push --profile DIR --prime
 *
 * A profile is made (push-bench.sh) by `motcuactl init-sample --dossiers 0` (the ministry
 * systems), a first sync from this simulator (--prime: the dossiers it serves, with its
 * versions and cursors; the same seed and the pinned MC_NOW give the same data every run), and
 * `motcuactl init-sample` again for the rest of the million, which the simulator never
 * serves: the window's engine pulls incrementally and sweeps nothing. Each run works on a
 * copy. */

#define SERVED 2000
#define MEDIAN_MS 300
#define MAX_MS 1000

static struct {
  McSim *sim;
  McApplication *app;
  McWindow *window;
  McSyncEngine *engine;
} fx;

/* The first sync of a profile from the simulator: its dossiers with the versions the
 * simulator serves, and the cursors, so that a later engine pulls incrementally. */
static void
prime (const char *profile)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (profile, "motcua.db", NULL);
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_autoptr(McSyncEngine) engine = NULL;

  g_assert_no_error (error);
  engine = model_test_setup_engine (store, fx.sim);
  if (!sync_engine_run (engine, NULL, FALSE, &error))
    g_error ("the first sync failed: %s", error->message);
  /* For push-bench.sh: how many dossiers the profile has now. */
  printf ("%" G_GINT64_FORMAT "\n", mc_store_count (store, NULL, NULL));
}

static gboolean
settled (gpointer data)
{
  GStrv ids = mc_sync_engine_list_sources (fx.engine);
  gboolean all = TRUE;

  for (guint i = 0; ids[i] != NULL && all; i++)
    {
      McSyncProgress p;

      all = mc_sync_engine_get_progress (fx.engine, ids[i], &p) && p.state != MC_SYNC_STATE_SYNCING
            && p.last_success > 0;
    }
  g_strfreev (ids);
  return all;
}

typedef struct
{
  gint64 id;
  McAction action;
} Target;

/* The dossiers the simulator serves, none acted on yet, with a step on each that needs
 * nothing typed: the five systems in turn, so that every connector pushes. Listed once, before
 * the first action: the simulator moves a dossier it changes to the end of its list, and a walk
 * by position skipped one dossier per action. Nine in ten of what the systems serve are long
 * returned; of SERVED, about sixty are still open. */
static GArray *
list_targets (McStore *store)
{
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (Target));
  GPtrArray *served[MC_SIM_N_DIALECTS];
  guint longest = 0;

  for (guint d = 0; d < MC_SIM_N_DIALECTS; d++)
    {
      served[d] = mc_sim_list_dossiers (fx.sim, d);
      longest = MAX (longest, served[d]->len);
    }
  for (guint k = 0; k < longest; k++)
    for (guint d = 0; d < MC_SIM_N_DIALECTS; d++)
      {
        McOutboxFilter filter = { .state = -1 };
        g_autoptr(GPtrArray) acted = NULL;
        g_autoptr(GArray) allowed = NULL;

        if (k >= served[d]->len)
          continue;
        filter.dossier_id = mc_store_find_number (store, ((McDossier *) g_ptr_array_index (served[d], k))->number, NULL);
        if (filter.dossier_id <= 0 || !(acted = mc_store_outbox_list (store, &filter, NULL)) || acted->len > 0)
          continue;
        allowed = mc_store_actions_allowed (store, filter.dossier_id, NULL);
        for (guint i = 0; allowed != NULL && i < allowed->len; i++)
          if (mc_action_needs (g_array_index (allowed, McAction, i)) == 0)
            {
              Target t = { filter.dossier_id, g_array_index (allowed, McAction, i) };

              g_array_append_val (targets, t);
              break;
            }
      }
  for (guint d = 0; d < MC_SIM_N_DIALECTS; d++)
    g_ptr_array_unref (served[d]);
  return targets;
}

typedef struct
{
  char *key;
} Applied;

static gboolean
applied (gpointer data)
{
  return mc_sim_get_action_count (fx.sim, ((Applied *) data)->key) > 0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *profile = NULL;
  g_autofree char *path = NULL;
  int n_actions = 50;
  gboolean priming = FALSE;
  GOptionEntry options[] = {
    { "prime", 0, 0, G_OPTION_ARG_NONE, &priming, "Sync the profile from the simulator once, and quit", NULL },
    { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile, "A profile made by motcuactl init-sample (it is changed)", "DIR" },
    { "actions", 0, 0, G_OPTION_ARG_INT, &n_actions, "How many actions", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) targets = NULL;
  McStore *store;
  gint64 n_dossiers;
  double median, max;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_option_context_add_main_entries (context, options, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || profile == NULL)
    {
      fprintf (stderr, "usage: bench-push --profile DIR [--actions N]\n");
      return 2;
    }
  if (!mc_test_init_display (&argc, &argv))
    return 0;

  fx.sim = mc_sim_new (MC_SAMPLE_DEFAULT_SEED, SERVED, MC_SIM_ALL_DIALECTS);
  g_assert_true (mc_sim_start (fx.sim, 0, &error));
  g_assert_no_error (error);
  if (priming)
    {
      prime (profile);
      mc_sim_stop (fx.sim);
      g_clear_object (&fx.sim);
      return 0;
    }
  fx.window = mc_test_open_window (&fx.app, profile);
  store = mc_window_get_store (fx.window);
  n_dossiers = mc_store_count (store, NULL, NULL);
  fx.engine = model_test_setup_engine (store, fx.sim);
  mc_sync_engine_set_interval (fx.engine, 0);
  mc_window_set_sync_engine (fx.window, fx.engine);
  mc_sync_engine_start (fx.engine);
  if (!mc_test_wait (settled, NULL, 120000))
    g_error ("the engine never settled");
  /* The window's start-up work (counts, sort orders) done, as on an official's desk. */
  mc_test_wait_counts (fx.window);
  mc_test_wait_prepared (fx.window);
  targets = list_targets (store);
  if (targets->len < (guint) n_actions)
    g_error ("%u dossiers to act on, fewer than the %d actions asked (or the profile is not one --prime made)",
             targets->len, n_actions);

  for (int i = 0; i < n_actions; i++)
    {
      McAction action = g_array_index (targets, Target, i).action;
      gint64 id = g_array_index (targets, Target, i).id;
      McOutboxFilter filter = { .dossier_id = id, .state = -1 };
      g_autoptr(GPtrArray) entries = NULL;
      McActionDialog *dialog;
      McOutboxEntry *e;
      McSimDialect dialect;
      Applied a;
      gint64 committed;
      double elapsed;

      gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-dossier", "x", id);
      gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.act", "(xs)", id, mc_action_id (action));
      if ((dialog = MC_ACTION_DIALOG (mc_test_find_toplevel (MC_TYPE_ACTION_DIALOG))) == NULL)
        g_error ("no dialog for %s", mc_action_id (action));
      if (!mc_action_dialog_apply (dialog))
        g_error ("%s refused: %s", mc_action_id (action), mc_action_dialog_get_error (dialog));
      committed = g_get_monotonic_time ();
      entries = mc_store_outbox_list (store, &filter, NULL);
      e = g_ptr_array_index (entries, 0);
      g_assert_true (mc_sim_dialect_from_name (e->source_id, &dialect));
      a.key = g_strdup_printf ("%s:%s", mc_sim_dialect_name (dialect), e->uuid);
      if (!mc_test_wait (applied, &a, 10000))
        {
          g_autoptr(McOutboxEntry) now = mc_store_outbox_get (store, e->id, NULL);

          g_error ("action %d (%s on %s) never applied: %s, %s", i, a.key, e->dossier_number,
                   now ? mc_outbox_state_id (now->state) : "?", now && now->last_error ? now->last_error : "");
        }
      elapsed = (g_get_monotonic_time () - committed) / 1000.0;
      g_array_append_val (ms, elapsed);
      g_free (a.key);
      mc_test_close_message_dialogs ();
      if (!mc_test_wait (settled, NULL, 30000))
        g_error ("the engine never settled after action %d", i);
    }

  g_array_sort (ms, compare_doubles);
  median = g_array_index (ms, double, ms->len / 2);
  max = g_array_index (ms, double, ms->len - 1);
  printf ("commit to applied, %u actions, %" G_GINT64_FORMAT " dossiers in the profile: "
          "median %.0f ms (bound %d), min %.0f ms, max %.0f ms (bound %d)\n",
          ms->len, n_dossiers, median, MEDIAN_MS, g_array_index (ms, double, 0), max, MAX_MS);

  mc_sync_engine_stop (fx.engine);
  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_clear_object (&fx.engine);
  g_clear_object (&fx.app);
  mc_sim_stop (fx.sim);
  g_clear_object (&fx.sim);
  return median <= MEDIAN_MS && max <= MAX_MS ? 0 : 1;
}
