/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "mc-print.h"
#include "mc-print-text.h"
#include "mc-time.h"

/* How the forms write dates and amounts: Vietnamese whatever the desktop's language. */

static void
test_date (void)
{
  static const struct { int y, mo, d, h, mi; const char *date; const char *date_time; } cases[] = {
    { 2026, 4, 23, 8, 30, "ngày 23 tháng 4 năm 2026", "08 giờ 30 phút, ngày 23 tháng 4 năm 2026" },
    /* Decree 30/2020: a day below 10 and the months 1 and 2 take a leading zero. */
    { 2026, 1, 5, 16, 5, "ngày 05 tháng 01 năm 2026", "16 giờ 05 phút, ngày 05 tháng 01 năm 2026" },
    { 2026, 2, 28, 0, 0, "ngày 28 tháng 02 năm 2026", "00 giờ 00 phút, ngày 28 tháng 02 năm 2026" },
    { 2025, 12, 9, 23, 59, "ngày 09 tháng 12 năm 2025", "23 giờ 59 phút, ngày 09 tháng 12 năm 2025" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      gint64 t = mc_time_from_local (cases[i].y, cases[i].mo, cases[i].d, cases[i].h, cases[i].mi);
      g_autofree char *date = mc_print_date (t);
      g_autofree char *date_time = mc_print_date_time (t);

      g_assert_cmpstr (date, ==, cases[i].date);
      g_assert_cmpstr (date_time, ==, cases[i].date_time);
    }
}

/* 17:30 UTC is already the next day in Vietnam: the form must not print the machine's date. */
static void
test_date_vietnam_time (void)
{
  g_autoptr(GDateTime) utc = g_date_time_new_utc (2026, 4, 22, 17, 30, 0);
  g_autofree char *date = mc_print_date (g_date_time_to_unix (utc));

  g_assert_cmpstr (date, ==, "ngày 23 tháng 4 năm 2026");
}

static void
test_amount (void)
{
  static const struct { gint64 amount; const char *text; } cases[] = {
    { 0, "0 đồng" },
    { 999, "999 đồng" },
    { 1000, "1.000 đồng" },
    { 20000, "20.000 đồng" },
    { 1250000, "1.250.000 đồng" },
    { 100000000, "100.000.000 đồng" },
    { -50000, "-50.000 đồng" },
    { G_MAXINT64, "9.223.372.036.854.775.807 đồng" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = mc_print_amount (cases[i].amount);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_labels (void)
{
  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    g_assert_cmpstr (mc_print_status_label (s), !=, "");
  g_assert_cmpstr (mc_print_status_label (MC_STATUS_SUPPLEMENT_REQUESTED), ==, "Yêu cầu bổ sung giấy tờ");
  g_assert_cmpstr (mc_print_applicant_label (MC_APPLICANT_CITIZEN), ==, "Ông/Bà");
  g_assert_cmpstr (mc_print_applicant_label (MC_APPLICANT_ENTERPRISE), ==, "Tổ chức");
  g_assert_cmpstr (mc_print_return_method (MC_CHANNEL_POST), ==, "Nhận qua dịch vụ bưu chính công ích");
}

static void
test_forms (void)
{
  McPrintForm form;

  for (McPrintForm f = 0; f < MC_PRINT_N_FORMS; f++)
    {
      g_assert_true (mc_print_form_from_id (mc_print_form_id (f), &form));
      g_assert_cmpint (form, ==, f);
      g_assert_true (g_utf8_validate (mc_print_form_title (f), -1, NULL));
    }
  g_assert_false (mc_print_form_from_id ("receipts", &form));
  g_assert_false (mc_print_form_from_id (NULL, &form));

  g_assert_true (mc_print_form_for_action (MC_ACTION_RECEIVE, &form));
  g_assert_cmpint (form, ==, MC_PRINT_FORM_RECEIPT);
  g_assert_true (mc_print_form_for_action (MC_ACTION_REQUEST_SUPPLEMENT, &form));
  g_assert_cmpint (form, ==, MC_PRINT_FORM_SUPPLEMENT);
  g_assert_true (mc_print_form_for_action (MC_ACTION_REFUSE, &form));
  g_assert_cmpint (form, ==, MC_PRINT_FORM_REFUSAL);
  g_assert_true (mc_print_form_for_action (MC_ACTION_RESCHEDULE, &form));
  g_assert_cmpint (form, ==, MC_PRINT_FORM_APOLOGY);
  g_assert_true (mc_print_form_for_action (MC_ACTION_STOP, &form));
  g_assert_cmpint (form, ==, MC_PRINT_FORM_STOP);
  g_assert_false (mc_print_form_for_action (MC_ACTION_RESOLVE, &form));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/print/text/date", test_date);
  g_test_add_func ("/print/text/date-vietnam-time", test_date_vietnam_time);
  g_test_add_func ("/print/text/amount", test_amount);
  g_test_add_func ("/print/text/labels", test_labels);
  g_test_add_func ("/print/forms/ids", test_forms);
  return g_test_run ();
}
