/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-blobs.h"
#include "mc-store-outbox-private.h"
#include "mc-store-push.h"
#include "mc-time.h"

/* The store's side of pushing the outbox. The sync engine asks for the next action of a source
 * (mc_store_push_next(): the oldest unfinished action of a dossier, with what to do with it —
 * send it, find out whether a send in doubt was applied, or look once more for a late first
 * write) and tells what became of it (mc_store_push_settle()), which makes the outbox's
 * transitions (mc-store-outbox.c) in one transaction together with what goes with them: a hold
 * on the dossier's copy for a parked action, the provisional number replaced for a counter
 * intake. The held server copies are stored once their dossier has nothing left to send
 * (mc_store_push_release()). */

void
mc_push_job_free (McPushJob *job)
{
  if (job == NULL)
    return;
  g_free (job->uuid);
  g_free (job->key);
  g_clear_pointer (&job->payload, mc_action_payload_free);
  g_free (job->number);
  g_free (job->remote_id);
  g_free (job->base_version);
  g_strfreev (job->own_keys);
  g_clear_pointer (&job->content, g_bytes_unref);
  g_free (job);
}

void
mc_push_held_free (McPushHeld *held)
{
  if (held == NULL)
    return;
  g_free (held->number);
  g_free (held);
}

/* Rows left "sending" by a process that stopped (a crash, a kill, a power cut): whether the
 * system applied them is unknown, so they become in doubt, their send time kept. Called by the
 * one process that pushes the profile, before it pushes. */
gboolean
mc_store_push_recover (McStore  *self,
                       guint    *out_n,
                       GError  **error)
{
  McOutboxFilter filter = { .state = MC_OUTBOX_SENDING };
  g_autoptr(GPtrArray) rows = mc_store_outbox_list (self, &filter, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!mc_store_outbox_mark_in_doubt (self, ((McOutboxEntry *) g_ptr_array_index (rows, i))->id,
                                        _("Interrupted while sending: the ministry system is checked first"), error))
      return FALSE;
  if (out_n)
    *out_n = rows->len;
  return TRUE;
}

/* Returns: how many times the official sent the action again (retried after a refusal,
 * re-applied after a conflict), -1 on error. A system that remembers the first answer to a
 * key would answer a re-sent action with its old refusal: each generation has its own key. */
static gint64
generation (McStore     *self,
            gint64       dossier_id,
            const char  *uuid,
            GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM audit WHERE dossier_id = ? AND outcome IN ('retried', 'reapplied')"
    " AND json_extract(detail, '$.uuid') = ?", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text (stmt, 2, uuid);
  return mc_store_step_int64 (self, stmt, N_("reading the audit log"), error);
}

static GStrv
own_keys (McStore  *self,
          gint64    dossier_id,
          GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT uuid FROM outbox WHERE dossier_id = ? ORDER BY id", error);
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (b, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the outbox"));
      return NULL;
    }
  return g_strv_builder_end (b);
}

/* What a candidate row brings besides the outbox entry. */
typedef struct
{
  gint64 settle;              /* the source's settle time */
  char *remote_id;
  gboolean provisional;
  gboolean unlisted;          /* the reconciliation's last walk did not list the dossier */
} Candidate;

/* The first candidate of @stmt (rows of CANDIDATE_SELECT) whose dossier is not in @skip. */
static McOutboxEntry *
first_candidate (McStore      *self,
                 sqlite3_stmt *stmt,
                 GHashTable   *skip,
                 Candidate    *out,
                 GError      **error)
{
  McOutboxEntry *e = NULL;
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 dossier_id = sqlite3_column_int64 (stmt, 3);

      if (skip != NULL && g_hash_table_contains (skip, &dossier_id))
        continue;
      e = mc_outbox_entry_from_row (stmt);
      out->settle = sqlite3_column_int64 (stmt, 18);
      out->remote_id = g_strdup ((const char *) sqlite3_column_text (stmt, 19));
      out->provisional = sqlite3_column_int (stmt, 20);
      out->unlisted = sqlite3_column_int (stmt, 21);
      break;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    mc_store_set_error (self, error, N_("reading the outbox"));
  return e;
}

