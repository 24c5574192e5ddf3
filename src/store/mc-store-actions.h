/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-deadline.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* What an action needs from the official besides the dossier: the dialog shows these fields
 * and mc_store_apply_action() refuses the action when one is missing or wrong. */
typedef enum
{
  MC_ACTION_NEEDS_NOTE = 1 << 0,     /* reasons, apology, step description */
  MC_ACTION_NEEDS_ITEMS = 1 << 1,    /* every missing item of a supplement request */
  MC_ACTION_NEEDS_DUE = 1 << 2,      /* a new, later due time */
  MC_ACTION_NEEDS_METHOD = 1 << 3,   /* how the result is returned */
  MC_ACTION_NEEDS_RESULTS = 1 << 4,  /* the result documents */
  MC_ACTION_NEEDS_FEE = 1 << 5,      /* name and amount of the financial obligation */
} McActionNeeds;

/* The official's input to one action. Every field is optional (0 / NULL) unless the action
 * needs it (mc_action_needs()); a note is kept in the history whenever one is given. */
typedef struct
{
  gint64 at;                          /* when it happened; 0 = now */
  const char *unit;                   /* the official's unit, for the history (QuaTrinhXuLy) */
  const char *note;
  const char * const *items;          /* request-supplement */
  gint64 due_at;                      /* reschedule */
  McChannel method;                   /* return-result */
  const char * const *results;        /* resolve: names of the result documents */
  const char * const *result_numbers; /* resolve: their numbers, in the same order; may be shorter */
  const char *fee_name;               /* request-fee */
  gint64 fee_vnd;                     /* request-fee */
} McActionInput;

/* A new dossier received at the counter. */
typedef struct
{
  const char *source_id;             /* NULL: the one source of the procedure's ministry */
  const char *procedure_code;        /* MaTTHC */
  const char *applicant_name;
  McApplicantKind applicant_kind;    /* 0 = citizen */
  const char *id_number;             /* 12 digits with a known province prefix for a citizen */
  const char *phone;
  const char *address;
  const char * const *documents;     /* the documents ticked as received */
  gint64 fee_vnd;                    /* -1 = the catalog's fee, 0 = none */
  gboolean fee_paid;
  McChannel return_method;           /* 0 = in person */
  const char *unit;
  gint64 at;                         /* 0 = now */
} McIntake;

/* The payload format of the outbox rows written here (the "payload_version" column). */
#define MC_ACTION_PAYLOAD_VERSION 1

McActionNeeds mc_action_needs             (McAction            action);
const char   *mc_return_method_id         (McChannel           method);
McChannel     mc_return_method_from_id    (const char         *id);
gboolean      mc_validate_id_number       (const char         *id_number,
                                           GError            **error);

gboolean      mc_store_apply_action       (McStore            *self,
                                           gint64              dossier_id,
                                           McAction            action,
                                           const McActionInput *input,
                                           const char         *actor,
                                           GError            **error);
GArray       *mc_store_actions_allowed    (McStore            *self,
                                           gint64              dossier_id,
                                           GError            **error);
gboolean      mc_store_get_clock          (McStore            *self,
                                           gint64              dossier_id,
                                           McDeadlineClock    *out_clock,
                                           GError            **error);

gint64        mc_store_intake_preview     (McStore            *self,
                                           const McIntake     *intake,
                                           GError            **error);
McDossier    *mc_store_receive_new        (McStore            *self,
                                           const McIntake     *intake,
                                           const char         *actor,
                                           GError            **error);
gboolean      mc_store_renumber_dossier   (McStore            *self,
                                           gint64              dossier_id,
                                           const char         *number,
                                           const char         *actor,
                                           GError            **error);

gboolean      mc_store_outbox_retry       (McStore            *self,
                                           gint64              outbox_id,
                                           const McActionInput *edited,
                                           const char         *actor,
                                           GError            **error);

G_END_DECLS
