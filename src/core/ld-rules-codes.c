/* ld-rules-codes.c - the rules that are "a code or a SIP status -> a finding", one row each
 *
 * Each row names its cause (a row of ld-causes.c, which holds the title and
 * the generic actions), the codes or statuses that make it stand, how sure
 * that is, what to explain and what to do with what the log says.  One
 * function runs every row.  To teach LyncDiag a code, add a row here (and
 * the code's meaning to ld-codes.c) and a test that fires and a near-miss.
 *
 * Templates in explanations and actions: {domain} the other party's domain
 * (or the diagnostic's domain=), {party} the other party, {code} the code,
 * {attr:NAME} an attribute of the diagnostic, {attr:A|B} the first present.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-rules-private.h"

typedef enum
{
  GROUP_NONE,
  GROUP_DOMAIN,  /* one finding per other party's domain */
  GROUP_CODE,    /* one finding per code */
} GroupBy;

typedef struct
{
  int first;
  int last;
} CodeSpan;

typedef struct
{
  const char   *cause;
  gboolean      client;          /* ms-client-diagnostics codes, else a server's */
  CodeSpan      codes[5];        /* any of these; the first listed that the attempt has is quoted */
  int           statuses[4];     /* final statuses that make it stand without a code (0 ends) */
  const char   *method;          /* only attempts opened by this request ("REGISTER"), or NULL */
  LdConfidence  confidence;      /* with a code */
  LdConfidence  status_confidence; /* with a status alone */
  int           sure_status;     /* with a code and this final status: high */
  gboolean      meetings_only;   /* only joins of meetings (app:conf: targets) */
  gboolean      unless_coded;    /* not when a code the tables know as a failure says more */
  GroupBy       group;
  const char   *why;             /* N_, template */
  const char   *status_why;      /* N_, template: when a status alone made it stand */
  const char   *attributes[6];   /* diagnostic attributes quoted in the detail */
  const char   *actions[3];      /* N_, templates: what the log says to do */
  const char   *reference;
} CodeRow;

