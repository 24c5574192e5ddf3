/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mc-catalog.h"
#include "mc-sample-check.h"
#include "mc-sample-private.h"
#include "mc-status.h"
#include "mc-time.h"

/* The sample checker: what a trainer, or an official reading the training data, would find
 * wrong with a dossier, measured one dossier at a time (mc_sample_check_dossier) and then
 * over the whole profile (mc_sample_check_finish). The rules are those of
 * shared/domain/sample-realism.md §7, with the generator's own reference data where a rule
 * needs numbers (the commune's hamlet words and neighbours, the ages a procedure is filed at,
 * the name frequencies). Every violation names its rule and, when it is one dossier's, the
 * dossier. */

#define VN_OFFSET (7 * 3600)
#define STEP_RESCHEDULE "Gia hạn thời gian giải quyết"

static const char *rule_ids[MC_SAMPLE_N_RULES] = {
  [MC_SAMPLE_RULE_ID_NUMBER] = "id-number",
  [MC_SAMPLE_RULE_SEX] = "sex",
  [MC_SAMPLE_RULE_AGE] = "age",
  [MC_SAMPLE_RULE_DUPLICATE_ID] = "duplicate-id",
  [MC_SAMPLE_RULE_PHONE] = "phone",
  [MC_SAMPLE_RULE_ADDRESS] = "address",
  [MC_SAMPLE_RULE_PROCEDURE] = "procedure",
  [MC_SAMPLE_RULE_APPLICANT] = "applicant",
  [MC_SAMPLE_RULE_DOCUMENTS] = "documents",
  [MC_SAMPLE_RULE_FEE] = "fee",
  [MC_SAMPLE_RULE_OFFICE_HOURS] = "office-hours",
  [MC_SAMPLE_RULE_HISTORY] = "history",
  [MC_SAMPLE_RULE_REFUSED] = "refused",
  [MC_SAMPLE_RULE_DEADLINE] = "deadline",
  [MC_SAMPLE_RULE_NUMBER] = "number",
  [MC_SAMPLE_RULE_SURNAMES] = "surnames",
  [MC_SAMPLE_RULE_VOLUME] = "volume",
  [MC_SAMPLE_RULE_OUTCOMES] = "outcomes",
};

/* §3.1: every mobile prefix in use since 2018. */
static const char *mobile_prefixes[] = {
  "032", "033", "034", "035", "036", "037", "038", "039", "086", "096", "097", "098",
  "081", "082", "083", "084", "085", "088", "091", "094",
  "070", "076", "077", "078", "079", "089", "090", "093",
  "052", "056", "058", "092", "059", "099", "055", "087",
};

/* §5.2: an ordinary week of each queue (median over the weeks outside its season), with room
 * for a bigger commune. The seasons: enrolment June–September; martyrs' day in June–July;
 * the yearly registrations of beliefs November–January. */
static const struct {
  const char *ministry;
  double low, high;
  guint season;  /* months (bit 1 = January) whose weeks are not ordinary */
} weekly_ranges[] = {
  { "G18", 3, 22, 0 },
  { "G09", 1, 15, 1 << 6 | 1 << 7 },
  { "G03", 0, 8, 1 << 6 | 1 << 7 | 1 << 8 | 1 << 9 },
  { "G16", 0, 5, 0 },
  { "G21", 0, 5, 1 << 11 | 1 << 12 | 1 << 1 },
};

struct _McSampleCheck
{
  const McSampleCommuneData *commune;  /* NULL: not a sample commune */
  char *commune_name;
  char *province;
  McCalendar *calendar;
  McDeadlineSettings settings;
  gint64 now;
  GHashTable *source_ministries;  /* source id → ministry */

  GPtrArray *violations;
  GHashTable *ids;                /* ID number → name */
  GHashTable *surnames;           /* surname → count */
  guint n_surnames;
  GHashTable *weeks;              /* "G18/2945" → count */
  gint64 first_week, last_week;
  guint n_dossiers, n_refused, n_finished, n_late;
};

