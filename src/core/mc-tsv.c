/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

#include "mc-core-resources.h"
#include "mc-tsv.h"

/* The reference data files in data/ are tab-separated with '#' comment lines (provenance) and
 * one header line. They are compiled into the core as a GResource so that every program and
 * test reads the same copy without looking for an install path.
 *
 * Returns: (transfer full): a GPtrArray of GStrv rows, header excluded. */
GPtrArray *
mc_tsv_load_resource (const char *resource_path,
                      guint       min_columns,
                      GError    **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_auto(GStrv) lines = NULL;
  gboolean header_seen = FALSE;
  gsize size;
  const char *data;

  /* Naming the resource links its object (and the constructor that registers it) into every
   * program: the core is a static library, and nothing else refers to it. */
  (void) mc_core_get_resource ();
  bytes = g_resources_lookup_data (resource_path, G_RESOURCE_LOOKUP_FLAGS_NONE, error);
  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  {
    g_autofree char *text = g_strndup (data, size);
    lines = g_strsplit (text, "\n", -1);
  }

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **fields;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      if (!header_seen)
        {
          header_seen = TRUE;
          continue;
        }
      fields = g_strsplit (lines[i], "\t", -1);
      if (g_strv_length (fields) < min_columns)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       "%s, line %u: %u columns expected", resource_path, i + 1, min_columns);
          g_strfreev (fields);
          return NULL;
        }
      g_ptr_array_add (rows, fields);
    }
  return g_steal_pointer (&rows);
}
