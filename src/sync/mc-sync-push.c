/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <sys/file.h>
#include <unistd.h>

#include "mc-store-push.h"
#include "mc-sync-push.h"

/* Pushing one source's outbox. The run asks the store for the next action of a dossier not in
 * hand (mc_store_push_next(), which marks one to send "sending", with the time, before it is
 * handed out), gives it to a worker with a connector of its own, and tells the store what
 * became of it (mc_store_push_settle()); several dossiers go at once, each in its own order.
 * The store's connection is the run's, used from its thread only; the workers only talk to the
 * ministry system.
 *
 * What a worker does (see work()):
 *
 *   send, keyed dialect       the request, under the action's key; a lost answer is in doubt and
 *                             is sent again under the same key, which the system answers once
 *   send, key-less dialect    looks the dossier up: an action already there is not sent again
 *                             (a late write), one decided on an older version is a conflict;
 *                             sends, then looks again to confirm it
 *   in doubt, key-less        looks the dossier up: its reference there once is applied (unless
 *                             another official's step came between the action's base and it:
 *                             a conflict), twice is "applied twice"; absent is "not applied"
 *                             only once the source's settle time has passed since the last
 *                             send, and a look-up that fails leaves it in doubt
 *   verify                    a done action sent again after a doubt, looked up once more after
 *                             the settle time: a late first write makes it "applied twice"
 *
 * A row left "sending" by a process that died is in doubt the same way
 * (mc_sync_push_recover(), run once by the process holding the push lock). */

/* How often one action may be taken up in one run: a lost answer is settled at once
 * (a second look or send), not in a loop against a system that keeps failing. */
#define MAX_TRIES 4

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
mc_sync_push_recover (McStore  *store,
                      GMutex   *write_lock,
                      GError  **error)
{
  gboolean ok;

  g_mutex_lock (write_lock);
  ok = mc_store_push_recover (store, NULL, error);
  g_mutex_unlock (write_lock);
  return ok;
}

/* One job, and what became of it */

typedef struct
{
  McPushJob *job;
  McPushOutcome outcome;
  char *message;
  char *server_version;
  char *number;
  GError *error;             /* the failure behind NOT_SENT or IN_DOUBT, if it was one */
  gboolean stop;             /* the system takes no more now (unreachable, sign-in, 429) */
} Result;

static void
result_free (Result *r)
{
  g_clear_pointer (&r->job, mc_push_job_free);
  g_free (r->message);
  g_free (r->server_version);
  g_free (r->number);
  g_clear_error (&r->error);
  g_free (r);
}

static void
set (Result            *r,
     McPushOutcomeKind  kind,
     const char        *message)
{
  r->outcome.kind = kind;
  g_free (r->message);
  r->message = g_strdup (message);
}

