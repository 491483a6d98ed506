/* ld-causes.c - the causes LyncDiag can name, and which of them compete, one row each
 *
 * One row per cause: its words (title), what makes it stand (triggers, as
 * the README and `lyncdiag-cli rules` list them), what to do, where the
 * knowledge comes from, and which cause of Microsoft's article "Cannot
 * start Desktop/Application Sharing due to network issues" (KB 2386684)
 * it counts for in the wizard.  The rows are in the order findings of
 * equal weight are shown: where two causes compete, the likelier first.
 * Severity and confidence are defined in ld-knowledge.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-knowledge"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-knowledge.h"

#define ALSO_INFO    (1u << LD_SEVERITY_INFO)
#define ALSO_WARNING (1u << LD_SEVERITY_WARNING)

#define REF_KB2386684 "Microsoft KB 2386684, \"Cannot start Desktop/Application Sharing due to network issues\""
#define REF_RESKIT    "Lync Server 2010 Resource Kit ch. 9, ICE protocol warnings"
#define REF_FIELD24   "field report: desktop sharing, code 24, ICEWarn=0x320, fixed by an antivirus exception"
#define REF_OCER      "[MS-OCER] (learn.microsoft.com/openspecs/office_protocols/ms-ocer)"
#define REF_RFC3261   "RFC 3261 section 21"
#define REF_CISCO_212383 "Cisco TAC document 212383, \"Configure and Troubleshoot DNS and Certificate Requirements " \
                         "on Microsoft Federation via Expressway to Cisco Meeting Server\" (2017)"

static const LdCause causes[] = {
  /* ---- The article's causes, and what counts for them ------------------- */
  { .id = "meet-lync-blocked", .severity = LD_SEVERITY_ERROR,
    .title = N_("Traffic to or from meet.lync.com is blocked"),
    .triggers = N_("Trace lines record a name lookup, connection or web request to meet.lync.com or another online "
                   "meeting host (*.lync.com, webdir / sipdir, meet.*) failing; a host only named in a SIP header "
                   "(source=, a server that relayed a response) is not a failed connection"),
    .actions = { N_("Check that the names resolve from this computer (nslookup meet.lync.com) and that the proxy does "
                    "not cut or inspect these connections (KB 2409256: HTTPS timeout of 8 hours, Office 365 addresses "
                    "excluded from the proxy)."),
                 N_("Lync Online: run the Transport Reliability IP Probe (TRIPP) or the Skype for Business Network "
                    "Assessment Tool from this computer.") },
    .reference = REF_KB2386684 "; KB 2409256",
    .article_cause = "meet-lync-blocked", .article_order = 2 },
  { .id = "ports-blocked", .severity = LD_SEVERITY_ERROR,
    .title = N_("Port 443 or ports 50000–59999 to the A/V Edge media relay are blocked"),
    .triggers = N_("A failed call whose ICEWarn shows TCP through the media relay failing: 0x4000000 (TCP-TCP checks "
                   "over the TURN server), 0x8 (TCP allocate) or 0x10 (TCP send), each on its own"),
    .actions = { N_("Lync Online / Office 365: run the Transport Reliability IP Probe (TRIPP) or the Skype for Business "
                    "Network Assessment Tool (networkassessmenttool.exe /connectivitycheck) on this computer and open "
                    "every port it reports blocked."),
                 N_("Make sure the client reaches the Edge on TCP 443 directly, not through an HTTP proxy that inspects "
                    "or breaks the TLS connection."),
                 N_("Retry from a network known to be open (for example a mobile hotspot): if it works there, this "
                    "network's firewall is confirmed.") },
    .reference = REF_RESKIT " (0x4000000, 0x8, 0x10); " REF_KB2386684,
    .article_cause = "ports-blocked", .article_order = 1, .media = TRUE },
  { .id = "tcp-media-blocked", .severity = LD_SEVERITY_ERROR,
    .title = N_("A firewall or security software blocks or inspects the TCP media"),
    .triggers = N_("Application sharing or file transfer failed with the local, NAT and relay TCP paths all failed "
                   "(ICEWarn 0x20 + 0x100 + 0x200, e.g. 0x320; all three needed), or audio/video with those and UDP "
                   "through the relay (0x80) failed too"),
    .actions = { N_("Check antivirus / internet security software that inspects network traffic on both computers and "
                    "add an exception for the Lync client (lync.exe, in Lync 2010 communicator.exe); the field fix was "
                    "an exception in the antivirus (Kaspersky)."),
                 N_("Check the firewalls on both sides, including next-generation firewalls with application inspection "
                    "or SSL inspection: let the client's TCP media to the A/V Edge on TCP 443 and 50000–59999 pass "
                    "uninspected."),
                 N_("To confirm, switch the traffic inspection off for a moment on one side and try the session that "
                    "failed again (the sharing, or the call).") },
    .reference = REF_RESKIT " (0x20, 0x100, 0x200); " REF_FIELD24,
    .article_cause = "tcp-media-blocked", .article_order = 4, .media = TRUE },
  { .id = "edge-to-edge", .severity = LD_SEVERITY_WARNING,
    .title = N_("The two users connect through different Edge servers that cannot communicate"),
    .triggers = N_("Code 23 (one side internal, one remote) where both sides had a media relay (LocalMR and RemoteMR) "
                   "and the relay-to-relay checks failed (0x4000000, or 0x200 with no UDP path)"),
    .actions = { N_("If one side is Lync Online (Office 365), the on-premises A/V Edge must reach the Office 365 media "
                    "relays on those ports."),
                 N_("Compare with other users of this network: if sharing with this contact fails for everyone, suspect "
                    "the Edge servers; if only this computer fails, look at its firewall and security software first.") },
    .reference = REF_KB2386684 "; " REF_RESKIT " (0x4000000)",
    .article_cause = "edge-to-edge", .article_order = 3, .media = TRUE },
  { .id = "turn-unreachable", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("The media relay on the A/V Edge could not be reached"),
    .triggers = N_("ICEWarn 0x1: the TURN server (A/V Edge media relay) could not be reached; error on a failed call, "
                   "info on one that worked"),
    .actions = { N_("Check that the Audio/Video Edge and A/V Authentication services run on the Edge server and that its "
                    "internal interface is reachable from this client.") },
    .reference = REF_RESKIT " (0x1); ucprimer (code 23, ICEWarn=0x80012b, fixed by opening UDP 3478)",
    .article_cause = "ports-blocked", .media = TRUE },
  { .id = "udp-blocked", .severity = LD_SEVERITY_WARNING,
    .title = N_("UDP media to or through the A/V Edge relay is blocked"),
    .triggers = N_("A failed audio/video call with ICEWarn 0x2, 0x4 or 0x80: UDP to or through the media relay failed"),
    .actions = { N_("Check for an HTTP proxy or a firewall that only lets TCP 443 out; audio and video need UDP to the "
                    "Edge for good quality.") },
    .reference = REF_RESKIT " (0x2, 0x4, 0x80)",
    .article_cause = "ports-blocked", .media = TRUE },
  { .id = "proxy-tls-inspection", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("An HTTP proxy or firewall inspects the TLS traffic to the A/V Edge"),
    .triggers = N_("ICEWarn 0x800000: pseudo-TLS to the TURN server failed, an HTTP proxy or firewall inspects the TLS "
                   "traffic to the Edge"),
    .actions = { N_("Exempt the A/V Edge / media relay addresses (for Lync Online: *.lync.com and the Office 365 media "
                    "ranges) from SSL/TLS inspection on the proxy and the firewall."),
                 N_("Let the client reach the A/V Edge on TCP 443 directly, not through the HTTP proxy.") },
    .reference = REF_RESKIT " (0x800000)",
    .article_cause = "tcp-media-blocked", .media = TRUE },
  { .id = "winsock-lsp", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("Software or a firewall interferes with the media after the path was chosen"),
    .triggers = N_("ICEWarn 0x8000000: use-candidate checks failed, media stops after the first packets (third-party "
                   "Winsock LSPs, traffic-inspecting firewalls)"),
    .actions = { N_("List the Winsock providers with \"netsh winsock show catalog\" and remove or update third-party LSPs "
                    "(antivirus, VPN, web filters)."),
                 N_("Check firewalls with application inspection for this traffic; update them or exempt the Lync media "
                    "from inspection.") },
    .reference = REF_RESKIT " (0x8000000); codesalot (Palo Alto, ICEWarn=0x8000100)",
    .article_cause = "tcp-media-blocked", .media = TRUE },
  { .id = "federated-media", .severity = LD_SEVERITY_ERROR,
    .title = N_("Media with the federated organisation could not connect"),
    .triggers = N_("ms-client-diagnostics 25 (federated call, media failed), or a media failure code 21–24 with "
                   "FederationType=1"),
    .actions = { N_("Ask the partner's administrator to check their A/V Edge: its external firewall and its public (NAT) "
                    "address.") },
    .reference = "ucsorted.com 2015-09-07 (code 25, ICEWarn=0x40003a0); SfB Server A/V Edge port tables",
    .article_cause = "edge-to-edge", .media = TRUE },

  /* ---- Other media causes ------------------------------------------------ */
  { .id = "turn-credentials", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("The A/V Edge media relay refused the client's credentials"),
    .triggers = N_("ICEWarn 0x4000 (not 0x2000): the TURN server refused the relay credentials (expired or unknown)"),
    .actions = { N_("Check the A/V Authentication service on the Edge server and the Edge's internal certificate; the "
                    "Front End must reach it to hand out relay credentials."),
                 N_("Check the time on the Edge, the Front End and the client: expired credentials point to clocks that "
                    "differ."),
                 N_("Sign out of Lync and back in to fetch fresh relay credentials, then retry.") },
    .reference = REF_RESKIT " (0x4000)", .media = TRUE },
  { .id = "no-turn-server", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("No media relay (A/V Edge) is configured for this client"),
    .triggers = N_("ICEWarn 0x80000: no TURN server (A/V Edge) is configured or it did not resolve; error on a failed "
                   "call, info on a call that worked"),
    .actions = { N_("Check that an A/V Edge server is defined for the user's pool and that the client receives the media "
                    "relay (MRAS) address at sign-in."),
                 N_("Check that the A/V Edge server's name resolves in DNS from this client.") },
    .reference = REF_RESKIT " (0x80000)", .media = TRUE },
  { .id = "port-range-exhausted", .severity = LD_SEVERITY_ERROR, .also = ALSO_WARNING | ALSO_INFO,
    .title = N_("The client ran out of media ports, or its port range is too small"),
    .triggers = N_("ICEWarn 0x200000, or a PortRange narrower than the modality needs (audio/video at least 20 ports, "
                   "sharing and file transfer at least 3)"),
    .actions = { N_("Widen the client media port ranges (Set-CsConferencingConfiguration: ClientAudioPort/"
                    "ClientAudioPortRange, ClientVideoPort…, ClientAppSharingPort…, ClientFileTransferPort…): "
                    "audio/video needs at least 20 ports per call, sharing and file transfer at least 3."),
                 N_("If a firewall or a QoS policy on the computer enforces the range, widen it there as well.") },
    .reference = REF_RESKIT " (0x200000)", .media = TRUE },
  { .id = "proxy-auth-failed", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("The HTTP proxy refused the client's login on the way to the A/V Edge"),
    .triggers = N_("ICEWarn 0x2000000: the HTTP proxy rejected the client's authentication on the way to the Edge"),
    .actions = { N_("Let traffic to the A/V Edge / media relays bypass the proxy, or allow it without proxy "
                    "authentication."),
                 N_("Check which authentication methods the proxy accepts from this client (NTLM/Kerberos).") },
    .reference = REF_RESKIT " (0x2000000)", .media = TRUE },
  { .id = "bandwidth-policy", .severity = LD_SEVERITY_ERROR, .also = ALSO_WARNING | ALSO_INFO,
    .title = N_("A bandwidth policy (call admission control) limited or refused the media"),
    .triggers = N_("Call admission control: ms-diagnostics 4 \"Insufficient bandwidth\", or ICEWarn 0x8000 / 0x40000 on a "
                   "failed call (0x1000, 0x10000, 0x20000 give a warning); info when the policy only lowered the "
                   "bandwidth of a working call"),
    .actions = { N_("Check the bandwidth policy profile of the network link between the users' sites "
                    "(Get-CsNetworkBandwidthPolicyProfile) and how much of it is in use.") },
    .reference = REF_OCER " 9.2.2 (code 4); " REF_RESKIT " (0x1000, 0x8000, 0x10000, 0x20000, 0x40000)",
    .media = TRUE },
  { .id = "internal-media-blocked", .severity = LD_SEVERITY_ERROR,
    .title = N_("Media between two internal computers is blocked"),
    .triggers = N_("ms-client-diagnostics 22 (not 24): media failed although both computers were internal (internal "
                   "firewall, NAT or ALG rewriting media)"),
    .actions = { N_("Allow UDP and TCP between the client subnets on the client media port range (PortRange in the media "
                    "debug)."),
                 N_("Switch off SIP ALG / NAT rewriting for traffic between internal networks on the firewalls in "
                    "between.") },
    .reference = "field blog sample (code 22, a firewall's NAT option rewrote media)", .media = TRUE },
  { .id = "encryption-mismatch", .severity = LD_SEVERITY_ERROR,
    .title = N_("The two sides require different media encryption levels"),
    .triggers = N_("ms-client-diagnostics 52017 \"Encryption levels dont match\" (high confidence with a 488 Not "
                   "Acceptable Here)"),
    .actions = { N_("Compare the media encryption setting of both sides' pools or organisations: "
                    "Get-CsMediaConfiguration | Select-Object EncryptionLevel (RequireEncryption, SupportEncryption, "
                    "DoNotSupportEncryption)."),
                 N_("Third-party endpoints and gateways without SRTP need SupportEncryption on the Lync side, or an "
                    "update that supports SRTP.") },
    .reference = "pidgin-sipe src/core/sipe-media.c (488 with 52017)" },
  { .id = "multipart-not-supported", .severity = LD_SEVERITY_ERROR, .also = ALSO_INFO,
    .title = N_("A peer or server refused the multipart media offer (415)"),
    .triggers = N_("415 Unsupported Media Type for a multipart (ICE draft 6 + RFC 5245) offer; error when the call "
                   "failed, info when the client retried and the call went on"),
    .actions = { N_("Find the device that answered 415 (a third-party gateway or endpoint, an older server, an "
                    "archiving/CDR component) and update it or let it accept multipart/alternative.") },
    .reference = "pidgin-sipe (415 \"Mutipart mime in content type not supported by Archiving CDR service\")" },

  /* ---- Servers' codes and SIP statuses (rows of ld-rules-codes.c) -------- */
  { .id = "conference-refused", .severity = LD_SEVERITY_ERROR,
    .title = N_("The meeting refused the join"),
    .triggers = N_("ms-diagnostics 3000–3999 from the conference focus on a meeting join: the meeting refused it "
                   "(e.g. 3012 invalid conference URI, 3014 failed authorization)"),
    .reference = REF_OCER " 7.4 / 8.4" },
  { .id = "user-unknown", .severity = LD_SEVERITY_ERROR,
    .title = N_("The address does not exist or is not enabled for Lync"),
    .triggers = N_("404 Not Found, ms-diagnostics 1003 \"User does not exist\" or 4005 \"Destination URI either not "
                   "enabled for SIP or does not exist\", each on its own"),
    .actions = { N_("Check the spelling of the address; an old contact card or a renamed user is a common cause."),
                 N_("Check that the user exists and is enabled for Lync (Get-CsUser)."),
                 N_("For a contact in another organisation, ask their administrator; for a meeting, ask the organiser "
                    "for a fresh link.") },
    .reference = REF_OCER " 7.2 (1003), 8.5 (4005); " REF_RFC3261 " (404)" },
  { .id = "federation-dns", .severity = LD_SEVERITY_ERROR,
    .title = N_("DNS of the federated domain is not usable for federation"),
    .triggers = N_("ms-diagnostics 1009 (SRV and host domains conflict in DNS), also 1008 and 1014 DNS failures on the "
                   "route to a federated domain"),
    .reference = REF_OCER " 7.2; Cisco TAC federation document (504 with 1009)" },
  { .id = "federation-certificate", .severity = LD_SEVERITY_ERROR,
    .title = N_("The federated server's certificate was not accepted"),
    .triggers = N_("ms-diagnostics 1010: certificate trust with the next-hop (federated) server failed, e.g. "
                   "SEC_E_WRONG_PRINCIPAL"),
    .actions = { N_("Check that the issuing certificate authority is trusted on your Edge server.") },
    .reference = REF_OCER " 7.2; Cisco TAC federation document (504 with 1010)" },
  { .id = "external-access-policy", .severity = LD_SEVERITY_ERROR,
    .title = N_("A Lync policy does not allow this communication"),
    .triggers = N_("ms-diagnostics 1001, 1002, 1012 or 4003: the user's external access or remote access policy "
                   "forbids the call"),
    .actions = { N_("Check the user's external access policy (Get-CsExternalAccessPolicy: EnableFederationAccess, "
                    "EnablePublicCloudAccess, EnableOutsideAccess) and the federation settings "
                    "(Get-CsAccessEdgeConfiguration).") },
    .reference = REF_OCER " 7.2, 8.5" },
  { .id = "exchange-um", .severity = LD_SEVERITY_ERROR,
    .title = N_("Voice mail (Exchange Unified Messaging) could not be reached"),
    .triggers = N_("ms-diagnostics 15030 (the server could not route to Exchange Unified Messaging) or 15000 (the "
                   "Exchange UM routing application could not read the contact object called)"),
    .actions = { N_("Exchange Online: check the hosting provider for Exchange UM (Get-CsHostingProvider) and the user's "
                    "hosted voice mail settings."),
                 N_("Exchange on premises: check the UM dial plan and the certificates and trust between Lync and "
                    "Exchange.") },
    .reference = "mirazon.com field sample (15030); Microsoft support, calls to Subscriber Access or Auto Attendant fail (15000)" },
  { .id = "delegate-refused", .severity = LD_SEVERITY_ERROR,
    .title = N_("Scheduling a meeting on someone else's behalf was refused"),
    .triggers = N_("ms-diagnostics 4268 in the refusal of a request (a SERVICE request to schedule a meeting as a "
                   "delegate)"),
    .actions = { N_("The person whose meeting it is adds this user as a delegate in Lync / Skype for Business (Call "
                    "Forwarding settings, Edit my delegate members), then this user signs out and back in."),
                 N_("If delegates are managed in Outlook: enable EnableExchangeDelegateSync in the client policy of the "
                    "person who delegates (Set-CsClientPolicy), so the Outlook delegates reach Lync.") },
    .reference = "issue 19 field excerpt (403 with 4268); NextHop \"LyncMD: troubleshooting delegate permissions issues "
                 "in Lync 2010\" (2012-08-21); rischwen \"Lync 2013 Delegates Pt.1\" (EnableExchangeDelegateSync)" },
  { .id = "account-disabled", .severity = LD_SEVERITY_ERROR,
    .title = N_("The server signed the user out: the account is disabled"),
    .triggers = N_("ms-diagnostics(-public) 4141 \"User disabled\", in the server's registration NOTIFY "
                   "(deregistered;event=rejected) or a refused request"),
    .actions = { N_("Check the user's account in Lync / Skype for Business (Get-CsUser: Enabled) and in Active "
                    "Directory; enable it, or move it back to a pool, then sign in again.") },
    .reference = "pidgin-sipe src/core/sipe-notify.c (OCS 2007 example: 4141 \"User disabled\")" },
  { .id = "sign-in-unauthorized", .severity = LD_SEVERITY_ERROR,
    .title = N_("The server did not accept the user's sign-in credentials"),
    .triggers = N_("A sign-in (REGISTER) whose last answer is 401 Unauthorized after the client answered the server's "
                   "challenge: the authentication (NTLM, Kerberos or TLS-DSK) failed"),
    .actions = { N_("Check the user's password, and that the account is not locked, disabled or expired in Active "
                    "Directory."),
                 N_("Check the computer's clock and time zone: Kerberos and the server refuse credentials when the "
                    "clocks differ too much."),
                 N_("If the user signs in with an account name (UPN) other than the SIP address, enter it as the user "
                    "name in the client's sign-in settings.") },
    .reference = "RFC 3261 22.2 (401 challenge); pidgin-sipe src/core/sip-transport.c (\"Authentication failed\" "
                 "after the handshake)" },
  { .id = "sign-in-refused", .severity = LD_SEVERITY_ERROR,
    .title = N_("The server refused the sign-in"),
    .triggers = N_("A sign-in (REGISTER) answered 403 Forbidden with no failure code LyncDiag knows (a known code, such as "
                   "4003 remote access, explains it instead)"),
    .actions = { N_("Check that the user is enabled for Lync / Skype for Business (Get-CsUser) and allowed to sign in "
                    "from this network (external access policy for remote users)."),
                 N_("Give the response and its ms-diagnostics header to the Lync administrator; the Front End's logs "
                    "hold the reason.") },
    .reference = "pidgin-sipe src/core/sip-transport.c (403 to REGISTER: \"You have been rejected by the server\")" },
  { .id = "duplicate-conversation", .severity = LD_SEVERITY_INFO,
    .title = N_("A conversation with the same ID was already open"),
    .triggers = N_("488 with ms-client-diagnostics 52035: an IM session with the same conversation ID already exists "
                   "(says which client refused it)"),
    .actions = { N_("Close the conversation window with this contact on both sides and start a new conversation.") },
    .reference = "public Java OC gateway source comment (488 with 52035)" },
  { .id = "user-unavailable", .severity = LD_SEVERITY_INFO,
    .title = N_("The contact was not available"),
    .triggers = N_("480 Temporarily Unavailable: the contact was not signed in or no device took the call"),
    .actions = { N_("Check the contact's presence and try again when they are signed in.") },
    .reference = REF_RFC3261 ".4.18" },
  { .id = "call-declined", .severity = LD_SEVERITY_INFO,
    .title = N_("The contact declined or was busy"),
    .triggers = N_("486 Busy Here, 600 Busy Everywhere or 603 Decline: a person's decision, not a fault"),
    .actions = { N_("Nothing to fix; call again later.") },
    .reference = REF_RFC3261 },

  /* ---- Server traces' diagnostic records (ld-rules-server.c) ------------- */
  { .id = "server-certificate-mismatch", .severity = LD_SEVERITY_ERROR,
    .title = N_("The next server's certificate does not hold the name it was reached by"),
    .triggers = N_("A server trace's diagnostic record SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH (0xC3E93D67): the next "
                   "server's certificate does not contain the FQDN the DNS SRV record named"),
    .actions = { N_("Put the FQDN the federation SRV record (_sipfederationtls._tcp.<domain>) points to into the "
                    "Subject Alternative Name of that server's certificate (or its Common Name when it has no SAN), "
                    "or point the SRV record at a name the certificate holds."),
                 N_("The certificate must also be issued by a CA this server trusts (a public CA for Office 365).") },
    .reference = REF_CISCO_212383 },
  { .id = "server-srv-domain-mismatch", .severity = LD_SEVERITY_ERROR,
    .title = N_("The federated domain's SRV record points outside the domain"),
    .triggers = N_("A server trace's diagnostic record SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH "
                   "(0xC3E93D6F): the federated domain's DNS SRV record points to hosts outside that domain"),
    .actions = { N_("Make the _sipfederationtls._tcp SRV record of the domain point to a host name in exactly that "
                    "domain (no other domain, no subdomain), with an A record and a certificate for that name.") },
    .reference = REF_CISCO_212383 },
  { .id = "server-routing", .severity = LD_SEVERITY_ERROR,
    .title = N_("The server refused the request's Route headers"),
    .triggers = N_("A server trace's diagnostic record SIPPROXY_E_ROUTING (0xC3E93C5E): Route headers from a server "
                   "that is not trusted, or not matching the connection the request came on"),
    .actions = { N_("Check that the server that sent the request is a trusted server or the configured next hop of "
                    "this one (the Peer: of the record).") },
    .reference = "Microsoft support article \"Lync Server PowerShell cmdlet Test-CsFederatedPartner fails\" "
                 "(MicrosoftDocs/SupportArticles-docs)" },
  { .id = "server-tls-failure", .severity = LD_SEVERITY_ERROR,
    .title = N_("TLS with the next server failed"),
    .triggers = N_("A server trace's diagnostic record with a TLS (Schannel) result: SEC_E_WRONG_PRINCIPAL, "
                   "SEC_E_UNTRUSTED_ROOT, SEC_E_CERT_EXPIRED, SEC_E_TIME_SKEW, SEC_E_CERT_UNKNOWN or "
                   "SEC_E_ILLEGAL_MESSAGE"),
    .actions = { N_("Check the certificate of the server named in the record (its Peer:): its names, its chain up "
                    "to a CA this server trusts, its validity dates.") },
    .reference = "winerror.h (Schannel SEC_E_ codes); " REF_CISCO_212383 " (ms-diagnostics 1010, SEC_E_WRONG_PRINCIPAL)" },
  { .id = "server-diagnostic", .severity = LD_SEVERITY_WARNING, .also = ALSO_INFO,
    .title = N_("The server logged an error or a warning"),
    .triggers = N_("Any other error or warning diagnostic record of a server trace (TL_ERROR / TL_WARN, or Severity: "
                   "error / warning): a warning for an error, info for a warning, told with the server's text and "
                   "Result-Code; informational records are not findings"),
    .actions = { N_("Look up the Result-Code and the text in the server's documentation, and read the records "
                    "around this one in the trace (Snooper shows them with the SIP they concern).") },
    .reference = "the server's own text" },

  { .id = "no-response", .severity = LD_SEVERITY_WARNING,
    .title = N_("A request got no answer"),
    .triggers = N_("An INVITE has no final response in the log (low confidence when the log ends less than 32 seconds "
                   "later)"),
    .actions = { N_("Check whether the log goes on past this point (a later rotated file)."),
                 N_("If it does, check the connection to the Front End or Edge server the request was sent to.") },
    .reference = REF_RFC3261 " (Timer B, 64*T1 = 32 s)" },

  /* ---- Patterns across attempts (ld-rules-cross.c) ------------------------ */
  { .id = "fails-one-contact", .severity = LD_SEVERITY_WARNING,
    .title = N_("Every failure was with one contact"),
    .triggers = N_("Across attempts: every failure was with one contact while the same kind of call worked with others"),
    .reference = REF_KB2386684 " (reproduce with one contact or several)", .pattern = TRUE },
  { .id = "fails-one-domain", .severity = LD_SEVERITY_WARNING,
    .title = N_("Every failure was with one domain"),
    .triggers = N_("Across attempts: failures with several contacts, all in one domain, while other domains worked"),
    .reference = REF_KB2386684 " (commonalities among the contacts)", .pattern = TRUE },
  { .id = "fails-all-remote", .severity = LD_SEVERITY_WARNING,
    .title = N_("Every call that needed the Edge failed"),
    .triggers = N_("Across attempts: every call that had to pass the Edge (a side outside or federated) failed, with at "
                   "least two attempts"),
    .reference = REF_KB2386684 " (commonalities among the contacts)", .pattern = TRUE },
  { .id = "fails-only-app-sharing", .severity = LD_SEVERITY_WARNING,
    .title = N_("Only application sharing failed"),
    .triggers = N_("Across attempts: application sharing failed while every audio/video call worked"),
    .reference = REF_FIELD24, .pattern = TRUE },
  { .id = "fails-one-relay", .severity = LD_SEVERITY_WARNING,
    .title = N_("Every failure used one media relay"),
    .triggers = N_("Across attempts: every failure used one media relay (LocalMR) while calls through other relays "
                   "worked"),
    .reference = REF_KB2386684 " (commonalities among the contacts)", .pattern = TRUE },
  { .id = "fails-one-network", .severity = LD_SEVERITY_WARNING,
    .title = N_("Every failure came from one network"),
    .triggers = N_("Across attempts: every failure came from one local network (client address /24) while other "
                   "networks worked"),
    .reference = REF_KB2386684 " (commonalities)", .pattern = TRUE },
  { .id = "fails-one-client-version", .severity = LD_SEVERITY_WARNING,
    .title = N_("Every failure came from one client version"),
    .triggers = N_("Across attempts: every failure came from one client version while another version worked"),
    .reference = REF_KB2386684 " (commonalities)", .pattern = TRUE },
  { .id = "failures-started-at", .severity = LD_SEVERITY_WARNING,
    .title = N_("Calls worked, then every later call failed"),
    .triggers = N_("Across attempts: calls worked until a point in time and every call after it failed (at least two of "
                   "each)"),
    .reference = REF_KB2386684 " (commonalities)", .pattern = TRUE },

  /* ---- What nothing above explains (runs last) --------------------------- */
  { .id = "unexplained-failure", .severity = LD_SEVERITY_ERROR,
    .title = N_("A failure no other rule explains"),
    .triggers = N_("A failed attempt that no other rule explains; its decoded code and reason are shown"),
    .actions = { N_("Read the decoded diagnostics of these attempts and the call flow around them.") },
    .reference = "LyncDiag's code tables (ld-codes.c)" },
};

