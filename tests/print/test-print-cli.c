/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "mc-print.h"
#include "mc-store-audit.h"
#include "mc-store-register.h"
#include "mc-store-settings.h"
#include "mc-time.h"
#include "print-test-util.h"

/* motcuactl print, register and settings as scripts use them: real processes on a real profile,
 * the PDFs read back with pdftotext. */

#define NOW "1794971200"  /* Wednesday 2026-11-18 10:06 in Vietnam */

static char *profile;
static char *tmpdir;

#define RUN(r, ...) CLI_RUN (r, profile, NOW, __VA_ARGS__)

/* The number of the first dossier listed in @status. */
static char *
number_in_status (int status)
{
  g_auto(CliRun) r = { 0 };
  g_autofree char *arg = g_strdup_printf ("%d", status);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  RUN (&r, "list", "--status", arg, "--limit", "1", "--json");
  g_assert_cmpint (r.status, ==, 0);
  node = json_from_string (r.out, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), 0),
                                                  "number"));
}

static McStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mc_store_profile_path (profile);
  McStore *store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return store;
}

/* How many entries the audit chain holds, once verified. */
static guint
audit_entries (void)
{
  g_autoptr(McStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (mc_store_audit_verify (store, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_settings (void)
{
  g_auto(CliRun) list = { 0 };
  g_auto(CliRun) get = { 0 };
  g_auto(CliRun) set = { 0 };
  g_auto(CliRun) again = { 0 };
  g_auto(CliRun) listed = { 0 };
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) unset = { 0 };
  g_auto(CliRun) unset_again = { 0 };
  g_auto(CliRun) missing = { 0 };
  g_auto(CliRun) verb = { 0 };
  g_auto(CliRun) unset_unit = { 0 };
  g_auto(CliRun) unset_phone = { 0 };
  guint audited = audit_entries ();

  /* init-sample set the sample commune's office; what it did not set keeps its default. */
  RUN (&list, "settings", "list");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "office.unit\tTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\t(set)\n"));
  g_assert_nonnull (strstr (list.out, "form.receiver-title\tNGƯỜI TIẾP NHẬN HỒ SƠ\t(default)\n"));
  g_assert_nonnull (strstr (list.out, "form.legal-basis\t\t(default)\n"));
  g_assert_nonnull (strstr (list.out, "office.parent\tỦY BAN NHÂN DÂN "));

  RUN (&unset_unit, "settings", "unset", "office.unit");
  g_assert_cmpint (unset_unit.status, ==, 0);
  RUN (&get, "settings", "get", "office.unit");
  g_assert_cmpint (get.status, ==, 0);
  g_assert_cmpstr (get.out, ==, "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\n");

  RUN (&set, "settings", "set", "office.parent", "ỦY BAN NHÂN DÂN XÃ PHÚ LỘC");
  g_assert_cmpint (set.status, ==, 0);
  RUN (&again, "settings", "get", "office.parent");
  g_assert_cmpstr (again.out, ==, "ỦY BAN NHÂN DÂN XÃ PHÚ LỘC\n");
  RUN (&listed, "settings", "list");
  g_assert_nonnull (strstr (listed.out, "office.parent\tỦY BAN NHÂN DÂN XÃ PHÚ LỘC\t(set)\n"));

  RUN (&unknown, "settings", "set", "office.name", "x");
  g_assert_cmpint (unknown.status, ==, 2);
  RUN (&unset_phone, "settings", "unset", "office.phone");
  g_assert_cmpint (unset_phone.status, ==, 0);
  RUN (&unset, "settings", "unset", "office.phone");
  cli_assert_failed (&unset, NULL);   /* no longer set */
  RUN (&unset_again, "settings", "unset", "office.parent");
  g_assert_cmpint (unset_again.status, ==, 0);
  RUN (&missing, "settings", "set", "office.unit");
  g_assert_cmpint (missing.status, ==, 2);
  RUN (&verb, "settings", "remove", "office.unit");
  g_assert_cmpint (verb.status, ==, 2);

  /* What the forms say about the office changed four times: every change is in the audit log. */
  g_assert_cmpuint (audit_entries (), ==, audited + 4);
}

/* Reschedules dossier @number with apology from the command line: its due date a week later. */
static void
reschedule (McStore    *store,
            const char *number,
            const char *reason)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = mc_store_get_dossier (store, mc_store_find_number (store, number, NULL), &error);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *text = NULL;
  g_auto(CliRun) r = { 0 };

  g_assert_no_error (error);
  due = mc_time_to_local (d->due_at + 7 * 86400);
  text = g_date_time_format (due, "%Y-%m-%d %H:%M");
  RUN (&r, "act", number, "reschedule", "--reason", reason, "--due", text);
  if (r.status != 0)
    g_test_message ("%s", r.err);
  g_assert_cmpint (r.status, ==, 0);
}

