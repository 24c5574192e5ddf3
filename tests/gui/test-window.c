/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"
#include "mc-queue-cell.h"
#include "mc-queue-row.h"
#include "mc-sample.h"
#include "mc-time.h"
#include "mc-window-private.h"

/* The main window on a generated profile, driven through its actions, its search entry and
 * real key presses, checked against the store and against SQL of the test's own. */

#define N_DOSSIERS 4000

static struct {
  char *profile;
  McApplication *app;
  McWindow *window;
  McStore *store;   /* the test's own connection, to ask the store what it reports */
  sqlite3 *db;      /* and a raw one, for facts independent of the store's queries */
  GPtrArray *held;  /* rows entry_at() handed out */
} fx;

static void
select_view (McQueueView view)
{
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.select-view", "i", (int) view);
  g_assert_cmpint (mc_queue_model_get_view (fx.window->model), ==, view);
}

static guint
n_rows (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (fx.window->model));
}

/* The entry at @position, valid until the list changes: the test holds the row (the model
 * keeps rows only while someone does). */
static const McQueueEntry *
entry_at (guint position)
{
  McQueueRow *row = g_list_model_get_item (G_LIST_MODEL (fx.window->model), position);

  g_assert_nonnull (row);
  g_ptr_array_add (fx.held, row);
  return mc_queue_row_get_entry (row);
}

/* The list starts with the rows of a screen (mc-queue-list.c): all of them once it is shown. */
static gboolean
list_shows_all (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (mc_queue_list_get_selection (fx.window->queue_view))) == n_rows ();
}

static void
test_opens (void)
{
  gint64 total = mc_test_query_int (fx.db, "SELECT count(*) FROM dossiers");

  mc_test_wait_frame (GTK_WIDGET (fx.window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fx.window)));
  g_assert_cmpint (total, ==, N_DOSSIERS);
  g_assert_cmpint (mc_queue_model_get_view (fx.window->model), ==, MC_QUEUE_ALL);
  g_assert_cmpuint (n_rows (), ==, total);
  g_assert_true (mc_test_wait (list_shows_all, NULL, 10000));
  /* Newest receipt first, as the header's sort indicator says. */
  g_assert_cmpint (entry_at (0)->received_at, >=, entry_at (n_rows () - 1)->received_at);
}

static void
test_view_counts (void)
{
  McSidebar *sidebar = fx.window->sidebar;
  gint64 now = mc_time_now ();
  gint64 sum = 0;

  mc_test_wait_counts (fx.window);
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    {
      gint64 expected = mc_store_queue_count (fx.store, v, NULL, now, NULL);

      g_test_message ("%s: %" G_GINT64_FORMAT, mc_queue_view_id (v), expected);
      g_assert_cmpint (expected, >=, 0);
      g_assert_cmpint (mc_test_parse_count (mc_sidebar_get_view_count_text (sidebar, v)), ==, expected);
      select_view (v);
      g_assert_cmpuint (n_rows (), ==, expected);
    }
  /* Plain facts from SQL, so that the views are not only consistent with themselves. */
  g_assert_cmpint (mc_store_queue_count (fx.store, MC_QUEUE_PROCESSING, NULL, now, NULL), ==,
                   mc_test_query_int (fx.db, "SELECT count(*) FROM dossiers WHERE status = 4"));
  g_assert_cmpint (mc_store_queue_count (fx.store, MC_QUEUE_ALL, NULL, now, NULL), ==, N_DOSSIERS);
  g_assert_cmpint (mc_store_queue_count (fx.store, MC_QUEUE_OVERDUE, NULL, now, NULL), >, 0);
  g_assert_cmpint (mc_store_queue_count (fx.store, MC_QUEUE_WAITING, NULL, now, NULL), ==,
                   mc_test_query_int (fx.db, "SELECT count(*) FROM dossiers WHERE status = 1"));

  /* The ministry filter: every ministry's count, and the views counted within one ministry. */
  select_view (MC_QUEUE_ALL);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.ministry", "s", "G09");
  g_assert_cmpstr (mc_queue_model_get_ministry (fx.window->model), ==, "G09");
  g_assert_cmpuint (n_rows (), ==, mc_store_queue_count (fx.store, MC_QUEUE_ALL, "G09", now, NULL));
  mc_test_wait_counts (fx.window);
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    g_assert_cmpint (mc_test_parse_count (mc_sidebar_get_view_count_text (sidebar, v)), ==,
                     mc_store_queue_count (fx.store, v, "G09", now, NULL));
  for (int i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM dossiers d JOIN sources s ON s.id = d.source_id"
                                              " WHERE s.ministry = '%s'", mc_queue_ministries[i]);
      gint64 expected = mc_test_query_int (fx.db, sql);

      g_assert_cmpint (expected, >, 0);
      g_assert_cmpint (mc_test_parse_count (mc_sidebar_get_ministry_count_text (sidebar, i + 1)), ==, expected);
      sum += expected;
    }
  g_assert_cmpint (mc_test_parse_count (mc_sidebar_get_ministry_count_text (sidebar, 0)), ==, sum);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.ministry", "s", "");
  g_assert_null (mc_queue_model_get_ministry (fx.window->model));
  g_assert_cmpuint (n_rows (), ==, N_DOSSIERS);
}

