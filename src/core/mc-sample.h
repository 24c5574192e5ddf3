/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-dossier.h"
#include "mc-source.h"

G_BEGIN_DECLS

#define MC_SAMPLE_DEFAULT_SEED 20260423
/* The training sample's size: one commune's work over about a year and a half. */
#define MC_SAMPLE_DEFAULT_DOSSIERS 2000

/* The commune a sample profile is (one per seed): one of data/sample-communes.tsv. */
typedef struct
{
  char *province_code;  /* "38", of the 34 */
  char *province;       /* "tỉnh Thanh Hóa", as an address writes it */
  char *old_code;       /* "038": the former province, the ID-number prefix of people born there */
  char *kind;           /* "xã" or "phường" */
  char *name;           /* "Ngọc Lặc" */
  char *commune;        /* "xã Ngọc Lặc" */
  char *area_code;      /* landline code: "0237" */
} McSampleCommune;

const McSampleCommune *mc_sample_commune       (guint64     seed);
const McSampleCommune *mc_sample_find_commune  (const char *commune,
                                                const char *province);

/* The office settings (mc-store-settings.c keys) of the sample commune of @seed. */
typedef struct
{
  const char *key;
  char *value;
} McSampleSetting;

GPtrArray *mc_sample_office_settings (guint64 seed);

/* The plan of a sample of @n_dossiers ending at @now: the span of time it covers (about a
 * real commune's volume per week, back to the merger of July 2025 at most) and the weekly
 * volume of each procedure. Immutable; dossier @index is a pure function of the plan, so the
 * simulator can serve dossier 731,204 without making the 731,203 before it. */
typedef struct _McSample McSample;

McSample              *mc_sample_new          (guint64     seed,
                                               guint64     n_dossiers,
                                               gint64      now);
McSample              *mc_sample_new_for      (guint64            seed,
                                               guint64            n_dossiers,
                                               gint64             now,
                                               const char *const *ministries);
void                   mc_sample_free         (McSample   *self);
const McSampleCommune *mc_sample_get_commune  (McSample   *self);
McDossier             *mc_sample_make         (McSample   *self,
                                               guint64     index);
McDossier             *mc_sample_make_submission (McSample *self,
                                               guint64     index,
                                               gint64      at);
/* The first dossier from *@index on whose life (to the plan's "now") passes through @status, in
 * @source_id unless NULL, as it stood just after entering it; *@index moves past it. NULL if a
 * million lives never do. For tests wanting a status the sample seldom holds at "now". */
McDossier             *mc_sample_make_in      (McSample   *self,
                                               guint64    *index,
                                               McStatus    status,
                                               const char *source_id);

/* Dossier @index of the default-size sample of @seed ending at @now. */
McDossier *mc_sample_dossier (guint64 seed,
                              guint64 index,
                              gint64  now);
GPtrArray *mc_sample_sources (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSample, mc_sample_free)

G_END_DECLS
