/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "cli-test-util.h"
#include "mc-secrets.h"
#include "mc-store-audit-private.h"
#include "secrets-test-util.h"

/* Secrets in memory and the audit key, against the real Secret Service (issue 16, findings 5
 * and 7): long secrets whole or refused, never cut; no core dump of a process holding them;
 * the audit log sealed with the profile's key from the keyring, and kept — unsealed, then
 * sealed — when the keyring cannot be reached. */

/* motcuactl with @input on stdin; stdout and stderr together. @no_keyring: with a session bus
 * address that leads nowhere, as on a desktop whose keyring is gone. */
static void
run_ctl (CliRun             *r,
         const char         *input,
         gboolean            no_keyring,
         const char * const *argv)
{
  const char *nowhere[] = { "DBUS_SESSION_BUS_ADDRESS=unix:path=/nonexistent/bus", NULL };

  cli_run_with (r, g_getenv ("MOTCUACTL"),
                &(CliOptions) { .now = "2026-03-10 10:00", .input = input, .env = no_keyring ? nowhere : NULL,
                                .merge_stderr = TRUE }, argv);
}

#define CTL(r, input, ...) \
  G_STMT_START { const char *argv_[] = { __VA_ARGS__, NULL }; run_ctl (r, input, FALSE, argv_); } G_STMT_END

static char *
new_profile (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-sec-hard-XXXXXX", NULL);
  g_auto(CliRun) r = { 0 };

  CTL (&r, NULL, "--profile", dir, "init-sample", "--dossiers", "100");
  g_assert_cmpint (r.status, ==, 0);
  return g_steal_pointer (&dir);
}

/* Finding 5: a 4 KB password and a 3 KB key are kept whole; one over the maximum is refused,
 * and nothing of it is kept. */
static void
test_long_secrets (void)
{
  g_autofree char *dir = new_profile ();
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *password = g_strnfill (4096, 'p');
  g_autofree char *key = g_strnfill (3000, 'k');
  g_autofree char *input = g_strdup_printf ("%s\n%s\n", password, key);
  g_autofree char *huge = g_strnfill (MC_SECRET_MAX_BYTES + 10, 'h');
  g_autofree char *huge_input = g_strdup_printf ("%s\n", huge);
  g_autoptr(McSecrets) keyring = mc_secrets_new (db);
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) r = { 0 };
  char *kept;

  CTL (&r, input, "--profile", dir, "sources", "add", "long", "--dialect", "rest", "--url", "http://127.0.0.1:9/",
       "--unit", "000.00.15.H38", "--account", "canbo");
  g_test_message ("%s", r.out);
  g_assert_cmpint (r.status, ==, 0);
  kept = mc_secrets_lookup_sync (keyring, "long", MC_SECRET_PASSWORD, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, password);
  mc_secrets_free (kept);
  kept = mc_secrets_lookup_sync (keyring, "long", MC_SECRET_API_KEY, NULL, &error);
  g_assert_cmpstr (kept, ==, key);
  mc_secrets_free (kept);

  CTL (&r, huge_input, "--profile", dir, "sources", "add", "huge", "--dialect", "dvcqg", "--url",
       "http://127.0.0.1:9/", "--unit", "000.00.15.H38", "--account", "canbo");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "longer than 65536 bytes"));
  kept = mc_secrets_lookup_sync (keyring, "huge", MC_SECRET_PASSWORD, NULL, &error);
  g_assert_null (kept);
  CTL (&r, NULL, "--profile", dir, "sources", "list");
  g_assert_null (strstr (r.out, "huge"));
}

/* Finding 5: a process that holds credentials makes no core dump. motcuactl, waiting for a
 * password on stdin, is looked at from outside; the call itself from inside. */
