/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "mc-dossier-json.h"
#include "mc-sim-private.h"

/* Small helpers of the simulator's dialects: a JSON writer (pages are assembled from cached
 * item texts, which json-glib's builder cannot do), request parsing and answers. */

void
mc_sim_json_string (GString    *out,
                    const char *text)
{
  const char *p;

  if (text == NULL)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  for (p = text; *p; p++)
    {
      guchar c = *p;

      switch (c)
        {
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, c);
        }
    }
  g_string_append_c (out, '"');
}

/* ,"name":"text" — every member but a object's first is written this way. */
void
mc_sim_json_member (GString    *out,
                    const char *name,
                    const char *text)
{
  g_string_append_printf (out, ",\"%s\":", name);
  mc_sim_json_string (out, text);
}

void
mc_sim_json_time (GString    *out,
                  const char *name,
                  McWireTime  format,
                  gint64      t)
{
  g_string_append_printf (out, ",\"%s\":", name);
  if (t == 0)
    {
      g_string_append (out, "null");
      return;
    }
  g_string_append_c (out, '"');
  mc_wire_time_append (out, format, t);
  g_string_append_c (out, '"');
}

/* Returns: (transfer full) (nullable): the request body as a JSON object. */
JsonObject *
mc_sim_parse_object (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  gsize len;
  const char *data = g_bytes_get_data (bytes, &len);

  if (len == 0 || !json_parser_load_from_data (parser, data, len, NULL))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

const char *
mc_sim_object_string (JsonObject *object,
                      const char *member)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* An integer member, also accepted as a numeric string (the portal's habit). */
gint64
mc_sim_object_int (JsonObject *object,
                   const char *member,
                   gint64      fallback)
{
  JsonNode *node = object ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      gint64 v = g_ascii_strtoll (s, &end, 10);

      return end && end != s && *end == '\0' ? v : fallback;
    }
  return fallback;
}

McDossier *
mc_sim_dossier_copy (const McDossier *d)
{
  McDossier *c = mc_dossier_new ();

  c->source_id = g_strdup (d->source_id);
  c->number = g_strdup (d->number);
  c->provisional = d->provisional;
  c->procedure_code = g_strdup (d->procedure_code);
  c->procedure_name = g_strdup (d->procedure_name);
  c->field_code = g_strdup (d->field_code);
  c->applicant_name = g_strdup (d->applicant_name);
  c->applicant_kind = d->applicant_kind;
  c->id_number = g_strdup (d->id_number);
  c->phone = g_strdup (d->phone);
  c->address = g_strdup (d->address);
  c->channel = d->channel;
  c->return_method = d->return_method;
  c->status = d->status;
  c->submitted_at = d->submitted_at;
  c->received_at = d->received_at;
  c->due_at = d->due_at;
  c->finished_at = d->finished_at;
  c->returned_at = d->returned_at;
  c->server_version = g_strdup (d->server_version);
  c->payment = d->payment;
  c->satisfaction = d->satisfaction;
  c->citizen_data = d->citizen_data;
  c->reused = d->reused;
  c->files_known = d->files_known;
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *x = g_ptr_array_index (d->documents, i);
      McDocument *y = mc_dossier_add_document (c, x->name, x->is_copy, x->count);

      y->digitised = x->digitised;
      y->reused = x->reused;
      y->from_store = x->from_store;
    }
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *x = g_ptr_array_index (d->fees, i);
      mc_dossier_add_fee (c, x->name, x->amount_vnd, x->paid);
    }
  for (guint i = 0; i < d->supplements->len; i++)
    {
      McSupplement *x = g_ptr_array_index (d->supplements, i);
      mc_dossier_add_supplement (c, x->requested_at, x->items, x->received_at);
    }
  for (guint i = 0; i < d->results->len; i++)
    {
      McResult *x = g_ptr_array_index (d->results, i);
      McResult *y = mc_dossier_add_result (c, x->name, x->number, x->issued_at);

      y->code = g_strdup (x->code);
      y->file_url = g_strdup (x->file_url);
    }
  for (guint i = 0; i < d->files->len; i++)
    {
      McFile *x = g_ptr_array_index (d->files, i);
      McFile *y = mc_dossier_add_file (c, x->origin, x->kind, x->name, x->component, x->size);

      y->remote_id = g_strdup (x->remote_id);
      y->hash = g_strdup (x->hash);
      y->remote_path = g_strdup (x->remote_path);
    }
  for (guint i = 0; i < d->history->len; i++)
    {
      McStep *x = g_ptr_array_index (d->history, i);
      mc_dossier_add_step (c, x->at, x->actor, x->unit, x->action, x->status, x->note);
    }
  return c;
}

