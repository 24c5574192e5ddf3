/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connectors.h"
#include "mc-id.h"

/* G18 Y tế, dialect "feed": a change feed (since=SEQ → results, last_seq; 410 when the server
 * no longer keeps that sequence), access and refresh tokens (on a 401 refresh first, then sign
 * in), snake_case fields, dates in epoch milliseconds, string _rev, X-Request-Id keys. */

struct _McConnectorFeed
{
  GObject parent_instance;

  McConnectorBase base;    /* session: the access token; refresh: the refresh token */
};

static const char *status_names[] = {
  [MC_STATUS_SUBMITTED] = "CHO_TIEP_NHAN", [MC_STATUS_RECEIVED] = "DA_TIEP_NHAN",
  [MC_STATUS_REFUSED] = "TU_CHOI", [MC_STATUS_PROCESSING] = "DANG_XU_LY",
  [MC_STATUS_SUPPLEMENT_REQUESTED] = "CHO_BO_SUNG", [MC_STATUS_FEE_REQUESTED] = "CHO_NGHIA_VU_TAI_CHINH",
  [MC_STATUS_WITHDRAWN] = "RUT_HO_SO", [MC_STATUS_STOPPED] = "DUNG_XU_LY",
  [MC_STATUS_RESOLVED] = "DA_CO_KET_QUA", [MC_STATUS_RETURNED] = "DA_TRA_KET_QUA",
};

static McStatus
status_from_name (const char *name)
{
  int i = MC_ID_FIND (status_names, name);

  return i >= 0 ? (McStatus) i : MC_STATUS_INVALID;
}

/* POST /token or /token/refresh; FALSE with MC_SYNC_ERROR_AUTH when refused. */
static gboolean
get_tokens (McConnectorFeed  *self,
            const char       *path,
            const char       *body,
            GCancellable     *cancellable,
            GError          **error)
{
  McConnectorBase *base = &self->base;
  g_autoptr(McHttpReply) reply = mc_http_send (base->http, "POST", path, "application/json", body, -1, NULL,
                                               cancellable, error);
  g_autoptr(McJsonDoc) json = NULL;
  McParse p = { base, -1 };
  const McJson *root;

  if (reply == NULL)
    return FALSE;
  if (reply->status == 401 || reply->status == 403)
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the user name or password was refused"));
      return FALSE;
    }
  if (!mc_connector_check_status (base, reply, error))
    return FALSE;
  if ((root = mc_parse_body (&p, reply->body, &json)))
    {
      g_free (base->session);
      g_free (base->refresh);
      base->session = mc_parse_string (&p, root, "access_token", TRUE);
      base->refresh = mc_parse_string (&p, root, "refresh_token", FALSE);
      mc_parse_int (&p, root, "expires_in", FALSE, 0);
    }
  if (!mc_parse_check (&p, error))
    return FALSE;
  mc_connector_keep_session (base, MC_SECRET_ACCESS_TOKEN, base->session);
  mc_connector_keep_session (base, MC_SECRET_REFRESH_TOKEN, base->refresh);
  return TRUE;
}

static gboolean
sign_in (McConnector   *connector,
         GCancellable  *cancellable,
         GError       **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  g_autofree char *body = NULL;
  gboolean ok;

  g_clear_pointer (&self->base.session, g_free);
  g_clear_pointer (&self->base.refresh, g_free);
  body = mc_json_credentials (&self->base);
  ok = get_tokens (self, "/token", body, cancellable, error);
  memset (body, 0, strlen (body));
  return ok;
}

/* An expired access token: the refresh token first (kept in the keyring, or from the last
 * sign-in), a full sign-in if that is refused too. */
static gboolean
renew (McConnector   *connector,
       GCancellable  *cancellable,
       GError       **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  McConnectorBase *base = &self->base;

  if (base->refresh == NULL)
    base->refresh = mc_connector_restore_session (base, MC_SECRET_REFRESH_TOKEN);
  if (base->refresh != NULL)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autofree char *body = NULL;
      g_autoptr(GError) local = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "refresh_token");
      json_builder_add_string_value (b, base->refresh);
      json_builder_end_object (b);
      body = mc_json_text (b);
      if (get_tokens (self, "/token/refresh", body, cancellable, &local))
        return TRUE;
      if (!g_error_matches (local, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
    }
  return sign_in (connector, cancellable, error);
}

static const McSessionRules session_rules = {
  .kind = MC_SECRET_ACCESS_TOKEN, .header = "Authorization", .prefix = "Bearer ", .renew = renew,
};

