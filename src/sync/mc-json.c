/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "mc-json.h"

/* A strict JSON reader (RFC 8259) that builds json-glib nodes. json-glib's own parser goes
 * through GScanner at about 28 MB/s, which made parsing the largest cost of an initial sync;
 * this one reads the same pages several times faster. Anything that is not JSON is an error
 * with its position: a truncated page, trailing garbage, bad UTF-8, raw control characters. */

#define MAX_DEPTH 64

typedef struct
{
  const char *p;
  const char *start;
  const char *end;
  GError *error;
  GString *scratch;   /* the last string read: callers copy it (json-glib copies anyway) */
} Reader;

static void
fail (Reader     *r,
      const char *what)
{
  if (r->error == NULL)
    r->error = g_error_new (G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s at byte %lu"), what,
                            (gulong) (r->p - r->start));
}

static void
skip_space (Reader *r)
{
  while (r->p < r->end && (*r->p == ' ' || *r->p == '\n' || *r->p == '\r' || *r->p == '\t'))
    r->p++;
}

static int
hex4 (const char *p)
{
  int v = 0;

  for (int i = 0; i < 4; i++)
    {
      int c = p[i], d;

      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      else
        return -1;
      v = v * 16 + d;
    }
  return v;
}

/* Reads a string after its opening quote into r->scratch; returns its text. */
static const char *
read_string (Reader *r)
{
  const char *s = r->p;
  GString *out = r->scratch;

  /* The common case: no escapes, copied in one go. */
  while (s < r->end && *s != '"' && *s != '\\' && (guchar) *s >= 0x20)
    s++;
  g_string_truncate (out, 0);
  g_string_append_len (out, r->p, s - r->p);
  if (s < r->end && *s == '"')
    {
      if (!g_utf8_validate_len (out->str, out->len, NULL))
        {
          fail (r, _("invalid UTF-8 in a string"));
          return NULL;
        }
      r->p = s + 1;
      return out->str;
    }

  r->p = s;
  while (r->p < r->end && *r->p != '"')
    {
      guchar c = *r->p;

      if (c < 0x20)
        {
          fail (r, _("a control character in a string"));
          return NULL;
        }
      if (c != '\\')
        {
          g_string_append_c (out, c);
          r->p++;
          continue;
        }
      if (r->end - r->p < 2)
        break;
      r->p++;
      switch (*r->p)
        {
        case '"': g_string_append_c (out, '"'); break;
        case '\\': g_string_append_c (out, '\\'); break;
        case '/': g_string_append_c (out, '/'); break;
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            int cp = r->end - r->p >= 5 ? hex4 (r->p + 1) : -1;

            if (cp < 0)
              {
                fail (r, _("a bad \\u escape"));
                return NULL;
              }
            r->p += 4;
            if (cp >= 0xD800 && cp <= 0xDBFF)
              {
                int low = r->end - r->p >= 7 && r->p[1] == '\\' && r->p[2] == 'u' ? hex4 (r->p + 3) : -1;

                if (low < 0xDC00 || low > 0xDFFF)
                  {
                    fail (r, _("a lone surrogate in a \\u escape"));
                    return NULL;
                  }
                cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                r->p += 6;
              }
            else if (cp >= 0xDC00 && cp <= 0xDFFF)
              {
                fail (r, _("a lone surrogate in a \\u escape"));
                return NULL;
              }
            g_string_append_unichar (out, cp);
          }
          break;
        default:
          fail (r, _("a bad escape in a string"));
          return NULL;
        }
      r->p++;
    }
  if (r->p >= r->end)
    {
      fail (r, _("the text ends inside a string"));
      return NULL;
    }
  r->p++;
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      fail (r, _("invalid UTF-8 in a string"));
      return NULL;
    }
  return out->str;
}

static JsonNode *read_value (Reader *r, int depth);

