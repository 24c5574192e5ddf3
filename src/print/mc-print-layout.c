/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <cairo-pdf.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "mc-print-layout.h"

#define MM (72.0 / 25.4)
#define A4_SHORT (210.0 * MM)
#define A4_LONG (297.0 * MM)
/* DejaVu Serif has every Vietnamese precomposed letter and ships with Debian (fonts-dejavu-core);
 * a font without them would print boxes where the tone marks go. */
#define FONT_FAMILY "DejaVu Serif"
#define CELL_PAD_X 3.0
#define CELL_PAD_Y 2.5
#define BORDER 0.6
#define FOOTER_SIZE 8.0

struct _McPrintLayout
{
  double page_width;
  double page_height;
  double left, right, top, bottom;  /* margins */
  double body_size;
  PangoContext *context;
  GPtrArray *pages;                 /* cairo_surface_t (recording), one per page */
  cairo_t *cr;                      /* drawing on the last page */
  double y;                         /* where the next block goes on the last page */
  char *title;
  char *footer;
};

struct _McPrintTable
{
  McPrintLayout *layout;
  guint n_columns;
  double size;
  double *x;
  double *width;
  PangoAlignment *align;
  char **titles;
  guint header_page;                /* the page the header was last drawn on; G_MAXUINT = none */
  double header_height;
};

/* A laid-out block of text and the extents of each of its lines, in points from the top of
 * the block: what lets a paragraph or a table cell continue on the next page between two
 * lines, never through one. */
typedef struct
{
  PangoLayout *layout;
  guint n;
  double *top;
  double *bottom;
  double *baseline;
  double *x;
  double *width;
} Lines;

static void
lines_init (Lines       *lines,
            PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint i = 0;

  lines->layout = layout;
  lines->n = pango_layout_get_line_count (layout);
  lines->top = g_new (double, 5 * lines->n);
  lines->bottom = lines->top + lines->n;
  lines->baseline = lines->bottom + lines->n;
  lines->x = lines->baseline + lines->n;
  lines->width = lines->x + lines->n;
  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      lines->top[i] = (double) logical.y / PANGO_SCALE;
      lines->bottom[i] = (double) (logical.y + logical.height) / PANGO_SCALE;
      lines->baseline[i] = (double) pango_layout_iter_get_baseline (iter) / PANGO_SCALE;
      lines->x[i] = (double) logical.x / PANGO_SCALE;
      lines->width[i] = (double) logical.width / PANGO_SCALE;
      i++;
    }
  while (i < lines->n && pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

static void
lines_clear (Lines *lines)
{
  g_clear_object (&lines->layout);
  g_clear_pointer (&lines->top, g_free);
}

/* The height of lines [@first, @last). */
static double
lines_span (const Lines *lines,
            guint        first,
            guint        last)
{
  if (first >= last)
    return 0;
  return lines->bottom[last - 1] - lines->top[first];
}

/* How many lines from @first fit in @height; at least one when @force. */
static guint
lines_fit (const Lines *lines,
           guint        first,
           double       height,
           gboolean     force)
{
  guint last = first;

  while (last < lines->n && lines_span (lines, first, last + 1) <= height)
    last++;
  if (last == first && force && first < lines->n)
    last++;
  return last;
}

/* Draws lines [@first, @last) with the top of line @first at (@x, @y). */
static void
lines_draw (const Lines *lines,
            cairo_t     *cr,
            guint        first,
            guint        last,
            double       x,
            double       y)
{
  for (guint i = first; i < last; i++)
    {
      cairo_move_to (cr, x + lines->x[i], y + lines->baseline[i] - lines->top[first]);
      pango_cairo_show_layout_line (cr, pango_layout_get_line_readonly (lines->layout, i));
    }
}

static PangoLayout *
make_layout (McPrintLayout  *self,
             const char     *markup,
             double          size,
             double          width,
             PangoAlignment  align)
{
  PangoLayout *layout = pango_layout_new (self->context);
  PangoFontDescription *font = pango_font_description_from_string (FONT_FAMILY);

  pango_font_description_set_size (font, (int) ((size > 0 ? size : self->body_size) * PANGO_SCALE));
  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_width (layout, (int) (MAX (width, 1) * PANGO_SCALE));
  /* A word longer than the column (a long number, a run of dots) breaks between letters
   * rather than running out of the column. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, align);
  pango_layout_set_markup (layout, markup, -1);
  return layout;
}

static double
body_bottom (McPrintLayout *self)
{
  return self->page_height - self->bottom;
}

void
mc_print_layout_new_page (McPrintLayout *self)
{
  cairo_rectangle_t extents = { 0, 0, self->page_width, self->page_height };
  cairo_surface_t *page = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, &extents);

  g_ptr_array_add (self->pages, page);
  g_clear_pointer (&self->cr, cairo_destroy);
  self->cr = cairo_create (page);
  cairo_set_source_rgb (self->cr, 0, 0, 0);
  self->y = self->top;
}

/* @body_size: the size of ordinary text, in points. */
McPrintLayout *
mc_print_layout_new (McPrintOrientation orientation,
                     double             body_size)
{
  McPrintLayout *self = g_new0 (McPrintLayout, 1);
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Margins of Decree 30/2020/NĐ-CP for administrative documents: 30 mm on the binding side,
   * 15 mm on the other, 20 mm top and bottom. The landscape register has no binding margin to
   * spare for its many columns. */
  if (orientation == MC_PRINT_LANDSCAPE)
    {
      self->page_width = A4_LONG;
      self->page_height = A4_SHORT;
      self->left = 20 * MM;
    }
  else
    {
      self->page_width = A4_SHORT;
      self->page_height = A4_LONG;
      self->left = 30 * MM;
    }
  self->right = 15 * MM;
  self->top = 20 * MM;
  self->bottom = 20 * MM;
  self->body_size = body_size;

  /* Unhinted metrics at 72 dpi: a point is a device unit, and the text measures the same on
   * the PDF as on a printer's context, so the page breaks do not move between the two. */
  self->context = pango_font_map_create_context (pango_cairo_font_map_get_default ());
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);
  pango_context_set_language (self->context, pango_language_from_string ("vi"));

  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) cairo_surface_destroy);
  mc_print_layout_new_page (self);
  return self;
}

