/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc-fold.h"

/* Folding for search: the same function runs over indexed text and over what the official types,
 * so "dang", "DANG" and "Đặng" meet. Decomposition (NFD) separates the tone and vowel marks from
 * their letters; dropping the combining marks leaves the base letters. Đ/đ is a letter of its own
 * in Unicode (it has no decomposition), so it is mapped by hand, with the look-alikes Ð/ð that
 * appear in text typed on other keyboard layouts. Indexing a million dossiers folds some 150
 * million characters, hence the fast paths below. */
void
mc_fold_append (GString    *out,
                const char *text)
{
  if (text == NULL || !g_utf8_validate (text, -1, NULL)) /* invalid UTF-8: index nothing */
    return;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      /* ASCII is most of the text (numbers, codes, separators): no table look-up. */
      if ((guchar) *p < 0x80)
        {
          g_string_append_c (out, g_ascii_tolower (*p));
          continue;
        }
      /* Character by character canonical decomposition is NFD up to the order of the marks,
       * which are all dropped anyway; it needs no copy of the whole string. */
      n = g_unichar_fully_decompose (g_utf8_get_char (p), FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        {
          gunichar c = decomposed[i];

          if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK)
            continue;
          switch (c)
            {
            case 0x0110: /* Đ */
            case 0x0111: /* đ */
            case 0x00D0: /* Ð */
            case 0x00F0: /* ð */
              c = 'd';
              break;
            default:
              c = g_unichar_tolower (c);
            }
          g_string_append_unichar (out, c);
        }
    }
}

char *
mc_fold_text (const char *text)
{
  GString *out = g_string_new (NULL);

  mc_fold_append (out, text);
  return g_string_free (out, FALSE);
}
