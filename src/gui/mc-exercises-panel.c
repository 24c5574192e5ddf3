/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-exercises-panel.h"
#include "mc-print.h"
#include "mc-store-changes.h"

/* The training exercises beside the work queue: each with its goal and steps, and whether
 * the trainee has done it, as the training profile shows (mc-training-exercises.c). While
 * on screen the panel looks at the profile whenever the change stream announces a commit (the
 * window's actions, the sync engine's, other programs'); it notes the forms printed, since
 * printing leaves nothing in the store. */

struct _McExercisesPanel
{
  GtkBox parent_instance;

  AdwWindowTitle *title;
  AdwPreferencesGroup *list;

  McTrainingExercises *exercises;
  McStore *store;
  GPtrArray *rows;        /* the rows shown, to remove them */
  gulong changed_id;      /* on the store's change stream, while on screen */
  gulong print_hook;
};

G_DEFINE_FINAL_TYPE (McExercisesPanel, mc_exercises_panel, GTK_TYPE_BOX)

static GtkWidget *
wrapped_label (const char *text,
               const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

/* One exercise: done or not at a glance, its goal and steps when opened. */
static GtkWidget *
exercise_row (McExercisesPanel *self,
              McExercise        exercise)
{
  gboolean done = mc_training_exercises_is_done (self->exercises, exercise);
  const char *title = mc_training_exercises_get_title (self->exercises, exercise);
  const char *goal = mc_training_exercises_get_goal (self->exercises, exercise);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (done ? "emblem-ok-symbolic" : "radio-symbolic");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_auto(GStrv) steps = mc_training_exercises_get_steps (self->exercises, exercise);
  g_autofree char *name = g_strconcat (title, ", ", done ? _("Done") : _("Not yet"), NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), done ? _("Done") : _("Not yet"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, done ? _("Done") : _("Not yet"), -1);
  if (done)
    gtk_widget_add_css_class (icon, "success");
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), icon);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_box_append (GTK_BOX (box), wrapped_label (goal, NULL));
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autofree char *numbered = g_strdup_printf ("%u. %s", i + 1, steps[i]);

      gtk_box_append (GTK_BOX (box), wrapped_label (numbered, "dim-label"));
    }
  adw_expander_row_add_row (ADW_EXPANDER_ROW (row), box);
  /* libadwaita 1.2 names neither the expander row nor the row it wraps the steps in: a screen
   * reader says the exercise and whether it is done, then its goal (the steps are read in it). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (box)), GTK_ACCESSIBLE_PROPERTY_LABEL, goal, -1);
  return row;
}

static void
rebuild (McExercisesPanel *self)
{
  guint done = mc_training_exercises_count_done (self->exercises);
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->list, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  for (McExercise e = 0; e < MC_EXERCISE_N; e++)
    {
      GtkWidget *row = exercise_row (self, e);

      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (self->list, row);
    }
  /* TRANSLATORS: progress of the training exercises: "3 of 8 done" */
  subtitle = g_strdup_printf (_("%u of %u done"), done, (guint) MC_EXERCISE_N);
  adw_window_title_set_subtitle (self->title, subtitle);
}

/* Looks at the profile now (the panel also does so by itself when the profile changes). */
void
mc_exercises_panel_refresh (McExercisesPanel *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MC_IS_EXERCISES_PANEL (self));
  if (!mc_training_exercises_refresh (self->exercises, self->store, &error))
    g_warning ("Cannot check the training exercises: %s", error->message);
}

/* Every print job of a form is named "<form title> - <dossier number>" (mc_window_form()), the
 * name its saved PDF takes: the form is the one whose title begins the name. */
static gboolean
on_begin_print (GSignalInvocationHint *hint,
                guint                  n_params,
                const GValue          *params,
                gpointer               user_data)
{
  McExercisesPanel *self = user_data;
  g_autofree char *job = NULL;

  g_object_get (g_value_get_object (&params[0]), "job-name", &job, NULL);
  for (McPrintForm form = 0; job != NULL && form < MC_PRINT_N_FORMS; form++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s - ", mc_print_form_title (form));

      if (g_str_has_prefix (job, prefix) && job[strlen (prefix)] != '\0')
        {
          mc_training_exercises_note_printed (self->exercises, mc_print_form_id (form), job + strlen (prefix));
          if (self->changed_id != 0)
            mc_exercises_panel_refresh (self);
          break;
        }
    }
  return TRUE;
}

