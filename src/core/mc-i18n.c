/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mc-i18n.h"

/* Every program speaks Vietnamese unless its user chose another language. A fresh Debian
 * machine has no language at all (LANG unset, C, POSIX or C.UTF-8): that is no choice, and the
 * officials the program is for read Vietnamese. A choice is LANGUAGE (GNOME sets it), or a
 * locale naming a language in LC_ALL, LC_MESSAGES or LANG — `LANGUAGE=en` or
 * `LANG=en_US.UTF-8` give the English interface, whether or not that locale is generated.
 *
 * Without a choice the environment itself is changed, before anything reads it (GTK calls
 * setlocale (LC_ALL, "") again at start-up, and child processes such as a print previewer
 * should speak the same language): vi_VN.UTF-8 when the machine has it (the set-up generates
 * it; dates and numbers then follow Vietnamese conventions too), otherwise the catalog through
 * LANGUAGE=vi over C.UTF-8 — glibc ignores LANGUAGE when the messages locale is plain "C". */

static const char *
chosen_locale (const char *category)
{
  const char *names[] = { "LC_ALL", category, "LANG" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *value = g_getenv (names[i]);

      if (value != NULL && *value != '\0')
        return value;
    }
  return NULL;
}

static gboolean
names_no_language (const char *locale)
{
  return locale == NULL || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX") ||
         g_str_has_prefix (locale, "C.");
}

static gboolean
locale_exists (const char *name)
{
  locale_t probe = newlocale (LC_ALL_MASK, name, (locale_t) 0);

  if (probe == (locale_t) 0)
    return FALSE;
  freelocale (probe);
  return TRUE;
}

/* Returns: whether the environment names a language (see above). */
gboolean
mc_i18n_language_chosen (void)
{
  const char *language = g_getenv ("LANGUAGE");

  return (language != NULL && *language != '\0') || !names_no_language (chosen_locale ("LC_MESSAGES"));
}

static void
default_to_vietnamese (void)
{
  /* The variables that only said "no language" go, so that LANG decides. */
  const char *overriding[] = { "LC_ALL", "LC_MESSAGES", "LC_TIME", "LC_CTYPE" };

  for (guint i = 0; i < G_N_ELEMENTS (overriding); i++)
    if (g_getenv (overriding[i]) != NULL && names_no_language (g_getenv (overriding[i])))
      g_unsetenv (overriding[i]);
  if (locale_exists ("vi_VN.UTF-8"))
    g_setenv ("LANG", "vi_VN.UTF-8", TRUE);
  else
    {
      g_setenv ("LANG", "C.UTF-8", TRUE);
      g_setenv ("LANGUAGE", "vi", TRUE);
    }
}

/* MC_LOCALEDIR points an uninstalled build at the catalogs it compiled (build-aux/dev and the
 * tests set it to _build/po). Call first thing in main(), before any thread starts. */
void
mc_i18n_init (void)
{
  const char *dir = g_getenv ("MC_LOCALEDIR");

  if (!mc_i18n_language_chosen ())
    default_to_vietnamese ();
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
