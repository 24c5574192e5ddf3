/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "mc-print.h"

G_BEGIN_DECLS

#define MC_TYPE_PRINT_OPERATION (mc_print_operation_get_type ())
G_DECLARE_FINAL_TYPE (McPrintOperation, mc_print_operation, MC, PRINT_OPERATION, GObject)

McPrintOperation *mc_print_operation_new       (McPrintLayout     *layout,
                                                const char        *name);
guint             mc_print_operation_get_n_pages (McPrintOperation *self);
const char       *mc_print_operation_get_name  (McPrintOperation  *self);
GtkWindow        *mc_print_operation_preview   (McPrintOperation  *self,
                                                GtkWindow         *parent);
void              mc_print_operation_print     (McPrintOperation  *self,
                                                GtkWindow         *parent);
void              mc_print_operation_run_preview (McPrintOperation *self,
                                                GtkWindow         *parent);
void              mc_print_operation_save_pdf  (McPrintOperation  *self,
                                                GtkWindow         *parent);
gboolean          mc_print_operation_export    (McPrintOperation  *self,
                                                const char        *path,
                                                GError           **error);
gboolean          mc_print_operation_write_pdf (McPrintOperation  *self,
                                                const char        *path,
                                                GError           **error);

G_END_DECLS
