/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "mc-deadline.h"
#include "mc-fold.h"
#include "mc-id.h"
#include "mc-store-calendar.h"
#include "mc-store-outbox-private.h"
#include "mc-store-queue.h"
#include "mc-store-settings.h"
#include "mc-time.h"

/* The queries behind the work queue window: which dossiers a view holds, in which order, how
 * many, and the few columns of one visible row. Everything answers with row ids or counts so
 * that a million dossiers never become a million objects. */

const char *const mc_queue_ministries[MC_QUEUE_N_MINISTRIES] = { "G16", "G03", "G09", "G18", "G21" };

/* Deadlines run only while the dossier is in the office's hands: received, processing or
 * waiting for a fee. A supplement request pauses the clock, and a dossier not yet received has
 * no due date. The views compare the due date the ministry system set (NgayHenTra). */
#define OPEN_STATUSES "status IN (2, 4, 6)"

static const struct {
  const char *id;
  const char *label;
  McQueueGroup group;
  const char *where;
} views[MC_QUEUE_N_VIEWS] = {
  [MC_QUEUE_WAITING] = { "waiting", NC_("queue", "Waiting for reception"), MC_QUEUE_GROUP_RECEPTION, "status = 1" },
  [MC_QUEUE_RECEIVED] = { "received", NC_("queue", "Received"), MC_QUEUE_GROUP_RECEPTION, "status = 2" },
  [MC_QUEUE_REFUSED] = { "refused", NC_("queue", "Refused"), MC_QUEUE_GROUP_RECEPTION, "status = 3" },
  /* What the counter received today and has already handed on to processing. (These statuses
   * always have a receipt time; the coalesce() matches the (status, receipt) index.) */
  [MC_QUEUE_FORWARDED] = { "forwarded", NC_("queue", "Forwarded today"), MC_QUEUE_GROUP_RECEPTION,
    "status IN (4, 5, 6, 8, 9, 10) AND coalesce(received_at, submitted_at) >= :today_start"
    " AND coalesce(received_at, submitted_at) < :today_end" },
  [MC_QUEUE_SUPPLEMENT_REQUESTED] = { "supplement-requested", NC_("queue", "Supplement requested"),
    MC_QUEUE_GROUP_SUPPLEMENT, "status = 5" },
  /* Back in processing with every supplement request answered at least once. */
  [MC_QUEUE_SUPPLEMENTED] = { "supplemented", NC_("queue", "Supplemented"), MC_QUEUE_GROUP_SUPPLEMENT,
    "status = 4 AND id IN (SELECT dossier_id FROM supplements WHERE received_at IS NOT NULL)" },
  [MC_QUEUE_PROCESSING] = { "processing", NC_("queue", "Processing"), MC_QUEUE_GROUP_PROCESSING, "status = 4" },
  [MC_QUEUE_STOPPED] = { "stopped", NC_("queue", "Stopped"), MC_QUEUE_GROUP_PROCESSING, "status = 8" },
  [MC_QUEUE_FEE_REQUESTED] = { "fee-requested", NC_("queue", "Fee requested"), MC_QUEUE_GROUP_PROCESSING, "status = 6" },
  [MC_QUEUE_RESULT_READY] = { "result-ready", NC_("queue", "Result ready"), MC_QUEUE_GROUP_PROCESSING, "status = 9" },
  [MC_QUEUE_DUE_TODAY] = { "due-today", NC_("queue", "Due today"), MC_QUEUE_GROUP_MONITORING,
    OPEN_STATUSES " AND due_at >= :now AND due_at < :today_end" },
  /* Due soon, after today (today's are in "due today"). */
  [MC_QUEUE_DUE_SOON] = { "due-soon", NC_("queue", "Due soon"), MC_QUEUE_GROUP_MONITORING,
    OPEN_STATUSES " AND due_at >= :today_end AND due_at <= :soon_end" },
  [MC_QUEUE_OVERDUE] = { "overdue", NC_("queue", "Overdue"), MC_QUEUE_GROUP_MONITORING,
    OPEN_STATUSES " AND due_at < :now" },
  [MC_QUEUE_ALL] = { "all", NC_("queue", "All dossiers"), MC_QUEUE_GROUP_MONITORING, "1" },
  [MC_QUEUE_RETURN_IN_PERSON] = { "return-in-person", NC_("queue", "To return in person"), MC_QUEUE_GROUP_RETURN,
    "status = 9 AND return_method = 1" },
  [MC_QUEUE_RETURN_ONLINE] = { "return-online", NC_("queue", "To return online"), MC_QUEUE_GROUP_RETURN,
    "status = 9 AND return_method = 2" },
  [MC_QUEUE_RETURN_POST] = { "return-post", NC_("queue", "To return by post"), MC_QUEUE_GROUP_RETURN,
    "status = 9 AND return_method = 3" },
  [MC_QUEUE_RETURNED] = { "returned", NC_("queue", "Returned"), MC_QUEUE_GROUP_RETURN, "status = 10" },
  [MC_QUEUE_WITHDRAWN] = { "withdrawn", NC_("queue", "Withdrawn"), MC_QUEUE_GROUP_RETURN, "status = 7" },
};

