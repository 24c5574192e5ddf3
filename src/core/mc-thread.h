/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Nice values: below the window's main thread, and the writer of a sync above the workers
 * that feed it. */
typedef enum
{
  MC_THREAD_WRITER = 10,
  MC_THREAD_WORKER = 15,
  MC_THREAD_IDLE = 19,     /* work nobody waits for: the database check at start */
} McThreadPriority;

void mc_thread_set_priority (McThreadPriority priority);

G_END_DECLS
