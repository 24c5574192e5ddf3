/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-deadline.h"
#include "mc-sample-private.h"
#include "mc-time.h"

/* The deterministic sample generator: one commune per seed, whose work over a span of time
 * looks like a real one-stop shop's (shared/domain/sample-realism.md). Dossier @index of a
 * plan is a pure function of the plan and the index: the simulator can serve dossier 731,204
 * without making the 731,203 before it, and the same seed always gives the same data.
 *
 * Each dossier lives a life: it arrives on a working day at a believable hour, is received
 * (or refused at reception), forwarded, perhaps sent back for a supplement or rescheduled with
 * an apology, resolved and its result returned; every step in office hours on a working day
 * of the calendar. Its status is where that life stands at "now": recent dossiers are still
 * in progress, older ones are finished, and every status was put there by a step. */

#define DAY_MINUTES 480          /* 07:00–11:30 and 13:30–17:00 */
#define MORNING_MINUTES 270
#define VN_OFFSET (7 * 3600)
#define DAYS_AHEAD 400           /* planned events reach this far past "now" */

/* The merger of 1 July 2025: the communes and addresses of the sample exist from then on. */
#define MERGER_DAY 20270         /* 2025-07-01, days since 1970-01-01 */

struct _McSample
{
  guint64 seed;
  gint64 now;
  const McSampleCommuneData *commune;
  guint64 ministries;    /* bit i: mix entry i's ministry is served; all bits without a filter */
  char *officials[4];    /* two at the counter, the culture–society official, the leader */
  char *counter_unit;
  char *office_unit;

  gint64 first_day;      /* local day numbers (UTC+7), days since 1970-01-01 */
  gint64 today;
  guint8 *working;       /* first_day … today + DAYS_AHEAD */
  double *cumulative;    /* expected arrivals from first_day to each day up to today */
  double total;
  int now_minute;        /* working minutes of today before now, 0 … 480 */
};

/* The arrivals over the day, per half hour: busy 08:00–10:00 and 14:00–15:00, almost nothing
 * after 16:30 (§5.2 "Daily shape"). */
static const double slot_weights[16] = {
  0.6, 1.0, 1.5, 1.6, 1.6, 1.5, 1.2, 1.0, 0.6,   /* 07:00 … 11:00 */
  0.8, 1.4, 1.4, 1.0, 0.7, 0.5, 0.15,            /* 13:30 … 16:30 */
};

/* Monday is the heaviest day. */
static const double weekday_weights[8] = { 0, 1.3, 1.05, 1.0, 1.0, 0.9, 0, 0 };

/* The step names as the ministry systems record them, the same as the actions of the store
 * write (mc-store-actions.c). */
#define STEP_SUBMIT_ONLINE "Nộp hồ sơ trực tuyến"
#define STEP_SUBMIT "Nộp hồ sơ"
#define STEP_RECEIVE "Tiếp nhận hồ sơ"
#define STEP_REFUSE "Từ chối tiếp nhận"
#define STEP_FORWARD "Chuyển xử lý"
#define STEP_FEE "Yêu cầu thực hiện nghĩa vụ tài chính"
#define STEP_FEE_PAID "Đã thực hiện nghĩa vụ tài chính"
#define STEP_SUPPLEMENT "Yêu cầu bổ sung hồ sơ"
#define STEP_SUPPLEMENT_RECEIVED "Nhận hồ sơ bổ sung"
#define STEP_RECORD "Cập nhật quá trình xử lý"
#define STEP_RESCHEDULE "Gia hạn thời gian giải quyết"
#define STEP_STOP "Dừng xử lý"
#define STEP_RESOLVE "Đã có kết quả"
#define STEP_RETURN "Trả kết quả"
#define STEP_WITHDRAW "Công dân xin rút hồ sơ"

/* Days and minutes */

static gint64
local_day (gint64 t)
{
  return (t + VN_OFFSET) / 86400;
}

static gint64
day_start (gint64 day)
{
  return day * 86400 - VN_OFFSET;
}

static gboolean
is_working (const McSample *self,
            gint64          day)
{
  GDate date;

  if (day >= self->first_day && day <= self->today + DAYS_AHEAD)
    return self->working[day - self->first_day];
  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + 719163));
  return mc_calendar_is_working_day (mc_calendar_get_default (), &date);
}

/* The moment @m working minutes into day @day (07:00 + m, the lunch break skipped). */
static gint64
at_minute (gint64 day,
           int    m)
{
  return day_start (day) + 60 * (7 * 60 + m + (m >= MORNING_MINUTES ? 120 : 0));
}

/* Where @t stands in working time: its day and working minute, or the next working minute
 * when @t is outside office hours. */
