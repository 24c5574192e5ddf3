/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connectors.h"

/* G21 Dân tộc và Tôn giáo, dialect "legacy": an older web back-end. Form login, SESSIONID
 * cookie; an expired session is answered with HTTP 200 and the HTML login page, which this
 * connector recognizes and answers by logging in again once. Its own status codes (0–9) and
 * applicant kinds (0–2), dd/MM/yyyy HH:mm:ss dates, offset paging, failures as HTTP 200 with
 * {"status":"ERROR"}. Items carry no update time and no version: the list is read by a time
 * window (mc_window_pull()) and the version kept locally stands for one
 * (mc_connector_history_version()). No key: actions carry a reference in ghiChu, which lichSu
 * shows; the push side looks the dossier up before and after an action (mc-sync-push.c). */

struct _McConnectorLegacy
{
  GObject parent_instance;

  McConnectorBase base;    /* session: the cookie, "SESSIONID=…" */
};

/* The back-end's status code (the index) → canonical status. */
static const McStatus from_legacy[] = {
  MC_STATUS_SUBMITTED, MC_STATUS_RECEIVED, MC_STATUS_PROCESSING, MC_STATUS_SUPPLEMENT_REQUESTED,
  MC_STATUS_FEE_REQUESTED, MC_STATUS_RESOLVED, MC_STATUS_RETURNED, MC_STATUS_REFUSED,
  MC_STATUS_WITHDRAWN, MC_STATUS_STOPPED,
};

/* 0 citizen, 1 organization, 2 agency. An organization may be an enterprise or not: the
 * back-end does not say, so it maps to "other organization". */
static const McApplicantKind kind_from_legacy[] = {
  MC_APPLICANT_CITIZEN, MC_APPLICANT_OTHER_ORGANIZATION, MC_APPLICANT_STATE_AGENCY,
};

static int
to_legacy (McStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS (from_legacy); i++)
    if (from_legacy[i] == status)
      return i;
  return -1;
}

/* The login page instead of JSON: what this back-end says when the session has expired. Any
 * HTML answer (by its type, or a body that starts with '<') to a JSON request counts: the page
 * says "an HTML login page" and no more of its shape. Not static: a fuzzing harness reads
 * hostile pages with it (tests/fuzz). */
gboolean
mc_connector_legacy_is_login_page (McHttpReply *reply)
{
  const char *type = soup_message_headers_get_content_type (reply->headers, NULL);
  gsize len;
  const char *data = g_bytes_get_data (reply->body, &len);
  gsize i = 0;

  while (data && i < len && g_ascii_isspace (data[i]))
    i++;
  return (type && g_str_has_prefix (type, "text/html")) || (data && i < len && data[i] == '<');
}

static gboolean check_envelope (McParse *p, const McJson *root, GError **error);

