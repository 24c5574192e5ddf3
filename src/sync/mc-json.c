/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <string.h>

#include "mc-json.h"

/* A strict JSON reader (RFC 8259) into a read-only tree held in a few large blocks. json-glib's
 * parser goes through GScanner at about 28 MB/s, and its tree costs a GSlice or malloc block
 * per node and a hash table per object; building and freeing those made up most of the time
 * of parsing a page of an initial sync (GLib 2.74's slab allocator and glibc's consolidation of
 * freed blocks). Here a value is a small struct, an array or an object stores its children
 * side by side, and the whole document is freed at once. Objects have tens of members, looked
 * up by a linear scan. Anything that is not JSON is an error with its position: a truncated
 * page, trailing garbage, bad UTF-8, raw control characters. */

#define MAX_DEPTH 64

typedef struct _McJsonMember McJsonMember;

struct _McJson
{
  McJsonType type;
  guint n;                        /* the children of an array or an object */
  union
  {
    gboolean boolean;
    gint64 integer;
    double number;
    const char *string;
    const McJson *items;
    const McJsonMember *members;
  } u;
};

struct _McJsonMember
{
  const char *name;
  McJson value;
};

#define BLOCK_SIZE (64 * 1024)

struct _McJsonDoc
{
  GPtrArray *blocks;
  char *free_at;                  /* in the last block */
  gsize free_left;
  McJson root;
};

typedef struct
{
  const char *p;
  const char *start;
  const char *end;
  GError *error;
  GString *scratch;   /* the last string read: callers copy it */
  McJsonDoc *doc;
  GArray *items;      /* McJson: the children of the arrays being read, innermost last */
  GArray *members;    /* McJsonMember: likewise for objects */
} Reader;

static gpointer
doc_alloc (McJsonDoc *doc,
           gsize      size)
{
  char *at;

  size = (size + 7) & ~(gsize) 7;
  if (size > doc->free_left)
    {
      gsize block = MAX (size, BLOCK_SIZE);

      doc->free_at = g_malloc (block);
      doc->free_left = block;
      g_ptr_array_add (doc->blocks, doc->free_at);
    }
  at = doc->free_at;
  doc->free_at += size;
  doc->free_left -= size;
  return at;
}

static const char *
doc_strdup (McJsonDoc *doc,
            GString   *text)
{
  char *copy = doc_alloc (doc, text->len + 1);

  memcpy (copy, text->str, text->len + 1);
  return copy;
}

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
      /* A backslash that ends the text is a string cut short, not a closing quote. */
      if (r->end - r->p < 2)
        {
          fail (r, _("the text ends inside a string"));
          return NULL;
        }
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

static gboolean read_value (Reader *r, int depth, McJson *out);

/* Past the digits at @s, of which JSON wants at least one (in an integer part, a fraction, an
 * exponent); NULL where there is none. */
static const char *
skip_digits (const char *s,
             const char *end)
{
  if (s >= end || !g_ascii_isdigit (*s))
    return NULL;
  while (s < end && g_ascii_isdigit (*s))
    s++;
  return s;
}

