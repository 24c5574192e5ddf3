/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-store-actions.h"
#include "mc-store-audit.h"
#include "mc-store-calendar.h"
#include "mc-store-outbox-private.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The official's actions on a dossier. Each is one transaction (BEGIN IMMEDIATE): the status
 * table is checked and the input validated with the write lock held, then the local effect
 * (status, dates, history, supplement/result/fee rows), an outbox row for the ministry and an
 * audit row are written together. It works offline exactly as online; the sync engine pushes
 * the outbox later. The outbox row's payload is an McActionPayload (mc-action-payload.c). */

/* The step each action writes into the history (QuaTrinhXuLy), and what to say when its note
 * is missing (what each action needs: mc_action_needs()). The step names are data, in
 * Vietnamese whatever the interface language, as the ministry systems record them. */
static const struct {
  const char *step;
  const char *missing_note;
} specs[] = {
  [MC_ACTION_RECEIVE] = { "Tiếp nhận hồ sơ", NULL },
  [MC_ACTION_REFUSE] = { "Từ chối tiếp nhận", N_("Give the reasons for refusing the dossier") },
  [MC_ACTION_REQUEST_SUPPLEMENT] = { "Yêu cầu bổ sung hồ sơ", NULL },
  [MC_ACTION_SUPPLEMENT_RECEIVED] = { "Nhận hồ sơ bổ sung", NULL },
  [MC_ACTION_FORWARD] = { "Chuyển xử lý", NULL },
  [MC_ACTION_REQUEST_FEE] = { "Yêu cầu thực hiện nghĩa vụ tài chính", NULL },
  [MC_ACTION_FEE_PAID] = { "Đã thực hiện nghĩa vụ tài chính", NULL },
  [MC_ACTION_RECORD_STEP] = { "Cập nhật quá trình xử lý", N_("Describe the processing step") },
  [MC_ACTION_STOP] = { "Dừng xử lý", N_("Give the reason for stopping the processing") },
  [MC_ACTION_RESOLVE] = { "Đã có kết quả", NULL },
  [MC_ACTION_RETURN_RESULT] = { "Trả kết quả", NULL },
  [MC_ACTION_WITHDRAW] = { "Công dân xin rút hồ sơ", NULL },
  [MC_ACTION_RESCHEDULE] = { "Gia hạn thời gian giải quyết",
                             N_("Give the reason for the delay: it goes into the letter of apology") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (specs) == MC_ACTION_LAST + 1);

void
mc_store_set_invalid (GError     **error,
                      const char  *message)
{
  g_set_error_literal (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, g_dgettext (GETTEXT_PACKAGE, message));
}

/* The checks that need nothing but the input: also used when a rejected action is edited
 * (mc_store_outbox_retry()). */
gboolean
mc_store_validate_input (McAction              action,
                const McActionInput  *in,
                GError              **error)
{
  McActionNeeds needs = mc_action_needs (action);

  if ((needs & MC_ACTION_NEEDS_NOTE) && mc_store_is_blank (in->note))
    {
      mc_store_set_invalid (error, specs[action].missing_note);
      return FALSE;
    }
  if (needs & MC_ACTION_NEEDS_ITEMS)
    {
      if (in->items == NULL || in->items[0] == NULL)
        {
          mc_store_set_invalid (error, N_("List every missing item of the supplement request"));
          return FALSE;
        }
      for (guint i = 0; in->items[i]; i++)
        if (mc_store_is_blank (in->items[i]))
          {
            mc_store_set_invalid (error, N_("A missing item is empty: describe it or remove it"));
            return FALSE;
          }
    }
  if ((needs & MC_ACTION_NEEDS_DUE) && in->due_at <= 0)
    {
      mc_store_set_invalid (error, N_("Give the new due date"));
      return FALSE;
    }
  if ((needs & MC_ACTION_NEEDS_METHOD) && in->delivery != NULL && !mc_result_delivery_is_valid (in->delivery))
    {
      mc_store_set_invalid (error, _("A result is delivered on paper, as an e-result, or both"));
      return FALSE;
    }
  if ((needs & MC_ACTION_NEEDS_METHOD) && mc_return_method_id (in->method) == NULL)
    {
      mc_store_set_invalid (error, N_("Choose how the result is returned: in person, online or by post"));
      return FALSE;
    }
  if (needs & MC_ACTION_NEEDS_RESULTS)
    {
      if (in->results == NULL || in->results[0] == NULL)
        {
          mc_store_set_invalid (error, N_("List the result documents"));
          return FALSE;
        }
      for (guint i = 0; in->results[i]; i++)
        if (mc_store_is_blank (in->results[i]))
          {
            mc_store_set_invalid (error, N_("A result document has no name"));
            return FALSE;
          }
    }
  if ((needs & MC_ACTION_NEEDS_FEE) && (mc_store_is_blank (in->fee_name) || in->fee_vnd <= 0))
    {
      mc_store_set_invalid (error, N_("Give the name and the amount of the financial obligation"));
      return FALSE;
    }
  return TRUE;
}

/* What the rules beyond the status table need to know about a dossier. */
typedef struct
{
  McStatus status;
  gboolean rescheduled;
  gint64 n_supplements;
  gint64 n_review;
  gint64 paused_at;     /* when the open supplement request was made, 0 if none */
  gint64 fee_asked_at;  /* when the financial obligation now awaited was asked for, 0 if none */
} Facts;

static gboolean
load_facts (McStore  *self,
            gint64    dossier_id,
            Facts    *f,
            GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT status, rescheduled,"
    " (SELECT count(*) FROM supplements WHERE dossier_id = d.id),"
    " (SELECT count(*) FROM outbox WHERE dossier_id = d.id AND state IN " MC_OUTBOX_REVIEW_SQL "),"
    " (SELECT requested_at FROM supplements WHERE dossier_id = d.id AND received_at IS NULL"
    "  ORDER BY id DESC LIMIT 1),"
    " (SELECT max(at) FROM history WHERE dossier_id = d.id AND status = 6)"
    " FROM dossiers d WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  if (!mc_store_step_row (self, stmt, N_("reading a dossier"), error, _("No dossier with id %lld"),
                          (long long) dossier_id))
    return FALSE;
  *f = (Facts) {
    .status = sqlite3_column_int (stmt, 0),
    .rescheduled = sqlite3_column_int (stmt, 1),
    .n_supplements = sqlite3_column_int64 (stmt, 2),
    .n_review = sqlite3_column_int64 (stmt, 3),
    .paused_at = sqlite3_column_int64 (stmt, 4),
    .fee_asked_at = sqlite3_column_int64 (stmt, 5),
  };
  sqlite3_reset (stmt);
  return TRUE;
}

