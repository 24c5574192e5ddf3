/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_CALENDAR_EDITOR (mc_calendar_editor_get_type ())
G_DECLARE_FINAL_TYPE (McCalendarEditor, mc_calendar_editor, MC, CALENDAR_EDITOR, AdwPreferencesPage)

void        mc_calendar_editor_set_store       (McCalendarEditor *self,
                                                McStore          *store);
int         mc_calendar_editor_get_year        (McCalendarEditor *self);
void        mc_calendar_editor_set_year        (McCalendarEditor *self,
                                                int               year);
GtkListBox *mc_calendar_editor_get_list        (McCalendarEditor *self);
const char *mc_calendar_editor_get_origin_text (McCalendarEditor *self,
                                                const GDate      *date);

G_END_DECLS
