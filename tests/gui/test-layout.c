/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "gui-test-util.h"
#include "mc-queue-cell.h"
#include "mc-secrets.h"
#include "mc-sync-banner.h"
#include "mc-window-private.h"

/* The window in Vietnamese at the screens of a commune office — 1366×768 and 1920×1080 — with
 * a dossier open in the detail pane, checked by widget geometry, not by pixels: the queue
 * shows the number, applicant, procedure, status, received day and time left of each dossier
 * without scrolling sideways (and every column at 1920, with the applicants whole), no text an
 * official must read is cut, not even in the "Overdue" view half a year after the sample's
 * day, and the panes keep their widths when counts arrive, other dossiers open and a ministry
 * system's banner appears. Screenshots of both sizes are saved beside the test for a person to
 * look at. */

/* "Now" for the window: half a year after the day the sample is made for (MC_NOW of
 * mc_test_init_display()), so that the dossiers still open are overdue by a hundred working
 * days and more, the longest times left the queue shows. */
#define LATER "2027-06-15 09:00"

static struct
{
  McApplication *app;
  McWindow *window;
  char *profile;
  sqlite3 *db;
} fx;

typedef struct
{
  int width;
  int height;
} Size;

static gboolean
has_size (gpointer data)
{
  const Size *size = data;

  return gtk_widget_get_width (GTK_WIDGET (fx.window)) == size->width &&
         gtk_widget_get_height (GTK_WIDGET (fx.window)) == size->height;
}

/* The window's content (what a maximized window has) at @width × @height: its default size
 * also counts the shadow around an unmaximized window, measured on the way. */
static void
resize (int width,
        int height)
{
  Size size = { width, height };

  gtk_window_set_default_size (GTK_WINDOW (fx.window), width, height);
  mc_test_wait_frame (GTK_WIDGET (fx.window));
  gtk_window_set_default_size (GTK_WINDOW (fx.window),
                               2 * width - gtk_widget_get_width (GTK_WIDGET (fx.window)),
                               2 * height - gtk_widget_get_height (GTK_WIDGET (fx.window)));
  if (!mc_test_wait (has_size, &size, 10000))
    g_error ("the window never became %d×%d (it is %d×%d)", width, height,
             gtk_widget_get_width (GTK_WIDGET (fx.window)), gtk_widget_get_height (GTK_WIDGET (fx.window)));
  mc_test_wait_frame (GTK_WIDGET (fx.window));
}

/* Whether @widget and its ancestors up to the window are drawn, and it lies inside the
 * window. */
static gboolean
on_screen (GtkWidget *widget)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget) ||
      !gtk_widget_compute_bounds (widget, GTK_WIDGET (fx.window), &bounds))
    return FALSE;
  return bounds.origin.x >= 0 && bounds.origin.x + bounds.size.width <= gtk_widget_get_width (GTK_WIDGET (fx.window)) + 0.5;
}

typedef struct
{
  gboolean applicants;     /* the applicants must be whole too */
  GHashTable *seen;        /* column id → number of cells on screen */
  GPtrArray *cut;          /* what was ellipsized */
  gint64 most_late;        /* the largest number in a time left shown */
} Walk;

/* Every queue cell on screen, and every label: none of what must be read is cut. The
 * applicant (an organization's name can be long, but not at 1920), the procedure's name (the
 * detail shows it whole) and the ministry may end in "…"; the status under the procedure, the
 * days and the time left may not. */
