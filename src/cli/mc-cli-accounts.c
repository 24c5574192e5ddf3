/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mc-accounts.h"
#include "mc-cli.h"
#include "mc-connection-test.h"
#include "mc-dossier-json.h"
#include "mc-http.h"
#include "mc-id.h"
#include "mc-secrets.h"
#include "mc-sign-in.h"
#include "mc-store-push.h"
#include "mc-store-sync.h"
#include "mc-time.h"

/* motcuactl sources add|list|remove|signin|pin|test|settle: the ministry systems of a profile, and
 * repairing a connection from the command line with the same core functions the Preferences
 * window calls. A source's password (the LGSP client secret, and the REST dialect's
 * application key) is read from stdin or a prompt without echo (mc-cli-secret.c) — never from
 * the command line — and kept in the Secret Service through mc-secrets. */

static const struct {
  const char *dialect;
  const char *ministry;
} default_ministries[] = {
  { "dvcqg", "G03" }, { "lgsp", "G09" }, { "rest", "G16" }, { "feed", "G18" }, { "legacy", "G21" },
};


static McSource *
open_source (McCli       *cli,
             const char  *id,
             McStore    **out_store,
             int         *out_status)
{
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;
  McSource *source;

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, out_status)))
    return NULL;
  if (!(source = mc_store_get_source (store, id, &error)))
    {
      *out_status = mc_cli_fail (error);
      return NULL;
    }
  *out_store = g_steal_pointer (&store);
  return source;
}

static void
print_report (const McSource           *source,
              const McConnectionReport *report,
              gboolean                  json)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonNode) root = NULL;

  /* The summary names the system where it helps; the ID is the one just typed. */
  if (!json)
    {
      g_print ("%s\n", report->summary);
      if (report->detail != NULL)
        g_print ("  %s\n", report->detail);
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  mc_json_add_string (b, "source", source->id);
  mc_json_add_string (b, "result", mc_connection_result_name (report->result));
  mc_json_add_string (b, "summary", report->summary);
  mc_json_add_string (b, "detail", report->detail);
  mc_json_add_string (b, "fingerprint", report->fingerprint);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mc_cli_print_json (root);
}

/* The one source a @command names (ID), its store and its keyring, which must be reachable;
 * NULL with *@out_status set. */
static McSource *
open_source_with_keyring (McCli       *cli,
                          const char  *command,
                          int          argc,
                          char       **argv,
                          McStore    **out_store,
                          McSecrets  **out_keyring,
                          int         *out_status)
{
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;

  if (argc != 2)
    {
      *out_status = mc_cli_usage (command, _("one source ID is needed"));
      return NULL;
    }
  if (!(source = open_source (cli, argv[1], &store, out_status)))
    return NULL;
  if (!mc_cli_keyring_reachable ())
    {
      *out_status = MC_CLI_FAILED;
      return NULL;
    }
  *out_keyring = mc_secrets_new (mc_store_get_path (store));
  *out_store = g_steal_pointer (&store);
  return g_steal_pointer (&source);
}

/* The password of @dialect from standard input, then, when @with_key, the application key on
 * the next line (@key_missing says why one is needed); FALSE with *@out_status set. */
static gboolean
read_credentials (const char    *command,
                  const char    *dialect,
                  gboolean       with_key,
                  const char    *key_missing,
                  McCliSecret  **out_password,
                  McCliSecret  **out_api_key,
                  int           *out_status)
{
  g_autoptr(McCliSecret) password = NULL;
  g_autoptr(McCliSecret) api_key = NULL;
  GError *error = NULL;

  password = mc_cli_read_secret (mc_cli_secret_prompt (mc_secret_kind_for_sign_in (dialect)), &error);
  if (error != NULL)
    {
      *out_status = mc_cli_fail (error);
      return FALSE;
    }
  if (password == NULL || *password == '\0')
    {
      *out_status = mc_cli_usage (command, _("a password is needed on standard input"));
      return FALSE;
    }
  if (with_key && (api_key = mc_cli_read_secret (mc_cli_secret_prompt (MC_SECRET_API_KEY), &error)) == NULL && error)
    {
      *out_status = mc_cli_fail (error);
      return FALSE;
    }
  if (with_key && (api_key == NULL || *api_key == '\0'))
    {
      *out_status = mc_cli_usage (command, key_missing);
      return FALSE;
    }
  *out_password = g_steal_pointer (&password);
  *out_api_key = g_steal_pointer (&api_key);
  return TRUE;
}

/* sources signin and sources test, which open the source with its keyring and test the
 * connection: @sign_in first keeps a new password (the old sessions go) and says whether
 * signing in with it works; a test prints what the connection test found. */
