/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>

#include "mc-print-private.h"
#include "mc-report-doc.h"

/* The two reports on A4 landscape in the style of the other forms: the national heading with
 * the unit, the title and period, the table, the signatures of the preparer and the head of
 * the unit. */

#define REPORT_TABLE_SIZE 8.5
/* The rows that go to a new page with the signatures rather than leave them alone there. */
#define KEEP_ROWS 3

static char *
count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static void
report_signatures (McPrintLayout       *layout,
                   const McPrintOffice *office)
{
  mc_print_signatures (layout, "NGƯỜI LẬP BIỂU", *office->official ? office->official : NULL,
                       office->head_title, NULL, TRUE);
}

/* Before row @i of @n: with @keep rows kept with the signatures, the last @keep rows start
 * a new page (the table's header repeats on it), unless they already start one. A table of
 * no more rows stays under its heading. */
static void
keep_last_rows (McPrintLayout *layout,
                guint          i,
                guint          n,
                guint          keep)
{
  if (keep > 0 && n > keep && i + keep == n)
    mc_print_layout_keep (layout, G_MAXDOUBLE);
}

/* Lays out Biểu 06 for [@from, @to), keeping its last @keep rows with the signatures; the
 * table's last page is *@out_table_pages. */
static McPrintLayout *
layout_bieu06 (const McPrintOffice *office,
               GPtrArray           *lines,
               gint64               from,
               gint64               to,
               gint64               printed_at,
               guint                keep,
               guint               *out_table_pages)
{
  static const McPrintColumn columns[13] = {
    { "", 0.035, PANGO_ALIGN_CENTER }, { "", 0.205, PANGO_ALIGN_LEFT },
    { "", 0.07, PANGO_ALIGN_RIGHT }, { "", 0.07, PANGO_ALIGN_RIGHT }, { "", 0.08, PANGO_ALIGN_RIGHT },
    { "", 0.07, PANGO_ALIGN_RIGHT }, { "", 0.07, PANGO_ALIGN_RIGHT }, { "", 0.06, PANGO_ALIGN_RIGHT },
    { "", 0.06, PANGO_ALIGN_RIGHT }, { "", 0.06, PANGO_ALIGN_RIGHT }, { "", 0.07, PANGO_ALIGN_RIGHT },
    { "", 0.06, PANGO_ALIGN_RIGHT }, { "", 0.06, PANGO_ALIGN_RIGHT },
  };
  /* The form's three header rows (reports.md §1.7), then the row of column numbers. */
  static const McPrintHeaderCell header[] = {
    { 0, 0, 3, 1, "STT" },
    { 0, 1, 3, 1, "Lĩnh vực, công việc giải quyết theo cấp" },
    { 0, 2, 1, 4, "Số hồ sơ nhận giải quyết" },
    { 0, 6, 1, 4, "Số hồ sơ đã giải quyết" },
    { 0, 10, 1, 3, "Số lượng hồ sơ đang giải quyết" },
    { 1, 2, 2, 1, "Tổng số" },
    { 1, 3, 1, 2, "Trong đó" },
    { 1, 5, 2, 1, "Từ kỳ trước" },
    { 1, 6, 2, 1, "Tổng số" },
    { 1, 7, 2, 1, "Trước hạn" },
    { 1, 8, 2, 1, "Đúng hạn" },
    { 1, 9, 2, 1, "Quá hạn" },
    { 1, 10, 2, 1, "Tổng số" },
    { 1, 11, 2, 1, "Trong hạn" },
    { 1, 12, 2, 1, "Quá hạn" },
    { 2, 3, 1, 1, "Trực tuyến" },
    { 2, 4, 1, 1, "Trực tiếp, dịch vụ bưu chính" },
  };
  g_autofree char *first = mc_print_date (from);
  g_autofree char *last = mc_print_date (MAX (from, to - 1));
  g_autofree char *period = g_markup_printf_escaped ("Kỳ báo cáo: từ %s đến %s", first, last);
  g_autofree char *footer = g_strdup_printf ("Biểu số 06 — từ %s đến %s", first, last);
  McPrintLayout *layout;
  McPrintTable *table;

  layout = mc_print_form_begin (office, MC_PRINT_LANDSCAPE, MC_PRINT_BODY_SIZE, G_MAXUINT, NULL,
                                "Tình hình, kết quả giải quyết thủ tục hành chính tại cơ quan, đơn vị trực tiếp giải quyết thủ tục hành chính",
                                period, printed_at);
  mc_print_layout_set_footer (layout, footer);
  mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_RIGHT, 0,
                              "<b>Biểu số 06/VPCP/KSTT</b> — <i>Ban hành theo Thông tư số 01/2020/TT-VPCP ngày 21/10/2020</i>");
  mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0, "Đơn vị báo cáo: %s", office->unit);
  mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0, "Đơn vị nhận báo cáo: %s",
                              *office->parent ? office->parent : "……………………………………");
  mc_print_layout_paragraph (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_RIGHT, 0, "<i>Đơn vị tính: Số hồ sơ TTHC</i>");
  mc_print_layout_space (layout, 4);

  table = mc_print_table_begin (layout, 13, columns, REPORT_TABLE_SIZE);
  mc_print_table_set_header (table, 3, G_N_ELEMENTS (header), header);
  {
    g_auto(GStrv) numbers = g_new0 (char *, 14);

    for (int c = 0; c < 13; c++)
      numbers[c] = g_strdup_printf ("<i>(%d)</i>", c + 1);
    mc_print_table_row (table, (const char * const *) numbers);
  }
  for (guint i = 0; i < lines->len; i++)
    {
      McBieu06Line *line = g_ptr_array_index (lines, i);
      gboolean bold = line->kind != MC_REPORT_LINE_ITEM;
      g_autofree char *label = g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", line->label);
      g_autofree char *number = g_markup_printf_escaped (bold ? "<b>%s</b>" : "%s", line->number);
      g_auto(GStrv) cells = g_new0 (char *, 14);

      keep_last_rows (layout, i, lines->len, keep);
      cells[0] = g_steal_pointer (&number);
      cells[1] = g_steal_pointer (&label);
      for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
        {
          g_autofree char *n = count_text (line->cells[c]);

          cells[c + 2] = bold ? g_strdup_printf ("<b>%s</b>", n) : g_steal_pointer (&n);
        }
      mc_print_table_row_styled (table, (const char * const *) cells, bold);
    }
  mc_print_table_end (table);
  *out_table_pages = mc_print_layout_get_n_pages (layout);
  mc_print_layout_space (layout, 4);
  mc_print_layout_paragraph (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0,
                             "<i>Ghi chú: (3) = (4) + (5) + (6) = (7) + (11); (7) = (8) + (9) + (10); (11) = (12) + (13). "
                             "Hồ sơ đã giải quyết gồm hồ sơ đã có kết quả, đã trả kết quả, dừng xử lý hoặc công dân rút, "
                             "so sánh ngày kết thúc xử lý với ngày hẹn trả theo ngày.</i>");
  report_signatures (layout, office);
  return layout;
}

