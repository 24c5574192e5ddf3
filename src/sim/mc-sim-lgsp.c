/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"

/* G09 Nội vụ, dialect "lgsp": OAuth2 client credentials, {code, message, data}, dates
 * yyyy-MM-dd HH:mm:ss, PascalCase national vocabulary, PhienBan versions, MaGiaoDich
 * idempotency keys. The item renderer is shared with the portal dialect (dvcqg). */

static void
num (GString  *out,
     gboolean  portal,
     const char *name,
     gint64    value)
{
  if (portal)
    g_string_append_printf (out, ",\"%s\":\"%" G_GINT64_FORMAT "\"", name, value);
  else
    g_string_append_printf (out, ",\"%s\":%" G_GINT64_FORMAT, name, value);
}

/* An object's first member, so that the rest can all start with a comma. */
static void
first_member (GString    *out,
              const char *name,
              const char *text)
{
  g_string_append_printf (out, "{\"%s\":", name);
  mc_sim_json_string (out, text);
}

/* The national vocabulary's lists; how their values are written is the dialect's. */
static const McSimChildKeys national_keys = {
  .documents = "TaiLieuNop", .document_name = "TenGiayTo", .document_copy = "LaBanSao", .document_count = "SoLuong",
  .document_digitised = "DuocSoHoa", .document_reused = "DuocTaiSuDung", .document_from_store = "DuocLayTuKhoDMQG",
  .fees = "DanhSachLePhi", .fee_name = "TenPhiLePhi", .fee_amount = "MucPhi", .fee_paid = "DaThanhToan",
  .supplements = "DanhSachHoSoBoSung", .supplement_items = "NoiDungBoSung",
  .supplement_requested = "NgayYeuCauBoSung", .supplement_received = "NgayTiepNhanBoSung",
  .results = "DanhSachGiayToKetQua", .result_name = "TenGiayTo", .result_number = "SoKyHieu",
  .result_issued = "NgayBanHanh", .result_code = "MaGiayToKetQua", .result_file = "DuongDanTepTinKetQua",
};

static const McSimFileKeys lgsp_files = {
  "TepDinhKem", "MaTep", "TenTep", "LoaiTep", "MaThanhPhan", "KichThuoc", "Sha256", "DuongDan", "TPHS", "KQ", "sha256",
  FALSE, "/api/hoso/", "/teptin/",
};

/* The portal's path of a file is "MaHoSo/TenTep". */
const McSimFileKeys mc_sim_portal_files = {
  "DanhSachTepDinhKem", NULL, "TenTep", "LoaiTep", "MaThanhPhan", "KichThuoc", NULL, "DuongDanTep", "TPHS", "KQ", NULL,
  TRUE, "", "/",
};

static void
read_kinds (McDossier  *d,
            JsonObject *body,
            JsonObject *applicant)
{
  d->applicant_kind = CLAMP (mc_sim_object_int (applicant, "LoaiDoiTuong", 1), 1, 4);
  d->channel = CLAMP (mc_sim_object_int (body, "KenhThucHien", 1), 1, 3);
  d->return_method = CLAMP (mc_sim_object_int (body, "HinhThucTraKetQua", 1), 1, 3);
}

static const McSimReceiptKeys national_receipt = {
  .procedure_code = "MaTTHC", .procedure_name = "TenTTHC", .field_code = "MaLinhVuc",
  .applicant_name = "ChuHoSo", .id_number = "SoDinhDanh", .phone = "SoDienThoai", .address = "DiaChi",
  .submitted = "NgayNopHoSo", .received = "NgayTiepNhan", .due = "NgayHenTra", .read_kinds = read_kinds,
};

