/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MC_TYPE_REPORT_CHART (mc_report_chart_get_type ())
G_DECLARE_FINAL_TYPE (McReportChart, mc_report_chart, MC, REPORT_CHART, GtkWidget)

GtkWidget *mc_report_chart_new        (void);
void       mc_report_chart_set_values (McReportChart *self,
                                       guint          n,
                                       const double  *values,
                                       const char   **labels,
                                       double         threshold,
                                       gboolean       percent);

G_END_DECLS
