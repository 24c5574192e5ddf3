/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-connectors.h"
#include "mc-id.h"
#include "mc-sync-error.h"

/* The one place that knows every dialect: the interface (mc-connector.c) does not know its
 * implementations, so that they depend on it and not the other way round. */

McConnector *
mc_connector_new (const McSource  *source,
                  GHashTable      *secrets,
                  GError         **error)
{
  static const struct { const char *dialect; GType (*get_type) (void); } dialects[] = {
    { "dvcqg", mc_connector_dvcqg_get_type },
    { "lgsp", mc_connector_lgsp_get_type },
    { "rest", mc_connector_rest_get_type },
    { "feed", mc_connector_feed_get_type },
    { "legacy", mc_connector_legacy_get_type },
  };
  McConnector *self;
  int i;

  g_return_val_if_fail (source != NULL, NULL);
  if ((i = MC_ID_FIND_MEMBER (dialects, dialect, source->dialect)) >= 0)
    {
      self = g_object_new (dialects[i].get_type (), NULL);
      mc_connector_base_init (mc_connector_get_base (self), source, secrets);
      return self;
    }
  g_debug ("%s: unknown dialect “%s”", source->id, source->dialect);
  g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED, _("%s: Một Cửa cannot connect to this kind of system"),
               source->name);
  return NULL;
}
