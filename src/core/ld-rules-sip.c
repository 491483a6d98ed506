/* ld-rules-sip.c - findings from SIP responses, server codes and trace lines
 *
 * Server codes are read as [MS-OCER] lists them (ld-codes.c); the client
 * codes 52017 / 52035 as field logs show them.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-rules"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-analysis-private.h"
#include "ld-format.h"
#include "ld-rules-private.h"

/* ---- meet-lync-blocked -------------------------------------------------------- */

static gboolean
is_host_char (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '-';
}

/* The hosts of Lync Online meetings and web services: meet.lync.com and
 * any other *.lync.com name (webdir / sipdir .online.lync.com), any
 * "meet." host (on-premises simple URLs), and webdir / sipdir names. Any
 * letter case; checked in place, as most words of a trace line are not. */
static gboolean
is_meeting_host (const char *h,
                 gsize       len)
{
  if (memchr (h, '.', len) == NULL)
    return FALSE;
  return (len >= 5 && g_ascii_strncasecmp (h, "meet.", 5) == 0) ||
         (len == 8 && g_ascii_strncasecmp (h, "lync.com", 8) == 0) ||
         (len > 9 && g_ascii_strncasecmp (h + len - 9, ".lync.com", 9) == 0) ||
         (len >= 6 && g_ascii_strncasecmp (h, "webdir", 6) == 0) ||
         (len >= 6 && g_ascii_strncasecmp (h, "sipdir", 6) == 0);
}

/* The first meeting host named in @text, in lower case, or %NULL: the
 * first word of host characters that, without the dots and dashes at its
 * ends, is one (is_meeting_host()). Every such word has a dot inside it,
 * so only the words around the dots are looked at: thousands of trace
 * lines go through this, most of their words are not hosts, and strchr()
 * finds the next dot faster than a walk tells words apart. */
static char *
find_meeting_host (const char *text)
{
  const char *dot = strchr (text, '.');

  while (dot != NULL)
    {
      const char *start = dot, *end = dot;

      while (start > text && is_host_char (start[-1]))
        start--;
      while (is_host_char (*end))
        end++;
      while (start < end && (*start == '.' || *start == '-'))
        start++;
      while (end > start && (end[-1] == '.' || end[-1] == '-'))
        end--;
      if (end > start && is_meeting_host (start, end - start))
        return g_ascii_strdown (start, end - start);
      /* The next word with a dot, past this one. */
      while (is_host_char (*dot))
        dot++;
      dot = strchr (dot, '.');
    }
  return NULL;
}

/* "error" counts unless it reads as "no error", "error 0", "error=0" or
 * "errors: 0". */
static gboolean
has_real_error_word (const char *lower)
{
  for (const char *p = strstr (lower, "error"); p != NULL; p = strstr (p + 5, "error"))
    {
      const char *q = p + 5;

      if (p - lower >= 3 && strncmp (p - 3, "no ", 3) == 0)
        continue;
      if (*q == 's')
        q++;
      while (*q == ' ' || *q == '=' || *q == ':')
        q++;
      if (q[0] == '0' && !g_ascii_isdigit (q[1]) && q[1] != 'x')
        continue;
      return TRUE;
    }
  return FALSE;
}

/* The exact wording Lync uses for failed lookups and connections is not
 * documented, so the words are matched loosely; the level ERROR counts on
 * its own.  HRESULTs 0x8007nnnn are Win32 errors (0x80072EE2 is
 * ERROR_INTERNET_TIMEOUT). */
static gboolean
text_reports_failure (const char *level,
                      const char *text)
{
  static const char *words[] = {
    "fail", "unable", "timed out", "timeout", "time-out", "refused", "unreachable", "could not", "couldn't",
    "cannot", "can't", "0x8007", "hr=0x8", "not resolve", "denied",
  };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  if (level != NULL && g_ascii_strcasecmp (level, "ERROR") == 0)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return has_real_error_word (lower);
}

/* What a trace line must say besides the host and a failure for it to be
 * a failed connection to that host: a lookup, a connection or a request.
 * A host that is only named (source= of a header a server relayed, the
 * server a response came through) is not a connection that failed. */