void
mc_print_layout_free (McPrintLayout *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->cr, cairo_destroy);
  g_ptr_array_unref (self->pages);
  g_object_unref (self->context);
  g_free (self->title);
  g_free (self->footer);
  g_free (self);
}

/* The title of the PDF file (its metadata). */
void
mc_print_layout_set_title (McPrintLayout *self,
                           const char    *title)
{
  g_free (self->title);
  self->title = g_strdup (title);
}

/* Plain text at the foot of every page; "Trang 2/3" is added when there is more than one. */
void
mc_print_layout_set_footer (McPrintLayout *self,
                            const char    *footer)
{
  g_free (self->footer);
  self->footer = g_strdup (footer);
}

double
mc_print_layout_get_left (McPrintLayout *self)
{
  return self->left;
}

double
mc_print_layout_get_width (McPrintLayout *self)
{
  return self->page_width - self->left - self->right;
}

double
mc_print_layout_get_y (McPrintLayout *self)
{
  return self->y;
}

/* Returns: (transfer none): drawing on the current page, for what is not text (a QR code). */
cairo_t *
mc_print_layout_get_cairo (McPrintLayout *self)
{
  return self->cr;
}

guint
mc_print_layout_get_n_pages (McPrintLayout *self)
{
  return self->pages->len;
}

void
mc_print_layout_get_page_size (McPrintLayout *self,
                               double        *out_width,
                               double        *out_height)
{
  *out_width = self->page_width;
  *out_height = self->page_height;
}

void
mc_print_layout_space (McPrintLayout *self,
                       double         points)
{
  self->y = MIN (self->y + points, body_bottom (self));
}

/* Starts a new page unless @points of room are left: what must not be separated (a signature
 * block and its name, a heading and the first lines under it) stays on one page. */
void
mc_print_layout_keep (McPrintLayout *self,
                      double         points)
{
  if (self->y + points > body_bottom (self) && self->y > self->top)
    mc_print_layout_new_page (self);
}

