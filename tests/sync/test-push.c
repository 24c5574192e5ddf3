/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-catalog.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-private.h"
#include "sync-test-util.h"

/* The push side of the sync engine against each dialect of the simulator: every action taken
 * offline reaches the system once it is back, each applied exactly once (the simulator's
 * counters); a lost acknowledgement makes no duplicate; a conflict made by another official is
 * parked and both resolutions work; a refusal is parked with the system's message and an
 * edited retry goes through; a provisional number is replaced everywhere; rows left "sending"
 * are settled; the watchdog flags an outbox that does not drain. */

#define ACTOR "Nguyễn Văn Bình"

typedef struct
{
  SyncFixture f;
  McSimDialect dialect;
  const char *source_id;
  McSyncEngine *engine;
  GPtrArray *picked;         /* numbers already chosen */
} Push;

static void
push_setup (Push         *p,
            McSimDialect  dialect)
{
  g_autoptr(GError) error = NULL;

  p->dialect = dialect;
  p->source_id = mc_sim_dialect_source_id (dialect);
  p->picked = g_ptr_array_new_with_free_func (g_free);
  sync_fixture_setup (&p->f, 600, 1u << dialect);
  sync_fixture_fresh_work (&p->f, dialect);
  p->engine = sync_fixture_engine (&p->f, 1u << dialect);
  g_assert_true (sync_engine_run (p->engine, NULL, FALSE, &error));
  g_assert_no_error (error);
}

static void
push_teardown (Push *p)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (mc_store_integrity_check (p->f.store, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_audit_verify (p->f.store, &n, &error));
  g_assert_no_error (error);
  g_clear_object (&p->engine);
  g_ptr_array_unref (p->picked);
  sync_fixture_teardown (&p->f);
}

static void
control (Push       *p,
         const char *command,
         const char *json_members)
{
  sync_fixture_control (&p->f, command, "{\"dialect\":\"%s\"%s%s}", mc_sim_dialect_name (p->dialect),
                        json_members ? "," : "", json_members ? json_members : "");
}

static gboolean
sync_once (Push    *p,
           GError **error)
{
  return sync_engine_run (p->engine, p->source_id, FALSE, error);
}

static void
sync_ok (Push *p)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sync_once (p, &error));
  g_assert_no_error (error);
}

/* A dossier the system serves in @status, not chosen before; its local id. */
static gint64
pick (Push       *p,
      McStatus    status,
      char      **out_number)
{
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (p->f.sim, p->dialect);

  for (guint i = 0; i < served->len; i++)
    {
      McDossier *d = g_ptr_array_index (served, i);
      gboolean taken = FALSE;

      for (guint k = 0; k < p->picked->len && !taken; k++)
        taken = g_str_equal (g_ptr_array_index (p->picked, k), d->number);
      if (taken || d->status != status || d->supplements->len > 0)
        continue;
      g_ptr_array_add (p->picked, g_strdup (d->number));
      if (out_number)
        *out_number = g_strdup (d->number);
      {
        g_autoptr(McDossier) local = sync_stored (&p->f, p->source_id, d->number);

        g_assert_nonnull (local);
        return local->id;
      }
    }
  g_error ("no dossier in status %d in %s", status, mc_sim_dialect_name (p->dialect));
}

static void
act (Push                 *p,
     gint64                id,
     McAction              action,
     const McActionInput  *input)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_apply_action (p->f.store, id, action, input, ACTOR, &error));
  g_assert_no_error (error);
}

static McDossier *
local (Push   *p,
       gint64  id)
{
  g_autoptr(GError) error = NULL;
  McDossier *d = mc_store_get_dossier (p->f.store, id, &error);

  g_assert_no_error (error);
  return d;
}