/* Lays out Biểu 06 for [@from, @to). The preparer and the head of the unit sign under the
 * table's last rows, never alone on a page of their own: when the note and the signatures do
 * not fit under the table, its last rows go to the next page with them. Returns: (transfer
 * full): the pages. */
McPrintLayout *
mc_print_bieu06 (const McPrintOffice *office,
                 GPtrArray           *lines,
                 gint64               from,
                 gint64               to,
                 gint64               printed_at)
{
  guint table_pages;
  McPrintLayout *layout = layout_bieu06 (office, lines, from, to, printed_at, 0, &table_pages);

  if (mc_print_layout_get_n_pages (layout) == table_pages)
    return layout;
  mc_print_layout_free (layout);
  return layout_bieu06 (office, lines, from, to, printed_at, KEEP_ROWS, &table_pages);
}

/* Lays out the 766 table of one period, keeping its last @keep rows with the signatures; the
 * table's last page is *@out_table_pages. */
static McPrintLayout *
layout_766 (const McPrintOffice *office,
            const McReport766   *report,
            const char          *period,
            gint64               printed_at,
            guint                keep,
            guint               *out_table_pages)
{
  static const McPrintColumn columns[] = {
    { "Mã", 0.045, PANGO_ALIGN_CENTER },
    { "Chỉ số", 0.33, PANGO_ALIGN_LEFT },
    { "Tử số", 0.07, PANGO_ALIGN_RIGHT },
    { "Mẫu số", 0.07, PANGO_ALIGN_RIGHT },
    { "Tỷ lệ", 0.07, PANGO_ALIGN_RIGHT },
    { "Ngưỡng", 0.06, PANGO_ALIGN_RIGHT },
    { "Điểm tối đa", 0.06, PANGO_ALIGN_RIGHT },
    { "Điểm đạt", 0.06, PANGO_ALIGN_RIGHT },
    { "Ghi chú", 0.235, PANGO_ALIGN_LEFT },
  };
  g_autofree char *subtitle = g_markup_printf_escaped ("Kỳ đánh giá: %s", period);
  g_autoptr(GArray) lines = mc_report_766_lines (report);
  McPrintLayout *layout;
  McPrintTable *table;

  layout = mc_print_form_begin (office, MC_PRINT_LANDSCAPE, MC_PRINT_BODY_SIZE, G_MAXUINT, NULL,
                                "Kết quả tự đánh giá chất lượng phục vụ người dân, doanh nghiệp theo Bộ chỉ số 766",
                                subtitle, printed_at);
  mc_print_layout_set_footer (layout, "Bộ chỉ số 766 — tự đánh giá từ dữ liệu tại xã");
  mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_RIGHT, 0,
                              "<i>Theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ</i>");
  mc_print_layout_paragraphf (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0, "Đơn vị: %s", office->unit);
  mc_print_layout_paragraph (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0,
                             "<i>Các chỉ số do xã tự tính từ hồ sơ của các hệ thống của bộ, ngành; các chỉ số chỉ Cổng "
                             "Dịch vụ công quốc gia tính được ghi rõ. Điểm: đạt ngưỡng được điểm tối đa, chưa đạt "
                             "được tỷ lệ × điểm tối đa ÷ ngưỡng; “—”: không có dữ liệu để tính.</i>");
  mc_print_layout_space (layout, 4);
  table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, REPORT_TABLE_SIZE);
  for (guint i = 0; i < lines->len; i++)
    {
      McReport766Line *line = &g_array_index (lines, McReport766Line, i);

      keep_last_rows (layout, i, lines->len, keep);
      if (line->indicator == NULL)
        {
          gboolean total = line->group == 0;
          g_autofree char *label = total ? g_strdup ("<b>Tổng điểm</b>")
            : g_markup_printf_escaped ("<b>%d. %s</b>", line->group, mc_report_group_official_name (line->group));
          g_autofree char *max = g_strdup_printf ("<b>%g</b>", total ? 100.0 : mc_report_group_points (line->group));
          g_autofree char *got = mc_report_format_points (total ? report->total : report->group_points[line->group]);
          g_autofree char *got_b = g_strdup_printf ("<b>%s</b>", got);
          g_autofree char *note = g_strdup_printf ("Xã tự tính được %g điểm", total ? report->total_max : report->group_max[line->group]);
          const char *cells[] = { "", label, "", "", "", "", max, got_b, note };

          mc_print_table_row_styled (table, cells, TRUE);
          continue;
        }
      {
        const McIndicator *ind = line->indicator;
        const McIndicatorValue *v = line->value;
        g_autofree char *name = g_markup_escape_text (ind->official_name, -1);
        g_autofree char *num = v ? count_text (v->numerator) : g_strdup ("");
        g_autofree char *den = v ? count_text (v->denominator) : g_strdup ("");
        g_autofree char *ratio = NULL;
        g_autofree char *threshold = ind->threshold > 0 ? g_strdup_printf ("%g%%", ind->threshold * 100) : g_strdup ("");
        g_autofree char *max = g_strdup_printf ("%g", ind->points);
        g_autofree char *got = v ? mc_report_format_points (v->points) : g_strdup ("");
        g_autofree char *note = mc_report_766_note (ind, v);
        g_autofree char *note_m = g_markup_escape_text (note, -1);
        const char *cells[] = { ind->id, name, num, den, NULL, threshold, max, got, note_m };

        if (v == NULL)
          ratio = g_strdup ("");
        else if (ind->local == MC_IND_2_2)
          {
            g_autofree char *days = mc_report_format_days (v->value);

            ratio = g_strdup_printf ("%s ngày", days);
            g_free (num);
            num = g_strdup ("");
          }
        else
          ratio = mc_report_format_ratio (v->ratio);
        cells[2] = num;
        cells[4] = ratio;
        mc_print_table_row (table, cells);
      }
    }
  mc_print_table_end (table);
  *out_table_pages = mc_print_layout_get_n_pages (layout);
  report_signatures (layout, office);
  return layout;
}

/* Lays out the 766 table of one period, its signatures kept with its last rows as Biểu 06's.
 * Returns: (transfer full): the pages. */
McPrintLayout *
mc_print_766 (const McPrintOffice *office,
              const McReport766   *report,
              const char          *period,
              gint64               printed_at)
{
  guint table_pages;
  McPrintLayout *layout = layout_766 (office, report, period, printed_at, 0, &table_pages);

  if (mc_print_layout_get_n_pages (layout) == table_pages)
    return layout;
  mc_print_layout_free (layout);
  return layout_766 (office, report, period, printed_at, KEEP_ROWS, &table_pages);
}
