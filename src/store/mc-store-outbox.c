/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-outbox-private.h"
#include "mc-time.h"

/* The outbox after an action is queued: its listings for the outbox view and the push side,
 * the state changes the sync engine makes, and the official's resolutions of a conflict or a
 * rejection. Every change that settles an action's fate (applied, conflict, rejected,
 * re-applied, discarded) is audited in the same transaction; the transient ones (sending, a
 * failed attempt, in doubt) are not, the row itself keeps their trace. */

static const struct {
  const char *id;
  const char *label;
} states[] = {
  [MC_OUTBOX_PENDING] = { "pending", N_("Waiting to be sent") },
  [MC_OUTBOX_SENDING] = { "sending", N_("Sending") },
  [MC_OUTBOX_IN_DOUBT] = { "in_doubt", N_("In doubt: checking the ministry system") },
  [MC_OUTBOX_DONE] = { "done", N_("Applied by the ministry system") },
  [MC_OUTBOX_CONFLICT] = { "conflict", N_("Needs review: the dossier changed on the server") },
  [MC_OUTBOX_REJECTED] = { "rejected", N_("Refused by the ministry system") },
  [MC_OUTBOX_DISCARDED] = { "discarded", N_("Discarded") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (states) == MC_OUTBOX_N_STATES);

#define STATE_BIT(s) (1u << (s))

const char *
mc_outbox_state_id (McOutboxState state)
{
  g_return_val_if_fail (state < MC_OUTBOX_N_STATES, NULL);
  return states[state].id;
}

gboolean
mc_outbox_state_from_id (const char    *id,
                         McOutboxState *out_state)
{
  for (guint s = 0; s < MC_OUTBOX_N_STATES; s++)
    if (g_strcmp0 (states[s].id, id) == 0)
      {
        *out_state = s;
        return TRUE;
      }
  return FALSE;
}

const char *
mc_outbox_state_label (McOutboxState state)
{
  g_return_val_if_fail (state < MC_OUTBOX_N_STATES, NULL);
  return g_dgettext (GETTEXT_PACKAGE, states[state].label);
}

void
mc_outbox_entry_free (McOutboxEntry *e)
{
  if (e == NULL)
    return;
  g_free (e->uuid);
  g_free (e->source_id);
  g_free (e->dossier_number);
  g_free (e->action);
  g_free (e->payload);
  g_free (e->base_version);
  g_free (e->last_error);
  g_free (e->server_state);
  g_free (e);
}

void
mc_outbox_counts_free (McOutboxCounts *c)
{
  if (c == NULL)
    return;
  g_free (c->source_id);
  g_free (c);
}

/* Joins the caller's transaction through a savepoint, so that a failure here undoes only this
 * call's writes; with no transaction open, takes the write lock at once (BEGIN IMMEDIATE). */
gboolean
mc_store_tx_begin (McStore   *self,
                   gboolean  *out_own,
                   GError   **error)
{
  *out_own = sqlite3_get_autocommit (self->db);
  if (*out_own)
    return mc_store_begin (self, error);
  return mc_store_exec (self, "SAVEPOINT mc_outbox_op", error);
}

/* Commits (or releases the savepoint) when @ok, else undoes everything since the begin. */
gboolean
mc_store_tx_end (McStore   *self,
                 gboolean   own,
                 gboolean   ok,
                 GError   **error)
{
  if (own)
    {
      if (ok && mc_store_commit (self, error))
        return TRUE;
      mc_store_rollback (self);
      return FALSE;
    }
  if (ok)
    return mc_store_exec (self, "RELEASE mc_outbox_op", error);
  sqlite3_exec (self->db, "ROLLBACK TO mc_outbox_op; RELEASE mc_outbox_op", NULL, NULL, NULL);
  return FALSE;
}

/* A small JSON object from key/value string pairs (NULL values are left out), for audit
 * details. */
char *
mc_store_json_detail (const char *first_key,
                      ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  va_list args;

  json_builder_begin_object (b);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      json_builder_set_member_name (b, key);
      json_builder_add_string_value (b, value);
    }
  va_end (args);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

gboolean
mc_store_outbox_insert (McStore     *self,
                        gint64       dossier_id,
                        const char  *source_id,
                        const char  *action,
                        const char  *uuid,
                        const char  *payload,
                        const char  *base_version,
                        GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO outbox (uuid, source_id, dossier_id, action, payload, payload_version,"
    " base_version, state, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, " G_STRINGIFY (MC_ACTION_PAYLOAD_VERSION) ", ?, 'pending', ?, ?)", error);
  gint64 now = mc_time_now ();

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, uuid);
  mc_store_bind_text (stmt, 2, source_id);
  sqlite3_bind_int64 (stmt, 3, dossier_id);
  mc_store_bind_text (stmt, 4, action);
  mc_store_bind_text (stmt, 5, payload);
  mc_store_bind_text (stmt, 6, base_version);
  sqlite3_bind_int64 (stmt, 7, now);
  sqlite3_bind_int64 (stmt, 8, now);
  return mc_store_step_done (self, stmt, error);
}