static McDossier *
intake (Push *p)
{
  static const char *documents[] = { "Tờ khai theo mẫu", "Bản sao căn cước", NULL };
  McCatalog *catalog = mc_catalog_get_default ();
  g_autoptr(McSource) source = sync_fixture_source (&p->f, p->dialect);
  g_autoptr(GError) error = NULL;
  const McProcedure *proc = NULL;
  McIntake in = { 0 };
  McDossier *d;

  for (guint i = 0; i < mc_catalog_get_n_procedures (catalog) && proc == NULL; i++)
    if (g_str_equal (mc_catalog_get_procedure (catalog, i)->ministry, source->ministry))
      proc = mc_catalog_get_procedure (catalog, i);
  g_assert_nonnull (proc);
  in.source_id = p->source_id;
  in.procedure_code = proc->code;
  in.applicant_name = "Lò Thị Mai";
  in.id_number = "001190000123";
  in.phone = "0912345678";
  in.address = "Bản Phiêng, xã Mường Phăng";
  in.documents = documents;
  in.fee_vnd = 50000;
  in.fee_paid = TRUE;
  in.after_hours = TRUE;  /* received now, whatever the hour the suite runs */
  d = mc_store_receive_new (p->f.store, &in, ACTOR, &error);
  g_assert_no_error (error);
  g_assert_true (d->provisional);
  g_assert_true (g_str_has_prefix (d->number, "TAM."));
  return d;
}

static GPtrArray *
outbox (Push *p,
        int   state)
{
  McOutboxFilter filter = { .source_id = p->source_id, .state = state };
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = mc_store_outbox_list (p->f.store, &filter, &error);

  g_assert_no_error (error);
  return rows;
}

static guint
n_state (Push          *p,
         McOutboxState  state)
{
  g_autoptr(GPtrArray) rows = outbox (p, state);

  return rows->len;
}

static McStatus
status_of (Push   *p,
           gint64  id)
{
  g_autoptr(McDossier) d = local (p, id);

  return d->status;
}

/* Every row of the source's outbox is done and was applied exactly once, and the dossiers it
 * touched are, locally, what the system has. */
static void
assert_all_applied_once (Push *p)
{
  g_autoptr(GPtrArray) rows = outbox (p, -1);

  g_assert_cmpuint (rows->len, >, 0);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);
      g_autoptr(McDossier) mine = local (p, e->dossier_id);
      g_autoptr(McDossier) theirs = mc_sim_get_dossier (p->f.sim, p->dialect, mine->number);

      g_test_message ("%s %s: %s after %d attempts (%s)", e->dossier_number, e->action, mc_outbox_state_id (e->state),
                      e->attempts, e->last_error ? e->last_error : "");
      g_assert_cmpstr (mc_outbox_state_id (e->state), ==, "done");
      g_assert_cmpuint (sync_applied_count (&p->f, p->dialect, e, mine->number), ==, 1);
      g_assert_nonnull (theirs);
      g_assert_false (mine->provisional);
      g_assert_cmpint (mine->status, ==, theirs->status);
    }
}

/* Every action of the workflow, taken with the system down, reaches it once it is back: in
 * each dossier's order, independent dossiers in parallel, a counter intake created (and its
 * later action sent under the ministry's number). */
