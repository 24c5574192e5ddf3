/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib-unix.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <string.h>

#include "mc-cli.h"
#include "mc-scanner.h"

/* motcuactl scan: the window's scanner from the command line, for checks and scripts. The
 * pages go to one PDF, written whole or not at all: Ctrl+C during the scan leaves no file. A
 * scanner that stops answering after some pages leaves those pages in the file, and says so. */

typedef struct
{
  GMainLoop *loop;
  GCancellable *cancellable;
  gboolean done;
  gboolean ok;
  guint added;
  GError *error;
} ScanWait;

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  ScanWait *wait = data;

  wait->ok = mc_scanner_scan_finish (MC_SCANNER (source), result, &wait->added, &wait->error);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

static gboolean
on_interrupt (gpointer data)
{
  ScanWait *wait = data;

  g_cancellable_cancel (wait->cancellable);
  return G_SOURCE_CONTINUE;
}

/* One line rewritten in place, only when what it says changes. */
static void
on_progress (McScanner *scanner,
             guint      page,
             guint64    bytes,
             guint64    expected,
             gpointer   data)
{
  guint *shown = data;  /* page × 1000 + percent + 1 of the last line, 0 before any */
  guint percent = expected > 0 ? (guint) (MIN (bytes, expected) * 100 / expected) : 0;

  if (*shown == page * 1000 + percent + 1)
    return;
  *shown = page * 1000 + percent + 1;
  mc_cli_progress ("\r\033[K");
  if (expected > 0)
    mc_cli_progress (_("Scanning page %u… %u%%"), page, percent);
  else
    mc_cli_progress (_("Scanning page %u…"), page);
}

static int
list_devices (void)
{
  g_autoptr(GPtrArray) devices = NULL;
  GError *error = NULL;

  if (!(devices = mc_scan_list_devices (&error)))
    return mc_cli_fail (error);
  for (guint i = 0; i < devices->len; i++)
    {
      McScanDevice *d = g_ptr_array_index (devices, i);
      g_autofree char *name = mc_cli_field (d->name);
      g_autofree char *vendor = mc_cli_field (d->vendor);
      g_autofree char *model = mc_cli_field (d->model);
      g_autofree char *type = mc_cli_field (d->type);

      g_print ("%s\t%s\t%s\t%s\n", name, vendor, model, type);
    }
  if (devices->len == 0)
    g_printerr ("%s\n", _("motcuactl: no scanner found"));
  return devices->len > 0 ? MC_CLI_OK : MC_CLI_FAILED;
}

