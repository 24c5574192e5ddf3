/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mc_dialog_dispose_template (GtkWindow *dialog,
                                 GType      type);

G_END_DECLS
