/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gunixoutputstream.h>
#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "mc-cli.h"
#include "mc-dossier-json.h"
#include "mc-fold.h"
#include "mc-print-layout.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-outbox.h"
#include "mc-time.h"

/* motcuactl act, receive-new, outbox and audit: the official's actions, the queue of what
 * waits for the ministry systems, and the audit log, as scripts and administrators use them.
 * The store decides what is allowed; a refusal is exit 1 with its message. */

/* The options of an action's input, shared by "act" and "outbox retry". */
typedef struct
{
  char *note;
  char *reason;
  char **items;
  char *due;
  char *method;
  char *delivery;
  char **results;
  char **result_numbers;
  char *fee_name;
  gint64 fee_vnd;
  char *unit;
  char *at;
  char *official;
} InputOptions;

static void
input_options_clear (InputOptions *o)
{
  g_free (o->note);
  g_free (o->reason);
  g_strfreev (o->items);
  g_free (o->due);
  g_free (o->method);
  g_free (o->delivery);
  g_strfreev (o->results);
  g_strfreev (o->result_numbers);
  g_free (o->fee_name);
  g_free (o->unit);
  g_free (o->at);
  g_free (o->official);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (InputOptions, input_options_clear)

static void
add_input_entries (GOptionContext *context,
                   InputOptions   *o)
{
  GOptionEntry entries[] = {
    { "reason", 'r', 0, G_OPTION_ARG_STRING, &o->reason, N_("Reasons (refuse, stop, reschedule, withdraw)"), N_("TEXT") },
    { "note", 0, 0, G_OPTION_ARG_STRING, &o->note, N_("A note; the description of a processing step"), N_("TEXT") },
    { "item", 'i', 0, G_OPTION_ARG_STRING_ARRAY, &o->items, N_("A missing item of a supplement request (repeat for each)"), N_("TEXT") },
    { "due", 0, 0, G_OPTION_ARG_STRING, &o->due, N_("The new due date (reschedule)"), N_("“DD/MM/YYYY HH:MM”") },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &o->method, N_("How the result is returned: in-person, online or post"), N_("METHOD") },
    { "delivery", 0, 0, G_OPTION_ARG_STRING, &o->delivery, N_("How the result was delivered: paper, e-result (to the citizen's data store) or both"), N_("HOW") },
    { "result", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->results, N_("A result document (repeat for each)"), N_("NAME") },
    { "result-number", 0, 0, G_OPTION_ARG_STRING_ARRAY, &o->result_numbers, N_("The number of a result document, in the order of --result"), N_("NUMBER") },
    { "fee-name", 0, 0, G_OPTION_ARG_STRING, &o->fee_name, N_("What the financial obligation is"), N_("TEXT") },
    { "fee", 0, 0, G_OPTION_ARG_INT64, &o->fee_vnd, N_("Its amount in đồng"), "N" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &o->unit, N_("Your unit, for the processing history"), N_("NAME") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &o->at, N_("When it happened, if not now (Vietnam time)"), N_("“DD/MM/YYYY HH:MM”") },
    { "official", 0, 0, G_OPTION_ARG_STRING, &o->official, N_("Your full name, recorded with the action (default: the setting official.name)"), N_("“FULL NAME”") },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
}

/* Turns the options into @input (borrowing their strings). Returns FALSE with a message when
 * one cannot be read, is out of range for @dossier (its times: after the dossier's last step,
 * not in the future), or does not apply to @action (a typo must not go unnoticed). */
static gboolean
input_from_options (const InputOptions  *o,
                    McAction             action,
                    const McDossier     *dossier,
                    McActionInput       *input,
                    char               **out_message)
{
  McActionNeeds needs = mc_action_needs (action);

  *input = (McActionInput) { 0 };
  if (o->reason != NULL && o->note != NULL)
    {
      *out_message = g_strdup (_("give --reason or --note, not both"));
      return FALSE;
    }
  input->note = o->reason ? o->reason : o->note;
  input->unit = o->unit;
  if (o->at != NULL && !mc_time_parse (o->at, &input->at))
    {
      *out_message = g_strdup (_("--at must be “DD/MM/YYYY HH:MM” (or “YYYY-MM-DD HH:MM”)"));
      return FALSE;
    }
  if (o->at != NULL && (*out_message = mc_cli_time_out_of_range ("--at", input->at, mc_cli_dossier_last_time (dossier))))
    return FALSE;
  if ((o->items && !(needs & MC_ACTION_NEEDS_ITEMS)) || (o->due && !(needs & MC_ACTION_NEEDS_DUE)) ||
      ((o->method || o->delivery) && !(needs & MC_ACTION_NEEDS_METHOD)) ||
      ((o->results || o->result_numbers) && !(needs & MC_ACTION_NEEDS_RESULTS)) ||
      ((o->fee_name || o->fee_vnd) && !(needs & MC_ACTION_NEEDS_FEE)))
    {
      *out_message = g_strdup (_("an option does not apply to this action"));
      return FALSE;
    }
  input->items = (const char * const *) o->items;
  if (o->due != NULL && !mc_time_parse (o->due, &input->due_at))
    {
      *out_message = g_strdup (_("--due must be “DD/MM/YYYY HH:MM” (or “YYYY-MM-DD HH:MM”)"));
      return FALSE;
    }
  if (o->due != NULL
      && (*out_message = mc_cli_due_out_of_range ("--due", input->due_at, input->at ? input->at : mc_time_now ())))
    return FALSE;
  if (o->method != NULL && !(input->method = mc_return_method_from_id (o->method)))
    {
      *out_message = g_strdup (_("--method must be in-person, online or post"));
      return FALSE;
    }
  if (o->delivery != NULL && !mc_result_delivery_is_valid (o->delivery))
    {
      *out_message = g_strdup (_("--delivery must be paper, e-result or both"));
      return FALSE;
    }
  input->delivery = o->delivery;
  if ((needs & MC_ACTION_NEEDS_FEE) && (*out_message = mc_cli_amount_out_of_range ("--fee", o->fee_vnd)))
    return FALSE;
  input->results = (const char * const *) o->results;
  input->result_numbers = (const char * const *) o->result_numbers;
  input->fee_name = o->fee_name;
  input->fee_vnd = o->fee_vnd;
  return TRUE;
}

static char *
action_ids (void)
{
  g_autoptr(GString) ids = g_string_new (NULL);

  for (int a = MC_ACTION_INVALID + 1; a <= MC_ACTION_LAST; a++)
    g_string_append_printf (ids, "%s%s", ids->len ? ", " : "", mc_action_id (a));
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Returns: the id of dossier @number, or 0 after printing why there is none. */
int
mc_cli_act (McCli  *cli,
            int     argc,
            char  **argv)
{
  g_auto(InputOptions) o = { 0 };
  g_autoptr(GOptionContext) context = g_option_context_new (_("NUMBER ACTION — take an action on a dossier"));
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autofree char *ids = action_ids ();
  g_autofree char *description = g_strdup_printf (_("ACTION is one of: %s."), ids);
  McActionInput input;
  g_autofree char *message = NULL;
  g_autofree char *official = NULL;
  g_autofree char *moved = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  McAction action;
  gint64 id;

  add_input_entries (context, &o);
  g_option_context_set_description (context, description);
  if (!mc_cli_parse_context (context, "act", &argc, &argv, &status))
    return status;
  if (argc != 3)
    return mc_cli_usage ("act", _("a dossier NUMBER and an ACTION are needed"));
  /* Files go by "attach": not a step of the workflow. */
  if ((action = mc_action_from_id (argv[2])) == MC_ACTION_INVALID || action > MC_ACTION_LAST)
    return mc_cli_usage ("act", description);

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (!(official = mc_cli_official (store, o.official, &status)))
    return status;
  if (!(id = mc_cli_find_dossier (store, argv[1], &status)))
    return status;
  if (!(d = mc_store_get_dossier (store, id, &error)))
    return mc_cli_fail (error);
  if (!input_from_options (&o, action, d, &input, &message))
    return mc_cli_usage ("act", message);
  g_clear_pointer (&d, mc_dossier_unref);
  if (action == MC_ACTION_RESCHEDULE && input.due_at != 0)
    {
      gint64 moved_to;

      moved = mc_store_due_moved (store, input.due_at, &moved_to);
    }
  if (!mc_store_apply_action (store, id, action, &input, official, &error) ||
      !(d = mc_store_get_dossier (store, id, &error)))
    return mc_cli_fail (error);

  g_print (_("%s: %s; status “%s”, waiting to be sent to the ministry system\n"),
           d->number, mc_action_label (action), mc_status_label (d->status));
  if (moved != NULL)
    g_print ("%s\n", moved);
  if (d->due_at != 0)
    {
      g_autofree char *text = mc_time_format_short (d->due_at);

      g_print ("%s: %s\n", _("Due"), text);
    }
  return MC_CLI_OK;
}

/* "Giấy khai sinh;certified-copy;2": each --document's name keeps what comes before the
 * options, which are cut off in place. Returns FALSE when one cannot be read. */
static gboolean
parse_documents (char    **documents,
                 GArray  **out_forms,
                 GArray  **out_counts)
{
  for (guint i = 0; documents != NULL && documents[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (documents[i], ";", 3);
      McReceivedForm form = MC_RECEIVED_ORIGINAL;
      int count = 1;
      char *end = NULL;

      if (*out_forms == NULL)
        {
          *out_forms = g_array_new (FALSE, TRUE, sizeof (McReceivedForm));
          *out_counts = g_array_new (FALSE, TRUE, sizeof (int));
        }
      if (parts[0] != NULL && parts[1] != NULL
          && (form = mc_received_form_from_id (g_strstrip (parts[1]))) == MC_RECEIVED_UNKNOWN)
        return FALSE;
      if (parts[0] != NULL && parts[1] != NULL && parts[2] != NULL
          && ((count = (int) g_ascii_strtoll (g_strstrip (parts[2]), &end, 10)) < 1 || count > 99 || *end != '\0'))
        return FALSE;
      if (parts[0] != NULL && parts[1] != NULL)
        documents[i][strlen (parts[0])] = '\0';
      g_array_append_val (*out_forms, form);
      g_array_append_val (*out_counts, count);
    }
  return TRUE;
}

int
mc_cli_receive_new (McCli  *cli,
                    int     argc,
                    char  **argv)
{
  g_autofree char *procedure = NULL, *applicant = NULL, *id_number = NULL, *phone = NULL;
  g_autofree char *address = NULL, *method = NULL, *source = NULL, *unit = NULL, *at = NULL;
  g_autofree char *official = NULL, *due_text = NULL;
  g_autofree char *proxy = NULL, *proxy_id = NULL, *proxy_phone = NULL, *proxy_address = NULL, *proxy_paper = NULL;
  g_auto(GStrv) documents = NULL;
  g_autoptr(GArray) forms = NULL;
  g_autoptr(GArray) counts = NULL;
  gint64 fee = -1;
  int kind = 0;
  gboolean fee_paid = FALSE, dry_run = FALSE, json = FALSE, force = FALSE;
  GOptionEntry entries[] = {
    { "procedure", 'p', 0, G_OPTION_ARG_STRING, &procedure, N_("The procedure code (MaTTHC)"), N_("CODE") },
    { "applicant", 'a', 0, G_OPTION_ARG_STRING, &applicant, N_("The applicant's full name"), N_("NAME") },
    { "kind", 0, 0, G_OPTION_ARG_INT, &kind, N_("1 citizen (default), 2 enterprise, 3 state agency, 4 other organization"), "N" },
    { "id-number", 0, 0, G_OPTION_ARG_STRING, &id_number, N_("The applicant's ID number (12 digits for a citizen)"), N_("DIGITS") },
    { "phone", 0, 0, G_OPTION_ARG_STRING, &phone, N_("Phone number"), N_("NUMBER") },
    { "address", 0, 0, G_OPTION_ARG_STRING, &address, N_("Address"), N_("TEXT") },
    { "document", 'd', 0, G_OPTION_ARG_STRING_ARRAY, &documents,
      N_("A document received (repeat for each), with what was received and how many: FORM is original "
         "(the default), copy, certified-copy or electronic, COUNT 1 by default"), N_("NAME[;FORM[;COUNT]]") },
    { "fee", 0, 0, G_OPTION_ARG_INT64, &fee, N_("The fee in đồng (default: the catalog's)"), "N" },
    { "fee-paid", 0, 0, G_OPTION_ARG_NONE, &fee_paid, N_("The fee was paid at the counter"), NULL },
    { "method", 'm', 0, G_OPTION_ARG_STRING, &method, N_("How the result is returned: in-person, online or post"), N_("METHOD") },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("The ministry system (default: the procedure's)"), N_("ID") },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &unit, N_("Your unit, for the processing history"), N_("NAME") },
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_("When it was received, if not now (Vietnam time)"), N_("“DD/MM/YYYY HH:MM”") },
    { "official", 0, 0, G_OPTION_ARG_STRING, &official, N_("Your full name, recorded with the action (default: the setting official.name)"), N_("“FULL NAME”") },
    { "force", 0, 0, G_OPTION_ARG_NONE, &force,
      N_("Confirm a reception outside office hours or on a day off (--at)"), NULL },
    { "due", 0, 0, G_OPTION_ARG_STRING, &due_text,
      N_("The appointment you checked or corrected, instead of the computed one: the receipt prints it as firm "
         "even where the catalog only assumes the procedure's duration (then the computed date is marked "
         "“ngày hẹn dự kiến”)"), N_("“DD/MM/YYYY HH:MM”") },
    { "proxy", 0, 0, G_OPTION_ARG_STRING, &proxy, N_("Who hands the dossier in for the applicant, by authorisation"), N_("NAME") },
    { "proxy-id-number", 0, 0, G_OPTION_ARG_STRING, &proxy_id, N_("The proxy's ID number (12 digits)"), N_("DIGITS") },
    { "proxy-phone", 0, 0, G_OPTION_ARG_STRING, &proxy_phone, N_("The proxy's phone number"), N_("NUMBER") },
    { "proxy-address", 0, 0, G_OPTION_ARG_STRING, &proxy_address, N_("The proxy's address"), N_("TEXT") },
    { "proxy-authorization", 0, 0, G_OPTION_ARG_STRING, &proxy_paper,
      N_("The paper that authorises the proxy"), N_("“Giấy ủy quyền số … ngày …”") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Only check the input and print the due date"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print the new dossier as JSON"), NULL },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) d = NULL;
  McIntake intake = { 0 };
  g_autofree char *message = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;
  gint64 due;

  if (!mc_cli_parse ("receive-new", _("— receive a new dossier at the counter"), entries, NULL, &argc, &argv, &status))
    return status;
  if (argc > 1)
    return mc_cli_usage ("receive-new", _("unexpected argument"));
  if (at != NULL && !mc_time_parse (at, &intake.at))
    return mc_cli_usage ("receive-new", _("--at must be “DD/MM/YYYY HH:MM” (or “YYYY-MM-DD HH:MM”)"));
  if (at != NULL && (message = mc_cli_time_out_of_range ("--at", intake.at, 0)))
    return mc_cli_usage ("receive-new", message);
  if (due_text != NULL && !mc_time_parse (due_text, &intake.due_at))
    return mc_cli_usage ("receive-new", _("--due must be “DD/MM/YYYY HH:MM” (or “YYYY-MM-DD HH:MM”)"));
  if (due_text != NULL && (message = mc_cli_due_out_of_range ("--due", intake.due_at,
                                                              intake.at ? intake.at : mc_time_now ())))
    return mc_cli_usage ("receive-new", message);
  if (proxy == NULL && (proxy_id || proxy_phone || proxy_address || proxy_paper))
    return mc_cli_usage ("receive-new", _("--proxy-… options need --proxy NAME"));
  /* -1: the catalog's fee. */
  if (fee != -1 && (message = mc_cli_amount_out_of_range ("--fee", fee)))
    return mc_cli_usage ("receive-new", message);
  if (kind < 0 || kind > 4)
    return mc_cli_usage ("receive-new", _("--kind must be 1, 2, 3 or 4"));
  if (method != NULL && !(intake.return_method = mc_return_method_from_id (method)))
    return mc_cli_usage ("receive-new", _("--method must be in-person, online or post"));
  intake.source_id = source;
  intake.procedure_code = procedure;
  intake.applicant_name = applicant;
  intake.applicant_kind = kind;
  intake.id_number = id_number;
  intake.phone = phone;
  intake.address = address;
  if (!parse_documents (documents, &forms, &counts))
    return mc_cli_usage ("receive-new", _("--document must be NAME, NAME;FORM or NAME;FORM;COUNT, with FORM one of "
                                          "original, copy, certified-copy, electronic and COUNT from 1 to 99"));
  intake.documents = (const char * const *) documents;
  intake.document_forms = forms ? (const McReceivedForm *) forms->data : NULL;
  intake.document_counts = counts ? (const int *) counts->data : NULL;
  intake.fee_vnd = fee;
  intake.fee_paid = fee_paid;
  intake.unit = unit;
  intake.after_hours = force;
  intake.proxy_name = proxy;
  intake.proxy_id_number = proxy_id;
  intake.proxy_phone = proxy_phone;
  intake.proxy_address = proxy_address;
  intake.proxy_authorization = proxy_paper;

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  if (dry_run)
    {
      if (!(due = mc_store_intake_preview (store, &intake, &error)))
        return mc_cli_fail (error);
    }
  else
    {
      g_autofree char *actor = mc_cli_official (store, official, &status);

      if (actor == NULL)
        return status;
      if (!(d = mc_store_receive_new (store, &intake, actor, &error)))
        {
          if (g_error_matches (error, MC_STORE_ERROR, MC_STORE_ERROR_UNCONFIRMED))
            {
              g_printerr (_("motcuactl: %s (--force)\n"), error->message);
              g_error_free (error);
              return MC_CLI_FAILED;
            }
          return mc_cli_fail (error);
        }
      due = d->due_at;
    }
  if (json && d != NULL)
    {
      g_autoptr(JsonNode) node = mc_dossier_to_json (d, TRUE);
      mc_cli_print_json (node);
    }
  else
    {
      g_autofree char *text = mc_time_format_short (due);

      if (d != NULL)
        g_print ("%s\t", d->number);
      g_print ("%s\n", text);
      /* An appointment moved to the next office time says so, as the history does. */
      if (d != NULL && d->history->len > 0 && ((McStep *) g_ptr_array_index (d->history, 0))->note != NULL)
        g_print ("%s\n", ((McStep *) g_ptr_array_index (d->history, 0))->note);
    }
  return MC_CLI_OK;
}