void
mc_sim_answer_json (McSimAnswer *answer,
                    guint        status,
                    const char  *format,
                    ...)
{
  va_list args;

  answer->status = status;
  answer->content_type = "application/json; charset=utf-8";
  g_string_truncate (answer->body, 0);
  va_start (args, format);
  g_string_append_vprintf (answer->body, format, args);
  va_end (args);
}

/* One dossier as the answer (@status): its item, as the pull pages carry it, in the dialect's
 * envelope (@head, the item, @tail). */
void
mc_sim_answer_item (McSimService *svc,
                    McSimRecord  *rec,
                    McSimAnswer  *answer,
                    guint         status,
                    const char   *head,
                    const char   *tail)
{
  answer->status = status;
  g_string_append (answer->body, head);
  mc_sim_service_render (svc, rec, answer->body, MC_SIM_CORRUPT_NONE);
  g_string_append (answer->body, tail);
}

void
mc_sim_answer_header (McSimAnswer *answer,
                      const char  *name,
                      const char  *value)
{
  g_ptr_array_add (answer->headers, g_strdup (name));
  g_ptr_array_add (answer->headers, g_strdup (value));
}

/* What every write of the dialects with a key in a header (rest, feed) checks first: a
 * repeated key gets the first answer again, a write without one is refused (@missing, the
 * dialect's 400). Returns the key, or NULL: @answer is given. */
const char *
mc_sim_header_key (McSimService      *svc,
                   SoupServerMessage *msg,
                   const char        *header,
                   const char        *missing,
                   McSimAnswer       *answer)
{
  const char *key = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), header);

  if (mc_sim_answer_replay (svc, key, answer))
    return NULL;
  if (key == NULL)
    mc_sim_answer_json (answer, 400, "%s", missing);
  return key;
}

/* A parameter of the request's query (which may have none). */
const char *
mc_sim_query (GHashTable *query,
              const char *name)
{
  return query ? g_hash_table_lookup (query, name) : NULL;
}

/* A number in the query, read as atoi does; @fallback when the parameter is absent. */
guint
mc_sim_query_uint (GHashTable *query,
                   const char *name,
                   guint       fallback)
{
  const char *text = mc_sim_query (query, name);

  return text ? (guint) atoi (text) : fallback;
}

/* Whether the request's "Authorization: Bearer" token is a live session of @svc. */
gboolean
mc_sim_bearer_ok (McSimService      *svc,
                  SoupServerMessage *msg)
{
  const char *auth = soup_message_headers_get_one (soup_server_message_get_request_headers (msg),
                                                   "Authorization");
  g_autofree char *token = NULL;

  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    token = g_strstrip (g_strdup (auth + 7));
  return mc_sim_check_session (svc, token);
}

/* A form-encoded request body (a sign-in form) as name → value. */
GHashTable *
mc_sim_read_form (SoupServerMessage *msg)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

  return soup_form_decode (text);
}

/* What an action is counted under (the admin's "actions"): the dialect's name and the client's
 * @key, "dialect:KEY"; NULL for a request without a key. */
char *
mc_sim_counted_key (McSimService *svc,
                    const char   *key)
{
  return key ? g_strdup_printf ("%s:%s", svc->klass->name, key) : NULL;
}

/* The back-ends without an idempotency key count an action by the reference the client puts
 * in its note ("[ref:UUID]", see data/api/README.md): "dialect:REF", or "dialect:@fallback"
 * for a note without one. */
char *
mc_sim_note_key (McSimService *svc,
                 const char   *note,
                 const char   *fallback)
{
  const char *start = note ? strstr (note, "[ref:") : NULL;
  const char *end = start ? strchr (start, ']') : NULL;
  g_autofree char *ref = end ? g_strndup (start + 5, end - start - 5) : NULL;

  return mc_sim_counted_key (svc, ref ? ref : fallback);
}

/* Lenient readers for what a client sent: the wrong type reads as absent (core's). */
JsonArray *
mc_sim_object_array (JsonObject *object,
                     const char *member)
{
  return mc_json_read_array (object, member);
}

JsonObject *
mc_sim_object_object (JsonObject *object,
                      const char *member)
{
  return mc_json_read_object (object, member);
}

JsonObject *
mc_sim_array_object (JsonArray *array,
                     guint      index)
{
  return mc_json_read_element (array, index);
}

