/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store-outbox.h"
#include "mc-store-private.h"

G_BEGIN_DECLS

/* Shared by mc-store-actions.c and mc-store-outbox.c. */

gboolean  mc_store_tx_begin       (McStore     *self,
                                   gboolean    *out_own,
                                   GError     **error);
gboolean  mc_store_tx_end         (McStore     *self,
                                   gboolean     own,
                                   gboolean     ok,
                                   GError     **error);
char     *mc_store_json_detail    (const char  *first_key,
                                   ...) G_GNUC_NULL_TERMINATED;
gboolean  mc_store_outbox_insert  (McStore     *self,
                                   gint64       dossier_id,
                                   const char  *source_id,
                                   const char  *action,
                                   const char  *uuid,
                                   const char  *payload,
                                   const char  *base_version,
                                   GError     **error);

gint64    mc_store_compute_due    (McStore     *self,
                                   const char  *procedure_code,
                                   gint64       at,
                                   GError     **error);

gboolean  mc_store_is_blank       (const char  *text);
void      mc_store_set_invalid    (GError     **error,
                                   const char  *message);

G_END_DECLS