static void
test_search_dang (void)
{
  gint64 dang = mc_test_query_int (fx.db, "SELECT count(*) FROM dossiers WHERE applicant_name LIKE 'Đặng %'");
  guint found = 0, n_dang;

  g_assert_cmpint (dang, >, 0);
  /* With the sort orders in, the search runs on two connections, a half of the table each. */
  mc_test_wait_prepared (fx.window);
  select_view (MC_QUEUE_ALL);
  mc_test_search (fx.window, "dang");
  g_assert_cmpuint (n_rows (), >=, dang);
  g_assert_cmpuint (n_rows (), <, N_DOSSIERS);
  for (guint i = 0; i < n_rows (); i++)
    if (g_str_has_prefix (entry_at (i)->applicant_name, "Đặng "))
      found++;
  g_assert_cmpuint (found, ==, dang);
  /* Still in the view's order. */
  for (guint i = 1; i < n_rows (); i++)
    g_assert_cmpint (entry_at (i - 1)->received_at, >=, entry_at (i)->received_at);

  /* Diacritics typed or not, the same rows. */
  n_dang = n_rows ();
  mc_test_search (fx.window, "ĐẶNG");
  g_assert_cmpuint (n_rows (), ==, n_dang);

  /* Within a view: the search narrows the current view only. */
  select_view (MC_QUEUE_PROCESSING);
  for (guint i = 0; i < n_rows (); i++)
    g_assert_cmpint (entry_at (i)->status, ==, MC_STATUS_PROCESSING);

  mc_test_search (fx.window, "zzzqqqxx");
  g_assert_cmpuint (n_rows (), ==, 0);
  mc_test_search (fx.window, "");
  select_view (MC_QUEUE_ALL);
  g_assert_cmpuint (n_rows (), ==, N_DOSSIERS);
}

/* The texts of the number cells on screen. */
static void
collect_numbers (GtkWidget *widget,
                 GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (MC_IS_QUEUE_CELL (widget) && g_strcmp0 (mc_queue_list_get_cell_column (widget), "number") == 0)
    {
      g_ptr_array_add (texts, g_strdup (mc_queue_cell_get_text (MC_QUEUE_CELL (widget))));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    collect_numbers (child, texts);
}

/* A search keeps GTK's row widgets: the model's rows take the hits and say "changed", and the
 * cells follow them. Every number on screen is a hit's. */
static void
test_cells_follow_rows (void)
{
  g_autoptr(GHashTable) hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) shown = g_ptr_array_new_with_free_func (g_free);

  select_view (MC_QUEUE_ALL);
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  mc_test_search (fx.window, "dang");
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  g_assert_cmpuint (n_rows (), >, 0);
  for (guint i = 0; i < n_rows (); i++)
    g_hash_table_add (hits, g_strdup (entry_at (i)->number));
  collect_numbers (GTK_WIDGET (fx.window->queue_view), shown);
  g_assert_cmpuint (shown->len, >, 0);
  for (guint i = 0; i < shown->len; i++)
    if (!g_hash_table_contains (hits, g_ptr_array_index (shown, i)))
      g_error ("%s is on screen, not a hit of the search", (char *) g_ptr_array_index (shown, i));
  mc_test_search (fx.window, "");
}

