/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sample-private.h"

/* The people of the sample commune, as shared/domain/sample-realism.md describes them: names
 * by the commune's ethnic mix and each person's age (§1), 12-digit ID numbers that agree with
 * the birthplace, sex and year of birth (§2), real mobile prefixes in realistic shares (§3),
 * and addresses in the commune's own hamlets, written the post-2025 way (§4). */

/* §3.1: the mobile prefixes of each carrier. */
static const char *viettel[] = { "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098" };
static const char *vinaphone[] = { "081", "082", "083", "084", "085", "088", "091", "094" };
static const char *mobifone[] = { "070", "076", "077", "078", "079", "089", "090", "093" };
static const char *others[] = { "052", "056", "058", "092", "059", "099", "055", "087" };

#define PICK(r, array) (array[mc_sample_rng_below ((r), G_N_ELEMENTS (array))])

static const char *
cohort (int birth_year)
{
  return birth_year < 1975 ? "_old" : birth_year < 2007 ? "_mid" : "_young";
}

/* A part of the profile's names for the person's cohort, falling back to the plain part. */
static const char *
pick_part (const char  *profile,
           const char  *part,
           const char  *suffix,
           McSampleRng *r)
{
  g_autofree char *key = g_strconcat (part, suffix, NULL);
  const McSampleTable *t = mc_sample_data_names (profile, key);

  if (t == NULL && !(t = mc_sample_data_names (profile, part)))
    g_error ("sample-names.tsv: no %s for %s", part, profile);
  return mc_sample_table_pick (t, r);
}

static char *
join_words (const char *first,
            ...) G_GNUC_NULL_TERMINATED;

/* The words that are not empty, separated by spaces. */
static char *
join_words (const char *first,
            ...)
{
  GString *s = g_string_new (NULL);
  va_list ap;

  va_start (ap, first);
  for (const char *w = first; w != NULL; w = va_arg (ap, const char *))
    if (*w)
      g_string_append_printf (s, "%s%s", s->len ? " " : "", w);
  va_end (ap);
  return g_string_free (s, FALSE);
}

/* A name as the person's group writes it: Kinh order "Họ Đệm Tên"; H'Mông with A/Seo or
 * Thị/Mí; Ê Đê "Y/H' Tên Họ", given name first; Ba Na and Xơ Đăng "A/Y Tên" without a
 * surname; Khmer surnames with a two-syllable given name, Chau/Néang in An Giang. */
static char *
name_for_profile (const char  *profile,
                  McSampleRng *r,
                  gboolean     female,
                  int          birth_year)
{
  const char *pattern = mc_sample_data_pattern (profile);
  const char *sex = female ? "female" : "male";
  const char *suffix = cohort (birth_year);
  g_autofree char *given_part = g_strconcat (sex, "_given", NULL);
  g_autofree char *middle_part = g_strconcat (sex, "_middle", NULL);
  const char *given_suffix = birth_year < 1975 ? "_old" : birth_year >= 2007 ? "_young" : "";
  const char *given = pick_part (profile, given_part, given_suffix, r);

  if (g_str_equal (pattern, "ede"))
    return g_strdup_printf ("%s%s %s", female ? "H'" : "Y ", given, pick_part (profile, "surname", "", r));
  if (g_str_equal (pattern, "jrai"))
    return g_strdup_printf ("%s %s%s", pick_part (profile, "surname", "", r), female ? "H'" : "", given);
  if (g_str_equal (pattern, "bahnar"))
    return g_strdup_printf ("%s %s", female ? "Y" : "A", given);
  if (g_str_equal (pattern, "mnong"))
    return g_strdup_printf ("%s%s", female ? (mc_sample_rng_below (r, 2) ? "Thị " : "H'")
                                           : (mc_sample_rng_below (r, 5) < 2 ? "Điểu " : "Y "), given);
  if (g_str_equal (pattern, "khmer-angiang") && mc_sample_rng_percent (r, 70))
    return g_strdup_printf ("%s %s", female ? "Néang" : "Chau", given);
  if (g_str_equal (pattern, "khmer") || g_str_equal (pattern, "khmer-angiang"))
    return join_words (pick_part (profile, "surname", "", r),
                       female && mc_sample_rng_below (r, 2) ? "Thị" : "", given, NULL);
  if (g_str_equal (pattern, "hmong"))
    return join_words (pick_part (profile, "surname", "", r), pick_part (profile, middle_part, "", r), given, NULL);
  return join_words (pick_part (profile, "surname", "", r), pick_part (profile, middle_part, suffix, r), given, NULL);
}

char *
mc_sample_name (const McSampleCommuneData *commune,
                McSampleRng               *r,
                gboolean                   female,
                int                        birth_year)
{
  return name_for_profile (mc_sample_table_pick (commune->profiles, r), r, female, birth_year);
}

/* A hamlet of the commune as an address writes it after a comma: "thôn Đông", "bản 3". */
char *
mc_sample_hamlet (const McSampleCommuneData *commune,
                  McSampleRng               *r)
{
  const McSampleHamlets *h = g_ptr_array_index (commune->hamlets, mc_sample_rng_below (r, commune->hamlets->len));

  return g_strdup_printf ("%s %s", h->word, (char *) g_ptr_array_index (h->names, mc_sample_rng_below (r, h->names->len)));
}

