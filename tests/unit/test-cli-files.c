/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"

/* motcuactl attach and files as a script runs them: the real binary on a real profile. */

static char *profile;

#define RUN(r, ...) CLI_RUN (r, profile, NULL, __VA_ARGS__)

#define NUMBER "TAM.G09-20260302-0001"

static char *
write_file (const char *name,
            const char *content)
{
  char *path = g_build_filename (profile, name, NULL);

  g_assert_true (g_file_set_contents (path, content, -1, NULL));
  return path;
}

static void
test_attach (void)
{
  g_auto(CliRun) r = { 0 };
  g_autofree char *pdf = write_file ("to-khai.pdf", "%PDF-1.4\nto khai\n");
  g_autofree char *png = write_file ("cccd.png", "\x89PNG\r\n\x1a\nanh");
  g_autofree char *text = write_file ("ghi-chu.txt", "khong phai PDF");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *files;

  RUN (&r, "init-sample", "--dossiers", "0");
  cli_assert_ok (&r, NULL);
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Tờ khai", "--document", "Căn cước", "--at", "2026-03-02 09:00");
  cli_assert_ok (&r, NULL);
  RUN (&r, "files", NUMBER);
  cli_assert_ok (&r, NUMBER ": no files\n");

  RUN (&r, "attach", NUMBER, "Tờ khai", pdf);
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_prefix (r.out, NUMBER ": file "));
  g_assert_nonnull (strstr (r.out, "“to-khai.pdf” (1 KB) attached to “Tờ khai”, waiting to be sent"));
  RUN (&r, "attach", NUMBER, "2", png, pdf);
  cli_assert_ok (&r, NULL);
  /* Not one of the dossier's documents, not a PDF/JPEG/PNG, nothing to attach, both. */
  RUN (&r, "attach", NUMBER, "Hộ chiếu", pdf);
  cli_assert_failed (&r, NULL);
  g_assert_true (g_str_has_prefix (r.err, "motcuactl: dossier " NUMBER " has no document “Hộ chiếu”"));
  RUN (&r, "attach", NUMBER, "1", text);
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "is not a PDF, JPEG or PNG file"));
  RUN (&r, "attach", NUMBER, "1");
  cli_assert_usage (&r, "attach");
  RUN (&r, "attach", NUMBER, "1", pdf, "--reuse", "1");
  cli_assert_usage (&r, "attach");
  RUN (&r, "attach", "KHONG-CO", "1", pdf);
  cli_assert_failed (&r, "motcuactl: no dossier numbered “KHONG-CO”\n");

  RUN (&r, "files", NUMBER, "--json");
  cli_assert_ok (&r, NULL);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  files = json_node_get_array (json_parser_get_root (parser));
  /* The PDF twice (two documents), the PNG once; each waits to be sent. */
  g_assert_cmpuint (json_array_get_length (files), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *f = json_array_get_object_element (files, i);

      g_assert_cmpstr (json_object_get_string_member (f, "origin"), ==, "office");
      g_assert_cmpstr (json_object_get_string_member (f, "state"), ==, "pending");
      g_assert_true (g_str_has_prefix (json_object_get_string_member (f, "hash"), "sha256:"));
    }
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 1), "type"), ==, "image/png");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (files, 1), "document"), ==,
                   "Căn cước");
  /* Four actions wait for the G09 system: the intake and the three files. */
  RUN (&r, "outbox", "--json");
  cli_assert_ok (&r, NULL);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (
                     json_node_get_object (json_parser_get_root (parser)), "counts"), "g09"), "pending"), ==, 4);
}

/* Completing with an e-result: its file, number, signing date and signer are kept; returning
 * it says how it was delivered, and an e-result delivery needs one. */