static void
test_every_action (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) received = NULL;
  g_autoptr(McDossier) counter = NULL;
  static const char *items[] = { "Bản sao giấy khai sinh có chứng thực", NULL };
  static const char *results[] = { "Giấy phép", NULL };
  static const char *numbers[] = { "123/GP-UBND", NULL };
  McActionInput note = { .note = "Đã kiểm tra thành phần hồ sơ" };
  McActionInput supplement = { .items = items };
  McActionInput fee = { .fee_name = "Phí thẩm định", .fee_vnd = 150000 };
  McActionInput resolve = { .results = results, .result_numbers = numbers };
  McActionInput method = { .method = MC_CHANNEL_POST };
  McActionInput reschedule = { .note = "Cần xác minh thêm tại địa phương" };
  McSyncProgress progress;
  gint64 chain, refused, withdrawn, stopped;
  guint n_rows;

  push_setup (&p, GPOINTER_TO_UINT (data));
  chain = pick (&p, MC_STATUS_SUBMITTED, NULL);
  refused = pick (&p, MC_STATUS_SUBMITTED, NULL);
  withdrawn = pick (&p, MC_STATUS_SUBMITTED, NULL);
  stopped = pick (&p, MC_STATUS_SUBMITTED, NULL);
  control (&p, "faults", "\"outage\":true");

  act (&p, chain, MC_ACTION_RECEIVE, NULL);
  act (&p, chain, MC_ACTION_FORWARD, NULL);
  act (&p, chain, MC_ACTION_RECORD_STEP, &note);
  received = local (&p, chain);
  reschedule.due_at = received->due_at + 7 * 86400;
  act (&p, chain, MC_ACTION_RESCHEDULE, &reschedule);
  act (&p, chain, MC_ACTION_REQUEST_FEE, &fee);
  act (&p, chain, MC_ACTION_FEE_PAID, NULL);
  act (&p, chain, MC_ACTION_REQUEST_SUPPLEMENT, &supplement);
  act (&p, chain, MC_ACTION_SUPPLEMENT_RECEIVED, NULL);
  act (&p, chain, MC_ACTION_RESOLVE, &resolve);
  act (&p, chain, MC_ACTION_RETURN_RESULT, &method);
  act (&p, refused, MC_ACTION_REFUSE, &(McActionInput) { .note = "Hồ sơ không thuộc thẩm quyền" });
  act (&p, withdrawn, MC_ACTION_WITHDRAW, &(McActionInput) { .note = "Công dân có đơn xin rút" });
  act (&p, stopped, MC_ACTION_RECEIVE, NULL);
  act (&p, stopped, MC_ACTION_FORWARD, NULL);
  act (&p, stopped, MC_ACTION_STOP, &(McActionInput) { .note = "Chờ kết luận thanh tra" });
  counter = intake (&p);
  act (&p, counter->id, MC_ACTION_FORWARD, NULL);
  n_rows = n_state (&p, MC_OUTBOX_PENDING);
  g_assert_cmpuint (n_rows, ==, 17);

  /* Offline: nothing is lost, nothing is sent, the source backs off. */
  g_assert_false (sync_once (&p, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER);
  g_clear_error (&error);
  g_assert_true (mc_sync_engine_get_progress (p.engine, p.source_id, &progress));
  g_assert_cmpint (progress.state, ==, MC_SYNC_STATE_OFFLINE);
  g_assert_cmpuint (progress.waiting, ==, n_rows);
  g_assert_cmpuint (n_state (&p, MC_OUTBOX_PENDING), ==, n_rows);

  /* Back: everything goes, once. */
  control (&p, "faults", "\"outage\":false");
  sync_ok (&p);
  g_assert_true (mc_sync_engine_get_progress (p.engine, p.source_id, &progress));
  g_assert_cmpint (progress.state, ==, MC_SYNC_STATE_IDLE);
  g_assert_cmpuint (progress.sent, ==, n_rows);
  g_assert_cmpuint (progress.waiting, ==, 0);
  assert_all_applied_once (&p);
  g_assert_cmpint (status_of (&p, chain), ==, MC_STATUS_RETURNED);
  /* A second sync sends nothing again. */
  sync_ok (&p);
  g_assert_true (mc_sync_engine_get_progress (p.engine, p.source_id, &progress));
  g_assert_cmpuint (progress.sent, ==, 0);
  assert_all_applied_once (&p);
  push_teardown (&p);
}

/* The system commits, then the connection is cut before the answer: the engine does not know,
 * the action is in doubt and is settled (sent again under its key, or looked up) without a
 * second application. Also for a counter intake. */
static void
test_lost_ack (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(McDossier) counter = NULL;
  gint64 id;

  push_setup (&p, GPOINTER_TO_UINT (data));
  id = pick (&p, MC_STATUS_RECEIVED, NULL);
  act (&p, id, MC_ACTION_FORWARD, NULL);
  counter = intake (&p);
  control (&p, "faults", "\"reset_after_commit\":2");
  sync_ok (&p);
  assert_all_applied_once (&p);
  push_teardown (&p);
}

