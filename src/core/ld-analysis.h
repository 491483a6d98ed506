/* ld-analysis.h - one analysis of one or more inputs: messages, attempts, findings
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-diagnostic.h"
#include "ld-log-reader.h"
#include "ld-sip-message.h"

G_BEGIN_DECLS

/* Bounds applied to what users hand us; each is reported when hit. */
#define LD_MAX_ZIP_RATIO       1000    /* uncompressed : compressed, above 64 MB */
#define LD_MAX_NESTED_ZIP_SIZE (256u * 1024 * 1024)
#define LD_MAX_ZIP_DEPTH       2
#define LD_MAX_FOLDER_DEPTH    16
#define LD_MAX_TRACE_EVENTS    20000

/* What an exchange (and the attempt it becomes) is. The JSON names
 * (ld_attempt_kind_to_string()) are documented in README.md. An IM
 * session (INVITE with m=message) is peer-to-peer with modality chat, as a
 * conference's chat join is conference/chat. */
typedef enum
{
  LD_ATTEMPT_CONFERENCE,    /* INVITE to a conference (focus or an MCU) */
  LD_ATTEMPT_PEER_TO_PEER,  /* INVITE to or from one person: call, sharing, file transfer, IM */
  LD_ATTEMPT_SIGN_IN,       /* REGISTER with its 401/407 rounds; the server's sign-out NOTIFY */
  LD_ATTEMPT_SUBSCRIPTION,  /* SUBSCRIBE with its NOTIFY/BENOTIFYs, or NOTIFYs of an earlier one */
  LD_ATTEMPT_SERVICE,       /* SERVICE: scheduling, delegation, contact list, presence publishing */
  LD_ATTEMPT_MESSAGE,       /* MESSAGE outside an IM session */
  LD_ATTEMPT_INFO,          /* INFO outside a call */
  LD_ATTEMPT_REFER,         /* REFER outside a call */
  LD_ATTEMPT_OPTIONS,       /* OPTIONS */
  LD_ATTEMPT_PUBLISH,       /* PUBLISH */
  LD_ATTEMPT_OTHER,         /* anything else: a BYE or ACK of no known dialog, NEGOTIATE… */
  LD_ATTEMPT_N_KINDS,
} LdAttemptKind;

typedef enum
{
  LD_MODALITY_FOCUS,
  LD_MODALITY_CHAT,
  LD_MODALITY_AUDIO_VIDEO,
  LD_MODALITY_APPLICATION_SHARING,
  LD_MODALITY_AUDIO,
  LD_MODALITY_VIDEO,
  LD_MODALITY_DATA,
  LD_MODALITY_OTHER,
} LdModality;

typedef enum
{
  LD_OUTCOME_SUCCEEDED,
  LD_OUTCOME_FAILED,
  LD_OUTCOME_CANCELLED,
  LD_OUTCOME_NO_RESPONSE,
} LdOutcome;

typedef enum
{
  LD_SEVERITY_ERROR,
  LD_SEVERITY_WARNING,
  LD_SEVERITY_INFO,
} LdSeverity;

typedef enum
{
  LD_CONFIDENCE_HIGH,
  LD_CONFIDENCE_MEDIUM,
  LD_CONFIDENCE_LOW,
} LdConfidence;

typedef struct
{
  char        *path;         /* as the user would type it (parse name) */
  char        *member;       /* zip member, or NULL */
  char        *client;       /* "Lync 2013", or NULL when unknown */
  char        *user_agent;   /* as written, or NULL */
  char        *user;         /* the signed-in user, "sip:user@domain": the From of its
                              * REGISTER, else of the first request it sent; NULL when unknown */
  LdLogFormat  format;
  LdTextEncoding encoding;
  gint64       first_time;
  gint64       last_time;
  guint64      lines;
  guint64      bytes;
  guint        sip_messages;
  GPtrArray   *problems;     /* (element-type utf8) */
} LdInput;

/* A prefixed log line that is not SIP but matters: name lookups and
 * connections to online meeting hosts, errors, QoE reports. */
typedef struct
{
  guint    input;
  guint64  line;
  gint64   time;
  char    *level;
  char    *text;             /* valid UTF-8 */
} LdTraceEvent;

