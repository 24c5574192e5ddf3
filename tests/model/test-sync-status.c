/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-store-outbox.h"
#include "mc-store-sync.h"
#include "mc-sync-status.h"
#include "model-test-util.h"
#include "sync-test-util.h"

/* What the sync indicator and the banners say, from the engine against the simulator and from
 * the outbox: "Synced" only when each system's last sync ended well and nothing waits for it;
 * a system that cannot be reached stays so while a retry runs; the counts of what waits, what
 * is being checked again and what needs review; the banner of the systems cut, by ministry or
 * by source; the outbox watchdog naming ministries. */

typedef struct
{
  SyncFixture f;
  McSyncEngine *engine;
  McSyncStatus *status;
} Fixture;

static void
setup (Fixture       *fx,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint mask = (1u << MC_SIM_LGSP) | (1u << MC_SIM_FEED);

  sync_fixture_setup (&fx->f, 200, mask);
  fx->engine = sync_fixture_engine (&fx->f, mask);
  fx->status = mc_sync_status_new (fx->f.store);
  mc_sync_status_set_engine (fx->status, fx->engine);
  g_assert_true (sync_engine_run (fx->engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  model_test_drain ();
}

static void
teardown (Fixture       *fx,
          gconstpointer  data)
{
  g_clear_object (&fx->status);
  g_clear_object (&fx->engine);
  model_test_drain ();
  sync_fixture_teardown (&fx->f);
}

static char *
summary (Fixture     *fx,
         const char **out_icon)
{
  return mc_sync_status_dup_summary (fx->status, out_icon);
}

typedef struct
{
  Fixture *fx;
  guint waiting, checking, review;
} Counts;

static gboolean
counts_are (gpointer data)
{
  Counts *c = data;
  guint waiting, checking, review;

  mc_sync_status_get_totals (c->fx->status, &waiting, &checking, &review);
  return waiting == c->waiting && checking == c->checking && review == c->review;
}

static void
wait_counts (Fixture *fx,
             guint    waiting,
             guint    checking,
             guint    review)
{
  Counts c = { fx, waiting, checking, review };

  g_assert_true (model_test_wait (counts_are, &c, 5000));
}

/* Both synced, nothing waiting: "Synced" and the check mark. An action waiting: neither,
 * though both pulls went well; what waits is said. */
static void
test_synced_only_when_empty (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *text = NULL;
  const char *icon = NULL;
  McAction action;
  gint64 id;

  text = summary (fx, &icon);
  g_assert_cmpstr (text, ==, "Synced");
  g_assert_cmpstr (icon, ==, "emblem-ok-symbolic");
  g_assert_true (mc_source_status_is_synced (mc_sync_status_lookup (fx->status, "g18")));

  id = model_test_pick (fx->f.store, "g18", &action, NULL);
  model_test_act (fx->f.store, id, action);
  wait_counts (fx, 1, 0, 0);
  g_clear_pointer (&text, g_free);
  text = summary (fx, &icon);
  g_assert_cmpstr (text, ==, "1 action waiting to be sent");
  g_assert_cmpstr (icon, ==, "mail-send-symbolic");
  g_assert_false (mc_source_status_is_synced (mc_sync_status_lookup (fx->status, "g18")));
  g_assert_true (mc_source_status_is_synced (mc_sync_status_lookup (fx->status, "g09")));
  g_assert_cmpuint (mc_sync_status_lookup (fx->status, "g18")->waiting, ==, 1);
  g_assert_cmpstr (mc_sync_status_lookup (fx->status, "g18")->name, ==, "Health");
}

/* In doubt and in review, counted as such; the warning icon once the official is needed. */
static void
test_categories (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  const char *icon = NULL;
  gint64 ids[3];
  McAction action;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      gint64 id = model_test_pick (fx->f.store, "g09", &action, NULL);
      McOutboxFilter filter = { .dossier_id = id, .state = -1 };
      g_autoptr(GPtrArray) entries = NULL;

      model_test_act (fx->f.store, id, action);
      entries = mc_store_outbox_list (fx->f.store, &filter, NULL);
      ids[i] = ((McOutboxEntry *) g_ptr_array_index (entries, 0))->id;
    }
  g_assert_true (mc_store_outbox_mark_sending (fx->f.store, ids[1], &error));
  g_assert_true (mc_store_outbox_mark_in_doubt (fx->f.store, ids[1], "timed out", &error));
  g_assert_true (mc_store_outbox_mark_sending (fx->f.store, ids[2], &error));
  g_assert_true (mc_store_outbox_mark_rejected (fx->f.store, ids[2], "Thiếu tờ khai", &error));
  g_assert_no_error (error);
  wait_counts (fx, 1, 1, 1);
  text = summary (fx, &icon);
  g_assert_cmpstr (text, ==, "1 action waiting to be sent · 1 being checked again · 1 needs review");
  g_assert_cmpstr (icon, ==, "dialog-warning-symbolic");
}

static gboolean
cut (gpointer data)
{
  Fixture *fx = data;
  const McSourceStatus *s = mc_sync_status_lookup (fx->status, "g09");

  return s != NULL && mc_source_status_is_cut (s);
}

static gboolean
both_cut (gpointer data)
{
  Fixture *fx = data;
  const McSourceStatus *a = mc_sync_status_lookup (fx->status, "g09");
  const McSourceStatus *b = mc_sync_status_lookup (fx->status, "g18");

  return a && b && mc_source_status_is_cut (a) && mc_source_status_is_cut (b)
         && a->progress.state != MC_SYNC_STATE_SYNCING && b->progress.state != MC_SYNC_STATE_SYNCING;
}

/* A system that cannot be reached: its banner names its ministry, for the list of every
 * ministry and of its own, not of another; a retry's "syncing" does not hide it. */
static void
test_cut (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *notice = NULL, *own = NULL, *other = NULL, *by_source = NULL, *text = NULL;
  const char *icon = NULL;

  sync_fixture_control (&fx->f, "faults", "{\"dialect\":\"lgsp\",\"outage\":1}");
  g_assert_false (sync_engine_run (fx->engine, "g09", FALSE, &error));
  g_clear_error (&error);
  g_assert_true (model_test_wait (cut, fx, 5000));

  notice = mc_sync_status_dup_cut_notice (fx->status, NULL, NULL);
  own = mc_sync_status_dup_cut_notice (fx->status, "G09", NULL);
  other = mc_sync_status_dup_cut_notice (fx->status, "G18", NULL);
  by_source = mc_sync_status_dup_cut_notice (fx->status, NULL, "g09");
  g_assert_cmpstr (notice, ==, "Home Affairs cannot be reached — your actions are saved and will be sent when the "
                               "connection returns");
  g_assert_cmpstr (own, ==, notice);
  g_assert_cmpstr (by_source, ==, notice);
  g_assert_null (other);
  text = summary (fx, &icon);
  g_assert_cmpstr (text, ==, "Home Affairs cannot be reached");
  g_assert_cmpstr (icon, ==, "dialog-warning-symbolic");

  /* A retry starts: still cut until it ends. */
  mc_sync_engine_sync_now (fx->engine, "g09");
  g_assert_cmpint (mc_sync_status_lookup (fx->status, "g09")->progress.state, ==, MC_SYNC_STATE_SYNCING);
  g_assert_true (mc_source_status_is_cut (mc_sync_status_lookup (fx->status, "g09")));

  /* Both cut: the whole is said once (the retry above may still be ending). */
  sync_fixture_control (&fx->f, "faults", "{\"dialect\":\"feed\",\"outage\":1}");
  g_assert_false (sync_engine_run (fx->engine, "g18", FALSE, &error));
  g_clear_error (&error);
  g_assert_true (model_test_wait (both_cut, fx, 10000));
  g_clear_pointer (&notice, g_free);
  notice = mc_sync_status_dup_cut_notice (fx->status, NULL, NULL);
  g_assert_cmpstr (notice, ==, "No ministry system can be reached. Your work continues here and will be sent "
                               "when the connection returns.");
  g_clear_pointer (&text, g_free);
  text = summary (fx, &icon);
  g_assert_cmpstr (text, ==, "No ministry system can be reached");
  g_assert_cmpstr (icon, ==, "network-offline-symbolic");
}

/* The watchdog names the ministry, never the source's id. */
static void
test_watchdog (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *early = NULL, *late = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  McOutboxFilter filter = { .state = -1 };
  McOutboxEntry *e;
  McAction action;
  gint64 id = model_test_pick (fx->f.store, "g18", &action, NULL);

  model_test_act (fx->f.store, id, action);
  filter.dossier_id = id;
  entries = mc_store_outbox_list (fx->f.store, &filter, NULL);
  e = g_ptr_array_index (entries, 0);
  early = mc_sync_status_dup_watchdog (fx->status, e->created_at + 10 * 60, 30);
  g_assert_null (early);
  g_assert_true (mc_store_sync_mark_success (fx->f.store, "g18", e->created_at + 60, &error));
  g_assert_no_error (error);
  late = mc_sync_status_dup_watchdog (fx->status, e->created_at + 31 * 60, 30);
  g_assert_cmpstr (late, ==, "Actions have waited more than 30 minutes to be sent although the ministry system "
                             "was reached since: Health. Look at the outbox.");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, setup, fn, teardown)
  ADD ("/sync-status/synced-only-when-empty", test_synced_only_when_empty);
  ADD ("/sync-status/categories", test_categories);
  ADD ("/sync-status/cut", test_cut);
  ADD ("/sync-status/watchdog", test_watchdog);
#undef ADD
  return g_test_run ();
}
