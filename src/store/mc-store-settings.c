/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mc-dossier-json.h"
#include "mc-id.h"
#include "mc-sample.h"
#include "mc-store-audit.h"
#include "mc-store-calendar.h"
#include "mc-store-private.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The office settings (table settings, key → value). The defaults are generic titles that are
 * true of every one-stop shop; anything that names a particular commune stays empty until the
 * office sets it, because a placeholder such as "UBND XÃ …" must never reach a legal form. A
 * change is audited in the same transaction, with the previous value: the settings decide
 * what the office's printed notices say. */

static const McSettingInfo known[] = {
  { "office.parent", "",
    N_("Parent authority, printed above the unit's name (for example ỦY BAN NHÂN DÂN XÃ PHÚ LỘC)") },
  { "office.unit", "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
    N_("Name of the unit that receives dossiers, printed at the top of every form") },
  { "office.place", "",
    N_("Place name written before the date of a form (“Phú Lộc, ngày …”)") },
  { "office.phone", "",
    N_("Telephone number printed on the receipt for the applicant's questions") },
  /* Where the office is, as addresses write it: the sample checker and the printed forms. */
  { "office.commune", "",
    N_("Commune or ward the office serves, as addresses write it (for example xã Phú Lộc)") },
  { "office.province", "",
    N_("Province or centrally governed city of the commune, as addresses write it (for example thành phố Huế)") },
  { "office.address", "",
    N_("Address of the office, printed where a form says where to collect results") },
  { "office.official", "",
    N_("Name printed under the receiving official's signature; when empty, the official recorded in the dossier's history") },
  { "form.receiver-title", "NGƯỜI TIẾP NHẬN HỒ SƠ",
    N_("Title of the receiving official's signature block") },
  { "form.applicant-title", "NGƯỜI NỘP HỒ SƠ",
    N_("Title of the applicant's signature block on the receipt") },
  { "form.head-title", "GIÁM ĐỐC",
    N_("Title of the signature block of the apology and the stop notice") },
  { "form.numbering", "2025",
    N_("Numbering of the forms' models: 2025 (Thông tư 03/2025/TT-VPCP) or 2018 (Thông tư 01/2018/TT-VPCP)") },
  { "form.apology-title", "",
    N_("Title of the letter of apology; empty: the title of the numbering chosen (2025 “Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết”, 2018 “Phiếu xin lỗi và hẹn lại ngày trả kết quả”)") },
  { "form.legal-basis", "",
    N_("Legal citation printed under the title of every form (the decree and circular in force)") },
  /* The official who works in this profile: the name goes into every action's history, and so
   * onto the printed forms. */
  { "official.name", "",
    N_("Full name of the official who works in this profile, recorded with every action") },
  { "official.title", "",
    N_("Title of the official (for example Công chức Văn hóa - Xã hội)") },
  { "official.department", "",
    N_("Department of the official (for example Bộ phận Một cửa)") },
  /* The office's working time, which every deadline is counted in (mc-deadline.h). */
  { "hours.morning", "07:00-11:30",
    N_("Morning office hours, HH:MM-HH:MM") },
  { "hours.afternoon", "13:30-17:00",
    N_("Afternoon office hours, HH:MM-HH:MM") },
  { "deadline.due-soon-hours", "8",
    N_("Working hours left at or below which a dossier is due soon") },
  { "reception.saturday-morning", "false",
    N_("Whether the counter receives dossiers on Saturday mornings (true or false)") },
  /* The scanner the counter digitises papers with (issue 20), by its SANE name. */
  { "scanner.device", "",
    N_("Scanner used to digitise the papers handed in at the counter, by its SANE name (motcuactl scan --list)") },
};

/* Returns: (array length=out_n): every known setting, in the order "settings list" shows. */
const McSettingInfo *
mc_settings_known (guint *out_n)
{
  *out_n = G_N_ELEMENTS (known);
  return known;
}

const McSettingInfo *
mc_settings_lookup (const char *key)
{
  int i = MC_ID_FIND_MEMBER (known, key, key);

  return i >= 0 ? &known[i] : NULL;
}

static gboolean
check_key (const char  *key,
           GError     **error)
{
  if (mc_settings_lookup (key) != NULL)
    return TRUE;
  g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("Unknown setting “%s”"), key);
  return FALSE;
}

static gboolean
parse_clock (const char *text,
             int        *out_minutes)
{
  guint64 h, m;
  char *end;

  if (!g_ascii_isdigit (text[0]))
    return FALSE;
  h = g_ascii_strtoull (text, &end, 10);
  if (*end != ':' || !g_ascii_isdigit (end[1]))
    return FALSE;
  m = g_ascii_strtoull (end + 1, &end, 10);
  if (*end != '\0' || h > 24 || m > 59 || h * 60 + m > 24 * 60)
    return FALSE;
  *out_minutes = (int) (h * 60 + m);
  return TRUE;
}

