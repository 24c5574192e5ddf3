/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean mc_i18n_language_chosen (void);
void     mc_i18n_init            (void);

G_END_DECLS
