/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-action-payload.h"
#include "mc-store-outbox.h"
#include "mc-store-private.h"

G_BEGIN_DECLS

/* Shared by the files of the outbox: the actions that queue rows (mc-store-actions.c,
 * mc-store-intake.c), the state machine (mc-store-outbox.c), its queries
 * (mc-store-outbox-query.c) and the push side (mc-store-push.c). */

/* The states in SQL: an action is finished when nothing is left to do for it, and waits for
 * the official in review. Every query names them through these. */
#define MC_OUTBOX_FINISHED_SQL "('done', 'discarded')"
#define MC_OUTBOX_REVIEW_SQL "('conflict', 'rejected', 'applied_twice')"
/* Not applied by the ministry system yet (the queue's "not yet synced" marker). */
#define MC_OUTBOX_UNAPPLIED_SQL "('pending', 'sending', 'in_doubt', 'conflict', 'rejected')"

#define MC_OUTBOX_ENTRY_SELECT \
  "SELECT o.id, o.uuid, o.source_id, o.dossier_id, d.number, o.action, o.payload," \
  " o.payload_version, o.base_version, o.state, o.attempts, o.last_error, o.server_state," \
  " o.created_at, o.updated_at, o.sent_at, o.resent, o.verify_at" \
  " FROM outbox o JOIN dossiers d ON d.id = o.dossier_id"

McOutboxEntry *mc_outbox_entry_from_row (sqlite3_stmt *stmt);
GPtrArray *mc_store_outbox_collect (McStore       *self,
                                    sqlite3_stmt  *stmt,
                                    GError       **error);

char     *mc_store_json_detail    (const char  *first_key,
                                   ...) G_GNUC_NULL_TERMINATED;
gboolean  mc_store_outbox_insert  (McStore     *self,
                                   gint64       dossier_id,
                                   const char  *source_id,
                                   const char  *action,
                                   const char  *uuid,
                                   const char  *payload,
                                   const char  *base_version,
                                   GError     **error);

gboolean  mc_store_renumber_payloads (McStore    *self,
                                    gint64      dossier_id,
                                    const char *number,
                                    GError    **error);

gint64    mc_store_compute_due    (McStore     *self,
                                   const char  *procedure_code,
                                   gint64       at);
gboolean  mc_store_validate_input (McAction              action,
                                   const McActionInput  *input,
                                   GError              **error);

void      mc_store_set_invalid    (GError     **error,
                                   const char  *message);

/* The transitions only the push side makes (mc-store-push.c), in the caller's transaction. */
gboolean  mc_store_outbox_mark_not_applied  (McStore     *self,
                                             gint64       id,
                                             const char  *message,
                                             GError     **error);
gboolean  mc_store_outbox_mark_applied_twice (McStore    *self,
                                             gint64       id,
                                             const char  *message,
                                             GError     **error);
gboolean  mc_store_outbox_mark_verified     (McStore     *self,
                                             gint64       id,
                                             GError     **error);
gboolean  mc_store_outbox_mark_applied_over (McStore     *self,
                                             gint64       id,
                                             McStatus     server_status,
                                             const char  *server_version,
                                             const char  *message,
                                             GError     **error);

/* Seconds since 1970 on the wall clock, whatever MC_NOW pins: the settle time of a send is
 * real time passing, also in tests that pin "now". */
gint64    mc_store_wall_time      (void);

G_END_DECLS
