/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-dossier-json.h"
#include "mc-sample.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* motcuactl init-sample, search, list and show. */

#define BATCH 5000

/* A status read from a damaged or hand-edited database may be none of the ten. */
static const char *
status_text (int status)
{
  return mc_status_is_valid (status) ? mc_status_label (status) : "?";
}

int
mc_cli_init_sample (McCli  *cli,
                    int     argc,
                    char  **argv)
{
  gint64 n_dossiers = MC_SAMPLE_DEFAULT_DOSSIERS;
  gint64 seed = MC_SAMPLE_DEFAULT_SEED;
  GOptionEntry entries[] = {
    { "dossiers", 'n', 0, G_OPTION_ARG_INT64, &n_dossiers, N_("How many dossiers to add (default 2000)"), "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_("Seed of the generator: the same seed gives the same data"), "S" },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McSample) plan = NULL;
  gboolean progress = mc_cli_progress_wanted ();
  GError *error = NULL;
  gint64 first, now = mc_time_now ();
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("init-sample", _("— create or fill a profile with sample dossiers"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("init-sample", _("unexpected argument"));
  if (n_dossiers < 0 || n_dossiers > 10000000)
    return mc_cli_usage ("init-sample", _("--dossiers must be between 0 and 10000000"));

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_CREATE, &status)))
    return status;
  if (!mc_store_add_sample_profile (store, seed, g_get_user_name (), &error))
    return mc_cli_fail (error);

  /* Filling an existing profile goes on where the generator stopped, so numbers stay unique. */
  first = mc_store_count (store, NULL, &error);
  if (first < 0)
    return mc_cli_fail (error);

  /* One plan for the whole profile: its span of time grows with its size. */
  plan = mc_sample_new (seed, first + n_dossiers, now);
  for (gint64 done = 0; done < n_dossiers;)
    {
      gint64 end = MIN (done + BATCH, n_dossiers);

      if (!mc_store_begin (store, &error))
        return mc_cli_fail (error);
      for (; done < end; done++)
        {
          g_autoptr(McDossier) d = mc_sample_make (plan, first + done);

          if (!mc_store_insert_dossier (store, d, &error))
            {
              mc_store_rollback (store);
              return mc_cli_fail (error);
            }
        }
      if (!mc_store_commit (store, &error))
        return mc_cli_fail (error);
      if (progress)
        mc_cli_progress ("\r%s %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " (%d%%)", _("Generating dossiers:"),
                         done, n_dossiers, (int) (100 * done / n_dossiers));
    }
  if (progress && n_dossiers > 0)
    g_printerr ("\n");
  g_print (_("%s: %lld dossiers added, %lld in all\n"),
           cli->profile_dir, (long long) n_dossiers, (long long) (first + n_dossiers));
  return MC_CLI_OK;
}

/* Prints @ids as a JSON array or as one line per dossier. */
static int
print_dossiers (McStore  *store,
                GArray   *ids,
                gboolean  json)
{
  g_autoptr(JsonArray) array = json_array_new ();
  g_autoptr(GHashTable) systems = NULL;
  GError *error = NULL;

  if (!json && !(systems = mc_cli_source_names (store, &error)))
    return mc_cli_fail (error);
  /* Whoever reads the table sees what each column is; scripts take --json. The procedure is
   * named as officials know it, last because its name is the longest. */
  if (!json)
    g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", C_("column", "Number"), C_("column", "System"), C_("column", "Status"),
             C_("column", "Applicant"), C_("column", "Due"), C_("column", "Procedure"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);

      if (d == NULL)
        return mc_cli_fail (error);
      if (json)
        json_array_add_element (array, mc_dossier_to_json (d, FALSE));
      else
        {
          g_autofree char *due = d->due_at ? mc_time_format_short (d->due_at) : g_strdup ("—");

          g_autofree char *number = mc_cli_field (d->number);
          g_autofree char *procedure = mc_cli_field (d->procedure_name && *d->procedure_name ? d->procedure_name
                                                                                             : d->procedure_code);
          g_autofree char *applicant = mc_cli_field (d->applicant_name);

          /* The columns stay columns whatever the ministry system sent (the terminal's
           * controls are written out for all output: mc_cli_install_output_filter ()). */
          g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", number, mc_cli_source_name (systems, d->source_id),
                   status_text (d->status), applicant, due, procedure);
        }
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), array);
      mc_cli_print_json (node);
    }
  return MC_CLI_OK;
}

