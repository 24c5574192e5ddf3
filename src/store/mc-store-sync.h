/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

/* What storing a pulled page did. */
typedef struct
{
  guint inserted;
  guint updated;
  guint unchanged;   /* same server version as stored */
  guint held;        /* not applied: the dossier has actions still to send (see sync_held) */
  guint deleted;
} McStoreSyncStats;

/* One pulled page, in the canonical model: @dossiers (McDossier), @remote_ids (char*, NULL
 * entries allowed, parallel to @dossiers or NULL), @tombstones (char*: numbers, or remote ids
 * when @tombstones_by_remote_id). */
typedef struct
{
  GPtrArray *dossiers;
  GPtrArray *remote_ids;
  GPtrArray *tombstones;
  gboolean tombstones_by_remote_id;
  GPtrArray *search;          /* optional, parallel: mc_dossier_search_text(), computed by the
                               * caller outside the write lock; NULL computes it here */
} McStoreSyncPage;

gboolean    mc_store_sync_apply_page   (McStore               *self,
                                        const char            *source_id,
                                        const McStoreSyncPage *page,
                                        const char            *new_cursor,
                                        GHashTable            *seen,
                                        McStoreSyncStats      *stats,
                                        GError               **error);
gboolean    mc_store_sync_get_cursor   (McStore               *self,
                                        const char            *source_id,
                                        char                 **out_cursor,
                                        GError               **error);
gboolean    mc_store_sync_set_cursor   (McStore               *self,
                                        const char            *source_id,
                                        const char            *cursor,
                                        GError               **error);
gboolean    mc_store_sync_mark_success (McStore               *self,
                                        const char            *source_id,
                                        gint64                 when,
                                        GError               **error);
gint64      mc_store_sync_last_success (McStore               *self,
                                        const char            *source_id,
                                        GError               **error);
gboolean    mc_store_sync_sweep        (McStore               *self,
                                        const char            *source_id,
                                        GHashTable            *seen,
                                        McStoreSyncStats      *stats,
                                        GError               **error);
GHashTable *mc_store_sync_versions     (McStore               *self,
                                        const char            *source_id,
                                        GError               **error);
gint64      mc_store_sync_count_held   (McStore               *self,
                                        const char            *source_id,
                                        GError               **error);
void        mc_store_sync_set_bulk     (McStore               *self,
                                        gboolean               bulk);
gboolean    mc_store_sync_remove_source (McStore              *self,
                                        const char            *source_id,
                                        GError               **error);

G_END_DECLS