static void
position (const McSample *self,
          gint64          t,
          gint64         *out_day,
          int            *out_m)
{
  gint64 day = local_day (t);
  int clock = (int) ((t - day_start (day)) / 60) - 7 * 60;
  int m = clock < 0 ? 0 : clock < MORNING_MINUTES ? clock : clock < MORNING_MINUTES + 120 ? MORNING_MINUTES
        : clock - 120;

  if (m >= DAY_MINUTES || !is_working (self, day))
    {
      do
        day++;
      while (!is_working (self, day));
      m = 0;
    }
  *out_day = day;
  *out_m = m;
}

/* The working minutes of today (the plan's) before @t: 0 … DAY_MINUTES. */
static int
minutes_past (const McSample *self,
              gint64          t)
{
  gint64 day;
  int m;

  position (self, t, &day, &m);
  return day == self->today ? m : is_working (self, self->today) ? DAY_MINUTES : 0;
}

/* @minutes of working time after @t (@t moved into office hours first). */
static gint64
advance (const McSample *self,
         gint64          t,
         gint64          minutes)
{
  gint64 day;
  int m;

  position (self, t, &day, &m);
  minutes += m;
  while (minutes >= DAY_MINUTES)
    {
      do
        day++;
      while (!is_working (self, day));
      minutes -= DAY_MINUTES;
    }
  return at_minute (day, (int) minutes) + (t % 60 + 60) % 60;
}

/* The working minutes from @from to @to (both moved into office hours). */
static gint64
minutes_between (const McSample *self,
                 gint64          from,
                 gint64          to)
{
  gint64 d1, d2, total = 0;
  int m1, m2;

  position (self, from, &d1, &m1);
  position (self, to, &d2, &m2);
  if (d2 < d1 || (d2 == d1 && m2 <= m1))
    return 0;
  for (gint64 day = d1; day < d2; day++)
    total += is_working (self, day) ? DAY_MINUTES : 0;
  return total - m1 + m2;
}

static int
month_of (gint64 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (day + 719163));
  return g_date_get_month (&date);
}

static int
year_of (gint64 t)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (local_day (t) + 719163));
  return g_date_get_year (&date);
}

/* "20261118": the local date of @t. */
static char *
date_digits (gint64 t)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, (guint32) (local_day (t) + 719163));
  return g_strdup_printf ("%04d%02d%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
}

static int
weekday_of (gint64 day)
{
  return (int) ((day + 3) % 7) + 1;  /* 1970-01-01 was a Thursday; Monday = 1 */
}

/* The plan */

/* The weekly volume of procedure @m in month @month: in mountain and ethnic-minority
 * communes, less education and more religious and social work (§5.2). */
static double
weekly_rate (const McSampleCommuneData *commune,
             const McSampleMix         *m,
             int                        month)
{
  double rate = m->only[month] ? m->weekly * m->peak[month] : 0;

  if (mc_sample_commune_is_minority (commune))
    {
      if (g_str_equal (m->procedure->ministry, "G03"))
        rate *= 0.6;
      else if (g_str_equal (m->procedure->ministry, "G21"))
        rate *= 1.5;
    }
  return rate;
}

static double
day_rate (const McSample *self,
          gint64          day)
{
  int month = month_of (day);
  double week = 0;

  if (!is_working (self, day))
    return 0;
  for (guint i = 0; i < mc_sample_data_n_mix (); i++)
    if (self->ministries & (G_GUINT64_CONSTANT (1) << i))
      week += weekly_rate (self->commune, mc_sample_data_mix (i), month);
  return week * weekday_weights[weekday_of (day)] / 5.25;
}

McSample *
mc_sample_new (guint64 seed,
               guint64 n_dossiers,
               gint64  now)
{
  return mc_sample_new_for (seed, n_dossiers, now, NULL);
}

/* The plan of the dossiers of @ministries only ("G16", …; NULL: all five): what one ministry's
 * system holds of the commune's work, @n_dossiers of them. */
