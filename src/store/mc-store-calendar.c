/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>
#include <stdio.h>

#include "mc-dossier-json.h"
#include "mc-store-audit.h"
#include "mc-store-calendar.h"
#include "mc-store-private.h"
#include "mc-time.h"

/* The office's own calendar edits (table calendar_days): days off added or removed and extra
 * working days. Every change is audited in the same transaction, with what was there before,
 * because a changed calendar changes the legal due dates of dossiers. */

void
mc_calendar_edit_free (McCalendarEdit *edit)
{
  if (edit == NULL)
    return;
  g_free (edit->name);
  g_free (edit);
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A row written by another version or by hand with a bad date or kind is skipped with a
 * warning rather than failing the whole calendar: the other edits still apply. */
static McCalendarEdit *
edit_from_row (sqlite3_stmt *stmt)
{
  const char *text = (const char *) sqlite3_column_text (stmt, 0);
  const char *kind = (const char *) sqlite3_column_text (stmt, 1);
  g_autoptr(McCalendarEdit) edit = g_new0 (McCalendarEdit, 1);
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3 || !g_date_valid_dmy (d, m, y) ||
      !mc_calendar_day_kind_from_id (kind, &edit->kind))
    {
      g_warning ("calendar: ignoring the stored edit “%s %s”", text ? text : "", kind ? kind : "");
      return NULL;
    }
  g_date_clear (&edit->date, 1);
  g_date_set_dmy (&edit->date, d, m, y);
  edit->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  edit->changed_at = sqlite3_column_int64 (stmt, 3);
  return g_steal_pointer (&edit);
}

/* The local edit of @date (none or one), or every edit (@date NULL), by date. */
static GPtrArray *
read_edits (McStore     *self,
            const char  *date,
            GError     **error)
{
  g_autoptr(GPtrArray) edits = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_calendar_edit_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = mc_store_prepare (self, date ? "SELECT date, kind, name, changed_at FROM calendar_days WHERE date = ?"
                                      : "SELECT date, kind, name, changed_at FROM calendar_days ORDER BY date", error);
  if (stmt == NULL)
    return NULL;
  if (date != NULL)
    mc_store_bind_text (stmt, 1, date);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McCalendarEdit *edit = edit_from_row (stmt);

      if (edit != NULL)
        g_ptr_array_add (edits, edit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, "reading the calendar");
      return NULL;
    }
  return g_steal_pointer (&edits);
}

/* Returns: (transfer full) (element-type McCalendarEdit): every local edit, by date. */
GPtrArray *
mc_store_list_calendar_edits (McStore  *self,
                              GError  **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  return read_edits (self, NULL, error);
}

/* Sets *@out_edit to the local edit of @date, or to NULL when there is none. */
gboolean
mc_store_get_calendar_edit (McStore         *self,
                            const GDate     *date,
                            McCalendarEdit **out_edit,
                            GError         **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) edits = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  *out_edit = NULL;
  text = format_date (date);
  if (!(edits = read_edits (self, text, error)))
    return FALSE;
  if (edits->len > 0)
    *out_edit = g_ptr_array_steal_index (edits, 0);
  return TRUE;
}

/* The audit detail: the date, the new state and the previous one, as JSON. */
static char *
audit_detail (const char           *date,
              const char           *kind,
              const char           *name,
              const McCalendarEdit *previous)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  mc_json_add_string (builder, "date", date);
  if (kind != NULL)
    {
      mc_json_add_string (builder, "kind", kind);
      mc_json_add_string (builder, "name", name ? name : "");
    }
  json_builder_set_member_name (builder, "previous");
  if (previous != NULL)
    {
      json_builder_begin_object (builder);
      mc_json_add_string (builder, "kind", mc_calendar_day_kind_id (previous->kind));
      mc_json_add_string (builder, "name", previous->name ? previous->name : "");
      json_builder_end_object (builder);
    }
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
  return mc_json_builder_to_string (builder);
}

/* Writes (@kind non-NULL) or removes (@kind NULL) the local edit of @date, audited as @actor. */
static gboolean
write_edit (McStore      *self,
            const GDate  *date,
            const char   *kind,
            const char   *name,
            const char   *actor,
            GError      **error)
{
  g_autofree char *text = format_date (date);
  g_autofree char *detail = NULL;
  g_autoptr(McCalendarEdit) previous = NULL;
  gint64 now = mc_time_now ();
  sqlite3_stmt *stmt;

  if (!mc_store_begin (self, error))
    return FALSE;
  if (!mc_store_get_calendar_edit (self, date, &previous, error))
    goto fail;
  if (kind == NULL && previous == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, "No local calendar edit on %s", text);
      goto fail;
    }

  if (kind != NULL)
    {
      stmt = mc_store_prepare (self,
        "INSERT OR REPLACE INTO calendar_days (date, kind, name, changed_at) VALUES (?, ?, ?, ?)", error);
      if (stmt == NULL)
        goto fail;
      mc_store_bind_text (stmt, 2, kind);
      mc_store_bind_text (stmt, 3, name ? name : "");
      sqlite3_bind_int64 (stmt, 4, now);
    }
  else if (!(stmt = mc_store_prepare (self, "DELETE FROM calendar_days WHERE date = ?", error)))
    goto fail;
  mc_store_bind_text (stmt, 1, text);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;

  detail = audit_detail (text, kind, name, previous);
  return mc_store_audit_commit (self, now, actor, kind ? "calendar-set" : "calendar-remove", detail, error);

fail:
  mc_store_rollback (self);
  return FALSE;
}

/* Adds or replaces the local edit of @date, audited as @actor. */
gboolean
mc_store_set_calendar_edit (McStore            *self,
                            const GDate        *date,
                            McCalendarDayKind   kind,
                            const char         *name,
                            const char         *actor,
                            GError            **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (mc_calendar_day_kind_id (kind) != NULL, FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  return write_edit (self, date, mc_calendar_day_kind_id (kind), name, actor, error);
}

/* Removes the local edit of @date (MC_STORE_ERROR_NOT_FOUND if there is none), audited. */
gboolean
mc_store_remove_calendar_edit (McStore      *self,
                               const GDate  *date,
                               const char   *actor,
                               GError      **error)
{
  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  g_return_val_if_fail (actor != NULL, FALSE);

  return write_edit (self, date, NULL, NULL, actor, error);
}

/* Replaces the local layer of @calendar with the edits stored in the profile. */
gboolean
mc_store_load_calendar (McStore     *self,
                        McCalendar  *calendar,
                        GError     **error)
{
  g_autoptr(GPtrArray) edits = mc_store_list_calendar_edits (self, error);

  if (edits == NULL)
    return FALSE;
  mc_calendar_clear_local (calendar);
  for (guint i = 0; i < edits->len; i++)
    {
      McCalendarEdit *edit = g_ptr_array_index (edits, i);

      mc_calendar_set_local (calendar, &edit->date, edit->kind, edit->name);
    }
  return TRUE;
}

/* Returns: (transfer full): the office's calendar (the rules, the official holidays and this
 * profile's edits) as this connection counts with it; read again when the edits changed. */
McCalendar *
mc_store_get_calendar (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);

  mc_store_office_refresh (self);
  return g_object_ref (self->calendar);
}
