/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A date of the Vietnamese lunisolar calendar (âm lịch). @year is the lunar year, which starts
 * at Tết and so overlaps two solar years; @leap marks the repeated month (tháng nhuận). */
typedef struct
{
  int year;
  int month;   /* 1–12 */
  int day;     /* 1–30 */
  gboolean leap;
} McLunarDate;

/* The conversions are exact for 1800–2199; outside that range the astronomical series used
 * (and the ΔT model) are not trusted, and the functions refuse. */
#define MC_LUNAR_FIRST_YEAR 1800
#define MC_LUNAR_LAST_YEAR 2199

gboolean mc_lunar_from_solar    (int                year,
                                 int                month,
                                 int                day,
                                 McLunarDate       *out);
gboolean mc_lunar_to_solar      (const McLunarDate *lunar,
                                 int               *out_year,
                                 int               *out_month,
                                 int               *out_day);
int      mc_lunar_leap_month    (int                lunar_year);
int      mc_lunar_month_length  (int                lunar_year,
                                 int                month,
                                 gboolean           leap);

G_END_DECLS
