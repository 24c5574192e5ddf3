/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-catalog.h"
#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_DUE_GROUP (mc_due_group_get_type ())
G_DECLARE_FINAL_TYPE (McDueGroup, mc_due_group, MC, DUE_GROUP, AdwPreferencesGroup)

void      mc_due_group_set      (McDueGroup        *self,
                                 McStore           *store,
                                 gint64             computed,
                                 const McProcedure *procedure);
void      mc_due_group_set_due  (McDueGroup        *self,
                                 const char        *text,
                                 gboolean           checked);
gboolean  mc_due_group_get_ready (McDueGroup       *self);
gboolean  mc_due_group_get      (McDueGroup        *self,
                                 gint64            *out_due,
                                 gboolean          *out_checked);

G_END_DECLS
