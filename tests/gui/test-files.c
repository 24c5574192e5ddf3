/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "mc-file-strip.h"
#include "mc-action-dialog.h"
#include "mc-i18n.h"
#include "mc-page-viewer.h"
#include "mc-store-files.h"
#include "mc-window-private.h"
#include "training-test-util.h"

/* A file a ministry system lists (the citizen's online upload, the system's e-result) is
 * downloaded from the window on demand: in training mode, the real application with the
 * simulator on loopback. The strip's button starts it, the strip is busy meanwhile (the
 * download runs in a thread), then the file is kept in the profile by its hash and its
 * picture replaces the button; with the ministry cut, the download fails with a message and
 * the button is offered again. Every wait is bounded by a condition. */

static struct {
  char *data_home;
  McApplication *app;
  McWindow *window;
} fx;

static McStore *
store (void)
{
  return mc_window_get_store (fx.window);
}

/* The first listed file not downloaded yet (its dossier in *@out_dossier). */
static McFile *
listed_file (gint64 *out_dossier)
{
  g_autofree char *profile = g_path_get_dirname (mc_store_get_path (store ()));
  sqlite3 *db = mc_test_open_db (profile);
  gint64 id = mc_test_query_int (db, "SELECT id FROM dossier_files WHERE origin = 'remote' AND local_path IS NULL"
                                     " AND remote_path IS NOT NULL ORDER BY id LIMIT 1");

  sqlite3_close (db);
  g_assert_cmpint (id, >, 0);
  return mc_store_get_file_full (store (), id, out_dossier, NULL);
}

/* The button of the open dossier that downloads file @id. */
static GtkWidget *
download_button (GtkWidget *widget,
                 gint64     id)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "strip.download") == 0)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));

      if (target != NULL && g_variant_get_int64 (target) == id)
        return widget;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = download_button (c, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static McFileStrip *
strip_of (GtkWidget *button)
{
  GtkWidget *w = button;

  while (w != NULL && !MC_IS_FILE_STRIP (w))
    w = gtk_widget_get_parent (w);
  g_assert_nonnull (w);
  return MC_FILE_STRIP (w);
}

/* The pictures drawn in the open dossier's strips. */
static guint
n_pictures (GtkWidget *widget)
{
  guint n = MC_IS_FILE_STRIP (widget) ? mc_file_strip_get_n_thumbnails (MC_FILE_STRIP (widget)) : 0;

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    n += n_pictures (c);
  return n;
}

/* A strip of the open dossier with a picture drawn. */
static McFileStrip *
strip_any (GtkWidget *widget)
{
  if (MC_IS_FILE_STRIP (widget) && mc_file_strip_get_n_thumbnails (MC_FILE_STRIP (widget)) > 0)
    return MC_FILE_STRIP (widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      McFileStrip *found = strip_any (c);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  gint64 id;
  guint before;
} Shown;

/* Kept in the profile, and its picture in place of its button. */
static gboolean
picture_shown (gpointer data)
{
  Shown *s = data;
  GtkWidget *view = GTK_WIDGET (fx.window->dossier_view);
  g_autoptr(McFile) f = mc_store_get_file (store (), s->id, NULL);

  return f != NULL && f->local_path != NULL && download_button (view, s->id) == NULL && n_pictures (view) > s->before;
}

static gboolean
not_busy (gpointer data)
{
  return !mc_file_strip_is_busy (data);
}

/* A picture of @widget (the pane scrolls: the group is drawn whole), in G_TEST_BUILDDIR, for
 * reading, not for checking: left out under AddressSanitizer, where a loaded machine may not
 * paint a frame within mc_test_wait_frame()'s bound. */
static void
save_png (GtkWidget  *widget,
          const char *name)
{
#ifndef __SANITIZE_ADDRESS__
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") ? g_getenv ("G_TEST_BUILDDIR") : ".",
                                            name, NULL);

  mc_test_wait_frame (widget);
  if (mc_test_save_png (widget, path))
    g_test_message ("screenshot: %s", path);
#endif
}

static void
open_dossier (gint64 id)
{
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.open-dossier", "x", id);
  g_assert_cmpint (mc_dossier_view_get_dossier_id (fx.window->dossier_view), ==, id);
}

static void
test_download (void)
{
  gint64 dossier = 0;
  g_autoptr(McFile) file = listed_file (&dossier);
  g_autoptr(McFile) after = NULL;
  g_autofree char *path = NULL, *hash = NULL, *content = NULL;
  GtkWidget *view = GTK_WIDGET (fx.window->dossier_view);
  GtkWidget *button;
  McFileStrip *strip;
  Shown shown = { file->id, 0 };
  gsize len = 0;

  open_dossier (dossier);
  button = download_button (view, file->id);
  g_assert_nonnull (button);
  shown.before = n_pictures (view);
  strip = strip_of (button);
  save_png (gtk_widget_get_ancestor (button, ADW_TYPE_PREFERENCES_GROUP), "screenshot-file-listed.png");
  g_assert_true (gtk_widget_activate_action (button, "strip.download", "x", file->id));
  /* Under way in a thread: the window is not held. */
  g_assert_true (mc_file_strip_is_busy (strip));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (mc_test_wait (picture_shown, &shown, 30000));
  /* Kept by the hash the system lists, mode 0600. */
  after = mc_store_get_file (store (), file->id, NULL);
  path = mc_store_file_content_path (store (), after);
  g_assert_nonnull (path);
  g_assert_true (g_file_get_contents (path, &content, &len, NULL));
  g_assert_cmpint ((gint64) len, ==, file->size);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) content, len);
  if (file->hash != NULL && g_str_has_prefix (file->hash, "sha256:"))
    g_assert_cmpstr (file->hash + 7, ==, hash);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  save_png (gtk_widget_get_ancestor (GTK_WIDGET (strip_any (view)), ADW_TYPE_PREFERENCES_GROUP),
            "screenshot-file-downloaded.png");
}

