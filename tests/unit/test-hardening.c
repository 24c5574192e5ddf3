/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli-test-util.h"
#include "mc-sample.h"
#include "mc-store-private.h"

/* motcuactl against bad luck and hostile data (issue 16): damaged, empty, foreign and
 * symlinked databases, read-only profiles, outputs that are not files, credentials in
 * addresses, terminal escapes from a ministry system, and dates and amounts out of range.
 * Real processes on real profile directories, as an administrator would meet them. */

#define NOW "2026-03-10 10:00"

/* @wrapper: NULL, or a program (and its arguments) that runs motcuactl, such as setpriv. */
static void
run_v (CliRun             *r,
       const char * const *wrapper,
       const char * const *argv)
{
  cli_run_with (r, g_getenv ("MOTCUACTL"), &(CliOptions) { .wrapper = wrapper }, argv);
}

#define RUN(r, ...) G_STMT_START { const char *argv_[] = { __VA_ARGS__, NULL }; run_v (r, NULL, argv_); } G_STMT_END

static char *
file_digest (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return g_strdup ("(none)");
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
}

/* A sample profile of @n dossiers; returns its directory, and the number of one dossier. */
static char *
sample_profile (int    n,
                char **out_number)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-hard-XXXXXX", NULL);
  g_autofree char *count = g_strdup_printf ("%d", n);
  g_auto(CliRun) r = { 0 };

  RUN (&r, "--profile", dir, "init-sample", "--dossiers", count);
  g_assert_cmpint (r.status, ==, 0);
  if (out_number != NULL)
    {
      const char *row;

      RUN (&r, "--profile", dir, "list", "--status", "2", "--limit", "1");
      g_assert_cmpint (r.status, ==, 0);
      /* Under the header line. */
      row = strchr (r.out, '\n');
      g_assert_nonnull (row);
      *out_number = g_strndup (row + 1, strcspn (row + 1, "\t"));
      g_assert_cmpuint (strlen (*out_number), >, 5);
    }
  return g_steal_pointer (&dir);
}

static gboolean
sqlite_says_damaged (const char *path)
{
  g_autofree char *uri = g_strdup_printf ("file:%s?mode=ro&immutable=1", path);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean damaged = TRUE;

  if (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL) == SQLITE_OK
      && sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    damaged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return damaged;
}

/* Finding 1: ten copies with 30 flipped bits each; every one SQLite calls damaged is never
 * written, by any command, and the refusal names the file and doctor. */
static void
test_damaged (void)
{
  g_autofree char *number = NULL;
  g_autofree char *base = sample_profile (300, &number);
  g_autofree char *base_db = g_build_filename (base, "motcua.db", NULL);
  g_autofree char *bytes = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  gsize len;
  guint damaged = 0;

  g_assert_true (g_file_get_contents (base_db, &bytes, &len, NULL));
  for (int copy = 0; copy < 10; copy++)
    {
      g_autofree char *dir = g_dir_make_tmp ("mc-flip-XXXXXX", NULL);
      g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
      g_autofree char *flipped = g_memdup2 (bytes, len);
      g_autofree char *before = NULL, *after = NULL;
      g_auto(CliRun) r = { 0 };

      /* Past the 100-byte header, which SQLite checks on its own. */
      for (int i = 0; i < 30; i++)
        {
          gsize at = g_rand_int_range (rand, 100, len);

          flipped[at] ^= 1 << g_rand_int_range (rand, 0, 8);
        }
      g_assert_true (g_file_set_contents_full (db, flipped, len, 0, 0600, NULL));
      if (!sqlite_says_damaged (db))
        continue;
      damaged++;
      before = file_digest (db);
      RUN (&r, "--profile", dir, "act", number, "forward");
      g_test_message ("copy %d: act → %d %s", copy, r.status, r.err);
      g_assert_cmpint (r.status, ==, 1);
      g_assert_nonnull (strstr (r.err, "damaged"));
      g_assert_nonnull (strstr (r.err, "doctor"));
      RUN (&r, "--profile", dir, "calendar", "add-off", "2026-12-30", "x");
      g_assert_cmpint (r.status, ==, 1);
      RUN (&r, "--profile", dir, "list");
      RUN (&r, "--profile", dir, "audit", "verify");
      after = file_digest (db);
      g_assert_cmpstr (before, ==, after);

      /* doctor says so, and copies what it can into a new file, the damaged one untouched. */
      {
        g_autofree char *copy_path = g_build_filename (dir, "recovered.db", NULL);
        g_autofree char *again = NULL;

        RUN (&r, "--profile", dir, "doctor");
        g_assert_cmpint (r.status, ==, 1);
        RUN (&r, "--profile", dir, "doctor", "--recover", copy_path);
        g_test_message ("copy %d: doctor --recover → %d %s%s", copy, r.status, r.out, r.err);
        again = file_digest (db);
        g_assert_cmpstr (before, ==, again);
        if (r.status == 0)
          g_assert_false (sqlite_says_damaged (copy_path));
      }
    }
  g_assert_cmpuint (damaged, >=, 5);
}

