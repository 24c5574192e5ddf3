/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mc-connector.h"
#include "mc-http.h"
#include "mc-json.h"
#include "mc-wire-time.h"

G_BEGIN_DECLS

/* What every connector holds; each dialect's instance embeds one as `base`
 * (MC_CONNECTOR_DEFINE_DIALECT). Secrets stay in @secrets and are never formatted into a
 * message. */
typedef struct
{
  McSource *source;
  GHashTable *secrets;
  McHttp *http;
  char *session;              /* what the last sign-in gave (token, session id, cookie) */
  char *refresh;              /* a token that renews it, where the dialect has one (feed) */
  guint page_size;
  guint retry_after;          /* seconds, from the last 429 or 503 */
  McSecrets *keyring;         /* NULL: sessions live as long as the connector */
  guint restored;             /* 1 << McSecretKind: looked up in the keyring once already */
  guint timeout;              /* seconds; 0: mc-http's default */
  /* The walk in progress of a dialect paged by a time window (mc_window_pull()). */
  gint64 walk_start;
  GHashTable *walk_seen;      /* the numbers read in it, NULL when not all its pages are ours */
} McConnectorBase;

void             mc_connector_base_init  (McConnectorBase  *base,
                                          const McSource   *source,
                                          GHashTable       *secrets);
McConnectorBase *mc_connector_get_base   (McConnector      *self);
/* The finalize of every dialect, which holds nothing beyond its McConnectorBase (a final class:
 * its parent's finalize follows). */
void             mc_connector_base_finalize (GObject       *object);
const char      *mc_connector_secret     (McConnectorBase  *base,
                                          const char       *name);
/* A session (token, cookie) kept in the keyring: restored once, on first need, so that a
 * restart does not sign in again; kept after every sign-in or refresh. Never logged. */
char            *mc_connector_restore_session (McConnectorBase *base,
                                               McSecretKind     kind);
void             mc_connector_keep_session    (McConnectorBase *base,
                                               McSecretKind     kind,
                                               const char      *value);
/* The session to send a request in: the one held, else the one kept under @kind, else a new
 * sign-in. NULL with @error set when signing in fails. */
const char      *mc_connector_session         (McConnector     *self,
                                               McSecretKind     kind,
                                               GCancellable    *cancellable,
                                               GError         **error);

/* What a reply says of the session it was sent in. */
typedef enum
{
  MC_SESSION_VALID,
  MC_SESSION_EXPIRED,
  MC_SESSION_FAILED,          /* an error (set) that signing in again would not mend */
} McSessionCheck;

/* How a dialect carries its session in a header and tells when the system no longer knows it. */
typedef struct
{
  McSecretKind kind;          /* where the session is kept in the keyring */
  const char *header;         /* the header that carries it */
  const char *prefix;         /* what stands before it there ("Bearer ") */
  /* NULL: a 401 means the session expired. */
  McSessionCheck (*check) (McConnectorBase  *base,
                           McHttpReply      *reply,
                           GError          **error);
  /* NULL: an expired session is replaced by a new sign-in. */
  gboolean (*renew) (McConnector   *self,
                     GCancellable  *cancellable,
                     GError       **error);
} McSessionRules;

/* One request in the session, with @headers (name, value, …, NULL; or NULL) besides the
 * session's and a body of @content_type (binary: @body_len); when the session expired it is
 * renewed and the request sent once more. */
McHttpReply     *mc_connector_send            (McConnector          *self,
                                               const McSessionRules *rules,
                                               const char           *method,
                                               const char           *path,
                                               const char           *content_type,
                                               const char           *body,
                                               gssize                body_len,
                                               const char * const   *headers,
                                               GCancellable         *cancellable,
                                               GError              **error);

/* Reading a server's JSON strictly: the first problem becomes the error (naming the source,
 * the item and the field) and every later read is a no-op, so a mapping function can read
 * all its fields and check once at the end. */
typedef struct
{
  McConnectorBase *base;
  int item;                   /* index in the page, -1 outside items */
  GError *error;
} McParse;

