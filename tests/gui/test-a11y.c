/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"
#include "mc-action-bar.h"
#include "mc-alert.h"
#include "mc-format.h"
#include "mc-intake-dialog.h"
#include "mc-preferences-window.h"
#include "mc-print-operation.h"
#include "mc-queue-row.h"
#include "mc-trainer-panel.h"
#include "mc-training.h"
#include "mc-training-intro.h"
#include "mc-training-welcome.h"
#include "mc-window-private.h"
#include "training-test-util.h"

/* The window through a screen reader and the keyboard. The accessibility tree is read the way
 * Orca reads it, over AT-SPI (a11y-check.py, with pyatspi), from this very process: the main
 * window with a dossier open (and what its rows say), the counter intake, an action dialog,
 * Preferences, the welcome of a first start, the shortcuts window, the print preview, and in
 * training mode its introduction, the exercises beside the queue and the trainer panel; each
 * checked for an interactive element without a name (or named after its widget type, twice the
 * same, or with a mnemonic's underscore), and for a window that is not a dialog or has no
 * title. With real key presses (XTEST): Tab stops once in each region — the sidebar, the search,
 * the list, the dossier's actions — and otherwise only on a few buttons, each once, going round
 * the window without being trapped; the arrow keys move inside a region; and moving the focus
 * never changes the view. */

static struct
{
  McApplication *app;
  McWindow *window;
  char *profile;
  char *data_home;
} fx;

typedef struct
{
  gboolean done;
  int status;
  char *out;
} Walker;

static void
on_walked (GObject      *object,
           GAsyncResult *result,
           gpointer      data)
{
  Walker *w = data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &w->out, NULL, &error);
  g_assert_no_error (error);
  w->status = g_subprocess_get_exit_status (G_SUBPROCESS (object));
  w->done = TRUE;
}

static gboolean
walked (gpointer data)
{
  return ((Walker *) data)->done;
}

/* Runs a11y-check.py on this process's windows (only @window's if not NULL, found by its
 * title) while its main loop answers the reader. Returns: (transfer full) (nullable): what it
 * printed, or NULL (and the test skipped) without AT-SPI or pyatspi. */
static char *
check_names (const char *what,
             GtkWindow  *window)
{
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "gui", "a11y-check.py", NULL);
  g_autofree char *pid = g_strdup_printf ("%d", (int) getpid ());
  g_autoptr(GSubprocess) walker = NULL;
  g_autoptr(GError) error = NULL;
  Walker w = { FALSE, 0, NULL };

  mc_test_wait_frame (GTK_WIDGET (fx.window));
  walker = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE, &error,
                             "/usr/bin/python3", script, pid,
                             window ? gtk_window_get_title (window) : NULL, NULL);
  if (walker == NULL)
    {
      g_test_skip_printf ("no /usr/bin/python3: %s", error->message);
      return NULL;
    }
  g_subprocess_communicate_utf8_async (walker, NULL, NULL, on_walked, &w);
  if (!mc_test_wait (walked, &w, 120000))
    g_error ("a11y-check.py did not finish");
  g_test_message ("%s:\n%s", what, w.out);
  if (w.status == 77)
    {
      g_test_skip_printf ("no accessibility tree to read: %s", w.out);
      g_free (w.out);
      return NULL;
    }
  g_assert_cmpint (w.status, ==, 0);
  return w.out;
}

/* What a screen reader says of the row of the first dossier in processing in the list: its
 * number, applicant, procedure, status and time left, in that order (the walker prints
 * "# row: …" for each row of the list it finds). */
static void
assert_row_named (const char *walked)
{
  g_autoptr(McQueueRow) row = NULL;
  const McQueueEntry *e = NULL;
  g_autofree char *start = NULL;
  const char *line;
  g_autofree char *left = NULL;

  for (guint i = 0; i < 20 && (e == NULL || e->status != MC_STATUS_PROCESSING); i++)
    {
      g_clear_object (&row);
      row = g_list_model_get_item (G_LIST_MODEL (fx.window->model), i);
      e = mc_queue_row_get_entry (row);
    }
  g_assert_cmpint (e->status, ==, MC_STATUS_PROCESSING);
  start = g_strdup_printf ("# row: %s, %s, %s, %s, ", e->number, e->applicant_name,
                                            e->procedure_name, mc_status_label (e->status));
  line = strstr (walked, start);
  if (line == NULL)
    g_error ("no row of the list is announced as “%s…”; the walker said:\n%s", start + strlen ("# row: "), walked);
  left = g_strndup (line + strlen (start), strcspn (line + strlen (start), ",\n"));
  /* The time left (or overdue) is said in words with a number: "19 days 6 hours left". */
  g_assert_true (strpbrk (left, "0123456789") != NULL);
  g_assert_cmpuint (strlen (left), >, 2);
}

