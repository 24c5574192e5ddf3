/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>

#include "mc-queue-model-private.h"

/* The sort orders of McQueueModel: every dossier's id in each sort key's order, read once in a
 * worker thread on a connection of its own, so that a view switch or a sort change is one pass
 * over an array in memory instead of an SQLite sort (a second for a big view at a million
 * dossiers). About 4 MB per key at a million dossiers. */

static void
free_orders (gpointer data)
{
  GArray **orders = data;

  for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
    g_clear_pointer (&orders[i], g_array_unref);
  g_free (orders);
}

static void
load_orders_in_thread (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  McStore *store = task_data;
  GArray **orders = g_new0 (GArray *, MC_QUEUE_N_SORTS);
  GError *error = NULL;

  for (McQueueSort s = 0; s < MC_QUEUE_N_SORTS; s++)
    {
      if (g_cancellable_is_cancelled (cancellable) ||
          (orders[s] = mc_store_queue_order (store, s, &error)) == NULL)
        {
          free_orders (orders);
          if (!g_task_return_error_if_cancelled (task))
            g_task_return_error (task, error);
          else
            g_clear_error (&error);
          return;
        }
    }
  g_task_return_pointer (task, orders, free_orders);
}

static void
orders_loaded (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  McQueueModel *self = MC_QUEUE_MODEL (object);
  guint generation = GPOINTER_TO_UINT (user_data);
  g_autoptr(GError) error = NULL;
  GArray **orders = g_task_propagate_pointer (G_TASK (result), &error);

  self->loading = FALSE;
  if (orders == NULL)
    {
      /* Not fatal: SQLite keeps ordering, only slower. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_message ("The queue orders are not in memory: %s", error->message);
      return;
    }
  if (generation == self->generation)
    {
      for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
        {
          g_clear_pointer (&self->orders[i], g_array_unref);
          self->orders[i] = g_steal_pointer (&orders[i]);
        }
      mc_queue_model_complete (self, NULL);
      mc_queue_model_notify_prepared (self);
    }
  free_orders (orders);
  if (self->reload_orders)
    {
      self->reload_orders = FALSE;
      mc_queue_model_prepare (self);
    }
}

/* Reads the sort orders in the background (about a second per million dossiers on the
 * worker's core); "prepared" turns TRUE when they are in. */
void
mc_queue_model_prepare (McQueueModel *self)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MC_IS_QUEUE_MODEL (self));

  if (self->order_store == NULL || mc_queue_model_is_prepared (self))
    return;
  if (self->loading)
    {
      self->reload_orders = TRUE;
      return;
    }
  self->loading = TRUE;
  task = g_task_new (self, self->cancellable, orders_loaded, GUINT_TO_POINTER (self->generation));
  g_task_set_task_data (task, g_object_ref (self->order_store), g_object_unref);
  g_task_set_source_tag (task, mc_queue_model_prepare);
  g_task_run_in_thread (task, load_orders_in_thread);
}

gboolean
mc_queue_model_is_prepared (McQueueModel *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);
  return self->orders[0] != NULL;
}

/* The data changed under the model (another connection wrote): forget the orders, read them
 * again, and reload the view meanwhile with SQLite ordering it. */
gboolean
mc_queue_model_invalidate (McQueueModel  *self,
                           GError       **error)
{
  gboolean was_prepared;

  g_return_val_if_fail (MC_IS_QUEUE_MODEL (self), FALSE);

  was_prepared = mc_queue_model_is_prepared (self);
  self->generation++;
  for (guint i = 0; i < MC_QUEUE_N_SORTS; i++)
    g_clear_pointer (&self->orders[i], g_array_unref);
  if (was_prepared)
    mc_queue_model_notify_prepared (self);
  mc_queue_model_prepare (self);
  return mc_queue_model_reload (self, error);
}

/* The view in display order from a sort order in memory: the order itself for the whole
 * queue, else one pass over it keeping the view's members (a bitmap by row id). */
GArray *
mc_queue_model_order_view (McQueueModel  *self,
                           const char    *ministry,
                           gint64         now,
                           GError       **error)
{
  GArray *order = self->orders[self->sort];
  g_autoptr(GArray) members = NULL;
  g_autofree guint8 *bits = NULL;
  gint64 max_id = 0;
  GArray *ids;
  guint n = order->len;

  if (self->view != MC_QUEUE_ALL || ministry != NULL)
    {
      members = mc_store_queue_members (self->store, self->view, ministry, now, error);
      if (members == NULL)
        return NULL;
      for (guint i = 0; i < members->len; i++)
        max_id = MAX (max_id, g_array_index (members, gint64, i));
      bits = g_malloc0 (max_id / 8 + 1);
      for (guint i = 0; i < members->len; i++)
        {
          gint64 id = g_array_index (members, gint64, i);

          bits[id / 8] |= 1 << (id % 8);
        }
    }
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), members ? members->len : n);
  for (guint i = 0; i < n; i++)
    {
      gint64 id = g_array_index (order, guint32, self->descending ? n - 1 - i : i);

      if (bits == NULL || (id <= max_id && (bits[id / 8] & (1 << (id % 8)))))
        g_array_append_val (ids, id);
    }
  return ids;
}

