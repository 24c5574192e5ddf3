/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>
#include <glib/gi18n-lib.h>

#include "mc-catalog.h"
#include "mc-fold.h"
#include "mc-id.h"
#include "mc-tsv.h"

/* The reference catalog: the procedures of the five ministries with their documents, and the 34
 * provinces, read once from the data files compiled into the core (data/procedures.tsv,
 * data/procedure-documents.tsv, data/provinces.tsv). */
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
  int i = MC_ID_FIND (unit_ids, id);

  if (i >= 0)
    *out_unit = i;
  return i >= 0;
}

static const struct {
  const char *id;
  const char *label;
  const char *legal;
} document_forms[] = {
  [MC_DOCUMENT_ORIGINAL] = { "BC", N_("Original"), "Bản chính" },
  [MC_DOCUMENT_COPY] = { "BS", N_("Copy"), "Bản sao" },
  [MC_DOCUMENT_CERTIFIED_COPY] = { "BSCT", N_("Certified copy"), "Bản sao có chứng thực" },
  [MC_DOCUMENT_SHOWN] = { "XT", N_("Shown, not collected"), "Xuất trình" },
};

/* The short code of the data file: BC, BS, BSCT or XT. */
MC_ID_DEFINE_FUNCTIONS (McDocumentForm, mc_document_form_id, mc_document_form_from_id, document_forms, id)

/* For the window and the command line, in the user's language. */
const char *
mc_document_form_label (McDocumentForm form)
{
  g_return_val_if_fail (form < G_N_ELEMENTS (document_forms), NULL);
  return g_dgettext (GETTEXT_PACKAGE, document_forms[form].label);
}

/* For printed forms, which are legal documents in Vietnamese whatever the user's language. */
const char *
mc_document_form_legal (McDocumentForm form)
{
  g_return_val_if_fail (form < G_N_ELEMENTS (document_forms), NULL);
  return document_forms[form].legal;
}

/* What a dossier's TaiLieuNop records (McDocument.is_copy): a certified copy is a copy. */
gboolean
mc_document_form_is_copy (McDocumentForm form)
{
  return form == MC_DOCUMENT_COPY || form == MC_DOCUMENT_CERTIFIED_COPY;
}

/* Whether an applicant of @kind may file @procedure: every kind but a citizen is an
 * organisation (enterprise, state agency, other organisation). */
gboolean
mc_procedure_accepts (const McProcedure *procedure,
                      McApplicantKind    kind)
{
  g_return_val_if_fail (procedure != NULL, FALSE);
  return (procedure->applicants & (kind == MC_APPLICANT_CITIZEN ? MC_APPLICANTS_CITIZEN
                                                                : MC_APPLICANTS_ORGANIZATION)) != 0;
}

/* Returns: (transfer full): the cases of @procedure ("moi", "lai"), in file order; empty when
 * one list of documents fits every dossier. */
GStrv
mc_procedure_list_cases (const McProcedure *procedure)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (procedure != NULL, NULL);
  for (guint i = 0; i < procedure->documents->len; i++)
    {
      const McProcedureDocument *doc = g_ptr_array_index (procedure->documents, i);

      if (doc->case_name != NULL && g_hash_table_add (seen, doc->case_name))
        g_strv_builder_add (builder, doc->case_name);
    }
  return g_strv_builder_end (builder);
}

/* Whether @document belongs to a dossier of case @case_name (NULL: a procedure without cases). */
gboolean
mc_procedure_document_applies (const McProcedureDocument *document,
                               const char                *case_name)
{
  return document->case_name == NULL || g_strcmp0 (document->case_name, case_name) == 0;
}

/* Whether @d's due date is still the one computed from a duration the catalog only assumes
 * (or from a procedure it does not know): not checked or corrected by the official at the
 * counter, nor set anew with an apology. The receipt and the window mark it provisional. */
