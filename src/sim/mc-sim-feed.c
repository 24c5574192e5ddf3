/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"

/* G18 Y tế, dialect "feed": a CouchDB-like change feed (since=SEQ, last_seq, longpoll), access
 * and refresh tokens, snake_case Vietnamese fields, epoch-millisecond dates, string _rev. */

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
  for (guint i = MC_STATUS_FIRST; i <= MC_STATUS_LAST; i++)
    if (g_strcmp0 (name, status_names[i]) == 0)
      return i;
  return MC_STATUS_INVALID;
}

static void
ms (GString    *out,
    const char *name,
    gint64      t)
{
  if (t == 0)
    g_string_append_printf (out, ",\"%s\":null", name);
  else
    g_string_append_printf (out, ",\"%s\":%" G_GINT64_FORMAT, name, t * 1000);
}

static char *
rev_of (McSimRecord *rec)
{
  return g_strdup_printf ("%u-%08x", rec->version, g_str_hash (rec->dossier->number) ^ (rec->version * 2654435761u));
}

static const McSimChildKeys child_keys = {
  .documents = "tai_lieu", .document_name = "ten", .document_copy = "ban_sao", .document_count = "so_luong",
  .document_digitised = "da_so_hoa", .document_reused = "tai_su_dung", .document_from_store = "tu_kho_du_lieu",
  .fees = "le_phi", .fee_name = "ten", .fee_amount = "so_tien", .fee_paid = "da_nop",
  .supplements = "bo_sung", .supplement_items = "noi_dung", .supplement_requested = "ngay_yeu_cau",
  .supplement_received = "ngay_nhan",
  .results = "ket_qua", .result_name = "ten", .result_number = "so_hieu", .result_issued = "ngay_ban_hanh",
  .result_code = "ma_giay_to", .result_file = "duong_dan",
  .booleans = MC_SIM_BOOLEAN_JSON, .flags = MC_SIM_FLAG_BOOLEAN, .epoch_ms = TRUE,
};

static const McSimStepKeys step_keys = {
  .list = "lich_su", .at = "thoi_diem", .actor = "nguoi_xu_ly", .unit = "don_vi", .action = "hanh_dong",
  .status = "trang_thai", .note = "ghi_chu", .status_names = status_names, .epoch_ms = TRUE,
};

static const McSimFileKeys file_keys = {
  "tep_dinh_kem", NULL, "ten_tep", "loai", "ma_thanh_phan", "kich_thuoc", "md5", "url", "TPHS", "KQ", "md5", FALSE,
  "/dossiers/", "/files/",
};

static void
read_kinds (McDossier  *d,
            JsonObject *body,
            JsonObject *applicant)
{
  d->applicant_kind = CLAMP (mc_sim_object_int (applicant, "loai_doi_tuong", 1), 1, 4);
  d->channel = CLAMP (mc_sim_object_int (body, "kenh_thuc_hien", 1), 1, 3);
  d->return_method = CLAMP (mc_sim_object_int (body, "hinh_thuc_tra", d->channel), 1, 3);
}

static const McSimReceiptKeys receipt_keys = {
  .procedure_code = "ma_tthc", .procedure_name = "ten_tthc", .field_code = "ma_linh_vuc",
  .applicant_name = "ho_ten", .id_number = "so_dinh_danh", .phone = "dien_thoai", .address = "dia_chi",
  .submitted = "ngay_nop", .received = "ngay_tiep_nhan", .due = "han_xu_ly", .actor = "nguoi_xu_ly",
  .note = "ghi_chu", .lists = &child_keys, .read_kinds = read_kinds,
};

