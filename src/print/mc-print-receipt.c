/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-catalog.h"
#include "mc-print-private.h"
#include "mc-print-qr.h"

/* Giấy tiếp nhận hồ sơ và hẹn trả kết quả: what the citizen takes home from the counter. It
 * says what was handed in and when to come back, and carries a QR code of the dossier number
 * that a barcode scanner types into the queue's search when the citizen returns. */

#define QR_SIZE (28 * 72.0 / 25.4)
#define QR_COLUMN 0.26

static gboolean
digitised (const McDossier *d,
           const char      *document)
{
  for (guint i = 0; i < d->files->len; i++)
    {
      const McFile *f = g_ptr_array_index (d->files, i);

      if (f->kind == MC_FILE_COMPONENT && g_strcmp0 (f->component, document) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
documents_table (McPrintLayout   *layout,
                 const McDossier *d)
{
  static const McPrintColumn columns[] = {
    { "STT", 0.07, PANGO_ALIGN_CENTER },
    { "Tên giấy tờ", 0.63, PANGO_ALIGN_LEFT },
    { "Hình thức", 0.17, PANGO_ALIGN_CENTER },
    { "Số lượng", 0.13, PANGO_ALIGN_CENTER },
  };
  McPrintTable *table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, MC_PRINT_TABLE_SIZE);

  for (guint i = 0; i < d->documents->len; i++)
    {
      const McDocument *doc = g_ptr_array_index (d->documents, i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *escaped = g_markup_escape_text (doc->name, -1);
      g_autofree char *count = g_strdup_printf ("%02d", doc->count);
      /* A document scanned or imported at the counter (or sent online) says so: the citizen
       * sees what the office keeps electronically (số hóa, TT 01/2023). */
      g_autofree char *name = digitised (d, doc->name) ? g_strdup_printf ("%s <i>(đã số hóa)</i>", escaped)
                                                       : g_strdup (escaped);
      const char *cells[] = { n, name, mc_received_form_label (mc_document_get_received (doc)), count };

      mc_print_table_row (table, cells);
    }
  mc_print_table_end (table);
}

static void
fees_table (McPrintLayout   *layout,
            const McDossier *d)
{
  static const McPrintColumn columns[] = {
    { "STT", 0.07, PANGO_ALIGN_CENTER },
    { "Nội dung", 0.51, PANGO_ALIGN_LEFT },
    { "Số tiền", 0.24, PANGO_ALIGN_RIGHT },
    { "Tình trạng", 0.18, PANGO_ALIGN_CENTER },
  };
  McPrintTable *table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, MC_PRINT_TABLE_SIZE);
  g_autofree char *total = NULL;
  gint64 sum = 0;

  for (guint i = 0; i < d->fees->len; i++)
    {
      const McFee *fee = g_ptr_array_index (d->fees, i);
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *name = g_markup_escape_text (fee->name, -1);
      g_autofree char *amount = mc_print_amount (fee->amount_vnd);
      const char *cells[] = { n, name, amount, fee->paid ? "Đã nộp" : "Chưa nộp" };

      mc_print_table_row (table, cells);
      sum += fee->amount_vnd;
    }
  total = mc_print_amount (sum);
  {
    g_autofree char *total_cell = g_strdup_printf ("<b>%s</b>", total);
    const char *cells[] = { "", "<b>Tổng cộng</b>", total_cell, "" };

    mc_print_table_row (table, cells);
  }
  mc_print_table_end (table);
}

/* The one who handed the dossier in for the applicant, or NULL when the applicant came. */
static const char *
proxy_name (const McDossier *d)
{
  return d->intake != NULL ? d->intake->proxy_name : NULL;
}

/* The applicant beside the QR code, the QR code in the right column. Filed by proxy, the
 * proxy's details and authorisation paper follow the applicant's (Mẫu 01, line 6). */
static gboolean
applicant_and_qr (McPrintLayout        *layout,
                  const McPrintOffice  *office,
                  const McDossier      *d,
                  GError              **error)
{
  g_autofree char *agency = mc_print_agency (office);
  g_autofree char *applicant = g_markup_printf_escaped (
    "%s tiếp nhận hồ sơ của:\n%s: <b>%s</b>\n%s: %s\nĐịa chỉ: %s\nSố điện thoại: %s",
    agency, mc_print_applicant_label (d->applicant_kind), d->applicant_name,
    d->applicant_kind == MC_APPLICANT_CITIZEN ? "Số định danh cá nhân" : "Mã số định danh",
    d->id_number ? d->id_number : "", d->address ? d->address : "", d->phone ? d->phone : "");
  g_autofree char *proxy = proxy_name (d) == NULL ? g_strdup ("") : g_markup_printf_escaped (
    "\nNgười nộp hồ sơ theo ủy quyền: <b>%s</b>\nSố định danh cá nhân: %s\nĐịa chỉ: %s\nSố điện thoại: %s\n"
    "Giấy tờ ủy quyền: %s",
    d->intake->proxy_name, d->intake->proxy_id_number ? d->intake->proxy_id_number : "",
    d->intake->proxy_address ? d->intake->proxy_address : "", d->intake->proxy_phone ? d->intake->proxy_phone : "",
    d->intake->proxy_authorization ? d->intake->proxy_authorization : "");
  g_autofree char *who = g_strconcat (applicant, proxy, NULL);
  McPrintBox boxes[2] = {
    { 1 - QR_COLUMN, who, 0, PANGO_ALIGN_LEFT, 0, FALSE },
    { QR_COLUMN, "<small><i>Mã QR tra cứu hồ sơ</i></small>", MC_PRINT_TABLE_SIZE, PANGO_ALIGN_CENTER, QR_SIZE,
      FALSE },
  };
  double top = mc_print_layout_boxes (layout, G_N_ELEMENTS (boxes), boxes, NULL);
  double column = QR_COLUMN * mc_print_layout_get_width (layout);
  double x = mc_print_layout_get_left (layout) + mc_print_layout_get_width (layout) - column + (column - QR_SIZE) / 2;

  return mc_print_qr (mc_print_layout_get_cairo (layout), d->number, x, top, QR_SIZE, error);
}

/* "05 ngày làm việc": the statutory time of the procedure, as the catalog states it. */
static char *
statutory_time (const McProcedure *p)
{
  switch (p->unit)
    {
    case MC_DURATION_WORKING_DAYS: return g_strdup_printf ("%02d ngày làm việc", p->duration);
    case MC_DURATION_CALENDAR_DAYS: return g_strdup_printf ("%02d ngày", p->duration);
    case MC_DURATION_HOURS: return g_strdup_printf ("%02d giờ làm việc", p->duration);
    case MC_DURATION_SAME_DAY: return g_strdup ("trong ngày");
    default: return NULL;
    }
}

/* Items 3 (statutory time) and 5 (the appointment). A duration the catalog only assumed (no
 * public record states it) is said to be so, and the appointment to be provisional: the
 * citizen must not take it for a firm date. */
static void
times (McPrintLayout   *layout,
       const McDossier *d)
{
  const McProcedure *p = mc_catalog_lookup (mc_catalog_get_default (), d->procedure_code);
  g_autofree char *statutory = p != NULL ? statutory_time (p) : NULL;
  g_autofree char *received = mc_print_date_time (d->received_at);
  g_autofree char *due = d->due_at ? mc_print_date_time (d->due_at) : NULL;
  gboolean assumed = p == NULL || p->duration_assumed;
  gboolean provisional = mc_catalog_due_is_provisional (mc_catalog_get_default (), d);

  if (statutory == NULL)
    mc_print_field (layout, "3. Thời gian giải quyết hồ sơ theo quy định là", "theo quy định của thủ tục hành chính");
  else if (assumed)
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0,
                                "3. Thời gian giải quyết hồ sơ theo quy định là: chưa được công bố trong danh mục "
                                "thủ tục hành chính; <i>thời hạn tạm tính %s</i>", statutory);
  else
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0,
                                "3. Thời gian giải quyết hồ sơ theo quy định là: <b>%s</b>", statutory);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  mc_print_field (layout, "4. Thời gian nhận hồ sơ", received);
  if (due == NULL)
    mc_print_field (layout, "5. Thời gian trả kết quả giải quyết hồ sơ", NULL);
  else
    {
      if (provisional)
        mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0,
                                    "5. Thời gian trả kết quả giải quyết hồ sơ: <b>%s</b> <i>(ngày hẹn dự kiến)</i>", due);
      else
        mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0,
                                    "5. Thời gian trả kết quả giải quyết hồ sơ: <b>%s</b>", due);
      if (provisional)
        mc_print_layout_paragraph (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 14,
                                   "<i>Ngày hẹn dự kiến theo thời hạn tạm tính; nếu thời hạn theo quy định khác, "
                                   "người nộp hồ sơ được thông báo ngày hẹn chính thức.</i>");
      mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
    }
}

