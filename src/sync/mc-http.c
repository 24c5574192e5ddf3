/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-http.h"
#include "mc-sync-error.h"
#include "mc-time.h"

/* The HTTP side of a connector: one SoupSession per ministry system, used with the blocking
 * API from the sync engine's worker threads (libsoup ≥ 3.2 allows sending from any thread).
 * It turns transport failures into the sync error codes that decide what the engine does. */

struct _McHttp
{
  GObject parent_instance;

  SoupSession *session;
  char *base_url;
  char *label;
  gsize max_body;
  gint n_requests;  /* atomic */
  char *pin;        /* normalized fingerprint, or NULL */
  GMutex lock;      /* guards refused: requests may come from several threads */
  char *refused;
  gint no_redirect; /* atomic: see mc_http_set_follow_redirects () */
};

G_DEFINE_FINAL_TYPE (McHttp, mc_http, G_TYPE_OBJECT)

void
mc_http_reply_free (McHttpReply *reply)
{
  if (reply == NULL)
    return;
  g_clear_pointer (&reply->headers, soup_message_headers_unref);
  g_clear_pointer (&reply->body, g_bytes_unref);
  g_free (reply);
}

static void
mc_http_finalize (GObject *object)
{
  McHttp *self = MC_HTTP (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->label);
  g_free (self->pin);
  g_free (self->refused);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (mc_http_parent_class)->finalize (object);
}

static void
mc_http_class_init (McHttpClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mc_http_finalize;
}

static void
mc_http_init (McHttp *self)
{
  self->max_body = MC_HTTP_DEFAULT_MAX_BODY;
  g_mutex_init (&self->lock);
}

/* @label names the source in the debug log ("g09"); never in a message, which the official reads
 * under the ministry's name. */
McHttp *
mc_http_new (const char *base_url,
             const char *label)
{
  McHttp *self = g_object_new (MC_TYPE_HTTP, NULL);

  self->base_url = g_strdup (base_url);
  while (g_str_has_suffix (self->base_url, "/"))
    self->base_url[strlen (self->base_url) - 1] = '\0';
  self->label = g_strdup (label);
  /* Sessions are configured here, before any request, as libsoup requires. */
  self->session = soup_session_new_with_options ("timeout", 60, "idle-timeout", 60,
                                                 "user-agent", "MotCua/" PACKAGE_VERSION, NULL);
  return self;
}

/* Whether a 3xx is followed (the default) or answered as it is: a login that answers 302 sets
 * its cookie on that answer, which the session (it keeps no cookies) would lose by following. */
void
mc_http_set_follow_redirects (McHttp   *self,
                              gboolean  follow)
{
  g_atomic_int_set (&self->no_redirect, !follow);
}

void
mc_http_set_max_body (McHttp *self,
                      gsize   max_body)
{
  self->max_body = max_body;
}

const char *
mc_http_get_label (McHttp *self)
{
  return self->label;
}

guint64
mc_http_get_n_requests (McHttp *self)
{
  return (guint64) g_atomic_int_get (&self->n_requests);
}

/* "AB:CD:…": the SHA-256 of the certificate's DER form, as browsers and openssl show it. */
char *
mc_http_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  GString *out = g_string_sized_new (96);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der != NULL)
    g_checksum_update (sum, der->data, der->len);
  g_checksum_get_digest (sum, digest, &len);
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, "%s%02X", i ? ":" : "", digest[i]);
  return g_string_free (out, FALSE);
}

/* Accepts the fingerprint as the official may paste it: with or without colons or spaces,
 * either case, after "SHA256 Fingerprint=". NULL unless it is 64 hex digits. */
char *
mc_http_normalize_fingerprint (const char *text)
{
  g_autoptr(GString) hex = g_string_new (NULL);
  GString *out;
  const char *p;

  if (text == NULL)
    return NULL;
  p = strchr (text, '=') ? strchr (text, '=') + 1 : text;
  for (; *p; p++)
    {
      if (g_ascii_isxdigit (*p))
        g_string_append_c (hex, g_ascii_toupper (*p));
      else if (*p != ':' && *p != ' ' && *p != '\t')
        return NULL;
    }
  if (hex->len != 64)
    return NULL;
  out = g_string_sized_new (96);
  for (gsize i = 0; i < hex->len; i += 2)
    g_string_append_printf (out, "%s%c%c", i ? ":" : "", hex->str[i], hex->str[i + 1]);
  return g_string_free (out, FALSE);
}

