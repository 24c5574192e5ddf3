/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-due-group.h"
#include "mc-file-strip.h"
#include "mc-store.h"

G_BEGIN_DECLS

#define MC_TYPE_INTAKE_DIALOG (mc_intake_dialog_get_type ())
G_DECLARE_FINAL_TYPE (McIntakeDialog, mc_intake_dialog, MC, INTAKE_DIALOG, AdwWindow)

McIntakeDialog *mc_intake_dialog_new            (GtkWindow      *parent,
                                                 McStore        *store);
void            mc_intake_dialog_search         (McIntakeDialog *self,
                                                 const char     *text);
guint           mc_intake_dialog_get_n_matches  (McIntakeDialog *self);
gboolean        mc_intake_dialog_select_procedure (McIntakeDialog *self,
                                                 const char     *code);
void            mc_intake_dialog_set_applicant  (McIntakeDialog *self,
                                                 const char     *name,
                                                 const char     *id_number);
void            mc_intake_dialog_add_document   (McIntakeDialog *self,
                                                 const char     *name);
gboolean        mc_intake_dialog_add_file       (McIntakeDialog *self,
                                                 const char     *name,
                                                 GFile          *file,
                                                 GError        **error);
McFileStrip    *mc_intake_dialog_get_files      (McIntakeDialog *self,
                                                 const char     *name);
gboolean        mc_intake_dialog_continue       (McIntakeDialog *self);
gboolean        mc_intake_dialog_is_confirming  (McIntakeDialog *self);
gint64          mc_intake_dialog_get_due        (McIntakeDialog *self);
const char     *mc_intake_dialog_get_due_text   (McIntakeDialog *self);
const char     *mc_intake_dialog_get_error      (McIntakeDialog *self);
void            mc_intake_dialog_set_proxy      (McIntakeDialog *self,
                                                 const char     *name,
                                                 const char     *id_number,
                                                 const char     *authorization);
McDueGroup     *mc_intake_dialog_get_due_group  (McIntakeDialog *self);
gint64          mc_intake_dialog_confirm        (McIntakeDialog *self);

G_END_DECLS
