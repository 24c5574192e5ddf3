/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"
#include "mc-format.h"
#include "mc-preferences-window.h"
#include "mc-secrets.h"
#include "mc-sign-in-dialog.h"
#include "mc-source-editor.h"
#include "mc-sim.h"
#include "mc-store-sync.h"
#include "mc-store-calendar.h"
#include "mc-store-settings.h"
#include "mc-time.h"
#include "mc-window-private.h"
#include "model-test-util.h"

/* The Preferences window on a generated profile, driven through its rows and actions and
 * checked against the profile database (a connection of the test's own) and the queue's own
 * counts; the sources page against the embedded simulator and the real Secret Service; the
 * window's morning notification. */

#define N_DOSSIERS 1500
#define PINNED_NOW "2026-11-24 10:00"

static struct {
  char *profile;
  McApplication *app;
  McWindow *window;
  McStore *store;
  sqlite3 *db;
  McPreferencesWindow *prefs;
  gboolean notifications;
} fx;

static char *
build_path (const char *name)
{
  return g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".", "gui", name, NULL);
}

/* Whether the window's connection counts @day as a working day now. */
static gboolean
window_working_day (const GDate *day)
{
  g_autoptr(McCalendar) calendar = mc_store_get_calendar (mc_window_get_store (fx.window));

  return mc_calendar_is_working_day (calendar, day);
}

static gboolean
sent_at_least_one (gpointer data)
{
  return mc_due_notifier_get_n_sent (data) >= 1 && !mc_due_notifier_is_busy (data);
}

/* The window starts the morning notification once its first frame is up and its file is
 * checked (the notifier itself is tested without a window, in tests/model/test-due-notifier.c);
 * activating it opens the matching view. */
static void
test_due_notification (void)
{
  McDueNotifier *notifier = fx.window->due_notifier;
  gint64 due_today, overdue, now = mc_time_now ();

  if (!fx.notifications)
    {
      g_test_skip ("no D-Bus session to serve notifications on (run through build-aux/dev test)");
      return;
    }
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  g_assert_true (mc_test_wait (sent_at_least_one, notifier, 30000));
  g_assert_cmpuint (mc_due_notifier_get_n_sent (notifier), ==, 1);
  g_assert_nonnull (mc_due_notifier_get_last (notifier, &due_today, &overdue));
  g_assert_cmpint (due_today, ==, mc_store_queue_count (fx.store, MC_QUEUE_DUE_TODAY, NULL, now, NULL));
  g_assert_cmpint (overdue, ==, mc_store_queue_count (fx.store, MC_QUEUE_OVERDUE, NULL, now, NULL));
  model_test_assert_notified (1, due_today, overdue);

  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "show-view", g_variant_new_string ("overdue"));
  g_assert_cmpint (mc_queue_model_get_view (fx.window->model), ==, MC_QUEUE_OVERDUE);
  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "show-view", g_variant_new_string ("due-today"));
  g_assert_cmpint (mc_queue_model_get_view (fx.window->model), ==, MC_QUEUE_DUE_TODAY);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.select-view", "i", (int) MC_QUEUE_ALL);
}

static void
test_opens (void)
{
  g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fx.app), "app.preferences");

  g_assert_nonnull (accels);
  g_assert_cmpstr (accels[0], ==, "<Control>comma");
  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "preferences", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fx.app)); l != NULL; l = l->next)
    if (MC_IS_PREFERENCES_WINDOW (l->data))
      fx.prefs = l->data;
  g_assert_nonnull (fx.prefs);
  mc_test_wait_frame (GTK_WIDGET (fx.prefs));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fx.prefs)));
  g_assert_true (mc_preferences_window_get_window (fx.prefs) == fx.window);

  /* A second activation brings back the same window. */
  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "preferences", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (fx.app)); l != NULL; l = l->next)
    if (MC_IS_PREFERENCES_WINDOW (l->data))
      g_assert_true (l->data == (gpointer) fx.prefs);
}

/* Types @text into the row of @key and applies it, as Enter or the check mark does. */
static void
apply_row (const char *key,
           const char *text)
{
  GtkWidget *row = mc_preferences_window_get_row (fx.prefs, key);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  g_signal_emit_by_name (row, "apply");
}

