/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_DUE_NOTIFIER (mc_due_notifier_get_type ())
G_DECLARE_FINAL_TYPE (McDueNotifier, mc_due_notifier, MC, DUE_NOTIFIER, GObject)

McDueNotifier *mc_due_notifier_new            (McStore       *store);
void           mc_due_notifier_start          (McDueNotifier *self,
                                               GApplication  *application);
void           mc_due_notifier_check          (McDueNotifier *self);
gboolean       mc_due_notifier_is_busy        (McDueNotifier *self);
gboolean       mc_due_notifier_get_training   (McDueNotifier *self);
void           mc_due_notifier_set_training   (McDueNotifier *self,
                                               gboolean       training);
guint          mc_due_notifier_get_n_sent     (McDueNotifier *self);
GNotification *mc_due_notifier_get_last       (McDueNotifier *self,
                                               gint64        *out_due_today,
                                               gint64        *out_overdue);
char          *mc_due_notifier_dup_last_day   (McDueNotifier *self);

G_END_DECLS
