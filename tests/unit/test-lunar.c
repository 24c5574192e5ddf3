/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include "mc-lunar.h"

static void
parse_date (const char *text,
            int        *y,
            int        *m,
            int        *d)
{
  g_assert_cmpint (sscanf (text, "%d-%d-%d", y, m, d), ==, 3);
}

static void
assert_solar (const McLunarDate *lunar,
              int                y,
              int                m,
              int                d)
{
  int sy = 0, sm = 0, sd = 0;

  g_test_message ("lunar %d/%d/%d%s → %04d-%02d-%02d", lunar->day, lunar->month, lunar->year,
                  lunar->leap ? " leap" : "", y, m, d);
  g_assert_true (mc_lunar_to_solar (lunar, &sy, &sm, &sd));
  g_assert_cmpint (sy, ==, y);
  g_assert_cmpint (sm, ==, m);
  g_assert_cmpint (sd, ==, d);
}

/* tests/data/lunar-anchors.tsv: Tết and Giỗ Tổ of 2020–2035 from an independent source. */
static void
test_anchors (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "lunar-anchors.tsv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  gboolean header = FALSE, saw_2030 = FALSE;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) f = NULL;
      McLunarDate tet, gio_to, got;
      int y, m, d, year;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (!header)
        {
          header = TRUE;
          continue;
        }
      f = g_strsplit (lines[i], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 3);
      year = atoi (f[0]);
      tet = (McLunarDate) { year, 1, 1, FALSE };
      gio_to = (McLunarDate) { year, 3, 10, FALSE };

      parse_date (f[1], &y, &m, &d);
      assert_solar (&tet, y, m, d);
      g_assert_true (mc_lunar_from_solar (y, m, d, &got));
      g_assert_cmpint (got.year, ==, year);
      g_assert_cmpint (got.month, ==, 1);
      g_assert_cmpint (got.day, ==, 1);
      g_assert_false (got.leap);

      parse_date (f[2], &y, &m, &d);
      assert_solar (&gio_to, y, m, d);
      g_assert_true (mc_lunar_from_solar (y, m, d, &got));
      g_assert_cmpint (got.year, ==, year);
      g_assert_cmpint (got.month, ==, 3);
      g_assert_cmpint (got.day, ==, 10);

      saw_2030 |= year == 2030;
      n++;
    }
  g_assert_cmpuint (n, ==, 16);
  g_assert_true (saw_2030);
}

/* Years where UTC+7 and UTC+8 put a new moon or a solar term on different days: a Chinese
 * table would give the other date. */
static void
test_differs_from_chinese (void)
{
  static const struct { int year, y, m, d; } tet[] = {
    { 1968, 1968, 1, 29 }, /* China: 30 Jan */
    { 1985, 1985, 1, 21 }, /* China: 20 Feb (month 11 differs, so everything shifts) */
    { 2007, 2007, 2, 17 }, /* China: 18 Feb */
    { 2030, 2030, 2, 2 },  /* China: 3 Feb */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (tet); i++)
    {
      McLunarDate lunar = { tet[i].year, 1, 1, FALSE };
      assert_solar (&lunar, tet[i].y, tet[i].m, tet[i].d);
    }
}

static void
test_leap_months (void)
{
  static const struct { int year, leap; } years[] = {
    { 2001, 4 }, { 2004, 2 }, { 2006, 7 }, { 2009, 5 }, { 2012, 4 }, { 2014, 9 }, { 2017, 6 },
    { 2020, 4 }, { 2023, 2 }, { 2025, 6 }, { 2028, 5 }, { 2031, 3 },
    { 2021, 0 }, { 2022, 0 }, { 2024, 0 }, { 2026, 0 }, { 2027, 0 },
  };
  McLunarDate leap_day = { 2023, 2, 1, TRUE }, got;

  for (gsize i = 0; i < G_N_ELEMENTS (years); i++)
    {
      g_test_message ("leap month of %d", years[i].year);
      g_assert_cmpint (mc_lunar_leap_month (years[i].year), ==, years[i].leap);
    }

  /* 1/2 nhuận Quý Mão is 22 March 2023; the day before is the last of the ordinary month 2. */
  assert_solar (&leap_day, 2023, 3, 22);
  g_assert_true (mc_lunar_from_solar (2023, 3, 22, &got));
  g_assert_true (got.leap);
  g_assert_cmpint (got.month, ==, 2);
  g_assert_true (mc_lunar_from_solar (2023, 3, 21, &got));
  g_assert_false (got.leap);
  g_assert_cmpint (got.month, ==, 2);
  g_assert_cmpint (got.day, ==, mc_lunar_month_length (2023, 2, FALSE));
}