/* The order each view opens in: what the official works on first. Dossiers with a running
 * clock by due date, the most urgent (or the most overdue) first; those waiting for the office
 * or the citizen by how long they have waited, the longest first; the others newest first. */
static const struct {
  McQueueSort sort;
  gboolean descending;
} default_sorts[MC_QUEUE_N_VIEWS] = {
  [MC_QUEUE_WAITING] = { MC_QUEUE_SORT_RECEIVED, FALSE },
  [MC_QUEUE_RECEIVED] = { MC_QUEUE_SORT_RECEIVED, TRUE },
  [MC_QUEUE_REFUSED] = { MC_QUEUE_SORT_RECEIVED, TRUE },
  [MC_QUEUE_FORWARDED] = { MC_QUEUE_SORT_RECEIVED, TRUE },
  [MC_QUEUE_SUPPLEMENT_REQUESTED] = { MC_QUEUE_SORT_RECEIVED, FALSE },
  [MC_QUEUE_SUPPLEMENTED] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_PROCESSING] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_STOPPED] = { MC_QUEUE_SORT_RECEIVED, TRUE },
  [MC_QUEUE_FEE_REQUESTED] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_RESULT_READY] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_DUE_TODAY] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_DUE_SOON] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_OVERDUE] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_ALL] = { MC_QUEUE_SORT_RECEIVED, TRUE },
  [MC_QUEUE_RETURN_IN_PERSON] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_RETURN_ONLINE] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_RETURN_POST] = { MC_QUEUE_SORT_DUE, FALSE },
  [MC_QUEUE_RETURNED] = { MC_QUEUE_SORT_RECEIVED, TRUE },
  [MC_QUEUE_WITHDRAWN] = { MC_QUEUE_SORT_RECEIVED, TRUE },
};

static const char *group_labels[MC_QUEUE_N_GROUPS] = {
  [MC_QUEUE_GROUP_RECEPTION] = N_("Reception"),
  [MC_QUEUE_GROUP_SUPPLEMENT] = N_("Supplement"),
  [MC_QUEUE_GROUP_PROCESSING] = N_("Processing"),
  [MC_QUEUE_GROUP_MONITORING] = N_("Monitoring"),
  [MC_QUEUE_GROUP_RETURN] = N_("Return of results"),
};

/* Each sort key matches an index (schema step 2) column for column, so that ordering a view of
 * a million dossiers walks an index instead of sorting; the row id breaks ties last, as the
 * index itself does. */
static const char *sort_keys[MC_QUEUE_N_SORTS][2] = {
  [MC_QUEUE_SORT_NUMBER] = { "number COLLATE NOCASE", NULL },
  [MC_QUEUE_SORT_PROCEDURE] = { "procedure_code", NULL },
  [MC_QUEUE_SORT_APPLICANT] = { "applicant_name", NULL },
  [MC_QUEUE_SORT_MINISTRY] = { "source_id", "status" },
  [MC_QUEUE_SORT_STATUS] = { "status", "coalesce(received_at, submitted_at)" },
  [MC_QUEUE_SORT_RECEIVED] = { "coalesce(received_at, submitted_at)", NULL },
  [MC_QUEUE_SORT_DUE] = { "due_at", NULL },
};

#define MINISTRY_CLAUSE " AND source_id IN (SELECT id FROM sources WHERE ministry = :ministry)"

