/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-dossier.h"

G_BEGIN_DECLS

/* How a printed form writes dates, amounts and labels. Forms are Vietnamese by law whatever
 * the desktop's language, so none of this goes through gettext. */

char       *mc_print_date             (gint64          unix_seconds);
char       *mc_print_date_time        (gint64          unix_seconds);
char       *mc_print_amount           (gint64          amount_vnd);
const char *mc_print_status_label     (McStatus        status);
const char *mc_print_return_method    (McChannel       channel);
const char *mc_print_applicant_label  (McApplicantKind kind);

G_END_DECLS
