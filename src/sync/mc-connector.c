/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connector-private.h"
#include "mc-connectors.h"
#include "mc-json.h"

/* The one interface in front of the five ministry dialects, and what they share: the source,
 * the secrets, the HTTP session, strict JSON reading and keyset paging. */

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
  base->label = g_strdup_printf ("%s (%s)", source->name, source->id);
  base->http = mc_http_new (source->base_url, base->label);
  mc_http_set_pinned_certificate (base->http, source->pinned_certificate);
  base->page_size = 500;
}

void
mc_connector_base_clear (McConnectorBase *base)
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
  g_clear_object (&base->keyring);
  g_clear_pointer (&base->label, g_free);
}

McConnectorBase *
mc_connector_get_base (McConnector *self)
{
  return MC_CONNECTOR_GET_IFACE (self)->get_base (self);
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

McConnector *
mc_connector_new (const McSource  *source,
                  GHashTable      *secrets,
                  GError         **error)
{
  static const struct { const char *dialect; GType (*get_type) (void); } dialects[] = {
    { "dvcqg", mc_connector_dvcqg_get_type },
    { "lgsp", mc_connector_lgsp_get_type },
    { "rest", mc_connector_rest_get_type },
    { "feed", mc_connector_feed_get_type },
    { "legacy", mc_connector_legacy_get_type },
  };

  g_return_val_if_fail (source != NULL, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (dialects); i++)
    if (g_strcmp0 (source->dialect, dialects[i].dialect) == 0)
      {
        McConnector *self = g_object_new (dialects[i].get_type (), NULL);

        mc_connector_base_init (mc_connector_get_base (self), source, secrets);
        return self;
      }
  g_set_error (error, MC_SYNC_ERROR, MC_SYNC_ERROR_REJECTED, _("%s (%s): unknown dialect “%s”"),
               source->name, source->id, source->dialect);
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
  mc_connector_get_base (self)->retry_after = 0;
  return MC_CONNECTOR_GET_IFACE (self)->pull (self, cursor, cancellable, error);
}

/* Parses a pull answer without HTTP: what the benchmark's raw limit measures. */
McPullPage *
mc_connector_parse_page (McConnector  *self,
                         const char   *cursor,
                         GBytes       *body,
                         GError      **error)
{
  return MC_CONNECTOR_GET_IFACE (self)->parse_page (self, cursor, body, error);
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
    mc_connector_get_base (copy)->page_size = base->page_size;
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
  g_set_error (error, MC_SYNC_ERROR, code, "%s: %s", base->label, message);
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
      mc_connector_error (base, error, MC_SYNC_ERROR_SERVER, _("the system failed (HTTP %u)"), reply->status);
      return FALSE;
    }
  if (reply->status == 404)
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_NOT_FOUND, _("not found (HTTP 404)"));
      return FALSE;
    }
  return TRUE;
}

/* The recognizable reference an action carries in its note, where the dialect has no key. */
char *
mc_connector_reference (const McPushRequest *request)
{
  return g_strdup_printf ("%s%s[ref:%s]", request->note ? request->note : "", request->note && *request->note ? " " : "",
                          request->uuid);
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

static void
member_flag (JsonBuilder *b,
             const char  *name,
             gboolean     value,
             gboolean     numeric)
{
  json_builder_set_member_name (b, name);
  if (numeric)
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
                          gboolean         numeric)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < d->documents->len; i++)
    {
      McDocument *x = g_ptr_array_index (d->documents, i);

      json_builder_begin_object (b);
      mc_json_member_string (b, name, x->name);
      member_flag (b, copy, x->is_copy, numeric);
      json_builder_set_member_name (b, count);
      json_builder_add_int_value (b, x->count);
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
                     gboolean         numeric)
{
  json_builder_set_member_name (b, member);
  json_builder_begin_array (b);
  for (guint i = 0; i < d->fees->len; i++)
    {
      McFee *x = g_ptr_array_index (d->fees, i);

      json_builder_begin_object (b);
      mc_json_member_string (b, name, x->name);
      json_builder_set_member_name (b, amount);
      json_builder_add_int_value (b, x->amount_vnd);
      member_flag (b, paid, x->paid, numeric);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

int
mc_connector_find_action (const McDossier *dossier,
                          const char      *key)
{
  g_autofree char *reference = g_strdup_printf ("[ref:%s]", key);

  for (guint i = dossier->history->len; i-- > 0;)
    {
      McStep *step = g_ptr_array_index (dossier->history, i);

      if (step->note != NULL && strstr (step->note, reference) != NULL)
        return (int) i;
    }
  return -1;
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
      mc_connector_error (mc_connector_get_base (self), error, MC_SYNC_ERROR_CONFLICT,
                          _("the dossier changed on the system (version %s, the action was decided on %s)"),
                          now->server_version, request->base_version ? request->base_version : "?");
      return FALSE;
    }
  return TRUE;
}

void
mc_connector_confirm (McConnector          *self,
                      const McPushRequest  *request,
                      const char           *number,
                      McPushResult         *result,
                      GCancellable         *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(McDossier) now = mc_connector_lookup (self, number, cancellable, &error);
  int step;

  if (now == NULL)
    {
      g_debug ("%s", error->message);  /* applied all the same; the next pull brings the version */
      return;
    }
  step = mc_connector_find_action (now, request->uuid);
  if (step >= 0)
    result->server_at = ((McStep *) g_ptr_array_index (now->history, step))->at;
  if (request->create != NULL || (step >= 0 && (guint) step + 1 == now->history->len))
    {
      g_free (result->server_version);
      result->server_version = g_strdup (now->server_version);
    }
}

/* Parsing */

void
mc_parse_fail (McParse    *p,
               const char *format,
               ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (p->error != NULL)
    return;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  if (p->item >= 0)
    p->error = g_error_new (MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, _("%s: dossier %d of the page: %s"),
                            p->base->label, p->item + 1, message);
  else
    p->error = g_error_new (MC_SYNC_ERROR, MC_SYNC_ERROR_MALFORMED, "%s: %s", p->base->label, message);
}

gboolean
mc_parse_check (McParse  *p,
                GError  **error)
{
  if (p->error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&p->error));
  return FALSE;
}

