/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-print-text.h"
#include "mc-time.h"

/* "ngày 05 tháng 4 năm 2026" in Vietnam time. The rule for administrative documents (Decree
 * 30/2020/NĐ-CP) pads a day below 10 and the months 1 and 2 with a zero, so that nobody can
 * turn "ngày 5 tháng 1" into "ngày 15 tháng 11" with a pen; the other months are written as
 * they are. */
char *
mc_print_date (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = mc_time_to_local (unix_seconds);
  int month = g_date_time_get_month (dt);

  return g_strdup_printf ("ngày %02d tháng %s%d năm %d", g_date_time_get_day_of_month (dt),
                          month <= 2 ? "0" : "", month, g_date_time_get_year (dt));
}

/* "08 giờ 30 phút, ngày 23 tháng 4 năm 2026", how a receipt states when to come back. */
char *
mc_print_date_time (gint64 unix_seconds)
{
  g_autoptr(GDateTime) dt = mc_time_to_local (unix_seconds);
  g_autofree char *date = mc_print_date (unix_seconds);

  return g_strdup_printf ("%02d giờ %02d phút, %s", g_date_time_get_hour (dt), g_date_time_get_minute (dt),
                          date);
}

/* "1.250.000 đồng": grouped with dots the Vietnamese way, not the locale's, since the form is
 * Vietnamese even when printed from an English desktop. */
char *
mc_print_amount (gint64 amount_vnd)
{
  g_autofree char *digits = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                             amount_vnd < 0 ? -(guint64) amount_vnd : (guint64) amount_vnd);
  g_autoptr(GString) out = g_string_new (amount_vnd < 0 ? "-" : "");
  gsize n = strlen (digits);

  for (gsize i = 0; i < n; i++)
    {
      if (i > 0 && (n - i) % 3 == 0)
        g_string_append_c (out, '.');
      g_string_append_c (out, digits[i]);
    }
  g_string_append (out, " đồng");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* TrangThaiHoSo as the national portal names it. */
const char *
mc_print_status_label (McStatus status)
{
  switch (status)
    {
    case MC_STATUS_SUBMITTED: return "Mới đăng ký";
    case MC_STATUS_RECEIVED: return "Được tiếp nhận";
    case MC_STATUS_REFUSED: return "Không được tiếp nhận";
    case MC_STATUS_PROCESSING: return "Đang xử lý";
    case MC_STATUS_SUPPLEMENT_REQUESTED: return "Yêu cầu bổ sung giấy tờ";
    case MC_STATUS_FEE_REQUESTED: return "Yêu cầu thực hiện nghĩa vụ tài chính";
    case MC_STATUS_WITHDRAWN: return "Công dân yêu cầu rút hồ sơ";
    case MC_STATUS_STOPPED: return "Dừng xử lý";
    case MC_STATUS_RESOLVED: return "Đã xử lý xong";
    case MC_STATUS_RETURNED: return "Đã trả kết quả";
    case MC_STATUS_INVALID:
    default: return "";
    }
}

const char *
mc_print_return_method (McChannel channel)
{
  switch (channel)
    {
    case MC_CHANNEL_IN_PERSON: return "Nhận trực tiếp tại Bộ phận Một cửa";
    case MC_CHANNEL_ONLINE: return "Nhận trực tuyến trên Cổng Dịch vụ công";
    case MC_CHANNEL_POST: return "Nhận qua dịch vụ bưu chính công ích";
    default: return "";
    }
}

/* How the form addresses the applicant: a person or an organization. */
const char *
mc_print_applicant_label (McApplicantKind kind)
{
  return kind == MC_APPLICANT_CITIZEN ? "Ông/Bà" : "Tổ chức";
}
