/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-queue-model.h"

G_BEGIN_DECLS

#define MC_TYPE_QUEUE_LIST (mc_queue_list_get_type ())
G_DECLARE_FINAL_TYPE (McQueueList, mc_queue_list, MC, QUEUE_LIST, GtkWidget)

GtkWidget           *mc_queue_list_new             (void);
void                 mc_queue_list_set_model       (McQueueList  *self,
                                                    McQueueModel *model);
GtkSingleSelection  *mc_queue_list_get_selection   (McQueueList  *self);
GtkColumnView       *mc_queue_list_get_column_view (McQueueList  *self);
GtkAdjustment       *mc_queue_list_get_vadjustment (McQueueList  *self);
GtkColumnViewColumn *mc_queue_list_get_sort_column (McQueueList  *self,
                                                    McQueueSort   sort);
void                 mc_queue_list_select          (McQueueList  *self,
                                                    guint         position);
void                 mc_queue_list_sources_changed (McQueueList  *self);
const char          *mc_queue_list_get_cell_column (GtkWidget    *cell);
GtkColumnViewColumn *mc_queue_list_get_column      (McQueueList  *self,
                                                    const char   *id);

G_END_DECLS
