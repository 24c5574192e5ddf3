/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The size of the second line's text, against the first's. */
#define MC_QUEUE_CELL_SECONDARY_SCALE 0.9

#define MC_TYPE_QUEUE_CELL (mc_queue_cell_get_type ())
G_DECLARE_FINAL_TYPE (McQueueCell, mc_queue_cell, MC, QUEUE_CELL, GtkWidget)

GtkWidget  *mc_queue_cell_new      (void);
int         mc_queue_cell_height_for (GtkWidget *widget);
const char *mc_queue_cell_get_text (McQueueCell *self);
void        mc_queue_cell_set_text (McQueueCell *self,
                                    const char  *text);
const char *mc_queue_cell_get_secondary (McQueueCell *self);
void        mc_queue_cell_set_lines (McQueueCell *self,
                                     const char  *text,
                                     const char  *secondary);
void        mc_queue_cell_set_style (McQueueCell *self,
                                     const char  *css_class);
gboolean    mc_queue_cell_is_ellipsized (McQueueCell *self);
gboolean    mc_queue_cell_is_line_ellipsized (McQueueCell *self,
                                              guint        line);

G_END_DECLS
