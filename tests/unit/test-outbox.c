/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "mc-action-payload.h"
#include "mc-sample.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-outbox.h"
#include "mc-store-private.h"
#include "mc-store-push.h"
#include "mc-time.h"

/* The outbox after the action: the states the push side moves a row through, per-dossier
 * order, the official's resolutions of conflicts and rejections (all audited, nothing
 * deleted), the counts the outbox view shows, and the audit log's chain and export. */

#define SEED 91
#define ACTOR "tester"

static char *
temp_db (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mc-outbox-XXXXXX", NULL);

  return g_build_filename (dir, "motcua.db", NULL);
}

static McStore *
open_store (char **out_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_db ();
  g_autoptr(GPtrArray) sources = mc_sample_sources ();
  McStore *store = mc_store_open (path, MC_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < sources->len; i++)
    g_assert_true (mc_store_add_source (store, g_ptr_array_index (sources, i), NULL));
  if (out_path)
    *out_path = g_steal_pointer (&path);
  return store;
}

/* A generated dossier of @source in @status, stored with server version @version. */
static gint64
add_dossier (McStore    *store,
             const char *source,
             McStatus    status,
             const char *version)
{
  static guint64 index;

  for (;;)
    {
      g_autoptr(McDossier) d = mc_sample_dossier (SEED, index++, mc_time_now ());

      if (d->status != status || !g_str_equal (d->source_id, source))
        continue;
      g_free (d->server_version);
      d->server_version = g_strdup (version);
      g_assert_true (mc_store_insert_dossier (store, d, NULL));
      return d->id;
    }
}

static void
act (McStore       *store,
     gint64         id,
     McAction       action,
     const char    *note)
{
  g_autoptr(GError) error = NULL;
  McActionInput in = { .note = note };

  g_assert_true (mc_store_apply_action (store, id, action, &in, ACTOR, &error));
  g_assert_no_error (error);
}

static GPtrArray *
outbox_of (McStore *store,
           gint64   dossier_id)
{
  McOutboxFilter filter = { .state = -1, .dossier_id = dossier_id };

  return mc_store_outbox_list (store, &filter, NULL);
}

#define ENTRY(array, i) ((McOutboxEntry *) g_ptr_array_index ((array), (i)))

static McOutboxEntry *
get (McStore *store,
     gint64   id)
{
  g_autoptr(GError) error = NULL;
  McOutboxEntry *e = mc_store_outbox_get (store, id, &error);

  g_assert_no_error (error);
  return e;
}

static GArray *
ready_ids (McStore    *store,
           const char *source)
{
  g_autoptr(GPtrArray) ready = mc_store_outbox_ready (store, source, 0, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ready->len; i++)
    g_array_append_val (ids, ENTRY (ready, i)->id);
  return ids;
}

