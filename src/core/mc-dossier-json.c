/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc-dossier-json.h"
#include "mc-time.h"

/* The JSON that motcuactl prints for scripts, and that an outbox row keeps of a dossier received
 * at the counter (mc-action-payload.c): stable English keys, statuses as the national codes
 * 1–10 and times as ISO 8601 in Vietnam time. Read back by mc_dossier_from_json(). */

/* Writing: one member each; a NULL string and a time of 0 are written as null. */

void
mc_json_add_time (JsonBuilder *b,
                  const char  *key,
                  gint64       t)
{
  json_builder_set_member_name (b, key);
  if (t == 0)
    json_builder_add_null_value (b);
  else
    {
      g_autofree char *iso = mc_time_format_iso (t);
      json_builder_add_string_value (b, iso);
    }
}

void
mc_json_add_string (JsonBuilder *b,
                    const char  *key,
                    const char  *value)
{
  json_builder_set_member_name (b, key);
  if (value == NULL)
    json_builder_add_null_value (b);
  else
    json_builder_add_string_value (b, value);
}

void
mc_json_add_int (JsonBuilder *b,
                 const char  *key,
                 gint64       value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_int_value (b, value);
}

void
mc_json_add_boolean (JsonBuilder *b,
                     const char  *key,
                     gboolean     value)
{
  json_builder_set_member_name (b, key);
  json_builder_add_boolean_value (b, value);
}

/* What @b built, as compact JSON text. */
char *
mc_json_builder_to_string (JsonBuilder *b)
{
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  return json_to_string (root, FALSE);
}

/* The members written of the elements of a dossier's lists, list by list, each from the field
 * at @offset of the element's struct. */
static const struct
{
  const char *list;
  const char *key;
  enum { MEMBER_STRING, MEMBER_BOOLEAN, MEMBER_INT, MEMBER_INT64, MEMBER_TIME } kind;
  gsize offset;
} members[] = {
  { "documents", "name", MEMBER_STRING, G_STRUCT_OFFSET (McDocument, name) },
  { "documents", "copy", MEMBER_BOOLEAN, G_STRUCT_OFFSET (McDocument, is_copy) },
  { "documents", "count", MEMBER_INT, G_STRUCT_OFFSET (McDocument, count) },
  { "fees", "name", MEMBER_STRING, G_STRUCT_OFFSET (McFee, name) },
  { "fees", "amount_vnd", MEMBER_INT64, G_STRUCT_OFFSET (McFee, amount_vnd) },
  { "fees", "paid", MEMBER_BOOLEAN, G_STRUCT_OFFSET (McFee, paid) },
  { "supplements", "requested_at", MEMBER_TIME, G_STRUCT_OFFSET (McSupplement, requested_at) },
  { "supplements", "items", MEMBER_STRING, G_STRUCT_OFFSET (McSupplement, items) },
  { "supplements", "received_at", MEMBER_TIME, G_STRUCT_OFFSET (McSupplement, received_at) },
  { "results", "name", MEMBER_STRING, G_STRUCT_OFFSET (McResult, name) },
  { "results", "number", MEMBER_STRING, G_STRUCT_OFFSET (McResult, number) },
  { "results", "issued_at", MEMBER_TIME, G_STRUCT_OFFSET (McResult, issued_at) },
  { "history", "at", MEMBER_TIME, G_STRUCT_OFFSET (McStep, at) },
  { "history", "actor", MEMBER_STRING, G_STRUCT_OFFSET (McStep, actor) },
  { "history", "unit", MEMBER_STRING, G_STRUCT_OFFSET (McStep, unit) },
  { "history", "action", MEMBER_STRING, G_STRUCT_OFFSET (McStep, action) },
  { "history", "status", MEMBER_INT, G_STRUCT_OFFSET (McStep, status) },
  { "history", "note", MEMBER_STRING, G_STRUCT_OFFSET (McStep, note) },
};

