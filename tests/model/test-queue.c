/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-queue-counter.h"
#include "mc-fold.h"
#include "mc-queue-model-private.h"
#include "mc-queue-row.h"
#include "mc-sample.h"
#include "mc-store-actions.h"
#include "mc-store-outbox.h"
#include "mc-time.h"
#include "model-test-util.h"

/* The work queue's list model and the sidebar's counter, with no window: on a generated
 * profile, each checked against what the store's own queries say — the views, the sort keys
 * (by SQLite, then from the orders kept in memory), the search, find, and the live refresh
 * when another connection of this process or another process writes. */

#define N_DOSSIERS 3000

static struct {
  char *profile;
  char *path;
  McStore *store;        /* the model's, as the window's */
  McStore *order_store;
  McStore *counter_store;
  McStore *other;        /* a writer elsewhere in the process */
  McQueueModel *model;
  GError *refresh_error;
  guint changes_seen;
} fx;

static void
on_changed (McStoreChanges *changes,
            McChangeSet    *set,
            gpointer        data)
{
  if (!mc_queue_model_apply_changes (fx.model, set, &fx.refresh_error))
    g_error ("the model did not follow the change: %s", fx.refresh_error->message);
  fx.changes_seen++;
}

static gboolean
change_seen (gpointer data)
{
  return fx.changes_seen > *(guint *) data;
}

static GArray *
store_view (McQueueView  view,
            const char  *ministry)
{
  McQueueQuery query = { .view = view, .ministry = ministry, .now = mc_time_now () };
  g_autoptr(GError) error = NULL;
  GArray *ids;

  mc_queue_model_get_sort (fx.model, &query.sort, &query.descending);
  ids = mc_store_queue_list (fx.store, &query, &error);
  g_assert_no_error (error);
  return ids;
}

static void
assert_model_is (GArray *expected)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (fx.model));

  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (mc_queue_model_get_id (fx.model, i), ==, g_array_index (expected, guint32, i));
}

static gboolean
prepared (gpointer data)
{
  return mc_queue_model_is_prepared (fx.model);
}

/* Each view holds what the store counts and lists for it, in its order. */
static void
test_views (void)
{
  const McQueueView views[] = { MC_QUEUE_ALL, MC_QUEUE_RECEIVED, MC_QUEUE_PROCESSING, MC_QUEUE_SUPPLEMENT_REQUESTED,
                                MC_QUEUE_OVERDUE, MC_QUEUE_DUE_SOON, MC_QUEUE_RESULT_READY };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GArray) expected = NULL;

      g_assert_true (mc_queue_model_set_view (fx.model, views[i], &error));
      g_assert_no_error (error);
      expected = store_view (views[i], NULL);
      assert_model_is (expected);
      g_assert_cmpuint (mc_queue_model_get_view_count (fx.model), ==,
                        mc_store_queue_count (fx.store, views[i], NULL, mc_time_now (), NULL));
    }
  /* One ministry's part of a view. */
  g_assert_true (mc_queue_model_set_ministry (fx.model, "G18", &error));
  {
    g_autoptr(GArray) expected = store_view (MC_QUEUE_RESULT_READY, "G18");

    assert_model_is (expected);
  }
  g_assert_true (mc_queue_model_set_ministry (fx.model, NULL, &error));
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_ALL, &error));
}

/* Every sort key, both ways, first by SQLite, then from the orders kept in memory. */
static void
test_sort (void)
{
  g_autoptr(GError) error = NULL;

  for (guint pass = 0; pass < 2; pass++)
    {
      if (pass == 1)
        {
          mc_queue_model_prepare (fx.model);
          g_assert_true (model_test_wait (prepared, NULL, 60000));
        }
      for (McQueueSort sort = 0; sort < MC_QUEUE_N_SORTS; sort++)
        for (guint descending = 0; descending < 2; descending++)
          {
            g_autoptr(GArray) expected = NULL;

            g_assert_true (mc_queue_model_set_sort (fx.model, sort, descending, &error));
            g_assert_no_error (error);
            expected = store_view (MC_QUEUE_ALL, NULL);
            assert_model_is (expected);
          }
    }
  g_assert_true (mc_queue_model_set_sort (fx.model, MC_QUEUE_SORT_RECEIVED, TRUE, &error));
}