static gboolean
text_names_connection (const char *text)
{
  static const char *words[] = {
    "connect", "lookup", "resolv", "dns", "request", "http", "download", "socket", "tls", "ssl", "url",
  };
  g_autofree char *lower = g_ascii_strdown (text, -1);

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (strstr (lower, words[i]) != NULL)
      return TRUE;
  return FALSE;
}

#define MEET_MAX_EVIDENCE 8

void
ld_rule_meet_lync_blocked (LdAnalysis   *analysis,
                           const LdRule *rule,
                           LdRuleOut    *out)
{
  GPtrArray *trace = ld_analysis_get_trace_events (analysis);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  g_autoptr(GPtrArray) hosts = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();  /* LdTraceEvent, borrowed */
  gint64 first = -1, last = -1;
  g_autoptr(GString) detail = NULL;
  g_autofree char *first_time = NULL;
  g_autofree char *last_time = NULL;
  g_autofree char *host_list = NULL;
  guint n_related = 0;
  LdFinding *f;

  for (guint i = 0; trace != NULL && i < trace->len; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (trace, i);
      g_autofree char *host = NULL;

      if (strstr (ev->text, "VQReportEvent") != NULL)
        continue;
      host = find_meeting_host (ev->text);
      if (host == NULL || !text_reports_failure (ev->level, ev->text) || !text_names_connection (ev->text))
        continue;
      g_ptr_array_add (lines, (gpointer) ev);
      if (ev->time >= 0 && (first < 0 || ev->time < first))
        first = ev->time;
      if (ev->time > last)
        last = ev->time;
      {
        gboolean known = FALSE;
        for (guint k = 0; k < hosts->len; k++)
          known |= strcmp (g_ptr_array_index (hosts, k), host) == 0;
        if (!known)
          g_ptr_array_add (hosts, g_steal_pointer (&host));
      }
    }

  if (lines->len == 0)
    return;

  g_ptr_array_add (hosts, NULL);
  host_list = g_strjoinv (", ", (char **) hosts->pdata);
  g_ptr_array_remove_index (hosts, hosts->len - 1);

  detail = g_string_new (NULL);
  first_time = ld_format_time (first);
  last_time = ld_format_time (last);
  g_string_append_printf (detail,
                          g_dngettext (GETTEXT_PACKAGE,
                                       "%u trace line (%s – %s) shows a name lookup, connection or web "
                                       "request to an online meeting host failing: %s.",
                                       "%u trace lines (%s – %s) show name lookups, connections or web "
                                       "requests to online meeting hosts failing: %s.",
                                       lines->len),
                          lines->len, first_time, last_time, host_list);
  g_string_append (detail, "\n");
  g_string_append (detail, _("Lync Online meetings (join links on meet.lync.com) and the Lync Online web services "
                             "(*.online.lync.com, webdir / sipdir) need these names to resolve and HTTPS to them "
                             "to pass. Microsoft's article on failed desktop sharing in Lync Online (KB 2386684) "
                             "names \"traffic to or from meet.lync.com is blocked\" as a cause. The wording of "
                             "these trace lines differs between client versions; LyncDiag matched host names "
                             "together with words of a failed lookup, connection or request, so read the lines "
                             "themselves."));

  f = ld_finding_new (rule->id, ld_rule_get_severity (rule),
                      lines->len >= 2 ? LD_CONFIDENCE_HIGH : LD_CONFIDENCE_MEDIUM,
                      g_strdup_printf (_("Connections to %s fail: the online meeting service looks blocked"),
                                       (const char *) g_ptr_array_index (hosts, 0)),
                      NULL);
  for (guint i = 0; i < lines->len && i < MEET_MAX_EVIDENCE; i++)
    {
      const LdTraceEvent *ev = g_ptr_array_index (lines, i);
      g_autofree char *excerpt = g_utf8_substring (ev->text, 0, MIN (g_utf8_strlen (ev->text, -1), 400));

      ld_finding_add_evidence (f, 0, ev->input, ev->line, ev->time, excerpt);
    }
  /* Meeting attempts that failed while these lookups failed (from a
   * minute before the first line to ten minutes after the last), with no
   * code of their own that says why: the finding covers them too.  A join
   * the focus refused (3012) or media that failed (23) has its own
   * explanation. */
  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      gboolean coded = FALSE;

      if (a->kind != LD_ATTEMPT_CONFERENCE ||
          (a->outcome != LD_OUTCOME_FAILED && a->outcome != LD_OUTCOME_NO_RESPONSE))
        continue;
      for (guint k = 0; k < a->diagnostics->len && !coded; k++)
        coded = ld_diagnostic_get_verdict (g_ptr_array_index (a->diagnostics, k)) == LD_CODE_FAILURE;
      if (coded)
        continue;
      if (first >= 0 && (a->start < first - 60 * 1000 || a->start > last + 10 * 60 * 1000))
        continue;
      if (n_related < MEET_MAX_EVIDENCE)
        ld_rule_add_attempt_evidence (f, a);
      else
        ld_finding_add_attempt (f, a->id);
      n_related++;
    }
  if (n_related > 0)
    {
      g_string_append_c (detail, '\n');
      g_string_append_printf (detail,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "%u meeting attempt failed around the same time.",
                                           "%u meeting attempts failed around the same time.", n_related),
                              n_related);
    }
  f->detail = g_string_free (g_steal_pointer (&detail), FALSE);

  {
    g_autofree char *action = g_strdup_printf (_("Allow outbound %s on the firewall and the proxy. KB 2409256 lists the "
                                                 "names Lync Online needs: *.lync.com, *.microsoftonline.com, "
                                                 "*.microsoftonline-p.com, *.onmicrosoft.com, *.outlook.com and the "
                                                 "certificate authorities' hosts."),
                                               ld_port_set_get_text ("online-web"));
    ld_finding_add_action (f, action);
  }
  ld_rule_emit (out, f);
}