static int
sign_in_or_test (McCli     *cli,
                 gboolean   sign_in,
                 int        argc,
                 char     **argv)
{
  gboolean with_key = FALSE, json = FALSE;
  GOptionEntry signin_entries[] = {
    { "with-key", 0, 0, G_OPTION_ARG_NONE, &with_key, N_("Also read a new application key, on the next line (rest)"), NULL },
    { NULL }
  };
  GOptionEntry test_entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  const char *command = sign_in ? "sources signin" : "sources test";
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(McConnectionReport) report = NULL;
  g_autoptr(McCliSecret) password = NULL;
  g_autoptr(McCliSecret) api_key = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse (command,
                     sign_in ? _("ID — sign in again; the password is read from standard input")
                             : _("ID — sign in and read one dossier, and say what failed"),
                     sign_in ? signin_entries : test_entries, NULL, &argc, &argv, &status))
    return status;
  if (!(source = open_source_with_keyring (cli, command, argc, argv, &store, &keyring, &status)))
    return status;
  if (sign_in && !read_credentials (command, source->dialect, with_key,
                                    _("--with-key needs an application key on the next line"),
                                    &password, &api_key, &status))
    return status;
  if (sign_in && !mc_sign_in_keep (keyring, source, password, api_key, NULL, &error))
    return mc_cli_fail (error);

  if (!(secrets = mc_secrets_load_source_sync (keyring, source, NULL, &error)))
    return mc_cli_fail (error);
  report = mc_connection_test_sync (source, secrets, NULL);
  if (!sign_in)
    print_report (source, report, json);
  else if (report->result == MC_CONNECTION_OK)
    g_print (_("Signed in to %s; the next sync resumes it\n"), source->name);
  else
    {
      g_print (_("The new password of %s is kept, but signing in failed:\n"), source->name);
      print_report (source, report, FALSE);
    }
  return report->result == MC_CONNECTION_OK ? MC_CLI_OK : MC_CLI_FAILED;
}

int
mc_cli_sources_signin (McCli  *cli,
                       int     argc,
                       char  **argv)
{
  return sign_in_or_test (cli, TRUE, argc, argv);
}

int
mc_cli_sources_test (McCli  *cli,
                     int     argc,
                     char  **argv)
{
  return sign_in_or_test (cli, FALSE, argc, argv);
}

