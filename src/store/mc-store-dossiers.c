/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-store-private.h"

/* Sources and dossiers: the rows the sync engine and the generator write, and the reads that
 * rebuild one whole dossier for its detail view. */

/* A password in a source's address would be stored in the database and shown with it. */
gboolean
mc_store_check_source_url (const McSource  *source,
                           GError         **error)
{
  if (mc_source_url_has_userinfo (source->base_url))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The address of a ministry system must not hold a user name or password: the "
                     "password is asked for when signing in"));
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_store_add_source (McStore         *self,
                     const McSource  *source,
                     GError         **error)
{
  sqlite3_stmt *stmt;

  if (!mc_store_check_source_url (source, error))
    return FALSE;
  stmt = mc_store_prepare (self,
    "INSERT INTO sources (id, ministry, dialect, name, base_url, unit_code, account, enabled,"
    " pinned_certificate, settle_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, source->id);
  mc_store_bind_text (stmt, 2, source->ministry);
  mc_store_bind_text (stmt, 3, source->dialect);
  mc_store_bind_text (stmt, 4, source->name);
  mc_store_bind_text (stmt, 5, source->base_url);
  mc_store_bind_text (stmt, 6, source->unit_code);
  mc_store_bind_text (stmt, 7, source->account);
  sqlite3_bind_int (stmt, 8, source->enabled);
  mc_store_bind_text (stmt, 9, source->pinned_certificate);
  sqlite3_bind_int64 (stmt, 10, source->settle_seconds);
  return mc_store_step_done (self, stmt, error);
}

/* Steps @stmt, which changes the row of source @id, and fails with MC_STORE_ERROR_NOT_FOUND
 * when there is none. */
gboolean
mc_store_step_source_change (McStore       *self,
                             sqlite3_stmt  *stmt,
                             const char    *id,
                             GError       **error)
{
  if (!mc_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_NOT_FOUND, _("No source “%s”"), id);
      return FALSE;
    }
  return TRUE;
}

gboolean
mc_store_remove_source (McStore     *self,
                        const char  *id,
                        GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "DELETE FROM sources WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, id);
  return mc_store_step_source_change (self, stmt, id, error);
}

/* @fingerprint: the SHA-256 fingerprint of the one certificate to accept for the source even
 * though the system trust store does not vouch for it; NULL removes the exception. */
gboolean
mc_store_set_source_pin (McStore     *self,
                         const char  *id,
                         const char  *fingerprint,
                         GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "UPDATE sources SET pinned_certificate = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  mc_store_bind_text (stmt, 1, fingerprint);
  mc_store_bind_text (stmt, 2, id);
  return mc_store_step_source_change (self, stmt, id, error);
}

static McSource *
source_from_row (sqlite3_stmt *stmt)
{
  McSource *s = mc_source_new ((const char *) sqlite3_column_text (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2),
                               (const char *) sqlite3_column_text (stmt, 3),
                               (const char *) sqlite3_column_text (stmt, 4),
                               (const char *) sqlite3_column_text (stmt, 5),
                               (const char *) sqlite3_column_text (stmt, 6));
  s->enabled = sqlite3_column_int (stmt, 7);
  s->pinned_certificate = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
  s->settle_seconds = sqlite3_column_int (stmt, 9);
  return s;
}

#define SOURCE_COLUMNS \
  "id, ministry, dialect, name, base_url, unit_code, account, enabled, pinned_certificate, settle_seconds"

McSource *
mc_store_get_source (McStore     *self,
                     const char  *id,
                     GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " SOURCE_COLUMNS " FROM sources WHERE id = ?", error);
  McSource *source;

  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, id);
  if (!mc_store_step_row (self, stmt, N_("reading a source"), error, _("No source “%s”"), id))
    return NULL;
  source = source_from_row (stmt);
  sqlite3_reset (stmt);
  return source;
}

/* Returns: (transfer full): McSource, ordered by id. */
GPtrArray *
mc_store_list_sources (McStore  *self,
                       GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " SOURCE_COLUMNS " FROM sources ORDER BY id", error);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_source_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (sources, source_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("listing sources"));
      return NULL;
    }
  return g_steal_pointer (&sources);
}

static void
bind_flag (sqlite3_stmt *stmt,
           int           index,
           int           value)
{
  mc_store_bind_number (stmt, index, value, value >= 0);
}

