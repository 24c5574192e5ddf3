/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-print.h"
#include "print-test-util.h"

/* What makes a form signable as printed (issue 17), read back from the PDF with pdftotext: which
 * form may be issued in which state, both ways; the receipt's statutory time, copies, register
 * line, documents and fee; the control sheet's signed hand-offs; the notices' reasons and dates
 * from the store's records; the office named from its settings, never a placeholder or a login. */

#define NOW 1794971200  /* Wednesday 2026-11-18 10:06 in Vietnam */
#define DAY 86400
#define MM (72.0 / 25.4)

static char *tmpdir;

/* Which forms each status allows, written from ../shared/domain/forms.md §11 independently of
 * the table in src/print: R receipt, S supplement, F refusal, A apology (once rescheduled), T stop,
 * C control sheet. */
static const char *expected[] = {
  [MC_STATUS_SUBMITTED] = "",
  [MC_STATUS_RECEIVED] = "RAC",
  [MC_STATUS_REFUSED] = "F",
  [MC_STATUS_PROCESSING] = "RAC",
  [MC_STATUS_SUPPLEMENT_REQUESTED] = "RSAC",
  [MC_STATUS_FEE_REQUESTED] = "RAC",
  [MC_STATUS_WITHDRAWN] = "TC",
  [MC_STATUS_STOPPED] = "TC",
  [MC_STATUS_RESOLVED] = "RC",
  [MC_STATUS_RETURNED] = "RC",
};
static const char letters[MC_PRINT_N_FORMS] = {
  [MC_PRINT_FORM_RECEIPT] = 'R', [MC_PRINT_FORM_SUPPLEMENT] = 'S', [MC_PRINT_FORM_REFUSAL] = 'F',
  [MC_PRINT_FORM_APOLOGY] = 'A', [MC_PRINT_FORM_STOP] = 'T', [MC_PRINT_FORM_CONTROL] = 'C',
};

static McPrintOffice *
commune_office (void)
{
  McPrintOffice *office = mc_print_office_new_default ();

  g_free (office->parent);
  office->parent = g_strdup ("ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN");
  g_free (office->place);
  office->place = g_strdup ("Quảng Điền");
  return office;
}

/* A procedure of the catalog whose duration is (not) assumed, with a fee of @fee (-2: any). */
static const McProcedure *
procedure (gboolean assumed,
           gint64   fee)
{
  McCatalog *catalog = mc_catalog_get_default ();

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog); i++)
    {
      const McProcedure *p = mc_catalog_get_procedure (catalog, i);

      if (p->duration_assumed == assumed && p->unit == MC_DURATION_WORKING_DAYS && (fee == -2 || p->fee_vnd == fee))
        return p;
    }
  return NULL;
}

/* A dossier of @p in @status, received a week ago by Lê Thị Mỹ Dung, handed on and worked on
 * as its status says. */
