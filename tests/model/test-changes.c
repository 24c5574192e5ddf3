/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "mc-calendar.h"
#include "mc-store-actions.h"
#include "mc-store-calendar.h"
#include "mc-store-outbox.h"
#include "mc-store-settings.h"
#include "model-test-util.h"
#include "sync-test-util.h"

/* The change stream (mc-store-changes.c): what each writer's committed transaction changed,
 * announced in the main context, and nothing of a rolled-back one. Every writer is the real
 * one: the window's actions and counter intake, the engine's sync writer and push side against
 * the simulator, the Preferences' settings and calendar, a writer in another thread, and
 * another process (motcuactl). */

#define DIALECT MC_SIM_LGSP   /* g09: Nội vụ, the ministry of the intake's procedure */

typedef struct
{
  SyncFixture f;
  const char *source_id;
  McSyncEngine *engine;
  ChangeLog log;
} Fixture;

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&fx->f, 600, 1u << DIALECT);
  fx->source_id = mc_sim_dialect_source_id (DIALECT);
  fx->engine = sync_fixture_engine (&fx->f, 1u << DIALECT);
  change_log_start (&fx->log, fx->f.store);
  g_assert_true (sync_engine_run (fx->engine, NULL, FALSE, &error));
  g_assert_no_error (error);
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  change_log_stop (&fx->log);
  g_clear_object (&fx->engine);
  sync_fixture_teardown (&fx->f);
}

static void
assert_ids (GArray       *ids,
            const gint64 *expected,
            guint         n)
{
  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, n);
  for (guint i = 0; i < n; i++)
    {
      gboolean found = FALSE;

      for (guint k = 0; k < ids->len && !found; k++)
        found = g_array_index (ids, gint64, k) == expected[i];
      g_assert_true (found);
    }
}

/* The sync writer's pages: every dossier stored, the cursor; no outbox, no new work;
 * announced in the main thread. */
static void
test_sync_writer (Fixture       *fx,
                  gconstpointer  data)
{
  McStoreFilter filter = { 0 };
  g_autoptr(GArray) stored = mc_store_list (fx->f.store, &filter, NULL);
  g_autoptr(GArray) ids = change_log_dossiers (&fx->log);

  g_assert_cmpuint (fx->log.sets->len, >, 0);
  g_assert_true (fx->log.thread == g_thread_self ());
  g_assert_true (change_log_flags (&fx->log) & MC_CHANGE_DOSSIERS);
  g_assert_true (change_log_flags (&fx->log) & MC_CHANGE_SYNC);
  g_assert_cmpuint (stored->len, >, 0);
  assert_ids (ids, (gint64 *) stored->data, stored->len);
  g_assert_false (change_log_outbox (&fx->log, NULL));
  g_assert_false (change_log_new_work (&fx->log, NULL));
  g_assert_false (change_log_external (&fx->log));
}

/* An action: its dossier and nothing else, its source's outbox, and new work for that
 * source only. */
static void
test_action (Fixture       *fx,
             gconstpointer  data)
{
  McAction action;
  gint64 id = model_test_pick (fx->f.store, fx->source_id, &action, NULL);
  g_autoptr(GArray) ids = NULL;

  change_log_clear (&fx->log);
  model_test_act (fx->f.store, id, action);
  g_assert_cmpuint (fx->log.sets->len, ==, 0);  /* not before the main loop runs */
  model_test_drain ();
  g_assert_cmpuint (fx->log.sets->len, ==, 1);
  ids = change_log_dossiers (&fx->log);
  assert_ids (ids, &id, 1);
  g_assert_cmpint (change_log_flags (&fx->log), ==, MC_CHANGE_DOSSIERS | MC_CHANGE_OUTBOX);
  g_assert_true (change_log_outbox (&fx->log, fx->source_id));
  g_assert_false (change_log_outbox (&fx->log, "g18"));
  g_assert_true (change_log_dossier_outbox (&fx->log, id));
  g_assert_false (change_log_dossier_outbox (&fx->log, id + 1));
  g_assert_true (change_log_new_work (&fx->log, fx->source_id));
  g_assert_false (change_log_new_work (&fx->log, "g18"));
  g_assert_false (change_log_external (&fx->log));
}

