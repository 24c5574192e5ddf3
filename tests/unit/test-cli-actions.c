/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "cli-test-util.h"
#include "mc-sample.h"

/* motcuactl act, receive-new, outbox and audit as a script runs them: the real binary on a
 * real profile, and the audit log tampered with by the sqlite3 command-line tool. */

static char *profile;

#define RUN(r, ...) CLI_RUN (r, profile, NULL, __VA_ARGS__)

#define NUMBER "TAM.G09-20260302-0001"

/* init-sample sets the sample commune's office settings first, each change audited. */
static guint
sample_settings (void)
{
  g_autoptr(GPtrArray) settings = mc_sample_office_settings (MC_SAMPLE_DEFAULT_SEED);

  return settings->len;
}

static void
receive_first (void)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "init-sample", "--dossiers", "0");
  cli_assert_ok (&r, NULL);
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Tờ khai", "--document", "Căn cước", "--at", "2026-03-02 09:00", "--dry-run");
  cli_assert_ok (&r, "09/03/2026 09:00\n");
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123",
       "--document", "Tờ khai", "--document", "Căn cước", "--at", "2026-03-02 09:00");
  cli_assert_ok (&r, NUMBER "\t09/03/2026 09:00\n");
}

static void
test_receive_new (void)
{
  g_auto(CliRun) r = { 0 };

  receive_first ();
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "099190000123",
       "--document", "Tờ khai");
  cli_assert_failed (&r, "motcuactl: The ID number starts with 099, which is not a province code\n");
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Thị Hoa", "--id-number", "001190000123");
  cli_assert_failed (&r, "motcuactl: Tick the documents received\n");
  RUN (&r, "receive-new", "--procedure", "1.010833", "--method", "pigeon");
  cli_assert_usage (&r, "receive-new");
  RUN (&r, "receive-new", "--at", "02.03.2026");
  cli_assert_usage (&r, "receive-new");
  RUN (&r, "receive-new", "extra");
  cli_assert_usage (&r, "receive-new");
  RUN (&r, "search", "TAM.G09-20260302");
  cli_assert_ok (&r, NULL);
  /* Under the header line, the procedure by its name, last. */
  g_assert_true (g_str_has_prefix (r.out, "Number\tSystem\tStatus\tApplicant\tDue\tProcedure\n"));
  g_assert_nonnull (strstr (r.out, "\n" NUMBER "\tNội vụ\tReceived\tLê Thị Hoa\t"));
  g_assert_nonnull (strstr (r.out, "\tXác nhận thân nhân của người có công\n"));
}

static void
test_act (void)
{
  g_auto(CliRun) r = { 0 };

  RUN (&r, "act", NUMBER, "forward", "--at", "2026-03-03 09:00");
  cli_assert_ok (&r, NUMBER ": Forward for processing; status “Processing”, waiting to be sent to the ministry "
                 "system\nDue: 09/03/2026 09:00\n");
  RUN (&r, "act", NUMBER, "forward");
  cli_assert_failed (&r, "motcuactl: “Forward for processing” is not allowed on dossier " NUMBER
                     " in status “Processing”\n");
  RUN (&r, "act", NUMBER, "stop");
  cli_assert_failed (&r, "motcuactl: Give the reason for stopping the processing\n");
  RUN (&r, "act", NUMBER, "request-supplement", "--item", "Ảnh 4x6", "--item", "Tờ khai có chữ ký",
       "--at", "2026-03-05 15:00");
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_suffix (r.out, "status “Supplement requested”, waiting to be sent to the ministry "
                                          "system\nDue: 09/03/2026 09:00\n"));
  /* Paused Thursday 15:00 to Monday 08:00: 11 working hours later. */
  RUN (&r, "act", NUMBER, "supplement-received", "--at", "2026-03-09 08:00");
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_suffix (r.out, "\nDue: 10/03/2026 14:00\n"));
  RUN (&r, "act", NUMBER, "request-supplement", "--item", "x");
  cli_assert_failed (&r, "motcuactl: A supplement was already requested for dossier " NUMBER
                     ": it can be requested only once\n");
  /* Friday 18:00 is after closing: the appointment moves to Monday 07:00, and the official is told. */
  RUN (&r, "act", NUMBER, "reschedule", "--reason", "Cần xác minh thêm", "--due", "2026-03-20 18:00");
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_suffix (r.out, "\n20/03/2026 18:00 is outside office hours or on a day off: the "
                                          "appointment is moved to 23/03/2026 07:00, the next office time\n"
                                          "Due: 23/03/2026 07:00\n"));
  RUN (&r, "act", NUMBER, "reschedule", "--reason", "Lần hai", "--due", "2026-03-27 17:00");
  cli_assert_failed (&r, "motcuactl: Dossier " NUMBER " was already rescheduled: a new due date can be set only once\n");
  RUN (&r, "act", NUMBER, "resolve", "--result", "Giấy xác nhận", "--result-number", "12/GXN");
  cli_assert_ok (&r, NULL);
  RUN (&r, "act", NUMBER, "return-result", "--method", "post");
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_prefix (r.out, NUMBER ": Return result; status “Result returned”"));

  /* Usage errors: exit 2 before the profile is touched. */
  RUN (&r, "act", NUMBER, "frobnicate");
  cli_assert_usage (&r, "act");
  RUN (&r, "act", NUMBER);
  cli_assert_usage (&r, "act");
  RUN (&r, "act", NUMBER, "refuse", "--reason", "x", "--item", "y");
  cli_assert_usage (&r, "act");
  RUN (&r, "act", NUMBER, "reschedule", "--reason", "x", "--due", "20.03.2026");
  cli_assert_usage (&r, "act");
  RUN (&r, "act", NUMBER, "return-result", "--method", "pigeon");
  cli_assert_usage (&r, "act");
  RUN (&r, "act", NUMBER, "refuse", "--reason", "x", "--note", "y");
  cli_assert_usage (&r, "act");
  RUN (&r, "act", "G00.00-00000000-0000000", "forward");
  cli_assert_failed (&r, "motcuactl: no dossier numbered “G00.00-00000000-0000000”\n");
}