void
mc_sim_render_national (McSimService *svc,
                        McSimRecord  *rec,
                        GString      *out,
                        McSimCorrupt  corrupt,
                        gboolean      portal)
{
  const McDossier *d = rec->dossier;
  McWireTime tf = svc->klass->time_format;
  McSimChildKeys keys = national_keys;

  if (corrupt == MC_SIM_CORRUPT_MISSING_FIELD)
    g_string_append (out, "{\"MaHoSoCu\":null");
  else
    first_member (out, "MaHoSo", d->number);
  mc_sim_json_member (out, "MaTTHC", d->procedure_code);
  mc_sim_json_member (out, "TenTTHC", d->procedure_name);
  mc_sim_json_member (out, "MaLinhVuc", d->field_code);
  mc_sim_json_member (out, "ChuHoSo", d->applicant_name);
  num (out, portal, "LoaiDoiTuong", d->applicant_kind);
  mc_sim_json_member (out, "SoDinhDanh", d->id_number);
  mc_sim_json_member (out, "SoDienThoai", d->phone);
  mc_sim_json_member (out, "DiaChi", d->address);
  num (out, portal, "KenhThucHien", d->channel);
  num (out, portal, "HinhThucTraKetQua", d->return_method);
  if (corrupt == MC_SIM_CORRUPT_WRONG_TYPE)
    g_string_append (out, ",\"TrangThaiHoSo\":{\"Ma\":4}");
  else if (corrupt == MC_SIM_CORRUPT_UNKNOWN_STATUS)
    num (out, portal, "TrangThaiHoSo", 42);
  else
    num (out, portal, "TrangThaiHoSo", d->status);
  mc_sim_json_time (out, "NgayNopHoSo", tf, d->submitted_at);
  if (corrupt == MC_SIM_CORRUPT_BAD_DATE)
    g_string_append (out, portal ? ",\"NgayTiepNhan\":\"20260231080000\"" : ",\"NgayTiepNhan\":\"2026-02-31 08:00:00\"");
  else
    mc_sim_json_time (out, "NgayTiepNhan", tf, d->received_at);
  mc_sim_json_time (out, "NgayHenTra", tf, d->due_at);
  mc_sim_json_time (out, "NgayKetThucXuLy", tf, d->finished_at);
  mc_sim_json_time (out, "NgayTra", tf, d->returned_at);
  if (!portal)
    num (out, FALSE, "PhienBan", rec->version);
  /* The portal's page lists no update time: a back-end that serves only its fields has none. */
  if (!(portal && svc->faults.spec_fields))
    mc_sim_json_time (out, "NgayCapNhat", tf, rec->updated_at);
  /* The portal's sync fields for the 766 indicators (not in the spec): 0 not paid online,
   * 1 on the portal, 2 on the ministry's gateway; the account verified with VNeID; a component
   * reusing digitised data. */
  if (d->payment != MC_PAYMENT_UNKNOWN)
    num (out, portal, "DuocThanhToanTrucTuyen", d->payment == MC_PAYMENT_PAID_ONLINE_PORTAL ? 1
         : d->payment == MC_PAYMENT_PAID_ONLINE_LOCAL ? 2 : 0);
  mc_sim_json_flag (out, "TaiKhoanDuocXacThucVoiVNeID", d->citizen_data, portal ? MC_SIM_FLAG_TEXT : MC_SIM_FLAG_NUMBER);
  mc_sim_json_flag (out, "HoSoCoThanhPhanSoHoa", d->reused, portal ? MC_SIM_FLAG_TEXT : MC_SIM_FLAG_NUMBER);

  keys.booleans = portal ? MC_SIM_BOOLEAN_TEXT : MC_SIM_BOOLEAN_JSON;
  keys.flags = portal ? MC_SIM_FLAG_TEXT : MC_SIM_FLAG_NUMBER;
  keys.text_numbers = portal;
  keys.time_format = tf;
  mc_sim_render_children (out, d, &keys);
  /* lgsp names each step in NoiDungXuLy and keeps the official's words in GhiChu (not in the
   * spec); the portal keeps in NoiDungXuLy the text sent with the action, as sent, and a step
   * has no GhiChu (the spec), but the official's title (ChucDanh). */
  g_string_append (out, ",\"QuaTrinhXuLy\":[");
  for (guint i = 0; i < d->history->len; i++)
    {
      McStep *x = g_ptr_array_index (d->history, i);

      g_string_append (out, i ? "," : "");
      first_member (out, "NguoiXuLy", x->actor);
      if (portal)
        mc_sim_json_member (out, "ChucDanh", "Công chức");
      mc_sim_json_member (out, "PhongBanXuLy", x->unit);
      mc_sim_json_member (out, "NoiDungXuLy", portal && x->note ? x->note : x->action);
      num (out, portal, "TrangThai", x->status);
      if (!portal)
        mc_sim_json_member (out, "GhiChu", x->note);
      mc_sim_json_time (out, "ThoiDiemXuLy", tf, x->at);
      g_string_append_c (out, '}');
    }
  g_string_append_c (out, ']');
  mc_sim_render_files (svc, rec, out, portal ? &mc_sim_portal_files : &lgsp_files, d->number);
  g_string_append_c (out, '}');
}

