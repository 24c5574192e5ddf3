/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"
#include "mc-i18n.h"
#include "training-test-util.h"
#include "mc-store-outbox.h"
#include "mc-window-private.h"

/* An action leaves at once, and the window says so truly — in training mode, the real
 * application with the simulator on loopback and the engine's default timer (five minutes,
 * never reached here): an action taken in the window is applied by the simulator with no
 * timer or button; one taken while its ministry is cut is applied once, after; the header's
 * indicator and the banners say what waits, in each state; the review window opens again
 * after its close button, from the footer and the menu; a conflict reaches the open dossier.
 * Every wait is bounded by a condition. The texts are compared as translated, so that
 * LANGUAGE=vi MC_LOCALEDIR=_build/po runs it in Vietnamese (for the screenshots). */

#define T(text) g_dgettext (GETTEXT_PACKAGE, text)

static struct {
  char *data_home;
  McApplication *app;
  McWindow *window;
} fx;

static McTraining *
training (void)
{
  return mc_application_get_training (fx.app);
}

static McStore *
store (void)
{
  return mc_window_get_store (fx.window);
}

static void
screenshot (const char *name)
{
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  training_test_screenshot (name);
}

/* Conditions */

static gboolean
all_synced (gpointer data)
{
  return g_strcmp0 (mc_sync_indicator_get_summary (fx.window->sync_indicator), T ("Synced")) == 0;
}

static gboolean
label_is (gpointer data)
{
  return g_strcmp0 (mc_sync_indicator_get_label (fx.window->sync_indicator), data) == 0;
}

static gboolean
cut (gpointer data)
{
  const McSourceStatus *s = mc_sync_status_lookup (fx.window->sync_status, data);

  return s != NULL && mc_source_status_is_cut (s) && s->progress.state != MC_SYNC_STATE_SYNCING;
}

typedef struct
{
  McSyncBanner *banner;
  const char *text;   /* NULL: hidden */
} BannerWait;

static gboolean
banner_says (gpointer data)
{
  BannerWait *w = data;

  if (w->text == NULL)
    return !mc_sync_banner_get_revealed (w->banner);
  return mc_sync_banner_get_revealed (w->banner) && g_strcmp0 (mc_sync_banner_get_text (w->banner), w->text) == 0;
}

static void
wait_banner (McSyncBanner *banner,
             const char   *text)
{
  BannerWait w = { banner, text };

  if (!mc_test_wait (banner_says, &w, 20000))
    g_error ("the banner says “%s”, not “%s”", mc_sync_banner_get_revealed (banner) ? mc_sync_banner_get_text (banner) : "",
             text ? text : "");
}

static void wait_label (const char *text);

/* Waits until the header says what @waiting, @checking, @review say. */
static void
wait_outbox (guint waiting,
             guint checking,
             guint review)
{
  g_autofree char *text = mc_sync_describe_outbox_urgent_first (waiting, checking, review);

  wait_label (text ? text : "");
}

static void
wait_label (const char *text)
{
  if (!mc_test_wait (label_is, (gpointer) text, 20000))
    g_error ("the indicator says “%s”, not “%s”", mc_sync_indicator_get_label (fx.window->sync_indicator), text);
}

static void
set_connected (const char *source_id,
               gboolean    connected)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_training_set_connected (training (), source_id, connected, &error));
  g_assert_no_error (error);
  if (!connected && !mc_test_wait (cut, (gpointer) source_id, 20000))
    g_error ("%s never showed as cut", source_id);
}

/* Dossiers and actions */

/* A dossier of @source_id not acted on yet, with a next step that needs nothing typed and
 * moves its status; the step in @out_action. */
static gint64
pick (const char *source_id,
      McAction   *out_action)
{
  McStoreFilter filter = { .source_id = source_id };
  g_autoptr(GArray) ids = mc_store_list (store (), &filter, NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(McDossier) d = mc_store_get_dossier (store (), id, NULL);
      g_autoptr(GArray) allowed = mc_store_actions_allowed (store (), id, NULL);
      McOutboxFilter acted = { .dossier_id = id, .state = -1 };
      g_autoptr(GPtrArray) entries = mc_store_outbox_list (store (), &acted, NULL);

      if (d == NULL || entries == NULL || entries->len > 0)
        continue;
      for (guint k = 0; allowed != NULL && k < allowed->len; k++)
        {
          McAction a = g_array_index (allowed, McAction, k);

          if (mc_action_needs (a) == 0 && mc_transition_target (d->status, a) != d->status)
            {
              *out_action = a;
              return id;
            }
        }
    }
  g_error ("no dossier of %s to act on", source_id);
}

