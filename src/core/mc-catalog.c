/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

#include "mc-catalog.h"
#include "mc-fold.h"
#include "mc-tsv.h"

/* The reference catalog: the procedures of the five ministries and the 34 provinces, read
 * once from the data files compiled into the core (data/procedures.tsv, data/provinces.tsv). */
struct _McCatalog
{
  GObject parent_instance;

  GPtrArray *procedures;      /* McProcedure, file order */
  GHashTable *by_code;        /* code → McProcedure (borrowed) */
  GPtrArray *province_codes;  /* char*, file order */
  GHashTable *provinces;      /* code → name */
  GMutex lock;                /* guards unknown: the catalog is shared by every thread */
  GHashTable *unknown;        /* code → McProcedure: codes seen that the catalog lacks */
};

G_DEFINE_FINAL_TYPE (McCatalog, mc_catalog, G_TYPE_OBJECT)

static const char *unit_ids[] = {
  [MC_DURATION_WORKING_DAYS] = "ngay_lam_viec",
  [MC_DURATION_CALENDAR_DAYS] = "ngay",
  [MC_DURATION_HOURS] = "gio",
  [MC_DURATION_SAME_DAY] = "trong_ngay",
};

const char *
mc_duration_unit_id (McDurationUnit unit)
{
  g_return_val_if_fail (unit < G_N_ELEMENTS (unit_ids), NULL);
  return unit_ids[unit];
}

gboolean
mc_duration_unit_from_id (const char     *id,
                          McDurationUnit *out_unit)
{
  for (guint i = 0; i < G_N_ELEMENTS (unit_ids); i++)
    if (g_strcmp0 (unit_ids[i], id) == 0)
      {
        *out_unit = i;
        return TRUE;
      }
  return FALSE;
}

static void
procedure_free (gpointer data)
{
  McProcedure *p = data;

  g_free (p->code);
  g_free (p->ministry);
  g_free (p->name);
  g_free (p->folded_name);
  g_free (p->provenance);
  g_free (p);
}

static void
mc_catalog_finalize (GObject *object)
{
  McCatalog *self = MC_CATALOG (object);

  g_clear_pointer (&self->by_code, g_hash_table_unref);
  g_clear_pointer (&self->procedures, g_ptr_array_unref);
  g_clear_pointer (&self->provinces, g_hash_table_unref);
  g_clear_pointer (&self->province_codes, g_ptr_array_unref);
  g_clear_pointer (&self->unknown, g_hash_table_unref);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (mc_catalog_parent_class)->finalize (object);
}

static void
mc_catalog_class_init (McCatalogClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_catalog_finalize;
}

/* The data files are part of the build: a broken one is a programming error, not a runtime
 * condition, so it aborts with the reason rather than leaving an empty catalog. */
static void
load_procedures (McCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mc_tsv_load_resource ("/io/github/motcua/core/procedures.tsv", 8, &error);

  if (rows == NULL)
    g_error ("procedure catalog: %s", error->message);

  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      McProcedure *p = g_new0 (McProcedure, 1);

      p->code = g_strdup (f[0]);
      p->ministry = g_strdup (f[1]);
      p->name = g_strdup (f[2]);
      p->folded_name = mc_fold_text (f[2]);
      p->duration = atoi (f[3]);
      if (!mc_duration_unit_from_id (f[4], &p->unit) || p->duration <= 0)
        g_error ("procedure catalog: bad duration for %s", f[0]);
      p->fee_vnd = f[5][0] ? g_ascii_strtoll (f[5], NULL, 10) : -1;
      p->provenance = g_strdup (f[6]);
      p->duration_assumed = g_str_equal (f[7], "assumed");
      g_ptr_array_add (self->procedures, p);
      g_hash_table_insert (self->by_code, p->code, p);
    }
}

