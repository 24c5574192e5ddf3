/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-cli.h"
#include "mc-connector.h"
#include "mc-dossier-json.h"
#include "mc-secrets.h"
#include "mc-store-files.h"
#include "mc-time.h"

/* motcuactl attach and files: the files of a dossier (digitised at the counter, reused from
 * an earlier dossier of the same citizen, or listed by the ministry system and downloaded on
 * demand). */

/* DOCUMENT: the name of one of the dossier's documents, or its place in the list (1, 2, …). */
static const char *
document_of (const McDossier *d,
             const char      *given)
{
  char *end = NULL;
  guint64 n = g_ascii_strtoull (given, &end, 10);

  if (end != given && *end == '\0' && n >= 1 && n <= d->documents->len)
    return ((McDocument *) g_ptr_array_index (d->documents, n - 1))->name;
  for (guint i = 0; i < d->documents->len; i++)
    if (g_str_equal (((McDocument *) g_ptr_array_index (d->documents, i))->name, given))
      return given;
  return NULL;
}

int
mc_cli_attach (McCli  *cli,
               int     argc,
               char  **argv)
{
  gint64 reuse = 0;
  gboolean result = FALSE;
  g_autofree char *number = NULL, *signed_on = NULL, *signer = NULL;
  GOptionEntry entries[] = {
    { "reuse", 0, 0, G_OPTION_ARG_INT64, &reuse,
      N_("Attach file FILE-ID of an earlier dossier of the same citizen instead of files on disk"), "FILE-ID" },
    { "result", 0, 0, G_OPTION_ARG_NONE, &result,
      N_("The files are the electronic result (DOCUMENT is its name), not a component"), NULL },
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, N_("The result document's number (with --result)"), N_("NUMBER") },
    { "signed-on", 0, 0, G_OPTION_ARG_STRING, &signed_on, N_("When the result was signed (with --result)"),
      N_("“DD/MM/YYYY HH:MM”") },
    { "signer", 0, 0, G_OPTION_ARG_STRING, &signer, N_("Who signed the result (with --result)"), N_("NAME") },
    { NULL }
  };
  gint64 signed_at = 0;
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) d = NULL;
  const char *document;
  GError *error = NULL;
  int status = MC_CLI_OK;
  gint64 id;

  if (!mc_cli_parse ("attach", _("NUMBER DOCUMENT FILE… — attach files to a document of a dossier"),
                     entries,
                     _("DOCUMENT is the name of one of the dossier's documents or its place "
                       "in the list (1, 2, …). FILE is a PDF, JPEG or PNG file; each is kept "
                       "in the profile and sent to the ministry system with the next sync."),
                     &argc, &argv, &status))
    return status;
  if (argc < 3)
    return mc_cli_usage ("attach", _("a dossier NUMBER and a DOCUMENT are needed"));
  if ((reuse > 0) == (argc > 3))
    return mc_cli_usage ("attach", _("give either FILE… or --reuse FILE-ID"));
  if (!result && (number || signed_on || signer))
    return mc_cli_usage ("attach", _("--number, --signed-on and --signer describe a result: give --result"));
  if (signed_on != NULL && !mc_time_parse (signed_on, &signed_at))
    return mc_cli_usage ("attach", _("--signed-on must be “DD/MM/YYYY HH:MM” (or “YYYY-MM-DD HH:MM”)"));

  if (!(store = mc_cli_open_store (cli, MC_STORE_OPEN_EXISTING, &status)))
    return status;
  mc_cli_load_audit_key (store);
  if (!(id = mc_cli_find_dossier (store, argv[1], &status)))
    return status;
  if (!(d = mc_store_get_dossier (store, id, &error)))
    return mc_cli_fail (error);
  /* A result is named freely (the dossier's results list may not have it yet). */
  if (!(document = result ? argv[2] : document_of (d, argv[2])))
    {
      g_autoptr(GString) list = g_string_new (NULL);
      g_autofree char *given = mc_cli_escape_terminal (argv[2]);

      for (guint i = 0; i < d->documents->len; i++)
        {
          g_autofree char *name = mc_cli_escape_terminal (((McDocument *) g_ptr_array_index (d->documents, i))->name);

          g_string_append_printf (list, "%s%u. %s", i ? "; " : "", i + 1, name);
        }
      /* One line, as every error of motcuactl. */
      g_printerr (_("motcuactl: dossier %s has no document “%s” (its documents: %s)\n"), d->number, given, list->str);
      return MC_CLI_FAILED;
    }
  for (int i = 3; i < MAX (argc, 4); i++)
    {
      McAttachInput in = {
        .path = reuse > 0 ? NULL : argv[i],
        .reuse_from = reuse,
        .component = document,
        .kind = result ? MC_FILE_RESULT : MC_FILE_COMPONENT,
        .doc_number = number,
        .doc_date = signed_at,
        .signer = signer,
      };
      g_autoptr(McFile) file = NULL;
      g_autofree char *name = NULL;
      gint64 file_id = 0;

      if (!mc_store_attach_file (store, id, &in, g_get_user_name (), &file_id, &error)
          || !(file = mc_store_get_file (store, file_id, &error)))
        return mc_cli_fail (error);
      name = mc_cli_escape_terminal (file->name);
      /* TRANSLATORS: dossier number, file id, file name, size in KB, document */
      g_print (_("%s: file %lld “%s” (%lld KB) attached to “%s”%s, waiting to be sent to the ministry system\n"),
               d->number, (long long) file->id, name, (long long) (file->size + 1023) / 1024, document,
               file->reused_from > 0 ? _(" (reused)") : "");
    }
  return MC_CLI_OK;
}

