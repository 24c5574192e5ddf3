/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mc-report-period.h"
#include "mc-time.h"

/* The first and the last month of a period, counted from January of its year (a cut-off
 * period starts on the 15th of the month before its first month). */
static void
months (McPeriodKind  kind,
        int           index,
        int          *first,
        int          *last)
{
  switch (kind)
    {
    case MC_PERIOD_MONTH: *first = *last = index; break;
    case MC_PERIOD_QUARTER: *first = 3 * index - 2; *last = 3 * index; break;
    case MC_PERIOD_HALF: *first = 1; *last = 6; break;
    case MC_PERIOD_NINE_MONTHS: *first = 1; *last = 9; break;
    case MC_PERIOD_YEAR: default: *first = 1; *last = 12; break;
    }
}

void
mc_report_period_init (McReportPeriod *self,
                       McPeriodKind    kind,
                       int             year,
                       int             index,
                       gboolean        cutoff)
{
  int first, last;

  self->kind = kind;
  self->year = year;
  self->index = kind == MC_PERIOD_MONTH ? CLAMP (index, 1, 12) : kind == MC_PERIOD_QUARTER ? CLAMP (index, 1, 4) : 1;
  self->cutoff = cutoff;
  months (kind, self->index, &first, &last);
  if (cutoff)
    {
      /* 15th of the month before the first → 14th of the last month, inclusive. */
      self->start = first == 1 ? mc_time_from_local (year - 1, 12, 15, 0, 0) : mc_time_from_local (year, first - 1, 15, 0, 0);
      self->end = mc_time_from_local (year, last, 15, 0, 0);
    }
  else
    {
      self->start = mc_time_from_local (year, first, 1, 0, 0);
      self->end = last == 12 ? mc_time_from_local (year + 1, 1, 1, 0, 0) : mc_time_from_local (year, last + 1, 1, 0, 0);
    }
}

/* "2026-11" a month, "2026-Q3" a quarter, "2026-H1" the first 6 months, "2026-9M" the first
 * 9 months, "2026" the year. */
gboolean
mc_report_period_parse (const char      *text,
                        gboolean         cutoff,
                        McReportPeriod  *out,
                        GError         **error)
{
  char *end = NULL;
  long year = text ? strtol (text, &end, 10) : 0;
  McPeriodKind kind = MC_PERIOD_YEAR;
  long index = 1;

  if (text == NULL || end == text || year < 2000 || year > 2200)
    goto bad;
  if (*end == '-')
    {
      const char *rest = end + 1;

      if (g_ascii_toupper (rest[0]) == 'Q' && rest[1] >= '1' && rest[1] <= '4' && rest[2] == '\0')
        kind = MC_PERIOD_QUARTER, index = rest[1] - '0';
      else if (g_ascii_strcasecmp (rest, "H1") == 0 || g_ascii_strcasecmp (rest, "6M") == 0)
        kind = MC_PERIOD_HALF;
      else if (g_ascii_strcasecmp (rest, "9M") == 0)
        kind = MC_PERIOD_NINE_MONTHS;
      else
        {
          index = strtol (rest, &end, 10);
          if (end == rest || *end != '\0' || index < 1 || index > 12)
            goto bad;
          kind = MC_PERIOD_MONTH;
        }
    }
  else if (*end != '\0')
    goto bad;
  mc_report_period_init (out, kind, (int) year, (int) index, cutoff);
  return TRUE;

bad:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("“%s” is not a period: write 2026-11 (a month), 2026-Q3 (a quarter), 2026-H1 (6 months), "
                 "2026-9M (9 months) or 2026 (a year)"), text ? text : "");
  return FALSE;
}

/* The period of @kind that holds the moment @t. */
void
mc_report_period_containing (McPeriodKind    kind,
                             gboolean        cutoff,
                             gint64          t,
                             McReportPeriod *out)
{
  g_autoptr(GDateTime) local = mc_time_to_local (t);
  int year = g_date_time_get_year (local);
  int month = g_date_time_get_month (local);

  /* From the 15th on, a cut-off date belongs to the next month's period. */
  if (cutoff && g_date_time_get_day_of_month (local) >= 15)
    {
      if (++month == 13)
        month = 1, year++;
    }
  switch (kind)
    {
    case MC_PERIOD_MONTH: mc_report_period_init (out, kind, year, month, cutoff); break;
    case MC_PERIOD_QUARTER: mc_report_period_init (out, kind, year, (month + 2) / 3, cutoff); break;
    default: mc_report_period_init (out, kind, year, 1, cutoff); break;
    }
}

/* The period of the same kind just before: the month or quarter before, or the same part of
 * the year before (6 and 9 months, the year). */
