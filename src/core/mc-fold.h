/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

char *mc_fold_text   (const char *text);
void  mc_fold_append (GString    *out,
                      const char *text);

G_END_DECLS
