/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>

#include "mc-due-notifier.h"
#include "mc-store-calendar.h"
#include "mc-store-queue.h"
#include "mc-store-settings.h"
#include "mc-time.h"
#include "model-test-util.h"

/* The morning notification of what is due, with no window: a plain GApplication on the
 * private session bus, a notification server of the test's own (org.gtk.Notifications, what
 * GIO's GNotification speaks), and the counts checked against the store's as the clock
 * (MC_NOW) moves. Once a day; in training, once a session. */

#define PINNED_NOW "2026-11-24 10:00"

static struct {
  char *profile;
  McStore *store;
  GApplication *app;
} fx;

static gboolean
idle (gpointer data)
{
  return !mc_due_notifier_is_busy (data);
}

static gboolean
sent_at_least_one (gpointer data)
{
  return mc_due_notifier_get_n_sent (data) >= 1 && !mc_due_notifier_is_busy (data);
}

/* What the notifier said last is what the store counts now, and what reached the server. */
static void
assert_counts (McDueNotifier *notifier,
               guint          n_received)
{
  gint64 due_today, overdue, now = mc_time_now ();

  g_assert_nonnull (mc_due_notifier_get_last (notifier, &due_today, &overdue));
  g_test_message ("notified: %" G_GINT64_FORMAT " due today, %" G_GINT64_FORMAT " overdue", due_today, overdue);
  g_assert_cmpint (due_today, ==, mc_store_queue_count (fx.store, MC_QUEUE_DUE_TODAY, NULL, now, NULL));
  g_assert_cmpint (overdue, ==, mc_store_queue_count (fx.store, MC_QUEUE_OVERDUE, NULL, now, NULL));
  g_assert_cmpint (due_today + overdue, >, 0);
  model_test_assert_notified (n_received, due_today, overdue);
}

static void
test_morning (void)
{
  g_autoptr(McDueNotifier) notifier = mc_due_notifier_new (fx.store);
  g_autofree char *day = NULL;

  /* At start: the queue's counts, once. */
  mc_due_notifier_start (notifier, fx.app);
  g_assert_true (model_test_wait (sent_at_least_one, notifier, 30000));
  g_assert_cmpuint (mc_due_notifier_get_n_sent (notifier), ==, 1);
  assert_counts (notifier, 1);
  day = mc_due_notifier_dup_last_day (notifier);
  g_assert_cmpstr (day, ==, "2026-11-24");

  /* The same day again, as after a restart or the next tick: nothing. */
  mc_due_notifier_check (notifier);
  g_assert_true (model_test_wait (idle, notifier, 30000));
  g_assert_cmpuint (mc_due_notifier_get_n_sent (notifier), ==, 1);

  /* The next morning. */
  g_setenv ("MC_NOW", "2026-11-25 07:30", TRUE);
  mc_due_notifier_check (notifier);
  g_assert_true (model_test_wait (idle, notifier, 30000));
  g_assert_cmpuint (mc_due_notifier_get_n_sent (notifier), ==, 2);
  assert_counts (notifier, 2);
  g_clear_pointer (&day, g_free);
  day = mc_due_notifier_dup_last_day (notifier);
  g_assert_cmpstr (day, ==, "2026-11-25");
  mc_due_notifier_check (notifier);
  g_assert_true (model_test_wait (idle, notifier, 30000));
  g_assert_cmpuint (mc_due_notifier_get_n_sent (notifier), ==, 2);

  /* Training: once per session, whatever the clock says. */
  mc_due_notifier_set_training (notifier, TRUE);
  g_assert_true (mc_due_notifier_get_training (notifier));
  g_setenv ("MC_NOW", "2026-11-26 07:30", TRUE);
  mc_due_notifier_check (notifier);
  g_assert_true (model_test_wait (idle, notifier, 30000));
  g_assert_cmpuint (mc_due_notifier_get_n_sent (notifier), ==, 2);
  g_assert_cmpuint (model_test_n_notifications (), ==, 2);
  g_setenv ("MC_NOW", PINNED_NOW, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  int status;

  g_setenv ("MC_NOW", PINNED_NOW, FALSE);
  g_test_init (&argc, &argv, NULL);
  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL || !model_test_serve_notifications ())
    {
      printf ("1..0 # SKIP no D-Bus session to serve notifications on (run through build-aux/dev test)\n");
      return 0;
    }

  fx.profile = model_test_make_profile (1500);
  path = g_build_filename (fx.profile, "motcua.db", NULL);
  fx.store = mc_store_open (path, MC_STORE_OPEN_EXISTING, &error);
  g_assert_no_error (error);

  fx.app = g_application_new ("io.github.motcua.MotCua.Test", G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (fx.app, NULL, &error));
  g_assert_no_error (error);

  g_test_add_func ("/due-notifier/morning", test_morning);
  status = g_test_run ();

  g_clear_object (&fx.app);
  g_clear_object (&fx.store);
  model_test_remove_profile (fx.profile);
  g_free (fx.profile);
  return status;
}
