/* ld-netcheck.c - reachability check of the relays and ports named in a log
 *
 * The old Lync Online probe (TRIPP) tested from a browser whether the
 * service's ports could be reached. This does the part of that which
 * matters for a media failure, but against the addresses the client itself
 * wrote into the log: a TCP connect to each port and a STUN Binding Request
 * (RFC 5389) to UDP 3478 of each media relay. It only ever runs when the
 * user asks for it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-netcheck"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-netcheck.h"

/* RFC 5389 section 6: every STUN message starts with a 20-byte header. */
#define STUN_HEADER_LEN          20
#define STUN_MAGIC_COOKIE        0x2112A442u
#define STUN_BINDING_REQUEST     0x0001
#define STUN_BINDING_SUCCESS     0x0101
#define STUN_BINDING_ERROR       0x0111
#define STUN_ATTR_MAPPED_ADDRESS 0x0001
#define STUN_ATTR_ERROR_CODE     0x0009
#define STUN_ATTR_XOR_MAPPED     0x0020
/* RFC 5389 section 7.2.1: the first retransmission after 500 ms, doubling. */
#define STUN_INITIAL_RTO_MS      500

/* The A/V Edge listens on UDP 3478 for STUN/TURN and TCP 443 for TURN over
 * TCP (Skype for Business Server Edge port tables; Office 365 endpoint set
 * 11 lists UDP 3478-3481). */
#define EDGE_STUN_PORT 3478
#define EDGE_TLS_PORT  443

LdNetcheckTarget *
ld_netcheck_target_new (const char         *host,
                        guint16             port,
                        LdNetcheckProtocol  protocol,
                        const char         *why)
{
  LdNetcheckTarget *t = g_new0 (LdNetcheckTarget, 1);

  t->host = g_strdup (host);
  t->port = port;
  t->protocol = protocol;
  t->why = g_strdup (why);
  return t;
}

LdNetcheckTarget *
ld_netcheck_target_copy (const LdNetcheckTarget *target)
{
  LdNetcheckTarget *t = ld_netcheck_target_new (target->host, target->port, target->protocol, target->why);

  t->input = target->input;
  t->line = target->line;
  return t;
}

void
ld_netcheck_target_free (LdNetcheckTarget *target)
{
  if (target == NULL)
    return;
  g_free (target->host);
  g_free (target->why);
  g_free (target);
}

/**
 * ld_netcheck_target_dup_label:
 *
 * Returns: (transfer full): "TCP 207.46.5.63:443" or "UDP 207.46.5.63:3478 (STUN)".
 */
char *
ld_netcheck_target_dup_label (const LdNetcheckTarget *target)
{
  gboolean v6 = strchr (target->host, ':') != NULL;

  if (target->protocol == LD_NETCHECK_TCP)
    return g_strdup_printf (v6 ? "TCP [%s]:%u" : "TCP %s:%u", target->host, target->port);
  return g_strdup_printf (v6 ? "UDP [%s]:%u (STUN)" : "UDP %s:%u (STUN)", target->host, target->port);
}

void
ld_netcheck_result_free (LdNetcheckResult *result)
{
  if (result == NULL)
    return;
  ld_netcheck_target_free (result->target);
  g_free (result->detail);
  g_free (result->measured_from);
  g_free (result);
}

const char *
ld_netcheck_status_to_string (LdNetcheckStatus status)
{
  switch (status)
    {
    case LD_NETCHECK_OPEN: return "open";
    case LD_NETCHECK_REFUSED: return "refused";
    case LD_NETCHECK_TIMED_OUT: return "timed-out";
    case LD_NETCHECK_ERROR: return "error";
    case LD_NETCHECK_CANCELLED: return "cancelled";
    default: return "error";
    }
}

/**
 * ld_netcheck_address_is_local:
 * @host: an IP literal (a host name is not judged by its text)
 *
 * Returns: %TRUE for an address that is not the same place from every
 *   network: private (RFC 1918, RFC 4193), shared (RFC 6598, 100.64/10),
 *   link-local or loopback. A check from the helpdesk reaches whatever
 *   holds it there, not necessarily what the user's client saw.
 */