/* What the official reads of a file's place: the office's own by its sending, the system's
 * by whether it is on this computer. */
static const char *
state_of (McStore       *store,
          const McFile  *f,
          const char   **out_id)
{
  McOutboxState state;
  gboolean known = FALSE;

  if (f->origin == MC_FILE_REMOTE)
    {
      *out_id = f->local_path ? "downloaded" : "on-system";
      return f->local_path ? _("on the ministry system, downloaded") : _("on the ministry system");
    }
  if (!mc_store_file_send_state (store, f, &state, &known, NULL) || !known)
    {
      *out_id = "local";
      return _("on this computer only");
    }
  *out_id = mc_outbox_state_id (state);
  return mc_outbox_state_label (state);
}

/* Fetches file @file_id of dossier @d from its ministry system and keeps it in the profile
 * (checked against the size and hash the system lists). */
static int
download (McStore          *store,
          const McDossier  *d,
          gint64            file_id)
{
  g_autoptr(McSource) source = NULL;
  g_autoptr(McSecrets) keyring = NULL;
  g_autoptr(GHashTable) secrets = NULL;
  g_autoptr(McConnector) connector = NULL;
  g_autoptr(GBytes) content = NULL;
  GError *error = NULL;
  const McFile *file = NULL;

  for (guint i = 0; i < d->files->len; i++)
    if (((McFile *) g_ptr_array_index (d->files, i))->id == file_id)
      file = g_ptr_array_index (d->files, i);
  if (file == NULL || file->origin != MC_FILE_REMOTE)
    {
      g_printerr (_("motcuactl: dossier %s has no file %lld listed by its ministry system\n"), d->number,
                  (long long) file_id);
      return MC_CLI_FAILED;
    }
  if (!(source = mc_store_get_source (store, d->source_id, &error)))
    return mc_cli_fail (error);
  keyring = mc_secrets_new (mc_store_get_path (store));
  if (!(secrets = mc_secrets_load_source_sync (keyring, source, NULL, &error))
      || !(connector = mc_connector_new (source, secrets, &error)))
    return mc_cli_fail (error);
  mc_connector_set_keyring (connector, keyring);
  if (!(content = mc_connector_download (connector, file, NULL, &error))
      || !mc_store_keep_download (store, file->id, content, &error))
    return mc_cli_fail (error);
  return MC_CLI_OK;
}

