/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "mc-connector.h"
#include "mc-store-push.h"
#include "mc-store-sync.h"
#include "mc-sync-engine-private.h"
#include "mc-sync-push.h"
#include "mc-time.h"

/* The sync engine. Each source syncs on its own, in a GTask thread with its own store
 * connection, so one ministry down never blocks or marks the others, and JSON parsing and bulk
 * writes stay off the main loop; the pages of all go through one writer thread
 * (mc-sync-writer.c). A sync pushes the source's outbox first (mc-sync-push.c), then pulls: a
 * page and its cursor are one transaction. State lives in the main context; workers report
 * progress there.
 *
 * Started, the engine syncs at start, on its timer, when the network comes back, on the
 * backoff's retries, and whenever the profile's change stream (mc-store-changes.c) announces
 * new work: an action committed by this process or another, which then leaves within a
 * fraction of a second. A burst of actions gathers into one run per source. */

#define DEFAULT_INTERVAL 300
#define DEFAULT_RECONCILE_INTERVAL 86400
#define DEFAULT_MAX_BACKOFF 300
#define DEFAULT_WATCHDOG 900
#define PUSH_PARALLEL 4          /* dossiers of one source pushed at once */
#define PUSH_GATHER_MS 50        /* new work waits this long for more of a burst… */
#define PUSH_GATHER_MAX_MS 300   /* …but no longer than this after the first */

G_DEFINE_FINAL_TYPE (McSyncEngine, mc_sync_engine, G_TYPE_OBJECT)

enum
{
  SOURCE_CHANGED,
  OUTBOX_STALLED,
  N_SIGNALS,
};
static guint signals[N_SIGNALS];

enum
{
  PROP_0,
  PROP_OUTBOX_STALLED,
  N_PROPS,
};
static GParamSpec *properties[N_PROPS];

struct _Batch
{
  GTask *task;
  guint waiting;
  GString *failed;
};

const char *
mc_sync_state_label (McSyncState state)
{
  switch (state)
    {
    case MC_SYNC_STATE_IDLE: return _("Up to date");
    case MC_SYNC_STATE_SYNCING: return _("Syncing");
    case MC_SYNC_STATE_OFFLINE: return _("Cannot be reached");
    case MC_SYNC_STATE_SIGN_IN_NEEDED: return _("Sign-in needed");
    case MC_SYNC_STATE_ERROR:
    default: return _("Error");
    }
}

static void
source_free (Source *s)
{
  g_clear_handle_id (&s->retry_id, g_source_remove);
  g_clear_pointer (&s->source, mc_source_free);
  g_clear_object (&s->connector);
  g_clear_object (&s->cancellable);
  g_clear_pointer (&s->batches, g_ptr_array_unref);
  g_clear_pointer (&s->push_connectors, g_ptr_array_unref);
  g_clear_object (&s->store);
  g_free (s->message);
  g_free (s);
}

void
mc_sync_engine_notify_source (McSyncEngine *self,
                              Source       *s)
{
  s->progress.message = s->message;
  g_signal_emit (self, signals[SOURCE_CHANGED], 0, s->source->id);
}

/* Scheduling */

static void start_source (McSyncEngine *self, Source *s, gboolean full);

static void
batch_source_done (Batch  *batch,
                   Source *s)
{
  /* The connectors' messages do not name the system: the sum names each by its name. */
  if (s->progress.state != MC_SYNC_STATE_IDLE)
    g_string_append_printf (batch->failed, "%s%s: %s", batch->failed->len ? "; " : "",
                            s->source->name && *s->source->name ? s->source->name : s->source->id,
                            s->message ? s->message : mc_sync_state_label (s->progress.state));
  if (--batch->waiting > 0)
    return;
  if (batch->failed->len > 0)
    g_task_return_new_error (batch->task, MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER, "%s", batch->failed->str);
  else
    g_task_return_boolean (batch->task, TRUE);
  g_object_unref (batch->task);
  g_string_free (batch->failed, TRUE);
  g_free (batch);
}

static gboolean
retry_cb (gpointer user_data)
{
  Source *s = user_data;

  s->retry_id = 0;
  s->progress.retry_at = 0;
  start_source (s->engine, s, FALSE);
  return G_SOURCE_REMOVE;
}

