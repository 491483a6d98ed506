/* ld-analysis-compact.c - a call's message as the analysis keeps it: what is read of it, stored once
 *
 * Without the message browser, the analysis keeps of a call's messages
 * only the headers and body lines that something reads (the attempts, the
 * exchanges, the rules, the wizard, the call flow), and stores their text
 * in its string store, the values of diagnostic headers once each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-analysis"

#include "config.h"

#include <string.h>

#include "ld-analysis.h"
#include "ld-analysis-private.h"
#include "ld-sip-message-private.h"

/* Without the message browser, a kept message's headers are read only by
 * name, and only these names are asked for: the attempts (Expires of a
 * REGISTER), the exchanges (Event, Content-Type of a NOTIFY), the rules
 * (Content-Type, Warning, the diagnostics), the input's client
 * (User-Agent, Server) and the call flow. Keep this list whole: a header
 * dropped here is one the CLI's rules never see (the app keeps all). */
static const char *const read_headers[] = {
  "Content-Type", "Event", "Expires", "Server", "User-Agent", "Warning",
};

static gboolean
header_is_read (const char *name,
                const char *value,
                gsize       value_len)
{
  static const char host[] = ".lync.com";
  /* Asked of every header of every kept message, so a name is compared
   * only where its first two letters could be one of theirs (OR 0x20 is a
   * letter's lower case; another byte it turns into a letter is no
   * header's, and the full comparison decides anyway; a name of one
   * letter ends in a NUL, which OR 0x20 turns into a space). */
  char first = (char) (name[0] | 0x20);
  LdDiagHeader diag;

  /* The diagnostics' names begin "ms-", after any white space. */
  if ((first == 'm' || g_ascii_isspace (name[0])) && ld_diag_header_from_name (name, &diag))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (read_headers); i++)
    if (first == (read_headers[i][0] | 0x20) && (name[1] | 0x20) == (read_headers[i][1] | 0x20) &&
        g_ascii_strcasecmp (name, read_headers[i]) == 0)
      return TRUE;
  /* The wizard reads every header of an attempt for a Lync Online host
   * (ld-wizard-answers.c): a value naming one is kept, whatever its name. */
  return _ld_text_contains_from (value, value_len, host, sizeof host - 1, 3);
}

/* Drops the headers of @msg that nothing reads (see read_headers): Via,
 * Contact, Supported, Max-Forwards, CSeq and the like, which made up most
 * of the headers a call's messages kept, and whose values (Via, CSeq) are
 * stored once per message. Their fields (From, To, Call-ID, CSeq…) stay. */
static void
drop_unread_headers (LdSipMessage *msg)
{
  guint kept = 0;

  for (guint i = 0; i < msg->n_headers; i++)
    {
      LdHeader *h = &msg->headers[i];

      if (header_is_read (h->name, h->value, strlen (h->value)))
        msg->headers[kept++] = *h;
      else
        {
          g_free (h->name);
          g_free (h->value);
        }
    }
  /* The parse made the array to the size of every header. */
  if (kept == 0)
    g_clear_pointer (&msg->headers, g_free);
  else if (kept < msg->n_headers)
    msg->headers = g_renew (LdHeader, msg->headers, kept);
  msg->n_headers = kept;
}

/* Whether a line of a kept message's body (after its first) is one
 * something reads without the browser: an SDP media line (the call's
 * modality, ld-attempts.c), ICE's remote candidates (ld-attempts.c), a
 * relay candidate (the relays the rules and the network check name,
 * ld-rules.c), a registration event (the sign-out's reason,
 * ld-rules-sip.c). Keep it whole: a line dropped here is one the CLI's
 * rules never see (the app keeps the body). */
static gboolean
body_line_is_read (const char *line,
                   gsize       len)
{
  if (len >= 2 && line[0] == 'm' && line[1] == '=')
    return TRUE;
  /* A relay candidate, with "relay" in it ('y' is rare in SDP, a cheap
   * first look). */
  if (_ld_text_contains_from (line, len, "relay", 5, 4) &&
      ((len >= 12 && memcmp (line, "a=candidate:", 12) == 0) || _ld_text_contains_from (line, len, "typ relay", 9, 2)))
    return TRUE;
  return _ld_text_contains_from (line, len, "a=remote-candidates", 19, 8) || _ld_text_contains_from (line, len, "event=", 6, 1);
}