static gboolean
contains (GArray *ids,
          gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static char *
outcomes (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT outcome FROM audit ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s", out->len ? " " : "", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Sending, a failed attempt, in doubt, done: the later action of the same dossier waits, the
 * other dossier does not, and our own change does not make the next action stale. */
static void
test_push_path (void)
{
  g_autofree char *path = NULL;
  g_autoptr(McStore) store = open_store (&path);
  g_autoptr(GError) error = NULL;
  gint64 a = add_dossier (store, "g09", MC_STATUS_RECEIVED, "v1");
  gint64 b = add_dossier (store, "g09", MC_STATUS_RECEIVED, "w1");
  gint64 c = add_dossier (store, "g16", MC_STATUS_RECEIVED, "x1");
  g_autoptr(GPtrArray) oa = NULL;
  g_autoptr(GPtrArray) ob = NULL;
  g_autoptr(GArray) ready = NULL;
  g_autoptr(McDossier) da = NULL;
  g_autoptr(GPtrArray) counts = NULL;
  g_autofree char *log = NULL;
  McOutboxEntry *e;
  gint64 a1, a2, b1;

  act (store, a, MC_ACTION_FORWARD, NULL);
  act (store, a, MC_ACTION_RECORD_STEP, "Thẩm định hồ sơ");
  act (store, b, MC_ACTION_FORWARD, NULL);
  act (store, c, MC_ACTION_FORWARD, NULL);
  oa = outbox_of (store, a);
  ob = outbox_of (store, b);
  a1 = ENTRY (oa, 0)->id;
  a2 = ENTRY (oa, 1)->id;
  b1 = ENTRY (ob, 0)->id;
  g_assert_cmpstr (ENTRY (oa, 1)->base_version, ==, "v1");

  ready = ready_ids (store, "g09");
  g_assert_cmpuint (ready->len, ==, 2);
  g_assert_true (contains (ready, a1) && contains (ready, b1) && !contains (ready, a2));
  g_clear_pointer (&ready, g_array_unref);

  g_assert_true (mc_store_outbox_mark_sending (store, a1, &error));
  g_assert_false (mc_store_outbox_mark_sending (store, a1, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  ready = ready_ids (store, "g09");
  g_assert_true (!contains (ready, a1) && !contains (ready, a2) && contains (ready, b1));
  g_clear_pointer (&ready, g_array_unref);

  g_assert_true (mc_store_outbox_mark_failed (store, a1, "Không kết nối được", &error));
  e = get (store, a1);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_PENDING);
  g_assert_cmpint (e->attempts, ==, 1);
  g_assert_cmpstr (e->last_error, ==, "Không kết nối được");
  mc_outbox_entry_free (e);

  g_assert_true (mc_store_outbox_mark_sending (store, a1, &error));
  g_assert_true (mc_store_outbox_mark_in_doubt (store, a1, "timeout after send", &error));
  g_assert_no_error (error);
  ready = ready_ids (store, NULL);
  g_assert_true (contains (ready, a1));
  g_clear_pointer (&ready, g_array_unref);
  e = get (store, a1);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_IN_DOUBT);
  g_assert_cmpint (e->attempts, ==, 2);
  mc_outbox_entry_free (e);

  g_assert_true (mc_store_outbox_mark_done (store, a1, "v2", mc_time_now (), &error));
  g_assert_no_error (error);
  e = get (store, a2);
  g_assert_cmpstr (e->base_version, ==, "v2");
  mc_outbox_entry_free (e);
  da = mc_store_get_dossier (store, a, NULL);
  g_assert_cmpstr (da->server_version, ==, "v2");
  g_assert_cmpint (mc_store_dossier_unsynced (store, a, NULL), ==, 1);
  ready = ready_ids (store, "g09");
  g_assert_true (contains (ready, a2));
  g_assert_false (mc_store_outbox_mark_done (store, a1, "v3", 0, &error));
  g_clear_error (&error);

  counts = mc_store_outbox_counts (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 5);
  for (guint i = 0; i < counts->len; i++)
    {
      McOutboxCounts *cn = g_ptr_array_index (counts, i);

      if (g_str_equal (cn->source_id, "g09"))
        {
          g_assert_cmpuint (cn->n[MC_OUTBOX_PENDING], ==, 2);
          g_assert_cmpuint (cn->n[MC_OUTBOX_DONE], ==, 1);
          g_assert_cmpint (cn->oldest_unfinished_at, >, 0);
        }
      else if (g_str_equal (cn->source_id, "g16"))
        g_assert_cmpuint (cn->n[MC_OUTBOX_PENDING], ==, 1);
      else
        {
          for (guint s = 0; s < MC_OUTBOX_N_STATES; s++)
            g_assert_cmpuint (cn->n[s], ==, 0);
          g_assert_cmpint (cn->oldest_unfinished_at, ==, 0);
        }
    }
  log = outcomes (path);
  g_assert_cmpstr (log, ==, "queued queued queued queued applied");
  g_assert_true (mc_store_audit_verify (store, NULL, &error));
}

/* A conflict: the dossier is held, the official sees the server's state, re-applies when the
 * status table allows it on that state, or discards; both audited, the row stays. */
static void
test_conflict (void)
{
  g_autofree char *path = NULL;
  g_autoptr(McStore) store = open_store (&path);
  g_autoptr(GError) error = NULL;
  gint64 a = add_dossier (store, "g03", MC_STATUS_PROCESSING, "7");
  gint64 b = add_dossier (store, "g03", MC_STATUS_PROCESSING, "3");
  g_autoptr(GPtrArray) oa = NULL;
  g_autoptr(GPtrArray) ob = NULL;
  g_autoptr(GArray) allowed = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) ready = NULL;
  g_autofree char *log = NULL;
  McOutboxEntry *e;
  JsonObject *server;

  act (store, a, MC_ACTION_RECORD_STEP, "Lấy ý kiến");
  act (store, b, MC_ACTION_RECORD_STEP, "Lấy ý kiến");
  oa = outbox_of (store, a);
  ob = outbox_of (store, b);

  /* Another official resolved dossier a on the ministry system meanwhile. */
  g_assert_true (mc_store_outbox_mark_sending (store, ENTRY (oa, 0)->id, &error));
  g_assert_true (mc_store_outbox_mark_conflict (store, ENTRY (oa, 0)->id, MC_STATUS_RESOLVED, "9",
                                                "Hồ sơ đã được cập nhật", &error));
  g_assert_no_error (error);
  e = get (store, ENTRY (oa, 0)->id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_CONFLICT);
  g_assert_true (json_parser_load_from_data (parser, e->server_state, -1, NULL));
  server = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (server, "status"), ==, MC_STATUS_RESOLVED);
  g_assert_cmpstr (json_object_get_string_member (server, "version"), ==, "9");
  mc_outbox_entry_free (e);

  /* Held: no new action, none offered, nothing to push for it. */
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 1);
  allowed = mc_store_actions_allowed (store, a, &error);
  g_assert_cmpuint (allowed->len, ==, 0);
  g_assert_false (mc_store_apply_action (store, a, MC_ACTION_RECORD_STEP, &(McActionInput) { .note = "x" }, ACTOR, &error));
  g_assert_nonnull (strstr (error->message, "resolve it first"));
  g_clear_error (&error);
  ready = ready_ids (store, "g03");
  g_assert_false (contains (ready, ENTRY (oa, 0)->id));

  /* Recording a step is not allowed on a resolved dossier: re-applying is refused. */
  g_assert_false (mc_store_outbox_reapply (store, ENTRY (oa, 0)->id, ACTOR, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (mc_store_outbox_discard (store, ENTRY (ob, 0)->id, ACTOR, &error));  /* pending */
  g_clear_error (&error);
  g_assert_true (mc_store_outbox_discard (store, ENTRY (oa, 0)->id, ACTOR, &error));
  g_assert_no_error (error);
  e = get (store, ENTRY (oa, 0)->id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_DISCARDED);
  g_assert_cmpstr (e->last_error, ==, "Hồ sơ đã được cập nhật");
  mc_outbox_entry_free (e);
  g_assert_cmpint (mc_store_dossier_unsynced (store, a, NULL), ==, 0);
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 0);

  /* Dossier b changed on the server but is still being processed: re-applied on version 4. */
  g_assert_true (mc_store_outbox_mark_sending (store, ENTRY (ob, 0)->id, &error));
  g_assert_true (mc_store_outbox_mark_conflict (store, ENTRY (ob, 0)->id, MC_STATUS_PROCESSING, "4", NULL, &error));
  g_assert_true (mc_store_outbox_reapply (store, ENTRY (ob, 0)->id, ACTOR, &error));
  g_assert_no_error (error);
  e = get (store, ENTRY (ob, 0)->id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_PENDING);
  g_assert_cmpstr (e->base_version, ==, "4");
  g_assert_cmpint (e->attempts, ==, 0);
  g_assert_null (e->server_state);
  mc_outbox_entry_free (e);

  log = outcomes (path);
  g_assert_cmpstr (log, ==, "queued queued conflict discarded conflict reapplied");
  g_assert_true (mc_store_audit_verify (store, NULL, &error));
}

