/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "mc-catalog.h"
#include "mc-time.h"

static void
test_procedures (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  const McProcedure *given = mc_catalog_lookup (catalog, "1.012590");
  const McProcedure *assumed = mc_catalog_lookup (catalog, "2.002492");
  const McProcedure *hours_or_days = mc_catalog_lookup (catalog, "1.001699");
  guint n_assumed = 0;
  g_autoptr(GHashTable) ministries = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (mc_catalog_get_n_procedures (catalog), >=, 30);

  /* A row with its duration in the public record keeps it, unflagged. */
  g_assert_nonnull (given);
  g_assert_cmpstr (given->ministry, ==, "G21");
  g_assert_cmpstr (given->name, ==, "Đăng ký sinh hoạt tôn giáo tập trung");
  g_assert_cmpint (given->duration, ==, 20);
  g_assert_cmpint (given->unit, ==, MC_DURATION_CALENDAR_DAYS);
  g_assert_false (given->duration_assumed);
  g_assert_cmpint (given->fee_vnd, ==, 0);
  g_assert_cmpstr (given->provenance, ==, "record");

  /* A row without one gets an explicit assumed value, flagged, and an unknown fee. */
  g_assert_nonnull (assumed);
  g_assert_true (assumed->duration_assumed);
  g_assert_cmpint (assumed->duration, >, 0);
  g_assert_cmpint (assumed->unit, ==, MC_DURATION_WORKING_DAYS);
  g_assert_cmpint (assumed->fee_vnd, ==, -1);

  g_assert_nonnull (hours_or_days);
  g_assert_cmpint (hours_or_days->duration, ==, 25);
  g_assert_false (hours_or_days->duration_assumed);

  g_assert_null (mc_catalog_lookup (catalog, "9.999999"));
  g_assert_null (mc_catalog_lookup (catalog, NULL));

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog); i++)
    {
      const McProcedure *p = mc_catalog_get_procedure (catalog, i);

      g_assert_cmpint (p->duration, >, 0);
      g_assert_true (g_utf8_validate (p->name, -1, NULL));
      n_assumed += p->duration_assumed;
      g_hash_table_add (ministries, p->ministry);
    }
  g_assert_cmpuint (n_assumed, >, 0);
  g_assert_cmpuint (n_assumed, <, mc_catalog_get_n_procedures (catalog));
  /* the five ministries and the inter-agency procedures */
  g_assert_cmpuint (g_hash_table_size (ministries), ==, 6);
}

/* The details of sample-realism.md §6: every procedure has its documents, fee (or none),
 * applicants, and the same-day rule where the source gives it. */