/* The rules of the dossier's own past: a supplement is requested once, a reschedule happens
 * once, and a dossier whose earlier action waits for the official takes no new one. */
static gboolean
check_rules (McAction      action,
             const Facts  *f,
             const char   *number,
             GError      **error)
{
  if (f->n_review > 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("An earlier action on dossier %s was refused by the ministry system or conflicts "
                     "with its state: resolve it first"), number);
      return FALSE;
    }
  if (action == MC_ACTION_REQUEST_SUPPLEMENT && f->n_supplements > 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("A supplement was already requested for dossier %s: it can be requested only once"), number);
      return FALSE;
    }
  if (action == MC_ACTION_RESCHEDULE && f->rescheduled)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("Dossier %s was already rescheduled: a new due date can be set only once"), number);
      return FALSE;
    }
  return TRUE;
}

/* The due date of a procedure received at @at, on this office's calendar; 0 for a procedure the
 * catalog does not know (a ministry system may send any): its due date is the one the system
 * gives. */
gint64
mc_store_compute_due (McStore     *self,
                      const char  *procedure_code,
                      gint64       at)
{
  const McProcedure *proc = mc_catalog_lookup_or_unknown (mc_catalog_get_default (), procedure_code);
  g_autoptr(McCalendar) calendar = NULL;
  McDeadlineSettings settings;

  if (proc == NULL || proc->unknown)
    return 0;
  calendar = mc_store_get_calendar (self);
  mc_store_get_deadline_settings (self, &settings);
  return mc_deadline_due_procedure (&settings, calendar, at, proc);
}

