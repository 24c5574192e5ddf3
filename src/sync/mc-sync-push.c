/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <sys/file.h>
#include <unistd.h>

#include "mc-store-actions.h"
#include "mc-store-push.h"
#include "mc-store-sync.h"
#include "mc-sync-push.h"
#include "mc-wire-time.h"

/* Pushing one source's outbox. mc_store_outbox_ready() gives the oldest unfinished action of
 * each dossier; those go out together, each dossier in a worker with a connector of its own
 * (at most as many as the engine gives), and the next round takes what became ready. An
 * action is marked "sending" (durably) before the request leaves; its fate then follows from
 * the answer:
 *
 *   applied                      → done (a counter intake: done and renumbered, one transaction)
 *   not sent (refused connection,
 *   429, sign-in refused)        → pending again; the run stops and the source backs off
 *   stale (409, 412, or a look-up
 *   where the system checks none) → conflict, with the system's status and version
 *   refused (4xx, not found)     → rejected, with the system's message
 *   unknown (no answer, a cut or
 *   broken body, 5xx)            → in doubt, and settled at once if the system answers: sent
 *                                  again with the same key where the dialect takes one, looked
 *                                  up first (the reference in its history) where it does not.
 *
 * A row left "sending" by a process that died is in doubt the same way (mc_sync_push_recover,
 * run once by the process holding the push lock). */

#define READY_BATCH 256

/* The lock */

int
mc_sync_push_lock (const char *db_path)
{
  g_autofree char *path = g_strconcat (db_path, ".push-lock", NULL);
  int fd = open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);

  if (fd < 0)
    return -1;
  if (flock (fd, LOCK_EX | LOCK_NB) < 0)
    {
      close (fd);
      return -1;
    }
  return fd;
}

void
mc_sync_push_unlock (int fd)
{
  if (fd >= 0)
    close (fd);  /* drops the flock */
}

gboolean
mc_sync_push_recover (const char  *db_path,
                      GMutex      *write_lock,
                      GError     **error)
{
  g_autoptr(McStore) store = mc_store_open (db_path, MC_STORE_OPEN_EXISTING, error);
  gboolean ok;

  if (store == NULL)
    return FALSE;
  g_mutex_lock (write_lock);
  ok = mc_store_push_recover (store, NULL, error);
  g_mutex_unlock (write_lock);
  return ok;
}

/* From an outbox row to a request */

typedef struct
{
  McPushRequest request;
  char *key;
  char *note;
  char *actor;
  char *unit;
  char *remote_id;
  McDossier *create;
} Prepared;

static void
prepared_clear (Prepared *p)
{
  g_free (p->key);
  g_free (p->note);
  g_free (p->actor);
  g_free (p->unit);
  g_free (p->remote_id);
  g_clear_pointer (&p->create, mc_dossier_unref);
}

static const char *
text_member (JsonObject *o,
             const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
    ? json_node_get_string (node) : NULL;
}

static gint64
int_member (JsonObject *o,
            const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_int (node) : 0;
}

static gint64
time_member (JsonObject *o,
             const char *member)
{
  gint64 t = 0;

  return mc_wire_time_parse (MC_WIRE_TIME_ISO8601, text_member (o, member), &t) ? t : 0;
}