int
mc_cli_scan (McCli  *cli,
             int     argc,
             char  **argv)
{
  g_autofree char *device = NULL;
  g_autofree char *output = NULL;
  g_autofree char *mode = NULL;
  g_auto(GStrv) options = NULL;
  gboolean list = FALSE, feeder = FALSE;
  int pages = 1, resolution = MC_SCAN_DPI_HIGH;
  GOptionEntry entries[] = {
    { "list", 0, 0, G_OPTION_ARG_NONE, &list, N_("List the scanners found, one per line (name, vendor, model, type)"), NULL },
    { "device", 'd', 0, G_OPTION_ARG_STRING, &device, N_("The scanner, by the name --list shows"), N_("DEVICE") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("Write the PDF to FILE"), N_("FILE") },
    { "pages", 'n', 0, G_OPTION_ARG_INT, &pages,
      N_("Scan up to N pages: from the feeder until it is empty, or N passes of the flatbed (default 1)"), N_("N") },
    { "feeder", 'f', 0, G_OPTION_ARG_NONE, &feeder, N_("Take the pages from the automatic document feeder (default: the flatbed)"), NULL },
    { "resolution", 'r', 0, G_OPTION_ARG_INT, &resolution, N_("Resolution in dpi (default 300; documents: 200 or 300)"), N_("DPI") },
    { "mode", 'm', 0, G_OPTION_ARG_STRING, &mode, N_("gray (default) or color"), N_("MODE") },
    { "option", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options,
      N_("Set a backend option of the scanner by its SANE name, such as brightness=10 (repeatable)"), N_("NAME=VALUE") },
    { NULL }
  };
  g_autoptr(McScanner) scanner = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GFile) file = NULL;
  ScanWait wait = { 0 };
  GError *error = NULL;
  McScanMode scan_mode = MC_SCAN_MODE_GRAY;
  int status = MC_CLI_OK;
  guint sigint, sigterm, shown = 0;

  if (!mc_cli_parse ("scan", _("— scan paper pages into one PDF"), entries, NULL, &argc, &argv, &status))
    return status;
  if (argc != 1)
    return mc_cli_usage ("scan", _("no argument is taken besides the options"));
  if (list)
    return list_devices ();
  if (device == NULL || *device == '\0')
    return mc_cli_usage ("scan", _("--device DEVICE is needed (motcuactl scan --list shows the scanners)"));
  if (output == NULL || *output == '\0')
    return mc_cli_usage ("scan", _("--output FILE is needed"));
  if (pages < 1 || pages > 500)
    return mc_cli_usage ("scan", _("--pages must be between 1 and 500"));
  if (resolution < 50 || resolution > 1200)
    return mc_cli_usage ("scan", _("--resolution must be between 50 and 1200 dpi"));
  /* Either spelling: the window says "colour". */
  if (mode != NULL && (g_str_equal (mode, "color") || g_str_equal (mode, "colour")))
    scan_mode = MC_SCAN_MODE_COLOR;
  else if (mode != NULL && !g_str_equal (mode, "gray") && !g_str_equal (mode, "grey"))
    return mc_cli_usage ("scan", _("--mode must be gray or color"));

  scanner = mc_scanner_new (device);
  mc_scanner_set_resolution (scanner, resolution);
  mc_scanner_set_mode (scanner, scan_mode);
  mc_scanner_set_feeder (scanner, feeder);
  for (guint i = 0; options != NULL && options[i] != NULL; i++)
    {
      const char *eq = strchr (options[i], '=');
      g_autofree char *name = NULL;

      if (eq == NULL || eq == options[i])
        return mc_cli_usage ("scan", _("--option must be NAME=VALUE"));
      name = g_strndup (options[i], eq - options[i]);
      mc_scanner_set_option (scanner, name, eq + 1);
    }

  loop = g_main_loop_new (NULL, FALSE);
  cancellable = g_cancellable_new ();
  wait.loop = loop;
  wait.cancellable = cancellable;
  if (mc_cli_progress_wanted ())
    g_signal_connect (scanner, "progress", G_CALLBACK (on_progress), &shown);
  sigint = g_unix_signal_add (SIGINT, on_interrupt, &wait);
  sigterm = g_unix_signal_add (SIGTERM, on_interrupt, &wait);
  mc_scanner_scan_async (scanner, pages, cancellable, on_scanned, &wait);
  while (!wait.done)
    g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);
  if (mc_cli_progress_wanted ())
    mc_cli_progress ("\r\033[K");

  if (g_error_matches (wait.error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_printerr ("%s\n", _("motcuactl: scanning was cancelled; nothing was saved"));
      g_error_free (wait.error);
      return MC_CLI_FAILED;
    }
  if (!wait.ok && mc_scanner_get_n_pages (scanner) == 0)
    return mc_cli_fail (wait.error);

  file = g_file_new_for_commandline_arg (output);
  if (!mc_scanner_save (scanner, file, NULL, &error))
    {
      g_clear_error (&wait.error);
      return mc_cli_fail (error);
    }
  if (!wait.ok)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE,
                               "motcuactl: %s; the %u page scanned before is saved in %s\n",
                               "motcuactl: %s; the %u pages scanned before are saved in %s\n",
                               mc_scanner_get_n_pages (scanner)),
                  wait.error->message, mc_scanner_get_n_pages (scanner), output);
      g_error_free (wait.error);
      return MC_CLI_FAILED;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u page saved in %s\n", "%u pages saved in %s\n",
                        mc_scanner_get_n_pages (scanner)),
           mc_scanner_get_n_pages (scanner), output);
  return MC_CLI_OK;
}
