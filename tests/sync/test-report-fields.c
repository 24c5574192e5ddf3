/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sync-test-util.h"

/* What the 766 report counts, pulled from each dialect over loopback HTTP and stored: the
 * payment state, the citizen's rating, the VNeID and reuse flags, the components' flags, the
 * result links and the file lists (data/api/README.md "What the reports read"). A dialect that
 * does not carry a fact leaves it unknown, never "no". */

#define N_DOSSIERS 240

static McSimDialect
dialect_of (gconstpointer data)
{
  return GPOINTER_TO_UINT (data);
}

static void
test_fields (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  gboolean national = dialect == MC_SIM_LGSP || dialect == MC_SIM_DVCQG;
  gboolean flags = dialect != MC_SIM_LEGACY;
  gboolean ratings = dialect == MC_SIM_REST || dialect == MC_SIM_FEED;
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  guint with_files = 0, with_results = 0;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (sync_pull_all (&f, c, NULL, &error));
  g_assert_no_error (error);
  served = mc_sim_list_dossiers (f.sim, dialect);
  g_assert_cmpuint (served->len, >, 20);
  for (guint i = 0; i < served->len; i++)
    {
      McDossier *s = g_ptr_array_index (served, i);
      g_autoptr(McDossier) d = sync_stored (&f, s->source_id, s->number);
      McDossierFacts a, b;

      g_assert_nonnull (d);
      g_assert_true (d->files_known);
      g_assert_cmpuint (d->files->len, ==, s->files->len);
      for (guint k = 0; k < s->files->len; k++)
        {
          McFile *x = g_ptr_array_index (s->files, k), *y = g_ptr_array_index (d->files, k);

          g_assert_cmpint (y->origin, ==, MC_FILE_REMOTE);
          g_assert_cmpint (y->kind, ==, x->kind);
          g_assert_cmpstr (y->name, ==, x->name);
          g_assert_cmpint (y->size, ==, x->size);
          g_assert_nonnull (y->remote_path);
          /* lgsp and rest carry the SHA-256, feed an MD5; dvcqg and legacy no hash. */
          if (dialect == MC_SIM_LGSP || dialect == MC_SIM_REST)
            g_assert_cmpstr (y->hash, ==, x->hash);
          else if (dialect == MC_SIM_FEED && x->hash != NULL)
            g_assert_true (g_str_has_prefix (y->hash, "md5:") && strlen (y->hash) == 4 + 32);
          else
            g_assert_null (y->hash);
          if (x->kind == MC_FILE_COMPONENT && dialect != MC_SIM_LEGACY)
            g_assert_cmpstr (y->component, ==, x->component);
          with_files++;
        }
      g_assert_cmpint (d->payment, ==, flags ? s->payment : MC_PAYMENT_UNKNOWN);
      g_assert_cmpint (d->satisfaction, ==, ratings ? s->satisfaction : MC_SATISFACTION_UNKNOWN);
      g_assert_cmpint (d->citizen_data, ==, flags ? s->citizen_data : MC_FLAG_UNKNOWN);
      g_assert_cmpint (d->reused, ==, flags ? s->reused : MC_FLAG_UNKNOWN);
      for (guint k = 0; k < s->documents->len; k++)
        {
          McDocument *x = g_ptr_array_index (s->documents, k), *y = g_ptr_array_index (d->documents, k);

          g_assert_cmpint (y->digitised, ==, flags ? x->digitised : MC_FLAG_UNKNOWN);
          g_assert_cmpint (y->reused, ==, flags ? x->reused : MC_FLAG_UNKNOWN);
          g_assert_cmpint (y->from_store, ==, flags ? x->from_store : MC_FLAG_UNKNOWN);
        }
      for (guint k = 0; k < s->results->len; k++)
        {
          McResult *x = g_ptr_array_index (s->results, k), *y = g_ptr_array_index (d->results, k);

          g_assert_cmpstr (y->code, ==, flags ? x->code : NULL);
          g_assert_cmpstr (y->file_url, ==, national || dialect == MC_SIM_FEED ? x->file_url : NULL);
          with_results += x->code != NULL;
        }
      /* What the reports count comes out the same: digitised and e-result from the files. */
      mc_dossier_get_facts (s, &a);
      mc_dossier_get_facts (d, &b);
      g_assert_cmpint (b.digitised, ==, a.digitised);
      g_assert_cmpint (b.e_result, ==, a.e_result);
    }
  /* The sample has both: the test saw them. */
  g_assert_cmpuint (with_files, >, 10);
  g_assert_cmpuint (with_results, >, 2);
  sync_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  /* Loopback needs no proxy, and the isolated test dirs hold no desktop proxy settings. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sync/%s/report-fields", mc_sim_dialect_name (i));

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_fields);
    }
  return g_test_run ();
}