void         mc_parse_fail     (McParse     *p,
                                const char  *format,
                                ...) G_GNUC_PRINTF (2, 3);
const McJson *mc_parse_body    (McParse       *p,
                               GBytes        *body,
                               McJsonDoc    **out_doc);
const McJson *mc_parse_object  (McParse       *p,
                               const McJson  *o,
                               const char    *member,
                               gboolean       required);
const McJson *mc_parse_array   (McParse       *p,
                               const McJson  *o,
                               const char    *member,
                               gboolean       required);
/* Element @i of @list, which must be an object. */
const McJson *mc_parse_element (McParse       *p,
                               const McJson  *list,
                               guint          i);
/* Item @i of a page's @items, which must be an object: the problems from here on name it. */
const McJson *mc_parse_item    (McParse       *p,
                               const McJson  *items,
                               guint          i);
char         *mc_parse_string  (McParse       *p,
                               const McJson  *o,
                               const char    *member,
                               gboolean       required);
gint64        mc_parse_int     (McParse       *p,
                               const McJson  *o,
                               const char    *member,
                               gboolean       required,
                               gint64         fallback);
gboolean      mc_parse_bool    (McParse       *p,
                               const McJson  *o,
                               const char    *member);
gint64        mc_parse_time    (McParse       *p,
                               const McJson  *o,
                               const char    *member,
                               McWireTime     format,
                               gboolean       required);
gint64        mc_parse_ms      (McParse       *p,
                               const McJson  *o,
                               const char    *member,
                               gboolean       required);
gboolean     mc_parse_check    (McParse     *p,
                                GError     **error);

/* Errors of a request, in words the official reads under the ministry's name (the popover's
 * row, a review card): they do not name the source; the sync engine does where it sums up. */
void         mc_connector_error (McConnectorBase *base,
                                 GError         **error,
                                 McSyncError      code,
                                 const char      *format,
                                 ...) G_GNUC_PRINTF (4, 5);
/* The system's refusal or failure in words the official reads: its own @reason when it gave
 * one. @status (0 when not at hand) and @answer_code (the dialect's own code, or NULL) go to
 * the debug log only. */
void         mc_connector_refusal (McConnectorBase *base,
                                   GError         **error,
                                   McSyncError      code,
                                   guint            status,
                                   const char      *answer_code,
                                   const char      *reason);
/* A refusal worded by its JSON body (rest, feed). */
void         mc_connector_json_refusal (McConnectorBase *base,
                                        GError         **error,
                                        McSyncError      code,
                                        McHttpReply     *reply,
                                        const char      *reason);
/* The common HTTP statuses: 429/503 (with Retry-After), 5xx, 404. Returns FALSE with @error
 * set when @reply is one of them. */
gboolean     mc_connector_check_status (McConnectorBase *base,
                                        McHttpReply     *reply,
                                        GError         **error);
char        *mc_connector_reference    (const McPushRequest *request);
/* The text of the document @b has built (a request body). */
char        *mc_json_text              (JsonBuilder         *b);
/* {"username","password"}: the account's sign-in body (its caller wipes it once sent). */
char        *mc_json_credentials       (McConnectorBase     *base);
/* Members of a request body (a new dossier): no text and no time are written as null. */
void         mc_json_member_string     (JsonBuilder         *b,
                                        const char          *name,
                                        const char          *value);
void         mc_json_member_time       (JsonBuilder         *b,
                                        const char          *name,
                                        gint64               t,
                                        McWireTime           format);
/* How a dialect writes the numbers and flags of a request body. */
typedef enum
{
  MC_JSON_NATIVE,             /* numbers, true and false */
  MC_JSON_FLAGS_01,           /* numbers, flags as 0 and 1 */
  MC_JSON_TEXT,               /* numbers as text, flags as "True" and "False" (the portal) */
} McJsonStyle;

void         mc_json_member_int        (JsonBuilder         *b,
                                        const char          *name,
                                        gint64               value,
                                        McJsonStyle          style);
void         mc_json_member_flag       (JsonBuilder         *b,
                                        const char          *name,
                                        gboolean             value,
                                        McJsonStyle          style);