const char *
mc_sample_rule_id (McSampleRule rule)
{
  g_return_val_if_fail (rule < MC_SAMPLE_N_RULES, NULL);
  return rule_ids[rule];
}

static void
violation_free (McSampleViolation *v)
{
  g_free (v->number);
  g_free (v->message);
  g_free (v);
}

static void violate (McSampleCheck *self, McSampleRule rule, const McDossier *d, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
violate (McSampleCheck   *self,
         McSampleRule     rule,
         const McDossier *d,
         const char      *format,
         ...)
{
  McSampleViolation *v = g_new0 (McSampleViolation, 1);
  va_list ap;

  va_start (ap, format);
  v->rule = rule;
  v->number = d ? g_strdup (d->number) : NULL;
  v->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  g_ptr_array_add (self->violations, v);
}

/* Checks a profile of the commune @commune ("xã Ngọc Lặc") in @province ("tỉnh Thanh Hóa"),
 * both from the office settings (NULL when unset: the address rules then only look at the
 * form), whose calendar and office hours are @calendar and @settings, at @now. */
McSampleCheck *
mc_sample_check_new (const char               *commune,
                     const char               *province,
                     McCalendar               *calendar,
                     const McDeadlineSettings *settings,
                     gint64                    now)
{
  McSampleCheck *self = g_new0 (McSampleCheck, 1);
  const McSampleCommune *c = mc_sample_find_commune (commune, province);

  for (guint i = 0; c != NULL && i < mc_sample_data_n_communes (); i++)
    if (&mc_sample_data_commune (i)->pub == c)
      self->commune = mc_sample_data_commune (i);
  self->commune_name = g_strdup (commune);
  self->province = g_strdup (province);
  self->calendar = g_object_ref (calendar);
  if (settings != NULL)
    self->settings = *settings;
  else
    mc_deadline_settings_init (&self->settings);
  self->now = now;
  self->source_ministries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->violations = g_ptr_array_new_with_free_func ((GDestroyNotify) violation_free);
  self->ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->surnames = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->weeks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_week = G_MAXINT64;
  self->last_week = G_MININT64;
  return self;
}

/* Which ministry source @source_id is (the profile's sources). */
void
mc_sample_check_set_source (McSampleCheck *self,
                            const char    *source_id,
                            const char    *ministry)
{
  g_hash_table_replace (self->source_ministries, g_strdup (source_id), g_strdup (ministry));
}

void
mc_sample_check_free (McSampleCheck *self)
{
  if (self == NULL)
    return;
  g_free (self->commune_name);
  g_free (self->province);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->source_ministries, g_hash_table_unref);
  g_clear_pointer (&self->violations, g_ptr_array_unref);
  g_clear_pointer (&self->ids, g_hash_table_unref);
  g_clear_pointer (&self->surnames, g_hash_table_unref);
  g_clear_pointer (&self->weeks, g_hash_table_unref);
  g_free (self);
}

static int
local_year (gint64 t)
{
  g_autoptr(GDateTime) dt = mc_time_to_local (t);

  return g_date_time_get_year (dt);
}

static gboolean
all_digits (const char *s,
            gsize       n)
{
  if (s == NULL || strlen (s) != n)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (s[i]))
      return FALSE;
  return TRUE;
}

/* The sex a name says, where it says one: "Thị", "Mí", "Néang", "H'…" a woman; "Văn",
 * "Seo", "Chau" a man. Returns -1 when the name does not tell. */
static int
name_says_female (const char *name)
{
  g_auto(GStrv) words = g_strsplit (name, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "Thị") || g_str_equal (words[i], "Mí") || g_str_equal (words[i], "Néang")
          || g_str_has_prefix (words[i], "H'"))
        return 1;
      if ((i > 0 && (g_str_equal (words[i], "Văn") || g_str_equal (words[i], "Seo")))
          || (i == 0 && g_str_equal (words[i], "Chau")))
        return 0;
    }
  return -1;
}

