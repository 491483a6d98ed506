/* ld-codes.c - ms-diagnostics and ms-client-diagnostics codes: meanings, verdicts, components
 *
 * Knowledge as data: one row per code, each citing where its reason and
 * meaning come from, and one row per block of ErrorIds naming the
 * component that writes it.  To correct a meaning or add a code, edit a row
 * (keep each table sorted by code) and the test that checks it
 * (tests/test-diagnostic.c, /diagnostic/codes/…).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-diagnostic"

#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "ld-diagnostic.h"

/* Where the rows come from. */
#define REF_OCER_SIPSTACK   "[MS-OCER] 7.2 / 8.2 SIP stack (learn.microsoft.com/openspecs/office_protocols/ms-ocer/88f739c4-83cf-480e-bd53-fe2d311aad3f)"
#define REF_OCER_CONF       "[MS-OCER] 7.4 / 8.4 conferencing (ms-ocer/0017f8f3, abafd679)"
#define REF_OCER_USERSVC    "[MS-OCER] 8.5 user services (ms-ocer/d4ff868d)"
#define REF_OCER_API        "[MS-OCER] 8.6 API applications"
#define REF_OCER_VERSION    "[MS-OCER] 8.16 client version filter"
#define REF_OCER_ASMCU      "[MS-OCER] 8.20 Application sharing MCU (ms-ocer/6b5d2a9a-4153-4a98-b320-d35f6b565a6b)"
#define REF_OCER_922        "[MS-OCER] 9.2.2 MS-Diagnostic errors (ms-ocer/f6787b39-0842-43ca-94a2-6afadda5f0a3)"
#define REF_OCS_HEADER      "OCS 2007 \"Ms-Diagnostics Header\" (learn.microsoft.com bb964037(v=office.12))"
#define REF_KB2386684       "Microsoft KB 2386684 (desktop sharing in Lync Online, code 23)"
#define REF_PARESHJ         "pareshj MSDN blog 2012-12-04 (desktop sharing, code 24, ICEWarn 0x320)"
#define REF_UCSORTED25      "ucsorted.com 2015-09-07 (ms-client-diagnostics 25)"
#define REF_BLOG_22         "field blog sample (code 22, firewall NAT option rewriting media)"
#define REF_MSXFAQ_ICEWARN  "msxfaq.de icewarn page (51004 / 51007 samples)"
#define REF_SIPE_MEDIA      "pidgin-sipe src/core/sipe-media.c (488 with 52017; 7008 \"Error parsing SDP\")"
#define REF_SIPE_NOTIFY     "pidgin-sipe src/core/sipe-notify.c (registration NOTIFY, OCS 2007 example)"
#define REF_OC_GATEWAY      "public Java OC gateway source comment (488 with 52035)"
#define REF_CAMEL_SIPE      "camel-sipe SipProducerListener.java comments (arkadijs/camel-sipe)"
#define REF_NEXTHOP_DELEGATE "issue 19 field excerpt; NextHop \"LyncMD: troubleshooting delegate permissions issues in Lync 2010\" (2012-08-21)"
#define REF_MIRAZON         "mirazon.com field sample (Exchange UM routing)"
#define REF_UCWA_28020      "UCWA 2.0 documentation, OAuth (X-Ms-diagnostics: 28020 from the WebTicket service)"
#define REF_KB_NEW_USERS    "Microsoft support: \"Newly created users can't sign in to a Lync client\" (SupportArticles-docs, 4005 in the UCCAPI log)"
#define REF_KB_SPLIT_DOMAIN "Microsoft support: Skype for Business Online users can't IM on-premises users in a split domain (SupportArticles-docs, SkypeHybrid/hybrid-im-presence, 1017)"
#define REF_FED_1027        "Peter Diaz, MS community article \"Cliente Lync: Error de llamada por problemas de red\" (Snooper, 1027); jon.netdork.net 2012-07-18 \"Lync, Federation, and DNS\" (1027, 1034)"
#define REF_MSPRES_UCS      "[MS-PRES] 4.14.3.1 (488 with 2165 to a contact subscription with Supported: ms-ucs)"
#define REF_KB_EXUM2019     "Microsoft support: \"500 Server Internal error and calls to Subscriber Access or Auto Attendant fail\" (SupportArticles-docs, 15000 from ExumRouting)"
#define REF_BBK_RELAY       "bbk-pj colmat/ordererlib_sip.t (404 relayed with 10003 by a Core or Mediation Server, SipResponseCode=)"
#define REF_CISCO_CMS_21002 "Cisco TAC document on Cisco Meeting Server with Skype for Business meetings (21002 from the ASMCU, \"User is not able to share\")"

