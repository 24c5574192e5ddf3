/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

char *mc_official_name (McStore *store);
char *mc_official_unit (McStore *store);
char *mc_official_signer (McStore *store,
                          GError **error);

G_END_DECLS