McSample *
mc_sample_new_for (guint64            seed,
                   guint64            n_dossiers,
                   gint64             now,
                   const char *const *ministries)
{
  McSample *self = g_new0 (McSample, 1);
  g_autoptr(GArray) rates = g_array_new (FALSE, FALSE, sizeof (double));
  double expected = 0, elapsed = 0;
  gint64 day;

  self->seed = seed;
  self->now = now;
  self->commune = mc_sample_data_commune (mc_sample_commune_index (seed));
  g_assert (mc_sample_data_n_mix () <= 64);
  for (guint i = 0; i < mc_sample_data_n_mix (); i++)
    if (ministries == NULL || g_strv_contains (ministries, mc_sample_data_mix (i)->procedure->ministry))
      self->ministries |= G_GUINT64_CONSTANT (1) << i;
  if (self->ministries == 0)
    g_error ("mc_sample_new_for: none of these ministries has procedures in the sample");
  self->today = local_day (now);

  /* Back from today, a day at a time, until the expected arrivals make the sample (or the
   * merger is reached: a bigger sample is then a busier commune). The bitmap first covers a
   * generous span; it is cut to size below. */
  self->first_day = MERGER_DAY < self->today - 2000 ? self->today - 2000 : MIN (MERGER_DAY, self->today - 60);
  self->working = g_new0 (guint8, self->today + DAYS_AHEAD - self->first_day + 1);
  for (day = self->first_day; day <= self->today + DAYS_AHEAD; day++)
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, (guint32) (day + 719163));
      self->working[day - self->first_day] = mc_calendar_is_working_day (mc_calendar_get_default (), &date);
    }
  /* Today counts for the office hours already past. */
  {
    double all_day = 0;

    self->now_minute = minutes_past (self, now);
    for (int s = 0; s < 16; s++)
      all_day += slot_weights[s];
    for (int s = 0; s < 16; s++)
      elapsed += slot_weights[s] / all_day * CLAMP ((self->now_minute - s * 30) / 30.0, 0, 1);
  }
  for (day = self->today; day >= self->first_day && (expected < n_dossiers || expected == 0); day--)
    {
      double rate = day_rate (self, day) * (day == self->today ? elapsed : 1);

      g_array_prepend_val (rates, rate);
      expected += rate;
    }
  {
    gint64 first = self->today - rates->len + 1;
    guint8 *working = g_memdup2 (self->working + (first - self->first_day), self->today + DAYS_AHEAD - first + 1);

    g_free (self->working);
    self->working = working;
    self->first_day = first;
  }
  self->cumulative = g_new (double, rates->len);
  for (guint i = 0; i < rates->len; i++)
    self->cumulative[i] = (self->total += g_array_index (rates, double, i));
  mc_sample_officials (self->commune, seed, self->officials);
  self->counter_unit = g_strdup_printf ("Trung tâm Phục vụ hành chính công %s", self->commune->pub.commune);
  self->office_unit = g_strdup_printf ("Ủy ban nhân dân %s", self->commune->pub.commune);
  return self;
}

void
mc_sample_free (McSample *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (self->officials); i++)
    g_free (self->officials[i]);
  g_free (self->counter_unit);
  g_free (self->office_unit);
  g_free (self->working);
  g_free (self->cumulative);
  g_free (self);
}

const McSampleCommune *
mc_sample_get_commune (McSample *self)
{
  return &self->commune->pub;
}

/* One dossier */

typedef struct
{
  const McSample *plan;
  McSampleRng *r;
  McDossier *d;
  const McSampleMix *mix;
  gint64 now;
  McStatus status;         /* where the life stands at the last step kept */
  gboolean ended;          /* a step fell after "now": nothing later is kept */
  McDeadlineClock clock;   /* the due date as the steps so far left it */
  McSupplement *supplement;
  gboolean fee_paid;
} Life;

/* Records a step of the life unless it is still in the future. Returns whether it was kept. */
static gboolean
step (Life       *life,
      gint64      at,
      const char *actor,
      const char *unit,
      const char *action,
      McStatus    status,
      const char *note)
{
  if (life->ended || at > life->now)
    {
      life->ended = TRUE;
      return FALSE;
    }
  mc_dossier_add_step (life->d, at, actor, unit, action, status, note);
  life->status = status;
  return TRUE;
}

static const char *
counter_official (const Life *life)
{
  return life->plan->officials[mc_sample_rng_below (life->r, 2)];
}

/* The arrival: a working day drawn by the expected volume of each day, then the procedure by
 * its weight that month, then the hour by the day's shape. */
static gint64
arrival (Life *life)
{
  const McSample *plan = life->plan;
  double u = (mc_sample_rng_next (life->r) >> 11) * (plan->total / 9007199254740992.0);
  guint n_days = (guint) (plan->today - plan->first_day + 1), lo = 0, hi = n_days - 1;
  gint64 day;
  int month, limit, minute, slot = 0;
  double weights[64], total = 0, slots = 0, x;
  guint n_mix = MIN (mc_sample_data_n_mix (), G_N_ELEMENTS (weights));

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (plan->cumulative[mid] > u)
        hi = mid;
      else
        lo = mid + 1;
    }
  day = plan->first_day + lo;
  month = month_of (day);
  for (guint i = 0; i < n_mix; i++)
    total += weights[i] = plan->ministries & (G_GUINT64_CONSTANT (1) << i)
                          ? weekly_rate (plan->commune, mc_sample_data_mix (i), month) : 0;
  x = (mc_sample_rng_next (life->r) >> 11) * (total / 9007199254740992.0);
  life->mix = NULL;
  for (guint i = 0; i < n_mix && life->mix == NULL; i++)
    if (weights[i] > 0 && (x -= weights[i]) < 0)
      life->mix = mc_sample_data_mix (i);
  for (guint i = n_mix; life->mix == NULL && i > 0; i--)  /* rounding: the last one served */
    if (weights[i - 1] > 0)
      life->mix = mc_sample_data_mix (i - 1);
  /* Today only the office hours already past. */
  limit = day == plan->today ? MAX (plan->now_minute, 1) : DAY_MINUTES;
  for (int s = 0; s * 30 < limit; s++)
    slots += slot_weights[s];
  x = (mc_sample_rng_next (life->r) >> 11) * (slots / 9007199254740992.0);
  while (slot * 30 + 30 < limit && (x -= slot_weights[slot]) >= 0)
    slot++;
  minute = slot * 30 + (int) mc_sample_rng_below (life->r, 30);
  return at_minute (day, MIN (minute, limit - 1)) + mc_sample_rng_below (life->r, 60);
}

