/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store-outbox.h"

G_BEGIN_DECLS

/* What the push side of the sync engine (src/sync/mc-sync-push.c) needs from the store beyond
 * the outbox's own state changes (mc-store-outbox.h). */

/* A dossier whose copy must be read again from its system: a server change was held back
 * while it had actions to send, or an action of it was parked for the official. */
typedef struct
{
  gint64 dossier_id;
  char *number;
  gboolean deleted;          /* the system no longer lists it */
} McPushHeld;

void        mc_push_held_free            (McPushHeld          *held);

gint64      mc_store_push_generation     (McStore             *self,
                                          const McOutboxEntry *entry,
                                          GError             **error);
gboolean    mc_store_push_recover        (McStore             *self,
                                          guint               *out_n,
                                          GError             **error);
gboolean    mc_store_push_park           (McStore             *self,
                                          const McOutboxEntry *entry,
                                          McOutboxState        state,
                                          McStatus             server_status,
                                          const char          *server_version,
                                          const char          *message,
                                          GError             **error);
gboolean    mc_store_push_created        (McStore             *self,
                                          const McOutboxEntry *entry,
                                          const char          *number,
                                          const char          *server_version,
                                          gint64               server_at,
                                          GError             **error);
GPtrArray  *mc_store_push_releasable     (McStore             *self,
                                          const char          *source_id,
                                          GError             **error);
gboolean    mc_store_push_forget_version (McStore             *self,
                                          gint64               dossier_id,
                                          GError             **error);
gboolean    mc_store_push_release        (McStore             *self,
                                          gint64               dossier_id,
                                          GError             **error);
char       *mc_store_push_remote_id      (McStore             *self,
                                          gint64               dossier_id);
gint64      mc_store_push_waiting        (McStore             *self,
                                          const char          *source_id,
                                          GError             **error);

G_END_DECLS
