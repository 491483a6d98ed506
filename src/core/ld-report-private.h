/* ld-report-private.h - what the report writers (PDF, text) share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-report.h"

G_BEGIN_DECLS

typedef struct
{
  LdAnalysis            *analysis;
  const LdReportOptions *options;
  LdRedactor            *redactor;    /* nullable: not redacted; else the analysis's (borrowed) */
  LdAnalysis            *redacted;    /* owned: the inputs read again through the redactor */
  GPtrArray             *findings;    /* (element-type LdFinding) borrowed, most severe first */
  GPtrArray             *groups;      /* (element-type GPtrArray of LdFinding): findings of one rule, in that order */
  GPtrArray             *failed;      /* (element-type LdAttempt) borrowed */
  GPtrArray             *steps;       /* (element-type LdReportStep) */
  GPtrArray             *causes;      /* (element-type LdReportCause) */
  char                  *verdict;
  char                  *analysed_at; /* "2026-11-23 21:40 UTC" */
  guint                  n_errors;
  guint                  n_warnings;
  guint                  n_infos;
  GCancellable          *cancellable;
} LdReportContext;

char       *_ld_report_str             (LdReportContext *ctx,
                                        const char      *text);
char       *_ld_report_dup_input_name  (LdReportContext *ctx,
                                        guint            index);
char       *_ld_report_dup_title       (LdReportContext *ctx);
char       *_ld_report_dup_about       (void);
gboolean    _ld_report_attempt_failed  (const LdAttempt *attempt);
char       *_ld_report_dup_attempt_code (const LdAttempt *attempt);
char       *_ld_report_dup_input_span  (const LdInput   *input);
const char *_ld_report_severity_label  (LdSeverity       severity);
const char *_ld_report_confidence_label (LdConfidence    confidence);
const char *_ld_report_outcome_label   (LdOutcome        outcome);
const char *_ld_report_answer_label    (LdReportAnswerSource source);
const char *_ld_report_cause_label     (LdReportCauseStatus status);
void        _ld_report_progress        (LdReportContext *ctx,
                                        double           fraction);

GBytes     *_ld_report_render_pdf      (LdReportContext *ctx,
                                        GError         **error);
char       *_ld_report_render_markdown (LdReportContext *ctx);
char       *_ld_report_render_csv      (LdReportContext *ctx);

G_END_DECLS
