/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mc-print.h"
#include "mc-store-audit.h"
#include "mc-store-register.h"
#include "mc-time.h"
#include "print-test-util.h"

/* motcuactl print, register and settings as scripts use them: real processes on a real profile,
 * the PDFs read back with pdftotext. */

#define NOW "1794971200"  /* Wednesday 2026-11-18 10:06 in Vietnam */

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static char *profile;
static char *tmpdir;

static void
run_v (Run                *r,
       const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                                      G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GSubprocess) proc = NULL;

  g_ptr_array_add (args, (gpointer) g_getenv ("MOTCUACTL"));
  g_ptr_array_add (args, "--profile");
  g_ptr_array_add (args, profile);
  for (; *argv; argv++)
    g_ptr_array_add (args, (gpointer) *argv);
  g_ptr_array_add (args, NULL);
  g_subprocess_launcher_setenv (launcher, "MC_NOW", NOW, TRUE);
  proc = g_subprocess_launcher_spawnv (launcher, (const char * const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (proc));
  r->status = g_subprocess_get_exit_status (proc);
}

#define RUN(r, ...) G_STMT_START { const char *argv_[] = { __VA_ARGS__, NULL }; run_v (r, argv_); } G_STMT_END

/* A runtime error is one line on stderr. */
static void
assert_one_error_line (const Run *r)
{
  g_assert_cmpint (r->status, ==, 1);
  g_assert_true (g_str_has_prefix (r->err, "motcuactl: "));
  g_assert_nonnull (strchr (r->err, '\n'));
  g_assert_cmpstr (strchr (r->err, '\n') + 1, ==, "");
}

/* The number of the first dossier listed in @status. */
static char *
number_in_status (int status)
{
  g_auto(Run) r = { 0 };
  g_autofree char *arg = g_strdup_printf ("%d", status);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  RUN (&r, "list", "--status", arg, "--limit", "1", "--json");
  g_assert_cmpint (r.status, ==, 0);
  node = json_from_string (r.out, &error);
  g_assert_no_error (error);
  return g_strdup (json_object_get_string_member (json_array_get_object_element (json_node_get_array (node), 0),
                                                  "number"));
}

static McStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mc_store_profile_path (profile);
  McStore *store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);

  g_assert_no_error (error);
  return store;
}

/* How many entries the audit chain holds, once verified. */
static guint
audit_entries (void)
{
  g_autoptr(McStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  guint n = 0;

  g_assert_true (mc_store_audit_verify (store, &n, &error));
  g_assert_no_error (error);
  return n;
}

static void
test_settings (void)
{
  g_auto(Run) list = { 0 };
  g_auto(Run) get = { 0 };
  g_auto(Run) set = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) listed = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) unset = { 0 };
  g_auto(Run) unset_again = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) verb = { 0 };
  guint audited = audit_entries ();

  RUN (&list, "settings", "list");
  g_assert_cmpint (list.status, ==, 0);
  g_assert_nonnull (strstr (list.out, "office.unit\tBỘ PHẬN MỘT CỬA\t(default)\n"));
  g_assert_nonnull (strstr (list.out, "form.receiver-title\tCÔNG CHỨC TIẾP NHẬN HỒ SƠ\t(default)\n"));
  g_assert_nonnull (strstr (list.out, "office.parent\t\t(default)\n"));

  RUN (&get, "settings", "get", "office.unit");
  g_assert_cmpint (get.status, ==, 0);
  g_assert_cmpstr (get.out, ==, "BỘ PHẬN MỘT CỬA\n");

  RUN (&set, "settings", "set", "office.parent", "ỦY BAN NHÂN DÂN XÃ PHÚ LỘC");
  g_assert_cmpint (set.status, ==, 0);
  RUN (&again, "settings", "get", "office.parent");
  g_assert_cmpstr (again.out, ==, "ỦY BAN NHÂN DÂN XÃ PHÚ LỘC\n");
  RUN (&listed, "settings", "list");
  g_assert_nonnull (strstr (listed.out, "office.parent\tỦY BAN NHÂN DÂN XÃ PHÚ LỘC\t(set)\n"));

  RUN (&unknown, "settings", "set", "office.name", "x");
  g_assert_cmpint (unknown.status, ==, 2);
  RUN (&unset, "settings", "unset", "office.phone");
  assert_one_error_line (&unset);   /* never set */
  RUN (&unset_again, "settings", "unset", "office.parent");
  g_assert_cmpint (unset_again.status, ==, 0);
  RUN (&missing, "settings", "set", "office.unit");
  g_assert_cmpint (missing.status, ==, 2);
  RUN (&verb, "settings", "remove", "office.unit");
  g_assert_cmpint (verb.status, ==, 2);

  /* What the forms say about the office changed twice: both changes are in the audit log. */
  g_assert_cmpuint (audit_entries (), ==, audited + 2);
}