/* The ministry cut: a message, nothing kept, and the button offered again. */
static void
test_download_offline (void)
{
  gint64 dossier = 0;
  g_autoptr(McFile) file = listed_file (&dossier);
  g_autoptr(McFile) after = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button;
  McFileStrip *strip;
  GtkWindow *message;

  d = mc_store_get_dossier (store (), dossier, NULL);
  g_assert_true (mc_training_set_connected (mc_application_get_training (fx.app), d->source_id, FALSE, &error));
  g_assert_no_error (error);
  open_dossier (dossier);
  button = download_button (GTK_WIDGET (fx.window->dossier_view), file->id);
  g_assert_nonnull (button);
  strip = strip_of (button);
  g_object_ref (strip);
  gtk_widget_activate_action (button, "strip.download", "x", file->id);
  g_assert_true (mc_test_wait (not_busy, strip, 60000));
  after = mc_store_get_file (store (), file->id, NULL);
  g_assert_null (after->local_path);
  message = mc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (message);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (message)), ==,
                   g_dgettext (GETTEXT_PACKAGE, "The file cannot be downloaded"));
  mc_test_close_message_dialogs ();
  g_assert_true (gtk_widget_get_sensitive (button));
  g_object_unref (strip);
  g_assert_true (mc_training_set_connected (mc_application_get_training (fx.app), d->source_id, TRUE, &error));
}

/* A processing dossier of the training sample not acted on yet. */
static gint64
processing_dossier (void)
{
  g_autofree char *profile = g_path_get_dirname (mc_store_get_path (store ()));
  sqlite3 *db = mc_test_open_db (profile);
  gint64 id = mc_test_query_int (db, "SELECT id FROM dossiers WHERE status = 4 AND id NOT IN"
                                     " (SELECT dossier_id FROM outbox) ORDER BY id LIMIT 1");

  sqlite3_close (db);
  g_assert_cmpint (id, >, 0);
  return id;
}

typedef struct
{
  McSimDialect dialect;
  const char *number;
  const char *name;
} OnSystem;

static gboolean
on_system (gpointer data)
{
  OnSystem *o = data;

  return mc_sim_count_files (mc_training_get_sim (mc_application_get_training (fx.app)), o->dialect, o->number,
                             o->name) == 1;
}

/* Completing from the window with the signed result attached: the e-result reaches the
 * ministry system (the simulator) once, with no timer or button. */
