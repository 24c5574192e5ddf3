/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connectors.h"

/* G03 Giáo dục và Đào tạo, dialect "dvcqg": the national portal's service envelope. Every call
 * is POST /integration with the session in the body; errors come with HTTP 200 and a non-"00"
 * error_code, "-401" meaning the session expired (sign in again once). No version and no
 * idempotency key: the version kept locally stands for one (mc_connector_history_version()),
 * the list is read by a time window (mc_window_pull(): items need no update time), and an
 * action carries a reference at the end of NoiDungXuLy, which the system keeps as sent in the
 * step's QuaTrinhXuLy, so that TraCuuHoSo can tell whether it was applied. The push side looks
 * the dossier up before and after an action (mc-sync-push.c): this file only sends. */

struct _McConnectorDvcqg
{
  GObject parent_instance;

  McConnectorBase base;
};

static gboolean
sign_in (McConnector   *connector,
         GCancellable  *cancellable,
         GError       **error)
{
  McConnectorDvcqg *self = MC_CONNECTOR_DVCQG (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *body = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  g_autofree char *code = NULL;
  McParse p = { base, -1 };
  const char *headers[] = { "dstcode", base->source->unit_code, NULL };
  const McJson *root;

  g_clear_pointer (&base->session, g_free);
  body = mc_json_credentials (base);
  reply = mc_http_send (base->http, "POST", "/auth", "application/json", body, -1, headers, cancellable, error);
  memset (body, 0, strlen (body));
  if (reply == NULL || !mc_connector_check_status (base, reply, error))
    return FALSE;
  if (!(root = mc_parse_body (&p, reply->body, &doc)))
    return mc_parse_check (&p, error);
  code = mc_parse_string (&p, root, "error_code", TRUE);
  if (p.error == NULL && !g_str_equal (code, "0") && !g_str_equal (code, "00"))
    {
      g_autofree char *message = mc_parse_string (&p, root, "message", FALSE);

      /* "1" is wrong credentials; any other code a failure of the server, tried again later
       * ("-2", the simulator's unknown dstcode, says which: data/api/README.md). */
      if (g_str_equal (code, "1") && message != NULL)
        mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("sign-in refused: %s"), message);
      else if (g_str_equal (code, "1"))
        mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the user name or password was refused"));
      else
        mc_connector_refusal (base, error, g_str_equal (code, "-2") ? MC_SYNC_ERROR_UNIT_UNKNOWN : MC_SYNC_ERROR_SERVER,
                              reply->status, code, message);
      return FALSE;
    }
  base->session = mc_parse_string (&p, root, "session", TRUE);
  if (!mc_parse_check (&p, error))
    return FALSE;
  mc_connector_keep_session (base, MC_SECRET_ACCESS_TOKEN, base->session);
  return TRUE;
}

/* Sends @service with @params (members added to the envelope); the reply is not read yet. */
static McHttpReply *
send_service (McConnectorDvcqg  *self,
              const char        *service,
              JsonObject        *params,
              GCancellable      *cancellable,
              GError           **error)
{
  McConnectorBase *base = &self->base;
  const char *headers[] = { "dstcode", base->source->unit_code, NULL };
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *body = NULL;
  const char *session = mc_connector_session (MC_CONNECTOR (self), MC_SECRET_ACCESS_TOKEN, cancellable, error);
  McHttpReply *reply;
  GList *members;

  if (session == NULL)
    return NULL;
  json_object_set_string_member (envelope, "session", session);
  json_object_set_string_member (envelope, "madonvi", base->source->unit_code);
  json_object_set_string_member (envelope, "service", service);
  members = json_object_get_members (params);
  for (GList *l = members; l; l = l->next)
    json_object_set_member (envelope, l->data, json_node_copy (json_object_get_member (params, l->data)));
  g_list_free (members);
  node = json_node_init_object (json_node_alloc (), envelope);
  json_generator_set_root (gen, node);
  body = json_generator_to_data (gen, NULL);

  if (!(reply = mc_http_send (base->http, "POST", "/integration", "application/json", body, -1, headers,
                              cancellable, error)))
    return NULL;
  if (!mc_connector_check_status (base, reply, error))
    {
      mc_http_reply_free (reply);
      return NULL;
    }
  return reply;
}

