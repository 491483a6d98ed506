/* ld-ice-warn.c - ICEWarn / IceWarningFlags bit masks in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-diagnostic"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "ld-diagnostic.h"

typedef struct
{
  guint32 bit;
  const char *name;
  const char *meaning;
  const char *advice;
  gboolean expected;
  const char *cause;  /* the cause a failed call with this bit points to (ld-causes.c), or NULL */
} IceRow;

/* ICEWarn= in CallerMediaDebug / CalleeMediaDebug: Lync Server 2010 Resource
 * Kit ch. 9, "ICE protocol warnings".
 *
 * Symbolic names: the Edge/ORTC MSIceWarningFlags dictionary lists its 22
 * names in exactly the Resource Kit's bit order, skipping only the bandwidth
 * policy and HTTP proxy rows, so the names are matched to bits by that order
 * (an inference, not a published mapping).  Rows it skips have no published
 * name and keep name = NULL; `known` says whether a bit is understood.
 *
 * `expected` follows the Resource Kit wording: TRUE where it calls the flag
 * expected (0x100, 0x200, 0x100000) or purely informational (0x1000, 0x10000,
 * 0x20000, 0x1000000).  0x200 is "expected if local connectivity worked or one
 * side had no relay"; it is set on almost every call between a remote and an
 * internal user, so flagging it as a fault would cry wolf.  0x2/0x4 ("may be
 * expected behind a firewall that blocks UDP") and 0x20 stay FALSE: they only
 * hold in one particular network layout and name a real restriction an admin
 * wants to see. */
