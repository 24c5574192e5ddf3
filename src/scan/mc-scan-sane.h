/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sane/sane.h>

#include "mc-scan-types.h"

G_BEGIN_DECLS

/* McScanner's SANE glue (mc-scan-sane.c), for mc-scanner.c only. */

SANE_Status mc_scan_sane_open        (const char   *device,
                                      SANE_Handle  *out_handle);
void        mc_scan_sane_close       (SANE_Handle   handle);
void        mc_scan_sane_close_pending (void);
void        mc_scan_sane_close_done  (void);
void        mc_scan_set_status_error (GError      **error,
                                      SANE_Status   status,
                                      const char   *device);
gboolean    mc_scan_apply_preset     (SANE_Handle   handle,
                                      const char   *device,
                                      McScanMode    mode,
                                      gboolean      feeder,
                                      GPtrArray    *options,
                                      guint         dpi,
                                      double       *out_dpi,
                                      GError      **error);

G_END_DECLS
