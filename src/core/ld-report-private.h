/* ld-report-private.h - what the report's writers (PDF, Markdown, CSV) share: its context and its model
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-report.h"

G_BEGIN_DECLS

/* A value from a log is shown whole up to this many characters in the PDF
 * and the Markdown; the rest is cut with a note (the JSON and CSV keep all
 * of it). A real header or reason is far shorter; a hostile one would
 * otherwise fill a hundred pages. */
#define LD_REPORT_MAX_VALUE_CHARS 2000

/* Skipped inputs named on page 1 (a zip may skip thousands). */
#define LD_REPORT_MAX_SKIPPED 5

/* Who does an action: the people a helpdesk ticket goes to. */
typedef enum
{
  LD_REPORT_ROLE_USER,
  LD_REPORT_ROLE_DESKTOP_ADMIN,
  LD_REPORT_ROLE_NETWORK_ADMIN,
  LD_REPORT_ROLE_LYNC_ADMIN,
} LdReportRole;

/* One cause, as the report explains it once: the findings of one cause,
 * the attempts they cover, and the one attempt decoded as its example. */
typedef struct
{
  guint            number;         /* 1-based rank */
  GPtrArray       *findings;       /* (element-type LdFinding) borrowed, strongest first */
  const LdFinding *top;            /* findings[0] */
  GArray          *attempts;       /* (element-type guint) attempt ids, ascending */
  guint            n_failed;       /* of @attempts, those that failed or got no answer */
  const LdAttempt *example;        /* nullable: the clearest of its attempts */
  guint            example_cause;  /* the cause whose section decodes @example: @number, an earlier one, or 0 */
  gboolean         ruled_out;      /* the wizard's conclusion ruled this cause out */
} LdReportGroup;

/* What the user saw: the client's own error message. */
typedef struct
{
  char    *text;                   /* through _ld_report_value() */
  gint64   time;
  guint    input;
  guint64  line;
  guint    count;
} LdReportSymptom;

/* Attempts of one kind and modality, counted by outcome. */
typedef struct
{
  LdAttemptKind kind;
  LdModality    modality;
  guint         total;
  guint         outcomes[4];       /* by LdOutcome */
} LdReportTally;

/* Failures alike in what failed, how, its code, ICEWarn and causes: one
 * row of the compact table a report of many failures shows. */
typedef struct
{
  GArray          *ids;            /* (element-type guint) attempt ids, ascending */
  const LdAttempt *first;          /* the earliest */
  gint64           first_time;
  gint64           last_time;
  LdOutcome        outcome;
  char            *what;
  char            *code;           /* "23", "SIP 404" or "—" */
  char            *ice;            /* or "—" */
  char            *causes;         /* "1, 3" or "—" */
  char            *party;          /* the other party's address (redacted) when all share one, else NULL */
  guint            n_parties;
} LdReportFailureRow;

/* More failures than this are shown in the compact table, not one a row
 * (the CSV, the JSON and the Markdown written with --full list each). */
#define LD_REPORT_MAX_FAILURES_LISTED 40

typedef struct
{
  LdAnalysis            *analysis;
  const LdReportOptions *options;
  LdRedactor            *redactor;    /* nullable: not redacted; else the analysis's (borrowed) */
  LdAnalysis            *redacted;    /* owned: the inputs read again through the redactor */
  GPtrArray             *findings;    /* (element-type LdFinding) borrowed, most severe first */
  GPtrArray             *groups;      /* (element-type LdReportGroup): the causes, ranked */
  GPtrArray             *do_first;    /* (element-type LdReportGroup) borrowed: whose first action page 1 gives */
  GHashTable            *causes_of;   /* attempt id -> GArray of guint cause numbers */
  GPtrArray             *failed;      /* (element-type LdAttempt) borrowed: failed or no response */
  GPtrArray             *symptoms;    /* (element-type LdReportSymptom), most frequent first */
  GArray                *tallies;     /* (element-type LdReportTally) */
  GPtrArray             *steps;       /* (element-type LdReportStep) */
  GPtrArray             *causes;      /* (element-type LdReportCause) */
  char                  *verdict;
  char                  *analysed_at; /* "2026-11-23 21:40 UTC" */
  char                  *user;        /* the signed-in user's address, through _ld_report_value(); or NULL */
  char                  *client;      /* "Lync 2013 (15.0.4569.1503)", or NULL */
  guint                  n_errors;
  guint                  n_warnings;
  guint                  n_infos;
  GCancellable          *cancellable;
} LdReportContext;

