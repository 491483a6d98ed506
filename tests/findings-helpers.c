/* findings-helpers.c - client logs built in memory and assertions on findings, shared by the findings tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "findings-helpers.h"

/* ---- Building client logs in memory ------------------------------------------ */

/* Framing as Lync 2010 writes it (tests/data/Communicator-uccapi-0.uccapilog):
 * a prefixed "Sending Packet" / "Data Received" line, the prefixed start
 * line, unprefixed headers and body, a prefixed "End of ..." line. */
static void
append_prefix (Log        *l,
               const char *level)
{
  guint t = l->ms;

  g_string_append_printf (l->text, "03/12/2013|%02u:%02u:%02u.%03u F20:1A0 %s :: ",
                          14 + t / 3600000, t / 60000 % 60, t / 1000 % 60, t % 1000, level);
}

void
log_trace (Log        *l,
           const char *level,
           const char *text)
{
  append_prefix (l, level);
  g_string_append_printf (l->text, "%s\n", text);
  l->ms += 7;
}

void
log_init (Log *l)
{
  memset (l, 0, sizeof *l);
  l->text = g_string_new (NULL);
  l->local = "10.10.4.22:51876";
  l->server = "198.51.100.7:443";
  l->self = "carol@fabrikam.com";
  l->ua = "UCCAPI/4.0.7577.4356 OC/4.0.7577.4356 (Microsoft Lync 2010)";
  log_trace (l, "INFO", "UCCP Tracing started for Microsoft Lync 2010");
}

void
log_clear (Log *l)
{
  g_string_free (l->text, TRUE);
}

/* @headers: one header per line, each ending in "\n". */
void
log_sip (Log        *l,
         gboolean    sent,
         const char *start,
         const char *headers,
         const char *body)
{
  g_autofree char *msg = NULL;
  gsize n;

  body = body != NULL ? body : "";
  msg = g_strdup_printf ("%s\n%sContent-Length: %zu\n\n%s", start, headers, strlen (body), body);
  n = strlen (msg);
  append_prefix (l, "INFO");
  if (sent)
    g_string_append_printf (l->text, "Sending Packet - %s (From Local Address: %s) %zu bytes:\n",
                            l->server, l->local, n);
  else
    g_string_append_printf (l->text, "Data Received -%s (To Local Address: %s) %zu bytes:\n",
                            l->server, l->local, n);
  append_prefix (l, "INFO");
  g_string_append (l->text, msg);
  if (msg[n - 1] != '\n')
    g_string_append_c (l->text, '\n');
  l->ms += 1;
  append_prefix (l, "INFO");
  if (sent)
    g_string_append_printf (l->text, "End of Sending Packet - %s (From Local Address: %s) %zu bytes\n",
                            l->server, l->local, n);
  else
    g_string_append_printf (l->text, "End of Data Received -%s (To Local Address: %s) %zu bytes\n",
                            l->server, l->local, n);
  l->ms += 250;
}

static const char *
reason_for (int status)
{
  switch (status)
    {
    case 200: return "OK";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 415: return "Unsupported Media Type";
    case 480: return "Temporarily Unavailable";
    case 486: return "Busy Here";
    case 488: return "Not Acceptable Here";
    case 500: return "Server Internal Error";
    case 503: return "Service Unavailable";
    case 504: return "Server time-out";
    case 603: return "Decline";
    default: return "Failed";
    }
}

