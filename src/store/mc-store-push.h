/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-action-payload.h"
#include "mc-store-outbox.h"
#include "mc-store-sync.h"

G_BEGIN_DECLS

/* The store's side of pushing the outbox (mc-store-push.c), as the sync engine uses it: it asks
 * for the next action (mc_store_push_next()), has it sent or looked up, and tells the outcome
 * (mc_store_push_settle()) — one call each way. */

/* What the engine is to do with an action. */
typedef enum
{
  MC_PUSH_SEND,     /* pending: send it (marked "sending", with the time, before it leaves) */
  MC_PUSH_CHECK,    /* in doubt: find out whether the system applied it (or resend it under its key) */
  MC_PUSH_VERIFY,   /* done after a resend: look once more for a late first write */
} McPushStep;

typedef struct
{
  gint64 id;                 /* the outbox row */
  gint64 dossier_id;
  McPushStep step;
  char *uuid;
  char *key;                 /* the key or reference sent: the uuid, or uuid.N for the N-th time
                              * the official sent it again (retry, re-apply) */
  McActionPayload *payload;
  char *number;              /* the dossier's number now */
  char *remote_id;           /* the dialect's own id of the dossier, when it has one */
  char *base_version;        /* the server version the action was decided on */
  gboolean sent_before;      /* it was sent before: a refusal now may answer an earlier send
                              * that came through (a late write, a number that now exists) */
  gboolean unlisted;         /* the reconciliation's last walk did not list its dossier */
  gboolean settled;          /* CHECK: the last send is older than the source's settle time,
                              * so a look-up that does not find it may conclude "not applied" */
  gint64 settles_at;         /* CHECK: when it is (wall time) */
  GStrv own_keys;            /* the uuids of every action of the dossier: a step that carries
                              * none of them is another official's */
  GBytes *content;           /* attach: the file's content, read from the profile and checked
                              * against its hash when the job was made */
} McPushJob;

void mc_push_job_free (McPushJob *job);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPushJob, mc_push_job_free)

/* What became of it. */
typedef enum
{
  MC_PUSH_APPLIED,           /* the system holds it once: done */
  MC_PUSH_APPLIED_TWICE,     /* the system holds it twice: parked for the official */
  MC_PUSH_APPLIED_OVER,      /* held once, after another official's change: a conflict */
  MC_PUSH_NOT_APPLIED,       /* settled in doubt: no trace of it, to be sent again */
  MC_PUSH_STALE,             /* not sent: the dossier changed on the system (a conflict) */
  MC_PUSH_REFUSED,           /* the system refused it: rejected */
  MC_PUSH_NOT_SENT,          /* it did not leave (refused connection, 429, sign-in): pending */
  MC_PUSH_IN_DOUBT,          /* sent with no answer, or a look-up that could not settle it */
  MC_PUSH_VERIFIED,          /* VERIFY: held once */
} McPushOutcomeKind;

typedef struct
{
  McPushOutcomeKind kind;
  const char *message;       /* for the official (the system's words, the failure) */
  const char *server_version; /* APPLIED: the version right after the action, when known;
                              * STALE, APPLIED_OVER: the system's current one */
  McStatus server_status;    /* STALE, APPLIED_OVER */
  gint64 server_at;          /* APPLIED: when the system applied it, 0 unknown */
  const char *number;        /* APPLIED of a counter intake: the system's number */
} McPushOutcome;

/* A dossier whose copy must be read again from its system: a server change was held back
 * while it had actions to send, or an action of it was parked for the official. */
typedef struct
{
  gint64 dossier_id;
  char *number;
  gboolean deleted;          /* the system no longer lists it */
} McPushHeld;

void        mc_push_held_free            (McPushHeld          *held);

gboolean    mc_store_push_recover        (McStore             *self,
                                          guint               *out_n,
                                          GError             **error);
McPushJob  *mc_store_push_next           (McStore             *self,
                                          const char          *source_id,
                                          GHashTable          *skip,
                                          GError             **error);
gboolean    mc_store_push_settle         (McStore             *self,
                                          const McPushJob     *job,
                                          const McPushOutcome *outcome,
                                          McOutboxState       *out_state,
                                          GError             **error);
gint64      mc_store_push_waiting        (McStore             *self,
                                          const char          *source_id,
                                          GError             **error);
GPtrArray  *mc_store_push_releasable     (McStore             *self,
                                          const char          *source_id,
                                          GError             **error);
gboolean    mc_store_push_release        (McStore             *self,
                                          const char          *source_id,
                                          const McPushHeld    *held,
                                          McDossier           *server_copy,
                                          GError             **error);
gboolean    mc_store_set_source_settle   (McStore             *self,
                                          const char          *source_id,
                                          guint                seconds,
                                          GError             **error);

G_END_DECLS
