/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "cli-test-util.h"
#include "mc-report-doc.h"
#include "print-test-util.h"

/* motcuactl report 766 | bieu06 as an official exports them: the XLSX read back with openpyxl
 * (tests/print/readback-xlsx.py) gives the numbers --json prints, with the form's merged
 * header and formulas for the totals; the CSV too; the PDF's text has every column header. */

#define NOW "2026-12-05 10:00"

static char *profile;
static char *tmpdir;

/* motcuactl on the test's profile (tests/cli-test-util.c), at the test's MC_NOW: its standard
 * output, and its exit status in *@out_status; what it said on standard error goes to the
 * test's log. */
static char *
motcuactl (int        *out_status,
           const char *first,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(CliRun) r = { 0 };
  va_list args;

  va_start (args, first);
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  cli_run_program (&r, g_getenv ("MOTCUACTL"), profile, NULL, NULL, (const char * const *) argv->pdata);
  if (r.err[0] != '\0')
    g_test_message ("motcuactl %s: %s", first, r.err);
  *out_status = r.status;
  return g_steal_pointer (&r.out);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static JsonNode *
readback (const char *xlsx,
          const char *kind)
{
  g_autofree char *script = g_build_filename (g_getenv ("MC_SOURCE_ROOT"), "tests", "print", "readback-xlsx.py", NULL);
  const char *argv[] = { "/usr/bin/python3", script, xlsx, kind, NULL };
  int status;
  g_autofree char *out = print_test_run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return parse (out);
}

static void
test_bieu06 (void)
{
  g_autofree char *xlsx = g_build_filename (tmpdir, "bieu06.xlsx", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "bieu06.csv", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "bieu06.pdf", NULL);
  g_autofree char *json_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *csv_text = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) back = NULL;
  g_auto(GStrv) csv_lines = NULL;
  JsonArray *rows, *back_rows;
  gboolean merged = FALSE;
  int status;
  static const char *headers[] = {
    "STT", "Lĩnh vực, công việc giải quyết theo cấp", "Số hồ sơ nhận giải quyết", "Tổng số", "Trong đó",
    "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước", "Số hồ sơ đã giải quyết", "Trước hạn",
    "Đúng hạn", "Quá hạn", "Số lượng hồ sơ đang giải quyết", "Trong hạn",
  };

  json_text = motcuactl (&status, "report", "bieu06", "--from", "2026-10-15", "--to", "2026-11-30", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  json = parse (json_text);
  rows = json_object_get_array_member (json_node_get_object (json), "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 6);
  /* Every procedure of the sample is in the catalogue: each lĩnh vực has its name. */
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);

      if (g_str_equal (json_object_get_string_member (row, "kind"), "field"))
        g_assert_false (g_str_has_prefix (json_object_get_string_member (row, "label"), "Lĩnh vực"));
    }

  out = motcuactl (&status, "report", "bieu06", "--from", "2026-10-15", "--to", "2026-11-30", "--output", xlsx, NULL);
  g_assert_cmpint (status, ==, 0);
  back = readback (xlsx, "bieu06");
  back_rows = json_object_get_array_member (json_node_get_object (back), "rows");
  g_assert_cmpuint (json_array_get_length (back_rows), ==, json_array_get_length (rows));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *a = json_array_get_object_element (rows, i), *b = json_array_get_object_element (back_rows, i);
      JsonArray *ca = json_object_get_array_member (a, "columns"), *cb = json_object_get_array_member (b, "columns");
      JsonArray *fb = json_object_get_array_member (b, "formulas");

      g_assert_cmpstr (json_object_get_string_member (a, "label"), ==, json_object_get_string_member (b, "label"));
      for (guint c = 0; c < 11; c++)
        g_assert_cmpfloat (json_array_get_int_element (ca, c), ==, json_array_get_double_element (cb, c));
      /* (3), (7) and (11) are sums of their parts; a ministry's and the total row sum their rows. */
      g_assert_true (json_array_get_boolean_element (fb, 0));
      g_assert_true (json_array_get_boolean_element (fb, 4));
      g_assert_true (json_array_get_boolean_element (fb, 8));
      g_assert_cmpint (json_array_get_boolean_element (fb, 1), ==, !g_str_equal (json_object_get_string_member (a, "kind"), "field"));
    }
  /* The form's three-row header is merged as printed. */
  {
    JsonArray *m = json_object_get_array_member (json_node_get_object (back), "merged");

    for (guint i = 0; i < json_array_get_length (m); i++)
      merged |= g_str_equal (json_array_get_string_element (m, i), "C6:F6");
    g_assert_true (merged);
  }

  {
    /* The dossiers behind a cell: as many as the cell says. */
    JsonObject *total = json_array_get_object_element (rows, json_array_get_length (rows) - 1);
    g_autofree char *listed = motcuactl (&status, "report", "bieu06", "--from", "2026-10-15", "--to", "2026-11-30",
                                         "--column", "13", NULL);
    guint n_lines = 0;

    for (const char *c = listed; *c; c++)
      n_lines += *c == '\n';
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpint (n_lines, ==,
                     json_array_get_int_element (json_object_get_array_member (total, "columns"), 10));
  }

  out = (g_free (out), motcuactl (&status, "report", "bieu06", "--from", "2026-10-15", "--to", "2026-11-30", "--output", csv, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  g_assert_true (g_str_has_prefix (csv_text, "\xEF\xBB\xBF\"(1) STT\""));
  csv_lines = g_strsplit (csv_text, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (csv_lines), ==, json_array_get_length (rows) + 2);
  {
    /* The total row's column (3). */
    JsonObject *total = json_array_get_object_element (rows, json_array_get_length (rows) - 1);
    g_autofree char *cell = g_strdup_printf ("\"Tổng cộng\",\"%" G_GINT64_FORMAT "\"",
                                             json_array_get_int_element (json_object_get_array_member (total, "columns"), 0));

    g_assert_nonnull (strstr (csv_lines[json_array_get_length (rows)], cell));
  }

  out = (g_free (out), motcuactl (&status, "report", "bieu06", "--from", "2026-10-15", "--to", "2026-11-30", "--output", pdf, NULL));
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpint (print_test_pdf_pages (pdf), >=, 1);
  pdf_text = print_test_pdf_text (pdf, 1, 1);
  for (gsize i = 0; i < G_N_ELEMENTS (headers); i++)
    if (!print_test_contains (pdf_text, headers[i]))
      g_error ("the PDF lacks the column header “%s”:\n%s", headers[i], pdf_text);
  g_assert_true (print_test_contains (pdf_text, "Biểu số 06/VPCP/KSTT"));
  g_assert_true (print_test_contains (pdf_text, "(13)"));
  {
    g_autofree char *last = print_test_pdf_text (pdf, print_test_pdf_pages (pdf), print_test_pdf_pages (pdf));

    g_assert_true (print_test_contains (last, "NGƯỜI LẬP BIỂU"));
  }
  {
    g_autofree char *size = print_test_pdf_page_size (pdf);

    /* A4 landscape. */
    g_assert_cmpstr (size, ==, "841.89 x 595.276 pts (A4)");
  }
}

static void
test_766 (void)
{
  g_autofree char *xlsx = g_build_filename (tmpdir, "766.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (tmpdir, "766.pdf", NULL);
  g_autofree char *json_text = NULL;
  g_autofree char *out = NULL;
  g_autofree char *pdf_text = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) back = NULL;
  JsonArray *indicators, *back_rows;
  guint matched = 0;
  int status;

  json_text = motcuactl (&status, "report", "766", "--period", "2026-11", "--cutoff", "15", "--json", NULL);
  g_assert_cmpint (status, ==, 0);
  json = parse (json_text);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json), "from"), ==, "2026-10-15T00:00:00+07:00");
  indicators = json_object_get_array_member (json_node_get_object (json), "indicators");
  out = motcuactl (&status, "report", "766", "--period", "2026-11", "--cutoff", "15", "--output", xlsx, NULL);
  g_assert_cmpint (status, ==, 0);
  back = readback (xlsx, "766");
  back_rows = json_object_get_array_member (json_node_get_object (back), "rows");
  for (guint i = 0; i < json_array_get_length (indicators); i++)
    {
      JsonObject *ind = json_array_get_object_element (indicators, i);

      if (!json_object_has_member (ind, "numerator") || g_str_equal (json_object_get_string_member (ind, "id"), "2.2"))
        continue;
      for (guint k = 0; k < json_array_get_length (back_rows); k++)
        {
          JsonObject *row = json_array_get_object_element (back_rows, k);

          if (!g_str_equal (json_object_get_string_member (row, "id"), json_object_get_string_member (ind, "id")))
            continue;
          g_assert_cmpfloat (json_object_get_double_member (row, "numerator"), ==, json_object_get_int_member (ind, "numerator"));
          g_assert_cmpfloat (json_object_get_double_member (row, "denominator"), ==, json_object_get_int_member (ind, "denominator"));
          if (!json_object_get_null_member (ind, "points"))
            g_assert_cmpfloat_with_epsilon (json_object_get_double_member (row, "points"),
                                            json_object_get_double_member (ind, "points"), 0.006);
          matched++;
        }
    }
  g_assert_cmpuint (matched, ==, 9);
  {
    /* The total: a formula, its cached value the points of the report. */
    JsonObject *total = json_array_get_object_element (back_rows, json_array_get_length (back_rows) - 1);

    g_assert_cmpstr (json_object_get_string_member (total, "label"), ==, "Tổng điểm");
    g_assert_true (json_object_get_boolean_member (total, "points_formula"));
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "points"),
                                    json_object_get_double_member (json_node_get_object (json), "points"), 1e-6);
  }
  out = (g_free (out), motcuactl (&status, "report", "766", "--period", "2026-11", "--output", pdf, NULL));
  g_assert_cmpint (status, ==, 0);
  pdf_text = print_test_pdf_text (pdf, 1, 0);
  g_assert_true (print_test_contains (pdf_text, "Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn"));
  g_assert_true (print_test_contains (pdf_text, "Tháng 11/2026"));
  g_assert_true (print_test_contains (pdf_text, "Cổng DVCQG tính"));
  g_assert_true (print_test_contains (pdf_text, "THỦ TRƯỞNG") || print_test_contains (pdf_text, "NGƯỜI LẬP BIỂU"));
  /* Narrowed to one procedure, the table says so. */
  g_assert_false (print_test_contains (pdf_text, "chỉ tính hồ sơ"));
  out = (g_free (out), motcuactl (&status, "report", "766", "--period", "2026-11", "--procedure", "1.010833",
                                  "--output", pdf, NULL));
  g_assert_cmpint (status, ==, 0);
  g_free (pdf_text);
  pdf_text = print_test_pdf_text (pdf, 1, 0);
  g_assert_true (print_test_contains (pdf_text, "chỉ tính hồ sơ thuộc thủ tục 1.010833 – Xác nhận thân nhân của người có công"));
}

