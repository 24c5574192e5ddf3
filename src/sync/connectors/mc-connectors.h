/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-connector-private.h"

G_BEGIN_DECLS

/* The five dialects, one final class each (mc-connector-<dialect>.c); created through
 * mc_connector_new() from a source's dialect. */
G_DECLARE_FINAL_TYPE (McConnectorDvcqg, mc_connector_dvcqg, MC, CONNECTOR_DVCQG, GObject)
G_DECLARE_FINAL_TYPE (McConnectorLgsp, mc_connector_lgsp, MC, CONNECTOR_LGSP, GObject)
G_DECLARE_FINAL_TYPE (McConnectorRest, mc_connector_rest, MC, CONNECTOR_REST, GObject)
G_DECLARE_FINAL_TYPE (McConnectorFeed, mc_connector_feed, MC, CONNECTOR_FEED, GObject)
G_DECLARE_FINAL_TYPE (McConnectorLegacy, mc_connector_legacy, MC, CONNECTOR_LEGACY, GObject)

/* mc-connector-lgsp.c: the national vocabulary, shared with the portal dialect. */
McDossier *mc_connector_national_item (McParse      *p,
                                       const McJson *item,
                                       McWireTime    time_format,
                                       gboolean      portal,
                                       const char   *source_id,
                                       gint64       *out_updated);
/* The members of a new dossier in the national vocabulary (POST /api/hoso, DongBoHoSoMC):
 * the portal writes numbers and booleans as text. */
void       mc_connector_national_body (JsonBuilder     *b,
                                       const McDossier *dossier,
                                       const char      *number,
                                       McWireTime       time_format,
                                       gboolean         portal);

/* mc-connector-legacy.c: the HTML login page the legacy back-end answers an expired session
 * with, told from a JSON answer. */
gboolean   mc_connector_legacy_is_login_page (McHttpReply *reply);

G_END_DECLS
