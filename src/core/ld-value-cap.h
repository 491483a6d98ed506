/* ld-value-cap.h - one value from a log never larger than LD_MAX_VALUE, and the cut said
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes kept of one value read from a log: a header value, a request URI,
 * a reason phrase. Real ones are far shorter (a CallerMediaDebug value is
 * about 500 bytes, a Kerberos token a few KB); a longer one is cut, with a
 * mark saying how long it was, so that no window, PDF or Markdown table is
 * asked to lay out a megabyte on one line. */
#define LD_MAX_VALUE       (16 * 1024)
/* A trace line kept for the rules that read them (host names, errors). */
#define LD_MAX_TRACE_TEXT  (64 * 1024)

char     *ld_value_cap_take  (char        *value);
char     *ld_value_cap_dup   (const char  *value,
                              gsize        len);
char     *ld_value_cut       (char        *value,
                              gsize        keep,
                              gsize        total);
gboolean  ld_value_is_cut    (const char  *value);

G_END_DECLS
