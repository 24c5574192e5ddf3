/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connector-private.h"
#include "mc-json.h"

/* The one interface in front of the five ministry dialects, and what they share: the source,
 * the secrets, the HTTP session (reading their answers is mc-connector-parse.c). */

G_DEFINE_QUARK (mc-sync-error-quark, mc_sync_error)
G_DEFINE_INTERFACE (McConnector, mc_connector, G_TYPE_OBJECT)

static void
mc_connector_default_init (McConnectorInterface *iface)
{
}

McPullPage *
mc_pull_page_new (void)
{
  McPullPage *page = g_new0 (McPullPage, 1);

  page->dossiers = g_ptr_array_new_with_free_func ((GDestroyNotify) mc_dossier_unref);
  page->remote_ids = g_ptr_array_new_with_free_func (g_free);
  page->tombstones = g_ptr_array_new_with_free_func (g_free);
  page->total = -1;
  return page;
}

void
mc_pull_page_free (McPullPage *page)
{
  if (page == NULL)
    return;
  g_ptr_array_unref (page->dossiers);
  g_ptr_array_unref (page->remote_ids);
  g_ptr_array_unref (page->tombstones);
  g_free (page->cursor);
  g_free (page);
}

void
mc_push_result_clear (McPushResult *result)
{
  g_clear_pointer (&result->server_version, g_free);
  g_clear_pointer (&result->number, g_free);
  g_clear_pointer (&result->dossier, mc_dossier_unref);
  result->server_at = 0;
}

void
mc_connector_base_init (McConnectorBase *base,
                        const McSource  *source,
                        GHashTable      *secrets)
{
  GHashTableIter it;
  gpointer key, value;

  base->source = mc_source_copy (source);
  base->secrets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (secrets != NULL)
    {
      g_hash_table_iter_init (&it, secrets);
      while (g_hash_table_iter_next (&it, &key, &value))
        g_hash_table_insert (base->secrets, g_strdup (key), g_strdup (value));
    }
  base->http = mc_http_new (source->base_url, source->id);
  mc_http_set_pinned_certificate (base->http, source->pinned_certificate);
  base->page_size = 500;
}

static void
base_clear (McConnectorBase *base)
{
  g_clear_pointer (&base->source, mc_source_free);
  if (base->secrets != NULL)
    {
      /* Overwrite the secrets before the memory goes back to the allocator. */
      GHashTableIter it;
      gpointer value;

      g_hash_table_iter_init (&it, base->secrets);
      while (g_hash_table_iter_next (&it, NULL, &value))
        memset (value, 0, strlen (value));
      g_clear_pointer (&base->secrets, g_hash_table_unref);
    }
  g_clear_object (&base->http);
  g_clear_pointer (&base->session, g_free);
  g_clear_pointer (&base->refresh, g_free);
  g_clear_object (&base->keyring);
  g_clear_pointer (&base->walk_seen, g_hash_table_unref);
}

McConnectorBase *
mc_connector_get_base (McConnector *self)
{
  return MC_CONNECTOR_GET_IFACE (self)->get_base (self);
}

void
mc_connector_base_finalize (GObject *object)
{
  base_clear (mc_connector_get_base (MC_CONNECTOR (object)));
  G_OBJECT_CLASS (g_type_class_peek_parent (G_OBJECT_GET_CLASS (object)))->finalize (object);
}

const char *
mc_connector_secret (McConnectorBase *base,
                     const char      *name)
{
  const char *value = g_hash_table_lookup (base->secrets, name);

  return value ? value : "";
}

char *
mc_connector_restore_session (McConnectorBase *base,
                              McSecretKind     kind)
{
  g_autoptr(GError) error = NULL;
  char *value, *copy;

  if (base->keyring == NULL || (base->restored & (1u << kind)))
    return NULL;
  base->restored |= 1u << kind;
  value = mc_secrets_lookup_sync (base->keyring, base->source->id, kind, NULL, &error);
  if (error != NULL)
    g_debug ("%s", error->message);  /* no keyring: sign in as without one */
  copy = g_strdup (value);
  mc_secrets_free (value);
  return copy;
}