static McDossier *
dossier (const McProcedure *p,
         McStatus           status)
{
  McDossier *d = mc_dossier_new ();

  d->number = g_strdup ("G16.38-20261111-0000042");
  d->procedure_code = g_strdup (p->code);
  d->procedure_name = g_strdup (p->name);
  d->field_code = g_strdup ("G16-LV03");
  d->applicant_name = g_strdup ("Trần Thị Thu Hà");
  d->id_number = g_strdup ("038190012345");
  d->address = g_strdup ("Thôn Phú Lễ, xã Quảng Điền");
  d->phone = g_strdup ("0912345678");
  d->status = status;
  d->submitted_at = NOW - 7 * DAY - 3600;
  mc_dossier_add_step (d, d->submitted_at, d->applicant_name, NULL, "Nộp hồ sơ", MC_STATUS_SUBMITTED, NULL);
  if (status == MC_STATUS_SUBMITTED)
    return d;
  d->received_at = NOW - 7 * DAY;
  d->due_at = NOW + 3 * DAY;
  if (status == MC_STATUS_REFUSED)
    {
      mc_dossier_add_step (d, d->received_at, "Lê Thị Mỹ Dung", "Trung tâm Phục vụ hành chính công",
                           "Từ chối tiếp nhận", MC_STATUS_REFUSED,
                           "Thủ tục không thuộc thẩm quyền của cấp xã\nThiếu tờ khai theo mẫu");
      return d;
    }
  mc_dossier_add_step (d, d->received_at, "Lê Thị Mỹ Dung", "Trung tâm Phục vụ hành chính công", "Tiếp nhận hồ sơ",
                       MC_STATUS_RECEIVED, NULL);
  if (status == MC_STATUS_RECEIVED)
    return d;
  mc_dossier_add_step (d, d->received_at + 3600, "Phạm Quốc Khải", "Văn hóa - Xã hội", "Chuyển xử lý",
                       MC_STATUS_PROCESSING, NULL);
  mc_dossier_add_step (d, d->received_at + 7200, "Phạm Quốc Khải", "Văn hóa - Xã hội", "Cập nhật quá trình xử lý",
                       MC_STATUS_PROCESSING, "Thẩm định hồ sơ");
  if (status == MC_STATUS_STOPPED)
    mc_dossier_add_step (d, NOW - DAY, "Phạm Quốc Khải", "Văn hóa - Xã hội", "Dừng xử lý", MC_STATUS_STOPPED,
                         "Người nộp hồ sơ đã chuyển nơi cư trú ra ngoài xã");
  if (status == MC_STATUS_RESOLVED || status == MC_STATUS_RETURNED)
    {
      mc_dossier_add_step (d, NOW - DAY, "Đỗ Thị Ngọc Ánh", "Lãnh đạo UBND xã", "Đã có kết quả", MC_STATUS_RESOLVED,
                           NULL);
      mc_dossier_add_result (d, "Quyết định công nhận", "125/QĐ-UBND", NOW - DAY);
    }
  if (status == MC_STATUS_RETURNED)
    mc_dossier_add_step (d, NOW, "Lê Thị Mỹ Dung", "Trung tâm Phục vụ hành chính công", "Trả kết quả",
                         MC_STATUS_RETURNED, NULL);
  if (status == MC_STATUS_SUPPLEMENT_REQUESTED)
    mc_dossier_add_supplement (d, NOW - DAY, "Bản sao giấy khai sinh", 0);
  return d;
}

static char *
render (const McPrintOffice  *office,
        const McDossier      *d,
        McPrintForm           form,
        const McPrintOptions *options,
        const char           *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McPrintLayout) layout = mc_print_dossier (office, d, form, options, &error);
  g_autofree char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_no_error (error);
  g_assert_true (mc_print_layout_write_pdf (layout, path, &error));
  g_assert_no_error (error);
  return print_test_pdf_text (path, 0, 0);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (!print_test_contains (text, needle))
    {
      g_autofree char *flat = print_test_normalize (text);
      g_test_message ("text: %s", flat);
      g_error ("“%s” is not in the PDF's text", needle);
    }
}

/* Nothing a form says may be a placeholder of the legal model or a login name. */
static void
assert_signable (const char *text)
{
  g_assert_false (print_test_contains (text, "cơ quan, đơn vị"));
  g_assert_false (print_test_contains (text, "CƠ QUAN, ĐƠN VỊ"));
  g_assert_false (print_test_contains (text, "root"));
  g_assert_false (print_test_contains (text, g_get_user_name ()));
}

/* Both ways: every allowed (status, form) lays out, every other is refused with
 * MC_PRINT_ERROR_NOT_APPLICABLE and a reason naming the dossier; the apology needs the
 * reschedule. */
