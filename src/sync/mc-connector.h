/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-dossier.h"
#include "mc-secrets.h"
#include "mc-source.h"
#include "mc-sync-error.h"

G_BEGIN_DECLS


/* One page of a pull: everything in it is stored, with its cursor, in one transaction. */
typedef struct
{
  GPtrArray *dossiers;        /* McDossier, mapped to the canonical model */
  GPtrArray *remote_ids;      /* char* (nullable), parallel to dossiers: a dialect's own id */
  GPtrArray *tombstones;      /* char*: deleted or reassigned dossiers */
  gboolean tombstones_by_remote_id;
  char *cursor;               /* to store with this page; NULL keeps none */
  gboolean more;              /* another page follows at once */
  guint n_requests;           /* HTTP requests this page took (sign-ins included) */
  gboolean anchor_seen;       /* keyset dialects: the cursor's own item was in the answer */
  guint n_items;              /* keyset dialects: items in the answer, stored before or not */
  gint64 total;               /* keyset dialects: items from the "since" time on; -1 unknown */
  gboolean unverified;        /* the walk may have missed items that moved while it read (its
                               * cursor does not advance): no reconciliation sweep after it */
} McPullPage;

McPullPage *mc_pull_page_new  (void);
void        mc_pull_page_free (McPullPage *page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPullPage, mc_pull_page_free)

/* One action to apply on the ministry side (the outbox's row). */
typedef struct
{
  const char *uuid;           /* client-generated: idempotency key, or the reference in the note */
  const char *number;         /* MaHoSo */
  const char *remote_id;      /* the dialect's own id when known (rest), else NULL */
  McAction action;
  McStatus target;            /* the status the action leads to */
  const char *base_version;   /* the server version the action was decided on */
  const char *note;
  const char *actor;
  const char *unit;
  const McDossier *create;    /* a dossier received at the counter, to create on the system
                               * (its number is provisional); NULL for an action on one */
  gboolean resend;            /* an earlier send may have been applied (its answer was lost) */
} McPushRequest;

typedef struct
{
  char *server_version;       /* after the action, when the dialect says */
  char *number;               /* a create: the number the system gave the dossier */
  gint64 server_at;           /* when the system applied it, when the answer says; 0 unknown */
  McDossier *dossier;         /* the dossier after the action, when the answer carries it */
} McPushResult;

void mc_push_result_clear (McPushResult *result);

/* One file to attach to a dossier on the ministry system (the outbox's attach action). */
typedef struct
{
  const char *uuid;           /* client-generated: idempotency key, or the reference in the note */
  const char *number;         /* MaHoSo */
  const char *remote_id;      /* the dialect's own id of the dossier when known (rest), else NULL */
  const char *base_version;   /* the dossier's version as last seen (rest etag, feed _rev) */
  const char *actor;
  const char *name;
  const char *content_type;
  McFileKind kind;
  const char *component;      /* the document of the dossier's list the file belongs to */
  GBytes *content;
} McUploadRequest;

typedef struct
{
  char *remote_id;            /* the system's id of the file, when it gives one */
  char *remote_path;          /* where it serves the file, when the answer says */
  char *server_version;       /* the dossier's version after the upload, when known */
  char *version_before;       /* the version the dossier had just before it, when known */
} McUploadResult;

void mc_upload_result_clear (McUploadResult *result);

#define MC_TYPE_CONNECTOR (mc_connector_get_type ())
G_DECLARE_INTERFACE (McConnector, mc_connector, MC, CONNECTOR, GObject)

/* The methods block, which only the dialects fill in, is in mc-connector-private.h. */

/* @secrets: "password" (the password or client secret) and, for the rest dialect, "api-key".
 * They are copied and never logged. */
McConnector *mc_connector_new           (const McSource       *source,
                                         GHashTable           *secrets,
                                         GError              **error);
const McSource *mc_connector_get_source (McConnector          *self);
/* Where tokens and session cookies are kept across restarts (mc-secrets.h): with one, a
 * connector reuses the last session instead of signing in again, and keeps each new one. */
void         mc_connector_set_keyring   (McConnector          *self,
                                         McSecrets            *keyring);