/* What the 766 indicators read from a dossier's row (schema step 10): binds the 8 values of
 * MC_STORE_REPORT_COLUMNS from @first on. */
void
mc_store_bind_report_fields (sqlite3_stmt    *stmt,
                             int              first,
                             const McDossier *d)
{
  McDossierFacts facts;

  mc_dossier_get_facts (d, &facts);
  bind_flag (stmt, first, d->payment);
  bind_flag (stmt, first + 1, d->satisfaction);
  bind_flag (stmt, first + 2, d->citizen_data);
  bind_flag (stmt, first + 3, facts.reused);
  bind_flag (stmt, first + 4, facts.from_store);
  bind_flag (stmt, first + 5, facts.digitised);
  bind_flag (stmt, first + 6, facts.e_result);
  sqlite3_bind_int (stmt, first + 7, d->files_known);
}

static int
column_flag (sqlite3_stmt *stmt,
             int           column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

static gboolean
insert_file (McStore       *self,
             gint64         dossier_id,
             const McFile  *f,
             GError       **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "INSERT INTO dossier_files (dossier_id, origin, kind, remote_id, name, component, size, hash,"
    " remote_path, local_path) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  mc_store_bind_text_static (stmt, 2, f->origin == MC_FILE_LOCAL ? "local" : "remote");
  mc_store_bind_text_static (stmt, 3, f->kind == MC_FILE_RESULT ? "result" : "component");
  mc_store_bind_text_static (stmt, 4, f->remote_id);
  mc_store_bind_text_static (stmt, 5, f->name);
  mc_store_bind_text_static (stmt, 6, f->component);
  mc_store_bind_number (stmt, 7, f->size, f->size >= 0);
  mc_store_bind_text_static (stmt, 8, f->hash);
  mc_store_bind_text_static (stmt, 9, f->remote_path);
  mc_store_bind_text_static (stmt, 10, f->local_path);
  return mc_store_step_done (self, stmt, error);
}

/* Records the one reschedule with apology of dossier @dossier_id (mc-store-actions.c writes it
 * with the action). */
gboolean
mc_store_insert_reschedule (McStore            *self,
                            gint64              dossier_id,
                            const McReschedule *r,
                            GError            **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "INSERT INTO reschedules (dossier_id, at, actor, reason, due_before,"
                                               " due_after) VALUES (?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);
  sqlite3_bind_int64 (stmt, 2, r->at);
  mc_store_bind_text_static (stmt, 3, r->actor ? r->actor : "");
  mc_store_bind_text_static (stmt, 4, r->reason ? r->reason : "");
  sqlite3_bind_int64 (stmt, 5, r->due_before);
  sqlite3_bind_int64 (stmt, 6, r->due_after);
  return mc_store_step_done (self, stmt, error);
}

/* Binds the MC_STORE_DOSSIER_COLUMNS of @d (and @search) from parameter @first on, without
 * copies: the statement must be stepped before @d and @search change. */
void
mc_store_bind_dossier (sqlite3_stmt    *stmt,
                       int              first,
                       const McDossier *d,
                       const char      *search)
{
  const char *texts[] = { d->procedure_code, d->procedure_name ? d->procedure_name : "", d->field_code,
                          d->applicant_name };
  const char *contact[] = { d->id_number, d->phone, d->address };
  const int codes[] = { d->channel, d->return_method, d->status };
  const gint64 times[] = { d->submitted_at, d->received_at, d->due_at, d->finished_at, d->returned_at };
  int i = first;

  for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
    mc_store_bind_text_static (stmt, i++, texts[k]);
  sqlite3_bind_int (stmt, i++, d->applicant_kind);
  for (guint k = 0; k < G_N_ELEMENTS (contact); k++)
    mc_store_bind_text_static (stmt, i++, contact[k]);
  for (guint k = 0; k < G_N_ELEMENTS (codes); k++)
    sqlite3_bind_int (stmt, i++, codes[k]);
  for (guint k = 0; k < G_N_ELEMENTS (times); k++)
    mc_store_bind_time (stmt, i++, times[k]);
  mc_store_bind_text_static (stmt, i++, d->server_version);
  mc_store_bind_text_static (stmt, i++, search);
  mc_store_bind_report_fields (stmt, i, d);
  i += MC_STORE_REPORT_N_COLUMNS;
  g_assert (i == first + MC_STORE_DOSSIER_N_COLUMNS);
}

/* The columns of the child tables of a dossier after its id (parameter 1), table by table in
 * their order in its INSERT, each from the field at @offset of the row's struct. NULL stands
 * for a NULL text, a TIME of 0, a FLAG below 0 and a FORM of 0 (MC_RECEIVED_UNKNOWN). */
static const struct
{
  const char *table;
  enum { COLUMN_TEXT, COLUMN_INT, COLUMN_INT64, COLUMN_TIME, COLUMN_FLAG, COLUMN_FORM } kind;
  gsize offset;
} child_columns[] = {
  { "documents", COLUMN_TEXT, G_STRUCT_OFFSET (McDocument, name) },
  { "documents", COLUMN_INT, G_STRUCT_OFFSET (McDocument, is_copy) },
  { "documents", COLUMN_INT, G_STRUCT_OFFSET (McDocument, count) },
  { "documents", COLUMN_FLAG, G_STRUCT_OFFSET (McDocument, digitised) },
  { "documents", COLUMN_FLAG, G_STRUCT_OFFSET (McDocument, reused) },
  { "documents", COLUMN_FLAG, G_STRUCT_OFFSET (McDocument, from_store) },
  { "documents", COLUMN_FORM, G_STRUCT_OFFSET (McDocument, form) },
  { "fees", COLUMN_TEXT, G_STRUCT_OFFSET (McFee, name) },
  { "fees", COLUMN_INT64, G_STRUCT_OFFSET (McFee, amount_vnd) },
  { "fees", COLUMN_INT, G_STRUCT_OFFSET (McFee, paid) },
  { "supplements", COLUMN_TIME, G_STRUCT_OFFSET (McSupplement, requested_at) },
  { "supplements", COLUMN_TEXT, G_STRUCT_OFFSET (McSupplement, items) },
  { "supplements", COLUMN_TIME, G_STRUCT_OFFSET (McSupplement, received_at) },
  { "results", COLUMN_TEXT, G_STRUCT_OFFSET (McResult, name) },
  { "results", COLUMN_TEXT, G_STRUCT_OFFSET (McResult, number) },
  { "results", COLUMN_TIME, G_STRUCT_OFFSET (McResult, issued_at) },
  { "results", COLUMN_TEXT, G_STRUCT_OFFSET (McResult, code) },
  { "results", COLUMN_TEXT, G_STRUCT_OFFSET (McResult, file_url) },
  { "history", COLUMN_INT64, G_STRUCT_OFFSET (McStep, at) },
  { "history", COLUMN_TEXT, G_STRUCT_OFFSET (McStep, actor) },
  { "history", COLUMN_TEXT, G_STRUCT_OFFSET (McStep, unit) },
  { "history", COLUMN_TEXT, G_STRUCT_OFFSET (McStep, action) },
  { "history", COLUMN_INT, G_STRUCT_OFFSET (McStep, status) },
  { "history", COLUMN_TEXT, G_STRUCT_OFFSET (McStep, note) },
  { "intakes", COLUMN_TEXT, G_STRUCT_OFFSET (McIntakeRecord, proxy_name) },
  { "intakes", COLUMN_TEXT, G_STRUCT_OFFSET (McIntakeRecord, proxy_id_number) },
  { "intakes", COLUMN_TEXT, G_STRUCT_OFFSET (McIntakeRecord, proxy_phone) },
  { "intakes", COLUMN_TEXT, G_STRUCT_OFFSET (McIntakeRecord, proxy_address) },
  { "intakes", COLUMN_TEXT, G_STRUCT_OFFSET (McIntakeRecord, proxy_authorization) },
  { "intakes", COLUMN_INT, G_STRUCT_OFFSET (McIntakeRecord, due_confirmed) },
};

/* The fields bound as int are int-sized enums and gbooleans. */
G_STATIC_ASSERT (sizeof (McFlag) == sizeof (int) && sizeof (McReceivedForm) == sizeof (int)
                 && sizeof (McStatus) == sizeof (int));

/* Inserts @row, a child of dossier @dossier_id, into @table with @sql. */
static gboolean
insert_child (McStore        *self,
              gint64          dossier_id,
              const char     *table,
              const char     *sql,
              gconstpointer   row,
              GError        **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, sql, error);
  int index = 2;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, dossier_id);

  for (guint k = 0; k < G_N_ELEMENTS (child_columns); k++)
    {
      const char *field = (const char *) row + child_columns[k].offset;
      int kind = child_columns[k].kind;
      gint64 value;

      if (!g_str_equal (child_columns[k].table, table))
        continue;
      if (kind == COLUMN_TEXT)
        {
          mc_store_bind_text_static (stmt, index++, *(char * const *) field);
          continue;
        }
      value = kind == COLUMN_INT64 || kind == COLUMN_TIME ? *(const gint64 *) field : *(const int *) field;
      mc_store_bind_number (stmt, index++, value,
                            !((kind == COLUMN_TIME || kind == COLUMN_FORM) && value == 0)
                            && !(kind == COLUMN_FLAG && value < 0));
    }
  return mc_store_step_done (self, stmt, error);
}

