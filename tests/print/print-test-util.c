/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <string.h>

#include "print-test-util.h"

/* What the print tests share: running the PDF tools of poppler-utils and zbar-tools, and
 * comparing text the way a reader would, whatever the line breaks and the Unicode form. */

/* TRUE when one of @tools is not on PATH; the test then skips rather than fails. */
gboolean
print_test_tools_missing (const char * const *tools,
                          char              **out_reason)
{
  for (; *tools != NULL; tools++)
    {
      g_autofree char *path = g_find_program_in_path (*tools);

      if (path == NULL)
        {
          *out_reason = g_strdup_printf ("%s is not installed (poppler-utils, zbar-tools)", *tools);
          return TRUE;
        }
    }
  return FALSE;
}

/* Runs @argv and returns its standard output; the standard error goes to the test log. */
char *
print_test_run (const char * const *argv,
                int                *out_status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  char *out = NULL;

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  *out_status = g_subprocess_get_exit_status (proc);
  return out;
}

/* The text of pages [@first_page, @last_page] (0 = from the start, to the end) of @pdf. */
char *
print_test_pdf_text (const char *pdf,
                     int         first_page,
                     int         last_page)
{
  g_autofree char *first = g_strdup_printf ("%d", MAX (first_page, 1));
  g_autofree char *last = g_strdup_printf ("%d", last_page);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-f", first, pdf, "-", NULL, NULL, NULL };
  int status;
  char *text;

  if (last_page > 0)
    {
      argv[5] = "-l";
      argv[6] = last;
      argv[7] = pdf;
      argv[8] = "-";
    }
  text = print_test_run (argv, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  return text;
}

/* The text between @x and @x + @width (points) on every page: one column of a table, which
 * pdftotext would otherwise interleave line by line with its neighbours. */
char *
print_test_pdf_column (const char *pdf,
                       double      x,
                       double      width)
{
  g_autofree char *left = g_strdup_printf ("%d", (int) x);
  g_autofree char *wide = g_strdup_printf ("%d", (int) width);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", "-x", left, "-y", "0",
                         "-W", wide, "-H", "2000", pdf, "-", NULL };
  int status;
  char *text = print_test_run (argv, &status);

  g_assert_cmpint (status, ==, 0);
  return text;
}

static char *
pdfinfo_field (const char *pdf,
               const char *field)
{
  const char *argv[] = { "pdfinfo", pdf, NULL };
  g_autofree char *info = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  info = print_test_run (argv, &status);
  g_assert_cmpint (status, ==, 0);
  lines = g_strsplit (info, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], field) && lines[i][strlen (field)] == ':')
      return g_strstrip (g_strdup (lines[i] + strlen (field) + 1));
  g_assert_not_reached ();
}

int
print_test_pdf_pages (const char *pdf)
{
  g_autofree char *pages = pdfinfo_field (pdf, "Pages");

  return atoi (pages);
}

/* "841.89 x 595.276 pts (A4)" */
char *
print_test_pdf_page_size (const char *pdf)
{
  return pdfinfo_field (pdf, "Page size");
}

/* NFC, and every run of white space made one space: a line break inside a table cell is not a
 * difference a reader sees. */
char *
print_test_normalize (const char *text)
{
  g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  g_assert_nonnull (nfc);
  for (const char *p = nfc; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
print_test_contains (const char *haystack,
                     const char *needle)
{
  g_autofree char *h = print_test_normalize (haystack);
  g_autofree char *n = print_test_normalize (needle);

  return strstr (h, n) != NULL;
}

/* The Vietnamese date of a document, written here independently of the code under test: day
 * below 10 and months 1 and 2 padded with a zero, in Vietnam time. */
char *
print_test_vn_date (gint64 unix_seconds)
{
  g_autoptr(GTimeZone) zone = g_time_zone_new_identifier ("+07:00");
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (unix_seconds);
  g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, zone);
  int month = g_date_time_get_month (local);

  return g_strdup_printf ("ngày %02d tháng %s%d năm %d", g_date_time_get_day_of_month (local),
                          month < 3 ? "0" : "", month, g_date_time_get_year (local));
}