/* The SHA-256 fingerprint of the last certificate refused (MC_SYNC_ERROR_CERTIFICATE). */
const char  *mc_connector_get_refused_certificate (McConnector *self);
void         mc_connector_set_page_size (McConnector          *self,
                                         guint                 page_size);
/* Seconds a request may wait for the server (60 unless set): an action whose request timed
 * out is in doubt, so a source's settle time must stay well above it. */
void         mc_connector_set_timeout   (McConnector          *self,
                                         guint                 seconds);
guint        mc_connector_get_retry_after (McConnector        *self);
guint64      mc_connector_get_n_requests (McConnector         *self);

gboolean     mc_connector_sign_in       (McConnector          *self,
                                         GCancellable         *cancellable,
                                         GError              **error);
McPullPage  *mc_connector_pull          (McConnector          *self,
                                         const char           *cursor,
                                         GCancellable         *cancellable,
                                         GError              **error);
McPullPage  *mc_connector_parse_page    (McConnector          *self,
                                         const char           *cursor,
                                         GBytes               *body,
                                         GError              **error);
McDossier   *mc_connector_lookup        (McConnector          *self,
                                         const char           *number,
                                         GCancellable         *cancellable,
                                         GError              **error);
gboolean     mc_connector_push          (McConnector          *self,
                                         const McPushRequest  *request,
                                         McPushResult         *result,
                                         GCancellable         *cancellable,
                                         GError              **error);

/* The push side: whether the dialect takes an idempotency key (else an action in doubt is
 * looked up before it is sent again, and the system's dossier is looked up before and after
 * an action: mc-sync-push.c); whether a look-up's MC_SYNC_ERROR_NOT_FOUND is the system's
 * word (legacy's is inferred from a lone ERROR, which may be a failure); the number a new
 * dossier gets from the client where the system does not give one (NULL where it does); a
 * second connector to the same system, for pushing several dossiers at once (a connector
 * serves one call at a time). */
gboolean     mc_connector_has_keys      (McConnector          *self);
gboolean     mc_connector_knows_missing (McConnector          *self);
char        *mc_connector_client_number (McConnector          *self,
                                         const McPushRequest  *request);
McConnector *mc_connector_dup           (McConnector          *self);

/* Where the dialect has no key, an action carries "[ref:KEY]" in its note, KEY being the
 * action's uuid or "uuid.N" when the official sent it again. Returns: how many steps of
 * @dossier's history carry the reference of the action @uuid (any of its keys), with the index
 * of the first in *@out_first (-1 when none). */
guint        mc_connector_count_action  (const McDossier      *dossier,
                                         const char           *uuid,
                                         int                  *out_first);
/* Whether step @index of @dossier's history carries the reference of one of @uuids (the actions
 * of this client on the dossier): else it is another official's. */
gboolean     mc_connector_step_is_own   (const McDossier      *dossier,
                                         guint                 index,
                                         const char * const   *uuids);
/* The dialects without a version stand for one with what the dossier shows: "N-HASH", N the
 * steps of its history. Returns: N of such a version, -1 for another kind. */
int          mc_connector_version_steps (const char           *version);

/* Files (mc-connector-files.c). An upload whose answer was lost, on a dialect without a key,
 * is settled by the dossier's list of files: the same name and size (and hash, where the
 * dialect lists one). */
gboolean     mc_connector_upload        (McConnector          *self,
                                         const McUploadRequest *request,
                                         McUploadResult       *result,
                                         GCancellable         *cancellable,
                                         GError              **error);
/* The content of a file the system lists (@file->remote_path), checked against the size and
 * hash the list gave. */
GBytes      *mc_connector_download      (McConnector          *self,
                                         const McFile         *file,
                                         GCancellable         *cancellable,
                                         GError              **error);
const McFile *mc_connector_find_upload  (const McDossier      *dossier,
                                         const char           *name,
                                         gint64                size,
                                         const char           *sha256);
guint        mc_connector_count_uploads (const McDossier      *dossier,
                                         const char           *name,
                                         gint64                size,
                                         const char           *sha256);

G_END_DECLS
