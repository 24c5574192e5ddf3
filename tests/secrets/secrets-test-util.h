/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* TRUE when a Secret Service answers; otherwise prints the TAP skip line (the caller exits 0). */
gboolean         secrets_test_init          (int          *argc,
                                             char       ***argv);
/* Every log message of the process (all levels, all threads), as text, since the start. */
char            *secrets_test_log_text      (void);
/* The file under @dir (recursively) whose bytes contain @needle, or NULL. */
char            *secrets_test_find_in_dir   (const char   *dir,
                                             const char   *needle);
/* A self-signed certificate for 127.0.0.1 made with the openssl command, with its key, and
 * the SHA-256 fingerprint openssl computes for it ("AB:CD:…"). */
GTlsCertificate *secrets_test_certificate   (const char   *dir,
                                             const char   *name,
                                             char        **out_fingerprint);

G_END_DECLS
