/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-time.h"
#include "mc-wire-time.h"

/* Days since 1970-01-01 of a proleptic Gregorian date, and back (H. Hinnant's algorithms):
 * exact for every date a dossier can carry, and allocation-free. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *out_y,
                 int    *out_m,
                 int    *out_d)
{
  gint64 era, doe, yoe, y, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *out_d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *out_m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *out_y = (int) (y + (*out_m <= 2));
}

static int
days_in_month (int y,
               int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
    return 29;
  return days[m - 1];
}

void
mc_wire_time_append (GString    *out,
                     McWireTime  format,
                     gint64      unix_seconds)
{
  gint64 local = unix_seconds + MC_UTC_OFFSET_SECONDS;
  gint64 days = local >= 0 ? local / 86400 : (local - 86399) / 86400;
  gint64 secs = local - days * 86400;
  int y, mo, d, h = (int) (secs / 3600), mi = (int) (secs / 60 % 60), s = (int) (secs % 60);

  civil_from_days (days, &y, &mo, &d);
  switch (format)
    {
    case MC_WIRE_TIME_LGSP:
      g_string_append_printf (out, "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d, h, mi, s);
      break;
    case MC_WIRE_TIME_DVCQG:
      g_string_append_printf (out, "%04d%02d%02d%02d%02d%02d", y, mo, d, h, mi, s);
      break;
    case MC_WIRE_TIME_LEGACY:
      g_string_append_printf (out, "%02d/%02d/%04d %02d:%02d:%02d", d, mo, y, h, mi, s);
      break;
    case MC_WIRE_TIME_ISO8601:
    default:
      g_string_append_printf (out, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, mo, d, h, mi, s);
      break;
    }
}

char *
mc_wire_time_format (McWireTime format,
                     gint64     unix_seconds)
{
  GString *out = g_string_sized_new (32);

  mc_wire_time_append (out, format, unix_seconds);
  return g_string_free (out, FALSE);
}

/* Reads exactly @n digits. */
static gboolean
digits (const char **p,
        int          n,
        int         *out)
{
  int v = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      v = v * 10 + (c - '0');
    }
  *p += n;
  *out = v;
  return TRUE;
}

static gboolean
literal (const char **p,
         char         c)
{
  if (**p != c)
    return FALSE;
  (*p)++;
  return TRUE;
}

gboolean
mc_wire_time_parse (McWireTime  format,
                    const char *text,
                    gint64     *out_unix_seconds)
{
  const char *p = text;
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int offset = MC_UTC_OFFSET_SECONDS;
  gboolean ok;

  if (text == NULL)
    return FALSE;
  switch (format)
    {
    case MC_WIRE_TIME_LGSP:
      ok = digits (&p, 4, &y) && literal (&p, '-') && digits (&p, 2, &mo) && literal (&p, '-')
        && digits (&p, 2, &d) && literal (&p, ' ') && digits (&p, 2, &h) && literal (&p, ':')
        && digits (&p, 2, &mi) && literal (&p, ':') && digits (&p, 2, &s);
      break;
    case MC_WIRE_TIME_DVCQG:
      ok = digits (&p, 4, &y) && digits (&p, 2, &mo) && digits (&p, 2, &d) && digits (&p, 2, &h)
        && digits (&p, 2, &mi) && digits (&p, 2, &s);
      break;
    case MC_WIRE_TIME_LEGACY:
      ok = digits (&p, 2, &d) && literal (&p, '/') && digits (&p, 2, &mo) && literal (&p, '/')
        && digits (&p, 4, &y) && literal (&p, ' ') && digits (&p, 2, &h) && literal (&p, ':')
        && digits (&p, 2, &mi) && literal (&p, ':') && digits (&p, 2, &s);
      break;
    case MC_WIRE_TIME_ISO8601:
    default:
      ok = digits (&p, 4, &y) && literal (&p, '-') && digits (&p, 2, &mo) && literal (&p, '-')
        && digits (&p, 2, &d) && literal (&p, 'T') && digits (&p, 2, &h) && literal (&p, ':')
        && digits (&p, 2, &mi) && (*p != ':' || (literal (&p, ':') && digits (&p, 2, &s)));  /* HH:MM is allowed */
      if (ok && *p == '.')  /* fractions of a second are dropped */
        for (p++; *p >= '0' && *p <= '9'; p++)
          ;
      if (ok && *p == 'Z')
        {
          offset = 0;
          p++;
        }
      else if (ok && (*p == '+' || *p == '-'))
        {
          int sign = *p == '-' ? -1 : 1, oh = 0, om = 0;

          p++;
          /* +07:00, +0700 or +07: ISO 8601 allows all three. */
          ok = digits (&p, 2, &oh) && oh < 24;
          if (ok && *p != '\0')
            ok = (*p != ':' || literal (&p, ':')) && digits (&p, 2, &om) && om < 60;
          offset = sign * (oh * 3600 + om * 60);
        }
      else
        ok = FALSE;  /* this dialect always carries an offset */
      break;
    }
  if (!ok || *p != '\0')
    return FALSE;
  if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month (y, mo)
      || h > 23 || mi > 59 || s > 59)
    return FALSE;
  *out_unix_seconds = days_from_civil (y, mo, d) * 86400 + h * 3600 + mi * 60 + s - offset;
  return TRUE;
}
