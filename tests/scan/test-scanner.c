/* SPDX-License-Identifier: GPL-3.0-or-later */
/* posix_openpt, grantpt, unlockpt, ptsname */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "cli-test-util.h"
#include "mc-scanner.h"

/* McScanner and motcuactl scan through SANE's own test backend (tests/scan/sane, the only
 * backend SANE_CONFIG_DIR offers here), read back with poppler-glib: page count, page size and
 * the resolution of the page images. */

#define DEVICE "test:0"
#define AREA_WIDTH_MM 80.0   /* the test backend's scan area (tests/scan/sane/test.conf) */
#define AREA_HEIGHT_MM 100.0

typedef struct
{
  gboolean done;
  gboolean ok;
  guint added;
  GError *error;
  GCancellable *cancel_on_data;   /* cancelled at the first bytes of a page */
  guint progress_calls;
  guint last_page;                /* the page of the last progress report */
} Scan;

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Scan *scan = data;

  scan->ok = mc_scanner_scan_finish (MC_SCANNER (source), result, &scan->added, &scan->error);
  scan->done = TRUE;
}

static void
on_progress (McScanner *scanner,
             guint      page,
             guint64    bytes,
             guint64    expected,
             Scan      *scan)
{
  scan->progress_calls++;
  g_assert_cmpuint (page, >=, MAX (1, scan->last_page));
  scan->last_page = page;
  if (expected > 0)
    g_assert_cmpuint (bytes, <=, expected);
  if (scan->cancel_on_data != NULL && bytes > 0)
    g_cancellable_cancel (scan->cancel_on_data);
}

/* Runs one scan to its end on the main context (the scan's own thread does the work). */
static void
run_scan (McScanner    *scanner,
          guint         max_pages,
          GCancellable *cancellable,
          Scan         *scan)
{
  gulong handler = g_signal_connect (scanner, "progress", G_CALLBACK (on_progress), scan);

  mc_scanner_scan_async (scanner, max_pages, cancellable, on_scanned, scan);
  g_assert_true (mc_scanner_get_busy (scanner));
  while (!scan->done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (mc_scanner_get_busy (scanner));
  g_signal_handler_disconnect (scanner, handler);
}

/* SANE's test backend keeps its options for the whole process, from one opening to the next:
 * every test starts from the same ones. */
static McScanner *
new_scanner (const char *device)
{
  McScanner *scanner = mc_scanner_new (device);

  mc_scanner_set_option (scanner, "test-picture", "Grid");
  mc_scanner_set_option (scanner, "read-return-value", "Default");
  mc_scanner_set_option (scanner, "read-limit", "no");
  mc_scanner_set_option (scanner, "br-x", G_STRINGIFY (AREA_WIDTH_MM));
  mc_scanner_set_option (scanner, "br-y", G_STRINGIFY (AREA_HEIGHT_MM));
  return scanner;
}

static char *
temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("motcua-scan-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static guint
count_entries (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d != NULL && g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* Checks @path: @n_pages pages, each the test backend's area in size (to one pixel at @dpi),
 * each one image of @dpi pixels an inch. */
static void
assert_pdf (const char *path,
            int         n_pages,
            double      dpi)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GObject) doc = G_OBJECT (poppler_document_new_from_gfile (file, NULL, NULL, &error));
  double width_pt = AREA_WIDTH_MM / 25.4 * 72, height_pt = AREA_HEIGHT_MM / 25.4 * 72;
  double pixel_pt = 72.0 / dpi;

  g_assert_no_error (error);
  g_assert_cmpint (poppler_document_get_n_pages (POPPLER_DOCUMENT (doc)), ==, n_pages);
  for (int i = 0; i < n_pages; i++)
    {
      g_autoptr(GObject) object = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (doc), i));
      PopplerPage *page = POPPLER_PAGE (object);
      GList *mapping;
      PopplerImageMapping *image;
      cairo_surface_t *surface;
      double w, h, image_dpi;

      poppler_page_get_size (page, &w, &h);
      g_assert_cmpfloat (w, <=, width_pt + 0.01);
      g_assert_cmpfloat (w, >=, width_pt - pixel_pt - 0.01);
      g_assert_cmpfloat (h, <=, height_pt + 0.01);
      g_assert_cmpfloat (h, >=, height_pt - pixel_pt - 0.01);

      mapping = poppler_page_get_image_mapping (page);
      g_assert_cmpuint (g_list_length (mapping), ==, 1);
      image = mapping->data;
      /* The image fills the page (poppler rounds the area to whole points). */
      g_assert_cmpfloat_with_epsilon (image->area.x2 - image->area.x1, w, 1.0);
      g_assert_cmpfloat_with_epsilon (image->area.y2 - image->area.y1, h, 1.0);
      surface = poppler_page_get_image (page, image->image_id);
      g_assert_nonnull (surface);
      image_dpi = cairo_image_surface_get_width (surface) / (w / 72.0);
      g_assert_cmpfloat_with_epsilon (image_dpi, dpi, 0.01);
      cairo_surface_destroy (surface);
      poppler_page_free_image_mapping (mapping);
    }
}