static void
assert_setting (const char *key,
                const char *expected)
{
  g_autofree char *value = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_lookup_setting (fx.store, key, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, expected);
}

static void
test_identity (void)
{
  g_assert_nonnull (fx.prefs);
  apply_row ("official.name", "Nguyễn Thị Lan");
  apply_row ("official.title", "Công chức Văn phòng - Thống kê");
  apply_row ("official.department", "Bộ phận Một cửa xã Phú Lộc");
  apply_row ("office.unit", "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC");
  assert_setting ("official.name", "Nguyễn Thị Lan");
  assert_setting ("official.title", "Công chức Văn phòng - Thống kê");
  assert_setting ("official.department", "Bộ phận Một cửa xã Phú Lộc");
  assert_setting ("office.unit", "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC");
  /* Audited, and as the official now named. */
  g_assert_cmpint (mc_test_query_int (fx.db, "SELECT count(*) FROM audit WHERE action = 'settings-set'"
                                             " AND actor = 'Nguyễn Thị Lan'"), >=, 3);
  /* Emptied: back to the default. */
  apply_row ("office.unit", "");
  assert_setting ("office.unit", NULL);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (mc_preferences_window_get_row (fx.prefs, "office.unit"))),
                   ==, mc_settings_lookup ("office.unit")->default_value);
}