/* A paragraph of Pango markup, wrapped to the text width less @indent, continued on the next
 * page between two lines when it does not fit. */
void
mc_print_layout_paragraph (McPrintLayout  *self,
                           double          size,
                           PangoAlignment  align,
                           double          indent,
                           const char     *markup)
{
  Lines lines;

  lines_init (&lines, make_layout (self, markup, size, mc_print_layout_get_width (self) - indent, align));
  for (guint i = 0; i < lines.n; i++)
    {
      double height = lines_span (&lines, i, i + 1);

      mc_print_layout_keep (self, height);
      lines_draw (&lines, self->cr, i, i + 1, self->left + indent, self->y);
      self->y += height;
    }
  lines_clear (&lines);
}

/* Like mc_print_layout_paragraph() with the arguments escaped as g_markup_printf_escaped()
 * does, so that a name with "&" or "<" prints as typed. */
void
mc_print_layout_paragraphf (McPrintLayout  *self,
                            double          size,
                            PangoAlignment  align,
                            double          indent,
                            const char     *format,
                            ...)
{
  g_autofree char *markup = NULL;
  va_list args;

  va_start (args, format);
  markup = g_markup_vprintf_escaped (format, args);
  va_end (args);
  mc_print_layout_paragraph (self, size, align, indent, markup);
}

/* Sets @n_boxes blocks side by side, kept together on one page. Returns the top of the row on
 * the current page; @out_last_lines (optional, @n_boxes long) gets where each block's last
 * line is. */
double
mc_print_layout_boxes (McPrintLayout    *self,
                       guint             n_boxes,
                       const McPrintBox *boxes,
                       McPrintLine      *out_last_lines)
{
  g_autofree Lines *lines = g_new0 (Lines, n_boxes);
  double width = mc_print_layout_get_width (self);
  double height = 0, x = self->left, top;

  for (guint i = 0; i < n_boxes; i++)
    {
      double pad = boxes[i].frame ? 2 * CELL_PAD_X : 0;

      lines_init (&lines[i], make_layout (self, boxes[i].markup, boxes[i].size, boxes[i].width * width - 2 * pad,
                                          boxes[i].align));
      height = MAX (height, boxes[i].reserve_top + lines_span (&lines[i], 0, lines[i].n) + 2 * pad);
    }
  mc_print_layout_keep (self, height);
  top = self->y;
  for (guint i = 0; i < n_boxes; i++)
    {
      double box_width = boxes[i].width * width;
      double pad = boxes[i].frame ? 2 * CELL_PAD_X : 0;
      guint last = lines[i].n - 1;

      lines_draw (&lines[i], self->cr, 0, lines[i].n, x + pad, top + pad + boxes[i].reserve_top);
      if (boxes[i].frame)
        {
          cairo_set_line_width (self->cr, 2 * BORDER);
          cairo_rectangle (self->cr, x, top, box_width, height);
          cairo_stroke (self->cr);
        }
      if (out_last_lines != NULL)
        {
          out_last_lines[i].x = x + pad + lines[i].x[last];
          out_last_lines[i].y = top + pad + boxes[i].reserve_top + lines[i].bottom[last];
          out_last_lines[i].width = lines[i].width[last];
        }
      x += box_width;
      lines_clear (&lines[i]);
    }
  self->y = top + height;
  return top;
}

/* A thin horizontal line on the current page, as under the national motto. */
void
mc_print_layout_rule (McPrintLayout *self,
                      double         x,
                      double         y,
                      double         width)
{
  cairo_set_line_width (self->cr, BORDER);
  cairo_move_to (self->cr, x, y);
  cairo_rel_line_to (self->cr, width, 0);
  cairo_stroke (self->cr);
}

/* Tables */

