/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-source.h"

G_BEGIN_DECLS

/* The only place credentials are handled (DESIGN.md, sync invariant 7). Every credential lives
 * in the Secret Service under the schema "io.github.motcua.MotCua.Credential", with three
 * attributes: "profile" (the profile's database path, made absolute), "source" (the source id)
 * and "kind" (below). Nothing here ever writes a secret to SQLite, GSettings, a file, a log
 * or an error message: errors name the source and the kind, never the value.
 *
 * Profiles: the profile attribute keeps two profiles of one OS user apart (the training profile
 * is a profile of its own); two OS users have two keyrings. A McSecrets is bound to one profile.
 *
 * For the GUI (Preferences window, sign-in dialog):
 *  - mc_secrets_new (mc_store_get_path (store)) once per open profile;
 *  - the sign-in dialog asks for mc_secret_kind_for_sign_in (source->dialect) (its label:
 *    mc_secret_kind_label ()) and, for the "rest" dialect, also MC_SECRET_API_KEY
 *    (mc_secrets_dialect_needs_api_key ()), then calls mc_sign_in_async () (mc-sign-in.h);
 *  - "Test connection": mc_connection_test_async () (mc-connection-test.h);
 *  - removing a source: mc_accounts_remove_source_async () (mc-accounts.h) clears its
 *    credentials once the store has removed it (mc_store_sync_remove_source () does not);
 *  - the *_async variants never block the main loop (a GTask thread per call).
 * Secrets returned by lookups are freed with mc_secrets_free (), which wipes them. */

#define MC_SECRETS_ERROR (mc_secrets_error_quark ())

typedef enum
{
  MC_SECRETS_ERROR_UNAVAILABLE,  /* no Secret Service (no session bus, no keyring daemon) */
  MC_SECRETS_ERROR_MISSING,      /* a credential a source needs is not stored */
} McSecretsError;

GQuark mc_secrets_error_quark (void);

typedef enum
{
  MC_SECRET_PASSWORD,        /* the official's password (dvcqg, rest, feed, legacy) */
  MC_SECRET_CLIENT_SECRET,   /* lgsp: the OAuth2 client secret */
  MC_SECRET_API_KEY,         /* rest: the application key (X-Api-Key) */
  MC_SECRET_ACCESS_TOKEN,    /* a bearer token or service session that survives a restart */
  MC_SECRET_REFRESH_TOKEN,   /* feed */
  MC_SECRET_SESSION_COOKIE,  /* legacy: "SESSIONID=…" */
  MC_SECRET_N_KINDS,
} McSecretKind;

/* The longest secret (password, key, token) accepted from the official: longer input is
 * refused, never cut. */
#define MC_SECRET_MAX_BYTES 65536

/* For a process that holds credentials: no core dump (PR_SET_DUMPABLE 0, RLIMIT_CORE 0), so
 * that a crash does not write them to disk and another process of the user cannot read them
 * through ptrace or /proc. Call first thing in main (). */
void          mc_secrets_protect_process      (void);

const char   *mc_secret_kind_name             (McSecretKind  kind);
const char   *mc_secret_kind_label            (McSecretKind  kind);
gboolean      mc_secret_kind_from_name        (const char   *name,
                                               McSecretKind *out_kind);
McSecretKind  mc_secret_kind_for_sign_in      (const char   *dialect);
gboolean      mc_secrets_dialect_needs_api_key (const char  *dialect);
void          mc_secrets_free                 (char         *secret);

#define MC_TYPE_SECRETS (mc_secrets_get_type ())
G_DECLARE_FINAL_TYPE (McSecrets, mc_secrets, MC, SECRETS, GObject)

McSecrets  *mc_secrets_new               (const char     *profile_path);
const char *mc_secrets_get_profile       (McSecrets      *self);

/* Blocking: for worker threads and the command line. Storing replaces what was there. A
 * lookup of a credential that is not stored returns NULL without an error. */
gboolean    mc_secrets_store_sync        (McSecrets      *self,
                                          const char     *source_id,
                                          McSecretKind    kind,
                                          const char     *secret,
                                          GCancellable   *cancellable,
                                          GError        **error);
char       *mc_secrets_lookup_sync       (McSecrets      *self,
                                          const char     *source_id,
                                          McSecretKind    kind,
                                          GCancellable   *cancellable,
                                          GError        **error);
gboolean    mc_secrets_delete_sync       (McSecrets      *self,
                                          const char     *source_id,
                                          McSecretKind    kind,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* Every credential of @source_id (when the source is removed). */
gboolean    mc_secrets_clear_source_sync (McSecrets      *self,
                                          const char     *source_id,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* The tokens and cookies only: they belong to the old password after a new sign-in. */
gboolean    mc_secrets_clear_tokens_sync (McSecrets      *self,
                                          const char     *source_id,
                                          GCancellable   *cancellable,
                                          GError        **error);
/* What mc_connector_new () takes: "password" (the password or client secret) and, for the
 * rest dialect, "api-key". MC_SECRETS_ERROR_MISSING when the sign-in secret is not stored. */
GHashTable *mc_secrets_load_source_sync  (McSecrets      *self,
                                          const McSource *source,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* The profile's audit key (MC_AUDIT_KEY_SIZE bytes, mc-store-audit.h), or NULL without an
 * error when none is kept and @create is FALSE; with @create a new random key is kept first.
 * The bytes are wiped when the last reference goes. */
GBytes     *mc_secrets_audit_key_sync    (McSecrets      *self,
                                          gboolean        create,
                                          GCancellable   *cancellable,
                                          GError        **error);

/* The same without blocking the main loop. */
void        mc_secrets_store_async       (McSecrets      *self,
                                          const char     *source_id,
                                          McSecretKind    kind,
                                          const char     *secret,
                                          GCancellable   *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer        user_data);
gboolean    mc_secrets_store_finish      (McSecrets      *self,
                                          GAsyncResult   *result,
                                          GError        **error);
void        mc_secrets_lookup_async      (McSecrets      *self,
                                          const char     *source_id,
                                          McSecretKind    kind,
                                          GCancellable   *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer        user_data);
char       *mc_secrets_lookup_finish     (McSecrets      *self,
                                          GAsyncResult   *result,
                                          GError        **error);
void        mc_secrets_delete_async      (McSecrets      *self,
                                          const char     *source_id,
                                          McSecretKind    kind,
                                          GCancellable   *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer        user_data);
gboolean    mc_secrets_delete_finish     (McSecrets      *self,
                                          GAsyncResult   *result,
                                          GError        **error);
void        mc_secrets_clear_source_async (McSecrets     *self,
                                          const char     *source_id,
                                          GCancellable   *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer        user_data);
gboolean    mc_secrets_clear_source_finish (McSecrets    *self,
                                          GAsyncResult   *result,
                                          GError        **error);
void        mc_secrets_load_source_async (McSecrets      *self,
                                          const McSource *source,
                                          GCancellable   *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer        user_data);
GHashTable *mc_secrets_load_source_finish (McSecrets     *self,
                                          GAsyncResult   *result,
                                          GError        **error);

G_END_DECLS
