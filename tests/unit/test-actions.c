/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-deadline.h"
#include "mc-sample.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-outbox.h"
#include "mc-time.h"

/* The official's actions on a real profile: the status table, the input rules, the one
 * transaction (provoked to fail with triggers), the deadline clock, the provisional number,
 * the outbox's states and the audit chain. */

#define SEED 77
#define ACTOR "tester"

typedef struct
{
  char *dir;
  char *path;
  McStore *store;
  McSample *plan;
  guint64 next_index;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = mc_sample_sources ();

  f->dir = g_dir_make_tmp ("mc-actions-XXXXXX", NULL);
  f->path = g_build_filename (f->dir, "motcua.db", NULL);
  f->store = mc_store_open (f->path, MC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->plan = mc_sample_new (SEED, MC_SAMPLE_DEFAULT_DOSSIERS, mc_time_now ());
  for (guint i = 0; i < sources->len; i++)
    g_assert_true (mc_store_add_source (f->store, g_ptr_array_index (sources, i), NULL));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  g_clear_pointer (&f->plan, mc_sample_free);
  g_free (f->path);
  g_free (f->dir);
}

/* A generated dossier in @status (as it stood when it entered it: the sample at "now" holds
 * some statuses only now and then), stored; its id. */
static gint64
add_dossier (Fixture  *f,
             McStatus  status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = mc_sample_make_in (f->plan, &f->next_index, status, NULL);

  g_assert_nonnull (d);
  g_assert_true (mc_store_insert_dossier (f->store, d, &error));
  g_assert_no_error (error);
  return d->id;
}

/* Everything the actions may touch, hashed through a connection of its own: "nothing
 * changed" means not one byte of these tables. */
static char *
fingerprint (Fixture *f)
{
  static const char *queries[] = {
    "SELECT * FROM dossiers ORDER BY id", "SELECT * FROM documents ORDER BY id",
    "SELECT * FROM fees ORDER BY id", "SELECT * FROM supplements ORDER BY id",
    "SELECT * FROM results ORDER BY id", "SELECT * FROM history ORDER BY id",
    "SELECT * FROM outbox ORDER BY id", "SELECT * FROM audit ORDER BY id",
    "SELECT rowid FROM dossier_fts ORDER BY rowid",
  };
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            g_checksum_update (sum, (const guchar *) (text ? text : "\x01NULL"), -1);
            g_checksum_update (sum, (const guchar *) "\x02", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

static void
raw_exec (Fixture    *f,
          const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* The last audit row, as "actor|dossier_id|action|before|after|outcome". */
static char *
last_audit (Fixture *f)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *row = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT actor || '|' || dossier_id || '|' || action || '|' || coalesce(status_before, '') || '|'"
    " || coalesce(status_after, '') || '|' || outcome FROM audit ORDER BY id DESC LIMIT 1", -1, &stmt, NULL),
    ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    row = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return row;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static GPtrArray *
outbox_of (Fixture *f,
           gint64   dossier_id)
{
  g_autoptr(GError) error = NULL;
  McOutboxFilter filter = { .state = -1, .dossier_id = dossier_id };
  GPtrArray *entries = mc_store_outbox_list (f->store, &filter, &error);

  g_assert_no_error (error);
  return entries;
}

static const char *items[] = { "Bản sao giấy khai sinh có chứng thực", "Ảnh 4x6", NULL };
static const char *results[] = { "Quyết định công nhận", NULL };
static const char *result_numbers[] = { "15/QĐ-UBND", NULL };

/* An input every action accepts. */
static McActionInput
full_input (const McDossier *d)
{
  return (McActionInput) {
    .unit = "Bộ phận Một cửa UBND xã Phú Lộc",
    .note = "Lý do ghi rõ",
    .items = items,
    .due_at = d->due_at + 7 * 86400,
    .method = MC_CHANNEL_POST,
    .results = results,
    .result_numbers = result_numbers,
    .fee_name = "Lệ phí cấp giấy",
    .fee_vnd = 50000,
  };
}

static void
check_effect (McAction         action,
              const McDossier *before,
              const McDossier *after,
              const McActionInput *in)
{
  McStep *step = g_ptr_array_index (after->history, after->history->len - 1);

  g_assert_cmpuint (after->history->len, ==, before->history->len + 1);
  g_assert_cmpstr (step->actor, ==, ACTOR);
  g_assert_cmpint (step->status, ==, after->status);
  switch (action)
    {
    case MC_ACTION_RECEIVE:
      g_assert_cmpint (after->received_at, >, 0);
      g_assert_cmpint (after->due_at, >, after->received_at);
      break;
    case MC_ACTION_REQUEST_SUPPLEMENT:
      g_assert_cmpuint (after->supplements->len, ==, before->supplements->len + 1);
      g_assert_cmpstr (((McSupplement *) g_ptr_array_index (after->supplements, 0))->items, ==,
                       "Bản sao giấy khai sinh có chứng thực\nẢnh 4x6");
      break;
    case MC_ACTION_SUPPLEMENT_RECEIVED:
      g_assert_cmpint (((McSupplement *) g_ptr_array_index (after->supplements, 0))->received_at, >, 0);
      g_assert_cmpint (after->due_at, >=, before->due_at);
      break;
    case MC_ACTION_REQUEST_FEE:
      g_assert_cmpuint (after->fees->len, ==, before->fees->len + 1);
      g_assert_false (((McFee *) g_ptr_array_index (after->fees, after->fees->len - 1))->paid);
      break;
    case MC_ACTION_FEE_PAID:
      for (guint i = 0; i < after->fees->len; i++)
        g_assert_true (((McFee *) g_ptr_array_index (after->fees, i))->paid);
      break;
    case MC_ACTION_RESOLVE:
      g_assert_cmpuint (after->results->len, ==, before->results->len + 1);
      g_assert_cmpstr (((McResult *) g_ptr_array_index (after->results, after->results->len - 1))->number, ==,
                       "15/QĐ-UBND");
      g_assert_cmpint (after->finished_at, >, 0);
      break;
    case MC_ACTION_RETURN_RESULT:
      g_assert_cmpint (after->return_method, ==, MC_CHANNEL_POST);
      g_assert_cmpint (after->returned_at, >, 0);
      break;
    case MC_ACTION_STOP:
    case MC_ACTION_WITHDRAW:
      g_assert_cmpint (after->finished_at, >, 0);
      break;
    case MC_ACTION_RESCHEDULE:
      g_assert_cmpint (after->due_at, ==, in->due_at);
      break;
    default:
      g_assert_cmpint (after->due_at, ==, before->due_at);
      break;
    }
}

/* Every (status, action) pair on a fresh generated dossier: the allowed ones do exactly what
 * they say, in the dossier, the outbox and the audit; the others change nothing at all. */
static void
test_every_transition (Fixture       *f,
                       gconstpointer  data)
{
  guint n_allowed = 0, n_refused = 0;

  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    for (int a = MC_ACTION_INVALID + 1; a <= MC_ACTION_LAST; a++)
      {
        g_autoptr(GError) error = NULL;
        gint64 id = add_dossier (f, s);
        g_autoptr(McDossier) before = mc_store_get_dossier (f->store, id, NULL);
        g_autoptr(McDossier) after = NULL;
        g_autoptr(GPtrArray) outbox = NULL;
        g_autoptr(GArray) offered = mc_store_actions_allowed (f->store, id, NULL);
        g_autofree char *print_before = fingerprint (f);
        g_autofree char *print_after = NULL;
        McActionInput in = full_input (before);
        McStatus target = mc_transition_target (s, a);
        gboolean is_offered = FALSE;

        for (guint i = 0; i < offered->len; i++)
          is_offered |= g_array_index (offered, McAction, i) == (McAction) a;
        g_assert_cmpint (is_offered, ==, target != MC_STATUS_INVALID);

        if (target == MC_STATUS_INVALID)
          {
            g_assert_false (mc_store_apply_action (f->store, id, a, &in, ACTOR, &error));
            g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
            g_assert_nonnull (strstr (error->message, before->number));
            print_after = fingerprint (f);
            g_assert_cmpstr (print_after, ==, print_before);
            n_refused++;
            continue;
          }

        g_test_message ("%s from %d", mc_action_id (a), s);
        g_assert_true (mc_store_apply_action (f->store, id, a, &in, ACTOR, &error));
        g_assert_no_error (error);
        after = mc_store_get_dossier (f->store, id, &error);
        g_assert_cmpint (after->status, ==, target);
        check_effect (a, before, after, &in);

        outbox = outbox_of (f, id);
        g_assert_cmpuint (outbox->len, ==, 1);
        {
          McOutboxEntry *e = g_ptr_array_index (outbox, 0);
          g_autoptr(JsonObject) payload = parse_object (e->payload);
          g_autofree char *audit = last_audit (f);
          g_autofree char *expected = g_strdup_printf (ACTOR "|%" G_GINT64_FORMAT "|%s|%d|%d|queued",
                                                       id, mc_action_id (a), s, target);

          g_assert_true (g_uuid_string_is_valid (e->uuid));
          g_assert_cmpstr (e->action, ==, mc_action_id (a));
          g_assert_cmpint (e->state, ==, MC_OUTBOX_PENDING);
          g_assert_cmpstr (e->base_version, ==, before->server_version);
          g_assert_cmpint (e->payload_version, ==, MC_ACTION_PAYLOAD_VERSION);
          g_assert_cmpstr (json_object_get_string_member (payload, "uuid"), ==, e->uuid);
          g_assert_cmpstr (json_object_get_string_member (payload, "number"), ==, before->number);
          g_assert_cmpint (json_object_get_int_member (payload, "status_before"), ==, s);
          g_assert_cmpint (json_object_get_int_member (payload, "target"), ==, target);
          g_assert_cmpstr (audit, ==, expected);
        }
        g_assert_cmpint (mc_store_dossier_unsynced (f->store, id, NULL), ==, 1);
        n_allowed++;
      }
  /* The table has 22 transitions; every other pair was refused. */
  g_assert_cmpuint (n_allowed, ==, 22);
  g_assert_cmpuint (n_refused, ==, 10 * MC_ACTION_LAST - 22);
  g_assert_true (mc_store_audit_verify (f->store, NULL, NULL));
}

/* Input rules: each missing or wrong input is refused with its own message and no change. */
static void
test_input_rules (Fixture       *f,
                  gconstpointer  data)
{
  static const char *blank_item[] = { "Ảnh 4x6", "  ", NULL };
  static const char *no_items[] = { NULL };
  gint64 submitted = add_dossier (f, MC_STATUS_SUBMITTED);
  gint64 processing = add_dossier (f, MC_STATUS_PROCESSING);
  gint64 resolved = add_dossier (f, MC_STATUS_RESOLVED);
  g_autoptr(McDossier) p = mc_store_get_dossier (f->store, processing, NULL);
  g_autofree char *print = fingerprint (f);
  const struct {
    gint64 id;
    McAction action;
    McActionInput in;
    const char *message;
  } cases[] = {
    { submitted, MC_ACTION_REFUSE, { .note = " \t" }, "Give the reasons for refusing the dossier" },
    { submitted, MC_ACTION_REQUEST_SUPPLEMENT, { 0 }, "List every missing item of the supplement request" },
    { submitted, MC_ACTION_REQUEST_SUPPLEMENT, { .items = no_items }, "List every missing item of the supplement request" },
    { submitted, MC_ACTION_REQUEST_SUPPLEMENT, { .items = blank_item }, "A missing item is empty: describe it or remove it" },
    { processing, MC_ACTION_STOP, { 0 }, "Give the reason for stopping the processing" },
    { processing, MC_ACTION_RECORD_STEP, { 0 }, "Describe the processing step" },
    { processing, MC_ACTION_RESCHEDULE, { .due_at = p->due_at + 86400 }, "Give the reason for the delay: it goes into the letter of apology" },
    { processing, MC_ACTION_RESCHEDULE, { .note = "Xin lỗi" }, "Give the new due date" },
    { processing, MC_ACTION_RESCHEDULE, { .note = "Xin lỗi", .due_at = p->due_at }, NULL },
    { processing, MC_ACTION_RESOLVE, { 0 }, "List the result documents" },
    { processing, MC_ACTION_REQUEST_FEE, { .fee_name = "Lệ phí" }, "Give the name and the amount of the financial obligation" },
    { resolved, MC_ACTION_RETURN_RESULT, { .method = 7 }, "Choose how the result is returned: in person, online or by post" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;

      g_test_message ("case %zu", i);
      g_assert_false (mc_store_apply_action (f->store, cases[i].id, cases[i].action, &cases[i].in, ACTOR, &error));
      g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
      if (cases[i].message)
        g_assert_cmpstr (error->message, ==, cases[i].message);
      else
        g_assert_true (g_str_has_prefix (error->message, "The new due date must be later than the current one"));
      after = fingerprint (f);
      g_assert_cmpstr (after, ==, print);
    }
}

static void
expect_provoked_failure (Fixture    *f,
                         const char *trigger)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_dossier (f, MC_STATUS_SUBMITTED);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *create = g_strdup_printf ("CREATE TRIGGER provoke BEFORE INSERT ON %s"
                                             " BEGIN SELECT RAISE(ABORT, 'provoked failure'); END;", trigger);
  McActionInput in = { .note = "Hồ sơ không thuộc thẩm quyền" };
  /* Received now, whatever the hour the suite runs. */
  McIntake intake = { .procedure_code = "1.010833", .applicant_name = "Lê Văn Tám",
                      .id_number = "001090123456", .documents = (const char *[]) { "Tờ khai", NULL },
                      .after_hours = TRUE };

  raw_exec (f, create);
  before = fingerprint (f);
  g_assert_false (mc_store_apply_action (f->store, id, MC_ACTION_REFUSE, &in, ACTOR, &error));
  g_assert_nonnull (strstr (error->message, "provoked failure"));
  g_clear_error (&error);
  g_assert_null (mc_store_receive_new (f->store, &intake, ACTOR, &error));
  g_assert_nonnull (strstr (error->message, "provoked failure"));
  g_clear_error (&error);
  after = fingerprint (f);
  g_assert_cmpstr (after, ==, before);

  /* The connection is usable at once: no transaction was left open. */
  raw_exec (f, "DROP TRIGGER provoke");
  g_assert_true (mc_store_apply_action (f->store, id, MC_ACTION_REFUSE, &in, ACTOR, &error));
  g_assert_no_error (error);
}

/* One transaction: the audit insert or the outbox insert failing takes the local effect with
 * it. */
static void
test_one_transaction (Fixture       *f,
                      gconstpointer  data)
{
  expect_provoked_failure (f, "audit");
  expect_provoked_failure (f, "outbox");
  expect_provoked_failure (f, "history");
  g_assert_true (mc_store_audit_verify (f->store, NULL, NULL));
}

static gint64
local (const char *text)
{
  gint64 t = 0;

  g_assert_true (mc_time_parse (text, &t));
  return t;
}

/* A supplement request stops the clock; when the supplement arrives the due date moves by the
 * working time that passed (a weekend does not count). */
static void
test_supplement_clock (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  McIntake intake = { .procedure_code = "1.010833", .applicant_name = "Trần Thị Lan",
                      .id_number = "079190000001", .documents = (const char *[]) { "Tờ khai", NULL },
                      .at = local ("2026-03-02 09:00") };
  g_autoptr(McDossier) d = mc_store_receive_new (f->store, &intake, ACTOR, &error);
  g_autoptr(McDossier) resumed = NULL;
  McActionInput ask = { .items = items, .at = local ("2026-03-05 15:00") };
  McActionInput got = { .at = local ("2026-03-09 08:00") };
  McDeadlineClock clock;
  gint64 due0;

  g_assert_no_error (error);
  /* 5 working days from Monday 09:00. */
  due0 = d->due_at;
  g_assert_cmpint (due0, ==, local ("2026-03-09 09:00"));
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_FORWARD, &(McActionInput) { .at = local ("2026-03-02 10:00") }, ACTOR, &error));
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_REQUEST_SUPPLEMENT, &ask, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_get_clock (f->store, d->id, &clock, &error));
  g_assert_cmpint (clock.paused_at, ==, ask.at);
  g_assert_cmpint (clock.due_at, ==, due0);

  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_SUPPLEMENT_RECEIVED, &got, ACTOR, &error));
  g_assert_no_error (error);
  resumed = mc_store_get_dossier (f->store, d->id, &error);
  /* Paused Thursday 15:00 to Monday 08:00: 2 h + 8 h + 1 h = 11 working hours. */
  g_assert_cmpint (mc_deadline_working_between (NULL, calendar, due0, resumed->due_at), ==, 11 * 3600);
  g_assert_cmpint (resumed->due_at, ==, local ("2026-03-10 14:00"));
  g_assert_true (mc_store_get_clock (f->store, d->id, &clock, &error));
  g_assert_cmpint (clock.paused_at, ==, 0);

  /* Only once per dossier, even after the supplement arrived: not offered, and refused. */
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_RECORD_STEP,
                                        &(McActionInput) { .note = "Thẩm định" }, ACTOR, &error));
  {
    g_autoptr(GArray) allowed = mc_store_actions_allowed (f->store, d->id, &error);

    for (guint i = 0; i < allowed->len; i++)
      g_assert_cmpint (g_array_index (allowed, McAction, i), !=, MC_ACTION_REQUEST_SUPPLEMENT);
  }
  g_assert_false (mc_store_apply_action (f->store, d->id, MC_ACTION_REQUEST_SUPPLEMENT, &ask, ACTOR, &error));
  g_assert_nonnull (strstr (error->message, "only once"));
}