/* The documents, fees, supplements, results and history of a new dossier (or of a pulled one
 * whose children are replaced), inside the caller's transaction. */
gboolean
mc_store_insert_children (McStore    *self,
                          McDossier  *d,
                          GError    **error)
{
  const struct { const char *table; GPtrArray *rows; const char *sql; } tables[] = {
    { "documents", d->documents, "INSERT INTO documents (dossier_id, name, is_copy, count, digitised, reused,"
                                 " from_store, form) VALUES (?, ?, ?, ?, ?, ?, ?, ?)" },
    { "fees", d->fees, "INSERT INTO fees (dossier_id, name, amount_vnd, paid) VALUES (?, ?, ?, ?)" },
    { "supplements", d->supplements, "INSERT INTO supplements (dossier_id, requested_at, items, received_at)"
                                     " VALUES (?, ?, ?, ?)" },
    { "results", d->results, "INSERT INTO results (dossier_id, name, number, issued_at, code, file_url)"
                             " VALUES (?, ?, ?, ?, ?, ?)" },
    { "history", d->history, "INSERT INTO history (dossier_id, at, actor, unit, action, status, note)"
                             " VALUES (?, ?, ?, ?, ?, ?, ?)" },
  };

  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    for (guint i = 0; i < tables[t].rows->len; i++)
      if (!insert_child (self, d->id, tables[t].table, tables[t].sql, g_ptr_array_index (tables[t].rows, i), error))
        return FALSE;
  if (d->reschedule != NULL && !mc_store_insert_reschedule (self, d->id, d->reschedule, error))
    return FALSE;
  if (d->intake != NULL
      && !insert_child (self, d->id, "intakes",
                        "INSERT INTO intakes (dossier_id, proxy_name, proxy_id_number, proxy_phone, proxy_address,"
                        " proxy_authorization, due_confirmed) VALUES (?, ?, ?, ?, ?, ?, ?)", d->intake, error))
    return FALSE;
  for (guint i = 0; i < d->files->len; i++)
    if (!insert_file (self, d->id, g_ptr_array_index (d->files, i), error))
      return FALSE;
  return TRUE;
}

