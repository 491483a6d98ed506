/* report-helpers.h - what the report tests share: logs analysed, reports written, PDF text read back
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "analysis-helpers.h"
#include "lyncdiag.h"
#include "ld-report.h"

extern char *tmp_dir;

void report_tests_init (const char *tmp_template);

void report_tests_cleanup (void);

char *squeeze (const char *text);

gboolean have_poppler (void);

char *run_tool (const char *tool,
                const char *path);

char *write_report (LdAnalysis     *analysis,
                    LdReportFormat  format,
                    LdReportPaper   paper,
                    gboolean        redact,
                    const char     *name);

char *read_text (const char *path);

char *pdf_text (const char *path,
                int         first,
                int         last);

int pdf_pages (const char *path);

char *render_to_file (LdAnalysis            *analysis,
                      const LdReportOptions *options,
                      const char            *name);

guint count (const char *haystack,
             const char *needle);

char *without_line_ends (const char *text);

void add_token (GPtrArray  *tokens,
                const char *value);

void assert_unbroken (LdAnalysis *analysis,
                      const char *text);

GPtrArray *parse_csv (const char *text);

void assert_page_one_acts (LdAnalysis *analysis,
                           const char *path);

char *fixture_text (const char *name);

char *replace (const char *text,
               const char *from,
               const char *to);

#define KB_REASON "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote"