const char *
mc_queue_view_label (McQueueView view)
{
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, NULL);
  /* Context "queue": a view named after a status is not a column title. */
  return g_dpgettext2 (GETTEXT_PACKAGE, "queue", views[view].label);
}

const char *
mc_queue_view_id (McQueueView view)
{
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, NULL);
  return views[view].id;
}

/* The order @view opens in. */
McQueueSort
mc_queue_view_default_sort (McQueueView  view,
                            gboolean    *out_descending)
{
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, MC_QUEUE_SORT_RECEIVED);
  *out_descending = default_sorts[view].descending;
  return default_sorts[view].sort;
}

McQueueGroup
mc_queue_view_group (McQueueView view)
{
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, 0);
  return views[view].group;
}

const char *
mc_queue_group_label (McQueueGroup group)
{
  g_return_val_if_fail (group < MC_QUEUE_N_GROUPS, NULL);
  return g_dgettext (GETTEXT_PACKAGE, group_labels[group]);
}

/* The end of today in Vietnam time, and the end of the "due soon" window: the moment when as
 * much working time as the deadline engine's "due soon" threshold has passed from @now (office
 * calendar, working hours; @settings NULL: the defaults). A dossier due by then is due soon,
 * as the time-left column says. */
void
mc_queue_bounds (const McDeadlineSettings *settings,
                 McCalendar               *calendar,
                 gint64                    now,
                 gint64                   *out_today_end,
                 gint64                   *out_soon_end)
{
  McDeadlineSettings defaults;
  g_autoptr(GDateTime) local = mc_time_to_local (now);
  g_autoptr(GDateTime) midnight = g_date_time_new (mc_time_zone (), g_date_time_get_year (local),
                                                   g_date_time_get_month (local),
                                                   g_date_time_get_day_of_month (local), 0, 0, 0);
  g_autoptr(GDateTime) end = g_date_time_add_days (midnight, 1);

  if (settings == NULL)
    {
      mc_deadline_settings_init (&defaults);
      settings = &defaults;
    }
  *out_today_end = g_date_time_to_unix (end);
  /* The calendar locks itself: this runs on the counting thread too. */
  *out_soon_end = mc_deadline_add_working (settings, calendar ? calendar : mc_calendar_get_default (),
                                           now, settings->due_soon_seconds);
}

/* Binds the named parameters a view clause may use; a statement without one skips it. */
static void
bind_view (McStore      *self,
           sqlite3_stmt *stmt,
           const char   *ministry,
           gint64        now)
{
  McDeadlineSettings settings;
  g_autoptr(McCalendar) calendar = mc_store_get_calendar (self);
  gint64 today_end, soon_end;
  int i;

  mc_store_get_deadline_settings (self, &settings);
  mc_queue_bounds (&settings, calendar, now, &today_end, &soon_end);
  if ((i = sqlite3_bind_parameter_index (stmt, ":now")) > 0)
    sqlite3_bind_int64 (stmt, i, now);
  if ((i = sqlite3_bind_parameter_index (stmt, ":today_start")) > 0)
    sqlite3_bind_int64 (stmt, i, today_end - 86400);
  if ((i = sqlite3_bind_parameter_index (stmt, ":today_end")) > 0)
    sqlite3_bind_int64 (stmt, i, today_end);
  if ((i = sqlite3_bind_parameter_index (stmt, ":soon_end")) > 0)
    sqlite3_bind_int64 (stmt, i, soon_end);
  if ((i = sqlite3_bind_parameter_index (stmt, ":ministry")) > 0)
    mc_store_bind_text (stmt, i, ministry);
}

/* The statement cache is keyed by the SQL text's address: interned strings live as long as
 * the process, and there are only a few hundred combinations of view, filter and sort. */
static sqlite3_stmt *
prepare_dynamic (McStore     *self,
                 GError     **error,
                 const char  *format,
                 ...) G_GNUC_PRINTF (3, 4);

static sqlite3_stmt *
prepare_dynamic (McStore     *self,
                 GError     **error,
                 const char  *format,
                 ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);
  return mc_store_prepare (self, g_intern_string (sql), error);
}

/* @sort's keys for an ORDER BY, each followed by @dir ("ASC", "DESC", or "" for the default)
 * and a comma: the caller ends it with the row id. */
