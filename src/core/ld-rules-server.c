/* ld-rules-server.c - findings from the diagnostic records of server SIPStack traces
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An Edge or Front End server's SIPStack trace (OCSLogger, the Centralized
 * Logging Service) says in its diagnostic records why it refused or could
 * not route a message: "Severity:", "Text:", "Result-Code: 0x… NAME", the
 * SIP it concerns ("SIP-Start-Line:", "SIP-Call-ID:", "SIP-CSeq:") and
 * "Data:". The reader hands each such record on whole as a trace event
 * whose level is its head's TL_ word (ld-log-reader-server.c). Here each
 * becomes part of a finding: a Result-Code of the table below is decoded
 * with what to do next; any other error or warning is still told, with
 * the server's own text. The SIP a record names is tied to the attempt
 * with that Call-ID, or else with that start line and CSeq.
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-rules-private.h"

/* The evidence of one finding: enough to see it, not every record. */
#define MAX_EVIDENCE 8

/* One Result-Code a server writes, what it means, and what to do beyond
 * its cause's own actions (ld-causes.c). Values and names as the traces
 * and winerror.h write them; only codes seen in a public trace or header,
 * or documented with their Schannel meaning, are here. */
typedef struct
{
  guint32      code;
  const char  *name;
  const char  *rule;       /* the rule (cause) id it counts for */
  const char  *meaning;
  const char  *action;     /* this code's own, or NULL */
} ServerCode;

static const ServerCode server_codes[] = {
  { .code = 0xC3E93D67, .name = "SIPPROXY_E_ROUTING_MSG_CERT_MISMATCH", .rule = "server-certificate-mismatch",
    .meaning = N_("the next server's certificate does not contain the name the server connected to (from the DNS "
                  "SRV record), so the message could not be routed") },
  { .code = 0xC3E93D6F, .name = "SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH",
    .rule = "server-srv-domain-mismatch",
    .meaning = N_("the federated domain's DNS SRV record points to hosts none of which is in that domain, so the "
                  "server does not trust them for it") },
  { .code = 0xC3E93C5E, .name = "SIPPROXY_E_ROUTING", .rule = "server-routing",
    .meaning = N_("the server refused the request's Route headers: they came from a server it does not trust, or the "
                  "first Route did not match the connection the request came on"),
    .action = N_("Test-CsFederatedPartner against an Office Communications Server 2007 R2 Edge: run it without "
                 "-ProxyFqdn; that Edge does not understand the ms-edge-route the parameter adds.") },
  /* TLS: what Schannel said when the connection to the next server failed. */
  { .code = 0x80090322, .name = "SEC_E_WRONG_PRINCIPAL", .rule = "server-tls-failure",
    .meaning = N_("TLS failed: the target principal name is incorrect (the certificate names another server)"),
    .action = N_("Make the certificate of the server named in the record hold the FQDN it is reached by, in its "
                 "Subject Alternative Name.") },
  { .code = 0x80090325, .name = "SEC_E_UNTRUSTED_ROOT", .rule = "server-tls-failure",
    .meaning = N_("TLS failed: the certificate chain was issued by an authority that is not trusted"),
    .action = N_("Import the root (and intermediate) certificate of the CA that issued the other server's "
                 "certificate into this server's Trusted Root store, or use a certificate from a public CA.") },
  { .code = 0x80090328, .name = "SEC_E_CERT_EXPIRED", .rule = "server-tls-failure",
    .meaning = N_("TLS failed: the received certificate has expired"),
    .action = N_("Renew the expired certificate of the server named in the record.") },
  { .code = 0x80090324, .name = "SEC_E_TIME_SKEW", .rule = "server-tls-failure",
    .meaning = N_("TLS failed: the clocks of the two servers are too far apart"),
    .action = N_("Synchronise the clocks of both servers (Windows Time service, NTP).") },
  { .code = 0x80090327, .name = "SEC_E_CERT_UNKNOWN", .rule = "server-tls-failure",
    .meaning = N_("TLS failed: an unknown error occurred while processing the certificate") },
  { .code = 0x80090326, .name = "SEC_E_ILLEGAL_MESSAGE", .rule = "server-tls-failure",
    .meaning = N_("TLS failed: the other side sent a message TLS could not accept (often no common TLS version or "
                  "cipher)"),
    .action = N_("Check that both servers allow a common TLS version and cipher suite (TLS 1.2 on both after "
                 "older versions were switched off).") },
};

