/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

GPtrArray *mc_tsv_load_resource (const char *resource_path,
                                 guint       min_columns,
                                 GError    **error);

G_END_DECLS
