/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "mc-cli.h"
#include "mc-time.h"

/* Dates and amounts typed on the command line are checked before anything is written: a
 * mistyped year (1900, 2999) would reorder a dossier's history, and an absurd amount would be
 * printed on a receipt. A time may not be before the dossier's own last step (nor before
 * 2000), nor later than now plus the clock skew allowed (MC_CLOCK_SKEW seconds, 5 minutes by
 * default: the official's clock and the ministry's differ a little). */

#define EARLIEST 946659600                    /* 2000-01-01 00:00 in Vietnam */
#define LATEST 4102419600                     /* 2100-01-01 00:00 in Vietnam */
#define DEFAULT_SKEW (5 * 60)
#define LONGEST_DUE (10 * 366 * 24 * 3600)   /* a due date at most ten years ahead */
#define LARGEST_FEE G_GINT64_CONSTANT (1000000000)   /* one billion đồng */

static gint64
allowed_skew (void)
{
  const char *text = g_getenv ("MC_CLOCK_SKEW");
  char *end;
  gint64 skew;

  if (text == NULL)
    return DEFAULT_SKEW;
  skew = g_ascii_strtoll (text, &end, 10);
  return *text && !*end && skew >= 0 && skew <= 24 * 3600 ? skew : DEFAULT_SKEW;
}

char *
mc_cli_time_out_of_range (const char *option,
                          gint64      value,
                          gint64      not_before)
{
  gint64 now = mc_time_now (), lower = MAX (not_before, EARLIEST);

  if (value > now + allowed_skew ())
    {
      g_autofree char *text = mc_time_format_short (now);

      return g_strdup_printf (_("%s is in the future (it is now %s)"), option, text);
    }
  if (value < lower)
    {
      g_autofree char *text = mc_time_format_short (lower);

      return g_strdup_printf (_("%s is before %s, the dossier's last recorded step or the earliest date accepted"),
                              option, text);
    }
  return NULL;
}

/* A date that is not an action's (a calculation, a period, a calendar day): any day of the
 * years 2000 to 2099, which the calendar and the lunar tables cover. */
char *
mc_cli_date_out_of_range (const char *option,
                          gint64      value)
{
  if (value < EARLIEST || value >= LATEST)
    return g_strdup_printf (_("%s must be in the years 2000 to 2099"), option);
  return NULL;
}

char *
mc_cli_due_out_of_range (const char *option,
                         gint64      value,
                         gint64      after)
{
  g_autofree char *text = mc_time_format_short (after);

  if (value <= after)
    return g_strdup_printf (_("%s must be after %s"), option, text);
  if (value > after + LONGEST_DUE)
    return g_strdup_printf (_("%s is more than ten years after %s"), option, text);
  return NULL;
}

char *
mc_cli_amount_out_of_range (const char *option,
                            gint64      vnd)
{
  if (vnd < 0 || vnd > LARGEST_FEE)
    return g_strdup_printf (_("%s must be an amount from 0 to 1000000000 đồng"), option);
  return NULL;
}

/* The time of the dossier's last event: its receipt or submission, or its latest step. */
gint64
mc_cli_dossier_last_time (const McDossier *dossier)
{
  gint64 last = MAX (dossier->received_at, dossier->submitted_at);

  for (guint i = 0; dossier->history && i < dossier->history->len; i++)
    last = MAX (last, ((McStep *) g_ptr_array_index (dossier->history, i))->at);
  return last;
}
