/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

#include "mc-sample.h"
#include "mc-sim.h"
#include "mc-wire-time.h"

G_BEGIN_DECLS

/* The ways a pull answer can be damaged on purpose (fault "corrupt"). */
typedef enum
{
  MC_SIM_CORRUPT_NONE,
  MC_SIM_CORRUPT_INVALID_JSON,
  MC_SIM_CORRUPT_TRUNCATED,
  MC_SIM_CORRUPT_WRONG_TYPE,
  MC_SIM_CORRUPT_UNKNOWN_STATUS,
  MC_SIM_CORRUPT_MISSING_FIELD,
  MC_SIM_CORRUPT_BAD_DATE,
  MC_SIM_CORRUPT_OVERSIZED,
} McSimCorrupt;

/* One dossier as a ministry system holds it. @dossier is a snapshot: a change replaces it with
 * a changed copy, so a snapshot handed to a test never changes under it. */
typedef struct
{
  McDossier *dossier;
  char *remote_id;         /* the REST dialect's opaque id */
  guint64 seq;             /* change sequence number within its system */
  gint64 updated_at;       /* last change, unix seconds */
  guint version;           /* bumped on every change */
  gboolean deleted;        /* a tombstone (feed and REST keep them in their change order) */
  char *cache;             /* the rendered JSON item, until the next change */
  GSequenceIter *iter;     /* position in the system's pull order */
} McSimRecord;

/* A stored answer, for idempotent replays. */
typedef struct
{
  guint status;
  char *body;
} McSimReply;

typedef struct
{
  gboolean outage;
  guint latency_ms;
  double error_rate;             /* every endpoint */
  GHashTable *endpoint_errors;   /* endpoint name → double* rate */
  guint reset_after_commit;      /* the next N actions: applied, then the connection is cut */
  guint truncate;                /* the next N pull answers are cut in half */
  guint rate_limit;              /* the next N requests get 429 */
  guint retry_after;             /* seconds, for 429 and 503 */
  guint html_login;              /* legacy: the next N requests get the login page */
  guint token_ttl;               /* seconds a token or session lives */
  guint late_commit;             /* the next N writes commit late_commit_ms after they arrive */
  guint late_commit_ms;
  gboolean late_commit_held;     /* the request waits for it (else its connection closes at once) */
  guint hang;                    /* the next N requests get no answer at all */
  gboolean update_time;          /* legacy: items carry ngayCapNhat (not in the spec) */
  gboolean spec_fields;          /* dvcqg, legacy: items carry only what the dialect page lists */
  McSimCorrupt corrupt;
  guint corrupt_count;
} McSimFaults;

typedef struct _McSimService McSimService;

/* An answer being built by a dialect handler. */
typedef struct
{
  guint status;
  const char *content_type;
  GString *body;
  GPtrArray *headers;      /* name, value, name, value… */
  gboolean is_pull;        /* may be truncated or corrupted */
  gboolean committed;      /* an action was applied (reset-after-commit applies) */
  McSimCorrupt corrupt;    /* page-level damage to apply to a pull answer */
  gboolean longpoll;       /* nothing yet: wait for a change (feed) */
  char *key;               /* the write's idempotency key: the answer is kept for its repeats */
} McSimAnswer;

typedef struct
{
  const char *name;
  const char *source_id;
  McWireTime time_format;
  gboolean seq_order;      /* pull order by change sequence (else by update time, number) */
  void (*handle)      (McSimService      *svc,
                       SoupServerMessage *msg,
                       const char        *path,
                       GHashTable        *query,
                       McSimAnswer       *answer);
  void (*render_item) (McSimService      *svc,
                       McSimRecord       *rec,
                       GString           *out,
                       McSimCorrupt       corrupt);
  /* The body of a pull page holding @items (already rendered, comma-separated). */
  void (*render_page) (McSimService      *svc,
                       GString           *out,
                       const char        *items,
                       guint              n_items,
                       guint              total,
                       guint              page);
} McSimDialectClass;

struct _McSimService
{
  McSim *sim;
  McSimDialect dialect;
  const McSimDialectClass *klass;
  SoupServer *server;
  guint16 port;
  gboolean listening;

