/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"
#include "mc-thread.h"

/* The serving side of the simulator: its thread and main context, one SoupServer per dialect
 * plus the admin one, the fault controls applied around each dialect's handler (rate limit,
 * errors, damage, cut connections, latency, long polls) and outages as closed ports. */

static gboolean
activity_cb (gpointer user_data)
{
  McSim *self = user_data;

  g_mutex_lock (&self->lock);
  mc_sim_tick_locked (self, 1, 1, 0);
  g_mutex_unlock (&self->lock);
  return G_SOURCE_CONTINUE;
}

/* Serving */

static void
answer_error_for (McSimService *svc,
                  McSimAnswer  *answer)
{
  /* Each dialect's own way of saying "the back-end failed". */
  switch (svc->dialect)
    {
    case MC_SIM_DVCQG:
      mc_sim_answer_json (answer, 200, "{\"error_code\":\"99\",\"message\":\"Hệ thống đang bận, vui lòng thử lại sau\",\"result\":[]}");
      break;
    case MC_SIM_LGSP:
      mc_sim_answer_json (answer, 502, "{\"code\":\"502\",\"message\":\"Lỗi kết nối hệ thống nghiệp vụ\"}");
      break;
    case MC_SIM_REST:
      mc_sim_answer_json (answer, 503, "{\"error\":\"unavailable\",\"message\":\"Service temporarily unavailable\"}");
      break;
    case MC_SIM_FEED:
      {
        g_autofree char *after = g_strdup_printf ("%u", svc->faults.retry_after);

        mc_sim_answer_json (answer, 503, "{\"error\":\"service_unavailable\"}");
        mc_sim_answer_header (answer, "Retry-After", after);
      }
      break;
    case MC_SIM_LEGACY:
    default:
      mc_sim_answer_json (answer, 200, "{\"status\":\"ERROR\",\"errorMessage\":\"Lỗi hệ thống, vui lòng thử lại\",\"data\":null}");
      break;
    }
}

/* The portal names its call in the body ("service"): "" for the others. */
static char *
service_of (McSimService      *svc,
            SoupServerMessage *msg)
{
  g_autoptr(JsonObject) body = NULL;

  if (svc->dialect != MC_SIM_DVCQG || !(body = mc_sim_parse_object (msg)))
    return g_strdup ("");
  return g_strdup (mc_sim_object_string (body, "service") ?: "");
}

/* An endpoint is named by a prefix of its path, or, for the portal, by its service. */
static double
error_rate_for (McSimService      *svc,
                SoupServerMessage *msg,
                const char        *path)
{
  g_autofree char *service = NULL;
  GHashTableIter it;
  gpointer key, value;

  if (svc->faults.endpoint_errors != NULL && g_hash_table_size (svc->faults.endpoint_errors) > 0)
    {
      service = service_of (svc, msg);
      g_hash_table_iter_init (&it, svc->faults.endpoint_errors);
      while (g_hash_table_iter_next (&it, &key, &value))
        if (g_str_has_prefix (path, key) || (*service && g_str_equal (service, key)))
          return *(double *) value;
    }
  return svc->faults.error_rate;
}

/* A request that would change something on the system (what "late_commit" defers): not a
 * read, not a sign-in. */
static gboolean
is_write (McSimService      *svc,
          SoupServerMessage *msg,
          const char        *path)
{
  static const char *sign_ins[] = { "/auth", "/login", "/oauth/token", "/token", "/token/refresh", "/v1/sessions", NULL };
  static const char *reads[] = { "LayDanhSachHoSo", "TraCuuHoSo", "TaiTepTin", NULL };
  g_autofree char *service = NULL;

  if (g_str_equal (soup_server_message_get_method (msg), "GET") || g_strv_contains (sign_ins, path))
    return FALSE;
  service = service_of (svc, msg);
  return !g_strv_contains (reads, service);
}

/* Page-level damage, applied after the dialect built a correct answer. */
static void
damage_body (McSimAnswer *answer)
{
  GString *body = answer->body;

  switch (answer->corrupt)
    {
    case MC_SIM_CORRUPT_TRUNCATED:
      g_string_truncate (body, body->len / 2);
      break;
    case MC_SIM_CORRUPT_INVALID_JSON:
      g_string_truncate (body, body->len > 2 ? body->len - 2 : 0);
      g_string_append (body, ",,\"<b>lỗi</b>\"}");
      break;
    case MC_SIM_CORRUPT_OVERSIZED:
      {
        /* Valid JSON, too big: whitespace padding before the last brace. */
        gsize pad = 20 * 1024 * 1024;
        gsize at = body->len > 0 ? body->len - 1 : 0;

        g_string_set_size (body, body->len + pad);
        memmove (body->str + at + pad, body->str + at, body->len - pad - at);
        memset (body->str + at, ' ', pad);
      }
      break;
    default:
      break;
    }
}

