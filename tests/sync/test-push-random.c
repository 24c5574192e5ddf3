/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "mc-store-private.h"
#include "mc-store-push.h"
#include "sync-test-util.h"

/* At most once on the two dialects without an idempotency key, at random: round after round,
 * actions are taken offline on dvcqg and legacy dossiers, faults are set on both systems —
 * lost answers, writes committed late (answered late or cut at once), requests never
 * answered, errors, expired sessions, outages, slow answers, another official's changes —
 * and a child process syncs the profile, killed at a random moment or left to finish; the
 * official resolves what waits for review (re-apply, retry, discard, acknowledge). At the end,
 * with the faults gone and the late writes landed, the outbox settles, and the simulator's
 * counters and histories say:
 *
 *   lost                 an action done here that the system does not hold
 *   duplicated           an action the system holds twice
 *   applied but parked   an action the system holds, left as a conflict, refusal or discard
 *                        (other than a conflict flagged "applied": that one is reviewed)
 *   silent overwrite     an action done here whose step follows another official's step made
 *                        since its base (a late write over a change, never shown)
 *
 * all of which must be 0. The late writes land within the settle time, so nothing is applied
 * twice (test-doubt covers the other case): what is applied twice is a failure here too. 40
 * rounds in the suite; the soak benchmark (-m perf) runs 1,000. */

#define DIALECTS ((1u << MC_SIM_DVCQG) | (1u << MC_SIM_LEGACY))
#define TIMEOUT 1           /* seconds a request may wait */
/* Seconds: what a late write may take after the action was marked sent — a request that hangs
 * before it (the look-up, a sign-in: one per round here) and the late commit — and a margin. */
#define SETTLE 4
#define LATE_MAX_MS 1500

static const McSimDialect dialects[] = { MC_SIM_DVCQG, MC_SIM_LEGACY };

typedef struct
{
  guint queued, rows, done, lost, duplicated, applied_parked, silent_overwrites, unsettled;
  guint conflicts, applied_conflicts, rejected, discarded, faults_set, kills;
} Tally;

static void
control (SyncFixture  *f,
         McSimDialect  dialect,
         const char   *members)
{
  sync_fixture_control (f, "faults", "{\"dialect\":\"%s\",%s}", mc_sim_dialect_name (dialect), members);
}

/* Another official acts on a dossier that has an action of ours in @state: still to send, or
 * being sent (with a late write, theirs may land first). */