static const CodeRow rows[] = {
  { .cause = "user-unknown",
    .codes = { { 1003, 1003 }, { 4005, 4005 } }, .statuses = { 404 },
    .confidence = LD_CONFIDENCE_HIGH, .status_confidence = LD_CONFIDENCE_MEDIUM, .group = GROUP_DOMAIN,
    .status_why = N_("The server answered 404 Not Found: it knows no user (or meeting) with this address."),
    .actions = { N_("Check the address {party}; an old contact card or a renamed user is a common cause.") },
    .reference = "[MS-OCER] 7.2 (1003), 8.5 (4005); RFC 3261 21.4.5 (404)" },
  { .cause = "federation-dns",
    .codes = { { 1009, 1009 } }, .confidence = LD_CONFIDENCE_HIGH, .group = GROUP_DOMAIN,
    .why = N_("The federation route to the partner domain uses its DNS SRV record (_sipfederationtls._tcp); the host "
              "that record names is not in the partner's own domain, and Lync does not trust such a route."),
    .attributes = { "domain", "fqdn1", "fqdn2", "source" },
    .actions = { N_("Ask {domain} to publish _sipfederationtls._tcp.{domain} pointing at an Edge name inside {domain}, or "
                    "add {domain} as an allowed domain with its Edge name (New-CsAllowedDomain -Identity {domain} "
                    "-ProxyFqdn <their Edge FQDN>).") },
    .reference = "[MS-OCER] 7.2; Cisco TAC federation document (504 with 1009)" },
  { .cause = "federation-dns",
    .codes = { { 1008, 1008 }, { 1014, 1014 } }, .confidence = LD_CONFIDENCE_MEDIUM, .group = GROUP_DOMAIN,
    .why = N_("A DNS lookup on the route to the partner domain failed, so the server could not find the partner's "
              "Edge."),
    .attributes = { "domain", "fqdn1", "fqdn2", "source" },
    .actions = { N_("Check the DNS records of {domain} (nslookup -type=SRV _sipfederationtls._tcp.{domain}) from the "
                    "Edge server.") },
    .reference = "[MS-OCER] 7.2" },
  { .cause = "federation-certificate",
    .codes = { { 1010, 1010 } }, .confidence = LD_CONFIDENCE_HIGH, .group = GROUP_DOMAIN,
    .why = N_("The TLS connection to the next server (usually the partner's Edge) failed because its certificate was "
              "not trusted or does not carry the name that was dialled. SEC_E_WRONG_PRINCIPAL (0x80090322) means the "
              "name did not match."),
    .attributes = { "ErrorType", "tls-target", "PeerServer", "HRESULT", "source" },
    .actions = { N_("The certificate of {attr:PeerServer|tls-target} must contain {attr:tls-target} in its subject "
                    "alternative names; ask its administrator to fix the certificate, or correct the DNS SRV record so "
                    "that it names the host on the certificate.") },
    .reference = "[MS-OCER] 7.2; Cisco TAC federation document (504 with 1010)" },
  { .cause = "external-access-policy",
    .codes = { { 1001, 1001 }, { 1002, 1002 }, { 1012, 1012 }, { 4003, 4003 } },
    .confidence = LD_CONFIDENCE_HIGH,
    .reference = "[MS-OCER] 7.2, 8.5" },
  { .cause = "exchange-um",
    .codes = { { 15030, 15030 } }, .confidence = LD_CONFIDENCE_HIGH,
    .reference = "mirazon.com field sample" },
  /* The Front End's Exchange UM routing application (appName="ExumRouting")
   * failing the call with a 500: a server fault, not the network. */
  { .cause = "exchange-um",
    .codes = { { 15000, 15000 } }, .confidence = LD_CONFIDENCE_HIGH,
    .why = N_("The Front End's Exchange UM routing application ({attr:appName|source}) could not read the user or "
              "contact object of the number that was called and failed the call. Microsoft has seen this for auto "
              "attendant and subscriber access contact objects moved to Skype for Business Server 2019."),
    .attributes = { "appName", "source" },
    .actions = { N_("Admin: check the Exchange UM contact object of {party} (Get-CsExUmContact); if it was moved to a "
                    "Skype for Business Server 2019 pool (Move-CsExUmContact), move it to an earlier pool as "
                    "Microsoft's article advises.") },
    .reference = "Microsoft support: 500 Server Internal error, calls to Subscriber Access or Auto Attendant fail (15000)" },
  { .cause = "encryption-mismatch", .client = TRUE,
    .codes = { { 52017, 52017 } }, .confidence = LD_CONFIDENCE_MEDIUM, .sure_status = 488,
    .why = N_("The call was refused (52017 \"Encryption levels dont match\", in Lync 2010 with 488 Not Acceptable "
              "Here): one side requires encrypted media (SRTP) and the other does not support it, or the other way "
              "round."),
    .reference = "pidgin-sipe src/core/sipe-media.c" },
  /* The focus (3000–3999, [MS-OCER] 7.4) refusing a join: the codes that
   * say the meeting is gone, those that say this user may not come in,
   * then the rest. */
  { .cause = "conference-refused",
    .codes = { { 3003, 3003 }, { 3012, 3013 } }, .confidence = LD_CONFIDENCE_HIGH, .meetings_only = TRUE,
    .group = GROUP_CODE,
    .why = N_("The meeting address is not valid: the meeting may have been deleted or has expired, or the join link "
              "is wrong or cut off."),
    .actions = { N_("Ask the organiser for a fresh meeting link and join with it.") },
    .reference = "[MS-OCER] 7.4" },
  { .cause = "conference-refused",
    .codes = { { 3008, 3008 }, { 3014, 3014 } }, .confidence = LD_CONFIDENCE_HIGH, .meetings_only = TRUE,
    .group = GROUP_CODE,
    .why = N_("The meeting does not let this user in: the meeting options (who gets in directly, the lobby) or the "
              "conferencing policy (anonymous or external participants) refuse this way of joining."),
    .actions = { N_("Organiser: check the meeting options (who gets in directly, the lobby, whether people outside the "
                    "company may join)."),
                 N_("Admin: check the organiser's conferencing policy (AllowAnonymousParticipantsInMeetings, external "
                    "participants).") },
    .reference = "[MS-OCER] 7.4" },
  { .cause = "conference-refused",
    .codes = { { 3010, 3010 } }, .confidence = LD_CONFIDENCE_HIGH, .meetings_only = TRUE, .group = GROUP_CODE,
    .why = N_("The client lacks a feature the meeting server requires; it may be too old."),
    .actions = { N_("Give the code and reason to the Lync administrator; the Front End's conferencing (Focus) logs hold "
                    "the details.") },
    .reference = "[MS-OCER] 7.4" },
  { .cause = "conference-refused",
    .codes = { { 3000, 3999 } }, .confidence = LD_CONFIDENCE_HIGH, .meetings_only = TRUE, .group = GROUP_CODE,
    .why = N_("The conference focus refused the request; the code and reason say why."),
    .actions = { N_("Give the code and reason to the Lync administrator; the Front End's conferencing (Focus) logs hold "
                    "the details.") },
    .reference = "[MS-OCER] 7.4" },
  { .cause = "delegate-refused",
    .codes = { { 4268, 4268 } }, .confidence = LD_CONFIDENCE_HIGH,
    .why = N_("The server refused the request because this user is not registered as a delegate of the person the "
              "meeting is for. Outlook can allow a delegate to create the meeting while Lync / Skype for Business "
              "does not know the delegation."),
    .reference = "issue 19 field excerpt; NextHop delegate permissions (2012-08-21)" },
  { .cause = "account-disabled",
    .codes = { { 4141, 4141 } }, .confidence = LD_CONFIDENCE_HIGH,
    .why = N_("The server ended this client's registration: the account is disabled for Lync / Skype for Business. "
              "The client cannot sign in again until an administrator enables it."),
    .reference = "pidgin-sipe src/core/sipe-notify.c" },
  /* Sign-in: a 401 that stayed (the challenge was answered and refused),
   * or a 403 no known code explains. */
  { .cause = "sign-in-unauthorized", .method = "REGISTER",
    .statuses = { 401 }, .status_confidence = LD_CONFIDENCE_MEDIUM,
    .status_why = N_("The server asked for credentials (401 Unauthorized), the client answered, and the server did not "
                     "accept them: the password is wrong or has expired, the account is locked or disabled, or the "
                     "authentication (Kerberos, NTLM) failed, for example because the clocks differ."),
    .reference = "RFC 3261 22.2; pidgin-sipe src/core/sip-transport.c" },
  { .cause = "sign-in-refused", .method = "REGISTER",
    .statuses = { 403 }, .status_confidence = LD_CONFIDENCE_MEDIUM, .unless_coded = TRUE,
    .status_why = N_("The server answered the sign-in 403 Forbidden without a code LyncDiag knows: the user may not be "
                     "enabled for Lync / Skype for Business, or may not sign in from this network."),
    .reference = "pidgin-sipe src/core/sip-transport.c" },
  { .cause = "user-unavailable",
    .statuses = { 480 }, .status_confidence = LD_CONFIDENCE_MEDIUM,
    .status_why = N_("480 Temporarily Unavailable (RFC 3261 21.4.18): the contact was reached but could not take the "
                     "call, usually because they were not signed in or no device answered. This is not a network "
                     "fault."),
    .reference = "RFC 3261 21.4.18" },
  { .cause = "call-declined",
    .statuses = { 486, 600, 603 }, .status_confidence = LD_CONFIDENCE_HIGH,
    .status_why = N_("The other side answered busy or declined (RFC 3261: 486 Busy Here, 600 Busy Everywhere, 603 "
                     "Decline). That is a person's or a device's decision, not a fault."),
    .reference = "RFC 3261 21.4.24, 21.6" },
};