/* The parser owns nothing here: the root is kept alive by *out_parser's stand-in, a parser
 * object whose only job is to hold it (so callers free one thing, as with json-glib's). */
JsonNode *
mc_parse_body (McParse     *p,
               GBytes      *body,
               JsonParser **out_parser)
{
  g_autoptr(GError) local = NULL;
  gsize len;
  const char *data = g_bytes_get_data (body, &len);
  JsonNode *root;

  if (len == 0)
    {
      mc_parse_fail (p, _("the answer is empty"));
      return NULL;
    }
  if (data[0] == '<' || (len > 15 && g_ascii_strncasecmp (data, "<!DOCTYPE", 9) == 0))
    {
      mc_parse_fail (p, _("the answer is a web page, not JSON"));
      return NULL;
    }
  if (!(root = mc_json_parse (data, len, &local)))
    {
      mc_parse_fail (p, _("the answer is not valid JSON, or was cut off (%s)"), local->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      json_node_unref (root);
      mc_parse_fail (p, _("the answer is not a JSON object"));
      return NULL;
    }
  *out_parser = json_parser_new ();
  g_object_set_data_full (G_OBJECT (*out_parser), "mc-root", root, (GDestroyNotify) json_node_unref);
  return root;
}

static JsonNode *
member (McParse    *p,
        JsonObject *o,
        const char *name,
        gboolean    required)
{
  JsonNode *node;

  if (p->error != NULL || o == NULL)
    return NULL;
  node = json_object_get_member (o, name);
  if ((node == NULL || JSON_NODE_HOLDS_NULL (node)) && required)
    mc_parse_fail (p, _("the field “%s” is missing"), name);
  return node && !JSON_NODE_HOLDS_NULL (node) ? node : NULL;
}

JsonObject *
mc_parse_object (McParse    *p,
                 JsonObject *o,
                 const char *name,
                 gboolean    required)
{
  JsonNode *node = member (p, o, name, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      mc_parse_fail (p, _("the field “%s” should be an object"), name);
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
mc_parse_array (McParse    *p,
                JsonObject *o,
                const char *name,
                gboolean    required)
{
  JsonNode *node = member (p, o, name, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mc_parse_fail (p, _("the field “%s” should be a list"), name);
      return NULL;
    }
  return json_node_get_array (node);
}

char *
mc_parse_string (McParse    *p,
                 JsonObject *o,
                 const char *name,
                 gboolean    required)
{
  JsonNode *node = member (p, o, name, required);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      mc_parse_fail (p, _("the field “%s” should be text"), name);
      return NULL;
    }
  if (required && *json_node_get_string (node) == '\0')
    {
      mc_parse_fail (p, _("the field “%s” is empty"), name);
      return NULL;
    }
  return g_strdup (json_node_get_string (node));
}

/* Numbers, and numbers written as text (the portal writes "2" for 2). */
gint64
mc_parse_int (McParse    *p,
              JsonObject *o,
              const char *name,
              gboolean    required,
              gint64      fallback)
{
  JsonNode *node = member (p, o, name, required);

  if (node == NULL)
    return fallback;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);
      char *end = NULL;
      gint64 v = g_ascii_strtoll (s, &end, 10);

      if (end != s && *end == '\0')
        return v;
    }
  mc_parse_fail (p, _("the field “%s” should be a whole number"), name);
  return fallback;
}