/* A supplement asked for before the dossier was received starts the clock when it arrives. */
static void
test_supplement_before_receipt (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_dossier (f, MC_STATUS_SUBMITTED);
  g_autoptr(McDossier) d = NULL;
  McActionInput ask = { .items = items, .at = local ("2026-03-02 09:00") };
  McActionInput got = { .at = local ("2026-03-04 10:00") };

  g_assert_true (mc_store_apply_action (f->store, id, MC_ACTION_REQUEST_SUPPLEMENT, &ask, ACTOR, &error));
  g_assert_true (mc_store_apply_action (f->store, id, MC_ACTION_SUPPLEMENT_RECEIVED, &got, ACTOR, &error));
  g_assert_no_error (error);
  d = mc_store_get_dossier (f->store, id, &error);
  g_assert_cmpint (d->received_at, ==, got.at);
  g_assert_cmpint (d->due_at, ==, mc_deadline_due (NULL, mc_calendar_get_default (), got.at,
                                                    mc_catalog_lookup (mc_catalog_get_default (), d->procedure_code)->duration,
                                                    mc_catalog_lookup (mc_catalog_get_default (), d->procedure_code)->unit));
}

/* A reschedule needs a reason and a later date, and happens once. */
static void
test_reschedule_once (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = add_dossier (f, MC_STATUS_PROCESSING);
  g_autoptr(McDossier) d = mc_store_get_dossier (f->store, id, NULL);
  g_autoptr(McDossier) after = NULL;
  g_autofree char *print = NULL;
  g_autofree char *print2 = NULL;
  /* A week and two weeks later: the same weekday and hour, in office hours. */
  McActionInput first = { .note = "Cần xác minh thêm", .due_at = d->due_at + 7 * 86400 };
  McActionInput second = { .note = "Lần nữa", .due_at = d->due_at + 14 * 86400 };
  McDeadlineClock clock;

  g_assert_true (mc_store_apply_action (f->store, id, MC_ACTION_RESCHEDULE, &first, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_get_clock (f->store, id, &clock, NULL));
  g_assert_true (clock.rescheduled);
  print = fingerprint (f);
  g_assert_false (mc_store_apply_action (f->store, id, MC_ACTION_RESCHEDULE, &second, ACTOR, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  print2 = fingerprint (f);
  g_assert_cmpstr (print, ==, print2);
  after = mc_store_get_dossier (f->store, id, NULL);
  g_assert_cmpint (after->due_at, ==, first.due_at);
}

/* Deadline rules at the edges: a reschedule lands in office hours on a working day; a
 * reception outside office hours needs the official's confirmation; the clock stands still
 * while the citizen's financial obligation is awaited, and the history shows the wait. */
static void
test_deadline_edges (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  McIntake intake = { .procedure_code = "1.010833", .applicant_name = "Trần Thị Lan",
                      .id_number = "079190000001", .documents = (const char *[]) { "Tờ khai", NULL },
                      .at = local ("2026-03-08 10:00") };  /* a Sunday */
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McDossier) paid = NULL;
  const McStep *step;
  McDeadlineClock clock;
  gint64 due0;

  g_assert_null (mc_store_receive_new (f->store, &intake, ACTOR, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  intake.at = local ("2026-03-02 22:00");  /* Monday night */
  g_assert_null (mc_store_receive_new (f->store, &intake, ACTOR, &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_UNCONFIRMED);
  g_clear_error (&error);
  intake.at = local ("2026-03-02 09:00");
  d = mc_store_receive_new (f->store, &intake, ACTOR, &error);
  g_assert_no_error (error);
  due0 = d->due_at;
  g_assert_cmpint (due0, ==, local ("2026-03-09 09:00"));

  /* A Sunday, 22:00, the lunch break and Giỗ Tổ (26 April 2026, a Sunday too; its day off is
   * Monday 27) move to the next office time with a note; a closing time is an appointment. */
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_FORWARD,
                                        &(McActionInput) { .at = local ("2026-03-02 10:00") }, ACTOR, &error));
  for (guint i = 0; i < 5; i++)
    {
      const char *asked[] = { "2026-03-15 09:00", "2026-03-10 22:00", "2026-03-10 12:00", "2026-04-27 09:00",
                              "2026-03-13 17:00" };
      const char *moved[] = { "2026-03-16 07:00", "2026-03-11 07:00", "2026-03-10 13:30", "2026-04-28 07:00",
                              "2026-03-13 17:00" };
      g_autofree char *note = NULL;
      gint64 due = 0;

      g_test_message ("%s", asked[i]);
      note = mc_store_due_moved (f->store, local (asked[i]), &due);
      g_assert_cmpint (due, ==, local (moved[i]));
      if (i < 4)
        g_assert_nonnull (strstr (note, "office hours"));
      else
        g_assert_null (note);
    }

  /* The fee asked Tuesday 3 March 15:00 and paid Thursday 5 March 15:00: two working days
   * (16 working hours) do not count. */
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_REQUEST_FEE,
                                        &(McActionInput) { .at = local ("2026-03-03 15:00"), .fee_name = "Lệ phí",
                                                           .fee_vnd = 20000 }, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_get_clock (f->store, d->id, &clock, &error));
  g_assert_cmpint (clock.paused_at, ==, local ("2026-03-03 15:00"));
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_FEE_PAID,
                                        &(McActionInput) { .at = local ("2026-03-05 15:00") }, ACTOR, &error));
  g_assert_no_error (error);
  paid = mc_store_get_dossier (f->store, d->id, &error);
  g_assert_cmpint (mc_deadline_working_between (NULL, calendar, due0, paid->due_at), ==, 16 * 3600);
  g_assert_cmpint (paid->due_at, ==, local ("2026-03-11 09:00"));
  g_assert_true (mc_store_get_clock (f->store, d->id, &clock, &error));
  g_assert_cmpint (clock.paused_at, ==, 0);

  /* A reschedule to a Saturday is taken at the next office time, Monday 07:00, and the history
   * tells the official; the apology keeps the reason alone. */
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_RESCHEDULE,
                                        &(McActionInput) { .note = "Chờ xác minh", .due_at = local ("2026-03-14 09:00") },
                                        ACTOR, &error));
  g_assert_no_error (error);
  g_clear_pointer (&paid, mc_dossier_unref);
  paid = mc_store_get_dossier (f->store, d->id, &error);
  g_assert_cmpint (paid->due_at, ==, local ("2026-03-16 07:00"));
  step = g_ptr_array_index (paid->history, paid->history->len - 1);
  g_assert_nonnull (strstr (step->note, "Chờ xác minh\n"));
  g_assert_nonnull (strstr (step->note, "16/03/2026 07:00"));
  g_assert_cmpstr (paid->reschedule->reason, ==, "Chờ xác minh");
  g_assert_cmpint (paid->reschedule->due_after, ==, local ("2026-03-16 07:00"));
}

