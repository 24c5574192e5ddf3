/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mc-dossier-json.h"
#include "mc-store-outbox-private.h"
#include "mc-time.h"

/* Reading the outbox, and the row an action adds to it: the listings of the outbox view, the
 * review and the CLI, the counts of the sync indicator and the watchdog, and a dossier's own
 * waiting actions. The state changes are mc-store-outbox.c's. */

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

/* A small JSON object from key/value string pairs (NULL values are left out), for audit
 * details. */
char *
mc_store_json_detail (const char *first_key,
                      ...)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  va_list args;

  json_builder_begin_object (b);
  va_start (args, first_key);
  for (const char *key = first_key; key != NULL; key = va_arg (args, const char *))
    {
      const char *value = va_arg (args, const char *);

      if (value == NULL)
        continue;
      mc_json_add_string (b, key, value);
    }
  va_end (args);
  json_builder_end_object (b);
  return mc_json_builder_to_string (b);
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

/* One row of MC_OUTBOX_ENTRY_SELECT. */
McOutboxEntry *
mc_outbox_entry_from_row (sqlite3_stmt *stmt)
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
  e->sent_at = sqlite3_column_int64 (stmt, 15);
  e->resent = sqlite3_column_int (stmt, 16);
  e->verify_at = sqlite3_column_int64 (stmt, 17);
  return e;
}

/* Steps @stmt to its end. Returns: (transfer full): McOutboxEntry. */
GPtrArray *
mc_store_outbox_collect (McStore       *self,
                         sqlite3_stmt  *stmt,
                         GError       **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_outbox_entry_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, mc_outbox_entry_from_row (stmt));
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
  sqlite3_stmt *stmt = mc_store_prepare (self, MC_OUTBOX_ENTRY_SELECT
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
  return mc_store_outbox_collect (self, stmt, error);
}

McOutboxEntry *
mc_store_outbox_get (McStore  *self,
                     gint64    id,
                     GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, MC_OUTBOX_ENTRY_SELECT " WHERE o.id = ?", error);
  g_autoptr(GPtrArray) entries = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!(entries = mc_store_outbox_collect (self, stmt, error)))
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
 * rejected, applied twice), holds back the later actions of its dossier and of no other. A
 * row left "sending" by a crash is turned in doubt by the engine at start-up. */
GPtrArray *
mc_store_outbox_ready (McStore     *self,
                       const char  *source_id,
                       guint        limit,
                       GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, MC_OUTBOX_ENTRY_SELECT
    " WHERE (?1 IS NULL OR o.source_id = ?1) AND o.state IN ('pending', 'in_doubt')"
    " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.dossier_id = o.dossier_id AND p.id < o.id"
    "                 AND p.state NOT IN " MC_OUTBOX_FINISHED_SQL ")"
    " ORDER BY o.id LIMIT ?2", error);

  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, source_id);
  sqlite3_bind_int64 (stmt, 2, limit ? (gint64) limit : -1);
  return mc_store_outbox_collect (self, stmt, error);
}

/* Returns: (transfer full): McOutboxCounts, one per configured source, ordered by source. */
GPtrArray *
mc_store_outbox_counts (McStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT s.id, o.state, count(o.id),"
    " min(CASE WHEN o.state NOT IN " MC_OUTBOX_FINISHED_SQL " THEN o.created_at END)"
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
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  return mc_store_step_int64 (self, stmt, N_("reading the outbox"), error);
}

/* Returns: how many actions on the dossier the ministry has not applied yet (the queue's
 * "not yet synced" marker), -1 on error. Discarded ones do not count. */
gint64
mc_store_dossier_unsynced (McStore  *self,
                           gint64    dossier_id,
                           GError  **error)
{
  return count_one (self, mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE dossier_id = ? AND state IN " MC_OUTBOX_UNAPPLIED_SQL, error),
    dossier_id, error);
}

/* Returns: how many actions on the dossier wait for the official (conflict, rejected, applied
 * twice), -1 on error. While there is one, no new action is taken on the dossier. */
gint64
mc_store_dossier_needs_review (McStore  *self,
                               gint64    dossier_id,
                               GError  **error)
{
  return count_one (self, mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE dossier_id = ? AND state IN " MC_OUTBOX_REVIEW_SQL, error),
    dossier_id, error);
}
