/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "mc-store.h"

G_BEGIN_DECLS

/* One line of the audit log: who did what, when, to which dossier (if any), and how it ended.
 * Optional fields are 0 or NULL. */
typedef struct
{
  gint64 at;                  /* unix seconds; 0 = now */
  const char *actor;
  gint64 dossier_id;
  const char *dossier_number;
  const char *action;
  int status_before;
  int status_after;
  const char *outcome;
  const char *detail;
} McAuditEntry;

/* What mc_store_audit_check () found in a log that is intact. */
typedef struct
{
  guint entries;              /* rows in the log */
  guint unsealed;             /* the last ones, written while the audit key was not at hand */
  guint anchors;              /* anchors (outside the database) the log was checked against */
} McAuditReport;

/* The audit key is 32 random bytes kept per profile in the Secret Service (mc-secrets); the
 * process that has it registers it here, for every connection of the profile's database in
 * this process. */
#define MC_AUDIT_KEY_SIZE 32

void     mc_store_set_audit_key     (McStore            *self,
                                     GBytes             *key);
gboolean mc_store_audit_has_key     (McStore            *self);
/* TRUE once entries were sealed with a key: a new key would not verify them. */
gboolean mc_store_audit_is_sealed   (McStore            *self,
                                     GError            **error);

gboolean mc_store_audit_append      (McStore            *self,
                                     const McAuditEntry *entry,
                                     GError            **error);
/* The full check, which needs the key for a sealed log; mc_store_audit_verify (): the same
 * with the key, the structure alone without it. */
gboolean mc_store_audit_check       (McStore            *self,
                                     const char         *extra_anchors,
                                     McAuditReport      *out_report,
                                     GError            **error);
gboolean mc_store_audit_verify      (McStore            *self,
                                     guint              *out_n_entries,
                                     GError            **error);

/* Anchors: the sealed head at a time, written outside the database. */
char    *mc_store_audit_anchor_path (McStore            *self);
gboolean mc_store_audit_write_anchor (McStore           *self,
                                      GError           **error);
gboolean mc_store_audit_export_csv  (McStore            *self,
                                     GOutputStream      *out,
                                     GError            **error);

/* One line of the audit log as read back (mc-store-audit-list.c). */
typedef struct
{
  gint64 id;
  gint64 at;
  char *actor;
  gint64 dossier_id;
  char *dossier_number;
  char *action;
  int status_before;
  int status_after;
  char *outcome;
} McAuditRecord;

void       mc_audit_record_free (McAuditRecord *record);
GPtrArray *mc_store_audit_list  (McStore       *self,
                                 const char    *action,
                                 const char    *outcome,
                                 GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McAuditRecord, mc_audit_record_free)

G_END_DECLS