/* A long poll (feed): the request waits, checked every 50 ms, until a change or its timeout. */
typedef struct
{
  McSimService *svc;
  SoupServerMessage *msg;
  GHashTable *query;
  gint64 deadline;
} LongPoll;

static void
long_poll_free (gpointer data)
{
  LongPoll *poll = data;

  g_object_unref (poll->msg);
  g_clear_pointer (&poll->query, g_hash_table_unref);
  g_free (poll);
}

static gboolean
long_poll_cb (gpointer user_data)
{
  LongPoll *poll = user_data;
  McSimAnswer answer = { .status = 500, .content_type = "application/json; charset=utf-8" };
  gboolean done;
  gsize len;

  answer.body = g_string_new (NULL);
  answer.headers = g_ptr_array_new_with_free_func (g_free);
  g_mutex_lock (&poll->svc->sim->lock);
  done = mc_sim_feed_poll (poll->svc, poll->query, &answer, g_get_monotonic_time () >= poll->deadline);
  g_mutex_unlock (&poll->svc->sim->lock);
  g_ptr_array_unref (answer.headers);
  if (!done)
    {
      g_string_free (answer.body, TRUE);
      return G_SOURCE_CONTINUE;
    }
  len = answer.body->len;
  soup_server_message_set_status (poll->msg, answer.status, NULL);
  soup_server_message_set_response (poll->msg, answer.content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (answer.body, FALSE), len);
  soup_server_message_unpause (poll->msg);
  return G_SOURCE_REMOVE;
}

static void
start_long_poll (McSimService      *svc,
                 SoupServerMessage *msg,
                 GHashTable        *query)
{
  LongPoll *poll = g_new0 (LongPoll, 1);
  const char *timeout = g_hash_table_lookup (query, "timeout");
  GSource *source = g_timeout_source_new (50);
  GHashTableIter it;
  gpointer k, v;

  poll->svc = svc;
  poll->msg = g_object_ref (msg);
  poll->query = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&it, query);
  while (g_hash_table_iter_next (&it, &k, &v))
    g_hash_table_insert (poll->query, g_strdup (k), g_strdup (v));
  poll->deadline = g_get_monotonic_time ()
    + 1000 * CLAMP (timeout ? g_ascii_strtoll (timeout, NULL, 10) : 30000, 0, 60000);
  soup_server_message_pause (msg);
  g_source_set_callback (source, long_poll_cb, poll, long_poll_free);
  g_source_attach (source, svc->sim->context);
  g_source_unref (source);
}

/* A request paused for a while (latency, a write held until it commits): its client may go
 * away meanwhile — killed, timed out — and then there is nothing to resume. */
typedef struct
{
  SoupServerMessage *msg;
  gboolean gone;
} Paused;

static void
client_gone (Paused *p)
{
  p->gone = TRUE;
}

static Paused *
paused_new (SoupServerMessage *msg)
{
  Paused *p = g_new0 (Paused, 1);

  p->msg = g_object_ref (msg);
  g_signal_connect_swapped (msg, "disconnected", G_CALLBACK (client_gone), p);
  g_signal_connect_swapped (msg, "finished", G_CALLBACK (client_gone), p);
  soup_server_message_pause (msg);
  return p;
}

static void
paused_free (gpointer data)
{
  Paused *p = data;

  g_signal_handlers_disconnect_by_data (p->msg, p);
  g_object_unref (p->msg);
  g_free (p);
}

static gboolean
unpause_cb (gpointer user_data)
{
  Paused *p = user_data;

  if (!p->gone)
    soup_server_message_unpause (p->msg);
  return G_SOURCE_REMOVE;
}

/* A write the system commits late (fault "late_commit"): taken now, committed after a while,
 * whether the client still waits (@held: then it gets the answer) or not. */
typedef struct
{
  McSimService *svc;
  SoupServerMessage *msg;
  char *path;
  GHashTable *query;
  Paused *held;              /* NULL: the connection was closed at once */
} LateCommit;

