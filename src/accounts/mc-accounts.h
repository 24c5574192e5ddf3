/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-secrets.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* Removing a ministry system: its dossiers and cursor go in one store transaction (refused
 * while actions wait to be sent), and only once that has committed are its credentials
 * cleared from the Secret Service — never a D-Bus call inside a write transaction.
 * A Secret Service that cannot be reached does not keep the source (the debug log says what
 * it may still hold); a source added again with the same id signs in with what the official
 * types then. */
/* Gives @store the profile's audit key from the Secret Service (mc_store_set_audit_key ()),
 * creating it for a log never sealed yet. FALSE with @error when the keyring cannot be
 * reached or has lost the key of a sealed log: entries are still written, unsealed. */
gboolean mc_accounts_load_audit_key       (McStore              *store,
                                           GError              **error);
void     mc_accounts_load_audit_key_async (const char           *db_path);
gboolean mc_accounts_remove_source        (McStore              *store,
                                           const char           *source_id,
                                           GError              **error);

/* The same for the window: the store's part at once on the calling thread (the store's
 * connection is that thread's), the keyring's off the main loop. Finishes with the store's
 * error, if any, once the credentials are cleared. */
void     mc_accounts_remove_source_async  (McStore              *store,
                                           const char           *source_id,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
gboolean mc_accounts_remove_source_finish (McStore              *store,
                                           GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