static void
test_table (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  const McProcedure *p = procedure (FALSE, -2);

  g_assert_nonnull (p);
  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    for (McPrintForm form = 0; form < MC_PRINT_N_FORMS; form++)
      for (int rescheduled = 0; rescheduled <= 1; rescheduled++)
        {
          g_autoptr(McDossier) d = dossier (p, s);
          g_autoptr(GError) error = NULL;
          g_autoptr(McPrintLayout) layout = NULL;
          gboolean want = strchr (expected[s], letters[form]) != NULL
                          && (form != MC_PRINT_FORM_APOLOGY || rescheduled);

          if (rescheduled)
            mc_dossier_set_reschedule (d, NOW - DAY, "Phạm Quốc Khải", "Chờ xác minh", d->due_at - DAY, d->due_at);
          g_test_message ("status %d, form %s, rescheduled %d", s, mc_print_form_id (form), rescheduled);
          g_assert_cmpint (mc_print_form_allowed (form, d, NULL), ==, want);
          layout = mc_print_dossier (office, d, form, NULL, &error);
          if (want)
            {
              g_assert_no_error (error);
              g_assert_nonnull (layout);
            }
          else
            {
              g_assert_null (layout);
              g_assert_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE);
              g_assert_nonnull (strstr (error->message, d->number));
            }
        }
}

/* Mẫu 01: the header from the settings, "Số", two copies (liên), the statutory time, each
 * document's form and count, the register's book and row, the fee "Theo quy định" when
 * unknown, and the receiving official from the history. */
static void
test_receipt (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  const McProcedure *p = procedure (FALSE, -1);
  g_autoptr(McDossier) d = NULL;
  McPrintOptions options = { .printed_at = NOW, .register_book = "G16-LV03/2026", .register_row = 57 };
  g_autofree char *text = NULL;
  g_autofree char *statutory = NULL;
  McDocument *doc;

  if (p == NULL)
    p = procedure (FALSE, -2);
  d = dossier (p, MC_STATUS_PROCESSING);
  mc_dossier_add_document (d, "Tờ khai đề nghị", FALSE, 1)->form = MC_RECEIVED_ORIGINAL;
  mc_dossier_add_document (d, "Giấy khai sinh", TRUE, 2)->form = MC_RECEIVED_CERTIFIED_COPY;
  doc = mc_dossier_add_document (d, "Căn cước", TRUE, 1);
  doc->form = MC_RECEIVED_ELECTRONIC;
  mc_dossier_add_document (d, "Sổ hộ nghèo", TRUE, 3);  /* from a ministry system: is_copy only */
  text = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "receipt.pdf");

  assert_contains (text, "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN");
  assert_contains (text, "TRUNG TÂM PHỤC VỤ HÀNH");  /* on two lines, beside the motto */
  assert_contains (text, "Quảng Điền, ngày 18 tháng 11 năm 2026");
  assert_contains (text, "Số: ………/TNHS-TTPVHCC");
  assert_contains (text, "Liên 1: Lưu");
  assert_contains (text, "Liên 2: Giao người nộp hồ sơ");
  assert_contains (text, "Trung tâm Phục vụ hành chính công xã Quảng Điền tiếp nhận hồ sơ của");
  statutory = g_strdup_printf ("Thời gian giải quyết hồ sơ theo quy định là: %02d ngày làm việc", p->duration);
  assert_contains (text, statutory);
  g_assert_false (print_test_contains (text, "dự kiến"));
  assert_contains (text, "Tờ khai đề nghị Bản chính 01");
  assert_contains (text, "Giấy khai sinh Bản sao chứng thực 02");
  assert_contains (text, "Căn cước Bản điện tử 01");
  assert_contains (text, "Sổ hộ nghèo Bản sao 03");
  assert_contains (text, "Vào Sổ theo dõi hồ sơ, Quyển số: G16-LV03/2026, Số thứ tự: 57.");
  if (p->fee_vnd == -1)
    assert_contains (text, "Phí, lệ phí: Theo quy định");
  g_assert_false (print_test_contains (text, "Phí, lệ phí: Không"));
  assert_contains (text, "NGƯỜI TIẾP NHẬN HỒ SƠ");
  assert_contains (text, "Lê Thị Mỹ Dung");
  assert_signable (text);
}

