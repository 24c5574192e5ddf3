/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-id.h"
#include "mc-status.h"

/* The one table of allowed transitions. Anything not listed is forbidden: the GUI offers only
 * these actions and the store refuses to queue any other. Record-step and reschedule keep the
 * status; they are listed so that they are allowed only while the dossier is being processed. */
static const struct {
  McStatus from;
  McAction action;
  McStatus to;
} transitions[] = {
  { MC_STATUS_SUBMITTED, MC_ACTION_RECEIVE, MC_STATUS_RECEIVED },
  { MC_STATUS_SUBMITTED, MC_ACTION_REFUSE, MC_STATUS_REFUSED },
  { MC_STATUS_SUBMITTED, MC_ACTION_REQUEST_SUPPLEMENT, MC_STATUS_SUPPLEMENT_REQUESTED },
  { MC_STATUS_SUBMITTED, MC_ACTION_WITHDRAW, MC_STATUS_WITHDRAWN },

  { MC_STATUS_RECEIVED, MC_ACTION_FORWARD, MC_STATUS_PROCESSING },
  { MC_STATUS_RECEIVED, MC_ACTION_REQUEST_SUPPLEMENT, MC_STATUS_SUPPLEMENT_REQUESTED },
  { MC_STATUS_RECEIVED, MC_ACTION_REFUSE, MC_STATUS_REFUSED },
  { MC_STATUS_RECEIVED, MC_ACTION_WITHDRAW, MC_STATUS_WITHDRAWN },

  { MC_STATUS_PROCESSING, MC_ACTION_RECORD_STEP, MC_STATUS_PROCESSING },
  { MC_STATUS_PROCESSING, MC_ACTION_REQUEST_SUPPLEMENT, MC_STATUS_SUPPLEMENT_REQUESTED },
  { MC_STATUS_PROCESSING, MC_ACTION_REQUEST_FEE, MC_STATUS_FEE_REQUESTED },
  { MC_STATUS_PROCESSING, MC_ACTION_STOP, MC_STATUS_STOPPED },
  { MC_STATUS_PROCESSING, MC_ACTION_RESOLVE, MC_STATUS_RESOLVED },
  { MC_STATUS_PROCESSING, MC_ACTION_RESCHEDULE, MC_STATUS_PROCESSING },
  { MC_STATUS_PROCESSING, MC_ACTION_WITHDRAW, MC_STATUS_WITHDRAWN },

  { MC_STATUS_SUPPLEMENT_REQUESTED, MC_ACTION_SUPPLEMENT_RECEIVED, MC_STATUS_PROCESSING },
  { MC_STATUS_SUPPLEMENT_REQUESTED, MC_ACTION_STOP, MC_STATUS_STOPPED },
  { MC_STATUS_SUPPLEMENT_REQUESTED, MC_ACTION_WITHDRAW, MC_STATUS_WITHDRAWN },

  { MC_STATUS_FEE_REQUESTED, MC_ACTION_FEE_PAID, MC_STATUS_PROCESSING },
  { MC_STATUS_FEE_REQUESTED, MC_ACTION_STOP, MC_STATUS_STOPPED },
  { MC_STATUS_FEE_REQUESTED, MC_ACTION_WITHDRAW, MC_STATUS_WITHDRAWN },

  { MC_STATUS_RESOLVED, MC_ACTION_RETURN_RESULT, MC_STATUS_RETURNED },
};

static const struct {
  const char *id;
  const char *label;
} actions[] = {
  [MC_ACTION_INVALID] = { NULL, NULL },
  [MC_ACTION_RECEIVE] = { "receive", N_("Receive") },
  [MC_ACTION_REFUSE] = { "refuse", N_("Refuse") },
  [MC_ACTION_REQUEST_SUPPLEMENT] = { "request-supplement", N_("Request supplement") },
  [MC_ACTION_SUPPLEMENT_RECEIVED] = { "supplement-received", N_("Supplement received") },
  [MC_ACTION_FORWARD] = { "forward", N_("Forward for processing") },
  [MC_ACTION_REQUEST_FEE] = { "request-fee", N_("Request financial obligation") },
  [MC_ACTION_FEE_PAID] = { "fee-paid", N_("Financial obligation fulfilled") },
  [MC_ACTION_RECORD_STEP] = { "record-step", N_("Record processing step") },
  [MC_ACTION_STOP] = { "stop", N_("Stop processing") },
  [MC_ACTION_RESOLVE] = { "resolve", N_("Resolve") },
  [MC_ACTION_RETURN_RESULT] = { "return-result", N_("Return result") },
  [MC_ACTION_WITHDRAW] = { "withdraw", N_("Record withdrawal") },
  [MC_ACTION_RESCHEDULE] = { "reschedule", N_("Reschedule with apology") },
  [MC_ACTION_ATTACH] = { "attach", N_("Attach file") },
};

