/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-sample.h"
#include "mc-trainer-panel.h"
#include "mc-window.h"

/* The trainer's panel, in training mode only: a window of its own (it can sit on the
 * trainer's screen beside the trainees' view) with the simulator's faults for each ministry,
 * a change by another official to the dossier selected in the work queue, and the reset of
 * the whole sandbox. Every control is an action of this class, so keyboard, tests and
 * widgets go the same way. */

typedef struct
{
  char *source_id;
  GtkSwitch *connected;
  GtkToggleButton *failing;
} MinistryControls;

struct _McTrainerPanel
{
  AdwWindow parent_instance;

  AdwToastOverlay *toast_overlay;
  AdwPreferencesGroup *ministries_group;

  McTraining *training;
  GPtrArray *controls;     /* MinistryControls* */
  gboolean updating;       /* the widgets follow the training's state: not a trainer's click */
};

G_DEFINE_FINAL_TYPE (McTrainerPanel, mc_trainer_panel, ADW_TYPE_WINDOW)

static void
controls_free (MinistryControls *c)
{
  g_free (c->source_id);
  g_free (c);
}

static void
toast (McTrainerPanel *self,
       const char     *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static void
show_error (McTrainerPanel *self,
            const GError   *error)
{
  toast (self, error->message);
}

static void
sync_widgets (McTrainerPanel *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->controls->len; i++)
    {
      MinistryControls *c = g_ptr_array_index (self->controls, i);

      gtk_switch_set_active (c->connected, mc_training_get_connected (self->training, c->source_id));
      gtk_toggle_button_set_active (c->failing, mc_training_get_failing (self->training, c->source_id));
    }
  self->updating = FALSE;
}

/* The controls @widget belongs to. */
static MinistryControls *
controls_of (McTrainerPanel *self,
             gpointer        widget)
{
  for (guint i = 0; i < self->controls->len; i++)
    {
      MinistryControls *c = g_ptr_array_index (self->controls, i);

      if ((gpointer) c->connected == widget || (gpointer) c->failing == widget)
        return c;
    }
  g_return_val_if_reached (NULL);
}

static void
on_connected_toggled (GtkSwitch      *widget,
                      GParamSpec     *pspec,
                      McTrainerPanel *self)
{
  MinistryControls *c = controls_of (self, widget);

  if (!self->updating && c != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "trainer.set-connected", "(sb)", c->source_id,
                                gtk_switch_get_active (widget));
}

static void
on_failing_toggled (GtkToggleButton *widget,
                    McTrainerPanel  *self)
{
  MinistryControls *c = controls_of (self, widget);

  if (!self->updating && c != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "trainer.set-failing", "(sb)", c->source_id,
                                gtk_toggle_button_get_active (widget));
}

static void
add_ministry (McTrainerPanel *self,
              const McSource *source)
{
  MinistryControls *c = g_new0 (MinistryControls, 1);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *expire = gtk_button_new_with_mnemonic (_("_End Session"));
  g_autofree char *subtitle = g_strdup_printf ("%s · %s", source->ministry, source->dialect);
  g_autofree char *connected_label = NULL, *failing_label = NULL, *expire_label = NULL;

  c->source_id = g_strdup (source->id);
  c->connected = GTK_SWITCH (gtk_switch_new ());
  c->failing = GTK_TOGGLE_BUTTON (gtk_toggle_button_new_with_mnemonic (_("_Errors")));
  g_ptr_array_add (self->controls, c);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), source->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  /* TRANSLATORS: %s is the name of a ministry system */
  connected_label = g_strdup_printf (_("Connection to %s"), source->name);
  /* TRANSLATORS: %s is the name of a ministry system */
  failing_label = g_strdup_printf (_("%s answers with errors"), source->name);
  /* TRANSLATORS: %s is the name of a ministry system */
  expire_label = g_strdup_printf (_("End the session with %s"), source->name);

  gtk_widget_set_valign (GTK_WIDGET (c->connected), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (c->connected), _("Connected: turn off to cut the connection"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->connected), GTK_ACCESSIBLE_PROPERTY_LABEL, connected_label, -1);
  g_signal_connect_object (c->connected, "notify::active", G_CALLBACK (on_connected_toggled), self, 0);

  gtk_widget_set_valign (GTK_WIDGET (c->failing), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (c->failing), _("Every request to this system fails with a server error"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->failing), GTK_ACCESSIBLE_PROPERTY_LABEL, failing_label, -1);
  g_signal_connect_object (c->failing, "toggled", G_CALLBACK (on_failing_toggled), self, 0);

  gtk_widget_set_valign (expire, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (expire, _("The system forgets the sign-in: the next request signs in again"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (expire), GTK_ACCESSIBLE_PROPERTY_LABEL, expire_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (expire), "trainer.expire-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (expire), "s", source->id);

  adw_action_row_add_suffix (ADW_ACTION_ROW (row), expire);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (c->failing));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (c->connected));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), GTK_WIDGET (c->connected));
  /* Named by its own label, not also by the row's title (GTK 4.8 would say both). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (c->connected), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  adw_preferences_group_add (self->ministries_group, row);
}

/* Actions */

