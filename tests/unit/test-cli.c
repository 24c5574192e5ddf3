/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "mc-fold.h"

/* motcuactl as scripts use it: real processes, real profile directories, the output parsed. */

#define RUN(r, ...) CLI_RUN (r, NULL, "1794971200", __VA_ARGS__)

static char *profile;

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (node);
  return node;
}

static void
assert_dossier_object (JsonObject *o)
{
  const char *keys[] = { "number", "procedure_code", "applicant", "status", "source", "received_at", "due_at" };
  int status;

  for (gsize i = 0; i < G_N_ELEMENTS (keys); i++)
    g_assert_true (json_object_has_member (o, keys[i]));
  status = json_object_get_int_member (o, "status");
  g_assert_cmpint (status, >=, 1);
  g_assert_cmpint (status, <=, 10);
  /* Received unless still waiting online or refused at reception (never received). */
  if (status != 1 && status != 3)
    {
      const char *received = json_object_get_string_member (o, "received_at");
      g_assert_true (g_regex_match_simple ("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+07:00$", received, 0, 0));
    }
}

static void
test_init_sample (void)
{
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) again = { 0 };

  RUN (&r, "--profile", profile, "init-sample", "--dossiers", "600", "--seed", "5");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "600"));
  /* No terminal: no progress line on stderr. */
  g_assert_cmpstr (r.err, ==, "");

  /* Filling again adds, with fresh numbers. */
  RUN (&again, "--profile", profile, "init-sample", "-n", "100", "--seed", "5");
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "700"));
}

static void
test_list_json (void)
{
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) filtered = { 0 };
  g_autoptr(JsonNode) all = NULL, some = NULL;
  JsonArray *array;
  guint with_status_10 = 0;

  RUN (&r, "--profile", profile, "list", "--json");
  g_assert_cmpint (r.status, ==, 0);
  all = parse (r.out);
  array = json_node_get_array (all);
  g_assert_cmpuint (json_array_get_length (array), ==, 700);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      assert_dossier_object (o);
      with_status_10 += json_object_get_int_member (o, "status") == 10;
    }

  RUN (&filtered, "--profile", profile, "list", "--status", "10", "--source", "g09", "--json");
  g_assert_cmpint (filtered.status, ==, 0);
  some = parse (filtered.out);
  array = json_node_get_array (some);
  g_assert_cmpuint (json_array_get_length (array), <=, with_status_10);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (o, "status"), ==, 10);
      g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "g09");
    }
}

static void
test_search_and_show (void)
{
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) by_id = { 0 };
  g_auto(CliRun) show = { 0 };
  g_auto(CliRun) text = { 0 };
  g_autoptr(JsonNode) hits = NULL, first_by_id = NULL, one = NULL;
  JsonArray *array;
  JsonObject *first, *o;
  g_autofree char *id_number = NULL, *number = NULL;

  RUN (&r, "--profile", profile, "search", "dang", "--json", "--limit", "0");
  g_assert_cmpint (r.status, ==, 0);
  hits = parse (r.out);
  array = json_node_get_array (hits);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *haystack = NULL, *folded = NULL;

      o = json_array_get_object_element (array, i);
      assert_dossier_object (o);
      /* Đặng, Đăng ký …: a word of a searched field folds to something starting with "dang". */
      haystack = g_strdup_printf (" %s %s %s", json_object_get_string_member (o, "applicant"),
                                  json_object_get_string_member (o, "address"),
                                  json_object_get_string_member (o, "procedure_name"));
      folded = mc_fold_text (haystack);
      g_assert_nonnull (strstr (folded, " dang"));
    }

  /* A 12-digit ID number finds its dossier first. */
  first = json_array_get_object_element (array, json_array_get_length (array) - 1);
  id_number = g_strdup (json_object_get_string_member (first, "id_number"));
  number = g_strdup (json_object_get_string_member (first, "number"));
  RUN (&by_id, "--profile", profile, "search", id_number, "--json");
  g_assert_cmpint (by_id.status, ==, 0);
  first_by_id = parse (by_id.out);
  o = json_array_get_object_element (json_node_get_array (first_by_id), 0);
  g_assert_cmpstr (json_object_get_string_member (o, "id_number"), ==, id_number);

  RUN (&show, "--profile", profile, "show", number, "--json");
  g_assert_cmpint (show.status, ==, 0);
  one = parse (show.out);
  o = json_node_get_object (one);
  assert_dossier_object (o);
  g_assert_cmpstr (json_object_get_string_member (o, "number"), ==, number);
  g_assert_true (json_object_has_member (o, "documents"));
  g_assert_true (json_object_has_member (o, "history"));

  RUN (&text, "--profile", profile, "show", number);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_nonnull (strstr (text.out, number));
}