/* Checks @window (a window of this process that is not the main one) and closes it. */
static void
check_window (const char *what,
              GtkWindow  *window)
{
  g_autofree char *walked = NULL;

  g_assert_nonnull (window);
  gtk_window_present (window);
  mc_test_wait_frame (GTK_WIDGET (window));
  walked = check_names (what, window);
  gtk_window_destroy (window);
}

static void
open_first_dossier (void)
{
  mc_sidebar_set_view (fx.window->sidebar, MC_QUEUE_ALL);
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  mc_window_open_dossier (fx.window, mc_queue_model_get_id (fx.window->model, 0));
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), !=, 0);
}

static void
test_names (void)
{
  g_autofree char *walked = NULL;
  g_autoptr(McPrintOperation) receipt = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  open_first_dossier ();
  if (!(walked = check_names ("the main window", NULL)))
    return;
  assert_row_named (walked);
  id = mc_dossier_view_get_dossier_id (fx.window->dossier_view);

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.receive-new", NULL);
  check_window ("the counter intake", mc_test_find_toplevel (MC_TYPE_INTAKE_DIALOG));
  check_window ("an action dialog", GTK_WINDOW (mc_window_open_action (fx.window, id, MC_ACTION_WITHDRAW)));
  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "preferences", NULL);
  check_window ("Preferences", mc_test_find_toplevel (MC_TYPE_PREFERENCES_WINDOW));
  /* The first start of a profile with no ministry system. */
  check_window ("the welcome", GTK_WINDOW (mc_training_welcome_new (GTK_WINDOW (fx.window))));
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.show-help-overlay", NULL);
  check_window ("the shortcuts", GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (fx.window))));
  receipt = mc_window_form (fx.window, id, MC_PRINT_FORM_RECEIPT, &error);
  g_assert_no_error (error);
  check_window ("the print preview", mc_print_operation_preview (receipt, GTK_WINDOW (fx.window)));
  /* A message with its one button, as every refusal or error shows. */
  mc_alert (GTK_WIDGET (fx.window), "Cannot Print", "The printer is not connected.");
  check_window ("a message", mc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
intro_shown (gpointer data)
{
  return mc_test_find_toplevel (MC_TYPE_TRAINING_INTRO) != NULL;
}

/* Training mode, last (it takes the place of the profile's window): its introduction on the
 * first start, the window with the exercises beside the queue, the trainer panel. */
static void
test_training_names (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *walked = NULL;

  fx.window = mc_application_open_training (fx.app, &error);
  g_assert_no_error (error);
  gtk_window_present (GTK_WINDOW (fx.window));
  g_assert_true (mc_test_wait (intro_shown, NULL, 10000));
  check_window ("the training introduction", mc_test_find_toplevel (MC_TYPE_TRAINING_INTRO));
  g_assert_nonnull (mc_window_get_side_panel (fx.window));
  if (!(walked = check_names ("the training window", GTK_WINDOW (fx.window))))
    return;
  g_action_group_activate_action (G_ACTION_GROUP (fx.app), "trainer-panel", NULL);
  check_window ("the trainer panel", mc_test_find_toplevel (MC_TYPE_TRAINER_PANEL));
}

/* Which region the focus is in, as a person sees the window. */
static const char *
focus_region (void)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx.window));
  const struct { GtkWidget *widget; const char *name; } regions[] = {
    { GTK_WIDGET (fx.window->sidebar), "sidebar" },
    { GTK_WIDGET (fx.window->search_entry), "search" },
    { GTK_WIDGET (fx.window->queue_view), "list" },
    { mc_test_find_widget (GTK_WIDGET (fx.window->dossier_view), MC_TYPE_ACTION_BAR), "actions" },
  };

  if (focus == NULL)
    return "nowhere";
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++)
    if (focus == regions[i].widget || gtk_widget_is_ancestor (focus, regions[i].widget))
      return regions[i].name;
  return G_OBJECT_TYPE_NAME (focus);
}

static gboolean
focus_settled (gpointer data)
{
  return gtk_root_get_focus (GTK_ROOT (fx.window)) != data;
}

/* Presses @keyval (with Shift when @shift) and waits for the focus to move. */
static gboolean
press (guint    keyval,
       gboolean shift)
{
  GtkWidget *before = gtk_root_get_focus (GTK_ROOT (fx.window));

  if (!mc_test_send_keys (GTK_WIDGET (fx.window), keyval, shift ? GDK_KEY_Shift_L : 0, 1))
    return FALSE;
  mc_test_wait (focus_settled, before, 2000);
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  return TRUE;
}