gboolean
ld_netcheck_address_is_local (const char *host)
{
  g_autoptr(GInetAddress) addr = host != NULL ? g_inet_address_new_from_string (host) : NULL;
  const guint8 *b;

  if (addr == NULL)
    return FALSE;
  if (g_inet_address_get_is_loopback (addr) || g_inet_address_get_is_link_local (addr) ||
      g_inet_address_get_is_site_local (addr))
    return TRUE;
  b = g_inet_address_to_bytes (addr);
  if (g_inet_address_get_family (addr) == G_SOCKET_FAMILY_IPV4)
    return b[0] == 100 && (b[1] & 0xc0) == 64;   /* 100.64.0.0/10 */
  return (b[0] & 0xfe) == 0xfc;                   /* fc00::/7 */
}

/**
 * ld_netcheck_result_get_verdict:
 *
 * A refused connect to a relay's allocation port still crossed the
 * network (the host answered, nothing listens now): that says nothing
 * either way. Silence, or a refusal on 443/3478 where an A/V Edge always
 * listens, is what a blocking firewall looks like. Whatever answers on a
 * private address answers on this computer's network.
 *
 * Returns: what the result says about the path
 */
LdNetcheckVerdict
ld_netcheck_result_get_verdict (const LdNetcheckResult *result)
{
  if (result->status == LD_NETCHECK_ERROR || result->status == LD_NETCHECK_CANCELLED ||
      ld_netcheck_address_is_local (result->target->host))
    return LD_NETCHECK_VERDICT_INCONCLUSIVE;
  switch (result->status)
    {
    case LD_NETCHECK_OPEN:
      return LD_NETCHECK_VERDICT_OPEN;
    case LD_NETCHECK_TIMED_OUT:
      return LD_NETCHECK_VERDICT_BLOCKED;
    case LD_NETCHECK_REFUSED:
      return result->target->port == EDGE_TLS_PORT || result->target->port == EDGE_STUN_PORT
             ? LD_NETCHECK_VERDICT_BLOCKED : LD_NETCHECK_VERDICT_INCONCLUSIVE;
    default:
      return LD_NETCHECK_VERDICT_INCONCLUSIVE;
    }
}

const char *
ld_netcheck_verdict_to_string (LdNetcheckVerdict verdict)
{
  switch (verdict)
    {
    case LD_NETCHECK_VERDICT_OPEN: return "open";
    case LD_NETCHECK_VERDICT_BLOCKED: return "blocked";
    case LD_NETCHECK_VERDICT_INCONCLUSIVE:
    default: return "inconclusive";
    }
}

/**
 * ld_netcheck_result_get_mark:
 *
 * Returns: "✓" for a path found open, "✗" for one that looks blocked, "?"
 *   for a result that says neither (never a ✓ for a refusal)
 */
const char *
ld_netcheck_result_get_mark (const LdNetcheckResult *result)
{
  switch (ld_netcheck_result_get_verdict (result))
    {
    case LD_NETCHECK_VERDICT_OPEN: return "✓";
    case LD_NETCHECK_VERDICT_BLOCKED: return "✗";
    case LD_NETCHECK_VERDICT_INCONCLUSIVE:
    default: return "?";
    }
}

/**
 * ld_netcheck_result_is_reachable:
 *
 * Returns: %TRUE only when the result shows the path open from this
 *   computer to a public address (ld_netcheck_result_get_verdict())
 */
gboolean
ld_netcheck_result_is_reachable (const LdNetcheckResult *result)
{
  return ld_netcheck_result_get_verdict (result) == LD_NETCHECK_VERDICT_OPEN;
}

/**
 * ld_netcheck_result_dup_text:
 *
 * Returns: (transfer full): the result in words, for a person.
 */
char *
ld_netcheck_result_dup_text (const LdNetcheckResult *result)
{
  g_autofree char *label = ld_netcheck_target_dup_label (result->target);
  g_autofree char *text = NULL;
  const char *what;

  switch (result->status)
    {
    case LD_NETCHECK_OPEN:
      what = result->target->protocol == LD_NETCHECK_TCP ? _("open (connected)") : _("open (STUN server answered)");
      break;
    case LD_NETCHECK_REFUSED:
      what = result->target->port == EDGE_TLS_PORT || result->target->port == EDGE_STUN_PORT
             ? _("refused (an A/V Edge always listens on this port: blocked or not an Edge?)")
             : _("refused (the host answered, nothing listens on this port now)");
      break;
    case LD_NETCHECK_TIMED_OUT:
      what = result->target->protocol == LD_NETCHECK_TCP ? _("timed out (no answer: blocked on the way?)")
                                                          : _("no answer before the timeout (UDP blocked on the way?)");
      break;
    case LD_NETCHECK_CANCELLED:
      what = _("cancelled");
      break;
    case LD_NETCHECK_ERROR:
    default:
      what = _("error");
      break;
    }
  if (result->detail != NULL && *result->detail != '\0')
    text = g_strdup_printf ("%s: %s — %s", label, what, result->detail);
  else
    text = g_strdup_printf ("%s: %s", label, what);
  if (ld_netcheck_address_is_local (result->target->host) && result->status != LD_NETCHECK_CANCELLED)
    {
      g_autofree char *local = g_strdup_printf (_("%s. A private address: what answered is on this computer's "
                                                  "network, not necessarily the relay the user's client saw"),
                                                text);
      return g_steal_pointer (&local);
    }
  return g_steal_pointer (&text);
}

