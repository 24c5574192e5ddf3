/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "training-test-util.h"
#include "mc-format.h"
#include "mc-preferences-window.h"
#include "mc-store-settings.h"
#include "mc-store-actions.h"
#include "mc-sync-banner.h"
#include "mc-trainer-panel.h"
#include "mc-training-welcome.h"
#include "mc-window-private.h"

/* Training mode end to end: the real application opens the training profile, the simulator
 * embedded on loopback serves the five dialects, the real sync engine fills the queue, and
 * the trainer panel's actions cut, restore and reset — all checked against the simulator's
 * own data and the profile's SQLite. Every wait is on a condition, bounded. */

static const char *sources[] = { "g03", "g09", "g16", "g18", "g21" };

static struct {
  char *data_home;
  McApplication *app;
  GHashTable *start;   /* the simulator at the start: "source number" → "status version" */
} fx;

static McWindow *
main_window (void)
{
  return (McWindow *) training_test_find_window (fx.app, MC_TYPE_WINDOW);
}

static McTrainerPanel *
trainer_panel (void)
{
  return (McTrainerPanel *) training_test_find_window (fx.app, MC_TYPE_TRAINER_PANEL);
}

static McSim *
sim (void)
{
  return mc_training_get_sim (mc_application_get_training (fx.app));
}

static const char *
profile_dir (void)
{
  return mc_training_get_profile_dir (mc_application_get_training (fx.app));
}

static McSyncSourceRow *
row (const char *id)
{
  McWindow *window = main_window ();

  return window ? mc_sync_indicator_get_row (window->sync_indicator, id) : NULL;
}

/* The banner over the list (the one over the detail shows only over a dossier). */
static McSyncBanner *
banner (void)
{
  McWindow *window = main_window ();

  return window ? window->list_banner : NULL;
}

static gint64
stored_count (const char *source_id)
{
  sqlite3 *db = mc_test_open_db (profile_dir ());
  g_autofree char *sql = source_id ? g_strdup_printf ("SELECT count(*) FROM dossiers WHERE source_id = '%s'", source_id)
                                   : g_strdup ("SELECT count(*) FROM dossiers");
  gint64 n = mc_test_query_int (db, sql);

  sqlite3_close (db);
  return n;
}

static guint
served_count (const char *source_id)
{
  McSimDialect dialect;
  g_autoptr(GPtrArray) list = NULL;

  g_assert_true (mc_sim_dialect_from_name (source_id, &dialect));
  list = mc_sim_list_dossiers (sim (), dialect);
  return list->len;
}

/* Conditions */

static gboolean
all_synced (gpointer data)
{
  McSyncEngine *engine = mc_application_get_sync_engine (fx.app);

  if (engine == NULL || main_window () == NULL
      || mc_sync_indicator_get_engine (main_window ()->sync_indicator) != engine)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      McSyncProgress p;

      if (row (sources[i]) == NULL || !mc_sync_engine_get_progress (engine, sources[i], &p)
          || p.state != MC_SYNC_STATE_IDLE || p.last_success == 0
          || mc_sync_source_row_get_state (row (sources[i])) != MC_SYNC_STATE_IDLE)
        return FALSE;
    }
  return TRUE;
}

static void
wait_all_synced (void)
{
  if (!mc_test_wait (all_synced, NULL, 60000))
    g_error ("the five ministry systems never finished syncing");
}

static gboolean
settled_offline (gpointer data)
{
  return row (data) != NULL && mc_sync_source_row_get_settled_state (row (data)) == MC_SYNC_STATE_OFFLINE;
}

typedef struct
{
  const char *id;
  gboolean seen_syncing;
} SyncWatch;

static void
on_source_changed (McSyncEngine *engine,
                   const char   *id,
                   SyncWatch    *watch)
{
  McSyncProgress p;

  if (g_str_equal (id, watch->id) && mc_sync_engine_get_progress (engine, id, &p) && p.state == MC_SYNC_STATE_SYNCING)
    watch->seen_syncing = TRUE;
}

static gboolean
synced_again (gpointer data)
{
  SyncWatch *watch = data;

  return watch->seen_syncing && mc_sync_source_row_get_state (row (watch->id)) == MC_SYNC_STATE_IDLE;
}

