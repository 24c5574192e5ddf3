/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connectors.h"
#include "mc-id.h"

/* G16 Văn hóa, Thể thao và Du lịch, dialect "rest": X-Api-Key for the application plus a user
 * session (Bearer), opaque cursors (410 when expired), tombstones {"id","deleted":true} that
 * name the server's own id, ISO 8601 dates with offsets, etags with If-Match, Idempotency-Key. */

struct _McConnectorRest
{
  GObject parent_instance;

  McConnectorBase base;
};

static const char *status_names[] = {
  [MC_STATUS_SUBMITTED] = "submitted", [MC_STATUS_RECEIVED] = "received",
  [MC_STATUS_REFUSED] = "refused", [MC_STATUS_PROCESSING] = "in_progress",
  [MC_STATUS_SUPPLEMENT_REQUESTED] = "supplement_requested", [MC_STATUS_FEE_REQUESTED] = "fee_requested",
  [MC_STATUS_WITHDRAWN] = "withdrawn", [MC_STATUS_STOPPED] = "stopped",
  [MC_STATUS_RESOLVED] = "resolved", [MC_STATUS_RETURNED] = "returned",
};
static const char *kind_names[] = {
  [MC_APPLICANT_CITIZEN] = "citizen", [MC_APPLICANT_ENTERPRISE] = "enterprise",
  [MC_APPLICANT_STATE_AGENCY] = "agency", [MC_APPLICANT_OTHER_ORGANIZATION] = "organization",
};
static const char *channel_names[] = {
  [MC_CHANNEL_IN_PERSON] = "in_person", [MC_CHANNEL_ONLINE] = "online", [MC_CHANNEL_POST] = "post",
};

/* The index of @name in @names, or 0 (no value of those enumerations). */
#define NAME_INDEX(names, name) MAX (MC_ID_FIND (names, name), 0)

static gboolean
is_api_key_error (McHttpReply *reply)
{
  gsize len;
  const char *data = g_bytes_get_data (reply->body, &len);

  return data && g_strstr_len (data, len, "invalid_api_key") != NULL;
}

static gboolean
sign_in (McConnector   *connector,
         GCancellable  *cancellable,
         GError       **error)
{
  McConnectorRest *self = MC_CONNECTOR_REST (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *body = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { base, -1 };
  const char *headers[] = { "X-Api-Key", mc_connector_secret (base, "api-key"), NULL };
  const McJson *answer;

  g_clear_pointer (&base->session, g_free);
  body = mc_json_credentials (base);
  reply = mc_http_send (base->http, "POST", "/v1/sessions", "application/json", body, -1, headers, cancellable, error);
  memset (body, 0, strlen (body));
  if (reply == NULL)
    return FALSE;
  if (reply->status == 401 || reply->status == 403)
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, is_api_key_error (reply)
                          ? _("the application key was refused") : _("the user name or password was refused"));
      return FALSE;
    }
  if (!mc_connector_check_status (base, reply, error))
    return FALSE;
  if ((answer = mc_parse_body (&p, reply->body, &doc)))
    {
      base->session = mc_parse_string (&p, answer, "token", TRUE);
      mc_parse_time (&p, answer, "expires_at", MC_WIRE_TIME_ISO8601, FALSE);
    }
  if (!mc_parse_check (&p, error))
    return FALSE;
  mc_connector_keep_session (base, MC_SECRET_ACCESS_TOKEN, base->session);
  return TRUE;
}

/* A 401 that names the application key is not about the session: signing in again would not
 * mend it. */
static McSessionCheck
check_session (McConnectorBase  *base,
               McHttpReply      *reply,
               GError          **error)
{
  if (reply->status != 401)
    return MC_SESSION_VALID;
  if (!is_api_key_error (reply))
    return MC_SESSION_EXPIRED;
  mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the application key was refused"));
  return MC_SESSION_FAILED;
}

static const McSessionRules session_rules = {
  .kind = MC_SECRET_ACCESS_TOKEN, .header = "Authorization", .prefix = "Bearer ", .check = check_session,
};