static const IceRow reskit_rows[] = {
  { .bit = LD_ICE_TURN_UNREACHABLE, .name = "turnTcpTimedOut",
    .meaning = N_("The TURN server (the media relay on the A/V Edge server) could not be reached"),
    .advice = N_("Not expected. Open TCP 443 and UDP 3478 from the client to the A/V Edge server and check that the Edge media relay service is running."),
    .expected = FALSE, .cause = "turn-unreachable" },
  { .bit = LD_ICE_TURN_UDP_ALLOCATE, .name = "turnUdpAllocateFailed",
    .meaning = N_("Reserving a UDP relay port on the TURN server failed"),
    .advice = N_("Can be expected when a firewall blocks UDP. Otherwise check that UDP 3478 to the A/V Edge server is open."),
    .expected = FALSE, .cause = "udp-blocked" },
  { .bit = LD_ICE_TURN_UDP_SEND, .name = "turnUdpSendFailed",
    .meaning = N_("Sending UDP to the TURN server failed"),
    .advice = N_("Can be expected when a firewall blocks UDP. Otherwise check that UDP 3478 to the A/V Edge server is open."),
    .expected = FALSE, .cause = "udp-blocked" },
  { .bit = LD_ICE_TURN_TCP_ALLOCATE, .name = "turnTcpAllocateFailed",
    .meaning = N_("Reserving a TCP relay port on the TURN server failed"),
    .advice = N_("Not expected. Check the firewall and that the A/V Edge server is reachable on TCP 443. An HTTP proxy must not interfere with the TLS connection to the Edge."),
    .expected = FALSE, .cause = "ports-blocked" },
  { .bit = LD_ICE_TURN_TCP_SEND, .name = "turnTcpSendFailed",
    .meaning = N_("Sending over TCP to the TURN server failed"),
    .advice = N_("Not expected. Same checks as for 0x8; often caused by an HTTP proxy on the remote user's side."),
    .expected = FALSE, .cause = "ports-blocked" },
  { .bit = LD_ICE_LOCAL_FAILED, .name = "udpLocalConnectivityFailed",
    .meaning = N_("Local connectivity failed: the two computers could not connect directly (UDP for audio/video, TCP for sharing and file transfer)"),
    .advice = N_("A direct connection is impossible, usually because of NAT or a firewall between the two computers. The media then has to go through the Edge relay."),
    .expected = FALSE },
  { .bit = LD_ICE_UDP_NAT_FAILED, .name = "udpNatConnectivityFailed",
    .meaning = N_("UDP NAT connectivity failed: connecting through the public (NAT) address over UDP did not work"),
    .advice = N_("A NAT device or firewall is in the way. The call can still work through the Edge relay."),
    .expected = FALSE },
  { .bit = LD_ICE_UDP_RELAY_FAILED, .name = "udpRelayConnectivityFailed",
    .meaning = N_("UDP TURN server connectivity failed: connecting over UDP through the media relay did not work"),
    .advice = N_("One side is behind a firewall or HTTP proxy that blocks UDP. Open UDP 3478 and UDP 50000-59999 to the A/V Edge server if UDP media is wanted."),
    .expected = FALSE, .cause = "udp-blocked" },
  { .bit = LD_ICE_TCP_NAT_FAILED, .name = "tcpNatConnectivityFailed",
    .meaning = N_("TCP NAT connectivity failed"),
    .advice = N_("Usually expected: the check is skipped when a direct connection already worked, or no direct TCP path exists. On its own this is not a problem."),
    .expected = TRUE },
  { .bit = LD_ICE_TCP_RELAY_FAILED, .name = "tcpRelayConnectivityFailed",
    .meaning = N_("TCP TURN server connectivity failed"),
    .advice = N_("Expected when the direct connection worked or one side had no relay allocation. If the call failed, find out why the TCP path to the Edge (TCP 443, TCP 50000-59999) was blocked."),
    .expected = TRUE },
  { .bit = LD_ICE_CHECK_INTEGRITY, .name = "connCheckMessageIntegrityFailed",
    .meaning = N_("Message integrity check failed on a connectivity check request"),
    .advice = N_("Not expected. Something changed the traffic on the way (a faulty device or an attack)."),
    .expected = FALSE },
  /* 0x800 is missing from every copy of the Resource Kit table read.  Its
   * neighbour 0x400 is the request-side integrity check, and the ORTC name at
   * this position is allocationMessageIntegrityFailed, so this meaning is
   * INFERRED and says so to the reader. */
  { .bit = LD_ICE_ALLOCATE_INTEGRITY, .name = "allocationMessageIntegrityFailed",
    .meaning = N_("Message integrity check failed on a reply (inferred meaning: this bit is not in the Resource Kit table)"),
    .advice = N_("Not expected. Treat it like 0x400: something changed the traffic on the way."),
    .expected = FALSE },
  { .bit = LD_ICE_BW_POLICY_CONFIGURED, .name = NULL,
    .meaning = N_("A bandwidth policy server is configured"),
    .advice = N_("Informational. If the call failed, the bandwidth allowed on that network link may be too low."),
    .expected = TRUE, .cause = "bandwidth-policy" },
  { .bit = LD_ICE_CHECK_SEND_FAILED, .name = "connCheckOtherError",
    .meaning = N_("A connectivity check could not be sent (out of memory or another send problem)"),
    .advice = N_("Not expected. The computer may be overloaded."),
    .expected = FALSE },
  { .bit = LD_ICE_TURN_CREDENTIALS, .name = "turnAuthUnknownUsernameError",
    .meaning = N_("The TURN server did not accept the credentials (expired or unknown)"),
    .advice = N_("Not expected. The A/V authentication service on the Edge server may be down or unreachable."),
    .expected = FALSE, .cause = "turn-credentials" },
  { .bit = LD_ICE_BW_CANDIDATES_REMOVED, .name = NULL,
    .meaning = N_("The bandwidth policy removed some connection candidates"),
    .advice = N_("If the connection failed, the bandwidth policy network layout may be wrong, or there are NAT devices inside the company network."),
    .expected = FALSE, .cause = "bandwidth-policy" },
  { .bit = LD_ICE_BW_LOWERED, .name = NULL,
    .meaning = N_("The bandwidth policy lowered the bandwidth of the call"),
    .advice = N_("Informational. The call may use a narrow-band codec or no HD video."),
    .expected = TRUE, .cause = "bandwidth-policy" },
  { .bit = LD_ICE_BW_KEEPALIVE_FAILED, .name = NULL,
    .meaning = N_("Keep-alive with the bandwidth policy server failed"),
    .advice = N_("Informational. The policy server or the TURN server may have failed."),
    .expected = TRUE, .cause = "bandwidth-policy" },
  { .bit = LD_ICE_BW_ALLOCATION_FAILED, .name = NULL,
    .meaning = N_("Bandwidth policy allocation failed"),
    .advice = N_("The policy server refused the relay-to-relay path. Check the bandwidth policy for this network link."),
    .expected = FALSE, .cause = "bandwidth-policy" },
  { .bit = LD_ICE_NO_TURN_SERVER, .name = "noRelayServersConfigured",
    .meaning = N_("No TURN server (media relay) is configured"),
    .advice = N_("The client has no A/V Edge server to use, or DNS could not resolve it. Calls with people outside the company network will fail."),
    .expected = FALSE, .cause = "no-turn-server" },
  { .bit = LD_ICE_MULTIPLE_TURN_SERVERS, .name = "multipleRelayServersAttempted",
    .meaning = N_("More than one TURN server was tried"),
    .advice = N_("Expected when several Edge servers share the load through DNS."),
    .expected = TRUE },
  { .bit = LD_ICE_PORT_RANGE_EXHAUSTED, .name = "portRangeExhausted",
    .meaning = N_("No free port was left in the allowed port range"),
    .advice = N_("The port range an admin allowed is too small: audio/video needs at least 20 ports per call, sharing and file transfer at least 3."),
    .expected = FALSE, .cause = "port-range-exhausted" },
  { .bit = LD_ICE_ALTERNATE_SERVER, .name = "alternateServerReceived",
    .meaning = N_("The TURN server sent the client to another server"),
    .advice = N_("The Edge server may be overloaded or refusing connections."),
    .expected = FALSE },
  { .bit = LD_ICE_PSEUDO_TLS_FAILED, .name = "pseudoTLSFailure",
    .meaning = N_("The pseudo-TLS connection to the TURN server failed"),
    .advice = N_("An HTTP proxy or firewall probably inspects (decrypts) the TLS traffic to the Edge, which is not supported. Exempt the Edge server from SSL inspection."),
    .expected = FALSE, .cause = "proxy-tls-inspection" },
  { .bit = LD_ICE_HTTP_PROXY, .name = NULL,
    .meaning = N_("An HTTP proxy is configured"),
    .advice = N_("Informational."),
    .expected = TRUE },
  { .bit = LD_ICE_PROXY_AUTH_FAILED, .name = NULL,
    .meaning = N_("The HTTP proxy rejected the authentication"),
    .advice = N_("The proxy refused the credentials or the authentication method. Let the traffic to the Edge server pass without proxy authentication."),
    .expected = FALSE, .cause = "proxy-auth-failed" },
  { .bit = LD_ICE_TURN_TCP_TCP_FAILED, .name = "turnTurnTcpConnectivityFailed",
    .meaning = N_("TCP-TCP connectivity checks over the TURN server failed"),
    .advice = N_("TCP port 443 to the Edge is not open. If a 2007 A/V Edge server is involved, also open TCP 50000-59999 to all external A/V Edge servers."),
    .expected = FALSE, .cause = "ports-blocked" },
  { .bit = LD_ICE_USE_CANDIDATE_FAILED, .name = "useCandidateChecksFailed",
    .meaning = N_("Use-candidate checks failed: media stops after the first few packets"),
    .advice = N_("Usually caused by third-party Winsock layered service providers (LSPs), often installed by antivirus or VPN software. Remove them."),
    .expected = FALSE, .cause = "winsock-lsp" },
};

