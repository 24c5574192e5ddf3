/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-store-audit.h"

/* motcuactl doctor: what is wrong with a profile's database, and a copy of what SQLite can
 * still read into a new file. The damaged file is only ever read. */

static gboolean
report_audit (McStore *store)
{
  g_autoptr(GError) error = NULL;
  McAuditReport report;

  mc_cli_load_audit_key (store);
  if (!mc_store_audit_check (store, NULL, &report, &error))
    {
      g_print (_("Audit log: %s\n"), error->message);
      return FALSE;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "Audit log: intact, %u entry\n", "Audit log: intact, %u entries\n",
                        report.entries), report.entries);
  return TRUE;
}

int
mc_cli_doctor (McCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *recover = NULL;
  GOptionEntry entries[] = {
    { "recover", 0, 0, G_OPTION_ARG_FILENAME, &recover, N_("Copy what can be read into FILE, a new file"), N_("FILE") },
    { NULL }
  };
  g_autofree char *path = mc_store_profile_path (cli->profile_dir);
  g_autoptr(McStore) store = NULL;
  g_autoptr(GError) error = NULL;
  int status = MC_CLI_OK;
  gboolean healthy = FALSE;

  if (!mc_cli_parse ("doctor", _("— check the profile's database, and recover it"),
                     entries,
                     _("Runs SQLite's full check of the database and verifies the audit log. With --recover, copies "
                       "every row SQLite can still read into FILE (which must not exist); the damaged database is "
                       "only read. Check the copy, keep the damaged file, then put the copy in its place."),
                     &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("doctor", _("unexpected argument"));

  if (!(store = mc_store_open (path, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &error)))
    {
      if (!g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT))
        return mc_cli_fail (g_steal_pointer (&error));
      g_print (_("Database: %s\n"), error->message);
    }
  else if (!mc_store_check (store, TRUE, &error))
    g_print (_("Database: %s\n"), error->message);
  else
    {
      g_print (_("Database: %s passes SQLite's full check\n"), path);
      healthy = report_audit (store);
      if (mc_store_is_marked_damaged (store))
        {
          /* SQLite said "damaged" once, the full check says whole: writing may resume. */
          mc_store_forget_damage (store);
          g_print ("%s\n", _("The mark left by an earlier error is removed: the profile can be written again"));
        }
    }

  if (recover != NULL)
    {
      g_autofree char *report = NULL;
      g_autoptr(McStore) copy = NULL;

      g_clear_error (&error);
      if (!(report = mc_store_recover (path, recover, &error)))
        return mc_cli_fail (g_steal_pointer (&error));
      g_print ("%s", report);
      if (!(copy = mc_store_open (recover, MC_STORE_OPEN_EXISTING, &error)) || !mc_store_check (copy, TRUE, &error))
        return mc_cli_fail (g_steal_pointer (&error));
      g_print (_("Recovered into %s, which passes SQLite's full check. %s was not changed.\n"), recover, path);
      return MC_CLI_OK;
    }
  if (!healthy)
    g_printerr ("%s\n", _("motcuactl: the profile needs care: restore a backup, or recover with “motcuactl doctor --recover FILE”"));
  return healthy ? MC_CLI_OK : MC_CLI_FAILED;
}
