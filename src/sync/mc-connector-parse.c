/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connector-private.h"
#include "mc-id.h"
#include "mc-json.h"
#include "mc-time.h"

/* What every connector reads a ministry's answers with: strict JSON that names the source and
 * the item on any problem (McParse), the children of a dossier by each dialect's names, and
 * the two ways to page by time: a keyset over the items' update time (lgsp), a window for the
 * items that carry none (dvcqg, legacy). */

/* Parsing */

void
mc_parse_fail (McParse    *p,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (p->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (p->item >= 0)
    p->error = g_error_new (MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, _("dossier %d of the page: %s"),
                            p->item + 1, message);
  else
    p->error = g_error_new_literal (MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, message);
}

gboolean
mc_parse_check (McParse  *p,
                GError  **error)
{
  if (p->error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&p->error));
  return FALSE;
}

/* Returns: the root object of @body, which *out_doc holds; NULL with @p's error set. */
const McJson *
mc_parse_body (McParse     *p,
               GBytes      *body,
               McJsonDoc  **out_doc)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(McJsonDoc) doc = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);

  if (len == 0)
    {
      mc_parse_fail (p, _("the answer is empty"));
      return NULL;
    }
  if (data[0] == '<' || (len > 15 && g_ascii_strncasecmp (data, "<!DOCTYPE", 9) == 0))
    {
      mc_parse_fail (p, _("the answer is a web page, not JSON"));
      return NULL;
    }
  if (!(doc = mc_json_parse (data, len, &local)))
    {
      mc_parse_fail (p, _("the answer is not valid JSON, or was cut off (%s)"), local->message);
      return NULL;
    }
  if (mc_json_type (mc_json_doc_root (doc)) != MC_JSON_OBJECT)
    {
      mc_parse_fail (p, _("the answer is not a JSON object"));
      return NULL;
    }
  *out_doc = g_steal_pointer (&doc);
  return mc_json_doc_root (*out_doc);
}

McPullPage *
mc_parse_page (McConnector   *self,
               const char    *cursor,
               GBytes        *body,
               McPageReader   read,
               GError       **error)
{
  g_autoptr(McJsonDoc) doc = NULL;
  g_autoptr(McPullPage) page = mc_pull_page_new ();
  McParse p = { mc_connector_get_base (self), -1 };
  const McJson *root = mc_parse_body (&p, body, &doc);

  if (root != NULL && !read (&p, root, cursor, page, error))
    {
      mc_parse_check (&p, NULL);
      return NULL;
    }
  p.item = -1;
  if (!mc_parse_check (&p, error))
    return NULL;
  return g_steal_pointer (&page);
}

static const McJson *
member (McParse      *p,
        const McJson *o,
        const char   *name,
        gboolean      required)
{
  const McJson *node;

  if (p->error != NULL || o == NULL)
    return NULL;
  node = mc_json_member (o, name);
  if ((node == NULL || mc_json_type (node) == MC_JSON_NULL) && required)
    mc_parse_fail (p, _("the field “%s” is missing"), name);
  return node && mc_json_type (node) != MC_JSON_NULL ? node : NULL;
}

/* Member @name of @o when it is an object or a list (@type). */
static const McJson *
container (McParse      *p,
           const McJson *o,
           const char   *name,
           gboolean      required,
           McJsonType    type)
{
  const McJson *node = member (p, o, name, required);

  if (node != NULL && mc_json_type (node) != type)
    {
      mc_parse_fail (p, type == MC_JSON_OBJECT ? _("the field “%s” should be an object")
                                               : _("the field “%s” should be a list"), name);
      return NULL;
    }
  return node;
}

const McJson *
mc_parse_object (McParse      *p,
                 const McJson *o,
                 const char   *name,
                 gboolean      required)
{
  return container (p, o, name, required, MC_JSON_OBJECT);
}

const McJson *
mc_parse_array (McParse      *p,
                const McJson *o,
                const char   *name,
                gboolean      required)
{
  return container (p, o, name, required, MC_JSON_ARRAY);
}