/**
 * ld_netcheck_results_dup_origin:
 * @results: (element-type LdNetcheckResult): a check's results
 *
 * Returns: (transfer full) (nullable): "Measured from HOST at 2026-12-05
 *   10:31": where and when, in this computer's local time; %NULL when
 *   @results is empty
 */
char *
ld_netcheck_results_dup_origin (GPtrArray *results)
{
  const LdNetcheckResult *first;
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (results == NULL || results->len == 0)
    return NULL;
  first = g_ptr_array_index (results, 0);
  utc = g_date_time_new_from_unix_utc (first->measured_at / G_USEC_PER_SEC);
  local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  when = local != NULL ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup ("?");
  return g_strdup_printf (_("Measured from %s at %s"), first->measured_from ? first->measured_from : "?", when);
}

/* Targets ---------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *targets;
  GHashTable *seen;
} TargetSet;

static void
target_set_add (TargetSet          *set,
                const char         *host,
                guint               port,
                LdNetcheckProtocol  protocol,
                const char         *why,
                guint               input,
                guint64             line)
{
  g_autofree char *key = NULL;
  LdNetcheckTarget *t;

  if (port == 0 || port > 65535 || set->targets->len >= LD_NETCHECK_MAX_TARGETS)
    return;
  key = g_strdup_printf ("%d/%s/%u", protocol, host, port);
  if (!g_hash_table_add (set->seen, g_steal_pointer (&key)))
    return;
  t = ld_netcheck_target_new (host, (guint16) port, protocol, why);
  t->input = input;
  t->line = line;
  g_ptr_array_add (set->targets, t);
}

/* "207.46.5.63:54829" or "[2001:db8::1]:50000" -> address and port. Logs
 * shared in public are often redacted ("xx.xx.xxx.xx:xx"); those fail here
 * and are skipped rather than probed. */
static gboolean
split_address (const char  *text,
               char       **out_host,
               guint       *out_port)
{
  g_autofree char *host = NULL;
  g_autoptr(GInetAddress) addr = NULL;
  const char *colon;
  guint64 port = 0;

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*text))
    text++;
  if (*text == '[')
    {
      const char *end = strchr (text, ']');
      if (end == NULL || end[1] != ':')
        return FALSE;
      host = g_strndup (text + 1, end - text - 1);
      colon = end + 1;
    }
  else
    {
      colon = strrchr (text, ':');
      if (colon == NULL)
        return FALSE;
      host = g_strndup (text, colon - text);
    }
  {
    g_autofree char *digits = g_strstrip (g_strdup (colon + 1));
    if (!g_ascii_string_to_unsigned (digits, 10, 1, 65535, &port, NULL))
      return FALSE;
  }
  g_strstrip (host);
  addr = g_inet_address_new_from_string (host);
  if (addr == NULL || g_inet_address_get_is_any (addr) || g_inet_address_get_is_multicast (addr))
    return FALSE;
  *out_host = g_steal_pointer (&host);
  *out_port = (guint) port;
  return TRUE;
}

static void
add_relay_targets (TargetSet          *set,
                   const LdAttempt    *attempt,
                   const LdDiagnostic *diag,
                   const LdMediaDebug *media,
                   const char         *mr_key,
                   const char         *tcp_key)
{
  g_autofree char *host = NULL;
  g_autofree char *why = NULL;
  guint port = 0;
  guint input = diag->message ? diag->message->input : 0;
  guint64 line = diag->message ? diag->message->line : 0;
  const char *tcp_port;

  if (!split_address (ld_media_debug_get_field (media, mr_key), &host, &port))
    return;
  why = g_strdup_printf (_("%s (media relay, A/V Edge) of attempt %u"), mr_key, attempt->id);
  target_set_add (set, host, EDGE_TLS_PORT, LD_NETCHECK_TCP, why, input, line);
  target_set_add (set, host, EDGE_STUN_PORT, LD_NETCHECK_STUN_UDP, why, input, line);
  /* The relay's own TCP port is in 50000-59999 on an A/V Edge: whether it
   * answers at all (open or refused) or is silently dropped tells whether
   * that range leaves this network. */
  tcp_port = ld_media_debug_get_field (media, tcp_key);
  if (tcp_port != NULL)
    {
      guint64 p = 0;
      if (g_ascii_string_to_unsigned (tcp_port, 10, 1, 65535, &p, NULL))
        target_set_add (set, host, (guint) p, LD_NETCHECK_TCP, why, input, line);
    }
}

