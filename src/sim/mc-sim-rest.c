/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"

/* G16 Văn hóa, Thể thao và Du lịch, dialect "rest": an application key plus a user session,
 * opaque cursors that expire (410), tombstones, etags with If-Match, Idempotency-Key. */

static const char *status_names[] = {
  [MC_STATUS_SUBMITTED] = "submitted", [MC_STATUS_RECEIVED] = "received",
  [MC_STATUS_REFUSED] = "refused", [MC_STATUS_PROCESSING] = "in_progress",
  [MC_STATUS_SUPPLEMENT_REQUESTED] = "supplement_requested", [MC_STATUS_FEE_REQUESTED] = "fee_requested",
  [MC_STATUS_WITHDRAWN] = "withdrawn", [MC_STATUS_STOPPED] = "stopped",
  [MC_STATUS_RESOLVED] = "resolved", [MC_STATUS_RETURNED] = "returned",
};
static const char *kind_names[] = { NULL, "citizen", "enterprise", "agency", "organization" };
static const char *channel_names[] = { NULL, "in_person", "online", "post" };

static void
time_member (GString    *out,
             const char *name,
             gint64      t)
{
  mc_sim_json_time (out, name, MC_WIRE_TIME_ISO8601, t);
}

/* A dossier's etag, as items carry it and If-Match must give it back: its version, weak. */
static char *
etag_of (McSimRecord *rec)
{
  return g_strdup_printf ("W/\"%u\"", rec->version);
}

static const McSimChildKeys child_keys = {
  .documents = "documents", .document_name = "name", .document_copy = "copy", .document_count = "count",
  .document_digitised = "digitized", .document_reused = "reused", .document_from_store = "fromCitizenStore",
  .fees = "fees", .fee_name = "name", .fee_amount = "amountVnd", .fee_paid = "paid",
  .supplements = "supplements", .supplement_items = "items", .supplement_requested = "requestedAt",
  .supplement_received = "receivedAt",
  .results = "results", .result_name = "name", .result_number = "number", .result_issued = "issuedAt",
  .result_code = "code",
  .booleans = MC_SIM_BOOLEAN_JSON, .flags = MC_SIM_FLAG_BOOLEAN, .time_format = MC_WIRE_TIME_ISO8601,
};

static const McSimStepKeys step_keys = {
  .list = "history", .at = "at", .actor = "actor", .unit = "unit", .action = "action", .status = "status",
  .note = "note", .status_names = status_names, .time_format = MC_WIRE_TIME_ISO8601,
};

static const McSimFileKeys file_keys = {
  "files", "id", "name", "kind", "componentCode", "size", "sha256", "href", "component", "result", "sha256", FALSE,
  "/v1/dossiers/", "/files/",
};

static int
name_index (const char  *name,
            const char **names,
            int          n,
            int          fallback)
{
  for (int i = 1; name && i < n; i++)
    if (g_str_equal (name, names[i]))
      return i;
  return fallback;
}

static void
read_kinds (McDossier  *d,
            JsonObject *body,
            JsonObject *applicant)
{
  d->applicant_kind = name_index (mc_sim_object_string (applicant, "kind"), kind_names, 5, MC_APPLICANT_CITIZEN);
  d->channel = name_index (mc_sim_object_string (body, "channel"), channel_names, 4, MC_CHANNEL_IN_PERSON);
  d->return_method = name_index (mc_sim_object_string (body, "returnMethod"), channel_names, 4, d->channel);
}

static const McSimReceiptKeys receipt_keys = {
  .procedure_code = "procedureCode", .procedure_name = "procedureName", .field_code = "fieldCode",
  .applicant_name = "name", .id_number = "idNumber", .phone = "phone", .address = "address",
  .submitted = "submittedAt", .received = "receivedAt", .due = "dueAt", .actor = "actor", .note = "note",
  .lists = &child_keys, .read_kinds = read_kinds,
};