static void
test_id_numbers (void)
{
  static const struct { const char *number; gboolean ok; } cases[] = {
    { "001090123456", TRUE },   /* Hà Nội */
    { "079190000001", TRUE },   /* Hồ Chí Minh */
    { "046203001234", TRUE },   /* Huế */
    { "002090123456", FALSE },  /* Hà Giang: merged into Tuyên Quang in 2025 */
    { "099090123456", FALSE },
    { "101090123456", FALSE },
    { "00109012345", FALSE },
    { "0010901234567", FALSE },
    { "00109012345a", FALSE },
    { "", FALSE },
    { NULL, FALSE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", cases[i].number);
      g_assert_cmpint (mc_validate_id_number (cases[i].number, &error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
    }
}

/* The counter: input checked with a message for the official, the due date shown before
 * confirming is the one the dossier gets, and the provisional numbers never repeat. */
static void
test_intake (Fixture       *f,
             gconstpointer  data)
{
  const char *docs[] = { "Tờ khai", "Căn cước", NULL };
  McIntake good = { .procedure_code = "1.010833", .applicant_name = "  Phạm Thị Đào ", .id_number = "001190000123",
                    .documents = docs, .fee_vnd = 20000, .fee_paid = TRUE, .at = local ("2026-03-02 09:00") };
  const struct { McIntake in; const char *message; } bad[] = {
    { { .applicant_name = "A", .id_number = "001190000123", .documents = docs }, "Choose the procedure" },
    { { .procedure_code = "9.999999", .applicant_name = "A", .id_number = "001190000123", .documents = docs }, "Unknown procedure code “9.999999”" },
    { { .procedure_code = "1.010833", .applicant_name = " ", .id_number = "001190000123", .documents = docs }, "Enter the applicant's name" },
    { { .procedure_code = "1.010833", .applicant_name = "A", .id_number = "0011900001", .documents = docs }, "The ID number must have exactly 12 digits" },
    { { .procedure_code = "1.010833", .applicant_name = "A", .id_number = "001190000123" }, "Tick the documents received" },
    { { .procedure_code = "1.010833", .applicant_name = "A", .id_number = "001190000123", .documents = docs, .source_id = "g03" },
      "“Xác nhận thân nhân của người có công” belongs to the Ministry of Home Affairs, not to the system “Giáo dục và Đào tạo”" },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) a = NULL;
  g_autoptr(McDossier) b = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(JsonObject) payload = NULL;
  g_autofree char *print = fingerprint (f);
  g_autofree char *print2 = NULL;
  gint64 due;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_clear_error (&error);
      g_assert_cmpint (mc_store_intake_preview (f->store, &bad[i].in, &error), ==, 0);
      g_assert_cmpstr (error->message, ==, bad[i].message);
      g_clear_error (&error);
      g_assert_null (mc_store_receive_new (f->store, &bad[i].in, ACTOR, &error));
      g_assert_cmpstr (error->message, ==, bad[i].message);
    }
  g_clear_error (&error);
  print2 = fingerprint (f);
  g_assert_cmpstr (print2, ==, print);

  due = mc_store_intake_preview (f->store, &good, &error);
  g_assert_no_error (error);
  g_assert_cmpint (due, ==, local ("2026-03-09 09:00"));
  a = mc_store_receive_new (f->store, &good, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a->due_at, ==, due);
  g_assert_true (a->provisional);
  g_assert_cmpstr (a->number, ==, "TAM.G09-20260302-0001");
  g_assert_cmpstr (a->source_id, ==, "g09");
  g_assert_cmpstr (a->applicant_name, ==, "Phạm Thị Đào");
  g_assert_cmpint (a->status, ==, MC_STATUS_RECEIVED);
  g_assert_cmpuint (a->documents->len, ==, 2);
  g_assert_cmpuint (a->fees->len, ==, 1);
  b = mc_store_receive_new (f->store, &good, ACTOR, &error);
  g_assert_cmpstr (b->number, ==, "TAM.G09-20260302-0002");

  outbox = outbox_of (f, a->id);
  g_assert_cmpuint (outbox->len, ==, 1);
  payload = parse_object (((McOutboxEntry *) g_ptr_array_index (outbox, 0))->payload);
  g_assert_true (json_object_get_boolean_member (payload, "create"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload, "dossier"), "id_number"),
                   ==, "001190000123");
}

static gboolean
search_finds (Fixture    *f,
              const char *query,
              gint64      id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) hits = mc_store_search (f->store, query, 0, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (g_array_index (hits, gint64, i) == id)
      return TRUE;
  return FALSE;
}

/* The ministry's number replaces the provisional one everywhere, in one transaction; the
 * audit log keeps the old number where it was written and records the change. */
static void
test_renumber (Fixture       *f,
               gconstpointer  data)
{
  const char *official = "G09.46-20260302-0000777";
  /* Received now, whatever the hour the suite runs. */
  McIntake intake = { .procedure_code = "1.010833", .applicant_name = "Võ Thị Sáu", .id_number = "046190000321",
                      .documents = (const char *[]) { "Tờ khai", NULL }, .after_hours = TRUE };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = mc_store_receive_new (f->store, &intake, ACTOR, &error);
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autofree char *provisional = NULL;
  g_autofree char *print = NULL;
  g_autofree char *print2 = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *expected = NULL;
  guint n = 0;

  g_assert_no_error (error);
  provisional = g_strdup (d->number);
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_FORWARD, NULL, ACTOR, &error));
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_RECORD_STEP,
                                        &(McActionInput) { .note = "Thẩm định" }, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_true (search_finds (f, provisional, d->id));

  /* A failing audit insert leaves the provisional number everywhere. */
  raw_exec (f, "CREATE TRIGGER provoke BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'provoked'); END;");
  print = fingerprint (f);
  g_assert_false (mc_store_renumber_dossier (f->store, d->id, official, "sync/g09", &error));
  g_clear_error (&error);
  print2 = fingerprint (f);
  g_assert_cmpstr (print2, ==, print);
  raw_exec (f, "DROP TRIGGER provoke");

  g_assert_true (mc_store_renumber_dossier (f->store, d->id, official, "sync/g09", &error));
  g_assert_no_error (error);
  after = mc_store_get_dossier (f->store, d->id, &error);
  g_assert_cmpstr (after->number, ==, official);
  g_assert_false (after->provisional);
  g_assert_cmpint (mc_store_find_number (f->store, official, NULL), ==, d->id);
  g_assert_cmpint (mc_store_find_number (f->store, provisional, NULL), ==, 0);
  g_assert_true (search_finds (f, official, d->id));
  g_assert_true (search_finds (f, "46-20260302-0000777", d->id));
  g_assert_false (search_finds (f, provisional, d->id));

  outbox = outbox_of (f, d->id);
  g_assert_cmpuint (outbox->len, ==, 3);
  for (guint i = 0; i < outbox->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (outbox, i);
      g_autoptr(JsonObject) payload = parse_object (e->payload);

      g_assert_null (strstr (e->payload, provisional));
      g_assert_cmpstr (json_object_get_string_member (payload, "number"), ==, official);
      g_assert_cmpstr (e->dossier_number, ==, official);
    }
  g_assert_true (mc_store_audit_verify (f->store, &n, &error));
  g_assert_cmpuint (n, ==, 4);
  audit = last_audit (f);
  expected = g_strdup_printf ("sync/g09|%" G_GINT64_FORMAT "|renumber|4|4|done", d->id);
  g_assert_cmpstr (audit, ==, expected);

  g_assert_false (mc_store_renumber_dossier (f->store, d->id, "G09.46-20260302-0000778", "sync/g09", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
}

/* A ministry system may send a dossier of a procedure the catalog does not have: it is stored
 * and every action works on it; its due date stays the one the system gave (the catalog
 * knows no duration), and the catalog says the procedure is unknown. */
static void
test_unknown_procedure (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(McDossier) d = mc_sample_dossier (SEED, 0, mc_time_now ());
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GError) error = NULL;
  const McProcedure *proc;
  gint64 ministry_due;

  g_free (d->procedure_code);
  d->procedure_code = g_strdup ("1.099999.000.00.00.H38");
  g_free (d->procedure_name);
  d->procedure_name = g_strdup ("Thủ tục mới chưa có trong danh mục");
  d->status = MC_STATUS_SUBMITTED;
  d->received_at = 0;
  d->due_at = ministry_due = mc_time_now () + 5 * 86400;
  g_assert_true (mc_store_insert_dossier (f->store, d, &error));
  g_assert_no_error (error);
  g_assert_null (mc_catalog_lookup (mc_catalog_get_default (), d->procedure_code));
  proc = mc_catalog_lookup_or_unknown (mc_catalog_get_default (), d->procedure_code);
  g_assert_nonnull (proc);
  g_assert_true (proc->unknown);
  g_assert_true (proc == mc_catalog_lookup_or_unknown (mc_catalog_get_default (), d->procedure_code));
  proc = mc_catalog_get_procedure (mc_catalog_get_default (), 0);
  g_assert_true (mc_catalog_lookup_or_unknown (mc_catalog_get_default (), proc->code) == proc);
  g_assert_false (proc->unknown);

  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_RECEIVE, NULL, ACTOR, &error));
  g_assert_no_error (error);
  after = mc_store_get_dossier (f->store, d->id, &error);
  g_assert_cmpint (after->status, ==, MC_STATUS_RECEIVED);
  g_assert_cmpint (after->received_at, >, 0);
  g_assert_cmpint (after->due_at, ==, ministry_due);
  g_assert_true (mc_store_apply_action (f->store, d->id, MC_ACTION_FORWARD, NULL, ACTOR, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/actions/id-numbers", test_id_numbers);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/actions/every-transition", test_every_transition);
  ADD ("/actions/input-rules", test_input_rules);
  ADD ("/actions/one-transaction", test_one_transaction);
  ADD ("/actions/supplement-clock", test_supplement_clock);
  ADD ("/actions/supplement-before-receipt", test_supplement_before_receipt);
  ADD ("/actions/reschedule-once", test_reschedule_once);
  ADD ("/actions/deadline-edges", test_deadline_edges);
  ADD ("/actions/intake", test_intake);
  ADD ("/actions/renumber", test_renumber);
  ADD ("/actions/unknown-procedure", test_unknown_procedure);
#undef ADD
  return g_test_run ();
}
