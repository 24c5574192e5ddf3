/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>

#include "mc-print.h"
#include "mc-print-text.h"
#include "mc-sample.h"
#include "print-test-util.h"

/* The forms as a reader gets them: rendered to PDF, read back with pdftotext (poppler-utils)
 * and the QR code decoded with zbarimg (zbar-tools), for the sample dossier with the longest
 * values and for dossiers made to overflow a page. */

#define NOW 1794971200  /* Wednesday 2026-11-18 10:06 in Vietnam */
#define SEARCHED 4000
#define MM (72.0 / 25.4)

static McDossier *longest;
static char *tmpdir;

/* The received dossier of the sample with the most text to lay out: longest name, address and
 * list of documents. */
static McDossier *
find_longest (void)
{
  McDossier *best = NULL;
  gsize best_score = 0;

  for (guint i = 0; i < SEARCHED; i++)
    {
      McDossier *d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, i, NOW);
      gsize score = strlen (d->applicant_name) + strlen (d->address);

      for (guint k = 0; k < d->documents->len; k++)
        score += strlen (((McDocument *) g_ptr_array_index (d->documents, k))->name) + 40;
      if (d->received_at != 0 && d->due_at != 0 && score > best_score)
        {
          g_clear_pointer (&best, mc_dossier_unref);
          best = mc_dossier_ref (d);
          best_score = score;
        }
      mc_dossier_unref (d);
    }
  g_assert_nonnull (best);
  g_test_message ("longest sample dossier: %s, %s, %s, %u documents", best->number, best->applicant_name,
                  best->address, best->documents->len);
  return best;
}

/* The first sample dossier in @status. */
static McDossier *
find_status (McStatus status)
{
  for (guint i = 0; i < SEARCHED; i++)
    {
      McDossier *d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, i, NOW);

      if (d->status == status)
        return d;
      mc_dossier_unref (d);
    }
  g_assert_not_reached ();
}

/* A sample dossier @form may be issued for: the longest when it may, else the first that may;
 * for the apology a processing dossier rescheduled as the store records a reschedule. */
