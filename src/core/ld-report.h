/* ld-report.h - an analysis as a report for someone without LyncDiag: PDF, Markdown, CSV, JSON
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-analysis.h"
#include "ld-redact.h"

G_BEGIN_DECLS

typedef enum
{
  LD_REPORT_FORMAT_AUTO,      /* from the output file's extension; PDF when unknown */
  LD_REPORT_FORMAT_PDF,
  LD_REPORT_FORMAT_MARKDOWN,
  LD_REPORT_FORMAT_CSV,
  LD_REPORT_FORMAT_JSON,
} LdReportFormat;

typedef enum
{
  LD_REPORT_PAPER_A4,
  LD_REPORT_PAPER_LETTER,
} LdReportPaper;

/* Where a troubleshooting step's answer came from. */
typedef enum
{
  LD_REPORT_ANSWER_UNANSWERED,
  LD_REPORT_ANSWER_FROM_LOG,
  LD_REPORT_ANSWER_FROM_USER,
} LdReportAnswerSource;

typedef enum
{
  LD_REPORT_CAUSE_UNKNOWN,
  LD_REPORT_CAUSE_SUPPORTED,
  LD_REPORT_CAUSE_CONTRADICTED,
} LdReportCauseStatus;

/* One troubleshooting step as the report shows it; strings are owned. */
typedef struct
{
  char                 *id;
  char                 *title;
  char                 *question;
  char                 *answer;     /* nullable */
  LdReportAnswerSource  source;
  char                 *evidence;   /* nullable: the log line that answered it */
  char                 *text;       /* nullable: what the step tells the user */
  char                 *measured;   /* nullable: what the network check measured, where and when
                                     * ("Measured from HOST at TIME: …") */
} LdReportStep;

/* One possible cause in the wizard's conclusion; strings are owned. */
typedef struct
{
  char                *title;
  LdReportCauseStatus  status;
  char                *text;       /* nullable: the reason and the actions */
  char                *id;         /* nullable: the cause's id, as the findings name it */
  char                *reason;     /* nullable: why this status, without the actions */
} LdReportCause;

/* Fills @steps (element-type LdReportStep) and @causes (element-type
 * LdReportCause), both created with their free functions, from @wizard.
 * Lets the report show the wizard without the core depending on it. */
typedef void (*LdReportWizardFunc) (gpointer   wizard,
                                    GPtrArray *steps,
                                    GPtrArray *causes);

typedef void (*LdReportProgressFunc) (double   fraction,
                                      gpointer user_data);

typedef struct
{
  LdReportFormat        format;
  LdReportPaper         paper;
  gboolean              redact;        /* values replaced as the logs are read again, the result checked */
  gpointer              wizard;        /* nullable; passed to wizard_func */
  LdReportWizardFunc    wizard_func;   /* nullable */
  char                **wizard_answers; /* nullable, borrowed: with redact, the user's answers (KEY=VALUE,
                                         * ld_report_dup_wizard_answers()); the steps are then made from a
                                         * wizard over the redacted analysis, not by wizard_func */
  GDateTime            *analysed_at;   /* nullable: now */
  LdReportProgressFunc  progress;      /* nullable; called from the writing thread */
  gpointer              progress_data;
  gboolean              full;          /* Markdown: everything, not cut to fit a ticket field */
} LdReportOptions;

/* What a ticket field takes (Jira's and many trackers' text limit); the
 * Markdown is cut to fit unless options->full. */
#define LD_REPORT_MARKDOWN_LIMIT 32767

void            ld_report_options_init        (LdReportOptions  *options);
LdReportFormat  ld_report_format_from_path    (const char       *path);
gboolean        ld_report_format_from_string  (const char       *name,
                                               LdReportFormat   *out_format);
const char     *ld_report_format_to_string    (LdReportFormat    format);
const char     *ld_report_format_get_extension (LdReportFormat   format);
gboolean        ld_report_paper_from_string   (const char       *name,
                                               LdReportPaper    *out_paper);

GBytes         *ld_report_render              (LdAnalysis             *analysis,
                                               const LdReportOptions  *options,
                                               GCancellable           *cancellable,
                                               GError                **error);
gboolean        ld_report_write               (LdAnalysis             *analysis,
                                               const LdReportOptions  *options,
                                               GFile                  *out,
                                               GCancellable           *cancellable,
                                               GError                **error);
char           *ld_report_dup_verdict         (LdAnalysis             *analysis);

void            ld_report_collect_wizard      (gpointer          wizard,
                                               GPtrArray        *steps,
                                               GPtrArray        *causes);
char          **ld_report_dup_wizard_answers  (gpointer          wizard);

void            ld_report_step_free           (LdReportStep     *step);
void            ld_report_cause_free          (LdReportCause    *cause);

G_END_DECLS
