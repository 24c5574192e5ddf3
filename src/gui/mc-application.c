/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-a11y.h"
#include "mc-accounts.h"
#include "mc-application.h"
#include "mc-exercises-panel.h"
#include "mc-gui-resources.h"
#include "mc-preferences-window.h"
#include "mc-store-queue.h"
#include "mc-sync-setup.h"
#include "mc-store-settings.h"
#include "mc-trainer-panel.h"
#include "mc-training-intro.h"
#include "mc-training-welcome.h"

/* The application: one window on one profile (one official's database). `motcua --profile DIR`
 * opens another profile, such as a training one, in a process of its own so that it never
 * hands its window to an instance showing the real profile; `motcua --training` likewise opens
 * the training sandbox (mc-training.c). The application owns the sync engine of the open
 * profile (mc-sync-setup.c): windows only show it. */

struct _McApplication
{
  AdwApplication parent_instance;

  char *profile_dir;
  gboolean training_mode;

  /* The one sync engine, for the open profile's enabled sources; and in training mode the
   * embedded simulator and sandbox (mc-training.c). */
  McSyncEngine *engine;
  GCancellable *engine_setup;
  McTraining *training;
};

G_DEFINE_FINAL_TYPE (McApplication, mc_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "profile", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the profile in directory DIR (a training profile, for instance)"), N_("DIR") },
  { "training", 't', 0, G_OPTION_ARG_NONE, NULL,
    N_("Practice on sample data with simulated ministry systems (training mode)"), NULL },
  { NULL }
};

/* The app-wide keyboard shortcuts; the shortcuts window (ui/gtk/help-overlay.ui) lists them. */
static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.receive-new", { "<Primary>n", NULL } },
  { "win.shortcut-view(1)", { "<Primary>1", NULL } },
  { "win.shortcut-view(2)", { "<Primary>2", NULL } },
  { "win.shortcut-view(3)", { "<Primary>3", NULL } },
  { "win.shortcut-view(4)", { "<Primary>4", NULL } },
  { "win.shortcut-view(5)", { "<Primary>5", NULL } },
  { "win.shortcut-view(6)", { "<Primary>6", NULL } },
  { "win.shortcut-view(7)", { "<Primary>7", NULL } },
  { "win.shortcut-view(8)", { "<Primary>8", NULL } },
  { "win.shortcut-view(9)", { "<Primary>9", NULL } },
};

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *about = adw_about_window_new ();

  adw_about_window_set_application_name (ADW_ABOUT_WINDOW (about), "Một Cửa");
  adw_about_window_set_application_icon (ADW_ABOUT_WINDOW (about), APP_ID);
  adw_about_window_set_version (ADW_ABOUT_WINDOW (about), PACKAGE_VERSION);
  adw_about_window_set_comments (ADW_ABOUT_WINDOW (about),
                                 _("One work queue for the dossiers of the five ministry systems "
                                   "a commune one-stop shop works in, online or offline."));
  adw_about_window_set_license_type (ADW_ABOUT_WINDOW (about), GTK_LICENSE_GPL_3_0);
  adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), _("translator-credits"));
  gtk_window_set_transient_for (GTK_WINDOW (about), gtk_application_get_active_window (app));
  gtk_window_present (GTK_WINDOW (about));
}

/* Sync and training mode */

static McWindow *
main_window (McApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
drop_engine (McApplication *self)
{
  g_cancellable_cancel (self->engine_setup);
  g_clear_object (&self->engine_setup);
  if (self->engine != NULL)
    mc_sync_engine_stop (self->engine);
  g_clear_object (&self->engine);
  if (self->training != NULL)
    mc_training_set_engine (self->training, NULL);
}

static void
engine_ready (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  McSyncEngine *engine = mc_sync_setup_engine_finish (result, &error);
  McWindow *window = main_window (self);

  if (engine == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Cannot sync: %s", error->message);
      return;
    }
  g_clear_object (&self->engine_setup);
  self->engine = engine;
  if (window != NULL)
    mc_window_set_sync_engine (window, engine);
  if (self->training != NULL)
    mc_training_set_engine (self->training, engine);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MC_IS_PREFERENCES_WINDOW (l->data))
      mc_preferences_window_set_sync (l->data, engine, self->training);
  /* Start-up sync, then the timer, network changes and backoff: the engine's own triggers. */
  mc_sync_engine_start (engine);
}

