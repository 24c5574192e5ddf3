/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mc-dossier.h"

G_BEGIN_DECLS

JsonNode  *mc_dossier_to_json   (const McDossier *dossier,
                                 gboolean         with_details);
McDossier *mc_dossier_from_json (JsonObject      *object);

const char *mc_json_read_string  (JsonObject *object,
                                  const char *key);
gint64      mc_json_read_int     (JsonObject *object,
                                  const char *key);
gboolean    mc_json_read_bool    (JsonObject *object,
                                  const char *key);
gint64      mc_json_read_time    (JsonObject *object,
                                  const char *key);
JsonArray  *mc_json_read_array   (JsonObject *object,
                                  const char *key);
JsonObject *mc_json_read_object  (JsonObject *object,
                                  const char *key);
JsonObject *mc_json_read_element (JsonArray  *array,
                                  guint       index);

void        mc_json_add_string   (JsonBuilder *b,
                                  const char  *key,
                                  const char  *value);
void        mc_json_add_int      (JsonBuilder *b,
                                  const char  *key,
                                  gint64       value);
void        mc_json_add_boolean  (JsonBuilder *b,
                                  const char  *key,
                                  gboolean     value);
void        mc_json_add_time     (JsonBuilder *b,
                                  const char  *key,
                                  gint64       t);
char       *mc_json_builder_to_string (JsonBuilder *b);

G_END_DECLS