/* <IceWarningFlags> in a QoE VQReportEvent: [MS-QoE] 2.2.1.7.1.  The same
 * number means something else here than in ICEWarn=.  Our copy of the table
 * ends at 0x8000000; higher bits are reported as unknown.  Names only where
 * the MSIceWarningFlags name clearly matches the row text.  `expected` is set
 * for the TCP NAT and TCP TURN checks by analogy with ResKit 0x100 / 0x200,
 * which describe the same checks. */
static const IceRow qoe_rows[] = {
  { .bit = 0x10, .name = NULL,
    .meaning = N_("The TURN server (media relay on the A/V Edge server) could not be reached"),
    .advice = N_("Open TCP 443 and UDP 3478 from the client to the A/V Edge server and check that the Edge is running."),
    .expected = FALSE },
  { .bit = 0x20, .name = NULL,
    .meaning = N_("Getting the shared secret (credentials) from the TURN server failed"),
    .advice = N_("The A/V authentication service on the Edge server may be down or unreachable."),
    .expected = FALSE },
  { .bit = 0x40, .name = "turnUdpAllocateFailed",
    .meaning = N_("Reserving a UDP relay port on the TURN server failed"),
    .advice = N_("Can be expected when a firewall blocks UDP. Otherwise check UDP 3478 to the A/V Edge server."),
    .expected = FALSE },
  { .bit = 0x200, .name = "turnTcpAllocateFailed",
    .meaning = N_("Reserving a TCP relay port on the TURN server failed"),
    .advice = N_("Check the firewall and that the A/V Edge server is reachable on TCP 443."),
    .expected = FALSE },
  { .bit = 0x4000, .name = "udpLocalConnectivityFailed",
    .meaning = N_("UDP local connectivity failed: the two computers could not connect directly"),
    .advice = N_("Usually NAT or a firewall between the two computers; the media then has to go through the Edge relay."),
    .expected = FALSE },
  { .bit = 0x8000, .name = "udpNatConnectivityFailed",
    .meaning = N_("UDP NAT connectivity failed"),
    .advice = N_("A NAT device or firewall is in the way. The call can still work through the Edge relay."),
    .expected = FALSE },
  { .bit = 0x10000, .name = "udpRelayConnectivityFailed",
    .meaning = N_("UDP TURN server connectivity failed"),
    .advice = N_("One side is behind a firewall or HTTP proxy that blocks UDP."),
    .expected = FALSE },
  { .bit = 0x40000, .name = "tcpNatConnectivityFailed",
    .meaning = N_("TCP NAT connectivity failed"),
    .advice = N_("Usually expected when a direct connection already worked or no direct TCP path exists."),
    .expected = TRUE },
  { .bit = 0x80000, .name = "tcpRelayConnectivityFailed",
    .meaning = N_("TCP TURN server connectivity failed"),
    .advice = N_("Expected when the direct connection worked. If the call failed, find out why the TCP path to the Edge was blocked."),
    .expected = TRUE },
  { .bit = 0x100000, .name = "connCheckMessageIntegrityFailed",
    .meaning = N_("Message integrity check failed on a connectivity check request"),
    .advice = N_("Not expected. Something changed the traffic on the way."),
    .expected = FALSE },
  { .bit = 0x200000, .name = NULL,
    .meaning = N_("Message integrity check failed on a connectivity check response"),
    .advice = N_("Not expected. Something changed the traffic on the way."),
    .expected = FALSE },
  { .bit = 0x400000, .name = NULL,
    .meaning = N_("Candidate lookup failed when a connectivity check request arrived"),
    .advice = NULL,
    .expected = FALSE },
  { .bit = 0x800000, .name = NULL,
    .meaning = N_("Candidate lookup failed when a connectivity check response arrived"),
    .advice = NULL,
    .expected = FALSE },
  { .bit = 0x1000000, .name = NULL,
    .meaning = N_("A connectivity check request failed (out of memory or another problem)"),
    .advice = N_("The computer may be overloaded."),
    .expected = FALSE },
  { .bit = 0x2000000, .name = NULL,
    .meaning = N_("A connectivity check response failed (out of memory or another problem)"),
    .advice = N_("The computer may be overloaded."),
    .expected = FALSE },
  { .bit = 0x4000000, .name = NULL,
    .meaning = N_("The TURN server name could not be resolved in DNS"),
    .advice = N_("Check the DNS records of the A/V Edge server and the client's DNS settings."),
    .expected = FALSE },
  { .bit = 0x8000000, .name = "turnAuthUnknownUsernameError",
    .meaning = N_("The TURN server credentials are unknown"),
    .advice = N_("The A/V authentication service on the Edge server may be down or unreachable."),
    .expected = FALSE },
};

