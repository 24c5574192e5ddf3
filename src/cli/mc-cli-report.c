/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "mc-cli.h"
#include "mc-dossier-json.h"
#include "mc-report-doc.h"
#include "mc-store-queue.h"
#include "mc-store-report.h"
#include "mc-time.h"

/* motcuactl report 766 | bieu06: the reports of the window, from the store, offline. */

static void
add_number (JsonBuilder *b,
            const char  *name,
            double       value)
{
  json_builder_set_member_name (b, name);
  if (isnan (value))
    json_builder_add_null_value (b);
  else
    json_builder_add_double_value (b, value);
}

static JsonNode *
json_766 (const McReportPeriod *period,
          const McReport766    *r)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autofree char *id = mc_report_period_id (period);
  static const char *computed[] = { "portal", "local", "partial" };

  json_builder_begin_object (b);
  mc_json_add_string (b, "period", id);
  json_builder_set_member_name (b, "cutoff");
  if (period->cutoff)
    json_builder_add_int_value (b, 15);
  else
    json_builder_add_null_value (b);
  mc_json_add_time (b, "from", period->start);
  mc_json_add_time (b, "to", period->end);
  add_number (b, "points", r->total);
  add_number (b, "local_max", r->total_max);
  json_builder_set_member_name (b, "groups");
  json_builder_begin_array (b);
  for (int g = 1; g <= MC_REPORT_N_GROUPS; g++)
    {
      json_builder_begin_object (b);
      mc_json_add_int (b, "group", g);
      mc_json_add_string (b, "name", mc_report_group_label (g));
      add_number (b, "max", mc_report_group_points (g));
      add_number (b, "local_max", r->group_max[g]);
      add_number (b, "points", r->group_points[g]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < mc_report_get_n_indicators (); i++)
    {
      const McIndicator *ind = mc_report_get_indicator (i);

      json_builder_begin_object (b);
      mc_json_add_string (b, "id", ind->id);
      mc_json_add_int (b, "group", ind->group);
      mc_json_add_string (b, "name", ind->official_name);
      mc_json_add_string (b, "computed", computed[ind->computed]);
      add_number (b, "max", ind->points);
      add_number (b, "threshold", ind->threshold > 0 ? ind->threshold : NAN);
      if (ind->local >= 0)
        {
          const McIndicatorValue *v = &r->values[ind->local];

          mc_json_add_int (b, "numerator", v->numerator);
          mc_json_add_int (b, "denominator", v->denominator);
          mc_json_add_int (b, "scope", v->scope);
          add_number (b, "ratio", v->ratio);
          add_number (b, "points", v->points);
          if (ind->local == MC_IND_2_2)
            add_number (b, "average_days", v->value);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "received_by_channel");
  json_builder_begin_object (b);
  mc_json_add_int (b, "in_person", r->channel[MC_CHANNEL_IN_PERSON]);
  mc_json_add_int (b, "online", r->channel[MC_CHANNEL_ONLINE]);
  mc_json_add_int (b, "post", r->channel[MC_CHANNEL_POST]);
  json_builder_end_object (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* The table pads by terminal columns, not bytes (mc_cli_align ()): a Vietnamese name takes
 * more bytes than columns, and printf's "%-52s" would shift every number after it. */
static void
print_766 (const McReportPeriod *period,
           const McReport766    *r)
{
  g_autofree char *label = mc_report_period_label (period);
  g_autofree char *total = mc_report_format_points (r->total);
  int name_width = 0;

  for (guint i = 0; i < mc_report_get_n_indicators (); i++)
    name_width = MAX (name_width, mc_cli_text_width (mc_report_indicator_label (mc_report_get_indicator (i))));

  g_print ("%s\n", label);
  g_print (_("Computed here: %s of %g points (the national portal scores the other %g)\n"), total,
           r->total_max, 100 - r->total_max);
  for (guint i = 0; i < mc_report_get_n_indicators (); i++)
    {
      const McIndicator *ind = mc_report_get_indicator (i);
      g_autofree char *name = mc_cli_align (mc_report_indicator_label (ind), -name_width);
      const McIndicatorValue *v;
      g_autofree char *ratio = NULL;
      g_autofree char *ratio_column = NULL;
      g_autofree char *points = NULL;

      if (ind->local < 0)
        {
          g_print ("%-5s %s  %s\n", ind->id, name, _("national portal only"));
          continue;
        }
      v = &r->values[ind->local];
      if (ind->local == MC_IND_2_2)
        {
          g_autofree char *days = mc_report_format_days (v->value);

          ratio = isnan (v->value) ? g_strdup ("—") : g_strdup_printf (_("%s days"), days);
        }
      else
        ratio = mc_report_format_ratio (v->ratio);
      ratio_column = mc_cli_align (ratio, 10);
      points = mc_report_format_points (v->points);
      g_print ("%-5s %s  %8" G_GINT64_FORMAT " / %-8" G_GINT64_FORMAT " %s  %s/%g\n", ind->id, name,
               v->numerator, v->denominator, ratio_column, points, ind->points);
    }
}

/* The dossiers behind a number, one line each: number, applicant, due date. */
static int
print_dossiers (McStore *store,
                GArray  *ids)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McQueueEntry) entry = mc_store_queue_get_entry (store, g_array_index (ids, gint64, i), NULL);
      g_autofree char *due = NULL;

      if (entry == NULL)
        continue;
      due = entry->due_at ? mc_time_format_short (entry->due_at) : g_strdup ("—");
      g_print ("%s\t%s\t%s\n", entry->number, entry->applicant_name, due);
    }
  return MC_CLI_OK;
}

