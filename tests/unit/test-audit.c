/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "mc-store-audit-private.h"

/* The audit log against someone who can edit the database file but does not hold the key in
 * the keyring (issue 16, finding 7): each tampering, done on a copy of one sealed and anchored
 * log with SQLite's own tool (the triggers dropped first and put back after, as an attacker
 * who knows the schema would), must be found by mc_store_audit_check (), which names what. */

#define N_ENTRIES 6

static const guint8 key_bytes[MC_AUDIT_KEY_SIZE] = "0123456789abcdef0123456789abcdef";
static char *base_dir;

static GBytes *
test_key (void)
{
  return g_bytes_new_static (key_bytes, sizeof key_bytes);
}

static void
append (McStore    *store,
        const char *action,
        gint64      at)
{
  g_autoptr(GError) error = NULL;
  McAuditEntry e = { .at = at, .actor = "tester", .action = action, .outcome = "ok", .dossier_number = "G09.1",
                     .status_before = 2, .status_after = 4, .detail = "{\"a\":1}" };

  g_assert_true (mc_store_begin (store, &error));
  g_assert_true (mc_store_audit_append (store, &e, &error));
  g_assert_true (mc_store_commit (store, &error));
  g_assert_no_error (error);
}

static McStore *
open_keyed (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  g_autoptr(GBytes) key = test_key ();
  McStore *store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  mc_store_set_audit_key (store, key);
  return store;
}

/* A copy of the sealed, anchored base profile: the database and its anchor file. */
static char *
copy_base (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-audit-XXXXXX", NULL);
  const char *names[] = { "motcua.db", "motcua.db.anchors" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *from = g_build_filename (base_dir, names[i], NULL);
      g_autofree char *to = g_build_filename (dir, names[i], NULL);
      g_autofree char *data = NULL;
      gsize len;

      g_assert_true (g_file_get_contents (from, &data, &len, NULL));
      g_assert_true (g_file_set_contents_full (to, data, len, 0, 0600, NULL));
    }
  return g_steal_pointer (&dir);
}

static void
run_sql (const char *dir,
         const char *sql)
{
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  char *message = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* Runs @sql with the triggers out of the way, and puts them back exactly as they were. */
#define UNGUARDED(sql) \
  "DROP TRIGGER audit_no_update; DROP TRIGGER audit_seal_once; DROP TRIGGER audit_no_delete;" \
  "DROP TRIGGER audit_head_no_delete; DROP TRIGGER audit_head_forward;" sql ";" \
  MC_AUDIT_TRIGGER_NO_UPDATE ";" MC_AUDIT_TRIGGER_SEAL_ONCE ";" MC_AUDIT_TRIGGER_NO_DELETE ";" \
  MC_AUDIT_TRIGGER_HEAD_NO_DELETE ";" MC_AUDIT_TRIGGER_HEAD_FORWARD ";"

static char *
check_fails (const char *dir,
             const char *extra_anchors)
{
  g_autoptr(McStore) store = open_keyed (dir);
  g_autoptr(GError) error = NULL;
  McAuditReport report;

  if (mc_store_audit_check (store, extra_anchors, &report, &error))
    return NULL;
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT);
  return g_strdup (error->message);
}

typedef struct
{
  const char *name;
  const char *sql;
  const char *expected;   /* in the message */
} Tampering;

/* The SHA-256 of the row's text, the plain chain as it was before issue 16. */
#define PLAIN_SHA \
  "lower(hex(randomblob(32)))"

