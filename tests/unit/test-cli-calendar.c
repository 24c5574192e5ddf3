/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-util.h"
#include "mc-sample.h"
#include "mc-store-audit.h"
#include "mc-store-calendar.h"

/* motcuactl due, lunar and calendar as a script runs them: the real binary, real profiles. */

#define RUN(r, ...) CLI_RUN (r, NULL, NULL, __VA_ARGS__)

static void
test_due (void)
{
  static const struct { const char *from, *duration, *unit, *out; } cases[] = {
    { "2026-02-13 09:00", "1", "working", "23/02/2026 09:00\n" },
    { "2026-03-02 12:00", "1", "working", "03/03/2026 11:30\n" },
    { "2026-03-02 18:00", "1", "working", "03/03/2026 17:00\n" },
    { "2027-02-04 09:00", "2", "working", "15/02/2027 09:00\n" },
    { "2026-04-28 10:00", "3", "calendar", "04/05/2026 10:00\n" },
    { "2026-03-02 16:00", "4", "hours", "03/03/2026 10:00\n" },
    { "2026-03-02 14:59", "0", "sameday", "02/03/2026 17:00\n" },
    { "2026-03-02 15:00", "0", "sameday", "03/03/2026 17:00\n" },
    { "2026-11-23 09:00", "1", "working", "25/11/2026 09:00\n" },
    /* As the output writes it. */
    { "23/11/2026 09:00", "1", "working", "25/11/2026 09:00\n" },
    { "2/3/2026 16:00", "4", "hours", "03/03/2026 10:00\n" },
  };
  g_auto(CliRun) r = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("due %s %s %s", cases[i].from, cases[i].duration, cases[i].unit);
      RUN (&r, "due", "--from", cases[i].from, "--duration", cases[i].duration, "--unit", cases[i].unit);
      cli_assert_ok (&r, cases[i].out);
    }
  /* Same-day procedures need no duration. */
  RUN (&r, "due", "--from", "2026-03-02 09:00", "--unit", "sameday");
  cli_assert_ok (&r, "02/03/2026 17:00\n");
}

static void
test_due_usage (void)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "due", "--duration", "1", "--unit", "working");
  cli_assert_usage (&r, "due");
  RUN (&r, "due", "--from", "13/02/2026 9h", "--duration", "1", "--unit", "working");
  cli_assert_usage (&r, "due");
  RUN (&r, "due", "--from", "2026-02-13 09:00", "--duration", "1", "--unit", "weeks");
  cli_assert_usage (&r, "due");
  RUN (&r, "due", "--from", "2026-02-13 09:00", "--duration", "-1", "--unit", "working");
  cli_assert_usage (&r, "due");
  RUN (&r, "due", "--from", "2026-02-13 09:00", "--unit", "working");
  cli_assert_usage (&r, "due");
  RUN (&r, "due", "--from", "2026-02-13 09:00", "--duration", "1", "--unit", "working", "extra");
  cli_assert_usage (&r, "due");
  RUN (&r, "due", "--from", "2026-02-13 09:00", "--duration", "x", "--unit", "working");
  cli_assert_usage (&r, "due");
}

static void
test_lunar (void)
{
  /* Written DD/MM/YYYY, as the solar date it is asked for. */
  static const struct { const char *date, *out; } cases[] = {
    { "2030-02-02", "01/01/2030\n" },
    { "2026-02-17", "01/01/2026\n" },
    { "2026-04-26", "10/03/2026\n" },
    { "2023-03-22", "01/02/2023 (nhuận)\n" },
    { "2023-03-21", "30/02/2023\n" },
    { "2025-07-25", "01/06/2025 (nhuận)\n" },
    { "2026-01-01", "13/11/2025\n" },
    { "17/02/2026", "01/01/2026\n" },
    /* Day and month of one digit, as officials write them. */
    { "17/2/2026", "01/01/2026\n" },
    { "1/1/2026", "13/11/2025\n" },
    { "2026-2-17", "01/01/2026\n" },
  };
  static const char *refused[] = {
    "17/2/26", "170/2/2026", "17/123/2026", "17-02-2026", " 17/02/2026", "17/02/2026 ", "17/02/2026 09:00",
    "2026/02/17", "26-02-17", "+1/2/2026", "2026-02-30", "31/4/2026", "",
  };
  g_auto(CliRun) r = { 0 };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("lunar %s", cases[i].date);
      RUN (&r, "lunar", cases[i].date);
      cli_assert_ok (&r, cases[i].out);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("lunar “%s”", refused[i]);
      RUN (&r, "lunar", refused[i]);
      cli_assert_usage (&r, "lunar");
    }

  RUN (&r, "lunar");
  cli_assert_usage (&r, "lunar");
  RUN (&r, "lunar", "2026-02-17", "2026-02-18");
  cli_assert_usage (&r, "lunar");
  RUN (&r, "lunar", "1700-01-01");
  cli_assert_failed (&r, NULL);
}