static gboolean
summary_is (gpointer data)
{
  return main_window () != NULL && g_strcmp0 (mc_sync_indicator_get_summary (main_window ()->sync_indicator), data) == 0;
}

static gboolean
banner_is (gpointer data)
{
  return banner () != NULL && mc_sync_banner_get_revealed (banner ()) == GPOINTER_TO_INT (data);
}

/* On screen, not only asked for: the revealer has slid the banner in (or out). */
static gboolean
banner_height_is_positive (gpointer data)
{
  gboolean want = GPOINTER_TO_INT (data);

  GtkWidget *revealer = banner () ? training_test_find_child (GTK_WIDGET (banner ()), GTK_TYPE_REVEALER) : NULL;

  return revealer != NULL && gtk_revealer_get_child_revealed (GTK_REVEALER (revealer)) == want
         && (gtk_widget_get_height (GTK_WIDGET (banner ())) > 0) == want;
}

static void
set_connected (const char *id,
               gboolean    connected)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trainer_panel ()), "trainer.set-connected", "(sb)",
                                             id, connected));
}

static McTrainingWelcome *
welcome (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l; l = l->next)
    if (MC_IS_TRAINING_WELCOME (l->data))
      return l->data;
  return NULL;
}

static gboolean
is_training_window (gpointer data)
{
  return main_window () != NULL && mc_window_get_training (main_window ());
}

/* The window's main menu (the primary menu button's). */
static GMenuModel *
primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GMenuModel *found = primary_menu (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);
      g_autofree char *name = NULL;

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) && g_str_equal (name, action))
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* Tests */

static gboolean
is_finalized (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* First start, no ministry system configured: the choice; closed, the main menu's item leads
 * to training mode in this process, on a profile of its own. */
static void
test_first_start_choice (void)
{
  McWindow *window = main_window ();
  g_autofree char *real = mc_store_default_profile_dir (NULL);
  g_autofree char *real_path = mc_store_profile_path (real);
  GtkWidget *practise, *connect;
  GMenuModel *menu;

  g_assert_nonnull (window);
  g_assert_false (mc_window_get_training (window));
  /* Outside training there is no trainer panel (its menu item hides). */
  g_assert_false (g_action_group_has_action (G_ACTION_GROUP (fx.app), "trainer-panel"));
  g_assert_cmpstr (mc_store_get_path (mc_window_get_store (window)), ==, real_path);
  /* Behind the welcome, the empty queue says what to do first, with the button that does it. */
  {
    GtkWidget *queue_connect = training_test_find_action_button (GTK_WIDGET (window->queue_view), "app.connect");

    g_assert_nonnull (queue_connect);
    g_assert_true (mc_test_wait ((McTestCondition) gtk_widget_get_mapped, queue_connect, 10000));
  }
  g_assert_nonnull (welcome ());
  mc_test_wait_frame (GTK_WIDGET (welcome ()));
  practise = training_test_find_action_button (GTK_WIDGET (welcome ()), "app.training");
  connect = training_test_find_action_button (GTK_WIDGET (welcome ()), "welcome.connect");
  g_assert_nonnull (practise);
  g_assert_nonnull (connect);
  g_assert_true (gtk_widget_get_sensitive (connect));

  /* "Connect" first asks for the office every form names, the unit filled with a commune's,
   * then leads to the Preferences at the ministry systems. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome ()), "welcome.connect", NULL));
  {
    McStore *store = mc_window_get_store (window);
    GtkWidget *save = training_test_find_action_button (GTK_WIDGET (welcome ()), "welcome.save-office");
    GtkWidget *rows[3];
    guint n = 0;
    GtkWindow *preferences;
    g_autofree char *parent = NULL, *unit = NULL, *place = NULL;

    g_assert_nonnull (save);
    g_assert_true (gtk_widget_get_mapped (save));
    /* Whole in the window, without scrolling (a 768-pixel screen has room for its 600). */
    {
      graphene_rect_t bounds;

      mc_test_wait_frame (GTK_WIDGET (welcome ()));
      g_assert_true (gtk_widget_compute_bounds (save, GTK_WIDGET (welcome ()), &bounds));
      g_test_message ("the office's button ends at %.0f px of %d", bounds.origin.y + bounds.size.height,
                      gtk_widget_get_height (GTK_WIDGET (welcome ())));
      g_assert_cmpfloat (bounds.origin.y + bounds.size.height, <=, gtk_widget_get_height (GTK_WIDGET (welcome ())));
    }
    /* The three rows of the group above the button, in order. */
    for (GtkWidget *row = mc_test_find_widget (gtk_widget_get_parent (save), ADW_TYPE_ENTRY_ROW);
         row != NULL && n < 3; row = gtk_widget_get_next_sibling (row))
      if (ADW_IS_ENTRY_ROW (row))
        rows[n++] = row;
    g_assert_cmpuint (n, ==, 3);
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rows[1])), ==, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
    g_assert_false (gtk_widget_get_sensitive (save));   /* the committee and the place are asked for */
    gtk_editable_set_text (GTK_EDITABLE (rows[0]), "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN");
    gtk_editable_set_text (GTK_EDITABLE (rows[2]), "Quảng Điền");
    g_assert_true (gtk_widget_get_sensitive (save));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (welcome ()), "welcome.save-office", NULL));
    g_assert_null (welcome ());
    g_assert_true (mc_store_lookup_setting (store, "office.parent", &parent, NULL));
    g_assert_true (mc_store_lookup_setting (store, "office.unit", &unit, NULL));
    g_assert_true (mc_store_lookup_setting (store, "office.place", &place, NULL));
    g_assert_cmpstr (parent, ==, "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN");
    g_assert_cmpstr (unit, ==, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
    g_assert_cmpstr (place, ==, "Quảng Điền");
    preferences = training_test_find_toplevel (MC_TYPE_PREFERENCES_WINDOW);
    g_assert_nonnull (preferences);
    g_assert_cmpstr (adw_preferences_window_get_visible_page_name (ADW_PREFERENCES_WINDOW (preferences)), ==,
                     "sources");
    /* Gone before the profile's window goes (training replaces it): its pending work done. */
    g_object_add_weak_pointer (G_OBJECT (preferences), (gpointer *) &preferences);
    gtk_window_destroy (preferences);
    if (!mc_test_wait (is_finalized, &preferences, 10000))
      g_error ("the Preferences window was never finalized");
  }

  /* The welcome closed, the main menu still starts training. */
  menu = primary_menu (GTK_WIDGET (window));
  g_assert_nonnull (menu);
  g_assert_true (menu_has_action (menu, "app.training"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (fx.app), "training"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "app.training", NULL));
  if (!mc_test_wait (is_training_window, NULL, 10000))
    g_error ("the menu item never opened training mode");
  g_assert_null (welcome ());
  g_assert_true (main_window () != window);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (fx.app), "trainer-panel"));
}