/* Gives @window's profile its sync engine (replacing any other). */
static void
start_sync (McApplication *self,
            McWindow      *window)
{
  drop_engine (self);
  self->engine_setup = g_cancellable_new ();
  mc_sync_setup_engine_async (mc_window_get_store (window), self->training ? mc_training_get_sim (self->training) : NULL,
                              self->engine_setup, engine_ready, g_object_ref (self));
}

/* The profile's sources or credentials changed (Preferences, sign-in): a new engine reads
 * them again. */
void
mc_application_reload_sync (McApplication *self)
{
  McWindow *window;

  g_return_if_fail (MC_IS_APPLICATION (self));
  if ((window = main_window (self)) != NULL)
    start_sync (self, window);
}

McSyncEngine *
mc_application_get_sync_engine (McApplication *self)
{
  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);
  return self->engine;
}

McTraining *
mc_application_get_training (McApplication *self)
{
  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);
  return self->training;
}

static void
trainer_panel_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  McApplication *self = MC_APPLICATION (user_data);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (MC_IS_TRAINER_PANEL (l->data))
      {
        gtk_window_present (l->data);
        return;
      }
  gtk_window_present (GTK_WINDOW (mc_trainer_panel_new (GTK_APPLICATION (self), self->training)));
}

static void
reset_engine_stopped (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  McApplication *self = MC_APPLICATION (user_data);
  g_autoptr(GError) error = NULL;
  McWindow *window;

  if (result != NULL)
    mc_sync_setup_stop_finish (result, NULL);
  if (!mc_training_reset_sandbox (self->training, &error)
      || !(window = mc_application_open_training (self, &error)))
    g_warning ("Cannot reset the sandbox: %s", error->message);
  else
    gtk_window_present (GTK_WINDOW (window));
  g_application_release (G_APPLICATION (self));
}

/* The sandbox back to its start: the window and the engine go first, so that nothing has the
 * old profile open for writing when it is replaced. The trainer panel stays. */
static void
training_reset_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  McApplication *self = MC_APPLICATION (user_data);
  McWindow *window = main_window (self);
  g_autoptr(McSyncEngine) engine = self->engine ? g_object_ref (self->engine) : NULL;

  g_application_hold (G_APPLICATION (self));
  if (window != NULL)
    gtk_window_destroy (GTK_WINDOW (window));
  drop_engine (self);
  if (engine != NULL)
    mc_sync_setup_stop_async (engine, reset_engine_stopped, self);
  else
    reset_engine_stopped (NULL, NULL, self);
}

static void
training_action (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  g_autoptr(GError) error = NULL;
  McWindow *window = mc_application_open_training (MC_APPLICATION (user_data), &error);

  if (window == NULL)
    g_warning ("Cannot start training mode: %s", error->message);
  else
    gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry training_actions[] = {
  { .name = "trainer-panel", .activate = trainer_panel_action },
  { .name = "training-reset", .activate = training_reset_action },
};

/* The first time the window of a new training profile shows: what training is. Over the
 * window once it is on screen (presented any earlier, the window would come up over it). */
static gboolean
present_intro (gpointer data)
{
  g_autoptr(McWindow) window = data;
  McStore *store = mc_window_get_store (window);
  g_autofree char *commune = mc_store_get_setting (store, "office.commune", NULL);
  g_autofree char *province = mc_store_get_setting (store, "office.province", NULL);
  g_autofree char *place = commune && *commune && province && *province
                           ? g_strdup_printf ("%s, %s", commune, province) : NULL;

  if (gtk_widget_get_mapped (GTK_WIDGET (window)))
    gtk_window_present (GTK_WINDOW (mc_training_intro_new (GTK_WINDOW (window), place)));
  return G_SOURCE_REMOVE;
}

static void
on_training_window_mapped (McWindow *window)
{
  g_signal_handlers_disconnect_by_func (window, on_training_window_mapped, NULL);
  g_idle_add (present_intro, g_object_ref (window));
}

/* Opens the training profile (never the real one: mc_store_default_profile_dir ("training"))
 * in this process, with the simulator embedded on loopback, and syncs it. Creates the profile
 * and starts the simulator on first use; closes the window of another profile. The exercises
 * go beside the queue; the first start shows the introduction. */
McWindow *
mc_application_open_training (McApplication  *self,
                              GError        **error)
{
  McWindow *window;

  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);

  if (self->training == NULL)
    {
      g_autofree char *dir = mc_store_default_profile_dir ("training");
      g_autoptr(McTraining) training = mc_training_new (dir);

      if (!mc_training_start (training, error))
        return NULL;
      self->training = g_steal_pointer (&training);
      g_action_map_add_action_entries (G_ACTION_MAP (self), training_actions, G_N_ELEMENTS (training_actions), self);
    }
  if ((window = main_window (self)) != NULL)
    {
      drop_engine (self);
      gtk_window_destroy (GTK_WINDOW (window));
    }
  if (!(window = mc_application_open_profile (self, mc_training_get_profile_dir (self->training), error)))
    return NULL;
  mc_window_set_training (window, TRUE);
  mc_window_set_side_panel (window, GTK_WIDGET (mc_exercises_panel_new (mc_training_get_exercises (self->training),
                                                                        mc_window_get_store (window))));
  if (mc_training_take_first_start (self->training))
    g_signal_connect_after (window, "map", G_CALLBACK (on_training_window_mapped), NULL);
  /* In training already: the menu item that starts it goes. */
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "training")), FALSE);
  start_sync (self, window);
  return window;
}

