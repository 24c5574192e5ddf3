/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gui-test-util.h"

/* Issue 16: the window checks its profile's database once it is open. A file whose last page
 * is garbage still opens (its schema is on the first page); the check finds it, marks the file
 * damaged for every later writer, and tells the official. */

static void
damage_last_page (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;
  guint page_size;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  page_size = ((guint8) data[16] << 8) | (guint8) data[17];
  if (page_size == 1)
    page_size = 65536;
  g_assert_cmpuint (len % page_size, ==, 0);
  g_assert_cmpuint (len / page_size, >, 2);
  memset (data + len - page_size, 0xA5, 200);
  g_assert_true (g_file_set_contents (path, data, len, NULL));
}

static GtkWindow *
damage_dialog (void)
{
  GList *windows = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = windows; l != NULL && found == NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data)
        && g_strcmp0 (adw_message_dialog_get_heading (l->data), "The Data File Is Damaged") == 0)
      found = l->data;
  g_list_free (windows);
  return found;
}

static gboolean
dialog_shown (gpointer data)
{
  return damage_dialog () != NULL;
}

static void
test_damaged_told (void)
{
  g_autofree char *profile = mc_test_make_profile (300);
  g_autofree char *db = g_build_filename (profile, "motcua.db", NULL);
  g_autofree char *marker = g_strconcat (db, ".damaged", NULL);
  McApplication *app = NULL;
  McWindow *window;

  damage_last_page (db);
  g_assert_false (g_file_test (marker, G_FILE_TEST_EXISTS));
  window = mc_test_open_window (&app, profile);
  g_assert_true (mc_test_wait (dialog_shown, NULL, 20000));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (damage_dialog ())), "doctor"));
  g_assert_true (g_file_test (marker, G_FILE_TEST_EXISTS));
  gtk_window_destroy (damage_dialog ());
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (app);
}

int
main (int    argc,
      char **argv)
{
  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/window/damaged-told", test_damaged_told);
  return g_test_run ();
}