static void
test_outbox (void)
{
  g_auto(CliRun) r = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *g09;
  JsonArray *entries;

  RUN (&r, "outbox");
  cli_assert_ok (&r, NULL);
  /* The states that hold something, in plain words with their counts (--json has them all). */
  g_assert_true (g_str_has_prefix (r.out, "Giáo dục và Đào tạo: no action yet\n"));
  g_assert_nonnull (strstr (r.out, "\nNội vụ: Waiting to be sent 7\n"));
  g_assert_nonnull (strstr (r.out, "\tNội vụ\t" NUMBER "\tReturn result\tWaiting to be sent\t0\t\n"));

  RUN (&r, "outbox", "--json");
  cli_assert_ok (&r, NULL);
  json_parser_load_from_data (parser, r.out, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g09 = json_object_get_object_member (json_object_get_object_member (root, "counts"), "g09");
  g_assert_cmpint (json_object_get_int_member (g09, "pending"), ==, 7);
  entries = json_object_get_array_member (root, "entries");
  g_assert_cmpuint (json_array_get_length (entries), ==, 7);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (
    json_array_get_object_element (entries, 0), "payload"), "create"));
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (entries, 6), "action"), ==,
                   "return-result");

  RUN (&r, "outbox", "--state", "rejected");
  cli_assert_ok (&r, NULL);
  g_assert_null (strstr (r.out, NUMBER));
  RUN (&r, "outbox", "--state", "lost");
  cli_assert_usage (&r, "outbox");
  RUN (&r, "outbox", "--state", "Waiting");
  cli_assert_usage (&r, "outbox");
}

/* The entries are a table with a header, in the official's language; --help lists what
 * --state takes, which is the id or the name as printed. */
static void
test_outbox_words (void)
{
  static const char *header = "\nID\tCreated\tSystem\tNumber\tAction\tSending state\tAttempts\tLast error\n";
  g_auto(CliRun) r = { 0 };
  const char *line;

  RUN (&r, "outbox");
  cli_assert_ok (&r, NULL);
  line = strstr (r.out, header);
  g_assert_nonnull (line);
  /* The header is right above the entries, after the counts. */
  g_assert_true (g_str_has_prefix (line + strlen (header), "1\t"));
  g_assert_null (strstr (line + 1, "\nID\t"));

  CLI_RUN_VI (&r, profile, NULL, "outbox");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\nMã\tLập lúc\tHệ thống\tMã hồ sơ\tThao tác\tTình trạng gửi\tSố lần gửi\tLỗi gần nhất\n1\t"));
  g_assert_nonnull (strstr (r.out, "\nNội vụ: Đang chờ gửi 7\n"));
  g_assert_nonnull (strstr (r.out, "\tNội vụ\t" NUMBER "\tTrả kết quả\tĐang chờ gửi\t0\t\n"));

  RUN (&r, "outbox", "--help");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\n  pending        Waiting to be sent\n"));
  g_assert_nonnull (strstr (r.out, "\n  applied_twice  Needs review: applied twice on the ministry system\n"));
  CLI_RUN_VI (&r, NULL, NULL, "outbox", "--help");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\n  pending        Đang chờ gửi\n"));
  g_assert_nonnull (strstr (r.out, "\n  rejected       Bị hệ thống của bộ từ chối\n"));

  /* The name as the listing prints it, with or without its diacritics, in any case. */
  CLI_RUN_VI (&r, profile, NULL, "outbox", "--state", "đang chờ gửi");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\t" NUMBER "\tTrả kết quả\t"));
  CLI_RUN_VI (&r, profile, NULL, "outbox", "--state", "DANG CHO GUI");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\t" NUMBER "\tTrả kết quả\t"));
  CLI_RUN_VI (&r, profile, NULL, "outbox", "--state", "Bị hệ thống của bộ từ chối");
  cli_assert_ok (&r, NULL);
  g_assert_null (strstr (r.out, NUMBER));
  RUN (&r, "outbox", "--state", "Waiting to be sent");
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "\t" NUMBER "\tReturn result\t"));
  RUN (&r, "outbox", "discard", "x");
  cli_assert_usage (&r, "outbox");
  RUN (&r, "outbox", "discard", "1");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "cannot become “Discarded”"));
  RUN (&r, "outbox", "discard", "999");
  cli_assert_failed (&r, "motcuactl: No outbox entry 999\n");
}