static void
test_details (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  const McProcedure *disability = mc_catalog_lookup (catalog, "1.001699");
  const McProcedure *martyr = mc_catalog_lookup (catalog, "1.010803");
  const McProcedure *copies = mc_catalog_lookup (catalog, "3.000467");
  const McProcedure *prestige = mc_catalog_lookup (catalog, "1.012222");
  const McProcedureDocument *doc;
  g_auto(GStrv) cases = NULL;
  g_auto(GStrv) no_cases = NULL;
  guint in_new = 0, in_again = 0;

  /* Two cases (first assessment, re-assessment), each with its own documents. */
  g_assert_nonnull (disability);
  cases = mc_procedure_list_cases (disability);
  g_assert_cmpuint (g_strv_length (cases), ==, 2);
  g_assert_cmpstr (cases[0], ==, "moi");
  g_assert_cmpstr (cases[1], ==, "lai");
  for (guint i = 0; i < disability->documents->len; i++)
    {
      doc = g_ptr_array_index (disability->documents, i);
      in_new += mc_procedure_document_applies (doc, "moi") && !doc->optional;
      in_again += mc_procedure_document_applies (doc, "lai") && !doc->optional;
    }
  g_assert_cmpuint (in_new, ==, 2);
  g_assert_cmpuint (in_again, ==, 2);
  doc = g_ptr_array_index (disability->documents, 0);
  g_assert_cmpint (doc->form, ==, MC_DOCUMENT_ORIGINAL);
  g_assert_cmpint (doc->count, ==, 1);
  g_assert_nonnull (strstr (doc->name, "Mẫu số 01"));
  g_assert_cmpint (disability->fee_vnd, ==, 0);
  g_assert_true (mc_procedure_accepts (disability, MC_APPLICANT_CITIZEN));
  g_assert_false (mc_procedure_accepts (disability, MC_APPLICANT_ENTERPRISE));
  g_assert_false (disability->same_day_cutoff);

  /* A certified copy is a copy, and an original of the request. */
  no_cases = mc_procedure_list_cases (martyr);
  g_assert_cmpuint (g_strv_length (no_cases), ==, 0);
  g_assert_cmpuint (martyr->documents->len, ==, 3);
  doc = g_ptr_array_index (martyr->documents, 2);
  g_assert_cmpint (doc->form, ==, MC_DOCUMENT_CERTIFIED_COPY);
  g_assert_true (mc_document_form_is_copy (doc->form));
  g_assert_false (mc_document_form_is_copy (MC_DOCUMENT_ORIGINAL));
  g_assert_false (mc_document_form_is_copy (MC_DOCUMENT_SHOWN));
  g_assert_cmpstr (mc_document_form_legal (doc->form), ==, "Bản sao có chứng thực");
  g_assert_cmpint (martyr->duration, ==, 17);

  /* The one procedure with a fee and the 15:00 rule: copies of diplomas, the same day. */
  g_assert_nonnull (copies);
  g_assert_cmpint (copies->fee_vnd, ==, 2000);
  g_assert_cmpstr (copies->ministry, ==, "G03");
  g_assert_cmpint (copies->unit, ==, MC_DURATION_SAME_DAY);
  g_assert_true (copies->same_day_cutoff);
  g_assert_nonnull (strstr (copies->fee_note, "đ/trang"));

  /* Filed by the thôn, never by a citizen. */
  g_assert_true (mc_procedure_accepts (prestige, MC_APPLICANT_OTHER_ORGANIZATION));
  g_assert_false (mc_procedure_accepts (prestige, MC_APPLICANT_CITIZEN));
  g_assert_cmpint (prestige->duration, ==, 25);

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog); i++)
    {
      const McProcedure *p = mc_catalog_get_procedure (catalog, i);

      g_assert_cmpuint (p->documents->len, >, 0);
      g_assert_cmpuint (p->applicants, !=, 0);
      g_assert_cmpstr (p->source, !=, "");
      /* The same-day rule goes with same-day procedures, and only they are due within the day. */
      g_assert_cmpint (p->same_day_cutoff, ==, p->unit == MC_DURATION_SAME_DAY);
      for (guint d = 0; d < p->documents->len; d++)
        {
          doc = g_ptr_array_index (p->documents, d);
          g_assert_null (strstr (doc->name, "hộ khẩu"));
          g_assert_true (g_str_equal (doc->tag, "V") || g_str_equal (doc->tag, "S") || g_str_equal (doc->tag, "R"));
          g_assert_true (!doc->optional || *doc->condition != '\0');
        }
    }
}

static void
test_search (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  g_autoptr(GPtrArray) by_name = mc_catalog_search (catalog, "khuyet tat");
  g_autoptr(GPtrArray) by_code = mc_catalog_search (catalog, "1.01259");
  g_autoptr(GPtrArray) none = mc_catalog_search (catalog, "xyzzy");

  g_assert_cmpuint (by_name->len, ==, 2);
  for (guint i = 0; i < by_name->len; i++)
    g_assert_nonnull (strstr (((McProcedure *) g_ptr_array_index (by_name, i))->name, "khuyết tật"));
  g_assert_cmpuint (by_code->len, ==, 3);  /* 1.012590, 1.012591, 1.012592 */
  g_assert_cmpuint (none->len, ==, 0);
}

static void
test_provinces (void)
{
  McCatalog *catalog = mc_catalog_get_default ();

  g_assert_cmpuint (mc_catalog_get_n_provinces (catalog), ==, 34);
  g_assert_cmpstr (mc_catalog_province_name (catalog, "46"), ==, "Thành phố Huế");
  g_assert_cmpstr (mc_catalog_province_name (catalog, "79"), ==, "Thành phố Hồ Chí Minh");
  g_assert_null (mc_catalog_province_name (catalog, "02"));
  g_assert_cmpstr (mc_catalog_get_province_code (catalog, 0), ==, "01");
}

