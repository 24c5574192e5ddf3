/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-catalog.h"
#include "mc-sample.h"

G_BEGIN_DECLS

/* The parts of the sample generator shared between its files: the random numbers, the
 * reference data (data/sample-*.tsv) and the people of the commune. */

/* splitmix64: tiny, fast, and the same on every platform (GRand's output is not promised to
 * stay the same across GLib versions). */
typedef struct
{
  guint64 state;
} McSampleRng;

guint64  mc_sample_rng_next    (McSampleRng *r);
guint    mc_sample_rng_below   (McSampleRng *r,
                                guint        n);
gboolean mc_sample_rng_percent (McSampleRng *r,
                                double       percent);

/* A weighted list of strings, drawn by weight. */
typedef struct
{
  GPtrArray *values;  /* char*, owned */
  GArray *cumulative; /* double */
} McSampleTable;

const char *mc_sample_table_pick (const McSampleTable *table,
                                  McSampleRng         *r);
gboolean    mc_sample_table_has  (const McSampleTable *table,
                                  const char          *value);

/* One hamlet word with the hamlets of the commune that use it. */
typedef struct
{
  char *word;        /* thôn, bản, ấp, … */
  GPtrArray *names;  /* "Đông", "3", … */
} McSampleHamlets;

/* The commune as data/sample-communes.tsv describes it (the public McSampleCommune first). */
typedef struct
{
  McSampleCommune pub;
  GPtrArray *hamlets;     /* McSampleHamlets* */
  GStrv neighbours;
  McSampleTable *profiles; /* name profile ids by share */
  GStrv migrants;          /* former-province codes of people born elsewhere */
} McSampleCommuneData;

/* How a commune receives one procedure (data/sample-mix.tsv). */
typedef struct
{
  const McProcedure *procedure;
  double weekly;
  double peak[13];         /* factor per month, 1 = ordinary */
  gboolean only[13];       /* months it is filed in (all TRUE when the whole year) */
  int age_min, age_max;    /* of a citizen applicant; 0, 0 when none applies */
  double org_percent;
  McApplicantKind org_kind;
  char *org_name;          /* with {hamlet}, {commune}, {place} */
  double online_percent;
  char *result_name;       /* what the dossier ends with */
  char *result_suffix;     /* of its number ("QĐ-UBND"); "" when it has none */
} McSampleMix;

const McSampleCommuneData *mc_sample_data_commune    (guint               index);
guint                      mc_sample_data_n_communes (void);
guint                      mc_sample_data_n_mix      (void);
const McSampleMix         *mc_sample_data_mix        (guint               index);
const McSampleMix         *mc_sample_data_mix_lookup (const char         *code);
const McSampleTable       *mc_sample_data_names      (const char         *profile,
                                                      const char         *part);
const char                *mc_sample_data_pattern    (const char         *profile);
gboolean                   mc_sample_data_is_surname (const char         *profile,
                                                      const char         *surname);
const char                *mc_sample_data_old_province (const char       *old_code);

guint mc_sample_commune_index (guint64                    seed);
void  mc_sample_officials     (const McSampleCommuneData *commune,
                               guint64                    seed,
                               char                      *out[4]);

/* A person of the commune (or of a neighbouring one). */
typedef struct
{
  char *name;
  gboolean female;
  int birth_year;
  char *id_number;
  char *phone;       /* "" when none */
  char *address;
} McSamplePerson;

void mc_sample_person_make  (McSamplePerson            *person,
                             const McSampleCommuneData *commune,
                             McSampleRng               *r,
                             guint64                    index,
                             int                        year,
                             int                        age_min,
                             int                        age_max);
void mc_sample_person_clear (McSamplePerson            *person);
char *mc_sample_name        (const McSampleCommuneData *commune,
                             McSampleRng               *r,
                             gboolean                   female,
                             int                        birth_year);
char *mc_sample_hamlet      (const McSampleCommuneData *commune,
                             McSampleRng               *r);
gboolean mc_sample_commune_is_minority (const McSampleCommuneData *commune);
char *mc_sample_capitalize  (const char                *text);
char *mc_sample_landline    (const McSampleCommuneData *commune,
                             McSampleRng               *r);

G_END_DECLS
