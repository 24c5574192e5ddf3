/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-action-payload.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* The life of an outbox row (mc-store-outbox.c has the transitions). pending → sending → done
 * is the common path; a send whose answer was lost is in doubt until the engine has looked on
 * the server, and stays so while a look-up fails or the source's settle time has not passed
 * since the send; a stale action is a conflict and a refused one is rejected, both waiting for
 * the official, who re-applies, retries or discards it. A late first write found beside its
 * resend makes the action "applied twice", which the official acknowledges once the ministry
 * was asked to correct it. Nothing leaves the table: a discarded row stays, audited. */
typedef enum
{
  MC_OUTBOX_PENDING,
  MC_OUTBOX_SENDING,
  MC_OUTBOX_IN_DOUBT,
  MC_OUTBOX_DONE,
  MC_OUTBOX_CONFLICT,
  MC_OUTBOX_REJECTED,
  MC_OUTBOX_DISCARDED,
  MC_OUTBOX_APPLIED_TWICE,
  MC_OUTBOX_N_STATES,
} McOutboxState;

typedef struct
{
  gint64 id;
  char *uuid;
  char *source_id;
  gint64 dossier_id;
  char *dossier_number;
  char *action;             /* mc_action_id(), or "receive" with "create": true for the counter */
  char *payload;            /* JSON, see mc-store-actions.c */
  int payload_version;
  char *base_version;       /* the dossier's server version the action was decided on */
  McOutboxState state;
  int attempts;
  char *last_error;         /* the last failure, or the server's message of a rejection */
  char *server_state;       /* conflict: JSON {"status", "version", "message", "applied"} of the
                             * server; "applied": the system holds the action, after another
                             * official's change */
  gint64 created_at;
  gint64 updated_at;
  gint64 sent_at;           /* wall time of the last send, 0 never */
  gboolean resent;          /* concluded "not applied" after a doubt, and sent again */
  gint64 verify_at;         /* done: when to look for a late first write, 0 none */
} McOutboxEntry;

void mc_outbox_entry_free (McOutboxEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutboxEntry, mc_outbox_entry_free)

/* How many rows of one source are in each state, and since when the oldest unfinished one
 * waits (for the watchdog). */
typedef struct
{
  char *source_id;
  guint n[MC_OUTBOX_N_STATES];
  gint64 oldest_unfinished_at;  /* 0 = none */
} McOutboxCounts;

void mc_outbox_counts_free (McOutboxCounts *counts);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McOutboxCounts, mc_outbox_counts_free)

/* Which rows a listing shows: every field optional (NULL / -1 / 0 = any). */
typedef struct
{
  const char *source_id;
  int state;            /* McOutboxState, or -1 */
  gint64 dossier_id;
  guint limit;
} McOutboxFilter;

const char    *mc_outbox_state_id          (McOutboxState  state);
gboolean       mc_outbox_state_from_id     (const char    *id,
                                            McOutboxState *out_state);
const char    *mc_outbox_state_label       (McOutboxState  state);
gboolean       mc_outbox_entry_applied     (const McOutboxEntry *entry);

GPtrArray     *mc_store_outbox_list        (McStore             *self,
                                            const McOutboxFilter *filter,
                                            GError             **error);
McOutboxEntry *mc_store_outbox_get         (McStore             *self,
                                            gint64               id,
                                            GError             **error);
GPtrArray     *mc_store_outbox_ready       (McStore             *self,
                                            const char          *source_id,
                                            guint                limit,
                                            GError             **error);
GPtrArray     *mc_store_outbox_counts      (McStore             *self,
                                            GError             **error);
gint64         mc_store_dossier_unsynced   (McStore             *self,
                                            gint64               dossier_id,
                                            GError             **error);
gint64         mc_store_dossier_needs_review (McStore           *self,
                                            gint64               dossier_id,
                                            GError             **error);

/* The push side (the sync engine). Each runs in the caller's transaction when there is one,
 * else in its own. */
gboolean       mc_store_outbox_mark_sending  (McStore     *self,
                                              gint64       id,
                                              GError     **error);
gboolean       mc_store_outbox_mark_failed   (McStore     *self,
                                              gint64       id,
                                              const char  *message,
                                              GError     **error);
gboolean       mc_store_outbox_mark_in_doubt (McStore     *self,
                                              gint64       id,
                                              const char  *message,
                                              GError     **error);
gboolean       mc_store_outbox_mark_done     (McStore     *self,
                                              gint64       id,
                                              const char  *server_version,
                                              gint64       server_at,
                                              GError     **error);
gboolean       mc_store_outbox_mark_conflict (McStore     *self,
                                              gint64       id,
                                              McStatus     server_status,
                                              const char  *server_version,
                                              const char  *message,
                                              GError     **error);
gboolean       mc_store_outbox_mark_rejected (McStore     *self,
                                              gint64       id,
                                              const char  *message,
                                              GError     **error);

/* The official's resolutions. */
gboolean       mc_store_outbox_reapply       (McStore     *self,
                                              gint64       id,
                                              const char  *actor,
                                              GError     **error);
gboolean       mc_store_outbox_discard       (McStore     *self,
                                              gint64       id,
                                              const char  *actor,
                                              GError     **error);
gboolean       mc_store_outbox_retry         (McStore              *self,
                                              gint64                id,
                                              const McActionInput  *edited,
                                              const char           *actor,
                                              GError              **error);
gboolean       mc_store_outbox_mark_applied  (McStore     *self,
                                              gint64       id,
                                              const char  *actor,
                                              GError     **error);
gboolean       mc_store_outbox_acknowledge   (McStore     *self,
                                              gint64       id,
                                              const char  *actor,
                                              GError     **error);

G_END_DECLS
