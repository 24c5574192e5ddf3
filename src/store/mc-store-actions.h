/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-action-payload.h"
#include "mc-deadline.h"
#include "mc-store.h"

G_BEGIN_DECLS

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
  const McReceivedForm *document_forms; /* what was received of each: NULL or 0 = the original */
  const int *document_counts;        /* how many of each: NULL or 0 = one */
  gint64 fee_vnd;                    /* -1 = the catalog's fee, 0 = none */
  gboolean fee_paid;
  McChannel return_method;           /* 0 = in person */
  const char *unit;
  gint64 at;                         /* 0 = now */
  gboolean after_hours;              /* the official confirmed a reception outside office hours */
  gint64 due_at;                     /* 0 = computed; else the official's appointment (moved to
                                      * the next office time if need be) */
  gboolean due_confirmed;            /* the official checked the computed due date */
  const char *proxy_name;            /* NULL: the applicant files in person; else who files for */
  const char *proxy_id_number;       /* the applicant, by the authorisation paper */
  const char *proxy_phone;
  const char *proxy_address;
  const char *proxy_authorization;
} McIntake;

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
char         *mc_store_due_moved          (McStore            *self,
                                           gint64              asked,
                                           gint64             *out_due);
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

G_END_DECLS
