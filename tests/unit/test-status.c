/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "mc-id.h"
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

/* mc_id_find(): an id's index in an array of ids or of structs, holes (NULL ids) skipped,
 * -1 for an id no entry has and for NULL. */
static void
test_id_find (void)
{
  static const char *ids[] = { [1] = "one", [2] = "two", [4] = "four" };
  typedef struct { int value; const char *name; char flag; } Entry;
  static const Entry table[] = {
    { 10, "ten", 'a' }, { 20, NULL, 'b' }, { 30, "thirty", 'c' },
  };

  g_assert_cmpint (MC_ID_FIND (ids, "one"), ==, 1);
  g_assert_cmpint (MC_ID_FIND (ids, "four"), ==, 4);
  g_assert_cmpint (MC_ID_FIND (ids, "three"), ==, -1);
  g_assert_cmpint (MC_ID_FIND (ids, "On"), ==, -1);
  g_assert_cmpint (MC_ID_FIND (ids, NULL), ==, -1);
  g_assert_cmpint (MC_ID_FIND_MEMBER (table, name, "thirty"), ==, 2);
  g_assert_cmpint (MC_ID_FIND_MEMBER (table, name, "ten"), ==, 0);
  g_assert_cmpint (MC_ID_FIND_MEMBER (table, name, "twenty"), ==, -1);
  g_assert_cmpint (MC_ID_FIND_MEMBER (table, name, NULL), ==, -1);
  /* Only the first @n entries are searched. */
  g_assert_cmpint (mc_id_find (table, 2, sizeof (Entry), G_STRUCT_OFFSET (Entry, name), "thirty"), ==, -1);
  g_assert_cmpint (mc_id_find (table, 3, sizeof (Entry), G_STRUCT_OFFSET (Entry, name), "thirty"), ==, 2);
}

/* In Vietnamese a status never reads as a column title: "Received" the status (Đã tiếp nhận)
 * and "Received" the date column (Ngày tiếp nhận) are different strings with their own
 * contexts. The titles are those of the queue's columns (ui/mc-queue-list.ui), translated by
 * the built catalog (MC_LOCALEDIR); the sidebar's views are checked the same way. */
static void
test_labels_differ_from_columns (void)
{
  const char *localedir = g_getenv ("MC_LOCALEDIR");
  g_autofree char *ui = g_build_filename (g_getenv ("MC_SOURCE_ROOT"), "ui", "mc-queue-list.ui", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GRegex) title = g_regex_new ("<property name=\"title\" translatable=\"yes\"(?: context=\"([^\"]+)\")?>"
                                         "([^<]+)</property>", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);

  if (localedir == NULL)
    {
      g_test_skip ("MC_LOCALEDIR is not set");
      return;
    }
  g_setenv ("LANGUAGE", "vi", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  g_assert_true (g_file_get_contents (ui, &contents, NULL, NULL));
  for (g_regex_match (title, contents, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *context = g_match_info_fetch (match, 1);
      g_autofree char *msgid = g_match_info_fetch (match, 2);

      g_ptr_array_add (columns, g_strdup (*context ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid)
                                                   : g_dgettext (GETTEXT_PACKAGE, msgid)));
    }
  /* Two-line rows (issue 19): number/applicant, procedure/status, ministry, received, time
   * left; the sync column has no title. */
  g_assert_cmpuint (columns->len, >=, 5);
  /* The catalog is Vietnamese: the date titles are not their English msgids, and the queue's
   * received column (context "column") is among the titles read. */
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "date", "Received"), ==, "Ngày tiếp nhận");
  g_assert_true (g_ptr_array_find_with_equal_func (columns, g_dpgettext2 (GETTEXT_PACKAGE, "column", "Received"),
                                                   g_str_equal, NULL));
  g_assert_cmpstr (g_dpgettext2 (GETTEXT_PACKAGE, "column", "Received"), !=, "Received");
  for (int s = MC_STATUS_FIRST; s <= MC_STATUS_LAST; s++)
    for (guint c = 0; c < columns->len; c++)
      {
        g_test_message ("status %d “%s”, column “%s”", s, mc_status_label (s), (char *) columns->pdata[c]);
        g_assert_cmpstr (mc_status_label (s), !=, columns->pdata[c]);
      }
  g_assert_cmpstr (mc_status_label (MC_STATUS_RECEIVED), ==, "Đã tiếp nhận");
  setlocale (LC_ALL, "C.UTF-8");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/status/transitions/every-pair", test_every_pair);
  g_test_add_func ("/status/final", test_final_statuses);
  g_test_add_func ("/status/invalid-codes", test_invalid_codes);
  g_test_add_func ("/status/action-ids", test_action_ids);
  g_test_add_func ("/status/id-find", test_id_find);
  g_test_add_func ("/status/labels-differ-from-columns", test_labels_differ_from_columns);
  return g_test_run ();
}