/* An intake created on the system whose answer was lost, and whose resend fails: the pull
 * then brings the new dossier under the system's number, beside the provisional one. When the
 * intake settles, the two are one dossier again, created once. */
static void
test_lost_ack_pulled (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) counter = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autofree char *failing = NULL;
  McOutboxEntry *e;

  push_setup (&p, GPOINTER_TO_UINT (data));
  g_clear_object (&p.engine);   /* that process is gone; another starts below */
  counter = intake (&p);
  rows = outbox (&p, MC_OUTBOX_PENDING);
  e = g_ptr_array_index (rows, 0);
  {
    /* Sent by a process whose answer was cut. */
    g_autoptr(McConnector) c = sync_fixture_connector (&p.f, p.dialect, NULL);
    McPushRequest request = { .uuid = e->uuid, .number = counter->number, .action = MC_ACTION_RECEIVE,
                              .target = MC_STATUS_RECEIVED, .actor = ACTOR, .create = counter };
    McPushResult result = { 0 };

    g_assert_true (mc_store_outbox_mark_sending (p.f.store, e->id, &error));
    /* A second later than what was pulled: the time-ordered list shows it after the cursor. */
    sync_fixture_control (&p.f, "tick", "{\"advance\":2}");
    control (&p, "faults", "\"reset_after_commit\":1");
    g_assert_false (mc_connector_push (c, &request, &result, NULL, &error));
    g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NO_ANSWER);
    g_clear_error (&error);
  }
  p.engine = sync_fixture_engine (&p.f, 1u << p.dialect);
  /* The resend fails (the system's numbering endpoint is down); the pull works. */
  failing = g_strdup_printf ("\"endpoint_errors\":{\"%s\":1}", p.dialect == MC_SIM_LGSP ? "/api/GetNextValue" : "/dossiers");
  control (&p, "faults", failing);
  g_assert_false (sync_once (&p, &error));
  g_clear_error (&error);
  served = mc_sim_list_dossiers (p.f.sim, p.dialect);
  g_assert_cmpint (sync_count (&p.f, p.source_id), ==, served->len + 1);

  control (&p, "faults", "\"endpoint_errors\":{}");
  sync_ok (&p);
  after = local (&p, counter->id);
  g_assert_false (after->provisional);
  g_assert_cmpint (sync_count (&p.f, p.source_id), ==, served->len);
  g_assert_cmpint (mc_store_find_number (p.f.store, after->number, NULL), ==, counter->id);
  assert_all_applied_once (&p);
  push_teardown (&p);
}

/* Rows left "sending" by a process that died: in doubt at start-up, settled once. One was
 * sent before the death (applied on the system), one was not. */
