/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-print-private.h"
#include "mc-time.h"

/* Phiếu kiểm soát quá trình giải quyết hồ sơ: the sheet that travels with the dossier and shows
 * every hand-off, from whom to whom, when, and how it went, read from the dossier's history
 * (QuaTrinhXuLy), oldest first. */

/* How the result came compared with the due date, as the sheet's result column asks: ahead
 * of time (an earlier day), on time (the due day), or late. */
static const char *
timeliness (const McDossier *d,
            const McStep    *step)
{
  g_autoptr(GDateTime) at = NULL;
  g_autoptr(GDateTime) due = NULL;

  if (d->due_at == 0 || step->status < MC_STATUS_PROCESSING || step->status == MC_STATUS_WITHDRAWN)
    return NULL;
  if (step->at > d->due_at)
    return "Quá hạn";
  if (step->status != MC_STATUS_RESOLVED)
    return NULL;
  at = mc_time_to_local (step->at);
  due = mc_time_to_local (d->due_at);
  if (g_date_time_get_year (at) == g_date_time_get_year (due) &&
      g_date_time_get_day_of_year (at) == g_date_time_get_day_of_year (due))
    return "Đúng hạn";
  return "Trước hạn";
}

/* The result documents, with their number and date: what the last hand-off carries back. */
static char *
results_text (const McDossier *d)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < d->results->len; i++)
    {
      const McResult *r = g_ptr_array_index (d->results, i);
      g_autofree char *issued = r->issued_at ? mc_print_date (r->issued_at) : NULL;

      g_string_append_printf (text, "%s%s%s%s%s%s", text->len ? "; " : "", r->name,
                              r->number ? ", số " : "", r->number ? r->number : "",
                              issued ? " " : "", issued ? issued : "");
    }
  return text->len ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static void
summary (McPrintLayout       *layout,
         const McPrintOffice *office,
         const McDossier     *d)
{
  g_autofree char *received = mc_print_date_time (d->received_at);
  g_autofree char *due = d->due_at ? mc_print_date_time (d->due_at) : NULL;
  g_autofree char *procedure = g_strdup_printf ("%s (mã thủ tục %s)", d->procedure_name, d->procedure_code);
  g_autofree char *agency = mc_print_agency (office);
  g_autofree char *results = results_text (d);

  mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "Kèm theo hồ sơ của %s: <b>%s</b>",
                              mc_print_applicant_label (d->applicant_kind), d->applicant_name);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  mc_print_field (layout, "Địa chỉ", d->address);
  mc_print_field (layout, "Thủ tục hành chính", procedure);
  mc_print_field (layout, "Cơ quan (bộ phận) tiếp nhận hồ sơ", agency);
  mc_print_field (layout, "Cơ quan phối hợp giải quyết hồ sơ", NULL);
  mc_print_field (layout, "Ngày nhận", received);
  mc_print_field (layout, "Hẹn trả kết quả vào", due);
  mc_print_field (layout, "Văn bản kết quả (tên, số, ngày)", results);
  mc_print_field (layout, "Tình trạng hiện tại", mc_print_status_label (d->status));
}

/* "1. Giao: …\n2. Nhận: …", each a person and the unit, as the history names them. */
static char *
units_cell (const char *from_unit,
            const char *to_unit)
{
  return g_markup_printf_escaped ("1. Giao: %s\n2. Nhận: %s", from_unit ? from_unit : "……………",
                                  to_unit ? to_unit : "……………");
}

/* A signature cell: room to sign above the signer's printed name. */
static char *
signer_cell (const char *name)
{
  return g_markup_printf_escaped ("\n\n\n<b>%s</b>", name ? name : "");
}

/* Phiếu kiểm soát (Mẫu số 06): one block per hand-off from the reception on (a step that moves
 * the dossier on, or to another official), the giver and the receiver each signing, then blank
 * blocks for the hand-offs still to come while the dossier is open. A note the official who
 * holds the dossier adds to its history is not a hand-off. */
