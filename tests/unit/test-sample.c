/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "mc-catalog.h"
#include "mc-dossier-json.h"
#include "mc-fold.h"
#include "mc-sample.h"
#include "mc-time.h"

#define NOW 1794971200  /* Wednesday 2026-11-18 10:06 in Vietnam, office hours */

static char *
dossier_json (McDossier *d)
{
  g_autoptr(JsonNode) node = mc_dossier_to_json (d, TRUE);

  return json_to_string (node, FALSE);
}

static void
test_deterministic (void)
{
  for (guint64 i = 0; i < 200; i++)
    {
      g_autoptr(McDossier) a = mc_sample_dossier (42, i, NOW);
      g_autoptr(McDossier) b = mc_sample_dossier (42, i, NOW);
      g_autoptr(McDossier) other_seed = mc_sample_dossier (43, i, NOW);
      g_autofree char *ja = dossier_json (a);
      g_autofree char *jb = dossier_json (b);
      g_autofree char *jc = dossier_json (other_seed);

      g_assert_cmpstr (ja, ==, jb);
      g_assert_cmpstr (ja, !=, jc);
    }
}

static gboolean
has_char (const char *s, const char *utf8_char)
{
  return strstr (s, utf8_char) != NULL;
}

static void
test_realistic (void)
{
  McCatalog *catalog = mc_catalog_get_default ();
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) ministries = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) all_names = g_string_new (NULL);
  guint statuses = 0, due_today = 0, due_soon = 0, overdue = 0, with_docs = 0, with_fees = 0;
  g_autoptr(GDateTime) local_now = mc_time_to_local (NOW);
  int today = g_date_time_get_day_of_year (local_now);

  for (guint64 i = 0; i < 3000; i++)
    {
      g_autoptr(McDossier) d = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, i, NOW);
      const McProcedure *p = mc_catalog_lookup (catalog, d->procedure_code);
      char province[3] = { d->id_number[1], d->id_number[2], 0 };

      /* Real procedure of the right ministry, from the catalog. */
      g_assert_nonnull (p);
      g_assert_cmpstr (p->name, ==, d->procedure_name);
      g_assert_true (g_ascii_strncasecmp (p->ministry, d->source_id, 3) == 0);
      g_hash_table_add (ministries, p->ministry);

      /* 12-digit ID whose first three digits are a province code, a phone number. */
      g_assert_cmpuint (strlen (d->id_number), ==, 12);
      g_assert_cmpint (d->id_number[0], ==, '0');
      g_assert_nonnull (mc_catalog_province_name (catalog, province));
      g_assert_cmpuint (strlen (d->phone), ==, 10);
      g_assert_cmpint (d->phone[0], ==, '0');
      g_assert_nonnull (strstr (d->address, ", "));

      /* Unique numbers, times in order and not in the future. */
      g_assert_false (g_hash_table_contains (numbers, d->number));
      g_hash_table_add (numbers, g_strdup (d->number));
      g_assert_cmpint (d->submitted_at, <=, NOW);
      for (guint s = 1; s < d->history->len; s++)
        g_assert_cmpint (((McStep *) g_ptr_array_index (d->history, s - 1))->at, <=,
                         ((McStep *) g_ptr_array_index (d->history, s))->at);
      if (d->status != MC_STATUS_SUBMITTED)
        {
          g_autoptr(GDateTime) r = mc_time_to_local (d->received_at);
          int minute = g_date_time_get_hour (r) * 60 + g_date_time_get_minute (r);

          g_assert_cmpint (d->received_at, <=, NOW);
          g_assert_cmpint (d->due_at, >, d->received_at);
          g_assert_cmpint (g_date_time_get_day_of_week (r), <, 6);
          g_assert_true ((minute >= 7 * 60 && minute < 11 * 60 + 30) || (minute >= 13 * 60 + 30 && minute < 17 * 60));
          if (d->status != MC_STATUS_RETURNED && d->status != MC_STATUS_RESOLVED)
            {
              g_autoptr(GDateTime) due = mc_time_to_local (d->due_at);

              if (d->due_at < NOW)
                overdue++;
              else if (g_date_time_get_day_of_year (due) == today && g_date_time_get_year (due) == 2026)
                due_today++;
              else if (d->due_at < NOW + 3 * 86400)
                due_soon++;
            }
        }
      statuses |= 1u << d->status;
      with_docs += d->documents->len > 0;
      with_fees += d->fees->len > 0;
      g_string_append_printf (all_names, "%s\n", d->applicant_name);
    }

  g_assert_cmpuint (statuses, ==, 0x7fe);  /* every status 1–10 */
  g_assert_cmpuint (g_hash_table_size (ministries), ==, 5);
  g_assert_cmpuint (due_today, >, 0);
  g_assert_cmpuint (due_soon, >, 0);
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (with_docs, ==, 3000);
  g_assert_cmpuint (with_fees, >, 300);
  /* Every tone mark (grave, acute, hook, tilde, dot) and đ appear in the names. */
  g_assert_true (has_char (all_names->str, "Đ"));
  g_assert_true (has_char (all_names->str, "ầ") || has_char (all_names->str, "à"));
  g_assert_true (has_char (all_names->str, "á") || has_char (all_names->str, "ấ"));
  g_assert_true (has_char (all_names->str, "ả") || has_char (all_names->str, "ỷ"));
  g_assert_true (has_char (all_names->str, "ễ") || has_char (all_names->str, "ũ"));
  g_assert_true (has_char (all_names->str, "ặ") || has_char (all_names->str, "ạ"));
}

static void
test_sources (void)
{
  g_autoptr(GPtrArray) sources = mc_sample_sources ();
  const char *dialects[] = { "dvcqg", "lgsp", "rest", "feed", "legacy" };

  g_assert_cmpuint (sources->len, ==, 5);
  for (guint i = 0; i < sources->len; i++)
    g_assert_cmpstr (((McSource *) g_ptr_array_index (sources, i))->dialect, ==, dialects[i]);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/sample/deterministic", test_deterministic);
  g_test_add_func ("/sample/realistic", test_realistic);
  g_test_add_func ("/sample/sources", test_sources);
  return g_test_run ();
}
