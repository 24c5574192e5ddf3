/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-print-private.h"
#include "mc-time.h"

/* Sổ theo dõi hồ sơ: the register of the dossiers the office received over a period, one line
 * per dossier in the order of receipt, on landscape pages for its many columns. */

#define REGISTER_SIZE 7.0

/* "17/11/2026" over "07:19": a narrow column, and the date never broken. */
static char *
short_time (gint64 unix_seconds)
{
  return unix_seconds == 0 ? g_strdup ("") : mc_time_format (unix_seconds, "%d/%m/%Y\n%H:%M");
}

/* When the dossier left the counter for processing: the first step after the reception that
 * put it in processing. */
static gint64
sent_at (const McDossier *d)
{
  for (guint i = 0; i < d->history->len; i++)
    {
      const McStep *step = g_ptr_array_index (d->history, i);

      if (step->status == MC_STATUS_PROCESSING && step->at >= d->received_at)
        return step->at;
    }
  return 0;
}

static const char *
method (McChannel channel)
{
  switch (channel)
    {
    case MC_CHANNEL_IN_PERSON: return "Trực tiếp";
    case MC_CHANNEL_ONLINE: return "Trực tuyến";
    case MC_CHANNEL_POST: return "Bưu chính";
    default: return "";
    }
}

/* The "Ghi chú": what changed the dossier's course (a supplement, an apology with its new
 * date, a refusal, a stop, a withdrawal). */
static char *
note (const McDossier *d)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (d->supplements->len > 0)
    g_string_append (text, "Yêu cầu bổ sung");
  if (d->reschedule != NULL)
    {
      g_autofree char *day = mc_time_format (d->reschedule->due_after, "%d/%m");

      g_string_append_printf (text, "%sXin lỗi, hẹn lại %s", text->len ? "; " : "", day);
    }
  if (d->status == MC_STATUS_REFUSED || d->status == MC_STATUS_STOPPED || d->status == MC_STATUS_WITHDRAWN)
    g_string_append_printf (text, "%s%s", text->len ? "; " : "", mc_print_status_label (d->status));
  return g_markup_escape_text (text->str, -1);
}

