/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-action-dialog.h"
#include "mc-print-operation.h"
#include "mc-window.h"

G_BEGIN_DECLS

/* The window's actions of the official's work (processing actions, counter intake, forms,
 * register, needs review and outbox), installed on McWindow's class by
 * mc_action_window_class_actions_init(). */

void              mc_action_window_class_actions_init (GtkWidgetClass *window_class);
void              mc_action_window_watch        (McWindow       *window);
void              mc_action_window_refresh      (McWindow       *window);
McActionDialog   *mc_action_window_open_action  (McWindow       *window,
                                                 gint64          dossier_id,
                                                 McAction        action);
McPrintOperation *mc_action_window_form         (McWindow       *window,
                                                 gint64          dossier_id,
                                                 McPrintForm     form,
                                                 gint64          previous_due_at,
                                                 GError        **error);
void              mc_action_window_offer_form   (McWindow       *window,
                                                 gint64          dossier_id,
                                                 McPrintForm     form,
                                                 gint64          previous_due_at);

G_END_DECLS