/* Finding 2: an empty file, a symbolic link, another program's database: left as they are. */
static void
test_not_ours (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-notours-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *target = g_build_filename (dir, "precious.txt", NULL);
  g_auto(CliRun) r = { 0 };
  GStatBuf st;
  sqlite3 *foreign;

  g_assert_true (g_file_set_contents (db, "", 0, NULL));
  RUN (&r, "--profile", dir, "init-sample", "--dossiers", "1");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "empty file"));
  RUN (&r, "--profile", dir, "list");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (g_stat (db, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, 0);
  g_assert_cmpint (g_unlink (db), ==, 0);

  g_assert_true (g_file_set_contents_full (target, "keep me", -1, 0, 0644, NULL));
  g_assert_cmpint (symlink (target, db), ==, 0);
  RUN (&r, "--profile", dir, "init-sample", "--dossiers", "1");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "symbolic link"));
  RUN (&r, "--profile", dir, "list");
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (g_stat (target, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  g_assert_cmpint (st.st_size, ==, 7);
  g_assert_cmpint (g_unlink (db), ==, 0);

  g_assert_cmpint (sqlite3_open (db, &foreign), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (foreign, "CREATE TABLE photos (id INTEGER); PRAGMA user_version = 3;", NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sqlite3_close (foreign);
  g_assert_cmpint (g_chmod (db, 0644), ==, 0);
  {
    g_autofree char *before = file_digest (db);
    g_autofree char *after = NULL;

    RUN (&r, "--profile", dir, "init-sample", "--dossiers", "1");
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "another program"));
    after = file_digest (db);
    g_assert_cmpstr (before, ==, after);
    g_assert_cmpint (g_stat (db, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0644);
  }
}

/* Finding 3: read commands leave the file's bytes as they were. */
static void
test_reads_do_not_write (void)
{
  g_autofree char *number = NULL;
  g_autofree char *dir = sample_profile (100, &number);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *before = file_digest (db);
  const char *commands[][4] = {
    { "list" }, { "search", "nguyen" }, { "show", number }, { "outbox" }, { "audit", "verify" },
    { "settings", "list" }, { "calendar", "list", "2026" }, { "sources", "list" }, { "doctor" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      const char *argv[8] = { "--profile", dir };
      g_autofree char *after = NULL;
      g_auto(CliRun) r = { 0 };

      for (guint a = 0; a < 4 && commands[i][a]; a++)
        argv[2 + a] = commands[i][a];
      run_v (&r, NULL, argv);
      g_test_message ("%s: %d %s", commands[i][0], r.status, r.err);
      g_assert_cmpint (r.status, ==, 0);
      after = file_digest (db);
      g_assert_cmpstr (before, ==, after);
    }
}

/* A profile of an older schema, opened only to read by this version, is upgraded once (as
 * any write would) and then read; a second read changes nothing. */
static void
test_read_upgrades_once (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-old-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *before = NULL, *after = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) r = { 0 };

  {
    g_autoptr(McStore) old = mc_store_open_at_version (db, MC_STORE_SCHEMA_VERSION - 1, &error);

    g_assert_no_error (error);
  }
  RUN (&r, "--profile", dir, "list");
  g_assert_cmpint (r.status, ==, 0);
  {
    g_autoptr(McStore) store = mc_store_open (db, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &error);

    g_assert_no_error (error);
    g_assert_cmpint (mc_store_get_schema_version (store), ==, MC_STORE_SCHEMA_VERSION);
  }
  before = file_digest (db);
  RUN (&r, "--profile", dir, "list");
  g_assert_cmpint (r.status, ==, 0);
  after = file_digest (db);
  g_assert_cmpstr (before, ==, after);
}

/* Finding 3: a profile that cannot be written is read all the same, and a write is refused
 * with a message that says why. As root every file is writable: the commands then run as
 * "nobody" (setpriv), for whom the profile is read-only. */
static void
test_read_only_profile (void)
{
  g_autofree char *number = NULL;
  g_autofree char *dir = sample_profile (100, &number);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *setpriv = g_find_program_in_path ("setpriv");
  const char *as_nobody[] = { setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", NULL };
  const char * const *wrapper = geteuid () == 0 ? as_nobody : NULL;
  g_autofree char *before = NULL, *after = NULL;
  g_auto(CliRun) r = { 0 };

  if (geteuid () == 0 && setpriv == NULL)
    {
      g_test_skip ("running as root without setpriv");
      return;
    }
  g_assert_cmpint (g_chmod (db, 0444), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0555), ==, 0);
  before = file_digest (db);
  {
    const char *argv[] = { "--profile", dir, "list", NULL };
    run_v (&r, wrapper, argv);
    g_test_message ("list: %s", r.err);
    g_assert_cmpint (r.status, ==, 0);
    g_assert_nonnull (strstr (r.out, number));
  }
  {
    const char *argv[] = { "--profile", dir, "show", number, NULL };
    run_v (&r, wrapper, argv);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    const char *argv[] = { "--profile", dir, "search", "nguyen", NULL };
    run_v (&r, wrapper, argv);
    g_assert_cmpint (r.status, ==, 0);
  }
  {
    const char *argv[] = { "--profile", dir, "act", number, "forward", NULL };
    run_v (&r, wrapper, argv);
    g_test_message ("act: %s", r.err);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_nonnull (strstr (r.err, "read-only"));
  }
  after = file_digest (db);
  g_assert_cmpstr (before, ==, after);
  g_chmod (dir, 0700);
}

/* Finding 4: an output that is not a regular file is refused, and left as it was. */
static void
test_outputs (void)
{
  g_autofree char *number = NULL;
  g_autofree char *dir = sample_profile (100, &number);
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autofree char *link = g_build_filename (dir, "link.pdf", NULL);
  g_autofree char *target = g_build_filename (dir, "target", NULL);
  g_autofree char *pdf = g_build_filename (dir, "receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_auto(CliRun) r = { 0 };
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  RUN (&r, "--profile", dir, "print", number, "receipt", "--output", fifo);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "not a regular file"));
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  g_assert_true (g_file_set_contents (target, "keep", -1, NULL));
  g_assert_cmpint (symlink (target, link), ==, 0);
  RUN (&r, "--profile", dir, "register", "--from", "2020-01-01", "--to", "2030-01-01", "--output", link);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (lstat (link, &st), ==, 0);
  g_assert_true (S_ISLNK (st.st_mode));
  RUN (&r, "--profile", dir, "audit", "export", "--csv", "--output", fifo);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpint (lstat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  RUN (&r, "--profile", dir, "print", number, "receipt", "--output", pdf);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_file_get_contents (pdf, &text, NULL, NULL));
  g_assert_true (g_str_has_prefix (text, "%PDF"));
}

/* Finding 5: no password inside an address. */
static void
test_url_credentials (void)
{
  g_autofree char *dir = sample_profile (1, NULL);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *before = file_digest (db);
  g_autofree char *after = NULL;
  g_auto(CliRun) r = { 0 };

  RUN (&r, "--profile", dir, "sources", "add", "g99", "--dialect", "dvcqg", "--url",
       "http://canbo:S3cretPW@127.0.0.1:9/", "--unit", "000.00.15.H38", "--account", "canbo");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "prompt"));
  g_assert_null (strstr (r.err, "S3cretPW"));
  after = file_digest (db);
  g_assert_cmpstr (before, ==, after);
}