/* @extra: more headers (name, value, …, NULL) for a body of @content_type. */
static McHttpReply *
call_with (McConnectorRest     *self,
           const char          *method,
           const char          *path,
           const char          *content_type,
           const char          *body,
           gssize               body_len,
           const char          *if_match,
           const char          *key,
           const char * const  *extra,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(GPtrArray) headers = g_ptr_array_new ();

  g_ptr_array_add (headers, (gpointer) "X-Api-Key");
  g_ptr_array_add (headers, (gpointer) mc_connector_secret (&self->base, "api-key"));
  if (if_match != NULL)
    {
      g_ptr_array_add (headers, (gpointer) "If-Match");
      g_ptr_array_add (headers, (gpointer) if_match);
    }
  if (key != NULL)
    {
      g_ptr_array_add (headers, (gpointer) "Idempotency-Key");
      g_ptr_array_add (headers, (gpointer) key);
    }
  for (guint i = 0; extra && extra[i]; i++)
    g_ptr_array_add (headers, (gpointer) extra[i]);
  g_ptr_array_add (headers, NULL);
  return mc_connector_send (MC_CONNECTOR (self), &session_rules, method, path, content_type, body, body_len,
                            (const char * const *) headers->pdata, cancellable, error);
}

static McHttpReply *
call (McConnectorRest  *self,
      const char       *method,
      const char       *path,
      const char       *body,
      const char       *if_match,
      const char       *key,
      GCancellable     *cancellable,
      GError          **error)
{
  return call_with (self, method, path, body ? "application/json" : NULL, body, -1, if_match, key, NULL,
                    cancellable, error);
}

/* The names this dialect gives the documents, fees, supplements and results of a dossier. */
static const McChildKeys child_keys = {
  .documents = "documents",
  .document_name = "name",
  .document_copy = "copy",
  .document_count = "count",
  .fees = "fees",
  .fee_name = "name",
  .fee_amount = "amountVnd",
  .fee_paid = "paid",
  .supplements = "supplements",
  .supplement_items = "items",
  .supplement_requested = "requestedAt",
  .supplement_received = "receivedAt",
  .results = "results",
  .result_name = "name",
  .result_number = "number",
  .result_issued = "issuedAt",
  .document_digitised = "digitized",
  .document_reused = "reused",
  .document_from_store = "fromCitizenStore",
  .result_code = "code",
  .files = "files",
  .file_id = "id",
  .file_name = "name",
  .file_kind = "kind",
  .file_component = "componentCode",
  .file_size = "size",
  .file_hash = "sha256",
  .file_hash_algo = "sha256",
  .file_path = "href",
  .file_result = "result",
};

static const McStepKeys step_keys = {
  .list = "history",
  .at = "at",
  .actor = "actor",
  .unit = "unit",
  .action = "action",
  .note = "note",
  .status = "status",
  .status_names = status_names,
  .n_status = G_N_ELEMENTS (status_names),
};

/* payment {status, method} (data/api/README.md). */
static McPaymentState
payment_from_rest (McParse      *p,
                   const McJson *o)
{
  const McJson *payment = mc_parse_object (p, o, "payment", FALSE);
  g_autofree char *status = payment ? mc_parse_string (p, payment, "status", TRUE) : NULL;
  g_autofree char *method = payment ? mc_parse_string (p, payment, "method", FALSE) : NULL;
  McPaymentState state;

  if (status == NULL)
    return MC_PAYMENT_UNKNOWN;
  if (g_str_equal (status, "paid"))
    return g_strcmp0 (method, "portal") == 0 ? MC_PAYMENT_PAID_ONLINE_PORTAL
         : g_strcmp0 (method, "gateway") == 0 ? MC_PAYMENT_PAID_ONLINE_LOCAL : MC_PAYMENT_PAID_COUNTER;
  return mc_payment_state_from_id (status, &state) ? state : MC_PAYMENT_UNKNOWN;
}

/* satisfaction: null = not rated; absent = the system keeps no ratings. */
static McSatisfaction
satisfaction_from_rest (McParse      *p,
                        const McJson *o)
{
  const McJson *node = mc_json_member (o, "satisfaction");
  g_autofree char *text = NULL;
  McSatisfaction s;

  if (node == NULL)
    return MC_SATISFACTION_UNKNOWN;
  if (mc_json_type (node) == MC_JSON_NULL)
    return MC_SATISFACTION_NOT_RATED;
  text = mc_parse_string (p, o, "satisfaction", FALSE);
  return mc_satisfaction_from_id (text, &s) ? s : MC_SATISFACTION_UNKNOWN;
}