/* The view's dossiers that mc_store_queue_search_ids() finds for @text, in the view's order. */
static GArray *
expected_search (GArray     *view,
                 const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = mc_store_queue_search_ids (fx.store, text, &error);
  g_autoptr(GHashTable) hit = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  GArray *expected = g_array_new (FALSE, FALSE, sizeof (guint32));

  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, >, 0);
  for (guint i = 0; i < hits->len; i++)
    {
      gint64 id = g_array_index (hits, guint32, i);

      g_hash_table_add (hit, g_memdup2 (&id, sizeof (gint64)));
    }
  for (guint i = 0; i < view->len; i++)
    {
      gint64 id = g_array_index (view, guint32, i);

      if (g_hash_table_contains (hit, &id))
        g_array_append_val (expected, g_array_index (view, guint32, i));
    }
  return expected;
}

/* The search keeps the view's order and holds exactly the view's dossiers the full-text
 * search finds; typed without diacritics or with them, the same. Short prefixes are marked by
 * both connections in ranges of ids (mc_store_queue_search_splits()), longer ones at once: the
 * same dossiers either way. */
static void
test_search (void)
{
  const char *texts[] = { "nguyen", "ng", "n", "Nguyễn Văn" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) view = NULL;
  guint n_plain;

  g_assert_false (mc_store_queue_search_splits ("nguyen"));
  g_assert_false (mc_store_queue_search_splits ("G16.56-2026"));
  g_assert_false (mc_store_queue_search_splits (" "));
  g_assert_true (mc_store_queue_search_splits ("ng"));
  g_assert_true (mc_store_queue_search_splits ("Nguyễn Vă"));
  g_assert_true (mc_store_queue_search_splits ("Đặ"));

  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_PROCESSING, &error));
  view = store_view (MC_QUEUE_PROCESSING, NULL);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(GArray) expected = expected_search (view, texts[t]);

      g_test_message ("%s: %u of %u", texts[t], expected->len, view->len);
      g_assert_true (mc_queue_model_set_search (fx.model, texts[t], &error));
      g_assert_no_error (error);
      assert_model_is (expected);
    }

  g_assert_true (mc_queue_model_set_search (fx.model, "nguyen", &error));
  n_plain = g_list_model_get_n_items (G_LIST_MODEL (fx.model));
  g_assert_true (mc_queue_model_set_search (fx.model, "Nguyễn", &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx.model)), ==, n_plain);
  g_assert_cmpstr (mc_queue_model_get_search (fx.model), ==, "Nguyễn");
  /* The view's count stays the view's. */
  g_assert_cmpuint (mc_queue_model_get_view_count (fx.model), ==, view->len);
  g_assert_true (mc_queue_model_set_search (fx.model, "", &error));
  g_assert_null (mc_queue_model_get_search (fx.model));
  assert_model_is (view);
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_ALL, &error));
}

/* find() gives each shown dossier's position, and says so of one not shown. */
static void
test_find (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = store_view (MC_QUEUE_ALL, NULL);
  gint64 outside = 0;

  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_RECEIVED, &error));
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (fx.model)); i += 7)
    g_assert_cmpuint (mc_queue_model_find (fx.model, mc_queue_model_get_id (fx.model, i)), ==, i);
  for (guint i = 0; i < all->len && outside == 0; i++)
    {
      g_autoptr(McQueueEntry) e = mc_store_queue_get_entry (fx.store, g_array_index (all, guint32, i), NULL);

      if (e->status != MC_STATUS_RECEIVED)
        outside = e->id;
    }
  g_assert_cmpuint (mc_queue_model_find (fx.model, outside), ==, MC_QUEUE_MODEL_NOT_FOUND);
  g_assert_cmpuint (mc_queue_model_find (fx.model, G_MAXINT32), ==, MC_QUEUE_MODEL_NOT_FOUND);
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_ALL, &error));
}

