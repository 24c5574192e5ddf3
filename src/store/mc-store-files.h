/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store-blobs.h"
#include "mc-store-outbox.h"

G_BEGIN_DECLS

/* A dossier's files (the table dossier_files): the metadata a ministry system lists (origin
 * remote, written with each pulled dossier and replaced by the next pull, keeping a content
 * downloaded already) and the files of this office (origin local: scanned or imported at the
 * counter, reused from an earlier dossier, e-results recorded on completion), which a pull
 * never removes. Either kind makes the dossier digitised (a component) or its result
 * electronic (a result) for the 766 indicators. Contents are kept in the profile by SHA-256
 * (mc-store-blobs.h). */

/* What the official attaches: a file on disk (@path), or a file of an earlier dossier of the
 * same citizen (@reuse_from, its id). */
typedef struct
{
  const char *path;
  const McBlobInfo *kept;     /* @path's content kept already (mc_store_put_blob(), in a thread
                               * when it came in): not read again; NULL: read now */
  gint64 reuse_from;
  const char *name;           /* as sent; NULL: the file's own name */
  const char *component;      /* the document of the dossier's list, or the result's name */
  McFileKind kind;
  /* An e-result (MC_FILE_RESULT): the document's number, date of signing and signer. */
  const char *doc_number;
  gint64 doc_date;
  const char *signer;
} McAttachInput;

gboolean   mc_store_add_local_file    (McStore              *self,
                                       gint64                dossier_id,
                                       const McFile         *file,
                                       GError              **error);
gboolean   mc_store_attach_file       (McStore              *self,
                                       gint64                dossier_id,
                                       const McAttachInput  *input,
                                       const char           *actor,
                                       gint64               *out_id,
                                       GError              **error);
gboolean   mc_store_remove_file       (McStore              *self,
                                       gint64                file_id,
                                       const char           *actor,
                                       GError              **error);
McFile    *mc_store_get_file          (McStore              *self,
                                       gint64                id,
                                       GError              **error);
McFile    *mc_store_get_file_full     (McStore              *self,
                                       gint64                id,
                                       gint64               *out_dossier,
                                       GError              **error);
gboolean   mc_store_file_is_reusable  (McStore              *self,
                                       const McFile         *from,
                                       const McDossier      *d,
                                       GError              **error);
GPtrArray *mc_store_reusable_files    (McStore              *self,
                                       const char           *id_number,
                                       gint64                except_dossier,
                                       GError              **error);
gboolean   mc_store_keep_download     (McStore              *self,
                                       gint64                file_id,
                                       GBytes               *content,
                                       GError              **error);
char      *mc_store_file_content_path (McStore              *self,
                                       const McFile         *file);
gboolean   mc_store_file_send_state   (McStore              *self,
                                       const McFile         *file,
                                       McOutboxState        *out_state,
                                       gboolean             *out_known,
                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McFile, mc_file_free)

G_END_DECLS
