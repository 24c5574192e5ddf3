/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MC_TYPE_TRAINING_INTRO (mc_training_intro_get_type ())
G_DECLARE_FINAL_TYPE (McTrainingIntro, mc_training_intro, MC, TRAINING_INTRO, AdwWindow)

McTrainingIntro *mc_training_intro_new (GtkWindow  *parent,
                                        const char *commune);

G_END_DECLS
