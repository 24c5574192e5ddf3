/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-store.h"

G_BEGIN_DECLS

/* The contents of the profile's files, content-addressed by SHA-256 (mc-store-blobs.c). */
typedef struct
{
  char *hash;                 /* "sha256:…" */
  gint64 size;
  const char *content_type;   /* application/pdf, image/jpeg or image/png */
} McBlobInfo;

void        mc_blob_info_clear      (McBlobInfo  *info);
const char *mc_file_type_sniff      (const guint8 *head,
                                     gsize         len);
char       *mc_store_blob_dir       (McStore     *self);
char       *mc_store_blob_path      (McStore     *self,
                                     const char  *hash);
/* "files/ab/abcd…": the blob's place relative to the profile (dossier_files.local_path). */
char       *mc_store_blob_relative_path (const char *hash);
gboolean    mc_store_put_blob       (McStore     *self,
                                     const char  *path,
                                     gint64       max_size,
                                     McBlobInfo  *out,
                                     GError     **error);
char       *mc_store_put_blob_bytes (McStore     *self,
                                     GBytes      *content,
                                     GError     **error);
GBytes     *mc_store_read_blob      (McStore     *self,
                                     const char  *hash,
                                     GError     **error);
gboolean    mc_store_check_blob     (McStore     *self,
                                     const char  *hash,
                                     GError     **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (McBlobInfo, mc_blob_info_clear)

G_END_DECLS
