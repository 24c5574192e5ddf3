/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* An enumeration's ids (the strings stored, printed, sent or typed for its values) read back:
 * a value is the index of its id in the table that gives the ids. */

int mc_id_find (gconstpointer  table,
                gsize          n,
                gsize          stride,
                gsize          offset,
                const char    *id);

/* In an array of ids (an entry left NULL, a hole between designated initializers, matches
 * nothing). */
#define MC_ID_FIND(ids, id) \
  mc_id_find ((ids), G_N_ELEMENTS (ids), sizeof (ids)[0], 0, (id))

/* In an array of structs, by their string @member. */
#define MC_ID_FIND_MEMBER(table, member, id) \
  mc_id_find ((table), G_N_ELEMENTS (table), sizeof (table)[0], \
              (gsize) ((const char *) &(table)[0].member - (const char *) &(table)[0]), (id))

G_END_DECLS