/* Finding 6: what a ministry system sent reaches the terminal with its controls written out. */
static void
test_escapes (void)
{
  g_autofree char *dir = sample_profile (1, NULL);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  const char *hostile = "Nguyễn\x1b]0;pwned\x07\x1b[2J\rVăn\tA\nB\xc2\x9b" "31m\xe2\x80\xae" "X";
  g_auto(CliRun) r = { 0 };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(McStore) store = mc_store_open (db, MC_STORE_OPEN_EXISTING, &error);
    g_autoptr(McDossier) d = mc_sample_dossier (99, 12345, 1773111600);

    g_assert_no_error (error);
    g_free (d->applicant_name);
    d->applicant_name = g_strdup (hostile);
    g_free (d->number);
    d->number = g_strdup ("G09.99-20260310-0000001");
    g_free (d->source_id);
    d->source_id = g_strdup ("g09");
    g_assert_true (mc_store_insert_dossier (store, d, &error));
    g_assert_no_error (error);
  }
  {
    const char *commands[][3] = { { "list" }, { "show", "G09.99-20260310-0000001" }, { "search", "pwned" } };

    for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        const char *argv[6] = { "--profile", dir, commands[i][0], commands[i][1], NULL };

        run_v (&r, NULL, argv);
        g_assert_cmpint (r.status, ==, 0);
        g_assert_null (strchr (r.out, '\x1b'));
        g_assert_null (strchr (r.out, '\x07'));
        g_assert_null (strchr (r.out, '\r'));
        g_assert_null (strstr (r.out, "\xc2\x9b"));
        g_assert_null (strstr (r.out, "\xe2\x80\xae"));
        g_assert_nonnull (strstr (r.out, "\\x1b]0;pwned\\x07"));
      }
  }
  /* The list keeps its columns: the name's own tab and line break are written out. */
  RUN (&r, "--profile", dir, "search", "pwned");
  g_assert_nonnull (strstr (r.out, "Văn\\tA\\nB"));
  RUN (&r, "--profile", dir, "search", "pwned", "--json");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_null (strchr (r.out, '\x1b'));
  g_assert_nonnull (strstr (r.out, "\\u001b]0;pwned\\u0007"));
}

