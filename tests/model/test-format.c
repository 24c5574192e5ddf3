/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-format.h"
#include "mc-official.h"
#include "mc-store-calendar.h"
#include "mc-store-settings.h"
#include "mc-sync-status.h"
#include "mc-time.h"
#include "model-test-util.h"

/* What the window writes, made in the model layer and checked without a display: counts,
 * amounts, durations, time left, a ministry system's message in plain words, what waits in the
 * outbox, the official's name. In the test environment's C locale (English msgids). */

static void
test_numbers (void)
{
  g_autofree char *count = mc_format_count (1234567);
  g_autofree char *unknown = mc_format_count (-1);
  g_autofree char *money = mc_format_money (20000);
  g_autofree char *days = mc_format_duration (5, MC_DURATION_WORKING_DAYS);
  g_autofree char *one = mc_format_duration (1, MC_DURATION_CALENDAR_DAYS);
  g_autofree char *same = mc_format_duration (0, MC_DURATION_SAME_DAY);
  g_autofree char *none = mc_format_time (0);

  /* Grouped the locale's way: none in C. */
  g_assert_cmpstr (count, ==, "1234567");
  g_assert_cmpstr (unknown, ==, "…");
  g_assert_cmpstr (money, ==, "20000 ₫");
  g_assert_cmpstr (days, ==, "5 working days");
  g_assert_cmpstr (one, ==, "1 day");
  g_assert_cmpstr (same, ==, "Same day");
  g_assert_cmpstr (none, ==, "—");
}

/* Time left is working time, and only for a dossier in the office's hands. */
static void
test_time_left (void)
{
  g_autoptr(McCalendar) calendar = mc_calendar_new ();
  gint64 now, due;
  McUrgency urgency;
  g_autofree char *left = NULL, *late = NULL, *paused = NULL, *hours_late = NULL;

  g_assert_true (mc_time_parse ("2026-11-25 08:00", &now));   /* a Wednesday */
  g_assert_true (mc_time_parse ("2026-11-27 17:00", &due));
  left = mc_format_time_left (calendar, MC_STATUS_PROCESSING, due, now, &urgency);
  g_assert_nonnull (left);
  g_assert_cmpint (urgency, ==, MC_URGENCY_ON_TIME);
  late = mc_format_time_left (calendar, MC_STATUS_PROCESSING, now, due, &urgency);
  g_assert_cmpint (urgency, ==, MC_URGENCY_OVERDUE);
  /* 2 working days 7 hours late: in whole days, as the queue's column has room for. */
  g_assert_cmpstr (late, ==, "overdue by 2 days");
  g_assert_cmpstr (mc_format_urgency_class (urgency), !=, mc_format_urgency_class (MC_URGENCY_ON_TIME));
  paused = mc_format_time_left (calendar, MC_STATUS_SUPPLEMENT_REQUESTED, due, now, &urgency);
  g_assert_cmpint (urgency, ==, MC_URGENCY_NONE);
  g_assert_cmpstr (left, !=, late);
  /* Less than a day late: the hours. */
  g_assert_true (mc_time_parse ("2026-11-25 11:00", &due));
  hours_late = mc_format_time_left (calendar, MC_STATUS_PROCESSING, now, due, &urgency);
  g_assert_cmpint (urgency, ==, MC_URGENCY_OVERDUE);
  g_assert_cmpstr (hours_late, ==, "overdue by 3 hours");
}

/* The queue's and the dossier pane's deadline: a dossier waiting to be received has waited,
 * any other has its time left with the office's hours and calendar. */
static void
test_deadline (void)
{
  g_autofree char *profile = model_test_make_profile (1);
  g_autofree char *path = g_build_filename (profile, "motcua.db", NULL);
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);
  g_autoptr(McCalendar) calendar = NULL;
  McDeadlineSettings settings;
  gint64 now, submitted, due;
  McUrgency urgency, expected_urgency;
  g_autofree char *waiting = NULL, *left = NULL, *expected = NULL, *unsent = NULL;

  g_assert_nonnull (store);
  g_assert_true (mc_time_parse ("2026-11-25 08:00", &now));
  g_assert_true (mc_time_parse ("2026-11-23 05:00", &submitted));
  g_assert_true (mc_time_parse ("2026-11-27 17:00", &due));
  waiting = mc_format_deadline (store, MC_STATUS_SUBMITTED, submitted, due, now, &urgency);
  g_assert_cmpstr (waiting, ==, "waiting 2 days 3 hours");
  g_assert_cmpint (urgency, ==, MC_URGENCY_WAITING);
  g_assert_cmpstr (mc_format_urgency_class (urgency), ==, mc_format_urgency_class (MC_URGENCY_NONE));
  /* Not yet sent (no submission time): no clock and no wait. */
  unsent = mc_format_deadline (NULL, MC_STATUS_SUBMITTED, 0, due, now, &urgency);
  g_assert_cmpstr (unsent, ==, "—");
  g_assert_cmpint (urgency, ==, MC_URGENCY_NONE);
  left = mc_format_deadline (store, MC_STATUS_PROCESSING, submitted, due, now, &urgency);
  calendar = mc_store_get_calendar (store);
  mc_store_get_deadline_settings (store, &settings);
  expected = mc_format_time_left_for (&settings, calendar, MC_STATUS_PROCESSING, due, now, &expected_urgency);
  g_assert_cmpstr (left, ==, expected);
  g_assert_cmpint (urgency, ==, expected_urgency);
  g_assert_cmpint (urgency, ==, MC_URGENCY_ON_TIME);
  g_clear_object (&store);
  model_test_remove_profile (profile);
}