static const char *
party_domain (const LdAttempt *a)
{
  const char *who = a->remote_party != NULL ? a->remote_party : a->target;
  const char *at = who != NULL ? strchr (who, '@') : NULL;
  const char *end;

  if (at == NULL)
    return NULL;
  at++;
  end = at + strcspn (at, ";>:");
  {
    g_autofree char *domain = g_ascii_strdown (at, end - at);
    return g_intern_string (domain);
  }
}

/* {domain}, {party}, {code}, {attr:A|B}: empty when absent. */
static char *
expand (const char         *template,
        const LdAttempt    *a,
        const LdDiagnostic *d)
{
  GString *s = g_string_new (NULL);
  const char *p = template;

  while (*p != '\0')
    {
      const char *close;

      if (*p != '{' || (close = strchr (p, '}')) == NULL)
        {
          g_string_append_c (s, *p++);
          continue;
        }
      {
        g_autofree char *name = g_strndup (p + 1, close - p - 1);
        const char *value = NULL;
        char buf[16];

        if (strcmp (name, "domain") == 0)
          {
            value = d != NULL ? ld_diagnostic_get_attribute (d, "domain") : NULL;
            if (value == NULL || *value == '\0')
              value = party_domain (a);
            if (value == NULL)
              value = "?";
          }
        else if (strcmp (name, "party") == 0)
          value = a->remote_party != NULL ? a->remote_party : a->target;
        else if (strcmp (name, "code") == 0 && d != NULL)
          {
            g_snprintf (buf, sizeof buf, "%d", d->code);
            value = buf;
          }
        else if (g_str_has_prefix (name, "attr:") && d != NULL)
          {
            g_auto(GStrv) alts = g_strsplit (name + 5, "|", -1);

            for (guint i = 0; alts[i] != NULL && (value == NULL || *value == '\0'); i++)
              value = ld_diagnostic_get_attribute (d, alts[i]);
            if (value != NULL && *value == '\0')
              value = NULL;
            if (value == NULL)
              value = _("the next-hop server");
          }
        else
          {
            /* Not a placeholder: keep it as written. */
            g_string_append_len (s, p, close - p + 1);
            p = close + 1;
            continue;
          }
        g_string_append (s, value != NULL ? value : "");
        p = close + 1;
      }
    }
  return g_string_free (s, FALSE);
}

