/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The date formats on the wire of the five ministry dialects. Written by hand rather than with
 * GDateTime because a 100,000-dossier sync formats and parses about a million of them, and
 * because each format must be parsed strictly: "31/02/2026" is an error, not 3 March. */
typedef enum
{
  MC_WIRE_TIME_LGSP,    /* yyyy-MM-dd HH:mm:ss, Vietnam time */
  MC_WIRE_TIME_DVCQG,   /* yyyyMMddHHmmss, Vietnam time */
  MC_WIRE_TIME_LEGACY,  /* dd/MM/yyyy HH:mm:ss, Vietnam time */
  MC_WIRE_TIME_ISO8601, /* 2026-06-09T08:30:00+07:00 (any offset, or Z, on input) */
} McWireTime;

void     mc_wire_time_append   (GString    *out,
                                McWireTime  format,
                                gint64      unix_seconds);
char    *mc_wire_time_format   (McWireTime  format,
                                gint64      unix_seconds);
gboolean mc_wire_time_parse    (McWireTime  format,
                                const char *text,
                                gint64     *out_unix_seconds);

G_END_DECLS
