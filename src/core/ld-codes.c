/* ld-codes.c - ms-diagnostics and ms-client-diagnostics codes in plain words
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-diagnostic"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ld-diagnostic.h"

/* Codes written by the Lync / Skype for Business CLIENT in
 * ms-client-diagnostics.  [MS-OCER] has no table for these; the reasons are
 * as seen in field logs (Microsoft KB 2386684, msxfaq, pareshj, ucsorted,
 * pidgin-sipe comments).  Sorted by code. */
static const LdCodeInfo client_codes[] = {
  /* UNVERIFIED: 21 was not seen in any source read.  It sits next to the
   * media connectivity family 22-25, so it is described as one of them
   * without claiming which network situation it stands for. */
  { 21, "Call failed to establish due to a media connectivity failure",
    N_("The call could not connect its media (audio, video or sharing). The exact situation behind code 21 is not documented in the sources LyncDiag was built from; read the ICE warnings to see which path failed."),
    FALSE },
  { 22, "Call failed to establish due to a media connectivity failure when both endpoints are internal",
    N_("The call could not connect its media although both computers were inside the company network. Something between them (a firewall, or a NAT device that rewrites addresses) blocks the direct path."),
    FALSE },
  { 23, "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote",
    N_("The call could not connect its media: one computer was inside the company network and the other outside. The media must pass through the Edge server; usually TCP 443 or TCP/UDP 50000-59999 to the A/V Edge (or to meet.lync.com for Lync Online) is blocked, or the two users are on Edge servers that cannot reach each other."),
    FALSE },
  { 24, "Call failed to establish due to a media connectivity failure when both endpoints are remote",
    N_("The call could not connect its media: both computers were outside the company network. Both must reach the Edge server; usually a firewall, proxy or antivirus on one side blocks TCP media to the Edge."),
    FALSE },
  { 25, "A federated call failed to establish due to a media connectivity failure where both endpoints are internal",
    N_("A call with another organisation (federation) could not connect its media although both computers were inside their own networks. Usually one side cannot use its A/V Edge server, or the two Edge servers cannot reach each other."),
    FALSE },
  { 51004, "Action initiated by user",
    N_("The user ended the call or conversation. This is not an error; any media details sent with it still show how the connection went."),
    TRUE },
  { 51007, "Callee media connectivity diagnosis info",
    N_("The answering client reports how its media connection was set up (sent in the 200 OK). This is information, not an error."),
    TRUE },
  { 52017, "Encryption levels dont match",
    N_("The two sides require different media encryption levels (for example one requires encryption and the other does not support it). Check the encryption level policy on both sides."),
    FALSE },
  { 52035, "This client has an IM session with the same conversation ID",
    N_("The client already has an instant-message session with the same conversation ID, so it refused the new one."),
    FALSE },
};

/* Codes written by SERVERS in ms-diagnostics / ms-diagnostics-public:
 * [MS-OCER] 7.2 and 8.2 (SIP stack), 7.4 / 8.4 (conferencing), 8.5 (user
 * services), 8.6 (API applications), 8.16 (client version filter), 9.2.2
 * (code 4), plus field samples.  Sorted by code. */