/* A failure of a call: @error is taken. */
static void
fail (Result            *r,
      McPushOutcomeKind  kind,
      GError            *error)
{
  set (r, kind, error->message);
  g_clear_error (&r->error);
  r->error = error;
  r->stop = error->domain == MC_SYNC_ERROR && (error->code == MC_SYNC_ERROR_OFFLINE || error->code == MC_SYNC_ERROR_AUTH
                                               || error->code == MC_SYNC_ERROR_RATE_LIMITED);
  r->stop |= g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* What a failed send tells about the action. Anything not known to have stopped before the
 * system (a cancellation, a cut or broken answer, a timeout, a 5xx) may have been applied. */
static void
failed_send (Result *r,
             GError *error)
{
  McPushOutcomeKind kind = MC_PUSH_IN_DOUBT;

  if (error->domain == MC_SYNC_ERROR)
    switch (error->code)
      {
      case MC_SYNC_ERROR_OFFLINE:
      case MC_SYNC_ERROR_RATE_LIMITED:
      case MC_SYNC_ERROR_AUTH:
        kind = MC_PUSH_NOT_SENT;
        break;
      case MC_SYNC_ERROR_CONFLICT:
        kind = MC_PUSH_STALE;
        break;
      case MC_SYNC_ERROR_REJECTED:
      case MC_SYNC_ERROR_NOT_FOUND:
        kind = MC_PUSH_REFUSED;
        break;
      default:
        break;
      }
  if (kind == MC_PUSH_STALE || kind == MC_PUSH_REFUSED)
    {
      set (r, kind, error->message);
      g_error_free (error);
    }
  else
    fail (r, kind, error);
}

/* The request of @job for the connector; @note and @create are its storage. */
static McPushRequest
request_of (const McPushJob  *job,
            char            **note)
{
  *note = mc_action_payload_ministry_note (job->payload);
  return (McPushRequest) {
    .uuid = job->key,
    .number = job->number,
    .remote_id = job->remote_id,
    .action = job->payload->action,
    .target = job->payload->target,
    .base_version = job->base_version,
    .note = *note,
    .actor = job->payload->actor,
    .unit = job->payload->unit,
    .create = job->payload->create ? job->payload->dossier : NULL,
    .resend = job->step == MC_PUSH_CHECK,
  };
}

/* What the system's dossier @d says of the action, whose reference it carries: once, after
 * nothing but this client's own steps since the action's base (applied: the version is the
 * dossier's if the action's step is its last); once, after another official's step there
 * (applied, but over that change: a conflict, never "done" in silence); or more than once
 * (applied twice). */
static void
found (Result          *r,
       const McDossier *d)
{
  const McPushJob *job = r->job;
  int first, base;
  guint n = mc_connector_count_action (d, job->uuid, &first);

  g_return_if_fail (n > 0);
  if (n > 1)
    {
      set (r, MC_PUSH_APPLIED_TWICE,
           _("The ministry system holds this action twice (a send given up for lost was applied after it was sent "
             "again): ask the ministry to cancel the repeated step in the dossier's history"));
      return;
    }
  /* A version of an older kind says nothing of the history: nothing to compare with. */
  if ((base = mc_connector_version_steps (job->base_version)) < 0 || base > first)
    base = first;
  for (int i = base; i < first; i++)
    if (!mc_connector_step_is_own (d, i, (const char * const *) job->own_keys))
      {
        set (r, MC_PUSH_APPLIED_OVER, _("Applied on the ministry system after another official changed the dossier: "
                                        "check the dossier there"));
        r->outcome.server_status = d->status;
        r->server_version = g_strdup (d->server_version);
        return;
      }
  set (r, MC_PUSH_APPLIED, NULL);
  r->outcome.server_at = ((McStep *) g_ptr_array_index (d->history, first))->at;
  if ((guint) first + 1 == d->history->len)
    r->server_version = g_strdup (d->server_version);
}

/* No trace of the action on the system: not applied once the settle time has passed since its
 * last send (a late write would be there by then), in doubt until. */
static void
not_found (Result *r)
{
  if (r->job->settled)
    set (r, MC_PUSH_NOT_APPLIED, _("Not found on the ministry system after its settle time: sent again"));
  else
    set (r, MC_PUSH_IN_DOUBT, _("Sent without an answer: the ministry system is checked again once its settle time "
                                "has passed"));
}

static void
stale (Result      *r,
       McDossier   *d,
       const char  *message)
{
  set (r, MC_PUSH_STALE, message);
  r->outcome.server_status = d->status;
  g_free (r->server_version);
  r->server_version = g_strdup (d->server_version);
}

/* A counter intake of a key-less dialect: sent under the client's number, so that a look-up
 * under it settles a lost answer and a second send is refused as existing. */
static void
intake_keyless (Result        *r,
                McConnector   *connector,
                GCancellable  *cancellable)
{
  g_autofree char *note = NULL;
  McPushRequest request = request_of (r->job, &note);
  g_autofree char *number = mc_connector_client_number (connector, &request);
  McPushResult result = { 0 };
  g_autoptr(GError) refused = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = NULL;
  gboolean sent = FALSE;

  if (r->job->step == MC_PUSH_SEND)
    {
      sent = mc_connector_push (connector, &request, &result, cancellable, &refused);
      mc_push_result_clear (&result);
      if (!sent && !g_error_matches (refused, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED))
        {
          failed_send (r, g_steal_pointer (&refused));
          return;
        }
    }
  /* Created now, or refused because an earlier send created it: the look-up tells. */
  if ((d = mc_connector_lookup (connector, number, cancellable, &error)) != NULL)
    {
      set (r, MC_PUSH_APPLIED, NULL);
      r->number = g_strdup (d->number);
      r->server_version = g_strdup (d->server_version);
    }
  else if (sent)
    {
      /* Answered, not seen yet: it is the number it was sent under. */
      set (r, MC_PUSH_APPLIED, NULL);
      r->number = g_strdup (number);
    }
  else if (!g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND))
    fail (r, MC_PUSH_IN_DOUBT, g_steal_pointer (&error));
  else if (refused != NULL && r->job->sent_before)
    {
      /* Refused, maybe as existing since an earlier send: a look-up that says "none" is not
       * sure of it on every back-end (legacy), so it is looked for again before parking. */
      fail (r, MC_PUSH_IN_DOUBT, g_steal_pointer (&refused));
    }
  else if (refused != NULL)
    failed_send (r, g_steal_pointer (&refused));
  else
    not_found (r);
}

