/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "mc-status.h"

/* The transition table, checked against an independent statement of the one-stop-shop
 * workflow: every pair (status, action) is either in this list or forbidden. */
static const struct { McStatus from; McAction action; McStatus to; } expected[] = {
  { 1, MC_ACTION_RECEIVE, 2 }, { 1, MC_ACTION_REFUSE, 3 }, { 1, MC_ACTION_REQUEST_SUPPLEMENT, 5 },
  { 1, MC_ACTION_WITHDRAW, 7 },
  { 2, MC_ACTION_FORWARD, 4 }, { 2, MC_ACTION_REQUEST_SUPPLEMENT, 5 }, { 2, MC_ACTION_REFUSE, 3 },
  { 2, MC_ACTION_WITHDRAW, 7 },
  { 4, MC_ACTION_RECORD_STEP, 4 }, { 4, MC_ACTION_REQUEST_SUPPLEMENT, 5 }, { 4, MC_ACTION_REQUEST_FEE, 6 },
  { 4, MC_ACTION_STOP, 8 }, { 4, MC_ACTION_RESOLVE, 9 }, { 4, MC_ACTION_RESCHEDULE, 4 },
  { 4, MC_ACTION_WITHDRAW, 7 },
  { 5, MC_ACTION_SUPPLEMENT_RECEIVED, 4 }, { 5, MC_ACTION_STOP, 8 }, { 5, MC_ACTION_WITHDRAW, 7 },
  { 6, MC_ACTION_FEE_PAID, 4 }, { 6, MC_ACTION_STOP, 8 }, { 6, MC_ACTION_WITHDRAW, 7 },
  { 9, MC_ACTION_RETURN_RESULT, 10 },
};

static McStatus
expected_target (McStatus from, McAction action)
{
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    if (expected[i].from == from && expected[i].action == action)
      return expected[i].to;
  return MC_STATUS_INVALID;
}

static void
test_every_pair (void)
{
  guint allowed = 0;

  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    for (int a = MC_ACTION_INVALID + 1; a <= MC_ACTION_LAST; a++)
      {
        McStatus want = expected_target (s, a);

        g_test_message ("status %d, action %s", s, mc_action_id (a));
        g_assert_cmpint (mc_transition_target (s, a), ==, want);
        g_assert_cmpint (mc_transition_allowed (s, a), ==, want != MC_STATUS_INVALID);
        allowed += want != MC_STATUS_INVALID;
      }
  g_assert_cmpuint (allowed, ==, G_N_ELEMENTS (expected));
}

static void
test_final_statuses (void)
{
  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    {
      gboolean final = s == MC_STATUS_REFUSED || s == MC_STATUS_WITHDRAWN ||
                       s == MC_STATUS_STOPPED || s == MC_STATUS_RETURNED;
      g_autoptr(GArray) actions = mc_transition_actions_from (s);

      g_assert_cmpint (mc_status_is_final (s), ==, final);
      g_assert_cmpint (actions->len == 0, ==, final);
    }
}

static void
test_invalid_codes (void)
{
  g_assert_false (mc_status_is_valid (0));
  g_assert_false (mc_status_is_valid (11));
  g_assert_false (mc_status_is_valid (-1));
  g_assert_true (mc_status_is_valid (1));
  g_assert_true (mc_status_is_valid (10));
  g_assert_false (mc_transition_allowed (MC_STATUS_INVALID, MC_ACTION_RECEIVE));
}

static void
test_action_ids (void)
{
  for (int a = MC_ACTION_INVALID + 1; a <= MC_ACTION_LAST; a++)
    {
      g_assert_nonnull (mc_action_id (a));
      g_assert_nonnull (mc_action_label (a));
      g_assert_cmpint (mc_action_from_id (mc_action_id (a)), ==, a);
    }
  g_assert_cmpint (mc_action_from_id ("no-such-action"), ==, MC_ACTION_INVALID);
  g_assert_cmpint (mc_action_from_id (NULL), ==, MC_ACTION_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/status/transitions/every-pair", test_every_pair);
  g_test_add_func ("/status/final", test_final_statuses);
  g_test_add_func ("/status/invalid-codes", test_invalid_codes);
  g_test_add_func ("/status/action-ids", test_action_ids);
  return g_test_run ();
}
