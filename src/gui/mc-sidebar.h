/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-queue-counter.h"

G_BEGIN_DECLS

#define MC_TYPE_SIDEBAR (mc_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (McSidebar, mc_sidebar, MC, SIDEBAR, GtkWidget)

GtkWidget   *mc_sidebar_new                 (void);
McQueueView  mc_sidebar_get_view            (McSidebar      *self);
void         mc_sidebar_set_view            (McSidebar      *self,
                                             McQueueView     view);
const char  *mc_sidebar_get_ministry        (McSidebar      *self);
void         mc_sidebar_set_ministry        (McSidebar      *self,
                                             const char     *ministry);
void         mc_sidebar_update_counts       (McSidebar      *self,
                                             McQueueCounter *counter);
const char  *mc_sidebar_get_view_count_text (McSidebar      *self,
                                             McQueueView     view);
const char  *mc_sidebar_get_ministry_count_text (McSidebar  *self,
                                             int             index);

G_END_DECLS
