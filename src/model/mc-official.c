/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mc-official.h"
#include "mc-store-settings.h"

/* The official working in a profile, as the history and the audit log name them. */

static char *
setting (McStore    *store,
         const char *key)
{
  g_autofree char *value = NULL;

  if (store != NULL && mc_settings_lookup (key) != NULL && mc_store_lookup_setting (store, key, &value, NULL)
      && value != NULL && *g_strstrip (value) != '\0')
    return g_steal_pointer (&value);
  return NULL;
}

/* Returns: who changes the profile's own settings and calendar, for the audit log: the
 * profile's "official.name" when the office set it, else the desktop
 * account's real name, so that the history and the audit log name a person rather than a
 * login; the login only when the account has no name. */
char *
mc_official_name (McStore *store)
{
  char *name = setting (store, "official.name");
  const char *real = g_get_real_name ();

  if (name != NULL)
    return name;
  if (real != NULL && *real != '\0' && !g_str_equal (real, "Unknown"))
    return g_strdup (real);
  return g_strdup (g_get_user_name ());
}

/* Returns: (transfer full) (nullable): the person who takes a dossier's action, by the full
 * name the history, the forms and the citizen see: the profile's "official.name". Never the
 * desktop account's name or login; NULL with @error saying where to enter it when unset. */
char *
mc_official_signer (McStore  *store,
                    GError  **error)
{
  char *name = setting (store, "official.name");

  if (name == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                         _("Enter your full name and title in Preferences (Official) first: it is recorded "
                           "with the action and printed on the forms"));
  return name;
}

/* Returns: (nullable): the official's department, for the processing history. */
char *
mc_official_unit (McStore *store)
{
  return setting (store, "official.department");
}