void
mc_http_set_pinned_certificate (McHttp     *self,
                                const char *fingerprint)
{
  g_free (self->pin);
  self->pin = mc_http_normalize_fingerprint (fingerprint);
}

const char *
mc_http_get_refused_certificate (McHttp *self)
{
  return self->refused;
}

typedef struct
{
  McHttp *http;
  char *seen;       /* the fingerprint of an unacceptable certificate */
} TlsCheck;

/* Emitted only for a certificate the trust store refused: exactly the pinned one passes. */
static gboolean
accept_certificate (SoupMessage          *msg,
                    GTlsCertificate      *certificate,
                    GTlsCertificateFlags  errors,
                    TlsCheck             *check)
{
  g_free (check->seen);
  check->seen = mc_http_certificate_fingerprint (certificate);
  return check->http->pin != NULL && g_str_equal (check->http->pin, check->seen);
}

/* A failure that says the request never reached the server. A timeout says so only before the
 * request was written (connecting): after, the server may have it and answer too late, or
 * commit it and never answer. */
static gboolean
is_unreachable (const GError *error,
                gboolean      written)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED)
    || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_UNREACHABLE)
    || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NETWORK_UNREACHABLE)
    || (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT) && !written)
    || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_HOST_NOT_FOUND)
    || error->domain == G_RESOLVER_ERROR;
}

static void
wrote_headers (SoupMessage *msg,
               gboolean    *written)
{
  *written = TRUE;
}

void
mc_http_set_timeout (McHttp *self,
                     guint   seconds)
{
  soup_session_set_timeout (self->session, seconds);
}

/* Reads the body whole, refusing more than max_body: a broken or hostile server must not make
 * the application allocate without bound. */
static GBytes *
read_body (McHttp        *self,
           SoupMessage   *msg,
           GInputStream  *stream,
           GCancellable  *cancellable,
           GError       **error)
{
  goffset declared = soup_message_headers_get_content_length (soup_message_get_response_headers (msg));
  g_autoptr(GByteArray) data = g_byte_array_sized_new (declared > 0 && (gsize) declared <= self->max_body
                                                       ? (guint) declared : 65536);
  g_autoptr(GError) local = NULL;
  guint8 chunk[65536];
  gssize n;

  if (declared > 0 && (gsize) declared > self->max_body)
    {
      g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED,
                   _("the answer is too big (%lld bytes, at most %lu)"),
                   (long long) declared, (gulong) self->max_body);
      return NULL;
    }
  while ((n = g_input_stream_read (stream, chunk, sizeof chunk, cancellable, &local)) > 0)
    {
      if (data->len + (gsize) n > self->max_body)
        {
          g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED,
                       _("the answer is too big (more than %lu bytes)"),
                       (gulong) self->max_body);
          return NULL;
        }
      g_byte_array_append (data, chunk, n);
    }
  if (n < 0)
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        {
          g_debug ("%s: the answer was cut off: %s", self->label, local->message);
          g_set_error_literal (error, MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, _("the answer was cut off"));
        }
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static int
port_of (GUri *uri)
{
  int port = g_uri_get_port (uri);

  return port > 0 ? port : g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0 ? 443 : 80;
}

/* base_url + @path. A system may give a file's address whole ("Download GET {DuongDan}"):
 * taken as it is, but on the system's own server only, since the request carries the session. */
static char *
request_url (McHttp      *self,
             const char  *path,
             GError     **error)
{
  g_autoptr(GUri) base = NULL, uri = NULL;

  if (!g_str_has_prefix (path, "http://") && !g_str_has_prefix (path, "https://"))
    return g_strconcat (self->base_url, *path == '/' ? "" : "/", path, NULL);
  base = g_uri_parse (self->base_url, G_URI_FLAGS_NONE, NULL);
  uri = g_uri_parse (path, G_URI_FLAGS_NONE, NULL);
  if (base != NULL && uri != NULL && g_uri_get_host (uri) != NULL
      && g_ascii_strcasecmp (g_uri_get_scheme (base), g_uri_get_scheme (uri)) == 0
      && g_ascii_strcasecmp (g_uri_get_host (base), g_uri_get_host (uri)) == 0
      && port_of (base) == port_of (uri))
    return g_strdup (path);
  g_debug ("%s: %s is not on %s", self->label, path, self->base_url);
  g_set_error_literal (error, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED,
                       _("the ministry's system gave an address on another server; it was not opened"));
  return NULL;
}