/* Element @i of @list, which must be an object, else @message is the problem. */
static const McJson *
object_at (McParse      *p,
           const McJson *list,
           guint         i,
           const char   *message)
{
  const McJson *x = mc_json_element (list, i);

  if (mc_json_type (x) != MC_JSON_OBJECT)
    {
      mc_parse_fail (p, "%s", message);
      return NULL;
    }
  return x;
}

const McJson *
mc_parse_element (McParse      *p,
                  const McJson *list,
                  guint         i)
{
  return object_at (p, list, i, _("an element of a list is not an object"));
}

const McJson *
mc_parse_item (McParse      *p,
               const McJson *items,
               guint         i)
{
  p->item = i;
  return object_at (p, items, i, _("not an object"));
}

char *
mc_parse_string (McParse      *p,
                 const McJson *o,
                 const char   *name,
                 gboolean      required)
{
  const McJson *node = member (p, o, name, required);
  const char *text;

  if (node == NULL)
    return NULL;
  /* The page fixes no JSON type for identifiers (id, MaTep, next_cursor): a number is its
   * decimal text. */
  if (mc_json_type (node) == MC_JSON_INT)
    return g_strdup_printf ("%" G_GINT64_FORMAT, mc_json_int (node));
  if ((text = mc_json_string (node)) == NULL)
    {
      mc_parse_fail (p, _("the field “%s” should be text"), name);
      return NULL;
    }
  if (required && *text == '\0')
    {
      mc_parse_fail (p, _("the field “%s” is empty"), name);
      return NULL;
    }
  return g_strdup (text);
}

/* Numbers, and numbers written as text (the portal writes "2" for 2). */
gint64
mc_parse_int (McParse      *p,
              const McJson *o,
              const char   *name,
              gboolean      required,
              gint64        fallback)
{
  const McJson *node = member (p, o, name, required);
  const char *s;

  if (node == NULL)
    return fallback;
  if (mc_json_type (node) == MC_JSON_INT)
    return mc_json_int (node);
  if (!required && g_strcmp0 (mc_json_string (node), "") == 0)
    return fallback;  /* an optional number sent as "": none */
  if ((s = mc_json_string (node)) != NULL)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (s, &end, 10);

      if (end != s && *end == '\0')
        return v;
    }
  mc_parse_fail (p, _("the field “%s” should be a whole number"), name);
  return fallback;
}

gboolean
mc_parse_bool (McParse      *p,
               const McJson *o,
               const char   *name)
{
  const McJson *node = member (p, o, name, FALSE);
  const char *s;

  if (node == NULL)
    return FALSE;
  if (mc_json_type (node) == MC_JSON_BOOLEAN)
    return mc_json_boolean (node);
  if (mc_json_type (node) == MC_JSON_INT)
    return mc_json_int (node) != 0;
  if ((s = mc_json_string (node)) != NULL)
    {
      if (g_ascii_strcasecmp (s, "true") == 0 || g_str_equal (s, "1"))
        return TRUE;
      if (g_ascii_strcasecmp (s, "false") == 0 || g_str_equal (s, "0"))
        return FALSE;
    }
  mc_parse_fail (p, _("the field “%s” should be true or false"), name);
  return FALSE;
}

/* A flag the dialect may leave out: unknown when @name is NULL (the dialect has no such
 * member) or the member is missing or null. */
McFlag
mc_parse_flag (McParse      *p,
               const McJson *o,
               const char   *name)
{
  if (name == NULL || member (p, o, name, FALSE) == NULL)
    return MC_FLAG_UNKNOWN;
  return mc_parse_bool (p, o, name) ? MC_FLAG_YES : MC_FLAG_NO;
}

gint64
mc_parse_time (McParse      *p,
               const McJson *o,
               const char   *name,
               McWireTime    format,
               gboolean      required)
{
  const McJson *node = member (p, o, name, required);
  const char *text;
  gint64 t;

  if (node == NULL)
    return 0;
  text = mc_json_string (node);
  /* Back-ends write an optional date they do not have as "" as well as null. */
  if (!required && text != NULL && *text == '\0')
    return 0;
  if (text == NULL || !mc_wire_time_parse (format, text, &t))
    {
      mc_parse_fail (p, _("the date “%s” in “%s” cannot be read"), text ? text : "?", name);
      return 0;
    }
  return t;
}

