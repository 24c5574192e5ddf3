/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* TrangThaiHoSo: the national portal's status codes, used unchanged as our canonical codes. */
typedef enum
{
  MC_STATUS_INVALID = 0,
  MC_STATUS_SUBMITTED = 1,             /* mới đăng ký */
  MC_STATUS_RECEIVED = 2,              /* được tiếp nhận */
  MC_STATUS_REFUSED = 3,               /* không được tiếp nhận */
  MC_STATUS_PROCESSING = 4,            /* đang xử lý */
  MC_STATUS_SUPPLEMENT_REQUESTED = 5,  /* yêu cầu bổ sung */
  MC_STATUS_FEE_REQUESTED = 6,         /* yêu cầu thực hiện nghĩa vụ tài chính */
  MC_STATUS_WITHDRAWN = 7,             /* công dân xin rút */
  MC_STATUS_STOPPED = 8,               /* dừng xử lý */
  MC_STATUS_RESOLVED = 9,              /* đã xử lý xong */
  MC_STATUS_RETURNED = 10,             /* đã trả kết quả */
} McStatus;

#define MC_STATUS_FIRST MC_STATUS_SUBMITTED
#define MC_STATUS_LAST MC_STATUS_RETURNED

/* The processing actions of the one-stop-shop workflow. */
typedef enum
{
  MC_ACTION_INVALID = 0,
  MC_ACTION_RECEIVE,
  MC_ACTION_REFUSE,
  MC_ACTION_REQUEST_SUPPLEMENT,
  MC_ACTION_SUPPLEMENT_RECEIVED,
  MC_ACTION_FORWARD,
  MC_ACTION_REQUEST_FEE,
  MC_ACTION_FEE_PAID,
  MC_ACTION_RECORD_STEP,
  MC_ACTION_STOP,
  MC_ACTION_RESOLVE,
  MC_ACTION_RETURN_RESULT,
  MC_ACTION_WITHDRAW,
  MC_ACTION_RESCHEDULE,
  MC_ACTION_LAST = MC_ACTION_RESCHEDULE,
  /* Not a step of the workflow (no status table entry, allowed in any status): a file sent to
   * the dossier on its ministry system, queued in the outbox like the steps. */
  MC_ACTION_ATTACH,
  MC_ACTION_LAST_QUEUED = MC_ACTION_ATTACH,
} McAction;

gboolean     mc_status_is_valid        (int status);
const char  *mc_status_label           (McStatus status);
gboolean     mc_status_is_final        (McStatus status);
const char  *mc_status_step_name       (int      status);

const char  *mc_action_id              (McAction action);
const char  *mc_action_label           (McAction action);
McAction     mc_action_from_id         (const char *id);

McStatus     mc_transition_target      (McStatus from,
                                        McAction action);
gboolean     mc_transition_allowed     (McStatus from,
                                        McAction action);
GArray      *mc_transition_actions_from (McStatus from);

G_END_DECLS
