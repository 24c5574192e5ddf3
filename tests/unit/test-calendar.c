/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "mc-calendar.h"
#include "mc-store-audit.h"
#include "mc-store-calendar.h"

static GDate *
date (const char *text)
{
  int y, m, d;

  g_assert_cmpint (sscanf (text, "%d-%d-%d", &y, &m, &d), ==, 3);
  return g_date_new_dmy (d, m, y);
}

static gboolean
working (McCalendar *calendar,
         const char *text)
{
  g_autoptr(GDate) d = date (text);

  return mc_calendar_is_working_day (calendar, d);
}

static char *
format_entry (const McCalendarEntry *e)
{
  return g_strdup_printf ("%04d-%02d-%02d %s %s", g_date_get_year (&e->date), g_date_get_month (&e->date),
                          g_date_get_day (&e->date), mc_calendar_day_kind_id (e->kind),
                          mc_calendar_source_id (e->source));
}

/* Compares a year's list with the expected "YYYY-MM-DD kind source" lines, in order. */
static void
assert_year (McCalendar  *calendar,
             int          year,
             const char **expected)
{
  g_autoptr(GPtrArray) entries = mc_calendar_list_year (calendar, year);
  guint i;

  for (i = 0; i < entries->len; i++)
    {
      g_autofree char *got = format_entry (g_ptr_array_index (entries, i));

      g_test_message ("%d: entry %u: %s", year, i, got);
      g_assert_nonnull (expected[i]);
      g_assert_cmpstr (got, ==, expected[i]);
    }
  g_assert_null (expected[i]);
}

/* 2027 is beyond the official table: the rules decide. Lunar 1/1 is Saturday 6 February, so
 * the weekend inside Tết gives Wednesday 10 and Thursday 11 off; 1/5 is a Saturday, so
 * Monday 3 May is off; 2/9 is a Thursday, so its second day is Friday 3/9. */
static void
test_rules_2027 (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  const char *expected[] = {
    "2027-01-01 off rule",
    "2027-02-05 off rule", "2027-02-06 off rule", "2027-02-07 off rule", "2027-02-08 off rule",
    "2027-02-09 off rule", "2027-02-10 off rule", "2027-02-11 off rule",
    "2027-04-16 off rule",
    "2027-04-30 off rule", "2027-05-01 off rule", "2027-05-03 off rule",
    "2027-09-02 off rule", "2027-09-03 off rule",
    "2027-11-24 off rule",
    NULL,
  };
  static const int february_off[] = { 5, 6, 7, 8, 9, 10, 11, 13, 14, 20, 21, 27, 28 };

  assert_year (calendar, 2027, expected);
  for (int day = 1; day <= 28; day++)
    {
      g_autoptr(GDate) d = g_date_new_dmy (day, 2, 2027);
      gboolean off = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (february_off); i++)
        off |= february_off[i] == day;
      g_test_message ("2027-02-%02d", day);
      g_assert_cmpint (mc_calendar_is_working_day (calendar, d), ==, !off);
    }
}

/* The official table replaces the rules for 2026: Tết is 14–22 February (the rules alone give
 * 16–20), 2 January and 31 August are swapped days off. */
static void
test_official_2026 (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autoptr(McCalendar) rules = mc_calendar_new_rules_only ();
  g_autoptr(GPtrArray) entries = mc_calendar_list_year (calendar, 2026);
  const char *rules_expected[] = {
    "2026-01-01 off rule",
    "2026-02-16 off rule", "2026-02-17 off rule", "2026-02-18 off rule", "2026-02-19 off rule",
    "2026-02-20 off rule",
    "2026-04-26 off rule", "2026-04-27 off rule",
    "2026-04-30 off rule", "2026-05-01 off rule",
    "2026-09-01 off rule", "2026-09-02 off rule",
    "2026-11-24 off rule",
    NULL,
  };

  g_assert_cmpuint (entries->len, ==, 18);
  for (guint i = 0; i < entries->len; i++)
    {
      McCalendarEntry *e = g_ptr_array_index (entries, i);

      g_assert_cmpint (e->source, ==, MC_CALENDAR_SOURCE_OFFICIAL);
      g_assert_cmpint (e->kind, ==, MC_CALENDAR_DAY_OFF);
      g_assert_cmpstr (e->name, !=, "");
    }
  g_assert_true (working (calendar, "2026-02-13"));
  for (int day = 14; day <= 22; day++)
    {
      g_autoptr(GDate) d = g_date_new_dmy (day, 2, 2026);
      g_assert_false (mc_calendar_is_working_day (calendar, d));
    }
  g_assert_true (working (calendar, "2026-02-23"));
  g_assert_false (working (calendar, "2026-01-02"));
  g_assert_false (working (calendar, "2026-08-31"));
  g_assert_false (working (calendar, "2026-11-24"));
  g_assert_true (working (calendar, "2026-11-23"));

  assert_year (rules, 2026, rules_expected);
  g_assert_true (working (rules, "2026-01-02"));
  g_assert_true (working (rules, "2026-02-13"));
  g_assert_true (working (rules, "2026-08-31"));
}