/* Every form prints from the command line for a dossier it may be issued for, says what the
 * office set, and has the same text as the library's rendering: the window and motcuactl print
 * the same pages. The apology carries what the reschedule recorded. */
static void
test_print (void)
{
  static const McStatus statuses[MC_PRINT_N_FORMS] = {
    [MC_PRINT_FORM_RECEIPT] = MC_STATUS_PROCESSING,
    [MC_PRINT_FORM_SUPPLEMENT] = MC_STATUS_SUPPLEMENT_REQUESTED,
    [MC_PRINT_FORM_REFUSAL] = MC_STATUS_REFUSED,
    [MC_PRINT_FORM_APOLOGY] = MC_STATUS_PROCESSING,
    [MC_PRINT_FORM_STOP] = MC_STATUS_STOPPED,
    [MC_PRINT_FORM_CONTROL] = MC_STATUS_PROCESSING,
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) set = { 0 };
  g_autofree char *dated = NULL;
  g_autofree char *official = NULL;
  McPrintOptions options = { 0 };

  RUN (&set, "settings", "set", "office.unit", "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC");
  g_assert_cmpint (set.status, ==, 0);

  store = open_store ();
  office = mc_print_office_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->unit, ==, "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC");
  g_assert_true (mc_time_parse ("2026-11-18", &options.printed_at));
  /* motcuactl signs as the profile's official when the office names no one. */
  g_assert_true (mc_store_lookup_setting (store, "official.name", &official, &error));
  g_assert_nonnull (official);
  options.official = official;
  /* The sample commune's name before the date. */
  g_assert_cmpstr (office->place, !=, "");
  dated = g_strdup_printf ("%s, ngày 18 tháng 11 năm 2026", office->place);

  for (McPrintForm form = 0; form < MC_PRINT_N_FORMS; form++)
    {
      g_autofree char *number = number_in_status (statuses[form]);
      g_auto(CliRun) r = { 0 };
      g_autofree char *name = g_strdup_printf ("cli-%s.pdf", mc_print_form_id (form));
      g_autofree char *lib_name = g_strdup_printf ("lib-%s.pdf", mc_print_form_id (form));
      g_autofree char *pdf = g_build_filename (tmpdir, name, NULL);
      g_autofree char *lib_pdf = g_build_filename (tmpdir, lib_name, NULL);
      g_autoptr(McPrintLayout) layout = NULL;
      g_autofree char *text = NULL;
      g_autofree char *lib_text = NULL;
      gint64 id = mc_store_find_number (store, number, NULL);

      if (form == MC_PRINT_FORM_APOLOGY)
        reschedule (store, number, "Chờ ý kiến của Sở Văn hóa, Thể thao và Du lịch");
      layout = mc_print_stored_dossier (store, id, form, &options, &error);
      g_assert_no_error (error);
      g_assert_true (mc_print_layout_write_pdf (layout, lib_pdf, &error));
      g_assert_no_error (error);
      RUN (&r, "print", number, mc_print_form_id (form), "--output", pdf, "--date", "2026-11-18");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      text = print_test_pdf_text (pdf, 0, 0);
      lib_text = print_test_pdf_text (lib_pdf, 0, 0);
      g_assert_true (print_test_contains (text, number));
      g_assert_true (print_test_contains (text, "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC"));
      g_assert_true (print_test_contains (text, dated));
      g_assert_false (print_test_contains (text, "cơ quan, đơn vị"));
      g_assert_false (print_test_contains (text, g_get_user_name ()));
      /* The counter's forms carry the official's name; the head of the agency signs the
       * apology and the stop notice by hand, and the control sheet is signed per hand-off. */
      if (form == MC_PRINT_FORM_RECEIPT || form == MC_PRINT_FORM_SUPPLEMENT || form == MC_PRINT_FORM_REFUSAL)
        g_assert_true (print_test_contains (text, official));
      g_assert_cmpstr (text, ==, lib_text);
      if (form == MC_PRINT_FORM_RECEIPT)
        g_assert_true (print_test_contains (text, "Vào Sổ theo dõi hồ sơ, Quyển số:"));
      if (form == MC_PRINT_FORM_APOLOGY)
        {
          g_autoptr(McDossier) d = mc_store_get_dossier (store, id, &error);
          g_autofree char *missed = print_test_vn_date (d->reschedule->due_before);
          g_autofree char *promised = print_test_vn_date (d->due_at);

          g_assert_true (print_test_contains (text, "Chờ ý kiến của Sở Văn hóa, Thể thao và Du lịch"));
          g_assert_true (print_test_contains (text, missed));
          g_assert_true (print_test_contains (text, promised));
        }
    }
}