/* 52035 comes back on instant-message INVITEs ("m=message"), which are not
 * call attempts: the kept messages are read instead. */
void
ld_rule_duplicate_conversation (LdAnalysis   *analysis,
                                const LdRule *rule,
                                LdRuleOut    *out)
{
  /* A response to an INVITE is in its dialog: the message browser's
   * presence traffic is not parsed yet, and holds none. */
  GPtrArray *messages = _ld_analysis_get_dialog_messages (analysis);
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  LdFinding *f = NULL;
  guint n = 0;

  for (guint i = 0; i < messages->len; i++)
    {
      const LdSipMessage *m = g_ptr_array_index (messages, i);
      const char *value;
      g_autoptr(LdDiagnostic) d = NULL;
      g_autofree char *excerpt = NULL;
      guint attempt = 0;

      if (m->is_request || m->diag_count == 0 ||
          (value = ld_sip_message_get_header (m, "ms-client-diagnostics")) == NULL)
        continue;
      /* Every response with a diagnostic passes here: look at the code
       * before paying for a full parse. */
      while (*value == ' ')
        value++;
      if (g_ascii_strtoll (value, NULL, 10) != 52035)
        continue;
      d = ld_diagnostic_parse (LD_DIAG_HEADER_MS_CLIENT_DIAGNOSTICS, value);
      if (d->code != 52035)
        continue;
      for (guint j = 0; j < attempts->len && attempt == 0; j++)
        {
          const LdAttempt *a = g_ptr_array_index (attempts, j);
          if (g_strcmp0 (a->call_id, m->call_id) == 0)
            attempt = a->id;
        }
      if (f == NULL)
        {
          g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);
          /* Which client refused it matters: the one whose log this is
           * (a 488 it sent) or the other one (a 488 it received). */
          f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_MEDIUM,
                              g_strdup (_("A conversation with the same ID was already open")),
                              m->direction == LD_DIRECTION_SENT
                              ? g_strdup_printf (_("This client answered %d %s with ms-client-diagnostics 52035: it "
                                                   "refused the new session itself. %s This happens when a "
                                                   "conversation window is reused after a reconnect; it is a "
                                                   "glitch, not a network fault."),
                                                 m->status, m->reason != NULL ? m->reason : "", meaning)
                              : g_strdup_printf (_("The other client answered %d %s with ms-client-diagnostics "
                                                   "52035: %s This happens when a conversation window is reused "
                                                   "after a reconnect; it is a glitch, not a network fault."),
                                                 m->status, m->reason != NULL ? m->reason : "", meaning));
        }
      excerpt = ld_finding_dup_diag_excerpt (d);
      if (n++ < 10)
        ld_finding_add_evidence (f, attempt, m->input, m->line, m->time, excerpt);
      else
        ld_finding_add_attempt (f, attempt);
    }
  if (f != NULL)
    ld_rule_emit (out, f);
}
/* ---- SIP statuses ------------------------------------------------------------------------ */

