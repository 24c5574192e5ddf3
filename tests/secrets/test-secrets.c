/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mc-accounts.h"
#include "mc-sample.h"
#include "mc-secrets.h"
#include "mc-store-actions.h"
#include "mc-time.h"
#include "mc-store-sync.h"
#include "mc-store.h"
#include "secrets-test-util.h"

/* McSecrets against a real Secret Service (gnome-keyring in a private D-Bus session): every
 * kind stored, read, replaced and deleted; a removed source takes its credentials; profiles
 * never see each other's. */

typedef struct
{
  char *dir;
  char *db_path;
  McStore *store;
  McSecrets *secrets;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("motcua-secrets-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "motcua.db", NULL);
  f->store = mc_store_open (f->db_path, MC_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->secrets = mc_secrets_new (mc_store_get_path (f->store));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = mc_store_list_sources (f->store, &error);

  for (guint i = 0; sources && i < sources->len; i++)
    mc_secrets_clear_source_sync (f->secrets, ((McSource *) g_ptr_array_index (sources, i))->id, NULL, NULL);
  g_clear_object (&f->secrets);
  g_clear_object (&f->store);
  {
    g_autofree char *wal = g_strconcat (f->db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (f->db_path, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_unlink (f->db_path);
  g_rmdir (f->dir);
  g_free (f->db_path);
  g_free (f->dir);
}

static char *
lookup (McSecrets    *secrets,
        const char   *source_id,
        McSecretKind  kind)
{
  g_autoptr(GError) error = NULL;
  char *value = mc_secrets_lookup_sync (secrets, source_id, kind, NULL, &error);
  char *copy;

  g_assert_no_error (error);
  copy = g_strdup (value);
  mc_secrets_free (value);
  return copy;
}

static void
test_each_kind (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  for (McSecretKind k = 0; k < MC_SECRET_N_KINDS; k++)
    {
      g_autofree char *first = g_strdup_printf ("bí-mật-%s-1", mc_secret_kind_name (k));
      g_autofree char *second = g_strdup_printf ("bí-mật-%s-2", mc_secret_kind_name (k));
      g_autofree char *none = lookup (f->secrets, "g09", k);
      g_autofree char *got1 = NULL, *got2 = NULL, *gone = NULL;
      McSecretKind back;

      g_assert_true (mc_secret_kind_from_name (mc_secret_kind_name (k), &back));
      g_assert_cmpint (back, ==, k);
      g_assert_null (none);
      g_assert_true (mc_secrets_store_sync (f->secrets, "g09", k, first, NULL, &error));
      g_assert_no_error (error);
      got1 = lookup (f->secrets, "g09", k);
      g_assert_cmpstr (got1, ==, first);
      /* Storing again replaces: one item, the new value. */
      g_assert_true (mc_secrets_store_sync (f->secrets, "g09", k, second, NULL, &error));
      got2 = lookup (f->secrets, "g09", k);
      g_assert_cmpstr (got2, ==, second);
      g_assert_true (mc_secrets_delete_sync (f->secrets, "g09", k, NULL, &error));
      g_assert_no_error (error);
      gone = lookup (f->secrets, "g09", k);
      g_assert_null (gone);
      /* Deleting what is not there is not an error. */
      g_assert_true (mc_secrets_delete_sync (f->secrets, "g09", k, NULL, &error));
      g_assert_no_error (error);
    }
}

/* Kinds do not overwrite each other, and sources do not see each other's. */
static void
test_kinds_apart (Fixture       *f,
                  gconstpointer  data)
{
  for (McSecretKind k = 0; k < MC_SECRET_N_KINDS; k++)
    for (guint s = 0; s < 2; s++)
      {
        g_autofree char *value = g_strdup_printf ("%u-%s", s, mc_secret_kind_name (k));

        g_assert_true (mc_secrets_store_sync (f->secrets, s ? "g16" : "g09", k, value, NULL, NULL));
      }
  for (McSecretKind k = 0; k < MC_SECRET_N_KINDS; k++)
    for (guint s = 0; s < 2; s++)
      {
        g_autofree char *want = g_strdup_printf ("%u-%s", s, mc_secret_kind_name (k));
        g_autofree char *got = lookup (f->secrets, s ? "g16" : "g09", k);

        g_assert_cmpstr (got, ==, want);
      }
  /* The tokens go, the password and key stay (a new sign-in). */
  g_assert_true (mc_secrets_clear_tokens_sync (f->secrets, "g09", NULL, NULL));
  {
    g_autofree char *password = lookup (f->secrets, "g09", MC_SECRET_PASSWORD);
    g_autofree char *token = lookup (f->secrets, "g09", MC_SECRET_ACCESS_TOKEN);
    g_autofree char *refresh = lookup (f->secrets, "g09", MC_SECRET_REFRESH_TOKEN);
    g_autofree char *cookie = lookup (f->secrets, "g09", MC_SECRET_SESSION_COOKIE);
    g_autofree char *other = lookup (f->secrets, "g16", MC_SECRET_ACCESS_TOKEN);

    g_assert_cmpstr (password, ==, "0-password");
    g_assert_null (token);
    g_assert_null (refresh);
    g_assert_null (cookie);
    g_assert_cmpstr (other, ==, "1-access-token");
  }
  g_assert_true (mc_secrets_clear_source_sync (f->secrets, "g09", NULL, NULL));
  for (McSecretKind k = 0; k < MC_SECRET_N_KINDS; k++)
    {
      g_autofree char *gone = lookup (f->secrets, "g09", k);
      g_autofree char *kept = lookup (f->secrets, "g16", k);

      g_assert_null (gone);
      g_assert_nonnull (kept);
    }
}

/* What a connector gets: the sign-in secret as "password" (the client secret for lgsp), and
 * the application key for rest; a missing one is an error that says "sign in". */
static void
test_load_source (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(McSource) lgsp = mc_source_new ("g09", "G09", "lgsp", "Nội vụ", "http://x", "U", "client");
  g_autoptr(McSource) rest = mc_source_new ("g16", "G16", "rest", "Văn hóa", "http://x", "U", "user");
  g_autoptr(GHashTable) table = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (mc_secrets_load_source_sync (f->secrets, lgsp, NULL, &error));
  g_assert_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_MISSING);
  g_assert_nonnull (strstr (error->message, "Nội vụ"));
  g_assert_null (strstr (error->message, "g09"));
  g_clear_error (&error);
  g_assert_true (mc_secrets_store_sync (f->secrets, "g09", MC_SECRET_PASSWORD, "not-this", NULL, NULL));
  g_assert_true (mc_secrets_store_sync (f->secrets, "g09", MC_SECRET_CLIENT_SECRET, "client-secret-1", NULL, NULL));
  table = mc_secrets_load_source_sync (f->secrets, lgsp, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (table, "password"), ==, "client-secret-1");
  g_assert_false (g_hash_table_contains (table, "api-key"));
  g_clear_pointer (&table, g_hash_table_unref);

  g_assert_true (mc_secrets_store_sync (f->secrets, "g16", MC_SECRET_PASSWORD, "password-1", NULL, NULL));
  g_assert_null (mc_secrets_load_source_sync (f->secrets, rest, NULL, &error));
  g_assert_error (error, MC_SECRETS_ERROR, MC_SECRETS_ERROR_MISSING);
  g_clear_error (&error);
  g_assert_true (mc_secrets_store_sync (f->secrets, "g16", MC_SECRET_API_KEY, "key-1", NULL, NULL));
  table = mc_secrets_load_source_sync (f->secrets, rest, NULL, &error);
  g_assert_cmpstr (g_hash_table_lookup (table, "password"), ==, "password-1");
  g_assert_cmpstr (g_hash_table_lookup (table, "api-key"), ==, "key-1");
}

static void
done_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

/* The GUI's calls: the same effects without blocking the main loop. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(McSource) feed = mc_source_new ("g18", "G18", "feed", "Y tế", "http://x", "U", "user");
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  char *value;
  GHashTable *table;

  mc_secrets_store_async (f->secrets, "g18", MC_SECRET_PASSWORD, "async-password", NULL, done_cb, &result);
  g_assert_true (mc_secrets_store_finish (f->secrets, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  mc_secrets_lookup_async (f->secrets, "g18", MC_SECRET_PASSWORD, NULL, done_cb, &result);
  value = mc_secrets_lookup_finish (f->secrets, wait_for (&result), &error);
  g_assert_cmpstr (value, ==, "async-password");
  mc_secrets_free (value);
  g_clear_object (&result);
  mc_secrets_load_source_async (f->secrets, feed, NULL, done_cb, &result);
  table = mc_secrets_load_source_finish (f->secrets, wait_for (&result), &error);
  g_assert_cmpstr (g_hash_table_lookup (table, "password"), ==, "async-password");
  g_hash_table_unref (table);
  g_clear_object (&result);
  mc_secrets_delete_async (f->secrets, "g18", MC_SECRET_PASSWORD, NULL, done_cb, &result);
  g_assert_true (mc_secrets_delete_finish (f->secrets, wait_for (&result), &error));
  g_clear_object (&result);
  mc_secrets_lookup_async (f->secrets, "g18", MC_SECRET_PASSWORD, NULL, done_cb, &result);
  g_assert_null (mc_secrets_lookup_finish (f->secrets, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  mc_secrets_store_sync (f->secrets, "g18", MC_SECRET_REFRESH_TOKEN, "r", NULL, NULL);
  mc_secrets_clear_source_async (f->secrets, "g18", NULL, done_cb, &result);
  g_assert_true (mc_secrets_clear_source_finish (f->secrets, wait_for (&result), &error));
  g_clear_object (&result);
  value = mc_secrets_lookup_sync (f->secrets, "g18", MC_SECRET_REFRESH_TOKEN, NULL, &error);
  g_assert_null (value);
}

static void
on_result (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Removing a source, either way, removes every credential it had, once the store has
 * committed. */
static void
test_removed_source (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  const char *ids[] = { "g09", "g16" };

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(McSource) s = mc_source_new (ids[i], "G09", "lgsp", "Nội vụ", "http://x", "U", "client");

      g_assert_true (mc_store_add_source (f->store, s, &error));
      for (McSecretKind k = 0; k < MC_SECRET_N_KINDS; k++)
        g_assert_true (mc_secrets_store_sync (f->secrets, ids[i], k, "x", NULL, NULL));
    }
  g_assert_true (mc_accounts_remove_source (f->store, "g09", &error));
  g_assert_no_error (error);
  mc_accounts_remove_source_async (f->store, "g16", NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mc_accounts_remove_source_finish (f->store, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    for (McSecretKind k = 0; k < MC_SECRET_N_KINDS; k++)
      {
        g_autofree char *gone = lookup (f->secrets, ids[i], k);

        g_assert_null (gone);
      }
}

/* A source with an action still to send is not removed, and keeps its credentials: the
 * action must go out signed in. */
static void
test_removal_refused (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(McSource) s = mc_source_new ("g09", "G09", "lgsp", "Nội vụ", "http://x", "U", "client");
  g_autoptr(McDossier) dossier = NULL;
  McActionInput input = { .note = "Ghi chú" };
  g_autoptr(GError) error = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (mc_store_add_source (f->store, s, &error));
  g_assert_true (mc_secrets_store_sync (f->secrets, "g09", MC_SECRET_PASSWORD, "x", NULL, NULL));
  /* The first sample dossier still being processed takes a step. */
  for (guint64 i = 0; dossier == NULL; i++)
    {
      dossier = mc_sample_dossier (MC_SAMPLE_DEFAULT_SEED, i, mc_time_now ());
      if (dossier->status != MC_STATUS_PROCESSING)
        g_clear_pointer (&dossier, mc_dossier_unref);
    }
  g_free (dossier->source_id);
  dossier->source_id = g_strdup ("g09");
  g_assert_true (mc_store_insert_dossier (f->store, dossier, &error));
  g_assert_no_error (error);
  g_assert_true (mc_store_apply_action (f->store, dossier->id, MC_ACTION_RECORD_STEP, &input, "Cán bộ", &error));
  g_assert_no_error (error);

  g_assert_false (mc_accounts_remove_source (f->store, "g09", &error));
  g_assert_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID);
  kept = lookup (f->secrets, "g09", MC_SECRET_PASSWORD);
  g_assert_cmpstr (kept, ==, "x");
}

/* Two profiles (and the training profile) with a source of the same id: each sees its own
 * credentials only, and removing one's leaves the other's. A profile has one key however its
 * path is written. */
static void
test_profiles (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *other_path = g_build_filename (f->dir, "other", "motcua.db", NULL);
  g_autofree char *training_dir = mc_store_default_profile_dir ("training");
  g_autofree char *default_dir = mc_store_default_profile_dir (NULL);
  g_autofree char *training_path = mc_store_profile_path (training_dir);
  g_autofree char *roundabout = g_build_filename (f->dir, ".", "motcua.db", NULL);
  g_autoptr(McSecrets) other = mc_secrets_new (other_path);
  g_autoptr(McSecrets) training = mc_secrets_new (training_path);
  g_autoptr(McSecrets) same = mc_secrets_new (roundabout);
  McSecrets *all[] = { f->secrets, other, training };

  g_assert_cmpstr (training_dir, !=, default_dir);
  g_assert_cmpstr (mc_secrets_get_profile (same), ==, mc_secrets_get_profile (f->secrets));
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *value = g_strdup_printf ("password-of-profile-%u", i);

      g_assert_true (mc_secrets_store_sync (all[i], "g16", MC_SECRET_PASSWORD, value, NULL, NULL));
    }
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      g_autofree char *want = g_strdup_printf ("password-of-profile-%u", i);
      g_autofree char *got = lookup (all[i], "g16", MC_SECRET_PASSWORD);

      g_assert_cmpstr (got, ==, want);
    }
  g_assert_true (mc_secrets_clear_source_sync (f->secrets, "g16", NULL, NULL));
  {
    g_autofree char *gone = lookup (same, "g16", MC_SECRET_PASSWORD);
    g_autofree char *kept = lookup (other, "g16", MC_SECRET_PASSWORD);
    g_autofree char *kept_training = lookup (training, "g16", MC_SECRET_PASSWORD);

    g_assert_null (gone);
    g_assert_cmpstr (kept, ==, "password-of-profile-1");
    g_assert_cmpstr (kept_training, ==, "password-of-profile-2");
  }
  mc_secrets_clear_source_sync (other, "g16", NULL, NULL);
  mc_secrets_clear_source_sync (training, "g16", NULL, NULL);
}

int
main (int    argc,
      char **argv)
{
  if (!secrets_test_init (&argc, &argv))
    return 0;
  g_test_add ("/secrets/each-kind", Fixture, NULL, fixture_setup, test_each_kind, fixture_teardown);
  g_test_add ("/secrets/kinds-apart", Fixture, NULL, fixture_setup, test_kinds_apart, fixture_teardown);
  g_test_add ("/secrets/load-source", Fixture, NULL, fixture_setup, test_load_source, fixture_teardown);
  g_test_add ("/secrets/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add ("/secrets/removed-source", Fixture, NULL, fixture_setup, test_removed_source, fixture_teardown);
  g_test_add ("/secrets/removal-refused", Fixture, NULL, fixture_setup, test_removal_refused, fixture_teardown);
  g_test_add ("/secrets/profiles", Fixture, NULL, fixture_setup, test_profiles, fixture_teardown);
  return g_test_run ();
}
