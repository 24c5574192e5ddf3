/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the scanner (mc-scanner.c), its SANE glue (mc-scan-sane.c) and its pages
 * (mc-scan-page.c) share: the errors, the modes and the devices SANE lists. */

#define MC_SCAN_ERROR (mc_scan_error_quark ())
GQuark mc_scan_error_quark (void);

typedef enum
{
  MC_SCAN_ERROR_NO_DEVICE,     /* the device cannot be opened (absent, unplugged, refused) */
  MC_SCAN_ERROR_DEVICE_LOST,   /* the device stopped answering during a scan */
  MC_SCAN_ERROR_BUSY,          /* another program is using it */
  MC_SCAN_ERROR_JAMMED,        /* paper jam */
  MC_SCAN_ERROR_COVER_OPEN,
  MC_SCAN_ERROR_NO_DOCUMENT,   /* the feeder is empty before the first page */
  MC_SCAN_ERROR_UNSUPPORTED,   /* a frame format or option this program cannot use */
  MC_SCAN_ERROR_NO_PAGES,      /* nothing to save */
  MC_SCAN_ERROR_FAILED,        /* any other status of the backend */
} McScanError;

typedef enum
{
  MC_SCAN_MODE_GRAY,
  MC_SCAN_MODE_COLOR,
} McScanMode;

GType mc_scan_mode_get_type (void);
#define MC_TYPE_SCAN_MODE (mc_scan_mode_get_type ())

/* The document presets: the resolutions offered to the official (dpi). */
#define MC_SCAN_DPI_LOW  200
#define MC_SCAN_DPI_HIGH 300

/* One scanner as SANE lists it. */
typedef struct
{
  char *name;    /* what mc_scanner_new() takes: "test:0", "genesys:libusb:001:004" */
  char *vendor;
  char *model;
  char *type;    /* "flatbed scanner", "sheetfed scanner", … */
} McScanDevice;

GType         mc_scan_device_get_type (void);
#define MC_TYPE_SCAN_DEVICE (mc_scan_device_get_type ())
McScanDevice *mc_scan_device_copy     (const McScanDevice *device);
void          mc_scan_device_free     (McScanDevice       *device);
char         *mc_scan_device_label    (const McScanDevice *device);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McScanDevice, mc_scan_device_free)

GPtrArray *mc_scan_list_devices        (GError              **error);
void       mc_scan_list_devices_async  (GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
GPtrArray *mc_scan_list_devices_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
