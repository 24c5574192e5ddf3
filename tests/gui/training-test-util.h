/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-application.h"
#include "mc-sim.h"

G_BEGIN_DECLS

void        training_test_quiet_notifications (void);
McWindow   *training_test_open_synced         (McApplication *app);
void        training_test_close               (McApplication **app,
                                               char          *data_home);
void        training_test_screenshot          (const char *name);
GHashTable *training_test_snapshot            (McSim      *sim);
void        training_test_assert_same         (GHashTable *a,
                                               GHashTable *b);
GtkWidget  *training_test_find_child          (GtkWidget  *widget,
                                               GType       type);
GtkWidget  *training_test_find_action_button  (GtkWidget  *widget,
                                               const char *action_name);
GtkWindow  *training_test_find_window         (McApplication *app,
                                               GType       type);
GtkWindow  *training_test_find_toplevel       (GType       type);

G_END_DECLS