/* Inserts @dossier with everything it holds and sets its id. Runs inside the caller's
 * transaction when there is one (the generator batches thousands per transaction), else in
 * its own, so a dossier is never stored half. */
gboolean
mc_store_insert_dossier (McStore    *self,
                         McDossier  *d,
                         GError    **error)
{
  gboolean own_transaction = sqlite3_get_autocommit (self->db);
  g_autofree char *search = NULL;
  sqlite3_stmt *stmt;

  if (!mc_status_is_valid (d->status))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("Dossier %s has an unknown status %d"), d->number, d->status);
      return FALSE;
    }
  if (own_transaction && !mc_store_begin (self, error))
    return FALSE;

  stmt = mc_store_prepare (self,
    "INSERT INTO dossiers (source_id, number, provisional, " MC_STORE_DOSSIER_COLUMNS ")"
    " VALUES (?, ?, ?, " MC_STORE_DOSSIER_VALUES ")", error);
  if (stmt == NULL)
    goto fail;
  search = mc_dossier_search_text (d);
  mc_store_bind_text (stmt, 1, d->source_id);
  mc_store_bind_text (stmt, 2, d->number);
  sqlite3_bind_int (stmt, 3, d->provisional);
  mc_store_bind_dossier (stmt, 4, d, search);
  if (!mc_store_step_done (self, stmt, error))
    goto fail;
  d->id = sqlite3_last_insert_rowid (self->db);

  if (!mc_store_index_dossier (self, d->id, search, error) || !mc_store_insert_children (self, d, error))
    goto fail;
  if (own_transaction && !mc_store_commit (self, error))
    goto fail;
  return TRUE;

