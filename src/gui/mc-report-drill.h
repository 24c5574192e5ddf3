/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_REPORT_DRILL (mc_report_drill_get_type ())
G_DECLARE_FINAL_TYPE (McReportDrill, mc_report_drill, MC, REPORT_DRILL, GtkWindow)

GtkWindow *mc_report_drill_new (GtkWindow  *parent,
                                McStore    *store,
                                const char *title,
                                GArray     *ids);

G_END_DECLS