/* Every string that comes from a log goes through _ld_report_str (and,
 * for the PDF and Markdown, _ld_report_value, which also cuts a huge value):
 * redaction happens in one place. */
char       *_ld_report_str             (LdReportContext *ctx,
                                        const char      *text);
char       *_ld_report_value           (LdReportContext *ctx,
                                        const char      *text);
char       *_ld_report_prose           (LdReportContext *ctx,
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

/* The model (ld-report-model.c): built once, read by every writer. */
void        _ld_report_model_build     (LdReportContext *ctx);
void        _ld_report_model_clear     (LdReportContext *ctx);
char       *_ld_report_dup_what        (const LdAttempt *attempt);
const char *_ld_report_opening_method  (const LdAttempt *attempt);
char       *_ld_report_dup_tally_label (const LdReportTally *tally);
char       *_ld_report_dup_duration    (const LdAttempt *attempt);
char       *_ld_report_dup_ice_warn    (const LdAttempt *attempt);
char       *_ld_report_dup_causes_cell (LdReportContext *ctx,
                                        const LdAttempt *attempt);
char       *_ld_report_dup_what_failed (LdReportContext *ctx);
char       *_ld_report_dup_when        (LdReportContext *ctx);
GPtrArray  *_ld_report_dup_failure_rows (LdReportContext *ctx);
char       *_ld_report_dup_failure_code (const LdAttempt *attempt);
GPtrArray  *_ld_report_dup_skipped     (LdReportContext *ctx,
                                        guint            max,
                                        guint           *out_more);
char       *_ld_report_dup_attempt_list (GArray         *ids,
                                        guint            max);
gboolean    _ld_report_group_is_problem (const LdReportGroup *group);
const LdReportGroup *_ld_report_group_for_example (LdReportContext *ctx,
                                                   const LdReportGroup *group);
const LdReportGroup *_ld_report_group_for_cause (LdReportContext     *ctx,
                                                 const LdReportCause *cause);
char       *_ld_report_dup_cause_why   (LdReportContext     *ctx,
                                        const LdReportCause *cause);

/* The rules' and the wizard's text, as paragraphs, lists and two-column
 * rows (ld-report-rich.c). */
typedef enum
{
  LD_REPORT_BLOCK_PARAGRAPH,
  LD_REPORT_BLOCK_INDENTED,   /* an indented line that is neither a list item nor a row */
  LD_REPORT_BLOCK_BULLET,
  LD_REPORT_BLOCK_NUMBERED,
  LD_REPORT_BLOCK_ROW,        /* "0x20  meaning": @key and @text */
} LdReportBlockKind;

typedef struct
{
  LdReportBlockKind  kind;
  char              *text;
  char              *key;     /* rows only */
  int                number;  /* numbered items only */
  int                indent;
} LdReportBlock;

GPtrArray  *_ld_report_parse_rich      (const char      *text);
char       *_ld_report_dup_explanation (LdReportContext *ctx,
                                        const LdReportGroup *group,
                                        gboolean        *out_trimmed);

/* Who does a cause's first action and how to check it worked
 * (ld-report-roles.c). */
const char *_ld_report_role_label      (LdReportRole     role);
LdReportRole _ld_report_role_for       (const LdFinding *finding,
                                        const char      *action);
char       *_ld_report_dup_check       (const LdFinding *finding,
                                        const LdAttempt *example);

GBytes     *_ld_report_render_pdf      (LdReportContext *ctx,
                                        GError         **error);
char       *_ld_report_render_markdown (LdReportContext *ctx);
char       *_ld_report_render_csv      (LdReportContext *ctx);

G_END_DECLS
