/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>

#include "mc-id.h"
#include "mc-secrets.h"

/* Credentials in the Secret Service (libsecret), keyed by profile, source and kind. The
 * blocking calls are libsecret's own *_sync functions (safe in any thread: they run their own
 * main context); the async ones run those in a GTask thread so that the GUI never waits on
 * D-Bus. Values are wiped before their memory is freed. */

struct _McSecrets
{
  GObject parent_instance;

  char *profile;
};

G_DEFINE_FINAL_TYPE (McSecrets, mc_secrets, G_TYPE_OBJECT)
G_DEFINE_QUARK (mc-secrets-error-quark, mc_secrets_error)

static const struct {
  const char *name;
  const char *label;
} kinds[MC_SECRET_N_KINDS] = {
  [MC_SECRET_PASSWORD] = { "password", N_("Password") },
  [MC_SECRET_CLIENT_SECRET] = { "client-secret", N_("Client secret") },
  [MC_SECRET_API_KEY] = { "api-key", N_("Application key") },
  [MC_SECRET_ACCESS_TOKEN] = { "access-token", N_("Access token") },
  [MC_SECRET_REFRESH_TOKEN] = { "refresh-token", N_("Refresh token") },
  [MC_SECRET_SESSION_COOKIE] = { "session-cookie", N_("Session cookie") },
};

static const SecretSchema *
credential_schema (void)
{
  static const SecretSchema schema = {
    "io.github.motcua.MotCua.Credential", SECRET_SCHEMA_NONE,
    {
      { "profile", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "source", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "kind", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

MC_ID_DEFINE_FUNCTIONS (McSecretKind, mc_secret_kind_name, mc_secret_kind_from_name, kinds, name)

/* The name of the credential in the official's language: "Password", "Client secret"… */
const char *
mc_secret_kind_label (McSecretKind kind)
{
  g_return_val_if_fail (kind < MC_SECRET_N_KINDS, NULL);
  return _(kinds[kind].label);
}

/* What the official types to sign in: LGSP's OAuth2 client credentials have a client secret
 * where the other dialects have a user's password. */
McSecretKind
mc_secret_kind_for_sign_in (const char *dialect)
{
  return g_strcmp0 (dialect, "lgsp") == 0 ? MC_SECRET_CLIENT_SECRET : MC_SECRET_PASSWORD;
}

gboolean
mc_secrets_dialect_needs_api_key (const char *dialect)
{
  return g_strcmp0 (dialect, "rest") == 0;
}

void
mc_secrets_free (char *secret)
{
  if (secret != NULL)
    secret_password_free (secret);
}

void
mc_secrets_protect_process (void)
{
  struct rlimit none = { 0, 0 };

  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
  setrlimit (RLIMIT_CORE, &none);
}

typedef enum { OP_KEEP, OP_READ, OP_DELETE, OP_CLEAR } Failed;

/* Secret Service failures say which source and why, never the credential's value. */
static void
propagate (GError     *local,
           GError    **error,
           const char *source_id,
           Failed      what)
{
  if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, local);
      return;
    }
  switch (what)
    {
    case OP_KEEP:
      g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE,
                   _("The Secret Service cannot keep a credential of source %s: %s"), source_id, local->message);
      break;
    case OP_READ:
      g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE,
                   _("The Secret Service cannot read a credential of source %s: %s"), source_id, local->message);
      break;
    case OP_DELETE:
      g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE,
                   _("The Secret Service cannot delete a credential of source %s: %s"), source_id, local->message);
      break;
    case OP_CLEAR:
    default:
      g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE,
                   _("The Secret Service cannot delete the credentials of source %s: %s"), source_id,
                   local->message);
      break;
    }
  g_error_free (local);
}

static void
mc_secrets_finalize (GObject *object)
{
  McSecrets *self = MC_SECRETS (object);

  g_free (self->profile);
  G_OBJECT_CLASS (mc_secrets_parent_class)->finalize (object);
}

static void
mc_secrets_class_init (McSecretsClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_secrets_finalize;
}

static void
mc_secrets_init (McSecrets *self)
{
}

/* @profile_path: the profile's database (mc_store_get_path ()). It is made absolute and, when
 * it exists, free of symbolic links, so that one profile has one key however it was named. */
