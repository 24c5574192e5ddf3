/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "mc-deadline.h"
#include "mc-store.h"

G_BEGIN_DECLS

/* The office's own settings, kept in the profile (table settings) because they belong to the
 * unit the profile works for, not to the machine or the desktop user: what its printed forms
 * say about it. Every known key is listed here with its default, the way a GSettings schema
 * lists its keys, so that a typo in "motcuactl settings set" is caught instead of silently
 * stored. */
typedef struct
{
  const char *key;
  const char *default_value;  /* "" = nothing printed until the office sets it */
  const char *summary;        /* English, translatable (N_) */
} McSettingInfo;

const McSettingInfo *mc_settings_known       (guint             *out_n);
const McSettingInfo *mc_settings_lookup      (const char        *key);
gboolean             mc_settings_parse_hours (const char        *text,
                                              int               *out_start,
                                              int               *out_end);

gboolean    mc_store_lookup_setting  (McStore           *self,
                                      const char        *key,
                                      char             **out_value,
                                      GError           **error);
char       *mc_store_get_setting     (McStore           *self,
                                      const char        *key,
                                      GError           **error);
gboolean    mc_store_set_setting     (McStore           *self,
                                      const char        *key,
                                      const char        *value,
                                      const char        *actor,
                                      GError           **error);
gboolean    mc_store_add_sample_profile (McStore        *self,
                                      guint64            seed,
                                      const char        *actor,
                                      GError           **error);
gboolean    mc_store_unset_setting   (McStore           *self,
                                      const char        *key,
                                      const char        *actor,
                                      GError           **error);
gboolean    mc_store_load_deadline_settings (McStore        *self,
                                      McDeadlineSettings *settings,
                                      GError           **error);
void        mc_store_get_deadline_settings (McStore         *self,
                                      McDeadlineSettings *out);

G_END_DECLS