static void
test_devices (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = mc_scan_list_devices (&error);
  g_autofree char *label = NULL;
  gboolean found = FALSE;

  g_assert_no_error (error);
  for (guint i = 0; i < devices->len; i++)
    {
      McScanDevice *d = g_ptr_array_index (devices, i);

      found |= g_str_equal (d->name, DEVICE);
      if (g_str_equal (d->name, DEVICE))
        label = mc_scan_device_label (d);
    }
  g_assert_true (found);
  g_assert_nonnull (strstr (label, DEVICE));
}

/* Three pages at each preset resolution become one PDF of three pages of that resolution. */
static void
test_three_pages (gconstpointer data)
{
  guint dpi = GPOINTER_TO_UINT (data);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "scan.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(McScanner) scanner = new_scanner (DEVICE);
  g_autoptr(GError) error = NULL;
  Scan scan = { 0 };
  GStatBuf st;

  mc_scanner_set_resolution (scanner, dpi);
  run_scan (scanner, 3, NULL, &scan);
  g_assert_no_error (scan.error);
  g_assert_true (scan.ok);
  g_assert_cmpuint (scan.added, ==, 3);
  /* Reports are merged to one a main-loop turn: the last one is always about the last page. */
  g_assert_cmpuint (scan.progress_calls, >=, 1);
  g_assert_cmpuint (scan.last_page, ==, 3);
  g_assert_cmpuint (mc_scanner_get_n_pages (scanner), ==, 3);

  g_assert_true (mc_scanner_save (scanner, file, NULL, &error));
  g_assert_no_error (error);
  assert_pdf (path, 3, dpi);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpuint (count_entries (dir), ==, 1);   /* no temporary file left beside it */
  remove_dir (dir);
}

/* Colour: the page keeps its colours (the test backend's colour pattern has pure red, green
 * and blue bars); the thumbnail is a small JPEG. */
static void
test_color (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "color.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(McScanner) scanner = new_scanner (DEVICE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) thumbnail = NULL;
  g_autoptr(GObject) doc = NULL;
  g_autoptr(GObject) page = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  const guint8 *px;
  gboolean colored = FALSE;
  Scan scan = { 0 };

  mc_scanner_set_resolution (scanner, MC_SCAN_DPI_LOW);
  mc_scanner_set_mode (scanner, MC_SCAN_MODE_COLOR);
  mc_scanner_set_option (scanner, "test-picture", "Color pattern");
  run_scan (scanner, 1, NULL, &scan);
  g_assert_no_error (scan.error);
  thumbnail = mc_scanner_get_thumbnail (scanner, 0);
  g_assert_cmpuint (g_bytes_get_size (thumbnail), >, 2);
  g_assert_cmpint (((const guint8 *) g_bytes_get_data (thumbnail, NULL))[0], ==, 0xff);
  g_assert_cmpint (((const guint8 *) g_bytes_get_data (thumbnail, NULL))[1], ==, 0xd8);
  g_assert_true (mc_scanner_save (scanner, file, NULL, &error));
  g_assert_no_error (error);
  assert_pdf (path, 1, MC_SCAN_DPI_LOW);

  doc = G_OBJECT (poppler_document_new_from_gfile (file, NULL, NULL, &error));
  g_assert_no_error (error);
  page = G_OBJECT (poppler_document_get_page (POPPLER_DOCUMENT (doc), 0));
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 200, 250);
  cr = cairo_create (surface);
  cairo_scale (cr, 200 / (AREA_WIDTH_MM / 25.4 * 72), 200 / (AREA_WIDTH_MM / 25.4 * 72));
  poppler_page_render (POPPLER_PAGE (page), cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  px = cairo_image_surface_get_data (surface);
  for (int i = 0; i < 200 * 250 && !colored; i++)
    {
      guint32 v = ((const guint32 *) px)[i];
      int r = (v >> 16) & 0xff, g = (v >> 8) & 0xff, b = v & 0xff;

      colored = ABS (r - g) > 100 || ABS (g - b) > 100;
    }
  cairo_surface_destroy (surface);
  g_assert_true (colored);
  remove_dir (dir);
}