static char *
fill_template (const char                *template,
               const McSampleCommuneData *commune,
               McSampleRng               *r)
{
  g_autofree char *hamlet = mc_sample_hamlet (commune, r);
  GString *s = g_string_new (template);

  g_string_replace (s, "{hamlet}", hamlet, 0);
  g_string_replace (s, "{commune}", commune->pub.commune, 0);
  g_string_replace (s, "{place}", commune->pub.name, 0);
  return g_string_free (s, FALSE);
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
  McSampleRng r = { (seed ^ G_GUINT64_CONSTANT (0x766766766)) * G_GUINT64_CONSTANT (0x9E3779B97F4A7C15) ^ (index + 1) };
  gboolean online = d->channel == MC_CHANNEL_ONLINE;
  gboolean resolved = d->status == MC_STATUS_RESOLVED || d->status == MC_STATUS_RETURNED;
  gboolean digitised = d->status != MC_STATUS_SUBMITTED && (online || mc_sample_rng_below (&r, 100) < 72);
  gboolean any_reused = FALSE;
  char hash[65];

  mc_sample_rng_next (&r);
  d->payment = MC_PAYMENT_NOT_REQUIRED;
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *fee = g_ptr_array_index (d->fees, i);
      guint p = mc_sample_rng_below (&r, 100);

      if (!fee->paid)
        d->payment = MC_PAYMENT_PENDING;
      else if (d->payment == MC_PAYMENT_NOT_REQUIRED)
        d->payment = p < (online ? 55u : 8u) ? MC_PAYMENT_PAID_ONLINE_PORTAL
                   : p < (online ? 75u : 12u) ? MC_PAYMENT_PAID_ONLINE_LOCAL : MC_PAYMENT_PAID_COUNTER;
    }
  d->satisfaction = MC_SATISFACTION_NOT_RATED;
  if (resolved && mc_sample_rng_below (&r, 100) < 35)
    {
      guint p = mc_sample_rng_below (&r, 100);

      d->satisfaction = p < 82 ? MC_SATISFACTION_SATISFIED : p < 93 ? MC_SATISFACTION_NEUTRAL : MC_SATISFACTION_DISSATISFIED;
    }
  d->citizen_data = d->applicant_kind == MC_APPLICANT_CITIZEN && mc_sample_rng_below (&r, 100) < 58 ? MC_FLAG_YES : MC_FLAG_NO;
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *doc = g_ptr_array_index (d->documents, i);

      doc->digitised = digitised ? MC_FLAG_YES : MC_FLAG_NO;
      doc->reused = digitised && mc_sample_rng_below (&r, 100) < 18 ? MC_FLAG_YES : MC_FLAG_NO;
      doc->from_store = online && mc_sample_rng_below (&r, 100) < 30 ? MC_FLAG_YES : MC_FLAG_NO;
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
                                       40000 + mc_sample_rng_below (&r, 2000000));

      g_snprintf (hash, sizeof hash, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
                  mc_sample_rng_next (&r), mc_sample_rng_next (&r), mc_sample_rng_next (&r), mc_sample_rng_next (&r));
      f->hash = g_strconcat ("sha256:", hash, NULL);
      f->remote_id = g_strdup_printf ("F%" G_GUINT64_FORMAT "-1", index + 1);
    }
  if (resolved && d->results->len > 0 && mc_sample_rng_below (&r, 100) < 80)
    {
      McResult *res = g_ptr_array_index (d->results, 0);
      McFile *f = mc_dossier_add_file (d, MC_FILE_REMOTE, MC_FILE_RESULT, "ket-qua.pdf", NULL,
                                       20000 + mc_sample_rng_below (&r, 300000));
      g_autofree char *ministry = g_ascii_strup (d->source_id, -1);

      res->code = g_strdup_printf ("KQ.%s.%06u", ministry, mc_sample_rng_below (&r, 1000000));
      res->file_url = g_strdup_printf ("ket-qua/%" G_GUINT64_FORMAT ".pdf", index + 1);
      f->remote_id = g_strdup_printf ("F%" G_GUINT64_FORMAT "-2", index + 1);
    }
}

/* A 10-digit tax code (mã số thuế) with its check digit [R: the weights 31, 29, 23, 19, 17,
 * 13, 7, 5, 3 of the tax authority's rule]; the first two digits place it in the province. */