/* A dossier created by a client (POST /api/hoso, DongBoHoSoMC): the fields a receipt needs. */
McDossier *
mc_sim_national_dossier (JsonObject *item,
                         McWireTime  format,
                         const char *source_id)
{
  McSimChildKeys lists = national_keys;
  McSimReceiptKeys keys = national_receipt;
  McDossier *d;

  if (mc_sim_object_string (item, "MaHoSo") == NULL || !mc_sim_receipt_complete (item, item, &national_receipt))
    return NULL;
  lists.time_format = format;
  keys.lists = &lists;
  d = mc_sim_read_receipt (item, item, &keys, source_id);
  d->number = g_strdup (mc_sim_object_string (item, "MaHoSo"));
  if (mc_status_is_valid (mc_sim_object_int (item, "TrangThaiHoSo", 2)))
    d->status = mc_sim_object_int (item, "TrangThaiHoSo", 2);
  d->server_version = g_strdup ("1");
  return d;
}

/* G09.20-20260609-0092637: ministry, province, day, counter. */
char *
mc_sim_next_number (McSimService *svc,
                    const char   *ministry)
{
  g_autofree char *day = mc_wire_time_format (MC_WIRE_TIME_DVCQG, mc_sim_now (svc->sim));

  /* Every call takes the next value, as a database sequence does: two intakes sent at once
   * never get the same number. */
  return g_strdup_printf ("%s.46-%.8s-%07u", ministry, day, 9000000 + (guint) ++svc->numbers);
}

static void
render_item (McSimService *svc,
             McSimRecord  *rec,
             GString      *out,
             McSimCorrupt  corrupt)
{
  mc_sim_render_national (svc, rec, out, corrupt, FALSE);
}

static void
render_page (McSimService *svc,
             GString      *out,
             const char   *items,
             guint         n_items,
             guint         total,
             guint         page)
{
  g_string_append_printf (out, "{\"code\":\"0\",\"message\":\"\",\"data\":{\"items\":[%s],\"total\":%u,\"page\":%u}}",
                          items, total, page);
}

#define ERROR(answer, status, message) \
  mc_sim_answer_json ((answer), (status), "{\"code\":\"%u\",\"message\":\"%s\"}", (status), (message))

static void
token (McSimService      *svc,
       SoupServerMessage *msg,
       McSimAnswer       *answer)
{
  g_autoptr(GHashTable) form = mc_sim_read_form (msg);
  g_autofree char *access = NULL;

  if (g_strcmp0 (g_hash_table_lookup (form, "grant_type"), "client_credentials") != 0)
    {
      ERROR (answer, 400, "grant_type phải là client_credentials");
      return;
    }
  if (((const char *) g_hash_table_lookup (form, "client_id") ?: "")[0] == '\0'
      || g_strcmp0 (g_hash_table_lookup (form, "client_secret"), mc_sim_password (svc->sim)) != 0)
    {
      ERROR (answer, 401, "Sai thông tin xác thực ứng dụng");
      return;
    }
  access = mc_sim_new_session (svc);
  mc_sim_answer_json (answer, 200, "{\"access_token\":\"%s\",\"token_type\":\"Bearer\",\"expires_in\":%u}",
                      access, svc->faults.token_ttl);
}

static void
pull (McSimService *svc,
      GHashTable   *query,
      McSimAnswer  *answer)
{
  const char *since = mc_sim_query (query, "capNhatTu");
  guint page = mc_sim_query_uint (query, "page", 1);
  guint size = mc_sim_query_uint (query, "size", 50);
  gint64 from;

  if (g_strcmp0 (mc_sim_query (query, "donvi"), MC_SIM_UNIT_CODE) != 0)
    {
      /* An unknown unit code has its own code, so that a client can say so in plain words. */
      mc_sim_answer_json (answer, 403, "{\"code\":\"DV404\",\"message\":\"Mã đơn vị không tồn tại\"}");
      return;
    }
  if (!mc_sim_read_since (svc, since, &from))
    {
      ERROR (answer, 400, "capNhatTu không đúng định dạng yyyy-MM-dd HH:mm:ss");
      return;
    }
  if (page < 1 || size < 1 || size > 1000)
    {
      ERROR (answer, 400, "page phải từ 1, size từ 1 đến 1000");
      return;
    }
  mc_sim_answer_page (svc, answer, from, (guint64) (page - 1) * size, size, page);
}

