/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-connection-test.h"
#include "mc-source-editor.h"
#include "mc-store.h"
#include "mc-sync-engine.h"
#include "mc-training.h"

G_BEGIN_DECLS

#define MC_TYPE_SOURCE_PAGE (mc_source_page_get_type ())
G_DECLARE_FINAL_TYPE (McSourcePage, mc_source_page, MC, SOURCE_PAGE, AdwPreferencesPage)

void                      mc_source_page_set_store     (McSourcePage *self,
                                                        McStore      *store);
void                      mc_source_page_set_sync      (McSourcePage *self,
                                                        McSyncEngine *engine,
                                                        McTraining   *training);
McSourceEditor           *mc_source_page_get_editor    (McSourcePage *self);
GtkWidget                *mc_source_page_get_row       (McSourcePage *self,
                                                        const char   *source_id);
const char               *mc_source_page_get_status    (McSourcePage *self,
                                                        const char   *source_id);
const McConnectionReport *mc_source_page_get_report    (McSourcePage *self,
                                                        const char   *source_id);
gboolean                  mc_source_page_is_busy       (McSourcePage *self);

G_END_DECLS
