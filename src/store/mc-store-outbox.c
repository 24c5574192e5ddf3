/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-dossier-json.h"
#include "mc-id.h"
#include "mc-store-audit.h"
#include "mc-store-outbox-private.h"
#include "mc-time.h"

/* The outbox's state machine: its states, every change of state an outbox row goes through —
 * the sync engine's as it sends and looks up (mc-store-push.c composes them), and the
 * official's resolutions (re-apply, retry, discard, acknowledge) — and the rule of each: the
 * states it may come from. Every change that settles an action's fate (applied, applied twice,
 * conflict, rejected, re-applied, retried, discarded, acknowledged) is audited in the same
 * transaction; the transient ones (sending, a failed attempt, in doubt, not applied) are not:
 * the row itself keeps their trace. */

static const struct {
  const char *id;
  const char *label;
} states[] = {
  [MC_OUTBOX_PENDING] = { "pending", N_("Waiting to be sent") },
  [MC_OUTBOX_SENDING] = { "sending", N_("Sending") },
  [MC_OUTBOX_IN_DOUBT] = { "in_doubt", N_("In doubt: checking again") },
  [MC_OUTBOX_DONE] = { "done", N_("Applied by the ministry system") },
  [MC_OUTBOX_CONFLICT] = { "conflict", N_("Needs review: the dossier changed on the server") },
  [MC_OUTBOX_REJECTED] = { "rejected", N_("Refused by the ministry system") },
  [MC_OUTBOX_DISCARDED] = { "discarded", N_("Discarded") },
  [MC_OUTBOX_APPLIED_TWICE] = { "applied_twice", N_("Needs review: applied twice on the ministry system") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (states) == MC_OUTBOX_N_STATES);

#define STATE_BIT(s) (1u << (s))
#define UNSETTLED (STATE_BIT (MC_OUTBOX_PENDING) | STATE_BIT (MC_OUTBOX_SENDING) | STATE_BIT (MC_OUTBOX_IN_DOUBT))

MC_ID_DEFINE_FUNCTIONS (McOutboxState, mc_outbox_state_id, mc_outbox_state_from_id, states, id)

const char *
mc_outbox_state_label (McOutboxState state)
{
  g_return_val_if_fail (state < MC_OUTBOX_N_STATES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, states[state].label);
}

/* The server_state of a conflict: {"status", "version", "message", "applied"}. */
static JsonObject *
parse_server_state (const char *text)
{
  g_autoptr(JsonNode) root = text ? json_from_string (text, NULL) : NULL;

  return root && JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root)) : NULL;
}

/* Whether the ministry system holds the action: done or applied twice, or a conflict found
 * applied after another official's change. */
gboolean
mc_outbox_entry_applied (const McOutboxEntry *e)
{
  g_autoptr(JsonObject) server = NULL;

  if (e->state == MC_OUTBOX_DONE || e->state == MC_OUTBOX_APPLIED_TWICE)
    return TRUE;
  if (e->state != MC_OUTBOX_CONFLICT || !(server = parse_server_state (e->server_state)))
    return FALSE;
  return json_object_get_boolean_member_with_default (server, "applied", FALSE);
}

