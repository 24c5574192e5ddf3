/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <gio/gio.h>
#include <qrencode.h>

#include "mc-print-qr.h"

/* The quiet zone the QR specification asks for around the symbol, in modules: without it a
 * scanner may not find the finder patterns next to other ink. */
#define QUIET_ZONE 4

/* Draws a QR code of @text in the square (@x, @y, @size, @size), quiet zone included, as filled
 * rectangles: vector shapes stay sharp at any printer resolution. Level M survives a creased or
 * smudged receipt. */
gboolean
mc_print_qr (cairo_t     *cr,
             const char  *text,
             double       x,
             double       y,
             double       size,
             GError     **error)
{
  QRcode *code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  double module;

  if (code == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "Cannot make the QR code of “%s”: %s",
                   text, g_strerror (saved));
      return FALSE;
    }
  module = size / (code->width + 2 * QUIET_ZONE);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);

  /* One path of horizontal runs, filled once: adjacent modules of one fill leave no hairline
   * seams between them when rasterized, as separately filled squares can. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    for (int col = 0; col < code->width;)
      {
        int start = col;

        while (col < code->width && (code->data[row * code->width + col] & 1))
          col++;
        if (col > start)
          cairo_rectangle (cr, x + (QUIET_ZONE + start) * module, y + (QUIET_ZONE + row) * module,
                           (col - start) * module, module);
        else
          col++;
      }
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}