void
mc_connector_keep_session (McConnectorBase *base,
                           McSecretKind     kind,
                           const char      *value)
{
  g_autoptr(GError) error = NULL;

  if (base->keyring == NULL || value == NULL)
    return;
  base->restored |= 1u << kind;
  if (!mc_secrets_store_sync (base->keyring, base->source->id, kind, value, NULL, &error))
    g_debug ("%s", error->message);  /* the session still works; the next start signs in */
}

const char *
mc_connector_session (McConnector   *self,
                      McSecretKind   kind,
                      GCancellable  *cancellable,
                      GError       **error)
{
  McConnectorBase *base = mc_connector_get_base (self);

  if (base->session == NULL)
    base->session = mc_connector_restore_session (base, kind);
  if (base->session == NULL && !mc_connector_sign_in (self, cancellable, error))
    return NULL;
  return base->session;
}

McHttpReply *
mc_connector_send (McConnector          *self,
                   const McSessionRules *rules,
                   const char           *method,
                   const char           *path,
                   const char           *content_type,
                   const char           *body,
                   gssize                body_len,
                   const char * const   *headers,
                   GCancellable         *cancellable,
                   GError              **error)
{
  McConnectorBase *base = mc_connector_get_base (self);

  for (int attempt = 0; attempt < 2; attempt++)
    {
      const char *session = mc_connector_session (self, rules->kind, cancellable, error);
      g_autofree char *value = NULL;
      g_autoptr(GPtrArray) all = NULL;
      McHttpReply *reply;
      McSessionCheck check;

      if (session == NULL)
        return NULL;
      value = g_strconcat (rules->prefix, session, NULL);
      all = g_ptr_array_new ();
      g_ptr_array_add (all, (gpointer) rules->header);
      g_ptr_array_add (all, value);
      for (guint i = 0; headers && headers[i]; i++)
        g_ptr_array_add (all, (gpointer) headers[i]);
      g_ptr_array_add (all, NULL);
      reply = mc_http_send (base->http, method, path, content_type, body, body_len,
                            (const char * const *) all->pdata, cancellable, error);
      if (reply == NULL)
        return NULL;
      check = rules->check ? rules->check (base, reply, error)
        : reply->status == 401 ? MC_SESSION_EXPIRED : MC_SESSION_VALID;
      if (check == MC_SESSION_VALID)
        return reply;
      mc_http_reply_free (reply);
      if (check == MC_SESSION_FAILED)
        return NULL;
      g_clear_pointer (&base->session, g_free);
      if (attempt == 0 && rules->renew != NULL && !rules->renew (self, cancellable, error))
        return NULL;
    }
  mc_connector_error (base, error, MC_SYNC_ERROR_AUTH, _("the session is refused even after signing in again"));
  return NULL;
}

const McSource *
mc_connector_get_source (McConnector *self)
{
  return mc_connector_get_base (self)->source;
}

void
mc_connector_set_keyring (McConnector *self,
                          McSecrets   *keyring)
{
  g_set_object (&mc_connector_get_base (self)->keyring, keyring);
}

const char *
mc_connector_get_refused_certificate (McConnector *self)
{
  return mc_http_get_refused_certificate (mc_connector_get_base (self)->http);
}

void
mc_connector_set_page_size (McConnector *self,
                            guint        page_size)
{
  mc_connector_get_base (self)->page_size = CLAMP (page_size, 1, 1000);
}

void
mc_connector_set_timeout (McConnector *self,
                          guint        seconds)
{
  McConnectorBase *base = mc_connector_get_base (self);

  base->timeout = seconds;
  mc_http_set_timeout (base->http, seconds);
}

guint
mc_connector_get_retry_after (McConnector *self)
{
  return mc_connector_get_base (self)->retry_after;
}

guint64
mc_connector_get_n_requests (McConnector *self)
{
  return mc_http_get_n_requests (mc_connector_get_base (self)->http);
}

gboolean
mc_connector_sign_in (McConnector   *self,
                      GCancellable  *cancellable,
                      GError       **error)
{
  return MC_CONNECTOR_GET_IFACE (self)->sign_in (self, cancellable, error);
}

