/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

GArray *mc_store_list_received (McStore  *self,
                                gint64    from,
                                gint64    to,
                                GError  **error);

G_END_DECLS