static JsonNode *
read_number (Reader *r)
{
  const char *s = r->p;
  gboolean is_int = TRUE;
  char buffer[64];
  JsonNode *node;

  if (s < r->end && *s == '-')
    s++;
  if (s >= r->end || !g_ascii_isdigit (*s) || (*s == '0' && s + 1 < r->end && g_ascii_isdigit (s[1])))
    {
      fail (r, _("a bad number"));
      return NULL;
    }
  while (s < r->end && g_ascii_isdigit (*s))
    s++;
  if (s < r->end && *s == '.')
    {
      is_int = FALSE;
      s++;
      if (s >= r->end || !g_ascii_isdigit (*s))
        {
          fail (r, _("a bad number"));
          return NULL;
        }
      while (s < r->end && g_ascii_isdigit (*s))
        s++;
    }
  if (s < r->end && (*s == 'e' || *s == 'E'))
    {
      is_int = FALSE;
      s++;
      if (s < r->end && (*s == '+' || *s == '-'))
        s++;
      if (s >= r->end || !g_ascii_isdigit (*s))
        {
          fail (r, _("a bad number"));
          return NULL;
        }
      while (s < r->end && g_ascii_isdigit (*s))
        s++;
    }
  if ((gsize) (s - r->p) >= sizeof buffer)
    {
      fail (r, _("a number too long"));
      return NULL;
    }
  memcpy (buffer, r->p, s - r->p);
  buffer[s - r->p] = '\0';
  r->p = s;
  node = json_node_alloc ();
  if (is_int)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (buffer, &end, 10);

      if (*end == '\0' && v != G_MAXINT64 && v != G_MININT64)
        return json_node_init_int (node, v);
    }
  return json_node_init_double (node, g_ascii_strtod (buffer, NULL));
}

static gboolean
literal (Reader     *r,
         const char *word)
{
  gsize n = strlen (word);

  if ((gsize) (r->end - r->p) < n || memcmp (r->p, word, n) != 0)
    {
      fail (r, _("an unexpected character"));
      return FALSE;
    }
  r->p += n;
  return TRUE;
}

static JsonNode *
read_object (Reader *r,
             int     depth)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == '}')
    {
      r->p++;
      return node;
    }
  for (;;)
    {
      char *name;
      const char *text;
      JsonNode *value;

      skip_space (r);
      if (r->p >= r->end || *r->p != '"')
        {
          fail (r, r->p >= r->end ? _("the text ends inside an object") : _("a member name was expected"));
          break;
        }
      r->p++;
      if ((text = read_string (r)) == NULL)
        break;
      name = g_strdup (text);
      skip_space (r);
      if (r->p >= r->end || *r->p != ':')
        {
          g_free (name);
          fail (r, _("“:” was expected"));
          break;
        }
      r->p++;
      if ((value = read_value (r, depth + 1)) == NULL)
        {
          g_free (name);
          break;
        }
      json_object_set_member (object, name, value);
      g_free (name);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == '}')
        {
          r->p++;
          return node;
        }
      fail (r, r->p >= r->end ? _("the text ends inside an object") : _("“,” or “}” was expected"));
      break;
    }
  json_node_unref (node);
  return NULL;
}

static JsonNode *
read_array (Reader *r,
            int     depth)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == ']')
    {
      r->p++;
      return node;
    }
  for (;;)
    {
      JsonNode *value = read_value (r, depth + 1);

      if (value == NULL)
        break;
      json_array_add_element (array, value);
      skip_space (r);
      if (r->p < r->end && *r->p == ',')
        {
          r->p++;
          continue;
        }
      if (r->p < r->end && *r->p == ']')
        {
          r->p++;
          return node;
        }
      fail (r, r->p >= r->end ? _("the text ends inside a list") : _("“,” or “]” was expected"));
      break;
    }
  json_node_unref (node);
  return NULL;
}

static JsonNode *
read_value (Reader *r,
            int     depth)
{
  skip_space (r);
  if (depth > MAX_DEPTH)
    {
      fail (r, _("too deeply nested"));
      return NULL;
    }
  if (r->p >= r->end)
    {
      fail (r, _("the text ends where a value was expected"));
      return NULL;
    }
  switch (*r->p)
    {
    case '{':
      return read_object (r, depth);
    case '[':
      return read_array (r, depth);
    case '"':
      {
        const char *text;

        r->p++;
        if ((text = read_string (r)) == NULL)
          return NULL;
        return json_node_init_string (json_node_alloc (), text);
      }
    case 't':
      return literal (r, "true") ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
    case 'f':
      return literal (r, "false") ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
    case 'n':
      return literal (r, "null") ? json_node_init_null (json_node_alloc ()) : NULL;
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r);
      fail (r, _("an unexpected character"));
      return NULL;
    }
}

/* Returns: (transfer full): the document's root, or NULL with an error saying what and where. */
JsonNode *
mc_json_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  Reader r = { data, data, data + length, NULL, g_string_sized_new (256) };
  JsonNode *root = read_value (&r, 0);

  if (root != NULL)
    {
      skip_space (&r);
      if (r.p != r.end)
        {
          fail (&r, _("unexpected text after the end"));
          g_clear_pointer (&root, json_node_unref);
        }
    }
  g_string_free (r.scratch, TRUE);
  if (root == NULL)
    g_propagate_error (error, r.error);
  return root;
}