/* A duration the catalog only assumed is said to be so, and the appointment to be provisional;
 * a free procedure prints "Không". */
static void
test_receipt_assumed (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  const McProcedure *assumed = procedure (TRUE, -2);
  const McProcedure *free_one = procedure (FALSE, 0);
  McPrintOptions options = { .printed_at = NOW };

  g_assert_nonnull (assumed);
  {
    g_autoptr(McDossier) d = dossier (assumed, MC_STATUS_RECEIVED);
    g_autofree char *text = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "assumed.pdf");

    assert_contains (text, "chưa được công bố trong danh mục thủ tục hành chính");
    assert_contains (text, "thời hạn tạm tính");
    assert_contains (text, "(ngày hẹn dự kiến)");
    g_assert_false (print_test_contains (text, "<i>"));  /* markup is set, never printed */
    /* No register kept for it here: dots to fill in, not a made-up number. */
    assert_contains (text, "Quyển số: ……………, Số thứ tự: ……………");
  }
  {
    /* Checked by the official at the counter: the same date, firm; the time limit still
     * says it is assumed. */
    g_autoptr(McDossier) d = dossier (assumed, MC_STATUS_RECEIVED);
    g_autofree char *text = NULL;

    mc_dossier_set_intake (d)->due_confirmed = TRUE;
    text = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "assumed-checked.pdf");
    assert_contains (text, "thời hạn tạm tính");
    g_assert_false (print_test_contains (text, "dự kiến"));
  }
  if (free_one != NULL)
    {
      g_autoptr(McDossier) d = dossier (free_one, MC_STATUS_RECEIVED);
      g_autofree char *text = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "free.pdf");

      assert_contains (text, "Phí, lệ phí: Không");
    }
}

/* Mẫu 06: one block per hand-off from the reception on, the giver and the receiver each in
 * their signature column; the applicant handing the dossier in is not one; a note by the
 * holder is not one; the result document's number is printed. */
static void
test_control (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  g_autoptr(McDossier) d = dossier (procedure (FALSE, -2), MC_STATUS_RETURNED);
  McPrintOptions options = { .printed_at = NOW };
  g_autofree char *text = render (office, d, MC_PRINT_FORM_CONTROL, &options, "control.pdf");
  g_autofree char *path = g_build_filename (tmpdir, "control.pdf", NULL);
  /* Columns: 30 mm margin, 162 mm of text; giver at 37 %, receiver at 53.5 %, each 16.5 %. */
  g_autofree char *givers = print_test_pdf_column (path, 30 * MM + 0.37 * 162 * MM, 0.165 * 162 * MM);
  g_autofree char *receivers = print_test_pdf_column (path, 30 * MM + 0.535 * 162 * MM, 0.165 * 162 * MM);
  g_autofree char *flat_givers = print_test_normalize (givers);
  g_autofree char *flat_receivers = print_test_normalize (receivers);

  g_test_message ("givers: %s", flat_givers);
  g_test_message ("receivers: %s", flat_receivers);
  assert_contains (text, "Người giao");
  assert_contains (text, "Người nhận");
  assert_contains (text, "trước hạn/ đúng hạn/ quá hạn");
  assert_contains (text, "Quyết định công nhận, số 125/QĐ-UBND");
  /* Hand-offs: Dung → Khải (forward), Khải → Ánh (result), Ánh → Dung (return). */
  assert_contains (flat_givers, "Người giao (ký, ghi rõ họ tên) Lê Thị Mỹ Dung Phạm Quốc Khải Đỗ Thị Ngọc Ánh");
  assert_contains (flat_receivers, "Người nhận (ký, ghi rõ họ tên) Phạm Quốc Khải Đỗ Thị Ngọc Ánh Lê Thị Mỹ Dung");
  /* The applicant signs no block: handing the dossier in is not a hand-off. */
  g_assert_null (strstr (strstr (flat_givers, "Người giao"), d->applicant_name));
  g_assert_null (strstr (strstr (flat_receivers, "Người nhận"), d->applicant_name));
  assert_signable (text);
}