static void
load_provinces (McCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mc_tsv_load_resource ("/io/github/motcua/core/provinces.tsv", 2, &error);

  if (rows == NULL)
    g_error ("province list: %s", error->message);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);

      g_ptr_array_add (self->province_codes, g_strdup (f[0]));
      g_hash_table_insert (self->provinces, g_strdup (f[0]), g_strdup (f[1]));
    }
}

static void
mc_catalog_init (McCatalog *self)
{
  self->procedures = g_ptr_array_new_with_free_func (procedure_free);
  self->by_code = g_hash_table_new (g_str_hash, g_str_equal);
  self->province_codes = g_ptr_array_new_with_free_func (g_free);
  self->provinces = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_mutex_init (&self->lock);
  self->unknown = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, procedure_free);
  load_procedures (self);
  load_provinces (self);
}

/* Returns: (transfer none): the process-wide catalog; it is immutable, so threads may share it. */
McCatalog *
mc_catalog_get_default (void)
{
  static gsize initialized;
  static McCatalog *catalog;

  if (g_once_init_enter (&initialized))
    {
      catalog = g_object_new (MC_TYPE_CATALOG, NULL);
      g_once_init_leave (&initialized, 1);
    }
  return catalog;
}

guint
mc_catalog_get_n_procedures (McCatalog *self)
{
  return self->procedures->len;
}

const McProcedure *
mc_catalog_get_procedure (McCatalog *self,
                          guint      index)
{
  g_return_val_if_fail (index < self->procedures->len, NULL);
  return g_ptr_array_index (self->procedures, index);
}

const McProcedure *
mc_catalog_lookup (McCatalog  *self,
                   const char *code)
{
  return code ? g_hash_table_lookup (self->by_code, code) : NULL;
}

/* A ministry system may send a dossier of any procedure, including one this catalog does not
 * have (a new one, a local one). Returns: (transfer none): the catalog's procedure, or one
 * marked unknown (no duration: the ministry system's due date stands), kept for the life of
 * the process so that the pointer stays valid. */
const McProcedure *
mc_catalog_lookup_or_unknown (McCatalog  *self,
                              const char *code)
{
  const McProcedure *known = mc_catalog_lookup (self, code);
  McProcedure *p;

  if (known != NULL || code == NULL)
    return known;
  g_mutex_lock (&self->lock);
  if ((p = g_hash_table_lookup (self->unknown, code)) == NULL)
    {
      p = g_new0 (McProcedure, 1);
      p->code = g_strdup (code);
      p->ministry = g_strdup ("");
      p->name = g_strdup (code);
      p->folded_name = mc_fold_text (code);
      p->fee_vnd = -1;
      p->provenance = g_strdup ("");
      p->unknown = TRUE;
      g_hash_table_insert (self->unknown, p->code, p);
    }
  g_mutex_unlock (&self->lock);
  return p;
}

/* Returns: (transfer container): procedures whose code or folded name contains every
 * whitespace-separated folded word of @text, in catalog order. */
GPtrArray *
mc_catalog_search (McCatalog  *self,
                   const char *text)
{
  g_autofree char *folded = mc_fold_text (text);
  g_auto(GStrv) words = g_strsplit_set (folded, " \t", -1);
  GPtrArray *hits = g_ptr_array_new ();

  for (guint i = 0; i < self->procedures->len; i++)
    {
      McProcedure *p = g_ptr_array_index (self->procedures, i);
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL && all; w++)
        if (*words[w] && !strstr (p->folded_name, words[w]) && !g_str_has_prefix (p->code, words[w]))
          all = FALSE;
      if (all)
        g_ptr_array_add (hits, p);
    }
  return hits;
}

const char *
mc_catalog_province_name (McCatalog  *self,
                          const char *code)
{
  return g_hash_table_lookup (self->provinces, code);
}

guint
mc_catalog_get_n_provinces (McCatalog *self)
{
  return self->province_codes->len;
}

/* The province codes in file order. */
const char *
mc_catalog_get_province_code (McCatalog *self,
                              guint      index)
{
  g_return_val_if_fail (index < self->province_codes->len, NULL);
  return g_ptr_array_index (self->province_codes, index);
}
