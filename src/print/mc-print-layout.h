/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <gio/gio.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The paginated flow of a printed form: text and tables laid out top to bottom on A4 pages,
 * continued on the next page without cutting a line or a table row, the table header repeated
 * on every page. Pages are kept as cairo recording surfaces, so the same pages can be written
 * to a PDF file or drawn on a GtkPrintOperation's context, and "page 2 of 3" can be written
 * once the number of pages is known. Units are PostScript points (1/72 inch). */

typedef enum
{
  MC_PRINT_PORTRAIT,
  MC_PRINT_LANDSCAPE,
} McPrintOrientation;

/* One block of a row of blocks set side by side and kept together (the heading, the
 * signature blocks): @width is a fraction of the text width. */
typedef struct
{
  double width;
  const char *markup;      /* Pango markup, already escaped */
  double size;             /* points; 0 = the body size */
  PangoAlignment align;
  double reserve_top;      /* points of room kept above the text (a QR code drawn there) */
  gboolean frame;          /* a thin box around it */
} McPrintBox;

/* Where the last line of a block ended up, to draw the short rule of the national heading. */
typedef struct
{
  double x;
  double y;                /* the bottom of the line */
  double width;
} McPrintLine;

typedef struct
{
  const char *title;       /* Pango markup */
  double width;            /* a fraction of the text width */
  PangoAlignment align;
} McPrintColumn;

typedef struct _McPrintLayout McPrintLayout;
typedef struct _McPrintTable McPrintTable;

McPrintLayout *mc_print_layout_new        (McPrintOrientation  orientation,
                                           double              body_size);
void           mc_print_layout_free       (McPrintLayout      *self);

void           mc_print_layout_set_title  (McPrintLayout      *self,
                                           const char         *title);
void           mc_print_layout_set_footer (McPrintLayout      *self,
                                           const char         *footer);
double         mc_print_layout_get_left   (McPrintLayout      *self);
double         mc_print_layout_get_width  (McPrintLayout      *self);
double         mc_print_layout_get_y      (McPrintLayout      *self);
cairo_t       *mc_print_layout_get_cairo  (McPrintLayout      *self);

void           mc_print_layout_space      (McPrintLayout      *self,
                                           double              points);
void           mc_print_layout_keep       (McPrintLayout      *self,
                                           double              points);
void           mc_print_layout_new_page   (McPrintLayout      *self);
void           mc_print_layout_paragraph  (McPrintLayout      *self,
                                           double              size,
                                           PangoAlignment      align,
                                           double              indent,
                                           const char         *markup);
void           mc_print_layout_paragraphf (McPrintLayout      *self,
                                           double              size,
                                           PangoAlignment      align,
                                           double              indent,
                                           const char         *format,
                                           ...) G_GNUC_PRINTF (5, 6);
double         mc_print_layout_boxes      (McPrintLayout      *self,
                                           guint               n_boxes,
                                           const McPrintBox   *boxes,
                                           McPrintLine        *out_last_lines);
void           mc_print_layout_rule       (McPrintLayout      *self,
                                           double              x,
                                           double              y,
                                           double              width);

McPrintTable  *mc_print_table_begin       (McPrintLayout       *layout,
                                           guint                n_columns,
                                           const McPrintColumn *columns,
                                           double               size);
void           mc_print_table_row         (McPrintTable       *table,
                                           const char * const *cells);
void           mc_print_table_end         (McPrintTable       *table);

guint          mc_print_layout_get_n_pages (McPrintLayout     *self);
void           mc_print_layout_get_page_size (McPrintLayout   *self,
                                           double             *out_width,
                                           double             *out_height);
void           mc_print_layout_draw_page  (McPrintLayout      *self,
                                           cairo_t            *cr,
                                           guint               page);
GBytes        *mc_print_layout_to_pdf     (McPrintLayout      *self,
                                           GError            **error);
gboolean       mc_print_write_file        (const char         *path,
                                           const void         *data,
                                           gsize               size,
                                           GError            **error);
gboolean       mc_print_layout_write_pdf  (McPrintLayout      *self,
                                           const char         *path,
                                           GError            **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPrintLayout, mc_print_layout_free)

G_END_DECLS
