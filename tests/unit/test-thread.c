/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mc-thread.h"

/* mc_thread_set_background() lowers the calling thread only: the sync engine's threads yield
 * the CPU to the window's main thread, which keeps its own priority. */

static int
thread_nice (void)
{
  return getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
}

static gpointer
lower_self (gpointer data)
{
  mc_thread_set_background ();
  return GINT_TO_POINTER (thread_nice ());
}

static void
test_background_is_per_thread (void)
{
  int before = thread_nice ();
  int worker = GPOINTER_TO_INT (g_thread_join (g_thread_new ("lowered", lower_self, NULL)));

  g_assert_cmpint (worker, >=, 10);
  g_assert_cmpint (worker, >=, before);
  g_assert_cmpint (thread_nice (), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/thread/background-is-per-thread", test_background_is_per_thread);
  return g_test_run ();
}