/* A 10-digit tax code's check digit (mc-sample.c tax_code). */
static gboolean
tax_code_valid (const char *code)
{
  static const int w[9] = { 31, 29, 23, 19, 17, 13, 7, 5, 3 };
  int sum = 0;

  if (!all_digits (code, 10))
    return FALSE;
  for (int i = 0; i < 9; i++)
    sum += w[i] * (code[i] - '0');
  return 10 - sum % 11 == code[9] - '0';
}

static void
check_person (McSampleCheck   *self,
              const McDossier *d)
{
  gboolean organisation_code = d->applicant_kind == MC_APPLICANT_ENTERPRISE
                               || d->applicant_kind == MC_APPLICANT_STATE_AGENCY;
  const char *id = d->id_number;
  const McSampleMix *mix = mc_sample_data_mix_lookup (d->procedure_code);
  int year = local_year (d->submitted_at ? d->submitted_at : self->now);
  int digit, birth, female;
  char code[4];

  if (organisation_code)
    {
      if (!tax_code_valid (id))
        violate (self, MC_SAMPLE_RULE_ID_NUMBER, d, _("the organisation's number “%s” is not a 10-digit tax code"),
                 id ? id : "");
      return;
    }
  if (!all_digits (id, 12))
    {
      violate (self, MC_SAMPLE_RULE_ID_NUMBER, d, _("“%s” is not a 12-digit personal ID number"), id ? id : "");
      return;
    }
  memcpy (code, id, 3);
  code[3] = '\0';
  digit = id[3] - '0';
  birth = (digit / 2 == 0 ? 1900 : 2000 + 100 * (digit / 2 - 1)) + (id[4] - '0') * 10 + (id[5] - '0');
  if (mc_sample_data_old_province (code) == NULL)
    violate (self, MC_SAMPLE_RULE_ID_NUMBER, d, _("ID number %s: %s is not the code of a province of birth"), id, code);
  if (digit > 3 || birth > year || year - birth > 110)
    violate (self, MC_SAMPLE_RULE_ID_NUMBER, d, _("ID number %s: born in %d, for a dossier of %d"), id, birth, year);
  else if (d->applicant_kind == MC_APPLICANT_CITIZEN && mix != NULL && mix->age_max > 0
           && (year - birth < mix->age_min - 1 || year - birth > mix->age_max + 1))
    violate (self, MC_SAMPLE_RULE_AGE, d, _("an applicant aged %d for procedure %s (filed at %d to %d)"),
             year - birth, d->procedure_code, mix->age_min, mix->age_max);
  female = name_says_female (d->applicant_name);
  if (d->applicant_kind == MC_APPLICANT_CITIZEN && female >= 0 && female != digit % 2)
    violate (self, MC_SAMPLE_RULE_SEX, d, female ? _("“%s” is a woman's name, but ID number %s is a man's")
                                                  : _("“%s” is a man's name, but ID number %s is a woman's"),
             d->applicant_name, id);
  if (d->applicant_kind == MC_APPLICANT_CITIZEN)
    {
      const char *seen = g_hash_table_lookup (self->ids, id);

      if (seen == NULL)
        g_hash_table_insert (self->ids, g_strdup (id), g_strdup (d->applicant_name));
      else if (!g_str_equal (seen, d->applicant_name))
        violate (self, MC_SAMPLE_RULE_DUPLICATE_ID, d, _("ID number %s belongs to both %s and %s"), id, seen,
                 d->applicant_name);
    }
}

static void
check_phone (McSampleCheck   *self,
             const McDossier *d)
{
  const char *p = d->phone;

  if (p == NULL || *p == '\0')
    return;
  /* Landlines (02x…, 11 digits) for organisations only. */
  if (d->applicant_kind != MC_APPLICANT_CITIZEN && g_str_has_prefix (p, "02") && all_digits (p, 11))
    return;
  if (all_digits (p, 10))
    for (guint i = 0; i < G_N_ELEMENTS (mobile_prefixes); i++)
      if (g_str_has_prefix (p, mobile_prefixes[i]))
        return;
  violate (self, MC_SAMPLE_RULE_PHONE, d, _("“%s” is not a Vietnamese mobile number in use"), p);
}