/* meet.lync.com and its regional names, as they appear in trace lines. */
static void
add_meet_hosts (TargetSet  *set,
                LdAnalysis *analysis)
{
  GPtrArray *trace = ld_analysis_get_trace_events (analysis);

  for (guint i = 0; trace != NULL && i < trace->len; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (trace, i);
      const char *p = ev->text;

      while ((p = strstr (p, "lync.com")) != NULL)
        {
          const char *start = p;
          g_autofree char *host = NULL;

          while (start > ev->text && (g_ascii_isalnum (start[-1]) || start[-1] == '.' || start[-1] == '-'))
            start--;
          host = g_ascii_strdown (start, p + strlen ("lync.com") - start);
          if (g_str_has_prefix (host, "meet.") || strstr (host, ".meet.") != NULL || g_str_has_prefix (host, "meet"))
            target_set_add (set, host, EDGE_TLS_PORT, LD_NETCHECK_TCP,
                            _("online meeting host named in the trace"), ev->input, ev->line);
          p += strlen ("lync.com");
        }
    }
}

/**
 * ld_netcheck_targets_from_analysis:
 * @analysis: a finished analysis
 *
 * The addresses worth testing, all taken from the logs: the media relays
 * of the attempts (failed attempts first) on TCP 443, UDP 3478 and their
 * TCP relay port, the server the client signed in to, and meeting hosts
 * named in the trace.
 *
 * Returns: (transfer full) (element-type LdNetcheckTarget): possibly empty.
 */
GPtrArray *
ld_netcheck_targets_from_analysis (LdAnalysis *analysis)
{
  TargetSet set;
  GPtrArray *attempts;

  set.targets = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_target_free);
  set.seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (analysis == NULL)
    {
      g_hash_table_unref (set.seen);
      return set.targets;
    }

  attempts = ld_analysis_get_attempts (analysis);
  /* Two passes: relays of failed attempts are what the user came for. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < attempts->len; i++)
      {
        const LdAttempt *a = g_ptr_array_index (attempts, i);
        gboolean failed = a->outcome == LD_OUTCOME_FAILED || a->outcome == LD_OUTCOME_NO_RESPONSE;

        if (failed != (pass == 0))
          continue;
        for (guint d = 0; a->diagnostics != NULL && d < a->diagnostics->len; d++)
          {
            const LdDiagnostic *diag = g_ptr_array_index (a->diagnostics, d);
            for (guint m = 0; diag->media != NULL && m < diag->media->len; m++)
              {
                const LdMediaDebug *media = g_ptr_array_index (diag->media, m);
                add_relay_targets (&set, a, diag, media, "LocalMR", "LocalMRTCPPort");
                add_relay_targets (&set, a, diag, media, "RemoteMR", "RemoteMRTCPPort");
              }
          }
      }

  /* The signalling server: if even this fails, the trouble is not media. */
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      g_autofree char *host = NULL;
      guint port = 0;

      if (a->invite != NULL && a->invite->direction == LD_DIRECTION_SENT &&
          split_address (a->invite->remote, &host, &port))
        {
          target_set_add (&set, host, port, LD_NETCHECK_TCP,
                          _("the server the client sent its INVITE to"), a->invite->input, a->invite->line);
          break;
        }
    }

  add_meet_hosts (&set, analysis);
  g_hash_table_unref (set.seen);
  return set.targets;
}

/* Checks ----------------------------------------------------------------- */

/* GLib 2.74 can deadlock when several threads create the first instance of
 * related GIO classes at the same time: one worker registering
 * GSocketAddress while another builds the first GSocketClient wait on each
 * other's type locks for ever (seen here: the CLI's network check hung one
 * run in five on two loaded cores). Every class a check touches is
 * therefore created once, in one thread, before any worker starts. Nothing
 * here touches the network: the proxy enumerator is made, never advanced. */