static McDossier *
for_form (McPrintForm form)
{
  McDossier *d;

  if (form == MC_PRINT_FORM_APOLOGY)
    {
      d = find_status (MC_STATUS_PROCESSING);
      mc_dossier_set_reschedule (d, d->due_at - 86400, "Trần Văn Đức", "Chờ kết quả xác minh của Công an xã",
                                 d->due_at, d->due_at + 5 * 86400);
      d->due_at += 5 * 86400;
      return d;
    }
  if (mc_print_form_allowed (form, longest, NULL))
    return mc_dossier_ref (longest);
  for (guint i = 0; i < SEARCHED; i++)
    {
      d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, i, NOW);
      if (mc_print_form_allowed (form, d, NULL))
        return d;
      mc_dossier_unref (d);
    }
  g_assert_not_reached ();
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
  char *path = g_build_filename (tmpdir, name, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (layout);
  g_assert_true (mc_print_layout_write_pdf (layout, path, &error));
  g_assert_no_error (error);
  return path;
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

/* Every form renders for a dossier it may be issued for, and says whose dossier it is; the
 * receipt (two copies, one page each) lists every document with its diacritics intact and the
 * due date in words. */
static void
test_every_form (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autofree char *today = print_test_vn_date (NOW);

  for (McPrintForm form = 0; form < MC_PRINT_N_FORMS; form++)
    {
      g_autoptr(McDossier) d = for_form (form);
      g_autofree char *name = g_strdup_printf ("longest-%s.pdf", mc_print_form_id (form));
      g_autofree char *pdf = render (office, d, form, &options, name);
      g_autofree char *text = print_test_pdf_text (pdf, 0, 0);
      /* The apology's title is the office's (renamed in 2025). */
      g_autofree char *title = g_utf8_strup (form == MC_PRINT_FORM_APOLOGY ? office->apology_title
                                                                          : mc_print_form_title (form), -1);
      g_autofree char *due = print_test_vn_date (d->due_at);
      g_autofree char *received = print_test_vn_date (d->received_at);

      g_test_message ("%s: dossier %s in status %d", mc_print_form_id (form), d->number, d->status);
      assert_contains (text, title);
      assert_contains (text, d->number);
      assert_contains (text, d->applicant_name);
      assert_contains (text, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
      assert_contains (text, "Độc lập - Tự do - Hạnh phúc");
      assert_contains (text, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
      assert_contains (text, "Số: ………/");
      assert_contains (text, today + 1);  /* "Ngày …" at the start of the line: no place is set */
      g_assert_false (print_test_contains (text, "cơ quan, đơn vị"));
      g_assert_false (print_test_contains (text, "CƠ QUAN, ĐƠN VỊ"));
      if (form != MC_PRINT_FORM_APOLOGY)
        assert_contains (text, d->address);
      if (form == MC_PRINT_FORM_RECEIPT || form == MC_PRINT_FORM_CONTROL || form == MC_PRINT_FORM_APOLOGY)
        assert_contains (text, due);
      if (d->received_at != 0 && form != MC_PRINT_FORM_REFUSAL)  /* the apology opens with the date */
        assert_contains (text, form == MC_PRINT_FORM_APOLOGY ? received + 1 : received);
      if (form == MC_PRINT_FORM_RECEIPT)
        {
          for (guint i = 0; i < d->documents->len; i++)
            assert_contains (text, ((McDocument *) g_ptr_array_index (d->documents, i))->name);
          for (guint i = 0; i < d->fees->len; i++)
            assert_contains (text, ((McFee *) g_ptr_array_index (d->fees, i))->name);
          assert_contains (text, d->id_number);
          assert_contains (text, "Liên 1: Lưu");
          assert_contains (text, "Liên 2: Giao người nộp hồ sơ");
        }
      g_assert_cmpint (print_test_pdf_pages (pdf), ==, form == MC_PRINT_FORM_RECEIPT ? 2 : 1);
    }
}

/* The QR code on the receipt reads back as the dossier number, printed and scanned at 300 dpi.
 * The rendering is kept as a PNG next to the test's build files, for the record. */
static void
test_qr_round_trip (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autofree char *pdf = render (office, longest, MC_PRINT_FORM_RECEIPT, &options, "qr.pdf");
  g_autofree char *prefix = g_build_filename (tmpdir, "qr", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *record = g_test_build_filename (G_TEST_BUILT, "receipt-longest", NULL);
  const char *raster[] = { "pdftoppm", "-r", "300", "-png", "-singlefile", "-f", "1", "-l", "1", pdf, prefix, NULL };
  const char *scan[] = { "zbarimg", "--raw", "-q", png, NULL };
  const char *keep[] = { "pdftoppm", "-r", "110", "-png", "-singlefile", pdf, record, NULL };
  g_autofree char *out = NULL;
  g_autofree char *ignored = NULL;
  int status;

  g_free (print_test_run (raster, &status));
  g_assert_cmpint (status, ==, 0);
  out = print_test_run (scan, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (g_strchomp (out), ==, longest->number);

  ignored = print_test_run (keep, &status);
  g_assert_cmpint (status, ==, 0);
  g_test_message ("receipt rendering kept at %s.png", record);
}

/* Printed offline, the receipt says its number is provisional; a ministry number does not. A
 * name with markup characters prints as typed. */
static void
test_provisional (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autoptr(McDossier) d = find_status (MC_STATUS_PROCESSING);
  g_autofree char *plain_pdf = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  plain_pdf = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "ministry-number.pdf");
  plain = print_test_pdf_text (plain_pdf, 0, 0);
  g_assert_false (print_test_contains (plain, "TẠM THỜI"));

  g_free (d->number);
  d->number = g_strdup ("TAM-G16-20261118-0007");
  d->provisional = TRUE;
  g_free (d->applicant_name);
  d->applicant_name = g_strdup ("Công ty TNHH Xây dựng & Thương mại <Đông Á>");
  d->applicant_kind = MC_APPLICANT_ENTERPRISE;
  pdf = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "provisional.pdf");
  text = print_test_pdf_text (pdf, 0, 0);
  assert_contains (text, "SỐ HỒ SƠ TẠM THỜI: TAM-G16-20261118-0007");
  assert_contains (text, "Công ty TNHH Xây dựng & Thương mại <Đông Á>");
  assert_contains (text, "Tổ chức:");
}

/* Fees in đồng, grouped with dots, and their total. */
static void
test_fees (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autoptr(McDossier) d = find_status (MC_STATUS_PROCESSING);
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  g_ptr_array_set_size (d->fees, 0);
  mc_dossier_add_fee (d, "Lệ phí cấp giấy xác nhận", 1250000, TRUE);
  mc_dossier_add_fee (d, "Phí thẩm định hồ sơ", 20000, FALSE);
  pdf = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "fees.pdf");
  text = print_test_pdf_text (pdf, 0, 0);
  assert_contains (text, "Lệ phí cấp giấy xác nhận");
  assert_contains (text, "1.250.000 đồng");
  assert_contains (text, "Phí thẩm định hồ sơ");
  assert_contains (text, "20.000 đồng");
  assert_contains (text, "1.270.000 đồng");
  assert_contains (text, "Đã nộp");
  assert_contains (text, "Chưa nộp");
}

/* 60 documents: the receipt runs over more pages; every page of the list repeats the table
 * header, and every document's row is whole on one page, in each of the two copies. */
static void
test_many_documents (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autoptr(McDossier) d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, 0, NOW);
  g_autofree char *short_pdf = render (office, longest, MC_PRINT_FORM_RECEIPT, &options, "short.pdf");
  g_autofree char *pdf = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) page_texts = g_ptr_array_new_with_free_func (g_free);
  int pages;

  g_ptr_array_set_size (d->documents, 0);
  d->received_at = longest->received_at;
  d->due_at = longest->due_at;
  for (guint i = 0; i < 60; i++)
    {
      char *name = g_strdup_printf ("Giấy tờ số %02u: bản sao giấy xác nhận của Ủy ban nhân dân cấp xã về "
                                    "nơi cư trú và hoàn cảnh gia đình của người đề nghị (mục %02u)", i + 1, i + 1);

      mc_dossier_add_document (d, name, i % 2, 1 + i % 3);
      g_ptr_array_add (names, name);
    }
  pdf = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "sixty.pdf");
  pages = print_test_pdf_pages (pdf);
  g_assert_cmpint (pages, >, print_test_pdf_pages (short_pdf));
  g_assert_cmpint (pages, >=, 3);

  /* Each page's text, read once. */
  for (int p = 1; p <= pages; p++)
    g_ptr_array_add (page_texts, print_test_pdf_text (pdf, p, p));
  for (guint k = 0; k < names->len; k++)
    {
      guint found = 0;

      for (int p = 1; p <= pages; p++)
        found += print_test_contains (g_ptr_array_index (page_texts, p - 1), g_ptr_array_index (names, k));
      g_assert_cmpuint (found, ==, 2);  /* once in each of the two copies (liên) */
    }
  for (int p = 1; p <= pages; p++)
    {
      const char *text = g_ptr_array_index (page_texts, p - 1);
      g_autofree char *footer = g_strdup_printf ("Trang %d/%d", p, pages);

      assert_contains (text, footer);
      if (print_test_contains (text, "Giấy tờ số"))
        assert_contains (text, "Tên giấy tờ");
    }
}

