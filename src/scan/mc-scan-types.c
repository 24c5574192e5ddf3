/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-scan-types.h"

G_DEFINE_QUARK (mc-scan-error-quark, mc_scan_error)

GType
mc_scan_mode_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { MC_SCAN_MODE_GRAY, "MC_SCAN_MODE_GRAY", "gray" },
    { MC_SCAN_MODE_COLOR, "MC_SCAN_MODE_COLOR", "color" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("McScanMode", values));
  return type;
}