static JsonArray *
array_member (JsonObject *o,
              const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static JsonObject *
object_member (JsonObject *o,
               const char *member)
{
  JsonNode *node = o ? json_object_get_member (o, member) : NULL;

  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonObject *
element (JsonArray *a,
         guint      i)
{
  JsonNode *node = json_array_get_element (a, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The dossier as it was received at the counter (the payload's "dossier", mc_dossier_to_json):
 * what a create sends, whatever happened to the local copy since. */
static McDossier *
intake_dossier (JsonObject  *payload,
                const char  *number)
{
  JsonObject *o = object_member (payload, "dossier");
  McDossier *d = mc_dossier_new ();
  JsonArray *list;

  d->number = g_strdup (number);
  d->source_id = g_strdup (text_member (o, "source"));
  d->procedure_code = g_strdup (text_member (o, "procedure_code"));
  d->procedure_name = g_strdup (text_member (o, "procedure_name"));
  d->applicant_name = g_strdup (text_member (o, "applicant"));
  d->applicant_kind = CLAMP (int_member (o, "applicant_kind"), MC_APPLICANT_CITIZEN, MC_APPLICANT_OTHER_ORGANIZATION);
  d->id_number = g_strdup (text_member (o, "id_number"));
  d->phone = g_strdup (text_member (o, "phone"));
  d->address = g_strdup (text_member (o, "address"));
  d->channel = CLAMP (int_member (o, "channel"), MC_CHANNEL_IN_PERSON, MC_CHANNEL_POST);
  d->return_method = mc_return_method_from_id (text_member (payload, "method"));
  if (d->return_method == 0)
    d->return_method = d->channel;
  d->status = int_member (payload, "target") ?: MC_STATUS_RECEIVED;
  d->submitted_at = time_member (o, "submitted_at");
  d->received_at = time_member (o, "received_at");
  d->due_at = time_member (payload, "due_at") ?: time_member (o, "due_at");
  list = array_member (o, "documents");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *x = element (list, i);

      if (text_member (x, "name"))
        mc_dossier_add_document (d, text_member (x, "name"), json_object_get_boolean_member_with_default (x, "copy", FALSE),
                                 int_member (x, "count") ?: 1);
    }
  list = array_member (o, "fees");
  for (guint i = 0; list && i < json_array_get_length (list); i++)
    {
      JsonObject *x = element (list, i);

      if (text_member (x, "name"))
        mc_dossier_add_fee (d, text_member (x, "name"), int_member (x, "amount_vnd"),
                            json_object_get_boolean_member_with_default (x, "paid", FALSE));
    }
  return d;
}

static void
separate (GString *s)
{
  if (s->len > 0)
    g_string_append (s, "; ");
}

/* What the system records as the step's content (NoiDungXuLy, note, ghi_chu): the official's
 * words and what the action carries, in Vietnamese as the ministry systems keep it. */
static char *
compose_note (McAction    action,
              JsonObject *payload)
{
  g_autoptr(GString) s = g_string_new (text_member (payload, "note"));
  JsonArray *list;
  JsonObject *fee;

  switch (action)
    {
    case MC_ACTION_REQUEST_SUPPLEMENT:
      list = array_member (payload, "items");
      separate (s);
      g_string_append (s, "Giấy tờ cần bổ sung: ");
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        g_string_append_printf (s, "%s%s", i ? ", " : "", json_array_get_string_element (list, i));
      break;
    case MC_ACTION_RESOLVE:
      list = array_member (payload, "results");
      separate (s);
      g_string_append (s, "Kết quả: ");
      for (guint i = 0; list && i < json_array_get_length (list); i++)
        {
          JsonObject *x = element (list, i);

          g_string_append_printf (s, "%s%s", i ? ", " : "", text_member (x, "name") ?: "");
          if (text_member (x, "number"))
            g_string_append_printf (s, " (số %s)", text_member (x, "number"));
        }
      break;
    case MC_ACTION_REQUEST_FEE:
      fee = object_member (payload, "fee");
      separate (s);
      g_string_append_printf (s, "Nghĩa vụ tài chính: %s, %" G_GINT64_FORMAT " đồng", text_member (fee, "name") ?: "",
                              int_member (fee, "amount_vnd"));
      break;
    case MC_ACTION_RESCHEDULE:
      {
        g_autofree char *due = mc_wire_time_format (MC_WIRE_TIME_LEGACY, time_member (payload, "due_at"));

        separate (s);
        g_string_append_printf (s, "Hẹn trả mới: %s", due);
      }
      break;
    case MC_ACTION_RETURN_RESULT:
      {
        McChannel method = mc_return_method_from_id (text_member (payload, "method"));

        separate (s);
        g_string_append_printf (s, "Hình thức trả kết quả: %s", method == MC_CHANNEL_ONLINE ? "trực tuyến"
                                : method == MC_CHANNEL_POST ? "qua dịch vụ bưu chính" : "trực tiếp");
      }
      break;
    default:
      break;
    }
  return s->len > 0 ? g_string_free (g_steal_pointer (&s), FALSE) : NULL;
}

static gboolean
prepare (McStore              *store,
         const McOutboxEntry  *entry,
         gint64                generation,
         Prepared             *p,
         GError              **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *payload;
  McAction action = mc_action_from_id (entry->action);

  if (!json_parser_load_from_data (parser, entry->payload, -1, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)) || action == MC_ACTION_INVALID)
    {
      g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, _("The outbox entry of “%s” cannot be read"),
                   entry->action);
      return FALSE;
    }
  payload = json_node_get_object (json_parser_get_root (parser));
  p->key = generation > 0 ? g_strdup_printf ("%s.%" G_GINT64_FORMAT, entry->uuid, generation) : g_strdup (entry->uuid);
  p->note = compose_note (action, payload);
  p->actor = g_strdup (text_member (payload, "actor"));
  p->unit = g_strdup (text_member (payload, "unit"));
  p->remote_id = mc_store_push_remote_id (store, entry->dossier_id);
  if (json_object_get_boolean_member_with_default (payload, "create", FALSE))
    p->create = intake_dossier (payload, entry->dossier_number);
  p->request = (McPushRequest) {
    .uuid = p->key,
    .number = entry->dossier_number,
    .remote_id = p->remote_id,
    .action = action,
    .target = int_member (payload, "target"),
    .base_version = entry->base_version,
    .note = p->note,
    .actor = p->actor,
    .unit = p->unit,
    .create = p->create,
  };
  return TRUE;
}

/* One run over a source */

typedef struct
{
  const char *db_path;
  const char *source_id;
  GMutex *write_lock;        /* the engine's: one writer at a time */
  GCancellable *cancellable;

  GMutex lock;               /* guards what follows */
  GPtrArray *queue;          /* McOutboxEntry, one per dossier */
  guint next;
  gboolean stop;
  GError *error;             /* what stopped the run */
  McPushStats stats;
} Run;

typedef enum
{
  SETTLED,                   /* done, conflict or rejected */
  WAITING,                   /* pending or in doubt: for a later run (the error says why) */
} Outcome;

static void
count (Run   *run,
       guint *counter)
{
  g_mutex_lock (&run->lock);
  (*counter)++;
  g_mutex_unlock (&run->lock);
}

/* Writes are short transactions, one at a time across the engine's threads. */
typedef gboolean (*Write) (McStore *store, gint64 id, const char *message, GError **error);

static gboolean
write_state (Run          *run,
             Write         write,
             McStore      *store,
             gint64        id,
             const char   *message,
             GError      **error)
{
  gboolean ok;

  g_mutex_lock (run->write_lock);
  ok = write (store, id, message, error);
  g_mutex_unlock (run->write_lock);
  return ok;
}

static gboolean
mark_sending (McStore     *store,
              gint64       id,
              const char  *message,
              GError     **error)
{
  return mc_store_outbox_mark_sending (store, id, error);
}

static Outcome
park (Run                  *run,
      McStore              *store,
      const McOutboxEntry  *entry,
      McOutboxState         state,
      const McDossier      *server,
      const char           *message,
      GError              **error)
{
  gboolean ok;

  g_mutex_lock (run->write_lock);
  ok = mc_store_push_park (store, entry, state, server ? server->status : MC_STATUS_INVALID,
                           server ? server->server_version : NULL, message, error);
  g_mutex_unlock (run->write_lock);
  if (!ok)
    return WAITING;
  count (run, state == MC_OUTBOX_CONFLICT ? &run->stats.conflicts : &run->stats.rejected);
  return SETTLED;
}

static Outcome
finish (Run                  *run,
        McStore              *store,
        const McOutboxEntry  *entry,
        const Prepared       *p,
        const McPushResult   *result,
        GError              **error)
{
  g_autoptr(GError) local = NULL;
  gboolean ok;

  if (p->create != NULL && result->number == NULL)
    {
      local = g_error_new (MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, _("%s created dossier %s without saying its number"),
                           entry->source_id, entry->dossier_number);
      write_state (run, mc_store_outbox_mark_in_doubt, store, entry->id, local->message, NULL);
      g_propagate_error (error, g_steal_pointer (&local));
      return WAITING;
    }
  g_mutex_lock (run->write_lock);
  ok = p->create != NULL
    ? mc_store_push_created (store, entry, result->number, result->server_version, result->server_at, &local)
    : mc_store_outbox_mark_done (store, entry->id, result->server_version, result->server_at, &local);
  g_mutex_unlock (run->write_lock);
  if (!ok && g_error_matches (local, MC_STORE_ERROR, MC_STORE_ERROR_INVALID))
    return park (run, store, entry, MC_OUTBOX_REJECTED, NULL, local->message, error);  /* see merge_pulled_copy */
  if (!ok)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return WAITING;
    }
  count (run, &run->stats.sent);
  return SETTLED;
}

typedef enum
{
  NOT_SENT,
  STALE,
  REFUSED,
  UNKNOWN,
} Failure;

/* What a failed push tells about the action. Anything not known to have stopped before the
 * system (including a cancellation, a cut answer, a 5xx) may have been applied. */
static Failure
classify (const GError *error)
{
  if (error->domain != MC_SYNC_ERROR)
    return UNKNOWN;
  switch (error->code)
    {
    case MC_SYNC_ERROR_OFFLINE:
    case MC_SYNC_ERROR_RATE_LIMITED:
    case MC_SYNC_ERROR_AUTH:
      return NOT_SENT;
    case MC_SYNC_ERROR_CONFLICT:
      return STALE;
    case MC_SYNC_ERROR_REJECTED:
    case MC_SYNC_ERROR_NOT_FOUND:
      return REFUSED;
    default:
      return UNKNOWN;
    }
}

typedef enum
{
  CHECK_APPLIED,
  CHECK_NOT_APPLIED,
  CHECK_FAILED,
} Check;

/* An action in doubt, where the dialect has no key: applied if the system's dossier carries
 * its reference (a counter intake: if the number it was sent under exists). */
static Check
check (McConnector     *connector,
       const Prepared  *p,
       GCancellable    *cancellable,
       McPushResult    *result,
       GError         **error)
{
  g_autofree char *number = p->create ? mc_connector_client_number (connector, &p->request)
                                      : g_strdup (p->request.number);
  g_autoptr(GError) local = NULL;
  g_autoptr(McDossier) d = mc_connector_lookup (connector, number, cancellable, &local);
  int step;

  if (d == NULL)
    {
      if (g_error_matches (local, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND))
        return CHECK_NOT_APPLIED;
      g_propagate_error (error, g_steal_pointer (&local));
      return CHECK_FAILED;
    }
  if (p->create != NULL)
    {
      result->number = g_strdup (d->number);
      result->server_version = g_strdup (d->server_version);
      return CHECK_APPLIED;
    }
  if ((step = mc_connector_find_action (d, p->request.uuid)) < 0)
    return CHECK_NOT_APPLIED;
  result->server_at = ((McStep *) g_ptr_array_index (d->history, step))->at;
  /* The version right after the action is known only if nothing came after it. */
  if ((guint) step + 1 == d->history->len)
    result->server_version = g_strdup (d->server_version);
  return CHECK_APPLIED;
}

/* A stale action: parked beside the system's current state, which a look-up gives. */
static Outcome
stale (Run                  *run,
       McStore              *store,
       McConnector          *connector,
       const McOutboxEntry  *entry,
       const Prepared       *p,
       const GError         *failure,
       GError              **error)
{
  g_autoptr(McDossier) server = mc_connector_lookup (connector, p->request.number, run->cancellable, error);

  if (server == NULL)
    {
      /* Not applied, but the conflict cannot be shown yet: sent again later. */
      write_state (run, mc_store_outbox_mark_failed, store, entry->id, failure->message, NULL);
      return WAITING;
    }
  return park (run, store, entry, MC_OUTBOX_CONFLICT, server, failure->message, error);
}

static Outcome
push_one (Run                  *run,
          McStore              *store,
          McConnector          *connector,
          const McOutboxEntry  *entry,
          GError              **error)
{
  Prepared p = { 0 };
  McOutboxState state = entry->state;
  gint64 generation = mc_store_push_generation (store, entry, error);
  Outcome outcome = WAITING;
  g_autoptr(GError) local = NULL;

  if (generation < 0)
    return WAITING;
  if (!prepare (store, entry, generation, &p, &local))
    {
      /* Nothing a later run would do better: parked for the official to see. */
      outcome = park (run, store, entry, MC_OUTBOX_REJECTED, NULL, local->message, error);
      prepared_clear (&p);
      return outcome;
    }
  /* A second round settles at once an answer lost in the first (a reset after commit). */
  for (guint round = 0; round < 2; round++)
    {
      McPushResult result = { 0 };

      g_clear_error (&local);
      if (state == MC_OUTBOX_IN_DOUBT && !mc_connector_has_keys (connector))
        {
          Check c = check (connector, &p, run->cancellable, &result, &local);

          if (c == CHECK_APPLIED)
            outcome = finish (run, store, entry, &p, &result, error);
          mc_push_result_clear (&result);
          if (c != CHECK_NOT_APPLIED)
            break;
        }
      if (!write_state (run, mark_sending, store, entry->id, NULL, &local))
        break;
      p.request.resend = state == MC_OUTBOX_IN_DOUBT;
      state = MC_OUTBOX_SENDING;
      if (mc_connector_push (connector, &p.request, &result, run->cancellable, &local))
        {
          outcome = finish (run, store, entry, &p, &result, error);
          mc_push_result_clear (&result);
          break;
        }
      mc_push_result_clear (&result);
      switch (classify (local))
        {
        case NOT_SENT:
          write_state (run, mc_store_outbox_mark_failed, store, entry->id, local->message, NULL);
          break;
        case STALE:
          outcome = stale (run, store, connector, entry, &p, local, error);
          g_clear_error (&local);
          break;
        case REFUSED:
          outcome = park (run, store, entry, MC_OUTBOX_REJECTED, NULL, local->message, error);
          g_clear_error (&local);
          break;
        case UNKNOWN:
          write_state (run, mc_store_outbox_mark_in_doubt, store, entry->id, local->message, NULL);
          state = MC_OUTBOX_IN_DOUBT;
          if (!g_cancellable_is_cancelled (run->cancellable))
            continue;
          break;
        }
      break;
    }
  if (outcome == WAITING && local != NULL && error != NULL && *error == NULL)
    g_propagate_error (error, g_steal_pointer (&local));
  prepared_clear (&p);
  return outcome;
}

typedef struct
{
  Run *run;
  McConnector *connector;
  McStore *store;            /* NULL: the worker opens its own connection */
} Worker;

static void
stop_run (Run    *run,
          GError *error)
{
  g_mutex_lock (&run->lock);
  run->stop = TRUE;
  if (run->error == NULL && error != NULL)
    run->error = error;
  else
    g_clear_error (&error);
  g_mutex_unlock (&run->lock);
}

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  Run *run = w->run;
  g_autoptr(McStore) own = NULL;
  McStore *store = w->store;
  GError *error = NULL;

  if (store == NULL && !(store = own = mc_store_open (run->db_path, MC_STORE_OPEN_EXISTING, &error)))
    {
      stop_run (run, error);
      return NULL;
    }
  for (;;)
    {
      const McOutboxEntry *entry = NULL;

      g_mutex_lock (&run->lock);
      if (!run->stop && run->next < run->queue->len)
        entry = g_ptr_array_index (run->queue, run->next++);
      g_mutex_unlock (&run->lock);
      if (entry == NULL || g_cancellable_set_error_if_cancelled (run->cancellable, &error))
        break;
      if (push_one (run, store, w->connector, entry, &error) == WAITING)
        {
          if (error == NULL)
            error = g_error_new (MC_SYNC_ERROR, MC_SYNC_ERROR_SERVER, _("%s: an action could not be sent"),
                                 run->source_id);
          stop_run (run, g_steal_pointer (&error));
        }
    }
  if (error != NULL)
    stop_run (run, error);
  return NULL;
}