/* An action on a dossier of a key-less dialect: looked up before it is sent (a reference
 * already there is a late write of an earlier send; an older version a conflict) and after. */
static void
action_keyless (Result        *r,
                McConnector   *connector,
                GCancellable  *cancellable)
{
  g_autofree char *note = NULL;
  McPushRequest request = request_of (r->job, &note);
  McPushResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) before = mc_connector_lookup (connector, r->job->number, cancellable, &error);
  g_autoptr(McDossier) after = NULL;
  int first;

  if (before == NULL && g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND) && !r->job->sent_before
      && (mc_connector_knows_missing (connector) || r->job->unlisted))
    {
      /* Never sent, and the system has no such dossier (any more): refused. Where "missing"
       * may be a failure (legacy), only once the reconciliation did not list it either. */
      set (r, MC_PUSH_REFUSED, error->message);
      return;
    }
  if (before == NULL)
    {
      /* Nothing was sent now: pending again. */
      fail (r, MC_PUSH_NOT_SENT, g_steal_pointer (&error));
      return;
    }
  if (mc_connector_count_action (before, r->job->uuid, &first) > 0)
    {
      found (r, before);
      return;
    }
  if (g_strcmp0 (before->server_version, r->job->base_version) != 0)
    {
      g_debug ("%s: version %s, the action was decided on %s", r->job->number, before->server_version,
               r->job->base_version ? r->job->base_version : "none");
      stale (r, before, _("the dossier changed on the system after the action was decided"));
      return;
    }
  if (!mc_connector_push (connector, &request, &result, cancellable, &error))
    {
      mc_push_result_clear (&result);
      failed_send (r, g_steal_pointer (&error));
      /* Sent before, refused now: the earlier send may have come through meanwhile (a late
       * write that made the action no longer allowed). */
      if (r->job->sent_before && (r->outcome.kind == MC_PUSH_REFUSED || r->outcome.kind == MC_PUSH_STALE)
          && (after = mc_connector_lookup (connector, r->job->number, cancellable, NULL)) != NULL
          && mc_connector_count_action (after, r->job->uuid, &first) > 0)
        found (r, after);
      return;
    }
  /* The system took it; what it shows now gives the version after it, and whether another
   * official's change slipped in between the look-up and the write (last write wins). Until a
   * look-up shows that, the action is not "done": in doubt, looked up again. */
  after = result.dossier ? mc_dossier_ref (result.dossier)
                         : mc_connector_lookup (connector, r->job->number, cancellable, &error);
  if (after == NULL)
    fail (r, MC_PUSH_IN_DOUBT, g_steal_pointer (&error));
  else if (mc_connector_count_action (after, r->job->uuid, &first) > 0)
    found (r, after);
  else
    set (r, MC_PUSH_APPLIED, NULL);  /* taken, but not kept where it is looked for: trusted */
  mc_push_result_clear (&result);
}

