/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-deadline.h"
#include "mc-time.h"

/* Working time: legal deadlines of administrative procedures run only during office hours of
 * working days. A duration of N working days is N × (the office's working hours per day,
 * 8 by default) of working time counted from the receipt, so a dossier received at 09:00 on a
 * Friday with one working day is due at 09:00 on the next working day, not at the end of it.
 *
 * All arithmetic is on unix seconds with Vietnam's fixed UTC+7 offset: a local day is a whole
 * number of seconds and never has a daylight-saving jump. */

#define DAY 86400
/* GDate's julian day of 1970-01-01, the unix epoch's date. */
#define EPOCH_JULIAN 719163
/* No office has a decade without a single working day: beyond that the calendar is broken. */
#define MAX_DAYS_SCANNED (366 * 10)

static const McDeadlineSettings defaults = {
  .morning_start = 7 * 60,
  .morning_end = 11 * 60 + 30,
  .afternoon_start = 13 * 60 + 30,
  .afternoon_end = 17 * 60,
  .same_day_cutoff = 15 * 60,
  .due_soon_seconds = 8 * 3600,
  .saturday_morning_reception = FALSE,
};

void
mc_deadline_settings_init (McDeadlineSettings *settings)
{
  *settings = defaults;
}

/* The working seconds of one full working day (8 hours with the default hours). */
gint64
mc_deadline_day_seconds (const McDeadlineSettings *settings)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;

  return 60 * (gint64) ((s->morning_end - s->morning_start) + (s->afternoon_end - s->afternoon_start));
}

static gint64
local_day (gint64 t)
{
  gint64 local = t + MC_UTC_OFFSET_SECONDS;

  return local >= 0 ? local / DAY : -((-local + DAY - 1) / DAY);
}

/* Unix seconds of local midnight starting day @day. */
static gint64
day_start (gint64 day)
{
  return day * DAY - MC_UTC_OFFSET_SECONDS;
}

static void
date_of_day (gint64  day,
             GDate  *date)
{
  g_date_clear (date, 1);
  g_date_set_julian (date, (guint32) (EPOCH_JULIAN + day));
}

static gboolean
day_is_working (McCalendar *calendar,
                gint64      day)
{
  GDate date;

  date_of_day (day, &date);
  return mc_calendar_is_working_day (calendar, &date);
}

/* The two working intervals of day @day as unix seconds: [iv[0], iv[1]) and [iv[2], iv[3]). */
static void
day_intervals (const McDeadlineSettings *s,
               gint64                    day,
               gint64                    iv[4])
{
  gint64 midnight = day_start (day);

  iv[0] = midnight + 60 * (gint64) s->morning_start;
  iv[1] = midnight + 60 * (gint64) s->morning_end;
  iv[2] = midnight + 60 * (gint64) s->afternoon_start;
  iv[3] = midnight + 60 * (gint64) s->afternoon_end;
}

gboolean
mc_deadline_is_working_time (const McDeadlineSettings *settings,
                             McCalendar               *calendar,
                             gint64                    t)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;
  gint64 day = local_day (t), iv[4];

  if (!day_is_working (calendar, day))
    return FALSE;
  day_intervals (s, day, iv);
  return (t >= iv[0] && t < iv[1]) || (t >= iv[2] && t < iv[3]);
}

/* Whether the counter takes dossiers at @t. With Saturday-morning reception the counter also
 * opens on Saturday mornings that are not holidays; that is reception only: a dossier received
 * then starts its clock at the next working time, like any receipt on a day off. */
gboolean
mc_deadline_is_reception_open (const McDeadlineSettings *settings,
                               McCalendar               *calendar,
                               gint64                    t)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;
  g_autoptr(McCalendarEntry) entry = NULL;
  gint64 day = local_day (t), iv[4];
  GDate date;

  if (mc_deadline_is_working_time (s, calendar, t))
    return TRUE;
  if (!s->saturday_morning_reception)
    return FALSE;
  date_of_day (day, &date);
  if (g_date_get_weekday (&date) != G_DATE_SATURDAY)
    return FALSE;
  entry = mc_calendar_get_entry (calendar, &date);
  if (entry != NULL && entry->kind == MC_CALENDAR_DAY_OFF)
    return FALSE;
  day_intervals (s, day, iv);
  return t >= iv[0] && t < iv[1];
}