static gboolean
sign_in (McConnector   *connector,
         GCancellable  *cancellable,
         GError       **error)
{
  McConnectorLegacy *self = MC_CONNECTOR_LEGACY (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *form = soup_form_encode ("username", base->source->account,
                                            "password", mc_connector_secret (base, "password"), NULL);
  g_autoptr(McHttpReply) reply = NULL;

  /* A login that answers 302 sets its cookie on that answer: read it there (libsoup keeps no
   * cookie across the redirect it would follow). */
  mc_http_set_follow_redirects (base->http, FALSE);
  reply = mc_http_send (base->http, "POST", "/login", "application/x-www-form-urlencoded", form, -1, NULL,
                        cancellable, error);
  mc_http_set_follow_redirects (base->http, TRUE);
  memset (form, 0, strlen (form));
  g_clear_pointer (&base->session, g_free);
  if (reply == NULL || !mc_connector_check_status (base, reply, error))
    return FALSE;
  {
    /* Set-Cookie: SESSIONID=…; Path=/; HttpOnly */
    const char *set = soup_message_headers_get_list (reply->headers, "Set-Cookie");
    const char *start = set ? strstr (set, "SESSIONID=") : NULL;

    if (start != NULL)
      base->session = g_strndup (start, strcspn (start, ";, "));
  }
  /* A redirect without a cookie sends the browser back to the login form: refused. */
  if (base->session == NULL && !SOUP_STATUS_IS_REDIRECTION (reply->status)
      && !mc_connector_legacy_is_login_page (reply))
    {
      g_autoptr(McJsonDoc) doc = NULL;
      McParse p = { base, -1 };
      const McJson *root = mc_parse_body (&p, reply->body, &doc);

      /* {"status":"ERROR"}: the back-end failed (tried again later), not the password. */
      mc_parse_check (&p, NULL);
      if (root != NULL && !check_envelope (&p, root, error))
        return FALSE;
      /* Neither a session nor the login page again: not this back-end at all. */
      g_debug ("%s: HTTP %u to the sign-in", base->source->id, reply->status);
      mc_connector_error (base, error, MC_SYNC_ERROR_MALFORMED,
                          _("the answer to the sign-in is neither a session nor the login page"));
      return FALSE;
    }
  if (base->session == NULL)
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the user name or password was refused"));
      return FALSE;
    }
  mc_connector_keep_session (base, MC_SECRET_SESSION_COOKIE, base->session);
  return TRUE;
}

/* An expired session is answered with the HTML login page (after the statuses every dialect
 * shares, which are no login page). */
static McSessionCheck
check_session (McConnectorBase  *base,
               McHttpReply      *reply,
               GError          **error)
{
  if (!mc_connector_check_status (base, reply, error))
    return MC_SESSION_FAILED;
  return mc_connector_legacy_is_login_page (reply) ? MC_SESSION_EXPIRED : MC_SESSION_VALID;
}

static const McSessionRules session_rules = {
  .kind = MC_SECRET_SESSION_COOKIE, .header = "Cookie", .prefix = "", .check = check_session,
};

/* A file may itself be HTML (or XML, which starts with '<' too): there only an HTML answer that
 * leads to /login is the login page. */
static McSessionCheck
check_file_session (McConnectorBase  *base,
                    McHttpReply      *reply,
                    GError          **error)
{
  McSessionCheck check = check_session (base, reply, error);
  gsize len;
  const char *data = g_bytes_get_data (reply->body, &len);

  if (check == MC_SESSION_EXPIRED && !(data && g_strstr_len (data, len, "/login")))
    return MC_SESSION_VALID;
  return check;
}

static const McSessionRules file_session_rules = {
  .kind = MC_SECRET_SESSION_COOKIE, .header = "Cookie", .prefix = "", .check = check_file_session,
};

static McHttpReply *
call (McConnectorLegacy  *self,
      const char         *method,
      const char         *path,
      const char         *body,
      GCancellable       *cancellable,
      GError            **error)
{
  return mc_connector_send (MC_CONNECTOR (self), &session_rules, method, path, body ? "application/json" : NULL,
                            body, -1, NULL, cancellable, error);
}

/* The names this dialect gives the documents, fees, supplements and results of a dossier. */
static const McChildKeys child_keys = {
  .documents = "giayTo",
  .document_name = "ten",
  .document_copy = "banSao",
  .document_count = "soLuong",
  .fees = "lePhi",
  .fee_name = "ten",
  .fee_amount = "soTien",
  .fee_paid = "daNop",
  .supplements = "boSung",
  .supplement_items = "noiDung",
  .supplement_requested = "ngayYeuCau",
  .supplement_received = "ngayNhan",
  .results = "ketQua",
  .result_name = "ten",
  .result_number = "soKyHieu",
  .result_issued = "ngayBanHanh",
  /* Files only: the older back-end says nothing of payments, ratings or reuse. */
  .files = "taiLieu",
  .file_name = "tenFile",
  .file_kind = "loai",
  .file_size = "kichThuoc",
  .file_path = "duongDan",
  .file_result = "KQ",
};

