/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mc-change-set.h"
#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_STORE_CHANGES (mc_store_changes_get_type ())
G_DECLARE_FINAL_TYPE (McStoreChanges, mc_store_changes, MC, STORE_CHANGES, GObject)

McStoreChanges *mc_store_changes_get            (const char      *db_path);
McStoreChanges *mc_store_get_changes            (McStore         *store);
void            mc_store_changes_watch_others   (McStoreChanges  *self);
void            mc_store_changes_unwatch_others (McStoreChanges  *self);

G_END_DECLS