/* Codes written by the Lync / Skype for Business CLIENT in
 * ms-client-diagnostics.  [MS-OCER] has no table for these; the reasons are
 * as seen in field logs.  Sorted by code.  Server codes follow. */
static const LdCodeInfo client_codes[] = {
  /* UNVERIFIED: 21 was not seen in any source read.  It sits next to the
   * media connectivity family 22-25, so it is described as one of them
   * without claiming which network situation it stands for. */
  { .code = 21, .reason = "Call failed to establish due to a media connectivity failure",
    .meaning = N_("The call could not connect its media (audio, video or sharing). The exact situation behind code 21 is not documented in the sources LyncDiag was built from; read the ICE warnings to see which path failed."),
    .verdict = LD_CODE_FAILURE, .reference = "UNVERIFIED: not seen in any source read; next to the 22–25 family" },
  { .code = 22, .reason = "Call failed to establish due to a media connectivity failure when both endpoints are internal",
    .meaning = N_("The call could not connect its media although both computers were inside the company network. Something between them (a firewall, or a NAT device that rewrites addresses) blocks the direct path."),
    .verdict = LD_CODE_FAILURE, .reference = REF_BLOG_22 },
  { .code = 23, .reason = "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote",
    .meaning = N_("The call could not connect its media: one computer was inside the company network and the other outside. The media must pass through the Edge server; usually TCP 443 or TCP/UDP 50000-59999 to the A/V Edge (or to meet.lync.com for Lync Online) is blocked, or the two users are on Edge servers that cannot reach each other."),
    .verdict = LD_CODE_FAILURE, .reference = REF_KB2386684 },
  { .code = 24, .reason = "Call failed to establish due to a media connectivity failure when both endpoints are remote",
    .meaning = N_("The call could not connect its media: both computers were outside the company network. Both must reach the Edge server; usually a firewall, proxy or antivirus on one side blocks TCP media to the Edge."),
    .verdict = LD_CODE_FAILURE, .reference = REF_PARESHJ },
  { .code = 25, .reason = "A federated call failed to establish due to a media connectivity failure where both endpoints are internal",
    .meaning = N_("A call with another organisation (federation) could not connect its media although both computers were inside their own networks. Usually one side cannot use its A/V Edge server, or the two Edge servers cannot reach each other."),
    .verdict = LD_CODE_FAILURE, .reference = REF_UCSORTED25 },
  { .code = 51004, .reason = "Action initiated by user",
    .meaning = N_("The user ended the call or conversation. This is not an error; any media details sent with it still show how the connection went."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_MSXFAQ_ICEWARN },
  { .code = 51007, .reason = "Callee media connectivity diagnosis info",
    .meaning = N_("The answering client reports how its media connection was set up (sent in the 200 OK). This is information, not an error."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_MSXFAQ_ICEWARN },
  { .code = 52017, .reason = "Encryption levels dont match",
    .meaning = N_("The two sides require different media encryption levels (for example one requires encryption and the other does not support it). Check the encryption level policy on both sides."),
    .verdict = LD_CODE_FAILURE, .reference = REF_SIPE_MEDIA },
  { .code = 52035, .reason = "This client has an IM session with the same conversation ID",
    .meaning = N_("The client already has an instant-message session with the same conversation ID, so it refused the new one."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OC_GATEWAY },
};

/* Codes written by SERVERS in ms-diagnostics / ms-diagnostics-public:
 * [MS-OCER] 7.2 and 8.2 (SIP stack), 7.4 / 8.4 (conferencing), 8.5 (user
 * services), 8.6 (API applications), 8.16 (client version filter), 9.2.2
 * (code 4), plus field samples.  Sorted by code. */
static const LdCodeInfo server_codes[] = {
  { .code = 0, .reason = "Server internal error.",
    .meaning = N_("The server failed internally and could not handle the request. In an instant message the user sees that the service is not available."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_922 },
  { .code = 1, .reason = "Service unavailable.",
    .meaning = N_("The service that should handle the request was not available; the contact could not be reached."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_922 },
  { .code = 4, .reason = "Insufficient bandwidth to establish session. Do not attempt re-route.",
    .meaning = N_("Call admission control refused the session: the network link does not allow enough bandwidth for it. In a meeting the user sees that the network is busy."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_922 },
  { .code = 1000, .reason = "Final handshake failed.",
    .meaning = N_("The last step of setting up the secure (TLS) connection between servers failed."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1001, .reason = "From URI not authorized to communicate with public IM providers.",
    .meaning = N_("The sender is not allowed to talk to public IM providers. Check the user's external access policy."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1002, .reason = "From URI not authorized to communicate with federated partners.",
    .meaning = N_("The sender is not allowed to talk to federated organisations. Check the user's external access policy."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1003, .reason = "User does not exist.",
    .meaning = N_("The address that was called does not exist on the server."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1004, .reason = "Route set is no longer valid.",
    .meaning = N_("The path the conversation was using is no longer valid, often after a server or connection restart. Start the call again."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1005, .reason = "Cannot route to destination domain.",
    .meaning = N_("The server does not know how to reach the target domain. Check federation, DNS and routing settings."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1006, .reason = "Error routing on client connection.",
    .meaning = N_("The server could not deliver the message over its connection to the client; the client may have disconnected."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1007, .reason = "Temporarily cannot route.",
    .meaning = N_("The server could not forward the message at that moment (the next server was busy or unreachable). If it keeps happening, check the next server."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1008, .reason = "Unable to resolve DNS SRV record.",
    .meaning = N_("The DNS lookup of the SIP service (SRV) record of the target domain failed. Check the partner domain's DNS records."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1009, .reason = "Conflicting SRV and host domains in DNS.",
    .meaning = N_("The DNS SRV record of the target domain points to a server whose name is in another domain. The partner must publish an SRV record whose host name is in the same domain, or be set up as an allowed domain with an explicit Edge server name."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1010, .reason = "Certificate trust with next-hop server could not be established.",
    .meaning = N_("The secure connection to the next server failed: its certificate is not trusted or does not contain the server name that was expected. Check the certificate's subject names (SAN) and its issuing authority."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1011, .reason = "ms-diagnostics header not provided by previous hop.",
    .meaning = N_("The previous server did not say why the request failed. Look at that server's logs."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1012, .reason = "From URI is not authorized to communicate with users outside the enterprise.",
    .meaning = N_("The sender's external access policy does not allow communication outside the company."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1013, .reason = "Significant time skew detected during authentication.",
    .meaning = N_("The clocks of the client and the server differ too much for sign-in. Fix the time synchronisation."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1014, .reason = "Unable to resolve DNS A record.",
    .meaning = N_("The name of the next server could not be resolved to an IP address in DNS."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_SIPSTACK },
  { .code = 1017, .reason = "Cannot route From and To domains in this combination",
    .meaning = N_("The server will not route a request between the sender's and the receiver's domains in this combination. In a hybrid deployment with a split domain, a domain is missing from the on-premises topology or is homed in the wrong place, so one side cannot reach the other."),
    .verdict = LD_CODE_FAILURE, .reference = REF_KB_SPLIT_DOMAIN },
  { .code = 1027, .reason = "Cannot route this type of SIP request to or from federated partners",
    .meaning = N_("The server refused to route this request to or from a federated organisation: federation is not set up for it on this path (the Access Edge, its route to the Front End, or the partner's allowed domains)."),
    .verdict = LD_CODE_FAILURE, .reference = REF_FED_1027 },
  /* UNVERIFIED wording: widely seen in federation traces, not in a source read. */
  { .code = 1034, .reason = "Previous hop federated peer did not report diagnostic information",
    .meaning = N_("The federated partner's server failed the request without saying why. Ask the partner's admin to check their Edge server logs."),
    .verdict = LD_CODE_FAILURE, .reference = "UNVERIFIED wording: widely seen in federation traces, not in a source read" },
  /* Sent with a BENOTIFY whose Subscription-State is terminated, when the
   * client's new subscription replaced the old one: housekeeping. */
  { .code = 2139, .reason = "Terminating old subscription since new subscription dialog took over the previous one",
    .meaning = N_("The server ended an old subscription (presence or contact list) because a newer subscription of the same client took over. This is housekeeping, not an error."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_CAMEL_SIPE },
  /* The enhanced presence server's answer to a client that can read its
   * contacts from Exchange (Supported: ms-ucs): by design. */
  { .code = 2165, .reason = "Contact subscription is not allowed as the user's contact list has migrated to Exchange.",
    .meaning = N_("The user's contact list is kept in Exchange (the unified contact store), so the server refuses the old contact-list subscription and the client reads the contacts from Exchange instead. This is by design, not an error; only if contacts are missing, check the client's connection to Exchange (EWS)."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_MSPRES_UCS },
  { .code = 3000, .reason = "Bad From in C3P Request.",
    .meaning = N_("The meeting server refused a meeting command because the sender address was invalid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3001, .reason = "Bad To in C3P Request.",
    .meaning = N_("The meeting server refused a meeting command because the target address was invalid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3002, .reason = "Invalid Target User.",
    .meaning = N_("The meeting server refused the request because the target user is not valid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3003, .reason = "The conference-entity supplied in the C3P request is invalid.",
    .meaning = N_("The meeting named in the request is not valid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3004, .reason = "The requested C3P command is not implemented.",
    .meaning = N_("The meeting server does not support the requested meeting command."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3005, .reason = "The request cannot target a MCU.",
    .meaning = N_("The request was sent straight to a meeting media server (MCU), which is not allowed."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3006, .reason = "Failed to parse the C3P request.",
    .meaning = N_("The meeting server could not read the meeting command."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3007, .reason = "AddUser C3P blob invalid.",
    .meaning = N_("The request to add a user to the meeting was invalid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3008, .reason = "Access Method or Auth Method in C3P request is not acceptable.",
    .meaning = N_("The way the user tried to join or sign in is not allowed for this meeting (for example anonymous join is switched off)."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3009, .reason = "Malformed endpoint entity.",
    .meaning = N_("The meeting server received an invalid description of the joining device."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3010, .reason = "Bad request without Session-Timer extension.",
    .meaning = N_("The request lacked the session timer support the meeting server requires; the client may be too old."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3011, .reason = "Failed to process Ms-Mcu-Contact header.",
    .meaning = N_("The meeting server could not process the contact details of a meeting media server (MCU)."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3012, .reason = "Invalid conference URI.",
    .meaning = N_("The meeting address is not valid: the meeting may have been deleted or may have expired, or the link is wrong."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3013, .reason = "Invalid MCU URI.",
    .meaning = N_("The address of the meeting's media server (audio/video or sharing) is not valid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3014, .reason = "Failed authorization.",
    .meaning = N_("The user is not allowed to join this meeting (lobby, access or organiser settings)."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3015, .reason = "This meeting does not allow 3rd-party dial-out by attendees.",
    .meaning = N_("This meeting does not let attendees call out to phone numbers."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 3016, .reason = "The supplied role is invalid.",
    .meaning = N_("The requested meeting role (for example presenter) is not valid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_CONF },
  { .code = 4000, .reason = "User services default.",
    .meaning = N_("General error from the user services of the Front End server."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4001, .reason = "XML parse failure.",
    .meaning = N_("The server could not read an XML document in the request."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4002, .reason = "Multiple users associated with the source phone number.",
    .meaning = N_("The caller's phone number belongs to more than one user."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4003, .reason = "From URI not enabled for remote access.",
    .meaning = N_("The user is not allowed to sign in from outside the company network (remote access policy)."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4004, .reason = "Credentials provided are not authorized to act as specified from URI.",
    .meaning = N_("The user signed in with credentials that do not belong to the SIP address used."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4005, .reason = "Destination URI either not enabled for SIP or does not exist.",
    .meaning = N_("The address the request is for (the called user, or in a sign-in the user's own address) does not exist or is not enabled for Lync / Skype for Business. A user created recently may not have reached the server's database yet (User Replicator)."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4006, .reason = "User not found in pool.",
    .meaning = N_("The user is not homed on this server pool."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4007, .reason = "Resource is unknown in this deployment.",
    .meaning = N_("The requested address is not known in this deployment."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4008, .reason = "Input data too large.",
    .meaning = N_("The request carried too much data."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4009, .reason = "Multiple users associated with the destination phone number.",
    .meaning = N_("The called phone number belongs to more than one user."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4010, .reason = "Missing endpoint identifier.",
    .meaning = N_("The request did not say which device (endpoint) it came from."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4011, .reason = "Epid not present.",
    .meaning = N_("The endpoint identifier (epid) is missing."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4012, .reason = "Epid too long.",
    .meaning = N_("The endpoint identifier (epid) is too long."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  { .code = 4013, .reason = "content type header does not match the expected content-type.",
    .meaning = N_("The request carried data of an unexpected type."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_USERSVC },
  /* The server's deregistration NOTIFY (deregistered;event=rejected). */
  { .code = 4141, .reason = "User disabled",
    .meaning = N_("The server signed the user out: the account is disabled for Lync / Skype for Business (or was removed from the pool). The user cannot sign in again until an administrator enables the account."),
    .verdict = LD_CODE_FAILURE, .reference = REF_SIPE_NOTIFY },
  /* No source read gives the reason text; the meaning is the field case
   * of issue 19 and the NextHop delegate-permissions article. */
  { .code = 4268, .reason = NULL,
    .meaning = N_("The server refused to schedule a meeting on another user's behalf: the user acting as a delegate is not registered as that person's delegate in Lync / Skype for Business, although Outlook may allow it."),
    .verdict = LD_CODE_FAILURE, .reference = REF_NEXTHOP_DELEGATE },
  { .code = 5000, .reason = "One or more critical applications are not running.",
    .meaning = N_("A server application that is needed is not running. Check the Front End services."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5001, .reason = "Request timed out.",
    .meaning = N_("A server application did not answer in time."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5002, .reason = "Request was cancelled.",
    .meaning = N_("The request was cancelled before a server application handled it."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5003, .reason = "Internal processing failure.",
    .meaning = N_("A server application failed internally. Check the server's event logs."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5004, .reason = "Failed parsing the incoming request.",
    .meaning = N_("A server application could not read the request."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5005, .reason = "invalid request-URI.",
    .meaning = N_("The target address in the request is not valid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5006, .reason = "Failed when constructing the outgoing request.",
    .meaning = N_("A server application could not build the message it had to send."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5007, .reason = "Failed processing a contact entry.",
    .meaning = N_("A server application could not process a contact entry."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 5008, .reason = "invalid static forwarding URL.",
    .meaning = N_("A configured call forwarding address is not valid."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_API },
  { .code = 7008, .reason = "Error parsing SDP",
    .meaning = N_("The A/V conferencing server could not read the media offer (SDP) of the join; an older client retries with another ICE version."),
    .verdict = LD_CODE_FAILURE, .reference = REF_SIPE_MEDIA },
  { .code = 10003, .reason = "Proxy returned a SIP failure code",
    .meaning = N_("A relay note: this server passed on a failure it got from the next server (SipResponseCode= and SipResponseText= say which). The failure happened further along the route, not at this server; the other diagnostics of the response say why."),
    .verdict = LD_CODE_FAILURE, .reference = REF_BBK_RELAY },
  /* Written by the Front End's Exchange UM routing application
   * (appName="ExumRouting") with a 500. */
  { .code = 15000, .reason = "Unable to read the user properties publication for the user or contact object.",
    .meaning = N_("The Front End's Exchange UM routing application could not read the properties of the user or contact object that was called, so the call failed (500). For a call to an Exchange UM auto attendant or subscriber access number, the contact object of that number cannot be read; this is a server-side fault, not the network."),
    .verdict = LD_CODE_FAILURE, .reference = REF_KB_EXUM2019 },
  { .code = 15030, .reason = "Failed to route to Exchange Server",
    .meaning = N_("The server could not reach Exchange Unified Messaging (voice mail). Check the Exchange UM routing and trust settings."),
    .verdict = LD_CODE_FAILURE, .reference = REF_MIRAZON },
  { .code = 17000, .reason = "Server overloaded.",
    .meaning = N_("The server turned the client away because it is overloaded."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_VERSION },
  { .code = 17001, .reason = "Invalid request.",
    .meaning = N_("The client version check could not read the request."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_VERSION },
  { .code = 17002, .reason = "Invalid protocol client version.",
    .meaning = N_("The server does not recognise the client's version."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_VERSION },
  { .code = 17003, .reason = "Declined with URL.",
    .meaning = N_("The client version policy blocks this client version; the user is sent a link to a supported version."),
    .verdict = LD_CODE_FAILURE, .reference = REF_OCER_VERSION },
  /* The client version filter let the client in and only points to a newer
   * version: nothing failed. */
  { .code = 17004, .reason = "Allowed with URL.",
    .meaning = N_("This client version is allowed, but the user is pointed to a newer version. Information only."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_OCER_VERSION },
  /* ASMCU: the previous sharer's session ends because someone else
   * started sharing. */
  { .code = 21000, .reason = "New sharer joined conference.",
    .meaning = N_("Someone else started sharing in the meeting, so the application sharing server ended the previous sharing session. This is normal in a meeting, not a fault."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_OCER_ASMCU },
  { .code = 21002, .reason = "Attendees cannot share in this conference",
    .meaning = N_("The application sharing server refused to let this user share: in this meeting only presenters may share, and the user is an attendee. A presenter makes the user a presenter, or the organiser changes who may present."),
    .verdict = LD_CODE_FAILURE, .reference = REF_CISCO_CMS_21002 },
  /* Seen in a 101 Progress Report before the INVITE was answered. */
  { .code = 25008, .reason = "Attempting to route to Primary Pool",
    .meaning = N_("A routing note: the server is forwarding the request to the user's primary pool. This is not an error; what the request finally got is in the final response."),
    .verdict = LD_CODE_INFORMATIONAL, .reference = REF_CAMEL_SIPE },
};


/* Blocks of ErrorIds and the component that writes them.  Server blocks:
 * OCS 2007 "Ms-Diagnostics Header" (0–17999) and [MS-OCER] sections 7 and
 * 8 (21000–21999 ASMCU; 24xxx listed in 9.3.2).  The blocks 18000–20999
 * and 22000–27999 are written by Lync and Skype for Business servers too
 * (25008 in the field), but no source read names their components: they
 * are named by their block, and a header's own component= says more. */
typedef struct
{
  int         first;
  int         last;
  const char *component;   /* N_ */
  gboolean    named;       /* a source names the component */
  const char *reference;
} CodeRange;

static const CodeRange server_ranges[] = {
  { .first = 0, .last = 999, .component = N_("Common (SIP stack and user services)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 1000, .last = 1999, .component = N_("SIP stack (Front End and Access Edge)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 2000, .last = 2999, .component = N_("User services: presence"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 3000, .last = 3999, .component = N_("User services: conferencing (Focus and Focus Factory)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 4000, .last = 4999, .component = N_("User services: other"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 5000, .last = 5999, .component = N_("Server API applications"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 6000, .last = 6999, .component = N_("IM Conferencing Server"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 7000, .last = 7999, .component = N_("A/V Conferencing Server"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 8000, .last = 8999, .component = N_("Telephony Conferencing Server"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 9000, .last = 9999, .component = N_("Media relay authentication (MRAS)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 10000, .last = 10999, .component = N_("Mediation Server"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 11000, .last = 11999, .component = N_("Metrics Server"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 12000, .last = 12999, .component = N_("Voice routing (outgoing calls)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 13000, .last = 13999, .component = N_("Voice routing (incoming calls)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 14000, .last = 14999, .component = N_("Voice translation service (dial plans)"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 15000, .last = 15999, .component = N_("Exchange Unified Messaging"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 16000, .last = 16999, .component = N_("Intelligent IM filter"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 17000, .last = 17999, .component = N_("Client version filter"), .named = TRUE, .reference = REF_OCS_HEADER },
  { .first = 18000, .last = 18999, .component = N_("Lync / Skype for Business server (ErrorIds 18000–18999)"), .named = FALSE, .reference = REF_OCS_HEADER },
  { .first = 19000, .last = 19999, .component = N_("Lync / Skype for Business server (ErrorIds 19000–19999)"), .named = FALSE, .reference = REF_OCS_HEADER },
  { .first = 20000, .last = 20999, .component = N_("Lync / Skype for Business server (ErrorIds 20000–20999)"), .named = FALSE, .reference = REF_OCS_HEADER },
  { .first = 21000, .last = 21999, .component = N_("Application sharing MCU (ASMCU)"), .named = TRUE, .reference = REF_OCER_ASMCU },
  { .first = 22000, .last = 22999, .component = N_("Lync / Skype for Business server (ErrorIds 22000–22999)"), .named = FALSE, .reference = REF_OCER_922 },
  { .first = 23000, .last = 23999, .component = N_("Lync / Skype for Business server (ErrorIds 23000–23999)"), .named = FALSE, .reference = REF_OCER_922 },
  { .first = 24000, .last = 24999, .component = N_("Lync / Skype for Business server (ErrorIds 24000–24999)"), .named = FALSE, .reference = REF_OCER_922 },
  { .first = 25000, .last = 25999, .component = N_("Lync / Skype for Business server (ErrorIds 25000–25999)"), .named = FALSE, .reference = REF_CAMEL_SIPE },
  { .first = 26000, .last = 26999, .component = N_("Lync / Skype for Business server (ErrorIds 26000–26999)"), .named = FALSE, .reference = REF_OCER_922 },
  { .first = 27000, .last = 27999, .component = N_("Lync / Skype for Business server (ErrorIds 27000–27999)"), .named = FALSE, .reference = REF_OCER_922 },
  /* Written by the web services in X-Ms-diagnostics (28020 "No valid
   * security token." from /WebTicket/oauthtoken in Microsoft's UCWA
   * documentation); the block is not described further. */
  { .first = 28000, .last = 28999, .component = N_("Lync / Skype for Business web services (ErrorIds 28000–28999)"), .named = FALSE, .reference = REF_UCWA_28020 },
};

/* The client writes 21–25 (media connectivity) and the 51000/52000 blocks
 * (reports and refusals of the client itself). */
static const CodeRange client_ranges[] = {
  { .first = 1, .last = 999, .component = N_("Lync client (media)"), .named = TRUE, .reference = REF_KB2386684 },
  { .first = 51000, .last = 51999, .component = N_("Lync client"), .named = TRUE, .reference = REF_MSXFAQ_ICEWARN },
  { .first = 52000, .last = 52999, .component = N_("Lync client"), .named = TRUE, .reference = REF_SIPE_MEDIA },
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
 * ld_code_list:
 * @header: which number space
 * @n_codes: (out): how many rows
 *
 * Returns: (transfer none) (array length=n_codes): every code LyncDiag
 *   knows in that number space, sorted by code (for tests and listings)
 */
const LdCodeInfo *
ld_code_list (LdDiagHeader  header,
              guint        *n_codes)
{
  if (header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
    {
      *n_codes = G_N_ELEMENTS (client_codes);
      return client_codes;
    }
  *n_codes = G_N_ELEMENTS (server_codes);
  return server_codes;
}

static const CodeRange *
find_range (LdDiagHeader header,
            int          code)
{
  const CodeRange *ranges = header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS ? client_ranges : server_ranges;
  gsize n = header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS ? G_N_ELEMENTS (client_ranges)
                                                           : G_N_ELEMENTS (server_ranges);

  for (gsize i = 0; i < n; i++)
    if (code >= ranges[i].first && code <= ranges[i].last)
      return &ranges[i];
  return NULL;
}

/**
 * ld_code_get_verdict:
 * @header: the header the code was read from
 * @code: the code, or -1
 *
 * What the code says by itself, from the tables only: a failure, a note
 * (51004 "Action initiated by user", 25008 "Attempting to route to
 * Primary Pool", 2139 "Terminating old subscription…"), or unknown.  A code
 * that is not in the tables is %LD_CODE_UNKNOWN, never a failure: whether
 * it went with one is for the context to say (a final 4xx response is a
 * failure whatever its code; a code in a 1xx or 2xx, or in a response of a
 * transaction that later succeeded, is not).
 *
 * Returns: the verdict
 */
LdCodeVerdict
ld_code_get_verdict (LdDiagHeader header,
                     int          code)
{
  const LdCodeInfo *info;

  if (code < 0)
    return LD_CODE_UNKNOWN;
  info = ld_code_lookup (header, code);
  return info != NULL ? info->verdict : LD_CODE_UNKNOWN;
}

/**
 * ld_code_verdict_to_string:
 *
 * Returns: "failure", "informational" or "unknown" (stable, for JSON)
 */
const char *
ld_code_verdict_to_string (LdCodeVerdict verdict)
{
  switch (verdict)
    {
    case LD_CODE_FAILURE: return "failure";
    case LD_CODE_INFORMATIONAL: return "informational";
    case LD_CODE_UNKNOWN:
    default: return "unknown";
    }
}

/**
 * ld_code_get_component:
 * @header: the header the code was read from
 * @code: the code
 *
 * Server codes are grouped in blocks of 1000 by the component that writes
 * them.  Every block Lync and Skype for Business servers write (0–27999)
 * has a row; ld_diagnostic_dup_component() adds what the header itself
 * says (component=, source=).
 *
 * Returns: untranslated (N_) component name; pass it through _()
 */
const char *
ld_code_get_component (LdDiagHeader header,
                       int          code)
{
  const CodeRange *range = find_range (header, code);

  if (range != NULL)
    return range->component;
  if (header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
    return N_("Lync client");
  return N_("Unknown server component");
}

/* Whether a header's component= names the block's component: the same
 * letters and digits, one within the other ("MediationServer" and
 * "Mediation Server", "ASMCU" and "Application sharing MCU (ASMCU)"). */
static gboolean
names_same_component (const char *block,
                      const char *attr)
{
  GString *a = g_string_new (NULL);
  GString *b = g_string_new (NULL);
  gboolean same;

  for (const char *p = block; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (a, g_ascii_tolower (*p));
  for (const char *p = attr; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (b, g_ascii_tolower (*p));
  same = b->len > 0 && (strstr (a->str, b->str) != NULL || strstr (b->str, a->str) != NULL);
  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
  return same;
}

/**
 * ld_diagnostic_dup_component:
 * @diag: a parsed diagnostic
 *
 * Who wrote the code, in words: the component the header names
 * (component="ASMCU"), else the block's component, with the server
 * (source=) when the block's component is not documented.
 *
 * Returns: (transfer full): a translated phrase
 */
char *
ld_diagnostic_dup_component (const LdDiagnostic *diag)
{
  const char *attr;
  const CodeRange *range;

  g_return_val_if_fail (diag != NULL, NULL);

  attr = ld_diagnostic_get_attribute (diag, "component");
  range = diag->code >= 0 ? find_range (diag->header, diag->code) : NULL;
  if (attr != NULL && *attr != '\0')
    {
      if (range != NULL && range->named && diag->header != LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
        {
          /* The header's own word wins: a Core Server relaying 10003 is not
           * the Mediation Server its block belongs to. */
          if (names_same_component (range->component, attr))
            return g_strdup_printf (_("%s (component=\"%s\")"), _(range->component), attr);
          return g_strdup_printf (_("Server component %s (the code is one of %s's, ErrorIds %d–%d)"),
                                  attr, _(range->component), range->first, range->last);
        }
      return g_strdup_printf (_("Server component %s"), attr);
    }
  /* An application on the server names itself (appName="ExumRouting"). */
  attr = ld_diagnostic_get_attribute (diag, "appName");
  if (attr != NULL && *attr != '\0')
    {
      if (range != NULL && range->named && diag->header != LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS)
        return g_strdup_printf (_("%s (appName=\"%s\")"), _(range->component), attr);
      return g_strdup_printf (_("Server application %s"), attr);
    }
  if (range != NULL && !range->named && diag->source != NULL && *diag->source != '\0')
    return g_strdup_printf (_("%s at %s"), _(range->component), diag->source);
  if (diag->code < 0)
    return g_strdup (diag->header == LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS ? _("Lync client") : _("A server"));
  return g_strdup (_(ld_code_get_component (diag->header, diag->code)));
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
 * Returns: %TRUE if the tables say the code reports a failure
 *   (ld_code_get_verdict() is %LD_CODE_FAILURE); %FALSE for notes and for
 *   codes the tables do not know
 */
gboolean
ld_code_is_failure (LdDiagHeader header,
                    int          code)
{
  return ld_code_get_verdict (header, code) == LD_CODE_FAILURE;
}