#define CANDIDATE_SELECT \
  "SELECT o.id, o.uuid, o.source_id, o.dossier_id, d.number, o.action, o.payload," \
  " o.payload_version, o.base_version, o.state, o.attempts, o.last_error, o.server_state," \
  " o.created_at, o.updated_at, o.sent_at, o.resent, o.verify_at, s.settle_seconds, d.remote_id, d.provisional," \
  " coalesce((SELECT h.deleted FROM sync_held h WHERE h.dossier_id = d.id), 0)" \
  " FROM outbox o JOIN dossiers d ON d.id = o.dossier_id JOIN sources s ON s.id = o.source_id"

/* Builds the job of @e, which next() found; FALSE when it cannot be pushed at all. */
static McPushJob *
job_new (McStore        *self,
         McOutboxEntry  *e,
         McPushStep      step,
         Candidate      *c,
         GError        **error)
{
  g_autoptr(McPushJob) job = g_new0 (McPushJob, 1);
  gint64 n;

  job->id = e->id;
  job->dossier_id = e->dossier_id;
  job->step = step;
  job->uuid = g_strdup (e->uuid);
  job->number = g_strdup (e->dossier_number);
  job->remote_id = g_steal_pointer (&c->remote_id);
  job->base_version = g_strdup (e->base_version);
  job->sent_before = e->sent_at != 0;
  job->unlisted = c->unlisted;
  job->settles_at = e->sent_at + c->settle;
  job->settled = e->sent_at == 0 || job->settles_at <= mc_store_wall_time ();
  if ((n = generation (self, e->dossier_id, e->uuid, error)) < 0 || !(job->own_keys = own_keys (self, e->dossier_id, error)))
    return NULL;
  job->key = n > 0 ? g_strdup_printf ("%s.%" G_GINT64_FORMAT, e->uuid, n) : g_strdup (e->uuid);
  if (!(job->payload = mc_action_payload_from_json (e->payload, error)))
    return NULL;
  if (job->payload->create)
    mc_action_payload_set_number (job->payload, e->dossier_number);
  if (job->payload->action == MC_ACTION_ATTACH && step != MC_PUSH_VERIFY)
    {
      g_autoptr(GError) local = NULL;

      /* The content is sent as it was attached, or not at all: a file changed or lost on
       * disk since is parked for the official with the reason. */
      if (!(job->content = mc_store_read_blob (self, job->payload->file->hash, &local)))
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT, "%s", local->message);
          return NULL;
        }
    }
  return g_steal_pointer (&job);
}

/* The dossier's copy is to be read from the system again once nothing is left to send. */
static gboolean
hold (McStore     *self,
      gint64       dossier_id,
      const char  *server_version,
      GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO sync_held (dossier_id, server_version, deleted, held_at) VALUES (?, ?, 0, ?)"
    " ON CONFLICT (dossier_id) DO UPDATE SET server_version = coalesce(excluded.server_version, server_version)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text (stmt, 2, server_version);
  sqlite3_bind_int64 (stmt, 3, mc_time_now ());
  return mc_store_step_done (self, stmt, error);
}

/* Returns: (transfer full) (nullable): the next action of @source_id to push, whose dossier is
 * not in @skip (a set of gint64* ids, g_int64_hash: the dossiers being pushed, and those the
 * caller is done with for now);
 * NULL when there is none, or with @error. An action to send is marked "sending", with the
 * time, before this returns. One that cannot be sent at all (its payload cannot be read, its
 * dossier was never created on the system) is parked for the official and the next one is
 * returned. */