/* Pushes the outbox of @source_id until it is empty, every dossier waits for the official, or
 * a failure says the system cannot take more now (the error: the source backs off). Up to
 * @connectors->len dossiers at once, one connector each. */
gboolean
mc_sync_push_source (const char    *db_path,
                     const char    *source_id,
                     GPtrArray     *connectors,
                     GMutex        *write_lock,
                     GCancellable  *cancellable,
                     McPushStats   *stats,
                     GError       **error)
{
  g_autoptr(McStore) store = mc_store_open (db_path, MC_STORE_OPEN_EXISTING, error);
  Run run = { db_path, source_id, write_lock, cancellable };
  gboolean ok = TRUE;

  g_return_val_if_fail (connectors != NULL && connectors->len > 0, FALSE);
  if (store == NULL)
    return FALSE;
  g_mutex_init (&run.lock);
  while (!run.stop)
    {
      g_autoptr(GPtrArray) ready = mc_store_outbox_ready (store, source_id, READY_BATCH, error);
      g_autoptr(GPtrArray) threads = g_ptr_array_new ();
      guint n;
      Worker *workers;

      if (ready == NULL)
        {
          ok = FALSE;
          break;
        }
      if (ready->len == 0)
        break;
      run.queue = ready;
      run.next = 0;
      n = MIN (connectors->len, ready->len);
      workers = g_new0 (Worker, n);
      for (guint i = 0; i < n; i++)
        {
          workers[i] = (Worker) { &run, g_ptr_array_index (connectors, i), i == 0 ? store : NULL };
          if (i > 0)
            g_ptr_array_add (threads, g_thread_new ("mc-push", worker_main, &workers[i]));
        }
      worker_main (&workers[0]);
      for (guint i = 0; i < threads->len; i++)
        g_thread_join (g_ptr_array_index (threads, i));
      g_free (workers);
      run.queue = NULL;
    }
  if (stats != NULL)
    {
      stats->sent += run.stats.sent;
      stats->conflicts += run.stats.conflicts;
      stats->rejected += run.stats.rejected;
      if (g_error_matches (run.error, MC_SYNC_ERROR, MC_SYNC_ERROR_RATE_LIMITED))
        for (guint i = 0; i < connectors->len; i++)
          stats->retry_after = MAX (stats->retry_after, mc_connector_get_retry_after (g_ptr_array_index (connectors, i)));
    }
  g_mutex_clear (&run.lock);
  if (ok && run.error != NULL)
    {
      g_propagate_error (error, run.error);
      return FALSE;
    }
  g_clear_error (&run.error);
  return ok;
}

