/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jpeglib.h>

#include "mc-scan-page.h"
#include "mc-scan-types.h"

/* Pages are encoded once, in the scanning thread, and written into the PDF as they are. */

#define PAGE_QUALITY 80
#define THUMBNAIL_QUALITY 75

typedef struct
{
  struct jpeg_error_mgr parent;
  jmp_buf jump;
  char message[JMSG_LENGTH_MAX];
} JpegError;

static void
jpeg_error_exit (j_common_ptr cinfo)
{
  JpegError *err = (JpegError *) cinfo->err;

  err->parent.format_message (cinfo, err->message);
  longjmp (err->jump, 1);
}

/* One row of @frame as 8-bit samples into @out (width × channels bytes). */
static void
frame_row (const McScanFrame *frame,
           guint              y,
           guint8            *out)
{
  const guint8 *row = frame->data + (gsize) y * frame->bytes_per_line;
  guint n = frame->width * frame->channels;

  switch (frame->depth)
    {
    case 1:
      /* Line art: a set bit is black (SANE's convention, the reverse of grey levels). */
      for (guint x = 0; x < n; x++)
        out[x] = (row[x / 8] & (0x80 >> (x % 8))) ? 0 : 255;
      break;
    case 16:
      for (guint x = 0; x < n; x++)
        {
          guint16 v;

          memcpy (&v, row + 2 * x, sizeof v);
          out[x] = v >> 8;
        }
      break;
    default:
      memcpy (out, row, n);
    }
}

/* Box-averages @factor × @factor pixels of the 8-bit rows into one (the thumbnail). */
static guint8 *
shrink (const McScanFrame *frame,
        guint              factor,
        guint             *out_width,
        guint             *out_height)
{
  guint c = frame->channels;
  guint w = MAX (1, frame->width / factor), h = MAX (1, frame->height / factor);
  g_autofree guint8 *row = g_malloc (frame->width * c);
  g_autofree guint32 *sum = g_new0 (guint32, w * c);
  guint8 *out = g_malloc ((gsize) w * h * c);

  for (guint ty = 0; ty < h; ty++)
    {
      memset (sum, 0, sizeof (guint32) * w * c);
      for (guint dy = 0; dy < factor && ty * factor + dy < frame->height; dy++)
        {
          frame_row (frame, ty * factor + dy, row);
          for (guint tx = 0; tx < w; tx++)
            for (guint dx = 0; dx < factor && tx * factor + dx < frame->width; dx++)
              for (guint k = 0; k < c; k++)
                sum[tx * c + k] += row[(tx * factor + dx) * c + k];
        }
      for (guint i = 0; i < w * c; i++)
        out[(gsize) ty * w * c + i] = sum[i] / (factor * factor);
    }
  *out_width = w;
  *out_height = h;
  return out;
}

static void
free_jpeg_buffer (gpointer data)
{
  free (data);
}

/* Encodes @packed (8-bit rows, width × channels each) or else @frame, converted row by row
 * (no second copy of a page). */
static GBytes *
encode_jpeg (guint          width,
             guint          height,
             guint          channels,
             int            quality,
             const McScanFrame *frame,
             const guint8  *packed,
             GError       **error)
{
  struct jpeg_compress_struct cinfo;
  JpegError err;
  unsigned char *volatile buffer = NULL;
  unsigned long size = 0;
  guint8 *volatile row = NULL;

  cinfo.err = jpeg_std_error (&err.parent);
  err.parent.error_exit = jpeg_error_exit;
  if (setjmp (err.jump))
    {
      jpeg_destroy_compress (&cinfo);
      free (buffer);
      g_free (row);
      g_set_error (error, MC_SCAN_ERROR, MC_SCAN_ERROR_FAILED,
                   _("The scanned page could not be compressed: %s"), err.message);
      return NULL;
    }
  jpeg_create_compress (&cinfo);
  jpeg_mem_dest (&cinfo, (unsigned char **) &buffer, &size);
  cinfo.image_width = width;
  cinfo.image_height = height;
  cinfo.input_components = channels;
  cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
  jpeg_set_defaults (&cinfo);
  jpeg_set_quality (&cinfo, quality, TRUE);
  jpeg_start_compress (&cinfo, TRUE);
  if (packed == NULL)
    row = g_malloc ((gsize) width * channels);
  while (cinfo.next_scanline < height)
    {
      JSAMPROW rows[1];

      if (packed != NULL)
        rows[0] = (JSAMPROW) packed + (gsize) cinfo.next_scanline * width * channels;
      else
        {
          frame_row (frame, cinfo.next_scanline, row);
          rows[0] = row;
        }
      jpeg_write_scanlines (&cinfo, rows, 1);
    }
  jpeg_finish_compress (&cinfo);
  jpeg_destroy_compress (&cinfo);
  g_free (row);
  return g_bytes_new_with_free_func (buffer, size, free_jpeg_buffer, buffer);
}

