/* ld-input-private.h - what the readers of files, folders and zips share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis-private.h"
#include "ld-input.h"

G_BEGIN_DECLS

/* What ld_analysis_add_file() keeps about the inputs of one analysis. All
 * of it is written by the thread that adds the files. */
struct _LdInputState
{
  GPtrArray  *skipped;       /* (element-type LdSkippedInput) in the order met */
  /* Files by identity (GIO's id::file: device and inode), the same
   * through any name: a symbolic link, a hard link, "./x", a bind mount. */
  GHashTable *guarded;       /* (element-type utf8) every file named or found in a named folder */
  GHashTable *named_dirs;    /* the folders named: identity -> parse name */
  GPtrArray  *named_paths;   /* (element-type utf8) every path named, canonical, or its URI */
  guint64     zip_budget;    /* bytes the zips' members may still inflate to */
  guint       zip_logs_left; /* members named like logs the zips may still hold */
};

/* ld-analysis.c keeps it; ld-input*.c fill it. */
static inline LdInputState *
_ld_analysis_get_input_state (LdAnalysis *self)
{
  return self->input_state;
}

LdInputState *_ld_input_state_new          (void);
void          _ld_input_state_free         (LdInputState *state);

/* For tests: how much the zips of this analysis may inflate in all, and
 * how many members named like logs they may hold. */
void          _ld_analysis_set_zip_budget  (LdAnalysis   *self,
                                            guint64       bytes,
                                            guint         logs);

/* ld-input.c */
void          _ld_input_skip               (LdAnalysis   *self,
                                            const char   *path,
                                            const char   *member,
                                            int           code,
                                            char         *reason);
gboolean      _ld_input_name_is_log        (const char   *base);
gboolean      _ld_input_name_may_be_log    (const char   *base);
gboolean      _ld_input_name_is_zip        (const char   *base);
gboolean      _ld_input_name_is_mac_log    (const char   *base);
void          _ld_input_set_mac_error      (GError      **error,
                                            const char   *what);
gboolean      _ld_input_sniff_is_log       (const char   *data,
                                            gsize         len);
gboolean      _ld_input_looks_binary       (const char   *data,
                                            gsize         len);
int           _ld_input_compare_rotation   (const char   *a,
                                            const char   *b);

/* ld-input-zip.c */
gboolean      _ld_input_add_zip            (LdAnalysis   *self,
                                            GFile        *file,
                                            const char   *path,
                                            guint64       size,
                                            GCancellable *cancellable,
                                            GError      **error);

/* ld-input-guard.c */
void          _ld_input_guard_add_named    (LdInputState *state,
                                            GFile        *file);
void          _ld_input_guard_add_entry    (LdInputState *state,
                                            GFile        *file,
                                            GFileInfo    *info);

G_END_DECLS