/* One diagnostic record, its fields borrowed from the trace event. */
typedef struct
{
  const LdTraceEvent *ev;
  LdSeverity          severity;   /* or -1: informational */
  const char         *text;       /* Text:, up to " Result-Code:" when written on its line */
  gsize               text_len;
  gboolean            has_code;
  guint32             code;
  const char         *code_name;  /* after the hex value */
  gsize               code_name_len;
  const char         *start_line;
  gsize               start_line_len;
  const char         *call_id;
  gsize               call_id_len;
  const char         *cseq;
  gsize               cseq_len;
  const char         *peer;
  gsize               peer_len;
  const char         *data;
  gsize               data_len;
} ServerDiag;

static gboolean
field (const char  *line,
       gsize        len,
       const char  *name,
       const char **value,
       gsize       *value_len)
{
  gsize n = strlen (name);

  if (len <= n || g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return FALSE;
  line += n + 1, len -= n + 1;
  while (len > 0 && (*line == ' ' || *line == '\t'))
    line++, len--;
  while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
    len--;
  *value = line;
  *value_len = len;
  return TRUE;
}

/* "0xc3e93d6f SIPPROXY_E_EPROUTING_MSG_ALLOWED_DOMAIN_NO_SRV_MATCH" */
static void
parse_result_code (ServerDiag *d,
                   const char *v,
                   gsize       len)
{
  const char *end = v + len;
  guint64 code = 0;
  int digits = 0;

  if (len < 3 || v[0] != '0' || (v[1] != 'x' && v[1] != 'X'))
    return;
  for (v += 2; v < end && g_ascii_isxdigit (*v) && digits < 9; v++, digits++)
    code = code * 16 + g_ascii_xdigit_value (*v);
  if (digits == 0 || digits > 8)
    return;
  d->has_code = TRUE;
  d->code = (guint32) code;
  while (v < end && (*v == ' ' || *v == '(' || *v == '\t'))
    v++;
  d->code_name = v;
  while (v < end && (g_ascii_isalnum (*v) || *v == '_'))
    v++;
  d->code_name_len = v - d->code_name;
}

static LdSeverity
severity_of (const char *level,
             const char *severity,
             gsize       severity_len)
{
  /* "Severity:" is the record's own word; the head's TL_ level is what
   * the tracing wrote it at (the support article's TL_ERROR record says
   * "Severity: warning"). */
  if (severity != NULL)
    {
      if (severity_len >= 5 && g_ascii_strncasecmp (severity, "error", 5) == 0)
        return LD_SEVERITY_ERROR;
      if (severity_len >= 4 && g_ascii_strncasecmp (severity, "warn", 4) == 0)
        return LD_SEVERITY_WARNING;
      return (LdSeverity) -1;
    }
  if (g_str_has_prefix (level, "TL_ERROR") || g_str_has_prefix (level, "TL_FATAL"))
    return LD_SEVERITY_ERROR;
  if (g_str_has_prefix (level, "TL_WARN"))
    return LD_SEVERITY_WARNING;
  return (LdSeverity) -1;
}

static gboolean
parse_diag (const LdTraceEvent *ev,
            ServerDiag         *d)
{
  const char *p, *severity = NULL;
  gsize severity_len = 0;

  memset (d, 0, sizeof *d);
  if (ev->level == NULL || !g_str_has_prefix (ev->level, "TL_"))
    return FALSE;
  d->ev = ev;
  /* The first line is the record's head. */
  p = strchr (ev->text, '\n');
  while (p != NULL)
    {
      const char *line = p + 1;
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) : strlen (line);
      const char *v;
      gsize vlen;

      if (field (line, len, "Text", &v, &vlen))
        {
          /* The Cisco document's rendering: "Text: … Result-Code: 0x…" on
           * one line. */
          const char *rc = g_strstr_len (v, vlen, " Result-Code:");

          d->text = v;
          d->text_len = rc != NULL ? (gsize) (rc - v) : vlen;
          if (rc != NULL)
            {
              const char *cv;
              gsize cvlen;

              if (field (rc + 1, vlen - (rc + 1 - v), "Result-Code", &cv, &cvlen))
                parse_result_code (d, cv, cvlen);
            }
        }
      else if (field (line, len, "Result-Code", &v, &vlen))
        parse_result_code (d, v, vlen);
      else if (field (line, len, "Severity", &v, &vlen))
        severity = v, severity_len = vlen;
      else if (field (line, len, "SIP-Start-Line", &v, &vlen))
        d->start_line = v, d->start_line_len = vlen;
      else if (field (line, len, "SIP-Call-ID", &v, &vlen))
        d->call_id = v, d->call_id_len = vlen;
      else if (field (line, len, "SIP-CSeq", &v, &vlen))
        d->cseq = v, d->cseq_len = vlen;
      else if (field (line, len, "Peer", &v, &vlen))
        d->peer = v, d->peer_len = vlen;
      else if (field (line, len, "Data", &v, &vlen))
        d->data = v, d->data_len = vlen;
      p = nl;
    }
  d->severity = severity_of (ev->level, severity, severity_len);
  return d->text != NULL || d->has_code;
}

