/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>

#include <errno.h>
#include <sys/stat.h>

#include "mc-print-layout.h"

/* Every file Một Cửa writes for the official (a PDF, an export) goes through here. Only a
 * regular file is replaced, and atomically (a new file renamed over it, after an fsync): a
 * device, a pipe, a directory or a symbolic link given as the output is refused, since a
 * rename would put the document in place of the device (as root, /dev/full became a PDF) or
 * of the link. A full disk is said as such. */
gboolean
mc_print_write_file (const char    *path,
                     const void    *data,
                     gsize          size,
                     GError       **error)
{
  GError *local = NULL;
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (lstat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL,
                   _("%s is not a regular file (a device, a link, a directory…): choose a file name"), path);
      return FALSE;
    }
  if (g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local))
    return TRUE;
  if (g_error_matches (local, G_FILE_ERROR, G_FILE_ERROR_NOSPC))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, _("The disk is full: %s was not written"), path);
      g_error_free (local);
      return FALSE;
    }
  g_propagate_error (error, local);
  return FALSE;
}
