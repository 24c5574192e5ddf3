/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mc-fold.h"
#include "mc-queue-model-private.h"
#include "mc-thread.h"
#include "mc-time.h"

/* The sort orders of McQueueModel: every dossier's id in each sort key's order, read once in a
 * worker thread on a connection of its own, so that a view switch or a sort change is one pass
 * over an array in memory instead of an SQLite sort (a second for a big view at a million
 * dossiers). About 2.5 MB per key at a million dossiers (packed, see McPackedIds). The same
 * thread reads them again, with the view's members, when another connection changed the data
 * (mc_queue_model_refresh()). */

/* What a worker thread reads on the order connection: every sort order, and for a refresh
 * the members of the view shown when it started. */
typedef struct
{
  McStore *store;
  gboolean refresh;
  McQueueView view;
  char *ministry;
  gint64 now;
  McPackedIds *orders[MC_QUEUE_N_SORTS];
  GArray *members;    /* NULL for the whole queue, or when not a refresh */
  int letters_stamp;  /* the model's when the load started */
  McLetterHits *letters;
} Load;

static void
load_free (gpointer data)
{
  Load *load = data;

  g_object_unref (load->store);
  g_free (load->ministry);
  for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
    g_clear_pointer (&load->orders[i], mc_packed_ids_free);
  g_clear_pointer (&load->members, g_array_unref);
  g_clear_pointer (&load->letters, mc_letter_hits_free);
  g_free (load);
}

/* Each letter, and the consonant clusters a Vietnamese syllable starts with ("Nguyễn",
 * "Nhung", "Thị", "Trần", "Phạm"…), folded: the first keystrokes of a name. */
static const char *const letter_texts[] = {
  "a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
  "u", "v", "w", "x", "y", "z", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr",
};
G_STATIC_ASSERT (G_N_ELEMENTS (letter_texts) == MC_QUEUE_N_LETTERS);

void
mc_letter_hits_free (McLetterHits *letters)
{
  for (guint i = 0; i < MC_QUEUE_N_LETTERS; i++)
    g_free (letters->bits[i]);
  g_free (letters);
}

/* Returns: which of the first keystrokes' searches @search is, as typed (any case, diacritics,
 * spaces around), or -1 for any other. */
int
mc_letter_index (const char *search)
{
  g_autofree char *folded = mc_fold_text (search ? search : "");

  g_strstrip (folded);
  for (int i = 0; i < MC_QUEUE_N_LETTERS; i++)
    if (strcmp (folded, letter_texts[i]) == 0)
      return i;
  return -1;
}

/* Every first keystrokes' search's hits, as mc_store_queue_search_mark() finds them. NULL
 * without @error when the data changed meanwhile (the model's stamp moved): they would be
 * dropped anyway. */
static McLetterHits *
read_letters (McStore       *store,
              McQueueModel  *model,
              int            stamp,
              GError       **error)
{
  McLetterHits *letters;
  gint64 max_id = mc_store_queue_max_id (store, error);

  if (max_id < 0)
    return NULL;
  letters = g_new0 (McLetterHits, 1);
  letters->max_id = max_id;
  for (guint i = 0; i < MC_QUEUE_N_LETTERS; i++)
    {
      gsize size = max_id / 8 + 1;
      gint64 n = 0;

      letters->bits[i] = g_malloc0 (size);
      if (g_atomic_int_get (&model->letters_stamp) != stamp ||
          !mc_store_queue_search_mark (store, letter_texts[i], 0, G_MAXINT64, letters->bits[i], max_id, error))
        {
          mc_letter_hits_free (letters);
          return NULL;
        }
      /* What few dossiers have ("f", "w" in Vietnamese) is quick to search anyway. */
      for (gsize b = 0; b < size; b++)
        n += __builtin_popcount (letters->bits[i][b]);
      if (n < max_id / 8)
        g_clear_pointer (&letters->bits[i], g_free);
    }
  return letters;
}

/* The data changed: the first keystrokes' hits read before are no longer true. */
void
mc_queue_model_drop_letters (McQueueModel *self)
{
  g_atomic_int_inc (&self->letters_stamp);
  g_clear_pointer (&self->letters, mc_letter_hits_free);
}

void
mc_packed_ids_free (McPackedIds *p)
{
  g_free (p->words);
  g_free (p);
}

static McPackedIds *
pack_ids (GArray *ids)
{
  McPackedIds *p = g_new0 (McPackedIds, 1);
  guint32 max_id = 0;

  for (guint i = 0; i < ids->len; i++)
    max_id = MAX (max_id, g_array_index (ids, guint32, i));
  p->n = ids->len;
  p->bits = g_bit_storage (max_id);
  p->mask = (G_GUINT64_CONSTANT (1) << p->bits) - 1;
  /* One word more than needed: mc_packed_ids_get() may read the word after the last id's. */
  p->words = g_new0 (guint64, (guint64) p->n * p->bits / 64 + 2);
  for (guint i = 0; i < ids->len; i++)
    {
      guint64 bit = (guint64) i * p->bits;
      guint64 v = g_array_index (ids, guint32, i);
      guint shift = bit % 64;

      p->words[bit / 64] |= v << shift;
      if (shift + p->bits > 64)
        p->words[bit / 64 + 1] |= v >> (64 - shift);
    }
  return p;
}