static const ServerCode *
lookup_code (const ServerDiag *d)
{
  for (guint i = 0; d->has_code && i < G_N_ELEMENTS (server_codes); i++)
    if (server_codes[i].code == d->code)
      return &server_codes[i];
  return NULL;
}

static gboolean
same_text (const char *a,
           gsize       a_len,
           const char *b)
{
  return b != NULL && strlen (b) == a_len && g_ascii_strncasecmp (a, b, a_len) == 0;
}

/* The attempt whose SIP the record names: the same Call-ID, or else a
 * message with the same start line and CSeq (the support article's
 * records of one OPTIONS carry different Call-IDs). */
static const LdAttempt *
find_attempt (LdAnalysis       *analysis,
              const ServerDiag *d)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);

  if (d->call_id != NULL)
    for (guint i = 0; i < attempts->len; i++)
      {
        const LdAttempt *a = g_ptr_array_index (attempts, i);

        if (same_text (d->call_id, d->call_id_len, a->call_id))
          return a;
      }
  if (d->start_line == NULL || d->cseq == NULL)
    return NULL;
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      for (guint m = 0; a->messages != NULL && m < a->messages->len; m++)
        {
          const LdSipMessage *msg = g_ptr_array_index (a->messages, m);
          g_autofree char *cseq = NULL;
          g_autofree char *start = NULL;

          if (!msg->is_request || msg->method == NULL || msg->request_uri == NULL)
            continue;
          cseq = g_strdup_printf ("%u %s", msg->cseq, msg->method);
          start = g_strdup_printf ("%s %s SIP/2.0", msg->method, msg->request_uri);
          if (same_text (d->cseq, d->cseq_len, cseq) && same_text (d->start_line, d->start_line_len, start))
            return a;
        }
    }
  return NULL;
}

/* The record's Result-Code line (or its Text when it has none), for
 * evidence: the rest is in the finding's detail. */
static char *
dup_excerpt (const ServerDiag *d)
{
  if (d->has_code)
    return g_strdup_printf ("Result-Code: 0x%08x %.*s", d->code, (int) d->code_name_len, d->code_name);
  return g_strdup_printf ("Text: %.*s", (int) d->text_len, d->text);
}

typedef struct
{
  LdFinding        *finding;
  const ServerCode *code;       /* or NULL: a code not in the table */
  guint32           raw_code;
  gboolean          has_code;
  guint             records;
  ServerDiag        first;
  GString          *peers;
} Group;

