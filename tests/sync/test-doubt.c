/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <string.h>

#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-push.h"
#include "sync-test-util.h"

/* At most once on the two dialects without an idempotency key (dvcqg, legacy), finding by
 * finding of the review against back-ends written from the dialect page alone:
 *
 *   lost-answer      the write commits, its answer is lost: applied once, nothing for review,
 *                    found by the reference the portal keeps in NoiDungXuLy (no GhiChu)
 *   lookup-fails     the look-up of an action in doubt fails (legacy: a lone ERROR): still in
 *                    doubt, never "not applied"; then applied once
 *   kill-late        a slow write, the process killed, the write committed later: the next sync
 *                    waits for the settle time and finds it (applied once), or, with a settle
 *                    time shorter than the late write, flags it "applied twice"
 *   timeout          a request that never answers is in doubt, not "not sent"; the late write is
 *                    found, no false conflict
 *   overwrite        another official's change before a late write: a conflict (the system
 *                    holds the action), and re-applying it sends nothing
 *
 *   spec-fields      a back-end that serves only the fields the page lists
 *
 * and what the page leaves to the back-end: legacy items without ngayCapNhat, a transient
 * /auth failure of the portal, the old back-end's ERROR at /login. */

#define ACTOR "Đinh Thị Thu"

typedef struct
{
  SyncFixture f;
  McSimDialect dialect;
  const char *source_id;
  McSyncEngine *engine;
} Doubt;

static void faults (Doubt *t, const char *members);

/* @start_faults: set before the first sync (JSON members), or NULL. */
static void
doubt_setup_with (Doubt        *t,
                  McSimDialect  dialect,
                  guint         settle,
                  guint         timeout,
                  const char   *start_faults)
{
  g_autoptr(GError) error = NULL;

  t->dialect = dialect;
  t->source_id = mc_sim_dialect_source_id (dialect);
  sync_fixture_setup (&t->f, 300, 1u << dialect);
  if (start_faults != NULL)
    faults (t, start_faults);
  g_assert_true (mc_store_set_source_settle (t->f.store, t->source_id, settle, &error));
  t->engine = mc_sync_engine_new (t->f.db_path);
  mc_sync_engine_set_request_timeout (t->engine, timeout);
  {
    g_autoptr(McSource) s = sync_fixture_source (&t->f, dialect);
    g_autoptr(GHashTable) secrets = sync_test_secrets (NULL);

    g_assert_true (mc_sync_engine_add_source (t->engine, s, secrets, &error));
  }
  g_assert_true (sync_engine_run (t->engine, NULL, FALSE, &error));
  g_assert_no_error (error);
}

static void
doubt_setup (Doubt        *t,
             McSimDialect  dialect,
             guint         settle,
             guint         timeout)
{
  doubt_setup_with (t, dialect, settle, timeout, NULL);
}

static void
doubt_teardown (Doubt *t)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (mc_store_integrity_check (t->f.store, &error));
  g_assert_true (mc_store_audit_verify (t->f.store, &n, &error));
  g_assert_no_error (error);
  g_clear_object (&t->engine);
  sync_fixture_teardown (&t->f);
}

static void
faults (Doubt      *t,
        const char *members)
{
  sync_fixture_control (&t->f, "faults", "{\"dialect\":\"%s\",%s}", mc_sim_dialect_name (t->dialect), members);
}

/* A dossier the system has in @status; its local id. */
static gint64
pick (Doubt     *t,
      McStatus   status,
      char     **out_number)
{
  g_autoptr(GPtrArray) served = mc_sim_list_dossiers (t->f.sim, t->dialect);

  for (guint i = 0; i < served->len; i++)
    {
      McDossier *d = g_ptr_array_index (served, i);
      g_autoptr(McDossier) local = NULL;

      if (d->status != status || d->supplements->len > 0)
        continue;
      local = sync_stored (&t->f, t->source_id, d->number);
      if (out_number)
        *out_number = g_strdup (d->number);
      return local->id;
    }
  g_error ("no dossier in status %d", status);
}