static void
test_recover (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  gint64 sent, unsent;

  push_setup (&p, GPOINTER_TO_UINT (data));
  g_clear_object (&p.engine);  /* a process that dies holding the push lock: none here */
  sent = pick (&p, MC_STATUS_RECEIVED, NULL);
  unsent = pick (&p, MC_STATUS_RECEIVED, NULL);
  act (&p, sent, MC_ACTION_FORWARD, NULL);
  act (&p, unsent, MC_ACTION_FORWARD, NULL);
  /* The first was applied (by a process whose answer never came back)... */
  p.engine = sync_fixture_engine (&p.f, 1u << p.dialect);
  control (&p, "faults", "\"reset_after_commit\":1,\"outage\":false");
  {
    McOutboxFilter filter = { .source_id = p.source_id, .dossier_id = unsent, .state = -1 };
    g_autoptr(GPtrArray) second = mc_store_outbox_list (p.f.store, &filter, &error);

    /* ...the second is held back for now: marked sending by hand, as a crash leaves it. */
    g_assert_true (mc_store_outbox_mark_sending (p.f.store, ((McOutboxEntry *) g_ptr_array_index (second, 0))->id, &error));
  }
  {
    McOutboxFilter filter = { .source_id = p.source_id, .dossier_id = sent, .state = -1 };
    g_autoptr(GPtrArray) first = mc_store_outbox_list (p.f.store, &filter, &error);
    g_autoptr(McConnector) c = sync_fixture_connector (&p.f, p.dialect, NULL);
    McOutboxEntry *e = g_ptr_array_index (first, 0);
    g_autoptr(McDossier) d = local (&p, sent);
    McPushRequest request = { .uuid = e->uuid, .number = d->number, .action = MC_ACTION_FORWARD,
                              .target = MC_STATUS_PROCESSING, .base_version = e->base_version, .actor = ACTOR };
    McPushResult result = { 0 };

    g_assert_true (mc_store_outbox_mark_sending (p.f.store, e->id, &error));
    /* The answer is cut (libsoup may send an idempotent PUT again by itself: the feed's key
     * makes that safe, and the answer then arrives, which changes nothing here). */
    mc_connector_push (c, &request, &result, NULL, NULL);
    mc_push_result_clear (&result);
    g_assert_cmpuint (sync_applied_count (&p.f, p.dialect, e, d->number), ==, 1);
  }
  g_assert_cmpuint (n_state (&p, MC_OUTBOX_SENDING), ==, 2);

  /* The restarted engine: both in doubt, then settled, each applied once. */
  sync_ok (&p);
  assert_all_applied_once (&p);
  push_teardown (&p);
}

/* Another official changes two dossiers after our actions were decided: both actions are
 * parked beside the system's state; one is re-applied on it, the other discarded, and the
 * dossier then shows the system's state. */
static void
test_conflict (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *reapplied_number = NULL;
  g_autofree char *discarded_number = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  McActionInput fee = { .fee_name = "Phí thẩm định", .fee_vnd = 150000 };
  McSyncProgress progress;
  gint64 reapplied, discarded;
  g_autofree char *json = NULL;

  push_setup (&p, GPOINTER_TO_UINT (data));
  reapplied = pick (&p, MC_STATUS_PROCESSING, &reapplied_number);
  discarded = pick (&p, MC_STATUS_PROCESSING, &discarded_number);
  act (&p, reapplied, MC_ACTION_REQUEST_FEE, &fee);
  act (&p, discarded, MC_ACTION_STOP, &(McActionInput) { .note = "Chờ ý kiến cơ quan chuyên môn" });
  /* A second later another official records a step on one and resolves the other. */
  sync_fixture_control (&p.f, "tick", "{\"advance\":1}");
  json = g_strdup_printf ("\"number\":\"%s\",\"status\":4", reapplied_number);
  control (&p, "change", json);
  g_free (json);
  json = g_strdup_printf ("\"number\":\"%s\",\"status\":9", discarded_number);
  control (&p, "change", json);

  sync_ok (&p);
  g_assert_true (mc_sync_engine_get_progress (p.engine, p.source_id, &progress));
  g_assert_cmpuint (progress.conflicts, ==, 2);
  conflicts = outbox (&p, MC_OUTBOX_CONFLICT);
  g_assert_cmpuint (conflicts->len, ==, 2);
  for (guint i = 0; i < conflicts->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (conflicts, i);
      g_autoptr(McDossier) d = local (&p, e->dossier_id);
      g_autoptr(McDossier) theirs = mc_sim_get_dossier (p.f.sim, p.dialect, d->number);
      g_autofree char *status = g_strdup_printf ("\"status\":%d", theirs->status);

      /* The local effect stays until the official decides; the system's state is beside it. */
      g_assert_cmpint (d->status, ==, e->dossier_id == reapplied ? MC_STATUS_FEE_REQUESTED : MC_STATUS_STOPPED);
      g_assert_nonnull (e->server_state);
      g_assert_nonnull (strstr (e->server_state, status));
      g_assert_cmpuint (sync_applied_count (&p.f, p.dialect, e, d->number), ==, 0);
      if (e->dossier_id == reapplied)
        g_assert_true (mc_store_outbox_reapply (p.f.store, e->id, ACTOR, &error));
      else
        {
          /* Stopping is not allowed from "resolved": it can only be discarded. */
          g_assert_false (mc_store_outbox_reapply (p.f.store, e->id, ACTOR, &error));
          g_clear_error (&error);
          g_assert_true (mc_store_outbox_discard (p.f.store, e->id, ACTOR, &error));
        }
      g_assert_no_error (error);
    }

  sync_ok (&p);
  {
    McOutboxFilter filter = { .source_id = p.source_id, .state = -1 };
    g_autoptr(GPtrArray) rows = mc_store_outbox_list (p.f.store, &filter, &error);

    for (guint i = 0; i < rows->len; i++)
      {
        McOutboxEntry *e = g_ptr_array_index (rows, i);
        g_autoptr(McDossier) d = local (&p, e->dossier_id);
        g_autoptr(McDossier) theirs = mc_sim_get_dossier (p.f.sim, p.dialect, d->number);

        g_assert_cmpstr (mc_outbox_state_id (e->state), ==, e->dossier_id == reapplied ? "done" : "discarded");
        g_assert_cmpuint (sync_applied_count (&p.f, p.dialect, e, d->number), ==, e->dossier_id == reapplied ? 1 : 0);
        /* Either way, the dossier is now what the system has. */
        g_assert_cmpint (d->status, ==, theirs->status);
        g_assert_cmpuint (d->history->len, ==, theirs->history->len);
      }
    g_assert_cmpint (status_of (&p, reapplied), ==, MC_STATUS_FEE_REQUESTED);
    g_assert_cmpint (status_of (&p, discarded), ==, MC_STATUS_RESOLVED);
  }
  push_teardown (&p);
}

