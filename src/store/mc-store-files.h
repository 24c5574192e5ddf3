/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

/* A dossier's files (the table dossier_files): the metadata a ministry system lists (origin
 * remote, written with each pulled dossier and replaced by the next pull) and the files of
 * this office (origin local: scanned or attached at the counter, e-results recorded on
 * completion), which a pull never removes. Either kind makes the dossier digitised (a
 * component) or its result electronic (a result) for the 766 indicators. */

gboolean   mc_store_add_local_file (McStore       *self,
                                    gint64         dossier_id,
                                    const McFile  *file,
                                    GError       **error);

G_END_DECLS
