/* ld-loader.h - loading logs into an analysis: threads, progress, cancellation, inputs that fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

/* Where a load is. The stages follow each other in this order. */
typedef enum
{
  LD_LOADER_STAGE_READING,   /* the inputs' bytes: see ld_loader_get_fraction() */
  LD_LOADER_STAGE_ANALYSING, /* every byte read: the attempts and findings are made */
  LD_LOADER_STAGE_MESSAGES,  /* ld_loader_load_finish() has returned the analysis; the message
                              * browser's messages are still being parsed */
  LD_LOADER_STAGE_DONE,      /* everything is ready, or the load failed or was cancelled */
} LdLoaderStage;

#define LD_TYPE_LOADER (ld_loader_get_type ())
G_DECLARE_FINAL_TYPE (LdLoader, ld_loader, LD, LOADER, GObject)

LdLoader      *ld_loader_new                  (LdAnalysisFlags       flags);
void           ld_loader_add_file             (LdLoader             *self,
                                               GFile                *file);
GPtrArray     *ld_loader_get_files            (LdLoader             *self);
void           ld_loader_set_small_log        (LdLoader             *self,
                                               guint                 n_messages);

void           ld_loader_load_async           (LdLoader             *self,
                                               GCancellable         *cancellable,
                                               GAsyncReadyCallback   callback,
                                               gpointer              user_data);
LdAnalysis    *ld_loader_load_finish          (LdLoader             *self,
                                               GAsyncResult         *result,
                                               GError              **error);
LdAnalysis    *ld_loader_load                 (LdLoader             *self,
                                               GCancellable         *cancellable,
                                               GError              **error);

LdLoaderStage  ld_loader_get_stage            (LdLoader             *self);
double         ld_loader_get_fraction         (LdLoader             *self);
void           ld_loader_get_bytes            (LdLoader             *self,
                                               guint64              *read,
                                               guint64              *total);
guint          ld_loader_get_current_file     (LdLoader             *self);
guint          ld_loader_get_n_early_attempts (LdLoader             *self);
GPtrArray     *ld_loader_dup_early_attempts   (LdLoader             *self);
GPtrArray     *ld_loader_dup_early_attempts_from (LdLoader           *self,
                                                 guint               first);
void           ld_loader_hold_messages        (LdLoader             *self);
void           ld_loader_release_messages     (LdLoader             *self);
GPtrArray     *ld_loader_get_skipped          (LdLoader             *self);

G_END_DECLS
