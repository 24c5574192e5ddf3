/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "mc-queue-model-private.h"
#include "mc-queue-row.h"
#include "mc-time.h"

/* The work queue as a GListModel: an array of row ids in display order, and rows made on
 * demand for the positions GTK asks for. SQLite does the filtering and the sorting (see
 * "The queue at scale" in DESIGN.md for what GtkSortListModel and friends cost at a million
 * rows); a search narrows the view's own ordered array in one pass, so search results keep
 * the view's order without sorting again. Sorting uses orders kept in memory once they are
 * read (mc-queue-model-orders.c), SQLite's ORDER BY until then. */

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (McQueueModel, mc_queue_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_VIEW,
  PROP_MINISTRY,
  PROP_SEARCH,
  PROP_SORT,
  PROP_PREPARED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* g_set_str() arrives in GLib 2.76. */
static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static GType
mc_queue_model_get_item_type (GListModel *model)
{
  return MC_TYPE_QUEUE_ROW;
}

static guint
mc_queue_model_get_n_items (GListModel *model)
{
  return MC_QUEUE_MODEL (model)->n_items;
}

static McQueueEntry *
read_entry (McQueueModel *self,
            gint64        id)
{
  McQueueEntry *entry = mc_store_queue_get_entry (self->store, id, NULL);

  if (entry == NULL)
    {
      /* Deleted by another connection since the list was read: an empty line until the next
       * reload rather than a broken promise of an item at every position. */
      entry = g_new0 (McQueueEntry, 1);
      entry->id = id;
    }
  return entry;
}

static void
row_finalized (gpointer  data,
               GObject  *where_the_object_was)
{
  McQueueModel *self = data;
  GHashTableIter iter;
  gpointer value;

  /* The row cannot say its position any more: find it by address (a few hundred rows). */
  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        return;
      }
}


static gpointer
mc_queue_model_get_item (GListModel *model,
                         guint       position)
{
  McQueueModel *self = MC_QUEUE_MODEL (model);
  McQueueRow *row;
  gint64 id;

  if (position >= self->n_items)
    return NULL;
  row = g_hash_table_lookup (self->rows, GUINT_TO_POINTER (position));
  if (row != NULL)
    return g_object_ref (row);

  if (position >= self->ids->len)
    mc_queue_model_complete (self, NULL);
  /* Past the end only if the view changed size while it was being read: a blank line until
   * the announcement that complete() queued. */
  id = position < self->ids->len ? g_array_index (self->ids, guint32, position) : 0;
  row = mc_queue_row_new (read_entry (self, id), position);
  g_object_weak_ref (G_OBJECT (row), row_finalized, self);
  g_hash_table_insert (self->rows, GUINT_TO_POINTER (position), row);
  return row;
}

/* The rows alive whose dossier or outbox @set names take their entry again, in place. */
void
mc_queue_model_reread_rows (McQueueModel      *self,
                            const McChangeSet *set)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      gint64 id = mc_queue_row_get_id (value);

      if (id != 0 && (mc_change_set_has_dossier (set, id) || mc_change_set_has_dossier_outbox (set, id)))
        mc_queue_row_set_entry (value, read_entry (self, id));
    }
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = mc_queue_model_get_item_type;
  iface->get_n_items = mc_queue_model_get_n_items;
  iface->get_item = mc_queue_model_get_item;
}

static void
mc_queue_model_finalize (GObject *object)
{
  McQueueModel *self = MC_QUEUE_MODEL (object);

  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  g_free (self->count_ahead ? g_thread_join (self->count_ahead) : NULL);
  g_clear_object (&self->store);
  g_clear_object (&self->order_store);
  g_clear_object (&self->cancellable);
  for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
    g_clear_pointer (&self->orders[i], mc_packed_ids_free);
  g_clear_pointer (&self->letters, mc_letter_hits_free);
  g_clear_pointer (&self->ministry, g_free);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->view_ids, g_array_unref);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->hits_text, g_free);
  g_clear_pointer (&self->hits, g_free);
  if (self->rows != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->rows);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_object_weak_unref (value, row_finalized, self);
      g_clear_pointer (&self->rows, g_hash_table_unref);
    }
  G_OBJECT_CLASS (mc_queue_model_parent_class)->finalize (object);
}

