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
  if (status != 1)
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
  guint with_status_5 = 0;

  RUN (&r, "--profile", profile, "list", "--json");
  g_assert_cmpint (r.status, ==, 0);
  all = parse (r.out);
  array = json_node_get_array (all);
  g_assert_cmpuint (json_array_get_length (array), ==, 700);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      assert_dossier_object (o);
      with_status_5 += json_object_get_int_member (o, "status") == 5;
    }

  RUN (&filtered, "--profile", profile, "list", "--status", "5", "--source", "g09", "--json");
  g_assert_cmpint (filtered.status, ==, 0);
  some = parse (filtered.out);
  array = json_node_get_array (some);
  g_assert_cmpuint (json_array_get_length (array), <=, with_status_5);
  g_assert_cmpuint (json_array_get_length (array), >, 0);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *o = json_array_get_object_element (array, i);

      g_assert_cmpint (json_object_get_int_member (o, "status"), ==, 5);
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

static void
test_help (void)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "--help");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, "init-sample"));
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
  g_test_add_func ("/cli/runtime-errors", test_runtime_errors);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);
  rc = g_test_run ();
  g_free (profile);
  return rc;
}
