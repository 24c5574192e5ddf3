/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mc-queue-counter.h"
#include "mc-thread.h"
#include "mc-time.h"

/* The sidebar's counts, computed off the main loop. Twenty counts over a million dossiers take
 * longer than a frame, so they run in a worker thread on a connection of their own (SQLite
 * connections are not shared between threads here) and arrive with the "updated" signal. One
 * refresh runs at a time; asking again while one runs queues exactly one more, with the newest
 * parameters. */

struct _McQueueCounter
{
  GObject parent_instance;

  McStore *worker_store;    /* used only by the worker thread, one task at a time */
  GCancellable *cancellable;

  gboolean busy;
  gboolean pending;
  McQueueView pending_view;
  char *pending_ministry;

  gint64 view_counts[MC_QUEUE_N_VIEWS];
  gint64 ministry_counts[MC_QUEUE_N_MINISTRIES + 1];  /* the last one: all ministries */
};

G_DEFINE_FINAL_TYPE (McQueueCounter, mc_queue_counter, G_TYPE_OBJECT)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  McQueueView view;
  char *ministry;
  gint64 now;
  gint64 view_counts[MC_QUEUE_N_VIEWS];
  gint64 ministry_counts[MC_QUEUE_N_MINISTRIES + 1];
} CountJob;

static void
count_job_free (gpointer data)
{
  CountJob *job = data;

  g_free (job->ministry);
  g_free (job);
}

static void
mc_queue_counter_dispose (GObject *object)
{
  McQueueCounter *self = MC_QUEUE_COUNTER (object);

  g_cancellable_cancel (self->cancellable);
  G_OBJECT_CLASS (mc_queue_counter_parent_class)->dispose (object);
}

static void
mc_queue_counter_finalize (GObject *object)
{
  McQueueCounter *self = MC_QUEUE_COUNTER (object);

  g_clear_object (&self->worker_store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pending_ministry, g_free);
  G_OBJECT_CLASS (mc_queue_counter_parent_class)->finalize (object);
}

static void
mc_queue_counter_class_init (McQueueCounterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_queue_counter_dispose;
  object_class->finalize = mc_queue_counter_finalize;

  signals[UPDATED] = g_signal_new ("updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
mc_queue_counter_init (McQueueCounter *self)
{
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (self->view_counts); i++)
    self->view_counts[i] = -1;
  for (guint i = 0; i < G_N_ELEMENTS (self->ministry_counts); i++)
    self->ministry_counts[i] = -1;
}

/* @worker_store: a connection of the counter's own (opened on the main thread, so that its
 * opening write is over before the window starts watching for other writers). */
McQueueCounter *
mc_queue_counter_new (McStore *worker_store)
{
  McQueueCounter *self;

  g_return_val_if_fail (MC_IS_STORE (worker_store), NULL);

  self = g_object_new (MC_TYPE_QUEUE_COUNTER, NULL);
  self->worker_store = g_object_ref (worker_store);
  return self;
}

static void
count_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  McQueueCounter *self = source_object;
  CountJob *job = task_data;
  GError *error = NULL;
  gint64 total = 0;

  /* Background work, as the sort orders' (mc-queue-model-orders.c). */
  mc_thread_set_priority (MC_THREAD_WORKER);
  for (McQueueView v = 0; v < MC_QUEUE_N_VIEWS; v++)
    {
      if (g_task_return_error_if_cancelled (task))
        return;
      job->view_counts[v] = mc_store_queue_count (self->worker_store, v, job->ministry, job->now, &error);
      if (job->view_counts[v] < 0)
        {
          g_task_return_error (task, error);
          return;
        }
    }
  if (!mc_store_queue_count_ministries (self->worker_store, job->view, job->now,
                                        job->ministry_counts, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < MC_QUEUE_N_MINISTRIES; i++)
    total += job->ministry_counts[i];
  job->ministry_counts[MC_QUEUE_N_MINISTRIES] = total;
  g_task_return_boolean (task, TRUE);
}

static void start (McQueueCounter *self,
                   McQueueView     view,
                   const char     *ministry);

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  McQueueCounter *self = MC_QUEUE_COUNTER (object);
  CountJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  self->busy = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Counting the work queue failed: %s", error->message);
    }
  else
    {
      memcpy (self->view_counts, job->view_counts, sizeof self->view_counts);
      memcpy (self->ministry_counts, job->ministry_counts, sizeof self->ministry_counts);
    }
  if (self->pending)
    {
      g_autofree char *ministry = g_steal_pointer (&self->pending_ministry);

      self->pending = FALSE;
      start (self, self->pending_view, ministry);
    }
  g_signal_emit (self, signals[UPDATED], 0);
}

static void
start (McQueueCounter *self,
       McQueueView     view,
       const char     *ministry)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, count_done, NULL);
  CountJob *job = g_new0 (CountJob, 1);

  job->view = view;
  job->ministry = g_strdup (ministry);
  job->now = mc_time_now ();
  g_task_set_task_data (task, job, count_job_free);
  g_task_set_source_tag (task, start);
  self->busy = TRUE;
  g_task_run_in_thread (task, count_in_thread);
}

/* Recounts every view for @ministry (NULL = all), and every ministry for @view. */
void
mc_queue_counter_refresh (McQueueCounter *self,
                          McQueueView     view,
                          const char     *ministry)
{
  g_return_if_fail (MC_IS_QUEUE_COUNTER (self));

  if (self->busy)
    {
      self->pending = TRUE;
      self->pending_view = view;
      g_free (self->pending_ministry);
      self->pending_ministry = g_strdup (ministry);
      return;
    }
  start (self, view, ministry);
}

/* Whether counts are being computed (or queued): the last "updated" may be stale. */
gboolean
mc_queue_counter_is_busy (McQueueCounter *self)
{
  g_return_val_if_fail (MC_IS_QUEUE_COUNTER (self), FALSE);
  return self->busy || self->pending;
}

/* Returns: the count of @view from the last refresh, -1 before the first one. */
gint64
mc_queue_counter_get_view_count (McQueueCounter *self,
                                 McQueueView     view)
{
  g_return_val_if_fail (MC_IS_QUEUE_COUNTER (self), -1);
  g_return_val_if_fail (view < MC_QUEUE_N_VIEWS, -1);
  return self->view_counts[view];
}

/* @index: a position in mc_queue_ministries, or MC_QUEUE_N_MINISTRIES for all of them. */
gint64
mc_queue_counter_get_ministry_count (McQueueCounter *self,
                                     int             index)
{
  g_return_val_if_fail (MC_IS_QUEUE_COUNTER (self), -1);
  g_return_val_if_fail (index >= 0 && index <= MC_QUEUE_N_MINISTRIES, -1);
  return self->ministry_counts[index];
}
