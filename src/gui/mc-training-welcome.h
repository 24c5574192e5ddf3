/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MC_TYPE_TRAINING_WELCOME (mc_training_welcome_get_type ())
G_DECLARE_FINAL_TYPE (McTrainingWelcome, mc_training_welcome, MC, TRAINING_WELCOME, AdwWindow)

McTrainingWelcome *mc_training_welcome_new (GtkWindow *parent);

G_END_DECLS