static char *
order_keys (McQueueSort  sort,
            const char  *dir)
{
  GString *order = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (sort_keys[sort]) && sort_keys[sort][i]; i++)
    g_string_append_printf (order, "%s%s%s, ", sort_keys[sort][i], *dir ? " " : "", dir);
  return g_string_free (order, FALSE);
}

/* Steps @stmt to its end, appending its first column to @ids as guint32: the queue model keeps
 * its id arrays in 32 bits, half the memory at a million rows. Fails with
 * MC_STORE_ERROR_INVALID if a row id does not fit (the caller then orders in SQL). */
static gboolean
append_ids32 (McStore       *self,
              sqlite3_stmt  *stmt,
              GArray        *ids,
              const char    *doing,
              GError       **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      guint32 id32 = (guint32) id;

      if (id < 0 || id > G_MAXUINT32)
        {
          sqlite3_reset (stmt);
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       "Row id %" G_GINT64_FORMAT " does not fit 32 bits", id);
          return FALSE;
        }
      g_array_append_val (ids, id32);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, doing);
      return FALSE;
    }
  return TRUE;
}

/* Returns: (transfer full): the ids (guint32) of the dossiers @query shows, in display order.
 * Ties keep the row id's order so that the order is total and stable from one reload to the
 * next. */