gint64
mc_parse_ms (McParse      *p,
             const McJson *o,
             const char   *name,
             gboolean      required)
{
  const McJson *node = member (p, o, name, required);
  gint64 ms;

  if (node == NULL || (!required && g_strcmp0 (mc_json_string (node), "") == 0))
    return 0;
  if (mc_json_type (node) != MC_JSON_INT)
    {
      mc_parse_fail (p, _("the date in “%s” should be milliseconds since 1970"), name);
      return 0;
    }
  ms = mc_json_int (node);
  /* 1900–2999: anything else is a unit mix-up (seconds for milliseconds), not a date. */
  if (ms < G_GINT64_CONSTANT (-2208988800000) || ms > G_GINT64_CONSTANT (32503680000000))
    {
      mc_parse_fail (p, _("the date in “%s” is out of range"), name);
      return 0;
    }
  return ms / 1000;
}

/* Keyset */

void
mc_keyset_init (McKeyset   *k,
                const char *cursor)
{
  g_auto(GStrv) parts = cursor ? g_strsplit (cursor, "|", 3) : NULL;

  memset (k, 0, sizeof *k);
  if (parts && g_strv_length (parts) == 3)
    {
      k->time = g_ascii_strtoll (parts[0], NULL, 10);
      k->count = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      k->number = g_strdup (parts[2]);
    }
  k->block_time = k->time;
  k->block = k->count;
}

void
mc_keyset_clear (McKeyset *k)
{
  g_clear_pointer (&k->number, g_free);
}

/* The page that holds the cursor's own item (the K-th of its second). */
guint
mc_keyset_page (McKeyset *k,
                guint     page_size)
{
  return k->number && k->count > 0 ? (k->count - 1) / page_size + 1 : 1;
}

/* TRUE when the item comes after the cursor: new, to be stored. */
gboolean
mc_keyset_take (McKeyset   *k,
                gint64      time,
                const char *number)
{
  if (k->number != NULL)
    {
      if (time == k->time && g_str_equal (number, k->number))
        k->anchor_seen = TRUE;
      if (time < k->time || (time == k->time && strcmp (number, k->number) <= 0))
        return FALSE;
    }
  if (time == k->block_time)
    k->block++;
  else
    {
      k->block_time = time;
      k->block = 1;
    }
  k->last_number = number;
  k->n_new++;
  return TRUE;
}

char *
mc_keyset_cursor (McKeyset   *k,
                  const char *old_cursor)
{
  if (k->n_new == 0)
    return g_strdup (old_cursor);
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%u|%s", k->block_time, k->block, k->last_number);
}

McPullPage *
mc_keyset_pull (McConnector   *self,
                const char    *cursor,
                McKeysetFetch  fetch,
                GCancellable  *cancellable,
                GError       **error)
{
  McConnectorBase *base = mc_connector_get_base (self);
  guint64 before = mc_http_get_n_requests (base->http);
  McKeyset k;
  guint page_no;

  mc_keyset_init (&k, cursor);
  page_no = mc_keyset_page (&k, base->page_size);
  mc_keyset_clear (&k);
  for (guint n = 0; n < 1000; n++, page_no++)
    {
      McPullPage *page = fetch (self, cursor, page_no, cancellable, error);

      if (page == NULL)
        return NULL;
      if (cursor != NULL && page_no > 1 && n == 0 && !page->anchor_seen)
        {
          /* The list moved under the cursor (its item changed again): scan from the start. */
          mc_pull_page_free (page);
          page_no = 0;
          continue;
        }
      page->n_requests = mc_http_get_n_requests (base->http) - before;
      /* With the total, a page that ends exactly at the last item is known to be the last. */
      if (page->total >= 0)
        page->more = (gint64) (page_no - 1) * base->page_size + page->n_items < page->total;
      if (page->dossiers->len > 0 || page->tombstones->len > 0 || !page->more)
        return page;
      mc_pull_page_free (page);
    }
  mc_connector_error (base, error, MC_SYNC_ERROR_SERVER, _("the list does not advance"));
  return NULL;
}