/* Every form prints from the command line, says what the office set, and has the same text as
 * the library's rendering: the window and motcuactl print the same pages. */
static void
test_print (void)
{
  g_autofree char *number = number_in_status (MC_STATUS_PROCESSING);
  g_autoptr(McStore) store = NULL;
  g_autoptr(McDossier) d = NULL;
  g_autoptr(McPrintOffice) office = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) set = { 0 };
  McPrintOptions options = { 0 };

  RUN (&set, "settings", "set", "office.unit", "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC");
  g_assert_cmpint (set.status, ==, 0);

  store = open_store ();
  d = mc_store_get_dossier (store, mc_store_find_number (store, number, NULL), &error);
  g_assert_no_error (error);
  office = mc_print_office_load (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (office->unit, ==, "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC");
  g_assert_true (mc_time_parse ("2026-11-18", &options.printed_at));

  for (McPrintForm form = 0; form < MC_PRINT_N_FORMS; form++)
    {
      g_auto(Run) r = { 0 };
      g_autofree char *name = g_strdup_printf ("cli-%s.pdf", mc_print_form_id (form));
      g_autofree char *lib_name = g_strdup_printf ("lib-%s.pdf", mc_print_form_id (form));
      g_autofree char *pdf = g_build_filename (tmpdir, name, NULL);
      g_autofree char *lib_pdf = g_build_filename (tmpdir, lib_name, NULL);
      g_autoptr(McPrintLayout) layout = mc_print_dossier (office, d, form, &options, &error);
      g_autofree char *text = NULL;
      g_autofree char *lib_text = NULL;

      g_assert_no_error (error);
      g_assert_true (mc_print_layout_write_pdf (layout, lib_pdf, &error));
      g_assert_no_error (error);
      RUN (&r, "print", number, mc_print_form_id (form), "--output", pdf, "--date", "2026-11-18");
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");
      text = print_test_pdf_text (pdf, 0, 0);
      lib_text = print_test_pdf_text (lib_pdf, 0, 0);
      g_assert_true (print_test_contains (text, number));
      g_assert_true (print_test_contains (text, "BỘ PHẬN MỘT CỬA XÃ PHÚ LỘC"));
      g_assert_true (print_test_contains (text, "ngày 18 tháng 11 năm 2026"));
      g_assert_cmpstr (text, ==, lib_text);
    }
}