void
log_call (Log        *l,
          const Call *c)
{
  g_autofree char *call_id = g_strdup_printf ("5e%02u9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c", ++l->serial);
  g_autofree char *from = g_strdup_printf ("<sip:%s>;tag=a%uf1;epid=5e6f7a8b9c", l->self, l->serial);
  g_autofree char *to_tag = g_strdup_printf ("b%uc2", l->serial);
  g_autofree char *local_ip = g_strndup (l->local, strcspn (l->local, ":"));
  g_autofree char *body = NULL;
  g_autofree char *start = NULL;
  g_autofree char *headers = NULL;
  g_autofree char *dialog = NULL;

  if (g_strcmp0 (c->media, "message") == 0)
    body = g_strdup_printf ("v=0\no=- 0 0 IN IP4 %s\ns=session\nc=IN IP4 %s\nt=0 0\nm=message 5060 sip null\n"
                            "a=accept-types:text/plain multipart/alternative\n", local_ip, local_ip);
  else if (c->media != NULL)
    {
      gboolean tcp = strcmp (c->media, "applicationsharing") == 0;

      body = g_strdup_printf ("v=0\no=- 0 0 IN IP4 %s\ns=session\nc=IN IP4 %s\nt=0 0\n"
                              "m=%s 50020 %s\n"
                              "a=candidate:1 1 %s 2130706431 %s 50020 typ host\n"
                              "a=candidate:3 1 %s 16648703 198.51.100.20 57040 typ relay raddr 203.0.113.40 rport 50020\n",
                              local_ip, local_ip, c->media, tcp ? "TCP/RTP/AVP 127" : "RTP/SAVP 114 0",
                              tcp ? "TCP-PASS" : "UDP", local_ip, tcp ? "TCP-PASS" : "UDP");
    }
  start = g_strdup_printf ("INVITE %s SIP/2.0", c->to);
  headers = g_strdup_printf ("Via: SIP/2.0/TLS %s\nMax-Forwards: 70\nFrom: %s\nTo: <%s>\nCall-ID: %s\n"
                             "CSeq: 1 INVITE\nContact: <sip:%s;opaque=user:epid:Ab12Cd34Ef56Gh78Ij90KlAAA;gruu>\n"
                             "User-Agent: %s\nContent-Type: %s\n",
                             l->local, from, c->to, call_id, l->self, l->ua,
                             c->invite_type != NULL ? c->invite_type
                               : c->media != NULL ? "application/sdp" : "application/cccp+xml");
  log_sip (l, TRUE, start, headers, body);
  if (c->status == 0)
    return;

  g_clear_pointer (&start, g_free);
  g_clear_pointer (&headers, g_free);
  start = g_strdup_printf ("SIP/2.0 %d %s", c->status, reason_for (c->status));
  headers = g_strdup_printf ("Via: SIP/2.0/TLS %s;ms-received-port=51876\nFrom: %s\nTo: <%s>;tag=%s\n"
                             "Call-ID: %s\nCSeq: 1 INVITE\n%s",
                             l->local, from, c->to, to_tag, call_id,
                             c->final_headers != NULL ? c->final_headers : "");
  log_sip (l, FALSE, start, headers, NULL);

  dialog = g_strdup_printf ("Via: SIP/2.0/TLS %s\nFrom: %s\nTo: <%s>;tag=%s\nCall-ID: %s\n",
                            l->local, from, c->to, to_tag, call_id);
  g_clear_pointer (&start, g_free);
  g_clear_pointer (&headers, g_free);
  start = g_strdup_printf ("ACK %s SIP/2.0", c->to);
  headers = g_strdup_printf ("%sCSeq: 1 ACK\n", dialog);
  log_sip (l, TRUE, start, headers, NULL);

  if (c->status == 200 && c->bye_headers != NULL)
    {
      l->ms += 9000;
      g_clear_pointer (&start, g_free);
      g_clear_pointer (&headers, g_free);
      start = g_strdup_printf ("BYE %s SIP/2.0", c->to);
      headers = g_strdup_printf ("%sCSeq: 2 BYE\nUser-Agent: %s\n%s", dialog, l->ua, c->bye_headers);
      log_sip (l, TRUE, start, headers, NULL);
      g_clear_pointer (&headers, g_free);
      headers = g_strdup_printf ("%sCSeq: 2 BYE\n", dialog);
      log_sip (l, FALSE, "SIP/2.0 200 OK", headers, NULL);
    }
  l->ms += 60000;
}