static void
append_attributes (GString            *s,
                   const LdDiagnostic *d,
                   const char * const *keys)
{
  gboolean any = FALSE;

  for (guint i = 0; i < 6 && keys[i] != NULL; i++)
    {
      const char *v = ld_diagnostic_get_attribute (d, keys[i]);

      if (v == NULL || *v == '\0')
        continue;
      g_string_append_printf (s, "%s%s=%s", any ? ", " : "\n", keys[i], v);
      any = TRUE;
    }
  if (any)
    g_string_append_c (s, '.');
}

/* The diagnostic of the row the attempt carries, the first code listed
 * first. */
static const LdDiagnostic *
find_row_code (const CodeRow   *row,
               const LdAttempt *a)
{
  for (guint k = 0; k < G_N_ELEMENTS (row->codes) && row->codes[k].first > 0; k++)
    {
      const LdDiagnostic *d = ld_rule_find_code (a, row->client, row->codes[k].first, row->codes[k].last);

      if (d != NULL)
        return d;
    }
  return NULL;
}

static gboolean
row_status (const CodeRow   *row,
            const LdAttempt *a)
{
  for (guint k = 0; k < G_N_ELEMENTS (row->statuses) && row->statuses[k] != 0; k++)
    if (a->status == row->statuses[k])
      return TRUE;
  return FALSE;
}

/* Whether the attempt carries a code the tables call a failure. */
static gboolean
primary_failure_code (const LdAttempt *a)
{
  for (guint i = 0; i < a->diagnostics->len; i++)
    if (ld_diagnostic_get_verdict (g_ptr_array_index (a->diagnostics, i)) == LD_CODE_FAILURE)
      return TRUE;
  return FALSE;
}

static gboolean
is_meeting (const LdAttempt    *a,
            const LdDiagnostic *d)
{
  return a->kind == LD_ATTEMPT_CONFERENCE ||
         (d != NULL && d->message != NULL && d->message->to != NULL && strstr (d->message->to, "app:conf:") != NULL);
}