static McHttpReply *
call_with (McConnectorFeed  *self,
           const char       *method,
           const char       *path,
           const char       *content_type,
           const char       *body,
           gssize            body_len,
           const char       *key,
           GCancellable     *cancellable,
           GError          **error)
{
  const char *headers[] = { key ? "X-Request-Id" : NULL, key, NULL };

  return mc_connector_send (MC_CONNECTOR (self), &session_rules, method, path, content_type, body, body_len,
                            headers, cancellable, error);
}

static McHttpReply *
call (McConnectorFeed  *self,
      const char       *method,
      const char       *path,
      const char       *body,
      const char       *key,
      GCancellable     *cancellable,
      GError          **error)
{
  return call_with (self, method, path, body ? "application/json" : NULL, body, -1, key, cancellable, error);
}

/* The names this dialect gives the documents, fees, supplements and results of a dossier. */
static const McChildKeys child_keys = {
  .documents = "tai_lieu",
  .document_name = "ten",
  .document_copy = "ban_sao",
  .document_count = "so_luong",
  .fees = "le_phi",
  .fee_name = "ten",
  .fee_amount = "so_tien",
  .fee_paid = "da_nop",
  .supplements = "bo_sung",
  .supplement_items = "noi_dung",
  .supplement_requested = "ngay_yeu_cau",
  .supplement_received = "ngay_nhan",
  .results = "ket_qua",
  .result_name = "ten",
  .result_number = "so_hieu",
  .result_issued = "ngay_ban_hanh",
  .epoch_ms = TRUE,
  .document_digitised = "da_so_hoa",
  .document_reused = "tai_su_dung",
  .document_from_store = "tu_kho_du_lieu",
  .result_code = "ma_giay_to",
  .result_file = "duong_dan",
  .files = "tep_dinh_kem",
  .file_name = "ten_tep",
  .file_kind = "loai",
  .file_component = "ma_thanh_phan",
  .file_size = "kich_thuoc",
  .file_hash = "md5",
  .file_hash_algo = "md5",
  .file_path = "url",
  .file_result = "KQ",
};

static const McStepKeys step_keys = {
  .list = "lich_su",
  .at = "thoi_diem",
  .actor = "nguoi_xu_ly",
  .unit = "don_vi",
  .action = "hanh_dong",
  .note = "ghi_chu",
  .status = "trang_thai",
  .epoch_ms = TRUE,
  .status_names = status_names,
  .n_status = G_N_ELEMENTS (status_names),
};

/* thanh_toan {trang_thai, hinh_thuc} (data/api/README.md). */
static McPaymentState
payment_from_feed (McParse      *p,
                   const McJson *o)
{
  static const struct { const char *name; McPaymentState state; } states[] = {
    { "KHONG_THU", MC_PAYMENT_NOT_REQUIRED }, { "MIEN", MC_PAYMENT_EXEMPT }, { "CHUA_NOP", MC_PAYMENT_PENDING },
    { "HUY", MC_PAYMENT_CANCELLED }, { "HOAN", MC_PAYMENT_REFUNDED },
  };
  const McJson *payment = mc_parse_object (p, o, "thanh_toan", FALSE);
  g_autofree char *state = payment ? mc_parse_string (p, payment, "trang_thai", TRUE) : NULL;
  g_autofree char *method = payment ? mc_parse_string (p, payment, "hinh_thuc", FALSE) : NULL;
  int i;

  if (state == NULL)
    return MC_PAYMENT_UNKNOWN;
  if (g_str_equal (state, "DA_NOP"))
    return g_strcmp0 (method, "DVCQG") == 0 ? MC_PAYMENT_PAID_ONLINE_PORTAL
         : g_strcmp0 (method, "CONG_BO") == 0 ? MC_PAYMENT_PAID_ONLINE_LOCAL : MC_PAYMENT_PAID_COUNTER;
  i = MC_ID_FIND_MEMBER (states, name, state);
  return i >= 0 ? states[i].state : MC_PAYMENT_UNKNOWN;
}

