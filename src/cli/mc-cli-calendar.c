/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-calendar.h"
#include "mc-deadline.h"
#include "mc-dossier-json.h"
#include "mc-id.h"
#include "mc-lunar.h"
#include "mc-store-calendar.h"
#include "mc-time.h"

/* motcuactl due, lunar and calendar: the deadline engine and the office calendar. */

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%02d/%02d/%04d", g_date_get_day (date), g_date_get_month (date), g_date_get_year (date));
}

/* One line of "calendar list", also what "add-off", "add-work" and "remove" print of the day
 * they changed: DATE, kind, source and name, tab-separated, in words (--json has the ids). */
static void
print_entry (const GDate        *date,
             McCalendarDayKind   kind,
             McCalendarSource    source,
             const char         *name)
{
  g_autofree char *day = format_date (date);

  g_print ("%s\t%s\t%s\t%s\n", day, mc_calendar_day_kind_label (kind), mc_calendar_source_label (source), name);
}

static JsonNode *
entries_to_json (GPtrArray *entries)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < entries->len; i++)
    {
      McCalendarEntry *e = g_ptr_array_index (entries, i);
      char iso[16];

      g_date_strftime (iso, sizeof iso, "%Y-%m-%d", &e->date);
      json_builder_begin_object (b);
      mc_json_add_string (b, "date", iso);
      mc_json_add_string (b, "kind", mc_calendar_day_kind_id (e->kind));
      mc_json_add_string (b, "source", mc_calendar_source_id (e->source));
      mc_json_add_string (b, "name", e->name);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  return json_builder_get_root (b);
}

/* The calendar with this profile's local edits when the profile exists; the rules and the
 * official table alone when it does not (due and lunar work without any profile). */
static McCalendar *
profile_calendar (McCli *cli,
                  int   *out_status)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  g_autofree char *path = mc_store_profile_path (cli->profile_dir);
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;

  store = mc_store_open (path, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_NO_PROFILE))
        {
          g_error_free (error);
          return g_steal_pointer (&calendar);
        }
      *out_status = mc_cli_fail (error);
      return NULL;
    }
  if (!mc_store_load_calendar (store, calendar, &error))
    {
      *out_status = mc_cli_fail (error);
      return NULL;
    }
  return g_steal_pointer (&calendar);
}

static gboolean
parse_unit (const char     *text,
            McDurationUnit *out_unit)
{
  static const struct { const char *name; McDurationUnit unit; } units[] = {
    { "working", MC_DURATION_WORKING_DAYS },
    { "calendar", MC_DURATION_CALENDAR_DAYS },
    { "hours", MC_DURATION_HOURS },
    { "sameday", MC_DURATION_SAME_DAY },
  };

  int i = MC_ID_FIND_MEMBER (units, name, text);

  if (i >= 0)
    *out_unit = units[i].unit;
  return i >= 0;
}

int
mc_cli_due (McCli  *cli,
            int     argc,
            char  **argv)
{
  g_autofree char *from = NULL;
  g_autofree char *unit_name = NULL;
  int duration = -1;
  GOptionEntry entries[] = {
    { "from", 'f', 0, G_OPTION_ARG_STRING, &from, N_("When the dossier was received (Vietnam time)"), N_("“DD/MM/YYYY HH:MM”") },
    { "duration", 'd', 0, G_OPTION_ARG_INT, &duration, N_("How long the procedure takes"), "N" },
    { "unit", 'u', 0, G_OPTION_ARG_STRING, &unit_name, N_("Unit of the duration: working, calendar, hours or sameday"), N_("UNIT") },
    { NULL }
  };
  g_autoptr(McCalendar) calendar = NULL;
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  McDurationUnit unit;
  int status = MC_CLI_OK;
  gint64 received;

  if (!mc_cli_parse ("due", _("— compute the due time of a dossier"), entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("due", _("unexpected argument"));
  if (from == NULL || !mc_time_parse (from, &received))
    return mc_cli_usage ("due", _("--from “DD/MM/YYYY HH:MM” is needed"));
  if (unit_name == NULL || !parse_unit (unit_name, &unit))
    return mc_cli_usage ("due", _("--unit must be working, calendar, hours or sameday"));
  if (duration < 0 && unit != MC_DURATION_SAME_DAY)
    return mc_cli_usage ("due", _("--duration must be a number of days or hours, 0 or more"));
  if (duration > 3660)
    return mc_cli_usage ("due", _("--duration must be at most 3660 days or hours"));
  if ((message = mc_cli_date_out_of_range ("--from", received)))
    return mc_cli_usage ("due", message);

  if (!(calendar = profile_calendar (cli, &status)))
    return status;
  text = mc_time_format_short (mc_deadline_due (NULL, calendar, received, MAX (duration, 0), unit));
  g_print ("%s\n", text);
  return MC_CLI_OK;
}

int
mc_cli_lunar (McCli  *cli,
              int     argc,
              char  **argv)
{
  McLunarDate lunar;
  int status = MC_CLI_OK;
  GDate date;

  if (!mc_cli_parse ("lunar", _("DD/MM/YYYY — the Vietnamese lunar date of a day"), NULL, NULL, &argc, &argv, &status))
    return status;
  if (argc != 2 || !mc_time_parse_date (argv[1], &date))
    return mc_cli_usage ("lunar", _("one date DD/MM/YYYY is needed"));
  if (!mc_lunar_from_solar (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), &lunar))
    {
      g_printerr (_("motcuactl: the lunar calendar covers %d to %d only\n"), MC_LUNAR_FIRST_YEAR, MC_LUNAR_LAST_YEAR);
      return MC_CLI_FAILED;
    }
  /* The lunar date is written the Vietnamese way whatever the locale: "nhuận" marks the leap
   * month as it does on every printed calendar. */
  g_print ("%02d/%02d/%04d%s\n", lunar.day, lunar.month, lunar.year, lunar.leap ? " (nhuận)" : "");
  return MC_CLI_OK;
}

static int
calendar_list (McCli     *cli,
               int        argc,
               char     **argv,
               gboolean   json)
{
  g_autoptr(McCalendar) calendar = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  int status = MC_CLI_OK;
  gint64 year;
  char *end;

  if (argc != 3)
    return mc_cli_usage ("calendar", _("list needs one YEAR"));
  year = g_ascii_strtoll (argv[2], &end, 10);
  if (*argv[2] == '\0' || *end != '\0' || year < MC_LUNAR_FIRST_YEAR || year > MC_LUNAR_LAST_YEAR)
    return mc_cli_usage ("calendar", _("YEAR must be a year from 1800 to 2199"));

  if (!(calendar = profile_calendar (cli, &status)))
    return status;
  entries = mc_calendar_list_year (calendar, (int) year);
  if (json)
    {
      g_autoptr(JsonNode) node = entries_to_json (entries);

      mc_cli_print_json (node);
      return MC_CLI_OK;
    }
  for (guint i = 0; i < entries->len; i++)
    {
      McCalendarEntry *e = g_ptr_array_index (entries, i);

      print_entry (&e->date, e->kind, e->source, e->name);
    }
  return MC_CLI_OK;
}

static int
calendar_add (McCli              *cli,
              int                 argc,
              char              **argv,
              McCalendarDayKind   kind)
{
  g_autoptr(McStore) store = NULL;
  g_autofree char *name = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  GDate date;

  if (argc < 3 || !mc_time_parse_date (argv[2], &date))
    return mc_cli_usage ("calendar", _("a DATE (DD/MM/YYYY) is needed, then an optional NAME"));
  if (g_date_get_year (&date) < 2000 || g_date_get_year (&date) > 2099)
    return mc_cli_usage ("calendar", _("DATE must be in the years 2000 to 2099"));
  name = g_strjoinv (" ", argv + 3);

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!mc_store_set_calendar_edit (store, &date, kind, name, g_get_user_name (), &error))
    return mc_cli_fail (error);
  print_entry (&date, kind, MC_CALENDAR_SOURCE_LOCAL, name);
  return MC_CLI_OK;
}

