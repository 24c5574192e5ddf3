/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-sync-status.h"

G_BEGIN_DECLS

#define MC_TYPE_REVIEW_WINDOW (mc_review_window_get_type ())
G_DECLARE_FINAL_TYPE (McReviewWindow, mc_review_window, MC, REVIEW_WINDOW, AdwWindow)

McReviewWindow *mc_review_window_new           (GtkWindow      *parent,
                                                McStore        *store,
                                                McSyncStatus   *status);
void            mc_review_window_show_page     (McReviewWindow *self,
                                                const char     *page);
void            mc_review_window_show_entry    (McReviewWindow *self,
                                                gint64          outbox_id);
void            mc_review_window_refresh       (McReviewWindow *self);
guint           mc_review_window_get_n_review  (McReviewWindow *self);
const char     *mc_review_window_get_watchdog  (McReviewWindow *self);
GtkWidget      *mc_review_window_get_card      (McReviewWindow *self,
                                                gint64          outbox_id);

G_END_DECLS