static int
report_766 (McCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *period_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *source = NULL;
  g_autofree char *procedure = NULL;
  g_autofree char *dossiers = NULL;
  gboolean missed = FALSE;
  int cutoff = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "period", 0, 0, G_OPTION_ARG_STRING, &period_text,
      N_("2026-11 (a month), 2026-Q3, 2026-H1 (6 months), 2026-9M (9 months) or 2026"), N_("PERIOD") },
    { "cutoff", 0, 0, G_OPTION_ARG_INT, &cutoff, N_("15: periods from the 15th to the 14th (default: calendar)"), N_("DAY") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only the dossiers of this ministry system"), N_("ID") },
    { "procedure", 0, 0, G_OPTION_ARG_STRING, &procedure, N_("Only the dossiers of this procedure"), N_("CODE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the table to FILE (.xlsx, .csv or .pdf)"), N_("FILE") },
    { "dossiers", 0, 0, G_OPTION_ARG_STRING, &dossiers, N_("List the dossiers an indicator counts (2.1, 3.3…)"), N_("ID") },
    { "missed", 0, 0, G_OPTION_ARG_NONE, &missed, N_("With --dossiers: only those it does not count as met"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McReportData) data = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  McReportFilter filter = MC_REPORT_FILTER_ALL;
  McReportPeriod period;
  McReport766 report;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("report 766", _("— the QĐ 766 indicators a commune can compute"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("report 766", _("unexpected argument"));
  if (cutoff != 0 && cutoff != 15)
    return mc_cli_usage ("report 766", _("--cutoff can only be 15"));
  if (period_text == NULL)
    return mc_cli_usage ("report 766", _("--period is needed"));
  if (!mc_report_period_parse (period_text, cutoff == 15, &period, &error))
    {
      status = mc_cli_usage ("report 766", error->message);
      g_error_free (error);
      return status;
    }
  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!(data = mc_store_report_load (store, period.start, period.end, &error)))
    return mc_cli_fail (error);
  /* A system or a procedure with no dossier matches nothing: an empty report, not an error. */
  if (source != NULL)
    filter.source = mc_report_data_find (data, 's', source) >= 0 ? mc_report_data_find (data, 's', source) : G_MAXINT;
  if (procedure != NULL)
    filter.procedure = mc_report_data_find (data, 'p', procedure) >= 0 ? mc_report_data_find (data, 'p', procedure) : G_MAXINT;
  if (dossiers != NULL)
    {
      for (int k = 0; k < MC_N_LOCAL_INDICATORS; k++)
        if (g_str_equal (mc_report_local_indicator (k)->id, dossiers))
          {
            g_autoptr(GArray) ids = mc_report_766_dossiers (data, &period, filter, k,
                                                            missed ? MC_DRILL_MISSED : MC_DRILL_DENOMINATOR);

            return print_dossiers (store, ids);
          }
      return mc_cli_usage ("report 766", _("--dossiers must name an indicator computed here (2.1, 2.2, 3.3, 3.6, 4.1–4.4, 4.5b, 5.4)"));
    }
  mc_report_766_compute (data, &period, filter, &report);
  if (output != NULL)
    {
      g_autofree char *official = mc_report_period_official_label (&period);
      g_autoptr(GHashTable) names = mc_cli_source_names (store, NULL);
      const char *system = source && names && g_hash_table_lookup (names, source) ? g_hash_table_lookup (names, source) : source;
      g_autofree char *label = mc_report_scope_label (official, system, procedure);

      if (!(office = mc_print_office_load (store, &error)) ||
          !mc_report_write_766 (output, office, &report, label, &error))
        return mc_cli_fail (error);
    }
  if (json)
    {
      g_autoptr(JsonNode) node = json_766 (&period, &report);

      mc_cli_print_json (node);
    }
  else if (output == NULL)
    print_766 (&period, &report);
  return MC_CLI_OK;
}

static JsonNode *
json_bieu06 (GPtrArray *lines,
             gint64     from,
             gint64     to)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  static const char *kinds[] = { "ministry", "field", "total" };

  json_builder_begin_object (b);
  mc_json_add_time (b, "from", from);
  mc_json_add_time (b, "to", to);
  json_builder_set_member_name (b, "rows");
  json_builder_begin_array (b);
  for (guint i = 0; i < lines->len; i++)
    {
      McBieu06Line *line = g_ptr_array_index (lines, i);

      json_builder_begin_object (b);
      mc_json_add_string (b, "kind", kinds[line->kind]);
      mc_json_add_string (b, "number", line->number);
      mc_json_add_string (b, "label", line->label);
      json_builder_set_member_name (b, "columns");
      json_builder_begin_array (b);
      for (int c = 0; c < MC_BIEU06_N_COUNTS; c++)
        json_builder_add_int_value (b, line->cells[c]);
      json_builder_end_array (b);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

static int
report_bieu06 (McCli  *cli,
               int     argc,
               char  **argv)
{
  g_autofree char *from_text = NULL;
  g_autofree char *to_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *by = NULL;
  g_autofree char *source = NULL;
  g_autofree char *field = NULL;
  int column = 0;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "from", 0, 0, G_OPTION_ARG_STRING, &from_text, N_("First day of the period"), N_("DD/MM/YYYY") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to_text, N_("Last day of the period"), N_("DD/MM/YYYY") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Rows per “field” (default) or per “ministry”"), N_("ROWS") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the form to FILE (.xlsx, .csv or .pdf)"), N_("FILE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "column", 0, 0, G_OPTION_ARG_INT, &column, N_("List the dossiers counted in column N (3–13)"), N_("N") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("With --column: only this ministry system"), N_("ID") },
    { "field", 0, 0, G_OPTION_ARG_STRING, &field, N_("With --column: only this lĩnh vực, named as on the form"), N_("FIELD") },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McReportData) data = NULL;
  g_autoptr(McBieu06) form = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  gint64 from, to;

  if (!mc_cli_parse ("report bieu06", _("— form 06 (TT 01/2020/TT-VPCP): the dossiers received and resolved"),
                     entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("report bieu06", _("unexpected argument"));
  if (!mc_time_parse_day (from_text, &from) || !mc_time_parse_day (to_text, &to))
    return mc_cli_usage ("report bieu06", _("--from and --to must be days such as 17/02/2026"));
  if (to < from)
    return mc_cli_usage ("report bieu06", _("--to must not be before --from"));
  if (by != NULL && !g_str_equal (by, "field") && !g_str_equal (by, "ministry"))
    return mc_cli_usage ("report bieu06", _("--by must be “field” or “ministry”"));
  if (column != 0 && (column < 3 || column > 13))
    return mc_cli_usage ("report bieu06", _("--column must be 3 to 13"));
  if (output == NULL && !json && column == 0)
    return mc_cli_usage ("report bieu06", _("--output FILE, --json or --column N is needed"));
  to += 86400;  /* the period includes its last day (Vietnam keeps no daylight saving time) */

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!(data = mc_store_report_load (store, from, to, &error)) || !(names = mc_cli_source_names (store, &error)))
    return mc_cli_fail (error);
  if (column != 0)
    {
      g_autoptr(GArray) ids = NULL;
      int s = source ? mc_report_data_find (data, 's', source) : -1;
      int f = field ? mc_report_data_find (data, 'f', field) : -1;

      /* A system or a lĩnh vực without a dossier in the period: nothing to list. */
      if ((source != NULL && s < 0) || (field != NULL && f < 0))
        return MC_CLI_OK;
      ids = mc_report_bieu06_dossiers (data, from, to, s, f, column);
      return print_dossiers (store, ids);
    }
  form = mc_report_bieu06_compute (data, from, to, by && g_str_equal (by, "ministry") ? MC_BIEU06_BY_SOURCE : MC_BIEU06_BY_FIELD);
  /* The form's identities are checked before anything leaves the program. */
  if (!mc_report_bieu06_check (form, &error))
    return mc_cli_fail (error);
  lines = mc_bieu06_lines (data, form, names);
  if (output != NULL &&
      (!(office = mc_print_office_load (store, &error)) || !mc_report_write_bieu06 (output, office, lines, from, to, &error)))
    return mc_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonNode) node = json_bieu06 (lines, from, to);

      mc_cli_print_json (node);
    }
  return MC_CLI_OK;
}

int
mc_cli_report (McCli  *cli,
               int     argc,
               char  **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "766"))
    return report_766 (cli, argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "bieu06"))
    return report_bieu06 (cli, argc - 1, argv + 1);
  return mc_cli_usage ("report", _("REPORT must be 766 or bieu06"));
}
