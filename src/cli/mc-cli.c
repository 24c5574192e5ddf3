/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "mc-accounts.h"
#include "mc-cli.h"
#include "mc-store-audit.h"
#include "mc-store-settings.h"

/* One clear line on stderr, exit status 1. */
int
mc_cli_fail (GError *error)
{
  g_printerr ("motcuactl: %s\n", error->message);
  g_error_free (error);
  return MC_CLI_FAILED;
}

int
mc_cli_usage (const char *command,
              const char *message)
{
  g_printerr ("motcuactl %s: %s\n", command, message);
  g_printerr (_("Try “motcuactl %s --help”.\n"), command);
  return MC_CLI_USAGE;
}

/* Parses a command's own options in @context; on a usage error sets *out_status to 2 and
 * returns FALSE. */
gboolean
mc_cli_parse_context (GOptionContext   *context,
                      const char       *command,
                      int              *argc,
                      char           ***argv,
                      int              *out_status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *out_status = mc_cli_usage (command, error->message);
      return FALSE;
    }
  return TRUE;
}

/* The same for a command with one table of options (@entries, or NULL for none): its --help
 * shows @parameter_string after the command's name, the options, then @description (or
 * nothing). */
gboolean
mc_cli_parse (const char          *command,
              const char          *parameter_string,
              const GOptionEntry  *entries,
              const char          *description,
              int                 *argc,
              char              ***argv,
              int                 *out_status)
{
  g_autoptr(GOptionContext) context = g_option_context_new (parameter_string);

  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (description != NULL)
    g_option_context_set_description (context, description);
  return mc_cli_parse_context (context, command, argc, argv, out_status);
}

/* Commands that only read open the profile read-only: they work on a profile that cannot be
 * written and never change its file. The others check the database before their first write
 * and seal their audit entries with the profile's key, when the keyring gives it. */
McStore *
mc_cli_open_store (McCli             *cli,
                   McStoreOpenFlags   flags,
                   int               *out_status)
{
  g_autofree char *path = mc_store_profile_path (cli->profile_dir);
  GError *error = NULL;
  McStore *store;

  if (!(flags & MC_STORE_OPEN_READ_ONLY))
    flags |= MC_STORE_OPEN_CHECK;
  if (!(store = mc_store_open (path, flags, &error)))
    {
      *out_status = mc_cli_fail (error);
      return NULL;
    }
  if (!mc_store_is_read_only (store) && !mc_accounts_load_audit_key (store, &error))
    {
      /* The action is never refused for it: its audit entry is kept, sealed later. Said only
       * for a log sealed before, where it is news. */
      if (mc_store_audit_is_sealed (store, NULL))
        g_printerr (_("motcuactl: warning: %s; audit entries are kept and sealed once the keyring is back\n"),
                    error->message);
      g_clear_error (&error);
    }
  return store;
}

/* Who takes an action: a person, by the full name the history, the audit log and the forms
 * print: @given (--official), else the profile's setting official.name. Never the login name,
 * which no citizen or form may see. Returns: (transfer full) (nullable): the name, or NULL
 * after saying how to give it. */
char *
mc_cli_official (McStore    *store,
                 const char *given,
                 int        *out_status)
{
  g_autofree char *name = NULL;
  GError *error = NULL;

  if (given != NULL)
    name = g_strstrip (g_strdup (given));
  else if (!mc_store_lookup_setting (store, "official.name", &name, &error))
    {
      *out_status = mc_cli_fail (error);
      return NULL;
    }
  else if (name != NULL)
    g_strstrip (name);
  if (name == NULL || *name == '\0')
    {
      g_printerr ("%s\n", _("motcuactl: who is acting? Give your full name with --official “FULL NAME”, or set it "
                            "once for the profile: motcuactl settings set official.name “FULL NAME”"));
      *out_status = MC_CLI_FAILED;
      return NULL;
    }
  return g_steal_pointer (&name);
}

/* The names of @sources (McSource) by source id: an official reads a ministry by its name,
 * while the id stays the handle typed after --source. Returns: (transfer full): id → name. */
GHashTable *
mc_cli_source_names_of (GPtrArray *sources)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < sources->len; i++)
    {
      McSource *s = g_ptr_array_index (sources, i);

      g_hash_table_insert (names, g_strdup (s->id), g_strdup (s->name));
    }
  return names;
}

/* The same for the profile's sources. Returns: (transfer full) (nullable): id → name, or NULL
 * with @error set. */
GHashTable *
mc_cli_source_names (McStore  *store,
                     GError  **error)
{
  g_autoptr(GPtrArray) sources = mc_store_list_sources (store, error);

  return sources != NULL ? mc_cli_source_names_of (sources) : NULL;
}