/* A new dossier's documents and fees under the dialect's member names. */
void         mc_json_member_documents  (JsonBuilder         *b,
                                        const char          *member,
                                        const McDossier     *dossier,
                                        const char          *name,
                                        const char          *copy,
                                        const char          *count,
                                        McJsonStyle          style);
void         mc_json_member_fees       (JsonBuilder         *b,
                                        const char          *member,
                                        const McDossier     *dossier,
                                        const char          *name,
                                        const char          *amount,
                                        const char          *paid,
                                        McJsonStyle          style);
/* lgsp's progress steps carry no version: the dossier is looked up before sending and a
 * version other than the action's base is a conflict. */
gboolean     mc_connector_check_base   (McConnector         *self,
                                        const McPushRequest *request,
                                        GCancellable        *cancellable,
                                        GError             **error);
void         mc_connector_history_version (McDossier        *dossier);

/* Keyset paging over (update time, number) for the dialect whose items carry their update time
 * and are listed by it from an inclusive "since" time (lgsp). The cursor is "TIME|K|NUMBER": the last stored item, and K the items
 * of that same second already stored. The next pull asks for the page holding that item (one
 * request when nothing is new, even when many dossiers share a second), checks the item is
 * there (else something moved: it scans from page 1), and keeps only what follows it. */
typedef struct
{
  gint64 time;
  guint count;
  char *number;               /* NULL: no cursor, everything is new */
  gint64 block_time;
  guint block;
  const char *last_number;
  gboolean anchor_seen;
  guint n_new;
} McKeyset;

void     mc_keyset_init    (McKeyset   *k,
                            const char *cursor);
void     mc_keyset_clear   (McKeyset   *k);
guint    mc_keyset_page    (McKeyset   *k,
                            guint       page_size);
gboolean mc_keyset_take    (McKeyset   *k,
                            gint64      time,
                            const char *number);
char    *mc_keyset_cursor  (McKeyset   *k,
                            const char *old_cursor);

/* One dossier of a page and the time it changed; NULL with @p's error set. */
typedef McDossier *(*McParseItem) (McParse      *p,
                                   const McJson *o,
                                   gint64       *out_updated);
void     mc_keyset_fill_page (McParse      *p,
                              McKeyset     *k,
                              const McJson *items,
                              McParseItem   item,
                              guint         page_size,
                              const char   *cursor,
                              McPullPage   *page);

/* Fetches and parses page @page_no (1-based) of the list after @cursor's time. */
typedef McPullPage *(*McKeysetFetch) (McConnector   *self,
                                      const char    *cursor,
                                      guint          page_no,
                                      GCancellable  *cancellable,
                                      GError       **error);
McPullPage *mc_keyset_pull (McConnector   *self,
                            const char    *cursor,
                            McKeysetFetch  fetch,
                            GCancellable  *cancellable,
                            GError       **error);

/* Paging by a time window, for the dialects whose items carry no update time of their own (the
 * key-less ones): each walk reads every page of what changed since SINCE, and the next walk
 * starts a margin before this one began, so that the clocks of client and server need not
 * agree; what did not change since is recognized by its version (the store keeps it). A walk
 * whose distinct items fall short of the server's total may have missed an item that moved
 * while it read: the next walk reads the same window again. The cursor is "w|SINCE|PAGE|START":
 * the page to read next of the walk that began at START, or PAGE 0 for a new walk. */
#define MC_WINDOW_MARGIN (10 * 60)

typedef McPullPage *(*McWindowFetch) (McConnector   *self,
                                      gint64         since,
                                      guint          page_no,
                                      GCancellable  *cancellable,
                                      GError       **error);
char       *mc_connector_since (McWireTime  format,
                                gint64      since);
McPullPage *mc_window_pull   (McConnector   *self,
                              const char    *cursor,
                              McWindowFetch  fetch,
                              GCancellable  *cancellable,
                              GError       **error);
void        mc_parse_items   (McParse       *p,
                              const McJson  *items,
                              McParseItem    item,
                              McPullPage    *page);

