/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-window.h"

G_BEGIN_DECLS

#define MC_TYPE_REVIEW_WINDOW (mc_review_window_get_type ())
G_DECLARE_FINAL_TYPE (McReviewWindow, mc_review_window, MC, REVIEW_WINDOW, AdwWindow)

McReviewWindow *mc_review_window_present     (McWindow       *window,
                                              const char     *page);
void            mc_review_window_refresh     (McReviewWindow *self);
guint           mc_review_window_get_n_review (McReviewWindow *self);
const char     *mc_review_window_get_watchdog (McReviewWindow *self);
char           *mc_review_watchdog_message   (McStore        *store,
                                              gint64          now,
                                              guint           minutes);
guint           mc_review_watchdog_minutes   (void);

G_END_DECLS