static void
render_item (McSimService *svc,
             McSimRecord  *rec,
             GString      *out,
             McSimCorrupt  corrupt)
{
  const McDossier *d = rec->dossier;
  g_autofree char *etag = etag_of (rec);

  g_string_append (out, "{\"id\":");
  mc_sim_json_string (out, rec->remote_id);
  if (rec->deleted)
    {
      g_string_append (out, ",\"deleted\":true}");
      return;
    }
  if (corrupt != MC_SIM_CORRUPT_MISSING_FIELD)
    mc_sim_json_member (out, "code", d->number);
  mc_sim_json_member (out, "procedureCode", d->procedure_code);
  mc_sim_json_member (out, "procedureName", d->procedure_name);
  mc_sim_json_member (out, "fieldCode", d->field_code);
  g_string_append (out, ",\"applicant\":{\"name\":");
  mc_sim_json_string (out, d->applicant_name);
  mc_sim_json_member (out, "idNumber", d->id_number);
  mc_sim_json_member (out, "phone", d->phone);
  mc_sim_json_member (out, "address", d->address);
  mc_sim_json_member (out, "kind", kind_names[CLAMP (d->applicant_kind, 1, 4)]);
  g_string_append_c (out, '}');
  mc_sim_json_member (out, "channel", channel_names[CLAMP (d->channel, 1, 3)]);
  mc_sim_json_member (out, "returnMethod", channel_names[CLAMP (d->return_method, 1, 3)]);
  if (corrupt == MC_SIM_CORRUPT_WRONG_TYPE)
    g_string_append (out, ",\"status\":4");
  else
    mc_sim_json_member (out, "status", corrupt == MC_SIM_CORRUPT_UNKNOWN_STATUS ? "archived" : status_names[d->status]);
  time_member (out, "submittedAt", d->submitted_at);
  if (corrupt == MC_SIM_CORRUPT_BAD_DATE)
    g_string_append (out, ",\"receivedAt\":\"2026-13-01T08:00:00+07:00\"");
  else
    time_member (out, "receivedAt", d->received_at);
  time_member (out, "dueAt", d->due_at);
  time_member (out, "finishedAt", d->finished_at);
  time_member (out, "returnedAt", d->returned_at);
  mc_sim_json_member (out, "etag", etag);
  /* The 766 report's fields (not in the spec): the payment, the citizen's rating, the account
   * verified with VNeID, a component reusing digitised data. */
  if (d->payment != MC_PAYMENT_UNKNOWN)
    {
      gboolean paid = d->payment >= MC_PAYMENT_PAID_ONLINE_PORTAL && d->payment <= MC_PAYMENT_PAID_COUNTER;
      static const char *methods[] = { "portal", "gateway", "counter" };
      static const char *states[] = { "not_required", "exempt", "pending", "paid", "paid", "paid", "cancelled", "refunded" };

      g_string_append_printf (out, ",\"payment\":{\"status\":\"%s\"", states[d->payment]);
      if (paid)
        g_string_append_printf (out, ",\"method\":\"%s\"", methods[d->payment - MC_PAYMENT_PAID_ONLINE_PORTAL]);
      g_string_append_c (out, '}');
    }
  if (d->satisfaction != MC_SATISFACTION_UNKNOWN)
    {
      if (d->satisfaction == MC_SATISFACTION_NOT_RATED)
        g_string_append (out, ",\"satisfaction\":null");
      else
        mc_sim_json_member (out, "satisfaction", mc_satisfaction_id (d->satisfaction));
    }
  mc_sim_json_flag (out, "identityVerified", d->citizen_data, MC_SIM_FLAG_BOOLEAN);
  mc_sim_json_flag (out, "reusesDigitizedData", d->reused, MC_SIM_FLAG_BOOLEAN);

  mc_sim_render_children (out, d, &child_keys);
  mc_sim_render_history (out, d, &step_keys);
  mc_sim_render_files (svc, rec, out, &file_keys, rec->remote_id);
  g_string_append_c (out, '}');
}

/* Opaque to the client: base64 of "seq:N:E", E the cursor epoch that "expire_cursors" bumps. */
static char *
make_cursor (McSimService *svc,
             guint64       seq)
{
  g_autofree char *plain = g_strdup_printf ("seq:%" G_GUINT64_FORMAT ":%u", seq, svc->cursor_epoch);

  return g_base64_encode ((const guchar *) plain, strlen (plain));
}