static void
walk (GtkWidget *widget,
      Walk      *w)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (MC_IS_QUEUE_CELL (widget))
    {
      const char *column = mc_queue_list_get_cell_column (widget);
      McQueueCell *cell = MC_QUEUE_CELL (widget);

      g_hash_table_replace (w->seen, (gpointer) column,
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (w->seen, column)) + 1));
      if (!on_screen (widget))
        g_ptr_array_add (w->cut, g_strdup_printf ("%s cell “%s” is off the window", column, mc_queue_cell_get_text (cell)));
      /* Digits of one width, as the column's width was measured, whatever the cell's colour. */
      else if (!g_str_equal (column, "procedure") && !g_str_equal (column, "ministry") &&
               !gtk_widget_has_css_class (widget, "numeric"))
        g_ptr_array_add (w->cut, g_strdup_printf ("%s cell “%s” has lost its tabular digits", column,
                                                  mc_queue_cell_get_text (cell)));
      else if (g_str_equal (column, "procedure") ? mc_queue_cell_is_line_ellipsized (cell, 1)
               : g_str_equal (column, "number") && !w->applicants ? mc_queue_cell_is_line_ellipsized (cell, 0)
               : g_str_equal (column, "ministry") ? FALSE
               : mc_queue_cell_is_ellipsized (cell))
        g_ptr_array_add (w->cut, g_strdup_printf ("%s cell “%s / %s” is cut (%d px wide)", column,
                                                  mc_queue_cell_get_text (cell), mc_queue_cell_get_secondary (cell),
                                                  gtk_widget_get_width (widget)));
      if (g_str_equal (column, "left") && mc_queue_cell_get_text (cell) != NULL)
        {
          const char *digits = strpbrk (mc_queue_cell_get_text (cell), "0123456789");

          if (digits != NULL)
            w->most_late = MAX (w->most_late, g_ascii_strtoll (digits, NULL, 10));
        }
      return;
    }
  /* A file's name is shortened in its middle on purpose (its button's tooltip has it whole). */
  if (GTK_IS_LABEL (widget) && gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_NONE &&
      gtk_label_get_ellipsize (GTK_LABEL (widget)) != PANGO_ELLIPSIZE_MIDDLE &&
      pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    g_ptr_array_add (w->cut, g_strdup_printf ("label “%s” is cut", gtk_label_get_text (GTK_LABEL (widget))));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    walk (child, w);
}

static void
save_screenshot (const char *name)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);

  g_assert_true (mc_test_save_png (GTK_WIDGET (fx.window), path));
  g_test_message ("screenshot: %s", path);
}

static void
select_view (McQueueView view)
{
  mc_sidebar_set_view (fx.window->sidebar, view);
  mc_test_wait_frame (GTK_WIDGET (fx.window));
}

/* Opens the dossier of the shown list's @position in the detail. */
static void
open_position (guint position)
{
  mc_window_open_dossier (fx.window, mc_queue_model_get_id (fx.window->model, position));
  mc_test_wait_frame (GTK_WIDGET (fx.window));
}

static gboolean
ministry_shown_is (gpointer every_column)
{
  return gtk_column_view_column_get_visible (mc_queue_list_get_column (fx.window->queue_view, "ministry")) ==
         GPOINTER_TO_INT (every_column);
}

/* The column changes from an idle callback after the frame that found it should (see
 * mc-queue-list.c): waits for that, then for the frame that lays it out. */
static void
wait_columns (gboolean every_column)
{
  g_assert_true (mc_test_wait (ministry_shown_is, GINT_TO_POINTER (every_column), 10000));
  mc_test_wait_frame (GTK_WIDGET (fx.window));
}

static GtkAdjustment *
hadjustment (void)
{
  return gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (mc_queue_list_get_column_view (fx.window->queue_view)));
}

/* The list's columns fit it: no sideways scrolling. */
static void
assert_no_sideways_scrolling (void)
{
  g_assert_cmpfloat (gtk_adjustment_get_upper (hadjustment ()), <=, gtk_adjustment_get_page_size (hadjustment ()) + 0.5);
}

/* Each needed column of the shown list has cells on screen, whole; returns the largest number
 * of days (or hours) a time left on screen says. */