/* {thoiGian, trangThai, ghiChu, nguoiXuLy}; a step's name (noiDung) where the back-end gives
 * one, else the status it entered. */
static const McStepKeys step_keys = {
  .list = "lichSu",
  .at = "thoiGian",
  .actor = "nguoiXuLy",
  .unit = "donVi",
  .action = "noiDung",
  .note = "ghiChu",
  .status = "trangThai",
  .status_codes = from_legacy,
  .n_status = G_N_ELEMENTS (from_legacy),
  .action_optional = TRUE,
};

static McDossier *
item (McParse    *p,
      const McJson *o,
      gint64     *out_updated)
{
  g_autoptr(McDossier) d = mc_dossier_new ();
  const McWireTime tf = MC_WIRE_TIME_LEGACY;
  gint64 status, kind;

  d->source_id = g_strdup (p->base->source->id);
  d->number = mc_parse_string (p, o, "maHoSo", TRUE);
  d->procedure_code = mc_parse_string (p, o, "maThuTuc", TRUE);
  d->procedure_name = mc_parse_string (p, o, "tenThuTuc", FALSE);
  d->field_code = mc_parse_string (p, o, "maLinhVuc", FALSE);
  d->applicant_name = mc_parse_string (p, o, "chuHoSo", TRUE);
  d->id_number = mc_parse_string (p, o, "soGiayTo", FALSE);
  d->phone = mc_parse_string (p, o, "soDienThoai", FALSE);
  d->address = mc_parse_string (p, o, "diaChi", FALSE);
  kind = mc_parse_int (p, o, "loaiDoiTuong", FALSE, 0);
  d->channel = CLAMP (mc_parse_int (p, o, "kenhNop", FALSE, MC_CHANNEL_IN_PERSON), 1, 3);
  d->return_method = CLAMP (mc_parse_int (p, o, "hinhThucTra", FALSE, d->channel), 1, 3);
  status = mc_parse_int (p, o, "trangThai", TRUE, -1);
  d->submitted_at = mc_parse_time (p, o, "ngayNop", tf, FALSE);
  d->received_at = mc_parse_time (p, o, "ngayNhan", tf, FALSE);
  d->due_at = mc_parse_time (p, o, "hanTra", tf, FALSE);
  d->finished_at = mc_parse_time (p, o, "ngayXong", tf, FALSE);
  d->returned_at = mc_parse_time (p, o, "ngayTra", tf, FALSE);
  if (p->error == NULL && (status < 0 || status >= (gint64) G_N_ELEMENTS (from_legacy)))
    mc_parse_fail (p, _("unknown status “%lld”"), (long long) status);
  if (p->error == NULL && (kind < 0 || kind >= (gint64) G_N_ELEMENTS (kind_from_legacy)))
    mc_parse_fail (p, _("unknown applicant kind “%lld”"), (long long) kind);
  if (p->error != NULL)
    return NULL;
  d->status = from_legacy[status];
  d->applicant_kind = kind_from_legacy[kind];

  mc_parse_children (p, o, &child_keys, tf, d);
  mc_parse_history (p, o, &step_keys, tf, d);
  if (p->error != NULL)
    return NULL;
  mc_connector_history_version (d);
  return g_steal_pointer (&d);
}

/* {"status":"OK"|"ERROR","errorMessage"}: an ERROR becomes the system's error. */
static gboolean
check_envelope (McParse     *p,
                const McJson  *root,
                GError     **error)
{
  g_autofree char *status = mc_parse_string (p, root, "status", TRUE);

  /* No envelope at all: the page's own error, said once. */
  if (!mc_parse_check (p, error))
    return FALSE;
  if (!g_str_equal (status, "OK"))
    {
      g_autofree char *message = mc_parse_string (p, root, "errorMessage", FALSE);
      g_autofree char *code = mc_parse_string (p, root, "errorCode", FALSE);

      mc_parse_check (p, NULL);
      /* errorCode "DON_VI": the unit code (donVi) is not one the back-end knows. */
      mc_connector_refusal (p->base, error, g_strcmp0 (code, "DON_VI") == 0 ? MC_SYNC_ERROR_UNIT_UNKNOWN
                            : MC_SYNC_ERROR_SERVER, 0, code ? code : status, message);
      return FALSE;
    }
  return TRUE;
}