static void
test_invalid (void)
{
  McLunarDate not_leap = { 2026, 3, 1, TRUE };
  McLunarDate day30 = { 2026, 1, 30, FALSE };
  McLunarDate day0 = { 2026, 1, 0, FALSE };
  McLunarDate month13 = { 2026, 13, 1, FALSE };
  McLunarDate got;
  int y, m, d;

  g_assert_false (mc_lunar_to_solar (&not_leap, &y, &m, &d));
  if (mc_lunar_month_length (2026, 1, FALSE) == 29)
    g_assert_false (mc_lunar_to_solar (&day30, &y, &m, &d));
  g_assert_false (mc_lunar_to_solar (&day0, &y, &m, &d));
  g_assert_false (mc_lunar_to_solar (&month13, &y, &m, &d));
  g_assert_false (mc_lunar_from_solar (2026, 2, 30, &got));
  g_assert_false (mc_lunar_from_solar (MC_LUNAR_FIRST_YEAR - 1, 6, 1, &got));
  g_assert_false (mc_lunar_from_solar (MC_LUNAR_LAST_YEAR + 1, 6, 1, &got));
}

/* Every day of 1900–2100 goes solar → lunar → solar unchanged, and the lunar dates run on
 * without gaps: day + 1 in a month, or day 1 of the next month after day 29 or 30. Lunar
 * years have 353–355 days, or 383–385 with a leap month. */
static void
test_round_trip (void)
{
  g_autoptr(GDate) date = g_date_new_dmy (1, 1, 1900);
  McLunarDate prev = { 0 };
  gint64 year_start = -1;
  guint n = 0;

  while (g_date_get_year (date) <= 2100)
    {
      McLunarDate lunar;
      int y, m, d;

      g_assert_true (mc_lunar_from_solar (g_date_get_year (date), g_date_get_month (date),
                                          g_date_get_day (date), &lunar));
      if (!mc_lunar_to_solar (&lunar, &y, &m, &d) || y != g_date_get_year (date) ||
          m != (int) g_date_get_month (date) || d != g_date_get_day (date))
        g_error ("%04d-%02d-%02d → %d/%d/%d%s → %04d-%02d-%02d", g_date_get_year (date),
                 g_date_get_month (date), g_date_get_day (date), lunar.day, lunar.month, lunar.year,
                 lunar.leap ? " leap" : "", y, m, d);

      if (n > 0)
        {
          if (lunar.day == 1)
            {
              g_assert_cmpint (prev.day, >=, 29);
              g_assert_cmpint (prev.day, <=, 30);
              if (lunar.leap)
                g_assert_cmpint (lunar.month, ==, prev.month);
              else
                g_assert_cmpint (lunar.month, ==, prev.month % 12 + 1);
              if (lunar.month == 1 && !lunar.leap)
                {
                  gint64 length = n - year_start;

                  g_assert_cmpint (lunar.year, ==, prev.year + 1);
                  if (year_start >= 0 && (length < 353 || (length > 355 && length < 383) || length > 385))
                    g_error ("lunar year %d has %" G_GINT64_FORMAT " days", prev.year, length);
                  year_start = n;
                }
            }
          else
            {
              g_assert_cmpint (lunar.day, ==, prev.day + 1);
              g_assert_cmpint (lunar.month, ==, prev.month);
              g_assert_cmpint (lunar.leap, ==, prev.leap);
            }
        }
      prev = lunar;
      g_date_add_days (date, 1);
      n++;
    }
  g_assert_cmpuint (n, ==, 73414);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/lunar/anchors", test_anchors);
  g_test_add_func ("/lunar/differs-from-chinese", test_differs_from_chinese);
  g_test_add_func ("/lunar/leap-months", test_leap_months);
  g_test_add_func ("/lunar/invalid", test_invalid);
  g_test_add_func ("/lunar/round-trip-1900-2100", test_round_trip);
  return g_test_run ();
}
