#!/usr/bin/env python3
# make-wizard-fixtures.py - writes the wizard-*.uccapilog fixtures
#
# Each fixture is a Lync 2010 client log with the framing of
# Communicator-uccapi-0.uccapilog: peer-to-peer calls whose BYE carries the
# ms-client-diagnostics a cause of the wizard reads.
#
# SPDX-License-Identifier: GPL-3.0-or-later
import os

SERVER = "198.51.100.7:443"
LOCAL = "10.10.4.22:51876"
UA = "UCCAPI/4.0.7577.4356 OC/4.0.7577.4356 (Microsoft Lync 2010)"


class Log:
    def __init__(self, user, server=SERVER):
        self.user = user
        self.server = server
        self.lines = []
        self.t = 14 * 3600 * 1000 + 20 * 60 * 1000
        self.n = 0
        self.line("UCCP Tracing started for Microsoft Lync 2010")

    def stamp(self):
        ms = self.t
        h, ms = divmod(ms, 3600000)
        m, ms = divmod(ms, 60000)
        s, ms = divmod(ms, 1000)
        return "03/12/2013|%02d:%02d:%02d.%03d F20:1A0 INFO :: " % (h, m, s, ms)

    def line(self, text, level="INFO"):
        self.lines.append(self.stamp().replace("INFO", level) + text)
        self.t += 1

    def packet(self, sent, start, headers, body=""):
        size = len(start) + sum(len(h) + 2 for h in headers) + len(body)
        if sent:
            head = "Sending Packet - %s (From Local Address: %s) %d bytes" % (self.server, LOCAL, size)
        else:
            head = "Data Received -%s (To Local Address: %s) %d bytes" % (self.server, LOCAL, size)
        self.line(head + ":")
        self.line(start)
        self.lines.extend(headers)
        self.lines.append("Content-Length: %d" % len(body))
        self.lines.append("")
        if body:
            self.lines.extend(body.rstrip("\n").split("\n"))
        self.line("End of " + head)
        self.t += 200

    def call(self, contact, media, diag):
        self.n += 1
        cid = "%032x" % (0xfeed0000 + self.n)
        tag = "a%07d" % self.n
        rtag = "b%07d" % self.n
        frm = "From: <sip:%s>;tag=%s;epid=5e6f7a8b9c" % (self.user, tag)
        to = "To: <sip:%s>" % contact
        to_tag = "To: <sip:%s>;tag=%s;epid=6f7a8b9c0d" % (contact, rtag)
        proto = "TCP/RTP/AVP" if media == "applicationsharing" else "RTP/AVP"
        sdp = ("v=0\no=- 0 0 IN IP4 10.10.4.22\ns=session\nc=IN IP4 10.10.4.22\nt=0 0\n"
               "m=%s 50045 %s 127\na=candidate:1 1 TCP-PASS 2120613887 10.10.4.22 50045 typ host\n" % (media, proto))
        self.t += 60000
        self.packet(True, "INVITE sip:%s SIP/2.0" % contact,
                    ["Via: SIP/2.0/TLS " + LOCAL, "Max-Forwards: 70", frm, to, "Call-ID: " + cid,
                     "CSeq: 1 INVITE", "Contact: <sip:%s;opaque=user:epid:Ab12Cd34Ef56Gh78Ij90KlAAA;gruu>" % self.user,
                     "User-Agent: " + UA, "Content-Type: application/sdp"], sdp)
        self.packet(False, "SIP/2.0 200 OK",
                    ["Via: SIP/2.0/TLS %s;ms-received-port=51876;ms-received-cid=2200" % LOCAL, frm, to_tag,
                     "Call-ID: " + cid, "CSeq: 1 INVITE", "Content-Type: application/sdp"], sdp)
        self.packet(True, "ACK sip:%s;opaque=user:epid:Zy98Xw76Vu54Ts32Rq10PoAAA;gruu SIP/2.0" % contact,
                    ["Via: SIP/2.0/TLS " + LOCAL, frm, to_tag, "Call-ID: " + cid, "CSeq: 1 ACK"])
        self.t += 15000
        self.packet(True, "BYE sip:%s;opaque=user:epid:Zy98Xw76Vu54Ts32Rq10PoAAA;gruu SIP/2.0" % contact,
                    ["Via: SIP/2.0/TLS " + LOCAL, frm, to_tag, "Call-ID: " + cid, "CSeq: 2 BYE",
                     "User-Agent: " + UA, "ms-client-diagnostics: " + diag])
        self.packet(False, "SIP/2.0 200 OK",
                    ["Via: SIP/2.0/TLS %s;ms-received-port=51876;ms-received-cid=2200" % LOCAL, frm, to_tag,
                     "Call-ID: " + cid, "CSeq: 2 BYE"])

    def write(self, name):
        here = os.path.dirname(os.path.abspath(__file__))
        with open(os.path.join(here, name), "w", newline="\n") as f:
            f.write("\n".join(self.lines) + "\n")