static void
another_official (SyncFixture   *f,
                  McSimDialect   dialect,
                  McOutboxState  state)
{
  McOutboxFilter filter = { .source_id = mc_sim_dialect_source_id (dialect), .state = state };
  g_autoptr(GPtrArray) rows = mc_store_outbox_list (f->store, &filter, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *args = NULL;
  McOutboxEntry *e;

  if (rows == NULL || rows->len == 0)
    return;
  e = g_ptr_array_index (rows, g_test_rand_int_range (0, rows->len));
  args = g_strdup_printf ("{\"dialect\":\"%s\",\"number\":\"%s\"}", mc_sim_dialect_name (dialect), e->dossier_number);
  /* A provisional number the system does not know, or a final status: nothing to change. */
  result = mc_sim_control (f->sim, "change", args, &error);
}

/* The faults of one round on one system: each with some chance. */
static guint
random_faults (SyncFixture  *f,
               McSimDialect  dialect)
{
  g_autofree char *late = NULL;
  guint n = 0;

  if (g_test_rand_int_range (0, 3) == 0)
    n++, control (f, dialect, "\"reset_after_commit\":1");
  if (g_test_rand_int_range (0, 3) == 0)
    {
      /* Late, but within the settle time: committed while the action waits in doubt. */
      late = g_strdup_printf ("\"late_commit\":1,\"late_commit_held\":%s,\"late_commit_ms\":%d",
                              g_test_rand_bit () ? "true" : "false", g_test_rand_int_range (200, LATE_MAX_MS));
      control (f, dialect, late);
      n++;
    }
  if (g_test_rand_int_range (0, 6) == 0)
    n++, control (f, dialect, "\"hang\":1");
  if (g_test_rand_int_range (0, 5) == 0)
    n++, control (f, dialect, "\"error_rate\":0.3");
  if (g_test_rand_int_range (0, 6) == 0)
    n++, control (f, dialect, dialect == MC_SIM_DVCQG ? "\"endpoint_errors\":{\"TraCuuHoSo\":0.5}"
                                                      : "\"endpoint_errors\":{\"/HoSo/ChiTiet\":0.5}");
  if (g_test_rand_int_range (0, 6) == 0)
    n++, control (f, dialect, "\"expire_sessions\":true");
  if (g_test_rand_int_range (0, 8) == 0)
    n++, control (f, dialect, "\"outage\":true");
  if (g_test_rand_int_range (0, 4) == 0)
    n++, control (f, dialect, "\"latency_ms\":30");
  if (g_test_rand_int_range (0, 3) == 0)
    n++, another_official (f, dialect, MC_OUTBOX_PENDING);
  return n;
}

static void
clear_round_faults (SyncFixture *f)
{
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    control (f, dialects[i], "\"outage\":false,\"error_rate\":0,\"endpoint_errors\":{},\"latency_ms\":0,\"hang\":0,"
                             "\"reset_after_commit\":0");
}

/* The official resolves, now and then, what waits for review: conflicts re-applied (the push
 * looks first) or discarded when the system's status forbids them, refusals retried or
 * discarded, actions applied twice acknowledged. */
static void
resolve (SyncFixture *f,
         gboolean     always)
{
  g_autoptr(GPtrArray) rows = mc_store_outbox_list (f->store, NULL, NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);
      g_autoptr(GError) error = NULL;

      if (!always && g_test_rand_bit ())
        continue;
      switch (e->state)
        {
        case MC_OUTBOX_CONFLICT:
          if (!mc_store_outbox_reapply (f->store, e->id, SYNC_TEST_ACTOR, &error))
            {
              /* Not applied (the flag would let it be re-applied): it goes. */
              g_assert_false (mc_outbox_entry_applied (e));
              g_clear_error (&error);
              g_assert_true (mc_store_outbox_discard (f->store, e->id, SYNC_TEST_ACTOR, &error));
            }
          break;
        case MC_OUTBOX_REJECTED:
          if (g_test_rand_bit ())
            mc_store_outbox_retry (f->store, e->id, NULL, SYNC_TEST_ACTOR, &error);
          else
            mc_store_outbox_discard (f->store, e->id, SYNC_TEST_ACTOR, &error);
          break;
        case MC_OUTBOX_APPLIED_TWICE:
          mc_store_outbox_acknowledge (f->store, e->id, SYNC_TEST_ACTOR, &error);
          break;
        default:
          break;
        }
      if (error != NULL)
        g_test_message ("%s %s: %s (%s)", e->dossier_number, e->action, e->payload, e->last_error);
      g_assert_no_error (error);
    }
}

/* Syncs until nothing is left to send, check or verify, the official resolving what the
 * syncs park (the actions behind it wait for that). */
static gboolean
outbox_settled (gpointer data)
{
  SyncFixture *f = data;
  g_autoptr(McSyncEngine) engine = mc_sync_engine_new (f->db_path);
  g_autoptr(GPtrArray) rows = NULL;

  resolve (f, TRUE);
  mc_sync_engine_set_request_timeout (engine, TIMEOUT);
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    {
      g_autoptr(McSource) s = sync_fixture_source (f, dialects[i]);
      g_autoptr(GHashTable) secrets = sync_test_secrets (NULL);

      g_assert_true (mc_sync_engine_add_source (engine, s, secrets, NULL));
    }
  sync_engine_run (engine, NULL, FALSE, NULL);
  rows = mc_store_outbox_list (f->store, NULL, NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);

      if (e->state == MC_OUTBOX_PENDING || e->state == MC_OUTBOX_SENDING || e->state == MC_OUTBOX_IN_DOUBT
          || e->verify_at != 0)
        {
          g_test_message ("waiting: %s %s %s, %s%s (%s)", e->source_id, e->dossier_number, e->action,
                          mc_outbox_state_id (e->state), e->verify_at ? ", to verify" : "",
                          e->last_error ? e->last_error : "");
          return FALSE;
        }
    }
  return TRUE;
}