static void
render_doc (McSimService *svc,
            McSimRecord  *rec,
            GString      *out,
            McSimCorrupt  corrupt)
{
  const McDossier *d = rec->dossier;
  g_autofree char *rev = rev_of (rec);

  g_string_append (out, "{\"_rev\":");
  mc_sim_json_string (out, rev);
  if (corrupt != MC_SIM_CORRUPT_MISSING_FIELD)
    mc_sim_json_member (out, "ma_ho_so", d->number);
  mc_sim_json_member (out, "ma_tthc", d->procedure_code);
  mc_sim_json_member (out, "ten_tthc", d->procedure_name);
  mc_sim_json_member (out, "ma_linh_vuc", d->field_code);
  g_string_append (out, ",\"chu_ho_so\":{\"ho_ten\":");
  mc_sim_json_string (out, d->applicant_name);
  mc_sim_json_member (out, "so_dinh_danh", d->id_number);
  mc_sim_json_member (out, "dien_thoai", d->phone);
  mc_sim_json_member (out, "dia_chi", d->address);
  g_string_append_printf (out, ",\"loai_doi_tuong\":%d}", d->applicant_kind);
  g_string_append_printf (out, ",\"kenh_thuc_hien\":%d,\"hinh_thuc_tra\":%d", d->channel, d->return_method);
  if (corrupt == MC_SIM_CORRUPT_WRONG_TYPE)
    g_string_append (out, ",\"trang_thai\":[\"DANG_XU_LY\"]");
  else
    mc_sim_json_member (out, "trang_thai", corrupt == MC_SIM_CORRUPT_UNKNOWN_STATUS ? "KHONG_RO" : status_names[d->status]);
  ms (out, "ngay_nop", d->submitted_at);
  if (corrupt == MC_SIM_CORRUPT_BAD_DATE)
    g_string_append (out, ",\"ngay_tiep_nhan\":\"hôm qua\"");
  else
    ms (out, "ngay_tiep_nhan", d->received_at);
  ms (out, "han_xu_ly", d->due_at);
  ms (out, "ngay_ket_thuc", d->finished_at);
  ms (out, "ngay_tra", d->returned_at);
  /* The 766 report's fields (not in the spec). */
  if (d->payment != MC_PAYMENT_UNKNOWN)
    {
      static const char *states[] = { "KHONG_THU", "MIEN", "CHUA_NOP", "DA_NOP", "DA_NOP", "DA_NOP", "HUY", "HOAN" };
      static const char *methods[] = { "DVCQG", "CONG_BO", "TAI_QUAY" };

      g_string_append_printf (out, ",\"thanh_toan\":{\"trang_thai\":\"%s\"", states[d->payment]);
      if (d->payment >= MC_PAYMENT_PAID_ONLINE_PORTAL && d->payment <= MC_PAYMENT_PAID_COUNTER)
        g_string_append_printf (out, ",\"hinh_thuc\":\"%s\"", methods[d->payment - MC_PAYMENT_PAID_ONLINE_PORTAL]);
      g_string_append_c (out, '}');
    }
  if (d->satisfaction != MC_SATISFACTION_UNKNOWN)
    g_string_append_printf (out, ",\"muc_do_hai_long\":%d", d->satisfaction);
  mc_sim_json_flag (out, "xac_thuc_vneid", d->citizen_data, MC_SIM_FLAG_BOOLEAN);
  mc_sim_json_flag (out, "co_thanh_phan_so_hoa", d->reused, MC_SIM_FLAG_BOOLEAN);

  mc_sim_render_children (out, d, &child_keys);
  mc_sim_render_history (out, d, &step_keys);
  mc_sim_render_files (svc, rec, out, &file_keys, d->number);
  g_string_append_c (out, '}');
}

static void
render_item (McSimService *svc,
             McSimRecord  *rec,
             GString      *out,
             McSimCorrupt  corrupt)
{
  g_string_append_printf (out, "{\"seq\":%" G_GUINT64_FORMAT ",\"id\":", rec->seq);
  mc_sim_json_string (out, rec->dossier->number);
  if (rec->deleted)
    {
      g_string_append (out, ",\"deleted\":true}");
      return;
    }
  g_string_append (out, ",\"doc\":");
  render_doc (svc, rec, out, corrupt);
  g_string_append_c (out, '}');
}

static void
render_page_with (GString    *out,
                  const char *items,
                  guint64     last_seq)
{
  g_string_append_printf (out, "{\"results\":[%s],\"last_seq\":%" G_GUINT64_FORMAT "}", items, last_seq);
}

static void
render_page (McSimService *svc,
             GString      *out,
             const char   *items,
             guint         n_items,
             guint         total,
             guint         page)
{
  render_page_with (out, items, svc->seq);
}

#define ERROR(answer, status, error, reason) \
  mc_sim_answer_json ((answer), (status), "{\"error\":\"%s\",\"reason\":\"%s\"}", (error), (reason))

/* Every write carries its key in X-Request-Id; this is the answer to one without. */
static const char missing_key[] = "{\"error\":\"bad_request\",\"reason\":\"X-Request-Id is required\"}";

/* A change applied (@status): the dossier's id and its new revision. */
static void
answer_ok (McSimAnswer *answer,
           guint        status,
           McSimRecord *rec)
{
  g_autofree char *rev = rev_of (rec);

  mc_sim_answer_json (answer, status, "{\"ok\":true,\"id\":\"%s\",\"rev\":\"%s\"}", rec->dossier->number, rev);
  answer->committed = TRUE;
}

