/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The error domain of talking to a ministry system, apart from the connector interface so
 * that the layers above can tell the cases without the connectors' API. */
#define MC_SYNC_ERROR (mc_sync_error_quark ())

/* What went wrong talking to a ministry system; the engine's state follows from the code. */
typedef enum
{
  MC_SYNC_ERROR_OFFLINE,         /* the system cannot be reached (refused, unreachable, timeout) */
  MC_SYNC_ERROR_NO_ANSWER,       /* the request went out and the connection broke: outcome unknown */
  MC_SYNC_ERROR_AUTH,            /* the credentials are refused: the official must sign in again */
  MC_SYNC_ERROR_CURSOR_EXPIRED,  /* 410: the cursor is too old, read everything again */
  MC_SYNC_ERROR_RATE_LIMITED,    /* 429: wait mc_connector_get_retry_after() seconds */
  MC_SYNC_ERROR_MALFORMED,       /* the answer is not what the dialect promises */
  MC_SYNC_ERROR_SERVER,          /* the system said it failed (5xx, an error code) */
  MC_SYNC_ERROR_CONFLICT,        /* the dossier changed on the server since the base version */
  MC_SYNC_ERROR_REJECTED,        /* the system refused the action (invalid transition, 4xx) */
  MC_SYNC_ERROR_NOT_FOUND,
  MC_SYNC_ERROR_CERTIFICATE,     /* the server's TLS certificate is not trusted (nor pinned) */
  MC_SYNC_ERROR_UNIT_UNKNOWN,    /* the system does not know the source's unit code */
} McSyncError;

GQuark mc_sync_error_quark (void);

G_END_DECLS
