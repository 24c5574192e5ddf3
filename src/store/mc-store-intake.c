/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-source.h"
#include "mc-dossier-json.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-outbox-private.h"
#include "mc-time.h"

/* A new dossier received at the counter, and the ministry's number replacing its provisional
 * one. The intake is one transaction like every action: the dossier, its outbox row (action
 * "receive" with "create": true and the whole dossier) and its audit row. Offline the dossier
 * gets a provisional number; when the ministry assigns the real one, the sync engine calls
 * mc_store_renumber_dossier(), which changes every copy of the number in one transaction
 * (dossier, search index, outbox payloads) and appends a "renumber" audit entry: the audit
 * log itself is never rewritten. */

/* A citizen's personal identification number (số định danh cá nhân, on the căn cước): 12
 * digits, the first three the code of the province of birth registration, which is "0"
 * followed by the two-digit statistical code of the catalog. */
gboolean
mc_validate_id_number (const char  *id_number,
                       GError     **error)
{
  char province[3] = { 0 };

  if (id_number == NULL || *id_number == '\0')
    {
      mc_store_set_invalid (error, N_("Enter the applicant's ID number"));
      return FALSE;
    }
  for (const char *p = id_number; *p; p++)
    if (!g_ascii_isdigit (*p))
      {
        mc_store_set_invalid (error, N_("The ID number must contain digits only"));
        return FALSE;
      }
  if (strlen (id_number) != 12)
    {
      mc_store_set_invalid (error, N_("The ID number must have exactly 12 digits"));
      return FALSE;
    }
  memcpy (province, id_number + 1, 2);
  if (id_number[0] != '0' || mc_catalog_province_name (mc_catalog_get_default (), province) == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The ID number starts with %.3s, which is not a province code"), id_number);
      return FALSE;
    }
  return TRUE;
}

/* The ministry system the dossier goes to: the one named, if its ministry runs the procedure
 * (inter-agency "LT" procedures go anywhere), else the only enabled source of that ministry. */
static McSource *
intake_source (McStore            *self,
               const McProcedure  *proc,
               const char         *source_id,
               GError            **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  int found = -1;

  if (source_id != NULL)
    {
      g_autoptr(McSource) s = mc_store_get_source (self, source_id, error);

      if (s == NULL)
        return NULL;
      if (!g_str_equal (proc->ministry, "LT") && !g_str_equal (s->ministry, proc->ministry))
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       /* TRANSLATORS: a procedure's name, the ministry's ("Health"), a system's name */
                       _("“%s” belongs to the Ministry of %s, not to the system “%s”"),
                       proc->name, mc_ministry_name (proc->ministry), s->name);
          return NULL;
        }
      return g_steal_pointer (&s);
    }
  if (!(sources = mc_store_list_sources (self, error)))
    return NULL;
  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);

      if (!s->enabled || !g_str_equal (s->ministry, proc->ministry))
        continue;
      if (found >= 0)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       _("Several ministry systems handle procedure %s: choose one"), proc->code);
          return NULL;
        }
      found = i;
    }
  if (found < 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   /* TRANSLATORS: the ministry's name ("Health"), then a procedure's name */
                   _("No system of the Ministry of %s is set up for “%s”: add it in Preferences, Ministry Systems"),
                   mc_ministry_name (proc->ministry), proc->name);
      return NULL;
    }
  return g_ptr_array_steal_index (sources, found);
}

static const McProcedure *
check_intake (McStore         *self,
              const McIntake  *in,
              McSource       **out_source,
              GError         **error)
{
  const McProcedure *proc;
  McApplicantKind kind = in->applicant_kind ? in->applicant_kind : MC_APPLICANT_CITIZEN;

  if (mc_store_is_blank (in->procedure_code))
    {
      mc_store_set_invalid (error, N_("Choose the procedure"));
      return NULL;
    }
  if (!(proc = mc_catalog_lookup (mc_catalog_get_default (), in->procedure_code)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("Unknown procedure code “%s”"),
                   in->procedure_code);
      return NULL;
    }
  if (mc_store_is_blank (in->applicant_name))
    {
      mc_store_set_invalid (error, N_("Enter the applicant's name"));
      return NULL;
    }
  if (kind < MC_APPLICANT_CITIZEN || kind > MC_APPLICANT_OTHER_ORGANIZATION)
    {
      mc_store_set_invalid (error, N_("Unknown kind of applicant"));
      return NULL;
    }
  /* An organization identifies itself by its tax or establishment code, which has no
   * province prefix: only a citizen's number is checked. */
  if (kind == MC_APPLICANT_CITIZEN && !mc_validate_id_number (in->id_number, error))
    return NULL;
  if (in->documents == NULL || in->documents[0] == NULL)
    {
      mc_store_set_invalid (error, N_("Tick the documents received"));
      return NULL;
    }
  for (guint i = 0; in->documents[i]; i++)
    if (mc_store_is_blank (in->documents[i]))
      {
        mc_store_set_invalid (error, N_("A document has no name"));
        return NULL;
      }
  if (in->return_method != 0 && mc_return_method_id (in->return_method) == NULL)
    {
      mc_store_set_invalid (error, N_("Choose how the result is returned: in person, online or by post"));
      return NULL;
    }
  if (in->fee_vnd < -1)
    {
      mc_store_set_invalid (error, N_("The fee cannot be negative"));
      return NULL;
    }
  if (!(*out_source = intake_source (self, proc, in->source_id, error)))
    return NULL;
  return proc;
}

