/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "fuzz.h"
#include "mc-cli.h"

/* motcuactl's command line, in this process: the input, split at NUL bytes, is the arguments
 * after a profile that cannot exist (under /dev/null), so that no command gets to write
 * anywhere; dates, amounts, numbers and options go through every command's own parsing and
 * range checks. The terminal escaping is fed the same bytes. */

static void
drop (const char *text)
{
}

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  /* A command that asks for a password reads the end of input. */
  if (!freopen ("/dev/null", "r", stdin))
    return 1;
  g_setenv ("MC_NOW", "2026-03-10 10:00", TRUE);
  g_set_print_handler (drop);
  g_set_printerr_handler (drop);
  return 0;
}

/* Arguments that would leave the sandbox (another profile) or end the process (--help prints
 * and exits, which is GOption's and not a finding). */
static gboolean
acceptable (const char *arg)
{
  if (g_str_has_prefix (arg, "--profile") || g_str_has_prefix (arg, "--help"))
    return FALSE;
  return !(arg[0] == '-' && arg[1] != '-' && (strchr (arg, 'h') || strchr (arg, '?')));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *escaped = NULL;
  g_autofree char *text = NULL;
  const char *p, *end;

  if (size > 2048)
    return 0;
  text = g_strndup ((const char *) data, size);
  escaped = mc_cli_escape_terminal (text);
  g_free (mc_cli_field (text));

  g_ptr_array_add (args, g_strdup ("motcuactl"));
  g_ptr_array_add (args, g_strdup ("--profile"));
  g_ptr_array_add (args, g_strdup ("/dev/null/fuzz"));
  for (p = (const char *) data, end = p + size; p < end && args->len < 20;)
    {
      gsize len = strnlen (p, end - p);
      char *arg = g_strndup (p, len);

      if (!acceptable (arg))
        {
          g_free (arg);
          return 0;
        }
      g_ptr_array_add (args, arg);
      p += len + 1;
    }
  g_ptr_array_add (args, NULL);
  /* GOption rearranges argv: it works on a copy of the pointers. */
  {
    g_autofree char **argv = g_memdup2 (args->pdata, args->len * sizeof (char *));

    mc_cli_main (args->len - 1, argv);
  }
  return 0;
}