/* An action in doubt on a dossier of a key-less dialect, or a done one to verify. */
static void
check_keyless (Result        *r,
               McConnector   *connector,
               GCancellable  *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) d = mc_connector_lookup (connector, r->job->number, cancellable, &error);
  int first;
  guint n;

  if (d == NULL)
    {
      /* Failed, in any way ("not found" included: the dossier exists here): still in doubt. */
      fail (r, MC_PUSH_IN_DOUBT, g_steal_pointer (&error));
      return;
    }
  n = mc_connector_count_action (d, r->job->uuid, &first);
  if (r->job->step == MC_PUSH_VERIFY)
    {
      if (n > 1)
        found (r, d);
      else
        set (r, MC_PUSH_VERIFIED, NULL);
    }
  else if (n > 0)
    found (r, d);
  else
    not_found (r);
}

/* A failed send under a key (@error is taken). A stale version is parked beside the system's
 * current state, which a look-up gives, for the official to re-apply on it. */
static void
failed_keyed (Result        *r,
              McConnector   *connector,
              GError        *error,
              GCancellable  *cancellable)
{
  g_autoptr(McDossier) now = NULL;

  if (!g_error_matches (error, MC_SYNC_ERROR, MC_SYNC_ERROR_CONFLICT))
    failed_send (r, error);
  else if ((now = mc_connector_lookup (connector, r->job->number, cancellable, NULL)) != NULL)
    {
      stale (r, now, error->message);
      g_error_free (error);
    }
  else
    fail (r, r->job->step == MC_PUSH_SEND ? MC_PUSH_NOT_SENT : MC_PUSH_IN_DOUBT, error);
}

/* Sent under its key (again, when in doubt: the system answers a repeat once). */
static void
send_keyed (Result        *r,
            McConnector   *connector,
            GCancellable  *cancellable)
{
  g_autofree char *note = NULL;
  McPushRequest request = request_of (r->job, &note);
  McPushResult result = { 0 };
  g_autoptr(GError) error = NULL;

  if (mc_connector_push (connector, &request, &result, cancellable, &error))
    {
      set (r, MC_PUSH_APPLIED, NULL);
      r->server_version = g_steal_pointer (&result.server_version);
      r->number = g_steal_pointer (&result.number);
      r->outcome.server_at = result.server_at;
      if (request.create != NULL && r->number == NULL)
        set (r, MC_PUSH_IN_DOUBT, _("The ministry system did not say the dossier's number"));
    }
  else
    failed_keyed (r, connector, g_steal_pointer (&error), cancellable);
  mc_push_result_clear (&result);
}

/* Files */

static McUploadRequest
upload_of (const McPushJob *job)
{
  const McFile *f = job->payload->file;

  return (McUploadRequest) {
    .uuid = job->key,
    .number = job->number,
    .remote_id = job->remote_id,
    .base_version = job->base_version,
    .actor = job->payload->actor,
    .name = f->name,
    .content_type = f->content_type,
    .kind = f->kind,
    .component = f->component,
    .content = job->content,
  };
}

/* Uploaded: the version after it is kept for the actions queued behind it only where the
 * system's dossier was, just before, the version they were decided on (else another change
 * came between, and they must meet it as a conflict). */
static void
uploaded (Result      *r,
          const char  *before,
          const char  *after)
{
  set (r, MC_PUSH_APPLIED, NULL);
  if (after != NULL && g_strcmp0 (before, r->job->base_version) == 0)
    r->server_version = g_strdup (after);
}

