/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mc-dossier.h"

G_BEGIN_DECLS

typedef enum
{
  MC_DURATION_WORKING_DAYS,  /* ngày làm việc */
  MC_DURATION_CALENDAR_DAYS, /* ngày */
  MC_DURATION_HOURS,         /* giờ (working hours) */
  MC_DURATION_SAME_DAY,      /* trong ngày */
} McDurationUnit;

/* How a document of a procedure is handed in. */
typedef enum
{
  MC_DOCUMENT_ORIGINAL,        /* bản chính */
  MC_DOCUMENT_COPY,            /* bản sao */
  MC_DOCUMENT_CERTIFIED_COPY,  /* bản sao có chứng thực */
  MC_DOCUMENT_SHOWN,           /* xuất trình: shown at the counter, not collected */
} McDocumentForm;

/* Who may file a procedure (the portal's LoaiDoiTuong, grouped). */
typedef enum
{
  MC_APPLICANTS_CITIZEN = 1 << 0,       /* cá nhân */
  MC_APPLICANTS_ORGANIZATION = 1 << 1,  /* tổ chức: enterprise, state agency or other */
} McApplicantKinds;

/* One document (thành phần hồ sơ) of a procedure. */
typedef struct
{
  char *name;
  McDocumentForm form;
  int count;
  char *case_name;   /* NULL: every case of the procedure; else only that case ("moi", "lai") */
  gboolean optional; /* only when @condition holds */
  char *condition;   /* Vietnamese, "" when none */
  char *tag;         /* V, S or R: how it was sourced (data/procedure-documents.tsv) */
} McProcedureDocument;

/* A procedure (thủ tục hành chính) of the catalog. Owned by the catalog. */
typedef struct
{
  char *code;            /* MaTTHC */
  char *ministry;        /* G03, G09, G16, G18, G21, or LT for inter-agency procedures */
  char *name;            /* TenTTHC */
  char *folded_name;
  int duration;
  McDurationUnit unit;
  gboolean duration_assumed;
  gint64 fee_vnd;        /* -1 = unknown, 0 = none (free), else the amount */
  char *provenance;
  gboolean unknown;      /* not in the catalog: a ministry system sent it (no duration) */
  McApplicantKinds applicants;
  gboolean same_day_cutoff;  /* received after 15:00 (the office's cut-off): counted from the next working day */
  char *fee_note;        /* how the fee is counted when not flat ("2.000 đ/trang…"), "" when flat */
  char *source;          /* where duration, fee, applicants and documents were read, with their tag */
  GPtrArray *documents;  /* McProcedureDocument, in receipt order */
} McProcedure;

const char *mc_duration_unit_id      (McDurationUnit unit);
gboolean    mc_duration_unit_from_id (const char     *id,
                                      McDurationUnit *out_unit);

const char *mc_document_form_id      (McDocumentForm  form);
gboolean    mc_document_form_from_id (const char     *id,
                                      McDocumentForm *out_form);
const char *mc_document_form_label   (McDocumentForm  form);
const char *mc_document_form_legal   (McDocumentForm  form);
gboolean    mc_document_form_is_copy (McDocumentForm  form);

gboolean    mc_procedure_accepts     (const McProcedure *procedure,
                                      McApplicantKind    kind);
GStrv       mc_procedure_list_cases  (const McProcedure *procedure);
gboolean    mc_procedure_document_applies (const McProcedureDocument *document,
                                      const char        *case_name);

#define MC_TYPE_CATALOG (mc_catalog_get_type ())
G_DECLARE_FINAL_TYPE (McCatalog, mc_catalog, MC, CATALOG, GObject)

McCatalog         *mc_catalog_get_default  (void);
guint              mc_catalog_get_n_procedures (McCatalog  *self);
const McProcedure *mc_catalog_get_procedure    (McCatalog  *self,
                                                guint       index);
const McProcedure *mc_catalog_lookup           (McCatalog  *self,
                                                const char *code);
const McProcedure *mc_catalog_lookup_or_unknown (McCatalog *self,
                                                const char *code);
GPtrArray         *mc_catalog_search           (McCatalog  *self,
                                                const char *text);
gboolean           mc_catalog_due_is_provisional (McCatalog     *self,
                                                const McDossier *d);

const char        *mc_catalog_province_name    (McCatalog  *self,
                                                const char *code);
guint              mc_catalog_get_n_provinces  (McCatalog  *self);
const char        *mc_catalog_get_province_code (McCatalog *self,
                                                guint       index);

G_END_DECLS
