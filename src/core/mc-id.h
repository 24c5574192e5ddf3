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

/* Defines the pair of functions of an enumeration of @Type whose values index @table, the
 * string @member of each entry being its value's id: `const char *to_id (Type value)`, and
 * `gboolean from_id (const char *id, Type *out_value)`, which leaves *out_value alone and
 * returns FALSE for an unknown id. */
#define MC_ID_DEFINE_FUNCTIONS(Type, to_id, from_id, table, member) \
  const char * \
  to_id (Type value) \
  { \
    g_return_val_if_fail ((gsize) value < G_N_ELEMENTS (table), NULL); \
    return (table)[value].member; \
  } \
  \
  gboolean \
  from_id (const char *id, \
           Type       *out_value) \
  { \
    int i = MC_ID_FIND_MEMBER (table, member, id); \
    \
    if (i >= 0) \
      *out_value = (Type) i; \
    return i >= 0; \
  }

G_END_DECLS
