/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Where an entry of the calendar comes from. */
typedef enum
{
  MC_CALENDAR_SOURCE_RULE,     /* generated from the Labour Code's holidays */
  MC_CALENDAR_SOURCE_OFFICIAL, /* the government's announced table for civil servants */
  MC_CALENDAR_SOURCE_LOCAL,    /* this office's own edit */
} McCalendarSource;

typedef enum
{
  MC_CALENDAR_DAY_OFF,     /* a day off (holiday, compensatory day, swapped day) */
  MC_CALENDAR_DAY_WORK,    /* an extra working day (làm bù, usually a Saturday) */
  MC_CALENDAR_DAY_NOT_OFF, /* local only: cancels the rule or official entry of that day */
} McCalendarDayKind;

typedef struct
{
  GDate date;
  McCalendarDayKind kind;
  McCalendarSource source;
  char *name;
} McCalendarEntry;

const char *mc_calendar_source_id     (McCalendarSource   source);
const char *mc_calendar_day_kind_id   (McCalendarDayKind  kind);
const char *mc_calendar_source_label  (McCalendarSource   source);
const char *mc_calendar_day_kind_label (McCalendarDayKind kind);
gboolean    mc_calendar_day_kind_from_id (const char     *id,
                                          McCalendarDayKind *out_kind);

McCalendarEntry *mc_calendar_entry_copy (const McCalendarEntry *entry);
void             mc_calendar_entry_free (McCalendarEntry       *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCalendarEntry, mc_calendar_entry_free)

#define MC_TYPE_CALENDAR (mc_calendar_get_type ())
G_DECLARE_FINAL_TYPE (McCalendar, mc_calendar, MC, CALENDAR, GObject)

McCalendar      *mc_calendar_new             (void);
McCalendar      *mc_calendar_new_rules_only  (void);
McCalendar      *mc_calendar_get_default     (void);

gboolean         mc_calendar_is_working_day  (McCalendar        *self,
                                              const GDate       *date);
McCalendarEntry *mc_calendar_get_entry       (McCalendar        *self,
                                              const GDate       *date);
GPtrArray       *mc_calendar_list_year       (McCalendar        *self,
                                              int                year);

void             mc_calendar_set_local       (McCalendar        *self,
                                              const GDate       *date,
                                              McCalendarDayKind  kind,
                                              const char        *name);
gboolean         mc_calendar_remove_local    (McCalendar        *self,
                                              const GDate       *date);
void             mc_calendar_clear_local     (McCalendar        *self);

G_END_DECLS
