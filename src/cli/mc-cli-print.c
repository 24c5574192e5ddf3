/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-print.h"
#include "mc-store-register.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* motcuactl print, register and settings: the same PDF pages the window prints, and the office
 * settings those pages show. */

int
mc_cli_print (McCli  *cli,
              int     argc,
              char  **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *date = NULL;
  g_autofree char *official_option = NULL;
  g_autofree char *official = NULL;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason,
      N_("Reasons or missing items, one per line (default: from the dossier's history)"), N_("TEXT") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The date printed on the form (default: today)"), N_("DATE") },
    { "official", 0, 0, G_OPTION_ARG_STRING, &official_option,
      N_("Your full name, signed under the form (default: the setting official.name)"), N_("“FULL NAME”") },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McPrintLayout) layout = NULL;
  McPrintOptions options = { 0 };
  McPrintForm form;
  GError *error = NULL;
  g_autofree char *message = NULL;
  int status = MC_CLI_OK;
  gint64 id;

  if (!mc_cli_parse ("print",
                     _("NUMBER FORM — print a form of a dossier to PDF (FORM: receipt, supplement, refusal, apology, stop, control)"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return mc_cli_usage ("print", _("a dossier NUMBER and a FORM are needed"));
  if (!mc_print_form_from_id (argv[2], &form))
    return mc_cli_usage ("print", _("FORM must be one of receipt, supplement, refusal, apology, stop, control"));
  if (output == NULL)
    return mc_cli_usage ("print", _("--output FILE is needed"));
  if (date != NULL && !mc_time_parse (date, &options.printed_at))
    return mc_cli_usage ("print", _("--date must be a date such as 17/02/2026"));
  if (date && (message = mc_cli_date_out_of_range ("--date", options.printed_at)))
    return mc_cli_usage ("print", message);
  options.reason = reason;

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  /* A form is signed by a person, as an action is taken by one. */
  if (!(official = mc_cli_official (store, official_option, &status)))
    return status;
  options.official = official;
  if (!(id = mc_cli_find_dossier (store, argv[1], &status)))
    return status;
  if (!(layout = mc_print_stored_dossier (store, id, form, &options, &error)) ||
      !mc_print_layout_write_pdf (layout, output, &error))
    return mc_cli_fail (error);
  return MC_CLI_OK;
}

int
mc_cli_register (McCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period"), N_("DD/MM/YYYY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period"), N_("DD/MM/YYYY") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  g_autoptr(McPrintOffice) office = NULL;
  g_autoptr(McPrintLayout) layout = NULL;
  g_autoptr(GDateTime) last_day = NULL;
  GError *error = NULL;
  g_autofree char *message = NULL;
  int status = MC_CLI_OK;
  gint64 from, to;

  if (!mc_cli_parse ("register", _("— print the register of the dossiers received over a period to PDF"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("register", _("unexpected argument"));
  if (!mc_time_parse_day (from_text, &from) || !mc_time_parse_day (to_text, &to))
    return mc_cli_usage ("register", _("--from and --to must be days such as 17/02/2026"));
  if (to < from)
    return mc_cli_usage ("register", _("--to must not be before --from"));
  if ((message = mc_cli_date_out_of_range ("--from", from)) || (message = mc_cli_date_out_of_range ("--to", to)))
    return mc_cli_usage ("register", message);
  if (output == NULL)
    return mc_cli_usage ("register", _("--output FILE is needed"));
  /* The period includes its last day: it ends at the start of the next one. */
  last_day = mc_time_to_local (to);
  {
    g_autoptr(GDateTime) next = g_date_time_add_days (last_day, 1);
    to = g_date_time_to_unix (next);
  }

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (!(ids = mc_store_list_received (store, from, to, &error)))
    return mc_cli_fail (error);
  for (guint i = 0; i < ids->len; i++)
    {
      McDossier *d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);

      if (d == NULL)
        return mc_cli_fail (error);
      g_ptr_array_add (dossiers, d);
    }
  if (!(office = mc_print_office_load (store, &error)) ||
      !(layout = mc_print_register (office, dossiers, from, to, NULL, &error)) ||
      !mc_print_layout_write_pdf (layout, output, &error))
    return mc_cli_fail (error);
  return MC_CLI_OK;
}

static int
settings_list (McStore *store)
{
  const McSettingInfo *known;
  guint n;

  known = mc_settings_known (&n);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = NULL;
      GError *error = NULL;

      if (!mc_store_lookup_setting (store, known[i].key, &value, &error))
        return mc_cli_fail (error);
      g_print ("%s\t%s\t%s\n", known[i].key, value ? value : known[i].default_value,
               value ? _("(set)") : _("(default)"));
      g_print ("\t# %s\n", _(known[i].summary));
    }
  return MC_CLI_OK;
}

int
mc_cli_settings (McCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(McStore) store = NULL;
  const char *verb;
  GError *error = NULL;
  int status = MC_CLI_OK;
  int expected;

  if (!mc_cli_parse ("settings",
                     _("list | get KEY | set KEY VALUE | unset KEY — the office settings printed on the forms"),
                     NULL, NULL, &argc, &argv, &status))
    return status;
  verb = argc > 1 ? argv[1] : "list";
  if (g_str_equal (verb, "list"))
    expected = 1;
  else if (g_str_equal (verb, "get") || g_str_equal (verb, "unset"))
    expected = 2;
  else if (g_str_equal (verb, "set"))
    expected = 3;
  else
    return mc_cli_usage ("settings", _("the first argument must be list, get, set or unset"));
  if (argc - 1 > expected || (argc > 1 && argc - 1 != expected))
    return mc_cli_usage ("settings", _("wrong number of arguments"));
  if (expected > 1 && mc_settings_lookup (argv[2]) == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("unknown setting “%s” (see “motcuactl settings list”)"),
                                                  argv[2]);
      return mc_cli_usage ("settings", message);
    }

  if (!(store = mc_cli_open_store (cli, g_str_equal (verb, "list") || g_str_equal (verb, "get") ? MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY : MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (g_str_equal (verb, "list"))
    return settings_list (store);
  if (g_str_equal (verb, "get"))
    {
      g_autofree char *value = mc_store_get_setting (store, argv[2], &error);

      if (value == NULL)
        return mc_cli_fail (error);
      g_print ("%s\n", value);
      return MC_CLI_OK;
    }
  if (g_str_equal (verb, "set") ? !mc_store_set_setting (store, argv[2], argv[3], g_get_user_name (), &error)
                                : !mc_store_unset_setting (store, argv[2], g_get_user_name (), &error))
    return mc_cli_fail (error);
  return MC_CLI_OK;
}