/* The name of @source_id in @names, or the id itself for a source removed since. */
const char *
mc_cli_source_name (GHashTable *names,
                    const char *source_id)
{
  const char *name = g_hash_table_lookup (names, source_id);

  return name != NULL && *name != '\0' ? name : source_id;
}

/* Whether @source is a training system of a sample profile: its stored address ("sim:g09") is
 * a placeholder for the simulator the window runs in training mode. */
gboolean
mc_cli_source_is_training (const McSource *source)
{
  return g_str_has_prefix (source->base_url, "sim:");
}

/* @source's address as the official reads it: a training system's says what it is. */
const char *
mc_cli_source_address (const McSource *source)
{
  return mc_cli_source_is_training (source) ? _("simulated for training") : source->base_url;
}

/* The profile's audit key for audit verify, export and doctor, when the keyring gives it: the
 * check itself says when a sealed log cannot be verified without it. */
void
mc_cli_load_audit_key (McStore *store)
{
  g_autoptr(GError) ignored = NULL;

  if (!mc_store_audit_has_key (store))
    mc_accounts_load_audit_key (store, &ignored);
}

void
mc_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (gen, node);
  json_generator_set_pretty (gen, TRUE);
  text = json_generator_to_data (gen, NULL);
  g_print ("%s\n", text);
}

/* Progress goes to a terminal only: a script reading stderr gets the error lines alone. */
gboolean
mc_cli_progress_wanted (void)
{
  return isatty (STDERR_FILENO);
}

/* Progress lines rewrite themselves with the terminal's own controls ("\r", erase line): the
 * only controls motcuactl sends, so they bypass the escaping of everything else. */
void
mc_cli_progress (const char *format,
                 ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fflush (stderr);
}

static gboolean
is_terminal_control (gunichar c)
{
  return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
         || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/* Text from ministry systems and citizens reaches the terminal with its control characters
 * written out ("\x1b", "\u202e"): an escape sequence in an applicant's name must not move the
 * cursor, retitle the window or hide what follows. Invalid UTF-8 bytes are written out too. */
char *
mc_cli_escape_terminal (const char *text)
{
  GString *out = g_string_sized_new (strlen (text));
  const char *p = text;

  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (c < 0x80 && is_terminal_control (c))
        g_string_append_printf (out, "\\x%02x", c);
      else if (is_terminal_control (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

/* One column of a tab-separated line: its own tabs and line breaks written out, so that a
 * field never shifts the columns or starts a false line. */
char *
mc_cli_field (const char *text)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p; p++)
    {
      if (*p == '\t')
        g_string_append (out, "\\t");
      else if (*p == '\n')
        g_string_append (out, "\\n");
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* How many columns of a terminal @text takes: wide characters (CJK) two, combining marks and
 * other zero-width characters none, every other character one. */
int
mc_cli_text_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      width += g_unichar_iszerowidth (c) ? 0 : g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/* @text padded with spaces to @width terminal columns, as printf's "%*s" pads to bytes: a
 * negative @width aligns it left. printf would give "Tỷ lệ" (5 columns, 8 bytes) three columns
 * too few. */
char *
mc_cli_align (const char *text,
              int         width)
{
  int missing = ABS (width) - mc_cli_text_width (text);
  GString *out = g_string_new (width < 0 ? text : NULL);

  for (int i = 0; i < missing; i++)
    g_string_append_c (out, ' ');
  if (width >= 0)
    g_string_append (out, text);
  return g_string_free (out, FALSE);
}

static void
print_escaped (FILE       *stream,
               const char *text)
{
  g_autofree char *safe = mc_cli_escape_terminal (text);

  fputs (safe, stream);
  fflush (stream);
}

static void
print_stdout (const char *text)
{
  print_escaped (stdout, text);
}

static void
print_stderr (const char *text)
{
  print_escaped (stderr, text);
}

/* Everything motcuactl prints with g_print and g_printerr goes through the escaping. */
void
mc_cli_install_output_filter (void)
{
  g_set_print_handler (print_stdout);
  g_set_printerr_handler (print_stderr);
}

/* Returns: the id of the dossier numbered @number, or 0 with the failure said and its exit
 * status in *@out_status. */
gint64
mc_cli_find_dossier (McStore    *store,
                     const char *number,
                     int        *out_status)
{
  GError *error = NULL;
  gint64 id = mc_store_find_number (store, number, &error);

  if (id < 0)
    *out_status = mc_cli_fail (error);
  else if (id == 0)
    {
      g_printerr (_("motcuactl: no dossier numbered “%s”\n"), number);
      *out_status = MC_CLI_FAILED;
    }
  return MAX (id, 0);
}
