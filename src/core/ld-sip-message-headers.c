/* ld-sip-message-headers.c - what a parsed SIP message says: its headers by name, its one-line summary,
 * the addresses and parameters of its header values
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#define G_LOG_DOMAIN "ld-sip"

#include "config.h"

#include <string.h>

#include "ld-sip-message.h"
#include "ld-sip-message-private.h"

/**
 * ld_sip_message_get_header:
 * @msg: a message
 * @name: a header name, long or compact form, any case
 *
 * Returns: (transfer none) (nullable): the value of the first header named @name
 */
const char *
ld_sip_message_get_header (const LdSipMessage *msg,
                           const char         *name)
{
  const char *canon = _ld_sip_expand_compact (name, strlen (name));

  if (canon != NULL)
    name = canon;
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const LdHeader *h = &msg->headers[i];
      if (g_ascii_strcasecmp (h->name, name) == 0)
        return h->value;
    }
  return NULL;
}

/**
 * ld_sip_message_dup_headers:
 * @msg: a message
 * @name: a header name, long or compact form, any case
 *
 * Returns: (transfer container) (element-type utf8): the values of every
 *   header named @name, in order; borrowed strings
 */
GPtrArray *
ld_sip_message_dup_headers (const LdSipMessage *msg,
                            const char         *name)
{
  const char *canon = _ld_sip_expand_compact (name, strlen (name));
  GPtrArray *ret = g_ptr_array_new ();

  if (canon != NULL)
    name = canon;
  for (guint i = 0; i < msg->n_headers; i++)
    {
      const LdHeader *h = &msg->headers[i];
      if (g_ascii_strcasecmp (h->name, name) == 0)
        g_ptr_array_add (ret, h->value);
    }
  return ret;
}

const char *
ld_sip_message_get_user_agent (const LdSipMessage *msg)
{
  const char *ua = ld_sip_message_get_header (msg, "User-Agent");

  return ua ? ua : ld_sip_message_get_header (msg, "Server");
}

/**
 * ld_sip_message_dup_summary:
 * @msg: a message
 *
 * Returns: (transfer full): one line as a call-flow arrow would show it:
 *   "INVITE sip:…" or "200 OK (INVITE)"
 */
char *
ld_sip_message_dup_summary (const LdSipMessage *msg)
{
  if (msg->is_request)
    return g_strdup_printf ("%s %s", msg->method, msg->request_uri);
  if (msg->method != NULL && *msg->method != '\0')
    return g_strdup_printf ("%d %s (%s)", msg->status, msg->reason, msg->method);
  return g_strdup_printf ("%d %s", msg->status, msg->reason);
}

/* Appends @n bytes of @s at *@p if they fit before @end. */
static gboolean
append_span (char       **p,
             const char  *end,
             const char  *s,
             gsize        n)
{
  if (n >= (gsize) (end - *p))
    return FALSE;
  memcpy (*p, s, n);
  *p += n;
  return TRUE;
}

/**
 * ld_sip_message_summary_into:
 * @msg: a message
 * @buf: where to write
 * @size: its size
 *
 * Writes what ld_sip_message_dup_summary() returns into @buf, without
 * printf or an allocation: the JSON writes one for every message of an
 * attempt.
 *
 * Returns: %FALSE, @buf undefined, when it does not fit (or a field is
 *   missing): then call ld_sip_message_dup_summary()
 */
gboolean
ld_sip_message_summary_into (const LdSipMessage *msg,
                             char               *buf,
                             gsize               size)
{
  char *p = buf;
  const char *end = buf + size;

  if (msg->is_request)
    {
      if (msg->method == NULL || msg->request_uri == NULL ||
          !append_span (&p, end, msg->method, strlen (msg->method)) || !append_span (&p, end, " ", 1) ||
          !append_span (&p, end, msg->request_uri, strlen (msg->request_uri)))
        return FALSE;
    }
  else
    {
      char digits[16];
      char *d = digits + sizeof digits;
      guint v = msg->status;

      if (msg->reason == NULL)
        return FALSE;
      do
        *--d = (char) ('0' + v % 10);
      while ((v /= 10) != 0);
      if (!append_span (&p, end, d, digits + sizeof digits - d) || !append_span (&p, end, " ", 1) ||
          !append_span (&p, end, msg->reason, strlen (msg->reason)))
        return FALSE;
      if (msg->method != NULL && *msg->method != '\0' &&
          (!append_span (&p, end, " (", 2) || !append_span (&p, end, msg->method, strlen (msg->method)) ||
           !append_span (&p, end, ")", 1)))
        return FALSE;
    }
  *p = '\0';
  return TRUE;
}

