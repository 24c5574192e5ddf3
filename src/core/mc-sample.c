/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-catalog.h"
#include "mc-deadline.h"
#include "mc-sample.h"
#include "mc-time.h"

/* The deterministic sample generator. Dossier @index of seed @seed is a pure function of the
 * two and of "now": the simulator can serve dossier 731,204 without making the 731,203 before
 * it, and the same seed always gives the same data. Names carry every Vietnamese tone mark
 * and đ so that search and printing meet the hard cases in training, not only in production. */

/* splitmix64: tiny, fast, and the same on every platform (GRand's output is not promised to
 * stay the same across GLib versions). */
typedef struct { guint64 state; } Rng;

static guint64
rng_next (Rng *r)
{
  guint64 z = (r->state += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

static guint
rng_below (Rng *r, guint n)
{
  return (guint) (rng_next (r) % n);
}

#define PICK(r, array) (array[rng_below ((r), G_N_ELEMENTS (array))])

static const char *family_names[] = {
  "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
  "Hồ", "Ngô", "Dương", "Lý", "Đinh", "Đoàn", "Trịnh", "Lương", "Tôn Nữ", "Thạch", "Ông", "Quách",
};
static const char *middle_names[] = {
  "Văn", "Thị", "Hữu", "Đức", "Minh", "Ngọc", "Thanh", "Quốc", "Xuân", "Bảo", "Gia", "Kim",
  "Phương", "Thúy", "Đình", "Mỹ", "Trọng", "Thị Ngọc", "Hoài", "Khắc",
};
static const char *given_names[] = {
  "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hạnh", "Hiền", "Hòa", "Hùng",
  "Hương", "Khánh", "Lan", "Linh", "Long", "Mai", "Nam", "Nga", "Ngọc", "Nhung", "Phúc",
  "Phương", "Quân", "Quỳnh", "Sơn", "Tâm", "Thảo", "Thắng", "Thủy", "Tiến", "Trang", "Trung",
  "Tuấn", "Uyên", "Việt", "Vy", "Yến", "Đông", "Ánh", "Kỳ", "Lộc", "Mẫn", "Nghĩa", "Ỷ Lan",
};
static const char *organizations[] = {
  "Công ty TNHH Thương mại và Dịch vụ Đồng Tâm", "Hợp tác xã Nông nghiệp Tân Phú",
  "Câu lạc bộ Thể thao Phường Đông Hải", "Trường Mầm non Hoa Sen", "Chùa Phước Hải",
  "Hội Người cao tuổi xã Quảng Điền",
};
static const char *commune_names[] = {
  "Phú Lộc", "Tân Hòa", "Hòa Bình", "An Phú", "Đông Hưng", "Thạch Hà", "Quảng Điền", "Ea Kar",
  "Mường Thanh", "Cửa Lò", "Ngọc Lặc", "Vĩnh Bảo", "Đức Phổ", "Bảo Lộc", "Sóc Sơn", "Hữu Lũng",
  "Kỳ Anh", "Điện Bàn", "Châu Đốc", "Năm Căn", "Mỹ Tho", "Ỷ La", "Đồng Xoài", "Bắc Ái",
};
static const char *hamlets[] = {
  "thôn", "ấp", "tổ dân phố", "bản", "khóm", "buôn",
};
static const char *document_names[] = {
  "Tờ khai theo mẫu",
  "Căn cước của người yêu cầu",
  "Giấy xác nhận của Ủy ban nhân dân cấp xã về nơi cư trú",
  "Biên bản họp thôn, tổ dân phố đề nghị xét tặng danh hiệu",
  "Giấy khai sinh",
  "Giấy chứng nhận kết hôn",
  "Sổ hộ khẩu hoặc giấy xác nhận thông tin về cư trú",
  "Đơn đề nghị hưởng trợ cấp xã hội hằng tháng kèm theo bản sao giấy tờ chứng minh thuộc đối tượng "
  "bảo trợ xã hội theo quy định của pháp luật hiện hành",
  "Giấy chứng tử",
  "Học bạ hoặc giấy xác nhận kết quả học tập",
  "Quyết định công nhận của cơ quan có thẩm quyền",
  "Danh sách người tham gia sinh hoạt tôn giáo tập trung",
  "Văn bản ủy quyền có chứng thực",
  "Ảnh 4x6 chụp không quá 6 tháng",
};
static const char *officials[] = {
  "Nguyễn Thị Hằng", "Trần Văn Đức", "Lê Thị Mỹ Dung", "Phạm Quốc Khải", "Đỗ Thị Ngọc Ánh",
};
static const char *missing_items[] = {
  "Bản sao giấy khai sinh có chứng thực",
  "Giấy xác nhận nơi cư trú còn hiệu lực",
  "Chữ ký của người yêu cầu trên tờ khai",
  "Ảnh 4x6",
};

/* The training profile's five ministry systems, one per dialect, served by the embedded
 * simulator (its real address is set when the simulator starts). */
GPtrArray *
mc_sample_sources (void)
{
  GPtrArray *sources = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_source_free);

  g_ptr_array_add (sources, mc_source_new ("g03", "G03", "dvcqg", "Giáo dục và Đào tạo", "sim:g03", "000.00.15.H38", "canbo.xa"));
  g_ptr_array_add (sources, mc_source_new ("g09", "G09", "lgsp", "Nội vụ", "sim:g09", "000.00.15.H38", "motcua-client"));
  g_ptr_array_add (sources, mc_source_new ("g16", "G16", "rest", "Văn hóa, Thể thao và Du lịch", "sim:g16", "000.00.15.H38", "canbo.xa"));
  g_ptr_array_add (sources, mc_source_new ("g18", "G18", "feed", "Y tế", "sim:g18", "000.00.15.H38", "canbo.xa"));
  g_ptr_array_add (sources, mc_source_new ("g21", "G21", "legacy", "Dân tộc và Tôn giáo", "sim:g21", "000.00.15.H38", "canbo.xa"));
  return sources;
}

/* The sample commune's office and its receiving official: what a training profile prints and
 * records, so that no form of the sample carries a placeholder or a login name. Key, value
 * pairs, NULL-terminated (keys of mc-store-settings.c). */
const char * const *
mc_sample_settings (void)
{
  static const char * const settings[] = {
    "office.parent", "ỦY BAN NHÂN DÂN XÃ QUẢNG ĐIỀN",
    "office.unit", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    "office.place", "Quảng Điền",
    "office.phone", "0234 3 551 234",
    "official.name", "Nguyễn Thị Hằng",
    "official.title", "Công chức Văn hóa - Xã hội",
    "official.department", "Trung tâm Phục vụ hành chính công xã Quảng Điền",
    NULL,
  };

  return settings;
}

static const McProcedure *
pick_procedure (Rng        *r,
                const char *ministry)
{
  McCatalog *catalog = mc_catalog_get_default ();
  guint n = mc_catalog_get_n_procedures (catalog);
  guint start = rng_below (r, n);

  for (guint k = 0; k < n; k++)
    {
      const McProcedure *p = mc_catalog_get_procedure (catalog, (start + k) % n);

      if (g_str_equal (p->ministry, ministry))
        return p;
    }
  g_assert_not_reached ();
}

/* The due date of a sample dossier: the deadline engine on the default calendar (rules and
 * the official table, no local edits), so training shows the same dates as real work. */
static gint64
due_date (gint64             received_at,
          const McProcedure *proc)
{
  return mc_deadline_due (NULL, mc_calendar_get_default (), received_at, proc->duration, proc->unit);
}

/* A moment @age_days working days before @now, @minute minutes into the 8-hour office day
 * (07:00–11:30, 13:30–17:00), never later than @now. */
static GDateTime *
office_time (gint64 now,
             int    age_days,
             guint  minute)
{
  g_autoptr(GDateTime) local_now = mc_time_to_local (now);
  g_autoptr(GDateTime) day = g_date_time_new (mc_time_zone (), g_date_time_get_year (local_now),
                                              g_date_time_get_month (local_now),
                                              g_date_time_get_day_of_month (local_now), 7, 0, 0);
  GDateTime *t;

  minute += minute >= 270 ? 120 : 0; /* skip the lunch break */
  for (;;)
    {
      t = g_date_time_add_minutes (day, minute);
      if (g_date_time_get_day_of_week (day) < 6 && g_date_time_to_unix (t) <= now && age_days-- <= 0)
        return t;
      g_date_time_unref (t);
      t = g_date_time_add_days (day, -1);
      g_date_time_unref (day);
      day = t;
    }
}

/* Advances the history clock @t by @delta, never past @now: steps stay in order and in the past. */
static gint64
later (gint64 *t,
       gint64  delta,
       gint64  now)
{
  *t = MAX (*t, MIN (now, *t + delta));
  return *t;
}

/* Statuses with a realistic weight: most dossiers are in progress or finished. */
static McStatus
pick_status (Rng *r)
{
  static const McStatus weighted[] = {
    1, 1, 2, 2, 3, 4, 4, 4, 4, 4, 5, 5, 6, 7, 8, 9, 9, 9, 10, 10, 10, 10, 10, 10,
  };
  return PICK (r, weighted);
}

static char *
make_applicant_name (Rng *r)
{
  return g_strdup_printf ("%s %s %s", PICK (r, family_names), PICK (r, middle_names), PICK (r, given_names));
}

/* What the 766 report counts (payment, rating, citizen data, digitised components, reuse,
 * e-results, the files a ministry system lists), drawn from a stream of its own so that the
 * rest of the dossier stays what it was before these fields existed. Rates are plausible for a
 * commune in 2026, not measured; the sample generator's realism is its own work. */
static void
sample_report_fields (guint64    seed,
                      guint64    index,
                      McDossier *d)
{
  Rng r = { (seed ^ G_GUINT64_CONSTANT (0x766766766)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ (index + 1) };
  gboolean online = d->channel == MC_CHANNEL_ONLINE;
  gboolean resolved = d->status == MC_STATUS_RESOLVED || d->status == MC_STATUS_RETURNED;
  gboolean digitised = d->status != MC_STATUS_SUBMITTED && (online || rng_below (&r, 100) < 72);
  gboolean any_reused = FALSE;
  char hash[65];

  rng_next (&r);
  d->payment = MC_PAYMENT_NOT_REQUIRED;
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *fee = g_ptr_array_index (d->fees, i);
      guint p = rng_below (&r, 100);

      if (!fee->paid)
        d->payment = MC_PAYMENT_PENDING;
      else if (d->payment == MC_PAYMENT_NOT_REQUIRED)
        d->payment = p < (online ? 55u : 8u) ? MC_PAYMENT_PAID_ONLINE_PORTAL
                   : p < (online ? 75u : 12u) ? MC_PAYMENT_PAID_ONLINE_LOCAL : MC_PAYMENT_PAID_COUNTER;
    }
  d->satisfaction = MC_SATISFACTION_NOT_RATED;
  if (resolved && rng_below (&r, 100) < 35)
    {
      guint p = rng_below (&r, 100);

      d->satisfaction = p < 82 ? MC_SATISFACTION_SATISFIED : p < 93 ? MC_SATISFACTION_NEUTRAL : MC_SATISFACTION_DISSATISFIED;
    }
  d->citizen_data = d->applicant_kind == MC_APPLICANT_CITIZEN && rng_below (&r, 100) < 58 ? MC_FLAG_YES : MC_FLAG_NO;
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *doc = g_ptr_array_index (d->documents, i);

      doc->digitised = digitised ? MC_FLAG_YES : MC_FLAG_NO;
      doc->reused = digitised && rng_below (&r, 100) < 18 ? MC_FLAG_YES : MC_FLAG_NO;
      doc->from_store = online && rng_below (&r, 100) < 30 ? MC_FLAG_YES : MC_FLAG_NO;
      any_reused |= doc->reused == MC_FLAG_YES;
    }
  d->reused = any_reused ? MC_FLAG_YES : MC_FLAG_NO;
  d->files_known = TRUE;
  /* One scan of the whole dossier at the counter (an online one came with its files), and
   * the electronic result of most resolved dossiers. */
  if (digitised && d->documents->len > 0)
    {
      McFile *f = mc_dossier_add_file (d, MC_FILE_REMOTE, MC_FILE_COMPONENT, "ho-so-scan.pdf",
                                       ((McDocument *) g_ptr_array_index (d->documents, 0))->name,
                                       40000 + rng_below (&r, 2000000));

      g_snprintf (hash, sizeof hash, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                  rng_next (&r), rng_next (&r), rng_next (&r), rng_next (&r));
      f->hash = g_strconcat ("sha256:", hash, NULL);
      f->remote_id = g_strdup_printf ("F%" G_GUINT64_FORMAT "-1", index + 1);
    }
  if (resolved && d->results->len > 0 && rng_below (&r, 100) < 80)
    {
      McResult *res = g_ptr_array_index (d->results, 0);
      McFile *f = mc_dossier_add_file (d, MC_FILE_REMOTE, MC_FILE_RESULT, "ket-qua.pdf", NULL,
                                       20000 + rng_below (&r, 300000));
      g_autofree char *ministry = g_ascii_strup (d->source_id, -1);

      res->code = g_strdup_printf ("KQ.%s.%06u", ministry, rng_below (&r, 1000000));
      res->file_url = g_strdup_printf ("ket-qua/%" G_GUINT64_FORMAT ".pdf", index + 1);
      f->remote_id = g_strdup_printf ("F%" G_GUINT64_FORMAT "-2", index + 1);
    }
}