static gboolean
holds (gpointer data)
{
  return mc_queue_model_find (fx.model, *(gint64 *) data) != MC_QUEUE_MODEL_NOT_FOUND;
}

/* Another connection of the process adds a dossier: announced by the change stream, the
 * model reads the view again (in the background, the orders kept) and holds it. */
static void
test_live_refresh (void)
{
  g_autoptr(McDossier) d = mc_sample_dossier (11, 900000, mc_time_now ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) expected = NULL;

  g_assert_true (model_test_wait (prepared, NULL, 60000));
  g_assert_true (mc_store_insert_dossier (fx.other, d, &error));
  g_assert_no_error (error);
  g_assert_true (model_test_wait (holds, &d->id, 20000));
  expected = store_view (MC_QUEUE_ALL, NULL);
  assert_model_is (expected);
}

static gboolean
letters_read (gpointer data)
{
  return fx.model->letters != NULL;
}

/* The first keystrokes' searches (a letter, "ng"…), read ahead with the orders, find what
 * SQLite finds, however typed; a dossier another connection adds drops them at once and the
 * next read brings them back with it: a search for its first letter shows it. */
static void
test_letter_search (void)
{
  g_autoptr(McDossier) d = mc_sample_dossier (12, 900001, mc_time_now ());
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) view = NULL;
  g_autofree char *folded = NULL;
  char first[2] = { 0 };
  const char *texts[] = { "n", "T", "Đ", " a ", "2", "ng", "Th", "Nguy" };
  guint seen;

  g_assert_true (model_test_wait (prepared, NULL, 60000));
  g_assert_true (model_test_wait (letters_read, NULL, 60000));
  g_assert_cmpint (mc_letter_index ("Đ"), ==, mc_letter_index ("d"));
  g_assert_cmpint (mc_letter_index ("Ng"), ==, mc_letter_index ("ng"));
  g_assert_cmpint (mc_letter_index ("ng"), >=, 0);
  g_assert_cmpint (mc_letter_index ("ngu"), ==, -1);
  g_assert_cmpint (mc_letter_index ("2"), ==, -1);
  g_assert_cmpint (mc_letter_index (""), ==, -1);
  view = store_view (MC_QUEUE_ALL, NULL);
  for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
    {
      g_autoptr(GArray) expected = expected_search (view, texts[t]);

      g_assert_true (mc_queue_model_set_search (fx.model, texts[t], &error));
      g_assert_no_error (error);
      assert_model_is (expected);
    }
  g_assert_true (mc_queue_model_set_search (fx.model, "", &error));

  seen = fx.changes_seen;
  g_assert_true (mc_store_insert_dossier (fx.other, d, &error));
  g_assert_no_error (error);
  /* Dropped as the change is announced, before the view is read again. */
  g_assert_true (model_test_wait (change_seen, &seen, 20000));
  g_assert_null (fx.model->letters);
  g_assert_true (model_test_wait (holds, &d->id, 20000));
  g_assert_true (model_test_wait (letters_read, NULL, 60000));
  folded = mc_fold_text (d->applicant_name);
  first[0] = folded[0];
  g_assert_cmpint (mc_letter_index (first), >=, 0);
  g_assert_true (mc_queue_model_set_search (fx.model, first, &error));
  g_assert_no_error (error);
  g_assert_true (holds (&d->id));
  g_clear_pointer (&view, g_array_unref);
  view = store_view (MC_QUEUE_ALL, NULL);
  {
    g_autoptr(GArray) expected = expected_search (view, first);

    assert_model_is (expected);
  }
  g_assert_true (mc_queue_model_set_search (fx.model, "", &error));
}

typedef struct
{
  McQueueRow *row;
  McStatus status;
  guint unsynced;
} RowWait;

