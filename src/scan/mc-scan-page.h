/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* One scanned page (reference-counted, never changed once made), kept as JPEG (mc-scan-page.c): a 300-dpi A4 page is 25 MB of raw colour
 * and several MB deflated (scanner noise does not deflate), while the ministry systems take
 * 5–10 MB a file; JPEG keeps a page in a few hundred kB, and cairo puts it into the PDF as it
 * is (DCTDecode), without decoding or compressing it again. */
typedef struct
{
  GBytes *jpeg;
  GBytes *thumbnail;   /* a small JPEG for previews, at most MC_SCAN_THUMBNAIL_SIZE px wide */
  guint width;         /* pixels */
  guint height;
  double dpi;          /* what sizes the page in the PDF */
} McScanPage;

#define MC_SCAN_THUMBNAIL_SIZE 240

/* The pixels of one frame as SANE delivers them. */
typedef struct
{
  const guint8 *data;
  gsize bytes_per_line;
  guint width;
  guint height;
  guint channels;      /* 1 (grey) or 3 (RGB) */
  guint depth;         /* bits per sample: 1, 8 or 16 (16: host byte order) */
} McScanFrame;

McScanPage *mc_scan_page_encode (const McScanFrame *frame,
                                 double             dpi,
                                 GError           **error);
McScanPage *mc_scan_page_ref    (McScanPage        *page);
void        mc_scan_page_unref  (McScanPage        *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McScanPage, mc_scan_page_unref)

gboolean    mc_scan_pages_write_pdf (GPtrArray     *pages,
                                     const char    *path,
                                     GCancellable  *cancellable,
                                     GError       **error);

G_END_DECLS