McDossier *
mc_sample_dossier (guint64 seed,
                   guint64 index,
                   gint64  now)
{
  static const char *ministries[] = { "G03", "G09", "G16", "G18", "G21" };
  Rng r = { seed * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D) ^ (index + 1) };
  McCatalog *catalog = mc_catalog_get_default ();
  McDossier *d = mc_dossier_new ();
  guint m = rng_below (&r, G_N_ELEMENTS (ministries));
  const McProcedure *proc = pick_procedure (&r, ministries[m]);
  const char *province = mc_catalog_get_province_code (catalog, rng_below (&r, mc_catalog_get_n_provinces (catalog)));
  const char *office = officials[rng_below (&r, G_N_ELEMENTS (officials))];
  g_autofree char *unit = NULL;
  g_autofree char *commune = NULL;
  g_autoptr(GDateTime) received = NULL;
  g_autofree char *day = NULL;
  int age_days;
  gint64 t;

  rng_next (&r); /* decorrelate from the seed's low bits */
  d->source_id = g_ascii_strdown (ministries[m], -1);
  d->procedure_code = g_strdup (proc->code);
  d->procedure_name = g_strdup (proc->name);
  d->field_code = g_strdup_printf ("%s-LV%02u", ministries[m], rng_below (&r, 12) + 1);
  d->status = pick_status (&r);

  if (rng_below (&r, 10) == 0)
    {
      d->applicant_kind = 2 + rng_below (&r, 3);
      d->applicant_name = g_strdup (PICK (&r, organizations));
    }
  else
    {
      d->applicant_kind = MC_APPLICANT_CITIZEN;
      d->applicant_name = make_applicant_name (&r);
    }
  /* Căn cước numbers: 3-digit province code, a century-and-sex digit, 2-digit birth year, 6 more. */
  d->id_number = g_strdup_printf ("0%s%u%02u%06u", province, rng_below (&r, 4), rng_below (&r, 100),
                                  rng_below (&r, 1000000));
  d->phone = g_strdup_printf ("0%c%08u", "3579"[rng_below (&r, 4)], rng_below (&r, 100000000));
  commune = g_strdup_printf ("%s %s", rng_below (&r, 4) == 0 ? "phường" : "xã", PICK (&r, commune_names));
  d->address = g_strdup_printf ("Số %u, %s %u, %s, %s", rng_below (&r, 300) + 1, PICK (&r, hamlets),
                                rng_below (&r, 20) + 1, commune, mc_catalog_province_name (catalog, province));
  unit = g_strdup_printf ("Bộ phận Một cửa UBND %s", commune);

  d->channel = d->status == MC_STATUS_SUBMITTED ? MC_CHANNEL_ONLINE : 1 + rng_below (&r, 3);
  d->return_method = d->channel == MC_CHANNEL_ONLINE ? MC_CHANNEL_ONLINE : 1 + rng_below (&r, 3);

  /* Receipts spread over the last 60 days, most of them recent, in office hours on weekdays;
   * the due date follows the procedure's duration, so some are due today, some soon and some
   * overdue. */
  age_days = (int) (rng_below (&r, 60) * (guint64) rng_below (&r, 1000) / 1000);
  received = office_time (now, age_days, rng_below (&r, 8 * 60));
  d->submitted_at = g_date_time_to_unix (received) - 60 * (gint64) rng_below (&r, 600);
  day = g_date_time_format (received, "%Y%m%d");
  d->number = g_strdup_printf ("%s.%s-%s-%07" G_GUINT64_FORMAT, ministries[m], province, day, index + 1);
  d->server_version = g_strdup_printf ("%u", 1 + rng_below (&r, 9));

  mc_dossier_add_step (d, d->submitted_at, d->applicant_name, NULL,
                       d->channel == MC_CHANNEL_ONLINE ? "Nộp hồ sơ trực tuyến" : "Nộp hồ sơ",
                       MC_STATUS_SUBMITTED, NULL);
  if (d->status != MC_STATUS_SUBMITTED)
    {
      d->received_at = g_date_time_to_unix (received);
      d->due_at = due_date (d->received_at, proc);
      mc_dossier_add_step (d, d->received_at, office, unit, "Tiếp nhận hồ sơ", MC_STATUS_RECEIVED, NULL);
    }
  t = d->received_at ? d->received_at : d->submitted_at;
  if (d->status >= MC_STATUS_PROCESSING && d->status != MC_STATUS_REFUSED)
    mc_dossier_add_step (d, later (&t, 3600, now), office, unit, "Chuyển xử lý", MC_STATUS_PROCESSING, NULL);
  if (d->status == MC_STATUS_REFUSED)
    mc_dossier_add_step (d, later (&t, 600, now), office, unit, "Từ chối tiếp nhận", MC_STATUS_REFUSED,
                         "Hồ sơ không thuộc thẩm quyền giải quyết của cấp xã");
  if (d->status == MC_STATUS_SUPPLEMENT_REQUESTED)
    {
      g_autofree char *items = g_strdup_printf ("%s\n%s", PICK (&r, missing_items), PICK (&r, missing_items));

      gint64 asked = later (&t, 7200, now);

      mc_dossier_add_supplement (d, asked, items, 0);
      mc_dossier_add_step (d, asked, office, unit, "Yêu cầu bổ sung hồ sơ",
                           MC_STATUS_SUPPLEMENT_REQUESTED, items);
    }
  if (d->status == MC_STATUS_STOPPED || d->status == MC_STATUS_WITHDRAWN)
    d->finished_at = later (&t, 86400, now);
  if (d->status == MC_STATUS_RESOLVED || d->status == MC_STATUS_RETURNED)
    {
      g_autofree char *result_number = g_strdup_printf ("%u/QĐ-UBND", rng_below (&r, 900) + 100);

      d->finished_at = later (&t, (d->due_at - d->received_at) * (gint64) (50 + rng_below (&r, 70)) / 100, now);
      mc_dossier_add_result (d, "Quyết định giải quyết", result_number, d->finished_at);
      mc_dossier_add_step (d, d->finished_at, office, unit, "Đã có kết quả", MC_STATUS_RESOLVED, NULL);
      if (d->status == MC_STATUS_RETURNED)
        {
          d->returned_at = later (&t, 86400, now);
          mc_dossier_add_step (d, d->returned_at, office, unit, "Trả kết quả", MC_STATUS_RETURNED, NULL);
        }
    }

  for (guint i = 0, n = 1 + rng_below (&r, 6); i < n; i++)
    mc_dossier_add_document (d, document_names[(index + i * 5) % G_N_ELEMENTS (document_names)],
                             rng_below (&r, 2), 1 + rng_below (&r, 2));
  if (proc->fee_vnd > 0 || rng_below (&r, 4) == 0)
    {
      static const gint64 amounts[] = { 20000, 50000, 100000, 1250000 };

      mc_dossier_add_fee (d, "Lệ phí giải quyết thủ tục", PICK (&r, amounts),
                          d->status >= MC_STATUS_PROCESSING && d->status != MC_STATUS_FEE_REQUESTED);
    }
  sample_report_fields (seed, index, d);
  return d;
}