static gint64
check_cells (int      width,
             int      height,
             gboolean every_column)
{
  const char *needed[] = { "number", "procedure", "received", "left" };
  Walk w = { every_column, g_hash_table_new (g_str_hash, g_str_equal), g_ptr_array_new_with_free_func (g_free), 0 };

  walk (GTK_WIDGET (fx.window), &w);
  for (guint i = 0; i < G_N_ELEMENTS (needed); i++)
    {
      g_test_message ("%s: %u cells on screen", needed[i], GPOINTER_TO_UINT (g_hash_table_lookup (w.seen, needed[i])));
      g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (w.seen, needed[i])), >=, 10);
    }
  for (guint i = 0; i < w.cut->len; i++)
    g_test_message ("%d×%d: %s", width, height, (char *) g_ptr_array_index (w.cut, i));
  g_assert_cmpuint (w.cut->len, ==, 0);
  g_hash_table_unref (w.seen);
  g_ptr_array_unref (w.cut);
  return w.most_late;
}

static void
check_size (int         width,
            int         height,
            gboolean    every_column,
            const char *screenshot)
{
  int sidebar, detail;
  gint64 most_late;

  resize (width, height);
  select_view (MC_QUEUE_ALL);
  open_position (1);
  wait_columns (every_column);

  /* The three panes side by side. */
  g_assert_false (adw_leaflet_get_folded (fx.window->outer_leaflet));
  g_assert_false (adw_leaflet_get_folded (fx.window->inner_leaflet));
  g_assert_true (gtk_widget_get_mapped (fx.window->detail_pane));
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), !=, 0);

  /* No sideways scrolling: the columns fit the list. */
  {
    GListModel *columns = gtk_column_view_get_columns (mc_queue_list_get_column_view (fx.window->queue_view));

    for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
      {
        g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

        g_test_message ("column “%s”: %d px%s", gtk_column_view_column_get_title (column),
                        gtk_column_view_column_get_fixed_width (column),
                        gtk_column_view_column_get_visible (column) ? "" : " (hidden)");
      }
  }
  g_test_message ("sidebar %d px, detail %d px", gtk_widget_get_width (fx.window->sidebar_pane),
                  gtk_widget_get_width (fx.window->detail_pane));
  g_test_message ("%d×%d: list %d px wide, columns %.0f px", width, height,
                  gtk_widget_get_width (GTK_WIDGET (fx.window->queue_view)), gtk_adjustment_get_upper (hadjustment ()));
  save_screenshot (screenshot);
  assert_no_sideways_scrolling ();
  check_cells (width, height, every_column);

  /* Widths that do not jump: the counts arrive, another view and another dossier open. */
  sidebar = gtk_widget_get_width (fx.window->sidebar_pane);
  detail = gtk_widget_get_width (fx.window->detail_pane);
  mc_test_wait_counts (fx.window);
  select_view (MC_QUEUE_OVERDUE);
  open_position (0);
  g_assert_cmpint (gtk_widget_get_width (fx.window->sidebar_pane), ==, sidebar);
  g_assert_cmpint (gtk_widget_get_width (fx.window->detail_pane), ==, detail);

  /* The "Overdue" view, most overdue first: overdue by a hundred working days and more, and
   * each time left whole. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fx.window->model)), >=, 10);
  assert_no_sideways_scrolling ();
  most_late = check_cells (width, height, every_column);
  g_test_message ("%d×%d: overdue by up to %" G_GINT64_FORMAT " days", width, height, most_late);
  g_assert_cmpint (most_late, >=, 100);

  select_view (MC_QUEUE_WAITING);
  open_position (0);
  g_assert_cmpint (gtk_widget_get_width (fx.window->sidebar_pane), ==, sidebar);
  g_assert_cmpint (gtk_widget_get_width (fx.window->detail_pane), ==, detail);
}

static void
test_1366 (void)
{
  check_size (1366, 768, FALSE, "layout-1366x768.png");
}

static void
test_1920 (void)
{
  check_size (1920, 1080, TRUE, "layout-1920x1080.png");
}

/* A ministry system's banner */

typedef struct
{
  McSyncBanner *banner;
  gboolean revealed;
} BannerState;