static void
table_draw_header (McPrintTable *t)
{
  McPrintLayout *self = t->layout;

  cairo_set_line_width (self->cr, BORDER);
  for (guint i = 0; i < t->n_columns; i++)
    {
      g_autofree char *markup = g_strdup_printf ("<b>%s</b>", t->titles[i]);
      Lines lines;

      lines_init (&lines, make_layout (self, markup, t->size, t->width[i] - 2 * CELL_PAD_X, PANGO_ALIGN_CENTER));
      cairo_rectangle (self->cr, t->x[i], self->y, t->width[i], t->header_height);
      cairo_set_source_rgb (self->cr, 0.88, 0.88, 0.88);
      cairo_fill_preserve (self->cr);
      cairo_set_source_rgb (self->cr, 0, 0, 0);
      cairo_stroke (self->cr);
      lines_draw (&lines, self->cr, 0, lines.n, t->x[i] + CELL_PAD_X, self->y + CELL_PAD_Y);
      lines_clear (&lines);
    }
  self->y += t->header_height;
  t->header_page = self->pages->len - 1;
}

/* Starts a table of @n_columns; the header row is drawn with the first row on every page the
 * table reaches, never alone at the bottom of a page. */
McPrintTable *
mc_print_table_begin (McPrintLayout       *layout,
                      guint                n_columns,
                      const McPrintColumn *columns,
                      double               size)
{
  McPrintTable *t = g_new0 (McPrintTable, 1);
  double total = 0, x = layout->left;

  t->layout = layout;
  t->n_columns = n_columns;
  t->size = size > 0 ? size : layout->body_size;
  t->x = g_new (double, n_columns);
  t->width = g_new (double, n_columns);
  t->align = g_new (PangoAlignment, n_columns);
  t->titles = g_new0 (char *, n_columns + 1);
  t->header_page = G_MAXUINT;
  for (guint i = 0; i < n_columns; i++)
    total += columns[i].width;
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *markup = g_strdup_printf ("<b>%s</b>", columns[i].title);
      Lines lines;

      t->x[i] = x;
      t->width[i] = columns[i].width / total * mc_print_layout_get_width (layout);
      t->align[i] = columns[i].align;
      t->titles[i] = g_strdup (columns[i].title);
      x += t->width[i];
      lines_init (&lines, make_layout (layout, markup, t->size, t->width[i] - 2 * CELL_PAD_X, PANGO_ALIGN_CENTER));
      t->header_height = MAX (t->header_height, lines_span (&lines, 0, lines.n) + 2 * CELL_PAD_Y);
      lines_clear (&lines);
    }
  return t;
}

/* Draws, at the current position, lines [@first[i], @last[i]) of each cell in a row @height high. */
static void
table_draw_cells (McPrintTable *t,
                  Lines        *cells,
                  const guint  *first,
                  const guint  *last,
                  double        height)
{
  McPrintLayout *self = t->layout;

  cairo_set_line_width (self->cr, BORDER);
  for (guint i = 0; i < t->n_columns; i++)
    {
      cairo_rectangle (self->cr, t->x[i], self->y, t->width[i], height);
      cairo_stroke (self->cr);
      lines_draw (&cells[i], self->cr, first[i], last[i], t->x[i] + CELL_PAD_X, self->y + CELL_PAD_Y);
    }
  self->y += height;
}

/* Adds a row of @cells (Pango markup, one per column). A row that does not fit in what is left
 * of the page goes whole to the next one; only a row taller than a whole page is continued,
 * between two lines of its cells. */
