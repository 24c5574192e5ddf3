/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz.h"
#include "mc-connector.h"

/* One connector's page reader (MC_FUZZ_ITEM 0: the input is a whole page body) or item reader
 * (MC_FUZZ_ITEM 1: the input is one item, put into a page of the dialect's envelope), built
 * once per dialect (MC_FUZZ_DIALECT). Whatever a server sends, the reader returns a page or an
 * error: no crash, no leak, no undefined behaviour. */

#ifndef MC_FUZZ_DIALECT
#error "MC_FUZZ_DIALECT names the dialect"
#endif

static const struct { const char *dialect, *before, *after; } envelopes[] = {
  { "lgsp", "{\"code\":\"0\",\"message\":\"\",\"data\":{\"items\":[", "],\"total\":1,\"page\":1}}" },
  { "dvcqg", "{\"error_code\":\"00\",\"message\":\"\",\"result\":[", "]}" },
  { "rest", "{\"items\":[", "],\"next_cursor\":\"c2\",\"has_more\":false}" },
  { "feed", "{\"results\":[{\"seq\":1,\"id\":\"x\",\"doc\":", "}],\"last_seq\":1}" },
  { "legacy", "{\"status\":\"OK\",\"errorMessage\":null,\"total\":1,\"data\":[", "]}" },
};

static McConnector *connector;
static guint envelope;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(McSource) source = mc_source_new ("fz", "G09", MC_FUZZ_DIALECT, "Fuzz", "http://127.0.0.1:9/",
                                              "000.00.15.H38", "fuzz");
  g_autoptr(GHashTable) secrets = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_insert (secrets, (gpointer) "password", (gpointer) "x");
  g_hash_table_insert (secrets, (gpointer) "api-key", (gpointer) "x");
  connector = mc_connector_new (source, secrets, NULL);
  g_assert_nonnull (connector);
  for (envelope = 0; !g_str_equal (envelopes[envelope].dialect, MC_FUZZ_DIALECT); envelope++)
    ;
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  McPullPage *page;

  if (MC_FUZZ_ITEM)
    {
      GString *text = g_string_new (envelopes[envelope].before);

      g_string_append_len (text, (const char *) data, size);
      g_string_append (text, envelopes[envelope].after);
      body = g_string_free_to_bytes (text);
    }
  else
    body = g_bytes_new (data, size);
  page = mc_connector_parse_page (connector, NULL, body, &error);
  g_assert ((page == NULL) == (error != NULL));
  g_clear_pointer (&page, mc_pull_page_free);
  return 0;
}
