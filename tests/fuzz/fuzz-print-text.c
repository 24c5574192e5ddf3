/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz.h"
#include "mc-print.h"
#include "mc-print-layout.h"
#include "mc-sample.h"

/* The printed forms laid out as PDF with hostile text in every field a citizen or a ministry
 * system fills: very long words, no spaces, combining marks by the hundred, right-to-left
 * overrides, line breaks. The input is split at NUL bytes into those fields; its first byte
 * picks the form. Text reaches the layout as valid UTF-8, as the JSON reader and SQLite give
 * it. */

static McPrintOffice *office;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  office = mc_print_office_new_default ();
  return 0;
}

static char *
field (char **parts,
       guint  i)
{
  guint n = g_strv_length (parts);

  return g_utf8_make_valid (n > 0 ? parts[i % n] : "", -1);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const McPrintForm forms[] = {
    MC_PRINT_FORM_RECEIPT, MC_PRINT_FORM_SUPPLEMENT, MC_PRINT_FORM_REFUSAL, MC_PRINT_FORM_APOLOGY,
    MC_PRINT_FORM_STOP, MC_PRINT_FORM_CONTROL,
  };
  g_autoptr(McDossier) d = mc_sample_dossier (16, 1, 1773111600);
  g_autoptr(McPrintLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *reason = NULL;
  g_auto(GStrv) parts = NULL;
  McPrintOptions options = { .printed_at = 1773111600 };

  /* Kept small: a form is a page or two, and the fuzzer's time goes further on many inputs. */
  if (size < 1 || size > 4096)
    return 0;
  text = g_strndup ((const char *) data + 1, size - 1);
  parts = g_strsplit (text, "|", 12);
  g_free (d->applicant_name);
  d->applicant_name = field (parts, 0);
  g_free (d->address);
  d->address = field (parts, 1);
  g_free (d->procedure_name);
  d->procedure_name = field (parts, 2);
  g_free (d->number);
  d->number = field (parts, 3);
  g_free (d->phone);
  d->phone = field (parts, 4);
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *doc = g_ptr_array_index (d->documents, i);

      g_free (doc->name);
      doc->name = field (parts, 5 + i);
    }
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *fee = g_ptr_array_index (d->fees, i);

      g_free (fee->name);
      fee->name = field (parts, 8 + i);
    }
  reason = field (parts, 10);
  options.reason = reason;
  layout = mc_print_dossier (office, d, forms[data[0] % G_N_ELEMENTS (forms)], &options, &error);
  if (layout != NULL)
    pdf = mc_print_layout_to_pdf (layout, &error);
  return 0;
}
