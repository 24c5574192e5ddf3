/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "mc-store-audit.h"
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
  { "office.unit", "BỘ PHẬN MỘT CỬA",
    N_("Name of the unit that receives dossiers, printed at the top of every form") },
  { "office.place", "",
    N_("Place name written before the date of a form (“Phú Lộc, ngày …”)") },
  { "office.phone", "",
    N_("Telephone number printed on the receipt for the applicant's questions") },
  { "office.official", "",
    N_("Name printed under the receiving official's signature; when empty, the official recorded in the dossier's history") },
  { "form.receiver-title", "CÔNG CHỨC TIẾP NHẬN HỒ SƠ",
    N_("Title of the receiving official's signature block") },
  { "form.applicant-title", "NGƯỜI NỘP HỒ SƠ",
    N_("Title of the applicant's signature block on the receipt") },
  { "form.head-title", "THỦ TRƯỞNG CƠ QUAN, ĐƠN VỊ",
    N_("Title of the signature block of the apology and the stop notice") },
  { "form.legal-basis", "",
    N_("Legal citation printed under the title of every form (the decree and circular in force)") },
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
  for (gsize i = 0; key != NULL && i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].key, key))
      return &known[i];
  return NULL;
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
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "key");
  json_builder_add_string_value (builder, key);
  json_builder_set_member_name (builder, "value");
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "previous");
  if (previous != NULL)
    json_builder_add_string_value (builder, previous);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return json_to_string (root, FALSE);
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
  McAuditEntry audit = { 0 };
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
  audit.at = mc_time_now ();
  audit.actor = actor;
  audit.action = value != NULL ? "settings-set" : "settings-unset";
  audit.outcome = "done";
  audit.detail = detail;
  if (!mc_store_audit_append (self, &audit, error))
    goto fail;
  return mc_store_commit (self, error);

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
  return write_setting (self, key, value, actor, error);
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
