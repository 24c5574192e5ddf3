/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

gboolean mc_print_qr (cairo_t     *cr,
                      const char  *text,
                      double       x,
                      double       y,
                      double       size,
                      GError     **error);

G_END_DECLS