/* Exponential backoff with full jitter, capped; never sooner than the server's Retry-After. */
static guint
backoff_seconds (McSyncEngine *self,
                 Source       *s,
                 guint         retry_after)
{
  guint ceiling = MIN (self->max_backoff, 1u << MIN (s->attempts, 20u));
  guint delay = ceiling / 2 + g_random_int_range (0, ceiling / 2 + 1);

  return MAX (MAX (delay, 1u), retry_after);
}

static McSyncState
state_for_error (const GError *error)
{
  if (error->domain != MC_SYNC_ERROR)
    return MC_SYNC_STATE_ERROR;
  switch (error->code)
    {
    case MC_SYNC_ERROR_OFFLINE:
    case MC_SYNC_ERROR_NO_ANSWER:
      return MC_SYNC_STATE_OFFLINE;
    case MC_SYNC_ERROR_AUTH:
      return MC_SYNC_STATE_SIGN_IN_NEEDED;
    default:
      return MC_SYNC_STATE_ERROR;
    }
}

/* The watchdog: a source whose outbox still has actions to send or check after a sync that
 * reached the system, for the watchdog's time in a row, is flagged (the signal once, the
 * property while any is). Conflicts and refusals wait for the official and do not count. */
static void
watch_outbox (McSyncEngine *self,
              Source       *s,
              const Job    *job)
{
  gint64 now = g_get_monotonic_time ();
  gboolean was = s->progress.stalled, any = FALSE;
  GHashTableIter it;
  gpointer value;

  if (job->waiting == 0 || !job->reached)
    s->stall_since_mono = 0;
  else if (job->waiting > 0 && s->stall_since_mono == 0)
    s->stall_since_mono = now;
  s->progress.stalled = s->stall_since_mono > 0 && now - s->stall_since_mono >= (gint64) self->watchdog * G_USEC_PER_SEC;
  if (s->progress.stalled && !was)
    g_signal_emit (self, signals[OUTBOX_STALLED], 0, s->source->id);
  g_hash_table_iter_init (&it, self->sources);
  while (g_hash_table_iter_next (&it, NULL, &value))
    any |= ((Source *) value)->progress.stalled;
  if (any != self->stalled)
    {
      self->stalled = any;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTBOX_STALLED]);
    }
}

static void
sync_done (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Job *job = g_task_get_task_data (G_TASK (result));
  /* The job's references end here, in the main context: the worker thread may drop the task
   * after this runs, and with it the last reference to the engine, whose connections would
   * then close in that thread, or never if the process exits first. */
  g_autoptr(McSyncEngine) self = g_steal_pointer (&job->engine);
  g_autoptr(McStore) store = g_steal_pointer (&job->store);
  Source *s = g_hash_table_lookup (self->sources, job->source_id);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) batches = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);
  if (s == NULL)
    return;
  s->running = FALSE;
  /* The connection the sync opened serves the next ones, unless the engine was stopped since
   * it began (the training reset replaces the file under a stopped engine). */
  if (job->stops == self->stops)
    g_set_object (&s->store, store);
  s->progress.pages = job->pages;
  s->progress.dossiers = job->dossiers;
  s->progress.inserted = job->stats.inserted;
  s->progress.updated = job->stats.updated;
  s->progress.deleted = job->stats.deleted;
  s->progress.held = job->stats.held;
  s->progress.requests = job->requests;
  s->progress.full = job->full;
  s->progress.sent = job->push.sent;
  s->progress.conflicts = job->push.conflicts;
  s->progress.rejected = job->push.rejected;
  s->progress.duplicated = job->push.duplicated;
  s->progress.waiting = MAX (job->waiting, 0);
  s->progress.push_skipped = job->push_skipped;
  watch_outbox (self, s, job);
  g_clear_pointer (&s->message, g_free);
  if (job->did_full)
    s->last_full_mono = g_get_monotonic_time ();

  if (error == NULL)
    {
      s->attempts = 0;
      s->progress.state = MC_SYNC_STATE_IDLE;
      s->progress.last_success = mc_time_now ();
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      s->progress.state = MC_SYNC_STATE_IDLE;
    }
  else
    {
      s->progress.state = state_for_error (error);
      s->message = g_strdup (error->message);
      g_debug ("%s: %s", s->source->id, error->message);
      s->attempts++;
      /* A refused password waits for the official; anything else retries by itself. */
      if (self->started && s->progress.state != MC_SYNC_STATE_SIGN_IN_NEEDED && !s->again)
        {
          guint delay = backoff_seconds (self, s, job->retry_after);

          g_clear_handle_id (&s->retry_id, g_source_remove);
          s->retry_id = g_timeout_add (delay * 1000, retry_cb, s);
          s->progress.retry_at = mc_time_now () + delay;
        }
    }

  batches = g_steal_pointer (&s->batches);
  s->batches = g_ptr_array_new ();
  mc_sync_engine_notify_source (self, s);
  for (guint i = 0; i < batches->len; i++)
    batch_source_done (g_ptr_array_index (batches, i), s);
  if (s->again)
    {
      gboolean full = s->again_full;

      s->again = s->again_full = FALSE;
      start_source (self, s, full);
    }
}