static char *
tax_code (const McSampleCommuneData *commune,
          McSampleRng               *r)
{
  static const int w[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };

  for (;;)
    {
      g_autofree char *body = g_strdup_printf ("%s%07u", commune->pub.province_code, mc_sample_rng_below (r, 10000000));
      int sum = 0, check;

      for (int i = 0; i < 9; i++)
        sum += w[i] * (body[i] - '0');
      check = 10 - sum % 11;
      if (check >= 0 && check <= 9)
        return g_strdup_printf ("%s%d", body, check);
    }
}

static void
applicant (Life  *life,
           guint64 index,
           gint64  at)
{
  const McSampleCommuneData *commune = life->plan->commune;
  const McSampleMix *mix = life->mix;
  McDossier *d = life->d;
  McSamplePerson person = { 0 };
  int year = year_of (at);

  if (mix->org_percent > 0 && mc_sample_rng_percent (life->r, mix->org_percent))
    {
      /* A thôn committee, a pagoda, a religious group: no business code, so the
       * representative's own number (§2.2); schools and companies: their tax code. */
      mc_sample_person_make (&person, commune, life->r, index, year, 35, 70);
      d->applicant_kind = mix->org_kind;
      d->applicant_name = fill_template (mix->org_name, commune, life->r);
      d->id_number = mix->org_kind == MC_APPLICANT_OTHER_ORGANIZATION ? g_strdup (person.id_number)
                                                                       : tax_code (commune, life->r);
      d->phone = mix->org_kind == MC_APPLICANT_OTHER_ORGANIZATION ? g_strdup (person.phone)
                                                                  : mc_sample_landline (commune, life->r);
      d->address = g_strdup (person.address);
    }
  else
    {
      mc_sample_person_make (&person, commune, life->r, index, year, mix->age_min, mix->age_max);
      d->applicant_kind = MC_APPLICANT_CITIZEN;
      d->applicant_name = g_strdup (person.name);
      d->id_number = g_strdup (person.id_number);
      d->phone = g_strdup (person.phone);
      d->address = g_strdup (person.address);
    }
  if (*d->phone == '\0')
    g_clear_pointer (&d->phone, g_free);
  mc_sample_person_clear (&person);
}

/* The documents of the procedure for one of its cases: every one it always needs, the
 * conditional ones now and then; what is only shown at the counter is not handed in. */
static void
documents (Life *life)
{
  const McProcedure *p = life->mix->procedure;
  g_auto(GStrv) cases = mc_procedure_list_cases (p);
  const char *case_name = cases[0] ? cases[mc_sample_rng_below (life->r, g_strv_length (cases))] : NULL;

  for (guint i = 0; i < p->documents->len; i++)
    {
      const McProcedureDocument *doc = g_ptr_array_index (p->documents, i);

      if (doc->form == MC_DOCUMENT_SHOWN || !mc_procedure_document_applies (doc, case_name)
          || (doc->optional && !mc_sample_rng_percent (life->r, 25)))
        continue;
      mc_dossier_add_document (life->d, doc->name, mc_document_form_is_copy (doc->form), doc->count);
    }
}

/* What a supplement asks for: documents of the procedure that were missing or wrong. */
static char *
supplement_items (Life *life)
{
  const McProcedure *p = life->mix->procedure;
  GString *items = g_string_new (NULL);

  for (guint i = 0; i < p->documents->len; i++)
    {
      const McProcedureDocument *doc = g_ptr_array_index (p->documents, i);

      if (doc->form != MC_DOCUMENT_SHOWN && (items->len == 0 || mc_sample_rng_percent (life->r, 30)))
        {
          g_autofree char *name = g_utf8_strdown (doc->name, 1);
          const char *rest = g_utf8_next_char (doc->name);

          g_string_append_printf (items, "%s%s %s%s", items->len ? "\n" : "", mc_document_form_legal (doc->form),
                                  name, rest);
        }
    }
  if (mc_sample_rng_percent (life->r, 30))
    g_string_append (items, "\nChữ ký, ghi rõ họ tên của người đề nghị trên tờ khai");
  return g_string_free (items, FALSE);
}

static void
fee (Life *life)
{
  const McProcedure *p = life->mix->procedure;
  guint pages = 1 + mc_sample_rng_below (life->r, 4);

  if (p->fee_vnd <= 0)
    return;
  /* The copy's fee: per page, from the third page at half the rate (procedures.tsv fee_note). */
  mc_dossier_add_fee (life->d, "Phí cấp bản sao văn bằng, chứng chỉ",
                      MIN (p->fee_vnd * MIN (pages, 2) + p->fee_vnd / 2 * MAX ((int) pages - 2, 0), 100000),
                      life->fee_paid || (life->d->received_at != 0 && life->d->channel == MC_CHANNEL_IN_PERSON));
}