/* pidgin-sipe: a server component answered 415 "Mutipart mime in content
 * type not supported by Archiving CDR service" to Lync's multipart offer
 * (ICE draft 6 and RFC 5245 in one multipart/alternative body). */
void
ld_rule_multipart_refused (LdAnalysis   *analysis,
                           const LdRule *rule,
                           LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      const LdSipMessage *resp = NULL;
      gboolean failed = ld_rule_attempt_failed (a);
      g_autoptr(GString) s = NULL;
      LdFinding *f;

      for (guint j = 0; j < a->messages->len && resp == NULL; j++)
        {
          const LdSipMessage *m = g_ptr_array_index (a->messages, j);
          const char *ct, *warning, *diag;

          /* Headers are looked up by name: only for the 415s. */
          if (m->is_request || m->status != 415)
            continue;
          ct = ld_sip_message_get_header (a->invite, "Content-Type");
          warning = ld_sip_message_get_header (m, "Warning");
          diag = ld_sip_message_get_header (m, "ms-diagnostics");
          if ((ct != NULL && g_ascii_strncasecmp (ct, "multipart", 9) == 0) ||
              (m->reason != NULL && strstr (m->reason, "ultipart") != NULL) ||
              (warning != NULL && strstr (warning, "ultipart") != NULL) ||
              (diag != NULL && strstr (diag, "ultipart") != NULL))
            resp = m;
        }
      if (resp == NULL)
        continue;

      s = g_string_new (NULL);
      ld_rule_append_outcome (s, a);
      g_string_append_c (s, '\n');
      g_string_append (s, _("Lync offers media in a multipart/alternative body (ICE draft 6 and RFC 5245 in one "
                            "offer). The peer or a server component on the path does not accept multipart bodies "
                            "and answered 415 Unsupported Media Type; one server wording is \"Mutipart mime in "
                            "content type not supported by Archiving CDR service\". "));
      g_string_append (s, failed ? _("The call did not recover from it.")
                                 : _("The client retried with a single offer and the call went on."));
      f = ld_finding_new (rule->id, failed ? LD_SEVERITY_ERROR : LD_SEVERITY_INFO,
                          failed ? LD_CONFIDENCE_MEDIUM : LD_CONFIDENCE_LOW,
                          g_strdup (_("A peer or server refused the multipart media offer (415)")),
                          g_string_free (g_steal_pointer (&s), FALSE));
      ld_rule_add_message_evidence (f, a, resp, NULL);
      ld_rule_emit (out, f);
    }
}

/* ---- no-response / unexplained-failure ------------------------------------------------------ */

/* RFC 3261 Timer B: an INVITE transaction gives up after 64*T1 = 32 s. A log
 * that ends sooner than that after the INVITE may simply be cut off. */
#define INVITE_TIMEOUT_MS 32000

/* Every message a file ended inside (the log was rotated while it was
 * written and the next file was not read with it), in order. There are a
 * handful at most; gathered once, not once per unanswered INVITE, which made
 * this rule quadratic in the attempts of a large log. */
static GPtrArray *
collect_cut_messages (GPtrArray *attempts)
{
  GPtrArray *cut = g_ptr_array_new ();

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);

      for (guint m = 0; a->messages != NULL && m < a->messages->len; m++)
        {
          const LdSipMessage *msg = g_ptr_array_index (a->messages, m);

          if (msg->cut_at_end)
            g_ptr_array_add (cut, (gpointer) msg);
        }
    }
  return cut;
}

