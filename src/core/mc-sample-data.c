/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mc-sample-private.h"
#include "mc-tsv.h"

/* The reference data of the sample generator, read once from the files compiled into the
 * core and never changed afterwards, so that threads (the simulator's, the command line's)
 * share it: the communes (data/sample-communes.tsv), the names (data/sample-names.tsv), how
 * often each procedure comes (data/sample-mix.tsv) and the ID-number province codes
 * (data/id-province-codes.tsv). A broken file is a programming error: it aborts with the
 * reason, as the catalog does. */

typedef struct
{
  GPtrArray *communes;     /* McSampleCommuneData* */
  GPtrArray *mix;          /* McSampleMix* */
  GHashTable *mix_by_code; /* code → McSampleMix* */
  GHashTable *names;       /* "profile/part" → McSampleTable* */
  GHashTable *bases;       /* profile → base profile */
  GHashTable *patterns;    /* profile → pattern */
  GHashTable *old_provinces; /* old code → name */
} SampleData;

guint64
mc_sample_rng_next (McSampleRng *r)
{
  guint64 z = (r->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

guint
mc_sample_rng_below (McSampleRng *r,
                     guint        n)
{
  return n ? (guint) (mc_sample_rng_next (r) % n) : 0;
}

gboolean
mc_sample_rng_percent (McSampleRng *r,
                       double       percent)
{
  return (mc_sample_rng_next (r) >> 11) * (100.0 / 9007199254740992.0) < percent;
}

static McSampleTable *
table_new (void)
{
  McSampleTable *t = g_new0 (McSampleTable, 1);

  t->values = g_ptr_array_new_with_free_func (g_free);
  t->cumulative = g_array_new (FALSE, FALSE, sizeof (double));
  return t;
}

static void
table_add (McSampleTable *t,
           const char    *value,
           double         weight)
{
  double total = t->cumulative->len ? g_array_index (t->cumulative, double, t->cumulative->len - 1) : 0;

  total += weight;
  g_ptr_array_add (t->values, g_strdup (value));
  g_array_append_val (t->cumulative, total);
}

const char *
mc_sample_table_pick (const McSampleTable *table,
                      McSampleRng         *r)
{
  double total = g_array_index (table->cumulative, double, table->cumulative->len - 1);
  double x = (mc_sample_rng_next (r) >> 11) * (total / 9007199254740992.0);
  guint lo = 0, hi = table->cumulative->len - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (g_array_index (table->cumulative, double, mid) > x)
        hi = mid;
      else
        lo = mid + 1;
    }
  return g_ptr_array_index (table->values, lo);
}

gboolean
mc_sample_table_has (const McSampleTable *table,
                     const char          *value)
{
  for (guint i = 0; i < table->values->len; i++)
    if (g_str_equal (g_ptr_array_index (table->values, i), value))
      return TRUE;
  return FALSE;
}

static GPtrArray *
load (const char *file,
      guint       columns)
{
  g_autofree char *path = g_strconcat ("/io/github/motcua/core/", file, NULL);
  g_autoptr(GError) error = NULL;
  GPtrArray *rows = mc_tsv_load_resource (path, columns, &error);

  if (rows == NULL)
    g_error ("%s: %s", file, error->message);
  return rows;
}

/* "thôn=Đông,Đoài;buôn=#1-6" */
static GPtrArray *
parse_hamlets (const char *text)
{
  GPtrArray *groups = g_ptr_array_new ();
  g_auto(GStrv) parts = g_strsplit (text, ";", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (parts[i], "=", 2);
      McSampleHamlets *h = g_new0 (McSampleHamlets, 1);
      int first, last;

      if (g_strv_length (kv) != 2)
        g_error ("sample-communes.tsv: bad hamlets “%s”", parts[i]);
      h->word = g_strdup (kv[0]);
      h->names = g_ptr_array_new_with_free_func (g_free);
      if (sscanf (kv[1], "#%d-%d", &first, &last) == 2)
        for (int n = first; n <= last; n++)
          g_ptr_array_add (h->names, g_strdup_printf ("%d", n));
      else
        {
          g_auto(GStrv) names = g_strsplit (kv[1], ",", -1);

          for (guint k = 0; names[k] != NULL; k++)
            g_ptr_array_add (h->names, g_strdup (names[k]));
        }
      g_ptr_array_add (groups, h);
    }
  return groups;
}

/* "Tỉnh Thanh Hóa" → "tỉnh Thanh Hóa", as an address writes it after a comma. */
static char *
lower_first_word (const char *name)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_tolower (g_utf8_get_char (name)), first);
  return g_strconcat (first, g_utf8_next_char (name), NULL);
}