/* Returns: (transfer full) (nullable): when @asked (a due date the official typed) is not an
 * office time, the note saying where it moved to, with *@out_due the next office time; NULL
 * and *@out_due = @asked when it is one. The citizen is never given an appointment at a closed
 * office, and the official is never made to guess the next opening. */
char *
mc_store_due_moved (McStore *self,
                    gint64   asked,
                    gint64  *out_due)
{
  g_autoptr(McCalendar) calendar = mc_store_get_calendar (self);
  g_autofree char *from = NULL, *to = NULL;
  McDeadlineSettings settings;

  mc_store_get_deadline_settings (self, &settings);
  *out_due = mc_deadline_next_office_time (&settings, calendar, asked);
  if (*out_due == asked)
    return NULL;
  from = mc_time_format_short (asked);
  to = mc_time_format_short (*out_due);
  /* TRANSLATORS: two dates and times, "17/03/2026 18:00" then "18/03/2026 07:00" */
  return g_strdup_printf (_("%s is outside office hours or on a day off: the appointment is moved to %s, "
                            "the next office time"), from, to);
}

/* The payload of the outbox row: what the ministry system needs to apply the action. */
static char *
build_payload (const char           *uuid,
               McAction              action,
               const McDossier      *d,
               McStatus              before,
               McStatus              target,
               gint64                at,
               const char           *actor,
               const McActionInput  *in,
               gboolean              due_changed)
{
  g_autoptr(McActionPayload) p = mc_action_payload_new ();

  p->uuid = g_strdup (uuid);
  p->action = action;
  p->number = g_strdup (d->number);
  p->source_id = g_strdup (d->source_id);
  p->status_before = before;
  p->target = target;
  p->at = at;
  p->actor = g_strdup (actor);
  p->unit = g_strdup (in->unit);
  /* The dates the ministry shows the citizen follow from the action: send what we computed. */
  if (due_changed)
    p->due_at = d->due_at;
  mc_action_payload_set_input (p, mc_action_needs (action), in);
  if (action == MC_ACTION_RECEIVE || action == MC_ACTION_SUPPLEMENT_RECEIVED)
    p->received_at = d->received_at;
  return mc_action_payload_to_json (p);
}

static char *
join_lines (const char * const *lines)
{
  return lines ? g_strjoinv ("\n", (char **) lines) : NULL;
}

/* The payment state the 766 report counts (3.6): a fee asked for, or paid at the counter. */
static gboolean
set_payment (McStore         *self,
             gint64           dossier_id,
             McPaymentState   state,
             GError         **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "UPDATE dossiers SET payment_state = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, state);
  sqlite3_bind_int64 (stmt, 2, dossier_id);
  return mc_store_step_done (self, stmt, error);
}