gboolean
mc_parse_bool (McParse    *p,
               JsonObject *o,
               const char *name)
{
  JsonNode *node = member (p, o, name, FALSE);

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node);
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node) != 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      const char *s = json_node_get_string (node);

      if (g_ascii_strcasecmp (s, "true") == 0 || g_str_equal (s, "1"))
        return TRUE;
      if (g_ascii_strcasecmp (s, "false") == 0 || g_str_equal (s, "0"))
        return FALSE;
    }
  mc_parse_fail (p, _("the field “%s” should be true or false"), name);
  return FALSE;
}

gint64
mc_parse_time (McParse    *p,
               JsonObject *o,
               const char *name,
               McWireTime  format,
               gboolean    required)
{
  JsonNode *node = member (p, o, name, required);
  gint64 t;

  if (node == NULL)
    return 0;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
      || !mc_wire_time_parse (format, json_node_get_string (node), &t))
    {
      g_autofree char *shown = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
        ? g_strdup (json_node_get_string (node)) : g_strdup ("?");

      mc_parse_fail (p, _("the date “%s” in “%s” cannot be read"), shown, name);
      return 0;
    }
  return t;
}

gint64
mc_parse_ms (McParse    *p,
             JsonObject *o,
             const char *name,
             gboolean    required)
{
  JsonNode *node = member (p, o, name, required);
  gint64 ms;

  if (node == NULL)
    return 0;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      mc_parse_fail (p, _("the date in “%s” should be milliseconds since 1970"), name);
      return 0;
    }
  ms = json_node_get_int (node);
  /* 1900–2999: anything else is a unit mix-up (seconds for milliseconds), not a date. */
  if (ms < G_GINT64_CONSTANT (-2208988800000) || ms > G_GINT64_CONSTANT (32503680000000))
    {
      mc_parse_fail (p, _("the date in “%s” is out of range"), name);
      return 0;
    }
  return ms / 1000;
}

/* Keyset */

void
mc_keyset_init (McKeyset   *k,
                const char *cursor)
{
  g_auto(GStrv) parts = cursor ? g_strsplit (cursor, "|", 3) : NULL;

  memset (k, 0, sizeof *k);
  if (parts && g_strv_length (parts) == 3)
    {
      k->time = g_ascii_strtoll (parts[0], NULL, 10);
      k->count = (guint) g_ascii_strtoull (parts[1], NULL, 10);
      k->number = g_strdup (parts[2]);
    }
  k->block_time = k->time;
  k->block = k->count;
}

void
mc_keyset_clear (McKeyset *k)
{
  g_clear_pointer (&k->number, g_free);
}

/* The page that holds the cursor's own item (the K-th of its second). */
guint
mc_keyset_page (McKeyset *k,
                guint     page_size)
{
  return k->number && k->count > 0 ? (k->count - 1) / page_size + 1 : 1;
}

/* TRUE when the item comes after the cursor: new, to be stored. */
gboolean
mc_keyset_take (McKeyset   *k,
                gint64      time,
                const char *number)
{
  if (k->number != NULL)
    {
      if (time == k->time && g_str_equal (number, k->number))
        k->anchor_seen = TRUE;
      if (time < k->time || (time == k->time && strcmp (number, k->number) <= 0))
        return FALSE;
    }
  if (time == k->block_time)
    k->block++;
  else
    {
      k->block_time = time;
      k->block = 1;
    }
  k->last_number = number;
  k->n_new++;
  return TRUE;
}

char *
mc_keyset_cursor (McKeyset   *k,
                  const char *old_cursor)
{
  if (k->n_new == 0)
    return g_strdup (old_cursor);
  return g_strdup_printf ("%" G_GINT64_FORMAT "|%u|%s", k->block_time, k->block, k->last_number);
}