static void
mc_queue_model_dispose (GObject *object)
{
  McQueueModel *self = MC_QUEUE_MODEL (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (mc_queue_model_parent_class)->dispose (object);
}

static void
mc_queue_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McQueueModel *self = MC_QUEUE_MODEL (object);

  switch (prop_id)
    {
    case PROP_VIEW:
      g_value_set_int (value, self->view);
      break;
    case PROP_MINISTRY:
      g_value_set_string (value, self->ministry);
      break;
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;
    case PROP_SORT:
      g_value_set_int (value, self->sort);
      break;
    case PROP_PREPARED:
      g_value_set_boolean (value, mc_queue_model_is_prepared (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_queue_model_class_init (McQueueModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_queue_model_dispose;
  object_class->finalize = mc_queue_model_finalize;
  object_class->get_property = mc_queue_model_get_property;

  properties[PROP_VIEW] =
    g_param_spec_int ("view", NULL, NULL, 0, MC_QUEUE_N_VIEWS - 1, MC_QUEUE_ALL,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MINISTRY] =
    g_param_spec_string ("ministry", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* The sort key (McQueueSort); notified with the direction too. */
  properties[PROP_SORT] =
    g_param_spec_int ("sort", NULL, NULL, 0, MC_QUEUE_N_SORTS - 1, MC_QUEUE_SORT_RECEIVED,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* Whether the sort orders are in memory, so that views and sorts switch without SQLite
   * sorting; TRUE after mc_queue_model_prepare() finishes, FALSE again after a change. */
  properties[PROP_PREPARED] =
    g_param_spec_boolean ("prepared", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* After a new list is announced: the removal and the insertion are both done. Widgets that
   * react to the list as a whole (empty state, counts) listen to this rather than to
   * items-changed, which sees an empty list in between. */
  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_queue_model_init (McQueueModel *self)
{
  self->view = MC_QUEUE_ALL;
  self->sort = MC_QUEUE_SORT_RECEIVED;
  self->descending = TRUE;
  self->rows = g_hash_table_new (NULL, NULL);
  self->cancellable = g_cancellable_new ();
}

/* Starts empty: the caller chooses the view and calls mc_queue_model_reload().
 * @order_store: (nullable): a second connection to the same database for the worker thread
 * that reads the sort orders; NULL keeps all ordering in SQLite. */
McQueueModel *
mc_queue_model_new (McStore *store,
                    McStore *order_store)
{
  McQueueModel *self;

  g_return_val_if_fail (MC_IS_STORE (store), NULL);
  g_return_val_if_fail (order_store == NULL || MC_IS_STORE (order_store), NULL);

  self = g_object_new (MC_TYPE_QUEUE_MODEL, NULL);
  self->store = g_object_ref (store);
  if (order_store != NULL)
    self->order_store = g_object_ref (order_store);
  return self;
}

void
mc_queue_model_notify_prepared (McQueueModel *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PREPARED]);
}

McStore *
mc_queue_model_get_store (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), NULL);
  return self->store;
}

/* Swaps in the new shown array. Positions both lists have keep their row objects, which take
 * the new dossier and say "changed": GTK keeps the widgets and only redraws them. Only the
 * tail is announced, as a pure removal or a pure insertion. (GTK 4.8 fetches every item when
 * told items_changed (0, old, new) on a big model, seconds at a million rows; and removing
 * then inserting everything makes it rebuild the ~200 rows it keeps, over 100 ms.) The
 * selection is the caller's to fix: a selected position may now hold another dossier. */
static void
announce (McQueueModel *self,
          GArray       *ids,
          guint         new_n)
{
  guint old_n = self->n_items;
  guint common = MIN (old_n, new_n);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  if (ids != self->ids)
    {
      g_clear_pointer (&self->ids, g_array_unref);
      self->ids = ids;
    }
  else
    g_array_unref (ids);
  self->n_items = new_n;

  g_hash_table_iter_init (&iter, self->rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint position = GPOINTER_TO_UINT (key);

      if (position < common)
        g_ptr_array_add (changed, g_object_ref (value));
      else
        {
          /* Going away with the removal below: no longer this model's row for the position. */
          g_object_weak_unref (value, row_finalized, self);
          g_hash_table_iter_remove (&iter);
        }
    }
  for (guint i = 0; i < changed->len; i++)
    {
      McQueueRow *row = g_ptr_array_index (changed, i);
      guint position = mc_queue_row_get_position (row);

      mc_queue_row_set_entry (row, read_entry (self, position < self->ids->len ?
                                                     g_array_index (self->ids, guint32, position) : 0));
    }

  if (old_n > new_n)
    g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
  g_signal_emit (self, signals[UPDATED], 0);
}

/* A search shared by two connections: each takes the next range of row ids until none is left,
 * so that when one thread is kept off its core (two cores, other programs), the other does
 * more. Ranges are whole bytes of the bitmap, so the two never write the same byte. */
#define SEARCH_CHUNKS 8

typedef struct
{
  const char *text;
  guint8 *bits;
  gint64 max_id;
  gint64 chunk_ids;   /* a multiple of 8 */
  int next;           /* atomic: the next range to take */
  int failed;         /* atomic */
} SearchShare;

typedef struct
{
  SearchShare *share;
  McStore *store;
  gboolean ok;
  GError *error;
} SearchPart;

static gpointer
search_part (gpointer data)
{
  SearchPart *part = data;
  SearchShare *share = part->share;
  int i;

  part->ok = TRUE;
  while ((i = g_atomic_int_add (&share->next, 1)) < SEARCH_CHUNKS && !g_atomic_int_get (&share->failed))
    {
      gint64 first = i * share->chunk_ids;
      gint64 last = i == SEARCH_CHUNKS - 1 ? G_MAXINT64 : first + share->chunk_ids - 1;

      if (!mc_store_queue_search_mark (part->store, share->text, first, last, share->bits, share->max_id,
                                       &part->error))
        {
          part->ok = FALSE;
          g_atomic_int_set (&share->failed, TRUE);
          break;
        }
    }
  return NULL;
}

/* Marks the search's hits in @bits by SQLite. A short prefix ("n", "ng") matches most of a
 * big table, and reading those row ids out of FTS5 is most of a keystroke's time: when the
 * worker connection is idle and the search can be split (mc_store_queue_search_splits()),
 * both connections mark ranges of the table at once. */
static gboolean
mark_search (McQueueModel  *self,
             guint8        *bits,
             gint64         max_id,
             GError       **error)
{
  SearchShare share = { self->search, bits, max_id, (max_id / (8 * SEARCH_CHUNKS) + 1) * 8, 0, FALSE };
  SearchPart worker = { &share, self->order_store, FALSE, NULL };
  SearchPart mine = { &share, self->store, FALSE, NULL };
  GThread *thread;

  if (self->order_store == NULL || self->loading || max_id <= 1000 || !mc_store_queue_search_splits (self->search))
    return mc_store_queue_search_mark (self->store, self->search, 0, G_MAXINT64, bits, max_id, error);
  thread = g_thread_new ("mc-search", search_part, &worker);
  search_part (&mine);
  g_thread_join (thread);
  if (!mine.ok)
    g_propagate_error (error, g_steal_pointer (&mine.error));
  else if (!worker.ok)
    g_propagate_error (error, g_steal_pointer (&worker.error));
  g_clear_error (&mine.error);
  g_clear_error (&worker.error);
  return mine.ok && worker.ok;
}

/* The search's hits as a bitmap, kept while only the view or the sort changes. Those of a
 * name's first keystrokes were read ahead with the orders (McLetterHits). */
static gboolean
load_hits (McQueueModel  *self,
           GError       **error)
{
  g_autofree guint8 *bits = NULL;
  gint64 max_id;
  int letter;

  if (self->hits != NULL && g_strcmp0 (self->hits_text, self->search) == 0)
    return TRUE;
  if (self->letters != NULL && (letter = mc_letter_index (self->search)) >= 0 &&
      self->letters->bits[letter] != NULL)
    {
      max_id = self->letters->max_id;
      bits = g_memdup2 (self->letters->bits[letter], max_id / 8 + 1);
    }
  else
    {
      if ((max_id = mc_store_queue_max_id (self->store, error)) < 0)
        return FALSE;
      bits = g_malloc0 (max_id / 8 + 1);
      if (!mark_search (self, bits, max_id, error))
        return FALSE;
    }
  g_free (self->hits);
  self->hits = g_steal_pointer (&bits);
  self->hits_max_id = max_id;
  g_free (self->hits_text);
  self->hits_text = g_strdup (self->search);
  return TRUE;
}

/* The shown array: the view filtered by the search hits, in the view's order. */
static gboolean
apply_search (McQueueModel  *self,
              GError       **error)
{
  g_autoptr(GArray) shown = NULL;
  const guint32 *view;
  guint32 *out;
  guint n = 0;

  if (self->search == NULL)
    {
      announce (self, g_array_ref (self->view_ids),
                self->partial_total ? self->partial_total : self->view_ids->len);
      return TRUE;
    }
  if (!mc_queue_model_complete (self, error) || !load_hits (self, error))
    return FALSE;
  /* Sized for the whole view and cut to what was kept: no reallocation (and copy) of a few
   * megabytes on the way, and a tight loop over the view. */
  shown = g_array_sized_new (FALSE, FALSE, sizeof (guint32), self->view_ids->len);
  view = (const guint32 *) self->view_ids->data;
  out = (guint32 *) shown->data;
  for (guint i = 0; i < self->view_ids->len; i++)
    {
      guint32 id = view[i];

      out[n] = id;
      n += id <= self->hits_max_id && (self->hits[id / 8] & (1 << (id % 8)));
    }
  g_array_set_size (shown, n);
  announce (self, shown, shown->len);
  g_steal_pointer (&shown);
  return TRUE;
}

#define FIRST_PAGE 4096
#define PARTIAL_MIN 50000

static GArray *
read_view (McQueueModel  *self,
           guint          limit,
           GError       **error)
{
  McQueueQuery query = {
    .view = self->view,
    .ministry = self->ministry,
    .sort = self->sort,
    .descending = self->descending,
    .now = mc_time_now (),
    .limit = limit,
  };

  if (self->orders[self->sort] != NULL)
    return mc_queue_model_order_view (self, NULL, query.ministry, query.now, error);
  return mc_store_queue_list (self->store, &query, error);
}

static gboolean
announce_idle (gpointer data)
{
  McQueueModel *self = data;

  announce (self, g_array_ref (self->ids), self->ids->len);
  return G_SOURCE_REMOVE;
}

/* Reads the rest of a view shown from its first page. Unannounced: the content is what GTK was
 * told, unless another connection changed the view meanwhile, and then an idle callback
 * announces the difference (this may run inside GTK's own get_item()). */
gboolean
mc_queue_model_complete (McQueueModel  *self,
                         GError       **error)
{
  GArray *full;

  if (self->partial_total == 0)
    return TRUE;
  full = read_view (self, 0, error);
  if (full == NULL)
    return FALSE;
  g_clear_pointer (&self->view_ids, g_array_unref);
  self->view_ids = full;
  self->partial_total = 0;
  if (self->search == NULL)
    {
      g_clear_pointer (&self->ids, g_array_unref);
      self->ids = g_array_ref (full);
      if (full->len != self->n_items)
        g_idle_add_full (G_PRIORITY_HIGH, announce_idle, g_object_ref (self), g_object_unref);
    }
  return TRUE;
}

/* Takes @view_ids (nullable: an error) as the view, and shows it filtered by the search,
 * whose hits are read again: the data changed. */
static gboolean
show_view (McQueueModel  *self,
           GArray        *view_ids,
           GError       **error)
{
  if (view_ids == NULL)
    return FALSE;
  g_clear_pointer (&self->view_ids, g_array_unref);
  self->view_ids = view_ids;
  g_clear_pointer (&self->hits, g_free);
  return apply_search (self, error);
}

typedef struct
{
  McStore *store;
  McQueueView view;
  gint64 now;
  gint64 count;   /* -1: failed */
} CountAhead;

static gpointer
count_ahead_thread (gpointer data)
{
  CountAhead *c = data;

  c->count = mc_store_queue_count (c->store, c->view, NULL, c->now, NULL);
  g_object_unref (c->store);
  return c;
}

/* Counts @view (all ministries) in a thread on @store, a connection nothing else uses
 * meanwhile, for the first reload of that view: at start-up the window builds its widgets
 * while the count (the size of the list, before its first page) runs on the other core. */
void
mc_queue_model_count_ahead (McQueueModel *self,
                            McStore      *store,
                            McQueueView   view)
{
  CountAhead *c;

  g_return_if_fail (MC_IS_QUEUE_MODEL (self));
  g_return_if_fail (MC_IS_STORE (store));
  g_return_if_fail (self->count_ahead == NULL);

  c = g_new (CountAhead, 1);
  c->store = g_object_ref (store);
  c->view = view;
  c->now = mc_time_now ();
  c->count = -1;
  self->count_ahead = g_thread_new ("mc-count-ahead", count_ahead_thread, c);
}

/* Returns: the count ahead if there was one of @view for all ministries, else -1. */
static gint64
take_count_ahead (McQueueModel *self)
{
  g_autofree CountAhead *c = NULL;

  if (self->count_ahead == NULL)
    return -1;
  c = g_thread_join (g_steal_pointer (&self->count_ahead));
  return c->view == self->view && self->ministry == NULL ? c->count : -1;
}

/* Reads the view again from the store (another connection may have changed it) and shows it,
 * still filtered by the search. */
gboolean
mc_queue_model_reload (McQueueModel  *self,
                       GError       **error)
{
  GArray *view_ids;
  gint64 total = 0;

  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  self->partial_total = 0;
  if (self->orders[self->sort] == NULL && self->search == NULL &&
      (total = take_count_ahead (self)) < 0)
    {
      total = mc_store_queue_count (self->store, self->view, self->ministry, mc_time_now (), error);
      if (total < 0)
        return FALSE;
    }
  if (total >= PARTIAL_MIN)
    {
      view_ids = read_view (self, FIRST_PAGE, error);
      if (view_ids != NULL && view_ids->len == FIRST_PAGE)
        self->partial_total = total;
    }
  else
    view_ids = read_view (self, 0, error);
  return show_view (self, view_ids, error);
}

/* Shows the view again from the sort orders just read, with its @members (nullable: read
 * them now) read at the same time. */
gboolean
mc_queue_model_show_ordered (McQueueModel  *self,
                             GArray        *members,
                             GError       **error)
{
  self->partial_total = 0;
  return show_view (self, mc_queue_model_order_view (self, members, self->ministry, mc_time_now (), error), error);
}

McQueueView
mc_queue_model_get_view (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), MC_QUEUE_ALL);
  return self->view;
}

/* Shows @view in its own order (mc_queue_view_default_sort()): a header click changes the
 * order until the next view. */
gboolean
mc_queue_model_set_view (McQueueModel  *self,
                         McQueueView    view,
                         GError       **error)
{
  McQueueSort sort;
  gboolean descending;

  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, FALSE);

  if (self->view == view && self->view_ids != NULL)
    return TRUE;
  self->view = view;
  sort = mc_queue_view_default_sort (view, &descending);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
  if (sort != self->sort || descending != self->descending)
    {
      self->sort = sort;
      self->descending = descending;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
    }
  return mc_queue_model_reload (self, error);
}

const char *
mc_queue_model_get_ministry (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), NULL);
  return self->ministry;
}