/* Held server copies of @source_id's dossiers that have nothing left to send: read again and
 * stored (an incremental pull would not bring them: its cursor is past them). */
gboolean
mc_sync_push_release (McStore       *store,
                      McConnector   *connector,
                      const char    *source_id,
                      GMutex        *write_lock,
                      GCancellable  *cancellable,
                      McPushStats   *stats,
                      GError       **error)
{
  g_autoptr(GPtrArray) held = mc_store_push_releasable (store, source_id, error);

  if (held == NULL)
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      McPushHeld *h = g_ptr_array_index (held, i);
      g_autoptr(GError) local = NULL;
      g_autoptr(McDossier) d = mc_connector_lookup (connector, h->number, cancellable, &local);
      g_autoptr(GPtrArray) dossiers = g_ptr_array_new ();
      g_autoptr(GPtrArray) gone = g_ptr_array_new ();
      g_autofree char *cursor = NULL;
      McStoreSyncPage page = { dossiers, NULL, gone, FALSE, NULL };
      gboolean ok;

      if (d == NULL && !g_error_matches (local, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      if (d != NULL)
        g_ptr_array_add (dossiers, d);
      else
        g_ptr_array_add (gone, h->number);
      g_mutex_lock (write_lock);
      ok = mc_store_push_forget_version (store, h->dossier_id, error)
        && mc_store_sync_get_cursor (store, source_id, &cursor, error)
        && mc_store_sync_apply_page (store, source_id, &page, cursor, NULL, NULL, error)
        && mc_store_push_release (store, h->dossier_id, error);
      g_mutex_unlock (write_lock);
      if (!ok)
        return FALSE;
      if (stats != NULL)
        stats->released++;
    }
  return TRUE;
}
