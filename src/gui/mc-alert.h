/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void mc_alert (GtkWidget  *near,
               const char *heading,
               const char *message);

void      mc_message_present (GtkWindow  *dialog);
AdwToast *mc_toast_new       (const char *text);

G_END_DECLS
