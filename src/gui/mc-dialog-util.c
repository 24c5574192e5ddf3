/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-dialog-util.h"

/* The template children of @dialog's class @type, disposed from the dialog's dispose, for a
 * dialog that holds entry rows. An entry row follows the window's focus widget: it must not
 * be focused while the window takes it apart (libadwaita 1.2 then notifies a row half gone),
 * so the focus is unset first. */
void
mc_dialog_dispose_template (GtkWindow *dialog,
                            GType      type)
{
  gtk_window_set_focus (dialog, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (dialog), type);
}
