/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-secrets.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_SIGN_IN_DIALOG (mc_sign_in_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McSignInDialog, mc_sign_in_dialog, MC, SIGN_IN_DIALOG, AdwMessageDialog)

McSignInDialog *mc_sign_in_dialog_new           (GtkWindow           *parent,
                                                 const McSource      *source);
const McSource *mc_sign_in_dialog_get_source    (McSignInDialog      *self);
GtkWidget      *mc_sign_in_dialog_get_password_row (McSignInDialog   *self);
void            mc_sign_in_dialog_submit_async  (McSignInDialog      *self,
                                                 McSyncEngine        *engine,
                                                 McSecrets           *keyring,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean        mc_sign_in_dialog_submit_finish (GAsyncResult        *result,
                                                 GError             **error);

G_END_DECLS