static McDossier *
item (McParse    *p,
      const McJson *o)
{
  g_autoptr(McDossier) d = mc_dossier_new ();
  g_autofree char *status = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *channel = NULL;
  g_autofree char *return_method = NULL;
  const McJson *applicant;

  d->source_id = g_strdup (p->base->source->id);
  d->number = mc_parse_string (p, o, "code", TRUE);
  d->procedure_code = mc_parse_string (p, o, "procedureCode", TRUE);
  d->procedure_name = mc_parse_string (p, o, "procedureName", FALSE);
  d->field_code = mc_parse_string (p, o, "fieldCode", FALSE);
  applicant = mc_parse_object (p, o, "applicant", TRUE);
  d->applicant_name = mc_parse_string (p, applicant, "name", TRUE);
  d->id_number = mc_parse_string (p, applicant, "idNumber", FALSE);
  d->phone = mc_parse_string (p, applicant, "phone", FALSE);
  d->address = mc_parse_string (p, applicant, "address", FALSE);
  kind = mc_parse_string (p, applicant, "kind", FALSE);
  channel = mc_parse_string (p, o, "channel", FALSE);
  return_method = mc_parse_string (p, o, "returnMethod", FALSE);
  status = mc_parse_string (p, o, "status", TRUE);
  d->submitted_at = mc_parse_time (p, o, "submittedAt", MC_WIRE_TIME_ISO8601, FALSE);
  d->received_at = mc_parse_time (p, o, "receivedAt", MC_WIRE_TIME_ISO8601, FALSE);
  d->due_at = mc_parse_time (p, o, "dueAt", MC_WIRE_TIME_ISO8601, FALSE);
  d->finished_at = mc_parse_time (p, o, "finishedAt", MC_WIRE_TIME_ISO8601, FALSE);
  d->returned_at = mc_parse_time (p, o, "returnedAt", MC_WIRE_TIME_ISO8601, FALSE);
  d->server_version = mc_parse_string (p, o, "etag", TRUE);
  if (p->error == NULL && !(d->status = NAME_INDEX (status_names, status)))
    mc_parse_fail (p, _("unknown status “%s”"), status);
  d->applicant_kind = kind ? NAME_INDEX (kind_names, kind) : MC_APPLICANT_CITIZEN;
  if (p->error == NULL && d->applicant_kind == 0)
    mc_parse_fail (p, _("unknown applicant kind “%s”"), kind);
  d->channel = channel ? NAME_INDEX (channel_names, channel) : MC_CHANNEL_IN_PERSON;
  d->return_method = return_method ? NAME_INDEX (channel_names, return_method) : (int) d->channel;
  if (p->error == NULL && (d->channel == 0 || d->return_method == 0))
    mc_parse_fail (p, _("unknown channel “%s”"), d->channel == 0 ? channel : return_method);

  mc_parse_children (p, o, &child_keys, MC_WIRE_TIME_ISO8601, d);
  d->payment = payment_from_rest (p, o);
  d->satisfaction = satisfaction_from_rest (p, o);
  d->citizen_data = mc_parse_flag (p, o, "identityVerified");
  d->reused = mc_parse_flag (p, o, "reusesDigitizedData");
  mc_parse_history (p, o, &step_keys, MC_WIRE_TIME_ISO8601, d);
  return p->error == NULL ? g_steal_pointer (&d) : NULL;
}

/* {"items","next_cursor","has_more"}; a deleted item is a tombstone under the system's id. */
static gboolean
read_dossiers (McParse       *p,
               const McJson  *root,
               const char    *cursor,
               McPullPage    *page,
               GError       **error)
{
  const McJson *items = mc_parse_array (p, root, "items", TRUE);

  page->tombstones_by_remote_id = TRUE;
  page->cursor = mc_parse_string (p, root, "next_cursor", FALSE);
  page->more = mc_parse_bool (p, root, "has_more");
  for (guint i = 0; items && p->error == NULL && i < mc_json_length (items); i++)
    {
      const McJson *o = mc_parse_item (p, items, i);
      g_autofree char *id = NULL;
      McDossier *d;

      if (o == NULL)
        break;
      if (mc_parse_tombstone (p, o, page, &id))
        continue;
      if (!(d = item (p, o)))
        break;
      g_ptr_array_add (page->dossiers, d);
      g_ptr_array_add (page->remote_ids, g_steal_pointer (&id));
    }
  /* An empty cursor would restart from the beginning: keep the one we had. */
  if (page->cursor == NULL || *page->cursor == '\0')
    {
      g_free (page->cursor);
      page->cursor = g_strdup (cursor);
    }
  return TRUE;
}