static JsonNode *
entry_to_json (const McOutboxEntry *e)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *created = mc_time_format_iso (e->created_at);
  g_autofree char *updated = mc_time_format_iso (e->updated_at);
  const struct { const char *key, *value; } strings[] = {
    { "uuid", e->uuid }, { "source", e->source_id }, { "number", e->dossier_number },
    { "action", e->action }, { "state", mc_outbox_state_id (e->state) },
    { "base_version", e->base_version }, { "last_error", e->last_error },
    { "created_at", created }, { "updated_at", updated },
  };

  json_builder_begin_object (b);
  mc_json_add_int (b, "id", e->id);
  for (gsize i = 0; i < G_N_ELEMENTS (strings); i++)
    mc_json_add_string (b, strings[i].key, strings[i].value);
  mc_json_add_int (b, "attempts", e->attempts);
  mc_json_add_int (b, "payload_version", e->payload_version);
  /* The payload and the server's state are JSON themselves: nested, not quoted. */
  json_builder_set_member_name (b, "payload");
  if (json_parser_load_from_data (parser, e->payload, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_string_value (b, e->payload);
  json_builder_set_member_name (b, "server_state");
  if (e->server_state != NULL && json_parser_load_from_data (parser, e->server_state, -1, NULL))
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
  json_builder_end_object (b);
  return json_builder_get_root (b);
}

/* An action in words; an id this version does not know is printed as it is stored. */
static const char *
action_text (const char *id)
{
  McAction action = mc_action_from_id (id);

  return action != MC_ACTION_INVALID ? mc_action_label (action) : id;
}

static int
outbox_show (McStore    *store,
             const char *source,
             int         state,
             gboolean    json)
{
  McOutboxFilter filter = { .source_id = source, .state = state };
  g_autoptr(GPtrArray) counts = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) systems = NULL;
  GError *error = NULL;

  if (!(counts = mc_store_outbox_counts (store, &error)) || !(entries = mc_store_outbox_list (store, &filter, &error)))
    return mc_cli_fail (error);
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "counts");
      json_builder_begin_object (b);
      for (guint i = 0; i < counts->len; i++)
        {
          McOutboxCounts *c = g_ptr_array_index (counts, i);

          json_builder_set_member_name (b, c->source_id);
          json_builder_begin_object (b);
          for (guint s = 0; s < MC_OUTBOX_N_STATES; s++)
            {
              json_builder_set_member_name (b, mc_outbox_state_id (s));
              json_builder_add_int_value (b, c->n[s]);
            }
          json_builder_end_object (b);
        }
      json_builder_end_object (b);
      json_builder_set_member_name (b, "entries");
      json_builder_begin_array (b);
      for (guint i = 0; i < entries->len; i++)
        json_builder_add_value (b, entry_to_json (g_ptr_array_index (entries, i)));
      json_builder_end_array (b);
      json_builder_end_object (b);
      root = json_builder_get_root (b);
      mc_cli_print_json (root);
      return MC_CLI_OK;
    }

  if (!(systems = mc_cli_source_names (store, &error)))
    return mc_cli_fail (error);
  for (guint i = 0; i < counts->len; i++)
    {
      McOutboxCounts *c = g_ptr_array_index (counts, i);
      g_autoptr(GString) line = g_string_new (NULL);

      /* In words (--json and --state take the states' ids), and only the states that hold
       * something: eight zeros per ministry system hide the one count that matters. */
      for (guint s = 0; s < MC_OUTBOX_N_STATES; s++)
        if (c->n[s] > 0)
          g_string_append_printf (line, "%s%s %u", line->len ? "; " : "", mc_outbox_state_label (s), c->n[s]);
      g_print ("%s: %s\n", mc_cli_source_name (systems, c->source_id), line->len ? line->str : _("no action yet"));
    }
  /* The entries are a table under the counts: its header says what each column is. */
  if (entries->len > 0)
    g_print ("%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", C_("column", "ID"), C_("column", "Created"), C_("column", "System"),
             C_("column", "Number"), C_("column", "Action"), C_("column", "Sending state"), C_("column", "Attempts"),
             C_("column", "Last error"));
  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *created = mc_time_format_short (e->created_at);

      g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\t%d\t%s\n", e->id, created,
               mc_cli_source_name (systems, e->source_id),
               e->dossier_number, action_text (e->action), mc_outbox_state_label (e->state), e->attempts,
               e->last_error ? e->last_error : "");
    }
  return MC_CLI_OK;
}

