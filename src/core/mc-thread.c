/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#ifdef __linux__
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

#include "mc-thread.h"

#define BACKGROUND_NICE 10

/* Lowers the calling thread's CPU priority for the rest of its life. The sync engine's
 * workers and the embedded simulator parse and write while an official works in the window;
 * on a two-core counter PC, at equal priority, the window's main loop (and the display server
 * it waits on) queued behind them for a core, up to 450 ms at a time during a 100,000-dossier
 * initial sync. At nice 10 they yield within milliseconds, and still use every idle cycle.
 * Linux applies PRIO_PROCESS to the one thread named by its thread id; an unprivileged
 * thread cannot raise its priority again, so this is for threads of one's own, never a pool's. */
void
mc_thread_set_background (void)
{
#ifdef __linux__
  id_t tid = (id_t) syscall (SYS_gettid);
  int nice;

  errno = 0;
  nice = getpriority (PRIO_PROCESS, tid);
  if (errno == 0 && nice >= BACKGROUND_NICE)
    return;  /* already as low, or lower: the user's own nice stands */
  if (setpriority (PRIO_PROCESS, tid, BACKGROUND_NICE) != 0)
    g_debug ("Background priority not set: %s", g_strerror (errno));
#endif
}