/* An action the status table does not allow on dossier @id. */
static McAction
refused_action (McStore *store,
                gint64   id)
{
  g_autoptr(GArray) allowed = mc_store_actions_allowed (store, id, NULL);

  for (McAction a = MC_ACTION_RECEIVE; a <= MC_ACTION_LAST; a++)
    {
      gboolean ok = FALSE;

      for (guint i = 0; i < allowed->len && !ok; i++)
        ok = g_array_index (allowed, McAction, i) == a;
      if (!ok && mc_action_needs (a) == 0)
        return a;
    }
  g_error ("every action is allowed on %" G_GINT64_FORMAT, id);
}

/* Rolled back, announced never: an action inside a transaction that is rolled back, and an
 * action the status table refuses. */
static void
test_rollback (Fixture       *fx,
               gconstpointer  data)
{
  McAction action;
  gint64 id = model_test_pick (fx->f.store, fx->source_id, &action, NULL);
  McActionInput input = { 0 };
  g_autoptr(GError) error = NULL;

  change_log_clear (&fx->log);
  g_assert_true (mc_store_begin (fx->f.store, &error));
  model_test_act (fx->f.store, id, action);
  mc_store_rollback (fx->f.store);
  g_assert_false (mc_store_apply_action (fx->f.store, id, refused_action (fx->f.store, id), &input,
                                         "Nguyễn Thị Lan", &error));
  g_assert_nonnull (error);
  model_test_drain ();
  g_assert_cmpuint (fx->log.sets->len, ==, 0);

  /* The connection announces its next commit, and only that. */
  model_test_act (fx->f.store, id, action);
  model_test_drain ();
  g_assert_cmpuint (fx->log.sets->len, ==, 1);
  {
    g_autoptr(GArray) ids = change_log_dossiers (&fx->log);

    assert_ids (ids, &id, 1);
  }
}

/* The push side: the action's outbox row changes (sending, applied) but is never new work, so
 * that an engine pushing on new work does not chase its own writes. */
static void
test_push (Fixture       *fx,
           gconstpointer  data)
{
  McAction action;
  gint64 id = model_test_pick (fx->f.store, fx->source_id, &action, NULL);
  g_autoptr(GError) error = NULL;
  McOutboxFilter filter = { .dossier_id = id, .state = -1 };
  g_autoptr(GPtrArray) entries = NULL;

  model_test_act (fx->f.store, id, action);
  change_log_clear (&fx->log);
  g_assert_true (sync_engine_run (fx->engine, fx->source_id, FALSE, &error));
  g_assert_no_error (error);
  model_test_drain ();
  entries = mc_store_outbox_list (fx->f.store, &filter, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpint (((McOutboxEntry *) g_ptr_array_index (entries, 0))->state, ==, MC_OUTBOX_DONE);
  g_assert_true (change_log_outbox (&fx->log, fx->source_id));
  g_assert_true (change_log_dossier_outbox (&fx->log, id));
  g_assert_false (change_log_new_work (&fx->log, NULL));
  g_assert_false (change_log_external (&fx->log));
}

/* The Preferences: a setting, a calendar day; neither names a dossier nor the outbox. */
static void
test_preferences (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDate) day = g_date_new_dmy (2, 9, 2026);

  change_log_clear (&fx->log);
  g_assert_true (mc_store_set_setting (fx->f.store, "office.unit", "BỘ PHẬN MỘT CỬA UBND XÃ THANH HÀ", "Nguyễn Thị Lan", &error));
  g_assert_no_error (error);
  model_test_drain ();
  g_assert_cmpint (change_log_flags (&fx->log), ==, MC_CHANGE_SETTINGS);

  change_log_clear (&fx->log);
  g_assert_true (mc_store_set_calendar_edit (fx->f.store, day, MC_CALENDAR_DAY_WORK, "Làm bù", "Nguyễn Thị Lan", &error));
  g_assert_no_error (error);
  model_test_drain ();
  g_assert_cmpint (change_log_flags (&fx->log), ==, MC_CHANGE_CALENDAR);
}

