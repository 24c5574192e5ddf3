/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>

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

/* Accepts "YYYY-MM-DD", "YYYY-MM-DD HH:MM" and "YYYY-MM-DDTHH:MM[:SS]" in Vietnam time, and the
 * way dates are written in Vietnam: "DD/MM/YYYY", "DD/MM/YYYY HH:MM[:SS]". */
gboolean
mc_time_parse (const char *text,
               gint64     *out_unix_seconds)
{
  int y, mo, d, h = 0, mi = 0, s = 0;
  char sep = 0, tail = 0;
  int n;
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL)
    return FALSE;
  n = sscanf (text, "%4d-%2d-%2d%c%2d:%2d:%2d%c", &y, &mo, &d, &sep, &h, &mi, &s, &tail);
  if (n < 3)
    {
      sep = tail = 0;
      h = mi = s = 0;
      n = sscanf (text, "%2d/%2d/%4d%c%2d:%2d:%2d%c", &d, &mo, &y, &sep, &h, &mi, &s, &tail);
      if (sep == 'T')
        return FALSE;
    }
  if (n == 3 || ((n == 6 || n == 7) && (sep == ' ' || sep == 'T')))
    {
      dt = g_date_time_new (mc_time_zone (), y, mo, d, h, mi, s);
      if (dt == NULL)
        return FALSE;
      *out_unix_seconds = g_date_time_to_unix (dt);
      return TRUE;
    }
  return FALSE;
}
