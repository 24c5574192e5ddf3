/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "mc-cli.h"

/* One line from stdin; on a terminal, prompted on stderr with the echo off. Never from the
 * command line, where every user of the computer could read it (ps, /proc). Any length up to
 * MC_SECRET_MAX_BYTES; a longer line is refused (G_IO_ERROR_MESSAGE_TOO_LARGE), never cut: a
 * cut secret would fail later in a way nobody could explain, or leave its rest for the next
 * read. Only the line break is taken off (a space may end a password). stdin is unbuffered, so
 * that no copy is left in stdio's buffer; ours is wiped, and the caller frees the result with
 * mc_cli_free_secret (). Returns NULL without an error at the end of input. */
char *
mc_cli_read_secret (const char  *prompt,
                    GError     **error)
{
  static gboolean unbuffered;
  gboolean tty = isatty (STDIN_FILENO);
  struct termios saved, quiet;
  gsize size = MC_SECRET_MAX_BYTES + 2;
  char *buffer = g_malloc0 (size);
  char *line, *result = NULL;
  gsize len;

  if (!unbuffered)
    {
      setvbuf (stdin, NULL, _IONBF, 0);
      unbuffered = TRUE;
    }
  if (tty)
    {
      g_printerr ("%s", prompt);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, size, stdin);
  len = line ? strlen (buffer) : 0;
  if (line != NULL && len == size - 1 && buffer[len - 1] != '\n')
    {
      int c;

      /* Too long: the rest of the line is read and dropped, the whole refused. */
      while ((c = getchar ()) != EOF && c != '\n')
        ;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the secret is longer than %d bytes, the most Một Cửa accepts"), MC_SECRET_MAX_BYTES);
    }
  else if (line != NULL)
    {
      if (len > 0 && buffer[len - 1] == '\n')
        buffer[--len] = '\0';
      if (len > 0 && buffer[len - 1] == '\r')
        buffer[--len] = '\0';
      result = g_strdup (buffer);
    }
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  explicit_bzero (buffer, size);
  g_free (buffer);
  return result;
}

const char *
mc_cli_secret_prompt (McSecretKind kind)
{
  switch (kind)
    {
    case MC_SECRET_CLIENT_SECRET: return _("Client secret: ");
    case MC_SECRET_API_KEY: return _("Application key: ");
    default: return _("Password: ");
    }
}

/* Wipes and frees a secret: on every path out of a command, through g_autoptr(McCliSecret). */
void
mc_cli_free_secret (char *secret)
{
  if (secret == NULL)
    return;
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

/* Whether the passwords in the keyring can be reached at all: the Secret Service answers on
 * the desktop session's bus, which a plain console or a cron job does not have. Said in
 * words, rather than with the bus's own error ("Cannot autolaunch D-Bus…"). */
gboolean
mc_cli_keyring_reachable (void)
{
  g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);

  if (bus != NULL)
    return TRUE;
  g_printerr ("%s\n", _("motcuactl: the keyring, where the passwords of the ministry systems are kept, "
                        "cannot be reached: there is no desktop session. Run motcuactl in the "
                        "official's desktop session."));
  return FALSE;
}