static guint
count_lines (const char *text,
             const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    n += lines[i][0] != '\0' && g_str_has_prefix (lines[i], prefix);
  return n;
}

static guint
count_substrings (const char *text,
                  const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (text, needle); p != NULL; p = strstr (p + 1, needle))
    n++;
  return n;
}

static gboolean
has_line (const char *text,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  return g_strv_contains ((const char * const *) lines, line);
}

/* Without a profile the list is the rules and the official table. */
static void
test_list_defaults (void)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "calendar", "list", "2026");
  cli_assert_ok (&r, NULL);
  g_assert_cmpuint (count_substrings (r.out, "/2026\t"), ==, 18);
  g_assert_cmpuint (count_lines (r.out, ""), ==, 18);
  g_assert_true (has_line (r.out, "16/02/2026\tDay off\tofficial\tTết Nguyên đán"));
  g_assert_true (has_line (r.out, "24/11/2026\tDay off\tofficial\tNgày Văn hóa Việt Nam"));

  /* In the official's language: no English word between the date and the name. */
  CLI_RUN_VI (&r, NULL, NULL, "calendar", "list", "2026");
  cli_assert_ok (&r, NULL);
  g_assert_cmpuint (count_lines (r.out, ""), ==, 18);
  g_assert_true (has_line (r.out, "16/02/2026\tNgày nghỉ\tchính thức\tTết Nguyên đán"));
  g_assert_null (strstr (r.out, "\toff\t"));
  g_assert_null (strstr (r.out, "\tofficial\t"));
  g_assert_null (strstr (r.out, "\trule\t"));

  /* Scripts read the ids. */
  RUN (&r, "calendar", "list", "2026", "--json");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\"date\" : \"2026-02-16\",\n    \"kind\" : \"off\",\n    \"source\" : \"official\",\n"
                                   "    \"name\" : \"Tết Nguyên đán\"\n"));
  g_assert_cmpuint (count_substrings (r.out, "\"kind\""), ==, 18);
  RUN (&r, "calendar", "remove", "2026-02-16", "--json");
  cli_assert_usage (&r, "calendar");

  RUN (&r, "calendar", "list", "2027");
  cli_assert_ok (&r, NULL);
  g_assert_cmpuint (count_lines (r.out, ""), ==, 15);
  g_assert_true (g_str_has_prefix (r.out, "01/01/2027\tDay off\trule\t"));
  g_assert_cmpuint (count_lines (r.out, "10/02/2027\tDay off\trule\t"), ==, 1);
  g_assert_cmpuint (count_lines (r.out, "11/02/2027\tDay off\trule\t"), ==, 1);
  g_assert_cmpuint (count_lines (r.out, "12/02/2027"), ==, 0);

  RUN (&r, "calendar");
  cli_assert_usage (&r, "calendar");
  RUN (&r, "calendar", "list");
  cli_assert_usage (&r, "calendar");
  RUN (&r, "calendar", "list", "20x6");
  cli_assert_usage (&r, "calendar");
  RUN (&r, "calendar", "list", "1600");
  cli_assert_usage (&r, "calendar");
  RUN (&r, "calendar", "delete", "2026-01-01");
  cli_assert_usage (&r, "calendar");
}

