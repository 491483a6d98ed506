/* ld-input.h - what was read, what was skipped, and where an output may go
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

/* Bounds on what zips make us inflate; each is reported when hit. */
#define LD_MAX_ZIP_TOTAL       (G_GUINT64_CONSTANT (512) * 1024 * 1024) /* all zip members of an analysis */
#define LD_MAX_MEMBER_NAME     1024    /* bytes of a zip member's name shown */
#define LD_MAX_ZIP_LOGS        10000   /* zip members named like logs or zips, in one analysis */

/* An input that was not analysed: a file the user named, a file of a
 * folder the user named, or a zip member, that looks like a log (by its
 * name or its first bytes) but could not be read or is not one. */
typedef struct
{
  char *path;      /* as the user would type it (parse name) */
  char *member;    /* the zip member ("a.zip/inner/x.uccapilog" for a zip in a zip), or NULL */
  char *reason;    /* a sentence for the user; it names the input, as the errors do */
  int   code;      /* the LdError code: LD_ERROR_READ, _ZIP and _LIMIT mean it could not
                    * be read; LD_ERROR_NOT_A_LOG and _NO_LOGS that it holds no log */
} LdSkippedInput;

GPtrArray *ld_analysis_get_skipped     (LdAnalysis  *self);
gboolean   ld_analysis_check_output    (LdAnalysis  *self,
                                        GFile       *out,
                                        GError     **error);
gboolean   ld_skipped_input_is_unread  (const LdSkippedInput *skipped);
void       ld_files_sort_rotated       (GPtrArray   *files);

G_END_DECLS
