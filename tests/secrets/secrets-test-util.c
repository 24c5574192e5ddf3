/* SPDX-License-Identifier: GPL-3.0-or-later */
#define _GNU_SOURCE
#include "config.h"

#include <libsecret/secret.h>
#include <sqlite3.h>
#include <string.h>

#include "mc-http.h"
#include "secrets-test-util.h"

/* Shared by the secrets tests: the log recorder, the search for leaked secrets in a profile
 * directory, and certificates made at test time. */

static GMutex log_lock;
static GString *log_text;

/* Records everything, debug included, and passes warnings and worse on to stderr (where they
 * stay fatal under G_DEBUG=fatal-warnings): stdout carries TAP. */
static GLogWriterOutput
record_writer (GLogLevelFlags   level,
               const GLogField *fields,
               gsize            n_fields,
               gpointer         user_data)
{
  g_autofree char *line = g_log_writer_format_fields (level, fields, n_fields, FALSE);

  g_mutex_lock (&log_lock);
  g_string_append (log_text, line);
  g_string_append_c (log_text, '\n');
  g_mutex_unlock (&log_lock);
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    return g_log_writer_standard_streams (level, fields, n_fields, user_data);
  return G_LOG_WRITER_HANDLED;
}

char *
secrets_test_log_text (void)
{
  char *copy;

  g_mutex_lock (&log_lock);
  copy = g_strdup (log_text->str);
  g_mutex_unlock (&log_lock);
  return copy;
}

/* SQLite's own diagnostics go to the same record (and say why a statement failed). */
static void
sqlite_log (void       *data,
            int         code,
            const char *message)
{
  g_debug ("SQLite %d: %s", code, message);
}

gboolean
secrets_test_init (int    *argc,
                   char ***argv)
{
  g_autoptr(SecretService) service = NULL;
  g_autoptr(GError) error = NULL;

  sqlite3_config (SQLITE_CONFIG_LOG, sqlite_log, NULL);
  log_text = g_string_new (NULL);
  g_log_set_writer_func (record_writer, NULL, NULL);
  g_log_set_debug_enabled (TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (argc, argv, NULL);
  if (!(service = secret_service_get_sync (SECRET_SERVICE_OPEN_SESSION, NULL, &error)))
    {
      g_print ("1..0 # SKIP no Secret Service: %s\n", error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
file_contains (const char *path,
               const char *needle)
{
  g_autofree char *data = NULL;
  gsize len;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

char *
secrets_test_find_in_dir (const char *dir,
                          const char *needle)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          char *found = secrets_test_find_in_dir (path, needle);

          if (found)
            return found;
        }
      else if (file_contains (path, needle))
        return g_steal_pointer (&path);
    }
  return NULL;
}

GTlsCertificate *
secrets_test_certificate (const char  *dir,
                          const char  *name,
                          char       **out_fingerprint)
{
  g_autofree char *cert = g_strdup_printf ("%s/%s.pem", dir, name);
  g_autofree char *key = g_strdup_printf ("%s/%s.key", dir, name);
  const char *make[] = {
    "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
    "-addext", "subjectAltName=IP:127.0.0.1", NULL
  };
  const char *print[] = { "openssl", "x509", "-noout", "-fingerprint", "-sha256", "-in", cert, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  GTlsCertificate *certificate;

  g_assert_true (g_spawn_sync (NULL, (char **) make, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL
                               | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_spawn_sync (NULL, (char **) print, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* "sha256 Fingerprint=AB:CD:…" (openssl 3) */
  *out_fingerprint = mc_http_normalize_fingerprint (g_strstrip (out));
  g_assert_nonnull (*out_fingerprint);
  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  return certificate;
}
