/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mc_alert (GtkWidget  *near,
               const char *heading,
               const char *message);

G_END_DECLS