/* Returns: (transfer full): the page after @cursor (NULL: from the start). */
McPullPage *
mc_connector_pull (McConnector   *self,
                   const char    *cursor,
                   GCancellable  *cancellable,
                   GError       **error)
{
  const McPaging *paging = &MC_CONNECTOR_GET_IFACE (self)->paging;

  mc_connector_get_base (self)->retry_after = 0;
  if (paging->keyset != NULL)
    return mc_keyset_pull (self, cursor, paging->keyset, cancellable, error);
  if (paging->window != NULL)
    return mc_window_pull (self, cursor, paging->window, cancellable, error);
  return mc_cursor_pull (self, cursor, paging->cursor, paging->refuse, cancellable, error);
}

/* Parses a pull answer without HTTP: what the benchmark's raw limit measures. */
McPullPage *
mc_connector_parse_page (McConnector  *self,
                         const char   *cursor,
                         GBytes       *body,
                         GError      **error)
{
  return mc_parse_page (self, cursor, body, MC_CONNECTOR_GET_IFACE (self)->paging.read, error);
}

McDossier *
mc_connector_lookup (McConnector   *self,
                     const char    *number,
                     GCancellable  *cancellable,
                     GError       **error)
{
  return MC_CONNECTOR_GET_IFACE (self)->lookup (self, number, cancellable, error);
}

gboolean
mc_connector_push (McConnector          *self,
                   const McPushRequest  *request,
                   McPushResult         *result,
                   GCancellable         *cancellable,
                   GError              **error)
{
  return MC_CONNECTOR_GET_IFACE (self)->push (self, request, result, cancellable, error);
}

/* The two dialects without idempotency keys: a lost answer is settled by a look-up. */
gboolean
mc_connector_has_keys (McConnector *self)
{
  const char *dialect = mc_connector_get_base (self)->source->dialect;

  return !g_str_equal (dialect, "dvcqg") && !g_str_equal (dialect, "legacy");
}

/* legacy answers a missing dossier and a failure alike ({"status":"ERROR"}): a probe that
 * answers right after makes "missing" likely, never sure. */
gboolean
mc_connector_knows_missing (McConnector *self)
{
  return !g_str_equal (mc_connector_get_base (self)->source->dialect, "legacy");
}

/* Where the client numbers a new dossier (the key-less dialects), the number is made from the
 * action's key, so that sending it again names the same dossier and a look-up finds it:
 * "000.00.15.H38-260609-3F9A1C2B" (unit, day received, 8 hex digits of the key's hash). */
char *
mc_connector_client_number (McConnector          *self,
                            const McPushRequest  *request)
{
  McConnectorBase *base = mc_connector_get_base (self);
  g_autofree char *sum = NULL;
  g_autofree char *day = NULL;

  if (mc_connector_has_keys (self) || request->create == NULL)
    return NULL;
  sum = g_compute_checksum_for_string (G_CHECKSUM_SHA256, request->uuid, -1);
  day = mc_wire_time_format (MC_WIRE_TIME_DVCQG, request->create->received_at ? request->create->received_at
                                                                              : request->create->submitted_at);
  for (guint i = 0; i < 8; i++)
    sum[i] = g_ascii_toupper (sum[i]);
  return g_strdup_printf ("%s-%.6s-%.8s", base->source->unit_code, day + 2, sum);
}

McConnector *
mc_connector_dup (McConnector *self)
{
  McConnectorBase *base = mc_connector_get_base (self);
  McConnector *copy = mc_connector_new (base->source, base->secrets, NULL);

  if (copy != NULL)
    {
      mc_connector_get_base (copy)->page_size = base->page_size;
      if (base->timeout > 0)
        mc_connector_set_timeout (copy, base->timeout);
    }
  return copy;
}

/* Errors */

void
mc_connector_error (McConnectorBase  *base,
                    GError          **error,
                    McSyncError       code,
                    const char       *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, MC_SYNC_ERROR, code, message);
}

