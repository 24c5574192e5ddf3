/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <math.h>
#include <stdio.h>

#include "mc-report-view.h"
#include "mc-store-report.h"
#include "mc-time.h"

/* The reports on a big profile: the 766 table and Biểu 06 of one year, each from the store
 * (read, then counted), timed 5 times (target ≤ 1 s each, the median); then the report view
 * in a real window, the main loop's longest stall while it counts twelve months in its worker.
 *
 *   bench-report --profile DIR [--runs N] */

static char *profile_dir;
static int runs = 5;

static const GOptionEntry entries[] = {
  { "profile", 0, 0, G_OPTION_ARG_FILENAME, &profile_dir, "Profile directory", "DIR" },
  { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Repetitions (default 5)", "N" },
  { NULL }
};

GResource *mc_gui_get_resource (void);

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *name,
        GArray     *ms,
        const char *target)
{
  double median, max;

  g_array_sort (ms, compare_double);
  median = ms->len % 2 ? g_array_index (ms, double, ms->len / 2)
                       : (g_array_index (ms, double, ms->len / 2 - 1) + g_array_index (ms, double, ms->len / 2)) / 2;
  max = g_array_index (ms, double, ms->len - 1);
  printf ("| %-40s | %4u | %9.1f | %9.1f | %-8s |\n", name, ms->len, median, max, target);
  fflush (stdout);
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The main loop's longest gap while the view counts. */
typedef struct
{
  McReportView *view;
  gint64 last;
  double longest;
  gboolean started;
} Watch;

static gboolean
tick (gpointer data)
{
  Watch *w = data;
  gint64 now = g_get_monotonic_time ();

  if (w->last != 0)
    w->longest = MAX (w->longest, (now - w->last) / 1000.0);
  w->last = now;
  return G_SOURCE_CONTINUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("— report benchmark");
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(GArray) t766 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) t06 = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tread = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tview = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) tstall = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *path = NULL;
  McReportPeriod year;
  gint64 rows = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || profile_dir == NULL)
    {
      g_printerr ("%s\n", error ? error->message : "--profile DIR is needed");
      return 2;
    }
  path = mc_store_profile_path (profile_dir);
  if (!(store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error)))
    g_error ("%s", error->message);
  /* The year the sample's dossiers were received in (the last sixty days before now). */
  mc_report_period_containing (MC_PERIOD_YEAR, FALSE, mc_time_now (), &year);

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(McReportData) data = mc_store_report_load (store, year.start, year.end, &error);

      g_assert_no_error (error);
      g_array_append_val (tread, (double) { since (start) });
    }
  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(McReportData) data = mc_store_report_load (store, year.start, year.end, &error);
      McReport766 r;

      g_assert_no_error (error);
      mc_report_766_compute (data, &year, MC_REPORT_FILTER_ALL, &r);
      g_array_append_val (t766, (double) { since (start) });
      rows = data->rows->len;
    }
  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(McReportData) data = mc_store_report_load (store, year.start, year.end, &error);
      g_autoptr(McBieu06) form = NULL;

      g_assert_no_error (error);
      form = mc_report_bieu06_compute (data, year.start, year.end, MC_BIEU06_BY_FIELD);
      g_assert_true (mc_report_bieu06_check (form, NULL));
      g_array_append_val (t06, (double) { since (start) });
    }

  printf ("# %s: %" G_GINT64_FORMAT " dossiers in the year %d\n", profile_dir, rows, year.year);
  printf ("| %-40s | %4s | %9s | %9s | %-8s |\n", "measure (ms)", "runs", "median", "max", "target");
  report ("read the dossiers of one year", tread, "—");
  report ("766 table, one year (read + count)", t766, "≤ 1000");
  report ("Biểu 06, one year (read + count)", t06, "≤ 1000");

  /* The view in a window: twelve months read and counted in its worker; the window's main
   * loop keeps turning (a 10 ms timer measures its longest stall). */
  if (gtk_init_check ())
    {
      adw_init ();
      /* The window's templates: what McApplication registers in the real program. */
      g_resources_register (mc_gui_get_resource ());
      for (int i = 0; i < runs; i++)
        {
          GtkWidget *window = gtk_window_new ();
          McReportView *view = g_object_new (MC_TYPE_REPORT_VIEW, NULL);
          Watch w = { view, 0, 0, FALSE };
          guint id;
          gint64 start;

          gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
          gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
          mc_report_view_set_store (view, store);
          gtk_window_present (GTK_WINDOW (window));
          while (!gtk_widget_get_mapped (GTK_WIDGET (view)))
            g_main_context_iteration (NULL, TRUE);
          id = g_timeout_add (10, tick, &w);
          start = g_get_monotonic_time ();
          mc_report_view_refresh (view);
          while (mc_report_view_is_loading (view))
            g_main_context_iteration (NULL, TRUE);
          g_array_append_val (tview, (double) { since (start) });
          g_array_append_val (tstall, w.longest);
          g_source_remove (id);
          gtk_window_destroy (GTK_WINDOW (window));
        }
      report ("report view: 12 months, until shown", tview, "—");
      report ("report view: longest main-loop stall", tstall, "≤ 300");
    }
  return 0;
}
