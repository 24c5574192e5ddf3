/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "mc-store.h"
#include "mc-sync-engine.h"

G_BEGIN_DECLS

#define MC_TYPE_SIGN_IN_PROMPT (mc_sign_in_prompt_get_type ())
G_DECLARE_FINAL_TYPE (McSignInPrompt, mc_sign_in_prompt, MC, SIGN_IN_PROMPT, GObject)

McSignInPrompt *mc_sign_in_prompt_new        (AdwToastOverlay *overlay,
                                              McStore         *store);
void            mc_sign_in_prompt_set_engine (McSignInPrompt  *self,
                                              McSyncEngine    *engine);
gboolean        mc_sign_in_prompt_is_shown   (McSignInPrompt  *self,
                                              const char      *source_id);
void            mc_sign_in_prompt_sign_in    (McSignInPrompt  *self,
                                              const char      *source_id);

G_END_DECLS