static gboolean
is_hamlet_word (const McSampleCommuneData *c,
                const char                *word)
{
  for (guint i = 0; i < c->hamlets->len; i++)
    if (g_str_equal (((McSampleHamlets *) g_ptr_array_index (c->hamlets, i))->word, word))
      return TRUE;
  return FALSE;
}

/* "Số 12, thôn Đông, xã Ngọc Lặc, tỉnh Thanh Hóa": the commune or a neighbour, its hamlet
 * word, and the unit words in lower case after the first part. */
static void
check_address (McSampleCheck   *self,
               const McDossier *d)
{
  g_auto(GStrv) parts = NULL;
  guint n;

  if (d->address == NULL || *d->address == '\0')
    {
      violate (self, MC_SAMPLE_RULE_ADDRESS, d, _("no address"));
      return;
    }
  parts = g_strsplit (d->address, ", ", -1);
  n = g_strv_length (parts);
  for (guint i = 1; i < n; i++)
    {
      static const char *units[] = { "Tỉnh ", "Thành phố ", "Xã ", "Phường ", "Huyện ", "Thôn ", "Ấp ", "Bản " };

      for (guint u = 0; u < G_N_ELEMENTS (units); u++)
        if (g_str_has_prefix (parts[i], units[u]))
          {
            violate (self, MC_SAMPLE_RULE_ADDRESS, d, _("“%s” is capitalised in the middle of an address"), parts[i]);
            return;
          }
    }
  if (self->province == NULL || self->commune_name == NULL)
    return;
  if (n < 3 || !g_str_equal (parts[n - 1], self->province))
    {
      violate (self, MC_SAMPLE_RULE_ADDRESS, d, _("“%s” is not in %s"), d->address, self->province);
      return;
    }
  if (!g_str_equal (parts[n - 2], self->commune_name))
    {
      gboolean neighbour = FALSE;

      for (guint i = 0; self->commune != NULL && self->commune->neighbours[i] != NULL; i++)
        {
          g_autofree char *name = g_strdup_printf ("%s %s", self->commune->pub.kind, self->commune->neighbours[i]);

          neighbour |= g_str_equal (parts[n - 2], name);
        }
      if (!neighbour)
        {
          violate (self, MC_SAMPLE_RULE_ADDRESS, d, _("“%s” is neither in %s nor in a neighbouring commune"),
                   d->address, self->commune_name);
          return;
        }
    }
  if (self->commune != NULL)
    {
      g_autofree char *hamlet = g_utf8_strdown (parts[n - 3], -1);
      char *space = strchr (hamlet, ' ');

      if (space != NULL)
        *space = '\0';
      if (!is_hamlet_word (self->commune, hamlet))
        violate (self, MC_SAMPLE_RULE_ADDRESS, d, _("“%s”: %s does not name its hamlets “%s”"), d->address,
                 self->commune_name, hamlet);
    }
}