static guint
count_records (const char *csv)
{
  guint n = 0;

  for (const char *p = csv; (p = strstr (p, "\r\n")); p += 2)
    n++;
  return n;
}

static void
test_audit (void)
{
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) tool = { 0 };
  g_autofree char *db = g_build_filename (profile, "motcua.db", NULL);
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");

  g_autofree char *intact = g_strdup_printf ("The audit log is intact: %u entries\n", sample_settings () + 7);
  g_autofree char *last_record = g_strdup_printf ("\r\n%u,2026-", sample_settings () + 7);

  RUN (&r, "audit", "verify");
  /* Sealed or not yet, depending on whether this run has a keyring (tests/unit/test-audit.c). */
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_prefix (r.out, intact));
  RUN (&r, "audit", "export", "--csv");
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_prefix (r.out, "id,at,server_at,actor,dossier_id,dossier_number,action,"));
  /* The header, the entries, and the anchor when this run has a keyring. */
  g_assert_cmpuint (count_records (r.out), ==,
                    sample_settings () + (strstr (r.out, "\r\nmotcua-audit-anchor v1 ") ? 9 : 8));
  g_assert_nonnull (strstr (r.out, last_record));
  RUN (&r, "audit");
  cli_assert_usage (&r, "audit");
  RUN (&r, "audit", "export");
  cli_assert_usage (&r, "audit");
  RUN (&r, "audit", "verify", "--csv");
  cli_assert_usage (&r, "audit");

  if (sqlite3 == NULL)
    {
      g_test_skip ("the sqlite3 command-line tool is not installed");
      return;
    }
  /* As an attacker would: the triggers are in the way, so drop them, then edit. */
  cli_run_program (&tool, sqlite3, NULL, NULL, NULL, (const char *[]) { db, "DROP TRIGGER audit_no_update;"
                                                 "UPDATE audit SET actor = 'mallory' WHERE id = 3;", NULL });
  g_assert_cmpint (tool.status, ==, 0);
  RUN (&r, "audit", "verify");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "audit_no_update"));
}

/* Removing an entry from the middle breaks the chain at the one after it. */
static void
test_audit_delete (void)
{
  g_auto(CliRun) r = { 0 };
  g_auto(CliRun) tool = { 0 };
  g_autofree char *db = NULL;
  g_autofree char *sqlite3 = g_find_program_in_path ("sqlite3");
  /* The settings first (S entries), then the three actions: S + 1 … S + 3. */
  guint s = sample_settings ();
  g_autofree char *intact = g_strdup_printf ("The audit log is intact: %u entries\n", s + 3);
  g_autofree char *delete_middle = g_strdup_printf ("DELETE FROM audit WHERE id = %u;", s + 2);
  g_autofree char *drop_and_delete = g_strdup_printf ("DROP TRIGGER audit_no_delete; %s", delete_middle);
  g_autofree char *cut_last = g_strdup_printf ("INSERT INTO audit SELECT * FROM audit WHERE 0;"
                                               "DELETE FROM audit WHERE id = %u;", s + 3);

  if (sqlite3 == NULL)
    {
      g_test_skip ("the sqlite3 command-line tool is not installed");
      return;
    }
  g_free (profile);
  profile = g_dir_make_tmp ("motcua-act-XXXXXX", NULL);
  db = g_build_filename (profile, "motcua.db", NULL);
  receive_first ();
  RUN (&r, "act", NUMBER, "forward");
  cli_assert_ok (&r, NULL);
  RUN (&r, "act", NUMBER, "record-step", "--note", "Thẩm định");
  cli_assert_ok (&r, NULL);
  RUN (&r, "audit", "verify");
  /* Sealed or not yet, depending on whether this run has a keyring (tests/unit/test-audit.c). */
  cli_assert_ok (&r, NULL);
  g_assert_true (g_str_has_prefix (r.out, intact));
  cli_run_program (&tool, sqlite3, NULL, NULL, NULL, (const char *[]) { db, delete_middle, NULL });
  g_assert_cmpint (tool.status, !=, 0);  /* the trigger stops an honest mistake */
  cli_run_program (&tool, sqlite3, NULL, NULL, NULL, (const char *[]) { db, drop_and_delete, NULL });
  g_assert_cmpint (tool.status, ==, 0);
  RUN (&r, "audit", "verify");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "audit_no_delete"));

  /* Cutting the last entry leaves a whole chain; the head says it was longer. */
  cli_run_program (&tool, sqlite3, NULL, NULL, NULL, (const char *[]) { db, cut_last, NULL });
  g_assert_cmpint (tool.status, ==, 0);
  RUN (&r, "audit", "verify");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "audit_no_delete"));
}