/* Enter in the search entry: the key binding of the entry's text widget emits "activate". */
static void
press_enter (GtkWidget *entry)
{
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
}

/* A header click sorts in SQLite (or the orders in memory), both ways, in every view. */
static void
test_sort (void)
{
  McQueueList *list = fx.window->queue_view;
  GtkColumnView *column_view = mc_queue_list_get_column_view (list);
  McQueueModel *model = fx.window->model;
  McQueueSort sort;
  gboolean descending;

  select_view (MC_QUEUE_PROCESSING);
  gtk_column_view_sort_by_column (column_view, mc_queue_list_get_sort_column (list, MC_QUEUE_SORT_NUMBER),
                                  GTK_SORT_ASCENDING);
  mc_queue_model_get_sort (model, &sort, &descending);
  g_assert_cmpint (sort, ==, MC_QUEUE_SORT_NUMBER);
  g_assert_false (descending);
  g_assert_cmpuint (n_rows (), ==, mc_store_queue_count (fx.store, MC_QUEUE_PROCESSING, NULL, mc_time_now (), NULL));
  for (guint i = 1; i < n_rows (); i++)
    g_assert_cmpint (g_ascii_strcasecmp (entry_at (i - 1)->number, entry_at (i)->number), <=, 0);

  gtk_column_view_sort_by_column (column_view, mc_queue_list_get_sort_column (list, MC_QUEUE_SORT_DUE),
                                  GTK_SORT_DESCENDING);
  mc_queue_model_get_sort (model, &sort, &descending);
  g_assert_cmpint (sort, ==, MC_QUEUE_SORT_DUE);
  g_assert_true (descending);
  for (guint i = 1; i < n_rows (); i++)
    g_assert_cmpint (entry_at (i - 1)->due_at, >=, entry_at (i)->due_at);
  for (guint i = 0; i < n_rows (); i++)
    g_assert_cmpint (entry_at (i)->status, ==, MC_STATUS_PROCESSING);

  gtk_column_view_sort_by_column (column_view, mc_queue_list_get_sort_column (list, MC_QUEUE_SORT_RECEIVED),
                                  GTK_SORT_DESCENDING);
  select_view (MC_QUEUE_ALL);
}

static void
test_enter_opens (void)
{
  McDossierView *detail = fx.window->dossier_view;
  GtkWidget *entry = GTK_WIDGET (fx.window->search_entry);
  g_autofree char *id_number = mc_test_query_text (fx.db,
    "SELECT id_number FROM dossiers GROUP BY id_number HAVING count(*) = 1 ORDER BY id_number LIMIT 1");
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM dossiers WHERE id_number = '%s'", id_number);
  gint64 id = mc_test_query_int (fx.db, sql);
  g_autofree char *number = mc_test_query_text (fx.db, "SELECT number FROM dossiers WHERE status = 10 ORDER BY id LIMIT 1");
  g_autofree char *sql2 = g_strdup_printf ("SELECT id FROM dossiers WHERE number = '%s'", number);
  gint64 returned_id = mc_test_query_int (fx.db, sql2);

  g_assert_nonnull (id_number);
  g_assert_cmpint (strlen (id_number), ==, 12);

  /* A scanner types the ID number and Enter, faster than the search delay. */
  select_view (MC_QUEUE_ALL);
  gtk_editable_set_text (GTK_EDITABLE (entry), id_number);
  press_enter (entry);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (detail), ==, id);
  g_assert_cmpstr (mc_dossier_view_get_dossier (detail)->id_number, ==, id_number);
  g_assert_cmpuint (n_rows (), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (mc_queue_list_get_selection (fx.window->queue_view)), ==, 0);

  /* A dossier number opens its dossier even when the current view does not hold it, and the
   * list goes to all dossiers to show it too, never "no matching dossier" beside it. */
  select_view (MC_QUEUE_WAITING);
  mc_sidebar_set_ministry (fx.window->sidebar, "G18");
  gtk_editable_set_text (GTK_EDITABLE (entry), number);
  press_enter (entry);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (detail), ==, returned_id);
  g_assert_cmpstr (mc_dossier_view_get_dossier (detail)->number, ==, number);
  g_assert_cmpint (mc_sidebar_get_view (fx.window->sidebar), ==, MC_QUEUE_ALL);
  g_assert_null (mc_sidebar_get_ministry (fx.window->sidebar));
  g_assert_cmpuint (n_rows (), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (mc_queue_list_get_selection (fx.window->queue_view)), ==, 0);

  mc_test_search (fx.window, "");
  select_view (MC_QUEUE_ALL);
}