static void
check_procedure (McSampleCheck     *self,
                 const McDossier   *d,
                 const McProcedure *p)
{
  const char *ministry = g_hash_table_lookup (self->source_ministries, d->source_id);
  gboolean has_required = FALSE;

  if (ministry != NULL && g_ascii_strcasecmp (ministry, p->ministry) != 0)
    violate (self, MC_SAMPLE_RULE_PROCEDURE, d, _("procedure %s belongs to %s, not to source %s"), p->code,
             p->ministry, d->source_id);
  if (!mc_procedure_accepts (p, d->applicant_kind))
    violate (self, MC_SAMPLE_RULE_APPLICANT, d, _("%s (%s) cannot file procedure %s"), d->applicant_name,
             mc_applicant_kind_label (d->applicant_kind), p->code);
  for (guint i = 0; i < d->documents->len; i++)
    {
      const McDocument *doc = g_ptr_array_index (d->documents, i);
      const McProcedureDocument *match = NULL;

      for (guint k = 0; k < p->documents->len && match == NULL; k++)
        {
          const McProcedureDocument *c = g_ptr_array_index (p->documents, k);

          if (g_str_equal (c->name, doc->name) && c->form != MC_DOCUMENT_SHOWN
              && mc_document_form_is_copy (c->form) == doc->is_copy && c->count == doc->count)
            match = c;
        }
      if (match == NULL)
        violate (self, MC_SAMPLE_RULE_DOCUMENTS, d, _("“%s” (%s, %d) is not a document of procedure %s"), doc->name,
                 doc->is_copy ? _("copy") : _("original"), doc->count, p->code);
      else
        has_required |= !match->optional;
    }
  if (!has_required)
    violate (self, MC_SAMPLE_RULE_DOCUMENTS, d, _("none of the documents procedure %s requires"), p->code);
  for (guint i = 0; i < d->fees->len; i++)
    if (p->fee_vnd <= 0)
      {
        g_autofree char *amount = g_strdup_printf ("%" G_GINT64_FORMAT, ((McFee *) g_ptr_array_index (d->fees, i))->amount_vnd);

        violate (self, MC_SAMPLE_RULE_FEE, d, _("a fee of %s đ on procedure %s, which has none"), amount, p->code);
        break;
      }
}

/* Whether @to can follow @from: the same status (a recorded step, a new date) or one allowed
 * action away. */
static gboolean
can_follow (McStatus from,
            McStatus to)
{
  g_autoptr(GArray) actions = mc_transition_actions_from (from);

  for (guint i = 0; i < actions->len; i++)
    if (mc_transition_target (from, g_array_index (actions, McAction, i)) == to)
      return TRUE;
  return FALSE;
}

/* The statuses in which the deadline's clock stands still: the dossier waits for the citizen
 * (a supplement, a financial obligation), as in the store (mc-store-actions.c). */
static gboolean
waits_for_citizen (McStatus status)
{
  return status == MC_STATUS_SUPPLEMENT_REQUESTED || status == MC_STATUS_FEE_REQUESTED;
}

