/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-report.h"

G_BEGIN_DECLS

/* The rules mc-report.c and mc-report-bieu06.c share. */
gint64   mc_report_day            (gint64              t);
gboolean mc_report_row_received   (const McReportRow  *row);
gboolean mc_report_row_ended      (const McReportRow  *row);
gboolean mc_report_row_on_time    (const McReportRow  *row,
                                   gint64              reference);
gint64   mc_report_reference_time (const McReportData *data,
                                   gint64              end);

G_END_DECLS
