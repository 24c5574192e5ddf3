/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mc-dossier.h"
#include "mc-report-period.h"

G_BEGIN_DECLS

/* The reports a commune's leadership is judged by, computed from the dossiers in the store:
 * the QĐ 766 service-quality indicators a commune can compute, and Biểu 06 (TT 01/2020/TT-VPCP).
 * Every counting rule lives here, over a compact row per dossier that the store fills
 * (mc-store-report.h); the rules and their sources are in ../shared/domain/reports.md. */

/* One dossier as the reports see it. Times are unix seconds, 0 = none. */
typedef struct
{
  gint64 id;
  guint32 source;          /* index in McReportData.sources */
  guint32 procedure;       /* index in McReportData.procedures */
  guint32 field;           /* index in McReportData.fields: its procedure's lĩnh vực */
  guint8 status;
  guint8 channel;
  gint8 payment;           /* McPaymentState */
  gint8 satisfaction;      /* McSatisfaction */
  gint8 citizen_data;      /* McFlag, and the facts below (McDossierFacts) */
  gint8 reused;
  gint8 from_store;
  gint8 digitised;
  gint8 e_result;
  guint8 n_supplements;    /* supplement requests */
  gboolean supplement_open; /* the last request is still waiting for the citizen */
  gboolean due_computed;   /* no NgayHenTra: due_at is the procedure's duration from receipt */
  gint64 received_at;      /* NgayTiepNhan */
  gint64 due_at;           /* NgayHenTra */
  gint64 end_at;           /* NgayKetThucXuLy, else NgayTra */
  gint64 supplement_at;    /* the first request */
  gint64 paused;           /* seconds the clock stood for completed supplements */
} McReportRow;

typedef struct
{
  GArray *rows;            /* McReportRow */
  GPtrArray *sources;      /* char *: source ids */
  GPtrArray *procedures;   /* char *: MaTTHC */
  GPtrArray *fields;       /* char *: the lĩnh vực's name, else the MaLinhVuc sent ("" when none) */
  GHashTable *index[3];    /* text → index + 1, of the three tables above (keys theirs) */
  gint64 now;              /* what "still open" is measured against in a current period */
} McReportData;

McReportData *mc_report_data_new       (gint64        now);
void          mc_report_data_free      (McReportData *self);
guint32       mc_report_data_intern    (McReportData *self,
                                        char          table,
                                        const char   *text);
McReportRow  *mc_report_data_add       (McReportData *self,
                                        const char   *source_id,
                                        const char   *procedure_code,
                                        const char   *field_code);
void          mc_report_data_append    (McReportData *self,
                                        McReportData *other);
void          mc_report_data_complete  (McReportData *self);
int           mc_report_data_find      (McReportData *self,
                                        char          table,
                                        const char   *text);
const char   *mc_report_procedure_field (const char *code);
char         *mc_report_field_title    (const McReportData *data,
                                        guint               field);

/* Which dossiers a report counts: every field optional (-1 = any). */
typedef struct
{
  int source;
  int procedure;
} McReportFilter;

#define MC_REPORT_FILTER_ALL ((McReportFilter) { -1, -1 })

/* The 766 indicators (data/report-766.tsv). */
typedef enum
{
  MC_COMPUTED_PORTAL,      /* only the national portal can compute it */
  MC_COMPUTED_LOCAL,
  MC_COMPUTED_PARTIAL,     /* a part of it: the points are an upper bound */
} McComputed;

typedef enum
{
  MC_IND_2_1, MC_IND_2_2, MC_IND_3_3, MC_IND_3_6, MC_IND_4_1, MC_IND_4_2, MC_IND_4_3, MC_IND_4_4,
  MC_IND_4_5B, MC_IND_5_4,
  MC_N_LOCAL_INDICATORS,
} McIndicatorId;

#define MC_REPORT_N_GROUPS 6