#define REFRESH_MIN_MS 2000

static gboolean
view_is_filtered (McQueueView  view,
                  const char  *ministry)
{
  return view != MC_QUEUE_ALL || ministry != NULL;
}

static void
load_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  Load *load = task_data;
  GError *error = NULL;

  /* Not above the sync engine's push, which an official's action has just started: the
   * list may follow a moment later, the action must not wait for the list (mc-thread.c). */
  mc_thread_set_priority (MC_THREAD_WORKER);
  for (McQueueSort s = 0; s < MC_QUEUE_N_SORTS; s++)
    {
      g_autoptr(GArray) order = NULL;

      if (g_task_return_error_if_cancelled (task))
        return;
      if ((order = mc_store_queue_order (load->store, s, &error)) == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      load->orders[s] = pack_ids (order);
    }
  if (load->refresh && view_is_filtered (load->view, load->ministry) &&
      (load->members = mc_store_queue_members (load->store, load->view, load->ministry, load->now, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Last: the list can do without them (SQLite then searches). */
  if (!(load->letters = read_letters (load->store, source_object, load->letters_stamp, &error)) && error != NULL)
    {
      g_message ("The first keystrokes' searches are not read ahead: %s", error->message);
      g_clear_error (&error);
    }
  g_task_return_boolean (task, TRUE);
}

static void start_load (McQueueModel *self);

static void
loaded (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  McQueueModel *self = MC_QUEUE_MODEL (object);
  Load *load = g_task_get_task_data (G_TASK (result));
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;

  self->loading = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Not fatal: SQLite keeps ordering, only slower; a refresh waits for the next change. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The queue orders are not in memory: %s", error->message);
      return;
    }
  /* A change made on the window's own connection since the thread started (see
   * mc_queue_model_invalidate()) makes what it read older than what is shown. */
  if (generation == self->generation)
    {
      gboolean same_view = load->view == self->view && g_strcmp0 (load->ministry, self->ministry) == 0;

      for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
        {
          g_clear_pointer (&self->orders[i], mc_packed_ids_free);
          self->orders[i] = g_steal_pointer (&load->orders[i]);
        }
      if (load->letters != NULL && load->letters_stamp == g_atomic_int_get (&self->letters_stamp))
        {
          g_clear_pointer (&self->letters, mc_letter_hits_free);
          self->letters = g_steal_pointer (&load->letters);
        }
      if (!load->refresh)
        mc_queue_model_complete (self, NULL);
      else if (!mc_queue_model_show_ordered (self, same_view ? load->members : NULL, &error))
        g_message ("The queue was not read again: %s", error->message);
      mc_queue_model_notify_prepared (self);
    }
  if (self->reload_orders)
    {
      self->reload_orders = FALSE;
      start_load (self);
    }
}

static void
start_load (McQueueModel *self)
{
  g_autoptr(GTask) task = NULL;
  Load *load;

  if (self->loading)
    {
      self->reload_orders = TRUE;
      return;
    }
  self->loading = TRUE;
  load = g_new0 (Load, 1);
  load->store = g_object_ref (self->order_store);
  load->refresh = self->refresh_pending;
  load->view = self->view;
  load->ministry = g_strdup (self->ministry);
  load->now = mc_time_now ();
  load->letters_stamp = g_atomic_int_get (&self->letters_stamp);
  self->refresh_pending = FALSE;
  task = g_task_new (self, self->cancellable, loaded, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, load, load_free);
  g_task_set_source_tag (task, start_load);
  g_task_run_in_thread (task, load_in_thread);
}

/* Reads the sort orders in the background (about a second per million dossiers on the
 * worker's core); "prepared" turns TRUE when they are in. */
void
mc_queue_model_prepare (McQueueModel *self)
{
  g_return_if_fail (MC_IS_QUEUE_MODEL (self));

  if (self->order_store != NULL && !mc_queue_model_is_prepared (self))
    start_load (self);
}

gboolean
mc_queue_model_is_prepared (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);
  return self->orders[0] != NULL;
}

/* The data changed under the model on the window's own connection (an action): forget the
 * orders, read them again, and reload the view at once with SQLite ordering it meanwhile, so
 * that the list shows the action as soon as it returns. */
gboolean
mc_queue_model_invalidate (McQueueModel  *self,
                           GError       **error)
{
  gboolean was_prepared;

  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  was_prepared = mc_queue_model_is_prepared (self);
  self->generation++;
  mc_queue_model_drop_letters (self);
  for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
    g_clear_pointer (&self->orders[i], mc_packed_ids_free);
  if (was_prepared)
    mc_queue_model_notify_prepared (self);
  mc_queue_model_prepare (self);
  return mc_queue_model_reload (self, error);
}

/* The data changed under the model on another connection (the sync engine writing pages):
 * everything is read again in the worker thread, the orders and the shown view's members,
 * and swapped in when it is in. Meanwhile the list shows what it showed, with the orders it
 * had; the main loop does no SQLite sort, which at 100,000 dossiers froze the window for a
 * third of a second every time the engine had written. Without an order connection the
 * view is read again at once. */
gboolean
mc_queue_model_refresh (McQueueModel  *self,
                        GError       **error)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  g_clear_handle_id (&self->refresh_timer, g_source_remove);
  self->refreshed_mono = g_get_monotonic_time ();
  if (self->order_store == NULL)
    return mc_queue_model_reload (self, error);
  self->refresh_pending = TRUE;
  start_load (self);
  return TRUE;
}