McSecrets *
mc_secrets_new (const char *profile_path)
{
  McSecrets *self = g_object_new (MC_TYPE_SECRETS, NULL);
  char *real;

  g_return_val_if_fail (profile_path != NULL, NULL);
  real = realpath (profile_path, NULL);
  self->profile = real ? g_strdup (real) : g_canonicalize_filename (profile_path, NULL);
  free (real);
  return self;
}

const char *
mc_secrets_get_profile (McSecrets *self)
{
  return self->profile;
}

gboolean
mc_secrets_store_sync (McSecrets     *self,
                       const char    *source_id,
                       McSecretKind   kind,
                       const char    *secret,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *dir = g_path_get_dirname (self->profile);
  g_autofree char *profile_name = g_path_get_basename (dir);
  /* The label is what Seahorse shows: which profile, source and kind, never the value. */
  g_autofree char *label = g_strdup_printf ("Một Cửa: %s, %s (%s)", profile_name, source_id, kinds[kind].name);
  GError *local = NULL;

  g_return_val_if_fail (MC_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (kind < MC_SECRET_N_KINDS && source_id != NULL && secret != NULL, FALSE);
  if (!secret_password_store_sync (credential_schema (), SECRET_COLLECTION_DEFAULT, label, secret, cancellable,
                                   &local, "profile", self->profile, "source", source_id,
                                   "kind", kinds[kind].name, NULL))
    {
      propagate (local, error, source_id, OP_KEEP);
      return FALSE;
    }
  return TRUE;
}

char *
mc_secrets_lookup_sync (McSecrets     *self,
                        const char    *source_id,
                        McSecretKind   kind,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GError *local = NULL;
  char *value;

  g_return_val_if_fail (MC_IS_SECRETS (self), NULL);
  g_return_val_if_fail (kind < MC_SECRET_N_KINDS && source_id != NULL, NULL);
  value = secret_password_lookup_sync (credential_schema (), cancellable, &local, "profile", self->profile,
                                       "source", source_id, "kind", kinds[kind].name, NULL);
  if (local != NULL)
    propagate (local, error, source_id, OP_READ);
  return value;
}

gboolean
mc_secrets_delete_sync (McSecrets     *self,
                        const char    *source_id,
                        McSecretKind   kind,
                        GCancellable  *cancellable,
                        GError       **error)
{
  GError *local = NULL;

  g_return_val_if_fail (MC_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (kind < MC_SECRET_N_KINDS && source_id != NULL, FALSE);
  /* FALSE without an error: there was nothing to delete, which is what the caller wants. */
  secret_password_clear_sync (credential_schema (), cancellable, &local, "profile", self->profile,
                              "source", source_id, "kind", kinds[kind].name, NULL);
  if (local != NULL)
    {
      propagate (local, error, source_id, OP_DELETE);
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_secrets_clear_source_sync (McSecrets     *self,
                              const char    *source_id,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GError *local = NULL;

  g_return_val_if_fail (MC_IS_SECRETS (self), FALSE);
  g_return_val_if_fail (source_id != NULL, FALSE);
  secret_password_clear_sync (credential_schema (), cancellable, &local, "profile", self->profile,
                              "source", source_id, NULL);
  if (local != NULL)
    {
      propagate (local, error, source_id, OP_CLEAR);
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_secrets_clear_tokens_sync (McSecrets     *self,
                              const char    *source_id,
                              GCancellable  *cancellable,
                              GError       **error)
{
  static const McSecretKind tokens[] = {
    MC_SECRET_ACCESS_TOKEN, MC_SECRET_REFRESH_TOKEN, MC_SECRET_SESSION_COOKIE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    if (!mc_secrets_delete_sync (self, source_id, tokens[i], cancellable, error))
      return FALSE;
  return TRUE;
}

/* "Văn hóa, Thể thao và Du lịch: no application key is kept for this source: sign in": the
 * ministry by its name, as the official knows it. */
static void
set_missing (GError         **error,
             const McSource  *source,
             McSecretKind     kind)
{
  g_autofree char *what = g_utf8_strdown (mc_secret_kind_label (kind), -1);

  g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_MISSING, _("%s: no %s is kept for this source: sign in"),
               source->name, what);
}

/* The audit key is kept beside the credentials, as the "audit-key" of no source. */
#define AUDIT_KEY_KIND "audit-key"
#define AUDIT_KEY_BYTES 32

static void
wipe_free (gpointer data)
{
  memset (data, 0, AUDIT_KEY_BYTES);
  g_free (data);
}

static GBytes *
audit_key_from_hex (const char *hex)
{
  guint8 *key;

  if (hex == NULL || strlen (hex) != 2 * AUDIT_KEY_BYTES)
    return NULL;
  key = g_malloc (AUDIT_KEY_BYTES);
  for (guint i = 0; i < AUDIT_KEY_BYTES; i++)
    {
      int hi = g_ascii_xdigit_value (hex[2 * i]), lo = g_ascii_xdigit_value (hex[2 * i + 1]);

      if (hi < 0 || lo < 0)
        {
          wipe_free (key);
          return NULL;
        }
      key[i] = hi << 4 | lo;
    }
  return g_bytes_new_with_free_func (key, AUDIT_KEY_BYTES, wipe_free, key);
}

static char *
new_audit_key_hex (GError **error)
{
  g_autoptr(GFile) urandom = g_file_new_for_path ("/dev/urandom");
  g_autoptr(GFileInputStream) in = g_file_read (urandom, NULL, error);
  guint8 key[AUDIT_KEY_BYTES];
  char *hex;
  gsize got = 0;

  if (in == NULL || !g_input_stream_read_all (G_INPUT_STREAM (in), key, sizeof key, &got, NULL, error))
    return NULL;
  if (got != sizeof key)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "short read from /dev/urandom");
      return NULL;
    }
  hex = g_malloc (2 * AUDIT_KEY_BYTES + 1);
  for (guint i = 0; i < AUDIT_KEY_BYTES; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", key[i]);
  memset (key, 0, sizeof key);
  return hex;
}

GBytes *
mc_secrets_audit_key_sync (McSecrets     *self,
                           gboolean       create,
                           GCancellable  *cancellable,
                           GError       **error)
{
  GError *local = NULL;
  char *hex;
  GBytes *key;

  g_return_val_if_fail (MC_IS_SECRETS (self), NULL);
  hex = secret_password_lookup_sync (credential_schema (), cancellable, &local, "profile", self->profile,
                                     "source", "", "kind", AUDIT_KEY_KIND, NULL);
  if (local != NULL)
    {
      g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE,
                   _("The Secret Service cannot read the audit key: %s"), local->message);
      g_error_free (local);
      return NULL;
    }
  if (hex == NULL && create)
    {
      g_autofree char *dir = g_path_get_dirname (self->profile);
      g_autofree char *profile_name = g_path_get_basename (dir);
      g_autofree char *label = g_strdup_printf ("Một Cửa: %s, audit key", profile_name);

      if (!(hex = new_audit_key_hex (error)))
        return NULL;
      if (!secret_password_store_sync (credential_schema (), SECRET_COLLECTION_DEFAULT, label, hex, cancellable,
                                       &local, "profile", self->profile, "source", "", "kind", AUDIT_KEY_KIND, NULL))
        {
          g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE,
                       _("The Secret Service cannot keep the audit key: %s"), local->message);
          g_error_free (local);
          memset (hex, 0, strlen (hex));
          g_free (hex);
          return NULL;
        }
      /* Two processes may have created one at once: use the one that was kept. */
      memset (hex, 0, strlen (hex));
      g_free (hex);
      return mc_secrets_audit_key_sync (self, FALSE, cancellable, error);
    }
  if (hex == NULL)
    return NULL;
  key = audit_key_from_hex (hex);
  secret_password_free (hex);
  if (key == NULL)
    g_set_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_UNAVAILABLE, _("The audit key in the keyring is not valid"));
  return key;
}

GHashTable *
mc_secrets_load_source_sync (McSecrets       *self,
                             const McSource  *source,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_autoptr(GHashTable) secrets = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                          (GDestroyNotify) mc_secrets_free);
  McSecretKind sign_in = mc_secret_kind_for_sign_in (source->dialect);
  GError *local = NULL;
  char *value;

  if (!(value = mc_secrets_lookup_sync (self, source->id, sign_in, cancellable, &local)))
    {
      if (local != NULL)
        g_propagate_error (error, local);
      else
        set_missing (error, source, sign_in);
      return NULL;
    }
  /* The connectors read the sign-in secret as "password", whatever its kind. */
  g_hash_table_insert (secrets, (gpointer) "password", value);
  if (mc_secrets_dialect_needs_api_key (source->dialect))
    {
      if (!(value = mc_secrets_lookup_sync (self, source->id, MC_SECRET_API_KEY, cancellable, &local)))
        {
          if (local != NULL)
            g_propagate_error (error, local);
          else
            set_missing (error, source, MC_SECRET_API_KEY);
          return NULL;
        }
      g_hash_table_insert (secrets, (gpointer) "api-key", value);
    }
  return g_steal_pointer (&secrets);
}

/* Async: one operation, run by its blocking twin in a thread. */

typedef enum { OP_STORE, OP_LOOKUP, OP_REMOVE, OP_CLEAR_SOURCE, OP_LOAD_SOURCE } OpType;

typedef struct
{
  OpType type;
  char *source_id;
  McSecretKind kind;
  char *secret;
  McSource *source;
} Op;

static void
op_free (Op *op)
{
  if (op->secret != NULL)
    memset (op->secret, 0, strlen (op->secret));
  g_free (op->secret);
  g_free (op->source_id);
  g_clear_pointer (&op->source, mc_source_free);
  g_free (op);
}

static void
op_thread (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  McSecrets *self = source_object;
  Op *op = task_data;
  GError *error = NULL;
  gboolean ok = FALSE;

  switch (op->type)
    {
    case OP_STORE:
      ok = mc_secrets_store_sync (self, op->source_id, op->kind, op->secret, cancellable, &error);
      break;
    case OP_REMOVE:
      ok = mc_secrets_delete_sync (self, op->source_id, op->kind, cancellable, &error);
      break;
    case OP_CLEAR_SOURCE:
      ok = mc_secrets_clear_source_sync (self, op->source_id, cancellable, &error);
      break;
    case OP_LOOKUP:
      {
        char *value = mc_secrets_lookup_sync (self, op->source_id, op->kind, cancellable, &error);

        if (error == NULL)
          g_task_return_pointer (task, value, (GDestroyNotify) mc_secrets_free);
        else
          g_task_return_error (task, error);
        return;
      }
    case OP_LOAD_SOURCE:
      {
        GHashTable *secrets = mc_secrets_load_source_sync (self, op->source, cancellable, &error);

        if (secrets != NULL)
          g_task_return_pointer (task, secrets, (GDestroyNotify) g_hash_table_unref);
        else
          g_task_return_error (task, error);
        return;
      }
    }
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
run_op (McSecrets           *self,
        Op                  *op,
        gpointer             tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, tag);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  g_task_run_in_thread (task, op_thread);
}

static Op *
op_new (OpType        type,
        const char   *source_id,
        McSecretKind  kind)
{
  Op *op = g_new0 (Op, 1);

  op->type = type;
  op->source_id = g_strdup (source_id);
  op->kind = kind;
  return op;
}

void
mc_secrets_store_async (McSecrets           *self,
                        const char          *source_id,
                        McSecretKind         kind,
                        const char          *secret,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Op *op = op_new (OP_STORE, source_id, kind);

  op->secret = g_strdup (secret);
  run_op (self, op, mc_secrets_store_async, cancellable, callback, user_data);
}

gboolean
mc_secrets_store_finish (McSecrets     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_secrets_lookup_async (McSecrets           *self,
                         const char          *source_id,
                         McSecretKind         kind,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  run_op (self, op_new (OP_LOOKUP, source_id, kind), mc_secrets_lookup_async, cancellable, callback, user_data);
}

/* Returns: (transfer full) (nullable): free with mc_secrets_free (); NULL and no error when
 * nothing is stored. */
char *
mc_secrets_lookup_finish (McSecrets     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mc_secrets_delete_async (McSecrets           *self,
                         const char          *source_id,
                         McSecretKind         kind,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  run_op (self, op_new (OP_REMOVE, source_id, kind), mc_secrets_delete_async, cancellable, callback, user_data);
}

gboolean
mc_secrets_delete_finish (McSecrets     *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_secrets_clear_source_async (McSecrets           *self,
                               const char          *source_id,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  run_op (self, op_new (OP_CLEAR_SOURCE, source_id, 0), mc_secrets_clear_source_async, cancellable, callback,
          user_data);
}

gboolean
mc_secrets_clear_source_finish (McSecrets     *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mc_secrets_load_source_async (McSecrets           *self,
                              const McSource      *source,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Op *op = op_new (OP_LOAD_SOURCE, source->id, 0);

  op->source = mc_source_copy (source);
  run_op (self, op, mc_secrets_load_source_async, cancellable, callback, user_data);
}

GHashTable *
mc_secrets_load_source_finish (McSecrets     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