static void
test_selection_shows_detail (void)
{
  GtkSingleSelection *selection = mc_queue_list_get_selection (fx.window->queue_view);
  McDossierView *detail = fx.window->dossier_view;

  select_view (MC_QUEUE_PROCESSING);
  for (guint position = 0; position < 40; position += 13)
    {
      gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), position, TRUE);
      g_assert_cmpint (mc_dossier_view_get_dossier_id (detail), ==, entry_at (position)->id);
      g_assert_cmpstr (mc_dossier_view_get_dossier (detail)->number, ==, entry_at (position)->number);
      g_assert_cmpint (mc_dossier_view_get_dossier (detail)->status, ==, MC_STATUS_PROCESSING);
      g_assert_cmpuint (mc_dossier_view_get_dossier (detail)->history->len, >=, 3);
    }
  mc_test_wait_frame (GTK_WIDGET (fx.window));
}

typedef struct
{
  GtkSingleSelection *selection;
  guint position;
} SelectedWait;

static gboolean
selected_is (gpointer data)
{
  SelectedWait *w = data;

  return gtk_single_selection_get_selected (w->selection) == w->position;
}

static gboolean
selected_beyond (gpointer data)
{
  SelectedWait *w = data;
  guint s = gtk_single_selection_get_selected (w->selection);

  return s != GTK_INVALID_LIST_POSITION && s > w->position;
}

static gboolean
view_is_processing (gpointer data)
{
  return mc_queue_model_get_view (fx.window->model) == MC_QUEUE_PROCESSING;
}

static gboolean
search_is_da (gpointer data)
{
  return g_strcmp0 (mc_queue_model_get_search (fx.window->model), "da") == 0;
}

static gboolean
search_is_empty (gpointer data)
{
  return mc_queue_model_get_search (fx.window->model) == NULL &&
         *gtk_editable_get_text (GTK_EDITABLE (fx.window->search_entry)) == '\0';
}

static void
test_keyboard (void)
{
  McQueueList *list = fx.window->queue_view;
  SelectedWait w = { mc_queue_list_get_selection (list), 0 };
  McDossierView *detail = fx.window->dossier_view;

  select_view (MC_QUEUE_ALL);
  mc_queue_list_select (list, 0);
  gtk_widget_grab_focus (GTK_WIDGET (list));
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  if (!mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_Down, 0, 3))
    {
      g_test_skip ("no X11 XTEST extension to type with");
      return;
    }
  w.position = 3;
  g_assert_true (mc_test_wait (selected_is, &w, 10000));
  g_assert_cmpint (mc_dossier_view_get_dossier_id (detail), ==, entry_at (3)->id);

  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_Page_Down, 0, 1);
  w.position = 4;
  g_assert_true (mc_test_wait (selected_beyond, &w, 10000));

  /* End reaches the last dossier of the whole list, not of the rows first shown. */
  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_End, 0, 1);
  w.position = n_rows () - 1;
  g_assert_true (mc_test_wait (selected_is, &w, 10000));
  g_assert_cmpint (mc_dossier_view_get_dossier_id (detail), ==, entry_at (n_rows () - 1)->id);

  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_Up, 0, 1);
  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_Home, 0, 1);
  w.position = 0;
  g_assert_true (mc_test_wait (selected_is, &w, 10000));

  /* Ctrl+4 is the processing view. */
  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_4, GDK_KEY_Control_L, 1);
  g_assert_true (mc_test_wait (view_is_processing, NULL, 10000));

  /* Typing in the list starts a search. */
  gtk_widget_grab_focus (GTK_WIDGET (list));
  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_d, 0, 1);
  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_a, 0, 1);
  g_assert_true (mc_test_wait (search_is_da, NULL, 10000));
  for (guint i = 0; i < MIN (n_rows (), 50); i++)
    g_assert_cmpint (entry_at (i)->status, ==, MC_STATUS_PROCESSING);

  /* Escape leaves the search. */
  mc_test_send_keys (GTK_WIDGET (fx.window), GDK_KEY_Escape, 0, 1);
  g_assert_true (mc_test_wait (search_is_empty, NULL, 10000));
  select_view (MC_QUEUE_ALL);
}

