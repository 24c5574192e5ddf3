/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "mc-thread.h"

/* Lowers the calling thread's CPU priority for the rest of its life. The sync engine's
 * threads and the embedded simulator parse and write while an official works in the window;
 * on a two-core counter PC, at equal priority, the window's main loop (and the display server
 * it waits on) queued behind them for a core, up to 450 ms at a time during a 100,000-dossier
 * initial sync. Below it they yield within milliseconds, and still use every idle cycle; among
 * them, the sync's single writer goes before the workers that fetch and parse for it.
 * Linux applies PRIO_PROCESS to the one thread named by its thread id. An unprivileged thread
 * cannot raise its priority again: a GTask pool thread that ran a sync keeps the workers'
 * priority, and runs only background work after it (orders, counts, look-ups). */
void
mc_thread_set_priority (McThreadPriority priority)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);
  int nice;

  errno = 0;
  nice = getpriority (PRIO_PROCESS, tid);
  if (errno == 0 && nice >= (int) priority)
    return;  /* already as low, or lower: the user's own nice stands */
  if (setpriority (PRIO_PROCESS, tid, priority) != 0)
    g_debug ("Thread priority not set: %s", g_strerror (errno));
#endif
}