static void
test_e_result (void)
{
  g_auto(CliRun) r = { 0 };
  g_autofree char *result = write_file ("quyet-dinh.pdf", "%PDF-1.4\nquyet dinh\n");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *kq = NULL;
  JsonArray *files;

  RUN (&r, "act", NUMBER, "forward", "--at", "2026-03-03 09:00");
  cli_assert_ok (&r, NULL);
  RUN (&r, "act", NUMBER, "resolve", "--result", "Quyết định công nhận", "--result-number", "12/QĐ-UBND",
       "--at", "2026-03-04 09:00");
  cli_assert_ok (&r, NULL);
  RUN (&r, "act", NUMBER, "return-result", "--method", "in-person", "--delivery", "e-result");
  cli_assert_failed (&r, "motcuactl: Dossier " NUMBER " has no electronic result to deliver: attach the signed "
                     "result first\n");
  RUN (&r, "act", NUMBER, "return-result", "--method", "in-person", "--delivery", "fax");
  cli_assert_usage (&r, "act");
  RUN (&r, "attach", NUMBER, "1", result, "--signer", "Trần Văn Bình");
  cli_assert_usage (&r, "attach");
  RUN (&r, "attach", NUMBER, "Quyết định công nhận", result, "--result", "--number", "12/QĐ-UBND",
       "--signed-on", "2026-03-04 08:30", "--signer", "Trần Văn Bình");
  cli_assert_ok (&r, NULL);
  RUN (&r, "act", NUMBER, "return-result", "--method", "in-person", "--delivery", "both", "--at", "2026-03-05 09:00");
  cli_assert_ok (&r, NULL);

  RUN (&r, "files", NUMBER, "--json");
  cli_assert_ok (&r, NULL);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  files = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (files); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (files, i), "kind"), "result"))
      kq = json_object_get_object_member (json_array_get_object_element (files, i), "result");
  g_assert_nonnull (kq);
  g_assert_cmpstr (json_object_get_string_member (kq, "number"), ==, "12/QĐ-UBND");
  g_assert_cmpstr (json_object_get_string_member (kq, "signer"), ==, "Trần Văn Bình");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (kq, "signed_on"), "2026-03-04T08:30:00"));
}

/* A document digitised for an earlier dossier of the same citizen is reused, marked so, and
 * sent with the new dossier; another citizen's file is not. */
static void
test_reuse (void)
{
  g_auto(CliRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) later = json_parser_new ();
  g_autofree char *reused = NULL;
  JsonObject *first, *copy;
  gint64 id;

  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Căn cước", "--at", "2026-03-06 09:00");
  cli_assert_ok (&r, NULL);
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Phan Văn Khải", "--id-number", "001190000999",
       "--document", "Căn cước", "--at", "2026-03-06 10:00");
  cli_assert_ok (&r, NULL);
  RUN (&r, "files", NUMBER, "--json");
  cli_assert_ok (&r, NULL);
  g_assert_true (json_parser_load_from_data (parser, r.out, -1, NULL));
  first = json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 1);
  g_assert_cmpstr (json_object_get_string_member (first, "document"), ==, "Căn cước");
  id = json_object_get_int_member (first, "id");
  reused = g_strdup_printf ("%lld", (long long) id);

  RUN (&r, "attach", "TAM.G09-20260306-0003", "Căn cước", "--reuse", reused);
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "is not of another dossier of the same citizen"));
  RUN (&r, "attach", "TAM.G09-20260306-0002", "Căn cước", "--reuse", reused);
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "(reused)"));
  RUN (&r, "files", "TAM.G09-20260306-0002", "--json");
  cli_assert_ok (&r, NULL);
  g_assert_true (json_parser_load_from_data (later, r.out, -1, NULL));
  copy = json_array_get_object_element (json_node_get_array (json_parser_get_root (later)), 0);
  g_assert_cmpint (json_object_get_int_member (copy, "reused_from"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (copy, "hash"), ==, json_object_get_string_member (first, "hash"));
  g_assert_cmpstr (json_object_get_string_member (copy, "state"), ==, "pending");
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_setenv ("MC_NOW", "2026-03-10 10:00", TRUE);
  profile = g_dir_make_tmp ("motcua-files-XXXXXX", NULL);
  g_test_add_func ("/cli-files/attach", test_attach);
  g_test_add_func ("/cli-files/e-result", test_e_result);
  g_test_add_func ("/cli-files/reuse", test_reuse);
  status = g_test_run ();
  {
    const char *argv_rm[] = { "rm", "-rf", profile, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL, NULL);
  }
  g_free (profile);
  return status;
}