/* A column beside the queue: as narrow as its texts allow, whatever their length (a wrapped
 * label asks for its whole text on one line). */
#define NATURAL_WIDTH 360

static void
mc_exercises_panel_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  GTK_WIDGET_CLASS (mc_exercises_panel_parent_class)->measure (widget, orientation, for_size, minimum, natural,
                                                                minimum_baseline, natural_baseline);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *natural = MAX (*minimum, MIN (*natural, NATURAL_WIDTH));
}

/* The profile is looked at while the panel is on screen: a window going away (a sandbox
 * reset) stops it at once, before its store is gone. */
static void
mc_exercises_panel_map (GtkWidget *widget)
{
  McExercisesPanel *self = MC_EXERCISES_PANEL (widget);

  GTK_WIDGET_CLASS (mc_exercises_panel_parent_class)->map (widget);
  if (self->changed_id == 0)
    self->changed_id = g_signal_connect_object (mc_store_get_changes (self->store), "changed",
                                                G_CALLBACK (mc_exercises_panel_refresh), self, G_CONNECT_SWAPPED);
  mc_exercises_panel_refresh (self);
}

static void
stop_following (McExercisesPanel *self)
{
  if (self->changed_id != 0 && self->store != NULL)
    g_signal_handler_disconnect (mc_store_get_changes (self->store), self->changed_id);
  self->changed_id = 0;
}

static void
mc_exercises_panel_unmap (GtkWidget *widget)
{
  stop_following (MC_EXERCISES_PANEL (widget));
  GTK_WIDGET_CLASS (mc_exercises_panel_parent_class)->unmap (widget);
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  GtkWidget *flap = gtk_widget_get_ancestor (widget, ADW_TYPE_FLAP);

  if (flap != NULL)
    adw_flap_set_reveal_flap (ADW_FLAP (flap), FALSE);
}

static void
mc_exercises_panel_dispose (GObject *object)
{
  McExercisesPanel *self = MC_EXERCISES_PANEL (object);

  stop_following (self);
  if (self->print_hook != 0)
    g_signal_remove_emission_hook (g_signal_lookup ("begin-print", GTK_TYPE_PRINT_OPERATION), self->print_hook);
  self->print_hook = 0;
  if (self->exercises != NULL)
    g_signal_handlers_disconnect_by_data (self->exercises, self);
  g_clear_object (&self->exercises);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_EXERCISES_PANEL);
  G_OBJECT_CLASS (mc_exercises_panel_parent_class)->dispose (object);
}

static void
mc_exercises_panel_finalize (GObject *object)
{
  g_clear_pointer (&MC_EXERCISES_PANEL (object)->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (mc_exercises_panel_parent_class)->finalize (object);
}

static void
mc_exercises_panel_class_init (McExercisesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_exercises_panel_dispose;
  object_class->finalize = mc_exercises_panel_finalize;
  widget_class->measure = mc_exercises_panel_measure;
  widget_class->map = mc_exercises_panel_map;
  widget_class->unmap = mc_exercises_panel_unmap;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-exercises-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, McExercisesPanel, title);
  gtk_widget_class_bind_template_child (widget_class, McExercisesPanel, list);
  gtk_widget_class_install_action (widget_class, "exercises.close", NULL, close_action);
}

static void
mc_exercises_panel_init (McExercisesPanel *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* The panel of @exercises, checked against @store (the window's connection to the training
 * profile). */
McExercisesPanel *
mc_exercises_panel_new (McTrainingExercises *exercises,
                        McStore             *store)
{
  McExercisesPanel *self = g_object_new (MC_TYPE_EXERCISES_PANEL, NULL);
  g_autoptr(GTypeClass) print_class = g_type_class_ref (GTK_TYPE_PRINT_OPERATION);

  self->exercises = g_object_ref (exercises);
  self->store = g_object_ref (store);
  g_signal_connect_object (exercises, "changed", G_CALLBACK (rebuild), self, G_CONNECT_SWAPPED);
  self->print_hook = g_signal_add_emission_hook (g_signal_lookup ("begin-print", GTK_TYPE_PRINT_OPERATION), 0,
                                                 on_begin_print, self, NULL);
  rebuild (self);
  mc_exercises_panel_refresh (self);
  return self;
}
