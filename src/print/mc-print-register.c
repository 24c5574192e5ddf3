/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-print-private.h"
#include "mc-time.h"

/* Sổ theo dõi hồ sơ: the register of the dossiers the office received over a period, one line
 * per dossier in the order of receipt, on landscape pages for its many columns. */

#define REGISTER_SIZE 8.5

/* "17/11/2026" over "07:19": a narrow column, and the date never broken. */
static char *
short_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = NULL;

  if (unix_seconds == 0)
    return g_strdup ("");
  dt = mc_time_to_local (unix_seconds);
  return g_date_time_format (dt, "%d/%m/%Y\n%H:%M");
}

static void
register_row (McPrintTable    *table,
              guint            n,
              const McDossier *d)
{
  g_autofree char *index = g_strdup_printf ("%u", n);
  g_autofree char *number = g_markup_printf_escaped ("%s%s", d->number, d->provisional ? "\n<i>(số tạm thời)</i>" : "");
  g_autofree char *procedure = g_markup_printf_escaped ("%s\n<i>%s</i>", d->procedure_name, d->procedure_code);
  g_autofree char *applicant = g_markup_escape_text (d->applicant_name, -1);
  g_autofree char *contact = g_markup_printf_escaped ("%s%s%s", d->address ? d->address : "",
                                                      d->address && d->phone ? "\nĐT: " : "",
                                                      d->phone ? d->phone : "");
  g_autofree char *received = short_time (d->received_at);
  g_autofree char *due = short_time (d->due_at);
  g_autofree char *returned = short_time (d->returned_at);
  const char *cells[] = { index, number, procedure, applicant, contact, received, due, returned,
                          mc_print_status_label (d->status), "" };

  mc_print_table_row (table, cells);
}

/* Lays out the register of @dossiers (McDossier, in the order of receipt), received at or after
 * @from and before @to (unix seconds). Returns: (transfer full): the pages. */
McPrintLayout *
mc_print_register (const McPrintOffice   *office,
                   GPtrArray             *dossiers,
                   gint64                 from,
                   gint64                 to,
                   const McPrintOptions  *options,
                   GError               **error)
{
  /* The number and the dates are never broken inside: their columns are as wide as they are. */
  static const McPrintColumn columns[] = {
    { "STT", 0.035, PANGO_ALIGN_CENTER },
    { "Mã hồ sơ", 0.18, PANGO_ALIGN_LEFT },
    { "Thủ tục hành chính", 0.17, PANGO_ALIGN_LEFT },
    { "Tổ chức, cá nhân nộp hồ sơ", 0.11, PANGO_ALIGN_LEFT },
    { "Địa chỉ, số điện thoại", 0.13, PANGO_ALIGN_LEFT },
    { "Nhận hồ sơ", 0.08, PANGO_ALIGN_CENTER },
    { "Hẹn trả kết quả", 0.08, PANGO_ALIGN_CENTER },
    { "Trả kết quả", 0.08, PANGO_ALIGN_CENTER },
    { "Tình trạng", 0.075, PANGO_ALIGN_CENTER },
    { "Ký nhận, ghi chú", 0.06, PANGO_ALIGN_CENTER },
  };
  g_autofree char *first = mc_print_date (from);
  g_autofree char *last = mc_print_date (MAX (from, to - 1));
  g_autofree char *period = g_markup_printf_escaped ("Từ %s đến %s", first, last);
  g_autofree char *footer = NULL;
  g_autofree char *total = NULL;
  McPrintLayout *layout;
  McPrintTable *table;

  g_return_val_if_fail (office != NULL && dossiers != NULL, NULL);

  layout = mc_print_form_begin (office, MC_PRINT_LANDSCAPE, MC_PRINT_BODY_SIZE, "STD", "Sổ theo dõi hồ sơ", period,
                                options && options->printed_at ? options->printed_at : mc_time_now ());
  footer = g_strdup_printf ("Sổ theo dõi hồ sơ — %s đến %s", first, last);
  mc_print_layout_set_footer (layout, footer);

  if (dossiers->len == 0)
    {
      mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_CENTER, 0,
                                 "<i>Không có hồ sơ nào được tiếp nhận trong thời gian này.</i>");
      return layout;
    }
  table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, REGISTER_SIZE);
  for (guint i = 0; i < dossiers->len; i++)
    register_row (table, i + 1, g_ptr_array_index (dossiers, i));
  mc_print_table_end (table);

  total = g_strdup_printf ("Tổng số hồ sơ đã tiếp nhận: <b>%u</b>", dossiers->len);
  mc_print_layout_space (layout, 6);
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_LEFT, 0, total);
  return layout;
}