/* With a context: "Received" is also a date's and a view's name. */
static const char *status_labels[] = {
  [MC_STATUS_SUBMITTED] = NC_("status", "Submitted online"),
  [MC_STATUS_RECEIVED] = NC_("status", "Received"),
  [MC_STATUS_REFUSED] = NC_("status", "Refused"),
  [MC_STATUS_PROCESSING] = NC_("status", "Processing"),
  [MC_STATUS_SUPPLEMENT_REQUESTED] = NC_("status", "Supplement requested"),
  [MC_STATUS_FEE_REQUESTED] = NC_("status", "Financial obligation requested"),
  [MC_STATUS_WITHDRAWN] = NC_("status", "Withdrawn"),
  [MC_STATUS_STOPPED] = NC_("status", "Processing stopped"),
  [MC_STATUS_RESOLVED] = NC_("status", "Resolved"),
  [MC_STATUS_RETURNED] = NC_("status", "Result returned"),
};

/* The step a ministry system writes into a dossier's history (QuaTrinhXuLy) when it enters a
 * status: data, in Vietnamese whatever the interface language, as the systems record them.
 * Used where a dialect's history names no step of its own. */
static const char *step_names[] = {
  [MC_STATUS_SUBMITTED] = "Nộp hồ sơ",
  [MC_STATUS_RECEIVED] = "Tiếp nhận hồ sơ",
  [MC_STATUS_REFUSED] = "Từ chối tiếp nhận",
  [MC_STATUS_PROCESSING] = "Chuyển xử lý",
  [MC_STATUS_SUPPLEMENT_REQUESTED] = "Yêu cầu bổ sung hồ sơ",
  [MC_STATUS_FEE_REQUESTED] = "Yêu cầu thực hiện nghĩa vụ tài chính",
  [MC_STATUS_WITHDRAWN] = "Công dân xin rút hồ sơ",
  [MC_STATUS_STOPPED] = "Dừng xử lý",
  [MC_STATUS_RESOLVED] = "Đã có kết quả",
  [MC_STATUS_RETURNED] = "Trả kết quả",
};

G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == MC_STATUS_LAST + 1);

gboolean
mc_status_is_valid (int status)
{
  return status >= MC_STATUS_FIRST && status <= MC_STATUS_LAST;
}

const char *
mc_status_label (McStatus status)
{
  g_return_val_if_fail (mc_status_is_valid (status), NULL);
  /* Context "status": "Received" as a status is not "Received" the date column. */
  return g_dpgettext2 (GETTEXT_PACKAGE, "status", status_labels[status]);
}

/* Returns: the Vietnamese name of the step that enters @status, or a neutral one for a status
 * that is not valid ("Cập nhật hồ sơ"). */
const char *
mc_status_step_name (int status)
{
  return mc_status_is_valid (status) ? step_names[status] : "Cập nhật hồ sơ";
}

/* A final status has no outgoing transition: derived from the table, not listed twice. */
gboolean
mc_status_is_final (McStatus status)
{
  for (gsize i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == status)
      return FALSE;
  return TRUE;
}

const char *
mc_action_id (McAction action)
{
  g_return_val_if_fail (action > MC_ACTION_INVALID && action <= MC_ACTION_LAST_QUEUED, NULL);
  return actions[action].id;
}

const char *
mc_action_label (McAction action)
{
  g_return_val_if_fail (action > MC_ACTION_INVALID && action <= MC_ACTION_LAST_QUEUED, NULL);
  return g_dgettext (GETTEXT_PACKAGE, actions[action].label);
}

McAction
mc_action_from_id (const char *id)
{
  int a = MC_ID_FIND_MEMBER (actions, id, id);

  return a >= 0 ? (McAction) a : MC_ACTION_INVALID;
}

McStatus
mc_transition_target (McStatus from,
                      McAction action)
{
  for (gsize i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == from && transitions[i].action == action)
      return transitions[i].to;
  return MC_STATUS_INVALID;
}

gboolean
mc_transition_allowed (McStatus from,
                       McAction action)
{
  return mc_transition_target (from, action) != MC_STATUS_INVALID;
}

/* Returns: (transfer full): the McAction values allowed from @from, in table order. */
GArray *
mc_transition_actions_from (McStatus from)
{
  GArray *result = g_array_new (FALSE, FALSE, sizeof (McAction));

  for (gsize i = 0; i < G_N_ELEMENTS (transitions); i++)
    if (transitions[i].from == from)
      g_array_append_val (result, transitions[i].action);
  return result;
}