void
mc_print_control (McPrintLayout       *layout,
                  const McPrintOffice *office,
                  const McDossier     *d)
{
  static const McPrintColumn columns[] = {
    { "", 0.23, PANGO_ALIGN_LEFT },
    { "", 0.14, PANGO_ALIGN_CENTER },
    { "", 0.165, PANGO_ALIGN_CENTER },
    { "", 0.165, PANGO_ALIGN_CENTER },
    { "", 0.16, PANGO_ALIGN_CENTER },
    { "", 0.14, PANGO_ALIGN_LEFT },
  };
  static const McPrintHeaderCell header[] = {
    { 0, 0, 2, 1, "Tên đơn vị" },
    { 0, 1, 1, 3, "Thời gian giao, nhận hồ sơ" },
    { 1, 1, 1, 1, "Thời điểm" },
    { 1, 2, 1, 1, "Người giao\n<i>(ký, ghi rõ họ tên)</i>" },
    { 1, 3, 1, 1, "Người nhận\n<i>(ký, ghi rõ họ tên)</i>" },
    { 0, 4, 2, 1, "Kết quả giải quyết hồ sơ\n<i>(trước hạn/ đúng hạn/ quá hạn)</i>" },
    { 0, 5, 2, 1, "Ghi chú" },
  };
  g_autofree char *agency = mc_print_agency (office);
  const McStep *holder = NULL;
  McPrintTable *table;
  guint rows = 0;

  summary (layout, office, d);
  mc_print_layout_space (layout, 6);
  mc_print_layout_keep (layout, 120);
  table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, MC_PRINT_TABLE_SIZE);
  mc_print_table_set_header (table, 2, G_N_ELEMENTS (header), header);
  for (guint i = 0; i < d->history->len; i++)
    {
      const McStep *step = g_ptr_array_index (d->history, i);
      g_autofree char *units = NULL, *at = NULL, *giver = NULL, *receiver = NULL, *what = NULL, *note = NULL;
      const char *late;

      /* The sheet starts at the reception: the applicant handing the dossier in is not a
       * hand-off between officials. */
      if (holder == NULL)
        {
          if (step->status == MC_STATUS_RECEIVED)
            holder = step;
          continue;
        }
      if (step->status == holder->status && g_strcmp0 (step->actor, holder->actor) == 0
          && g_strcmp0 (step->unit, holder->unit) == 0)
        continue;
      units = units_cell (holder->unit ? holder->unit : agency, step->unit ? step->unit : agency);
      at = mc_time_format_short (step->at);
      giver = signer_cell (holder->actor);
      receiver = signer_cell (step->actor);
      late = timeliness (d, step);
      what = late != NULL ? g_markup_printf_escaped ("%s\n<b>%s</b>", step->action, late)
                          : g_markup_escape_text (step->action, -1);
      note = g_markup_escape_text (step->note ? step->note : "", -1);
      {
        const char *cells[] = { units, at, giver, receiver, what, note };

        mc_print_table_row (table, cells);
      }
      holder = step;
      rows++;
    }
  /* Blocks to fill in by hand for the hand-offs to come; the first is from whoever holds it. */
  for (guint i = 0; !mc_status_is_final (d->status) && i < 2; i++, rows++)
    {
      g_autofree char *units = units_cell (i == 0 && holder && holder->unit ? holder->unit : NULL, NULL);
      g_autofree char *giver = signer_cell (i == 0 && holder ? holder->actor : NULL);
      const char *cells[] = { units, "…giờ…phút\nngày…/…/……", giver, "\n\n\n", "", "" };

      mc_print_table_row (table, cells);
    }
  mc_print_table_end (table);
  mc_print_layout_space (layout, 4);
  mc_print_layout_paragraph (layout, MC_PRINT_TABLE_SIZE, PANGO_ALIGN_LEFT, 0,
                             "<i>Ghi chú: Kết quả giải quyết hồ sơ do bên nhận hồ sơ ghi khi nhận bàn giao. Quá "
                             "trình giải quyết hồ sơ được hệ thống thông tin giải quyết thủ tục hành chính ghi lại "
                             "tự động.</i>");
}