/* A flag as the dialects write it: true, 1, "1", "True". */
static gboolean
flag (JsonObject *object,
      const char *member)
{
  const char *text = mc_sim_object_string (object, member);

  return text ? g_ascii_strcasecmp (text, "true") == 0 || g_str_equal (text, "1") : mc_sim_object_int (object, member, 0) != 0;
}

gboolean
mc_sim_note_too_long (const char *note)
{
  return note != NULL && g_utf8_strlen (note, -1) > MC_SIM_NOTE_MAX;
}

/* The progress steps a client sends in one call (lgsp, dvcqg): one at least, MC_SIM_STEPS_MAX
 * at most. */
gboolean
mc_sim_steps_count_ok (JsonArray *steps)
{
  return steps != NULL && json_array_get_length (steps) > 0 && json_array_get_length (steps) <= MC_SIM_STEPS_MAX;
}

/* Whether every step's note (its member @note) fits the column; all the steps or none. */
gboolean
mc_sim_steps_notes_fit (JsonArray  *steps,
                        const char *note)
{
  for (guint i = 0; i < json_array_get_length (steps); i++)
    if (mc_sim_note_too_long (mc_sim_object_string (json_array_get_object_element (steps, i), note)))
      return FALSE;
  return TRUE;
}

McSimCorrupt
mc_sim_corrupt_from_name (const char *name)
{
  static const char *names[] = {
    [MC_SIM_CORRUPT_NONE] = "none",
    [MC_SIM_CORRUPT_INVALID_JSON] = "invalid_json",
    [MC_SIM_CORRUPT_TRUNCATED] = "truncated",
    [MC_SIM_CORRUPT_WRONG_TYPE] = "wrong_type",
    [MC_SIM_CORRUPT_UNKNOWN_STATUS] = "unknown_status",
    [MC_SIM_CORRUPT_MISSING_FIELD] = "missing_field",
    [MC_SIM_CORRUPT_BAD_DATE] = "bad_date",
    [MC_SIM_CORRUPT_OVERSIZED] = "oversized",
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_strcmp0 (name, names[i]) == 0)
      return i;
  return MC_SIM_CORRUPT_NONE;
}

/* A flag of the 766 report as the dialect writes it: 0/1, "0"/"1" where every number is text,
 * or true/false; a flag the dossier does not know is left out, as a back-end without the data
 * would. */
void
mc_sim_json_flag (GString        *out,
                  const char     *name,
                  McFlag          flag,
                  McSimFlagStyle  style)
{
  if (flag == MC_FLAG_UNKNOWN)
    return;
  if (style == MC_SIM_FLAG_BOOLEAN)
    g_string_append_printf (out, ",\"%s\":%s", name, flag == MC_FLAG_YES ? "true" : "false");
  else
    g_string_append_printf (out, style == MC_SIM_FLAG_TEXT ? ",\"%s\":\"%d\"" : ",\"%s\":%d", name, flag == MC_FLAG_YES);
}

static void
child_boolean (GString              *out,
               const McSimChildKeys *keys,
               const char           *name,
               gboolean              value)
{
  static const char *words[][2] = {
    [MC_SIM_BOOLEAN_JSON] = { "false", "true" },
    [MC_SIM_BOOLEAN_NUMBER] = { "0", "1" },
    [MC_SIM_BOOLEAN_TEXT] = { "\"False\"", "\"True\"" },
  };

  g_string_append_printf (out, ",\"%s\":%s", name, words[keys->booleans][value != FALSE]);
}

static void
child_number (GString              *out,
              const McSimChildKeys *keys,
              const char           *name,
              gint64                value)
{
  g_string_append_printf (out, keys->text_numbers ? ",\"%s\":\"%" G_GINT64_FORMAT "\"" : ",\"%s\":%" G_GINT64_FORMAT,
                          name, value);
}

static void
child_time (GString              *out,
            const McSimChildKeys *keys,
            const char           *name,
            gint64                t)
{
  if (!keys->epoch_ms)
    mc_sim_json_time (out, name, keys->time_format, t);
  else if (t == 0)
    g_string_append_printf (out, ",\"%s\":null", name);
  else
    g_string_append_printf (out, ",\"%s\":%" G_GINT64_FORMAT, name, t * 1000);
}

/* An element of a list, opened with its first member (a text). */
static void
child_open (GString    *out,
            guint       i,
            const char *name,
            const char *text)
{
  g_string_append_printf (out, "%s{\"%s\":", i ? "," : "", name);
  mc_sim_json_string (out, text);
}

