/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc-deadline.h"
#include "mc-time.h"

#define HOUR 3600
#define WORKING_DAY (8 * HOUR)

static gint64
at (const char *text)
{
  gint64 t = 0;

  g_assert_true (mc_time_parse (text, &t));
  return t;
}

static char *
format (gint64 t)
{
  g_autoptr(GDateTime) dt = mc_time_to_local (t);

  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

typedef struct
{
  const char *received;
  int duration;
  McDurationUnit unit;
  const char *due;
  const char *why;
} Case;

static void
run_cases (McCalendar *calendar,
           const Case *cases,
           gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      gint64 due = mc_deadline_due (NULL, calendar, at (cases[i].received), cases[i].duration, cases[i].unit);
      g_autofree char *got = format (due);

      g_test_message ("%s + %d %s (%s)", cases[i].received, cases[i].duration,
                      mc_duration_unit_id (cases[i].unit), cases[i].why);
      g_assert_cmpstr (got, ==, cases[i].due);
    }
}

static void
test_working_days (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  static const Case cases[] = {
    { "2026-02-13 09:00", 1, MC_DURATION_WORKING_DAYS, "2026-02-23 09:00", "the issue's example: Tết 2026 between" },
    { "2026-03-02 06:30", 1, MC_DURATION_WORKING_DAYS, "2026-03-02 17:00", "before 07:00 counts from 07:00" },
    { "2026-03-02 12:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-03 11:30", "lunch counts from 13:30" },
    { "2026-03-02 11:30", 1, MC_DURATION_WORKING_DAYS, "2026-03-03 11:30", "11:30 is already lunch" },
    { "2026-03-02 18:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-03 17:00", "evening counts from 07:00 next day" },
    { "2026-03-06 17:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-09 17:00", "Friday 17:00: Monday" },
    { "2026-03-07 10:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-09 17:00", "Saturday: from Monday 07:00" },
    { "2026-03-08 10:00", 0, MC_DURATION_WORKING_DAYS, "2026-03-09 07:00", "zero: where the clock starts" },
    { "2026-03-02 09:00", 5, MC_DURATION_WORKING_DAYS, "2026-03-09 09:00", "a plain week" },
    { "2026-04-29 10:00", 2, MC_DURATION_WORKING_DAYS, "2026-05-05 10:00", "30/4 and 1/5 then a weekend" },
    { "2026-04-24 09:00", 1, MC_DURATION_WORKING_DAYS, "2026-04-28 09:00", "Giỗ Tổ's compensatory Monday 27/4" },
    { "2026-08-28 15:00", 1, MC_DURATION_WORKING_DAYS, "2026-09-03 15:00", "31/8, 1/9, 2/9 off" },
    { "2026-11-23 09:00", 1, MC_DURATION_WORKING_DAYS, "2026-11-25 09:00", "24/11 off" },
    { "2026-12-31 13:30", 1, MC_DURATION_WORKING_DAYS, "2027-01-04 11:30", "1/1/2027 a Friday, over the year end" },
    { "2027-02-04 09:00", 2, MC_DURATION_WORKING_DAYS, "2027-02-15 09:00", "Tết 2027 with compensatory days" },
    { "2027-02-04 09:00", 15, MC_DURATION_WORKING_DAYS, "2027-03-04 09:00", "three weeks past Tết 2027" },
  };

  run_cases (calendar, cases, G_N_ELEMENTS (cases));
}

static void
test_calendar_days (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  static const Case cases[] = {
    { "2026-03-02 10:00", 7, MC_DURATION_CALENDAR_DAYS, "2026-03-09 10:00", "a week" },
    { "2026-04-28 10:00", 3, MC_DURATION_CALENDAR_DAYS, "2026-05-04 10:00", "lands on 1/5: next working day" },
    { "2026-03-06 18:00", 1, MC_DURATION_CALENDAR_DAYS, "2026-03-10 17:00", "clock starts Monday 07:00: ends with Tuesday" },
    { "2026-03-02 12:00", 2, MC_DURATION_CALENDAR_DAYS, "2026-03-04 17:00", "clock starts at 13:30: ends with the day" },
    { "2026-03-02 06:30", 0, MC_DURATION_CALENDAR_DAYS, "2026-03-02 07:00", "zero: where the clock starts" },
    { "2026-02-10 10:00", 5, MC_DURATION_CALENDAR_DAYS, "2026-02-23 10:00", "lands in Tết 2026" },
    { "2026-03-02 10:00", 5, MC_DURATION_CALENDAR_DAYS, "2026-03-09 10:00", "lands on a Saturday" },
  };

  run_cases (calendar, cases, G_N_ELEMENTS (cases));
}