static const char *
find_row_subtitle (GtkWidget  *widget,
                   const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return adw_action_row_get_subtitle (ADW_ACTION_ROW (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      const char *found = find_row_subtitle (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
counts_settled (gpointer data)
{
  McQueueCounter *counter = fx.window->counter;

  return !mc_queue_counter_is_busy (counter) &&
         mc_queue_counter_get_view_count (counter, MC_QUEUE_DUE_SOON) == *(gint64 *) data;
}

static gboolean
time_left_is (gpointer data)
{
  return g_strcmp0 (find_row_subtitle (GTK_WIDGET (fx.window->dossier_view), "Time left"), data) == 0;
}

/* A dossier waiting for reception has no time left yet: the detail says how long it has
 * waited, as its row in the queue does. */
static void
test_waiting_time (void)
{
  gint64 id = mc_test_query_int (fx.db, "SELECT id FROM dossiers WHERE status = 1 AND submitted_at IS NOT NULL LIMIT 1");
  g_autoptr(McDossier) d = NULL;
  g_autofree char *expected = NULL;

  g_assert_cmpint (id, >, 0);
  d = mc_store_get_dossier (fx.store, id, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-dossier", "x", id);
  expected = mc_format_waited (d->submitted_at, mc_time_now ());
  g_assert_true (g_str_has_prefix (expected, "waiting "));
  g_assert_cmpstr (find_row_subtitle (GTK_WIDGET (fx.window->dossier_view), "Waiting time"), ==, expected);
  g_assert_null (find_row_subtitle (GTK_WIDGET (fx.window->dossier_view), "Time left"));
}

/* Office hours and the due-soon threshold: stored in the profile, and the shown dossier's time
 * left and the "due soon" view follow at once, told by the change stream. */
static void
test_office_hours (void)
{
  gint64 now = mc_time_now ();
  /* Due next week in the late afternoon: a shorter afternoon shortens the last day's part.
   * (Today, 24 November, is a holiday from 2026 on: the full days between are unchanged in
   * number, only in length.) */
  gint64 id = mc_test_query_int (fx.db, "SELECT id FROM dossiers WHERE status = 4 AND due_at > strftime('%s', '2026-11-30')"
                                        " AND (due_at + 25200) % 86400 BETWEEN 54000 AND 61140 ORDER BY due_at LIMIT 1");
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(McDossier) d = NULL;
  McDeadlineSettings settings;
  McUrgency urgency;
  gint64 soon_default, soon_wide;

  g_assert_cmpint (id, >, 0);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-dossier", "x", id);
  before = g_strdup (find_row_subtitle (GTK_WIDGET (fx.window->dossier_view), "Time left"));
  g_assert_nonnull (before);

  apply_row ("hours.afternoon", "15:00-17:00");
  assert_setting ("hours.afternoon", "15:00-17:00");
  g_assert_true (mc_store_load_deadline_settings (fx.store, &settings, NULL));
  g_assert_cmpint (settings.afternoon_start, ==, 15 * 60);
  d = mc_store_get_dossier (fx.store, id, NULL);
  {
    g_autoptr(McCalendar) calendar = mc_store_get_calendar (mc_window_get_store (fx.window));

    expected = mc_format_time_left_for (&settings, calendar, d->status, d->due_at, now, &urgency);
  }
  {
    g_autofree char *due = mc_time_format_short (d->due_at);

    g_autofree char *at = mc_time_format_short (now);

    g_test_message ("at %s, dossier %" G_GINT64_FORMAT " due %s: time left %s → %s", at, id, due, before, expected);
  }
  g_assert_true (mc_test_wait (time_left_is, expected, 20000));
  g_assert_cmpstr (before, !=, expected);

  /* The due-soon threshold moves the "due soon" view. */
  soon_default = mc_store_queue_count (fx.store, MC_QUEUE_DUE_SOON, NULL, now, NULL);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (mc_preferences_window_get_row (fx.prefs, "deadline.due-soon-hours")), 40);
  assert_setting ("deadline.due-soon-hours", "40");
  soon_wide = mc_store_queue_count (fx.store, MC_QUEUE_DUE_SOON, NULL, now, NULL);
  g_test_message ("due soon: %" G_GINT64_FORMAT " → %" G_GINT64_FORMAT, soon_default, soon_wide);
  g_assert_cmpint (soon_wide, >, soon_default);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.select-view", "i", (int) MC_QUEUE_DUE_SOON);
  g_assert_true (mc_test_wait (counts_settled, &soon_wide, 30000));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx.window->model)), ==, soon_wide);

  gtk_switch_set_active (GTK_SWITCH (mc_preferences_window_get_row (fx.prefs, "reception.saturday-morning")), TRUE);
  assert_setting ("reception.saturday-morning", "true");
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.select-view", "i", (int) MC_QUEUE_ALL);
}

static void
test_calendar (void)
{
  McCalendarEditor *editor = mc_preferences_window_get_calendar_editor (fx.prefs);
  GtkWidget *date_row = NULL;
  GDate day, official;

  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 15, 12, 2026);  /* a Tuesday */
  g_date_clear (&official, 1);
  g_date_set_dmy (&official, 1, 1, 2026);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fx.prefs), "calendar");
  g_assert_cmpint (mc_calendar_editor_get_year (editor), ==, 2026);
  g_assert_nonnull (mc_calendar_editor_get_origin_text (editor, &official));
  g_assert_null (mc_calendar_editor_get_origin_text (editor, &day));
  g_assert_true (window_working_day (&day));

  /* The form's date row is the first entry row of the page. */
  for (GtkWidget *w = GTK_WIDGET (editor); w != NULL && date_row == NULL;)
    {
      if (ADW_IS_ENTRY_ROW (w))
        date_row = w;
      else if (gtk_widget_get_first_child (w) != NULL)
        w = gtk_widget_get_first_child (w);
      else
        {
          while (w != NULL && gtk_widget_get_next_sibling (w) == NULL && w != GTK_WIDGET (editor))
            w = gtk_widget_get_parent (w);
          w = (w == NULL || w == GTK_WIDGET (editor)) ? NULL : gtk_widget_get_next_sibling (w);
        }
    }
  g_assert_nonnull (date_row);
  gtk_editable_set_text (GTK_EDITABLE (date_row), "15/12/2026");
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.add-day-off", NULL);

  g_assert_cmpstr (mc_calendar_editor_get_origin_text (editor, &day), ==, "local");
  g_assert_false (window_working_day (&day));
  g_assert_cmpint (mc_test_query_int (fx.db, "SELECT count(*) FROM calendar_days WHERE date = '2026-12-15'"
                                             " AND kind = 'off'"), ==, 1);
  g_assert_cmpint (mc_test_query_int (fx.db, "SELECT count(*) FROM audit WHERE action = 'calendar-set'"
                                             " AND detail LIKE '%2026-12-15%'"), ==, 1);

  /* Removing it is audited too, and the day works again. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.remove", "s", "2026-12-15");
  g_assert_null (mc_calendar_editor_get_origin_text (editor, &day));
  g_assert_true (window_working_day (&day));
  g_assert_cmpint (mc_test_query_int (fx.db, "SELECT count(*) FROM audit WHERE action = 'calendar-remove'"
                                             " AND detail LIKE '%2026-12-15%'"), ==, 1);

  /* Removing a holiday of the rules or the official table cancels it locally. */
  g_assert_false (window_working_day (&official));
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.remove", "s", "2026-01-01");
  g_assert_true (window_working_day (&official));
  g_assert_cmpstr (mc_calendar_editor_get_origin_text (editor, &official), ==, "local");
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.remove", "s", "2026-01-01");
  g_assert_false (window_working_day (&official));

  /* And the local day off stays for the screenshot. */
  gtk_editable_set_text (GTK_EDITABLE (date_row), "2026-12-15");
  gtk_widget_activate_action (GTK_WIDGET (editor), "calendar.add-day-off", NULL);
  g_assert_cmpstr (mc_calendar_editor_get_origin_text (editor, &day), ==, "local");
}

