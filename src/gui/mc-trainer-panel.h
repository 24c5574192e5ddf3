/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-training.h"

G_BEGIN_DECLS

#define MC_TYPE_TRAINER_PANEL (mc_trainer_panel_get_type ())
G_DECLARE_FINAL_TYPE (McTrainerPanel, mc_trainer_panel, MC, TRAINER_PANEL, AdwWindow)

McTrainerPanel *mc_trainer_panel_new (GtkApplication *application,
                                      McTraining     *training);

G_END_DECLS
