/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc-time.h"

GTimeZone *
mc_time_zone (void)
{
  static gsize initialized;
  static GTimeZone *zone;

  if (g_once_init_enter (&initialized))
    {
      zone = g_time_zone_new_offset (MC_UTC_OFFSET_SECONDS);
      g_once_init_leave (&initialized, 1);
    }
  return zone;
}

GDateTime *
mc_time_to_local (gint64 unix_seconds)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);

  return g_date_time_to_timezone (utc, mc_time_zone ());
}

gint64
mc_time_from_local (int year,
                    int month,
                    int day,
                    int hour,
                    int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new (mc_time_zone (), year, month, day, hour, minute, 0);

  g_return_val_if_fail (dt != NULL, 0);
  return g_date_time_to_unix (dt);
}

/* MC_NOW (unix seconds) pins "now" for reproducible runs: tests, training and benchmarks. */
gint64
mc_time_now (void)
{
  const char *pinned = g_getenv ("MC_NOW");

  if (pinned != NULL && *pinned != '\0')
    {
      gint64 t;

      if (mc_time_parse (pinned, &t))
        return t;
      return g_ascii_strtoll (pinned, NULL, 10);
    }
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* @unix_seconds in Vietnam time, written by g_date_time_format() with @format. */
char *
mc_time_format (gint64      unix_seconds,
                const char *format)
{
  g_autoptr(GDateTime) dt = mc_time_to_local (unix_seconds);

  return g_date_time_format (dt, format);
}

char *
mc_time_format_iso (gint64 unix_seconds)
{
  return mc_time_format (unix_seconds, "%Y-%m-%dT%H:%M:%S%:z");
}

char *
mc_time_format_short (gint64 unix_seconds)
{
  return mc_time_format (unix_seconds, "%d/%m/%Y %H:%M");
}

/* Reads a number of @min_digits to @max_digits digits at *@p (no sign, no space), moving *@p
 * past it. */
static gboolean
read_number (const char **p,
             int          min_digits,
             int          max_digits,
             int         *out)
{
  int n = 0, value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    value = value * 10 + ((*p)[n++] - '0');
  if (n < min_digits || g_ascii_isdigit ((*p)[n]))
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

/* The date at the start of @text: "D/M/YYYY" as dates are written in Vietnam, day and month of
 * one or two digits ("17/2/2026", "17/02/2026"), or ISO "YYYY-MM-DD" (also "2026-2-17"). The
 * year has four digits: "17/2/26" is refused rather than guessed. Sets *@out_end after it. */
static gboolean
parse_date_prefix (const char  *text,
                   GDate       *out,
                   gboolean    *out_iso,
                   const char **out_end)
{
  const char *p = text;
  int first, month, last, day, year;
  gboolean iso;

  if (!read_number (&p, 1, 4, &first))
    return FALSE;
  /* Four digits then "-": ISO; one or two then "/": the day. */
  iso = p - text == 4 && *p == '-';
  if (!iso && !(p - text <= 2 && *p == '/'))
    return FALSE;
  p++;
  if (!read_number (&p, 1, 2, &month) || *p++ != (iso ? '-' : '/') ||
      !read_number (&p, iso ? 1 : 4, iso ? 2 : 4, &last))
    return FALSE;
  day = iso ? last : first;
  year = iso ? first : last;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
  *out_iso = iso;
  *out_end = p;
  return TRUE;
}

/* The one reading of a day typed by a person (motcuactl, the window): "DD/MM/YYYY" with day and
 * month of one or two digits, or "YYYY-MM-DD", nothing before or after. */
gboolean
mc_time_parse_date (const char *text,
                    GDate      *out)
{
  const char *end;
  gboolean iso;

  return text != NULL && parse_date_prefix (text, out, &iso, &end) && *end == '\0';
}

/* A day alone (mc_time_parse_date()), as the start of that day in Vietnam time. */
gboolean
mc_time_parse_day (const char *text,
                   gint64     *out_start)
{
  GDate date;

  if (!mc_time_parse_date (text, &date))
    return FALSE;
  *out_start = mc_time_from_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 0, 0);
  return TRUE;
}

/* A day (mc_time_parse_date()), then optionally a time "H:MM" or "HH:MM[:SS]" after a space (or
 * a "T" after an ISO date), in Vietnam time. */
gboolean
mc_time_parse (const char *text,
               gint64     *out_unix_seconds)
{
  const char *p;
  int h = 0, mi = 0, s = 0;
  gboolean iso;
  GDate date;

  if (text == NULL || !parse_date_prefix (text, &date, &iso, &p))
    return FALSE;
  if (*p == ' ' || (iso && *p == 'T'))
    {
      p++;
      if (!read_number (&p, 1, 2, &h) || *p++ != ':' || !read_number (&p, 2, 2, &mi))
        return FALSE;
      if (*p == ':')
        {
          p++;
          if (!read_number (&p, 2, 2, &s))
            return FALSE;
        }
      if (h > 23 || mi > 59 || s > 59)
        return FALSE;
    }
  if (*p != '\0')
    return FALSE;
  *out_unix_seconds = mc_time_from_local (g_date_get_year (&date), g_date_get_month (&date),
                                          g_date_get_day (&date), h, mi) + s;
  return TRUE;
}