/* How a dialect reads one answer of its list (McPaging): the answer's @root into @page,
 * problems into @p (the first one is the error); FALSE with @error set when the answer itself
 * says the request failed (an envelope's error). */
typedef gboolean (*McPageReader) (McParse       *p,
                                  const McJson  *root,
                                  const char    *cursor,
                                  McPullPage    *page,
                                  GError       **error);
/* The page in @body: parsed, read by @read, checked. */
McPullPage *mc_parse_page    (McConnector   *self,
                              const char    *cursor,
                              GBytes        *body,
                              McPageReader   read,
                              GError       **error);

/* Paging by the system's own cursor or sequence (rest, feed): @get sends the request for the
 * page after @cursor, whose answer the dialect's page reader reads. A 410 says the system no
 * longer keeps that cursor (everything is read again); @refuse words a status other than 200
 * that mc_connector_check_status() leaves. */
typedef McHttpReply *(*McCursorGet) (McConnector   *self,
                                     const char    *cursor,
                                     GCancellable  *cancellable,
                                     GError       **error);
typedef void (*McCursorRefuse) (McConnectorBase  *base,
                                McHttpReply      *reply,
                                GError          **error);
McPullPage *mc_cursor_pull   (McConnector    *self,
                              const char     *cursor,
                              McCursorGet     get,
                              McCursorRefuse  refuse,
                              GCancellable   *cancellable,
                              GError        **error);
/* An item of such a list that says {"id", "deleted": true}: TRUE when it is one, added to
 * @page's tombstones; else its "id" goes to *@out_id. */
gboolean    mc_parse_tombstone (McParse       *p,
                                const McJson  *o,
                                McPullPage    *page,
                                char         **out_id);

/* How a dialect reads its list, which mc_connector_pull() and mc_connector_parse_page() follow:
 * @read reads one answer, and the list is paged in one of three ways (the other members NULL):
 * by update time and number (@keyset: lgsp), by a time window (@window: dvcqg, legacy), or by
 * the system's own cursor (@cursor with @refuse: rest, feed). */
typedef struct
{
  McPageReader read;
  McKeysetFetch keyset;
  McWindowFetch window;
  McCursorGet cursor;
  McCursorRefuse refuse;
} McPaging;

/* The methods block: the sync engine calls them from a worker thread, one call at a time per
 * connector. */
struct _McConnectorInterface
{
  GTypeInterface parent_iface;

  McConnectorBase *(*get_base) (McConnector          *self);
  McPaging paging;
  gboolean    (*sign_in)    (McConnector          *self,
                             GCancellable         *cancellable,
                             GError              **error);
  McDossier  *(*lookup)     (McConnector          *self,
                             const char           *number,
                             GCancellable         *cancellable,
                             GError              **error);
  gboolean    (*push)       (McConnector          *self,
                             const McPushRequest  *request,
                             McPushResult         *result,
                             GCancellable         *cancellable,
                             GError              **error);
  gboolean    (*upload)     (McConnector          *self,
                             const McUploadRequest *request,
                             McUploadResult       *result,
                             GCancellable         *cancellable,
                             GError              **error);
  GBytes     *(*download)   (McConnector          *self,
                             const McFile         *file,
                             GCancellable         *cancellable,
                             GError              **error);
};

/* Every dialect is a final class whose instance holds its McConnectorBase as `base` and nothing
 * else, and whose file implements the methods with static functions of the same names (sign_in,
 * lookup, push, upload, download). The file ends with this, which defines the class (its
 * finalize clears the base) and fills the methods block, with the McPaging members given after
 * the names (".read = read_list, .window = fetch"). */
