/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n-lib.h>

#include "mc-a11y.h"
#include "mc-alert.h"

/* Tells the official why something was not done, in a dialog over the window @near is in (or
 * over none, before any window exists), with one button to close it. */
void
mc_alert (GtkWidget  *near,
          const char *heading,
          const char *message)
{
  GtkRoot *root = near != NULL ? gtk_widget_get_root (near) : NULL;
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  mc_message_present (GTK_WINDOW (dialog));
}

/* Presents a message dialog, its response buttons named once each for a screen reader: they
 * are libadwaita's, made when a response is added, so no template of ours names them
 * (mc-a11y.c says why a mnemonic button is named twice on GTK 4.8). */
void
mc_message_present (GtkWindow *dialog)
{
  mc_a11y_name_mnemonic_buttons (GTK_WIDGET (dialog));
  gtk_window_present (dialog);
}

/* A toast saying @text as it is. AdwToast reads its title as Pango markup, so a message with
 * "<", "&" or a quoted JSON excerpt (an error from the simulator, a file name) would show
 * nothing at all. */
AdwToast *
mc_toast_new (const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  return adw_toast_new (escaped);
}
