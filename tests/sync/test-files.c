/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "sync-test-util.h"

/* Files on each connector against the simulator over loopback (shared/ministry-apis.md,
 * "Files"): an upload lands once and is listed with its name, size and (where the dialect
 * has one) hash; its content comes back by the download path; a lost acknowledgement is
 * answered by the key, or settled by the dossier's list where there is none; a file over the
 * dialect's limit is refused. Every test runs once per dialect. */

#define N_DOSSIERS 60

static McSimDialect
dialect_of (gconstpointer data)
{
  return GPOINTER_TO_UINT (data);
}

/* A small valid PDF, different for each @seed. */
static GBytes *
pdf_content (guint seed)
{
  g_autofree char *text = g_strdup_printf ("%%PDF-1.4\n%% test file %u\n1 0 obj << /Type /Catalog >> endobj\n"
                                           "trailer << /Root 1 0 R >>\n%%%%EOF\n", seed);

  return g_bytes_new (text, strlen (text));
}

/* A dossier the simulator serves, not finished (any will do: a file changes no status). */
static char *
some_number (SyncFixture  *f,
             McSimDialect  dialect)
{
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (f->sim, dialect);

  g_assert_cmpuint (served->len, >, 0);
  return g_strdup (((McDossier *) g_ptr_array_index (served, served->len / 2))->number);
}

static McUploadRequest
request_for (const char *uuid,
             const char *number,
             const char *name,
             GBytes     *content)
{
  McUploadRequest r = {
    .uuid = uuid, .number = number, .actor = "Nguyễn Văn An", .name = name,
    .content_type = "application/pdf", .kind = MC_FILE_COMPONENT, .component = "Tờ khai", .content = content,
  };

  return r;
}

static char *
key_of (McSimDialect  dialect,
        const char   *uuid,
        const char   *number,
        const char   *name)
{
  /* How the simulator counts an upload: by its key, or (dvcqg, no key) by dossier and name. */
  if (dialect == MC_SIM_DVCQG)
    return g_strdup_printf ("dvcqg:file:%s/%s", number, name);
  return g_strdup_printf ("%s:%s", mc_sim_dialect_name (dialect), uuid);
}

static void
test_upload_download (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = pdf_content (1);
  g_autofree char *number = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *key = NULL;
  g_autofree char *hex = NULL;
  g_autofree char *sha = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GBytes) back = NULL;
  McUploadResult result = { 0 };
  McUploadRequest r;
  const McFile *listed;
  const char *name = "Tờ khai đăng ký.pdf";

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  number = some_number (&f, dialect);
  r = request_for (uuid, number, name, content);
  g_assert_true (mc_connector_upload (c, &r, &result, NULL, &error));
  g_assert_no_error (error);
  mc_upload_result_clear (&result);

  key = key_of (dialect, uuid, number, name);
  g_assert_cmpuint (mc_sim_get_action_count (f.sim, key), ==, 1);
  g_assert_cmpuint (mc_sim_count_files (f.sim, dialect, number, name), ==, 1);

  after = mc_connector_lookup (c, number, NULL, &error);
  g_assert_no_error (error);
  hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  sha = g_strconcat ("sha256:", hex, NULL);
  listed = mc_connector_find_upload (after, name, g_bytes_get_size (content), sha);
  g_assert_nonnull (listed);
  g_assert_cmpint (listed->kind, ==, MC_FILE_COMPONENT);
  g_assert_nonnull (listed->remote_path);
  back = mc_connector_download (c, listed, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, content));
  /* The same name with another size is not the upload. */
  g_assert_null (mc_connector_find_upload (after, name, g_bytes_get_size (content) + 1, sha));
  sync_fixture_teardown (&f);
}

/* A file the system listed before (the sample's scans and e-results) downloads whole. */
static void
test_download_listed (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  guint fetched = 0;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  served = mc_sim_list_dossiers (f.sim, dialect);
  for (guint i = 0; i < served->len && fetched < 3; i++)
    {
      McDossier *s = g_ptr_array_index (served, i);
      g_autoptr(McDossier) d = NULL;

      if (s->files->len == 0)
        continue;
      d = mc_connector_lookup (c, s->number, NULL, &error);
      g_assert_no_error (error);
      for (guint k = 0; k < d->files->len; k++)
        {
          McFile *file = g_ptr_array_index (d->files, k);
          g_autoptr(GBytes) content = mc_connector_download (c, file, NULL, &error);

          g_assert_no_error (error);
          g_assert_cmpint (g_bytes_get_size (content), ==, file->size);
          g_assert_true (g_str_has_prefix (g_bytes_get_data (content, NULL), "%PDF-"));
          fetched++;
        }
    }
  g_assert_cmpuint (fetched, >, 0);
  sync_fixture_teardown (&f);
}