static gboolean
empty_page_shown (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_empty_state (void)
{
  GtkWidget *list = GTK_WIDGET (fx.window->queue_view);
  GtkWidget *page;

  mc_test_search (fx.window, "khongcoainaytenvay");
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  page = find_mapped (list, ADW_TYPE_STATUS_PAGE);
  g_assert_nonnull (page);
  g_assert_true (mc_test_wait (empty_page_shown, page, 5000));
  g_assert_nonnull (strstr (adw_status_page_get_description (ADW_STATUS_PAGE (page)), "khongcoainaytenvay"));
  mc_test_search (fx.window, "");
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  g_assert_null (find_mapped (list, ADW_TYPE_STATUS_PAGE));
}

static AdwLeaflet *
find_leaflet (GtkWidget *widget,
              int        depth)
{
  if (ADW_IS_LEAFLET (widget) && depth-- == 0)
    return ADW_LEAFLET (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      AdwLeaflet *found = find_leaflet (child, depth);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
leaflet_folded (gpointer data)
{
  return adw_leaflet_get_folded (data);
}

static gboolean
leaflet_unfolded (gpointer data)
{
  return !adw_leaflet_get_folded (data);
}

/* At 1024×600 the detail goes over the list: Enter on a row brings it, Escape takes it away. */
static void
test_narrow (void)
{
  AdwLeaflet *inner = find_leaflet (GTK_WIDGET (fx.window), 1);
  McQueueList *list = fx.window->queue_view;
  GtkWidget *list_pane, *detail_pane;

  g_assert_nonnull (inner);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1024, 600);
  g_assert_true (mc_test_wait (leaflet_folded, inner, 10000));
  list_pane = adw_leaflet_get_visible_child (inner);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (list), list_pane));

  select_view (MC_QUEUE_ALL);
  mc_queue_list_select (list, 1);
  g_signal_emit_by_name (mc_queue_list_get_column_view (list), "activate", 1);
  detail_pane = adw_leaflet_get_visible_child (inner);
  g_assert_true (gtk_widget_is_ancestor (GTK_WIDGET (fx.window->dossier_view), detail_pane));
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), ==, entry_at (1)->id);

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.back", NULL);
  g_assert_true (adw_leaflet_get_visible_child (inner) == list_pane);

  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1200, 760);
  g_assert_true (mc_test_wait (leaflet_unfolded, inner, 10000));
}

static void
test_shortcuts_window (void)
{
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fx.window));
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), "win.show-help-overlay");

  g_assert_nonnull (overlay);
  g_assert_nonnull (accels[0]);
  accels = (g_strfreev (accels), gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), "win.shortcut-view(4)"));
  g_assert_cmpstr (accels[0], ==, "<Control>4");
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.show-help-overlay", NULL);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (overlay)));
  gtk_window_close (GTK_WINDOW (overlay));
}

static GtkMenuButton *
find_primary_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_primary (GTK_MENU_BUTTON (widget)))
    return GTK_MENU_BUTTON (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_primary_menu (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Counts each action of @menu and its sections in @seen. */
static void
count_menu_actions (GMenuModel *menu,
                    GHashTable *seen)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL)
        count_menu_actions (section, seen);
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        g_hash_table_insert (seen, g_strdup (action),
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (seen, action)) + 1));
    }
}

/* The main menu offers each action once (it once had two entries that both started training). */
static void
test_main_menu (void)
{
  GtkMenuButton *button = find_primary_menu (GTK_WIDGET (fx.window));
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer action, count;

  g_assert_nonnull (button);
  count_menu_actions (gtk_menu_button_get_menu_model (button), seen);
  g_assert_true (g_hash_table_contains (seen, "app.training"));
  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &action, &count))
    if (GPOINTER_TO_UINT (count) != 1)
      g_error ("the main menu offers %s %u times", (const char *) action, GPOINTER_TO_UINT (count));
}

static void
test_screenshot (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            "gui", "screenshot-window.png", NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  select_view (MC_QUEUE_PROCESSING);
  mc_queue_list_select (fx.window->queue_view, 2);
  mc_test_wait_counts (fx.window);
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  g_assert_true (mc_test_save_png (GTK_WIDGET (fx.window), path));
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), >=, 1024);
  g_test_message ("screenshot: %s", path);
}