/* Runs sqlite3 @sql on @dir's database; FALSE when the tool is not installed. */
static gboolean
damage (const char *dir,
        const char *sql)
{
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  g_autofree char *db = g_build_filename (dir, "motcua.db", NULL);
  const char *argv[] = { sqlite3, db, sql, NULL };
  int wait_status = 0;

  if (sqlite3 == NULL)
    return FALSE;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                               &wait_status, NULL));
  g_assert_true (g_spawn_check_wait_status (wait_status, NULL));
  return TRUE;
}

/* The default sample passes every rule; a refused dossier made "received", a step moved to
 * a Sunday night, and the checker names both. */
static void
test_check_sample (void)
{
  g_autofree char *dir = g_dir_make_tmp ("motcua-check-XXXXXX", NULL);
  g_auto(CliRun) init = { 0 };
  g_auto(CliRun) clean = { 0 };
  g_auto(CliRun) damaged = { 0 };
  g_auto(CliRun) quiet = { 0 };

  RUN (&init, "--profile", dir, "init-sample");
  g_assert_cmpint (init.status, ==, 0);
  RUN (&clean, "--profile", dir, "check-sample");
  g_assert_cmpint (clean.status, ==, 0);
  g_assert_cmpstr (clean.out, ==, "");
  g_assert_nonnull (strstr (clean.err, "2000"));

  if (!damage (dir, "UPDATE dossiers SET received_at = submitted_at, due_at = submitted_at + 864000"
                    " WHERE id = (SELECT min(id) FROM dossiers WHERE status = 3);"
                    "UPDATE history SET at = 1794687720"   /* Sunday 15 November 2026, 03:22 */
                    " WHERE id = (SELECT max(id) FROM history WHERE status = 10);"))
    {
      g_test_skip ("the sqlite3 command-line tool is not installed");
      return;
    }
  RUN (&damaged, "--profile", dir, "check-sample");
  g_assert_cmpint (damaged.status, ==, 1);
  g_assert_nonnull (strstr (damaged.out, "\trefused\t"));
  g_assert_nonnull (strstr (damaged.out, "\toffice-hours\t"));
  RUN (&quiet, "--profile", dir, "check-sample", "--quiet");
  g_assert_cmpint (quiet.status, ==, 1);
  g_assert_nonnull (strstr (quiet.out, "refused\t1\n"));
}

static void
assert_one_line_error (CliRun *r, int status, const char *fragment)
{
  g_assert_cmpint (r->status, ==, status);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, fragment));
  if (status == 1)
    g_assert_cmpuint (strchr (r->err, '\n') - r->err + 1, ==, strlen (r->err));
}

