/* ld-rules-private.h - what the rule files share: rule functions and helpers
 *
 * A rule reads the analysis and hands each finding, once it is whole, to
 * ld_rule_emit(), which folds it away at once: see LdRuleOut in
 * ld-findings-private.h for what that asks of a rule.  What every rule
 * reads of each attempt (its media, the cross-attempt rows) is worked out
 * once before the rules run and dropped after.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ld-findings-private.h"
#include "ld-knowledge.h"

G_BEGIN_DECLS

/* Client media connectivity failures (ms-client-diagnostics 21-25 family). */
#define LD_RULE_MEDIA_CODE_FIRST 21
#define LD_RULE_MEDIA_CODE_LAST  999


/* One media debug attribute together with the diagnostic that carried it. */
typedef struct
{
  const LdDiagnostic *diag;
  const LdMediaDebug *media;
} LdMediaRef;

/* Every attempt's media debug attributes (ld_rule_media_index()). */
typedef struct _LdMediaIndex LdMediaIndex;

/* An attempt's media debug attributes (ld_rule_get_media()), borrowed
 * from the run's list of every attempt's. */
typedef struct
{
  const LdMediaRef *v;
  guint             len;
} LdMediaRefs;

/* What the rules read of every attempt, worked out once before a run of
 * the rules (media first: the cross-attempt rows read it) and dropped at
 * its end. */
void ld_rules_media_prepare (LdAnalysis *analysis);
void ld_rules_media_forget (LdAnalysis *analysis);
void ld_rules_cross_prepare (LdAnalysis *analysis);
void ld_rules_cross_forget (LdAnalysis *analysis);

/* Per-attempt rules: ICE and media debug (ld-rules-media.c). */
void ld_rule_ports_blocked          (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_edge_to_edge           (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_tcp_media_blocked      (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_turn_unreachable       (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_udp_blocked            (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_turn_credentials       (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_no_turn_server         (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_port_range_exhausted   (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_proxy_tls_inspection   (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_proxy_auth_failed      (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_winsock_lsp            (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_bandwidth_policy       (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_federated_media        (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_internal_media_blocked (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);

/* Per-attempt rules: SIP responses and server codes (ld-rules-sip.c). */
void ld_rule_meet_lync_blocked      (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_multipart_refused      (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_duplicate_conversation (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_no_response            (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_unexplained_failure    (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);

/* "A code or status -> a finding" rows (ld-rules-codes.c). */
void ld_rule_code_rows              (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);

/* Server SIPStack traces' diagnostic records (ld-rules-server.c): one
 * function for the rows server-certificate-mismatch, server-srv-domain-
 * mismatch, server-routing, server-tls-failure and server-diagnostic. */
void ld_rule_server_diagnostics       (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
const char *ld_server_result_code_lookup (guint32      code,
                                          const char **meaning);

/* Rules across attempts (ld-rules-cross.c). */
void ld_rule_fails_one_contact        (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_fails_one_domain         (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_fails_all_remote         (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_fails_only_app_sharing   (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_fails_one_relay          (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_fails_one_network        (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_fails_one_client_version (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);
void ld_rule_failures_started_at      (LdAnalysis *analysis, const LdRule *rule, LdRuleOut *out);

/* Helpers (ld-rules.c). */
gboolean            ld_rule_is_cross_attempt      (const char         *id);
gboolean            ld_rule_attempt_failed        (const LdAttempt    *a);
const char         *ld_rule_modality_label        (LdModality          modality);
char               *ld_rule_dup_attempt_label     (const LdAttempt    *a);
void                ld_rule_append_outcome        (GString            *s,
                                                   const LdAttempt    *a);
void                ld_rule_append_side           (GString            *s,
                                                   const LdSipMessage *m);
void                ld_rule_append_ice_bits       (GString            *s,
                                                   const LdMediaRef   *ref);
void                ld_rule_append_media_facts    (GString            *s,
                                                   const LdMediaRef   *ref);
const LdMediaIndex *ld_rule_media_index           (LdAnalysis         *analysis);
LdMediaRefs         ld_rule_get_media             (const LdMediaIndex *index,
                                                   const LdAttempt    *a);
const LdMediaRef   *ld_rule_find_media            (LdMediaRefs         refs,
                                                   guint32             any,
                                                   guint32             all);
gboolean            ld_rule_media_is_tcp_only     (const LdAttempt    *a,
                                                   const LdMediaDebug *m);
gboolean            ld_rule_media_needs_edge      (const LdAttempt    *a,
                                                   const LdMediaDebug *m);
const LdDiagnostic *ld_rule_find_code             (const LdAttempt    *a,
                                                   gboolean            client,
                                                   int                 first,
                                                   int                 last);
gboolean            ld_rule_address_usable        (const char         *value);
guint               ld_rule_port_range_width      (const char         *value);
char               *ld_rule_dup_address_host      (const char         *value);
char               *ld_rule_dup_relays            (const LdAttempt    *a,
                                                   gboolean            hosts_only);
void                ld_rule_add_diag_evidence     (LdFinding          *f,
                                                   const LdAttempt    *a,
                                                   const LdDiagnostic *d);
void                ld_rule_add_message_evidence  (LdFinding          *f,
                                                   const LdAttempt    *a,
                                                   const LdSipMessage *m,
                                                   const char         *excerpt);
void                ld_rule_add_attempt_evidence  (LdFinding          *f,
                                                   const LdAttempt    *a);
char               *ld_rule_dup_status_line       (const LdSipMessage *m);

G_END_DECLS