static LdFinding *
row_finding (const LdRule       *rule,
             const CodeRow      *row,
             const LdAttempt    *a,
             const LdDiagnostic *d)
{
  GString *s = g_string_new (NULL);
  LdConfidence confidence;
  LdFinding *f;

  ld_rule_append_outcome (s, a);
  if (d != NULL)
    {
      g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);

      g_string_append_printf (s, "\n%s %d: %s", ld_diag_header_to_string (d->header), d->code, meaning);
      ld_rule_append_side (s, d->message);
      if (row->why != NULL)
        {
          g_autofree char *why = expand (_(row->why), a, d);
          g_string_append_printf (s, "\n%s", why);
        }
      append_attributes (s, d, row->attributes);
      confidence = row->confidence;
      if (row->sure_status != 0 && a->status == row->sure_status)
        confidence = LD_CONFIDENCE_HIGH;
    }
  else
    {
      if (row->status_why != NULL)
        {
          g_autofree char *why = expand (_(row->status_why), a, NULL);
          g_string_append_printf (s, "\n%s", why);
        }
      if (a->final_response != NULL)
        ld_rule_append_side (s, a->final_response);
      confidence = row->status_confidence;
    }

  f = ld_finding_new (rule->id, ld_rule_get_severity (rule), confidence,
                      g_strdup (_(ld_cause_lookup (row->cause)->title)), g_string_free (s, FALSE));
  for (guint k = 0; k < G_N_ELEMENTS (row->actions) && row->actions[k] != NULL; k++)
    {
      g_autofree char *action = expand (_(row->actions[k]), a, d);
      ld_finding_add_action (f, action);
    }
  if (d != NULL)
    {
      ld_rule_add_diag_evidence (f, a, d);
      if (a->final_response != NULL && a->final_response != d->message)
        ld_rule_add_message_evidence (f, a, a->final_response, NULL);
    }
  else
    ld_rule_add_attempt_evidence (f, a);

  switch (row->group)
    {
    case GROUP_DOMAIN:
      {
        g_autofree char *domain = expand ("{domain}", a, d);
        ld_finding_set_group (f, domain);
      }
      break;
    case GROUP_CODE:
      if (d != NULL)
        {
          g_autofree char *code = g_strdup_printf (_("code %d"), d->code);
          ld_finding_set_group (f, code);
        }
      break;
    case GROUP_NONE:
    default:
      break;
    }
  return f;
}

/**
 * ld_rule_code_rows:
 *
 * Runs the rows of @rule's cause: for each attempt, the first row whose
 * code (else status) the attempt has makes one finding.
 */
void
ld_rule_code_rows (LdAnalysis   *analysis,
                   const LdRule *rule,
                   LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const CodeRow *mine[G_N_ELEMENTS (rows)];
  guint n_mine = 0;

  /* This rule's rows, once: most attempts worked and are passed over. */
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    if (g_strcmp0 (rows[r].cause, rule->id) == 0)
      mine[n_mine++] = &rows[r];

  for (guint i = 0; i < attempts->len && n_mine > 0; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      /* A code whose verdict is a failure (4141) fails its attempt
       * (ld_diagnostic_is_failure()), so failed attempts are all. */
      if (!ld_rule_attempt_failed (a))
        continue;

      /* A conference code explains it: that, not the address (a 404 from
       * the focus names a meeting, not a user). */
      if (g_strcmp0 (rule->id, "user-unknown") == 0 && ld_rule_find_code (a, FALSE, 3000, 3999) != NULL)
        continue;

      for (guint r = 0; r < n_mine; r++)
        {
          const CodeRow *row = mine[r];
          const LdDiagnostic *d;

          if (row->method != NULL && (a->invite == NULL || g_strcmp0 (a->invite->method, row->method) != 0))
            continue;
          d = find_row_code (row, a);
          if (d == NULL && !row_status (row, a))
            continue;
          if (d == NULL && row->unless_coded && primary_failure_code (a))
            continue;
          if (row->meetings_only && !is_meeting (a, d))
            continue;
          ld_rule_emit (out, row_finding (rule, row, a, d));
          break;
        }
    }
}