static void
test_eresult_sent (void)
{
  gint64 id = processing_dossier ();
  g_autoptr(McDossier) d = mc_store_get_dossier (store (), id, NULL);
  g_autofree char *pdf = g_build_filename (fx.data_home, "ket-qua-da-ky.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (pdf);
  g_autoptr(GError) error = NULL;
  OnSystem o = { 0, d->number, "ket-qua-da-ky.pdf" };
  McActionDialog *dialog;

  {
    cairo_surface_t *surface = cairo_pdf_surface_create (pdf, 595, 842);
    cairo_t *cr = cairo_create (surface);

    cairo_rectangle (cr, 60, 60, 400, 40);
    cairo_fill (cr);
    cairo_show_page (cr);
    cairo_destroy (cr);
    cairo_surface_destroy (surface);
  }
  g_assert_true (mc_sim_dialect_from_name (d->source_id, &o.dialect));
  open_dossier (id);
  gtk_widget_activate_action (GTK_WIDGET (fx.window), "win.act", "(xs)", id, "resolve");
  dialog = MC_ACTION_DIALOG (mc_test_find_toplevel (MC_TYPE_ACTION_DIALOG));
  g_assert_nonnull (dialog);
  mc_action_dialog_add_result (dialog, "Giấy chứng nhận", "45/GCN-UBND");
  g_assert_true (mc_file_strip_add_file (mc_action_dialog_get_eresult_files (dialog), file, &error));
  g_assert_no_error (error);
  mc_action_dialog_set_signed (dialog, "02/12/2026", "Trần Văn Bình");
  save_png (GTK_WIDGET (dialog), "screenshot-eresult.png");
  g_assert_true (mc_action_dialog_apply (dialog));
  mc_test_close_message_dialogs ();
  g_assert_true (mc_test_wait (on_system, &o, 30000));
}

static gboolean
sent (gpointer data)
{
  g_autoptr(McFile) f = mc_store_get_file (store (), *(gint64 *) data, NULL);
  McOutboxState state;
  gboolean known = FALSE;

  return f != NULL && mc_store_file_send_state (store (), f, &state, &known, NULL) && known
         && state == MC_OUTBOX_DONE;
}

/* The picture of file @id in the open dossier. */
static GtkWidget *
picture_of (GtkWidget *widget,
            gint64     id)
{
  if (MC_IS_FILE_STRIP (widget) && mc_file_strip_get_picture (MC_FILE_STRIP (widget), id) != NULL)
    return mc_file_strip_get_picture (MC_FILE_STRIP (widget), id);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = picture_of (c, id);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The e-result, once sent, removed from the dossier through its page viewer: asked first,
 * then gone from the dossier's files, with an audit entry. */
static void
test_remove_sent (void)
{
  g_autofree char *profile = g_path_get_dirname (mc_store_get_path (store ()));
  sqlite3 *db = mc_test_open_db (profile);
  gint64 id = mc_test_query_int (db, "SELECT id FROM dossier_files WHERE origin = 'local' AND kind = 'result'"
                                     " AND removed_at IS NULL ORDER BY id DESC LIMIT 1");
  gint64 dossier = 0;
  g_autoptr(McFile) file = NULL;
  g_autoptr(McFile) after = NULL;
  GtkWidget *picture;
  GtkWindow *viewer, *question;

  g_assert_cmpint (id, >, 0);
  file = mc_store_get_file_full (store (), id, &dossier, NULL);
  g_assert_true (mc_test_wait (sent, &id, 30000));
  open_dossier (dossier);
  picture = picture_of (GTK_WIDGET (fx.window->dossier_view), id);
  g_assert_nonnull (picture);
  g_signal_emit_by_name (picture, "clicked");
  viewer = mc_test_find_toplevel (MC_TYPE_PAGE_VIEWER);
  g_assert_nonnull (viewer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.remove", NULL));
  question = mc_test_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (question);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (question), "remove");
  gtk_window_destroy (question);
  g_assert_null (mc_test_find_toplevel (MC_TYPE_PAGE_VIEWER));
  g_assert_cmpint (mc_test_query_int (db, "SELECT count(*) FROM audit WHERE action = 'remove-file'"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE id = %" G_GINT64_FORMAT
                                            " AND removed_at IS NOT NULL", id);

    g_assert_cmpint (mc_test_query_int (db, sql), ==, 1);
  }
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  fx.data_home = g_dir_make_tmp ("motcua-files-XXXXXX", &error);
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

  g_test_add_func ("/files/download", test_download);
  g_test_add_func ("/files/download-offline", test_download_offline);
  g_test_add_func ("/files/eresult-sent", test_eresult_sent);
  g_test_add_func ("/files/remove-sent", test_remove_sent);
  status = g_test_run ();

  training_test_close (&fx.app, g_steal_pointer (&fx.data_home));
  return status;
}