int
mc_cli_files (McCli  *cli,
              int     argc,
              char  **argv)
{
  gboolean json = FALSE;
  gint64 fetch = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "download", 0, 0, G_OPTION_ARG_INT64, &fetch,
      N_("Download file FILE-ID from the ministry system first and keep it"), "FILE-ID" },
    { NULL }
  };
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(JsonBuilder) b = json_builder_new ();
  GError *error = NULL;
  int status = MC_CLI_OK;
  gint64 id;

  if (!mc_cli_parse ("files", _("NUMBER — list the files of a dossier"), entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return mc_cli_usage ("files", _("a dossier NUMBER is needed"));
  if (!(store = mc_cli_open_store (cli, fetch ? MC_STORE_OPEN_EXISTING : MC_STORE_OPEN_EXISTING | MC_STORE_OPEN_READ_ONLY,
                                   &status)))
    return status;
  if (!(id = mc_cli_find_dossier (store, argv[1], &status)))
    return status;
  if (!(d = mc_store_get_dossier (store, id, &error)))
    return mc_cli_fail (error);
  if (fetch > 0)
    {
      if ((status = download (store, d, fetch)) != MC_CLI_OK)
        return status;
      g_clear_pointer (&d, mc_dossier_unref);
      if (!(d = mc_store_get_dossier (store, id, &error)))
        return mc_cli_fail (error);
    }

  json_builder_begin_array (b);
  if (!json && d->files->len == 0)
    g_print (_("%s: no files\n"), d->number);
  for (guint i = 0; i < d->files->len; i++)
    {
      McFile *f = g_ptr_array_index (d->files, i);
      const char *state_id = NULL;
      const char *state = state_of (store, f, &state_id);

      if (json)
        {
          json_builder_begin_object (b);
          mc_json_add_int (b, "id", f->id);
          mc_json_add_string (b, "origin", f->origin == MC_FILE_LOCAL ? "office" : "system");
          mc_json_add_string (b, "kind", f->kind == MC_FILE_RESULT ? "result" : "component");
          mc_json_add_string (b, "document", f->component);
          mc_json_add_string (b, "name", f->name);
          mc_json_add_int (b, "size", f->size);
          mc_json_add_string (b, "hash", f->hash);
          mc_json_add_string (b, "type", f->content_type);
          mc_json_add_string (b, "state", state_id);
          if (f->kind == MC_FILE_RESULT && (f->doc_number || f->signer || f->doc_date))
            {
              g_autofree char *date = f->doc_date ? mc_time_format_iso (f->doc_date) : NULL;

              json_builder_set_member_name (b, "result");
              json_builder_begin_object (b);
              mc_json_add_string (b, "number", f->doc_number);
              mc_json_add_string (b, "signed_on", date);
              mc_json_add_string (b, "signer", f->signer);
              json_builder_end_object (b);
            }
          json_builder_set_member_name (b, "reused_from");
          if (f->reused_from > 0)
            json_builder_add_int_value (b, f->reused_from);
          else
            json_builder_add_null_value (b);
          json_builder_end_object (b);
        }
      else
        {
          g_autofree char *name = mc_cli_escape_terminal (f->name);
          g_autofree char *document = mc_cli_escape_terminal (f->component ? f->component
                                                              : f->kind == MC_FILE_RESULT ? _("Result") : "—");

          g_print ("%6" G_GINT64_FORMAT "  %-28s  %s  %8" G_GINT64_FORMAT " KB  %s%s\n", f->id, document, name,
                   (MAX (f->size, 0) + 1023) / 1024, state, f->reused_from > 0 ? _(" (reused)") : "");
        }
    }
  json_builder_end_array (b);
  if (json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (b);

      mc_cli_print_json (root);
    }
  return MC_CLI_OK;
}