gint64
mc_store_wall_time (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* One change of state. @allowed is the set of states it may come from; @last_error and
 * @server_state replace the row's; @outcome, when set, is audited as @actor. */
typedef enum
{
  KEEP,
  SET,
  CLEAR,
} Mark;

typedef struct
{
  McOutboxState to;
  guint allowed;
  int attempts;               /* +1 counts a send, -1 starts again (the official re-queued it), 0 keeps */
  const char *last_error;
  const char *server_state;
  const char *base_version;   /* NULL keeps the row's */
  const char *outcome;
  const char *actor;
  int status_before;          /* 0 = the payload's */
  const char *detail;
  gboolean send;              /* the request leaves now: sent_at is now */
  Mark resent;
  Mark verify;                /* SET: after the source's settle time from now */
} Move;

static gboolean
move_locked (McStore        *self,
             McOutboxEntry  *e,
             const Move     *m,
             GError        **error)
{
  sqlite3_stmt *stmt;
  McAuditEntry audit = { 0 };
  g_autoptr(McActionPayload) payload = NULL;
  g_autofree char *actor = NULL;

  if (!(m->allowed & STATE_BIT (e->state)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The action “%s” on dossier %s is “%s”: it cannot become “%s”"),
                   e->action, e->dossier_number, mc_outbox_state_label (e->state), mc_outbox_state_label (m->to));
      return FALSE;
    }
  stmt = mc_store_prepare (self,
    "UPDATE outbox SET state = ?1, attempts = ?2, last_error = ?3, server_state = ?4, base_version = ?5,"
    " updated_at = ?6, sent_at = CASE WHEN ?7 THEN ?8 ELSE sent_at END,"
    " resent = CASE ?9 WHEN 1 THEN 1 WHEN 2 THEN 0 ELSE resent END,"
    " verify_at = CASE ?10 WHEN 1 THEN ?8 + (SELECT settle_seconds FROM sources s WHERE s.id = outbox.source_id)"
    "   WHEN 2 THEN NULL ELSE verify_at END"
    " WHERE id = ?11", error);
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, mc_outbox_state_id (m->to));
  sqlite3_bind_int (stmt, 2, m->attempts < 0 ? 0 : e->attempts + m->attempts);
  /* A row being sent keeps its last error: the outbox view shows why the previous try failed. */
  mc_store_bind_text (stmt, 3, m->to == MC_OUTBOX_SENDING ? e->last_error : m->last_error);
  mc_store_bind_text (stmt, 4, m->server_state);
  mc_store_bind_text (stmt, 5, m->base_version ? m->base_version : e->base_version);
  sqlite3_bind_int64 (stmt, 6, mc_time_now ());
  sqlite3_bind_int (stmt, 7, m->send);
  sqlite3_bind_int64 (stmt, 8, mc_store_wall_time ());
  sqlite3_bind_int (stmt, 9, m->resent);
  sqlite3_bind_int (stmt, 10, m->verify);
  sqlite3_bind_int64 (stmt, 11, e->id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;

  if (m->outcome == NULL)
    return TRUE;
  payload = mc_action_payload_from_json (e->payload, NULL);
  actor = m->actor ? g_strdup (m->actor) : g_strdup_printf ("sync/%s", e->source_id);
  audit.actor = actor;
  audit.dossier_id = e->dossier_id;
  audit.dossier_number = e->dossier_number;
  audit.action = e->action;
  audit.status_before = m->status_before ? m->status_before : payload ? (int) payload->status_before : 0;
  audit.status_after = payload ? (int) payload->target : 0;
  audit.outcome = m->outcome;
  audit.detail = m->detail;
  return mc_store_audit_append (self, &audit, error);
}

/* What a change of state takes from the row it changes: its audit detail, and what it keeps of
 * it. FALSE with @error refuses the change. */
typedef gboolean (*Prepare) (const McOutboxEntry  *e,
                             Move                 *m,
                             char                **out_detail,
                             GError              **error);

/* Runs @m on row @id in the caller's transaction, or in one of its own; @prepare (nullable)
 * completes it from the row first. */
static gboolean
move_prepared (McStore     *self,
               gint64       id,
               Move        *m,
               Prepare      prepare,
               GError     **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *detail = NULL;
  gboolean own, ok;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  ok = (e = mc_store_outbox_get (self, id, error)) != NULL && (prepare == NULL || prepare (e, m, &detail, error));
  if (ok && detail != NULL)
    m->detail = detail;
  ok = ok && move_locked (self, e, m, error);
  return mc_store_tx_end (self, own, ok, error);
}

static gboolean
move (McStore     *self,
      gint64       id,
      const Move  *m,
      GError     **error)
{
  Move copy = *m;

  return move_prepared (self, id, &copy, NULL, error);
}

/* The push side. Each runs in the caller's transaction when there is one, else in its own. */

/* The request is about to leave: durably marked, with the time, before it does. */
gboolean
mc_store_outbox_mark_sending (McStore  *self,
                              gint64    id,
                              GError  **error)
{
  Move m = { MC_OUTBOX_SENDING, STATE_BIT (MC_OUTBOX_PENDING) | STATE_BIT (MC_OUTBOX_IN_DOUBT), +1, .send = TRUE };

  return move (self, id, &m, error);
}

/* The send failed before it reached the server (refused connection, 429, sign-in): pending
 * again. */
gboolean
mc_store_outbox_mark_failed (McStore     *self,
                             gint64       id,
                             const char  *message,
                             GError     **error)
{
  Move m = { MC_OUTBOX_PENDING, STATE_BIT (MC_OUTBOX_SENDING), 0, message };

  return move (self, id, &m, error);
}

/* Sent, and what became of it is not known (no answer, a cut, a timeout, a 5xx after the
 * request was written), or a look-up could not settle it yet. */
gboolean
mc_store_outbox_mark_in_doubt (McStore     *self,
                               gint64       id,
                               const char  *message,
                               GError     **error)
{
  Move m = { MC_OUTBOX_IN_DOUBT, STATE_BIT (MC_OUTBOX_SENDING) | STATE_BIT (MC_OUTBOX_IN_DOUBT), 0, message };

  return move (self, id, &m, error);
}

/* A look-up after the settle time found no trace of the action: it is sent again, and looked
 * for once more later (a first write may still come in: mc_store_outbox_mark_done()). */
gboolean
mc_store_outbox_mark_not_applied (McStore     *self,
                                  gint64       id,
                                  const char  *message,
                                  GError     **error)
{
  Move m = { MC_OUTBOX_PENDING, STATE_BIT (MC_OUTBOX_IN_DOUBT), 0, message, .resent = SET };

  return move (self, id, &m, error);
}

/* The ministry applied the action. With the server's new version, the dossier's copy moves to
 * it (if it was at the action's base), and so does the base of the dossier's later pending
 * actions decided on top of this one: they are not stale because of our own change. An action
 * sent again after a doubt is looked up once more after the settle time. */
gboolean
mc_store_outbox_mark_done (McStore     *self,
                           gint64       id,
                           const char  *server_version,
                           gint64       server_at,
                           GError     **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *server_time = server_at ? mc_time_format_iso (server_at) : NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gboolean own, ok = FALSE;
  Move m = { MC_OUTBOX_DONE, UNSETTLED, 0, NULL, NULL, NULL, "applied" };

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!(e = mc_store_outbox_get (self, id, error)))
    goto out;
  detail = mc_store_json_detail ("uuid", e->uuid, "server_version", server_version, "server_at", server_time, NULL);
  m.detail = detail;
  m.verify = e->resent ? SET : KEEP;
  if (!move_locked (self, e, &m, error))
    goto out;
  if (server_version != NULL)
    {
      if (!(stmt = mc_store_prepare (self,
              "UPDATE outbox SET base_version = ?1 WHERE dossier_id = ?2 AND id > ?3"
              " AND state = 'pending' AND base_version IS ?4", error)))
        goto out;
      mc_store_bind_text (stmt, 1, server_version);
      sqlite3_bind_int64 (stmt, 2, e->dossier_id);
      sqlite3_bind_int64 (stmt, 3, e->id);
      mc_store_bind_text (stmt, 4, e->base_version);
      if (!mc_store_step_done (self, stmt, error))
        goto out;
      if (!(stmt = mc_store_prepare (self,
              "UPDATE dossiers SET server_version = ?1 WHERE id = ?2 AND server_version IS ?3", error)))
        goto out;
      mc_store_bind_text (stmt, 1, server_version);
      sqlite3_bind_int64 (stmt, 2, e->dossier_id);
      mc_store_bind_text (stmt, 3, e->base_version);
      if (!mc_store_step_done (self, stmt, error))
        goto out;
    }
  ok = TRUE;
out:
  return mc_store_tx_end (self, own, ok, error);
}

