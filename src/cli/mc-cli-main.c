/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "mc-cli.h"
#include "mc-id.h"

/* motcuactl: the same core as the window, for administrators, scripts and tests. Its global
 * options and the table of commands. */

static const struct {
  const char *name;
  McCliRun run;
  const char *summary;
} commands[] = {
  { "init-sample", mc_cli_init_sample, N_("Create or fill a profile with sample dossiers") },
  { "check-sample", mc_cli_check_sample, N_("Check that a profile's dossiers look like a real commune's") },
  { "search", mc_cli_search, N_("Find dossiers") },
  { "list", mc_cli_list, N_("List dossiers") },
  { "show", mc_cli_show, N_("Show one dossier") },
  { "due", mc_cli_due, N_("Compute the due time of a dossier") },
  { "lunar", mc_cli_lunar, N_("Show the lunar date of a day") },
  { "calendar", mc_cli_calendar, N_("List or edit the office calendar of days off") },
  { "print", mc_cli_print, N_("Print a form of a dossier to PDF") },
  { "scan", mc_cli_scan, N_("Scan paper pages into one PDF") },
  { "register", mc_cli_register, N_("Print the register of dossiers received over a period to PDF") },
  { "report", mc_cli_report, N_("The QĐ 766 indicators (report 766) or form 06 (report bieu06)") },
  { "settings", mc_cli_settings, N_("List or change the office settings printed on the forms") },
  { "act", mc_cli_act, N_("Take an action on a dossier") },
  { "attach", mc_cli_attach, N_("Attach files to a document of a dossier") },
  { "files", mc_cli_files, N_("List the files of a dossier") },
  { "receive-new", mc_cli_receive_new, N_("Receive a new dossier at the counter") },
  { "outbox", mc_cli_outbox, N_("Show or resolve the actions waiting for the ministry systems") },
  { "audit", mc_cli_audit, N_("Verify or export the audit log") },
  { "sources", mc_cli_sources, N_("Add, list or remove the ministry systems of the profile") },
  { "sync", mc_cli_sync, N_("Pull dossiers from the ministry systems") },
  { "doctor", mc_cli_doctor, N_("Check the profile's database, and recover what can be read") },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n", _("Usage: motcuactl [--profile DIR] COMMAND [OPTIONS…]"));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-14s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("“motcuactl COMMAND --help” describes a command's options."));
}

/* The whole command line: global options, then a command and its own. Returns the exit
 * status. */
int
mc_cli_main (int    argc,
             char **argv)
{
  McCli cli = { 0 };
  g_autofree char *profile = NULL;
  int i = 1, c;

  /* Global options come before the command; the command parses the rest. */
  for (; i < argc && argv[i][0] == '-'; i++)
    {
      if (g_str_equal (argv[i], "--help") || g_str_equal (argv[i], "-h"))
        {
          print_usage (stdout);
          return MC_CLI_OK;
        }
      else if (g_str_equal (argv[i], "--profile") && i + 1 < argc)
        profile = g_strdup (argv[++i]);
      else if (g_str_has_prefix (argv[i], "--profile="))
        profile = g_strdup (argv[i] + strlen ("--profile="));
      else if (g_str_equal (argv[i], "--profile"))
        {
          g_printerr ("%s\n", _("motcuactl: --profile needs a directory"));
          return MC_CLI_USAGE;
        }
      else
        {
          g_printerr (_("motcuactl: unknown option “%s”\n"), argv[i]);
          print_usage (stderr);
          return MC_CLI_USAGE;
        }
    }
  if (i >= argc)
    {
      print_usage (stderr);
      return MC_CLI_USAGE;
    }

  cli.profile_dir = profile ? g_strdup (profile) : mc_store_default_profile_dir (NULL);
  if ((c = MC_ID_FIND_MEMBER (commands, name, argv[i])) >= 0)
    {
      int status = commands[c].run (&cli, argc - i, argv + i);

      g_free (cli.profile_dir);
      return status;
    }
  g_printerr (_("motcuactl: unknown command “%s”\n"), argv[i]);
  print_usage (stderr);
  g_free (cli.profile_dir);
  return MC_CLI_USAGE;
}