/* Calls @service; returns the parsed reply whose error_code is "00". "-401" signs in again once. */
static const McJson *
call (McConnectorDvcqg  *self,
      const char        *service,
      JsonObject        *params,
      McJsonDoc        **out_doc,
      GCancellable      *cancellable,
      GError           **error)
{
  McConnectorBase *base = &self->base;

  for (int attempt = 0; attempt < 2; attempt++)
    {
      g_autoptr(McHttpReply) reply = NULL;
      g_autofree char *code = NULL;
      g_autofree char *message = NULL;
      g_autoptr(McJsonDoc) doc = NULL;
      McParse p = { base, -1 };
      const McJson *root;

      if (!(reply = send_service (self, service, params, cancellable, error)))
        return NULL;
      if (!(root = mc_parse_body (&p, reply->body, &doc)))
        {
          mc_parse_check (&p, error);
          return NULL;
        }
      code = mc_parse_string (&p, root, "error_code", TRUE);
      message = mc_parse_string (&p, root, "message", FALSE);
      if (!mc_parse_check (&p, error))
        return NULL;
      if (g_str_equal (code, "-401"))
        {
          g_clear_pointer (&base->session, g_free);
          continue;
        }
      if (!g_str_equal (code, "00"))
        {
          /* -4 "not found", -5 "invalid status" and -6 "exists" are answers about the action;
           * the rest are the system's failures. */
          McSyncError kind = g_str_equal (code, "-4") ? MC_SYNC_ERROR_NOT_FOUND
            : g_str_equal (code, "-2") ? MC_SYNC_ERROR_UNIT_UNKNOWN
            : g_str_equal (code, "-5") || g_str_equal (code, "-6") || g_str_equal (code, "-3") ? MC_SYNC_ERROR_REJECTED
            : MC_SYNC_ERROR_SERVER;

          mc_connector_refusal (base, error, kind, reply->status, code, message);
          return NULL;
        }
      *out_doc = g_steal_pointer (&doc);
      return root;
    }
  mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the session is refused even after signing in again"));
  return NULL;
}

static McDossier *
item (McParse      *p,
      const McJson *o,
      gint64       *out_updated)
{
  McDossier *d = mc_connector_national_item (p, o, MC_WIRE_TIME_DVCQG, TRUE, p->base->source->id, out_updated);

  if (d != NULL)
    mc_connector_history_version (d);
  return d;
}

/* {"error_code","message","result":[…]}: a non-"00" code is the system's error ("-401": the
 * session expired; the caller signs in again). */
static const McJson *
result_of (McParse       *p,
           const McJson  *root,
           GError       **error)
{
  g_autofree char *code = mc_parse_string (p, root, "error_code", TRUE);

  if (code != NULL && !g_str_equal (code, "00"))
    {
      g_autofree char *message = mc_parse_string (p, root, "message", FALSE);

      mc_parse_check (p, NULL);
      mc_connector_refusal (p->base, error, g_str_equal (code, "-401") ? MC_SYNC_ERROR_AUTH : MC_SYNC_ERROR_SERVER,
                            0, code, message);
      return NULL;
    }
  return mc_parse_array (p, root, "result", TRUE);
}

/* LayDanhSachHoSo's {"error_code","total","result":[…]} */
static gboolean
read_list (McParse       *p,
           const McJson  *root,
           const char    *cursor,
           McPullPage    *page,
           GError       **error)
{
  g_autoptr(GError) local = NULL;
  const McJson *items = result_of (p, root, &local);

  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  mc_parse_items (p, items, item, page);
  page->total = mc_parse_int (p, root, "total", FALSE, -1);
  return TRUE;
}