/* Every holiday lost to a weekend comes back as a weekday: the rules give exactly 11 weekdays
 * off a year (12 from 2026, with 24/11), whatever the weekdays of the holidays. */
static void
test_weekdays_off_per_year (void)
{
  g_autoptr(McCalendar) rules = mc_calendar_new_rules_only ();

  for (int year = 1990; year <= 2199; year++)
    {
      g_autoptr(GDate) d = g_date_new_dmy (1, 1, year);
      guint off = 0;

      for (; g_date_get_year (d) == year; g_date_add_days (d, 1))
        if (g_date_get_weekday (d) < G_DATE_SATURDAY && !mc_calendar_is_working_day (rules, d))
          off++;
      g_test_message ("year %d", year);
      g_assert_cmpuint (off, ==, year >= 2026 ? 12 : 11);
    }
}

/* 2/9 takes 1/9 or 3/9, the one that touches the weekend when there is one. */
static void
test_national_day (void)
{
  g_autoptr(McCalendar) rules = mc_calendar_new_rules_only ();
  static const struct { int year; const char *extra; } cases[] = {
    { 2025, "2025-09-01" }, /* 2/9 Tuesday: Monday 1/9 */
    { 2027, "2027-09-03" }, /* Thursday: Friday 3/9 */
    { 2028, "2028-09-01" }, /* Saturday: Friday 1/9 */
    { 2029, "2029-09-03" }, /* Sunday: Monday 3/9 */
    { 2030, "2030-09-03" }, /* Monday: 1/9 is a Sunday, so Tuesday 3/9 */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) d = date (cases[i].extra);
      g_autoptr(McCalendarEntry) e = mc_calendar_get_entry (rules, d);

      g_test_message ("%s", cases[i].extra);
      g_assert_nonnull (e);
      g_assert_cmpint (e->kind, ==, MC_CALENDAR_DAY_OFF);
    }
  /* 2/9/2029 is a Sunday: Monday 3/9 is its second day and Tuesday 4/9 the compensation. */
  g_assert_false (working (rules, "2029-09-04"));
  g_assert_true (working (rules, "2029-09-05"));
  g_assert_false (working (rules, "2030-09-03"));
  g_assert_true (working (rules, "2030-09-04"));
}

static void
count_changed (McCalendar *calendar,
               guint      *count)
{
  (*count)++;
}

/* Local edits win over both layers: a swapped Saturday becomes a working day, a day off can
 * be added or taken away, and removing the edit restores what was there. */
static void
test_local_edits (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autoptr(GDate) sat = date ("2026-05-09");
  g_autoptr(GDate) mon = date ("2026-05-04");
  g_autoptr(GDate) national = date ("2026-09-01");
  g_autoptr(GDate) plain_sat = date ("2026-05-16");
  g_autoptr(GPtrArray) entries = NULL;
  guint changed = 0;
  const char *expected[] = {
    "2026-05-01 off official", "2026-05-04 off local", "2026-05-09 work local",
    "2026-05-16 not_off local",
    NULL,
  };

  g_signal_connect (calendar, "changed", G_CALLBACK (count_changed), &changed);

  g_assert_false (mc_calendar_is_working_day (calendar, sat));
  mc_calendar_set_local (calendar, sat, MC_CALENDAR_DAY_WORK, "Làm bù");
  g_assert_true (mc_calendar_is_working_day (calendar, sat));

  mc_calendar_set_local (calendar, mon, MC_CALENDAR_DAY_OFF, "Nghỉ bù");
  g_assert_false (mc_calendar_is_working_day (calendar, mon));

  g_assert_false (mc_calendar_is_working_day (calendar, national));
  mc_calendar_set_local (calendar, national, MC_CALENDAR_DAY_NOT_OFF, NULL);
  g_assert_true (mc_calendar_is_working_day (calendar, national));

  /* Cancelling nothing on a Saturday leaves a Saturday. */
  mc_calendar_set_local (calendar, plain_sat, MC_CALENDAR_DAY_NOT_OFF, NULL);
  g_assert_false (mc_calendar_is_working_day (calendar, plain_sat));
  g_assert_cmpuint (changed, ==, 4);

  {
    g_autoptr(GPtrArray) may = mc_calendar_list_year (calendar, 2026);
    g_autoptr(GPtrArray) sub = g_ptr_array_new ();
    guint k = 0;

    for (guint i = 0; i < may->len; i++)
      {
        McCalendarEntry *e = g_ptr_array_index (may, i);
        if (g_date_get_month (&e->date) == 5)
          g_ptr_array_add (sub, e);
      }
    for (; k < sub->len; k++)
      {
        g_autofree char *got = format_entry (g_ptr_array_index (sub, k));
        g_assert_cmpstr (got, ==, expected[k]);
      }
    g_assert_null (expected[k]);
  }

  /* A "not off" entry without a name shows the name of the day off it cancels. */
  entries = mc_calendar_list_year (calendar, 2026);
  for (guint i = 0; i < entries->len; i++)
    {
      McCalendarEntry *e = g_ptr_array_index (entries, i);
      if (g_date_compare (&e->date, national) == 0)
        {
          g_assert_cmpint (e->source, ==, MC_CALENDAR_SOURCE_LOCAL);
          g_assert_cmpstr (e->name, ==, "Quốc khánh");
        }
    }

  g_assert_true (mc_calendar_remove_local (calendar, national));
  g_assert_false (mc_calendar_is_working_day (calendar, national));
  g_assert_false (mc_calendar_remove_local (calendar, national));
  g_assert_cmpuint (changed, ==, 5);

  mc_calendar_clear_local (calendar);
  g_assert_false (mc_calendar_is_working_day (calendar, sat));
  g_assert_true (mc_calendar_is_working_day (calendar, mon));
  g_assert_cmpuint (changed, ==, 6);
}