/* "remove" takes one layer away: a local edit of DATE if there is one (undoing it), else the
 * rule or official day off or extra working day of DATE (cancelled by a local "not_off"). */
static int
calendar_remove (McCli  *cli,
                 int     argc,
                 char  **argv)
{
  g_autoptr(McStore) store = NULL;
  g_autoptr(McCalendarEdit) edit = NULL;
  g_autoptr(McCalendar) calendar = NULL;
  g_autoptr(McCalendarEntry) entry = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  GDate date;

  if (argc != 3 || !mc_time_parse_date (argv[2], &date))
    return mc_cli_usage ("calendar", _("remove needs one DATE (DD/MM/YYYY)"));
  text = format_date (&date);

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!mc_store_get_calendar_edit (store, &date, &edit, &error))
    return mc_cli_fail (error);
  if (edit != NULL)
    {
      if (!mc_store_remove_calendar_edit (store, &date, g_get_user_name (), &error))
        return mc_cli_fail (error);
      g_print (_("%s: local edit removed\n"), text);
      return MC_CLI_OK;
    }

  calendar = mc_calendar_new ();
  entry = mc_calendar_get_entry (calendar, &date);
  if (entry == NULL)
    {
      g_printerr (_("motcuactl: %s is neither a day off nor an extra working day\n"), text);
      return MC_CLI_FAILED;
    }
  if (!mc_store_set_calendar_edit (store, &date, MC_CALENDAR_DAY_NOT_OFF, "", g_get_user_name (), &error))
    return mc_cli_fail (error);
  print_entry (&date, MC_CALENDAR_DAY_NOT_OFF, MC_CALENDAR_SOURCE_LOCAL, entry->name);
  return MC_CLI_OK;
}

int
mc_cli_calendar (McCli  *cli,
                 int     argc,
                 char  **argv)
{
  gboolean json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("With list: print JSON, with the ids of kinds and sources"), NULL },
    { NULL }
  };
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("calendar",
                     _("list YEAR | add-off DATE [NAME] | add-work DATE [NAME] | remove DATE — the office calendar"),
                     entries,
                     _("list prints the days off and extra working days of YEAR with their source (rule, official, "
                       "local). add-off and add-work add a local day off or extra working day; remove undoes a local "
                       "edit, or cancels the rule or official entry of that day. Dates are DD/MM/YYYY (or YYYY-MM-DD). Every change "
                       "is recorded in the audit log."),
                     &argc, &argv, &status))
    return status;
  if (argc < 2)
    return mc_cli_usage ("calendar", _("a subcommand is needed: list, add-off, add-work or remove"));
  if (json && !g_str_equal (argv[1], "list"))
    return mc_cli_usage ("calendar", _("--json goes with list"));

  if (g_str_equal (argv[1], "list"))
    return calendar_list (cli, argc, argv, json);
  if (g_str_equal (argv[1], "add-off"))
    return calendar_add (cli, argc, argv, MC_CALENDAR_DAY_OFF);
  if (g_str_equal (argv[1], "add-work"))
    return calendar_add (cli, argc, argv, MC_CALENDAR_DAY_WORK);
  if (g_str_equal (argv[1], "remove"))
    return calendar_remove (cli, argc, argv);
  return mc_cli_usage ("calendar", _("unknown subcommand: use list, add-off, add-work or remove"));
}