/* An open dossier's sheet has blocks to fill in by hand, the first from whoever holds it. */
static void
test_control_open (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  g_autoptr(McDossier) d = dossier (procedure (FALSE, -2), MC_STATUS_RECEIVED);
  McPrintOptions options = { .printed_at = NOW };
  g_autofree char *text = render (office, d, MC_PRINT_FORM_CONTROL, &options, "control-open.pdf");

  assert_contains (text, "1. Giao: Trung tâm Phục vụ hành chính công 2. Nhận: ……………");
  assert_contains (text, "…giờ…phút ngày…/…/");
  assert_contains (text, "Lê Thị Mỹ Dung");
}

/* The notices carry what the store recorded: the refusal its reasons and both signatures, the
 * apology the reschedule's reason and the missed and new dates, the stop notice the stop's
 * reason and time; each names the office, not "cơ quan, đơn vị". */
static void
test_notices (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  const McProcedure *p = procedure (FALSE, -2);
  McPrintOptions options = { .printed_at = NOW };

  {
    g_autoptr(McDossier) d = dossier (p, MC_STATUS_REFUSED);
    g_autofree char *text = render (office, d, MC_PRINT_FORM_REFUSAL, &options, "refusal.pdf");

    assert_contains (text, "Trung tâm Phục vụ hành chính công xã Quảng Điền không tiếp nhận, giải quyết hồ sơ");
    assert_contains (text, "1. Thủ tục không thuộc thẩm quyền của cấp xã");
    assert_contains (text, "2. Thiếu tờ khai theo mẫu");
    assert_contains (text, "NGƯỜI NỘP HỒ SƠ");
    assert_contains (text, "Lê Thị Mỹ Dung");
    g_assert_false (print_test_contains (text, "hẹn trả"));
    assert_signable (text);
  }
  {
    g_autoptr(McDossier) d = dossier (p, MC_STATUS_PROCESSING);
    g_autofree char *text = NULL;
    g_autofree char *missed = print_test_vn_date (d->due_at);
    g_autofree char *promised = print_test_vn_date (d->due_at + 4 * DAY);

    mc_dossier_set_reschedule (d, NOW - DAY, "Phạm Quốc Khải", "Chờ ý kiến của Sở Nội vụ", d->due_at,
                               d->due_at + 4 * DAY);
    d->due_at += 4 * DAY;
    text = render (office, d, MC_PRINT_FORM_APOLOGY, &options, "apology.pdf");
    assert_contains (text, "Kính gửi: Trần Thị Thu Hà");
    assert_contains (text, "1. Chờ ý kiến của Sở Nội vụ");
    assert_contains (text, missed);
    assert_contains (text, promised);
    assert_contains (text, "Trung tâm Phục vụ hành chính công xã Quảng Điền xin lỗi");
    assert_signable (text);
  }
  {
    g_autoptr(McDossier) d = dossier (p, MC_STATUS_STOPPED);
    g_autofree char *text = render (office, d, MC_PRINT_FORM_STOP, &options, "stop.pdf");
    g_autofree char *when = print_test_vn_date (NOW - DAY);

    assert_contains (text, "Thời gian dừng giải quyết hồ sơ");
    assert_contains (text, when);
    assert_contains (text, "1. Người nộp hồ sơ đã chuyển nơi cư trú ra ngoài xã");
    assert_signable (text);
  }
}

/* Each form says which legal model it follows, by the numbering the office chose: 2025 by
 * default, 2018 (no stop notice then, the control sheet Mẫu số 05); the apology's title is the
 * office's. */
