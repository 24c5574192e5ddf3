/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <poppler.h>

#include "gui-test-util.h"
#include "mc-preferences-window.h"
#include "mc-scan-dialog.h"
#include "mc-store-settings.h"

/* The scan window over the real main window, in Vietnamese, against SANE's test backend
 * (SANE_CONFIG_DIR in the test environment): the scanner chosen in Preferences is the one it
 * opens with, two pages are scanned ("Quét", "Quét thêm trang"), previewed, and kept as one
 * PDF handed over by "scanned". */

static struct {
  char *profile;
  McApplication *app;
  McWindow *window;
  GFile *scanned;
} fx;

static gboolean
has_devices (gpointer data)
{
  return mc_scan_dialog_get_n_devices (data) > 0;
}

static gboolean
model_filled (gpointer data)
{
  GListModel *model = adw_combo_row_get_model (data);

  return model != NULL && g_list_model_get_n_items (model) >= 3;
}

typedef struct
{
  McScanDialog *dialog;
  guint pages;
} PagesWait;

static gboolean
has_pages (gpointer data)
{
  PagesWait *wait = data;
  McScanner *scanner = mc_scan_dialog_get_scanner (wait->dialog);

  return scanner != NULL && !mc_scanner_get_busy (scanner) && mc_scanner_get_n_pages (scanner) == wait->pages;
}

static gboolean
was_scanned (gpointer data)
{
  return fx.scanned != NULL;
}

static void
on_scanned (McScanDialog *dialog,
            GFile        *file,
            gpointer      data)
{
  g_set_object (&fx.scanned, file);
}

static guint
count_children (GtkWidget *widget,
                GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (widget, type) ? 1 : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_children (c, type);
  return n;
}

/* Preferences: the scanners found are offered, and the one chosen is the profile's setting. */
static void
test_preferences (void)
{
  McStore *store = mc_window_get_store (fx.window);
  McPreferencesWindow *prefs = mc_preferences_window_new (fx.window);
  AdwComboRow *row = ADW_COMBO_ROW (mc_preferences_window_get_row (prefs, "scanner.device"));
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (prefs));
  g_assert_true (mc_test_wait (model_filled, row, 20000));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, 0);  /* none chosen yet */
  adw_combo_row_set_selected (row, 2);
  value = mc_store_get_setting (store, "scanner.device", NULL);
  g_assert_cmpstr (value, ==, "test:1");
  gtk_window_destroy (GTK_WINDOW (prefs));
}

