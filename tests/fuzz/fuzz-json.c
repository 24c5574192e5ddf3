/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fuzz.h"
#include "mc-json.h"

/* The JSON reader every connector reads the ministry systems' pages with (mc-json.c). A
 * document that parses is walked: every element, and the members the connectors look for. */

static const char *members[] = { "data", "items", "result", "results", "doc", "a", "" };

static void
walk (const McJson *value)
{
  switch (mc_json_type (value))
    {
    case MC_JSON_ARRAY:
      for (guint i = 0; i < mc_json_length (value); i++)
        walk (mc_json_element (value, i));
      break;
    case MC_JSON_OBJECT:
      for (guint i = 0; i < G_N_ELEMENTS (members); i++)
        if (mc_json_member (value, members[i]) != NULL)
          walk (mc_json_member (value, members[i]));
      break;
    default:
      (void) mc_json_string (value);
      (void) mc_json_int (value);
      (void) mc_json_boolean (value);
      break;
    }
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(McJsonDoc) doc = mc_json_parse ((const char *) data, size, NULL);

  if (doc != NULL)
    walk (mc_json_doc_root (doc));
  return 0;
}