/* What a source's row says, from its status: an initial sync's pages and count; a system
 * that cannot be reached; what waits for it, and "Synced" only when nothing does. */
static void
test_progress_text (void)
{
  McSyncSourceRow *r = g_object_ref_sink (mc_sync_source_row_new ("g09", "Nội vụ"));
  McSourceStatus s = { .source_id = (char *) "g09", .in_engine = TRUE,
                       .progress = { .state = MC_SYNC_STATE_SYNCING, .pages = 3, .dossiers = 1500 } };
  g_autofree char *count = mc_format_count (1500);   /* grouped the locale's way */
  g_autofree char *expected = g_strdup_printf ("Full sync: page 3, %s dossiers so far\nNever synced", count);

  mc_sync_source_row_update (r, &s);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), ==, expected);
  g_assert_cmpint (mc_sync_source_row_get_state (r), ==, MC_SYNC_STATE_SYNCING);

  /* The system's message on a line of its own, as a sentence. */
  s.progress = (McSyncProgress) { .state = MC_SYNC_STATE_OFFLINE, .message = "cannot be reached (Connection refused)" };
  s.settled = MC_SYNC_STATE_OFFLINE;
  s.waiting = 3;
  mc_sync_source_row_update (r, &s);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), ==,
                   "Cannot be reached\n3 actions waiting to be sent\nNever synced\nCannot be reached (Connection refused)");
  g_assert_cmpint (mc_sync_source_row_get_settled_state (r), ==, MC_SYNC_STATE_OFFLINE);

  s.progress = (McSyncProgress) { .state = MC_SYNC_STATE_IDLE, .last_success = 1780968600 };
  s.settled = MC_SYNC_STATE_IDLE;
  mc_sync_source_row_update (r, &s);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), "3 actions waiting to be sent\n"));
  s.waiting = 0;
  mc_sync_source_row_update (r, &s);
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (r)), "Synced\n"));
  g_assert_finalize_object (r);
}