/* Two causes that fit the same attempts.  Resolved by the evidence first
 * (the surer finding is the likelier), by these rows when both are as
 * sure; either way the finding says what check tells them apart. */
static const LdCauseRivalry rivalries[] = {
  { .likely = "ports-blocked", .other = "tcp-media-blocked",
    .why = N_("0x4000000 (TCP-TCP checks over the TURN server failed) is the Resource Kit's sign of TCP 443 to the Edge "
              "not being open, and Microsoft's article names blocked ports first; traffic inspection gives the same "
              "0x20 + 0x100 + 0x200 but, in the field case it fixed, without 0x4000000"),
    .check = N_("Run the network check from the affected computer: if TCP 443 or 50000–59999 to the relays does not "
                "connect, it is the ports; if it connects, switch the antivirus's or firewall's traffic inspection off "
                "for a moment and retry") },
  { .likely = "ports-blocked", .other = "edge-to-edge",
    .why = N_("a firewall at one of the two networks is far more common than two Edge servers that cannot reach each "
              "other, and the same ICE bits fit both"),
    .check = N_("Ask a colleague to share with the same contact from another network, and get the other side's log: a "
                "block at this network fails only from here, a problem between the two Edge servers fails for everyone "
                "between the two organisations") },
  { .likely = "tcp-media-blocked", .other = "edge-to-edge",
    .why = N_("every TCP path failed, which a firewall or security software on one side explains without a second "
              "Edge server being involved"),
    .check = N_("Ask a colleague to reproduce with the same contact, and get the other side's log: if it fails for "
                "everyone, suspect the Edge servers; if only from this computer, its firewall or antivirus") },
  { .likely = "proxy-tls-inspection", .other = "ports-blocked",
    .why = N_("0x800000 (pseudo-TLS failure) says the TCP 443 connection to the relay was reached and then broken by "
              "TLS inspection, not blocked"),
    .check = N_("Let the computer reach the relay without the proxy (or with TLS inspection off for it) and retry") },
  { .likely = "proxy-tls-inspection", .other = "tcp-media-blocked",
    .why = N_("0x800000 (pseudo-TLS failure) names the inspection of the TLS to the relay outright"),
    .check = N_("Exempt the relay addresses from SSL inspection on the proxy and retry") },
  { .likely = "winsock-lsp", .other = "tcp-media-blocked",
    .why = N_("0x8000000 (use-candidate checks failed) says a path was chosen and then broken on this computer, which "
              "the Resource Kit puts down to Winsock LSPs"),
    .check = N_("List the Winsock providers (netsh winsock show catalog) and retry with third-party ones removed") },
  { .likely = "turn-unreachable", .other = "udp-blocked",
    .why = N_("0x1 says the relay could not be reached at all, which also makes every UDP path through it fail"),
    .check = N_("Run the network check: TCP 443 and UDP 3478 to the relay") },
  { .likely = "turn-unreachable", .other = "ports-blocked",
    .why = N_("0x1 says the relay could not be reached at all; the other bits follow from that"),
    .check = N_("Run the network check: TCP 443 and UDP 3478 to the relay, then TCP 50000–59999") },
  { .likely = "external-access-policy", .other = "sign-in-refused",
    .why = N_("the response's code names the policy that refused it"),
    .check = N_("Check the user's external access policy (Get-CsExternalAccessPolicy)") },
  { .likely = "federated-media", .other = "edge-to-edge",
    .why = N_("the call was federated, so the two Edge servers belong to two organisations and each must reach the "
              "other"),
    .check = N_("Ask the partner's administrator for their Edge log of the same call") },
  { .likely = "internal-media-blocked", .other = "tcp-media-blocked",
    .why = N_("both computers were inside the company network (code 22), so the block sits between internal networks, "
              "not at the Edge"),
    .check = N_("Try the same call between two computers on the same subnet: if it works, the firewall between the "
                "subnets is the block") },
};

