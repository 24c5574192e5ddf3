/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-sample-private.h"

/* The commune of a sample: which one a seed makes, its officials, its office settings, and
 * the ministry systems a sample profile has. */

/* The officials who act in the commune's histories, from its own people: two at the counter,
 * the culture–society official, the leader who signs. */
void
mc_sample_officials (const McSampleCommuneData *commune,
                     guint64                    seed,
                     char                      *out[4])
{
  McSampleRng r = { seed ^ G_GUINT64_CONSTANT (0x0ff1c1a1) };

  for (guint i = 0; i < 4; i++)
    out[i] = mc_sample_name (commune, &r, i % 2 == 0, 1975 + (int) mc_sample_rng_below (&r, 20));
}

guint
mc_sample_commune_index (guint64 seed)
{
  McSampleRng r = { seed ^ G_GUINT64_CONSTANT (0xc0111e) };

  return mc_sample_rng_below (&r, mc_sample_data_n_communes ());
}

const McSampleCommune *
mc_sample_commune (guint64 seed)
{
  return &mc_sample_data_commune (mc_sample_commune_index (seed))->pub;
}

/* The sample commune named @commune ("xã Ngọc Lặc") in @province ("tỉnh Thanh Hóa"), or NULL. */
const McSampleCommune *
mc_sample_find_commune (const char *commune,
                        const char *province)
{
  for (guint i = 0; commune && province && i < mc_sample_data_n_communes (); i++)
    {
      const McSampleCommune *c = &mc_sample_data_commune (i)->pub;

      if (g_str_equal (c->commune, commune) && g_str_equal (c->province, province))
        return c;
    }
  return NULL;
}

/* The office settings */

static char *
upper (const char *text)
{
  return g_utf8_strup (text, -1);
}

/* "02373812345" → "0237 3812 345", "02438123456" → "024 3812 3456". */
static char *
format_landline (const char *digits)
{
  gsize code = g_str_has_prefix (digits, "024") || g_str_has_prefix (digits, "028") ? 3 : 4;

  return g_strdup_printf ("%.*s %.4s %s", (int) code, digits, digits + code, digits + code + 4);
}

/* Returns: (transfer full) (element-type McSampleSetting): the office settings of the
 * sample commune of @seed: the commune's People's Committee over its public-service centre
 * (the one-stop unit of a commune since July 2025), its place, address and telephone, and the
 * official who works in the profile. */
static void
setting_free (McSampleSetting *setting)
{
  g_free (setting->value);
  g_free (setting);
}

GPtrArray *
mc_sample_office_settings (guint64 seed)
{
  const McSampleCommuneData *c = mc_sample_data_commune (mc_sample_commune_index (seed));
  GPtrArray *settings = g_ptr_array_new_with_free_func ((GDestroyNotify) setting_free);
  McSampleRng r = { seed ^ G_GUINT64_CONSTANT (0x0ff1ce) };
  g_autofree char *hamlet = mc_sample_hamlet (c, &r);
  g_autofree char *street = mc_sample_capitalize (hamlet);
  g_autofree char *phone = mc_sample_landline (c, &r);
  g_autofree char *committee = g_strdup_printf ("Ủy ban nhân dân %s", c->pub.commune);
  char *officials[4];

  mc_sample_officials (c, seed, officials);
  {
    const struct { const char *key; char *value; } values[] = {
      { "office.parent", upper (committee) },
      { "office.unit", g_strdup ("TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG") },
      { "office.place", g_strdup (c->pub.name) },
      { "office.phone", format_landline (phone) },
      { "office.commune", g_strdup (c->pub.commune) },
      { "office.province", g_strdup (c->pub.province) },
      { "office.address", g_strdup_printf ("%s, %s, %s", street, c->pub.commune, c->pub.province) },
      { "official.name", g_strdup (officials[0]) },
      { "official.title", g_strdup ("Công chức Văn hóa - Xã hội") },
      { "official.department", g_strdup_printf ("Trung tâm Phục vụ hành chính công %s", c->pub.commune) },
    };

    for (guint i = 0; i < G_N_ELEMENTS (values); i++)
      {
        McSampleSetting *setting = g_new0 (McSampleSetting, 1);

        setting->key = values[i].key;
        setting->value = values[i].value;
        g_ptr_array_add (settings, setting);
      }
  }
  for (guint i = 0; i < 4; i++)
    g_free (officials[i]);
  return settings;
}

/* The sources */

/* The training profile's five ministry systems, one per dialect, served by the embedded
 * simulator (its real address is set when the simulator starts). */
GPtrArray *
mc_sample_sources (void)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_source_free);

  g_ptr_array_add (sources, mc_source_new ("g03", "G03", "dvcqg", "Giáo dục và Đào tạo", "sim:g03", "000.00.15.H38", "canbo.xa"));
  g_ptr_array_add (sources, mc_source_new ("g09", "G09", "lgsp", "Nội vụ", "sim:g09", "000.00.15.H38", "motcua-client"));
  g_ptr_array_add (sources, mc_source_new ("g16", "G16", "rest", "Văn hóa, Thể thao và Du lịch", "sim:g16", "000.00.15.H38", "canbo.xa"));
  g_ptr_array_add (sources, mc_source_new ("g18", "G18", "feed", "Y tế", "sim:g18", "000.00.15.H38", "canbo.xa"));
  g_ptr_array_add (sources, mc_source_new ("g21", "G21", "legacy", "Dân tộc và Tôn giáo", "sim:g21", "000.00.15.H38", "canbo.xa"));
  return sources;
}
