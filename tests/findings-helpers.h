/* findings-helpers.h - client logs built in memory and assertions on findings, shared by the findings tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include "lyncdiag.h"

typedef struct
{
  GString    *text;
  guint       ms;       /* clock: milliseconds since 14:00:00.000 */
  const char *local;    /* this client's SIP connection address */
  const char *server;
  const char *self;
  const char *ua;
  guint       serial;
} Log;

typedef struct
{
  const char *to;             /* request URI: a user or a conference URI */
  const char *media;          /* "audio", "applicationsharing", or NULL */
  int         status;         /* final response; 0 for none */
  const char *final_headers;  /* extra headers of the final response */
  const char *bye_headers;    /* a BYE with these headers after a 200; NULL for none */
  const char *invite_type;    /* Content-Type of the INVITE; application/sdp when NULL */
} Call;

#define REASON_22 "Call failed to establish due to a media connectivity failure when both endpoints are internal"
#define REASON_23 "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote"
#define REASON_24 "Call failed to establish due to a media connectivity failure when both endpoints are remote"
#define REASON_25 "A federated call failed to establish due to a media connectivity failure where both endpoints are internal"

void log_trace (Log *l, const char *level, const char *text);
void log_init (Log *l);
void log_clear (Log *l);
void log_sip (Log *l, gboolean sent, const char *start, const char *headers, const char *body);
void log_call (Log *l, const Call *c);
void log_exchange (Log *l, gboolean sent, const char *method, const char *uri, const char *headers, const char *body,
                   int status, const char *response_headers);
char *media_failure (int code, const char *reason, const char *media);
LdAnalysis *analyse_logs (Log *first, ...);
LdAnalysis *analyse_log (Log *l);
LdAnalysis *analyse_file (const char *name);
LdAnalysis *analyse_call (const Call *c);
const LdFinding *find (LdAnalysis *an, const char *id);
guint count (LdAnalysis *an, const char *id);
const LdFinding *expect (LdAnalysis *an, const char *id, LdSeverity severity, LdConfidence confidence);
void assert_absent (LdAnalysis *an, const char *id);
void assert_no_alarm (LdAnalysis *an);
const LdEvidence *evidence (const LdFinding *f, guint i);
gboolean actions_mention (const LdFinding *f, const char *text);
void assert_diag_evidence (LdAnalysis *an, const LdFinding *f, guint attempt_id, int code);
gboolean attached (LdAnalysis *an, guint attempt_id, const LdFinding *f);