static const IceRow *
find_row (LdIceTable table,
          guint32    bit)
{
  const IceRow *rows = table == LD_ICE_TABLE_QOE ? qoe_rows : reskit_rows;
  gsize n = table == LD_ICE_TABLE_QOE ? G_N_ELEMENTS (qoe_rows) : G_N_ELEMENTS (reskit_rows);

  for (gsize i = 0; i < n; i++)
    if (rows[i].bit == bit)
      return &rows[i];

  return NULL;
}

/**
 * ld_ice_warn_parse:
 * @text: an ICEWarn value such as "0x4000320", "0X4000320" or "4000320"
 * @out_value: (out): the bit mask
 *
 * The client always writes ICEWarn in hexadecimal, so digits without a
 * "0x" prefix are read as hexadecimal too.  Surrounding white space is
 * ignored; anything else that is not a hex digit makes the value invalid.
 *
 * Returns: %TRUE if @text holds a 32-bit hexadecimal number
 */
gboolean
ld_ice_warn_parse (const char *text,
                   guint32    *out_value)
{
  const char *p;
  guint64 value = 0;
  gboolean any = FALSE;

  if (out_value != NULL)
    *out_value = 0;

  if (text == NULL)
    return FALSE;

  p = text;
  while (g_ascii_isspace (*p))
    p++;

  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
    p += 2;

  for (; g_ascii_isxdigit (*p); p++)
    {
      value = (value << 4) | (guint64) g_ascii_xdigit_value (*p);
      if (value > G_MAXUINT32)
        return FALSE;
      any = TRUE;
    }

  while (g_ascii_isspace (*p))
    p++;

  if (!any || *p != '\0')
    return FALSE;

  if (out_value != NULL)
    *out_value = (guint32) value;

  return TRUE;
}