gboolean
mc_catalog_due_is_provisional (McCatalog       *self,
                               const McDossier *d)
{
  const McProcedure *p = mc_catalog_lookup (self, d->procedure_code);

  return d->due_at != 0 && (p == NULL || p->duration_assumed) && d->reschedule == NULL
         && !(d->intake != NULL && d->intake->due_confirmed);
}

static void
document_free (gpointer data)
{
  McProcedureDocument *doc = data;

  g_free (doc->name);
  g_free (doc->case_name);
  g_free (doc->condition);
  g_free (doc->tag);
  g_free (doc);
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
  g_free (p->fee_note);
  g_free (p->source);
  g_ptr_array_unref (p->documents);
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
static McApplicantKinds
parse_applicants (const char *code,
                  const char *text)
{
  g_auto(GStrv) kinds = g_strsplit (text, ",", -1);
  McApplicantKinds result = 0;

  for (guint i = 0; kinds[i] != NULL; i++)
    if (g_str_equal (kinds[i], "citizen"))
      result |= MC_APPLICANTS_CITIZEN;
    else if (g_str_equal (kinds[i], "organization"))
      result |= MC_APPLICANTS_ORGANIZATION;
    else
      g_error ("procedure catalog: unknown applicant kind “%s” for %s", kinds[i], code);
  if (result == 0)
    g_error ("procedure catalog: no applicant kind for %s", code);
  return result;
}

static void
load_procedures (McCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mc_tsv_load_resource ("/io/github/motcua/core/procedures.tsv", 12, &error);

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
      p->applicants = parse_applicants (f[0], f[8]);
      if (!g_str_equal (f[9], "yes") && !g_str_equal (f[9], "no"))
        g_error ("procedure catalog: cutoff_15h of %s is neither yes nor no", f[0]);
      p->same_day_cutoff = g_str_equal (f[9], "yes");
      p->fee_note = g_strdup (f[10]);
      p->source = g_strdup (f[11]);
      p->documents = g_ptr_array_new_with_free_func (document_free);
      if (g_hash_table_contains (self->by_code, p->code))
        g_error ("procedure catalog: %s is listed twice", f[0]);
      g_ptr_array_add (self->procedures, p);
      g_hash_table_insert (self->by_code, p->code, p);
    }
}

/* Every procedure has its documents, and every document a procedure of the catalog. */
static void
load_documents (McCatalog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = mc_tsv_load_resource ("/io/github/motcua/core/procedure-documents.tsv", 7, &error);

  if (rows == NULL)
    g_error ("procedure documents: %s", error->message);
  for (guint i = 0; i < rows->len; i++)
    {
      char **f = g_ptr_array_index (rows, i);
      McProcedure *p = g_hash_table_lookup (self->by_code, f[0]);
      McProcedureDocument *doc = g_new0 (McProcedureDocument, 1);
      gsize group_len = strlen (f[1]);

      if (p == NULL)
        g_error ("procedure documents: %s is not in the catalog", f[0]);
      doc->name = g_strdup (f[2]);
      if (!mc_document_form_from_id (f[3], &doc->form) || (doc->count = atoi (f[4])) <= 0)
        g_error ("procedure documents: bad form or count for %s, %s", f[0], f[2]);
      doc->optional = group_len > 0 && f[1][group_len - 1] == '?';
      if (group_len > (doc->optional ? 1u : 0u))
        doc->case_name = g_strndup (f[1], group_len - doc->optional);
      doc->condition = g_strdup (f[5]);
      doc->tag = g_strdup (f[6]);
      g_ptr_array_add (p->documents, doc);
    }
  for (guint i = 0; i < self->procedures->len; i++)
    {
      McProcedure *p = g_ptr_array_index (self->procedures, i);

      if (p->documents->len == 0)
        g_error ("procedure documents: none for %s", p->code);
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
  load_documents (self);
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
      p->fee_note = g_strdup ("");
      p->source = g_strdup ("");
      /* Whoever the ministry system's dossier names may apply; the documents are its own. */
      p->applicants = MC_APPLICANTS_CITIZEN | MC_APPLICANTS_ORGANIZATION;
      p->documents = g_ptr_array_new_with_free_func (document_free);
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