/* The ministry system already shows what the official wanted: the conflicting action is closed
 * as done, nothing is sent, and the audit says so; only a conflict can be closed that way. */
static void
test_mark_applied (void)
{
  g_autofree char *path = NULL;
  g_autoptr(McStore) store = open_store (&path);
  g_autoptr(GError) error = NULL;
  gint64 a = add_dossier (store, "g03", MC_STATUS_PROCESSING, "7");
  g_autoptr(GPtrArray) oa = NULL;
  g_autoptr(GArray) ready = NULL;
  g_autofree char *log = NULL;
  McOutboxEntry *e;

  act (store, a, MC_ACTION_RECORD_STEP, "Lấy ý kiến");
  oa = outbox_of (store, a);
  g_assert_false (mc_store_outbox_mark_applied (store, ENTRY (oa, 0)->id, ACTOR, &error));  /* pending */
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (mc_store_outbox_mark_sending (store, ENTRY (oa, 0)->id, &error));
  g_assert_true (mc_store_outbox_mark_conflict (store, ENTRY (oa, 0)->id, MC_STATUS_PROCESSING, "8", NULL, &error));
  g_assert_true (mc_store_outbox_mark_applied (store, ENTRY (oa, 0)->id, ACTOR, &error));
  g_assert_no_error (error);
  e = get (store, ENTRY (oa, 0)->id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_DONE);
  mc_outbox_entry_free (e);
  ready = ready_ids (store, "g03");
  g_assert_false (contains (ready, ENTRY (oa, 0)->id));
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 0);
  log = outcomes (path);
  g_assert_cmpstr (log, ==, "queued conflict already-applied");
  g_assert_true (mc_store_audit_verify (store, NULL, &error));
}

