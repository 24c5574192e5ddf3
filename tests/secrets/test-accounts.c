/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cli-test-util.h"
#include "mc-connection-test.h"
#include "mc-secrets.h"
#include "mc-sign-in.h"
#include "mc-store-actions.h"
#include "mc-store-outbox.h"
#include "secrets-test-util.h"
#include "sync-test-util.h"

/* Accounts end to end, with a real Secret Service, the simulator over loopback HTTP(S), the
 * sync engine and motcuactl: no credential leaks anywhere, sessions survive a restart, a
 * refused password stops only its source until the official signs in again, TLS pinning, test
 * connection, and profiles kept apart. */

#define PASSWORD "Mật-khẩu-rất-riêng-7Q9z"
#define WRONG "sai-mat-khau-4711"

typedef struct
{
  SyncFixture f;
  McSecrets *keyring;
} Accounts;

static void
accounts_setup (Accounts        *a,
                guint            n_dossiers,
                guint            mask,
                GTlsCertificate *certificate)
{
  g_autoptr(GError) error = NULL;

  a->f.sim = mc_sim_new (20260609, n_dossiers, mask);
  mc_sim_set_password (a->f.sim, PASSWORD);
  if (certificate != NULL)
    mc_sim_set_tls_certificate (a->f.sim, certificate);
  g_assert_true (mc_sim_start (a->f.sim, 0, &error));
  g_assert_no_error (error);
  a->f.dir = g_dir_make_tmp ("motcua-accounts-XXXXXX", &error);
  a->f.db_path = g_build_filename (a->f.dir, "motcua.db", NULL);
  a->f.store = mc_store_open (a->f.db_path, MC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  a->keyring = mc_secrets_new (a->f.db_path);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (mask & (1u << i))
      {
        g_autoptr(McSource) s = sync_fixture_source (&a->f, i);

        g_assert_true (mc_store_add_source (a->f.store, s, &error));
        g_assert_true (mc_sign_in_keep (a->keyring, s, PASSWORD,
                                        mc_secrets_dialect_needs_api_key (s->dialect) ? MC_SIM_DEFAULT_API_KEY : NULL,
                                        NULL, &error));
        g_assert_no_error (error);
      }
}

static void
accounts_teardown (Accounts *a)
{
  g_autoptr(GPtrArray) sources = mc_store_list_sources (a->f.store, NULL);

  for (guint i = 0; i < sources->len; i++)
    mc_secrets_clear_source_sync (a->keyring, ((McSource *) g_ptr_array_index (sources, i))->id, NULL, NULL);
  g_clear_object (&a->keyring);
  sync_fixture_teardown (&a->f);
}

/* An engine over every source of the profile, with the credentials from the keyring. */
static McSyncEngine *
accounts_engine (Accounts *a)
{
  McSyncEngine *engine = mc_sync_engine_new (a->f.db_path);
  g_autoptr(GPtrArray) sources = mc_store_list_sources (a->f.store, NULL);

  mc_sync_engine_set_page_size (engine, 25);
  mc_sync_engine_set_keyring (engine, a->keyring);
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) secrets = mc_secrets_load_source_sync (a->keyring, s, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (mc_sync_engine_add_source (engine, s, secrets, &error));
    }
  return engine;
}

static McSyncProgress
progress_of (McSyncEngine *engine,
             const char   *source_id)
{
  McSyncProgress p;

  g_assert_true (mc_sync_engine_get_progress (engine, source_id, &p));
  return p;
}

static char *
keyring_get (Accounts     *a,
             const char   *source_id,
             McSecretKind  kind)
{
  g_autoptr(GError) error = NULL;
  char *value = mc_secrets_lookup_sync (a->keyring, source_id, kind, NULL, &error);
  char *copy = g_strdup (value);

  g_assert_no_error (error);
  mc_secrets_free (value);
  return copy;
}

/* motcuactl on the fixture's profile: @input on stdin; stdout, then stderr. */
static char *
run_ctl (Accounts    *a,
         const char  *input,
         int         *out_status,
         const char  *first,
         ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_auto(CliRun) r = { 0 };
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  cli_run_program (&r, g_getenv ("MOTCUACTL"), a->f.dir, NULL, input, (const char * const *) args->pdata);
  *out_status = r.status;
  return g_strconcat (r.out, r.err, NULL);
}

static void
assert_nowhere (Accounts   *a,
                const char *secret,
                const char *output)
{
  g_autofree char *file = secrets_test_find_in_dir (a->f.dir, secret);
  g_autofree char *log = secrets_test_log_text ();

  g_assert_nonnull (secret);
  g_assert_cmpstr (file, ==, NULL);
  g_assert_null (strstr (log, secret));
  if (output != NULL)
    g_assert_null (strstr (output, secret));
}

