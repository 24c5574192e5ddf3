/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"


#include "mc-training-welcome.h"

/* The first start with no ministry system configured: practise in training mode, or connect
 * to the real systems (app.connect: the Preferences window at the ministry systems, which says
 * how to add one). Training stays in the main menu. Either choice closes this window. */

struct _McTrainingWelcome
{
  AdwWindow parent_instance;

  GtkButton *training_button;
  GtkButton *connect_button;
};

G_DEFINE_FINAL_TYPE (McTrainingWelcome, mc_training_welcome, ADW_TYPE_WINDOW)

static void
on_choice (McTrainingWelcome *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
mc_training_welcome_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), MC_TYPE_TRAINING_WELCOME);
  G_OBJECT_CLASS (mc_training_welcome_parent_class)->dispose (object);
}

static void
mc_training_welcome_class_init (McTrainingWelcomeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_training_welcome_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-training-welcome.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, training_button);
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, connect_button);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_training_welcome_init (McTrainingWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* The action runs first (the button's own "clicked" handler), then the window goes. */
  g_signal_connect_object (self->training_button, "clicked", G_CALLBACK (on_choice), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->connect_button, "clicked", G_CALLBACK (on_choice), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
}

McTrainingWelcome *
mc_training_welcome_new (GtkWindow *parent)
{
  return g_object_new (MC_TYPE_TRAINING_WELCOME, "transient-for", parent,
                       "application", parent ? gtk_window_get_application (parent) : NULL, NULL);
}