/* The system lists the file in @d. Where the upload left a step carrying its reference
 * (legacy's ghiChu), that step tells the version after it, as for any action; a change of
 * another official's before it is no conflict of the file's (the actions queued after it meet
 * it themselves). */
static void
listed_in (Result          *r,
           const McDossier *d)
{
  int first;

  if (mc_connector_count_action (d, r->job->uuid, &first) == 0)
    {
      set (r, MC_PUSH_APPLIED, NULL);
      return;
    }
  found (r, d);
  if (r->outcome.kind == MC_PUSH_APPLIED_OVER)
    {
      set (r, MC_PUSH_APPLIED, NULL);
      r->outcome.server_status = 0;
      g_clear_pointer (&r->server_version, g_free);
    }
}

/* A file, under its key (a lost answer is sent again under it and answered once). */
static void
attach_keyed (Result        *r,
              McConnector   *connector,
              GCancellable  *cancellable)
{
  McUploadRequest request = upload_of (r->job);
  McUploadResult result = { 0 };
  g_autoptr(GError) error = NULL;

  if (mc_connector_upload (connector, &request, &result, cancellable, &error))
    uploaded (r, result.version_before, result.server_version);
  else
    failed_keyed (r, connector, g_steal_pointer (&error), cancellable);  /* a file may go in any status */
  mc_upload_result_clear (&result);
}

/* A file on a key-less dialect: the dossier's list of files (name, size, hash where listed)
 * says whether it is there. Looked at before a send that may follow an earlier one, in
 * doubt, and once more after a resend for a late first write. */
static void
attach_keyless (Result        *r,
                McConnector   *connector,
                GCancellable  *cancellable)
{
  const McPushJob *job = r->job;
  const McFile *f = job->payload->file;
  McUploadRequest request = upload_of (job);
  McUploadResult result = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) before = mc_connector_lookup (connector, job->number, cancellable, &error);
  g_autoptr(McDossier) after = NULL;
  guint n;

  if (before == NULL)
    {
      fail (r, job->step == MC_PUSH_SEND ? MC_PUSH_NOT_SENT : MC_PUSH_IN_DOUBT, g_steal_pointer (&error));
      return;
    }
  n = mc_connector_count_uploads (before, f->name, f->size, f->hash);
  if (job->step == MC_PUSH_VERIFY)
    {
      if (n > 1)
        set (r, MC_PUSH_APPLIED_TWICE,
             _("The ministry system holds this file twice (a send given up for lost was stored after it was sent "
               "again): ask the ministry to remove the repeated file"));
      else
        set (r, MC_PUSH_VERIFIED, NULL);
      return;
    }
  if (n > 0 && (job->sent_before || job->step == MC_PUSH_CHECK))
    {
      /* An earlier send came through. */
      listed_in (r, before);
      return;
    }
  if (job->step == MC_PUSH_CHECK)
    {
      not_found (r);
      return;
    }
  if (!mc_connector_upload (connector, &request, &result, cancellable, &error))
    {
      failed_send (r, g_steal_pointer (&error));
      return;
    }
  mc_upload_result_clear (&result);
  if ((after = mc_connector_lookup (connector, job->number, cancellable, NULL)) != NULL)
    listed_in (r, after);
  else
    set (r, MC_PUSH_APPLIED, NULL);
}

static Result *
work (McConnector   *connector,
      McPushJob     *job,
      GCancellable  *cancellable)
{
  Result *r = g_new0 (Result, 1);

  r->job = job;
  /* A key answers a repeat once, and a client's number can be created once: nothing to verify. */
  if (job->step == MC_PUSH_VERIFY && (mc_connector_has_keys (connector) || job->payload->create))
    set (r, MC_PUSH_VERIFIED, NULL);
  else if (job->payload->action == MC_ACTION_ATTACH && mc_connector_has_keys (connector))
    attach_keyed (r, connector, cancellable);
  else if (job->payload->action == MC_ACTION_ATTACH)
    attach_keyless (r, connector, cancellable);
  else if (mc_connector_has_keys (connector))
    send_keyed (r, connector, cancellable);
  else if (job->payload->create)
    intake_keyless (r, connector, cancellable);
  else if (job->step == MC_PUSH_SEND)
    action_keyless (r, connector, cancellable);
  else
    check_keyless (r, connector, cancellable);
  r->outcome.message = r->message;
  r->outcome.server_version = r->server_version;
  r->outcome.number = r->number;
  return r;
}