static gint64
parse_child_time (McParse           *p,
                  const McJson        *x,
                  const char        *name,
                  const McChildKeys *keys,
                  McWireTime         format)
{
  return keys->epoch_ms ? mc_parse_ms (p, x, name, FALSE) : mc_parse_time (p, x, name, format, FALSE);
}

/* Reads the documents, fees, supplements and results of @o into @d; stops at the first error,
 * which @p keeps. */
void
mc_parse_children (McParse           *p,
                   const McJson        *o,
                   const McChildKeys *keys,
                   McWireTime         format,
                   McDossier         *d)
{
  const McJson *list;

  list = mc_parse_array (p, o, keys->documents, FALSE);
  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->document_name, TRUE);

      McFlag digitised = mc_parse_flag (p, x, keys->document_digitised);
      McFlag reused = mc_parse_flag (p, x, keys->document_reused);
      McFlag from_store = mc_parse_flag (p, x, keys->document_from_store);

      if (p->error == NULL)
        {
          McDocument *doc = mc_dossier_add_document (d, name, mc_parse_bool (p, x, keys->document_copy),
                                                     mc_parse_int (p, x, keys->document_count, FALSE, 1));

          doc->digitised = digitised;
          doc->reused = reused;
          doc->from_store = from_store;
        }
    }
  list = mc_parse_array (p, o, keys->fees, FALSE);
  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->fee_name, TRUE);

      if (p->error == NULL)
        mc_dossier_add_fee (d, name, mc_parse_int (p, x, keys->fee_amount, FALSE, 0),
                            mc_parse_bool (p, x, keys->fee_paid));
    }
  list = mc_parse_array (p, o, keys->supplements, FALSE);
  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *items = mc_parse_string (p, x, keys->supplement_items, TRUE);

      if (p->error == NULL)
        mc_dossier_add_supplement (d, parse_child_time (p, x, keys->supplement_requested, keys, format), items,
                                   parse_child_time (p, x, keys->supplement_received, keys, format));
    }
  list = mc_parse_array (p, o, keys->results, FALSE);
  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->result_name, TRUE);
      g_autofree char *number = mc_parse_string (p, x, keys->result_number, FALSE);
      char *code = keys->result_code ? mc_parse_string (p, x, keys->result_code, FALSE) : NULL;
      char *file = keys->result_file ? mc_parse_string (p, x, keys->result_file, FALSE) : NULL;
      gint64 issued = parse_child_time (p, x, keys->result_issued, keys, format);

      if (p->error == NULL)
        {
          McResult *r = mc_dossier_add_result (d, name, number, issued);

          r->code = code;
          r->file_url = file;
        }
      else
        {
          g_free (code);
          g_free (file);
        }
    }
  list = keys->files ? mc_parse_array (p, o, keys->files, FALSE) : NULL;
  /* A listed file list, even empty, is what the system knows: no file is then a known no. */
  d->files_known = list != NULL;
  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->file_name, TRUE);
      g_autofree char *kind = mc_parse_string (p, x, keys->file_kind, FALSE);
      g_autofree char *component = keys->file_component ? mc_parse_string (p, x, keys->file_component, FALSE) : NULL;
      g_autofree char *hash = keys->file_hash ? mc_parse_string (p, x, keys->file_hash, FALSE) : NULL;
      gint64 size = mc_parse_int (p, x, keys->file_size, FALSE, -1);
      char *id = keys->file_id ? mc_parse_string (p, x, keys->file_id, FALSE) : NULL;
      char *path = mc_parse_string (p, x, keys->file_path, FALSE);

      if (p->error == NULL)
        {
          McFile *f = mc_dossier_add_file (d, MC_FILE_REMOTE,
                                           g_strcmp0 (kind, keys->file_result) == 0 ? MC_FILE_RESULT : MC_FILE_COMPONENT,
                                           name, component, size);

          f->remote_id = id;
          f->remote_path = path;
          if (hash != NULL && *hash != '\0')
            f->hash = g_strconcat (keys->file_hash_algo, ":", hash, NULL);
        }
      else
        {
          g_free (id);
          g_free (path);
        }
    }
}