/* Fees: the dossier's, else "Không" only when the catalog says the procedure is free, else
 * "Theo quy định": an unknown fee is never printed as none. */
static void
fees (McPrintLayout   *layout,
      const McDossier *d)
{
  const McProcedure *p;

  if (d->fees->len > 0)
    {
      mc_print_layout_keep (layout, 60);
      mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_LEFT, 0, "7. Phí, lệ phí:");
      mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
      fees_table (layout, d);
      mc_print_layout_space (layout, 6);
      return;
    }
  p = mc_catalog_lookup (mc_catalog_get_default (), d->procedure_code);
  mc_print_field (layout, "7. Phí, lệ phí", p != NULL && p->fee_vnd == 0 ? "Không" : "Theo quy định");
}

gboolean
mc_print_receipt (McPrintLayout        *layout,
                  const McPrintOffice  *office,
                  const McDossier      *d,
                  const McPrintOptions *options,
                  GError              **error)
{
  g_autofree char *procedure = g_strdup_printf ("%s (mã thủ tục %s)", d->procedure_name, d->procedure_code);
  g_autofree char *agency = mc_print_agency (office);
  g_autofree char *where = NULL;
  g_autofree char *book = NULL;

  if (!applicant_and_qr (layout, office, d, error))
    return FALSE;
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  mc_print_field (layout, "Nội dung yêu cầu giải quyết", procedure);

  mc_print_layout_keep (layout, 60);
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_LEFT, 0, "1. Thành phần hồ sơ nộp gồm:");
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  documents_table (layout, d);
  mc_print_layout_space (layout, 6);
  mc_print_field (layout, "2. Số lượng hồ sơ", "01 bộ");
  times (layout, d);
  where = d->return_method == MC_CHANNEL_IN_PERSON
          ? g_strdup_printf ("Nhận trực tiếp tại %s", agency) : g_strdup (mc_print_return_method (d->return_method));
  mc_print_field (layout, "6. Đăng ký nhận kết quả tại", where);
  fees (layout, d);
  book = options->register_book != NULL
         ? g_markup_printf_escaped ("Vào Sổ theo dõi hồ sơ, Quyển số: <b>%s</b>, Số thứ tự: <b>%" G_GINT64_FORMAT "</b>.",
                                    options->register_book, options->register_row)
         : g_strdup ("Vào Sổ theo dõi hồ sơ, Quyển số: ……………, Số thứ tự: ……………");
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_LEFT, 0, book);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  if (*office->phone != '\0')
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0,
                                "<i>Khi cần thông tin về hồ sơ, xin liên hệ số điện thoại %s, hoặc quét mã QR để "
                                "tra cứu.</i>", office->phone);

  mc_print_signatures (layout, office->applicant_title, proxy_name (d) ? proxy_name (d) : d->applicant_name,
                       office->receiver_title, mc_print_official_for (office, d, MC_STATUS_RECEIVED), FALSE);
  return TRUE;
}