/* The fields written as int are int-sized enums. */
G_STATIC_ASSERT (sizeof (McStatus) == sizeof (int));

static void
add_details (JsonBuilder     *b,
             const McDossier *d)
{
  const struct { const char *key; GPtrArray *children; } lists[] = {
    { "documents", d->documents }, { "fees", d->fees }, { "supplements", d->supplements },
    { "results", d->results }, { "history", d->history },
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      json_builder_set_member_name (b, lists[l].key);
      json_builder_begin_array (b);
      for (guint i = 0; i < lists[l].children->len; i++)
        {
          const char *child = g_ptr_array_index (lists[l].children, i);

          json_builder_begin_object (b);
          for (guint m = 0; m < G_N_ELEMENTS (members); m++)
            {
              const char *field = child + members[m].offset;
              const char *key = members[m].key;

              if (!g_str_equal (members[m].list, lists[l].key))
                continue;
              if (members[m].kind == MEMBER_STRING)
                mc_json_add_string (b, key, *(char * const *) field);
              else if (members[m].kind == MEMBER_BOOLEAN)
                mc_json_add_boolean (b, key, *(const gboolean *) field);
              else if (members[m].kind == MEMBER_TIME)
                mc_json_add_time (b, key, *(const gint64 *) field);
              else
                mc_json_add_int (b, key, members[m].kind == MEMBER_INT64 ? *(const gint64 *) field
                                                                         : *(const int *) field);
            }
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
}

/* Returns: (transfer full): a JSON object for @d; @with_details adds documents, fees,
 * supplements, results and history. */
JsonNode *
mc_dossier_to_json (const McDossier *d,
                    gboolean         with_details)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  mc_json_add_string (b, "number", d->number);
  mc_json_add_boolean (b, "provisional", d->provisional);
  mc_json_add_string (b, "source", d->source_id);
  mc_json_add_string (b, "procedure_code", d->procedure_code);
  mc_json_add_string (b, "procedure_name", d->procedure_name);
  mc_json_add_string (b, "applicant", d->applicant_name);
  mc_json_add_int (b, "applicant_kind", d->applicant_kind);
  mc_json_add_string (b, "id_number", d->id_number);
  mc_json_add_string (b, "phone", d->phone);
  mc_json_add_string (b, "address", d->address);
  mc_json_add_int (b, "channel", d->channel);
  mc_json_add_int (b, "status", d->status);
  mc_json_add_time (b, "submitted_at", d->submitted_at);
  mc_json_add_time (b, "received_at", d->received_at);
  mc_json_add_time (b, "due_at", d->due_at);
  mc_json_add_time (b, "finished_at", d->finished_at);
  mc_json_add_time (b, "returned_at", d->returned_at);
  if (with_details)
    add_details (b, d);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* Reading what mc_dossier_to_json() and an outbox payload (mc-action-payload.c) write: a
 * member missing or of another type reads as none. */

const char *
mc_json_read_string (JsonObject *o,
                     const char *key)
{
  JsonNode *node = o ? json_object_get_member (o, key) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

gint64
mc_json_read_int (JsonObject *o,
                  const char *key)
{
  JsonNode *node = o ? json_object_get_member (o, key) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING
    ? json_node_get_int (node) : 0;
}

gboolean
mc_json_read_bool (JsonObject *o,
                   const char *key)
{
  return o ? json_object_get_boolean_member_with_default (o, key, FALSE) : FALSE;
}

/* ISO 8601 text → unix seconds; 0 for none. */
gint64
mc_json_read_time (JsonObject *o,
                   const char *key)
{
  const char *text = mc_json_read_string (o, key);
  g_autoptr(GDateTime) dt = text ? g_date_time_new_from_iso8601 (text, NULL) : NULL;

  return dt ? g_date_time_to_unix (dt) : 0;
}

JsonArray *
mc_json_read_array (JsonObject *o,
                    const char *key)
{
  JsonNode *node = o ? json_object_get_member (o, key) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

JsonObject *
mc_json_read_object (JsonObject *o,
                     const char *key)
{
  JsonNode *node = o ? json_object_get_member (o, key) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

JsonObject *
mc_json_read_element (JsonArray *list,
                      guint      i)
{
  JsonNode *node = list && i < json_array_get_length (list) ? json_array_get_element (list, i) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* Returns: (transfer full): the dossier @o describes, as mc_dossier_to_json() wrote it (with
 * or without details); members it lacks stay unset. */
McDossier *
mc_dossier_from_json (JsonObject *o)
{
  McDossier *d = mc_dossier_new ();
  JsonArray *list;

  d->number = g_strdup (mc_json_read_string (o, "number"));
  d->provisional = mc_json_read_bool (o, "provisional");
  d->source_id = g_strdup (mc_json_read_string (o, "source"));
  d->procedure_code = g_strdup (mc_json_read_string (o, "procedure_code"));
  d->procedure_name = g_strdup (mc_json_read_string (o, "procedure_name"));
  d->applicant_name = g_strdup (mc_json_read_string (o, "applicant"));
  d->applicant_kind = CLAMP (mc_json_read_int (o, "applicant_kind"), MC_APPLICANT_CITIZEN, MC_APPLICANT_OTHER_ORGANIZATION);
  d->id_number = g_strdup (mc_json_read_string (o, "id_number"));
  d->phone = g_strdup (mc_json_read_string (o, "phone"));
  d->address = g_strdup (mc_json_read_string (o, "address"));
  d->channel = CLAMP (mc_json_read_int (o, "channel"), MC_CHANNEL_IN_PERSON, MC_CHANNEL_POST);
  d->return_method = d->channel;
  d->status = mc_json_read_int (o, "status");
  d->submitted_at = mc_json_read_time (o, "submitted_at");
  d->received_at = mc_json_read_time (o, "received_at");
  d->due_at = mc_json_read_time (o, "due_at");
  d->finished_at = mc_json_read_time (o, "finished_at");
  d->returned_at = mc_json_read_time (o, "returned_at");
  list = mc_json_read_array (o, "documents");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    if (mc_json_read_string (mc_json_read_element (list, i), "name"))
      mc_dossier_add_document (d, mc_json_read_string (mc_json_read_element (list, i), "name"), mc_json_read_bool (mc_json_read_element (list, i), "copy"),
                               mc_json_read_int (mc_json_read_element (list, i), "count") ?: 1);
  list = mc_json_read_array (o, "fees");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    if (mc_json_read_string (mc_json_read_element (list, i), "name"))
      mc_dossier_add_fee (d, mc_json_read_string (mc_json_read_element (list, i), "name"), mc_json_read_int (mc_json_read_element (list, i), "amount_vnd"),
                          mc_json_read_bool (mc_json_read_element (list, i), "paid"));
  list = mc_json_read_array (o, "supplements");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    mc_dossier_add_supplement (d, mc_json_read_time (mc_json_read_element (list, i), "requested_at"), mc_json_read_string (mc_json_read_element (list, i), "items"),
                               mc_json_read_time (mc_json_read_element (list, i), "received_at"));
  list = mc_json_read_array (o, "results");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    mc_dossier_add_result (d, mc_json_read_string (mc_json_read_element (list, i), "name"), mc_json_read_string (mc_json_read_element (list, i), "number"),
                           mc_json_read_time (mc_json_read_element (list, i), "issued_at"));
  list = mc_json_read_array (o, "history");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *x = mc_json_read_element (list, i);

      mc_dossier_add_step (d, mc_json_read_time (x, "at"), mc_json_read_string (x, "actor"), mc_json_read_string (x, "unit"),
                           mc_json_read_string (x, "action"), mc_json_read_int (x, "status"), mc_json_read_string (x, "note"));
    }
  return d;
}