static McHttpReply *
get_dossiers (McConnector   *connector,
              const char    *cursor,
              GCancellable  *cancellable,
              GError       **error)
{
  McConnectorBase *base = &MC_CONNECTOR_REST (connector)->base;
  g_autofree char *limit = g_strdup_printf ("%u", base->page_size);
  g_autofree char *form = cursor ? soup_form_encode ("unit", base->source->unit_code, "cursor", cursor, "limit", limit, NULL)
                                 : soup_form_encode ("unit", base->source->unit_code, "limit", limit, NULL);
  g_autofree char *path = g_strdup_printf ("/v1/dossiers?%s", form);

  return call (MC_CONNECTOR_REST (connector), "GET", path, NULL, NULL, NULL, cancellable, error);
}

/* 403 "unknown_unit": the unit code, not the account, is what the system refuses. */
static void
refuse_dossiers (McConnectorBase  *base,
                 McHttpReply      *reply,
                 GError          **error)
{
  gsize len;
  const char *data = g_bytes_get_data (reply->body, &len);
  McSyncError kind = reply->status == 403 && data && g_strstr_len (data, len, "\"unknown_unit\"")
    ? MC_SYNC_ERROR_UNIT_UNKNOWN : reply->status == 403 ? MC_SYNC_ERROR_AUTH : MC_SYNC_ERROR_SERVER;

  mc_connector_json_refusal (base, error, kind, reply, "message");
}

static McDossier *
find (McConnectorRest  *self,
      const char       *number,
      char            **out_id,
      GCancellable     *cancellable,
      GError          **error)
{
  McConnectorBase *base = &self->base;
  g_autofree char *cursor = NULL;

  /* "code" is no parameter of the page: a back-end may ignore it and list from the start. The
   * item whose code is @number counts, on this page or on the ones after it (until a last or
   * an empty page, or a cursor that does not move). */
  for (;;)
    {
      g_autofree char *form = soup_form_encode ("unit", base->source->unit_code, "code", number,
                                                cursor ? "cursor" : NULL, cursor, NULL);
      g_autofree char *path = g_strdup_printf ("/v1/dossiers?%s", form);
      g_autoptr(McHttpReply) reply = call (self, "GET", path, NULL, NULL, NULL, cancellable, error);
      g_autoptr(McPullPage) page = NULL;

      if (reply == NULL || !mc_connector_check_status (base, reply, error))
        return NULL;
      if (!(page = mc_parse_page (MC_CONNECTOR (self), cursor, reply->body, read_dossiers, error)))
        return NULL;
      for (guint i = 0; i < page->dossiers->len; i++)
        if (g_strcmp0 (((McDossier *) g_ptr_array_index (page->dossiers, i))->number, number) == 0)
          {
            if (out_id)
              *out_id = g_strdup (g_ptr_array_index (page->remote_ids, i));
            return mc_dossier_ref (g_ptr_array_index (page->dossiers, i));
          }
      if (!page->more || page->dossiers->len + page->tombstones->len == 0 || g_strcmp0 (page->cursor, cursor) == 0)
        break;
      g_free (cursor);
      cursor = g_strdup (page->cursor);
    }
  mc_connector_error (base, error, MC_SYNC_ERROR_NOT_FOUND, _("no dossier “%s”"), number);
  return NULL;
}

static McDossier *
lookup (McConnector   *connector,
        const char    *number,
        GCancellable  *cancellable,
        GError       **error)
{
  return find (MC_CONNECTOR_REST (connector), number, NULL, cancellable, error);
}

