/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-sim-private.h"

/* The files of the simulated systems (shared/ministry-apis.md, "Files"): what the sample's
 * dossiers list gets a content (a small one-page PDF made from the dossier's number and the
 * file's name, so that its size and hash are true), and every upload is kept, counted by its
 * key and journalled like a change. */

/* A PDF with one page saying which dossier and file it stands for: valid enough for any
 * reader (the cross-reference offsets are exact). */
GBytes *
mc_sim_sample_content (const char *number,
                       const char *name)
{
  g_autoptr(GString) pdf = g_string_new ("%PDF-1.4\n");
  g_autofree char *text = g_strdup_printf ("BT /F1 14 Tf 72 760 Td (Ho so %s - %s) Tj ET", number, name);
  const char *objects[5];
  gsize offsets[5];
  g_autofree char *page = NULL;
  g_autofree char *stream = NULL;
  gsize xref;

  /* Text outside printable ASCII (Vietnamese names) would need a font encoding: keep ASCII. */
  for (char *c = text; *c; c++)
    if (*c < 0x20 || *c > 0x7e || *c == '(' || *c == ')' || *c == '\\')
      *c = '_';
  page = g_strdup ("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
                   " /Resources << /Font << /F1 5 0 R >> >> >>");
  stream = g_strdup_printf ("<< /Length %zu >>\nstream\n%s\nendstream", strlen (text), text);
  objects[0] = "<< /Type /Catalog /Pages 2 0 R >>";
  objects[1] = "<< /Type /Pages /Kids [3 0 R] /Count 1 >>";
  objects[2] = page;
  objects[3] = stream;
  objects[4] = "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>";
  for (guint i = 0; i < 5; i++)
    {
      offsets[i] = pdf->len;
      g_string_append_printf (pdf, "%u 0 obj\n%s\nendobj\n", i + 1, objects[i]);
    }
  xref = pdf->len;
  g_string_append (pdf, "xref\n0 6\n0000000000 65535 f \n");
  for (guint i = 0; i < 5; i++)
    g_string_append_printf (pdf, "%010zu 00000 n \n", offsets[i]);
  g_string_append_printf (pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
  return g_string_free_to_bytes (g_steal_pointer (&pdf));
}

static char *
sha256_of (GBytes *content)
{
  g_autofree char *hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);

  return g_strconcat ("sha256:", hex, NULL);
}

/* The sample's files get true sizes and hashes (at start-up, for every record). */
void
mc_sim_sample_files (McDossier *d)
{
  for (guint i = 0; i < d->files->len; i++)
    {
      McFile *f = g_ptr_array_index (d->files, i);
      g_autoptr(GBytes) content = mc_sim_sample_content (d->number, f->name);

      f->size = g_bytes_get_size (content);
      g_free (f->hash);
      f->hash = sha256_of (content);
      if (f->remote_id == NULL)
        f->remote_id = g_strdup_printf ("F-%s-%u", d->number, i + 1);
    }
}

gsize
mc_sim_file_limit (McSimService *svc)
{
  return svc->dialect == MC_SIM_DVCQG ? 5 * 1024 * 1024 : 10 * 1024 * 1024;
}

/* The last file of @rec with that id (when @remote_id is given) or name. */
McFile *
mc_sim_find_file (McSimRecord *rec,
                  const char  *remote_id,
                  const char  *name)
{
  GPtrArray *files = rec->dossier->files;

  for (guint i = files->len; i > 0; i--)
    {
      McFile *f = g_ptr_array_index (files, i - 1);

      if (remote_id ? g_strcmp0 (f->remote_id, remote_id) == 0 : g_strcmp0 (f->name, name) == 0)
        return f;
    }
  return NULL;
}

GBytes *
mc_sim_file_content (McSimService *svc,
                     McSimRecord  *rec,
                     const McFile *file)
{
  GBytes *kept = g_hash_table_lookup (svc->contents, file->remote_id);

  return kept ? g_bytes_ref (kept) : mc_sim_sample_content (rec->dossier->number, file->name);
}

/* An upload stored: a new snapshot of the dossier with the file (replacing one of the same
 * name where @replace: feed's PUT), its content kept, the change journalled, and the upload
 * counted under @key. @note (legacy's ghiChu) becomes a step of the history. */