static const char *refusal_reasons[] = {
  "Thủ tục không thuộc thẩm quyền giải quyết của Ủy ban nhân dân cấp xã",
  "Người đề nghị không thuộc đối tượng áp dụng của thủ tục hành chính",
  "Hồ sơ đã được nộp và đang được giải quyết (nộp trùng)",
};

/* After receipt: forwarded, perhaps a supplement or a delay, resolved, returned. */
static void
process (Life   *life,
         gint64  received)
{
  const McSample *plan = life->plan;
  McDossier *d = life->d;
  const McProcedure *p = life->mix->procedure;
  const char *specialist = plan->officials[2];
  double x = (mc_sample_rng_next (life->r) >> 11) * (100.0 / 9007199254740992.0);
  /* Forwarded the same day or the next. */
  gint64 t = advance (plan, received, 10 + mc_sample_rng_below (life->r, mc_sample_rng_below (life->r, 2) ? 120 : 720));
  gint64 resolved;

  if (!step (life, t, counter_official (life), plan->counter_unit, STEP_FORWARD, MC_STATUS_PROCESSING, NULL))
    return;
  if (p->fee_vnd > 0 && d->channel != MC_CHANNEL_IN_PERSON)
    {
      /* Asked from afar, a copy is made once its fee is paid: the financial obligation. */
      t = advance (plan, t, 5 + mc_sample_rng_below (life->r, 60));
      if (!step (life, t, counter_official (life), plan->counter_unit, STEP_FEE, MC_STATUS_FEE_REQUESTED, NULL))
        return;
      /* The clock stands still while the citizen pays, as for a supplement: the due date the
       * ministry system shows moves on by that time. */
      mc_deadline_clock_pause (&life->clock, t);
      t = advance (plan, t, 60 + mc_sample_rng_below (life->r, 3 * DAY_MINUTES));
      if (!step (life, t, counter_official (life), plan->counter_unit, STEP_FEE_PAID, MC_STATUS_PROCESSING, NULL))
        return;
      mc_deadline_clock_resume (&life->clock, NULL, mc_calendar_get_default (), t);
      life->fee_paid = TRUE;
    }
  if (x < 0.7)
    {
      /* Withdrawn at the applicant's request. */
      t = advance (plan, t, 240 + mc_sample_rng_below (life->r, 1200));
      if (step (life, t, counter_official (life), plan->counter_unit, STEP_WITHDRAW, MC_STATUS_WITHDRAWN,
                "Người nộp hồ sơ có đơn xin rút hồ sơ"))
        d->finished_at = t;
      return;
    }
  if (x < 6.0)
    {
      /* Sent back for a supplement: the clock stops until it comes, or processing stops. */
      g_autofree char *items = supplement_items (life);

      t = advance (plan, t, 60 + mc_sample_rng_below (life->r, 900));
      if (!step (life, t, specialist, plan->office_unit, STEP_SUPPLEMENT, MC_STATUS_SUPPLEMENT_REQUESTED, items))
        return;
      life->supplement = mc_dossier_add_supplement (d, t, items, 0);
      mc_deadline_clock_pause (&life->clock, t);
      if (mc_sample_rng_percent (life->r, 15))
        {
          t = advance (plan, t, 10 * DAY_MINUTES + mc_sample_rng_below (life->r, 480));
          if (step (life, t, specialist, plan->office_unit, STEP_STOP, MC_STATUS_STOPPED,
                    "Người nộp hồ sơ không bổ sung hồ sơ theo yêu cầu"))
            d->finished_at = t;
          return;
        }
      t = advance (plan, t, 480 + mc_sample_rng_below (life->r, 2400));
      if (!step (life, t, counter_official (life), plan->counter_unit, STEP_SUPPLEMENT_RECEIVED, MC_STATUS_PROCESSING, NULL))
        return;
      life->supplement->received_at = t;
      mc_deadline_clock_resume (&life->clock, NULL, mc_calendar_get_default (), t);
    }
  /* A long procedure goes to the leader, or on to the province department (liên thông). */
  if (p->duration >= 10 && p->unit != MC_DURATION_SAME_DAY)
    {
      gboolean inter_agency = g_str_equal (p->code, "1.010803");

      t = advance (plan, t, MAX (minutes_between (plan, t, life->clock.due_at) / 3, 30));
      if (!step (life, t, specialist, plan->office_unit, STEP_RECORD, MC_STATUS_PROCESSING,
                 inter_agency ? "Chuyển hồ sơ liên thông đến Sở Nội vụ" : "Trình lãnh đạo Ủy ban nhân dân xã ký duyệt"))
        return;
    }
  if (x < 8.0 && p->unit != MC_DURATION_SAME_DAY)
    {
      /* Late, with an apology and a new date asked before the old one passed. */
      gint64 old_due = life->clock.due_at;
      gint64 asked = advance (plan, t, MAX (minutes_between (plan, t, old_due) - 240, 0));
      gint64 new_due = advance (plan, old_due, 3 * DAY_MINUTES + mc_sample_rng_below (life->r, 2 * DAY_MINUTES));

      if (!step (life, asked, specialist, plan->office_unit, STEP_RESCHEDULE, MC_STATUS_PROCESSING,
                 "Hồ sơ cần xác minh thêm với cơ quan cấp tỉnh"))
        return;
      life->clock.due_at = new_due;
      life->clock.rescheduled = TRUE;
      resolved = advance (plan, old_due, 60 + mc_sample_rng_below (life->r, (guint) minutes_between (plan, old_due, new_due) - 120));
    }
  else if (x < 11.0)
    /* Late without one: overdue for days, then resolved. */
    resolved = advance (plan, life->clock.due_at, 60 + mc_sample_rng_below (life->r, 10 * DAY_MINUTES));
  else
    /* On time, mostly well before the due date. */
    resolved = advance (plan, t, (gint64) (minutes_between (plan, t, life->clock.due_at)
                                           * (0.3 + 0.65 * (mc_sample_rng_below (life->r, 1000) / 1000.0))));
  if (resolved <= t)
    resolved = advance (plan, t, 1 + mc_sample_rng_below (life->r, 30));
  if (!step (life, resolved, specialist, plan->office_unit, STEP_RESOLVE, MC_STATUS_RESOLVED, NULL))
    return;
  d->finished_at = resolved;
  {
    g_autofree char *number = *life->mix->result_suffix
      ? g_strdup_printf ("%u/%s", 1 + mc_sample_rng_below (life->r, 400), life->mix->result_suffix) : NULL;

    mc_dossier_add_result (d, life->mix->result_name, number, resolved);
  }
  /* Most results are collected within days; a few never are. */
  if (mc_sample_rng_percent (life->r, 2))
    return;
  t = advance (plan, resolved, d->return_method == MC_CHANNEL_ONLINE ? 5 : 30 + mc_sample_rng_below (life->r, 2400));
  if (step (life, t, counter_official (life), plan->counter_unit, STEP_RETURN, MC_STATUS_RETURNED, NULL))
    d->returned_at = t;
}