static void
test_ids (void)
{
  McCalendarDayKind kind;

  for (int k = MC_CALENDAR_DAY_OFF; k <= MC_CALENDAR_DAY_NOT_OFF; k++)
    {
      g_assert_true (mc_calendar_day_kind_from_id (mc_calendar_day_kind_id (k), &kind));
      g_assert_cmpint (kind, ==, k);
    }
  g_assert_false (mc_calendar_day_kind_from_id ("holiday", &kind));
  g_assert_cmpstr (mc_calendar_source_id (MC_CALENDAR_SOURCE_RULE), ==, "rule");
  g_assert_cmpstr (mc_calendar_source_id (MC_CALENDAR_SOURCE_OFFICIAL), ==, "official");
  g_assert_cmpstr (mc_calendar_source_id (MC_CALENDAR_SOURCE_LOCAL), ==, "local");
}

static void
test_finalize (void)
{
  McCalendar *calendar = mc_calendar_new ();
  g_autoptr(GDate) d = date ("2026-05-09");

  mc_calendar_set_local (calendar, d, MC_CALENDAR_DAY_WORK, "x");
  g_assert_true (mc_calendar_is_working_day (calendar, d));
  g_assert_finalize_object (calendar);
}

/* Local edits in the profile: every change and its audit row commit together, the chain of
 * hashes holds, and an edit of the log behind SQLite's triggers is found. */
static void
test_store_edits (void)
{
  g_autofree char *dir = g_dir_make_tmp ("motcua-calendar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autoptr(GPtrArray) edits = NULL;
  g_autoptr(GDate) sat = date ("2026-05-09");
  g_autoptr(GDate) mon = date ("2026-05-04");
  McCalendarEdit *edit;
  sqlite3 *raw = NULL;
  guint n = 0;

  g_assert_no_error (error);
  g_assert_true (mc_store_set_calendar_edit (store, sat, MC_CALENDAR_DAY_WORK, "Làm bù", "tester", &error));
  g_assert_true (mc_store_set_calendar_edit (store, mon, MC_CALENDAR_DAY_OFF, "Nghỉ", "tester", &error));
  g_assert_true (mc_store_set_calendar_edit (store, mon, MC_CALENDAR_DAY_OFF, "Nghỉ bù", "tester", &error));
  g_assert_no_error (error);

  edits = mc_store_list_calendar_edits (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (edits->len, ==, 2);
  edit = g_ptr_array_index (edits, 0);
  g_assert_cmpint (g_date_compare (&edit->date, mon), ==, 0);
  g_assert_cmpstr (edit->name, ==, "Nghỉ bù");
  g_assert_cmpint (edit->kind, ==, MC_CALENDAR_DAY_OFF);

  g_assert_true (mc_store_load_calendar (store, calendar, &error));
  g_assert_true (mc_calendar_is_working_day (calendar, sat));
  g_assert_false (mc_calendar_is_working_day (calendar, mon));

  g_assert_true (mc_store_remove_calendar_edit (store, sat, "tester", &error));
  g_assert_false (mc_store_remove_calendar_edit (store, sat, "tester", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (mc_store_load_calendar (store, calendar, &error));
  g_assert_false (mc_calendar_is_working_day (calendar, sat));

  /* Three sets and one removal; the failed removal left no audit row. */
  g_assert_true (mc_store_audit_verify (store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "UPDATE audit SET actor = 'x' WHERE id = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (raw, "DROP TRIGGER audit_no_update;"
                                      "UPDATE audit SET detail = 'x' WHERE id = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
  g_assert_false (mc_store_audit_verify (store, NULL, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "audit_no_update"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/calendar/rules-2027", test_rules_2027);
  g_test_add_func ("/calendar/official-2026", test_official_2026);
  g_test_add_func ("/calendar/weekdays-off-per-year", test_weekdays_off_per_year);
  g_test_add_func ("/calendar/national-day", test_national_day);
  g_test_add_func ("/calendar/local-edits", test_local_edits);
  g_test_add_func ("/calendar/ids", test_ids);
  g_test_add_func ("/calendar/finalize", test_finalize);
  g_test_add_func ("/calendar/store-edits", test_store_edits);
  return g_test_run ();
}