#define ENTRY_SELECT \
  "SELECT o.id, o.uuid, o.source_id, o.dossier_id, d.number, o.action, o.payload," \
  " o.payload_version, o.base_version, o.state, o.attempts, o.last_error, o.server_state," \
  " o.created_at, o.updated_at FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"

static McOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  McOutboxEntry *e = g_new0 (McOutboxEntry, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  e->source_id = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  e->dossier_id = sqlite3_column_int64 (stmt, 3);
  e->dossier_number = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  e->action = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  e->payload = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
  e->payload_version = sqlite3_column_int (stmt, 7);
  e->base_version = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  if (!mc_outbox_state_from_id ((const char *) sqlite3_column_text (stmt, 9), &e->state))
    g_warn_if_reached ();  /* the table's CHECK lists the same states */
  e->attempts = sqlite3_column_int (stmt, 10);
  e->last_error = g_strdup ((const char *) sqlite3_column_text (stmt, 11));
  e->server_state = g_strdup ((const char *) sqlite3_column_text (stmt, 12));
  e->created_at = sqlite3_column_int64 (stmt, 13);
  e->updated_at = sqlite3_column_int64 (stmt, 14);
  return e;
}

static GPtrArray *
collect_entries (McStore       *self,
                 sqlite3_stmt  *stmt,
                 GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the outbox"));
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Returns: (transfer full): McOutboxEntry in the order the actions were taken. */
GPtrArray *
mc_store_outbox_list (McStore               *self,
                      const McOutboxFilter  *filter,
                      GError               **error)
{
  McOutboxFilter any = { .state = -1 };
  sqlite3_stmt *stmt = mc_store_prepare (self, ENTRY_SELECT
    " WHERE (?1 IS NULL OR o.source_id = ?1) AND (?2 IS NULL OR o.state = ?2)"
    " AND (?3 = 0 OR o.dossier_id = ?3) ORDER BY o.id LIMIT ?4", error);

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  if (filter == NULL)
    filter = &any;
  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, filter->source_id);
  mc_store_bind_text (stmt, 2, filter->state >= 0 ? mc_outbox_state_id (filter->state) : NULL);
  sqlite3_bind_int64 (stmt, 3, filter->dossier_id);
  sqlite3_bind_int64 (stmt, 4, filter->limit ? (gint64) filter->limit : -1);
  return collect_entries (self, stmt, error);
}

McOutboxEntry *
mc_store_outbox_get (McStore  *self,
                     gint64    id,
                     GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, ENTRY_SELECT " WHERE o.id = ?", error);
  g_autoptr(GPtrArray) entries = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!(entries = collect_entries (self, stmt, error)))
    return NULL;
  if (entries->len == 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("No outbox entry %lld"), (long long) id);
      return NULL;
    }
  return g_ptr_array_steal_index (entries, 0);
}

/* The rows the engine may push now: per dossier only the oldest unfinished one, and only if
 * it is pending or in doubt. A row being sent, or one waiting for the official (conflict,
 * rejected), holds back the later actions of its dossier and of no other. A row left
 * "sending" by a crash must be turned in doubt by the engine at start-up. */
GPtrArray *
mc_store_outbox_ready (McStore     *self,
                       const char  *source_id,
                       guint        limit,
                       GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, ENTRY_SELECT
    " WHERE (?1 IS NULL OR o.source_id = ?1) AND o.state IN ('pending', 'in_doubt')"
    " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_id = o.dossier_id AND p.id < o.id"
    "                 AND p.state NOT IN ('done', 'discarded'))"
    " ORDER BY o.id LIMIT ?2", error);

  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);
  return collect_entries (self, stmt, error);
}

/* Returns: (transfer full): McOutboxCounts, one per configured source, ordered by source. */
GPtrArray *
mc_store_outbox_counts (McStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT s.id, o.state, count(o.id),"
    " min(CASE WHEN o.state NOT IN ('done', 'discarded') THEN o.created_at END)"
    " FROM sources s LEFT JOIN outbox o ON o.source_id = s.id"
    " GROUP BY s.id, o.state ORDER BY s.id", error);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_counts_free);
  McOutboxCounts *c = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *source = (const char *) sqlite3_column_text (stmt, 0);
      McOutboxState state;
      gint64 oldest = sqlite3_column_int64 (stmt, 3);

      if (c == NULL || g_strcmp0 (c->source_id, source) != 0)
        {
          c = g_new0 (McOutboxCounts, 1);
          c->source_id = g_strdup (source);
          g_ptr_array_add (result, c);
        }
      if (mc_outbox_state_from_id ((const char *) sqlite3_column_text (stmt, 1), &state))
        c->n[state] = sqlite3_column_int (stmt, 2);
      if (oldest != 0 && (c->oldest_unfinished_at == 0 || oldest < c->oldest_unfinished_at))
        c->oldest_unfinished_at = oldest;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the outbox"));
      return NULL;
    }
  return g_steal_pointer (&result);
}

