/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A configured ministry system. Credentials are never part of it: they live in the Secret
 * Service, keyed by the source id. */
typedef struct
{
  char *id;         /* short stable key, e.g. "g09" */
  char *ministry;   /* G03, G09, G16, G18, G21 */
  char *dialect;    /* lgsp, dvcqg, rest, feed, legacy */
  char *name;       /* shown to the official */
  char *base_url;
  char *unit_code;  /* mã đơn vị */
  char *account;    /* user name or client id; not secret */
  gboolean enabled;
  char *pinned_certificate;  /* SHA-256 fingerprint "AB:CD:…" accepted by the official, or NULL */
  guint settle_seconds;      /* how long after its last send an unanswered action not found on the
                              * system counts as not applied (a system may commit late) */
} McSource;

#define MC_SOURCE_DEFAULT_SETTLE 600

McSource *mc_source_new  (const char *id,
                          const char *ministry,
                          const char *dialect,
                          const char *name,
                          const char *base_url,
                          const char *unit_code,
                          const char *account);
McSource *mc_source_copy (const McSource *source);
void      mc_source_free (McSource   *source);
gboolean  mc_source_url_has_userinfo (const char *url);

const char *mc_ministry_name (const char *ministry_code);
/* The largest file a dialect's upload takes, in bytes (shared/ministry-apis.md, "Files"). */
gint64      mc_dialect_max_file_size (const char *dialect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (McSource, mc_source_free)

G_END_DECLS
