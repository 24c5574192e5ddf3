/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <math.h>
#include <xlsxwriter.h>

#include "mc-print-text.h"
#include "mc-report-doc.h"
#include "mc-time.h"

/* A report written to a file, as the name's extension says: an XLSX workbook (libxlsxwriter)
 * with the form's merged header and formulas for every total (their values cached, so a
 * reader that does not recompute still sees them), CSV (UTF-8 with a byte-order mark, which
 * spreadsheet programs need to read Vietnamese), or the PDF the printer gets. */

typedef enum { FORMAT_XLSX, FORMAT_CSV, FORMAT_PDF } Format;

static gboolean
format_of (const char  *path,
           Format      *out,
           GError     **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".xlsx"))
    *out = FORMAT_XLSX;
  else if (g_str_has_suffix (lower, ".csv"))
    *out = FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".pdf"))
    *out = FORMAT_PDF;
  else
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FAILED,
                   _("%s: the file name must end in .xlsx, .csv or .pdf"), path);
      return FALSE;
    }
  return TRUE;
}

/* CSV */

static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append (out, last ? "\"\r\n" : "\",");
}

static gboolean
write_text (const char  *path,
            GString     *text,
            GError     **error)
{
  return g_file_set_contents (path, text->str, text->len, error);
}

/* XLSX */

/* libxlsxwriter writes numbers with the C library's printf unless it was built with its own
 * conversion: under a Vietnamese LC_NUMERIC, 0.5 would be written "0,5", which no spreadsheet
 * reads. A workbook is built and written (book_open to book_close) in the "C" numeric locale
 * of this thread only. */
typedef struct
{
  locale_t c;
  locale_t previous;
} NumericC;

static void
numeric_c_begin (NumericC *n)
{
  n->c = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  n->previous = n->c != (locale_t) 0 ? uselocale (n->c) : (locale_t) 0;
}

static void
numeric_c_end (NumericC *n)
{
  if (n->c == (locale_t) 0)
    return;
  uselocale (n->previous);
  freelocale (n->c);
}

typedef struct
{
  NumericC numeric;          /* while the workbook is open */
  lxw_workbook *book;
  lxw_format *head, *title, *text, *number, *bold_text, *bold_number, *percent, *note;
} Book;

static void
book_open (Book       *b,
           const char *path)
{
  numeric_c_begin (&b->numeric);
  b->book = workbook_new (path);
  if (b->book == NULL)
    {
      numeric_c_end (&b->numeric);
      return;
    }
  b->head = workbook_add_format (b->book);
  format_set_bold (b->head);
  format_set_border (b->head, LXW_BORDER_THIN);
  format_set_align (b->head, LXW_ALIGN_CENTER);
  format_set_align (b->head, LXW_ALIGN_VERTICAL_CENTER);
  format_set_text_wrap (b->head);
  format_set_bg_color (b->head, 0xE0E0E0);
  b->title = workbook_add_format (b->book);
  format_set_bold (b->title);
  format_set_font_size (b->title, 13);
  format_set_align (b->title, LXW_ALIGN_CENTER);
  format_set_text_wrap (b->title);
  b->note = workbook_add_format (b->book);
  format_set_italic (b->note);
  b->text = workbook_add_format (b->book);
  format_set_border (b->text, LXW_BORDER_THIN);
  format_set_text_wrap (b->text);
  b->number = workbook_add_format (b->book);
  format_set_border (b->number, LXW_BORDER_THIN);
  b->bold_text = workbook_add_format (b->book);
  format_set_border (b->bold_text, LXW_BORDER_THIN);
  format_set_bold (b->bold_text);
  format_set_bg_color (b->bold_text, 0xF0F0F0);
  b->bold_number = workbook_add_format (b->book);
  format_set_border (b->bold_number, LXW_BORDER_THIN);
  format_set_bold (b->bold_number);
  format_set_bg_color (b->bold_number, 0xF0F0F0);
  b->percent = workbook_add_format (b->book);
  format_set_border (b->percent, LXW_BORDER_THIN);
  format_set_num_format (b->percent, "0.0%");
}

static gboolean
book_close (Book        *b,
            const char  *path,
            GError     **error)
{
  lxw_error rc = workbook_close (b->book);

  numeric_c_end (&b->numeric);
  if (rc != LXW_NO_ERROR)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FAILED, _("Cannot write %s: %s"), path, lxw_strerror (rc));
      return FALSE;
    }
  return TRUE;
}

