/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "mc-application.h"
#include "mc-i18n.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(McApplication) app = NULL;

  mc_i18n_init ();
  g_set_application_name ("Một Cửa");
  app = mc_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