static void
check_history (McSampleCheck     *self,
               const McDossier   *d,
               const McProcedure *p)
{
  McStatus status = MC_STATUS_INVALID;
  McDeadlineClock clock = { 0 };
  gboolean started = FALSE, rescheduled = FALSE, received_step = FALSE;
  gint64 last = G_MININT64;

  if (d->history->len == 0)
    {
      violate (self, MC_SAMPLE_RULE_HISTORY, d, _("no processing history"));
      return;
    }
  for (guint i = 0; i < d->history->len; i++)
    {
      const McStep *s = g_ptr_array_index (d->history, i);
      gboolean online_submission = s->status == MC_STATUS_SUBMITTED && i == 0 && d->channel == MC_CHANNEL_ONLINE;
      g_autofree char *at = mc_time_format_short (s->at);

      if (!online_submission && !mc_deadline_is_working_time (&self->settings, self->calendar, s->at))
        violate (self, MC_SAMPLE_RULE_OFFICE_HOURS, d, _("“%s” at %s, outside office hours or on a day off"),
                 s->action, at);
      if (s->at < last)
        violate (self, MC_SAMPLE_RULE_HISTORY, d, _("“%s” at %s comes before the step it follows"), s->action, at);
      if (s->at > self->now)
        violate (self, MC_SAMPLE_RULE_HISTORY, d, _("“%s” at %s is in the future"), s->action, at);
      last = s->at;
      if (i == 0 && s->status != MC_STATUS_SUBMITTED && s->status != MC_STATUS_RECEIVED)
        violate (self, MC_SAMPLE_RULE_HISTORY, d, _("the history starts with “%s”, not with a submission or a receipt"),
                 s->action);
      else if (i > 0 && s->status != status && !can_follow (status, s->status))
        violate (self, MC_SAMPLE_RULE_HISTORY, d, _("“%s” cannot take a dossier from “%s” to “%s”"), s->action,
                 mc_status_label (status), mc_status_label (s->status));
      else if (i > 0 && s->status == status && status != MC_STATUS_PROCESSING)
        violate (self, MC_SAMPLE_RULE_HISTORY, d, _("“%s” repeats the status “%s”"), s->action, mc_status_label (status));

      /* The deadline's clock, as the store runs it (mc-store-actions.c). */
      if (s->status == MC_STATUS_RECEIVED && !received_step)
        {
          received_step = TRUE;
          if (s->at != d->received_at)
            violate (self, MC_SAMPLE_RULE_HISTORY, d, _("received at %s by its history, but the dossier says otherwise"), at);
        }
      if (p != NULL && !started && (s->status == MC_STATUS_RECEIVED || (status == MC_STATUS_SUPPLEMENT_REQUESTED && s->status == MC_STATUS_PROCESSING)))
        {
          mc_deadline_clock_init (&clock, &self->settings, self->calendar, s->at, p->duration, p->unit);
          started = TRUE;
        }
      else if (started && waits_for_citizen (s->status) && !waits_for_citizen (status))
        mc_deadline_clock_pause (&clock, s->at);
      else if (started && waits_for_citizen (status) && s->status == MC_STATUS_PROCESSING)
        mc_deadline_clock_resume (&clock, &self->settings, self->calendar, s->at);
      rescheduled |= g_strcmp0 (s->action, STEP_RESCHEDULE) == 0;
      status = s->status;
    }
  if (status != d->status)
    violate (self, MC_SAMPLE_RULE_HISTORY, d, _("status “%s”, but no step put it there (the last step leaves it “%s”)"),
             mc_status_label (d->status), mc_status_label (status));
  if (d->status == MC_STATUS_REFUSED && (d->received_at != 0 || d->due_at != 0 || received_step))
    violate (self, MC_SAMPLE_RULE_REFUSED, d, _("refused at reception, yet received and given a due date"));
  if (started && !rescheduled && llabs (d->due_at - clock.due_at) > 60)
    {
      g_autofree char *due = mc_time_format_short (d->due_at), *expected = mc_time_format_short (clock.due_at);

      violate (self, MC_SAMPLE_RULE_DEADLINE, d, _("due %s, but %d %s from its receipt make %s"), due, p->duration,
               mc_duration_unit_id (p->unit), expected);
    }
  else if (started && rescheduled && d->due_at < clock.due_at)
    violate (self, MC_SAMPLE_RULE_DEADLINE, d, _("rescheduled to a date before the one its duration gives"));
}

static gint64
local_day (gint64 t)
{
  return (t + VN_OFFSET) / 86400;
}

static void
check_number (McSampleCheck   *self,
              const McDossier *d)
{
  g_autofree char *day = mc_time_format (d->submitted_at, "-%Y%m%d-");

  if (d->provisional || d->submitted_at == 0)
    return;
  if (strstr (d->number, day) == NULL)
    violate (self, MC_SAMPLE_RULE_NUMBER, d, _("the number does not carry the day it was submitted (%.8s)"), day + 1);
}

