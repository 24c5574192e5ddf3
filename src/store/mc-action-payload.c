/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mc-action-payload.h"
#include "mc-dossier-json.h"
#include "mc-id.h"
#include "mc-store.h"
#include "mc-time.h"
#include "mc-wire-time.h"

/* The payload of an outbox row, and its JSON (payload_version 1): the only place that reads or
 * writes it. A JSON object:
 *
 *   uuid, action (mc_action_id), number, source, status_before, target, at (ISO 8601, Vietnam
 *   time), actor, unit, and what the action carries: note, items [..], due_at, method
 *   ("in-person" | "online" | "post"), results [{name, number}], fee {name, amount_vnd},
 *   received_at. A dossier received at the counter is action "receive" with "create": true
 *   and the whole dossier under "dossier" (mc_dossier_to_json()).
 *
 * Members that are not set are left out, so that a payload says only what the action carries. */

/* What each action needs from the official besides the dossier. */
static const McActionNeeds action_needs[] = {
  [MC_ACTION_RECEIVE] = 0,
  [MC_ACTION_REFUSE] = MC_ACTION_NEEDS_NOTE,
  [MC_ACTION_REQUEST_SUPPLEMENT] = MC_ACTION_NEEDS_ITEMS,
  [MC_ACTION_SUPPLEMENT_RECEIVED] = 0,
  [MC_ACTION_FORWARD] = 0,
  [MC_ACTION_REQUEST_FEE] = MC_ACTION_NEEDS_FEE,
  [MC_ACTION_FEE_PAID] = 0,
  [MC_ACTION_RECORD_STEP] = MC_ACTION_NEEDS_NOTE,
  [MC_ACTION_STOP] = MC_ACTION_NEEDS_NOTE,
  [MC_ACTION_RESOLVE] = MC_ACTION_NEEDS_RESULTS,
  [MC_ACTION_RETURN_RESULT] = MC_ACTION_NEEDS_METHOD,
  [MC_ACTION_WITHDRAW] = 0,
  [MC_ACTION_RESCHEDULE] = MC_ACTION_NEEDS_NOTE | MC_ACTION_NEEDS_DUE,
};

G_STATIC_ASSERT (G_N_ELEMENTS (action_needs) == MC_ACTION_LAST + 1);

McActionNeeds
mc_action_needs (McAction action)
{
  g_return_val_if_fail (action > MC_ACTION_INVALID && action <= MC_ACTION_LAST, 0);
  return action_needs[action];
}

/* Returns: whether @text is missing or only white space. */
gboolean
mc_store_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text; text = g_utf8_next_char (text))
    if (!g_unichar_isspace (g_utf8_get_char (text)))
      return FALSE;
  return TRUE;
}

static const char *method_ids[] = {
  [MC_CHANNEL_IN_PERSON] = "in-person",
  [MC_CHANNEL_ONLINE] = "online",
  [MC_CHANNEL_POST] = "post",
};

/* Returns: the id of @method, or NULL if it is not one (what a dialog or a script gave is
 * checked with it). */
const char *
mc_return_method_id (McChannel method)
{
  if (method < MC_CHANNEL_IN_PERSON || method > MC_CHANNEL_POST)
    return NULL;
  return method_ids[method];
}

gboolean
mc_result_delivery_is_valid (const char *id)
{
  return g_strcmp0 (id, "paper") == 0 || g_strcmp0 (id, "e-result") == 0 || g_strcmp0 (id, "both") == 0;
}

/* Returns: the method named @id, or 0. */
McChannel
mc_return_method_from_id (const char *id)
{
  return MAX (MC_ID_FIND (method_ids, id), 0);
}

McActionPayload *
mc_action_payload_new (void)
{
  return g_new0 (McActionPayload, 1);
}

static void
clear_input (McActionPayload *p)
{
  g_clear_pointer (&p->note, g_free);
  g_clear_pointer (&p->items, g_strfreev);
  g_clear_pointer (&p->results, g_strfreev);
  g_clear_pointer (&p->result_numbers, g_strfreev);
  g_clear_pointer (&p->fee_name, g_free);
  g_clear_pointer (&p->delivery, g_free);
  p->fee_vnd = 0;
  p->method = 0;
}