int
mc_cli_sources_pin (McCli  *cli,
                    int     argc,
                    char  **argv)
{
  gboolean clear = FALSE;
  GOptionEntry entries[] = {
    { "clear", 0, 0, G_OPTION_ARG_NONE, &clear, N_("Remove the pinned certificate"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autofree char *fingerprint = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("sources pin",
                     _("ID [FINGERPRINT] — accept the one TLS certificate with this SHA-256 fingerprint"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != (clear ? 2 : 3))
    return mc_cli_usage ("sources pin", _("a source ID and a fingerprint (or --clear) are needed"));
  if (!clear && !(fingerprint = mc_http_normalize_fingerprint (argv[2])))
    return mc_cli_usage ("sources pin", _("a SHA-256 fingerprint is 64 hexadecimal digits (colons allowed)"));
  if (!(source = open_source (cli, argv[1], &store, &status)))
    return status;
  if (!mc_store_set_source_pin (store, source->id, fingerprint, &error))
    return mc_cli_fail (error);
  if (clear)
    g_print (_("%s: only certificates the system trusts are accepted\n"), source->name);
  else
    g_print (_("%s: the certificate %s is accepted\n"), source->name, fingerprint);
  return MC_CLI_OK;
}

static int
sources_add (McCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *dialect = NULL, *url = NULL, *unit = NULL, *account = NULL, *name = NULL, *ministry = NULL;
  int settle = -1;
  GOptionEntry entries[] = {
    { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect, N_("dvcqg, lgsp, rest, feed or legacy"), "DIALECT" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Base address of the ministry system"), "URL" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Unit code (mã đơn vị)"), "CODE" },
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("User name or client id"), "NAME" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Name shown to the official"), "TEXT" },
    { "ministry", 0, 0, G_OPTION_ARG_STRING, &ministry, N_("Ministry code (G03, G09, G16, G18, G21)"), "CODE" },
    { "settle", 0, 0, G_OPTION_ARG_INT, &settle,
      N_("Seconds after which an unanswered action not found on the system counts as not applied (default 600)"),
      N_("SECONDS") },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(McCliSecret) password = NULL;
  g_autoptr(McCliSecret) api_key = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("sources add", _("ID — add a ministry system; the password is read from standard input"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("sources add", _("one source ID is needed"));
  if (dialect == NULL || url == NULL || unit == NULL || account == NULL)
    return mc_cli_usage ("sources add", _("--dialect, --url, --unit and --account are needed"));
  if (ministry == NULL)
    {
      int i = MC_ID_FIND_MEMBER (default_ministries, dialect, dialect);

      if (i >= 0)
        ministry = g_strdup (default_ministries[i].ministry);
    }
  if (ministry == NULL)
    return mc_cli_usage ("sources add", _("--dialect must be dvcqg, lgsp, rest, feed or legacy"));
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    return mc_cli_usage ("sources add", _("--url must start with http:// or https://"));
  if (mc_source_url_has_userinfo (url))
    return mc_cli_usage ("sources add", _("--url must not hold a user name or password (user:password@): give the "
                                          "account with --account; the password is asked for at the prompt"));
  if (settle != -1 && (settle < 0 || settle > 86400))
    return mc_cli_usage ("sources add", _("--settle must be between 0 and 86400 seconds"));

  /* Before the password is typed in vain. */
  if (!mc_cli_keyring_reachable ())
    return MC_CLI_FAILED;

  source = mc_source_new (argv[1], ministry, dialect, name ? name : mc_ministry_name (ministry), url, unit, account);
  if (!read_credentials ("sources add", dialect, mc_secrets_dialect_needs_api_key (dialect),
                         _("this dialect also needs an application key, on the next line"), &password, &api_key,
                         &status))
    return status;

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_CREATE, &status)))
    return status;
  if (settle >= 0)
    source->settle_seconds = settle;
  if (!mc_store_add_source (store, source, &error))
    return mc_cli_fail (error);
  keyring = mc_secrets_new (mc_store_get_path (store));
  if (!mc_sign_in_keep (keyring, source, password, api_key, NULL, &error))
    {
      g_autoptr(GError) ignored = NULL;

      mc_accounts_remove_source (store, source->id, &ignored);
      return mc_cli_fail (error);
    }
  g_print (_("Added the ministry system %s (ID %s, %s)\n"), source->name, source->id, source->base_url);
  return MC_CLI_OK;
}

static int
sources_list (McCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("sources list", _("— list the ministry systems of the profile"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (!(sources = mc_store_list_sources (store, &error)))
    return mc_cli_fail (error);
  /* The id is what the other commands take (--source ID); the header says which column it is.
   * The kind of system (dialect) is for whoever set it up: it is in --json, not in the table. */
  if (!json)
    g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", C_("column", "ID"), C_("column", "Name"), C_("column", "Address"),
             C_("column", "Unit code"), C_("column", "Account"), C_("column", "Last sync"));
  json_builder_begin_array (b);
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);
      gint64 last = mc_store_sync_last_success (store, s->id, NULL);
      g_autofree char *when = last > 0 ? mc_time_format_short (last) : g_strdup (_("never"));

      if (!json)
        {
          g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", s->id, s->name, mc_cli_source_address (s), s->unit_code,
                   s->account, when);
          continue;
        }
      json_builder_begin_object (b);
      mc_json_add_string (b, "id", s->id);
      mc_json_add_string (b, "ministry", s->ministry);
      mc_json_add_string (b, "dialect", s->dialect);
      mc_json_add_string (b, "name", s->name);
      mc_json_add_string (b, "url", s->base_url);
      mc_json_add_string (b, "unit", s->unit_code);
      mc_json_add_string (b, "account", s->account);
      mc_json_add_int (b, "settle_seconds", s->settle_seconds);
      mc_json_add_string (b, "pinned_certificate", s->pinned_certificate);
      json_builder_set_member_name (b, "last_sync");
      if (last > 0)
        {
          g_autofree char *iso = mc_time_format_iso (last);
          json_builder_add_string_value (b, iso);
        }
      else
        json_builder_add_null_value (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) node = json_builder_get_root (b);
      mc_cli_print_json (node);
    }
  return MC_CLI_OK;
}

static int
sources_remove (McCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("sources remove", _("ID — remove a ministry system, its dossiers and its password"),
                     NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("sources remove", _("one source ID is needed"));
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  /* Its credentials leave the Secret Service with it, once the store has committed. */
  if (!mc_accounts_remove_source (store, argv[1], &error))
    return mc_cli_fail (error);
  g_print (_("Source %s removed\n"), argv[1]);
  return MC_CLI_OK;
}

static int
sources_settle (McCli  *cli,
                int     argc,
                char  **argv)
{
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  guint64 seconds;

  if (!mc_cli_parse ("sources settle",
                     _("ID SECONDS — after how long an unanswered action that the ministry system does not "
                       "show counts as not applied"),
                     NULL,
                     _("A ministry system without idempotency keys may apply a request minutes after it stopped "
                       "answering: an action whose answer was lost is sent again only once this long has passed "
                       "since it was sent and a look-up still does not show it. Keep it well above the time a "
                       "request may take (60 seconds)."),
                     &argc, &argv, &status))
    return status;
  if (argc != 3 || !g_ascii_string_to_unsigned (argv[2], 10, 0, 86400, &seconds, NULL))
    return mc_cli_usage ("sources settle", _("a source ID and a number of seconds (0 to 86400) are needed"));
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!mc_store_set_source_settle (store, argv[1], seconds, &error))
    return mc_cli_fail (error);
  g_print (_("Source %s: settle time %u s\n"), argv[1], (guint) seconds);
  return MC_CLI_OK;
}

int
mc_cli_sources (McCli  *cli,
                int     argc,
                char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "add"))
    return sources_add (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "list"))
    return sources_list (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "remove"))
    return sources_remove (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "signin"))
    return mc_cli_sources_signin (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "pin"))
    return mc_cli_sources_pin (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "test"))
    return mc_cli_sources_test (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "settle"))
    return sources_settle (cli, argc - 1, argv + 1);
  return mc_cli_usage ("sources", _("add, list, remove, signin, pin, test or settle is needed"));
}
