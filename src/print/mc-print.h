/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-dossier.h"
#include "mc-print-layout.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* The printed forms of the one-stop shop (../shared/domain/forms.md). Each is laid out into an
 * McPrintLayout, which writes a PDF (mc_print_layout_write_pdf) or draws its pages on a
 * GtkPrintOperation's context (mc_print_layout_draw_page): the window and motcuactl print the
 * same pages. */

#define MC_PRINT_ERROR (mc_print_error_quark ())

typedef enum
{
  MC_PRINT_ERROR_NOT_APPLICABLE,  /* the dossier has not reached the point the form is about */
  MC_PRINT_ERROR_FAILED,
} McPrintError;

GQuark mc_print_error_quark (void);

typedef enum
{
  MC_PRINT_FORM_RECEIPT,      /* Giấy tiếp nhận hồ sơ và hẹn trả kết quả */
  MC_PRINT_FORM_SUPPLEMENT,   /* Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ */
  MC_PRINT_FORM_REFUSAL,      /* Phiếu từ chối tiếp nhận, giải quyết hồ sơ */
  MC_PRINT_FORM_APOLOGY,      /* Phiếu xin lỗi và hẹn lại ngày trả kết quả */
  MC_PRINT_FORM_STOP,         /* Thông báo dừng giải quyết hồ sơ */
  MC_PRINT_FORM_CONTROL,      /* Phiếu kiểm soát quá trình giải quyết hồ sơ */
  MC_PRINT_N_FORMS,
} McPrintForm;

/* What the forms say about the office: the profile's settings (mc-store-settings.h). */
typedef struct
{
  char *parent;           /* office.parent */
  char *unit;             /* office.unit */
  char *place;            /* office.place */
  char *commune;          /* office.commune: "xã Phú Lộc", as addresses write it */
  char *phone;            /* office.phone */
  char *official;         /* office.official */
  char *receiver_title;   /* form.receiver-title */
  char *applicant_title;  /* form.applicant-title */
  char *head_title;       /* form.head-title */
  char *legal_basis;      /* form.legal-basis */
  char *numbering;        /* form.numbering: "2025" or "2018" */
  char *apology_title;    /* form.apology-title */
} McPrintOffice;

/* What a form needs beyond the dossier; every field is optional (0 / NULL). */
typedef struct
{
  gint64 printed_at;        /* the date written on the form; 0 = now */
  const char *reason;       /* refusal, stop, apology, supplement items (one per line); NULL = from
                             * the dossier's history and its reschedule, or dotted lines to fill
                             * in by hand */
  const char *register_book; /* receipt: "Quyển số" and "Số thứ tự" of the register; NULL = */
  gint64 register_row;       /* dotted lines (mc_print_stored_dossier() fills them) */
  const char *official;      /* the official printing, who signs when office.official is empty;
                              * NULL = the official the history names for the step */
} McPrintOptions;

McPrintOffice *mc_print_office_new_default (void);
McPrintOffice *mc_print_office_load        (McStore              *store,
                                            GError              **error);
void           mc_print_office_free        (McPrintOffice        *office);

const char    *mc_print_form_id            (McPrintForm           form);
const char    *mc_print_form_title         (McPrintForm           form);
gboolean       mc_print_form_from_id       (const char           *id,
                                            McPrintForm          *out_form);
gboolean       mc_print_form_for_action    (McAction              action,
                                            McPrintForm          *out_form);
gboolean       mc_print_form_allowed       (McPrintForm           form,
                                            const McDossier      *dossier,
                                            GError              **error);

McPrintLayout *mc_print_dossier            (const McPrintOffice  *office,
                                            const McDossier      *dossier,
                                            McPrintForm           form,
                                            const McPrintOptions *options,
                                            GError              **error);
McPrintLayout *mc_print_stored_dossier     (McStore              *store,
                                            gint64                dossier_id,
                                            McPrintForm           form,
                                            const McPrintOptions *options,
                                            GError              **error);
McPrintLayout *mc_print_register           (const McPrintOffice  *office,
                                            GPtrArray            *dossiers,
                                            gint64                from,
                                            gint64                to,
                                            const McPrintOptions *options,
                                            GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McPrintOffice, mc_print_office_free)

G_END_DECLS