static void
set_status (McSimService      *svc,
            SoupServerMessage *msg,
            McSimRecord       *rec,
            McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  const char *key = mc_sim_object_string (body, "MaGiaoDich");
  g_autofree char *counted = NULL;

  if (mc_sim_answer_replay (svc, key, answer))
    return;
  if (body == NULL || mc_sim_object_int (body, "TrangThai", 0) == 0)
    ERROR (answer, 400, "Thiếu TrangThai");
  else if (mc_sim_note_too_long (mc_sim_object_string (body, "NoiDungXuLy")))
    ERROR (answer, 400, "NoiDungXuLy dài quá 1000 ký tự");
  else if (mc_sim_object_int (body, "PhienBan", -1) != rec->version)
    ERROR (answer, 409, "Hồ sơ đã được cập nhật bởi người khác");
  else
    {
      counted = mc_sim_counted_key (svc, key);
      if (!mc_sim_apply_status (svc, rec, mc_sim_object_int (body, "TrangThai", 0),
                                mc_sim_object_string (body, "NguoiXuLy"), mc_sim_object_string (body, "NoiDungXuLy"),
                                counted))
        ERROR (answer, 400, "Không thể chuyển hồ sơ sang trạng thái này");
      else
        {
          mc_sim_answer_json (answer, 200, "{\"code\":\"0\",\"message\":\"Cập nhật thành công\",\"data\":"
                              "{\"MaHoSo\":\"%s\",\"TrangThaiHoSo\":%d,\"PhienBan\":%u}}",
                              rec->dossier->number, rec->dossier->status, rec->version);
          answer->committed = TRUE;
        }
    }
}

/* Progress steps keep the status; at most ten a call, all or none. */
static void
progress (McSimService      *svc,
          SoupServerMessage *msg,
          McSimRecord       *rec,
          McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  const char *key = mc_sim_object_string (body, "MaGiaoDich");
  JsonArray *steps = mc_sim_object_array (body, "QuaTrinhXuLy");
  g_autofree char *counted = mc_sim_counted_key (svc, key);

  if (mc_sim_answer_replay (svc, key, answer))
    return;
  if (!mc_sim_steps_count_ok (steps))
    ERROR (answer, 400, "QuaTrinhXuLy phải có từ 1 đến 10 bước");
  else if (!mc_transition_allowed (rec->dossier->status, MC_ACTION_RECORD_STEP))
    ERROR (answer, 400, "Hồ sơ không ở trạng thái đang xử lý");
  else if (!mc_sim_steps_notes_fit (steps, "NoiDungXuLy"))
    ERROR (answer, 400, "NoiDungXuLy dài quá 1000 ký tự");
  else
    {
      for (guint i = 0; i < json_array_get_length (steps); i++)
        {
          JsonObject *step = json_array_get_object_element (steps, i);

          mc_sim_apply_status (svc, rec, rec->dossier->status, mc_sim_object_string (step, "NguoiXuLy"),
                               mc_sim_object_string (step, "NoiDungXuLy"), i == 0 ? counted : NULL);
        }
      mc_sim_answer_json (answer, 200, "{\"code\":\"0\",\"message\":\"\",\"data\":{\"PhienBan\":%u}}", rec->version);
      answer->committed = TRUE;
    }
}

static void
create (McSimService      *svc,
        SoupServerMessage *msg,
        McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  const char *key = mc_sim_object_string (body, "MaGiaoDich");
  McDossier *d;
  McSimRecord *rec;

  if (mc_sim_answer_replay (svc, key, answer))
    return;
  d = body ? mc_sim_national_dossier (body, MC_WIRE_TIME_LGSP, svc->klass->source_id) : NULL;
  if (d == NULL)
    ERROR (answer, 400, "Thiếu MaHoSo, MaTTHC hoặc ChuHoSo");
  else if (mc_sim_service_lookup (svc, d->number) != NULL)
    {
      mc_dossier_unref (d);
      ERROR (answer, 400, "Hồ sơ đã tồn tại");
    }
  else
    {
      g_autofree char *counted = mc_sim_counted_key (svc, key ? key : d->number);

      rec = mc_sim_add_created (svc, d, mc_sim_object_string (body, "NguoiXuLy"), NULL, counted);
      mc_sim_answer_json (answer, 200, "{\"code\":\"0\",\"message\":\"\",\"data\":{\"MaHoSo\":\"%s\",\"PhienBan\":%u}}",
                          rec->dossier->number, rec->version);
      answer->committed = TRUE;
    }
}

/* A file of the dossier (multipart: LoaiTep, MaThanhPhan, MaGiaoDich and the file part);
 * MaGiaoDich makes a repeat return the first answer. */
