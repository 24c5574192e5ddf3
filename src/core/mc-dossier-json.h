/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mc-dossier.h"

G_BEGIN_DECLS

JsonNode  *mc_dossier_to_json   (const McDossier *dossier,
                                 gboolean         with_details);
McDossier *mc_dossier_from_json (JsonObject      *object);

G_END_DECLS