/* A done action sent again after a doubt, looked up after the settle time: the system holds it
 * once. */
gboolean
mc_store_outbox_mark_verified (McStore  *self,
                               gint64    id,
                               GError  **error)
{
  Move m = { MC_OUTBOX_DONE, STATE_BIT (MC_OUTBOX_DONE), .verify = CLEAR };

  return move (self, id, &m, error);
}

/* The system holds the action twice (a write given up for lost came in after its resend):
 * parked for the official, who asks the ministry to correct it, and audited. */
gboolean
mc_store_outbox_mark_applied_twice (McStore     *self,
                                    gint64       id,
                                    const char  *message,
                                    GError     **error)
{
  g_autofree char *detail = mc_store_json_detail ("message", message, NULL);
  Move m = { MC_OUTBOX_APPLIED_TWICE, UNSETTLED | STATE_BIT (MC_OUTBOX_DONE), 0, message, NULL, NULL,
             "applied-twice", .detail = detail, .verify = CLEAR };

  return move (self, id, &m, error);
}

static char *
server_state_json (McStatus     server_status,
                   const char  *server_version,
                   const char  *message,
                   gboolean     applied)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  mc_json_add_int (b, "status", server_status);
  mc_json_add_string (b, "version", server_version);
  mc_json_add_string (b, "message", message);
  if (applied)
    mc_json_add_boolean (b, "applied", TRUE);
  json_builder_end_object (b);
  return mc_json_builder_to_string (b);
}

