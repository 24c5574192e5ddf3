/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-official.h"
#include "mc-store-settings.h"
#include "mc-training-welcome.h"
#include "mc-window.h"

/* The first start with no ministry system configured: practise in training mode, or connect
 * to the real systems. Connecting first asks for the office the forms name (the People's
 * Committee, the one-stop unit, the place before the date) when the profile has none, then
 * opens the Preferences at the ministry systems (app.connect), which say how to add one.
 * Training has its sample commune's office and stays in the main menu. Either choice closes
 * this window. */

struct _McTrainingWelcome
{
  AdwWindow parent_instance;

  GtkStack *stack;
  GtkButton *training_button;
  AdwEntryRow *parent_row;
  AdwEntryRow *unit_row;
  AdwEntryRow *place_row;

  McStore *store;
};

G_DEFINE_FINAL_TYPE (McTrainingWelcome, mc_training_welcome, ADW_TYPE_WINDOW)

/* The office fields the first start asks for, each with its row. */
static const struct
{
  const char *key;
  gsize offset;
} office_fields[] = {
  { "office.parent", G_STRUCT_OFFSET (McTrainingWelcome, parent_row) },
  { "office.unit", G_STRUCT_OFFSET (McTrainingWelcome, unit_row) },
  { "office.place", G_STRUCT_OFFSET (McTrainingWelcome, place_row) },
};

static GtkEditable *
office_row (McTrainingWelcome *self,
            guint              i)
{
  return G_STRUCT_MEMBER (GtkEditable *, self, office_fields[i].offset);
}

static gboolean
office_filled (McTrainingWelcome *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (office_fields); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (office_row (self, i))));

      if (*text == '\0')
        return FALSE;
    }
  return TRUE;
}

static void
on_office_changed (McTrainingWelcome *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "welcome.save-office", office_filled (self));
}

static void
on_choice (McTrainingWelcome *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
connect_now (McTrainingWelcome *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "app.connect", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

/* To the ministry systems, by the office's settings when the profile has none yet: the fields
 * show what is set, the unit its default for a commune. */
static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  McTrainingWelcome *self = MC_TRAINING_WELCOME (widget);

  for (guint i = 0; self->store != NULL && i < G_N_ELEMENTS (office_fields); i++)
    {
      g_autofree char *value = mc_store_get_setting (self->store, office_fields[i].key, NULL);

      gtk_editable_set_text (office_row (self, i), value ? value : "");
    }
  if (self->store == NULL || office_filled (self))
    {
      connect_now (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->stack, "office");
  gtk_widget_grab_focus (GTK_WIDGET (self->parent_row));
}

static void
save_office_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McTrainingWelcome *self = MC_TRAINING_WELCOME (widget);
  g_autofree char *actor = mc_official_name (self->store);
  g_autoptr(GError) error = NULL;

  if (!office_filled (self))
    return;
  for (guint i = 0; i < G_N_ELEMENTS (office_fields); i++)
    {
      g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (office_row (self, i))));

      if (!mc_store_set_setting (self->store, office_fields[i].key, text, actor, &error))
        {
          g_warning ("first start: %s", error->message);
          return;
        }
    }
  connect_now (self);
}

static void
mc_training_welcome_dispose (GObject *object)
{
  McTrainingWelcome *self = MC_TRAINING_WELCOME (object);

  gtk_widget_dispose_template (GTK_WIDGET (object), MC_TYPE_TRAINING_WELCOME);
  g_clear_object (&self->store);
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
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, stack);
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, training_button);
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, parent_row);
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, unit_row);
  gtk_widget_class_bind_template_child (widget_class, McTrainingWelcome, place_row);
  gtk_widget_class_install_action (widget_class, "welcome.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "welcome.save-office", NULL, save_office_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mc_training_welcome_init (McTrainingWelcome *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
  /* The action runs first (the button's own "clicked" handler), then the window goes. */
  g_signal_connect_object (self->training_button, "clicked", G_CALLBACK (on_choice), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  for (guint i = 0; i < G_N_ELEMENTS (office_fields); i++)
    g_signal_connect_object (office_row (self, i), "changed", G_CALLBACK (on_office_changed), self,
                             G_CONNECT_SWAPPED);
  on_office_changed (self);
}

McTrainingWelcome *
mc_training_welcome_new (GtkWindow *parent)
{
  McTrainingWelcome *self = g_object_new (MC_TYPE_TRAINING_WELCOME, "transient-for", parent,
                                          "application", parent ? gtk_window_get_application (parent) : NULL,
                                          NULL);

  if (MC_IS_WINDOW (parent))
    self->store = g_object_ref (mc_window_get_store (MC_WINDOW (parent)));
  return self;
}