static void
test_opens_marked (void)
{
  McWindow *window = main_window ();
  g_autofree char *expected = g_build_filename (fx.data_home, "motcua", "profiles", "training", NULL);
  g_autofree char *real = mc_store_default_profile_dir (NULL);

  g_assert_nonnull (window);
  mc_test_wait_frame (GTK_WIDGET (window));
  /* The training profile, never the official's. */
  g_assert_cmpstr (profile_dir (), ==, expected);
  g_assert_cmpstr (profile_dir (), !=, real);
  {
    g_autofree char *db = mc_store_profile_path (profile_dir ());
    g_assert_cmpstr (mc_store_get_path (mc_window_get_store (window)), ==, db);
  }
  g_assert_true (mc_window_get_training (window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Training"));
  /* The stored sources keep "sim:…": the address is resolved at each start. */
  {
    g_autoptr(McSource) s = mc_store_get_source (mc_window_get_store (window), "g21", NULL);

    g_assert_nonnull (s);
    g_assert_cmpstr (s->base_url, ==, "sim:g21");
  }
}

static void
test_first_sync (void)
{
  McWindow *window;
  gint64 total = 0;

  wait_all_synced ();
  window = main_window ();
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      gint64 n = stored_count (sources[i]);

      g_test_message ("%s: %" G_GINT64_FORMAT " stored, %u served", sources[i], n, served_count (sources[i]));
      g_assert_cmpint (n, >, 0);
      g_assert_cmpint (n, ==, served_count (sources[i]));
      total += n;
    }
  g_assert_cmpint (total, ==, MC_TRAINING_DOSSIERS);
  fx.start = training_test_snapshot (sim ());
  g_assert_cmpint (stored_count (NULL), ==, total);
  /* The queue shows them: the window's own count, read back from its live model. */
  mc_test_wait_counts (window);
  /* "Synced" only once every system's pull ended well and nothing waits for it. */
  g_assert_true (mc_test_wait (summary_is, (gpointer) "Synced", 20000));
  g_assert_cmpstr (mc_sync_indicator_get_label (window->sync_indicator), ==, "");
  g_assert_false (mc_sync_banner_get_revealed (banner ()));
}

static gboolean
queue_shows_all (gpointer data)
{
  McWindow *window = main_window ();

  return window != NULL
         && g_list_model_get_n_items (G_LIST_MODEL (window->model)) == MC_TRAINING_DOSSIERS;
}

static void
test_queue_filled (void)
{
  g_assert_true (mc_test_wait (queue_shows_all, NULL, 20000));
}

static void
test_cut_one (void)
{
  McWindow *window = main_window ();
  McSyncIndicator *indicator = window->sync_indicator;
  SyncWatch watch = { "g09", FALSE };
  gulong handler;

  gtk_widget_activate_action (GTK_WIDGET (window), "app.trainer-panel", NULL);
  g_assert_nonnull (trainer_panel ());
  set_connected ("g09", FALSE);
  if (!mc_test_wait (settled_offline, (gpointer) "g09", 20000))
    g_error ("g09 never showed as offline");
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (!g_str_equal (sources[i], "g09"))
      g_assert_cmpint (mc_sync_source_row_get_settled_state (row (sources[i])), ==, MC_SYNC_STATE_IDLE);
  /* One ministry down is not "offline": the others sync. Its banner over the list names it,
   * the indicator too. */
  g_assert_false (mc_sync_indicator_get_offline (indicator));
  g_assert_true (mc_test_wait (banner_is, GINT_TO_POINTER (TRUE), 20000));
  g_assert_cmpstr (mc_sync_banner_get_text (banner ()), ==,
                   "Home Affairs cannot be reached — your actions are saved and will be sent when the connection returns");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row ("g09"))),
                            mc_sync_state_label (MC_SYNC_STATE_OFFLINE)));
  g_assert_cmpstr (mc_sync_indicator_get_summary (indicator), ==, "Home Affairs cannot be reached");

  /* The trainer panel as the trainer sees it, and the popover, open, for the record. */
  gtk_window_present (GTK_WINDOW (trainer_panel ()));
  mc_test_wait_frame (GTK_WIDGET (trainer_panel ()));
  training_test_screenshot ("screenshot-trainer-panel.png");
  gtk_window_present (GTK_WINDOW (window));
  gtk_menu_button_popup (mc_sync_indicator_get_button (indicator));
  mc_test_wait_frame (GTK_WIDGET (gtk_menu_button_get_popover (mc_sync_indicator_get_button (indicator))));
  mc_test_wait_frame (GTK_WIDGET (window));
  training_test_screenshot ("screenshot-sync-popover.png");
  gtk_menu_button_popdown (mc_sync_indicator_get_button (indicator));

  /* Restored: it syncs again, by itself. */
  handler = g_signal_connect (mc_application_get_sync_engine (fx.app), "source-changed",
                              G_CALLBACK (on_source_changed), &watch);
  set_connected ("g09", TRUE);
  if (!mc_test_wait (synced_again, &watch, 20000))
    g_error ("g09 never synced again after its connection came back");
  g_signal_handler_disconnect (mc_application_get_sync_engine (fx.app), handler);
  g_assert_cmpint (mc_sync_source_row_get_settled_state (row ("g09")), ==, MC_SYNC_STATE_IDLE);
  g_assert_cmpint (stored_count ("g09"), ==, served_count ("g09"));
  g_assert_true (mc_test_wait (banner_is, GINT_TO_POINTER (FALSE), 20000));
}

