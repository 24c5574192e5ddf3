/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "mc-accounts.h"
#include "mc-cli.h"
#include "mc-connector.h"
#include "mc-secrets.h"
#include "mc-sign-in.h"
#include "mc-store-push.h"
#include "mc-store-sync.h"
#include "mc-sync-engine.h"
#include "mc-time.h"

/* motcuactl sources add|list|remove|signin|pin|test and motcuactl sync. A source's password
 * (the LGSP client secret, and the REST dialect's application key) is read from stdin or a
 * prompt without echo — never from the command line — and kept in the Secret Service through
 * mc-secrets, keyed by profile and source. */

static const struct {
  const char *dialect;
  const char *ministry;
} default_ministries[] = {
  { "dvcqg", "G03" }, { "lgsp", "G09" }, { "rest", "G16" }, { "feed", "G18" }, { "legacy", "G21" },
};

/* One line from stdin; on a terminal, prompted on stderr with the echo off. Never from the
 * command line, where every user of the computer could read it (ps, /proc). */
char *
mc_cli_read_secret (const char *prompt)
{
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  char buffer[1024];
  char *line;

  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  g_strchomp (buffer);
  line = g_strdup (buffer);
  memset (buffer, 0, sizeof buffer);
  return line;
}

const char *
mc_cli_secret_prompt (McSecretKind kind)
{
  switch (kind)
    {
    case MC_SECRET_CLIENT_SECRET: return _("Client secret: ");
    case MC_SECRET_API_KEY: return _("Application key: ");
    default: return _("Password: ");
    }
}

static void
wipe (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — add a ministry system; the password is read from standard input"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autofree char *password = NULL;
  g_autofree char *api_key = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mc_cli_parse (context, "sources add", &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("sources add", _("one source ID is needed"));
  if (dialect == NULL || url == NULL || unit == NULL || account == NULL)
    return mc_cli_usage ("sources add", _("--dialect, --url, --unit and --account are needed"));
  if (ministry == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (default_ministries); i++)
      if (g_str_equal (dialect, default_ministries[i].dialect))
        ministry = g_strdup (default_ministries[i].ministry);
  if (ministry == NULL)
    return mc_cli_usage ("sources add", _("--dialect must be dvcqg, lgsp, rest, feed or legacy"));
  if (!g_str_has_prefix (url, "http://") && !g_str_has_prefix (url, "https://"))
    return mc_cli_usage ("sources add", _("--url must start with http:// or https://"));
  if (settle != -1 && (settle < 0 || settle > 86400))
    return mc_cli_usage ("sources add", _("--settle must be between 0 and 86400 seconds"));

  source = mc_source_new (argv[1], ministry, dialect, name ? name : mc_ministry_name (ministry), url, unit, account);
  password = mc_cli_read_secret (mc_cli_secret_prompt (mc_secret_kind_for_sign_in (dialect)));
  if (password == NULL || *password == '\0')
    return mc_cli_usage ("sources add", _("a password is needed on standard input"));
  if (mc_secrets_dialect_needs_api_key (dialect)
      && ((api_key = mc_cli_read_secret (mc_cli_secret_prompt (MC_SECRET_API_KEY))) == NULL || *api_key == '\0'))
    return mc_cli_usage ("sources add", _("this dialect also needs an application key, on the next line"));

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
  wipe (password);
  wipe (api_key);
  g_print (_("Source %s added (%s, %s)\n"), source->id, source->dialect, source->base_url);
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("— list the ministry systems of the profile"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  int status = MC_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mc_cli_parse (context, "sources list", &argc, &argv, &status))
    return status;
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!(sources = mc_store_list_sources (store, &error)))
    return mc_cli_fail (error);
  json_builder_begin_array (b);
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);
      gint64 last = mc_store_sync_last_success (store, s->id, NULL);
      g_autofree char *when = last > 0 ? mc_time_format_short (last) : g_strdup (_("never"));

      if (!json)
        {
          g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\n", s->id, s->dialect, s->name, s->base_url, s->unit_code,
                   s->account, when);
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "id");
      json_builder_add_string_value (b, s->id);
      json_builder_set_member_name (b, "ministry");
      json_builder_add_string_value (b, s->ministry);
      json_builder_set_member_name (b, "dialect");
      json_builder_add_string_value (b, s->dialect);
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "url");
      json_builder_add_string_value (b, s->base_url);
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, s->unit_code);
      json_builder_set_member_name (b, "account");
      json_builder_add_string_value (b, s->account);
      json_builder_set_member_name (b, "settle_seconds");
      json_builder_add_int_value (b, s->settle_seconds);
      json_builder_set_member_name (b, "pinned_certificate");
      if (s->pinned_certificate != NULL)
        json_builder_add_string_value (b, s->pinned_certificate);
      else
        json_builder_add_null_value (b);
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
  g_autoptr(GOptionContext) context = g_option_context_new (_("ID — remove a ministry system, its dossiers and its password"));
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse (context, "sources remove", &argc, &argv, &status))
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
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("ID SECONDS — after how long an unanswered action that the ministry system does not "
                            "show counts as not applied"));
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  guint64 seconds;

  g_option_context_set_description (context,
    _("A ministry system without idempotency keys may apply a request minutes after it stopped "
      "answering: an action whose answer was lost is sent again only once this long has passed "
      "since it was sent and a look-up still does not show it. Keep it well above the time a "
      "request may take (60 seconds)."));
  if (!mc_cli_parse (context, "sources settle", &argc, &argv, &status))
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