static gboolean
mark_conflict (McStore     *self,
               gint64       id,
               McStatus     server_status,
               const char  *server_version,
               const char  *message,
               gboolean     applied,
               GError     **error)
{
  g_autofree char *server_state = NULL;
  Move m = { MC_OUTBOX_CONFLICT, UNSETTLED, 0, message, NULL, NULL, "conflict" };

  g_return_val_if_fail (mc_status_is_valid (server_status), FALSE);
  server_state = server_state_json (server_status, server_version, message, applied);
  m.server_state = server_state;
  m.detail = server_state;
  return move (self, id, &m, error);
}

/* The dossier changed on the server since the action's base version. The server's status and
 * version are kept for the "needs review" view and for re-applying. */
gboolean
mc_store_outbox_mark_conflict (McStore     *self,
                               gint64       id,
                               McStatus     server_status,
                               const char  *server_version,
                               const char  *message,
                               GError     **error)
{
  return mark_conflict (self, id, server_status, server_version, message, FALSE, error);
}

/* The system holds the action, but after another official's change made since its base (a
 * late write, last write winning): a conflict all the same, never "done" in silence. */
gboolean
mc_store_outbox_mark_applied_over (McStore     *self,
                                   gint64       id,
                                   McStatus     server_status,
                                   const char  *server_version,
                                   const char  *message,
                                   GError     **error)
{
  return mark_conflict (self, id, server_status, server_version, message, TRUE, error);
}

/* The ministry refused the action for good: parked with its message (a dead letter). */
gboolean
mc_store_outbox_mark_rejected (McStore     *self,
                               gint64       id,
                               const char  *message,
                               GError     **error)
{
  g_autofree char *detail = mc_store_json_detail ("message", message, NULL);
  Move m = { MC_OUTBOX_REJECTED, UNSETTLED, 0, message, NULL, NULL, "rejected" };

  m.detail = detail;
  return move (self, id, &m, error);
}

/* The official's resolutions */

/* The official re-applies a conflicting action on the server's current state: allowed only if
 * the status table allows the action from the server's status (or if the system already
 * holds it); the action is then queued again on the server's version. The push looks the
 * dossier up before it sends anything, and an action it finds there is not sent again. */
gboolean
mc_store_outbox_reapply (McStore     *self,
                         gint64       id,
                         const char  *actor,
                         GError     **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *detail = NULL;
  McAction action;
  McStatus server_status = MC_STATUS_INVALID;
  const char *server_version = NULL;
  gboolean own, ok = FALSE, applied = FALSE;
  Move m = { MC_OUTBOX_PENDING, STATE_BIT (MC_OUTBOX_CONFLICT), -1, NULL, NULL, NULL, "reapplied", .actor = actor,
             .resent = CLEAR };

  g_return_val_if_fail (actor != NULL, FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!(e = mc_store_outbox_get (self, id, error)))
    goto out;
  if ((server = parse_server_state (e->server_state)) != NULL)
    {
      server_status = json_object_get_int_member_with_default (server, "status", 0);
      server_version = json_object_get_string_member_with_default (server, "version", NULL);
      applied = json_object_get_boolean_member_with_default (server, "applied", FALSE);
    }
  action = mc_action_from_id (e->action);
  /* A file may be sent whatever the dossier's status. */
  if (e->state == MC_OUTBOX_CONFLICT && !applied && action != MC_ACTION_ATTACH
      && (!mc_status_is_valid (server_status) || !mc_transition_allowed (server_status, action)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” cannot be applied to dossier %s in the ministry's status “%s”: discard it"),
                   action ? mc_action_label (action) : e->action, e->dossier_number,
                   mc_status_is_valid (server_status) ? mc_status_label (server_status) : "?");
      goto out;
    }
  detail = mc_store_json_detail ("uuid", e->uuid, "base_version", server_version, NULL);
  m.base_version = server_version;
  m.status_before = server_status;
  m.detail = detail;
  ok = move_locked (self, e, &m, error);
out:
  return mc_store_tx_end (self, own, ok, error);
}

/* The official gives up a conflicting or rejected action. The row stays (discarded) and the
 * audit keeps what it was, so that nothing disappears without a trace. */
static gboolean
prepare_discard (const McOutboxEntry  *e,
                 Move                 *m,
                 char                **out_detail,
                 GError              **error)
{
  m->last_error = e->last_error;
  m->server_state = e->server_state;
  *out_detail = mc_store_json_detail ("uuid", e->uuid, "state", mc_outbox_state_id (e->state),
                                      "last_error", e->last_error, "server_state", e->server_state,
                                      "payload", e->payload, NULL);
  return TRUE;
}

