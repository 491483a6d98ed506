/* ld-sip-message-private.h - what the SIP message parser and its readers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether the first @n bytes of @s are @lit's, ASCII case aside: what
 * g_ascii_strncasecmp (@s, @lit, @n) == 0 says when @lit has no NUL in
 * them. It stops at the first byte that differs, so @s may be a shorter
 * NUL-terminated string. Inline: the parsers ask it of every header name,
 * where the library call, a byte at a time through g_ascii_tolower(), was
 * a twentieth of all the command line's instructions. */
static inline gboolean
_ld_ascii_equal_n (const char *s,
                   const char *lit,
                   gsize       n)
{
  for (gsize i = 0; i < n; i++)
    {
      guchar a = (guchar) s[i], b = (guchar) lit[i];

      /* Both the same letter when they differ only in the case bit. */
      if (a != b && ((a | 0x20) != (b | 0x20) || (guchar) ((a | 0x20) - 'a') > 'z' - 'a'))
        return FALSE;
    }
  return TRUE;
}

const char *_ld_sip_expand_compact    (const char *name,
                                       gsize       len);
const char *_ld_sip_header_find_param (const char *header_value,
                                       const char *param,
                                       gsize      *len);

G_END_DECLS