static const LdCodeInfo server_codes[] = {
  { 4, "Insufficient bandwidth to establish session. Do not attempt re-route.",
    N_("Call admission control refused the session: the network link does not allow enough bandwidth for it. In a meeting the user sees that the network is busy."),
    FALSE },
  { 1000, "Final handshake failed.",
    N_("The last step of setting up the secure (TLS) connection between servers failed."),
    FALSE },
  { 1001, "From URI not authorized to communicate with public IM providers.",
    N_("The sender is not allowed to talk to public IM providers. Check the user's external access policy."),
    FALSE },
  { 1002, "From URI not authorized to communicate with federated partners.",
    N_("The sender is not allowed to talk to federated organisations. Check the user's external access policy."),
    FALSE },
  { 1003, "User does not exist.",
    N_("The address that was called does not exist on the server."),
    FALSE },
  { 1004, "Route set is no longer valid.",
    N_("The path the conversation was using is no longer valid, often after a server or connection restart. Start the call again."),
    FALSE },
  { 1005, "Cannot route to destination domain.",
    N_("The server does not know how to reach the target domain. Check federation, DNS and routing settings."),
    FALSE },
  { 1006, "Error routing on client connection.",
    N_("The server could not deliver the message over its connection to the client; the client may have disconnected."),
    FALSE },
  { 1007, "Temporarily cannot route.",
    N_("The server could not forward the message at that moment (the next server was busy or unreachable). If it keeps happening, check the next server."),
    FALSE },
  { 1008, "Unable to resolve DNS SRV record.",
    N_("The DNS lookup of the SIP service (SRV) record of the target domain failed. Check the partner domain's DNS records."),
    FALSE },
  { 1009, "Conflicting SRV and host domains in DNS.",
    N_("The DNS SRV record of the target domain points to a server whose name is in another domain. The partner must publish an SRV record whose host name is in the same domain, or be set up as an allowed domain with an explicit Edge server name."),
    FALSE },
  { 1010, "Certificate trust with next-hop server could not be established.",
    N_("The secure connection to the next server failed: its certificate is not trusted or does not contain the server name that was expected. Check the certificate's subject names (SAN) and its issuing authority."),
    FALSE },
  { 1011, "ms-diagnostics header not provided by previous hop.",
    N_("The previous server did not say why the request failed. Look at that server's logs."),
    FALSE },
  { 1012, "From URI is not authorized to communicate with users outside the enterprise.",
    N_("The sender's external access policy does not allow communication outside the company."),
    FALSE },
  { 1013, "Significant time skew detected during authentication.",
    N_("The clocks of the client and the server differ too much for sign-in. Fix the time synchronisation."),
    FALSE },
  { 1014, "Unable to resolve DNS A record.",
    N_("The name of the next server could not be resolved to an IP address in DNS."),
    FALSE },
  /* UNVERIFIED wording: widely seen in federation traces, not in a source read. */
  { 1034, "Previous hop federated peer did not report diagnostic information",
    N_("The federated partner's server failed the request without saying why. Ask the partner's admin to check their Edge server logs."),
    FALSE },
  { 3000, "Bad From in C3P Request.",
    N_("The meeting server refused a meeting command because the sender address was invalid."),
    FALSE },
  { 3001, "Bad To in C3P Request.",
    N_("The meeting server refused a meeting command because the target address was invalid."),
    FALSE },
  { 3002, "Invalid Target User.",
    N_("The meeting server refused the request because the target user is not valid."),
    FALSE },
  { 3003, "The conference-entity supplied in the C3P request is invalid.",
    N_("The meeting named in the request is not valid."),
    FALSE },
  { 3004, "The requested C3P command is not implemented.",
    N_("The meeting server does not support the requested meeting command."),
    FALSE },
  { 3005, "The request cannot target a MCU.",
    N_("The request was sent straight to a meeting media server (MCU), which is not allowed."),
    FALSE },
  { 3006, "Failed to parse the C3P request.",
    N_("The meeting server could not read the meeting command."),
    FALSE },
  { 3007, "AddUser C3P blob invalid.",
    N_("The request to add a user to the meeting was invalid."),
    FALSE },
  { 3008, "Access Method or Auth Method in C3P request is not acceptable.",
    N_("The way the user tried to join or sign in is not allowed for this meeting (for example anonymous join is switched off)."),
    FALSE },
  { 3009, "Malformed endpoint entity.",
    N_("The meeting server received an invalid description of the joining device."),
    FALSE },
  { 3010, "Bad request without Session-Timer extension.",
    N_("The request lacked the session timer support the meeting server requires; the client may be too old."),
    FALSE },
  { 3011, "Failed to process Ms-Mcu-Contact header.",
    N_("The meeting server could not process the contact details of a meeting media server (MCU)."),
    FALSE },
  { 3012, "Invalid conference URI.",
    N_("The meeting address is not valid: the meeting may have been deleted or may have expired, or the link is wrong."),
    FALSE },
  { 3013, "Invalid MCU URI.",
    N_("The address of the meeting's media server (audio/video or sharing) is not valid."),
    FALSE },
  { 3014, "Failed authorization.",
    N_("The user is not allowed to join this meeting (lobby, access or organiser settings)."),
    FALSE },
  { 3015, "This meeting does not allow 3rd-party dial-out by attendees.",
    N_("This meeting does not let attendees call out to phone numbers."),
    FALSE },
  { 3016, "The supplied role is invalid.",
    N_("The requested meeting role (for example presenter) is not valid."),
    FALSE },
  { 4000, "User services default.",
    N_("General error from the user services of the Front End server."),
    FALSE },
  { 4001, "XML parse failure.",
    N_("The server could not read an XML document in the request."),
    FALSE },
  { 4002, "Multiple users associated with the source phone number.",
    N_("The caller's phone number belongs to more than one user."),
    FALSE },
  { 4003, "From URI not enabled for remote access.",
    N_("The user is not allowed to sign in from outside the company network (remote access policy)."),
    FALSE },
  { 4004, "Credentials provided are not authorized to act as specified from URI.",
    N_("The user signed in with credentials that do not belong to the SIP address used."),
    FALSE },
  { 4005, "Destination URI either not enabled for SIP or does not exist.",
    N_("The called user does not exist or is not enabled for Lync / Skype for Business."),
    FALSE },
  { 4006, "User not found in pool.",
    N_("The user is not homed on this server pool."),
    FALSE },
  { 4007, "Resource is unknown in this deployment.",
    N_("The requested address is not known in this deployment."),
    FALSE },
  { 4008, "Input data too large.",
    N_("The request carried too much data."),
    FALSE },
  { 4009, "Multiple users associated with the destination phone number.",
    N_("The called phone number belongs to more than one user."),
    FALSE },
  { 4010, "Missing endpoint identifier.",
    N_("The request did not say which device (endpoint) it came from."),
    FALSE },
  { 4011, "Epid not present.",
    N_("The endpoint identifier (epid) is missing."),
    FALSE },
  { 4012, "Epid too long.",
    N_("The endpoint identifier (epid) is too long."),
    FALSE },
  { 4013, "content type header does not match the expected content-type.",
    N_("The request carried data of an unexpected type."),
    FALSE },
  { 5000, "One or more critical applications are not running.",
    N_("A server application that is needed is not running. Check the Front End services."),
    FALSE },
  { 5001, "Request timed out.",
    N_("A server application did not answer in time."),
    FALSE },
  { 5002, "Request was cancelled.",
    N_("The request was cancelled before a server application handled it."),
    FALSE },
  { 5003, "Internal processing failure.",
    N_("A server application failed internally. Check the server's event logs."),
    FALSE },
  { 5004, "Failed parsing the incoming request.",
    N_("A server application could not read the request."),
    FALSE },
  { 5005, "invalid request-URI.",
    N_("The target address in the request is not valid."),
    FALSE },
  { 5006, "Failed when constructing the outgoing request.",
    N_("A server application could not build the message it had to send."),
    FALSE },
  { 5007, "Failed processing a contact entry.",
    N_("A server application could not process a contact entry."),
    FALSE },
  { 5008, "invalid static forwarding URL.",
    N_("A configured call forwarding address is not valid."),
    FALSE },
  { 15030, "Failed to route to Exchange Server",
    N_("The server could not reach Exchange Unified Messaging (voice mail). Check the Exchange UM routing and trust settings."),
    FALSE },
  { 17000, "Server overloaded.",
    N_("The server turned the client away because it is overloaded."),
    FALSE },
  { 17001, "Invalid request.",
    N_("The client version check could not read the request."),
    FALSE },
  { 17002, "Invalid protocol client version.",
    N_("The server does not recognise the client's version."),
    FALSE },
  { 17003, "Declined with URL.",
    N_("The client version policy blocks this client version; the user is sent a link to a supported version."),
    FALSE },
  /* The client version filter let the client in and only points to a newer
   * version: nothing failed. */
  { 17004, "Allowed with URL.",
    N_("This client version is allowed, but the user is pointed to a newer version. Information only."),
    TRUE },
};

