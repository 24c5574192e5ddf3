/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store-sync.h"

G_BEGIN_DECLS

typedef struct _McSyncWriter McSyncWriter;

McSyncWriter *mc_sync_writer_new       (const char              *db_path,
                                        GMutex                  *write_lock,
                                        GError                 **error);
gboolean      mc_sync_writer_apply     (McSyncWriter            *self,
                                        const char              *source_id,
                                        const McStoreSyncPage   *page,
                                        const char              *new_cursor,
                                        GHashTable              *seen,
                                        McStoreSyncStats        *stats,
                                        GError                 **error);
McStore      *mc_sync_writer_get_store (McSyncWriter            *self);
void          mc_sync_writer_free      (McSyncWriter            *self);

G_END_DECLS