/* @ministry: a ministry code, or NULL for all of them. */
gboolean
mc_queue_model_set_ministry (McQueueModel  *self,
                             const char    *ministry,
                             GError       **error)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  if (ministry != NULL && *ministry == '\0')
    ministry = NULL;
  if (!set_string (&self->ministry, ministry) && self->view_ids != NULL)
    return TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MINISTRY]);
  return mc_queue_model_reload (self, error);
}

void
mc_queue_model_get_sort (McQueueModel *self,
                         McQueueSort  *out_sort,
                         gboolean     *out_descending)
{
  g_return_if_fail (MC_IS_QUEUE_MODEL (self));
  *out_sort = self->sort;
  *out_descending = self->descending;
}

gboolean
mc_queue_model_set_sort (McQueueModel  *self,
                         McQueueSort    sort,
                         gboolean       descending,
                         GError       **error)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);
  g_return_val_if_fail (sort < MC_QUEUE_N_SORTS, FALSE);

  descending = !!descending;
  if (self->sort == sort && self->descending == descending && self->view_ids != NULL)
    return TRUE;
  self->sort = sort;
  self->descending = descending;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORT]);
  return mc_queue_model_reload (self, error);
}

const char *
mc_queue_model_get_search (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), NULL);
  return self->search;
}