static const char *
pattern_of (SampleData *data,
            const char *profile)
{
  while (profile != NULL)
    {
      const char *pattern = g_hash_table_lookup (data->patterns, profile);

      if (pattern != NULL)
        return pattern;
      profile = g_hash_table_lookup (data->bases, profile);
    }
  return NULL;
}

static void
load_communes (SampleData *data)
{
  g_autoptr(GPtrArray) rows = load ("sample-communes.tsv", 9);
  McCatalog *catalog = mc_catalog_get_default ();

  data->communes = g_ptr_array_new ();
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      McSampleCommuneData *c = g_new0 (McSampleCommuneData, 1);
      const char *province = mc_catalog_province_name (catalog, f[0]);
      g_auto(GStrv) profiles = g_strsplit (f[7], ",", -1);

      if (province == NULL || !g_hash_table_contains (data->old_provinces, f[1]))
        g_error ("sample-communes.tsv: unknown province %s / %s", f[0], f[1]);
      c->pub.province_code = g_strdup (f[0]);
      c->pub.province = lower_first_word (province);
      c->pub.old_code = g_strdup (f[1]);
      c->pub.kind = g_strdup (f[2]);
      c->pub.name = g_strdup (f[3]);
      c->pub.commune = g_strdup_printf ("%s %s", f[2], f[3]);
      c->pub.area_code = g_strdup (f[4]);
      c->neighbours = g_strsplit (f[5], ",", -1);
      c->hamlets = parse_hamlets (f[6]);
      c->profiles = table_new ();
      for (guint k = 0; profiles[k] != NULL; k++)
        {
          g_auto(GStrv) pw = g_strsplit (profiles[k], ":", 2);

          if (g_strv_length (pw) != 2 || pattern_of (data, pw[0]) == NULL)
            g_error ("sample-communes.tsv: bad name profile “%s”", profiles[k]);
          table_add (c->profiles, pw[0], g_ascii_strtod (pw[1], NULL));
        }
      c->migrants = g_strsplit (f[8], ",", -1);
      g_ptr_array_add (data->communes, c);
    }
}

static McApplicantKind
parse_org_kind (const char *text)
{
  if (g_str_equal (text, "enterprise"))
    return MC_APPLICANT_ENTERPRISE;
  if (g_str_equal (text, "agency"))
    return MC_APPLICANT_STATE_AGENCY;
  return MC_APPLICANT_OTHER_ORGANIZATION;
}

/* "6,7:60,8:20": every month listed takes the factor that follows it. */
static void
parse_months (const char *text,
              double     *factors,
              double      fallback)
{
  g_auto(GStrv) groups = g_strsplit (text, ",", -1);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (int));

  for (int m = 1; m <= 12; m++)
    factors[m] = fallback;
  for (guint i = 0; groups[i] != NULL && *groups[i]; i++)
    {
      char *colon = strchr (groups[i], ':');
      int month = atoi (groups[i]);

      if (month < 1 || month > 12)
        g_error ("sample-mix.tsv: bad month in “%s”", text);
      g_array_append_val (pending, month);
      if (colon != NULL)
        {
          for (guint k = 0; k < pending->len; k++)
            factors[g_array_index (pending, int, k)] = g_ascii_strtod (colon + 1, NULL);
          g_array_set_size (pending, 0);
        }
    }
  for (guint k = 0; k < pending->len; k++)  /* "only" lists months without a factor */
    factors[g_array_index (pending, int, k)] = 1;
}

