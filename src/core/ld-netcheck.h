/* ld-netcheck.h - reachability check of the relays and ports named in a log
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "ld-analysis.h"

G_BEGIN_DECLS

typedef enum
{
  LD_NETCHECK_TCP,       /* a TCP connect */
  LD_NETCHECK_STUN_UDP,  /* an RFC 5389 Binding Request over UDP */
} LdNetcheckProtocol;

typedef enum
{
  LD_NETCHECK_OPEN,      /* TCP connected / STUN Binding Success Response */
  LD_NETCHECK_REFUSED,   /* TCP reset / ICMP port unreachable: the host answered, nothing listens */
  LD_NETCHECK_TIMED_OUT, /* nothing came back before the timeout: often a firewall dropping */
  LD_NETCHECK_ERROR,     /* anything else; see detail */
  LD_NETCHECK_CANCELLED,
} LdNetcheckStatus;

typedef struct
{
  char               *host;     /* IP literal or host name */
  guint16             port;
  LdNetcheckProtocol  protocol;
  char               *why;      /* where it comes from, in words ("media relay of attempt 3") */
  guint               input;    /* where in the logs it was found */
  guint64             line;     /* 0 when not from a line */
} LdNetcheckTarget;

/* What a result says about the path, for a person: a refusal where an
 * A/V Edge always listens, or silence, is what a blocking firewall looks
 * like; an answer from a private address is this computer's network
 * answering, not necessarily the relay the user's client saw. */
typedef enum
{
  LD_NETCHECK_VERDICT_OPEN,          /* reached, on a public address */
  LD_NETCHECK_VERDICT_BLOCKED,       /* timed out, or refused on 443 / 3478 */
  LD_NETCHECK_VERDICT_INCONCLUSIVE,  /* refused elsewhere, a private address, an error, cancelled */
} LdNetcheckVerdict;

typedef struct
{
  LdNetcheckTarget *target;     /* owned copy */
  LdNetcheckStatus  status;
  char             *detail;     /* error text, or what answered (STUN mapped address); may be NULL */
  gint64            elapsed_ms;
  char             *measured_from; /* the host name of the computer that ran the check */
  gint64            measured_at;   /* when: real time, microseconds since 1970 (UTC) */
} LdNetcheckResult;

/* Called in the thread-default main context of the caller of
 * ld_netcheck_run_async() as each target finishes. */
typedef void (*LdNetcheckResultFunc) (const LdNetcheckResult *result,
                                      gpointer                user_data);

#define LD_NETCHECK_DEFAULT_TIMEOUT_MS 3000
#define LD_NETCHECK_MAX_TARGETS        16

LdNetcheckTarget *ld_netcheck_target_new           (const char         *host,
                                                    guint16             port,
                                                    LdNetcheckProtocol  protocol,
                                                    const char         *why);
LdNetcheckTarget *ld_netcheck_target_copy          (const LdNetcheckTarget *target);
void              ld_netcheck_target_free          (LdNetcheckTarget   *target);
char             *ld_netcheck_target_dup_label     (const LdNetcheckTarget *target);

void              ld_netcheck_result_free          (LdNetcheckResult   *result);
const char       *ld_netcheck_status_to_string     (LdNetcheckStatus    status);
char             *ld_netcheck_result_dup_text      (const LdNetcheckResult *result);
gboolean          ld_netcheck_result_is_reachable  (const LdNetcheckResult *result);
LdNetcheckVerdict ld_netcheck_result_get_verdict   (const LdNetcheckResult *result);
const char       *ld_netcheck_verdict_to_string    (LdNetcheckVerdict   verdict);
const char       *ld_netcheck_result_get_mark      (const LdNetcheckResult *result);
gboolean          ld_netcheck_address_is_local     (const char         *host);
char             *ld_netcheck_results_dup_origin   (GPtrArray          *results);

GPtrArray        *ld_netcheck_targets_from_analysis (LdAnalysis        *analysis);

LdNetcheckResult *ld_netcheck_check_one            (const LdNetcheckTarget *target,
                                                    guint               timeout_ms,
                                                    GCancellable       *cancellable);
void              ld_netcheck_run_async            (GPtrArray          *targets,
                                                    guint               timeout_ms,
                                                    LdNetcheckResultFunc result_func,
                                                    gpointer            result_data,
                                                    GCancellable       *cancellable,
                                                    GAsyncReadyCallback callback,
                                                    gpointer            user_data);
GPtrArray        *ld_netcheck_run_finish           (GAsyncResult       *result,
                                                    GError            **error);
GPtrArray        *ld_netcheck_run                  (GPtrArray          *targets,
                                                    guint               timeout_ms,
                                                    GCancellable       *cancellable);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdNetcheckTarget, ld_netcheck_target_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LdNetcheckResult, ld_netcheck_result_free)

G_END_DECLS