static const Tampering tamperings[] = {
  { "edit", UNGUARDED ("UPDATE audit SET actor = 'mallory' WHERE id = 3"), "altered at entry 3" },
  { "edit-every-column-but-mac", UNGUARDED ("UPDATE audit SET detail = NULL WHERE id = 2"), "altered at entry 2" },
  { "edit-and-recompute-chain",
    UNGUARDED ("UPDATE audit SET actor = 'mallory', mac = " PLAIN_SHA " WHERE id >= 3;"
               "UPDATE audit_head SET last_mac = (SELECT mac FROM audit ORDER BY id DESC LIMIT 1)"),
    "altered at entry 3" },
  { "append-forged", "INSERT INTO audit (at, actor, action, outcome, mac) VALUES (1767225600, 'm', 'x', 'ok',"
                     " (SELECT mac FROM audit WHERE id = 1)); UPDATE audit_head SET entries = entries + 1,"
                     " sealed = sealed + 1, last_mac = (SELECT mac FROM audit WHERE id = 1)",
    "altered at entry 7" },
  { "append-without-head", "INSERT INTO audit (at, actor, action, outcome) VALUES (1767225600, 'm', 'x', 'ok')",
    "does not count, from entry 7 on" },
  { "truncate-and-fix-head",
    UNGUARDED ("DELETE FROM audit WHERE id > 4; UPDATE audit_head SET entries = 4, sealed = 4,"
               " last_mac = (SELECT mac FROM audit WHERE id = 4)"),
    "record of the audit log's end was forged" },
  { "truncate-and-copy-seal",
    UNGUARDED ("DELETE FROM audit WHERE id = 6; UPDATE audit_head SET entries = 5, sealed = 5,"
               " last_mac = (SELECT mac FROM audit WHERE id = 5), seal = (SELECT mac FROM audit WHERE id = 5)"),
    "forged" },
  { "truncate-head-untouched", UNGUARDED ("DELETE FROM audit WHERE id = 6"), "cut after entry 5 (6 entries" },
  { "delete-everything-reset-head",
    UNGUARDED ("DELETE FROM audit; UPDATE audit_head SET entries = 0, sealed = 0, last_mac = NULL, seal = NULL,"
               " key_id = NULL"),
    "entries were removed or the log was reset" },
  { "delete-middle", UNGUARDED ("DELETE FROM audit WHERE id = 3"), "altered at entry 3" },
  { "gap-in-ids", UNGUARDED ("UPDATE audit SET id = id + 10 WHERE id = 6"), "altered at entry 6" },
  { "swap-entries", UNGUARDED ("UPDATE audit SET id = -1 WHERE id = 2; UPDATE audit SET id = 2 WHERE id = 3;"
                               " UPDATE audit SET id = 3 WHERE id = -1"), "altered at entry 2" },
  { "null-to-zero", UNGUARDED ("UPDATE audit SET dossier_id = 0 WHERE id = 4"), "altered at entry 4" },
  { "zero-to-null-status", UNGUARDED ("UPDATE audit SET status_before = NULL WHERE id = 5"), "altered at entry 5" },
  /* Both read back as the same integer through sqlite3_column_int64 (): only the type differs
   * (an INTEGER column converts a text or real that is exactly an integer, so these are not). */
  { "at-as-text", UNGUARDED ("UPDATE audit SET at = CAST(at AS TEXT) || 'x' WHERE id = 2"), "altered at entry 2" },
  { "at-as-real", UNGUARDED ("UPDATE audit SET at = at + 0.25 WHERE id = 2"), "altered at entry 2" },
  { "server-at", UNGUARDED ("UPDATE audit SET server_at = 1767225600 WHERE id = 3"), "altered at entry 3" },
  { "unseal-entry", UNGUARDED ("UPDATE audit SET mac = NULL WHERE id = 2"), "altered at entry 3" },
  { "drop-no-update", "DROP TRIGGER audit_no_update", "“audit_no_update” was removed" },
  { "drop-no-delete", "DROP TRIGGER audit_no_delete", "“audit_no_delete” was removed" },
  { "drop-head-triggers", "DROP TRIGGER audit_head_no_delete; DROP TRIGGER audit_head_forward",
    "“audit_head_no_delete” was removed" },
  { "weaken-trigger", "DROP TRIGGER audit_seal_once; CREATE TRIGGER audit_seal_once BEFORE UPDATE OF mac ON audit"
                      " WHEN 0 BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
    "“audit_seal_once” was removed or changed" },
  { "add-column", "ALTER TABLE audit ADD COLUMN note TEXT", "columns of the audit log were changed" },
  { "head-deleted", UNGUARDED ("DELETE FROM audit_head"), "record of the audit log's end was removed" },
};

static void
test_tampering (gconstpointer data)
{
  const Tampering *t = data;
  g_autofree char *dir = copy_base ();
  g_autofree char *message = NULL;

  run_sql (dir, t->sql);
  message = check_fails (dir, NULL);
  g_assert_nonnull (message);
  g_test_message ("%s: %s", t->name, message);
  g_assert_nonnull (strstr (message, t->expected));
}

/* The database put back from an older copy of itself: whole, sealed, and behind the anchor. */
static void
test_rollback (void)
{
  g_autofree char *old = copy_base ();
  g_autofree char *dir = copy_base ();
  g_autofree char *message = NULL;

  {
    g_autoptr(McStore) store = open_keyed (dir);
    g_autoptr(GError) error = NULL;

    for (int i = 0; i < 3; i++)
      append (store, "later", 1767225600 + 1000 + i);
    g_assert_true (mc_store_audit_write_anchor (store, &error));
    g_assert_no_error (error);
  }
  /* The old database over the new one, the new anchors kept. */
  {
    g_autofree char *from = g_build_filename (old, "motcua.db", NULL);
    g_autofree char *to = g_build_filename (dir, "motcua.db", NULL);
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (from, &bytes, &len, NULL));
    g_assert_true (g_file_set_contents (to, bytes, len, NULL));
  }
  message = check_fails (dir, NULL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "had 9 entries"));
}