/* The banner is (or is not) asked for, and its revealer has slid it in (or out). */
static gboolean
banner_is (gpointer data)
{
  const BannerState *state = data;
  GtkRevealer *revealer = GTK_REVEALER (mc_test_find_widget (GTK_WIDGET (state->banner), GTK_TYPE_REVEALER));

  return mc_sync_banner_get_revealed (state->banner) == state->revealed &&
         gtk_revealer_get_child_revealed (revealer) == state->revealed;
}

static void
wait_banner (McSyncBanner *banner,
             gboolean      revealed)
{
  BannerState state = { banner, revealed };

  if (!mc_test_wait (banner_is, &state, 30000))
    g_error ("the banner never %s", revealed ? "slid in" : "slid out");
  mc_test_wait_frame (GTK_WIDGET (fx.window));
}

/* Nội vụ's system (g09) moves to a loopback port where nothing listens any more, with its
 * password in the Secret Service: the engine finds it cannot be reached, as when the line to
 * the ministry is down. */
static void
cut_ministry_system (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(McSecrets) keyring = mc_secrets_new (mc_store_get_path (mc_window_get_store (fx.window)));
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fx.profile, "motcua.db", NULL);
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (listener, NULL, &error);
  g_assert_no_error (error);
  g_socket_listener_close (listener);
  g_assert_true (mc_secrets_store_sync (keyring, "g09", mc_secret_kind_for_sign_in ("lgsp"), "test-secret", NULL, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE sources SET base_url = 'http://127.0.0.1:%u/' WHERE id = 'g09'", port);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_close (db);
  mc_application_reload_sync (fx.app);
}

typedef struct
{
  int list;
  int detail;
  int sidebar;
} Widths;

static void
assert_widths (const Widths *before,
               const char   *when)
{
  g_test_message ("%s: sidebar %d px, list %d px, detail %d px", when, gtk_widget_get_width (fx.window->sidebar_pane),
                  gtk_widget_get_width (fx.window->list_pane), gtk_widget_get_width (fx.window->detail_pane));
  g_assert_cmpint (gtk_widget_get_width (fx.window->sidebar_pane), ==, before->sidebar);
  g_assert_cmpint (gtk_widget_get_width (fx.window->list_pane), ==, before->list);
  g_assert_cmpint (gtk_widget_get_width (fx.window->detail_pane), ==, before->detail);
  assert_no_sideways_scrolling ();
}

/* The banner over the list appears with no dossier open (the detail pane empty), then the one
 * over a dossier of that ministry: no pane changes width, the columns still fit and nothing
 * needed is cut. */
static void
check_banner (int         width,
              int         height,
              gboolean    every_column,
              const char *screenshot)
{
  g_autofree char *cut_dossier = mc_test_query_text (fx.db, "SELECT id FROM dossiers WHERE source_id = 'g09' "
                                                     "AND status = 4 ORDER BY received_at DESC LIMIT 1");
  Widths before;

  resize (width, height);
  mc_window_open_dossier (fx.window, 0);
  wait_banner (fx.window->dossier_banner, FALSE);
  select_view (MC_QUEUE_ALL);
  wait_columns (every_column);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), ==, 0);
  before = (Widths) { gtk_widget_get_width (fx.window->list_pane), gtk_widget_get_width (fx.window->detail_pane),
                      gtk_widget_get_width (fx.window->sidebar_pane) };
  assert_no_sideways_scrolling ();

  if (!mc_sync_banner_get_revealed (fx.window->list_banner))
    cut_ministry_system ();
  wait_banner (fx.window->list_banner, TRUE);
  g_test_message ("banner: %s", mc_sync_banner_get_text (fx.window->list_banner));
  /* Over no dossier, no banner (the one over the list says it): both follow the same change. */
  g_assert_false (mc_sync_banner_get_revealed (fx.window->dossier_banner));
  assert_widths (&before, "banner over the list");
  check_cells (width, height, every_column);
  save_screenshot (screenshot);

  g_assert_nonnull (cut_dossier);
  mc_window_open_dossier (fx.window, g_ascii_strtoll (cut_dossier, NULL, 10));
  wait_banner (fx.window->dossier_banner, TRUE);
  assert_widths (&before, "banner over the dossier");
  check_cells (width, height, every_column);
}