/* Finding 8: dates and amounts out of range are usage errors, and change nothing. */
static void
test_ranges (void)
{
  g_autofree char *number = NULL;
  g_autofree char *dir = sample_profile (100, &number);
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  g_autofree char *before = file_digest (db);
  g_autofree char *after = NULL;
  g_auto(CliRun) r = { 0 };

  RUN (&r, "--profile", dir, "act", number, "forward", "--at", "1900-01-01 08:00");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--at is before"));
  RUN (&r, "--profile", dir, "act", number, "forward", "--at", "2999-01-01 08:00");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--at is in the future"));
  RUN (&r, "--profile", dir, "act", number, "request-fee", "--fee-name", "Lệ phí", "--fee", "9223372036854775807");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--fee"));
  RUN (&r, "--profile", dir, "act", number, "request-fee", "--fee-name", "Lệ phí", "--fee", "-5");
  g_assert_cmpint (r.status, ==, 2);
  RUN (&r, "--profile", dir, "act", number, "reschedule", "--reason", "x", "--due", "2999-01-01 08:00");
  g_assert_cmpint (r.status, ==, 2);
  g_assert_nonnull (strstr (r.err, "--due"));
  RUN (&r, "--profile", dir, "receive-new", "--procedure", "1.010833", "--applicant", "A", "--at", "1900-01-01 08:00");
  g_assert_cmpint (r.status, ==, 2);
  RUN (&r, "--profile", dir, "receive-new", "--procedure", "1.010833", "--applicant", "A", "--fee",
       "9223372036854775807");
  g_assert_cmpint (r.status, ==, 2);
  RUN (&r, "due", "--from", "1900-01-01 08:00", "--duration", "1", "--unit", "working");
  g_assert_cmpint (r.status, ==, 2);
  RUN (&r, "due", "--from", "2026-01-05 08:00", "--duration", "2147483647", "--unit", "working");
  g_assert_cmpint (r.status, ==, 2);
  after = file_digest (db);
  g_assert_cmpstr (before, ==, after);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("MC_NOW", NOW, TRUE);
  g_test_add_func ("/hardening/damaged", test_damaged);
  g_test_add_func ("/hardening/not-ours", test_not_ours);
  g_test_add_func ("/hardening/reads-do-not-write", test_reads_do_not_write);
  g_test_add_func ("/hardening/read-only-profile", test_read_only_profile);
  g_test_add_func ("/hardening/read-upgrades-once", test_read_upgrades_once);
  g_test_add_func ("/hardening/outputs", test_outputs);
  g_test_add_func ("/hardening/url-credentials", test_url_credentials);
  g_test_add_func ("/hardening/escapes", test_escapes);
  g_test_add_func ("/hardening/ranges", test_ranges);
  return g_test_run ();
}