static void
test_hours (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  static const Case cases[] = {
    { "2026-03-02 16:00", 4, MC_DURATION_HOURS, "2026-03-03 10:00", "over the night" },
    { "2026-03-02 10:00", 2, MC_DURATION_HOURS, "2026-03-02 14:00", "over lunch" },
    { "2026-03-02 09:30", 2, MC_DURATION_HOURS, "2026-03-02 11:30", "ends at the lunch break" },
    { "2026-04-24 11:00", 8, MC_DURATION_HOURS, "2026-04-28 11:00", "over a weekend and 27/4" },
    { "2026-02-13 16:00", 3, MC_DURATION_HOURS, "2026-02-23 09:00", "over Tết 2026" },
  };

  run_cases (calendar, cases, G_N_ELEMENTS (cases));
}

static void
test_same_day (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  static const Case cases[] = {
    { "2026-03-02 06:00", 1, MC_DURATION_SAME_DAY, "2026-03-02 17:00", "before opening" },
    { "2026-03-02 14:59", 1, MC_DURATION_SAME_DAY, "2026-03-02 17:00", "just before the cut-off" },
    { "2026-03-02 15:00", 1, MC_DURATION_SAME_DAY, "2026-03-03 17:00", "at the cut-off" },
    { "2026-03-02 12:00", 1, MC_DURATION_SAME_DAY, "2026-03-02 17:00", "lunch" },
    { "2026-02-13 16:00", 1, MC_DURATION_SAME_DAY, "2026-02-23 17:00", "Friday before Tết 2026" },
    { "2026-03-07 09:00", 1, MC_DURATION_SAME_DAY, "2026-03-09 17:00", "Saturday" },
    { "2026-04-30 09:00", 1, MC_DURATION_SAME_DAY, "2026-05-04 17:00", "30/4" },
  };

  run_cases (calendar, cases, G_N_ELEMENTS (cases));
}

/* The 15:00 rule, where the procedure has it (the catalog's cutoff_15h): a dossier whose clock
 * starts at or after the office's cut-off counts from the next working day, whatever the unit;
 * a procedure without it counts from the receipt. */
static void
test_cutoff (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  McProcedure with = { .duration = 2, .unit = MC_DURATION_WORKING_DAYS, .same_day_cutoff = TRUE };
  McProcedure without = with;
  McProcedure same_day = { .duration = 0, .unit = MC_DURATION_SAME_DAY, .same_day_cutoff = TRUE };
  McProcedure calendar_days = { .duration = 3, .unit = MC_DURATION_CALENDAR_DAYS, .same_day_cutoff = TRUE };
  McDeadlineSettings settings;
  static const struct { const char *received; const char *due; const char *why; } cases[] = {
    { "2026-03-02 14:59", "2026-03-04 14:59", "before the cut-off: from the receipt" },
    { "2026-03-02 15:00", "2026-03-04 17:00", "at the cut-off: Tuesday and Wednesday, two full days" },
    { "2026-03-02 16:30", "2026-03-04 17:00", "after it" },
    { "2026-03-06 15:30", "2026-03-10 17:00", "Friday after it: from Monday" },
    { "2026-03-02 18:00", "2026-03-04 17:00", "after closing: from Tuesday either way" },
    { "2026-03-07 09:00", "2026-03-10 17:00", "a Saturday: from Monday 07:00, before the cut-off" },
  };

  without.same_day_cutoff = FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = format (mc_deadline_due_procedure (NULL, calendar, at (cases[i].received), &with));

      g_test_message ("%s (%s)", cases[i].received, cases[i].why);
      g_assert_cmpstr (got, ==, cases[i].due);
    }
  /* Without the rule the afternoon counts: Monday 16:30 + 2 working days is Wednesday 16:30. */
  g_assert_cmpint (mc_deadline_due_procedure (NULL, calendar, at ("2026-03-02 16:30"), &without), ==,
                   at ("2026-03-04 16:30"));
  /* Same-day procedures keep their rule; calendar days count from the next day and end with
   * its office hours. */
  g_assert_cmpint (mc_deadline_due_procedure (NULL, calendar, at ("2026-03-02 15:10"), &same_day), ==,
                   at ("2026-03-03 17:00"));
  g_assert_cmpint (mc_deadline_due_procedure (NULL, calendar, at ("2026-03-02 15:10"), &calendar_days), ==,
                   at ("2026-03-06 17:00"));

  /* The office's own cut-off: 16:00. */
  mc_deadline_settings_init (&settings);
  settings.same_day_cutoff = 16 * 60;
  g_assert_cmpint (mc_deadline_due_procedure (&settings, calendar, at ("2026-03-02 15:30"), &with), ==,
                   at ("2026-03-04 15:30"));
  g_assert_cmpint (mc_deadline_due_procedure (&settings, calendar, at ("2026-03-02 16:00"), &with), ==,
                   at ("2026-03-04 17:00"));
}

