/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-dossier.h"
#include "mc-source.h"

G_BEGIN_DECLS

#define MC_SAMPLE_DEFAULT_SEED 20260423

GPtrArray *mc_sample_sources (void);
const char * const *mc_sample_settings (void);
McDossier *mc_sample_dossier (guint64 seed,
                              guint64 index,
                              gint64  now);

G_END_DECLS