/* Under a Vietnamese locale (a decimal comma) the workbook still holds numbers a spreadsheet
 * reads: the same values as --json. The locale is compiled for the test when the machine has
 * its source (Debian's locales data); otherwise the test is skipped. */
static void
test_vietnamese_locale (void)
{
  g_autofree char *locales = g_build_filename (tmpdir, "locale", NULL);
  g_autofree char *target = g_build_filename (locales, "vi_VN.UTF-8", NULL);
  g_autofree char *xlsx = g_build_filename (tmpdir, "766-vi.xlsx", NULL);
  g_autofree char *csv = g_build_filename (tmpdir, "766-vi.csv", NULL);
  g_autofree char *csv_text = NULL;
  g_autofree char *total_line = NULL;
  const char *localedef[] = { "localedef", "-i", "vi_VN", "-f", "UTF-8", target, NULL };
  g_autofree char *localedef_path = g_find_program_in_path ("localedef");
  g_autofree char *json_text = NULL;
  g_autofree char *out = NULL;
  g_autoptr(JsonNode) json = NULL;
  g_autoptr(JsonNode) back = NULL;
  JsonArray *rows;
  int status;

  if (!g_file_test ("/usr/share/i18n/locales/vi_VN", G_FILE_TEST_EXISTS) || localedef_path == NULL)
    {
      g_test_skip ("no vi_VN locale source to compile");
      return;
    }
  g_mkdir_with_parents (locales, 0700);
  g_free (print_test_run (localedef, &status));
  if (status != 0)
    {
      g_test_skip ("localedef could not compile vi_VN");
      return;
    }
  json_text = motcuactl (&status, "report", "766", "--period", "2026-11", "--json", NULL);
  json = parse (json_text);
  g_setenv ("LOCPATH", locales, TRUE);
  g_setenv ("LC_ALL", "vi_VN.UTF-8", TRUE);
  out = motcuactl (&status, "report", "766", "--period", "2026-11", "--output", xlsx, NULL);
  g_assert_cmpint (status, ==, 0);
  g_free (motcuactl (&status, "report", "766", "--period", "2026-11", "--output", csv, NULL));
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
  g_unsetenv ("LOCPATH");
  g_assert_cmpint (status, ==, 0);
  back = readback (xlsx, "766");
  rows = json_object_get_array_member (json_node_get_object (back), "rows");
  {
    JsonObject *total = json_array_get_object_element (rows, json_array_get_length (rows) - 1);

    /* A number, not the text "36,62". */
    g_assert_cmpint (json_node_get_value_type (json_object_get_member (total, "points")), ==, G_TYPE_DOUBLE);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (total, "points"),
                                    json_object_get_double_member (json_node_get_object (json), "points"), 1e-6);
  }
  /* The CSV writes its numbers as --json does, with a decimal point: "36.62", not "36,62". */
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_file_get_contents (csv, &csv_text, NULL, NULL));
  total_line = g_strdup_printf ("\"Tổng điểm\",\"\",\"\",\"\",\"\",\"100\",\"%.2f\",",
                                json_object_get_double_member (json_node_get_object (json), "points"));
  g_assert_nonnull (strstr (csv_text, total_line));
}