static McDossier *
doc (McParse      *p,
     const McJson *o)
{
  g_autoptr(McDossier) d = mc_dossier_new ();
  g_autofree char *status = NULL;
  const McJson *applicant;
  gint64 kind;

  d->source_id = g_strdup (p->base->source->id);
  d->server_version = mc_parse_string (p, o, "_rev", TRUE);
  d->number = mc_parse_string (p, o, "ma_ho_so", TRUE);
  d->procedure_code = mc_parse_string (p, o, "ma_tthc", TRUE);
  d->procedure_name = mc_parse_string (p, o, "ten_tthc", FALSE);
  d->field_code = mc_parse_string (p, o, "ma_linh_vuc", FALSE);
  applicant = mc_parse_object (p, o, "chu_ho_so", TRUE);
  d->applicant_name = mc_parse_string (p, applicant, "ho_ten", TRUE);
  d->id_number = mc_parse_string (p, applicant, "so_dinh_danh", FALSE);
  d->phone = mc_parse_string (p, applicant, "dien_thoai", FALSE);
  d->address = mc_parse_string (p, applicant, "dia_chi", FALSE);
  kind = mc_parse_int (p, applicant, "loai_doi_tuong", FALSE, MC_APPLICANT_CITIZEN);
  d->channel = CLAMP (mc_parse_int (p, o, "kenh_thuc_hien", FALSE, MC_CHANNEL_IN_PERSON), 1, 3);
  d->return_method = CLAMP (mc_parse_int (p, o, "hinh_thuc_tra", FALSE, d->channel), 1, 3);
  status = mc_parse_string (p, o, "trang_thai", TRUE);
  d->submitted_at = mc_parse_ms (p, o, "ngay_nop", FALSE);
  d->received_at = mc_parse_ms (p, o, "ngay_tiep_nhan", FALSE);
  d->due_at = mc_parse_ms (p, o, "han_xu_ly", FALSE);
  d->finished_at = mc_parse_ms (p, o, "ngay_ket_thuc", FALSE);
  d->returned_at = mc_parse_ms (p, o, "ngay_tra", FALSE);
  if (p->error == NULL && !(d->status = status_from_name (status)))
    mc_parse_fail (p, _("unknown status “%s”"), status);
  if (p->error == NULL && (kind < MC_APPLICANT_CITIZEN || kind > MC_APPLICANT_OTHER_ORGANIZATION))
    mc_parse_fail (p, _("unknown applicant kind “%lld”"), (long long) kind);
  d->applicant_kind = kind;

  mc_parse_children (p, o, &child_keys, MC_WIRE_TIME_ISO8601, d);
  d->payment = payment_from_feed (p, o);
  d->satisfaction = mc_json_member (o, "muc_do_hai_long") == NULL ? MC_SATISFACTION_UNKNOWN
    : CLAMP (mc_parse_int (p, o, "muc_do_hai_long", FALSE, 0), MC_SATISFACTION_NOT_RATED, MC_SATISFACTION_LAST);
  d->citizen_data = mc_parse_flag (p, o, "xac_thuc_vneid");
  d->reused = mc_parse_flag (p, o, "co_thanh_phan_so_hoa");
  mc_parse_history (p, o, &step_keys, MC_WIRE_TIME_ISO8601, d);
  return p->error == NULL ? g_steal_pointer (&d) : NULL;
}

/* {"results":[{"seq","id","doc"}],"last_seq"}: the cursor is the last sequence. */
static gboolean
read_changes (McParse       *p,
              const McJson  *root,
              const char    *cursor,
              McPullPage    *page,
              GError       **error)
{
  const McJson *results = mc_parse_array (p, root, "results", TRUE);
  gint64 last_seq = mc_parse_int (p, root, "last_seq", TRUE, 0);

  for (guint i = 0; results && p->error == NULL && i < mc_json_length (results); i++)
    {
      const McJson *o = mc_parse_item (p, results, i);
      const McJson *body_doc;
      g_autofree char *id = NULL;
      McDossier *d;

      if (o == NULL)
        break;
      mc_parse_int (p, o, "seq", TRUE, 0);
      if (mc_parse_tombstone (p, o, page, &id))
        continue;
      body_doc = mc_parse_object (p, o, "doc", TRUE);
      if (body_doc == NULL || !(d = doc (p, body_doc)))
        break;
      g_ptr_array_add (page->dossiers, d);
      g_ptr_array_add (page->remote_ids, NULL);
    }
  page->more = results && mc_json_length (results) >= p->base->page_size;
  page->cursor = g_strdup_printf ("%" G_GINT64_FORMAT, last_seq);
  return TRUE;
}

static McHttpReply *
get_changes (McConnector   *connector,
             const char    *cursor,
             GCancellable  *cancellable,
             GError       **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  g_autofree char *path = g_strdup_printf ("/changes?since=%s&limit=%u", cursor ? cursor : "0", self->base.page_size);

  return call (self, "GET", path, NULL, NULL, cancellable, error);
}

static void
refuse_changes (McConnectorBase  *base,
                McHttpReply      *reply,
                GError          **error)
{
  mc_connector_refusal (base, error, MC_SYNC_ERROR_SERVER, reply->status, NULL, NULL);
}