static void
test_banner_1366 (void)
{
  check_banner (1366, 768, FALSE, "layout-banner-1366x768.png");
}

static void
test_banner_1920 (void)
{
  check_banner (1920, 1080, TRUE, "layout-banner-1920x1080.png");
}

typedef struct
{
  gboolean in_layout;
  guint toggles;
  guint toggles_in_layout;
} Phase;

static void
on_update (GdkFrameClock *clock,
           Phase         *phase)
{
  phase->in_layout = TRUE;
}

static void
on_paint (GdkFrameClock *clock,
          Phase         *phase)
{
  phase->in_layout = FALSE;
}

static void
on_column_changed (GtkColumnViewColumn *column,
                   GParamSpec          *pspec,
                   Phase               *phase)
{
  phase->toggles++;
  phase->toggles_in_layout += phase->in_layout;
}

/* The ministry column comes and goes with the list's width, and the number's column widens
 * for the applicant, but never while the window is laid out (between the frame's update and
 * paint phases): a resize queued there leaves containers painted with their new size pending,
 * which GTK warns about. */
static void
test_columns_outside_layout (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (fx.window));
  GtkColumnViewColumn *ministry = mc_queue_list_get_column (fx.window->queue_view, "ministry");
  GtkColumnViewColumn *number = mc_queue_list_get_column (fx.window->queue_view, "number");
  Phase phase = { FALSE, 0, 0 };
  gulong ids[4];
  int narrow;

  ids[0] = g_signal_connect (clock, "update", G_CALLBACK (on_update), &phase);
  ids[1] = g_signal_connect (clock, "paint", G_CALLBACK (on_paint), &phase);
  ids[2] = g_signal_connect (ministry, "notify::visible", G_CALLBACK (on_column_changed), &phase);
  ids[3] = g_signal_connect (number, "notify::fixed-width", G_CALLBACK (on_column_changed), &phase);
  for (int i = 0; i < 2; i++)
    {
      resize (1366, 768);
      mc_test_wait_frame (GTK_WIDGET (fx.window));
      g_assert_false (gtk_column_view_column_get_visible (ministry));
      narrow = gtk_column_view_column_get_fixed_width (number);
      resize (1920, 1080);
      mc_test_wait_frame (GTK_WIDGET (fx.window));
      g_assert_true (gtk_column_view_column_get_visible (ministry));
      g_assert_cmpint (gtk_column_view_column_get_fixed_width (number), >, narrow);
    }
  g_signal_handler_disconnect (clock, ids[0]);
  g_signal_handler_disconnect (clock, ids[1]);
  g_signal_handler_disconnect (ministry, ids[2]);
  g_signal_handler_disconnect (number, ids[3]);
  g_assert_cmpuint (phase.toggles, >=, 6);
  g_assert_cmpuint (phase.toggles_in_layout, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = mc_test_take_option (&argc, argv, "localedir");
  int status;

  /* In Vietnamese, the officials' language, whose words set the widths. */
  mc_test_use_vietnamese (localedir);

  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.profile = mc_test_make_profile (600);
  g_setenv ("MC_NOW", LATER, TRUE);
  fx.window = mc_test_open_window (&fx.app, fx.profile);
  fx.db = mc_test_open_db (fx.profile);

  g_test_add_func ("/layout/1366x768", test_1366);
  g_test_add_func ("/layout/1920x1080", test_1920);
  g_test_add_func ("/layout/banner-1366x768", test_banner_1366);
  g_test_add_func ("/layout/banner-1920x1080", test_banner_1920);
  g_test_add_func ("/layout/columns-outside-layout", test_columns_outside_layout);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_object_unref (fx.app);
  sqlite3_close (fx.db);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