/* Narrows the view to the dossiers matching @text (folded, so “nguyen” finds “Nguyễn” and
 * “dang” finds “Đặng”). Empty or blank text shows the whole view again. */
gboolean
mc_queue_model_set_search (McQueueModel  *self,
                           const char    *text,
                           GError       **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text ? text : ""));

  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  if (!set_string (&self->search, *trimmed ? trimmed : NULL))
    return TRUE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  if (self->view_ids == NULL)
    return mc_queue_model_reload (self, error);
  return apply_search (self, error);
}

/* How many dossiers the view holds, whatever the search. */
guint
mc_queue_model_get_view_count (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), 0);
  if (self->partial_total)
    return self->partial_total;
  return self->view_ids ? self->view_ids->len : 0;
}

gint64
mc_queue_model_get_id (McQueueModel *self,
                       guint         position)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), 0);

  if (self->ids != NULL && position >= self->ids->len && position < self->n_items)
    mc_queue_model_complete (self, NULL);
  if (self->ids == NULL || position >= self->ids->len)
    return 0;
  return g_array_index (self->ids, guint32, position);
}

/* Returns: the position of dossier @id among the shown rows, or MC_QUEUE_MODEL_NOT_FOUND.
 * A linear scan: a few milliseconds at a million rows, once per opened dossier, where an
 * id → position map would cost tens of megabytes. */
guint
mc_queue_model_find (McQueueModel *self,
                     gint64        id)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), MC_QUEUE_MODEL_NOT_FOUND);

  if (self->ids == NULL || id <= 0 || id > G_MAXUINT32)
    return MC_QUEUE_MODEL_NOT_FOUND;
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, guint32, i) == id)
      return i;
  if (self->partial_total == 0 || !mc_queue_model_complete (self, NULL))
    return MC_QUEUE_MODEL_NOT_FOUND;
  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, guint32, i) == id)
      return i;
  return MC_QUEUE_MODEL_NOT_FOUND;
}