/* motcuactl sync */

typedef struct
{
  GMainLoop *loop;
  gboolean done;
  gboolean ok;
  GError *error;
  gboolean progress;
} SyncRun;

static void
print_progress (McSyncEngine *engine,
                const char   *source_id,
                SyncRun      *run)
{
  McSyncProgress p;

  if (!mc_sync_engine_get_progress (engine, source_id, &p))
    return;
  if (run->progress && p.state == MC_SYNC_STATE_SYNCING)
    g_printerr ("\r\033[K%s: %s, %u %s, %u %s", source_id, mc_sync_state_label (p.state), p.pages,
                g_dngettext (GETTEXT_PACKAGE, "page", "pages", p.pages), p.dossiers,
                g_dngettext (GETTEXT_PACKAGE, "dossier", "dossiers", p.dossiers));
  else if (run->loop != NULL && p.state != MC_SYNC_STATE_SYNCING)
    g_print ("%s: %s%s%s\n", source_id, mc_sync_state_label (p.state), p.message ? " — " : "",
             p.message ? p.message : "");
}

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncRun *run = user_data;

  run->ok = mc_sync_engine_sync_finish (MC_SYNC_ENGINE (object), result, &run->error);
  run->done = TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

static void
print_summary (McSyncEngine *engine,
               GStrv         ids)
{
  for (guint i = 0; ids[i]; i++)
    {
      McSyncProgress p;

      if (!mc_sync_engine_get_progress (engine, ids[i], &p))
        continue;
      if (p.state == MC_SYNC_STATE_IDLE)
        g_print (_("%s: up to date — %u new, %u changed, %u removed, %u held for local actions (%u requests)\n"),
                 ids[i], p.inserted, p.updated, p.deleted, p.held, p.requests);
      else
        g_print ("%s: %s — %s\n", ids[i], mc_sync_state_label (p.state), p.message ? p.message : "");
      /* The push side: what the outbox sent, parked for review, and still holds. */
      if (p.push_skipped)
        g_print (_("%s: actions not sent: another Một Cửa is sending this profile's actions\n"), ids[i]);
      else if (p.sent + p.conflicts + p.rejected + p.duplicated + p.waiting > 0)
        g_print (_("%s: actions — %u sent, %u changed on the system (needs review), %u refused, "
                   "%u applied twice (needs review), %u waiting or being checked\n"),
                 ids[i], p.sent, p.conflicts, p.rejected, p.duplicated, p.waiting);
    }
}

int
mc_cli_sync (McCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *source_id = NULL;
  gboolean once = FALSE, full = FALSE;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_id, N_("Only this source"), "ID" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Sync once and exit (default: keep syncing until interrupted)"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Read everything again and drop what the system no longer lists"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— send the outbox to the ministry systems and pull their dossiers"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_auto(GStrv) ids = NULL;
  SyncRun run = { .progress = mc_cli_progress_wanted () };
  GError *error = NULL;
  int status = MC_CLI_OK;
  guint added = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!mc_cli_parse (context, "sync", &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("sync", _("unexpected argument"));
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!(sources = mc_store_list_sources (store, &error)))
    return mc_cli_fail (error);

  engine = mc_sync_engine_new (mc_store_get_path (store));
  keyring = mc_secrets_new (mc_store_get_path (store));
  mc_sync_engine_set_keyring (engine, keyring);
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);
      g_autoptr(GHashTable) secrets = NULL;
      g_autoptr(GError) local = NULL;

      if ((source_id && !g_str_equal (source_id, s->id)) || (!source_id && !s->enabled))
        continue;
      if (!(secrets = mc_secrets_load_source_sync (keyring, s, NULL, &local)))
        {
          g_printerr ("motcuactl: %s\n", local->message);
          status = MC_CLI_FAILED;
          continue;
        }
      if (!mc_sync_engine_add_source (engine, s, secrets, &local))
        {
          g_printerr ("motcuactl: %s\n", local->message);
          status = MC_CLI_FAILED;
          continue;
        }
      added++;
    }
  if (source_id != NULL && added == 0 && status == MC_CLI_OK)
    {
      g_printerr (_("motcuactl: no source “%s”\n"), source_id);
      return MC_CLI_FAILED;
    }
  g_signal_connect (engine, "source-changed", G_CALLBACK (print_progress), &run);
  ids = mc_sync_engine_list_sources (engine);

  if (!once)
    {
      /* Keep syncing: the timer, network changes and backoff, until Ctrl-C. */
      run.loop = g_main_loop_new (NULL, FALSE);
      g_unix_signal_add (SIGINT, quit_cb, run.loop);
      g_unix_signal_add (SIGTERM, quit_cb, run.loop);
      mc_sync_engine_start (engine);
      g_main_loop_run (run.loop);
      mc_sync_engine_stop (engine);
      g_main_loop_unref (run.loop);
      print_summary (engine, ids);
      return status;
    }

  mc_sync_engine_sync_async (engine, source_id, full, NULL, sync_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (run.progress)
    g_printerr ("\r\033[K");
  print_summary (engine, ids);
  if (!run.ok)
    {
      g_printerr (_("motcuactl: sync failed: %s\n"), run.error->message);
      g_clear_error (&run.error);
      return MC_CLI_FAILED;
    }
  return status;
}