static gboolean
page_idle (gpointer data)
{
  return !mc_source_page_is_busy (data);
}

static gboolean
has_report (gpointer data)
{
  return mc_source_page_get_report (data, "g03-test") != NULL;
}

static void
close_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (w))
        gtk_window_close (GTK_WINDOW (w));
    }
}

/* The label under @widget that says @text. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return ADW_MESSAGE_DIALOG (w);
    }
  return NULL;
}

/* A source added in Preferences with a wrong password: "Test connection" says so, against the
 * simulator; removed, it takes its password out of the keyring. */
/* The keyring is cleared after the store commits, off the main loop: the page refreshes then. */
static gboolean
source_row_gone (gpointer data)
{
  return mc_source_page_get_row (MC_SOURCE_PAGE (data), "g03-test") == NULL;
}

static void
test_source_wrong_password (void)
{
  McSourcePage *page = mc_preferences_window_get_source_page (fx.prefs);
  g_autoptr(McSim) sim = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(McSource) stored = NULL;
  g_autofree char *url = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  McSourceEditor *editor;
  const McConnectionReport *report;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session for the Secret Service (run through build-aux/dev test)");
      return;
    }
  sim = mc_sim_new (7, 20, 1u << MC_SIM_DVCQG);
  g_assert_true (mc_sim_start (sim, 0, &error));
  g_assert_no_error (error);
  url = mc_sim_get_base_url (sim, MC_SIM_DVCQG);

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fx.prefs), "sources");
  gtk_widget_activate_action (GTK_WIDGET (page), "sources.add", NULL);
  editor = mc_source_page_get_editor (page);
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (mc_source_editor_get_row (editor, "id")), "g03-test");
  gtk_editable_set_text (GTK_EDITABLE (mc_source_editor_get_row (editor, "name")), "Giáo dục (thử)");
  adw_combo_row_set_selected (ADW_COMBO_ROW (mc_source_editor_get_row (editor, "ministry")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (mc_source_editor_get_row (editor, "dialect")), 1);
  gtk_editable_set_text (GTK_EDITABLE (mc_source_editor_get_row (editor, "url")), url);
  gtk_editable_set_text (GTK_EDITABLE (mc_source_editor_get_row (editor, "unit")), MC_SIM_UNIT_CODE);
  gtk_editable_set_text (GTK_EDITABLE (mc_source_editor_get_row (editor, "account")), "canbo.vhxh");
  gtk_editable_set_text (GTK_EDITABLE (mc_source_editor_get_row (editor, "password")), "not-the-password");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (editor), "save"));
  /* As the Save button does: the response, then the dialog closes. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (editor), "save");
  gtk_window_close (GTK_WINDOW (editor));
  g_assert_true (mc_test_wait (page_idle, page, 30000));

  stored = mc_store_get_source (fx.store, "g03-test", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->dialect, ==, "dvcqg");
  g_assert_cmpstr (stored->ministry, ==, "G03");
  g_assert_cmpstr (stored->base_url, ==, url);
  g_assert_nonnull (mc_source_page_get_row (page, "g03-test"));
  keyring = mc_secrets_new (mc_store_get_path (fx.store));
  password = mc_secrets_lookup_sync (keyring, "g03-test", MC_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, "not-the-password");
  g_clear_pointer (&password, mc_secrets_free);

  gtk_widget_activate_action (GTK_WIDGET (page), "sources.test", "s", "g03-test");
  g_assert_true (mc_test_wait (has_report, page, 30000));
  report = mc_source_page_get_report (page, "g03-test");
  g_test_message ("test connection: %s — %s", report->summary, report->detail ? report->detail : "");
  g_assert_cmpint (report->result, ==, MC_CONNECTION_WRONG_PASSWORD);
  g_assert_cmpstr (mc_source_page_get_status (page, "g03-test"), ==, "Wrong password");
  /* A short outcome on one line beside the system's name, not a word a line. */
  {
    GtkWidget *label = find_label (mc_source_page_get_row (page, "g03-test"), "Wrong password");

    g_assert_nonnull (label);
    mc_test_wait_frame (label);
    g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (GTK_LABEL (label))), ==, 1);
  }
  {
    g_autofree char *shot = build_path ("screenshot-preferences-test-connection.png");
    AdwMessageDialog *dialog = find_dialog ();

    g_assert_nonnull (dialog);
    g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Wrong password");
    mc_test_wait_frame (GTK_WIDGET (dialog));
    g_assert_true (mc_test_save_png (GTK_WIDGET (dialog), shot));
    g_test_message ("screenshot: %s", shot);
  }
  close_dialogs ();
  mc_test_wait_frame (GTK_WIDGET (fx.prefs));
  {
    g_autofree char *shot = build_path ("screenshot-preferences-sources-tested.png");

    g_assert_true (mc_test_save_png (GTK_WIDGET (fx.prefs), shot));
    g_test_message ("screenshot: %s", shot);
  }

  /* Removed (confirmed): the source and its password go. */
  gtk_widget_activate_action (GTK_WIDGET (page), "sources.remove", "s", "g03-test");
  g_assert_nonnull (find_dialog ());
  adw_message_dialog_response (find_dialog (), "remove");
  close_dialogs ();
  g_assert_true (mc_test_wait (source_row_gone, page, 10000));
  g_clear_pointer (&stored, mc_source_free);
  stored = mc_store_get_source (fx.store, "g03-test", &error);
  g_assert_null (stored);
  g_clear_error (&error);
  password = mc_secrets_lookup_sync (keyring, "g03-test", MC_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (password);
  mc_sim_stop (sim);
}