static void
late_commit_free (gpointer data)
{
  LateCommit *c = data;

  g_clear_pointer (&c->held, paused_free);
  g_object_unref (c->msg);
  g_free (c->path);
  g_clear_pointer (&c->query, g_hash_table_unref);
  g_free (c);
}

static void
answer_message (SoupServerMessage *msg,
                McSimAnswer       *answer)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  gsize len = answer->body->len;

  for (guint i = 0; i + 1 < answer->headers->len; i += 2)
    soup_message_headers_append (headers, g_ptr_array_index (answer->headers, i),
                                 g_ptr_array_index (answer->headers, i + 1));
  soup_server_message_set_status (msg, answer->status, NULL);
  soup_server_message_set_response (msg, answer->content_type, SOUP_MEMORY_TAKE,
                                    g_string_free (g_steal_pointer (&answer->body), FALSE), len);
  g_ptr_array_unref (answer->headers);
}

static gboolean
late_commit_cb (gpointer user_data)
{
  LateCommit *c = user_data;
  McSim *self = c->svc->sim;
  McSimAnswer answer = { .status = 500, .content_type = "application/json; charset=utf-8" };

  answer.body = g_string_new (NULL);
  answer.headers = g_ptr_array_new_with_free_func (g_free);
  g_mutex_lock (&self->lock);
  c->svc->klass->handle (c->svc, c->msg, c->path, c->query, &answer);
  mc_sim_remember (c->svc, &answer);
  self->pending_commits--;
  g_mutex_unlock (&self->lock);
  if (c->held != NULL && !c->held->gone)
    {
      answer_message (c->msg, &answer);
      unpause_cb (c->held);
    }
  else
    {
      g_string_free (answer.body, TRUE);
      g_ptr_array_unref (answer.headers);
    }
  return G_SOURCE_REMOVE;
}

static GHashTable *
copy_query (GHashTable *query)
{
  GHashTable *copy = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GHashTableIter it;
  gpointer k, v;

  if (query != NULL)
    {
      g_hash_table_iter_init (&it, query);
      while (g_hash_table_iter_next (&it, &k, &v))
        g_hash_table_insert (copy, g_strdup (k), g_strdup (v));
    }
  return copy;
}

/* The faults that decide before the dialect does: "late_commit" takes a write and commits it
 * later — with "late_commit_held", the request waits for it and is answered then (unless the
 * client gave up), else the connection is closed at once; "hang" answers nothing and does
 * nothing (the client's timeout ends it). Returns: TRUE when @msg is dealt with. */
