/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connector-private.h"
#include "mc-connectors.h"

/* G09 Nội vụ, dialect "lgsp" (LGSP / iGate): OAuth2 client credentials (a 401 anywhere means
 * the token expired: sign in again once), {code, message, data} envelopes, PascalCase national
 * vocabulary with PhienBan versions, keyset paging over an inclusive capNhatTu. The national
 * item mapping here also serves the portal dialect (dvcqg). */

struct _McConnectorLgsp
{
  GObject parent_instance;

  McConnectorBase base;
};

/* The names this dialect gives the documents, fees, supplements, results and files of a
 * dossier; the portal's (dvcqg) differ only in its file list. */
#define NATIONAL_KEYS \
  .documents = "TaiLieuNop", \
  .document_name = "TenGiayTo", \
  .document_copy = "LaBanSao", \
  .document_count = "SoLuong", \
  .fees = "DanhSachLePhi", \
  .fee_name = "TenPhiLePhi", \
  .fee_amount = "MucPhi", \
  .fee_paid = "DaThanhToan", \
  .supplements = "DanhSachHoSoBoSung", \
  .supplement_items = "NoiDungBoSung", \
  .supplement_requested = "NgayYeuCauBoSung", \
  .supplement_received = "NgayTiepNhanBoSung", \
  .results = "DanhSachGiayToKetQua", \
  .result_name = "TenGiayTo", \
  .result_number = "SoKyHieu", \
  .result_issued = "NgayBanHanh", \
  .document_digitised = "DuocSoHoa", \
  .document_reused = "DuocTaiSuDung", \
  .document_from_store = "DuocLayTuKhoDMQG", \
  .result_code = "MaGiayToKetQua", \
  .result_file = "DuongDanTepTinKetQua", \
  .file_name = "TenTep", \
  .file_kind = "LoaiTep", \
  .file_component = "MaThanhPhan", \
  .file_size = "KichThuoc", \
  .file_result = "KQ"

static const McChildKeys portal_keys = {
  NATIONAL_KEYS,
  .files = "DanhSachTepDinhKem",
  .file_path = "DuongDanTep",
};

static const McChildKeys child_keys = {
  NATIONAL_KEYS,
  .files = "TepDinhKem",
  .file_id = "MaTep",
  .file_hash = "Sha256",
  .file_hash_algo = "sha256",
  .file_path = "DuongDan",
};

/* The national vocabulary (DongBoHoSoMC) → canonical. The same for lgsp and the portal, which
 * differ in date format, in writing numbers as text (mc_parse_int takes both) and in their
 * history: an lgsp step names itself in NoiDungXuLy and keeps the official's words in GhiChu,
 * while a portal step keeps in NoiDungXuLy the text sent with the action, as sent, and has no
 * GhiChu. The portal's items need no update time (NgayCapNhat): *@out_updated is 0 then. */