static void
test_print_errors (void)
{
  g_autofree char *number = number_in_status (MC_STATUS_PROCESSING);
  g_autofree char *submitted = number_in_status (MC_STATUS_SUBMITTED);
  g_autofree char *pdf = g_build_filename (tmpdir, "error.pdf", NULL);
  g_auto(Run) unknown = { 0 };
  g_auto(Run) form = { 0 };
  g_auto(Run) output = { 0 };
  g_auto(Run) args = { 0 };
  g_auto(Run) not_received = { 0 };
  g_auto(Run) unwritable = { 0 };

  RUN (&unknown, "print", "G16.000-20260101-9999999", "receipt", "--output", pdf);
  assert_one_error_line (&unknown);
  RUN (&form, "print", number, "invoice", "--output", pdf);
  g_assert_cmpint (form.status, ==, 2);
  RUN (&output, "print", number, "receipt");
  g_assert_cmpint (output.status, ==, 2);
  RUN (&args, "print", number);
  g_assert_cmpint (args.status, ==, 2);
  RUN (&not_received, "print", submitted, "receipt", "--output", pdf);
  assert_one_error_line (&not_received);
  RUN (&unwritable, "print", number, "receipt", "--output", "/nonexistent-dir/receipt.pdf");
  assert_one_error_line (&unwritable);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

/* The register of one day lists exactly the dossiers the store says were received that day. */
static void
test_register (void)
{
  g_autoptr(McStore) store = open_store ();
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GArray) before = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (tmpdir, "register.pdf", NULL);
  g_autofree char *text = NULL;
  g_autofree char *size = NULL;
  g_autofree char *total = NULL;
  g_auto(Run) r = { 0 };
  g_auto(Run) bad = { 0 };
  g_auto(Run) reversed = { 0 };
  g_auto(Run) empty = { 0 };
  gint64 day, next;

  /* Tuesday 2026-11-17 and the day before it. */
  g_assert_true (mc_time_parse ("2026-11-17", &day));
  next = day + 86400;
  ids = mc_store_list_received (store, day, next, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 0);
  before = mc_store_list_received (store, day - 86400, day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (before->len, >, 0);

  RUN (&r, "register", "--from", "2026-11-17", "--to", "2026-11-17", "--output", pdf);
  g_assert_cmpint (r.status, ==, 0);
  size = print_test_pdf_page_size (pdf);
  g_assert_true (g_str_has_prefix (size, "841.89 x 595.2"));
  text = print_test_pdf_text (pdf, 0, 0);
  g_assert_true (print_test_contains (text, "Từ ngày 17 tháng 11 năm 2026 đến ngày 17 tháng 11 năm 2026"));
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_true (print_test_contains (text, d->number));
    }
  for (guint i = 0; i < before->len; i++)
    {
      g_autoptr(McDossier) d = mc_store_get_dossier (store, g_array_index (before, gint64, i), &error);

      g_assert_no_error (error);
      g_assert_false (print_test_contains (text, d->number));
    }
  total = g_strdup_printf ("Tổng số hồ sơ đã tiếp nhận: %u", ids->len);
  g_assert_true (print_test_contains (text, total));

  RUN (&bad, "register", "--from", "17.11.2026", "--to", "2026-11-17", "--output", pdf);
  g_assert_cmpint (bad.status, ==, 2);
  RUN (&reversed, "register", "--from", "2026-11-17", "--to", "2026-11-16", "--output", pdf);
  g_assert_cmpint (reversed.status, ==, 2);
  RUN (&empty, "register", "--from", "2020-01-01", "--to", "2020-01-31", "--output", pdf);
  g_assert_cmpint (empty.status, ==, 0);
  g_free (text);
  text = print_test_pdf_text (pdf, 0, 0);
  g_assert_true (print_test_contains (text, "Không có hồ sơ nào được tiếp nhận"));
}

int
main (int    argc,
      char **argv)
{
  static const char *tools[] = { "pdftotext", "pdfinfo", NULL };
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) init = { 0 };
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  if (print_test_tools_missing (tools, &reason))
    {
      g_print ("1..0 # SKIP %s\n", reason);
      return 0;
    }
  tmpdir = g_dir_make_tmp ("motcua-print-cli-XXXXXX", &error);
  g_assert_no_error (error);
  profile = g_build_filename (tmpdir, "profile", NULL);
  RUN (&init, "init-sample", "--dossiers", "400");
  g_assert_cmpint (init.status, ==, 0);

  g_test_add_func ("/print/cli/settings", test_settings);
  g_test_add_func ("/print/cli/print", test_print);
  g_test_add_func ("/print/cli/print-errors", test_print_errors);
  g_test_add_func ("/print/cli/register", test_register);
  status = g_test_run ();

  {
    g_autofree char *rm_argv0 = g_find_program_in_path ("rm");
    const char *rm[] = { rm_argv0, "-rf", tmpdir, NULL };
    int rm_status;

    g_free (print_test_run (rm, &rm_status));
  }
  g_free (profile);
  g_free (tmpdir);
  return status;
}
