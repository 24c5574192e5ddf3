/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-alert.h"
#include "mc-sync-error.h"
#include "mc-sign-in-dialog.h"
#include "mc-sign-in-prompt.h"

/* When a ministry system refuses the stored sign-in, its source goes to "sign-in needed" and
 * the others sync on. The official gets one toast for that source, with a "Sign In" button,
 * and keeps working offline; no dialog opens by itself, so five refused systems never make a
 * storm of modal windows. The toast stays until used or dismissed, and goes by itself when the
 * source is signed in again (from here, from Preferences, or by the engine). */

struct _McSignInPrompt
{
  GObject parent_instance;

  AdwToastOverlay *overlay;   /* weak */
  McStore *store;
  McSecrets *keyring;
  McSyncEngine *engine;
  GHashTable *toasts;         /* source id → AdwToast shown for it */
};

G_DEFINE_FINAL_TYPE (McSignInPrompt, mc_sign_in_prompt, G_TYPE_OBJECT)

static void
toast_text (McSignInPrompt *self,
            const char     *text)
{
  if (self->overlay != NULL)
    adw_toast_overlay_add_toast (self->overlay, mc_toast_new (text));
}

static void
on_signed_in (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(McSignInPrompt) self = user_data;
  g_autoptr(GError) error = NULL;

  if (mc_sign_in_dialog_submit_finish (result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* A refused password puts the source back in "sign-in needed", which prompts again. */
  if (!g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH))
    toast_text (self, error->message);
}

static void
on_dialog_response (McSignInDialog *dialog,
                    const char     *response,
                    McSignInPrompt *self)
{
  if (!g_str_equal (response, "sign-in"))
    return;
  mc_sign_in_dialog_submit_async (dialog, self->engine, self->keyring, NULL, on_signed_in, g_object_ref (self));
}

/* Opens the sign-in dialog of @source_id over the window. */
void
mc_sign_in_prompt_sign_in (McSignInPrompt *self,
                           const char     *source_id)
{
  g_autoptr(McSource) source = NULL;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;
  McSignInDialog *dialog;

  g_return_if_fail (MC_IS_SIGN_IN_PROMPT (self));

  if ((source = mc_store_get_source (self->store, source_id, &error)) == NULL)
    {
      toast_text (self, error->message);
      return;
    }
  root = self->overlay ? gtk_widget_get_root (GTK_WIDGET (self->overlay)) : NULL;
  dialog = mc_sign_in_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, source);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_dialog_response), self, 0);
  mc_message_present (GTK_WINDOW (dialog));
}

/* Returns: (nullable): the source @toast asks to sign into. */
static const char *
toast_source (McSignInPrompt *self,
              AdwToast       *toast)
{
  GHashTableIter it;
  gpointer key, value;

  g_hash_table_iter_init (&it, self->toasts);
  while (g_hash_table_iter_next (&it, &key, &value))
    if (value == toast)
      return key;
  return NULL;
}

static void
on_toast_button (AdwToast       *toast,
                 McSignInPrompt *self)
{
  const char *id = toast_source (self, toast);

  if (id != NULL)
    mc_sign_in_prompt_sign_in (self, id);
}

static void
on_toast_dismissed (AdwToast       *toast,
                    McSignInPrompt *self)
{
  const char *id = toast_source (self, toast);

  if (id != NULL)
    g_hash_table_remove (self->toasts, id);
}

static void
on_source_changed (McSyncEngine   *engine,
                   const char     *source_id,
                   McSignInPrompt *self)
{
  McSyncProgress progress;
  g_autoptr(McSource) source = NULL;
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (!mc_sync_engine_get_progress (engine, source_id, &progress))
    return;
  toast = g_hash_table_lookup (self->toasts, source_id);
  if (progress.state != MC_SYNC_STATE_SIGN_IN_NEEDED)
    {
      /* Signed in again, however: the prompt has nothing left to ask. */
      if (toast != NULL && progress.state != MC_SYNC_STATE_SYNCING)
        adw_toast_dismiss (toast);
      return;
    }
  if (toast != NULL || self->overlay == NULL)
    return;
  source = mc_store_get_source (self->store, source_id, NULL);
  /* TRANSLATORS: %s is a ministry system's name */
  title = g_strdup_printf (_("%s refused the sign-in: work goes on offline"), source ? source->name : source_id);
  toast = mc_toast_new (title);
  adw_toast_set_button_label (toast, _("_Sign In…"));
  adw_toast_set_timeout (toast, 0);
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_toast_button), self, 0);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (on_toast_dismissed), self, 0);
  g_hash_table_replace (self->toasts, g_strdup (source_id), g_object_ref (toast));
  adw_toast_overlay_add_toast (self->overlay, toast);
}

static void
mc_sign_in_prompt_dispose (GObject *object)
{
  McSignInPrompt *self = MC_SIGN_IN_PROMPT (object);

  g_clear_weak_pointer (&self->overlay);
  g_clear_object (&self->engine);
  g_clear_object (&self->keyring);
  g_clear_object (&self->store);
  g_hash_table_remove_all (self->toasts);
  G_OBJECT_CLASS (mc_sign_in_prompt_parent_class)->dispose (object);
}

static void
mc_sign_in_prompt_finalize (GObject *object)
{
  g_hash_table_unref (MC_SIGN_IN_PROMPT (object)->toasts);
  G_OBJECT_CLASS (mc_sign_in_prompt_parent_class)->finalize (object);
}

static void
mc_sign_in_prompt_class_init (McSignInPromptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_sign_in_prompt_dispose;
  object_class->finalize = mc_sign_in_prompt_finalize;
}

static void
mc_sign_in_prompt_init (McSignInPrompt *self)
{
  /* The toasts are the overlay's: a reference here keeps the one being shown comparable. */
  self->toasts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
}

McSignInPrompt *
mc_sign_in_prompt_new (AdwToastOverlay *overlay,
                       McStore         *store)
{
  McSignInPrompt *self;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (MC_IS_STORE (store), NULL);

  self = g_object_new (MC_TYPE_SIGN_IN_PROMPT, NULL);
  g_set_weak_pointer (&self->overlay, overlay);
  self->store = g_object_ref (store);
  self->keyring = mc_secrets_new (mc_store_get_path (store));
  return self;
}

/* Follows @engine's sources (NULL: none). */
void
mc_sign_in_prompt_set_engine (McSignInPrompt *self,
                              McSyncEngine   *engine)
{
  g_auto(GStrv) ids = NULL;

  g_return_if_fail (MC_IS_SIGN_IN_PROMPT (self));

  if (self->engine == engine)
    return;
  if (self->engine != NULL)
    g_signal_handlers_disconnect_by_data (self->engine, self);
  g_set_object (&self->engine, engine);
  if (engine == NULL)
    return;
  g_signal_connect_object (engine, "source-changed", G_CALLBACK (on_source_changed), self, 0);
  /* A source may already be waiting for a sign-in. */
  ids = mc_sync_engine_list_sources (engine);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    on_source_changed (engine, ids[i], self);
}

/* TRUE while the toast for @source_id is up. */
gboolean
mc_sign_in_prompt_is_shown (McSignInPrompt *self,
                            const char     *source_id)
{
  g_return_val_if_fail (MC_IS_SIGN_IN_PROMPT (self), FALSE);
  return g_hash_table_contains (self->toasts, source_id);
}