  GSequence *order;           /* McSimRecord*, in pull order */
  GHashTable *by_number;      /* MaHoSo → McSimRecord* (owned) */
  GHashTable *by_remote_id;   /* remote id → McSimRecord* */
  guint64 seq;
  guint64 oldest_seq;         /* feed: older since= values have expired (410) */
  guint cursor_epoch;         /* rest: cursors of an older epoch have expired (410) */
  GHashTable *sessions;       /* token → gint64* expiry (unix seconds of sim time) */
  GHashTable *refresh_tokens; /* refresh token → NULL */
  GHashTable *replies;        /* idempotency key → McSimReply* */
  GHashTable *contents;       /* uploaded file's remote id → GBytes (the sample's are made) */
  guint64 uploads;            /* files stored, for their ids */
  guint64 numbers;            /* new dossier numbers handed out (GetNextValue, creates) */
  McSimFaults faults;
  guint64 n_requests;
  guint64 rng;
};

/* The simulator; its fields are shared by mc-sim.c (state) and mc-sim-server.c (serving). */
struct _McSim
{
  GObject parent_instance;

  guint64 seed;
  guint n_dossiers;
  guint dialect_mask;
  char *state_file;
  char *password;
  guint activity_interval;
  GTlsCertificate *tls_certificate;  /* NULL: plain HTTP */

  GMutex lock;
  McSimService services[MC_SIM_N_DIALECTS];
  GHashTable *action_counts;   /* key → guint count of applied actions */
  guint pending_commits;       /* writes taken, to be committed late (fault "late_commit") */
  JsonArray *events;           /* the journal replayed from the state file */
  gboolean replaying;
  gint64 base_now;
  gint64 started_mono;
  gint64 advanced;             /* seconds added by "tick" */
  guint64 next_index;          /* the generator index of the next new submission */
  McSample *plan;              /* the sample it serves: of its ministries, ending at base_now */
  guint64 rng;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *admin;
  guint16 admin_port;
  guint16 first_port;
  GSource *activity_source;
  gboolean start_done;
  GError *start_error;
  GCond cond;
};

extern const McSimDialectClass mc_sim_dvcqg_class;
extern const McSimDialectClass mc_sim_lgsp_class;
extern const McSimDialectClass mc_sim_rest_class;
extern const McSimDialectClass mc_sim_feed_class;
extern const McSimDialectClass mc_sim_legacy_class;

/* mc-sim.c: state shared by the dialects (callers hold the simulator's lock). */
guint64       mc_sim_rng_next         (guint64      *state);
int           mc_sim_compare_records  (gconstpointer a,
                                       gconstpointer b,
                                       gpointer      klass);
gint64        mc_sim_now              (McSim        *self);
const char   *mc_sim_password         (McSim        *self);
McSimRecord  *mc_sim_service_lookup   (McSimService *svc,
                                       const char   *number);
GSequenceIter *mc_sim_service_first_at (McSimService *svc,
                                       gint64        updated_at);
GSequenceIter *mc_sim_service_first_after_seq (McSimService *svc,
                                       guint64       seq);
McSimCorrupt  mc_sim_begin_page       (McSimService *svc,
                                       McSimAnswer  *answer);
void          mc_sim_service_render   (McSimService *svc,
                                       McSimRecord  *rec,
                                       GString      *out,
                                       McSimCorrupt  corrupt);
gboolean      mc_sim_apply_status     (McSimService *svc,
                                       McSimRecord  *rec,
                                       McStatus      target,
                                       const char   *actor,
                                       const char   *note,
                                       const char   *key);
char         *mc_sim_new_session      (McSimService *svc);
gboolean      mc_sim_check_session    (McSimService *svc,
                                       const char   *token);
void          mc_sim_count_action     (McSim        *self,
                                       const char   *key);
/* A repeat of the request made under @key: answers it as the first time, and returns TRUE.
 * Else the answer this request gets is kept under @key (mc_sim_remember) once it is given. */
gboolean      mc_sim_answer_replay    (McSimService *svc,
                                       const char   *key,
                                       McSimAnswer  *answer);
void          mc_sim_remember         (McSimService *svc,
                                       McSimAnswer  *answer);