/* Checks the reply to an action: 412 is a conflict; 429, 5xx and 404 are judged as every reply
 * is; any other status but 2xx (403, 409, 422, …) is refused for good, with the system's
 * message: an action is applied only when the system says so. */
static gboolean
check_action_reply (McConnectorBase  *base,
                    McHttpReply      *reply,
                    GError          **error)
{
  if (reply->status != 412 && !mc_connector_check_status (base, reply, error))
    return FALSE;
  if (SOUP_STATUS_IS_SUCCESSFUL (reply->status))
    return TRUE;
  mc_connector_json_refusal (base, error, reply->status == 412 ? MC_SYNC_ERROR_CONFLICT : MC_SYNC_ERROR_REJECTED,
                             reply, "message");
  return FALSE;
}

/* POST /v1/dossiers with the Idempotency-Key: the system gives the number (code) and the id. */
static gboolean
create (McConnectorRest      *self,
        const McPushRequest  *request,
        McPushResult         *result,
        GCancellable         *cancellable,
        GError              **error)
{
  McConnectorBase *base = &self->base;
  const McDossier *d = request->create;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McDossier) created = NULL;
  g_autofree char *body = NULL;
  McParse p = { base, -1 };
  const McJson *answer;

  json_builder_begin_object (b);
  mc_json_member_string (b, "procedureCode", d->procedure_code);
  mc_json_member_string (b, "procedureName", d->procedure_name);
  mc_json_member_string (b, "fieldCode", d->field_code);
  json_builder_set_member_name (b, "applicant");
  json_builder_begin_object (b);
  mc_json_member_string (b, "name", d->applicant_name);
  mc_json_member_string (b, "idNumber", d->id_number);
  mc_json_member_string (b, "phone", d->phone);
  mc_json_member_string (b, "address", d->address);
  mc_json_member_string (b, "kind", kind_names[CLAMP (d->applicant_kind, 1, 4)]);
  json_builder_end_object (b);
  mc_json_member_string (b, "channel", channel_names[CLAMP (d->channel, 1, 3)]);
  mc_json_member_string (b, "returnMethod", channel_names[CLAMP (d->return_method, 1, 3)]);
  mc_json_member_time (b, "submittedAt", d->submitted_at, MC_WIRE_TIME_ISO8601);
  mc_json_member_time (b, "receivedAt", d->received_at, MC_WIRE_TIME_ISO8601);
  mc_json_member_time (b, "dueAt", d->due_at, MC_WIRE_TIME_ISO8601);
  mc_json_member_documents (b, "documents", d, "name", "copy", "count", MC_JSON_NATIVE);
  mc_json_member_fees (b, "fees", d, "name", "amountVnd", "paid", MC_JSON_NATIVE);
  mc_json_member_string (b, "note", request->note ? request->note : "");
  mc_json_member_string (b, "actor", request->actor ? request->actor : "");
  json_builder_end_object (b);
  body = mc_json_text (b);

  if (!(reply = call (self, "POST", "/v1/dossiers", body, NULL, request->uuid, cancellable, error)))
    return FALSE;
  if (!check_action_reply (base, reply, error))
    return FALSE;
  if ((answer = mc_parse_body (&p, reply->body, &doc)) && (created = item (&p, answer)))
    {
      result->number = g_strdup (created->number);
      result->server_version = g_strdup (created->server_version);
    }
  return mc_parse_check (&p, error);
}