typedef struct
{
  char *id;                /* "2.1" */
  int group;               /* 1–6 */
  double points;           /* the maximum */
  double threshold;        /* a ratio 0–1; 0 = not stated: points proportional */
  McComputed computed;
  char *official_name;     /* Vietnamese, as the portal names it */
  char *provenance;
  int local;               /* its McIndicatorId, -1 for the portal's */
} McIndicator;

guint              mc_report_get_n_indicators (void);
const McIndicator *mc_report_get_indicator    (guint          index);
const McIndicator *mc_report_local_indicator  (McIndicatorId  id);
const char        *mc_report_indicator_label  (const McIndicator *indicator);
const char        *mc_report_group_label      (int            group);
const char        *mc_report_group_official_name (int         group);
double             mc_report_group_points     (int            group);
double             mc_report_score            (const McIndicator *indicator,
                                               double         ratio);
char              *mc_report_scope_label      (const char    *period,
                                               const char    *system,
                                               const char    *procedure_code);

/* What a drill-down lists: the dossiers in an indicator's denominator, in its numerator, or
 * the ones in the denominator that are not in the numerator (the late ones, the ones not
 * digitised: what costs points). */
typedef enum
{
  MC_DRILL_DENOMINATOR,
  MC_DRILL_NUMERATOR,
  MC_DRILL_MISSED,
} McDrill;

typedef struct
{
  gint64 numerator;
  gint64 denominator;      /* dossiers the rule counts whose data is known */
  gint64 scope;            /* every dossier the rule counts, known or not */
  double ratio;            /* NAN when nothing to count ("—") */
  double points;           /* NAN with the ratio */
  double value;            /* 2.2: average days; else the ratio */
} McIndicatorValue;

typedef struct
{
  McIndicatorValue values[MC_N_LOCAL_INDICATORS];
  double group_points[MC_REPORT_N_GROUPS + 1];  /* [g]: the locally computed points of group g, NAN
                                                 * when none of its indicators had data ("—") */
  double group_max[MC_REPORT_N_GROUPS + 1];     /* [g]: the points of group g computed locally */
  double total;            /* points computed locally */
  double total_max;
  gint64 channel[4];       /* received in the period, by KenhThucHien (1 in person, 2 online, 3 post) */
} McReport766;

void      mc_report_766_compute (const McReportData   *data,
                                 const McReportPeriod *period,
                                 McReportFilter        filter,
                                 McReport766          *out);
GArray   *mc_report_766_dossiers (const McReportData  *data,
                                 const McReportPeriod *period,
                                 McReportFilter        filter,
                                 McIndicatorId         indicator,
                                 McDrill               drill);

/* Biểu 06: columns 3–13 of a row; cells[0] is column 3. */
#define MC_BIEU06_N_COUNTS 11

typedef enum
{
  MC_BIEU06_BY_FIELD,      /* a row per lĩnh vực (MaLinhVuc) under its ministry */
  MC_BIEU06_BY_SOURCE,     /* a row per ministry system */
} McBieu06Rows;

typedef struct
{
  int source;              /* the ministry (index in sources); -1 on the total row */
  int field;               /* the lĩnh vực (index in fields); -1 on a ministry's or the total row */
  gint64 cells[MC_BIEU06_N_COUNTS];
} McBieu06Row;

typedef struct
{
  gint64 from;             /* 00:00 of the first day */
  gint64 to;               /* 00:00 of the day after the last */
  GArray *rows;            /* McBieu06Row: per ministry its lĩnh vực (BY_FIELD), then the total */
} McBieu06;

McBieu06 *mc_report_bieu06_compute  (const McReportData *data,
                                     gint64              from,
                                     gint64              to,
                                     McBieu06Rows        by);
void      mc_report_bieu06_free     (McBieu06           *self);
gboolean  mc_report_bieu06_check    (const McBieu06     *self,
                                     GError            **error);
GArray   *mc_report_bieu06_dossiers (const McReportData *data,
                                     gint64              from,
                                     gint64              to,
                                     int                 source,
                                     int                 field,
                                     int                 column);
const char *mc_bieu06_column_title  (int                 column);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McReportData, mc_report_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McBieu06, mc_report_bieu06_free)

G_END_DECLS
