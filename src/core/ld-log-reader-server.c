/* ld-log-reader-server.c - SIPStack server traces: protocol and diagnostic records
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OCS 2007 R2, Lync and Skype for Business servers trace SIP through
 * OCSLogger / the Centralized Logging Service; formatted as text, a record
 * starts with a head line
 *   TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (SIPStack,…)$$begin_record
 * and ends with "$$end_record". A protocol record carries the message in
 * fields ("Direction:", "Peer:", "Start-Line:", the headers, "Message-Body:").
 * A diagnostic record (TL_ERROR/TL_WARN(TF_DIAG), or TF_COMPONENT with
 * "LogType: diagnostic") carries "Severity:", "Text:", "Result-Code:",
 * "SIP-Start-Line:", "SIP-Call-ID:", "SIP-CSeq:", "Peer:", "Data:"; the
 * support article on Test-CsFederatedPartner quotes one whose head line has
 * no "$$begin_record", so a "TL_…(…)…::date" line opens a record on its own.
 * Diagnostic records go to the trace callback whole, level the head's
 * "TL_…" word; what they mean is ld-rules-server.c's business.
 */
#define G_LOG_DOMAIN "ld-log-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "ld-log-reader-private.h"

static const char *
find_lit (const char *s,
          gsize       len,
          const char *lit,
          gsize       litlen)
{
  if (s == NULL || len < litlen)
    return NULL;
  return memmem (s, len, lit, litlen);
}

static gboolean
server_field (const char  *line,
              gsize        len,
              const char  *name,
              const char **value,
              gsize       *value_len)
{
  gsize n = strlen (name);

  if (len < n + 1 || g_ascii_strncasecmp (line, name, n) != 0 || line[n] != ':')
    return FALSE;
  *value = line + n + 1;
  *value_len = len - n - 1;
  while (*value_len > 0 && **value == ' ')
    (*value)++, (*value_len)--;
  return TRUE;
}

/* "TL_ERROR(TF_DIAG) [sfvedge\sfvedge]0584.0A44::03/02/2017-07:10:46.230…":
 * a record head, with or without "$$begin_record" at its end. */
gboolean
_ld_log_reader_is_server_head (const char *line,
                               gsize       len)
{
  const char *dc;

  if (len < 24 || line[0] != 'T' || line[1] != 'L' || line[2] != '_')
    return FALSE;
  dc = find_lit (line, MIN (len, 200), "::", 2);
  return dc != NULL && dc + 2 < line + len && g_ascii_isdigit (dc[2]);
}

static void
append_diag (LdLogReader *self,
             const char  *line,
             gsize        len)
{
  GString *d = self->diag;

  if (d->len + 1 + len > LD_LOG_READER_MAX_DIAG && !self->diag_cut)
    {
      /* Said once per record; the findings read its first fields. */
      self->diag_cut = TRUE;
      _ld_log_reader_add_problem (self, g_strdup_printf (_("The server trace's record at line %llu is longer than "
                                                           "%u KB; only its beginning was read."),
                                                         (unsigned long long) self->rec_line,
                                                         LD_LOG_READER_MAX_DIAG / 1024));
    }
  if (d->len >= LD_LOG_READER_MAX_DIAG)
    return;
  if (d->len > 0)
    g_string_append_c (d, '\n');
  g_string_append_len (d, line, MIN (len, LD_LOG_READER_MAX_DIAG - d->len));
}

void
_ld_log_reader_server_end (LdLogReader *self,
                           gboolean     terminated)
{
  if (self->collecting)
    _ld_log_reader_finish_record (self, !terminated, LD_LOG_FORMAT_SERVER);
  else if (self->server == LD_SERVER_FIELDS && self->diag_fields)
    {
      self->diag_records++;
      if (self->trace_func != NULL)
        self->trace_func (self->rec_line, self->rec_time, self->server_level, self->diag->str, self->diag->len,
                          self->user_data);
    }
  g_string_truncate (self->diag, 0);
  self->diag_fields = FALSE;
  _ld_log_reader_clear_record_addresses (self);
  self->server = LD_SERVER_NONE;
  self->collecting = FALSE;
}

