/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mc-cli.h"
#include "mc-connection-test.h"
#include "mc-http.h"
#include "mc-secrets.h"
#include "mc-sign-in.h"

/* motcuactl sources signin|pin|test: repairing a connection from the command line, with the
 * same core functions the Preferences window calls. */

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
}

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

  if (!json)
    {
      g_print ("%s: %s\n", source->id, report->summary);
      if (report->detail != NULL)
        g_print ("  %s\n", report->detail);
      return;
    }
  b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, source->id);
  json_builder_set_member_name (b, "result");
  json_builder_add_string_value (b, mc_connection_result_name (report->result));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, report->summary);
  json_builder_set_member_name (b, "detail");
  if (report->detail)
    json_builder_add_string_value (b, report->detail);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "fingerprint");
  if (report->fingerprint)
    json_builder_add_string_value (b, report->fingerprint);
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  mc_cli_print_json (root);
}

/* Keeps the new password (the old sessions go), then checks it with a test connection. */
int
mc_cli_sources_signin (McCli  *cli,
                       int     argc,
                       char  **argv)
{
  gboolean with_key = FALSE;
  GOptionEntry entries[] = {
    { "with-key", 0, 0, G_OPTION_ARG_NONE, &with_key, N_("Also read a new application key, on the next line (rest)"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — sign in again; the password is read from standard input"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(McConnectionReport) report = NULL;
  g_autofree char *password = NULL;
  g_autofree char *api_key = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mc_cli_parse (context, "sources signin", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("sources signin", _("one source ID is needed"));
  if (!(source = open_source (cli, argv[1], &store, &status)))
    return status;
  password = mc_cli_read_secret (mc_cli_secret_prompt (mc_secret_kind_for_sign_in (source->dialect)));
  if (password == NULL || *password == '\0')
    return mc_cli_usage ("sources signin", _("a password is needed on standard input"));
  if (with_key && ((api_key = mc_cli_read_secret (mc_cli_secret_prompt (MC_SECRET_API_KEY))) == NULL || *api_key == '\0'))
    return mc_cli_usage ("sources signin", _("--with-key needs an application key on the next line"));

  keyring = mc_secrets_new (mc_store_get_path (store));
  if (!mc_sign_in_keep (keyring, source, password, api_key, NULL, &error))
    return mc_cli_fail (error);
  wipe (password);
  wipe (api_key);
  if (!(secrets = mc_secrets_load_source_sync (keyring, source, NULL, &error)))
    return mc_cli_fail (error);
  report = mc_connection_test_sync (source, secrets, NULL);
  if (report->result == MC_CONNECTION_OK)
    {
      g_print (_("Signed in to %s; the next sync resumes it\n"), source->id);
      return MC_CLI_OK;
    }
  g_print (_("The new password of %s is kept, but signing in failed:\n"), source->id);
  print_report (source, report, FALSE);
  return MC_CLI_FAILED;
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID [FINGERPRINT] — accept the one TLS certificate with this SHA-256 fingerprint"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autofree char *fingerprint = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mc_cli_parse (context, "sources pin", &argc, &argv, &status))
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
    g_print (_("%s: only certificates the system trusts are accepted\n"), source->id);
  else
    g_print (_("%s: the certificate %s is accepted\n"), source->id, fingerprint);
  return MC_CLI_OK;
}

int
mc_cli_sources_test (McCli  *cli,
                     int     argc,
                     char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — sign in and read one dossier, and say what failed"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(McConnectionReport) report = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mc_cli_parse (context, "sources test", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("sources test", _("one source ID is needed"));
  if (!(source = open_source (cli, argv[1], &store, &status)))
    return status;
  keyring = mc_secrets_new (mc_store_get_path (store));
  if (!(secrets = mc_secrets_load_source_sync (keyring, source, NULL, &error)))
    return mc_cli_fail (error);
  report = mc_connection_test_sync (source, secrets, NULL);
  print_report (source, report, json);
  return report->result == MC_CONNECTION_OK ? MC_CLI_OK : MC_CLI_FAILED;
}