static gboolean
all_settled_offline (gpointer data)
{
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (!settled_offline ((gpointer) sources[i]))
      return FALSE;
  return TRUE;
}

/* Every source seen syncing since the watch began, and all idle now. */
typedef struct
{
  GHashTable *seen;
} AllWatch;

static void
on_any_changed (McSyncEngine *engine,
                const char   *id,
                AllWatch     *watch)
{
  McSyncProgress p;

  if (mc_sync_engine_get_progress (engine, id, &p) && p.state == MC_SYNC_STATE_SYNCING)
    g_hash_table_add (watch->seen, g_strdup (id));
}

static gboolean
all_synced_again (gpointer data)
{
  AllWatch *watch = data;

  return g_hash_table_size (watch->seen) == G_N_ELEMENTS (sources) && all_synced (NULL);
}

static gboolean
all_tried (gpointer data)
{
  AllWatch *watch = data;

  if (g_hash_table_size (watch->seen) != G_N_ELEMENTS (sources) || !all_settled_offline (NULL))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (mc_sync_source_row_get_state (row (sources[i])) == MC_SYNC_STATE_SYNCING)
      return FALSE;
  return TRUE;
}

static void
test_all_offline_banner (void)
{
  McSyncIndicator *indicator = main_window ()->sync_indicator;

  g_assert_false (mc_sync_banner_get_revealed (banner ()));
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    set_connected (sources[i], FALSE);
  if (!mc_test_wait (all_settled_offline, NULL, 30000))
    g_error ("the five ministry systems never all showed as offline");
  if (!mc_test_wait (banner_is, GINT_TO_POINTER (TRUE), 5000))
    g_error ("no offline banner with every ministry system cut");
  g_assert_true (mc_sync_indicator_get_offline (indicator));
  gtk_window_present (GTK_WINDOW (main_window ()));
  if (!mc_test_wait (banner_height_is_positive, GINT_TO_POINTER (TRUE), 5000))
    g_error ("the offline banner never slid in");
  mc_test_wait_frame (GTK_WIDGET (banner ()));
  training_test_screenshot ("screenshot-offline-banner.png");

  /* "Try Again" tries every source at once; still cut, they stay unreachable. */
  {
    AllWatch all = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
    gulong handler = g_signal_connect (mc_application_get_sync_engine (fx.app), "source-changed",
                                       G_CALLBACK (on_any_changed), &all);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (banner ()), "banner.retry", NULL));
    if (!mc_test_wait (all_tried, &all, 20000))
      g_error ("“Try Again” did not try every source");
    g_signal_handler_disconnect (mc_application_get_sync_engine (fx.app), handler);
    g_hash_table_unref (all.seen);
    g_assert_true (mc_sync_banner_get_revealed (banner ()));
  }

  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    set_connected (sources[i], TRUE);
  wait_all_synced ();
  if (!mc_test_wait (banner_is, GINT_TO_POINTER (FALSE), 5000)
      || !mc_test_wait (banner_height_is_positive, GINT_TO_POINTER (FALSE), 5000))
    g_error ("the offline banner stayed after every connection came back");
  g_assert_false (mc_sync_indicator_get_offline (indicator));
}

