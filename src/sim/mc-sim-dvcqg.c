/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"

/* G03 Giáo dục và Đào tạo, dialect "dvcqg": the national portal's service envelope. One
 * session login, then every call is POST /integration naming a "service"; errors come with
 * HTTP 200 and a non-"00" error_code. No version and no idempotency key. */

#define FAIL(answer, code, message) \
  mc_sim_answer_json ((answer), 200, "{\"error_code\":\"%s\",\"message\":\"%s\",\"result\":[]}", (code), (message))

/* The dossier the request names (MaHoSo); NULL, and the answer says so, where there is none. */
static McSimRecord *
named_dossier (McSimService *svc,
               JsonObject   *body,
               McSimAnswer  *answer)
{
  McSimRecord *rec = mc_sim_service_lookup (svc, mc_sim_object_string (body, "MaHoSo"));

  if (rec == NULL)
    FAIL (answer, "-4", "Không tìm thấy hồ sơ");
  return rec;
}

/* The answer of a write the portal applied. */
static void
applied (McSimAnswer *answer,
         const char  *message)
{
  mc_sim_answer_json (answer, 200, "{\"error_code\":\"00\",\"message\":\"%s\",\"result\":[]}", message);
  answer->committed = TRUE;
}

static void
render_item (McSimService *svc,
             McSimRecord  *rec,
             GString      *out,
             McSimCorrupt  corrupt)
{
  mc_sim_render_national (svc, rec, out, corrupt, TRUE);
}

static void
render_page (McSimService *svc,
             GString      *out,
             const char   *items,
             guint         n_items,
             guint         total,
             guint         page)
{
  g_string_append_printf (out, "{\"error_code\":\"00\",\"message\":\"\",\"total\":%u,\"result\":[%s]}",
                          total, items);
}

static void
auth (McSimService      *svc,
      SoupServerMessage *msg,
      McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  g_autofree char *session = NULL;

  if (g_strcmp0 (soup_message_headers_get_one (soup_server_message_get_request_headers (msg), "dstcode"),
                 MC_SIM_UNIT_CODE) != 0)
    {
      mc_sim_answer_json (answer, 200, "{\"error_code\":\"-2\",\"message\":\"Mã đơn vị (dstcode) không hợp lệ\"}");
      return;
    }
  if (((const char *) mc_sim_object_string (body, "username") ?: "")[0] == '\0'
      || g_strcmp0 (mc_sim_object_string (body, "password"), mc_sim_password (svc->sim)) != 0)
    {
      mc_sim_answer_json (answer, 200, "{\"error_code\":\"1\",\"message\":\"Sai tên đăng nhập hoặc mật khẩu\"}");
      return;
    }
  session = mc_sim_new_session (svc);
  mc_sim_answer_json (answer, 200, "{\"error_code\":\"0\",\"message\":\"\",\"session\":\"%s\"}", session);
}

static void
list (McSimService *svc,
      JsonObject   *body,
      McSimAnswer  *answer)
{
  const char *since = mc_sim_object_string (body, "TuNgay");
  gint64 page = mc_sim_object_int (body, "Trang", 1), size = mc_sim_object_int (body, "SoBanGhi", 50);
  gint64 from;

  if (!mc_sim_read_since (svc, since, &from))
    {
      FAIL (answer, "-3", "TuNgay không đúng định dạng yyyyMMddHHmmss");
      return;
    }
  if (page < 1 || size < 1 || size > 1000)
    {
      FAIL (answer, "-3", "Trang phải từ 1, SoBanGhi từ 1 đến 1000");
      return;
    }
  mc_sim_answer_page (svc, answer, from, (guint64) (page - 1) * size, size, page);
}

/* Without a key the portal cannot tell a repeat from a new action: it applies both. The
 * simulator counts each by the reference in the note, to show what a client's retry did. */
static void
set_status (McSimService *svc,
            JsonObject   *body,
            McSimAnswer  *answer)
{
  McSimRecord *rec = named_dossier (svc, body, answer);
  const char *note = mc_sim_object_string (body, "NoiDungXuLy");
  g_autofree char *key = NULL;

  if (rec == NULL)
    return;
  if (mc_sim_note_too_long (note))
    {
      FAIL (answer, "-3", "NoiDungXuLy dài quá 1000 ký tự");
      return;
    }
  key = mc_sim_note_key (svc, note, rec->dossier->number);
  if (!mc_sim_apply_status (svc, rec, mc_sim_object_int (body, "TrangThaiHoSo", 0),
                            mc_sim_object_string (body, "NguoiXuLy"), note, key))
    {
      FAIL (answer, "-5", "Trạng thái hồ sơ không hợp lệ");
      return;
    }
  applied (answer, "Cập nhật thành công");
}