/* The rows the action adds or changes besides the dossier's own. */
static gboolean
write_children (McStore              *self,
                McDossier            *d,
                McAction              action,
                const McActionInput  *in,
                gint64                at,
                GError              **error)
{
  g_autofree char *items = NULL;
  sqlite3_stmt *stmt = NULL;

  switch (action)
    {
    case MC_ACTION_REQUEST_SUPPLEMENT:
      items = join_lines (in->items);
      if (!(stmt = mc_store_prepare (self, "INSERT INTO supplements (dossier_id, requested_at, items)"
                                           " VALUES (?, ?, ?)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, d->id);
      sqlite3_bind_int64 (stmt, 2, at);
      mc_store_bind_text (stmt, 3, items);
      return mc_store_step_done (self, stmt, error);

    case MC_ACTION_RESCHEDULE:
      return mc_store_insert_reschedule (self, d->id, d->reschedule, error);

    case MC_ACTION_SUPPLEMENT_RECEIVED:
      if (!(stmt = mc_store_prepare (self, "UPDATE supplements SET received_at = ?"
                                           " WHERE dossier_id = ? AND received_at IS NULL", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, at);
      sqlite3_bind_int64 (stmt, 2, d->id);
      return mc_store_step_done (self, stmt, error);

    case MC_ACTION_REQUEST_FEE:
      if (!(stmt = mc_store_prepare (self, "INSERT INTO fees (dossier_id, name, amount_vnd, paid)"
                                           " VALUES (?, ?, ?, 0)", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, d->id);
      mc_store_bind_text (stmt, 2, in->fee_name);
      sqlite3_bind_int64 (stmt, 3, in->fee_vnd);
      return mc_store_step_done (self, stmt, error) && set_payment (self, d->id, MC_PAYMENT_PENDING, error);

    case MC_ACTION_FEE_PAID:
      if (!(stmt = mc_store_prepare (self, "UPDATE fees SET paid = 1 WHERE dossier_id = ? AND paid = 0", error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, d->id);
      return mc_store_step_done (self, stmt, error) && set_payment (self, d->id, MC_PAYMENT_PAID_COUNTER, error);

    case MC_ACTION_RESOLVE:
      for (guint i = 0; in->results[i]; i++)
        {
          gboolean numbered = in->result_numbers != NULL && g_strv_length ((char **) in->result_numbers) > i;

          if (!(stmt = mc_store_prepare (self, "INSERT INTO results (dossier_id, name, number, issued_at)"
                                               " VALUES (?, ?, ?, ?)", error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, d->id);
          mc_store_bind_text (stmt, 2, in->results[i]);
          mc_store_bind_text (stmt, 3, numbered && *in->result_numbers[i] ? in->result_numbers[i] : NULL);
          sqlite3_bind_int64 (stmt, 4, at);
          if (!mc_store_step_done (self, stmt, error))
            return FALSE;
        }
      return TRUE;

    default:
      return TRUE;
    }
}

/* Received (or complete after a supplement) at @at: the due date runs from then, unless the
 * procedure is not in the catalog, whose due date is the ministry system's (kept as pulled). */
static void
start_clock (McStore   *self,
             McDossier *d,
             gint64     at)
{
  gint64 due = mc_store_compute_due (self, d->procedure_code, at);

  if (due > 0)
    d->due_at = due;
}

/* How the result went to the citizen: an e-result needs one (a result file, the office's or
 * the system's). */
static gboolean
record_delivery (McStore     *self,
                 McDossier   *d,
                 const char  *delivery,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean electronic = FALSE;

  for (guint i = 0; i < d->files->len; i++)
    electronic |= ((McFile *) g_ptr_array_index (d->files, i))->kind == MC_FILE_RESULT;
  if (!g_str_equal (delivery, "paper") && !electronic)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("Dossier %s has no electronic result to deliver: attach the signed result first"), d->number);
      return FALSE;
    }
  if (!(stmt = mc_store_prepare (self, "UPDATE dossiers SET delivery = ? WHERE id = ?", error)))
    return FALSE;
  mc_store_bind_text (stmt, 1, delivery);
  sqlite3_bind_int64 (stmt, 2, d->id);
  return mc_store_step_done (self, stmt, error);
}

/* The clock stopped at @paused_at runs again at @at, in the office's hours and calendar. */
static void
resume_clock (McStore   *self,
              McDossier *d,
              gint64     paused_at,
              gint64     at)
{
  g_autoptr(McCalendar) calendar = mc_store_get_calendar (self);
  McDeadlineClock clock = { d->received_at, d->due_at, paused_at, FALSE };
  McDeadlineSettings settings;

  mc_store_get_deadline_settings (self, &settings);
  mc_deadline_clock_resume (&clock, &settings, calendar, at);
  d->due_at = clock.due_at;
}

/* The new status and dates. Returns FALSE if the input does not fit the dossier. */
static gboolean
apply_effect (McStore              *self,
              McDossier            *d,
              const Facts          *f,
              McAction              action,
              const McActionInput  *in,
              gint64                at,
              GError              **error)
{
  switch (action)
    {
    case MC_ACTION_RECEIVE:
      d->received_at = at;
      start_clock (self, d, at);
      return TRUE;

    case MC_ACTION_SUPPLEMENT_RECEIVED:
      if (d->due_at == 0)
        {
          /* Asked before it was received: the clock starts with the complete dossier. */
          d->received_at = d->received_at ? d->received_at : at;
          start_clock (self, d, at);
          return TRUE;
        }
      /* The clock stood still from the request to now: the due date moves by the working
       * time that passed. */
      resume_clock (self, d, f->paused_at ? f->paused_at : at, at);
      return TRUE;

    case MC_ACTION_FEE_PAID:
      /* Time spent waiting for the citizen's financial obligation does not count: the due
       * date moves by the working time since it was asked for, as for a supplement. */
      if (d->due_at != 0 && f->fee_asked_at != 0)
        resume_clock (self, d, f->fee_asked_at, at);
      return TRUE;

    case MC_ACTION_RESCHEDULE:
      if (in->due_at <= d->due_at)
        {
          g_autofree char *current = mc_time_format_short (d->due_at);

          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       _("The new due date must be later than the current one (%s)"), current);
          return FALSE;
        }
      /* Outside office hours it was moved to the next office time (apply_locked()). */
      d->due_at = in->due_at;
      return TRUE;

    case MC_ACTION_STOP:
    case MC_ACTION_WITHDRAW:
    case MC_ACTION_RESOLVE:
      d->finished_at = at;
      return TRUE;

    case MC_ACTION_RETURN_RESULT:
      d->return_method = in->method;
      d->returned_at = at;
      return record_delivery (self, d, in->delivery ? in->delivery : "paper", error);

    default:
      return TRUE;
    }
}

static gboolean
update_dossier (McStore    *self,
                McDossier  *d,
                gboolean    rescheduled,
                GError    **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "UPDATE dossiers SET status = ?, received_at = ?, due_at = ?, finished_at = ?, returned_at = ?,"
    " return_method = ?, rescheduled = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, d->status);
  mc_store_bind_time (stmt, 2, d->received_at);
  mc_store_bind_time (stmt, 3, d->due_at);
  mc_store_bind_time (stmt, 4, d->finished_at);
  mc_store_bind_time (stmt, 5, d->returned_at);
  sqlite3_bind_int (stmt, 6, d->return_method);
  sqlite3_bind_int (stmt, 7, rescheduled);
  sqlite3_bind_int64 (stmt, 8, d->id);
  return mc_store_step_done (self, stmt, error);
}

static gboolean
insert_step (McStore     *self,
             gint64       dossier_id,
             gint64       at,
             const char  *actor,
             const char  *unit,
             const char  *step,
             McStatus     status,
             const char  *note,
             GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO history (dossier_id, at, actor, unit, action, status, note) VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  sqlite3_bind_int64 (stmt, 2, at);
  mc_store_bind_text (stmt, 3, actor);
  mc_store_bind_text (stmt, 4, unit);
  mc_store_bind_text (stmt, 5, step);
  sqlite3_bind_int (stmt, 6, status);
  mc_store_bind_text (stmt, 7, note);
  return mc_store_step_done (self, stmt, error);
}

/* The note the history shows: the official's words, or what the action lists. */
static char *
step_note (McAction              action,
           const McActionInput  *in)
{
  if (action == MC_ACTION_REQUEST_SUPPLEMENT)
    return join_lines (in->items);
  if (action == MC_ACTION_RESOLVE)
    return join_lines (in->results);
  return mc_store_is_blank (in->note) ? NULL : g_strdup (in->note);
}

static gboolean
apply_locked (McStore              *self,
              gint64                dossier_id,
              McAction              action,
              const McActionInput  *in,
              const char           *actor,
              GError              **error)
{
  g_autoptr(McDossier) d = NULL;
  g_autofree char *uuid = g_uuid_string_random ();
  g_autofree char *payload = NULL;
  g_autofree char *note = NULL;
  McAuditEntry audit = { 0 };
  gint64 at = in->at ? in->at : mc_time_now ();
  g_autofree char *moved = NULL;
  McActionInput moved_input;
  McStatus before, target;
  gint64 due_before;
  Facts f;

  if (!load_facts (self, dossier_id, &f, error) || !(d = mc_store_get_dossier (self, dossier_id, error)))
    return FALSE;
  before = d->status;
  target = mc_transition_target (before, action);
  if (target == MC_STATUS_INVALID)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” is not allowed on dossier %s in status “%s”"),
                   mc_action_label (action), d->number, mc_status_label (before));
      return FALSE;
    }
  if (!check_rules (action, &f, d->number, error) || !mc_store_validate_input (action, in, error))
    return FALSE;
  /* A new due date typed outside office hours lands at the next office time, and the history
   * says so. */
  if (action == MC_ACTION_RESCHEDULE)
    {
      moved_input = *in;
      moved = mc_store_due_moved (self, in->due_at, &moved_input.due_at);
      in = &moved_input;
    }
  due_before = d->due_at;
  if (!apply_effect (self, d, &f, action, in, at, error))
    return FALSE;
  d->status = target;
  /* What the letter of apology prints: kept apart from the history, which a pull replaces. */
  if (action == MC_ACTION_RESCHEDULE)
    mc_dossier_set_reschedule (d, at, actor, in->note, due_before, d->due_at);

  note = step_note (action, in);
  if (moved != NULL)
    {
      char *with = note != NULL ? g_strdup_printf ("%s\n%s", note, moved) : g_strdup (moved);

      g_free (note);
      note = with;
    }
  payload = build_payload (uuid, action, d, before, target, at, actor, in, d->due_at != due_before);
  audit.actor = actor;
  audit.dossier_id = d->id;
  audit.dossier_number = d->number;
  audit.action = mc_action_id (action);
  audit.status_before = before;
  audit.status_after = target;
  audit.outcome = "queued";
  audit.detail = payload;
  return update_dossier (self, d, f.rescheduled || action == MC_ACTION_RESCHEDULE, error) &&
         write_children (self, d, action, in, at, error) &&
         insert_step (self, d->id, at, actor, in->unit, specs[action].step, target, note, error) &&
         mc_store_outbox_insert (self, d->id, d->source_id, mc_action_id (action), uuid, payload,
                                 d->server_version, error) &&
         mc_store_audit_append (self, &audit, error);
}

/* Takes @action on the dossier @dossier_id as @actor. A transition the status table forbids,
 * or an input the action cannot take, is refused with MC_STORE_ERROR_INVALID and a message
 * for the official, and nothing changes. */
gboolean
mc_store_apply_action (McStore              *self,
                       gint64                dossier_id,
                       McAction              action,
                       const McActionInput  *input,
                       const char           *actor,
                       GError              **error)
{
  McActionInput none = { 0 };
  gboolean own;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (action > MC_ACTION_INVALID && action <= MC_ACTION_LAST, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!mc_store_tx_begin (self, &own, error))
    return FALSE;
  return mc_store_tx_end (self, own, apply_locked (self, dossier_id, action, input ? input : &none, actor, error),
                          error);
}

/* Returns: (transfer full): the McAction values the official may take now, in the status
 * table's order: the table's, less the once-only ones already used; none while an earlier
 * action waits for review (mc_store_dossier_needs_review()). */
GArray *
mc_store_actions_allowed (McStore  *self,
                          gint64    dossier_id,
                          GError  **error)
{
  g_autoptr(GArray) actions = NULL;
  Facts f;

  if (!load_facts (self, dossier_id, &f, error))
    return NULL;
  actions = mc_transition_actions_from (f.status);
  for (guint i = actions->len; i-- > 0;)
    if (!check_rules (g_array_index (actions, McAction, i), &f, "", NULL))
      g_array_remove_index (actions, i);
  return g_steal_pointer (&actions);
}

/* The dossier's deadline clock: paused while a supplement is awaited, rescheduled once. */
gboolean
mc_store_get_clock (McStore          *self,
                    gint64            dossier_id,
                    McDeadlineClock  *out_clock,
                    GError          **error)
{
  sqlite3_stmt *stmt;
  Facts f;
  int rc;

  if (!load_facts (self, dossier_id, &f, error))
    return FALSE;
  if (!(stmt = mc_store_prepare (self, "SELECT received_at, due_at FROM dossiers WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  rc = sqlite3_step (stmt);
  *out_clock = (McDeadlineClock) {
    .received_at = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0,
    .due_at = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 1) : 0,
    .paused_at = f.status == MC_STATUS_SUPPLEMENT_REQUESTED ? f.paused_at
                 : f.status == MC_STATUS_FEE_REQUESTED ? f.fee_asked_at : 0,
    .rescheduled = f.rescheduled,
  };
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    {
      mc_store_set_error (self, error, N_("reading a dossier"));
      return FALSE;
    }
  return TRUE;
}
