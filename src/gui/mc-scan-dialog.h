/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-scanner.h"
#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_SCAN_DIALOG (mc_scan_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McScanDialog, mc_scan_dialog, MC, SCAN_DIALOG, AdwWindow)

McScanDialog *mc_scan_dialog_new           (GtkWindow    *parent,
                                            McStore      *store);
void          mc_scan_dialog_set_directory (McScanDialog *self,
                                            const char   *directory);
McScanner    *mc_scan_dialog_get_scanner   (McScanDialog *self);
guint         mc_scan_dialog_get_n_devices (McScanDialog *self);

G_END_DECLS
