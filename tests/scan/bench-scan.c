/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <poppler.h>

#include "mc-scanner.h"

/* A 20-page A4 scan at 300 dpi through SANE's test backend, kept as one PDF: at most 10 s from
 * the first page asked for to the file on disk, and the main loop never stalled more than
 * 100 ms meanwhile (a 10 ms timeout ticks on the main context; its longest gap is the stall).
 * Grey by default, the counter's preset for text; "--color" for the colour preset. */

#define N_PAGES 20
#define LIMIT_S 10.0
#define STALL_LIMIT_MS 100.0

typedef struct
{
  gint64 last_tick;
  gint64 longest;
  gboolean scanned;
  gboolean saved;
  GError *error;
} Bench;

static gboolean
tick (gpointer data)
{
  Bench *b = data;
  gint64 now = g_get_monotonic_time ();

  b->longest = MAX (b->longest, now - b->last_tick);
  b->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Bench *b = data;

  mc_scanner_scan_finish (MC_SCANNER (source), result, NULL, &b->error);
  b->scanned = TRUE;
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      data)
{
  Bench *b = data;

  mc_scanner_save_finish (MC_SCANNER (source), result, &b->error);
  b->saved = TRUE;
}

int
main (int    argc,
      char **argv)
{
  gboolean color = argc > 1 && g_str_equal (argv[1], "--color");
  g_autofree char *dir = g_dir_make_tmp ("motcua-scan-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bench.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(McScanner) scanner = mc_scanner_new ("test:0");
  g_autoptr(GObject) doc = NULL;
  g_autoptr(GError) error = NULL;
  Bench b = { 0 };
  gint64 start, scanned_at, end;
  double total_s, stall_ms;
  guint ticker;
  GStatBuf st;
  int n;

  mc_scanner_set_resolution (scanner, MC_SCAN_DPI_HIGH);
  mc_scanner_set_mode (scanner, color ? MC_SCAN_MODE_COLOR : MC_SCAN_MODE_GRAY);
  mc_scanner_set_option (scanner, "test-picture", color ? "Color pattern" : "Grid");
  mc_scanner_set_option (scanner, "br-x", "210");
  mc_scanner_set_option (scanner, "br-y", "297");

  start = b.last_tick = g_get_monotonic_time ();
  ticker = g_timeout_add (10, tick, &b);
  mc_scanner_scan_async (scanner, N_PAGES, NULL, on_scanned, &b);
  while (!b.scanned)
    g_main_context_iteration (NULL, TRUE);
  scanned_at = g_get_monotonic_time ();
  if (b.error == NULL)
    {
      mc_scanner_save_async (scanner, file, NULL, on_saved, &b);
      while (!b.saved)
        g_main_context_iteration (NULL, TRUE);
    }
  end = g_get_monotonic_time ();
  tick (&b);
  g_source_remove (ticker);
  if (b.error != NULL)
    g_error ("the scan failed: %s", b.error->message);

  doc = G_OBJECT (poppler_document_new_from_gfile (file, NULL, NULL, &error));
  if (doc == NULL)
    g_error ("the PDF cannot be read: %s", error->message);
  n = poppler_document_get_n_pages (POPPLER_DOCUMENT (doc));
  g_stat (path, &st);
  total_s = (end - start) / (double) G_USEC_PER_SEC;
  stall_ms = b.longest / 1000.0;
  g_print ("%d pages A4 %s 300 dpi: scanned in %.2f s, saved in %.2f s, %.2f s in all (limit %.0f s); "
           "PDF %.1f MB; longest main-loop stall %.1f ms (limit %.0f ms)\n",
           n, color ? "colour" : "grey", (scanned_at - start) / (double) G_USEC_PER_SEC,
           (end - scanned_at) / (double) G_USEC_PER_SEC, total_s, LIMIT_S,
           st.st_size / 1e6, stall_ms, STALL_LIMIT_MS);
  g_unlink (path);
  g_rmdir (dir);
  if (n != N_PAGES || total_s > LIMIT_S || stall_ms > STALL_LIMIT_MS)
    {
      g_printerr ("FAILED: %s\n", n != N_PAGES ? "page count" : total_s > LIMIT_S ? "too slow" : "main loop stalled");
      return 1;
    }
  return 0;
}