void
mc_print_table_row (McPrintTable       *t,
                    const char * const *cells)
{
  McPrintLayout *self = t->layout;
  double page_body = body_bottom (self) - self->top;
  g_autofree Lines *lines = g_new0 (Lines, t->n_columns);
  g_autofree guint *first = g_new0 (guint, t->n_columns);
  g_autofree guint *last = g_new0 (guint, t->n_columns);

  for (guint i = 0; i < t->n_columns; i++)
    lines_init (&lines[i], make_layout (self, cells[i] ? cells[i] : "", t->size,
                                        t->width[i] - 2 * CELL_PAD_X, t->align[i]));
  for (;;)
    {
      gboolean header_here = t->header_page == self->pages->len - 1;
      double header = header_here ? 0 : t->header_height;
      double avail = body_bottom (self) - self->y - header;
      gboolean fresh = self->y - (header_here ? t->header_height : 0) <= self->top + 0.5;
      gboolean placed = FALSE;
      double need = 0;

      for (guint i = 0; i < t->n_columns; i++)
        {
          need = MAX (need, lines_span (&lines[i], first[i], lines[i].n));
          last[i] = lines[i].n;
        }
      need += 2 * CELL_PAD_Y;
      if (need <= avail)
        {
          if (!header_here)
            table_draw_header (t);
          table_draw_cells (t, lines, first, last, need);
          break;
        }
      if (need <= page_body - t->header_height && !fresh)
        {
          mc_print_layout_new_page (self);
          continue;
        }

      /* Taller than a page: fill this one and go on with the remaining lines. */
      for (guint i = 0; i < t->n_columns; i++)
        {
          last[i] = lines_fit (&lines[i], first[i], avail - 2 * CELL_PAD_Y, fresh);
          placed |= last[i] > first[i];
        }
      if (placed)
        {
          if (!header_here)
            table_draw_header (t);
          table_draw_cells (t, lines, first, last, MAX (avail, 0));
          memcpy (first, last, t->n_columns * sizeof (guint));
        }
      mc_print_layout_new_page (self);
    }
  for (guint i = 0; i < t->n_columns; i++)
    lines_clear (&lines[i]);
}

void
mc_print_table_end (McPrintTable *t)
{
  g_free (t->x);
  g_free (t->width);
  g_free (t->align);
  g_strfreev (t->titles);
  g_free (t);
}

/* Output */

/* Draws page @page (from 0) with its footer on @cr, whose unit must be the point. */
void
mc_print_layout_draw_page (McPrintLayout *self,
                           cairo_t       *cr,
                           guint          page)
{
  g_autofree char *footer = NULL;

  g_return_if_fail (page < self->pages->len);

  cairo_save (cr);
  cairo_set_source_surface (cr, g_ptr_array_index (self->pages, page), 0, 0);
  cairo_paint (cr);
  cairo_restore (cr);

  if (self->pages->len > 1)
    footer = g_strdup_printf ("%s%sTrang %u/%u", self->footer ? self->footer : "", self->footer ? " — " : "",
                              page + 1, self->pages->len);
  else
    footer = g_strdup (self->footer);
  if (footer != NULL && *footer != '\0')
    {
      g_autofree char *markup = g_markup_escape_text (footer, -1);
      Lines lines;

      lines_init (&lines, make_layout (self, markup, FOOTER_SIZE, mc_print_layout_get_width (self), PANGO_ALIGN_CENTER));
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
      lines_draw (&lines, cr, 0, lines.n, self->left,
                  self->page_height - self->bottom / 2 - lines_span (&lines, 0, lines.n) / 2);
      cairo_restore (cr);
      lines_clear (&lines);
    }
}

static cairo_status_t
append_bytes (void                *closure,
              const unsigned char *data,
              unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* Returns: (transfer full): the pages as a PDF document, or NULL with @error set. */
GBytes *
mc_print_layout_to_pdf (McPrintLayout  *self,
                        GError        **error)
{
  GByteArray *bytes = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (append_bytes, bytes, self->page_width,
                                                                  self->page_height);
  cairo_t *cr = cairo_create (surface);
  cairo_status_t status;

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Một Cửa");
  if (self->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, self->title);
  for (guint i = 0; i < self->pages->len; i++)
    {
      mc_print_layout_draw_page (self, cr, i);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot make the PDF: %s", cairo_status_to_string (status));
      g_byte_array_unref (bytes);
      return NULL;
    }
  return g_byte_array_free_to_bytes (bytes);
}

/* Writes the PDF to @path, replacing it whole or not at all. */
gboolean
mc_print_layout_write_pdf (McPrintLayout  *self,
                           const char     *path,
                           GError        **error)
{
  g_autoptr(GBytes) pdf = mc_print_layout_to_pdf (self, error);
  gsize size;
  const char *data;

  if (pdf == NULL)
    return FALSE;
  data = g_bytes_get_data (pdf, &size);
  return mc_print_write_file (path, data, size, error);
}
