/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "mc-thread.h"

/* mc_thread_set_priority() lowers the calling thread only: the sync engine's threads yield the
 * CPU to the window's main thread, which keeps its own priority, and its workers to its
 * writer. */

static int
thread_nice (void)
{
  return getpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid));
}

static gpointer
lower_self (gpointer data)
{
  mc_thread_set_priority (GPOINTER_TO_INT (data));
  return GINT_TO_POINTER (thread_nice ());
}

static int
nice_of (McThreadPriority priority)
{
  return GPOINTER_TO_INT (g_thread_join (g_thread_new ("lowered", lower_self, GINT_TO_POINTER (priority))));
}

static void
test_priority_is_per_thread (void)
{
  int before = thread_nice ();
  int writer = nice_of (MC_THREAD_WRITER);
  int worker = nice_of (MC_THREAD_WORKER);

  g_assert_cmpint (writer, >=, MAX (before, 10));
  g_assert_cmpint (worker, >=, MAX (before, 15));
  if (before < 10)
    g_assert_cmpint (writer, <, worker);
  g_assert_cmpint (thread_nice (), ==, before);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/thread/priority-is-per-thread", test_priority_is_per_thread);
  return g_test_run ();
}
