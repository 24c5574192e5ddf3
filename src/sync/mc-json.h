/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A parsed JSON document, read-only: every value lives in the document's own memory blocks and
 * goes with it (see mc-json.c for why not json-glib's tree). */

typedef enum
{
  MC_JSON_NULL,
  MC_JSON_BOOLEAN,
  MC_JSON_INT,
  MC_JSON_DOUBLE,
  MC_JSON_STRING,
  MC_JSON_ARRAY,
  MC_JSON_OBJECT,
} McJsonType;

typedef struct _McJson McJson;
typedef struct _McJsonDoc McJsonDoc;

McJsonDoc    *mc_json_parse    (const char    *data,
                                gsize          length,
                                GError       **error);
void          mc_json_doc_free (McJsonDoc     *doc);
const McJson *mc_json_doc_root (McJsonDoc     *doc);

McJsonType    mc_json_type     (const McJson  *value);
const McJson *mc_json_member   (const McJson  *object,
                                const char    *name);
guint         mc_json_length   (const McJson  *array);
const McJson *mc_json_element  (const McJson  *array,
                                guint          index);
const char   *mc_json_string   (const McJson  *value);
gint64        mc_json_int      (const McJson  *value);
gboolean      mc_json_boolean  (const McJson  *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McJsonDoc, mc_json_doc_free)

G_END_DECLS