/* The forms a dossier may not have now are refused with the reason, in one line. */
static void
test_print_errors (void)
{
  g_autofree char *number = number_in_status (MC_STATUS_PROCESSING);
  g_autofree char *submitted = number_in_status (MC_STATUS_SUBMITTED);
  g_autofree char *returned = number_in_status (MC_STATUS_RETURNED);
  g_autofree char *refused = number_in_status (MC_STATUS_REFUSED);
  g_autofree char *received = number_in_status (MC_STATUS_RECEIVED);
  g_autofree char *pdf = g_build_filename (tmpdir, "error.pdf", NULL);
  g_auto(CliRun) unknown = { 0 };
  g_auto(CliRun) form = { 0 };
  g_auto(CliRun) output = { 0 };
  g_auto(CliRun) args = { 0 };
  g_auto(CliRun) not_received = { 0 };
  g_auto(CliRun) unwritable = { 0 };
  g_auto(CliRun) r = { 0 };

  RUN (&unknown, "print", "G16.000-20260101-9999999", "receipt", "--output", pdf);
  cli_assert_failed (&unknown, NULL);
  RUN (&form, "print", number, "invoice", "--output", pdf);
  g_assert_cmpint (form.status, ==, 2);
  RUN (&output, "print", number, "receipt");
  g_assert_cmpint (output.status, ==, 2);
  RUN (&args, "print", number);
  g_assert_cmpint (args.status, ==, 2);
  RUN (&not_received, "print", submitted, "receipt", "--output", pdf);
  cli_assert_failed (&not_received, NULL);
  RUN (&unwritable, "print", number, "receipt", "--output", "/nonexistent-dir/receipt.pdf");
  cli_assert_failed (&unwritable, NULL);
  RUN (&r, "print", returned, "refusal", "--output", pdf);
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "refused dossier"));
  RUN (&r, "print", returned, "stop", "--output", pdf);
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "stopped or withdrawn"));
  RUN (&r, "print", returned, "apology", "--output", pdf);
  cli_assert_failed (&r, NULL);
  RUN (&r, "print", received, "apology", "--output", pdf);
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "was not rescheduled"));
  RUN (&r, "print", refused, "receipt", "--output", pdf);
  cli_assert_failed (&r, NULL);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* A form is signed by a person: --official, else the profile's official.name; with neither,
 * motcuactl print says how to give one and writes nothing. */
static void
test_print_official (void)
{
  g_autofree char *number = number_in_status (MC_STATUS_PROCESSING);
  g_autofree char *pdf = g_build_filename (tmpdir, "official.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *saved = NULL;
  g_auto(CliRun) r = { 0 };

  {
    g_autoptr(McStore) store = open_store ();

    g_assert_true (mc_store_lookup_setting (store, "official.name", &saved, NULL));
    g_assert_nonnull (saved);
  }
  RUN (&r, "settings", "unset", "official.name");
  g_assert_cmpint (r.status, ==, 0);
  RUN (&r, "print", number, "receipt", "--output", pdf);
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "--official"));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  RUN (&r, "print", number, "receipt", "--output", pdf, "--official", "Hoàng Văn Kiểm");
  g_assert_cmpint (r.status, ==, 0);
  text = print_test_pdf_text (pdf, 0, 0);
  g_assert_true (print_test_contains (text, "Hoàng Văn Kiểm"));
  g_assert_false (print_test_contains (text, g_get_user_name ()));

  RUN (&r, "settings", "set", "official.name", saved);
  g_assert_cmpint (r.status, ==, 0);
}

/* The text of the receipt of dossier @number as motcuactl prints it to @pdf. */
static char *
receipt_text (const char *number,
              const char *pdf)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "print", number, "receipt", "--output", pdf);
  g_assert_cmpint (r.status, ==, 0);
  return print_test_pdf_text (pdf, 1, 1);
}

/* What the counter records of each document (its form and count) is what the receipt prints;
 * a form that is none of the four is refused. */