static void
bieu06_line_free (gpointer data)
{
  McBieu06Line *line = data;

  g_free (line->number);
  g_free (line->label);
  g_free (line);
}

/* The preparer and the head of the unit sign under the table, never alone on a last page of
 * their own (issue 21): at every length of Biểu 06 from one page to three, the last page
 * (pdftotext) holds the signatures and the table's total row, and the first holds the heading
 * and the start of the table. Lengths where the signatures used to fall alone are among them. */
static void
test_signatures_keep_with_table (void)
{
  g_autofree char *pdf = g_build_filename (tmpdir, "keep.pdf", NULL);
  g_autoptr(McPrintOffice) office = mc_print_office_new_default ();
  gint64 from = 1793466000, to = from + 30 * 86400;   /* November 2026, Vietnam time */
  guint multi_page = 0;

  for (guint n = 2; n <= 70; n++)
    {
      g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (bieu06_line_free);
      g_autoptr(McPrintLayout) layout = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *first = NULL;
      g_autofree char *last = NULL;
      guint pages;

      for (guint i = 0; i < n; i++)
        {
          McBieu06Line *line = g_new0 (McBieu06Line, 1);

          line->kind = i + 1 == n ? MC_REPORT_LINE_TOTAL : MC_REPORT_LINE_ITEM;
          line->number = g_strdup_printf ("%u", i + 1);
          line->label = g_strdup (i + 1 == n ? "Tổng cộng" : "Bảo trợ xã hội");
          line->source = line->field = -1;
          line->cells[0] = i;
          g_ptr_array_add (lines, line);
        }
      layout = mc_print_bieu06 (office, lines, from, to, from);
      pages = mc_print_layout_get_n_pages (layout);
      if (pages < 2)
        continue;
      multi_page++;
      g_assert_true (mc_print_layout_write_pdf (layout, pdf, &error));
      g_assert_no_error (error);
      last = print_test_pdf_text (pdf, pages, pages);
      g_test_message ("%u rows: %u pages", n, pages);
      g_assert_true (print_test_contains (last, "NGƯỜI LẬP BIỂU"));
      g_assert_true (print_test_contains (last, "Tổng cộng"));
      first = print_test_pdf_text (pdf, 1, 1);
      g_assert_true (print_test_contains (first, "Bảo trợ xã hội"));
    }
  g_assert_cmpuint (multi_page, >, 10);
}