void          mc_sim_record_event     (McSim        *self,
                                       JsonObject   *event);
McSimRecord  *mc_sim_add_created      (McSimService *svc,
                                       McDossier    *dossier,
                                       const char   *actor,
                                       const char   *note,
                                       const char   *key);

/* Who acted, in a step whose client named no one. */
#define MC_SIM_DEFAULT_ACTOR "Cán bộ"

/* The ministry systems keep a processing note in a column of this many characters; a longer
 * one is refused, each dialect in its own words (the push side's "rejected" path). */
#define MC_SIM_NOTE_MAX 1000
gboolean      mc_sim_note_too_long    (const char   *note);
#define MC_SIM_STEPS_MAX 10
gboolean      mc_sim_steps_count_ok   (JsonArray    *steps);
gboolean      mc_sim_steps_notes_fit  (JsonArray    *steps,
                                       const char   *note);

void          mc_sim_record_touch     (McSimService *svc,
                                       McSimRecord  *rec,
                                       gint64        at);
void          mc_sim_record_replace   (McSimService *svc,
                                       McSimRecord  *rec,
                                       McDossier    *d,
                                       gint64        now,
                                       const char   *key);
JsonObject   *mc_sim_service_event    (McSimService *svc,
                                       const char   *type,
                                       const char   *number);

/* mc-sim-files.c: the files of the dossiers, their uploads and downloads */
GBytes       *mc_sim_sample_content   (const char   *number,
                                       const char   *name);
void          mc_sim_sample_files     (McDossier    *d);
gsize         mc_sim_file_limit       (McSimService *svc);
McFile       *mc_sim_find_file        (McSimRecord  *rec,
                                       const char   *remote_id,
                                       const char   *name);
GBytes       *mc_sim_file_content     (McSimService *svc,
                                       McSimRecord  *rec,
                                       const McFile *file);
McFile       *mc_sim_add_file         (McSimService *svc,
                                       McSimRecord  *rec,
                                       McFileKind    kind,
                                       const char   *name,
                                       const char   *component,
                                       GBytes       *content,
                                       gboolean      replace,
                                       const char   *actor,
                                       const char   *note,
                                       const char   *key);
void          mc_sim_replay_upload    (McSimService *svc,
                                       McSimRecord  *rec,
                                       JsonObject   *event);
GHashTable   *mc_sim_read_multipart   (SoupServerMessage *msg,
                                       char        **out_filename,
                                       GBytes      **out_content);
gboolean      mc_sim_answer_file      (McSimService *svc,
                                       McSimRecord  *rec,
                                       const char   *remote_id,
                                       const char   *name,
                                       McSimAnswer  *answer);

/* mc-sim-lgsp.c: the national vocabulary, shared with dvcqg (which writes numbers as strings) */
void          mc_sim_render_national  (McSimService *svc,
                                       McSimRecord  *rec,
                                       GString      *out,
                                       McSimCorrupt  corrupt,
                                       gboolean      portal);
McDossier    *mc_sim_national_dossier (JsonObject   *item,
                                       McWireTime    format,
                                       const char   *source_id);
char         *mc_sim_next_number      (McSimService *svc,
                                       const char   *ministry);

/* mc-sim-feed.c: re-runs a long poll; FALSE while there is still nothing to send. */
gboolean      mc_sim_feed_poll        (McSimService *svc,
                                       GHashTable   *query,
                                       McSimAnswer  *answer,
                                       gboolean      final);

/* mc-sim-util.c */
void          mc_sim_json_string      (GString      *out,
                                       const char   *text);
void          mc_sim_json_member      (GString      *out,
                                       const char   *name,
                                       const char   *text);
void          mc_sim_json_time        (GString      *out,
                                       const char   *name,
                                       McWireTime    format,
                                       gint64        t);
JsonObject   *mc_sim_parse_object     (SoupServerMessage *msg);
const char   *mc_sim_query            (GHashTable   *query,
                                       const char   *name);
guint         mc_sim_query_uint       (GHashTable   *query,
                                       const char   *name,
                                       guint         fallback);
const char   *mc_sim_object_string    (JsonObject   *object,
                                       const char   *member);