static gboolean
settled_error (gpointer data)
{
  return row (data) != NULL && mc_sync_source_row_get_settled_state (row (data)) == MC_SYNC_STATE_ERROR;
}

/* A ministry that answers with errors shows as such (with the server's message), alone; an
 * ended session is signed into again by the connector without the official noticing. */
static void
test_errors_and_session (void)
{
  McTrainerPanel *panel = trainer_panel ();
  McSyncEngine *engine = mc_application_get_sync_engine (fx.app);
  SyncWatch watch = { "g18", FALSE };
  McSyncProgress p;
  g_autofree char *said = NULL;
  gulong handler;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "trainer.set-failing", "(su)", "g18", 1u));
  if (!mc_test_wait (settled_error, (gpointer) "g18", 20000))
    g_error ("g18 never showed its errors");
  g_assert_true (mc_sync_engine_get_progress (engine, "g18", &p));
  g_assert_nonnull (p.message);
  said = mc_format_system_message (p.message);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row ("g18"))), said));
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    if (!g_str_equal (sources[i], "g18"))
      g_assert_cmpint (mc_sync_source_row_get_settled_state (row (sources[i])), ==, MC_SYNC_STATE_IDLE);
  g_assert_false (mc_sync_banner_get_revealed (banner ()));

  handler = g_signal_connect (engine, "source-changed", G_CALLBACK (on_source_changed), &watch);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "trainer.set-failing", "(su)", "g18", 0u));
  if (!mc_test_wait (synced_again, &watch, 20000))
    g_error ("g18 never synced again once its errors stopped");

  watch.id = "g21";
  watch.seen_syncing = FALSE;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "trainer.expire-session", "s", "g21"));
  if (!mc_test_wait (synced_again, &watch, 20000))
    g_error ("g21 never synced again after its session ended");
  g_signal_handler_disconnect (engine, handler);
  g_assert_cmpint (mc_sync_source_row_get_settled_state (row ("g21")), ==, MC_SYNC_STATE_IDLE);
}

/* The popover's buttons: one source now, then all of them. */
static void
test_sync_now (void)
{
  McSyncIndicator *indicator = main_window ()->sync_indicator;
  McSyncEngine *engine = mc_application_get_sync_engine (fx.app);
  SyncWatch watch = { "g03", FALSE };
  AllWatch all = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  gulong one, every;

  one = g_signal_connect (engine, "source-changed", G_CALLBACK (on_source_changed), &watch);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (indicator), "sync.now", "s", "g03"));
  if (!mc_test_wait (synced_again, &watch, 20000))
    g_error ("“Sync now” on g03 did not sync it");
  g_signal_handler_disconnect (engine, one);

  every = g_signal_connect (engine, "source-changed", G_CALLBACK (on_any_changed), &all);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (indicator), "sync.now", "s", ""));
  if (!mc_test_wait (all_synced_again, &all, 30000))
    g_error ("“Sync all now” did not sync every source");
  g_signal_handler_disconnect (engine, every);
  g_hash_table_unref (all.seen);
}

static gboolean
tried_and_offline (gpointer data)
{
  SyncWatch *watch = data;

  return watch->seen_syncing && settled_offline ((gpointer) watch->id)
         && mc_sync_source_row_get_state (row (watch->id)) != MC_SYNC_STATE_SYNCING;
}

static gboolean
row_not_waiting (gpointer data)
{
  return strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row (data))), "waiting") == NULL;
}

/* The point of it all: with a ministry cut off, the trainee's action succeeds locally, the
 * popover counts it as waiting, and it reaches the ministry once the connection is back. */