static gboolean
read_number (Reader *r,
             McJson *out)
{
  const char *s = r->p;
  gboolean is_int = TRUE;
  char buffer[64];

  if (s < r->end && *s == '-')
    s++;
  if (s < r->end && *s == '0' && s + 1 < r->end && g_ascii_isdigit (s[1]))
    s = NULL;  /* no leading zero */
  else
    s = skip_digits (s, r->end);
  if (s != NULL && s < r->end && *s == '.')
    {
      is_int = FALSE;
      s = skip_digits (s + 1, r->end);
    }
  if (s != NULL && s < r->end && (*s == 'e' || *s == 'E'))
    {
      is_int = FALSE;
      s++;
      if (s < r->end && (*s == '+' || *s == '-'))
        s++;
      s = skip_digits (s, r->end);
    }
  if (s == NULL)
    {
      fail (r, _("a bad number"));
      return FALSE;
    }
  if ((gsize) (s - r->p) >= sizeof buffer)
    {
      fail (r, _("a number too long"));
      return FALSE;
    }
  memcpy (buffer, r->p, s - r->p);
  buffer[s - r->p] = '\0';
  r->p = s;
  if (is_int)
    {
      char *end = NULL;
      gint64 v = g_ascii_strtoll (buffer, &end, 10);

      if (*end == '\0' && v != G_MAXINT64 && v != G_MININT64)
        {
          *out = (McJson) { .type = MC_JSON_INT, .u.integer = v };
          return TRUE;
        }
    }
  *out = (McJson) { .type = MC_JSON_DOUBLE, .u.number = g_ascii_strtod (buffer, NULL) };
  return TRUE;
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

/* What follows a member or an item: 1 past a “,” (another one comes), 0 past @close, -1 on
 * anything else. */
static int
read_separator (Reader   *r,
                gboolean  object)
{
  char close = object ? '}' : ']';

  skip_space (r);
  if (r->p < r->end && (*r->p == ',' || *r->p == close))
    return *r->p++ == ',';
  if (r->p >= r->end)
    fail (r, object ? _("the text ends inside an object") : _("the text ends inside a list"));
  else
    fail (r, object ? _("“,” or “}” was expected") : _("“,” or “]” was expected"));
  return -1;
}

/* A member's name and the “:” after it, the name kept in the document. */
static gboolean
read_name (Reader      *r,
           const char **out_name)
{
  skip_space (r);
  if (r->p >= r->end || *r->p != '"')
    {
      fail (r, r->p >= r->end ? _("the text ends inside an object") : _("a member name was expected"));
      return FALSE;
    }
  r->p++;
  if (read_string (r) == NULL)
    return FALSE;
  *out_name = doc_strdup (r->doc, r->scratch);
  skip_space (r);
  if (r->p >= r->end || *r->p != ':')
    {
      fail (r, _("“:” was expected"));
      return FALSE;
    }
  r->p++;
  return TRUE;
}

/* An object or a list (@type), from its opening bracket: the same walk, where an object's
 * values each come after a name. Its values gather on the reader's stack of their kind while
 * it is read (the nested ones above them, gone by then), then move into the document. */
static gboolean
read_container (Reader     *r,
                int         depth,
                McJsonType  type,
                McJson     *out)
{
  gboolean object = type == MC_JSON_OBJECT;
  GArray *stack = object ? r->members : r->items;
  guint first = stack->len;
  guint size = g_array_get_element_size (stack);
  int more = 1;
  gpointer values;

  *out = (McJson) { .type = type };
  r->p++;
  skip_space (r);
  if (r->p < r->end && *r->p == (object ? '}' : ']'))
    {
      r->p++;
      return TRUE;
    }
  while (more == 1)
    {
      McJsonMember member = { NULL };

      if (object && !read_name (r, &member.name))
        return FALSE;
      if (!read_value (r, depth + 1, &member.value))
        return FALSE;
      if (object)
        g_array_append_val (stack, member);
      else
        g_array_append_val (stack, member.value);
      more = read_separator (r, object);
    }
  if (more < 0)
    return FALSE;
  out->n = stack->len - first;
  values = doc_alloc (r->doc, out->n * size);
  memcpy (values, stack->data + first * size, out->n * size);
  g_array_set_size (stack, first);
  if (object)
    out->u.members = values;
  else
    out->u.items = values;
  return TRUE;
}

static gboolean
read_value (Reader *r,
            int     depth,
            McJson *out)
{
  skip_space (r);
  if (depth > MAX_DEPTH)
    {
      fail (r, _("too deeply nested"));
      return FALSE;
    }
  if (r->p >= r->end)
    {
      fail (r, _("the text ends where a value was expected"));
      return FALSE;
    }
  switch (*r->p)
    {
    case '{':
      return read_container (r, depth, MC_JSON_OBJECT, out);
    case '[':
      return read_container (r, depth, MC_JSON_ARRAY, out);
    case '"':
      r->p++;
      if (read_string (r) == NULL)
        return FALSE;
      *out = (McJson) { .type = MC_JSON_STRING, .u.string = doc_strdup (r->doc, r->scratch) };
      return TRUE;
    case 't':
      *out = (McJson) { .type = MC_JSON_BOOLEAN, .u.boolean = TRUE };
      return literal (r, "true");
    case 'f':
      *out = (McJson) { .type = MC_JSON_BOOLEAN, .u.boolean = FALSE };
      return literal (r, "false");
    case 'n':
      *out = (McJson) { .type = MC_JSON_NULL };
      return literal (r, "null");
    default:
      if (*r->p == '-' || g_ascii_isdigit (*r->p))
        return read_number (r, out);
      fail (r, _("an unexpected character"));
      return FALSE;
    }
}

void
mc_json_doc_free (McJsonDoc *doc)
{
  if (doc == NULL)
    return;
  g_ptr_array_unref (doc->blocks);
  g_free (doc);
}

/* Returns: (transfer full): the document, or NULL with an error saying what and where. */
McJsonDoc *
mc_json_parse (const char  *data,
               gsize        length,
               GError     **error)
{
  g_autoptr(McJsonDoc) doc = g_new0 (McJsonDoc, 1);
  Reader r = { data, data, data + length, NULL, g_string_sized_new (256), doc,
               g_array_new (FALSE, FALSE, sizeof (McJson)), g_array_new (FALSE, FALSE, sizeof (McJsonMember)) };
  gboolean ok;

  doc->blocks = g_ptr_array_new_with_free_func (g_free);
  ok = read_value (&r, 0, &doc->root);
  if (ok)
    {
      skip_space (&r);
      if (r.p != r.end)
        {
          fail (&r, _("unexpected text after the end"));
          ok = FALSE;
        }
    }
  g_string_free (r.scratch, TRUE);
  g_array_unref (r.items);
  g_array_unref (r.members);
  if (!ok)
    {
      g_propagate_error (error, r.error);
      return NULL;
    }
  return g_steal_pointer (&doc);
}

const McJson *
mc_json_doc_root (McJsonDoc *doc)
{
  return &doc->root;
}

McJsonType
mc_json_type (const McJson *value)
{
  return value->type;
}

/* Returns: the member @name of @object (the last one if the name repeats, as json-glib), or
 * NULL when it has none or is not an object. */
const McJson *
mc_json_member (const McJson *object,
                const char   *name)
{
  if (object == NULL || object->type != MC_JSON_OBJECT)
    return NULL;
  for (guint i = object->n; i > 0; i--)
    if (strcmp (object->u.members[i - 1].name, name) == 0)
      return &object->u.members[i - 1].value;
  return NULL;
}

/* Returns: the number of elements of @array, 0 if it is not one. */
guint
mc_json_length (const McJson *array)
{
  return array != NULL && array->type == MC_JSON_ARRAY ? array->n : 0;
}

const McJson *
mc_json_element (const McJson *array,
                 guint         index)
{
  g_return_val_if_fail (index < mc_json_length (array), NULL);
  return &array->u.items[index];
}

/* Returns: the text of a string value, NULL for any other. */
const char *
mc_json_string (const McJson *value)
{
  return value != NULL && value->type == MC_JSON_STRING ? value->u.string : NULL;
}

gint64
mc_json_int (const McJson *value)
{
  return value != NULL && value->type == MC_JSON_INT ? value->u.integer : 0;
}

gboolean
mc_json_boolean (const McJson *value)
{
  return value != NULL && value->type == MC_JSON_BOOLEAN && value->u.boolean;
}