/* The four lists of @d, each as a member of the object being written. */
void
mc_sim_render_children (GString              *out,
                        const McDossier      *d,
                        const McSimChildKeys *keys)
{
  g_string_append_printf (out, ",\"%s\":[", keys->documents);
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *x = g_ptr_array_index (d->documents, i);

      child_open (out, i, keys->document_name, x->name);
      child_boolean (out, keys, keys->document_copy, x->is_copy);
      child_number (out, keys, keys->document_count, x->count);
      if (keys->document_digitised != NULL)
        {
          mc_sim_json_flag (out, keys->document_digitised, x->digitised, keys->flags);
          mc_sim_json_flag (out, keys->document_reused, x->reused, keys->flags);
          mc_sim_json_flag (out, keys->document_from_store, x->from_store, keys->flags);
        }
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"%s\":[", keys->fees);
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *x = g_ptr_array_index (d->fees, i);

      child_open (out, i, keys->fee_name, x->name);
      child_number (out, keys, keys->fee_amount, x->amount_vnd);
      child_boolean (out, keys, keys->fee_paid, x->paid);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"%s\":[", keys->supplements);
  for (guint i = 0; i < d->supplements->len; i++)
    {
      McSupplement *x = g_ptr_array_index (d->supplements, i);

      child_open (out, i, keys->supplement_items, x->items);
      child_time (out, keys, keys->supplement_requested, x->requested_at);
      child_time (out, keys, keys->supplement_received, x->received_at);
      g_string_append_c (out, '}');
    }
  g_string_append_printf (out, "],\"%s\":[", keys->results);
  for (guint i = 0; i < d->results->len; i++)
    {
      McResult *x = g_ptr_array_index (d->results, i);

      child_open (out, i, keys->result_name, x->name);
      mc_sim_json_member (out, keys->result_number, x->number);
      child_time (out, keys, keys->result_issued, x->issued_at);
      if (keys->result_code != NULL)
        mc_sim_json_member (out, keys->result_code, x->code);
      if (keys->result_file != NULL)
        mc_sim_json_member (out, keys->result_file, x->file_url);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

void
mc_sim_render_history (GString             *out,
                       const McDossier     *d,
                       const McSimStepKeys *keys)
{
  g_string_append_printf (out, ",\"%s\":[", keys->list);
  for (guint i = 0; i < d->history->len; i++)
    {
      McStep *x = g_ptr_array_index (d->history, i);

      g_string_append_printf (out, "%s{\"%s\":", i ? "," : "", keys->at);
      if (keys->epoch_ms)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, x->at * 1000);
      else
        {
          g_string_append_c (out, '"');
          mc_wire_time_append (out, keys->time_format, x->at);
          g_string_append_c (out, '"');
        }
      mc_sim_json_member (out, keys->actor, x->actor);
      if (keys->unit != NULL)
        mc_sim_json_member (out, keys->unit, x->unit);
      if (keys->action != NULL)
        mc_sim_json_member (out, keys->action, x->action);
      if (keys->status_names != NULL)
        mc_sim_json_member (out, keys->status, keys->status_names[CLAMP (x->status, 1, 10)]);
      else
        g_string_append_printf (out, ",\"%s\":%d", keys->status, keys->status_code (x->status));
      mc_sim_json_member (out, keys->note, x->note);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

/* The "since" time a pull names (lgsp, dvcqg, legacy), written as the dialect writes its
 * times: FALSE where it is not such a time. The page gives it only as a date, so none (absent
 * or empty) is refused too, as a back-end that reads it strictly would: a client reads
 * everything by asking from an early date. */
gboolean
mc_sim_read_since (McSimService *svc,
                   const char   *text,
                   gint64       *from)
{
  *from = 0;
  return text != NULL && mc_wire_time_parse (svc->klass->time_format, text, from);
}

/* The pull of the dialects that page by an inclusive "since" time (lgsp, dvcqg, legacy): the
 * page of @limit items after the first @offset of those changed at @from or later, in the
 * dialect's page (its number @page). */
void
mc_sim_answer_page (McSimService *svc,
                    McSimAnswer  *answer,
                    gint64        from,
                    guint64       offset,
                    guint         limit,
                    guint         page)
{
  GSequenceIter *it = mc_sim_service_first_at (svc, from);
  guint total = g_sequence_iter_get_position (g_sequence_get_end_iter (svc->order)) - g_sequence_iter_get_position (it);
  g_autoptr(GString) items = NULL;
  McSimCorrupt corrupt;
  guint n = 0;

  it = g_sequence_iter_move (it, MIN (offset, total));
  corrupt = mc_sim_begin_page (svc, answer);
  items = g_string_sized_new (limit * 1600);
  for (; !g_sequence_iter_is_end (it) && n < limit; it = g_sequence_iter_next (it), n++)
    {
      g_string_append (items, n ? "," : "");
      mc_sim_service_render (svc, g_sequence_get (it), items, n == 0 ? corrupt : MC_SIM_CORRUPT_NONE);
    }
  answer->status = 200;
  svc->klass->render_page (svc, answer->body, items->str, n, total, page);
}

/* The pull of the dialects that list by change sequence (rest, feed): from @it on, at most
 * @limit changes rendered into @items, comma-separated, the first damaged as @corrupt. A
 * listing from the start (@since 0) lists what exists: tombstones are news only to a client
 * that read before. Returns where it stopped; *@last_seq is the last change read (@since if
 * none). */
GSequenceIter *
mc_sim_render_changes (McSimService  *svc,
                       GSequenceIter *it,
                       guint64        since,
                       guint          limit,
                       McSimCorrupt   corrupt,
                       GString       *items,
                       guint64       *last_seq)
{
  guint n = 0;

  *last_seq = since;
  for (; !g_sequence_iter_is_end (it) && n < limit; it = g_sequence_iter_next (it))
    {
      McSimRecord *rec = g_sequence_get (it);

      *last_seq = rec->seq;
      if (rec->deleted && since == 0)
        continue;
      g_string_append (items, n ? "," : "");
      mc_sim_service_render (svc, rec, items, n == 0 ? corrupt : MC_SIM_CORRUPT_NONE);
      n++;
    }
  return it;
}

/* A date a client sent, written as the dialect's items write theirs; 0 when absent or bad. */
static gint64
receipt_time (JsonObject           *body,
              const char           *member,
              const McSimChildKeys *lists)
{
  gint64 t = 0;

  if (lists->epoch_ms)
    return mc_sim_object_int (body, member, 0) / 1000;
  return mc_wire_time_parse (lists->time_format, mc_sim_object_string (body, member), &t) ? t : 0;
}

/* Whether a receipt a client sent names what every dossier has: the procedure and the
 * applicant (@applicant: the object holding the applicant's members). */
gboolean
mc_sim_receipt_complete (JsonObject             *body,
                         JsonObject             *applicant,
                         const McSimReceiptKeys *keys)
{
  return mc_sim_object_string (body, keys->procedure_code) != NULL
         && mc_sim_object_string (applicant, keys->applicant_name) != NULL;
}

/* A dossier received at the counter, as a client sent it (@applicant: the object holding the
 * applicant's members, the body itself in the flat dialects): its receipt, documents, fees,
 * the applicant's kind and the channels. The caller gives it its number. */
McDossier *
mc_sim_read_receipt (JsonObject             *body,
                     JsonObject             *applicant,
                     const McSimReceiptKeys *keys,
                     const char             *source_id)
{
  const McSimChildKeys *lists = keys->lists;
  JsonArray *documents = mc_sim_object_array (body, lists->documents);
  JsonArray *fees = mc_sim_object_array (body, lists->fees);
  McDossier *d = mc_dossier_new ();

  d->source_id = g_strdup (source_id);
  d->procedure_code = g_strdup (mc_sim_object_string (body, keys->procedure_code));
  d->procedure_name = g_strdup (mc_sim_object_string (body, keys->procedure_name) ?: "");
  d->field_code = g_strdup (mc_sim_object_string (body, keys->field_code));
  d->applicant_name = g_strdup (mc_sim_object_string (applicant, keys->applicant_name));
  d->id_number = g_strdup (mc_sim_object_string (applicant, keys->id_number));
  d->phone = g_strdup (mc_sim_object_string (applicant, keys->phone));
  d->address = g_strdup (mc_sim_object_string (applicant, keys->address));
  d->status = MC_STATUS_RECEIVED;
  d->submitted_at = receipt_time (body, keys->submitted, lists);
  d->received_at = receipt_time (body, keys->received, lists);
  d->due_at = receipt_time (body, keys->due, lists);
  for (guint i = 0; documents && i < json_array_get_length (documents); i++)
    {
      JsonObject *x = mc_sim_array_object (documents, i);
      const char *name = mc_sim_object_string (x, lists->document_name);

      if (name != NULL)
        mc_dossier_add_document (d, name, flag (x, lists->document_copy), mc_sim_object_int (x, lists->document_count, 1));
    }
  for (guint i = 0; fees && i < json_array_get_length (fees); i++)
    {
      JsonObject *x = mc_sim_array_object (fees, i);
      const char *name = mc_sim_object_string (x, lists->fee_name);

      if (name != NULL)
        mc_dossier_add_fee (d, name, mc_sim_object_int (x, lists->fee_amount, 0), flag (x, lists->fee_paid));
    }
  if (keys->read_kinds != NULL)
    keys->read_kinds (d, body, applicant);
  return d;
}

/* The create of the dialects whose client sends a receipt (rest, feed, legacy): the dossier
 * read with @keys, under @number (taken), received now unless the client said when, its
 * receiving step by the actor and with the note the body names, counted under @key. */
McSimRecord *
mc_sim_create_from_receipt (McSimService           *svc,
                            JsonObject             *body,
                            JsonObject             *applicant,
                            const McSimReceiptKeys *keys,
                            char                   *number,
                            const char             *key)
{
  McDossier *d = mc_sim_read_receipt (body, applicant, keys, svc->klass->source_id);

  d->number = number;
  d->received_at = d->received_at ?: mc_sim_now (svc->sim);
  return mc_sim_add_created (svc, d, mc_sim_object_string (body, keys->actor), mc_sim_object_string (body, keys->note),
                             key);
}

/* The dossier's file list (shared/ministry-apis.md "Files") under the dialect's names, where
 * the dossier's files are known: what it holds, its size, the hash the dialect carries (sha256
 * or md5; the sample's files have a SHA-256, and an MD5 back-end's is stood for by its first
 * 32 digits), and where the back-end serves it: the dossier's id (@dossier_id) in the
 * dialect's path, followed by the file's id (or its name, for dialects without file ids). */
void
mc_sim_render_files (McSimService        *svc,
                     McSimRecord         *rec,
                     GString             *out,
                     const McSimFileKeys *keys,
                     const char          *dossier_id)
{
  const McDossier *d = rec->dossier;

  if (!d->files_known)
    return;
  g_string_append_printf (out, ",\"%s\":[", keys->list);
  for (guint i = 0; i < d->files->len; i++)
    {
      McFile *f = g_ptr_array_index (d->files, i);
      g_autofree char *tail = g_uri_escape_string (keys->id && f->remote_id ? f->remote_id : f->name, NULL, FALSE);
      g_autofree char *path = g_strconcat (keys->path_before, dossier_id, keys->path_after, tail, NULL);

      g_string_append_printf (out, "%s{\"%s\":", i ? "," : "", keys->name);
      mc_sim_json_string (out, f->name);
      if (keys->id != NULL)
        mc_sim_json_member (out, keys->id, f->remote_id);
      mc_sim_json_member (out, keys->kind, f->kind == MC_FILE_RESULT ? keys->kind_result : keys->kind_component);
      if (keys->component != NULL && f->kind == MC_FILE_COMPONENT)
        mc_sim_json_member (out, keys->component, f->component);
      g_string_append_printf (out, keys->text_numbers ? ",\"%s\":\"%" G_GINT64_FORMAT "\"" : ",\"%s\":%" G_GINT64_FORMAT,
                              keys->size, MAX (f->size, 0));
      if (keys->hash != NULL && g_str_equal (keys->hash_algo, "md5"))
        {
          g_autoptr(GBytes) content = mc_sim_file_content (svc, rec, f);
          g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, content);

          mc_sim_json_member (out, keys->hash, hash);
        }
      else if (keys->hash != NULL && f->hash != NULL && g_str_has_prefix (f->hash, "sha256:"))
        mc_sim_json_member (out, keys->hash, f->hash + 7);
      mc_sim_json_member (out, keys->path, path);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
}

/* The kind of file @text names in the dialect's words (@keys' kind_component, kind_result):
 * FALSE when it names neither. */
gboolean
mc_sim_file_kind (const McSimFileKeys *keys,
                  const char          *text,
                  McFileKind          *out_kind)
{
  if (g_strcmp0 (text, keys->kind_component) == 0)
    *out_kind = MC_FILE_COMPONENT;
  else if (g_strcmp0 (text, keys->kind_result) == 0)
    *out_kind = MC_FILE_RESULT;
  else
    return FALSE;
  return TRUE;
}