gint64        mc_sim_object_int       (JsonObject   *object,
                                       const char   *member,
                                       gint64        fallback);
JsonArray    *mc_sim_object_array     (JsonObject   *object,
                                       const char   *member);
JsonObject   *mc_sim_object_object    (JsonObject   *object,
                                       const char   *member);
JsonObject   *mc_sim_array_object     (JsonArray    *array,
                                       guint         index);
McDossier    *mc_sim_dossier_copy     (const McDossier *d);

/* How a dialect names the file list of a dossier and its members (shared/ministry-apis.md,
 * "Files"); NULL: the dialect has no such member. */
typedef struct
{
  const char *list, *id, *name, *kind, *component, *size, *hash, *path;
  const char *kind_component, *kind_result;
  const char *hash_algo;      /* "sha256" or "md5" */
  gboolean text_numbers;      /* the portal writes every number as text */
  const char *path_before, *path_after;  /* around the dossier's id in a file's path */
} McSimFileKeys;

void          mc_sim_render_files     (McSimService        *svc,
                                       McSimRecord         *rec,
                                       GString             *out,
                                       const McSimFileKeys *keys,
                                       const char          *dossier_id);
gboolean      mc_sim_file_kind        (const McSimFileKeys *keys,
                                       const char          *text,
                                       McFileKind          *out_kind);
/* mc-sim-lgsp.c: the portal's (dvcqg) names of the files, where lgsp's national vocabulary is */
extern const McSimFileKeys mc_sim_portal_files;
typedef enum
{
  MC_SIM_FLAG_NUMBER,
  MC_SIM_FLAG_TEXT,
  MC_SIM_FLAG_BOOLEAN,
} McSimFlagStyle;

void          mc_sim_json_flag        (GString        *out,
                                       const char     *name,
                                       McFlag          flag,
                                       McSimFlagStyle  style);
/* How a dialect names and writes the documents, fees, supplements and results of a dossier
 * (the connectors read them with McChildKeys): their shape is the same in every dialect, only
 * the names and the way values are written differ. NULL names: the dialect has no such
 * member. */
typedef enum
{
  MC_SIM_BOOLEAN_JSON,        /* true, false */
  MC_SIM_BOOLEAN_NUMBER,      /* 1, 0 */
  MC_SIM_BOOLEAN_TEXT,        /* "True", "False" (the portal) */
} McSimBooleanStyle;

typedef struct
{
  const char *documents, *document_name, *document_copy, *document_count;
  const char *document_digitised, *document_reused, *document_from_store;
  const char *fees, *fee_name, *fee_amount, *fee_paid;
  const char *supplements, *supplement_items, *supplement_requested, *supplement_received;
  const char *results, *result_name, *result_number, *result_issued, *result_code, *result_file;
  McSimBooleanStyle booleans; /* a copy, a fee paid */
  McSimFlagStyle flags;       /* the 766 report's flags */
  gboolean text_numbers;      /* counts and amounts as text (the portal) */
  gboolean epoch_ms;          /* times in milliseconds since 1970, else in @time_format */
  McWireTime time_format;
} McSimChildKeys;

void          mc_sim_render_children  (GString              *out,
                                       const McDossier      *d,
                                       const McSimChildKeys *keys);

/* How a dialect names and writes the steps of a dossier's history, each opened by its time
 * (rest, feed, legacy; the national vocabulary lists its members in an order of its own).
 * NULL names: the dialect's steps have no such member. */
typedef struct
{
  const char *list, *at, *actor, *unit, *action, *status, *note;
  const char *const *status_names;  /* the status as text, by canonical status … */
  int (*status_code) (McStatus status);  /* … or as the dialect's own number */
  gboolean epoch_ms;          /* the time in milliseconds since 1970, else as text in @time_format */
  McWireTime time_format;
} McSimStepKeys;

void          mc_sim_render_history   (GString             *out,
                                       const McDossier     *d,
                                       const McSimStepKeys *keys);
/* The pull pages: by an inclusive "since" time (lgsp, dvcqg, legacy) and by change sequence
 * (rest, feed). */
gboolean      mc_sim_read_since       (McSimService  *svc,
                                       const char    *text,
                                       gint64        *from);
