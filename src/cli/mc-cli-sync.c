/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-secrets.h"
#include "mc-store-push.h"
#include "mc-store-sync.h"
#include "mc-sync-engine.h"

/* motcuactl sync: the outbox sent and the dossiers pulled, once or until interrupted, with the
 * credentials of each source from the Secret Service. */

typedef struct
{
  GMainLoop *loop;
  gboolean done;
  gboolean ok;
  GError *error;
  gboolean progress;
  GHashTable *systems;   /* source id → the ministry system's name, as printed */
} SyncRun;

/* "Nội vụ: Lỗi — what the system said" (the message does not name the system). */
static void
print_state (const char           *name,
             const McSyncProgress *p)
{
  g_print ("%s: %s%s%s\n", name, mc_sync_state_label (p->state), p->message ? " — " : "", p->message ? p->message : "");
}

static void
print_progress (McSyncEngine *engine,
                const char   *source_id,
                SyncRun      *run)
{
  const char *name = mc_cli_source_name (run->systems, source_id);
  McSyncProgress p;

  if (!mc_sync_engine_get_progress (engine, source_id, &p))
    return;
  if (run->progress && p.state == MC_SYNC_STATE_SYNCING)
    mc_cli_progress ("\r\033[K%s: %s, %u %s, %u %s", name, mc_sync_state_label (p.state), p.pages,
                     g_dngettext (GETTEXT_PACKAGE, "page", "pages", p.pages), p.dossiers,
                     g_dngettext (GETTEXT_PACKAGE, "dossier", "dossiers", p.dossiers));
  else if (run->loop != NULL && p.state != MC_SYNC_STATE_SYNCING)
    print_state (name, &p);
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
               GStrv         ids,
               GHashTable   *systems)
{
  for (guint i = 0; ids[i]; i++)
    {
      const char *name = mc_cli_source_name (systems, ids[i]);
      McSyncProgress p;

      if (!mc_sync_engine_get_progress (engine, ids[i], &p))
        continue;
      if (p.state == MC_SYNC_STATE_IDLE)
        g_print (_("%s: up to date — %u new, %u changed, %u removed, %u held for local actions (%u requests)\n"),
                 name, p.inserted, p.updated, p.deleted, p.held, p.requests);
      else
        print_state (name, &p);
      /* The push side: what the outbox sent, parked for review, and still holds. */
      if (p.push_skipped)
        g_print (_("%s: actions not sent: another Một Cửa is sending this profile's actions\n"), name);
      else if (p.sent + p.conflicts + p.rejected + p.duplicated + p.waiting > 0)
        g_print (_("%s: actions — %u sent, %u changed on the system (needs review), %u refused, "
                   "%u applied twice (needs review), %u waiting or being checked\n"),
                 name, p.sent, p.conflicts, p.rejected, p.duplicated, p.waiting);
    }
}

static gboolean
has_source (GPtrArray  *sources,
            const char *id)
{
  for (guint i = 0; i < sources->len; i++)
    if (g_str_equal (((McSource *) g_ptr_array_index (sources, i))->id, id))
      return TRUE;
  return FALSE;
}

int
mc_cli_sync (McCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *source_id = NULL;
  gboolean once = FALSE, full = FALSE;
  GOptionEntry entries[] = {
    { "source", 0, 0, G_OPTION_ARG_STRING, &source_id, N_("Only this ministry system (its ID in “motcuactl sources list”)"), "ID" },
    { "once", 0, 0, G_OPTION_ARG_NONE, &once, N_("Sync once and exit (default: keep syncing until interrupted)"), NULL },
    { "full", 0, 0, G_OPTION_ARG_NONE, &full, N_("Read everything again and drop what the system no longer lists"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(McSyncEngine) engine = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_auto(GStrv) ids = NULL;
  SyncRun run = { .progress = mc_cli_progress_wanted () };
  GError *error = NULL;
  int status = MC_CLI_OK;
  guint added = 0;
  int keyring_checked = 0;   /* 1 reachable, -1 not, 0 not asked yet */
  g_autoptr(GString) training = g_string_new (NULL);
  g_autoptr(GHashTable) systems = NULL;

  if (!mc_cli_parse ("sync", _("— send the outbox to the ministry systems and pull their dossiers"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("sync", _("unexpected argument"));
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!(sources = mc_store_list_sources (store, &error)))
    return mc_cli_fail (error);
  systems = mc_cli_source_names_of (sources);
  run.systems = systems;

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
      /* A sample profile's systems are the training simulator's, which runs in the window. */
      if (mc_cli_source_is_training (s))
        {
          g_string_append_printf (training, "%s%s", training->len ? ", " : "", s->name);
          continue;
        }
      if (keyring_checked == 0)
        keyring_checked = mc_cli_keyring_reachable () ? 1 : -1;
      if (keyring_checked < 0)
        {
          status = MC_CLI_FAILED;
          break;
        }
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
  if (source_id != NULL && added == 0 && status == MC_CLI_OK && !has_source (sources, source_id))
    {
      g_printerr (_("motcuactl: no source “%s”\n"), source_id);
      return MC_CLI_FAILED;
    }
  if (training->len > 0)
    g_printerr (_("motcuactl: not syncing %s: training systems, which sync only in the window's training "
                  "mode (motcua --training)\n"), training->str);
  if (added == 0)
    {
      /* A sample profile's systems were named just above: "no system" would contradict it. */
      if (status == MC_CLI_OK && training->len == 0)
        g_printerr ("%s\n", _("motcuactl: this profile has no ministry system to sync. Add one with "
                              "“motcuactl sources add”."));
      return MC_CLI_FAILED;
    }
  g_signal_connect (engine, "source-changed", G_CALLBACK (print_progress), &run);
  ids = mc_sync_engine_list_sources (engine);

  if (!once)
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; ids[i]; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", mc_cli_source_name (systems, ids[i]));

      /* Keep syncing: the timer, network changes and backoff, until Ctrl-C. */
      g_print (_("Syncing %s now and whenever there is something to send or to pull. "
                 "Press Ctrl+C to stop (--once syncs once and exits).\n"), names->str);
      run.loop = g_main_loop_new (NULL, FALSE);
      g_unix_signal_add (SIGINT, quit_cb, run.loop);
      g_unix_signal_add (SIGTERM, quit_cb, run.loop);
      mc_sync_engine_start (engine);
      g_main_loop_run (run.loop);
      mc_sync_engine_stop (engine);
      g_main_loop_unref (run.loop);
      print_summary (engine, ids, systems);
      return status;
    }

  mc_sync_engine_sync_async (engine, source_id, full, NULL, sync_done, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (run.progress)
    mc_cli_progress ("\r\033[K");
  print_summary (engine, ids, systems);
  if (!run.ok)
    {
      g_printerr (_("motcuactl: sync failed: %s\n"), run.error->message);
      g_clear_error (&run.error);
      return MC_CLI_FAILED;
    }
  return status;
}
