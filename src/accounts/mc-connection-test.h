/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-source.h"

G_BEGIN_DECLS

/* "Test connection": signs in to a source and reads one dossier, and says in plain words what
 * failed. Used by `motcuactl sources test` and by the Preferences window: show summary (one
 * sentence in the official's language) and detail (the system's own words, smaller); for
 * MC_CONNECTION_CERTIFICATE show fingerprint and offer to pin it (mc_store_set_source_pin ()),
 * then test again. The test never reuses a kept session: it checks the credentials themselves,
 * and keeps nothing. */
typedef enum
{
  MC_CONNECTION_OK,
  MC_CONNECTION_UNREACHABLE,     /* address unreachable: refused, no route, unknown host, timeout */
  MC_CONNECTION_CERTIFICATE,     /* TLS certificate invalid (not trusted, not pinned) */
  MC_CONNECTION_WRONG_PASSWORD,  /* the password, client secret or application key is refused */
  MC_CONNECTION_UNIT_UNKNOWN,    /* the system does not know the unit code */
  MC_CONNECTION_WRONG_DIALECT,   /* an answer, but not the dialect's (HTML, another envelope, 404) */
  MC_CONNECTION_FAILED,          /* the system answered with an error of its own */
} McConnectionResult;

typedef struct
{
  McConnectionResult result;
  char *summary;       /* plain words, translated */
  char *detail;        /* the error as the connector saw it; NULL when all went well */
  char *fingerprint;   /* MC_CONNECTION_CERTIFICATE: the refused certificate's SHA-256 */
} McConnectionReport;

void                mc_connection_report_free (McConnectionReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McConnectionReport, mc_connection_report_free)

const char         *mc_connection_result_name (McConnectionResult  result);

/* @secrets: as mc_connector_new () takes them (mc_secrets_load_source_sync ()). Blocking. */
McConnectionReport *mc_connection_test_sync   (const McSource     *source,
                                               GHashTable         *secrets,
                                               GCancellable       *cancellable);
void                mc_connection_test_async  (const McSource     *source,
                                               GHashTable         *secrets,
                                               GCancellable       *cancellable,
                                               GAsyncReadyCallback callback,
                                               gpointer            user_data);
/* NULL only when cancelled. */
McConnectionReport *mc_connection_test_finish (GAsyncResult       *result,
                                               GError            **error);

G_END_DECLS