/* "C12": column @col (from 0), row @row (from 0). */
static char *
cell_name (int col,
           int row)
{
  return g_strdup_printf ("%c%d", 'A' + col, row + 1);
}

static void
header_lines (Book          *b,
              lxw_worksheet *ws,
              int            last_col,
              const char    *form,
              const char    *title,
              const char    *unit,
              const char    *period)
{
  g_autofree char *unit_line = g_strdup_printf ("Đơn vị báo cáo: %s", unit);

  if (form != NULL)
    worksheet_merge_range (ws, 0, 0, 0, last_col, form, b->note);
  worksheet_merge_range (ws, 1, 0, 1, last_col, title, b->title);
  worksheet_set_row (ws, 1, 36, NULL);
  worksheet_merge_range (ws, 2, 0, 2, last_col, period, b->note);
  worksheet_write_string (ws, 3, 0, unit_line, NULL);
}

/* Biểu 06 */

#define BIEU06_FIRST 10      /* the first row of figures (0-based); the header is rows 5–8 */

static gboolean
bieu06_xlsx (const char           *path,
             const McPrintOffice  *office,
             GPtrArray            *lines,
             const char           *period,
             GError              **error)
{
  static const struct { int r1, c1, r2, c2; const char *text; } header[] = {
    { 5, 0, 7, 0, "STT" }, { 5, 1, 7, 1, "Lĩnh vực, công việc giải quyết theo cấp" },
    { 5, 2, 5, 5, "Số hồ sơ nhận giải quyết" }, { 5, 6, 5, 9, "Số hồ sơ đã giải quyết" },
    { 5, 10, 5, 12, "Số lượng hồ sơ đang giải quyết" },
    { 6, 2, 7, 2, "Tổng số" }, { 6, 3, 6, 4, "Trong đó" }, { 6, 5, 7, 5, "Từ kỳ trước" },
    { 6, 6, 7, 6, "Tổng số" }, { 6, 7, 7, 7, "Trước hạn" }, { 6, 8, 7, 8, "Đúng hạn" }, { 6, 9, 7, 9, "Quá hạn" },
    { 6, 10, 7, 10, "Tổng số" }, { 6, 11, 7, 11, "Trong hạn" }, { 6, 12, 7, 12, "Quá hạn" },
    { 7, 3, 7, 3, "Trực tuyến" }, { 7, 4, 7, 4, "Trực tiếp, dịch vụ bưu chính" },
  };
  /* The identities of the form, as formulas: (3) = (4)+(5)+(6), (7) = (8)+(9)+(10), (11) = (12)+(13). */
  static const struct { int sum, first, n; } identities[] = { { 2, 3, 3 }, { 6, 7, 3 }, { 10, 11, 2 } };
  Book b = { NULL };
  lxw_worksheet *ws;

  book_open (&b, path);
  if (b.book == NULL)
    goto fail;
  ws = workbook_add_worksheet (b.book, "Bieu 06");
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);  /* A4 */
  worksheet_set_column (ws, 0, 0, 6, NULL);
  worksheet_set_column (ws, 1, 1, 38, NULL);
  worksheet_set_column (ws, 2, 12, 11, NULL);
  header_lines (&b, ws, 12, "Biểu số 06/VPCP/KSTT — Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020",
                "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH",
                office->unit, period);
  worksheet_write_string (ws, 4, 0, "Đơn vị tính: Số hồ sơ TTHC", b.note);
  for (gsize i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (header[i].r1 == header[i].r2 && header[i].c1 == header[i].c2)
        worksheet_write_string (ws, header[i].r1, header[i].c1, header[i].text, b.head);
      else
        worksheet_merge_range (ws, header[i].r1, header[i].c1, header[i].r2, header[i].c2, header[i].text, b.head);
    }
  for (int c = 0; c < 13; c++)
    {
      g_autofree char *n = g_strdup_printf ("(%d)", c + 1);

      worksheet_write_string (ws, 8, c, n, b.head);
    }
  worksheet_freeze_panes (ws, 9, 2);

  for (guint i = 0; i < lines->len; i++)
    {
      McBieu06Line *line = g_ptr_array_index (lines, i);
      gboolean bold = line->kind != MC_REPORT_LINE_ITEM;
      lxw_format *text = bold ? b.bold_text : b.text, *number = bold ? b.bold_number : b.number;
      int row = BIEU06_FIRST - 1 + (int) i;

      worksheet_write_string (ws, row, 0, line->number, text);
      worksheet_write_string (ws, row, 1, line->label, text);
      for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
        {
          int col = c + 2;
          g_autoptr(GString) formula = g_string_new ("=");

          for (gsize k = 0; k < G_N_ELEMENTS (identities); k++)
            if (identities[k].sum == col)
              for (int j = 0; j < identities[k].n; j++)
                {
                  g_autofree char *name = cell_name (identities[k].first + j, row);

                  g_string_append_printf (formula, "%s%s", j ? "+" : "", name);
                }
          if (formula->len == 1 && line->kind == MC_REPORT_LINE_GROUP && line->n_items > 0)
            {
              g_autofree char *top = cell_name (col, BIEU06_FIRST - 1 + (int) line->first_item);
              g_autofree char *bottom = cell_name (col, BIEU06_FIRST - 1 + (int) (line->first_item + line->n_items - 1));

              g_string_append_printf (formula, "SUM(%s:%s)", top, bottom);
            }
          else if (formula->len == 1 && line->kind == MC_REPORT_LINE_TOTAL)
            for (guint k = 0, n = 0; k < i; k++)
              if (((McBieu06Line *) g_ptr_array_index (lines, k))->kind == MC_REPORT_LINE_GROUP)
                {
                  g_autofree char *name = cell_name (col, BIEU06_FIRST - 1 + (int) k);

                  g_string_append_printf (formula, "%s%s", n++ ? "+" : "", name);
                }
          if (formula->len > 1)
            worksheet_write_formula_num (ws, row, col, formula->str, number, (double) line->cells[c]);
          else
            worksheet_write_number (ws, row, col, (double) line->cells[c], number);
        }
    }
  return book_close (&b, path, error);

