/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "mc-json.h"

/* What the fuzzing found or the issue named about the JSON reader, as plain assertions. */

static void
test_truncated_after_backslash (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McJsonDoc) doc = mc_json_parse ("\"abc\\", 5, &error);

  /* Not "abc": the text ends inside the string (issue 16, finding 6). */
  g_assert_null (doc);
  g_assert_nonnull (error);
}

static void
test_escapes_whole (void)
{
  const char *texts[] = { "\"abc\\\\\"", "[\"a\\\"\"]", "\"\\u00e9\"" };
  const char *expected[] = { "abc\\", "a\"", "é" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McJsonDoc) doc = mc_json_parse (texts[i], strlen (texts[i]), &error);
      const McJson *root;

      g_assert_no_error (error);
      root = mc_json_doc_root (doc);
      if (mc_json_type (root) == MC_JSON_ARRAY)
        root = mc_json_element (root, 0);
      g_assert_cmpstr (mc_json_string (root), ==, expected[i]);
    }
}

static void
test_cut_escapes (void)
{
  const char *texts[] = { "\"abc\\\"", "\"\\u00e", "\"\\ud83d\\ude0", "[\"a\\" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(McJsonDoc) doc = mc_json_parse (texts[i], strlen (texts[i]), &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
    }
}

/* Numbers as JSON writes them (RFC 8259 §6): at least one digit in the integer part, the
 * fraction and the exponent, and no leading zero. */
static void
test_numbers (void)
{
  const struct { const char *text; McJsonType type; gint64 value; } good[] = {
    { "0", MC_JSON_INT, 0 }, { "-0", MC_JSON_INT, 0 }, { "12", MC_JSON_INT, 12 }, { "-305", MC_JSON_INT, -305 },
    { "-3.25", MC_JSON_DOUBLE }, { "1e5", MC_JSON_DOUBLE }, { "1E+2", MC_JSON_DOUBLE }, { "2.5e-3", MC_JSON_DOUBLE },
    { "0.5", MC_JSON_DOUBLE },
  };
  const char *bad[] = { "01", "-", "-01", "--1", "1.", "1.e3", "1e", "1e+", "1E-", "-.5" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("[%s]", good[i].text);
      g_autoptr(McJsonDoc) doc = mc_json_parse (text, strlen (text), &error);
      const McJson *n;

      g_assert_no_error (error);
      n = mc_json_element (mc_json_doc_root (doc), 0);
      g_assert_cmpint (mc_json_type (n), ==, good[i].type);
      if (good[i].type == MC_JSON_INT)
        g_assert_cmpint (mc_json_int (n), ==, good[i].value);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("[%s]", bad[i]);
      g_autoptr(McJsonDoc) doc = mc_json_parse (text, strlen (text), &error);

      g_assert_null (doc);
      g_assert_nonnull (error);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/json/truncated-after-backslash", test_truncated_after_backslash);
  g_test_add_func ("/json/escapes-whole", test_escapes_whole);
  g_test_add_func ("/json/cut-escapes", test_cut_escapes);
  g_test_add_func ("/json/numbers", test_numbers);
  return g_test_run ();
}