McDossier *
mc_connector_national_item (McParse      *p,
                            const McJson *o,
                            McWireTime    tf,
                            gboolean      portal,
                            const char   *source_id,
                            gint64       *out_updated)
{
  g_autoptr(McDossier) d = mc_dossier_new ();
  const McJson *list;
  gint64 status, kind;

  d->source_id = g_strdup (source_id);
  d->number = mc_parse_string (p, o, "MaHoSo", TRUE);
  d->procedure_code = mc_parse_string (p, o, "MaTTHC", TRUE);
  d->procedure_name = mc_parse_string (p, o, "TenTTHC", FALSE);
  d->field_code = mc_parse_string (p, o, "MaLinhVuc", FALSE);
  d->applicant_name = mc_parse_string (p, o, "ChuHoSo", TRUE);
  kind = mc_parse_int (p, o, "LoaiDoiTuong", FALSE, MC_APPLICANT_CITIZEN);
  d->id_number = mc_parse_string (p, o, "SoDinhDanh", FALSE);
  d->phone = mc_parse_string (p, o, "SoDienThoai", FALSE);
  d->address = mc_parse_string (p, o, "DiaChi", FALSE);
  d->channel = CLAMP (mc_parse_int (p, o, "KenhThucHien", FALSE, MC_CHANNEL_IN_PERSON), 1, 3);
  d->return_method = CLAMP (mc_parse_int (p, o, "HinhThucTraKetQua", FALSE, d->channel), 1, 3);
  status = mc_parse_int (p, o, "TrangThaiHoSo", TRUE, 0);
  d->submitted_at = mc_parse_time (p, o, "NgayNopHoSo", tf, FALSE);
  d->received_at = mc_parse_time (p, o, "NgayTiepNhan", tf, FALSE);
  d->due_at = mc_parse_time (p, o, "NgayHenTra", tf, FALSE);
  d->finished_at = mc_parse_time (p, o, "NgayKetThucXuLy", tf, FALSE);
  d->returned_at = mc_parse_time (p, o, "NgayTra", tf, FALSE);
  *out_updated = mc_parse_time (p, o, "NgayCapNhat", tf, !portal);
  if (p->error == NULL && !mc_status_is_valid (status))
    mc_parse_fail (p, _("unknown status “%lld”"), (long long) status);
  if (p->error == NULL && (kind < MC_APPLICANT_CITIZEN || kind > MC_APPLICANT_OTHER_ORGANIZATION))
    mc_parse_fail (p, _("unknown applicant kind “%lld”"), (long long) kind);
  d->status = status;
  d->applicant_kind = kind;

  mc_parse_children (p, o, tf == MC_WIRE_TIME_DVCQG ? &portal_keys : &child_keys, tf, d);
  /* The portal's sync fields for the 766 indicators (data/api/README.md). */
  if (mc_json_member (o, "DuocThanhToanTrucTuyen") != NULL)
    d->payment = mc_payment_state_from_portal (d, mc_parse_int (p, o, "DuocThanhToanTrucTuyen", FALSE, 0));
  d->citizen_data = mc_parse_flag (p, o, "TaiKhoanDuocXacThucVoiVNeID");
  d->reused = mc_parse_flag (p, o, "HoSoCoThanhPhanSoHoa");
  list = mc_parse_array (p, o, "QuaTrinhXuLy", FALSE);
  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *actor = mc_parse_string (p, x, "NguoiXuLy", FALSE);
      g_autofree char *unit = mc_parse_string (p, x, "PhongBanXuLy", FALSE);
      g_autofree char *content = mc_parse_string (p, x, "NoiDungXuLy", !portal);
      g_autofree char *note = mc_parse_string (p, x, "GhiChu", FALSE);
      gint64 at = mc_parse_time (p, x, "ThoiDiemXuLy", tf, TRUE);
      gint64 step_status = mc_parse_int (p, x, "TrangThai", FALSE, 0);

      if (p->error != NULL)
        break;
      if (!mc_status_is_valid (step_status))
        step_status = 0;
      if (portal)
        mc_dossier_add_step (d, at, actor, unit, mc_status_step_name (step_status), step_status, content);
      else
        mc_dossier_add_step (d, at, actor, unit, content, step_status, note);
    }
  return p->error == NULL ? g_steal_pointer (&d) : NULL;
}

void
mc_connector_national_body (JsonBuilder     *b,
                            const McDossier *d,
                            const char      *number,
                            McWireTime       tf,
                            gboolean         portal)
{
  McJsonStyle style = portal ? MC_JSON_TEXT : MC_JSON_NATIVE;

  mc_json_member_string (b, "MaHoSo", number);
  mc_json_member_string (b, "MaTTHC", d->procedure_code);
  mc_json_member_string (b, "TenTTHC", d->procedure_name);
  mc_json_member_string (b, "MaLinhVuc", d->field_code);
  mc_json_member_string (b, "ChuHoSo", d->applicant_name);
  mc_json_member_int (b, "LoaiDoiTuong", d->applicant_kind, style);
  mc_json_member_string (b, "SoDinhDanh", d->id_number);
  mc_json_member_string (b, "SoDienThoai", d->phone);
  mc_json_member_string (b, "DiaChi", d->address);
  mc_json_member_int (b, "KenhThucHien", d->channel, style);
  mc_json_member_int (b, "HinhThucTraKetQua", d->return_method, style);
  mc_json_member_int (b, "TrangThaiHoSo", d->status, style);
  mc_json_member_time (b, "NgayNopHoSo", d->submitted_at, tf);
  mc_json_member_time (b, "NgayTiepNhan", d->received_at, tf);
  mc_json_member_time (b, "NgayHenTra", d->due_at, tf);
  mc_json_member_documents (b, "TaiLieuNop", d, "TenGiayTo", "LaBanSao", "SoLuong", style);
  mc_json_member_fees (b, "DanhSachLePhi", d, "TenPhiLePhi", "MucPhi", "DaThanhToan", style);
}