/* Everything gone, the anchor file too: the anchor in an exported CSV still tells. */
static void
test_reset_against_export (void)
{
  g_autofree char *dir = copy_base ();
  g_autofree char *anchors = g_build_filename (dir, "motcua.db.anchors", NULL);
  g_autofree char *csv_path = g_build_filename (dir, "export.csv", NULL);
  g_autofree char *message = NULL;

  {
    g_autoptr(McStore) store = open_keyed (dir);
    g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) csv = NULL;

    g_assert_true (mc_store_audit_export_csv (store, out, &error));
    g_assert_no_error (error);
    g_output_stream_close (out, NULL, NULL);
    csv = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    g_assert_true (g_file_set_contents (csv_path, g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), NULL));
    g_assert_nonnull (g_strrstr_len (g_bytes_get_data (csv, NULL), g_bytes_get_size (csv), "\r\nmotcua-audit-anchor v1 "));
  }
  g_assert_cmpint (g_unlink (anchors), ==, 0);
  run_sql (dir, UNGUARDED ("DELETE FROM audit; UPDATE audit_head SET entries = 0, sealed = 0, last_mac = NULL,"
                           " seal = NULL, key_id = NULL"));
  /* Without any anchor, an empty log looks new: */
  g_assert_null (check_fails (dir, NULL));
  message = check_fails (dir, csv_path);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "entries were removed or the log was reset"));
}

static void
test_forged_anchor (void)
{
  g_autofree char *dir = copy_base ();
  g_autofree char *anchors = g_build_filename (dir, "motcua.db.anchors", NULL);
  g_autofree char *line = g_strdup_printf ("motcua-audit-anchor v1 1767225600 3 %064d %064d\n", 0, 0);
  g_autofree char *message = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (anchors, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (anchors, line, -1, NULL));
  message = check_fails (dir, NULL);
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "a forged audit anchor"));
}

/* Entries written while the key was not at hand are kept, reported, then sealed in order by
 * the next append that has the key; a check without the key refuses to vouch for a sealed log. */
static void
test_unsealed_then_sealed (void)
{
  g_autofree char *dir = copy_base ();
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  g_autoptr(GError) error = NULL;
  McAuditReport report;

  {
    g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);

    g_assert_no_error (error);
    mc_store_set_audit_key (store, NULL);
    append (store, "no-keyring", 1767225600 + 500);
    append (store, "no-keyring", 1767225600 + 501);
    g_assert_false (mc_store_audit_check (store, NULL, &report, &error));
    g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  {
    g_autoptr(McStore) store = open_keyed (dir);

    g_assert_true (mc_store_audit_check (store, NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report.entries, ==, N_ENTRIES + 2);
    g_assert_cmpuint (report.unsealed, ==, 2);
    append (store, "keyring-back", 1767225600 + 502);
    g_assert_true (mc_store_audit_check (store, NULL, &report, &error));
    g_assert_cmpuint (report.entries, ==, N_ENTRIES + 3);
    g_assert_cmpuint (report.unsealed, ==, 0);
    g_assert_cmpuint (report.anchors, >=, 1);
  }
  /* Another key: not "tampered", but not vouched for either. */
  {
    static const guint8 other_bytes[MC_AUDIT_KEY_SIZE] = "fedcba9876543210fedcba9876543210";
    g_autoptr(GBytes) other = g_bytes_new_static (other_bytes, sizeof other_bytes);
    g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);

    mc_store_set_audit_key (store, other);
    g_assert_false (mc_store_audit_check (store, NULL, &report, &error));
    g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "another key"));
    mc_store_set_audit_key (store, NULL);
  }
}

/* The MACs cover the canonical typed encoding: the same log, re-read, checks out, and the
 * triggers still stop honest mistakes. */
static void
test_intact_and_append_only (void)
{
  g_autofree char *dir = copy_base ();
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  g_autoptr(McStore) store = open_keyed (dir);
  g_autoptr(GError) error = NULL;
  McAuditReport report;
  sqlite3 *db;

  g_assert_true (mc_store_audit_check (store, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report.entries, ==, N_ENTRIES);
  g_assert_cmpuint (report.unsealed, ==, 0);
  g_assert_cmpuint (report.anchors, ==, 1);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET actor = 'x' WHERE id = 1", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit SET mac = NULL WHERE id = 1", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit WHERE id = 6", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_head SET entries = 1", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_head", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* The base: a profile whose six entries were sealed as they were written, with an anchor. */
  base_dir = g_dir_make_tmp ("mc-audit-base-XXXXXX", NULL);
  {
    g_autoptr(McStore) store = open_keyed (base_dir);

    for (int i = 0; i < N_ENTRIES; i++)
      append (store, "act", 1767225600 + i);
    mc_store_set_audit_key (store, NULL);
  }

  for (guint i = 0; i < G_N_ELEMENTS (tamperings); i++)
    {
      g_autofree char *path = g_strdup_printf ("/audit/tampering/%s", tamperings[i].name);

      g_test_add_data_func (path, &tamperings[i], test_tampering);
    }
  g_test_add_func ("/audit/tampering/rollback-to-older-copy", test_rollback);
  g_test_add_func ("/audit/tampering/reset-against-export", test_reset_against_export);
  g_test_add_func ("/audit/tampering/forged-anchor", test_forged_anchor);
  g_test_add_func ("/audit/intact-and-append-only", test_intact_and_append_only);
  g_test_add_func ("/audit/unsealed-then-sealed", test_unsealed_then_sealed);
  return g_test_run ();
}