static gboolean
read_cursor (const char *cursor,
             guint64    *out_seq,
             guint      *out_epoch)
{
  gsize len;
  g_autofree guchar *plain = g_base64_decode (cursor, &len);
  g_autofree char *text = g_strndup ((const char *) plain, len);
  char *end = NULL;

  if (!g_str_has_prefix (text, "seq:"))
    return FALSE;
  *out_seq = g_ascii_strtoull (text + 4, &end, 10);
  if (end == text + 4 || *end != ':')
    return FALSE;
  *out_epoch = (guint) g_ascii_strtoull (end + 1, &end, 10);
  return *end == '\0';
}

static void
render_page_with (GString    *out,
                  const char *items,
                  const char *next_cursor,
                  gboolean    has_more)
{
  g_string_append_printf (out, "{\"items\":[%s],\"next_cursor\":\"%s\",\"has_more\":%s}", items, next_cursor,
                          has_more ? "true" : "false");
}

static void
render_page (McSimService *svc,
             GString      *out,
             const char   *items,
             guint         n_items,
             guint         total,
             guint         page)
{
  g_autofree char *cursor = make_cursor (svc, svc->seq);

  render_page_with (out, items, cursor, n_items < total);
}

#define ERROR(answer, status, code, message) \
  mc_sim_answer_json ((answer), (status), "{\"error\":\"%s\",\"message\":\"%s\"}", (code), (message))

/* Every write carries its key in Idempotency-Key; this is the answer to one without. */
static const char missing_key[] = "{\"error\":\"missing_idempotency_key\",\"message\":\"Idempotency-Key is required\"}";

/* The write's If-Match against the dossier's etag: TRUE when it may go on; else @answer is a
 * 412 (the dossier changed since), or a 428 where If-Match is @required and missing (an
 * action; an upload without it is answered as stale). */
static gboolean
etag_matches (McSimRecord       *rec,
              SoupServerMessage *msg,
              gboolean           required,
              McSimAnswer       *answer)
{
  const char *match = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "If-Match");
  g_autofree char *etag = etag_of (rec);

  if (match == NULL && required)
    ERROR (answer, 428, "precondition_required", "If-Match is required");
  else if (g_strcmp0 (match, etag) != 0)
    ERROR (answer, 412, "precondition_failed", "The dossier has changed since this etag");
  else
    return TRUE;
  return FALSE;
}

static void
sessions (McSimService      *svc,
          SoupServerMessage *msg,
          McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  g_autofree char *token = NULL;
  g_autofree char *expires = NULL;

  if (body == NULL || mc_sim_object_string (body, "username") == NULL
      || g_strcmp0 (mc_sim_object_string (body, "password"), mc_sim_password (svc->sim)) != 0)
    {
      ERROR (answer, 401, "invalid_credentials", "Wrong user name or password");
      return;
    }
  token = mc_sim_new_session (svc);
  expires = mc_wire_time_format (MC_WIRE_TIME_ISO8601, mc_sim_now (svc->sim) + svc->faults.token_ttl);
  mc_sim_answer_json (answer, 201, "{\"token\":\"%s\",\"expires_at\":\"%s\"}", token, expires);
}