static void
test_time (void)
{
  gint64 t;
  g_autofree char *iso = NULL, *shortform = NULL;

  /* Vietnam time whatever the machine's zone: 07:00 in Hà Nội is 00:00 UTC. */
  g_assert_true (mc_time_parse ("2026-02-13 09:00", &t));
  g_assert_cmpint (t, ==, mc_time_from_local (2026, 2, 13, 9, 0));
  g_assert_cmpint (mc_time_from_local (2026, 1, 1, 7, 0) % 86400, ==, 0);
  iso = mc_time_format_iso (t);
  g_assert_cmpstr (iso, ==, "2026-02-13T09:00:00+07:00");
  shortform = mc_time_format_short (t);
  g_assert_cmpstr (shortform, ==, "13/02/2026 09:00");
  g_assert_true (mc_time_parse ("2026-02-13", &t));
  g_assert_cmpint (t, ==, mc_time_from_local (2026, 2, 13, 0, 0));
  g_assert_true (mc_time_parse ("2026-02-13T09:30:15", &t));
  g_assert_cmpint (t, ==, mc_time_from_local (2026, 2, 13, 9, 30) + 15);
  /* As dates are written in Vietnam, and as the window shows them. */
  g_assert_true (mc_time_parse ("13/02/2026", &t));
  g_assert_cmpint (t, ==, mc_time_from_local (2026, 2, 13, 0, 0));
  g_assert_true (mc_time_parse ("13/02/2026 09:00", &t));
  g_assert_cmpint (t, ==, mc_time_from_local (2026, 2, 13, 9, 0));
  g_assert_false (mc_time_parse ("30/02/2026", &t));
  g_assert_false (mc_time_parse ("13/02/2026T09:00", &t));
  g_assert_false (mc_time_parse ("13/02", &t));
  g_assert_false (mc_time_parse ("2026-02-30", &t));
  g_assert_false (mc_time_parse ("2026-02-13x09:00", &t));
  g_assert_false (mc_time_parse (NULL, &t));
  /* Day and month of one digit, as officials write them; a time of one-digit hour. */
  g_assert_true (mc_time_parse ("2/3/2026 9:05", &t));
  g_assert_cmpint (t, ==, mc_time_from_local (2026, 3, 2, 9, 5));
  g_assert_false (mc_time_parse ("2/3/2026 9:5", &t));
  g_assert_false (mc_time_parse ("2/3/2026 24:00", &t));
  g_assert_false (mc_time_parse (" 2/3/2026", &t));
  g_assert_false (mc_time_parse ("2/3/26", &t));
  g_assert_false (mc_time_parse ("1780968600", &t));  /* MC_NOW's other form */
}

/* The one reading of a typed day: what every date option of motcuactl takes. */
static void
test_date (void)
{
  static const struct { const char *text; int d, m, y; } accepted[] = {
    { "17/02/2026", 17, 2, 2026 }, { "17/2/2026", 17, 2, 2026 }, { "1/1/2026", 1, 1, 2026 },
    { "01/01/2026", 1, 1, 2026 }, { "2026-02-17", 17, 2, 2026 }, { "2026-2-7", 7, 2, 2026 },
    { "29/2/2028", 29, 2, 2028 },
  };
  static const char *refused[] = {
    "", "17/02", "17/2/26", "17/2/02026", "170/2/2026", "17/123/2026", "17-02-2026", "2026/02/17",
    "26-02-17", "+1/2/2026", "-1/2/2026", " 1/2/2026", "1/2/2026 ", "1/2/2026 09:00", "29/2/2026",
    "31/4/2026", "0/1/2026", "1/0/2026", "1/1/0000", "1//2026", "a/1/2026",
  };
  gint64 start;
  GDate date;

  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_test_message ("%s", accepted[i].text);
      g_assert_true (mc_time_parse_date (accepted[i].text, &date));
      g_assert_cmpint (g_date_get_day (&date), ==, accepted[i].d);
      g_assert_cmpint (g_date_get_month (&date), ==, accepted[i].m);
      g_assert_cmpint (g_date_get_year (&date), ==, accepted[i].y);
      g_assert_true (mc_time_parse_day (accepted[i].text, &start));
      g_assert_cmpint (start, ==, mc_time_from_local (accepted[i].y, accepted[i].m, accepted[i].d, 0, 0));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_test_message ("“%s”", refused[i]);
      g_assert_false (mc_time_parse_date (refused[i], &date));
      g_assert_false (mc_time_parse_day (refused[i], &start));
    }
  g_assert_false (mc_time_parse_date (NULL, &date));
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/catalog/procedures", test_procedures);
  g_test_add_func ("/catalog/details", test_details);
  g_test_add_func ("/catalog/search", test_search);
  g_test_add_func ("/catalog/provinces", test_provinces);
  g_test_add_func ("/time/vietnam", test_time);
  g_test_add_func ("/time/date", test_date);
  return g_test_run ();
}