/* A message the input of @invite ended inside, after it. */
static const LdSipMessage *
find_cut_after (GPtrArray          *cut,
                const LdSipMessage *invite)
{
  for (guint i = 0; invite != NULL && i < cut->len; i++)
    {
      const LdSipMessage *msg = g_ptr_array_index (cut, i);

      if (msg->input == invite->input && msg->line > invite->line)
        return msg;
    }
  return NULL;
}

void
ld_rule_no_response (LdAnalysis   *analysis,
                     const LdRule *rule,
                     LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  GPtrArray *inputs = ld_analysis_get_inputs (analysis);
  g_autoptr(GPtrArray) cut_messages = collect_cut_messages (attempts);
  gint64 log_end = -1;

  for (guint i = 0; i < inputs->len; i++)
    {
      const LdInput *in = g_ptr_array_index (inputs, i);
      if (in->last_time > log_end)
        log_end = in->last_time;
    }

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      g_autofree char *label = NULL;
      gboolean cut_off;
      LdFinding *f;

      /* An INVITE's timeout (RFC 3261 Timer B); a routine request left
       * unanswered is another matter, usually the log's end. */
      if (a->outcome != LD_OUTCOME_NO_RESPONSE || ld_attempt_kind_is_routine (a->kind))
        continue;
      cut_off = log_end >= 0 && a->start >= 0 && log_end - a->start < INVITE_TIMEOUT_MS;
      /* (An invitation this client received and had not answered when the
       * log ends is no attempt: ld-attempts.c counts it as still offered.) */
      label = ld_rule_dup_attempt_label (a);
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), cut_off || a->incoming ? LD_CONFIDENCE_LOW : LD_CONFIDENCE_MEDIUM,
                          g_strdup_printf (_("No answer to the INVITE of attempt %u"), a->id),
                          a->incoming
                            ? g_strdup_printf (_("In %s this client received an INVITE and the log holds no answer "
                                                 "from this client to it, although the log goes on for longer than "
                                                 "the 32 seconds a SIP transaction waits (RFC 3261 Timer B). The "
                                                 "client may have stopped responding while the invitation was "
                                                 "shown, or its answer was not logged."), label)
                            : cut_off
                            ? g_strdup_printf (_("In %s the client sent an INVITE and the log ends less than 32 "
                                                 "seconds later, before any final response. The log may simply "
                                                 "have been copied too early."), label)
                            : g_strdup_printf (_("In %s the client sent an INVITE and the log holds no final "
                                                 "response to it, although it goes on for longer than the 32 "
                                                 "seconds a SIP transaction waits (RFC 3261 Timer B). The server "
                                                 "never answered, or the answer was lost on the network."),
                                               label));
      ld_rule_add_message_evidence (f, a, a->invite, NULL);
      /* The answer may be the message the log was cut in (reader's hook). */
      {
        const LdSipMessage *cut = find_cut_after (cut_messages, a->invite);

        if (cut != NULL)
          {
            g_autofree char *more = g_strdup_printf (_(" The file ends in the middle of a SIP message (line %llu), "
                                                       "cut when the log was rotated: the answer may be that "
                                                       "message, whose rest is in the next rotated file. Open that "
                                                       "file together with this one."),
                                                     (unsigned long long) cut->line);
            char *detail = g_strconcat (f->detail, more, NULL);

            g_free (f->detail);
            f->detail = detail;
            f->confidence = LD_CONFIDENCE_LOW;
            ld_finding_add_evidence (f, a->id, cut->input, cut->line, cut->time, NULL);
          }
      }
      ld_rule_emit (out, f);
    }
}

/* Runs last: the engine attaches findings to attempts only after every
 * rule ran, so "explained" is read from the findings made so far
 * (cross-attempt ones aside), by id: one pass over them, not one per
 * failed attempt. */