static void
group_free (gpointer data)
{
  Group *g = data;

  if (g->finding != NULL)
    ld_finding_free (g->finding);
  if (g->peers != NULL)
    g_string_free (g->peers, TRUE);
  g_free (g);
}

/* What tells this finding from others of its cause: the code's name, or
 * the server's text when the record has no code. */
static char *
dup_group_key (const ServerDiag *d)
{
  if (d->has_code && d->code_name_len > 0)
    return g_strndup (d->code_name, d->code_name_len);
  if (d->has_code)
    return g_strdup_printf ("0x%08x", d->code);
  {
    gsize len = MIN (d->text_len, 120);

    /* Cut between characters, never inside one: the key names the finding. */
    while (len > 0 && len < d->text_len && ((guchar) d->text[len] & 0xc0) == 0x80)
      len--;
    return g_strndup (d->text, len);
  }
}

static char *
dup_title (const Group *g)
{
  const ServerDiag *d = &g->first;

  if (g->code != NULL)
    return g_strdup_printf (_("%s (server trace, %s)"), _(g->code->meaning), g->code->name);
  if (g->has_code)
    return g_strdup_printf (d->severity == LD_SEVERITY_ERROR
                              ? _("The server logged an error: “%.*s” (server trace, Result-Code 0x%08x %.*s)")
                              : _("The server logged a warning: “%.*s” (server trace, Result-Code 0x%08x %.*s)"),
                            (int) d->text_len, d->text, g->raw_code, (int) d->code_name_len, d->code_name);
  return g_strdup_printf (d->severity == LD_SEVERITY_ERROR ? _("The server logged an error: “%.*s” (server trace)")
                                                           : _("The server logged a warning: “%.*s” (server trace)"),
                          (int) d->text_len, d->text);
}

static void
finish_group (Group *g)
{
  LdFinding *f = g->finding;
  const ServerDiag *d = &g->first;
  g_autoptr(GString) detail = g_string_new (NULL);
  g_autofree char *when = ld_time_format_iso (d->ev->time);

  g_string_append_printf (detail,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "The server's trace has %u diagnostic record with this result",
                                       "The server's trace has %u diagnostic records with this result",
                                       g->records),
                          g->records);
  if (when != NULL)
    {
      when[10] = ' ';
      g_string_append_printf (detail, _(", the first at %s (line %llu)"), when, (unsigned long long) d->ev->line);
    }
  g_string_append (detail, ".");
  if (d->text != NULL)
    g_string_append_printf (detail, _(" The server says: “%.*s”."), (int) d->text_len, d->text);
  if (g->code != NULL)
    g_string_append_printf (detail, _(" Result-Code 0x%08x %s: %s."), g->code->code, g->code->name,
                            _(g->code->meaning));
  else if (g->has_code)
    g_string_append_printf (detail, _(" Result-Code 0x%08x %.*s is not in LyncDiag's table; the server's text is "
                                      "all it says."),
                            g->raw_code, (int) d->code_name_len, d->code_name);
  if (d->start_line != NULL)
    g_string_append_printf (detail, _(" It concerns %.*s"), (int) d->start_line_len, d->start_line);
  if (d->call_id != NULL)
    g_string_append_printf (detail, _(" (Call-ID %.*s)"), (int) d->call_id_len, d->call_id);
  if (d->start_line != NULL)
    g_string_append (detail, ".");
  if (g->peers != NULL && g->peers->len > 0)
    g_string_append_printf (detail, _(" Peer: %s."), g->peers->str);
  if (d->data != NULL)
    g_string_append_printf (detail, _(" Data: %.*s."), (int) d->data_len, d->data);
  if (f->attempts->len > 0)
    g_string_append_printf (detail,
                            g_dngettext (GETTEXT_PACKAGE, " The SIP it names is attempt %u of this analysis.",
                                         " The SIP it names is in %u attempts of this analysis.", f->attempts->len),
                            f->attempts->len == 1 ? g_array_index (f->attempts, guint, 0) : f->attempts->len);
  g_free (f->detail);
  f->detail = g_strdup (detail->str);
  ld_finding_sort_attempts (f);
}