/* Takes @action on dossier @id as the official does: the dossier opened, the action's
 * dialog, applied. Returns: its outbox entry. */
static McOutboxEntry *
act (gint64   id,
     McAction action)
{
  McOutboxFilter filter = { .dossier_id = id, .state = -1 };
  g_autoptr(GPtrArray) entries = NULL;
  McActionDialog *dialog;

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-dossier", "x", id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.act", "(xs)", id, mc_action_id (action)));
  dialog = MC_ACTION_DIALOG (mc_test_find_toplevel (MC_TYPE_ACTION_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (mc_action_dialog_apply (dialog));
  mc_test_close_message_dialogs ();
  entries = mc_store_outbox_list (store (), &filter, NULL);
  g_assert_cmpuint (entries->len, ==, 1);
  return g_ptr_array_steal_index (entries, 0);
}

static guint
applied_count (const McOutboxEntry *e)
{
  McSimDialect dialect;
  g_autofree char *key = NULL;

  g_assert_true (mc_sim_dialect_from_name (e->source_id, &dialect));
  key = g_strdup_printf ("%s:%s", mc_sim_dialect_name (dialect), e->uuid);
  return mc_sim_get_action_count (mc_training_get_sim (training ()), key);
}

static gboolean
applied (gpointer data)
{
  return applied_count (data) > 0;
}

/* Tests */

/* An action on a reachable ministry: applied by the simulator with no timer (the engine's is
 * five minutes) and no button; then the indicator says "Synced" again. */
static void
test_action_leaves_at_once (void)
{
  McAction action;
  gint64 id = pick ("g16", &action);
  g_autoptr(McOutboxEntry) e = act (id, action);
  gint64 committed = g_get_monotonic_time ();

  g_assert_true (mc_test_wait (applied, e, 20000));
  g_test_message ("applied %" G_GINT64_FORMAT " ms after the dialog returned",
                  (g_get_monotonic_time () - committed) / 1000);
  g_assert_cmpuint (applied_count (e), ==, 1);
  g_assert_true (mc_test_wait (all_synced, NULL, 20000));
  wait_outbox (0, 0, 0);

  /* For the record: "Synced", with each system's line, in the popover. */
  gtk_menu_button_popup (mc_sync_indicator_get_button (fx.window->sync_indicator));
  mc_test_wait_frame (GTK_WIDGET (gtk_menu_button_get_popover (mc_sync_indicator_get_button (fx.window->sync_indicator))));
  screenshot ("screenshot-synced.png");
  gtk_menu_button_popdown (mc_sync_indicator_get_button (fx.window->sync_indicator));
}

/* Cut, act, restore: the indicator and both banners say what is true at each step, and the
 * action is applied once after. */
static void
test_cut_act_restore (void)
{
  const char *ministry = mc_ministry_name ("G16");
  g_autofree char *notice = g_strdup_printf (T ("%s cannot be reached — your actions are saved and will be sent "
                                                "when the connection returns"), ministry);
  g_autofree char *summary = g_strdup_printf (T ("%s cannot be reached"), ministry);
  g_autofree char *waiting = mc_sync_describe_outbox (1, 0, 0);
  g_autofree char *both = g_strdup_printf ("%s\n%s", summary, waiting);
  g_autoptr(McOutboxEntry) e = NULL;
  McAction action;
  gint64 id = pick ("g16", &action);

  set_connected ("g16", FALSE);
  wait_banner (fx.window->list_banner, notice);
  g_assert_cmpstr (mc_sync_indicator_get_summary (fx.window->sync_indicator), ==, summary);
  g_assert_false (mc_sync_indicator_get_offline (fx.window->sync_indicator));

  e = act (id, action);
  wait_outbox (1, 0, 0);
  g_assert_cmpstr (mc_sync_indicator_get_summary (fx.window->sync_indicator), ==, both);
  /* The open dossier is of that ministry: its banner too. */
  g_assert_cmpint (mc_window_get_shown_dossier (fx.window), ==, id);
  wait_banner (fx.window->dossier_banner, notice);
  screenshot ("screenshot-ministry-cut.png");

  /* The list of another ministry has no banner; every ministry's list has. */
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.ministry", "s", "G03");
  wait_banner (fx.window->list_banner, NULL);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.ministry", "s", "");
  wait_banner (fx.window->list_banner, notice);
  g_assert_cmpuint (applied_count (e), ==, 0);

  set_connected ("g16", TRUE);
  g_assert_true (mc_test_wait (applied, e, 20000));
  g_assert_true (mc_test_wait (all_synced, NULL, 20000));
  wait_outbox (0, 0, 0);
  wait_banner (fx.window->list_banner, NULL);
  wait_banner (fx.window->dossier_banner, NULL);
  g_assert_cmpuint (applied_count (e), ==, 1);
}

static gboolean
review_shown (gpointer data)
{
  return fx.window->review_window != NULL && gtk_widget_get_visible (GTK_WIDGET (fx.window->review_window))
         && gtk_widget_get_mapped (GTK_WIDGET (fx.window->review_window));
}

static gboolean
review_hidden (gpointer data)
{
  return fx.window->review_window != NULL && !gtk_widget_get_visible (GTK_WIDGET (fx.window->review_window));
}

/* The review window after its close button: it opens again from the footer's button and the
 * menu's item, twice, the same window each time. */
static void
test_review_reopens (void)
{
  McReviewWindow *first;

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.needs-review", NULL);
  g_assert_true (mc_test_wait (review_shown, NULL, 20000));
  first = fx.window->review_window;
  for (guint round = 0; round < 2; round++)
    {
      /* The close button asks the window to close, as this does. */
      gtk_window_close (GTK_WINDOW (fx.window->review_window));
      g_assert_true (mc_test_wait (review_hidden, NULL, 20000));
      g_signal_emit_by_name (fx.window->review_button, "clicked");
      g_assert_true (mc_test_wait (review_shown, NULL, 20000));
      g_assert_true (fx.window->review_window == first);

      gtk_window_close (GTK_WINDOW (fx.window->review_window));
      g_assert_true (mc_test_wait (review_hidden, NULL, 20000));
      /* The main menu's "Outbox" item activates this action. */
      gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.outbox", NULL);
      g_assert_true (mc_test_wait (review_shown, NULL, 20000));
      g_assert_true (fx.window->review_window == first);
    }
  gtk_window_close (GTK_WINDOW (fx.window->review_window));
}

static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action_name)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
pane_links_review (gpointer data)
{
  const McOutboxEntry *e = data;
  GtkWidget *button = find_button (GTK_WIDGET (fx.window->dossier_view), "win.review-entry");
  GVariant *target = button ? gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button)) : NULL;

  return button != NULL && gtk_widget_is_visible (button) && target != NULL && g_variant_get_int64 (target) == e->id;
}