/* The moment @working_seconds of working time after @start. With 0 it is where the clock
 * starts for a receipt at @start: @start itself in office hours, 07:00 for an early receipt,
 * 13:30 in the lunch break, 07:00 of the next working day after 17:00 or on a day off. A span
 * that ends exactly at the end of an interval ends there (11:30, 17:00), not at the next one. */
gint64
mc_deadline_add_working (const McDeadlineSettings *settings,
                         McCalendar               *calendar,
                         gint64                    start,
                         gint64                    working_seconds)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;
  gint64 left = MAX (working_seconds, 0);
  gint64 day = local_day (start);

  g_return_val_if_fail (MC_IS_CALENDAR (calendar), start);

  for (int scanned = 0; scanned < MAX_DAYS_SCANNED; scanned++, day++)
    {
      gint64 iv[4];

      if (!day_is_working (calendar, day))
        continue;
      day_intervals (s, day, iv);
      for (int i = 0; i < 4; i += 2)
        {
          gint64 from = MAX (start, iv[i]);

          if (from >= iv[i + 1])
            continue;
          if (left <= iv[i + 1] - from)
            return from + left;
          left -= iv[i + 1] - from;
        }
    }
  g_warning ("deadline: no working day in %d days after %" G_GINT64_FORMAT, MAX_DAYS_SCANNED, start);
  return day_start (day);
}

gint64
mc_deadline_clock_start (const McDeadlineSettings *settings,
                         McCalendar               *calendar,
                         gint64                    t)
{
  return mc_deadline_add_working (settings, calendar, t, 0);
}

/* The working time from @from to @to; negative when @to is before @from. */
gint64
mc_deadline_working_between (const McDeadlineSettings *settings,
                             McCalendar               *calendar,
                             gint64                    from,
                             gint64                    to)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;
  gint64 total = 0;

  g_return_val_if_fail (MC_IS_CALENDAR (calendar), 0);
  if (to < from)
    return -mc_deadline_working_between (settings, calendar, to, from);

  for (gint64 day = local_day (from), last = local_day (to); day <= last; day++)
    {
      gint64 iv[4];

      if (!day_is_working (calendar, day))
        continue;
      day_intervals (s, day, iv);
      for (int i = 0; i < 4; i += 2)
        {
          gint64 a = MAX (from, iv[i]), b = MIN (to, iv[i + 1]);

          if (b > a)
            total += b - a;
        }
    }
  return total;
}

/* The due time of a procedure of @duration @unit received at @received_at. */
gint64
mc_deadline_due (const McDeadlineSettings *settings,
                 McCalendar               *calendar,
                 gint64                    received_at,
                 int                       duration,
                 McDurationUnit            unit)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;
  gint64 n = MAX (duration, 0);

  g_return_val_if_fail (MC_IS_CALENDAR (calendar), received_at);

  switch (unit)
    {
    case MC_DURATION_WORKING_DAYS:
      return mc_deadline_add_working (s, calendar, received_at, n * mc_deadline_day_seconds (s));

    case MC_DURATION_HOURS:
      return mc_deadline_add_working (s, calendar, received_at, n * 3600);

    case MC_DURATION_CALENDAR_DAYS:
      {
        /* Every day counts, from the moment the clock starts; only the last day has to be a
         * working day, so a due date on a day off moves to the same time of the next one. */
        gint64 due = mc_deadline_clock_start (s, calendar, received_at) + n * DAY;
        gint64 midnight;

        for (int i = 0; i < MAX_DAYS_SCANNED && !day_is_working (calendar, local_day (due)); i++)
          due += DAY;
        /* A clock that started at an opening (a receipt in the evening, the lunch break or on
         * a day off) would give an appointment at the opening of the last day, before the
         * office has worked a minute of it: the period ends with that day's office hours, as a
         * period counted in days ends with its last day (Bộ luật Dân sự 2015, Điều 148). */
        midnight = day_start (local_day (due));
        if (n > 0 && (due == midnight + 60 * (gint64) s->morning_start || due == midnight + 60 * (gint64) s->afternoon_start))
          due = midnight + 60 * (gint64) s->afternoon_end;
        return due;
      }

    case MC_DURATION_SAME_DAY:
      {
        gint64 day = local_day (received_at);
        gint64 minute = (received_at - day_start (day)) / 60;

        if (!day_is_working (calendar, day) || minute >= s->same_day_cutoff)
          day = local_day (mc_deadline_clock_start (s, calendar, day_start (day + 1)));
        return day_start (day) + 60 * (gint64) s->afternoon_end;
      }

    default:
      g_return_val_if_reached (received_at);
    }
}