/* The counter: a new dossier, and new work for its ministry's source. */
static void
test_intake (Fixture       *fx,
             gconstpointer  data)
{
  /* Received now, whatever the hour the suite runs. */
  McIntake intake = { .procedure_code = "1.010833", .applicant_name = "Lê Văn Tám",
                      .id_number = "001090123456", .documents = (const char *[]) { "Tờ khai", NULL },
                      .after_hours = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(GArray) ids = NULL;

  change_log_clear (&fx->log);
  d = mc_store_receive_new (fx->f.store, &intake, "Nguyễn Thị Lan", &error);
  g_assert_no_error (error);
  model_test_drain ();
  ids = change_log_dossiers (&fx->log);
  assert_ids (ids, &d->id, 1);
  g_assert_true (change_log_new_work (&fx->log, fx->source_id));
  g_assert_true (change_log_dossier_outbox (&fx->log, d->id));
}

typedef struct
{
  const char *path;
  gint64 id;
  McAction action;
} ThreadAct;

static gpointer
act_in_thread (gpointer data)
{
  ThreadAct *t = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (t->path, MC_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  model_test_act (store, t->id, t->action);
  return NULL;
}

static gboolean
logged (gpointer data)
{
  return ((ChangeLog *) data)->sets->len > 0;
}

/* A writer in another thread, on its own connection: announced in the main thread. */
static void
test_thread (Fixture       *fx,
             gconstpointer  data)
{
  ThreadAct t = { fx->f.db_path };
  g_autoptr(GArray) ids = NULL;

  t.id = model_test_pick (fx->f.store, fx->source_id, &t.action, NULL);
  change_log_clear (&fx->log);
  g_thread_join (g_thread_new ("writer", act_in_thread, &t));
  g_assert_true (model_test_wait (logged, &fx->log, 5000));
  model_test_drain ();
  g_assert_true (fx->log.thread == g_thread_self ());
  ids = change_log_dossiers (&fx->log);
  assert_ids (ids, &t.id, 1);
  g_assert_true (change_log_new_work (&fx->log, fx->source_id));
}

static gboolean
external_work (gpointer data)
{
  Fixture *fx = data;

  return change_log_external (&fx->log) && change_log_new_work (&fx->log, fx->source_id);
}

/* Another process (motcuactl act): seen through the data version within three seconds, as
 * external, with its new work. */
static void
test_other_process (Fixture       *fx,
                    gconstpointer  data)
{
  McAction action;
  g_autofree char *number = NULL;
  gint64 id = model_test_pick (fx->f.store, fx->source_id, &action, &number);
  gint64 start;

  mc_store_changes_watch_others (fx->log.changes);
  /* Its own commits since the watch began are this process's: wait for a quiet second. */
  model_test_wait (external_work, fx, 2500);
  change_log_clear (&fx->log);

  model_test_motcuactl_act (fx->f.dir, number, action);
  start = g_get_monotonic_time ();
  g_assert_true (model_test_wait (external_work, fx, 3000));
  g_test_message ("another process's action announced after %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);
  g_assert_true (mc_change_set_has_dossier (g_ptr_array_index (fx->log.sets, fx->log.sets->len - 1), id));
  mc_store_changes_unwatch_others (fx->log.changes);
}

/* The database replaced under the same path (as a training sandbox reset does): a watcher
 * joining afterwards moves the poll to the new file, whose other process's action is seen. */
static void
test_replaced_file (Fixture       *fx,
                    gconstpointer  data)
{
  McAction action;
  g_autofree char *number = NULL;
  g_autofree char *copy = g_build_filename (fx->f.dir, "copy.db", NULL);
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", copy);
  sqlite3 *db;

  model_test_pick (fx->f.store, fx->source_id, &action, &number);
  mc_store_changes_watch_others (fx->log.changes);
  g_assert_cmpint (sqlite3_open (fx->f.db_path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, vacuum, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  /* The old file's journal goes with it; its connections keep reading the removed file. */
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *journal = g_strconcat (fx->f.db_path, i ? "-shm" : "-wal", NULL);

      g_unlink (journal);
    }
  g_assert_cmpint (g_rename (copy, fx->f.db_path), ==, 0);
  mc_store_changes_watch_others (fx->log.changes);
  model_test_wait (external_work, fx, 2500);
  change_log_clear (&fx->log);

  model_test_motcuactl_act (fx->f.dir, number, action);
  g_assert_true (model_test_wait (external_work, fx, 3000));
  mc_store_changes_unwatch_others (fx->log.changes);
  mc_store_changes_unwatch_others (fx->log.changes);
}

int
main (int   argc,
      char *argv[])
{
  /* Loopback needs no proxy, and the isolated test dirs hold no desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/changes/sync-writer", test_sync_writer);
  ADD ("/changes/action", test_action);
  ADD ("/changes/rollback", test_rollback);
  ADD ("/changes/push", test_push);
  ADD ("/changes/preferences", test_preferences);
  ADD ("/changes/intake", test_intake);
  ADD ("/changes/thread", test_thread);
  ADD ("/changes/other-process", test_other_process);
  ADD ("/changes/replaced-file", test_replaced_file);
#undef ADD
  return g_test_run ();
}