/* The feeder gives pages until it is empty (the test backend's holds 10 sheets): the scan
 * ends there without an error; the flatbed gives as many as asked. */
static void
test_feeder (void)
{
  g_autoptr(McScanner) scanner = new_scanner (DEVICE);
  Scan scan = { 0 };

  mc_scanner_set_resolution (scanner, MC_SCAN_DPI_LOW);
  mc_scanner_set_feeder (scanner, TRUE);
  run_scan (scanner, 50, NULL, &scan);
  g_assert_no_error (scan.error);
  g_assert_cmpuint (scan.added, ==, 10);
  g_assert_cmpuint (mc_scanner_get_n_pages (scanner), ==, 10);

  /* Back to the flatbed (the backend keeps its source from one opening to the next): one
   * pass a page, as many as asked. */
  mc_scanner_set_feeder (scanner, FALSE);
  scan = (Scan) { 0 };
  run_scan (scanner, 12, NULL, &scan);
  g_assert_no_error (scan.error);
  g_assert_cmpuint (scan.added, ==, 12);
}

/* A colour page of 20 MB read a byte at a time: many seconds a page, so that a cancel at its
 * first bytes always lands in the middle of it. */
static void
slow_down (McScanner *scanner)
{
  mc_scanner_set_mode (scanner, MC_SCAN_MODE_COLOR);
  mc_scanner_set_option (scanner, "br-x", "200");
  mc_scanner_set_option (scanner, "br-y", "250");
  mc_scanner_set_option (scanner, "read-limit", "yes");
  mc_scanner_set_option (scanner, "read-limit-size", "1");
}

/* Cancelled in the middle of a page: the scan stops at once with G_IO_ERROR_CANCELLED and
 * the half-read page is dropped. */