static gboolean
row_shows (gpointer data)
{
  RowWait *w = data;
  const McQueueEntry *e = mc_queue_row_get_entry (w->row);

  return e->status == w->status && e->n_unsynced == w->unsynced;
}

typedef struct
{
  gint64 id;
  McStatus status;
} DossierWait;

/* The list holds dossier @id, shown in @status with one action not yet synced. */
static gboolean
shown_as (gpointer data)
{
  DossierWait *w = data;
  guint position = mc_queue_model_find (fx.model, w->id);
  g_autoptr(McQueueRow) row = NULL;

  if (position == MC_QUEUE_MODEL_NOT_FOUND)
    return FALSE;
  row = g_list_model_get_item (G_LIST_MODEL (fx.model), position);
  return mc_queue_row_get_entry (row)->status == w->status && mc_queue_row_get_entry (row)->n_unsynced == 1;
}

/* An action taken by another process (motcuactl) is seen through the data version: the list
 * shows the dossier's new status and the not-yet-synced marker, and the view it left no longer
 * holds it. */
static void
test_other_process (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = NULL;
  DossierWait w;

  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_RECEIVED, &error));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx.model)), >, 0);
  w.id = mc_queue_model_get_id (fx.model, 0);
  d = mc_store_get_dossier (fx.store, w.id, NULL);
  w.status = mc_transition_target (d->status, MC_ACTION_FORWARD);
  g_assert_true (mc_status_is_valid (w.status));
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_ALL, &error));
  model_test_motcuactl_act (fx.profile, d->number, MC_ACTION_FORWARD);

  g_assert_true (model_test_wait (shown_as, &w, 10000));
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_RECEIVED, &error));
  g_assert_false (holds (&w.id));
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_ALL, &error));
}

/* An outbox change alone (the push applied the action) reads the rows on screen again. */
static void
test_outbox_marker (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McQueueRow) row = NULL;
  McOutboxFilter filter = { .state = -1 };
  g_autoptr(GPtrArray) entries = NULL;
  McActionInput input = { .note = "Kiểm tra hồ sơ" };
  RowWait w = { NULL };
  McAction action = 0;
  gint64 id = 0;

  /* The first row on screen with a step that needs at most a note. */
  for (guint p = 0; action == 0 && p < 50; p++)
    {
      g_autoptr(GArray) allowed = NULL;
      McStatus status;

      g_clear_object (&row);
      row = g_list_model_get_item (G_LIST_MODEL (fx.model), p);
      id = mc_queue_row_get_id (row);
      status = mc_queue_row_get_entry (row)->status;

      allowed = mc_store_actions_allowed (fx.store, id, NULL);
      for (guint i = 0; allowed != NULL && i < allowed->len && action == 0; i++)
        if ((mc_action_needs (g_array_index (allowed, McAction, i)) & ~MC_ACTION_NEEDS_NOTE) == 0
            && mc_transition_target (status, g_array_index (allowed, McAction, i)) == status)
          action = g_array_index (allowed, McAction, i);
    }
  g_assert_cmpint (action, !=, 0);
  w.row = row;
  w.status = mc_queue_row_get_entry (row)->status;
  w.unsynced = mc_queue_row_get_entry (row)->n_unsynced + 1;
  filter.dossier_id = id;
  g_assert_true (mc_store_apply_action (fx.other, id, action, &input, "Nguyễn Thị Lan", &error));
  g_assert_no_error (error);
  g_assert_true (model_test_wait (row_shows, &w, 10000));

  entries = mc_store_outbox_list (fx.store, &filter, NULL);
  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (entries, i);

      if (e->state == MC_OUTBOX_PENDING)
        {
          g_assert_true (mc_store_outbox_mark_sending (fx.other, e->id, &error));
          g_assert_true (mc_store_outbox_mark_done (fx.other, e->id, NULL, 0, &error));
          g_assert_no_error (error);
          w.unsynced--;  /* this action, and any an earlier test left on the same dossier */
        }
    }
  g_assert_true (model_test_wait (row_shows, &w, 10000));
}