static gpointer
init_gio_types (gpointer unused)
{
  const GType types[] = {
    G_TYPE_SOCKET_CLIENT, G_TYPE_SOCKET_CONNECTION, G_TYPE_TCP_CONNECTION,
    G_TYPE_SOCKET, G_TYPE_SOCKET_ADDRESS, G_TYPE_INET_SOCKET_ADDRESS,
    G_TYPE_PROXY_ADDRESS, G_TYPE_INET_ADDRESS, G_TYPE_NETWORK_ADDRESS,
    G_TYPE_SOCKET_ADDRESS_ENUMERATOR, G_TYPE_RESOLVER, G_TYPE_CANCELLABLE,
  };
  g_autoptr(GSocketClient) client = NULL;
  g_autoptr(GSocketConnectable) address = NULL;
  g_autoptr(GSocketAddressEnumerator) plain = NULL;
  g_autoptr(GSocketAddressEnumerator) proxied = NULL;
  g_autoptr(GResolver) resolver = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (types); i++)
    {
      if (G_TYPE_IS_CLASSED (types[i]))
        g_type_class_unref (g_type_class_ref (types[i]));
    }
  client = g_socket_client_new ();
  address = g_network_address_new ("127.0.0.1", 443);
  plain = g_socket_connectable_enumerate (address);
  proxied = g_socket_connectable_proxy_enumerate (address);
  resolver = g_resolver_get_default ();
  (void) g_proxy_resolver_get_default ();
  (void) G_IO_ERROR;
  return NULL;
}

static void
ensure_gio_types (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, init_gio_types, NULL);
}

static LdNetcheckResult *
result_new (const LdNetcheckTarget *target)
{
  LdNetcheckResult *r = g_new0 (LdNetcheckResult, 1);

  r->target = ld_netcheck_target_copy (target);
  r->status = LD_NETCHECK_ERROR;
  /* Where and when: a result is a measurement from this computer, not
   * the user's, and says so. */
  r->measured_from = g_strdup (g_get_host_name ());
  r->measured_at = g_get_real_time ();
  return r;
}

static void
result_set_error (LdNetcheckResult *r,
                  const GError     *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED))
    r->status = LD_NETCHECK_REFUSED;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    r->status = LD_NETCHECK_TIMED_OUT;
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    r->status = LD_NETCHECK_CANCELLED;
  else
    {
      r->status = LD_NETCHECK_ERROR;
      g_free (r->detail);
      r->detail = g_strdup (error->message);
    }
}

static void
check_tcp (LdNetcheckResult *r,
           guint             timeout_ms,
           GCancellable     *cancellable)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnectable) address = g_network_address_new (r->target->host, r->target->port);
  g_autoptr(GSocketConnection) conn = NULL;
  g_autoptr(GError) error = NULL;

  /* GSocketClient counts in whole seconds; round up so a short timeout
   * never becomes "wait forever" (0). */
  g_socket_client_set_timeout (client, MAX (1, (timeout_ms + 999) / 1000));
  conn = g_socket_client_connect (client, address, cancellable, &error);
  if (conn == NULL)
    {
      result_set_error (r, error);
      return;
    }
  r->status = LD_NETCHECK_OPEN;
  g_io_stream_close (G_IO_STREAM (conn), NULL, NULL);
}

static GInetAddress *
resolve_host (const char    *host,
              GCancellable  *cancellable,
              GError       **error)
{
  GInetAddress *addr = g_inet_address_new_from_string (host);
  g_autoptr(GResolver) resolver = NULL;
  GList *list;

  if (addr != NULL)
    return addr;
  resolver = g_resolver_get_default ();
  list = g_resolver_lookup_by_name (resolver, host, cancellable, error);
  if (list == NULL)
    return NULL;
  addr = g_object_ref (list->data);
  g_resolver_free_addresses (list);
  return addr;
}