/* The window of the profile this process shows (the Preferences and notifications act on it). */
static McWindow *
profile_window (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (MC_IS_WINDOW (l->data))
      return l->data;
  return NULL;
}

/* Only an application that syncs (it always does once its window is up) takes a new engine;
 * one driven by hand, as the GUI tests do, keeps the engine it was given. */
static void
on_sources_changed (McApplication *self)
{
  if (self->engine != NULL || self->engine_setup != NULL)
    mc_application_reload_sync (self);
}

static McPreferencesWindow *new_preferences (GtkApplication *app,
                                             McWindow       *window);

/* The Preferences window, at @page ("sources": the ministry systems) unless NULL. */
static void
present_preferences (GtkApplication *app,
                     const char     *page)
{
  McWindow *window = profile_window (app);
  McPreferencesWindow *preferences = NULL;

  if (window == NULL)
    return;
  /* One Preferences window: a second Ctrl+comma brings it back. */
  for (GList *l = gtk_application_get_windows (app); l != NULL && preferences == NULL; l = l->next)
    if (MC_IS_PREFERENCES_WINDOW (l->data))
      preferences = l->data;
  if (preferences == NULL)
    preferences = new_preferences (app, window);
  if (page != NULL)
    adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), page);
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  present_preferences (GTK_APPLICATION (user_data), NULL);
}

/* The first start's way to the real systems: the Preferences at the ministry systems. */
static void
connect_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  present_preferences (GTK_APPLICATION (user_data), "sources");
}

static McPreferencesWindow *
new_preferences (GtkApplication *app,
                 McWindow       *window)
{
  McPreferencesWindow *preferences;

  preferences = mc_preferences_window_new (window);
  mc_preferences_window_set_sync (preferences, MC_APPLICATION (app)->engine, MC_APPLICATION (app)->training);
  /* A source added, edited, enabled, removed or signed into again: the engine reads the
   * profile's sources and credentials once, so a new one takes over. */
  g_signal_connect_object (mc_preferences_window_get_source_page (preferences), "changed",
                           G_CALLBACK (on_sources_changed), app, G_CONNECT_SWAPPED);
  return preferences;
}

/* app.show-view("overdue"): from the morning notification to the matching view. */
static void
show_view_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  McWindow *window = profile_window (GTK_APPLICATION (user_data));
  const char *id = g_variant_get_string (parameter, NULL);

  if (window == NULL)
    return;
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    if (g_str_equal (mc_queue_view_id (v), id))
      gtk_widget_activate_action (GTK_WIDGET (window), "win.select-view", "i", (int) v);
  gtk_window_present (GTK_WINDOW (window));
}

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "preferences", .activate = preferences_action },
  { .name = "connect", .activate = connect_action },
  { .name = "show-view", .activate = show_view_action, .parameter_type = "s" },
  { .name = "about", .activate = about_action },
  { .name = "training", .activate = training_action },
};

static int
mc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  McApplication *self = MC_APPLICATION (application);

  self->training_mode = g_variant_dict_contains (options, "training");
  if (g_variant_dict_lookup (options, "profile", "^ay", &self->profile_dir) || self->training_mode)
    g_application_set_flags (application, g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
  return -1;
}