static void
test_intake_documents (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "intake-receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  g_auto(CliRun) r = { 0 };

  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Tờ khai đề nghị", "--document", "Giấy khai sinh;certified-copy;2",
       "--document", "Căn cước;electronic", "--document", "Sổ hộ khẩu;copy;3");
  g_assert_cmpint (r.status, ==, 0);
  number = g_strndup (r.out, strcspn (r.out, "\t"));
  text = receipt_text (number, pdf);
  g_assert_true (print_test_contains (text, "Tờ khai đề nghị Bản chính 01"));
  g_assert_true (print_test_contains (text, "Giấy khai sinh Bản sao chứng thực 02"));
  g_assert_true (print_test_contains (text, "Căn cước Bản điện tử 01"));
  g_assert_true (print_test_contains (text, "Sổ hộ khẩu Bản sao 03"));
  {
    g_autoptr(McStore) store = open_store ();
    g_autofree char *official = NULL;

    /* The receiving official is the profile's (the sample commune's), by name. */
    g_assert_true (mc_store_lookup_setting (store, "official.name", &official, NULL));
    g_assert_nonnull (official);
    g_assert_true (print_test_contains (text, official));
  }
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Giấy khai sinh;photocopy;2");
  g_assert_cmpint (r.status, ==, 2);
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Giấy khai sinh;copy;0");
  g_assert_cmpint (r.status, ==, 2);
}

/* Filed by proxy, the receipt names the proxy with the paper that authorises them, and the
 * proxy signs as the one who handed the dossier in. A due date computed from an assumed
 * duration prints as provisional; the one the official gave (--due) as firm, moved to the
 * next office time when typed for a closed office. */
static void
test_intake_proxy_and_due (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "proxy-receipt.pdf", NULL);
  g_autofree char *assumed_pdf = g_build_filename (tmpdir, "assumed-receipt.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *assumed_text = NULL;
  g_autofree char *number = NULL;
  g_autofree char *assumed = NULL;
  g_auto(CliRun) r = { 0 };

  RUN (&r, "receive-new", "--procedure", "2.002492", "--applicant", "Lê Văn Bình", "--id-number", "001190000123",
       "--document", "Đơn đề nghị", "--at", "2026-11-18 09:00", "--proxy", "Phạm Thị Thu",
       "--proxy-id-number", "046190000456", "--proxy-phone", "0912345678", "--proxy-address", "thôn Phú Lộc",
       "--proxy-authorization", "Giấy ủy quyền số 12/UQ ngày 10/11/2026", "--due", "2026-12-12 10:00");
  g_assert_cmpint (r.status, ==, 0);
  number = g_strndup (r.out, strcspn (r.out, "\t"));
  /* Saturday 12 December: Monday 14 December 07:00, and motcuactl says so. */
  g_assert_nonnull (strstr (r.out, "\t14/12/2026 07:00\n"));
  g_assert_nonnull (strstr (r.out, "12/12/2026 10:00 is outside office hours or on a day off"));
  text = receipt_text (number, pdf);
  g_assert_true (print_test_contains (text, "Người nộp hồ sơ theo ủy quyền: Phạm Thị Thu"));
  g_assert_true (print_test_contains (text, "046190000456"));
  g_assert_true (print_test_contains (text, "0912345678"));
  g_assert_true (print_test_contains (text, "thôn Phú Lộc"));
  g_assert_true (print_test_contains (text, "Giấy tờ ủy quyền: Giấy ủy quyền số 12/UQ ngày 10/11/2026"));
  g_assert_true (print_test_contains (text, "Lê Văn Bình"));
  g_assert_true (print_test_contains (text, "ngày 14 tháng 12 năm 2026"));
  g_assert_false (print_test_contains (text, "dự kiến"));

  /* The same procedure without --due: the computed date is provisional, and no proxy. */
  RUN (&r, "receive-new", "--procedure", "2.002492", "--applicant", "Lê Văn Bình", "--id-number", "001190000123",
       "--document", "Đơn đề nghị", "--at", "2026-11-18 09:00");
  g_assert_cmpint (r.status, ==, 0);
  assumed = g_strndup (r.out, strcspn (r.out, "\t"));
  assumed_text = receipt_text (assumed, assumed_pdf);
  g_assert_true (print_test_contains (assumed_text, "(ngày hẹn dự kiến)"));
  g_assert_false (print_test_contains (assumed_text, "ủy quyền"));

  /* A proxy is identified and authorised, or the dossier is not taken. */
  RUN (&r, "receive-new", "--procedure", "2.002492", "--applicant", "Lê Văn Bình", "--id-number", "001190000123",
       "--document", "Đơn đề nghị", "--proxy", "Phạm Thị Thu", "--proxy-id-number", "046190000456");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "authorises the proxy"));
  RUN (&r, "receive-new", "--procedure", "2.002492", "--applicant", "Lê Văn Bình", "--id-number", "001190000123",
       "--document", "Đơn đề nghị", "--proxy", "Phạm Thị Thu", "--proxy-id-number", "12345",
       "--proxy-authorization", "Giấy ủy quyền");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "proxy's ID number"));
  RUN (&r, "receive-new", "--procedure", "2.002492", "--applicant", "Lê Văn Bình", "--id-number", "001190000123",
       "--document", "Đơn đề nghị", "--proxy-phone", "0912345678");
  g_assert_cmpint (r.status, ==, 2);
}