void
ld_rule_server_diagnostics (LdAnalysis   *analysis,
                            const LdRule *rule,
                            LdRuleOut    *out)
{
  GPtrArray *trace = ld_analysis_get_trace_events (analysis);
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func (group_free);

  for (guint i = 0; trace != NULL && i < trace->len; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (trace, i);
      ServerDiag d;
      const ServerCode *code;
      const char *rule_id;
      const LdAttempt *a;
      Group *g = NULL;

      if (!parse_diag (ev, &d) || (int) d.severity < 0)
        continue;
      code = lookup_code (&d);
      /* The generic row takes what no row of the table explains. */
      rule_id = code != NULL ? code->rule : "server-diagnostic";
      if (strcmp (rule_id, rule->id) != 0)
        continue;

      for (guint k = 0; k < groups->len && g == NULL; k++)
        {
          Group *c = g_ptr_array_index (groups, k);

          if (c->has_code == d.has_code && (!d.has_code || c->raw_code == d.code) &&
              (d.has_code || (c->first.text_len == d.text_len && memcmp (c->first.text, d.text, d.text_len) == 0)))
            g = c;
        }
      if (g == NULL)
        {
          g = g_new0 (Group, 1);
          g->code = code;
          g->has_code = d.has_code;
          g->raw_code = d.code;
          g->first = d;
          g->peers = g_string_new (NULL);
          /* A record whose meaning LyncDiag does not know explains no
           * failure on its own: an error is a warning to look at, a
           * warning a note (the severities of ld-knowledge.h). */
          g->finding = ld_finding_new (rule->id,
                                       code != NULL ? LD_SEVERITY_ERROR
                                       : d.severity == LD_SEVERITY_ERROR ? LD_SEVERITY_WARNING : LD_SEVERITY_INFO,
                                       code != NULL ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_LOW,
                                       NULL, NULL);
          g->finding->title = dup_title (g);
          if (code != NULL && code->action != NULL)
            ld_finding_add_action (g->finding, _(code->action));
          /* One finding per code: each has its meaning and fix. */
          {
            g_autofree char *key = dup_group_key (&d);
            ld_finding_set_group (g->finding, key);
          }
          g_ptr_array_add (groups, g);
        }
      g->records++;
      a = find_attempt (analysis, &d);
      if (g->finding->evidence->len < MAX_EVIDENCE)
        {
          g_autofree char *excerpt = dup_excerpt (&d);

          ld_finding_add_evidence (g->finding, a != NULL ? a->id : 0, ev->input, ev->line, ev->time, excerpt);
        }
      else if (a != NULL)
        ld_finding_add_attempt (g->finding, a->id);
      if (d.peer != NULL && g->peers->len < 200)
        {
          g_autofree char *peer = g_strndup (d.peer, d.peer_len);

          if (strstr (g->peers->str, peer) == NULL)
            g_string_append_printf (g->peers, "%s%s", g->peers->len > 0 ? ", " : "", peer);
        }
    }

  for (guint k = 0; k < groups->len; k++)
    {
      Group *g = g_ptr_array_index (groups, k);

      finish_group (g);
      ld_rule_emit (out, g_steal_pointer (&g->finding));
    }
}

/**
 * ld_server_result_code_lookup:
 * @code: a SIPStack Result-Code or Schannel status
 * @meaning: (out) (optional): what it means, translated
 *
 * Returns: (nullable): its name as the trace writes it, or %NULL when it is
 *   not in the table
 */
const char *
ld_server_result_code_lookup (guint32      code,
                              const char **meaning)
{
  for (guint i = 0; i < G_N_ELEMENTS (server_codes); i++)
    if (server_codes[i].code == code)
      {
        if (meaning != NULL)
          *meaning = _(server_codes[i].meaning);
        return server_codes[i].name;
      }
  return NULL;
}
