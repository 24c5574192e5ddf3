/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-calendar.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* One local edit of the office's calendar, as stored in the profile. */
typedef struct
{
  GDate date;
  McCalendarDayKind kind;
  char *name;
  gint64 changed_at;
} McCalendarEdit;

void       mc_calendar_edit_free          (McCalendarEdit    *edit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McCalendarEdit, mc_calendar_edit_free)

GPtrArray *mc_store_list_calendar_edits   (McStore           *self,
                                           GError           **error);
gboolean   mc_store_get_calendar_edit     (McStore           *self,
                                           const GDate       *date,
                                           McCalendarEdit   **out_edit,
                                           GError           **error);
gboolean   mc_store_set_calendar_edit     (McStore           *self,
                                           const GDate       *date,
                                           McCalendarDayKind  kind,
                                           const char        *name,
                                           const char        *actor,
                                           GError           **error);
gboolean   mc_store_remove_calendar_edit  (McStore           *self,
                                           const GDate       *date,
                                           const char        *actor,
                                           GError           **error);
gboolean   mc_store_load_calendar         (McStore           *self,
                                           McCalendar        *calendar,
                                           GError           **error);
McCalendar *mc_store_get_calendar         (McStore           *self);

G_END_DECLS
