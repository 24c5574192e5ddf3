/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "mc-lunar.h"

/* The Vietnamese lunisolar calendar, computed rather than looked up.
 *
 * Rules (the same as the Chinese calendar's, applied at UTC+7, which is why the two differ in
 * some years, 2030 among them):
 *   - a month starts on the local day of an astronomical new moon;
 *   - month 11 is the month that contains the winter solstice (sun longitude 270°);
 *   - when 13 new moons start between two months 11, the first month after month 11 in which
 *     the sun enters no new 30° sign (no "major solar term") is the leap month, and repeats
 *     the number of the month before it.
 *
 * Astronomy: the mean new moon with the main periodic corrections and a ΔT term (Meeus,
 * Astronomical Algorithms, chapter "Phases of the Moon"), and the sun's geometric longitude
 * from its mean longitude and equation of centre (Meeus, chapter "Solar Coordinates").
 * Day-level accuracy is all that is needed: both series are good to minutes over 1800–2199.
 *
 * Days are Julian day numbers (JDN: the integer day that starts at the local midnight). */

#define SYNODIC_MONTH 29.530588853
/* JD of the mean new moon number 0 of the series (1900-01-01). */
#define NEW_MOON_EPOCH 2415021.076998695
#define LOCAL_DAY_OFFSET (7.0 / 24.0) /* UTC+7 */
#define DEG (G_PI / 180.0)

static int
jdn_from_ymd (int y,
              int m,
              int d)
{
  int a = (14 - m) / 12;
  int yy = y + 4800 - a;
  int mm = m + 12 * a - 3;

  return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}

static void
ymd_from_jdn (int  jdn,
              int *y,
              int *m,
              int *d)
{
  int a = jdn + 32044;
  int b = (4 * a + 3) / 146097;
  int c = a - 146097 * b / 4;
  int e4 = (4 * c + 3) / 1461;
  int e = c - 1461 * e4 / 4;
  int mm = (5 * e + 2) / 153;

  *d = e - (153 * mm + 2) / 5 + 1;
  *m = mm + 3 - 12 * (mm / 10);
  *y = 100 * b + e4 - 4800 + mm / 10;
}