static void
test_cancel (void)
{
  g_autoptr(McScanner) scanner = new_scanner (DEVICE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "none.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Scan scan = { .cancel_on_data = cancellable };
  gint64 start = g_get_monotonic_time ();

  slow_down (scanner);
  run_scan (scanner, 3, cancellable, &scan);
  g_assert_error (scan.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (scan.ok);
  g_assert_cmpuint (scan.added, ==, 0);
  g_assert_cmpuint (mc_scanner_get_n_pages (scanner), ==, 0);
  /* A page takes seconds at this pace: the cancel cut it short. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 3 * G_USEC_PER_SEC);

  g_assert_false (mc_scanner_save (scanner, file, NULL, &error));
  g_assert_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_NO_PAGES);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_clear_error (&scan.error);
  remove_dir (dir);
}

/* A save that is cancelled leaves neither the file nor its temporary beside it, and an
 * earlier file of that name as it was. */
static void
test_save_cancelled (void)
{
  g_autoptr(McScanner) scanner = new_scanner (DEVICE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "kept.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *content = NULL;
  Scan scan = { 0 };

  mc_scanner_set_resolution (scanner, MC_SCAN_DPI_LOW);
  run_scan (scanner, 2, NULL, &scan);
  g_assert_no_error (scan.error);
  g_cancellable_cancel (cancellable);
  g_assert_false (mc_scanner_save (scanner, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, "earlier", -1, NULL));
  g_assert_false (mc_scanner_save (scanner, file, cancellable, &error));
  g_assert_true (g_file_get_contents (path, &content, NULL, NULL));
  g_assert_cmpstr (content, ==, "earlier");
  g_assert_cmpuint (count_entries (dir), ==, 1);
  remove_dir (dir);
}

/* The scanner stops answering (the test backend's reads fail with an I/O error, what a
 * backend says when its USB device is unplugged): a clear error, and the pages scanned before
 * stay in the document and are saved. */
static void
test_device_lost (void)
{
  g_autoptr(McScanner) scanner = new_scanner (DEVICE);
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "two.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  Scan first = { 0 }, second = { 0 };

  mc_scanner_set_resolution (scanner, MC_SCAN_DPI_LOW);
  run_scan (scanner, 2, NULL, &first);
  g_assert_no_error (first.error);
  mc_scanner_set_option (scanner, "read-return-value", "SANE_STATUS_IO_ERROR");
  run_scan (scanner, 3, NULL, &second);
  g_assert_error (second.error, MC_SCAN_ERROR, MC_SCAN_ERROR_DEVICE_LOST);
  g_assert_nonnull (strstr (second.error->message, DEVICE));
  g_assert_cmpuint (second.added, ==, 0);
  g_assert_cmpuint (mc_scanner_get_n_pages (scanner), ==, 2);
  g_assert_true (mc_scanner_save (scanner, file, NULL, &error));
  g_assert_no_error (error);
  assert_pdf (path, 2, MC_SCAN_DPI_LOW);
  g_clear_error (&second.error);

  remove_dir (dir);
}

static void
test_no_device (void)
{
  g_autoptr(McScanner) scanner = new_scanner ("test:99");
  Scan scan = { 0 };

  run_scan (scanner, 1, NULL, &scan);
  g_assert_error (scan.error, MC_SCAN_ERROR, MC_SCAN_ERROR_NO_DEVICE);
  g_assert_nonnull (strstr (scan.error->message, "test:99"));
  g_clear_error (&scan.error);
}

/* A scanner that stops answering mid-read: the command says so and writes nothing. */
static void
test_cli_device_lost (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cli.pdf", NULL);
  g_auto(CliRun) r = { 0 };

  CLI_RUN (&r, NULL, NULL, "scan", "--device", DEVICE, "--output", path,
           "--option", "read-return-value=SANE_STATUS_IO_ERROR");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "stopped responding"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  remove_dir (dir);
}

/* motcuactl scan: 3 pages at 200 dpi into one PDF, the whole feeder into another; a usage
 * error is status 2. */
static void
test_cli (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cli.pdf", NULL);
  g_auto(CliRun) r = { 0 };

  CLI_RUN (&r, NULL, NULL, "scan", "--device", DEVICE, "--output", path, "--pages", "3",
           "--resolution", "200", "--mode", "gray");
  g_assert_cmpint (r.status, ==, 0);
  assert_pdf (path, 3, 200);
  g_unlink (path);

  CLI_RUN (&r, NULL, NULL, "scan", "--device", DEVICE, "--output", path, "--feeder",
           "--pages", "50", "--resolution", "200");
  g_assert_cmpint (r.status, ==, 0);
  assert_pdf (path, 10, 200);  /* the test backend's feeder holds 10 sheets */
  g_unlink (path);

  CLI_RUN (&r, NULL, NULL, "scan", "--output", path);
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--device"));
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_dir (dir);
}

/* Ctrl+C in the middle of a page: motcuactl stops, says nothing was saved, and leaves no
 * file, not even a temporary one. Its progress line shows on a terminal only, so it runs on a
 * pseudo-terminal and is interrupted once it reports the first bytes of page 1. */
static void
test_cli_interrupt (void)
{
  g_autofree char *dir = temp_dir ();
  g_autofree char *path = g_build_filename (dir, "cut.pdf", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GSubprocess) proc = NULL;
  const char *argv[] = {
    "scan", "--device", DEVICE, "--output", path, "--pages", "3",
    "--mode", "color", "--option", "br-x=200", "--option", "br-y=250",
    "--option", "read-limit=yes", "--option", "read-limit-size=1", NULL
  };
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  int master, slave;

  master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);
  proc = cli_spawn (g_getenv ("MOTCUACTL"), &(CliOptions) { 0 }, slave, argv);

  /* "Scanning page 1… N%" with N > 0, or the terminal's bytes after "page 1… " other than 0%. */
  while (g_get_monotonic_time () < deadline)
    {
      char buffer[256];
      ssize_t n = read (master, buffer, sizeof buffer);
      const char *at;

      if (n <= 0)
        break;
      g_string_append_len (seen, buffer, n);
      if ((at = strstr (seen->str, "page 1… ")) != NULL && strchr (at, '%') != NULL
          && !g_str_has_prefix (at + strlen ("page 1… "), "0%"))
        break;
    }
  g_assert_nonnull (strstr (seen->str, "Scanning page 1"));
  g_subprocess_send_signal (proc, SIGINT);
  /* Read on to the end: a full terminal would stop its progress line, and it with it. */
  while (read (master, (char[256]) { 0 }, 256) > 0)
    ;
  g_assert_true (g_subprocess_wait (proc, NULL, &error));
  g_assert_no_error (error);
  close (master);
  g_assert_true (g_subprocess_get_if_exited (proc));
  g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 1);
  g_assert_cmpuint (count_entries (dir), ==, 0);
  remove_dir (dir);
}

/* SANE's test backend ends every pass, the last read included, by cancelling its reader
 * thread with an asynchronous pthread_cancel(); now and then (about one run in ten under load)
 * the thread dies holding a lock of the C library (malloc's, the dynamic loader's) and the
 * process hangs in the next call that needs it, whatever the front end does. So each test runs
 * in a child process of its own, waited for at most HANG_LIMIT: a child that fails is a
 * failure; one that is still running then (the hang, which no assertion of ours can reach) is
 * killed, said so, and run again, at most MAX_RUNS times. Every wait is the child's end or the
 * limit, never a sleep. */
#define HANG_LIMIT (30 * G_USEC_PER_SEC)
#define MAX_RUNS 3

typedef struct
{
  const char *path;
  GTestFunc func;
  GTestDataFunc data_func;
  gconstpointer data;
  gboolean slow;
} Case;

static void
run_isolated (gconstpointer data)
{
  const Case *c = data;

  if (g_test_subprocess ())
    {
      if (c->func != NULL)
        c->func ();
      else
        c->data_func (c->data);
      return;
    }
  for (guint run = 1;; run++)
    {
      gint64 start = g_get_monotonic_time ();

      g_test_trap_subprocess (NULL, HANG_LIMIT, G_TEST_SUBPROCESS_INHERIT_STDERR);
      if (g_test_trap_has_passed ())
        return;
      if (g_get_monotonic_time () - start < HANG_LIMIT || run == MAX_RUNS)
        g_test_trap_assert_passed ();
      g_test_message ("run %u hung in SANE's test backend and was killed after %" G_GINT64_FORMAT " s: again",
                      run, (gint64) (HANG_LIMIT / G_USEC_PER_SEC));
    }
}

/* The paths that stop a scan mid-read — cancelling, a device lost, Ctrl+C on the command line
 * — are in the slow suite (meson test --suite slow, or -m slow): they cancel the reader in the
 * middle of its writes, where the hang above is far more frequent. */
static const Case cases[] = {
  { "/scan/devices", test_devices },
  { "/scan/three-pages-200", NULL, test_three_pages, GUINT_TO_POINTER (200) },
  { "/scan/three-pages-300", NULL, test_three_pages, GUINT_TO_POINTER (300) },
  { "/scan/color", test_color },
  { "/scan/feeder", test_feeder },
  { "/scan/save-cancelled", test_save_cancelled },
  { "/scan/no-device", test_no_device },
  { "/scan/cli", test_cli },
  { "/scan/cancel", test_cancel, .slow = TRUE },
  { "/scan/device-lost", test_device_lost, .slow = TRUE },
  { "/scan/cli-device-lost", test_cli_device_lost, .slow = TRUE },
  { "/scan/cli-interrupt", test_cli_interrupt, .slow = TRUE },
};

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    if (!cases[i].slow || g_test_slow ())
      g_test_add_data_func (cases[i].path, &cases[i], run_isolated);
  return g_test_run ();
}
