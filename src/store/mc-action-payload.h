/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-dossier.h"

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

McActionNeeds mc_action_needs   (McAction    action);
gboolean      mc_store_is_blank (const char *text);

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
  const char *delivery;               /* return-result: "paper" (NULL), "e-result" (to the citizen's
                                       * data store) or "both" (mc_result_delivery_id ()) */
  const char * const *results;        /* resolve: names of the result documents */
  const char * const *result_numbers; /* resolve: their numbers, in the same order; may be shorter */
  const char *fee_name;               /* request-fee */
  gint64 fee_vnd;                     /* request-fee */
} McActionInput;

/* The payload format written here (the outbox's "payload_version" column). */
#define MC_ACTION_PAYLOAD_VERSION 1

/* The payload of an outbox row: everything the ministry system needs to apply the action,
 * whatever happens to the local copy of the dossier afterwards. Its JSON is read and written
 * here only (mc-action-payload.c). Unset fields are 0 / NULL. */
typedef struct
{
  char *uuid;
  McAction action;
  gboolean create;            /* a dossier received at the counter: @dossier is created */
  char *number;               /* the dossier's number when queued (renumbered with it) */
  char *source_id;
  McStatus status_before;
  McStatus target;
  gint64 at;
  char *actor;
  char *unit;
  /* The official's input */
  char *note;
  GStrv items;
  gint64 due_at;              /* the new due date (reschedule, or one the action computed) */
  McChannel method;
  char *delivery;             /* return-result: how the result was delivered */
  GStrv results;
  GStrv result_numbers;       /* parallel to @results; "" where a result has no number */
  char *fee_name;
  gint64 fee_vnd;
  /* What the action computed */
  gint64 received_at;
  McDossier *dossier;         /* create: the dossier as received */
  McFile *file;               /* attach: the file (its id in the store, name, kind, component,
                               * size, "sha256:…" hash naming its content, content type) */
} McActionPayload;

McActionPayload *mc_action_payload_new        (void);
void             mc_action_payload_free       (McActionPayload      *payload);
McActionPayload *mc_action_payload_from_json  (const char           *json,
                                               GError              **error);
char            *mc_action_payload_to_json    (const McActionPayload *payload);
void             mc_action_payload_set_input  (McActionPayload      *payload,
                                               McActionNeeds         needs,
                                               const McActionInput  *input);
void             mc_action_payload_set_number (McActionPayload      *payload,
                                               const char           *number);
char            *mc_action_payload_ministry_note (const McActionPayload *payload);

const char      *mc_return_method_id          (McChannel             method);
/* Returns: @id if it names a way of delivering a result ("paper", "e-result", "both"). */
gboolean         mc_result_delivery_is_valid  (const char           *id);
McChannel        mc_return_method_from_id     (const char           *id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McActionPayload, mc_action_payload_free)

G_END_DECLS
