/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-deadline.h"
#include "mc-format.h"
#include "mc-store-calendar.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* How the window writes times, amounts and deadlines. Dates are Vietnam time whatever the
 * machine's zone (mc-time), the way the citizen's receipt shows them. */

char *
mc_format_time (gint64 unix_seconds)
{
  if (unix_seconds == 0)
    return g_strdup ("—");
  return mc_time_format_short (unix_seconds);
}

/* The day alone, DD/MM/YYYY, and the time of day alone, HH:MM. */
char *
mc_format_date (gint64 unix_seconds)
{
  return unix_seconds == 0 ? g_strdup ("—") : mc_time_format (unix_seconds, "%d/%m/%Y");
}

char *
mc_format_clock (gint64 unix_seconds)
{
  return unix_seconds == 0 ? NULL : mc_time_format (unix_seconds, "%H:%M");
}

/* How long a dossier submitted online at @since has waited to be received by @now, in plain
 * days and hours (the citizen waits on weekends too). */
char *
mc_format_waited (gint64 since,
                  gint64 now)
{
  gint64 waited = MAX (now - since, 0);
  int days = waited / 86400, hours = waited % 86400 / 3600, minutes = waited % 3600 / 60;
  g_autofree char *day_text = NULL, *hour_text = NULL, *span = NULL;

  if (days > 0)
    day_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", days), days);
  if (hours > 0)
    hour_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d hour", "%d hours", hours), hours);
  if (day_text != NULL && hour_text != NULL)
    span = g_strdup_printf ("%s %s", day_text, hour_text);
  else if (day_text != NULL || hour_text != NULL)
    span = g_strdup (day_text ? day_text : hour_text);
  else
    span = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute", "%d minutes", minutes), minutes);
  /* TRANSLATORS: how long a dossier submitted online has waited to be received, e.g.
   * "waiting 2 days 3 hours" */
  return g_strdup_printf (_("waiting %s"), span);
}

/* Returns: (nullable): what a ministry system said (a refusal, a failure) as an official reads
 * it: without the connector's "Name (id): " label, HTTP status codes or a trailing period
 * repeated; NULL when nothing is left to say. */
char *
mc_format_system_message (const char *message)
{
  static GRegex *label, *code, *status;
  g_autofree char *without_label = NULL;
  g_autofree char *without_code = NULL;
  g_autofree char *text = NULL;

  if (message == NULL)
    return NULL;
  if (g_once_init_enter (&label))
    g_once_init_leave (&label, g_regex_new ("^[^:()]*\\([a-z0-9_-]+\\): *", G_REGEX_OPTIMIZE, 0, NULL));
  /* "the system answered 409: …": a lead-in around a bare status code, before the reason. */
  if (g_once_init_enter (&code))
    g_once_init_leave (&code, g_regex_new ("^[^:0-9]*[0-9]{3}[^:0-9]*: *(?=.)", G_REGEX_OPTIMIZE, 0, NULL));
  if (g_once_init_enter (&status))
    g_once_init_leave (&status, g_regex_new (" *\\(?HTTP [0-9]{3}\\)?:? *", G_REGEX_OPTIMIZE, 0, NULL));
  without_label = g_regex_replace_literal (label, message, -1, 0, "", 0, NULL);
  without_code = g_regex_replace_literal (code, without_label ? without_label : message, -1, 0, "", 0, NULL);
  text = g_regex_replace_literal (status, without_code ? without_code : message, -1, 0, " ", 0, NULL);
  if (text == NULL)
    return NULL;
  g_strstrip (text);
  if (*text == '\0')
    return NULL;
  /* A sentence starts with a capital, whichever part of the message came first. */
  if (g_unichar_islower (g_utf8_get_char (text)))
    {
      gunichar upper = g_unichar_toupper (g_utf8_get_char (text));
      char buf[7] = { 0 };

      g_unichar_to_utf8 (upper, buf);
      return g_strconcat (buf, g_utf8_next_char (text), NULL);
    }
  return g_steal_pointer (&text);
}

/* Grouped the locale's way ("1.000.000" in Vietnamese). */
char *
mc_format_count (gint64 count)
{
  if (count < 0)
    return g_strdup ("…");
  return g_strdup_printf ("%'" G_GINT64_FORMAT, count);
}

