/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "fuzz.h"
#include "mc-connectors.h"

/* The legacy dialect's login-page detector: the first line of the input is the Content-Type,
 * the rest the body, as a server on the other end of a wire might send them. */

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
  const char *text = (const char *) data;
  const char *newline = memchr (text, '\n', size);
  gsize type_len = newline ? (gsize) (newline - text) : 0;
  g_autofree char *type = g_strndup (text, type_len);
  McHttpReply reply = { .status = 200 };

  reply.headers = soup_message_headers_new (SOUP_MESSAGE_HEADERS_RESPONSE);
  /* libsoup itself refuses a header with a line break or another control character in it. */
  if (*type && g_utf8_validate (type, -1, NULL) && strcspn (type, "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a"
                                                                "\x0b\x0c\x0d\x0e\x0f\x10\x11\x12\x13\x14\x15"
                                                                "\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f")
                                                 == strlen (type))
    soup_message_headers_replace (reply.headers, "Content-Type", type);
  reply.body = g_bytes_new (newline ? newline + 1 : text, newline ? size - type_len - 1 : size);
  (void) mc_connector_legacy_is_login_page (&reply);
  soup_message_headers_unref (reply.headers);
  g_bytes_unref (reply.body);
  return 0;
}
