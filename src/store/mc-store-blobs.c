/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mc-store-blobs.h"
#include "mc-store-private.h"

/* The contents of a profile's files, beside its database: "files/ab/abcdef…", named by their
 * SHA-256, mode 0600 in a 0700 folder. A content is written once, whatever the number of
 * dossiers or documents that use it: a second copy of the same bytes finds the first. A blob
 * is written (to a temporary name, synced, renamed) before the row that names it commits, so
 * a crash leaves at worst a blob no row names, never a row without its blob. */

#define BLOB_CHUNK (64 * 1024)

char *
mc_store_blob_dir (McStore *self)
{
  g_autofree char *profile = g_path_get_dirname (mc_store_get_path (self));

  return g_build_filename (profile, "files", NULL);
}

static const char *
hex_of (const char *hash)
{
  return hash && g_str_has_prefix (hash, "sha256:") && strlen (hash) == 7 + 64 ? hash + 7 : NULL;
}

char *
mc_store_blob_relative_path (const char *hash)
{
  const char *hex = hex_of (hash);
  g_autofree char *sub = hex ? g_strndup (hex, 2) : NULL;

  return hex ? g_build_filename ("files", sub, hex, NULL) : NULL;
}

char *
mc_store_blob_path (McStore    *self,
                    const char *hash)
{
  g_autofree char *profile = g_path_get_dirname (mc_store_get_path (self));
  g_autofree char *relative = mc_store_blob_relative_path (hash);

  return relative ? g_build_filename (profile, relative, NULL) : NULL;
}

const char *
mc_file_type_sniff (const guint8 *head,
                    gsize         len)
{
  if (len >= 5 && memcmp (head, "%PDF-", 5) == 0)
    return "application/pdf";
  if (len >= 3 && head[0] == 0xff && head[1] == 0xd8 && head[2] == 0xff)
    return "image/jpeg";
  if (len >= 8 && memcmp (head, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "image/png";
  return NULL;
}

typedef enum { IO_READ, IO_WRITE, IO_FOLDER } IoWhat;

static gboolean
io_error (GError     **error,
          IoWhat       what,
          const char  *path)
{
  int saved = errno;
  GFileError code = g_file_error_from_errno (saved);

  if (what == IO_READ)
    g_set_error (error, G_FILE_ERROR, code, _("Cannot read %s: %s"), path, g_strerror (saved));
  else if (what == IO_WRITE)
    g_set_error (error, G_FILE_ERROR, code, _("Cannot write %s: %s"), path, g_strerror (saved));
  else
    g_set_error (error, G_FILE_ERROR, code, _("Cannot create the folder %s: %s"), path, g_strerror (saved));
  return FALSE;
}

static gboolean
write_all (int           fd,
           const guint8 *data,
           gsize         len)
{
  while (len > 0)
    {
      gssize n = write (fd, data, len);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      len -= n;
    }
  return TRUE;
}

static gboolean
make_dir (const char  *dir,
          GError     **error)
{
  if (g_mkdir_with_parents (dir, 0700) != 0)
    return io_error (error, IO_FOLDER, dir);
  return TRUE;
}

/* Moves the written temporary *@tmp to the blob named @hash, unless the same content is
 * kept already (then the copy is left for the caller to remove). */
static gboolean
keep (McStore     *self,
      char       **tmp,
      const char  *hash,
      GError     **error)
{
  g_autofree char *final = mc_store_blob_path (self, hash);
  g_autofree char *subdir = g_path_get_dirname (final);

  if (!make_dir (subdir, error))
    return FALSE;
  if (g_file_test (final, G_FILE_TEST_EXISTS) && mc_store_check_blob (self, hash, NULL))
    return TRUE;
  if (g_rename (*tmp, final) != 0)
    return io_error (error, IO_WRITE, final);
  g_clear_pointer (tmp, g_free);
  return TRUE;
}

/* Copies @path into the profile's blobs, hashing it on the way. Refuses what is not a PDF,
 * JPEG or PNG, an empty file, and one larger than @max_size bytes (0: no limit) before
 * writing anything. */
gboolean
mc_store_put_blob (McStore     *self,
                   const char  *path,
                   gint64       max_size,
                   McBlobInfo  *out,
                   GError     **error)
{
  g_autofree char *dir = mc_store_blob_dir (self);
  g_autofree char *tmp = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buf = g_malloc (BLOB_CHUNK);
  const char *type = NULL;
  struct stat st;
  gint64 size = 0;
  int in = -1, out_fd = -1;
  gboolean ok = FALSE;

  memset (out, 0, sizeof *out);
  in = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (in < 0)
    return io_error (error, IO_READ, path);
  if (fstat (in, &st) != 0 || !S_ISREG (st.st_mode))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("%s is not a regular file"), path);
      goto out;
    }
  if (st.st_size == 0)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("%s is empty"), path);
      goto out;
    }
  if (max_size > 0 && st.st_size > max_size)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("%s is %.1f MB: this ministry system takes files of at most %.0f MB"), path,
                   st.st_size / 1048576.0, max_size / 1048576.0);
      goto out;
    }
  if (!make_dir (dir, error))
    goto out;
  tmp = g_build_filename (dir, "incoming-XXXXXX", NULL);
  out_fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (out_fd < 0)
    {
      io_error (error, IO_WRITE, tmp);
      goto out;
    }
  for (;;)
    {
      gssize n = read (in, buf, BLOB_CHUNK);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          io_error (error, IO_READ, path);
          goto out;
        }
      if (n == 0)
        break;
      if (size == 0 && !(type = mc_file_type_sniff (buf, n)))
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       _("%s is not a PDF, JPEG or PNG file"), path);
          goto out;
        }
      g_checksum_update (sum, buf, n);
      if (!write_all (out_fd, buf, n))
        {
          io_error (error, IO_WRITE, tmp);
          goto out;
        }
      size += n;
      if (max_size > 0 && size > max_size)
        {
          g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                       _("%s grew beyond %.0f MB while it was read"), path, max_size / 1048576.0);
          goto out;
        }
    }
  if (fsync (out_fd) != 0)
    {
      io_error (error, IO_WRITE, tmp);
      goto out;
    }
  out->hash = g_strconcat ("sha256:", g_checksum_get_string (sum), NULL);
  out->size = size;
  out->content_type = type;
  ok = keep (self, &tmp, out->hash, error);