/* One run over a source */

typedef struct
{
  McConnector *connector;
  GAsyncQueue *todo;         /* McPushJob*, or the run itself to end */
  GAsyncQueue *done;         /* Result* */
  GCancellable *cancellable;
  gpointer end;              /* the marker that ends a worker */
} Worker;

static gpointer
worker_main (gpointer data)
{
  Worker *w = data;
  gpointer item;

  while ((item = g_async_queue_pop (w->todo)) != w->end)
    g_async_queue_push (w->done, work (w->connector, item, w->cancellable));
  return NULL;
}

static void
count (McPushStats   *stats,
       McOutboxState  state)
{
  switch (state)
    {
    case MC_OUTBOX_DONE: stats->sent++; break;
    case MC_OUTBOX_CONFLICT: stats->conflicts++; break;
    case MC_OUTBOX_REJECTED: stats->rejected++; break;
    case MC_OUTBOX_APPLIED_TWICE: stats->duplicated++; break;
    default: break;
    }
}

/* Pushes the outbox of @source_id until nothing is ready, every dossier waits (for the official,
 * for a settle time, for a system that failed it), or the system takes no more now. Up to
 * @connectors->len dossiers at once, one connector each. Returns: FALSE with the first failure
 * (the source backs off), TRUE when nothing failed, even with actions still in doubt. */
