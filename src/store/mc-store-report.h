/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-report.h"
#include "mc-store.h"

G_BEGIN_DECLS

McReportData *mc_store_report_load (McStore  *self,
                                    gint64    from,
                                    gint64    to,
                                    GError  **error);

G_END_DECLS