/* The system refuses an action (its note is longer than it keeps): parked with the system's
 * message, blocking only its dossier; edited and retried, it goes through. */
static void
test_rejected (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rejected = NULL;
  g_autoptr(GString) long_note = g_string_new ("Hồ sơ không hợp lệ:");
  McActionInput edited = { .note = "Hồ sơ không thuộc thẩm quyền giải quyết của xã" };
  McOutboxEntry *e;
  gint64 id, other;

  push_setup (&p, GPOINTER_TO_UINT (data));
  id = pick (&p, MC_STATUS_RECEIVED, NULL);
  other = pick (&p, MC_STATUS_RECEIVED, NULL);
  while (g_utf8_strlen (long_note->str, -1) < 1200)
    g_string_append (long_note, " thiếu giấy tờ");
  act (&p, id, MC_ACTION_REFUSE, &(McActionInput) { .note = long_note->str });
  act (&p, other, MC_ACTION_FORWARD, NULL);

  sync_ok (&p);
  {
    g_autoptr(GPtrArray) all = outbox (&p, -1);

    for (guint i = 0; i < all->len; i++)
      g_test_message ("%s: %s %s", ((McOutboxEntry *) g_ptr_array_index (all, i))->action,
                      mc_outbox_state_id (((McOutboxEntry *) g_ptr_array_index (all, i))->state),
                      ((McOutboxEntry *) g_ptr_array_index (all, i))->last_error);
  }
  rejected = outbox (&p, MC_OUTBOX_REJECTED);
  g_assert_cmpuint (rejected->len, ==, 1);
  e = g_ptr_array_index (rejected, 0);
  g_assert_cmpint (e->dossier_id, ==, id);
  g_test_message ("%s", e->last_error);
  g_assert_nonnull (strstr (e->last_error, "1000"));   /* the system's own words */
  g_assert_cmpuint (sync_applied_count (&p.f, p.dialect, e, e->dossier_number), ==, 0);
  /* Only its own dossier waits: the other went. */
  g_assert_cmpint (status_of (&p, other), ==, MC_STATUS_PROCESSING);
  g_assert_cmpint (mc_store_dossier_needs_review (p.f.store, id, NULL), ==, 1);

  g_assert_true (mc_store_outbox_retry (p.f.store, e->id, &edited, ACTOR, &error));
  g_assert_no_error (error);
  sync_ok (&p);
  assert_all_applied_once (&p);
  {
    g_autoptr(McDossier) d = local (&p, id);
    g_autoptr(McDossier) theirs = mc_sim_get_dossier (p.f.sim, p.dialect, d->number);
    McStep *last = g_ptr_array_index (theirs->history, theirs->history->len - 1);

    g_assert_cmpint (theirs->status, ==, MC_STATUS_REFUSED);
    g_assert_nonnull (strstr (last->note, edited.note));
  }
  push_teardown (&p);
}