/* The connectors a push uses at once: the source's own, then copies of it (rebuilt when
 * the source's connector is replaced). */
static GPtrArray *
push_connectors (Source *s)
{
  if (s->push_connectors == NULL || g_ptr_array_index (s->push_connectors, 0) != (gpointer) s->connector)
    {
      g_clear_pointer (&s->push_connectors, g_ptr_array_unref);
      s->push_connectors = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (s->push_connectors, g_object_ref (s->connector));
      for (guint i = 1; i < PUSH_PARALLEL; i++)
        {
          McConnector *copy = mc_connector_dup (s->connector);

          if (copy != NULL)
            g_ptr_array_add (s->push_connectors, copy);
        }
    }
  return g_ptr_array_ref (s->push_connectors);
}

static void
start_source (McSyncEngine *self,
              Source       *s,
              gboolean      full)
{
  g_autoptr(GTask) task = NULL;
  Job *job;

  if (s->running)
    {
      s->again = TRUE;
      s->again_full |= full;
      return;
    }
  if (!full && self->reconcile_interval > 0 && s->last_full_mono > 0
      && g_get_monotonic_time () - s->last_full_mono > (gint64) self->reconcile_interval * G_USEC_PER_SEC)
    full = TRUE;  /* periodic reconciliation: catches what an incremental pull missed */

  g_clear_handle_id (&s->retry_id, g_source_remove);
  s->progress.retry_at = 0;
  s->running = TRUE;
  s->progress.state = MC_SYNC_STATE_SYNCING;
  s->progress.pages = s->progress.dossiers = 0;
  g_clear_pointer (&s->message, g_free);
  mc_sync_engine_notify_source (self, s);

  job = g_new0 (Job, 1);
  job->engine = g_object_ref (self);
  job->source_id = g_strdup (s->source->id);
  job->connector = g_object_ref (s->connector);
  job->push_connectors = push_connectors (s);
  job->store = s->store ? g_object_ref (s->store) : NULL;
  job->stops = self->stops;
  job->waiting = -1;
  job->full = full;
  g_set_object (&s->cancellable, NULL);
  s->cancellable = g_cancellable_new ();
  /* No source object: the job holds the engine, and gives it back in sync_done (). */
  task = g_task_new (NULL, s->cancellable, sync_done, NULL);
  g_task_set_source_tag (task, start_source);
  g_task_set_task_data (task, job, (GDestroyNotify) mc_sync_job_free);
  g_task_run_in_thread (task, mc_sync_job_run);
}

/* A connector for @source as the engine's settings say (page size, timeout, keyring). */
static McConnector *
new_connector (McSyncEngine    *self,
               const McSource  *source,
               GHashTable      *secrets,
               GError         **error)
{
  McConnector *connector = mc_connector_new (source, secrets, error);

  if (connector == NULL)
    return NULL;
  mc_connector_set_page_size (connector, self->page_size);
  if (self->request_timeout > 0)
    mc_connector_set_timeout (connector, self->request_timeout);
  if (self->keyring != NULL)
    mc_connector_set_keyring (connector, self->keyring);
  return connector;
}

/* Public API */