/* An action on @id; its outbox row. */
static gint64
act (Doubt     *t,
     gint64     id,
     McAction   action)
{
  McActionInput in = { .note = "Đã thẩm định hồ sơ" };
  McOutboxFilter filter = { .dossier_id = id, .state = MC_OUTBOX_PENDING };
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (mc_store_apply_action (t->f.store, id, action, &in, ACTOR, &error));
  g_assert_no_error (error);
  rows = mc_store_outbox_list (t->f.store, &filter, &error);
  g_assert_cmpuint (rows->len, ==, 1);
  return ((McOutboxEntry *) g_ptr_array_index (rows, 0))->id;
}

static McOutboxEntry *
row (Doubt  *t,
     gint64  id)
{
  g_autoptr(GError) error = NULL;
  McOutboxEntry *e = mc_store_outbox_get (t->f.store, id, &error);

  g_assert_no_error (error);
  return e;
}

static McOutboxState
state_of (Doubt  *t,
          gint64  id)
{
  g_autoptr(McOutboxEntry) e = row (t, id);

  return e->state;
}

static guint
applied (Doubt  *t,
         gint64  id)
{
  g_autoptr(McOutboxEntry) e = row (t, id);

  return sync_applied_count (&t->f, t->dialect, e, e->dossier_number);
}

static gboolean
sync_once (Doubt   *t,
           GError **error)
{
  return sync_engine_run (t->engine, t->source_id, FALSE, error);
}

typedef struct
{
  Doubt *t;
  gint64 id;
} Row;

static gboolean
commit_held (gpointer data)
{
  return sync_sim_state (data, "pending_commits") == 1;
}

/* Syncs until the row leaves "in doubt" (the settle time passes meanwhile). */
static gboolean
settled_by_sync (gpointer data)
{
  Row *r = data;

  sync_once (r->t, NULL);
  return state_of (r->t, r->id) != MC_OUTBOX_IN_DOUBT;
}

static void
sync_until_settled (Doubt  *t,
                    gint64  id,
                    guint   seconds)
{
  Row r = { t, id };

  sync_wait_until (settled_by_sync, &r, seconds, "the action in doubt to settle");
}

/* The write is committed and its answer cut: the look-up finds the reference in the step the
 * system kept (dvcqg: NoiDungXuLy, with no GhiChu) and nothing waits for review. */
static void
test_lost_answer (gconstpointer data)
{
  Doubt t = { 0 };
  g_autoptr(GBytes) page = NULL;
  g_autoptr(GError) error = NULL;
  McSyncProgress progress;
  gint64 id;

  doubt_setup (&t, GPOINTER_TO_UINT (data), 600, 0);
  id = act (&t, pick (&t, MC_STATUS_RECEIVED, NULL), MC_ACTION_FORWARD);
  faults (&t, "\"reset_after_commit\":1");
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
  g_assert_cmpuint (applied (&t, id), ==, 1);
  g_assert_true (mc_sync_engine_get_progress (t.engine, t.source_id, &progress));
  g_assert_cmpuint (progress.conflicts + progress.rejected + progress.duplicated, ==, 0);
  /* What the system serves: the portal's steps as the page says. */
  page = mc_sim_render_page (t.f.sim, t.dialect, 0, 1000);
  if (t.dialect == MC_SIM_DVCQG)
    {
      g_autoptr(McOutboxEntry) e = row (&t, id);
      g_autofree char *ref = g_strdup_printf ("[ref:%s]", e->uuid);

      g_assert_null (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "GhiChu"));
      g_assert_nonnull (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), ref));
    }
  else
    g_assert_null (g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), "ngayCapNhat"));
  doubt_teardown (&t);
}

/* Sent by a process whose answer was cut (the write committed), then every look-up fails for
 * a while: the action stays in doubt, is never sent again, never parked. */