/* The due time of @procedure received at @received_at. Where the procedure has the same-day
 * rule (McProcedure.same_day_cutoff), a dossier whose clock starts at or after the office's
 * cut-off (15:00 by default) counts from the next working day, whatever the procedure's unit. */
gint64
mc_deadline_due_procedure (const McDeadlineSettings *settings,
                           McCalendar               *calendar,
                           gint64                    received_at,
                           const McProcedure        *procedure)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;
  gint64 start = received_at;

  g_return_val_if_fail (procedure != NULL, received_at);

  if (procedure->same_day_cutoff)
    {
      gint64 clock = mc_deadline_clock_start (s, calendar, received_at);
      gint64 day = local_day (clock);

      if (clock - day_start (day) >= 60 * (gint64) s->same_day_cutoff)
        start = day_start (day + 1);
    }
  return mc_deadline_due (s, calendar, start, procedure->duration, procedure->unit);
}

/* Whether a citizen can be given @t as an appointment: in office hours on a working day, the
 * closing times (11:30, 17:00) included. */
gboolean
mc_deadline_is_office_time (const McDeadlineSettings *settings,
                            McCalendar               *calendar,
                            gint64                    t)
{
  return mc_deadline_is_working_time (settings, calendar, t) ||
         mc_deadline_is_working_time (settings, calendar, t - 1);
}

/* The first office time at or after @t (mc_deadline_is_office_time()): @t itself when it is
 * one, else the next opening — 13:30 for a time in the lunch break, 07:00 of the next working
 * day for an evening, a day off or a holiday. A due date is moved there, never refused. */
gint64
mc_deadline_next_office_time (const McDeadlineSettings *settings,
                              McCalendar               *calendar,
                              gint64                    t)
{
  if (mc_deadline_is_office_time (settings, calendar, t))
    return t;
  return mc_deadline_clock_start (settings, calendar, t);
}

void
mc_deadline_clock_init (McDeadlineClock          *clock,
                        const McDeadlineSettings *settings,
                        McCalendar               *calendar,
                        gint64                    received_at,
                        int                       duration,
                        McDurationUnit            unit)
{
  *clock = (McDeadlineClock) {
    .received_at = received_at,
    .due_at = mc_deadline_due (settings, calendar, received_at, duration, unit),
  };
}

/* A supplement request stops the clock. Returns FALSE if it is already stopped. */
gboolean
mc_deadline_clock_pause (McDeadlineClock *clock,
                         gint64           at)
{
  if (clock->paused_at != 0)
    return FALSE;
  clock->paused_at = at;
  return TRUE;
}

/* The supplement arrived at @at: the due time moves by the working time that passed while the
 * clock was stopped. Returns FALSE if the clock was not stopped. */
gboolean
mc_deadline_clock_resume (McDeadlineClock          *clock,
                          const McDeadlineSettings *settings,
                          McCalendar               *calendar,
                          gint64                    at)
{
  gint64 paused;

  if (clock->paused_at == 0)
    return FALSE;
  paused = mc_deadline_working_between (settings, calendar, clock->paused_at, MAX (at, clock->paused_at));
  /* Adding nothing would still move a due time of 17:00 to 07:00 the next working day. */
  if (paused > 0)
    clock->due_at = mc_deadline_add_working (settings, calendar, clock->due_at, paused);
  clock->paused_at = 0;
  return TRUE;
}

/* An apology form sets a new, later due time, once per dossier. Returns FALSE (and changes
 * nothing) for a second reschedule or a time that is not later than the current one. */
