/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-sample.h"
#include "mc-sim.h"
#include "mc-sync-engine.h"
#include "mc-training-exercises.h"

G_BEGIN_DECLS

/* Dossiers the training simulator serves at the start, over the five ministries. */
#define MC_TRAINING_DOSSIERS MC_SAMPLE_DEFAULT_DOSSIERS

#define MC_TYPE_TRAINING (mc_training_get_type ())
G_DECLARE_FINAL_TYPE (McTraining, mc_training, MC, TRAINING, GObject)

McTraining *mc_training_new               (const char    *profile_dir);
const char *mc_training_get_profile_dir   (McTraining    *self);
McSim      *mc_training_get_sim           (McTraining    *self);
gboolean    mc_training_start             (McTraining    *self,
                                           GError       **error);
void        mc_training_set_engine        (McTraining    *self,
                                           McSyncEngine  *engine);

gboolean    mc_training_get_connected     (McTraining    *self,
                                           const char    *source_id);
gboolean    mc_training_set_connected     (McTraining    *self,
                                           const char    *source_id,
                                           gboolean       connected,
                                           GError       **error);
guint       mc_training_get_failing       (McTraining    *self,
                                           const char    *source_id);
gboolean    mc_training_set_failing       (McTraining    *self,
                                           const char    *source_id,
                                           guint          one_in,
                                           GError       **error);
gboolean    mc_training_expire_session    (McTraining    *self,
                                           const char    *source_id,
                                           GError       **error);
gboolean    mc_training_change_dossier    (McTraining    *self,
                                           const char    *source_id,
                                           const char    *number,
                                           McStatus      *out_status,
                                           GError       **error);
gboolean    mc_training_reset_sandbox     (McTraining    *self,
                                           GError       **error);
McTrainingExercises *mc_training_get_exercises (McTraining *self);
gboolean    mc_training_take_first_start  (McTraining    *self);

G_END_DECLS