McFile *
mc_sim_add_file (McSimService *svc,
                 McSimRecord  *rec,
                 McFileKind    kind,
                 const char   *name,
                 const char   *component,
                 GBytes       *content,
                 gboolean      replace,
                 const char   *actor,
                 const char   *note,
                 const char   *key)
{
  McDossier *d = mc_sim_dossier_copy (rec->dossier);
  gint64 now = mc_sim_now (svc->sim);
  McFile *old = NULL;
  McFile *f;

  for (guint i = 0; replace && i < d->files->len; i++)
    if (g_strcmp0 (((McFile *) g_ptr_array_index (d->files, i))->name, name) == 0)
      old = g_ptr_array_index (d->files, i);
  if (old != NULL)
    g_ptr_array_remove (d->files, old);
  f = mc_dossier_add_file (d, MC_FILE_REMOTE, kind, name, component, g_bytes_get_size (content));
  f->hash = sha256_of (content);
  f->remote_id = g_strdup_printf ("U%" G_GUINT64_FORMAT, ++svc->uploads);
  d->files_known = TRUE;
  g_hash_table_replace (svc->contents, g_strdup (f->remote_id), g_bytes_ref (content));
  if (note != NULL)
    mc_dossier_add_step (d, now, actor ?: MC_SIM_DEFAULT_ACTOR, "Bộ phận Một cửa", "Đính kèm tài liệu", d->status,
                         note);
  mc_sim_record_replace (svc, rec, d, now, key);
  if (!svc->sim->replaying)
    {
      g_autoptr(JsonObject) event = mc_sim_service_event (svc, "upload", d->number);
      g_autofree char *data = g_base64_encode (g_bytes_get_data (content, NULL), g_bytes_get_size (content));

      json_object_set_string_member (event, "name", name);
      json_object_set_int_member (event, "kind", kind);
      json_object_set_boolean_member (event, "replace", replace);
      if (component)
        json_object_set_string_member (event, "component", component);
      if (actor)
        json_object_set_string_member (event, "actor", actor);
      if (note)
        json_object_set_string_member (event, "note", note);
      if (key)
        json_object_set_string_member (event, "key", key);
      json_object_set_string_member (event, "content", data);
      mc_sim_record_event (svc->sim, event);
    }
  return f;
}

void
mc_sim_replay_upload (McSimService *svc,
                      McSimRecord  *rec,
                      JsonObject   *e)
{
  gsize len = 0;
  guchar *data = g_base64_decode (mc_sim_object_string (e, "content") ?: "", &len);
  g_autoptr(GBytes) content = g_bytes_new_take (data, len);

  mc_sim_add_file (svc, rec, mc_sim_object_int (e, "kind", 0) == MC_FILE_RESULT ? MC_FILE_RESULT : MC_FILE_COMPONENT,
                   mc_sim_object_string (e, "name") ?: "", mc_sim_object_string (e, "component"), content,
                   json_object_get_boolean_member_with_default (e, "replace", FALSE),
                   mc_sim_object_string (e, "actor"), mc_sim_object_string (e, "note"),
                   mc_sim_object_string (e, "key"));
}

/* A multipart/form-data upload (lgsp, legacy): its fields, and the one file part. */
GHashTable *
mc_sim_read_multipart (SoupServerMessage  *msg,
                       char              **out_filename,
                       GBytes            **out_content)
{
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autoptr(SoupMultipart) multipart = soup_multipart_new_from_message (soup_server_message_get_request_headers (msg),
                                                                         body);
  GHashTable *fields;

  *out_filename = NULL;
  *out_content = NULL;
  if (multipart == NULL)
    return NULL;
  fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (int i = 0; i < soup_multipart_get_length (multipart); i++)
    {
      SoupMessageHeaders *headers;
      GBytes *part;
      g_autoptr(GHashTable) params = NULL;
      const char *name, *filename;

      if (!soup_multipart_get_part (multipart, i, &headers, &part)
          || !soup_message_headers_get_content_disposition (headers, NULL, &params))
        continue;
      name = g_hash_table_lookup (params, "name");
      filename = g_hash_table_lookup (params, "filename");
      if (filename != NULL && *out_content == NULL)
        {
          *out_filename = g_strdup (filename);
          *out_content = g_bytes_ref (part);
        }
      else if (name != NULL)
        g_hash_table_replace (fields, g_strdup (name), g_strndup (g_bytes_get_data (part, NULL), g_bytes_get_size (part)));
    }
  return fields;
}

/* The content of @rec's file with that id (when @remote_id is given) or name as the answer,
 * in the dialects that serve files by GET; FALSE, answering nothing, when it has none. */
gboolean
mc_sim_answer_file (McSimService *svc,
                    McSimRecord  *rec,
                    const char   *remote_id,
                    const char   *name,
                    McSimAnswer  *answer)
{
  McFile *file = rec ? mc_sim_find_file (rec, remote_id, name) : NULL;
  g_autoptr(GBytes) content = NULL;

  if (file == NULL)
    return FALSE;
  content = mc_sim_file_content (svc, rec, file);
  answer->status = 200;
  answer->content_type = g_str_has_suffix (file->name, ".pdf") ? "application/pdf" : "application/octet-stream";
  g_string_truncate (answer->body, 0);
  g_string_append_len (answer->body, g_bytes_get_data (content, NULL), g_bytes_get_size (content));
  return TRUE;
}

guint
mc_sim_count_files (McSim        *self,
                    McSimDialect  dialect,
                    const char   *number,
                    const char   *name)
{
  McSimService *svc;
  McSimRecord *rec;
  guint n = 0;

  g_mutex_lock (&self->lock);
  if ((svc = mc_sim_service (self, dialect)) && (rec = mc_sim_service_lookup (svc, number)))
    for (guint i = 0; i < rec->dossier->files->len; i++)
      n += g_strcmp0 (((McFile *) g_ptr_array_index (rec->dossier->files, i))->name, name) == 0;
  g_mutex_unlock (&self->lock);
  return n;
}