McSyncEngine *
mc_sync_engine_new (const char *db_path)
{
  McSyncEngine *self = g_object_new (MC_TYPE_SYNC_ENGINE, NULL);

  self->db_path = g_strdup (db_path);
  return self;
}

/* @secrets are handed to the source's connector (copied); the engine keeps no other copy. */
gboolean
mc_sync_engine_add_source (McSyncEngine    *self,
                           const McSource  *source,
                           GHashTable      *secrets,
                           GError         **error)
{
  McConnector *connector = new_connector (self, source, secrets, error);
  Source *s;

  if (connector == NULL)
    return FALSE;
  s = g_new0 (Source, 1);
  s->engine = self;
  s->source = mc_source_copy (source);
  s->connector = connector;
  s->batches = g_ptr_array_new ();
  /* The source's connection, which its syncs then use, tells when it last synced; one that
   * cannot open now is opened, and its error reported, by the first sync. */
  if ((s->store = mc_store_open (self->db_path, MC_STORE_OPEN_EXISTING, NULL)) != NULL)
    s->progress.last_success = MAX (0, mc_store_sync_last_success (s->store, source->id, NULL));
  g_hash_table_replace (self->sources, s->source->id, s);
  return TRUE;
}

void
mc_sync_engine_set_page_size (McSyncEngine *self,
                              guint         page_size)
{
  GHashTableIter it;
  gpointer value;

  self->page_size = page_size;
  g_hash_table_iter_init (&it, self->sources);
  while (g_hash_table_iter_next (&it, NULL, &value))
    mc_connector_set_page_size (((Source *) value)->connector, page_size);
}

void
mc_sync_engine_set_request_timeout (McSyncEngine *self,
                                    guint         seconds)
{
  self->request_timeout = seconds;
}

void
mc_sync_engine_set_keyring (McSyncEngine *self,
                            McSecrets    *keyring)
{
  g_set_object (&self->keyring, keyring);
}

const McSource *
mc_sync_engine_get_source (McSyncEngine *self,
                           const char   *source_id)
{
  Source *s = g_hash_table_lookup (self->sources, source_id);

  return s ? s->source : NULL;
}

gboolean
mc_sync_engine_set_secrets (McSyncEngine  *self,
                            const char    *source_id,
                            GHashTable    *secrets,
                            GError       **error)
{
  Source *s = g_hash_table_lookup (self->sources, source_id);
  McConnector *connector;

  if (s == NULL)
    {
      g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND, _("No source “%s”"), source_id);
      return FALSE;
    }
  if (!(connector = new_connector (self, s->source, secrets, error)))
    return FALSE;
  /* A running job holds its own reference to the old connector. */
  g_set_object (&s->connector, connector);
  g_object_unref (connector);
  s->attempts = 0;
  if (s->progress.state == MC_SYNC_STATE_SIGN_IN_NEEDED)
    {
      s->progress.state = MC_SYNC_STATE_IDLE;
      g_clear_pointer (&s->message, g_free);
      mc_sync_engine_notify_source (self, s);
    }
  return TRUE;
}

void
mc_sync_engine_set_interval (McSyncEngine *self,
                             guint         seconds)
{
  self->interval = seconds;
}

void
mc_sync_engine_set_reconcile_interval (McSyncEngine *self,
                                       guint         seconds)
{
  self->reconcile_interval = seconds;
}

/* How long an outbox may wait while its system answers before the watchdog flags it. */
void
mc_sync_engine_set_watchdog (McSyncEngine *self,
                             guint         seconds)
{
  self->watchdog = seconds;
}

gboolean
mc_sync_engine_get_outbox_stalled (McSyncEngine *self)
{
  return self->stalled;
}

void
mc_sync_engine_set_max_backoff (McSyncEngine *self,
                                guint         seconds)
{
  self->max_backoff = MAX (seconds, 1);
}

