/* ld-report-roles.c - who does a cause's first action, and how they check that it worked
 *
 * A ticket is read by whoever must act: the user, the administrator of
 * the computer, of the network, or of Lync / Teams. The report's first
 * page names, for the first action of each cause, who that is and what
 * they will see when the action worked, so the ticket can be routed and
 * closed. One row per cause (ld-causes.c lists them), keyed by its id:
 * who does the cause's own actions, and who the actions a finding writes
 * for the addresses it saw when that is someone else; the check is worded
 * for the kind of session that failed, so a blocked TCP path on an audio
 * call is checked with an audio call.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-report"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-knowledge.h"
#include "ld-report-private.h"

typedef struct
{
  const char   *rule;
  LdReportRole  who;        /* of the cause's own actions (ld-causes.c) */
  LdReportRole  who_here;   /* of the actions a finding writes for what it saw (addresses, ranges) */
  gboolean      here_set;   /* who_here differs from who */
  const char   *check;      /* N_: one %s, the session to retry ("the audio call") */
} RoleRow;

static const RoleRow rows[] = {
  { .rule = "ports-blocked", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("From the affected computer, the network check (lyncdiag-cli wizard --network-check) reaches every "
                "media relay on TCP 443; then %s works and its log has no ICEWarn 0x4000000.") },
  { .rule = "tcp-media-blocked", .who = LD_REPORT_ROLE_DESKTOP_ADMIN,
    .who_here = LD_REPORT_ROLE_NETWORK_ADMIN, .here_set = TRUE,
    .check = N_("With the TCP media let through (ports allowed, inspection excepted), %s connects; its log no longer "
                "shows ICEWarn 0x20, 0x100 and 0x200 together.") },
  { .rule = "edge-to-edge", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("From each A/V Edge's external interface, TCP 443 to the other side's media relay connects; then %s "
                "works with the same contact.") },
  { .rule = "meet-lync-blocked", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("On the affected computer, https://meet.lync.com opens in a browser without a proxy or certificate "
                "error and nslookup meet.lync.com answers; then %s works.") },
  { .rule = "turn-unreachable", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .who_here = LD_REPORT_ROLE_NETWORK_ADMIN, .here_set = TRUE,
    .check = N_("The network check reaches the media relay on TCP 443 and gets a STUN answer on UDP 3478; %s then "
                "shows no ICEWarn 0x1 in its log.") },
  { .rule = "udp-blocked", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("The network check gets a STUN answer from the media relay on UDP 3478; %s then shows no ICEWarn "
                "0x2, 0x4 or 0x80.") },
  { .rule = "turn-credentials", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("After the user signs out and back in, %s works and its log shows no ICEWarn 0x4000.") },
  { .rule = "no-turn-server", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("After the user signs in again, %s works and its log shows no ICEWarn 0x80000.") },
  { .rule = "port-range-exhausted", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .who_here = LD_REPORT_ROLE_NETWORK_ADMIN, .here_set = TRUE,
    .check = N_("The client's new log shows the wider PortRange in CallerMediaDebug, and %s works.") },
  { .rule = "proxy-tls-inspection", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("The proxy's log shows the media relay addresses passed through without inspection; %s then shows "
                "no ICEWarn 0x800000.") },
  { .rule = "proxy-auth-failed", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("The proxy's log shows the client's connection to the media relay allowed; %s then shows no ICEWarn "
                "0x2000000.") },
  { .rule = "winsock-lsp", .who = LD_REPORT_ROLE_DESKTOP_ADMIN,
    .check = N_("\"netsh winsock show catalog\" lists no third-party provider left in the way, and %s stays "
                "connected.") },
  { .rule = "bandwidth-policy", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("%s connects with the audio and video the users expect; its log has no ms-diagnostics 4 or "
                "bandwidth ICEWarn bits.") },
  { .rule = "federated-media", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("Both organisations' A/V Edges reach each other's relays; %s with the partner then works.") },
  { .rule = "internal-media-blocked", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("Between the two internal networks the client media ports pass; %s then works and its log has no "
                "ms-client-diagnostics 22.") },
  { .rule = "encryption-mismatch", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("Get-CsMediaConfiguration shows compatible EncryptionLevel settings on both sides, and %s no longer "
                "ends with 52017.") },
  { .rule = "conference-refused", .who = LD_REPORT_ROLE_USER,
    .check = N_("With the fresh link, %s works.") },
  { .rule = "user-unknown", .who = LD_REPORT_ROLE_USER,
    .check = N_("With the corrected address, %s reaches the contact instead of ending with 404.") },
  { .rule = "federation-dns", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("nslookup -type=SRV _sipfederationtls._tcp.<their domain> answers with their Edge, and %s with the "
                "partner works.") },
  { .rule = "federation-certificate", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("The partner's Edge certificate names the host their DNS record gives; %s then no longer ends with "
                "1010.") },
  { .rule = "external-access-policy", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("Get-CsExternalAccessPolicy shows the user allowed to reach this contact; %s then works.") },
  { .rule = "exchange-um", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("A test call to voice mail connects, and %s no longer ends with 15030.") },
  { .rule = "multipart-not-supported", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("The device that answered 415 accepts the call after its update or configuration change: %s "
                "works.") },
  { .rule = "duplicate-conversation", .who = LD_REPORT_ROLE_USER,
    .check = N_("After both sides close the old conversation window, %s starts normally.") },
  { .rule = "user-unavailable", .who = LD_REPORT_ROLE_USER,
    .check = N_("When the contact shows as available, %s is answered.") },
  { .rule = "call-declined", .who = LD_REPORT_ROLE_USER,
    .check = N_("%s is answered when the contact accepts it.") },
  { .rule = "no-response", .who = LD_REPORT_ROLE_DESKTOP_ADMIN,
    .check = N_("The next log covers the whole of %s, with its final response.") },
  { .rule = "delegate-refused", .who = LD_REPORT_ROLE_USER,
    .check = N_("Once the user is a delegate, %s works.") },
  { .rule = "account-disabled", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("Get-CsUser shows the account enabled; the user signs in and %s works.") },
  { .rule = "fails-one-contact", .who = LD_REPORT_ROLE_USER,
    .check = N_("A colleague's %s with the same contact shows whether the problem sits on the contact's side.") },
  { .rule = "fails-one-domain", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("%s with a contact of that domain works after the federation settings are corrected.") },
  { .rule = "fails-all-remote", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("From outside the company network, %s works through the Edge.") },
  { .rule = "fails-only-app-sharing", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("%s works like the audio and video calls do.") },
  { .rule = "fails-one-relay", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("%s through that media relay works like through the others.") },
  { .rule = "fails-one-network", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("%s from that network works like from the others.") },
  { .rule = "fails-one-client-version", .who = LD_REPORT_ROLE_DESKTOP_ADMIN,
    .check = N_("After the update, %s from that client works like from the others.") },
  { .rule = "failures-started-at", .who = LD_REPORT_ROLE_NETWORK_ADMIN,
    .check = N_("After the change is undone or fixed, %s works again.") },
  { .rule = "unexplained-failure", .who = LD_REPORT_ROLE_LYNC_ADMIN,
    .check = N_("The decoded code and reason are explained by the server's own logs, and %s works after the fix.") },
};