static void
test_lookup_fails (gconstpointer data)
{
  Doubt t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *number = NULL;
  const char *lookup;
  gint64 dossier, id;

  doubt_setup (&t, GPOINTER_TO_UINT (data), 0, 0);
  lookup = t.dialect == MC_SIM_DVCQG ? "TraCuuHoSo" : "/HoSo/ChiTiet";
  dossier = pick (&t, MC_STATUS_RECEIVED, &number);
  id = act (&t, dossier, MC_ACTION_FORWARD);
  {
    g_autoptr(McOutboxEntry) e = row (&t, id);
    g_autoptr(McConnector) c = sync_fixture_connector (&t.f, t.dialect, NULL);
    McPushRequest request = { .uuid = e->uuid, .number = number, .action = MC_ACTION_FORWARD,
                              .target = MC_STATUS_PROCESSING, .base_version = e->base_version, .actor = ACTOR };
    McPushResult result = { 0 };

    g_assert_true (mc_store_outbox_mark_sending (t.f.store, id, &error));
    faults (&t, "\"reset_after_commit\":1");
    g_assert_false (mc_connector_push (c, &request, &result, NULL, &error));
    g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NO_ANSWER);
    g_clear_error (&error);
    g_assert_cmpuint (applied (&t, id), ==, 1);
  }
  /* A new process: the row left "sending" is in doubt; its look-up fails, twice per sync. */
  g_clear_object (&t.engine);
  t.engine = sync_fixture_engine (&t.f, 1u << t.dialect);
  {
    g_autofree char *members = g_strdup_printf ("\"endpoint_errors\":{\"%s\":1}", lookup);

    faults (&t, members);
  }
  for (guint i = 0; i < 3; i++)
    {
      g_assert_false (sync_once (&t, &error));
      g_clear_error (&error);
      g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_IN_DOUBT);
      g_assert_cmpuint (applied (&t, id), ==, 1);
    }
  g_assert_cmpint (mc_store_dossier_needs_review (t.f.store, dossier, NULL), ==, 0);
  faults (&t, "\"endpoint_errors\":{}");
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
  g_assert_cmpuint (applied (&t, id), ==, 1);
  doubt_teardown (&t);
}

/* A write the system is slow to commit; the process that sent it is killed while it waits.
 * With @settle above the late write's delay, the next syncs wait, then find it applied once.
 * With a shorter one, the action is sent again before the first write lands: both apply, and
 * the look-up after the settle time flags it "applied twice", in review. Never a silent
 * double. */
static void
kill_late (McSimDialect dialect,
           guint        settle,
           guint        late_ms)
{
  Doubt t = { 0 };
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *members = g_strdup_printf ("\"late_commit\":1,\"late_commit_held\":true,\"late_commit_ms\":%u", late_ms);
  gint64 dossier, id;

  doubt_setup (&t, dialect, settle, 0);
  g_clear_object (&t.engine);  /* the child pushes this profile */
  dossier = pick (&t, MC_STATUS_PROCESSING, NULL);
  id = act (&t, dossier, MC_ACTION_RECORD_STEP);
  faults (&t, members);
  child = sync_spawn_child (&t.f, 1u << dialect, 0);
  sync_wait_until (commit_held, &t.f, 30, "the write to reach the system");
  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, NULL);
  g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_SENDING);

  t.engine = sync_fixture_engine (&t.f, 1u << dialect);
  if (settle * 1000 > late_ms)
    {
      /* Before the settle time: nothing is concluded, nothing is sent. */
      g_assert_true (sync_once (&t, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_IN_DOUBT);
      sync_wait_until (sync_sim_no_late_write, &t.f, 30, "the late write");
      sync_until_settled (&t, id, 60);
      g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
      g_assert_cmpuint (applied (&t, id), ==, 1);
      g_assert_cmpint (mc_store_dossier_needs_review (t.f.store, dossier, NULL), ==, 0);
    }
  else
    {
      g_autoptr(McOutboxEntry) e = NULL;
      Row r = { &t, id };

      /* Settled, not found: sent again, and the first write lands after. */
      sync_until_settled (&t, id, 60);
      g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
      sync_wait_until (sync_sim_no_late_write, &t.f, 30, "the late write");
      g_assert_cmpuint (applied (&t, id), ==, 2);
      /* Looked up again after the settle time: flagged, never "done" in silence. */
      while (state_of (&t, id) == MC_OUTBOX_DONE)
        sync_wait_until (settled_by_sync, &r, 60, "the verification");
      e = row (&t, id);
      g_assert_cmpint (e->state, ==, MC_OUTBOX_APPLIED_TWICE);
      g_assert_nonnull (e->last_error);
      g_assert_cmpint (mc_store_dossier_needs_review (t.f.store, dossier, NULL), ==, 1);
      g_assert_true (mc_outbox_entry_applied (e));
      g_assert_true (mc_store_outbox_acknowledge (t.f.store, id, ACTOR, &error));
      g_assert_no_error (error);
      g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
    }
  doubt_teardown (&t);
}

static void
test_kill_late (gconstpointer data)
{
  kill_late (GPOINTER_TO_UINT (data), 4, 2000);
}

