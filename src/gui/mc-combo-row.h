/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MC_TYPE_COMBO_ROW (mc_combo_row_get_type ())
G_DECLARE_FINAL_TYPE (McComboRow, mc_combo_row, MC, COMBO_ROW, AdwComboRow)

void mc_combo_row_name_drop_down (GtkDropDown *dropdown,
                                  const char  *name);

G_END_DECLS