/**
 * ld_ice_warn_decode:
 * @table: which table the value came from (ICEWarn= or QoE IceWarningFlags)
 * @value: the bit mask
 * @out_bits: (out caller-allocates) (array fixed-size=32): one entry per set bit
 *
 * Splits @value into its bits, highest first.  Bits the table does not list
 * are still reported (known = %FALSE) so no information is dropped.  The
 * meaning and advice strings are untranslated; pass them through _().
 *
 * Returns: the number of entries written (0 when @value is 0)
 */
guint
ld_ice_warn_decode (LdIceTable table,
                    guint32    value,
                    LdIceBit   out_bits[32])
{
  guint n = 0;

  g_return_val_if_fail (out_bits != NULL, 0);

  for (int i = 31; i >= 0; i--)
    {
      guint32 bit = (guint32) 1 << i;
      const IceRow *row;
      LdIceBit *b;

      if ((value & bit) == 0)
        continue;

      b = &out_bits[n++];
      memset (b, 0, sizeof *b);
      b->bit = bit;

      row = find_row (table, bit);
      if (row != NULL)
        {
          b->name = row->name;
          b->meaning = row->meaning;
          b->advice = row->advice;
          b->expected = row->expected;
          b->cause = row->cause;
          b->known = TRUE;
        }
      else
        {
          b->name = NULL;
          b->meaning = table == LD_ICE_TABLE_QOE
            ? N_("Unknown flag (not in the [MS-QoE] IceWarningFlags table)")
            : N_("Unknown flag (not in the Resource Kit table)");
          b->advice = N_("LyncDiag does not know what this bit means. Keep the whole value when asking for help.");
          b->expected = FALSE;
          b->known = FALSE;
        }
    }

  return n;
}

/**
 * ld_ice_warn_get_cause_bits:
 * @table: a table
 * @cause: a cause id (ld-causes.c)
 *
 * The rules that are "an ICE bit -> a cause" take their bits from here, so
 * the table and the rules cannot disagree on what a bit points to.
 *
 * Returns: every bit of @table whose row points to @cause
 */
guint32
ld_ice_warn_get_cause_bits (LdIceTable  table,
                            const char *cause)
{
  const IceRow *rows = table == LD_ICE_TABLE_QOE ? qoe_rows : reskit_rows;
  gsize n = table == LD_ICE_TABLE_QOE ? G_N_ELEMENTS (qoe_rows) : G_N_ELEMENTS (reskit_rows);
  guint32 bits = 0;

  for (gsize i = 0; i < n; i++)
    if (rows[i].cause != NULL && g_strcmp0 (rows[i].cause, cause) == 0)
      bits |= rows[i].bit;
  return bits;
}

/**
 * ld_ice_warn_dup_sum:
 * @value: an ICE warning bit mask
 *
 * Writes @value as the sum of its bits, highest first, the way admins
 * write it: "0x4000000 + 0x200 + 0x100 + 0x20".  "0x0" for 0.
 *
 * Returns: (transfer full): a new string
 */
char *
ld_ice_warn_dup_sum (guint32 value)
{
  GString *s = g_string_new (NULL);

  if (value == 0)
    return g_string_free (g_string_append (s, "0x0"), FALSE);

  for (int i = 31; i >= 0; i--)
    {
      guint32 bit = (guint32) 1 << i;

      if ((value & bit) == 0)
        continue;
      if (s->len > 0)
        g_string_append (s, " + ");
      g_string_append_printf (s, "0x%" G_GINT32_MODIFIER "x", bit);
    }

  return g_string_free (s, FALSE);
}

/**
 * ld_ice_table_to_string:
 * @table: a table
 *
 * Returns: untranslated (N_) name of the table the bits were read with
 */
const char *
ld_ice_table_to_string (LdIceTable table)
{
  switch (table)
    {
    case LD_ICE_TABLE_QOE:
      return N_("[MS-QoE] IceWarningFlags table");
    case LD_ICE_TABLE_RESKIT:
    default:
      return N_("Lync Server 2010 Resource Kit ICE warning table");
    }
}