void
mc_report_period_previous (const McReportPeriod *self,
                           McReportPeriod       *out)
{
  int year = self->year, index = self->index;

  if (self->kind == MC_PERIOD_MONTH || self->kind == MC_PERIOD_QUARTER)
    {
      if (--index == 0)
        {
          index = self->kind == MC_PERIOD_MONTH ? 12 : 4;
          year--;
        }
    }
  else
    year--;
  mc_report_period_init (out, self->kind, year, index, self->cutoff);
}

/* The form mc_report_period_parse() reads. */
char *
mc_report_period_id (const McReportPeriod *self)
{
  switch (self->kind)
    {
    case MC_PERIOD_MONTH: return g_strdup_printf ("%d-%02d", self->year, self->index);
    case MC_PERIOD_QUARTER: return g_strdup_printf ("%d-Q%d", self->year, self->index);
    case MC_PERIOD_HALF: return g_strdup_printf ("%d-H1", self->year);
    case MC_PERIOD_NINE_MONTHS: return g_strdup_printf ("%d-9M", self->year);
    case MC_PERIOD_YEAR: default: return g_strdup_printf ("%d", self->year);
    }
}

/* "dd/MM/yyyy" in Vietnam time. */
char *
mc_report_date (gint64 t)
{
  return mc_time_format (t, "%d/%m/%Y");
}

/* "11/26", "Q3/2026", "6 mo. 2026": a period under a chart's bar. */
char *
mc_report_period_short_label (const McReportPeriod *self)
{
  switch (self->kind)
    {
    case MC_PERIOD_MONTH: return g_strdup_printf ("%02d/%02d", self->index, self->year % 100);
    /* TRANSLATORS: a quarter on a chart's axis: "Q3/2026" */
    case MC_PERIOD_QUARTER: return g_strdup_printf (_("Q%d/%d"), self->index, self->year);
    /* TRANSLATORS: the first 6 months of a year on a chart's axis */
    case MC_PERIOD_HALF: return g_strdup_printf (_("6 mo. %d"), self->year);
    /* TRANSLATORS: the first 9 months of a year on a chart's axis */
    case MC_PERIOD_NINE_MONTHS: return g_strdup_printf (_("9 mo. %d"), self->year);
    case MC_PERIOD_YEAR: default: return g_strdup_printf ("%d", self->year);
    }
}

/* "Month 11/2026 (01/11/2026 – 30/11/2026)": the period's name and its first and last day. */
char *
mc_report_period_label (const McReportPeriod *self)
{
  g_autofree char *first = mc_report_date (self->start);
  g_autofree char *last = mc_report_date (self->end - 1);
  g_autofree char *name = NULL;

  switch (self->kind)
    {
    /* TRANSLATORS: a reporting period: "Month 11/2026" */
    case MC_PERIOD_MONTH: name = g_strdup_printf (_("Month %d/%d"), self->index, self->year); break;
    /* TRANSLATORS: a reporting period: "Quarter 3/2026" */
    case MC_PERIOD_QUARTER: name = g_strdup_printf (_("Quarter %d/%d"), self->index, self->year); break;
    /* TRANSLATORS: a reporting period: the first 6 months of 2026 */
    case MC_PERIOD_HALF: name = g_strdup_printf (_("First 6 months of %d"), self->year); break;
    /* TRANSLATORS: a reporting period: the first 9 months of 2026 */
    case MC_PERIOD_NINE_MONTHS: name = g_strdup_printf (_("First 9 months of %d"), self->year); break;
    /* TRANSLATORS: a reporting period: the year 2026 */
    case MC_PERIOD_YEAR: default: name = g_strdup_printf (_("Year %d"), self->year); break;
    }
  /* TRANSLATORS: a period's name, then its first and last day */
  return g_strdup_printf (_("%s (%s – %s)"), name, first, last);
}

/* The period as the printed and exported reports name it, in Vietnamese whatever the
 * window's language: "Tháng 11/2026 (từ 01/11/2026 đến 30/11/2026)". */
char *
mc_report_period_official_label (const McReportPeriod *self)
{
  g_autofree char *first = mc_report_date (self->start);
  g_autofree char *last = mc_report_date (self->end - 1);
  g_autofree char *name = NULL;

  switch (self->kind)
    {
    case MC_PERIOD_MONTH: name = g_strdup_printf ("Tháng %d/%d", self->index, self->year); break;
    case MC_PERIOD_QUARTER: name = g_strdup_printf ("Quý %d/%d", self->index, self->year); break;
    case MC_PERIOD_HALF: name = g_strdup_printf ("6 tháng đầu năm %d", self->year); break;
    case MC_PERIOD_NINE_MONTHS: name = g_strdup_printf ("9 tháng năm %d", self->year); break;
    case MC_PERIOD_YEAR: default: name = g_strdup_printf ("Năm %d", self->year); break;
    }
  return g_strdup_printf ("%s (từ ngày %s đến ngày %s)", name, first, last);
}