/* XOR-MAPPED-ADDRESS (RFC 5389 section 15.2) as "ip:port", IPv4 and IPv6. */
static char *
stun_parse_address (const guint8 *value,
                    gsize         len,
                    gboolean      xored,
                    const guint8 *txid)
{
  guint8 raw[16];
  guint16 port;
  gsize alen;
  g_autoptr(GInetAddress) addr = NULL;
  g_autofree char *ip = NULL;

  if (len < 8)
    return NULL;
  alen = value[1] == 0x01 ? 4 : value[1] == 0x02 ? 16 : 0;
  if (alen == 0 || len < 4 + alen)
    return NULL;
  port = (guint16) ((value[2] << 8) | value[3]);
  memcpy (raw, value + 4, alen);
  if (xored)
    {
      guint8 key[16];

      key[0] = (STUN_MAGIC_COOKIE >> 24) & 0xff;
      key[1] = (STUN_MAGIC_COOKIE >> 16) & 0xff;
      key[2] = (STUN_MAGIC_COOKIE >> 8) & 0xff;
      key[3] = STUN_MAGIC_COOKIE & 0xff;
      memcpy (key + 4, txid, 12);
      port ^= (guint16) (STUN_MAGIC_COOKIE >> 16);
      for (gsize i = 0; i < alen; i++)
        raw[i] ^= key[i];
    }
  addr = g_inet_address_new_from_bytes (raw, alen == 4 ? G_SOCKET_FAMILY_IPV4 : G_SOCKET_FAMILY_IPV6);
  ip = g_inet_address_to_string (addr);
  return g_strdup_printf (alen == 4 ? "%s:%u" : "[%s]:%u", ip, port);
}

typedef enum
{
  STUN_REPLY_IGNORE,   /* not for us: keep waiting */
  STUN_REPLY_SUCCESS,
  STUN_REPLY_ERROR,
} StunReply;

static StunReply
stun_parse_reply (const guint8  *buf,
                  gsize          len,
                  const guint8  *txid,
                  char         **out_detail)
{
  guint16 type, mlen;
  guint32 cookie;
  gsize pos;
  g_autofree char *mapped = NULL;
  int error_code = -1;

  if (len < STUN_HEADER_LEN || (buf[0] & 0xc0) != 0)
    return STUN_REPLY_IGNORE;
  type = (guint16) ((buf[0] << 8) | buf[1]);
  mlen = (guint16) ((buf[2] << 8) | buf[3]);
  cookie = ((guint32) buf[4] << 24) | ((guint32) buf[5] << 16) | ((guint32) buf[6] << 8) | buf[7];
  if (cookie != STUN_MAGIC_COOKIE || memcmp (buf + 8, txid, 12) != 0)
    return STUN_REPLY_IGNORE;
  if (type != STUN_BINDING_SUCCESS && type != STUN_BINDING_ERROR)
    return STUN_REPLY_IGNORE;

  /* Attributes are TLV, padded to 4 bytes (RFC 5389 section 15). */
  pos = STUN_HEADER_LEN;
  while (pos + 4 <= len && pos + 4 <= (gsize) STUN_HEADER_LEN + mlen)
    {
      guint16 atype = (guint16) ((buf[pos] << 8) | buf[pos + 1]);
      guint16 alen = (guint16) ((buf[pos + 2] << 8) | buf[pos + 3]);
      const guint8 *value = buf + pos + 4;

      if (pos + 4 + alen > len)
        break;
      if (atype == STUN_ATTR_XOR_MAPPED && mapped == NULL)
        mapped = stun_parse_address (value, alen, TRUE, txid);
      else if (atype == STUN_ATTR_MAPPED_ADDRESS && mapped == NULL)
        mapped = stun_parse_address (value, alen, FALSE, txid);
      else if (atype == STUN_ATTR_ERROR_CODE && alen >= 4)
        error_code = (value[2] & 0x7) * 100 + value[3];
      pos += 4 + ((alen + 3u) & ~3u);
    }

  if (type == STUN_BINDING_ERROR)
    {
      *out_detail = g_strdup_printf (_("the server answered with a STUN error response (%d)"), error_code);
      return STUN_REPLY_ERROR;
    }
  if (mapped != NULL)
    *out_detail = g_strdup_printf (_("this computer is seen as %s"), mapped);
  return STUN_REPLY_SUCCESS;
}