static void
test_scan_two_pages (void)
{
  g_autofree char *dir = g_dir_make_tmp ("motcua-scan-gui-XXXXXX", NULL);
  McScanDialog *dialog = mc_scan_dialog_new (GTK_WINDOW (fx.window), mc_window_get_store (fx.window));
  PagesWait wait = { dialog, 1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) doc = NULL;
  g_autofree char *png = NULL;
  g_autofree char *path = NULL;
  GtkWidget *page_box;

  mc_scan_dialog_set_directory (dialog, dir);
  g_signal_connect (dialog, "scanned", G_CALLBACK (on_scanned), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (mc_test_wait (has_devices, dialog, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.start", NULL));
  g_assert_true (mc_test_wait (has_pages, &wait, 30000));
  /* The scanner chosen in Preferences (test_preferences), not merely the first one found. */
  g_assert_cmpstr (mc_scanner_get_device (mc_scan_dialog_get_scanner (dialog)), ==, "test:1");
  wait.pages = 2;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.more", NULL));
  g_assert_true (mc_test_wait (has_pages, &wait, 30000));

  page_box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_SCAN_DIALOG, "page_box"));
  g_assert_cmpuint (count_children (page_box, GTK_TYPE_PICTURE), ==, 2);
  mc_test_wait_frame (GTK_WIDGET (dialog));
  png = g_build_filename (g_getenv ("G_TEST_BUILDDIR"), "gui", "scan-dialog.png", NULL);
  mc_test_save_png (GTK_WIDGET (dialog), png);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.keep", NULL));
  g_assert_true (mc_test_wait (was_scanned, NULL, 30000));
  path = g_file_get_path (fx.scanned);
  g_assert_true (g_str_has_prefix (path, dir));
  doc = G_OBJECT (poppler_document_new_from_gfile (fx.scanned, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (doc)), ==, 2);
  g_assert_null (mc_test_find_toplevel (MC_TYPE_SCAN_DIALOG));  /* it closed itself */

  g_unlink (path);
  g_rmdir (dir);
  g_clear_object (&fx.scanned);
}

static gboolean
reading_page (gpointer data)
{
  GtkProgressBar *bar = data;

  return gtk_widget_get_visible (GTK_WIDGET (bar)) && gtk_progress_bar_get_fraction (bar) > 0;
}

static gboolean
not_busy (gpointer data)
{
  return !mc_scanner_get_busy (data);
}

/* "Dừng quét" in the middle of a page: the scan stops, the page being read is dropped, the
 * pages before stay, and closing the window then hands nothing over. */
static void
test_stop (void)
{
  McScanDialog *dialog = mc_scan_dialog_new (GTK_WINDOW (fx.window), NULL);
  PagesWait wait = { dialog, 1 };
  GtkWidget *bar = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_SCAN_DIALOG, "progress_bar"));
  GtkWidget *label = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_SCAN_DIALOG, "status_label"));
  McScanner *scanner;

  g_signal_connect (dialog, "scanned", G_CALLBACK (on_scanned), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (mc_test_wait (has_devices, dialog, 20000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.start", NULL));
  g_assert_true (mc_test_wait (has_pages, &wait, 30000));

  /* The next page, A4 read a byte at a time: seconds long. */
  scanner = mc_scan_dialog_get_scanner (dialog);
  mc_scanner_set_option (scanner, "br-x", "210");
  mc_scanner_set_option (scanner, "br-y", "297");
  mc_scanner_set_option (scanner, "read-limit", "yes");
  mc_scanner_set_option (scanner, "read-limit-size", "1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.more", NULL));
  g_assert_true (mc_test_wait (reading_page, bar, 30000));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_SCAN_DIALOG, "stop_button"))));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.stop", NULL));
  g_assert_true (mc_test_wait (not_busy, scanner, 10000));
  g_assert_cmpuint (mc_scanner_get_n_pages (scanner), ==, 1);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "Đã dừng quét"));
  g_assert_false (gtk_widget_get_visible (bar));

  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_null (fx.scanned);
  g_assert_null (mc_test_find_toplevel (MC_TYPE_SCAN_DIALOG));
}

/* The feeder switch: one press scans every sheet (the test backend's feeder holds 10). */
static void
test_feeder (void)
{
  McScanDialog *dialog = mc_scan_dialog_new (GTK_WINDOW (fx.window), NULL);
  PagesWait wait = { dialog, 10 };
  GtkWidget *page_box = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_SCAN_DIALOG, "page_box"));
  GtkSwitch *feeder = GTK_SWITCH (gtk_widget_get_template_child (GTK_WIDGET (dialog), MC_TYPE_SCAN_DIALOG, "feeder_switch"));

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (mc_test_wait (has_devices, dialog, 20000));
  gtk_switch_set_active (feeder, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "scan.start", NULL));
  g_assert_true (mc_test_wait (has_pages, &wait, 60000));
  g_assert_true (mc_scanner_get_feeder (mc_scan_dialog_get_scanner (dialog)));
  g_assert_cmpuint (count_children (page_box, GTK_TYPE_PICTURE), ==, 10);
  gtk_window_close (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *localedir = mc_test_take_option (&argc, argv, "localedir");
  int status;

  mc_test_use_vietnamese (localedir);
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.profile = mc_test_make_profile (20);
  fx.window = mc_test_open_window (&fx.app, fx.profile);
  mc_test_wait_frame (GTK_WIDGET (fx.window));

  g_test_add_func ("/scan-dialog/preferences", test_preferences);
  g_test_add_func ("/scan-dialog/two-pages", test_scan_two_pages);
  g_test_add_func ("/scan-dialog/feeder", test_feeder);
  g_test_add_func ("/scan-dialog/stop", test_stop);
  status = g_test_run ();

  gtk_window_destroy (GTK_WINDOW (fx.window));
  g_clear_object (&fx.app);
  mc_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
