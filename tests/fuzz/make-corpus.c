/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <json-glib/json-glib.h>

#include "mc-sim.h"

/* Writes the seed corpora of the connector harnesses from the simulator's responses: for each
 * dialect, pages of 0, 1 and 3 dossiers (tests/fuzz/corpus/DIALECT-page) and the items of a
 * page one by one (DIALECT-item). Run by hand when the dialects change:
 *   _build/tests/fuzz/make-corpus tests/fuzz/corpus */

static void
write_file (const char *dir,
            const char *name,
            const char *data,
            gsize       len)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0755);
  if (!g_file_set_contents (path, data, len, &error))
    g_error ("%s", error->message);
}

/* The array of items in a page of @dialect. */
static JsonArray *
page_items (JsonNode    *root,
            const char  *dialect)
{
  JsonObject *o = json_node_get_object (root);

  if (g_str_equal (dialect, "lgsp"))
    return json_object_get_array_member (json_object_get_object_member (o, "data"), "items");
  if (g_str_equal (dialect, "dvcqg"))
    return json_object_get_array_member (o, "result");
  if (g_str_equal (dialect, "rest"))
    return json_object_get_array_member (o, "items");
  if (g_str_equal (dialect, "feed"))
    return json_object_get_array_member (o, "results");
  return json_object_get_array_member (o, "data");
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(McSim) sim = mc_sim_new (16, 200, MC_SIM_ALL_DIALECTS);
  const guint counts[] = { 0, 1, 3 };

  if (argc != 2)
    {
      g_printerr ("usage: make-corpus DIR\n");
      return 2;
    }
  for (McSimDialect d = 0; d < MC_SIM_N_DIALECTS; d++)
    {
      const char *dialect = mc_sim_dialect_name (d);
      g_autofree char *page_dir = g_strdup_printf ("%s/%s-page", argv[1], dialect);
      g_autofree char *item_dir = g_strdup_printf ("%s/%s-item", argv[1], dialect);

      for (guint c = 0; c < G_N_ELEMENTS (counts); c++)
        {
          g_autoptr(GBytes) body = mc_sim_render_page (sim, d, 0, counts[c]);
          g_autofree char *name = g_strdup_printf ("sim-%u", counts[c]);
          g_autoptr(JsonNode) root = NULL;
          gsize len;
          const char *data = g_bytes_get_data (body, &len);
          JsonArray *items;

          write_file (page_dir, name, data, len);
          root = json_from_string (data, NULL);
          items = page_items (root, dialect);
          for (guint i = 0; counts[c] == 3 && items && i < json_array_get_length (items); i++)
            {
              JsonNode *item = json_array_get_element (items, i);
              g_autofree char *item_name = g_strdup_printf ("sim-%u", i);
              g_autofree char *text = NULL;

              if (g_str_equal (dialect, "feed"))
                item = json_object_get_member (json_node_get_object (item), "doc");
              text = json_to_string (item, FALSE);
              write_file (item_dir, item_name, text, strlen (text));
            }
        }
    }
  return 0;
}