static void
load_mix (SampleData *data)
{
  g_autoptr(GPtrArray) rows = load ("sample-mix.tsv", 10);
  McCatalog *catalog = mc_catalog_get_default ();

  data->mix = g_ptr_array_new ();
  data->mix_by_code = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      McSampleMix *m = g_new0 (McSampleMix, 1);
      double only[13];

      if (!(m->procedure = mc_catalog_lookup (catalog, f[0])))
        g_error ("sample-mix.tsv: %s is not in the catalog", f[0]);
      m->weekly = g_ascii_strtod (f[1], NULL);
      parse_months (f[2], m->peak, 1);
      parse_months (f[3], only, *f[3] ? 0 : 1);
      for (int k = 1; k <= 12; k++)
        m->only[k] = only[k] > 0;
      if (*f[4] && sscanf (f[4], "%d-%d", &m->age_min, &m->age_max) != 2)
        g_error ("sample-mix.tsv: bad age range for %s", f[0]);
      m->org_percent = g_ascii_strtod (f[5], NULL);
      m->org_kind = parse_org_kind (f[6]);
      m->org_name = g_strdup (f[7]);
      m->online_percent = g_ascii_strtod (f[8], NULL);
      {
        g_auto(GStrv) result = g_strsplit (f[9], ";", 2);

        if (g_strv_length (result) != 2)
          g_error ("sample-mix.tsv: bad result for %s", f[0]);
        m->result_name = g_strdup (result[0]);
        m->result_suffix = g_strdup (result[1]);
      }
      if ((m->org_percent > 0 && !mc_procedure_accepts (m->procedure, m->org_kind))
          || (m->org_percent < 100 && !mc_procedure_accepts (m->procedure, MC_APPLICANT_CITIZEN))
          || (m->org_percent < 100 && m->age_max == 0))
        g_error ("sample-mix.tsv: applicants of %s disagree with the catalog", f[0]);
      g_ptr_array_add (data->mix, m);
      g_hash_table_insert (data->mix_by_code, m->procedure->code, m);
    }
}

static void
load_names (SampleData *data)
{
  g_autoptr(GPtrArray) rows = load ("sample-names.tsv", 4);

  data->names = g_hash_table_new (g_str_hash, g_str_equal);
  data->bases = g_hash_table_new (g_str_hash, g_str_equal);
  data->patterns = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      char *key;
      McSampleTable *t;

      if (g_str_equal (f[1], "base"))
        {
          g_hash_table_insert (data->bases, g_strdup (f[0]), g_strdup (f[2]));
          continue;
        }
      if (g_str_equal (f[1], "pattern"))
        {
          g_hash_table_insert (data->patterns, g_strdup (f[0]), g_strdup (f[2]));
          continue;
        }
      key = g_strconcat (f[0], "/", f[1], NULL);
      if (!(t = g_hash_table_lookup (data->names, key)))
        g_hash_table_insert (data->names, g_strdup (key), t = table_new ());
      table_add (t, g_str_equal (f[2], "-") ? "" : f[2], g_ascii_strtod (f[3], NULL));
      g_free (key);
    }
}

static void
load_old_provinces (SampleData *data)
{
  g_autoptr(GPtrArray) rows = load ("id-province-codes.tsv", 3);

  data->old_provinces = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);

      g_hash_table_insert (data->old_provinces, g_strdup (f[0]), g_strdup (f[1]));
    }
}

/* The process-wide data, loaded on first use; immutable afterwards. */
static SampleData *
sample_data (void)
{
  static gsize initialized;
  static SampleData data;

  if (g_once_init_enter (&initialized))
    {
      load_old_provinces (&data);
      load_names (&data);
      load_communes (&data);
      load_mix (&data);
      g_once_init_leave (&initialized, 1);
    }
  return &data;
}

guint
mc_sample_data_n_communes (void)
{
  return sample_data ()->communes->len;
}

const McSampleCommuneData *
mc_sample_data_commune (guint index)
{
  return g_ptr_array_index (sample_data ()->communes, index);
}

guint
mc_sample_data_n_mix (void)
{
  return sample_data ()->mix->len;
}

const McSampleMix *
mc_sample_data_mix (guint index)
{
  return g_ptr_array_index (sample_data ()->mix, index);
}

const McSampleMix *
mc_sample_data_mix_lookup (const char *code)
{
  return code ? g_hash_table_lookup (sample_data ()->mix_by_code, code) : NULL;
}

/* Follows the profile's base ("kinh-south" → "kinh") for the parts it does not list itself. */
const McSampleTable *
mc_sample_data_names (const char *profile,
                      const char *part)
{
  SampleData *data = sample_data ();

  while (profile != NULL)
    {
      g_autofree char *key = g_strconcat (profile, "/", part, NULL);
      McSampleTable *t = g_hash_table_lookup (data->names, key);

      if (t != NULL)
        return t;
      profile = g_hash_table_lookup (data->bases, profile);
    }
  return NULL;
}

const char *
mc_sample_data_pattern (const char *profile)
{
  return pattern_of (sample_data (), profile);
}

/* Whether @surname is one of @profile's (its own list, or its base's when it has none). */
gboolean
mc_sample_data_is_surname (const char *profile,
                           const char *surname)
{
  const McSampleTable *t = mc_sample_data_names (profile, "surname");

  return t != NULL && mc_sample_table_has (t, surname);
}

const char *
mc_sample_data_old_province (const char *old_code)
{
  return old_code ? g_hash_table_lookup (sample_data ()->old_provinces, old_code) : NULL;
}