static gboolean
card_focused (gpointer data)
{
  const McOutboxEntry *e = data;
  GtkWidget *card;

  if (!review_shown (NULL) || !(card = mc_review_window_get_card (fx.window->review_window, e->id)))
    return FALSE;
  return gtk_widget_has_focus (card);
}

static void
respond (const char *response)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (mc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));

  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

/* Another official changes the dossier while the official's action waits: once the system is
 * back, the push finds the dossier changed, and the open dossier says so at once, with the way
 * to the action's review card. */
static void
test_conflict_in_pane (void)
{
  McAction action;
  gint64 id = pick ("g09", &action);
  g_autoptr(McDossier) d = mc_store_get_dossier (store (), id, NULL);
  g_autoptr(McOutboxEntry) e = NULL;
  g_autoptr(GError) error = NULL;
  McStatus moved;

  set_connected ("g09", FALSE);
  e = act (id, action);
  g_assert_true (mc_training_change_dossier (training (), "g09", d->number, &moved, &error));
  g_assert_no_error (error);
  set_connected ("g09", TRUE);
  if (!mc_test_wait (pane_links_review, e, 20000))
    g_error ("the open dossier never showed its conflict");
  g_assert_cmpint (mc_window_get_shown_dossier (fx.window), ==, id);
  /* Reached again: the banner goes once the sync that brought the conflict has ended. */
  wait_banner (fx.window->dossier_banner, NULL);
  screenshot ("screenshot-conflict-in-pane.png");

  g_assert_true (gtk_widget_activate_action (find_button (GTK_WIDGET (fx.window->dossier_view), "win.review-entry"),
                                             "win.review-entry", "x", e->id));
  g_assert_true (mc_test_wait (card_focused, e, 20000));
  screenshot ("screenshot-review-conflict.png");

  /* Settled: the pane offers actions again, the indicator is clear. */
  gtk_widget_activate_action (GTK_WIDGET (fx.window->review_window), "review.drop", "x", e->id);
  respond ("drop");
  g_assert_true (mc_test_wait (all_synced, NULL, 20000));
  gtk_window_close (GTK_WINDOW (fx.window->review_window));
}