static void
test_offline_work_sent_later (void)
{
  g_autofree char *path = mc_store_profile_path (profile_dir ());
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);
  McSyncEngine *engine = mc_application_get_sync_engine (fx.app);
  McSyncIndicator *indicator = main_window ()->sync_indicator;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(McDossier) local = NULL, served = NULL;
  g_autoptr(GError) error = NULL;
  McStoreFilter filter = { .source_id = "g09" };
  SyncWatch watch = { "g09", FALSE };
  McActionInput input = { 0 };
  McAction action = 0;
  McStatus target = 0;
  McSimDialect dialect;
  gint64 id = 0;
  gulong handler;

  /* A g09 dossier with a next step that needs nothing typed and changes its status. */
  ids = mc_store_list (store, &filter, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len && id == 0; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), NULL);
      g_autoptr(GArray) allowed = mc_store_actions_allowed (store, d->id, NULL);

      for (guint k = 0; allowed && k < allowed->len && id == 0; k++)
        {
          McAction a = g_array_index (allowed, McAction, k);

          if (mc_action_needs (a) == 0 && mc_transition_target (d->status, a) != d->status)
            id = d->id, action = a, target = mc_transition_target (d->status, a);
        }
    }
  g_assert_cmpint (id, >, 0);

  set_connected ("g09", FALSE);
  if (!mc_test_wait (settled_offline, (gpointer) "g09", 20000))
    g_error ("g09 never showed as offline");
  g_assert_true (mc_store_apply_action (store, id, action, &input, "Học viên", &error));
  g_assert_no_error (error);
  local = mc_store_get_dossier (store, id, NULL);
  g_assert_cmpint (local->status, ==, target);

  handler = g_signal_connect (engine, "source-changed", G_CALLBACK (on_source_changed), &watch);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (indicator), "sync.now", "s", "g09"));
  if (!mc_test_wait (tried_and_offline, &watch, 20000))
    g_error ("g09 was never tried while cut off");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row ("g09"))),
                            "1 action waiting to be sent"));

  watch.seen_syncing = FALSE;
  set_connected ("g09", TRUE);
  if (!mc_test_wait (synced_again, &watch, 20000))
    g_error ("g09 never synced again after its connection came back");
  g_signal_handler_disconnect (engine, handler);
  /* The outbox is counted again once the change stream says it changed. */
  g_assert_true (mc_test_wait (row_not_waiting, (gpointer) "g09", 20000));
  g_assert_true (mc_sim_dialect_from_name ("g09", &dialect));
  served = mc_sim_get_dossier (sim (), dialect, local->number);
  g_assert_nonnull (served);
  g_assert_cmpint (served->status, ==, target);
}

typedef struct
{
  gint64 id;
  McStatus status;
} StatusWait;

static gboolean
stored_status_is (gpointer data)
{
  StatusWait *w = data;
  g_autoptr(McDossier) d = mc_store_get_dossier (mc_window_get_store (main_window ()), w->id, NULL);

  return d != NULL && d->status == w->status;
}

/* Changes the dossier first listed, as another official would, through the panel; returns
 * its number and its status before. */
static McDossier *
change_first_dossier (void)
{
  McWindow *window = main_window ();
  McSimDialect dialect;
  g_autoptr(McDossier) before = NULL;
  g_autoptr(McDossier) served = NULL;
  StatusWait w;

  /* The first listed that another official can still move on. */
  for (guint i = 0; before == NULL; i++)
    {
      g_autoptr(McDossier) d = NULL;
      g_autoptr(GArray) next = NULL;

      g_assert_cmpuint (i, <, g_list_model_get_n_items (G_LIST_MODEL (window->model)));
      w.id = mc_queue_model_get_id (window->model, i);
      d = mc_store_get_dossier (mc_window_get_store (window), w.id, NULL);
      g_assert_nonnull (d);
      if ((next = mc_transition_actions_from (d->status)) != NULL && next->len > 0)
        before = g_steal_pointer (&d);
    }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.open-dossier", "x", w.id);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (window->dossier_view), ==, w.id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trainer_panel ()), "trainer.change-selected", NULL));

  g_assert_true (mc_sim_dialect_from_name (before->source_id, &dialect));
  served = mc_sim_get_dossier (sim (), dialect, before->number);
  g_test_message ("changing %s of %s", before->number, before->source_id);
  g_assert_nonnull (served);
  g_assert_cmpint (served->status, !=, before->status);
  w.status = served->status;
  if (!mc_test_wait (stored_status_is, &w, 20000))
    g_error ("the other official's change never reached the store");
  return g_steal_pointer (&before);
}

static void
test_change_dossier (void)
{
  g_autoptr(McDossier) before = change_first_dossier ();

  g_test_message ("%s changed from status %d", before->number, before->status);
}