static gboolean
push (McConnector          *connector,
      const McPushRequest  *request,
      McPushResult         *result,
      GCancellable         *cancellable,
      GError              **error)
{
  McConnectorRest *self = MC_CONNECTOR_REST (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *id = g_strdup (request->remote_id);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autofree char *body = NULL;
  g_autofree char *path = NULL;
  McParse p = { base, -1 };
  const McJson *answer;

  if (request->create != NULL)
    return create (self, request, result, cancellable, error);
  if (id == NULL)
    {
      g_autoptr(McDossier) d = find (self, request->number, &id, cancellable, error);

      if (d == NULL)
        return FALSE;
    }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "type");
  json_builder_add_string_value (b, mc_action_id (request->action));
  json_builder_set_member_name (b, "note");
  json_builder_add_string_value (b, request->note ? request->note : "");
  json_builder_set_member_name (b, "actor");
  json_builder_add_string_value (b, request->actor ? request->actor : "");
  json_builder_end_object (b);
  body = mc_json_text (b);
  path = g_strdup_printf ("/v1/dossiers/%s/actions", id);

  if (!(reply = call (self, "POST", path, body, request->base_version, request->uuid, cancellable, error)))
    return FALSE;
  if (!check_action_reply (base, reply, error))
    return FALSE;
  /* 204 or a body without the etag: applied all the same; the ETag header, else the next pull,
   * gives the version (kept as sent, W/ and quotes included, as etags are everywhere). */
  if (g_bytes_get_size (reply->body) > 0 && (answer = mc_parse_body (&p, reply->body, &doc)))
    result->server_version = mc_parse_string (&p, answer, "etag", FALSE);
  if (result->server_version == NULL)
    result->server_version = g_strdup (soup_message_headers_get_one (reply->headers, "ETag"));
  return mc_parse_check (&p, error);
}

/* POST /v1/dossiers/{id}/files with the raw body, its name in Content-Disposition (RFC 5987),
 * X-File-Kind, X-Component-Code, Idempotency-Key and If-Match. */
static gboolean
upload (McConnector            *connector,
        const McUploadRequest  *request,
        McUploadResult         *result,
        GCancellable           *cancellable,
        GError                **error)
{
  McConnectorRest *self = MC_CONNECTOR_REST (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *id = g_strdup (request->remote_id);
  g_autoptr(McDossier) now = NULL;
  g_autofree char *escaped = g_uri_escape_string (request->name, NULL, FALSE);
  g_autofree char *disposition = g_strdup_printf ("attachment; filename*=UTF-8''%s", escaped);
  const char *extra[] = {
    "Content-Disposition", disposition,
    "X-File-Kind", request->kind == MC_FILE_RESULT ? "result" : "component",
    "X-Component-Code", request->component ? request->component : "",
    NULL,
  };
  g_autofree char *path = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { base, -1 };
  const McJson *answer;

  /* If-Match: the version the file was queued on, like any action (a repeat under the key
   * is answered before the version is compared). */
  if (id == NULL || request->base_version == NULL)
    {
      g_clear_pointer (&id, g_free);
      if (!(now = find (self, request->number, &id, cancellable, error)))
        return FALSE;
    }
  path = g_strdup_printf ("/v1/dossiers/%s/files", id);
  if (!(reply = call_with (self, "POST", path, request->content_type, g_bytes_get_data (request->content, NULL),
                           g_bytes_get_size (request->content), request->base_version ? request->base_version
                           : now->server_version, request->uuid, extra, cancellable, error)))
    return FALSE;
  if (reply->status == 413)
    {
      mc_connector_json_refusal (base, error, MC_SYNC_ERROR_REJECTED, reply, "message");
      return FALSE;
    }
  if (!check_action_reply (base, reply, error))
    return FALSE;
  if ((answer = mc_parse_body (&p, reply->body, &doc)))
    {
      result->remote_id = mc_parse_string (&p, answer, "id", TRUE);
      result->server_version = mc_parse_string (&p, answer, "etag", FALSE);
    }
  result->version_before = g_strdup (request->base_version ? request->base_version : now->server_version);
  if (result->remote_id != NULL)
    {
      g_autofree char *file = g_uri_escape_string (result->remote_id, NULL, FALSE);

      result->remote_path = g_strdup_printf ("/v1/dossiers/%s/files/%s", id, file);
    }
  return mc_parse_check (&p, error);
}

/* GET {href} with the key and the session. */
static GBytes *
download (McConnector   *connector,
          const McFile  *file,
          GCancellable  *cancellable,
          GError       **error)
{
  McConnectorRest *self = MC_CONNECTOR_REST (connector);
  g_autoptr(McHttpReply) reply = call (self, "GET", file->remote_path, NULL, NULL, NULL, cancellable, error);

  if (reply == NULL || !check_action_reply (&self->base, reply, error))
    return NULL;
  return mc_connector_file_body (&self->base, reply, "message", error);
}

MC_CONNECTOR_DEFINE_DIALECT (McConnectorRest, mc_connector_rest,
                             .read = read_dossiers, .cursor = get_dossiers, .refuse = refuse_dossiers)
