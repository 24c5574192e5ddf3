/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mc-secrets.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* Exit statuses of motcuactl: scripts rely on them. */
enum
{
  MC_CLI_OK = 0,
  MC_CLI_FAILED = 1,  /* a runtime error: missing profile, unknown dossier, damaged database */
  MC_CLI_USAGE = 2,   /* the command line itself is wrong */
};

/* What every command gets: the global options, already parsed. */
typedef struct
{
  char *profile_dir;
} McCli;

typedef int (*McCliRun) (McCli  *cli,
                         int     argc,
                         char  **argv);

int       mc_cli_fail          (GError      *error);
int       mc_cli_usage         (const char  *command,
                                const char  *message);
gboolean  mc_cli_parse         (const char  *command,
                                const char  *parameter_string,
                                const GOptionEntry *entries,
                                const char  *description,
                                int         *argc,
                                char      ***argv,
                                int         *out_status);
gboolean  mc_cli_parse_context (GOptionContext *context,
                                const char  *command,
                                int         *argc,
                                char      ***argv,
                                int         *out_status);
gint64    mc_cli_find_dossier  (McStore     *store,
                                const char  *number,
                                int         *out_status);
McStore  *mc_cli_open_store    (McCli       *cli,
                                McStoreOpenFlags flags,
                                int         *out_status);
void      mc_cli_load_audit_key (McStore    *store);
GHashTable *mc_cli_source_names_of (GPtrArray *sources);
GHashTable *mc_cli_source_names (McStore  *store,
                                 GError  **error);
const char *mc_cli_source_name  (GHashTable *names,
                                 const char *source_id);
gboolean    mc_cli_source_is_training (const McSource *source);
const char *mc_cli_source_address     (const McSource *source);
void      mc_cli_print_json    (JsonNode    *node);
gboolean  mc_cli_progress_wanted (void);
void      mc_cli_progress      (const char  *format,
                                ...) G_GNUC_PRINTF (1, 2);
char     *mc_cli_escape_terminal (const char *text);
char     *mc_cli_field         (const char  *text);
int       mc_cli_text_width    (const char  *text);
char     *mc_cli_align         (const char  *text,
                                int          width);
void      mc_cli_install_output_filter (void);
/* Range checks of the dates and amounts given on the command line (mc-cli-range.c): NULL
 * when @value is acceptable, else the message that says why not. */
char     *mc_cli_time_out_of_range   (const char *option,
                                      gint64      value,
                                      gint64      not_before);
char     *mc_cli_date_out_of_range   (const char *option,
                                      gint64      value);
char     *mc_cli_due_out_of_range    (const char *option,
                                      gint64      value,
                                      gint64      after);
char     *mc_cli_amount_out_of_range (const char *option,
                                      gint64      vnd);
gint64    mc_cli_dossier_last_time   (const McDossier *dossier);
char     *mc_cli_official            (McStore    *store,
                                      const char *given,
                                      int        *out_status);
int       mc_cli_main                (int          argc,
                                      char       **argv);
/* Secrets: one line from stdin, prompted without echo on a terminal (mc-cli-secret.c). */
typedef char McCliSecret;
char       *mc_cli_read_secret   (const char  *prompt,
                                  GError     **error);
void        mc_cli_free_secret   (char        *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCliSecret, mc_cli_free_secret)
const char *mc_cli_secret_prompt (McSecretKind kind);
gboolean    mc_cli_keyring_reachable (void);

int mc_cli_init_sample (McCli *cli, int argc, char **argv);
int mc_cli_search      (McCli *cli, int argc, char **argv);
int mc_cli_list        (McCli *cli, int argc, char **argv);
int mc_cli_show        (McCli *cli, int argc, char **argv);
int mc_cli_check_sample (McCli *cli, int argc, char **argv);
int mc_cli_due         (McCli *cli, int argc, char **argv);
int mc_cli_lunar       (McCli *cli, int argc, char **argv);
int mc_cli_calendar    (McCli *cli, int argc, char **argv);
int mc_cli_print       (McCli *cli, int argc, char **argv);
int mc_cli_register    (McCli *cli, int argc, char **argv);
int mc_cli_scan        (McCli *cli, int argc, char **argv);
int mc_cli_report      (McCli *cli, int argc, char **argv);
int mc_cli_settings    (McCli *cli, int argc, char **argv);
int mc_cli_act         (McCli *cli, int argc, char **argv);
int mc_cli_attach      (McCli *cli, int argc, char **argv);
int mc_cli_files       (McCli *cli, int argc, char **argv);
int mc_cli_receive_new (McCli *cli, int argc, char **argv);
int mc_cli_outbox      (McCli *cli, int argc, char **argv);
int mc_cli_audit       (McCli *cli, int argc, char **argv);
int mc_cli_sources     (McCli *cli, int argc, char **argv);
int mc_cli_sync        (McCli *cli, int argc, char **argv);
int mc_cli_doctor      (McCli *cli, int argc, char **argv);
int mc_cli_sources_signin (McCli *cli, int argc, char **argv);
int mc_cli_sources_pin    (McCli *cli, int argc, char **argv);
int mc_cli_sources_test   (McCli *cli, int argc, char **argv);

G_END_DECLS
