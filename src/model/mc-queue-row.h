/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mc-store-queue.h"

G_BEGIN_DECLS

#define MC_TYPE_QUEUE_ROW (mc_queue_row_get_type ())
G_DECLARE_FINAL_TYPE (McQueueRow, mc_queue_row, MC, QUEUE_ROW, GObject)

McQueueRow         *mc_queue_row_new          (McQueueEntry *entry,
                                              guint         position);
guint               mc_queue_row_get_position (McQueueRow   *self);
void                mc_queue_row_set_entry    (McQueueRow   *self,
                                              McQueueEntry *entry);
gint64              mc_queue_row_get_id    (McQueueRow   *self);
const McQueueEntry *mc_queue_row_get_entry (McQueueRow   *self);

G_END_DECLS