/* Parses office hours written "HH:MM-HH:MM" into minutes after midnight; FALSE unless the
 * span is a real one (start before end). */
gboolean
mc_settings_parse_hours (const char *text,
                         int        *out_start,
                         int        *out_end)
{
  g_auto(GStrv) parts = NULL;
  int start, end;

  if (text == NULL)
    return FALSE;
  parts = g_strsplit (text, "-", 3);
  if (g_strv_length (parts) != 2)
    return FALSE;
  g_strstrip (parts[0]);
  g_strstrip (parts[1]);
  if (!parse_clock (parts[0], &start) || !parse_clock (parts[1], &end) || start >= end)
    return FALSE;
  *out_start = start;
  *out_end = end;
  return TRUE;
}

/* The values the deadline engine reads must parse, or every due date of the office would
 * silently fall back to the defaults. */
static gboolean
check_value (const char  *key,
             const char  *value,
             GError     **error)
{
  int start, end;
  guint64 hours;

  if (g_str_has_prefix (key, "hours."))
    {
      if (mc_settings_parse_hours (value, &start, &end))
        return TRUE;
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” is not a span of office hours such as 07:00-11:30"), value);
      return FALSE;
    }
  if (g_str_equal (key, "deadline.due-soon-hours"))
    {
      if (g_ascii_string_to_unsigned (value, 10, 0, 240, &hours, NULL))
        return TRUE;
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("“%s” is not a number of hours between 0 and 240"), value);
      return FALSE;
    }
  if (g_str_equal (key, "form.numbering") && !g_str_equal (value, "2025") && !g_str_equal (value, "2018"))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("“%s” is neither 2025 nor 2018"), value);
      return FALSE;
    }
  if (g_str_equal (key, "reception.saturday-morning") &&
      !g_str_equal (value, "true") && !g_str_equal (value, "false"))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("“%s” is neither true nor false"), value);
      return FALSE;
    }
  return TRUE;
}

/* Sets *@out_value to the stored value of @key, or to NULL when the office never set it. */
gboolean
mc_store_lookup_setting (McStore     *self,
                         const char  *key,
                         char       **out_value,
                         GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (out_value != NULL, FALSE);

  *out_value = NULL;
  if (!check_key (key, error))
    return FALSE;
  stmt = mc_store_prepare (self, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *out_value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the settings"));
      return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the value of @key, its default when unset, NULL on error. */
char *
mc_store_get_setting (McStore     *self,
                      const char  *key,
                      GError     **error)
{
  char *value = NULL;

  if (!mc_store_lookup_setting (self, key, &value, error))
    return NULL;
  if (value == NULL)
    value = g_strdup (mc_settings_lookup (key)->default_value);
  return value;
}

static char *
audit_detail (const char *key,
              const char *value,
              const char *previous)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  mc_json_add_string (builder, "key", key);
  mc_json_add_string (builder, "value", value);
  mc_json_add_string (builder, "previous", previous);
  json_builder_end_object (builder);
  return mc_json_builder_to_string (builder);
}

/* Writes (@value non-NULL) or removes (@value NULL) @key, audited as @actor. */
static gboolean
write_setting (McStore     *self,
               const char  *key,
               const char  *value,
               const char  *actor,
               GError     **error)
{
  g_autofree char *previous = NULL;
  g_autofree char *detail = NULL;
  sqlite3_stmt *stmt;

  if (!mc_store_begin (self, error))
    return FALSE;
  if (!mc_store_lookup_setting (self, key, &previous, error))
    goto fail;
  if (value == NULL && previous == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("The setting “%s” is not set"), key);
      goto fail;
    }

  if (value != NULL)
    {
      stmt = mc_store_prepare (self, "INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", error);
      if (stmt == NULL)
        goto fail;
      mc_store_bind_text (stmt, 2, value);
    }
  else if (!(stmt = mc_store_prepare (self, "DELETE FROM settings WHERE key = ?", error)))
    goto fail;
  mc_store_bind_text (stmt, 1, key);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;

  detail = audit_detail (key, value, previous);
  return mc_store_audit_commit (self, 0, actor, value != NULL ? "settings-set" : "settings-unset", detail, error);

fail:
  mc_store_rollback (self);
  return FALSE;
}

gboolean
mc_store_set_setting (McStore     *self,
                      const char  *key,
                      const char  *value,
                      const char  *actor,
                      GError     **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!check_key (key, error))
    return FALSE;
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("The value of “%s” is not valid UTF-8"), key);
      return FALSE;
    }
  if (!check_value (key, value, error))
    return FALSE;
  return write_setting (self, key, value, actor, error);
}

/* Sets @key to @value unless the office already set it: what a new profile starts with (the
 * sample commune's office), never overwriting the office's own choice. */