gboolean
mc_store_outbox_discard (McStore     *self,
                         gint64       id,
                         const char  *actor,
                         GError     **error)
{
  Move m = { MC_OUTBOX_DISCARDED, STATE_BIT (MC_OUTBOX_CONFLICT) | STATE_BIT (MC_OUTBOX_REJECTED), 0,
             NULL, NULL, NULL, "discarded", .actor = actor };

  g_return_val_if_fail (actor != NULL, FALSE);
  return move_prepared (self, id, &m, prepare_discard, error);
}

/* The official edits a rejected action (a reason, the items, the results…) and sends it again:
 * the payload takes the new input, validated as when the action was taken, and the row is
 * queued again. The local record keeps what was done; the audit keeps both versions. */
gboolean
mc_store_outbox_retry (McStore              *self,
                       gint64                id,
                       const McActionInput  *edited,
                       const char           *actor,
                       GError              **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  g_autoptr(McActionPayload) payload = NULL;
  g_autofree char *text = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;
  gboolean own, ok = FALSE;
  Move m = { MC_OUTBOX_PENDING, STATE_BIT (MC_OUTBOX_REJECTED), -1, NULL, NULL, NULL, "retried", .resent = CLEAR };

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!(e = mc_store_outbox_get (self, id, error)))
    goto out;
  if (e->state != MC_OUTBOX_REJECTED)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("Only an action refused by the ministry system can be edited and sent again"));
      goto out;
    }
  if (!(payload = mc_action_payload_from_json (e->payload, error)))
    goto out;
  if (edited != NULL && !payload->create && payload->action <= MC_ACTION_LAST)
    {
      if (!mc_store_validate_input (payload->action, edited, error))
        goto out;
      mc_action_payload_set_input (payload, mc_action_needs (payload->action), edited);
    }
  text = mc_action_payload_to_json (payload);
  if (!(stmt = mc_store_prepare (self, "UPDATE outbox SET payload = ? WHERE id = ?", error)))
    goto out;
  mc_store_bind_text (stmt, 1, text);
  sqlite3_bind_int64 (stmt, 2, e->id);
  if (!mc_store_step_done (self, stmt, error))
    goto out;
  detail = mc_store_json_detail ("uuid", e->uuid, "rejection", e->last_error, "old_payload", e->payload,
                                 "payload", text, NULL);
  m.actor = actor;
  m.detail = detail;
  ok = move_locked (self, e, &m, error);
out:
  return mc_store_tx_end (self, own, ok, error);
}

/* The official has asked the ministry to correct an action applied twice on its system: the
 * action is done, and the audit says who took note and when. */
static gboolean
prepare_acknowledge (const McOutboxEntry  *e,
                     Move                 *m,
                     char                **out_detail,
                     GError              **error)
{
  m->last_error = e->last_error;
  *out_detail = mc_store_json_detail ("uuid", e->uuid, "message", e->last_error, NULL);
  return TRUE;
}

gboolean
mc_store_outbox_acknowledge (McStore     *self,
                             gint64       id,
                             const char  *actor,
                             GError     **error)
{
  Move m = { MC_OUTBOX_DONE, STATE_BIT (MC_OUTBOX_APPLIED_TWICE), 0, NULL, NULL, NULL, "acknowledged", .actor = actor };

  g_return_val_if_fail (actor != NULL, FALSE);
  return move_prepared (self, id, &m, prepare_acknowledge, error);
}

/* The dossier changed on the ministry system, and the system already shows what the official
 * wanted (the window compares the statuses): the action is done without being sent; the audit
 * keeps the system's state it was settled against. */
static gboolean
prepare_mark_applied (const McOutboxEntry  *e,
                      Move                 *m,
                      char                **out_detail,
                      GError              **error)
{
  m->server_state = e->server_state;
  *out_detail = mc_store_json_detail ("uuid", e->uuid, "server_state", e->server_state, NULL);
  return TRUE;
}

gboolean
mc_store_outbox_mark_applied (McStore     *self,
                              gint64       id,
                              const char  *actor,
                              GError     **error)
{
  Move m = { MC_OUTBOX_DONE, STATE_BIT (MC_OUTBOX_CONFLICT), 0, NULL, NULL, NULL, "already-applied", .actor = actor };

  g_return_val_if_fail (actor != NULL, FALSE);
  return move_prepared (self, id, &m, prepare_mark_applied, error);
}