/* The history and the forms name a person: the profile's official.name or --official, never
 * the login; with neither the action is refused with a message that says how to give it. */
static void
test_official (void)
{
  g_auto(CliRun) r = { 0 };
  g_autofree char *number = NULL;

  RUN (&r, "settings", "unset", "official.name");
  cli_assert_ok (&r, NULL);
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Văn Tám", "--id-number", "001190000124",
       "--document", "Tờ khai", "--at", "2026-03-09 09:00");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "--official"));
  g_assert_nonnull (strstr (r.err, "official.name"));
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Văn Tám", "--id-number", "001190000124",
       "--document", "Tờ khai", "--at", "2026-03-09 09:00", "--official", "  ");
  cli_assert_failed (&r, NULL);
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Văn Tám", "--id-number", "001190000124",
       "--document", "Tờ khai", "--at", "2026-03-09 09:00", "--official", "Trần Thị Bích Ngọc");
  cli_assert_ok (&r, NULL);
  number = g_strndup (r.out, strcspn (r.out, "\t"));
  RUN (&r, "act", number, "forward", "--at", "2026-03-09 10:00");
  cli_assert_failed (&r, NULL);
  RUN (&r, "settings", "set", "official.name", "Phan Văn Khải");
  cli_assert_ok (&r, NULL);
  RUN (&r, "act", number, "forward", "--at", "2026-03-09 10:00");
  cli_assert_ok (&r, NULL);
  RUN (&r, "show", number);
  cli_assert_ok (&r, NULL);
  g_assert_nonnull (strstr (r.out, "Tiếp nhận hồ sơ — Trần Thị Bích Ngọc"));
  g_assert_nonnull (strstr (r.out, "Chuyển xử lý — Phan Văn Khải"));
  g_assert_null (strstr (r.out, g_get_user_name ()));

  /* A Sunday: refused until confirmed with --force. */
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Văn Tám", "--id-number", "001190000124",
       "--document", "Tờ khai", "--at", "2026-03-08 10:00");
  cli_assert_failed (&r, NULL);
  g_assert_nonnull (strstr (r.err, "outside office hours"));
  g_assert_nonnull (strstr (r.err, "--force"));
  RUN (&r, "receive-new", "--procedure", "1.010833", "--applicant", "Lê Văn Tám", "--id-number", "001190000124",
       "--document", "Tờ khai", "--at", "2026-03-08 10:00", "--force");
  cli_assert_ok (&r, NULL);
}

int
main (int    argc,
      char **argv)
{
  int status;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  /* The actions' times are checked against "now" (never in the future) and the history (never
   * before its last step): the story below happens in March 2026. */
  g_setenv ("MC_NOW", "2026-03-10 10:00", TRUE);
  profile = g_dir_make_tmp ("motcua-act-XXXXXX", NULL);
  /* One profile, in order: received, then processed, then its outbox and audit log. */
  g_test_add_func ("/cli-actions/receive-new", test_receive_new);
  g_test_add_func ("/cli-actions/act", test_act);
  g_test_add_func ("/cli-actions/outbox", test_outbox);
  g_test_add_func ("/cli-actions/outbox-words", test_outbox_words);
  g_test_add_func ("/cli-actions/audit", test_audit);
  g_test_add_func ("/cli-actions/audit-delete", test_audit_delete);
  g_test_add_func ("/cli-actions/official", test_official);
  status = g_test_run ();
  g_free (profile);
  return status;
}
