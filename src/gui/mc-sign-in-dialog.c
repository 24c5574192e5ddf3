/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-dialog-util.h"
#include "mc-sign-in-dialog.h"
#include "mc-sign-in.h"

/* Signing in to one ministry system again: its password (or client secret) and, for the rest
 * dialect, its application key. The typed secrets go straight to mc-sign-in (keyring, engine,
 * a sync of that source) and are wiped from memory; nothing else keeps them. */

struct _McSignInDialog
{
  AdwMessageDialog parent_instance;

  AdwEntryRow *password_row;
  AdwEntryRow *api_key_row;

  McSource *source;
};

G_DEFINE_FINAL_TYPE (McSignInDialog, mc_sign_in_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
update_state (McSignInDialog *self)
{
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "sign-in",
                                           *gtk_editable_get_text (GTK_EDITABLE (self->password_row)) != '\0');
}

static void
mc_sign_in_dialog_dispose (GObject *object)
{
  mc_dialog_dispose_template (GTK_WINDOW (object), MC_TYPE_SIGN_IN_DIALOG);
  G_OBJECT_CLASS (mc_sign_in_dialog_parent_class)->dispose (object);
}

static void
mc_sign_in_dialog_finalize (GObject *object)
{
  g_clear_pointer (&MC_SIGN_IN_DIALOG (object)->source, mc_source_free);
  G_OBJECT_CLASS (mc_sign_in_dialog_parent_class)->finalize (object);
}

static void
mc_sign_in_dialog_class_init (McSignInDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mc_sign_in_dialog_dispose;
  object_class->finalize = mc_sign_in_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/motcua/MotCua/ui/mc-sign-in-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, McSignInDialog, api_key_row);
}

static void
mc_sign_in_dialog_init (McSignInDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->password_row, "changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);
}

McSignInDialog *
mc_sign_in_dialog_new (GtkWindow      *parent,
                       const McSource *source)
{
  McSignInDialog *self;
  g_autofree char *body = NULL;
  const char *label;

  g_return_val_if_fail (source != NULL, NULL);

  self = g_object_new (MC_TYPE_SIGN_IN_DIALOG, "transient-for", parent, NULL);
  self->source = mc_source_copy (source);
  label = mc_secret_kind_label (mc_secret_kind_for_sign_in (source->dialect));
  /* TRANSLATORS: %s is a ministry system's name */
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (self), _("Sign In to %s"), source->name);
  body = g_strdup_printf (_("The system refused the stored sign-in of account “%s”. Work goes on offline; "
                            "its dossiers sync again once you sign in."),
                          source->account ? source->account : "");
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->password_row), label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->password_row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_set_visible (GTK_WIDGET (self->api_key_row), mc_secrets_dialect_needs_api_key (source->dialect));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->api_key_row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (self->api_key_row)), -1);
  return self;
}

const McSource *
mc_sign_in_dialog_get_source (McSignInDialog *self)
{
  g_return_val_if_fail (MC_IS_SIGN_IN_DIALOG (self), NULL);
  return self->source;
}

GtkWidget *
mc_sign_in_dialog_get_password_row (McSignInDialog *self)
{
  g_return_val_if_fail (MC_IS_SIGN_IN_DIALOG (self), NULL);
  return GTK_WIDGET (self->password_row);
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mc_sign_in_finish (MC_SYNC_ENGINE (object), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Without a sync engine (no ministry system syncing in this window yet) the credentials are
 * only kept; the next sync uses them. */
typedef struct
{
  McSource *source;
  McSecrets *keyring;
  char *password;
  char *api_key;
} Keep;

static void
keep_free (Keep *keep)
{
  mc_source_free (keep->source);
  g_object_unref (keep->keyring);
  mc_secrets_free (keep->password);
  mc_secrets_free (keep->api_key);
  g_free (keep);
}

static void
keep_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Keep *keep = task_data;
  GError *error = NULL;

  if (mc_sign_in_keep (keep->keyring, keep->source, keep->password, keep->api_key, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* Signs the dialog's source in with what was typed: through @engine (which then syncs that
 * source) when there is one. The typed text is copied now, so the dialog may close at once. */
void
mc_sign_in_dialog_submit_async (McSignInDialog      *self,
                                McSyncEngine        *engine,
                                McSecrets           *keyring,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  const char *password, *api_key;

  g_return_if_fail (MC_IS_SIGN_IN_DIALOG (self));
  g_return_if_fail (MC_IS_SECRETS (keyring));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, mc_sign_in_dialog_submit_async);
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  api_key = gtk_editable_get_text (GTK_EDITABLE (self->api_key_row));
  if (!gtk_widget_get_visible (GTK_WIDGET (self->api_key_row)) || *api_key == '\0')
    api_key = NULL;
  if (engine != NULL)
    mc_sign_in_async (engine, keyring, self->source->id, password, api_key, cancellable,
                      on_signed_in, g_steal_pointer (&task));
  else
    {
      Keep *keep = g_new0 (Keep, 1);

      keep->source = mc_source_copy (self->source);
      keep->keyring = g_object_ref (keyring);
      keep->password = g_strdup (password);
      keep->api_key = g_strdup (api_key);
      g_task_set_task_data (task, keep, (GDestroyNotify) keep_free);
      g_task_run_in_thread (task, keep_in_thread);
    }
}

gboolean
mc_sign_in_dialog_submit_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
