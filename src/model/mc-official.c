/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

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

/* Returns: who acts: the profile's "official.name" when the office set it, else the desktop
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

/* Returns: (nullable): the official's department, for the processing history. */
char *
mc_official_unit (McStore *store)
{
  return setting (store, "official.department");
}