static void
test_kill_late_short_settle (gconstpointer data)
{
  kill_late (GPOINTER_TO_UINT (data), 1, 3000);
}

/* The write is taken and never answered: the request times out. It is in doubt (it may be
 * applied), and once the system commits it, the look-up after the settle time finds it: no
 * second send, no false conflict. */
static void
test_timeout (gconstpointer data)
{
  Doubt t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McOutboxEntry) e = NULL;
  gint64 dossier, id;

  doubt_setup (&t, GPOINTER_TO_UINT (data), 5, 1);
  dossier = pick (&t, MC_STATUS_RECEIVED, NULL);
  id = act (&t, dossier, MC_ACTION_FORWARD);
  faults (&t, "\"late_commit\":1,\"late_commit_held\":true,\"late_commit_ms\":2500");
  sync_once (&t, NULL);
  e = row (&t, id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_IN_DOUBT);
  g_assert_cmpint (e->attempts, ==, 1);
  g_assert_cmpint (e->sent_at, >, 0);
  sync_wait_until (sync_sim_no_late_write, &t.f, 30, "the late write");
  sync_until_settled (&t, id, 60);
  g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
  g_assert_cmpuint (applied (&t, id), ==, 1);
  g_assert_cmpint (mc_store_dossier_needs_review (t.f.store, dossier, NULL), ==, 0);
  doubt_teardown (&t);
}

/* A late write lands after another official's change (last write wins): the look-up finds the
 * action, but another step between its base and it. A conflict for review, flagged as applied;
 * re-applying it looks first and sends nothing. */
static void
test_overwrite (gconstpointer data)
{
  Doubt t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *number = NULL;
  g_autofree char *change = NULL;
  gint64 dossier, id;

  doubt_setup (&t, GPOINTER_TO_UINT (data), 6, 1);
  dossier = pick (&t, MC_STATUS_PROCESSING, &number);
  id = act (&t, dossier, MC_ACTION_RECORD_STEP);
  faults (&t, "\"late_commit\":1,\"late_commit_held\":true,\"late_commit_ms\":3000");
  sync_once (&t, NULL);
  g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_IN_DOUBT);
  g_assert_cmpint (sync_sim_state (&t.f, "pending_commits"), ==, 1);
  change = g_strdup_printf ("{\"dialect\":\"%s\",\"number\":\"%s\",\"status\":4,\"note\":\"Bổ sung ý kiến thẩm định\"}",
                            mc_sim_dialect_name (t.dialect), number);
  sync_fixture_control (&t.f, "change", "%s", change);
  sync_wait_until (sync_sim_no_late_write, &t.f, 30, "the late write");
  g_assert_cmpuint (applied (&t, id), ==, 1);
  sync_until_settled (&t, id, 60);
  e = row (&t, id);
  g_assert_cmpint (e->state, ==, MC_OUTBOX_CONFLICT);
  g_assert_true (mc_outbox_entry_applied (e));
  g_assert_cmpint (mc_store_dossier_needs_review (t.f.store, dossier, NULL), ==, 1);
  /* Re-applied: found on the system, not sent again. */
  g_assert_true (mc_store_outbox_reapply (t.f.store, id, ACTOR, &error));
  g_assert_no_error (error);
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (&t, id), ==, MC_OUTBOX_DONE);
  g_assert_cmpuint (applied (&t, id), ==, 1);
  doubt_teardown (&t);
}

/* A legacy back-end that serves only what the page lists: no ngayCapNhat. The incremental
 * pull still sees another official's change (the window), stores each dossier once, and does
 * the same with the update time the back-end may be configured to give. */
static void
test_legacy_no_update_time (void)
{
  Doubt t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autofree char *number = NULL;
  g_autofree char *change = NULL;
  gint64 count;

  doubt_setup (&t, MC_SIM_LEGACY, 0, 0);
  count = sync_count (&t.f, t.source_id);
  pick (&t, MC_STATUS_RECEIVED, &number);
  change = g_strdup_printf ("{\"dialect\":\"legacy\",\"number\":\"%s\",\"status\":4}", number);
  sync_fixture_control (&t.f, "change", "%s", change);
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  after = sync_stored (&t.f, t.source_id, number);
  g_assert_cmpint (after->status, ==, MC_STATUS_PROCESSING);
  g_assert_cmpint (sync_count (&t.f, t.source_id), ==, count);
  sync_assert_matches (&t.f, MC_SIM_LEGACY);

  faults (&t, "\"update_time\":true");
  g_clear_pointer (&after, mc_dossier_unref);
  sync_fixture_control (&t.f, "change", "{\"dialect\":\"legacy\",\"number\":\"%s\",\"status\":9}", number);
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  after = sync_stored (&t.f, t.source_id, number);
  g_assert_cmpint (after->status, ==, MC_STATUS_RESOLVED);
  sync_assert_matches (&t.f, MC_SIM_LEGACY);
  doubt_teardown (&t);
}