/* Returns: (transfer full) (nullable): @frame as a page of @dpi, with its thumbnail. */
McScanPage *
mc_scan_page_encode (const McScanFrame  *frame,
                     double              dpi,
                     GError            **error)
{
  g_autoptr(McScanPage) page = g_atomic_rc_box_new0 (McScanPage);
  g_autofree guint8 *small = NULL;
  guint factor, tw, th;

  g_return_val_if_fail (frame->channels == 1 || frame->channels == 3, NULL);
  g_return_val_if_fail (frame->width > 0 && frame->height > 0, NULL);

  page->width = frame->width;
  page->height = frame->height;
  page->dpi = dpi;
  if (!(page->jpeg = encode_jpeg (frame->width, frame->height, frame->channels, PAGE_QUALITY,
                                  frame, NULL, error)))
    return NULL;
  factor = MAX (1, (frame->width + MC_SCAN_THUMBNAIL_SIZE - 1) / MC_SCAN_THUMBNAIL_SIZE);
  small = shrink (frame, factor, &tw, &th);
  if (!(page->thumbnail = encode_jpeg (tw, th, frame->channels, THUMBNAIL_QUALITY, NULL, small, error)))
    return NULL;
  return g_steal_pointer (&page);
}

McScanPage *
mc_scan_page_ref (McScanPage *page)
{
  return g_atomic_rc_box_acquire (page);
}

static void
clear_page (gpointer data)
{
  McScanPage *page = data;

  g_clear_pointer (&page->jpeg, g_bytes_unref);
  g_clear_pointer (&page->thumbnail, g_bytes_unref);
}

void
mc_scan_page_unref (McScanPage *page)
{
  if (page != NULL)
    g_atomic_rc_box_release_full (page, clear_page);
}

static cairo_status_t
write_fd (void                *closure,
          const unsigned char *data,
          unsigned int         length)
{
  int fd = GPOINTER_TO_INT (closure);

  while (length > 0)
    {
      ssize_t n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return CAIRO_STATUS_WRITE_ERROR;
      data += n;
      length -= n;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Each page is an image of its own pixel size at its own resolution: a page scanned at 300 dpi
 * is as large on paper as the same page at 200 dpi. The image surface only carries the JPEG
 * (cairo emits the mime data and never reads the pixels, so its zeroed memory stays untouched
 * pages of the allocator). */
static cairo_status_t
draw_pages (cairo_surface_t *pdf,
            GPtrArray       *pages,
            GCancellable    *cancellable)
{
  for (guint i = 0; i < pages->len; i++)
    {
      McScanPage *page = g_ptr_array_index (pages, i);
      cairo_surface_t *image;
      cairo_status_t status;
      cairo_t *cr;

      if (g_cancellable_is_cancelled (cancellable))
        return CAIRO_STATUS_WRITE_ERROR;
      cairo_pdf_surface_set_size (pdf, page->width * 72.0 / page->dpi, page->height * 72.0 / page->dpi);
      image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, page->width, page->height);
      status = cairo_surface_set_mime_data (image, CAIRO_MIME_TYPE_JPEG,
                                            g_bytes_get_data (page->jpeg, NULL),
                                            g_bytes_get_size (page->jpeg),
                                            (cairo_destroy_func_t) g_bytes_unref,
                                            g_bytes_ref (page->jpeg));
      cr = cairo_create (pdf);
      cairo_scale (cr, 72.0 / page->dpi, 72.0 / page->dpi);
      cairo_set_source_surface (cr, image, 0, 0);
      cairo_paint (cr);
      cairo_show_page (cr);
      if (status == CAIRO_STATUS_SUCCESS)
        status = cairo_status (cr);
      cairo_destroy (cr);
      cairo_surface_destroy (image);
      if (status != CAIRO_STATUS_SUCCESS)
        return status;
    }
  return CAIRO_STATUS_SUCCESS;
}

/* Writes @pages as one PDF at @path: into a temporary file beside it, synced, then renamed, so
 * that @path is either the whole document or absent (or its earlier content) — never half a
 * document, whatever stops the writing. Mode 0600: scans are citizens' papers. */
gboolean
mc_scan_pages_write_pdf (GPtrArray     *pages,
                         const char    *path,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *tmp = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  cairo_surface_t *pdf;
  cairo_status_t status;
  int fd, saved;

  if (pages->len == 0)
    {
      g_set_error_literal (error, MC_SCAN_ERROR, MC_SCAN_ERROR_NO_PAGES, _("No page has been scanned"));
      return FALSE;
    }
  if ((fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600)) < 0)
    {
      saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot write in “%s”: %s"), dir, g_strerror (saved));
      return FALSE;
    }
  pdf = cairo_pdf_surface_create_for_stream (write_fd, GINT_TO_POINTER (fd), 595, 842);
  cairo_pdf_surface_set_metadata (pdf, CAIRO_PDF_METADATA_CREATOR, "Một Cửa");
  status = draw_pages (pdf, pages, cancellable);
  cairo_surface_finish (pdf);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (pdf);
  cairo_surface_destroy (pdf);

  saved = 0;
  if (status == CAIRO_STATUS_SUCCESS && fsync (fd) != 0)
    saved = errno;
  if (close (fd) != 0 && saved == 0 && status == CAIRO_STATUS_SUCCESS)
    saved = errno;
  if (status == CAIRO_STATUS_SUCCESS && saved == 0 && g_rename (tmp, path) != 0)
    saved = errno;
  if (status == CAIRO_STATUS_SUCCESS && saved == 0)
    return TRUE;

  g_unlink (tmp);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (saved != 0)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                 _("Cannot save “%s”: %s"), path, g_strerror (saved));
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Cannot save “%s”: %s"), path, cairo_status_to_string (status));
  return FALSE;
}
