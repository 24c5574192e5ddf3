/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-sim.h"
#include "mc-status.h"
#include "mc-store.h"
#include "mc-store-changes.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

/* Shared by the model suite: waits on the main loop bounded by a condition, what the change
 * stream announced, and dossiers to act on. */

typedef gboolean (*ModelTestCondition) (gpointer data);

char    *model_test_make_profile   (guint        n_dossiers);
void     model_test_remove_profile (const char  *dir);

gboolean model_test_wait     (ModelTestCondition condition,
                              gpointer           data,
                              guint              timeout_ms);
void     model_test_drain    (void);

typedef struct
{
  McStoreChanges *changes;
  GPtrArray *sets;          /* McChangeSet, in the order announced */
  GThread *thread;          /* where "changed" was last emitted */
} ChangeLog;

void     change_log_start    (ChangeLog      *log,
                              McStore        *store);
void     change_log_clear    (ChangeLog      *log);
void     change_log_stop     (ChangeLog      *log);
GArray  *change_log_dossiers (ChangeLog      *log);
gboolean change_log_outbox   (ChangeLog      *log,
                              const char     *source_id);
gboolean change_log_dossier_outbox (ChangeLog *log,
                              gint64          dossier_id);
gboolean change_log_new_work (ChangeLog      *log,
                              const char     *source_id);
McChangeFlags change_log_flags (ChangeLog    *log);
gboolean change_log_external (ChangeLog      *log);

gint64   model_test_pick     (McStore        *store,
                              const char     *source_id,
                              McAction       *out_action,
                              char          **out_number);
void     model_test_act      (McStore        *store,
                              gint64          dossier_id,
                              McAction        action);

McSyncEngine *model_test_setup_engine (McStore     *store,
                                       McSim       *sim);
void     model_test_motcuactl_act      (const char     *profile_dir,
                                        const char     *number,
                                        McAction        action);

gboolean model_test_serve_notifications (void);
guint    model_test_n_notifications    (void);
void     model_test_assert_notified    (guint           n,
                                        gint64          due_today,
                                        gint64          overdue);

G_END_DECLS