/**
 * ld_causes_list:
 * @n_causes: (out): how many rows
 *
 * Returns: (transfer none) (array length=n_causes): every cause, in the
 *   order findings of equal weight are shown
 */
const LdCause *
ld_causes_list (guint *n_causes)
{
  *n_causes = G_N_ELEMENTS (causes);
  return causes;
}

/**
 * ld_cause_lookup:
 * @id: a cause id ("ports-blocked")
 *
 * Returns: (transfer none) (nullable): the row
 */
const LdCause *
ld_cause_lookup (const char *id)
{
  if (id == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (causes); i++)
    if (strcmp (causes[i].id, id) == 0)
      return &causes[i];
  return NULL;
}

/**
 * ld_cause_dup_severities:
 *
 * Returns: (transfer full): "error", or "error / info" for a cause that is
 *   information on a call that worked (untranslated, stable: the README's
 *   and `lyncdiag-cli rules`' column)
 */
char *
ld_cause_dup_severities (const LdCause *cause)
{
  GString *s = g_string_new (ld_severity_to_string (cause->severity));

  for (int sev = LD_SEVERITY_ERROR; sev <= LD_SEVERITY_INFO; sev++)
    if ((cause->also & (1u << sev)) != 0 && sev != (int) cause->severity)
      g_string_append_printf (s, " / %s", ld_severity_to_string ((LdSeverity) sev));
  return g_string_free (s, FALSE);
}