void
ld_rule_unexplained_failure (LdAnalysis   *analysis,
                             const LdRule *rule,
                             LdRuleOut    *out)
{
  GPtrArray *attempts = ld_analysis_get_attempts (analysis);
  const LdMediaIndex *media = ld_rule_media_index (analysis);
  g_autofree guint8 *explained = ld_rule_out_dup_explained (out, attempts->len);

  for (guint i = 0; i < attempts->len; i++)
    {
      const LdAttempt *a = g_ptr_array_index (attempts, i);
      const LdDiagnostic *d;
      g_autoptr(GString) s = NULL;
      LdMediaRefs refs;
      LdFinding *f;

      if (!ld_rule_attempt_failed (a) || (a->id <= attempts->len && explained[a->id]))
        continue;
      d = ld_attempt_get_primary_diagnostic (a);
      s = g_string_new (NULL);
      ld_rule_append_outcome (s, a);
      g_string_append_c (s, '\n');
      if (d != NULL)
        {
          g_autofree char *meaning = ld_code_dup_meaning (d->header, d->code, d->reason);
          g_string_append (s, meaning);
        }
      else if (a->sign_out && a->failure != NULL && a->failure->is_request)
        {
          /* The registrar's NOTIFY or BENOTIFY without a code: its body
           * names the event (RFC 3680 3.7: rejected, deactivated,
           * probation, unregistered...). */
          const char *body = a->failure->body;
          const char *event = body != NULL ? strstr (body, "event=") : NULL;
          g_autofree char *what = event != NULL ? g_strndup (event + 6, strcspn (event + 6, " \t\r\n;,")) : NULL;

          g_string_append_printf (s, _("The server ended this client's registration with a %s and no diagnostic code "
                                       "says why."), a->failure->method != NULL ? a->failure->method : "NOTIFY");
          if (what != NULL && *what != '\0')
            g_string_append_printf (s, _(" Its body says the registration was %s (RFC 3680: “rejected” is the "
                                         "server's policy, for example a disabled or moved account; “deactivated” "
                                         "and “probation” ask the client to sign in again, at once or later)."),
                                    what);
        }
      else if (a->final_response != NULL && a->final_response->cut_at_end)
        /* The reader's hook: a response its file ended inside (rotation). */
        g_string_append_printf (s, _("The request was answered with %d %s, but the file ends in the middle of that "
                                     "response (line %llu): the log was rotated while it was written, and its "
                                     "other headers, the diagnostic among them, are in the next rotated file. Open "
                                     "that file together with this one."),
                                a->status, a->status_reason != NULL ? a->status_reason : "",
                                (unsigned long long) a->final_response->line);
      else
        g_string_append_printf (s, _("The %s was answered with %d %s and no diagnostic header explains why."),
                                a->invite != NULL && a->invite->method != NULL ? a->invite->method : "INVITE",
                                a->status, a->status_reason != NULL ? a->status_reason : "");
      refs = ld_rule_get_media (media, a);
      if (refs.len > 0 && refs.v[0].media->has_ice_warn)
        {
          g_string_append_c (s, '\n');
          ld_rule_append_ice_bits (s, &refs.v[0]);
          g_string_append_c (s, '\n');
          ld_rule_append_media_facts (s, &refs.v[0]);
        }
      f = ld_finding_new (rule->id, ld_rule_get_severity (rule), LD_CONFIDENCE_LOW,
                          d == NULL && a->sign_out
                            ? g_strdup_printf (_("Attempt %u failed (signed out by the server)"), a->id)
                            : g_strdup_printf (_("Attempt %u failed (%s %d)"), a->id,
                                               d != NULL ? ld_diag_header_to_string (d->header) : "SIP",
                                               d != NULL ? d->code : a->status),
                          g_string_free (g_steal_pointer (&s), FALSE));
      {
        g_autofree char *group = d != NULL ? g_strdup_printf ("%s %d", ld_diag_header_to_string (d->header), d->code)
                                 : a->sign_out ? g_strdup (_("signed out by the server"))
                                 : g_strdup_printf ("SIP %d", a->status);
        ld_finding_set_group (f, group);
      }
      ld_rule_add_attempt_evidence (f, a);
      ld_rule_emit (out, f);
    }
}
