/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "mc-id.h"
#include "mc-source.h"

McSource *
mc_source_new (const char *id,
               const char *ministry,
               const char *dialect,
               const char *name,
               const char *base_url,
               const char *unit_code,
               const char *account)
{
  McSource *s = g_new0 (McSource, 1);

  s->id = g_strdup (id);
  s->ministry = g_strdup (ministry);
  s->dialect = g_strdup (dialect);
  s->name = g_strdup (name);
  s->base_url = g_strdup (base_url);
  s->unit_code = g_strdup (unit_code);
  s->account = g_strdup (account ? account : "");
  s->enabled = TRUE;
  s->settle_seconds = MC_SOURCE_DEFAULT_SETTLE;
  return s;
}

McSource *
mc_source_copy (const McSource *source)
{
  McSource *s = mc_source_new (source->id, source->ministry, source->dialect, source->name, source->base_url,
                               source->unit_code, source->account);

  s->enabled = source->enabled;
  s->pinned_certificate = g_strdup (source->pinned_certificate);
  s->settle_seconds = source->settle_seconds;
  return s;
}

void
mc_source_free (McSource *s)
{
  if (s == NULL)
    return;
  g_free (s->id);
  g_free (s->ministry);
  g_free (s->dialect);
  g_free (s->name);
  g_free (s->base_url);
  g_free (s->unit_code);
  g_free (s->account);
  g_free (s->pinned_certificate);
  g_free (s);
}

/* "http://user:password@host/": a password in an address would be stored, shown and logged
 * with it. Addresses are refused with user information; the password has its own prompt. */
gboolean
mc_source_url_has_userinfo (const char *url)
{
  g_autoptr(GUri) uri = url ? g_uri_parse (url, G_URI_FLAGS_NONE, NULL) : NULL;
  const char *rest;

  if (uri != NULL)
    return g_uri_get_userinfo (uri) != NULL;
  /* Not even an address: look for an '@' before the path all the same. */
  rest = url ? strstr (url, "://") : NULL;
  return rest != NULL && strcspn (rest + 3, "@/?#") < strcspn (rest + 3, "/?#");
}

/* The ministries whose centralized systems a commune official works in. */
const char *
mc_ministry_name (const char *code)
{
  static const struct { const char *code; const char *name; } ministries[] = {
    { "G16", N_("Culture, Sports and Tourism") },
    { "G03", N_("Education and Training") },
    { "G09", N_("Home Affairs") },
    { "G18", N_("Health") },
    { "G21", N_("Ethnic and Religious Affairs") },
    { "LT", N_("Inter-agency") },
  };

  int i = MC_ID_FIND_MEMBER (ministries, code, code);

  return i >= 0 ? g_dgettext (GETTEXT_PACKAGE, ministries[i].name) : code;
}

/* 10 MB a file, the portal's service envelope 5 MB (its content travels in base64). */
gint64
mc_dialect_max_file_size (const char *dialect)
{
  return g_strcmp0 (dialect, "dvcqg") == 0 ? 5 * 1024 * 1024 : 10 * 1024 * 1024;
}