out:
  if (in >= 0)
    close (in);
  if (out_fd >= 0)
    close (out_fd);
  if (tmp != NULL)
    g_unlink (tmp);
  if (!ok)
    mc_blob_info_clear (out);
  return ok;
}

/* Reads a kept content whole, checking it still has the hash it is named by: a blob changed
 * on disk since it was attached is refused, never sent. */
GBytes *
mc_store_read_blob (McStore     *self,
                    const char  *hash,
                    GError     **error)
{
  g_autofree char *path = mc_store_blob_path (self, hash);
  g_autofree char *data = NULL;
  g_autofree char *actual = NULL;
  gsize len = 0;

  if (path == NULL)
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID, _("“%s” is not a file’s SHA-256"), hash);
      return NULL;
    }
  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, len);
  if (!g_str_equal (actual, hex_of (hash)))
    {
      g_set_error (error, MC_STORE_ERROR, MC_STORE_ERROR_INVALID,
                   _("The kept file %s changed on disk since it was attached (its SHA-256 is now %s)"), path,
                   actual);
      return NULL;
    }
  return g_bytes_new_take (g_steal_pointer (&data), len);
}

gboolean
mc_store_check_blob (McStore     *self,
                     const char  *hash,
                     GError     **error)
{
  g_autoptr(GBytes) content = mc_store_read_blob (self, hash, error);

  return content != NULL;
}

/* Keeps @content (a file downloaded from a ministry system) under its own hash. */
char *
mc_store_put_blob_bytes (McStore     *self,
                         GBytes      *content,
                         GError     **error)
{
  g_autofree char *dir = mc_store_blob_dir (self);
  g_autofree char *hex = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  g_autofree char *hash = g_strconcat ("sha256:", hex, NULL);
  g_autofree char *tmp = NULL;
  int fd;

  if (!make_dir (dir, error))
    return NULL;
  tmp = g_build_filename (dir, "incoming-XXXXXX", NULL);
  fd = g_mkstemp_full (tmp, O_RDWR | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      io_error (error, IO_WRITE, tmp);
      return NULL;
    }
  if (!write_all (fd, g_bytes_get_data (content, NULL), g_bytes_get_size (content)) || fsync (fd) != 0)
    io_error (error, IO_WRITE, tmp);
  else if (close (fd) == 0 && (fd = -1, keep (self, &tmp, hash, error)))
    return g_steal_pointer (&hash);
  if (fd >= 0)
    close (fd);
  if (tmp != NULL)
    g_unlink (tmp);
  return NULL;
}

void
mc_blob_info_clear (McBlobInfo *info)
{
  g_clear_pointer (&info->hash, g_free);
  info->size = 0;
  info->content_type = NULL;
}