#define MC_CONNECTOR_DEFINE_DIALECT(TypeName, type_name, ...)                                   \
  static void connector_iface_init (McConnectorInterface *iface);                              \
                                                                                               \
  G_DEFINE_FINAL_TYPE_WITH_CODE (TypeName, type_name, G_TYPE_OBJECT,                           \
                                 G_IMPLEMENT_INTERFACE (MC_TYPE_CONNECTOR, connector_iface_init)) \
                                                                                               \
  static McConnectorBase *                                                                     \
  get_base (McConnector *connector)                                                            \
  {                                                                                            \
    return &((TypeName *) connector)->base;                                                    \
  }                                                                                            \
                                                                                               \
  static void                                                                                  \
  connector_iface_init (McConnectorInterface *iface)                                           \
  {                                                                                            \
    iface->get_base = get_base;                                                                \
    iface->paging = (McPaging) { __VA_ARGS__ };                                                \
    iface->sign_in = sign_in;                                                                  \
    iface->lookup = lookup;                                                                    \
    iface->push = push;                                                                        \
    iface->upload = upload;                                                                    \
    iface->download = download;                                                                \
  }                                                                                            \
                                                                                               \
  static void                                                                                  \
  type_name##_class_init (TypeName##Class *klass)                                              \
  {                                                                                            \
    G_OBJECT_CLASS (klass)->finalize = mc_connector_base_finalize;                             \
  }                                                                                            \
                                                                                               \
  static void                                                                                  \
  type_name##_init (TypeName *self)                                                            \
  {                                                                                            \
  }

/* How a dialect names the children of a dossier (TaiLieuNop, DanhSachLePhi, …): their shape is
 * the same in every dialect, only the names and the time format differ. Times are in the
 * format passed to mc_parse_children(), or milliseconds since 1970 when @epoch_ms. */
typedef struct
{
  const char *documents, *document_name, *document_copy, *document_count;
  const char *fees, *fee_name, *fee_amount, *fee_paid;
  const char *supplements, *supplement_items, *supplement_requested, *supplement_received;
  const char *results, *result_name, *result_number, *result_issued;
  gboolean epoch_ms;
  /* What the 766 report counts, where the dialect carries it (NULL: it does not): a
   * component's digitised, reused and from-the-citizen's-store flags, a result's document
   * code and file link, and the file list (shared/ministry-apis.md "Files"), whose kind
   * member says @file_result for a result (anything else is a component) and whose hash is
   * of @file_hash_algo. */
  const char *document_digitised, *document_reused, *document_from_store;
  const char *result_code, *result_file;
  const char *files, *file_id, *file_name, *file_kind, *file_component, *file_size, *file_hash, *file_path;
  const char *file_result, *file_hash_algo;
} McChildKeys;

McFlag mc_parse_flag (McParse      *p,
                      const McJson *o,
                      const char   *member);

void mc_parse_children (McParse           *p,
                        const McJson        *o,
                        const McChildKeys *keys,
                        McWireTime         format,
                        McDossier         *d);

/* How a dialect names the history of a dossier (its steps), the sibling of McChildKeys: the
 * list @list of steps {@at, @actor, @unit, @action, @note, @status}. A step's time is in the
 * format passed to mc_parse_history(), or milliseconds since 1970 when @epoch_ms. Its status is
 * a name, the index of it in @status_names (rest, feed), else a code whose status is
 * @status_codes[code] (legacy), of @n_status entries; anything else is no status. */
typedef struct
{
  const char *list, *at, *actor, *unit, *action, *note, *status;
  gboolean epoch_ms;
  const char * const *status_names;
  const McStatus *status_codes;
  guint n_status;
  /* The back-end may leave a step's action out (legacy): the step is then named after the
   * status it entered (mc_status_step_name()). */
  gboolean action_optional;
} McStepKeys;

void mc_parse_history (McParse          *p,
                       const McJson     *o,
                       const McStepKeys *keys,
                       McWireTime        format,
                       McDossier        *d);

/* mc-connector-files.c: a multipart/form-data body of @fields (name, value, …, NULL) and
 * @request's file under @file_field; its Content-Type (with the boundary) in *@out_type. */
GBytes      *mc_connector_multipart    (const McUploadRequest *request,
                                        const char          *file_field,
                                        char               **out_type,
                                        const char          *first_field,
                                        ...) G_GNUC_NULL_TERMINATED;
/* The content a file's GET answered, once the dialect has judged the statuses it knows (rest,
 * feed). */
GBytes      *mc_connector_file_body    (McConnectorBase     *base,
                                        McHttpReply         *reply,
                                        const char          *reason,
                                        GError             **error);

G_END_DECLS