static gboolean
sign_in (McConnector   *connector,
         GCancellable  *cancellable,
         GError       **error)
{
  McConnectorLgsp *self = MC_CONNECTOR_LGSP (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *form = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { base, -1 };
  const McJson *root;

  g_clear_pointer (&base->session, g_free);
  form = soup_form_encode ("grant_type", "client_credentials", "client_id", base->source->account,
                           "client_secret", mc_connector_secret (base, "password"), NULL);
  reply = mc_http_send (base->http, "POST", "/oauth/token", "application/x-www-form-urlencoded", form, -1,
                        NULL, cancellable, error);
  memset (form, 0, strlen (form));
  if (reply == NULL)
    return FALSE;
  if (reply->status == 400 || reply->status == 401 || reply->status == 403)
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the client id or secret was refused"));
      return FALSE;
    }
  if (!mc_connector_check_status (base, reply, error))
    return FALSE;
  root = mc_parse_body (&p, reply->body, &doc);
  if (root != NULL)
    base->session = mc_parse_string (&p, root, "access_token", TRUE);
  if (!mc_parse_check (&p, error))
    return FALSE;
  mc_connector_keep_session (base, MC_SECRET_ACCESS_TOKEN, base->session);
  return TRUE;
}

/* The OAuth2 bearer token: a 401 anywhere means it expired. */
static const McSessionRules session_rules = {
  .kind = MC_SECRET_ACCESS_TOKEN, .header = "Authorization", .prefix = "Bearer ",
};

/* One API call with the token and a body of @content_type (binary: @body_len). */
static McHttpReply *
call_with (McConnectorLgsp  *self,
           const char       *method,
           const char       *path,
           const char       *content_type,
           const char       *body,
           gssize            body_len,
           GCancellable     *cancellable,
           GError          **error)
{
  const char *headers[] = { "Accept", "application/json", NULL };

  return mc_connector_send (MC_CONNECTOR (self), &session_rules, method, path, content_type, body, body_len,
                            headers, cancellable, error);
}

static McHttpReply *
call (McConnectorLgsp  *self,
      const char       *method,
      const char       *path,
      const char       *body,
      GCancellable     *cancellable,
      GError          **error)
{
  return call_with (self, method, path, body ? "application/json" : NULL, body, -1, cancellable, error);
}

/* {code, message, data}: a non-"0" code is the system's own error. */
static const McJson *
envelope (McConnectorBase  *base,
          McHttpReply      *reply,
          McJsonDoc       **out_doc,
          GError          **error)
{
  McParse p = { base, -1 };
  const McJson *root;
  g_autofree char *code = NULL;
  g_autofree char *message = NULL;

  if (!mc_connector_check_status (base, reply, error))
    return NULL;
  root = mc_parse_body (&p, reply->body, out_doc);
  if (root == NULL)
    {
      mc_parse_check (&p, error);
      return NULL;
    }
  code = mc_parse_string (&p, root, "code", TRUE);
  message = mc_parse_string (&p, root, "message", FALSE);
  if (!mc_parse_check (&p, error))
    return NULL;
  if (!g_str_equal (code, "0"))
    {
      /* "DV404": the unit code (donvi) is not one the system knows. */
      McSyncError kind = reply->status == 409 || g_str_equal (code, "409") ? MC_SYNC_ERROR_CONFLICT
        : g_str_equal (code, "DV404") ? MC_SYNC_ERROR_UNIT_UNKNOWN
        : reply->status == 403 ? MC_SYNC_ERROR_AUTH
        : reply->status >= 400 && reply->status < 500 ? MC_SYNC_ERROR_REJECTED : MC_SYNC_ERROR_SERVER;

      mc_connector_refusal (base, error, kind, reply->status, code, message);
      return NULL;
    }
  return root;
}

