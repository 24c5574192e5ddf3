/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-store.h"
#include "mc-store-outbox.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

/* Where one ministry system stands for the official: its pull (from the sync engine) and what
 * of the official's work still waits for it (read from the outbox). */
typedef struct
{
  char *source_id;
  char *ministry;          /* "G18" */
  const char *name;        /* the ministry's name, "Health" (translated) */
  McSyncProgress progress; /* from the engine; message is owned by the status object */
  McSyncState settled;     /* how its last sync ended: a retry's "syncing" does not hide it */
  gboolean in_engine;      /* the engine syncs it (the source is enabled) */
  guint waiting;           /* actions to send (pending, being sent) */
  guint checking;          /* sent with no answer: being checked on the system (in doubt) */
  guint review;            /* waiting for the official (conflict, refused, …) */
} McSourceStatus;

const char *mc_source_display_name (const McSource     *source);
gboolean mc_outbox_state_needs_review (McOutboxState     state);
gboolean mc_source_status_is_synced (const McSourceStatus *status);
gboolean mc_source_status_is_cut    (const McSourceStatus *status);
char    *mc_sync_describe_outbox    (guint                 waiting,
                                     guint                 checking,
                                     guint                 review);
char    *mc_sync_describe_outbox_urgent_first (guint       waiting,
                                     guint                 checking,
                                     guint                 review);

#define MC_TYPE_SYNC_STATUS (mc_sync_status_get_type ())
G_DECLARE_FINAL_TYPE (McSyncStatus, mc_sync_status, MC, SYNC_STATUS, GObject)

McSyncStatus         *mc_sync_status_new          (McStore       *store);
McSyncEngine         *mc_sync_status_get_engine   (McSyncStatus  *self);
void                  mc_sync_status_set_engine   (McSyncStatus  *self,
                                                   McSyncEngine  *engine);
guint                 mc_sync_status_get_n_sources (McSyncStatus *self);
const McSourceStatus *mc_sync_status_get_source   (McSyncStatus  *self,
                                                   guint          index);
const McSourceStatus *mc_sync_status_lookup       (McSyncStatus  *self,
                                                   const char    *source_id);
void                  mc_sync_status_get_totals   (McSyncStatus  *self,
                                                   guint         *out_waiting,
                                                   guint         *out_checking,
                                                   guint         *out_review);
char                 *mc_sync_status_dup_summary  (McSyncStatus  *self,
                                                   const char   **out_icon_name);
char                 *mc_sync_status_dup_cut_notice (McSyncStatus *self,
                                                   const char    *ministry,
                                                   const char    *source_id);
void                  mc_sync_status_refresh      (McSyncStatus  *self);
char                 *mc_sync_status_dup_watchdog (McSyncStatus  *self,
                                                   gint64         now,
                                                   guint          minutes);
guint                 mc_outbox_watchdog_minutes  (void);

G_END_DECLS