static gboolean
all_count_is (gpointer data)
{
  gint64 expected = *(gint64 *) data;
  McSidebar *sidebar = fx.window->sidebar;

  return n_rows () == expected &&
         mc_test_parse_count (mc_sidebar_get_view_count_text (sidebar, MC_QUEUE_ALL)) == expected;
}

/* Another program (the sync engine, motcuactl) adds a dossier: the list and the counts follow
 * without anyone touching the window. */
static void
test_live_update (void)
{
  g_autoptr(McDossier) d = mc_sample_dossier (7, 900000, mc_time_now ());
  g_autoptr(GError) error = NULL;
  gint64 expected = N_DOSSIERS + 1;
  guint position;

  select_view (MC_QUEUE_ALL);
  mc_test_search (fx.window, "");
  mc_store_insert_dossier (fx.store, d, &error);
  g_assert_no_error (error);
  g_assert_true (mc_test_wait (all_count_is, &expected, 20000));
  position = mc_queue_model_find (fx.window->model, d->id);
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpstr (entry_at (position)->number, ==, d->number);
}

static gboolean
model_holds (gpointer data)
{
  return mc_queue_model_find (fx.window->model, *(gint64 *) data) != GTK_INVALID_LIST_POSITION;
}

/* The same in a view of part of the queue, sorted: the list is read again in the worker
 * thread with the sort orders kept (no SQLite sort on the main loop meanwhile), and shows the
 * view as SQLite orders it. */
static void
test_live_update_sorted_view (void)
{
  McQueueModel *model = fx.window->model;
  g_autoptr(McDossier) d = mc_sample_dossier (8, 900001, mc_time_now ());
  McQueueQuery query = { .view = MC_QUEUE_PROCESSING, .sort = MC_QUEUE_SORT_APPLICANT, .now = mc_time_now () };
  g_autoptr(GArray) expected = NULL;
  g_autoptr(GError) error = NULL;

  select_view (MC_QUEUE_PROCESSING);
  g_assert_true (mc_queue_model_set_sort (model, MC_QUEUE_SORT_APPLICANT, FALSE, &error));
  mc_test_wait_prepared (fx.window);
  d->status = MC_STATUS_PROCESSING;
  mc_store_insert_dossier (fx.store, d, &error);
  g_assert_no_error (error);
  g_assert_true (mc_test_wait (model_holds, &d->id, 20000));
  g_assert_true (mc_queue_model_is_prepared (model));

  expected = mc_store_queue_list (fx.store, &query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows (), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpint (mc_queue_model_get_id (model, i), ==, g_array_index (expected, guint32, i));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.profile = mc_test_make_profile (N_DOSSIERS);
  fx.window = mc_test_open_window (&fx.app, fx.profile);
  {
    g_autofree char *path = g_build_filename (fx.profile, "motcua.db", NULL);
    fx.store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);
  }
  fx.db = mc_test_open_db (fx.profile);
  fx.held = g_ptr_array_new_with_free_func (g_object_unref);

  g_test_add_func ("/window/opens", test_opens);
  g_test_add_func ("/window/view-counts", test_view_counts);
  g_test_add_func ("/window/search-dang", test_search_dang);
  g_test_add_func ("/window/cells-follow-rows", test_cells_follow_rows);
  g_test_add_func ("/window/sort", test_sort);
  g_test_add_func ("/window/enter-opens", test_enter_opens);
  g_test_add_func ("/window/selection-shows-detail", test_selection_shows_detail);
  g_test_add_func ("/window/keyboard", test_keyboard);
  g_test_add_func ("/window/empty-state", test_empty_state);
  g_test_add_func ("/window/screenshot", test_screenshot);
  g_test_add_func ("/window/narrow", test_narrow);
  g_test_add_func ("/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/window/main-menu", test_main_menu);
  g_test_add_func ("/window/live-update", test_live_update);
  g_test_add_func ("/window/live-update-sorted-view", test_live_update_sorted_view);
  status = g_test_run ();

  g_ptr_array_unref (fx.held);
  gtk_window_destroy (GTK_WINDOW (fx.window));
  sqlite3_close (fx.db);
  g_clear_object (&fx.store);
  g_clear_object (&fx.app);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