/* One dossier of a page: the national vocabulary, and PhienBan as its version. */
static McDossier *
item (McParse    *p,
      const McJson *o,
      gint64     *out_updated)
{
  McDossier *d = mc_connector_national_item (p, o, MC_WIRE_TIME_LGSP, FALSE, p->base->source->id, out_updated);

  if (d == NULL)
    return NULL;
  d->server_version = g_strdup_printf ("%" G_GINT64_FORMAT, mc_parse_int (p, o, "PhienBan", TRUE, 0));
  if (p->error != NULL)
    {
      mc_dossier_unref (d);
      return NULL;
    }
  return d;
}

/* {"code","message","data":{"items","total","page"}}, read by the keyset after @cursor. */
static gboolean
read_page (McParse       *p,
           const McJson  *root,
           const char    *cursor,
           McPullPage    *page,
           GError       **error)
{
  g_autofree char *code = mc_parse_string (p, root, "code", TRUE);
  const McJson *data, *items;
  McKeyset k;

  if (code != NULL && !g_str_equal (code, "0"))
    {
      g_debug ("%s: code %s with a page", p->base->source->id, code);
      mc_parse_fail (p, _("the ministry's system reported an error"));
    }
  data = mc_parse_object (p, root, "data", TRUE);
  items = mc_parse_array (p, data, "items", TRUE);
  mc_keyset_init (&k, cursor);
  mc_keyset_fill_page (p, &k, items, item, p->base->page_size, cursor, page);
  mc_keyset_clear (&k);
  page->total = mc_parse_int (p, data, "total", FALSE, -1);
  return TRUE;
}

static char *
since_of (const char *cursor,
          McWireTime  format)
{
  McKeyset k;
  char *since;

  mc_keyset_init (&k, cursor);
  since = mc_connector_since (format, k.number ? k.time : 0);
  mc_keyset_clear (&k);
  return since;
}