gboolean
mc_connector_check_status (McConnectorBase  *base,
                           McHttpReply      *reply,
                           GError          **error)
{
  if (reply->status == 429 || (reply->status == 503 && mc_http_retry_after (reply) > 0))
    {
      base->retry_after = MAX (mc_http_retry_after (reply), 1);
      mc_connector_error (base, error, MC_SYNC_ERROR_RATE_LIMITED,
                          _("the system is busy; retry in %u s"), base->retry_after);
      return FALSE;
    }
  if (reply->status >= 500)
    {
      g_debug ("%s: HTTP %u", base->source->id, reply->status);
      mc_connector_error (base, error, MC_SYNC_ERROR_SERVER,
                          _("the ministry's system is having a fault; it will be tried again later"));
      return FALSE;
    }
  if (reply->status == 404)
    {
      g_debug ("%s: HTTP 404", base->source->id);
      mc_connector_error (base, error, MC_SYNC_ERROR_NOT_FOUND, _("not found on the ministry's system"));
      return FALSE;
    }
  return TRUE;
}

void
mc_connector_refusal (McConnectorBase  *base,
                      GError          **error,
                      McSyncError       code,
                      guint             status,
                      const char       *answer_code,
                      const char       *reason)
{
  /* For whoever looks into it (G_MESSAGES_DEBUG); "HTTP 0": the caller has no reply at hand. */
  g_debug ("%s: HTTP %u, code %s: %s", base->source->id, status, answer_code ? answer_code : "none",
           reason ? reason : "");
  if (reason != NULL && *reason != '\0')
    mc_connector_error (base, error, code, _("the ministry's system answered: %s"), reason);
  else if (code == MC_SYNC_ERROR_CONFLICT)
    mc_connector_error (base, error, code, _("the dossier was changed on the ministry's system in the meantime"));
  else if (code == MC_SYNC_ERROR_REJECTED)
    mc_connector_error (base, error, code, _("the ministry's system refused the request"));
  else
    mc_connector_error (base, error, code, _("the ministry's system reported an error"));
}

/* A refusal whose body is {"error": a token for the log, @reason: the system's own words}
 * (rest's "message", feed's "reason"). */
void
mc_connector_json_refusal (McConnectorBase  *base,
                           GError          **error,
                           McSyncError       code,
                           McHttpReply      *reply,
                           const char       *reason)
{
  g_autoptr(McJsonDoc) json = mc_json_parse (g_bytes_get_data (reply->body, NULL), g_bytes_get_size (reply->body), NULL);
  const McJson *root = json ? mc_json_doc_root (json) : NULL;

  mc_connector_refusal (base, error, code, reply->status, mc_json_string (mc_json_member (root, "error")),
                        mc_json_string (mc_json_member (root, reason)));
}

/* The recognizable reference an action carries in its note, where the dialect has no key. */
char *
mc_connector_reference (const McPushRequest *request)
{
  return g_strdup_printf ("%s%s[ref:%s]", request->note ? request->note : "", request->note && *request->note ? " " : "",
                          request->uuid);
}

char *
mc_json_text (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);

  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

char *
mc_json_credentials (McConnectorBase *base)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "username");
  json_builder_add_string_value (b, base->source->account);
  json_builder_set_member_name (b, "password");
  json_builder_add_string_value (b, mc_connector_secret (base, "password"));
  json_builder_end_object (b);
  return mc_json_text (b);
}

void
mc_json_member_string (JsonBuilder *b,
                       const char  *name,
                       const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
mc_json_member_time (JsonBuilder *b,
                     const char  *name,
                     gint64       t,
                     McWireTime   format)
{
  g_autofree char *text = t ? mc_wire_time_format (format, t) : NULL;

  mc_json_member_string (b, name, text);
}

void
mc_json_member_int (JsonBuilder *b,
                    const char  *name,
                    gint64       value,
                    McJsonStyle  style)
{
  json_builder_set_member_name (b, name);
  if (style == MC_JSON_TEXT)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

      json_builder_add_string_value (b, text);
    }
  else
    json_builder_add_int_value (b, value);
}

void
mc_json_member_flag (JsonBuilder *b,
                     const char  *name,
                     gboolean     value,
                     McJsonStyle  style)
{
  json_builder_set_member_name (b, name);
  if (style == MC_JSON_TEXT)
    json_builder_add_string_value (b, value ? "True" : "False");
  else if (style == MC_JSON_FLAGS_01)
    json_builder_add_int_value (b, value ? 1 : 0);
  else
    json_builder_add_boolean_value (b, value);
}