static gboolean
page_has (Doubt      *t,
          const char *text)
{
  g_autoptr(GBytes) page = mc_sim_render_page (t->f.sim, t->dialect, 0, 1000);

  return g_strstr_len (g_bytes_get_data (page, NULL), g_bytes_get_size (page), text) != NULL;
}

/* A back-end that serves only the fields the dialect page lists (no update time; legacy:
 * none of the simulator's extras): every dossier is stored, another official's change comes
 * in, a lost answer settles by the look-up, a change on the system before the push is a
 * conflict and nothing is sent. */
static void
test_spec_fields (gconstpointer data)
{
  Doubt t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) served = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *busy = NULL;
  gint64 sent, refused;

  doubt_setup_with (&t, GPOINTER_TO_UINT (data), 0, 0, "\"spec_fields\":true");
  g_assert_false (page_has (&t, t.dialect == MC_SIM_DVCQG ? "NgayCapNhat" : "ngayCapNhat"));
  if (t.dialect == MC_SIM_LEGACY)
    g_assert_false (page_has (&t, "giayTo") || page_has (&t, "noiDung") || page_has (&t, "ngayNop"));
  served = mc_sim_list_dossiers (t.f.sim, t.dialect);
  g_assert_cmpint (sync_count (&t.f, t.source_id), ==, served->len);

  pick (&t, MC_STATUS_RECEIVED, &changed);
  sync_fixture_control (&t.f, "change", "{\"dialect\":\"%s\",\"number\":\"%s\",\"status\":4}",
                        mc_sim_dialect_name (t.dialect), changed);
  sent = act (&t, pick (&t, MC_STATUS_RECEIVED, NULL), MC_ACTION_FORWARD);
  refused = act (&t, pick (&t, MC_STATUS_PROCESSING, &busy), MC_ACTION_RECORD_STEP);
  sync_fixture_control (&t.f, "change", "{\"dialect\":\"%s\",\"number\":\"%s\",\"status\":4,\"note\":\"Bổ sung ý kiến\"}",
                        mc_sim_dialect_name (t.dialect), busy);
  faults (&t, "\"reset_after_commit\":1");
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);

  after = sync_stored (&t.f, t.source_id, changed);
  g_assert_cmpint (after->status, ==, MC_STATUS_PROCESSING);
  g_assert_cmpint (sync_count (&t.f, t.source_id), ==, served->len);
  g_assert_cmpint (state_of (&t, sent), ==, MC_OUTBOX_DONE);
  g_assert_cmpuint (applied (&t, sent), ==, 1);
  g_assert_cmpint (state_of (&t, refused), ==, MC_OUTBOX_CONFLICT);
  g_assert_cmpuint (applied (&t, refused), ==, 0);
  doubt_teardown (&t);
}

/* legacy's lone ERROR at /HoSo/ChiTiet never by itself means "no such dossier", even when the
 * list answers right after: an action on a dossier the system listed is not refused on that
 * ground (it waits), and a held dossier released after its conflict is not removed. */