static McStatus
step_status (const McStepKeys *keys,
             const char       *name,
             gint64            code)
{
  if (keys->status_names != NULL)
    return MAX (mc_id_find (keys->status_names, keys->n_status, sizeof (char *), 0, name), 0);
  return code >= 0 && code < (gint64) keys->n_status ? keys->status_codes[code] : MC_STATUS_INVALID;
}

/* Reads the history of @o into @d; stops at the first error, which @p keeps. */
void
mc_parse_history (McParse          *p,
                  const McJson     *o,
                  const McStepKeys *keys,
                  McWireTime        format,
                  McDossier        *d)
{
  const McJson *list = mc_parse_array (p, o, keys->list, FALSE);

  for (guint i = 0; list && p->error == NULL && i < mc_json_length (list); i++)
    {
      const McJson *x = mc_parse_element (p, list, i);
      g_autofree char *actor = mc_parse_string (p, x, keys->actor, FALSE);
      g_autofree char *unit = mc_parse_string (p, x, keys->unit, FALSE);
      g_autofree char *action = mc_parse_string (p, x, keys->action, !keys->action_optional);
      g_autofree char *note = mc_parse_string (p, x, keys->note, FALSE);
      /* A status by name is read before the time and one by code after it, as each dialect
       * always has: the first problem of a step is the error it reports. */
      g_autofree char *name = keys->status_names ? mc_parse_string (p, x, keys->status, FALSE) : NULL;
      gint64 at = keys->epoch_ms ? mc_parse_ms (p, x, keys->at, TRUE) : mc_parse_time (p, x, keys->at, format, TRUE);
      gint64 code = keys->status_names ? -1 : mc_parse_int (p, x, keys->status, FALSE, -1);
      McStatus status = step_status (keys, name, code);

      if (p->error == NULL)
        mc_dossier_add_step (d, at, actor, unit, action ? action : mc_status_step_name (status), status, note);
    }
}

/* Every item of a page, read with @item into @page; with a keyset, those it already took on an
 * earlier page are skipped (the time filter is inclusive). */
static void
fill (McParse      *p,
      McKeyset     *k,
      const McJson *items,
      McParseItem   item,
      McPullPage   *page)
{
  guint n = items ? mc_json_length (items) : 0;

  for (guint i = 0; p->error == NULL && i < n; i++)
    {
      const McJson *node = mc_parse_item (p, items, i);
      McDossier *d;
      gint64 updated = 0;

      if (node == NULL || !(d = item (p, node, &updated)))
        break;
      if (k != NULL && !mc_keyset_take (k, updated, d->number))
        {
          mc_dossier_unref (d);
          continue;
        }
      g_ptr_array_add (page->dossiers, d);
      g_ptr_array_add (page->remote_ids, NULL);
    }
  p->item = -1;
  page->n_items = n;
}

/* The page of a dialect paged by time and number (lgsp): its new items, then the page closed:
 * whether more may follow, the next cursor. */
void
mc_keyset_fill_page (McParse      *p,
                     McKeyset     *k,
                     const McJson *items,
                     McParseItem   item,
                     guint         page_size,
                     const char   *cursor,
                     McPullPage   *page)
{
  fill (p, k, items, item, page);
  page->more = page->n_items >= page_size;
  page->cursor = mc_keyset_cursor (k, cursor);
  page->anchor_seen = k->anchor_seen;
}

/* Every item of a page of a window dialect (mc_window_pull() closes the page). */
void
mc_parse_items (McParse      *p,
                const McJson *items,
                McParseItem   item,
                McPullPage   *page)
{
  fill (p, NULL, items, item, page);
}

/* Window */

/* The lower bound of a listing by change time, in the dialect's own date @format. A first or a
 * full read (@since 0) asks from the epoch: the page gives these parameters only as dates, so a
 * system may refuse an empty one, and no dossier changed before 1970. */
char *
mc_connector_since (McWireTime  format,
                    gint64      since)
{
  return mc_wire_time_format (format, MAX (since, 0));
}

