/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-print.h"
#include "mc-report.h"

G_BEGIN_DECLS

/* The two reports as documents (../shared/domain/reports.md §1.3, §1.7): the same lines go to
 * the PDF (an A4 landscape form like the others), the spreadsheet (XLSX with the form's
 * merged header and formulas for the totals) and CSV. */

typedef enum
{
  MC_REPORT_LINE_GROUP,    /* a ministry's subtotal (Biểu 06) or a 766 group */
  MC_REPORT_LINE_ITEM,     /* a lĩnh vực (Biểu 06) or an indicator (766) */
  MC_REPORT_LINE_TOTAL,
} McReportLineKind;

typedef struct
{
  McReportLineKind kind;
  char *number;            /* "I", "1", "" */
  char *label;
  gint64 cells[MC_BIEU06_N_COUNTS];  /* Biểu 06: columns 3–13 */
  guint first_item, n_items;         /* a group: the lines of its items */
  guint first_group, n_groups;       /* the total: its groups (lines) */
  int source, field;                 /* the form's row: indices in McReportData, -1 = all */
} McBieu06Line;

/* Biểu 06's lines: per ministry its row (the subtotal of its lĩnh vực) then its lĩnh vực,
 * and the total. @source_names: source id → the ministry's name. */
GPtrArray     *mc_bieu06_lines        (const McReportData   *data,
                                       const McBieu06       *form,
                                       GHashTable           *source_names);

/* The 766 table: the indicators of one report, the portal's among them. */
typedef struct
{
  const McIndicator *indicator;      /* NULL on a group line and the total */
  int group;
  const McIndicatorValue *value;     /* NULL when only the portal computes it */
} McReport766Line;

GArray        *mc_report_766_lines    (const McReport766    *report);
char          *mc_report_format_ratio (double                ratio);
char          *mc_report_format_points (double               points);
char          *mc_report_format_days  (double                days);
char          *mc_report_766_note     (const McIndicator    *indicator,
                                       const McIndicatorValue *value);

McPrintLayout *mc_print_bieu06        (const McPrintOffice  *office,
                                       GPtrArray            *lines,
                                       gint64                from,
                                       gint64                to,
                                       gint64                printed_at);
McPrintLayout *mc_print_766           (const McPrintOffice  *office,
                                       const McReport766    *report,
                                       const char           *period,
                                       gint64                printed_at);

gboolean       mc_report_write_bieu06 (const char           *path,
                                       const McPrintOffice  *office,
                                       GPtrArray            *lines,
                                       gint64                from,
                                       gint64                to,
                                       GError              **error);
gboolean       mc_report_write_766    (const char           *path,
                                       const McPrintOffice  *office,
                                       const McReport766    *report,
                                       const char           *period,
                                       GError              **error);

G_END_DECLS
