/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-print-private.h"
#include "mc-time.h"

/* Phiếu kiểm soát quá trình giải quyết hồ sơ: the sheet that travels with the dossier and shows
 * every hand-off, from whom to whom, when, and how it went, read from the dossier's history
 * (QuaTrinhXuLy), oldest first. */

/* "Nguyễn Thị Hằng\nBộ phận Một cửa UBND xã Phú Lộc", escaped. */
static char *
party (const McStep *step)
{
  if (step == NULL)
    return g_strdup ("");
  if (step->unit != NULL && *step->unit != '\0')
    return g_markup_printf_escaped ("%s\n<i>%s</i>", step->actor ? step->actor : "", step->unit);
  return g_markup_escape_text (step->actor ? step->actor : "", -1);
}

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

static void
summary (McPrintLayout   *layout,
         const McDossier *d)
{
  g_autofree char *received = mc_print_date_time (d->received_at);
  g_autofree char *due = d->due_at ? mc_print_date_time (d->due_at) : NULL;
  g_autofree char *procedure = g_strdup_printf ("%s (mã thủ tục %s)", d->procedure_name, d->procedure_code);

  mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "%s: <b>%s</b>",
                              mc_print_applicant_label (d->applicant_kind), d->applicant_name);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  mc_print_field (layout, "Địa chỉ", d->address);
  mc_print_field (layout, "Thủ tục hành chính", procedure);
  mc_print_field (layout, "Thời gian nhận hồ sơ", received);
  mc_print_field (layout, "Thời gian hẹn trả kết quả", due);
  mc_print_field (layout, "Tình trạng hiện tại", mc_print_status_label (d->status));
}

void
mc_print_control (McPrintLayout   *layout,
                  const McDossier *d)
{
  static const McPrintColumn columns[] = {
    { "STT", 0.06, PANGO_ALIGN_CENTER },
    { "Bên giao hồ sơ", 0.20, PANGO_ALIGN_LEFT },
    { "Bên nhận hồ sơ", 0.20, PANGO_ALIGN_LEFT },
    { "Thời gian giao, nhận", 0.13, PANGO_ALIGN_CENTER },
    { "Nội dung, kết quả giải quyết", 0.22, PANGO_ALIGN_LEFT },
    { "Ghi chú", 0.19, PANGO_ALIGN_LEFT },
  };
  McPrintTable *table;

  summary (layout, d);
  mc_print_layout_space (layout, 6);
  mc_print_layout_keep (layout, 60);
  table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, MC_PRINT_TABLE_SIZE);
  /* Row i is the hand-off into step i: from whoever held the dossier at step i - 1. */
  for (guint i = 0; i < d->history->len; i++)
    {
      const McStep *step = g_ptr_array_index (d->history, i);
      const McStep *before = i > 0 ? g_ptr_array_index (d->history, i - 1) : NULL;
      g_autofree char *n = g_strdup_printf ("%u", i + 1);
      g_autofree char *from = party (before);
      g_autofree char *to = party (step);
      g_autofree char *at = mc_time_format_short (step->at);
      const char *late = timeliness (d, step);
      g_autofree char *what = late != NULL
                              ? g_markup_printf_escaped ("%s\n<b>%s</b>", step->action, late)
                              : g_markup_escape_text (step->action, -1);
      g_autofree char *note = g_markup_escape_text (step->note ? step->note : "", -1);
      const char *cells[] = { n, from, to, at, what, note };

      mc_print_table_row (table, cells);
    }
  mc_print_table_end (table);
}