static gboolean
new_window_synced (gpointer data)
{
  return main_window () != NULL && main_window () != data && all_synced (NULL);
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) training_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static void
test_reset (void)
{
  McWindow *old = main_window ();
  g_autoptr(McDossier) before = change_first_dossier ();
  g_autoptr(McDossier) changed = NULL;
  g_autoptr(GHashTable) now = NULL;
  McSimDialect dialect;
  g_autoptr(McDossier) after = NULL;
  AdwMessageDialog *dialog;
  sqlite3 *db;
  g_autofree char *sql = NULL;

  /* A sandbox that has moved: a changed dossier and a cut connection. */
  g_assert_true (mc_sim_dialect_from_name (before->source_id, &dialect));
  changed = mc_sim_get_dossier (sim (), dialect, before->number);
  set_connected ("g16", FALSE);
  if (!mc_test_wait (settled_offline, (gpointer) "g16", 20000))
    g_error ("g16 never showed as offline");

  /* Asked first: cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trainer_panel ()), "trainer.reset", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (main_window () == old);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (trainer_panel ()), "trainer.reset", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "reset");
  gtk_window_destroy (GTK_WINDOW (dialog));
  if (!mc_test_wait (new_window_synced, old, 60000))
    g_error ("the sandbox never came back after the reset");

  /* The starting counts, the starting data, every connection back. */
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      g_assert_cmpint (stored_count (sources[i]), ==, served_count (sources[i]));
      g_assert_true (mc_training_get_connected (mc_application_get_training (fx.app), sources[i]));
    }
  g_assert_cmpint (stored_count (NULL), ==, MC_TRAINING_DOSSIERS);
  g_assert_true (mc_window_get_training (main_window ()));
  /* The ministry systems serve exactly what they served at the start, and the profile holds
   * it: the changed dossier is back to its starting status in both. */
  now = training_test_snapshot (sim ());
  training_test_assert_same (fx.start, now);
  g_assert_true (mc_sim_dialect_from_name (before->source_id, &dialect));
  after = mc_sim_get_dossier (sim (), dialect, before->number);
  g_assert_nonnull (after);
  g_assert_cmpstr (after->server_version, !=, changed->server_version);
  db = mc_test_open_db (profile_dir ());
  sql = g_strdup_printf ("SELECT status FROM dossiers WHERE number = '%s'", before->number);
  g_assert_cmpint (mc_test_query_int (db, sql), ==, after->status);
  sqlite3_close (db);
  g_assert_true (mc_test_wait (queue_shows_all, NULL, 20000));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  /* A data home of the test's own before anything reads it: the training profile lives in
   * it, never in the developer's. The simulator's clock-driven activity is off so that the
   * counts compare exactly. */
  fx.data_home = g_dir_make_tmp ("motcua-training-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", fx.data_home, TRUE);
  g_setenv ("MC_TRAINING_ACTIVITY", "0", TRUE);
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);
  training_test_quiet_notifications ();

  fx.app = mc_application_new ();
  g_application_set_flags (G_APPLICATION (fx.app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (fx.app), NULL, &error);
  g_assert_no_error (error);
  /* Started as `motcua` is, on the default profile of a new user: no ministry system. */
  g_application_activate (G_APPLICATION (fx.app));

  g_test_add_func ("/training/progress-text", test_progress_text);
  g_test_add_func ("/training/first-start-choice", test_first_start_choice);
  g_test_add_func ("/training/opens-marked", test_opens_marked);
  g_test_add_func ("/training/first-sync", test_first_sync);
  g_test_add_func ("/training/queue-filled", test_queue_filled);
  g_test_add_func ("/training/sync-now", test_sync_now);
  g_test_add_func ("/training/cut-one", test_cut_one);
  g_test_add_func ("/training/all-offline-banner", test_all_offline_banner);
  g_test_add_func ("/training/errors-and-session", test_errors_and_session);
  g_test_add_func ("/training/offline-work-sent-later", test_offline_work_sent_later);
  g_test_add_func ("/training/change-dossier", test_change_dossier);
  g_test_add_func ("/training/reset", test_reset);
  status = g_test_run ();

  mc_test_shut_down (&fx.app);
  g_clear_pointer (&fx.start, g_hash_table_unref);
  {
    const char *rm[] = { "rm", "-rf", fx.data_home, NULL };

    g_spawn_sync (NULL, (char **) rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (fx.data_home);
  return status;
}
