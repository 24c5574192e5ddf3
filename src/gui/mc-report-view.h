/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_REPORT_VIEW (mc_report_view_get_type ())
G_DECLARE_FINAL_TYPE (McReportView, mc_report_view, MC, REPORT_VIEW, GtkWidget)

void       mc_report_view_set_store        (McReportView *self,
                                            McStore      *store);
void       mc_report_view_refresh          (McReportView *self);
gboolean   mc_report_view_is_loading       (McReportView *self);
double     mc_report_view_get_score        (McReportView *self);
GtkWindow *mc_report_view_get_drill_window (McReportView *self);

G_END_DECLS
