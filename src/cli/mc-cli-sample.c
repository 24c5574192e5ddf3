/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-sample-check.h"
#include "mc-store-calendar.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* motcuactl check-sample: measures a profile against the rules of a believable commune
 * (mc-sample-check.c) and prints every violation, one a line: the dossier number (or "—"
 * for a rule about the whole profile), the rule, what is wrong. Exit status 1 when there is
 * any, so that a script (and the test suite) can rely on it. It only reads the profile. */

static McSampleCheck *
check_for_profile (McStore  *store,
                   GError  **error)
{
  g_autofree char *commune = NULL, *province = NULL;
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autoptr(GPtrArray) sources = NULL;
  McDeadlineSettings settings;
  McSampleCheck *check;

  if (!mc_store_lookup_setting (store, "office.commune", &commune, error)
      || !mc_store_lookup_setting (store, "office.province", &province, error)
      || !mc_store_load_calendar (store, calendar, error)
      || !mc_store_load_deadline_settings (store, &settings, error)
      || !(sources = mc_store_list_sources (store, error)))
    return NULL;
  if (commune == NULL || province == NULL)
    g_printerr ("%s\n", _("motcuactl: office.commune and office.province are not set: addresses are not checked "
                          "against the commune"));
  check = mc_sample_check_new (commune, province, calendar, &settings, mc_time_now ());
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);

      mc_sample_check_set_source (check, s->id, s->ministry);
    }
  return check;
}

int
mc_cli_check_sample (McCli  *cli,
                     int     argc,
                     char  **argv)
{
  gboolean quiet = FALSE;
  GOptionEntry entries[] = {
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only the count of violations per rule"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSampleCheck) check = NULL;
  g_autoptr(GArray) ids = NULL;
  McStoreFilter all = { 0 };
  GPtrArray *violations;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("check-sample", _("— check that a profile's dossiers look like a real commune's"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("check-sample", _("unexpected argument"));

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (!(check = check_for_profile (store, &error)) || !(ids = mc_store_list (store, &all, &error)))
    return mc_cli_fail (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);

      if (d == NULL)
        return mc_cli_fail (error);
      mc_sample_check_dossier (check, d);
    }
  violations = mc_sample_check_finish (check);
  if (!quiet)
    for (guint i = 0; i < violations->len; i++)
      {
        McSampleViolation *v = g_ptr_array_index (violations, i);
        g_autofree char *number = mc_cli_field (v->number ? v->number : "—");
        g_autofree char *message = mc_cli_field (v->message);

        g_print ("%s\t%s\t%s\n", number, mc_sample_rule_id (v->rule), message);
      }
  for (McSampleRule r = 0; quiet && r < MC_SAMPLE_N_RULES; r++)
    if (mc_sample_check_count (violations, r) > 0)
      g_print ("%s\t%u\n", mc_sample_rule_id (r), mc_sample_check_count (violations, r));
  g_printerr (_("Dossiers checked: %u. Violations: %u.\n"), ids->len, violations->len);
  return violations->len == 0 ? MC_CLI_OK : MC_CLI_FAILED;
}
