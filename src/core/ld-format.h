/* ld-format.h - an analysis as text for people and as JSON for programs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-analysis.h"

G_BEGIN_DECLS

#define LD_JSON_SCHEMA "lyncdiag.analysis/1"

char *ld_analysis_to_json           (LdAnalysis         *self,
                                     gboolean            pretty);
gboolean ld_analysis_write_json     (LdAnalysis         *self,
                                     GOutputStream      *stream,
                                     gboolean            pretty,
                                     GError            **error);
char *ld_analysis_to_text           (LdAnalysis         *self);
void  ld_format_diagnostic_text     (GString            *out,
                                     const LdDiagnostic *diag,
                                     const char         *indent);
char *ld_format_time                (gint64              time);
void  ld_format_csv_field           (GString            *out,
                                     const char         *value,
                                     gboolean            last);
char *ld_format_duration            (gint64              ms);
char *ld_format_date_time_local     (GDateTime          *dt);
const char *ld_input_get_display_name (const LdInput    *input);

G_END_DECLS