fail:
  g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FAILED, _("Cannot write %s"), path);
  return FALSE;
}

static GString *
bieu06_csv (GPtrArray *lines)
{
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (int c = 1; c <= 13; c++)
    {
      g_autofree char *title = g_strdup_printf ("(%d) %s", c, mc_bieu06_column_title (c));

      csv_field (out, title, c == 13);
    }
  for (guint i = 0; i < lines->len; i++)
    {
      McBieu06Line *line = g_ptr_array_index (lines, i);

      csv_field (out, line->number, FALSE);
      csv_field (out, line->label, FALSE);
      for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
        {
          g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, line->cells[c]);

          csv_field (out, n, c == MC_BIEU06_N_COUNTS - 1);
        }
    }
  return out;
}

/* Writes Biểu 06 of [@from, @to) to @path (.xlsx, .csv or .pdf). */
gboolean
mc_report_write_bieu06 (const char           *path,
                        const McPrintOffice  *office,
                        GPtrArray            *lines,
                        gint64                from,
                        gint64                to,
                        GError              **error)
{
  g_autofree char *first = mc_report_date (from);
  g_autofree char *last = mc_report_date (MAX (from, to - 1));
  g_autofree char *period = g_strdup_printf ("Kỳ báo cáo: từ ngày %s đến ngày %s", first, last);
  Format format;

  if (!format_of (path, &format, error))
    return FALSE;
  if (format == FORMAT_XLSX)
    return bieu06_xlsx (path, office, lines, period, error);
  if (format == FORMAT_CSV)
    {
      g_autoptr(GString) text = bieu06_csv (lines);

      return write_text (path, text, error);
    }
  {
    g_autoptr(McPrintLayout) layout = mc_print_bieu06 (office, lines, from, to, mc_time_now ());

    return mc_print_layout_write_pdf (layout, path, error);
  }
}

/* 766 */

static const char *columns_766[] = {
  "Mã", "Chỉ số", "Tử số", "Mẫu số", "Tỷ lệ", "Ngưỡng", "Điểm tối đa", "Điểm đạt", "Ghi chú",
};

