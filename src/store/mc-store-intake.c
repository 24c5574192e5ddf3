/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-source.h"
#include "mc-dossier-json.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-calendar.h"
#include "mc-store-outbox-private.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* A new dossier received at the counter, and the ministry's number replacing its provisional
 * one. The intake is one transaction like every action: the dossier, its outbox row (an
 * McActionPayload that creates the whole dossier) and its audit row. Offline the dossier
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
    else if ((in->document_forms && (in->document_forms[i] < 0 || in->document_forms[i] >= MC_RECEIVED_N_FORMS))
             || (in->document_counts && (in->document_counts[i] < 0 || in->document_counts[i] > 99)))
      {
        mc_store_set_invalid (error, N_("A document is an original, a copy, a certified copy or an electronic "
                                        "copy, from 1 to 99 of them"));
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
  /* Who files for the applicant is identified by a citizen's number, and says by what paper. */
  if (!mc_store_is_blank (in->proxy_name))
    {
      g_autoptr(GError) invalid = NULL;

      if (mc_store_is_blank (in->proxy_id_number))
        {
          mc_store_set_invalid (error, N_("Enter the proxy's ID number"));
          return NULL;
        }
      if (!mc_validate_id_number (in->proxy_id_number, &invalid))
        {
          /* TRANSLATORS: %s says what is wrong with the number */
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("The proxy's ID number: %s"), invalid->message);
          return NULL;
        }
      if (mc_store_is_blank (in->proxy_authorization))
        {
          mc_store_set_invalid (error, N_("Enter the paper that authorises the proxy (for example Giấy ủy quyền số "
                                          "12/UQ ngày 01/03/2026)"));
          return NULL;
        }
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
  return mc_store_compute_due (self, proc->code, intake->at ? intake->at : mc_time_now ());
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
  g_autofree char *day = mc_time_format (at, "%Y%m%d");
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

/* The payload of the intake's outbox row: the whole dossier as received, to create. */
static char *
intake_payload (const char      *uuid,
                McDossier       *d,
                gint64           at,
                const char      *actor,
                const char      *unit)
{
  g_autoptr(McActionPayload) p = mc_action_payload_new ();

  p->uuid = g_strdup (uuid);
  p->action = MC_ACTION_RECEIVE;
  p->create = TRUE;
  p->number = g_strdup (d->number);
  p->source_id = g_strdup (d->source_id);
  p->target = MC_STATUS_RECEIVED;
  p->at = at;
  p->actor = g_strdup (actor);
  p->unit = g_strdup (unit);
  p->due_at = d->due_at;
  p->method = d->return_method;
  p->dossier = mc_dossier_ref (d);
  return mc_action_payload_to_json (p);
}

static gboolean
reception_open (McStore *self,
                gint64   at)
{
  g_autoptr(McCalendar) calendar = mc_store_get_calendar (self);
  McDeadlineSettings settings;

  mc_store_get_deadline_settings (self, &settings);
  return mc_deadline_is_reception_open (&settings, calendar, at);
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
  g_autofree char *moved = NULL;
  gint64 fee;

  if (!(proc = check_intake (self, in, &source, error)))
    return FALSE;
  /* A reception at 22:00 or on a Sunday is a typo more often than overtime: it is taken only
   * once the official confirms it. */
  if (!in->after_hours && !reception_open (self, at))
    {
      g_autofree char *when = mc_time_format_short (at);

      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_UNCONFIRMED,
                   _("%s is outside office hours or on a day off: confirm that the dossier was received then"),
                   when);
      return FALSE;
    }
  d->due_at = mc_store_compute_due (self, proc->code, at);
  /* The official's own appointment, when the computed one was corrected at the counter. */
  if (in->due_at != 0)
    {
      if (in->due_at <= at)
        {
          mc_store_set_invalid (error, N_("The due date must be later than the time of receipt"));
          return FALSE;
        }
      moved = mc_store_due_moved (self, in->due_at, &d->due_at);
    }
  if (in->due_at != 0 || in->due_confirmed || !mc_store_is_blank (in->proxy_name))
    {
      McIntakeRecord *r = mc_dossier_set_intake (d);

      r->due_confirmed = in->due_at != 0 || in->due_confirmed;
      if (!mc_store_is_blank (in->proxy_name))
        {
          r->proxy_name = g_strstrip (g_strdup (in->proxy_name));
          r->proxy_id_number = g_strdup (in->proxy_id_number);
          r->proxy_phone = mc_store_is_blank (in->proxy_phone) ? NULL : g_strstrip (g_strdup (in->proxy_phone));
          r->proxy_address = mc_store_is_blank (in->proxy_address) ? NULL : g_strstrip (g_strdup (in->proxy_address));
          r->proxy_authorization = g_strstrip (g_strdup (in->proxy_authorization));
        }
    }
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
    {
      McReceivedForm form = in->document_forms && in->document_forms[i] ? in->document_forms[i]
                                                                         : MC_RECEIVED_ORIGINAL;
      int count = in->document_counts && in->document_counts[i] > 0 ? in->document_counts[i] : 1;

      mc_dossier_add_document (d, in->documents[i], form != MC_RECEIVED_ORIGINAL, count)->form = form;
    }
  fee = in->fee_vnd < 0 ? MAX (proc->fee_vnd, 0) : in->fee_vnd;
  if (fee > 0)
    mc_dossier_add_fee (d, "Lệ phí giải quyết thủ tục", fee, in->fee_paid);
  mc_dossier_add_step (d, at, actor, in->unit, "Tiếp nhận hồ sơ", MC_STATUS_RECEIVED, moved);
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

/* Every outbox payload of the dossier names it by @number from now on. */
gboolean
mc_store_renumber_payloads (McStore     *self,
                            gint64       dossier_id,
                            const char  *number,
                            GError     **error)
{
  McOutboxFilter filter = { .dossier_id = dossier_id, .state = -1 };
  g_autoptr(GPtrArray) entries = mc_store_outbox_list (self, &filter, error);

  if (entries == NULL)
    return FALSE;
  for (guint i = 0; i < entries->len; i++)
    {
      McOutboxEntry *e = g_ptr_array_index (entries, i);
      g_autoptr(McActionPayload) payload = mc_action_payload_from_json (e->payload, error);
      g_autofree char *text = NULL;
      sqlite3_stmt *stmt;

      if (payload == NULL)
        return FALSE;
      mc_action_payload_set_number (payload, number);
      text = mc_action_payload_to_json (payload);
      if (!(stmt = mc_store_prepare (self, "UPDATE outbox SET payload = ? WHERE id = ?", error)))
        return FALSE;
      mc_store_bind_text (stmt, 1, text);
      sqlite3_bind_int64 (stmt, 2, e->id);
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
  if (!mc_store_step_done (self, stmt, error) || !mc_store_renumber_payloads (self, dossier_id, number, error))
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