GArray *
mc_store_queue_list (McStore             *self,
                     const McQueueQuery  *query,
                     GError             **error)
{
  const char *dir = query->descending ? "DESC" : "ASC";
  g_autoptr(GArray) ids = NULL;
  g_autofree char *order = NULL;
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (query->view < MC_QUEUE_N_VIEWS && query->sort < MC_QUEUE_N_SORTS, NULL);

  /* Sizing the array first avoids a dozen reallocations of up to 4 MB at a million rows. */
  if (query->limit == 0)
    {
      count = mc_store_queue_count (self, query->view, query->ministry, query->now, error);
      if (count < 0)
        return NULL;
    }
  else
    count = query->limit;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), (guint) count);

  order = order_keys (query->sort, dir);
  stmt = prepare_dynamic (self, error, "SELECT id FROM dossiers WHERE %s%s ORDER BY %sid %s%s",
                          views[query->view].where, query->ministry ? MINISTRY_CLAUSE : "",
                          order, dir, query->limit ? " LIMIT :limit" : "");
  if (stmt == NULL)
    return NULL;
  bind_view (self, stmt, query->ministry, query->now);
  if (query->limit)
    sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt, ":limit"), query->limit);
  if (!append_ids32 (self, stmt, ids, N_("listing the queue"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Returns: (transfer full): the ids (guint32) of every dossier in @sort's ascending order,
 * ties by id: the reverse is the descending order. The queue model keeps these and orders a
 * view by walking one of them with the view's members as a filter, which costs a few
 * milliseconds at a million rows where a temporary b-tree sort of a big view costs a second.
 * Fails with MC_STORE_ERROR_INVALID if a row id does not fit 32 bits (the caller then orders
 * in SQL). */
GArray *
mc_store_queue_order (McStore      *self,
                      McQueueSort   sort,
                      GError      **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *order = order_keys (sort, "");
  sqlite3_stmt *stmt;
  gint64 count;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (sort < MC_QUEUE_N_SORTS, NULL);

  count = mc_store_queue_count (self, MC_QUEUE_ALL, NULL, 0, error);
  if (count < 0)
    return NULL;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), (guint) count);
  stmt = prepare_dynamic (self, error, "SELECT id FROM dossiers ORDER BY %sid", order);
  if (stmt == NULL)
    return NULL;
  if (!append_ids32 (self, stmt, ids, N_("listing the queue"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Returns: (transfer full): the ids (guint32) of the dossiers @view holds for @ministry, in no
 * particular order: an index range scan, with no sorting. */
GArray *
mc_store_queue_members (McStore      *self,
                        McQueueView   view,
                        const char   *ministry,
                        gint64        now,
                        GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, NULL);

  stmt = prepare_dynamic (self, error, "SELECT id FROM dossiers WHERE %s%s",
                          views[view].where, ministry ? MINISTRY_CLAUSE : "");
  if (stmt == NULL)
    return NULL;
  bind_view (self, stmt, ministry, now);
  if (!append_ids32 (self, stmt, ids, N_("listing the queue"), error))
    return NULL;
  return g_steal_pointer (&ids);
}

/* Returns: how many dossiers @view holds for @ministry (NULL = all), -1 on error. */
gint64
mc_store_queue_count (McStore     *self,
                      McQueueView  view,
                      const char  *ministry,
                      gint64       now,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (MC_IS_STORE (self), -1);
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, -1);

  /* The whole table without a WHERE clause: SQLite then counts the entries of its smallest
   * index page by page (a third of the time at a million rows) where "WHERE 1" steps through
   * every row. */
  if (view == MC_QUEUE_ALL && ministry == NULL)
    stmt = mc_store_prepare (self, "SELECT count(*) FROM dossiers", error);
  else
    stmt = prepare_dynamic (self, error, "SELECT count(*) FROM dossiers WHERE %s%s",
                            views[view].where, ministry ? MINISTRY_CLAUSE : "");
  if (stmt == NULL)
    return -1;
  bind_view (self, stmt, ministry, now);
  count = mc_store_step_int64 (self, stmt, N_("counting the queue"), error);
  return count;
}

/* Fills @out_counts (MC_QUEUE_N_MINISTRIES, in mc_queue_ministries order) with how many
 * dossiers of @view each ministry has. Counting source by source lets SQLite walk the
 * (source_id, status) index: a GROUP BY over the view would sort up to a million rows in the
 * counting thread, megabytes that its malloc arena keeps long after. */
gboolean
mc_store_queue_count_ministries (McStore      *self,
                                 McQueueView   view,
                                 gint64        now,
                                 gint64       *out_counts,
                                 GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, FALSE);

  for (guint i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    out_counts[i] = 0;
  stmt = prepare_dynamic (self, error,
                          "SELECT s.ministry,"
                          " (SELECT count(*) FROM dossiers WHERE source_id = s.id AND (%s))"
                          " FROM sources s",
                          views[view].where);
  if (stmt == NULL)
    return FALSE;
  bind_view (self, stmt, NULL, now);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int i = MC_ID_FIND (mc_queue_ministries, (const char *) sqlite3_column_text (stmt, 0));

      if (i >= 0)
        out_counts[i] += sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("counting the queue per ministry"));
      return FALSE;
    }
  return TRUE;
}

/* The search marks its hits inside SQLite, in a bitmap handed to the statement as a pointer
 * (sqlite3_bind_pointer()): a one-letter prefix matches most of a million rows, and stepping
 * each row id out of the statement into C cost as much again as FTS5 finding it. */
typedef struct
{
  guint8 *bits;
  gint64 max_id;
} HitBits;

#define HIT_BITS_TYPE "mc-hit-bits"

static void
mark_hit_step (sqlite3_context  *context,
               int               argc,
               sqlite3_value   **argv)
{
  HitBits *hits = sqlite3_value_pointer (argv[0], HIT_BITS_TYPE);
  sqlite3_int64 id = sqlite3_value_int64 (argv[1]);

  if (hits != NULL && id >= 0 && id <= hits->max_id)
    hits->bits[id / 8] |= 1 << (id % 8);
}

static void
mark_hit_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

static const char exact_sql[] =
  "SELECT mc_mark_hit(?4, id) FROM (SELECT id FROM dossiers WHERE number = ?1 COLLATE NOCASE"
  " AND id BETWEEN ?2 AND ?3"
  " UNION ALL SELECT id FROM dossiers WHERE id_number = ?1 AND id BETWEEN ?2 AND ?3)";
static const char fts_sql[] =
  "SELECT mc_mark_hit(?4, rowid) FROM dossier_fts WHERE dossier_fts MATCH ?1 AND rowid BETWEEN ?2 AND ?3";

/* Runs one of the statements above, which bind @text as ?1. */
static gboolean
mark_hits (McStore     *self,
           const char  *sql,
           const char  *text,
           gint64       first_id,
           gint64       last_id,
           HitBits     *hits,
           GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* The aggregate is this connection's own, registered with its first search (before any
   * statement that names it is prepared, so that none is expired by the registration). */
  if (!g_hash_table_contains (self->statements, exact_sql) &&
      sqlite3_create_function_v2 (self->db, "mc_mark_hit", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                                  NULL, mark_hit_step, mark_hit_final, NULL) != SQLITE_OK)
    {
      mc_store_set_error (self, error, N_("searching"));
      return FALSE;
    }
  if (!(stmt = mc_store_prepare (self, sql, error)))
    return FALSE;
  mc_store_bind_text (stmt, 1, text);
  sqlite3_bind_int64 (stmt, 2, first_id);
  sqlite3_bind_int64 (stmt, 3, last_id);
  sqlite3_bind_pointer (stmt, 4, hits, HIT_BITS_TYPE, NULL);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("searching"));
      return FALSE;
    }
  return TRUE;
}