/* Returns: the due date the dossier would get if received now (or at @intake->at), to show
 * before the official confirms; 0 with an error saying what is wrong in the input. */
gint64
mc_store_intake_preview (McStore         *self,
                         const McIntake  *intake,
                         GError         **error)
{
  g_autoptr(McSource) source = NULL;
  const McProcedure *proc;

  g_return_val_if_fail (MC_IS_STORE (self), 0);
  if (!(proc = check_intake (self, intake, &source, error)))
    return 0;
  return mc_store_compute_due (self, proc->code, intake->at ? intake->at : mc_time_now (), error);
}

/* "TAM.G09-20261123-0007": recognizably not a ministry number, and never reused, since the
 * sequence counts the intakes in the append-only audit log. */
static char *
provisional_number (McStore         *self,
                    const McSource  *source,
                    gint64           at,
                    GError         **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT count(*) FROM audit WHERE action = 'receive-new'", error);
  g_autoptr(GDateTime) local = mc_time_to_local (at);
  g_autofree char *day = g_date_time_format (local, "%Y%m%d");
  gint64 n;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      mc_store_set_error (self, error, N_("reading the audit log"));
      sqlite3_reset (stmt);
      return NULL;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return g_strdup_printf ("TAM.%s-%s-%04" G_GINT64_FORMAT, source->ministry, day, n + 1);
}

static char *
intake_payload (const char      *uuid,
                const McDossier *d,
                gint64           at,
                const char      *actor,
                const char      *unit)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *at_iso = mc_time_format_iso (at);
  g_autofree char *due_iso = mc_time_format_iso (d->due_at);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "uuid");
  json_builder_add_string_value (b, uuid);
  json_builder_set_member_name (b, "action");
  json_builder_add_string_value (b, mc_action_id (MC_ACTION_RECEIVE));
  json_builder_set_member_name (b, "create");
  json_builder_add_boolean_value (b, TRUE);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, d->number);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, d->source_id);
  json_builder_set_member_name (b, "target");
  json_builder_add_int_value (b, MC_STATUS_RECEIVED);
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, at_iso);
  json_builder_set_member_name (b, "actor");
  json_builder_add_string_value (b, actor);
  if (unit != NULL)
    {
      json_builder_set_member_name (b, "unit");
      json_builder_add_string_value (b, unit);
    }
  json_builder_set_member_name (b, "due_at");
  json_builder_add_string_value (b, due_iso);
  json_builder_set_member_name (b, "method");
  json_builder_add_string_value (b, mc_return_method_id (d->return_method));
  json_builder_set_member_name (b, "dossier");
  json_builder_add_value (b, mc_dossier_to_json (d, TRUE));
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  return json_to_string (root, FALSE);
}

static gboolean
intake_locked (McStore         *self,
               const McIntake  *in,
               const char      *actor,
               McDossier       *d,
               GError         **error)
{
  g_autoptr(McSource) source = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *payload = NULL;
  const McProcedure *proc;
  McAuditEntry audit = { 0 };
  gint64 at = in->at ? in->at : mc_time_now ();
  gint64 fee;

  if (!(proc = check_intake (self, in, &source, error)))
    return FALSE;
  if (!(d->due_at = mc_store_compute_due (self, proc->code, at, error)))
    return FALSE;
  if (!(d->number = provisional_number (self, source, at, error)))
    return FALSE;
  d->source_id = g_strdup (source->id);
  d->provisional = TRUE;
  d->procedure_code = g_strdup (proc->code);
  d->procedure_name = g_strdup (proc->name);
  d->applicant_name = g_strstrip (g_strdup (in->applicant_name));
  d->applicant_kind = in->applicant_kind ? in->applicant_kind : MC_APPLICANT_CITIZEN;
  d->id_number = g_strdup (in->id_number);
  d->phone = g_strdup (in->phone);
  d->address = g_strdup (in->address);
  d->channel = MC_CHANNEL_IN_PERSON;
  d->return_method = in->return_method ? in->return_method : MC_CHANNEL_IN_PERSON;
  d->status = MC_STATUS_RECEIVED;
  d->submitted_at = d->received_at = at;
  for (guint i = 0; in->documents[i]; i++)
    mc_dossier_add_document (d, in->documents[i], FALSE, 1);
  fee = in->fee_vnd < 0 ? MAX (proc->fee_vnd, 0) : in->fee_vnd;
  if (fee > 0)
    mc_dossier_add_fee (d, "Lệ phí giải quyết thủ tục", fee, in->fee_paid);
  mc_dossier_add_step (d, at, actor, in->unit, "Tiếp nhận hồ sơ", MC_STATUS_RECEIVED, NULL);
  if (!mc_store_insert_dossier (self, d, error))
    return FALSE;

  payload = intake_payload (uuid, d, at, actor, in->unit);
  audit.actor = actor;
  audit.dossier_id = d->id;
  audit.dossier_number = d->number;
  audit.action = "receive-new";
  audit.status_after = MC_STATUS_RECEIVED;
  audit.outcome = "queued";
  audit.detail = payload;
  return mc_store_outbox_insert (self, d->id, d->source_id, mc_action_id (MC_ACTION_RECEIVE), uuid, payload,
                                 NULL, error) &&
         mc_store_audit_append (self, &audit, error);
}

