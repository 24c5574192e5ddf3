/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"

/* G21 Dân tộc và Tôn giáo, dialect "legacy": an older web back-end. A form login sets a
 * SESSIONID cookie; an expired session gets HTTP 200 and the HTML login page; status codes of
 * its own (0–9), applicant kinds 0–2, dates dd/MM/yyyy HH:mm:ss; no version, no key. */

/* Own status code → canonical status; the inverse below. */
static const McStatus from_legacy[] = {
  MC_STATUS_SUBMITTED, MC_STATUS_RECEIVED, MC_STATUS_PROCESSING, MC_STATUS_SUPPLEMENT_REQUESTED,
  MC_STATUS_FEE_REQUESTED, MC_STATUS_RESOLVED, MC_STATUS_RETURNED, MC_STATUS_REFUSED,
  MC_STATUS_WITHDRAWN, MC_STATUS_STOPPED,
};

static int
to_legacy (McStatus status)
{
  for (guint i = 0; i < G_N_ELEMENTS (from_legacy); i++)
    if (from_legacy[i] == status)
      return i;
  return 0;
}

static int
kind_to_legacy (McApplicantKind kind)
{
  switch (kind)
    {
    case MC_APPLICANT_CITIZEN: return 0;
    case MC_APPLICANT_STATE_AGENCY: return 2;
    case MC_APPLICANT_ENTERPRISE:
    case MC_APPLICANT_OTHER_ORGANIZATION:
    default: return 1;
    }
}

static const char login_page[] =
  "<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>Đăng nhập hệ thống</title></head>\n"
  "<body><h1>Hệ thống quản lý hồ sơ — Đăng nhập</h1>\n"
  "<form method=\"post\" action=\"/login\"><label>Tên đăng nhập <input name=\"username\"></label>\n"
  "<label>Mật khẩu <input type=\"password\" name=\"password\"></label>\n"
  "<button type=\"submit\">Đăng nhập</button></form>%s</body></html>\n";

static void
answer_login_page (McSimAnswer *answer,
                   const char  *message)
{
  g_autofree char *extra = message ? g_strdup_printf ("<p class=\"loi\">%s</p>", message) : g_strdup ("");

  answer->status = 200;
  answer->content_type = "text/html; charset=utf-8";
  g_string_truncate (answer->body, 0);
  g_string_append_printf (answer->body, login_page, extra);
}

static void
t (GString    *out,
   const char *name,
   gint64      when)
{
  mc_sim_json_time (out, name, MC_WIRE_TIME_LEGACY, when);
}

/* The simulator's lists (not in the spec). */
static const McSimChildKeys child_keys = {
  .documents = "giayTo", .document_name = "ten", .document_copy = "banSao", .document_count = "soLuong",
  .fees = "lePhi", .fee_name = "ten", .fee_amount = "soTien", .fee_paid = "daNop",
  .supplements = "boSung", .supplement_items = "noiDung", .supplement_requested = "ngayYeuCau",
  .supplement_received = "ngayNhan",
  .results = "ketQua", .result_name = "ten", .result_number = "soKyHieu", .result_issued = "ngayBanHanh",
  .booleans = MC_SIM_BOOLEAN_NUMBER, .time_format = MC_WIRE_TIME_LEGACY,
};

/* The spec's steps, and the simulator's with the unit and the step's name. */
static const McSimStepKeys spec_step_keys = {
  .list = "lichSu", .at = "thoiGian", .actor = "nguoiXuLy", .status = "trangThai", .note = "ghiChu",
  .status_code = to_legacy, .time_format = MC_WIRE_TIME_LEGACY,
};

static const McSimStepKeys step_keys = {
  .list = "lichSu", .at = "thoiGian", .actor = "nguoiXuLy", .unit = "donVi", .action = "noiDung",
  .status = "trangThai", .note = "ghiChu", .status_code = to_legacy, .time_format = MC_WIRE_TIME_LEGACY,
};

static const McSimFileKeys file_keys = {
  "taiLieu", NULL, "tenFile", "loai", NULL, "kichThuoc", NULL, "duongDan", "TPHS", "KQ", NULL, FALSE,
  "/HoSo/TaiLieu/TaiVe?maHoSo=", "&tenFile=",
};

/* The applicant's kind in the dialect's own codes (0 citizen, 1 organization, 2 agency). */
static void
read_kinds (McDossier  *d,
            JsonObject *body,
            JsonObject *applicant)
{
  static const McApplicantKind kinds[] = { MC_APPLICANT_CITIZEN, MC_APPLICANT_OTHER_ORGANIZATION,
                                           MC_APPLICANT_STATE_AGENCY };

  d->applicant_kind = kinds[CLAMP (mc_sim_object_int (applicant, "loaiDoiTuong", 0), 0, 2)];
  d->channel = CLAMP (mc_sim_object_int (body, "kenhNop", 1), 1, 3);
  d->return_method = CLAMP (mc_sim_object_int (body, "hinhThucTra", d->channel), 1, 3);
}

