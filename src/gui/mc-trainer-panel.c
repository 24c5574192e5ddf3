/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-alert.h"
#include "mc-sample.h"
#include "mc-trainer-panel.h"
#include "mc-window.h"

/* The trainer's panel, in training mode only: a window of its own (it can sit on the
 * trainer's screen beside the trainees' view) with the simulator's faults for each ministry,
 * each control labelled with what it does (cut the connection, answer 1 request in N with an
 * error, end the sign-in session), a change by another official to the dossier selected in
 * the work queue, and the reset of the whole sandbox. Every control is an action of this
 * class, so keyboard, tests and widgets go the same way. */

#define DEFAULT_ONE_IN 3

typedef struct
{
  char *source_id;
  AdwExpanderRow *row;
  GtkSwitch *cut;
  GtkSpinButton *one_in;
  GtkSwitch *failing;
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
  adw_toast_overlay_add_toast (self->toast_overlay, mc_toast_new (text));
}

static void
show_error (McTrainerPanel *self,
            const GError   *error)
{
  toast (self, error->message);
}

/* The ministry's row says its state when folded: connected, cut, or failing now and then. */
static char *
state_text (McTrainerPanel   *self,
            MinistryControls *c)
{
  guint one_in = mc_training_get_failing (self->training, c->source_id);

  if (!mc_training_get_connected (self->training, c->source_id))
    return g_strdup (_("Connection cut"));
  if (one_in == 1)
    return g_strdup (_("Connected; every request fails"));
  if (one_in > 1)
    /* TRANSLATORS: the state of a ministry system in the trainer panel: "1 request in 3 fails" */
    return g_strdup_printf (_("Connected; 1 request in %u fails"), one_in);
  return g_strdup (_("Connected"));
}

static void
sync_widgets (McTrainerPanel *self)
{
  self->updating = TRUE;
  for (guint i = 0; i < self->controls->len; i++)
    {
      MinistryControls *c = g_ptr_array_index (self->controls, i);
      guint one_in = mc_training_get_failing (self->training, c->source_id);
      g_autofree char *state = state_text (self, c);

      gtk_switch_set_active (c->cut, !mc_training_get_connected (self->training, c->source_id));
      gtk_switch_set_active (c->failing, one_in > 0);
      if (one_in > 0)
        gtk_spin_button_set_value (c->one_in, one_in);
      adw_expander_row_set_subtitle (c->row, state);
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

      if ((gpointer) c->cut == widget || (gpointer) c->failing == widget || (gpointer) c->one_in == widget)
        return c;
    }
  g_return_val_if_reached (NULL);
}

static void
on_cut_toggled (GtkSwitch      *widget,
                GParamSpec     *pspec,
                McTrainerPanel *self)
{
  MinistryControls *c = controls_of (self, widget);

  if (!self->updating && c != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "trainer.set-connected", "(sb)", c->source_id,
                                !gtk_switch_get_active (widget));
}

/* The switch turns the errors on or off; the number says how often, and changing it while
 * they are on applies it at once. */
static void
on_failing_changed (GObject        *widget,
                    GParamSpec     *pspec,
                    McTrainerPanel *self)
{
  MinistryControls *c = controls_of (self, widget);

  if (c != NULL && !self->updating && (GTK_IS_SWITCH (widget) || gtk_switch_get_active (c->failing)))
    gtk_widget_activate_action (GTK_WIDGET (self), "trainer.set-failing", "(su)", c->source_id,
                                gtk_switch_get_active (c->failing)
                                ? (guint) gtk_spin_button_get_value_as_int (c->one_in) : 0u);
}