/* The local variant seen in the ministries' systems: "G09.20-20260609-0092637", the date the
 * system took the dossier in (forms.md §10), then a number no other dossier has. */
static char *
dossier_number (const McSample    *self,
                const McProcedure *p,
                gint64             submitted_at,
                guint64            index)
{
  g_autofree char *day = date_digits (submitted_at);

  return g_strdup_printf ("%s.%s-%s-%07" G_GUINT64_FORMAT, p->ministry, self->commune->pub.province_code,
                          day, index + 1);
}

/* Dossier @index as it stands at @now: the plan's own "now", a moment on the plan's today with
 * the same working minutes past (the plan made then would be this very one), or a moment of
 * its life before (what came after is dropped). */
static McDossier *
make_at (McSample *self,
         guint64   index,
         gint64    now)
{
  McSampleRng r = { self->seed * G_GUINT64_CONSTANT (0x2545F4914F6CDD1D) ^ (index + 1) };
  Life life = { .plan = self, .r = &r, .now = now, .d = mc_dossier_new () };
  McDossier *d = life.d;
  const McProcedure *p;
  gint64 arrived, received;

  mc_sample_rng_next (&r); /* decorrelate from the seed's low bits */
  arrived = arrival (&life);
  p = life.mix->procedure;
  d->source_id = g_ascii_strdown (p->ministry, -1);
  d->procedure_code = g_strdup (p->code);
  d->procedure_name = g_strdup (p->name);
  d->field_code = g_strdup_printf ("%s-LV%02u", p->ministry, g_str_hash (p->code) % 12 + 1);
  applicant (&life, index, arrived);

  /* Online (VNeID, the national portal) at any hour, received in office hours after it;
   * otherwise at the counter, a few by post. */
  if (mc_sample_rng_percent (&r, life.mix->online_percent))
    {
      d->channel = MC_CHANNEL_ONLINE;
      d->submitted_at = arrived - 60 * (gint64) (10 + mc_sample_rng_below (&r, 16 * 60));
      received = advance (self, arrived, mc_sample_rng_below (&r, 600));
    }
  else
    {
      d->channel = mc_sample_rng_percent (&r, 3) ? MC_CHANNEL_POST : MC_CHANNEL_IN_PERSON;
      d->submitted_at = arrived;
      received = advance (self, arrived, 3 + mc_sample_rng_below (&r, 12));
    }
  d->return_method = d->channel == MC_CHANNEL_ONLINE && mc_sample_rng_percent (&r, 60) ? MC_CHANNEL_ONLINE
                   : d->channel == MC_CHANNEL_POST ? MC_CHANNEL_POST : MC_CHANNEL_IN_PERSON;
  documents (&life);

  step (&life, d->submitted_at, d->applicant_name, NULL,
        d->channel == MC_CHANNEL_ONLINE ? STEP_SUBMIT_ONLINE : STEP_SUBMIT, MC_STATUS_SUBMITTED, NULL);
  if (mc_sample_rng_percent (&r, 2))
    {
      /* Refused at reception (Mẫu 03): never received, so never in the register. */
      if (step (&life, received, counter_official (&life), self->counter_unit, STEP_REFUSE, MC_STATUS_REFUSED,
                refusal_reasons[mc_sample_rng_below (&r, G_N_ELEMENTS (refusal_reasons))]))
        d->finished_at = received;
    }
  else if (step (&life, received, counter_official (&life), self->counter_unit, STEP_RECEIVE, MC_STATUS_RECEIVED, NULL))
    {
      d->received_at = received;
      mc_deadline_clock_init (&life.clock, NULL, mc_calendar_get_default (), received, p->duration, p->unit);
      process (&life, received);
      d->due_at = life.clock.due_at;
    }
  d->status = life.status;
  fee (&life);
  d->number = dossier_number (self, p, d->submitted_at, index);
  d->server_version = g_strdup_printf ("%u", d->history->len);
  sample_report_fields (self->seed, index, d);
  return d;
}

