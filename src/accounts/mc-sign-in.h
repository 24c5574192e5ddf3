/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-secrets.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

/* Signing a source in again, after "sign-in needed" (or to change its password). For the GUI's
 * sign-in dialog: call it with what the official typed; the dialog may close at once (the
 * source shows "Syncing") or wait for the result to say "wrong password" on the spot.
 *
 * It keeps @password (the password, or the LGSP client secret) and, when not NULL, @api_key
 * (rest only) in @keyring, replacing the old ones and dropping the sessions signed in with
 * them; hands the new credentials to @engine; and syncs the source. The other sources are not
 * touched. Finishes with the outcome of that sync: MC_SYNC_ERROR_AUTH when the system refuses
 * the new password too (it stays kept: the official may be offline, and typing it again is the
 * fix either way). */
void     mc_sign_in_async  (McSyncEngine        *engine,
                            McSecrets           *keyring,
                            const char          *source_id,
                            const char          *password,
                            const char          *api_key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data);
gboolean mc_sign_in_finish (McSyncEngine        *engine,
                            GAsyncResult        *result,
                            GError             **error);

/* The blocking first half, for the command line (no engine): keeps the new credentials and
 * drops the old sessions. */
gboolean mc_sign_in_keep   (McSecrets           *keyring,
                            const McSource      *source,
                            const char          *password,
                            const char          *api_key,
                            GCancellable        *cancellable,
                            GError             **error);

G_END_DECLS