char *
mc_format_money (gint64 amount_vnd)
{
  g_autofree char *amount = g_strdup_printf ("%'" G_GINT64_FORMAT, amount_vnd);

  /* TRANSLATORS: an amount in Vietnamese đồng; %s is the grouped number */
  return g_strdup_printf (_("%s ₫"), amount);
}

char *
mc_format_duration (int            duration,
                    McDurationUnit unit)
{
  switch (unit)
    {
    case MC_DURATION_WORKING_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day", "%d working days", duration), duration);
    case MC_DURATION_CALENDAR_DAYS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", duration), duration);
    case MC_DURATION_HOURS:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working hour", "%d working hours", duration), duration);
    case MC_DURATION_SAME_DAY:
    default:
      return g_strdup (_("Same day"));
    }
}

/* The time left before @due_at as the queue's "time left" column says it, in working time
 * (the deadline engine, with the office calendar and the office hours @settings; NULL: the
 * default hours); past the due time by a day or more, in whole days. Only dossiers in the
 * office's hands have a running clock: a supplement request pauses it, and a finished dossier
 * has none. */
char *
mc_format_time_left_for (const McDeadlineSettings *settings,
                         McCalendar               *calendar,
                         McStatus                  status,
                         gint64                    due_at,
                         gint64                    now,
                         McUrgency                *out_urgency)
{
  McDeadlineSettings defaults;
  gint64 remaining;

  if (settings == NULL)
    {
      mc_deadline_settings_init (&defaults);
      settings = &defaults;
    }
  *out_urgency = MC_URGENCY_NONE;
  if (due_at == 0 || !(status == MC_STATUS_RECEIVED || status == MC_STATUS_PROCESSING ||
                       status == MC_STATUS_FEE_REQUESTED))
    {
      if (status == MC_STATUS_SUPPLEMENT_REQUESTED)
        return g_strdup (_("paused"));
      return g_strdup ("—");
    }
  remaining = mc_deadline_remaining (settings, calendar, due_at, now);
  if (remaining < 0)
    {
      gint64 day = mc_deadline_day_seconds (settings);

      *out_urgency = MC_URGENCY_OVERDUE;
      /* A day late or more, the days say how late ("overdue by 10 days"): the hours would
       * only make the queue's column wider, and the due time is shown beside it. */
      if (-remaining >= day)
        remaining = -(-remaining / day * day);
    }
  else if (remaining <= settings->due_soon_seconds)
    *out_urgency = MC_URGENCY_DUE_SOON;
  else
    *out_urgency = MC_URGENCY_ON_TIME;
  return mc_deadline_format_remaining (settings, remaining);
}

/* The same with the default office hours. */
char *
mc_format_time_left (McCalendar *calendar,
                     McStatus    status,
                     gint64      due_at,
                     gint64      now,
                     McUrgency  *out_urgency)
{
  return mc_format_time_left_for (NULL, calendar, status, due_at, now, out_urgency);
}

/* A dossier's deadline as the queue and the dossier pane say it. One submitted online at
 * @submitted_at and not received yet has no clock: how long it has waited
 * (MC_URGENCY_WAITING). Otherwise its time left, with the office's own hours and calendar from
 * @store as the Preferences window set them (NULL: the default hours, no calendar). */
char *
mc_format_deadline (McStore   *store,
                    McStatus   status,
                    gint64     submitted_at,
                    gint64     due_at,
                    gint64     now,
                    McUrgency *out_urgency)
{
  McDeadlineSettings settings;
  g_autoptr(McCalendar) calendar = NULL;

  if (status == MC_STATUS_SUBMITTED && submitted_at != 0)
    {
      *out_urgency = MC_URGENCY_WAITING;
      return mc_format_waited (submitted_at, now);
    }
  if (store == NULL)
    return mc_format_time_left_for (NULL, NULL, status, due_at, now, out_urgency);
  calendar = mc_store_get_calendar (store);
  mc_store_get_deadline_settings (store, &settings);
  return mc_format_time_left_for (&settings, calendar, status, due_at, now, out_urgency);
}

/* The CSS class of style.css that colours a deadline. */
const char *
mc_format_urgency_class (McUrgency urgency)
{
  switch (urgency)
    {
    case MC_URGENCY_OVERDUE: return "overdue";
    case MC_URGENCY_DUE_SOON: return "due-soon";
    case MC_URGENCY_ON_TIME: return "on-time";
    case MC_URGENCY_NONE:
    case MC_URGENCY_WAITING:
    default: return "no-deadline";
    }
}