static void
progress (McSimService *svc,
          JsonObject   *body,
          McSimAnswer  *answer)
{
  JsonArray *steps = mc_sim_object_array (body, "data");

  if (!mc_sim_steps_count_ok (steps))
    {
      FAIL (answer, "-3", "data phải có từ 1 đến 10 bước");
      return;
    }
  if (!mc_sim_steps_notes_fit (steps, "NoiDungXuLy"))
    {
      FAIL (answer, "-3", "NoiDungXuLy dài quá 1000 ký tự");
      return;
    }
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      McSimRecord *rec = mc_sim_service_lookup (svc, mc_sim_object_string (step, "MaHoSo"));
      const char *note = mc_sim_object_string (step, "NoiDungXuLy");
      g_autofree char *key = NULL;

      if (rec == NULL || !mc_transition_allowed (rec->dossier->status, MC_ACTION_RECORD_STEP))
        continue;
      key = mc_sim_note_key (svc, note, rec->dossier->number);
      mc_sim_apply_status (svc, rec, rec->dossier->status, mc_sim_object_string (step, "NguoiXuLy"), note, key);
    }
  applied (answer, "");
}

static void
sync_dossier (McSimService *svc,
              JsonObject   *body,
              McSimAnswer  *answer)
{
  JsonArray *data = mc_sim_object_array (body, "data");
  gboolean updating = g_strcmp0 (mc_sim_object_string (body, "isUpdating"), "True") == 0;
  JsonObject *item = data && json_array_get_length (data) == 1 ? json_array_get_object_element (data, 0) : NULL;
  McDossier *d = item ? mc_sim_national_dossier (item, MC_WIRE_TIME_DVCQG, svc->klass->source_id) : NULL;
  McSimRecord *rec;

  if (d == NULL)
    {
      FAIL (answer, "-3", "Thiếu thông tin hồ sơ");
      return;
    }
  rec = mc_sim_service_lookup (svc, d->number);
  if (rec != NULL && !updating)
    {
      mc_dossier_unref (d);
      FAIL (answer, "-6", "Hồ sơ đã tồn tại");
      return;
    }
  if (rec == NULL && updating)
    {
      mc_dossier_unref (d);
      FAIL (answer, "-4", "Không tìm thấy hồ sơ");
      return;
    }
  if (rec != NULL)
    {
      /* An update keeps the server's history and status; it corrects the receipt fields. */
      mc_dossier_unref (d);
      mc_sim_apply_status (svc, rec, rec->dossier->status, "Cán bộ", "Cập nhật thông tin hồ sơ", NULL);
    }
  else
    {
      g_autofree char *key = g_strdup_printf ("dvcqg:create:%s", d->number);

      mc_sim_add_created (svc, d, mc_sim_object_string (item, "NguoiXuLy"), NULL, key);
    }
  applied (answer, "Đồng bộ thành công");
}

/* TaiLenTepTin {MaHoSo, TenTep, LoaiTep, MaThanhPhan, NoiDung (base64)}: at most 5 MB a
 * file, and no key (counted under the dossier and the file's name). */
static void
upload (McSimService *svc,
        JsonObject   *body,
        McSimAnswer  *answer)
{
  McSimRecord *rec = named_dossier (svc, body, answer);
  const char *name = mc_sim_object_string (body, "TenTep");
  const char *kind = mc_sim_object_string (body, "LoaiTep");
  const char *data = mc_sim_object_string (body, "NoiDung");
  g_autoptr(GBytes) content = NULL;
  g_autofree char *key = NULL;
  g_autofree char *escaped = NULL;
  McFile *f;
  McFileKind file_kind = MC_FILE_COMPONENT;
  gsize len = 0;

  if (rec == NULL)
    return;
  if (name == NULL || *name == '\0' || data == NULL || !mc_sim_file_kind (&mc_sim_portal_files, kind, &file_kind))
    {
      FAIL (answer, "-3", "Thiếu TenTep, LoaiTep hoặc NoiDung");
      return;
    }
  {
    guchar *bytes = g_base64_decode (data, &len);

    content = g_bytes_new_take (bytes, len);
  }
  if (len > mc_sim_file_limit (svc))
    {
      FAIL (answer, "-8", "Tệp tin vượt quá dung lượng cho phép (5 MB)");
      return;
    }
  key = g_strdup_printf ("dvcqg:file:%s/%s", rec->dossier->number, name);
  f = mc_sim_add_file (svc, rec, file_kind, name, mc_sim_object_string (body, "MaThanhPhan"), content, FALSE, NULL, NULL,
                       key);
  escaped = g_uri_escape_string (f->name, NULL, FALSE);
  mc_sim_answer_json (answer, 200, "{\"error_code\":\"00\",\"message\":\"\",\"result\":[{\"DuongDanTep\":\"%s/%s\"}]}",
                      rec->dossier->number, escaped);
  answer->committed = TRUE;
}

