/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-application.h"

/* The application: one window on one profile (one official's database). `motcua --profile DIR`
 * opens another profile, such as a training one, in a process of its own so that it never
 * hands its window to an instance showing the real profile. */

struct _McApplication
{
  AdwApplication parent_instance;

  char *profile_dir;
};

G_DEFINE_FINAL_TYPE (McApplication, mc_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "profile", 'p', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the profile in directory DIR (a training profile, for instance)"), N_("DIR") },
  { NULL }
};

/* The app-wide keyboard shortcuts; the shortcuts window (ui/gtk/help-overlay.ui) lists them. */
static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.quit", { "<Primary>q", NULL } },
  { "win.search", { "<Primary>f", NULL } },
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

static const GActionEntry app_actions[] = {
  { .name = "quit", .activate = quit_action },
  { .name = "about", .activate = about_action },
};

static int
mc_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  McApplication *self = MC_APPLICATION (application);

  if (g_variant_dict_lookup (options, "profile", "^ay", &self->profile_dir))
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
  profile = self->profile_dir ? g_strdup (self->profile_dir) : mc_store_default_profile_dir (NULL);
  window = GTK_WINDOW (mc_application_open_profile (self, profile, &error));
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
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
mc_application_finalize (GObject *object)
{
  McApplication *self = MC_APPLICATION (object);

  g_free (self->profile_dir);
  G_OBJECT_CLASS (mc_application_parent_class)->finalize (object);
}

static void
mc_application_class_init (McApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = mc_application_finalize;
  app_class->handle_local_options = mc_application_handle_local_options;
  app_class->startup = mc_application_startup;
  app_class->activate = mc_application_activate;
}

static void
mc_application_init (McApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
}

McApplication *
mc_application_new (void)
{
  /* The resources live under the base id whatever the profile, so that a .Devel build finds
   * style.css and the shortcuts window too. */
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
  return mc_window_new (GTK_APPLICATION (self), store);
}