static gboolean
delay_faults (McSimService      *svc,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query)
{
  McSim *self = svc->sim;
  gboolean late, held = FALSE, hang = FALSE;
  LateCommit *c;
  GSource *source;

  g_mutex_lock (&self->lock);
  late = svc->faults.late_commit > 0 && is_write (svc, msg, path);
  if (late)
    {
      svc->faults.late_commit--;
      self->pending_commits++;
      held = svc->faults.late_commit_held;
    }
  else if ((hang = svc->faults.hang > 0))
    svc->faults.hang--;
  if (late || hang)
    svc->n_requests++;
  g_mutex_unlock (&self->lock);
  if (!late && !hang)
    return FALSE;
  if (late)
    {
      c = g_new0 (LateCommit, 1);
      c->svc = svc;
      c->msg = g_object_ref (msg);
      c->path = g_strdup (path);
      c->query = copy_query (query);
      c->held = held ? paused_new (msg) : NULL;
      source = g_timeout_source_new (svc->faults.late_commit_ms);
      g_source_set_callback (source, late_commit_cb, c, late_commit_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
  if (hang)
    soup_server_message_pause (msg);  /* never resumed: the client's timeout ends it */
  else if (!held)
    {
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
    }
  return TRUE;
}

static void
service_handler (SoupServer        *server,
                 SoupServerMessage *msg,
                 const char        *path,
                 GHashTable        *query,
                 gpointer           user_data)
{
  McSimService *svc = user_data;
  McSim *self = svc->sim;
  McSimAnswer answer = { .status = 500, .content_type = "application/json; charset=utf-8" };
  gboolean cut = FALSE;
  guint latency;

  if (delay_faults (svc, msg, path, query))
    return;
  answer.body = g_string_new (NULL);
  answer.headers = g_ptr_array_new_with_free_func (g_free);

  g_mutex_lock (&self->lock);
  svc->n_requests++;
  if (svc->faults.rate_limit > 0)
    {
      g_autofree char *after = g_strdup_printf ("%u", svc->faults.retry_after);

      svc->faults.rate_limit--;
      mc_sim_answer_json (&answer, 429, "{\"error\":\"too_many_requests\",\"message\":\"Quá nhiều yêu cầu\"}");
      mc_sim_answer_header (&answer, "Retry-After", after);
    }
  else if (error_rate_for (svc, msg, path) > 0
           && (mc_sim_rng_next (&svc->rng) % 10000) < (guint64) (error_rate_for (svc, msg, path) * 10000))
    answer_error_for (svc, &answer);
  else
    {
      svc->klass->handle (svc, msg, path, query, &answer);
      mc_sim_remember (svc, &answer);
    }

  if (answer.is_pull && answer.corrupt != MC_SIM_CORRUPT_NONE)
    damage_body (&answer);
  if (answer.committed && svc->faults.reset_after_commit > 0)
    {
      svc->faults.reset_after_commit--;
      cut = TRUE;
    }
  latency = svc->faults.latency_ms;
  g_mutex_unlock (&self->lock);

  if (answer.longpoll)
    {
      g_string_free (answer.body, TRUE);
      g_ptr_array_unref (answer.headers);
      start_long_poll (svc, msg, query);
      return;
    }

  if (cut)
    {
      /* The action is applied; the client never hears so (a lost acknowledgement). */
      g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

      g_io_stream_close (stream, NULL, NULL);
      g_string_free (answer.body, TRUE);
      g_ptr_array_unref (answer.headers);
      return;
    }

  answer_message (msg, &answer);

  if (latency > 0)
    {
      GSource *source = g_timeout_source_new (latency);

      g_source_set_callback (source, unpause_cb, paused_new (msg), paused_free);
      g_source_attach (source, self->context);
      g_source_unref (source);
    }
}

static guint16
listening_port (SoupServer *server)
{
  GSList *uris = soup_server_get_uris (server);
  guint16 port = uris ? g_uri_get_port (uris->data) : 0;

  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return port;
}

static gboolean
service_listen (McSimService  *svc,
                guint16        port,
                GError       **error)
{
  if (!soup_server_listen_local (svc->server, port, SOUP_SERVER_LISTEN_IPV4_ONLY
                                 | (svc->sim->tls_certificate ? SOUP_SERVER_LISTEN_HTTPS : 0), error))
    return FALSE;
  svc->port = listening_port (svc->server);
  svc->listening = TRUE;
  return TRUE;
}

/* An outage is a closed port: connections are refused, as when a ministry system is down. */
void
mc_sim_set_outage (McSim        *self,
                   McSimDialect  dialect,
                   gboolean      outage)
{
  McSimService *svc = &self->services[dialect];
  g_autoptr(GError) error = NULL;

  svc->faults.outage = outage;
  if (svc->server == NULL || outage == !svc->listening)
    return;
  if (outage)
    {
      soup_server_disconnect (svc->server);
      svc->listening = FALSE;
    }
  else if (!service_listen (svc, svc->port, &error))
    g_warning ("Cannot listen again on port %u: %s", svc->port, error->message);
}

/* Every answer closes its connection. libsoup's server (3.2) never notices that a client
 * closed a kept-alive connection, and keeps the socket open (CLOSE-WAIT) for as long as it
 * runs: in training, every sandbox reset's old sync engine would leave its connections behind.
 * A real server closes idle connections itself; on loopback a new one per request costs
 * nothing that matters. */
static void
on_request_read (SoupServer        *server,
                 SoupServerMessage *msg)
{
  soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Connection", "close");
}

static SoupServer *
server_new (GTlsCertificate *certificate)
{
  SoupServer *server = soup_server_new ("server-header", "motcua-sim ", "tls-certificate", certificate, NULL);

  g_signal_connect (server, "request-read", G_CALLBACK (on_request_read), NULL);
  return server;
}

static gpointer
sim_thread (gpointer user_data)
{
  McSim *self = user_data;
  GError *error = NULL;

  /* Embedded, the simulator stands in for servers far away: it must not take a core from the
   * window of the same process. */
  mc_thread_set_priority (MC_THREAD_WORKER);
  g_main_context_push_thread_default (self->context);
  for (guint i = 0; i < MC_SIM_N_DIALECTS && error == NULL; i++)
    {
      McSimService *svc = &self->services[i];

      if (!(self->dialect_mask & (1u << i)))
        continue;
      svc->server = server_new (self->tls_certificate);
      soup_server_add_handler (svc->server, NULL, service_handler, svc, NULL);
      if (!service_listen (svc, self->first_port ? self->first_port + i : 0, &error))
        break;
      if (svc->faults.outage)
        {
          soup_server_disconnect (svc->server);
          svc->listening = FALSE;
        }
    }
  if (error == NULL)
    {
      self->admin = server_new (NULL);
      soup_server_add_handler (self->admin, "/admin", mc_sim_admin_handler, self, NULL);
      if (soup_server_listen_local (self->admin, self->first_port ? self->first_port + MC_SIM_N_DIALECTS : 0,
                                    SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
        self->admin_port = listening_port (self->admin);
    }
  if (error == NULL && self->activity_interval > 0)
    {
      self->activity_source = g_timeout_source_new_seconds (self->activity_interval);
      g_source_set_callback (self->activity_source, activity_cb, self, NULL);
      g_source_attach (self->activity_source, self->context);
    }

  g_mutex_lock (&self->lock);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (error == NULL)
    g_main_loop_run (self->loop);

  if (self->activity_source)
    {
      g_source_destroy (self->activity_source);
      g_clear_pointer (&self->activity_source, g_source_unref);
    }
  for (guint i = 0; i < MC_SIM_N_DIALECTS; i++)
    if (self->services[i].server)
      {
        soup_server_disconnect (self->services[i].server);
        g_clear_object (&self->services[i].server);
        self->services[i].listening = FALSE;
      }
  if (self->admin)
    {
      soup_server_disconnect (self->admin);
      g_clear_object (&self->admin);
    }
  /* Let the closed connections finish before the context goes. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

gboolean
mc_sim_start (McSim    *self,
              guint16   first_port,
              GError  **error)
{
  g_return_val_if_fail (MC_IS_SIM (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);

  self->first_port = first_port;
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->start_done = FALSE;
  self->thread = g_thread_new ("motcua-sim", sim_thread, self);

  g_mutex_lock (&self->lock);
  while (!self->start_done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  if (self->start_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&self->start_error));
      mc_sim_stop (self);
      return FALSE;
    }
  return TRUE;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

void
mc_sim_stop (McSim *self)
{
  g_return_if_fail (MC_IS_SIM (self));

  if (self->thread == NULL)
    return;
  g_main_context_invoke (self->context, quit_cb, self->loop);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->loop, g_main_loop_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
}

gboolean
mc_sim_is_serving (McSim        *self,
                   McSimDialect  dialect)
{
  return mc_sim_service (self, dialect) != NULL && self->services[dialect].listening;
}

char *
mc_sim_get_base_url (McSim        *self,
                     McSimDialect  dialect)
{
  g_return_val_if_fail (mc_sim_service (self, dialect) != NULL, NULL);
  return g_strdup_printf ("%s://127.0.0.1:%u", self->tls_certificate ? "https" : "http",
                          self->services[dialect].port);
}

char *
mc_sim_get_admin_url (McSim *self)
{
  return g_strdup_printf ("http://127.0.0.1:%u/admin", self->admin_port);
}

/* Controls run in the simulator's thread, like the admin endpoint, so that an outage can close
 * and reopen its listening socket where the socket lives. */
typedef struct
{
  McSim *self;
  const char *command;
  JsonObject *args;
  JsonNode *result;
  GError *error;
  gboolean done;
} Control;

static gboolean
control_cb (gpointer user_data)
{
  Control *c = user_data;

  c->result = mc_sim_admin_command (c->self, c->command, c->args, &c->error);
  g_mutex_lock (&c->self->lock);
  c->done = TRUE;
  g_cond_broadcast (&c->self->cond);
  g_mutex_unlock (&c->self->lock);
  return G_SOURCE_REMOVE;
}

JsonNode *
mc_sim_control (McSim       *self,
                const char  *command,
                const char  *args_json,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  Control c = { self, command };

  if (!json_parser_load_from_data (parser, args_json ? args_json : "{}", -1, error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "arguments must be a JSON object");
      return NULL;
    }
  c.args = json_node_get_object (json_parser_get_root (parser));
  if (self->thread == NULL || g_main_context_is_owner (self->context))
    return mc_sim_admin_command (self, command, c.args, error);

  g_main_context_invoke (self->context, control_cb, &c);
  g_mutex_lock (&self->lock);
  while (!c.done)
    g_cond_wait (&self->cond, &self->lock);
  g_mutex_unlock (&self->lock);
  if (c.error)
    g_propagate_error (error, c.error);
  return c.result;
}