/* Whether @note carries the reference of one of @uuids ("[ref:UUID]" or "[ref:UUID.N]"). */
static gboolean
carries (const char  *note,
         GStrv        uuids)
{
  for (guint k = 0; note && uuids[k]; k++)
    {
      g_autofree char *plain = g_strdup_printf ("[ref:%s]", uuids[k]);
      g_autofree char *generation = g_strdup_printf ("[ref:%s.", uuids[k]);

      if (strstr (note, plain) || strstr (note, generation))
        return TRUE;
    }
  return FALSE;
}

/* A done action on the system's dossier: its step follows only steps of this profile's actions
 * since its base (the base version's first number: the steps the dossier had then). */
static gboolean
overwrote (SyncFixture         *f,
           McSimDialect         dialect,
           const McOutboxEntry *e,
           GStrv                uuids)
{
  g_autoptr(McDossier) theirs = mc_sim_get_dossier (f->sim, dialect, e->dossier_number);
  const char *own[] = { e->uuid, NULL };
  int base = e->base_version ? atoi (e->base_version) : -1;
  int step = -1;

  if (theirs == NULL || base < 0 || strchr (e->base_version ? e->base_version : "", '-') == NULL)
    return FALSE;
  for (guint i = 0; i < theirs->history->len && step < 0; i++)
    if (carries (((McStep *) g_ptr_array_index (theirs->history, i))->note, (GStrv) own))
      step = i;
  for (int i = base; i < step; i++)
    if (!carries (((McStep *) g_ptr_array_index (theirs->history, i))->note, uuids))
      return TRUE;
  return FALSE;
}

static void
tally (SyncFixture *f,
       Tally       *t)
{
  g_autoptr(GPtrArray) rows = mc_store_outbox_list (f->store, NULL, NULL);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) uuids = NULL;
  guint bad = 0;

  for (guint i = 0; i < rows->len; i++)
    g_strv_builder_add (b, ((McOutboxEntry *) g_ptr_array_index (rows, i))->uuid);
  uuids = g_strv_builder_end (b);
  for (guint i = 0; i < rows->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (rows, i);
      g_autoptr(McDossier) mine = mc_store_get_dossier (f->store, e->dossier_id, NULL);
      McSimDialect dialect;
      guint n;

      g_assert_true (mc_sim_dialect_from_name (e->source_id, &dialect));
      n = sync_applied_count (f, dialect, e, mine->number);
      t->rows++;
      switch (e->state)
        {
        case MC_OUTBOX_DONE:
          t->done++;
          t->lost += n == 0;
          t->silent_overwrites += n == 1 && overwrote (f, dialect, e, uuids);
          break;
        case MC_OUTBOX_CONFLICT:
          t->conflicts++;
          t->applied_conflicts += mc_outbox_entry_applied (e);
          t->applied_parked += n > 0 && !mc_outbox_entry_applied (e);
          break;
        case MC_OUTBOX_REJECTED:
        case MC_OUTBOX_DISCARDED:
          t->rejected += e->state == MC_OUTBOX_REJECTED;
          t->discarded += e->state == MC_OUTBOX_DISCARDED;
          t->applied_parked += n > 0;
          break;
        case MC_OUTBOX_APPLIED_TWICE:
          break;
        default:
          t->unsettled++;
          break;
        }
      t->duplicated += n > 1;
      if (t->lost + t->duplicated + t->applied_parked + t->silent_overwrites > bad)
        {
          g_autoptr(McDossier) theirs = mc_sim_get_dossier (f->sim, dialect, e->dossier_number);

          g_test_message ("%s %s %s %s: %s, applied %u times, base %s, %s", e->source_id, e->dossier_number, e->action,
                          e->uuid, mc_outbox_state_id (e->state), n, e->base_version, e->server_state);
          for (guint k = 0; theirs && k < theirs->history->len; k++)
            {
              McStep *step = g_ptr_array_index (theirs->history, k);

              g_test_message ("  %u: %s %d %s", k, step->actor, step->status, step->note ? step->note : "");
            }
          {
            sqlite3_stmt *stmt = mc_store_prepare (f->store, "SELECT outcome, detail FROM audit WHERE dossier_id = ?"
                                                             " ORDER BY id", NULL);

            sqlite3_bind_int64 (stmt, 1, e->dossier_id);
            while (sqlite3_step (stmt) == SQLITE_ROW)
              g_test_message ("  audit %s %.300s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1));
            sqlite3_reset (stmt);
          }
          bad = t->lost + t->duplicated + t->applied_parked + t->silent_overwrites;
        }
    }
}

