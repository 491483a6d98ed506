/* diagnostic-excerpts.h - real ms-diagnostics headers the diagnostic and decode tests share
 *
 * Each value is as printed in its source, named in the comment above it.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

/* Microsoft KB 2386684 (sample 04), header value as printed there. */
#define KB23_VALUE \
  "23; reason=\"Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote\";" \
  "CallerMediaDebug=\"application-sharing:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702, LocalMR=207.46.5.63:54829," \
  "RemoteSite=11.1.111.11:62198, RemoteMR=65.55.127.64:51184, PortRange=1025:65000,LocalMRTCPPort=54829, " \
  "RemoteMRTCPPort=51184,LocalLocation=1, RemoteLocation=2,FederationType=0\""

#define KB23_REASON \
  "Call failed to establish due to a media connectivity failure when one endpoint is internal and the other is remote"

#define REASON24 \
  "Call failed to establish due to a media connectivity failure when both endpoints are remote"

/* pareshj blog (sample 05): copy A with the blog engine's typographic
 * quotes (a value even opens with U+201D and closes with U+2033), copy B
 * with straight quotes and extra spaces. */
#define PARESHJ_A \
  "24; reason=“Call failed to establish due to a media connectivity failure when both endpoints are remote”;" \
  "CallerMediaDebug=”application-sharing:ICEWarn=0x320,,,RemoteSite=,PortRange=50040:50049,LocalMRTCPPort=57498," \
  "LocalLocation=1,RemoteLocation=1,FederationType=0″"

#define PARESHJ_B \
  "24; reason= \"Call failed to establish due to a media connectivity failure when both endpoints are remote\" ;" \
  "CallerMediaDebug=\"application-sharing:ICEWarn=0x320,LocalSite=xx.xx.xxx.x:xxx,LocalMR=xx.xx.xxx.xx:xx," \
  "RemoteSite=192.168.20.203:50045,PortRange=50040:50049,LocalMRTCPPort=57498,LocalLocation=1,RemoteLocation=1," \
  "FederationType=0\""

/* msxfaq icewarn page (sample 02), the wrapped lines joined into one. */
#define MSXFAQ_51007 \
  "51007;reason=\"Callee media connectivity diagnosis info\";" \
  "CalleeMediaDebug=\"audio:ICEWarn=0x0,LocalSite=192.168.100.1:50034,LocalMR=192.168.100.1::58503," \
  "RemoteSite=80.187.111.135:20726,RemoteMR=80.60.22.20:58091,PortRange=50020:50039,LocalMRTCPPort=59100," \
  "RemoteMRTCPPort=58091,LocalLocation=2,RemoteLocation=2,FederationType=0,NetworkName=msxfaq.net," \
  "Interfaces=0x12,BaseInterface=0x2,BaseAddress=192.168.100.1:50020\""

#define MSXFAQ_51004 \
  "51004; reason=\"Action initiated by user\";" \
  "CalleeMediaDebug=\"audio:ICEWarn=0x40003a0,LocalSite=192.168.100.1:50034,LocalMR=192.168.100.1::58503," \
  "RemoteSite=80.187.111.135:20726,RemoteMR=192.168.100.1::58091,PortRange=50020:50039,LocalMRTCPPort=59100," \
  "RemoteMRTCPPort=58091,LocalLocation=2,RemoteLocation=2,FederationType=0,NetworkName=msxfaq.net," \
  "Interfaces=0x12,BaseInterface=0x2,BaseAddress=192.168.100.1:50020\""

