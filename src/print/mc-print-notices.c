/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-print-private.h"

/* The notices an office sends about a dossier it cannot settle as planned: a supplement request
 * (once, with every missing item), a refusal, an apology with a new date (once), a stop. Each
 * states its reasons; when neither the caller nor the dossier's history gives them, the form
 * leaves dotted lines to write them by hand rather than print an empty "Lý do:". */

/* The reason given by the caller, else the note of the latest step that put the dossier in
 * @status. */
static const char *
reason_for (const McDossier      *d,
            const McPrintOptions *options,
            McStatus              status)
{
  const McStep *step;

  if (options->reason != NULL && *options->reason != '\0')
    return options->reason;
  step = status != MC_STATUS_INVALID ? mc_print_last_step (d, status) : NULL;
  return step != NULL ? step->note : NULL;
}

static void
paragraph (McPrintLayout *layout,
           const char    *markup)
{
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_LEFT, 0, markup);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
}

/* "Ngày …, … tiếp nhận hồ sơ của:" and who it is from. */
static void
received_from (McPrintLayout   *layout,
               const McDossier *d)
{
  g_autofree char *received = d->received_at ? mc_print_date_time (d->received_at) : NULL;
  g_autofree char *submitted = d->submitted_at ? mc_print_date_time (d->submitted_at) : NULL;

  if (received != NULL)
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "Hồ sơ tiếp nhận lúc %s, của:", received);
  else if (submitted != NULL)
    mc_print_layout_paragraphf (layout, 0, PANGO_ALIGN_LEFT, 0, "Hồ sơ nộp lúc %s, của:", submitted);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  mc_print_applicant (layout, d);
}

void
mc_print_supplement (McPrintLayout        *layout,
                     const McPrintOffice  *office,
                     const McDossier      *d,
                     const McPrintOptions *options)
{
  const McSupplement *supplement = d->supplements->len > 0
                                   ? g_ptr_array_index (d->supplements, d->supplements->len - 1) : NULL;
  const char *items = options->reason ? options->reason : supplement ? supplement->items : NULL;

  received_from (layout, d);
  paragraph (layout, "Sau khi xem xét, hồ sơ chưa đầy đủ, chưa hợp lệ. Đề nghị bổ sung, hoàn thiện hồ sơ "
                     "gồm những nội dung sau (yêu cầu bổ sung được đưa ra một lần, đủ mọi nội dung):");
  mc_print_items (layout, items);
  if (supplement != NULL && supplement->requested_at != 0)
    {
      g_autofree char *asked = mc_print_date_time (supplement->requested_at);

      mc_print_field (layout, "Thời điểm yêu cầu bổ sung", asked);
    }
  paragraph (layout, "Thời gian bổ sung, hoàn thiện hồ sơ không tính vào thời hạn giải quyết hồ sơ. Khi nộp "
                     "bổ sung, xin mang theo phiếu này.");
  if (*office->phone != '\0')
    {
      g_autofree char *contact = g_markup_printf_escaped ("Nếu có vướng mắc, xin liên hệ số điện thoại %s để "
                                                          "được hướng dẫn.", office->phone);
      paragraph (layout, contact);
    }
  mc_print_signatures (layout, office->applicant_title, d->applicant_name, office->receiver_title,
                       mc_print_receiving_official (office, d), FALSE);
}

void
mc_print_refusal (McPrintLayout        *layout,
                  const McPrintOffice  *office,
                  const McDossier      *d,
                  const McPrintOptions *options)
{
  received_from (layout, d);
  paragraph (layout, "Sau khi nghiên cứu, đối chiếu với quy định hiện hành, cơ quan, đơn vị từ chối tiếp nhận, "
                     "giải quyết hồ sơ này với lý do cụ thể như sau:");
  mc_print_items (layout, reason_for (d, options, MC_STATUS_REFUSED));
  paragraph (layout, "Xin thông báo để được biết và thực hiện.");
  mc_print_signatures (layout, NULL, NULL, office->receiver_title, mc_print_receiving_official (office, d), FALSE);
}

void
mc_print_apology (McPrintLayout        *layout,
                  const McPrintOffice  *office,
                  const McDossier      *d,
                  const McPrintOptions *options)
{
  g_autofree char *due = mc_print_date_time (d->due_at);
  g_autofree char *markup = NULL;

  received_from (layout, d);
  if (options->previous_due_at != 0)
    {
      g_autofree char *previous = mc_print_date_time (options->previous_due_at);

      mc_print_field (layout, "Thời gian hẹn trả kết quả trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả", previous);
    }
  paragraph (layout, "Đến nay, cơ quan, đơn vị chưa trả kết quả giải quyết hồ sơ đúng hạn. Lý do:");
  mc_print_items (layout, reason_for (d, options, MC_STATUS_INVALID));
  paragraph (layout, "Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại. Cơ quan, đơn vị xin lỗi và "
                     "hẹn lại thời gian trả kết quả (thời gian hẹn lại chỉ được đưa ra một lần):");
  markup = g_markup_printf_escaped ("<b>%s</b>", due);
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_CENTER, 0, markup);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  paragraph (layout, "Rất mong nhận được sự thông cảm.");
  mc_print_signatures (layout, NULL, NULL, office->head_title, NULL, TRUE);
}

void
mc_print_stop (McPrintLayout        *layout,
               const McPrintOffice  *office,
               const McDossier      *d,
               const McPrintOptions *options)
{
  const McStep *stopped = mc_print_last_step (d, MC_STATUS_STOPPED);
  gint64 at = stopped != NULL ? stopped->at : d->finished_at;

  received_from (layout, d);
  if (at != 0)
    {
      g_autofree char *when = mc_print_date_time (at);

      mc_print_field (layout, "Hồ sơ được dừng giải quyết từ", when);
    }
  paragraph (layout, "Cơ quan, đơn vị thông báo dừng giải quyết hồ sơ nêu trên với lý do như sau:");
  mc_print_items (layout, reason_for (d, options, MC_STATUS_STOPPED));
  paragraph (layout, "Xin thông báo để được biết và thực hiện.");
  mc_print_signatures (layout, NULL, NULL, office->head_title, NULL, TRUE);
}