static GtkWidget *
control_row (const char *title,
             const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
add_ministry (McTrainerPanel *self,
              const McSource *source)
{
  MinistryControls *c = g_new0 (MinistryControls, 1);
  GtkWidget *cut_row = control_row (_("Cut the Connection"),
                                    _("Requests are refused, as when the system or the line to it is down"));
  GtkWidget *fail_row = control_row (_("Answer 1 in N Requests with an Error"),
                                     _("Server errors now and then, as from a system with a fault"));
  GtkWidget *session_row = control_row (_("Sign-In Session"),
                                        _("The system forgets the sign-in: the next request signs in again"));
  GtkWidget *expire = gtk_button_new_with_mnemonic (_("_End the Session"));
  GtkAdjustment *adjustment = gtk_adjustment_new (DEFAULT_ONE_IN, 1, 50, 1, 5, 0);
  g_autofree char *cut_label = NULL, *failing_label = NULL, *one_in_label = NULL, *expire_label = NULL;

  c->source_id = g_strdup (source->id);
  c->row = ADW_EXPANDER_ROW (adw_expander_row_new ());
  c->cut = GTK_SWITCH (gtk_switch_new ());
  c->failing = GTK_SWITCH (gtk_switch_new ());
  c->one_in = GTK_SPIN_BUTTON (gtk_spin_button_new (adjustment, 1, 0));
  g_ptr_array_add (self->controls, c);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (c->row), source->name);
  /* libadwaita 1.2 names only the header inside the expander row, not the row itself. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->row), GTK_ACCESSIBLE_PROPERTY_LABEL, source->name, -1);
  adw_expander_row_set_expanded (c->row, TRUE);

  /* Each control says which ministry it acts on to a screen reader. */
  /* TRANSLATORS: %s is the name of a ministry system */
  cut_label = g_strdup_printf (_("Cut the connection to %s"), source->name);
  /* TRANSLATORS: %s is the name of a ministry system */
  failing_label = g_strdup_printf (_("%s answers some requests with an error"), source->name);
  /* TRANSLATORS: %s is the name of a ministry system */
  one_in_label = g_strdup_printf (_("How many requests to %s for one error (N)"), source->name);
  /* TRANSLATORS: %s is the name of a ministry system */
  expire_label = g_strdup_printf (_("End the session with %s"), source->name);

  gtk_widget_set_valign (GTK_WIDGET (c->cut), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->cut), GTK_ACCESSIBLE_PROPERTY_LABEL, cut_label, -1);
  g_signal_connect_object (c->cut, "notify::active", G_CALLBACK (on_cut_toggled), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (cut_row), GTK_WIDGET (c->cut));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (cut_row), GTK_WIDGET (c->cut));
  /* Named by its own label, not also by the row's title (GTK 4.8 would say both). */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (c->cut), GTK_ACCESSIBLE_RELATION_LABELLED_BY);

  gtk_widget_set_valign (GTK_WIDGET (c->one_in), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (c->one_in), _("N: one request in N fails"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->one_in), GTK_ACCESSIBLE_PROPERTY_LABEL, one_in_label, -1);
  g_signal_connect_object (c->one_in, "notify::value", G_CALLBACK (on_failing_changed), self, 0);
  gtk_widget_set_valign (GTK_WIDGET (c->failing), GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (c->failing), GTK_ACCESSIBLE_PROPERTY_LABEL, failing_label, -1);
  g_signal_connect_object (c->failing, "notify::active", G_CALLBACK (on_failing_changed), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (fail_row), GTK_WIDGET (c->one_in));
  adw_action_row_add_suffix (ADW_ACTION_ROW (fail_row), GTK_WIDGET (c->failing));

  gtk_widget_set_valign (expire, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (expire), GTK_ACCESSIBLE_PROPERTY_LABEL, expire_label, -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (expire), "trainer.expire-session");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (expire), "s", source->id);
  adw_action_row_add_suffix (ADW_ACTION_ROW (session_row), expire);

  adw_expander_row_add_row (c->row, cut_row);
  adw_expander_row_add_row (c->row, fail_row);
  adw_expander_row_add_row (c->row, session_row);
  adw_preferences_group_add (self->ministries_group, GTK_WIDGET (c->row));
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

/* trainer.set-failing((id, n)): one request in n fails; 0 none. */
static void
set_failing_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  McTrainerPanel *self = MC_TRAINER_PANEL (widget);
  g_autoptr(GError) error = NULL;
  const char *id;
  guint one_in;

  g_variant_get (parameter, "(&su)", &id, &one_in);
  if (!mc_training_set_failing (self->training, id, one_in, &error))
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
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Reset the Training Data?"),
                                              _("The ministry systems and the training profile go back to their "
                                                "starting state, and the exercises start again. Everything done in "
                                                "this session is lost."));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "reset", _("_Reset"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_reset_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
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
  gtk_widget_class_install_action (widget_class, "trainer.set-failing", "(su)", set_failing_action);
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
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (self));
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
