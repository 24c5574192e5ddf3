/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "mc-cli.h"
#include "mc-i18n.h"

int
main (int    argc,
      char **argv)
{
  /* Passwords, keys and tokens pass through this process: no core dump of it. */
  mc_secrets_protect_process ();
  mc_i18n_init ();
  mc_cli_install_output_filter ();
  return mc_cli_main (argc, argv);
}