static void
register_row (McPrintTable    *table,
              guint            n,
              const McDossier *d,
              const char      *authority)
{
  g_autofree char *index = g_strdup_printf ("%u", n);
  g_autofree char *number = g_markup_printf_escaped ("%s%s", d->number, d->provisional ? "\n<i>(số tạm thời)</i>" : "");
  g_autofree char *procedure = g_markup_printf_escaped ("%s\n<i>%s</i>", d->procedure_name, d->procedure_code);
  g_autofree char *applicant = g_markup_escape_text (d->applicant_name, -1);
  g_autofree char *contact = g_markup_printf_escaped ("%s%s%s", d->address ? d->address : "",
                                                      d->address && d->phone ? "\nĐT: " : "",
                                                      d->phone ? d->phone : "");
  g_autofree char *agency = g_markup_escape_text (authority, -1);
  g_autofree char *received = short_time (d->received_at);
  g_autofree char *due = short_time (d->due_at);
  g_autofree char *sent = short_time (sent_at (d));
  g_autofree char *finished = short_time (d->status == MC_STATUS_RESOLVED || d->status == MC_STATUS_RETURNED
                                          ? d->finished_at : 0);
  g_autofree char *returned = short_time (d->returned_at);
  g_autofree char *remarks = note (d);
  const char *cells[] = { index, number, procedure, "01", applicant, contact, agency, received, due, sent, finished,
                          returned, d->returned_at ? method (d->return_method) : "", "", remarks };

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
  /* Mẫu số 07 (TT 03/2025), with the 2018 model's number of sets, date sent for processing and
   * notes: 15 columns under a two-row header. The number and the dates are never broken
   * inside: their columns are as wide as they are. */
  static const McPrintColumn columns[] = {
    { "", 0.03, PANGO_ALIGN_CENTER },
    { "", 0.135, PANGO_ALIGN_LEFT },
    { "", 0.1, PANGO_ALIGN_LEFT },
    { "", 0.04, PANGO_ALIGN_CENTER },
    { "", 0.075, PANGO_ALIGN_LEFT },
    { "", 0.075, PANGO_ALIGN_LEFT },
    { "", 0.06, PANGO_ALIGN_LEFT },
    { "", 0.065, PANGO_ALIGN_CENTER },
    { "", 0.065, PANGO_ALIGN_CENTER },
    { "", 0.065, PANGO_ALIGN_CENTER },
    { "", 0.065, PANGO_ALIGN_CENTER },
    { "", 0.065, PANGO_ALIGN_CENTER },
    { "", 0.05, PANGO_ALIGN_CENTER },
    { "", 0.045, PANGO_ALIGN_CENTER },
    { "", 0.065, PANGO_ALIGN_LEFT },
  };

  static const McPrintHeaderCell header[] = {
    { 0, 0, 2, 1, "STT" },
    { 0, 1, 2, 1, "Mã hồ sơ" },
    { 0, 2, 2, 1, "Tên thủ tục hành chính" },
    { 0, 3, 2, 1, "Số lượng hồ sơ (bộ)" },
    { 0, 4, 2, 1, "Tên tổ chức, cá nhân" },
    { 0, 5, 2, 1, "Địa chỉ, số điện thoại" },
    { 0, 6, 2, 1, "Cơ quan chủ trì giải quyết" },
    { 0, 7, 1, 6, "Nhận và trả kết quả" },
    { 1, 7, 1, 1, "Nhận hồ sơ" },
    { 1, 8, 1, 1, "Hẹn trả kết quả" },
    { 1, 9, 1, 1, "Chuyển hồ sơ đến cơ quan giải quyết" },
    { 1, 10, 1, 1, "Có kết quả" },
    { 1, 11, 1, 1, "Trả kết quả" },
    { 1, 12, 1, 1, "Phương thức nhận kết quả" },
    { 0, 13, 2, 1, "Ký nhận" },
    { 0, 14, 2, 1, "Ghi chú" },
  };
  g_autofree char *first = mc_print_date (from);
  g_autofree char *last = mc_print_date (MAX (from, to - 1));
  g_autofree char *period = g_markup_printf_escaped ("Từ %s đến %s", first, last);
  g_autofree char *footer = NULL;
  g_autofree char *total = NULL;
  g_autofree char *authority = NULL;
  McPrintLayout *layout;
  McPrintTable *table;

  g_return_val_if_fail (office != NULL && dossiers != NULL, NULL);

  layout = mc_print_form_begin (office, MC_PRINT_LANDSCAPE, MC_PRINT_BODY_SIZE, MC_PRINT_N_FORMS, "STD", "Sổ theo dõi hồ sơ", period,
                                options && options->printed_at ? options->printed_at : mc_time_now ());
  footer = g_strdup_printf ("Sổ theo dõi hồ sơ — %s đến %s", first, last);
  mc_print_layout_set_footer (layout, footer);

  if (dossiers->len == 0)
    {
      mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_CENTER, 0,
                                 "<i>Không có hồ sơ nào được tiếp nhận trong thời gian này.</i>");
      return layout;
    }
  authority = mc_print_authority (office);
  table = mc_print_table_begin (layout, G_N_ELEMENTS (columns), columns, REGISTER_SIZE);
  mc_print_table_set_header (table, 2, G_N_ELEMENTS (header), header);
  for (guint i = 0; i < dossiers->len; i++)
    register_row (table, i + 1, g_ptr_array_index (dossiers, i), authority);
  mc_print_table_end (table);

  total = g_strdup_printf ("Tổng số hồ sơ đã tiếp nhận: <b>%u</b>", dossiers->len);
  mc_print_layout_space (layout, 6);
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_LEFT, 0, total);
  return layout;
}