McDossier *
mc_sample_make (McSample *self,
                guint64   index)
{
  return make_at (self, index, self->now);
}

McDossier *
mc_sample_make_in (McSample   *self,
                   guint64    *index,
                   McStatus    status,
                   const char *source_id)
{
  for (guint tries = 0; tries < 1000000; tries++)
    {
      guint64 i = (*index)++;
      g_autoptr(McDossier) full = make_at (self, i, self->now);

      if (source_id != NULL && g_strcmp0 (full->source_id, source_id) != 0)
        continue;
      for (guint k = 0; k < full->history->len; k++)
        {
          McStep *s = g_ptr_array_index (full->history, k);
          McDossier *d;

          if (s->status != status)
            continue;
          d = make_at (self, i, s->at);
          if (d->status == status)
            return d;
          mc_dossier_unref (d);
          break;
        }
    }
  return NULL;
}

/* Dossier @index of the plan as a new online submission made at @at (after the plan's "now":
 * the simulator's new arrivals): nothing has happened to it yet. */
McDossier *
mc_sample_make_submission (McSample *self,
                           guint64   index,
                           gint64    at)
{
  McDossier *d = mc_sample_make (self, index);

  d->status = MC_STATUS_SUBMITTED;
  d->channel = d->return_method = MC_CHANNEL_ONLINE;
  d->submitted_at = at;
  d->received_at = d->due_at = d->finished_at = d->returned_at = 0;
  g_ptr_array_set_size (d->history, 0);
  g_ptr_array_set_size (d->supplements, 0);
  g_ptr_array_set_size (d->results, 0);
  for (guint i = 0; i < d->fees->len; i++)
    ((McFee *) g_ptr_array_index (d->fees, i))->paid = FALSE;
  /* Nothing issued or rated yet: an online submission keeps only the files it came with. */
  for (guint i = d->files->len; i-- > 0;)
    if (((McFile *) g_ptr_array_index (d->files, i))->kind == MC_FILE_RESULT)
      g_ptr_array_remove_index (d->files, i);
  d->satisfaction = MC_SATISFACTION_NOT_RATED;
  d->payment = d->fees->len > 0 ? MC_PAYMENT_PENDING : MC_PAYMENT_NOT_REQUIRED;
  mc_dossier_add_step (d, at, d->applicant_name, NULL, STEP_SUBMIT_ONLINE, MC_STATUS_SUBMITTED, NULL);
  g_free (d->number);
  d->number = dossier_number (self, mc_sample_data_mix_lookup (d->procedure_code)->procedure, at, index);
  g_free (d->server_version);
  d->server_version = g_strdup ("1");
  return d;
}

/* Dossier @index of the default-size sample of @seed ending at @now. The last plan is kept:
 * tests and the simulator ask for many dossiers of the same one. */
McDossier *
mc_sample_dossier (guint64 seed,
                   guint64 index,
                   gint64  now)
{
  G_LOCK_DEFINE_STATIC (last);
  static McSample *last_plan;
  McDossier *d;

  G_LOCK (last);
  /* A plan depends on "now" only through its day and the working minutes past: callers
   * passing the clock's time each call mostly keep the same one. */
  if (last_plan == NULL || last_plan->seed != seed || local_day (now) != last_plan->today
      || minutes_past (last_plan, now) != last_plan->now_minute)
    {
      g_clear_pointer (&last_plan, mc_sample_free);
      last_plan = mc_sample_new (seed, MC_SAMPLE_DEFAULT_DOSSIERS, now);
    }
  d = make_at (last_plan, index, now);
  G_UNLOCK (last);
  return d;
}