/* What a client sends to create a dossier (not in the spec): the item's flat members. */
static const McSimReceiptKeys receipt_keys = {
  .procedure_code = "maThuTuc", .procedure_name = "tenThuTuc", .field_code = "maLinhVuc",
  .applicant_name = "chuHoSo", .id_number = "soGiayTo", .phone = "soDienThoai", .address = "diaChi",
  .submitted = "ngayNop", .received = "ngayNhan", .due = "hanTra", .actor = "nguoiXuLy", .note = "ghiChu",
  .lists = &child_keys, .read_kinds = read_kinds,
};

/* The dialect page's fields, and, unless the back-end is set to serve only those (fault
 * "spec_fields"), the simulator's extras: the field, channels, the other dates, the lists, and
 * the step's unit and name. */
static void
render_item (McSimService *svc,
             McSimRecord  *rec,
             GString      *out,
             McSimCorrupt  corrupt)
{
  const McDossier *d = rec->dossier;
  gboolean extras = !svc->faults.spec_fields;

  if (corrupt == MC_SIM_CORRUPT_MISSING_FIELD)
    g_string_append (out, "{\"soHoSo\":null");
  else
    {
      g_string_append (out, "{\"maHoSo\":");
      mc_sim_json_string (out, d->number);
    }
  mc_sim_json_member (out, "maThuTuc", d->procedure_code);
  mc_sim_json_member (out, "tenThuTuc", d->procedure_name);
  if (extras)
    mc_sim_json_member (out, "maLinhVuc", d->field_code);
  mc_sim_json_member (out, "chuHoSo", d->applicant_name);
  mc_sim_json_member (out, "soGiayTo", d->id_number);
  mc_sim_json_member (out, "soDienThoai", d->phone);
  mc_sim_json_member (out, "diaChi", d->address);
  g_string_append_printf (out, ",\"loaiDoiTuong\":%d", kind_to_legacy (d->applicant_kind));
  if (extras)
    g_string_append_printf (out, ",\"kenhNop\":%d,\"hinhThucTra\":%d", d->channel, d->return_method);
  if (corrupt == MC_SIM_CORRUPT_WRONG_TYPE)
    g_string_append (out, ",\"trangThai\":\"hai\"");
  else
    g_string_append_printf (out, ",\"trangThai\":%d", corrupt == MC_SIM_CORRUPT_UNKNOWN_STATUS ? 17 : to_legacy (d->status));
  if (extras)
    t (out, "ngayNop", d->submitted_at);
  if (corrupt == MC_SIM_CORRUPT_BAD_DATE)
    g_string_append (out, ",\"ngayNhan\":\"2026-06-09 08:00\"");
  else
    t (out, "ngayNhan", d->received_at);
  t (out, "hanTra", d->due_at);
  if (extras)
    {
      t (out, "ngayXong", d->finished_at);
      t (out, "ngayTra", d->returned_at);
      /* The spec's items carry no update time; a back-end configured to give one has it here. */
      if (svc->faults.update_time)
        t (out, "ngayCapNhat", rec->updated_at);
      mc_sim_render_children (out, d, &child_keys);
    }
  mc_sim_render_history (out, d, extras ? &step_keys : &spec_step_keys);
  /* The older back-end lists files, and says nothing of payments, ratings or reuse. */
  mc_sim_render_files (svc, rec, out, &file_keys, d->number);
  g_string_append_c (out, '}');
}

static void
render_page (McSimService *svc,
             GString      *out,
             const char   *items,
             guint         n_items,
             guint         total,
             guint         page)
{
  g_string_append_printf (out, "{\"status\":\"OK\",\"errorMessage\":null,\"total\":%u,\"data\":[%s]}", total, items);
}

#define FAIL(answer, message) \
  mc_sim_answer_json ((answer), 200, "{\"status\":\"ERROR\",\"errorMessage\":\"%s\"}", (message))

/* FALSE, and the answer says so, where @note (ghiChu) is longer than its column. */
static gboolean
note_fits (const char  *note,
           McSimAnswer *answer)
{
  if (!mc_sim_note_too_long (note))
    return TRUE;
  FAIL (answer, "Ghi chú dài quá 1000 ký tự");
  return FALSE;
}

/* {"status":"OK","data":{item}}: the answer of a look-up, an update and an intake. */
static void
answer_item (McSimService *svc,
             McSimRecord  *rec,
             McSimAnswer  *answer)
{
  mc_sim_answer_item (svc, rec, answer, 200, "{\"status\":\"OK\",\"errorMessage\":null,\"data\":", "}");
}