/* Receives a new dossier at the counter as @actor. Returns: (transfer full): the stored
 * dossier with its provisional number and due date, or NULL with MC_STORE_ERROR_INVALID and
 * a message for the official. */
McDossier *
mc_store_receive_new (McStore         *self,
                      const McIntake  *intake,
                      const char      *actor,
                      GError         **error)
{
  g_autoptr(McDossier) d = mc_dossier_new ();
  gboolean own;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (intake != NULL && actor != NULL, NULL);
  if (!mc_store_tx_begin (self, &own, error))
    return NULL;
  if (!mc_store_tx_end (self, own, intake_locked (self, intake, actor, d, error), error))
    return NULL;
  return g_steal_pointer (&d);
}

static gboolean
renumber_payloads (McStore     *self,
                   gint64       dossier_id,
                   const char  *number,
                   GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) payloads = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT id, payload FROM outbox WHERE dossier_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
      g_ptr_array_add (payloads, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the outbox"));
      return FALSE;
    }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *text = NULL;
      JsonObject *o, *dossier;

      if (!json_parser_load_from_data (parser, g_ptr_array_index (payloads, i), -1, error))
        return FALSE;
      o = json_node_get_object (json_parser_get_root (parser));
      json_object_set_string_member (o, "number", number);
      dossier = json_object_has_member (o, "dossier") ? json_object_get_object_member (o, "dossier") : NULL;
      if (dossier != NULL)
        json_object_set_string_member (dossier, "number", number);
      text = json_to_string (json_parser_get_root (parser), FALSE);
      if (!(stmt = mc_store_prepare (self, "UPDATE outbox SET payload = ? WHERE id = ?", error)))
        return FALSE;
      mc_store_bind_text (stmt, 1, text);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (!mc_store_step_done (self, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
renumber_locked (McStore     *self,
                 gint64       dossier_id,
                 const char  *number,
                 const char  *actor,
                 GError     **error)
{
  g_autoptr(McDossier) d = mc_store_get_dossier (self, dossier_id, error);
  g_autofree char *old = NULL;
  g_autofree char *search = NULL;
  g_autofree char *detail = NULL;
  McAuditEntry audit = { 0 };
  sqlite3_stmt *stmt;

  if (d == NULL)
    return FALSE;
  if (!d->provisional)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("Dossier %s already has its number from the ministry system"), d->number);
      return FALSE;
    }
  if (mc_store_is_blank (number))
    {
      mc_store_set_invalid (error, N_("The ministry's dossier number is empty"));
      return FALSE;
    }
  old = g_steal_pointer (&d->number);
  d->number = g_strdup (number);
  search = mc_dossier_search_text (d);
  if (!(stmt = mc_store_prepare (self, "UPDATE dossiers SET number = ?, provisional = 0, search = ? WHERE id = ?", error)))
    return FALSE;
  mc_store_bind_text (stmt, 1, number);
  mc_store_bind_text (stmt, 2, search);
  sqlite3_bind_int64 (stmt, 3, dossier_id);
  if (!mc_store_step_done (self, stmt, error) || !renumber_payloads (self, dossier_id, number, error))
    return FALSE;

  detail = mc_store_json_detail ("from", old, "to", number, NULL);
  audit.actor = actor;
  audit.dossier_id = dossier_id;
  audit.dossier_number = number;
  audit.action = "renumber";
  audit.status_before = d->status;
  audit.status_after = d->status;
  audit.outcome = "done";
  audit.detail = detail;
  return mc_store_audit_append (self, &audit, error);
}

/* Replaces the provisional number of @dossier_id by the ministry's @number everywhere, in one
 * transaction (or in the caller's, e.g. with mc_store_outbox_mark_done() of the intake). */
gboolean
mc_store_renumber_dossier (McStore     *self,
                           gint64       dossier_id,
                           const char  *number,
                           const char  *actor,
                           GError     **error)
{
  gboolean own;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);
  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  return mc_store_tx_end (self, own, renumber_locked (self, dossier_id, number, actor, error), error);
}