void
mc_sample_check_dossier (McSampleCheck   *self,
                         const McDossier *d)
{
  const McProcedure *p = mc_catalog_lookup (mc_catalog_get_default (), d->procedure_code);
  const char *ministry = g_hash_table_lookup (self->source_ministries, d->source_id);
  gint64 arrival = d->received_at ? d->received_at : d->submitted_at;

  self->n_dossiers++;
  check_person (self, d);
  check_phone (self, d);
  check_address (self, d);
  if (p == NULL)
    violate (self, MC_SAMPLE_RULE_PROCEDURE, d, _("procedure %s is not in the catalog"), d->procedure_code);
  else
    check_procedure (self, d, p);
  check_history (self, d, p);
  check_number (self, d);

  /* For the profile's rules. */
  if (d->applicant_kind == MC_APPLICANT_CITIZEN && d->applicant_name != NULL)
    {
      g_autofree char *first = g_strdup (d->applicant_name);
      char *space = strchr (first, ' ');
      guint n;

      if (space != NULL)
        *space = '\0';
      n = GPOINTER_TO_UINT (g_hash_table_lookup (self->surnames, first));
      g_hash_table_replace (self->surnames, g_strdup (first), GUINT_TO_POINTER (n + 1));
      self->n_surnames++;
    }
  if (ministry != NULL && arrival != 0)
    {
      gint64 week = (local_day (arrival) + 3) / 7;
      g_autofree char *key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, ministry, week);

      g_hash_table_replace (self->weeks, g_strdup (key),
                            GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (self->weeks, key)) + 1));
      self->first_week = MIN (self->first_week, week);
      self->last_week = MAX (self->last_week, week);
    }
  self->n_refused += d->status == MC_STATUS_REFUSED;
  if ((d->status == MC_STATUS_RESOLVED || d->status == MC_STATUS_RETURNED) && d->due_at != 0)
    {
      self->n_finished++;
      self->n_late += d->finished_at > d->due_at;
    }
}

/* The share of each surname the commune's people should show: the name profiles by their
 * share, each profile's surnames by their weight (names without a surname first are left
 * out: Ê Đê, Ba Na, M'Nông). Without a sample commune, the national column. */
static GHashTable *
expected_surnames (McSampleCheck *self)
{
  GHashTable *expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  const McSampleTable *profiles = self->commune ? self->commune->profiles : NULL;
  double total = 0;
  guint n = profiles ? profiles->values->len : 1;

  for (guint i = 0; i < n; i++)
    {
      const char *profile = profiles ? g_ptr_array_index (profiles->values, i) : "kinh";
      double share = profiles ? g_array_index (profiles->cumulative, double, i) - (i ? g_array_index (profiles->cumulative, double, i - 1) : 0) : 1;
      const McSampleTable *t = mc_sample_data_names (profile, "surname");
      const char *pattern = mc_sample_data_pattern (profile);
      double sum, last = 0;

      if (t == NULL || g_str_equal (pattern, "ede") || g_str_equal (pattern, "khmer-angiang"))
        continue;
      sum = g_array_index (t->cumulative, double, t->cumulative->len - 1);
      for (guint k = 0; k < t->values->len; k++)
        {
          double w = (g_array_index (t->cumulative, double, k) - last) / sum * share;
          const char *surname = g_ptr_array_index (t->values, k);
          double *e = g_hash_table_lookup (expected, surname);

          last = g_array_index (t->cumulative, double, k);
          if (strchr (surname, ' ') != NULL)  /* "Rơ Châm", "Tôn Nữ": counted by their first word */
            continue;
          if (e == NULL)
            g_hash_table_insert (expected, g_strdup (surname), e = g_new0 (double, 1));
          *e += w;
          total += w;
        }
    }
  {
    GHashTableIter iter;
    gpointer value;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, NULL, &value))
      *(double *) value /= total;
  }
  return expected;
}

