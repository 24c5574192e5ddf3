/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "mc-id.h"

/* Returns: the index of the entry of @table (@n entries of @stride bytes) whose string at
 * @offset is @id, or -1 when none is, or @id is NULL. A linear search: the tables are a few
 * entries long. */
int
mc_id_find (gconstpointer  table,
            gsize          n,
            gsize          stride,
            gsize          offset,
            const char    *id)
{
  const char *entry = table;

  for (gsize i = 0; id != NULL && i < n; i++, entry += stride)
    {
      const char *candidate;

      /* Copied, not cast: to this function the table is only bytes. */
      memcpy (&candidate, entry + offset, sizeof candidate);
      if (candidate != NULL && g_str_equal (candidate, id))
        return (int) i;
    }
  return -1;
}
