/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A reporting period (../shared/domain/reports.md §1.7): a month, a quarter, the first 6 or
 * 9 months, or a year, either by the calendar (what the national portal's 766 pages use) or
 * by the reporting cut-off of the 15th (NĐ 09/2019: the 15th of the month before to the 14th). */
typedef enum
{
  MC_PERIOD_MONTH,
  MC_PERIOD_QUARTER,
  MC_PERIOD_HALF,         /* 6 tháng: January–June */
  MC_PERIOD_NINE_MONTHS,  /* 9 tháng: January–September */
  MC_PERIOD_YEAR,
} McPeriodKind;

typedef struct
{
  McPeriodKind kind;
  int year;
  int index;              /* the month (1–12) or quarter (1–4); 1 for the others */
  gboolean cutoff;        /* from the 15th of the month before to the 14th */
  gint64 start;           /* 00:00 UTC+7 of the first day */
  gint64 end;             /* 00:00 UTC+7 of the day after the last: exclusive */
} McReportPeriod;

void      mc_report_period_init      (McReportPeriod       *self,
                                      McPeriodKind          kind,
                                      int                   year,
                                      int                   index,
                                      gboolean              cutoff);
gboolean  mc_report_period_parse     (const char           *text,
                                      gboolean              cutoff,
                                      McReportPeriod       *out,
                                      GError              **error);
void      mc_report_period_containing (McPeriodKind         kind,
                                      gboolean              cutoff,
                                      gint64                t,
                                      McReportPeriod       *out);
void      mc_report_period_previous  (const McReportPeriod *self,
                                      McReportPeriod       *out);
char     *mc_report_period_id        (const McReportPeriod *self);
char     *mc_report_period_label     (const McReportPeriod *self);
char     *mc_report_period_short_label (const McReportPeriod *self);
char     *mc_report_period_official_label (const McReportPeriod *self);
char     *mc_report_date             (gint64                t);

G_END_DECLS