static gint64
count_one (McStore       *self,
           sqlite3_stmt  *stmt,
           gint64         dossier_id,
           GError       **error)
{
  gint64 n = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  n = mc_store_step_int64 (self, stmt, N_("reading the outbox"), error);
  return n;
}

/* Returns: how many actions on the dossier the ministry has not applied yet (the queue's
 * "not yet synced" marker), -1 on error. Discarded ones do not count. */
gint64
mc_store_dossier_unsynced (McStore  *self,
                           gint64    dossier_id,
                           GError  **error)
{
  return count_one (self, mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE dossier_id = ? AND state NOT IN ('done', 'discarded')", error),
    dossier_id, error);
}

/* Returns: how many actions on the dossier wait for the official (conflict or rejected), -1
 * on error. While there is one, no new action is taken on the dossier. */
gint64
mc_store_dossier_needs_review (McStore  *self,
                               gint64    dossier_id,
                               GError  **error)
{
  return count_one (self, mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE dossier_id = ? AND state IN ('conflict', 'rejected')", error),
    dossier_id, error);
}

static int
payload_int (const char *payload,
             const char *key)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, payload, -1, NULL))
    return 0;
  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return 0;
  return (int) json_object_get_int_member_with_default (json_node_get_object (root), key, 0);
}

/* One change of state. @allowed is the set of states it may come from; @last_error and
 * @server_state replace the row's; @outcome, when set, is audited as @actor. */
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
} Move;

static gboolean
move_locked (McStore        *self,
             McOutboxEntry  *e,
             const Move     *m,
             GError        **error)
{
  sqlite3_stmt *stmt;
  McAuditEntry audit = { 0 };
  g_autofree char *actor = NULL;

  if (!(m->allowed & STATE_BIT (e->state)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The action “%s” on dossier %s is “%s”: it cannot become “%s”"),
                   e->action, e->dossier_number, mc_outbox_state_label (e->state), mc_outbox_state_label (m->to));
      return FALSE;
    }
  stmt = mc_store_prepare (self,
    "UPDATE outbox SET state = ?, attempts = ?, last_error = ?, server_state = ?, base_version = ?,"
    " updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, mc_outbox_state_id (m->to));
  sqlite3_bind_int (stmt, 2, m->attempts < 0 ? 0 : e->attempts + m->attempts);
  /* A row being sent keeps its last error: the outbox view shows why the previous try failed. */
  mc_store_bind_text (stmt, 3, m->to == MC_OUTBOX_SENDING ? e->last_error : m->last_error);
  mc_store_bind_text (stmt, 4, m->server_state);
  mc_store_bind_text (stmt, 5, m->base_version ? m->base_version : e->base_version);
  sqlite3_bind_int64 (stmt, 6, mc_time_now ());
  sqlite3_bind_int64 (stmt, 7, e->id);
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;

  if (m->outcome == NULL)
    return TRUE;
  actor = m->actor ? g_strdup (m->actor) : g_strdup_printf ("sync/%s", e->source_id);
  audit.actor = actor;
  audit.dossier_id = e->dossier_id;
  audit.dossier_number = e->dossier_number;
  audit.action = e->action;
  audit.status_before = m->status_before ? m->status_before : payload_int (e->payload, "status_before");
  audit.status_after = payload_int (e->payload, "target");
  audit.outcome = m->outcome;
  audit.detail = m->detail;
  return mc_store_audit_append (self, &audit, error);
}

static gboolean
move (McStore     *self,
      gint64       id,
      const Move  *m,
      GError     **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  gboolean own, ok;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  ok = (e = mc_store_outbox_get (self, id, error)) != NULL && move_locked (self, e, m, error);
  return mc_store_tx_end (self, own, ok, error);
}

gboolean
mc_store_outbox_mark_sending (McStore  *self,
                              gint64    id,
                              GError  **error)
{
  Move m = { MC_OUTBOX_SENDING, STATE_BIT (MC_OUTBOX_PENDING) | STATE_BIT (MC_OUTBOX_IN_DOUBT), +1 };

  return move (self, id, &m, error);
}

/* The send failed before it reached the server (offline, 5xx before commit): pending again. */
gboolean
mc_store_outbox_mark_failed (McStore     *self,
                             gint64       id,
                             const char  *message,
                             GError     **error)
{
  Move m = { MC_OUTBOX_PENDING, STATE_BIT (MC_OUTBOX_SENDING), 0, message };

  return move (self, id, &m, error);
}

gboolean
mc_store_outbox_mark_in_doubt (McStore     *self,
                               gint64       id,
                               const char  *message,
                               GError     **error)
{
  Move m = { MC_OUTBOX_IN_DOUBT, STATE_BIT (MC_OUTBOX_SENDING), 0, message };

  return move (self, id, &m, error);
}

#define UNSETTLED (STATE_BIT (MC_OUTBOX_PENDING) | STATE_BIT (MC_OUTBOX_SENDING) | STATE_BIT (MC_OUTBOX_IN_DOUBT))

/* The ministry applied the action. With the server's new version, the dossier's copy moves to
 * it (if it was at the action's base), and so does the base of the dossier's later pending
 * actions decided on top of this one: they are not stale because of our own change. */
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
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *server_state = NULL;
  Move m = { MC_OUTBOX_CONFLICT, UNSETTLED, 0, message, NULL, NULL, "conflict" };

  g_return_val_if_fail (mc_status_is_valid (server_status), FALSE);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "status");
  json_builder_add_int_value (b, server_status);
  json_builder_set_member_name (b, "version");
  if (server_version != NULL)
    json_builder_add_string_value (b, server_version);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "message");
  if (message != NULL)
    json_builder_add_string_value (b, message);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  server_state = json_to_string (root, FALSE);
  m.server_state = server_state;
  m.detail = server_state;
  return move (self, id, &m, error);
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