static McDossier *
lookup (McConnector   *connector,
        const char    *number,
        GCancellable  *cancellable,
        GError       **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  g_autofree char *escaped = g_uri_escape_string (number, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/dossiers/%s", escaped);
  g_autoptr(McHttpReply) reply = call (self, "GET", path, NULL, NULL, cancellable, error);
  g_autoptr(McJsonDoc) json = NULL;
  McParse p = { &self->base, 0 };
  const McJson *root;
  McDossier *d = NULL;

  if (reply == NULL || !mc_connector_check_status (&self->base, reply, error))
    return NULL;
  if ((root = mc_parse_body (&p, reply->body, &json)))
    d = doc (&p, root);
  if (!mc_parse_check (&p, error))
    g_clear_pointer (&d, mc_dossier_unref);
  return d;
}

static void
member_ms (JsonBuilder *b,
           const char  *name,
           gint64       t)
{
  json_builder_set_member_name (b, name);
  if (t != 0)
    json_builder_add_int_value (b, t * 1000);
  else
    json_builder_add_null_value (b);
}

/* Checks the reply to a write (a dossier, an action, a file): a 409 is a conflict; 429, 5xx
 * and 404 are judged as every reply is; any other status but 2xx (400, 403, 415, 422, …) is a
 * refusal (with the system's reason). */
static gboolean
check_write_reply (McConnectorBase  *base,
                   McHttpReply      *reply,
                   GError          **error)
{
  if (reply->status != 409 && !mc_connector_check_status (base, reply, error))
    return FALSE;
  if (SOUP_STATUS_IS_SUCCESSFUL (reply->status))
    return TRUE;
  mc_connector_json_refusal (base, error, reply->status == 409 ? MC_SYNC_ERROR_CONFLICT : MC_SYNC_ERROR_REJECTED,
                             reply, "reason");
  return FALSE;
}

/* The revision a write's answer gives: the page's upload answer says _rev; the simulator's
 * action answer says rev. */
static char *
parse_rev (McParse      *p,
           const McJson *root)
{
  char *rev = mc_parse_string (p, root, "_rev", FALSE);

  return rev != NULL ? rev : mc_parse_string (p, root, "rev", FALSE);
}

/* Sends @b and judges the reply (check_write_reply()). */
static gboolean
write_doc (McConnectorFeed      *self,
           const char           *method,
           const char           *path,
           JsonBuilder          *b,
           const McPushRequest  *request,
           McPushResult         *result,
           GCancellable         *cancellable,
           GError              **error)
{
  McConnectorBase *base = &self->base;
  g_autofree char *body = mc_json_text (b);
  g_autoptr(McJsonDoc) json = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  McParse p = { base, -1 };
  const McJson *root;

  if (!(reply = call (self, method, path, body, request->uuid, cancellable, error)))
    return FALSE;
  if (!check_write_reply (base, reply, error))
    return FALSE;
  /* A 204 (or any empty 2xx) to an action: applied, its revision comes with the next pull. A
   * new dossier needs the answer's id. */
  if (request->create == NULL && g_bytes_get_size (reply->body) == 0)
    return TRUE;
  if ((root = mc_parse_body (&p, reply->body, &json)))
    {
      result->server_version = parse_rev (&p, root);
      if (request->create != NULL)
        result->number = mc_parse_string (&p, root, "id", TRUE);
    }
  return mc_parse_check (&p, error);
}

/* POST /dossiers with X-Request-Id: the system gives the number. */
static gboolean
create (McConnectorFeed      *self,
        const McPushRequest  *request,
        McPushResult         *result,
        GCancellable         *cancellable,
        GError              **error)
{
  const McDossier *d = request->create;
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  mc_json_member_string (b, "ma_tthc", d->procedure_code);
  mc_json_member_string (b, "ten_tthc", d->procedure_name);
  mc_json_member_string (b, "ma_linh_vuc", d->field_code);
  json_builder_set_member_name (b, "chu_ho_so");
  json_builder_begin_object (b);
  mc_json_member_string (b, "ho_ten", d->applicant_name);
  mc_json_member_string (b, "so_dinh_danh", d->id_number);
  mc_json_member_string (b, "dien_thoai", d->phone);
  mc_json_member_string (b, "dia_chi", d->address);
  mc_json_member_int (b, "loai_doi_tuong", d->applicant_kind, MC_JSON_NATIVE);
  json_builder_end_object (b);
  mc_json_member_int (b, "kenh_thuc_hien", d->channel, MC_JSON_NATIVE);
  mc_json_member_int (b, "hinh_thuc_tra", d->return_method, MC_JSON_NATIVE);
  member_ms (b, "ngay_nop", d->submitted_at);
  member_ms (b, "ngay_tiep_nhan", d->received_at);
  member_ms (b, "han_xu_ly", d->due_at);
  mc_json_member_documents (b, "tai_lieu", d, "ten", "ban_sao", "so_luong", MC_JSON_NATIVE);
  mc_json_member_fees (b, "le_phi", d, "ten", "so_tien", "da_nop", MC_JSON_NATIVE);
  mc_json_member_string (b, "ghi_chu", request->note ? request->note : "");
  mc_json_member_string (b, "nguoi_xu_ly", request->actor ? request->actor : "");
  json_builder_end_object (b);
  return write_doc (self, "POST", "/dossiers", b, request, result, cancellable, error);
}

static gboolean
push (McConnector          *connector,
      const McPushRequest  *request,
      McPushResult         *result,
      GCancellable         *cancellable,
      GError              **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  g_autofree char *escaped = g_uri_escape_string (request->number, NULL, FALSE);
  g_autofree char *path = g_strdup_printf ("/dossiers/%s/status", escaped);
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (request->create != NULL)
    return create (self, request, result, cancellable, error);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "trang_thai");
  json_builder_add_string_value (b, status_names[CLAMP (request->target, MC_STATUS_FIRST, MC_STATUS_LAST)]);
  json_builder_set_member_name (b, "ghi_chu");
  json_builder_add_string_value (b, request->note ? request->note : "");
  json_builder_set_member_name (b, "nguoi_xu_ly");
  json_builder_add_string_value (b, request->actor ? request->actor : "");
  json_builder_set_member_name (b, "_rev");
  json_builder_add_string_value (b, request->base_version ? request->base_version : "");
  json_builder_end_object (b);
  return write_doc (self, "PUT", path, b, request, result, cancellable, error);
}