def media_debug(kind, ice, local_mr, remote_mr, remote_loc=1, fed=0, rng="50040:50059"):
    return ('CallerMediaDebug="%s:ICEWarn=%s,LocalSite=203.0.113.40:50045,LocalMR=%s,RemoteSite=192.0.2.81:50045,'
            'RemoteMR=%s,PortRange=%s,LocalMRTCPPort=50100,RemoteMRTCPPort=50200,LocalLocation=1,'
            'RemoteLocation=%d,FederationType=%d"' % (kind, ice, local_mr, remote_mr, rng, remote_loc, fed))


R24 = '24; reason="Call failed to establish due to a media connectivity failure when both endpoints are remote";'
R23 = ('23; reason="Call failed to establish due to a media connectivity failure when one endpoint is internal '
       'and the other is remote";')

# Several contacts, all remote, all through one relay: sharing fails with both.
log = Log("carol@fabrikam.com")
log.call("dave@fabrikam.com", "applicationsharing",
         R24 + media_debug("application-sharing", "0x320", "198.51.100.20:50100", "198.51.100.20:50200"))
log.call("erin@fabrikam.com", "applicationsharing",
         R24 + media_debug("application-sharing", "0x320", "198.51.100.20:50110", "198.51.100.20:50210"))
log.write("wizard-several-contacts.uccapilog")

# Audio fails as well as sharing, through one relay, and the meeting host
# does not resolve: not TCP-specific, not two Edges, meet.lync.com blocked.
log = Log("carol@fabrikam.com")
log.line("CWebTicketProvider::Resolve - name lookup of meet.lync.com failed, error 0x80072ee7", "ERROR")
log.call("dave@fabrikam.com", "applicationsharing",
         R23 + media_debug("application-sharing", "0x4000320", "198.51.100.20:50100", "198.51.100.20:50200", 2))
log.call("dave@fabrikam.com", "audio",
         R23 + media_debug("audio", "0x40003a0", "198.51.100.20:50120", "198.51.100.20:50220", 2,
                           rng="50020:50039"))
log.write("wizard-audio-fails.uccapilog")

# Relays and server on the loopback address, so the CLI's network check
# can be tested end to end without leaving this computer.
log = Log("carol@fabrikam.com", "127.0.0.1:5061")
log.call("dave@fabrikam.com", "applicationsharing",
         R24 + media_debug("application-sharing", "0x320", "127.0.0.1:50100", "127.0.0.1:50200"))
log.write("wizard-loopback-relay.uccapilog")

# A meeting join the focus refuses, then an audio call that fails: the
# symptom is the join, and audio/video is the related one.
log = Log("carol@fabrikam.com")
log.t += 60000
conf = "sip:joe@fabrikam.com;gruu;opaque=app:conf:focus:id:7QK2LM9D"
frm = "From: <sip:carol@fabrikam.com>;tag=c0ffee01;epid=5e6f7a8b9c"
log.packet(True, "INVITE %s SIP/2.0" % conf,
           ["Via: SIP/2.0/TLS " + LOCAL, "Max-Forwards: 70", frm, "To: <%s>" % conf,
            "Call-ID: 5f0c0ffee0c0ffee0c0ffee0c0ffee01", "CSeq: 1 INVITE",
            "Contact: <sip:carol@fabrikam.com;opaque=user:epid:Ab12Cd34Ef56Gh78Ij90KlAAA;gruu>",
            "User-Agent: " + UA, "Content-Type: application/cccp+xml"],
           '<request xmlns="urn:ietf:params:xml:ns:cccp" C3PVersion="1" requestId="0"><addUser/></request>')
log.packet(False, "SIP/2.0 404 Not Found",
           ["Via: SIP/2.0/TLS %s;ms-received-port=51876;ms-received-cid=2200" % LOCAL, frm,
            "To: <%s>;tag=F0C05001" % conf, "Call-ID: 5f0c0ffee0c0ffee0c0ffee0c0ffee01", "CSeq: 1 INVITE",
            'ms-diagnostics: 3012;reason="Invalid conference URI";source="fe01.fabrikam.com"'])
log.call("dave@fabrikam.com", "audio",
         R24 + media_debug("audio", "0x80012b", "198.51.100.20:50120", "198.51.100.21:50220",
                           rng="50020:50039"))
log.write("wizard-meeting-join.uccapilog")

# Another user's log with the same contact: together with
# Communicator-uccapi-0.uccapilog it shows someone else reproducing it.
log = Log("frank@fabrikam.com")
log.call("dave@fabrikam.com", "applicationsharing",
         R24 + media_debug("application-sharing", "0x320", "198.51.100.20:50130", "198.51.100.20:50230"))
log.write("wizard-second-user.uccapilog")
