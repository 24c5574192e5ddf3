/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MC_TYPE_PROCEDURE_CHOOSER (mc_procedure_chooser_get_type ())
G_DECLARE_FINAL_TYPE (McProcedureChooser, mc_procedure_chooser, MC, PROCEDURE_CHOOSER, GtkWidget)

const char *mc_procedure_chooser_get_code (McProcedureChooser *self);
void        mc_procedure_chooser_set_code (McProcedureChooser *self,
                                           const char         *code);

G_END_DECLS