static McPullPage *
fetch (McConnector   *connector,
       gint64         since,
       guint          page_no,
       GCancellable  *cancellable,
       GError       **error)
{
  McConnectorDvcqg *self = MC_CONNECTOR_DVCQG (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *from = mc_connector_since (MC_WIRE_TIME_DVCQG, since);

  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(JsonObject) params = json_object_new ();
      g_autoptr(McHttpReply) reply = NULL;
      g_autoptr(GError) local = NULL;
      McPullPage *page;

      json_object_set_string_member (params, "TuNgay", from);
      json_object_set_int_member (params, "Trang", page_no);
      json_object_set_int_member (params, "SoBanGhi", base->page_size);
      if (!(reply = send_service (self, "LayDanhSachHoSo", params, cancellable, error)))
        return NULL;
      /* The page is parsed once: the envelope's error_code is read by read_list(). */
      if ((page = mc_parse_page (connector, NULL, reply->body, read_list, &local)))
        return page;
      if (!g_error_matches (local, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (attempt > 0)
        {
          mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the session is refused even after signing in again"));
          return NULL;
        }
      g_clear_pointer (&base->session, g_free);  /* "-401": sign in again once */
    }
}

static McDossier *
lookup (McConnector   *connector,
        const char    *number,
        GCancellable  *cancellable,
        GError       **error)
{
  McConnectorDvcqg *self = MC_CONNECTOR_DVCQG (connector);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  const McJson *root, *result, *o;
  McParse p = { &self->base, 0 };
  McDossier *d = NULL;
  gint64 updated;

  json_object_set_string_member (params, "MaHoSo", number);
  if (!(root = call (self, "TraCuuHoSo", params, &doc, cancellable, error)))
    return NULL;
  /* "00" with no dossier is the system saying it has none. */
  result = mc_parse_array (&p, root, "result", TRUE);
  if (result && mc_json_length (result) == 0)
    {
      mc_connector_error (&self->base, error, MC_SYNC_ERROR_NOT_FOUND, _("no dossier “%s”"), number);
      return NULL;
    }
  if (result && (o = mc_parse_element (&p, result, 0)))
    d = item (&p, o, &updated);
  if (!mc_parse_check (&p, error))
    g_clear_pointer (&d, mc_dossier_unref);
  return d;
}

/* DongBoHoSoMC under the number the client gives (mc_connector_client_number()): a repeat
 * is refused ("-6 đã tồn tại"), and a look-up settles a lost answer. */
static gboolean
create (McConnectorDvcqg     *self,
        const McPushRequest  *request,
        McPushResult         *result,
        GCancellable         *cancellable,
        GError              **error)
{
  g_autofree char *number = mc_connector_client_number (MC_CONNECTOR (self), request);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) data = NULL;
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(McJsonDoc) doc = NULL;

  json_builder_begin_array (b);
  json_builder_begin_object (b);
  mc_connector_national_body (b, request->create, number, MC_WIRE_TIME_DVCQG, TRUE);
  json_builder_set_member_name (b, "NguoiXuLy");
  json_builder_add_string_value (b, request->actor ? request->actor : "");
  json_builder_end_object (b);
  json_builder_end_array (b);
  data = json_builder_get_root (b);
  json_object_set_string_member (params, "isUpdating", "False");
  json_object_set_member (params, "data", g_steal_pointer (&data));
  if (!call (self, "DongBoHoSoMC", params, &doc, cancellable, error))
    return FALSE;
  result->number = g_strdup (number);
  return TRUE;
}

/* No version and no key: the action carries its reference at the end of NoiDungXuLy. The
 * answer says nothing about the dossier. */
static gboolean
push (McConnector          *connector,
      const McPushRequest  *request,
      McPushResult         *result,
      GCancellable         *cancellable,
      GError              **error)
{
  McConnectorDvcqg *self = MC_CONNECTOR_DVCQG (connector);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  g_autofree char *note = mc_connector_reference (request);
  g_autofree char *status = g_strdup_printf ("%d", request->target);
  const char *service;

  if (request->create != NULL)
    return create (self, request, result, cancellable, error);
  if (request->action == MC_ACTION_RECORD_STEP || request->action == MC_ACTION_RESCHEDULE)
    {
      JsonArray *data = json_array_new ();
      JsonObject *step = json_object_new ();

      service = "CapNhatTienDoHoSoMC";
      json_object_set_string_member (step, "MaHoSo", request->number);
      json_object_set_string_member (step, "NguoiXuLy", request->actor ? request->actor : "");
      json_object_set_string_member (step, "NoiDungXuLy", note);
      json_array_add_object_element (data, step);
      json_object_set_array_member (params, "data", data);
    }
  else
    {
      service = "CapNhatTrangThaiHoSo";
      json_object_set_string_member (params, "MaHoSo", request->number);
      json_object_set_string_member (params, "TrangThaiHoSo", status);
      json_object_set_string_member (params, "NoiDungXuLy", note);
      json_object_set_string_member (params, "NguoiXuLy", request->actor ? request->actor : "");
    }
  return call (self, service, params, &doc, cancellable, error) != NULL;
}

/* TaiLenTepTin {MaHoSo, TenTep, LoaiTep, MaThanhPhan, NoiDung (base64)} → [{DuongDanTep}].
 * No key: an upload whose answer was lost is settled by TraCuuHoSo's DanhSachTepDinhKem. */
static gboolean
upload (McConnector            *connector,
        const McUploadRequest  *request,
        McUploadResult         *result,
        GCancellable           *cancellable,
        GError                **error)
{
  McConnectorDvcqg *self = MC_CONNECTOR_DVCQG (connector);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  g_autofree char *data = NULL;
  McParse p = { &self->base, -1 };
  const McJson *root, *list, *first;

  if ((gint64) g_bytes_get_size (request->content) > mc_dialect_max_file_size ("dvcqg"))
    {
      mc_connector_error (&self->base, error, MC_SYNC_ERROR_REJECTED, _("“%s” is larger than the portal takes"),
                          request->name);
      return FALSE;
    }
  data = g_base64_encode (g_bytes_get_data (request->content, NULL), g_bytes_get_size (request->content));
  json_object_set_string_member (params, "MaHoSo", request->number);
  json_object_set_string_member (params, "TenTep", request->name);
  json_object_set_string_member (params, "LoaiTep", request->kind == MC_FILE_RESULT ? "KQ" : "TPHS");
  json_object_set_string_member (params, "MaThanhPhan", request->component ? request->component : "");
  json_object_set_string_member (params, "NoiDung", data);
  if (!(root = call (self, "TaiLenTepTin", params, &doc, cancellable, error)))
    return FALSE;
  list = mc_parse_array (&p, root, "result", FALSE);
  if (list != NULL && mc_json_length (list) > 0 && (first = mc_parse_element (&p, list, 0)))
    result->remote_path = mc_parse_string (&p, first, "DuongDanTep", FALSE);
  return mc_parse_check (&p, error);
}

/* TaiTepTin {DuongDanTep} → [{NoiDung}] (base64). */
static GBytes *
download (McConnector   *connector,
          const McFile  *file,
          GCancellable  *cancellable,
          GError       **error)
{
  McConnectorDvcqg *self = MC_CONNECTOR_DVCQG (connector);
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  g_autofree char *data = NULL;
  McParse p = { &self->base, -1 };
  const McJson *root, *list, *first = NULL;
  guchar *bytes;
  gsize len = 0;

  json_object_set_string_member (params, "DuongDanTep", file->remote_path);
  if (!(root = call (self, "TaiTepTin", params, &doc, cancellable, error)))
    return NULL;
  list = mc_parse_array (&p, root, "result", TRUE);
  if (list != NULL && mc_json_length (list) > 0)
    first = mc_parse_element (&p, list, 0);
  else if (list != NULL)
    mc_parse_fail (&p, _("no file in the answer"));
  if (first != NULL)
    data = mc_parse_string (&p, first, "NoiDung", TRUE);
  if (!mc_parse_check (&p, error))
    return NULL;
  bytes = g_base64_decode (data, &len);
  return g_bytes_new_take (bytes, len);
}

MC_CONNECTOR_DEFINE_DIALECT (McConnectorDvcqg, mc_connector_dvcqg, .read = read_list, .window = fetch)