typedef struct
{
  McSyncEngine *engine;
  McSignInPrompt *prompt;
  gboolean done;
} SignInWait;

static void
on_synced (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  mc_sync_engine_sync_finish (MC_SYNC_ENGINE (object), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_done (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
signed_in_again (gpointer data)
{
  SignInWait *w = data;
  McSyncProgress progress;

  return mc_sync_engine_get_progress (w->engine, "g03-sign", &progress) &&
         progress.state == MC_SYNC_STATE_IDLE && progress.last_success > 0 &&
         !mc_sign_in_prompt_is_shown (w->prompt, "g03-sign");
}

static void
sync_once (McSyncEngine *engine)
{
  gboolean done = FALSE;

  mc_sync_engine_sync_async (engine, "g03-sign", FALSE, NULL, on_synced, &done);
  g_assert_true (mc_test_wait (is_done, &done, 30000));
}

/* A refused password: that one source asks for a sign-in with one toast (not one per attempt),
 * the window goes on; signing in from the toast's dialog resumes it and the toast goes. */
static void
test_sign_in_prompt (void)
{
  g_autoptr(McSim) sim = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(McSecrets) keyring = NULL;
  g_autofree char *url = NULL;
  g_autofree char *password = NULL;
  g_autoptr(GError) error = NULL;
  McSignInPrompt *prompt = fx.window->sign_in_prompt;
  SignInWait w = { NULL, prompt, FALSE };
  McSyncProgress progress;
  AdwMessageDialog *dialog;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("no D-Bus session for the Secret Service (run through build-aux/dev test)");
      return;
    }
  sim = mc_sim_new (11, 20, 1u << MC_SIM_DVCQG);
  g_assert_true (mc_sim_start (sim, 0, &error));
  g_assert_no_error (error);
  url = mc_sim_get_base_url (sim, MC_SIM_DVCQG);
  source = mc_source_new ("g03-sign", "G03", "dvcqg", "Giáo dục (đăng nhập)", url, MC_SIM_UNIT_CODE, "canbo.vhxh");
  source->enabled = TRUE;
  g_assert_true (mc_store_add_source (fx.store, source, &error));
  g_assert_no_error (error);
  g_hash_table_insert (secrets, "password", "not-the-password");
  engine = w.engine = mc_sync_engine_new (mc_store_get_path (fx.store));
  g_assert_true (mc_sync_engine_add_source (engine, source, secrets, &error));
  g_assert_no_error (error);
  mc_window_set_sync_engine (fx.window, engine);

  sync_once (engine);
  g_assert_true (mc_sync_engine_get_progress (engine, "g03-sign", &progress));
  g_assert_cmpint (progress.state, ==, MC_SYNC_STATE_SIGN_IN_NEEDED);
  g_assert_true (mc_sign_in_prompt_is_shown (prompt, "g03-sign"));
  g_assert_null (find_dialog ());
  sync_once (engine);
  g_assert_true (mc_sign_in_prompt_is_shown (prompt, "g03-sign"));
  g_assert_null (find_dialog ());

  /* The toast's "Sign In" opens the dialog for that source. */
  mc_sign_in_prompt_sign_in (prompt, "g03-sign");
  dialog = find_dialog ();
  g_assert_true (MC_IS_SIGN_IN_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "sign-in"));
  gtk_editable_set_text (GTK_EDITABLE (mc_sign_in_dialog_get_password_row (MC_SIGN_IN_DIALOG (dialog))),
                         MC_SIM_DEFAULT_PASSWORD);
  {
    g_autofree char *shot = build_path ("screenshot-sign-in-prompt.png");

    mc_test_wait_frame (GTK_WIDGET (fx.window));
    g_assert_true (mc_test_save_png (GTK_WIDGET (fx.window), shot));
    g_test_message ("screenshot: %s", shot);
  }
  adw_message_dialog_response (dialog, "sign-in");
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_true (mc_test_wait (signed_in_again, &w, 30000));
  keyring = mc_secrets_new (mc_store_get_path (fx.store));
  password = mc_secrets_lookup_sync (keyring, "g03-sign", MC_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (password, ==, MC_SIM_DEFAULT_PASSWORD);
  g_clear_pointer (&password, mc_secrets_free);
  g_assert_cmpint (mc_test_query_int (fx.db, "SELECT count(*) FROM dossiers WHERE source_id = 'g03-sign'"), >, 0);

  mc_window_set_sync_engine (fx.window, NULL);
  mc_sync_engine_stop (engine);
  g_assert_true (mc_store_sync_remove_source (fx.store, "g03-sign", &error));
  g_assert_no_error (error);
  mc_sim_stop (sim);
}

static gboolean
is_finalized (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* The official types in a dialog's entry row, then closes it (Escape, Cancel): the dialog goes
 * away with the row still focused. The sign-in dialog and the source editor unset the focus
 * before their children go (mc_dialog_dispose_template; libadwaita 1.2 otherwise notifies a
 * row half gone, a critical that G_DEBUG=fatal-warnings makes fatal), and are finalized. */
static void
test_close_while_typing (void)
{
  g_autoptr(McSource) source = mc_source_new ("g03-typing", "G03", "dvcqg", "Giáo dục (gõ)", "http://127.0.0.1:9",
                                              MC_SIM_UNIT_CODE, "canbo.vhxh");
  McSignInDialog *sign_in = mc_sign_in_dialog_new (GTK_WINDOW (fx.window), source);
  McSourceEditor *editor = mc_source_editor_new (GTK_WINDOW (fx.window), NULL, source);
  struct { GtkWindow *dialog; GtkWidget *row; } cases[] = {
    { GTK_WINDOW (sign_in), mc_sign_in_dialog_get_password_row (sign_in) },
    { GTK_WINDOW (editor), mc_source_editor_get_row (editor, "name") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GtkWindow *dialog = cases[i].dialog;

      gtk_window_present (dialog);
      mc_test_wait_frame (GTK_WIDGET (dialog));
      g_assert_true (gtk_widget_grab_focus (cases[i].row));
      gtk_editable_set_text (GTK_EDITABLE (cases[i].row), "đang gõ");
      g_assert_true (gtk_widget_is_ancestor (gtk_window_get_focus (dialog), cases[i].row));
      g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
      gtk_window_destroy (dialog);
      g_assert_true (mc_test_wait (is_finalized, &dialog, 10000));
    }
}

static void
test_screenshots (void)
{
  const char *pages[] = { "official", "office", "calendar", "sources" };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *name = g_strdup_printf ("screenshot-preferences-%s.png", pages[i]);
      g_autofree char *shot = build_path (name);

      adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (fx.prefs), pages[i]);
      /* The calendar page shows the office's own day off, further down the list. */
      if (g_str_equal (pages[i], "calendar"))
        {
          GtkListBox *list = mc_calendar_editor_get_list (mc_preferences_window_get_calendar_editor (fx.prefs));

          mc_test_wait_frame (GTK_WIDGET (fx.prefs));
          for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row; row = gtk_widget_get_next_sibling (row))
            if (g_strcmp0 (g_object_get_data (G_OBJECT (row), "mc-date"), "2026-12-15") == 0)
              {
                GtkWidget *sw = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
                GtkWidget *content = gtk_widget_get_first_child (gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (sw)));
                double x, y;

                g_assert_true (gtk_widget_translate_coordinates (row, content, 0, 0, &x, &y));
                gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (sw)), y - 300);
              }
        }
      mc_test_wait_frame (GTK_WIDGET (fx.prefs));
      g_assert_true (mc_test_save_png (GTK_WIDGET (fx.prefs), shot));
      g_test_message ("screenshot: %s", shot);
    }
}

