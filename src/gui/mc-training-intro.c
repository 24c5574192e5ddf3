/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-training-intro.h"
#include "mc-window.h"

/* The first start in training: what training is (a sample commune's work), that nothing
 * reaches a real ministry system, where the trainer's panel is and where the exercises are.
 * "Show the Exercises" opens the exercises beside the queue; either button closes it. */

struct _McTrainingIntro
{
  AdwWindow parent_instance;

  AdwActionRow *commune_row;
};

G_DEFINE_FINAL_TYPE (McTrainingIntro, mc_training_intro, ADW_TYPE_WINDOW)

static void
exercises_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (widget));

  if (MC_IS_WINDOW (parent))
    mc_window_show_side_panel (MC_WINDOW (parent), TRUE);
  gtk_window_close (GTK_WINDOW (widget));
}

static void
mc_training_intro_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MC_TYPE_TRAINING_INTRO);
  G_OBJECT_CLASS (mc_training_intro_parent_class)->dispose (object);
}

static void
mc_training_intro_class_init (McTrainingIntroClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_training_intro_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-training-intro.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McTrainingIntro, commune_row);
  gtk_widget_class_install_action (widget_class, "intro.exercises", NULL, exercises_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_training_intro_init (McTrainingIntro *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
}

/* The introduction over @parent, the training window of the sample commune @commune ("xã
 * Định Quán, tỉnh Đồng Nai"; NULL when the profile does not say). */
McTrainingIntro *
mc_training_intro_new (GtkWindow  *parent,
                       const char *commune)
{
  McTrainingIntro *self = g_object_new (MC_TYPE_TRAINING_INTRO, "transient-for", parent,
                                        "application", parent ? gtk_window_get_application (parent) : NULL,
                                        NULL);

  if (commune != NULL)
    {
      /* TRANSLATORS: %s is the sample commune and its province: "xã Định Quán, tỉnh Đồng Nai" */
      g_autofree char *text = g_strdup_printf (_("The work of %s: its dossiers, citizens and office are made up, "
                                                 "and look like a real commune's. Work as you would at the counter."),
                                               commune);

      adw_action_row_set_subtitle (self->commune_row, text);
    }
  return self;
}
