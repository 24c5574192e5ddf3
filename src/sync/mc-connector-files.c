/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-connector-private.h"

/* The files of a dossier, on the connector's side (shared/ministry-apis.md, "Files"): the
 * dialect-free part of uploads and downloads. */

void
mc_upload_result_clear (McUploadResult *result)
{
  g_clear_pointer (&result->remote_id, g_free);
  g_clear_pointer (&result->remote_path, g_free);
  g_clear_pointer (&result->server_version, g_free);
  g_clear_pointer (&result->version_before, g_free);
}

gboolean
mc_connector_upload (McConnector            *self,
                     const McUploadRequest  *request,
                     McUploadResult         *result,
                     GCancellable           *cancellable,
                     GError                **error)
{
  return MC_CONNECTOR_GET_IFACE (self)->upload (self, request, result, cancellable, error);
}

/* A hash as the lists give it ("sha256:…" or "md5:…") checked against @content. */
static gboolean
hash_matches (const char *hash,
              GBytes     *content)
{
  g_autofree char *actual = NULL;

  if (hash == NULL)
    return TRUE;
  if (g_str_has_prefix (hash, "sha256:"))
    actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  else if (g_str_has_prefix (hash, "md5:"))
    actual = g_compute_checksum_for_bytes (G_CHECKSUM_MD5, content);
  else
    return TRUE;
  return g_ascii_strcasecmp (strchr (hash, ':') + 1, actual) == 0;
}

GBytes *
mc_connector_download (McConnector   *self,
                       const McFile  *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  McConnectorBase *base = mc_connector_get_base (self);
  g_autoptr(GBytes) content = NULL;

  if (file->remote_path == NULL || *file->remote_path == '\0')
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_NOT_FOUND, _("the system gives no address for “%s”"),
                          file->name);
      return NULL;
    }
  if (!(content = MC_CONNECTOR_GET_IFACE (self)->download (self, file, cancellable, error)))
    return NULL;
  /* What the list said, and what came: a cut or a different file is never kept. */
  if ((file->size >= 0 && (gint64) g_bytes_get_size (content) != file->size) || !hash_matches (file->hash, content))
    {
      mc_connector_error (base, error, MC_SYNC_ERROR_MALFORMED,
                          _("“%s” came with %zu bytes that do not match the size or hash the system lists"),
                          file->name, g_bytes_get_size (content));
      return NULL;
    }
  return g_steal_pointer (&content);
}

/* The file a GET answered, once the dialect has judged the statuses it knows: the body of a
 * 200, else the system's refusal in {"error", @reason} (rest, feed). */
GBytes *
mc_connector_file_body (McConnectorBase  *base,
                        McHttpReply      *reply,
                        const char       *reason,
                        GError          **error)
{
  if (reply->status != 200)
    {
      mc_connector_json_refusal (base, error, MC_SYNC_ERROR_REJECTED, reply, reason);
      return NULL;
    }
  return g_bytes_ref (reply->body);
}

static gboolean
is_upload (const McFile *f,
           const char   *name,
           gint64        size,
           const char   *sha256)
{
  if (g_strcmp0 (f->name, name) != 0 || f->size != size)
    return FALSE;
  /* A hash the list gives must agree (feed's MD5 says nothing of a SHA-256). */
  return f->hash == NULL || !g_str_has_prefix (f->hash, "sha256:") || sha256 == NULL
         || g_ascii_strcasecmp (f->hash, sha256) == 0;
}

/* The file of @dossier's list that an upload of (@name, @size, @sha256) became: the dialects
 * list the name and size, some a hash too. */
const McFile *
mc_connector_find_upload (const McDossier *dossier,
                          const char      *name,
                          gint64           size,
                          const char      *sha256)
{
  for (guint i = 0; dossier && i < dossier->files->len; i++)
    if (is_upload (g_ptr_array_index (dossier->files, i), name, size, sha256))
      return g_ptr_array_index (dossier->files, i);
  return NULL;
}

/* How many times @dossier lists that upload (more than once: sent twice). */
guint
mc_connector_count_uploads (const McDossier *dossier,
                            const char      *name,
                            gint64           size,
                            const char      *sha256)
{
  guint n = 0;

  for (guint i = 0; dossier && i < dossier->files->len; i++)
    n += is_upload (g_ptr_array_index (dossier->files, i), name, size, sha256);
  return n;
}

/* A multipart/form-data body (lgsp, legacy): @fields (name, value, …, NULL) and the file
 * part. Returns the body, with its content type in *@out_type. */
GBytes *
mc_connector_multipart (const McUploadRequest  *request,
                        const char             *file_field,
                        char                  **out_type,
                        const char             *first_field,
                        ...)
{
  g_autoptr(SoupMultipart) multipart = soup_multipart_new ("multipart/form-data");
  g_autoptr(SoupMessageHeaders) headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_MULTIPART);
  GBytes *body = NULL;
  va_list ap;

  va_start (ap, first_field);
  for (const char *name = first_field; name != NULL; name = va_arg (ap, const char *))
    {
      const char *value = va_arg (ap, const char *);

      soup_multipart_append_form_string (multipart, name, value ? value : "");
    }
  va_end (ap);
  soup_multipart_append_form_file (multipart, file_field, request->name, request->content_type, request->content);
  soup_multipart_to_message (multipart, headers, &body);
  *out_type = g_strdup (soup_message_headers_get_one (headers, "Content-Type"));
  return body;
}
