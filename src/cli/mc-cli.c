/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include "mc-cli.h"

/* One clear line on stderr, exit status 1. */
int
mc_cli_fail (GError *error)
{
  g_printerr ("motcuactl: %s\n", error->message);
  g_error_free (error);
  return MC_CLI_FAILED;
}

int
mc_cli_usage (const char *command,
              const char *message)
{
  g_printerr ("motcuactl %s: %s\n", command, message);
  g_printerr (_("Try “motcuactl %s --help”.\n"), command);
  return MC_CLI_USAGE;
}

/* Parses a command's own options; on a usage error sets *out_status to 2 and returns FALSE. */
gboolean
mc_cli_parse (GOptionContext   *context,
              const char       *command,
              int              *argc,
              char           ***argv,
              int              *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = mc_cli_usage (command, error->message);
      return FALSE;
    }
  return TRUE;
}

McStore *
mc_cli_open_store (McCli             *cli,
                   McStoreOpenFlags   flags,
                   int               *out_status)
{
  g_autofree char *path = mc_store_profile_path (cli->profile_dir);
  GError *error = NULL;
  McStore *store = mc_store_open (path, flags, &error);

  if (store == NULL)
    *out_status = mc_cli_fail (error);
  return store;
}

void
mc_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* Progress goes to a terminal only: a script reading stderr gets the error lines alone. */
gboolean
mc_cli_progress_wanted (void)
{
  return isatty (STDERR_FILENO);
}