McPullPage *
mc_keyset_pull (McConnector   *self,
                const char    *cursor,
                McKeysetFetch  fetch,
                GCancellable  *cancellable,
                GError       **error)
{
  McConnectorBase *base = mc_connector_get_base (self);
  guint64 before = mc_http_get_n_requests (base->http);
  McKeyset k;
  guint page_no;

  mc_keyset_init (&k, cursor);
  page_no = mc_keyset_page (&k, base->page_size);
  mc_keyset_clear (&k);
  for (guint n = 0; n < 1000; n++, page_no++)
    {
      McPullPage *page = fetch (self, cursor, page_no, cancellable, error);

      if (page == NULL)
        return NULL;
      if (cursor != NULL && page_no > 1 && n == 0 && !page->anchor_seen)
        {
          /* The list moved under the cursor (its item changed again): scan from the start. */
          mc_pull_page_free (page);
          page_no = 0;
          continue;
        }
      page->n_requests = mc_http_get_n_requests (base->http) - before;
      /* With the total, a page that ends exactly at the last item is known to be the last. */
      if (page->total >= 0)
        page->more = (gint64) (page_no - 1) * base->page_size + page->n_items < page->total;
      if (page->dossiers->len > 0 || page->tombstones->len > 0 || !page->more)
        return page;
      mc_pull_page_free (page);
    }
  mc_connector_error (base, error, MC_SYNC_ERROR_SERVER, _("the list does not advance"));
  return NULL;
}

static gint64
parse_child_time (McParse           *p,
                  JsonObject        *x,
                  const char        *name,
                  const McChildKeys *keys,
                  McWireTime         format)
{
  return keys->epoch_ms ? mc_parse_ms (p, x, name, FALSE) : mc_parse_time (p, x, name, format, FALSE);
}

/* Reads the documents, fees, supplements and results of @o into @d; stops at the first error,
 * which @p keeps. */
void
mc_parse_children (McParse           *p,
                   JsonObject        *o,
                   const McChildKeys *keys,
                   McWireTime         format,
                   McDossier         *d)
{
  JsonArray *list;

  list = mc_parse_array (p, o, keys->documents, FALSE);
  for (guint i = 0; list && p->error == NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *x = json_array_get_object_element (list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->document_name, TRUE);

      if (p->error == NULL)
        mc_dossier_add_document (d, name, mc_parse_bool (p, x, keys->document_copy),
                                 mc_parse_int (p, x, keys->document_count, FALSE, 1));
    }
  list = mc_parse_array (p, o, keys->fees, FALSE);
  for (guint i = 0; list && p->error == NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *x = json_array_get_object_element (list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->fee_name, TRUE);

      if (p->error == NULL)
        mc_dossier_add_fee (d, name, mc_parse_int (p, x, keys->fee_amount, FALSE, 0),
                            mc_parse_bool (p, x, keys->fee_paid));
    }
  list = mc_parse_array (p, o, keys->supplements, FALSE);
  for (guint i = 0; list && p->error == NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *x = json_array_get_object_element (list, i);
      g_autofree char *items = mc_parse_string (p, x, keys->supplement_items, TRUE);

      if (p->error == NULL)
        mc_dossier_add_supplement (d, parse_child_time (p, x, keys->supplement_requested, keys, format), items,
                                   parse_child_time (p, x, keys->supplement_received, keys, format));
    }
  list = mc_parse_array (p, o, keys->results, FALSE);
  for (guint i = 0; list && p->error == NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *x = json_array_get_object_element (list, i);
      g_autofree char *name = mc_parse_string (p, x, keys->result_name, TRUE);
      g_autofree char *number = mc_parse_string (p, x, keys->result_number, FALSE);

      if (p->error == NULL)
        mc_dossier_add_result (d, name, number, parse_child_time (p, x, keys->result_issued, keys, format));
    }
}

/* The page of a time-ordered dialect (lgsp, dvcqg, legacy): each item read with @item, those
 * the keyset already took on an earlier page skipped (the time filter is inclusive), then the
 * page closed: whether more may follow, the next cursor and how many items came. */
void
mc_keyset_fill_page (McParse     *p,
                     McKeyset    *k,
                     JsonArray   *items,
                     McParseItem  item,
                     guint        page_size,
                     const char  *cursor,
                     McPullPage  *page)
{
  guint n = items ? json_array_get_length (items) : 0;

  for (guint i = 0; p->error == NULL && i < n; i++)
    {
      JsonNode *node = json_array_get_element (items, i);
      McDossier *d;
      gint64 updated = 0;

      p->item = i;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          mc_parse_fail (p, _("not an object"));
          break;
        }
      if (!(d = item (p, json_node_get_object (node), &updated)))
        break;
      if (!mc_keyset_take (k, updated, d->number))
        {
          mc_dossier_unref (d);
          continue;
        }
      g_ptr_array_add (page->dossiers, d);
      g_ptr_array_add (page->remote_ids, NULL);
    }
  p->item = -1;
  page->more = n >= page_size;
  page->cursor = mc_keyset_cursor (k, cursor);
  page->anchor_seen = k->anchor_seen;
  page->n_items = n;
}