/* PUT /dossiers/{ma_ho_so}/files/{ten_tep}?loai=…&ma_thanh_phan=…&_rev=… with X-Request-Id. */
static gboolean
upload (McConnector            *connector,
        const McUploadRequest  *request,
        McUploadResult         *result,
        GCancellable           *cancellable,
        GError                **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  McConnectorBase *base = &self->base;
  g_autoptr(McDossier) now = NULL;
  const char *rev = request->base_version;
  g_autofree char *number = g_uri_escape_string (request->number, NULL, FALSE);
  g_autofree char *name = g_uri_escape_string (request->name, NULL, FALSE);
  g_autofree char *form = NULL;
  g_autofree char *path = NULL;
  g_autoptr(McHttpReply) reply = NULL;
  g_autoptr(McJsonDoc) json = NULL;
  McParse p = { base, -1 };
  const McJson *root;

  /* _rev: the revision the file was queued on, like any action (a repeat under the key is
   * answered before the revision is compared). */
  if (rev == NULL)
    {
      if (!(now = lookup (connector, request->number, cancellable, error)))
        return FALSE;
      rev = now->server_version;
    }
  form = soup_form_encode ("loai", request->kind == MC_FILE_RESULT ? "KQ" : "TPHS",
                           "ma_thanh_phan", request->component ? request->component : "",
                           "_rev", rev ? rev : "", NULL);
  path = g_strdup_printf ("/dossiers/%s/files/%s?%s", number, name, form);
  if (!(reply = call_with (self, "PUT", path, request->content_type, g_bytes_get_data (request->content, NULL),
                           g_bytes_get_size (request->content), request->uuid, cancellable, error)))
    return FALSE;
  if (!check_write_reply (base, reply, error))
    return FALSE;
  /* An empty 2xx: stored, its revision comes with the next pull. */
  if (g_bytes_get_size (reply->body) > 0 && (root = mc_parse_body (&p, reply->body, &json)))
    result->server_version = parse_rev (&p, root);
  result->version_before = g_strdup (rev);
  result->remote_path = g_strdup_printf ("/dossiers/%s/files/%s", number, name);
  return mc_parse_check (&p, error);
}

/* GET {url} with the bearer token. */
static GBytes *
download (McConnector   *connector,
          const McFile  *file,
          GCancellable  *cancellable,
          GError       **error)
{
  McConnectorFeed *self = MC_CONNECTOR_FEED (connector);
  g_autoptr(McHttpReply) reply = call (self, "GET", file->remote_path, NULL, NULL, cancellable, error);

  if (reply == NULL || !mc_connector_check_status (&self->base, reply, error))
    return NULL;
  return mc_connector_file_body (&self->base, reply, "reason", error);
}

MC_CONNECTOR_DEFINE_DIALECT (McConnectorFeed, mc_connector_feed,
                             .read = read_changes, .cursor = get_changes, .refuse = refuse_changes)
