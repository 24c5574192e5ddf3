/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mc-store-audit-private.h"
#include "mc-time.h"

/* The audit log's anchors and its CSV export. An anchor — the sealed head (how many entries,
 * the last MAC) at a time, with a MAC of its own — is kept where an edit of the database does
 * not reach: appended to a file beside the database, and written as the last line of every
 * CSV export. A database put back from an older copy, cut, emptied or rewritten no longer
 * matches them (mc_store_audit_check ()). */

#define ANCHOR_TAG "motcua-audit-anchor v1 "

char *
mc_store_audit_anchor_path (McStore *self)
{
  g_return_val_if_fail (MC_IS_STORE (self), NULL);
  return g_strconcat (self->real_path, ".anchors", NULL);
}

static void
anchor_free (gpointer data)
{
  McAuditAnchor *a = data;

  g_free (a->where);
  g_free (a);
}

/* Every anchor line of @path (an anchor file, or an exported CSV): none when it does not
 * exist. With @key, an anchor whose own MAC is wrong is an error. */
GPtrArray *
mc_audit_read_anchors (const char  *path,
                       GBytes      *key,
                       GError     **error)
{
  g_autoptr(GPtrArray) anchors = g_ptr_array_new_with_free_func (anchor_free);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) local = NULL;

  if (!g_file_get_contents (path, &text, NULL, &local))
    {
      if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&anchors);
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      const char *tag = strstr (lines[i], ANCHOR_TAG);
      g_auto(GStrv) fields = NULL;
      McAuditAnchor a = { 0 };
      char *end_at, *end_count;

      if (tag == NULL)
        continue;
      fields = g_strsplit (g_strstrip (lines[i] + (tag - lines[i]) + strlen (ANCHOR_TAG)), " ", -1);
      if (g_strv_length (fields) == 4)
        {
          a.at = g_ascii_strtoll (fields[0], &end_at, 10);
          a.count = g_ascii_strtoll (fields[1], &end_count, 10);
        }
      if (g_strv_length (fields) != 4 || *end_at || *end_count || a.count <= 0 || !mc_audit_hex_decode (fields[2], a.mac))
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                       _("%s, line %u: an audit anchor that cannot be read"), path, i + 1);
          return NULL;
        }
      if (key != NULL)
        {
          g_autofree char *expected = mc_audit_anchor_line (key, a.at, a.count, a.mac);

          if (!g_str_has_suffix (expected, fields[3]) || strlen (fields[3]) != 2 * MC_AUDIT_MAC_SIZE)
            {
              g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_CORRUPT,
                           _("%s, line %u: a forged audit anchor"), path, i + 1);
              return NULL;
            }
        }
      a.where = g_strdup_printf (_("%s, line %u"), path, i + 1);
      g_ptr_array_add (anchors, g_memdup2 (&a, sizeof a));
    }
  return g_steal_pointer (&anchors);
}

/* The anchor of the committed head, or NULL when nothing is sealed (or no key). */
static char *
current_anchor (McStore  *self,
                GError  **error)
{
  g_autoptr(GBytes) key = mc_store_audit_key (self);
  g_auto(McAuditHead) head = { 0 };

  if (key == NULL || !mc_store_audit_read_head (self, &head, error) || head.sealed == 0 || !head.has_last)
    return NULL;
  return mc_audit_anchor_line (key, mc_time_now (), head.sealed, head.last_mac);
}

static gboolean
append_anchor (McStore     *self,
               const char  *line,
               GError     **error)
{
  g_autofree char *path = mc_store_audit_anchor_path (self);
  g_autofree char *text = g_strconcat (line, "\n", NULL);
  struct stat st;
  int fd, saved;

  /* Never through a symbolic link, never into anything but a regular file. */
  fd = open (path, O_WRONLY | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0)
    goto fail;
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      errno = EINVAL;
      goto fail;
    }
  if (write (fd, text, strlen (text)) != (ssize_t) strlen (text) || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      errno = saved;
      goto fail;
    }
  close (fd);
  return TRUE;