static McPullPage *
fetch (McConnector   *connector,
       const char    *cursor,
       guint          page_no,
       GCancellable  *cancellable,
       GError       **error)
{
  McConnectorLgsp *self = MC_CONNECTOR_LGSP (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *since = since_of (cursor, MC_WIRE_TIME_LGSP);
  g_autofree char *page_text = g_strdup_printf ("%u", page_no);
  g_autofree char *size = g_strdup_printf ("%u", base->page_size);
  g_autofree char *form = soup_form_encode ("donvi", base->source->unit_code, "capNhatTu", since,
                                            "page", page_text, "size", size, NULL);
  g_autofree char *path = g_strdup_printf ("/api/hoso?%s", form);
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;

  if (!(reply = call (self, "GET", path, NULL, cancellable, error)))
    return NULL;
  /* A 200 page is parsed once, by read_page(); other statuses carry {code, message}. */
  if (reply->status != 200 && !envelope (base, reply, &doc, error))
    return NULL;
  return mc_parse_page (connector, cursor, reply->body, read_page, error);
}

static McDossier *
lookup (McConnector   *connector,
        const char    *number,
        GCancellable  *cancellable,
        GError       **error)
{
  McConnectorLgsp *self = MC_CONNECTOR_LGSP (connector);
  g_autofree char *escaped = g_uri_escape_string (number, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/hoso/%s", escaped);
  g_autoptr(McHttpReply) reply = call (self, "GET", path, NULL, cancellable, error);
  g_autoptr(McJsonDoc) doc = NULL;
  const McJson *root;
  McParse p = { &self->base, 0 };
  McDossier *d;
  gint64 updated;

  if (reply == NULL || !(root = envelope (&self->base, reply, &doc, error)))
    return NULL;
  root = mc_parse_object (&p, root, "data", TRUE);
  d = root ? mc_connector_national_item (&p, root, MC_WIRE_TIME_LGSP, FALSE, self->base.source->id, &updated) : NULL;
  if (d != NULL)
    d->server_version = g_strdup_printf ("%" G_GINT64_FORMAT, mc_parse_int (&p, root, "PhienBan", TRUE, 0));
  if (!mc_parse_check (&p, error))
    {
      g_clear_pointer (&d, mc_dossier_unref);
      return NULL;
    }
  return d;
}

/* A dossier received at the counter: the system's next number (GetNextValue), then the
 * dossier under it. MaGiaoDich makes the pair safe to repeat: a repeat is answered with the
 * first dossier's number, whatever number the repeat carried. */
static gboolean
create (McConnectorLgsp      *self,
        const McPushRequest  *request,
        McPushResult         *result,
        GCancellable         *cancellable,
        GError              **error)
{
  McConnectorBase *base = &self->base;
  g_autofree char *code = g_uri_escape_string (base->source->ministry, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/GetNextValue?code=%s", code);
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  g_autoptr(McJsonDoc) answer_doc = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  McParse p = { base, -1 };
  const McJson *answer, *data;
  const McJson *root;

  if (!(reply = call (self, "GET", path, NULL, cancellable, error)) || !mc_connector_check_status (base, reply, error))
    return FALSE;
  if ((root = mc_parse_body (&p, reply->body, &doc)))
    number = mc_parse_string (&p, root, "value", TRUE);
  if (!mc_parse_check (&p, error))
    return FALSE;
  g_clear_pointer (&reply, mc_http_reply_free);

  json_builder_begin_object (b);
  mc_connector_national_body (b, request->create, number, MC_WIRE_TIME_LGSP, FALSE);
  json_builder_set_member_name (b, "NguoiXuLy");
  json_builder_add_string_value (b, request->actor ? request->actor : "");
  json_builder_set_member_name (b, "MaGiaoDich");
  json_builder_add_string_value (b, request->uuid);
  json_builder_end_object (b);
  body = json_builder_get_root (b);
  text = json_to_string (body, FALSE);
  if (!(reply = call (self, "POST", "/api/hoso", text, cancellable, error))
      || !(answer = envelope (base, reply, &answer_doc, error)))
    return FALSE;
  data = mc_parse_object (&p, answer, "data", TRUE);
  result->number = mc_parse_string (&p, data, "MaHoSo", TRUE);
  if (data != NULL && (mc_json_member (data, "PhienBan") != NULL))
    result->server_version = g_strdup_printf ("%" G_GINT64_FORMAT, mc_parse_int (&p, data, "PhienBan", FALSE, 0));
  return mc_parse_check (&p, error);
}

static gboolean
push (McConnector          *connector,
      const McPushRequest  *request,
      McPushResult         *result,
      GCancellable         *cancellable,
      GError              **error)
{
  McConnectorLgsp *self = MC_CONNECTOR_LGSP (connector);
  g_autofree char *escaped = g_uri_escape_string (request->number, NULL, FALSE);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(McJsonDoc) doc = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autofree char *path = NULL;
  g_autofree char *body = NULL;
  gboolean step = request->action == MC_ACTION_RECORD_STEP || request->action == MC_ACTION_RESCHEDULE;
  const McJson *answer, *data;
  McParse p = { &self->base, -1 };

  if (request->create != NULL)
    return create (self, request, result, cancellable, error);
  /* tientrinh takes no PhienBan: a stale step is caught by looking first. Not for a resend:
   * the step itself may be what changed the version, and the key answers a repeat. */
  if (step && !request->resend && !mc_connector_check_base (connector, request, cancellable, error))
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "MaGiaoDich");
  json_builder_add_string_value (b, request->uuid);
  if (step)
    {
      /* Progress steps go to tientrinh; the status stays. */
      path = g_strdup_printf ("/api/hoso/%s/tientrinh", escaped);
      json_builder_set_member_name (b, "QuaTrinhXuLy");
      json_builder_begin_array (b);
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "NguoiXuLy");
      json_builder_add_string_value (b, request->actor);
      json_builder_set_member_name (b, "NoiDungXuLy");
      json_builder_add_string_value (b, request->note ? request->note : "");
      json_builder_end_object (b);
      json_builder_end_array (b);
    }
  else
    {
      path = g_strdup_printf ("/api/hoso/%s/trangthai", escaped);
      json_builder_set_member_name (b, "TrangThai");
      json_builder_add_int_value (b, request->target);
      json_builder_set_member_name (b, "NoiDungXuLy");
      json_builder_add_string_value (b, request->note ? request->note : "");
      json_builder_set_member_name (b, "NguoiXuLy");
      json_builder_add_string_value (b, request->actor ? request->actor : "");
      json_builder_set_member_name (b, "PhongBanXuLy");
      json_builder_add_string_value (b, request->unit ? request->unit : "");
      json_builder_set_member_name (b, "PhienBan");
      json_builder_add_int_value (b, g_ascii_strtoll (request->base_version ? request->base_version : "0", NULL, 10));
    }
  json_builder_end_object (b);
  body = mc_json_text (b);

  if (!(reply = call (self, "POST", path, body, cancellable, error)))
    return FALSE;
  if (!(answer = envelope (&self->base, reply, &doc, error)))
    return FALSE;
  data = mc_parse_object (&p, answer, "data", FALSE);
  if (data != NULL && (mc_json_member (data, "PhienBan") != NULL))
    result->server_version = g_strdup_printf ("%" G_GINT64_FORMAT, mc_parse_int (&p, data, "PhienBan", FALSE, 0));
  return mc_parse_check (&p, error);
}

/* POST /api/hoso/{MaHoSo}/teptin, multipart; MaGiaoDich makes a repeat answer as the first. */
static gboolean
upload (McConnector            *connector,
        const McUploadRequest  *request,
        McUploadResult         *result,
        GCancellable           *cancellable,
        GError                **error)
{
  McConnectorLgsp *self = MC_CONNECTOR_LGSP (connector);
  g_autoptr(McDossier) after = NULL;
  g_autofree char *escaped = g_uri_escape_string (request->number, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/api/hoso/%s/teptin", escaped);
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = mc_connector_multipart (request, "TepTin", &type,
                                                   "LoaiTep", request->kind == MC_FILE_RESULT ? "KQ" : "TPHS",
                                                   "MaThanhPhan", request->component, "MaGiaoDich", request->uuid,
                                                   NULL);
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { &self->base, -1 };
  const McJson *answer, *data;

  if (!(reply = call_with (self, "POST", path, type, g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                           cancellable, error))
      || !(answer = envelope (&self->base, reply, &doc, error)))
    return FALSE;
  data = mc_parse_object (&p, answer, "data", TRUE);
  result->remote_id = mc_parse_string (&p, data, "MaTep", FALSE);
  result->remote_path = mc_parse_string (&p, data, "DuongDan", FALSE);
  if (!mc_parse_check (&p, error))
    return FALSE;
  /* The answer carries no PhienBan, and a file moves it on by one: one more than the version
   * the file was queued on is that version with the file alone (a repeat under the key
   * included); anything else means another change came between. */
  if (request->base_version != NULL && (after = lookup (connector, request->number, cancellable, NULL)) != NULL
      && g_ascii_strtoll (after->server_version, NULL, 10) == g_ascii_strtoll (request->base_version, NULL, 10) + 1)
    {
      result->version_before = g_strdup (request->base_version);
      result->server_version = g_strdup (after->server_version);
    }
  return TRUE;
}

/* GET {DuongDan} with the bearer token. */
static GBytes *
download (McConnector   *connector,
          const McFile  *file,
          GCancellable  *cancellable,
          GError       **error)
{
  McConnectorLgsp *self = MC_CONNECTOR_LGSP (connector);
  g_autoptr(McHttpReply) reply = call (self, "GET", file->remote_path, NULL, cancellable, error);
  g_autoptr(McJsonDoc) doc = NULL;

  if (reply == NULL)
    return NULL;
  if (reply->status != 200)
    {
      /* An error reply's envelope carries the system's own words; one claiming success still fails by its status. */
      if (envelope (&self->base, reply, &doc, error) != NULL)
        mc_connector_refusal (&self->base, error, MC_SYNC_ERROR_SERVER, reply->status, NULL, NULL);
      return NULL;
    }
  return g_bytes_ref (reply->body);
}

MC_CONNECTOR_DEFINE_DIALECT (McConnectorLgsp, mc_connector_lgsp, .read = read_page, .keyset = fetch)