static void
check_stun (LdNetcheckResult *r,
            guint             timeout_ms,
            GCancellable     *cancellable)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GInetAddress) addr = NULL;
  g_autoptr(GSocketAddress) peer = NULL;
  g_autoptr(GSocket) sock = NULL;
  guint8 request[STUN_HEADER_LEN];
  guint8 txid[12];
  gint64 deadline;
  gint64 next_send;
  guint rto = STUN_INITIAL_RTO_MS;

  addr = resolve_host (r->target->host, cancellable, &error);
  if (addr == NULL)
    {
      result_set_error (r, error);
      return;
    }
  peer = g_inet_socket_address_new (addr, r->target->port);
  sock = g_socket_new (g_inet_address_get_family (addr), G_SOCKET_TYPE_DATAGRAM,
                       G_SOCKET_PROTOCOL_UDP, &error);
  /* A connected UDP socket gets ICMP port-unreachable back as
   * ECONNREFUSED, which tells "nothing listens" from "dropped". */
  if (sock == NULL || !g_socket_connect (sock, peer, cancellable, &error))
    {
      result_set_error (r, error);
      return;
    }
  g_socket_set_blocking (sock, FALSE);

  for (guint i = 0; i < 12; i++)
    txid[i] = (guint8) g_random_int_range (0, 256);
  request[0] = STUN_BINDING_REQUEST >> 8;
  request[1] = STUN_BINDING_REQUEST & 0xff;
  request[2] = 0;
  request[3] = 0;
  request[4] = (STUN_MAGIC_COOKIE >> 24) & 0xff;
  request[5] = (STUN_MAGIC_COOKIE >> 16) & 0xff;
  request[6] = (STUN_MAGIC_COOKIE >> 8) & 0xff;
  request[7] = STUN_MAGIC_COOKIE & 0xff;
  memcpy (request + 8, txid, 12);

  deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  next_send = 0;
  for (;;)
    {
      gint64 now = g_get_monotonic_time ();
      gint64 wait;
      guint8 buf[1500];
      gssize n;

      if (now >= deadline)
        {
          r->status = LD_NETCHECK_TIMED_OUT;
          return;
        }
      if (now >= next_send)
        {
          if (g_socket_send (sock, (const char *) request, sizeof request, cancellable, &error) < 0)
            {
              result_set_error (r, error);
              return;
            }
          next_send = now + (gint64) rto * 1000;
          rto *= 2;
        }
      wait = MIN (deadline, next_send) - now;
      if (!g_socket_condition_timed_wait (sock, G_IO_IN, MAX (wait, 1), cancellable, &error))
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
            {
              g_clear_error (&error);
              continue;
            }
          result_set_error (r, error);
          return;
        }
      n = g_socket_receive (sock, (char *) buf, sizeof buf, cancellable, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_clear_error (&error);
              continue;
            }
          result_set_error (r, error);
          return;
        }
      switch (stun_parse_reply (buf, (gsize) n, txid, &r->detail))
        {
        case STUN_REPLY_SUCCESS:
          r->status = LD_NETCHECK_OPEN;
          return;
        case STUN_REPLY_ERROR:
          r->status = LD_NETCHECK_ERROR;
          return;
        case STUN_REPLY_IGNORE:
        default:
          break;
        }
    }
}

/**
 * ld_netcheck_check_one:
 * @target: what to test
 * @timeout_ms: how long to wait for an answer
 * @cancellable: (nullable)
 *
 * Blocks; run it in a thread.
 *
 * Returns: (transfer full): the result, never %NULL.
 */
LdNetcheckResult *
ld_netcheck_check_one (const LdNetcheckTarget *target,
                       guint                   timeout_ms,
                       GCancellable           *cancellable)
{
  LdNetcheckResult *r;
  gint64 start;

  ensure_gio_types ();
  r = result_new (target);
  start = g_get_monotonic_time ();

  if (timeout_ms == 0)
    timeout_ms = LD_NETCHECK_DEFAULT_TIMEOUT_MS;
  if (target->protocol == LD_NETCHECK_TCP)
    check_tcp (r, timeout_ms, cancellable);
  else
    check_stun (r, timeout_ms, cancellable);
  r->elapsed_ms = (g_get_monotonic_time () - start) / 1000;
  return r;
}

/* Running them all ------------------------------------------------------- */

typedef struct
{
  GPtrArray            *targets;  /* LdNetcheckTarget */
  GPtrArray            *results;  /* LdNetcheckResult, slot per target */
  guint                 timeout_ms;
  guint                 pending;
  LdNetcheckResultFunc  func;
  gpointer              func_data;
} RunData;

static void
run_data_free (RunData *data)
{
  g_ptr_array_unref (data->targets);
  g_ptr_array_unref (data->results);
  g_free (data);
}

typedef struct
{
  LdNetcheckTarget *target;
  guint             timeout_ms;
  guint             index;
} OneData;

static void
one_data_free (OneData *data)
{
  ld_netcheck_target_free (data->target);
  g_free (data);
}

static void
one_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  OneData *data = task_data;

  g_task_return_pointer (task, ld_netcheck_check_one (data->target, data->timeout_ms, cancellable),
                         (GDestroyNotify) ld_netcheck_result_free);
}

