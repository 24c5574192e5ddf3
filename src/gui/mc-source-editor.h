/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_SOURCE_EDITOR (mc_source_editor_get_type ())
G_DECLARE_FINAL_TYPE (McSourceEditor, mc_source_editor, MC, SOURCE_EDITOR, AdwMessageDialog)

McSourceEditor *mc_source_editor_new          (GtkWindow      *parent,
                                               GPtrArray      *existing,
                                               const McSource *source);
gboolean        mc_source_editor_is_new       (McSourceEditor *self);
McSource       *mc_source_editor_dup_source   (McSourceEditor *self);
char           *mc_source_editor_dup_password (McSourceEditor *self);
char           *mc_source_editor_dup_api_key  (McSourceEditor *self);
GtkWidget      *mc_source_editor_get_row      (McSourceEditor *self,
                                               const char     *field);

G_END_DECLS