static void
test_no_core_dumps (void)
{
  g_autofree char *dir = new_profile ();
  const char *argv[] = { "sources", "add", "x", "--dialect", "dvcqg", "--url", "http://127.0.0.1:9/", "--unit", "u",
                         "--account", "a", NULL };
  g_autoptr(GSubprocess) proc = cli_spawn (g_getenv ("MOTCUACTL"), &(CliOptions) { .profile = dir }, -1, argv);
  g_autofree char *limits_path = g_strdup_printf ("/proc/%s/limits", g_subprocess_get_identifier (proc));
  g_autofree char *limits = NULL;
  g_autoptr(GRegex) core = g_regex_new ("^Max core file size +(\\S+) +(\\S+)", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  struct rlimit rl;
  gboolean zero = FALSE;

  /* Bounded by the process reaching its prompt: it reads stdin only after main () began. */
  for (int i = 0; i < 200 && !zero; i++)
    {
      g_clear_pointer (&limits, g_free);
      g_clear_pointer (&match, g_match_info_unref);
      if (g_file_get_contents (limits_path, &limits, NULL, NULL) && g_regex_match (core, limits, 0, &match))
        {
          g_autofree char *soft = g_match_info_fetch (match, 1);
          g_autofree char *hard = g_match_info_fetch (match, 2);

          zero = g_str_equal (soft, "0") && g_str_equal (hard, "0");
        }
      if (!zero)
        g_usleep (10000);
    }
  g_subprocess_force_exit (proc);
  g_subprocess_wait (proc, NULL, NULL);
  g_assert_true (zero);

  mc_secrets_protect_process ();
  g_assert_cmpint (prctl (PR_GET_DUMPABLE, 0, 0, 0, 0), ==, 0);
  g_assert_cmpint (getrlimit (RLIMIT_CORE, &rl), ==, 0);
  g_assert_cmpuint (rl.rlim_cur, ==, 0);
  g_assert_cmpuint (rl.rlim_max, ==, 0);
}

static gint64
count_rows (const char *db,
            const char *sql)
{
  sqlite3 *raw;
  sqlite3_stmt *stmt;
  gint64 n;

  g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (raw, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (raw);
  return n;
}

/* Finding 7 and the keyring's absence: actions seal their entries with the profile's key; an
 * action taken while the keyring cannot be reached is done all the same, its entry kept
 * unsealed and reported, and sealed by the next action that has the key. */
static void
test_audit_key (void)
{
  g_autofree char *dir = new_profile ();
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *anchors = g_build_filename (dir, "motcua.db.anchors", NULL);
  g_autoptr(McSecrets) keyring = mc_secrets_new (db);
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  g_autofree char *intact = NULL, *cut = NULL;
  g_auto(CliRun) r = { 0 };
  /* The sample profile starts with its commune's office settings, each an entry. */
  gint64 settings = count_rows (db, "SELECT count(*) FROM audit");

  /* Dossiers being processed: a sample holds dozens at any hour (only a few just received). */
  CTL (&r, NULL, "--profile", dir, "list", "--status", "4");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpuint (strlen (r.out), >, 10);
  {
    g_auto(GStrv) lines = g_strsplit (r.out, "\n", -1);

    /* Under the header line. */
    g_assert_true (g_strv_length (lines) >= 4);
    number = g_strndup (lines[1], strcspn (lines[1], "\t"));
    CTL (&r, NULL, "--profile", dir, "act", number, "record-step", "--note", "Thẩm định");
    g_assert_cmpint (r.status, ==, 0);
    g_assert_null (strstr (r.out, "warning"));
    g_clear_pointer (&number, g_free);
    number = g_strndup (lines[2], strcspn (lines[2], "\t"));
  }
  key = mc_secrets_audit_key_sync (keyring, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpuint (g_bytes_get_size (key), ==, MC_AUDIT_KEY_SIZE);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit WHERE mac IS NULL"), ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit"), >, 0);
  g_assert_true (g_file_test (anchors, G_FILE_TEST_IS_REGULAR));

  /* No keyring: the action is taken, its entry kept, the official told. */
  {
    const char *argv[] = { "--profile", dir, "act", number, "record-step", "--note", "Thẩm định", NULL };

    run_ctl (&r, NULL, TRUE, argv);
    g_test_message ("%s", r.out);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, "sealed once the keyring is back"));
  }
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit WHERE mac IS NULL"), ==, 1);
  CTL (&r, NULL, "--profile", dir, "audit", "verify");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "The last 1 entry is not sealed yet"));

  /* The keyring back: the next action seals both, in order. */
  CTL (&r, NULL, "--profile", dir, "calendar", "add-off", "2026-12-31", "Nghỉ");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count(*) FROM audit WHERE mac IS NULL"), ==, 0);
  CTL (&r, NULL, "--profile", dir, "audit", "verify");
  g_assert_cmpint (r.status, ==, 0);
  intact = g_strdup_printf ("The audit log is intact: %" G_GINT64_FORMAT " entries\n", settings + 3);
  g_assert_cmpstr (r.out, ==, intact);

  /* The last entry cut, the head made to agree and the triggers put back as they were: without
   * the key from the keyring, the head's seal cannot be made to agree. */
  {
    sqlite3 *raw;

    g_assert_cmpint (sqlite3_open (db, &raw), ==, SQLITE_OK);
    cut = g_strdup_printf ("DROP TRIGGER audit_no_delete; DROP TRIGGER audit_head_forward;"
                           "DELETE FROM audit WHERE id = %1$" G_GINT64_FORMAT ";"
                           "UPDATE audit_head SET entries = %2$" G_GINT64_FORMAT ", sealed = %2$" G_GINT64_FORMAT ","
                           " last_mac = (SELECT mac FROM audit WHERE id = %2$" G_GINT64_FORMAT ");"
                           MC_AUDIT_TRIGGER_NO_DELETE ";" MC_AUDIT_TRIGGER_HEAD_FORWARD ";",
                           settings + 3, settings + 2);
    g_assert_cmpint (sqlite3_exec (raw, cut, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (raw);
  }
  CTL (&r, NULL, "--profile", dir, "audit", "verify");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.out, "the record of the audit log's end was forged"));
}

int
main (int    argc,
      char **argv)
{
  if (!secrets_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/secrets-hardening/long-secrets", test_long_secrets);
  g_test_add_func ("/secrets-hardening/audit-key", test_audit_key);
  /* Last: it makes this test process itself undumpable. */
  g_test_add_func ("/secrets-hardening/no-core-dumps", test_no_core_dumps);
  return g_test_run ();
}
