/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-store.h"

G_BEGIN_DECLS

/* The exercises of a training session, each checked from the training profile's store and
 * audit log. */
typedef enum
{
  MC_EXERCISE_RECEIVE,           /* at the counter, with its receipt printed */
  MC_EXERCISE_SUPPLEMENT,        /* ask for a supplement */
  MC_EXERCISE_FORWARD_RESOLVE,   /* forward a dossier, then resolve it */
  MC_EXERCISE_RETURN,            /* return a result */
  MC_EXERCISE_OUTAGE,            /* act while a ministry is cut off; sent once it is back */
  MC_EXERCISE_CONFLICT,          /* settle a conflict with another official's change */
  MC_EXERCISE_RESCHEDULE,        /* a new date, with the letter of apology printed */
  MC_EXERCISE_SEARCH,            /* find a citizen's dossier typed without diacritics */
  MC_EXERCISE_N,
} McExercise;

#define MC_TYPE_TRAINING_EXERCISES (mc_training_exercises_get_type ())
G_DECLARE_FINAL_TYPE (McTrainingExercises, mc_training_exercises, MC, TRAINING_EXERCISES, GObject)

McTrainingExercises *mc_training_exercises_new            (const char          *profile_dir);
const char          *mc_training_exercises_get_title      (McTrainingExercises *self,
                                                           McExercise           exercise);
const char          *mc_training_exercises_get_goal       (McTrainingExercises *self,
                                                           McExercise           exercise);
GStrv                mc_training_exercises_get_steps      (McTrainingExercises *self,
                                                           McExercise           exercise);
gboolean             mc_training_exercises_is_done        (McTrainingExercises *self,
                                                           McExercise           exercise);
guint                mc_training_exercises_count_done     (McTrainingExercises *self);
gboolean             mc_training_exercises_refresh        (McTrainingExercises *self,
                                                           McStore             *store,
                                                           GError             **error);
void                 mc_training_exercises_note_printed   (McTrainingExercises *self,
                                                           const char          *form_id,
                                                           const char          *number);
void                 mc_training_exercises_note_connection (McTrainingExercises *self,
                                                           const char          *source_id,
                                                           gboolean             connected);
void                 mc_training_exercises_reset          (McTrainingExercises *self);

G_END_DECLS