void
mc_action_payload_free (McActionPayload *p)
{
  if (p == NULL)
    return;
  clear_input (p);
  g_free (p->uuid);
  g_free (p->number);
  g_free (p->source_id);
  g_free (p->actor);
  g_free (p->unit);
  g_clear_pointer (&p->dossier, mc_dossier_unref);
  g_clear_pointer (&p->file, mc_file_free);
  g_free (p);
}

/* Replaces the official's input with what @in gives for an action that @needs it (a note is
 * kept whenever one is given). */
void
mc_action_payload_set_input (McActionPayload      *p,
                             McActionNeeds         needs,
                             const McActionInput  *in)
{
  gint64 due_at = p->due_at;

  clear_input (p);
  if (!mc_store_is_blank (in->note))
    p->note = g_strdup (in->note);
  if (needs & MC_ACTION_NEEDS_ITEMS)
    p->items = g_strdupv ((char **) in->items);
  if (needs & MC_ACTION_NEEDS_DUE)
    due_at = in->due_at;
  p->due_at = due_at;
  if (needs & MC_ACTION_NEEDS_METHOD)
    {
      p->method = in->method;
      p->delivery = g_strdup (in->delivery);
    }
  if (needs & MC_ACTION_NEEDS_RESULTS)
    {
      guint n = in->results ? g_strv_length ((char **) in->results) : 0;
      gboolean numbers = in->result_numbers != NULL;

      p->results = g_strdupv ((char **) in->results);
      p->result_numbers = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          numbers = numbers && in->result_numbers[i] != NULL;
          p->result_numbers[i] = g_strdup (numbers ? in->result_numbers[i] : "");
        }
    }
  if (needs & MC_ACTION_NEEDS_FEE)
    {
      p->fee_name = g_strdup (in->fee_name);
      p->fee_vnd = in->fee_vnd;
    }
}

/* The number the dossier has now: a provisional one replaced by the ministry's. */
void
mc_action_payload_set_number (McActionPayload *p,
                              const char      *number)
{
  char *copy = g_strdup (number);  /* @number may be one of the two replaced here */

  if (p->dossier != NULL)
    {
      g_free (p->dossier->number);
      p->dossier->number = g_strdup (copy);
    }
  g_free (p->number);
  p->number = copy;
}

/* Writing */

/* The payload leaves out what it does not carry (a NULL string, a time of 0). */
static void
add_string (JsonBuilder *b,
            const char  *key,
            const char  *value)
{
  if (value != NULL)
    mc_json_add_string (b, key, value);
}

static void
add_time (JsonBuilder *b,
          const char  *key,
          gint64       t)
{
  if (t != 0)
    mc_json_add_time (b, key, t);
}

