/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Vietnam keeps UTC+7 all year (no daylight saving), so every local time in the product is
 * UTC+7 whatever the machine's own time zone is: a due date must not move because a laptop
 * was set to another zone. */
#define MC_UTC_OFFSET_SECONDS (7 * 3600)

GTimeZone *mc_time_zone          (void);
GDateTime *mc_time_to_local      (gint64      unix_seconds);
gint64     mc_time_from_local    (int         year,
                                  int         month,
                                  int         day,
                                  int         hour,
                                  int         minute);
gint64     mc_time_now           (void);
char      *mc_time_format        (gint64      unix_seconds,
                                  const char *format);
char      *mc_time_format_iso    (gint64      unix_seconds);
char      *mc_time_format_short  (gint64      unix_seconds);
gboolean   mc_time_parse_date    (const char *text,
                                  GDate      *out);
gboolean   mc_time_parse_day     (const char *text,
                                  gint64     *out_start);
gboolean   mc_time_parse         (const char *text,
                                  gint64     *out_unix_seconds);

G_END_DECLS