static void
test_numbering (void)
{
  static const char *models_2025[MC_PRINT_N_FORMS] = { "01", "02", "03", "04", "05", "06" };
  static const char *models_2018[MC_PRINT_N_FORMS] = { "01", "02", "03", "04", NULL, "05" };
  static const McStatus statuses[MC_PRINT_N_FORMS] = {
    MC_STATUS_PROCESSING, MC_STATUS_SUPPLEMENT_REQUESTED, MC_STATUS_REFUSED, MC_STATUS_PROCESSING,
    MC_STATUS_STOPPED, MC_STATUS_PROCESSING,
  };
  g_autoptr(McPrintOffice) office = commune_office ();
  const McProcedure *p = procedure (FALSE, -2);
  McPrintOptions options = { .printed_at = NOW };

  for (int year = 0; year < 2; year++)
    {
      g_free (office->numbering);
      office->numbering = g_strdup (year == 0 ? "2025" : "2018");
      for (McPrintForm form = 0; form < MC_PRINT_N_FORMS; form++)
        {
          g_autoptr(McDossier) d = dossier (p, statuses[form]);
          g_autofree char *text = NULL;
          const char *model = year == 0 ? models_2025[form] : models_2018[form];

          if (form == MC_PRINT_FORM_APOLOGY)
            mc_dossier_set_reschedule (d, NOW - DAY, "Phạm Quốc Khải", "Chờ xác minh", d->due_at - DAY, d->due_at);
          text = render (office, d, form, &options, "numbering.pdf");
          if (model != NULL)
            {
              g_autofree char *line = g_strdup_printf ("Mẫu số %s - %s", model, year == 0
                                                       ? "Phụ lục I, Thông tư số 03/2025/TT-VPCP"
                                                       : "Thông tư số 01/2018/TT-VPCP");
              assert_contains (text, line);
            }
          else
            g_assert_false (print_test_contains (text, "Mẫu số"));
          /* The apology's title was renamed in 2025: with no title of the office's own, it
           * follows the numbering. */
          if (form == MC_PRINT_FORM_APOLOGY)
            assert_contains (text, year == 0 ? "VĂN BẢN XIN LỖI VÀ ĐỀ NGHỊ GIA HẠN THỜI GIAN GIẢI QUYẾT"
                                             : "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
        }
    }
}

/* With office.commune set (the commune as addresses write it), running text and the register
 * name the office by it. */
static void
test_commune_setting (void)
{
  g_autoptr(McPrintOffice) office = commune_office ();
  g_autoptr(McDossier) d = dossier (procedure (FALSE, -2), MC_STATUS_REFUSED);
  McPrintOptions options = { .printed_at = NOW };
  g_autofree char *text = NULL;

  g_free (office->commune);
  office->commune = g_strdup ("phường Kim Long");
  text = render (office, d, MC_PRINT_FORM_REFUSAL, &options, "commune.pdf");
  assert_contains (text, "Trung tâm Phục vụ hành chính công phường Kim Long không tiếp nhận");
}

int
main (int    argc,
      char **argv)
{
  static const char *tools[] = { "pdftotext", "pdfinfo", NULL };
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_setenv ("MC_NOW", "1794971200", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (print_test_tools_missing (tools, &reason))
    {
      g_print ("1..0 # SKIP %s\n", reason);
      return 0;
    }
  tmpdir = g_dir_make_tmp ("motcua-rules-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/print/rules/table", test_table);
  g_test_add_func ("/print/rules/receipt", test_receipt);
  g_test_add_func ("/print/rules/receipt-assumed", test_receipt_assumed);
  g_test_add_func ("/print/rules/control", test_control);
  g_test_add_func ("/print/rules/control-open", test_control_open);
  g_test_add_func ("/print/rules/notices", test_notices);
  g_test_add_func ("/print/rules/numbering", test_numbering);
  g_test_add_func ("/print/rules/commune-setting", test_commune_setting);
  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmpdir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmpdir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmpdir);
    g_free (tmpdir);
  }
  return status;
}