/* A due date typed for a closed office moves to the next office time; closing times stay. */
static void
test_next_office_time (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  static const struct { const char *asked; const char *got; } cases[] = {
    { "2026-03-02 09:00", "2026-03-02 09:00" },
    { "2026-03-02 07:00", "2026-03-02 07:00" },
    { "2026-03-02 11:30", "2026-03-02 11:30" },
    { "2026-03-02 17:00", "2026-03-02 17:00" },
    { "2026-03-02 06:00", "2026-03-02 07:00" },
    { "2026-03-02 12:00", "2026-03-02 13:30" },
    { "2026-03-02 17:01", "2026-03-03 07:00" },
    { "2026-03-06 22:00", "2026-03-09 07:00" },
    { "2026-03-08 10:00", "2026-03-09 07:00" },
    { "2026-04-30 10:00", "2026-05-04 07:00" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = format (mc_deadline_next_office_time (NULL, calendar, at (cases[i].asked)));

      g_test_message ("%s", cases[i].asked);
      g_assert_cmpstr (got, ==, cases[i].got);
      g_assert_true (mc_deadline_is_office_time (NULL, calendar, at (cases[i].got)));
    }
  g_assert_false (mc_deadline_is_office_time (NULL, calendar, at ("2026-03-02 17:01")));
}

/* A làm-bù Saturday is a working day; a locally added day off is not. */
static void
test_local_swaps (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autoptr(GDate) saturday = g_date_new_dmy (7, 3, 2026);
  g_autoptr(GDate) monday = g_date_new_dmy (9, 3, 2026);
  static const Case cases[] = {
    { "2026-03-06 09:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-07 09:00", "into the làm-bù Saturday" },
    { "2026-03-06 17:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-07 17:00", "all of the Saturday" },
    { "2026-03-07 12:00", 1, MC_DURATION_WORKING_DAYS, "2026-03-10 11:30", "lunch on Saturday, Monday off" },
    { "2026-03-07 09:00", 1, MC_DURATION_SAME_DAY, "2026-03-07 17:00", "same day on the Saturday" },
    { "2026-03-05 10:00", 3, MC_DURATION_CALENDAR_DAYS, "2026-03-10 10:00", "lands on the local day off" },
  };

  mc_calendar_set_local (calendar, saturday, MC_CALENDAR_DAY_WORK, "Làm bù");
  mc_calendar_set_local (calendar, monday, MC_CALENDAR_DAY_OFF, "Nghỉ bù");
  run_cases (calendar, cases, G_N_ELEMENTS (cases));
}

static void
test_working_time (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  McDeadlineSettings settings;

  mc_deadline_settings_init (&settings);
  g_assert_cmpint (mc_deadline_day_seconds (&settings), ==, WORKING_DAY);
  g_assert_true (mc_deadline_is_working_time (NULL, calendar, at ("2026-03-02 07:00")));
  g_assert_false (mc_deadline_is_working_time (NULL, calendar, at ("2026-03-02 11:30")));
  g_assert_true (mc_deadline_is_working_time (NULL, calendar, at ("2026-03-02 13:30")));
  g_assert_false (mc_deadline_is_working_time (NULL, calendar, at ("2026-03-02 17:00")));
  g_assert_false (mc_deadline_is_working_time (NULL, calendar, at ("2026-02-16 09:00")));

  g_assert_cmpint (mc_deadline_working_between (NULL, calendar, at ("2026-03-02 00:00"), at ("2026-03-09 00:00")), ==,
                   5 * WORKING_DAY);
  g_assert_cmpint (mc_deadline_working_between (NULL, calendar, at ("2026-02-13 09:00"), at ("2026-02-23 09:00")), ==,
                   WORKING_DAY);
  g_assert_cmpint (mc_deadline_working_between (NULL, calendar, at ("2026-02-23 09:00"), at ("2026-02-13 09:00")), ==,
                   -WORKING_DAY);

  /* Saturday-morning reception opens the counter, not the clock. */
  g_assert_false (mc_deadline_is_reception_open (&settings, calendar, at ("2026-03-07 09:00")));
  settings.saturday_morning_reception = TRUE;
  g_assert_true (mc_deadline_is_reception_open (&settings, calendar, at ("2026-03-07 09:00")));
  g_assert_false (mc_deadline_is_reception_open (&settings, calendar, at ("2026-03-07 14:00")));
  g_assert_false (mc_deadline_is_reception_open (&settings, calendar, at ("2026-02-14 09:00")));
  g_assert_false (mc_deadline_is_reception_open (&settings, calendar, at ("2026-03-08 09:00")));
  g_assert_true (mc_deadline_is_reception_open (&settings, calendar, at ("2026-03-09 09:00")));
  g_assert_cmpint (mc_deadline_due (&settings, calendar, at ("2026-03-07 09:00"), 1, MC_DURATION_WORKING_DAYS), ==,
                   at ("2026-03-09 17:00"));

  /* Office hours are a setting: 07:30–11:30 and 13:00–17:00 is also an 8-hour day. */
  settings.morning_start = 7 * 60 + 30;
  settings.afternoon_start = 13 * 60;
  g_assert_cmpint (mc_deadline_day_seconds (&settings), ==, WORKING_DAY);
  g_assert_cmpint (mc_deadline_due (&settings, calendar, at ("2026-03-02 07:00"), 1, MC_DURATION_WORKING_DAYS), ==,
                   at ("2026-03-02 17:00"));
  g_assert_cmpint (mc_deadline_due (&settings, calendar, at ("2026-03-02 12:00"), 1, MC_DURATION_HOURS), ==,
                   at ("2026-03-02 14:00"));
}

/* The clock stops for a supplement and the due time moves by the working time that passed. */
static void
test_supplement_pause (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  McDeadlineClock clock;
  gint64 frozen;

  mc_deadline_clock_init (&clock, NULL, calendar, at ("2026-03-02 09:00"), 5, MC_DURATION_WORKING_DAYS);
  g_assert_cmpint (clock.due_at, ==, at ("2026-03-09 09:00"));
  g_assert_false (mc_deadline_clock_resume (&clock, NULL, calendar, at ("2026-03-03 10:00")));

  g_assert_true (mc_deadline_clock_pause (&clock, at ("2026-03-03 10:00")));
  g_assert_false (mc_deadline_clock_pause (&clock, at ("2026-03-03 11:00")));
  frozen = mc_deadline_clock_remaining (&clock, NULL, calendar, at ("2026-03-04 15:00"));
  g_assert_cmpint (frozen, ==, 31 * HOUR);
  g_assert_cmpint (mc_deadline_clock_remaining (&clock, NULL, calendar, at ("2026-03-20 09:00")), ==, frozen);
  g_assert_cmpint (mc_deadline_clock_level (&clock, NULL, calendar, at ("2026-03-20 09:00")), ==, MC_DEADLINE_ON_TIME);

  /* Tuesday 10:00 to Thursday 10:00 is 5 + 8 + 3 working hours: two working days. */
  g_assert_true (mc_deadline_clock_resume (&clock, NULL, calendar, at ("2026-03-05 10:00")));
  g_assert_cmpint (clock.due_at, ==, at ("2026-03-11 09:00"));
  g_assert_cmpint (mc_deadline_clock_remaining (&clock, NULL, calendar, at ("2026-03-05 10:00")), ==, frozen);

  /* A pause from Friday 17:00 to Monday 07:00 costs no working time: nothing moves, not even
   * a due time at 17:00 to the next morning. */
  mc_deadline_clock_init (&clock, NULL, calendar, at ("2026-03-02 07:00"), 1, MC_DURATION_WORKING_DAYS);
  g_assert_cmpint (clock.due_at, ==, at ("2026-03-02 17:00"));
  g_assert_true (mc_deadline_clock_pause (&clock, at ("2026-03-02 17:00")));
  g_assert_true (mc_deadline_clock_resume (&clock, NULL, calendar, at ("2026-03-03 07:00")));
  g_assert_cmpint (clock.due_at, ==, at ("2026-03-02 17:00"));

  /* A pause over Tết 2026 counts only the working hours on either side. */
  mc_deadline_clock_init (&clock, NULL, calendar, at ("2026-02-12 09:00"), 3, MC_DURATION_WORKING_DAYS);
  g_assert_cmpint (clock.due_at, ==, at ("2026-02-24 09:00"));
  g_assert_true (mc_deadline_clock_pause (&clock, at ("2026-02-13 16:00")));
  g_assert_true (mc_deadline_clock_resume (&clock, NULL, calendar, at ("2026-02-23 08:00")));
  g_assert_cmpint (clock.due_at, ==, at ("2026-02-24 11:00"));
}

static void
test_reschedule_once (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  McDeadlineClock clock;

  mc_deadline_clock_init (&clock, NULL, calendar, at ("2026-03-02 09:00"), 5, MC_DURATION_WORKING_DAYS);
  g_assert_false (mc_deadline_clock_reschedule (&clock, at ("2026-03-06 09:00")));
  g_assert_false (clock.rescheduled);
  g_assert_true (mc_deadline_clock_reschedule (&clock, at ("2026-03-16 09:00")));
  g_assert_cmpint (clock.due_at, ==, at ("2026-03-16 09:00"));
  g_assert_false (mc_deadline_clock_reschedule (&clock, at ("2026-03-20 09:00")));
  g_assert_cmpint (clock.due_at, ==, at ("2026-03-16 09:00"));
}

static void
test_remaining_and_levels (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  gint64 due = at ("2026-03-09 09:00");
  static const struct {
    const char *now;
    gint64 remaining;
    McDeadlineLevel level;
    const char *text;
  } cases[] = {
    { "2026-03-04 15:00", 20 * HOUR, MC_DEADLINE_ON_TIME, "2 days 4 hours left" },
    { "2026-03-06 08:59", 8 * HOUR + 60, MC_DEADLINE_ON_TIME, "1 day left" },
    { "2026-03-06 09:00", 8 * HOUR, MC_DEADLINE_DUE_SOON, "1 day left" },
    { "2026-03-07 10:00", 2 * HOUR, MC_DEADLINE_DUE_SOON, "2 hours left" },
    { "2026-03-09 08:15", 45 * 60, MC_DEADLINE_DUE_SOON, "45 minutes left" },
    { "2026-03-09 09:00", 0, MC_DEADLINE_DUE_SOON, "due now" },
    { "2026-03-09 10:00", -HOUR, MC_DEADLINE_OVERDUE, "overdue by 1 hour" },
    { "2026-03-10 09:00", -WORKING_DAY, MC_DEADLINE_OVERDUE, "overdue by 1 day" },
    { "2026-03-13 12:00", -(4 * WORKING_DAY + 2 * HOUR + 1800), MC_DEADLINE_OVERDUE, "overdue by 4 days 2 hours" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 now = at (cases[i].now);
      gint64 remaining = mc_deadline_remaining (NULL, calendar, due, now);
      g_autofree char *text = mc_deadline_format_remaining (NULL, remaining);

      g_test_message ("now %s", cases[i].now);
      g_assert_cmpint (remaining, ==, cases[i].remaining);
      g_assert_cmpint (mc_deadline_level (NULL, calendar, due, now), ==, cases[i].level);
      g_assert_cmpstr (text, ==, cases[i].text);
      g_assert_nonnull (mc_deadline_level_label (cases[i].level));
    }

  /* Due Friday 17:00, seen on Saturday: no working time has passed, but it is overdue. */
  {
    gint64 friday = at ("2026-03-06 17:00");
    gint64 remaining = mc_deadline_remaining (NULL, calendar, friday, at ("2026-03-07 10:00"));
    g_autofree char *text = mc_deadline_format_remaining (NULL, remaining);

    g_assert_cmpint (remaining, <, 0);
    g_assert_cmpint (mc_deadline_level (NULL, calendar, friday, at ("2026-03-07 10:00")), ==, MC_DEADLINE_OVERDUE);
    g_assert_cmpstr (text, ==, "overdue");
  }

  /* The "due soon" threshold is a setting. */
  {
    McDeadlineSettings settings;

    mc_deadline_settings_init (&settings);
    settings.due_soon_seconds = 3 * WORKING_DAY;
    g_assert_cmpint (mc_deadline_level (&settings, calendar, due, at ("2026-03-04 15:00")), ==, MC_DEADLINE_DUE_SOON);
  }
}

/* Properties over random receipts and durations (fixed seed: a failure replays):
 *   - the due time is never before the receipt;
 *   - a longer duration never gives an earlier due time, nor does a later receipt (except for
 *     calendar days, see below);
 *   - for working days and hours, exactly the duration of working time lies between the start
 *     of the clock and the due time, and the second before the due time is working time. */
static void
test_properties (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261123);
  gint64 first = at ("2025-01-01 00:00"), last = at ("2028-12-31 23:59");
  static const McDurationUnit units[] = {
    MC_DURATION_WORKING_DAYS, MC_DURATION_CALENDAR_DAYS, MC_DURATION_HOURS, MC_DURATION_SAME_DAY,
  };

  for (int i = 0; i < 3000; i++)
    {
      gint64 received = first + 60 * (gint64) g_rand_int_range (rand, 0, (gint32) ((last - first) / 60));
      gint64 later = received + 60 * (gint64) g_rand_int_range (rand, 0, 60 * 24 * 10);
      McDurationUnit unit = units[g_rand_int_range (rand, 0, G_N_ELEMENTS (units))];
      int n = g_rand_int_range (rand, 0, 60);
      gint64 due = mc_deadline_due (NULL, calendar, received, n, unit);
      gint64 due_longer = mc_deadline_due (NULL, calendar, received, n + 1 + g_rand_int_range (rand, 0, 5), unit);
      gint64 due_later = mc_deadline_due (NULL, calendar, later, n, unit);

      /* Calendar days are left out of the later-receipt check on purpose: a receipt at 16:28
       * and one at 18:00 (which starts at 07:00 the next day) can both land on a Saturday and
       * move to Monday at their own times, 16:28 and 07:00; that is the rule as written. */
      if (due < received || due_longer < due || (unit != MC_DURATION_CALENDAR_DAYS && due_later < due))
        {
          g_autofree char *r = format (received);
          g_error ("%s + %d %s: due %" G_GINT64_FORMAT ", longer %" G_GINT64_FORMAT ", later %" G_GINT64_FORMAT,
                   r, n, mc_duration_unit_id (unit), due, due_longer, due_later);
        }
      if (unit == MC_DURATION_WORKING_DAYS || unit == MC_DURATION_HOURS)
        {
          gint64 span = n * (unit == MC_DURATION_HOURS ? HOUR : WORKING_DAY);
          gint64 start = mc_deadline_clock_start (NULL, calendar, received);

          g_assert_cmpint (start, >=, received);
          g_assert_true (mc_deadline_is_working_time (NULL, calendar, start));
          g_assert_cmpint (mc_deadline_working_between (NULL, calendar, received, due), ==, span);
          if (n > 0)
            {
              g_assert_cmpint (due_longer, >, due);
              g_assert_true (mc_deadline_is_working_time (NULL, calendar, due - 1));
            }
        }
      else if (unit == MC_DURATION_CALENDAR_DAYS)
        {
          g_autoptr(GDateTime) local = mc_time_to_local (due);
          g_autoptr(GDate) day = g_date_new_dmy (g_date_time_get_day_of_month (local),
                                                 g_date_time_get_month (local),
                                                 g_date_time_get_year (local));

          g_assert_true (mc_calendar_is_working_day (calendar, day));
          g_assert_cmpint (due - received, >=, (gint64) n * 86400);
          /* An appointment in office hours, never at an opening before any work of the day. */
          g_assert_true (mc_deadline_is_office_time (NULL, calendar, due));
          if (n > 0)
            g_assert_true (mc_deadline_is_working_time (NULL, calendar, due - 1));
        }
      else
        g_assert_true (mc_deadline_is_working_time (NULL, calendar, due - 1));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/deadline/working-days", test_working_days);
  g_test_add_func ("/deadline/calendar-days", test_calendar_days);
  g_test_add_func ("/deadline/hours", test_hours);
  g_test_add_func ("/deadline/same-day", test_same_day);
  g_test_add_func ("/deadline/cutoff", test_cutoff);
  g_test_add_func ("/deadline/next-office-time", test_next_office_time);
  g_test_add_func ("/deadline/local-swaps", test_local_swaps);
  g_test_add_func ("/deadline/working-time", test_working_time);
  g_test_add_func ("/deadline/supplement-pause", test_supplement_pause);
  g_test_add_func ("/deadline/reschedule-once", test_reschedule_once);
  g_test_add_func ("/deadline/remaining-and-levels", test_remaining_and_levels);
  g_test_add_func ("/deadline/properties", test_properties);
  return g_test_run ();
}