static int
compare_code (const void *key,
              const void *elem)
{
  int code = *(const int *) key;
  const LdCodeInfo *info = elem;

  return (code > info->code) - (code < info->code);
}

/**
 * ld_code_lookup:
 * @header: the header the code was read from
 * @code: the code
 *
 * Client codes and server codes are separate number spaces, so the header
 * picks the table.  ms-diagnostics-public uses the server table.
 *
 * Returns: (transfer none) (nullable): the table entry, or %NULL
 */
const LdCodeInfo *
ld_code_lookup (LdDiagHeader header,
                int          code)
{
  if (header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
    return bsearch (&code, client_codes, G_N_ELEMENTS (client_codes),
                    sizeof client_codes[0], compare_code);

  return bsearch (&code, server_codes, G_N_ELEMENTS (server_codes),
                  sizeof server_codes[0], compare_code);
}

/**
 * ld_code_get_component:
 * @header: the header the code was read from
 * @code: the code
 *
 * Server codes are grouped in ranges of 1000 by the component that writes
 * them (OCS 2007 "Ms-Diagnostics Header", [MS-OCER] sections 7 and 8).
 * Client codes below 1000 are the media connectivity family (21-25 ...);
 * codes from 50000 up come from the rest of the client.
 *
 * Returns: untranslated (N_) component name; pass it through _()
 */
const char *
ld_code_get_component (LdDiagHeader header,
                       int          code)
{
  static const struct {
    int first;
    int last;
    const char *name;
  } ranges[] = {
    { 0, 999, N_("Common (SIP stack and user services)") },
    { 1000, 1999, N_("SIP stack (Front End and Access Edge)") },
    { 2000, 2999, N_("User services: presence") },
    { 3000, 3999, N_("User services: conferencing (Focus and Focus Factory)") },
    { 4000, 4999, N_("User services: other") },
    { 5000, 5999, N_("Server API applications") },
    { 6000, 6999, N_("IM Conferencing Server") },
    { 7000, 7999, N_("A/V Conferencing Server") },
    { 8000, 8999, N_("Telephony Conferencing Server") },
    { 9000, 9999, N_("Media relay authentication (MRAS)") },
    { 10000, 10999, N_("Mediation Server") },
    { 11000, 11999, N_("Metrics Server") },
    { 12000, 12999, N_("Voice routing (outgoing calls)") },
    { 13000, 13999, N_("Voice routing (incoming calls)") },
    { 14000, 14999, N_("Voice translation service (dial plans)") },
    { 15000, 15999, N_("Exchange Unified Messaging") },
    { 16000, 16999, N_("Intelligent IM filter") },
    { 17000, 17999, N_("Client version filter") },
  };

  if (header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
    {
      if (code >= 1 && code <= 999)
        return N_("Lync client (media)");
      return N_("Lync client");
    }

  for (gsize i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (code >= ranges[i].first && code <= ranges[i].last)
      return ranges[i].name;

  return N_("Unknown server component");
}

/**
 * ld_code_dup_meaning:
 * @header: the header the code was read from
 * @code: the code, or -1
 * @reason: (nullable): the reason text written with it
 *
 * Returns: (transfer full): a translated explanation in plain words: the
 *   table's when the code is known, otherwise a sentence naming the
 *   component and quoting the reason
 */
char *
ld_code_dup_meaning (LdDiagHeader  header,
                     int           code,
                     const char   *reason)
{
  const LdCodeInfo *info;
  g_autofree char *clean = NULL;

  info = ld_code_lookup (header, code);
  if (info != NULL)
    return g_strdup (_(info->meaning));

  if (reason != NULL)
    {
      clean = g_strstrip (g_strdup (reason));
      /* Reasons usually end with a full stop; the sentence adds its own. */
      while (clean[0] != '\0' && clean[strlen (clean) - 1] == '.')
        clean[strlen (clean) - 1] = '\0';
      if (clean[0] == '\0')
        g_clear_pointer (&clean, g_free);
    }

  if (code < 0)
    {
      if (clean != NULL)
        return g_strdup_printf (_("No diagnostic code was given. The reason says: %s."), clean);
      return g_strdup (_("No diagnostic code was given."));
    }

  if (clean != NULL)
    return g_strdup_printf (_("%s reported code %d: %s. LyncDiag has no further explanation for this code."),
                            _(ld_code_get_component (header, code)), code, clean);

  return g_strdup_printf (_("%s reported code %d. LyncDiag has no explanation for this code."),
                          _(ld_code_get_component (header, code)), code);
}

/**
 * ld_code_is_failure:
 * @header: the header the code was read from
 * @code: the code, or -1
 *
 * Whether the code by itself reports that something failed.
 *
 * Client codes: the table decides (51004 "Action initiated by user" and
 * 51007 "Callee media connectivity diagnosis info" are information).  An
 * unknown code of 51000 or more is not called a failure: most codes seen
 * in that block are reports (user action, diagnosis info) and the ones
 * known to mean a failure (52017, 52035) are in the table, so an unknown
 * one is more likely a report, and a guessed alarm would mislead.  Unknown
 * codes below 51000 sit with the media connectivity failures (21-25) and
 * are failures.
 *
 * Server codes: servers send ms-diagnostics in responses, mostly errors
 * (OCS 2007 "Ms-Diagnostics Header"), so every code is a failure unless the
 * table marks it informational (17004 "Allowed with URL").
 *
 * A missing code (-1) is not judged a failure: there is nothing to judge,
 * and raising an alarm on a header that could not be read would mislead.
 *
 * Returns: %TRUE if the code means a failure
 */
gboolean
ld_code_is_failure (LdDiagHeader header,
                    int          code)
{
  const LdCodeInfo *info;

  if (code < 0)
    return FALSE;

  info = ld_code_lookup (header, code);
  if (info != NULL)
    return !info->informational;

  if (header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
    return code < 51000;

  return TRUE;
}