/* A dossier received at the counter offline has a provisional number; once created on the
 * system, the ministry's number replaces it everywhere: the dossier, its search text, every
 * outbox payload; the audit log records the change without being rewritten. */
static void
test_renumber (gconstpointer data)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) counter = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autoptr(McDossier) theirs = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GArray) hits = NULL;
  g_autofree char *provisional = NULL;
  sqlite3_stmt *stmt;

  push_setup (&p, GPOINTER_TO_UINT (data));
  control (&p, "faults", "\"outage\":true");
  counter = intake (&p);
  provisional = g_strdup (counter->number);
  act (&p, counter->id, MC_ACTION_FORWARD, NULL);
  g_assert_false (sync_once (&p, NULL));
  {
    g_autoptr(McDossier) still = local (&p, counter->id);

    g_assert_true (still->provisional);
  }
  control (&p, "faults", "\"outage\":false");
  sync_ok (&p);

  after = local (&p, counter->id);
  g_assert_false (after->provisional);
  g_assert_cmpstr (after->number, !=, provisional);
  theirs = mc_sim_get_dossier (p.f.sim, p.dialect, after->number);
  g_assert_nonnull (theirs);
  g_assert_cmpint (theirs->status, ==, MC_STATUS_PROCESSING);
  g_assert_cmpstr (theirs->applicant_name, ==, "Lò Thị Mai");
  g_assert_cmpuint (theirs->documents->len, ==, 2);
  g_assert_cmpuint (theirs->fees->len, ==, 1);
  g_assert_cmpint (((McFee *) g_ptr_array_index (theirs->fees, 0))->amount_vnd, ==, 50000);
  g_assert_true (((McFee *) g_ptr_array_index (theirs->fees, 0))->paid);
  g_assert_cmpint (mc_store_find_number (p.f.store, after->number, NULL), ==, counter->id);
  g_assert_cmpint (mc_store_find_number (p.f.store, provisional, NULL), ==, 0);
  hits = mc_store_search (p.f.store, after->number, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (g_array_index (hits, gint64, 0), ==, counter->id);
  rows = outbox (&p, -1);
  g_assert_cmpuint (rows->len, ==, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);

      g_assert_null (strstr (e->payload, provisional));
      g_assert_nonnull (strstr (e->payload, after->number));
      g_assert_cmpstr (e->dossier_number, ==, after->number);
    }
  assert_all_applied_once (&p);
  /* The audit log: the intake under its provisional number, then the change of number. */
  stmt = mc_store_prepare (p.f.store, "SELECT count(*) FROM audit WHERE action = 'renumber' AND dossier_id = ?"
                                      " AND json_extract(detail, '$.from') = ? AND json_extract(detail, '$.to') = ?", &error);
  sqlite3_bind_int64 (stmt, 1, counter->id);
  mc_store_bind_text (stmt, 2, provisional);
  mc_store_bind_text (stmt, 3, after->number);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_reset (stmt);
  push_teardown (&p);
}

static void
stalled_cb (McSyncEngine *engine,
            const char   *source_id,
            guint        *n)
{
  (*n)++;
}

/* An outbox that does not drain while the system answers (its action endpoint fails, its list
 * works) is flagged after the watchdog's time; it clears once the outbox drains. */
