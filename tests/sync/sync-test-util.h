/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-connector.h"
#include "mc-sim.h"
#include "mc-store.h"
#include "mc-store-outbox.h"
#include "mc-store-sync.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define SYNC_TEST_ACTOR "Hoàng Thị Hoa"

/* A simulator on loopback and a fresh profile whose sources point at it. */
typedef struct
{
  McSim *sim;
  char *dir;
  char *db_path;
  McStore *store;
} SyncFixture;

void         sync_fixture_setup     (SyncFixture   *f,
                                     guint          n_dossiers,
                                     guint          dialect_mask);
void         sync_fixture_teardown  (SyncFixture   *f);
McSource    *sync_fixture_source    (SyncFixture   *f,
                                     McSimDialect   dialect);
GHashTable  *sync_test_secrets      (const char    *password);
McConnector *sync_fixture_connector (SyncFixture   *f,
                                     McSimDialect   dialect,
                                     const char    *password);
void         sync_fixture_control   (SyncFixture   *f,
                                     const char    *command,
                                     const char    *format,
                                     ...) G_GNUC_PRINTF (3, 4);
gboolean     sync_pull_all          (SyncFixture   *f,
                                     McConnector   *connector,
                                     guint         *out_pages,
                                     GError       **error);
McSyncEngine *sync_fixture_engine   (SyncFixture   *f,
                                     guint          dialect_mask);
gboolean     sync_engine_run        (McSyncEngine  *engine,
                                     const char    *source_id,
                                     gboolean       full,
                                     GError       **error);
void         sync_assert_matches    (SyncFixture   *f,
                                     McSimDialect   dialect);
gint64       sync_count             (SyncFixture   *f,
                                     const char    *source_id);
McDossier   *sync_stored            (SyncFixture   *f,
                                     const char    *source_id,
                                     const char    *number);
int          sync_child_main        (int            argc,
                                     char         **argv);
GSubprocess *sync_spawn_child       (SyncFixture   *f,
                                     guint          dialect_mask,
                                     guint          timeout);
gint64       sync_sim_state         (SyncFixture   *f,
                                     const char    *member);
gboolean     sync_sim_no_late_write (gpointer       f);
int          sync_test_init         (int           *argc,
                                     char        ***argv);
void         sync_wait_until        (gboolean     (*done) (gpointer data),
                                     gpointer       data,
                                     guint          seconds,
                                     const char    *what);
void         sync_intake            (SyncFixture   *f,
                                     McSimDialect   dialect);
gboolean     sync_random_action     (SyncFixture   *f,
                                     McSimDialect   dialect);
void         sync_assert_consistent (SyncFixture   *f);
guint        sync_applied_count     (SyncFixture   *f,
                                     McSimDialect   dialect,
                                     const McOutboxEntry *e,
                                     const char    *number);

G_END_DECLS