/* TaiTepTin {DuongDanTep}: "MaHoSo/TenTep" as the dossier lists it. */
static void
download (McSimService *svc,
          JsonObject   *body,
          McSimAnswer  *answer)
{
  const char *path = mc_sim_object_string (body, "DuongDanTep");
  const char *slash = path ? strrchr (path, '/') : NULL;
  g_autofree char *number = slash ? g_strndup (path, slash - path) : NULL;
  g_autofree char *name = slash ? g_uri_unescape_string (slash + 1, NULL) : NULL;
  McSimRecord *rec = number ? mc_sim_service_lookup (svc, number) : NULL;
  McFile *f = rec && name ? mc_sim_find_file (rec, NULL, name) : NULL;
  g_autoptr(GBytes) content = NULL;
  g_autofree char *data = NULL;

  if (f == NULL)
    {
      FAIL (answer, "-4", "Không tìm thấy tệp tin");
      return;
    }
  content = mc_sim_file_content (svc, rec, f);
  data = g_base64_encode (g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  mc_sim_answer_json (answer, 200, "{\"error_code\":\"00\",\"message\":\"\",\"result\":[{\"NoiDung\":\"%s\"}]}", data);
}

static void
handle (McSimService      *svc,
        SoupServerMessage *msg,
        const char        *path,
        GHashTable        *query,
        McSimAnswer       *answer)
{
  g_autoptr(JsonObject) body = NULL;
  const char *service;

  if (!g_str_equal (soup_server_message_get_method (msg), "POST"))
    {
      mc_sim_answer_json (answer, 405, "{\"error_code\":\"-405\",\"message\":\"Chỉ nhận POST\"}");
      return;
    }
  if (g_str_equal (path, "/auth"))
    {
      auth (svc, msg, answer);
      return;
    }
  if (!g_str_equal (path, "/integration"))
    {
      mc_sim_answer_json (answer, 404, "{\"error_code\":\"-404\",\"message\":\"Không tìm thấy\"}");
      return;
    }
  body = mc_sim_parse_object (msg);
  if (body == NULL)
    {
      FAIL (answer, "-3", "Dữ liệu gửi lên không phải JSON");
      return;
    }
  if (!mc_sim_check_session (svc, mc_sim_object_string (body, "session")))
    {
      FAIL (answer, "-401", "Phiên làm việc đã hết hạn");
      return;
    }
  if (g_strcmp0 (mc_sim_object_string (body, "madonvi"), MC_SIM_UNIT_CODE) != 0)
    {
      FAIL (answer, "-2", "Mã đơn vị không hợp lệ");
      return;
    }
  service = mc_sim_object_string (body, "service");
  if (g_strcmp0 (service, "LayDanhSachHoSo") == 0)
    list (svc, body, answer);
  else if (g_strcmp0 (service, "TraCuuHoSo") == 0)
    {
      McSimRecord *rec = named_dossier (svc, body, answer);

      if (rec != NULL)
        mc_sim_answer_item (svc, rec, answer, 200, "{\"error_code\":\"00\",\"message\":\"\",\"result\":[",
                            "]}");
    }
  else if (g_strcmp0 (service, "CapNhatTrangThaiHoSo") == 0)
    set_status (svc, body, answer);
  else if (g_strcmp0 (service, "CapNhatTienDoHoSoMC") == 0)
    progress (svc, body, answer);
  else if (g_strcmp0 (service, "DongBoHoSoMC") == 0)
    sync_dossier (svc, body, answer);
  else if (g_strcmp0 (service, "TaiLenTepTin") == 0)
    upload (svc, body, answer);
  else if (g_strcmp0 (service, "TaiTepTin") == 0)
    download (svc, body, answer);
  else
    FAIL (answer, "-7", "Dịch vụ không được hỗ trợ");
}

const McSimDialectClass mc_sim_dvcqg_class = {
  .name = "dvcqg",
  .source_id = "g03",
  .time_format = MC_WIRE_TIME_DVCQG,
  .seq_order = FALSE,
  .handle = handle,
  .render_item = render_item,
  .render_page = render_page,
};
