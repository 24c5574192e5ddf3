/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "mc-sample.h"
#include "mc-sim.h"

/* motcua-sim: the five ministry systems on loopback, for training, tests and benchmarks.
 * Prints one line per dialect ("g09 lgsp http://127.0.0.1:PORT") and the admin URL, then
 * serves until interrupted. */

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* --fault DIALECT:NAME=VALUE → the "faults" control {"dialect":…, NAME: VALUE}. */
static gboolean
apply_fault (McSim       *sim,
             const char  *spec,
             GError     **error)
{
  const char *colon = strchr (spec, ':');
  const char *equals = colon ? strchr (colon, '=') : NULL;
  g_autofree char *dialect = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json = NULL;
  g_autoptr(JsonNode) result = NULL;
  const char *value;
  char *end = NULL;

  if (colon == NULL || equals == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--fault wants DIALECT:NAME=VALUE, not “%s”"), spec);
      return FALSE;
    }
  dialect = g_strndup (spec, colon - spec);
  name = g_strndup (colon + 1, equals - colon - 1);
  value = equals + 1;
  g_ascii_strtod (value, &end);
  if (end != value && *end == '\0')
    json = g_strdup_printf ("{\"dialect\":\"%s\",\"%s\":%s}", dialect, name, value);
  else if (g_str_equal (value, "true") || g_str_equal (value, "false"))
    json = g_strdup_printf ("{\"dialect\":\"%s\",\"%s\":%s}", dialect, name, value);
  else
    json = g_strdup_printf ("{\"dialect\":\"%s\",\"%s\":\"%s\"}", dialect, name, value);
  result = mc_sim_control (sim, "faults", json, error);
  return result != NULL;
}

int
main (int    argc,
      char **argv)
{
  gint64 seed = MC_SAMPLE_DEFAULT_SEED;
  int n_dossiers = 2000, port = 0, activity = 0;
  g_autofree char *dialects = NULL;
  g_autofree char *state = NULL;
  g_autofree char *password = NULL;
  g_autofree char *tls_cert = NULL;
  g_autofree char *tls_key = NULL;
  g_auto(GStrv) faults = NULL;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the sample data"), "S" },
    { "dossiers", 'n', 0, G_OPTION_ARG_INT, &n_dossiers, N_("Dossiers at the start, over all ministries (default 2000)"), "N" },
    { "dialects", 'd', 0, G_OPTION_ARG_STRING, &dialects, N_("Comma-separated dialects or source ids to serve (default all)"), "LIST" },
    { "port", 'p', 0, G_OPTION_ARG_INT, &port, N_("First port: dialects on PORT…PORT+4, admin on PORT+5 (default: any free ports)"), "PORT" },
    { "state", 0, 0, G_OPTION_ARG_FILENAME, &state, N_("Keep the simulator's state in this file"), "FILE" },
    { "password", 0, 0, G_OPTION_ARG_STRING, &password, N_("Password or client secret the systems accept"), "SECRET" },
    { "tls-certificate", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert, N_("Serve HTTPS with this PEM certificate"), "FILE" },
    { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key, N_("The certificate's PEM private key (default: in the certificate file)"), "FILE" },
    { "activity", 'a', 0, G_OPTION_ARG_INT, &activity, N_("Every N seconds a new submission arrives and another official acts (0 = never)"), "N" },
    { "fault", 'f', 0, G_OPTION_ARG_STRING_ARRAY, &faults, N_("A fault at start-up, DIALECT:NAME=VALUE (see data/api/README.md)"), "SPEC" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("— serve the five ministry systems on loopback"));
  g_autoptr(GError) error = NULL;
  g_autoptr(McSim) sim = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  guint mask = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("motcua-sim: %s\n", error->message);
      return 2;
    }
  if (n_dossiers < 0 || port < 0 || port > 65530 || activity < 0)
    {
      g_printerr ("motcua-sim: %s\n", _("--dossiers, --port and --activity must not be negative"));
      return 2;
    }
  if (dialects == NULL)
    mask = MC_SIM_ALL_DIALECTS;
  else
    {
      g_auto(GStrv) names = g_strsplit (dialects, ",", -1);

      for (guint i = 0; names[i]; i++)
        {
          McSimDialect d;

          if (!mc_sim_dialect_from_name (g_strstrip (names[i]), &d))
            {
              g_printerr (_("motcua-sim: unknown dialect “%s”\n"), names[i]);
              return 2;
            }
          mask |= 1u << d;
        }
    }

  sim = mc_sim_new (seed, n_dossiers, mask);
  if (password)
    mc_sim_set_password (sim, password);
  if (state)
    mc_sim_set_state_file (sim, state);
  mc_sim_set_activity (sim, activity);
  if (tls_cert)
    {
      g_autoptr(GTlsCertificate) certificate = tls_key ? g_tls_certificate_new_from_files (tls_cert, tls_key, &error)
                                                       : g_tls_certificate_new_from_file (tls_cert, &error);

      if (certificate == NULL)
        {
          g_printerr ("motcua-sim: %s\n", error->message);
          return 2;
        }
      mc_sim_set_tls_certificate (sim, certificate);
    }
  for (guint i = 0; faults && faults[i]; i++)
    if (!apply_fault (sim, faults[i], &error))
      {
        g_printerr ("motcua-sim: %s\n", error->message);
        return 2;
      }
  if (!mc_sim_start (sim, port, &error))
    {
      g_printerr ("motcua-sim: %s\n", error->message);
      return 1;
    }
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (mask & (1u << i))
      {
        g_autofree char *url = mc_sim_get_base_url (sim, i);

        g_print ("%s %s %s\n", mc_sim_dialect_source_id (i), mc_sim_dialect_name (i), url);
      }
  {
    g_autofree char *admin = mc_sim_get_admin_url (sim);

    g_print ("admin %s\n", admin);
  }
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGINT, quit_cb, loop);
  g_unix_signal_add (SIGTERM, quit_cb, loop);
  g_main_loop_run (loop);
  mc_sim_stop (sim);
  return 0;
}
