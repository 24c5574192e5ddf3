/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "mc-store-outbox.h"
#include "mc-sync-setup.h"
#include "mc-training.h"
#include "model-test-util.h"
#include "sync-test-util.h"

/* The training controller with no window: the sandbox profile and its embedded simulator, a
 * sync engine set up on it, and the trainer's controls — cut a connection, make a system fail,
 * let another official change a dossier, reset the sandbox — checked against the simulator's
 * data and the profile's SQLite. */

#define N_SERVED 300

static const char *sources[] = { "g03", "g09", "g16", "g18", "g21" };

static struct {
  char *data_home;
  McTraining *training;
  McSyncEngine *engine;
  McStore *store;
} fx;

/* One sync of @source_id (NULL: every source); its error, if any, in @error. */
static gboolean
sync_once (const char  *source_id,
           GError     **error)
{
  return sync_engine_run (fx.engine, source_id, FALSE, error);
}

static gint64
stored (const char *source_id)
{
  McStoreFilter filter = { .source_id = source_id };

  return mc_store_count (fx.store, &filter, NULL);
}

static guint
served (const char *source_id)
{
  McSimDialect dialect;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (mc_sim_dialect_from_name (source_id, &dialect));
  list = mc_sim_list_dossiers (mc_training_get_sim (fx.training), dialect);
  return list->len;
}

static void
setup_engine (void)
{
  fx.engine = model_test_setup_engine (fx.store, mc_training_get_sim (fx.training));
  mc_training_set_engine (fx.training, fx.engine);
}

/* Started: a profile of its own with the five ministries' systems, served by the simulator;
 * the first sync brings what each serves. */
static void
test_start (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GPtrArray) configured = NULL;

  g_assert_true (mc_training_start (fx.training, &error));
  g_assert_no_error (error);
  path = mc_store_profile_path (mc_training_get_profile_dir (fx.training));
  fx.store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  configured = mc_store_list_sources (fx.store, &error);
  g_assert_cmpuint (configured->len, ==, G_N_ELEMENTS (sources));
  setup_engine ();
  g_assert_true (sync_once (NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_assert_cmpuint (served (sources[i]), >, 0);
      g_assert_cmpint (stored (sources[i]), ==, served (sources[i]));
      g_assert_true (mc_training_get_connected (fx.training, sources[i]));
    }
}

static gboolean
not_syncing (gpointer data)
{
  McSyncProgress p;

  return mc_sync_engine_get_progress (fx.engine, data, &p) && p.state != MC_SYNC_STATE_SYNCING;
}

/* How @source_id's sync ended (the controls poke the engine, which may be trying again). */
static McSyncState
settled (const char *source_id)
{
  McSyncProgress p;

  g_assert_true (model_test_wait (not_syncing, (gpointer) source_id, 30000));
  g_assert_true (mc_sync_engine_get_progress (fx.engine, source_id, &p));
  return p.state;
}

/* A cut connection is refused, as a system or a line that is down; restored, it syncs. A
 * system made to fail answers with errors. */