typedef struct _LdAttempt LdAttempt;
typedef struct _LdFinding LdFinding;

typedef struct
{
  guint       attempt;       /* LdAttempt.id, 0 for none */
  guint       input;
  guint64     line;
  char       *excerpt;       /* the exact header or line, or NULL */
  LdDirection direction;     /* of the SIP message at that line: sent by this client or
                              * received; UNKNOWN for a trace line. Set by the analysis
                              * once the findings are made. */
} LdEvidence;

/* One finding is one cause (and, where it changes what to do, one
 * distinguishing detail: a relay, a domain) with every attempt it explains. */
struct _LdFinding
{
  const char  *id;           /* stable rule id, e.g. "tcp-media-blocked" */
  LdSeverity   severity;
  LdConfidence confidence;
  char        *title;
  char        *detail;
  GPtrArray   *actions;      /* (element-type utf8) */
  GArray      *evidence;     /* (element-type LdEvidence): the strongest first, a few representative excerpts */
  gint64       time;         /* earliest evidence, for ordering */
  GArray      *attempts;     /* (element-type guint): ids of every attempt it covers, ascending */
  const char  *cause;        /* the knowledge table's cause id (ld_cause_lookup()) */
  char        *group;        /* what distinguishes it from other findings of its cause (a relay, a domain), or NULL */
};

struct _LdAttempt
{
  guint               id;            /* 1-based, in order of start */
  LdAttemptKind       kind;
  LdModality          modality;      /* conference and peer-to-peer; OTHER for the other kinds */
  gboolean            incoming;      /* opened by a request this client received */
  char               *target;        /* request URI of the opening request */
  char               *remote_party;  /* "sip:user@domain" of the other end */
  char               *call_id;
  gint64              start;
  gint64              end;
  LdOutcome           outcome;
  int                 status;        /* final status of the opening request, 0 when none */
  char               *status_reason;
  const LdSipMessage *invite;        /* the opening request (the INVITE of a call or join, the
                                      * REGISTER of a sign-in, the SERVICE…); for an exchange
                                      * whose request was not kept, its first message kept */
  const LdSipMessage *final_response;
  gboolean            remote_candidates; /* a=remote-candidates seen: ICE completed */
  GPtrArray          *messages;      /* (element-type LdSipMessage) borrowed, in order */
  GPtrArray          *diagnostics;   /* (element-type LdDiagnostic) owned */
  GPtrArray          *findings;      /* (element-type LdFinding) borrowed */
  /* Which side did it: the message that failed the attempt (its final
   * error response, the request that signed the user out, or the message
   * carrying the diagnostic that reports the failure), NULL unless failed;
   * and whether this client sent it or received it. */
  const LdSipMessage *failure;
  LdDirection         failure_side;
  /* Whose log: the input of its opening message and that input's user. */
  guint               input;
  const char         *user;          /* borrowed from the input; NULL when unknown */
  guint               exchange;      /* index of its exchange (ld_analysis_get_exchange()) */
  guint               sign_out : 1;  /* a sign-in attempt that ended a sign-in: the server's
                                      * deregistration NOTIFY, or the client's REGISTER
                                      * with Expires: 0 */
};

/* Every SIP exchange of the inputs, as compact as a log of a million
 * messages needs: a transaction (with its 401/407 rounds), or a dialog
 * (INVITE, SUBSCRIBE). Those that matter become attempts (every call, join,
 * IM session and sign-in, and every other exchange that did not succeed or
 * carries a diagnostic); the rest, mostly presence traffic that worked,
 * stay records like this one, for views to count and draw. */