/* The actions queued (in the audit log) whose outbox row is gone, with their history. */
static guint
gone_rows (SyncFixture *f)
{
  sqlite3_stmt *stmt = mc_store_prepare (f->store,
    "SELECT json_extract(detail, '$.uuid'), dossier_id, dossier_number FROM audit WHERE outcome = 'queued'"
    " AND json_extract(detail, '$.uuid') NOT IN (SELECT uuid FROM outbox)", NULL);
  guint n = 0;

  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      sqlite3_stmt *trail = mc_store_prepare (f->store, "SELECT action, outcome, dossier_number, detail FROM audit"
                                                        " WHERE dossier_id = ? ORDER BY id", NULL);

      {
        const char *number = (const char *) sqlite3_column_text (stmt, 2);
        g_autoptr(McDossier) theirs = mc_sim_get_dossier (f->sim, MC_SIM_LEGACY, number);
        g_autoptr(McDossier) theirs2 = mc_sim_get_dossier (f->sim, MC_SIM_DVCQG, number);
        g_autoptr(McDossier) mine = mc_store_get_dossier (f->store, sqlite3_column_int64 (stmt, 1), NULL);

        g_test_message ("gone: %s on %lld %s, on the system %d %d, here %d", sqlite3_column_text (stmt, 0),
                        (long long) sqlite3_column_int64 (stmt, 1), number, theirs != NULL, theirs2 != NULL, mine != NULL);
      }
      sqlite3_bind_int64 (trail, 1, sqlite3_column_int64 (stmt, 1));
      while (sqlite3_step (trail) == SQLITE_ROW)
        g_test_message ("  audit %s %s %s %.200s", sqlite3_column_text (trail, 0), sqlite3_column_text (trail, 1),
                        sqlite3_column_text (trail, 2), sqlite3_column_text (trail, 3));
      sqlite3_reset (trail);
      n++;
    }
  sqlite3_reset (stmt);
  return n;
}

/* What happened on the way, from the audit log: resolutions, conflicts (applied or not). */
static char *
audit_summary (SyncFixture *f)
{
  sqlite3_stmt *stmt = mc_store_prepare (f->store,
    "SELECT outcome || CASE WHEN json_extract(detail, '$.applied') THEN ' (applied)' ELSE '' END, count(*)"
    " FROM audit WHERE outcome NOT IN ('queued', 'applied') GROUP BY 1 ORDER BY 1", NULL);
  GString *out = g_string_new (NULL);

  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s%s %d", out->len ? ", " : "", sqlite3_column_text (stmt, 0),
                            sqlite3_column_int (stmt, 1));
  sqlite3_reset (stmt);
  return g_string_free (out, FALSE);
}

