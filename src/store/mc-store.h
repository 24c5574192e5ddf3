/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "mc-dossier.h"
#include "mc-source.h"

G_BEGIN_DECLS

#define MC_STORE_ERROR (mc_store_error_quark ())

typedef enum
{
  MC_STORE_ERROR_FAILED,     /* SQLite said no; the message says why */
  MC_STORE_ERROR_NO_PROFILE, /* opening an existing profile that is not there */
  MC_STORE_ERROR_CORRUPT,    /* not a database, or a damaged one */
  MC_STORE_ERROR_TOO_NEW,    /* written by a newer Một Cửa */
  MC_STORE_ERROR_NOT_FOUND,
  MC_STORE_ERROR_INVALID,    /* the caller's input breaks a rule (unknown source, bad status) */
  MC_STORE_ERROR_FOREIGN,    /* an existing file that is not a Một Cửa database: left alone */
  MC_STORE_ERROR_DISK_FULL,
  MC_STORE_ERROR_READ_ONLY,  /* a write on a profile opened read-only */
  MC_STORE_ERROR_UNCONFIRMED, /* allowed once the official confirms it (a reception after hours) */
} McStoreError;

GQuark mc_store_error_quark (void);

typedef enum
{
  MC_STORE_OPEN_CREATE = 0,
  MC_STORE_OPEN_EXISTING = 1 << 0,
  MC_STORE_OPEN_READ_ONLY = 1 << 1,  /* never writes the file (also chosen when it is not writable) */
  MC_STORE_OPEN_CHECK = 1 << 2,      /* check the pages before the first write (mc_store_check) */
} McStoreOpenFlags;

/* What a list shows: every field is optional (0 / NULL = any). */
typedef struct
{
  int status;
  const char *source_id;
  guint limit;      /* 0 = no limit */
} McStoreFilter;

#define MC_STORE_SCHEMA_VERSION 15

#define MC_TYPE_STORE (mc_store_get_type ())
G_DECLARE_FINAL_TYPE (McStore, mc_store, MC, STORE, GObject)

McStore    *mc_store_open               (const char        *path,
                                         McStoreOpenFlags   flags,
                                         GError           **error);
char       *mc_store_profile_path       (const char        *profile_dir);
char       *mc_store_default_profile_dir (const char       *profile_name);
const char *mc_store_get_path           (McStore           *self);
int         mc_store_get_schema_version (McStore           *self);

void        mc_store_leave_checkpoints  (McStore           *self);
gboolean    mc_store_begin              (McStore           *self,
                                         GError           **error);
gboolean    mc_store_commit             (McStore           *self,
                                         GError           **error);
void        mc_store_rollback           (McStore           *self);
gboolean    mc_store_integrity_check    (McStore           *self,
                                         GError           **error);
gboolean    mc_store_check              (McStore           *self,
                                         gboolean           deep,
                                         GError           **error);
gboolean    mc_store_is_read_only       (McStore           *self);
gboolean    mc_store_is_marked_damaged  (McStore           *self);
void        mc_store_forget_damage      (McStore           *self);
char       *mc_store_recover            (const char        *path,
                                         const char        *destination,
                                         GError           **error);

gboolean    mc_store_add_source         (McStore           *self,
                                         const McSource    *source,
                                         GError           **error);
gboolean    mc_store_remove_source      (McStore           *self,
                                         const char        *id,
                                         GError           **error);
McSource   *mc_store_get_source         (McStore           *self,
                                         const char        *id,
                                         GError           **error);
GPtrArray  *mc_store_list_sources       (McStore           *self,
                                         GError           **error);
gboolean    mc_store_set_source_pin     (McStore           *self,
                                         const char        *id,
                                         const char        *fingerprint,
                                         GError           **error);

gboolean    mc_store_insert_dossier     (McStore           *self,
                                         McDossier         *dossier,
                                         GError           **error);
McDossier  *mc_store_get_dossier        (McStore           *self,
                                         gint64             id,
                                         GError           **error);
gint64      mc_store_find_number        (McStore           *self,
                                         const char        *number,
                                         GError           **error);
GArray     *mc_store_list               (McStore           *self,
                                         const McStoreFilter *filter,
                                         GError           **error);
gint64      mc_store_count              (McStore           *self,
                                         const McStoreFilter *filter,
                                         GError           **error);
GArray     *mc_store_search             (McStore           *self,
                                         const char        *query,
                                         guint              limit,
                                         GError           **error);
char       *mc_store_build_fts_query    (const char        *query);

G_END_DECLS