fail:
  d->id = 0;
  if (own_transaction)
    mc_store_rollback (self);
  return FALSE;
}

static char *
column_strdup (sqlite3_stmt *stmt,
               int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static gboolean
load_children (McStore    *self,
               McDossier  *d,
               GError    **error)
{
  sqlite3_stmt *stmt;
  int rc;

#define FOR_EACH_ROW(sql) \
  if (!(stmt = mc_store_prepare (self, sql, error))) \
    return FALSE; \
  sqlite3_bind_int64 (stmt, 1, d->id); \
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)

  FOR_EACH_ROW ("SELECT name, is_copy, count, digitised, reused, from_store, form FROM documents"
                " WHERE dossier_id = ? ORDER BY id")
    {
      McDocument *doc = mc_dossier_add_document (d, (const char *) sqlite3_column_text (stmt, 0),
                                                 sqlite3_column_int (stmt, 1), sqlite3_column_int (stmt, 2));

      doc->digitised = column_flag (stmt, 3);
      doc->reused = column_flag (stmt, 4);
      doc->from_store = column_flag (stmt, 5);
      doc->form = CLAMP (sqlite3_column_int (stmt, 6), MC_RECEIVED_UNKNOWN, MC_RECEIVED_N_FORMS - 1);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT at, actor, reason, due_before, due_after FROM reschedules WHERE dossier_id = ?")
    mc_dossier_set_reschedule (d, sqlite3_column_int64 (stmt, 0), (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2), sqlite3_column_int64 (stmt, 3),
                               sqlite3_column_int64 (stmt, 4));
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT proxy_name, proxy_id_number, proxy_phone, proxy_address, proxy_authorization,"
                " due_confirmed FROM intakes WHERE dossier_id = ?")
    {
      McIntakeRecord *r = mc_dossier_set_intake (d);
      char **texts[] = { &r->proxy_name, &r->proxy_id_number, &r->proxy_phone, &r->proxy_address,
                         &r->proxy_authorization };

      for (guint k = 0; k < G_N_ELEMENTS (texts); k++)
        *texts[k] = g_strdup ((const char *) sqlite3_column_text (stmt, k));
      r->due_confirmed = sqlite3_column_int (stmt, 5);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT name, amount_vnd, paid FROM fees WHERE dossier_id = ? ORDER BY id")
    mc_dossier_add_fee (d, (const char *) sqlite3_column_text (stmt, 0),
                        sqlite3_column_int64 (stmt, 1), sqlite3_column_int (stmt, 2));
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT requested_at, items, received_at FROM supplements WHERE dossier_id = ? ORDER BY id")
    mc_dossier_add_supplement (d, sqlite3_column_int64 (stmt, 0),
                               (const char *) sqlite3_column_text (stmt, 1),
                               sqlite3_column_int64 (stmt, 2));
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT name, number, issued_at, code, file_url FROM results WHERE dossier_id = ? ORDER BY id")
    {
      McResult *r = mc_dossier_add_result (d, (const char *) sqlite3_column_text (stmt, 0),
                                           (const char *) sqlite3_column_text (stmt, 1),
                                           sqlite3_column_int64 (stmt, 2));

      r->code = column_strdup (stmt, 3);
      r->file_url = column_strdup (stmt, 4);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT at, actor, unit, action, status, note FROM history WHERE dossier_id = ?"
                " ORDER BY at, id")
    mc_dossier_add_step (d, sqlite3_column_int64 (stmt, 0),
                         (const char *) sqlite3_column_text (stmt, 1),
                         (const char *) sqlite3_column_text (stmt, 2),
                         (const char *) sqlite3_column_text (stmt, 3),
                         sqlite3_column_int (stmt, 4),
                         (const char *) sqlite3_column_text (stmt, 5));
  if (rc != SQLITE_DONE)
    goto fail;
  FOR_EACH_ROW ("SELECT origin, kind, remote_id, name, component, size, hash, remote_path, local_path,"
                " id, content_type, reused_from, action_uuid, doc_number, doc_date, signer"
                " FROM dossier_files WHERE dossier_id = ? AND removed_at IS NULL ORDER BY id")
    {
      McFile *f = mc_dossier_add_file (d, g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "local"),
                                       g_str_equal ((const char *) sqlite3_column_text (stmt, 1), "result"),
                                       (const char *) sqlite3_column_text (stmt, 3),
                                       (const char *) sqlite3_column_text (stmt, 4),
                                       sqlite3_column_type (stmt, 5) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 5));

      f->remote_id = column_strdup (stmt, 2);
      f->hash = column_strdup (stmt, 6);
      f->remote_path = column_strdup (stmt, 7);
      f->local_path = column_strdup (stmt, 8);
      f->id = sqlite3_column_int64 (stmt, 9);
      f->content_type = column_strdup (stmt, 10);
      f->reused_from = sqlite3_column_int64 (stmt, 11);
      f->action_uuid = column_strdup (stmt, 12);
      f->doc_number = column_strdup (stmt, 13);
      f->doc_date = sqlite3_column_int64 (stmt, 14);
      f->signer = column_strdup (stmt, 15);
    }
  if (rc != SQLITE_DONE)
    goto fail;
