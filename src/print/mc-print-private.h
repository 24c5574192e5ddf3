/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-print.h"
#include "mc-print-text.h"

G_BEGIN_DECLS

/* The blocks every form shares (mc-print.c) and the body of each form (one file per kind). */

#define MC_PRINT_BODY_SIZE 11.0
#define MC_PRINT_TABLE_SIZE 10.0
#define MC_PRINT_PARAGRAPH_SPACE 3.0

McPrintLayout *mc_print_form_begin     (const McPrintOffice *office,
                                        McPrintOrientation   orientation,
                                        double               body_size,
                                        guint                form,
                                        const char          *code,
                                        const char          *title,
                                        const char          *subtitle,
                                        gint64               printed_at);
void        mc_print_provisional_note  (McPrintLayout       *layout,
                                        const McDossier     *dossier);
void        mc_print_field             (McPrintLayout       *layout,
                                        const char          *label,
                                        const char          *value);
void        mc_print_applicant         (McPrintLayout       *layout,
                                        const McDossier     *dossier);
void        mc_print_items             (McPrintLayout       *layout,
                                        const char          *items);
void        mc_print_signatures        (McPrintLayout       *layout,
                                        const char          *left_title,
                                        const char          *left_name,
                                        const char          *right_title,
                                        const char          *right_name,
                                        gboolean             seal);
const char *mc_print_official_for      (const McPrintOffice *office,
                                        const McDossier     *dossier,
                                        McStatus             status);
char       *mc_print_agency            (const McPrintOffice *office);
char       *mc_print_authority         (const McPrintOffice *office);
const McStep *mc_print_last_step       (const McDossier     *dossier,
                                        McStatus             status);

gboolean    mc_print_receipt           (McPrintLayout        *layout,
                                        const McPrintOffice  *office,
                                        const McDossier      *dossier,
                                        const McPrintOptions *options,
                                        GError              **error);
void        mc_print_supplement        (McPrintLayout        *layout,
                                        const McPrintOffice  *office,
                                        const McDossier      *dossier,
                                        const McPrintOptions *options);
void        mc_print_refusal           (McPrintLayout        *layout,
                                        const McPrintOffice  *office,
                                        const McDossier      *dossier,
                                        const McPrintOptions *options);
void        mc_print_apology           (McPrintLayout        *layout,
                                        const McPrintOffice  *office,
                                        const McDossier      *dossier,
                                        const McPrintOptions *options);
void        mc_print_stop              (McPrintLayout        *layout,
                                        const McPrintOffice  *office,
                                        const McDossier      *dossier,
                                        const McPrintOptions *options);
void        mc_print_control           (McPrintLayout        *layout,
                                        const McPrintOffice  *office,
                                        const McDossier      *dossier);

G_END_DECLS
