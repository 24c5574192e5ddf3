/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-fold.h"
#include "mc-store-private.h"

/* Lists and full-text search. Both answer with row ids in display order; the callers
 * (the queue model, motcuactl) read the rows they show. */

/* Turns what the official typed into an FTS5 query that can never be FTS5 syntax: the text is
 * folded like the index, split on white space, each token quoted (with '"' doubled), and the
 * last one made a prefix so that results follow typing. Tokens without a letter or digit would
 * be empty phrases and are dropped. Returns NULL when nothing searchable is left. */
char *
mc_store_build_fts_query (const char *query)
{
  g_autofree char *folded = mc_fold_text (query);
  g_auto(GStrv) tokens = g_strsplit_set (folded, " \t\r\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; tokens[i] != NULL; i++)
    {
      gboolean searchable = FALSE;

      for (const char *p = tokens[i]; *p && !searchable; p = g_utf8_next_char (p))
        searchable = g_unichar_isalnum (g_utf8_get_char (p));
      if (!searchable)
        continue;
      if (n++ > 0)
        g_string_append_c (out, ' ');
      g_string_append_c (out, '"');
      for (const char *p = tokens[i]; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  if (n == 0)
    return NULL;
  g_string_append_c (out, '*');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Adds a new dossier to the full-text index, inside the caller's transaction. Every writer that
 * inserts into dossiers calls this (there is no insert trigger: see schema step 7); updates and
 * deletes are kept in step by triggers. */
gboolean
mc_store_index_dossier (McStore     *self,
                        gint64       id,
                        const char  *search,
                        GError     **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "INSERT INTO dossier_fts (rowid, search) VALUES (?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, search, -1, SQLITE_STATIC);
  return mc_store_step_done (self, stmt, error);
}

static gboolean
collect_ids (McStore       *self,
             sqlite3_stmt  *stmt,
             GArray        *ids,
             GHashTable    *skip,
             guint          limit,
             GError       **error)
{
  int rc;

  while ((limit == 0 || ids->len < limit) && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (skip == NULL || !g_hash_table_contains (skip, &id))
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (limit != 0 && ids->len >= limit)
    return TRUE;
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("searching"));
      return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the ids of the dossiers that @filter lets through, newest
 * receipt first. */
GArray *
mc_store_list (McStore              *self,
               const McStoreFilter  *filter,
               GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT id FROM dossiers WHERE (?1 = 0 OR status = ?1) AND (?2 IS NULL OR source_id = ?2)"
    " ORDER BY coalesce(received_at, submitted_at) DESC, id DESC", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, filter ? filter->status : 0);
  mc_store_bind_text (stmt, 2, filter ? filter->source_id : NULL);
  if (!collect_ids (self, stmt, ids, NULL, filter ? filter->limit : 0, error))
    return NULL;
  return g_steal_pointer (&ids);
}

gint64
mc_store_count (McStore              *self,
                const McStoreFilter  *filter,
                GError              **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM dossiers WHERE (?1 = 0 OR status = ?1) AND (?2 IS NULL OR source_id = ?2)",
    error);
  gint64 count = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int (stmt, 1, filter ? filter->status : 0);
  mc_store_bind_text (stmt, 2, filter ? filter->source_id : NULL);
  count = mc_store_step_int64 (self, stmt, N_("counting dossiers"), error);
  return count;
}

/* Returns: (transfer full): ids of the dossiers matching @query, at most @limit (0 = all).
 * A dossier number or ID number typed exactly comes first: that is what a barcode scanner at
 * the counter types. The rest follow, newest receipt first. */
GArray *
mc_store_search (McStore     *self,
                 const char  *query,
                 guint        limit,
                 GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) exact = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *trimmed = g_strstrip (g_strdup (query ? query : ""));
  g_autofree char *fts = mc_store_build_fts_query (trimmed);
  sqlite3_stmt *stmt;

  if (*trimmed != '\0')
    {
      stmt = mc_store_prepare (self,
        "SELECT id FROM dossiers WHERE number = ?1 COLLATE NOCASE OR id_number = ?1 ORDER BY id", error);
      if (stmt == NULL)
        return NULL;
      mc_store_bind_text (stmt, 1, trimmed);
      if (!collect_ids (self, stmt, ids, NULL, limit, error))
        return NULL;
      for (guint i = 0; i < ids->len; i++)
        g_hash_table_add (exact, g_memdup2 (&g_array_index (ids, gint64, i), sizeof (gint64)));
    }
  if (fts == NULL || (limit != 0 && ids->len >= limit))
    return g_steal_pointer (&ids);

  stmt = mc_store_prepare (self,
    "SELECT d.id FROM dossier_fts JOIN dossiers d ON d.id = dossier_fts.rowid"
    " WHERE dossier_fts MATCH ? ORDER BY coalesce(d.received_at, d.submitted_at) DESC, d.id DESC", error);
  if (stmt == NULL)
    return NULL;
  mc_store_bind_text (stmt, 1, fts);
  if (!collect_ids (self, stmt, ids, exact, limit, error))
    return NULL;
  return g_steal_pointer (&ids);
}
