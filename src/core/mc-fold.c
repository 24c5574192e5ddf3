/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc-fold.h"

/* Folding for search: the same function runs over indexed text and over what the official types,
 * so "dang", "DANG" and "Đặng" meet. Decomposition (NFD) separates the tone and vowel marks from
 * their letters; dropping the combining marks leaves the base letters. Đ/đ is a letter of its own
 * in Unicode (it has no decomposition), so it is mapped by hand, with the look-alikes Ð/ð that
 * appear in text typed on other keyboard layouts. */
void
mc_fold_append (GString    *out,
                const char *text)
{
  g_autofree char *nfd = NULL;

  if (text == NULL)
    return;
  nfd = g_utf8_normalize (text, -1, G_NORMALIZE_NFD);
  if (nfd == NULL) /* invalid UTF-8: index nothing rather than garbage */
    return;

  for (const char *p = nfd; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

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

char *
mc_fold_text (const char *text)
{
  GString *out = g_string_new (NULL);

  mc_fold_append (out, text);
  return g_string_free (out, FALSE);
}