/* Local edits go to the profile, change what due computes, and are audited. */
static void
test_edits (void)
{
  g_autofree char *profile = g_dir_make_tmp ("motcua-cal-XXXXXX", NULL);
  g_autofree char *empty = g_dir_make_tmp ("motcua-cal-XXXXXX", NULL);
  g_autofree char *db = NULL;
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) r = { 0 };
  guint n_audit = 0;
  g_autoptr(GPtrArray) settings = mc_sample_office_settings (MC_SAMPLE_DEFAULT_SEED);

  /* No profile: edits fail (nothing is created by a typo in --profile). */
  RUN (&r, "--profile", empty, "calendar", "add-off", "2027-05-04");
  cli_assert_failed (&r, NULL);

  RUN (&r, "--profile", profile, "init-sample", "--dossiers", "0");
  cli_assert_ok (&r, NULL);

  RUN (&r, "--profile", profile, "due", "--from", "2027-05-03 09:00", "--duration", "1", "--unit", "working");
  cli_assert_ok (&r, "04/05/2027 17:00\n");

  RUN (&r, "--profile", profile, "calendar", "add-off", "2027-05-04", "Nghỉ", "thêm");
  cli_assert_ok (&r, NULL);
  RUN (&r, "--profile", profile, "calendar", "add-work", "8/5/2027", "Làm bù");
  cli_assert_ok (&r, NULL);
  RUN (&r, "--profile", profile, "calendar", "add-work", "2027-13-08");
  cli_assert_usage (&r, "calendar");

  RUN (&r, "--profile", profile, "calendar", "list", "2027");
  cli_assert_ok (&r, NULL);
  g_assert_true (has_line (r.out, "04/05/2027\tDay off\tlocal\tNghỉ thêm"));
  g_assert_true (has_line (r.out, "08/05/2027\tExtra working day\tlocal\tLàm bù"));
  g_assert_cmpuint (count_lines (r.out, ""), ==, 17);

  /* Monday 3 May is the rule's compensatory day, Tuesday 4 now off locally. */
  RUN (&r, "--profile", profile, "due", "--from", "2027-05-03 09:00", "--duration", "1", "--unit", "working");
  cli_assert_ok (&r, "05/05/2027 17:00\n");
  /* The làm-bù Saturday counts. */
  RUN (&r, "--profile", profile, "due", "--from", "2027-05-07 09:00", "--duration", "1", "--unit", "working");
  cli_assert_ok (&r, "08/05/2027 09:00\n");

  /* remove: first cancels the rule's 30/4, then undoes that cancellation. */
  RUN (&r, "--profile", profile, "calendar", "remove", "2027-04-30");
  cli_assert_ok (&r, NULL);
  RUN (&r, "--profile", profile, "due", "--from", "2027-04-29 09:00", "--duration", "1", "--unit", "working");
  cli_assert_ok (&r, "30/04/2027 09:00\n");
  RUN (&r, "--profile", profile, "calendar", "list", "2027");
  g_assert_true (has_line (r.out, "30/04/2027\tWorking day (day off cancelled)\tlocal\tReunification Day"));
  RUN (&r, "--profile", profile, "calendar", "remove", "2027-04-30");
  cli_assert_ok (&r, NULL);
  RUN (&r, "--profile", profile, "due", "--from", "2027-04-29 09:00", "--duration", "1", "--unit", "working");
  cli_assert_ok (&r, "05/05/2027 09:00\n");

  RUN (&r, "--profile", profile, "calendar", "remove", "2027-04-29");
  cli_assert_failed (&r, NULL);
  RUN (&r, "--profile", profile, "calendar", "remove");
  cli_assert_usage (&r, "calendar");

  /* What the profile holds: two edits, four audited changes in an intact chain after the
   * sample commune's office settings that init-sample set. */
  db = g_build_filename (profile, "motcua.db", NULL);
  store = mc_store_open (db, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  edits = mc_store_list_calendar_edits (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (edits->len, ==, 2);
  g_assert_true (mc_store_audit_verify (store, &n_audit, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_audit, ==, settings->len + 4);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/cli-calendar/due", test_due);
  g_test_add_func ("/cli-calendar/due-usage", test_due_usage);
  g_test_add_func ("/cli-calendar/lunar", test_lunar);
  g_test_add_func ("/cli-calendar/list-defaults", test_list_defaults);
  g_test_add_func ("/cli-calendar/edits", test_edits);
  return g_test_run ();
}
