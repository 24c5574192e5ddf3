/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mc-i18n.h"

/* Every program follows the system locale. MC_LOCALEDIR points an uninstalled build at the
 * catalogs it compiled (build-aux/dev and the tests set it to _build/po). */
void
mc_i18n_init (void)
{
  const char *dir = g_getenv ("MC_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, dir && *dir ? dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