static const RoleRow *
row_for (const LdFinding *finding)
{
  for (gsize i = 0; finding != NULL && i < G_N_ELEMENTS (rows); i++)
    if (g_strcmp0 (rows[i].rule, finding->id) == 0)
      return &rows[i];
  return NULL;
}

const char *
_ld_report_role_label (LdReportRole role)
{
  switch (role)
    {
    case LD_REPORT_ROLE_USER: return _("User");
    case LD_REPORT_ROLE_DESKTOP_ADMIN: return _("Desktop admin");
    case LD_REPORT_ROLE_NETWORK_ADMIN: return _("Network admin");
    case LD_REPORT_ROLE_LYNC_ADMIN:
    default: return _("Lync/Teams admin");
    }
}

/* Is @action one of the cause's own (ld-causes.c), not one the finding
 * wrote for what it saw? */
static gboolean
is_cause_action (const LdFinding *finding,
                 const char      *action)
{
  const LdCause *cause = ld_cause_lookup (finding->cause ? finding->cause : finding->id);

  for (gsize i = 0; cause != NULL && action != NULL && i < G_N_ELEMENTS (cause->actions) && cause->actions[i]; i++)
    if (strcmp (action, _(cause->actions[i])) == 0)
      return TRUE;
  return FALSE;
}

/**
 * _ld_report_role_for:
 * @action: (nullable): one of @finding's actions
 *
 * Returns: who does @action.
 */
LdReportRole
_ld_report_role_for (const LdFinding *finding,
                     const char      *action)
{
  const RoleRow *row = row_for (finding);

  if (row == NULL)
    return LD_REPORT_ROLE_LYNC_ADMIN;
  if (row->here_set && action != NULL && !is_cause_action (finding, action))
    return row->who_here;
  return row->who;
}

/* The session to try again, in the words of its kind. */
static const char *
session_phrase (const LdAttempt *a)
{
  if (a == NULL)
    return _("the same session");
  if (a->kind == LD_ATTEMPT_CONFERENCE)
    {
      switch (a->modality)
        {
        case LD_MODALITY_FOCUS: return _("joining the meeting");
        case LD_MODALITY_CHAT: return _("the meeting's chat");
        case LD_MODALITY_AUDIO_VIDEO: return _("the meeting's audio and video");
        case LD_MODALITY_APPLICATION_SHARING: return _("the meeting's screen sharing");
        default: return _("the meeting");
        }
    }
  switch (a->modality)
    {
    case LD_MODALITY_AUDIO: return _("an audio call");
    case LD_MODALITY_VIDEO: return _("a video call");
    case LD_MODALITY_APPLICATION_SHARING: return _("desktop sharing");
    case LD_MODALITY_CHAT: return _("instant messaging");
    case LD_MODALITY_DATA: return _("the file transfer");
    default: return _("the same session");
    }
}

/**
 * _ld_report_dup_check:
 * @example: (nullable): the attempt the cause is shown with
 *
 * Returns: (transfer full): how to check that the first action worked.
 */
char *
_ld_report_dup_check (const LdFinding *finding,
                      const LdAttempt *example)
{
  const RoleRow *row = row_for (finding);
  g_autofree char *text = NULL;

  if (row == NULL)
    text = g_strdup_printf (_("Retry %s: it works, and the new log no longer shows this finding."),
                            session_phrase (example));
  else
    {
      /* The row's "%s" is the session; spliced rather than printed, so a
       * translation that drops or repeats it cannot break the output. */
      const char *check = _(row->check);
      const char *at = strstr (check, "%s");

      text = at ? g_strdup_printf ("%.*s%s%s", (int) (at - check), check, session_phrase (example), at + 2)
                : g_strdup (check);
    }
  /* A check that starts with the session reads as a sentence. */
  if (text[0] != '\0' && g_unichar_islower (g_utf8_get_char (text)))
    {
      gunichar up = g_unichar_toupper (g_utf8_get_char (text));
      char buf[8];
      int n = g_unichar_to_utf8 (up, buf);

      return g_strdup_printf ("%.*s%s", n, buf, g_utf8_next_char (text));
    }
  return g_steal_pointer (&text);
}