/* {"status","total","data":[…]} */
static gboolean
read_list (McParse       *p,
           const McJson  *root,
           const char    *cursor,
           McPullPage    *page,
           GError       **error)
{
  if (!check_envelope (p, root, error))
    return FALSE;
  mc_parse_items (p, mc_parse_array (p, root, "data", TRUE), item, page);
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
  McConnectorLegacy *self = MC_CONNECTOR_LEGACY (connector);
  McConnectorBase *base = &self->base;
  g_autofree char *from = mc_connector_since (MC_WIRE_TIME_LEGACY, since);
  g_autofree char *offset = g_strdup_printf ("%u", (page_no - 1) * base->page_size);
  g_autofree char *limit = g_strdup_printf ("%u", base->page_size);
  g_autofree char *form = soup_form_encode ("donVi", base->source->unit_code, "tuNgay", from, "offset", offset,
                                            "limit", limit, NULL);
  g_autofree char *path = g_strdup_printf ("/HoSo/DanhSach?%s", form);
  g_autoptr(McHttpReply) reply = NULL;

  if (!(reply = call (self, "GET", path, NULL, cancellable, error)))
    return NULL;
  return mc_parse_page (connector, NULL, reply->body, read_list, error);
}

/* The back-end answers a refusal ("not found", "not allowed") and its own failure with the
 * same {"status":"ERROR"}. A harmless read right after tells them apart: a back-end that
 * answers it is up, so the ERROR was about the request (@error's code becomes @code); one
 * that fails it too is failing (a server error, retried later). */
static void
tell_refusal (McConnectorLegacy  *self,
              McSyncError         code,
              GCancellable       *cancellable,
              GError            **error)
{
  McConnectorBase *base = &self->base;
  g_autofree char *from = mc_connector_since (MC_WIRE_TIME_LEGACY, 0);
  g_autofree char *form = soup_form_encode ("donVi", base->source->unit_code, "tuNgay", from, "offset", "0",
                                            "limit", "1", NULL);
  g_autofree char *path = g_strdup_printf ("/HoSo/DanhSach?%s", form);
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { base, -1 };
  const McJson *root;

  if (error == NULL || *error == NULL || (*error)->code != MC_SYNC_ERROR_SERVER)
    return;
  reply = call (self, "GET", path, NULL, cancellable, NULL);
  if (reply != NULL && (root = mc_parse_body (&p, reply->body, &doc))
      && check_envelope (&p, root, NULL))
    (*error)->code = code;
  mc_parse_check (&p, NULL);
}

static McDossier *
lookup (McConnector   *connector,
        const char    *number,
        GCancellable  *cancellable,
        GError       **error)
{
  McConnectorLegacy *self = MC_CONNECTOR_LEGACY (connector);
  g_autofree char *form = soup_form_encode ("maHoSo", number, NULL);
  g_autofree char *path = g_strdup_printf ("/HoSo/ChiTiet?%s", form);
  g_autoptr(McHttpReply) reply = call (self, "GET", path, NULL, cancellable, error);
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { &self->base, 0 };
  const McJson *root;
  const McJson *data;
  McDossier *d = NULL;
  gint64 updated;

  if (reply == NULL)
    return NULL;
  if (!(root = mc_parse_body (&p, reply->body, &doc)))
    {
      mc_parse_check (&p, error);
      return NULL;
    }
  if (!check_envelope (&p, root, error))
    {
      tell_refusal (self, MC_SYNC_ERROR_NOT_FOUND, cancellable, error);
      return NULL;
    }
  if ((data = mc_parse_object (&p, root, "data", TRUE)))
    d = item (&p, data, &updated);
  if (!mc_parse_check (&p, error))
    g_clear_pointer (&d, mc_dossier_unref);
  return d;
}