/* Sets in @bits, a bitmap by row id up to @max_id, the bit of every dossier from @first_id to
 * @last_id matching @text: its words, folded, the last one a prefix (mc_store_build_fts_query()),
 * or its dossier or ID number typed exactly, which matches even where the tokenizer would split
 * it. Two connections can each mark a range at once (FTS5 skips to a rowid range without
 * reading the rest): ranges that share no byte of @bits. Blank text marks nothing. */
gboolean
mc_store_queue_search_mark (McStore     *self,
                            const char  *text,
                            gint64       first_id,
                            gint64       last_id,
                            guint8      *bits,
                            gint64       max_id,
                            GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  g_autofree char *fts = mc_store_build_fts_query (trimmed);
  HitBits hits = { bits, max_id };

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (*trimmed == '\0')
    return TRUE;
  return mark_hits (self, exact_sql, trimmed, first_id, last_id, &hits, error) &&
         (fts == NULL || mark_hits (self, fts_sql, fts, first_id, last_id, &hits, error));
}

/* The longest prefix the full-text index keeps a list of its own for (schema: prefix='1 2 3'). */
#define FTS_PREFIX_MAX 3

/* Whether marking @text's hits in two ranges of row ids costs each about half of marking them
 * at once, so that two connections can share the work. It does when the last word (the prefix
 * typed) is no longer than FTS_PREFIX_MAX: FTS5 reads that prefix's own list from the start
 * of the range. A longer prefix is the union of the lists of every word it starts, which FTS5
 * merges in full whatever the range ("dang": about 10 ms at a million dossiers): each range
 * would merge it again, for nothing. */
gboolean
mc_store_queue_search_splits (const char *text)
{
  g_autofree char *folded = mc_fold_text (text ? text : "");
  glong last = 0, run = 0;

  /* Words as FTS5's tokenizer cuts them: runs of letters and digits. */
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      last = ++run;
    else
      run = 0;
  return last > 0 && last <= FTS_PREFIX_MAX;
}

/* Returns: (transfer full): the ids (guint32) of every dossier matching @text (as
 * mc_store_queue_search_mark() finds them), in ascending order. */
GArray *
mc_store_queue_search_ids (McStore     *self,
                           const char  *text,
                           GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autofree guint8 *bits = NULL;
  gint64 max_id = mc_store_queue_max_id (self, error);

  if (max_id < 0)
    return NULL;
  bits = g_malloc0 (max_id / 8 + 1);
  if (!mc_store_queue_search_mark (self, text, 0, G_MAXINT64, bits, max_id, error))
    return NULL;
  for (gint64 id = 0; id <= max_id; id++)
    if (bits[id / 8] & (1 << (id % 8)))
      {
        guint32 id32 = (guint32) id;

        g_array_append_val (ids, id32);
      }
  return g_steal_pointer (&ids);
}

/* For a connection that only reads the queue in a worker thread (the sort orders, the counts):
 * those reads walk whole indexes once, which a page cache does not speed up, and SQLite's
 * default cache of 2 MB per connection would stay resident for nothing. */
void
mc_store_queue_use_small_cache (McStore *self)
{
  g_return_if_fail (MC_IS_STORE (self));
  if (sqlite3_exec (self->db, "PRAGMA cache_size = -256", NULL, NULL, NULL) != SQLITE_OK)
    g_debug ("cache_size: %s", sqlite3_errmsg (self->db));
}

/* Returns: the largest row id of a dossier, 0 when there is none, -1 on error. */
gint64
mc_store_queue_max_id (McStore  *self,
                       GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT coalesce(max(id), 0) FROM dossiers", error);
  gint64 max_id = -1;

  if (stmt == NULL)
    return -1;
  max_id = mc_store_step_int64 (self, stmt, N_("searching"), error);
  return max_id;
}