static gboolean
table_766_xlsx (const char           *path,
                const McPrintOffice  *office,
                const McReport766    *report,
                const char           *period,
                GError              **error)
{
  g_autoptr(GArray) lines = mc_report_766_lines (report);
  /* SUM() and not "+": a group without data holds "—", which SUM() passes over. */
  g_autoptr(GString) total_formula = g_string_new ("=SUM(");
  g_autofree char *period_line = g_strdup_printf ("Kỳ đánh giá: %s", period);
  Book b = { NULL };
  lxw_worksheet *ws;
  const int first = 5;

  book_open (&b, path);
  if (b.book == NULL)
    {
      g_set_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_FAILED, _("Cannot write %s"), path);
      return FALSE;
    }
  ws = workbook_add_worksheet (b.book, "Chi so 766");
  worksheet_set_landscape (ws);
  worksheet_set_paper (ws, 9);
  worksheet_set_column (ws, 0, 0, 6, NULL);
  worksheet_set_column (ws, 1, 1, 60, NULL);
  worksheet_set_column (ws, 2, 7, 11, NULL);
  worksheet_set_column (ws, 8, 8, 44, NULL);
  header_lines (&b, ws, 8, NULL,
                "KẾT QUẢ TỰ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP THEO BỘ CHỈ SỐ 766",
                office->unit, period_line);
  for (int c = 0; c < 9; c++)
    worksheet_write_string (ws, first - 1, c, columns_766[c], b.head);
  for (guint i = 0; i < lines->len; i++)
    {
      McReport766Line *line = &g_array_index (lines, McReport766Line, i);
      int row = first + (int) i;

      if (line->indicator == NULL)
        {
          gboolean total = line->group == 0;
          g_autofree char *label = total ? g_strdup ("Tổng điểm")
                                         : g_strdup_printf ("%d. %s", line->group, mc_report_group_official_name (line->group));
          g_autofree char *formula = NULL;
          double points = total ? report->total : report->group_points[line->group];

          worksheet_write_string (ws, row, 0, "", b.bold_text);
          worksheet_write_string (ws, row, 1, label, b.bold_text);
          for (int c = 2; c <= 5; c++)
            worksheet_write_string (ws, row, c, "", b.bold_text);
          worksheet_write_number (ws, row, 6, total ? 100 : mc_report_group_points (line->group), b.bold_number);
          if (total)
            formula = g_strdup_printf ("%s)", total_formula->str);
          else
            {
              guint n = 0;

              while (i + 1 + n < lines->len && g_array_index (lines, McReport766Line, i + 1 + n).indicator != NULL)
                n++;
              formula = g_strdup_printf ("=SUM(H%d:H%d)", row + 2, row + 1 + (int) n);
              g_string_append_printf (total_formula, "%sH%d", total_formula->len > 5 ? "," : "", row + 1);
            }
          if (isnan (points))
            worksheet_write_string (ws, row, 7, "—", b.bold_text);
          else
            worksheet_write_formula_num (ws, row, 7, formula, b.bold_number, points);
          {
            g_autofree char *note = g_strdup_printf ("Xã tự tính được %g điểm",
                                                     total ? report->total_max : report->group_max[line->group]);

            worksheet_write_string (ws, row, 8, note, b.bold_text);
          }
          continue;
        }
      {
        const McIndicator *ind = line->indicator;
        const McIndicatorValue *v = line->value;
        g_autofree char *note = mc_report_766_note (ind, v);

        worksheet_write_string (ws, row, 0, ind->id, b.text);
        worksheet_write_string (ws, row, 1, ind->official_name, b.text);
        if (v != NULL && ind->local != MC_IND_2_2)
          {
            worksheet_write_number (ws, row, 2, (double) v->numerator, b.number);
            worksheet_write_number (ws, row, 3, (double) v->denominator, b.number);
          }
        else
          {
            worksheet_write_string (ws, row, 2, "", b.number);
            if (v != NULL)
              worksheet_write_number (ws, row, 3, (double) v->denominator, b.number);
            else
              worksheet_write_string (ws, row, 3, "", b.number);
          }
        if (v == NULL)
          worksheet_write_string (ws, row, 4, "", b.number);
        else if (ind->local == MC_IND_2_2)
          {
            if (isnan (v->value))
              worksheet_write_string (ws, row, 4, "—", b.number);
            else
              worksheet_write_number (ws, row, 4, round (v->value * 10) / 10, b.number);
          }
        else if (isnan (v->ratio))
          worksheet_write_string (ws, row, 4, "—", b.number);
        else
          {
            g_autofree char *f = g_strdup_printf ("=C%d/D%d", row + 1, row + 1);

            worksheet_write_formula_num (ws, row, 4, f, b.percent, v->ratio);
          }
        if (ind->threshold > 0)
          worksheet_write_number (ws, row, 5, ind->threshold, b.percent);
        else
          worksheet_write_string (ws, row, 5, "", b.number);
        worksheet_write_number (ws, row, 6, ind->points, b.number);
        if (v != NULL && !isnan (v->points))
          worksheet_write_number (ws, row, 7, round (v->points * 100) / 100, b.number);
        else
          worksheet_write_string (ws, row, 7, v ? "—" : "", b.number);
        worksheet_write_string (ws, row, 8, note, b.text);
      }
    }
  return book_close (&b, path, error);
}