static void
test_legacy_missing_is_a_failure (void)
{
  Doubt t = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) after = NULL;
  g_autofree char *number = NULL;
  g_autofree char *other = NULL;
  gint64 conflict, waiting;

  doubt_setup (&t, MC_SIM_LEGACY, 0, 0);
  conflict = act (&t, pick (&t, MC_STATUS_RECEIVED, &number), MC_ACTION_FORWARD);
  sync_fixture_control (&t.f, "change", "{\"dialect\":\"legacy\",\"number\":\"%s\",\"status\":4}", number);
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (&t, conflict), ==, MC_OUTBOX_CONFLICT);
  g_assert_true (mc_store_outbox_discard (t.f.store, conflict, ACTOR, &error));

  waiting = act (&t, pick (&t, MC_STATUS_PROCESSING, &other), MC_ACTION_RECORD_STEP);
  faults (&t, "\"endpoint_errors\":{\"/HoSo/ChiTiet\":1}");
  sync_once (&t, NULL);
  g_assert_cmpint (state_of (&t, waiting), ==, MC_OUTBOX_PENDING);
  after = sync_stored (&t.f, t.source_id, number);
  g_assert_nonnull (after);

  faults (&t, "\"endpoint_errors\":{}");
  g_assert_true (sync_once (&t, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state_of (&t, waiting), ==, MC_OUTBOX_DONE);
  g_assert_cmpuint (applied (&t, waiting), ==, 1);
  g_clear_pointer (&after, mc_dossier_unref);
  after = sync_stored (&t.f, t.source_id, number);
  g_assert_cmpint (after->status, ==, MC_STATUS_PROCESSING);
  doubt_teardown (&t);
}

/* The portal's /auth: "1" is a wrong password (sign in again), any other code a failure of the
 * server, retried: never "sign-in needed". */
static void
test_dvcqg_auth_codes (void)
{
  SyncFixture f;
  g_autoptr(McConnector) good = NULL;
  g_autoptr(McConnector) bad = NULL;
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&f, 50, 1u << MC_SIM_DVCQG);
  good = sync_fixture_connector (&f, MC_SIM_DVCQG, NULL);
  bad = sync_fixture_connector (&f, MC_SIM_DVCQG, "sai-mat-khau");
  sync_fixture_control (&f, "faults", "{\"dialect\":\"dvcqg\",\"endpoint_errors\":{\"/auth\":1}}");
  g_assert_false (mc_connector_sign_in (good, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER);
  g_clear_error (&error);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"dvcqg\",\"endpoint_errors\":{}}");
  g_assert_false (mc_connector_sign_in (bad, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_true (mc_connector_sign_in (good, NULL, &error));
  g_assert_no_error (error);
  sync_fixture_teardown (&f);
}

/* The old back-end's {"status":"ERROR"} at /login is its failure, retried: not a foreign
 * back-end, not a wrong password. */
static void
test_legacy_login_error (void)
{
  SyncFixture f;
  g_autoptr(McConnector) c = NULL;
  g_autoptr(GError) error = NULL;

  sync_fixture_setup (&f, 50, 1u << MC_SIM_LEGACY);
  c = sync_fixture_connector (&f, MC_SIM_LEGACY, NULL);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"legacy\",\"endpoint_errors\":{\"/login\":1}}");
  g_assert_false (mc_connector_sign_in (c, NULL, &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER);
  g_clear_error (&error);
  sync_fixture_control (&f, "faults", "{\"dialect\":\"legacy\",\"endpoint_errors\":{}}");
  g_assert_true (mc_connector_sign_in (c, NULL, &error));
  g_assert_no_error (error);
  sync_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  static const struct { const char *name; GTestDataFunc func; } tests[] = {
    { "lost-answer", test_lost_answer }, { "lookup-fails", test_lookup_fails }, { "kill-late", test_kill_late },
    { "kill-late-short-settle", test_kill_late_short_settle }, { "timeout", test_timeout },
    { "overwrite", test_overwrite }, { "spec-fields", test_spec_fields },
  };
  const McSimDialect keyless[] = { MC_SIM_DVCQG, MC_SIM_LEGACY };

  int child = sync_test_init (&argc, &argv);

  if (child >= 0)
    return child;
  for (guint k = 0; k < G_N_ELEMENTS (tests); k++)
    for (guint i = 0; i < G_N_ELEMENTS (keyless); i++)
      {
        g_autofree char *path = g_strdup_printf ("/sync/doubt/%s/%s", tests[k].name, mc_sim_dialect_name (keyless[i]));

        g_test_add_data_func (path, GUINT_TO_POINTER (keyless[i]), tests[k].func);
      }
  g_test_add_func ("/sync/doubt/legacy/no-update-time", test_legacy_no_update_time);
  g_test_add_func ("/sync/doubt/dvcqg/auth-codes", test_dvcqg_auth_codes);
  g_test_add_func ("/sync/doubt/legacy/login-error", test_legacy_login_error);
  g_test_add_func ("/sync/doubt/legacy/missing-is-a-failure", test_legacy_missing_is_a_failure);
  return g_test_run ();
}