static void
add_strv (JsonBuilder        *b,
          const char         *key,
          const char * const *values)
{
  json_builder_set_member_name (b, key);
  json_builder_begin_array (b);
  for (guint i = 0; values && values[i]; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

char *
mc_action_payload_to_json (const McActionPayload *p)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  add_string (b, "uuid", p->uuid);
  add_string (b, "action", p->action ? mc_action_id (p->action) : NULL);
  if (p->create)
    {
      json_builder_set_member_name (b, "create");
      json_builder_add_boolean_value (b, TRUE);
    }
  add_string (b, "number", p->number);
  add_string (b, "source", p->source_id);
  if (p->status_before)
    mc_json_add_int (b, "status_before", p->status_before);
  mc_json_add_int (b, "target", p->target);
  add_time (b, "at", p->at);
  add_string (b, "actor", p->actor);
  add_string (b, "unit", p->unit);
  add_string (b, "note", p->note);
  if (p->items != NULL)
    add_strv (b, "items", (const char * const *) p->items);
  add_time (b, "due_at", p->due_at);
  add_string (b, "method", mc_return_method_id (p->method));
  add_string (b, "delivery", p->delivery);
  if (p->results != NULL)
    {
      json_builder_set_member_name (b, "results");
      json_builder_begin_array (b);
      for (guint i = 0; p->results[i]; i++)
        {
          json_builder_begin_object (b);
          add_string (b, "name", p->results[i]);
          if (p->result_numbers && p->result_numbers[i] && *p->result_numbers[i])
            add_string (b, "number", p->result_numbers[i]);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  if (p->fee_name != NULL)
    {
      json_builder_set_member_name (b, "fee");
      json_builder_begin_object (b);
      add_string (b, "name", p->fee_name);
      mc_json_add_int (b, "amount_vnd", p->fee_vnd);
      json_builder_end_object (b);
    }
  add_time (b, "received_at", p->received_at);
  if (p->file != NULL)
    {
      json_builder_set_member_name (b, "file");
      json_builder_begin_object (b);
      mc_json_add_int (b, "id", p->file->id);
      add_string (b, "name", p->file->name);
      add_string (b, "kind", p->file->kind == MC_FILE_RESULT ? "result" : "component");
      add_string (b, "component", p->file->component);
      mc_json_add_int (b, "size", p->file->size);
      add_string (b, "hash", p->file->hash);
      add_string (b, "type", p->file->content_type);
      json_builder_end_object (b);
    }
  if (p->dossier != NULL)
    {
      json_builder_set_member_name (b, "dossier");
      json_builder_add_value (b, mc_dossier_to_json (p->dossier, TRUE));
    }
  json_builder_end_object (b);
  return mc_json_builder_to_string (b);
}

/* Reading */

/* Returns: (transfer full): the payload @json holds, or NULL with an error (MC_STORE_ERROR_
 * CORRUPT) when it is not one. */
McActionPayload *
mc_action_payload_from_json (const char  *json,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(McActionPayload) p = mc_action_payload_new ();
  JsonObject *o, *fee, *file;
  JsonArray *list;

  if (json == NULL || !json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser))
      || (p->action = mc_action_from_id (mc_json_read_string (json_node_get_object (json_parser_get_root (parser)),
                                                     "action"))) == MC_ACTION_INVALID)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT, _("An outbox entry cannot be read"));
      return NULL;
    }
  o = json_node_get_object (json_parser_get_root (parser));
  p->uuid = g_strdup (mc_json_read_string (o, "uuid"));
  p->create = json_object_get_boolean_member_with_default (o, "create", FALSE);
  p->number = g_strdup (mc_json_read_string (o, "number"));
  p->source_id = g_strdup (mc_json_read_string (o, "source"));
  p->status_before = mc_json_read_int (o, "status_before");
  p->target = mc_json_read_int (o, "target");
  p->at = mc_json_read_time (o, "at");
  p->actor = g_strdup (mc_json_read_string (o, "actor"));
  p->unit = g_strdup (mc_json_read_string (o, "unit"));
  p->note = g_strdup (mc_json_read_string (o, "note"));
  if ((list = mc_json_read_array (o, "items")) != NULL)
    {
      p->items = g_new0 (char *, json_array_get_length (list) + 1);
      for (guint i = 0, n = 0; i < json_array_get_length (list); i++)
        if (JSON_NODE_HOLDS_VALUE (json_array_get_element (list, i)))
          p->items[n++] = g_strdup (json_array_get_string_element (list, i));
    }
  p->due_at = mc_json_read_time (o, "due_at");
  p->method = mc_return_method_from_id (mc_json_read_string (o, "method"));
  p->delivery = g_strdup (mc_json_read_string (o, "delivery"));
  if ((list = mc_json_read_array (o, "results")) != NULL)
    {
      guint n = json_array_get_length (list), k = 0;

      p->results = g_new0 (char *, n + 1);
      p->result_numbers = g_new0 (char *, n + 1);
      for (guint i = 0; i < n; i++)
        if (mc_json_read_string (mc_json_read_element (list, i), "name") != NULL)
          {
            p->results[k] = g_strdup (mc_json_read_string (mc_json_read_element (list, i), "name"));
            p->result_numbers[k++] = g_strdup (mc_json_read_string (mc_json_read_element (list, i), "number") ?: "");
          }
    }
  if ((fee = mc_json_read_object (o, "fee")) != NULL)
    {
      p->fee_name = g_strdup (mc_json_read_string (fee, "name"));
      p->fee_vnd = mc_json_read_int (fee, "amount_vnd");
    }
  p->received_at = mc_json_read_time (o, "received_at");
  if ((file = mc_json_read_object (o, "file")) != NULL)
    {
      p->file = g_new0 (McFile, 1);
      p->file->origin = MC_FILE_LOCAL;
      p->file->id = mc_json_read_int (file, "id");
      p->file->name = g_strdup (mc_json_read_string (file, "name"));
      p->file->kind = g_strcmp0 (mc_json_read_string (file, "kind"), "result") == 0 ? MC_FILE_RESULT : MC_FILE_COMPONENT;
      p->file->component = g_strdup (mc_json_read_string (file, "component"));
      p->file->size = mc_json_read_int (file, "size");
      p->file->hash = g_strdup (mc_json_read_string (file, "hash"));
      p->file->content_type = g_strdup (mc_json_read_string (file, "type"));
    }
  if (p->action == MC_ACTION_ATTACH && (p->file == NULL || p->file->name == NULL || p->file->hash == NULL))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT, _("An outbox entry cannot be read"));
      return NULL;
    }
  if (mc_json_read_object (o, "dossier") != NULL)
    {
      /* The dossier to create, as it was received at the counter (whatever happened to the
       * local copy since), with what the intake decided for it. */
      p->dossier = mc_dossier_from_json (mc_json_read_object (o, "dossier"));
      p->dossier->return_method = p->method ? p->method : p->dossier->channel;
      p->dossier->status = p->target ? p->target : MC_STATUS_RECEIVED;
      p->dossier->due_at = p->due_at ? p->due_at : p->dossier->due_at;
      mc_action_payload_set_number (p, p->number ? p->number : p->dossier->number);
    }
  return g_steal_pointer (&p);
}

