/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "mc-calendar.h"
#include "mc-catalog.h"
#include "mc-deadline.h"
#include "mc-status.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* How close a dossier is to its due date, as the queue colours it. */
typedef enum
{
  MC_URGENCY_NONE,      /* no running deadline: not received yet, paused, or finished */
  MC_URGENCY_WAITING,   /* none either: submitted online, waiting to be received (mc_format_deadline ()) */
  MC_URGENCY_ON_TIME,
  MC_URGENCY_DUE_SOON,
  MC_URGENCY_OVERDUE,
} McUrgency;

char      *mc_format_time          (gint64          unix_seconds);
char      *mc_format_date          (gint64          unix_seconds);
char      *mc_format_clock         (gint64          unix_seconds);
char      *mc_format_waited        (gint64          since,
                                    gint64          now);
char      *mc_format_count         (gint64          count);
char      *mc_format_money         (gint64          amount_vnd);
char      *mc_format_duration      (int             duration,
                                    McDurationUnit  unit);
char      *mc_format_time_left     (McCalendar     *calendar,
                                    McStatus        status,
                                    gint64          due_at,
                                    gint64          now,
                                    McUrgency      *out_urgency);
char      *mc_format_time_left_for (const McDeadlineSettings *settings,
                                    McCalendar     *calendar,
                                    McStatus        status,
                                    gint64          due_at,
                                    gint64          now,
                                    McUrgency      *out_urgency);
char      *mc_format_deadline      (McStore        *store,
                                    McStatus        status,
                                    gint64          submitted_at,
                                    gint64          due_at,
                                    gint64          now,
                                    McUrgency      *out_urgency);
const char *mc_format_urgency_class (McUrgency      urgency);
char      *mc_format_system_message (const char    *message);

G_END_DECLS