/* A CSV number with a decimal point whatever the locale, as --json writes it: under vi_VN
 * printf would write "36,62", and the same export would read differently on two machines. */
static char *
csv_number (const char *format,
            double      value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

static GString *
table_766_csv (const McReport766 *report)
{
  g_autoptr(GArray) lines = mc_report_766_lines (report);
  GString *out = g_string_new ("\xEF\xBB\xBF");

  for (int c = 0; c < 9; c++)
    csv_field (out, columns_766[c], c == 8);
  for (guint i = 0; i < lines->len; i++)
    {
      McReport766Line *line = &g_array_index (lines, McReport766Line, i);
      const McIndicatorValue *v = line->value;
      g_autofree char *num = NULL, *den = NULL, *ratio = NULL, *threshold = NULL, *max = NULL, *got = NULL, *note = NULL;
      const char *id = "", *name;
      g_autofree char *group = NULL;

      if (line->indicator == NULL)
        {
          gboolean total = line->group == 0;

          name = group = total ? g_strdup ("Tổng điểm") : g_strdup_printf ("%d. %s", line->group, mc_report_group_official_name (line->group));
          num = g_strdup (""); den = g_strdup (""); ratio = g_strdup (""); threshold = g_strdup ("");
          max = csv_number ("%g", total ? 100.0 : mc_report_group_points (line->group));
          got = isnan (total ? report->total : report->group_points[line->group]) ? g_strdup ("—")
                : csv_number ("%.2f", total ? report->total : report->group_points[line->group]);
          note = g_strdup_printf ("Xã tự tính được %g điểm", total ? report->total_max : report->group_max[line->group]);
        }
      else
        {
          id = line->indicator->id;
          name = line->indicator->official_name;
          num = v && line->indicator->local != MC_IND_2_2 ? g_strdup_printf ("%" G_GINT64_FORMAT, v->numerator) : g_strdup ("");
          den = v ? g_strdup_printf ("%" G_GINT64_FORMAT, v->denominator) : g_strdup ("");
          ratio = !v ? g_strdup ("") : isnan (v->value) ? g_strdup ("—")
                : line->indicator->local == MC_IND_2_2 ? csv_number ("%.1f", v->value) : csv_number ("%.4f", v->ratio);
          threshold = line->indicator->threshold > 0 ? csv_number ("%g", line->indicator->threshold) : g_strdup ("");
          max = csv_number ("%g", line->indicator->points);
          got = !v ? g_strdup ("") : isnan (v->points) ? g_strdup ("—") : csv_number ("%.2f", v->points);
          note = mc_report_766_note (line->indicator, v);
        }
      csv_field (out, id, FALSE);
      csv_field (out, name, FALSE);
      csv_field (out, num, FALSE);
      csv_field (out, den, FALSE);
      csv_field (out, ratio, FALSE);
      csv_field (out, threshold, FALSE);
      csv_field (out, max, FALSE);
      csv_field (out, got, FALSE);
      csv_field (out, note, TRUE);
    }
  return out;
}

/* Writes the 766 table of @period (its label) to @path (.xlsx, .csv or .pdf). */
gboolean
mc_report_write_766 (const char           *path,
                     const McPrintOffice  *office,
                     const McReport766    *report,
                     const char           *period,
                     GError              **error)
{
  Format format;

  if (!format_of (path, &format, error))
    return FALSE;
  if (format == FORMAT_XLSX)
    return table_766_xlsx (path, office, report, period, error);
  if (format == FORMAT_CSV)
    {
      g_autoptr(GString) text = table_766_csv (report);

      return write_text (path, text, error);
    }
  {
    g_autoptr(McPrintLayout) layout = mc_print_766 (office, report, period, mc_time_now ());

    return mc_print_layout_write_pdf (layout, path, error);
  }
}