static void
test_tab_regions (void)
{
  McQueueView view;
  GtkSelectionModel *selection;
  guint selected;
  g_autoptr(GHashTable) stops = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) others = g_hash_table_new (NULL, NULL);
  g_autoptr(GString) order = g_string_new (NULL);
  const char *needed[] = { "sidebar", "search", "list", "actions" };
  guint presses = 0;

  open_first_dossier ();
  view = mc_sidebar_get_view (fx.window->sidebar);
  g_assert_true (gtk_widget_grab_focus (GTK_WIDGET (fx.window->sidebar)));
  g_assert_cmpstr (focus_region (), ==, "sidebar");

  /* Round the window with Tab, back to the sidebar. */
  do
    {
      const char *region;
      GtkWidget *focus;

      if (!press (GDK_KEY_Tab, FALSE))
        {
          g_test_skip ("no X11 XTEST extension to type with");
          return;
        }
      region = focus_region ();
      focus = gtk_root_get_focus (GTK_ROOT (fx.window));
      g_string_append_printf (order, " → %s (%s)", region, G_OBJECT_TYPE_NAME (focus));
      g_hash_table_replace (stops, (gpointer) region,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (stops, region)) + 1));
      /* Outside the regions, Tab stops only on buttons: those below the sidebar and in the
       * header bars (never on a field to read, nor on a row of a list), each once. */
      if (region == G_OBJECT_TYPE_NAME (focus))
        {
          if (!GTK_IS_BUTTON (focus) || !g_hash_table_add (others, focus))
            g_error ("Tab stops on a %s outside the regions (or twice):%s", region, order->str);
        }
    }
  while (!g_str_equal (focus_region (), "sidebar") && ++presses < 60);
  g_test_message ("Tab:%s", order->str);
  g_assert_cmpuint (presses, <, 60);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stops, needed[i])), ==, 1);
  /* Receive, review, outbox and reports below the sidebar; the exercises, the sync state and
   * the main menu in the header bars: no more than that. */
  g_assert_cmpuint (g_hash_table_size (others), <=, 8);
  g_assert_cmpint (mc_sidebar_get_view (fx.window->sidebar), ==, view);

  /* Inside the sidebar the arrows move; only Enter chooses. */
  press (GDK_KEY_Down, FALSE);
  press (GDK_KEY_Down, FALSE);
  g_assert_cmpstr (focus_region (), ==, "sidebar");
  g_assert_cmpint (mc_sidebar_get_view (fx.window->sidebar), ==, view);
  press (GDK_KEY_Return, FALSE);
  g_assert_cmpint (mc_sidebar_get_view (fx.window->sidebar), !=, view);

  /* Inside the list the arrows move from row to row; Shift+Tab goes back to the search. */
  gtk_widget_grab_focus (GTK_WIDGET (fx.window->queue_view));
  g_assert_cmpstr (focus_region (), ==, "list");
  selection = gtk_column_view_get_model (mc_queue_list_get_column_view (fx.window->queue_view));
  selected = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  press (GDK_KEY_Down, FALSE);
  press (GDK_KEY_Down, FALSE);
  g_assert_cmpstr (focus_region (), ==, "list");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection)), ==, selected + 2);
  press (GDK_KEY_Tab, TRUE);
  g_assert_cmpstr (focus_region (), ==, "search");
  mc_sidebar_set_view (fx.window->sidebar, MC_QUEUE_ALL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_autoptr(GError) error = NULL;

  /* The accessibility tree on the bus, which the other GUI tests switch off. */
  g_setenv ("GTK_A11Y", "atspi", TRUE);
  /* Training mode's profile in a home of the test's own, the trainees' activity still. */
  fx.data_home = g_dir_make_tmp ("motcua-a11y-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("XDG_DATA_HOME", fx.data_home, TRUE);
  g_setenv ("MC_TRAINING_ACTIVITY", "0", TRUE);
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);
  training_test_quiet_notifications ();

  fx.profile = mc_test_make_profile (300);
  fx.window = mc_test_open_window (&fx.app, fx.profile);

  g_test_add_func ("/a11y/names", test_names);
  g_test_add_func ("/a11y/tab-regions", test_tab_regions);
  g_test_add_func ("/a11y/training-names", test_training_names);
  status = g_test_run ();

  training_test_close (&fx.app, fx.data_home);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