/* A span that is no span is refused and marked, and nothing is stored. (Last: its toast would
 * cover the screenshots.) */
static void
test_invalid_hours (void)
{
  apply_row ("hours.morning", "11:30-07:00");
  assert_setting ("hours.morning", NULL);
  g_assert_true (gtk_widget_has_css_class (mc_preferences_window_get_row (fx.prefs, "hours.morning"), "error"));
  apply_row ("hours.morning", "07:00-11:30");
  assert_setting ("hours.morning", "07:00-11:30");
  g_assert_false (gtk_widget_has_css_class (mc_preferences_window_get_row (fx.prefs, "hours.morning"), "error"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("MC_NOW", PINNED_NOW, FALSE);
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.notifications = g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL && model_test_serve_notifications ();
  fx.profile = mc_test_make_profile (N_DOSSIERS);
  fx.window = mc_test_open_window (&fx.app, fx.profile);
  fx.store = mc_store_open (mc_store_get_path (mc_window_get_store (fx.window)), MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  fx.db = mc_test_open_db (fx.profile);
  gtk_window_set_default_size (GTK_WINDOW (fx.window), 1200, 760);

  g_test_add_func ("/preferences/due-notification", test_due_notification);
  g_test_add_func ("/preferences/opens", test_opens);
  g_test_add_func ("/preferences/identity", test_identity);
  g_test_add_func ("/preferences/office-hours", test_office_hours);
  g_test_add_func ("/preferences/waiting-time", test_waiting_time);
  g_test_add_func ("/preferences/calendar", test_calendar);
  g_test_add_func ("/preferences/source-wrong-password", test_source_wrong_password);
  g_test_add_func ("/preferences/sign-in-prompt", test_sign_in_prompt);
  g_test_add_func ("/preferences/close-while-typing", test_close_while_typing);
  g_test_add_func ("/preferences/screenshots", test_screenshots);
  g_test_add_func ("/preferences/invalid-hours", test_invalid_hours);
  status = g_test_run ();

  if (fx.prefs != NULL)
    gtk_window_destroy (GTK_WINDOW (fx.prefs));
  gtk_window_destroy (GTK_WINDOW (fx.window));
  sqlite3_close (fx.db);
  g_clear_object (&fx.store);
  g_clear_object (&fx.app);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