static void
test_random (void)
{
  SyncFixture f;
  g_autoptr(GError) error = NULL;
  guint rounds = g_test_perf () ? 1000 : 40;
  gint64 span = 300000;                      /* µs a sync takes, until measured */
  gint64 started = g_get_monotonic_time ();
  Tally t = { 0 };

  sync_fixture_setup (&f, 400, DIALECTS);
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    g_assert_true (mc_store_set_source_settle (f.store, mc_sim_dialect_source_id (dialects[i]), SETTLE, &error));
  {
    g_autoptr(McSyncEngine) engine = sync_fixture_engine (&f, DIALECTS);

    g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
    g_assert_no_error (error);
  }

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(GSubprocess) child = NULL;
      gboolean calibrate = round % 4 == 0;
      gint64 began;

      resolve (&f, FALSE);
      for (guint k = 1 + g_test_rand_int_range (0, 4); k > 0; k--)
        {
          McSimDialect dialect = dialects[g_test_rand_int_range (0, G_N_ELEMENTS (dialects))];

          /* A new dossier at the counter now and then, and whenever no dossier allows an
           * action any more (a long run finishes them). */
          if (g_test_rand_int_range (0, 10) == 0 || !sync_random_action (&f, dialect))
            sync_intake (&f, dialect);
          t.queued++;
        }
      for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
        t.faults_set += random_faults (&f, dialects[i]);

      child = sync_spawn_child (&f, DIALECTS, TIMEOUT);
      began = g_get_monotonic_time ();
      if (g_test_rand_int_range (0, 3) == 0)
        {
          g_usleep (g_test_rand_int_range (0, span / 2));
          another_official (&f, dialects[g_test_rand_int_range (0, G_N_ELEMENTS (dialects))], MC_OUTBOX_SENDING);
        }
      if (calibrate)
        {
          /* Not killed: how long a sync takes now, so that the kills land anywhere in one. */
          g_subprocess_wait (child, NULL, NULL);
          span = CLAMP (g_get_monotonic_time () - began, 20000, 3 * G_USEC_PER_SEC);
        }
      else
        {
          g_usleep (g_test_rand_int_range (0, span));
          g_subprocess_send_signal (child, SIGKILL);
          g_subprocess_wait (child, NULL, NULL);
          t.kills += g_subprocess_get_if_signaled (child);
        }
      clear_round_faults (&f);
      sync_assert_consistent (&f);
    }

  /* Everything lands, then settles. */
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    control (&f, dialects[i], "\"late_commit\":0");
  sync_wait_until (sync_sim_no_late_write, &f, 60, "the late writes");
  sync_wait_until (outbox_settled, &f, 120, "the outbox to settle");
  sync_assert_consistent (&f);

  tally (&f, &t);
  g_test_message ("%u rounds in %.1f s, %u kills, %u faults: %u actions, %u done, %u conflicts (%u applied), "
                  "%u refused, %u discarded", rounds, (g_get_monotonic_time () - started) / 1e6, t.kills,
                  t.faults_set, t.rows, t.done, t.conflicts, t.applied_conflicts, t.rejected, t.discarded);
  g_test_message ("lost %u, duplicated %u, applied but parked %u, silent overwrites %u, unsettled %u", t.lost,
                  t.duplicated, t.applied_parked, t.silent_overwrites, t.unsettled);
  {
    g_autofree char *audit = audit_summary (&f);

    g_test_message ("on the way: %s", audit);
  }
  if (g_test_perf ())
    g_test_minimized_result (t.lost + t.duplicated + t.applied_parked + t.silent_overwrites,
                             "%u rounds: 0 lost, duplicated, parked when applied, silent overwrites", rounds);
  g_assert_cmpuint (gone_rows (&f), ==, 0);
  g_assert_cmpuint (t.rows, ==, t.queued);      /* every action queued has its row still */
  g_assert_cmpuint (t.lost, ==, 0);
  g_assert_cmpuint (t.duplicated, ==, 0);
  g_assert_cmpuint (t.applied_parked, ==, 0);
  g_assert_cmpuint (t.silent_overwrites, ==, 0);
  g_assert_cmpuint (t.unsettled, ==, 0);
  sync_fixture_teardown (&f);
}

int
main (int    argc,
      char **argv)
{
  int child = sync_test_init (&argc, &argv);

  if (child >= 0)
    return child;
  g_test_add_func ("/sync/push/random", test_random);
  return g_test_run ();
}
