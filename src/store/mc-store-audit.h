/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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

gboolean mc_store_audit_append (McStore            *self,
                                const McAuditEntry *entry,
                                GError            **error);
gboolean mc_store_audit_verify (McStore            *self,
                                guint              *out_n_entries,
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
