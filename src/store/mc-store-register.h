/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

GArray *mc_store_list_received (McStore  *self,
                                gint64    from,
                                gint64    to,
                                GError  **error);
gboolean mc_store_register_position (McStore  *self,
                                     gint64    dossier_id,
                                     char    **out_book,
                                     gint64   *out_row,
                                     GError  **error);

G_END_DECLS
