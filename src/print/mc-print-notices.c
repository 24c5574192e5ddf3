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
  /* A refused dossier was never received: it was handed in. */
  g_autofree char *received = d->received_at && d->status != MC_STATUS_REFUSED ? mc_print_date_time (d->received_at)
                                                                                : NULL;
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
  /* Mẫu số 02: one signature, the official who guided the applicant; the applicant does not sign. */
  mc_print_signatures (layout, NULL, NULL, "NGƯỜI HƯỚNG DẪN",
                       mc_print_official_for (office, d, MC_STATUS_SUPPLEMENT_REQUESTED), FALSE);
}

/* "Xin thông báo cho Ông/Bà được biết và thực hiện./.", or to the organization. */
static void
closing (McPrintLayout   *layout,
         const McDossier *d)
{
  g_autofree char *text = g_strdup_printf ("Xin thông báo cho %s được biết và thực hiện./.",
                                           d->applicant_kind == MC_APPLICANT_CITIZEN ? "Ông/Bà" : "Quý tổ chức");

  paragraph (layout, text);
}

/* Mẫu số 03: at the counter, the receiving official refuses the dossier and says why; both the
 * applicant and the official sign. */
void
mc_print_refusal (McPrintLayout        *layout,
                  const McPrintOffice  *office,
                  const McDossier      *d,
                  const McPrintOptions *options)
{
  g_autofree char *agency = mc_print_agency (office);
  g_autofree char *text = g_markup_printf_escaped ("Sau khi xem xét, đối chiếu với quy định hiện hành, %s không "
                                                   "tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:", agency);

  received_from (layout, d);
  paragraph (layout, text);
  mc_print_items (layout, reason_for (d, options, MC_STATUS_REFUSED));
  closing (layout, d);
  mc_print_signatures (layout, office->applicant_title, d->applicant_name, office->receiver_title,
                       mc_print_official_for (office, d, MC_STATUS_REFUSED), FALSE);
}

/* Mẫu số 04: the letter of apology, with what the reschedule recorded: the due date missed,
 * the reason and the new date (given once). */
void
mc_print_apology (McPrintLayout        *layout,
                  const McPrintOffice  *office,
                  const McDossier      *d,
                  const McPrintOptions *options)
{
  const McReschedule *r = d->reschedule;
  g_autofree char *agency = mc_print_agency (office);
  g_autofree char *received = mc_print_date (d->received_at ? d->received_at : d->submitted_at);
  g_autofree char *missed = mc_print_date_time (r->due_before);
  g_autofree char *due = mc_print_date_time (r->due_after);
  const char *you = d->applicant_kind == MC_APPLICANT_CITIZEN ? "Ông/Bà" : "Quý tổ chức";
  g_autofree char *to = g_markup_printf_escaped ("Kính gửi: <b>%s</b>", d->applicant_name);
  g_autofree char *facts = g_markup_printf_escaped (
    "Ngày %s, %s tiếp nhận hồ sơ đề nghị giải quyết thủ tục %s (mã thủ tục %s) của %s %s%s%s; mã hồ sơ: %s.",
    received + strlen ("ngày "), agency, d->procedure_name, d->procedure_code, mc_print_applicant_label (d->applicant_kind),
    d->applicant_name, d->id_number ? ", số định danh " : "", d->id_number ? d->id_number : "", d->number);
  g_autofree char *late = g_markup_printf_escaped (
    "Thời gian hẹn trả kết quả giải quyết hồ sơ ghi trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả: %s. Đến nay, %s "
    "chưa trả kết quả giải quyết hồ sơ cho %s đúng thời hạn.", missed, agency, you);
  g_autofree char *sorry = g_markup_printf_escaped (
    "%s xin lỗi %s vì sự chậm trễ này đã gây phiền hà, tốn kém chi phí, công sức đi lại, và hẹn trả kết quả "
    "giải quyết hồ sơ vào:", agency, you);
  g_autofree char *when = g_markup_printf_escaped ("<b>%s</b>", due);
  g_autofree char *hope = g_strdup_printf ("Rất mong nhận được sự thông cảm của %s./.", you);

  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_CENTER, 0, to);
  mc_print_layout_space (layout, 8);
  paragraph (layout, facts);
  paragraph (layout, late);
  paragraph (layout, "Lý do:");
  mc_print_items (layout, options->reason && *options->reason ? options->reason : r->reason);
  paragraph (layout, sorry);
  mc_print_layout_paragraph (layout, 0, PANGO_ALIGN_CENTER, 0, when);
  mc_print_layout_space (layout, MC_PRINT_PARAGRAPH_SPACE);
  paragraph (layout, hope);
  mc_print_signatures (layout, NULL, NULL, office->head_title, NULL, TRUE);
}

/* Mẫu số 05: processing stops (the applicant withdrew, or it was stopped) before any result:
 * when and why, from the step that stopped it. */
void
mc_print_stop (McPrintLayout        *layout,
               const McPrintOffice  *office,
               const McDossier      *d,
               const McPrintOptions *options)
{
  McStatus status = d->status == MC_STATUS_WITHDRAWN ? MC_STATUS_WITHDRAWN : MC_STATUS_STOPPED;
  const McStep *stopped = mc_print_last_step (d, status);
  g_autofree char *agency = mc_print_agency (office);
  g_autofree char *text = NULL;

  received_from (layout, d);
  if (stopped != NULL)
    {
      g_autofree char *when = mc_print_date_time (stopped->at);

      mc_print_field (layout, status == MC_STATUS_WITHDRAWN ? "Thời gian người nộp hồ sơ đề nghị dừng giải quyết"
                                                            : "Thời gian dừng giải quyết hồ sơ", when);
    }
  text = g_markup_printf_escaped ("%s thông báo dừng giải quyết hồ sơ nêu trên%s với lý do như sau:", agency,
                                  status == MC_STATUS_WITHDRAWN ? " theo đề nghị của người nộp hồ sơ" : "");
  paragraph (layout, text);
  mc_print_items (layout, reason_for (d, options, status));
  closing (layout, d);
  mc_print_signatures (layout, NULL, NULL, office->head_title, NULL, TRUE);
}