void
_ld_log_reader_server_begin (LdLogReader *self,
                             const char  *line,
                             gsize        len)
{
  const char *dc = find_lit (line, len, "::", 2);
  gint64 time = -1;
  gsize lvl = 0;

  if (self->server != LD_SERVER_NONE)
    _ld_log_reader_server_end (self, FALSE);
  else if (self->collecting)
    _ld_log_reader_finish_record (self, TRUE, LD_LOG_FORMAT_CLIENT);
  if (self->format == LD_LOG_FORMAT_UNKNOWN)
    self->format = LD_LOG_FORMAT_SERVER;

  /* "TL_INFO(TF_PROTOCOL) [0]06E4.0EB4::01/18/2012-05:00:43.101.00005386 (...)" */
  if (dc != NULL)
    {
      const char *p = dc + 2;

      if (_ld_log_parse_datetime (&p, line + len, '-', &time))
        _ld_log_reader_note_time (self, time, dc + 2, p - (dc + 2));
      else
        time = -1;
    }

  if (line[0] == 'T' && line[1] == 'L' && line[2] == '_')
    while (lvl < len && lvl < sizeof self->server_level - 1 && line[lvl] != '(' && line[lvl] != ' ')
      lvl++;
  if (lvl > 0)
    memcpy (self->server_level, line, lvl);
  else
    lvl = g_strlcpy (self->server_level, "SERVER", sizeof self->server_level);
  self->server_level[lvl] = '\0';

  self->server = LD_SERVER_FIELDS;
  self->collecting = FALSE;
  g_string_truncate (self->text, 0);
  g_string_truncate (self->diag, 0);
  self->diag_cut = FALSE;
  append_diag (self, line, len);
  self->diag_fields = FALSE;
  self->rec_line = self->lines;
  self->rec_time = time;
  self->rec_direction = LD_DIRECTION_UNKNOWN;
  _ld_log_reader_clear_record_addresses (self);
}

void
_ld_log_reader_server_line (LdLogReader *self,
                            const char  *line,
                            gsize        len)
{
  const char *v;
  gsize vlen;

  if (LD_HAS_PREFIX (line, len, "$$end_record") ||
      (len >= 12 && memcmp (line + len - 12, "$$end_record", 12) == 0))
    {
      _ld_log_reader_server_end (self, TRUE);
      return;
    }

  switch (self->server)
    {
    case LD_SERVER_FIELDS:
      if (server_field (line, len, "Start-Line", &v, &vlen))
        {
          g_string_truncate (self->text, 0);
          _ld_log_reader_append_text (self, v, vlen);
          self->collecting = TRUE;
          /* Some renderings wrap a long start line onto the next line. */
          self->server = _ld_log_is_sip_start_line (v, vlen) ? LD_SERVER_HEADERS : LD_SERVER_START_CONT;
          break;
        }
      if (server_field (line, len, "Direction", &v, &vlen))
        {
          if (LD_HAS_PREFIX (v, vlen, "incoming"))
            self->rec_direction = LD_DIRECTION_RECEIVED;
          else if (LD_HAS_PREFIX (v, vlen, "outgoing"))
            self->rec_direction = LD_DIRECTION_SENT;
        }
      else if (server_field (line, len, "Peer", &v, &vlen) && !self->rec_remote.set)
        _ld_address_set (&self->rec_remote, v, vlen);
      else if (server_field (line, len, "Text", &v, &vlen) ||
               server_field (line, len, "Result-Code", &v, &vlen) ||
               server_field (line, len, "Severity", &v, &vlen) ||
               server_field (line, len, "LogType", &v, &vlen))
        self->diag_fields = TRUE;
      append_diag (self, line, len);
      break;

    case LD_SERVER_START_CONT:
      if (self->text->len > 0)
        g_string_truncate (self->text, self->text->len - 1);
      g_string_append_c (self->text, ' ');
      _ld_log_reader_append_text (self, line, len);
      self->server = LD_SERVER_HEADERS;
      break;

    case LD_SERVER_HEADERS:
      if (server_field (line, len, "Message-Body", &v, &vlen))
        {
          g_string_append_c (self->text, '\n');
          if (!(vlen == 1 && v[0] == '-'))
            _ld_log_reader_append_text (self, v, vlen);
          self->server = LD_SERVER_BODY;
        }
      else
        _ld_log_reader_append_text (self, line, len);
      break;

    case LD_SERVER_BODY:
      _ld_log_reader_append_text (self, line, len);
      break;

    case LD_SERVER_NONE:
    default:
      break;
    }
}