/* Julian date (UT) of true new moon number @k counted from January 1900. */
static double
new_moon_jd (int k)
{
  double t = k / 1236.85; /* Julian centuries from 1900 */
  double t2 = t * t, t3 = t2 * t;
  double jd, m, mp, f, c, delta_t;

  jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * sin ((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;     /* sun's mean anomaly */
  mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;   /* moon's mean anomaly */
  f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;     /* moon's argument of latitude */

  c = (0.1734 - 0.000393 * t) * sin (m * DEG) + 0.0021 * sin (2 * m * DEG)
      - 0.4068 * sin (mp * DEG) + 0.0161 * sin (2 * mp * DEG) - 0.0004 * sin (3 * mp * DEG)
      + 0.0104 * sin (2 * f * DEG) - 0.0051 * sin ((m + mp) * DEG) - 0.0074 * sin ((m - mp) * DEG)
      + 0.0004 * sin ((2 * f + m) * DEG) - 0.0004 * sin ((2 * f - m) * DEG)
      - 0.0006 * sin ((2 * f + mp) * DEG) + 0.0010 * sin ((2 * f - mp) * DEG)
      + 0.0005 * sin ((2 * mp + m) * DEG);

  /* The series gives dynamical time; ΔT (in days) brings it back to universal time. */
  if (t < -11)
    delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3;
  else
    delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + c - delta_t;
}

/* The local (UTC+7) day on which new moon @k falls. */
static int
new_moon_day (int k)
{
  return (int) floor (new_moon_jd (k) + 0.5 + LOCAL_DAY_OFFSET);
}

/* The sun's longitude in degrees, [0, 360), at Julian date @jd. */
static double
sun_longitude (double jd)
{
  double t = (jd - 2451545.0) / 36525; /* Julian centuries from J2000.0 */
  double t2 = t * t;
  double m = 357.52910 + 35999.05030 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  double l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  double c = (1.914600 - 0.004817 * t - 0.000014 * t2) * sin (m * DEG)
             + (0.019993 - 0.000101 * t) * sin (2 * m * DEG) + 0.000290 * sin (3 * m * DEG);
  double l = fmod (l0 + c, 360.0);

  return l < 0 ? l + 360.0 : l;
}

/* Which 30° sign the sun is in at the local midnight that starts day @jdn: 0 = [0°, 30°) …
 * 9 = [270°, 300°), the sign the winter solstice opens. A month with the same sign at its
 * start and at the next month's start contains no major term. */
static int
sun_sign_at_day_start (int jdn)
{
  return (int) (sun_longitude (jdn - 0.5 - LOCAL_DAY_OFFSET) / 30.0);
}

/* The first day of month 11 of the lunar year that ends in solar year @year: the new moon day
 * on or before the winter solstice. Start from the new moon nearest before 31 December and
 * step back once if the sun has already passed 270° when that month starts. */
static int
month11_start (int year)
{
  int k = (int) floor ((jdn_from_ymd (year, 12, 31) - 2415021) / SYNODIC_MONTH);
  int nm = new_moon_day (k);

  if (sun_sign_at_day_start (nm) >= 9)
    nm = new_moon_day (k - 1);
  return nm;
}

/* A "suì": the months from month 11 of solar year @year − 1 up to (not including) month 11 of
 * solar year @year. Its months 11 and 12 belong to lunar year @year − 1, the rest to @year. */
typedef struct
{
  int n_months;   /* 12, or 13 when it holds a leap month */
  int starts[14]; /* first day of each month; starts[n_months] is the next month 11 */
  int leap;       /* offset of the leap month from month 11, 0 when none */
} Sui;

static void
sui_compute (int  year,
             Sui *sui)
{
  int first = month11_start (year - 1);
  int last = month11_start (year);
  int k = (int) floor ((first - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);

  /* The estimate of k can be one lunation off near the edges of the series: pin it. */
  while (new_moon_day (k) > first)
    k--;
  while (new_moon_day (k) < first)
    k++;

  sui->n_months = 0;
  sui->leap = 0;
  sui->starts[0] = first;
  while (sui->starts[sui->n_months] < last)
    {
      g_assert (sui->n_months < 13);
      sui->n_months++;
      sui->starts[sui->n_months] = new_moon_day (k + sui->n_months);
    }
  g_assert (sui->starts[sui->n_months] == last);

  if (sui->n_months == 13)
    {
      for (int i = 1; i < 13 && sui->leap == 0; i++)
        if (sun_sign_at_day_start (sui->starts[i]) == sun_sign_at_day_start (sui->starts[i + 1]))
          sui->leap = i;
      g_assert (sui->leap != 0);
    }
}

/* Computing a suì costs some thirty trigonometric series; a round trip over two centuries
 * would compute each one thousands of times. They never change, so each is computed once. */
#define N_CACHED (MC_LUNAR_LAST_YEAR - MC_LUNAR_FIRST_YEAR + 3)

static const Sui *
sui_get (int year)
{
  static Sui cache[N_CACHED];
  static gboolean computed[N_CACHED];
  G_LOCK_DEFINE_STATIC (cache);
  int index = year - MC_LUNAR_FIRST_YEAR;
  const Sui *sui;

  g_return_val_if_fail (index >= 0 && index < N_CACHED, NULL);
  G_LOCK (cache);
  if (!computed[index])
    {
      sui_compute (year, &cache[index]);
      computed[index] = TRUE;
    }
  sui = &cache[index];
  G_UNLOCK (cache);
  return sui;
}

/* The month number, leap flag and lunar year of the month at @offset in the suì of @year. */
static void
sui_month (const Sui *sui,
           int        year,
           int        offset,
           int       *out_month,
           gboolean  *out_leap,
           int       *out_year)
{
  int ordinal = (sui->leap != 0 && offset >= sui->leap) ? offset - 1 : offset;
  int month = (10 + ordinal) % 12 + 1;

  *out_month = month;
  *out_leap = sui->leap != 0 && offset == sui->leap;
  *out_year = (month >= 11 && offset < 4) ? year - 1 : year;
}

gboolean
mc_lunar_from_solar (int          year,
                     int          month,
                     int          day,
                     McLunarDate *out)
{
  const Sui *sui;
  int jdn, sui_year = year;

  g_return_val_if_fail (out != NULL, FALSE);
  if (year < MC_LUNAR_FIRST_YEAR || year > MC_LUNAR_LAST_YEAR || !g_date_valid_dmy (day, month, year))
    return FALSE;

  jdn = jdn_from_ymd (year, month, day);
  sui = sui_get (sui_year);
  if (jdn >= sui->starts[sui->n_months])
    sui = sui_get (++sui_year);

  for (int i = sui->n_months - 1; i >= 0; i--)
    if (jdn >= sui->starts[i])
      {
        sui_month (sui, sui_year, i, &out->month, &out->leap, &out->year);
        out->day = jdn - sui->starts[i] + 1;
        return TRUE;
      }
  g_assert_not_reached ();
}

/* Finds the month (@month, @leap) of lunar year @lunar_year: its suì and offset. */
static const Sui *
find_month (int       lunar_year,
            int       month,
            gboolean  leap,
            int      *out_offset)
{
  /* Months 11 and 12 lie in the suì that ends in the next solar year. */
  int sui_year = month >= 11 ? lunar_year + 1 : lunar_year;
  const Sui *sui;

  if (lunar_year < MC_LUNAR_FIRST_YEAR || lunar_year > MC_LUNAR_LAST_YEAR || month < 1 || month > 12)
    return NULL;
  sui = sui_get (sui_year);
  for (int i = 0; i < sui->n_months; i++)
    {
      int m, y;
      gboolean l;

      sui_month (sui, sui_year, i, &m, &l, &y);
      if (m == month && l == !!leap && y == lunar_year)
        {
          *out_offset = i;
          return sui;
        }
    }
  return NULL;
}

int
mc_lunar_month_length (int      lunar_year,
                       int      month,
                       gboolean leap)
{
  int offset;
  const Sui *sui = find_month (lunar_year, month, leap, &offset);

  return sui ? sui->starts[offset + 1] - sui->starts[offset] : 0;
}

/* Returns FALSE for a date that does not exist: a leap flag on a month that is not repeated
 * that year, or day 30 of a 29-day month. */
gboolean
mc_lunar_to_solar (const McLunarDate *lunar,
                   int               *out_year,
                   int               *out_month,
                   int               *out_day)
{
  int offset;
  const Sui *sui;

  g_return_val_if_fail (lunar != NULL, FALSE);
  sui = find_month (lunar->year, lunar->month, lunar->leap, &offset);
  if (sui == NULL || lunar->day < 1 || lunar->day > sui->starts[offset + 1] - sui->starts[offset])
    return FALSE;
  ymd_from_jdn (sui->starts[offset] + lunar->day - 1, out_year, out_month, out_day);
  return TRUE;
}

/* The number of the leap month of @lunar_year, 0 when the year has none. */
int
mc_lunar_leap_month (int lunar_year)
{
  for (int month = 1; month <= 12; month++)
    if (mc_lunar_month_length (lunar_year, month, TRUE) > 0)
      return month;
  return 0;
}