/* outbox reapply|discard|retry|acknowledge ID: the official's resolutions of a conflict, a
 * rejection or an action applied twice. */
static int
outbox_resolve (McStore            *store,
                const char         *what,
                const char         *id_text,
                const InputOptions *o)
{
  g_autoptr(McOutboxEntry) e = NULL;
  McActionInput input;
  g_autofree char *message = NULL;
  g_autoptr(McDossier) d = NULL;
  GError *error = NULL;
  gboolean edited = o->note || o->reason || o->items || o->due || o->method || o->delivery || o->results || o->fee_name;
  g_autofree char *official = NULL;
  int status = MC_CLI_OK;
  char *end;
  gint64 id = g_ascii_strtoll (id_text, &end, 10);

  if (*id_text == '\0' || *end != '\0' || id <= 0)
    return mc_cli_usage ("outbox", _("ID must be the number of an outbox entry"));
  if (!(official = mc_cli_official (store, o->official, &status)))
    return status;
  if (!(e = mc_store_outbox_get (store, id, &error)))
    return mc_cli_fail (error);
  if (g_str_equal (what, "reapply") && !mc_store_outbox_reapply (store, id, official, &error))
    return mc_cli_fail (error);
  if (g_str_equal (what, "discard") && !mc_store_outbox_discard (store, id, official, &error))
    return mc_cli_fail (error);
  if (g_str_equal (what, "acknowledge") && !mc_store_outbox_acknowledge (store, id, official, &error))
    return mc_cli_fail (error);
  if (g_str_equal (what, "retry"))
    {
      if (edited && !(d = mc_store_get_dossier (store, e->dossier_id, &error)))
        return mc_cli_fail (error);
      if (edited && !input_from_options (o, mc_action_from_id (e->action), d, &input, &message))
        return mc_cli_usage ("outbox", message);
      if (!mc_store_outbox_retry (store, id, edited ? &input : NULL, official, &error))
        return mc_cli_fail (error);
    }
  g_clear_pointer (&e, mc_outbox_entry_free);
  if (!(e = mc_store_outbox_get (store, id, &error)))
    return mc_cli_fail (error);
  g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", e->id, e->dossier_number, action_text (e->action),
           mc_outbox_state_label (e->state));
  return MC_CLI_OK;
}

