/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-store.h"
#include "mc-training-exercises.h"

G_BEGIN_DECLS

#define MC_TYPE_EXERCISES_PANEL (mc_exercises_panel_get_type ())
G_DECLARE_FINAL_TYPE (McExercisesPanel, mc_exercises_panel, MC, EXERCISES_PANEL, GtkBox)

McExercisesPanel *mc_exercises_panel_new     (McTrainingExercises *exercises,
                                              McStore             *store);
void              mc_exercises_panel_refresh (McExercisesPanel    *self);

G_END_DECLS