static gboolean
counted (gpointer data)
{
  return !mc_queue_counter_is_busy (data) && mc_queue_counter_get_view_count (data, MC_QUEUE_ALL) >= 0;
}

/* The counter, in its worker thread, says what the store counts for every view and ministry. */
static void
test_counter (void)
{
  g_autoptr(McQueueCounter) counter = mc_queue_counter_new (fx.counter_store);
  gint64 by_ministry[MC_QUEUE_N_MINISTRIES + 1];
  gint64 now = mc_time_now ();

  mc_queue_counter_refresh (counter, MC_QUEUE_PROCESSING, NULL);
  g_assert_true (model_test_wait (counted, counter, 30000));
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    g_assert_cmpint (mc_queue_counter_get_view_count (counter, v), ==, mc_store_queue_count (fx.store, v, NULL, now, NULL));
  g_assert_true (mc_store_queue_count_ministries (fx.store, MC_QUEUE_PROCESSING, now, by_ministry, NULL));
  for (int i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    g_assert_cmpint (mc_queue_counter_get_ministry_count (counter, i), ==, by_ministry[i]);
  g_assert_cmpint (mc_queue_counter_get_ministry_count (counter, MC_QUEUE_N_MINISTRIES), ==,
                   mc_store_queue_count (fx.store, MC_QUEUE_PROCESSING, NULL, now, NULL));
  /* Each view's counts per ministry agree with the view's own query filtered by ministry. */
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    {
      g_assert_true (mc_store_queue_count_ministries (fx.store, v, now, by_ministry, NULL));
      for (int i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
        g_assert_cmpint (by_ministry[i], ==, mc_store_queue_count (fx.store, v, mc_queue_ministries[i], now, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* The day the sample is made for, as in the GUI tests: the deadline views compare exactly. */
  g_setenv ("MC_NOW", "2026-11-24 10:00", FALSE);
  g_test_init (&argc, &argv, NULL);
  fx.profile = model_test_make_profile (N_DOSSIERS);
  fx.path = g_build_filename (fx.profile, "motcua.db", NULL);
  fx.store = mc_store_open (fx.path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  fx.order_store = mc_store_open (fx.path, MC_STORE_OPEN_EXISTING, &error);
  fx.counter_store = mc_store_open (fx.path, MC_STORE_OPEN_EXISTING, &error);
  fx.other = mc_store_open (fx.path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  fx.model = mc_queue_model_new (fx.store, fx.order_store);
  g_assert_true (mc_queue_model_set_view (fx.model, MC_QUEUE_ALL, &error));
  g_signal_connect (mc_store_get_changes (fx.store), "changed", G_CALLBACK (on_changed), NULL);
  mc_store_changes_watch_others (mc_store_get_changes (fx.store));

  g_test_add_func ("/queue-model/views", test_views);
  g_test_add_func ("/queue-model/sort", test_sort);
  g_test_add_func ("/queue-model/search", test_search);
  g_test_add_func ("/queue-model/find", test_find);
  g_test_add_func ("/queue-model/live-refresh", test_live_refresh);
  g_test_add_func ("/queue-model/letter-search", test_letter_search);
  g_test_add_func ("/queue-model/other-process", test_other_process);
  g_test_add_func ("/queue-model/outbox-marker", test_outbox_marker);
  g_test_add_func ("/queue-counter/counts", test_counter);
  status = g_test_run ();

  mc_store_changes_unwatch_others (mc_store_get_changes (fx.store));
  g_signal_handlers_disconnect_by_func (mc_store_get_changes (fx.store), on_changed, NULL);
  g_clear_object (&fx.model);
  g_clear_object (&fx.store);
  g_clear_object (&fx.order_store);
  g_clear_object (&fx.counter_store);
  g_clear_object (&fx.other);
  model_test_remove_profile (fx.profile);
  g_free (fx.profile);
  g_free (fx.path);
  return status;
}