gboolean
mc_sync_push_source (McStore       *store,
                     const char    *source_id,
                     GPtrArray     *connectors,
                     GMutex        *write_lock,
                     GCancellable  *cancellable,
                     McPushStats   *stats,
                     GError       **error)
{
  g_autoptr(GAsyncQueue) todo = g_async_queue_new ();
  g_autoptr(GAsyncQueue) done = g_async_queue_new ();
  g_autoptr(GHashTable) skip = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) tries = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) failed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                        (GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) threads = g_ptr_array_new ();
  g_autofree Worker *workers = NULL;
  McPushStats run = { 0 };
  GError *first = NULL;
  gboolean stop = FALSE;
  guint in_flight = 0;

  g_return_val_if_fail (connectors != NULL && connectors->len > 0, FALSE);
  workers = g_new0 (Worker, connectors->len);
  for (guint i = 0; i < connectors->len; i++)
    {
      workers[i] = (Worker) { g_ptr_array_index (connectors, i), todo, done, cancellable, &run };
      g_ptr_array_add (threads, g_thread_new ("mc-push", worker_main, &workers[i]));
    }

  for (;;)
    {
      Result *r;
      McOutboxState state = MC_OUTBOX_PENDING;
      GError *local = NULL;
      gboolean again;
      guint n;

      while (!stop && in_flight < connectors->len && !g_cancellable_is_cancelled (cancellable))
        {
          McPushJob *job;

          g_mutex_lock (write_lock);
          job = mc_store_push_next (store, source_id, skip, &local);
          g_mutex_unlock (write_lock);
          if (job == NULL)
            break;
          g_hash_table_add (skip, g_memdup2 (&job->dossier_id, sizeof job->dossier_id));
          g_async_queue_push (todo, job);
          in_flight++;
        }
      if (local != NULL)
        {
          /* The store failed: nothing more is taken; what is out is still settled. */
          stop = TRUE;
          if (first == NULL)
            first = g_steal_pointer (&local);
          g_clear_error (&local);
        }
      if (in_flight == 0)
        break;

      r = g_async_queue_pop (done);
      in_flight--;
      g_mutex_lock (write_lock);
      if (!mc_store_push_settle (store, r->job, &r->outcome, &state, &local))
        {
          stop = TRUE;
          if (first == NULL)
            first = g_steal_pointer (&local);
          g_clear_error (&local);
        }
      g_mutex_unlock (write_lock);
      count (&run, state);
      if (r->stop)
        {
          /* The system takes no more now: the source backs off. */
          stop = TRUE;
          if (first == NULL)
            first = g_steal_pointer (&r->error);
        }
      /* A failure counts if the dossier is left with it at the end of the run. */
      if (r->error != NULL)
        g_hash_table_replace (failed, g_memdup2 (&r->job->dossier_id, sizeof r->job->dossier_id),
                              g_steal_pointer (&r->error));
      else
        g_hash_table_remove (failed, &r->job->dossier_id);
      /* The dossier's next action may go in this run, and an answer lost is settled at once (a
       * look-up, or the same key again, twice at most); what waits — a settle time, a system that
       * keeps failing, a verification — waits for a later run. */
      n = GPOINTER_TO_UINT (g_hash_table_lookup (tries, &r->job->id)) + 1;
      g_hash_table_replace (tries, g_memdup2 (&r->job->id, sizeof r->job->id), GUINT_TO_POINTER (n));
      again = r->job->step != MC_PUSH_VERIFY && n < MAX_TRIES
              && (r->outcome.kind != MC_PUSH_IN_DOUBT || r->job->step == MC_PUSH_SEND
                  || (n == 1 && g_hash_table_contains (failed, &r->job->dossier_id)));
      if (again)
        g_hash_table_remove (skip, &r->job->dossier_id);
      result_free (r);
    }

  if (first == NULL && g_hash_table_size (failed) > 0)
    {
      GHashTableIter it;
      gpointer value;

      g_hash_table_iter_init (&it, failed);
      if (g_hash_table_iter_next (&it, NULL, &value))
        first = g_error_copy (value);
    }
  for (guint i = 0; i < threads->len; i++)
    g_async_queue_push (todo, &run);
  for (guint i = 0; i < threads->len; i++)
    g_thread_join (g_ptr_array_index (threads, i));
  if (stats != NULL)
    {
      stats->sent += run.sent;
      stats->conflicts += run.conflicts;
      stats->rejected += run.rejected;
      stats->duplicated += run.duplicated;
      if (g_error_matches (first, MC_SYNC_ERROR, MC_SYNC_ERROR_RATE_LIMITED))
        for (guint i = 0; i < connectors->len; i++)
          stats->retry_after = MAX (stats->retry_after, mc_connector_get_retry_after (g_ptr_array_index (connectors, i)));
    }
  if (first != NULL)
    {
      g_propagate_error (error, first);
      return FALSE;
    }
  return TRUE;
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
  g_autoptr(GPtrArray) held = NULL;

  g_mutex_lock (write_lock);
  held = mc_store_push_releasable (store, source_id, error);
  g_mutex_unlock (write_lock);
  if (held == NULL)
    return FALSE;
  for (guint i = 0; i < held->len; i++)
    {
      McPushHeld *h = g_ptr_array_index (held, i);
      g_autoptr(GError) local = NULL;
      g_autoptr(McDossier) d = mc_connector_lookup (connector, h->number, cancellable, &local);
      gboolean ok;

      if (d == NULL && !g_error_matches (local, MC_SYNC_ERROR, MC_SYNC_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return FALSE;
        }
      /* Where "missing" may be a failure (legacy), a dossier is removed only once the
       * reconciliation did not list it either; until then it stays held. */
      if (d == NULL && !h->deleted && !mc_connector_knows_missing (connector))
        continue;
      g_mutex_lock (write_lock);
      ok = mc_store_push_release (store, source_id, h, d, error);
      g_mutex_unlock (write_lock);
      if (!ok)
        return FALSE;
      if (stats != NULL)
        stats->released++;
    }
  return TRUE;
}