static void
login (McSimService      *svc,
       SoupServerMessage *msg,
       McSimAnswer       *answer)
{
  g_autoptr(GHashTable) form = mc_sim_read_form (msg);
  g_autofree char *session = NULL;
  g_autofree char *cookie = NULL;

  if (((const char *) g_hash_table_lookup (form, "username") ?: "")[0] == '\0'
      || g_strcmp0 (g_hash_table_lookup (form, "password"), mc_sim_password (svc->sim)) != 0)
    {
      answer_login_page (answer, "Sai tên đăng nhập hoặc mật khẩu");
      return;
    }
  session = mc_sim_new_session (svc);
  cookie = g_strdup_printf ("SESSIONID=%s; Path=/; HttpOnly", session);
  mc_sim_answer_header (answer, "Set-Cookie", cookie);
  mc_sim_answer_json (answer, 200, "{\"status\":\"OK\",\"errorMessage\":null}");
}

static char *
session_of (SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "Cookie");
  g_auto(GStrv) parts = header ? g_strsplit (header, ";", -1) : NULL;

  for (guint i = 0; parts && parts[i]; i++)
    {
      char *p = g_strstrip (parts[i]);

      if (g_str_has_prefix (p, "SESSIONID="))
        return g_strdup (p + strlen ("SESSIONID="));
    }
  return NULL;
}

static void
list (McSimService *svc,
      GHashTable   *query,
      McSimAnswer  *answer)
{
  const char *since = mc_sim_query (query, "tuNgay");
  guint offset = mc_sim_query_uint (query, "offset", 0);
  guint limit = mc_sim_query_uint (query, "limit", 20);
  gint64 from;

  if (g_strcmp0 (mc_sim_query (query, "donVi"), MC_SIM_UNIT_CODE) != 0)
    {
      mc_sim_answer_json (answer, 200, "{\"status\":\"ERROR\",\"errorCode\":\"DON_VI\","
                          "\"errorMessage\":\"Đơn vị không hợp lệ\"}");
      return;
    }
  if (!mc_sim_read_since (svc, since, &from))
    {
      FAIL (answer, "Tham số tuNgay không đúng định dạng dd/MM/yyyy HH:mm:ss");
      return;
    }
  if (limit < 1 || limit > 1000)
    {
      FAIL (answer, "limit phải từ 1 đến 1000");
      return;
    }
  mc_sim_answer_page (svc, answer, from, offset, limit, 1);
}

/* Last write wins: no version to check. The reference in ghiChu makes it recognizable. */
static void
update (McSimService      *svc,
        SoupServerMessage *msg,
        McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  McSimRecord *rec = mc_sim_service_lookup (svc, mc_sim_object_string (body, "maHoSo"));
  gint64 code = mc_sim_object_int (body, "trangThai", -1);
  const char *note = mc_sim_object_string (body, "ghiChu");
  g_autofree char *key = NULL;

  if (rec == NULL)
    {
      FAIL (answer, "Không tìm thấy hồ sơ");
      return;
    }
  if (!note_fits (note, answer))
    return;
  key = mc_sim_note_key (svc, note, rec->dossier->number);
  if (code < 0 || code >= (gint64) G_N_ELEMENTS (from_legacy)
      || !mc_sim_apply_status (svc, rec, from_legacy[code], mc_sim_object_string (body, "nguoiXuLy"), note, key))
    {
      FAIL (answer, "Trạng thái không hợp lệ");
      return;
    }
  answer_item (svc, rec, answer);
  answer->committed = TRUE;
}

/* POST /HoSo/TaiLieu (multipart: maHoSo, loai, ghiChu and the file part) → {"status":"OK"}.
 * No key: ghiChu, with the client's reference, goes into lichSu. */
static void
upload (McSimService      *svc,
        SoupServerMessage *msg,
        McSimAnswer       *answer)
{
  g_autofree char *filename = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GHashTable) fields = mc_sim_read_multipart (msg, &filename, &content);
  McSimRecord *rec = fields ? mc_sim_service_lookup (svc, g_hash_table_lookup (fields, "maHoSo")) : NULL;
  const char *kind = fields ? g_hash_table_lookup (fields, "loai") : NULL;
  const char *note = fields ? g_hash_table_lookup (fields, "ghiChu") : NULL;
  McFileKind file_kind = MC_FILE_COMPONENT;

  if (rec == NULL)
    FAIL (answer, "Không tìm thấy hồ sơ");
  else if (content == NULL || filename == NULL || *filename == '\0'
           || !mc_sim_file_kind (&file_keys, kind, &file_kind))
    FAIL (answer, "Thiếu tệp hoặc loại tài liệu");
  else if (mc_sim_note_too_long (note))
    FAIL (answer, "Ghi chú dài quá 1000 ký tự");
  else if (g_bytes_get_size (content) > mc_sim_file_limit (svc))
    FAIL (answer, "Tệp vượt quá dung lượng cho phép (10 MB)");
  else
    {
      g_autofree char *key = mc_sim_note_key (svc, note, rec->dossier->number);

      mc_sim_add_file (svc, rec, file_kind, filename, NULL, content, FALSE, g_hash_table_lookup (fields, "nguoiXuLy"),
                       note ? note : "", key);
      mc_sim_answer_json (answer, 200, "{\"status\":\"OK\",\"errorMessage\":null}");
      answer->committed = TRUE;
    }
}