/* Returns: the dossier that @text names exactly, as a barcode scanner types it: a dossier
 * number, or a 12-digit ID number (the applicant's newest dossier). 0 if none, -1 on error. */
gint64
mc_store_queue_find_exact (McStore     *self,
                           const char  *text,
                           GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));
  sqlite3_stmt *stmt;
  gint64 id;

  if (*trimmed == '\0')
    return 0;
  id = mc_store_find_number (self, trimmed, error);
  if (id != 0)
    return id;
  stmt = mc_store_prepare (self, "SELECT id FROM dossiers WHERE id_number = ?"
                                 " ORDER BY coalesce(received_at, submitted_at) DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return -1;
  mc_store_bind_text (stmt, 1, trimmed);
  return mc_store_step_id (self, stmt, error);
}

void
mc_queue_entry_free (McQueueEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->number);
  g_free (entry->procedure_code);
  g_free (entry->procedure_name);
  g_free (entry->applicant_name);
  g_free (entry->ministry);
  g_free (entry);
}

/* Returns: (transfer full): the columns of one row, or NULL with MC_STORE_ERROR_NOT_FOUND. */
McQueueEntry *
mc_store_queue_get_entry (McStore  *self,
                          gint64    id,
                          GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT d.number, d.procedure_code, d.procedure_name, d.applicant_name, s.ministry, d.status,"
    " coalesce(d.received_at, d.submitted_at), d.due_at,"
    " (SELECT count(*) FROM outbox o WHERE o.dossier_id = d.id AND o.state IN " MC_OUTBOX_UNAPPLIED_SQL ")"
    " FROM dossiers d JOIN sources s ON s.id = d.source_id WHERE d.id = ?", error);
  McQueueEntry *entry;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!mc_store_step_row (self, stmt, N_("reading a queue row"), error, "No dossier with id %" G_GINT64_FORMAT, id))
    return NULL;
  entry = g_new0 (McQueueEntry, 1);
  entry->id = id;
  entry->number = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  entry->procedure_code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  entry->procedure_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  entry->applicant_name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  entry->ministry = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  entry->status = sqlite3_column_int (stmt, 5);
  entry->received_at = sqlite3_column_int64 (stmt, 6);
  entry->due_at = sqlite3_column_int64 (stmt, 7);
  entry->n_unsynced = sqlite3_column_int (stmt, 8);
  sqlite3_reset (stmt);
  return entry;
}

static void
link_free (gpointer data)
{
  McQueueLink *link = data;

  g_free (link->number);
  g_free (link->procedure_name);
  g_free (link);
}

/* Returns: (transfer full): McQueueLink, the other dossiers of the same applicant (same ID
 * number), newest first, at most 20. */
GPtrArray *
mc_store_queue_linked (McStore  *self,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func (link_free);
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT o.id, o.number, o.procedure_name, o.status, coalesce(o.received_at, o.submitted_at)"
    " FROM dossiers d JOIN dossiers o ON o.id_number = d.id_number AND o.id <> d.id"
    " WHERE d.id = ? AND d.id_number IS NOT NULL AND d.id_number <> ''"
    " ORDER BY 5 DESC, o.id DESC LIMIT 20", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      McQueueLink *link = g_new0 (McQueueLink, 1);

      link->id = sqlite3_column_int64 (stmt, 0);
      link->number = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      link->procedure_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      link->status = sqlite3_column_int (stmt, 3);
      link->received_at = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading linked dossiers"));
      return NULL;
    }
  return g_steal_pointer (&links);
}

/* Returns: how many actions on dossier @id wait in the outbox, 0 on error. */
guint
mc_store_queue_unsynced (McStore  *self,
                         gint64    id,
                         GError  **error)
{
  sqlite3_stmt *stmt = mc_store_prepare (self,
    "SELECT count(*) FROM outbox WHERE dossier_id = ? AND state IN " MC_OUTBOX_UNAPPLIED_SQL, error);
  guint n = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  else
    mc_store_set_error (self, error, N_("reading the outbox"));
  sqlite3_reset (stmt);
  return n;
}

/* Returns: a number that changes whenever another connection (the sync engine, motcuactl)
 * commits to the database; the window polls it to keep its counts live. */
gint64
mc_store_queue_data_version (McStore *self)
{
  sqlite3_stmt *stmt = mc_store_prepare (self, "PRAGMA data_version", NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}