static void
test_runtime_errors (void)
{
  g_autofree char *missing = g_build_filename (g_get_tmp_dir (), "mc-no-such-profile", NULL);
  g_autofree char *corrupt = g_dir_make_tmp ("mc-corrupt-XXXXXX", NULL);
  g_autofree char *corrupt_db = g_build_filename (corrupt, "motcua.db", NULL);
  g_autofree char *junk = g_strnfill (4096, 'j');
  g_auto(CliRun) a = { 0 };
  g_auto(CliRun) b = { 0 };
  g_auto(CliRun) c = { 0 };
  g_auto(CliRun) d = { 0 };
  g_auto(CliRun) e = { 0 };

  RUN (&a, "--profile", missing, "list");
  assert_one_line_error (&a, 1, missing);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  RUN (&b, "--profile", profile, "show", "G00.00-00000000-9999999");
  assert_one_line_error (&b, 1, "G00.00-00000000-9999999");

  g_assert_true (g_file_set_contents (corrupt_db, junk, -1, NULL));
  RUN (&c, "--profile", corrupt, "search", "dang");
  assert_one_line_error (&c, 1, "damaged");

  RUN (&d, "--profile", profile, "list", "--source", "g99");
  assert_one_line_error (&d, 1, "g99");

  /* A sample profile's systems are the training simulator's: said once, by name, and not
   * contradicted by "no ministry system". */
  RUN (&e, "--profile", profile, "sync", "--once");
  assert_one_line_error (&e, 1, "training mode");
  g_assert_nonnull (strstr (e.err, "Nội vụ"));
}

/* The ministry systems as an official reads them: by name, a training system's address said in
 * words; the kind of system (its dialect) and the stored address only in --json, for scripts. */
static void
test_sources_list (void)
{
  static const char *const dialects[] = { "dvcqg", "lgsp", "rest", "feed", "legacy", NULL };
  g_auto(CliRun) table = { 0 };
  g_auto(CliRun) json = { 0 };
  g_autoptr(JsonNode) node = NULL;
  JsonArray *array;

  RUN (&table, "--profile", profile, "sources", "list");
  g_assert_cmpint (table.status, ==, 0);
  g_assert_nonnull (strstr (table.out, "g09\tNội vụ\tsimulated for training\t000.00.15.H38\t"));
  g_assert_null (strstr (table.out, "sim:"));
  for (guint i = 0; dialects[i] != NULL; i++)
    g_assert_null (strstr (table.out, dialects[i]));

  RUN (&json, "--profile", profile, "sources", "list", "--json");
  g_assert_cmpint (json.status, ==, 0);
  node = parse (json.out);
  array = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (array), ==, g_strv_length ((char **) dialects));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_true (g_strv_contains (dialects, json_object_get_string_member (o, "dialect")));
      g_assert_true (g_str_has_prefix (json_object_get_string_member (o, "url"), "sim:"));
    }
}

static void
test_usage_errors (void)
{
  const char *cases[][6] = {
    { "--profile", NULL },
    { "frobnicate", NULL },
    { "--bogus", "list", NULL },
    { "list", "--status", "11", NULL },
    { "list", "--status", "abc", NULL },
    { "list", "--limit", "-1", NULL },
    { "search", NULL },
    { "show", NULL },
    { "show", "a", "b", NULL },
    { "init-sample", "--dossiers", "-5", NULL },
    { "list", "extra", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) r = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      if (!g_str_equal (cases[i][0], "--profile"))
        {
          g_ptr_array_add (args, "--profile");
          g_ptr_array_add (args, profile);
        }
      for (int k = 0; cases[i][k]; k++)
        g_ptr_array_add (args, (gpointer) cases[i][k]);
      g_ptr_array_add (args, NULL);
      cli_run_program (&r, g_getenv ("MOTCUACTL"), NULL, "1794971200", NULL, (const char * const *) args->pdata);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
    }
}

/* The character offset of @needle in @line (the first or the last), or -1. */
static glong
column_of (const char *line,
           const char *needle,
           gboolean    last)
{
  const char *at = last ? g_strrstr (line, needle) : strstr (line, needle);

  return at != NULL ? g_utf8_pointer_to_offset (line, at) : -1;
}

/* report 766 in Vietnamese is a table whose columns line up on the screen: every indicator's
 * numbers, ratio and "portal only" start in the same column whatever its name's bytes. (The
 * names are precomposed Vietnamese: one character, one column.) */