fail:
  saved = errno;
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Cannot write the audit anchor %s: %s"),
               path, g_strerror (saved));
  return FALSE;
}

/* Writes an anchor of the committed head now (outside a transaction). Nothing to anchor (no
 * key, nothing sealed) is not an error. */
gboolean
mc_store_audit_write_anchor (McStore  *self,
                             GError  **error)
{
  GError *local = NULL;
  g_autofree char *line = NULL;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);
  g_return_val_if_fail (sqlite3_get_autocommit (self->db), FALSE);

  if (!(line = current_anchor (self, &local)))
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, local);
      return FALSE;
    }
  return append_anchor (self, line, error);
}

/* RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
static void
csv_field (GString    *out,
           const char *text,
           gboolean    last)
{
  if (text != NULL && strpbrk (text, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      for (const char *p = text; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else if (text != NULL)
    g_string_append (out, text);
  g_string_append (out, last ? "\r\n" : ",");
}

static gboolean
write_rows (McStore        *self,
            GOutputStream  *out,
            GError        **error)
{
  static const char *header[] = {
    "id", "at", "server_at", "actor", "dossier_id", "dossier_number", "action", "status_before",
    "status_after", "outcome", "detail", "mac",
  };
  sqlite3_stmt *stmt = mc_store_prepare (self, "SELECT " MC_AUDIT_COLUMNS ", mac FROM audit ORDER BY id", error);
  g_autoptr(GString) buf = g_string_new (NULL);
  int rc;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    csv_field (buf, header[i], i + 1 == G_N_ELEMENTS (header));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (int col = 0; col < (int) G_N_ELEMENTS (header); col++)
        {
          g_autofree char *time = NULL;

          if ((col == 1 || col == 2) && sqlite3_column_type (stmt, col) == SQLITE_INTEGER)
            time = mc_time_format_iso (sqlite3_column_int64 (stmt, col));
          csv_field (buf, time ? time : (const char *) sqlite3_column_text (stmt, col),
                     col + 1 == G_N_ELEMENTS (header));
        }
      if (buf->len >= 65536)
        {
          if (!g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error))
            {
              sqlite3_reset (stmt);
              return FALSE;
            }
          g_string_truncate (buf, 0);
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      mc_store_set_error (self, error, N_("reading the audit log"));
      return FALSE;
    }
  return g_output_stream_write_all (out, buf->str, buf->len, NULL, NULL, error);
}

/* The whole audit log as CSV, oldest first, times in Vietnam time, and — when the key is at
 * hand and entries are sealed — a last line with the anchor of what was exported, which is
 * also added to the anchor file. Rows and anchor are read in one transaction, so that they
 * agree. Written in chunks: the log of a busy office grows large. */
gboolean
mc_store_audit_export_csv (McStore        *self,
                           GOutputStream  *out,
                           GError        **error)
{
  g_autofree char *anchor = NULL;
  GError *local = NULL;
  gboolean ok;

  g_return_val_if_fail (MC_IS_STORE (self), FALSE);

  if (!mc_store_begin_read (self, error))
    return FALSE;
  ok = write_rows (self, out, error) && ((anchor = current_anchor (self, &local)) || local == NULL);
  if (local != NULL)
    g_propagate_error (error, local);
  mc_store_rollback (self);
  if (!ok)
    return FALSE;
  if (anchor != NULL)
    {
      g_autofree char *line = g_strconcat (anchor, "\r\n", NULL);
      g_autoptr(GError) ignored = NULL;

      if (!g_output_stream_write_all (out, line, strlen (line), NULL, NULL, error))
        return FALSE;
      /* The export is what the official asked for; the file beside the database is extra. */
      if (!append_anchor (self, anchor, &ignored))
        g_debug ("%s", ignored->message);
    }
  return g_output_stream_flush (out, NULL, error);
}