McPullPage *
mc_window_pull (McConnector   *self,
                const char    *cursor,
                McWindowFetch  fetch,
                GCancellable  *cancellable,
                GError       **error)
{
  McConnectorBase *base = mc_connector_get_base (self);
  g_auto(GStrv) parts = cursor ? g_strsplit (cursor, "|", 4) : NULL;
  guint64 before = mc_http_get_n_requests (base->http);
  gint64 since = 0, start = 0;
  guint page_no = 0;
  McPullPage *page;

  if (parts != NULL && g_strv_length (parts) == 4 && g_str_equal (parts[0], "w"))
    {
      since = g_ascii_strtoll (parts[1], NULL, 10);
      page_no = (guint) g_ascii_strtoull (parts[2], NULL, 10);
      start = g_ascii_strtoll (parts[3], NULL, 10);
    }
  if (page_no == 0)
    {
      /* A new walk: what it reads is counted, to tell at its end whether it saw everything. */
      page_no = 1;
      start = mc_time_now ();
      base->walk_start = start;
      g_clear_pointer (&base->walk_seen, g_hash_table_unref);
      base->walk_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  else if (base->walk_start != start)
    g_clear_pointer (&base->walk_seen, g_hash_table_unref);  /* begun by another process */

  if (!(page = fetch (self, since, page_no, cancellable, error)))
    return NULL;
  page->n_requests = mc_http_get_n_requests (base->http) - before;
  for (guint i = 0; base->walk_seen != NULL && i < page->dossiers->len; i++)
    g_hash_table_add (base->walk_seen, g_strdup (((McDossier *) g_ptr_array_index (page->dossiers, i))->number));
  page->more = page->total >= 0 ? (gint64) page_no * base->page_size < page->total
                                : page->n_items >= base->page_size;
  g_free (page->cursor);
  if (page->more)
    page->cursor = g_strdup_printf ("w|%" G_GINT64_FORMAT "|%u|%" G_GINT64_FORMAT, since, page_no + 1, start);
  else
    {
      /* Short of the server's total: something moved while the walk read and may have been
       * missed, so the next walk reads this window again. Without a total (or with pages read
       * by another process) that cannot be known: the window moves on, but the walk does not
       * count as complete for the reconciliation. */
      gboolean short_of_total = base->walk_seen != NULL && page->total >= 0
                                && g_hash_table_size (base->walk_seen) < (guint64) page->total;

      page->unverified = short_of_total || base->walk_seen == NULL || page->total < 0;
      page->cursor = g_strdup_printf ("w|%" G_GINT64_FORMAT "|0|0",
                                      short_of_total ? since : MAX (start - MC_WINDOW_MARGIN, 0));
      g_clear_pointer (&base->walk_seen, g_hash_table_unref);
    }
  return page;
}

/* Cursor */

McPullPage *
mc_cursor_pull (McConnector    *self,
                const char     *cursor,
                McCursorGet     get,
                McCursorRefuse  refuse,
                GCancellable   *cancellable,
                GError        **error)
{
  McConnectorBase *base = mc_connector_get_base (self);
  guint64 before = mc_http_get_n_requests (base->http);
  g_autoptr(McHttpReply) reply = get (self, cursor, cancellable, error);
  McPullPage *page;

  if (reply == NULL)
    return NULL;
  if (reply->status == 410)
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_CURSOR_EXPIRED, _("the sync position expired; reading everything again"));
      return NULL;
    }
  if (!mc_connector_check_status (base, reply, error))
    return NULL;
  if (reply->status != 200)
    {
      refuse (base, reply, error);
      return NULL;
    }
  if (!(page = mc_connector_parse_page (self, cursor, reply->body, error)))
    return NULL;
  page->n_requests = mc_http_get_n_requests (base->http) - before;
  return page;
}

gboolean
mc_parse_tombstone (McParse      *p,
                    const McJson *o,
                    McPullPage   *page,
                    char        **out_id)
{
  char *id = mc_parse_string (p, o, "id", TRUE);

  if (!mc_parse_bool (p, o, "deleted"))
    {
      *out_id = id;
      return FALSE;
    }
  g_ptr_array_add (page->tombstones, id);
  return TRUE;
}
