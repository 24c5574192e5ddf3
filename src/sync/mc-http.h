/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A ministry system's answer, read whole (up to the size limit). */
typedef struct
{
  guint status;
  SoupMessageHeaders *headers;
  GBytes *body;
} McHttpReply;

void mc_http_reply_free (McHttpReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (McHttpReply, mc_http_reply_free)

/* Bodies above this are refused (a page of 1,000 dossiers is about 1.6 MB). */
#define MC_HTTP_DEFAULT_MAX_BODY (16 * 1024 * 1024)

#define MC_TYPE_HTTP (mc_http_get_type ())
G_DECLARE_FINAL_TYPE (McHttp, mc_http, MC, HTTP, GObject)

McHttp      *mc_http_new          (const char          *base_url,
                                   const char          *label);
void         mc_http_set_follow_redirects (McHttp      *self,
                                           gboolean     follow);
void         mc_http_set_max_body (McHttp              *self,
                                   gsize                max_body);
void         mc_http_set_timeout  (McHttp              *self,
                                   guint                seconds);
const char  *mc_http_get_label    (McHttp              *self);
guint64      mc_http_get_n_requests (McHttp            *self);
McHttpReply *mc_http_send         (McHttp              *self,
                                   const char          *method,
                                   const char          *path,
                                   const char          *content_type,
                                   const char          *body,
                                   gssize               body_len,
                                   const char * const  *headers,
                                   GCancellable        *cancellable,
                                   GError             **error);
guint        mc_http_retry_after  (McHttpReply         *reply);

/* TLS: the system trust store decides, except for the one certificate whose SHA-256
 * fingerprint is pinned ("AB:CD:…", 32 bytes in hex, as mc_http_normalize_fingerprint ()
 * writes it). A refused certificate is MC_SYNC_ERROR_CERTIFICATE, and its fingerprint stays
 * readable for the official to compare and pin. */
void         mc_http_set_pinned_certificate   (McHttp          *self,
                                               const char      *fingerprint);
const char  *mc_http_get_refused_certificate  (McHttp          *self);
char        *mc_http_certificate_fingerprint  (GTlsCertificate *certificate);
char        *mc_http_normalize_fingerprint    (const char      *text);

G_END_DECLS