static void
check_surnames (McSampleCheck *self)
{
  g_autoptr(GHashTable) expected = expected_surnames (self);
  GHashTableIter iter;
  gpointer key, value;
  guint counted = 0;

  g_hash_table_iter_init (&iter, self->surnames);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (g_hash_table_contains (expected, key))
      counted += GPOINTER_TO_UINT (value);
  if (counted < 300)
    return;
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double want = *(double *) value;
      double seen = GPOINTER_TO_UINT (g_hash_table_lookup (self->surnames, key)) / (double) counted;

      if ((want > 0.03 || seen > 0.03) && fabs (seen - want) > MAX (0.05, 0.35 * want))
        violate (self, MC_SAMPLE_RULE_SURNAMES, NULL, _("%s is %.1f %% of the surnames; expected about %.1f %%"),
                 (const char *) key, 100 * seen, 100 * want);
    }
  /* A surname nobody in the commune has, and common enough to be noticed. */
  g_hash_table_iter_init (&iter, self->surnames);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_hash_table_contains (expected, key) && GPOINTER_TO_UINT (value) > counted / 50
        && mc_sample_data_is_surname ("kinh", key))
      violate (self, MC_SAMPLE_RULE_SURNAMES, NULL, _("%s is %.1f %% of the surnames, unexpected here"),
               (const char *) key, 100.0 * GPOINTER_TO_UINT (value) / counted);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* The median week of each ministry, over the full weeks between the first and the last. */
static void
check_volume (McSampleCheck *self)
{
  gint64 first = self->first_week + 1, last = self->last_week - 1;
  double medians[G_N_ELEMENTS (weekly_ranges)] = { 0 };

  if (last - first + 1 < 8)
    return;
  for (guint m = 0; m < G_N_ELEMENTS (weekly_ranges); m++)
    {
      g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (guint));

      for (gint64 w = first; w <= last; w++)
        {
          g_autofree char *key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, weekly_ranges[m].ministry, w);
          guint n = GPOINTER_TO_UINT (g_hash_table_lookup (self->weeks, key));
          g_autoptr(GDateTime) monday = mc_time_to_local ((w * 7 - 3) * 86400 - VN_OFFSET + 12 * 3600);

          if (!(weekly_ranges[m].season & (1u << g_date_time_get_month (monday))))
            g_array_append_val (counts, n);
        }
      if (counts->len == 0)
        continue;
      g_array_sort (counts, compare_uint);
      medians[m] = g_array_index (counts, guint, counts->len / 2);
      if (medians[m] < weekly_ranges[m].low || medians[m] > weekly_ranges[m].high)
        violate (self, MC_SAMPLE_RULE_VOLUME, NULL, _("%s receives %.0f dossiers in a usual week; a commune receives %.0f to %.0f"),
                 weekly_ranges[m].ministry, medians[m], weekly_ranges[m].low, weekly_ranges[m].high);
    }
  /* Health and Home Affairs are the busy queues; culture and religion the quiet ones. */
  if (medians[0] < medians[3] || medians[0] < medians[4] || medians[1] < medians[3])
    violate (self, MC_SAMPLE_RULE_VOLUME, NULL, _("the quiet queues (G16, G21) are busier than Health or Home Affairs"));
}

static void
check_outcomes (McSampleCheck *self)
{
  if (self->n_dossiers < 200)
    return;
  if (self->n_finished > 0 && self->n_late * 100 > self->n_finished * 15)
    violate (self, MC_SAMPLE_RULE_OUTCOMES, NULL, _("%u of %u finished dossiers were late (85 to 92 in a hundred are on time)"),
             self->n_late, self->n_finished);
  if (self->n_refused * 100 > self->n_dossiers * 5)
    violate (self, MC_SAMPLE_RULE_OUTCOMES, NULL, _("%u of %u dossiers refused (1 to 3 in a hundred)"),
             self->n_refused, self->n_dossiers);
}

/* Returns: (transfer none) (element-type McSampleViolation): every violation found, the
 * dossiers' first, then the profile's. */
GPtrArray *
mc_sample_check_finish (McSampleCheck *self)
{
  check_surnames (self);
  check_volume (self);
  check_outcomes (self);
  return self->violations;
}

guint
mc_sample_check_count (GPtrArray    *violations,
                       McSampleRule  rule)
{
  guint n = 0;

  for (guint i = 0; i < violations->len; i++)
    n += ((McSampleViolation *) g_ptr_array_index (violations, i))->rule == rule;
  return n;
}