/* The register of one day lists exactly the dossiers the store says were received that day. */
static void
test_register (void)
{
  g_autoptr(McStore) store = open_store ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (tmpdir, "register.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *total = NULL;
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) bad = { 0 };
  g_auto(CliRun) reversed = { 0 };
  g_auto(CliRun) empty = { 0 };
  gint64 day, next;

  /* Tuesday 2026-11-17 and the day before it. */
  g_assert_true (mc_time_parse ("2026-11-17", &day));
  next = day + 86400;
  ids = mc_store_list_received (store, day, next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  before = mc_store_list_received (store, day - 86400, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);

  RUN (&r, "register", "--from", "2026-11-17", "--to", "2026-11-17", "--output", pdf);
  g_assert_cmpint (r.status, ==, 0);
  size = print_test_pdf_page_size (pdf);
  g_assert_true (g_str_has_prefix (size, "841.89 x 595.2"));
  text = print_test_pdf_text (pdf, 0, 0);
  g_assert_true (print_test_contains (text, "Từ ngày 17 tháng 11 năm 2026 đến ngày 17 tháng 11 năm 2026"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_true (print_test_contains (text, d->number));
    }
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (before, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_false (print_test_contains (text, d->number));
    }
  total = g_strdup_printf ("Tổng số hồ sơ đã tiếp nhận: %u", ids->len);
  g_assert_true (print_test_contains (text, total));

  RUN (&bad, "register", "--from", "17.11.2026", "--to", "2026-11-17", "--output", pdf);
  g_assert_cmpint (bad.status, ==, 2);
  RUN (&reversed, "register", "--from", "2026-11-17", "--to", "2026-11-16", "--output", pdf);
  g_assert_cmpint (reversed.status, ==, 2);
  RUN (&empty, "register", "--from", "2020-01-01", "--to", "2020-01-31", "--output", pdf);
  g_assert_cmpint (empty.status, ==, 0);
  g_free (text);
  text = print_test_pdf_text (pdf, 0, 0);
  g_assert_true (print_test_contains (text, "Không có hồ sơ nào được tiếp nhận"));
}

int
main (int    argc,
      char **argv)
{
  static const char *tools[] = { "pdftotext", "pdfinfo", NULL };
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(CliRun) init = { 0 };
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (print_test_tools_missing (tools, &reason))
    {
      g_print ("1..0 # SKIP %s\n", reason);
      return 0;
    }
  tmpdir = g_dir_make_tmp ("motcua-print-cli-XXXXXX", &error);
  g_assert_no_error (error);
  profile = g_build_filename (tmpdir, "profile", NULL);
  RUN (&init, "init-sample", "--dossiers", "400");
  g_assert_cmpint (init.status, ==, 0);

  g_test_add_func ("/print/cli/settings", test_settings);
  g_test_add_func ("/print/cli/print", test_print);
  g_test_add_func ("/print/cli/print-errors", test_print_errors);
  g_test_add_func ("/print/cli/print-official", test_print_official);
  g_test_add_func ("/print/cli/intake-documents", test_intake_documents);
  g_test_add_func ("/print/cli/intake-proxy-and-due", test_intake_proxy_and_due);
  g_test_add_func ("/print/cli/register", test_register);
  status = g_test_run ();

  {
    g_autofree char *rm_argv0 = g_find_program_in_path ("rm");
    const char *rm[] = { rm_argv0, "-rf", tmpdir, NULL };
    int rm_status;

    g_free (print_test_run (rm, &rm_status));
  }
  g_free (profile);
  g_free (tmpdir);
  return status;
}