/* What a ministry system said, as an official reads it: no connector label with the source's
 * id, no HTTP status. */
static void
test_system_message (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "Nội vụ (g09): the system answered 409: Hồ sơ đã được cập nhật bởi người khác",
      "Hồ sơ đã được cập nhật bởi người khác" },
    { "Y tế (g18): the system failed (HTTP 503)", "The system failed" },
    { "HTTP 422: Thiếu tờ khai", "Thiếu tờ khai" },
    { "Lý do từ chối phải nêu rõ giấy tờ còn thiếu", "Lý do từ chối phải nêu rõ giấy tờ còn thiếu" },
    /* A number in the reason is the reason's. */
    { "Hồ sơ 000.00.15.H38-261124-0001: thiếu bản sao", "Hồ sơ 000.00.15.H38-261124-0001: thiếu bản sao" },
    { "HTTP 500", NULL },
    { NULL, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = mc_format_system_message (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }
}

/* What waits, only the counts that are not zero; the header's order puts what needs the
 * official first. */
static void
test_outbox_words (void)
{
  const struct { guint w, c, r; const char *natural, *urgent; } cases[] = {
    { 0, 0, 0, NULL, NULL },
    { 3, 0, 0, "3 actions waiting to be sent", "3 actions waiting to be sent" },
    { 1, 0, 0, "1 action waiting to be sent", "1 action waiting to be sent" },
    { 0, 1, 0, "1 being checked again", "1 being checked again" },
    { 0, 0, 1, "1 needs review", "1 needs review" },
    { 0, 0, 2, "2 need review", "2 need review" },
    { 3, 1, 1, "3 actions waiting to be sent · 1 being checked again · 1 needs review",
      "1 needs review · 1 being checked again · 3 actions waiting to be sent" },
    { 2, 0, 1, "2 actions waiting to be sent · 1 needs review", "1 needs review · 2 actions waiting to be sent" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *natural = mc_sync_describe_outbox (cases[i].w, cases[i].c, cases[i].r);
      g_autofree char *urgent = mc_sync_describe_outbox_urgent_first (cases[i].w, cases[i].c, cases[i].r);

      g_assert_cmpstr (natural, ==, cases[i].natural);
      g_assert_cmpstr (urgent, ==, cases[i].urgent);
    }
  /* Every state that is neither on its way, nor in doubt, nor finished waits for the
   * official. */
  g_assert_false (mc_outbox_state_needs_review (MC_OUTBOX_PENDING));
  g_assert_false (mc_outbox_state_needs_review (MC_OUTBOX_SENDING));
  g_assert_false (mc_outbox_state_needs_review (MC_OUTBOX_IN_DOUBT));
  g_assert_false (mc_outbox_state_needs_review (MC_OUTBOX_DONE));
  g_assert_false (mc_outbox_state_needs_review (MC_OUTBOX_DISCARDED));
  g_assert_true (mc_outbox_state_needs_review (MC_OUTBOX_CONFLICT));
  g_assert_true (mc_outbox_state_needs_review (MC_OUTBOX_REJECTED));
}

/* The audit names a person: the profile's official once set, else the account's real name;
 * the ministry is named by its name. */
static void
test_names (void)
{
  g_autofree char *profile = model_test_make_profile (10);
  g_autofree char *path = g_build_filename (profile, "motcua.db", NULL);
  g_autoptr(McStore) store = mc_store_open (path, MC_STORE_OPEN_EXISTING, NULL);
  g_autoptr(McSource) health = mc_source_new ("g18", "G18", "feed", "Cổng Y tế", "sim:g18", "000", "canbo");
  g_autoptr(McSource) other = mc_source_new ("x1", "X99", "feed", "Hệ thống thử", "sim:x1", "000", "canbo");
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL, *after = NULL, *unit = NULL;

  g_assert_nonnull (store);
  /* The sample profile names its commune's counter official: unset, the account's name. */
  g_assert_nonnull ((unit = mc_official_unit (store)));
  g_clear_pointer (&unit, g_free);
  g_assert_true (mc_store_unset_setting (store, "official.name", "tester", &error));
  g_assert_true (mc_store_unset_setting (store, "official.department", "tester", &error));
  g_assert_no_error (error);
  before = mc_official_name (store);
  g_assert_cmpstr (before, !=, "");
  g_assert_null ((unit = mc_official_unit (store)));
  g_assert_true (mc_store_set_setting (store, "official.name", "Nguyễn Thị Lan", before, &error));
  g_assert_true (mc_store_set_setting (store, "official.department", "Bộ phận Một cửa", before, &error));
  g_assert_no_error (error);
  after = mc_official_name (store);
  unit = mc_official_unit (store);
  g_assert_cmpstr (after, ==, "Nguyễn Thị Lan");
  g_assert_cmpstr (unit, ==, "Bộ phận Một cửa");

  g_assert_cmpstr (mc_source_display_name (health), ==, "Health");
  g_assert_cmpstr (mc_source_display_name (other), ==, "Hệ thống thử");
  model_test_drain ();
  g_clear_object (&store);
  model_test_remove_profile (profile);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("MC_NOW", "2026-11-24 10:00", FALSE);
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/format/numbers", test_numbers);
  g_test_add_func ("/format/time-left", test_time_left);
  g_test_add_func ("/format/deadline", test_deadline);
  g_test_add_func ("/format/system-message", test_system_message);
  g_test_add_func ("/format/outbox-words", test_outbox_words);
  g_test_add_func ("/format/names", test_names);
  return g_test_run ();
}
