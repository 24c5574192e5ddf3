/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "mc-sync-writer.h"
#include "mc-thread.h"
#include "mc-time.h"
#include "sync-test-util.h"

/* Initial sync of 100,000 dossiers over the five dialects from the simulator on loopback,
 * beside the raw limit measured in the same run: the same JSON pages parsed by the same
 * connectors and written by the same store code, in one thread, with no HTTP. Then an
 * incremental sync with nothing new, counting requests per source.
 * MC_BENCH_DOSSIERS overrides the size. Targets: ≥ 10,000 dossiers/s, ≥ 50% of raw. */

#define PAGE_SIZE 1000

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static McStore *
fresh_profile (SyncFixture *f,
               const char  *name,
               char       **out_path)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  McStore *store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autoptr(McSource) s = sync_fixture_source (f, i);

      g_assert_true (mc_store_add_source (store, s, &error));
    }
  *out_path = path;
  return store;
}

static void
remove_db (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
}

/* The raw limit with the engine's own shape: one parsing thread per dialect, one writer at a
 * time — everything but HTTP. */
typedef struct
{
  SyncFixture *f;
  McSyncWriter *writer;
  McSimDialect dialect;
  GPtrArray *bodies;
  guint stored;
} RawJob;

static gpointer
raw_worker (gpointer data)
{
  RawJob *job = data;
  g_autoptr(McConnector) c = sync_fixture_connector (job->f, job->dialect, NULL);

  mc_thread_set_priority (MC_THREAD_WORKER);
  mc_connector_set_page_size (c, PAGE_SIZE);
  for (guint k = 0; k < job->bodies->len; k++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McPullPage) page = mc_connector_parse_page (c, NULL, g_ptr_array_index (job->bodies, k), &error);
      g_autoptr(GPtrArray) search = g_ptr_array_new_with_free_func (g_free);
      McStoreSyncPage sp = { 0 };

      g_assert_no_error (error);
      for (guint i = 0; i < page->dossiers->len; i++)
        g_ptr_array_add (search, mc_dossier_search_text (g_ptr_array_index (page->dossiers, i)));
      sp.dossiers = page->dossiers;
      sp.remote_ids = page->remote_ids;
      sp.tombstones = page->tombstones;
      sp.tombstones_by_remote_id = page->tombstones_by_remote_id;
      sp.search = search;
      g_assert_true (mc_sync_writer_apply (job->writer, mc_sim_dialect_source_id (job->dialect), &sp,
                                           page->cursor, NULL, NULL, &error));
      g_assert_no_error (error);
      job->stored += page->dossiers->len;
    }
  return NULL;
}