typedef enum
{
  LD_EXCHANGE_INCOMING     = 1 << 0, /* opened by a request this client received */
  LD_EXCHANGE_DIAGNOSTIC   = 1 << 1, /* a message of it carries a diagnostic header */
  LD_EXCHANGE_KEPT         = 1 << 2, /* its messages from the point it mattered on are parsed and kept */
  LD_EXCHANGE_CHALLENGED   = 1 << 3, /* its last final response was a 401/407 challenge */
  LD_EXCHANGE_FINAL        = 1 << 4, /* a final response to its opening request was seen */
  LD_EXCHANGE_DIALOG       = 1 << 5, /* an INVITE or SUBSCRIBE dialog: every method of the Call-ID */
  LD_EXCHANGE_DEREGISTERED = 1 << 6, /* the server's NOTIFY that signed the user out */
  LD_EXCHANGE_NO_REQUEST   = 1 << 7, /* its opening request is not in the log */
  LD_EXCHANGE_CANCELLED    = 1 << 8, /* a CANCEL of its opening request was seen */
  LD_EXCHANGE_NOTIFIED     = 1 << 9, /* a subscription whose NOTIFY or BENOTIFY came: it holds */
} LdExchangeFlags;

/* 24 bytes: a 500 MB log has some 150,000 exchanges. */
typedef struct
{
  gint64   start : 48;      /* its first message's time (ms, log-local), or -1 */
  guint64  flags : 16;      /* LdExchangeFlags */
  guint64  line : 40;       /* where its first message's record starts */
  guint64  input : 24;      /* index into ld_analysis_get_inputs() */
  guint32  duration;        /* ms from its first to its last message */
  guint32  n_messages : 11; /* how many messages it has, up to 2,047 (more are counted as 2,047) */
  guint32  status : 10;     /* final status of its opening request, 0 when none */
  guint32  outcome : 2;     /* LdOutcome */
  guint32  kind : 4;        /* LdAttemptKind */
  guint32  method : 5;      /* LdSipMethod of its opening message */
} LdExchange;

/* An attempt as soon as its opening INVITE is read, before the dialog is
 * complete: what a window can show while a large log loads. */
typedef struct
{
  LdAttemptKind  kind;
  LdModality     modality;
  gboolean       incoming;
  gint64         start;
  char          *target;         /* as LdAttempt.target */
} LdEarlyAttempt;

#define LD_TYPE_ANALYSIS (ld_analysis_get_type ())
G_DECLARE_FINAL_TYPE (LdAnalysis, ld_analysis, LD, ANALYSIS, GObject)

typedef enum
{
  LD_ANALYSIS_FLAGS_NONE = 0,
  /* Keep every SIP message, not only those of call dialogs (for the
   * message browser); costs memory proportional to the log. */
  LD_ANALYSIS_FLAGS_KEEP_ALL_MESSAGES = 1 << 0,
  /* Keep each attempt as its opening message is read, for a window to
   * draw while a large log loads (ld_analysis_dup_early_attempts());
   * without it that gives nothing until the attempts are made. Some
   * megabytes on a large log that a command line never shows. */
  LD_ANALYSIS_FLAGS_EARLY_ATTEMPTS = 1 << 1,
} LdAnalysisFlags;

typedef void (*LdProgressFunc) (guint64  done,
                                guint64  total,
                                gpointer user_data);

LdAnalysis   *ld_analysis_new                (LdAnalysisFlags  flags);
void          ld_analysis_set_progress_func  (LdAnalysis      *self,
                                              LdProgressFunc   func,
                                              gpointer         user_data);
gboolean      ld_analysis_add_file           (LdAnalysis      *self,
                                              GFile           *file,
                                              GCancellable    *cancellable,
                                              GError         **error);
gboolean      ld_analysis_add_data           (LdAnalysis      *self,
                                              const char      *name,
                                              const char      *data,
                                              gsize            len,
                                              GError         **error);
void          ld_analysis_finish             (LdAnalysis      *self);
void          ld_analysis_finish_attempts    (LdAnalysis      *self);
void          ld_analysis_finish_messages    (LdAnalysis      *self);
gboolean      ld_analysis_has_messages       (LdAnalysis      *self);
GPtrArray    *ld_analysis_dup_early_attempts (LdAnalysis      *self);
GPtrArray    *ld_analysis_dup_early_attempts_from (LdAnalysis *self,
                                                  guint       first);
guint         ld_analysis_get_n_early_attempts (LdAnalysis    *self);
void          ld_early_attempt_free          (LdEarlyAttempt  *early);

GPtrArray    *ld_analysis_get_inputs         (LdAnalysis      *self);
GPtrArray    *ld_analysis_get_messages       (LdAnalysis      *self);