/**
 * ld_cause_get_article_cause:
 *
 * Returns: (transfer none) (nullable): the article's cause @cause counts
 *   for in the wizard, or %NULL
 */
const LdCause *
ld_cause_get_article_cause (const LdCause *cause)
{
  return cause != NULL ? ld_cause_lookup (cause->article_cause) : NULL;
}

static int
compare_article_order (gconstpointer a,
                       gconstpointer b)
{
  const LdCause *x = *(const LdCause **) a;
  const LdCause *y = *(const LdCause **) b;

  return (int) x->article_order - (int) y->article_order;
}

/**
 * ld_causes_dup_article_causes:
 *
 * Returns: (transfer container) (element-type LdCause): the causes of
 *   Microsoft's article, in its order
 */
GPtrArray *
ld_causes_dup_article_causes (void)
{
  GPtrArray *out = g_ptr_array_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (causes); i++)
    if (causes[i].article_order > 0)
      g_ptr_array_add (out, (gpointer) &causes[i]);
  g_ptr_array_sort (out, compare_article_order);
  return out;
}

/**
 * ld_cause_rivalry_lookup:
 * @a: a cause id
 * @b: another cause id
 *
 * Returns: (transfer none) (nullable): the row for the two, in either order
 */
const LdCauseRivalry *
ld_cause_rivalry_lookup (const char *a,
                         const char *b)
{
  for (gsize i = 0; i < G_N_ELEMENTS (rivalries); i++)
    if ((g_strcmp0 (rivalries[i].likely, a) == 0 && g_strcmp0 (rivalries[i].other, b) == 0) ||
        (g_strcmp0 (rivalries[i].likely, b) == 0 && g_strcmp0 (rivalries[i].other, a) == 0))
      return &rivalries[i];
  return NULL;
}

const LdCauseRivalry *
ld_cause_rivalries_list (guint *n_rivalries)
{
  *n_rivalries = G_N_ELEMENTS (rivalries);
  return rivalries;
}