/* ms-client-diagnostics in a BYE, as the caller writes it. */
char *
media_failure (int         code,
               const char *reason,
               const char *media)
{
  return g_strdup_printf ("ms-client-diagnostics: %d; reason=\"%s\";CallerMediaDebug=\"%s\"\n", code, reason, media);
}


LdAnalysis *
analyse_logs (Log *first,
              ...)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  guint n = 0;
  va_list ap;

  va_start (ap, first);
  for (Log *l = first; l != NULL; l = va_arg (ap, Log *))
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("memory-%u.uccapilog", n++);

      g_assert_true (ld_analysis_add_data (analysis, name, l->text->str, l->text->len, &error));
      g_assert_no_error (error);
    }
  va_end (ap);
  ld_analysis_finish (analysis);
  return analysis;
}

LdAnalysis *
analyse_log (Log *l)
{
  return analyse_logs (l, NULL);
}

LdAnalysis *
analyse_file (const char *name)
{
  LdAnalysis *analysis = ld_analysis_new (LD_ANALYSIS_FLAGS_NONE);
  g_autoptr(GFile) file = g_file_new_for_path (g_test_get_filename (G_TEST_DIST, "data", name, NULL));
  g_autoptr(GError) error = NULL;

  g_assert_true (ld_analysis_add_file (analysis, file, NULL, &error));
  g_assert_no_error (error);
  ld_analysis_finish (analysis);
  return analysis;
}

/* One call in an otherwise empty log. */
LdAnalysis *
analyse_call (const Call *c)
{
  Log l;
  LdAnalysis *an;

  log_init (&l);
  log_call (&l, c);
  an = analyse_log (&l);
  log_clear (&l);
  return an;
}

/* ---- Asserting on findings ------------------------------------------------------ */

const LdFinding *
find (LdAnalysis *an,
      const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (an);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (strcmp (f->id, id) == 0)
        return f;
    }
  return NULL;
}

guint
count (LdAnalysis *an,
       const char *id)
{
  GPtrArray *findings = ld_analysis_get_findings (an);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    n += strcmp (((const LdFinding *) g_ptr_array_index (findings, i))->id, id) == 0;
  return n;
}

const LdFinding *
expect (LdAnalysis   *an,
        const char   *id,
        LdSeverity    severity,
        LdConfidence  confidence)
{
  const LdFinding *f = find (an, id);

  if (f == NULL)
    g_error ("expected a %s finding", id);
  g_assert_cmpstr (ld_severity_to_string (f->severity), ==, ld_severity_to_string (severity));
  g_assert_cmpstr (ld_confidence_to_string (f->confidence), ==, ld_confidence_to_string (confidence));
  g_assert_nonnull (f->title);
  g_assert_nonnull (f->detail);
  g_assert_cmpuint (strlen (f->title), >, 10);
  g_assert_cmpuint (strlen (f->detail), >, 40);
  g_assert_cmpuint (f->actions->len, >, 0);
  g_assert_cmpuint (f->evidence->len, >, 0);
  return f;
}

void
assert_absent (LdAnalysis *an,
               const char *id)
{
  const LdFinding *f = find (an, id);

  if (f != NULL)
    g_error ("unexpected %s finding: %s", id, f->title);
}

/* A healthy situation: nothing at error or warning level. */
void
assert_no_alarm (LdAnalysis *an)
{
  GPtrArray *findings = ld_analysis_get_findings (an);

  for (guint i = 0; i < findings->len; i++)
    {
      const LdFinding *f = g_ptr_array_index (findings, i);

      if (f->severity != LD_SEVERITY_INFO)
        g_error ("unexpected %s %s finding: %s", ld_severity_to_string (f->severity), f->id, f->title);
    }
}