/* Sends @body to @path; the answer's item is the dossier after the action. */
static gboolean
write_item (McConnectorLegacy    *self,
            const char           *path,
            JsonBuilder          *b,
            const McPushRequest  *request,
            McPushResult         *result,
            GCancellable         *cancellable,
            GError              **error)
{
  g_autoptr(JsonNode) node = json_builder_get_root (b);
  g_autofree char *body = json_to_string (node, FALSE);
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { &self->base, -1 };
  const McJson *root;
  const McJson *data;
  gint64 updated = 0;

  if (!(reply = call (self, "POST", path, body, cancellable, error)))
    return FALSE;
  if (!(root = mc_parse_body (&p, reply->body, &doc)))
    return mc_parse_check (&p, error);
  if (!check_envelope (&p, root, error))
    {
      tell_refusal (self, MC_SYNC_ERROR_REJECTED, cancellable, error);
      return FALSE;
    }
  if ((data = mc_parse_object (&p, root, "data", FALSE)) && (result->dossier = item (&p, data, &updated)))
    {
      result->server_version = g_strdup (result->dossier->server_version);
      result->number = request->create ? g_strdup (result->dossier->number) : NULL;
    }
  return mc_parse_check (&p, error);
}

/* POST /HoSo/TiepNhan under the number the client gives (mc_connector_client_number()), with
 * the reference in ghiChu: a look-up settles a lost answer. */
static gboolean
create (McConnectorLegacy    *self,
        const McPushRequest  *request,
        McPushResult         *result,
        GCancellable         *cancellable,
        GError              **error)
{
  const McDossier *d = request->create;
  g_autofree char *number = mc_connector_client_number (MC_CONNECTOR (self), request);
  g_autofree char *note = mc_connector_reference (request);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  int kind = d->applicant_kind == MC_APPLICANT_CITIZEN ? 0 : d->applicant_kind == MC_APPLICANT_STATE_AGENCY ? 2 : 1;

  json_builder_begin_object (b);
  mc_json_member_string (b, "maHoSo", number);
  mc_json_member_string (b, "maThuTuc", d->procedure_code);
  mc_json_member_string (b, "tenThuTuc", d->procedure_name);
  mc_json_member_string (b, "maLinhVuc", d->field_code);
  mc_json_member_string (b, "chuHoSo", d->applicant_name);
  mc_json_member_string (b, "soGiayTo", d->id_number);
  mc_json_member_string (b, "soDienThoai", d->phone);
  mc_json_member_string (b, "diaChi", d->address);
  json_builder_set_member_name (b, "loaiDoiTuong");
  json_builder_add_int_value (b, kind);
  json_builder_set_member_name (b, "kenhNop");
  json_builder_add_int_value (b, d->channel);
  json_builder_set_member_name (b, "hinhThucTra");
  json_builder_add_int_value (b, d->return_method);
  mc_json_member_time (b, "ngayNop", d->submitted_at, MC_WIRE_TIME_LEGACY);
  mc_json_member_time (b, "ngayNhan", d->received_at, MC_WIRE_TIME_LEGACY);
  mc_json_member_time (b, "hanTra", d->due_at, MC_WIRE_TIME_LEGACY);
  mc_json_member_documents (b, "giayTo", d, "ten", "banSao", "soLuong", MC_JSON_FLAGS_01);
  mc_json_member_fees (b, "lePhi", d, "ten", "soTien", "daNop", MC_JSON_FLAGS_01);
  mc_json_member_string (b, "ghiChu", note);
  mc_json_member_string (b, "nguoiXuLy", request->actor);
  json_builder_end_object (b);
  if (!write_item (self, "/HoSo/TiepNhan", b, request, result, cancellable, error))
    return FALSE;
  if (result->number == NULL)
    result->number = g_steal_pointer (&number);
  return TRUE;
}