static gboolean
init_setting (McStore     *self,
              const char  *key,
              const char  *value,
              const char  *actor,
              GError     **error)
{
  g_autofree char *current = NULL;

  if (!mc_store_lookup_setting (self, key, &current, error))
    return FALSE;
  return current != NULL || mc_store_set_setting (self, key, value, actor, error);
}

/* What motcuactl init-sample and the training mode start from: the five sample ministry
 * systems (one already in the profile is kept as it is), and the office settings of the
 * sample's commune (@seed) where the office has not set its own. */
gboolean
mc_store_add_sample_profile (McStore     *self,
                             guint64      seed,
                             const char  *actor,
                             GError     **error)
{
  g_autoptr(GPtrArray) sources = mc_sample_sources ();
  g_autoptr(GPtrArray) settings = mc_sample_office_settings (seed);

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);
      g_autoptr(McSource) existing = mc_store_get_source (self, s->id, NULL);

      if (existing == NULL && !mc_store_add_source (self, s, error))
        return FALSE;
    }
  for (guint i = 0; i < settings->len; i++)
    {
      McSampleSetting *s = g_ptr_array_index (settings, i);

      if (!init_setting (self, s->key, s->value, actor, error))
        return FALSE;
    }
  return TRUE;
}

/* Removes the office's value of @key, which goes back to its default. */
gboolean
mc_store_unset_setting (McStore     *self,
                        const char  *key,
                        const char  *actor,
                        GError     **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  if (!check_key (key, error))
    return FALSE;
  return write_setting (self, key, NULL, actor, error);
}

/* Fills @settings with the office's working hours and deadline options (the defaults of
 * mc_deadline_settings_init() for what the office never set). Morning hours that overlap the
 * afternoon's would make the engine count time twice: then both spans keep their defaults. */
gboolean
mc_store_load_deadline_settings (McStore             *self,
                                 McDeadlineSettings  *settings,
                                 GError             **error)
{
  g_autofree char *morning = NULL, *afternoon = NULL, *soon = NULL, *saturday = NULL;
  int ms, me, as, ae;
  guint64 hours;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (settings != NULL, FALSE);

  mc_deadline_settings_init (settings);
  if (!(morning = mc_store_get_setting (self, "hours.morning", error)) ||
      !(afternoon = mc_store_get_setting (self, "hours.afternoon", error)) ||
      !(soon = mc_store_get_setting (self, "deadline.due-soon-hours", error)) ||
      !(saturday = mc_store_get_setting (self, "reception.saturday-morning", error)))
    return FALSE;
  if (mc_settings_parse_hours (morning, &ms, &me) && mc_settings_parse_hours (afternoon, &as, &ae) && me <= as)
    {
      settings->morning_start = ms;
      settings->morning_end = me;
      settings->afternoon_start = as;
      settings->afternoon_end = ae;
      /* The same-day cut-off stays inside the afternoon when the afternoon moved. */
      settings->same_day_cutoff = CLAMP (settings->same_day_cutoff, as, ae);
    }
  if (g_ascii_string_to_unsigned (soon, 10, 0, 240, &hours, NULL))
    settings->due_soon_seconds = (gint64) hours * 3600;
  settings->saturday_morning_reception = g_str_equal (saturday, "true");
  return TRUE;
}

/* The office's calendar edits and working hours, as this connection uses them for every due
 * date and deadline view: read again from the profile whenever a program changed them
 * (office_version, bumped by triggers), so that no caller has to hand them from one connection
 * to another. A failed read keeps what was read before (the defaults at first). */
void
mc_store_office_refresh (McStore *self)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT version FROM office_version", NULL);
  g_autoptr(McCalendar) calendar = NULL;
  g_autoptr(GError) error = NULL;
  McDeadlineSettings settings;
  gint64 version;

  if (self->calendar == NULL)
    {
      self->calendar = mc_calendar_new ();
      mc_deadline_settings_init (&self->deadline);
    }
  if (stmt == NULL || (version = mc_store_step_int64 (self, stmt, N_("reading the office settings"), &error)) < 0
      || version == self->office_version)
    return;
  /* Only now: a calendar reads the official holidays, and the queue asks for it for every row
   * it draws (at a million dossiers that was most of a search keystroke). */
  calendar = mc_calendar_new ();
  if (!mc_store_load_calendar (self, calendar, &error) || !mc_store_load_deadline_settings (self, &settings, &error))
    {
      g_debug ("%s", error->message);
      return;
    }
  g_set_object (&self->calendar, calendar);
  self->deadline = settings;
  self->office_version = version;
}

/* Copies the office's working hours and deadline options into @out (the defaults for what it
 * never set). */
void
mc_store_get_deadline_settings (McStore            *self,
                                McDeadlineSettings *out)
{
  g_return_if_fail (MC_IS_STORE (self));

  mc_store_office_refresh (self);
  *out = self->deadline;
}