static gboolean
nothing_to_review (gpointer data)
{
  guint review;

  mc_sync_status_get_totals (fx.window->sync_status, NULL, NULL, &review);
  return review == 0;
}

/* The indicator in each state of the outbox, on a ministry that is cut so that the engine
 * leaves the rows alone: waiting, being checked again (in doubt), needs review — only the
 * counts that are not zero; a conflict where the system already has what the official
 * wanted offers "Mark as Done" first and no "Re-apply". */
static void
test_indicator_states (void)
{
  g_autofree char *path = mc_store_profile_path (mc_training_get_profile_dir (training ()));
  g_autoptr(McStore) other = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);
  g_autoptr(McOutboxEntry) waiting = NULL, doubt = NULL, conflict = NULL;
  g_autoptr(GError) error = NULL;
  McAction action;
  GtkWidget *card;
  gint64 id;

  set_connected ("g18", FALSE);
  id = pick ("g18", &action);
  waiting = act (id, action);
  wait_outbox (1, 0, 0);
  id = pick ("g18", &action);
  doubt = act (id, action);
  id = pick ("g18", &action);
  conflict = act (id, action);
  wait_outbox (3, 0, 0);
  g_assert_true (mc_test_wait (cut, (gpointer) "g18", 20000));

  /* What the push side writes when an answer is lost, and when the dossier changed. */
  g_assert_true (mc_store_outbox_mark_sending (other, doubt->id, &error));
  g_assert_true (mc_store_outbox_mark_in_doubt (other, doubt->id, "timed out", &error));
  g_assert_no_error (error);
  wait_outbox (2, 1, 0);
  {
    g_autoptr(McDossier) d = mc_store_get_dossier (store (), conflict->dossier_id, NULL);

    g_assert_true (mc_store_outbox_mark_sending (other, conflict->id, &error));
    g_assert_true (mc_store_outbox_mark_conflict (other, conflict->id, d->status, "v-other", NULL, &error));
    g_assert_no_error (error);
  }
  wait_outbox (1, 1, 1);
  {
    g_autofree char *review = g_strdup_printf (T ("Needs Review (%u)"), 1);

    g_assert_cmpstr (gtk_button_get_label (fx.window->review_button), ==, review);
  }
  screenshot ("screenshot-indicator-states.png");

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.needs-review", NULL);
  g_assert_true (mc_test_wait (review_shown, NULL, 20000));
  card = mc_review_window_get_card (fx.window->review_window, conflict->id);
  g_assert_nonnull (card);
  g_assert_nonnull (find_button (card, "review.mark-done"));
  g_assert_true (gtk_widget_has_css_class (find_button (card, "review.mark-done"), "suggested-action"));
  g_assert_null (find_button (card, "review.reapply"));
  screenshot ("screenshot-review-already.png");
  /* The outbox, by ministry, the counts that are not zero. */
  mc_review_window_show_page (fx.window->review_window, "outbox");
  screenshot ("screenshot-outbox.png");
  mc_review_window_show_page (fx.window->review_window, "review");
  gtk_widget_activate_action (GTK_WIDGET (fx.window->review_window), "review.mark-done", "x", conflict->id);
  /* The two others are the engine's again (its retries may move them): only the review is
   * settled. */
  g_assert_true (mc_test_wait (nothing_to_review, NULL, 20000));
  gtk_window_close (GTK_WINDOW (fx.window->review_window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  fx.data_home = g_dir_make_tmp ("motcua-flow-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", fx.data_home, TRUE);
  g_setenv ("MC_TRAINING_ACTIVITY", "0", TRUE);
  mc_i18n_init ();
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);
  training_test_quiet_notifications ();

  fx.app = mc_application_new ();
  fx.window = training_test_open_synced (fx.app);

  g_test_add_func ("/sync-flow/action-leaves-at-once", test_action_leaves_at_once);
  g_test_add_func ("/sync-flow/cut-act-restore", test_cut_act_restore);
  g_test_add_func ("/sync-flow/review-reopens", test_review_reopens);
  g_test_add_func ("/sync-flow/conflict-in-pane", test_conflict_in_pane);
  g_test_add_func ("/sync-flow/indicator-states", test_indicator_states);
  status = g_test_run ();

  training_test_close (&fx.app, g_steal_pointer (&fx.data_home));
  return status;
}