/* After signing in and syncing every dialect, the password, the application key and every
 * session are in the keyring and nowhere else: not in the database, its WAL or -shm, not in
 * the log, not in motcuactl's output. A restart reuses the kept sessions. */
static void
test_no_leak (void)
{
  static const McSecretKind sessions[] = {
    [MC_SIM_DVCQG] = MC_SECRET_ACCESS_TOKEN, [MC_SIM_LGSP] = MC_SECRET_ACCESS_TOKEN,
    [MC_SIM_REST] = MC_SECRET_ACCESS_TOKEN, [MC_SIM_FEED] = MC_SECRET_ACCESS_TOKEN,
    [MC_SIM_LEGACY] = MC_SECRET_SESSION_COOKIE,
  };
  Accounts a = { 0 };
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McSyncEngine) restarted = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) outputs = g_string_new (NULL);
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (g_free);
  const char *commands[][4] = {
    { "sync", "--once", NULL }, { "sources", "list", "--json", NULL }, { "sources", "test", "g16", NULL },
    { "sources", "test", "g21", NULL }, { "list", NULL },
  };
  int status;

  g_test_log_set_fatal_handler (NULL, NULL);
  accounts_setup (&a, 60, MC_SIM_ALL_DIALECTS, NULL);
  engine = accounts_engine (&a);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      const char *id = mc_sim_dialect_source_id (i);
      char *token = keyring_get (&a, id, sessions[i]);

      sync_assert_matches (&a.f, i);
      g_assert_nonnull (token);
      g_ptr_array_add (tokens, token);
    }
  g_ptr_array_add (tokens, keyring_get (&a, "g18", MC_SECRET_REFRESH_TOKEN));
  g_assert_nonnull (g_ptr_array_index (tokens, tokens->len - 1));

  /* A restart: new engine, new connectors. Nothing new on the servers: one request each, the
   * pull; no sign-in. */
  g_clear_object (&engine);
  restarted = accounts_engine (&a);
  g_assert_true (sync_engine_run (restarted, NULL, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    g_assert_cmpuint (progress_of (restarted, mc_sim_dialect_source_id (i)).requests, ==, 1);

  /* The command line on the same profile, a new password read from stdin included. */
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *out = run_ctl (&a, NULL, &status, commands[i][0], commands[i][1], commands[i][2],
                                      commands[i][3], NULL);

      g_assert_cmpint (status, ==, 0);
      g_string_append (outputs, out);
    }
  {
    g_autofree char *out = run_ctl (&a, PASSWORD "\n", &status, "sources", "signin", "g03", NULL);

    g_assert_cmpint (status, ==, 0);
    g_string_append (outputs, out);
  }
  g_assert_nonnull (strstr (outputs->str, "g03"));
  /* motcuactl's own sync kept its sessions too. */
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (i != MC_SIM_DVCQG)  /* signed in again above: its session was dropped */
      g_ptr_array_add (tokens, keyring_get (&a, mc_sim_dialect_source_id (i), sessions[i]));

  assert_nowhere (&a, PASSWORD, outputs->str);
  assert_nowhere (&a, MC_SIM_DEFAULT_API_KEY, outputs->str);
  for (guint i = 0; i < tokens->len; i++)
    assert_nowhere (&a, g_ptr_array_index (tokens, i), outputs->str);
  g_clear_object (&restarted);
  accounts_teardown (&a);
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
sign_in (McSyncEngine  *engine,
         McSecrets     *keyring,
         const char    *source_id,
         const char    *password,
         GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mc_sign_in_async (engine, keyring, source_id, password, NULL, NULL, done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return mc_sign_in_finish (engine, result, error);
}

/* A refused password (each dialect, the legacy HTML login page included) stops that source
 * only; the timer does not try it again; signing in again resumes it. */
static void
test_sign_in_needed (gconstpointer data)
{
  McSimDialect bad = GPOINTER_TO_UINT (data);
  const char *bad_id = mc_sim_dialect_source_id (bad);
  Accounts a = { 0 };
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  accounts_setup (&a, 30, MC_SIM_ALL_DIALECTS, NULL);
  source = mc_store_get_source (a.f.store, bad_id, NULL);
  g_assert_true (mc_secrets_store_sync (a.keyring, bad_id, mc_secret_kind_for_sign_in (source->dialect), WRONG,
                                        NULL, NULL));
  engine = accounts_engine (&a);
  g_assert_false (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_nonnull (strstr (error->message, source->name));
  g_assert_null (strstr (error->message, bad_id));
  g_assert_null (strstr (error->message, WRONG));
  g_clear_error (&error);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      McSyncProgress p = progress_of (engine, mc_sim_dialect_source_id (i));

      g_assert_cmpint (p.state, ==, i == bad ? MC_SYNC_STATE_SIGN_IN_NEEDED : MC_SYNC_STATE_IDLE);
      if (i != bad)
        sync_assert_matches (&a.f, i);
    }
  g_assert_cmpint (sync_count (&a.f, bad_id), ==, 0);

  /* "Sync now" and the timer leave it waiting for the official (no lockout by retries). */
  mc_sync_engine_sync_now (engine, NULL);
  g_assert_cmpint (progress_of (engine, bad_id).state, ==, MC_SYNC_STATE_SIGN_IN_NEEDED);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    while (progress_of (engine, mc_sim_dialect_source_id (i)).state == MC_SYNC_STATE_SYNCING)
      g_main_context_iteration (NULL, TRUE);

  /* Wrong again: still sign-in needed, the others untouched. */
  g_assert_false (sign_in (engine, a.keyring, bad_id, WRONG "-2", &error));
  g_assert_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_AUTH);
  g_clear_error (&error);
  g_assert_cmpint (progress_of (engine, bad_id).state, ==, MC_SYNC_STATE_SIGN_IN_NEEDED);

  g_assert_true (sign_in (engine, a.keyring, bad_id, PASSWORD, &error));
  g_assert_no_error (error);
  g_assert_cmpint (progress_of (engine, bad_id).state, ==, MC_SYNC_STATE_IDLE);
  sync_assert_matches (&a.f, bad);
  kept = keyring_get (&a, bad_id, mc_secret_kind_for_sign_in (source->dialect));
  g_assert_cmpstr (kept, ==, PASSWORD);
  g_clear_object (&engine);
  accounts_teardown (&a);
}

static McConnectionReport *
test_connection (Accounts       *a,
                 const McSource *source,
                 const char     *password)
{
  g_autoptr(GHashTable) secrets = sync_test_secrets (password);

  return mc_connection_test_sync (source, secrets, NULL);
}

/* Each failure is named for what it is. */
static void
test_connection_reports (void)
{
  Accounts a = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(McConnectionReport) async_report = NULL;

  accounts_setup (&a, 20, MC_SIM_ALL_DIALECTS, NULL);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autoptr(McSource) s = sync_fixture_source (&a.f, i);
      g_autoptr(McConnectionReport) ok = test_connection (&a, s, PASSWORD);
      g_autoptr(McConnectionReport) wrong = test_connection (&a, s, WRONG);

      g_assert_cmpint (ok->result, ==, MC_CONNECTION_OK);
      g_assert_null (ok->detail);
      g_assert_cmpint (wrong->result, ==, MC_CONNECTION_WRONG_PASSWORD);
      g_assert_null (strstr (wrong->summary, WRONG));
      g_assert_null (strstr (wrong->detail, WRONG));
      if (i != MC_SIM_FEED)  /* the feed dialect takes no unit code */
        {
          g_autoptr(McConnectionReport) unit = NULL;

          g_free (s->unit_code);
          s->unit_code = g_strdup ("000.00.99.H99");
          unit = test_connection (&a, s, PASSWORD);
          g_assert_cmpint (unit->result, ==, MC_CONNECTION_UNIT_UNKNOWN);
          g_assert_nonnull (strstr (unit->summary, "000.00.99.H99"));
        }
    }
  /* Another dialect's system at the address. */
  {
    static const McSimDialect pairs[][2] = {
      { MC_SIM_REST, MC_SIM_LEGACY }, { MC_SIM_LGSP, MC_SIM_DVCQG }, { MC_SIM_DVCQG, MC_SIM_REST },
      { MC_SIM_LEGACY, MC_SIM_FEED }, { MC_SIM_FEED, MC_SIM_LGSP },
    };

    for (guint i = 0; i < G_N_ELEMENTS (pairs); i++)
      {
        g_autoptr(McSource) s = sync_fixture_source (&a.f, pairs[i][0]);
        g_autoptr(McConnectionReport) r = NULL;

        g_free (s->base_url);
        s->base_url = mc_sim_get_base_url (a.f.sim, pairs[i][1]);
        r = test_connection (&a, s, PASSWORD);
        if (r->result != MC_CONNECTION_WRONG_DIALECT)
          g_test_message ("%s at %s: %s (%s)", s->dialect, mc_sim_dialect_name (pairs[i][1]), r->summary,
                          r->detail);
        g_assert_cmpint (r->result, ==, MC_CONNECTION_WRONG_DIALECT);
      }
  }
  /* Down, asynchronously as the Preferences window asks. */
  sync_fixture_control (&a.f, "faults", "{\"dialect\":\"lgsp\",\"outage\":true}");
  {
    g_autoptr(McSource) s = sync_fixture_source (&a.f, MC_SIM_LGSP);
    g_autoptr(GHashTable) secrets = sync_test_secrets (PASSWORD);

    mc_connection_test_async (s, secrets, NULL, done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    async_report = mc_connection_test_finish (result, NULL);
    g_assert_cmpint (async_report->result, ==, MC_CONNECTION_UNREACHABLE);
    g_assert_nonnull (strstr (async_report->summary, s->base_url));
  }
  accounts_teardown (&a);
}

/* A self-signed HTTPS system is refused, with its fingerprint, until that fingerprint is
 * pinned; then it syncs. Another certificate is refused even with the first one's pin. */
static void
test_tls_pinning (void)
{
  g_autofree char *dir = g_dir_make_tmp ("motcua-tls-XXXXXX", NULL);
  g_autofree char *fp_a = NULL, *fp_b = NULL;
  g_autoptr(GTlsCertificate) cert_a = secrets_test_certificate (dir, "a", &fp_a);
  g_autoptr(GTlsCertificate) cert_b = secrets_test_certificate (dir, "b", &fp_b);
  Accounts a = { 0 }, b = { 0 };
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSource) pinned = NULL;
  g_autoptr(McConnectionReport) refused = NULL;
  g_autoptr(McConnectionReport) accepted = NULL;
  g_autoptr(McConnectionReport) other = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *out = NULL;
  McSyncProgress p;
  int status;

  g_assert_cmpstr (fp_a, !=, fp_b);
  accounts_setup (&a, 30, 1u << MC_SIM_REST, cert_a);
  source = mc_store_get_source (a.f.store, "g16", &error);
  g_assert_true (g_str_has_prefix (source->base_url, "https://"));

  refused = test_connection (&a, source, PASSWORD);
  g_assert_cmpint (refused->result, ==, MC_CONNECTION_CERTIFICATE);
  g_assert_cmpstr (refused->fingerprint, ==, fp_a);
  g_assert_nonnull (strstr (refused->summary, fp_a));
  /* The ministry by its name, not the source's id. */
  g_assert_nonnull (strstr (refused->summary, source->name));
  g_assert_null (strstr (refused->summary, "g16"));
  engine = accounts_engine (&a);
  g_assert_false (sync_engine_run (engine, NULL, FALSE, &error));
  g_clear_error (&error);
  p = progress_of (engine, "g16");
  g_assert_null (strstr (p.message, "g16"));
  g_assert_nonnull (strstr (p.message, "not trusted"));
  g_assert_nonnull (strstr (p.message, fp_a));
  g_assert_cmpint (sync_count (&a.f, "g16"), ==, 0);
  g_clear_object (&engine);

  /* Pinned from the command line, as pasted: lowercase, no colons. */
  lower = g_ascii_strdown (fp_a, -1);
  for (char *r = lower, *w = lower;; r++)
    if (*r != ':' && !(*w++ = *r))
      break;
  g_free (run_ctl (&a, NULL, &status, "sources", "pin", "g16", "not-a-fingerprint", NULL));
  g_assert_cmpint (status, ==, 2);
  out = run_ctl (&a, NULL, &status, "sources", "pin", "g16", lower, NULL);
  g_assert_cmpint (status, ==, 0);
  pinned = mc_store_get_source (a.f.store, "g16", &error);
  g_assert_cmpstr (pinned->pinned_certificate, ==, fp_a);
  accepted = test_connection (&a, pinned, PASSWORD);
  g_assert_cmpint (accepted->result, ==, MC_CONNECTION_OK);
  engine = accounts_engine (&a);
  g_assert_true (sync_engine_run (engine, NULL, FALSE, &error));
  g_assert_no_error (error);
  sync_assert_matches (&a.f, MC_SIM_REST);
  g_clear_object (&engine);

  /* Another server, another certificate, the first one's pin: refused. */
  accounts_setup (&b, 10, 1u << MC_SIM_REST, cert_b);
  url = mc_sim_get_base_url (b.f.sim, MC_SIM_REST);
  g_free (pinned->base_url);
  pinned->base_url = g_strdup (url);
  other = test_connection (&b, pinned, PASSWORD);
  g_assert_cmpint (other->result, ==, MC_CONNECTION_CERTIFICATE);
  g_assert_cmpstr (other->fingerprint, ==, fp_b);

  accounts_teardown (&b);
  accounts_teardown (&a);
  {
    const char *files[] = { "a.pem", "a.key", "b.pem", "b.key" };

    for (guint i = 0; i < G_N_ELEMENTS (files); i++)
      {
        g_autofree char *path = g_build_filename (dir, files[i], NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

/* Two profiles on one computer: disjoint dossiers, outbox and credentials. */
static void
test_profiles (void)
{
  Accounts a = { 0 }, b = { 0 };
  g_autoptr(McSyncEngine) ea = NULL, eb = NULL;
  g_autoptr(GError) error = NULL;
  McOutboxFilter all = { NULL, -1, 0, 0 };
  g_autoptr(GPtrArray) out_a = NULL, out_b = NULL;
  McStoreFilter filter = { 0 };
  g_autoptr(GArray) ids = NULL;
  gboolean acted = FALSE;

  accounts_setup (&a, 30, 1u << MC_SIM_REST, NULL);
  accounts_setup (&b, 30, 1u << MC_SIM_LGSP, NULL);
  ea = accounts_engine (&a);
  eb = accounts_engine (&b);
  g_assert_true (sync_engine_run (ea, NULL, FALSE, &error));
  g_assert_true (sync_engine_run (eb, NULL, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mc_store_count (a.f.store, &filter, NULL), ==, sync_count (&a.f, "g16"));
  g_assert_cmpint (mc_store_count (b.f.store, &filter, NULL), ==, sync_count (&b.f, "g09"));
  g_assert_cmpint (sync_count (&a.f, "g09"), ==, 0);
  g_assert_cmpint (sync_count (&b.f, "g16"), ==, 0);

  /* An action in A reaches A's outbox only. */
  ids = mc_store_list (a.f.store, &filter, &error);
  for (guint i = 0; i < ids->len && !acted; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GArray) allowed = mc_store_actions_allowed (a.f.store, id, NULL);
      McActionInput in = { .note = "Ghi chú" };

      for (guint k = 0; allowed && k < allowed->len && !acted; k++)
        {
          McAction action = g_array_index (allowed, McAction, k);

          if ((mc_action_needs (action) & ~MC_ACTION_NEEDS_NOTE) == 0)
            acted = mc_store_apply_action (a.f.store, id, action, &in, "Cán bộ A", NULL);
        }
    }
  g_assert_true (acted);
  out_a = mc_store_outbox_list (a.f.store, &all, &error);
  out_b = mc_store_outbox_list (b.f.store, &all, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (out_a->len, ==, 1);
  g_assert_cmpuint (out_b->len, ==, 0);

  /* Credentials: each profile's keyring view holds its own sources only. */
  {
    g_autofree char *a_own = keyring_get (&a, "g16", MC_SECRET_PASSWORD);
    g_autofree char *b_own = keyring_get (&b, "g09", MC_SECRET_CLIENT_SECRET);
    g_autofree char *a_other = keyring_get (&a, "g09", MC_SECRET_CLIENT_SECRET);
    g_autofree char *b_other = keyring_get (&b, "g16", MC_SECRET_PASSWORD);
    g_autofree char *a_token = keyring_get (&a, "g16", MC_SECRET_ACCESS_TOKEN);
    g_autofree char *b_token = keyring_get (&b, "g16", MC_SECRET_ACCESS_TOKEN);

    g_assert_cmpstr (a_own, ==, PASSWORD);
    g_assert_cmpstr (b_own, ==, PASSWORD);
    g_assert_null (a_other);
    g_assert_null (b_other);
    g_assert_nonnull (a_token);
    g_assert_null (b_token);
  }
  g_clear_object (&ea);
  g_clear_object (&eb);
  accounts_teardown (&b);
  accounts_teardown (&a);
}

int
main (int    argc,
      char **argv)
{
  if (!secrets_test_init (&argc, &argv))
    return 0;
  g_test_add_func ("/accounts/no-leak", test_no_leak);
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    {
      g_autofree char *path = g_strdup_printf ("/accounts/sign-in-needed/%s", mc_sim_dialect_name (i));

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_sign_in_needed);
    }
  g_test_add_func ("/accounts/test-connection", test_connection_reports);
  g_test_add_func ("/accounts/tls-pinning", test_tls_pinning);
  g_test_add_func ("/accounts/profiles", test_profiles);
  return g_test_run ();
}