/* --state takes a state's id, or its name as the listing prints it (case and diacritics aside:
 * "dang cho gui" is "Đang chờ gửi"). */
static gboolean
parse_state (const char    *text,
             McOutboxState *out_state)
{
  g_autofree char *folded = mc_fold_text (text);

  if (mc_outbox_state_from_id (text, out_state))
    return TRUE;
  for (McOutboxState s = 0; s < MC_OUTBOX_N_STATES; s++)
    {
      g_autofree char *name = mc_fold_text (mc_outbox_state_label (s));

      if (g_str_equal (folded, name))
        {
          *out_state = s;
          return TRUE;
        }
    }
  return FALSE;
}

/* What --state takes: each state's id with its name, as "list --help" lists the statuses. */
static char *
describe_states (void)
{
  GString *text = g_string_new (_("States of an entry (--state takes the id or the name):"));

  for (McOutboxState s = 0; s < MC_OUTBOX_N_STATES; s++)
    g_string_append_printf (text, "\n  %-14s %s", mc_outbox_state_id (s), mc_outbox_state_label (s));
  return g_string_free (text, FALSE);
}

int
mc_cli_outbox (McCli  *cli,
               int     argc,
               char  **argv)
{
  g_auto(InputOptions) o = { 0 };
  g_autofree char *source = NULL;
  g_autofree char *state_id = NULL;
  gboolean json = FALSE;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source, N_("Only the entries of this ministry system (its ID in “motcuactl sources list”)"), N_("ID") },
    { "state", 0, 0, G_OPTION_ARG_STRING, &state_id, N_("Only the entries in this state (listed below)"), N_("STATE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("[reapply ID | discard ID | retry ID | acknowledge ID] — what waits for the ministry systems"));
  g_autoptr(McStore) store = NULL;
  g_autofree char *states = describe_states ();
  g_autofree char *description = NULL;
  McOutboxState state = 0;
  int status = MC_CLI_OK;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  add_input_entries (context, &o);
  description = g_strconcat (
    _("Without a subcommand, prints the counts per ministry system and state, then every entry. reapply queues "
      "a conflicting action again on the ministry's current state (it is looked up there first and "
      "never sent twice); discard gives up a conflicting or refused action; retry sends a refused "
      "action again, with the input options to edit it; acknowledge records that the ministry was "
      "asked to correct an action applied twice on its system. Each resolution is recorded in the "
      "audit log."), "\n\n", states, NULL);
  g_option_context_set_description (context, description);
  if (!mc_cli_parse_context (context, "outbox", &argc, &argv, &status))
    return status;
  if (state_id != NULL && !parse_state (state_id, &state))
    return mc_cli_usage ("outbox", _("--state must be one of the states listed by “motcuactl outbox --help”"));
  if (argc != 1 && !(argc == 3 && g_strv_contains ((const char *[]) { "reapply", "discard", "retry", "acknowledge", NULL },
                                                   argv[1])))
    return mc_cli_usage ("outbox", _("the subcommands are reapply ID, discard ID, retry ID and acknowledge ID"));

  if (!(store = mc_cli_open_store (cli, argc == 3 ? MC_STORE_OPEN_EXISTING : MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (argc == 3)
    return outbox_resolve (store, argv[1], argv[2], &o);
  return outbox_show (store, source, state_id ? (int) state : -1, json);
}

int
mc_cli_audit (McCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean csv = FALSE;
  g_autofree char *output = NULL;
  g_autofree char *anchors = NULL;
  GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Export as CSV"), NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the export to FILE (default: standard output)"), N_("FILE") },
    { "anchors", 0, 0, G_OPTION_ARG_FILENAME, &anchors, N_("Also check against the anchor in FILE (an earlier export)"), N_("FILE") },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  GError *error = NULL;
  int status = MC_CLI_OK;

  if (!mc_cli_parse ("audit", _("verify | export --csv — the audit log"),
                     entries,
                     _("verify checks every entry's seal (made with the profile's key in the keyring), the record of "
                       "the log's end and the anchors kept outside the database, and names the first entry that was "
                       "altered or removed; export --csv writes the log, with an anchor as its last line."),
                     &argc, &argv, &status))
    return status;
  if (argc != 2 || !(g_str_equal (argv[1], "verify") || g_str_equal (argv[1], "export")))
    return mc_cli_usage ("audit", _("a subcommand is needed: verify or export --csv"));
  if (g_str_equal (argv[1], "export") && (!csv || anchors))
    return mc_cli_usage ("audit", _("export needs --csv (the only format)"));
  if (g_str_equal (argv[1], "verify") && (csv || output))
    return mc_cli_usage ("audit", _("--csv and --output are for export"));

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY, &status)))
    return status;
  if (g_str_equal (argv[1], "verify"))
    {
      McAuditReport report;

      mc_cli_load_audit_key (store);
      if (!mc_store_audit_check (store, anchors, &report, &error))
        return mc_cli_fail (error);
      g_print (g_dngettext (GETTEXT_PACKAGE, "The audit log is intact: %u entry\n",
                            "The audit log is intact: %u entries\n", report.entries), report.entries);
      if (report.unsealed > 0)
        g_print (g_dngettext (GETTEXT_PACKAGE,
                              "The last %u entry is not sealed yet (written while the keyring was "
                              "unreachable); the next action seals it\n",
                              "The last %u entries are not sealed yet (written while the keyring was "
                              "unreachable); the next action seals them\n", report.unsealed), report.unsealed);
    }
  else
    {
      g_autoptr(GOutputStream) out = NULL;

      mc_cli_load_audit_key (store);
      out = output ? g_memory_output_stream_new_resizable () : g_unix_output_stream_new (STDOUT_FILENO, FALSE);
      if (!mc_store_audit_export_csv (store, out, &error))
        return mc_cli_fail (error);
      if (output != NULL)
        {
          g_autoptr(GBytes) bytes = NULL;

          g_output_stream_close (out, NULL, NULL);
          bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
          if (!mc_print_write_file (output, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
            return mc_cli_fail (error);
        }
    }
  return MC_CLI_OK;
}