/* A row taller than a page (a document name of several thousand characters) is the one case
 * continued on the next page: nothing of it is lost. */
static void
test_row_taller_than_page (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autoptr(McDossier) d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, 0, NOW);
  g_autoptr(GString) name = g_string_new ("Bản kê");
  g_autofree char *pdf = NULL;
  g_autofree char *text = NULL;

  d->received_at = longest->received_at;
  d->due_at = longest->due_at;
  for (guint i = 0; i < 700; i++)
    g_string_append_printf (name, " khoản%03u", i);
  mc_dossier_add_document (d, name->str, FALSE, 1);
  mc_dossier_add_document (d, "Tờ khai cuối cùng", FALSE, 1);
  pdf = render (office, d, MC_PRINT_FORM_RECEIPT, &options, "tall.pdf");
  text = print_test_pdf_text (pdf, 0, 0);
  g_assert_cmpint (print_test_pdf_pages (pdf), >=, 3);
  for (guint i = 0; i < 700; i++)
    {
      g_autofree char *word = g_strdup_printf ("khoản%03u", i);
      assert_contains (text, word);
    }
  assert_contains (text, "Tờ khai cuối cùng");
}

/* What the office set is what the forms print; unset, only generic titles. */
static void
test_office_settings (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  g_autoptr(McPrintOffice) set = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autofree char *pdf = render (office, longest, MC_PRINT_FORM_RECEIPT, &options, "default-office.pdf");
  g_autofree char *text = print_test_pdf_text (pdf, 0, 0);
  g_autofree char *set_pdf = NULL;
  g_autofree char *set_text = NULL;
  const McStep *received = NULL;

  for (guint i = 0; i < longest->history->len; i++)
    if (((McStep *) g_ptr_array_index (longest->history, i))->status == MC_STATUS_RECEIVED)
      received = g_ptr_array_index (longest->history, i);
  g_assert_nonnull (received);
  assert_contains (text, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG");
  assert_contains (text, "NGƯỜI TIẾP NHẬN HỒ SƠ");
  assert_contains (text, "NGƯỜI NỘP HỒ SƠ");
  assert_contains (text, received->actor);  /* the official who received it, from the history */
  g_assert_false (print_test_contains (text, "Căn cứ"));

  g_free (set->parent);
  set->parent = g_strdup ("ỦY BAN NHÂN DÂN XÃ ĐỨC PHỔ");
  g_free (set->unit);
  set->unit = g_strdup ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ");
  g_free (set->place);
  set->place = g_strdup ("Đức Phổ");
  g_free (set->official);
  set->official = g_strdup ("Huỳnh Thị Ỷ Lan");
  g_free (set->receiver_title);
  set->receiver_title = g_strdup ("CÔNG CHỨC TIẾP NHẬN");
  g_free (set->legal_basis);
  set->legal_basis = g_strdup ("Căn cứ Nghị định số 118/2025/NĐ-CP của Chính phủ");
  g_free (set->phone);
  set->phone = g_strdup ("0255 3 123 456");
  set_pdf = render (set, longest, MC_PRINT_FORM_RECEIPT, &options, "set-office.pdf");
  set_text = print_test_pdf_text (set_pdf, 0, 0);
  assert_contains (set_text, "ỦY BAN NHÂN DÂN XÃ ĐỨC PHỔ");
  assert_contains (set_text, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG XÃ");
  assert_contains (set_text, "Đức Phổ, ngày");
  assert_contains (set_text, "Huỳnh Thị Ỷ Lan");
  assert_contains (set_text, "CÔNG CHỨC TIẾP NHẬN");
  assert_contains (set_text, "Căn cứ Nghị định số 118/2025/NĐ-CP của Chính phủ");
  assert_contains (set_text, "0255 3 123 456");
  g_assert_false (print_test_contains (set_text, "NGƯỜI TIẾP NHẬN HỒ SƠ"));
  /* Running text names the office from its settings. */
  assert_contains (set_text, "Trung tâm Phục vụ hành chính công xã Đức Phổ tiếp nhận hồ sơ của");
}

/* The reasons come from the dossier's history, or from the caller; with none, the form leaves
 * lines to fill in by hand. */
static void
test_reasons (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  McPrintOptions options = { .printed_at = NOW };
  g_autoptr(McDossier) refused = find_status (MC_STATUS_REFUSED);
  g_autoptr(McDossier) supplement = find_status (MC_STATUS_SUPPLEMENT_REQUESTED);
  g_autofree char *pdf = render (office, refused, MC_PRINT_FORM_REFUSAL, &options, "refusal.pdf");
  g_autofree char *text = print_test_pdf_text (pdf, 0, 0);
  g_auto(GStrv) items = g_strsplit (((McSupplement *) g_ptr_array_index (supplement->supplements, 0))->items, "\n", -1);
  g_autofree char *apology_pdf = NULL;
  g_autofree char *apology = NULL;

  assert_contains (text, ((McStep *) g_ptr_array_index (refused->history, refused->history->len - 1))->note);

  g_free (pdf);
  g_free (text);
  pdf = render (office, supplement, MC_PRINT_FORM_SUPPLEMENT, &options, "supplement.pdf");
  text = print_test_pdf_text (pdf, 0, 0);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%u. %s", i + 1, items[i]);
      assert_contains (text, numbered);
    }

  {
    g_autoptr(McDossier) late = for_form (MC_PRINT_FORM_APOLOGY);
    g_autofree char *previous = print_test_vn_date (late->reschedule->due_before);

    options.reason = "Hệ thống thông tin giải quyết TTHC của Bộ bị lỗi kéo dài\nCần xác minh thêm tại thôn";
    apology_pdf = render (office, late, MC_PRINT_FORM_APOLOGY, &options, "apology.pdf");
    apology = print_test_pdf_text (apology_pdf, 0, 0);
    assert_contains (apology, "1. Hệ thống thông tin giải quyết TTHC của Bộ bị lỗi kéo dài");
    assert_contains (apology, "2. Cần xác minh thêm tại thôn");
    assert_contains (apology, previous);
  }
}

static void
test_not_applicable (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  g_autoptr(McDossier) submitted = find_status (MC_STATUS_SUBMITTED);
  g_autoptr(GError) error = NULL;
  g_autoptr(McPrintLayout) layout = mc_print_dossier (office, submitted, MC_PRINT_FORM_RECEIPT, NULL, &error);

  g_assert_null (layout);
  g_assert_error (error, MC_PRINT_ERROR, MC_PRINT_ERROR_NOT_APPLICABLE);
}

static const char *register_columns[] = {
  "STT", "Mã hồ sơ", "Tên thủ tục hành chính", "Số lượng hồ sơ (bộ)", "Tên tổ chức, cá nhân", "Địa chỉ, số điện thoại",
  "Cơ quan chủ trì giải quyết", "Nhận và trả kết quả", "Nhận hồ sơ", "Hẹn trả kết quả",
  "Chuyển hồ sơ đến cơ quan giải quyết", "Có kết quả", "Trả kết quả", "Phương thức nhận kết quả", "Ký nhận", "Ghi chú",
};

/* The register is landscape, lists every dossier of the period, and repeats its header, with
 * every column of the legal model, on each page. */
static void
test_register (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  McPrintOptions options = { .printed_at = NOW };
  g_autoptr(GError) error = NULL;
  g_autoptr(McPrintLayout) layout = NULL;
  g_autofree char *pdf = g_build_filename (tmpdir, "register.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *numbers = NULL;
  g_autofree char *applicants = NULL;
  double width, height;
  int pages;

  for (guint i = 0; dossiers->len < 45; i++)
    {
      McDossier *d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, i, NOW);

      if (d->received_at != 0)
        g_ptr_array_add (dossiers, d);
      else
        mc_dossier_unref (d);
    }
  layout = mc_print_register (office, dossiers, NOW - 60 * 86400, NOW, &options, &error);
  g_assert_no_error (error);
  g_assert_true (mc_print_layout_write_pdf (layout, pdf, &error));
  g_assert_no_error (error);

  size = print_test_pdf_page_size (pdf);
  g_assert_cmpint (sscanf (size, "%lf x %lf", &width, &height), ==, 2);
  g_assert_cmpfloat (width, >, height);
  g_assert_cmpfloat_with_epsilon (width, 841.89, 1);

  text = print_test_pdf_text (pdf, 0, 0);
  assert_contains (text, "SỔ THEO DÕI HỒ SƠ");
  /* The columns of the numbers and of the applicants: 20 mm margin, 262 mm of text width. */
  numbers = print_test_pdf_column (pdf, 20 * MM + 0.03 * 262 * MM, 0.135 * 262 * MM);
  applicants = print_test_pdf_column (pdf, 20 * MM + 0.305 * 262 * MM, 0.075 * 262 * MM);
  for (guint i = 0; i < dossiers->len; i++)
    {
      McDossier *d = g_ptr_array_index (dossiers, i);

      assert_contains (numbers, d->number);
      assert_contains (applicants, d->applicant_name);
    }
  assert_contains (text, "Tổng số hồ sơ đã tiếp nhận: 45");
  pages = print_test_pdf_pages (pdf);
  g_assert_cmpint (pages, >=, 2);
  for (int p = 1; p <= pages; p++)
    {
      g_autofree char *page = print_test_pdf_text (pdf, p, p);
      /* Every column of Mẫu số 07, with the 2018 model's number of sets, date sent and notes. */
      for (guint c = 0; c < G_N_ELEMENTS (register_columns); c++)
        assert_contains (page, register_columns[c]);
    }
}

/* The pages drawn on another cairo context (how the window prints) carry ink. */
static void
test_draw_page (void)
{
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  g_autoptr(McPrintLayout) layout = mc_print_dossier (office, longest, MC_PRINT_FORM_RECEIPT, NULL, NULL);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 595, 842);
  cairo_t *cr = cairo_create (surface);
  guint dark = 0;
  unsigned char *data;
  int stride;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  mc_print_layout_draw_page (layout, cr, 0);
  cairo_surface_flush (surface);
  data = cairo_image_surface_get_data (surface);
  stride = cairo_image_surface_get_stride (surface);
  for (int y = 0; y < 842; y++)
    for (int x = 0; x < 595; x++)
      dark += data[y * stride + 4 * x + 1] < 128;
  g_assert_cmpuint (dark, >, 5000);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int    argc,
      char **argv)
{
  static const char *tools[] = { "pdftotext", "pdfinfo", "pdftoppm", "zbarimg", NULL };
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
  tmpdir = g_dir_make_tmp ("motcua-print-XXXXXX", &error);
  g_assert_no_error (error);
  longest = find_longest ();

  g_test_add_func ("/print/forms/every-form", test_every_form);
  g_test_add_func ("/print/forms/qr-round-trip", test_qr_round_trip);
  g_test_add_func ("/print/forms/provisional", test_provisional);
  g_test_add_func ("/print/forms/fees", test_fees);
  g_test_add_func ("/print/forms/many-documents", test_many_documents);
  g_test_add_func ("/print/forms/row-taller-than-page", test_row_taller_than_page);
  g_test_add_func ("/print/forms/office-settings", test_office_settings);
  g_test_add_func ("/print/forms/reasons", test_reasons);
  g_test_add_func ("/print/forms/not-applicable", test_not_applicable);
  g_test_add_func ("/print/forms/register", test_register);
  g_test_add_func ("/print/forms/draw-page", test_draw_page);
  status = g_test_run ();

  mc_dossier_unref (longest);
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