/* Sends one request to base_url + @path (request_url()). @headers: name, value, …, NULL. An
 * HTTP error status is not a GError: the connector reads the dialect's error body. */
McHttpReply *
mc_http_send (McHttp              *self,
              const char          *method,
              const char          *path,
              const char          *content_type,
              const char          *body,
              gssize               body_len,
              const char * const  *headers,
              GCancellable        *cancellable,
              GError             **error)
{
  g_autofree char *url = request_url (self, path, error);
  g_autoptr(SoupMessage) msg = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local = NULL;
  TlsCheck check = { self, NULL };
  g_autofree char *seen = NULL;
  gboolean written = FALSE;
  McHttpReply *reply;
  GBytes *bytes;

  if (url == NULL)
    return NULL;
  if (!(msg = soup_message_new (method, url)))
    {
      g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_OFFLINE, _("the address “%s” is not valid"), url);
      return NULL;
    }
  for (guint i = 0; headers && headers[i] && headers[i + 1]; i += 2)
    soup_message_headers_replace (soup_message_get_request_headers (msg), headers[i], headers[i + 1]);
  if (body != NULL)
    {
      g_autoptr(GBytes) request = g_bytes_new (body, body_len < 0 ? strlen (body) : (gsize) body_len);

      soup_message_set_request_body_from_bytes (msg, content_type, request);
    }
  g_atomic_int_inc (&self->n_requests);
  if (g_atomic_int_get (&self->no_redirect))
    soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_certificate), &check);
  g_signal_connect (msg, "wrote-headers", G_CALLBACK (wrote_headers), &written);
  stream = soup_session_send (self->session, msg, cancellable, &local);
  g_signal_handlers_disconnect_by_func (msg, accept_certificate, &check);
  g_signal_handlers_disconnect_by_func (msg, wrote_headers, &written);
  seen = g_steal_pointer (&check.seen);
  if (stream == NULL)
    {
      /* The system library's words (English, and about sockets) go to the log; the official
       * reads what happened in plain words. */
      g_debug ("%s: %s %s: %s", self->label, method, path, local->message);
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else if (local->domain == G_TLS_ERROR || seen != NULL)
        {
          g_mutex_lock (&self->lock);
          g_free (self->refused);
          self->refused = g_strdup (seen);
          g_mutex_unlock (&self->lock);
          if (seen != NULL)
            g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_CERTIFICATE,
                         _("the TLS certificate of the server is not trusted (SHA-256 fingerprint %s)"), seen);
          else
            g_set_error_literal (error, MC_SYNC_ERROR, MC_SYNC_ERROR_CERTIFICATE, _("the secure (TLS) connection failed"));
          return NULL;
        }
      else if (is_unreachable (local, written))
        g_set_error_literal (error, MC_SYNC_ERROR, MC_SYNC_ERROR_OFFLINE, _("cannot be reached"));
      else
        g_set_error_literal (error, MC_SYNC_ERROR, MC_SYNC_ERROR_NO_ANSWER, _("the connection broke before an answer"));
      return NULL;
    }
  bytes = read_body (self, msg, stream, cancellable, error);
  g_input_stream_close (stream, NULL, NULL);
  if (bytes == NULL)
    return NULL;

  reply = g_new0 (McHttpReply, 1);
  reply->status = soup_message_get_status (msg);
  reply->headers = soup_message_headers_ref (soup_message_get_response_headers (msg));
  reply->body = bytes;
  return reply;
}

/* Retry-After in seconds (delta-seconds or an HTTP date); 0 when absent. */
guint
mc_http_retry_after (McHttpReply *reply)
{
  const char *value = soup_message_headers_get_one (reply->headers, "Retry-After");
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return 0;
  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (guint) MIN (seconds, 3600);
  {
    g_autoptr(GDateTime) when = soup_date_time_new_from_http_string (value);
    g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

    if (when == NULL)
      return 0;
    return (guint) CLAMP (g_date_time_difference (when, now) / G_USEC_PER_SEC, 1, 3600);
  }
}