static void
upload (McSimService      *svc,
        SoupServerMessage *msg,
        McSimRecord       *rec,
        McSimAnswer       *answer)
{
  g_autofree char *filename = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GHashTable) fields = mc_sim_read_multipart (msg, &filename, &content);
  const char *key = fields ? g_hash_table_lookup (fields, "MaGiaoDich") : NULL;
  const char *kind = fields ? g_hash_table_lookup (fields, "LoaiTep") : NULL;
  McFileKind file_kind = MC_FILE_COMPONENT;

  if (mc_sim_answer_replay (svc, key, answer))
    return;
  if (content == NULL || filename == NULL || *filename == '\0')
    ERROR (answer, 400, "Thiếu tệp tin");
  else if (!mc_sim_file_kind (&lgsp_files, kind, &file_kind))
    ERROR (answer, 400, "LoaiTep phải là TPHS hoặc KQ");
  else if (g_bytes_get_size (content) > mc_sim_file_limit (svc))
    ERROR (answer, 413, "Tệp tin vượt quá dung lượng cho phép (10 MB)");
  else
    {
      g_autofree char *counted = mc_sim_counted_key (svc, key);
      g_autofree char *path = NULL;
      McFile *f = mc_sim_add_file (svc, rec, file_kind, filename, g_hash_table_lookup (fields, "MaThanhPhan"), content,
                                   FALSE, NULL, NULL, counted);

      path = g_strdup_printf ("/api/hoso/%s/teptin/%s", rec->dossier->number, f->remote_id);
      mc_sim_answer_json (answer, 200, "{\"code\":\"0\",\"message\":\"\",\"data\":{\"MaTep\":\"%s\",\"DuongDan\":\"%s\"}}",
                          f->remote_id, path);
      answer->committed = TRUE;
    }
}

static void
handle (McSimService      *svc,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        McSimAnswer       *answer)
{
  const char *method = soup_server_message_get_method (msg);
  g_auto(GStrv) parts = NULL;
  McSimRecord *rec;

  if (g_str_equal (path, "/oauth/token") && g_str_equal (method, "POST"))
    {
      token (svc, msg, answer);
      return;
    }
  if (!g_str_has_prefix (path, "/api/"))
    {
      ERROR (answer, 404, "Không tìm thấy");
      return;
    }
  if (!mc_sim_bearer_ok (svc, msg))
    {
      ERROR (answer, 401, "Token không hợp lệ hoặc đã hết hạn");
      return;
    }
  parts = g_strsplit (path + 1, "/", -1);  /* api, hoso, MaHoSo, trangthai */
  if (g_str_equal (path, "/api/GetNextValue"))
    {
      g_autofree char *number = mc_sim_next_number (svc, "G09");

      mc_sim_answer_json (answer, 200, "{\"value\":\"%s\"}", number);
    }
  else if (g_str_equal (path, "/api/hoso") && g_str_equal (method, "GET"))
    pull (svc, query, answer);
  else if (g_str_equal (path, "/api/hoso") && g_str_equal (method, "POST"))
    create (svc, msg, answer);
  else if (g_strv_length (parts) >= 3 && g_str_equal (parts[1], "hoso"))
    {
      if ((rec = mc_sim_service_lookup (svc, parts[2])) == NULL)
        ERROR (answer, 404, "Không tìm thấy hồ sơ");
      else if (parts[3] == NULL && g_str_equal (method, "GET"))
        mc_sim_answer_item (svc, rec, answer, 200, "{\"code\":\"0\",\"message\":\"\",\"data\":", "}");
      else if (g_strcmp0 (parts[3], "trangthai") == 0 && g_str_equal (method, "POST"))
        set_status (svc, msg, rec, answer);
      else if (g_strcmp0 (parts[3], "tientrinh") == 0 && g_str_equal (method, "POST"))
        progress (svc, msg, rec, answer);
      else if (g_strcmp0 (parts[3], "teptin") == 0 && parts[4] == NULL && g_str_equal (method, "POST"))
        upload (svc, msg, rec, answer);
      else if (g_strcmp0 (parts[3], "teptin") == 0 && parts[4] != NULL && parts[5] == NULL
               && g_str_equal (method, "GET"))
        {
          g_autofree char *id = g_uri_unescape_string (parts[4], NULL);

          if (!mc_sim_answer_file (svc, rec, id, NULL, answer))
            ERROR (answer, 404, "Không tìm thấy tệp");
        }
      else
        ERROR (answer, 404, "Không tìm thấy");
    }
  else
    ERROR (answer, 404, "Không tìm thấy");
}

const McSimDialectClass mc_sim_lgsp_class = {
  .name = "lgsp",
  .source_id = "g09",
  .time_format = MC_WIRE_TIME_LGSP,
  .seq_order = FALSE,
  .handle = handle,
  .render_item = render_item,
  .render_page = render_page,
};
