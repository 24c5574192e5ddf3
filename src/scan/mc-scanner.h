/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-scan-types.h"

G_BEGIN_DECLS

/* Scanning paper dossiers through SANE into one PDF (mc-scanner.c). */

#define MC_TYPE_SCANNER (mc_scanner_get_type ())
G_DECLARE_FINAL_TYPE (McScanner, mc_scanner, MC, SCANNER, GObject)

McScanner  *mc_scanner_new              (const char    *device);
const char *mc_scanner_get_device       (McScanner     *self);
guint       mc_scanner_get_resolution   (McScanner     *self);
void        mc_scanner_set_resolution   (McScanner     *self,
                                         guint          dpi);
McScanMode  mc_scanner_get_mode         (McScanner     *self);
void        mc_scanner_set_mode         (McScanner     *self,
                                         McScanMode     mode);
gboolean    mc_scanner_get_feeder       (McScanner     *self);
void        mc_scanner_set_feeder       (McScanner     *self,
                                         gboolean       feeder);
void        mc_scanner_set_option       (McScanner     *self,
                                         const char    *name,
                                         const char    *value);
gboolean    mc_scanner_get_busy         (McScanner     *self);

void        mc_scanner_scan_async       (McScanner           *self,
                                         guint                max_pages,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    mc_scanner_scan_finish      (McScanner           *self,
                                         GAsyncResult        *result,
                                         guint               *out_added,
                                         GError             **error);

guint       mc_scanner_get_n_pages      (McScanner     *self);
GBytes     *mc_scanner_get_thumbnail    (McScanner     *self,
                                         guint          page);
void        mc_scanner_clear            (McScanner     *self);

gboolean    mc_scanner_save             (McScanner     *self,
                                         GFile         *output,
                                         GCancellable  *cancellable,
                                         GError       **error);
void        mc_scanner_save_async       (McScanner           *self,
                                         GFile               *output,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
gboolean    mc_scanner_save_finish      (McScanner           *self,
                                         GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