McPushJob *
mc_store_push_next (McStore     *self,
                    const char  *source_id,
                    GHashTable  *skip,
                    GError     **error)
{
  for (;;)
    {
      sqlite3_stmt *stmt = mc_store_prepare (self, CANDIDATE_SELECT
        " WHERE o.source_id = ? AND o.state IN ('pending', 'in_doubt')"
        " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_id = o.dossier_id AND p.id < o.id"
        "                 AND p.state NOT IN " MC_OUTBOX_FINISHED_SQL ")"
        " ORDER BY o.id", error);
      g_autoptr(McOutboxEntry) e = NULL;
      g_autoptr(GError) local = NULL;
      Candidate c = { 0 };
      McPushStep step = MC_PUSH_SEND;
      McPushJob *job;
      gboolean own;

      if (stmt == NULL)
        return NULL;
      mc_store_bind_text (stmt, 1, source_id);
      if (!(e = first_candidate (self, stmt, skip, &c, &local)) && local == NULL)
        {
          if (!(stmt = mc_store_prepare (self, CANDIDATE_SELECT
                  " WHERE o.source_id = ? AND o.state = 'done' AND o.verify_at <= ? ORDER BY o.verify_at", error)))
            return NULL;
          mc_store_bind_text (stmt, 1, source_id);
          sqlite3_bind_int64 (stmt, 2, mc_store_wall_time ());
          e = first_candidate (self, stmt, skip, &c, &local);
          step = MC_PUSH_VERIFY;
        }
      if (local != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (e == NULL)
        return NULL;
      if (step == MC_PUSH_SEND && e->state == MC_OUTBOX_IN_DOUBT)
        step = MC_PUSH_CHECK;
      job = job_new (self, e, step, &c, &local);
      g_clear_pointer (&c.remote_id, g_free);
      if (job != NULL && c.provisional && !job->payload->create)
        {
          /* Its dossier was never created on the system (the intake was discarded): the
           * system does not know the number it would be sent under. */
          g_set_error (&local, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                       _("Dossier %s was never created on the ministry system: this action cannot be sent"),
                       e->dossier_number);
          g_clear_pointer (&job, mc_push_job_free);
        }
      if (job == NULL)
        {
          if (!g_error_matches (local, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT))
            {
              g_propagate_error (error, g_steal_pointer (&local));
              return NULL;
            }
          /* Nothing a later run would do better: parked for the official to see. */
          if (!mc_store_tx_begin (self, &own, error)
              || !mc_store_tx_end (self, own, mc_store_outbox_mark_rejected (self, e->id, local->message, error)
                                              && hold (self, e->dossier_id, NULL, error), error))
            return NULL;
          continue;
        }
      if (step == MC_PUSH_SEND && !mc_store_outbox_mark_sending (self, job->id, error))
        {
          mc_push_job_free (job);
          return NULL;
        }
      return job;
    }
}

/* The copy the pull stored has actions of its own (the official acted on it while the
 * intake's answer was lost): the intake goes into the copy instead. Its rows move there; those
 * still to send, decided on the intake, become conflicts for the official; the intake's dossier
 * is removed (the audit keeps its entries and records the merge). */
static gboolean
merge_into_copy (McStore         *self,
                 const McPushJob *job,
                 gint64           copy,
                 const char      *number,
                 const char      *actor,
                 GError         **error)
{
  McOutboxFilter filter = { .dossier_id = job->dossier_id, .state = MC_OUTBOX_PENDING };
  g_autoptr(GPtrArray) waiting = mc_store_outbox_list (self, &filter, error);
  g_autoptr(McDossier) theirs = NULL;
  g_autoptr(McDossier) intake = NULL;
  g_autofree char *message = NULL;
  g_autofree char *detail = NULL;
  McAuditEntry audit = { 0 };
  sqlite3_stmt *stmt;

  if (waiting == NULL || !(theirs = mc_store_get_dossier (self, copy, error))
      || !(intake = mc_store_get_dossier (self, job->dossier_id, error))
      || !(stmt = mc_store_prepare (self, "UPDATE outbox SET dossier_id = ? WHERE dossier_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy);
  sqlite3_bind_int64 (stmt, 2, job->dossier_id);
  if (!mc_store_step_done (self, stmt, error) || !mc_store_renumber_payloads (self, copy, number, error))
    return FALSE;
  message = g_strdup_printf (_("Dossier %s was created on the ministry system as %s, which was acted on here "
                               "meanwhile: check this action against it"), job->number, number);
  for (guint i = 0; i < waiting->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (waiting, i);

      if (e->id != job->id
          && !mc_store_outbox_mark_conflict (self, e->id, theirs->status, theirs->server_version, message, error))
        return FALSE;
    }
  detail = mc_store_json_detail ("from", job->number, "to", number, NULL);
  audit.actor = actor;
  audit.dossier_id = copy;
  audit.dossier_number = number;
  audit.action = "merge";
  audit.status_before = intake->status;
  audit.status_after = theirs->status;
  audit.outcome = "done";
  audit.detail = detail;
  if (!mc_store_audit_append (self, &audit, error)
      || !(stmt = mc_store_prepare (self, "DELETE FROM dossiers WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->dossier_id);
  return mc_store_step_done (self, stmt, error);
}

/* A copy the pull stored under the new number while the intake's answer was lost: it goes,
 * and the intake's dossier (renumbered next) is read again instead; or, when the copy has
 * actions of its own, the intake goes into it (*@out_merged). */
static gboolean
merge_pulled_copy (McStore         *self,
                   const McPushJob *job,
                   const char      *number,
                   const char      *actor,
                   gboolean        *out_merged,
                   GError         **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT id, server_version, (SELECT count(*) FROM outbox o WHERE o.dossier_id = d.id"
    "  AND o.state NOT IN " MC_OUTBOX_FINISHED_SQL ")"
    " FROM dossiers d WHERE source_id = (SELECT source_id FROM dossiers WHERE id = ?3) AND number = ?2"
    " AND id != ?3", error);
  g_autofree char *version = NULL;
  gint64 copy = 0, waiting = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, job->dossier_id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      copy = sqlite3_column_int64 (stmt, 0);
      version = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      waiting = sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading a dossier"));
      return FALSE;
    }
  if (copy == 0)
    return TRUE;
  if (waiting > 0)
    {
      *out_merged = TRUE;
      return merge_into_copy (self, job, copy, number, actor, error);
    }
  /* Its finished rows (already under @number) stay on record with the intake. */
  if (!(stmt = mc_store_prepare (self, "UPDATE outbox SET dossier_id = ? WHERE dossier_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, job->dossier_id);
  sqlite3_bind_int64 (stmt, 2, copy);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "DELETE FROM dossiers WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, copy);
  return mc_store_step_done (self, stmt, error) && hold (self, job->dossier_id, version, error);
}

/* The system created the counter intake under @number: the outbox row is done and the
 * provisional number is replaced everywhere (mc_store_renumber_dossier()). */
static gboolean
created (McStore              *self,
         const McPushJob      *job,
         const McPushOutcome  *outcome,
         GError              **error)
{
  g_autofree char *actor = g_strdup_printf ("sync/%s", job->payload->source_id ? job->payload->source_id : "");
  g_autoptr(McDossier) d = mc_store_get_dossier (self, job->dossier_id, error);
  gboolean merged = FALSE;

  return d != NULL
    && (!d->provisional || merge_pulled_copy (self, job, outcome->number, actor, &merged, error))
    && mc_store_outbox_mark_done (self, job->id, outcome->server_version, outcome->server_at, error)
    && (!d->provisional || merged || mc_store_renumber_dossier (self, job->dossier_id, outcome->number, actor, error));
}

static gboolean
settle_locked (McStore              *self,
               const McPushJob      *job,
               const McPushOutcome  *o,
               McOutboxState        *out_state,
               GError              **error)
{
  g_autoptr(GError) local = NULL;

  switch (o->kind)
    {
    case MC_PUSH_APPLIED:
      *out_state = MC_OUTBOX_DONE;
      if (!job->payload->create)
        return mc_store_outbox_mark_done (self, job->id, o->server_version, o->server_at, error);
      if (o->number == NULL)
        {
          /* Created, it says, but under what number? Checked again next time. */
          *out_state = MC_OUTBOX_IN_DOUBT;
          return mc_store_outbox_mark_in_doubt (self, job->id, _("The ministry system did not say the dossier's number"),
                                                error);
        }
      {
        /* All of it or nothing, so that a refusal below finds the row as it was. */
        gboolean own, ok;

        if (!mc_store_tx_begin (self, &own, error))
          return FALSE;
        ok = created (self, job, o, &local);
        if (!mc_store_tx_end (self, own, ok, ok ? error : NULL) && ok)
          return FALSE;
        if (ok)
          return TRUE;
      }
      if (!g_error_matches (local, MC_STORE_ERROR, MC_STORE_ERROR_INVALID))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      *out_state = MC_OUTBOX_REJECTED;
      return mc_store_outbox_mark_rejected (self, job->id, local->message, error) && hold (self, job->dossier_id, NULL, error);
    case MC_PUSH_APPLIED_TWICE:
      *out_state = MC_OUTBOX_APPLIED_TWICE;
      return mc_store_outbox_mark_applied_twice (self, job->id, o->message, error)
        && hold (self, job->dossier_id, NULL, error);
    case MC_PUSH_APPLIED_OVER:
      *out_state = MC_OUTBOX_CONFLICT;
      return mc_store_outbox_mark_applied_over (self, job->id, o->server_status, o->server_version, o->message, error)
        && hold (self, job->dossier_id, o->server_version, error);
    case MC_PUSH_STALE:
      *out_state = MC_OUTBOX_CONFLICT;
      return mc_store_outbox_mark_conflict (self, job->id, o->server_status, o->server_version, o->message, error)
        && hold (self, job->dossier_id, o->server_version, error);
    case MC_PUSH_REFUSED:
      *out_state = MC_OUTBOX_REJECTED;
      return mc_store_outbox_mark_rejected (self, job->id, o->message, error) && hold (self, job->dossier_id, NULL, error);
    case MC_PUSH_NOT_APPLIED:
      *out_state = MC_OUTBOX_PENDING;
      return mc_store_outbox_mark_not_applied (self, job->id, o->message, error);
    case MC_PUSH_NOT_SENT:
      if (job->step == MC_PUSH_SEND)
        {
          *out_state = MC_OUTBOX_PENDING;
          return mc_store_outbox_mark_failed (self, job->id, o->message, error);
        }
      G_GNUC_FALLTHROUGH;  /* a resend in doubt that did not leave: still in doubt */
    case MC_PUSH_IN_DOUBT:
      *out_state = job->step == MC_PUSH_VERIFY ? MC_OUTBOX_DONE : MC_OUTBOX_IN_DOUBT;
      return job->step == MC_PUSH_VERIFY || mc_store_outbox_mark_in_doubt (self, job->id, o->message, error);
    case MC_PUSH_VERIFIED:
      *out_state = MC_OUTBOX_DONE;
      return mc_store_outbox_mark_verified (self, job->id, error);
    default:
      g_return_val_if_reached (FALSE);
    }
}

/* Records what became of @job, in one transaction. *@out_state: the row's state after it. */
gboolean
mc_store_push_settle (McStore              *self,
                      const McPushJob      *job,
                      const McPushOutcome  *outcome,
                      McOutboxState        *out_state,
                      GError              **error)
{
  McOutboxState state = MC_OUTBOX_PENDING;
  gboolean own;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!mc_store_tx_end (self, own, settle_locked (self, job, outcome, &state, error), error))
    return FALSE;
  if (out_state != NULL)
    *out_state = state;
  return TRUE;
}

/* Returns: how many actions of @source_id wait to be sent or checked (pending, sending, in
 * doubt: not those waiting for the official), -1 on error. */
gint64
mc_store_push_waiting (McStore     *self,
                       const char  *source_id,
                       GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE source_id = ? AND state IN ('pending', 'sending', 'in_doubt')", error);

  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, source_id);
  return mc_store_step_int64 (self, stmt, N_("reading the outbox"), error);
}

/* Returns: (transfer full): McPushHeld of @source_id whose dossiers have nothing left to send.
 * Provisional dossiers are not among them: the system does not know their number. */
GPtrArray *
mc_store_push_releasable (McStore     *self,
                          const char  *source_id,
                          GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT h.dossier_id, d.number, h.deleted FROM sync_held h JOIN dossiers d ON d.id = h.dossier_id"
    " WHERE d.source_id = ? AND d.provisional = 0 AND NOT EXISTS (SELECT 1 FROM outbox o"
    "  WHERE o.dossier_id = h.dossier_id AND o.state NOT IN " MC_OUTBOX_FINISHED_SQL ")"
    " ORDER BY h.dossier_id", error);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_push_held_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McPushHeld *h = g_new0 (McPushHeld, 1);

      h->dossier_id = sqlite3_column_int64 (stmt, 0);
      h->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      h->deleted = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (held, h);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading held changes"));
      return NULL;
    }
  return g_steal_pointer (&held);
}

/* Stores the system's copy of a held dossier (@server_copy, or NULL when the system no longer
 * has it) and drops the hold, in one transaction. The local copy first stops claiming any server
 * version, so that the system's replaces it even where the version did not move (an action
 * refused, then discarded). An action taken meanwhile keeps the dossier held. */
gboolean
mc_store_push_release (McStore           *self,
                       const char        *source_id,
                       const McPushHeld  *held,
                       McDossier         *server_copy,
                       GError           **error)
{
  static const char *releases[] = {
    "UPDATE dossiers SET server_version = NULL WHERE id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox"
    " WHERE dossier_id = ?1 AND state NOT IN " MC_OUTBOX_FINISHED_SQL ")",
    "DELETE FROM sync_held WHERE dossier_id = ?1 AND NOT EXISTS (SELECT 1 FROM outbox"
    " WHERE dossier_id = ?1 AND state NOT IN " MC_OUTBOX_FINISHED_SQL ")",
  };
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new ();
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autofree char *cursor = NULL;
  McStoreSyncPage page = { dossiers, NULL, gone, FALSE, NULL };
  sqlite3_stmt *stmt;
  gboolean own, ok;

  if (server_copy != NULL)
    g_ptr_array_add (dossiers, server_copy);
  else
    g_ptr_array_add (gone, held->number);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  ok = (stmt = mc_store_prepare (self, releases[0], error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, held->dossier_id);
      ok = mc_store_step_done (self, stmt, error);
    }
  ok = ok && mc_store_sync_get_cursor (self, source_id, &cursor, error)
       && mc_store_sync_apply_page (self, source_id, &page, cursor, NULL, NULL, error)
       && (stmt = mc_store_prepare (self, releases[1], error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, held->dossier_id);
      ok = mc_store_step_done (self, stmt, error);
    }
  return mc_store_tx_end (self, own, ok, error);
}

/* How long after its last send an action in doubt may be concluded "not applied" when a
 * look-up does not find it: well above the requests' timeout, since a system may commit a
 * request minutes after the client gave up. */
gboolean
mc_store_set_source_settle (McStore     *self,
                            const char  *source_id,
                            guint        seconds,
                            GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "UPDATE sources SET settle_seconds = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, seconds);
  mc_store_bind_text (stmt, 2, source_id);
  return mc_store_step_source_change (self, stmt, source_id, error);
}
