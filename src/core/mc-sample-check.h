/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-calendar.h"
#include "mc-deadline.h"
#include "mc-dossier.h"

G_BEGIN_DECLS

/* The rules a believable commune's dossiers follow (shared/domain/sample-realism.md §7), as
 * the sample checker measures them on any profile. */
typedef enum
{
  MC_SAMPLE_RULE_ID_NUMBER,    /* structure: province code, century and sex, year of birth */
  MC_SAMPLE_RULE_SEX,          /* "Thị", "Văn", "H'"… agree with the ID number */
  MC_SAMPLE_RULE_AGE,          /* a plausible age for the procedure */
  MC_SAMPLE_RULE_DUPLICATE_ID, /* one number, one person */
  MC_SAMPLE_RULE_PHONE,        /* real mobile prefixes, 10 digits */
  MC_SAMPLE_RULE_ADDRESS,      /* in the commune (or a neighbour), its hamlet words, lower-case units */
  MC_SAMPLE_RULE_PROCEDURE,    /* in the catalog, of the source's ministry */
  MC_SAMPLE_RULE_APPLICANT,    /* an applicant kind the procedure is open to */
  MC_SAMPLE_RULE_DOCUMENTS,    /* the procedure's documents, their form and count */
  MC_SAMPLE_RULE_FEE,          /* a fee only where the procedure has one */
  MC_SAMPLE_RULE_OFFICE_HOURS, /* every office step in office hours on a working day */
  MC_SAMPLE_RULE_HISTORY,      /* each status put there by a step, in order, none in the future */
  MC_SAMPLE_RULE_REFUSED,      /* a refused dossier was never received */
  MC_SAMPLE_RULE_DEADLINE,     /* the due date the procedure's duration gives */
  MC_SAMPLE_RULE_NUMBER,       /* the dossier number carries the day it was taken in */
  MC_SAMPLE_RULE_SURNAMES,     /* surname frequencies */
  MC_SAMPLE_RULE_VOLUME,       /* a real commune's week per ministry */
  MC_SAMPLE_RULE_OUTCOMES,     /* mostly on time, few refusals */
  MC_SAMPLE_N_RULES,
} McSampleRule;

typedef struct
{
  McSampleRule rule;
  char *number;    /* the dossier, NULL for a rule about the whole profile */
  char *message;   /* in the user's language */
} McSampleViolation;

const char *mc_sample_rule_id (McSampleRule rule);

typedef struct _McSampleCheck McSampleCheck;

McSampleCheck *mc_sample_check_new        (const char               *commune,
                                           const char               *province,
                                           McCalendar               *calendar,
                                           const McDeadlineSettings *settings,
                                           gint64                    now);
void           mc_sample_check_set_source (McSampleCheck            *self,
                                           const char               *source_id,
                                           const char               *ministry);
void           mc_sample_check_dossier    (McSampleCheck            *self,
                                           const McDossier          *dossier);
GPtrArray     *mc_sample_check_finish     (McSampleCheck            *self);
guint          mc_sample_check_count      (GPtrArray                *violations,
                                           McSampleRule              rule);
void           mc_sample_check_free       (McSampleCheck            *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSampleCheck, mc_sample_check_free)

G_END_DECLS