static void
issue_tokens (McSimService *svc,
              McSimAnswer  *answer)
{
  g_autofree char *access = mc_sim_new_session (svc);
  char *refresh = g_strdup_printf ("r-%s", access);

  g_hash_table_add (svc->refresh_tokens, refresh);
  mc_sim_answer_json (answer, 200, "{\"access_token\":\"%s\",\"refresh_token\":\"%s\",\"expires_in\":%u}",
                      access, refresh, svc->faults.token_ttl);
}

/* Returns TRUE when the answer is complete, FALSE when a long poll found nothing yet. */
static gboolean
changes (McSimService *svc,
         GHashTable   *query,
         McSimAnswer  *answer,
         gboolean      final)
{
  const char *since_text = mc_sim_query (query, "since");
  guint limit = mc_sim_query_uint (query, "limit", 100);
  gboolean longpoll = g_strcmp0 (mc_sim_query (query, "feed"), "longpoll") == 0;
  guint64 since = since_text ? g_ascii_strtoull (since_text, NULL, 10) : 0, last;
  g_autoptr(GString) items = g_string_new (NULL);
  GSequenceIter *it;

  if (limit < 1 || limit > 1000)
    {
      ERROR (answer, 400, "bad_request", "limit must be between 1 and 1000");
      return TRUE;
    }
  if (since != 0 && since < svc->oldest_seq)
    {
      ERROR (answer, 410, "gone", "since is older than the changes this server keeps; read from since=0");
      return TRUE;
    }
  it = mc_sim_service_first_after_seq (svc, since);
  if (longpoll && !final && g_sequence_iter_is_end (it))
    return FALSE;
  mc_sim_render_changes (svc, it, since, limit, mc_sim_begin_page (svc, answer), items, &last);
  answer->status = 200;
  g_string_truncate (answer->body, 0);
  render_page_with (answer->body, items->str, last);
  return TRUE;
}

gboolean
mc_sim_feed_poll (McSimService *svc,
                  GHashTable   *query,
                  McSimAnswer  *answer,
                  gboolean      final)
{
  return changes (svc, query, answer, final);
}

static void
set_status (McSimService      *svc,
            SoupServerMessage *msg,
            McSimRecord       *rec,
            McSimAnswer       *answer)
{
  const char *key = mc_sim_header_key (svc, msg, "X-Request-Id", missing_key, answer);
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  McStatus target = status_from_name (mc_sim_object_string (body, "trang_thai"));
  g_autofree char *rev = rev_of (rec);

  if (key == NULL)
    return;
  if (g_strcmp0 (mc_sim_object_string (body, "_rev"), rev) != 0)
    ERROR (answer, 409, "conflict", "Document update conflict.");
  else if (mc_sim_note_too_long (mc_sim_object_string (body, "ghi_chu")))
    ERROR (answer, 400, "bad_request", "ghi_chu is longer than 1000 characters");
  else
    {
      g_autofree char *counted = mc_sim_counted_key (svc, key);

      if (target == MC_STATUS_INVALID
          || !mc_sim_apply_status (svc, rec, target, mc_sim_object_string (body, "nguoi_xu_ly"),
                                   mc_sim_object_string (body, "ghi_chu"), counted))
        ERROR (answer, 400, "bad_request", "trang_thai is not allowed from the current status");
      else
        answer_ok (answer, 200, rec);
    }
}

/* PUT /dossiers/{ma_ho_so}/files/{ten_tep}?loai=…&ma_thanh_phan=…&_rev=…: the raw body,
 * X-Request-Id as the key; a file of the same name is replaced (a PUT names its document). */
static void
upload (McSimService      *svc,
        SoupServerMessage *msg,
        GHashTable        *query,
        McSimRecord       *rec,
        const char        *name,
        McSimAnswer       *answer)
{
  const char *key = mc_sim_header_key (svc, msg, "X-Request-Id", missing_key, answer);
  const char *kind = mc_sim_query (query, "loai");
  const char *given_rev = mc_sim_query (query, "_rev");
  g_autoptr(GBytes) content = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *rev = rev_of (rec);
  McFileKind file_kind = MC_FILE_COMPONENT;

  if (key == NULL)
    return;
  if (name == NULL || *name == '\0' || !mc_sim_file_kind (&file_keys, kind, &file_kind))
    ERROR (answer, 400, "bad_request", "loai must be TPHS or KQ");
  else if (g_strcmp0 (given_rev, rev) != 0)
    ERROR (answer, 409, "conflict", "Document update conflict.");
  else if (g_bytes_get_size (content) > mc_sim_file_limit (svc))
    ERROR (answer, 413, "too_large", "Attachment exceeds 10 MB.");
  else
    {
      g_autofree char *counted = mc_sim_counted_key (svc, key);
      g_autofree char *new_rev = NULL;

      mc_sim_add_file (svc, rec, file_kind, name, mc_sim_query (query, "ma_thanh_phan"), content, TRUE, NULL, NULL,
                       counted);
      new_rev = rev_of (rec);
      mc_sim_answer_json (answer, 200, "{\"ok\":true,\"_rev\":\"%s\"}", new_rev);
      answer->committed = TRUE;
    }
}

