/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-file-strip.h"
#include "mc-store-actions.h"
#include "mc-store-outbox.h"

G_BEGIN_DECLS

#define MC_TYPE_ACTION_DIALOG (mc_action_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McActionDialog, mc_action_dialog, MC, ACTION_DIALOG, AdwWindow)

McActionDialog *mc_action_dialog_new        (GtkWindow           *parent,
                                             McStore             *store,
                                             gint64               dossier_id,
                                             McAction             action);
McActionDialog *mc_action_dialog_new_retry  (GtkWindow           *parent,
                                             McStore             *store,
                                             const McOutboxEntry *entry);
McAction        mc_action_dialog_get_action (McActionDialog      *self);
gint64          mc_action_dialog_get_dossier_id (McActionDialog  *self);
const char     *mc_action_dialog_get_error  (McActionDialog      *self);
void            mc_action_dialog_set_note   (McActionDialog      *self,
                                             const char          *note);
void            mc_action_dialog_add_item   (McActionDialog      *self,
                                             const char          *item);
void            mc_action_dialog_set_due    (McActionDialog      *self,
                                             const char          *text);
void            mc_action_dialog_set_method (McActionDialog      *self,
                                             McChannel            method);
void            mc_action_dialog_add_result (McActionDialog      *self,
                                             const char          *name,
                                             const char          *number);
void            mc_action_dialog_set_fee    (McActionDialog      *self,
                                             const char          *name,
                                             const char          *amount);
McFileStrip    *mc_action_dialog_get_eresult_files (McActionDialog *self);
void            mc_action_dialog_set_signed (McActionDialog      *self,
                                             const char          *signed_on,
                                             const char          *signer);
void            mc_action_dialog_set_delivery (McActionDialog    *self,
                                               const char        *delivery);
gboolean        mc_action_dialog_apply      (McActionDialog      *self);

G_END_DECLS