static void
separate (GString *s)
{
  if (s->len > 0)
    g_string_append (s, "; ");
}

/* Returns: (nullable): what the ministry system records as the step's content (NoiDungXuLy,
 * note, ghi_chu): the official's words and what the action carries, in Vietnamese as the
 * ministry systems keep it. */
char *
mc_action_payload_ministry_note (const McActionPayload *p)
{
  g_autoptr(GString) s = g_string_new (p->note);

  switch (p->action)
    {
    case MC_ACTION_REQUEST_SUPPLEMENT:
      separate (s);
      g_string_append (s, "Giấy tờ cần bổ sung: ");
      for (guint i = 0; p->items && p->items[i]; i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", p->items[i]);
      break;
    case MC_ACTION_RESOLVE:
      separate (s);
      g_string_append (s, "Kết quả: ");
      for (guint i = 0; p->results && p->results[i]; i++)
        {
          g_string_append_printf (s, "%s%s", i ? ", " : "", p->results[i]);
          if (p->result_numbers && p->result_numbers[i] && *p->result_numbers[i])
            g_string_append_printf (s, " (số %s)", p->result_numbers[i]);
        }
      break;
    case MC_ACTION_REQUEST_FEE:
      separate (s);
      g_string_append_printf (s, "Nghĩa vụ tài chính: %s, %" G_GINT64_FORMAT " đồng", p->fee_name ? p->fee_name : "",
                              p->fee_vnd);
      break;
    case MC_ACTION_RESCHEDULE:
      {
        g_autofree char *due = mc_wire_time_format (MC_WIRE_TIME_LEGACY, p->due_at);

        separate (s);
        g_string_append_printf (s, "Hẹn trả mới: %s", due);
      }
      break;
    case MC_ACTION_RETURN_RESULT:
      separate (s);
      g_string_append_printf (s, "Hình thức trả kết quả: %s", p->method == MC_CHANNEL_ONLINE ? "trực tuyến"
                              : p->method == MC_CHANNEL_POST ? "qua dịch vụ bưu chính" : "trực tiếp");
      break;
    default:
      break;
    }
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}
