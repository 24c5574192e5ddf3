/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-print.h"

G_BEGIN_DECLS

#define MC_TYPE_PRINT_PREVIEW (mc_print_preview_get_type ())
G_DECLARE_FINAL_TYPE (McPrintPreview, mc_print_preview, MC, PRINT_PREVIEW, AdwWindow)

McPrintPreview *mc_print_preview_new         (GtkWindow        *parent,
                                              const char       *name,
                                              McPrintLayout    *layout);
guint           mc_print_preview_get_n_pages (McPrintPreview   *self);

G_END_DECLS