static void
set_connected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  gboolean connected;

  g_variant_get (parameter, "(&sb)", &id, &connected);
  if (!mc_training_set_connected (self->training, id, connected, &error))
    show_error (self, error);
  sync_widgets (self);
}

static void
set_failing_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  gboolean failing;

  g_variant_get (parameter, "(&sb)", &id, &failing);
  if (!mc_training_set_failing (self->training, id, failing, &error))
    show_error (self, error);
  sync_widgets (self);
}

static void
expire_session_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (widget);
  g_autoptr(GError) error = NULL;

  if (!mc_training_expire_session (self->training, g_variant_get_string (parameter, NULL), &error))
    show_error (self, error);
  else
    toast (self, _("Session ended: the next sync signs in again"));
}

static McWindow *
main_window (McTrainerPanel *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  for (GList *l = app ? gtk_application_get_windows (app) : NULL; l != NULL; l = l->next)
    if (MC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
change_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (widget);
  McWindow *window = main_window (self);
  gint64 id = window ? mc_window_get_shown_dossier (window) : 0;
  g_autoptr(McDossier) dossier = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GArray) next = NULL;
  McStatus status = 0;

  if (id <= 0)
    {
      toast (self, _("Select a dossier in the work queue first"));
      return;
    }
  if (!(dossier = mc_store_get_dossier (mc_window_get_store (window), id, &error)))
    {
      show_error (self, error);
      return;
    }
  if ((next = mc_transition_actions_from (dossier->status)) == NULL || next->len == 0)
    {
      toast (self, _("This dossier is finished: nobody can move it on"));
      return;
    }
  if (!mc_training_change_dossier (self->training, dossier->source_id, dossier->number, &status, &error))
    {
      show_error (self, error);
      return;
    }
  /* TRANSLATORS: "Another official moved 000.00.15.H38-261124-0001 to “Processing”" */
  text = g_strdup_printf (_("Another official moved %s to “%s”"), dossier->number, mc_status_label (status));
  toast (self, text);
}

static void
on_reset_response (AdwMessageDialog *dialog,
                   const char       *response,
                   McTrainerPanel   *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (g_str_equal (response, "reset") && app != NULL)
    g_action_group_activate_action (G_ACTION_GROUP (app), "training-reset", NULL);
}

/* Resetting throws away everything the trainees did: asked first. */
static void
reset_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reset the Sandbox?"),
                                              _("The ministry systems and the training profile go back to their "
                                                "starting state. Everything done in this session is lost."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "reset", _("_Reset"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject */

static void
mc_trainer_panel_dispose (GObject *object)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (object);

  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->training);
  gtk_widget_dispose_template (GTK_WIDGET (self), MC_TYPE_TRAINER_PANEL);
  G_OBJECT_CLASS (mc_trainer_panel_parent_class)->dispose (object);
}

static void
mc_trainer_panel_finalize (GObject *object)
{
  g_clear_pointer (&MC_TRAINER_PANEL (object)->controls, g_ptr_array_unref);
  G_OBJECT_CLASS (mc_trainer_panel_parent_class)->finalize (object);
}

static void
mc_trainer_panel_class_init (McTrainerPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_trainer_panel_dispose;
  object_class->finalize = mc_trainer_panel_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-trainer-panel.ui");
  /* A screen reader announces it as a dialog over the main window. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DIALOG);
  gtk_widget_class_bind_template_child (widget_class, McTrainerPanel, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, McTrainerPanel, ministries_group);

  gtk_widget_class_install_action (widget_class, "trainer.set-connected", "(sb)", set_connected_action);
  gtk_widget_class_install_action (widget_class, "trainer.set-failing", "(sb)", set_failing_action);
  gtk_widget_class_install_action (widget_class, "trainer.expire-session", "s", expire_session_action);
  gtk_widget_class_install_action (widget_class, "trainer.change-selected", NULL, change_selected_action);
  gtk_widget_class_install_action (widget_class, "trainer.reset", NULL, reset_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
mc_trainer_panel_init (McTrainerPanel *self)
{
  self->controls = g_ptr_array_new_with_free_func ((GDestroyNotify) controls_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

McTrainerPanel *
mc_trainer_panel_new (GtkApplication *application,
                      McTraining     *training)
{
  McTrainerPanel *self = g_object_new (MC_TYPE_TRAINER_PANEL, "application", application, NULL);
  g_autoptr(GPtrArray) sources = mc_sample_sources ();

  self->training = g_object_ref (training);
  for (guint i = 0; i < sources->len; i++)
    add_ministry (self, g_ptr_array_index (sources, i));
  sync_widgets (self);
  g_signal_connect_object (training, "changed", G_CALLBACK (sync_widgets), self, G_CONNECT_SWAPPED);
  return self;
}