gboolean
mc_deadline_clock_reschedule (McDeadlineClock *clock,
                              gint64           new_due_at)
{
  if (clock->rescheduled || new_due_at <= clock->due_at)
    return FALSE;
  clock->due_at = new_due_at;
  clock->rescheduled = TRUE;
  return TRUE;
}

/* Working seconds left before @due_at at @now. Past the due time the result is negative: minus
 * the working time since it, and at least −1 so that "overdue" never reads as 0 (a dossier
 * due Friday 17:00 is overdue on Saturday though no working time has passed). */
gint64
mc_deadline_remaining (const McDeadlineSettings *settings,
                       McCalendar               *calendar,
                       gint64                    due_at,
                       gint64                    now)
{
  if (now <= due_at)
    return mc_deadline_working_between (settings, calendar, now, due_at);
  return MIN (-1, -mc_deadline_working_between (settings, calendar, due_at, now));
}

static McDeadlineLevel
level_of (const McDeadlineSettings *settings,
          gint64                    remaining)
{
  const McDeadlineSettings *s = settings ? settings : &defaults;

  if (remaining < 0)
    return MC_DEADLINE_OVERDUE;
  return remaining <= s->due_soon_seconds ? MC_DEADLINE_DUE_SOON : MC_DEADLINE_ON_TIME;
}

McDeadlineLevel
mc_deadline_level (const McDeadlineSettings *settings,
                   McCalendar               *calendar,
                   gint64                    due_at,
                   gint64                    now)
{
  return level_of (settings, mc_deadline_remaining (settings, calendar, due_at, now));
}

/* While the clock is stopped for a supplement the time left stays what it was at the stop. */
gint64
mc_deadline_clock_remaining (const McDeadlineClock    *clock,
                             const McDeadlineSettings *settings,
                             McCalendar               *calendar,
                             gint64                    now)
{
  return mc_deadline_remaining (settings, calendar, clock->due_at,
                                clock->paused_at != 0 ? clock->paused_at : now);
}

McDeadlineLevel
mc_deadline_clock_level (const McDeadlineClock    *clock,
                         const McDeadlineSettings *settings,
                         McCalendar               *calendar,
                         gint64                    now)
{
  return level_of (settings, mc_deadline_clock_remaining (clock, settings, calendar, now));
}

const char *
mc_deadline_level_label (McDeadlineLevel level)
{
  switch (level)
    {
    case MC_DEADLINE_ON_TIME:
      return _("On time");
    case MC_DEADLINE_DUE_SOON:
      return _("Due soon");
    case MC_DEADLINE_OVERDUE:
      return _("Overdue");
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Time left as the queue shows it: "2 days 3 hours left", "overdue by 1 day" (in Vietnamese
 * "còn 2 ngày 3 giờ", "quá hạn 1 ngày"). Days are working days of the office's length; the
 * text keeps the two largest units a person reads at a glance and rounds down. */
char *
mc_deadline_format_remaining (const McDeadlineSettings *settings,
                              gint64                    remaining)
{
  gint64 day_seconds = mc_deadline_day_seconds (settings);
  gint64 amount = remaining < 0 ? -remaining : remaining;
  gint64 days = amount / day_seconds;
  gint64 hours = amount % day_seconds / 3600;
  gint64 minutes = amount % 3600 / 60;
  g_autofree char *day_text = NULL, *hour_text = NULL, *span = NULL;

  if (days > 0)
    day_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), (int) days);
  if (hours > 0)
    hour_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours), (int) hours);

  if (day_text != NULL && hour_text != NULL)
    span = g_strdup_printf ("%s %s", day_text, hour_text);
  else if (day_text != NULL)
    span = g_steal_pointer (&day_text);
  else if (hour_text != NULL)
    span = g_steal_pointer (&hour_text);
  else if (minutes > 0)
    span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), (int) minutes);

  if (remaining < 0)
    /* TRANSLATORS: %s is a span of working time such as "1 day 2 hours" */
    return span ? g_strdup_printf (_("overdue by %s"), span) : g_strdup (_("overdue"));
  /* TRANSLATORS: %s is a span of working time such as "2 days 3 hours" */
  return span ? g_strdup_printf (_("%s left"), span) : g_strdup (_("due now"));
}