const LdEvidence *
evidence (const LdFinding *f,
          guint            i)
{
  g_assert_cmpuint (i, <, f->evidence->len);
  return &g_array_index (f->evidence, LdEvidence, i);
}

gboolean
actions_mention (const LdFinding *f,
                 const char      *text)
{
  for (guint i = 0; i < f->actions->len; i++)
    if (strstr (g_ptr_array_index (f->actions, i), text) != NULL)
      return TRUE;
  return FALSE;
}

/* The evidence names the message that carries the diagnostic, quoting the
 * header exactly as ld_finding_dup_diag_excerpt() writes it. */
void
assert_diag_evidence (LdAnalysis      *an,
                      const LdFinding *f,
                      guint            attempt_id,
                      int              code)
{
  const LdAttempt *a = ld_analysis_get_attempt_by_id (an, attempt_id);
  const LdDiagnostic *d = NULL;
  g_autofree char *excerpt = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (a);
  for (guint i = 0; i < a->diagnostics->len && d == NULL; i++)
    if (((const LdDiagnostic *) g_ptr_array_index (a->diagnostics, i))->code == code)
      d = g_ptr_array_index (a->diagnostics, i);
  g_assert_nonnull (d);
  excerpt = g_strdup_printf ("%s: %s", ld_diag_header_to_string (d->header), d->raw);
  for (guint i = 0; i < f->evidence->len; i++)
    {
      const LdEvidence *e = evidence (f, i);

      if (e->attempt == attempt_id && e->line == d->message->line && e->input == d->message->input &&
          g_strcmp0 (e->excerpt, excerpt) == 0)
        found = TRUE;
    }
  g_assert_true (found);
}

gboolean
attached (LdAnalysis      *an,
          guint            attempt_id,
          const LdFinding *f)
{
  const LdAttempt *a = ld_analysis_get_attempt_by_id (an, attempt_id);

  for (guint i = 0; a != NULL && i < a->findings->len; i++)
    if (g_ptr_array_index (a->findings, i) == f)
      return TRUE;
  return FALSE;
}

/* One request and, when @status is not 0, its final response, in a
 * transaction of its own (a REGISTER, a SERVICE, a NOTIFY). @sent says who
 * sent the request; the response goes the other way. */
void
log_exchange (Log        *l,
              gboolean    sent,
              const char *method,
              const char *uri,
              const char *headers,
              const char *body,
              int         status,
              const char *response_headers)
{
  g_autofree char *call_id = g_strdup_printf ("7a%02u9a8b7c6d5e4f4a3b2c1d0e9f8a7b6c", ++l->serial);
  g_autofree char *self_uri = g_strdup_printf ("sip:%s", l->self);
  g_autofree char *start = g_strdup_printf ("%s %s SIP/2.0", method, uri);
  g_autofree char *req = NULL;

  req = g_strdup_printf ("Via: SIP/2.0/TLS %s\nMax-Forwards: 70\nFrom: <%s>;tag=c%u1\nTo: <%s>\nCall-ID: %s\n"
                         "CSeq: 1 %s\nUser-Agent: %s\n%s",
                         l->local, self_uri, l->serial, self_uri, call_id, method, l->ua, headers != NULL ? headers : "");
  log_sip (l, sent, start, req, body);
  if (status != 0)
    {
      g_autofree char *resp_start = g_strdup_printf ("SIP/2.0 %d %s", status, reason_for (status));
      g_autofree char *resp = g_strdup_printf ("Via: SIP/2.0/TLS %s\nFrom: <%s>;tag=c%u1\nTo: <%s>;tag=d%u2\n"
                                               "Call-ID: %s\nCSeq: 1 %s\n%s",
                                               l->local, self_uri, l->serial, self_uri, l->serial, call_id, method,
                                               response_headers != NULL ? response_headers : "");
      log_sip (l, !sent, resp_start, resp, NULL);
    }
  l->ms += 1000;
}