void
mc_json_member_documents (JsonBuilder     *b,
                          const char      *member,
                          const McDossier *d,
                          const char      *name,
                          const char      *copy,
                          const char      *count,
                          McJsonStyle      style)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *x = g_ptr_array_index (d->documents, i);

      json_builder_begin_object (b);
      mc_json_member_string (b, name, x->name);
      mc_json_member_flag (b, copy, x->is_copy, style);
      mc_json_member_int (b, count, x->count, style);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

void
mc_json_member_fees (JsonBuilder     *b,
                     const char      *member,
                     const McDossier *d,
                     const char      *name,
                     const char      *amount,
                     const char      *paid,
                     McJsonStyle      style)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *x = g_ptr_array_index (d->fees, i);

      json_builder_begin_object (b);
      mc_json_member_string (b, name, x->name);
      mc_json_member_int (b, amount, x->amount_vnd, style);
      mc_json_member_flag (b, paid, x->paid, style);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

/* Whether @note carries "[ref:UUID]" or "[ref:UUID.N]". */
static gboolean
carries (const char *note,
         const char *uuid)
{
  gsize len = strlen (uuid);

  for (const char *p = note ? strstr (note, "[ref:") : NULL; p != NULL; p = strstr (p + 1, "[ref:"))
    {
      const char *k = p + strlen ("[ref:");

      if (strncmp (k, uuid, len) != 0)
        continue;
      k += len;
      if (*k == '.')
        for (k++; g_ascii_isdigit (*k); k++)
          ;
      if (*k == ']')
        return TRUE;
    }
  return FALSE;
}

/* A dialect keeps the text sent with an action in the step's note (ghiChu, GhiChu) or, the
 * portal, as its content (NoiDungXuLy): the reference is looked for in both. */
static gboolean
step_carries (const McStep *step,
              const char   *uuid)
{
  return carries (step->note, uuid) || carries (step->action, uuid);
}

guint
mc_connector_count_action (const McDossier *dossier,
                           const char      *uuid,
                           int             *out_first)
{
  guint n = 0;

  *out_first = -1;
  for (guint i = 0; i < dossier->history->len; i++)
    if (step_carries (g_ptr_array_index (dossier->history, i), uuid) && n++ == 0)
      *out_first = i;
  return n;
}

gboolean
mc_connector_step_is_own (const McDossier    *dossier,
                          guint               index,
                          const char * const *uuids)
{
  const McStep *step = g_ptr_array_index (dossier->history, index);

  for (guint k = 0; uuids && uuids[k]; k++)
    if (step_carries (step, uuids[k]))
      return TRUE;
  return FALSE;
}

/* The version of a dossier of a dialect that has none: the number of steps of its history (the
 * base check of an action found applied reads it: mc-sync-push.c) and a hash of everything it
 * shows (mc_dossier_fingerprint()), so that any change is a new version. */
void
mc_connector_history_version (McDossier *d)
{
  g_free (d->server_version);
  d->server_version = g_strdup_printf ("%u-%016" G_GINT64_MODIFIER "x", d->history->len, mc_dossier_fingerprint (d));
}

int
mc_connector_version_steps (const char *version)
{
  char *end = NULL;
  guint64 n;

  if (version == NULL || !g_ascii_isdigit (*version))
    return -1;
  n = g_ascii_strtoull (version, &end, 10);
  return end != NULL && *end == '-' && strlen (end) == 17 && n < G_MAXINT ? (int) n : -1;
}

gboolean
mc_connector_check_base (McConnector          *self,
                         const McPushRequest  *request,
                         GCancellable         *cancellable,
                         GError              **error)
{
  g_autoptr(McDossier) now = mc_connector_lookup (self, request->number, cancellable, error);

  if (now == NULL)
    return FALSE;
  if (g_strcmp0 (now->server_version, request->base_version) != 0)
    {
      /* The versions are the system's own tokens, for the log, not for the official. */
      g_debug ("%s: version %s, the action was decided on %s", request->number, now->server_version,
               request->base_version ? request->base_version : "none");
      mc_connector_error (mc_connector_get_base (self), error, MC_SYNC_ERROR_CONFLICT,
                          _("the dossier changed on the system after the action was decided"));
      return FALSE;
    }
  return TRUE;
}