/* The same two responses as wrapped on the msxfaq page, with the log prefix. */
#define MSXFAQ_WRAPPED \
  "06/05/2014|14:11:35.833 1384:11C0 INFO :: SIP/2.0 200\n" \
  "ms-client-diagnostics: 51007;reason=\"Callee media connectivity diagnosis info\";\n" \
  "CalleeMediaDebug=\"audio:ICEWarn=0x0,\n" \
  "LocalSite=192.168.100.1:50034,LocalMR=192.168.100.1::58503,\n" \
  "RemoteSite=80.187.111.135:20726,RemoteMR=80.60.22.20:58091,\n" \
  "PortRange=50020:50039,LocalMRTCPPort=59100,RemoteMRTCPPort=58091,\n" \
  "LocalLocation=2,RemoteLocation=2,FederationType=0,\n" \
  "NetworkName=msxfaq.net,Interfaces=0x12,BaseInterface=0x2,BaseAddress=192.168.100.1:50020\"\n" \
  "\n" \
  "06/05/2014|14:12:02.766 1384:11C0 INFO :: BYE sip:frank@msxfaq.net;opaque=user:epid:mV1VibmVCl-rGn-asKt9hQAA;gruu SIP/2.0\n" \
  "ms-client-diagnostics: 51004; reason=\"Action initiated by User\";\n" \
  "CalleeMediaDebug=\"audio:ICEWarn=0x40003a0,\n" \
  "LocalSite=192.168.100.1:50034,LocalMR=192.168.100.1::58503,\n" \
  "RemoteSite=80.187.111.135:20726,RemoteMR=192.168.100.1::58091,\n" \
  "PortRange=50020:50039,LocalMRTCPPort=59100,RemoteMRTCPPort=58091,\n" \
  "LocalLocation=2,RemoteLocation=2,FederationType=0,\n" \
  "NetworkName=msxfaq.net,Interfaces=0x12,BaseInterface=0x2,BaseAddress=192.168.100.1:50020\"\n"

/* The support-article seed: the header folded inside the quoted reason,
 * CRLF line ends, "failedto" as printed there, then prose. */
#define SEED_FOLDED \
  "Directly under the join attempt is the server's response to your join attempt.\r\n" \
  "ms-client-diagnostics: 23; reason=\"\r\n" \
  "Call failedto establish due to a media connectivity failure\r\n" \
  "when one endpoint is internal and the other is remote\"\r\n" \
  ";CallerMediaDebug=\"application-sharing:ICEWarn=0x4000320,LocalSite=207.46.5.9:20702,\r\n" \
  "LocalMR=207.46.5.63:54829,RemoteSite=11.1.111.11:62198, RemoteMR=65.55.127.64:51184,\r\n" \
  "PortRange=1025:65000,LocalMRTCPPort=54829, RemoteMRTCPPort=51184,LocalLocation=1,\r\n" \
  "RemoteLocation=2,FederationType=0\"\r\n" \
  "This issue usually occurs because one or more of the following conditions are true:\r\n"

/* Cisco TAC document (sample 13), odd spaces as printed there. */
#define CISCO_1009 \
  "1009; reason =\"No match for domain in DNS SRV results\"; domain =\" cms.steven.lab \"; " \
  "fqdn1 =\" vcse.sub.cms.steven.lab :5061\";source=\"sip.skype.lab\""

#define CISCO_1010 \
  "1010; reason =\"Certificate trust with another server could not be established\";" \
  "ErrorType=\"The peer certificate does not contain a matching FQDN\"; tls-target =\" vcse.cms.steven.lab \"; " \
  "PeerServer =\" vcse.steven.lab \";HRESULT=\"0x80090322(SEC_E_WRONG_PRINCIPAL)\";source=\"sip.skype.lab\""

/* Lab fixture (sample 10): no Edge, so no TURN server and RemoteLocation=0. */
#define LAB_51007 \
  "51007;reason=\"Callee media connectivity diagnosis info\";CalleeMediaDebug=\"audio:ICEWarn=0x80000," \
  "LocalSite=192.168.56.1:14832,RemoteSite=192.168.66.57:6002,PortRange=1025:65000,LocalLocation=2," \
  "RemoteLocation=0,FederationType=0,Interfaces=0x12\""

/* Monitoring server rendering with the media fields flattened (ucsorted 2015). */
#define MONITORING_25 \
  "25; reason=”A federated call failed to establish due to a media connectivity failure where both endpoints are internal”; " \
  "UserType=”Callee”; MediaType=”audio”; ICEWarn=”0x40003a0″; LocalSite=”192.168.99.33:20008″;" \
  "LocalMR=”60.234.48.202:54594″; PortRange=”20000:20039″; LocalLocation=”2″; RemoteLocation=”2″; " \
  "FederationType=”1″; MrDnsU=”lyncedge01.ucsorted.com”"
