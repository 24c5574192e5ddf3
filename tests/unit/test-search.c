/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>

#include "mc-fold.h"
#include "mc-sample.h"
#include "mc-store.h"

/* Full-text search: folding on both sides, user input never taken as FTS5 syntax, exact
 * numbers first. A small store is built by hand so that every expectation is checkable. */

typedef struct
{
  McStore *store;
  GPtrArray *dossiers;  /* McDossier, as inserted */
} Fixture;

static McDossier *
make (const char *number, const char *name, const char *id_number, const char *address)
{
  McDossier *d = mc_dossier_new ();

  d->source_id = g_strdup ("g09");
  d->number = g_strdup (number);
  d->procedure_code = g_strdup ("1.010803");
  d->procedure_name = g_strdup ("Trợ cấp thờ cúng liệt sĩ");
  d->applicant_name = g_strdup (name);
  d->id_number = g_strdup (id_number);
  d->phone = g_strdup ("0912345678");
  d->address = g_strdup (address);
  d->status = MC_STATUS_RECEIVED;
  d->received_at = 1795000000 + g_str_hash (number) % 1000;
  return d;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  g_autoptr(McSource) source = mc_source_new ("g09", "G09", "lgsp", "Nội vụ", "http://127.0.0.1:1", "u", "a");

  f->store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (mc_store_add_source (f->store, source, &error));
  f->dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  g_ptr_array_add (f->dossiers, make ("G09.46-20261120-0000001", "Đặng Văn Hùng", "046090123456", "Số 1, thôn 2, phường Thuận Hóa, Thành phố Huế"));
  g_ptr_array_add (f->dossiers, make ("G09.46-20261120-0000002", "ĐẶNG THỊ MAI", "046190654321", "TP. Huế"));
  g_ptr_array_add (f->dossiers, make ("G09.01-20261120-0000003", "Lê-Thị Hoa", "001190111222", "Hà Nội"));
  g_ptr_array_add (f->dossiers, make ("G09.79-20261120-0000004", "Nguyễn Văn Đông", "079080333444", "Quận 1"));
  g_ptr_array_add (f->dossiers, make ("G09.79-20261120-0000005", "Trần \"Bé\" Năm", "079080555666", "Thủ Đức"));
  /* A dossier whose applicant name is another dossier's ID number: the exact ID must win. */
  g_ptr_array_add (f->dossiers, make ("G09.79-20261120-0000006", "046090123456", "079080777888", "Thủ Đức"));
  for (guint i = 0; i < f->dossiers->len; i++)
    {
      g_assert_true (mc_store_insert_dossier (f->store, g_ptr_array_index (f->dossiers, i), &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->dossiers, g_ptr_array_unref);
}

/* The numbers (last 7 digits) of the hits, in order, as a string like "1,2". */
static char *
hits (Fixture *f, const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = mc_store_search (f->store, query, 0, &error);
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (f->store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_string_append_printf (out, "%s%d", out->len ? "," : "", atoi (d->number + strlen (d->number) - 7));
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static int
compare_numbers (gconstpointer a, gconstpointer b, gpointer data)
{
  return atoi (*(char **) a) - atoi (*(char **) b);
}

/* Sorted, for expectations about sets rather than order. */
static char *
hit_set (Fixture *f, const char *query)
{
  g_autofree char *list = hits (f, query);
  g_auto(GStrv) parts = g_strsplit (list, ",", -1);

  g_qsort_with_data (parts, g_strv_length (parts), sizeof (char *), compare_numbers, NULL);
  return g_strjoinv (",", parts);
}

#define ASSERT_SET(f, query, expected) \
  G_STMT_START { g_autofree char *got = hit_set (f, query); g_assert_cmpstr (got, ==, expected); } G_STMT_END

static void
test_diacritics (Fixture *f, gconstpointer data)
{
  ASSERT_SET (f, "dang", "1,2");
  ASSERT_SET (f, "DANG", "1,2");
  ASSERT_SET (f, "đặng", "1,2");
  ASSERT_SET (f, "Đặng", "1,2");
  ASSERT_SET (f, "nguyen dong", "4");
  ASSERT_SET (f, "dong nguyen", "4");
  ASSERT_SET (f, "hue", "1,2");
  ASSERT_SET (f, "ng", "4");       /* prefix of the last token */
  ASSERT_SET (f, "d", "1,2,4,5,6");  /* Đặng ×2, Đông, Thủ Đức ×2 */
  ASSERT_SET (f, "xyz", "");
}

static void
test_syntax_is_text (Fixture *f, gconstpointer data)
{
  /* None of these may be an error, and each means what it says as plain text. */
  ASSERT_SET (f, "TP. Huế", "2");
  ASSERT_SET (f, "Lê-Thị", "3");
  ASSERT_SET (f, "\"", "");
  ASSERT_SET (f, "\"Bé\"", "5");
  ASSERT_SET (f, "Bé\"", "5");
  ASSERT_SET (f, "AND", "");
  ASSERT_SET (f, "dang OR hoa", "");
  ASSERT_SET (f, "NOT dang", "");
  ASSERT_SET (f, "hoa*", "1,3");   /* Thuận Hóa, Lê-Thị Hoa */
  ASSERT_SET (f, "(hoa", "1,3");
  ASSERT_SET (f, "NEAR(dang mai)", "");
  ASSERT_SET (f, "search:dang", "");
  ASSERT_SET (f, "^dang", "1,2");
  ASSERT_SET (f, "   ", "");
  ASSERT_SET (f, "", "");
  ASSERT_SET (f, "'; DROP TABLE dossiers; --", "");
  g_assert_cmpint (mc_store_count (f->store, NULL, NULL), ==, 6);
}

static void
test_fts_query_builder (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "dang", "\"dang\"*" },
    { "Lê-Thị", "\"le-thi\"*" },
    { "TP. Huế", "\"tp.\" \"hue\"*" },
    { "a\"b", "\"a\"\"b\"*" },
    { "\"", NULL },
    { " - . ", NULL },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *q = mc_store_build_fts_query (cases[i].in);
      g_assert_cmpstr (q, ==, cases[i].out);
    }
}

static void
test_exact_first (Fixture *f, gconstpointer data)
{
  g_autofree char *by_number = hits (f, "G09.46-20261120-0000002");
  g_autofree char *by_number_lower = hits (f, "g09.46-20261120-0000002");
  g_autofree char *by_id = hits (f, "046090123456");
  g_autofree char *by_partial = hit_set (f, "0000003");

  g_assert_cmpstr (by_number, ==, "2");
  g_assert_cmpstr (by_number_lower, ==, "2");
  /* Dossier 6 mentions the ID number too, but the owner of the ID comes first. */
  g_assert_cmpstr (by_id, ==, "1,6");
  g_assert_cmpstr (by_partial, ==, "3");
}

static void
test_limit (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) two = mc_store_search (f->store, "thu duc", 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 1);
}

/* On generated data: every dossier whose folded applicant name contains "dang" as a word is
 * found by the query "dang", and nothing else is. */
static void
test_generated (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mc-search-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "motcua.db", NULL);
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);
  g_autoptr(GPtrArray) sources = mc_sample_sources ();
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GArray) ids = NULL;

  for (guint i = 0; i < sources->len; i++)
    g_assert_true (mc_store_add_source (store, g_ptr_array_index (sources, i), &error));
  g_assert_true (mc_store_begin (store, &error));
  for (guint64 i = 0; i < 2000; i++)
    {
      g_autoptr(McDossier) d = mc_sample_dossier (11, i, 1795000000);
      g_autofree char *text = mc_dossier_search_text (d);
      g_autofree char *padded = g_strconcat (" ", text, " ", NULL);

      g_assert_true (mc_store_insert_dossier (store, d, &error));
      /* the same rule as the index: a token that starts with "dang" */
      if (strstr (padded, " dang") != NULL)
        g_hash_table_add (expected, g_strdup (d->number));
    }
  g_assert_true (mc_store_commit (store, &error));
  g_assert_cmpuint (g_hash_table_size (expected), >, 10);

  ids = mc_store_search (store, "dang", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, g_hash_table_size (expected));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);
      g_assert_true (g_hash_table_contains (expected, d->number));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add ("/search/diacritics", Fixture, NULL, fixture_set_up, test_diacritics, fixture_tear_down);
  g_test_add ("/search/syntax-is-text", Fixture, NULL, fixture_set_up, test_syntax_is_text, fixture_tear_down);
  g_test_add ("/search/exact-first", Fixture, NULL, fixture_set_up, test_exact_first, fixture_tear_down);
  g_test_add ("/search/limit", Fixture, NULL, fixture_set_up, test_limit, fixture_tear_down);
  g_test_add_func ("/search/fts-query", test_fts_query_builder);
  g_test_add_func ("/search/generated", test_generated);
  return g_test_run ();
}