/* A message's whole text, as logged (ld-message-text.c). Read it only so:
 * the message browser leaves most texts in the log file, where msg->raw
 * holds an empty string. */
typedef struct _LdMessageTexts LdMessageTexts;
LdMessageTexts *ld_message_texts_new         (LdAnalysis         *analysis);
const char   *ld_message_texts_get           (LdMessageTexts     *self,
                                              const LdSipMessage *msg,
                                              gsize              *len,
                                              GError            **error);
void          ld_message_texts_free          (LdMessageTexts     *self);
char         *ld_analysis_dup_message_text   (LdAnalysis         *self,
                                              const LdSipMessage *msg,
                                              gsize              *len,
                                              GError            **error);
gboolean      ld_sip_message_has_text        (const LdSipMessage *msg);
const guint8 *ld_analysis_get_noise_flags    (LdAnalysis      *self);
gboolean      ld_analysis_get_messages_span  (LdAnalysis      *self,
                                              gint64          *first,
                                              gint64          *last);
GPtrArray    *ld_analysis_get_attempts       (LdAnalysis      *self);
guint         ld_analysis_get_n_users        (LdAnalysis      *self);
GPtrArray    *ld_analysis_dup_users          (LdAnalysis      *self);
guint         ld_analysis_get_n_exchanges    (LdAnalysis      *self);
const LdExchange *ld_analysis_get_exchange   (LdAnalysis      *self,
                                              guint            index);
GPtrArray    *ld_analysis_dup_exchange_messages (LdAnalysis   *self,
                                              guint            index);
LdAttempt    *ld_analysis_get_exchange_attempt (LdAnalysis    *self,
                                              guint            index);
GPtrArray    *ld_analysis_get_findings       (LdAnalysis      *self);
GPtrArray    *ld_analysis_get_trace_events   (LdAnalysis      *self);
guint64       ld_analysis_get_total_sip_messages (LdAnalysis  *self);
gboolean      ld_analysis_is_empty           (LdAnalysis      *self);
LdAttempt    *ld_analysis_get_attempt_by_id  (LdAnalysis      *self,
                                              guint            id);

const char   *ld_attempt_kind_to_string      (LdAttemptKind    kind);
const char   *ld_modality_to_string          (LdModality       modality);
const char   *ld_outcome_to_string           (LdOutcome        outcome);
const char   *ld_severity_to_string          (LdSeverity       severity);
const char   *ld_confidence_to_string        (LdConfidence     confidence);
const char   *ld_attempt_kind_get_label      (LdAttemptKind    kind);
const char   *ld_modality_get_label          (LdModality       modality);
const char   *ld_outcome_get_label           (LdOutcome        outcome);
const char   *ld_severity_get_label          (LdSeverity       severity);
const char   *ld_confidence_get_label        (LdConfidence     confidence);
const LdDiagnostic *ld_attempt_get_primary_diagnostic (const LdAttempt *attempt);
LdCodeVerdict ld_sip_message_get_diagnostics_verdict (const LdSipMessage *msg);
gboolean      ld_attempt_diagnostic_is_failure (const LdAttempt    *attempt,
                                                const LdDiagnostic *diagnostic);
gboolean      ld_attempt_kind_is_routine     (LdAttemptKind    kind);
const char   *ld_attempt_get_side_label      (const LdAttempt *attempt);
const char   *ld_direction_get_label         (LdDirection      direction);

typedef struct
{
  const char *id;
  LdSeverity  severity;
  const char *summary;    /* untranslated (N_): what triggers it */
  const char *severities; /* "error / info": every severity it can be given (stable, untranslated) */
  const char *title;      /* untranslated (N_): the cause in words */
} LdRuleInfo;

/* Findings engine (ld-findings.c): run by ld_analysis_finish_attempts(). */
const LdRuleInfo *ld_rules_list              (guint           *n_rules);
void          ld_findings_run                (LdAnalysis      *self,
                                              GPtrArray       *out_findings);
void          ld_finding_free                (LdFinding       *finding);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdEarlyAttempt, ld_early_attempt_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdMessageTexts, ld_message_texts_free)

G_END_DECLS
