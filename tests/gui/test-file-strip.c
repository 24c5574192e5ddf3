/* SPDX-License-Identifier: GPL-3.0-or-later */
/* dlsym (RTLD_NEXT) */
#define _GNU_SOURCE
#include "config.h"

#include <cairo-pdf.h>
#include <dlfcn.h>
#include <glib/gstdio.h>

#include "gui-test-util.h"
#include "mc-file-strip.h"
#include "mc-store-files.h"

/* A strip's work in threads writes through one connection of its own, reused: files attached
 * to a stored dossier, in a burst and one more later, and files kept while they wait for the
 * dossier open the profile once per strip, never on the main thread. SQLite counts no
 * connections, so this program counts the opens of the profile's database itself: its own
 * sqlite3_open_v2() comes before the library's (the executable's symbol wins), counts and
 * calls SQLite's. */

static struct {
  char *db_path;         /* the opens counted: this file's */
  GThread *main_thread;
  int n_opens;           /* atomic */
  int n_main_opens;      /* atomic: of them, on the main thread */
} watch;

int
sqlite3_open_v2 (const char  *filename,
                 sqlite3    **db,
                 int          flags,
                 const char  *vfs)
{
  static int (*real) (const char *, sqlite3 **, int, const char *);

  if (real == NULL)
    real = (int (*) (const char *, sqlite3 **, int, const char *)) dlsym (RTLD_NEXT, "sqlite3_open_v2");
  if (watch.db_path != NULL && g_strcmp0 (filename, watch.db_path) == 0)
    {
      g_atomic_int_inc (&watch.n_opens);
      if (g_thread_self () == watch.main_thread)
        g_atomic_int_inc (&watch.n_main_opens);
    }
  return real (filename, db, flags, vfs);
}

static struct {
  char *profile;
  char *files;           /* where the PDFs are written */
  McStore *store;        /* the main thread's connection, opened before the count starts */
  sqlite3 *db;
} fx;

/* A small PDF of @n_pages pages: each file a content of its own (the store keeps a content
 * once per document). */
static GFile *
write_pdf (const char *name,
           int         n_pages)
{
  g_autofree char *path = g_build_filename (fx.files, name, NULL);
  cairo_surface_t *pdf = cairo_pdf_surface_create (path, 595, 842);
  cairo_t *cr = cairo_create (pdf);

  for (int page = 0; page < n_pages; page++)
    {
      cairo_rectangle (cr, 60, 60 + page * 80, 400, 40);
      cairo_fill (cr);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (pdf);
  return g_file_new_for_path (path);
}

static gboolean
strip_idle (gpointer data)
{
  return !mc_file_strip_is_busy (data);
}

/* Every picture drawn: the strip no longer held by a thumbnail's drawing. */
static gboolean
pictures_drawn (gpointer data)
{
  return mc_file_strip_get_n_thumbnails (data) == mc_file_strip_get_n_files (data);
}

static gint64
n_local_files (gint64 dossier_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM dossier_files WHERE dossier_id = %" G_GINT64_FORMAT
                                          " AND origin = 'local' AND removed_at IS NULL", dossier_id);

  return mc_test_query_int (fx.db, sql);
}

static void
add_file (McFileStrip *strip,
          const char  *name,
          int          n_pages)
{
  g_autoptr(GFile) file = write_pdf (name, n_pages);
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_file_strip_add_file (strip, file, &error));
  g_assert_no_error (error);
}

/* Three files dropped at once on a stored dossier, then a fourth: all attached, one open. */
static void
test_attach (void)
{
  gint64 dossier = mc_test_query_int (fx.db, "SELECT id FROM dossiers WHERE status = 4 ORDER BY id LIMIT 1");
  gint64 before = n_local_files (dossier);
  McFileStrip *strip = MC_FILE_STRIP (g_object_ref_sink (mc_file_strip_new ("Tờ khai")));

  g_assert_cmpint (dossier, >, 0);
  mc_file_strip_set_dossier (strip, fx.store, dossier);
  g_atomic_int_set (&watch.n_opens, 0);
  g_atomic_int_set (&watch.n_main_opens, 0);
  add_file (strip, "attach-1.pdf", 1);
  add_file (strip, "attach-2.pdf", 2);
  add_file (strip, "attach-3.pdf", 3);
  g_assert_true (mc_file_strip_is_busy (strip));
  g_assert_true (mc_test_wait (strip_idle, strip, 20000));
  g_assert_cmpint (n_local_files (dossier), ==, before + 3);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 3);
  g_assert_cmpint (g_atomic_int_get (&watch.n_opens), ==, 1);

  /* Later, on its own: the same connection. */
  add_file (strip, "attach-4.pdf", 4);
  g_assert_true (mc_test_wait (strip_idle, strip, 20000));
  g_assert_cmpint (n_local_files (dossier), ==, before + 4);
  g_assert_cmpuint (mc_file_strip_get_n_files (strip), ==, 4);
  g_assert_cmpint (g_atomic_int_get (&watch.n_opens), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&watch.n_main_opens), ==, 0);
  g_assert_true (mc_test_wait (pictures_drawn, strip, 20000));
  g_assert_finalize_object (strip);
}

/* Files waiting for the dossier (the intake) are kept in the profile on the strip's
 * connection too. */
static void
test_keep (void)
{
  McFileStrip *strip = MC_FILE_STRIP (g_object_ref_sink (mc_file_strip_new ("Tờ khai")));

  mc_file_strip_set_dossier (strip, fx.store, 0);
  g_atomic_int_set (&watch.n_opens, 0);
  g_atomic_int_set (&watch.n_main_opens, 0);
  add_file (strip, "keep-1.pdf", 5);
  add_file (strip, "keep-2.pdf", 6);
  g_assert_true (mc_test_wait (strip_idle, strip, 20000));
  g_assert_cmpuint (mc_file_strip_get_pending (strip)->len, ==, 2);
  g_assert_nonnull (mc_file_strip_get_pending_kept (strip, 0));
  g_assert_nonnull (mc_file_strip_get_pending_kept (strip, 1));
  g_assert_cmpint (g_atomic_int_get (&watch.n_opens), ==, 1);
  g_assert_cmpint (g_atomic_int_get (&watch.n_main_opens), ==, 0);
  g_assert_true (mc_test_wait (pictures_drawn, strip, 20000));
  g_assert_finalize_object (strip);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!mc_test_init_display (&argc, &argv))
    return 0;
  g_test_init (&argc, &argv, NULL);

  fx.profile = mc_test_make_profile (20);
  fx.files = g_dir_make_tmp ("motcua-strip-XXXXXX", NULL);
  g_assert_nonnull (fx.files);
  watch.db_path = g_build_filename (fx.profile, "motcua.db", NULL);
  watch.main_thread = g_thread_self ();
  fx.store = mc_store_open (watch.db_path, MC_STORE_OPEN_EXISTING, NULL);
  g_assert_nonnull (fx.store);
  fx.db = mc_test_open_db (fx.profile);

  g_test_add_func ("/file-strip/attach", test_attach);
  g_test_add_func ("/file-strip/keep", test_keep);
  status = g_test_run ();

  sqlite3_close (fx.db);
  g_clear_object (&fx.store);
  {
    g_autoptr(GDir) dir = g_dir_open (fx.files, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (fx.files, name, NULL);

        g_remove (path);
      }
  }
  g_rmdir (fx.files);
  mc_test_remove_profile (fx.profile);
  g_clear_pointer (&watch.db_path, g_free);
  g_free (fx.files);
  g_free (fx.profile);
  return status;
}