/* POST /dossiers: a dossier received at the counter; the system gives its number. */
static void
create (McSimService      *svc,
        SoupServerMessage *msg,
        McSimAnswer       *answer)
{
  const char *key = mc_sim_header_key (svc, msg, "X-Request-Id", missing_key, answer);
  g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
  JsonObject *applicant = mc_sim_object_object (body, "chu_ho_so");

  if (key == NULL)
    return;
  if (!mc_sim_receipt_complete (body, applicant, &receipt_keys))
    ERROR (answer, 400, "bad_request", "ma_tthc and chu_ho_so.ho_ten are required");
  else if (mc_sim_note_too_long (mc_sim_object_string (body, "ghi_chu")))
    ERROR (answer, 400, "bad_request", "ghi_chu is longer than 1000 characters");
  else
    {
      g_autofree char *counted = mc_sim_counted_key (svc, key);
      McSimRecord *rec = mc_sim_create_from_receipt (svc, body, applicant, &receipt_keys,
                                                     mc_sim_next_number (svc, "G18"), counted);

      answer_ok (answer, 201, rec);
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

  if (g_str_equal (path, "/token") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) body = mc_sim_parse_object (msg);

      if (body == NULL || mc_sim_object_string (body, "username") == NULL
          || g_strcmp0 (mc_sim_object_string (body, "password"), mc_sim_password (svc->sim)) != 0)
        ERROR (answer, 401, "unauthorized", "Name or password is incorrect.");
      else
        issue_tokens (svc, answer);
      return;
    }
  if (g_str_equal (path, "/token/refresh") && g_str_equal (method, "POST"))
    {
      g_autoptr(JsonObject) body = mc_sim_parse_object (msg);
      const char *refresh = mc_sim_object_string (body, "refresh_token");

      if (refresh == NULL || !g_hash_table_remove (svc->refresh_tokens, refresh))
        ERROR (answer, 401, "unauthorized", "Unknown or expired refresh token.");
      else
        issue_tokens (svc, answer);
      return;
    }
  if (!mc_sim_bearer_ok (svc, msg))
    {
      ERROR (answer, 401, "unauthorized", "The access token has expired.");
      return;
    }
  parts = g_strsplit (path + 1, "/", -1);  /* dossiers, ma_ho_so, status */
  if (g_str_equal (path, "/changes") && g_str_equal (method, "GET"))
    {
      if (!changes (svc, query, answer, FALSE))
        answer->longpoll = TRUE;
    }
  else if (g_str_equal (path, "/dossiers") && g_str_equal (method, "POST"))
    create (svc, msg, answer);
  else if (g_strv_length (parts) >= 2 && g_str_equal (parts[0], "dossiers"))
    {
      rec = mc_sim_service_lookup (svc, parts[1]);
      if (rec == NULL || rec->deleted)
        ERROR (answer, 404, "not_found", "missing");
      else if (parts[2] == NULL && g_str_equal (method, "GET"))
        {
          answer->status = 200;
          render_doc (svc, rec, answer->body, MC_SIM_CORRUPT_NONE);
        }
      else if (g_strcmp0 (parts[2], "status") == 0 && g_str_equal (method, "PUT"))
        set_status (svc, msg, rec, answer);
      else if (g_strcmp0 (parts[2], "files") == 0 && parts[3] != NULL && parts[4] == NULL)
        {
          g_autofree char *name = g_uri_unescape_string (parts[3], NULL);

          if (g_str_equal (method, "PUT"))
            upload (svc, msg, query, rec, name, answer);
          else if (!g_str_equal (method, "GET") || !mc_sim_answer_file (svc, rec, NULL, name, answer))
            ERROR (answer, 404, "not_found", "missing");
        }
      else
        ERROR (answer, 404, "not_found", "missing");
    }
  else
    ERROR (answer, 404, "not_found", "missing");
}

const McSimDialectClass mc_sim_feed_class = {
  .name = "feed",
  .source_id = "g18",
  .time_format = MC_WIRE_TIME_ISO8601,
  .seq_order = TRUE,
  .handle = handle,
  .render_item = render_item,
  .render_page = render_page,
};