/* Presence and keep-alive traffic that makes up most of a client log and
 * that nobody troubleshooting a call wants to scroll through. Not one that
 * carries a diagnostic header: the server saying why (a NOTIFY that signs
 * the user out with 4141 "User disabled", a subscription refused) is what
 * the troubleshooting is about. */
gboolean
ld_sip_message_is_noise (const LdSipMessage *msg)
{
  static const char *noise[] = { "SUBSCRIBE", "NOTIFY", "BENOTIFY", "OPTIONS" };

  if (msg->diag_count > 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (noise); i++)
    if (g_strcmp0 (msg->method, noise[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * ld_sip_uri_dup_address:
 * @header_value: a From/To/Contact value or a bare URI
 *
 * Returns: (transfer full) (nullable): the URI without display name, angle
 *   brackets, URI parameters or header parameters, e.g. "sip:joe@contoso.com"
 */
char *
ld_sip_uri_dup_address (const char *header_value)
{
  const char *lt, *start, *stop;

  if (header_value == NULL)
    return NULL;
  lt = strchr (header_value, '<');
  if (lt != NULL)
    {
      const char *gt = strchr (lt, '>');
      start = lt + 1;
      stop = gt ? gt : start + strlen (start);
    }
  else
    {
      start = header_value;
      while (*start == ' ')
        start++;
      stop = start + strlen (start);
    }
  for (const char *c = start; c < stop; c++)
    /* A '>' without its '<' ends it too: "To: sip:alice@fabrikam.com>;tag=…"
     * as [MS-SIPREGE] 4.1.3 prints it. */
    if (*c == ';' || *c == '?' || *c == ' ' || *c == '>')
      {
        stop = c;
        break;
      }
  if (stop <= start)
    return NULL;
  return g_ascii_strdown (start, stop - start);
}

/**
 * _ld_sip_header_find_param:
 * @header_value: a header value such as a From or To value
 * @param: a parameter name, e.g. "tag"
 * @len: (out): the length of its value
 *
 * Finds a header parameter as ld_sip_header_dup_param() does, in place.
 *
 * Returns: (nullable): where the parameter's value starts in @header_value
 */
const char *
_ld_sip_header_find_param (const char *header_value,
                           const char *param,
                           gsize      *len)
{
  const char *p = strchr (header_value, '>');
  gsize plen = strlen (param);

  p = p ? p : header_value;
  while ((p = strchr (p, ';')) != NULL)
    {
      p++;
      while (*p == ' ')
        p++;
      if (g_ascii_strncasecmp (p, param, plen) == 0 && (p[plen] == '=' || p[plen] == ' '))
        {
          const char *v = p + plen;
          const char *e;

          while (*v == ' ' || *v == '=')
            v++;
          e = v;
          while (*e != '\0' && *e != ';' && *e != ' ' && *e != ',' && *e != '>')
            e++;
          *len = e - v;
          return v;
        }
    }
  *len = 0;
  return NULL;
}

/**
 * ld_sip_header_dup_param:
 * @header_value: a header value such as a From or To value
 * @param: a parameter name, e.g. "tag"
 *
 * Finds a header parameter (after the closing angle bracket, or anywhere
 * after the first ';' when there is none).
 *
 * Returns: (transfer full) (nullable): the parameter's value
 */
char *
ld_sip_header_dup_param (const char *header_value,
                         const char *param)
{
  gsize len;
  const char *v = _ld_sip_header_find_param (header_value, param, &len);

  return v != NULL ? g_strndup (v, len) : NULL;
}

const char *
ld_direction_to_string (LdDirection direction)
{
  switch (direction)
    {
    case LD_DIRECTION_SENT:
      return "sent";
    case LD_DIRECTION_RECEIVED:
      return "received";
    case LD_DIRECTION_UNKNOWN:
    default:
      return "unknown";
    }
}
