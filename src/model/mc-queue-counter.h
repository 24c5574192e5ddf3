/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mc-store-queue.h"

G_BEGIN_DECLS

#define MC_TYPE_QUEUE_COUNTER (mc_queue_counter_get_type ())
G_DECLARE_FINAL_TYPE (McQueueCounter, mc_queue_counter, MC, QUEUE_COUNTER, GObject)

McQueueCounter *mc_queue_counter_new                (McStore        *worker_store);
void            mc_queue_counter_refresh            (McQueueCounter *self,
                                                     McQueueView     view,
                                                     const char     *ministry);
gboolean        mc_queue_counter_is_busy            (McQueueCounter *self);
gint64          mc_queue_counter_get_view_count     (McQueueCounter *self,
                                                     McQueueView     view);
gint64          mc_queue_counter_get_ministry_count (McQueueCounter *self,
                                                     int             index);

G_END_DECLS
