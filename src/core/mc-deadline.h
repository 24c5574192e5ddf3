/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mc-calendar.h"
#include "mc-catalog.h"

G_BEGIN_DECLS

/* The office's working hours and deadline options. Times of day are minutes after midnight,
 * Vietnam time. mc_deadline_settings_init() fills in the defaults: 07:00–11:30 and
 * 13:30–17:00, same-day cut-off 15:00, "due soon" at one working day or less. */
typedef struct
{
  int morning_start;
  int morning_end;
  int afternoon_start;
  int afternoon_end;
  int same_day_cutoff;        /* same-day procedures received after this are due the next day */
  gint64 due_soon_seconds;    /* working seconds left at or below which a dossier is due soon */
  gboolean saturday_morning_reception; /* the counter receives on Saturday mornings */
} McDeadlineSettings;

typedef enum
{
  MC_DEADLINE_ON_TIME,
  MC_DEADLINE_DUE_SOON,
  MC_DEADLINE_OVERDUE,
} McDeadlineLevel;

/* The clock of one dossier: when it started, when it is due, and whether it is paused for a
 * supplement. All times are unix seconds. */
typedef struct
{
  gint64 received_at;
  gint64 due_at;
  gint64 paused_at;      /* 0 while the clock runs */
  gboolean rescheduled;  /* a reschedule (apology form) has been used */
} McDeadlineClock;

void            mc_deadline_settings_init      (McDeadlineSettings       *settings);
gint64          mc_deadline_day_seconds        (const McDeadlineSettings *settings);

gboolean        mc_deadline_is_working_time    (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    t);
gboolean        mc_deadline_is_reception_open  (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    t);
gint64          mc_deadline_clock_start        (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    t);
gint64          mc_deadline_add_working        (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    start,
                                                gint64                    working_seconds);
gint64          mc_deadline_working_between    (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    from,
                                                gint64                    to);
gint64          mc_deadline_due                (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    received_at,
                                                int                       duration,
                                                McDurationUnit            unit);

gint64          mc_deadline_due_procedure      (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    received_at,
                                                const McProcedure        *procedure);
gboolean        mc_deadline_is_office_time     (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    t);
gint64          mc_deadline_next_office_time   (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    t);

void            mc_deadline_clock_init         (McDeadlineClock          *clock,
                                                const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    received_at,
                                                int                       duration,
                                                McDurationUnit            unit);
gboolean        mc_deadline_clock_pause        (McDeadlineClock          *clock,
                                                gint64                    at);
gboolean        mc_deadline_clock_resume       (McDeadlineClock          *clock,
                                                const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    at);
gboolean        mc_deadline_clock_reschedule   (McDeadlineClock          *clock,
                                                gint64                    new_due_at);
gint64          mc_deadline_clock_remaining    (const McDeadlineClock    *clock,
                                                const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    now);
McDeadlineLevel mc_deadline_clock_level        (const McDeadlineClock    *clock,
                                                const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    now);

gint64          mc_deadline_remaining          (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    due_at,
                                                gint64                    now);
McDeadlineLevel mc_deadline_level              (const McDeadlineSettings *settings,
                                                McCalendar               *calendar,
                                                gint64                    due_at,
                                                gint64                    now);
const char     *mc_deadline_level_label        (McDeadlineLevel           level);
char           *mc_deadline_format_remaining   (const McDeadlineSettings *settings,
                                                gint64                    remaining);

G_END_DECLS
