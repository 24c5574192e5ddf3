/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void mc_a11y_name_mnemonic_buttons (GtkWidget  *root);
void mc_a11y_name_first_of_type    (GtkWidget  *root,
                                    GType       type,
                                    const char *name);
void mc_a11y_name_shortcuts_window (GtkShortcutsWindow *window);

G_END_DECLS
