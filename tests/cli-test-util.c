/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cli-test-util.h"

/* The one harness of the tests that run motcuactl (unit/test-cli*.c, unit/test-hardening.c,
 * print/test-print-cli.c, print/test-report-export.c, secrets/test-accounts.c,
 * secrets/test-secrets-hardening.c, scan/test-scanner.c, and the model suite's and GUI
 * suite's profiles through model/model-test-util.c). */

void
cli_run_clear (CliRun *r)
{
  g_clear_pointer (&r->out, g_free);
  g_clear_pointer (&r->err, g_free);
  r->status = 0;
}

/* @program (after @o's wrapper, when set) with "--profile PROFILE" (when set) and @argv,
 * MC_NOW=NOW and the other variables of @o, started by @launcher. */
static GSubprocess *
launch (GSubprocessLauncher *launcher,
        const char          *program,
        const CliOptions    *o,
        const char * const  *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  GSubprocess *proc;

  g_assert_nonnull (program);
  for (const char * const *w = o->wrapper; w && *w; w++)
    g_ptr_array_add (args, (gpointer) *w);
  g_ptr_array_add (args, (gpointer) program);
  if (o->profile != NULL)
    {
      g_ptr_array_add (args, (gpointer) "--profile");
      g_ptr_array_add (args, (gpointer) o->profile);
    }
  for (; *argv; argv++)
    g_ptr_array_add (args, (gpointer) *argv);
  g_ptr_array_add (args, NULL);
  if (o->now != NULL)
    g_subprocess_launcher_setenv (launcher, "MC_NOW", o->now, TRUE);
  for (const char * const *e = o->env; e && *e; e++)
    {
      g_auto(GStrv) pair = g_strsplit (*e, "=", 2);

      if (pair[1] != NULL)
        g_subprocess_launcher_setenv (launcher, pair[0], pair[1], TRUE);
      else
        g_subprocess_launcher_unsetenv (launcher, pair[0]);
    }
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  return proc;
}

/* Runs @program as launch () says, INPUT on standard input; @r takes its exit status and
 * output, its last ones cleared. */
void
cli_run_with (CliRun             *r,
              const char         *program,
              const CliOptions   *o,
              const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | (o->merge_stderr ? G_SUBPROCESS_FLAGS_STDERR_MERGE : G_SUBPROCESS_FLAGS_STDERR_PIPE));
  g_autoptr(GSubprocess) proc = NULL;

  cli_run_clear (r);
  proc = launch (launcher, program, o, argv);
  g_subprocess_communicate_utf8 (proc, o->input ? o->input : "", NULL, &r->out,
                                 o->merge_stderr ? NULL : &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
}

/* Starts @program as launch () says and returns at once, for what a test does while it runs
 * (a signal, a look at /proc): standard input a pipe left open, standard output silenced, and
 * standard error too, or on @stderr_fd (taken) when it is not -1, such as a pseudo-terminal's. */
GSubprocess *
cli_spawn (const char         *program,
           const CliOptions   *o,
           int                 stderr_fd,
           const char * const *argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                               | (stderr_fd < 0 ? G_SUBPROCESS_FLAGS_STDERR_SILENCE : 0));

  if (stderr_fd >= 0)
    g_subprocess_launcher_take_stderr_fd (launcher, stderr_fd);
  return launch (launcher, program, o, argv);
}

void
cli_run_program (CliRun             *r,
                 const char         *program,
                 const char         *profile,
                 const char         *now,
                 const char         *input,
                 const char * const *argv)
{
  cli_run_with (r, program, &(CliOptions) { .profile = profile, .now = now, .input = input }, argv);
}

/* The same in Vietnamese, as an official runs it on a machine where no language was chosen:
 * the catalog the build compiled (MC_TEST_LOCALEDIR). */
void
cli_run_vietnamese (CliRun             *r,
                    const char         *profile,
                    const char         *now,
                    const char * const *argv)
{
  g_autofree char *catalog = g_strconcat ("MC_LOCALEDIR=", g_getenv ("MC_TEST_LOCALEDIR"), NULL);
  const char *env[] = { catalog, "LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE", NULL };

  g_assert_nonnull (g_getenv ("MC_TEST_LOCALEDIR"));
  cli_run_with (r, g_getenv ("MOTCUACTL"), &(CliOptions) { .profile = profile, .now = now, .env = env }, argv);
}

/* Exit 0, nothing on stderr, and @expected_out (when set) on stdout. */
void
cli_assert_ok (const CliRun *r,
               const char   *expected_out)
{
  if (r->status != 0)
    g_test_message ("stderr: %s", r->err);
  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->err, ==, "");
  if (expected_out != NULL)
    g_assert_cmpstr (r->out, ==, expected_out);
}

/* A runtime error: exit 1, exactly one line on stderr (@expected_err, when set), nothing on
 * stdout. */
void
cli_assert_failed (const CliRun *r,
                   const char   *expected_err)
{
  g_assert_cmpint (r->status, ==, 1);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, "motcuactl: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
  if (expected_err != NULL)
    g_assert_cmpstr (r->err, ==, expected_err);
}

/* A usage error of @command: exit 2, the command named on stderr, nothing on stdout. */
void
cli_assert_usage (const CliRun *r,
                  const char   *command)
{
  g_autofree char *prefix = g_strdup_printf ("motcuactl %s: ", command);

  g_assert_cmpint (r->status, ==, 2);
  g_assert_cmpstr (r->out, ==, "");
  g_assert_true (g_str_has_prefix (r->err, prefix));
}
