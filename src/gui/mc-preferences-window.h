/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-calendar-editor.h"
#include "mc-source-page.h"
#include "mc-window.h"

G_BEGIN_DECLS

#define MC_TYPE_PREFERENCES_WINDOW (mc_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (McPreferencesWindow, mc_preferences_window, MC, PREFERENCES_WINDOW, AdwPreferencesWindow)

McPreferencesWindow *mc_preferences_window_new        (McWindow            *window);
McWindow            *mc_preferences_window_get_window (McPreferencesWindow *self);
GtkWidget           *mc_preferences_window_get_row    (McPreferencesWindow *self,
                                                       const char          *key);
void                 mc_preferences_window_set_sync   (McPreferencesWindow *self,
                                                       McSyncEngine        *engine,
                                                       McTraining          *training);
McCalendarEditor    *mc_preferences_window_get_calendar_editor (McPreferencesWindow *self);
McSourcePage        *mc_preferences_window_get_source_page     (McPreferencesWindow *self);

G_END_DECLS
