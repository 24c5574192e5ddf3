/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* motcuactl as scripts use it, in the tests: a real process, its exit status and its output. */
typedef struct
{
  int status;
  char *out;
  char *err;
} CliRun;

/* How to run it, beyond its arguments; unset fields are left alone. */
typedef struct
{
  const char * const *wrapper;  /* a program and its arguments that run motcuactl (setpriv) */
  const char *profile;          /* "--profile PROFILE" first */
  const char *now;              /* MC_NOW */
  const char *input;            /* standard input */
  const char * const *env;      /* "NAME=value" to set, "NAME" to unset, …, NULL */
  gboolean merge_stderr;        /* standard error into out, as a terminal shows them */
} CliOptions;

void cli_run_clear     (CliRun             *r);
void cli_run_with      (CliRun             *r,
                        const char         *program,
                        const CliOptions   *options,
                        const char * const *argv);
GSubprocess *cli_spawn (const char         *program,
                        const CliOptions   *options,
                        int                 stderr_fd,
                        const char * const *argv);
void cli_run_program   (CliRun             *r,
                        const char         *program,
                        const char         *profile,
                        const char         *now,
                        const char         *input,
                        const char * const *argv);
void cli_run_vietnamese (CliRun            *r,
                        const char         *profile,
                        const char         *now,
                        const char * const *argv);
void cli_assert_ok     (const CliRun       *r,
                        const char         *expected_out);
void cli_assert_failed (const CliRun       *r,
                        const char         *expected_err);
void cli_assert_usage  (const CliRun       *r,
                        const char         *command);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* motcuactl ($MOTCUACTL) with the arguments that follow, on @profile (NULL: the arguments
 * name it, or none), with MC_NOW @now (NULL: the real time). */
#define CLI_RUN(r, profile, now, ...) G_STMT_START { \
    const char *cli_argv_[] = { __VA_ARGS__, NULL }; \
    cli_run_program ((r), g_getenv ("MOTCUACTL"), (profile), (now), NULL, cli_argv_); \
  } G_STMT_END

/* The same in Vietnamese (cli_run_vietnamese()). */
#define CLI_RUN_VI(r, profile, now, ...) G_STMT_START { \
    const char *cli_argv_[] = { __VA_ARGS__, NULL }; \
    cli_run_vietnamese ((r), (profile), (now), cli_argv_); \
  } G_STMT_END

G_END_DECLS