int
mc_cli_search (McCli  *cli,
               int     argc,
               char  **argv)
{
  int limit = 50;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("At most N results (default 50, 0 = all)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *query = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("search", _("QUERY — find dossiers by number, name, ID number, phone, address or procedure"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc < 2)
    return mc_cli_usage ("search", _("a QUERY is needed"));
  if (limit < 0)
    return mc_cli_usage ("search", _("--limit must not be negative"));
  query = g_strjoinv (" ", argv + 1);

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (!(ids = mc_store_search (store, query, limit, &error)))
    return mc_cli_fail (error);
  return print_dossiers (store, ids, json);
}

/* What --status takes: each code with its name. */
static char *
describe_statuses (void)
{
  GString *text = g_string_new (_("Status codes (--status):"));

  for (McStatus s = MC_STATUS_SUBMITTED; s <= MC_STATUS_RETURNED; s++)
    g_string_append_printf (text, "\n  %2d  %s", s, mc_status_label (s));
  return g_string_free (text, FALSE);
}

int
mc_cli_list (McCli  *cli,
             int     argc,
             char  **argv)
{
  int status_filter = 0, limit = 0;
  char *source = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "status", 0, 0, G_OPTION_ARG_INT, &status_filter, N_("Only dossiers in this status (1–10, listed below)"), "N" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only dossiers of this ministry system (its ID in “motcuactl sources list”)"), "ID" },
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_("At most N dossiers (default all)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *source_owned = NULL;
  McStoreFilter filter = { 0 };
  g_autofree char *status_codes = describe_statuses ();
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("list", _("— list dossiers, newest first"), entries, status_codes, &argc, &argv, &status))
    return status;
  source_owned = source;
  if (argc > 1)
    return mc_cli_usage ("list", _("unexpected argument"));
  if (status_filter != 0 && !mc_status_is_valid (status_filter))
    return mc_cli_usage ("list", _("--status must be a status code from 1 to 10"));
  if (limit < 0)
    return mc_cli_usage ("list", _("--limit must not be negative"));

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (source != NULL)
    {
      g_autoptr(McSource) s = mc_store_get_source (store, source, &error);
      if (s == NULL)
        return mc_cli_fail (error);
    }
  filter.status = status_filter;
  filter.source_id = source;
  filter.limit = limit;
  if (!(ids = mc_store_list (store, &filter, &error)))
    return mc_cli_fail (error);
  return print_dossiers (store, ids, json);
}

static void
print_detail (const McDossier *d,
              const char      *system)
{
  g_autofree char *received = d->received_at ? mc_time_format_short (d->received_at) : g_strdup ("—");
  g_autofree char *due = d->due_at ? mc_time_format_short (d->due_at) : g_strdup ("—");

  g_print ("%s %s%s\n", _("Dossier"), d->number, d->provisional ? _(" (provisional)") : "");
  g_print ("  %s: %s — %s\n", _("Procedure"), d->procedure_code, d->procedure_name);
  g_print ("  %s: %s (%s)\n", _("Applicant"), d->applicant_name, mc_applicant_kind_label (d->applicant_kind));
  g_print ("  %s: %s   %s: %s\n", _("ID number"), d->id_number ? d->id_number : "—",
           _("Phone"), d->phone ? d->phone : "—");
  g_print ("  %s: %s\n", _("Address"), d->address ? d->address : "—");
  g_print ("  %s: %s   %s: %s\n", _("Status"), status_text (d->status), _("Channel"), mc_channel_label (d->channel));
  g_print ("  %s: %s   %s: %s\n", C_("date", "Received"), received, _("Due"), due);
  g_print ("  %s: %s\n", C_("column", "System"), system);
  g_print ("  %s:\n", _("Documents"));
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *doc = g_ptr_array_index (d->documents, i);
      g_print ("    - %s (%s, %d)\n", doc->name, mc_received_form_name (mc_document_get_received (doc)), doc->count);
    }
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *fee = g_ptr_array_index (d->fees, i);
      g_print ("  %s: %s %" G_GINT64_FORMAT " đ (%s)\n", _("Fee"), fee->name, fee->amount_vnd,
               fee->paid ? _("paid") : _("not paid"));
    }
  g_print ("  %s:\n", _("History"));
  for (guint i = 0; i < d->history->len; i++)
    {
      McStep *s = g_ptr_array_index (d->history, i);
      g_autofree char *at = mc_time_format_short (s->at);
      g_print ("    %s  %s — %s\n", at, s->action, s->actor ? s->actor : "");
    }
}

int
mc_cli_show (McCli  *cli,
             int     argc,
             char  **argv)
{
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) d = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  gint64 id;

  if (!mc_cli_parse ("show", _("NUMBER — show one dossier"), entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("show", _("one dossier NUMBER is needed"));

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (!(id = mc_cli_find_dossier (store, argv[1], &status)))
    return status;
  if (!(d = mc_store_get_dossier (store, id, &error)))
    return mc_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = mc_dossier_to_json (d, TRUE);
      mc_cli_print_json (node);
    }
  else
    {
      g_autoptr(GHashTable) systems = mc_cli_source_names (store, &error);

      if (systems == NULL)
        return mc_cli_fail (error);
      print_detail (d, mc_cli_source_name (systems, d->source_id));
    }
  return MC_CLI_OK;
}
