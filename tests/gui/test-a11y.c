/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"
#include "mc-action-bar.h"
#include "mc-intake-dialog.h"
#include "mc-window-private.h"

/* The window through a screen reader and the keyboard. The accessibility tree is read the way
 * Orca reads it, over AT-SPI (a11y-check.py, with pyatspi), from this very process: the main
 * window with a dossier open, the counter intake and an action dialog, each checked for an
 * interactive element without a name (or named after its widget type, or twice the same), and
 * for a window that is not a dialog. With real key presses (XTEST): Tab stops once in each
 * region — the sidebar, the search, the list, the dossier's actions — and goes round the window
 * without being trapped; the arrow keys move inside a region; and moving the focus never
 * changes the view. */

static struct
{
  McApplication *app;
  McWindow *window;
  char *profile;
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

/* Runs a11y-check.py on this process's windows (only @title's if not NULL) while its main
 * loop answers the reader. FALSE (and the test skipped) without AT-SPI or pyatspi. */
static gboolean
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
      return FALSE;
    }
  g_subprocess_communicate_utf8_async (walker, NULL, NULL, on_walked, &w);
  if (!mc_test_wait (walked, &w, 120000))
    g_error ("a11y-check.py did not finish");
  g_test_message ("%s:\n%s", what, w.out);
  if (w.status == 77)
    {
      g_test_skip_printf ("no accessibility tree to read: %s", w.out);
      g_free (w.out);
      return FALSE;
    }
  g_assert_cmpint (w.status, ==, 0);
  g_free (w.out);
  return TRUE;
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
  McIntakeDialog *intake;
  McActionDialog *action;
  gint64 id;

  open_first_dossier ();
  if (!check_names ("the main window", NULL))
    return;

  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.receive-new", NULL);
  intake = MC_INTAKE_DIALOG (mc_test_find_toplevel (MC_TYPE_INTAKE_DIALOG));
  g_assert_nonnull (intake);
  check_names ("the counter intake", GTK_WINDOW (intake));
  gtk_window_destroy (GTK_WINDOW (intake));

  id = mc_dossier_view_get_dossier_id (fx.window->dossier_view);
  action = mc_window_open_action (fx.window, id, MC_ACTION_WITHDRAW);
  g_assert_nonnull (action);
  check_names ("an action dialog", GTK_WINDOW (action));
  gtk_window_destroy (GTK_WINDOW (action));
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

      if (!press (GDK_KEY_Tab, FALSE))
        {
          g_test_skip ("no X11 XTEST extension to type with");
          return;
        }
      region = focus_region ();
      g_string_append_printf (order, " → %s (%s)", region,
                              G_OBJECT_TYPE_NAME (gtk_root_get_focus (GTK_ROOT (fx.window))));
      g_hash_table_replace (stops, (gpointer) region,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (stops, region)) + 1));
    }
  while (!g_str_equal (focus_region (), "sidebar") && ++presses < 60);
  g_test_message ("Tab:%s", order->str);
  g_assert_cmpuint (presses, <, 60);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (stops, needed[i])), ==, 1);
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

  /* The accessibility tree on the bus, which the other GUI tests switch off. */
  g_setenv ("GTK_A11Y", "atspi", TRUE);
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.profile = mc_test_make_profile (300);
  fx.window = mc_test_open_window (&fx.app, fx.profile);

  g_test_add_func ("/a11y/names", test_names);
  g_test_add_func ("/a11y/tab-regions", test_tab_regions);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_object_unref (fx.app);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