static void
test_report_columns (void)
{
  g_auto(CliRun) r = { 0 };
  g_auto(GStrv) lines = NULL;
  glong slash = -1, ratio_end = -1, portal = -1;
  guint n_computed = 0, n_portal = 0;

  CLI_RUN_VI (&r, profile, "1794971200", "report", "766", "--period", "2026-11");
  cli_assert_ok (&r, NULL);
  lines = g_strsplit (r.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (!g_ascii_isdigit (line[0]) || line[1] != '.')
        continue;
      g_test_message ("%s", line);
      if (column_of (line, "chỉ Cổng DVCQG tính", FALSE) >= 0)
        {
          if (portal < 0)
            portal = column_of (line, "chỉ Cổng DVCQG tính", FALSE);
          g_assert_cmpint (column_of (line, "chỉ Cổng DVCQG tính", FALSE), ==, portal);
          n_portal++;
          continue;
        }
      /* "212 / 222   95,5%  19,10/20": the slash of the counts, the end of the ratio. */
      if (slash < 0)
        {
          slash = column_of (line, " / ", FALSE);
          ratio_end = column_of (line, "  ", TRUE);
        }
      g_assert_cmpint (column_of (line, " / ", FALSE), ==, slash);
      g_assert_cmpint (column_of (line, "  ", TRUE), ==, ratio_end);
      n_computed++;
    }
  g_assert_cmpuint (n_computed, ==, 10);
  g_assert_cmpuint (n_portal, ==, 12);
}

static void
test_help (void)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "init-sample"));
}

/* Vietnamese wherever the user chose no language — a fresh machine's C, POSIX or C.UTF-8 —
 * and the language chosen otherwise, generated or not. */
static void
test_language (void)
{
  const char *localedir = g_getenv ("MC_TEST_LOCALEDIR");
  g_autofree char *catalog_env = g_strconcat ("MC_LOCALEDIR=", localedir, NULL);
  const struct {
    const char *env[4];
    gboolean vietnamese;
  } cases[] = {
    { { "LC_ALL", "LANG", "LANGUAGE" }, TRUE },
    { { "LC_ALL", "LANG=C.UTF-8", "LANGUAGE" }, TRUE },
    { { "LC_ALL=POSIX", "LANGUAGE" }, TRUE },
    { { "LC_ALL=C", "LC_MESSAGES=C", "LANGUAGE" }, TRUE },
    { { "LC_ALL=C.UTF-8", "LANGUAGE=en" }, FALSE },
    { { "LC_ALL", "LANG=en_US.UTF-8", "LANGUAGE" }, FALSE },
    { { "LC_ALL", "LC_MESSAGES=en_GB.UTF-8", "LANG=C.UTF-8", "LANGUAGE" }, FALSE },
  };

  g_assert_nonnull (localedir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliRun) r = { 0 };
      const char *env[6] = { catalog_env };
      const char *argv[] = { "--help", NULL };

      memcpy (env + 1, cases[i].env, sizeof cases[i].env);
      cli_run_with (&r, g_getenv ("MOTCUACTL"), &(CliOptions) { .now = "1794971200", .env = env }, argv);
      g_assert_cmpint (r.status, ==, 0);
      g_test_message ("case %u: %s", i, r.out);
      g_assert_true (g_str_has_prefix (r.out, cases[i].vietnamese ? "Cách dùng: motcuactl" : "Usage: motcuactl"));
    }
}

int
main (int argc, char **argv)
{
  g_autofree char *dir = NULL;
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  dir = g_dir_make_tmp ("mc-cli-XXXXXX", NULL);
  profile = g_build_filename (dir, "profile", NULL);
  /* The paths build on each other: the profile made first is read by the rest. */
  g_test_add_func ("/cli/init-sample", test_init_sample);
  g_test_add_func ("/cli/list-json", test_list_json);
  g_test_add_func ("/cli/search-and-show", test_search_and_show);
  g_test_add_func ("/cli/check-sample", test_check_sample);
  g_test_add_func ("/cli/runtime-errors", test_runtime_errors);
  g_test_add_func ("/cli/sources-list", test_sources_list);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/report-columns", test_report_columns);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/language", test_language);
  rc = g_test_run ();
  g_free (profile);
  return rc;
}
