/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef enum
{
  MC_DURATION_WORKING_DAYS,  /* ngày làm việc */
  MC_DURATION_CALENDAR_DAYS, /* ngày */
  MC_DURATION_HOURS,         /* giờ (working hours) */
  MC_DURATION_SAME_DAY,      /* trong ngày */
} McDurationUnit;

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
  gint64 fee_vnd;        /* -1 = unknown */
  char *provenance;
  gboolean unknown;      /* not in the catalog: a ministry system sent it (no duration) */
} McProcedure;

const char     *mc_duration_unit_id      (McDurationUnit unit);
gboolean        mc_duration_unit_from_id (const char     *id,
                                          McDurationUnit *out_unit);

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

const char        *mc_catalog_province_name    (McCatalog  *self,
                                                const char *code);
guint              mc_catalog_get_n_provinces  (McCatalog  *self);
const char        *mc_catalog_get_province_code (McCatalog *self,
                                                guint       index);

G_END_DECLS