static int
compare_ids (const void *a,
             const void *b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

GStrv
mc_sync_engine_list_sources (McSyncEngine *self)
{
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (self->sources, NULL);
  guint n = g_hash_table_size (self->sources);

  qsort (keys, n, sizeof (gpointer), compare_ids);
  for (guint i = 0; i < n; i++)
    g_strv_builder_add (b, keys[i]);
  return g_strv_builder_end (b);
}

gboolean
mc_sync_engine_get_progress (McSyncEngine   *self,
                             const char     *source_id,
                             McSyncProgress *out)
{
  Source *s = g_hash_table_lookup (self->sources, source_id);

  if (s == NULL)
    return FALSE;
  *out = s->progress;
  out->message = s->message;
  return TRUE;
}

static gboolean
timer_cb (gpointer user_data)
{
  mc_sync_engine_sync_now (user_data, NULL);
  return G_SOURCE_CONTINUE;
}

/* A network that comes back is worth trying at once, whatever the backoff said. */
static void
network_changed (GNetworkMonitor *monitor,
                 gboolean         available,
                 McSyncEngine    *self)
{
  if (available)
    mc_sync_engine_sync_now (self, NULL);
}

static gboolean
push_timer_cb (gpointer user_data)
{
  McSyncEngine *self = user_data;
  GHashTableIter it;
  gpointer value;

  self->push_timer = 0;
  g_hash_table_iter_init (&it, self->sources);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Source *s = value;

      if (s->push_wanted)
        {
          s->push_wanted = FALSE;
          start_source (self, s, FALSE);
        }
    }
  return G_SOURCE_REMOVE;
}

/* New work in the outbox (actions committed here, by motcuactl, or queued again by the
 * official): its source syncs now, the push first. A source being synced runs once more;
 * one waiting for a retry (it cannot be reached) keeps waiting for it or for the network;
 * one whose password was refused waits for the official. */
static void
on_store_changed (McSyncEngine      *self,
                  const McChangeSet *set)
{
  const char * const *work = mc_change_set_get_new_work (set);
  gboolean wanted = FALSE;
  gint64 now;

  for (guint i = 0; work[i] != NULL; i++)
    {
      Source *s = g_hash_table_lookup (self->sources, work[i]);

      if (s == NULL || s->progress.state == MC_SYNC_STATE_SIGN_IN_NEEDED || s->retry_id != 0)
        continue;
      if (s->running)
        s->again = TRUE;
      else
        wanted = s->push_wanted = TRUE;
    }
  if (!wanted)
    return;
  now = g_get_monotonic_time ();
  if (self->push_timer == 0)
    self->push_first_mono = now;
  else if (now - self->push_first_mono < (PUSH_GATHER_MAX_MS - PUSH_GATHER_MS) * 1000)
    g_clear_handle_id (&self->push_timer, g_source_remove);
  else
    return;
  self->push_timer = g_timeout_add (PUSH_GATHER_MS, push_timer_cb, self);
}

void
mc_sync_engine_start (McSyncEngine *self)
{
  if (self->started)
    return;
  self->started = TRUE;
  if (self->interval > 0)
    self->timer_id = g_timeout_add_seconds (self->interval, timer_cb, self);
  self->network_handler = g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                                                   G_CALLBACK (network_changed), self, 0);
  self->changes = mc_store_changes_get (self->db_path);
  g_signal_connect_object (self->changes, "changed", G_CALLBACK (on_store_changed), self, G_CONNECT_SWAPPED);
  mc_store_changes_watch_others (self->changes);
  mc_sync_engine_sync_now (self, NULL);
}

void
mc_sync_engine_stop (McSyncEngine *self)
{
  GHashTableIter it;
  gpointer value;
  McStore *download_store;

  if (self->changes != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->changes, self);
      mc_store_changes_unwatch_others (self->changes);
      g_clear_object (&self->changes);
    }
  self->started = FALSE;
  g_mutex_lock (&self->download_lock);
  self->stops++;
  download_store = g_steal_pointer (&self->download_store);
  g_mutex_unlock (&self->download_lock);
  g_clear_object (&download_store);
  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->push_timer, g_source_remove);
  g_clear_signal_handler (&self->network_handler, g_network_monitor_get_default ());
  g_hash_table_iter_init (&it, self->sources);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Source *s = value;

      g_clear_handle_id (&s->retry_id, g_source_remove);
      if (s->cancellable)
        g_cancellable_cancel (s->cancellable);
      g_clear_object (&s->store);
    }
}