/* "thôn Đông" → "Thôn Đông": the first part of an address. */
char *
mc_sample_capitalize (const char *text)
{
  char first[8] = { 0 };

  g_unichar_to_utf8 (g_unichar_toupper (g_utf8_get_char (text)), first);
  return g_strconcat (first, g_utf8_next_char (text), NULL);
}

/* §3.1: Viettel about half the market, more in the mountains. */
static char *
mobile (McSampleRng *r,
        gboolean     mountain)
{
  guint x = mc_sample_rng_below (r, 100);
  const char *prefix = x < (mountain ? 65u : 50u) ? PICK (r, viettel)
                     : x < (mountain ? 82u : 75u) ? PICK (r, vinaphone)
                     : x < 95 ? PICK (r, mobifone) : PICK (r, others);

  return g_strdup_printf ("%s%07u", prefix, mc_sample_rng_below (r, 10000000));
}

/* §3.2: a landline of the former province, for organisations and the office itself:
 * 024/028 + 8 digits in the two big cities, a 4-digit code + 7 digits elsewhere. */
char *
mc_sample_landline (const McSampleCommuneData *commune,
                    McSampleRng               *r)
{
  if (strlen (commune->pub.area_code) == 3)
    return g_strdup_printf ("%s3%07u", commune->pub.area_code, mc_sample_rng_below (r, 10000000));
  return g_strdup_printf ("%s3%06u", commune->pub.area_code, mc_sample_rng_below (r, 1000000));
}

/* A mountain or ethnic-minority commune: fewer than six in ten people are Kinh. */
gboolean
mc_sample_commune_is_minority (const McSampleCommuneData *commune)
{
  const McSampleTable *t = commune->profiles;
  double kinh = 0, last = 0;

  for (guint i = 0; i < t->values->len; i++)
    {
      double c = g_array_index (t->cumulative, double, i);

      if (g_str_has_prefix (g_ptr_array_index (t->values, i), "kinh"))
        kinh += c - last;
      last = c;
    }
  return kinh < last * 0.6;
}

/* The person filing dossier @index in @year: of the commune (one in twenty from a
 * neighbouring one), aged @age_min to @age_max in that year. */
void
mc_sample_person_make (McSamplePerson            *person,
                       const McSampleCommuneData *commune,
                       McSampleRng               *r,
                       guint64                    index,
                       int                        year,
                       int                        age_min,
                       int                        age_max)
{
  int age = age_min + (int) mc_sample_rng_below (r, (guint) (age_max - age_min + 1));
  const char *birthplace = commune->pub.old_code;
  g_autofree char *hamlet = NULL;
  g_autofree char *street = NULL;

  person->female = mc_sample_rng_below (r, 2);
  person->birth_year = year - age;
  person->name = mc_sample_name (commune, r, person->female, person->birth_year);
  /* §2.2: most adults were born in the province that now holds the commune; children born
   * after 2016 almost all. The code is the old province's, whatever the address says. */
  if (person->birth_year < 2016 && commune->migrants[0] != NULL && mc_sample_rng_percent (r, 12))
    birthplace = commune->migrants[mc_sample_rng_below (r, g_strv_length (commune->migrants))];
  /* §2.1: century and sex, year of birth, six digits that differ from one dossier to the
   * next (a permutation of the index: no two people share a number). */
  person->id_number = g_strdup_printf ("%s%d%02d%06" G_GUINT64_FORMAT, birthplace,
                                       (person->birth_year >= 2000 ? 2 : 0) + person->female,
                                       person->birth_year % 100,
                                       (index * G_GUINT64_CONSTANT (7919) + 104729) % 1000000);
  /* About one elder in ten gives no phone. */
  person->phone = age >= 70 && mc_sample_rng_percent (r, 10) ? g_strdup ("")
                                                             : mobile (r, mc_sample_commune_is_minority (commune));
  if (mc_sample_rng_percent (r, 5) && commune->neighbours[0] != NULL)
    {
      /* A neighbouring commune's hamlets are not in the data: numbered ones, of the region's word. */
      const McSampleHamlets *h = g_ptr_array_index (commune->hamlets, 0);
      const char *neighbour = commune->neighbours[mc_sample_rng_below (r, g_strv_length (commune->neighbours))];

      hamlet = g_strdup_printf ("%s %u", h->word, 1 + mc_sample_rng_below (r, 9));
      street = mc_sample_capitalize (hamlet);
      person->address = g_strdup_printf ("%s, %s %s, %s", street, commune->pub.kind, neighbour, commune->pub.province);
      return;
    }
  hamlet = mc_sample_hamlet (commune, r);
  /* House numbers in the lowland hamlets; not in a bản, buôn or làng. */
  if ((g_str_has_prefix (hamlet, "thôn") || g_str_has_prefix (hamlet, "ấp") || g_str_has_prefix (hamlet, "khu")
       || g_str_has_prefix (hamlet, "xóm") || g_str_has_prefix (hamlet, "khóm")) && mc_sample_rng_percent (r, 20))
    street = g_strdup_printf ("Số %u, %s", 1 + mc_sample_rng_below (r, 150), hamlet);
  else
    street = mc_sample_capitalize (hamlet);
  person->address = g_strdup_printf ("%s, %s, %s", street, commune->pub.commune, commune->pub.province);
}

void
mc_sample_person_clear (McSamplePerson *person)
{
  g_clear_pointer (&person->name, g_free);
  g_clear_pointer (&person->id_number, g_free);
  g_clear_pointer (&person->phone, g_free);
  g_clear_pointer (&person->address, g_free);
}