/* A rejection keeps the server's message; the official edits the input (validated again) and
 * sends it again, or discards it. */
static void
test_rejected (void)
{
  g_autofree char *path = NULL;
  g_autoptr(McStore) store = open_store (&path);
  g_autoptr(GError) error = NULL;
  gint64 a = add_dossier (store, "g21", MC_STATUS_SUBMITTED, "1");
  g_autoptr(GPtrArray) oa = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *log = NULL;
  McActionInput blank = { .note = " " };
  McActionInput edited = { .note = "Hồ sơ thiếu tờ khai theo mẫu số 01" };
  McOutboxEntry *e;
  gint64 id;

  act (store, a, MC_ACTION_REFUSE, "Thiếu giấy tờ");
  oa = outbox_of (store, a);
  id = ENTRY (oa, 0)->id;
  g_assert_false (mc_store_outbox_retry (store, id, &edited, ACTOR, &error));  /* not rejected */
  g_clear_error (&error);
  g_assert_true (mc_store_outbox_mark_sending (store, id, &error));
  g_assert_true (mc_store_outbox_mark_rejected (store, id, "Lý do từ chối phải nêu rõ giấy tờ còn thiếu", &error));
  g_assert_no_error (error);
  e = get (store, id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_REJECTED);
  g_assert_cmpstr (e->last_error, ==, "Lý do từ chối phải nêu rõ giấy tờ còn thiếu");
  mc_outbox_entry_free (e);
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 1);

  g_assert_false (mc_store_outbox_retry (store, id, &blank, ACTOR, &error));
  g_assert_cmpstr (error->message, ==, "Give the reasons for refusing the dossier");
  g_clear_error (&error);
  g_assert_true (mc_store_outbox_retry (store, id, &edited, ACTOR, &error));
  g_assert_no_error (error);
  e = get (store, id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_PENDING);
  g_assert_null (e->last_error);
  g_assert_true (json_parser_load_from_data (parser, e->payload, -1, NULL));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "note"), ==,
                   edited.note);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "uuid"), ==,
                   e->uuid);
  mc_outbox_entry_free (e);

  g_assert_true (mc_store_outbox_mark_sending (store, id, &error));
  g_assert_true (mc_store_outbox_mark_rejected (store, id, "Vẫn sai", &error));
  g_assert_true (mc_store_outbox_discard (store, id, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 0);
  log = outcomes (path);
  g_assert_cmpstr (log, ==, "queued rejected retried rejected discarded");
  g_assert_true (mc_store_audit_verify (store, NULL, &error));
}

/* A simple RFC 4180 reader: the number of records, each checked to have @n_fields fields. */
static guint
csv_records (const char *text,
             guint       n_fields)
{
  guint records = 0, fields = 1;
  gboolean quoted = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            p++;
          else if (*p == '"')
            quoted = FALSE;
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == ',')
        fields++;
      else if (*p == '\r' && p[1] == '\n')
        {
          g_assert_cmpuint (fields, ==, n_fields);
          records++;
          fields = 1;
          p++;
        }
    }
  g_assert_false (quoted);
  return records;
}