static void
mc_application_startup (GApplication *application)
{
  G_APPLICATION_CLASS (mc_application_parent_class)->startup (application);

  g_action_map_add_action_entries (G_ACTION_MAP (application), app_actions,
                                   G_N_ELEMENTS (app_actions), application);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (application), accels[i].action, accels[i].accels);
}

/* Quitting: the sync engine and the training simulator stop here, at the end of
 * g_application_run(), not whenever the last reference to the application goes (GtkApplication
 * holds one until its own shutdown, and a task in flight may hold another). */
static void
mc_application_shutdown (GApplication *application)
{
  McApplication *self = MC_APPLICATION (application);

  drop_engine (self);
  g_clear_object (&self->training);
  G_APPLICATION_CLASS (mc_application_parent_class)->shutdown (application);
}

static void
on_error_response (AdwMessageDialog *dialog,
                   const char       *response,
                   GApplication     *application)
{
  g_application_release (application);
}

static void
mc_application_activate (GApplication *application)
{
  McApplication *self = MC_APPLICATION (application);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));
  g_autofree char *profile = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->training_mode)
    window = GTK_WINDOW (mc_application_open_training (self, &error));
  else
    {
      g_autoptr(GPtrArray) sources = NULL;

      profile = self->profile_dir ? g_strdup (self->profile_dir) : mc_store_default_profile_dir (NULL);
      window = GTK_WINDOW (mc_application_open_profile (self, profile, &error));
      if (window != NULL)
        {
          start_sync (self, MC_WINDOW (window));
          sources = mc_store_list_sources (mc_window_get_store (MC_WINDOW (window)), NULL);
        }
      /* First start: no ministry system yet. Practise, or connect. */
      if (sources != NULL && sources->len == 0)
        {
          gtk_window_present (window);
          gtk_window_present (GTK_WINDOW (mc_training_welcome_new (window)));
          return;
        }
    }
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  /* No window to put it in: the dialog stands alone and keeps the application alive. */
  dialog = adw_message_dialog_new (NULL, _("Cannot Open the Profile"), error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (application));
  g_application_hold (application);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_error_response), application, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

static void
mc_application_finalize (GObject *object)
{
  McApplication *self = MC_APPLICATION (object);

  drop_engine (self);
  g_clear_object (&self->training);
  g_free (self->profile_dir);
  G_OBJECT_CLASS (mc_application_parent_class)->finalize (object);
}

/* GtkApplication gives each window its shortcuts window (ui/gtk/help-overlay.ui) here. */
static void
mc_application_window_added (GtkApplication *application,
                             GtkWindow      *window)
{
  GtkShortcutsWindow *help;

  GTK_APPLICATION_CLASS (mc_application_parent_class)->window_added (application, window);
  if (GTK_IS_APPLICATION_WINDOW (window)
      && (help = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))) != NULL)
    mc_a11y_name_shortcuts_window (help);
}

static void
mc_application_class_init (McApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);
  GtkApplicationClass *gtk_app_class = GTK_APPLICATION_CLASS (klass);

  object_class->finalize = mc_application_finalize;
  app_class->handle_local_options = mc_application_handle_local_options;
  app_class->startup = mc_application_startup;
  app_class->shutdown = mc_application_shutdown;
  app_class->activate = mc_application_activate;
  gtk_app_class->window_added = mc_application_window_added;
}

static void
mc_application_init (McApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

McApplication *
mc_application_new (void)
{
  /* Naming the resource links its object (and the constructor that registers it): the GUI is
   * a static library and nothing else refers to it. The resources live under the base id
   * whatever the profile, so that a .Devel build finds style.css and the shortcuts window too. */
  /* The window holds the ministry systems' passwords and tokens: no core dump of it. */
  mc_secrets_protect_process ();
  (void) mc_gui_get_resource ();
  return g_object_new (MC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       "resource-base-path", "/io/github/motcua/MotCua",
                       NULL);
}

/* Opens (creating it if needed) the profile in @profile_dir and makes its window. */
McWindow *
mc_application_open_profile (McApplication  *self,
                             const char     *profile_dir,
                             GError        **error)
{
  g_autofree char *path = mc_store_profile_path (profile_dir);
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_CREATE, error);

  g_return_val_if_fail (MC_IS_APPLICATION (self), NULL);

  if (store == NULL)
    return NULL;
  mc_accounts_load_audit_key_async (path);
  return mc_window_new (GTK_APPLICATION (self), store, error);
}