void          mc_sim_answer_page      (McSimService  *svc,
                                       McSimAnswer   *answer,
                                       gint64         from,
                                       guint64        offset,
                                       guint          limit,
                                       guint          page);
GSequenceIter *mc_sim_render_changes  (McSimService  *svc,
                                       GSequenceIter *it,
                                       guint64        since,
                                       guint          limit,
                                       McSimCorrupt   corrupt,
                                       GString       *items,
                                       guint64       *last_seq);

/* How a dialect names what a client sends to create a dossier (a counter intake): the
 * receipt's texts and dates, and (@lists) its documents and fees, named and written as the
 * dialect's items carry them; who received it and the note of that step; and (@read_kinds)
 * the applicant's kind and the channels, which each dialect writes in a way of its own. The
 * number and status are the dialect's. */
typedef struct
{
  const char *procedure_code, *procedure_name, *field_code;
  const char *applicant_name, *id_number, *phone, *address;   /* members of the applicant */
  const char *submitted, *received, *due;
  const char *actor, *note;
  const McSimChildKeys *lists;
  void (*read_kinds) (McDossier  *d,
                      JsonObject *body,
                      JsonObject *applicant);
} McSimReceiptKeys;

gboolean      mc_sim_receipt_complete (JsonObject             *body,
                                       JsonObject             *applicant,
                                       const McSimReceiptKeys *keys);
McDossier    *mc_sim_read_receipt     (JsonObject             *body,
                                       JsonObject             *applicant,
                                       const McSimReceiptKeys *keys,
                                       const char             *source_id);
McSimRecord  *mc_sim_create_from_receipt (McSimService        *svc,
                                       JsonObject             *body,
                                       JsonObject             *applicant,
                                       const McSimReceiptKeys *keys,
                                       char                   *number,
                                       const char             *key);
void          mc_sim_answer_json      (McSimAnswer  *answer,
                                       guint         status,
                                       const char   *format,
                                       ...) G_GNUC_PRINTF (3, 4);
void          mc_sim_answer_item      (McSimService *svc,
                                       McSimRecord  *rec,
                                       McSimAnswer  *answer,
                                       guint         status,
                                       const char   *head,
                                       const char   *tail);
void          mc_sim_answer_header    (McSimAnswer  *answer,
                                       const char   *name,
                                       const char   *value);
const char   *mc_sim_header_key       (McSimService      *svc,
                                       SoupServerMessage *msg,
                                       const char        *header,
                                       const char        *missing,
                                       McSimAnswer       *answer);
gboolean      mc_sim_bearer_ok        (McSimService      *svc,
                                       SoupServerMessage *msg);
GHashTable   *mc_sim_read_form        (SoupServerMessage *msg);
char         *mc_sim_counted_key      (McSimService *svc,
                                       const char   *key);
char         *mc_sim_note_key         (McSimService *svc,
                                       const char   *note,
                                       const char   *fallback);
McSimCorrupt  mc_sim_corrupt_from_name (const char  *name);

/* mc-sim-admin.c */
JsonNode     *mc_sim_admin_command    (McSim        *self,
                                       const char   *command,
                                       JsonObject   *args,
                                       GError      **error);
void          mc_sim_admin_handler    (SoupServer        *server,
                                       SoupServerMessage *msg,
                                       const char        *path,
                                       GHashTable        *query,
                                       gpointer           user_data);

/* Internal accessors used by the admin code. */
GMutex       *mc_sim_lock             (McSim        *self);
McSimService *mc_sim_service          (McSim        *self,
                                       McSimDialect  dialect);
void          mc_sim_set_outage       (McSim        *self,
                                       McSimDialect  dialect,
                                       gboolean      outage);
void          mc_sim_tick_locked      (McSim        *self,
                                       guint         submissions,
                                       guint         actions,
                                       gint64        advance_seconds);
void          mc_sim_delete_locked    (McSimService *svc,
                                       McSimRecord  *rec);
void          mc_sim_compact_locked   (McSimService *svc);
void          mc_sim_reset_locked     (McSim        *self);
JsonNode     *mc_sim_actions_locked   (McSim        *self);

G_END_DECLS
