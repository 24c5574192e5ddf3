/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "mc-dossier.h"

G_BEGIN_DECLS

/* The five ministry dialects the simulator serves (see data/api/README.md). */
typedef enum
{
  MC_SIM_DVCQG,   /* G03 */
  MC_SIM_LGSP,    /* G09 */
  MC_SIM_REST,    /* G16 */
  MC_SIM_FEED,    /* G18 */
  MC_SIM_LEGACY,  /* G21 */
  MC_SIM_N_DIALECTS,
} McSimDialect;

#define MC_SIM_ALL_DIALECTS ((1u << MC_SIM_N_DIALECTS) - 1)

/* The credentials the simulator accepts unless told otherwise. */
#define MC_SIM_DEFAULT_PASSWORD "matkhau-thu-nghiem"
#define MC_SIM_DEFAULT_API_KEY "khoa-ung-dung-thu-nghiem"
#define MC_SIM_UNIT_CODE "000.00.15.H38"

const char *mc_sim_dialect_name      (McSimDialect  dialect);
const char *mc_sim_dialect_source_id (McSimDialect  dialect);
gboolean    mc_sim_dialect_from_name (const char   *name,
                                      McSimDialect *out_dialect);

#define MC_TYPE_SIM (mc_sim_get_type ())
G_DECLARE_FINAL_TYPE (McSim, mc_sim, MC, SIM, GObject)

McSim      *mc_sim_new                (guint64       seed,
                                       guint         n_dossiers,
                                       guint         dialect_mask);
void        mc_sim_set_state_file     (McSim        *self,
                                       const char   *path);
void        mc_sim_set_password       (McSim        *self,
                                       const char   *password);
void        mc_sim_set_activity       (McSim        *self,
                                       guint         interval_seconds);
/* HTTPS: every dialect is served over TLS with @certificate (with its private key); set
 * before mc_sim_start (). The admin endpoint stays plain HTTP on loopback. */
void        mc_sim_set_tls_certificate (McSim       *self,
                                       GTlsCertificate *certificate);
gboolean    mc_sim_start              (McSim        *self,
                                       guint16       first_port,
                                       GError      **error);
void        mc_sim_stop               (McSim        *self);
gboolean    mc_sim_is_serving         (McSim        *self,
                                       McSimDialect  dialect);
char       *mc_sim_get_base_url       (McSim        *self,
                                       McSimDialect  dialect);
char       *mc_sim_get_admin_url      (McSim        *self);

/* The control surface, the same as the admin endpoint's: @command is "faults", "change",
 * "delete", "tick", "reset", "actions" or "state"; @args a JSON object (text). */
JsonNode   *mc_sim_control            (McSim        *self,
                                       const char   *command,
                                       const char   *args_json,
                                       GError      **error);

/* For tests and the trainer panel: snapshots, never changed afterwards. */
GPtrArray  *mc_sim_list_dossiers      (McSim        *self,
                                       McSimDialect  dialect);
McDossier  *mc_sim_get_dossier        (McSim        *self,
                                       McSimDialect  dialect,
                                       const char   *number);
guint       mc_sim_get_action_count   (McSim        *self,
                                       const char   *key);
/* How many files named @name dossier @number has on that system (uploads are also counted
 * by their key, like actions: mc_sim_get_action_count ()). */
guint       mc_sim_count_files        (McSim        *self,
                                       McSimDialect  dialect,
                                       const char   *number,
                                       const char   *name);
guint64     mc_sim_get_request_count  (McSim        *self,
                                       McSimDialect  dialect);
GBytes     *mc_sim_render_page        (McSim        *self,
                                       McSimDialect  dialect,
                                       guint         first,
                                       guint         count);

G_END_DECLS
