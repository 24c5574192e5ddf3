/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-store-changes.h"
#include "mc-store-queue.h"

G_BEGIN_DECLS

/* What mc_queue_model_find () answers for a dossier not shown: the same value as GTK's
 * GTK_INVALID_LIST_POSITION, which this layer cannot name. */
#define MC_QUEUE_MODEL_NOT_FOUND G_MAXUINT

#define MC_TYPE_QUEUE_MODEL (mc_queue_model_get_type ())
G_DECLARE_FINAL_TYPE (McQueueModel, mc_queue_model, MC, QUEUE_MODEL, GObject)

McQueueModel *mc_queue_model_new            (McStore       *store,
                                             McStore       *order_store);
void          mc_queue_model_count_ahead    (McQueueModel  *self,
                                             McStore       *store,
                                             McQueueView    view);
void          mc_queue_model_prepare        (McQueueModel  *self);
gboolean      mc_queue_model_is_prepared    (McQueueModel  *self);
gboolean      mc_queue_model_invalidate     (McQueueModel  *self,
                                             GError       **error);
gboolean      mc_queue_model_refresh        (McQueueModel  *self,
                                             GError       **error);
gboolean      mc_queue_model_apply_changes  (McQueueModel  *self,
                                             const McChangeSet *set,
                                             GError       **error);
McStore      *mc_queue_model_get_store      (McQueueModel  *self);
McQueueView   mc_queue_model_get_view       (McQueueModel  *self);
gboolean      mc_queue_model_set_view       (McQueueModel  *self,
                                             McQueueView    view,
                                             GError       **error);
const char   *mc_queue_model_get_ministry   (McQueueModel  *self);
gboolean      mc_queue_model_set_ministry   (McQueueModel  *self,
                                             const char    *ministry,
                                             GError       **error);
void          mc_queue_model_get_sort       (McQueueModel  *self,
                                             McQueueSort   *out_sort,
                                             gboolean      *out_descending);
gboolean      mc_queue_model_set_sort       (McQueueModel  *self,
                                             McQueueSort    sort,
                                             gboolean       descending,
                                             GError       **error);
const char   *mc_queue_model_get_search     (McQueueModel  *self);
gboolean      mc_queue_model_set_search     (McQueueModel  *self,
                                             const char    *text,
                                             GError       **error);
gboolean      mc_queue_model_reload         (McQueueModel  *self,
                                             GError       **error);
guint         mc_queue_model_get_view_count (McQueueModel  *self);
gint64        mc_queue_model_get_id         (McQueueModel  *self,
                                             guint          position);
guint         mc_queue_model_find           (McQueueModel  *self,
                                             gint64         id);

G_END_DECLS