static void
test_usage (void)
{
  int status;
  g_autofree char *a = motcuactl (&status, "report", "766", NULL);
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  g_assert_cmpint (status, ==, 2);
  b = motcuactl (&status, "report", "766", "--period", "2026-13", NULL);
  g_assert_cmpint (status, ==, 2);
  c = motcuactl (&status, "report", "bieu06", "--from", "2026-11-01", "--to", "2026-11-30", "--output", "x.odt", NULL);
  g_assert_cmpint (status, ==, 1);
}

int
main (int    argc,
      char **argv)
{
  static const char *tools[] = { "pdftotext", "pdfinfo", "/usr/bin/python3", NULL };
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("MC_NOW", NOW, TRUE);
  if (print_test_tools_missing (tools, &reason))
    {
      g_print ("1..0 # SKIP %s\n", reason);
      return 0;
    }
  {
    const char *check[] = { "/usr/bin/python3", "-c", "import openpyxl", NULL };

    g_free (print_test_run (check, &status));
    if (status != 0)
      {
        g_print ("1..0 # SKIP python3-openpyxl is not installed\n");
        return 0;
      }
  }
  tmpdir = g_dir_make_tmp ("motcua-report-XXXXXX", &error);
  g_assert_no_error (error);
  profile = g_build_filename (tmpdir, "profile", NULL);
  g_free (motcuactl (&status, "init-sample", "--dossiers", "1500", NULL));
  g_assert_cmpint (status, ==, 0);

  g_test_add_func ("/report/export/bieu06", test_bieu06);
  g_test_add_func ("/report/export/766", test_766);
  g_test_add_func ("/report/export/vietnamese-locale", test_vietnamese_locale);
  g_test_add_func ("/report/export/usage", test_usage);
  g_test_add_func ("/report/export/signatures-keep-with-table", test_signatures_keep_with_table);
  status = g_test_run ();

  {
    const char *rm[] = { "rm", "-rf", tmpdir, NULL };
    int rm_status;

    g_free (print_test_run (rm, &rm_status));
  }
  return status;
}