static void
pull (McSimService *svc,
      GHashTable   *query,
      McSimAnswer  *answer)
{
  const char *cursor = mc_sim_query (query, "cursor");
  const char *code = mc_sim_query (query, "code");
  guint limit = mc_sim_query_uint (query, "limit", 100);
  guint64 since = 0, last = 0;
  guint epoch = 0;
  g_autoptr(GString) items = g_string_new (NULL);
  g_autofree char *next = NULL;
  GSequenceIter *it;
  McSimCorrupt corrupt;

  if (g_strcmp0 (mc_sim_query (query, "unit"), MC_SIM_UNIT_CODE) != 0)
    {
      ERROR (answer, 403, "unknown_unit", "Unknown unit code");
      return;
    }
  if (code != NULL)
    {
      /* ?code=MaHoSo: the look-up of one dossier by its number. */
      McSimRecord *rec = mc_sim_service_lookup (svc, code);

      if (rec != NULL && !rec->deleted)
        mc_sim_service_render (svc, rec, items, MC_SIM_CORRUPT_NONE);
      answer->status = 200;
      render_page_with (answer->body, items->str, "", FALSE);
      return;
    }
  if (limit < 1 || limit > 1000)
    {
      ERROR (answer, 400, "invalid_limit", "limit must be between 1 and 1000");
      return;
    }
  if (cursor != NULL && *cursor != '\0')
    {
      if (!read_cursor (cursor, &since, &epoch))
        {
          ERROR (answer, 400, "invalid_cursor", "Malformed cursor");
          return;
        }
      if (epoch != svc->cursor_epoch)
        {
          ERROR (answer, 410, "cursor_expired", "The cursor has expired; start a full sync");
          return;
        }
    }
  corrupt = mc_sim_begin_page (svc, answer);
  it = mc_sim_render_changes (svc, mc_sim_service_first_after_seq (svc, since), since, limit, corrupt, items, &last);
  next = make_cursor (svc, last);
  answer->status = 200;
  render_page_with (answer->body, items->str, next, !g_sequence_iter_is_end (it));
}

static void
action (McSimService      *svc,
        SoupServerMessage *msg,
        McSimRecord       *rec,
        McSimAnswer       *answer)
{
  const char *key = mc_sim_header_key (svc, msg, "Idempotency-Key", missing_key, answer);
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  McAction act = mc_action_from_id (mc_sim_object_string (body, "type"));

  if (key == NULL)
    return;
  if (etag_matches (rec, msg, TRUE, answer))
    {
      if (act == MC_ACTION_INVALID || !mc_transition_allowed (rec->dossier->status, act))
        ERROR (answer, 422, "invalid_transition", "This action is not allowed in the dossier's status");
      else if (mc_sim_note_too_long (mc_sim_object_string (body, "note")))
        ERROR (answer, 422, "note_too_long", "The note is longer than 1000 characters");
      else
        {
          g_autofree char *counted = mc_sim_counted_key (svc, key);

          mc_sim_apply_status (svc, rec, mc_transition_target (rec->dossier->status, act),
                               mc_sim_object_string (body, "actor"), mc_sim_object_string (body, "note"), counted);
          mc_sim_answer_item (svc, rec, answer, 200, "", "");
          answer->committed = TRUE;
        }
    }
}

/* POST /v1/dossiers: a dossier received at the counter; the system gives its number and id. */
static void
create (McSimService      *svc,
        SoupServerMessage *msg,
        McSimAnswer       *answer)
{
  const char *key = mc_sim_header_key (svc, msg, "Idempotency-Key", missing_key, answer);
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  JsonObject *applicant = mc_sim_object_object (body, "applicant");

  if (key == NULL)
    return;
  if (!mc_sim_receipt_complete (body, applicant, &receipt_keys))
    ERROR (answer, 422, "invalid_dossier", "procedureCode and applicant.name are required");
  else if (mc_sim_note_too_long (mc_sim_object_string (body, "note")))
    ERROR (answer, 422, "note_too_long", "The note is longer than 1000 characters");
  else
    {
      g_autofree char *counted = mc_sim_counted_key (svc, key);
      McSimRecord *rec = mc_sim_create_from_receipt (svc, body, applicant, &receipt_keys,
                                                     mc_sim_next_number (svc, "G16"), counted);

      mc_sim_answer_item (svc, rec, answer, 201, "", "");
      answer->committed = TRUE;
    }
}

/* POST /v1/dossiers/{id}/files: the raw body, its name in Content-Disposition (filename*),
 * X-File-Kind, X-Component-Code, Idempotency-Key and If-Match. */