/* The official re-applies a conflicting action on the server's current state: allowed only if
 * the status table allows the action from the server's status; the action is then queued
 * again on the server's version. */
gboolean
mc_store_outbox_reapply (McStore     *self,
                         gint64       id,
                         const char  *actor,
                         GError     **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *detail = NULL;
  JsonObject *server = NULL;
  McAction action;
  McStatus server_status = MC_STATUS_INVALID;
  const char *server_version = NULL;
  gboolean own, ok = FALSE;
  Move m = { MC_OUTBOX_PENDING, STATE_BIT (MC_OUTBOX_CONFLICT), -1, NULL, NULL, NULL, "reapplied" };

  g_return_val_if_fail (actor != NULL, FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!(e = mc_store_outbox_get (self, id, error)))
    goto out;
  if (e->server_state != NULL && json_parser_load_from_data (parser, e->server_state, -1, NULL) &&
      JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      server = json_node_get_object (json_parser_get_root (parser));
      server_status = json_object_get_int_member_with_default (server, "status", 0);
      server_version = json_object_get_string_member_with_default (server, "version", NULL);
    }
  action = mc_action_from_id (e->action);
  if (e->state == MC_OUTBOX_CONFLICT &&
      (!mc_status_is_valid (server_status) || !mc_transition_allowed (server_status, action)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” cannot be applied to dossier %s in the ministry's status “%s”: discard it"),
                   action ? mc_action_label (action) : e->action, e->dossier_number,
                   mc_status_is_valid (server_status) ? mc_status_label (server_status) : "?");
      goto out;
    }
  detail = mc_store_json_detail ("uuid", e->uuid, "base_version", server_version, NULL);
  m.actor = actor;
  m.base_version = server_version;
  m.status_before = server_status;
  m.detail = detail;
  ok = move_locked (self, e, &m, error);
out:
  return mc_store_tx_end (self, own, ok, error);
}

/* The official gives up a conflicting or rejected action. The row stays (discarded) and the
 * audit keeps what it was, so that nothing disappears without a trace. */
gboolean
mc_store_outbox_discard (McStore     *self,
                         gint64       id,
                         const char  *actor,
                         GError     **error)
{
  g_autoptr(McOutboxEntry) e = NULL;
  g_autofree char *detail = NULL;
  gboolean own, ok = FALSE;
  Move m = { MC_OUTBOX_DISCARDED, STATE_BIT (MC_OUTBOX_CONFLICT) | STATE_BIT (MC_OUTBOX_REJECTED), 0,
             NULL, NULL, NULL, "discarded" };

  g_return_val_if_fail (actor != NULL, FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  if (!(e = mc_store_outbox_get (self, id, error)))
    goto out;
  detail = mc_store_json_detail ("uuid", e->uuid, "state", mc_outbox_state_id (e->state),
                                 "last_error", e->last_error, "server_state", e->server_state,
                                 "payload", e->payload, NULL);
  m.actor = actor;
  m.last_error = e->last_error;
  m.server_state = e->server_state;
  m.detail = detail;
  ok = move_locked (self, e, &m, error);
out:
  return mc_store_tx_end (self, own, ok, error);
}
