/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "mc-fold.h"

static void
test_fold_cases (void)
{
  static const struct { const char *in; const char *out; } cases[] = {
    { "Đặng", "dang" },
    { "ĐẶNG", "dang" },
    { "đặng", "dang" },
    { "Nguyễn Thị Thủy", "nguyen thi thuy" },
    { "Ỷ Lan", "y lan" },
    { "ð Ð", "d d" },
    { "Huỳnh Bảo Khánh", "huynh bao khanh" },
    { "Phường Đông Hải, TP. Huế", "phuong dong hai, tp. hue" },
    { "Lê-Thị", "le-thi" },
    { "G09.20-20260609-0092637", "g09.20-20260609-0092637" },
    { "", "" },
    /* precomposed and decomposed input fold the same */
    { "Nguye\xcc\x82\xcc\x83n", "nguyen" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *folded = mc_fold_text (cases[i].in);
      g_assert_cmpstr (folded, ==, cases[i].out);
    }
}

static void
test_fold_every_vowel (void)
{
  /* Every Vietnamese vowel with every tone mark, upper and lower case. */
  const char *vowels = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ"
                       "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ";
  g_autofree char *folded = mc_fold_text (vowels);

  for (const char *p = folded; *p; p++)
    g_assert_true (strchr ("aeiouy", *p) != NULL);
  g_assert_cmpuint (strlen (folded), ==, g_utf8_strlen (vowels, -1));
}

static void
test_fold_invalid_utf8 (void)
{
  g_autofree char *folded = mc_fold_text ("abc\xff");

  g_assert_cmpstr (folded, ==, "");
  {
    g_autofree char *empty = mc_fold_text (NULL);
    g_assert_cmpstr (empty, ==, "");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/fold/cases", test_fold_cases);
  g_test_add_func ("/fold/every-vowel", test_fold_every_vowel);
  g_test_add_func ("/fold/invalid-utf8", test_fold_invalid_utf8);
  return g_test_run ();
}