static void
one_done (GObject      *source,
          GAsyncResult *res,
          gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  RunData *data = g_task_get_task_data (outer);
  OneData *one = g_task_get_task_data (G_TASK (res));
  LdNetcheckResult *r = g_task_propagate_pointer (G_TASK (res), NULL);

  if (r == NULL)
    {
      r = result_new (one->target);
      r->status = LD_NETCHECK_CANCELLED;
    }
  g_ptr_array_index (data->results, one->index) = r;
  if (data->func != NULL)
    data->func (r, data->func_data);
  if (--data->pending == 0)
    {
      if (!g_task_return_error_if_cancelled (outer))
        g_task_return_pointer (outer, g_ptr_array_ref (data->results), (GDestroyNotify) g_ptr_array_unref);
    }
}

/**
 * ld_netcheck_run_async:
 * @targets: (element-type LdNetcheckTarget): what to test; copied
 * @timeout_ms: per target; 0 for %LD_NETCHECK_DEFAULT_TIMEOUT_MS
 * @result_func: (nullable): called as each target finishes
 * @cancellable: (nullable)
 *
 * Tests every target at the same time, each in a worker thread, so the
 * whole check takes about one timeout.
 */
void
ld_netcheck_run_async (GPtrArray            *targets,
                       guint                 timeout_ms,
                       LdNetcheckResultFunc  result_func,
                       gpointer              result_data,
                       GCancellable         *cancellable,
                       GAsyncReadyCallback   callback,
                       gpointer              user_data)
{
  g_autoptr(GTask) outer = g_task_new (NULL, cancellable, callback, user_data);
  RunData *data = g_new0 (RunData, 1);

  /* Here, in the caller's thread, before the workers start. */
  ensure_gio_types ();
  g_task_set_source_tag (outer, ld_netcheck_run_async);
  data->targets = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_target_free);
  for (guint i = 0; targets != NULL && i < targets->len; i++)
    g_ptr_array_add (data->targets, ld_netcheck_target_copy (g_ptr_array_index (targets, i)));
  data->results = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_result_free);
  g_ptr_array_set_size (data->results, data->targets->len);
  data->timeout_ms = timeout_ms ? timeout_ms : LD_NETCHECK_DEFAULT_TIMEOUT_MS;
  data->pending = data->targets->len;
  data->func = result_func;
  data->func_data = result_data;
  g_task_set_task_data (outer, data, (GDestroyNotify) run_data_free);

  if (data->pending == 0)
    {
      g_task_return_pointer (outer, g_ptr_array_ref (data->results), (GDestroyNotify) g_ptr_array_unref);
      return;
    }
  for (guint i = 0; i < data->targets->len; i++)
    {
      g_autoptr(GTask) task = g_task_new (NULL, cancellable, one_done, g_object_ref (outer));
      OneData *one = g_new0 (OneData, 1);

      one->target = ld_netcheck_target_copy (g_ptr_array_index (data->targets, i));
      one->timeout_ms = data->timeout_ms;
      one->index = i;
      g_task_set_task_data (task, one, (GDestroyNotify) one_data_free);
      /* The result says "cancelled" per target; do not let GTask drop it. */
      g_task_set_check_cancellable (task, FALSE);
      g_task_run_in_thread (task, one_thread);
    }
}

/**
 * ld_netcheck_run_finish:
 *
 * Returns: (transfer full) (element-type LdNetcheckResult): one result per
 *   target, in the order of the targets; %NULL with @error when cancelled.
 */
GPtrArray *
ld_netcheck_run_finish (GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
run_sync_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (res);
}

/**
 * ld_netcheck_run:
 *
 * The blocking form of ld_netcheck_run_async(), for the command line.
 *
 * Returns: (transfer full) (element-type LdNetcheckResult): one result per target.
 */
GPtrArray *
ld_netcheck_run (GPtrArray    *targets,
                 guint         timeout_ms,
                 GCancellable *cancellable)
{
  g_autoptr(GMainContext) ctx = g_main_context_new ();
  g_autoptr(GAsyncResult) res = NULL;
  GPtrArray *results;

  g_main_context_push_thread_default (ctx);
  ld_netcheck_run_async (targets, timeout_ms, NULL, NULL, cancellable, run_sync_done, &res);
  while (res == NULL)
    g_main_context_iteration (ctx, TRUE);
  g_main_context_pop_thread_default (ctx);
  results = ld_netcheck_run_finish (res, NULL);
  if (results == NULL)
    results = g_ptr_array_new_with_free_func ((GDestroyNotify) ld_netcheck_result_free);
  return results;
}