static gboolean
refresh_cb (gpointer data)
{
  McQueueModel *self = data;
  g_autoptr(GError) error = NULL;

  self->refresh_timer = 0;
  if (!mc_queue_model_refresh (self, &error))
    g_message ("The queue was not read again: %s", error->message);
  return G_SOURCE_REMOVE;
}

/* Follows what the change stream announced. The rows on screen of the dossiers named (an
 * action, a push's answer, a page) take their new content at once; the view — which dossiers
 * it holds, in which order — is read again in the background (mc_queue_model_refresh()), so
 * that the main loop never sorts. When the dossiers are too many to name (a sync's pages,
 * another program), that happens at most every REFRESH_MIN_MS, which keeps a long sync from
 * reading the orders back to back. An outbox change alone (the "not yet synced" marker) reads
 * only the rows on screen again. */
gboolean
mc_queue_model_apply_changes (McQueueModel       *self,
                              const McChangeSet  *set,
                              GError            **error)
{
  gint64 since;

  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  if (mc_change_set_has_all_dossiers (set) || (mc_change_set_get_flags (set) & MC_CHANGE_DOSSIERS))
    mc_queue_model_drop_letters (self);
  if (mc_change_set_has_all_dossiers (set))
    {
      if (self->refresh_timer != 0)
        return TRUE;
      since = (g_get_monotonic_time () - self->refreshed_mono) / 1000;
      if (since >= REFRESH_MIN_MS)
        return mc_queue_model_refresh (self, error);
      self->refresh_timer = g_timeout_add (REFRESH_MIN_MS - since, refresh_cb, self);
      return TRUE;
    }
  if (mc_change_set_get_flags (set) & (MC_CHANGE_DOSSIERS | MC_CHANGE_OUTBOX))
    mc_queue_model_reread_rows (self, set);
  if (mc_change_set_get_flags (set) & MC_CHANGE_DOSSIERS)
    return mc_queue_model_refresh (self, error);
  return TRUE;
}

/* The view in display order from a sort order in memory: the order itself for the whole
 * queue, else one pass over it keeping the view's members (a bitmap by row id). */
GArray *
mc_queue_model_order_view (McQueueModel  *self,
                           GArray        *members_read,
                           const char    *ministry,
                           gint64         now,
                           GError       **error)
{
  McPackedIds *order = self->orders[self->sort];
  g_autoptr(GArray) members = members_read ? g_array_ref (members_read) : NULL;
  g_autofree guint8 *bits = NULL;
  guint32 max_id = 0;
  GArray *ids;
  guint n = order->n;

  if (view_is_filtered (self->view, ministry))
    {
      if (members == NULL)
        members = mc_store_queue_members (self->store, self->view, ministry, now, error);
      if (members == NULL)
        return NULL;
      for (guint i = 0; i < members->len; i++)
        max_id = MAX (max_id, g_array_index (members, guint32, i));
      bits = g_malloc0 (max_id / 8 + 1);
      for (guint i = 0; i < members->len; i++)
        {
          guint32 id = g_array_index (members, guint32, i);

          bits[id / 8] |= 1 << (id % 8);
        }
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (guint32), members ? members->len : n);
  if (bits == NULL)
    {
      g_array_set_size (ids, n);
      for (guint i = 0; i < n; i++)
        g_array_index (ids, guint32, i) = mc_packed_ids_get (order, self->descending ? n - 1 - i : i);
      return ids;
    }
  for (guint i = 0; i < n; i++)
    {
      guint32 id = mc_packed_ids_get (order, self->descending ? n - 1 - i : i);

      if (id <= max_id && (bits[id / 8] & (1 << (id % 8))))
        g_array_append_val (ids, id);
    }
  return ids;
}