/* Many actions keep one intact chain; the export has every entry, quoted where needed. */
static void
test_audit_many (void)
{
  g_autoptr(McStore) store = open_store (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autofree char *csv = NULL;
  guint n = 0;

  for (int i = 0; i < 60; i++)
    {
      gint64 id = add_dossier (store, "g18", MC_STATUS_RECEIVED, "1");

      act (store, id, MC_ACTION_FORWARD, NULL);
      act (store, id, MC_ACTION_RECORD_STEP, "Ý kiến: \"đồng ý\", chuyển tiếp\ndòng hai");
      act (store, id, MC_ACTION_STOP, "Dừng, theo đơn");
    }
  g_assert_true (mc_store_audit_verify (store, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 180);

  g_assert_true (mc_store_audit_export_csv (store, out, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  csv = g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
  g_assert_true (g_str_has_prefix (csv, "id,at,server_at,actor,dossier_id,dossier_number,action,status_before,"
                                        "status_after,outcome,detail,mac\r\n"));
  g_assert_cmpuint (csv_records (csv, 12), ==, 181);
}

/* The outbox keeps its rows across the rebuild of schema step 5. */
static void
test_migrate_outbox (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = temp_db ();
  g_autoptr(McStore) old = mc_store_open_at_version (path, 4, &error);
  g_autoptr(McStore) store = NULL;
  g_autoptr(McOutboxEntry) e = NULL;

  g_assert_no_error (error);
  g_assert_true (mc_store_exec (old,
    "INSERT INTO sources (id, ministry, dialect, name, base_url, unit_code)"
    " VALUES ('g09', 'G09', 'lgsp', 'Nội vụ', 'http://127.0.0.1:1', '000.00.15.H38');"
    "INSERT INTO dossiers (id, source_id, number, procedure_code, procedure_name, applicant_name,"
    " applicant_kind, channel, return_method, status, received_at, search)"
    " VALUES (5, 'g09', 'G09.01-20260101-0000001', '1.010833', 'X', 'Nguyễn Văn Cũ', 1, 1, 1, 4, 1767225600, 'x');"
    "INSERT INTO outbox (id, uuid, source_id, dossier_id, action, payload, base_version, state, attempts,"
    " last_error, created_at, updated_at) VALUES (42, 'u-1', 'g09', 5, 'stop', '{\"target\":8}', '3',"
    " 'rejected', 2, 'Sai', 10, 11);", &error));
  g_clear_object (&old);

  store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);
  e = mc_store_outbox_get (store, 42, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->uuid, ==, "u-1");
  g_assert_cmpint (e->state, ==, MC_OUTBOX_REJECTED);
  g_assert_cmpint (e->attempts, ==, 2);
  g_assert_cmpstr (e->last_error, ==, "Sai");
  g_assert_cmpstr (e->base_version, ==, "3");
  g_assert_true (mc_store_outbox_discard (store, 42, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_integrity_check (store, &error));
}

static gint64
audited (McStore    *store,
         const char *outcome)
{
  sqlite3_stmt *stmt = mc_store_prepare (store, "SELECT count(*) FROM audit WHERE outcome = ?", NULL);

  mc_store_bind_text (stmt, 1, outcome);
  return mc_store_step_int64 (store, stmt, "counting", NULL);
}

static McOutboxState
settle (McStore           *store,
        McPushJob         *job,
        McPushOutcomeKind  kind)
{
  McPushOutcome outcome = { .kind = kind, .message = "thử", .server_status = MC_STATUS_PROCESSING,
                            .server_version = "5-00000000000000aa" };
  McOutboxState state = MC_OUTBOX_N_STATES;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_push_settle (store, job, &outcome, &state, &error));
  g_assert_no_error (error);
  return state;
}

/* The push side's calls, without a ministry system: what mc_store_push_next() hands out for a
 * row in each state (sent "sending" with its time first; in doubt, settled or not by the
 * source's settle time; done after a resend, to verify), the dossiers it is told to skip,
 * and what each outcome makes of the row. */
static void
test_push_calls (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = open_store (NULL);
  g_autoptr(GHashTable) skip = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gint64 a = add_dossier (store, "g03", MC_STATUS_RECEIVED, "4-00000000000000aa");
  g_autofree char *second_key = NULL;
  McPushJob *job;
  McOutboxEntry *e;
  gint64 row, b;

  act (store, a, MC_ACTION_FORWARD, "Chuyển phòng chuyên môn");
  job = mc_store_push_next (store, "g03", skip, &error);
  g_assert_no_error (error);
  g_assert_nonnull (job);
  g_assert_cmpint (job->step, ==, MC_PUSH_SEND);
  g_assert_cmpstr (job->key, ==, job->uuid);
  g_assert_cmpint (job->payload->action, ==, MC_ACTION_FORWARD);
  g_assert_cmpint (job->payload->target, ==, MC_STATUS_PROCESSING);
  g_assert_cmpstr (job->payload->note, ==, "Chuyển phòng chuyên môn");
  g_assert_cmpstr (job->base_version, ==, "4-00000000000000aa");
  g_assert_true (g_strv_contains ((const char * const *) job->own_keys, job->uuid));
  row = job->id;
  e = get (store, row);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_SENDING);
  g_assert_cmpint (e->sent_at, >, 0);
  mc_outbox_entry_free (e);
  /* Being sent: nothing else of its dossier is handed out. */
  g_assert_null (mc_store_push_next (store, "g03", skip, &error));
  g_assert_no_error (error);

  g_assert_cmpint (settle (store, job, MC_PUSH_IN_DOUBT), ==, MC_OUTBOX_IN_DOUBT);
  mc_push_job_free (job);
  job = mc_store_push_next (store, "g03", skip, &error);
  g_assert_cmpint (job->step, ==, MC_PUSH_CHECK);
  g_assert_false (job->settled);       /* 600 s after a send just made */
  g_hash_table_add (skip, g_memdup2 (&a, sizeof a));
  g_assert_null (mc_store_push_next (store, "g03", skip, &error));
  g_hash_table_remove_all (skip);
  mc_push_job_free (job);
  g_assert_true (mc_store_set_source_settle (store, "g03", 0, &error));
  job = mc_store_push_next (store, "g03", skip, &error);
  g_assert_true (job->settled);
  g_assert_cmpint (settle (store, job, MC_PUSH_NOT_APPLIED), ==, MC_OUTBOX_PENDING);
  mc_push_job_free (job);

  /* Sent again, applied: done, and looked up once more after the settle time. */
  job = mc_store_push_next (store, "g03", skip, &error);
  g_assert_cmpint (job->step, ==, MC_PUSH_SEND);
  g_assert_cmpint (settle (store, job, MC_PUSH_APPLIED), ==, MC_OUTBOX_DONE);
  mc_push_job_free (job);
  e = get (store, row);
  g_assert_true (e->resent);
  g_assert_cmpint (e->verify_at, >, 0);
  g_assert_cmpint (e->attempts, ==, 2);
  mc_outbox_entry_free (e);
  job = mc_store_push_next (store, "g03", skip, &error);
  g_assert_cmpint (job->step, ==, MC_PUSH_VERIFY);
  g_assert_cmpint (job->id, ==, row);
  /* The late first write is there too: applied twice, for review, audited. */
  g_assert_cmpint (settle (store, job, MC_PUSH_APPLIED_TWICE), ==, MC_OUTBOX_APPLIED_TWICE);
  mc_push_job_free (job);
  e = get (store, row);
  g_assert_cmpint (e->verify_at, ==, 0);
  g_assert_cmpstr (e->last_error, ==, "thử");
  g_assert_true (mc_outbox_entry_applied (e));
  mc_outbox_entry_free (e);
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 1);
  g_assert_cmpint (mc_store_dossier_unsynced (store, a, NULL), ==, 0);
  g_assert_cmpint (audited (store, "applied-twice"), ==, 1);
  g_assert_null (mc_store_push_next (store, "g03", skip, &error));
  g_assert_false (mc_store_outbox_discard (store, row, ACTOR, &error));
  g_clear_error (&error);
  g_assert_true (mc_store_outbox_acknowledge (store, row, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_dossier_needs_review (store, a, NULL), ==, 0);
  g_assert_cmpint (audited (store, "acknowledged"), ==, 1);

  /* Found applied after another official's change: a conflict the system holds; re-applied,
   * it is queued again (the push looks first), whatever the system's status. */
  act (store, a, MC_ACTION_STOP, "Chờ ý kiến");
  job = mc_store_push_next (store, "g03", skip, &error);
  row = job->id;
  g_assert_cmpint (settle (store, job, MC_PUSH_APPLIED_OVER), ==, MC_OUTBOX_CONFLICT);
  mc_push_job_free (job);
  e = get (store, row);
  g_assert_true (mc_outbox_entry_applied (e));
  mc_outbox_entry_free (e);
  g_assert_true (mc_store_outbox_reapply (store, row, ACTOR, &error));
  g_assert_no_error (error);
  job = mc_store_push_next (store, "g03", skip, &error);
  second_key = g_strconcat (job->uuid, ".1", NULL);
  g_assert_cmpstr (job->key, ==, second_key);
  g_assert_cmpint (settle (store, job, MC_PUSH_APPLIED), ==, MC_OUTBOX_DONE);
  mc_push_job_free (job);

  /* A payload that cannot be read is parked for the official, and the next one comes. */
  b = add_dossier (store, "g03", MC_STATUS_RECEIVED, "2-00000000000000bb");
  act (store, b, MC_ACTION_FORWARD, NULL);
  g_assert_true (mc_store_exec (store, "UPDATE outbox SET payload = '{' WHERE state = 'pending'", &error));
  g_assert_null (mc_store_push_next (store, "g03", skip, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_dossier_needs_review (store, b, NULL), ==, 1);
}

/* A counter intake whose answer was lost, while the pull stored the system's copy under its
 * new number and the official acted on that copy: once the look-up confirms the intake, it
 * goes into the copy (its create done, its other actions conflicts there), never parked; a
 * copy with nothing left to send goes instead, its rows kept with the intake. */
static void
test_merge_into_copy (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McStore) store = open_store (NULL);
  g_autoptr(GHashTable) skip = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  McIntake in = { .procedure_code = "1.010833", .applicant_name = "Lê Thị Hoa", .id_number = "001190000123",
                  .documents = (const char *[]) { "Tờ khai", NULL } };
  g_autoptr(McDossier) intake = mc_store_receive_new (store, &in, ACTOR, &error);
  g_autoptr(McDossier) gone = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  McOutboxFilter filter = { .state = -1 };
  McPushOutcome created = { .kind = MC_PUSH_APPLIED, .number = "000.00.15.H38-260609-0A1B2C3D",
                            .server_version = "1-00000000000000cc" };
  McOutboxState state = MC_OUTBOX_N_STATES;
  McPushJob *job;
  gint64 copy;
  sqlite3_stmt *stmt;
  guint n = 0;

  g_assert_no_error (error);
  act (store, intake->id, MC_ACTION_FORWARD, "Chuyển thẩm định");
  copy = add_dossier (store, intake->source_id, MC_STATUS_RECEIVED, "1-00000000000000cc");
  stmt = mc_store_prepare (store, "UPDATE dossiers SET number = ? WHERE id = ?", &error);
  mc_store_bind_text (stmt, 1, created.number);
  sqlite3_bind_int64 (stmt, 2, copy);
  g_assert_true (mc_store_step_done (store, stmt, &error));
  act (store, copy, MC_ACTION_FORWARD, "Chuyển phòng chuyên môn");

  job = mc_store_push_next (store, intake->source_id, skip, &error);
  g_assert_no_error (error);
  g_assert_true (job->payload->create);
  g_assert_true (mc_store_push_settle (store, job, &created, &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, MC_OUTBOX_DONE);
  mc_push_job_free (job);

  gone = mc_store_get_dossier (store, intake->id, &error);
  g_assert_null (gone);
  g_clear_error (&error);
  filter.dossier_id = copy;
  rows = mc_store_outbox_list (store, &filter, &error);
  g_assert_cmpuint (rows->len, ==, 3);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);
      g_autoptr(McActionPayload) payload = mc_action_payload_from_json (e->payload, &error);
      McOutboxState expected = payload->create ? MC_OUTBOX_DONE
        : g_str_equal (payload->note, "Chuyển thẩm định") ? MC_OUTBOX_CONFLICT : MC_OUTBOX_PENDING;

      g_assert_cmpint (e->state, ==, expected);
      g_assert_cmpstr (payload->number, ==, created.number);
      g_assert_cmpstr (e->dossier_number, ==, created.number);
    }
  g_assert_cmpint (mc_store_dossier_needs_review (store, copy, NULL), ==, 1);
  stmt = mc_store_prepare (store, "SELECT count(*) FROM audit WHERE action = 'merge' AND dossier_id = ?", &error);
  sqlite3_bind_int64 (stmt, 1, copy);
  g_assert_cmpint (mc_store_step_int64 (store, stmt, "counting", &error), ==, 1);

  /* A copy whose actions are all finished goes, and its rows stay on record with the intake. */
  {
    g_autoptr(McDossier) second = mc_store_receive_new (store, &in, ACTOR, &error);
    g_autoptr(McDossier) renumbered = NULL;
    gint64 other = add_dossier (store, intake->source_id, MC_STATUS_RECEIVED, "1-00000000000000dd");

    created.number = "000.00.15.H38-260609-0A1B2C3E";
    stmt = mc_store_prepare (store, "UPDATE dossiers SET number = ? WHERE id = ?", &error);
    mc_store_bind_text (stmt, 1, created.number);
    sqlite3_bind_int64 (stmt, 2, other);
    g_assert_true (mc_store_step_done (store, stmt, &error));
    act (store, other, MC_ACTION_FORWARD, "Chuyển phòng chuyên môn");
    g_hash_table_add (skip, g_memdup2 (&copy, sizeof copy));
    g_hash_table_add (skip, g_memdup2 (&second->id, sizeof second->id));
    job = mc_store_push_next (store, intake->source_id, skip, &error);
    g_assert_cmpint (job->dossier_id, ==, other);
    g_assert_cmpint (settle (store, job, MC_PUSH_APPLIED), ==, MC_OUTBOX_DONE);
    mc_push_job_free (job);
    g_hash_table_remove_all (skip);
    g_hash_table_add (skip, g_memdup2 (&copy, sizeof copy));
    job = mc_store_push_next (store, intake->source_id, skip, &error);
    g_assert_cmpint (job->dossier_id, ==, second->id);
    g_assert_true (mc_store_push_settle (store, job, &created, &state, &error));
    g_assert_cmpint (state, ==, MC_OUTBOX_DONE);
    mc_push_job_free (job);
    renumbered = mc_store_get_dossier (store, second->id, &error);
    g_assert_cmpstr (renumbered->number, ==, created.number);
    g_assert_null (mc_store_get_dossier (store, other, NULL));
    filter.dossier_id = second->id;
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = mc_store_outbox_list (store, &filter, &error);
    g_assert_cmpuint (rows->len, ==, 2);
  }
  g_assert_true (mc_store_audit_verify (store, &n, &error));
  g_assert_true (mc_store_integrity_check (store, &error));
  g_assert_no_error (error);
}

/* A payload read back is the payload written. */
static void
test_payload (void)
{
  g_autoptr(McActionPayload) p = mc_action_payload_new ();
  g_autoptr(McActionPayload) back = NULL;
  g_autofree char *json = NULL;
  g_autofree char *note = NULL;
  g_autoptr(GError) error = NULL;
  static const char *items[] = { "Tờ khai", "Bản sao", NULL };
  static const char *results[] = { "Giấy phép", "Quyết định", NULL };
  static const char *numbers[] = { "12/GP", NULL };
  McActionInput in = { .note = "Ghi chú", .items = items, .due_at = 1780000000, .method = MC_CHANNEL_POST,
                       .results = results, .result_numbers = numbers, .fee_name = "Lệ phí", .fee_vnd = 50000 };

  p->uuid = g_strdup ("6f1c2c3e-4b5a-4d7e-9f00-112233445566");
  p->action = MC_ACTION_RESOLVE;
  p->number = g_strdup ("G03.01");
  p->source_id = g_strdup ("g03");
  p->status_before = MC_STATUS_PROCESSING;
  p->target = MC_STATUS_RESOLVED;
  p->at = 1779000000;
  p->actor = g_strdup (ACTOR);
  mc_action_payload_set_input (p, ~0u, &in);
  json = mc_action_payload_to_json (p);
  back = mc_action_payload_from_json (json, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->uuid, ==, p->uuid);
  g_assert_cmpint (back->action, ==, MC_ACTION_RESOLVE);
  g_assert_cmpint (back->status_before, ==, MC_STATUS_PROCESSING);
  g_assert_cmpint (back->target, ==, MC_STATUS_RESOLVED);
  g_assert_cmpint (back->at, ==, p->at);
  g_assert_cmpint (back->due_at, ==, in.due_at);
  g_assert_cmpint (back->method, ==, MC_CHANNEL_POST);
  g_assert_cmpstrv (back->items, items);
  g_assert_cmpstrv (back->results, results);
  g_assert_cmpstr (back->result_numbers[0], ==, "12/GP");
  g_assert_cmpstr (back->result_numbers[1], ==, "");
  g_assert_cmpstr (back->fee_name, ==, "Lệ phí");
  g_assert_cmpint (back->fee_vnd, ==, 50000);
  note = mc_action_payload_ministry_note (back);
  g_assert_nonnull (strstr (note, "Giấy phép (số 12/GP), Quyết định"));
  g_assert_null (mc_action_payload_from_json ("{\"action\":\"fly\"}", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/outbox/push-path", test_push_path);
  g_test_add_func ("/outbox/conflict", test_conflict);
  g_test_add_func ("/outbox/mark-applied", test_mark_applied);
  g_test_add_func ("/outbox/rejected", test_rejected);
  g_test_add_func ("/outbox/audit-many", test_audit_many);
  g_test_add_func ("/outbox/migrate", test_migrate_outbox);
  g_test_add_func ("/outbox/push-calls", test_push_calls);
  g_test_add_func ("/outbox/payload", test_payload);
  g_test_add_func ("/outbox/merge-into-copy", test_merge_into_copy);
  return g_test_run ();
}