/* Appends to @out what is read of @body (@len bytes, not empty, no NUL):
 * everything up to the end of the first line that is not blank, for what
 * reads a body's start (v=0, "deregistered"), then the lines
 * body_line_is_read() names. The rest, most of an SDP offer or answer
 * (codecs, crypto keys, host and reflexive candidates), is kilobytes a call
 * in a real log that nothing reads. */
static void
keep_read_body (const char *body,
                gsize       len,
                GString    *out)
{
  const char *end = body + len;
  const char *p = body;
  const char *line;

  while (p < end && g_ascii_isspace (*p))
    p++;
  p = memchr (p, '\n', end - p);
  if (p == NULL)
    {
      g_string_append_len (out, body, len);
      return;
    }
  p++;
  g_string_append_len (out, body, p - body);
  for (line = p; line < end;)
    {
      const char *nl = memchr (line, '\n', end - line);
      gsize line_len = nl != NULL ? (gsize) (nl + 1 - line) : (gsize) (end - line);

      if (body_line_is_read (line, line_len))
        g_string_append_len (out, line, line_len);
      line += line_len;
    }
}

/* Drops the lines of @msg's body nothing reads (see keep_read_body()). */
static void
drop_unread_body (LdSipMessage *msg)
{
  GString *kept;
  gsize len;

  if (msg->body == NULL || *msg->body == '\0')
    return;
  len = strlen (msg->body);
  kept = g_string_sized_new (len + 1);
  keep_read_body (msg->body, len, kept);
  g_free (msg->body);
  msg->body = g_string_free (kept, FALSE);
}

/* What the analysis reads of a message without the browser, for
 * _ld_sip_message_parse_compact(): what _ld_analysis_drop_unread() leaves. */
const LdSipKeepFilter _ld_analysis_read_filter = { header_is_read, keep_read_body };

static gboolean
keep_every_header (const char *name,
                   const char *value,
                   gsize       value_len)
{
  return TRUE;
}

static void
keep_whole_body (const char *body,
                 gsize       len,
                 GString    *out)
{
  g_string_append_len (out, body, len);
}

/* With the message browser, a call's messages keep every header and their
 * whole body, as the full parse and _ld_analysis_compact_message() keep them. */
const LdSipKeepFilter _ld_analysis_browser_filter = { keep_every_header, keep_whole_body };

/* _ld_sip_message_compact(), with the values of the diagnostic headers
 * stored once each: compacting stores those as they are, as if each were
 * different, but a log repeats them in thousands of calls ("51004;
 * reason=\"Action initiated by user\"", a meeting host's media debug),
 * and they were the largest text a kept call message held. They are
 * taken out while the rest is compacted and put back in their places. */
void
_ld_analysis_compact_message (LdAnalysis   *self,
                              LdSipMessage *msg)
{
  g_autofree LdHeader *diag = NULL;
  g_autofree guint *at = NULL;
  guint n = msg->n_headers, n_plain = 0, n_diag = 0;

  if (msg->diag_count == 0 || n == 0)
    {
      _ld_sip_message_compact (msg, self->strings);
      return;
    }
  diag = g_new (LdHeader, n);
  at = g_new (guint, n);
  for (guint i = 0; i < n; i++)
    {
      LdHeader h = msg->headers[i];
      LdDiagHeader which;

      if (ld_diag_header_from_name (h.name, &which))
        {
          diag[n_diag].name = _ld_string_chunk_take (self->strings, h.name, TRUE);
          diag[n_diag].value = _ld_string_chunk_take (self->strings, h.value, TRUE);
          at[n_diag++] = i;
        }
      else
        msg->headers[n_plain++] = h;
    }
  msg->n_headers = n_plain;
  _ld_sip_message_compact (msg, self->strings);
  if (n_diag == 0)
    return;
  msg->headers = g_renew (LdHeader, msg->headers, n);
  /* From the end: each place gets the last diagnostic or other header
   * not placed yet, as it was. */
  for (guint i = n, p = n_plain, d = n_diag; i-- > 0;)
    msg->headers[i] = d > 0 && at[d - 1] == i ? diag[--d] : msg->headers[--p];
  msg->n_headers = n;
}

/* Drops what nothing reads of @msg without the message browser: its
 * headers but those read_headers names, and its body's lines but those
 * body_line_is_read() names. */
void
_ld_analysis_drop_unread (LdSipMessage *msg)
{
  drop_unread_headers (msg);
  drop_unread_body (msg);
}