/* Last write wins on this back-end: the action carries its reference in ghiChu. */
static gboolean
push (McConnector          *connector,
      const McPushRequest  *request,
      McPushResult         *result,
      GCancellable         *cancellable,
      GError              **error)
{
  McConnectorLegacy *self = MC_CONNECTOR_LEGACY (connector);
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *note = mc_connector_reference (request);
  int code = to_legacy (request->target);

  if (request->create != NULL)
    return create (self, request, result, cancellable, error);
  if (code < 0)
    {
      mc_connector_error (&self->base, error, MC_SYNC_ERROR_REJECTED, _("this system has no status for the action"));
      return FALSE;
    }
  json_builder_begin_object (b);
  mc_json_member_string (b, "maHoSo", request->number);
  json_builder_set_member_name (b, "trangThai");
  json_builder_add_int_value (b, code);
  mc_json_member_string (b, "ghiChu", note);
  mc_json_member_string (b, "nguoiXuLy", request->actor);
  json_builder_end_object (b);
  return write_item (self, "/HoSo/CapNhat", b, request, result, cancellable, error);
}

/* POST /HoSo/TaiLieu, multipart (maHoSo, loai, ghiChu, nguoiXuLy, the file). No key: ghiChu
 * carries the action's reference, which lichSu shows, and the dossier's taiLieu (name and
 * size) settles an upload whose answer was lost. */
static gboolean
upload (McConnector            *connector,
        const McUploadRequest  *request,
        McUploadResult         *result,
        GCancellable           *cancellable,
        GError                **error)
{
  McConnectorLegacy *self = MC_CONNECTOR_LEGACY (connector);
  g_autofree char *note = g_strdup_printf ("Đính kèm %s [ref:%s]", request->name, request->uuid);
  g_autofree char *type = NULL;
  g_autoptr(GBytes) body = mc_connector_multipart (request, "file", &type, "maHoSo", request->number,
                                                   "loai", request->kind == MC_FILE_RESULT ? "KQ" : "TPHS",
                                                   "ghiChu", note, "nguoiXuLy", request->actor, NULL);
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  McParse p = { &self->base, -1 };
  const McJson *root;

  if (!(reply = mc_connector_send (connector, &session_rules, "POST", "/HoSo/TaiLieu", type,
                                  g_bytes_get_data (body, NULL), g_bytes_get_size (body), NULL, cancellable, error)))
    return FALSE;
  if ((root = mc_parse_body (&p, reply->body, &doc)) && !check_envelope (&p, root, error))
    return FALSE;
  return mc_parse_check (&p, error);
}

/* GET {duongDan} with the session cookie: the file, or the login page, or {"status":"ERROR"}. */
static GBytes *
download (McConnector   *connector,
          const McFile  *file,
          GCancellable  *cancellable,
          GError       **error)
{
  McConnectorLegacy *self = MC_CONNECTOR_LEGACY (connector);
  g_autoptr(McHttpReply) reply = mc_connector_send (connector, &file_session_rules, "GET", file->remote_path, NULL,
                                                    NULL, -1, NULL, cancellable, error);
  const char *type;

  if (reply == NULL)
    return NULL;
  type = soup_message_headers_get_content_type (reply->headers, NULL);
  if (reply->status != 200 || (type != NULL && g_str_has_prefix (type, "application/json")))
    {
      g_autoptr(McJsonDoc) doc = NULL;
      McParse p = { &self->base, -1 };
      const McJson *root = mc_parse_body (&p, reply->body, &doc);

      if (root == NULL || check_envelope (&p, root, error))
        mc_connector_refusal (&self->base, error, MC_SYNC_ERROR_SERVER, reply->status, NULL, NULL);
      mc_parse_check (&p, NULL);
      return NULL;
    }
  return g_bytes_ref (reply->body);
}

MC_CONNECTOR_DEFINE_DIALECT (McConnectorLegacy, mc_connector_legacy, .read = read_list, .window = fetch)
