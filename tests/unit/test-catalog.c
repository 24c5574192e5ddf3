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
}

int
main (int argc, char **argv)
{
  g_setenv ("TZ", "America/New_York", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/catalog/procedures", test_procedures);
  g_test_add_func ("/catalog/search", test_search);
  g_test_add_func ("/catalog/provinces", test_provinces);
  g_test_add_func ("/time/vietnam", test_time);
  return g_test_run ();
}