/* "Sync now": also cancels any backoff wait. */
void
mc_sync_engine_sync_now (McSyncEngine *self,
                         const char   *source_id)
{
  GHashTableIter it;
  gpointer value;

  g_hash_table_iter_init (&it, self->sources);
  while (g_hash_table_iter_next (&it, NULL, &value))
    {
      Source *s = value;

      /* Refused credentials wait for the official (mc_sync_engine_set_secrets ()): trying them
       * again on every timer tick could lock the account. */
      if (source_id == NULL && s->progress.state == MC_SYNC_STATE_SIGN_IN_NEEDED)
        continue;
      if (source_id == NULL || g_str_equal (source_id, s->source->id))
        {
          s->attempts = 0;
          start_source (self, s, FALSE);
        }
    }
}

void
mc_sync_engine_sync_async (McSyncEngine         *self,
                           const char           *source_id,
                           gboolean              full,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  Batch *batch = g_new0 (Batch, 1);
  GHashTableIter it;
  gpointer value;
  g_autoptr(GPtrArray) selected = g_ptr_array_new ();

  batch->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (batch->task, mc_sync_engine_sync_async);
  batch->failed = g_string_new (NULL);
  g_hash_table_iter_init (&it, self->sources);
  while (g_hash_table_iter_next (&it, NULL, &value))
    if (source_id == NULL || g_str_equal (source_id, ((Source *) value)->source->id))
      g_ptr_array_add (selected, value);
  if (selected->len == 0)
    {
      g_task_return_new_error (batch->task, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND,
                               _("No source “%s”"), source_id ? source_id : "");
      g_object_unref (batch->task);
      g_string_free (batch->failed, TRUE);
      g_free (batch);
      return;
    }
  batch->waiting = selected->len;
  for (guint i = 0; i < selected->len; i++)
    {
      Source *s = g_ptr_array_index (selected, i);

      g_ptr_array_add (s->batches, batch);
      start_source (self, s, full);
      if (cancellable)
        g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel), s->cancellable,
                                 G_CONNECT_SWAPPED);
    }
}

gboolean
mc_sync_engine_sync_finish (McSyncEngine  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GObject */

static void
mc_sync_engine_dispose (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  mc_sync_engine_stop (self);
  G_OBJECT_CLASS (mc_sync_engine_parent_class)->dispose (object);
}

static void
mc_sync_engine_finalize (GObject *object)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  g_clear_pointer (&self->sources, g_hash_table_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->keyring);
  g_mutex_clear (&self->write_lock);
  g_mutex_clear (&self->download_lock);
  mc_sync_push_unlock (self->push_lock);
  g_mutex_clear (&self->push_mutex);
  g_free (self->db_path);
  G_OBJECT_CLASS (mc_sync_engine_parent_class)->finalize (object);
}

static void
mc_sync_engine_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  McSyncEngine *self = MC_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_OUTBOX_STALLED:
      g_value_set_boolean (value, self->stalled);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mc_sync_engine_class_init (McSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mc_sync_engine_dispose;
  object_class->finalize = mc_sync_engine_finalize;
  object_class->get_property = mc_sync_engine_get_property;

  /* McSyncEngine:outbox-stalled: some source's outbox has not drained for the watchdog's
   * time (mc_sync_engine_set_watchdog()) while its system answers. */
  properties[PROP_OUTBOX_STALLED] = g_param_spec_boolean ("outbox-stalled", NULL, NULL, FALSE,
                                                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY
                                                          | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* McSyncEngine::outbox-stalled: that became true of one source. */
  signals[OUTBOX_STALLED] = g_signal_new ("outbox-stalled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /* McSyncEngine::source-changed: the state or progress of one source changed. */
  signals[SOURCE_CHANGED] = g_signal_new ("source-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                          0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
mc_sync_engine_init (McSyncEngine *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->sources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) source_free);
  g_mutex_init (&self->write_lock);
  g_mutex_init (&self->download_lock);
  self->page_size = 500;
  self->interval = DEFAULT_INTERVAL;
  self->reconcile_interval = DEFAULT_RECONCILE_INTERVAL;
  self->max_backoff = DEFAULT_MAX_BACKOFF;
  self->watchdog = DEFAULT_WATCHDOG;
  g_mutex_init (&self->push_mutex);
  self->push_lock = -1;
}
