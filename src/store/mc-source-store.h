/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

/* Changing a configured source in place, for the Preferences window: the source keeps its id,
 * its dossiers, its cursors and its credentials. */
gboolean mc_store_update_source      (McStore         *self,
                                      const McSource  *source,
                                      GError         **error);
gboolean mc_store_set_source_enabled (McStore         *self,
                                      const char      *id,
                                      gboolean         enabled,
                                      GError         **error);

G_END_DECLS