static void
test_watchdog (void)
{
  Push p = { 0 };
  g_autoptr(GError) error = NULL;
  McSyncProgress progress;
  guint signalled = 0;
  gint64 id;

  push_setup (&p, MC_SIM_LGSP);
  mc_sync_engine_set_watchdog (p.engine, 1);
  g_signal_connect (p.engine, "outbox-stalled", G_CALLBACK (stalled_cb), &signalled);
  id = pick (&p, MC_STATUS_RECEIVED, NULL);
  act (&p, id, MC_ACTION_FORWARD, NULL);
  control (&p, "faults", "\"endpoint_errors\":{\"/api/hoso/\":1}");

  g_assert_false (sync_once (&p, &error));
  g_clear_error (&error);
  g_assert_true (mc_sync_engine_get_progress (p.engine, p.source_id, &progress));
  g_assert_cmpuint (progress.waiting, ==, 1);
  g_assert_false (progress.stalled);
  g_assert_false (mc_sync_engine_get_outbox_stalled (p.engine));
  g_usleep (1100 * 1000);
  g_assert_false (sync_once (&p, &error));
  g_clear_error (&error);
  g_assert_true (mc_sync_engine_get_progress (p.engine, p.source_id, &progress));
  g_assert_true (progress.stalled);
  g_assert_true (mc_sync_engine_get_outbox_stalled (p.engine));
  g_assert_cmpuint (signalled, ==, 1);

  control (&p, "faults", "\"endpoint_errors\":{}");
  sync_ok (&p);
  g_assert_false (mc_sync_engine_get_outbox_stalled (p.engine));
  assert_all_applied_once (&p);
  push_teardown (&p);
}

/* One process pushes a profile at a time: a second engine on it pulls but sends nothing. */
static void
test_one_pusher (void)
{
  Push p = { 0 };
  g_autoptr(McSyncEngine) second = NULL;
  g_autoptr(GError) error = NULL;
  McSyncProgress progress;
  gint64 id;

  push_setup (&p, MC_SIM_FEED);
  id = pick (&p, MC_STATUS_RECEIVED, NULL);
  act (&p, id, MC_ACTION_FORWARD, NULL);
  second = sync_fixture_engine (&p.f, 1u << MC_SIM_FEED);
  g_assert_true (sync_engine_run (second, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (mc_sync_engine_get_progress (second, p.source_id, &progress));
  g_assert_true (progress.push_skipped);
  g_assert_cmpuint (n_state (&p, MC_OUTBOX_PENDING), ==, 1);
  sync_ok (&p);
  assert_all_applied_once (&p);
  g_clear_object (&second);
  push_teardown (&p);
}

int
main (int    argc,
      char **argv)
{
  g_setenv ("MC_NOW", "1780968600", TRUE);
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      static const struct { const char *name; GTestDataFunc func; } tests[] = {
        { "every-action", test_every_action }, { "lost-ack", test_lost_ack }, { "recover", test_recover },
        { "conflict", test_conflict }, { "rejected", test_rejected }, { "renumber", test_renumber },
      };

      for (guint k = 0; k < G_N_ELEMENTS (tests); k++)
        {
          g_autofree char *path = g_strdup_printf ("/sync/push/%s/%s", tests[k].name, mc_sim_dialect_name (i));

          g_test_add_data_func (path, GUINT_TO_POINTER (i), tests[k].func);
        }
    }
  g_test_add_data_func ("/sync/push/lost-ack-pulled/lgsp", GUINT_TO_POINTER (MC_SIM_LGSP), test_lost_ack_pulled);
  g_test_add_data_func ("/sync/push/lost-ack-pulled/feed", GUINT_TO_POINTER (MC_SIM_FEED), test_lost_ack_pulled);
  g_test_add_func ("/sync/push/watchdog", test_watchdog);
  g_test_add_func ("/sync/push/one-pusher", test_one_pusher);
  return g_test_run ();
}
