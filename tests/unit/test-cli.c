/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-fold.h"

/* motcuactl as scripts use it: real processes, real profile directories, the output parsed. */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* @env: NULL, or "NAME=value" to set and "NAME" to unset, for this run only. */
static void
run_env_v (Run *r, const char * const *env, const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;

  for (; env != NULL && *env; env++)
    {
      g_auto(GStrv) pair = g_strsplit (*env, "=", 2);

      if (pair[1] != NULL)
        g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, pair[0]);
    }

  g_ptr_array_add (args, (gpointer) g_getenv ("MOTCUACTL"));
  for (; *argv; argv++)
    g_ptr_array_add (args, (gpointer) *argv);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "MC_NOW", "1794971200", TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
}

static void
run_v (Run *r, const char * const *argv)
{
  run_env_v (r, NULL, argv);
}

#define RUN(r, ...) G_STMT_START { const char *argv_[] = { __VA_ARGS__, NULL }; run_v (r, argv_); } G_STMT_END

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
  g_auto(Run) r = { 0 };
  g_auto(Run) again = { 0 };

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
  g_auto(Run) r = { 0 };
  g_auto(Run) filtered = { 0 };
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
  g_auto(Run) r = { 0 };
  g_auto(Run) by_id = { 0 };
  g_auto(Run) show = { 0 };
  g_auto(Run) text = { 0 };
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
assert_one_line_error (Run *r, int status, const char *fragment)
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
  g_auto(Run) a = { 0 };
  g_auto(Run) b = { 0 };
  g_auto(Run) c = { 0 };
  g_auto(Run) d = { 0 };

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
      g_auto(Run) r = { 0 };
      g_autoptr(GPtrArray) args = g_ptr_array_new ();

      if (!g_str_equal (cases[i][0], "--profile"))
        {
          g_ptr_array_add (args, "--profile");
          g_ptr_array_add (args, profile);
        }
      for (int k = 0; cases[i][k]; k++)
        g_ptr_array_add (args, (gpointer) cases[i][k]);
      g_ptr_array_add (args, NULL);
      run_v (&r, (const char * const *) args->pdata);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      g_assert_cmpstr (r.err, !=, "");
    }
}

static void
test_help (void)
{
  g_auto(Run) r = { 0 };

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
      g_auto(Run) r = { 0 };
      const char *env[6] = { catalog_env };
      const char *argv[] = { "--help", NULL };

      memcpy (env + 1, cases[i].env, sizeof cases[i].env);
      run_env_v (&r, env, argv);
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
  g_test_add_func ("/cli/runtime-errors", test_runtime_errors);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/language", test_language);
  rc = g_test_run ();
  g_free (profile);
  return rc;
}