#undef FOR_EACH_ROW
  sqlite3_reset (stmt);
  return TRUE;

fail:
  mc_store_set_error (self, error, N_("reading a dossier"));
  sqlite3_reset (stmt);
  return FALSE;
}

/* Returns: (transfer full): the whole dossier @id, or NULL with MC_STORE_ERROR_NOT_FOUND. */
McDossier *
mc_store_get_dossier (McStore  *self,
                      gint64    id,
                      GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT source_id, number, provisional, procedure_code, procedure_name, field_code,"
    " applicant_name, applicant_kind, id_number, phone, address, channel, return_method, status,"
    " submitted_at, received_at, due_at, finished_at, returned_at, server_version, payment_state,"
    " satisfaction, citizen_data, reused, files_known"
    " FROM dossiers WHERE id = ?", error);
  g_autoptr(McDossier) d = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!mc_store_step_row (self, stmt, N_("reading a dossier"), error, "No dossier with id %" G_GINT64_FORMAT, id))
    return NULL;
  d = mc_dossier_new ();
  d->id = id;
  d->source_id = column_strdup (stmt, 0);
  d->number = column_strdup (stmt, 1);
  d->provisional = sqlite3_column_int (stmt, 2);
  d->procedure_code = column_strdup (stmt, 3);
  d->procedure_name = column_strdup (stmt, 4);
  d->field_code = column_strdup (stmt, 5);
  d->applicant_name = column_strdup (stmt, 6);
  d->applicant_kind = sqlite3_column_int (stmt, 7);
  d->id_number = column_strdup (stmt, 8);
  d->phone = column_strdup (stmt, 9);
  d->address = column_strdup (stmt, 10);
  d->channel = sqlite3_column_int (stmt, 11);
  d->return_method = sqlite3_column_int (stmt, 12);
  d->status = sqlite3_column_int (stmt, 13);
  d->submitted_at = sqlite3_column_int64 (stmt, 14);
  d->received_at = sqlite3_column_int64 (stmt, 15);
  d->due_at = sqlite3_column_int64 (stmt, 16);
  d->finished_at = sqlite3_column_int64 (stmt, 17);
  d->returned_at = sqlite3_column_int64 (stmt, 18);
  d->server_version = column_strdup (stmt, 19);
  d->payment = column_flag (stmt, 20);
  d->satisfaction = column_flag (stmt, 21);
  d->citizen_data = column_flag (stmt, 22);
  d->reused = column_flag (stmt, 23);
  d->files_known = sqlite3_column_int (stmt, 24);
  sqlite3_reset (stmt);

  if (!load_children (self, d, error))
    return NULL;
  return g_steal_pointer (&d);
}

/* Returns: the id of the dossier numbered @number (any source; the first one stored if two
 * ministries ever used the same number), 0 if none, -1 on error. */
gint64
mc_store_find_number (McStore     *self,
                      const char  *number,
                      GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT id FROM dossiers WHERE number = ? COLLATE NOCASE ORDER BY id LIMIT 1", error);

  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, number);
  return mc_store_step_id (self, stmt, error);
}
