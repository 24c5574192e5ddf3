/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-action-dialog.h"
#include "mc-dossier-view.h"
#include "mc-due-notifier.h"
#include "mc-queue-counter.h"
#include "mc-queue-list.h"
#include "mc-print-operation.h"
#include "mc-queue-model.h"
#include "mc-report-view.h"
#include "mc-review-window.h"
#include "mc-sidebar.h"
#include "mc-sign-in-prompt.h"
#include "mc-sync-banner.h"
#include "mc-sync-indicator.h"
#include "mc-sync-status.h"
#include "mc-window.h"

G_BEGIN_DECLS

/* McWindow spans two files: the window itself — its panes, what the store's changes do to
 * them — (mc-window.c) and its actions (mc-window-actions.c). The tests read it too. */

struct _McWindow
{
  AdwApplicationWindow parent_instance;

  /* The template's */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *outer_leaflet;
  AdwLeaflet *inner_leaflet;
  GtkStack *content_stack;         /* the queue, or the reports */
  McReportView *report_view;       /* made when first shown: mc_window_get_report_view() */
  GtkWidget *sidebar_pane;
  GtkWidget *list_pane;
  GtkWidget *detail_pane;
  McSidebar *sidebar;
  GtkButton *receive_button;
  GtkButton *review_button;
  AdwWindowTitle *list_title;
  GtkSearchEntry *search_entry;
  McQueueList *queue_view;
  McDossierView *dossier_view;
  McSyncIndicator *sync_indicator;
  McSyncBanner *list_banner;
  McSyncBanner *dossier_banner;
  GtkWidget *training_badge;
  AdwFlap *side_flap;
  GtkWidget *side_panel_button;

  /* One connection per thread that reads: this one for the main loop, one for the counts'
   * worker, one for the sort orders' worker. */
  McStore *store;
  McStore *counter_store;
  McStore *order_store;
  McStoreChanges *changes;

  McQueueModel *model;
  McQueueCounter *counter;
  McSyncStatus *sync_status;
  McDueNotifier *due_notifier;
  McSignInPrompt *sign_in_prompt;
  McReviewWindow *review_window;   /* made on first use, hidden when closed */
  GSettings *settings;

  guint minute_id;
  gint64 last_minute;
  gboolean started;
  gboolean watchdog_warned;        /* the outbox watchdog spoke in this episode */
};

void              mc_window_class_actions_init (GtkWidgetClass *widget_class);
void              mc_window_toast              (McWindow       *self,
                                                const char     *text);
void              mc_window_open_dossier       (McWindow       *self,
                                                gint64          id);
void              mc_window_search_activate    (McWindow       *self);
void              mc_window_show_queue         (McWindow       *self);
McReportView     *mc_window_get_report_view    (McWindow       *self);
void              mc_window_stop_search        (McWindow       *self);
void              mc_window_present_review     (McWindow       *self,
                                                const char     *page,
                                                gint64          outbox_id);
McActionDialog   *mc_window_open_action        (McWindow       *self,
                                                gint64          dossier_id,
                                                McAction        action);
McPrintOperation *mc_window_form               (McWindow       *self,
                                                gint64          dossier_id,
                                                McPrintForm     form,
                                                GError        **error);

G_END_DECLS