static void
test_cut_and_fail (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_training_set_connected (fx.training, "g09", FALSE, &error));
  g_assert_false (mc_training_get_connected (fx.training, "g09"));
  g_assert_false (sync_once ("g09", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (settled ("g09"), ==, MC_SYNC_STATE_OFFLINE);
  g_assert_true (sync_once ("g16", &error));
  g_assert_true (mc_training_set_connected (fx.training, "g09", TRUE, &error));
  g_assert_true (sync_once ("g09", &error));
  g_assert_no_error (error);

  /* Every request (one in one) fails. */
  g_assert_true (mc_training_set_failing (fx.training, "g21", 1, &error));
  g_assert_cmpuint (mc_training_get_failing (fx.training, "g21"), ==, 1);
  g_assert_false (sync_once ("g21", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (settled ("g21"), ==, MC_SYNC_STATE_ERROR);
  g_assert_true (mc_training_set_failing (fx.training, "g21", 0, &error));
  g_assert_true (sync_once ("g21", &error));
  g_assert_no_error (error);
}

/* One request in three fails, set from a Vietnamese session: the rate reaches the simulator as
 * JSON ("0.333333"), not as the locale writes it ("0,333333", which the simulator refuses). */
static void
test_fail_rate_locale (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *previous = g_strdup (setlocale (LC_NUMERIC, NULL));

  if (setlocale (LC_NUMERIC, "vi_VN.UTF-8") == NULL)
    {
      g_test_skip ("no vi_VN.UTF-8 locale (the set-up generates it)");
      return;
    }
  g_assert_true (mc_training_set_failing (fx.training, "g21", 3, &error));
  setlocale (LC_NUMERIC, previous);
  g_assert_no_error (error);
  g_assert_cmpuint (mc_training_get_failing (fx.training, "g21"), ==, 3);
  g_assert_true (mc_training_set_failing (fx.training, "g21", 0, &error));
  g_assert_no_error (error);
}

/* Another official moves a dossier on its system; the next sync brings it. */
static void
test_change_dossier (void)
{
  McSimDialect dialect;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) after = NULL;
  McStatus moved = 0;
  const char *number = NULL;

  g_assert_true (mc_sim_dialect_from_name ("g18", &dialect));
  list = mc_sim_list_dossiers (mc_training_get_sim (fx.training), dialect);
  for (guint i = 0; i < list->len && number == NULL; i++)
    {
      McDossier *d = g_ptr_array_index (list, i);
      g_autoptr(GArray) next = mc_transition_actions_from (d->status);

      if (next != NULL && next->len > 0)
        number = d->number;
    }
  g_assert_nonnull (number);
  g_assert_true (mc_training_change_dossier (fx.training, "g18", number, &moved, &error));
  g_assert_no_error (error);
  g_assert_true (sync_once ("g18", &error));
  g_assert_no_error (error);
  after = mc_store_get_dossier (fx.store, mc_store_find_number (fx.store, number, NULL), NULL);
  g_assert_nonnull (after);
  g_assert_cmpint (after->status, ==, moved);
}

typedef struct
{
  gboolean done;
  GError *error;
} Stop;

static gboolean
stop_done (gpointer data)
{
  return ((Stop *) data)->done;
}

static void
stopped (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Stop *stop = user_data;

  mc_sync_setup_stop_finish (result, &stop->error);
  stop->done = TRUE;
}

/* The sandbox back to its start: the engine and every connection let go first, then the
 * profile holds what the systems serve again, and nothing waits in the outbox. */
static void
test_reset (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  McOutboxFilter filter = { .state = -1 };
  Stop stop = { 0 };
  McAction action;
  g_autofree char *path = mc_store_profile_path (mc_training_get_profile_dir (fx.training));
  gint64 id = model_test_pick (fx.store, "g03", &action, NULL);

  model_test_act (fx.store, id, action);
  g_assert_true (mc_training_set_connected (fx.training, "g03", FALSE, &error));
  model_test_drain ();
  g_clear_object (&fx.store);
  mc_training_set_engine (fx.training, NULL);
  mc_sync_setup_stop_async (g_steal_pointer (&fx.engine), stopped, &stop);
  g_assert_true (model_test_wait (stop_done, &stop, 30000));
  g_assert_no_error (stop.error);

  g_assert_true (mc_training_reset_sandbox (fx.training, &error));
  g_assert_no_error (error);
  g_assert_true (mc_training_get_connected (fx.training, "g03"));
  fx.store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  waiting = mc_store_outbox_list (fx.store, &filter, &error);
  g_assert_cmpuint (waiting->len, ==, 0);
  setup_engine ();
  g_assert_true (sync_once (NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    g_assert_cmpint (stored (sources[i]), ==, served (sources[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *profile = NULL;
  int status;

  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_setenv ("MC_TRAINING_ACTIVITY", "0", TRUE);
  g_setenv ("MC_TRAINING_DOSSIERS", G_STRINGIFY (N_SERVED), TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  fx.data_home = g_dir_make_tmp ("motcua-training-XXXXXX", &error);
  g_assert_no_error (error);
  profile = g_build_filename (fx.data_home, "training", NULL);
  fx.training = mc_training_new (profile);

  g_test_add_func ("/training/start", test_start);
  g_test_add_func ("/training/cut-and-fail", test_cut_and_fail);
  g_test_add_func ("/training/fail-rate-locale", test_fail_rate_locale);
  g_test_add_func ("/training/change-dossier", test_change_dossier);
  g_test_add_func ("/training/reset", test_reset);
  status = g_test_run ();

  if (fx.engine != NULL)
    mc_sync_engine_stop (fx.engine);
  g_clear_object (&fx.engine);
  g_clear_object (&fx.store);
  g_clear_object (&fx.training);
  {
    const char *rm[] = { "rm", "-rf", fx.data_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (fx.data_home);
  return status;
}