/* POST /HoSo/TiepNhan: a dossier received at the counter. No key here either: the client
 * chooses maHoSo (an existing one is refused), so that a look-up settles a lost answer, and
 * the reference in ghiChu counts it. */
static void
receive_new (McSimService      *svc,
             SoupServerMessage *msg,
             McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  const char *number = mc_sim_object_string (body, "maHoSo");
  const char *note = mc_sim_object_string (body, "ghiChu");
  g_autofree char *create = NULL;
  g_autofree char *key = NULL;
  McSimRecord *rec;

  if (number == NULL || !mc_sim_receipt_complete (body, body, &receipt_keys))
    {
      FAIL (answer, "Thiếu maHoSo, maThuTuc hoặc chuHoSo");
      return;
    }
  if (mc_sim_service_lookup (svc, number) != NULL)
    {
      FAIL (answer, "Hồ sơ đã tồn tại");
      return;
    }
  if (!note_fits (note, answer))
    return;
  create = g_strconcat ("create:", number, NULL);
  key = mc_sim_note_key (svc, note, create);
  rec = mc_sim_create_from_receipt (svc, body, body, &receipt_keys, g_strdup (number), key);
  answer_item (svc, rec, answer);
  answer->committed = TRUE;
}

static void
handle (McSimService      *svc,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        McSimAnswer       *answer)
{
  const char *method = soup_server_message_get_method (msg);
  g_autofree char *session = NULL;

  if (g_str_equal (path, "/login"))
    {
      if (g_str_equal (method, "POST"))
        login (svc, msg, answer);
      else
        answer_login_page (answer, NULL);
      return;
    }
  session = session_of (msg);
  if (svc->faults.html_login > 0 || !mc_sim_check_session (svc, session))
    {
      /* What the old back-end does with an expired session: its login page, HTTP 200. */
      if (svc->faults.html_login > 0)
        svc->faults.html_login--;
      if (session)
        g_hash_table_remove (svc->sessions, session);
      answer_login_page (answer, NULL);
      return;
    }
  if (g_str_equal (path, "/HoSo/DanhSach") && g_str_equal (method, "GET"))
    list (svc, query, answer);
  else if (g_str_equal (path, "/HoSo/ChiTiet") && g_str_equal (method, "GET"))
    {
      McSimRecord *rec = mc_sim_service_lookup (svc, mc_sim_query (query, "maHoSo"));

      if (rec == NULL)
        FAIL (answer, "Không tìm thấy hồ sơ");
      else
        answer_item (svc, rec, answer);
    }
  else if (g_str_equal (path, "/HoSo/CapNhat") && g_str_equal (method, "POST"))
    update (svc, msg, answer);
  else if (g_str_equal (path, "/HoSo/TiepNhan") && g_str_equal (method, "POST"))
    receive_new (svc, msg, answer);
  else if (g_str_equal (path, "/HoSo/TaiLieu") && g_str_equal (method, "POST"))
    upload (svc, msg, answer);
  else if (g_str_equal (path, "/HoSo/TaiLieu/TaiVe") && g_str_equal (method, "GET"))
    {
      McSimRecord *rec = mc_sim_service_lookup (svc, mc_sim_query (query, "maHoSo"));

      if (!mc_sim_answer_file (svc, rec, NULL, mc_sim_query (query, "tenFile"), answer))
        FAIL (answer, "Không tìm thấy tài liệu");
    }
  else
    {
      answer->status = 404;
      answer->content_type = "text/html; charset=utf-8";
      g_string_assign (answer->body, "<html><body><h1>404 - Không tìm thấy trang</h1></body></html>");
    }
}

const McSimDialectClass mc_sim_legacy_class = {
  .name = "legacy",
  .source_id = "g21",
  .time_format = MC_WIRE_TIME_LEGACY,
  .seq_order = FALSE,
  .handle = handle,
  .render_item = render_item,
  .render_page = render_page,
};