/* The connection is cut after the system stored the file: the keyed dialects answer a repeat
 * with the first answer (stored once); the others are settled by the list (found, not sent). */
static void
test_lost_acknowledgement (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) content = pdf_content (2);
  g_autofree char *number = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *key = NULL;
  g_autoptr(McDossier) after = NULL;
  McUploadResult result = { 0 };
  McUploadRequest r;
  const char *name = "scan-cmnd.pdf";
  gboolean sent;

  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  g_assert_true (mc_connector_sign_in (c, NULL, &error));
  number = some_number (&f, dialect);
  r = request_for (uuid, number, name, content);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"%s\",\"reset_after_commit\":1}", mc_sim_dialect_name (dialect));
  /* libsoup sends an idempotent PUT (feed) again by itself on a reused connection that broke:
   * the key answers it, so the upload may come back done. */
  sent = mc_connector_upload (c, &r, &result, NULL, &error);
  g_assert_true (sent ? dialect == MC_SIM_FEED : g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NO_ANSWER));
  g_clear_error (&error);
  mc_upload_result_clear (&result);
  key = key_of (dialect, uuid, number, name);
  g_assert_cmpuint (mc_sim_get_action_count (f.sim, key), ==, 1);

  if (mc_connector_has_keys (c))
    {
      g_assert_true (mc_connector_upload (c, &r, &result, NULL, &error));
      g_assert_no_error (error);
      mc_upload_result_clear (&result);
    }
  else
    {
      after = mc_connector_lookup (c, number, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (mc_connector_find_upload (after, name, g_bytes_get_size (content), NULL));
    }
  g_assert_cmpuint (mc_sim_get_action_count (f.sim, key), ==, 1);
  g_assert_cmpuint (mc_sim_count_files (f.sim, dialect, number, name), ==, 1);
  sync_fixture_teardown (&f);
}

/* Over the limit (10 MB; the portal 5 MB): refused for good, nothing stored. */
static void
test_too_big (gconstpointer data)
{
  McSimDialect dialect = dialect_of (data);
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = mc_dialect_max_file_size (mc_sim_dialect_name (dialect)) + 1;
  g_autofree char *data_bytes = g_malloc0 (size);
  g_autoptr(GBytes) content = NULL;
  g_autofree char *number = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  McUploadResult result = { 0 };
  McUploadRequest r;

  memcpy (data_bytes, "%PDF-1.4\n", 9);
  content = g_bytes_new_take (g_steal_pointer (&data_bytes), size);
  sync_fixture_setup (&f, N_DOSSIERS, 1u << dialect);
  c = sync_fixture_connector (&f, dialect, NULL);
  number = some_number (&f, dialect);
  r = request_for (uuid, number, "qua-lon.pdf", content);
  g_assert_false (mc_connector_upload (c, &r, &result, NULL, &error));
  /* legacy says ERROR for anything: a failure, not a refusal, by the page's words */
  if (dialect == MC_SIM_LEGACY)
    g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER);
  else
    g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED);
  g_assert_cmpuint (mc_sim_count_files (f.sim, dialect, number, "qua-lon.pdf"), ==, 0);
  sync_fixture_teardown (&f);
}

static void
add_for_each_dialect (const char    *name,
                      GTestDataFunc  func)
{
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/files/%s/%s", mc_sim_dialect_name (i), name);

      g_test_add_data_func (path, GUINT_TO_POINTER (i), func);
    }
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  add_for_each_dialect ("upload-download", test_upload_download);
  add_for_each_dialect ("download-listed", test_download_listed);
  add_for_each_dialect ("lost-acknowledgement", test_lost_acknowledgement);
  add_for_each_dialect ("too-big", test_too_big);
  return g_test_run ();
}