int
main (int    argc,
      char **argv)
{
  const char *size_env = g_getenv ("MC_BENCH_DOSSIERS");
  guint n = size_env ? (guint) g_ascii_strtoull (size_env, NULL, 10) : 100000;
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McStore) raw_store = NULL;
  g_autofree char *http_path = NULL;
  g_autofree char *raw_path = NULL;
  GPtrArray *bodies[MC_SIM_N_DIALECTS];
  guint64 total = 0, raw_total = 0, raw_bytes = 0;
  double setup_s, http_s, raw_s, http_rate, raw_rate, parse_s = 0, store_s = 0, par_s, par_rate;
  g_autofree char *par_path = NULL;
  gint64 start;
  guint max_requests = 0;

  g_setenv ("MC_NOW", "1780968600", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, NULL);

  start = g_get_monotonic_time ();
  sync_fixture_setup (&f, n, MC_SIM_ALL_DIALECTS);
  setup_s = seconds_since (start);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f.sim, i);
      total += served->len;
    }

  /* 1. Over HTTP: the engine, five sources in parallel, as the application runs it. */
  {
    g_autoptr(McStore) store = fresh_profile (&f, "http.db", &http_path);

    engine = mc_sync_engine_new (http_path);
    mc_sync_engine_set_page_size (engine, PAGE_SIZE);
    for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
      {
        g_autoptr(McSource) s = sync_fixture_source (&f, i);
        g_autoptr(GHashTable) secrets = sync_test_secrets (NULL);

        g_assert_true (mc_sync_engine_add_source (engine, s, secrets, &error));
      }
  }
  start = g_get_monotonic_time ();
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  http_s = seconds_since (start);
  http_rate = total / http_s;

  /* 2. The raw limit: the same pages, parsed and stored in one thread, no HTTP. */
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f.sim, i);

      bodies[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      for (guint first = 0; first < served->len; first += PAGE_SIZE)
        {
          GBytes *body = mc_sim_render_page (f.sim, i, first, PAGE_SIZE);

          raw_bytes += g_bytes_get_size (body);
          g_ptr_array_add (bodies[i], body);
        }
    }
  raw_store = fresh_profile (&f, "raw.db", &raw_path);
  mc_store_sync_set_bulk (raw_store, TRUE);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autoptr(McConnector) c = sync_fixture_connector (&f, i, NULL);

      mc_connector_set_page_size (c, PAGE_SIZE);
      for (guint k = 0; k < bodies[i]->len; k++)
        {
          gint64 t0 = g_get_monotonic_time ();
          g_autoptr(McPullPage) page = mc_connector_parse_page (c, NULL, g_ptr_array_index (bodies[i], k), &error);
          McStoreSyncPage sp = { 0 };
          gint64 t1 = g_get_monotonic_time ();

          g_assert_no_error (error);
          sp.dossiers = page->dossiers;
          sp.remote_ids = page->remote_ids;
          sp.tombstones = page->tombstones;
          sp.tombstones_by_remote_id = page->tombstones_by_remote_id;
          g_assert_true (mc_store_sync_apply_page (raw_store, mc_sim_dialect_source_id (i), &sp, page->cursor,
                                                   NULL, NULL, &error));
          raw_total += page->dossiers->len;
          parse_s += (t1 - t0) / (double) G_USEC_PER_SEC;
          store_s += seconds_since (t1);
        }
    }
  raw_s = seconds_since (start);
  raw_rate = raw_total / raw_s;
  g_assert_cmpuint (raw_total, ==, total);

  {
    g_autoptr(McStore) par_store = fresh_profile (&f, "raw-parallel.db", &par_path);
    RawJob jobs[MC_SIM_N_DIALECTS];
    GThread *threads[MC_SIM_N_DIALECTS];
    GMutex lock;
    McSyncWriter *writer;
    guint stored = 0;

    g_mutex_init (&lock);
    writer = mc_sync_writer_new (par_path, &lock, &error);
    g_assert_no_error (error);
    start = g_get_monotonic_time ();
    for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
      {
        jobs[i] = (RawJob) { &f, writer, i, bodies[i], 0 };
        threads[i] = g_thread_new ("raw", raw_worker, &jobs[i]);
      }
    for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
      {
        g_thread_join (threads[i]);
        stored += jobs[i].stored;
        g_ptr_array_unref (bodies[i]);
      }
    mc_sync_writer_free (writer);
    par_s = seconds_since (start);
    par_rate = stored / par_s;
    g_assert_cmpuint (stored, ==, total);
    g_mutex_clear (&lock);
  }

  /* 3. Incremental with nothing new. */
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSyncProgress p;

      g_assert_true (mc_sync_engine_get_progress (engine, mc_sim_dialect_source_id (i), &p));
      max_requests = MAX (max_requests, p.requests);
    }

  printf ("# simulator: %" G_GUINT64_FORMAT " dossiers generated in %.2f s\n", total, setup_s);
  printf ("# initial sync over HTTP (5 dialects, loopback): %" G_GUINT64_FORMAT " dossiers in %.2f s = %.0f dossiers/s\n",
          total, http_s, http_rate);
  printf ("# raw limit (same JSON, %.1f MB, parsed and stored, one thread, no HTTP): %.2f s = %.0f dossiers/s\n",
          raw_bytes / 1e6, raw_s, raw_rate);
  printf ("#   of which JSON parsing and mapping %.2f s, SQLite writes %.2f s\n", parse_s, store_s);
  printf ("# raw limit, parallel like the engine (5 parsing threads, the writer thread), no HTTP: %.2f s = %.0f dossiers/s\n",
          par_s, par_rate);
  printf ("# HTTP sync / raw limit: %.0f%% of the single-thread raw, %.0f%% of the parallel raw\n",
          100 * http_rate / raw_rate, 100 * http_rate / par_rate);
  printf ("# incremental sync with nothing new: at most %u request(s) per source\n", max_requests);
  printf ("# targets: >= 10000 dossiers/s %s, >= 50%% of raw %s, <= 1 request per source %s\n",
          http_rate >= 10000 ? "MET" : "NOT MET", http_rate >= MAX (raw_rate, par_rate) / 2 ? "MET" : "NOT MET",
          max_requests <= 1 ? "MET" : "NOT MET");

  g_clear_object (&raw_store);
  g_clear_object (&engine);
  remove_db (http_path);
  remove_db (raw_path);
  remove_db (par_path);
  sync_fixture_teardown (&f);
  return max_requests <= 1 ? 0 : 1;
}