static void
upload (McSimService      *svc,
        SoupServerMessage *msg,
        McSimRecord       *rec,
        McSimAnswer       *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *key = mc_sim_header_key (svc, msg, "Idempotency-Key", missing_key, answer);
  const char *kind = soup_message_headers_get_one (headers, "X-File-Kind");
  g_autoptr(GHashTable) params = NULL;
  g_autoptr(GBytes) content = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  const char *name = NULL;
  McFileKind file_kind = MC_FILE_COMPONENT;

  if (key == NULL)
    return;
  if (soup_message_headers_get_content_disposition (headers, NULL, &params))
    name = g_hash_table_lookup (params, "filename");
  if (name == NULL || *name == '\0')
    ERROR (answer, 422, "invalid_file", "Content-Disposition must name the file");
  else if (!mc_sim_file_kind (&file_keys, kind, &file_kind))
    ERROR (answer, 422, "invalid_file", "X-File-Kind must be component or result");
  else if (etag_matches (rec, msg, FALSE, answer))
    {
      if (g_bytes_get_size (content) > mc_sim_file_limit (svc))
        ERROR (answer, 413, "payload_too_large", "A file may not exceed 10 MB");
      else
        {
          g_autofree char *counted = mc_sim_counted_key (svc, key);
          McFile *f = mc_sim_add_file (svc, rec, file_kind, name,
                                       soup_message_headers_get_one (headers, "X-Component-Code"), content, FALSE,
                                       NULL, NULL, counted);
          g_autofree char *etag = etag_of (rec);  /* the dossier's new one */

          mc_sim_answer_json (answer, 201, "{\"id\":\"%s\",\"sha256\":\"%s\"", f->remote_id,
                              f->hash + strlen ("sha256:"));
          mc_sim_json_member (answer->body, "etag", etag);
          g_string_append_c (answer->body, '}');
          answer->committed = TRUE;
        }
    }
}

static void
handle (McSimService      *svc,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        McSimAnswer       *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;
  McSimRecord *rec;

  if (g_strcmp0 (soup_message_headers_get_one (headers, "X-Api-Key"), MC_SIM_DEFAULT_API_KEY) != 0)
    {
      ERROR (answer, 401, "invalid_api_key", "Missing or unknown X-Api-Key");
      return;
    }
  if (g_str_equal (path, "/v1/sessions") && g_str_equal (method, "POST"))
    {
      sessions (svc, msg, answer);
      return;
    }
  if (!mc_sim_bearer_ok (svc, msg))
    {
      ERROR (answer, 401, "invalid_token", "The session has expired or is unknown");
      return;
    }
  parts = g_strsplit (path + 1, "/", -1);  /* v1, dossiers, id, actions */
  if (g_str_equal (path, "/v1/dossiers") && g_str_equal (method, "GET"))
    pull (svc, query, answer);
  else if (g_str_equal (path, "/v1/dossiers") && g_str_equal (method, "POST"))
    create (svc, msg, answer);
  else if (g_strv_length (parts) >= 3 && g_str_equal (parts[1], "dossiers"))
    {
      rec = g_hash_table_lookup (svc->by_remote_id, parts[2]);
      if (rec == NULL || rec->deleted)
        ERROR (answer, 404, "not_found", "No such dossier");
      else if (parts[3] == NULL && g_str_equal (method, "GET"))
        mc_sim_answer_item (svc, rec, answer, 200, "", "");
      else if (g_strcmp0 (parts[3], "actions") == 0 && g_str_equal (method, "POST"))
        action (svc, msg, rec, answer);
      else if (g_strcmp0 (parts[3], "files") == 0 && parts[4] == NULL && g_str_equal (method, "POST"))
        upload (svc, msg, rec, answer);
      else if (g_strcmp0 (parts[3], "files") == 0 && parts[4] != NULL && parts[5] == NULL
               && g_str_equal (method, "GET"))
        {
          g_autofree char *id = g_uri_unescape_string (parts[4], NULL);

          if (!mc_sim_answer_file (svc, rec, id, NULL, answer))
            ERROR (answer, 404, "not_found", "No such file");
        }
      else
        ERROR (answer, 404, "not_found", "No such resource");
    }
  else
    ERROR (answer, 404, "not_found", "No such resource");
}

const McSimDialectClass mc_sim_rest_class = {
  .name = "rest",
  .source_id = "g16",
  .time_format = MC_WIRE_TIME_ISO8601,
  .seq_order = TRUE,
  .handle = handle,
  .render_item = render_item,
  .render_page = render_page,
};
